"""The parser against the real saved page: five speeches, exact titles, no boilerplate, correct boundaries."""
import pytest

from analysis.ingest.corpus import DEFAULT_CORPUS_PATH, load_default_corpus, parse_compilation

RAW = DEFAULT_CORPUS_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def speeches():
    return load_default_corpus()


def test_five_speeches_with_heading_titles(speeches):
    assert [s.id for s in speeches] == [1, 2, 3, 4, 5]
    assert [s.title for s in speeches] == [
        "在市政府2021年全体会议上的讲话", "市政府全体会议上讲话", "在市政府全体会议上的讲话",
        "在市政府全体会议上的讲话", "在市政府全体会议上的讲话"]


def test_subtitle_and_date_from_the_title_block(speeches):
    assert speeches[2].subtitle == "牢记嘱托再出发 感恩奋进开新局"
    assert speeches[0].date == "2021"
    assert [s.subtitle for s in speeches if s.id != 3] == ["", "", "", ""]


@pytest.mark.parametrize("boilerplate", ["首页", "文库大全", "五篇材料", "认真制作", "质量一流", "下载后可",
                                         "精品文档", "本文系作者原创投稿", "请勿照搬照抄", "相关内容", "热门阅读",
                                         "最新更新", "随机推荐", "第一篇", "第五篇"])
def test_no_boilerplate_left(speeches, boilerplate):
    assert all(boilerplate not in s.text for s in speeches)


def test_bodies_start_and_end_where_the_speeches_do(speeches):
    starts = [s.text.split("\n", 1)[0] for s in speeches]
    assert starts[0].startswith("今天，我们召开×届市政府第×次全体会议")
    assert starts[1:] == ["同志们：", "同志们：", "同志们", "同志们："]
    assert speeches[2].text.split("\n")[1].startswith("今天，我们召开政府全体会议")
    assert speeches[0].text.endswith("奋力实现今年一季度各项工作“开门红”。")
    assert speeches[1].text.endswith("以优异成绩实现“XX五”完美收官！")
    assert speeches[2].text.endswith("以优异成绩庆祝新中国成立70周年！")
    assert speeches[3].text.endswith("切实抓好全市经济社会发展各项工作！")
    assert speeches[4].text.endswith("监督我的工作。\n谢谢大家。")


def test_page_breaks_inside_words_are_joined(speeches):
    s2 = speeches[1].text
    assert "X智慧城市" in s2 and "缺乏善抓的巧劲。" in s2 and "领导干部要当“思想家”" in s2
    # A heading without sentence punctuation is not glued to the next paragraph.
    assert "就是要知势、蓄势、借势\n" in speeches[2].text


def test_title_lines_are_not_part_of_the_body(speeches):
    assert not speeches[2].text.startswith("牢记嘱托再出发") and "——在市政府" not in speeches[2].text
    assert not speeches[4].text.startswith("在市政府全体会上的讲话")


def test_same_parser_handles_other_compilations():
    raw = ("网站 > 范文\n\n第一篇：在全县经济工作会议上的讲话\n\n同志们：\n\n今年全县经济稳中有进。\n\n"
           "认真制作，质量一流，排版规范。\n\n第二篇：在县政府常务会议上的讲话\n\n一、总体情况\n\n"
           "我们要抓好落实，推进高质\n\n量发展。\n\n相关内容\n\n其他文章")
    out = parse_compilation(raw, source="x.txt")
    assert [s.title for s in out] == ["在全县经济工作会议上的讲话", "在县政府常务会议上的讲话"]
    assert out[0].text == "同志们：\n今年全县经济稳中有进。"
    assert out[1].text == "一、总体情况\n我们要抓好落实，推进高质量发展。"


def test_text_without_headings_is_one_speech():
    out = parse_compilation("在全市大会上的讲话\n\n同志们，今天开会。")
    assert len(out) == 1 and out[0].title == "在全市大会上的讲话" and out[0].text == "同志们，今天开会。"


def test_the_corpus_file_is_the_users_file_unchanged():
    assert len(RAW.encode("utf-8")) == 60172 and RAW.count("\n") == 272


def test_han_characters_match_the_body_lines_of_the_raw_page(speeches):
    # Body line ranges read off the saved page (1-based, inclusive); counting Han characters there is independent
    # of the parser, so any lost or leaked line shows up.
    import re
    lines = RAW.split("\n")
    ranges = [(13, 25), (33, 67), (79, 119), (125, 153), (159, 265)]
    han = re.compile(r"[\u4e00-\u9fff]")
    expected = [len(han.findall("".join(lines[a - 1:b]))) for a, b in ranges]
    from analysis.text.normalize import count_han
    assert [count_han(s.text) for s in speeches] == expected == [2962, 2269, 2680, 2656, 6987]
