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


def cosine_matrix(docs: Sequence[Mapping[str, int]]) -> np.ndarray:
    """Pairwise cosine similarity of the TF-IDF vectors of ``docs``, clipped to [0, 1]; 1 on the diagonal."""
    m, _ = tfidf_matrix(docs)
    sim = np.clip(m @ m.T, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def similarity_matrix(speeches: Sequence[Speech], *, features: str = "word",
                      segs: Mapping[int, Segmentation] | None = None, stopwords: Iterable[str] = ()
                      ) -> pd.DataFrame:
    """Speech × speech similarity matrix (index and columns are speech ids).

    ``features="word"`` needs ``segs`` (segmentations keyed by speech id) and drops ``stopwords``;
    ``features="char"`` works on the text alone.
    """
    if features == "word":
        if segs is None:
            raise ValueError("word features need the segmentations (segs)")
        stop = list(stopwords)
        docs = [word_features(segs[sp.id], stopwords=stop) for sp in speeches]
    elif features == "char":
        docs = [char_features(sp.text) for sp in speeches]
    else:
        raise ValueError(f"unknown features {features!r}; expected one of {', '.join(FEATURES)}")
    ids = [sp.id for sp in speeches]
    return pd.DataFrame(cosine_matrix(docs), index=ids, columns=ids)


def matrix_pairs(matrix: pd.DataFrame) -> list[dict]:
    """One ``{"a", "b", "similarity"}`` per unordered pair of a similarity matrix, values rounded to 4 places."""
    ids = list(matrix.index)
    return [{"a": a, "b": b, "similarity": round(float(matrix.loc[a, b]), 4)} for a, b in combinations(ids, 2)]
