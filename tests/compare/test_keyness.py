import math

import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.compare.keyness import (adjust_pvalues, chi2_sf_1df, counts_by_speech, keyness, keyness_by_speech,
                              log_likelihood, log_ratio, two_speech_table)
from analysis.text.lexicon import load_lexicon
from analysis.pipeline import segment_all
from analysis.text.counts import term_table, term_counts
from analysis.text.stopwords import load_builtin


@pytest.fixture(scope="module")
def corpus():
    speeches = load_default_corpus()
    return speeches, segment_all(speeches, lexicon=load_lexicon())


def test_g2_worked_example_equal_corpora():
    # a=10, b=2 in two corpora of 1000 tokens: E = 12*1000/2000 = 6 for the term cells, 1988*1000/2000 = 994
    # for the other-token cells.
    by_hand = 2 * (10 * math.log(10 / 6) + 2 * math.log(2 / 6) + 990 * math.log(990 / 994)
                   + 998 * math.log(998 / 994))
    assert log_likelihood(10, 2, 1000, 1000) == pytest.approx(by_hand, rel=1e-12)
    assert log_likelihood(10, 2, 1000, 1000) == pytest.approx(5.8543, abs=1e-4)


def test_g2_worked_example_zero_cell_and_unequal_sizes():
    # a=5, b=0, N1=1000, N2=3000: E_a = 5*1000/4000 = 1.25, E_c = 3995*1000/4000 = 998.75,
    # E_d = 3995*3000/4000 = 2996.25; the b cell (observed 0) contributes nothing.
    by_hand = 2 * (5 * math.log(5 / 1.25) + 995 * math.log(995 / 998.75) + 3000 * math.log(3000 / 2996.25))
    assert log_likelihood(5, 0, 1000, 3000) == pytest.approx(by_hand, rel=1e-12)
    # Same relative frequency on both sides: no evidence at all.
    assert log_likelihood(3, 9, 1000, 3000) == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError):
        log_likelihood(11, 0, 10, 10)


def test_p_value_of_chi_square_1df():
    assert chi2_sf_1df(3.841458820694124) == pytest.approx(0.05, rel=1e-9)
    assert chi2_sf_1df(6.634896601021214) == pytest.approx(0.01, rel=1e-9)
    assert chi2_sf_1df(0.0) == 1.0


def test_log_ratio_worked_examples():
    assert log_ratio(10, 2, 1000, 1000) == pytest.approx(math.log2(5))
    # Zero reference count replaced by 0.5: (5/1000) / (0.5/3000) = 30.
    assert log_ratio(5, 0, 1000, 3000) == pytest.approx(math.log2(30))
    assert log_ratio(0, 4, 2000, 1000) == pytest.approx(math.log2((0.5 / 2000) / (4 / 1000)))


def test_corrections_worked_example():
    ps = [0.01, 0.04, 0.03, 0.005]
    # BH: sorted 0.005, 0.01, 0.03, 0.04 -> 0.005*4/1, 0.01*4/2, 0.03*4/3, 0.04*4/4, then running minimum from top.
    assert adjust_pvalues(ps, method="bh") == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert adjust_pvalues(ps, method="bonferroni") == pytest.approx([0.04, 0.16, 0.12, 0.02])
    assert adjust_pvalues([0.3, 0.6], method="bonferroni") == [0.6, 1.0]
    assert adjust_pvalues(ps, method="none") == ps
    with pytest.raises(ValueError):
        adjust_pvalues(ps, method="holm")


def test_keyness_table_signs_filter_and_correction():
    target = {"发展": 10, "改革": 2, "稀有": 1}
    reference = {"发展": 2, "改革": 10, "稳定": 5}
    df = keyness(target, reference, target_total=1000, reference_total=1000, min_freq=2)
    assert set(df.term) == {"发展", "改革", "稳定"}  # 稀有 (1 in all) filtered out
    row = df.set_index("term").loc["发展"]
    assert row["sign"] == "+" and row["count"] == 10 and row["rest_count"] == 2
    assert row["g2"] == pytest.approx(log_likelihood(10, 2, 1000, 1000))
    assert df.set_index("term").loc["改革", "sign"] == "-"
    # Three tests, Bonferroni multiplies by three.
    bonf = keyness(target, reference, target_total=1000, reference_total=1000, min_freq=2,
                   correction="bonferroni").set_index("term")
    assert bonf.loc["稳定", "p"] == pytest.approx(min(1.0, 3 * bonf.loc["稳定", "p_raw"]))
    assert list(df.g2) == sorted(df.g2, reverse=True)


def test_phrase_counters_work_too():
    df = keyness({"稳中求进": 4}, {"稳中求进": 1, "以人民为中心": 6}, target_total=200, reference_total=400)
    assert df.set_index("term").loc["以人民为中心", "count"] == 0
    assert df.set_index("term").loc["以人民为中心", "log_ratio"] == pytest.approx(math.log2((0.5 / 200) / (6 / 400)))


def test_each_speech_against_the_rest(corpus):
    speeches, segs = corpus
    counts = counts_by_speech(term_table(speeches, segs, stopwords=load_builtin("general")))
    totals = {sp.id: len(segs[sp.id].words()) for sp in speeches}
    table = keyness_by_speech(counts, totals=totals, min_freq=3)
    top5 = table[(table.speech == 5) & (table.sign == "+")].iloc[0]
    # 增长 (growth) belongs to the work-report speech alone.
    assert (top5.term, top5["count"], top5.rest_count) == ("增长", 30, 0)
    rest = sum(totals.values()) - totals[5]
    assert top5.g2 == pytest.approx(log_likelihood(30, 0, totals[5], rest))
    # Speech 4 names the city that 2 and 3 mask.
    s4 = table[table.speech == 4].set_index("term")
    assert s4.loc["吉安", "count"] == 3 and s4.loc["吉安", "sign"] == "+"
    group = keyness_by_speech(counts, totals=totals, targets=[(2, 3, 4)], min_freq=3)
    assert set(group.speech) == {"2+3+4"}
    g = group.set_index("term")
    assert g.loc["势", "count"] == sum(counts[i]["势"] for i in (2, 3, 4))


def test_two_speech_table_snippets_use_tokens(corpus):
    speeches, segs = corpus
    a, b = speeches[0], speeches[4]
    ca, _ = term_counts(segs[1])
    cb, _ = term_counts(segs[5])
    t = two_speech_table(ca, cb, chars_a=len(a.text), chars_b=len(b.text), text_a=a.text, text_b=b.text,
                         seg_a=segs[1], seg_b=segs[5]).set_index("term")
    assert t.loc["增长", "side"] == "b" and t.loc["增长", "count_a"] == 0 and t.loc["增长", "snippet_a"] == ""
    assert t.loc["落实", "side"] == "a"
    snip = t.loc["干", "snippet_a"]
    assert "【干】" in snip and not snip.split("【干】")[1].startswith("部")
