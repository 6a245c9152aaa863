"""Agreement and speed of ``rjieba`` (jieba-rs) against the project's segmenter (jieba + the lexicon).

``python -m benchmarks.segmenter [--corpus FILE] [--data-dir DIR]`` segments every speech both ways. rjieba gets
the same lexicon words with the same frequencies as ``analysis.text.segment.tokenizer_for`` gives jieba. Reported:
speeches whose token sequences are identical, boundary precision/recall/F1 (a boundary is an offset between two
tokens, pooled over the corpus), and the speed of rjieba's ``cut`` against jieba's ``lcut`` with the same
lexicon (both without part-of-speech tags) and against the whole ``segment`` call.

With ``--data-dir`` the jieba tokens are read from the persistent cache filled by the ingest benchmark (they are
what ``segment`` returned), so a large corpus is not segmented again; speed is then timed on a sample.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.common import emit

__all__ = ["rjieba_for", "boundaries", "compare", "main"]


def rjieba_for(lexicon):
    """An ``rjieba.Jieba`` with ``lexicon`` added the way ``tokenizer_for`` adds it to jieba."""
    import jieba
    import rjieba
    jieba.initialize()
    rj = rjieba.Jieba()
    for term, tag in lexicon.entries:
        rj.add_word(term, max(jieba.dt.suggest_freq(term, tune=False), 10), tag or None)
    return rj


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
    ap.add_argument("--data-dir", help="persistent cache already holding the jieba segmentations")
    ap.add_argument("--sample-bytes", type=int, default=2_000_000, help="text to time the two segmenters on")
    args = ap.parse_args(argv)
    from analysis.ingest.loading import load_paths
    from analysis.text.lexicon import load_lexicon
    from analysis.store.cache import SegmentCache
    from analysis.text.segment import segment, tokenizer_for
    speeches = load_paths([args.corpus] if args.corpus else None)
    lexicon = load_lexicon()
    cache = SegmentCache(Path(args.data_dir) / "cache.sqlite") if args.data_dir else None
    rj = rjieba_for(lexicon)
    tok = tokenizer_for(lexicon)
    tok.lcut("预热")
    reference, other = [], []
    for sp in speeches:
        seg = cache.get_segmentation(sp.text, sp.digest, lexicon) if cache else None
        reference.append(list((seg or segment(sp.text, lexicon=lexicon)).tokens))
        other.append(rj.cut(sp.text, True))
    result = {**compare(reference, other), "bytes": sum(len(sp.text.encode("utf-8")) for sp in speeches)}

    sample, size = [], 0
    for sp in speeches:
        if size >= args.sample_bytes:
            break
        sample.append(sp.text)
        size += len(sp.text.encode("utf-8"))
    def _segment_uncached(text, lex):
        # segment() keeps recent results in memory; time the work itself, not a memory lookup.
        from analysis.text import segment as segment_module
        segment_module._segment_memo.cache_clear()
        return segment(text, lexicon=lex)

    timings = {}
    for name, fn in (("rjieba_cut", lambda t: rj.cut(t, True)), ("jieba_lcut", lambda t: tok.lcut(t)),
                     ("segment", lambda t: _segment_uncached(t, lexicon))):
        t0 = time.process_time()
        for text in sample:
            fn(text)
        timings[name] = time.process_time() - t0
    result.update({"sample_bytes": size, "cpu_seconds": timings,
                   "speedup_vs_lcut": timings["jieba_lcut"] / timings["rjieba_cut"],
                   "speedup_vs_segment": timings["segment"] / timings["rjieba_cut"]})
    emit(result)


if __name__ == "__main__":
    main()
