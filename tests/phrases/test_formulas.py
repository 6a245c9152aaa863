from collections import Counter

import pytest

from tests.gold import read_gold

from analysis.ingest.corpus import load_default_corpus
from analysis.phrases.formulas import find_in_text, load_formulas, load_knowledge_base
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
    # 城市双修 (生态修复、城市修补) in speeches 2 and 4, found by the second reading
    assert {sid: len(ms) for sid, ms in found.items()} == {1: 2, 2: 10, 3: 7, 4: 10, 5: 14}
    assert [m.source for m in found[2] if m.canonical == "城市双修"] == ["kb"]
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


@pytest.mark.parametrize("text, want", [
    # the grammar: a predicate or an abstract noun after the classifier names a set
    ("严格执行五个不准。", [("五个不准", "grammar:verbal-head")]),
    ("调动两个积极性。", [("两个积极性", "kb")]),
    ("培育六大产业集群，坚持1+N政策体系，推进“双碳”工作。",
     [("六大产业集群", "grammar:da"), ("1+N", "grammar:plus"), ("双碳", "grammar:quoted")]),
    # plans: the name only, written out or short; never a number
    ("编制十四五规划纲要，实施“十五”计划，十五年来，第十个五年计划。",
     [("十四五", "kb"), ("十五", "kb"), ("第十个五年计划", "kb")]),
    # congress ordinals, counts that sum up a list, ordinals, amounts and names are not formulas
    ("党的十八大以来，十九大精神，三年行动，5个百分点，第三个代表，京汉和粤汉两大铁路干线，这两大比例关系，"
     "九二共识，一把手，两个决定，五项要求，“三年”，“七一”讲话。", []),
    # a formula inside a quoted list is a formula; a two-part formula written as one list is one formula
    ("坚持“一国两制”、“港人治港”，统筹两个市场、两种资源。", [("一国两制", "kb"), ("两个市场、两种资源", "kb")]),
    # a fixed set called basic, a guideline named by its characters, a document named by its articles — even
    # right after its items are listed; the same shapes with an ordinal or an ordinary head are not formulas
    ("坚持公正、公开、公平三项基本准则，落实十六字方针，引导民间投资新36条，出台三项基本医疗保险，第三项基本原则。",
     [("三项基本准则", "grammar:basic-set"), ("十六字方针", "grammar:zi"), ("新36条", "grammar:articles")]),
    # a two-character formula as the first part of a dictionary compound counts; glued to a character it does not
    ("适应四化建设需要，实现四化，开通三通道。", [("四化", "kb"), ("四化", "kb")]),
    # formulas of Party congress reports that the national reports lack are in the knowledge base too
    ("统筹推进四个伟大，经受住四大考验，落实三会一课，坚持三大纪律、八项注意。",
     [("四个伟大", "kb"), ("四大考验", "kb"), ("三会一课", "kb"), ("三大纪律、八项注意", "kb")]),
])
def test_numeral_grammar(text, want):
    assert [(m.phrase, m.source) for m in detect(text)] == want


def test_a_synonym_without_a_numeral_is_not_a_numbered_formula():
    # 新发展理念 is the knowledge base's other name of 五大发展理念, but it has no numeral
    assert [m.phrase for m in detect("贯彻新发展理念，贯彻五大发展理念。")] == ["五大发展理念"]
    # 双创 is 大众创业、万众创新, but the written-out form has no numeral (万众 is "the masses")
    assert [m.phrase for m in detect("推动大众创业、万众创新，建设双创示范基地。")] == ["双创"]


def test_predicate_heads_name_a_set_without_the_knowledge_base(tmp_path):
    """The grammar alone, on formulas it has never been told of: an adjective standing alone after the classifier
    names a set, one that modifies a following noun or stands for "differences" counts; a negated verb that the HMM
    made one word is a predicate head."""
    empty = tmp_path / "formulas.tsv"
    empty.write_text("formula\tvariants\tgloss\tfirst_year\tlast_year\treports\tscope\tnote\n", encoding="utf-8")
    text = "统筹推进四个伟大。全面把握八个明确，有三个不同。两个重要方面，五个最大的煤矿，做到四个不摘，"
    assert [(m.phrase, m.source) for m in find_in_text(text, kb_path=empty)] == [
        ("四个伟大", "grammar:verbal-head"), ("八个明确", "grammar:verbal-head"), ("四个不摘", "grammar:verbal-head")]


def test_glosses_follow_the_era_of_a_wording():
    kb = load_knowledge_base()
    assert "2017" in kb["两步走"].gloss and "1982" in kb["两步走"].gloss      # 十二大 and 十九大 two-step plans
    assert "两个没有变" in kb["三个没有变"].note and "2017" in kb["两个没有变"].gloss
    assert "十个明确" in kb["八个明确"].gloss


def test_every_knowledge_base_entry_is_complete():
    """A gloss for every entry; years of national use exactly when it occurs in the national reports; a scope."""
    for formula, e in load_knowledge_base().items():
        assert e.gloss and e.scope in ("national", "local"), formula
        if e.reports:
            assert e.first_year and e.last_year and 1954 <= e.first_year <= e.last_year <= 2025, formula
        else:
            assert e.first_year is None and e.last_year is None, formula
