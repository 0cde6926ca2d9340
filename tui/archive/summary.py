"""Link each 摘要 bullet to the item it announces."""

from __future__ import annotations

from collections.abc import Sequence

from tui.archive.model import Item, SummaryBullet, fold_for_id

#: rapidfuzz score above which a bullet that is neither equal nor a prefix still counts.
FUZZY_LINK_CUTOFF = 80.0


def link_bullets(
    bullets: Sequence[str], items: Sequence[Item], folded_headlines: Sequence[str] | None = None
) -> tuple[SummaryBullet, ...]:
    """Link bullets to items; `folded_headlines` are the items' `fold_for_id` headlines."""
    keys = folded_headlines or [fold_for_id(item.headline) for item in items]
    folded = list(zip(keys, items, strict=True))
    linked = []
    for bullet in bullets:
        key = fold_for_id(bullet)
        linked.append(SummaryBullet(bullet, _find(key, folded)))
    return tuple(linked)


def _find(key: str, folded: list[tuple[str, Item]]) -> str | None:
    if not key:
        return None
    for headline, item in folded:
        if headline == key:
            return item.id
    for headline, item in folded:
        if headline.startswith(key) or key.startswith(headline):
            return item.id
    for headline, item in folded:
        if key in headline:
            return item.id
    from rapidfuzz import fuzz, process

    choices = {index: headline for index, (headline, _) in enumerate(folded)}
    best = process.extractOne(
        key, choices, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_LINK_CUTOFF
    )
    return folded[best[2]][1].id if best else None
