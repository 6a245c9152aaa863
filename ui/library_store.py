"""The data behind the My speeches tab: the saved library (opened and read once per change), this browser
session's unsaved uploads, and reading uploaded files and pasted text into speeches for the user to confirm.

Nothing here draws widgets. Saved speeches are read from SQLite only when the library changed (a change counter
shared by every session of this process, plus the file's size and time, so a write by the command line is seen
too); uploads that are not saved live in ``st.session_state`` and no other browser session sees them.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import streamlit as st

from analysis.ingest.corpus import Speech
from analysis.errors import InputError
from analysis.ingest.formats import format_size
from analysis.ingest.loading import DEFAULT_MAX_BYTES, ingest_files, speeches_from_text
from analysis.store.library import LIBRARY_FILENAME, Library, default_data_dir
from analysis.ingest.metadata import valid_date
from analysis.text.normalize import count_han
from ui.data import _changes, _library, _saved

#: Metadata the user may edit, for saved and unsaved speeches alike.
EDITABLE = ("title", "date", "place", "speaker", "source")
#: File types the uploader accepts.
UPLOAD_TYPES = ["txt", "md", "markdown", "docx", "pdf", "html", "htm"]
#: The largest file the uploader takes (Streamlit's ``server.maxUploadSize`` in .streamlit/config.toml is the
#: same, in MB): the limit the ingest code applies, so a file is refused before it is sent, not after.
MAX_FILE_MB = DEFAULT_MAX_BYTES // (1024 * 1024)
#: At most this many files are read in one preview.
MAX_UPLOAD_FILES = 100
#: At most this much is read in one browser session: the files of a preview plus the unsaved speeches already
#: added (saved speeches do not count). Analysing text takes far more memory than the text itself.
MAX_SESSION_MB = 30

_SESSION = "lib_session"        # [(uid, Speech)] of unsaved uploads
_NEXT_UID = "_lib_next_uid"


# --- the saved library -----------------------------------------------------------------------------------------

def data_dir() -> str:
    return str(default_data_dir())


def library() -> Library:
    """The saved library (raises :class:`InputError` when it cannot be opened)."""
    return _library(data_dir())


def changed() -> None:
    """Record a write to the library so every session reads it again."""
    counter = _changes()
    with counter["lock"]:
        counter["n"] += 1


def _stamp(directory: str) -> tuple:
    """Size and modification time of the library files: a write by another process changes them."""
    out = []
    for suffix in ("", "-wal"):
        try:
            s = os.stat(Path(directory) / f"{LIBRARY_FILENAME}{suffix}")
            out.append((s.st_size, s.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def saved_speeches() -> tuple[Speech, ...]:
    """Every saved speech, ``Speech.id`` being the library id (read from SQLite only after a change)."""
    directory = data_dir()
    _library(directory)  # creates the file on first use, so the stamp below is that of a real library
    return _saved(directory, _changes()["n"], _stamp(directory))


def export_library() -> bytes:
    """The whole library as a zip (library.json plus one text file per speech), built in memory: no disk is
    written, so a full disk cannot turn the download into a broken file."""
    return library().export_bytes("zip")[0]


# --- this session's unsaved speeches ---------------------------------------------------------------------------

def session_speeches() -> list[tuple[int, Speech]]:
    """``(uid, speech)`` of this session's unsaved speeches, in the order they were added."""
    return list(st.session_state.get(_SESSION, []))


def add_to_session(speeches: Iterable[Speech], *, loaded: Iterable[Speech] = ()) -> tuple[list[int], list[Speech]]:
    """Keep ``speeches`` in this session; a text already ``loaded`` (or added twice) is skipped.

    Returns the new uids and the skipped speeches.
    """
    seen = {text_key(sp.text) for sp in loaded}
    seen |= {text_key(sp.text) for _uid, sp in session_speeches()}
    current = session_speeches()
    uid = st.session_state.get(_NEXT_UID, 1)
    added, skipped = [], []
    for sp in speeches:
        key = text_key(sp.text)
        if key in seen:
            skipped.append(sp)
            continue
        seen.add(key)
        current.append((uid, sp))
        added.append(uid)
        uid += 1
    st.session_state[_SESSION] = current
    st.session_state[_NEXT_UID] = uid
    return added, skipped


def update_session_speech(uid: int, **fields: str) -> Speech:
    """Change metadata of unsaved speech ``uid``, with the checks the library applies when it is saved."""
    fields = {k: ("" if v is None else str(v).strip()) for k, v in fields.items()}
    check_fields(fields)
    current = session_speeches()
    for i, (u, sp) in enumerate(current):
        if u == uid:
            current[i] = (u, dataclasses.replace(sp, **fields))
            st.session_state[_SESSION] = current
            return current[i][1]
    raise InputError(f"no unsaved speech #{uid}", zh=f"没有编号为 #{uid} 的未保存讲话")


def remove_from_session(uids: Iterable[int]) -> int:
    drop = set(uids)
    current = session_speeches()
    kept = [(u, sp) for u, sp in current if u not in drop]
    st.session_state[_SESSION] = kept
    return len(current) - len(kept)


def check_fields(fields: dict[str, str]) -> None:
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise InputError(f"cannot edit {', '.join(unknown)}", zh=f"不能修改 {'、'.join(unknown)}")
    if "title" in fields and not fields["title"]:
        raise InputError("a speech needs a title", zh="讲话需要标题")
    if "date" in fields and not valid_date(fields["date"]):
        raise InputError(f"date {fields['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                         zh=f"日期 {fields['date']!r} 不符合 YYYY、YYYY-MM 或 YYYY-MM-DD 格式")


def check_upload_budget(sizes: Iterable[int], *, pasted: str = "") -> None:
    """Refuse (:class:`InputError`) a preview of files of ``sizes`` bytes (plus ``pasted`` text) that would read more
    than :data:`MAX_UPLOAD_FILES` files, or more than :data:`MAX_SESSION_MB` in this session with the unsaved speeches
    already added. Nothing is read, and nothing already added is touched."""
    sizes = list(sizes)
    if len(sizes) > MAX_UPLOAD_FILES:
        raise InputError(f"{len(sizes)} files chosen: at most {MAX_UPLOAD_FILES} files are read at once; remove "
                         "some and preview again",
                         zh=f"选择了 {len(sizes)} 个文件：每次最多读取 {MAX_UPLOAD_FILES} 个文件；请移除一些后再预览")
    new = sum(sizes) + len(pasted.encode("utf-8"))
    held = sum(len(sp.text.encode("utf-8")) for _uid, sp in session_speeches())
    if new + held > MAX_SESSION_MB * 1024 * 1024:
        size_zh = lambda n: format_size(n).replace(" bytes", " 字节")   # noqa: E731
        also_en = f" and the {format_size(held)} of unsaved speeches already added" if held else ""
        also_zh = f"加上已加入但未保存的讲话 {size_zh(held)}，" if held else ""
        raise InputError(f"these files come to {format_size(new)}{also_en}: over the {MAX_SESSION_MB} MB that one "
                         "visit reads; save or remove unsaved speeches, or choose fewer files",
                         zh=f"所选文件共 {size_zh(new)}，{also_zh}超过了每次浏览可读取的 {MAX_SESSION_MB} MB；"
                            "请先保存或移除未保存的讲话，或少选一些文件")


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --- reading uploads -------------------------------------------------------------------------------------------

@dataclass
class FileResult:
    """What one uploaded file (or the pasted text) gave: its speeches, or the message saying why not (``error`` in
    English, ``error_zh`` in Chinese)."""
    name: str
    speeches: list[Speech] = field(default_factory=list)
    error: str = ""
    notes: list[str] = field(default_factory=list)
    unexpected: bool = False
    error_zh: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def error_message(self, lang: str) -> str:
        """Why the file was not read, in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.error_zh if lang == "zh" and self.error_zh else self.error


def read_inputs(files: Iterable[tuple[str, bytes]], *, pasted: str = "", pasted_name: str = "pasted text",
                split: str = "auto", on_progress: Callable[[int, int, str, str], None] | None = None
                ) -> list[FileResult]:
    """Read uploaded files and pasted text, one at a time, so a bad file never stops the others.

    A file that cannot be read gets the specific message of :class:`InputError`; any other failure is caught too
    and reported as an unexpected error for that file. ``on_progress(i, n, name, status)`` follows each input.
    """
    items = [(name, data) for name, data in files]
    if pasted.strip():
        items.append((pasted_name, pasted))
    results: list[FileResult] = []
    for i, (name, data) in enumerate(items, start=1):
        res = FileResult(name=name)
        try:
            if isinstance(data, str):
                res.speeches = speeches_from_text(data, name=name, split=split)
                res.notes = [_count_note(len(res.speeches))]
            else:
                got = ingest_files([(name, data)], split=split)
                if got.errors:
                    res.error = got.errors[0][1]
                    res.error_zh = got.failures[0].message("zh")
                res.speeches = got.speeches
                res.notes = [note for _n, note in got.notes]
        except InputError as exc:
            res.error, res.error_zh = str(exc), exc.message("zh")
        except Exception as exc:  # a damaged file must not take the other files down with it
            res.error = f"{name}: unexpected error while reading the file ({type(exc).__name__}: {exc})"
            res.error_zh = f"{name}：读取文件时出错（{type(exc).__name__}: {exc}）"
            res.unexpected = True
        if res.error:
            res.speeches = []
        results.append(res)
        if on_progress is not None:
            on_progress(i, len(items), name, "error" if res.error else "ok")
    return results


def _count_note(n: int) -> str:
    return f"{n} speech{'es' if n != 1 else ''}"


def preview_rows(results: Iterable[FileResult]) -> list[dict]:
    """One row per proposed speech: file, title, characters, Han characters, first line, guessed metadata."""
    rows = []
    for res in results:
        for sp in res.speeches:
            first = sp.text.split("\n", 1)[0]
            rows.append({"file": res.name, "title": sp.title, "chars": len(sp.text) - sp.text.count("\n"),
                         "han_chars": count_han(sp.text),
                         "first_line": first[:60] + ("…" if len(first) > 60 else ""),
                         "date": sp.date, "place": sp.place, "speaker": sp.speaker})
    return rows


def save_session_speeches(uids: Iterable[int] | None = None) -> dict[int, int]:
    """Save unsaved speeches (all, or ``uids``) in one transaction; returns uid → library id.

    Saved speeches leave the session; if saving fails nothing is saved and nothing leaves the session.
    """
    chosen = [(u, sp) for u, sp in session_speeches() if uids is None or u in set(uids)]
    if not chosen:
        return {}
    ids = library().add_speeches([sp for _u, sp in chosen])
    changed()
    mapping = {u: lib_id for (u, _sp), lib_id in zip(chosen, ids)}
    remove_from_session(mapping)
    return mapping
