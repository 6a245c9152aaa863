"""The common shape of every phrase detector and helpers to count their matches.

Each detector module exposes ``detect(doc, *, found) -> list[PhraseMatch]`` over one
:class:`~analysis.phrases.document.Document`; offsets index into its normalised text. The kinds are listed in
:mod:`analysis.phrases.registry`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Callable, Iterable

__all__ = ["PhraseMatch", "resolve_overlaps", "context"]


@dataclass(frozen=True)
class PhraseMatch:
    """One occurrence of a phrase.

    ``phrase`` is the surface form exactly as in the text, ``canonical`` the form it counts as (equal to ``phrase``
    unless it is a misspelt variant or a masked form), ``cls`` the class within the kind (e.g. ``chengyu``,
    ``variant``, ``formula4`` for idioms), ``members`` the items of a parallel run, ``source`` why it was counted
    (which list or which rule of the detector, e.g. ``kb``, ``grammar:da``, ``xinhua``).
    """
    kind: str
    phrase: str
    canonical: str
    cls: str
    start: int
    end: int
    members: tuple[str, ...] = field(default=())
    gloss: str = ""
    source: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["class"] = d.pop("cls")
        d["members"] = list(self.members)
        return d


def resolve_overlaps(matches: Iterable[PhraseMatch], *, key: Callable[[PhraseMatch], tuple] | None = None
                     ) -> list[PhraseMatch]:
    """Keep a non-overlapping subset: earliest start first, then longest, then ``key`` (higher wins)."""
    key = key or (lambda m: ())
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start), tuple(-k for k in key(m))))
    out: list[PhraseMatch] = []
    last_end = -1
    for m in ordered:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out


def context(text: str, start: int, end: int, *, width: int = 20) -> tuple[str, str, str]:
    """``(left, match, right)`` around a span, newlines shown as spaces."""
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return left, text[start:end], right
