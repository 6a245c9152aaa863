"""AppTest tests of the phrases tab and the phrase word clouds on the five built-in speeches."""
import re
import base64
import json
from unittest import mock

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import analysis.phrases.registry
from analysis.ingest.corpus import load_default_corpus
from analysis.text.normalize import count_han
from tests.gold import text_detector
from ui.phrases_tables import class_counts, filter_occurrences, item_matrix, occurrence_table, variant_table
from tests.apptest import no_errors, start
from tests.paths import APP

SPEECHES = {sp.id: sp for sp in load_default_corpus()}


def app(kind: str | None = None) -> AppTest:
    at = start("提法")
    if kind:
        at.segmented_control(key="ph_kind.zh").set_value(kind).run()
    no_errors(at)
    return at


def df_with(at, column: str):
    """The first table on screen that has ``column``."""
    for d in at.dataframe:
        if column in d.value.columns:
            return d.value
    raise AssertionError(f"no table with column {column!r}")


def occurrences(at):
    return df_with(at, "左文")


def matrix(at):
    return df_with(at, "分布")


def bars(at) -> dict:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {t["name"]: dict(zip(t["x"], t["y"])) for t in spec["data"]}


def plotly_array(value) -> np.ndarray:
    """An array from a Plotly spec, plain or base64-typed."""
    if isinstance(value, dict):
        shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape)
    return np.asarray(value)


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


# --- idioms ------------------------------------------------------------------------------------------------------

def test_idiom_tab_counts_misspellings_and_the_shared_idiom():
    at = app()
    occ = occurrences(at)
    expected = sum(len(text_detector("idiom")(sp.text)) for sp in SPEECHES.values())
    assert len(occ) == expected == 187
    assert occ.groupby("讲话").size().to_dict() == {1: 32, 2: 32, 3: 36, 4: 34, 5: 53}
    assert metrics(at) == {"出现次数": "187", "不同提法": "106", "全部共有": "1", "仅见于一篇": "70"}
    # every occurrence says which list counted it
    assert set(occ["依据"]) <= {"新华成语词典", "CC-CEDICT 成语", "套语审定表", "误写表", "形近字替换"}
    assert (occ["依据"] == "套语审定表").sum() == 65
    # Misspelt idioms stand out, with the speech they are in.
    assert any("2 处误写的成语" in w.value for w in at.warning)
    variants = df_with(at, "误写 → 正确写法")
    assert variants.values.tolist() == [["克已奉公 → 克己奉公", "#5", 1], ["严于律已 → 严于律己", "#5", 1]]
    assert "克已奉公" in SPEECHES[5].text and "克己奉公" not in SPEECHES[5].text
    # 只争朝夕 is in every speech's text, and the matrix says it is shared by all.
    assert all("只争朝夕" in sp.text for sp in SPEECHES.values())
    row = matrix(at).set_index("提法").loc["只争朝夕"]
    # #1 also has “时不我待、只争朝夕”, counted by the slogan
    assert [row[f"#{i}"] for i in range(1, 6)] == [1, 1, 1, 1, 1]
    assert row["分布"] == "全部共有" and row["合计"] == 5
    heat = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert heat["data"][0]["x"] == ["#1", "#2", "#3", "#4", "#5"] and heat["layout"]["xaxis"]["type"] == "category"
    assert heat["data"][0]["y"][0] == "只争朝夕" and plotly_array(heat["data"][0]["z"])[0].tolist() == [1, 1, 1, 1, 1]
    # The misspelling counts under its canonical form, found in #5 alone.
    assert matrix(at).set_index("提法").loc["克己奉公", "分布"] == "仅见于 #5"


def test_idiom_bars_raw_and_density():
    at = app()
    raw = bars(at)
    assert raw["#5 市政府全体会议"] == {"合计": 53, "成语": 44, "四字套语": 7, "误写变体": 2}
    assert raw["#1 市政府2021年全体会议"]["合计"] == 32
    at.radio(key="ph_value.zh").set_value("density").run()
    no_errors(at)
    dens = bars(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["yaxis"]["title"]["text"] == "每千汉字"
    for sid, name in ((1, "#1 市政府2021年全体会议"), (5, "#5 市政府全体会议")):
        assert dens[name]["合计"] == pytest.approx(1000 * raw[name]["合计"] / count_han(SPEECHES[sid].text),
                                                 abs=1e-3)
    assert dens["#5 市政府全体会议"]["合计"] == pytest.approx(7.586, abs=1e-3)   # 53 / 6,987 Han chars


def test_class_filter_and_minimum_count_change_the_tables():
    at = app()
    at.multiselect(key="ph_cls_idiom.zh").set_value(["variant"]).run()
    no_errors(at)
    assert occurrences(at)["提法"].tolist() == ["克已奉公", "严于律已"]
    assert set(occurrences(at)["类别"]) == {"误写变体"}
    at.multiselect(key="ph_cls_idiom.zh").set_value(["chengyu", "formula4", "variant"])
    at.slider(key="ph_min").set_value(4).run()
    no_errors(at)
    items = matrix(at)
    assert items["合计"].min() >= 4
    assert items["提法"].tolist() == ["只争朝夕", "开拓创新", "你追我赶", "居安思危", "殚精竭虑"]
    assert len(occurrences(at)) == int(items["合计"].sum()) == 22
    at.slider(key="ph_min").set_value(20).run()
    assert any("没有符合筛选条件的提法" in i.value for i in at.info)


def test_matrix_shows_only_shared_or_unique_items_and_follows_the_speech_selection():
    at = app()
    at.radio(key="ph_share.zh").set_value("shared").run()
    assert matrix(at)["提法"].tolist() == ["只争朝夕"]
    at.sidebar.multiselect(key="sp").set_value([2, 3]).run()
    no_errors(at)
    shared = matrix(at)
    assert list(shared.columns[2:4]) == ["#2", "#3"]
    # Exactly the idioms the detector finds in both #2 and #3.
    both = [{m.canonical for m in text_detector("idiom")(SPEECHES[i].text)} for i in (2, 3)]
    assert set(shared["提法"]) == both[0] & both[1] and len(shared) == 31
    assert all(item in SPEECHES[2].text and item in SPEECHES[3].text for item in shared["提法"])
    at.radio(key="ph_share.zh").set_value("unique").run()
    unique = matrix(at)
    assert set(unique["分布"]) == {"仅见于 #2", "仅见于 #3"}
    for item, spread in zip(unique["提法"], unique["分布"]):
        other = SPEECHES[3] if spread == "仅见于 #2" else SPEECHES[2]
        assert not any(m.canonical == item for m in text_detector("idiom")(other.text))


# --- the other phrase types ----------------------------------------------------------------------------------------

def test_slogan_table_has_fang_guan_fu_three_times():
    at = app("slogan")
    occ = occurrences(at)
    hits = occ[occ["提法"] == "放管服"]
    assert len(hits) == 3 == sum(sp.text.count("“放管服”") for sp in SPEECHES.values())
    assert sorted(hits["讲话"]) == [2, 3, 4]
    assert set(hits["右文"].str[:4]) == {"”改革等"}
    assert matrix(at).set_index("提法").loc["放管服", "分布"] == "3 篇共有"
    # 237 quoted items; the 3 that hold only placeholders (“X”, “*人”) are listed only when their class is chosen
    assert len(occ) == 234 and "遮盖形式" not in set(occ["类别"])
    at.multiselect(key="ph_cls_slogan.zh").set_value(list(at.multiselect(key="ph_cls_slogan.zh").options)).run()
    occ = occurrences(at)
    assert len(occ) == 237
    assert sorted(occ[occ["类别"] == "遮盖形式"]["提法"]) == ["*人", "X", "X"]


def test_formula_table_shows_glosses():
    at = app("formula")
    occ = occurrences(at)
    assert len(occ) == 43
    liuwen = occ[occ["规范形式"] == "六稳"]
    assert sorted(liuwen["讲话"]) == [2, 3, 4]
    assert set(liuwen["释义"]) == {"稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期"}
    # 两化 is counted as the formula 两化融合.
    lianghua = occ[occ["提法"] == "两化"]
    assert set(lianghua["规范形式"]) == {"两化融合"} and len(lianghua) == 3
    # the caption states the knowledge base's size as it is (222 formulas), not a number written into the page
    assert any("提法知识库（222 条" in c.value for c in at.caption)


def test_template_class_filter():
    at = app("pattern")
    assert len(occurrences(at)) == 60            # 37 coinages + 23 dictionary idioms of a template shape
    at.multiselect(key="ph_cls_pattern.zh").set_value(["AABB"]).run()
    no_errors(at)
    occ = occurrences(at)
    assert occ["提法"].tolist() == ["时时事事", "方方面面", "扎扎实实", "堂堂正正", "清清白白", "踏踏实实"]
    assert occ["讲话"].tolist() == [1, 5, 5, 5, 5, 5]
    for sid, phrase, left in zip(occ["讲话"], occ["提法"], occ["左文"]):
        assert left + phrase in SPEECHES[sid].text.replace("\n", " ")


def test_parallel_runs_list_their_members():
    at = app("parallel")
    occ = occurrences(at)
    assert len(occ) == 83
    run = occ[(occ["讲话"] == 2) & (occ["提法"] == "知势、蓄势、借势")]
    assert run["成员"].tolist() == ["知势、蓄势、借势"] and run["规范形式"].tolist() == ["X势"]
    assert occ.groupby("类别").size().to_dict() == {"分节": 8, "同尾排比": 25, "同首排比": 32, "序数列举": 18}


def test_ngram_tab_with_corpus_ranking():
    at = app("ngram")
    occ = occurrences(at)
    assert len(occ) == 320      # an occurrence inside a longer recurrent n-gram is not counted again
    # In #5 two of the three 领导干部 sit inside the recurrent 各级领导干部, so 领导干部 alone does not recur there.
    assert matrix(at).iloc[0].tolist()[:8] == ["领导干部", "二词组合", 0, 4, 5, 5, 0, 14]
    rank = df_with(at, "得分")
    assert rank.iloc[0][["短语", "频次", "讲话数"]].tolist() == ["领导干部", 18, 5]
    at.radio(key="ph_measure").set_value("pmi").run()
    no_errors(at)
    pmi = df_with(at, "得分")
    assert pmi["得分"].is_monotonic_decreasing and pmi.iloc[0]["短语"] != "领导干部"
    assert pmi["频次"].min() >= 2 and pmi["讲话数"].min() >= 2
    at.multiselect(key="ph_cls_ngram.zh").set_value(["4gram"]).run()
    assert set(df_with(at, "得分")["词数"]) == {4}
    assert set(occurrences(at)["类别"]) == {"四词组合"}


def test_english_labels():
    at = app("slogan")
    at.sidebar.radio(key="lang").set_value("en").run()
    no_errors(at)
    occ = df_with(at, "Left context")
    assert list(occ.columns) == ["Speech", "Left context", "Phrase", "Right context", "Canonical", "Class",
                                 "Counted by", "Offset"]
    assert "Catchword" in set(occ["Class"])
    assert list(at.segmented_control(key="ph_kind.en").options) == [
        "Idioms", "Quoted slogans", "Numbered formulas", "Four-character templates", "Parallel runs",
        "Recurrent phrases"]
    assert metrics(at)["Occurrences"] == "234"


def test_missing_detector_shows_a_message_not_a_traceback():
    real = analysis.phrases.registry.detector

    def broken(kind):
        if kind == "pattern":
            raise ModuleNotFoundError("No module named 'analysis.phrases.patterns'", name="analysis.phrases.patterns")
        return real(kind)
    with mock.patch.object(analysis.phrases.registry, "detector", side_effect=broken):
        at = app("pattern")
        assert any("识别模块暂不可用" in i.value for i in at.info)
        assert not at.dataframe


# --- word clouds -----------------------------------------------------------------------------------------------

def test_phrase_clouds_coloured_by_class():
    at = start("词云")
    at.segmented_control(key="cloud_src.zh").set_value("idiom").run()
    no_errors(at)
    assert len(at.get("image")) == 5
    # The legend is a swatch in each class colour next to the class name, not a line of colour codes.
    (legend,) = [e.proto.body for e in at.get("html") if "tl-legend" in e.proto.body]
    assert re.findall(r'background:(#[0-9A-F]{6})"></span>([^<]+)</span>', legend) == [
        ("#0072B2", "成语"), ("#E69F00", "四字套语"), ("#009E73", "误写变体")]
    assert not [c for c in at.caption if "#0072B2" in c.value]
    at.segmented_control(key="cloud_src.zh").set_value("formula").run()
    at.sidebar.multiselect(key="sp").set_value([1, 5]).run()
    no_errors(at)
    assert len(at.get("image")) == 2
    at.segmented_control(key="cloud_src.zh").set_value("words").run()
    assert len(at.get("image")) == 2 and not [e for e in at.get("html") if "tl-legend" in e.proto.body]


# --- the tables behind the tab ---------------------------------------------------------------------------------

def test_tables_on_the_real_text():
    speeches = list(SPEECHES.values())
    matches = {sp.id: text_detector("idiom")(sp.text) for sp in speeches}
    occ = occurrence_table(speeches, matches)
    assert variant_table(occ).values.tolist() == [["克已奉公", "克己奉公", [5], 1], ["严于律已", "严于律己", [5], 1]]
    counts = class_counts(occ, speeches, total_label="all")
    assert counts[counts["term"] == "all"]["count"].tolist() == [32, 32, 36, 34, 53]
    assert counts[(counts["speech"] == 1) & (counts["term"] == "variant")]["count"].tolist() == [0]
    m = item_matrix(filter_occurrences(occ, min_count=5), [1, 2, 3, 4, 5])
    assert m[["canonical", "total", "speeches", "status"]].values.tolist() == [
        ["只争朝夕", 5, 5, "shared"], ["开拓创新", 5, 4, "some"]]
    one = item_matrix(occ[occ["speech"] == 5], [5])
    assert set(one["status"]) == {"unique"} and set(one["only"]) == {5}


def test_a_formula_masked_in_one_speech_keeps_its_class_in_the_matrix():
    """四个意X is masked in #2 only: the item 四个意识 is a knowledge-base formula, not a masked form."""
    at = app("formula")
    row = matrix(at).set_index("提法").loc["四个意识"]
    assert row["类别"] == "知识库收录"
    assert [row[f"#{i}"] for i in range(2, 5)] == [1, 1, 1]
    occ = occurrences(at)
    assert occ[occ["提法"] == "四个意X"]["类别"].tolist() == ["遮盖形式"]
    assert set(occ[occ["提法"] == "四个意识"]["类别"]) == {"知识库收录"}
