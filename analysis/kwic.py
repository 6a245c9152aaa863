"""Keyword in context: every occurrence of a word, phrase or regular expression with its left and right context."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, asdict
from typing import Iterable

from analysis.corpus import Speech
from analysis.errors import InputError
from analysis.phrases import context

__all__ = ["KwicRow", "compile_query", "kwic", "kwic_counts", "SORTS"]

#: Orders offered for concordance lines: text order, left context read backwards from the match, right context.
SORTS = ("position", "left", "right")


@dataclass(frozen=True)
class KwicRow:
    """One concordance line; ``offset`` indexes the match start in ``speech.text``."""
    speech: int
    offset: int
    left: str
    match: str
    right: str

    def to_dict(self) -> dict:
        return asdict(self)


def compile_query(query: str, *, regex: bool = False) -> re.Pattern:
    """The search pattern: ``query`` literally, or as a regular expression (a clear error when it is invalid)."""
    if not query or not query.strip():
        raise InputError("the search query is empty")
    if not regex:
        return re.compile(re.escape(query))
    try:
        return re.compile(query)
    except re.error as exc:
        raise InputError(f"invalid regular expression {query!r}: {exc}") from None


def kwic(speeches: Iterable[Speech], query: str, *, regex: bool = False, width: int = 20,
         sort: str = "position") -> list[KwicRow]:
    """Concordance lines of ``query`` in each speech, ``width`` characters of context on each side.

    Matches do not overlap (regular-expression semantics) and empty matches are skipped. Newlines in contexts
    are shown as spaces. ``sort``: ``position`` (speech, offset), ``left`` (by the left context read from the
    match outwards, so words ending the same way group together) or ``right`` (by the right context).
    """
    if width < 0:
        raise InputError("the context width must not be negative")
    if sort not in SORTS:
        raise InputError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
    pattern = compile_query(query, regex=regex)
    rows: list[KwicRow] = []
    for sp in speeches:
        for m in pattern.finditer(sp.text):
            if m.end() == m.start():
                continue
            left, match, right = context(sp.text, m.start(), m.end(), width=width)
            rows.append(KwicRow(sp.id, m.start(), left, match.replace("\n", " "), right))
    if sort == "left":
        rows.sort(key=lambda r: (r.left[::-1], r.match, r.speech, r.offset))
    elif sort == "right":
        rows.sort(key=lambda r: (r.right, r.match, r.speech, r.offset))
    return rows


def kwic_counts(rows: Iterable[KwicRow], speeches: Iterable[Speech]) -> list[dict]:
    """Matches per speech (every speech listed, zeros included) with the rate per 10,000 characters."""
    n = Counter(r.speech for r in rows)
    out = []
    for sp in speeches:
        chars = max(len(sp.text) - sp.text.count("\n"), 1)
        out.append({"speech": sp.id, "title": sp.title, "count": n[sp.id],
                    "per_10k": round(n[sp.id] * 10_000 / chars, 2)})
    return out
