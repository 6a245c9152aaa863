"""Idiom detector: dictionary idioms (成语), misspelt idioms, and official four-character set phrases.

Every four-character window of Han characters is looked up in the lists at once (:mod:`analysis.text.han4`), so idioms are found
whether jieba keeps them whole, splits them or glues them to a neighbour. A window is dropped when a dictionary
word of jieba's segmentation runs across either of its ends: a dictionary idiom that starts or ends in the middle
of a word is a coincidence across a word boundary, not an idiom. Tokens jieba made up with its HMM (not in its
dictionary, e.g. 中争 in 考核中争先进位) are too weak to overrule a match.

An idiom that is only part of a longer quoted expression (the halves of “不忘初心、牢记使命”) belongs to that slogan
and is not counted here; a quote that holds exactly one idiom (“实事求是”) counts as an idiom too. ``source`` names
the list a match came from: ``xinhua``, ``cedict`` or ``set_phrases`` (see :mod:`analysis.phrases.idiom_data`),
``idiom_variants`` for a listed misspelling, ``confusable`` for a one-character look-alike substitution,
``inversion`` for an ABCC idiom written CCAB (勃勃生机, counted as 生机勃勃), ``frame:zi`` for a set phrase built on
the frame X字当头 / X字优先 ("put X first": 稳字当头, 好字优先, “严”字当头) with any one character X that does not form
a word with 字 (名字, 数字), ``er-insertion`` for an idiom written with 而 between its halves, as in its classical
source (任重而道远, counted as 任重道远). A set phrase of the frame AXAY that is two members of a longer run AXAYAZ
(共建共享 in 共商共建共享, 敢说敢做 in 敢想敢说敢做) is not counted on its own; a dictionary idiom always is (不闻不问),
unless it is part of a longer idiom that the segmenter keeps as one word (不败之地 in 立于不败之地).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import add

from analysis.phrases.idiom_data import (formula4_set, idiom_set, idiom_sources, inverted_forms, known_misspellings,
                                         variant_map)
from typing import Mapping

from analysis.phrases.document import Document
from analysis.phrases.base import PhraseMatch
from analysis.text.han4 import WordSet, windows
from analysis.text.normalize import HAN_RE
from analysis.text.segment import in_dictionary, tokenizer_for

__all__ = ["detect", "TokenSpans", "token_spans", "CLASSES"]

#: Idiom classes, strongest first: where two candidate windows overlap, the stronger class wins.
CLASSES = ("chengyu", "variant", "formula4")

# "把担当作为标准" is 把 X 作为 Y ("take X as Y"), not the set phrase 担当作为: a window ending in 作为 right after
# a disposal marker is the construction.
_DISPOSAL = ("把", "将")
_QUOTE_RE = re.compile(r"“([^“”\n]+)”|「([^「」\n]+)」|『([^『』\n]+)』")
# X字当头 / X字优先, X one Han character, bare or quoted (“严”字当头).
_ZI_FRAME_RE = re.compile(r"(?:“([\u4e00-\u9fff])”|([\u4e00-\u9fff]))字(当头|优先)")


def _zi_frames(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, surface, canonical)`` of every X字当头 / X字优先 whose X字 is not a word (名字, 数字)."""
    out = []
    for m in _ZI_FRAME_RE.finditer(text):
        x = m.group(1) or m.group(2)
        if m.group(2) and in_dictionary(x + "字"):
            continue
        out.append((m.start(), m.end(), m.group(0), f"{x}字{m.group(3)}"))
    return out


def _er_insertions(text: str, idioms) -> list[tuple[int, int, str, str]]:
    """``(start, end, surface, idiom)`` of every AB而CD whose ABCD is a dictionary idiom (任重而道远)."""
    out = []
    for m in re.finditer("而", text):
        i = m.start()
        if i >= 2 and (idiom := text[i - 2:i] + text[i + 1:i + 3]) in idioms:
            out.append((i - 2, i + 3, text[i - 2:i + 3], idiom))
    return out


def _inside_longer_run(text: str, start: int, end: int) -> bool:
    """An AXAY set phrase that is two members of a longer run AXAYAZ (共建共享 in 共商共建共享, 敢说敢做 in
    敢想敢说敢做): the run is the expression, and the set phrase is not counted on its own."""
    a = text[start]
    if text[start + 2] != a:
        return False
    before = text[start - 2:start] if start >= 2 else ""
    after = text[end:end + 2]
    return any(len(pair) == 2 and pair[0] == a and HAN_RE.match(pair[1]) for pair in (before, after))


def _inside_longer_idiom(doc: Document, spans: "TokenSpans", start: int, end: int) -> bool:
    """The window lies inside one longer word that the segmenter's dictionary tags as an idiom or set expression
    (不败之地 in 立于不败之地): the longer idiom is the unit, and it is not a four-character one."""
    i = bisect_right(spans.starts, start) - 1
    if i < 0 or not spans.known[i] or spans.ends[i] - spans.starts[i] <= 4 or spans.ends[i] < end:
        return False
    return doc.segmentation.tags[i] in ("i", "l")


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
    words = set(idiom_set()) | set(variant_map()) | set(inverted_forms())
    return WordSet(words | set(formula4_set()) if include_formula4 else words)


def detect(doc: Document, *, found: Mapping | None = None, include_formula4: bool = True) -> list[PhraseMatch]:
    """Idioms in ``doc``, in text order, non-overlapping.

    ``cls`` is ``chengyu`` (dictionary idiom), ``variant`` (misspelt idiom; ``canonical`` is the correct form) or
    ``formula4`` (official set phrase from ``data/set_phrases.tsv``).
    """
    text = doc.text
    idioms, variants, inverted = idiom_set(), variant_map(), inverted_forms()
    formulas = formula4_set() if include_formula4 else frozenset()
    # (start, end, phrase, canonical, class, source); source None: named after the list below
    candidates: list[tuple[int, int, str, str, str, str | None]] = []
    win = windows(text)
    for start in win.starts[_listed(include_formula4).where(win)].tolist():
        window = text[start:start + 4]
        if window in idioms:
            candidates.append((start, start + 4, window, window, "chengyu", None))
        elif window in variants:
            candidates.append((start, start + 4, window, variants[window], "variant", None))
        elif window in inverted:
            candidates.append((start, start + 4, window, inverted[window], "chengyu", "inversion"))
        elif window in formulas:
            candidates.append((start, start + 4, window, window, "formula4", None))
    if "而" in text:
        candidates.extend((start, end, surface, idiom, "chengyu", "er-insertion")
                          for start, end, surface, idiom in _er_insertions(text, idioms))
    if include_formula4 and "字" in text:
        candidates.extend((start, end, surface, canonical, "formula4", "frame:zi")
                          for start, end, surface, canonical in _zi_frames(text) if surface not in formulas)
    if not candidates:
        return []
    spans = token_spans(doc)
    quotes = _inside_longer_quotes(text)
    sources, listed = idiom_sources(), known_misspellings()
    ranked = []
    for start, end, phrase, canonical, cls, source in candidates:
        if not spans.fits(start, end):
            continue
        if any(qs <= start and end <= qe for qs, qe in quotes):
            continue
        if phrase.endswith("作为") and start > 0 and text[start - 1] in _DISPOSAL:
            continue
        if cls == "formula4" and source is None and _inside_longer_run(text, start, end):
            continue
        if end - start == 4 and _inside_longer_idiom(doc, spans, start, end):
            continue
        fit = 1 if spans.aligned(start, end) else 0
        source = source or ("set_phrases" if cls == "formula4" else sources.get(canonical, "xinhua")
                            if cls == "chengyu" else "idiom_variants" if phrase in listed else "confusable")
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
