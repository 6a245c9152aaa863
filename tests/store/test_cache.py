"""The persistent cache gives exactly what fresh segmentation and detection give."""
from analysis.ingest.corpus import load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.phrases.registry import KINDS
from analysis.pipeline import process_corpus
from analysis.store.cache import SegmentCache
from analysis.text.segment import segment
from analysis.text.counts import term_counts


def test_cached_and_uncached_paths_give_identical_results(tmp_path):
    speeches = load_default_corpus()
    lexicon = load_lexicon()
    fresh = process_corpus(speeches, lexicon=lexicon, workers=1)
    cache = SegmentCache(tmp_path / "cache.sqlite")
    stored = process_corpus(speeches, lexicon=lexicon, cache=cache, workers=2, min_parallel_chars=0)
    reopened = SegmentCache(tmp_path / "cache.sqlite")          # a new process would open it like this
    assert reopened.stats()["segmentations"] == 5 and reopened.stats()["phrase_sets"] == 5 * len(KINDS)
    again = process_corpus(speeches, lexicon=lexicon, cache=reopened)
    for sp in speeches:
        assert again[sp.id].segmentation == fresh[sp.id].segmentation == stored[sp.id].segmentation
        assert term_counts(again[sp.id].segmentation) == term_counts(segment(sp.text, lexicon=lexicon))
        for kind in KINDS:
            assert again[sp.id].phrases[kind] == fresh[sp.id].phrases[kind]


def test_a_different_lexicon_misses(tmp_path):
    sp = load_default_corpus()[0]
    lexicon = load_lexicon()
    cache = SegmentCache(tmp_path / "c.sqlite")
    cache.put_segmentation(sp.digest, lexicon, segment(sp.text, lexicon=lexicon))
    assert cache.get_segmentation(sp.text, sp.digest, lexicon) is not None
    assert cache.get_segmentation(sp.text, sp.digest, lexicon.with_terms(["市政府全体会议"])) is None


def test_unknown_word_tags_are_saved_and_read_back(tmp_path):
    from analysis.text import segment as seg_mod
    speeches = load_default_corpus()[:2]
    lexicon = load_lexicon()
    cache = SegmentCache(tmp_path / "t.sqlite")
    process_corpus(speeches, lexicon=lexicon, kinds=(), cache=cache, workers=1)
    saved = SegmentCache(tmp_path / "t.sqlite").get_tags()
    assert saved and all(seg_mod._UNKNOWN_TAGS[w] == t for w, t in saved.items())


def test_writes_of_one_speech_commit_together(tmp_path):
    import pytest
    sp = load_default_corpus()[0]
    lexicon = load_lexicon()
    cache = SegmentCache(tmp_path / "x.sqlite")
    with pytest.raises(RuntimeError):
        with cache.transaction():
            cache.put_segmentation(sp.digest, lexicon, segment(sp.text, lexicon=lexicon))
            raise RuntimeError("disk full")
    assert cache.get_segmentation(sp.text, sp.digest, lexicon) is None
    with cache.transaction():
        cache.put_segmentation(sp.digest, lexicon, segment(sp.text, lexicon=lexicon))
    assert SegmentCache(tmp_path / "x.sqlite").get_segmentation(sp.text, sp.digest, lexicon) is not None


def test_presence_check_does_not_read_the_segmentation(tmp_path):
    sp = load_default_corpus()[0]
    lexicon = load_lexicon()
    cache = SegmentCache(tmp_path / "h.sqlite")
    assert not cache.has_segmentation(sp.digest, lexicon)
    cache.put_segmentation(sp.digest, lexicon, segment(sp.text, lexicon=lexicon))
    assert cache.has_segmentation(sp.digest, lexicon)
    assert not cache.has_segmentation(sp.digest, lexicon.with_terms(["新词语"]))


def _compilation(tmp_path, n=6):
    paragraphs = [p for sp in load_default_corpus() for p in sp.text.split("\n")]
    parts = [f"第{i + 1}篇：讲话{i + 1}\n\n" + "\n\n".join(paragraphs[i * 5:(i + 1) * 5]) for i in range(n)]
    path = tmp_path / "many.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def test_a_parsed_file_is_read_back_not_parsed_again(tmp_path, monkeypatch):
    from analysis.ingest import loading
    path = _compilation(tmp_path)
    cache = SegmentCache(tmp_path / "cache.sqlite")
    first = loading.load_paths([str(path)], cache=cache)
    assert [sp.title for sp in first] == [f"讲话{i}" for i in range(1, 7)]

    def parse_again(*args, **kwargs):
        raise AssertionError("parsed again")
    monkeypatch.setattr(loading, "speeches_from_bytes", parse_again)
    again = loading.load_paths([str(path)], cache=SegmentCache(tmp_path / "cache.sqlite"))
    assert [sp.to_dict() for sp in again] == [sp.to_dict() for sp in first]
    assert [sp.digest for sp in again] == [sp.digest for sp in first]
    path.write_text(path.read_text(encoding="utf-8") + "\n新的一段。", encoding="utf-8")   # other bytes: a miss
    try:
        loading.load_paths([str(path)], cache=cache)
        raise RuntimeError("a changed file was not parsed")
    except AssertionError:
        pass


def test_a_damaged_parsed_entry_is_parsed_again(tmp_path):
    import sqlite3
    from analysis.ingest.loading import load_paths
    path = _compilation(tmp_path)
    cache = SegmentCache(tmp_path / "cache.sqlite")
    first = load_paths([str(path)], cache=cache)
    with sqlite3.connect(tmp_path / "cache.sqlite") as con:
        con.execute("UPDATE parsed SET blob = ?", (b"not zlib",))
    again = load_paths([str(path)], cache=SegmentCache(tmp_path / "cache.sqlite"))
    assert [sp.to_dict() for sp in again] == [sp.to_dict() for sp in first]


def test_counts_of_many_texts_in_one_query_equal_one_by_one(tmp_path):
    speeches = load_default_corpus()
    lexicon = load_lexicon()
    cache = SegmentCache(tmp_path / "cache.sqlite")
    process_corpus(speeches, lexicon=lexicon, cache=cache, workers=1)
    many = cache.get_counts_many([sp.digest for sp in speeches] + ["0" * 40], lexicon)
    assert set(many) == {sp.digest for sp in speeches}
    for sp in speeches:
        assert many[sp.digest] == cache.get_counts(sp.digest, lexicon)
        assert list(many[sp.digest][0]) == list(cache.get_counts(sp.digest, lexicon)[0])   # same order


def test_a_stored_table_comes_back_identical(tmp_path):
    from analysis.text.counts import counts_frame
    speeches = load_default_corpus()
    lexicon = load_lexicon()
    frame = counts_frame(speeches, {sp.id: term_counts(segment(sp.text, lexicon=lexicon)) for sp in speeches})
    cache = SegmentCache(tmp_path / "cache.sqlite")
    assert cache.get_table("corpus", lexicon, "frame") is None
    cache.put_table("corpus", lexicon, "frame", frame)
    back = SegmentCache(tmp_path / "cache.sqlite").get_table("corpus", lexicon, "frame")
    assert back.equals(frame) and list(back.dtypes) == list(frame.dtypes)
    assert list(back["term"].cat.categories) == list(frame["term"].cat.categories)
