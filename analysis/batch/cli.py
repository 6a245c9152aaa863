"""The ``--store`` side of the command line: ``speeches``, ``terms``, ``keyness``, ``phrases`` and ``timeline``
answered from a corpus store by DuckDB instead of from files in memory.

``python -m analysis terms --store STORE`` (or with ``TIFALENS_STORE`` set) is routed here by
:func:`analysis.cli.main.main` before the in-memory parser runs, so these subcommands keep their names and output
fields and gain the store's options: a subcorpus chosen by metadata (``--year 2013..2022``, ``--place``,
``--speaker``, ``--source``, or ``--where FIELD=VALUE``) and, for keyness, a ``--target`` group against the rest or
against a ``--reference`` group. Speech ids are the store's (derived from the content hash); ``doc_id`` in
``speeches`` names the file and position or the JSON line's ``id``.
"""
from __future__ import annotations

import argparse
import os
import sys

from analysis.batch.query import FIELDS, Store, Subcorpus, parse_condition
from analysis.batch.store import STORE_ENV
from analysis.compare.keyness import CORRECTIONS
from analysis.errors import InputError, os_reason_zh
from analysis.phrases.registry import KINDS
from analysis.text.stopwords import decode_stopword_file, load_builtin

__all__ = ["STORE_COMMANDS", "wants_store", "main"]

STORE_COMMANDS = ("speeches", "terms", "keyness", "phrases", "timeline")


def wants_store(argv: list[str]) -> bool:
    """Whether ``argv`` is a store query: a store subcommand with ``--store``, or ``TIFALENS_STORE`` set."""
    command = next((a for a in argv if not a.startswith("-")), None)
    if command not in STORE_COMMANDS:
        return False
    return any(a == "--store" or a.startswith("--store=") for a in argv) or bool(os.environ.get(STORE_ENV))


def _subcorpus(args) -> Subcorpus:
    sub = Subcorpus()
    for flag in ("year", "place", "speaker", "source"):
        for value in getattr(args, flag) or ():
            sub = parse_condition(f"{flag}={value}", sub)
    for cond in args.where or ():
        sub = parse_condition(cond, sub)
    return sub


def _group(conds: list[str] | None) -> Subcorpus | None:
    if not conds:
        return None
    sub = Subcorpus()
    for cond in conds:
        sub = parse_condition(cond, sub)
    return sub


def _stopwords(args) -> list[str]:
    if getattr(args, "stopwords", None):
        try:
            with open(args.stopwords, "rb") as fh:
                stop = decode_stopword_file(fh.read(), name=args.stopwords)
        except OSError as exc:
            raise InputError(f"{args.stopwords}: cannot read ({exc.strerror or exc})",
                             zh=f"{args.stopwords}：无法读取（{os_reason_zh(exc)}）") from None
    else:
        stop = [] if getattr(args, "no_stopwords", False) else load_builtin("general")
    if getattr(args, "officialese", False):
        stop = list(stop) + load_builtin("officialese")
    return stop


def _speeches(store: Store, args) -> list[dict]:
    df = store.speeches(_subcorpus(args), limit=args.limit)
    cols = ["id", "doc_id", "title", "chars", "han_chars", "placeholders", "tokens", "subtitle", "date", "year",
            "place", "speaker", "source"]
    return _records(df[cols])


def _records(df) -> list[dict]:
    import pandas as pd

    out = []
    for rec in df.to_dict("records"):
        out.append({k: (None if (not isinstance(v, (list, tuple)) and pd.isna(v)) else
                        (int(v) if hasattr(v, "dtype") and getattr(v.dtype, "kind", "") in "iu" else v))
                    for k, v in rec.items()})
    return out


def _terms(store: Store, args) -> list[dict]:
    if args.top < 1:
        raise InputError("--top must be at least 1", zh="--top 至少为 1")
    stop = _stopwords(args)
    sub = _subcorpus(args)
    if args.total:
        df = store.term_totals(sub, stopwords=stop, min_len=args.min_len, top=args.top)
        return [{"term": r.term, "count": int(r.count), "speeches": int(r.speeches), "per_10k": float(r.per_10k),
                 "tag": r.tag} for r in df.itertuples()]
    df = store.term_table(sub, stopwords=stop, min_len=args.min_len, top=args.top)
    return [{"speech": int(r.speech), "term": r.term, "count": int(r.count), "per_10k": float(r.per_10k),
             "tag": r.tag} for r in df.itertuples()]


def _keyness(store: Store, args) -> list[dict]:
    if args.top < 1:
        raise InputError("--top must be at least 1", zh="--top 至少为 1")
    if args.min_freq < 1:
        raise InputError("--min-freq must be at least 1", zh="--min-freq 至少为 1")
    within = _subcorpus(args)
    stop = _stopwords(args)
    target, reference = _group(args.target), _group(args.reference)
    if reference is not None and target is None:
        raise InputError("--reference needs a --target", zh="--reference 需要同时给出 --target")
    if target is not None:
        groups = [("target", target)]
    else:
        ids = store.speeches(within)["id"].tolist()
        if len(ids) < 2:
            raise InputError("keyness compares speeches: the store (or its selection) has fewer than two",
                             zh="关键词分析是比较讲话：语料库（或所选部分）不足两篇")
        if len(ids) > 500:
            raise InputError(f"{len(ids):,} speeches selected: give --target FIELD=VALUE (a group against the rest) "
                             "or narrow the selection to at most 500 for one keyword list per speech",
                             zh=f"已选 {len(ids):,} 篇：请用 --target 字段=值 指定一组，或把所选缩小到 500 篇以内")
        groups = [(i, Subcorpus(ids=(i,))) for i in ids]
    rows = []
    for label, group in groups:
        df = store.keyness(group, reference, within=within, stopwords=stop, min_freq=args.min_freq,
                           correction=args.correction, top=args.top, sign=args.sign)
        rows += [{"speech": label, "term": r.term, "count": int(r.count), "rest_count": int(r.rest_count),
                  "g2": round(float(r.g2), 4), "p": float(r.p), "log_ratio": round(float(r.log_ratio), 4)}
                 for r in df.itertuples()]
    return rows


def _phrases(store: Store, args) -> list[dict]:
    sub = _subcorpus(args)
    if args.total:
        df = store.phrase_summary(args.kind, sub, top=args.top)
        return [{"kind": args.kind, "canonical": r.canonical, "class": r._2, "count": int(r.count),
                 "speeches": int(r.speeches), "variants": int(r.variants), "per_10k": float(r.per_10k),
                 "gloss": r.gloss or ""} for r in df.itertuples()]
    df = store.phrase_table(args.kind, sub)
    return [{"speech": int(r.speech), "kind": r.kind, "phrase": r.phrase, "canonical": r.canonical,
             "class": r._5, "count": int(r.count), "gloss": r.gloss or "", "members": list(r.members),
             "first_offset": int(r.first_offset), "source": r.source or ""} for r in df.itertuples()]


def _timeline(store: Store, args) -> list[dict]:
    df = store.timeline(args.terms, _subcorpus(args), kind=args.kind)
    return [{"year": int(r.year), "term": r.term, "count": int(r.count), "speeches": int(r.speeches),
             "year_speeches": int(r.year_speeches), "han_chars": int(r.han_chars), "per_10k": float(r.per_10k)}
            for r in df.itertuples()]


def build_parser() -> argparse.ArgumentParser:
    from analysis.cli.main import _Parser

    parser = _Parser(prog="python -m analysis", description="TifaLens: queries of a corpus store (--store).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def common(p):
        p.add_argument("--store", default=os.environ.get(STORE_ENV) or None, metavar="STORE",
                       help=f"corpus store folder written by `batch` (default ${STORE_ENV})")
        p.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default json)")
        p.add_argument("--year", action="append", metavar="Y|A..B", help="years (inclusive range A..B, ..B, A..)")
        for flag in ("place", "speaker", "source"):
            p.add_argument(f"--{flag}", action="append", metavar="VALUE[,VALUE]", help=f"speeches of this {flag}")
        p.add_argument("--where", action="append", metavar="FIELD=VALUE",
                       help=f"any metadata condition ({', '.join(FIELDS)}); repeat to combine")

    def stop_options(p):
        p.add_argument("--stopwords", metavar="FILE", help="stopword list (default: the built-in general list)")

    p = sub.add_parser("speeches", help="the stored speeches with metadata and sizes")
    common(p)
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N rows")
    p.set_defaults(handler=_speeches)

    p = sub.add_parser("terms", help="top words per speech (or --total over the selection)")
    common(p)
    stop_options(p)
    p.add_argument("--no-stopwords", action="store_true", help="count every word")
    p.add_argument("--officialese", action="store_true", help="also drop the built-in officialese list")
    p.add_argument("--top", type=int, default=20, metavar="N", help="words per speech (default 20)")
    p.add_argument("--min-len", type=int, default=1, metavar="N", help="minimum word length in characters")
    p.add_argument("--total", action="store_true", help="one list over all selected speeches")
    p.set_defaults(handler=_terms)

    p = sub.add_parser("keyness", help="keywords of a --target group against the rest or a --reference group")
    common(p)
    stop_options(p)
    p.add_argument("--target", action="append", metavar="FIELD=VALUE",
                   help="the group to characterise (default: each selected speech against the others)")
    p.add_argument("--reference", action="append", metavar="FIELD=VALUE",
                   help="the group to compare with (default: every other selected speech)")
    p.add_argument("--min-freq", type=int, default=3, metavar="N", help="minimum combined count (default 3)")
    p.add_argument("--top", type=int, default=20, metavar="N", help="keywords per target (default 20)")
    p.add_argument("--correction", choices=CORRECTIONS, default="bh", help="p-value correction (default bh)")
    p.add_argument("--sign", choices=("positive", "negative", "both"), default="positive",
                   help="positive keywords (default), negative ones or both")
    p.set_defaults(handler=_keyness)

    p = sub.add_parser("phrases", help="phrases of one kind per speech (or --total over the selection)")
    p.add_argument("--kind", required=True, choices=KINDS, help="which phrase kind")
    common(p)
    p.add_argument("--total", action="store_true", help="one table over all selected speeches")
    p.add_argument("--top", type=int, default=100, metavar="N", help="rows of --total (default 100)")
    p.set_defaults(handler=_phrases)

    p = sub.add_parser("timeline", help="per-year counts of words (or canonical phrases with --kind)")
    p.add_argument("terms", nargs="+", metavar="TERM", help="words (or canonical phrases)")
    common(p)
    p.add_argument("--kind", choices=KINDS, default=None, help="count canonical phrases of this kind")
    p.set_defaults(handler=_timeline)
    return parser


def main(argv: list[str]) -> int | None:
    """Run a store query; ``None`` when the store came only from ``TIFALENS_STORE`` and the arguments are not a
    store query (FILE arguments, options of the in-memory subcommand): the caller then runs the in-memory path."""
    from analysis.cli.main import write_rows

    argv = list(argv)
    if not wants_store(argv):
        return None
    explicit = any(a == "--store" or a.startswith("--store=") for a in argv)
    parser = build_parser()
    if explicit:
        args = parser.parse_args(argv)
    else:
        args, extra = parser.parse_known_args(argv)
        if extra:
            return None
    try:
        if not args.store:
            raise InputError(f"no store given (--store STORE or {STORE_ENV})",
                             zh=f"没有指定语料库（--store 或 {STORE_ENV}）")
        store = Store(args.store)
        try:
            rows = args.handler(store, args)
        finally:
            store.close()
        write_rows(rows, fmt=args.format)
    except InputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    return 0
