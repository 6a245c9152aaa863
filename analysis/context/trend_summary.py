"""Readable trends for many speeches: which speeches to draw, the pooled rate of the rest, rates per year, and
the two ways a term is counted.

:mod:`analysis.context.trends` gives one row per speech part and per dated speech. With hundreds of speeches one
line each is unreadable, so a chart draws the ``top`` speeches that use the term most and one pooled line for all
of them (every occurrence over every character, per part). Dates come with different precision (``2016``,
``2019-03``, ``2019-03-01``): per speech they are placed on a real date axis (a year alone at 1 July, a month
alone on its 15th, and said so), and per year the speeches of a year are pooled.

A term is found as text (as KWIC finds it), so 工作 also counts inside 工作者; the word counts of the 词频 view
count tokens, so there 工作 is counted only where the segmenter made it a word of its own.
:func:`token_occurrences` gives that second figure, so both can be shown side by side.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Mapping

import pandas as pd

from analysis.context.trends import parse_date

__all__ = ["top_speeches", "pooled_segments", "date_precision", "dated_points", "year_trend",
           "token_occurrences", "YEAR_COLUMNS"]

YEAR_COLUMNS = ["year", "speeches", "chars", "count", "per_10k"]
_PRECISION_RE = re.compile(r"^\s*\d{4}(-\d{1,2})?(-\d{1,2})?\s*$")


def _rate(count: int, chars: int) -> float:
    return round(count * 10_000 / chars, 2) if chars else 0.0


def top_speeches(table: pd.DataFrame, *, top: int) -> list[int]:
    """The ids of the ``top`` speeches of a trend table with the most occurrences (ties: lower id first), in id
    order."""
    if table.empty:
        return []
    totals = table.groupby("speech")["count"].sum()
    ranked = sorted(totals.index, key=lambda s: (-int(totals[s]), int(s)))[:max(top, 0)]
    return sorted(int(s) for s in ranked)


def pooled_segments(table: pd.DataFrame) -> pd.DataFrame:
    """Per part (``segment``): occurrences and characters of all speeches together and their rate per 10,000
    characters — one line standing for every speech of a trend table."""
    if table.empty:
        return pd.DataFrame(columns=["segment", "chars", "count", "per_10k"])
    g = table.groupby("segment", sort=True).agg(chars=("chars", "sum"), count=("count", "sum")).reset_index()
    g["per_10k"] = [_rate(int(c), int(n)) for c, n in zip(g["count"], g["chars"])]
    return g


def date_precision(value: str) -> str:
    """``year``, ``month`` or ``day``: how much of a date string is given (``""`` when it is not a date)."""
    m = _PRECISION_RE.match(value or "")
    if not m or parse_date(value) is None:
        return ""
    return "day" if m.group(2) else "month" if m.group(1) else "year"


def dated_points(dated: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`analysis.context.trends.date_trend` with ``when`` (a date for a date axis: a year alone
    at 1 July, a month alone on the 15th, i.e. the middle of what is known) and ``precision``."""
    out = dated.copy()
    when, precision = [], []
    for value in out["date"]:
        p = date_precision(str(value))
        d = parse_date(str(value))
        if d is not None and p == "year":
            d = date(d.year, 7, 1)
        elif d is not None and p == "month":
            d = date(d.year, d.month, 15)
        when.append(d)
        precision.append(p)
    out["when"] = pd.to_datetime(when)
    out["precision"] = precision
    return out


def year_trend(dated: pd.DataFrame) -> pd.DataFrame:
    """Per year (:data:`YEAR_COLUMNS`): the dated speeches of that year pooled — their number, characters,
    occurrences and the rate per 10,000 characters."""
    if dated.empty:
        return pd.DataFrame(columns=YEAR_COLUMNS)
    years = [parse_date(str(v)).year for v in dated["date"]]
    g = dated.assign(year=years).groupby("year", sort=True).agg(
        speeches=("speech", "nunique"), chars=("chars", "sum"), count=("count", "sum")).reset_index()
    g["per_10k"] = [_rate(int(c), int(n)) for c, n in zip(g["count"], g["chars"])]
    return g[YEAR_COLUMNS]


def token_occurrences(counters: Mapping[int, Counter], query: str) -> int:
    """How often ``query`` is a word of its own in the segmented speeches (the count of the 词频 view): the
    number of tokens equal to it. (A regular expression has no such count: it matches text, not words.)"""
    return sum(int(c.get(query, 0)) for c in counters.values())
