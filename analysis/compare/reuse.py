"""Text reuse: passages two speeches share, how much of each speech they cover, and what changed between them.

Alignment works on a *comparison sequence* per speech: its Han characters in order, with every anonymisation
placeholder (X, XX, ×, *, 20XX) collapsed to one wildcard unit; punctuation, digits and Latin letters are left out
so that re-punctuated or re-numbered copies still align. Each unit remembers its span in ``speech.text``.

1. Seeds: every run of ``seed`` units (default 8) without a wildcard that occurs in both sequences. Runs that
   occur more than ``max_repeats`` times in one speech (boilerplate) are not used as seeds.
2. Blocks: overlapping seeds on the same diagonal merge into exact blocks, which are then extended outwards unit
   by unit while the units are equal or either one is a wildcard (a masked name of the same length).
3. Chains: blocks in the same order in both speeches are chained when the gaps between them are at most
   ``max_gap`` units on each side. This bridges small edits and wildcards standing for 1–4 characters
   (``X作为`` / ``吉安作为``), which shift the diagonal.
4. Passages: chains covering at least ``min_chars`` units, longest first, overlapping neither an earlier passage
   in ``a`` nor in ``b``.

``reuse_a`` is the share of ``a``'s Han characters that lie inside passages shared with ``b``.

:func:`diff_texts` gives a side-by-side diff as data: sentences are aligned first (on their Han characters), then
changed sentence runs are diffed character by character, and replacements where one side is a placeholder are
flagged ``masked``.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from functools import lru_cache
from dataclasses import dataclass, asdict
from itertools import combinations
from typing import Sequence

from analysis.ingest.corpus import Speech
from analysis.text.normalize import HAN_RE, PLACEHOLDER_RE, count_han, split_sentences

__all__ = ["Passage", "DiffSegment", "comparison_units", "shared_passages", "reuse_share", "reuse_pairs",
           "seed_hashes", "minhash_signatures", "related_pairs", "top_reuse_pairs", "PAIRWISE_MAX",
           "diff_texts", "diff_summary", "is_change", "change_kind", "CHANGE_KINDS", "WILDCARD", "DIFF_OPS"]

#: The unit a placeholder becomes; it is never a Han character, so it cannot collide with text.
WILDCARD = "\x00"
DIFF_OPS = ("equal", "insert", "delete", "replace")


@dataclass(frozen=True)
class Passage:
    """A passage of ``a`` (``a_start:a_end``) that reappears in ``b`` (``b_start:b_end``); offsets into the texts."""
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text_a: str
    text_b: str
    units: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DiffSegment:
    """One piece of a side-by-side diff; ``masked`` marks a replacement where one side is a placeholder."""
    op: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text_a: str
    text_b: str
    masked: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


_UNIT_RE = re.compile(f"(?P<ph>{PLACEHOLDER_RE.pattern})|{HAN_RE.pattern}")


def comparison_units(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The comparison sequence of ``text`` (Han characters, one :data:`WILDCARD` per placeholder) and each unit's
    ``(start, end)`` span in ``text``."""
    # One regex pass: a placeholder where one starts (placeholders hold no Han character), else a Han character.
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _UNIT_RE.finditer(text):
        chars.append(WILDCARD if m.lastgroup == "ph" else m.group())
        spans.append(m.span())
    return "".join(chars), spans


@lru_cache(maxsize=2048)
def _units(text: str) -> tuple[str, list[tuple[int, int]]]:
    """:func:`comparison_units`, kept for the texts compared most recently (a speech is in many pairs)."""
    return comparison_units(text)


def _seeds(sa: str, sb: str, k: int, max_repeats: int) -> list[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for j in range(len(sb) - k + 1):
        gram = sb[j:j + k]
        if WILDCARD not in gram:
            index[gram].append(j)
    a_counts: dict[str, int] = defaultdict(int)
    for i in range(len(sa) - k + 1):
        a_counts[sa[i:i + k]] += 1
    seeds = []
    for i in range(len(sa) - k + 1):
        gram = sa[i:i + k]
        hits = index.get(gram)
        if hits and len(hits) <= max_repeats and a_counts[gram] <= max_repeats:
            seeds.extend((i, j) for j in hits)
    return seeds


def _step(sa: str, sb: str, i: int, j: int, di: int, look: int) -> tuple[int, int] | None:
    """How many units to advance on each side (direction ``di``) from ``i``/``j``, or ``None`` to stop.

    Equal units advance one each. A wildcard facing text may stand for 1–4 characters: the shortest stretch after
    which the next ``look`` units agree exactly is taken, so ``X作为`` aligns with ``吉安作为``.
    """
    x, y = sa[i], sb[j]
    if x == y:
        return 1, 1
    if x != WILDCARD and y != WILDCARD:
        return None
    (s, t, p, q), swap = ((sa, sb, i, j), False) if x == WILDCARD else ((sb, sa, j, i), True)
    for k in range(1, 5):
        run = t[q:q + k] if di > 0 else t[q - k + 1:q + 1]
        if len(run) < k or WILDCARD in run:
            break
        nxt_s = s[p + 1:p + 1 + look] if di > 0 else s[max(p - look, 0):p][::-1]
        nxt_t = t[q + k:q + k + look] if di > 0 else t[max(q - k - look + 1, 0):q - k + 1][::-1]
        # Near a text edge fewer than ``look`` units remain; equal slices then mean both sides end together.
        if nxt_s == nxt_t and WILDCARD not in nxt_s:
            return (k, 1) if swap else (1, k)
    return None


def _extend(sa: str, sb: str, a0: int, a1: int, b0: int, b1: int, look: int = 2) -> tuple[int, int, int, int]:
    while a1 < len(sa) and b1 < len(sb):
        st = _step(sa, sb, a1, b1, 1, look)
        if st is None:
            break
        a1, b1 = a1 + st[0], b1 + st[1]
    while a0 > 0 and b0 > 0:
        st = _step(sa, sb, a0 - 1, b0 - 1, -1, look)
        if st is None:
            break
        a0, b0 = a0 - st[0], b0 - st[1]
    return a0, a1, b0, b1


def _blocks(sa: str, sb: str, seeds: list[tuple[int, int]], k: int) -> list[tuple[int, int, int, int]]:
    """Exact seed runs merged per diagonal, then extended through wildcards: ``(a0, a1, b0, b1)``."""
    by_diag: dict[int, list[int]] = defaultdict(list)
    for i, j in seeds:
        by_diag[j - i].append(i)
    runs = []
    for d, starts in by_diag.items():
        starts.sort()
        run_start, run_end = starts[0], starts[0] + k
        for i in starts[1:]:
            if i <= run_end:
                run_end = max(run_end, i + k)
            else:
                runs.append((run_start, run_end, d))
                run_start, run_end = i, i + k
        runs.append((run_start, run_end, d))
    blocks: set[tuple[int, int, int, int]] = set()
    done: list[tuple[int, int, int, int]] = []
    for a0, a1, d in sorted(runs, key=lambda r: (r[0] - r[1], r[0])):  # longest runs first
        # A run inside a block already extended on the same alignment would extend to that same block.
        if any(x0 <= a0 and a1 <= x1 and y0 <= a0 + d and a1 + d <= y1 for x0, x1, y0, y1 in done):
            continue
        blk = _extend(sa, sb, a0, a1, a0 + d, a1 + d)
        done.append(blk)
        blocks.add(blk)
    return sorted(blocks)


def _chains(blocks: list[tuple[int, int, int, int]], max_gap: int) -> list[tuple[int, int, int, int]]:
    """Blocks chained in order across small gaps: ``(a_start, a_end, b_start, b_end)`` in units."""
    chains: list[list[int]] = []  # [a0, a1, b0, b1]
    for a0, a1, b0, b1 in sorted(blocks, key=lambda t: (t[0], t[2], t[0] - t[1])):
        best = None
        for ch in chains:
            ga, gb = a0 - ch[1], b0 - ch[3]
            # Gaps may be slightly negative: two blocks can share a few units around a wildcard.
            if -max_gap <= ga <= max_gap and -max_gap <= gb <= max_gap and a1 > ch[1] and b1 > ch[3]:
                if best is None or abs(ga - gb) < abs(best[1]):
                    best = (ch, ga - gb)
        if best is not None:
            ch = best[0]
            ch[1], ch[3] = max(ch[1], a1), max(ch[3], b1)
        else:
            chains.append([a0, a1, b0, b1])
    return [tuple(c) for c in chains]


def shared_passages(a: str, b: str, *, seed: int = 8, min_chars: int = 16, max_gap: int = 6,
                    max_repeats: int = 5) -> list[Passage]:
    """Passages of text ``a`` that reappear in ``b`` (see the module docstring), in the order of ``a``.

    ``min_chars`` is counted in comparison units (Han characters and placeholders) on the shorter side.
    """
    if seed < 2:
        raise ValueError("seed must be at least 2")
    sa, spans_a = _units(a)
    sb, spans_b = _units(b)
    if len(sa) < seed or len(sb) < seed:
        return []
    chains = _chains(_blocks(sa, sb, _seeds(sa, sb, seed, max_repeats), seed), max_gap)
    chains = [c for c in chains if min(c[1] - c[0], c[3] - c[2]) >= min_chars]
    chains.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken_a: list[tuple[int, int]] = []
    taken_b: list[tuple[int, int]] = []
    out = []
    for a0, a1, b0, b1 in chains:
        if any(a0 < y and x < a1 for x, y in taken_a) or any(b0 < y and x < b1 for x, y in taken_b):
            continue
        taken_a.append((a0, a1))
        taken_b.append((b0, b1))
        s_a, e_a = spans_a[a0][0], spans_a[a1 - 1][1]
        s_b, e_b = spans_b[b0][0], spans_b[b1 - 1][1]
        out.append(Passage(s_a, e_a, s_b, e_b, a[s_a:e_a], b[s_b:e_b], min(a1 - a0, b1 - b0)))
    return sorted(out, key=lambda p: p.a_start)


def reuse_share(text: str, spans: Sequence[tuple[int, int]]) -> float:
    """Share of the Han characters of ``text`` inside the union of ``spans``."""
    total = count_han(text)
    if not total:
        return 0.0
    covered = 0
    last = 0
    for s, e in sorted(spans):
        s = max(s, last)
        if e > s:
            covered += count_han(text[s:e])
            last = e
    return covered / total


def reuse_pairs(speeches: Sequence[Speech], **options) -> list[dict]:
    """Every unordered pair of speeches: ``a``, ``b``, ``passages`` (count), ``shared_chars`` (Han characters of
    ``a`` in passages), ``reuse_a`` and ``reuse_b``. ``options`` go to :func:`shared_passages`."""
    rows = []
    seed, max_repeats = options.get("seed", 8), options.get("max_repeats", 5)
    grams = {sp.id: seed_hashes(sp.text, seed=seed, max_repeats=max_repeats) for sp in speeches}
    for sa, sb in combinations(speeches, 2):
        # Two speeches that share no seed (a run of ``seed`` units that neither repeats more than ``max_repeats``
        # times) share no passage: aligning them is skipped, the row is the same.
        ps = shared_passages(sa.text, sb.text, **options) if _may_share(grams[sa.id], grams[sb.id]) else []
        rows.append({"a": sa.id, "b": sb.id, "passages": len(ps),
                     "shared_chars": sum(count_han(p.text_a) for p in ps),
                     "reuse_a": round(reuse_share(sa.text, [(p.a_start, p.a_end) for p in ps]), 4),
                     "reuse_b": round(reuse_share(sb.text, [(p.b_start, p.b_end) for p in ps]), 4)})
    return rows


# --- many speeches: candidate pairs from shared seeds, MinHash estimates, alignment of the top pairs only ----------

#: Above this many speeches the similarity & reuse view lists the top related pairs instead of every pair.
PAIRWISE_MAX = 40


@lru_cache(maxsize=1100)
def seed_hashes(text: str, *, seed: int = 8, max_repeats: int = 5):
    """Sorted unique 64-bit hashes (uint64) of the seeds :func:`shared_passages` may use in ``text``: runs of
    ``seed`` comparison units without a wildcard that occur at most ``max_repeats`` times. A polynomial hash over
    the units' code points, computed with numpy."""
    import numpy as np
    units, _ = _units(text)
    n = len(units) - seed + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    cps = np.frombuffer(units.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    mult = np.uint64(0x100000001B3)
    for k in range(seed):
        h = h * mult + cps[k:k + n] + np.uint64(1)
    wild = np.concatenate(([0], np.cumsum(cps == 0)))
    clean = (wild[seed:seed + n] - wild[:n]) == 0
    values, counts = np.unique(h, return_counts=True)
    keep_values = values[counts <= max_repeats]
    return np.unique(h[clean & np.isin(h, keep_values)])


def _may_share(a, b) -> bool:
    import numpy as np
    if not len(a) or not len(b):
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    pos = np.searchsorted(large, small)
    pos[pos == len(large)] = 0
    return bool((large[pos] == small).any())


def minhash_signatures(hash_sets, *, perms: int = 64, seed: int = 2021):
    """MinHash signatures (``len(hash_sets)`` × ``perms``, uint64) of sets of uint64 hashes, one multiply-add hash
    per permutation; an empty set has the all-ones signature."""
    import numpy as np
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2 ** 63, size=perms, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2 ** 63, size=perms, dtype=np.uint64)
    out = np.full((len(hash_sets), perms), np.iinfo(np.uint64).max, dtype=np.uint64)
    for r, h in enumerate(hash_sets):
        if len(h):
            hv = h.astype(np.uint64)
            for start in range(0, len(hv), 4096):
                chunk = hv[start:start + 4096, None] * a[None, :] + b[None, :]
                np.minimum(out[r], chunk.min(axis=0), out=out[r])
    return out


def related_pairs(speeches: Sequence[Speech], *, seed: int = 8, max_repeats: int = 5, perms: int = 64,
                  min_share: float = 0.02, limit: int | None = None) -> list[dict]:
    """Pairs of speeches that probably share text, from MinHash signatures of their seeds (no alignment):
    ``a``, ``b``, ``jaccard`` (estimated), ``share_a``/``share_b`` (estimated share of each side's seeds found in
    the other), highest ``max(share_a, share_b)`` first (the first ``limit``); pairs estimated below
    ``min_share`` are left out."""
    import numpy as np
    hashes = [seed_hashes(sp.text, seed=seed, max_repeats=max_repeats) for sp in speeches]
    sizes = np.array([len(h) for h in hashes], dtype=np.float64)
    sig = minhash_signatures(hashes, perms=perms)
    n = len(speeches)
    found_i, found_j, found_jac = [], [], []
    block = max(1, 2_000_000 // max(n * perms, 1))
    for i0 in range(0, n, block):
        i1 = min(n, i0 + block)
        jac = (sig[i0:i1, None, :] == sig[None, :, :]).mean(axis=2)
        rows_, cols = np.nonzero(jac > 0)
        keep = cols > rows_ + i0
        found_i.append(rows_[keep] + i0)
        found_j.append(cols[keep])
        found_jac.append(jac[rows_[keep], cols[keep]])
    if not found_i:
        return []
    i, j, jv = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_jac)
    ok = (sizes[i] > 0) & (sizes[j] > 0)
    i, j, jv = i[ok], j[ok], jv[ok]
    inter = jv / (1 + jv) * (sizes[i] + sizes[j])
    share_a = np.minimum(inter / np.maximum(sizes[i], 1), 1.0)
    share_b = np.minimum(inter / np.maximum(sizes[j], 1), 1.0)
    best = np.maximum(share_a, share_b)
    ok = best >= min_share
    i, j, jv, share_a, share_b, best = i[ok], j[ok], jv[ok], share_a[ok], share_b[ok], best[ok]
    ids = np.array([sp.id for sp in speeches])
    order = np.lexsort((ids[j], ids[i], -np.round(best, 4)))
    if limit is not None:
        order = order[:limit]
    return [{"a": int(ids[i[k]]), "b": int(ids[j[k]]), "jaccard": round(float(jv[k]), 4),
             "share_a": round(float(share_a[k]), 4), "share_b": round(float(share_b[k]), 4)} for k in order]


def _reuse_row(sa: Speech, sb: Speech, ps: list[Passage]) -> dict:
    return {"a": sa.id, "b": sb.id, "passages": len(ps), "shared_chars": sum(count_han(p.text_a) for p in ps),
            "reuse_a": round(reuse_share(sa.text, [(p.a_start, p.a_end) for p in ps]), 4),
            "reuse_b": round(reuse_share(sb.text, [(p.b_start, p.b_end) for p in ps]), 4)}


def top_reuse_pairs(speeches: Sequence[Speech], *, top: int = 100, **options) -> list[dict]:
    """:func:`reuse_pairs` rows (plus ``estimate``) for the ``top`` pairs :func:`related_pairs` ranks highest,
    aligned exactly, highest reuse first: what a corpus too large for every pair shows."""
    by_id = {sp.id: sp for sp in speeches}
    ranked = related_pairs(speeches, seed=options.get("seed", 8), max_repeats=options.get("max_repeats", 5),
                           limit=top)
    rows = []
    for r in ranked:
        a, b = by_id[r["a"]], by_id[r["b"]]
        row = _reuse_row(a, b, shared_passages(a.text, b.text, **options))
        row["estimate"] = max(r["share_a"], r["share_b"])
        rows.append(row)
    rows.sort(key=lambda r: (-max(r["reuse_a"], r["reuse_b"]), r["a"], r["b"]))
    return rows


# --- side-by-side diff -------------------------------------------------------------------------------------

def _key(sentence: str) -> str:
    return "".join(HAN_RE.findall(PLACEHOLDER_RE.sub(WILDCARD, sentence)))


def _is_placeholder(s: str) -> bool:
    return bool(s) and PLACEHOLDER_RE.fullmatch(s.strip("“”‘’，。、：；")) is not None


def _char_diff(a: str, b: str, a_off: int, b_off: int) -> list[DiffSegment]:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        ta, tb = a[i1:i2], b[j1:j2]
        masked = op == "replace" and (_is_placeholder(ta) != _is_placeholder(tb))
        out.append(DiffSegment(op, a_off + i1, a_off + i2, b_off + j1, b_off + j2, ta, tb, masked))
    return out


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    # Spans cover the text end to end (line breaks and stray characters stay with the sentence before them)
    # so that diff segments tile both texts.
    spans = split_sentences(text)
    if not spans:
        return [(0, len(text))] if text else []
    tiled = []
    for n, (s, _e) in enumerate(spans):
        start = 0 if n == 0 else s
        end = spans[n + 1][0] if n + 1 < len(spans) else len(text)
        tiled.append((start, end))
    return tiled


def _ratio(x: str, y: str) -> float:
    if not x and not y:
        return 1.0
    sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
    return sm.ratio() if sm.quick_ratio() > 0 else 0.0


def _contained(x: str, y: str) -> float:
    """Share of ``x`` found, in order, inside ``y``."""
    if not x:
        return 1.0
    blocks = difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
    return sum(bl.size for bl in blocks) / len(x)


def _diff_changed(a: str, b: str, spans_a, spans_b, keys_a, keys_b, *, min_ratio: float) -> list[DiffSegment]:
    """Diff of a run of changed sentences.

    Sentences are paired in order with their most similar counterpart (ratio at least ``min_ratio``); an unpaired
    sentence next to a pair joins it when the other side contains it (a sentence split or joined differently);
    the rest are dropped (``delete``) or added (``insert``). Pairs are diffed character by character.
    """
    pairs: list[list[int]] = []  # [ia0, ia1, jb0, jb1]
    j_next = 0
    for i, ka in enumerate(keys_a):
        best, best_j = min_ratio, None
        for j in range(j_next, len(keys_b)):
            r = _ratio(ka, keys_b[j])
            if r >= best and (best_j is None or r > best):
                best, best_j = r, j
        if best_j is not None:
            pairs.append([i, i + 1, best_j, best_j + 1])
            j_next = best_j + 1
    paired_a = {i for p in pairs for i in range(p[0], p[1])}
    paired_b = {j for p in pairs for j in range(p[2], p[3])}
    for p in pairs:  # absorb neighbouring unpaired sentences that the other side of the pair contains
        for step in (1, -1):
            while True:
                i = p[1] if step > 0 else p[0] - 1
                if 0 <= i < len(keys_a) and i not in paired_a and \
                        _contained(keys_a[i], "".join(keys_b[p[2]:p[3]])) >= 0.8:
                    paired_a.add(i)
                    p[0], p[1] = min(p[0], i), max(p[1], i + 1)
                    continue
                j = p[3] if step > 0 else p[2] - 1
                if 0 <= j < len(keys_b) and j not in paired_b and \
                        _contained(keys_b[j], "".join(keys_a[p[0]:p[1]])) >= 0.8:
                    paired_b.add(j)
                    p[2], p[3] = min(p[2], j), max(p[3], j + 1)
                    continue
                break
    out: list[DiffSegment] = []
    ia = jb = 0
    a_pos, b_pos = spans_a[0][0] if spans_a else 0, spans_b[0][0] if spans_b else 0
    for ia0, ia1, jb0, jb1 in pairs + [[len(keys_a), len(keys_a), len(keys_b), len(keys_b)]]:
        if ia0 > ia:
            s, e = spans_a[ia][0], spans_a[ia0 - 1][1]
            out.append(DiffSegment("delete", s, e, b_pos, b_pos, a[s:e], ""))
            a_pos = e
        if jb0 > jb:
            s, e = spans_b[jb][0], spans_b[jb0 - 1][1]
            out.append(DiffSegment("insert", a_pos, a_pos, s, e, "", b[s:e]))
            b_pos = e
        if ia1 > ia0 and jb1 > jb0:
            sa_, ea_ = spans_a[ia0][0], spans_a[ia1 - 1][1]
            sb_, eb_ = spans_b[jb0][0], spans_b[jb1 - 1][1]
            out.extend(_char_diff(a[sa_:ea_], b[sb_:eb_], sa_, sb_))
            a_pos, b_pos = ea_, eb_
        ia, jb = ia1, jb1
    return out


def diff_texts(a: str, b: str, *, min_ratio: float = 0.5) -> list[DiffSegment]:
    """Side-by-side diff of two texts as segments (``op`` in :data:`DIFF_OPS`) that tile both texts in order.

    Sentences are aligned on their Han characters (placeholders as one symbol); equal sentences form ``equal``
    segments; a changed run of sentences is diffed character by character when it is at least ``min_ratio``
    similar, otherwise it is reported as sentences dropped (``delete``) and added (``insert``).
    """
    spans_a, spans_b = _sentence_spans(a), _sentence_spans(b)
    keys_a = [_key(a[s:e]) for s, e in spans_a]
    keys_b = [_key(b[s:e]) for s, e in spans_b]
    sm = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out: list[DiffSegment] = []

    def span(spans, i1, i2, default):
        return (spans[i1][0], spans[i2 - 1][1]) if i2 > i1 else (default, default)

    for op, i1, i2, j1, j2 in sm.get_opcodes():
        a0, a1 = span(spans_a, i1, i2, spans_a[i1][0] if i1 < len(spans_a) else len(a))
        b0, b1 = span(spans_b, j1, j2, spans_b[j1][0] if j1 < len(spans_b) else len(b))
        ta, tb = a[a0:a1], b[b0:b1]
        if op == "equal":
            if ta == tb:
                out.append(DiffSegment("equal", a0, a1, b0, b1, ta, tb))
            else:  # same Han characters, different punctuation or line breaks
                out.extend(_char_diff(ta, tb, a0, b0))
        elif op == "replace":
            out.extend(_diff_changed(a, b, spans_a[i1:i2], spans_b[j1:j2], keys_a[i1:i2], keys_b[j1:j2],
                                     min_ratio=min_ratio))
        else:
            out.append(DiffSegment(op, a0, a1, b0, b1, ta, tb))
    return _merge_adjacent(out)


def _merge_adjacent(segments: list[DiffSegment]) -> list[DiffSegment]:
    out: list[DiffSegment] = []
    for seg in segments:
        if seg.a_start == seg.a_end and seg.b_start == seg.b_end:
            continue
        prev = out[-1] if out else None
        if prev and prev.op == seg.op and not prev.masked and not seg.masked and seg.op != "replace":
            out[-1] = DiffSegment(seg.op, prev.a_start, seg.a_end, prev.b_start, seg.b_end,
                                  prev.text_a + seg.text_a, prev.text_b + seg.text_b)
        else:
            out.append(seg)
    return out


#: The kinds of change a diff reports, in display order (``masked``: a replacement where one side is a placeholder).
CHANGE_KINDS = ("replace", "delete", "insert", "masked")


def is_change(seg: DiffSegment) -> bool:
    """A segment that changes the text: not ``equal`` and not a change of line breaks or spaces alone."""
    return seg.op != "equal" and seg.text_a.strip() != seg.text_b.strip()


def change_kind(seg: DiffSegment) -> str:
    """``equal`` or one of :data:`CHANGE_KINDS`."""
    return "masked" if seg.masked else seg.op


def diff_summary(segments: Sequence[DiffSegment], *, a: str, b: str) -> dict:
    """What a diff amounts to, counted on the very segments a side-by-side view lists as changes
    (:func:`is_change`): ``replacements``, ``deletions``, ``insertions`` and ``masked`` (a name replaced by a
    placeholder or back) are numbers of such segments; ``dropped_sentences`` / ``added_sentences`` count the
    sentences inside the deletions / insertions of more than 8 Han characters (a dropped particle is no sentence);
    ``equal_han_a`` is the Han characters of ``a`` left unchanged."""
    def sentences(text: str) -> int:
        return len(split_sentences(text))

    changes = [s for s in segments if is_change(s)]
    kinds = {k: sum(1 for s in changes if change_kind(s) == k) for k in CHANGE_KINDS}
    return {
        "equal_han_a": sum(count_han(s.text_a) for s in segments if s.op == "equal"),
        "han_a": count_han(a), "han_b": count_han(b),
        "replacements": kinds["replace"], "deletions": kinds["delete"], "insertions": kinds["insert"],
        "masked": kinds["masked"],
        "dropped_sentences": sum(sentences(s.text_a) for s in changes
                                 if change_kind(s) == "delete" and count_han(s.text_a) > 8),
        "added_sentences": sum(sentences(s.text_b) for s in changes
                               if change_kind(s) == "insert" and count_han(s.text_b) > 8),
    }
