"""Where a term is used: its rate across equal parts of each speech, and across speeches in date order.

Occurrences are found as text (a literal string or a regular expression, as in :mod:`analysis.context.kwic`), so a
phrase or a term the segmenter splits is counted too. Rates are per 10,000 characters (line breaks excluded),
the unit of :mod:`analysis.text.counts`.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Sequence

import pandas as pd

from analysis.ingest.corpus import Speech
from analysis.context.kwic import SEARCH_TIMEOUT, compile_query, deadline, match_spans

__all__ = ["segment_bounds", "segment_trend", "trend_table", "parse_date", "date_trend", "TREND_COLUMNS",
           "DATE_TREND_COLUMNS"]

TREND_COLUMNS = ["speech", "title", "segment", "start", "end", "chars", "count", "per_10k"]
DATE_TREND_COLUMNS = ["speech", "title", "date", "chars", "count", "per_10k"]
_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def segment_bounds(length: int, *, segments: int = 10) -> list[tuple[int, int]]:
    """``segments`` consecutive ``(start, end)`` spans of nearly equal length covering ``0:length``."""
    if segments < 1:
        raise ValueError("segments must be at least 1")
    cuts = [round(k * length / segments) for k in range(segments + 1)]
    return [(cuts[k], cuts[k + 1]) for k in range(segments)]


def _chars(text: str) -> int:
    return len(text) - text.count("\n")


def segment_trend(speech: Speech, pattern, *, segments: int = 10, until: float | None = None,
                  limit: float | None = None) -> list[dict]:
    """Rows for each of ``segments`` equal parts of ``speech.text``; a match counts in the part where it starts.

    ``pattern`` comes from :func:`~analysis.context.kwic.compile_query`; ``until``/``limit`` bound the search as in
    :func:`~analysis.context.kwic.match_spans`."""
    bounds = segment_bounds(len(speech.text), segments=segments)
    starts = [s for s, _e in match_spans(pattern, speech.text, until=until, limit=limit)]
    rows = []
    for k, (s, e) in enumerate(bounds, start=1):
        n = sum(1 for x in starts if s <= x < e)
        chars = _chars(speech.text[s:e])
        rows.append({"speech": speech.id, "title": speech.title, "segment": k, "start": s, "end": e,
                     "chars": chars, "count": n, "per_10k": round(n * 10_000 / chars, 2) if chars else 0.0})
    return rows


def trend_table(speeches: Iterable[Speech], query: str, *, regex: bool = False, segments: int = 10,
                timeout: float | None = SEARCH_TIMEOUT) -> pd.DataFrame:
    """Long table (:data:`TREND_COLUMNS`) of ``query`` across ``segments`` equal parts of every speech; a regular
    expression running longer than ``timeout`` seconds raises :class:`~analysis.context.kwic.SearchTimeout`."""
    pattern = compile_query(query, regex=regex)
    until = deadline(regex, timeout)
    rows = [r for sp in speeches
            for r in segment_trend(sp, pattern, segments=segments, until=until, limit=timeout)]
    return pd.DataFrame(rows, columns=TREND_COLUMNS)


def parse_date(value: str) -> date | None:
    """``YYYY`` (taken as 1 January), ``YYYY-MM`` or ``YYYY-MM-DD`` as a date; ``None`` when absent or invalid."""
    m = _DATE_RE.match(value or "")
    if not m:
        return None
    y, mo, d = (int(g) if g else 1 for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def date_trend(speeches: Sequence[Speech], query: str, *, regex: bool = False,
               timeout: float | None = SEARCH_TIMEOUT) -> pd.DataFrame:
    """Rate of ``query`` in each dated speech, oldest first (:data:`DATE_TREND_COLUMNS`); undated speeches are
    left out. Speeches with the same date keep their corpus order. ``timeout`` as in :func:`trend_table`."""
    pattern = compile_query(query, regex=regex)
    until = deadline(regex, timeout)
    dated = [(parse_date(sp.date), k, sp) for k, sp in enumerate(speeches)]
    rows = []
    for d, _k, sp in sorted((t for t in dated if t[0] is not None), key=lambda t: (t[0], t[1])):
        n = len(match_spans(pattern, sp.text, until=until, limit=timeout))
        chars = _chars(sp.text)
        rows.append({"speech": sp.id, "title": sp.title, "date": sp.date.strip(), "chars": chars, "count": n,
                     "per_10k": round(n * 10_000 / chars, 2) if chars else 0.0})
    return pd.DataFrame(rows, columns=DATE_TREND_COLUMNS)
