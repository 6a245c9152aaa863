"""What every panel receives: the processed data of one rerun (spacy-streamlit style: panels take data)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from analysis.ingest.corpus import Speech
from analysis.text.lexicon import Lexicon
from ui.sidebar import Settings


@dataclass
class Ctx:
    """One rerun's data.

    ``speeches`` are the selected speeches, ``all_speeches`` every loaded one; ``names`` and ``legend`` map id to the
    short distinct label (``#3 牢记嘱托再出发``, :mod:`analysis.ingest.labels`); ``counts`` holds each selected speech's cached
    ``(Counter, tags)``; ``terms`` is the filtered long term table (:func:`analysis.text.counts.term_table`).
    Segmentations and phrase matches come from the cached functions in :mod:`ui.data`.
    """
    speeches: list[Speech]
    all_speeches: list[Speech]
    names: dict[int, str]
    legend: dict[int, str]
    lexicon: Lexicon
    settings: Settings
    counts: dict[int, tuple[Counter, dict]]
    terms: pd.DataFrame
    overview: pd.DataFrame | None = None
