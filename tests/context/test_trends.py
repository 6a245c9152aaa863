from datetime import date

import pytest

from analysis.ingest.corpus import load_default_corpus, Speech
from analysis.errors import InputError
from analysis.context.trends import date_trend, parse_date, segment_bounds, trend_table


@pytest.fixture(scope="module")
def speeches():
    return load_default_corpus()


def test_segment_bounds_cover_the_text():
    b = segment_bounds(101, segments=10)
    assert b[0][0] == 0 and b[-1][1] == 101 and len(b) == 10
    assert all(x[1] == y[0] for x, y in zip(b, b[1:]))
    assert {e - s for s, e in b} <= {10, 11}
    with pytest.raises(ValueError):
        segment_bounds(10, segments=0)


def test_trend_of_shi_across_segments(speeches):
    t = trend_table(speeches, "势")
    by = t.groupby("speech")["count"].apply(list).to_dict()
    # The 知势/蓄势/借势 outline sits at the start of 2 and 4 and after 3's own opening.
    assert by[2] == [12, 9, 7, 0, 0, 0, 0, 0, 1, 0]
    assert by[4] == [0, 12, 9, 7, 0, 0, 0, 0, 1, 0]
    assert by[3] == [1, 9, 10, 9, 0, 0, 0, 0, 1, 0]
    for sp in speeches:
        part = t[t.speech == sp.id]
        assert part["count"].sum() == sp.text.count("势")
        assert part["chars"].sum() == len(sp.text) - sp.text.count("\n")
    row = t[(t.speech == 2) & (t.segment == 1)].iloc[0]
    assert row.per_10k == round(12 * 10_000 / row.chars, 2)


def test_parse_date():
    assert parse_date("2021") == date(2021, 1, 1)
    assert parse_date("2019-12") == date(2019, 12, 1)
    assert parse_date("2019-02-28") == date(2019, 2, 28)
    assert parse_date("2019-02-30") is None and parse_date("") is None and parse_date("去年") is None


def test_date_trend_orders_dated_speeches(speeches):
    t = date_trend(speeches, "发展")
    # Only speech 1 carries a year in its title.
    assert list(t.speech) == [1] and t.iloc[0]["count"] == 19 and t.iloc[0]["date"] == "2021"
    made = [Speech(id=1, title="a", text="发展发展", date="2020"), Speech(id=2, title="b", text="发展", date="2019-06-01"),
            Speech(id=3, title="c", text="发展", date=""), Speech(id=4, title="d", text="改革", date="2019")]
    t2 = date_trend(made, "发展")
    assert list(t2.speech) == [4, 2, 1] and list(t2["count"]) == [0, 1, 2]


def test_regex_and_errors(speeches):
    t = trend_table(speeches, r"[知蓄借]势", regex=True)
    assert t.groupby("speech")["count"].sum().to_dict() == {1: 0, 2: 7, 3: 7, 4: 7, 5: 0}
    with pytest.raises(InputError):
        trend_table(speeches, "[势", regex=True)
