"""Who the news is about: the source named before "：" in a headline, as one set per name.

`Item.entity` gives the text before the colon ("腾讯", "芒果 TV", "优酷、腾讯视频"); a list of
several sources counts for each of them. Names are compared folded (芒果TV = 芒果 tv), and
the names of one group of the search's alias table are one entity (B站 = 哔哩哔哩 =
bilibili), written as the archive writes it most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pyroaring import BitMap, FrozenBitMap

from tui.archive.model import Item
from tui.search.aliases import AliasTable
from tui.search.fold import fold

#: Between the sources of a list: "优酷、腾讯视频", "爱奇艺/优酷".
_SEPARATORS = re.compile(r"\s*[、，,/／&＆]\s*")


def names_in(entity: str) -> list[str]:
    """The sources of an entity text, each stripped ("优酷、腾讯视频" → 优酷, 腾讯视频)."""
    return [name for name in (part.strip() for part in _SEPARATORS.split(entity)) if name]


@dataclass(frozen=True)
class EntityCount:
    """An entity among a query's matches: how many, and its oldest and newest item there."""

    key: str
    name: str
    count: int
    first: Item
    last: Item


class EntityIndex:
    """For every entity of an archive, the items (numbers in reading order) that name it."""

    def __init__(self, items: Sequence[Item], aliases: AliasTable) -> None:
        self._items = items
        self._aliases = aliases
        spelled: dict[str, Counter[str]] = {}
        numbers: dict[str, list[int]] = {}
        # Raw entity text → (name, its key) of each source it names, worked out once.
        sources_of: dict[str, list[tuple[str, str]]] = {}
        for number, item in enumerate(items):
            entity = item.entity
            if entity is None:
                continue
            sources = sources_of.get(entity)
            if sources is None:
                sources = sources_of[entity] = [(n, self._key(n)) for n in names_in(entity)]
            for key in dict.fromkeys(key for _name, key in sources):
                numbers.setdefault(key, []).append(number)
            for name, key in sources:
                spelled.setdefault(key, Counter())[name] += 1
        self._members = {key: FrozenBitMap(found) for key, found in numbers.items()}
        # The spelling the archive uses most, per entity; ties go to the first seen.
        self._names = {key: names.most_common(1)[0][0] for key, names in spelled.items()}
        self._entity_items = BitMap().union(*self._members.values())

    def _key(self, name: str) -> str:
        """The entity a name belongs to: its folded form, or its alias group's first name."""
        folded = fold(name)
        others = self._aliases.of(folded)
        return min((folded, *others)) if others else folded

    def __len__(self) -> int:
        return len(self._members)

    def key_of(self, name: str) -> str:
        return self._key(name)

    def name_of(self, key: str) -> str:
        """How the archive writes the entity (the name asked for, if it never does)."""
        return self._names.get(key, key)

    def names_of(self, name: str) -> tuple[str, ...]:
        """Every name of the entity, folded: the name and its aliases (what to highlight)."""
        key = self._key(name)
        return tuple(dict.fromkeys((key, fold(name), *self._aliases.of(key))))

    def other_names(self, name: str) -> list[str]:
        """The entity's other names, as the alias table writes them (B站 → 哔哩哔哩, bilibili)."""
        shown = fold(self.name_of(self._key(name)))
        written = self._aliases.written
        return [written.get(n, n) for n in self.names_of(name) if n != shown]

    def items_of(self, name: str) -> BitMap:
        """The items whose headline names this entity or another name of it."""
        return BitMap(self._members.get(self._key(name), ()))

    def top(self, found: BitMap, limit: int) -> list[EntityCount]:
        """The entities named most among `found`, with the issues of their first and last
        item there; ties go to the entity named most recently."""
        if not found or not self._members:
            return []
        counted: list[tuple[int, int, str]] = []
        named = found & self._entity_items
        if not named:
            return []
        for key, members in self._members.items():
            count = members.intersection_cardinality(named)
            if count:
                counted.append((count, -(members & named).min(), key))
        counted.sort(reverse=True)
        top: list[EntityCount] = []
        for count, _newest, key in counted[:limit]:
            mine = self._members[key] & named
            newest, oldest = self._items[mine.min()], self._items[mine.max()]
            top.append(EntityCount(key, self.name_of(key), count, oldest, newest))
        return top
