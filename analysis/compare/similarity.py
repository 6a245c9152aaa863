"""How alike speeches are overall: cosine similarity of TF-IDF vectors.

Two feature sets, both turned into TF-IDF vectors the same way:

* ``word``: jieba words (countable tokens only: no punctuation, numbers or placeholders) and pairs of adjacent
  words, so that shared wording weighs more than a shared vocabulary;
* ``char``: Han character 2- and 3-grams, which need no segmentation and are robust to segmentation differences;
  a placeholder breaks n-grams, so masked names neither match nor mismatch.

Weights are raw term frequency × smoothed inverse document frequency, ``ln((1 + n) / (1 + df)) + 1``
(never zero, so a term every speech uses still counts), and each vector is L2-normalised; the cosine of two
non-negative vectors lies in [0, 1].
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.ingest.corpus import Speech
from analysis.text.normalize import HAN_RE, PLACEHOLDER_RE
from analysis.text.segment import Segmentation

__all__ = ["word_features", "char_features", "tfidf_matrix", "cosine_matrix", "similarity_matrix",
           "pair_similarities", "features_of", "DENSE_MAX_CELLS",
           "matrix_pairs", "FEATURES"]

FEATURES = ("word", "char")


def word_features(seg: Segmentation, *, stopwords: Iterable[str] = (), ngrams: Sequence[int] = (1, 2)) -> Counter:
    """Counts of words and of runs of adjacent words (joined by a space) in one segmentation."""
    stop = set(stopwords)
    words = [w for w in seg.words() if w not in stop]
    feats: Counter = Counter()
    for n in ngrams:
        if n == 1:
            feats.update(words)
        else:
            feats.update(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    return feats


def char_features(text: str, *, ngrams: Sequence[int] = (2, 3)) -> Counter:
    """Counts of Han character n-grams; punctuation, digits and placeholders break the runs."""
    runs = []
    for chunk in PLACEHOLDER_RE.split(text):
        run = []
        for ch in chunk:
            if HAN_RE.match(ch):
                run.append(ch)
            elif run:
                runs.append("".join(run))
                run = []
        if run:
            runs.append("".join(run))
    feats: Counter = Counter()
    for run in runs:
        for n in ngrams:
            feats.update(run[i:i + n] for i in range(len(run) - n + 1))
    return feats


def tfidf_matrix(docs: Sequence[Mapping[str, int]]) -> tuple[np.ndarray, list[str]]:
    """Rows of L2-normalised TF-IDF weights (one per document) and the vocabulary in column order."""
    vocab = sorted(set().union(*docs)) if docs else []
    col = {t: k for k, t in enumerate(vocab)}
    m = np.zeros((len(docs), len(vocab)))
    for r, d in enumerate(docs):
        for t, n in d.items():
            m[r, col[t]] = n
    n_docs = len(docs)
    df = (m > 0).sum(axis=0)
    idf = np.log((1 + n_docs) / (1 + df)) + 1.0
    m = m * idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms, vocab


#: Above this many cells (documents × vocabulary) the cosine matrix is computed without the dense TF-IDF matrix.
DENSE_MAX_CELLS = 20_000_000


def _weights(docs: Sequence[Mapping[str, int]]):
    """Per document: feature ids and TF-IDF weights (unnormalised), the L2 norms, and the document frequencies."""
    col: dict[str, int] = {}
    ids, tfs = [], []
    for d in docs:
        ids.append(np.fromiter((col.setdefault(t, len(col)) for t in d), dtype=np.int64, count=len(d)))
        tfs.append(np.fromiter(d.values(), dtype=np.float64, count=len(d)))
    df = np.bincount(np.concatenate(ids), minlength=len(col)) if ids and len(col) else np.zeros(0, dtype=np.int64)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    weights = [tf * idf[i] for i, tf in zip(ids, tfs)]
    norms = np.array([np.linalg.norm(w) for w in weights])
    norms[norms == 0] = 1.0
    return ids, weights, norms, df


def cosine_matrix(docs: Sequence[Mapping[str, int]]) -> np.ndarray:
    """Pairwise cosine similarity of the TF-IDF vectors of ``docs``, clipped to [0, 1]; 1 on the diagonal.

    A large corpus (more than :data:`DENSE_MAX_CELLS` documents × features) never builds the dense TF-IDF matrix:
    only features shared by two or more documents can add to a cosine, so the products are taken over those
    columns (in blocks), each vector divided by its full norm — the same values up to rounding."""
    n = len(docs)
    vocab = len(set().union(*docs)) if docs else 0
    if n * vocab <= DENSE_MAX_CELLS:
        m, _ = tfidf_matrix(docs)
        sim = np.clip(m @ m.T, 0.0, 1.0)
    else:
        ids, weights, norms, df = _weights(docs)
        shared = np.flatnonzero(df >= 2)
        sim = np.zeros((n, n))
        block = max(1, DENSE_MAX_CELLS // 4 // max(n, 1))
        for c0 in range(0, len(shared), block):
            cols = shared[c0:c0 + block]
            where = np.full(len(df), -1, dtype=np.int64)
            where[cols] = np.arange(len(cols))
            part = np.zeros((n, len(cols)))
            for r, (i, w) in enumerate(zip(ids, weights)):
                k = where[i]
                sel = k >= 0
                part[r, k[sel]] = w[sel] / norms[r]
            sim += part @ part.T
        sim = np.clip(sim, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def pair_similarities(docs: Sequence[Mapping[str, int]], pairs: Sequence[tuple[int, int]]) -> list[float]:
    """The cosine (as in :func:`cosine_matrix`) of the TF-IDF vectors of each pair of document indices in
    ``pairs``, without the matrix of every pair."""
    ids, weights, norms, df = _weights(docs)
    out = []
    for a, b in pairs:
        common, ia, ib = np.intersect1d(ids[a], ids[b], assume_unique=True, return_indices=True)
        v = float(weights[a][ia] @ weights[b][ib]) / (norms[a] * norms[b]) if len(common) else 0.0
        out.append(1.0 if a == b else min(max(v, 0.0), 1.0))
    return out


def similarity_matrix(speeches: Sequence[Speech], *, features: str = "word",
                      segs: Mapping[int, Segmentation] | None = None, stopwords: Iterable[str] = ()
                      ) -> pd.DataFrame:
    """Speech × speech similarity matrix (index and columns are speech ids).

    ``features="word"`` needs ``segs`` (segmentations keyed by speech id) and drops ``stopwords``;
    ``features="char"`` works on the text alone.
    """
    docs = features_of(speeches, features=features, segs=segs, stopwords=stopwords)
    ids = [sp.id for sp in speeches]
    return pd.DataFrame(cosine_matrix(docs), index=ids, columns=ids)


def features_of(speeches: Sequence[Speech], *, features: str = "word",
                segs: Mapping[int, Segmentation] | None = None, stopwords: Iterable[str] = ()) -> list[Counter]:
    """The feature counts of each speech (see :func:`similarity_matrix`)."""
    if features == "word":
        if segs is None:
            raise ValueError("word features need the segmentations (segs)")
        stop = list(stopwords)
        return [word_features(segs[sp.id], stopwords=stop) for sp in speeches]
    if features == "char":
        return [char_features(sp.text) for sp in speeches]
    raise ValueError(f"unknown features {features!r}; expected one of {', '.join(FEATURES)}")


def matrix_pairs(matrix: pd.DataFrame) -> list[dict]:
    """One ``{"a", "b", "similarity"}`` per unordered pair of a similarity matrix, values rounded to 4 places."""
    ids = list(matrix.index)
    return [{"a": a, "b": b, "similarity": round(float(matrix.loc[a, b]), 4)} for a, b in combinations(ids, 2)]
