"""A speech against the national reports: pooled keyness, reuse of its year and earlier, the lag of formulas."""
from collections import Counter

from analysis.compare.centre import formula_lag, keyness_against, references_for, reuse_against, reused_share
from analysis.ingest.corpus import Speech, load_default_corpus
from analysis.ingest.national import load_national_corpus


def test_references_are_of_the_speech_year_or_earlier():
    reports = load_national_corpus()
    first = load_default_corpus()[0]                                  # dated 2021
    assert first.date == "2021"
    refs = references_for(first, reports)
    assert len(refs) == 48 and refs[-1].date == "2021-03-05"
    assert len(references_for(load_default_corpus()[1], reports)) == 52   # undated


def test_reuse_of_a_built_in_speech_against_the_reports():
    reports = load_national_corpus()
    sp = load_default_corpus()[0]
    rows, passages = reuse_against(sp, reports, min_chars=10)
    hits = {r["b_year"]: r for r in rows if r["passages"]}
    assert sorted(hits) == [2010, 2021]
    texts = [p.text_a for ps in passages.values() for p in ps]
    assert "确保“十四五”开好局、起好步" in texts
    assert reused_share(sp, passages) == round(hits[2010]["reuse_a"] + hits[2021]["reuse_a"], 4)


def test_keyness_against_a_pooled_reference():
    table = keyness_against({1: Counter({"市委": 7, "发展": 10}), 2: Counter({"发展": 5})},
                            Counter({"发展": 1000, "改革": 500}), totals={1: 1000, 2: 500}, reference_total=100000)
    top = table[table["speech"] == 1].iloc[0]
    assert (top["term"], top["count"], top["rest_count"]) == ("市委", 7, 0)
    assert set(table["speech"]) == {1, 2}


def test_formula_lag():
    attested = [{"term": "四个全面", "kind": "formula", "first_year": 2015, "last_year": 2019, "reports": 5},
                {"term": "三农", "kind": "formula", "first_year": 1999, "last_year": 2025, "reports": 20}]
    rows = formula_lag({"四个全面": 2, "三农": 1, "本地提法": 3}, attested, year=2021)
    assert [(r["term"], r["lag"]) for r in rows] == [("三农", 22), ("四个全面", 6)]
    assert formula_lag({"三农": 1}, attested, year=None)[0]["lag"] is None
