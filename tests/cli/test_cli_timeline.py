"""The national reports on the command line: --corpus, timeline, attestation and what is new in a year."""
import csv
import io
import json
import subprocess
import sys

import pytest

from tests.paths import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def rows_of(*args):
    out = run(*args, "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def attested():
    return {(r["term"], r["kind"]): r for r in rows_of("attestation", "--corpus", "national")}


def test_speeches_of_the_national_corpus_have_a_year():
    rows = rows_of("speeches", "--corpus", "national")
    assert len(rows) == 52
    assert [r["year"] for r in rows][:9] == [1954, 1955, 1956, 1957, 1958, 1959, 1960, 1964, 1975]
    assert rows[-1]["year"] == 2025 and all(isinstance(r["year"], int) for r in rows)
    assert len(rows_of("speeches", "--corpus", "all")) == 57
    assert len(rows_of("speeches")) == 5


def test_every_subcommand_accepts_corpus():
    for cmd in ("speeches", "terms", "phrases", "keyness", "similarity", "kwic", "timeline", "attestation", "new"):
        out = run(cmd, "--help")
        assert "--corpus" in out.stdout, cmd
    out = run("speeches", "--corpus", "county")
    assert out.returncode == 2 and out.stderr.count("\n") == 1


def test_kwic_and_terms_on_the_national_reports():
    rows = rows_of("kwic", "新质生产力", "--corpus", "national")
    assert [(r["speech"], r["match"]) for r in rows] == [(51, "新质生产力"), (52, "新质生产力"), (52, "新质生产力")]


def test_timeline_counts_agree_with_kwic_and_gaps_are_not_rows():
    rows = rows_of("timeline", "高质量发展", "科学发展观", "--corpus", "national")
    assert len(rows) == 2 * 52 and list(rows[0]) == ["term", "speech", "year", "count", "per_10k"]
    hq = {r["year"]: r for r in rows if r["term"] == "高质量发展"}
    assert 2020 not in hq and 1965 not in hq                     # no report that year: no row, not a zero
    assert min(y for y, r in hq.items() if r["count"]) == 2018
    assert [hq[y]["count"] for y in (2017, 2018, 2019, 2021, 2024, 2025)] == [0, 5, 8, 8, 25, 9]
    assert hq[2024]["per_10k"] == 16.24
    kwic = rows_of("kwic", "高质量发展", "--corpus", "national")
    assert sum(r["count"] for r in hq.values()) == len(kwic) == 71
    sci = [r["year"] for r in rows if r["term"] == "科学发展观" and r["count"]]
    assert (sci[0], sci[-1], len(sci)) == (2004, 2018, 15)


def test_timeline_draws_own_speeches_on_the_same_axis(tmp_path):
    own = tmp_path / "own.txt"
    own.write_text("在全市高质量发展大会上的讲话\n（2023年5月8日）\n同志们：推动高质量发展，是首要任务。高质量发展要落实。\n",
                   encoding="utf-8")
    rows = rows_of("timeline", "高质量发展", "--corpus", "national", str(own))
    mine = [r for r in rows if r["speech"] == 53]
    assert mine == [{"term": "高质量发展", "speech": 53, "year": 2023, "count": 2, "per_10k": mine[0]["per_10k"]}]
    assert [r["year"] for r in rows].count(2023) == 2


def test_attestation_of_the_three_checks(attested):
    hq = attested[("高质量发展", "word")]
    assert (hq["first_year"], hq["last_year"], hq["reports"], hq["count"]) == (2018, 2025, 7, 71)
    sci = attested[("科学发展观", "word")]
    assert (sci["first_year"], sci["last_year"], sci["reports"], sci["count"]) == (2004, 2018, 15, 41)
    nq = attested[("新质生产力", "word")]
    assert (nq["first_year"], nq["last_year"], nq["reports"]) == (2024, 2025, 2)
    assert attested[("四个全面", "formula")]["first_year"] == 2015


def test_attestation_by_kind_and_min_reports():
    rows = rows_of("attestation", "--corpus", "national", "--kind", "formula", "--min-reports", "10")
    assert rows and {r["kind"] for r in rows} == {"formula"} and min(r["reports"] for r in rows) >= 10
    assert list(rows[0]) == ["term", "kind", "first_year", "last_year", "reports", "count"]
    out = run("attestation", "--corpus", "national", "--min-reports", "0")
    assert out.returncode == 1 and out.stderr.count("\n") == 1


def test_new_in_2024_and_2018():
    rows = rows_of("new", "--year", "2024", "--corpus", "national")
    by = {(r["term"], r["kind"]): r for r in rows}
    assert by[("新质生产力", "word")] == {"term": "新质生产力", "kind": "word", "status": "new", "count": 1,
                                        "previous_count": 0}
    assert {r["status"] for r in rows} == {"new", "returned", "dropped"}
    rows = rows_of("new", "--year", "2018", "--corpus", "national", "--kind", "word")
    by = {r["term"]: r for r in rows}
    assert by["高质量发展"]["status"] == "new" and by["高质量发展"]["count"] == 5
    assert "科学发展观" not in by                                 # used in 2017 and 2018: neither new nor dropped
    rows = rows_of("new", "--year", "2019", "--corpus", "national", "--kind", "word")
    assert {r["term"]: r["status"] for r in rows}["科学发展观"] == "dropped"


def test_new_for_a_year_without_a_report_is_bad_input():
    out = run("new", "--year", "2020", "--corpus", "national")
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and "2021" in out.stderr


def test_keyness_against_the_national_reports():
    corpus = str(ROOT / "data" / "000_600b4fd3f486c6f2.txt")
    rows = rows_of("keyness", corpus, "--reference", "national", "--top", "3")
    assert [(r["speech"], r["term"], r["count"], r["rest_count"]) for r in rows if r["speech"] == 1] == [
        (1, "市政府", 9, 1), (1, "工作", 47, 2189), (1, "全省", 8, 2)]
    assert sorted({r["speech"] for r in rows}) == [1, 2, 3, 4, 5]      # each speech against the reference alone


def test_similarity_against_the_national_reports_of_its_year_and_earlier():
    corpus = str(ROOT / "data" / "000_600b4fd3f486c6f2.txt")
    rows = rows_of("similarity", corpus, "--reference", "national", "--min-chars", "10")
    first = [r for r in rows if r["a"] == 1]                         # dated 2021: reports 1954-2021 only
    assert len(first) == 48 and max(r["b_year"] for r in first) == 2021
    assert len([r for r in rows if r["a"] == 2]) == 52                # undated: every report
    reused = [(r["b_year"], r["passages"]) for r in first if r["passages"]]
    assert reused == [(2010, 1), (2021, 1)]


def test_keyness_counts_each_group_of_versions_once():
    rows = rows_of("keyness", "--versions-once", "--top", "1")
    assert [(r["speech"], r["term"], r["count"], r["rest_count"]) for r in rows] == [
        (1, "工作", 47, 57), (3, "之势", 5, 0), (5, "增长", 30, 0)]


def test_timeline_names_a_missing_file_instead_of_counting_it_as_a_term():
    out = run("timeline", "高质量发展", "--corpus", "national", "missing/speech.txt")
    assert out.returncode == 1 and out.stderr == "error: missing/speech.txt: no such file\n"
    out = run("timeline")
    assert out.returncode == 2 and out.stderr.count("\n") == 1
