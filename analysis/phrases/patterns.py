"""Four-character template detector (四字格): AABB, ABAB, ABAC and named frames such as 一A一B, 不A不B, 真A实B.

Dictionary idioms with a template's shape (堂堂正正, 一心一意, 精雕细刻) are reported too, with the note "成语",
since the template is a fact of their form; they are also counted by the idiom detector. Other windows: a character
template also matches many accidental windows (要把要求, 抓就抓出, 干部干事创业, 越来越近), so a window must line up
with jieba's words, split the same way in both halves, and — for a plain ABAC — be either a classic ABAC (B and C
make a word: 入细入微 → 细微), a coinage (对标对表), or two words of the same part of speech sharing a first
character (国际国内, 生产生活) rather than a modifier and its head (行政行为).
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from analysis.phrases import idioms
from analysis.phrases.idiom_data import idiom_set, variant_map
from typing import Mapping

from analysis.phrases.document import Document
from analysis.phrases.base import PhraseMatch
import jieba.posseg

from analysis.text.han4 import windows
from analysis.text.segment import pos_group, tokenizer_for

__all__ = ["detect", "template_of", "NAMED_REPEATS", "NAMED_FRAMES"]

#: ABAC frames named after their repeated first character (一心一意 → 一A一B).
NAMED_REPEATS = "一不无有没非半自大小多少边越愈又"
#: A_B_ frames with two fixed characters (真抓实干 → 真A实B).
NAMED_FRAMES = ("真实", "以促", "以带", "以保", "以代", "以养", "东西", "左右", "前后", "上下", "七八", "千万", "有无",
                "精细", "你我", "万千")

# Characters that make "A_A_" a grammatical construction rather than a template (抓就抓出, 能不能, 好不好).
_FUNCTION_B = set("就不没是了的着过得地")
# Function words that start accidental ABAC windows (的目的是, 把把关).
_FUNCTION_A = set("的了着过是在和与及或而也都就还我你他她它这那之其把被从向将")
# jieba frequency from which a three-character word counts as common (越来越 7867, 不得不 3096, 一步步 259).
_COMMON_FREQ = 100


def template_of(window: str) -> str | None:
    """The template a four-character string has, or None (no check of word boundaries)."""
    a, b, c, d = window
    if a == b and c == d and a != c:
        return "AABB"
    if a == c and b == d and a != b:
        return "ABAB"
    if a == c and len({a, b, d}) == 3:
        return f"{a}A{a}B" if a in NAMED_REPEATS else "ABAC"
    if a + c in NAMED_FRAMES and len({a, b, c, d}) == 4:
        return f"{a}A{c}B"
    return None


@lru_cache(maxsize=1)
def _frame_keys() -> np.ndarray:
    return np.array(sorted((ord(a) - 0x3400) << 15 | (ord(c) - 0x3400) for a, c in NAMED_FRAMES), dtype=np.int64)


def _template_starts(text: str) -> list[int]:
    """Starts of the windows that may have a template's shape (each is then named by :func:`template_of`): the
    same conditions on all windows at once."""
    win = windows(text)
    a, b, c, d = win.c
    distinct3 = (a != b) & (a != d) & (b != d)
    shaped = (a == b) & (c == d) & (a != c)          # AABB
    shaped |= (a == c) & (b == d) & (a != b)        # ABAB
    shaped |= (a == c) & distinct3                  # ABAC and the named repeats
    frames = _frame_keys()
    if len(frames) and len(a):
        pair = a << 15 | c
        i = np.searchsorted(frames, pair)
        i[i == len(frames)] = 0
        shaped |= (frames[i] == pair) & distinct3 & (a != c) & (b != c) & (c != d)
    return win.starts[shaped].tolist()


def _group(word: str, lex_tags: dict[str, str]) -> str:
    """Part-of-speech group of a dictionary word (lexicon tag first, then jieba's tag table)."""
    tag = lex_tags.get(word) or jieba.posseg.dt.word_tag_tab.get(word, "x")
    return pos_group(tag)


def _shape_ok(pieces: tuple[tuple[int, int], ...], start: int, known_halves: tuple[bool, bool]) -> bool:
    """Both halves split alike (2|2 or 1+1|1+1), or one token holds the middle and an end of the window.

    Halves split differently (要把|要求, 抓就|抓出) mean the second A belongs to another word, unless the half
    kept whole is not a dictionary word (抓早|抓+小: jieba guessed 抓早, so its split says little).
    """
    rel = [(s - start, e - start) for s, e in pieces]
    if len(rel) == 1:
        return True
    if any(s < 2 < e for s, e in rel):
        return any(s < 2 < e and (s == 0 or e == 4) for s, e in rel)
    left = [e - s for s, e in rel if e <= 2]
    right = [e - s for s, e in rel if s >= 2]
    if left == right:
        return True
    return (left == [2] and not known_halves[0]) or (right == [2] and not known_halves[1])


def detect(doc: Document, *, found: Mapping[str, list[PhraseMatch]]) -> list[PhraseMatch]:
    """Four-character templates in ``doc``, in text order; ``cls`` is the template name. ``found["idiom"]`` are
    the idiom matches of the same document (a dictionary idiom of a template shape counts where one was found)."""
    text = doc.text
    dictionary, variants = idiom_set(), variant_map()
    candidates = []
    for start in _template_starts(text):
        window = text[start:start + 4]
        name = template_of(window)
        if name and window not in variants:
            candidates.append((start, window, name))
    if not candidates:
        return []
    lexicon = doc.lexicon
    spans = idioms.token_spans(doc)
    freq = tokenizer_for(lexicon).FREQ
    lex_tags = dict(lexicon.entries)
    idiom_spans = [(m.start, m.end, m.cls) for m in found["idiom"]]

    def known(word: str) -> bool:
        return freq.get(word, 0) > 0

    def common(word: str) -> bool:
        # Frequent words only: jieba's dictionary also holds rare fragments such as 边学边.
        return freq.get(word, 0) >= _COMMON_FREQ

    out: list[PhraseMatch] = []
    for start, window, name in candidates:
        end = start + 4
        a, b, _, d = window
        if window in dictionary:
            # A dictionary idiom counts when the idiom detector found exactly this idiom here.
            if (start, end, "chengyu") in idiom_spans:
                out.append(PhraseMatch("pattern", window, window, name, start, end, gloss="成语"))
            continue
        # An idiom or set phrase owns its characters; only an exact set phrase may also count as a template.
        if any(s < end and start < e and not (s == start and cls == "formula4") for s, e, cls in idiom_spans):
            continue
        halves = (known(window[:2]), known(window[2:]))
        if not spans.fits(start, end):
            continue
        # A token guessed by jieba's HMM across an edge (要入|细入微) makes the inner split meaningless.
        guessed_edge = spans.cut_at(start, known_only=False) or spans.cut_at(end, known_only=False)
        if not guessed_edge and not _shape_ok(spans.pieces(start, end), start, halves):
            continue
        if name != "AABB":
            if b in _FUNCTION_B:
                continue
            # 越来越近: a three-character word plus one character is grammar, not a template.
            if common(window[:3]) or common(window[1:]):
                continue
        if name == "ABAC":
            if a in _FUNCTION_A:
                continue
            first, second = window[:2], window[2:]
            classic = known(b + d)
            coined = not all(halves)
            if not classic and not coined and _group(first, lex_tags) != _group(second, lex_tags):
                continue
        out.append(PhraseMatch("pattern", window, window, name, start, end))
    return out
