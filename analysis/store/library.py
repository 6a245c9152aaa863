"""The saved library: speeches, stopword lists and lexicon terms that a user keeps between visits.

One SQLite file in a data directory (``TIFALENS_DATA_DIR``, else ``$XDG_DATA_HOME/tifalens``, else
``~/.local/share/tifalens``). Every method opens its own connection and runs in one transaction, so several
processes and threads can share a library (WAL journal, busy timeout) and a failed call leaves nothing behind.
Only what a caller explicitly saves is here; uploads being looked at live in the caller's memory.
"""
from __future__ import annotations

import datetime
import errno
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import closing, contextmanager, suppress
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
#: The columns of each table of the library: a database whose tables lack them is another program's.
_COLUMNS = {"speeches": ("id", "title", "subtitle", "text", "raw", "date", "place", "speaker", "source", "hash",
                         "added_at"),
            "stopword_lists": ("name", "words", "updated_at"),
            "lexicon_terms": ("term", "tag", "added_at")}
#: SQLite primary result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``).
_SQLITE = {"PERM": 3, "BUSY": 5, "LOCKED": 6, "READONLY": 8, "IOERR": 10, "CORRUPT": 11, "FULL": 13,
           "CANTOPEN": 14, "NOTADB": 26}


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


def _disk_full(path: Path, *, below: int = 1024 * 1024) -> bool:
    """Whether the disk holding ``path`` has (almost) no free space left."""
    for d in (path.parent, *path.parents):
        try:
            return shutil.disk_usage(d).free < below
        except OSError:
            continue
    return False


def _write_atomically(path: Path, blob: bytes) -> None:
    """Write ``blob`` to a temporary file beside ``path`` and rename it over ``path``: an earlier file of that
    name stays whole until the new one is complete (a full disk leaves it as it was)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def open_library(data_dir: str | Path | None = None) -> "Library":
    """The library in ``data_dir`` (default :func:`default_data_dir`), created on first use."""
    d = Path(data_dir).expanduser() if data_dir else default_data_dir()
    return Library(d / LIBRARY_FILENAME)


class Library:
    """A saved library in the SQLite file ``path`` (created with its directory if missing).

    A library that cannot be written (a read-only file, folder or disk, or a disk too full for SQLite to open it
    for writing) still opens: :attr:`read_only` is then true and :attr:`read_only_reason` says why; it can be
    listed and exported, and each change is refused with that reason. A file that is not a TifaLens library
    (another program's database, even one with a table named ``speeches``) or whose pages are damaged is refused
    with one clear :class:`InputError`, and nothing is written into it.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        #: True when the library could be read but not written when it was opened (or at the last change).
        self.read_only = False
        #: Why, when :attr:`read_only` (an :class:`InputError`, for its message in both languages).
        self.read_only_reason: InputError | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if not self.path.is_file():
                raise InputError(f"{self.path.parent}: cannot create the data folder ({exc.strerror or exc})",
                                 zh=f"{self.path.parent}：无法创建数据文件夹（{os_reason_zh(exc)}）") from None
        with self._reading() as con:
            missing = self._check_schema(con)
        try:
            with self._transaction() as con:
                # Statement by statement: executescript() would commit the open transaction first.
                for statement in _SCHEMA.split(";"):
                    table = re.search(r"EXISTS (\w+)", statement)
                    if table and table.group(1) in missing:
                        con.execute(statement)
                # Also a write test: a library that cannot be written is found here, not at the first save.
                con.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        except InputError:
            if missing or not self.read_only:
                raise

    # --- connections -------------------------------------------------------------------------------------------

    def _check_schema(self, con: sqlite3.Connection) -> set[str]:
        """Refuse a database that is not a TifaLens library (or is of a newer format); return our missing tables."""
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%'").fetchall()}
        ours = set(_COLUMNS)
        if version > _SCHEMA_VERSION:
            raise InputError(f"{self.path}: the library was written by a newer TifaLens (format "
                             f"{version}); update TifaLens to open it",
                             zh=f"{self.path}：该讲话库由更新版本的提法镜写入（格式 {version}）；"
                                "请先更新提法镜再打开")
        if tables - ours:
            names = ", ".join(sorted(tables - ours))
            raise InputError(f"{self.path}: not a TifaLens library (a database of another program, with the "
                             f"table{'s' if len(tables - ours) > 1 else ''} {names}); it was not read or changed",
                             zh=f"{self.path}：不是提法镜的讲话库（是其他程序的数据库，含有数据表 "
                                f"{'、'.join(sorted(tables - ours))}）；未读取也未修改")
        for table in sorted(tables & ours):
            columns = {r[1] for r in con.execute(f"PRAGMA table_info({table})").fetchall()}
            if not set(_COLUMNS[table]) <= columns:
                raise InputError(f"{self.path}: not a TifaLens library (a database of another program: its table "
                                 f"{table} has the columns {', '.join(sorted(columns))}); it was not read or "
                                 "changed",
                                 zh=f"{self.path}：不是提法镜的讲话库（是其他程序的数据库：数据表 {table} 的列为 "
                                    f"{'、'.join(sorted(columns))}）；未读取也未修改")
        return ours - tables

    def _db_error(self, exc: sqlite3.Error, *, writing: bool) -> InputError | None:
        """The one-line message for a failure of SQLite itself (a full disk, a read-only file, damaged pages), or
        None when ``exc`` was not raised by SQLite."""
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            return None
        code &= 0xFF
        p = self.path
        saved_en, saved_zh = ("; nothing was saved", "，未保存任何改动") if writing else ("", "")
        if code == _SQLITE["FULL"] or (code in (_SQLITE["IOERR"], _SQLITE["CANTOPEN"]) and _disk_full(p)):
            return InputError(f"{p}: the disk is full{saved_en}; free some space and try again",
                              zh=f"{p}：磁盘已满{saved_zh}；请腾出磁盘空间后重试")
        if code in (_SQLITE["READONLY"], _SQLITE["PERM"]) or (code == _SQLITE["CANTOPEN"] and p.is_file()):
            return InputError(f"{p}: the library is read-only (the file, its folder or the disk cannot be "
                              f"written){saved_en}; it can still be listed and exported",
                              zh=f"{p}：讲话库是只读的（文件、所在文件夹或磁盘不可写入）{saved_zh}；"
                                 "仍可查看和导出")
        if code == _SQLITE["NOTADB"]:
            return InputError(f"{p}: not a TifaLens library ({exc})",
                              zh=f"{p}：不是提法镜的讲话库，或文件已损坏（{exc.__class__.__name__}）")
        if code == _SQLITE["CORRUPT"]:
            return InputError(f"{p}: the library file is damaged ({exc}){saved_en}; restore it from an export or "
                              "a backup",
                              zh=f"{p}：讲话库文件已损坏（{exc}）{saved_zh}；请用导出的文件或备份恢复")
        if code in (_SQLITE["BUSY"], _SQLITE["LOCKED"]):
            return InputError(f"{p}: the library is locked by another program{saved_en}; try again later",
                              zh=f"{p}：讲话库正被其他程序占用{saved_zh}；请稍后重试")
        if code == _SQLITE["CANTOPEN"]:
            return InputError(f"{p}: cannot open or create the library ({exc})",
                              zh=f"{p}：无法打开或创建讲话库（{exc}）")
        return InputError(f"{p}: the library could not be {'written' if writing else 'read'} ({exc})",
                          zh=f"{p}：讲话库{'写入' if writing else '读取'}出错（{exc}）")

    def _connect(self, uri: str | None = None, *, writing: bool = True) -> sqlite3.Connection:
        con = sqlite3.connect(uri or self.path, uri=bool(uri), timeout=30, isolation_level=None)
        try:
            con.row_factory = sqlite3.Row
            if writing and not uri:   # a reader changes nothing, not even the journal mode of a foreign file
                con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA busy_timeout=30000")
            con.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            con.close()
            raise
        return con

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One connection, one write transaction: committed on success, rolled back on any exception.

        A failure of SQLite itself becomes an :class:`InputError` saying why (a full disk, a read-only library);
        the transaction is then rolled back, so nothing of the call is saved and nothing saved before is lost.
        """
        try:
            with closing(self._connect()) as con:
                con.execute("BEGIN IMMEDIATE")
                try:
                    yield con
                    con.execute("COMMIT")
                except BaseException:
                    # SQLite may have rolled back by itself already (a full disk does): never hide the cause.
                    if con.in_transaction:
                        with suppress(sqlite3.Error):
                            con.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            err = self._db_error(exc, writing=True)
            if err is None:
                raise
            if (exc.sqlite_errorcode & 0xFF) in (_SQLITE["READONLY"], _SQLITE["PERM"], _SQLITE["CANTOPEN"],
                                                 _SQLITE["FULL"], _SQLITE["IOERR"]):
                self.read_only, self.read_only_reason = True, self._db_error(exc, writing=False)
            raise err from None
        self.read_only, self.read_only_reason = False, None

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A connection for reading. A library that cannot be opened for writing is read through a read-only one
        (``mode=ro``; else ``immutable``, when no journal of unfinished changes lies beside it)."""
        con = None
        try:
            con = self._connect(writing=False)
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()   # opens the WAL index: may fail here
        except sqlite3.Error as exc:
            if con is not None:
                con.close()
            con = self._read_only_connection(exc)
        with closing(con):
            try:
                yield con
            except sqlite3.Error as exc:
                err = self._db_error(exc, writing=False)
                if err is None:
                    raise
                raise err from None

    def _read_only_connection(self, exc: sqlite3.Error) -> sqlite3.Connection:
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if self.path.is_file() and code in (_SQLITE["READONLY"], _SQLITE["PERM"], _SQLITE["CANTOPEN"],
                                            _SQLITE["IOERR"], _SQLITE["FULL"]):
            base = self.path.resolve().as_uri()
            wal = Path(f"{self.path}-wal")
            uris = [f"{base}?mode=ro"]
            if not (wal.exists() and wal.stat().st_size):
                uris.append(f"{base}?immutable=1")
            for uri in uris:
                try:
                    con = self._connect(uri, writing=False)
                except sqlite3.Error:
                    continue
                try:
                    con.execute("SELECT count(*) FROM sqlite_master").fetchone()
                except sqlite3.Error:
                    con.close()
                    continue
                self.read_only, self.read_only_reason = True, self._db_error(exc, writing=False)
                return con
        err = self._db_error(exc, writing=False)
        if err is None:
            raise exc
        raise err from None

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

    def export_bytes(self, fmt: str = "zip") -> tuple[bytes, dict]:
        """The whole library as the bytes of a ``zip`` (library.json plus one UTF-8 text file per speech) or
        ``json`` file, built in memory, and ``{"speeches", "stopword_lists", "lexicon_terms"}`` counts."""
        data = self.to_dict()
        blob = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        if fmt == "zip":
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("library.json", blob)
                for sp in data["speeches"]:
                    zf.writestr(f"speeches/{sp['id']:04d}.txt", f"{sp['title']}\n\n{sp['text']}\n")
            blob = buf.getvalue()
        return blob, {k: len(data[k]) for k in ("speeches", "stopword_lists", "lexicon_terms")}

    def export(self, path: str | Path) -> dict:
        """Write the whole library to ``path``: ``.zip`` (library.json plus one UTF-8 text file per speech) or
        ``.json``. Returns ``{"path", "speeches", "stopword_lists", "lexicon_terms", "bytes"}``.

        The file is written beside ``path`` under a temporary name and then renamed, so an earlier export of that
        name is replaced only by a complete one; when the write fails (a full disk) it is left as it was.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".zip", ".json"):
            raise InputError(f"{path}: export to a .zip or .json file", zh=f"{path}：只能导出为 .zip 或 .json 文件")
        blob, counts = self.export_bytes(suffix[1:])
        try:
            _write_atomically(path, blob)
        except OSError as exc:
            kept_en, kept_zh = ("; the earlier file of that name is unchanged",
                                "；同名的原有文件未改动") if path.is_file() else ("", "")
            if exc.errno == errno.ENOSPC:
                raise InputError(f"{path}: the disk is full; the export was not written{kept_en}",
                                 zh=f"{path}：磁盘已满，导出文件未写入{kept_zh}") from None
            raise InputError(f"{path}: cannot write the export ({exc.strerror or exc}){kept_en}",
                             zh=f"{path}：无法写入导出文件（{os_reason_zh(exc)}）{kept_zh}") from None
        return {"path": str(path), **counts, "bytes": len(blob)}
