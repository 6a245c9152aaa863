"""With custom words, every path counts phrases over the same segmentation: the CLI, the pipeline behind keyness
and similarity, and the dashboard's cached detection (the Phrases tab, Keyness, Co-occurrence and the report)."""
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.phrases.registry import KINDS
from analysis.pipeline import process_corpus
from analysis.text.lexicon import load_lexicon
from tests.paths import ROOT



def cli_counts(kind: str, words_file: Path | None) -> Counter:
    cmd = [sys.executable, "-m", "analysis", "phrases", "--kind", kind, "--format", "json"]
    if words_file:
        cmd += ["--words", str(words_file)]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return Counter({(r["speech"], r["phrase"], r["class"]): r["count"] for r in json.loads(out)})


def pipeline_counts(kind: str, lexicon) -> Counter:
    done = process_corpus(load_default_corpus(), lexicon=lexicon, kinds=(kind,), workers=1)
    return Counter((sid, m.phrase, m.cls) for sid, p in done.items() for m in p.phrases[kind])


def dashboard_counts(kind: str, lexicon) -> Counter:
    import ui.data
    return Counter((sp.id, m.phrase, m.cls) for sp in load_default_corpus()
                   for m in ui.data.phrases(sp, kind, lexicon))


@pytest.mark.parametrize("kind", ["ngram", "idiom", "pattern"])
@pytest.mark.parametrize("entry", ["面对新", "高质量/发展"])      # a word kept whole, a split rule
def test_custom_word_reaches_every_path(kind, entry, tmp_path):
    words = tmp_path / "words.txt"
    words.write_text(entry + "\n", encoding="utf-8")
    custom = load_lexicon().with_terms([entry])
    with_words = cli_counts(kind, words)
    assert with_words == pipeline_counts(kind, custom) == dashboard_counts(kind, custom)
    without = cli_counts(kind, None)
    assert without == pipeline_counts(kind, load_lexicon()) == dashboard_counts(kind, load_lexicon())
    if kind == "ngram":
        # 面对新 as one word changes which n-grams recur: the custom lexicon is really used.
        assert with_words != without


def test_every_kind_is_in_the_registry_with_labels():
    from analysis.phrases.registry import REGISTRY, detector
    for kind in KINDS:
        k = REGISTRY[kind]
        assert k.zh and k.en and callable(detector(kind))
