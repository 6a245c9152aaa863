"""Speech labels, the URL of the speech selection and the views audited in issue 16 (AppTest)."""
import base64
import json

import numpy as np

from tests.apptest import no_errors, start


def values(v) -> list:
    """A Plotly array from a figure spec (plain list or base64 typed array)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def test_sidebar_and_legends_show_short_distinct_labels():
    at = start(query={"view": "words"})
    no_errors(at)
    ms = at.sidebar.multiselect(key="sp")
    assert ms.options == ["#1 市政府2021年全体会议", "#2 市政府全体会议", "#3 牢记嘱托再出发", "#4 市政府全体会议",
                          "#5 市政府全体会议"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "#3 牢记嘱托再出发" in [t["name"] for t in spec["data"]]


def test_the_url_holds_speech_numbers_and_old_label_links_still_work():
    at = start(query={"view": "words"})
    at.sidebar.multiselect(key="sp").set_value([2, 4]).run()
    assert at.query_params["sp"] == ["2", "4"]
    old = start(query={"view": "words", "sp": ["3 · 在市政府全体会议上的讲话", "5 · 在市政府全体会议上的讲话"]})
    no_errors(old)
    assert old.sidebar.multiselect(key="sp").value == [3, 5]
    assert old.query_params["sp"] == ["3", "5"]
    assert start(query={"view": "words", "sp": ["1", "5"]}).sidebar.multiselect(key="sp").value == [1, 5]


def test_diff_cards_and_the_caption_above_the_aligned_diff_agree():
    at = start(query={"view": "similarity-reuse"})
    at.selectbox(key="sim_pair").set_value("2-4").run()
    no_errors(at)
    cards = {m.label: m.value for m in at.metric}
    assert cards["改写"] == "1" and cards["删去"] == "4 处 · 2 句" and cards["新增"] == "7 处 · 11 句"
    assert cards["遮盖"] == "29"
    caption = next(c.value for c in at.caption if "“¶”表示换行" in c.value)
    assert "改写: 1" in caption and "删去: 4" in caption and "新增: 7" in caption and "遮盖: 29" in caption
    ops = at.dataframe[2].value["改动类型"].value_counts().to_dict()
    assert ops == {"遮盖": 29, "新增": 7, "删去": 4, "改写": 1}


def test_loading_a_saved_stopword_list_sets_the_base_list_chips_to_match_its_words():
    from analysis.store.library import open_library
    from analysis.text.stopwords import load_builtin
    library = open_library()
    general = load_builtin("general")
    library.save_stopword_list("只有通用词", general + ["工作"])
    try:
        at = start(query={"view": "my-speeches"})
        at.sidebar.multiselect(key="lists.zh").set_value(["general", "officialese"]).run()
        on = len(at.sidebar.text_area(key="stop_text").value.split())
        assert on > len(general) + 40                       # the officialese words are active
        at.selectbox(key="lib_sw_pick").set_value("只有通用词")
        at.button(key="lib_sw_load").click().run()
        no_errors(at)
        assert at.sidebar.multiselect(key="lists.zh").value == ["general"]   # its chip no longer claims them
        assert at.query_params["sw_add"] in ("工作", ["工作"]) and "sw_del" not in at.query_params
        assert any(f"当前 {len(general) + 1} 个停用词" in c.value for c in at.sidebar.caption)
        officialese = load_builtin("officialese")
        library.save_stopword_list("含套话", general + officialese)
        at.run()
        at.selectbox(key="lib_sw_pick").set_value("含套话")
        at.button(key="lib_sw_load").click().run()
        assert at.sidebar.multiselect(key="lists.zh").value == ["general", "officialese"]
        assert "sw_add" not in at.query_params
    finally:
        for name in library.stopword_lists():
            library.delete_stopword_list(name)


def _dated_corpus(tmp_path, monkeypatch, n=14):
    from analysis.ingest.corpus import load_default_corpus
    paragraphs = [p for sp in load_default_corpus() for p in sp.text.split("\n") if p.strip()]
    titles = [f"在{2010 + i // 2}年全市工作会议上的讲话" if i % 2 else f"{2010 + i // 2}年3月{i + 1}日在全体会议上的讲话"
              for i in range(n)]
    parts = [f"第{i + 1}篇：{titles[i]}\n\n" + "\n\n".join(paragraphs[i * 5:(i + 1) * 5]) for i in range(n)]
    corpus = tmp_path / "dated.txt"
    corpus.write_text("\n\n".join(parts), encoding="utf-8")
    monkeypatch.setenv("TIFALENS_CORPUS", str(corpus))


def test_trends_with_many_speeches_draw_the_top_ones_a_pooled_line_and_a_side_legend(tmp_path, monkeypatch):
    _dated_corpus(tmp_path, monkeypatch)
    at = start(query={"view": "trends", "tr_query": "工作"})
    no_errors(at)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [t["name"] for t in fig["data"]]
    assert len(names) == 9 and names[-1] == "全部 14 篇合计"          # 8 speeches + the pooled line, not 14
    assert fig["layout"]["legend"]["orientation"] == "v" and fig["layout"]["legend"]["x"] > 1   # beside, not on the title
    assert any("其余 6 篇只计入虚线" in c.value for c in at.caption)
    at.slider(key="tr_lines").set_value(3).run()
    assert len(json.loads(at.get("plotly_chart")[0].proto.spec)["data"]) == 4
    dates = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert dates["layout"]["xaxis"]["type"] == "date"                    # one axis for 2016 and 2019-03-01 alike
    assert all(not str(x).endswith(("#1", "#2")) for x in dates["data"][0]["x"])
    at.radio(key="tr_by.zh").set_value("year").run()
    years = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert values(years["data"][0]["x"]) == list(range(2010, 2017))


def test_trends_say_which_count_the_chart_uses():
    at = start(query={"view": "trends", "tr_query": "工作"})
    no_errors(at)
    cards = {m.label: m.value for m in at.metric}
    assert cards == {"文本中出现次数": "138", "作为独立词的次数": "125"}   # 125: the count of the 词频 view
    words = start(query={"view": "words"})
    table = words.dataframe[0].value
    assert table[table["词"] == "工作"]["频次"].sum() == 125


def test_english_trend_notes_agree_in_number():
    at = start(query={"view": "trends", "lang": "en", "tr_query": "工作"})
    no_errors(at)
    assert any("1 of the selected speeches has a date" in i.value for i in at.info)


def test_segmentation_view_shows_tokens_and_keeps_a_split_word_whole():
    at = start(query={"view": "segmentation"})
    no_errors(at)
    at.selectbox(key="seg_sp").set_value(2)
    at.text_input(key="seg_find").set_value("全面部署").run()
    no_errors(at)
    table = at.dataframe[0].value
    tokens = list(table["词"])
    assert "全面" in tokens and "部署" in tokens and "全面部署" not in tokens
    assert table[table["词"] == "部署"]["词性"].iloc[0] == "n"           # the tag of the counted token
    (boxes,) = [e.proto.body for e in at.get("html") if "tl-seg" in e.proto.body]
    assert '<span class="tl-w">全面</span>' in boxes and '<span class="tl-w">部署</span>' in boxes
    first, second = int(table[table["词"] == "全面"]["序号"].iloc[0]), int(table[table["词"] == "部署"]["序号"].iloc[0])
    at.multiselect(key="seg_pick").set_value([first, second]).run()
    assert at.button(key="seg_keep").label == "保持为一个词：全面部署"
    at.button(key="seg_keep").click().run()
    no_errors(at)
    assert at.sidebar.text_area(key="words").value == "全面部署"
    assert "全面部署" in list(at.dataframe[0].value["词"])          # segmented again with the new word
    assert any("已把“全面部署”加入自定义词" in s.value for s in at.success)


def test_segmentation_view_splits_a_token_and_the_counts_follow():
    before = start(query={"view": "words", "sp": "1"}).dataframe[0].value
    assert before[before["词"] == "发展"]["频次"].sum() == 15
    at = start(query={"view": "segmentation"})
    at.text_input(key="seg_find").set_value("高质量发展").run()
    table = at.dataframe[0].value
    assert "高质量发展" in list(table["词"])
    assert at.selectbox(key="seg_split_at").disabled
    index = int(table[table["词"] == "高质量发展"]["序号"].iloc[0])
    at.multiselect(key="seg_pick").set_value([index]).run()
    assert at.selectbox(key="seg_split_at").options == ["高 | 质量发展", "高质 | 量发展", "高质量 | 发展",
                                                        "高质量发 | 展"]
    at.selectbox(key="seg_split_at").set_value("高质量/发展").run()
    assert at.button(key="seg_split").label == "在此拆开：高质量 / 发展"
    at.button(key="seg_split").click().run()
    no_errors(at)
    assert at.sidebar.text_area(key="words").value == "高质量/发展"
    tokens = list(at.dataframe[0].value["词"])
    assert "高质量发展" not in tokens and "高质量" in tokens and "发展" in tokens
    assert any("已把“高质量/发展”加入自定义词" in s.value for s in at.success)
    # Keeping the word whole again replaces the rule instead of holding both.
    at.multiselect(key="seg_pick").set_value([index, index + 1]).run()
    assert at.button(key="seg_keep").label == "保持为一个词：高质量发展"
    at.button(key="seg_keep").click().run()
    assert at.sidebar.text_area(key="words").value == "高质量发展"
    after = start(query={"view": "words", "sp": "1", "words": "高质量/发展"}).dataframe[0].value
    assert after[after["词"] == "发展"]["频次"].sum() == 17


def test_segmentation_view_highlights_lexicon_words():
    at = start(query={"view": "segmentation", "words": "下半年工作"})
    at.selectbox(key="seg_sp").set_value(2)
    at.text_input(key="seg_find").set_value("下半年工作").run()
    table = at.dataframe[0].value
    assert bool(table[table["词"] == "下半年工作"]["词典"].iloc[0])
    (boxes,) = [e.proto.body for e in at.get("html") if "tl-seg" in e.proto.body]
    assert '<span class="tl-tok tl-lex" title="#' in boxes


def test_chart_toolbars_follow_the_ui_language():
    zh = json.loads(start(query={"view": "words"}).get("plotly_chart")[0].proto.config)
    assert zh["locale"] == "zh-CN" and zh["locales"]["zh-CN"]["dictionary"]["Zoom in"] == "放大"
    en = json.loads(start(query={"view": "words", "lang": "en"}).get("plotly_chart")[0].proto.config)
    assert "locale" not in en


def test_kwic_regex_toggle_has_room_for_its_label():
    at = start(query={"view": "kwic"})
    no_errors(at)
    assert at.toggle(key="kw_regex").label == "正则表达式"
    widths = [c.proto.weight for c in at.columns[:4]]
    assert widths[1] / sum(widths) >= 0.18          # 正则表达式 + the switch fit without an ellipsis
