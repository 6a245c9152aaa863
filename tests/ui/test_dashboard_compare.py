"""AppTest tests of the comparison tabs: change each control and assert what the tables, metrics and charts show."""
import base64
import json
import re

import numpy as np
from streamlit.testing.v1 import AppTest
from tests.apptest import no_errors, start
from tests.paths import APP



def app(view: str) -> AppTest:
    return start(view)


def spec(at, i: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def values(v) -> list:
    """A Plotly array from a figure spec (plain list or base64 typed array)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at, needle: str) -> list[str]:
    return [c.value for c in at.caption if needle in c.value]


# --- keyness ---------------------------------------------------------------------------------------------------

def test_keyness_target_correction_and_significance():
    at = app("关键词")
    no_errors(at)
    table = at.dataframe[0].value
    assert table.iloc[0]["词语"] == "落实"          # speech 1 (default target) vs the rest
    assert at.markdown[0].value.startswith("**关键词表**：27 个正关键词，2 个负关键词")
    at.multiselect(key="key_target").set_value([5]).run()
    no_errors(at)
    table = at.dataframe[0].value
    assert list(table["词语"][:3]) == ["增长", "坚持", "工业"]
    assert (table.iloc[0]["目标频次"], table.iloc[0]["其余频次"]) == (30, 0)
    assert len(table) == 37 and (table["方向"] == "负关键词").sum() == 6
    assert at.markdown[0].value.startswith("**关键词表**：31 个正关键词，6 个负关键词")
    bars = spec(at)
    assert bars["layout"]["title"]["text"] == "#5 对比 #1、#2、#3、#4 的关键词"
    assert values(bars["data"][0]["y"])[-1] == "增长"    # bars are sorted: the strongest last (top of the chart)
    at.selectbox(key="key_corr.zh").set_value("bonferroni").run()
    table = at.dataframe[0].value
    assert len(table) == 8 and set(table["方向"]) == {"正关键词"}
    at.toggle(key="key_sig").set_value(False).run()
    assert len(at.dataframe[0].value) > 500           # every term reaching the minimum count


def test_keyness_group_min_freq_and_phrases():
    at = app("关键词")
    at.multiselect(key="key_target").set_value([2, 3, 4]).run()
    no_errors(at)
    assert spec(at)["layout"]["title"]["text"] == "#2、#3、#4 对比 #1、#5 的关键词"
    before = len(at.dataframe[0].value)
    at.toggle(key="key_sig").set_value(False).run()
    at.slider(key="key_minfreq").set_value(10).run()
    table = at.dataframe[0].value
    assert (table["目标频次"] + table["其余频次"]).min() >= 10 and len(table) != before
    at.slider(key="key_minfreq").set_value(2).run()
    at.selectbox(key="key_items.zh").set_value("idiom").run()
    no_errors(at)
    idioms = at.dataframe[0].value
    assert len(idioms) == 41   # 千钧重担 and 落细落小 are in the three versions too
    # Idioms the three versions of one speech share, once each, and the others never use.
    assert tuple(idioms.iloc[0][["词语", "目标频次", "其余频次"]]) == ("万水千山", 3, 0)
    at.multiselect(key="key_target").set_value([1, 2, 3, 4, 5]).run()
    assert any("没有可比较的其余讲话" in i.value for i in at.info)


def test_keyness_unavailable_detector_is_a_message(monkeypatch, tmp_path):
    import streamlit as st
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(tmp_path))   # nothing found in the persistent cache
    st.cache_resource.clear()
    import analysis.phrases.registry as phrases_mod
    real = phrases_mod.detector

    def broken(kind):
        if kind == "pattern":
            raise ImportError("not built")
        return real(kind)

    monkeypatch.setattr(phrases_mod, "detector", broken)
    at = app("关键词")
    at.selectbox(key="key_items.zh").set_value("pattern").run()
    assert not at.exception
    assert any("“四字格”识别尚不可用" in i.value for i in at.info)


def test_two_speech_scatter_highlight():
    at = app("关键词")
    scatter = spec(at, 1)
    assert scatter["layout"]["title"]["text"] == "#1 与 #5：每万字频次"
    assert scatter["layout"]["xaxis"]["type"] == "log"
    assert captions(at, "个词语；")[0].startswith("共 ")
    at.selectbox(key="sc_a").set_value(3).run()
    at.selectbox(key="sc_b").set_value(4).run()
    at.slider(key="key_minfreq").set_value(1).run()
    at.text_input(key="sc_find").set_value("放管服").run()
    no_errors(at)
    hits = at.dataframe[-1].value
    assert list(hits["词语"]) == ["放管服"]
    assert (hits.iloc[0]["#3 频次"], hits.iloc[0]["#4 频次"]) == (1, 1)
    assert "【放管服】" in hits.iloc[0]["#3 原文"]
    names = [t.get("name") for t in spec(at, 1)["data"]]
    assert "含“放管服”" in names
    at.selectbox(key="sc_b").set_value(3).run()
    assert any("请为 A 和 B 选择两篇不同的讲话" in i.value for i in at.info)


# --- similarity & reuse ----------------------------------------------------------------------------------------

def test_reuse_shows_versions_of_one_speech():
    at = app("相似与复用")
    no_errors(at)
    assert [s.value for s in at.success] == ["#2、#3、#4 是同一篇讲话的不同版本：两两之间至少 80% 的文字是共享段落。"]
    reuse = at.dataframe[0].value.set_index("讲话对")
    assert reuse.loc["#3 – #4", "A 复用率"] >= 0.9 and reuse.loc["#3 – #4", "B 复用率"] >= 0.9
    assert (reuse.loc["#3 – #4", "A 复用率"], reuse.loc["#3 – #4", "B 复用率"]) == (0.9433, 0.9627)
    assert reuse.loc["#1 – #5", "共享段落"] == 0
    word_sim = reuse.loc["#3 – #4", "相似度"]
    at.radio(key="sim_feat.zh").set_value("char").run()
    reuse = at.dataframe[0].value.set_index("讲话对")
    assert (word_sim, reuse.loc["#3 – #4", "相似度"]) == (0.918, 0.933)
    heat = spec(at)
    assert heat["data"][0]["text"][2] == ["0.17", "0.84", "1.00", "0.93", "0.20"]
    at.slider(key="sim_minchars").set_value(60).run()
    reuse = at.dataframe[0].value.set_index("讲话对")
    assert reuse.loc["#3 – #4", "共享段落"] == 5 and reuse.loc["#3 – #4", "A 复用率"] == 0.9276


def test_pair_diff_shows_masked_names_as_changes():
    at = app("相似与复用")
    at.selectbox(key="sim_pair").set_value("3-4").run()
    no_errors(at)
    assert metrics(at) == {"#3 未改动": "95%", "改写": "3", "删去": "4 处 · 4 句", "新增": "2 处 · 1 句",
                           "遮盖": "22"}
    passages = at.dataframe[1].value
    assert len(passages) == 6
    diff = at.dataframe[2].value
    assert diff["改动类型"].value_counts().to_dict() == {"遮盖": 22, "删去": 4, "改写": 3, "新增": 2}
    masked = diff[diff["改动类型"] == "遮盖"]
    assert ("X", "吉安") in set(zip(masked["#3（A）"], masked["#4（B）"]))
    at.toggle(key="sim_changes").set_value(False).run()
    assert (at.dataframe[2].value["改动类型"] == "相同").sum() == 36
    at.selectbox(key="sim_pair").set_value("1-5").run()
    assert any("#1 与 #5 没有长度达到 16 个汉字的共享段落" in i.value for i in at.info)
    assert metrics(at)["#1 未改动"] == "0%"


# --- KWIC ------------------------------------------------------------------------------------------------------

def test_kwic_query_width_sort_and_regex():
    at = app("语境")
    assert any("请输入要检索的词语或短语" in i.value for i in at.info)
    at.text_input(key="kw_query").set_value("放管服").run()
    no_errors(at)
    assert metrics(at) == {"匹配总数": "3"}
    bars = spec(at)
    assert bars["data"][0]["x"] == ["#1", "#2", "#3", "#4", "#5"] and values(bars["data"][0]["y"]) == [0, 1, 1, 1, 0]
    lines = at.dataframe[0].value
    assert list(lines["讲话"]) == ["#2 市政府全体会议", "#3 牢记嘱托再出发", "#4 市政府全体会议"]
    assert set(lines["检索词"]) == {"放管服"}
    assert len(lines.iloc[0]["左侧语境"]) == 20
    at.slider(key="kw_width").set_value(5).run()
    lines = at.dataframe[0].value
    assert list(lines["左侧语境"]) == ["立方米、“", "套棚改、“", "立方米、“"]
    at.selectbox(key="kw_sort.zh").set_value("left").run()
    assert [v.split()[0] for v in at.dataframe[0].value["讲话"]] == ["#3", "#2", "#4"]
    at.text_input(key="kw_query").set_value("三[个张]牌").run()
    assert metrics(at) == {"匹配总数": "0"}
    at.toggle(key="kw_regex").set_value(True).run()
    assert metrics(at) == {"匹配总数": "1"}
    at.text_input(key="kw_query").set_value("三[牌").run()
    assert not at.exception and any("检索式无效" in e.value for e in at.error)


def test_kwic_follows_the_speech_selection():
    at = app("语境")
    at.text_input(key="kw_query").set_value("放管服").run()
    at.sidebar.multiselect(key="sp").set_value([1, 5]).run()
    assert metrics(at) == {"匹配总数": "0"}
    assert any("所选讲话中没有“放管服”" in i.value for i in at.info)


# --- trends ----------------------------------------------------------------------------------------------------

def test_trends_term_parts_and_dates():
    at = app("趋势")
    no_errors(at)
    assert at.text_input(key="tr_query").value == "工作"
    assert metrics(at) == {"文本中出现次数": "138", "作为独立词的次数": "125"}
    # Only speech 1 carries a date in the built-in corpus: the date trend explains why it is missing.
    assert any("只有 1 篇有日期" in i.value for i in at.info)
    at.text_input(key="tr_query").set_value("放管服").run()
    assert metrics(at)["文本中出现次数"] == "3"
    fig = spec(at)
    assert len(fig["data"]) == 6 and values(fig["data"][0]["x"]) == list(range(1, 11))   # 5 speeches + pooled
    at.slider(key="tr_parts").set_value(5).run()
    fig = spec(at)
    counts = [values(t["customdata"]) for t in fig["data"][:5]]
    assert values(fig["data"][0]["x"]) == [1, 2, 3, 4, 5]
    assert counts == [[0] * 5, [0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0] * 5]
    at.text_input(key="tr_query").set_value("并不存在的说法").run()
    assert any("所选讲话中没有“并不存在的说法”" in i.value for i in at.info)


# --- co-occurrence ---------------------------------------------------------------------------------------------

def network_size(at) -> tuple[int, int]:
    (cap,) = captions(at, "条连线")
    n, e = re.match(r"(\d+) 个.+?，(\d+) 条连线", cap).groups()
    return int(n), int(e)


def test_network_controls():
    at = app("共现")
    no_errors(at)
    assert network_size(at) == (50, 348)
    edges = at.dataframe[0].value
    assert tuple(edges.iloc[0][["词语甲", "词语乙", "共现句数"]]) == ("干部", "领导", 18)
    assert spec(at)["layout"]["dragmode"] == "pan"
    at.slider(key="net_top").set_value(10).run()
    assert network_size(at)[0] == 10
    at.slider(key="net_minfreq").set_value(10).run()
    n, e = network_size(at)
    at.number_input(key="net_minw").set_value(0.3).run()
    assert network_size(at)[1] < e and at.dataframe[0].value.iloc[:, 3].min() >= 0.3
    at.selectbox(key="net_measure.zh").set_value("pmi").run()
    assert at.dataframe[0].value.columns[3] == "点互信息 PMI"


def test_network_sidebar_filters_apply():
    at = app("共现")
    terms = set(at.dataframe[0].value["词语甲"]) | set(at.dataframe[0].value["词语乙"])
    assert "工作" in terms
    box = at.sidebar.text_area(key="stop_text")
    box.set_value(box.value + "工作\n").run()
    terms = set(at.dataframe[0].value["词语甲"]) | set(at.dataframe[0].value["词语乙"])
    assert "工作" not in terms


def test_network_of_phrases():
    at = app("共现")
    at.selectbox(key="net_items.zh").set_value("idiom").run()
    no_errors(at)
    at.slider(key="net_minfreq").set_value(1).run()
    assert network_size(at)[1] > 0 or any("没有满足条件的共现" in i.value for i in at.info)


# --- languages -------------------------------------------------------------------------------------------------

def test_comparison_tabs_in_english():
    at = app("关键词")
    at.sidebar.radio(key="lang").set_value("en").run()
    no_errors(at)
    assert list(at.dataframe[0].value.columns) == ["Term", "Direction", "Target count", "Rest count",
                                                   "Target per 10k chars", "Rest per 10k chars", "G²", "p",
                                                   "Log Ratio"]
    assert spec(at)["layout"]["title"]["text"] == "Keywords of #1 vs #2, #3, #4, #5"
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = "en"
    at.session_state["_request.view"] = "Similarity & reuse"
    at.run()
    no_errors(at)
    assert [s.value for s in at.success] == ["#2, #3, #4 are versions of one speech: at least 80% of each pair's "
                                             "text lies in shared passages."]


def test_placeholder_quotes_are_not_keywords():
    """#3 quotes the placeholder “X” twice; as a slogan keyword it would top #3's list."""
    at = app("关键词")
    at.multiselect(key="key_target").set_value([3]).run()
    at.toggle(key="key_sig").set_value(False).run()
    at.slider(key="key_minfreq").set_value(1).run()
    at.selectbox(key="key_items.zh").set_value("slogan").run()
    no_errors(at)
    terms = set(at.dataframe[0].value["词语"])
    assert "放管服" in terms and not {"X", "*人"} & terms
