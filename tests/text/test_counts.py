import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.pipeline import segment_all
from analysis.text.counts import overview_table, pivot_terms, term_table, top_terms


@pytest.fixture(scope="module")
def corpus():
    speeches = load_default_corpus()
    return speeches, segment_all(speeches, lexicon=load_lexicon())


def test_overview_figures(corpus):
    ov = overview_table(*corpus)
    assert list(ov.han_chars) == [2962, 2269, 2680, 2656, 6987]
    assert list(ov.placeholders) == [10, 31, 24, 0, 56]
    assert list(ov.tokens) == [1609, 1223, 1433, 1414, 3579]
    assert list(ov.sentences) == [62, 64, 77, 75, 227]
    # 20XX, XXX, XX mask more than one character each.
    assert list(ov.masked_chars) == [10, 45, 31, 0, 56]
    assert ov.loc[1, "mean_sentence_len"] == round(2269 / 64, 1)


def test_filters(corpus):
    speeches, segs = corpus
    full = term_table(speeches, segs)
    assert full[(full.speech == 1) & (full.term == "的")]["count"].item() == 87
    long = term_table(speeches, segs, min_len=3)
    assert long.term.str.len().min() == 3
    frequent = term_table(speeches, segs, min_count=5)
    assert frequent["count"].min() == 5
    nouns = term_table(speeches, segs, pos=["noun"])
    assert set(nouns.pos) == {"noun"} and "产业" in set(nouns.term) and "推进" not in set(nouns.term)
    idioms = term_table(speeches, segs, pos=["idiom"])
    assert "只争朝夕" in set(idioms.term)


def test_per_10k_and_top(corpus):
    speeches, segs = corpus
    table = term_table(speeches, segs, min_len=2)
    row = table[(table.speech == 5) & (table.term == "发展")].iloc[0]
    assert row["count"] == 50 and row.per_10k == round(50 * 10000 / 8269, 2)
    top = top_terms(table, top=3)
    assert list(top[top.speech == 5].term) == ["发展", "工作", "政府"]
    wide = pivot_terms(table, top=5)
    assert list(wide.columns) == [1, 2, 3, 4, 5] and wide.index[0] == "工作"
    assert wide.loc["工作"].tolist() == [47, 8, 13, 13, 44]


def test_vectorised_filtering_equals_the_plain_table(corpus):
    from analysis.text.counts import counts_frame, filter_terms, term_counts
    from analysis.text.stopwords import load_builtin
    speeches, segs = corpus
    counts = {s.id: term_counts(segs[s.id]) for s in speeches}
    frame = counts_frame(speeches, counts)
    for opts in ({}, {"stopwords": load_builtin("general"), "min_len": 2},
                 {"pos": ["noun", "idiom"], "min_count": 2}, {"stopwords": ["工作", "发展"], "min_len": 3}):
        plain = term_table(speeches, segs, **opts)
        fast = filter_terms(frame, **opts).astype({"term": str, "tag": str, "pos": str, "title": str})
        assert plain.to_dict("records") == fast.to_dict("records")
    only = filter_terms(frame, speech_ids=[2, 4])
    assert set(only.speech) == {2, 4}
