"""Keyness: which terms a speech (or a group of speeches) uses more or less than the rest.

Significance is the log-likelihood G² of the 2×2 contingency table (Dunning 1993; Rayson & Garside 2000)::

                 target     reference
    term           a            b
    other terms    c            d           N1 = a + c,  N2 = b + d,  N = N1 + N2

    G² = 2 Σ O ln(O / E)   over all four cells, E = row total × column total / N, cells with O = 0 add 0.

The p-value is the upper tail of chi-square with 1 degree of freedom, ``erfc(sqrt(G² / 2))``. Because a keyword
list tests every term at once, p-values can be corrected for multiple comparisons (Benjamini–Hochberg false
discovery rate, or Bonferroni). Effect size is Hardie's (2014) Log Ratio, ``log2((a / N1) / (b / N2))`` with 0.5
put in place of a zero count; its sign says whether the term is a positive (overused) or negative keyword.

Counts are plain mappings ``term -> count``, so word counts and phrase counts (canonical phrases from the phrase
detectors) go through the same code.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Mapping

import pandas as pd

__all__ = ["log_likelihood", "chi2_sf_1df", "log_ratio", "adjust_pvalues", "keyness", "keyness_by_speech",
           "counts_by_speech", "two_speech_table", "CORRECTIONS", "KEYNESS_COLUMNS", "TWO_SPEECH_COLUMNS"]

#: Multiple-comparison corrections accepted by :func:`adjust_pvalues`.
CORRECTIONS = ("bh", "bonferroni", "none")
KEYNESS_COLUMNS = ["term", "count", "rest_count", "per_10k", "rest_per_10k", "g2", "p_raw", "p", "log_ratio",
                   "sign"]


def _cell(observed: float, expected: float) -> float:
    return observed * math.log(observed / expected) if observed > 0 else 0.0


def log_likelihood(a: int, b: int, n1: int, n2: int) -> float:
    """G² for a term seen ``a`` times in a target of ``n1`` tokens and ``b`` times in a reference of ``n2``."""
    if a < 0 or b < 0 or a > n1 or b > n2:
        raise ValueError(f"counts out of range: a={a}, b={b}, n1={n1}, n2={n2}")
    n = n1 + n2
    if n == 0:
        return 0.0
    c, d = n1 - a, n2 - b
    e_a, e_b = (a + b) * n1 / n, (a + b) * n2 / n
    e_c, e_d = (c + d) * n1 / n, (c + d) * n2 / n
    g2 = 2.0 * (_cell(a, e_a) + _cell(b, e_b) + _cell(c, e_c) + _cell(d, e_d))
    return max(g2, 0.0)  # rounding can leave -1e-16 for identical proportions


def chi2_sf_1df(x: float) -> float:
    """P(X ≥ x) for X ~ chi-square with 1 degree of freedom."""
    if x <= 0:
        return 1.0
    return math.erfc(math.sqrt(x / 2.0))


def log_ratio(a: int, b: int, n1: int, n2: int) -> float:
    """Hardie's Log Ratio: binary log of the ratio of relative frequencies, 0.5 standing in for a zero count."""
    if n1 <= 0 or n2 <= 0:
        raise ValueError("both corpora must have at least one token")
    return math.log2(((a or 0.5) / n1) / ((b or 0.5) / n2))


def adjust_pvalues(pvalues: Iterable[float], *, method: str = "bh") -> list[float]:
    """p-values corrected for testing them all at once, in the input order.

    ``bh``: Benjamini–Hochberg step-up (controls the false discovery rate); ``bonferroni``: ``p × m``;
    ``none``: unchanged. Corrected values are capped at 1.
    """
    ps = [float(p) for p in pvalues]
    m = len(ps)
    if method == "none" or m == 0:
        return ps
    if method == "bonferroni":
        return [min(1.0, p * m) for p in ps]
    if method != "bh":
        raise ValueError(f"unknown correction {method!r}; expected one of {', '.join(CORRECTIONS)}")
    order = sorted(range(m), key=lambda i: ps[i])
    out = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):  # from the largest p down, keeping the running minimum (step-up)
        i = order[rank - 1]
        running = min(running, ps[i] * m / rank)
        out[i] = min(1.0, running)
    return out


def keyness(target: Mapping[str, int], reference: Mapping[str, int], *, target_total: int | None = None,
            reference_total: int | None = None, target_chars: int | None = None,
            reference_chars: int | None = None, min_freq: int = 1, correction: str = "bh") -> pd.DataFrame:
    """Keyness of every term of ``target`` ∪ ``reference``, strongest first.

    ``*_total`` are the corpus sizes in tokens (default: the sum of the counts given; pass the full token counts
    when the mappings have been filtered by stopwords). ``min_freq`` keeps terms whose combined count reaches it;
    only the kept terms count as tests for the ``correction``. ``per_10k`` columns are per 10,000 characters when
    ``*_chars`` are given, else per 10,000 tokens. ``p`` is the corrected p-value, ``p_raw`` the uncorrected one.
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"unknown correction {correction!r}; expected one of {', '.join(CORRECTIONS)}")
    n1 = int(target_total if target_total is not None else sum(target.values()))
    n2 = int(reference_total if reference_total is not None else sum(reference.values()))
    if n1 <= 0 or n2 <= 0:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    size1 = target_chars or n1
    size2 = reference_chars or n2
    rows = []
    for term in set(target) | set(reference):
        a, b = int(target.get(term, 0)), int(reference.get(term, 0))
        if a + b < min_freq or a + b == 0:
            continue
        g2 = log_likelihood(a, b, n1, n2)
        lr = log_ratio(a, b, n1, n2)
        rows.append([term, a, b, round(a * 10_000 / size1, 2), round(b * 10_000 / size2, 2), g2,
                     chi2_sf_1df(g2), lr, "+" if a / n1 > b / n2 else ("-" if a / n1 < b / n2 else "=")])
    df = pd.DataFrame(rows, columns=KEYNESS_COLUMNS[:6] + ["p_raw", "log_ratio", "sign"])
    df["p"] = adjust_pvalues(df["p_raw"], method=correction)
    df = df[KEYNESS_COLUMNS]
    return df.sort_values(["g2", "term"], ascending=[False, True], ignore_index=True)


def counts_by_speech(table: pd.DataFrame) -> dict[int, Counter]:
    """``speech -> Counter(term -> count)`` from a :func:`analysis.text.counts.term_table` long table."""
    out: dict[int, Counter] = {}
    for sp, term, n in zip(table["speech"], table["term"], table["count"]):
        out.setdefault(int(sp), Counter())[term] += int(n)
    return out


def keyness_by_speech(counts: Mapping[int, Mapping[str, int]], *, totals: Mapping[int, int] | None = None,
                      chars: Mapping[int, int] | None = None, targets: Iterable[Iterable[int]] | None = None,
                      min_freq: int = 1, correction: str = "bh") -> pd.DataFrame:
    """Keyness of each target against all other speeches, with a ``speech`` column first.

    ``targets`` lists groups of speech ids (default: each speech alone); a group's label in the ``speech`` column
    is its ids joined by ``+``. The correction is applied within each target's list.
    """
    ids = list(counts)
    groups = [tuple(g) for g in targets] if targets is not None else [(i,) for i in ids]
    frames = []
    for group in groups:
        unknown = [g for g in group if g not in counts]
        if unknown:
            raise ValueError(f"unknown speech id(s): {unknown}")
        rest = [i for i in ids if i not in group]
        if not rest:
            continue
        tgt, ref = Counter(), Counter()
        for i in group:
            tgt.update(counts[i])
        for i in rest:
            ref.update(counts[i])
        tot = (lambda ks: sum(int(totals[k]) for k in ks)) if totals else (lambda ks: None)
        chr_ = (lambda ks: sum(int(chars[k]) for k in ks)) if chars else (lambda ks: None)
        df = keyness(tgt, ref, target_total=tot(group), reference_total=tot(rest), target_chars=chr_(group),
                     reference_chars=chr_(rest), min_freq=min_freq, correction=correction)
        label = group[0] if len(group) == 1 else "+".join(str(g) for g in group)
        df.insert(0, "speech", [label] * len(df))
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=["speech"] + KEYNESS_COLUMNS)
    return pd.concat(frames, ignore_index=True)


TWO_SPEECH_COLUMNS = ["term", "count_a", "count_b", "per_10k_a", "per_10k_b", "g2", "p", "log_ratio", "side",
                      "snippet_a", "snippet_b"]


def _first_offsets(seg) -> dict[str, int] | None:
    if seg is None:
        return None
    first: dict[str, int] = {}
    for tok, start, ok in zip(seg.tokens, seg.starts, seg.countable):
        if ok:
            first.setdefault(tok, start)
    return first


def _snippet(text: str, term: str, width: int, first: Mapping[str, int] | None) -> str:
    i = first.get(term, -1) if first is not None else text.find(term)
    if i < 0:
        return ""
    left = text[max(0, i - width):i].replace("\n", " ")
    right = text[i + len(term):i + len(term) + width].replace("\n", " ")
    return f"{left}【{term}】{right}"


def two_speech_table(counts_a: Mapping[str, int], counts_b: Mapping[str, int], *, chars_a: int, chars_b: int,
                     total_a: int | None = None, total_b: int | None = None, text_a: str = "", text_b: str = "",
                     seg_a=None, seg_b=None, min_freq: int = 1, correction: str = "bh", alpha: float = 0.05,
                     min_log_ratio: float = 1.0, snippet_width: int = 12) -> pd.DataFrame:
    """Every term of two speeches with both rates (per 10,000 characters) and its keyness, for a comparison plot.

    ``side`` is ``"a"`` or ``"b"`` for a distinctive term (corrected ``p < alpha`` and ``|log_ratio|`` at least
    ``min_log_ratio``, i.e. at least twice as frequent on that side by default), else ``""``. ``snippet_a``/``_b``
    show the first occurrence in ``text_a``/``text_b`` with the term in 【】: the first token when the
    segmentations ``seg_a``/``seg_b`` are given (so 干 is not found inside 干部), else the first substring.
    """
    if chars_a <= 0 or chars_b <= 0:
        raise ValueError("both speeches need text")
    df = keyness(counts_a, counts_b, target_total=total_a, reference_total=total_b, target_chars=chars_a,
                 reference_chars=chars_b, min_freq=min_freq, correction=correction)
    if df.empty:
        return pd.DataFrame(columns=TWO_SPEECH_COLUMNS)
    df = df.rename(columns={"count": "count_a", "rest_count": "count_b", "per_10k": "per_10k_a",
                            "rest_per_10k": "per_10k_b"})
    strong = (df["p"] < alpha) & (df["log_ratio"].abs() >= min_log_ratio)
    df["side"] = [("a" if lr > 0 else "b") if s else "" for s, lr in zip(strong, df["log_ratio"])]
    first_a, first_b = _first_offsets(seg_a), _first_offsets(seg_b)
    df["snippet_a"] = [_snippet(text_a, t, snippet_width, first_a) if n else ""
                       for t, n in zip(df["term"], df["count_a"])]
    df["snippet_b"] = [_snippet(text_b, t, snippet_width, first_b) if n else ""
                       for t, n in zip(df["term"], df["count_b"])]
    return df[TWO_SPEECH_COLUMNS]
