"""The input of a batch ingest: files, folders and JSON-lines corpora, cut into partitions.

A speech file (txt, md, html, docx, pdf; a compilation is split into its speeches) is one partition, read exactly
as :func:`analysis.ingest.loading.load_paths` reads it. A JSON-lines file (``.jsonl``, ``.ndjson``) holds one speech
a line with metadata fields and is cut at line boundaries into byte ranges of about ``partition_bytes``, so one big
corpus file still spreads over every worker.

Fields of a JSON line: ``text`` (or ``content``, ``body``) — required; ``id``, ``title``, ``date``, ``year``,
``place``, ``speaker`` (or ``premier``), ``source`` — optional. The text is normalised as every speech is; lines
without text are skipped.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from analysis.errors import InputError
from analysis.ingest.corpus import Speech
from analysis.ingest.loading import SUPPORTED_EXTENSIONS
from analysis.text.normalize import normalize_text

__all__ = ["Partition", "plan_partitions", "read_partition", "speech_from_record", "JSONL_EXTENSIONS",
           "DEFAULT_PARTITION_BYTES", "Record"]

JSONL_EXTENSIONS = (".jsonl", ".ndjson")
#: Target size of one JSON-lines partition (a few hundred speeches: long enough to amortise a task's overhead,
#: short enough that a retried task loses little work and memory per worker stays small).
DEFAULT_PARTITION_BYTES = 4 << 20
_YEAR_RE = re.compile(r"^\s*((?:1[89]|2[01])\d{2})")


@dataclass(frozen=True)
class Partition:
    """One task's input: a whole speech file (``start = end = 0``) or bytes ``start:end`` of a JSON-lines file."""
    path: str
    kind: str          # "file" or "jsonl"
    start: int = 0
    end: int = 0

    @property
    def label(self) -> str:
        return self.path if self.kind == "file" else f"{self.path}:{self.start}-{self.end}"

    @property
    def size(self) -> int:
        return self.end - self.start if self.kind == "jsonl" else Path(self.path).stat().st_size


@dataclass
class Record:
    """A speech with the metadata the store keeps beyond :class:`Speech`."""
    speech: Speech
    doc_id: str
    year: int | None
    file: str


def _files(sources: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    exts = SUPPORTED_EXTENSIONS + JSONL_EXTENSIONS
    for src in sources:
        p = Path(src)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in exts)
            if not found:
                raise InputError(f"{src}: the folder has no speech files ({', '.join(exts)})",
                                 zh=f"{src}：文件夹中没有讲话文件（{'、'.join(exts)}）")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{src}: no such file or folder", zh=f"{src}：文件或文件夹不存在")
    return out


def _line_ranges(path: Path, target: int) -> list[tuple[int, int]]:
    """Byte ranges of ``path`` of about ``target`` bytes each, cut after a newline."""
    size = path.stat().st_size
    ranges, start = [], 0
    with open(path, "rb") as fh:
        while start < size:
            fh.seek(min(start + target, size))
            if start + target < size:
                fh.readline()                      # to the end of the line the cut fell in
            end = min(fh.tell(), size) if start + target < size else size
            ranges.append((start, end))
            start = end
    return ranges


def plan_partitions(sources: Iterable[str], *, partition_bytes: int = DEFAULT_PARTITION_BYTES) -> list[Partition]:
    """The partitions of ``sources`` (files or folders, searched recursively), in order."""
    parts: list[Partition] = []
    for path in _files(sources):
        if path.suffix.lower() in JSONL_EXTENSIONS:
            parts += [Partition(str(path), "jsonl", s, e) for s, e in _line_ranges(path, max(partition_bytes, 1))]
        else:
            parts.append(Partition(str(path), "file"))
    return parts


def _year(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    m = _YEAR_RE.match(str(value))
    return int(m.group(1)) if m else None


def speech_from_record(rec: dict, *, n: int, name: str) -> Record | None:
    """The speech of one JSON line (``None`` when it has no text); ``n`` is the line's byte offset in the file."""
    body = rec.get("text") or rec.get("content") or rec.get("body") or ""
    if not isinstance(body, str) or not body.strip():
        return None
    text = normalize_text(body.replace("\r\n", "\n").replace("\r", "\n"))
    doc_id = str(rec.get("id") or f"{name}@{n}")
    year = _year(rec.get("year"))
    date = str(rec.get("date") or (year if year is not None else "") or "")
    if year is None:
        year = _year(date)
    sp = Speech(id=n, title=str(rec.get("title") or doc_id), text=text, date=date,
                place=str(rec.get("place") or ""), speaker=str(rec.get("speaker") or rec.get("premier") or ""),
                source=str(rec.get("source") or name))
    return Record(sp, doc_id, year, "")


def read_partition(part: Partition) -> tuple[list[Record], list[str]]:
    """The speeches of one partition and the problems met (``"file: message"``; a bad line or file is skipped)."""
    path = Path(part.path)
    problems: list[str] = []
    records: list[Record] = []
    if part.kind == "file":
        from analysis.ingest.loading import speeches_from_bytes
        try:
            speeches = speeches_from_bytes(path.read_bytes(), name=path.name)
        except InputError as exc:
            return [], [str(exc)]
        except OSError as exc:
            return [], [f"{path}: cannot read ({exc.strerror or exc})"]
        for k, sp in enumerate(speeches, start=1):
            sp.id = k
            records.append(Record(sp, f"{path.name}#{k}", _year(sp.date), str(path)))
        return records, problems
    with open(path, "rb") as fh:
        fh.seek(part.start)
        blob = fh.read(part.end - part.start)
    # A line without an id is named by its byte offset in the file: stable while the file only grows at its end.
    offset = part.start
    for line in blob.split(b"\n"):
        k, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}@{k}: not a JSON object ({exc.__class__.__name__})")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{path.name}@{k}: not a JSON object")
            continue
        r = speech_from_record(rec, n=k, name=path.name)
        if r is None:
            problems.append(f"{path.name}@{k}: no text")
            continue
        r.file = str(path)
        records.append(r)
    return records, problems
