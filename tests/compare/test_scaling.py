"""Similarity and reuse that scale: the shortcuts give the values of the full computation."""
import numpy as np

from analysis.compare import reuse, similarity
from analysis.compare.reuse import related_pairs, reuse_pairs, seed_hashes, shared_passages, top_reuse_pairs
from analysis.compare.similarity import char_features, cosine_matrix, pair_similarities
from analysis.compare.versions import version_groups
from analysis.ingest.corpus import load_default_corpus
from analysis.ingest.loading import load_paths
from benchmarks.corpus_gen import write_corpus


def _generated(tmp_path, n):
    return load_paths([str(write_corpus(tmp_path, n, seed=5))])


def test_pairs_without_a_shared_seed_share_no_passage(tmp_path):
    speeches = _generated(tmp_path, 14) + load_default_corpus()[:2]
    for sp in speeches:
        sp.id = speeches.index(sp) + 1
    rows = {(r["a"], r["b"]): r for r in reuse_pairs(speeches)}
    for i, a in enumerate(speeches):
        for b in speeches[i + 1:]:
            full = shared_passages(a.text, b.text)
            assert rows[(a.id, b.id)]["passages"] == len(full)
            if full:
                assert reuse._may_share(seed_hashes(a.text), seed_hashes(b.text))


def test_versions_are_the_top_related_pairs():
    speeches = load_default_corpus()
    ranked = related_pairs(speeches)
    assert {frozenset((r["a"], r["b"])) for r in ranked[:3]} == {frozenset(p) for p in ((2, 3), (2, 4), (3, 4))}
    top = top_reuse_pairs(speeches, top=3)
    assert version_groups(top) == [[2, 3, 4]]
    full = {(r["a"], r["b"]): r for r in reuse_pairs(speeches)}
    for r in top:
        assert {k: r[k] for k in full[(r["a"], r["b"])]} == full[(r["a"], r["b"])]


def test_blockwise_cosine_equals_dense(monkeypatch):
    docs = [char_features(sp.text) for sp in load_default_corpus()]
    dense = cosine_matrix(docs)
    monkeypatch.setattr(similarity, "DENSE_MAX_CELLS", 10)
    blocked = cosine_matrix(docs)
    assert np.allclose(dense, blocked, atol=1e-12)
    pairs = [(0, 1), (1, 2), (2, 3), (0, 4), (3, 3)]
    assert np.allclose([dense[a, b] for a, b in pairs], pair_similarities(docs, pairs), atol=1e-12)
