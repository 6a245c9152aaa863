"""Segmentation with jieba (precise mode) plus the lexicon, and part-of-speech tags for exactly those tokens.

jieba's default dictionary is process-global, and ``jieba.add_word`` would leak one user's words into every other
browser session. Each lexicon therefore gets its own ``jieba.Tokenizer``, cloned from one initialised base so the
1 s dictionary load happens once per process.

Two engines give the same tokens: ``jieba`` (the reference) and ``fast``, jieba-rs (``rjieba``) loaded with the
same lexicon words at the frequencies jieba gives them, plus a post-pass for the two places where jieba-rs splits
differently (a non-Han token with ``-``, such as 1-6, which jieba cuts into 1/-/6; Han blocks, which jieba ends at
U+9FD5 and CJK extensions, so a text with such characters is split into jieba's blocks first). The fast engine is
used unless ``TIFALENS_SEGMENTER=jieba`` is set, rjieba is missing, or a lexicon word lies outside jieba's Han
blocks (where identity cannot be promised); a test compares both engines token for token on every built-in,
national and generated speech. Split rules of the lexicon (``全面/部署``) cut the tokens they name after either
engine has run.

Tags are looked up for the tokens ``lcut`` produced (``jieba.posseg`` segments differently — it splits 放管服 —
and is several times slower), so filtering by part of speech can never change which tokens are counted. A tag
depends only on the word and the lexicon, so tags are kept per word type (and the tags of words outside jieba's
dictionary, which need ``jieba.posseg``, can be saved and loaded with :func:`known_tags`/:func:`load_tags`).
"""
from __future__ import annotations

import gc
import logging
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter

import jieba

from analysis.text.lexicon import Lexicon
from analysis.text.normalize import PLACEHOLDER_RE, HAN_RE, placeholder_matches

__all__ = ["Segmentation", "segment", "tokenizer_for", "POS_GROUPS", "pos_group", "countable_flags", "cut",
           "ENGINES", "engine_for", "known_tags", "load_tags", "apply_splits", "preload"]

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
    _keep_for_good()
    return base


def in_dictionary(word: str) -> bool:
    """Whether ``word`` is a word of jieba's own dictionary (not one its HMM made up)."""
    return _base().FREQ.get(word, 0) > 0


def _keep_for_good() -> None:
    """The dictionaries just loaded live as long as the process: move them out of the cyclic collector's reach.
    Otherwise every full collection walks their millions of objects again (a third of the CPU time of an ingest)."""
    gc.freeze()


def tokenizer_for(lexicon: Lexicon) -> jieba.Tokenizer:
    """A tokenizer with ``lexicon`` added, shared by every session that uses the same words (split rules do not
    change the dictionary, so they share it too)."""
    return _tokenizer(lexicon.dictionary)


@lru_cache(maxsize=4)   # a tokenizer holds ~44 MB: four lexicons in use at once, not sixteen
def _tokenizer(lexicon: Lexicon) -> jieba.Tokenizer:
    with _LOCK:
        base = _base()
        tok = jieba.Tokenizer()
        tok.FREQ = dict(base.FREQ)
        tok.total = base.total
        tok.initialized = True
        for term, _tag in lexicon.entries:
            tok.add_word(term, freq=max(tok.suggest_freq(term, tune=False), 10), tag=None)
        _keep_for_good()
        return tok


#: Segmentation engines: ``jieba`` is the reference, ``fast`` gives the same tokens (see the module docstring).
ENGINES = ("fast", "jieba")
# jieba's own block regexes (jieba.re_han_default, re_skip_default, finalseg.re_skip).
_JIEBA_HAN_RE = jieba.re_han_default
_JIEBA_SKIP_RE = jieba.re_skip_default
_FINALSEG_SKIP_RE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# A text made only of these characters (Latin, punctuation, CJK symbols, Han up to U+9FD5, full-width forms) is
# cut by jieba-rs in one call; any other character (CJK extensions, U+9FD6–9FFF, Hangul …) may be Han to jieba-rs
# but not to jieba, so such a text is first split into jieba's blocks.
_OUTSIDE_JIEBA_HAN = re.compile(
    "[^\x00-\u024f\u2000-\u206f\u2150-\u218f\u2190-\u23ff\u2460-\u27bf\u3000-\u33ff\u4e00-\u9fd5"
    "\ufe30-\ufe4f\uff00-\uffef]")


def _fast_safe(lexicon: Lexicon) -> bool:
    """Whether every lexicon word lies inside one of jieba's Han blocks (else jieba-rs could match it across a
    block boundary that jieba never crosses)."""
    return all(_JIEBA_HAN_RE.fullmatch(t) and "-" not in t for t in lexicon.terms)


def engine_for(lexicon: Lexicon) -> str:
    """The engine :func:`segment` uses for ``lexicon``."""
    if os.environ.get("TIFALENS_SEGMENTER", "").strip().lower() == "jieba" or not _fast_safe(lexicon):
        return "jieba"
    return "fast" if _rjieba_for(lexicon) is not None else "jieba"


def _rjieba_for(lexicon: Lexicon):
    """A jieba-rs tokenizer with ``lexicon`` at the frequencies jieba's :func:`tokenizer_for` gives each word."""
    return _rjieba(lexicon.dictionary)


@lru_cache(maxsize=4)   # a tokenizer holds ~44 MB: four lexicons in use at once, not sixteen
def _rjieba(lexicon: Lexicon):
    try:
        import rjieba
    except ImportError:
        return None
    tok = tokenizer_for(lexicon)
    base = _base()
    with _LOCK:
        rj = rjieba.Jieba()
        # jieba's add_word adds the new frequency to the total; jieba-rs also subtracts the word's old frequency.
        # A word that can never be matched (no Han block holds U+0001) carries the difference, so both totals —
        # and so every route probability — agree.
        missing = 0
        for term in lexicon.terms:
            missing += base.FREQ.get(term, 0)   # lexicon terms are unique: none replaces an earlier one
            rj.add_word(term, tok.FREQ[term], None)
        if missing:
            rj.add_word("\x01\x01", missing, None)
    _keep_for_good()
    return rj


def _resplit(tokens: list[str], freq: dict) -> list[str]:
    """jieba cuts a run of non-Han characters that is no dictionary word with finalseg's pattern (letters and
    digits, a decimal part, a percent sign: 1-6 → 1/-/6, 67.b5 → 67/./b5); jieba-rs keeps such runs whole."""
    cut_types = {t for t in set(tokens) if len(t) > 1 and t.isascii() and not _FINALSEG_SKIP_RE.fullmatch(t)
                 and not freq.get(t)}
    if not cut_types:   # checked per word type: most texts have none
        return tokens
    out = []
    for t in tokens:
        if t in cut_types:
            out.extend(x for x in _FINALSEG_SKIP_RE.split(t) if x)
        else:
            out.append(t)
    return out


def _cut_fast(text: str, rj, freq: dict) -> list[str]:
    if not _OUTSIDE_JIEBA_HAN.search(text):
        return _resplit(rj.cut(text, True), freq)
    out: list[str] = []
    for blk in _JIEBA_HAN_RE.split(text):     # jieba.Tokenizer.cut, block by block
        if not blk:
            continue
        if _JIEBA_HAN_RE.match(blk):
            out.extend(_resplit(rj.cut(blk, True), freq))
        else:
            for x in _JIEBA_SKIP_RE.split(blk):
                if _JIEBA_SKIP_RE.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return out


def cut(text: str, *, lexicon: Lexicon, engine: str | None = None) -> list[str]:
    """Tokens of ``text`` in jieba's precise mode with HMM and ``lexicon`` (no tags), with ``engine`` (default
    :func:`engine_for`)."""
    words = lexicon.dictionary        # tokenizers depend on the words only, not on the split rules
    engine = engine or engine_for(words)
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    rj = _rjieba_for(words) if engine == "fast" else None
    if rj is not None:
        tokens = _cut_fast(text, rj, tokenizer_for(words).FREQ)
    else:
        tokens = tokenizer_for(words).lcut(text, cut_all=False, HMM=True)
    return apply_splits(tokens, lexicon.splits) if lexicon.splits else tokens


def apply_splits(tokens: list[str], splits) -> list[str]:
    """``tokens`` with every token that a split rule ``(word, parts)`` names replaced by its parts.

    A rule acts on whole tokens after segmentation, the same way for both engines (so they stay identical): the
    user who splits 全面部署 wants every token 全面部署 cut there, wherever the dictionary or the HMM made it.
    """
    rules = dict(splits)
    out: list[str] = []
    for t in tokens:
        parts = rules.get(t)
        if parts is None:
            out.append(t)
        else:
            out.extend(parts)
    return out


@lru_cache(maxsize=1)
def _idiom_set() -> frozenset[str]:
    try:
        from analysis.phrases.idiom_data import idiom_set
        return frozenset(idiom_set())
    except Exception:  # the idiom data is optional for tagging
        return frozenset()


#: Tags of words outside jieba's dictionary, from jieba.posseg (they depend only on the word).
_UNKNOWN_TAGS: dict[str, str] = {}
_NEW_UNKNOWN: set[str] = set()


def _tag_unknown(word: str) -> str:
    # Words outside jieba's dictionary (found by its HMM): let posseg tag the word alone; keep one tag. The tagger
    # runs on the already-initialised base tokenizer, so jieba's global dictionary is never loaded a second time.
    tag = _UNKNOWN_TAGS.get(word)
    if tag is None:
        pairs = _pos_tagger().lcut(word)
        tag = _UNKNOWN_TAGS[word] = pairs[0].flag if len(pairs) == 1 else "x"
        _NEW_UNKNOWN.add(word)
    return tag


def known_tags(*, new_only: bool = False) -> dict[str, str]:
    """The tags of words outside jieba's dictionary found so far (``new_only``: since the last call with it)."""
    if new_only:
        out = {w: _UNKNOWN_TAGS[w] for w in _NEW_UNKNOWN if w in _UNKNOWN_TAGS}
        _NEW_UNKNOWN.clear()
        return out
    return dict(_UNKNOWN_TAGS)


def load_tags(tags: dict[str, str]) -> None:
    """Tags saved by :func:`known_tags` in an earlier run (e.g. from the persistent cache)."""
    for w, t in tags.items():
        _UNKNOWN_TAGS.setdefault(w, t)


@lru_cache(maxsize=1)
def _pos_tagger():
    # POSTokenizer() would read jieba's tag table a second time (about a second): share the one jieba.posseg read.
    # Its HMM step runs on arrays (analysis.text.postag: the same tags, about ten times faster).
    from analysis.text.postag import fast_pos_tagger
    return fast_pos_tagger(_base(), _word_tag_tab())


@lru_cache(maxsize=1)
def _word_tag_tab() -> dict[str, str]:
    """jieba's tag table (read when ``jieba.posseg`` is first imported, about a second: only when a tag is needed,
    so a run that reads everything from the cache never pays it)."""
    import jieba.posseg
    _keep_for_good()
    return jieba.posseg.dt.word_tag_tab


@lru_cache(maxsize=4)   # a tokenizer holds ~44 MB: four lexicons in use at once, not sixteen
def _type_memo(lexicon: Lexicon) -> dict[str, tuple[bool, str, str]]:
    """What segmentation needs of each word type already seen with ``lexicon``: whether it has a letter, its tag
    when it is counted, its tag when it is not (``ph`` for a placeholder, ``w`` for the rest)."""
    return {}


def _type_info(word: str, memo: dict, lex_tags: dict[str, str]) -> tuple[bool, str, str]:
    letter = bool(_WORD_RE.search(word))
    info = memo[word] = (letter, _tag(word, lex_tags) if letter else "",
                         "ph" if PLACEHOLDER_RE.search(word) else "w")
    return info


def _tag(word: str, lex_tags: dict[str, str]) -> str:
    if word in lex_tags:
        return lex_tags[word]
    tag = _word_tag_tab().get(word)
    if tag:
        return tag
    if len(word) == 4 and word in _idiom_set():
        return "i"
    if not HAN_RE.search(word):
        return "eng" if re.search(r"[A-Za-z]", word) else ("m" if re.search(r"\d", word) else "x")
    return _tag_unknown(word)


_HAS_LETTER: dict[str, bool] = {}


def countable_flags(text: str, tokens, starts, *, placeholders: list | None = None) -> tuple[bool, ...]:
    """Which tokens are words: some Latin or Han letter, and not inside an anonymisation placeholder
    (``placeholders``: the :func:`~analysis.text.normalize.placeholder_matches` of ``text``, when already found)."""
    found = placeholder_matches(text) if placeholders is None else placeholders
    spans = [(m.start(), m.end()) for m in found]
    if not spans:   # the common case: a word is any token with a Latin or Han letter (looked up per word type)
        new = set(tokens).difference(_HAS_LETTER)
        _HAS_LETTER.update((w, bool(_WORD_RE.search(w))) for w in new)
        return tuple(map(_HAS_LETTER.__getitem__, tokens))
    flags, p_i = [], 0
    for word, start in zip(tokens, starts):
        end = start + len(word)
        while p_i < len(spans) and spans[p_i][1] <= start:
            p_i += 1
        masked = p_i < len(spans) and spans[p_i][0] < end
        flags.append(bool(_WORD_RE.search(word)) and not masked)
    return tuple(flags)


def preload(lexicon: Lexicon) -> None:
    """Load what segmenting and tagging with ``lexicon`` needs (jieba's dictionary, the fast engine, the tag
    table) now rather than on the first text: start-up work, as jieba's own ``initialize``."""
    segment("预热", lexicon=lexicon, memo=False)
    _pos_tagger()


def segment(text: str, *, lexicon: Lexicon, memo: bool = True) -> Segmentation:
    """Segment ``text`` (already normalised) in jieba's precise mode with HMM, using ``lexicon``.

    The last few dozen results are kept in memory, so the phrase detectors that need tokens of the same text
    share one segmentation instead of cutting the text again; ``memo=False`` (counting a corpus speech by speech)
    neither reads nor fills that memory.
    """
    return _segment_memo(text, lexicon) if memo else _segment_memo.__wrapped__(text, lexicon)


@lru_cache(maxsize=32)
def _segment_memo(text: str, lexicon: Lexicon) -> Segmentation:
    tokens = cut(text, lexicon=lexicon)
    starts = list(accumulate(map(len, tokens), initial=0))
    starts.pop()
    memo = _type_memo(lexicon.dictionary)
    new = set(tokens).difference(memo)   # the work is done once per word type, never per token
    if new:
        lex_tags = dict(lexicon.entries)
        for word in new:
            _type_info(word, memo, lex_tags)
    rows = list(map(memo.__getitem__, tokens))
    masks = placeholder_matches(text)
    if not masks:   # the common case: nothing is masked
        countable = tuple(map(itemgetter(0), rows))
        tags = tuple(r[1] if r[0] else r[2] for r in rows)
    else:
        countable = countable_flags(text, tokens, starts, placeholders=masks)
        placeholder_starts = {m.start() for m in masks}
        tags = tuple(r[1] if ok else ("ph" if r[2] == "ph" or start in placeholder_starts else "w")
                     for r, ok, start in zip(rows, countable, starts))
    return Segmentation(tuple(tokens), tuple(starts), tags, countable)
