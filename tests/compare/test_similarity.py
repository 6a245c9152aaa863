import math
from collections import Counter

import numpy as np
import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.pipeline import segment_all
from analysis.compare.similarity import (char_features, cosine_matrix, matrix_pairs, similarity_matrix, tfidf_matrix,
                                 word_features)
from analysis.text.stopwords import load_builtin


@pytest.fixture(scope="module")
def corpus():
    speeches = load_default_corpus()
    return speeches, segment_all(speeches, lexicon=load_lexicon())


def test_tfidf_cosine_worked_example():
    # a is in both documents: idf = ln(3/3) + 1 = 1; b and c in one: idf = ln(3/2) + 1.
    docs = [Counter({"a": 1, "b": 1}), Counter({"a": 1, "c": 1})]
    w = math.log(1.5) + 1
    m, vocab = tfidf_matrix(docs)
    assert vocab == ["a", "b", "c"]
    assert m[0] == pytest.approx(np.array([1, w, 0]) / math.hypot(1, w))
    assert cosine_matrix(docs)[0, 1] == pytest.approx(1 / (1 + w * w))
    assert cosine_matrix([Counter({"x": 2}), Counter({"y": 1})])[0, 1] == 0.0


def test_char_features_break_at_placeholders_and_punctuation():
    feats = char_features("吉安X作为，地区")
    assert set(feats) == {"吉安", "作为", "地区"}
    assert char_features("发展发展", ngrams=(2,)) == Counter({"发展": 2, "展发": 1})


def test_word_features_pairs(corpus):
    speeches, segs = corpus
    feats = word_features(segs[1], stopwords=load_builtin("general"))
    assert feats["落实"] == 18
    assert any(" " in k for k in feats)


@pytest.mark.parametrize("features", ["word", "char"])
def test_matrix_on_the_corpus(corpus, features):
    speeches, segs = corpus
    m = similarity_matrix(speeches, features=features, segs=segs, stopwords=load_builtin("general"))
    z = m.to_numpy()
    assert z.shape == (5, 5) and np.allclose(z, z.T) and np.allclose(np.diag(z), 1.0)
    assert (z >= 0).all() and (z <= 1).all()
    pairs = {(p["a"], p["b"]): p["similarity"] for p in matrix_pairs(m)}
    assert len(pairs) == 10
    versions = [pairs[(2, 3)], pairs[(2, 4)], pairs[(3, 4)]]
    others = [v for k, v in pairs.items() if k not in {(2, 3), (2, 4), (3, 4)}]
    assert min(versions) > 0.8 and max(others) < 0.3
    assert max(pairs, key=pairs.get) == (3, 4)


def test_word_features_need_segmentations(corpus):
    with pytest.raises(ValueError):
        similarity_matrix(corpus[0], features="word")
    with pytest.raises(ValueError):
        similarity_matrix(corpus[0], features="sentence")
