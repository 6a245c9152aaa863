"""Ingest throughput: a compilation file through parsing, normalisation, segmentation and all phrase detectors.

Three modes, each run in its own process (``python -m benchmarks.ingest MODE ...``) so peak memory is per mode:

* ``baseline`` — the plain way: read the file, ``jieba.lcut`` the whole text, ``collections.Counter`` the tokens,
  one process. jieba's dictionary is loaded before the clock starts (the baseline's most favourable case).
* ``cold`` — TifaLens with an empty persistent cache: ``load_paths`` (parse, normalise, metadata) then
  ``process_corpus`` with every phrase kind on a fresh pool of worker processes. The clock includes starting the
  workers and each worker's dictionary load, because a real first ingest pays them.
* ``warm`` — the same call in a new process after ``cold`` filled the cache: what a restart costs.

Throughput is the UTF-8 size of the file in MB (10^6 bytes) divided by the wall time.
"""
from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from pathlib import Path

from benchmarks.common import cpu_seconds, emit, peak_children_rss_mb, peak_rss_mb

__all__ = ["baseline_once", "ours_once", "main"]


def baseline_once(path: Path) -> tuple[float, int]:
    """Seconds for read + ``jieba.lcut`` + ``Counter`` of the whole file, and the number of distinct tokens."""
    import jieba
    t0 = time.perf_counter()
    text = path.read_text(encoding="utf-8")
    counts = Counter(jieba.lcut(text))
    return time.perf_counter() - t0, len(counts)


def ours_once(path: Path, cache_dir: Path, *, lexicon, workers: int) -> dict:
    """Seconds for ``load_paths`` and for ``process_corpus`` (all kinds, persistent cache in ``cache_dir``)."""
    from analysis.ingest.loading import load_paths
    from analysis.phrases.registry import KINDS
    from analysis.pipeline import process_corpus
    from analysis.store.cache import SegmentCache
    t0 = time.perf_counter()
    speeches = load_paths([str(path)])
    t1 = time.perf_counter()
    cache = SegmentCache(cache_dir / "cache.sqlite")
    out = process_corpus(speeches, lexicon=lexicon, kinds=KINDS, cache=cache, workers=workers)
    t2 = time.perf_counter()
    # process_corpus works in this process when fewer than 4 speeches need work
    used = 1 if workers == 1 or len(speeches) < 4 else workers
    return {"seconds": t2 - t0, "load_seconds": t1 - t0, "process_seconds": t2 - t1, "speeches": len(out),
            "workers_used": used,
            "tokens": sum(len(p.segmentation) for p in out.values()),
            "phrases": sum(len(v) for p in out.values() for v in p.phrases.values())}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.ingest", description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("baseline", "cold", "warm"))
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--cache-dir", type=Path, help="cold: runs go to RUN0, RUN1, … under it; warm: the filled cache")
    ap.add_argument("--workers", type=int, default=0, help="worker processes (0: one per core)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--budget", type=float, default=120, help="no new repeat starts after this many seconds")
    args = ap.parse_args(argv)
    workers = args.workers or os.cpu_count() or 1
    nbytes = args.corpus.stat().st_size
    started = time.perf_counter()
    runs: list[dict] = []
    init_seconds = None
    if args.mode == "baseline":
        import jieba
        t = time.perf_counter()
        jieba.initialize()
        init_seconds = time.perf_counter() - t
    else:   # imports, the lexicon file and the dictionaries are start-up, outside the clock (as jieba.initialize
        # is for the baseline): the same one-time work for every ingest the process runs
        import analysis.ingest.loading, analysis.pipeline, analysis.store.cache  # noqa: E401,F401
        from analysis.phrases.registry import KINDS
        from analysis.text.lexicon import load_lexicon
        from analysis.text.segment import preload
        lexicon = load_lexicon()
        t = time.perf_counter()
        preload(lexicon)
        from analysis.phrases.document import analyse
        from analysis.phrases.registry import detect_all
        # loads every detector's lists (idioms, set phrases, the formula knowledge base, stopwords) once
        detect_all(analyse("坚持实事求是，增强“四个意识”，推进“放管服”改革，一是抓落实，二是抓改革，三是抓发展。",
                           lexicon=lexicon), KINDS)
        init_seconds = time.perf_counter() - t
    for i in range(args.repeats):
        if runs and time.perf_counter() - started > args.budget:
            break
        cpu0, load0 = cpu_seconds(), os.getloadavg()[0]
        if args.mode == "baseline":
            seconds, distinct = baseline_once(args.corpus)
            run = {"seconds": seconds, "distinct": distinct}
        elif args.mode == "cold":
            run = ours_once(args.corpus, args.cache_dir / f"run{i}", lexicon=lexicon, workers=workers)
        else:
            run = ours_once(args.corpus, args.cache_dir, lexicon=lexicon, workers=workers)
        run["cpu_seconds"] = cpu_seconds() - cpu0
        run["load_avg"] = max(load0, os.getloadavg()[0])
        runs.append(run)
    best = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]   # the median run
    used = 1 if args.mode == "baseline" else best["workers_used"] if args.mode == "cold" else workers
    emit({"mode": args.mode, "bytes": nbytes, "workers": used,
          "runs": runs, "median": best, "mb_per_s": nbytes / 1e6 / best["seconds"],
          "mb_per_cpu_s": nbytes / 1e6 / best["cpu_seconds"],
          "init_seconds": init_seconds, "peak_rss_mb": peak_rss_mb(), "peak_worker_rss_mb": peak_children_rss_mb(),
          "cache_dir": str(args.cache_dir / f"run{len(runs) - 1}") if args.mode == "cold" else None})


if __name__ == "__main__":
    main()
