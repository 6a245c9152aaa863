"""Tables behind the phrase views: occurrences, per-speech counts and density, the speech × item matrix.

Plain pandas over :class:`analysis.phrases.base.PhraseMatch` lists, so the figures on screen can be checked without a
browser. An *item* is the canonical form of a phrase: a misspelt idiom counts under its correct form, and the
misspelling itself is listed by :func:`variant_table`.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from analysis.ingest.corpus import Speech
from analysis.text.normalize import count_han
from analysis.phrases.base import PhraseMatch, context

OCCURRENCE_COLUMNS = ["speech", "phrase", "canonical", "cls", "note", "left", "right", "start", "end", "source"]

#: Share status of an item over the selected speeches.
SHARED, UNIQUE, SOME = "shared", "unique", "some"


def occurrence_table(speeches: Sequence[Speech], matches: Mapping[int, Sequence[PhraseMatch]], *,
                     width: int = 20) -> pd.DataFrame:
    """One row per match: speech id, surface phrase, canonical form, class, gloss or members, contexts, offsets,
    and the list or rule that counted it (``source``).

    ``note`` holds the gloss, or the members of a parallel run joined by 、 when there is no gloss.
    """
    rows = []
    for sp in speeches:
        for m in matches.get(sp.id, ()):
            left, _, right = context(sp.text, m.start, m.end, width=width)
            note = m.gloss or "、".join(m.members)
            rows.append((sp.id, m.phrase, m.canonical, m.cls, note, left, right, m.start, m.end, m.source))
    df = pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS)
    return df.astype({"speech": "int64", "start": "int64", "end": "int64"})


def filter_occurrences(df: pd.DataFrame, *, classes: Sequence[str] | None = None, min_count: int = 1
                       ) -> pd.DataFrame:
    """Rows of the given classes whose item occurs at least ``min_count`` times over all rows kept."""
    out = df if classes is None else df[df["cls"].isin(list(classes))]
    if min_count > 1 and not out.empty:
        totals = out.groupby("canonical")["canonical"].transform("size")
        out = out[totals >= min_count]
    return out.reset_index(drop=True)


def class_counts(df: pd.DataFrame, speeches: Sequence[Speech], *, total_label: str,
                 labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Long table ``speech, term, count, density`` with one row per speech and class, plus a total per speech.

    ``term`` is the class label (``labels`` maps class to label); ``density`` is occurrences per 1,000 Han
    characters of the speech. Every speech gets a row for every class, zero included, so bars line up.
    """
    labels = labels or {}
    classes = list(dict.fromkeys(df["cls"]))
    rows = []
    for sp in speeches:
        han = count_han(sp.text)
        part = df[df["speech"] == sp.id]
        by_cls = part["cls"].value_counts()
        for term, n in [(total_label, len(part))] + [(labels.get(c, c), int(by_cls.get(c, 0))) for c in classes]:
            rows.append({"speech": sp.id, "term": term, "count": int(n),
                         "density": round(1000 * n / han, 3) if han else 0.0})
    return pd.DataFrame(rows, columns=["speech", "term", "count", "density"])


def item_matrix(df: pd.DataFrame, speech_ids: Sequence[int]) -> pd.DataFrame:
    """Item × speech counts with ``total``, ``speeches`` (how many contain it), ``status`` and ``only``.

    ``status`` is :data:`SHARED` (in every selected speech, with at least two selected), :data:`UNIQUE` (in one
    speech only; ``only`` names it) or :data:`SOME`. Rows are ordered by total, then by item.
    """
    ids = list(speech_ids)
    if df.empty:
        return pd.DataFrame(columns=["canonical", "cls", *ids, "total", "speeches", "status", "only"])
    pivot = pd.crosstab(df["canonical"], df["speech"]).reindex(columns=ids, fill_value=0)
    # The class an item is shown with: its most frequent class (四个意识 is a known formula even where one speech
    # masks it as 四个意X), ties to the first seen.
    first_cls = (df.groupby(["canonical", "cls"], sort=False).size().reset_index(name="n")
                 .sort_values("n", ascending=False, kind="stable").drop_duplicates("canonical")
                 .set_index("canonical")["cls"])
    out = pivot.reset_index()
    out.columns.name = None
    out.insert(1, "cls", out["canonical"].map(first_cls))
    out["total"] = pivot.sum(axis=1).to_numpy()
    out["speeches"] = (pivot > 0).sum(axis=1).to_numpy()

    def status(n: int) -> str:
        if n == len(ids) and len(ids) > 1:
            return SHARED
        return UNIQUE if n == 1 else SOME
    out["status"] = out["speeches"].map(status)
    present = pivot.gt(0).to_numpy()
    out["only"] = [ids[row.argmax()] if n == 1 else None for row, n in zip(present, out["speeches"])]
    out["only"] = out["only"].astype("Int64")
    return out.sort_values(["total", "canonical"], ascending=[False, True], ignore_index=True)


def variant_table(df: pd.DataFrame) -> pd.DataFrame:
    """Misspelt forms (class ``variant``): ``variant``, ``canonical``, ``speeches`` (sorted ids), ``count``."""
    part = df[df["cls"] == "variant"]
    rows = []
    for (phrase, canonical), g in part.groupby(["phrase", "canonical"], sort=False):
        rows.append({"variant": phrase, "canonical": canonical, "speeches": sorted(set(g["speech"])),
                     "count": len(g)})
    return pd.DataFrame(rows, columns=["variant", "canonical", "speeches", "count"])


def cloud_frequencies(matches: Sequence[PhraseMatch]) -> tuple[dict[str, int], dict[str, str]]:
    """Word-cloud frequencies of one speech's matches and the class of each word.

    A misspelt idiom is drawn in its misspelt form (so it can be seen); every other match under its canonical form.
    """
    freqs: dict[str, int] = {}
    classes: dict[str, str] = {}
    for m in matches:
        word = m.phrase if m.cls == "variant" else m.canonical
        freqs[word] = freqs.get(word, 0) + 1
        classes.setdefault(word, m.cls)
    return freqs, classes
