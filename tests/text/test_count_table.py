"""Counting speech by speech into compact tables gives the counts of the table built from every segmentation."""
from analysis.ingest.corpus import load_default_corpus
from analysis.pipeline import count_table, iter_counts, segment_all
from analysis.store.cache import SegmentCache
from analysis.text.counts import term_counts, term_table, top_terms
from analysis.text.lexicon import load_lexicon
from analysis.text.stopwords import load_builtin


def _reference(speeches, lexicon, **filters):
    top = filters.pop("top")
    table = top_terms(term_table(speeches, segment_all(speeches, lexicon=lexicon), **filters), top=top)
    return [{"speech": int(r.speech), "term": r.term, "count": int(r.count), "per_10k": float(r.per_10k),
             "tag": r.tag} for r in table.itertuples()]


def test_top_terms_equal_the_pandas_table():
    speeches, lexicon = load_default_corpus(), load_lexicon()
    table = count_table(speeches, lexicon=lexicon)
    for filters in ({"top": 20, "stopwords": load_builtin("general")}, {"top": 500, "min_len": 2},
                    {"top": 3, "stopwords": ["发展", "工作"]}):
        assert table.top(**filters) == _reference(speeches, lexicon, **dict(filters))


def test_compact_rows_hold_every_count():
    speeches, lexicon = load_default_corpus(), load_lexicon()
    table = count_table(speeches, lexicon=lexicon)
    segs = segment_all(speeches, lexicon=lexicon)
    assert len(table) == 5 and len(set(table.terms)) == len(table.terms)
    for k, sp in enumerate(speeches):
        counts, tags = term_counts(segs[sp.id])
        assert table.counter(k) == counts
        assert table.words[k] == sum(counts.values())
        ids, _ = table.rows(k)
        assert str(ids.dtype) == "int32"
        assert all(table.tag(k, i) == tags[table.terms[i]] for i in ids.tolist())


def test_counts_are_stored_and_read_back(tmp_path):
    speeches, lexicon = load_default_corpus()[:3], load_lexicon()
    cache = SegmentCache(tmp_path / "c.sqlite")
    first = [(sp.id, c, t) for sp, c, t in iter_counts(speeches, lexicon=lexicon, cache=cache)]
    reopened = SegmentCache(tmp_path / "c.sqlite")
    assert reopened.stats()["segmentations"] == 3
    assert all(reopened.get_counts(sp.digest, lexicon) is not None for sp in speeches)
    again = [(sp.id, c, t) for sp, c, t in iter_counts(speeches, lexicon=lexicon, cache=reopened)]
    assert again == first
