"""Cache files signed with a key of the user's: the parse cache's pickles, jieba's dictionary.

Unpickling runs whatever code a pickle names, so a cache file is only unpickled after its
signature — a keyed BLAKE2b of its bytes — checks out. The key (32 random bytes) lives in
the data directory, not the cache directory: anyone who can write the cache folder (a
shared or synced disk) but not the user's data cannot make zhoubao load a pickle. Keyed
BLAKE2b is the C module the cache already hashes files with: no OpenSSL to load before the
first frame, and ~1 GB/s, so checking even the whole-archive snapshot costs little.

When the data directory cannot hold a key (read-only), a key for this process only is used:
what it writes is rebuilt next time, which costs time and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import pickle

# `hmac.compare_digest` itself: `hmac` and `secrets` would load OpenSSL (~12 ms at start).
from _operator import _compare_digest as compare_digest
from pathlib import Path
from typing import Any

from tui import paths

try:  # the built-in module itself: `hashlib` would also load OpenSSL (~2 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

#: Every sealed file starts so; the signature follows, then the pickle.
MAGIC = b"zhoubao-sealed-1\n"
KEY_BYTES = 32
SIGNATURE_BYTES = 32

__all__ = ["blake2b", "read_sealed", "read_signed", "write_sealed", "write_signed"]

_keys: dict[Path, bytes] = {}


def _key() -> bytes:
    """The user's cache key: read once per process, made on first use."""
    path = paths.cache_key_file()
    key = _keys.get(path)
    if key is None:
        key = _keys[path] = _load_or_make_key(path)
    return key


def _load_or_make_key(path: Path) -> bytes:
    with contextlib.suppress(OSError):
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    key = os.urandom(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        try:
            # Two processes making the key at once: the first link wins, the other reads it.
            os.link(temporary, path)
        except FileExistsError:
            kept = path.read_bytes()
            if len(kept) != KEY_BYTES:  # a damaged key: replace it (old entries go stale)
                os.replace(temporary, path)
                return key
            key = kept
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
    except OSError:
        pass  # a key for this process only
    return key


def _signature(body: bytes | memoryview) -> bytes:
    return blake2b(body, key=_key(), digest_size=SIGNATURE_BYTES).digest()


def read_signed(path: Path) -> bytes | memoryview | None:
    """The bytes stored at `path` if their signature checks out, else None (missing,
    unsigned, signed with another key, damaged)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + SIGNATURE_BYTES
    if not data.startswith(MAGIC) or len(data) <= head:
        return None
    body = memoryview(data)[head:]
    if not compare_digest(data[len(MAGIC) : head], _signature(body)):
        return None
    return body


def write_signed(path: Path, body: bytes) -> None:
    """Sign and write atomically; a cache that cannot be written is simply not kept."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            handle.write(MAGIC + _signature(body) + body)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):  # nothing was written, or nowhere to write it
            tmp.unlink(missing_ok=True)


def read_sealed(path: Path) -> Any:
    """The object pickled at `path`, or None if `read_signed` refuses the file or it cannot
    be unpickled. The caller still checks its types."""
    body = read_signed(path)
    if body is None:
        return None
    try:
        return pickle.loads(body)
    # Our own pickle can still fail to load when a class it names changed shape since it was
    # written (AttributeError, TypeError, …): each means "no usable entry".
    except Exception:
        return None


def write_sealed(path: Path, payload: object) -> None:
    """Pickle, sign and write `payload` atomically."""
    write_signed(path, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
