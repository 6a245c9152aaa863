"""Rerun latency of the dashboard under Streamlit's AppTest: the time from a sidebar change to the finished rerun.

``python -m benchmarks.rerun --corpus FILE --data-dir DIR --view 词频`` opens the dashboard on ``FILE`` (through
``TIFALENS_CORPUS``; a 第N篇 compilation is split) with the persistent cache in ``DIR``, renders the chosen tab
once, then repeats three sidebar changes in turn and times each ``AppTest.run``:

* ``stopword`` — one more word in the stopword text area ``stop_text``;
* ``deselect`` — one more speech removed from the multiselect ``sp``;
* ``top_n`` — the top-N slider ``top`` moved to a new value.

AppTest runs the script in this process and parses every element it sends, but it has no browser: websocket
transfer and the browser's drawing of charts and images come on top of these numbers.
"""
from __future__ import annotations

import argparse
import os
import time

from benchmarks.common import DASHBOARD, cpu_seconds, emit, peak_rss_mb, summary

__all__ = ["CHANGES", "main"]

STOPWORDS = ("工作", "发展", "推进", "建设", "加强", "落实", "项目", "全市", "经济", "企业", "服务", "提升")
TOP_VALUES = (25, 30, 35, 40, 45, 50, 55, 60, 15, 10, 5)


def _stopword(at, i: int) -> None:
    box = at.sidebar.text_area(key="stop_text")
    box.set_value((box.value or "") + STOPWORDS[i % len(STOPWORDS)] + "\n")


def _deselect(at, i: int) -> None:
    box = at.sidebar.multiselect(key="sp")
    chosen = list(box.value)
    if len(chosen) > 1:
        chosen.pop(0)
    box.set_value(chosen)


def _top_n(at, i: int) -> None:
    at.sidebar.slider(key="top").set_value(TOP_VALUES[i % len(TOP_VALUES)])


#: The timed sidebar changes, by name.
CHANGES = {"stopword": _stopword, "deselect": _deselect, "top_n": _top_n}


def _problems(at) -> list[str]:
    return [str(e.value)[:200] for e in at.exception] + [str(e.value)[:200] for e in at.error]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.rerun", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", help="file to open the dashboard on (default: the built-in speeches)")
    ap.add_argument("--data-dir", required=True, help="persistent cache directory (TIFALENS_DATA_DIR)")
    ap.add_argument("--view", default="词频", help="tab to open: 词频 or 词云")
    ap.add_argument("--repeats", type=int, default=5, help="runs of each change")
    ap.add_argument("--budget", type=float, default=120, help="no new change starts after this many seconds")
    ap.add_argument("--timeout", type=float, default=300, help="longest single run before giving up")
    args = ap.parse_args(argv)
    if args.corpus:
        os.environ["TIFALENS_CORPUS"] = args.corpus
    os.environ["TIFALENS_DATA_DIR"] = args.data_dir

    t = time.perf_counter()
    from streamlit.testing.v1 import AppTest
    import_seconds = time.perf_counter() - t
    at = AppTest.from_file(str(DASHBOARD), default_timeout=args.timeout)
    at.session_state["view"] = args.view
    result: dict = {"view": args.view, "import_seconds": import_seconds, "changes": {}, "problems": []}

    def timed_run() -> tuple[float, float] | None:
        cpu0, t0 = cpu_seconds(), time.perf_counter()
        try:
            at.run()
        except RuntimeError as exc:   # AppTest's timeout: the script is still running in its thread
            result["timeout"] = f"{exc}"
            return None
        return time.perf_counter() - t0, cpu_seconds() - cpu0

    first = timed_run()
    result["peak_rss_first_render_mb"] = peak_rss_mb()
    if first is None:
        emit(result)
        os._exit(0)
    result["first_render"] = {"seconds": first[0], "cpu_seconds": first[1]}
    result["speeches"] = len(at.sidebar.multiselect(key="sp").value)
    result["problems"] += _problems(at)
    walls: dict[str, list[float]] = {name: [] for name in CHANGES}
    cpus: dict[str, list[float]] = {name: [] for name in CHANGES}
    started = time.perf_counter()
    load = [os.getloadavg()[0]]
    for i in range(args.repeats):
        for name, change in CHANGES.items():
            if walls[name] and time.perf_counter() - started > args.budget:
                continue
            change(at, i)
            took = timed_run()
            if took is None:
                break
            walls[name].append(took[0])
            cpus[name].append(took[1])
            result["problems"] += _problems(at)
        else:
            load.append(os.getloadavg()[0])
            continue
        break
    for name in CHANGES:
        result["changes"][name] = {**summary(walls[name]), "cpu": summary(cpus[name])}
    result["load_avg"] = max(load)
    result["peak_rss_mb"] = peak_rss_mb()
    emit(result)
    os._exit(0)   # a timed-out script thread must not keep the process alive


if __name__ == "__main__":
    main()
