"""Streamlit AppTest tests: set sidebar widgets and assert what the tables and charts show."""
import re
import json
from unittest import mock

import streamlit as st
from streamlit.testing.v1 import AppTest

import analysis.text.segment as segment_mod
from tests.apptest import no_errors, start



def app(view: str | None = None) -> AppTest:
    return start(view)


def _compilation(tmp_path, n: int):
    """A 第N篇 compilation of ``n`` speeches, seven paragraphs of the built-in speeches each."""
    from analysis.ingest.corpus import load_default_corpus
    paragraphs = [p for sp in load_default_corpus() for p in sp.text.split("\n")]
    parts = [f"第{i + 1}篇：讲话{i + 1}\n\n" + "\n\n".join(paragraphs[i * 7:(i + 1) * 7]) for i in range(n)]
    corpus = tmp_path / "many.txt"
    corpus.write_text("\n\n".join(parts), encoding="utf-8")
    return corpus


def bar_terms(at) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return spec["data"][0]["x"]


def test_overview_shows_the_five_speeches():
    at = app()
    no_errors(at)
    ov = at.dataframe[0].value
    assert list(ov["汉字数"]) == [2962, 2269, 2680, 2656, 6987]
    assert list(ov["占位符"]) == [10, 31, 24, 0, 56]


def test_deselecting_a_speech_removes_it_everywhere():
    at = app("词频")
    at.sidebar.multiselect(key="sp").set_value([1, 5]).run()
    no_errors(at)
    table = at.dataframe[0].value
    assert set(table["讲话"]) == {1, 5}
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in spec["data"]] == ["#1 市政府2021年全体会议", "#5 市政府全体会议"]


def test_stopword_edit_removes_the_top_word_without_resegmenting(tmp_path, monkeypatch):
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(tmp_path))   # an empty persistent cache
    st.cache_resource.clear()
    real = segment_mod.segment
    with mock.patch.object(segment_mod, "segment", side_effect=real) as calls:
        at = app("词频")
        assert calls.call_count == 5          # once per speech
        assert bar_terms(at)[0] == "工作"
        box = at.sidebar.text_area(key="stop_text")
        box.set_value(box.value + "工作\n").run()
        no_errors(at)
        assert "工作" not in bar_terms(at)
        assert "工作" not in set(at.dataframe[0].value["词"])
        assert calls.call_count == 5          # the stopword change did not segment again
        at.sidebar.text_area(key="words").set_value("市政府全体会议").run()
        assert calls.call_count == 10         # a new lexicon segments each speech once more


def test_officialese_list_one_click_on():
    at = app("词频")
    before = bar_terms(at)
    assert {"工作", "推进"} & set(before)
    at.sidebar.multiselect(key="lists.zh").set_value(["general", "officialese"]).run()
    no_errors(at)
    after = bar_terms(at)
    assert not {"工作", "推进", "加强", "落实"} & set(after)
    assert "工作" in at.sidebar.text_area(key="stop_text").value.split("\n")


def test_filters_follow_in_table_and_chart():
    at = app("词频")
    at.sidebar.slider(key="minlen").set_value(3).run()
    assert min(len(t) for t in at.dataframe[0].value["词"]) >= 3
    at.sidebar.slider(key="top").set_value(5).run()
    assert len(bar_terms(at)) == 5
    at.sidebar.multiselect(key="pos.zh").set_value(["noun"]).run()
    assert set(at.dataframe[0].value["词性"]) == {"名词"}
    at.sidebar.radio(key="mode.zh").set_value("per10k").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["yaxis"]["title"]["text"] == "每万字频次"
    at.sidebar.slider(key="minlen").set_value(2)
    at.sidebar.slider(key="mincount").set_value(10).run()
    counts = at.dataframe[0].value["频次"]
    assert counts.min() >= 10 and set(at.dataframe[0].value["词性"]) == {"名词"}


def test_english_ui_has_no_chinese_labels():
    at = app("词频")
    at.sidebar.radio(key="lang").set_value("en").run()
    no_errors(at)
    assert at.title[0].value == "TifaLens · reading official speeches"
    assert set(at.dataframe[0].value.columns) == {"Speech", "Word", "POS", "Count", "Per 10k chars"}
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["title"]["text"] == "Word"


def test_word_clouds_one_per_selected_speech():
    at = app("词云")
    no_errors(at)
    assert len(at.get("image")) == 5
    at.sidebar.multiselect(key="sp").set_value([2, 3]).run()
    assert len(at.get("image")) == 2


def test_empty_selection_and_empty_result_show_messages():
    at = app("词频")
    at.sidebar.slider(key="mincount").set_value(20).run()
    at.sidebar.slider(key="minlen").set_value(6).run()
    assert any("没有符合筛选条件的词" in i.value for i in at.info)
    at.sidebar.multiselect(key="sp").set_value([]).run()
    assert any("请在左侧选择至少一篇讲话" in i.value for i in at.info)


def test_broken_stopword_list_shows_a_message_and_keeps_the_last_good_list():
    at = app()
    before = at.sidebar.text_area(key="stop_text").value
    at.sidebar.text_area(key="stop_text").set_value(before + "\x00").run()
    assert not at.exception
    assert any("停用词表无法读取" in e.value for e in at.sidebar.error)
    # The last good list stays active: the chart still follows it.
    at.session_state["_request.view"] = "词频"
    at.run()
    assert not at.exception and "的" not in bar_terms(at)


def test_a_restart_reads_segmentations_from_the_persistent_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(tmp_path))
    st.cache_resource.clear()
    real = segment_mod.segment
    with mock.patch.object(segment_mod, "segment", side_effect=real) as calls:
        first = app("词频")
        assert calls.call_count == 5
        st.cache_resource.clear()                     # what a process restart loses
        second = app("词频")
        assert calls.call_count == 5                  # nothing segmented again
    assert second.dataframe[0].value.equals(first.dataframe[0].value)


def test_a_bad_corpus_file_falls_back_to_the_built_in_speeches(tmp_path, monkeypatch):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    monkeypatch.setenv("TIFALENS_CORPUS", str(bad))
    at = app()
    assert not at.exception
    shown = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]      # as the Markdown escaping displays it
    assert any("TIFALENS_CORPUS" in v and "bad.txt" in v for v in shown), shown
    assert list(at.dataframe[0].value["汉字数"]) == [2962, 2269, 2680, 2656, 6987]


def test_many_speeches_show_totals_and_paged_clouds(tmp_path, monkeypatch):
    monkeypatch.setenv("TIFALENS_CORPUS", str(_compilation(tmp_path, 14)))
    at = app("词频")
    no_errors(at)
    assert len(at.sidebar.multiselect(key="sp").options) == 14
    table = at.dataframe[0].value
    assert "出现篇数" in table.columns and "讲话" not in table.columns
    assert table["出现篇数"].max() <= 14 and table.iloc[0]["频次"] >= table.iloc[1]["频次"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in spec["data"]] == ["合计"]          # one bar per word, not 14
    at.session_state["_request.view"] = "词云"
    at.run()
    assert len(at.get("image")) == 6
    at.number_input(key="cloud_page").set_value(3).run()
    assert len(at.get("image")) == 2                               # 14 = 6 + 6 + 2


def test_a_restart_reads_the_corpus_and_its_tables_from_the_persistent_cache(tmp_path, monkeypatch):
    """A restart on a compilation neither parses the file again nor rebuilds the count frame and the overview."""
    from analysis.ingest import loading
    from analysis.text import counts as statistics
    monkeypatch.setenv("TIFALENS_CORPUS", str(_compilation(tmp_path, 9)))
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(tmp_path / "data"))
    st.cache_resource.clear()
    first = app("概览")
    no_errors(first)
    st.cache_resource.clear()                     # what a process restart loses

    def not_again(*args, **kwargs):
        raise AssertionError("computed again after a restart")
    with mock.patch.object(loading, "speeches_from_bytes", side_effect=not_again), \
            mock.patch.object(statistics, "counts_frame", side_effect=not_again), \
            mock.patch.object(statistics, "overview_from_counts", side_effect=not_again):
        second = app("概览")
        no_errors(second)
        assert second.dataframe[0].value.equals(first.dataframe[0].value)
        assert list(second.dataframe[0].value["汉字数"]) == list(first.dataframe[0].value["汉字数"])
        second.session_state["_request.view"] = "词频"
        second.run()
        no_errors(second)
    st.cache_resource.clear()
    fresh = app("词频")
    assert second.dataframe[0].value.equals(fresh.dataframe[0].value)
