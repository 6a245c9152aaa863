"""Counting: per-speech overview figures and term frequency tables with every sidebar filter."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

import pandas as pd

from analysis.corpus import Speech
from analysis.normalize import count_han, find_placeholders, split_sentences
from analysis.segment import Segmentation, POS_GROUPS, pos_group

__all__ = ["overview", "overview_table", "term_counts", "term_table", "top_terms", "pivot_terms",
           "PER_10K", "OVERVIEW_COLUMNS", "POS_GROUP_NAMES"]

PER_10K = 10_000
OVERVIEW_COLUMNS = ["id", "title", "chars", "han_chars", "sentences", "tokens", "distinct", "placeholders",
                    "masked_chars", "masked_share", "mean_sentence_len"]


def overview(speech: Speech, seg: Segmentation) -> dict:
    """Size figures of one speech.

    ``chars`` counts every character of the normalised text except line breaks; ``han_chars`` only Han characters;
    ``tokens``/``distinct`` count words (no punctuation, numbers or placeholders); ``placeholders`` counts masked
    spans (X, XX, ×, *, 20XX) and ``masked_share`` their characters as a share of all characters;
    ``mean_sentence_len`` is Han characters per sentence.
    """
    text = speech.text
    chars = len(text) - text.count("\n")
    phs = find_placeholders(text)
    masked = sum(e - s for s, e, _ in phs)
    sentences = split_sentences(text)
    words = seg.words()
    han = count_han(text)
    return {
        "id": speech.id, "title": speech.title, "chars": chars, "han_chars": han,
        "sentences": len(sentences), "tokens": len(words), "distinct": len(set(words)),
        "placeholders": len(phs), "masked_chars": masked,
        "masked_share": round(masked / chars, 4) if chars else 0.0,
        "mean_sentence_len": round(han / len(sentences), 1) if sentences else 0.0,
    }


def overview_table(speeches: Iterable[Speech], segs: Mapping[int, Segmentation]) -> pd.DataFrame:
    return pd.DataFrame([overview(s, segs[s.id]) for s in speeches], columns=OVERVIEW_COLUMNS)


def term_counts(seg: Segmentation) -> tuple[Counter, dict[str, str]]:
    """Word counts of one speech and each word's (most frequent) tag."""
    counts: Counter = Counter()
    tag_counts: Counter = Counter()
    for tok, tag, ok in zip(seg.tokens, seg.tags, seg.countable):
        if ok:
            counts[tok] += 1
            tag_counts[(tok, tag)] += 1
    tags: dict[str, str] = {}
    for (tok, tag), _n in tag_counts.most_common():
        tags.setdefault(tok, tag)
    return counts, tags


def term_table(speeches: Iterable[Speech], segs: Mapping[int, Segmentation] | None = None, *,
               counts: Mapping[int, tuple[Counter, dict]] | None = None, stopwords: Iterable[str] = (),
               min_len: int = 1, pos: Iterable[str] | None = None, min_count: int = 1) -> pd.DataFrame:
    """Long table ``speech, title, term, tag, pos, count, per_10k`` after the filters.

    Give either ``segs`` (segmentations by speech id) or precomputed ``counts`` (:func:`term_counts` results by
    speech id, which is what the dashboard caches). ``pos`` is a set of :data:`~analysis.segment.POS_GROUPS` names
    (``None`` keeps all); ``per_10k`` is the count per 10,000 characters of that speech; ``min_count`` applies per
    speech.
    """
    stop = set(stopwords)
    groups = set(pos) if pos is not None else None
    rows = []
    for sp in speeches:
        c, tags = counts[sp.id] if counts is not None else term_counts(segs[sp.id])
        chars = max(len(sp.text) - sp.text.count("\n"), 1)
        for term, n in c.items():
            if n < min_count or len(term) < min_len or term in stop:
                continue
            g = pos_group(tags[term])
            if groups is not None and g not in groups:
                continue
            rows.append((sp.id, sp.title, term, tags[term], g, n, round(n * PER_10K / chars, 2)))
    df = pd.DataFrame(rows, columns=["speech", "title", "term", "tag", "pos", "count", "per_10k"])
    return df.sort_values(["speech", "count", "term"], ascending=[True, False, True], ignore_index=True)


def top_terms(table: pd.DataFrame, *, top: int = 20, value: str = "count") -> pd.DataFrame:
    """The ``top`` terms of each speech (ties broken by term, so results are stable)."""
    if table.empty:
        return table
    ordered = table.sort_values(["speech", value, "term"], ascending=[True, False, True])
    return ordered.groupby("speech", sort=True).head(top).reset_index(drop=True)


def pivot_terms(table: pd.DataFrame, *, top: int = 20, value: str = "count") -> pd.DataFrame:
    """Term × speech matrix of the ``top`` terms by total ``value`` across the speeches in ``table``."""
    if table.empty:
        return pd.DataFrame()
    wide = table.pivot_table(index="term", columns="speech", values=value, aggfunc="sum", fill_value=0)
    totals = wide.sum(axis=1)
    order = sorted(wide.index, key=lambda t: (-totals[t], t))[:top]
    return wide.loc[order]


#: Part-of-speech group names accepted by ``term_table(pos=...)``.
POS_GROUP_NAMES = tuple(POS_GROUPS)
