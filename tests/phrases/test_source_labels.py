"""Every reason a detector gives for a match has a label in both languages (no raw code in the Chinese UI)."""
import re
from pathlib import Path

from analysis.ingest.corpus import load_default_corpus
from analysis.phrases.document import analyse
from analysis.phrases.registry import KINDS, SOURCE_LABELS, detect_all
from tests.gold import NATIONAL_YEARS, national_text

PHRASES = Path(__file__).resolve().parents[2] / "analysis" / "phrases"


def test_every_source_named_in_the_detectors_has_a_label():
    named = set()
    for path in PHRASES.glob("*.py"):
        named |= set(re.findall(r'"((?:grammar|rule|list):[a-z-]+)"', path.read_text(encoding="utf-8")))
    assert {"grammar:basic-set", "grammar:zi", "grammar:articles", "grammar:da"} <= named
    assert sorted(named - set(SOURCE_LABELS)) == []


def test_every_source_found_on_real_text_has_a_label():
    texts = [s.text for s in load_default_corpus()]
    texts += [national_text(split, year) for split, years in NATIONAL_YEARS.items() for year in years]
    sources = {m.source for text in texts for matches in detect_all(analyse(text), kinds=KINDS).values()
               for m in matches if m.source}
    assert {"kb", "xinhua", "set_phrases", "grammar:basic-set"} <= sources
    assert sorted(sources - set(SOURCE_LABELS)) == []
