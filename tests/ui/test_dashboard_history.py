"""The national reports in the dashboard: the corpus switch, the timeline, what is new, against the centre."""
import json
import time

from tests.apptest import no_errors, start


def test_the_national_reports_are_a_sidebar_choice_and_mix_with_the_built_in_speeches():
    at = start(query={"view": "words", "lib_national": "true"})
    no_errors(at)
    options = at.sidebar.multiselect(key="sp").options
    assert len(options) == 57 and options[5] == "#6 全国 1954年政府工作报告" and options[-1] == "#57 全国 2025年政府工作报告"
    at.sidebar.toggle(key="lib_builtin").set_value(False).run()
    no_errors(at)
    assert len(at.sidebar.multiselect(key="sp").options) == 52
    at.sidebar.toggle(key="lib_national").set_value(False).run()
    assert at.sidebar.multiselect(key="sp").options == []


def test_a_sidebar_change_on_all_52_reports_is_interactive():
    at = start(query={"view": "words", "lib_national": "true", "lib_builtin": "false"})
    no_errors(at)
    times = []
    for n in (10, 15, 25):
        t0 = time.process_time()
        at.sidebar.slider(key="top").set_value(n).run()
        times.append(time.process_time() - t0)
        no_errors(at)
    assert sorted(times)[1] <= 1.0, times      # median CPU seconds of a rerun


def test_timeline_of_a_formula_with_gaps_for_years_without_a_report():
    at = start(query={"view": "timeline"})
    no_errors(at)
    assert [(m.label, m.value) for m in at.metric] == [("高质量发展", "2018–2025")]
    at.text_input(key="tl_terms").set_value("科学发展观").run()
    assert [(m.label, m.value) for m in at.metric] == [("科学发展观", "2004–2018")]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    line = spec["data"][0]
    by_year = dict(zip(line["x"], line["y"]))
    assert by_year[2020] is None and by_year[1970] is None       # no report: a gap, not a zero
    assert by_year[2019] == 0 and by_year[2004] == 1.32
    at.selectbox(key="tl_pick").set_value("四个全面").run()
    no_errors(at)
    assert at.text_input(key="tl_terms").value == "四个全面"
    assert [(m.label, m.value) for m in at.metric] == [("四个全面", "2015–2019")]


def test_what_is_new_in_2024():
    at = start(query={"view": "what-is-new"})
    no_errors(at)
    at.selectbox(key="new_year.zh").set_value(2024).run()
    no_errors(at)
    df = at.dataframe[0].value
    row = df[df["词语或提法"] == "新质生产力"].iloc[0]
    assert (row["类型"], row["变化"], row["2024 年次数"]) == ("词语", "首次出现", 1)
    assert {m.label for m in at.metric} == {"首次出现", "再次出现", "不再出现"}


def test_a_built_in_speech_against_the_centre():
    at = start(query={"view": "against-the-centre"})
    no_errors(at)
    assert at.selectbox(key="centre_sp.zh").value == 1
    key, lag, passages = (d.value for d in at.dataframe[:3])
    assert key.iloc[0]["词语"] == "市政府"
    assert {m.label: m.value for m in at.metric}["有共享段落的报告"] == "2"
    assert "确保“十四五”开好局、起好步" in set(passages["共享段落"])
    assert set(passages["报告年份"]) == {2010, 2021}


def test_versions_counted_once_keeps_the_longest_version():
    at = start(query={"view": "words"})
    at.sidebar.toggle(key="once").set_value(True).run()
    no_errors(at)
    assert any("保留 #3，不计 #2, #4" in c.value for c in at.sidebar.caption)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in spec["data"]} == {"#1 市政府2021年全体会议", "#3 牢记嘱托再出发", "#5 市政府全体会议"}


def test_the_timeline_opens_its_term_in_kwic_with_the_same_count():
    at = start(query={"view": "timeline", "lib_national": "true", "lib_builtin": "false"})
    at.button(key="tl_kwic").click().run()
    no_errors(at)
    assert at.text_input(key="kw_query").value == "高质量发展"
    assert {m.label: m.value for m in at.metric}["匹配总数"] == "71"      # the 71 occurrences of the timeline
