"""A persistent cache of segmentations and phrase matches, keyed by content hash and lexicon hash.

It lives in SQLite next to the library (``<data dir>/cache.sqlite``), so a restart does not segment or detect
again. Entries are immutable: a key is the SHA-1 of the normalised text plus the lexicon digest (and the detector
kind for phrase matches), so a changed text or lexicon simply misses.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from array import array
from pathlib import Path

from analysis.text.lexicon import Lexicon
from analysis.phrases.base import PhraseMatch
from analysis.text.segment import Segmentation, countable_flags

__all__ = ["SegmentCache", "CACHE_VERSION"]

#: Bumped whenever segmentation or a detector changes its output, so old entries are never reused.
CACHE_VERSION = "1"


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

    def _conn(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            self._local.con = con
        return con

    @staticmethod
    def seg_key(digest: str, lexicon: Lexicon) -> str:
        return f"{CACHE_VERSION}:{digest}:{lexicon.digest}"

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

    def put_segmentation(self, digest: str, lexicon: Lexicon, seg: Segmentation) -> None:
        lengths = array("I", (len(t) for t in seg.tokens))
        self._conn().execute("INSERT OR REPLACE INTO seg VALUES (?, ?, ?)",
                             (self.seg_key(digest, lexicon), zlib.compress(lengths.tobytes(), 6),
                              zlib.compress("\x1f".join(seg.tags).encode("utf-8"), 6)))

    def get_phrases(self, digest: str, lexicon: Lexicon, kind: str) -> tuple[PhraseMatch, ...] | None:
        row = self._conn().execute("SELECT blob FROM phr WHERE key=?",
                                   (f"{self.seg_key(digest, lexicon)}:{kind}",)).fetchone()
        if row is None:
            return None
        items = json.loads(zlib.decompress(row[0]))
        return tuple(PhraseMatch(kind=i[0], phrase=i[1], canonical=i[2], cls=i[3], start=i[4], end=i[5],
                                 members=tuple(i[6]), gloss=i[7]) for i in items)

    def put_phrases(self, digest: str, lexicon: Lexicon, kind: str, matches) -> None:
        items = [[m.kind, m.phrase, m.canonical, m.cls, m.start, m.end, list(m.members), m.gloss] for m in matches]
        blob = zlib.compress(json.dumps(items, ensure_ascii=False).encode("utf-8"), 6)
        self._conn().execute("INSERT OR REPLACE INTO phr VALUES (?, ?)",
                             (f"{self.seg_key(digest, lexicon)}:{kind}", blob))

    def stats(self) -> dict:
        con = self._conn()
        return {"segmentations": con.execute("SELECT COUNT(*) FROM seg").fetchone()[0],
                "phrase_sets": con.execute("SELECT COUNT(*) FROM phr").fetchone()[0],
                "bytes": self.path.stat().st_size if self.path.exists() else 0}

