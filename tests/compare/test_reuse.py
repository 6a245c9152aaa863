
import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.text.normalize import count_han
from analysis.compare.reuse import (WILDCARD, DIFF_OPS, comparison_units, diff_summary, diff_texts, reuse_pairs,
                            reuse_share, shared_passages)


@pytest.fixture(scope="module")
def speeches():
    return load_default_corpus()


def test_comparison_units_keep_han_and_collapse_placeholders():
    text = "以XXX视察20XX周年，推进“1+5”建设。"
    units, spans = comparison_units(text)
    assert units == f"以{WILDCARD}视察{WILDCARD}周年推进建设"
    assert text[slice(*spans[1])] == "XXX" and text[slice(*spans[4])] == "20XX"
    assert all(text[s:e] == u for u, (s, e) in zip(units, spans) if u != WILDCARD)


def test_passage_survives_masking_and_punctuation():
    a = "吉安作为欠发达地区，更需要巧借外力促发展。要借优惠政策之势，以总书记视察三周年为契机。"
    b = "X作为欠发达地区,更需要巧借外力促发展;要借优惠政策之势,以XXX视察X周年为契机!"
    (p,) = shared_passages(a, b)
    assert p.text_a == a[:-1] and p.text_b.startswith("X作为") and p.text_b.endswith("契机")
    assert reuse_share(a, [(p.a_start, p.a_end)]) == 1.0


def test_unrelated_texts_share_nothing():
    a = "今天，我们召开全体会议，主要任务是贯彻落实全会精神，分解落实重点工作。"
    b = "过去一年，全市经济运行稳中有进，工业经济快速发展，财政收入持续增长。"
    assert shared_passages(a, b) == []
    assert reuse_share(a, []) == 0.0


def test_reuse_on_the_corpus(speeches):
    rows = {(r["a"], r["b"]): r for r in reuse_pairs(speeches)}
    assert len(rows) == 10
    # 2, 3 and 4 are versions of one speech; 3 has its own opening, 4 names the city 2 and 3 mask.
    assert (rows[(2, 3)]["reuse_a"], rows[(2, 3)]["reuse_b"]) == (0.9427, 0.803)
    assert (rows[(2, 4)]["reuse_a"], rows[(2, 4)]["reuse_b"]) == (0.9771, 0.8513)
    assert (rows[(3, 4)]["reuse_a"], rows[(3, 4)]["reuse_b"]) == (0.9433, 0.9627)
    # 1 and 5 share no passage of 16 characters with anything.
    for (a, b), r in rows.items():
        if 1 in (a, b) or 5 in (a, b):
            assert (r["passages"], r["reuse_a"], r["reuse_b"]) == (0, 0.0, 0.0)


def test_passages_map_back_to_the_texts(speeches):
    a, b = speeches[2], speeches[3]
    ps = shared_passages(a.text, b.text)
    assert len(ps) == 6
    for p in ps:
        assert a.text[p.a_start:p.a_end] == p.text_a and b.text[p.b_start:p.b_end] == p.text_b
    spans_a = sorted((p.a_start, p.a_end) for p in ps)
    assert all(x[1] <= y[0] for x, y in zip(spans_a, spans_a[1:]))  # no overlap
    # The masked city X aligns with 吉安 inside one passage.
    assert any("X作为欠发达地区" in p.text_a and "吉安作为欠发达地区" in p.text_b for p in ps)
    # 3's own opening is not shared with 4.
    assert not any("牢记嘱托再出发" in p.text_a for p in ps)


def test_diff_tiles_both_texts_and_is_data(speeches):
    a, b = speeches[2].text, speeches[3].text
    segs = diff_texts(a, b)
    assert "".join(s.text_a for s in segs) == a and "".join(s.text_b for s in segs) == b
    assert {s.op for s in segs} <= set(DIFF_OPS)
    for s in segs:
        assert a[s.a_start:s.a_end] == s.text_a and b[s.b_start:s.b_end] == s.text_b


def test_diff_shows_masked_names_and_dropped_opening(speeches):
    s3, s4 = speeches[2].text, speeches[3].text
    segs = diff_texts(s3, s4)
    masked = [(s.text_a, s.text_b) for s in segs if s.masked]
    assert ("X", "吉安") in masked and ("X", "江西") in masked
    assert all(s.op == "replace" for s in segs if s.masked)
    dropped = [s.text_a for s in segs if s.op == "delete" and count_han(s.text_a) > 8]
    assert any("牢记嘱托再出发，感恩奋进开新局" in d for d in dropped)
    summary = diff_summary(segs, a=s3, b=s4)
    assert summary["masked"] == len(masked) == 22
    assert summary["equal_han_a"] / summary["han_a"] > 0.9
    s2 = speeches[1].text
    summary24 = diff_summary(diff_texts(s2, s4), a=s2, b=s4)
    assert summary24["masked"] == 29
    # 4's opening (thanks to the departments) is absent from 2.
    assert summary24["added_sentences"] > summary24["dropped_sentences"]


def test_identical_texts_diff_as_one_equal_segment(speeches):
    t = speeches[0].text
    segs = diff_texts(t, t)
    assert [s.op for s in segs] == ["equal"] and segs[0].text_a == t
