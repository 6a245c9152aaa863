"""Reading the hand-annotated fixtures in tests/fixtures/ and scoring a detector against them."""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def read_gold(path: Path) -> list[dict]:
    """Rows of a TSV fixture (``#`` lines are notes); ``speech`` and ``count`` as integers when present."""
    lines = [ln for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for r in rows:
        for key in ("speech", "count"):
            if key in r:
                r[key] = int(r[key])
    return rows


def precision_recall(predicted: Counter, gold: Counter) -> tuple[float, float]:
    """Occurrence-level precision and recall of two multisets of items."""
    hits = sum((predicted & gold).values())
    return hits / sum(predicted.values()), hits / sum(gold.values())


def gold_counts(path: Path) -> Counter:
    """Occurrences per (speech, phrase, canonical, class) of a fixture with those columns."""
    return Counter({(r["speech"], r["phrase"], r["canonical"], r["class"]): r["count"] for r in read_gold(path)})


def detected_counts(detect, speeches) -> Counter:
    """The same key for what ``detect`` finds in each speech."""
    found: Counter = Counter()
    for s in speeches:
        for m in detect(s.text):
            found[(s.id, m.phrase, m.canonical, m.cls)] += 1
    return found


def text_detector(kind: str):
    """``detect(text, *, lexicon=None, **options)`` for one phrase kind over a plain text: the text is analysed
    with ``lexicon`` (the shipped one by default) and the kinds it needs are detected first, as the pipeline does."""
    from analysis.phrases import registry
    from analysis.phrases.document import analyse

    def detect(text: str, *, lexicon=None, **options):
        doc = analyse(text, lexicon=lexicon)
        found = {need: registry.detect(need, doc) for need in registry.REGISTRY[kind].needs}
        return registry.detector(kind)(doc, found=found, **options)
    return detect
