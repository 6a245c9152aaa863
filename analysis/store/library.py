"""The saved library: speeches, stopword lists and lexicon terms that a user keeps between visits.

One SQLite file in a data directory (``TIFALENS_DATA_DIR``, else ``$XDG_DATA_HOME/tifalens``, else
``~/.local/share/tifalens``). Every method opens its own connection and runs in one transaction, so several
processes and threads can share a library (WAL journal, busy timeout) and a failed call leaves nothing behind.
Only what a caller explicitly saves is here; uploads being looked at live in the caller's memory.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import sqlite3
import zipfile
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from analysis.ingest.corpus import Speech
from analysis.errors import InputError, os_reason_zh
from analysis.ingest.metadata import valid_date
from analysis.text.normalize import count_han

__all__ = ["Library", "default_data_dir", "open_library", "LIBRARY_FILENAME", "EDITABLE_FIELDS", "content_hash"]

LIBRARY_FILENAME = "library.sqlite3"
#: Speech fields :meth:`Library.update_metadata` may change (the text itself is fixed: delete and re-add).
EDITABLE_FIELDS = ("title", "subtitle", "date", "place", "speaker", "source")
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS speeches (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    title     TEXT NOT NULL,
    subtitle  TEXT NOT NULL DEFAULT '',
    text      TEXT NOT NULL,
    raw       TEXT NOT NULL DEFAULT '',
    date      TEXT NOT NULL DEFAULT '',
    place     TEXT NOT NULL DEFAULT '',
    speaker   TEXT NOT NULL DEFAULT '',
    source    TEXT NOT NULL DEFAULT '',
    hash      TEXT NOT NULL UNIQUE,
    added_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stopword_lists (
    name       TEXT PRIMARY KEY,
    words      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lexicon_terms (
    term     TEXT PRIMARY KEY,
    tag      TEXT NOT NULL DEFAULT 'nz',
    added_at TEXT NOT NULL
);
"""


def default_data_dir() -> Path:
    """Where the library lives unless told otherwise: ``TIFALENS_DATA_DIR``, XDG data home, ``~/.local/share``."""
    env = os.environ.get("TIFALENS_DATA_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "tifalens"


def content_hash(text: str) -> str:
    """The identity of a saved speech: SHA-256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def open_library(data_dir: str | Path | None = None) -> "Library":
    """The library in ``data_dir`` (default :func:`default_data_dir`), created on first use."""
    d = Path(data_dir).expanduser() if data_dir else default_data_dir()
    return Library(d / LIBRARY_FILENAME)


class Library:
    """A saved library in the SQLite file ``path`` (created with its directory if missing)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._transaction() as con:
                # Statement by statement: executescript() would commit the open transaction first.
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        con.execute(statement)
                version = con.execute("PRAGMA user_version").fetchone()[0]
                if version > _SCHEMA_VERSION:
                    raise InputError(f"{self.path}: the library was written by a newer TifaLens (format "
                                     f"{version}); update TifaLens to open it",
                                     zh=f"{self.path}：该讲话库由更新版本的提法镜写入（格式 {version}）；"
                                        "请先更新提法镜再打开")
                con.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not a TifaLens library ({exc})",
                             zh=f"{self.path}：不是提法镜的讲话库，或文件已损坏（{exc.__class__.__name__}）") from None
        except OSError as exc:
            raise InputError(f"{self.path.parent}: cannot create the data folder ({exc.strerror or exc})",
                             zh=f"{self.path.parent}：无法创建数据文件夹（{os_reason_zh(exc)}）") from None

    # --- connections -------------------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA busy_timeout=30000")
        con.execute("PRAGMA foreign_keys=ON")
        return con

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One connection, one write transaction: committed on success, rolled back on any exception."""
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with closing(self._connect()) as con:
            yield con

    # --- speeches ----------------------------------------------------------------------------------------------

    def add_speeches(self, speeches: Iterable[Speech]) -> list[int]:
        """Save ``speeches`` in one transaction (all or nothing) and return their library ids in order.

        A speech whose text is already saved is not stored twice: its existing id is returned.
        """
        speeches = list(speeches)
        for sp in speeches:
            where = f"{sp.source or 'speech'} «{sp.title}»"
            where_zh = f"{sp.source or '讲话'}《{sp.title}》"
            if not count_han(sp.text or ""):
                raise InputError(f"{where}: no Chinese text; nothing was saved",
                                 zh=f"{where_zh}：没有中文文本；未保存任何讲话")
            if not (sp.title or "").strip():
                raise InputError(f"{where}: a speech needs a title; nothing was saved",
                                 zh=f"{where_zh}：讲话需要标题；未保存任何讲话")
            if not valid_date(sp.date or ""):
                raise InputError(f"{where}: date {sp.date!r} is not YYYY, YYYY-MM or YYYY-MM-DD; nothing was saved",
                                 zh=f"{where_zh}：日期 {sp.date!r} 不符合 YYYY、YYYY-MM 或 YYYY-MM-DD 格式；"
                                    "未保存任何讲话")
        ids: list[int] = []
        with self._transaction() as con:
            for sp in speeches:
                h = content_hash(sp.text)
                row = con.execute("SELECT id FROM speeches WHERE hash = ?", (h,)).fetchone()
                if row:
                    ids.append(int(row["id"]))
                    continue
                cur = con.execute(
                    "INSERT INTO speeches (title, subtitle, text, raw, date, place, speaker, source, hash, added_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (sp.title.strip(), sp.subtitle or "", sp.text, sp.raw or "", sp.date or "", sp.place or "",
                     sp.speaker or "", sp.source or "", h, _now()))
                ids.append(int(cur.lastrowid))
        return ids

    def list_speeches(self) -> list[dict]:
        """One row per saved speech (no text): id, title, date, place, speaker, source, chars, han_chars, hash,
        added_at; ordered by id."""
        with self._reading() as con:
            rows = con.execute("SELECT id, title, subtitle, date, place, speaker, source, text, hash, added_at "
                               "FROM speeches ORDER BY id").fetchall()
        return [{"id": r["id"], "title": r["title"], "subtitle": r["subtitle"], "date": r["date"],
                 "place": r["place"], "speaker": r["speaker"], "source": r["source"],
                 "chars": len(r["text"]) - r["text"].count("\n"), "han_chars": count_han(r["text"]),
                 "hash": r["hash"], "added_at": r["added_at"]} for r in rows]

    def get_speeches(self, ids: Iterable[int] | None = None) -> list[Speech]:
        """The saved speeches with ``ids`` in that order (all, by id, when ``ids`` is None); ``Speech.id`` is the
        library id. An unknown id raises :class:`InputError`."""
        with self._reading() as con:
            if ids is None:
                rows = con.execute("SELECT * FROM speeches ORDER BY id").fetchall()
            else:
                ids = [int(i) for i in ids]
                found = {r["id"]: r for r in con.execute(
                    f"SELECT * FROM speeches WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()} \
                    if ids else {}
                missing = [i for i in ids if i not in found]
                if missing:
                    raise InputError(f"no saved speech with id {', '.join(map(str, missing))}",
                                     zh=f"库中没有编号为 {'、'.join(map(str, missing))} 的讲话")
                rows = [found[i] for i in ids]
        return [Speech(id=r["id"], title=r["title"], text=r["text"], subtitle=r["subtitle"], date=r["date"],
                       place=r["place"], speaker=r["speaker"], source=r["source"], raw=r["raw"]) for r in rows]

    def update_metadata(self, id: int, **fields: str) -> dict:
        """Change editable fields (:data:`EDITABLE_FIELDS`) of speech ``id``; returns its new list row."""
        unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
        if unknown:
            raise InputError(f"cannot edit {', '.join(unknown)}; editable fields are {', '.join(EDITABLE_FIELDS)}",
                             zh=f"不能修改 {'、'.join(unknown)}；可修改的字段为 {'、'.join(EDITABLE_FIELDS)}")
        fields = {k: ("" if v is None else str(v).strip()) for k, v in fields.items()}
        if "title" in fields and not fields["title"]:
            raise InputError("a speech needs a title", zh="讲话需要标题")
        if "date" in fields and not valid_date(fields["date"]):
            raise InputError(f"date {fields['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                             zh=f"日期 {fields['date']!r} 不符合 YYYY、YYYY-MM 或 YYYY-MM-DD 格式")
        with self._transaction() as con:
            if not con.execute("SELECT 1 FROM speeches WHERE id = ?", (id,)).fetchone():
                raise InputError(f"no saved speech with id {id}", zh=f"库中没有编号为 {id} 的讲话")
            if fields:
                sets = ", ".join(f"{k} = ?" for k in fields)
                con.execute(f"UPDATE speeches SET {sets} WHERE id = ?", (*fields.values(), id))
        return next(r for r in self.list_speeches() if r["id"] == id)

    def delete_speech(self, id: int) -> dict:
        """Remove speech ``id``; returns the row it had."""
        with self._transaction() as con:
            row = con.execute("SELECT id, title, source FROM speeches WHERE id = ?", (id,)).fetchone()
            if not row:
                raise InputError(f"no saved speech with id {id}", zh=f"库中没有编号为 {id} 的讲话")
            con.execute("DELETE FROM speeches WHERE id = ?", (id,))
        return {"id": row["id"], "title": row["title"], "source": row["source"]}

    # --- stopword lists and lexicon ----------------------------------------------------------------------------

    def save_stopword_list(self, name: str, words: Iterable[str]) -> int:
        """Save (or replace) the stopword list ``name``; returns how many distinct words it holds."""
        name = (name or "").strip()
        if not name:
            raise InputError("a stopword list needs a name", zh="停用词表需要名称")
        clean: list[str] = []
        for w in words:
            w = w.strip()
            if w and w not in clean:
                clean.append(w)
        with self._transaction() as con:
            con.execute("INSERT INTO stopword_lists (name, words, updated_at) VALUES (?, ?, ?) "
                        "ON CONFLICT(name) DO UPDATE SET words = excluded.words, updated_at = excluded.updated_at",
                        (name, "\n".join(clean), _now()))
        return len(clean)

    def stopword_lists(self) -> dict[str, list[str]]:
        """Saved stopword lists by name."""
        with self._reading() as con:
            rows = con.execute("SELECT name, words FROM stopword_lists ORDER BY name").fetchall()
        return {r["name"]: [w for w in r["words"].split("\n") if w] for r in rows}

    def delete_stopword_list(self, name: str) -> None:
        with self._transaction() as con:
            if not con.execute("DELETE FROM stopword_lists WHERE name = ?", (name,)).rowcount:
                raise InputError(f"no saved stopword list named {name!r}", zh=f"库中没有名为 {name!r} 的停用词表")

    def add_lexicon_terms(self, terms: Iterable[str | tuple[str, str]], *, tag: str = "nz") -> int:
        """Save lexicon terms (a term, or ``(term, tag)``); returns how many were new."""
        entries: list[tuple[str, str]] = []
        for t in terms:
            term, ttag = (t, tag) if isinstance(t, str) else (t[0], t[1] or tag)
            term = term.strip()
            if not term:
                continue
            if any(c.isspace() for c in term):
                raise InputError(f"lexicon term {term!r} contains a space; nothing was saved",
                                 zh=f"自定义词 {term!r} 含有空格；未保存任何词")
            if not ttag.isalpha():
                raise InputError(f"lexicon tag {ttag!r} for {term!r} is not a part-of-speech tag; nothing was saved",
                                 zh=f"自定义词 {term!r} 的标记 {ttag!r} 不是词性标记；未保存任何词")
            entries.append((term, ttag))
        added = 0
        with self._transaction() as con:
            for term, ttag in entries:
                added += con.execute("INSERT OR IGNORE INTO lexicon_terms (term, tag, added_at) VALUES (?, ?, ?)",
                                     (term, ttag, _now())).rowcount
        return added

    def lexicon_terms(self) -> list[tuple[str, str]]:
        """Saved ``(term, tag)`` entries in the order they were added."""
        with self._reading() as con:
            rows = con.execute("SELECT term, tag FROM lexicon_terms ORDER BY rowid").fetchall()
        return [(r["term"], r["tag"]) for r in rows]

    def remove_lexicon_terms(self, terms: Iterable[str]) -> int:
        with self._transaction() as con:
            return sum(con.execute("DELETE FROM lexicon_terms WHERE term = ?", (t,)).rowcount for t in terms)

    # --- export ------------------------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        """The whole library as plain data (what :meth:`export` writes)."""
        with self._reading() as con:
            con.execute("BEGIN")  # one consistent snapshot across the three tables
            speeches = [dict(r) for r in con.execute("SELECT * FROM speeches ORDER BY id").fetchall()]
            stop = [dict(r) for r in con.execute("SELECT * FROM stopword_lists ORDER BY name").fetchall()]
            lex = [dict(r) for r in con.execute("SELECT * FROM lexicon_terms ORDER BY rowid").fetchall()]
            con.execute("COMMIT")
        for s in stop:
            s["words"] = [w for w in s["words"].split("\n") if w]
        return {"format": "tifalens-library", "version": _SCHEMA_VERSION, "exported_at": _now(),
                "speeches": speeches, "stopword_lists": stop, "lexicon_terms": lex}

    def export(self, path: str | Path) -> dict:
        """Write the whole library to ``path``: ``.zip`` (library.json plus one UTF-8 text file per speech) or
        ``.json``. Returns ``{"path", "speeches", "stopword_lists", "lexicon_terms", "bytes"}``."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".zip", ".json"):
            raise InputError(f"{path}: export to a .zip or .json file", zh=f"{path}：只能导出为 .zip 或 .json 文件")
        data = self.to_dict()
        blob = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            if suffix == ".json":
                path.write_bytes(blob)
            else:
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                    zf.writestr("library.json", blob)
                    for sp in data["speeches"]:
                        zf.writestr(f"speeches/{sp['id']:04d}.txt", f"{sp['title']}\n\n{sp['text']}\n")
                path.write_bytes(buf.getvalue())
        except OSError as exc:
            raise InputError(f"{path}: cannot write the export ({exc.strerror or exc})",
                             zh=f"{path}：无法写入导出文件（{os_reason_zh(exc)}）") from None
        return {"path": str(path), "speeches": len(data["speeches"]), "stopword_lists": len(data["stopword_lists"]),
                "lexicon_terms": len(data["lexicon_terms"]), "bytes": path.stat().st_size}
