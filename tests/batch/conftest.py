"""Helpers of the batch-store tests: the in-memory answers the store must reproduce."""
from collections import Counter

import pandas as pd
import pytest

from analysis.batch.store import speech_id
from analysis.phrases.document import Document
from analysis.phrases.registry import KINDS, detect_all
from analysis.text.counts import term_counts, term_table, top_terms
from analysis.text.segment import segment


class Reference:
    """Single-process results of a list of speeches: segmentations, count tables, phrase rows."""

    def __init__(self, speeches, lexicon):
        self.speeches = list(speeches)
        self.lexicon = lexicon
        self.segs = {sp.id: segment(sp.text, lexicon=lexicon) for sp in self.speeches}
        self.found = {sp.id: detect_all(Document(sp.text, self.segs[sp.id], lexicon), KINDS) for sp in self.speeches}
        self.store_id = {sp.id: speech_id(sp.digest) for sp in self.speeches}

    def term_table(self, *, top: int | None = None, **filters) -> pd.DataFrame:
        """:func:`term_table` (its ``top`` terms of each speech with ``top``), speeches named by store id."""
        df = term_table(self.speeches, self.segs, **filters)
        if top is not None:
            df = top_terms(df, top=top)
        df["speech"] = df["speech"].map(self.store_id)
        return df

    def counts(self) -> dict[int, Counter]:
        return {sp.id: term_counts(self.segs[sp.id])[0] for sp in self.speeches}

    def totals(self) -> dict[int, int]:
        return {sp.id: len(self.segs[sp.id].words()) for sp in self.speeches}

    def phrase_rows(self, kind: str) -> list[dict]:
        """The rows of the ``phrases`` subcommand (speech ids as in the store)."""
        rows = []
        for sp in self.speeches:
            groups: dict = {}
            for m in self.found[sp.id][kind]:
                key = (m.phrase, m.canonical, m.cls)
                row = groups.get(key)
                if row is None:
                    row = groups[key] = {"speech": self.store_id[sp.id], "kind": m.kind, "phrase": m.phrase,
                                         "canonical": m.canonical, "class": m.cls, "count": 0, "gloss": m.gloss,
                                         "members": list(m.members), "first_offset": m.start,
                                         "source": getattr(m, "source", "")}
                row["count"] += 1
            rows += sorted(groups.values(), key=lambda r: (-r["count"], r["first_offset"]))
        return rows


def same_frames(a: pd.DataFrame, b: pd.DataFrame, columns, *, float_columns=()) -> None:
    assert len(a) == len(b)
    for c in columns:
        assert list(a[c].astype(str)) == list(b[c].astype(str)), c
    for c in float_columns:
        assert (a[c].to_numpy(dtype=float) - b[c].to_numpy(dtype=float)).__abs__().max(initial=0) < 1e-6, c


@pytest.fixture
def reference_cls():
    return Reference
