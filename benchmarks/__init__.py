"""Speed and memory benchmarks of TifaLens: ``python -m benchmarks`` runs them all and prints one table.

Benchmarks never read or write the user's library: unless a benchmark is given a data directory, every process
started from here works in a fresh temporary one.
"""
import os
import tempfile

if not os.environ.get("TIFALENS_BENCH_DATA_DIR"):
    os.environ["TIFALENS_BENCH_DATA_DIR"] = tempfile.mkdtemp(prefix="tifalens-bench-data-")
os.environ["TIFALENS_DATA_DIR"] = os.environ["TIFALENS_BENCH_DATA_DIR"]
