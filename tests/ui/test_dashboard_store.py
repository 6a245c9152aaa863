"""The dashboard on a corpus store (TIFALENS_STORE): every view draws from DuckDB queries, filters pick a subcorpus."""
import pytest
from streamlit.testing.v1 import AppTest

from analysis.batch.ingest import ingest
from analysis.batch.query import Store
from analysis.ingest.corpus import DEFAULT_CORPUS_PATH
from analysis.text.stopwords import load_builtin
from tests.apptest import APP, no_errors


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from distributed import Client, LocalCluster
    path = tmp_path_factory.mktemp("store") / "st"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster) as client:
        ingest([str(DEFAULT_CORPUS_PATH)], path, client=client, progress=None)
    return path


@pytest.fixture
def app(store_dir, monkeypatch):
    monkeypatch.setenv("TIFALENS_STORE", str(store_dir))
    return AppTest.from_file(APP, default_timeout=120)


def test_every_store_view_draws_without_errors(app, store_dir):
    at = app.run()
    no_errors(at)
    assert [t.label for t in at.tabs] == ["概览", "词频", "关键词", "趋势", "提法"]
    assert [m.value for m in at.metric][0] == "5"
    for view in ("词频", "关键词", "趋势", "提法"):
        at.session_state["s_view"] = view
        at.run()
        no_errors(at)
    at.session_state["s_view"] = "词频"
    at.run()
    shown = at.dataframe[0].value
    want = Store(store_dir).term_totals(stopwords=load_builtin("general"), min_len=2, top=30)
    assert list(shown["term"]) == list(want["term"]) and list(shown["count"]) == list(want["count"])


def test_a_new_stopword_leaves_the_top_words(app):
    at = app.run()
    at.session_state["s_view"] = "词频"
    at.run()
    first = at.dataframe[0].value["term"].iloc[0]
    at.sidebar.text_area(key="s_stop").set_value(first + "\n")
    at.run()
    no_errors(at)
    assert first not in set(at.dataframe[0].value["term"])


def test_a_folder_that_is_not_a_store_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("TIFALENS_STORE", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert "not a corpus store" in at.error[0].value or "不是语料库" in at.error[0].value
