import pytest

from analysis.ingest.metadata import (guess_date, guess_metadata, guess_place, guess_speaker, load_places, valid_date)
from tests.ingest_helpers import corpus


def test_builtin_speeches():
    # The built-in speeches are anonymised: only speech 1 carries a year (in its title), none a place or name.
    got = [guess_metadata(sp.text, title=sp.title, subtitle=sp.subtitle, source=sp.source) for sp in corpus()]
    assert got == [{"date": "2021", "place": "", "speaker": ""}] + [{"date": "", "place": "", "speaker": ""}] * 4


@pytest.mark.parametrize("title, subtitle, text, expected", [
    ("在市政府2021年全体会议上的讲话", "", "同志们：", "2021"),
    ("政府工作报告", "——2022年1月10日在市第十七届人民代表大会第一次会议上", "各位代表：", "2022-01-10"),
    ("在全县大会上的讲话", "", "（二〇二二年三月十五日）\n同志们：今天开会。", "2022-03-15"),
    ("在全县大会上的讲话", "", "同志们：今天开会。\n县长 王五\n2023.12.1", "2023-12-01"),
    ("在2021年全市大会上的讲话", "（2021年3月5日）", "同志们：", "2021-03-05"),
    ("讲话", "", "同志们：2019年以来，我们取得了成绩。", ""),  # a year in the body is not the date
    ("在二〇二〇年十二月全会上的讲话", "", "同志们：", "2020-12"),
])
def test_guess_date(title, subtitle, text, expected):
    assert guess_date(text, title=title, subtitle=subtitle) == expected


def test_valid_date():
    assert [valid_date(d) for d in ("", "2021", "2021-02", "2021-02-28", "2021-02-30", "21-1-1", "2021/02/01")] \
        == [True, True, True, True, False, False, False]


def test_gazetteer_counts():
    levels = [lvl for _, lvl, _ in load_places()]
    assert (levels.count("province"), levels.count("prefecture"), levels.count("county")) == (34, 334, 2840)


@pytest.mark.parametrize("kwargs, expected", [
    ({"title": "在杭州市2023年经济工作会议上的讲话"}, "杭州市"),
    ({"title": "在浙江省嘉善县干部大会上的讲话"}, "嘉善县"),          # the most local name wins
    ({"title": "在全省大会上的讲话", "subtitle": "——在四川省委全会上"}, "四川省"),
    ({"source": "西藏自治区拉萨市讲话.docx"}, "拉萨市"),
    ({"text": "同志们：今天我们在成都市召开会议。"}, "成都市"),
    ({"title": "在全市大会上的讲话", "text": "同志们：我市发展很快。"}, ""),
])
def test_guess_place(kwargs, expected):
    text = kwargs.pop("text", "")
    assert guess_place(text, **kwargs) == expected


@pytest.mark.parametrize("title, subtitle, text, expected", [
    ("在全市经济工作会议上的讲话", "——张三同志在全市经济工作会议上的讲话", "", "张三"),
    ("市委书记李四在全市干部大会上的讲话", "", "同志们：", "李四"),
    ("政府工作报告", "", "市长 王五\n各位代表：", "王五"),
    ("在全县大会上的讲话", "", "县委书记：欧阳明德\n同志们：", "欧阳明德"),
    ("XXX同志在市委全会上的讲话", "", "同志们：", "XXX"),
    ("在市政府全体会议上的讲话", "", "同志们：", ""),
])
def test_guess_speaker(title, subtitle, text, expected):
    assert guess_speaker(text, title=title, subtitle=subtitle) == expected
