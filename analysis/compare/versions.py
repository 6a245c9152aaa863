"""Versions of one speech: groups of speeches that share most of their text with one another."""
from __future__ import annotations

from typing import Iterable, Mapping

__all__ = ["VERSION_SHARE", "version_groups", "representatives", "count_once"]

#: Reuse share (on both sides of a pair) from which two speeches count as versions of one text.
VERSION_SHARE = 0.5


def version_groups(pairs: list[dict], *, share: float = VERSION_SHARE) -> list[list[int]]:
    """Groups of speech ids linked by reuse pairs (``a``, ``b``, ``reuse_a``, ``reuse_b``) whose reuse reaches
    ``share`` on both sides: the connected components, each sorted, groups of one left out."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        if min(p["reuse_a"], p["reuse_b"]) >= share:
            parent[find(p["a"])] = find(p["b"])
    groups: dict[int, list[int]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def representatives(groups: list[list[int]], *, sizes: Mapping[int, int]) -> dict[int, int]:
    """``speech id -> the id that represents its group``: the longest version (``sizes``, e.g. Han characters),
    the lowest id on a tie. Speeches outside every group are not in the mapping."""
    out: dict[int, int] = {}
    for group in groups:
        rep = min(group, key=lambda i: (-int(sizes.get(i, 0)), i))
        out.update({i: rep for i in group})
    return out


def count_once(speech_ids: Iterable[int], groups: list[list[int]], *, sizes: Mapping[int, int]) -> list[int]:
    """``speech_ids`` with each group of versions counted once: the other versions of a group are dropped, its
    representative (:func:`representatives`) kept — or, if it is not among ``speech_ids``, the longest one that is."""
    ids = list(speech_ids)
    present = set(ids)
    keep: set[int] = set()
    for group in groups:
        chosen = [i for i in group if i in present]
        if chosen:
            keep.add(representatives([chosen], sizes=sizes)[chosen[0]])
    grouped = {i for g in groups for i in g}
    return [i for i in ids if i not in grouped or i in keep]
