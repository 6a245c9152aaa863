"""Counting: per-speech overview figures and term frequency tables with every sidebar filter."""
from __future__ import annotations

from collections import Counter
from itertools import compress
from typing import Iterable, Mapping

import pandas as pd

from analysis.ingest.corpus import Speech
from analysis.text.normalize import count_han, find_placeholders, split_sentences
from analysis.text.segment import Segmentation, POS_GROUPS, pos_group

__all__ = ["overview", "overview_from_counts", "overview_table", "term_counts", "term_table", "top_terms",
           "pivot_terms", "CountTable", "PER_10K", "OVERVIEW_COLUMNS"]

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
    words = seg.words()
    return overview_from_counts(speech, tokens=len(words), distinct=len(set(words)))


def overview_from_counts(speech: Speech, *, tokens: int, distinct: int) -> dict:
    """:func:`overview` from the speech's text and its number of words and distinct words (so a count table read
    from the cache is enough, without the segmentation)."""
    text = speech.text
    chars = len(text) - text.count("\n")
    phs = find_placeholders(text)
    masked = sum(e - s for s, e, _ in phs)
    sentences = split_sentences(text)
    han = count_han(text)
    return {
        "id": speech.id, "title": speech.title, "chars": chars, "han_chars": han,
        "sentences": len(sentences), "tokens": tokens, "distinct": distinct,
        "placeholders": len(phs), "masked_chars": masked,
        "masked_share": round(masked / chars, 4) if chars else 0.0,
        "mean_sentence_len": round(han / len(sentences), 1) if sentences else 0.0,
    }


def overview_table(speeches: Iterable[Speech], segs: Mapping[int, Segmentation]) -> pd.DataFrame:
    return pd.DataFrame([overview(s, segs[s.id]) for s in speeches], columns=OVERVIEW_COLUMNS)


def term_counts(seg: Segmentation) -> tuple[Counter, dict[str, str]]:
    """Word counts of one speech and each word's (most frequent) tag."""
    words = list(compress(seg.tokens, seg.countable))
    word_tags = list(compress(seg.tags, seg.countable))
    counts: Counter = Counter(words)
    tag_of = dict(zip(words, word_tags))
    if len(set(zip(words, word_tags))) == len(tag_of):
        # Every word has one tag (segmentation tags by word type): ordered as most_common() orders them below.
        return counts, {w: tag_of[w] for w, _n in counts.most_common()}
    counts = Counter()
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
    speech id, which is what the dashboard caches). ``pos`` is a set of :data:`~analysis.text.segment.POS_GROUPS` names
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
    totals = table.groupby("term", observed=True, sort=False)[value].sum()
    totals = pd.DataFrame({"term": totals.index.astype(str), "total": totals.to_numpy()})
    order = totals.sort_values(["total", "term"], ascending=[False, True])["term"].head(top).tolist()
    part = table[table["term"].isin(order)].astype({"term": str})
    wide = part.pivot_table(index="term", columns="speech", values=value, aggfunc="sum", fill_value=0,
                            observed=True)
    return wide.loc[order]




# --- Vectorised counting for large corpora ----------------------------------------------------------------------
# The dashboard builds one long frame of every (speech, term) count once per corpus and lexicon, and each sidebar
# change only filters it with array operations, instead of looping over Counters in Python on every rerun.

FRAME_COLUMNS = ["speech", "title", "term", "tag", "pos", "count", "per_10k"]


def counts_frame(speeches: Iterable[Speech], counts: Mapping[int, tuple[Counter, dict]]) -> pd.DataFrame:
    """Unfiltered long frame of term counts: ``speech, title, term, tag, pos, count, per_10k, term_len``.

    ``term``, ``tag``, ``pos`` and ``title`` are categoricals, so filtering by stopword or part of speech compares
    small integer codes.
    """
    import numpy as np

    sp_ids, titles, terms, tags, ns, chars = [], [], [], [], [], []
    for sp in speeches:
        c, tg = counts[sp.id]
        k = len(c)
        sp_ids.append(np.full(k, sp.id, dtype=np.int32))
        titles.extend([sp.title] * k)
        terms.extend(c.keys())
        tags.extend(tg[t] for t in c.keys())
        ns.append(np.fromiter(c.values(), dtype=np.int32, count=k))
        chars.append(np.full(k, max(len(sp.text) - sp.text.count("\n"), 1), dtype=np.float64))
    if not terms:
        return pd.DataFrame(columns=FRAME_COLUMNS + ["term_len"])
    count = np.concatenate(ns)
    term_cat = pd.Categorical(terms)
    tag_cat = pd.Categorical(tags)
    cat_len = np.fromiter((len(t) for t in term_cat.categories), dtype=np.int16, count=len(term_cat.categories))
    speech = np.concatenate(sp_ids)
    # Pre-sorted in term_table order (speech, count desc, term), so filtering keeps the order without a sort.
    term_rank = np.argsort(np.argsort(np.asarray(term_cat.categories, dtype=object)))[term_cat.codes]
    order = np.lexsort((term_rank, -count, speech))
    frame = pd.DataFrame({
        "speech": speech, "title": pd.Categorical(titles), "term": term_cat, "tag": tag_cat,
        "pos": pd.Categorical.from_codes(
            np.asarray([list(POS_GROUPS).index(pos_group(t)) for t in tag_cat.categories], dtype=np.int8)
            [tag_cat.codes], categories=list(POS_GROUPS)),
        "count": count, "per_10k": np.round(count * PER_10K / np.concatenate(chars), 2),
        "term_len": cat_len[term_cat.codes],
    })
    return frame.take(order).reset_index(drop=True)


def filter_terms(frame: pd.DataFrame, *, speech_ids: Iterable[int] | None = None, stopwords: Iterable[str] = (),
                 min_len: int = 1, pos: Iterable[str] | None = None, min_count: int = 1) -> pd.DataFrame:
    """The rows of :func:`counts_frame` that pass the filters, in :func:`term_table` order and columns."""
    import numpy as np

    if frame.empty:
        return pd.DataFrame(columns=FRAME_COLUMNS)
    mask = (frame["count"].to_numpy() >= min_count) & (frame["term_len"].to_numpy() >= min_len)
    stop = set(stopwords)
    if stop:
        cats = frame["term"].cat.categories
        stop_codes = np.flatnonzero(cats.isin(stop))
        mask &= ~np.isin(frame["term"].cat.codes.to_numpy(), stop_codes)
    if pos is not None:
        mask &= frame["pos"].isin(list(pos)).to_numpy()
    if speech_ids is not None:
        mask &= np.isin(frame["speech"].to_numpy(), np.fromiter(speech_ids, dtype=np.int64))
    out = frame.loc[mask, FRAME_COLUMNS].reset_index(drop=True)
    # Categoricals keep only the values still present, so group-bys and pivots see no phantom terms.
    for col in ("term", "tag", "pos", "title"):
        out[col] = out[col].cat.remove_unused_categories()
    return out


# --- Compact, streaming count tables --------------------------------------------------------------------------
# A corpus is counted speech by speech into integer tables: one term dictionary (id → term, tag) and per speech the
# ids and counts of its words. A segmentation can be dropped as soon as it is counted, so a large corpus never
# holds all of its tokens as Python strings at once.

class CountTable:
    """Term counts of a corpus as compact tables.

    ``terms[i]`` and ``tags[i]`` describe term id ``i`` (a word's tag depends only on the word and the lexicon,
    so one tag per term; a speech that disagrees keeps its own in ``tag_overrides``). Speech ``k`` (in the order
    added) has ``speech_ids[k]``, ``titles[k]``, ``chars[k]`` (characters without line breaks), ``words[k]``
    (every counted word) and its rows ``ids[offsets[k]:offsets[k + 1]]`` / ``counts[...]`` (int32), in the order
    the words first occur in the speech.
    """

    def __init__(self) -> None:
        import numpy as np
        self._np = np
        self.index: dict[str, int] = {}
        self.terms: list[str] = []
        self.tags: list[str] = []
        self.tag_overrides: dict[tuple[int, int], str] = {}
        self.speech_ids: list[int] = []
        self.titles: list[str] = []
        self.chars: list[int] = []
        self.words: list[int] = []
        self._ids: list = []
        self._counts: list = []

    def __len__(self) -> int:
        return len(self.speech_ids)

    def add(self, speech: Speech, counts: Mapping[str, int], tags: Mapping[str, str]) -> None:
        """Add one speech's :func:`term_counts` result."""
        np = self._np
        index, terms, term_tags = self.index, self.terms, self.tags
        k = len(self.speech_ids)
        ids = np.empty(len(counts), dtype=np.int32)
        for n, term in enumerate(counts):
            i = index.get(term)
            if i is None:
                i = index[term] = len(terms)
                terms.append(term)
                term_tags.append(tags[term])
            elif term_tags[i] != tags[term]:
                self.tag_overrides[(k, i)] = tags[term]
            ids[n] = i
        self._ids.append(ids)
        self._counts.append(np.fromiter(counts.values(), dtype=np.int32, count=len(counts)))
        self.speech_ids.append(speech.id)
        self.titles.append(speech.title)
        self.chars.append(len(speech.text) - speech.text.count("\n"))
        self.words.append(int(sum(counts.values())))

    def add_segmentation(self, speech: Speech, seg: Segmentation) -> None:
        self.add(speech, *term_counts(seg))

    def rows(self, k: int):
        """``(ids, counts)`` arrays of the ``k``-th speech added."""
        return self._ids[k], self._counts[k]

    def tag(self, k: int, term_id: int) -> str:
        return self.tag_overrides.get((k, term_id), self.tags[term_id])

    def counter(self, k: int) -> Counter:
        ids, counts = self.rows(k)
        return Counter({self.terms[i]: int(c) for i, c in zip(ids.tolist(), counts.tolist())})

    def top(self, *, top: int, stopwords: Iterable[str] = (), min_len: int = 1, min_count: int = 1) -> list[dict]:
        """The ``top`` terms of each speech (count descending, then term), as :func:`top_terms` of
        :func:`term_table` gives them: ``speech, term, count, per_10k, tag`` dicts."""
        stop = set(stopwords)
        keep = [not (t in stop or len(t) < min_len) for t in self.terms]
        out = []
        order = sorted(range(len(self.speech_ids)), key=lambda k: self.speech_ids[k])
        for k in order:
            ids, counts = self.rows(k)
            chars = max(self.chars[k], 1)
            items = [(int(c), self.terms[i], i) for i, c in zip(ids.tolist(), counts.tolist())
                     if keep[i] and c >= min_count]
            items.sort(key=lambda x: (-x[0], x[1]))
            for c, term, i in items[:top]:
                out.append({"speech": self.speech_ids[k], "term": term, "count": c,
                            "per_10k": float(round(c * PER_10K / chars, 2)), "tag": self.tag(k, i)})
        return out
