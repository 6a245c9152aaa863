"""Run every benchmark, print one report and write it into README.md between the benchmark markers.

    python -m benchmarks                      # 5, 100 and 1,000 speeches (about 15 minutes on 2 idle cores)
    python -m benchmarks --sizes 5,100 --repeats 3
    python -m benchmarks --quick --readme /tmp/README.md   # a smoke run on a tiny corpus

Each measurement runs in its own fresh process (see ``benchmarks.common.run_child``), so caches, imports and peak
memory of one never leak into another.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import shutil
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):   # ``python benchmarks/run.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, run_child   # noqa: E402
from benchmarks.corpus_gen import write_corpus   # noqa: E402
from benchmarks.report import render, write_readme   # noqa: E402

__all__ = ["main", "run_all"]


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run_all(args, work: Path) -> dict:
    """Every measurement, as one JSON-ready dict."""
    results: dict = {"sizes": {}, "started": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(),
                     "cpu": _cpu_model(), "load_avg_start": os.getloadavg()[0], "repeats": args.repeats}
    t_all = time.perf_counter()
    corpora = {n: write_corpus(work / "corpora", n, seed=args.seed) for n in args.sizes}
    for n in args.sizes:
        corpus = str(corpora[n])
        r: dict = {"bytes": corpora[n].stat().st_size}
        results["sizes"][str(n)] = r
        _log(f"{n} speeches: baseline ingest")
        common = ["--corpus", corpus, "--repeats", str(args.repeats), "--budget", str(args.budget)]
        r["baseline"] = run_child("ingest", ["baseline", *common], timeout=args.child_timeout)
        _log(f"{n} speeches: cold ingest")
        r["cold"] = run_child("ingest", ["cold", *common, "--cache-dir", str(work / f"cache_{n}")],
                              timeout=args.child_timeout)
        cache_dir = r["cold"].get("cache_dir")
        if cache_dir:
            _log(f"{n} speeches: warm ingest")
            r["warm"] = run_child("ingest", ["warm", *common, "--cache-dir", cache_dir], timeout=args.child_timeout)
        r["rerun"] = {}
        # The first visit fills what the dashboard keeps of a corpus (its parsed file, the count frame, the
        # overview); the timed processes below then start as a restart does, with every cache warm.
        _log(f"{n} speeches: first visit of the dashboard")
        r["first_visit"] = run_child(
            "rerun", ["--corpus", corpus, "--data-dir", cache_dir or str(work / f"dash_{n}"), "--view", args.views[0],
                      "--repeats", "0", "--timeout", str(args.timeout)], timeout=args.child_timeout)
        for view in args.views:
            _log(f"{n} speeches: reruns on {view}")
            r["rerun"][view] = run_child(
                "rerun", ["--corpus", corpus, "--data-dir", cache_dir or str(work / f"dash_{n}"), "--view", view,
                          "--repeats", str(args.repeats), "--budget", str(args.budget),
                          "--timeout", str(args.timeout)], timeout=args.child_timeout)
    if not args.skip_national:
        results["national"] = _national(args, work)
    if args.compare_sizes:
        results["compare"] = {}
        for n in args.compare_sizes:
            _log(f"{n} speeches: similarity & reuse view")
            path = write_corpus(work / "corpora", n, seed=args.seed)
            results["compare"][str(n)] = run_child("scale", ["compare", "--corpus", str(path)],
                                                   timeout=args.child_timeout)
    _log("cold start")
    results["coldstart"] = run_child("coldstart", ["--data-dir", str(work / "coldstart"),
                                                   "--timeout", str(args.timeout)], timeout=args.child_timeout)
    if not args.quick and not args.skip_browser:
        _log("cold start in Chromium")
        results["browser"] = run_child("browser", ["--data-dir", str(work / "browser"),
                                                   "--timeout", str(args.timeout)], timeout=args.child_timeout)
    largest, smallest = max(args.sizes), min(args.sizes)
    big_cache = results["sizes"][str(largest)].get("cold", {}).get("cache_dir")
    if not args.skip_profiles:
        _log("profiles")
        national_path = (results.get("national") or {}).get("path")   # real text when measured
        prof_corpus = Path(national_path) if national_path else write_corpus(work / "corpora", args.profile_size,
                                                                             seed=args.seed)
        results["profiles"] = {
            "ingest": run_child("profiles", ["ingest", "--corpus", str(prof_corpus)], timeout=args.child_timeout),
            "rerun_words": run_child("profiles", ["rerun", "--corpus", str(corpora[largest]), "--data-dir",
                                                  big_cache or str(work / "prof"), "--view", "词频"],
                                     timeout=args.child_timeout),
        }
        if "词云" in args.views:
            small_cache = results["sizes"][str(smallest)].get("cold", {}).get("cache_dir")
            results["profiles"]["rerun_clouds"] = run_child(
                "profiles", ["rerun", "--corpus", str(corpora[smallest]), "--data-dir",
                             small_cache or str(work / "prof"), "--view", "词云"], timeout=args.child_timeout)
    if not args.skip_segmenter:
        _log("segmenter agreement")
        results["segmenter"] = {"built-in": run_child("segmenter", [], timeout=args.child_timeout)}
        if not args.quick:
            results["segmenter"]["national"] = run_child("segmenter", ["--national"], timeout=args.child_timeout)
            results["segmenter"][str(largest)] = run_child(
                "segmenter", ["--corpus", str(corpora[largest])], timeout=args.child_timeout)
    results["load_avg_end"] = os.getloadavg()[0]
    results["total_seconds"] = time.perf_counter() - t_all
    return results


def _fresh_runs(results: list[dict]) -> dict:
    """One result of several single-run processes of ``benchmarks.ingest``: all runs, the median one, the peak."""
    ok = [res for res in results if "error" not in res]
    if not ok:
        return results[0] if results else {"error": "no run"}
    runs = [run for res in ok for run in res["runs"]]
    best = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    out = dict(ok[-1])
    nbytes = out["bytes"]
    out.update(runs=runs, median=best, mb_per_s=nbytes / 1e6 / best["seconds"],
               mb_per_cpu_s=nbytes / 1e6 / best["cpu_seconds"], processes=len(ok),
               peak_rss_mb=max(res["peak_rss_mb"] for res in ok),
               init_seconds=statistics.median(res["init_seconds"] for res in ok if res.get("init_seconds") is not None)
               if any(res.get("init_seconds") is not None for res in ok) else None)
    return out


def _national(args, work: Path) -> dict:
    """The national reports (real, distinct text) against plain jieba in the same run: ingest, the command line,
    and the command line's peak memory on about 44 MB (14 marked copies of the reports)."""
    _log("national reports: writing the corpora")
    files = run_child("scale", ["write", "--out", str(work / "national"), "--copies", str(args.big_copies)],
                      timeout=args.child_timeout)
    if "error" in files:
        return {"error": files["error"]}
    path, big = files["national"]["path"], files[f"x{args.big_copies}"]["path"]
    r: dict = {"bytes": files["national"]["bytes"], "big_bytes": files[f"x{args.big_copies}"]["bytes"],
               "speeches": 52, "path": path}
    reps = ["--repeats", str(args.national_repeats), "--budget", str(args.budget)]
    _log("national reports: plain jieba")
    r["baseline"] = run_child("ingest", ["baseline", "--corpus", path, *reps], timeout=args.child_timeout)
    _log("national reports: cold ingest, one process")
    # Every cold run in a fresh process: a repeat in the same process would find the first run's per-word tags
    # and memos in memory, which a real first ingest never has.
    r["cold_1"] = _fresh_runs([run_child("ingest", ["cold", "--corpus", path, "--repeats", "1", "--workers", "1",
                                                    "--cache-dir", str(work / f"nat_cold1_{i}")],
                                         timeout=args.child_timeout) for i in range(args.national_repeats)])
    _log("national reports: cold ingest, one worker per core")
    r["cold"] = run_child("ingest", ["cold", "--corpus", path, "--repeats", "1", "--cache-dir",
                                     str(work / "nat_cold")], timeout=args.child_timeout)
    _log("national reports: cold ingest with the jieba engine")
    r["cold_jieba"] = run_child("ingest", ["cold", "--corpus", path, "--repeats", "1", "--workers", "1",
                                           "--cache-dir", str(work / "nat_coldj")], timeout=args.child_timeout,
                                env={"TIFALENS_SEGMENTER": "jieba"})
    cache_dir = (r["cold_1"] or {}).get("cache_dir")
    if cache_dir:
        _log("national reports: warm ingest")
        r["warm"] = run_child("ingest", ["warm", "--corpus", path, *reps, "--workers", "1", "--cache-dir",
                                         cache_dir], timeout=args.child_timeout)
    r["cli"] = {}
    for name, cli_args, corpus in (("terms", "terms --top 20", path), ("idiom", "phrases --kind idiom", path),
                                   ("terms_44mb", "terms --top 20", big)):
        data_dir = work / f"cli_{name}"
        _log(f"national reports: CLI {cli_args} ({'44 MB' if corpus == big else '52 reports'}), cold and warm")
        r["cli"][name] = {when: run_child("scale", ["cli", "--corpus", corpus, "--data-dir", str(data_dir),
                                                    "--cli-args", cli_args], timeout=args.child_timeout)
                          for when in ("cold", "warm")}
    _log("national reports: similarity & reuse view")
    r["compare"] = run_child("scale", ["compare", "--corpus", path, "--features", "word"],
                             timeout=args.child_timeout)
    return r


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="5,100,1000", help="corpus sizes in speeches, comma-separated")
    ap.add_argument("--repeats", type=int, default=5, help="runs of each measurement (within its time budget)")
    ap.add_argument("--budget", type=float, default=90, help="seconds after which no new repeat starts")
    ap.add_argument("--timeout", type=float, default=120, help="longest single dashboard run before giving up")
    ap.add_argument("--child-timeout", type=float, default=1500, help="longest benchmark process")
    ap.add_argument("--views", default="词频,词云", help="dashboard tabs to time reruns on")
    ap.add_argument("--profile-size", type=int, default=20, help="speeches in the profiled ingest")
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument("--quick", action="store_true",
                    help="a tiny corpus, one repeat, the word tab only, no browser")
    ap.add_argument("--skip-profiles", action="store_true")
    ap.add_argument("--skip-segmenter", action="store_true")
    ap.add_argument("--skip-browser", action="store_true", help="no page load in headless Chromium")
    ap.add_argument("--skip-national", action="store_true", help="no national-reports measurements")
    ap.add_argument("--national-repeats", type=int, default=3, help="runs of the national baseline and ingest")
    ap.add_argument("--big-copies", type=int, default=14, help="copies of the national reports in the big file")
    ap.add_argument("--compare-sizes", default="300,1000",
                    help="generated corpus sizes for the similarity & reuse view (empty: none)")
    ap.add_argument("--before", type=Path, help="results of an earlier version (JSON) for the before/after table")
    ap.add_argument("--readme", type=Path, default=ROOT / "README.md", help="README to write the report into")
    ap.add_argument("--no-readme", action="store_true", help="only print the report")
    ap.add_argument("--save", type=Path, help="also write the raw results as JSON")
    ap.add_argument("--from-json", type=Path, help="render a saved JSON result instead of measuring")
    ap.add_argument("--work-dir", type=Path, help="keep corpora and caches here (default: a removed temp dir)")
    args = ap.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.views = [v for v in args.views.split(",") if v]
    args.compare_sizes = [int(x) for x in args.compare_sizes.split(",") if x.strip()]
    if args.quick:
        args.sizes, args.repeats, args.views, args.profile_size = [3], 1, ["词频"], 3
        args.skip_national, args.compare_sizes = True, [12]
        args.budget = min(args.budget, 10)
    if args.from_json:
        results = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        work = args.work_dir or Path(tempfile.mkdtemp(prefix="tifalens-bench-"))
        try:
            results = run_all(args, work)
        finally:
            if not args.work_dir:
                shutil.rmtree(work, ignore_errors=True)
    if args.before and args.before.exists():
        results["before"] = json.loads(args.before.read_text(encoding="utf-8"))
    if args.save:
        args.save.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    text = render(results)
    print(text)
    if not args.no_readme:
        write_readme(args.readme, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
