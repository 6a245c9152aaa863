from collections import Counter

import pytest

from tests.gold import read_gold

from analysis.ingest.corpus import load_default_corpus
from analysis.phrases.formulas import load_formulas
from tests.gold import text_detector
from tests.paths import FIXTURES

detect = text_detector("formula")

GOLD = FIXTURES / "formulas_gold.tsv"


@pytest.fixture(scope="module")
def found():
    return {sp.id: detect(sp.text) for sp in load_default_corpus()}


def test_precision_recall_at_least_090(found):
    gold = read_gold(GOLD)
    want = Counter({(r["speech"], r["surface"]): r["count"] for r in gold})
    got = Counter((sid, m.phrase) for sid, ms in found.items() for m in ms)
    tp = sum((want & got).values())
    precision, recall = tp / sum(got.values()), tp / sum(want.values())
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
    labels = {(r["speech"], r["surface"]): (r["canonical"], r["class"]) for r in gold}
    pairs = [(labels[(sid, m.phrase)], (m.canonical, m.cls)) for sid, ms in found.items() for m in ms
             if (sid, m.phrase) in labels]
    assert sum(a == b for a, b in pairs) / len(pairs) >= 0.9


def test_exact_counts(found):
    assert {sid: len(ms) for sid, ms in found.items()} == {1: 2, 2: 9, 3: 7, 4: 9, 5: 14}
    c5 = Counter(m.canonical for m in found[5])
    assert c5["三大要务"] == 2 and c5["十件大事"] == 2 and c5["六大产业集群"] == 2


def test_masked_forms(found):
    masked = [m for m in found[2] if m.cls == "masked"]
    assert [(m.phrase, m.canonical) for m in masked][0] == ("四个意X", "四个意识")
    assert masked[0].gloss.startswith("政治意识")
    assert masked[1].phrase == "XX五" and "十三五" in masked[1].canonical.split("/")


def test_ordinary_counting_is_not_a_formula():
    text = "一个人、两个月、三个方面，我们有三块牌子，这是第三大问题，一大批企业，三年行动。"
    assert detect(text) == []


def test_known_formula_unquoted_and_gloss():
    ms = detect("坚持四个自信，落实六稳工作，打好三大攻坚战。")
    assert [(m.phrase, m.cls) for m in ms] == [("四个自信", "known"), ("六稳", "known"), ("三大攻坚战", "known")]
    assert all(m.gloss for m in ms)


def test_lexicon_has_glosses():
    lex = load_formulas()
    assert len(lex) >= 30 and all(lex.values())
