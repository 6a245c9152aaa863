import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.phrases.document import Document
from analysis.phrases.ngrams import detect as detect_doc, recurrent_ngrams
from analysis.text.segment import segment


def detect(text, *, tokens, **options):
    return detect_doc(Document(text, tokens, load_lexicon()), **options)


@pytest.fixture(scope="module")
def corpus():
    speeches = load_default_corpus()
    lex = load_lexicon()
    return speeches, [segment(sp.text, lexicon=lex) for sp in speeches]


def test_detect_counts_recurrent_phrases_in_one_speech(corpus):
    speeches, segs = corpus
    ms = detect(speeches[0].text, tokens=segs[0])
    counts = {}
    for m in ms:
        counts[m.phrase] = counts.get(m.phrase, 0) + 1
        assert speeches[0].text[m.start:m.end] == m.phrase and m.kind == "ngram"
    # 各项工作 occurs 8 times; 4 of them sit inside the longer recurrent 推进各项工作 / 推动各项工作.
    assert speeches[0].text.count("各项工作") == 8
    assert (counts["各项工作"], counts["推进各项工作"], counts["推动各项工作"]) == (4, 2, 2)
    assert speeches[0].text.count("协调配合") == 5
    assert (counts["协调配合"], counts["之间的协调配合"]) == (2, 3)
    # No occurrence lies inside another reported one.
    assert not any(a is not b and a.start <= b.start and b.end <= a.end for a in ms for b in ms)
    assert all(c >= 2 for c in counts.values())
    assert not any(p.endswith("的") or "，" in p for p in counts)


def test_recurrent_ngrams_pmi_and_llr(corpus):
    _, segs = corpus
    pmi = recurrent_ngrams(segs, min_freq=3, measure="pmi", collapse_copies=False)
    assert list(pmi.columns) == ["ngram", "tokens", "n", "freq", "independent", "docs", "score"]
    assert (pmi["independent"] >= 3).all() and (pmi["docs"] >= 2).all()
    assert pmi["score"].is_monotonic_decreasing
    # From a sentence in all three versions of one speech: recurrent only when copies count.
    assert "世界面临百年未有" in set(pmi["ngram"])
    assert "世界面临百年未有" not in set(recurrent_ngrams(segs, min_freq=3, measure="pmi").ngram)
    llr = recurrent_ngrams(segs, min_freq=3, measure="llr")
    assert llr.iloc[0]["ngram"] == "领导干部" and int(llr.iloc[0]["freq"]) == 18
    assert not llr["ngram"].str.contains("X|×|\\*").any()


def test_bad_measure():
    with pytest.raises(ValueError):
        recurrent_ngrams([], measure="dice")
