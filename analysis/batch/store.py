"""The layout of a corpus store: four Parquet datasets in one folder, written partition by partition.

::

    STORE/meta.json                    lexicon digest and phrase kinds the store was built with
    STORE/speeches/part-<P>.parquet    id, hash, doc_id, title, subtitle, date, year, place, speaker, source,
                                       file, ord (position in the file: a stable order), sizes, part
    STORE/terms/part-<P>.parquet       speech, term_id, tag, count, term_len
    STORE/phrases/part-<P>.parquet     speech, kind, phrase, canonical, class, source, start, end, gloss, members, seq
    STORE/dictionary/terms.parquet     term_id, term, tag, term_len (the merged dictionary that queries read; a
                                       word's tag depends only on the word and the lexicon)
    STORE/dictionary/part-<P>.parquet  the terms of one partition, until they are merged into terms.parquet

A speech's ``id`` is derived from its content hash and a term's ``term_id`` from the term itself, so partitions
are written independently on any worker and never need a shared counter. A partition writes every file under a
temporary name first (``.tmp-…``, which no query reads) and renames the speeches file last: a partition whose
speeches file is missing is not committed: its rows belong to speeches that no committed speeches file lists, so
every query (which selects speeches first) ignores them, and the next ingest removes them. Partition names are derived from their content, so a retried task overwrites its
own files.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Collection, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["TABLES", "SCHEMAS", "speech_id", "term_id", "partition_files", "committed_parts", "write_partition",
           "clean_store", "merge_dictionary", "read_meta", "write_meta", "known_ids", "drop_speeches", "STORE_ENV"]

#: The environment variable naming the default store of the CLI and the dashboard.
STORE_ENV = "TIFALENS_STORE"
TABLES = ("speeches", "terms", "phrases", "dictionary")
DICTIONARY_FILE = "terms.parquet"

SCHEMAS: dict[str, pa.Schema] = {
    "speeches": pa.schema([
        ("id", pa.int64()), ("hash", pa.string()), ("doc_id", pa.string()), ("title", pa.string()),
        ("subtitle", pa.string()), ("date", pa.string()), ("year", pa.int32()), ("place", pa.string()),
        ("speaker", pa.string()), ("source", pa.string()), ("file", pa.string()), ("ord", pa.int64()),
        ("chars", pa.int64()), ("han_chars", pa.int64()), ("tokens", pa.int64()), ("distinct_terms", pa.int64()),
        ("sentences", pa.int64()), ("placeholders", pa.int64()), ("part", pa.string()),
    ]),
    "terms": pa.schema([("speech", pa.int64()), ("term_id", pa.int64()), ("tag", pa.string()),
                        ("count", pa.int32()), ("term_len", pa.int16())]),
    "phrases": pa.schema([
        ("speech", pa.int64()), ("kind", pa.string()), ("phrase", pa.string()), ("canonical", pa.string()),
        ("class", pa.string()), ("source", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("gloss", pa.string()), ("members", pa.list_(pa.string())), ("seq", pa.int32()),
    ]),
    "dictionary": pa.schema([("term_id", pa.int64()), ("term", pa.string()), ("tag", pa.string()),
                             ("term_len", pa.int16())]),
}


def speech_id(digest: str) -> int:
    """The store id of a speech: the first 60 bits of its content hash (positive, fits every int64 column)."""
    return int(digest[:15], 16)


def term_id(term: str) -> int:
    """The store id of a term: a signed 64-bit BLAKE2b hash (stable across processes and machines)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def partition_files(store: Path | str, table: str) -> str:
    """The glob of the committed-name files of ``table`` (temporary files start with a dot and never match)."""
    return str(Path(store) / table / "part-*.parquet")


def committed_parts(store: Path | str) -> set[str]:
    """Names of the committed partitions: those whose speeches file exists."""
    folder = Path(store) / "speeches"
    if not folder.is_dir():
        return set()
    return {p.name[5:-8] for p in folder.glob("part-*.parquet")}


def _write(table: pa.Table, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex}-{path.name}")
    pq.write_table(table, tmp, compression="zstd")
    return tmp


def write_partition(store: Path | str, part: str, tables: dict[str, pa.Table]) -> None:
    """Write one partition's tables under temporary names, then rename them into place, speeches last.

    A crash before the last rename leaves no committed partition (see the module docstring).
    """
    store = Path(store)
    order = [t for t in ("dictionary", "terms", "phrases", "speeches") if t in tables]
    temps = []
    try:
        for name in order:
            temps.append((_write(tables[name], store / name / f"part-{part}.parquet"),
                          store / name / f"part-{part}.parquet"))
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in temps:
        os.replace(tmp, final)


def clean_store(store: Path | str) -> int:
    """Remove leftovers of killed tasks: temporary files, and files of partitions that were never committed.

    Dictionary parts of committed partitions stay (they are merged by :func:`merge_dictionary`). Returns the
    number of files removed. Run only when no ingest is writing to the store.
    """
    store = Path(store)
    done = committed_parts(store)
    removed = 0
    for name in TABLES:
        folder = store / name
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            stale = p.name.startswith(".tmp-")
            if not stale and name != "speeches" and p.name.startswith("part-") and p.name.endswith(".parquet"):
                stale = p.name[5:-8] not in done
            if stale:
                p.unlink(missing_ok=True)
                removed += 1
    return removed


def merge_dictionary(store: Path | str) -> int:
    """Merge the dictionary parts of committed partitions into ``dictionary/terms.parquet`` (atomically) and
    remove them; returns the number of distinct terms."""
    import duckdb

    store = Path(store)
    folder = store / "dictionary"
    folder.mkdir(parents=True, exist_ok=True)
    parts = sorted(folder.glob("part-*.parquet"))
    merged = folder / DICTIONARY_FILE
    if not parts and merged.exists():
        return pq.read_metadata(merged).num_rows
    sources = [str(p) for p in parts] + ([str(merged)] if merged.exists() else [])
    tmp = folder / f".tmp-{uuid.uuid4().hex}-{DICTIONARY_FILE}"
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = false")
        if sources:
            con.execute("COPY (SELECT term_id, any_value(term) AS term, any_value(tag) AS tag, "
                        "any_value(term_len) AS term_len FROM read_parquet(?) GROUP BY term_id ORDER BY term_id) "
                        "TO ? (FORMAT parquet, COMPRESSION zstd)", [sources, str(tmp)])
        else:
            pq.write_table(SCHEMAS["dictionary"].empty_table(), tmp)
    finally:
        con.close()
    os.replace(tmp, merged)
    for p in parts:
        p.unlink(missing_ok=True)
    return pq.read_metadata(merged).num_rows


def read_meta(store: Path | str) -> dict | None:
    path = Path(store) / "meta.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_meta(store: Path | str, meta: dict) -> None:
    path = Path(store) / "meta.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex}-meta.json")
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def known_ids(store: Path | str) -> list[int]:
    """Ids of every committed speech (read from the speeches dataset only)."""
    import duckdb

    if not committed_parts(store):
        return []
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        return [r[0] for r in con.execute("SELECT id FROM read_parquet(?)",
                                          [partition_files(store, "speeches")]).fetchall()]
    finally:
        con.close()


def tables_of(rows: dict[str, dict[str, list]]) -> dict[str, pa.Table]:
    """Arrow tables, with the store's schemas, of column lists by table name."""
    return {name: pa.Table.from_pydict(cols, schema=SCHEMAS[name]) for name, cols in rows.items()}


def empty_columns(names: Iterable[str] = TABLES) -> dict[str, dict[str, list]]:
    return {name: {f.name: [] for f in SCHEMAS[name]} for name in names}


def drop_speeches(store: Path | str, part: str, ids: Collection[int]) -> None:
    """Rewrite committed partition ``part`` without the speeches ``ids`` (a text seen twice in one run).

    The speeches file is rewritten first (under a temporary name, then renamed), so the dropped rows disappear from
    every query at once; the other tables follow.
    """
    import pyarrow.compute as pc

    store = Path(store)
    drop = pa.array(sorted(ids), type=pa.int64())
    for name, col in (("speeches", "id"), ("terms", "speech"), ("phrases", "speech")):
        path = store / name / f"part-{part}.parquet"
        if not path.exists():
            continue
        table = pq.read_table(path)
        kept = table.filter(pc.invert(pc.is_in(table[col], value_set=drop)))
        tmp = _write(kept, path)
        os.replace(tmp, path)
