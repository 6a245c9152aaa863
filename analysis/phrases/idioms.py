"""Idiom detector: dictionary idioms (成语), misspelt idioms, and official four-character set phrases.

Every four-character window of Han characters is looked up in the lists at once (:mod:`analysis.text.han4`), so idioms are found
whether jieba keeps them whole, splits them or glues them to a neighbour. A window is dropped when a dictionary
word of jieba's segmentation runs across either of its ends: a dictionary idiom that starts or ends in the middle
of a word is a coincidence across a word boundary, not an idiom. Tokens jieba made up with its HMM (not in its
dictionary, e.g. 中争 in 考核中争先进位) are too weak to overrule a match.

An idiom that is only part of a longer quoted expression (the halves of “不忘初心、牢记使命”) belongs to that slogan
and is not counted here; a quote that holds exactly one idiom (“实事求是”) counts as an idiom too. ``source`` names
the list a match came from: ``xinhua``, ``cedict`` or ``set_phrases`` (see :mod:`analysis.phrases.idiom_data`),
``idiom_variants`` for a listed misspelling, ``confusable`` for a one-character look-alike substitution.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import add

from analysis.phrases.idiom_data import formula4_set, idiom_set, idiom_sources, known_misspellings, variant_map
from typing import Mapping

from analysis.phrases.document import Document
from analysis.phrases.base import PhraseMatch
from analysis.text.han4 import WordSet, windows
from analysis.text.segment import tokenizer_for

__all__ = ["detect", "TokenSpans", "token_spans", "CLASSES"]

#: Idiom classes, strongest first: where two candidate windows overlap, the stronger class wins.
CLASSES = ("chengyu", "variant", "formula4")

# "把担当作为标准" is 把 X 作为 Y ("take X as Y"), not the set phrase 担当作为: a window ending in 作为 right after
# a disposal marker is the construction.
_DISPOSAL = ("把", "将")
_QUOTE_RE = re.compile(r"“([^“”\n]+)”|「([^「」\n]+)」|『([^『』\n]+)』")


def _inside_longer_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted expressions longer than four characters (their idioms belong to the slogan)."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        g = next(i for i in range(1, 4) if m.group(i) is not None)
        if len(m.group(g)) > 4:
            out.append((m.start(g), m.end(g)))
    return out


@dataclass(frozen=True)
class TokenSpans:
    """Token boundaries of one text: sorted token ``starts``, the matching ``ends``, and ``known`` (the token is a
    word of the segmenter's dictionary or lexicon, not one its HMM guessed)."""
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    known: tuple[bool, ...]

    def aligned(self, start: int, end: int) -> bool:
        """``start`` begins a token and ``end`` ends one."""
        i = bisect_right(self.starts, start) - 1
        j = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.starts[i] == start and self.ends[j] == end

    def inside_one_token(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end

    def cut_at(self, pos: int, *, known_only: bool = True) -> bool:
        """A dictionary word (any token with ``known_only=False``) runs across ``pos``."""
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.starts[i] < pos < self.ends[i] and (self.known[i] or not known_only)

    def fits(self, start: int, end: int) -> bool:
        """The span lies inside one token, or no dictionary word runs across either of its ends."""
        return self.inside_one_token(start, end) or not (self.cut_at(start) or self.cut_at(end))

    def pieces(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The token spans overlapping ``[start, end)``, clipped to it."""
        i = max(bisect_right(self.starts, start) - 1, 0)
        out = []
        while i < len(self.starts) and self.starts[i] < end:
            out.append((max(self.starts[i], start), min(self.ends[i], end)))
            i += 1
        return tuple(out)


@lru_cache(maxsize=4)
def _known_memo(lexicon) -> dict[str, bool]:
    """Whether each word type seen with ``lexicon`` is a dictionary word of more than one character."""
    return {}


@lru_cache(maxsize=64)
def token_spans(doc: Document) -> TokenSpans:
    """Token boundaries of ``doc``'s own segmentation (cached per document: several detectors read them)."""
    seg = doc.segmentation
    known = _known_memo(doc.lexicon.dictionary)
    new = set(seg.tokens).difference(known)   # looked up once per word type
    if new:
        freq = tokenizer_for(doc.lexicon).FREQ
        known.update((t, len(t) > 1 and freq.get(t, 0) > 0) for t in new)
    return TokenSpans(seg.starts, tuple(map(add, seg.starts, map(len, seg.tokens))),
                      tuple(map(known.__getitem__, seg.tokens)))


@lru_cache(maxsize=2)
def _listed(include_formula4: bool) -> WordSet:
    """Every four-character word the detector looks for: idioms, misspellings and (optionally) set phrases."""
    words = set(idiom_set()) | set(variant_map())
    return WordSet(words | set(formula4_set()) if include_formula4 else words)


def detect(doc: Document, *, found: Mapping | None = None, include_formula4: bool = True) -> list[PhraseMatch]:
    """Idioms in ``doc``, in text order, non-overlapping.

    ``cls`` is ``chengyu`` (dictionary idiom), ``variant`` (misspelt idiom; ``canonical`` is the correct form) or
    ``formula4`` (official set phrase from ``data/set_phrases.tsv``).
    """
    text = doc.text
    idioms, variants = idiom_set(), variant_map()
    formulas = formula4_set() if include_formula4 else frozenset()
    candidates: list[tuple[int, str, str, str]] = []
    win = windows(text)
    for start in win.starts[_listed(include_formula4).where(win)].tolist():
        window = text[start:start + 4]
        if window in idioms:
            candidates.append((start, window, window, "chengyu"))
        elif window in variants:
            candidates.append((start, window, variants[window], "variant"))
        elif window in formulas:
            candidates.append((start, window, window, "formula4"))
    if not candidates:
        return []
    spans = token_spans(doc)
    quotes = _inside_longer_quotes(text)
    sources, listed = idiom_sources(), known_misspellings()
    ranked = []
    for start, phrase, canonical, cls in candidates:
        end = start + 4
        if not spans.fits(start, end):
            continue
        if any(qs <= start and end <= qe for qs, qe in quotes):
            continue
        if phrase.endswith("作为") and start > 0 and text[start - 1] in _DISPOSAL:
            continue
        fit = 1 if spans.aligned(start, end) else 0
        source = ("set_phrases" if cls == "formula4" else sources.get(canonical, "xinhua") if cls == "chengyu"
                  else "idiom_variants" if phrase in listed else "confusable")
        ranked.append(((fit, -CLASSES.index(cls)),
                       PhraseMatch("idiom", phrase, canonical, cls, start, end, source=source)))
    # Strongest first, then earliest; a window is kept only if it overlaps nothing already kept.
    ranked.sort(key=lambda r: (tuple(-k for k in r[0]), r[1].start))
    taken: list[PhraseMatch] = []
    occupied: set[int] = set()
    for _rank, m in ranked:
        if not occupied.intersection(range(m.start, m.end)):
            taken.append(m)
            occupied.update(range(m.start, m.end))
    return sorted(taken, key=lambda m: m.start)
