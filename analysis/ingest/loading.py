"""Bringing the user's own speeches in: files of any supported format and encoding, or pasted text.

A document becomes speeches in three steps: its text is extracted (:mod:`analysis.ingest.formats`, which decodes with
:mod:`analysis.ingest.encoding`), it is split into speeches (``split``), and each speech gets its metadata guessed
(:mod:`analysis.ingest.metadata`). Traditional Chinese is converted to Simplified for counting; ``Speech.raw`` keeps the
text as written. Nothing here touches the saved library: uploads live in the caller's memory until saved.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from analysis.ingest.corpus import Speech, parse_compilation, load_default_corpus, speech_from_text, TRAILER_MARKERS
from analysis.ingest.encoding import fold_radicals, is_traditional, to_simplified
from analysis.errors import InputError, Note, os_reason_zh
from analysis.ingest.formats import extract_text, check_size, strip_tags, DEFAULT_MAX_BYTES, Extracted
from analysis.ingest.metadata import guess_metadata
from analysis.progress import report
from analysis.text.normalize import count_han, normalize_text

__all__ = ["load_paths", "speeches_from_bytes", "speeches_from_text", "preview_split", "ingest_files",
           "IngestResult", "count_piece_headings", "split_text", "SPLIT_MODES", "CONVERT_MODES",
           "SUPPORTED_EXTENSIONS", "DEFAULT_MAX_BYTES"]

#: ``auto``: split on 第N篇 headings only; ``none``: the whole text is one speech; ``pieces``: split on 一、 二、
#: numbered titles (explicit only, because 一、 also numbers the sections inside one speech).
SPLIT_MODES = ("auto", "none", "pieces")
#: ``auto``: convert Traditional text to Simplified when it is detected; ``always``; ``never``.
CONVERT_MODES = ("auto", "always", "never")
#: File name endings a folder is scanned for.
SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")

_PIECE_RE = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*(\S.{0,39})$")
_SENTENCE_PUNCT_RE = re.compile(r"[。！？；!?;]")
_CN_VALUES = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _cn_number(s: str) -> int:
    """一 .. 九十九 as an int."""
    if "十" not in s:
        return _CN_VALUES.get(s, 0) if len(s) == 1 else 0
    tens, _, ones = s.partition("十")
    return (_CN_VALUES.get(tens, 0) if tens else 1) * 10 + (_CN_VALUES.get(ones, 0) if ones else 0)


def _cut_trailer(lines: list[str]) -> list[str]:
    for i, ln in enumerate(lines):
        if ln.strip(" \t\u00a0\u3000") in TRAILER_MARKERS:
            return lines[:i]
    return lines


def _piece_headings(lines: list[str]) -> list[tuple[int, str]]:
    """``(line index, title)`` of the 一、 二、 三、 … title lines that number in sequence from 一."""
    out: list[tuple[int, str]] = []
    for i, ln in enumerate(lines):
        m = _PIECE_RE.match(ln.strip(" \t\u00a0\u3000"))
        if not m or _SENTENCE_PUNCT_RE.search(m.group(2)):
            continue
        if _cn_number(m.group(1)) == len(out) + 1:
            out.append((i, normalize_text(m.group(2)).strip()))
    return out


def count_piece_headings(text: str) -> int:
    """How many speeches ``split="pieces"`` would find titles for (0 or 1: the option makes no sense)."""
    return len(_piece_headings(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))


def _split_pieces(text: str, *, source: str) -> list[Speech]:
    lines = _cut_trailer(text.split("\n"))
    heads = _piece_headings(lines)
    if not heads:
        sp = speech_from_text("\n".join(lines), id=1, source=source)
        return [sp] if count_han(sp.text) else []
    speeches: list[Speech] = []
    preamble = "\n".join(lines[:heads[0][0]])
    # Prose before the first title is a speech of its own; a bare collection title is dropped.
    if _SENTENCE_PUNCT_RE.search(preamble):
        sp = speech_from_text(preamble, id=1, source=source)
        if count_han(sp.text):
            speeches.append(sp)
    for n, (i, title) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        sp = speech_from_text("\n".join(lines[i + 1:end]), id=len(speeches) + 1, title=title, source=source)
        if count_han(sp.text):
            speeches.append(sp)
    return speeches


def split_text(text: str, *, source: str = "", split: str = "auto") -> list[Speech]:
    """Speeches of one document's text, ids 1..N, by the ``split`` mode (see :data:`SPLIT_MODES`)."""
    if split not in SPLIT_MODES:
        raise InputError(f"unknown split mode {split!r}; choose one of {', '.join(SPLIT_MODES)}",
                         zh=f"未知的拆分方式 {split!r}；可选：{'、'.join(SPLIT_MODES)}")
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    if split == "auto":
        return parse_compilation(text, source=source)
    if split == "pieces":
        return _split_pieces(text, source=source)
    sp = speech_from_text("\n".join(_cut_trailer(text.split("\n"))), id=1, source=source)
    return [sp] if count_han(sp.text) else []


def _original_of(raw: str, converted: str, original: str, table: dict[str, str]) -> str:
    """The text as written of ``raw``, a speech body cut from ``converted`` (= ``original`` converted).

    Each paragraph is found in the converted document and the same span of the original is taken; a paragraph
    that the splitter changed (a watermark cut out, two page halves joined) is mapped back character by
    character through ``table``, the Simplified-to-original pairs seen in this document.
    """
    out: list[str] = []
    cursor = 0
    aligned = len(converted) == len(original)
    for line in raw.split("\n"):
        p = converted.find(line, cursor) if aligned else -1
        if p < 0 and aligned:
            p = converted.find(line)
        if p >= 0:
            out.append(original[p:p + len(line)])
            cursor = p + len(line)
        else:
            out.append("".join(table.get(c, c) for c in line))
    return "\n".join(out)


def _convert_and_split(text: str, *, name: str, split: str, convert: str) -> tuple[list[Speech], bool]:
    """Split ``text`` into speeches, converting Traditional to Simplified first (so headings, watermarks and
    title blocks are recognised) and keeping the text as written in ``Speech.raw``."""
    if convert not in CONVERT_MODES:
        raise InputError(f"unknown conversion mode {convert!r}; choose one of {', '.join(CONVERT_MODES)}",
                         zh=f"未知的繁简转换方式 {convert!r}；可选：{'、'.join(CONVERT_MODES)}")
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    traditional = convert == "always" or (convert == "auto" and is_traditional(text))
    if not traditional:
        return split_text(text, source=name, split=split), False
    converted = to_simplified(text)
    speeches = split_text(converted, source=name, split=split)
    table: dict[str, str] = {}
    for a, b in zip(text.split("\n"), converted.split("\n")):
        if len(a) == len(b):
            for x, y in zip(a, b):
                table.setdefault(y, x)
    for sp in speeches:
        sp.raw = _original_of(sp.raw, converted, text, table)
    return speeches, True


def _finish(speeches: list[Speech], *, name: str, doc_title: str, traditional: bool) -> None:
    """Fill in missing titles and guessed metadata."""
    stem = Path(name).stem if name else ""
    for sp in speeches:
        if sp.title == f"#{sp.id}" and len(speeches) == 1:
            # No title block: the document's own title (HTML <title>, Word properties), else the file name.
            title = normalize_text(doc_title)
            sp.title = (to_simplified(title) if traditional else title) or stem or sp.title
        guess = guess_metadata(sp.text, title=sp.title, subtitle=sp.subtitle, source=name)
        for key in ("date", "place", "speaker"):
            if not getattr(sp, key):
                setattr(sp, key, guess[key])
        if guess["date"].startswith(sp.date) and len(guess["date"]) > len(sp.date):
            sp.date = guess["date"]  # the same date, more precisely: a signature line under a dated title


def _no_chinese(name: str, text: str) -> InputError:
    other = len(re.sub(r"\s", "", text))
    if other:
        return InputError(f"{name}: no Chinese text found ({other:,} characters of other text); TifaLens reads "
                          "speeches written in Chinese",
                          zh=f"{name}：没有找到中文（只有 {other:,} 个其他字符）；提法镜只分析中文讲话")
    return InputError(f"{name}: the file has no text", zh=f"{name}：文件中没有文字")


def _from_extracted(ex: Extracted, *, name: str, split: str, convert: str) -> tuple[list[Speech], bool]:
    """Speeches of extracted text and whether they were converted from Traditional."""
    if not ex.text.strip():
        raise InputError(f"{name}: the file has no text", zh=f"{name}：文件中没有文字")
    speeches, traditional = _convert_and_split(ex.text, name=name, split=split, convert=convert)
    if not speeches:
        raise _no_chinese(name, ex.text)
    _finish(speeches, name=name, doc_title=ex.title, traditional=traditional)
    return speeches, traditional


def speeches_from_text(text: str, *, name: str = "pasted text", split: str = "auto",
                       convert: str = "auto") -> list[Speech]:
    """Speeches of pasted text (HTML tags in it are removed, never rendered)."""
    if not text.strip():
        raise InputError(f"{name}: the text is empty", zh=f"{name}：文本为空")
    cleaned, _n = strip_tags(text)
    return _from_extracted(Extracted(fold_radicals(cleaned), "txt"), name=name, split=split, convert=convert)[0]


def speeches_from_bytes(data: bytes, *, name: str, split: str = "auto", convert: str = "auto",
                        max_bytes: int = DEFAULT_MAX_BYTES) -> list[Speech]:
    """Read one uploaded file (any supported format and encoding) and split it into speeches."""
    ex = extract_text(data, name=name, max_bytes=max_bytes)
    return _from_extracted(ex, name=name, split=split, convert=convert)[0]


def preview_split(source: bytes | str, *, name: str = "pasted text", split: str = "auto",
                  convert: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> list[dict]:
    """The speeches ``split`` would produce, for the user to confirm: one row each with ``id``, ``title``,
    ``chars``, ``han_chars``, ``first_line`` and the guessed ``date``, ``place``, ``speaker``."""
    if isinstance(source, str):
        speeches = speeches_from_text(source, name=name, split=split, convert=convert)
    else:
        speeches = speeches_from_bytes(source, name=name, split=split, convert=convert, max_bytes=max_bytes)
    rows = []
    for sp in speeches:
        first = sp.text.split("\n", 1)[0]
        rows.append({"id": sp.id, "title": sp.title, "chars": len(sp.text) - sp.text.count("\n"),
                     "han_chars": count_han(sp.text), "first_line": first[:60] + ("…" if len(first) > 60 else ""),
                     "date": sp.date, "place": sp.place, "speaker": sp.speaker})
    return rows


@dataclass
class IngestResult:
    """Speeches of the files that loaded (ids 1..N in file order) and ``(name, message)`` for those that did not;
    ``notes`` are ``(name, message)`` remarks on files that loaded (encoding, conversion, removed markup).
    ``failures`` holds the :class:`InputError` behind each entry of ``errors``, in the same order, for its message
    in the user's language."""
    speeches: list[Speech] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


ProgressCallback = Callable[[int, int, str, str], None]


def ingest_files(files: Iterable[tuple[str, bytes]], *, split: str = "auto", convert: str = "auto",
                 max_bytes: int = DEFAULT_MAX_BYTES, on_progress: ProgressCallback | None = None) -> IngestResult:
    """Read several uploaded files; a bad file is reported in ``errors`` and the others still load.

    ``on_progress(i, n, name, status)`` is called after each file (``i`` counts from 1) with status ``"ok"`` or
    ``"error"``.
    """
    files = list(files)
    result = IngestResult()
    for i, (name, data) in enumerate(files, start=1):
        try:
            ex = extract_text(data, name=name, max_bytes=max_bytes)
            speeches, converted = _from_extracted(ex, name=name, split=split, convert=convert)
        except InputError as exc:
            result.errors.append((name, str(exc)))
            result.failures.append(exc)
            status = "error"
        else:
            for sp in speeches:
                sp.id = len(result.speeches) + 1
                result.speeches.append(sp)
            result.notes.extend((name, note) for note in _notes(ex, speeches, converted=converted))
            status = "ok"
        if on_progress is not None:
            on_progress(i, len(files), name, status)
    return result


def _notes(ex: Extracted, speeches: list[Speech], *, converted: bool) -> list[str]:
    notes = list(ex.notes)
    if ex.encoding and ex.encoding not in ("UTF-8", "UTF-8 (BOM)"):
        notes.append(Note(f"decoded as {ex.encoding}", zh=f"按 {ex.encoding} 编码读取"))
    if converted:
        notes.append(Note("converted from Traditional to Simplified Chinese for counting (the original is kept)",
                          zh="繁体已转为简体计数（保留原文）"))
    n = len(speeches)
    notes.append(Note(f"{n} speech{'es' if n != 1 else ''}", zh=f"{n} 篇讲话"))
    return notes


def _expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.iterdir() if q.is_file() and q.suffix.lower() in SUPPORTED_EXTENSIONS)
            if not found:
                raise InputError(f"{p}: the folder has no speech files ({', '.join(SUPPORTED_EXTENSIONS)})",
                                 zh=f"{p}：文件夹中没有讲话文件（{'、'.join(SUPPORTED_EXTENSIONS)}）")
            out.extend(found)
        else:
            out.append(path)
    return out


def _parsed(data: bytes, *, name: str, split: str, convert: str, max_bytes: int, cache) -> list[Speech]:
    """:func:`speeches_from_bytes`, read from ``cache`` (a :class:`~analysis.store.cache.SegmentCache`) when the
    same bytes were parsed the same way before, else parsed and stored. A failing cache is skipped."""
    if cache is None:
        return speeches_from_bytes(data, name=name, split=split, convert=convert, max_bytes=max_bytes)
    digest = hashlib.sha1(data).hexdigest()
    options = json.dumps([name, split, convert], ensure_ascii=False)
    try:   # a damaged or foreign entry is a miss
        records = cache.get_parsed(digest, options)
        if records is not None:
            return [Speech(**r) for r in records]
    except (sqlite3.Error, ValueError, TypeError, zlib.error):
        pass
    speeches = speeches_from_bytes(data, name=name, split=split, convert=convert, max_bytes=max_bytes)
    try:
        cache.put_parsed(digest, options, [sp.to_dict() for sp in speeches])
    except sqlite3.Error:
        pass            # a full or read-only disk: nothing is stored, the speeches are still returned
    return speeches


def load_paths(paths: list[str] | None, *, split: str = "auto", convert: str = "auto",
               max_bytes: int = DEFAULT_MAX_BYTES, cache=None) -> list[Speech]:
    """Speeches from ``paths`` (files, or folders of speech files) in order, ids 1..N; the built-in corpus when
    ``paths`` is empty. The first bad file raises :class:`InputError`. With ``cache`` (a
    :class:`~analysis.store.cache.SegmentCache`), a file parsed before with the same options is read back."""
    if not paths:
        return load_default_corpus()
    out: list[Speech] = []
    files = _expand(list(paths))
    for done, path in enumerate(files):
        report("reading", done, len(files))
        try:
            check_size(path.stat().st_size, name=str(path), max_bytes=max_bytes)
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file", zh=f"{path}：文件不存在") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a folder", zh=f"{path}：这是一个文件夹，不是文件") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})",
                             zh=f"{path}：无法读取（{os_reason_zh(exc)}）") from None
        for sp in _parsed(data, name=path.name, split=split, convert=convert, max_bytes=max_bytes, cache=cache):
            sp.id = len(out) + 1
            out.append(sp)
    report("reading", len(files), len(files))
    return out
