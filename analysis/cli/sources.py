"""Where the speeches of a subcommand come from (``--corpus`` and FILE arguments) and the persistent cache the
command line shares with the dashboard, so that a corpus is segmented once, not on every call."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from analysis.ingest.corpus import Speech
from analysis.ingest.loading import load_paths
from analysis.ingest.national import CORPORA, load_corpus
from analysis.pipeline import Processed, process_corpus
from analysis.text.lexicon import Lexicon

__all__ = ["add_corpus_option", "load_input", "load_reference", "processed", "segmentations", "disk_cache"]


def add_corpus_option(parser) -> None:
    parser.add_argument("--corpus", choices=CORPORA, default=None,
                        help="built-in corpus: builtin (the five municipal speeches, the default when no FILE is "
                             "given), national (the 52 national government work reports 1954-2025) or all; with "
                             "FILE arguments, the corpus is analysed together with the files")


def load_input(args, *, files: list[str] | None = None) -> list[Speech]:
    """The speeches of a command: the FILEs alone; or the ``--corpus`` (default builtin) followed by the FILEs,
    when ``--corpus`` is given or there is no FILE. Ids 1..N."""
    files = list(args.files if files is None else files)
    corpus = getattr(args, "corpus", None)
    if files and corpus is None:
        return load_paths(files, cache=disk_cache())
    speeches = load_corpus(corpus or "builtin") + (load_paths(files, cache=disk_cache()) if files else [])
    for k, sp in enumerate(speeches, start=1):
        sp.id = k
    return speeches


def load_reference(name: str, *, first_id: int) -> list[Speech]:
    """A built-in corpus used as the reference of a comparison, ids from ``first_id`` on."""
    speeches = load_corpus(name)
    for k, sp in enumerate(speeches, start=first_id):
        sp.id = k
    return speeches


def disk_cache():
    """The segmentation cache next to the library, or ``None`` when it cannot be opened."""
    from analysis.store.cache import SegmentCache
    from analysis.store.library import default_data_dir
    try:
        return SegmentCache(Path(default_data_dir()) / "cache.sqlite")
    except (OSError, sqlite3.Error):
        return None


def processed(speeches: list[Speech], *, lexicon: Lexicon, kinds: tuple[str, ...] = ()) -> dict[int, Processed]:
    """Segmentation and phrase matches of ``kinds`` for every speech, read from the persistent cache when there."""
    return process_corpus(speeches, lexicon=lexicon, kinds=kinds, cache=disk_cache())


def segmentations(speeches: list[Speech], *, lexicon: Lexicon) -> dict:
    """Segmentation of each speech keyed by id, through the persistent cache."""
    return {i: p.segmentation for i, p in processed(speeches, lexicon=lexicon).items()}
