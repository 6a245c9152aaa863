"""The batch ingest driver: partitions → Dask tasks → a Parquet store, with progress on stderr.

The driver only plans partitions (file sizes and line boundaries), submits one task per partition and collects
small summaries; the speeches themselves are read, processed and written by the workers, so the driver's memory
does not grow with the corpus. Without ``scheduler`` a :class:`distributed.LocalCluster` of ``workers``
single-threaded worker processes is started (jieba holds the GIL: processes, not threads, give parallelism); with
``scheduler="tcp://host:8786"`` the tasks go to that running cluster, whose workers must see the store folder
and the input files at the same paths (a shared file system).

A task that raises is retried (``retries``), and one whose worker dies is rescheduled by Dask; either way a
partition becomes visible only when its speeches file is renamed into place (:mod:`analysis.batch.store`).
"""
from __future__ import annotations

import os
import resource
import sys
import time
import uuid
from pathlib import Path
from typing import Callable, Iterable, TextIO

from analysis.batch import store as layout
from analysis.batch.sources import DEFAULT_PARTITION_BYTES, plan_partitions
from analysis.batch.tasks import process_partition
from analysis.errors import InputError
from analysis.phrases.registry import KINDS
from analysis.text.lexicon import Lexicon, load_lexicon

__all__ = ["ingest", "STORE_VERSION"]

STORE_VERSION = 1


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _check_meta(store: Path, lexicon: Lexicon, kinds: tuple[str, ...]) -> None:
    meta = layout.read_meta(store)
    want = {"version": STORE_VERSION, "lexicon": lexicon.digest, "kinds": list(kinds)}
    if meta is None:
        if store.exists() and any(store.iterdir()):
            if not (store / "speeches").is_dir():
                raise InputError(f"{store}: the folder exists and is not a TifaLens store",
                                 zh=f"{store}：该文件夹已存在且不是提法镜语料库")
        layout.write_meta(store, {**want, "lexicon_terms": len(lexicon.entries)})
        return
    labels = {"version": "版本", "lexicon": "词典", "kinds": "提法类型"}
    for key in ("version", "lexicon", "kinds"):
        if meta.get(key) != want[key]:
            raise InputError(f"{store}: the store was built with another {key} ({meta.get(key)!r}, now "
                             f"{want[key]!r}); use a new --out folder",
                             zh=f"{store}：该语料库是用另一{labels[key]}建立的；请换一个 --out 文件夹")


class _Progress:
    def __init__(self, out: TextIO | None, total: int, total_bytes: int):
        self.out, self.total, self.total_bytes = out, total, total_bytes
        self.t0 = time.perf_counter()
        self.last = 0.0

    def __call__(self, done: int, speeches: int, nbytes: int, *, final: bool = False) -> None:
        if self.out is None:
            return
        now = time.perf_counter()
        if not final and now - self.last < 0.5 and done < self.total:
            return
        self.last = now
        secs = max(now - self.t0, 1e-9)
        self.out.write(f"batch: {done}/{self.total} partitions, {speeches:,} new speeches, "
                       f"{nbytes / 1e6:,.1f} MB in {secs:,.1f} s ({nbytes / 1e6 / secs:,.2f} MB/s)\n")
        self.out.flush()


def _worker_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(sources: Iterable[str], store: str | os.PathLike, *, scheduler: str | None = None, workers: int = 2,
           lexicon: Lexicon | None = None, kinds: tuple[str, ...] = KINDS,
           partition_bytes: int = DEFAULT_PARTITION_BYTES, retries: int = 2, progress: TextIO | None = sys.stderr,
           on_summary: Callable[[dict], None] | None = None, client=None) -> dict:
    """Ingest ``sources`` into ``store`` and return the run's summary.

    Speeches whose content hash is already stored are not processed again. ``client`` may be an existing
    :class:`distributed.Client` (then ``scheduler`` and ``workers`` are ignored and the client is left open).
    """
    from distributed import Client, LocalCluster, as_completed

    t0 = time.perf_counter()
    store = Path(store).resolve()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    kinds = tuple(kinds)
    if workers < 1:
        raise InputError("--workers must be at least 1", zh="--workers 至少为 1")
    parts = plan_partitions(list(sources), partition_bytes=partition_bytes)
    store.mkdir(parents=True, exist_ok=True)
    _check_meta(store, lexicon, kinds)
    removed = layout.clean_store(store)
    layout.merge_dictionary(store)
    known = frozenset(layout.known_ids(store))
    sizes = [p.size for p in parts]
    report = _Progress(progress, len(parts), sum(sizes))
    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster)
    summaries: list[dict] = []
    errors: list[str] = []
    try:
        n_workers = len(client.scheduler_info(n_workers=-1).get("workers", {})) if scheduler or not own_client \
            else workers
        # One copy of the known ids on every worker (a list of one item: scatter would split a bare set).
        known_arg = client.scatter([known], broadcast=True)[0] if known else frozenset()
        run = uuid.uuid4().hex[:8]
        futures = {}
        for i, (part, size) in enumerate(zip(parts, sizes)):
            fut = client.submit(process_partition, part, str(store), lexicon.entries, kinds, known_arg,
                                key=f"tifalens-{run}-{i}", retries=retries, pure=False, priority=size)
            futures[fut] = part
        done = speeches = nbytes = 0
        report(0, 0, 0, final=True)
        for fut in as_completed(futures):
            done += 1
            try:
                summary = fut.result()
            except Exception as exc:   # the task failed every retry: the partition stays out of the store
                errors.append(f"{futures[fut].label}: {exc.__class__.__name__}: {exc}")
                if progress is not None:
                    progress.write(f"batch: failed {futures[fut].label}: {exc.__class__.__name__}: {exc}\n")
            else:
                summaries.append(summary)
                speeches += summary["speeches"]
                nbytes += summary["bytes"]
                if on_summary:
                    on_summary(summary)
            report(done, speeches, nbytes, final=done == len(parts))
        try:
            worker_rss = client.run(_worker_peak_rss_mb)
        except Exception:
            worker_rss = {}
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
    # The same text in two partitions of one run: the partition that finished later drops it.
    owner: dict[int, str] = {}
    dropped = 0
    for s in summaries:
        again = [i for i in s["ids"] if i in owner]
        for i in s["ids"]:
            owner.setdefault(i, s["part"])
        if again:
            layout.drop_speeches(store, s["part"], again)
            s["duplicates"] += len(again)
            s["speeches"] -= len(again)
            dropped += len(again)
    terms = layout.merge_dictionary(store)
    wall = time.perf_counter() - t0
    new_bytes = sum(s["bytes"] for s in summaries)
    return {
        "store": str(store), "partitions": len(parts), "failed_partitions": len(errors), "errors": errors,
        "new_speeches": sum(s["speeches"] for s in summaries),
        "skipped_known": sum(s["skipped"] for s in summaries),
        "duplicates": sum(s["duplicates"] for s in summaries),
        "problems": [p for s in summaries for p in s["problems"]],
        "stored_speeches": len(layout.known_ids(store)), "dictionary_terms": terms,
        "new_mb": round(new_bytes / 1e6, 3), "seconds": round(wall, 3),
        "mb_per_s": round(new_bytes / 1e6 / wall, 4) if wall else 0.0,
        "task_cpu_seconds": round(sum(s["cpu_seconds"] for s in summaries), 3),
        "workers": n_workers, "driver_peak_rss_mb": round(_peak_rss_mb(), 1),
        "worker_peak_rss_mb": {str(k): round(v, 1) for k, v in worker_rss.items()},
        "removed_leftovers": removed,
    }
