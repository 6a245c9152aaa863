"""Short labels that tell speeches apart: number, then what distinguishes the speech (subtitle, place, year).

Speeches of a compilation often share one title (在市政府全体会议上的讲话 three times). A label leads with the
speech's number and follows it with its title without the boilerplate frame (在…上的讲话), with the place and year
added when the title lacks them; when other speeches share that title, the first clause of the subtitle (if the
speech has one) names it instead.
Labels stay short enough for a sidebar chip or a chart legend; the full title is kept for tooltips and reports.
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["core_label", "speech_label", "speech_labels", "speech_id_from_label", "LABEL_WIDTH"]

#: Characters of the subtitle or title part; longer ones are shortened with an ellipsis.
LABEL_WIDTH = 12

_FRAME_START = re.compile(r"^(?:在|于)")
_FRAME_END = re.compile(r"(?:上的讲话|上讲话|的讲话|讲话稿|讲话|上的发言|上的致辞)$")
_CLAUSE_SPLIT = re.compile(r"[\s，,。；;：:—–\-—]+")
_YEAR = re.compile(r"(\d{4})")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def core_label(title: str = "", subtitle: str = "", date: str = "", place: str = "", *,
               width: int = LABEL_WIDTH) -> str:
    """What follows the number in a speech's label (see the module docstring); the subtitle or title part is
    shortened to ``width`` characters, place and year are always kept."""
    sub = next((c for c in _CLAUSE_SPLIT.split(subtitle or "") if c), "")
    core = sub or _FRAME_END.sub("", _FRAME_START.sub("", (title or "").strip())) or (title or "").strip()
    core = _shorten(core, width)
    if place and place not in core:
        core = f"{place} {core}".strip()
    year = _YEAR.search(date or "")
    if year and year.group(1) not in core:
        core = f"{core} {year.group(1)}".strip()
    return core


def speech_label(speech, *, width: int = LABEL_WIDTH) -> str:
    """``#3 牢记嘱托再出发``: the number and the shortened :func:`core_label` of ``speech``."""
    core = core_label(getattr(speech, "title", ""), getattr(speech, "subtitle", ""), getattr(speech, "date", ""),
                      getattr(speech, "place", ""), width=width)
    return f"#{int(speech.id)} {core}".strip()


def speech_labels(speeches: Iterable, *, width: int = LABEL_WIDTH) -> dict[int, str]:
    """``id -> label`` for every speech (distinct, since each leads with its number).

    A title is the label unless other speeches share it: then a speech with a subtitle is named by its subtitle
    (the three 在市政府全体会议上的讲话 of the built-in corpus: #3 is 牢记嘱托再出发)."""
    speeches = list(speeches)
    def title_core(sp) -> str:
        return core_label(getattr(sp, "title", ""), "", getattr(sp, "date", ""), getattr(sp, "place", ""),
                          width=width)
    seen: dict[str, int] = {}
    for sp in speeches:
        seen[title_core(sp)] = seen.get(title_core(sp), 0) + 1
    out = {}
    for sp in speeches:
        core = title_core(sp)
        if seen[core] > 1 and getattr(sp, "subtitle", ""):
            out[int(sp.id)] = speech_label(sp, width=width)
        else:
            out[int(sp.id)] = f"#{int(sp.id)} {core}".strip()
    return out


_ID_RE = re.compile(r"^\s*#?\s*(\d+)(?:\s|·|$)")


def speech_id_from_label(value: str) -> int | None:
    """The speech number in a URL value: ``3``, ``#3`` or an old full label ``3 · 在市政府全体会议上的讲话``."""
    m = _ID_RE.match(str(value))
    return int(m.group(1)) if m else None
