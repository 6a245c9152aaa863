"""Agreement and speed of the fast segmenter (jieba-rs + post-pass) against the reference (jieba + the lexicon).

``python -m benchmarks.segmenter [--corpus FILE | --national]`` segments every speech with both engines of
``analysis.text.segment.cut``. Reported: speeches whose token sequences are identical, boundary
precision/recall/F1 (a boundary is an offset between two tokens, pooled over the corpus), and CPU seconds of
jieba's ``lcut`` against the fast engine's ``cut``, raw rjieba's ``cut`` and the whole ``segment`` call (tokens
and tags) on a sample.
"""
from __future__ import annotations

import argparse
import time

from benchmarks.common import emit

__all__ = ["boundaries", "compare", "main"]


def boundaries(tokens) -> set[int]:
    """Offsets between consecutive tokens."""
    out, pos = set(), 0
    for t in tokens[:-1]:
        pos += len(t)
        out.add(pos)
    return out


def compare(reference: list[list[str]], other: list[list[str]]) -> dict:
    """Identical sequences, pooled boundary P/R/F1 and a few differing tokens of ``other`` against ``reference``."""
    same = hit = n_ref = n_other = 0
    examples: list[str] = []
    for ref, oth in zip(reference, other):
        same += ref == oth
        a, b = boundaries(ref), boundaries(oth)
        hit += len(a & b)
        n_ref += len(a)
        n_other += len(b)
        if ref != oth and len(examples) < 6:
            i = next(i for i, (x, y) in enumerate(zip(ref, oth)) if x != y)
            examples.append(f"{'/'.join(ref[i:i + 3])} ≠ {'/'.join(oth[i:i + 3])}")
    precision, recall = hit / max(n_other, 1), hit / max(n_ref, 1)
    return {"speeches": len(reference), "identical": same, "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / max(precision + recall, 1e-12), "examples": examples}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.segmenter", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", help="compilation file (default: the built-in speeches)")
    ap.add_argument("--national", action="store_true", help="the 52 national reports")
    ap.add_argument("--sample-bytes", type=int, default=2_000_000, help="text to time the segmenters on")
    args = ap.parse_args(argv)
    from analysis.ingest.loading import load_paths
    from analysis.text.lexicon import load_lexicon
    from analysis.text.segment import _rjieba_for, cut, segment, tokenizer_for
    if args.national:
        from benchmarks.scale import national_texts
        texts = [t for _title, t in national_texts()]
    else:
        texts = [sp.text for sp in load_paths([args.corpus] if args.corpus else None)]
    lexicon = load_lexicon()
    tok = tokenizer_for(lexicon)
    tok.lcut("预热")
    rj = _rjieba_for(lexicon)
    reference = [cut(t, lexicon=lexicon, engine="jieba") for t in texts]
    other = [cut(t, lexicon=lexicon, engine="fast") for t in texts]
    result = {**compare(reference, other), "bytes": sum(len(t.encode("utf-8")) for t in texts)}

    sample, size = [], 0
    for t in texts:
        if size >= args.sample_bytes:
            break
        sample.append(t)
        size += len(t.encode("utf-8"))

    def _segment_uncached(text):
        return segment(text, lexicon=lexicon, memo=False)

    for text in sample:   # the tag table and the tags of the sample's words are loaded before the clock
        _segment_uncached(text)
    timings = {}
    for name, fn in (("rjieba_cut", lambda t: rj.cut(t, True)), ("fast_cut", lambda t: cut(t, lexicon=lexicon)),
                     ("jieba_lcut", lambda t: tok.lcut(t)), ("segment", _segment_uncached)):
        t0 = time.process_time()
        for text in sample:
            fn(text)
        timings[name] = time.process_time() - t0
    result.update({"sample_bytes": size, "cpu_seconds": timings,
                   "speedup_vs_lcut": timings["jieba_lcut"] / timings["fast_cut"],
                   "segment_vs_lcut": timings["jieba_lcut"] / timings["segment"]})
    emit(result)


if __name__ == "__main__":
    main()
