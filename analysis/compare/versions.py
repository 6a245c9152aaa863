"""Versions of one speech: groups of speeches that share most of their text with one another."""
from __future__ import annotations

__all__ = ["VERSION_SHARE", "version_groups"]

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
