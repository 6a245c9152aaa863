"""The command line under awkward input: empty results, options after FILE, runaway regular expressions and
damaged PDFs. stdout carries the rows only, stderr at most one line of ours."""
import re
import subprocess
import sys
import time

import pytest

from analysis.cli.main import main
from tests.ingest_helpers import pdf_bytes
from tests.paths import ROOT

SPEECH = "第一篇：在市政府全体会议上的讲话\n推动高质量发展，深化改革开放。发展是第一要务。\n"


def run(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def speech(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(SPEECH, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args, header", [
    (("kwic", "没有这个词"), "speech,offset,left,match,right"),
    (("terms", "--min-len", "6"), "speech,term,count,per_10k,tag"),
    (("phrases", "--kind", "formula"), "speech,kind,phrase,canonical,class,count,gloss,members,first_offset,source"),
])
def test_an_empty_csv_result_still_has_its_header(capsys, speech, args, header):
    code, out, err = cli(capsys, *args, speech, "--format", "csv")
    assert code == 0, err
    assert out == header + "\n"


def test_empty_keyness_and_library_list_have_headers(capsys, tmp_path, speech):
    other = tmp_path / "t.txt"
    other.write_text("第一篇：另一篇讲话\n加强作风建设。\n", encoding="utf-8")
    code, out, err = cli(capsys, "keyness", speech, str(other), "--min-freq", "50", "--format", "csv")
    assert (code, out) == (0, "speech,term,count,rest_count,g2,p,log_ratio\n"), err
    code, out, err = cli(capsys, "library", "list", "--data-dir", str(tmp_path / "lib"), "--format", "csv")
    assert (code, out) == (0, "id,title,date,place,speaker,chars,han_chars,source,added_at\n"), err


def test_rows_keep_the_declared_column_order(capsys, speech):
    code, out, _ = cli(capsys, "kwic", "发展", speech, "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "speech,offset,left,match,right" and len(out.splitlines()) == 3


@pytest.mark.parametrize("order", [("发.", "--regex", "FILE"), ("发.", "FILE", "--regex"),
                                   ("--regex", "发.", "FILE"), ("发.", "FILE", "--regex", "--width", "2")])
def test_options_may_follow_the_positional_arguments(capsys, speech, order):
    code, out, err = cli(capsys, "kwic", *[speech if a == "FILE" else a for a in order], "--format", "csv")
    assert code == 0 and err == ""
    lines = out.splitlines()
    # As a regular expression: 发. matches 发展 (twice) and nothing else in this text.
    assert lines[0] == "speech,offset,left,match,right" and len(lines) == 3
    assert all(line.split(",")[3] == "发展" for line in lines[1:])


def test_unknown_options_are_still_refused_in_one_line(capsys, speech):
    with pytest.raises(SystemExit) as info:
        main(["kwic", "发展", speech, "--regexp"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--regexp" in err


def test_a_runaway_regular_expression_stops_with_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("第一篇：讲话\n" + ("发" * 3000 + "。\n") * 300, encoding="utf-8")
    start = time.monotonic()
    out = run("kwic", "(发+)+$", str(big), "--regex", "--timeout", "1")
    elapsed = time.monotonic() - start
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("error: the regular expression took longer than 1 s")
    assert elapsed < 30          # unlimited, this pattern runs for minutes on this file
    out = run("timeline", "(发+)+$", str(big), "--regex")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("error: the regular expression took longer than 2 s")


def test_regex_length_and_repeat_limits(capsys, speech):
    code, out, err = cli(capsys, "kwic", "a" * 201, speech)
    assert code == 1 and out == "" and err == "error: the search query is too long (201 characters; at most 200)\n"
    start = time.monotonic()
    code, out, err = cli(capsys, "kwic", "((a{100}){100}){100}", speech, "--regex")
    assert code == 1 and out == "" and "repeats too much" in err and err.count("\n") == 1
    assert time.monotonic() - start < 5   # refused before the engine unrolls a million copies
    code, _, err = cli(capsys, "kwic", "发展", speech, "--timeout", "0")
    assert code == 1 and "--timeout" in err


def test_a_repaired_pdf_prints_no_library_warnings(tmp_path):
    data = pdf_bytes(["第一段讲话内容，推动高质量发展。" * 5, "第二段讲话内容，深化改革开放。" * 5])
    # Every cross-reference offset off by a few bytes: pypdf repairs the file and logs what it did.
    damaged = data.replace(b"\n", b"\n ", 3)
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged)
    out = run("speeches", str(path), "--format", "csv")
    assert out.returncode == 0
    assert out.stderr == ""
    assert re.match(r"id,title,chars,han_chars", out.stdout) and len(out.stdout.splitlines()) == 2
