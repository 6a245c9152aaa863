"""One batch task: read a partition, run the single-speech pipeline on each new speech, write the partition.

The pipeline is the dashboard's: :func:`analysis.text.segment.segment` with the store's lexicon, every phrase
detector through :func:`analysis.phrases.registry.detect_all` on the same :class:`~analysis.phrases.document.Document`,
:func:`analysis.text.counts.term_counts` for the count table and :func:`analysis.text.counts.overview` for the
sizes. Speeches whose content hash is already in the store (or earlier in the partition) are skipped.
"""
from __future__ import annotations

import hashlib
import os
import resource
import time
from typing import Collection

from analysis.batch.sources import Partition, read_partition
from analysis.batch.store import empty_columns, speech_id, tables_of, term_id, write_partition
from analysis.phrases.document import Document
from analysis.phrases.registry import detect_all
from analysis.text.counts import overview, term_counts
from analysis.text.lexicon import Lexicon
from analysis.text.segment import segment

__all__ = ["process_partition", "partition_name"]

_LEXICONS: dict[tuple, Lexicon] = {}


def _lexicon(entries: tuple) -> Lexicon:
    lex = _LEXICONS.get(entries)
    if lex is None:
        lex = _LEXICONS[entries] = Lexicon(tuple(tuple(e) for e in entries))
    return lex


def partition_name(part: Partition, lexicon_digest: str, kinds: tuple[str, ...], digests: list[str]) -> str:
    """A name derived from the partition's input and content: a retried task writes the same files again."""
    h = hashlib.sha1("\n".join([part.label, lexicon_digest, ",".join(kinds), *sorted(digests)]).encode("utf-8"))
    return h.hexdigest()[:20]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_partition(part: Partition, store: str, lexicon_entries: tuple, kinds: tuple[str, ...],
                      known: Collection[int] = frozenset()) -> dict:
    """Process one partition into ``store``; returns a summary (counts, bytes, seconds, new ids, problems)."""
    t0, c0 = time.perf_counter(), time.process_time()
    lexicon = _lexicon(lexicon_entries)
    records, problems = read_partition(part)
    cols = empty_columns()
    seen: set[int] = set()
    new_digests: list[str] = []
    skipped = duplicates = 0
    text_bytes = 0
    dictionary: dict[int, str] = {}
    for rec in records:
        sp = rec.speech
        sid = speech_id(sp.digest)
        if sid in known:
            skipped += 1
            continue
        if sid in seen:
            duplicates += 1
            continue
        seen.add(sid)
        new_digests.append(sp.digest)
        text_bytes += len(sp.text.encode("utf-8"))
        seg = segment(sp.text, lexicon=lexicon)
        found = detect_all(Document(sp.text, seg, lexicon), kinds)
        counts, tags = term_counts(seg)
        ov = overview(sp, seg)
        s = cols["speeches"]
        for key, value in (("id", sid), ("hash", sp.digest), ("doc_id", rec.doc_id), ("title", sp.title),
                           ("subtitle", sp.subtitle), ("date", sp.date), ("year", rec.year), ("place", sp.place),
                           ("speaker", sp.speaker),
                           ("source", sp.source), ("file", rec.file), ("ord", sp.id), ("chars", ov["chars"]),
                           ("han_chars", ov["han_chars"]), ("tokens", ov["tokens"]),
                           ("distinct_terms", ov["distinct"]), ("sentences", ov["sentences"]),
                           ("placeholders", ov["placeholders"])):
            s[key].append(value)
        t = cols["terms"]
        for term, n in counts.items():
            tid = term_id(term)
            dictionary[tid] = (term, tags[term])
            t["speech"].append(sid)
            t["term_id"].append(tid)
            t["tag"].append(tags[term])
            t["count"].append(n)
            t["term_len"].append(len(term))
        p = cols["phrases"]
        for kind in kinds:
            for seq, m in enumerate(found[kind]):
                p["seq"].append(seq)
                p["speech"].append(sid)
                p["kind"].append(m.kind)
                p["phrase"].append(m.phrase)
                p["canonical"].append(m.canonical)
                p["class"].append(m.cls)
                p["source"].append(str(getattr(m, "source", "") or ""))
                p["start"].append(m.start)
                p["end"].append(m.end)
                p["gloss"].append(m.gloss)
                p["members"].append(list(m.members))
    name = ""
    if new_digests:
        name = partition_name(part, lexicon.digest, kinds, new_digests)
        cols["speeches"]["part"] = [name] * len(cols["speeches"]["id"])
        cols["dictionary"] = {"term_id": list(dictionary), "term": [t for t, _ in dictionary.values()],
                              "tag": [g for _, g in dictionary.values()],
                              "term_len": [len(t) for t, _ in dictionary.values()]}
        write_partition(store, name, tables_of(cols))
    return {"partition": part.label, "part": name, "speeches": len(new_digests), "skipped": skipped,
            "duplicates": duplicates, "bytes": text_bytes, "problems": problems, "ids": sorted(seen),
            "seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
            "peak_rss_mb": _peak_rss_mb(), "worker_pid": os.getpid()}
