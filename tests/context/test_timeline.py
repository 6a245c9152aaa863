"""Timelines, attestation and what is new, on the national reports and on small made-up series."""
import math
from collections import Counter

from analysis.context.kwic import kwic
from analysis.context.timeline import attestation, term_timeline, whats_new, year_series
from analysis.ingest.corpus import Speech
from analysis.ingest.national import load_national_corpus
from analysis.text.normalize import count_han


def _speech(i, year, text):
    return Speech(id=i, title=f"#{i}", text=text, date=str(year) if year else "")


def test_timeline_counts_are_kwic_counts_and_missing_years_are_gaps():
    reports = load_national_corpus()
    rows = term_timeline(reports, ["新质生产力", "科学发展观"])
    assert [(r["year"], r["count"]) for r in rows if r["term"] == "新质生产力" and r["count"]] == [(2024, 1), (2025, 2)]
    assert sum(r["count"] for r in rows if r["term"] == "科学发展观") == len(kwic(reports, "科学发展观")) == 41
    series = year_series(rows, han_chars={sp.id: count_han(sp.text) for sp in reports})
    sci = series[series["term"] == "科学发展观"].set_index("year")
    assert len(sci) == 2025 - 1954 + 1
    assert math.isnan(sci.loc[2020, "per_10k"]) and math.isnan(sci.loc[1970, "count"])   # no report: a gap
    assert sci.loc[2019, "per_10k"] == 0 and sci.loc[2004, "count"] == 2


def test_year_series_pools_speeches_of_one_year():
    sp = [_speech(1, 2020, "发展" * 5), _speech(2, 2020, "改革" * 5), _speech(3, 2022, "发展")]
    rows = term_timeline(sp, ["发展"])
    series = year_series(rows, han_chars={s.id: count_han(s.text) for s in sp}).set_index("year")
    assert list(series.index) == [2020, 2021, 2022]
    assert series.loc[2020, "count"] == 5 and series.loc[2020, "per_10k"] == 2500.0 and series.loc[2020, "speeches"] == 2
    assert math.isnan(series.loc[2021, "count"])


def test_attestation_and_whats_new_on_a_small_series():
    sp = [_speech(1, 2001, ""), _speech(2, 2002, ""), _speech(3, 2004, ""), _speech(4, None, "")]
    inv = {1: {"word": Counter({"改革": 2, "开放": 1})}, 2: {"word": Counter({"改革": 1, "创新": 3})},
           3: {"word": Counter({"开放": 2, "改革": 1, "新质": 1})}, 4: {"word": Counter({"未标年份": 9})}}
    rows = attestation(sp, inv, kinds=("word",))
    assert [(r["term"], r["first_year"], r["last_year"], r["reports"], r["count"]) for r in rows] == [
        ("改革", 2001, 2004, 3, 4), ("开放", 2001, 2004, 2, 3), ("创新", 2002, 2002, 1, 3), ("新质", 2004, 2004, 1, 1)]
    assert attestation(sp, inv, kinds=("word",), min_reports=3)[0]["term"] == "改革"
    new = whats_new(sp, inv, year=2004, kinds=("word",))
    assert [(r["term"], r["status"], r["count"], r["previous_count"]) for r in new] == [
        ("新质", "new", 1, 0), ("开放", "returned", 2, 0), ("创新", "dropped", 0, 3)]
