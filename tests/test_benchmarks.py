"""Smoke test of the benchmark suite: a tiny run of every script prints the report and writes it into a README."""
import json
import subprocess
import sys
from pathlib import Path

from analysis.ingest.loading import load_paths
from benchmarks.corpus_gen import generate_text, write_corpus
from benchmarks.report import END, START, write_readme

ROOT = Path(__file__).resolve().parent.parent


def test_generated_corpus_splits_into_the_asked_number_of_speeches(tmp_path):
    path = write_corpus(tmp_path, 7, seed=3)
    speeches = load_paths([str(path)])
    assert len(speeches) == 7
    assert [sp.title for sp in speeches][:2] == ["第1次全体会议上的讲话", "第2次全体会议上的讲话"]
    assert generate_text(7, seed=3) == path.read_text(encoding="utf-8")
    assert generate_text(7, seed=4) != path.read_text(encoding="utf-8")


def test_readme_section_is_added_once_then_replaced(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\nIntro.\n", encoding="utf-8")
    write_readme(readme, "first\n")
    write_readme(readme, "second\n")
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nIntro.\n\n## Performance\n")
    assert text.count(START) == text.count(END) == text.count("## Performance") == 1
    assert f"{START}\nsecond\n{END}" in text and "first" not in text


def test_quick_run_prints_the_tables_and_writes_the_readme(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# TifaLens\n\nUnchanged text.\n", encoding="utf-8")
    saved = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--readme", str(readme),
                           "--save", str(saved), "--work-dir", str(tmp_path / "work")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for heading in ("### Ingest throughput", "### Rerun latency", "### Cold start and peak memory",
                    "### Where the time goes", "### The fast segmenter against jieba",
                    "### Similarity & reuse at scale"):
        assert heading in proc.stdout
    assert "| speeches | MB | baseline" in proc.stdout
    assert "failed" not in proc.stdout
    results = json.loads(saved.read_text(encoding="utf-8"))
    size = results["sizes"]["3"]
    assert size["cold"]["median"]["speeches"] == size["warm"]["median"]["speeches"] == 3
    assert size["cold"]["median"]["tokens"] == size["warm"]["median"]["tokens"] > 0
    rerun = size["rerun"]["词频"]
    assert rerun["speeches"] == 3 and not rerun["problems"]
    assert all(c["n"] == 1 for c in rerun["changes"].values())
    assert list(results["segmenter"]) == ["built-in"] and results["segmenter"]["built-in"]["speeches"] == 5
    assert results["segmenter"]["built-in"]["identical"] == 5
    assert results["compare"]["12"]["speeches"] == 12 and results["compare"]["12"]["pairs_listed"] > 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# TifaLens\n\nUnchanged text.\n\n## Performance\n")
    assert proc.stdout.strip() in text


def test_national_section_and_before_after_table_render():
    from benchmarks.report import render
    ingest = lambda cpu: {"median": {"cpu_seconds": cpu, "seconds": cpu * 1.1}, "mb_per_s": 1, "mb_per_cpu_s": 1,
                          "workers": 1, "peak_rss_mb": 300}
    cli = lambda cpu, mb: {"cold": {"cpu_seconds": cpu, "seconds": cpu, "peak_rss_mb": mb},
                           "warm": {"cpu_seconds": cpu / 2, "seconds": cpu / 2, "peak_rss_mb": mb}}
    national = {"bytes": 3_200_000, "big_bytes": 44_800_000, "baseline": {"cpu_seconds": 5.0, "seconds": 5.0},
                "cold_1": ingest(10.0), "cli": {"terms": cli(4.0, 300), "terms_44mb": cli(40.0, 450)}}
    before = {"label": "Commit abc", "cold_1": ingest(20.0), "cli": {"terms": cli(12.0, 400),
                                                                     "terms_44mb": cli(120.0, 2085)}}
    text = render({"national": national, "before": before})
    assert "### National reports (real, distinct text)" in text and "### Before and after" in text
    assert "| full ingest, all detectors, 1 process | 20.00 (0.25×) | 10.00 (0.50×) |" in text
    assert "| CLI terms on 44 MB, cold | 120.00 | 40.00 | 2,085 | 450 |" in text
