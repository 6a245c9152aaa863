"""Questions to a corpus store, answered by DuckDB over its Parquet files.

Every answer is an aggregate computed by DuckDB on the files (term counts of a subcorpus, top terms, keyness,
per-year timelines, phrase tables); only the rows of the answer come back into Python, so a store of any size is
queried in bounded memory. A :class:`Subcorpus` picks speeches by metadata (year range, place, speaker, source,
ids); every query restricts the term and phrase rows to the speeches it selects (a semi-join on the speeches
dataset, which also hides partitions that were never committed).

The answers are the in-memory ones: :meth:`Store.term_table` gives the rows of
:func:`analysis.text.counts.term_table`, :meth:`Store.keyness` the G², p and Log Ratio of
:func:`analysis.compare.keyness.keyness` (same totals: every word of a speech), :meth:`Store.phrase_table` the rows
of the ``phrases`` subcommand.
"""
from __future__ import annotations

import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.batch.store import DICTIONARY_FILE, committed_parts, partition_files, term_id, SCHEMAS
from analysis.compare.keyness import CORRECTIONS, KEYNESS_COLUMNS
from analysis.errors import InputError
from analysis.text.counts import PER_10K
from analysis.text.segment import POS_GROUPS

__all__ = ["Store", "Subcorpus", "open_store", "parse_condition", "FIELDS"]

#: Metadata fields a subcorpus can be chosen by.
FIELDS = ("year", "place", "speaker", "source", "id")
_TERM_COLUMNS = ["speech", "title", "term", "tag", "pos", "count", "per_10k"]


@dataclass(frozen=True)
class Subcorpus:
    """Speeches chosen by metadata; empty fields do not restrict. Years are inclusive; a speech without a year
    is kept only when no year bound is set."""
    year_from: int | None = None
    year_to: int | None = None
    places: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    ids: tuple[int, ...] = ()

    def where(self) -> tuple[str, list]:
        """SQL condition on the speeches table (alias-free) and its parameters."""
        conds, params = [], []
        if self.year_from is not None:
            conds.append("year >= ?")
            params.append(int(self.year_from))
        if self.year_to is not None:
            conds.append("year <= ?")
            params.append(int(self.year_to))
        for col, values in (("place", self.places), ("speaker", self.speakers), ("source", self.sources)):
            if values:
                conds.append(f"list_contains(?::VARCHAR[], {col})")
                params.append(list(values))
        if self.ids:
            conds.append("list_contains(?::BIGINT[], id)")
            params.append([int(i) for i in self.ids])
        return (" AND ".join(conds) or "TRUE"), params

    def __and__(self, other: "Subcorpus") -> "Subcorpus":
        def both(a, b):
            return tuple(x for x in a if x in set(b)) if a and b else (a or b)
        lo = [y for y in (self.year_from, other.year_from) if y is not None]
        hi = [y for y in (self.year_to, other.year_to) if y is not None]
        return Subcorpus(max(lo) if lo else None, min(hi) if hi else None, both(self.places, other.places),
                         both(self.speakers, other.speakers), both(self.sources, other.sources),
                         both(self.ids, other.ids))


def parse_condition(spec: str, base: Subcorpus = Subcorpus()) -> Subcorpus:
    """``FIELD=VALUE[,VALUE…]`` added to ``base``: ``year=2013..2022`` (or ``year=2020``, ``year=..1999``),
    ``speaker=李克强,温家宝``, ``place=…``, ``source=…``, ``id=…``."""
    name, sep, value = spec.partition("=")
    name = name.strip().lower()
    if not sep or name not in FIELDS or not value.strip():
        raise InputError(f"{spec!r}: expected FIELD=VALUE with FIELD one of {', '.join(FIELDS)}",
                         zh=f"{spec!r}：应写成 字段=值，字段为 {'、'.join(FIELDS)} 之一")
    values = tuple(v.strip() for v in value.split(",") if v.strip())
    try:
        if name == "year":
            lo, dots, hi = value.partition("..")
            lo_y = int(lo) if lo.strip() else None
            hi_y = (int(hi) if hi.strip() else None) if dots else lo_y
            return base & Subcorpus(year_from=lo_y, year_to=hi_y)
        if name == "id":
            return base & Subcorpus(ids=tuple(int(v) for v in values))
    except ValueError:
        raise InputError(f"{spec!r}: not a number", zh=f"{spec!r}：不是数字") from None
    return base & Subcorpus(**{name + "s": values})


def _pos_case(col: str = "tag") -> str:
    parts = []
    for group, tags in POS_GROUPS.items():
        if tags:
            parts.append(f"WHEN {col} IN ({', '.join(repr(t) for t in tags)}) THEN '{group}'")
    return "CASE " + " ".join(parts) + " ELSE 'other' END"


def _pos_condition(pos: Iterable[str] | None, col: str = "tag") -> str:
    if pos is None:
        return "TRUE"
    groups = set(pos)
    if groups >= set(POS_GROUPS):
        return "TRUE"
    if not groups:
        return "FALSE"
    conds = []
    listed = [t for tags in POS_GROUPS.values() for t in tags]
    chosen = [t for g in groups for t in POS_GROUPS.get(g, ())]
    if chosen:
        conds.append(f"{col} IN ({', '.join(repr(t) for t in chosen)})")
    if "other" in groups:
        conds.append(f"{col} NOT IN ({', '.join(repr(t) for t in listed)})")
    return "(" + " OR ".join(conds) + ")" if conds else "FALSE"


def _g2(a: np.ndarray, b: np.ndarray, n1: float, n2: float) -> np.ndarray:
    """Vectorised :func:`analysis.compare.keyness.log_likelihood`."""
    n = n1 + n2
    c, d = n1 - a, n2 - b
    e_a, e_b = (a + b) * n1 / n, (a + b) * n2 / n
    e_c, e_d = (c + d) * n1 / n, (c + d) * n2 / n

    def cell(o, e):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / np.where(e > 0, e, 1)), 0.0)
    return np.maximum(2.0 * (cell(a, e_a) + cell(b, e_b) + cell(c, e_c) + cell(d, e_d)), 0.0)


def _adjust(p: np.ndarray, method: str) -> np.ndarray:
    """Vectorised :func:`analysis.compare.keyness.adjust_pvalues`."""
    m = len(p)
    if method == "none" or m == 0:
        return p
    if method == "bonferroni":
        return np.minimum(1.0, p * m)
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    running = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(1.0, running)
    return out


_ERFC = np.frompyfunc(math.erfc, 1, 1)


class Store:
    """A corpus store opened for queries (one DuckDB connection; each query runs on its own cursor, so one
    :class:`Store` can serve several threads)."""

    def __init__(self, path: str | os.PathLike, *, memory_limit: str | None = "1GB", threads: int | None = None):
        self.path = Path(path)
        if not (self.path / "speeches").is_dir() or not committed_parts(self.path):
            raise InputError(f"{self.path}: not a corpus store (no speeches; build one with: python -m analysis "
                             "batch SRC --out STORE)",
                             zh=f"{self.path}：不是语料库（没有讲话；先运行 python -m analysis batch SRC --out STORE）")
        import duckdb

        self._con = duckdb.connect(config={"memory_limit": memory_limit} if memory_limit else {})
        self._con.execute("SET enable_progress_bar = false")     # never print to the CLI's stdout
        if threads:
            self._con.execute(f"SET threads = {int(threads)}")
        self._lock = threading.Lock()
        self.refresh()

    def refresh(self) -> None:
        """Look at the files again (after an ingest added partitions)."""
        con = self._con
        con.execute(f"CREATE OR REPLACE VIEW speeches AS SELECT * FROM "
                    f"read_parquet('{_q(partition_files(self.path, 'speeches'))}')")
        for name in ("terms", "phrases"):
            if list((self.path / name).glob("part-*.parquet")):
                con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM "
                            f"read_parquet('{_q(partition_files(self.path, name))}')")
            else:
                con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM ({_empty_select(name)})")
        dict_path = self.path / "dictionary" / DICTIONARY_FILE
        # The dictionary (one row per distinct term) is small next to the counts: kept in memory as a table.
        source = f"read_parquet('{_q(str(dict_path))}')" if dict_path.exists() else f"({_empty_select('dictionary')})"
        con.execute(f"CREATE OR REPLACE TABLE dictionary AS SELECT * FROM {source}")
        self.stamp = tuple(sorted(committed_parts(self.path)))
        self._aggregates: dict[str, pd.DataFrame] = {}

    def close(self) -> None:
        self._con.close()

    def _run(self, sql: str, params: Sequence = (), *, frames: dict | None = None) -> pd.DataFrame:
        with self._lock:
            cur = self._con.cursor()
        try:
            for name, df in (frames or {}).items():
                cur.register(name, df)
            return cur.execute(sql, list(params)).df()
        finally:
            cur.close()

    # --- speeches -------------------------------------------------------------------------------------------

    def speeches(self, sub: Subcorpus = Subcorpus(), *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """The speeches of ``sub`` with their metadata and sizes, by year then title."""
        where, params = sub.where()
        lim = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        return self._run(f"SELECT * EXCLUDE (part) FROM speeches WHERE {where} "
                         f"ORDER BY file, ord, id{lim}", params)

    def summary(self, sub: Subcorpus = Subcorpus()) -> dict:
        """Number of speeches, characters, Han characters and words of ``sub``, and its year span."""
        where, params = sub.where()
        row = self._run(f"SELECT count(*) AS speeches, coalesce(sum(chars), 0) AS chars, "
                        f"coalesce(sum(han_chars), 0) AS han_chars, coalesce(sum(tokens), 0) AS tokens, "
                        f"min(year) AS year_min, max(year) AS year_max FROM speeches WHERE {where}", params)
        rec = row.iloc[0].to_dict()
        return {k: (None if pd.isna(v) else int(v)) for k, v in rec.items()}

    def facets(self) -> dict:
        """Values to filter by: year span and, for place, speaker and source, each value with its speech count."""
        out = self.summary()
        for col in ("place", "speaker", "source"):
            df = self._run(f"SELECT {col} AS value, count(*) AS n FROM speeches GROUP BY {col} ORDER BY n DESC, value")
            out[col] = list(zip(df["value"].astype(str), df["n"].astype(int)))
        return out

    def per_year(self, sub: Subcorpus = Subcorpus()) -> pd.DataFrame:
        """``year, speeches, chars, tokens`` of ``sub`` (speeches without a year left out)."""
        where, params = sub.where()
        return self._run(f"SELECT year, count(*) AS speeches, sum(chars) AS chars, sum(tokens) AS tokens FROM speeches "
                         f"WHERE {where} AND year IS NOT NULL GROUP BY year ORDER BY year", params)

    # --- terms ----------------------------------------------------------------------------------------------

    @staticmethod
    def _stop_frame(stopwords: Iterable[str]) -> pd.DataFrame:
        ids = sorted({term_id(w) for w in stopwords})
        return pd.DataFrame({"term_id": np.asarray(ids, dtype=np.int64)})

    def _term_filter(self, *, min_len: int, pos, alias: str = "t") -> str:
        conds = [f"{alias}.term_len >= {int(min_len)}", _pos_condition(pos, f"{alias}.tag"),
                 f"{alias}.term_id NOT IN (SELECT term_id FROM stop_ids)"]
        return " AND ".join(conds)

    def term_table(self, sub: Subcorpus = Subcorpus(), *, stopwords: Iterable[str] = (), min_len: int = 1,
                   pos: Iterable[str] | None = None, min_count: int = 1, top: int | None = None) -> pd.DataFrame:
        """Per-speech rows ``speech, title, term, tag, pos, count, per_10k`` after the filters (the columns and
        order of :func:`analysis.text.counts.term_table`); with ``top``, the ``top`` rows of each speech."""
        where, params = sub.where()
        filt = self._term_filter(min_len=min_len, pos=pos)
        rank = (f"QUALIFY row_number() OVER (PARTITION BY r.speech ORDER BY r.count DESC, d.term) <= {int(top)}"
                if top is not None else "")
        sql = f"""
            WITH sel AS (SELECT id, title, greatest(chars, 1) AS chars, file, ord FROM speeches WHERE {where}),
                 r AS (SELECT t.speech, t.term_id, t.tag, t.count FROM terms t
                       WHERE t.speech IN (SELECT id FROM sel) AND t.count >= {int(min_count)} AND {filt})
            SELECT r.speech, s.title, d.term, r.tag, {_pos_case('r.tag')} AS pos, r.count,
                   round(r.count * {PER_10K} / s.chars, 2) AS per_10k
            FROM r JOIN sel s ON r.speech = s.id JOIN dictionary d ON d.term_id = r.term_id
            {rank}
            ORDER BY s.file, s.ord, r.speech, r.count DESC, d.term"""
        df = self._run(sql, params, frames={"stop_ids": self._stop_frame(stopwords)})
        return df[_TERM_COLUMNS]

    #: How many per-subcorpus aggregates a store keeps (each one row per distinct term of the subcorpus).
    AGGREGATES = 8

    def aggregate(self, sub: Subcorpus = Subcorpus()) -> pd.DataFrame:
        """``term_id, count, speeches`` over the speeches of ``sub``: the one scan of the term counts that a
        subcorpus costs. Kept for the last :data:`AGGREGATES` subcorpora, so a change of the word filters (which
        are properties of the term: length, tag, stopword) only filters this frame."""
        key = repr(sub)
        with self._lock:
            found = self._aggregates.pop(key, None)
            if found is not None:
                self._aggregates[key] = found
                return found
        where, params = sub.where()
        frame = self._run(f"SELECT t.term_id, sum(t.count)::BIGINT AS count, count(*)::BIGINT AS speeches "
                          f"FROM terms t WHERE t.speech IN (SELECT id FROM speeches WHERE {where}) "
                          f"GROUP BY t.term_id", params)
        with self._lock:
            self._aggregates[key] = frame
            while len(self._aggregates) > self.AGGREGATES:
                self._aggregates.pop(next(iter(self._aggregates)))
        return frame

    def _dict_filter(self, *, min_len: int, pos, alias: str = "d") -> str:
        return " AND ".join([f"{alias}.term_len >= {int(min_len)}", _pos_condition(pos, f"{alias}.tag"),
                             f"{alias}.term_id NOT IN (SELECT term_id FROM stop_ids)"])

    def term_totals(self, sub: Subcorpus = Subcorpus(), *, stopwords: Iterable[str] = (), min_len: int = 1,
                    pos: Iterable[str] | None = None, min_count: int = 1, top: int | None = 50,
                    terms: Iterable[str] | None = None) -> pd.DataFrame:
        """``term, tag, pos, count, speeches, per_10k`` over all of ``sub`` (``min_count`` applies per speech, as in
        the dashboard), most frequent first; ``per_10k`` per 10,000 characters of the subcorpus."""
        where, params = sub.where()
        frames = {"stop_ids": self._stop_frame(stopwords)}
        only = ""
        if terms is not None:
            frames["only_ids"] = pd.DataFrame({"term_id": np.asarray([term_id(t) for t in terms], dtype=np.int64)})
            only = "AND d.term_id IN (SELECT term_id FROM only_ids)"
        chars = self.summary(sub)["chars"] or 1
        if min_count <= 1:
            frames["agg"] = self.aggregate(sub)
            counts, cparams = "agg", []
        else:
            counts = (f"(SELECT t.term_id, sum(t.count)::BIGINT AS count, count(*)::BIGINT AS speeches FROM terms t "
                      f"WHERE t.speech IN (SELECT id FROM speeches WHERE {where}) AND t.count >= {int(min_count)} "
                      f"GROUP BY t.term_id)")
            cparams = params
        lim = f"LIMIT {int(top)}" if top is not None else ""
        sql = f"""
            SELECT d.term, d.tag, {_pos_case('d.tag')} AS pos, a.count, a.speeches,
                   round(a.count * {PER_10K} / {chars}, 2) AS per_10k
            FROM {counts} a JOIN dictionary d ON d.term_id = a.term_id
            WHERE {self._dict_filter(min_len=min_len, pos=pos)} {only}
            ORDER BY a.count DESC, d.term {lim}"""
        return self._run(sql, cparams, frames=frames)

    # --- keyness --------------------------------------------------------------------------------------------

    def keyness(self, target: Subcorpus, reference: Subcorpus | None = None, *, within: Subcorpus = Subcorpus(),
                stopwords: Iterable[str] = (), min_len: int = 1, pos: Iterable[str] | None = None,
                min_freq: int = 1, correction: str = "bh", top: int | None = 50, sign: str = "positive"
                ) -> pd.DataFrame:
        """Keyness of the ``target`` speeches against ``reference`` (default: the other speeches of ``within``).

        Columns :data:`~analysis.compare.keyness.KEYNESS_COLUMNS`, strongest first; ``sign`` keeps positive
        (``"positive"``), negative (``"negative"``) or all (``"both"``) keywords, after the correction over every
        term kept by ``min_freq``. Totals are every word of the speeches (stopwords do not inflate rates);
        ``per_10k`` columns are per 10,000 characters.
        """
        if correction not in CORRECTIONS:
            raise InputError(f"unknown correction {correction!r}", zh=f"未知的校正方法 {correction!r}")
        t_where, t_params = (target & within).where()
        if reference is None:
            w_where, w_params = within.where()
            # coalesce: a speech without a year is outside a year-bounded target, so it belongs to the rest
            r_where, r_params = f"({w_where}) AND NOT coalesce(({t_where}), FALSE)", w_params + t_params
        else:
            r_where, r_params = (reference & within).where()
        sizes = self._run(f"SELECT (SELECT coalesce(sum(tokens),0) FROM speeches WHERE {t_where}) AS n1, "
                          f"(SELECT coalesce(sum(tokens),0) FROM speeches WHERE {r_where}) AS n2, "
                          f"(SELECT coalesce(sum(chars),0) FROM speeches WHERE {t_where}) AS c1, "
                          f"(SELECT coalesce(sum(chars),0) FROM speeches WHERE {r_where}) AS c2",
                          t_params + r_params + t_params + r_params).iloc[0]
        n1, n2, c1, c2 = (float(sizes[k]) for k in ("n1", "n2", "c1", "c2"))
        if n1 <= 0 or n2 <= 0:
            return pd.DataFrame(columns=KEYNESS_COLUMNS)
        frames = {"stop_ids": self._stop_frame(stopwords), "agg_a": self.aggregate(target & within)}
        if reference is None:       # the rest of ``within``: its aggregate minus the target's
            frames["agg_w"] = self.aggregate(within)
            b_sql = ("SELECT w.term_id, w.count - coalesce(a.count, 0) AS count FROM agg_w w "
                     "LEFT JOIN agg_a a ON a.term_id = w.term_id")
        else:
            frames["agg_b"] = self.aggregate(reference & within)
            b_sql = "SELECT term_id, count FROM agg_b"
        sql = f"""
            WITH b AS ({b_sql}),
                 ab AS (SELECT coalesce(a.term_id, b.term_id) AS term_id, coalesce(a.count, 0)::BIGINT AS a,
                               coalesce(b.count, 0)::BIGINT AS b
                        FROM agg_a a FULL OUTER JOIN b ON a.term_id = b.term_id)
            SELECT ab.term_id, ab.a, ab.b FROM ab JOIN dictionary d ON d.term_id = ab.term_id
            WHERE ab.a + ab.b >= {max(int(min_freq), 1)} AND {self._dict_filter(min_len=min_len, pos=pos)}"""
        ab = self._run(sql, frames=frames)
        if ab.empty:
            return pd.DataFrame(columns=KEYNESS_COLUMNS)
        a = ab["a"].to_numpy(dtype=np.float64)
        b = ab["b"].to_numpy(dtype=np.float64)
        g2 = _g2(a, b, n1, n2)
        p_raw = _ERFC(np.sqrt(g2 / 2.0)).astype(np.float64)
        p_raw = np.where(g2 <= 0, 1.0, p_raw)
        p = _adjust(p_raw, correction)
        lr = np.log2((np.where(a > 0, a, 0.5) / n1) / (np.where(b > 0, b, 0.5) / n2))
        ra, rb = a / n1, b / n2
        sgn = np.where(ra > rb, "+", np.where(ra < rb, "-", "="))
        keep = np.ones(len(ab), dtype=bool) if sign == "both" else (sgn == ("+" if sign == "positive" else "-"))
        idx = np.flatnonzero(keep)
        if top is not None and len(idx) > top:
            # Every term tied with the top-th strongest, so the tie-break by term below sees them all.
            edge = np.sort(g2[idx])[::-1][top - 1]
            idx = idx[g2[idx] >= edge]
        out = pd.DataFrame({"term_id": ab["term_id"].to_numpy()[idx], "count": a[idx].astype(np.int64),
                            "rest_count": b[idx].astype(np.int64),
                            "per_10k": np.round(a[idx] * 10_000 / (c1 or n1), 2),
                            "rest_per_10k": np.round(b[idx] * 10_000 / (c2 or n2), 2), "g2": g2[idx],
                            "p_raw": p_raw[idx], "p": p[idx], "log_ratio": lr[idx], "sign": sgn[idx]})
        names = self._terms_of(out["term_id"])
        out.insert(0, "term", out.pop("term_id").map(names))
        out = out.sort_values(["g2", "term"], ascending=[False, True], ignore_index=True)
        return (out.head(top) if top is not None else out)[KEYNESS_COLUMNS].reset_index(drop=True)

    def _terms_of(self, ids) -> dict[int, str]:
        frame = pd.DataFrame({"term_id": np.asarray(list(ids), dtype=np.int64)})
        df = self._run("SELECT d.term_id, d.term FROM dictionary d WHERE d.term_id IN (SELECT term_id FROM want)",
                       frames={"want": frame})
        return dict(zip(df["term_id"].astype(np.int64), df["term"]))

    # --- timelines ------------------------------------------------------------------------------------------

    def timeline(self, terms: Sequence[str], sub: Subcorpus = Subcorpus(), *, kind: str | None = None
                 ) -> pd.DataFrame:
        """Per year and term: ``year, term, count, speeches, year_speeches, han_chars, per_10k`` (per 10,000 Han
        characters of that year's speeches, the unit of the ``timeline`` subcommand; years where the term is absent
        have count 0). With ``kind`` the terms are canonical
        phrases of that phrase kind, counted as occurrences; else words of the term counts."""
        where, params = sub.where()
        want = pd.DataFrame({"term": list(dict.fromkeys(terms))})
        want["term_id"] = np.asarray([term_id(t) for t in want["term"]], dtype=np.int64)
        if kind is None:
            hits = ("SELECT s.year, w.term, sum(t.count)::BIGINT AS count, count(DISTINCT t.speech) AS speeches "
                    "FROM terms t JOIN want w ON t.term_id = w.term_id JOIN sel s ON t.speech = s.id "
                    "GROUP BY s.year, w.term")
            extra = []
        else:
            hits = ("SELECT s.year, p.canonical AS term, count(*) AS count, count(DISTINCT p.speech) AS speeches "
                    "FROM phrases p JOIN sel s ON p.speech = s.id WHERE p.kind = ? "
                    "AND p.canonical IN (SELECT term FROM want) GROUP BY s.year, p.canonical")
            extra = [kind]
        sql = f"""
            WITH sel AS (SELECT id, year, han_chars FROM speeches WHERE {where} AND year IS NOT NULL),
                 years AS (SELECT year, count(*) AS year_speeches, sum(han_chars) AS han_chars FROM sel
                           GROUP BY year),
                 hits AS ({hits})
            SELECT y.year, w.term, coalesce(h.count, 0)::BIGINT AS count, coalesce(h.speeches, 0)::BIGINT AS speeches,
                   y.year_speeches, y.han_chars,
                   round(coalesce(h.count, 0) * {PER_10K} / greatest(y.han_chars, 1), 2) AS per_10k
            FROM years y CROSS JOIN want w LEFT JOIN hits h ON h.year = y.year AND h.term = w.term
            ORDER BY w.term, y.year"""
        df = self._run(sql, params + extra, frames={"want": want})
        order = {t: k for k, t in enumerate(want["term"])}
        return df.sort_values(["term", "year"], key=lambda s: s.map(order) if s.name == "term" else s,
                              ignore_index=True)

    # --- phrases --------------------------------------------------------------------------------------------

    def phrase_table(self, kind: str, sub: Subcorpus = Subcorpus(), *, limit: int | None = None) -> pd.DataFrame:
        """Rows of the ``phrases`` subcommand for each speech of ``sub`` (in store order): ``speech, kind, phrase,
        canonical, class, count, gloss, members, first_offset, source`` (per speech: most frequent first, then by
        first occurrence)."""
        where, params = sub.where()
        lim = f"LIMIT {int(limit)}" if limit is not None else ""
        sql = f"""
            SELECT p.speech, any_value(p.kind) AS kind, p.phrase, p.canonical, p.class, count(*) AS count,
                   arg_min(p.gloss, p.seq) AS gloss, arg_min(p.members, p.seq) AS members,
                   arg_min(p.start, p.seq) AS first_offset, arg_min(p.source, p.seq) AS source, min(p.seq) AS seq
            FROM phrases p WHERE p.kind = ? AND p.speech IN (SELECT id FROM speeches WHERE {where})
            GROUP BY p.speech, p.phrase, p.canonical, p.class"""
        sql = f"""
            WITH g AS ({sql}) SELECT g.* FROM g JOIN speeches s ON s.id = g.speech
            ORDER BY s.file, s.ord, g.speech, g.count DESC, g.first_offset, g.seq {lim}"""
        df = self._run(sql, [kind] + params)
        df["members"] = [list(m) if m is not None else [] for m in df["members"]]
        return df.drop(columns=["seq"])

    def phrase_summary(self, kind: str, sub: Subcorpus = Subcorpus(), *, top: int | None = 100) -> pd.DataFrame:
        """``canonical, class, count, speeches, variants, per_10k`` of ``kind`` over all of ``sub``, most frequent
        first (``variants``: distinct surface forms)."""
        where, params = sub.where()
        chars = self.summary(sub)["chars"] or 1
        lim = f"LIMIT {int(top)}" if top is not None else ""
        sql = f"""
            SELECT p.canonical, p.class, count(*) AS count, count(DISTINCT p.speech) AS speeches,
                   count(DISTINCT p.phrase) AS variants, round(count(*) * {PER_10K} / {chars}, 2) AS per_10k,
                   any_value(p.gloss) AS gloss
            FROM phrases p WHERE p.kind = ? AND p.speech IN (SELECT id FROM speeches WHERE {where})
            GROUP BY p.canonical, p.class ORDER BY count DESC, p.canonical, p.class {lim}"""
        return self._run(sql, [kind] + params)

    def phrase_classes(self, kind: str, sub: Subcorpus = Subcorpus()) -> pd.DataFrame:
        """``class, count, speeches`` of ``kind`` in ``sub``."""
        where, params = sub.where()
        return self._run(f"SELECT class, count(*) AS count, count(DISTINCT speech) AS speeches FROM phrases "
                         f"WHERE kind = ? AND speech IN (SELECT id FROM speeches WHERE {where}) "
                         f"GROUP BY class ORDER BY count DESC, class", [kind] + params)


def _q(path: str) -> str:
    return path.replace("'", "''")


def _empty_select(name: str) -> str:
    import pyarrow as pa

    types = {pa.int64(): "BIGINT", pa.int32(): "INTEGER", pa.int16(): "SMALLINT", pa.string(): "VARCHAR",
             pa.list_(pa.string()): "VARCHAR[]"}
    cols = ", ".join(f"NULL::{types[f.type]} AS \"{f.name}\"" for f in SCHEMAS[name])
    return f"SELECT {cols} WHERE FALSE"


def open_store(path: str | os.PathLike | None = None, **kwargs) -> Store:
    """The store at ``path``, else at ``$TIFALENS_STORE``."""
    from analysis.batch.store import STORE_ENV

    path = path or os.environ.get(STORE_ENV, "")
    if not path:
        raise InputError(f"no store given (--store STORE or {STORE_ENV})", zh=f"没有指定语料库（--store 或 {STORE_ENV}）")
    return Store(path, **kwargs)
