"""``batch``: ingest files, folders or JSON-lines corpora into a corpus store with Dask (see :mod:`analysis.batch`)."""
import os

from analysis.batch.sources import DEFAULT_PARTITION_BYTES
from analysis.batch.store import STORE_ENV
from analysis.errors import InputError

FIELDS = ["store", "partitions", "failed_partitions", "new_speeches", "skipped_known", "duplicates",
          "stored_speeches", "dictionary_terms", "new_mb", "seconds", "mb_per_s", "workers", "driver_peak_rss_mb",
          "worker_peak_rss_mb", "errors", "problems"]


def run(args) -> list[dict]:
    from analysis.batch.ingest import ingest
    from analysis.pipeline import lexicon_with_words_file

    out = args.out or os.environ.get(STORE_ENV, "")
    if not out:
        raise InputError(f"batch needs --out STORE (or {STORE_ENV})", zh=f"batch 需要 --out STORE（或 {STORE_ENV}）")
    if args.partition_mb <= 0:
        raise InputError("--partition-mb must be positive", zh="--partition-mb 必须为正数")
    summary = ingest(args.sources, out, scheduler=args.scheduler, workers=args.workers,
                     lexicon=lexicon_with_words_file(args.words), partition_bytes=int(args.partition_mb * 2**20),
                     retries=args.retries)
    if summary["failed_partitions"]:
        raise InputError(f"{summary['failed_partitions']} of {summary['partitions']} partitions failed (the others "
                         f"are stored; run again to retry): {summary['errors'][0]}",
                         zh=f"{summary['partitions']} 个分区中有 {summary['failed_partitions']} 个失败（其余已保存；"
                            f"再运行一次即可重试）：{summary['errors'][0]}")
    return [summary]


def register(sub, add_common) -> None:
    p = sub.add_parser("batch", help="ingest SRC (files, folders, JSON lines) into a Parquet store with Dask")
    p.add_argument("sources", nargs="+", metavar="SRC",
                   help="speech files, folders (searched recursively) or JSON-lines files (one speech a line: "
                        "text, and optional id, title, date, year, place, speaker, source)")
    add_common(p, files=False)
    p.add_argument("--out", metavar="STORE", help=f"the store folder (default ${STORE_ENV}); created if missing; "
                                                  "on a cluster, a path every worker sees")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running Dask scheduler (tcp://host:8786); default: a LocalCluster on this machine")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="worker processes of the LocalCluster (default 2; ignored with --scheduler)")
    p.add_argument("--partition-mb", type=float, default=DEFAULT_PARTITION_BYTES / 2**20, metavar="MB",
                   help=f"size of one task's slice of a JSON-lines file (default {DEFAULT_PARTITION_BYTES >> 20})")
    p.add_argument("--retries", type=int, default=2, metavar="N", help="retries of a failed task (default 2)")
    p.set_defaults(handler=run, fields=FIELDS)
