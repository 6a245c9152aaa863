"""The shared path from speeches to segmentations, used by the CLI, the dashboard and notebooks."""
from __future__ import annotations

import os
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

from analysis.ingest.corpus import Speech
from analysis.text.lexicon import Lexicon, load_lexicon, parse_lexicon
from analysis.text.counts import term_counts
from analysis.text.segment import Segmentation, known_tags, load_tags, segment
from analysis.errors import InputError
from analysis.phrases.base import PhraseMatch
from analysis.phrases.document import Document
from analysis.phrases.registry import KINDS, detect_all
from analysis.progress import report

__all__ = ["segment_all", "lexicon_with_words_file", "process_corpus", "Processed", "iter_counts", "count_table"]


def segment_all(speeches: list[Speech], *, lexicon: Lexicon) -> dict[int, Segmentation]:
    """Segmentation of each speech keyed by speech id (progress is reported to :mod:`analysis.progress`)."""
    out: dict[int, Segmentation] = {}
    for i, sp in enumerate(speeches, start=1):
        out[sp.id] = segment(sp.text, lexicon=lexicon)
        report("segmenting", i, len(speeches))
    return out


def lexicon_with_words_file(path: str | None) -> Lexicon:
    """The shipped lexicon, plus the words of ``path`` (one per line) when given."""
    lex = load_lexicon()
    if not path:
        return lex
    try:
        with open(path, encoding="utf-8-sig") as fh:
            extra = parse_lexicon(fh.read())
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the word list ({exc.__class__.__name__})",
                         zh=f"{path}：无法读取词表（{exc.__class__.__name__}）") from None
    return lex.with_lexicon(extra)


@dataclass
class Processed:
    """A speech's segmentation and its phrase matches by kind."""
    segmentation: Segmentation
    phrases: dict[str, tuple[PhraseMatch, ...]] = field(default_factory=dict)


_WORKER_LEXICON: Lexicon | None = None
#: Below this many characters of new text, processing stays in one process.
PARALLEL_MIN_CHARS = 300_000


def _init_worker(entries, tags=None) -> None:
    global _WORKER_LEXICON
    _WORKER_LEXICON = Lexicon(entries)
    load_tags(tags or {})
    segment("预热", lexicon=_WORKER_LEXICON)  # loads jieba's dictionary once per worker


def _process_one(text: str, kinds: tuple[str, ...]) -> Processed:
    seg = segment(text, lexicon=_WORKER_LEXICON)
    found = detect_all(Document(text, seg, _WORKER_LEXICON), kinds)
    return Processed(seg, {k: tuple(v) for k, v in found.items()})


def _process_batch(texts: list[str], kinds: tuple[str, ...]) -> tuple[list[Processed], dict[str, str]]:
    """Results of ``texts`` and the part-of-speech tags of unknown words first looked up on the way."""
    return [_process_one(t, kinds) for t in texts], known_tags(new_only=True)


def process_corpus(speeches: list[Speech], *, lexicon: Lexicon, kinds: tuple[str, ...] = KINDS,
                   cache=None, workers: int | None = None, min_parallel_chars: int = PARALLEL_MIN_CHARS,
                   on_progress: Callable[[int, int], None] | None = None) -> dict[int, Processed]:
    """Segment every speech and run the phrase detectors ``kinds``, in parallel across cores.

    With a :class:`~analysis.store.cache.SegmentCache`, results already stored for the same text and lexicon are read
    back instead of computed, and new results are stored. ``workers=1`` runs in this process, and so does any batch
    under ``min_parallel_chars`` characters. Without ``on_progress``, progress goes to :mod:`analysis.progress`.
    A cache that fails (a full or read-only disk) is left alone: the results are still computed and returned.
    """
    global _WORKER_LEXICON
    if on_progress is None:
        def on_progress(done: int, total: int) -> None:
            report("segmenting", done, total)
    out: dict[int, Processed] = {}
    todo: list[Speech] = []
    for sp in speeches:
        if cache is not None:
            try:
                seg = cache.get_segmentation(sp.text, sp.digest, lexicon)
                found = {k: cache.get_phrases(sp.digest, lexicon, k) for k in kinds} if seg is not None else {}
            except sqlite3.Error:
                cache, seg = None, None
            if seg is not None and all(v is not None for v in found.values()):
                out[sp.id] = Processed(seg, found)
                continue
        todo.append(sp)
    workers = workers or os.cpu_count() or 1
    tags: dict[str, str] = {}
    if todo and cache is not None:
        try:   # tags of unknown words saved by earlier runs (exact: a tag depends only on the word)
            tags = cache.get_tags()
            load_tags(tags)
        except sqlite3.Error:
            pass
    done = len(out)
    if on_progress:
        on_progress(done, len(speeches))
    # Worker processes pay about a second each to load jieba and the detectors: below roughly 1 MB of text one
    # process finishes sooner.
    if todo and (workers == 1 or len(todo) < 4 or sum(len(sp.text) for sp in todo) < min_parallel_chars):
        _WORKER_LEXICON = lexicon
        results = []
        for sp in todo:
            results.append(_process_one(sp.text, kinds))
            done += 1
            if on_progress:
                on_progress(done, len(speeches))
    elif todo:
        size = max(1, min(64, len(todo) // (workers * 4) or 1))
        batches = [todo[i:i + size] for i in range(0, len(todo), size)]
        results = []
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                 initargs=(lexicon.entries, tags)) as pool:
            for batch_result, new_tags in pool.map(_process_batch, [[sp.text for sp in b] for b in batches],
                                                   [kinds] * len(batches)):
                load_tags(new_tags)
                results.extend(batch_result)
                done += len(batch_result)
                if on_progress:
                    on_progress(done, len(speeches))
    else:
        results = []
    for sp, res in zip(todo, results):
        out[sp.id] = res
        if cache is not None:
            try:
                with cache.transaction():   # one commit per speech
                    cache.put_segmentation(sp.digest, lexicon, res.segmentation)
                    cache.put_counts(sp.digest, lexicon, *term_counts(res.segmentation))
                    for k, matches in res.phrases.items():
                        cache.put_phrases(sp.digest, lexicon, k, matches)
            except sqlite3.Error:
                cache = None   # a full or read-only disk: the results are still returned
    if todo and cache is not None:
        try:
            cache.put_tags({w: t for w, t in known_tags().items() if w not in tags})
        except sqlite3.Error:
            pass
    return {sp.id: out[sp.id] for sp in speeches}


def iter_counts(speeches: list[Speech], *, lexicon: Lexicon, cache=None):
    """``(speech, counts, tags)`` (:func:`analysis.text.counts.term_counts`) for each speech in turn, read from the
    persistent cache when there, else segmented and stored (one commit per speech). Only one speech's tokens are
    in memory at a time."""
    from analysis.text.counts import term_counts
    saved: dict[str, str] = {}
    if cache is not None:
        try:
            saved = cache.get_tags()
            load_tags(saved)
        except sqlite3.Error:
            cache = None
    for n, sp in enumerate(speeches, start=1):
        found = None
        if cache is not None:
            try:
                found = cache.get_counts(sp.digest, lexicon)
                if found is None:
                    seg = cache.get_segmentation(sp.text, sp.digest, lexicon)
                    if seg is not None:
                        found = term_counts(seg)
                        with cache.transaction():
                            cache.put_counts(sp.digest, lexicon, *found)
            except sqlite3.Error:
                cache, found = None, None
        if found is None:
            seg = segment(sp.text, lexicon=lexicon, memo=False)
            found = term_counts(seg)
            if cache is not None:
                try:
                    with cache.transaction():   # one commit per speech
                        cache.put_segmentation(sp.digest, lexicon, seg)
                        cache.put_counts(sp.digest, lexicon, *found)
                except sqlite3.Error:
                    cache = None
            del seg
        report("counting", n, len(speeches))
        yield sp, found[0], found[1]
    if cache is not None:
        try:
            cache.put_tags({w: t for w, t in known_tags().items() if w not in saved})
        except sqlite3.Error:
            pass


def count_table(speeches: list[Speech], *, lexicon: Lexicon, cache=None):
    """The :class:`~analysis.text.counts.CountTable` of ``speeches``, counted speech by speech (:func:`iter_counts`)."""
    from analysis.text.counts import CountTable
    table = CountTable()
    for sp, counts, tags in iter_counts(speeches, lexicon=lexicon, cache=cache):
        table.add(sp, counts, tags)
    return table
