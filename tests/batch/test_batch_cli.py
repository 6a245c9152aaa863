"""The command line of the store: ``batch`` builds it (a real LocalCluster, progress on stderr), and ``speeches``,
``terms``, ``keyness``, ``phrases``, ``timeline`` with ``--store`` print the in-memory rows."""
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.ingest.corpus import DEFAULT_CORPUS_PATH

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "st"
    proc = subprocess.run([sys.executable, "-m", "analysis", "batch", str(DEFAULT_CORPUS_PATH), "--out", str(out),
                           "--workers", "1"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)[0]
    assert summary["new_speeches"] == summary["stored_speeches"] == 5 and summary["workers"] == 1
    assert "batch: 1/1 partitions, 5 new speeches" in proc.stderr
    assert set(summary["worker_peak_rss_mb"]) and summary["driver_peak_rss_mb"] > 0
    return out


def _rows(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _ids(capsys, store):
    """Store id of each in-memory speech id (1..5, the file's order)."""
    rows = _rows(capsys, ["speeches", "--store", str(store)])
    return {int(r["doc_id"].rsplit("#", 1)[1]): r["id"] for r in rows}


@pytest.mark.parametrize("argv", [["terms", "--top", "7"], ["terms", "--min-len", "2", "--no-stopwords"],
                                  ["keyness", "--top", "5"], ["keyness", "--sign", "both", "--min-freq", "2"],
                                  ["phrases", "--kind", "formula"], ["phrases", "--kind", "idiom"]])
def test_store_rows_equal_the_in_memory_rows(store, capsys, argv):
    ids = _ids(capsys, store)
    want = _rows(capsys, argv)
    got = _rows(capsys, argv + ["--store", str(store)])
    for r in want:
        r["speech"] = ids[r["speech"]]
    assert len(got) == len(want) > 0
    for g, w in zip(got, want):
        # p is corrected over every term at once, vectorised in the store: equal to the last few bits
        assert {k: g[k] for k in w if k != "p"} == {k: w[k] for k in w if k != "p"}
        assert math.isclose(g.get("p", 0), w.get("p", 0), rel_tol=1e-9)


def test_the_store_comes_from_the_environment_unless_files_are_given(store, capsys, monkeypatch):
    monkeypatch.setenv("TIFALENS_STORE", str(store))
    rows = _rows(capsys, ["speeches"])
    assert len(rows) == 5 and "doc_id" in rows[0]
    rows = _rows(capsys, ["speeches", str(DEFAULT_CORPUS_PATH)])
    assert len(rows) == 5 and "doc_id" not in rows[0]          # FILE given: the in-memory path


def test_subcorpus_group_keyness_and_timeline(store, capsys):
    rows = _rows(capsys, ["speeches", "--store", str(store), "--year", "2021"])
    assert [r["year"] for r in rows] == [2021]
    totals = _rows(capsys, ["terms", "--store", str(store), "--total", "--top", "3", "--where", "year=2021"])
    per = _rows(capsys, ["terms", "--store", str(store), "--top", "3", "--year", "2021"])
    assert [(r["term"], r["count"]) for r in totals] == [(r["term"], r["count"]) for r in per]
    key = _rows(capsys, ["keyness", "--store", str(store), "--target", "year=2021", "--top", "3"])
    assert [r["speech"] for r in key] == ["target"] * 3 and key[0]["g2"] > 0
    tl = _rows(capsys, ["timeline", "发展", "--store", str(store)])
    assert tl == [{"year": 2021, "term": "发展", "count": tl[0]["count"], "speeches": 1, "year_speeches": 1,
                   "han_chars": rows[0]["han_chars"], "per_10k": round(tl[0]["count"] * 1e4 / rows[0]["han_chars"], 2)}]


def test_errors_are_one_line(store, tmp_path, capsys):
    assert main(["terms", "--store", str(tmp_path / "none")]) == 1
    assert "not a corpus store" in capsys.readouterr().err
    assert main(["terms", "--store", str(store), "--where", "colour=red"]) == 1
    assert "FIELD=VALUE" in capsys.readouterr().err
    assert main(["keyness", "--store", str(store), "--reference", "year=2021"]) == 1
    assert "--target" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")]) == 1
    assert "no such file" in capsys.readouterr().err
