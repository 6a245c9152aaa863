"""Scale benchmarks on real, distinct text: the national government work reports, side by side with plain jieba.

``python -m benchmarks.scale MODE ...`` (each mode in a fresh process, one JSON line after the result marker):

* ``write --out DIR [--copies N]`` — writes ``national.txt`` (the 52 reports as one 第N篇 compilation) and, with
  ``--copies``, the folder ``national_xN``: N copies of it, one file each (each report marked with its copy, so no
  two texts are the same), about 3.2 MB per copy.
* ``baseline --corpus FILE`` — read the file, ``jieba.lcut`` the text, ``collections.Counter``: CPU and wall.
* ``cli --corpus FILE --data-dir DIR --cli-args ARGS`` — ``python -m analysis ARGS FILE`` as a separate process: its wall
  time, CPU time and peak resident memory (the whole process: start-up, imports, dictionary, work).
* ``compare --corpus FILE`` — what the similarity & reuse view computes on a first visit (candidate pairs, the top
  pairs aligned, their similarity, the detail of the best pair), CPU and wall.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.common import ROOT, emit, peak_rss_mb

__all__ = ["national_texts", "write_national", "main"]

SHARED_JSONL = Path("/work/shared/corpora/national-work-reports/government_work_reports.jsonl")


def national_texts() -> list[tuple[str, str]]:
    """``(title, text)`` of the 52 national reports: from the project's national corpus, else from the source
    JSON lines (the licence trailer cut off, normalised)."""
    try:
        from analysis.ingest.national import load_national_corpus
        return [(sp.title, sp.text) for sp in load_national_corpus()]
    except Exception:
        from analysis.text.normalize import normalize_text
        out = []
        for line in SHARED_JSONL.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("year") is None:
                continue
            body = rec["content"]
            cut = body.find("本作品是中华人民共和国")
            out.append((rec["title"], normalize_text(body[:cut] if cut >= 0 else body)))
        return out


def write_national(directory: Path, *, copies: int = 0) -> dict:
    directory.mkdir(parents=True, exist_ok=True)
    reports = national_texts()
    one = "\n\n".join(f"第{k}篇：{title}\n\n{text}" for k, (title, text) in enumerate(reports, start=1)) + "\n"
    paths = {"national": directory / "national.txt"}
    paths["national"].write_text(one, encoding="utf-8")
    out = {name: {"path": str(p), "bytes": p.stat().st_size} for name, p in paths.items()}
    if copies:   # a folder of one compilation file per copy (one file may hold at most 20 MB)
        folder = directory / f"national_x{copies}"
        folder.mkdir(exist_ok=True)
        size = 0
        for c in range(1, copies + 1):
            part = "\n\n".join(f"第{k}篇：{title}（第{c}份）\n\n第{c}份。\n{text}"
                                for k, (title, text) in enumerate(reports, start=1)) + "\n"
            f = folder / f"copy_{c:02d}.txt"
            f.write_text(part, encoding="utf-8")
            size += f.stat().st_size
        out[f"x{copies}"] = {"path": str(folder), "bytes": size}
    return out


def _baseline(path: Path) -> dict:
    import jieba
    jieba.initialize()
    c0, t0 = time.process_time(), time.perf_counter()
    text = path.read_text(encoding="utf-8")
    counts = Counter(jieba.lcut(text))
    return {"cpu_seconds": time.process_time() - c0, "seconds": time.perf_counter() - t0, "distinct": len(counts),
            "bytes": path.stat().st_size}


def _cli(path: Path, data_dir: Path, args: list[str], root: Path = ROOT) -> dict:
    env = {**os.environ, "TIFALENS_DATA_DIR": str(data_dir),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH", "")]))}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "analysis", *args, str(path)], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)   # this process runs exactly one child
    if proc.returncode:
        return {"error": err.decode("utf-8", "replace").strip().splitlines()[-1:]}
    return {"seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "rows": len(json.loads(out)) if args and "--format" not in args else None, "args": args,
            "bytes": _size(path)}


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir()) if path.is_dir() else path.stat().st_size


def _compare(path: Path, features: str, top: int) -> dict:
    from analysis.compare.reuse import diff_summary, diff_texts, shared_passages, top_reuse_pairs
    from analysis.compare.similarity import features_of, pair_similarities
    from analysis.compare.versions import version_groups
    from analysis.ingest.loading import load_paths
    speeches = load_paths([str(path)])
    segs = None
    if features == "word":   # the view reads segmentations from the (warm) cache: segment before the clock
        from analysis.pipeline import segment_all
        from analysis.text.lexicon import load_lexicon
        segs = segment_all(speeches, lexicon=load_lexicon())
    c0, t0 = time.process_time(), time.perf_counter()
    pairs = top_reuse_pairs(speeches, top=top)
    t1 = time.perf_counter()
    docs = features_of(speeches, features=features, segs=segs)
    index = {sp.id: k for k, sp in enumerate(speeches)}
    sims = pair_similarities(docs, [(index[p["a"]], index[p["b"]]) for p in pairs])
    groups = version_groups(pairs)
    if pairs:
        by_id = {sp.id: sp for sp in speeches}
        a, b = by_id[pairs[0]["a"]], by_id[pairs[0]["b"]]
        shared_passages(a.text, b.text)
        diff_summary(diff_texts(a.text, b.text), a=a.text, b=b.text)
    return {"speeches": len(speeches), "pairs_listed": len(pairs), "version_groups": len(groups),
            "cpu_seconds": time.process_time() - c0, "seconds": time.perf_counter() - t0,
            "reuse_seconds": t1 - t0, "features": features, "max_similarity": max(sims, default=0.0),
            "peak_rss_mb": peak_rss_mb()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("write", "baseline", "cli", "compare"))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--copies", type=int, default=0)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--features", default="char", choices=("word", "char"))
    ap.add_argument("--top", type=int, default=100)
    ap.add_argument("--cli-args", default="terms --top 20", help="cli: the arguments of python -m analysis")
    ap.add_argument("--root", type=Path, default=ROOT, help="cli: the source tree to run (e.g. an older version)")
    args = ap.parse_args(argv)
    if args.mode == "write":
        emit(write_national(args.out, copies=args.copies))
    elif args.mode == "baseline":
        emit(_baseline(args.corpus))
    elif args.mode == "cli":
        emit(_cli(args.corpus, args.data_dir, shlex.split(args.cli_args), args.root))
    else:
        emit(_compare(args.corpus, args.features, args.top))


if __name__ == "__main__":
    main()
