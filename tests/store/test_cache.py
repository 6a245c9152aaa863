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
