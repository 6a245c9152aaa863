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
from functools import lru_cache
from typing import Iterable, Sequence

import pandas as pd

from analysis.phrases.base import PhraseMatch
from analysis.text.segment import Segmentation

__all__ = ["detect", "recurrent_ngrams", "candidate_ngrams", "copied_spans", "MEASURES"]

MEASURES = ("pmi", "llr")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from analysis.text.stopwords import load_builtin
    return frozenset(load_builtin("general"))


def candidate_ngrams(seg: Segmentation, *, n: Iterable[int] = (2, 3, 4), stopwords: Iterable[str] | None = None
                     ) -> list[tuple[tuple[str, ...], int, int]]:
    """``(tokens, start_index, end_index)`` of every candidate n-gram of ``seg`` (token indices, end exclusive)."""
    stop = _stopwords() if stopwords is None else frozenset(stopwords)
    out = []
    toks, ok = seg.tokens, seg.countable
    # run[i]: how many countable tokens follow from i on (so all(ok[i:i + size]) is run[i] >= size).
    run = [0] * (len(toks) + 1)
    for i in range(len(toks) - 1, -1, -1):
        run[i] = run[i + 1] + 1 if ok[i] else 0
    for size in sorted(set(n)):
        for i in range(len(toks) - size + 1):
            if run[i] < size:
                continue
            gram = tuple(toks[i:i + size])
            if gram[0] in stop or gram[-1] in stop:
                continue  # 工作的, 领导干部要: a stopword at an edge is not part of a set phrase
            out.append((gram, i, i + size))
    return out


def _frequent_candidates(seg: Segmentation, *, n: Iterable[int], stopwords, min_count: int):
    """The occurrences ``(tokens, i, j)`` of candidate n-grams that occur at least ``min_count`` times, and their
    counts. N-grams are counted on integer token ids with numpy (each 2–4-gram one int64 key), so only frequent
    ones become tuples of strings; other sizes, or a text of a million tokens, take :func:`candidate_ngrams`."""
    sizes = sorted(set(n))
    toks = seg.tokens
    if not toks or not set(sizes) <= {2, 3, 4} or len(toks) >= 1 << 20 or min_count < 1:
        cands = candidate_ngrams(seg, n=sizes, stopwords=stopwords)
        counts = Counter(g for g, _, _ in cands)
        frequent = {g for g, c in counts.items() if c >= min_count}
        return [c for c in cands if c[0] in frequent], {g: counts[g] for g in frequent}
    import numpy as np
    stop = _stopwords() if stopwords is None else frozenset(stopwords)
    codes, uniques = pd.factorize(np.array(toks, dtype=object))   # one integer id per word type, in C
    ids = codes.astype(np.int64)
    is_stop = np.fromiter((t in stop for t in uniques), dtype=bool, count=len(uniques))
    ok = np.fromiter(seg.countable, dtype=bool, count=len(toks))
    # run[i]: countable tokens from i on, so a candidate at i of any size needs run[i] >= size
    idx = np.arange(len(toks))
    breaks = np.flatnonzero(~ok)
    nxt = np.searchsorted(breaks, idx)   # the first non-countable token at or after i
    stop_at = np.where(nxt < len(breaks), breaks[np.minimum(nxt, len(breaks) - 1)], len(toks))
    run = stop_at - idx
    m = len(toks)
    pair = np.zeros(0, dtype=np.int64)
    if m >= 2:
        _, pair = np.unique(ids[:-1] << 20 | ids[1:], return_inverse=True)   # id of each adjacent pair
    out: list[tuple[tuple[str, ...], int, int]] = []
    counts: dict[tuple[str, ...], int] = {}
    for size in sizes:
        k = m - size + 1
        if k <= 0:
            continue
        first = np.arange(k)
        valid = (run[:k] >= size) & ~is_stop[ids[:k]] & ~is_stop[ids[size - 1:size - 1 + k]]
        if size == 2:
            key = ids[:k] << 20 | ids[1:1 + k]
        elif size == 3:
            key = pair[:k] << 20 | ids[2:2 + k]
        else:
            key = pair[:k] << 20 | pair[2:2 + k]
        key_v, first_v = key[valid], first[valid]
        uniq, inverse, cnt = np.unique(key_v, return_inverse=True, return_counts=True)
        freq_pos = first_v[cnt[inverse] >= min_count]
        for i in freq_pos.tolist():
            g = toks[i:i + size]
            g = g if isinstance(g, tuple) else tuple(g)
            out.append((g, i, i + size))
            counts[g] = counts.get(g, 0) + 1
    return out, counts


def detect(doc, *, found=None, min_count: int = 2, n: Iterable[int] = (2, 3, 4),
           stopwords: Iterable[str] | None = None) -> list[PhraseMatch]:
    """Occurrences of n-grams of ``doc``'s own tokens repeated at least ``min_count`` times; one inside a longer
    reported n-gram is not counted again."""
    text, seg = doc.text, doc.segmentation
    cands, counts = _frequent_candidates(seg, n=n, stopwords=stopwords, min_count=min_count)
    frequent = {g for g, c in counts.items() if c >= min_count}
    # Drop an n-gram that only ever occurs inside one longer frequent n-gram with the same count.
    covered = set()
    for g in frequent:
        for size in range(2, len(g)):
            for i in range(len(g) - size + 1):
                sub = g[i:i + size]
                if counts.get(sub, 0) == counts[g]:
                    covered.add(sub)
    keep = frequent - covered
    grams, spans = [], []   # the n-gram and the token span (i, j) of each occurrence of a kept n-gram
    for g, i, j in cands:
        if g in keep:
            grams.append(g)
            spans.append((i, j))
    # An occurrence inside a longer reported n-gram is not counted again (政府工作 inside 政府工作报告); an n-gram
    # must still recur min_count times on its own. Repeated until stable, as dropping a long n-gram frees its parts.
    # Longer n-grams are taken first, so an occurrence can only lie inside a longer one already taken: with at
    # most max(n) tokens, the few token spans that could hold it are looked up directly. (Token order is text
    # order, so token indices stand for character offsets throughout.)
    longest = max(n, default=0)
    order = sorted(range(len(grams)), key=lambda k: (-len(grams[k]), spans[k][0]))
    span_set = set(spans)
    # The longer spans among the matches that hold each match (the same in every pass).
    holders = [[(a, a + length) for length in range(j - i + 1, longest + 1)
                for a in range(max(j - length, 0), i + 1) if (a, a + length) in span_set] for i, j in spans]
    candidates = order
    while True:
        taken: set[tuple[int, int]] = set()
        kept = []
        for k in candidates:
            hold = holders[k]
            if not hold or not any(h in taken for h in hold):
                taken.add(spans[k])
                kept.append(k)
        remaining = Counter(grams[k] for k in kept)
        survivors = {g for g, c in remaining.items() if c >= min_count}
        if survivors == {grams[k] for k in candidates}:
            break
        candidates = [k for k in candidates if grams[k] in survivors]
    final = sorted((spans[k][0], -spans[k][1], k) for k in kept if grams[k] in survivors)
    starts, tokens = seg.starts, seg.tokens
    out = []
    for i, neg_j, k in final:
        j = -neg_j
        start, end = starts[i], starts[j - 1] + len(tokens[j - 1])
        phrase = text[start:end]
        g = grams[k]
        out.append(PhraseMatch("ngram", phrase, phrase, f"{len(g)}gram", start, end, members=g))
    return out


# Tags that cannot start or end a set phrase: particles, prepositions, conjunctions, pronouns, locatives, numerals,
# classifiers, modal particles and interjections (部门之间, 和市委, 面对新 are fragments, not phrases).
_BAD_EDGE_TAGS = ("u", "p", "c", "r", "f", "m", "q", "y", "e", "o", "x", "w")
# At the start also adverbs (不断超越); at the end also time words and distinguishing words.
_BAD_FIRST_TAGS = _BAD_EDGE_TAGS + ("d",)
_BAD_LAST_TAGS = _BAD_EDGE_TAGS + ("d", "t", "b", "z")
# Light verbs that need an object after them (情况进行, 加以): never the end of a phrase.
_LIGHT_VERBS = frozenset({"进行", "加以", "予以", "给予", "作出", "做出", "开始", "继续"})


def _phrase_shape_ok(tokens: tuple[str, ...], tags: tuple[str, ...]) -> bool:
    """Whether a token sequence can be a set phrase by its edges and inner words (not by its counts)."""
    # 各项/各级 are tagged as pronouns but open set phrases (各项工作, 各级领导干部).
    if tags[0].startswith(_BAD_FIRST_TAGS) and not (tags[0] == "r" and tokens[0].startswith("各")):
        return False
    if tags[-1].startswith(_BAD_LAST_TAGS):
        return False
    if tags[-1] == "a" and tags[-2].startswith("n"):
        return False      # noun + adjective is a clause (势头明显); jieba also tags 落实, 成效 as adjectives
    if len(tokens[-1]) == 1:
        return False      # a one-character last word is a complement or a split word: 干出, 操作力
    if tokens[-1] in _LIGHT_VERBS:
        return False
    return not any(t.startswith("c") for t in tags[1:-1])    # 省政府和市委: a coordination, not a phrase


def copied_spans(texts: Sequence[str], **options) -> list[list[tuple[int, int]]]:
    """For each text, the spans that repeat a passage of an earlier text (see :func:`analysis.compare.reuse.shared_passages`)."""
    from analysis.compare.reuse import shared_passages
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    for j in range(len(texts)):
        for i in range(j):
            spans[j].extend((p.b_start, p.b_end) for p in shared_passages(texts[i], texts[j], **options))
    return spans


def recurrent_ngrams(segmentations: Sequence[Segmentation], *, n: Iterable[int] = (2, 3, 4), min_freq: int = 2,
                     measure: str = "llr", min_docs: int = 2, stopwords: Iterable[str] | None = None,
                     collapse_copies: bool = True) -> pd.DataFrame:
    """Token n-grams recurring across speeches, ranked by association.

    A set phrase recurs in *independent* text: an occurrence inside a passage that repeats an earlier speech
    (versions of one speech, boilerplate copied between reports) is evidence of reuse, not of a set phrase, so with
    ``collapse_copies`` it is not counted towards ``min_freq``. Candidates must have the shape of a phrase (no
    particle, preposition, pronoun, numeral or adverb at an edge, no one-character or light-verb last word, no
    coordination inside), and an n-gram inside a longer candidate with the same independent count is dropped in
    favour of the longer one.

    Columns: ``ngram`` (joined text), ``tokens``, ``n``, ``freq`` (corpus total), ``independent`` (occurrences
    outside copied passages), ``docs`` (speeches containing it), ``score`` (G² of the n-gram against its first
    token and the rest, or PMI in bits). Only n-grams with ``independent >= min_freq`` in at least ``min_docs``
    speeches are kept.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    copies = copied_spans(["".join(seg.tokens) for seg in segmentations]) if collapse_copies \
        else [[] for _ in segmentations]
    unigrams: Counter = Counter()
    grams: Counter = Counter()
    independent: Counter = Counter()
    docs: Counter = Counter()
    shape: dict[tuple[str, ...], bool] = {}
    total = 0
    for seg, copied in zip(segmentations, copies):
        words = [t for t, c in zip(seg.tokens, seg.countable) if c]
        unigrams.update(words)
        total += len(words)
        seen = set()
        for g, i, j in candidate_ngrams(seg, n=n, stopwords=stopwords):
            grams[g] += 1
            seen.add(g)
            start, end = seg.starts[i], seg.starts[j - 1] + len(seg.tokens[j - 1])
            if not any(a <= start and end <= b for a, b in copied):
                independent[g] += 1
            if g not in shape:
                shape[g] = _phrase_shape_ok(g, tuple(seg.tags[i:j]))
        docs.update(seen)
    by_size: Counter = Counter()
    heads: Counter = Counter()
    rests: Counter = Counter()
    for g, c in grams.items():
        by_size[len(g)] += c
        heads[len(g), g[0]] += c
        rests[g[1:]] += c
    keep = {g for g, f in grams.items() if independent[g] >= min_freq and docs[g] >= min_docs and shape[g]}
    longer = sorted(keep, key=len, reverse=True)
    inside = {g for g in keep for h in longer if len(h) > len(g) and independent[h] == independent[g]
              and any(h[k:k + len(g)] == g for k in range(len(h) - len(g) + 1))}
    rows = []
    for g in keep - inside:
        f = grams[g]
        n_size = by_size[len(g)]
        if measure == "pmi":
            p_joint = f / n_size
            p_indep = math.prod(unigrams[t] / total for t in g)
            score = math.log2(p_joint / p_indep)
        else:
            score = _llr(f, heads[len(g), g[0]] - f, rests[g[1:]] - f, n_size)
        rows.append({"ngram": "".join(g), "tokens": " ".join(g), "n": len(g), "freq": f,
                     "independent": independent[g], "docs": docs[g], "score": round(score, 4)})
    df = pd.DataFrame(rows, columns=["ngram", "tokens", "n", "freq", "independent", "docs", "score"])
    return df.sort_values(["score", "independent", "ngram"], ascending=[False, False, True], ignore_index=True)


def _llr(k11: int, k12: int, k21: int, n_size: int) -> float:
    """Dunning's G² for the 2×2 table (first token, rest of the n-gram) over n-grams of the same size."""
    k22 = n_size - k11 - k12 - k21

    def h(*ks: int) -> float:
        s = sum(ks)
        return sum(k * math.log(k / s) for k in ks if k > 0)
    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))
