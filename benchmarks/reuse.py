"""CPU time of the reuse alignment over every pair of the built-in speeches, against one plain
``difflib.SequenceMatcher`` pass over the same pairs as the baseline, in the same process.

``python -m benchmarks.reuse [--repeats N]`` prints one JSON line (after the result marker): median CPU seconds of
each and their ratio.
"""
from __future__ import annotations

import argparse
import difflib
import itertools
import statistics
import time

from benchmarks.common import emit
from analysis.compare.reuse import reuse_pairs
from analysis.ingest.corpus import load_default_corpus


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    speeches = load_default_corpus()

    def baseline():
        for a, b in itertools.combinations(speeches, 2):
            difflib.SequenceMatcher(None, a.text, b.text, autojunk=True).get_matching_blocks()

    ours = [_cpu(lambda: reuse_pairs(speeches)) for _ in range(args.repeats)]
    base = [_cpu(baseline) for _ in range(args.repeats)]
    emit({"pairs": len(speeches) * (len(speeches) - 1) // 2, "reuse_cpu_s": statistics.median(ours),
          "difflib_cpu_s": statistics.median(base),
          "ratio": statistics.median(ours) / max(statistics.median(base), 1e-9)})


if __name__ == "__main__":
    main()
