"""A persistent cache of segmentations and phrase matches, keyed by content hash and lexicon hash.

It lives in SQLite next to the library (``<data dir>/cache.sqlite``), so a restart does not segment or detect
again. Entries are immutable: a key is the SHA-1 of the normalised text plus the lexicon digest (and the detector
kind for phrase matches), so a changed text or lexicon simply misses.
"""
from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from collections import Counter
import threading
import zlib
from array import array
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from analysis.phrases.registry import detectors_digest
from analysis.text.lexicon import Lexicon
from analysis.phrases.base import PhraseMatch
from analysis.text.segment import Segmentation, countable_flags

__all__ = ["SegmentCache", "CACHE_VERSION"]

#: Bumped whenever segmentation or a detector changes its output, so old entries are never reused.
CACHE_VERSION = "2"
# Besides, every key holds a digest of the code and lists that make the stored values (segmentation, counting,
# the detectors and their data files): an upgraded or edited detector never reads entries of the old one.
_CODE_GLOBS = (("analysis/text", "*.py"), ("analysis/phrases", "*.py"), ("data", "*.txt"), ("data", "*.tsv"))


def _files_digest(globs, *, skip=()) -> str:
    """SHA-1 (16 hex digits) of the names and bytes of the files ``globs`` match under the project root."""
    root = Path(__file__).resolve().parent.parent.parent
    h = hashlib.sha1()
    for folder, pattern in globs:
        for f in sorted((root / folder).glob(pattern)):
            if not f.name.startswith(skip):
                h.update(f.name.encode("utf-8"))
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-1 (16 hex digits) of the files that determine cached values."""
    return _files_digest(_CODE_GLOBS)


# What turns a file's bytes into speeches: the readers, splitting, normalisation and metadata rules, their lists.
_PARSE_GLOBS = (("analysis/ingest", "*.py"), ("analysis/text", "normalize.py"), ("data", "*.tsv"),
                ("data", "*.txt"))


@lru_cache(maxsize=1)
def parse_digest() -> str:
    """SHA-1 (16 hex digits) of the files that determine how a file is parsed into speeches (corpora such as
    ``data/000_*.txt`` are input, not rules)."""
    return _files_digest(_PARSE_GLOBS, skip=("000_",))


def _decode_counts(blob: bytes) -> tuple[Counter, dict]:
    """A count table as :meth:`SegmentCache.put_counts` stored it: ``(Counter, tags)`` in the stored order."""
    terms, counts, tags = json.loads(zlib.decompress(blob))
    return Counter(dict(zip(terms, counts))), dict(zip(terms, tags))


class SegmentCache:
    """Segmentations and phrase matches stored by ``(text digest, lexicon digest[, kind])``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._conn() as con:
            con.execute("CREATE TABLE IF NOT EXISTS seg (key TEXT PRIMARY KEY, lengths BLOB NOT NULL, "
                        "tags BLOB NOT NULL)")
            con.execute("CREATE TABLE IF NOT EXISTS phr (key TEXT PRIMARY KEY, blob BLOB NOT NULL)")
            # Part-of-speech tags of words outside jieba's dictionary (jieba.posseg): they depend only on the word.
            con.execute("CREATE TABLE IF NOT EXISTS wtag (word TEXT PRIMARY KEY, tag TEXT NOT NULL)")
            # Word counts of a segmentation (terms, counts, tags): what the count views and `terms` need, read
            # without rebuilding the segmentation.
            con.execute("CREATE TABLE IF NOT EXISTS cnt (key TEXT PRIMARY KEY, blob BLOB NOT NULL)")
            # The speeches a file was parsed into, by the SHA-1 of its bytes and the parse options: a restart on
            # the same large compilation reads them instead of decoding, splitting and normalising it again.
            con.execute("CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, blob BLOB NOT NULL)")
            # Corpus-wide tables (the long count frame, the overview) as Parquet, by corpus and lexicon: a restart
            # reads them instead of rebuilding them from a thousand count tables.
            con.execute("CREATE TABLE IF NOT EXISTS tab (key TEXT PRIMARY KEY, blob BLOB NOT NULL)")

    def _conn(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            self._local.con = con
        return con

    @contextmanager
    def transaction(self):
        """Writes inside the block are committed together (one commit per speech instead of one per row); an
        error rolls them back. Nested blocks join the outer one."""
        con = self._conn()
        if con.in_transaction:
            yield
            return
        con.execute("BEGIN")
        try:
            yield
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def get_tags(self) -> dict[str, str]:
        """Saved part-of-speech tags of words outside jieba's dictionary."""
        return dict(self._conn().execute("SELECT word, tag FROM wtag").fetchall())

    def put_tags(self, tags: dict[str, str]) -> None:
        if tags:
            with self.transaction():
                self._conn().executemany("INSERT OR IGNORE INTO wtag VALUES (?, ?)", tags.items())

    @staticmethod
    def seg_key(digest: str, lexicon: Lexicon) -> str:
        return f"{CACHE_VERSION}:{code_digest()}:{digest}:{lexicon.digest}"

    def get_segmentation(self, text: str, digest: str, lexicon: Lexicon) -> Segmentation | None:
        row = self._conn().execute("SELECT lengths, tags FROM seg WHERE key=?",
                                   (self.seg_key(digest, lexicon),)).fetchone()
        if row is None:
            return None
        lengths = array("I")
        lengths.frombytes(zlib.decompress(row[0]))
        tokens, starts, pos = [], [], 0
        for n in lengths:
            tokens.append(text[pos:pos + n])
            starts.append(pos)
            pos += n
        if pos != len(text):
            return None  # a damaged entry: treat as a miss
        tags = zlib.decompress(row[1]).decode("utf-8").split("\x1f") if tokens else []
        return Segmentation(tuple(tokens), tuple(starts), tuple(tags), countable_flags(text, tokens, starts))

    def has_segmentation(self, digest: str, lexicon: Lexicon) -> bool:
        """Whether a segmentation is stored (without reading it back)."""
        return self._conn().execute("SELECT 1 FROM seg WHERE key=?",
                                    (self.seg_key(digest, lexicon),)).fetchone() is not None

    def put_segmentation(self, digest: str, lexicon: Lexicon, seg: Segmentation) -> None:
        lengths = array("I", map(len, seg.tokens))
        self._conn().execute("INSERT OR REPLACE INTO seg VALUES (?, ?, ?)",
                             (self.seg_key(digest, lexicon), zlib.compress(lengths.tobytes(), 1),
                              zlib.compress("\x1f".join(seg.tags).encode("utf-8"), 1)))

    def get_phrases(self, digest: str, lexicon: Lexicon, kind: str) -> tuple[PhraseMatch, ...] | None:
        row = self._conn().execute("SELECT blob FROM phr WHERE key=?",
                                   (f"{self.seg_key(digest, lexicon)}:{kind}:{detectors_digest()}",)).fetchone()
        if row is None:
            return None
        items = json.loads(zlib.decompress(row[0]))
        return tuple(PhraseMatch(kind=i[0], phrase=i[1], canonical=i[2], cls=i[3], start=i[4], end=i[5],
                                 members=tuple(i[6]), gloss=i[7], source=i[8] if len(i) > 8 else "")
                     for i in items)

    def put_phrases(self, digest: str, lexicon: Lexicon, kind: str, matches) -> None:
        items = [[m.kind, m.phrase, m.canonical, m.cls, m.start, m.end, list(m.members), m.gloss, m.source]
                 for m in matches]
        blob = zlib.compress(json.dumps(items, ensure_ascii=False).encode("utf-8"), 1)
        self._conn().execute("INSERT OR REPLACE INTO phr VALUES (?, ?)",
                             (f"{self.seg_key(digest, lexicon)}:{kind}:{detectors_digest()}", blob))

    def get_counts(self, digest: str, lexicon: Lexicon):
        """``(Counter, tags)`` as :func:`analysis.text.counts.term_counts` gave them, or ``None``."""
        row = self._conn().execute("SELECT blob FROM cnt WHERE key=?", (self.seg_key(digest, lexicon),)).fetchone()
        if row is None:
            return None
        return _decode_counts(row[0])

    def get_counts_many(self, digests, lexicon: Lexicon) -> dict[str, tuple[Counter, dict]]:
        """:meth:`get_counts` of many texts in a few queries: ``{digest: (Counter, tags)}`` for those stored."""
        wanted = {self.seg_key(d, lexicon): d for d in digests}
        keys = list(wanted)
        out: dict[str, tuple[Counter, dict]] = {}
        con = self._conn()
        for i in range(0, len(keys), 500):   # SQLite's limit on bound parameters is 999 in old builds
            chunk = keys[i:i + 500]
            rows = con.execute(f"SELECT key, blob FROM cnt WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, blob in rows:
                out[wanted[key]] = _decode_counts(blob)
        return out

    def put_counts(self, digest: str, lexicon: Lexicon, counts, tags) -> None:
        terms = list(counts)
        blob = json.dumps([terms, [counts[t] for t in terms], [tags[t] for t in terms]], ensure_ascii=False)
        self._conn().execute("INSERT OR REPLACE INTO cnt VALUES (?, ?)",
                             (self.seg_key(digest, lexicon), zlib.compress(blob.encode("utf-8"), 1)))

    @staticmethod
    def parsed_key(data_digest: str, options: str) -> str:
        return f"{CACHE_VERSION}:{parse_digest()}:{data_digest}:{options}"

    def get_parsed(self, data_digest: str, options: str) -> list[dict] | None:
        """The speech records (:meth:`Speech.to_dict`) stored for a file's bytes and parse options, or ``None``."""
        row = self._conn().execute("SELECT blob FROM parsed WHERE key=?",
                                   (self.parsed_key(data_digest, options),)).fetchone()
        return None if row is None else json.loads(zlib.decompress(row[0]))

    def put_parsed(self, data_digest: str, options: str, records: list[dict]) -> None:
        blob = zlib.compress(json.dumps(records, ensure_ascii=False).encode("utf-8"), 1)
        self._conn().execute("INSERT OR REPLACE INTO parsed VALUES (?, ?)",
                             (self.parsed_key(data_digest, options), blob))

    def get_table(self, corpus_digest: str, lexicon: Lexicon, name: str):
        """A corpus-wide DataFrame stored by :meth:`put_table`, or ``None``."""
        row = self._conn().execute("SELECT blob FROM tab WHERE key=?",
                                   (f"{self.seg_key(corpus_digest, lexicon)}:{name}",)).fetchone()
        if row is None:
            return None
        import pandas as pd   # only the dashboard's corpus tables need it
        return pd.read_parquet(io.BytesIO(row[0]))

    def put_table(self, corpus_digest: str, lexicon: Lexicon, name: str, frame) -> None:
        """Store a DataFrame as Parquet (types, categories and order survive the round trip)."""
        buf = io.BytesIO()
        frame.to_parquet(buf, compression="zstd")
        self._conn().execute("INSERT OR REPLACE INTO tab VALUES (?, ?)",
                             (f"{self.seg_key(corpus_digest, lexicon)}:{name}", buf.getvalue()))

    def stats(self) -> dict:
        con = self._conn()
        return {"segmentations": con.execute("SELECT COUNT(*) FROM seg").fetchone()[0],
                "phrase_sets": con.execute("SELECT COUNT(*) FROM phr").fetchone()[0],
                "bytes": self.path.stat().st_size if self.path.exists() else 0}

