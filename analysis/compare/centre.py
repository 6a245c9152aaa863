"""A speech against a reference corpus (the national reports): keyness, shared text, and the lag of its formulas.

The reference is pooled: a speech's counts are compared with the counts of all reference speeches together (the
same G², p and Log Ratio as :mod:`analysis.compare.keyness`). Text reuse is measured against each reference
speech of the speech's own year or earlier (every reference when the speech is undated), with the passages of
:func:`analysis.compare.reuse.shared_passages`.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

import pandas as pd

from analysis.compare.keyness import keyness
from analysis.compare.reuse import Passage, reuse_share, shared_passages
from analysis.context.timeline import speech_year
from analysis.ingest.corpus import Speech
from analysis.text.normalize import count_han

__all__ = ["keyness_against", "references_for", "reuse_against", "reused_share", "formula_lag", "LAG_COLUMNS",
           "REUSE_COLUMNS"]

REUSE_COLUMNS = ["a", "b", "b_year", "passages", "shared_chars", "reuse_a", "reuse_b"]
LAG_COLUMNS = ["term", "count", "first_year", "last_year", "reports", "lag"]


def keyness_against(counts: Mapping[int, Mapping[str, int]], reference: Mapping[str, int], *,
                    totals: Mapping[int, int], reference_total: int, min_freq: int = 1, correction: str = "bh",
                    targets: Iterable[Iterable[int]] | None = None) -> pd.DataFrame:
    """Keyness of each target (a speech id, or a group of ids in ``targets``) against the pooled ``reference``
    counts, with a ``speech`` column first (a group is labelled by its ids joined by ``+``)."""
    groups = [tuple(g) for g in targets] if targets is not None else [(i,) for i in counts]
    frames = []
    for group in groups:
        tgt: Counter = Counter()
        for i in group:
            tgt.update(counts[i])
        df = keyness(tgt, reference, target_total=sum(int(totals[i]) for i in group),
                     reference_total=reference_total, min_freq=min_freq, correction=correction)
        df.insert(0, "speech", [group[0] if len(group) == 1 else "+".join(map(str, group))] * len(df))
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def references_for(speech: Speech, references: Sequence[Speech]) -> list[Speech]:
    """The reference speeches of ``speech``'s year or earlier; all of them when ``speech`` is undated."""
    year = speech_year(speech)
    if year is None:
        return list(references)
    return [r for r in references if (speech_year(r) or 0) <= year]


def reuse_against(speech: Speech, references: Sequence[Speech], **options) -> tuple[list[dict], dict[int, list[Passage]]]:
    """Rows (:data:`REUSE_COLUMNS`) for each reference of :func:`references_for` and the passages by reference id;
    ``options`` go to :func:`~analysis.compare.reuse.shared_passages`."""
    rows, passages = [], {}
    for ref in references_for(speech, references):
        ps = shared_passages(speech.text, ref.text, **options)
        passages[ref.id] = ps
        rows.append({"a": speech.id, "b": ref.id, "b_year": speech_year(ref), "passages": len(ps),
                     "shared_chars": sum(count_han(p.text_a) for p in ps),
                     "reuse_a": round(reuse_share(speech.text, [(p.a_start, p.a_end) for p in ps]), 4),
                     "reuse_b": round(reuse_share(ref.text, [(p.b_start, p.b_end) for p in ps]), 4)})
    return rows, passages


def reused_share(speech: Speech, passages: Mapping[int, Sequence[Passage]]) -> float:
    """Share of the Han characters of ``speech`` found in any reference (the union of all passages)."""
    return round(reuse_share(speech.text, [(p.a_start, p.a_end) for ps in passages.values() for p in ps]), 4)


def formula_lag(formulas: Mapping[str, int], attested: Iterable[Mapping], *, year: int | None) -> list[dict]:
    """The formulas of a speech (``canonical -> count``) that the reference uses, each with the reference's
    first and last year, its number of reports, and ``lag`` = the speech's ``year`` − first year (``None`` when
    the speech is undated). ``attested``: attestation rows of kind ``formula``. Longest lag first."""
    known = {r["term"]: r for r in attested if r.get("kind", "formula") == "formula"}
    rows = []
    for term, n in formulas.items():
        if term in known:
            r = known[term]
            rows.append({"term": term, "count": int(n), "first_year": r["first_year"], "last_year": r["last_year"],
                         "reports": r["reports"], "lag": (year - r["first_year"]) if year is not None else None})
    rows.sort(key=lambda r: (r["first_year"], -r["count"], r["term"]))
    return rows
