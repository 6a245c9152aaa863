import json
import subprocess
import sys
from tests.paths import ROOT

FIELDS = ["speech", "kind", "phrase", "canonical", "class", "count"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "analysis", "phrases", *args], cwd=ROOT, capture_output=True,
                          text=True)


def test_formula_json_shape_and_order():
    p = run("--kind", "formula")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert all(list(r)[:6] == FIELDS for r in rows)
    assert [(r["speech"], r["count"]) for r in rows] == sorted(((r["speech"], r["count"]) for r in rows),
                                                               key=lambda t: (t[0], -t[1]))
    s5 = {r["phrase"]: r["count"] for r in rows if r["speech"] == 5}
    assert s5["三大要务"] == 2 and s5["三农"] == 1
    masked = next(r for r in rows if r["class"] == "masked" and r["phrase"] == "四个意X")
    assert masked["canonical"] == "四个意识"
    assert sum(r["count"] for r in rows) == 43   # with 城市双修 in #2 and #4


def test_slogan_csv(tmp_path):
    speech = tmp_path / "s.txt"
    speech.write_text("同志们：\n我们要树牢“比”的意识，在“比”中找差距，打通“最后一公里”。\n", encoding="utf-8")
    p = run("--kind", "slogan", str(speech), "--format", "csv")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].split(",")[:6] == FIELDS
    assert lines[1].startswith("1,slogan,比,比,single_char,2")
    assert lines[2].startswith("1,slogan,最后一公里,最后一公里,catchword,1")


def test_parallel_members_field():
    rows = json.loads(run("--kind", "parallel").stdout)
    jiang = [r for r in rows if r["canonical"] == "讲X"]
    assert [r["speech"] for r in jiang] == [3, 4]
    assert jiang[0]["members"] == ["讲悟性", "讲责任", "讲务实", "讲担当", "讲激情"]


def test_errors():
    p = run("--kind", "nonsense")
    assert p.returncode == 2 and "invalid choice" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    p = run()
    assert p.returncode == 2 and "--kind" in p.stderr
    p = run("--kind", "slogan", "/no/such/file.txt")
    assert p.returncode == 1 and p.stderr.startswith("error:")
