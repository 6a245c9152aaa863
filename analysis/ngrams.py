"""Recurrent token n-grams: set phrases that the lexicons do not know, found by repetition and association.

An n-gram (2–4 tokens) is a candidate only if every token is a countable word (no punctuation, numbers or
anonymisation placeholders) and neither its first nor its last token is a stopword (so
none is made only of stopwords). :func:`detect` reports, within one text, the
occurrences of candidates repeated at least ``min_count`` times, keeping only maximal ones (an n-gram inside a
longer n-gram that recurs just as often is not reported separately). :func:`recurrent_ngrams` ranks candidates
over a corpus by pointwise mutual information or Dunning's log-likelihood ratio against the independence of their
tokens, with a minimum frequency.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Sequence

import pandas as pd

from analysis.phrases import PhraseMatch
from analysis.segment import Segmentation, segment
from analysis.lexicon import load_lexicon

__all__ = ["detect", "recurrent_ngrams", "candidate_ngrams", "MEASURES"]

MEASURES = ("pmi", "llr")


def _stopwords() -> frozenset[str]:
    from analysis.stopwords import load_builtin
    return frozenset(load_builtin("general"))


def candidate_ngrams(seg: Segmentation, *, n: Iterable[int] = (2, 3, 4), stopwords: Iterable[str] | None = None
                     ) -> list[tuple[tuple[str, ...], int, int]]:
    """``(tokens, start_index, end_index)`` of every candidate n-gram of ``seg`` (token indices, end exclusive)."""
    stop = _stopwords() if stopwords is None else frozenset(stopwords)
    out = []
    toks, ok = seg.tokens, seg.countable
    for size in sorted(set(n)):
        for i in range(len(toks) - size + 1):
            if not all(ok[i:i + size]):
                continue
            gram = tuple(toks[i:i + size])
            if gram[0] in stop or gram[-1] in stop:
                continue  # 工作的, 领导干部要: a stopword at an edge is not part of a set phrase
            out.append((gram, i, i + size))
    return out


def _as_segmentation(text: str, tokens) -> Segmentation:
    if tokens is None:
        return segment(text, lexicon=load_lexicon())
    if isinstance(tokens, Segmentation):
        return tokens
    # A plain token list: offsets are recovered by walking the text.
    from analysis.normalize import PLACEHOLDER_RE
    import re
    starts, pos = [], 0
    for t in tokens:
        k = text.find(t, pos)
        if k < 0:
            raise ValueError(f"token {t!r} not found in the text after offset {pos}")
        starts.append(k)
        pos = k + len(t)
    countable = tuple(bool(re.search(r"[A-Za-z\u3400-\u9fff]", t)) and not PLACEHOLDER_RE.search(t) for t in tokens)
    return Segmentation(tuple(tokens), tuple(starts), ("",) * len(tokens), countable)


def detect(text: str, *, tokens: Segmentation | Sequence[str] | None = None, min_count: int = 2,
           n: Iterable[int] = (2, 3, 4), stopwords: Iterable[str] | None = None) -> list[PhraseMatch]:
    """Occurrences of n-grams repeated at least ``min_count`` times in ``text``; one inside a longer reported n-gram
    is not counted again."""
    seg = _as_segmentation(text, tokens)
    cands = candidate_ngrams(seg, n=n, stopwords=stopwords)
    counts = Counter(g for g, _, _ in cands)
    frequent = {g for g, c in counts.items() if c >= min_count}
    # Drop an n-gram that only ever occurs inside one longer frequent n-gram with the same count.
    covered = set()
    for g in frequent:
        for size in range(2, len(g)):
            for i in range(len(g) - size + 1):
                sub = g[i:i + size]
                if counts[sub] == counts[g]:
                    covered.add(sub)
    keep = frequent - covered
    out = []
    for g, i, j in cands:
        if g in keep:
            start = seg.starts[i]
            end = seg.starts[j - 1] + len(seg.tokens[j - 1])
            phrase = text[start:end]
            out.append(PhraseMatch("ngram", phrase, phrase, f"{len(g)}gram", start, end, members=g))
    # An occurrence inside a longer reported n-gram is not counted again (政府工作 inside 政府工作报告); an n-gram
    # must still recur min_count times on its own. Repeated until stable, as dropping a long n-gram frees its parts.
    candidates = out
    while True:
        taken: list[tuple[int, int]] = []
        kept = []
        for m in sorted(candidates, key=lambda m: (-len(m.members), m.start)):
            if not any(s <= m.start and m.end <= e for s, e in taken):
                taken.append((m.start, m.end))
                kept.append(m)
        remaining = Counter(m.members for m in kept)
        survivors = {g for g, c in remaining.items() if c >= min_count}
        if survivors == {m.members for m in candidates}:
            break
        candidates = [m for m in candidates if m.members in survivors]
    kept = [m for m in kept if m.members in survivors]
    kept.sort(key=lambda m: (m.start, -(m.end - m.start)))
    return kept


def recurrent_ngrams(segmentations: Sequence[Segmentation], *, n: Iterable[int] = (2, 3, 4), min_freq: int = 3,
                     measure: str = "pmi", min_docs: int = 2, stopwords: Iterable[str] | None = None
                     ) -> pd.DataFrame:
    """Token n-grams recurring across speeches, ranked by association.

    Columns: ``ngram`` (joined text), ``tokens``, ``n``, ``freq`` (corpus total), ``docs`` (speeches containing it),
    ``score`` (PMI in bits, or the log-likelihood ratio G² of the n-gram against its first token and the rest).
    Only n-grams with ``freq >= min_freq`` found in at least ``min_docs`` speeches are kept.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    unigrams: Counter = Counter()
    grams: Counter = Counter()
    docs: Counter = Counter()
    total = 0
    for seg in segmentations:
        words = [t for t, c in zip(seg.tokens, seg.countable) if c]
        unigrams.update(words)
        total += len(words)
        seen = set()
        for g, _, _ in candidate_ngrams(seg, n=n, stopwords=stopwords):
            grams[g] += 1
            seen.add(g)
        docs.update(seen)
    by_size: Counter = Counter()
    heads: Counter = Counter()
    rests: Counter = Counter()
    for g, c in grams.items():
        by_size[len(g)] += c
        heads[len(g), g[0]] += c
        rests[g[1:]] += c
    rows = []
    for g, f in grams.items():
        if f < min_freq or docs[g] < min_docs:
            continue
        n_size = by_size[len(g)]
        if measure == "pmi":
            p_joint = f / n_size
            p_indep = math.prod(unigrams[t] / total for t in g)
            score = math.log2(p_joint / p_indep)
        else:
            score = _llr(f, heads[len(g), g[0]] - f, rests[g[1:]] - f, n_size)
        rows.append({"ngram": "".join(g), "tokens": " ".join(g), "n": len(g), "freq": f, "docs": docs[g],
                     "score": round(score, 4)})
    df = pd.DataFrame(rows, columns=["ngram", "tokens", "n", "freq", "docs", "score"])
    return df.sort_values(["score", "freq", "ngram"], ascending=[False, False, True], ignore_index=True)


def _llr(k11: int, k12: int, k21: int, n_size: int) -> float:
    """Dunning's G² for the 2×2 table (first token, rest of the n-gram) over n-grams of the same size."""
    k22 = n_size - k11 - k12 - k21

    def h(*ks: int) -> float:
        s = sum(ks)
        return sum(k * math.log(k / s) for k in ks if k > 0)
    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))
