"""Above a few dozen speeches the similarity & reuse view lists the top related pairs, not an N × N heatmap."""
from tests.apptest import no_errors, start

from analysis.compare.reuse import PAIRWISE_MAX
from benchmarks.corpus_gen import write_corpus


def test_many_speeches_show_top_pairs_instead_of_heatmaps(tmp_path, monkeypatch):
    n = PAIRWISE_MAX + 20
    monkeypatch.setenv("TIFALENS_CORPUS", str(write_corpus(tmp_path / "corpus", n, seed=9)))
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(tmp_path / "data"))
    at = start("相似与复用")
    no_errors(at)
    assert not at.get("plotly_chart")
    assert any(f"共 {n} 篇讲话" in i.value for i in at.info)
    reuse = at.dataframe[0].value
    assert 0 < len(reuse) <= 100
    best = reuse.iloc[0]
    assert max(best["A 复用率"], best["B 复用率"]) > 0.5 and best["共享段落"] > 0
    assert list(at.selectbox(key="sim_pair").options)[:1]
    assert at.dataframe[1].value is not None   # the passages of the chosen pair
