"""Every four-character window of Han characters of a text, as arrays: the unit idioms and templates are made of.

A character of the Han blocks U+3400–4DBF and U+4E00–9FFF is stored as its offset from U+3400 (15 bits), so a
window of four is one 60-bit integer and a list of four-character words is a sorted array that all windows are
looked up in at once — a few milliseconds for a long report instead of a Python loop over every window.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np

from analysis.text.normalize import code_points

__all__ = ["Windows", "windows", "WordSet"]

_BASE = 0x3400
_OUT = -1   # not a character of the two Han blocks


def _offsets(text: str) -> np.ndarray:
    cp = code_points(text).astype(np.int64)
    han = ((cp >= 0x3400) & (cp <= 0x4DBF)) | ((cp >= 0x4E00) & (cp <= 0x9FFF))
    return np.where(han, cp - _BASE, _OUT)


@dataclass(frozen=True, eq=False)
class Windows:
    """``starts`` of the windows of four Han characters, their ``keys`` and the code offsets ``c`` (4 × n) of
    their characters."""
    starts: np.ndarray
    keys: np.ndarray
    c: np.ndarray


@lru_cache(maxsize=16)   # the idiom and template detectors read the windows of the same text
def windows(text: str) -> Windows:
    """The four-character Han windows of ``text`` (overlapping; a window never crosses a non-Han character)."""
    off = _offsets(text)
    n = len(off) - 3
    if n <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return Windows(empty, empty, np.zeros((4, 0), dtype=np.int64))
    c = np.stack([off[i:i + n] for i in range(4)])
    ok = (c >= 0).all(axis=0)
    starts = np.flatnonzero(ok)
    c = c[:, starts]
    keys = (c[0] << 45) | (c[1] << 30) | (c[2] << 15) | c[3]
    return Windows(starts, keys, c)


def _key(word: str) -> int | None:
    if len(word) != 4:
        return None
    k = 0
    for ch in word:
        o = ord(ch)
        if not (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF):
            return None
        k = (k << 15) | (o - _BASE)
    return k


class WordSet:
    """Four-character words looked up in all windows of a text at once."""

    def __init__(self, words: Iterable[str]) -> None:
        keys = {k for k in map(_key, words) if k is not None}
        self.keys = np.array(sorted(keys), dtype=np.int64)

    def where(self, win: Windows) -> np.ndarray:
        """Positions (indices into ``win``) of the windows that are words of the set."""
        if not len(self.keys) or not len(win.keys):
            return np.zeros(0, dtype=np.int64)
        i = np.searchsorted(self.keys, win.keys)
        i[i == len(self.keys)] = 0
        return np.flatnonzero(self.keys[i] == win.keys)
