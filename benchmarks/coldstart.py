"""Cold start: the first full render of the dashboard on the built-in speeches, in a fresh process with an empty
persistent cache.

``python -m benchmarks.coldstart --data-dir EMPTY_DIR`` times the imports (streamlit, AppTest) and the first
``AppTest.run`` (which imports the dashboard's own modules, loads the corpus and jieba's dictionary, segments the
five speeches and draws the chosen tab), and reports the peak memory of the process.
"""
from __future__ import annotations

import argparse
import os
import time

from benchmarks.common import DASHBOARD, cpu_seconds, emit, peak_rss_mb

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.coldstart", description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", required=True, help="an empty directory for the persistent cache")
    ap.add_argument("--view", default="概览", help="tab of the first render")
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args(argv)
    os.environ.pop("TIFALENS_CORPUS", None)
    os.environ["TIFALENS_DATA_DIR"] = args.data_dir
    t0 = time.perf_counter()
    from streamlit.testing.v1 import AppTest
    t1 = time.perf_counter()
    at = AppTest.from_file(str(DASHBOARD), default_timeout=args.timeout)
    at.session_state["view"] = args.view
    cpu0 = cpu_seconds()
    at.run()
    t2 = time.perf_counter()
    emit({"view": args.view, "import_seconds": t1 - t0, "first_render_seconds": t2 - t1,
          "first_render_cpu_seconds": cpu_seconds() - cpu0, "total_seconds": t2 - t0,
          "peak_rss_mb": peak_rss_mb(), "load_avg": os.getloadavg()[0],
          "problems": [str(e.value)[:200] for e in at.exception]})


if __name__ == "__main__":
    main()
