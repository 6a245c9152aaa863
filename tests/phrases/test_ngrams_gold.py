"""Recurrent n-grams against the hand-annotated gold standard in fixtures/ngrams_gold.tsv.

The fixture has two sections: the gold list of recurrent set phrases (for recall) and the hand-judged head of the
log-likelihood ranking (for precision of the top 40).
"""
import csv

import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.phrases.ngrams import recurrent_ngrams
from analysis.text.segment import segment
from tests.paths import FIXTURES

GOLD = FIXTURES / "ngrams_gold.tsv"
SECTION_HEADERS = ("phrase\t", "rank\t")
COPIED_SPEECHES = {2, 3, 4}  # three versions of one speech


def read_sections(path):
    """Rows of each section, keyed by the name of the section's first column."""
    sections, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith(SECTION_HEADERS):
            current = [line]
            sections[line.split("\t")[0]] = current
        else:
            current.append(line)
    return {name: list(csv.DictReader(lines, delimiter="\t")) for name, lines in sections.items()}


@pytest.fixture(scope="module")
def fixture_rows():
    sections = read_sections(GOLD)
    gold = [dict(r, occurrences=int(r["occurrences"]), speeches={int(s) for s in r["speeches"].split(",")})
            for r in sections["phrase"]]
    judged = {r["ngram"]: int(r["genuine"]) for r in sections["rank"]}
    return gold, judged


@pytest.fixture(scope="module")
def corpus():
    speeches = load_default_corpus()
    lex = load_lexicon()
    return speeches, [segment(sp.text, lexicon=lex) for sp in speeches]


@pytest.fixture(scope="module")
def rankings(corpus):
    _, segs = corpus
    return {m: recurrent_ngrams(segs, measure=m) for m in ("llr", "pmi")}


def test_gold_counts_match_the_text(corpus, fixture_rows):
    speeches, _ = corpus
    gold, _ = fixture_rows
    assert len(gold) == len({r["phrase"] for r in gold}) == 125
    for r in gold:
        per = {sp.id: sp.text.count(r["phrase"]) for sp in speeches}
        assert sum(per.values()) == r["occurrences"] >= 3, r["phrase"]
        assert {i for i, c in per.items() if c} == r["speeches"], r["phrase"]
        assert len(r["speeches"]) >= 2


def test_gold_phrases_are_several_tokens(corpus, fixture_rows):
    speeches, segs = corpus
    gold, _ = fixture_rows
    for r in gold:
        phrase = r["phrase"]
        for sp, seg in zip(speeches, segs):
            k = sp.text.find(phrase)
            while k >= 0:
                end = k + len(phrase)
                covering = [s for tok, s in zip(seg.tokens, seg.starts) if s < end and s + len(tok) > k]
                assert len(covering) >= 2, (phrase, sp.id, k)
                k = sp.text.find(phrase, k + 1)


def found_in(phrase: str, reported: set[str]) -> bool:
    """A gold phrase surfaces when it is reported, or inside a longer reported n-gram (卓有成效的工作 inside
    大量卓有成效的工作: the ranking keeps the longer one when both recur equally often)."""
    return any(phrase in g for g in reported)


def test_recall_at_least_090(fixture_rows, rankings):
    gold, _ = fixture_rows
    # Both measures rank the same candidates: the thresholds decide recall, the measure only the order.
    assert set(rankings["llr"].ngram) == set(rankings["pmi"].ngram)
    reported = set(rankings["llr"].ngram)
    # A set phrase recurs in independent text. Rows found only in speeches 2-4 recur by copying (three versions of
    # one speech), which the ranking deliberately does not count as recurrence, so they are not expected here.
    independent = [r["phrase"] for r in gold if not r["speeches"] <= COPIED_SPEECHES]
    assert len(independent) == 30
    missed = [p for p in independent if not found_in(p, reported)]
    recall = 1 - len(missed) / len(independent)
    assert recall >= 0.9, (recall, missed)
    # The two misses, explained in the fixture: jieba splits one 抓好落实 as 继续抓好|落实, and one 文化旅游 sits in
    # 文化旅游节 (文化|旅游节), so neither recurs in two independent places as the same tokens.
    assert sorted(missed) == ["抓好落实", "文化旅游"]


def test_copied_text_does_not_count_as_recurrence(rankings):
    llr = rankings["llr"]
    # 一番寒 (from a saying quoted in all three versions of one speech) occurs 3 times, but only once independently.
    assert "一番寒" not in set(llr.ngram)
    row = llr[llr.ngram == "领导干部"].iloc[0]
    assert (row.freq, row.independent, row.docs) == (18, 9, 5)


def test_judged_wrong_items_are_not_in_the_gold(fixture_rows):
    gold, judged = fixture_rows
    assert not {g for g, v in judged.items() if not v} & {r["phrase"] for r in gold}


def test_precision_at_least_090(fixture_rows, rankings):
    _, judged = fixture_rows
    reported = list(rankings["llr"].ngram)
    assert len(reported) == 43
    # An item not judged yet counts as wrong, so a changed ranking fails until it is judged again.
    wrong = [g for g in reported if judged.get(g, 0) != 1]
    precision = 1 - len(wrong) / len(reported)
    assert precision >= 0.9, (precision, wrong)
    assert set(wrong) == {"加快布局", "加强政府", "赶超势头"}
