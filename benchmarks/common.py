"""Helpers shared by the benchmark scripts: child processes, peak memory, timing summaries."""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
#: Each child prints its result as one JSON line after this marker (anything else it prints is ignored).
MARKER = "@@benchmark-result@@ "


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_children_rss_mb() -> float:
    """Peak resident memory of the largest finished child process (e.g. a worker of the process pool), in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished children, in seconds.

    Wall time is what a user waits; CPU time is what the work costs, and it does not grow when other programs
    compete for the cores.
    """
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def emit(result: dict) -> None:
    """Hand ``result`` to the parent process."""
    sys.stdout.write(MARKER + json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run_child(module: str, args: list[str], *, timeout: float, env: dict | None = None) -> dict:
    """Run ``python -m benchmarks.<module> ARGS`` in a fresh process and return its result.

    A child that fails or runs out of time gives ``{"error": ...}`` instead of stopping the whole benchmark.
    """
    cmd = [sys.executable, "-m", f"benchmarks.{module}", *args]
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), full_env.get("PYTHONPATH", "")]))
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    for line in proc.stdout.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER):])
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return {"error": f"exit {proc.returncode}: " + " | ".join(tail)}


def summary(times: list[float]) -> dict:
    """Median, max and number of runs of ``times`` (seconds)."""
    if not times:
        return {"n": 0}
    return {"n": len(times), "median": statistics.median(times), "max": max(times), "min": min(times)}
