"""Where the time goes: cProfile of one ingest and of one dashboard rerun, grouped into named steps.

``python -m benchmarks.profiles ingest --corpus FILE`` profiles ``load_paths`` + ``process_corpus`` in one process
(``workers=1``, so the profiler sees every call) with a fresh persistent cache.
``python -m benchmarks.profiles rerun --corpus FILE --data-dir DIR --view 词频`` renders the dashboard under AppTest,
then profiles the script thread of one rerun after a stopword is added.

A step's time is the cumulative time of its functions (calls nested inside another call of the same step are
counted once). Steps may nest inside each other (jieba's ``cut`` is inside ``segment``), so they do not add up to
the total; the profiler itself slows pure-Python code down, so compare shares rather than absolute seconds.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.common import DASHBOARD, ROOT, emit

__all__ = ["INGEST_STEPS", "RERUN_STEPS", "steps", "hotspots", "main"]

# (step, path fragment, function name or "*" for every function of the file)
INGEST_STEPS = [
    ("parse + normalise + metadata (ingest.load_paths)", "analysis/ingest/loading.py", "load_paths"),
    ("  normalize_text", "analysis/text/normalize.py", "normalize_text"),
    ("  guess_metadata", "analysis/ingest/metadata.py", "guess_metadata"),
    ("segmentation (segment.segment)", "analysis/text/segment.py", "segment"),
    ("  tokens (segment.cut: jieba-rs or jieba)", "analysis/text/segment.py", "cut"),
    ("  part-of-speech lookup of new word types (_tag)", "analysis/text/segment.py", "_tag"),
    ("    jieba.posseg for words outside the dictionary", "analysis/text/segment.py", "_tag_unknown"),
    ("  countable_flags", "analysis/text/segment.py", "countable_flags"),
    ("detector idiom", "analysis/phrases/idioms.py", "detect"),
    ("detector slogan", "analysis/phrases/slogans.py", "detect"),
    ("detector formula", "analysis/phrases/formulas.py", "detect"),
    ("detector pattern", "analysis/phrases/patterns.py", "detect"),
    ("detector parallel", "analysis/phrases/parallelism.py", "detect"),
    ("detector ngram", "analysis/phrases/ngrams.py", "detect"),
    ("cache writes (cache.put_*)", "analysis/store/cache.py", "put_*"),
]
RERUN_STEPS = [
    ("sidebar (ui/sidebar.render)", "ui/sidebar.py", "render"),
    ("cached calls (st.cache_*; a miss includes computing the value)", "streamlit/runtime/caching/cache_utils.py", "__call__"),
    ("  argument hashing", "streamlit/runtime/caching/hashing.py", "update_hash"),
    ("counting (counts.filter_terms)", "analysis/text/counts.py", "filter_terms"),
    ("pivot for charts (counts.pivot_terms)", "analysis/text/counts.py", "pivot_terms"),
    ("chart building (analysis/charts/)", "analysis/charts/", "*"),
    ("chart serialisation (st.plotly_chart)", "streamlit/elements/plotly_chart.py", "plotly_chart"),
    ("table serialisation (st.dataframe → Arrow)", "streamlit/elements/arrow.py", "dataframe"),
    ("word-cloud drawing (wordclouds.wordcloud_png)", "analysis/charts/wordclouds.py", "wordcloud_png"),
    ("image serialisation (st.image)", "streamlit/elements/image.py", "image"),
    ("download buttons (st.download_button)", "streamlit/elements/widgets/button.py", "download_button"),
]


def _matches(key: tuple, fragment: str, name: str) -> bool:
    filename, _line, func = key
    if fragment not in filename.replace(os.sep, "/"):
        return False
    if name == "*":
        return True
    return func.startswith(name[:-1]) if name.endswith("*") else func == name


def steps(stats: pstats.Stats, spec) -> list[dict]:
    """Cumulative seconds and calls of each step of ``spec`` (outermost calls only)."""
    out = []
    for label, fragment, name in spec:
        keys = {k for k in stats.stats if _matches(k, fragment, name)}
        seconds = calls = 0.0
        for k in keys:
            _cc, nc, _tt, ct, callers = stats.stats[k]
            if any(c in keys for c in callers):   # nested inside the same step: already counted by its caller
                continue
            seconds += ct
            calls += nc
        out.append({"step": label, "seconds": seconds, "calls": int(calls)})
    return out


def _short(key: tuple) -> str:
    filename, line, func = key
    path = filename.replace(os.sep, "/")
    for root in (str(ROOT).replace(os.sep, "/") + "/", "site-packages/"):
        if root in path:
            path = path.split(root, 1)[1]
    return f"{path}:{line}({func})" if line else func


def hotspots(stats: pstats.Stats, *, n: int = 12) -> dict:
    """The ``n`` project functions with the largest cumulative time and the ``n`` largest self times anywhere."""
    root = str(ROOT).replace(os.sep, "/") + "/"
    project = [(k, v) for k, v in stats.stats.items()
               if k[0].replace(os.sep, "/").startswith(root) and "/benchmarks/" not in k[0].replace(os.sep, "/")]
    cumulative = sorted(project, key=lambda kv: -kv[1][3])[:n]
    own = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:n]
    return {"cumulative": [{"function": _short(k), "seconds": v[3], "calls": v[1]} for k, v in cumulative],
            "self": [{"function": _short(k), "seconds": v[2], "calls": v[1]} for k, v in own]}


def _total(stats: pstats.Stats) -> float:
    return sum(v[2] for v in stats.stats.values())


def profile_ingest(corpus: Path) -> dict:
    from analysis.ingest.loading import load_paths
    from analysis.text.lexicon import load_lexicon
    from analysis.phrases.registry import KINDS
    from analysis.pipeline import process_corpus
    from analysis.store.cache import SegmentCache
    from analysis.text.segment import segment
    lexicon = load_lexicon()
    segment("预热", lexicon=lexicon)   # dictionary load is start-up, not ingest
    with tempfile.TemporaryDirectory() as tmp:
        cache = SegmentCache(Path(tmp) / "cache.sqlite")
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        speeches = load_paths([str(corpus)])
        process_corpus(speeches, lexicon=lexicon, kinds=KINDS, cache=cache, workers=1)
        prof.disable()
        wall = time.perf_counter() - t0
    stats = pstats.Stats(prof)
    return {"what": "ingest", "corpus_bytes": corpus.stat().st_size, "speeches": len(speeches),
            "wall_seconds": wall, "profiled_seconds": _total(stats), "steps": steps(stats, INGEST_STEPS),
            **hotspots(stats)}


def profile_rerun(corpus: str | None, data_dir: str, view: str) -> dict:
    if corpus:
        os.environ["TIFALENS_CORPUS"] = corpus
    os.environ["TIFALENS_DATA_DIR"] = data_dir
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(DASHBOARD), default_timeout=900)
    at.session_state["view"] = view
    at.run()
    box = at.sidebar.text_area(key="stop_text")
    box.set_value((box.value or "") + "工作\n")
    prof = cProfile.Profile()

    def start_in_script_thread(frame, event, arg):
        # AppTest runs each rerun in a new thread; profile that thread from its first call.
        sys.setprofile(None)
        prof.enable()

    threading.setprofile(start_in_script_thread)
    t0 = time.perf_counter()
    at.run()
    wall = time.perf_counter() - t0
    threading.setprofile(None)
    stats = pstats.Stats(prof)
    return {"what": "rerun", "view": view, "speeches": len(at.sidebar.multiselect(key="sp").value),
            "wall_seconds": wall, "profiled_seconds": _total(stats), "steps": steps(stats, RERUN_STEPS),
            **hotspots(stats), "problems": [str(e.value)[:200] for e in at.exception]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.profiles", description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=("ingest", "rerun"))
    ap.add_argument("--corpus")
    ap.add_argument("--data-dir")
    ap.add_argument("--view", default="词频")
    args = ap.parse_args(argv)
    if args.what == "ingest":
        emit(profile_ingest(Path(args.corpus)))
    else:
        emit(profile_rerun(args.corpus, args.data_dir, args.view))
    os._exit(0)


if __name__ == "__main__":
    main()
