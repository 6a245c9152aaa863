"""Stopword lists: the shipped base lists and users' own lists."""
from __future__ import annotations

from typing import Iterable

from analysis.errors import InputError
from analysis.paths import DATA_DIR

__all__ = ["BUILTIN_LISTS", "load_builtin", "parse_stopwords", "format_stopwords", "decode_stopword_file",
           "lists_in"]

_DATA = DATA_DIR
#: Built-in lists: name -> file. ``general`` is on by default, ``officialese`` off.
BUILTIN_LISTS = {"general": _DATA / "stopwords_zh.txt", "officialese": _DATA / "stopwords_officialese.txt"}


def parse_stopwords(text: str) -> list[str]:
    """Words of a stopword list: one per line (spaces, commas and 、 also separate); ``#`` lines are comments.

    Order is kept and duplicates are dropped so an edited list round-trips.
    """
    if "\x00" in text:
        raise InputError("the stopword list is not a text file", zh="停用词表不是文本文件")
    seen: dict[str, None] = {}
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = [line] if len(line) == 1 else line.replace(",", " ").replace("，", " ").replace("、", " ").split()
        for w in parts:
            seen.setdefault(w, None)
    return list(seen)


def decode_stopword_file(data: bytes, *, name: str = "stopword list") -> list[str]:
    """Words of an uploaded stopword file (UTF-8 or GB18030); a clear error for anything else."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty", zh=f"{name}：文件为空")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: not a text file", zh=f"{name}：不是文本文件")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return parse_stopwords(data.decode(enc))
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: not a UTF-8 or GB18030 text file", zh=f"{name}：不是 UTF-8 或 GB18030 编码的文本文件")


def load_builtin(name: str) -> list[str]:
    return parse_stopwords(BUILTIN_LISTS[name].read_text(encoding="utf-8"))


def format_stopwords(words) -> str:
    """One word per line, ready to download or to put in the editor."""
    return "\n".join(words) + ("\n" if words else "")


def lists_in(words, lists: dict[str, Iterable[str]], *, share: float = 0.5) -> list[str]:
    """The names of the built-in ``lists`` that a stopword list ``words`` is based on: those of which it holds at
    least ``share`` of the words (so a loaded list switches a base list on or off to match its contents)."""
    have = set(words)
    out = []
    for name, members in lists.items():
        members = set(members)
        if members and len(members & have) >= share * len(members):
            out.append(name)
    return out
