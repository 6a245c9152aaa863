"""Cold start in a real browser: ``streamlit run dashboard.py`` with an empty cache, then headless Chromium until
the first chart is drawn.

``python -m benchmarks.browser --data-dir EMPTY_DIR`` reports the seconds from starting the server to its health
check answering, and from opening the page to the first Plotly chart of the 词频 tab being drawn with the run
finished. It needs a system Chromium and Playwright (the browser-test requirements); without them it reports
why it was skipped.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from benchmarks.common import DASHBOARD, ROOT, emit

__all__ = ["main"]

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.1)
    return False


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", required=True, help="an empty directory for the persistent cache")
    ap.add_argument("--timeout", type=float, default=180)
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if not chromium or sync_playwright is None:
        emit({"skipped": "no system Chromium" if not chromium else "Playwright is not installed"})
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "TIFALENS_DATA_DIR": args.data_dir}
    env.pop("TIFALENS_CORPUS", None)
    t0 = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(DASHBOARD), "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not _wait_healthy(url, server, args.timeout):
            emit({"error": "the dashboard did not answer its health check"})
            return
        server_seconds = time.perf_counter() - t0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            t1 = time.perf_counter()
            page.goto(f"{url}/?view={urllib.parse.quote('词频')}")
            page.wait_for_selector(".stPlotlyChart .js-plotly-plot", timeout=args.timeout * 1000)
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                   timeout=args.timeout * 1000)
            page_seconds = time.perf_counter() - t1
            browser.close()
        emit({"server_seconds": server_seconds, "first_page_seconds": page_seconds,
              "total_seconds": server_seconds + page_seconds, "load_avg": os.getloadavg()[0]})
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
