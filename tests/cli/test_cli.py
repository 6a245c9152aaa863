"""The command line contract: subcommands, fields, formats and exit codes."""
import csv
import io
import json
import subprocess
import sys
from tests.paths import ROOT



def run(*args, input_files=()):
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_speeches_json_lists_the_five_speeches():
    out = run("speeches", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["id"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["title"] == "在市政府2021年全体会议上的讲话" and rows[1]["title"] == "市政府全体会议上讲话"
    assert [r["han_chars"] for r in rows] == [2962, 2269, 2680, 2656, 6987]
    assert [r["placeholders"] for r in rows] == [10, 31, 24, 0, 56]
    assert all({"id", "title", "chars", "han_chars", "placeholders"} <= set(r) for r in rows)


def test_terms_csv_has_a_header_and_top_n_per_speech(tmp_path):
    out = run("terms", "--top", "3", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0])[:3] == ["speech", "term", "count"]
    assert len(rows) == 15
    assert [(r["term"], r["count"]) for r in rows if r["speech"] == "1"] == [("工作", "47"), ("落实", "18"),
                                                                             ("部门", "16")]


def test_terms_with_own_stopwords_and_files(tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("的\n工作\n要\n", encoding="utf-8")
    speech = tmp_path / "s.txt"
    speech.write_text("在全市工作会议上的讲话\n\n同志们：今年工作要抓落实，抓落实要见实效。", encoding="utf-8")
    out = run("terms", str(speech), "--stopwords", str(stop), "--top", "2", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[:2] == [
        # The title line is not body text: 21 characters remain, so 2 occurrences are 952.38 per 10,000.
        {"speech": 1, "term": "抓", "count": 2, "per_10k": 952.38, "tag": "v"},
        {"speech": 1, "term": "落实", "count": 2, "per_10k": 952.38, "tag": "a"}]


def test_a_split_rule_in_the_words_file_cuts_that_word(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# 在此拆开\n高质量/发展\n", encoding="utf-8")
    counts = {}
    for args in ((), ("--words", str(words))):
        out = run("terms", "--top", "200", "--format", "json", *args)
        assert out.returncode == 0, out.stderr
        counts[args] = {r["term"]: r["count"] for r in json.loads(out.stdout) if r["speech"] == 1}
    plain, split = counts[()], counts[("--words", str(words))]
    assert (plain["发展"], plain["高质量"], plain["高质量发展"]) == (15, 2, 2)
    assert (split["发展"], split["高质量"], "高质量发展" in split) == (17, 4, False)


def test_compilation_file_is_split(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("第一篇：甲讲话\n\n同志们：今天开会。\n\n第二篇：乙讲话\n\n同志们：明天开会。", encoding="utf-8")
    rows = json.loads(run("speeches", str(f)).stdout)
    assert [(r["id"], r["title"]) for r in rows] == [(1, "甲讲话"), (2, "乙讲话")]


def test_errors_are_one_line_with_non_zero_exit(tmp_path):
    missing = run("terms", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.count("\n") == 1 and "nope.txt" in missing.stderr and "Traceback" not in missing.stderr
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = run("speeches", str(empty))
    assert out.returncode == 1 and "empty" in out.stderr and out.stderr.count("\n") == 1
    bad = run("terms", "--top", "zero")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    unknown = run("frobnicate")
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr
