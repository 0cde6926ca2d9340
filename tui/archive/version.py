"""The version of what the parser makes of a file.

Bump PARSER_VERSION whenever a change to tui/archive can change the Issue read from the same
bytes: parsed issues cached on disk (tui/archive/cache.py) and the search indexes built from
them are thrown away when it changes, so every user sees what the new parser reads.
"""

PARSER_VERSION = 12
