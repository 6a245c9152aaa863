"""Segmentation with jieba (precise mode) plus the lexicon, and part-of-speech tags for exactly those tokens.

jieba's default dictionary is process-global, and ``jieba.add_word`` would leak one user's words into every other
browser session. Each lexicon therefore gets its own ``jieba.Tokenizer``, cloned from one initialised base so the
1 s dictionary load happens once per process.

Tags are looked up for the tokens ``lcut`` produced (``jieba.posseg`` segments differently — it splits 放管服 —
and is several times slower), so filtering by part of speech can never change which tokens are counted.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

from analysis.text.lexicon import Lexicon
from analysis.text.normalize import PLACEHOLDER_RE, HAN_RE

__all__ = ["Segmentation", "segment", "tokenizer_for", "POS_GROUPS", "pos_group", "countable_flags"]

jieba.setLogLevel(logging.WARNING)
_LOCK = threading.Lock()
_WORD_RE = re.compile(r"[A-Za-z\u3400-\u9fff\uf900-\ufaff]")

#: Part-of-speech groups offered as filters, as prefixes of jieba (ICTCLAS) tags.
POS_GROUPS = {
    "noun": ("n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "s", "j"),
    "verb": ("v", "vd", "vn", "vg", "vi", "vq"),
    "adjective": ("a", "ad", "an", "ag", "b", "z"),
    "idiom": ("i", "l"),
    "other": (),
}


def pos_group(tag: str) -> str:
    for group, tags in POS_GROUPS.items():
        if tag in tags:
            return group
    return "other"


@dataclass(frozen=True)
class Segmentation:
    """Tokens of one text with their start offsets and tags; ``countable`` marks real words.

    Punctuation, whitespace, numbers and anonymisation placeholders are kept (offsets stay contiguous) but are
    never countable.
    """
    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    tags: tuple[str, ...]
    countable: tuple[bool, ...]

    def words(self) -> list[str]:
        return [t for t, c in zip(self.tokens, self.countable) if c]

    def __len__(self) -> int:
        return len(self.tokens)


@lru_cache(maxsize=1)
def _base() -> jieba.Tokenizer:
    base = jieba.Tokenizer()
    base.initialize()
    return base


@lru_cache(maxsize=16)
def tokenizer_for(lexicon: Lexicon) -> jieba.Tokenizer:
    """A tokenizer with ``lexicon`` added, shared by every session that uses the same lexicon."""
    with _LOCK:
        base = _base()
        tok = jieba.Tokenizer()
        tok.FREQ = dict(base.FREQ)
        tok.total = base.total
        tok.initialized = True
        for term, _tag in lexicon.entries:
            tok.add_word(term, freq=max(tok.suggest_freq(term, tune=False), 10), tag=None)
        return tok


@lru_cache(maxsize=1)
def _idiom_set() -> frozenset[str]:
    try:
        from analysis.phrases.idiom_data import idiom_set
        return frozenset(idiom_set())
    except Exception:  # the idiom data is optional for tagging
        return frozenset()


@lru_cache(maxsize=65536)
def _tag_unknown(word: str) -> str:
    # Words outside jieba's dictionary (found by its HMM): let posseg tag the word alone; keep one tag. The tagger
    # runs on the already-initialised base tokenizer, so jieba's global dictionary is never loaded a second time.
    pairs = _pos_tagger().lcut(word)
    return pairs[0].flag if len(pairs) == 1 else "x"


@lru_cache(maxsize=1)
def _pos_tagger():
    tagger = jieba.posseg.POSTokenizer(_base())
    tagger.word_tag_tab = jieba.posseg.dt.word_tag_tab   # share the tag table instead of reading it again
    return tagger


def _tag(word: str, lex_tags: dict[str, str]) -> str:
    if word in lex_tags:
        return lex_tags[word]
    tag = jieba.posseg.dt.word_tag_tab.get(word)
    if tag:
        return tag
    if len(word) == 4 and word in _idiom_set():
        return "i"
    if not HAN_RE.search(word):
        return "eng" if re.search(r"[A-Za-z]", word) else ("m" if re.search(r"\d", word) else "x")
    return _tag_unknown(word)


def countable_flags(text: str, tokens, starts) -> tuple[bool, ...]:
    """Which tokens are words: some Latin or Han letter, and not inside an anonymisation placeholder."""
    spans = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
    flags, p_i = [], 0
    for word, start in zip(tokens, starts):
        end = start + len(word)
        while p_i < len(spans) and spans[p_i][1] <= start:
            p_i += 1
        masked = p_i < len(spans) and spans[p_i][0] < end
        flags.append(bool(_WORD_RE.search(word)) and not masked)
    return tuple(flags)


def segment(text: str, *, lexicon: Lexicon) -> Segmentation:
    """Segment ``text`` (already normalised) in jieba's precise mode with HMM, using ``lexicon``.

    The last few hundred results are kept in memory, so the phrase detectors that need tokens of the same text
    share one segmentation instead of cutting the text again.
    """
    return _segment_memo(text, lexicon)


@lru_cache(maxsize=256)
def _segment_memo(text: str, lexicon: Lexicon) -> Segmentation:
    tok = tokenizer_for(lexicon)
    lex_tags = dict(lexicon.entries)
    tokens = tok.lcut(text, cut_all=False, HMM=True)
    starts, pos = [], 0
    for word in tokens:
        starts.append(pos)
        pos += len(word)
    countable = countable_flags(text, tokens, starts)
    placeholder_tags = {m.start() for m in PLACEHOLDER_RE.finditer(text)}
    tags = []
    for word, start, ok in zip(tokens, starts, countable):
        if ok:
            tags.append(_tag(word, lex_tags))
        elif PLACEHOLDER_RE.search(word) or start in placeholder_tags:
            tags.append("ph")
        else:
            tags.append("w")
    return Segmentation(tuple(tokens), tuple(starts), tuple(tags), countable)
