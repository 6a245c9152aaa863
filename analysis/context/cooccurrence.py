"""Words that appear in the same sentences, as a weighted network.

The unit is the sentence (:func:`analysis.text.normalize.split_sentences`): each sentence contributes the *set* of its
words, so ``f(x)`` is the number of sentences containing ``x``, ``f(x, y)`` the number containing both, and ``N``
the number of sentences. Edge weights, one of:

* ``dice``: ``2 f(x, y) / (f(x) + f(y))`` in [0, 1]; symmetric, not inflated for rare words (the default);
* ``pmi``: pointwise mutual information ``log2(f(x, y) N / (f(x) f(y)))``; high for rare exclusive pairs;
* ``ll``: log-likelihood G² of the 2×2 sentence table; grows with evidence. Only pairs seen together more often
  than chance are kept, so every ``ll`` edge is an attraction.

The spring layout is a Fruchterman–Reingold force simulation computed with numpy, seeded so that a network is
drawn the same way each time.
"""
from __future__ import annotations

import math
from collections import Counter
from itertools import combinations
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.ingest.corpus import Speech
from analysis.compare.keyness import log_likelihood
from analysis.text.normalize import split_sentences
from analysis.text.segment import Segmentation

__all__ = ["sentence_word_sets", "cooccurrence", "spring_layout", "phrase_segmentation", "MEASURES", "NODE_COLUMNS", "EDGE_COLUMNS"]

MEASURES = ("dice", "pmi", "ll")
NODE_COLUMNS = ["term", "freq", "degree"]
EDGE_COLUMNS = ["source", "target", "cooc", "weight"]


def sentence_word_sets(text: str, seg: Segmentation, *, stopwords: Iterable[str] = (), min_len: int = 2
                       ) -> list[frozenset[str]]:
    """The distinct countable words of each sentence of ``text`` (``seg`` is its segmentation)."""
    stop = set(stopwords)
    spans = split_sentences(text)
    sets: list[set[str]] = [set() for _ in spans]
    k = 0
    for tok, start, ok in zip(seg.tokens, seg.starts, seg.countable):
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k == len(spans):
            break
        if ok and start >= spans[k][0] and len(tok) >= min_len and tok not in stop:
            sets[k].add(tok)
    return [frozenset(s) for s in sets]


def _weight(measure: str, fxy: int, fx: int, fy: int, n: int) -> float:
    if measure == "dice":
        return 2 * fxy / (fx + fy)
    if measure == "pmi":
        return math.log2(fxy * n / (fx * fy))
    # ll: x-sentences against the others, counting sentences with y
    return log_likelihood(fxy, fy - fxy, fx, n - fx)


def cooccurrence(speeches: Sequence[Speech], segs: Mapping[int, Segmentation], *, measure: str = "dice",
                 stopwords: Iterable[str] = (), min_len: int = 2, min_freq: int = 3, min_cooc: int = 2,
                 min_weight: float = 0.0, top_n: int = 50) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (:data:`NODE_COLUMNS`) and edges (:data:`EDGE_COLUMNS`) of the co-occurrence network.

    Words need ``min_freq`` sentences, pairs ``min_cooc`` shared sentences and a weight of at least
    ``min_weight``. Of the words left with an edge, the ``top_n`` most frequent are kept with the edges among
    them. Nodes are ordered by frequency, edges by weight (both strongest first, ties by term).
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; expected one of {', '.join(MEASURES)}")
    stop = list(stopwords)
    sets = [s for sp in speeches for s in sentence_word_sets(sp.text, segs[sp.id], stopwords=stop,
                                                                 min_len=min_len)]
    n = len(sets)
    freq = Counter(w for s in sets for w in s)
    keep = {w for w, f in freq.items() if f >= min_freq}
    pairs: Counter = Counter()
    for s in sets:
        words = sorted(w for w in s if w in keep)
        pairs.update(combinations(words, 2))
    edges = []
    for (x, y), fxy in pairs.items():
        if fxy < min_cooc:
            continue
        if measure == "ll" and fxy * n <= freq[x] * freq[y]:
            continue
        w = _weight(measure, fxy, freq[x], freq[y], n)
        if w >= min_weight:
            edges.append((x, y, fxy, round(w, 4)))
    connected = {w for e in edges for w in e[:2]}
    nodes = sorted(connected, key=lambda w: (-freq[w], w))[:max(top_n, 0)]
    chosen = set(nodes)
    edges = sorted((e for e in edges if e[0] in chosen and e[1] in chosen), key=lambda e: (-e[3], e[0], e[1]))
    degree = Counter(w for e in edges for w in e[:2])
    node_df = pd.DataFrame([(w, freq[w], degree[w]) for w in nodes if degree[w]], columns=NODE_COLUMNS)
    return node_df, pd.DataFrame(edges, columns=EDGE_COLUMNS)


def spring_layout(nodes: Sequence[str], edges: Iterable[tuple[str, str, float]], *, iterations: int = 200,
                  seed: int = 0) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for ``nodes``; ``edges`` are ``(source, target, weight)`` with positive weights."""
    names = list(nodes)
    k_n = len(names)
    if k_n == 0:
        return {}
    if k_n == 1:
        return {names[0]: (0.0, 0.0)}
    idx = {w: i for i, w in enumerate(names)}
    adj = np.zeros((k_n, k_n))
    for s, t, w in edges:
        if s in idx and t in idx and s != t:
            adj[idx[s], idx[t]] = adj[idx[t], idx[s]] = max(float(w), 0.0)
    if adj.max() > 0:
        adj = adj / adj.max()
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1, 1, size=(k_n, 2))
    k = math.sqrt(4.0 / k_n)  # ideal distance for an area of 2 × 2
    temp = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        force = (k * k / dist ** 2 - adj * dist / k)  # repulsion minus attraction, per unit vector
        np.fill_diagonal(force, 0.0)
        disp = (delta * force[:, :, None]).sum(axis=1)
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos += disp / length * np.minimum(length, temp)
        temp = max(temp * 0.98, 0.005)
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max() or 1.0
    pos /= scale
    return {w: (float(pos[i, 0]), float(pos[i, 1])) for i, w in enumerate(names)}


def phrase_segmentation(matches) -> Segmentation:
    """Phrase matches as a segmentation of their canonical forms, so sentences can be read as sets of phrases."""
    ordered = sorted(matches, key=lambda m: (m.start, m.end))
    return Segmentation(tokens=tuple(m.canonical for m in ordered), starts=tuple(m.start for m in ordered),
                        tags=tuple(m.kind for m in ordered), countable=tuple(True for _ in ordered))
