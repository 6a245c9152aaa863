"""The caching boundary: every expensive ``analysis`` call the dashboard makes goes through here.

Segmentation and phrase detection are cached per (text digest, lexicon digest) with ``st.cache_resource``: the
results are immutable and shared by every browser session of the process, so a sidebar change that does not alter
the text or the lexicon never segments again.
"""
from __future__ import annotations

import hashlib
import os
import threading
import sqlite3
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.compare.reuse import diff_summary, diff_texts, reuse_pairs, shared_passages
from analysis.compare.similarity import similarity_matrix
from analysis.context.cooccurrence import cooccurrence, spring_layout
from analysis.store.library import Library, open_library

import analysis.text.segment as segment_mod
from analysis.text import counts as statistics
from analysis.ingest.corpus import Speech, load_default_corpus
from analysis.text.lexicon import Lexicon, load_lexicon
from analysis.errors import InputError
from analysis.store.library import default_data_dir
from analysis.phrases import registry
from analysis.phrases.base import PhraseMatch
from analysis.phrases.document import Document
from analysis.phrases.registry import REGISTRY
from analysis.store.cache import SegmentCache
from analysis.text.stopwords import load_builtin
from analysis.charts.wordclouds import wordcloud_png
from ui.i18n import plain, tr

# Every cache here is bounded (max_entries), so memory stops growing however many visits bring new custom words
# (each is a new lexicon, so new segmentations) or new settings. The bounds are set so that normal use never
# evicts what a sidebar change needs: per-speech results for a 1,000-speech corpus with one lexicon, plus room for
# about 200 speeches more (40 visits of the five built-in speeches with their own words); corpus-wide results for
# a few corpora and lexicons; word clouds for 20 pages of 6. An evicted segmentation is read back from the
# persistent cache on disk, not segmented again.
#: Per-speech entries (segmentations, counts, overview rows); phrase matches get this many per kind.
PER_SPEECH_ENTRIES = 1200
#: Corpus-wide results (count tables, rankings, similarity, networks): a few corpora × lexicons × settings.
CORPUS_ENTRIES = 8
#: Results that depend on settings as well as the corpus (similarity, reuse, n-gram ranking, networks).
SETTING_ENTRIES = 32
#: Word-cloud images: 20 pages of 6 clouds.
CLOUD_ENTRIES = 120


@st.cache_resource(show_spinner=False, max_entries=4)
def _corpus(paths: str) -> tuple[Speech, ...]:
    if not paths:
        return tuple(load_default_corpus())
    from analysis.ingest.loading import load_paths
    # parsed once per file content: a restart on a large compilation reads its speeches from the disk cache
    return tuple(load_paths(paths.split(os.pathsep), cache=disk_cache()))


def default_corpus() -> tuple[Speech, ...]:
    """The speeches the dashboard opens on: the built-in five, or the files named in ``TIFALENS_CORPUS``
    (paths separated by the OS path separator; a compilation file is split)."""
    paths = os.environ.get("TIFALENS_CORPUS", "")
    try:
        return _corpus(paths)
    except InputError as exc:
        # A bad corpus file must not cost the user the dashboard: say why and open on the built-in speeches.
        st.error(tr(f"TIFALENS_CORPUS 中的文件无法读取：{plain(exc.message('zh'))}；已改为打开内置讲话。",
                    f"The files in TIFALENS_CORPUS could not be read: {plain(exc)}; the built-in speeches are open "
                    "instead."))
        return _corpus("")


def warm(speeches, lexicon: Lexicon, *, kinds: tuple[str, ...] = ()) -> None:
    """Segment (and detect ``kinds`` in) every speech not yet in the persistent cache, in parallel across cores.

    Large corpora are processed by worker processes up front; afterwards each speech is a cache read.
    """
    cache = disk_cache()
    if cache is None:
        return
    _warm(tuple((sp.id, sp.digest) for sp in speeches), lexicon.digest, kinds, str(default_data_dir()),
          tuple(speeches), lexicon)


@st.cache_resource(show_spinner=False, max_entries=16)
def _warm(key: tuple, lexicon_digest: str, kinds: tuple[str, ...], data_dir: str, _speeches, _lexicon) -> bool:
    from analysis.pipeline import process_corpus
    cache = _disk_cache(data_dir)
    missing = [sp for sp in _speeches if not cache.has_segmentation(sp.digest, _lexicon)]
    if len(missing) >= 8:   # below that, worker start-up costs more than it saves
        process_corpus(missing, lexicon=_lexicon, kinds=kinds, cache=_disk_cache(data_dir))
    return True


@st.cache_resource(show_spinner=False, max_entries=1)
def base_lexicon() -> Lexicon:
    return load_lexicon()


@st.cache_resource(show_spinner=False, max_entries=8)
def builtin_stopwords(name: str) -> tuple[str, ...]:
    return tuple(load_builtin(name))


@st.cache_resource(show_spinner=False, max_entries=4)
def _disk_cache(data_dir: str) -> SegmentCache | None:
    try:
        return SegmentCache(Path(data_dir) / "cache.sqlite")
    except (OSError, sqlite3.Error):
        return None  # a read-only or full disk: work from memory only


def disk_cache() -> SegmentCache | None:
    """The persistent segmentation/phrase cache next to the library (``TIFALENS_DATA_DIR`` or the user default)."""
    return _disk_cache(str(default_data_dir()))


def _through_disk(cache: SegmentCache | None, read, write, compute):
    """``read(cache)`` if the persistent cache has it, else ``compute()`` and ``write(cache, value)``.

    A failing cache (a full or read-only disk) is skipped: the value is still computed and shown.
    """
    if cache is not None:
        try:
            found = read(cache)
            if found is not None:
                return found
        except sqlite3.Error:
            cache = None
    value = compute()
    if cache is not None:
        try:
            write(cache, value)
        except sqlite3.Error:
            pass
    return value


@st.cache_resource(show_spinner=False, max_entries=PER_SPEECH_ENTRIES)
def _segmentation(digest: str, lexicon_digest: str, data_dir: str, _text: str, _lexicon: Lexicon):
    return _through_disk(_disk_cache(data_dir),
                         lambda c: c.get_segmentation(_text, digest, _lexicon),
                         lambda c, seg: c.put_segmentation(digest, _lexicon, seg),
                         lambda: segment_mod.segment(_text, lexicon=_lexicon))


def segmentation(speech: Speech, lexicon: Lexicon):
    return _segmentation(speech.digest, lexicon.digest, str(default_data_dir()), speech.text, lexicon)


@st.cache_resource(show_spinner=False, max_entries=PER_SPEECH_ENTRIES)
def _counts(digest: str, lexicon_digest: str, data_dir: str, _speech: Speech, _lexicon: Lexicon
            ) -> tuple[Counter, dict]:
    # Read from the persistent cache when there: the count views then never rebuild the segmentation.
    return _through_disk(_disk_cache(data_dir),
                         lambda c: c.get_counts(digest, _lexicon),
                         lambda c, value: c.put_counts(digest, _lexicon, *value),
                         lambda: statistics.term_counts(segmentation(_speech, _lexicon)))


def term_counts(speech: Speech, lexicon: Lexicon) -> tuple[Counter, dict]:
    return _counts(speech.digest, lexicon.digest, str(default_data_dir()), speech, lexicon)


def corpus_digest(speeches) -> str:
    """One key for a corpus: its speeches' ids, texts and titles (ids and titles may differ for the same text)."""
    h = hashlib.sha1()
    for sp in speeches:
        h.update(f"{sp.id}\x1f{sp.digest}\x1f{sp.title}\x1e".encode("utf-8"))
    return h.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=CORPUS_ENTRIES)
def _tables(key: str, lexicon_digest: str, _speeches: tuple[Speech, ...], _lexicon: Lexicon):
    # Read from the persistent cache when there (a restart then reads two Parquet blobs instead of a thousand
    # count tables); else built from the count tables and stored.
    cache = disk_cache()
    if cache is not None:
        try:
            frame, rows = cache.get_table(key, _lexicon, "frame"), cache.get_table(key, _lexicon, "overview")
            if frame is not None and rows is not None:
                return frame, rows
        except (sqlite3.Error, OSError, ValueError):
            pass
    counts = corpus_counts(_speeches, _lexicon)
    frame = statistics.counts_frame(_speeches, counts)
    rows = pd.DataFrame([_overview_row(sp, counts[sp.id][0]) for sp in _speeches])
    if cache is not None:
        try:
            with cache.transaction():
                cache.put_table(key, _lexicon, "frame", frame)
                cache.put_table(key, _lexicon, "overview", rows)
        except (sqlite3.Error, OSError, ValueError):
            pass
    return frame, rows


def corpus_tables(speeches, lexicon: Lexicon) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unfiltered term-count frame (:func:`analysis.text.counts.counts_frame`) and the overview table of all
    loaded ``speeches``, built once per corpus and lexicon."""
    speeches = tuple(speeches)
    return _tables(corpus_digest(speeches), lexicon.digest, speeches, lexicon)


def counts_frame(speeches, lexicon: Lexicon):
    """The unfiltered term-count frame of all loaded ``speeches`` (built once per corpus and lexicon)."""
    return corpus_tables(speeches, lexicon)[0]


@st.cache_resource(show_spinner=False, max_entries=CORPUS_ENTRIES)
def _bulk(key: str, lexicon_digest: str, _speeches: tuple[Speech, ...], _lexicon: Lexicon):
    # The stored count tables of the whole corpus in a few queries; only the missing ones one by one.
    cache = disk_cache()
    stored: dict = {}
    if cache is not None:
        try:
            stored = cache.get_counts_many({sp.digest for sp in _speeches}, _lexicon)
        except sqlite3.Error:
            stored = {}
    return {sp.id: stored.get(sp.digest) or term_counts(sp, _lexicon) for sp in _speeches}


def corpus_counts(speeches, lexicon: Lexicon) -> dict[int, tuple[Counter, dict]]:
    """Per-speech ``(Counter, tags)`` of all loaded ``speeches``, cached as one entry so a rerun pays one cache
    lookup instead of one per speech."""
    speeches = tuple(speeches)
    return _bulk(corpus_digest(speeches), lexicon.digest, speeches, lexicon)


class LazyCounts(Mapping):
    """The ``(Counter, tags)`` of the ``ids`` among ``speeches``, read only when a panel first asks for one (the
    first render of most tabs needs the count frame, not a thousand Counters)."""

    def __init__(self, speeches, lexicon: Lexicon, ids) -> None:
        self._speeches, self._lexicon, self._ids = tuple(speeches), lexicon, frozenset(ids)
        self._value: dict | None = None

    def _load(self) -> dict:
        if self._value is None:
            every = corpus_counts(self._speeches, self._lexicon)
            self._value = {i: c for i, c in every.items() if i in self._ids}
        return self._value

    def __getitem__(self, key):
        return self._load()[key]

    def __iter__(self):
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


_OVERVIEW_MEMO: dict[tuple[str, int, int], dict] = {}


def _overview_row(speech: Speech, counts: Counter) -> dict:
    """The overview row of a speech (bounded like the other per-speech caches; no per-call cache overhead)."""
    key = (speech.digest, sum(counts.values()), len(counts))
    row = _OVERVIEW_MEMO.get(key)
    if row is None:
        if len(_OVERVIEW_MEMO) >= PER_SPEECH_ENTRIES:
            _OVERVIEW_MEMO.pop(next(iter(_OVERVIEW_MEMO)))
        row = _OVERVIEW_MEMO[key] = statistics.overview_from_counts(speech, tokens=key[1], distinct=key[2])
    row = dict(row)
    row["id"], row["title"] = speech.id, speech.title  # ids and titles may differ for the same text
    return row


@st.cache_resource(show_spinner=False, max_entries=PER_SPEECH_ENTRIES * len(REGISTRY))
def _phrases(digest: str, lexicon_digest: str, kind: str, data_dir: str, _speech: Speech, _lexicon: Lexicon
             ) -> tuple[PhraseMatch, ...]:
    # Every detector reads the session's own segmentation, so results depend on the text and the lexicon.
    def compute():
        doc = Document(_speech.text, segmentation(_speech, _lexicon), _lexicon)
        found = {need: list(phrases(_speech, need, _lexicon)) for need in REGISTRY[kind].needs}
        return tuple(registry.detector(kind)(doc, found=found))
    return _through_disk(_disk_cache(data_dir),
                         lambda c: c.get_phrases(digest, _lexicon, kind),
                         lambda c, matches: c.put_phrases(digest, _lexicon, kind, matches),
                         compute)


def phrases(speech: Speech, kind: str, lexicon: Lexicon) -> tuple[PhraseMatch, ...]:
    """The matches of ``kind`` in ``speech`` with the session's ``lexicon``."""
    return _phrases(speech.digest, lexicon.digest, kind, str(default_data_dir()), speech, lexicon)


@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def _ranking(digests: tuple[str, ...], lexicon_digest: str, measure: str, min_freq: int, min_docs: int,
             _segs: tuple) -> pd.DataFrame:
    from analysis.phrases.ngrams import recurrent_ngrams
    return recurrent_ngrams(list(_segs), measure=measure, min_freq=min_freq, min_docs=min_docs)


def ngram_ranking(speeches, lexicon: Lexicon, *, measure: str, min_freq: int, min_docs: int) -> pd.DataFrame:
    """The corpus-wide ranking of recurrent n-grams over the session's segmentations."""
    segs = tuple(segmentation(sp, lexicon) for sp in speeches)
    return _ranking(tuple(sp.digest for sp in speeches), lexicon.digest, measure, min_freq, min_docs, segs)


@st.cache_data(show_spinner=False, max_entries=CLOUD_ENTRIES)
def cloud_png(freqs: tuple[tuple[str, float], ...], color: str, colors: tuple[tuple[str, str], ...] = ()) -> bytes:
    return wordcloud_png(dict(freqs), color=color, colors=dict(colors) or None)


# --- comparisons, networks, exports and the library: cached here too, so every cache lives in one module ------

@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def _similarity(key: tuple, features: str, stop: tuple[str, ...], _speeches, _segs) -> pd.DataFrame:
    return similarity_matrix(list(_speeches), features=features, segs=_segs, stopwords=stop)


@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def _reuse(key: tuple, min_chars: int, _speeches) -> list[dict]:
    return reuse_pairs(list(_speeches), min_chars=min_chars)


@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def _top_pairs(key: tuple, min_chars: int, _speeches) -> list[dict]:
    from analysis.compare.reuse import top_reuse_pairs
    return top_reuse_pairs(list(_speeches), min_chars=min_chars)


@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def _pair_similarity(key: tuple, features: str, stop: tuple[str, ...], pairs: tuple, _speeches, _segs) -> dict:
    from analysis.compare.similarity import features_of, pair_similarities
    speeches = list(_speeches)
    docs = features_of(speeches, features=features, segs=_segs, stopwords=stop)
    index = {sp.id: k for k, sp in enumerate(speeches)}
    values = pair_similarities(docs, [(index[a], index[b]) for a, b in pairs])
    return dict(zip(pairs, values))


@st.cache_data(show_spinner=False, max_entries=2 * SETTING_ENTRIES)
def _pair_detail(digest_a: str, digest_b: str, min_chars: int, _a: str, _b: str):
    passages = shared_passages(_a, _b, min_chars=min_chars)
    segments = diff_texts(_a, _b)
    return passages, segments, diff_summary(segments, a=_a, b=_b)


@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def _network(key: tuple, measure: str, excluded: frozenset[str], min_len: int, min_freq: int, min_weight: float,
             top_n: int, _speeches, _segs):
    nodes, edges = cooccurrence(list(_speeches), _segs, measure=measure, stopwords=excluded, min_len=min_len,
                                min_freq=min_freq, min_weight=min_weight, top_n=top_n)
    positions = spring_layout(list(nodes["term"]),
                              [(s, t, max(w, 0.0)) for s, t, w in zip(edges["source"], edges["target"],
                                                                       edges["weight"])])
    return nodes, edges, positions


@st.cache_resource(show_spinner=False, max_entries=1)
def _static_export_available() -> bool:
    from analysis.charts.export import find_browser
    return find_browser() is not None


@st.cache_resource(show_spinner=False, max_entries=4)
def _library(data_dir: str) -> Library:
    return open_library(data_dir)


@st.cache_resource(show_spinner=False, max_entries=1)
def _changes() -> dict:
    """Library writes made by this process (every session shares the counter)."""
    return {"n": 0, "lock": threading.Lock()}


@st.cache_resource(show_spinner=False, max_entries=8)
def _saved(directory: str, change: int, stamp: tuple) -> tuple[Speech, ...]:
    return tuple(_library(directory).get_speeches())


# --- the national reports as reference corpus (timelines, what is new, against the centre) --------------------

#: Phrase kinds whose canonical forms are terms of the national series (words come from the segmentation).
HISTORY_KINDS = ("idiom", "slogan", "formula", "ngram")


@st.cache_resource(show_spinner=False, max_entries=1)
def national_corpus() -> tuple[Speech, ...]:
    """The 52 national government work reports, ids 1..52 oldest first (their own numbering)."""
    from analysis.ingest.national import load_national_corpus
    return tuple(load_national_corpus())


@st.cache_resource(show_spinner=False, max_entries=4)
def _national_inventories(lexicon_digest: str, data_dir: str, _lexicon: Lexicon) -> dict:
    from analysis.context.timeline import inventory
    reports = national_corpus()
    warm(reports, _lexicon, kinds=HISTORY_KINDS)
    return {sp.id: inventory(segmentation(sp, _lexicon), {k: phrases(sp, k, _lexicon) for k in HISTORY_KINDS})
            for sp in reports}


def national_inventories(lexicon: Lexicon) -> dict:
    """``report id -> kind -> Counter`` of words and phrases of every national report."""
    return _national_inventories(lexicon.digest, str(default_data_dir()), lexicon)


@st.cache_resource(show_spinner=False, max_entries=4)
def _national_attestation(lexicon_digest: str, data_dir: str, _lexicon: Lexicon) -> pd.DataFrame:
    from analysis.context.timeline import ATTESTATION_COLUMNS, attestation
    rows = attestation(list(national_corpus()), national_inventories(_lexicon))
    return pd.DataFrame(rows, columns=ATTESTATION_COLUMNS)


def national_attestation(lexicon: Lexicon) -> pd.DataFrame:
    """First and last year, reports and count of every word and phrase of the national reports."""
    return _national_attestation(lexicon.digest, str(default_data_dir()), lexicon)


@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def whats_new_table(year: int, lexicon_digest: str, _lexicon: Lexicon) -> pd.DataFrame:
    from analysis.context.timeline import NEW_COLUMNS, whats_new
    rows = whats_new(list(national_corpus()), national_inventories(_lexicon), year=year)
    return pd.DataFrame(rows, columns=NEW_COLUMNS)


@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def _reuse_against_national(digest: str, date: str, min_chars: int, _speech: Speech):
    from analysis.compare.centre import reuse_against
    return reuse_against(_speech, list(national_corpus()), min_chars=min_chars)


def reuse_against_national(speech: Speech, *, min_chars: int):
    """``(rows, passages by report id)`` of ``speech`` against the reports of its year and earlier."""
    return _reuse_against_national(speech.digest, speech.date, min_chars, speech)


@st.cache_resource(show_spinner=False, max_entries=4)
def _national_counts(lexicon_digest: str, data_dir: str, _lexicon: Lexicon) -> tuple[Counter, int]:
    total: Counter = Counter()
    tokens = 0
    for sp in national_corpus():
        counts, _tags = term_counts(sp, _lexicon)
        total.update(counts)
        tokens += sum(counts.values())
    return total, tokens


def national_counts(lexicon: Lexicon) -> tuple[Counter, int]:
    """Word counts of the 52 reports pooled, and their number of tokens (every counted word)."""
    return _national_counts(lexicon.digest, str(default_data_dir()), lexicon)


@st.cache_data(show_spinner=False, max_entries=SETTING_ENTRIES)
def timeline_rows(terms: tuple[str, ...]) -> list[dict]:
    """Timeline rows of ``terms`` in the national reports (occurrences in the text, as KWIC finds them)."""
    from analysis.context.timeline import term_timeline
    return term_timeline(national_corpus(), list(terms))


@st.cache_resource(show_spinner=False, max_entries=1)
def national_han() -> dict[int, int]:
    """Han characters of each national report."""
    from analysis.text.normalize import count_han
    return {sp.id: count_han(sp.text) for sp in national_corpus()}


# --- a corpus store (TIFALENS_STORE): DuckDB queries over its Parquet files, cached per store state ------------

@st.cache_resource(show_spinner=False, max_entries=4)
def _corpus_store(path: str, stamp: str):
    from analysis.batch.query import Store
    return Store(path, memory_limit="1GB")


def corpus_store(path: str):
    """The opened store at ``path``; a new ingest (new committed partitions) opens it afresh, so every cached
    answer below, keyed by the store's state, is recomputed."""
    import hashlib
    from analysis.batch.store import committed_parts
    stamp = hashlib.sha1("\n".join(sorted(committed_parts(path))).encode()).hexdigest()
    store = _corpus_store(path, stamp)
    store.cache_key = f"{path}:{stamp}"
    return store


@st.cache_data(show_spinner=False, max_entries=8)
def _store_facets(key: str, _store) -> dict:
    return _store.facets()


def store_facets(store) -> dict:
    return _store_facets(store.cache_key, store)


@st.cache_data(show_spinner=False, max_entries=200)
def _store_call(key: str, method: str, args_key: str, _store, _kwargs: dict):
    return getattr(_store, method)(**_kwargs)


def _cached(store, method: str, **kwargs):
    """``store.method(**kwargs)``, cached by the store's state and the arguments (a Subcorpus by its repr)."""
    return _store_call(store.cache_key, method, repr(sorted(kwargs.items())), store, kwargs)


def store_summary(store, sub) -> dict:
    return _cached(store, "summary", sub=sub)


def store_per_year(store, sub) -> pd.DataFrame:
    return _cached(store, "per_year", sub=sub)


def store_speeches(store, sub, limit: int) -> pd.DataFrame:
    return _cached(store, "speeches", sub=sub, limit=limit)


def store_top_terms(store, sub, stop: frozenset[str], min_len: int, pos: tuple[str, ...], min_count: int,
                    top: int) -> pd.DataFrame:
    return _cached(store, "term_totals", sub=sub, stopwords=tuple(sorted(stop)), min_len=min_len, pos=pos,
                   min_count=min_count, top=top)


def store_keyness(store, sub, reference, stop: frozenset[str], min_len: int, pos: tuple[str, ...], top: int):
    return _cached(store, "keyness", target=sub, reference=reference, stopwords=tuple(sorted(stop)),
                   min_len=min_len, pos=pos, min_freq=3, top=top, sign="positive")


def store_timeline(store, sub, terms: tuple[str, ...], kind: str | None) -> pd.DataFrame:
    return _cached(store, "timeline", terms=terms, sub=sub, kind=kind)


def store_phrase_classes(store, sub, kind: str) -> pd.DataFrame:
    return _cached(store, "phrase_classes", kind=kind, sub=sub)


def store_phrases(store, sub, kind: str, top: int) -> pd.DataFrame:
    return _cached(store, "phrase_summary", kind=kind, sub=sub, top=top)


def version_groups_of(speeches) -> list[list[int]]:
    """Groups of versions of one text among ``speeches`` (the reuse figures of the similarity view, 16 Han
    characters, shared with it through the same cache)."""
    from analysis.compare.versions import version_groups
    speeches = tuple(speeches)
    return version_groups(_reuse(tuple((sp.id, sp.digest) for sp in speeches), 16, speeches))
