"""Terms through the years: a term's rate per year, its first and last attestation, and what is new in a year.

Timelines count a term as text (a literal string or a regular expression, exactly as
:mod:`analysis.context.kwic` finds it), so a timeline count is the number of KWIC lines of that speech. Rates are
per 10,000 Han characters. Attestation and "what is new" work on an inventory of each speech: its words (the
segmenter's countable tokens of two or more characters with a Han character) and the canonical forms of its
phrases by kind. Several speeches of one year count as one year; years without a speech are gaps, never zeros.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Mapping, Sequence

import pandas as pd

from analysis.context.kwic import SEARCH_TIMEOUT, compile_query, deadline, match_spans
from analysis.context.trends import parse_date
from analysis.ingest.corpus import Speech
from analysis.text.normalize import HAN_RE, count_han

__all__ = ["speech_year", "term_timeline", "year_series", "inventory", "attestation", "whats_new",
           "TIMELINE_COLUMNS", "ATTESTATION_COLUMNS", "NEW_COLUMNS", "INVENTORY_KINDS", "STATUSES"]

TIMELINE_COLUMNS = ["term", "speech", "year", "count", "per_10k"]
ATTESTATION_COLUMNS = ["term", "kind", "first_year", "last_year", "reports", "count"]
NEW_COLUMNS = ["term", "kind", "status", "count", "previous_count"]
#: What an inventory holds: words and the phrase kinds whose canonical forms are terms.
INVENTORY_KINDS = ("word", "idiom", "slogan", "formula", "ngram")
#: ``new``: first use in the series; ``returned``: used again after an absence; ``dropped``: used in the previous
#: report, not in this one.
STATUSES = ("new", "returned", "dropped")
_NUMERIC_RE = re.compile(r"^[\d.%％点万亿千百十零〇一二三四五六七八九两]+$")


def speech_year(speech: Speech) -> int | None:
    """The year of a speech's date, ``None`` when it has none."""
    d = parse_date(speech.date)
    return d.year if d else None


def term_timeline(speeches: Iterable[Speech], terms: Sequence[str], *, regex: bool = False) -> list[dict]:
    """One row per (term, speech) (:data:`TIMELINE_COLUMNS`): occurrences as KWIC finds them and the rate per
    10,000 Han characters; ``year`` is ``None`` for an undated speech. Rows are in term order, then by year."""
    speeches = list(speeches)
    han_chars = {sp.id: count_han(sp.text) for sp in speeches}
    rows = []
    for term in terms:
        pattern = compile_query(term, regex=regex)
        until = deadline(regex)           # a regular expression is stopped after SEARCH_TIMEOUT seconds
        part = []
        for sp in speeches:
            n = len(match_spans(pattern, sp.text, until=until, limit=SEARCH_TIMEOUT))
            han = han_chars[sp.id]
            part.append({"term": term, "speech": sp.id, "year": speech_year(sp), "count": n,
                         "per_10k": round(n * 10_000 / han, 2) if han else 0.0})
        part.sort(key=lambda r: (r["year"] is None, r["year"] or 0, r["speech"]))
        rows += part
    return rows


def year_series(rows: Sequence[Mapping], *, han_chars: Mapping[int, int], years: Iterable[int] | None = None
                ) -> pd.DataFrame:
    """``term``, ``year``, ``count``, ``per_10k``, ``speeches`` for every year from the first to the last (or
    ``years``): the speeches of one year are pooled (``han_chars``: speech id -> Han characters), a year without a
    speech has ``NaN`` count and rate (a gap in a chart, not a zero)."""
    dated = [r for r in rows if r.get("year") is not None]
    if not dated:
        return pd.DataFrame(columns=["term", "year", "count", "per_10k", "speeches"])
    all_years = [int(r["year"]) for r in dated]
    span = sorted(set(years)) if years is not None else list(range(min(all_years), max(all_years) + 1))
    pooled: dict[str, dict[int, list[int]]] = {}
    for r in dated:
        cell = pooled.setdefault(r["term"], {}).setdefault(int(r["year"]), [0, 0, 0])
        cell[0] += int(r["count"])
        cell[1] += int(han_chars.get(r["speech"], 0))
        cell[2] += 1
    out = []
    for term, by_year in pooled.items():
        for y in span:
            if y in by_year:
                n, han, k = by_year[y]
                out.append({"term": term, "year": y, "count": n,
                            "per_10k": round(n * 10_000 / han, 2) if han else 0.0, "speeches": k})
            else:
                out.append({"term": term, "year": y, "count": float("nan"), "per_10k": float("nan"),
                            "speeches": 0})
    return pd.DataFrame(out, columns=["term", "year", "count", "per_10k", "speeches"])


def _is_word(token: str) -> bool:
    return len(token) >= 2 and bool(HAN_RE.search(token)) and not _NUMERIC_RE.match(token)


def inventory(seg, phrases: Mapping[str, Iterable]) -> dict[str, Counter]:
    """``kind -> Counter(term -> count)`` of one speech: ``word`` from its segmentation, each phrase kind from the
    canonical forms of its matches (``phrases``: kind -> PhraseMatch list)."""
    out = {"word": Counter(t for t, ok in zip(seg.tokens, seg.countable) if ok and _is_word(t))}
    for kind, matches in phrases.items():
        out[kind] = Counter(m.canonical or m.phrase for m in matches)
    return out


def _by_year(speeches: Sequence[Speech], inventories: Mapping[int, Mapping[str, Counter]], kinds: Sequence[str]
             ) -> dict[int, dict[tuple[str, str], list[int]]]:
    """``year -> (term, kind) -> [count, speeches]`` pooled over the dated speeches of each year."""
    years: dict[int, dict[tuple[str, str], list[int]]] = {}
    for sp in speeches:
        y = speech_year(sp)
        if y is None or sp.id not in inventories:
            continue
        acc = years.setdefault(y, {})
        for kind in kinds:
            for term, n in inventories[sp.id].get(kind, {}).items():
                cell = acc.setdefault((term, kind), [0, 0])
                cell[0] += n
                cell[1] += 1
    return years


def attestation(speeches: Sequence[Speech], inventories: Mapping[int, Mapping[str, Counter]], *,
                kinds: Sequence[str] = INVENTORY_KINDS, min_reports: int = 1) -> list[dict]:
    """First and last year, number of speeches and total count of every term of ``kinds`` in the dated speeches
    (:data:`ATTESTATION_COLUMNS`), terms used in at least ``min_reports`` speeches; oldest first attestation
    first, then most used."""
    years = _by_year(speeches, inventories, kinds)
    seen: dict[tuple[str, str], list] = {}
    for y in sorted(years):
        for key, (n, k) in years[y].items():
            cell = seen.get(key)
            if cell is None:
                seen[key] = [y, y, k, n]
            else:
                cell[1] = y
                cell[2] += k
                cell[3] += n
    rows = [{"term": t, "kind": kind, "first_year": a, "last_year": b, "reports": k, "count": n}
            for (t, kind), (a, b, k, n) in seen.items() if k >= min_reports]
    rows.sort(key=lambda r: (r["first_year"], -r["count"], r["kind"], r["term"]))
    return rows


def whats_new(speeches: Sequence[Speech], inventories: Mapping[int, Mapping[str, Counter]], *, year: int,
              kinds: Sequence[str] = INVENTORY_KINDS) -> list[dict]:
    """Terms of ``year`` against the previous year with a speech (:data:`NEW_COLUMNS`): ``new`` (never used
    before), ``returned`` (used before, not in the previous year), ``dropped`` (in the previous year, not in
    this one). Raises ``KeyError`` when no speech is dated ``year``. Most used first within each status."""
    years = _by_year(speeches, inventories, kinds)
    if year not in years:
        raise KeyError(year)
    earlier = sorted(y for y in years if y < year)
    prev = years[earlier[-1]] if earlier else {}
    before: set[tuple[str, str]] = set()
    for y in earlier[:-1]:
        before.update(years[y])
    now = years[year]
    rows = []
    for key, (n, _k) in now.items():
        if key in prev:
            continue
        status = "returned" if key in before else "new"
        rows.append({"term": key[0], "kind": key[1], "status": status, "count": n, "previous_count": 0})
    for key, (n, _k) in prev.items():
        if key not in now:
            rows.append({"term": key[0], "kind": key[1], "status": "dropped", "count": 0, "previous_count": n})
    order = {s: i for i, s in enumerate(STATUSES)}
    rows.sort(key=lambda r: (order[r["status"]], -(r["count"] + r["previous_count"]), r["kind"], r["term"]))
    return rows
