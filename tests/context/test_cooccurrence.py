import math
from collections import Counter

import pytest

from analysis.context.cooccurrence import cooccurrence, sentence_word_sets, spring_layout
from analysis.ingest.corpus import load_default_corpus
from analysis.compare.keyness import log_likelihood
from analysis.text.lexicon import load_lexicon
from analysis.text.normalize import split_sentences
from analysis.pipeline import segment_all
from analysis.text.stopwords import load_builtin


@pytest.fixture(scope="module")
def corpus():
    speeches = load_default_corpus()
    return speeches, segment_all(speeches, lexicon=load_lexicon())


@pytest.fixture(scope="module")
def sentence_sets(corpus):
    speeches, segs = corpus
    stop = load_builtin("general")
    return [s for sp in speeches for s in sentence_word_sets(sp.text, segs[sp.id], stopwords=stop)]


def test_sentence_sets(corpus, sentence_sets):
    speeches, segs = corpus
    assert len(sentence_sets) == sum(len(split_sentences(sp.text)) for sp in speeches) == 505
    first = sentence_word_sets(speeches[0].text, segs[1])[0]
    assert {"召开", "全体会议", "市政府"} <= first
    assert all(len(w) >= 2 for s in sentence_sets for w in s)


def test_weights_match_hand_counts(corpus, sentence_sets):
    speeches, segs = corpus
    stop = load_builtin("general")
    n = len(sentence_sets)
    fx = sum("干部" in s for s in sentence_sets)
    fy = sum("领导" in s for s in sentence_sets)
    fxy = sum({"干部", "领导"} <= s for s in sentence_sets)
    assert fxy == 18
    for measure, expected in (("dice", 2 * fxy / (fx + fy)), ("pmi", math.log2(fxy * n / (fx * fy))),
                              ("ll", log_likelihood(fxy, fy - fxy, fx, n - fx))):
        nodes, edges = cooccurrence(speeches, segs, measure=measure, stopwords=stop, top_n=200)
        e = edges[(edges.source == "干部") & (edges.target == "领导")].iloc[0]
        assert e.cooc == 18 and e.weight == pytest.approx(expected, abs=1e-4)
        f = dict(zip(nodes.term, nodes.freq))
        assert f["干部"] == fx and f["领导"] == fy


def test_filters(corpus):
    speeches, segs = corpus
    stop = load_builtin("general")
    nodes, edges = cooccurrence(speeches, segs, stopwords=stop, top_n=20, min_cooc=3, min_weight=0.2)
    assert len(nodes) <= 20 and (edges.cooc >= 3).all() and (edges.weight >= 0.2).all()
    assert set(edges.source) | set(edges.target) <= set(nodes.term)
    assert list(edges.weight) == sorted(edges.weight, reverse=True)
    assert (nodes.degree > 0).all()
    degree = Counter(list(edges.source) + list(edges.target))
    assert dict(zip(nodes.term, nodes.degree)) == dict(degree)
    with pytest.raises(ValueError):
        cooccurrence(speeches, segs, measure="jaccard")


def test_spring_layout_is_deterministic_and_bounded(corpus):
    speeches, segs = corpus
    nodes, edges = cooccurrence(speeches, segs, stopwords=load_builtin("general"), top_n=30)
    triples = list(edges[["source", "target", "weight"]].itertuples(index=False))
    pos = spring_layout(list(nodes.term), triples, seed=1)
    assert pos == spring_layout(list(nodes.term), triples, seed=1)
    assert set(pos) == set(nodes.term)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in pos.values())
    linked = {frozenset(t[:2]) for t in triples}
    def dist(a, b):
        return math.dist(pos[a], pos[b])
    terms = list(nodes.term)
    near = [dist(a, b) for i, a in enumerate(terms) for b in terms[i + 1:] if frozenset((a, b)) in linked]
    far = [dist(a, b) for i, a in enumerate(terms) for b in terms[i + 1:] if frozenset((a, b)) not in linked]
    assert sum(near) / len(near) < sum(far) / len(far)
    assert spring_layout([], []) == {} and spring_layout(["一"], []) == {"一": (0.0, 0.0)}
