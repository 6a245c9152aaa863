"""Parallel runs (排比): three or more items sharing a head, a tail or a numbered frame.

Four frame types (``cls``):

* ``shared_head`` — clauses separated by 、 or ， that open with the same characters: 讲悟性、讲责任、讲务实
  (``canonical`` 讲X). A lead-in before the first item (就是要讲悟性) and a run-on after the last (一流状态推进各项工作)
  are trimmed; a connective opening a later item (更是一种追求) is not part of the frame. Consecutive sentences of
  one paragraph whose opening clauses share two or more characters form a run too (要借优惠政策之势，…。要借…).
* ``shared_tail`` — clauses that end with the same characters: 苦干、实干、巧干 (``canonical`` X干).
* ``enumeration`` — numbered items inside the text: 一是…二是…三是, 一要…二要…三要, 一问…二问…三问.
* ``section`` — numbered paragraph headings: 第一，…第二，…; 一、…二、…; （一）…（二）….

Numbered items must follow each other in order from 一 and open a paragraph or follow sentence punctuation
(so 统一要求 and 第一方阵 are not markers). ``members`` are the items (for numbered runs the item text up to the end
of its sentence), ``phrase`` the run's text. Lists of institutions sharing an administrative prefix (市人大、市政协、
市纪委) are lists, not rhetoric, and are not reported.
"""
from __future__ import annotations

import os
import re

from analysis.phrases.base import PhraseMatch
from analysis.text.numerals import han_number

__all__ = ["detect", "MIN_ITEMS"]

MIN_ITEMS = 3
_NUM = "[一二三四五六七八九十]{1,3}"
# A marker opens a paragraph (_PARA) or follows sentence punctuation (_BOUNDARY). The regexes start with the marker
# itself, so the engine can skip ahead, and the character before a match is checked after: a match never holds a
# boundary character, so no valid marker can hide inside a rejected one.
_BOUNDARY = "\n。；：，！？"
_PARA = "\n"
# (cls, family, marker regex with the number in group 1, canonical template, characters that may precede it)
_MARKERS = (
    ("section", "第", re.compile(rf"第({_NUM})(?=[，、：])"), "第{}", _PARA),
    ("section", "、", re.compile(rf"({_NUM})、"), "{}、", _PARA),
    ("section", "（", re.compile(rf"（({_NUM})）"), "（{}）", _PARA),
    ("enumeration", "是", re.compile(rf"({_NUM})是"), "{}是", _BOUNDARY),
    ("enumeration", "要", re.compile(rf"({_NUM})要"), "{}要", _BOUNDARY),
    ("enumeration", "问", re.compile(rf"({_NUM})问"), "{}问", _BOUNDARY),
    ("enumeration", "抓", re.compile(rf"({_NUM})抓"), "{}抓", _BOUNDARY),
    ("enumeration", "看", re.compile(rf"({_NUM})看"), "{}看", _BOUNDARY),
)
_MAX_GAP = 1500          # characters between two numbered items of one run
_ITEM_END_RE = re.compile(r"[。；！？\n]")
_SENTENCE_RE = re.compile(r"[^。！？；：\n]+")
_CLAUSE_RE = re.compile(r"[^、，]+")
_CONNECTIVES = ("更是", "还要", "更要", "也要", "又要", "而且", "同时", "还是", "更", "还", "也", "又", "并")
_MAX_ITEM = 10
_MAX_FIRST = 16          # a longer first clause is a sentence, not the first item of a run
_QUOTES = "“”「」『』\"‘’"
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# Heads and tails that never make a frame: function characters and administrative prefixes of institution lists.
_BAD_HEADS = set("的了和与及等市省县区")
_BAD_TAILS = set("的了等中上下里们会国市省县区")


def _numbered_runs(text: str) -> list[PhraseMatch]:
    out = []
    for cls, _family, rx, template, before in _MARKERS:
        runs: list[list[re.Match]] = []
        current: list[re.Match] = []
        for m in rx.finditer(text):
            if m.start() and text[m.start() - 1] not in before:
                continue
            n = han_number(m.group(1))
            near = cls == "section" or m.start() - current[-1].end() <= _MAX_GAP if current else True
            if current and n == han_number(current[-1].group(1)) + 1 and near:
                current.append(m)
                continue
            if len(current) >= MIN_ITEMS:
                runs.append(current)
            current = [m] if n == 1 else []
        if len(current) >= MIN_ITEMS:
            runs.append(current)
        for run in runs:
            members = []
            for m in run:
                end_m = _ITEM_END_RE.search(text, m.end())
                end = end_m.start() if end_m else len(text)
                members.append((m.start(), end))
            start, end = members[0][0], members[-1][1]
            canonical = "…".join(template.format(m.group(1)) for m in run)
            out.append(PhraseMatch("parallel", text[start:end], canonical, cls, start, end,
                                   members=tuple(text[s:e] for s, e in members)))
    return out


_CONNECTIVE_FIRST = frozenset(c[0] for c in _CONNECTIVES)


def _strip_connective(s: int, e: int, text: str) -> int:
    if s >= len(text) or text[s] not in _CONNECTIVE_FIRST:
        return s
    for c in _CONNECTIVES:
        if text.startswith(c, s) and e - s > len(c) + 1:
            return s + len(c)
    return s


def _strip_quotes(s: int, e: int, text: str) -> tuple[int, int]:
    while s < e and text[s] in _QUOTES:
        s += 1
    while e > s and text[e - 1] in _QUOTES:
        e -= 1
    return s, e


def _common_prefix(items: list[str]) -> str:
    return os.path.commonprefix(items)   # the common prefix of the smallest and the largest item


def _common_suffix(items: list[str]) -> str:
    return _common_prefix([it[::-1] for it in items])[::-1]


def _similar(length: int, others: list[int], *, slack: int = 3) -> bool:
    """An edge item may be a little shorter or longer than the others, not a different kind of clause."""
    return min(others) - 1 <= length <= max(others) + slack


def _uniform(middle: list[str]) -> bool:
    """Middle items of one run have comparable lengths and the same structure (的 in all or in none)."""
    lengths = [len(m) for m in middle]
    return max(lengths) <= 2 * min(lengths) + 1


def _same_structure(item: str, middle: list[str]) -> bool:
    # 紧盯不落实的人，不护短、不遮丑: a modifier phrase (…的…) is not an item of a run of bare verb phrases.
    return ("的" in item) == any("的" in m for m in middle) or not any("的" in m for m in middle) and "的" not in item


def _head_run(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]], bool] | None:
    """A head shared by every item of ``spans`` (clauses) after trimming a lead-in and a run-on."""
    middle = [text[s:e] for s, e in spans[1:-1]]
    (fs, fe), (ls, le) = spans[0], spans[-1]
    if any(len(m) > _MAX_ITEM for m in middle) or not _uniform(middle):
        return None
    q = next((i for i in range(ls + 1, le) if text[i] in _QUOTES), le)
    le = q  # 精彩“精”: a quote inside the last clause ends the item
    full = _common_prefix(middle + [text[ls:le]])
    for size in range(len(full), 0, -1):
        head = full[:size]
        if not _HAN_RE.match(head[0]) or head[0] in _BAD_HEADS or any(len(m) <= size for m in middle):
            continue
        k = text.rfind(head, fs, fe)
        if k < 0 or fe - k <= size or le - ls <= size:
            continue
        lengths = [len(m) for m in middle]
        if not _similar(fe - k, lengths, slack=2) or not _same_structure(text[k:fe], middle):
            continue
        clean = le - ls <= max(lengths) + 2
        end = le if clean else ls + max(lengths)
        return head, [(k, fe)] + spans[1:-1] + [(ls, end)], clean
    return None


def _tail_run(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]], bool] | None:
    middle = [text[s:e] for s, e in spans[1:-1]]
    (fs, fe), (ls, le) = spans[0], spans[-1]
    if any(len(m) > _MAX_ITEM for m in middle) or fe - fs > _MAX_FIRST or not _uniform(middle):
        return None
    full = _common_suffix([text[fs:fe]] + middle)
    for size in range(len(full), 0, -1):
        tail = full[-size:]
        if not _HAN_RE.match(tail[-1]) or tail[-1] in _BAD_TAILS or any(len(m) <= size for m in middle):
            continue
        start = max(fs, fe - len(middle[0]))
        opener = _common_prefix(middle + [text[ls:le]])[:1]
        k0 = text.rfind(opener, fs, fe) if opener else -1
        if k0 >= 0 and _similar(fe - k0, [len(m) for m in middle]):
            start = k0  # 从目前全市资源禀赋来看: the items also open alike, so the first one starts there
        if fe - start <= size:
            continue
        ends = [le - size] if text.endswith(tail, ls, le) else []
        first = text.find(tail, ls, le)
        if first >= 0 and le - (first + size) >= 3:
            ends.append(first)  # a run-on last item; not 日本等发达国家, where the tail is only part of a word
        k = next((k for k in ends if k - ls >= 1 and _similar(k + size - ls, [len(m) for m in middle])), -1)
        if k < 0:
            continue
        clean = k == le - size
        return tail, [(start, fe)] + spans[1:-1] + [(ls, k + size)], clean
    return None


def _window_limit(lengths: list[int], i: int) -> int:
    """The largest window end ``j`` from clause ``i`` whose middle items (``i + 1 … j - 2``) can make a run: each at
    most ``_MAX_ITEM`` characters and :func:`_uniform`. Both run finders reject every longer window, and the
    conditions only get worse as a window grows, so longer windows need not be tried."""
    j = i + 2
    lo = hi = 0
    for k in range(i + 1, len(lengths) - 1):     # k: the last middle item of the window ending at k + 2
        n = lengths[k]
        if n > _MAX_ITEM:
            break
        lo, hi = (n, n) if k == i + 1 else (min(lo, n), max(hi, n))
        if hi > 2 * lo + 1:
            break
        j = k + 2
    return j


def _alike_spans(text: str, clauses: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """For each clause ``k``: the last clause of the stretch from ``k`` whose clauses all open with the same Han
    character, and the last of the stretch whose clauses all end with the same Han character (``k - 1`` when
    clause ``k`` itself has none)."""
    n = len(clauses)
    firsts = [text[s] if e > s and _HAN_RE.match(text[s]) else None for s, e in clauses]
    lasts = [text[e - 1] if e > s and _HAN_RE.match(text[e - 1]) else None for s, e in clauses]
    spans = []
    for chars in (firsts, lasts):
        reach = [0] * (n + 1)
        reach[n] = n - 1
        for k in range(n - 1, -1, -1):
            if chars[k] is None:
                reach[k] = k - 1
            elif k + 1 < n and chars[k + 1] == chars[k]:
                reach[k] = reach[k + 1]
            else:
                reach[k] = k
        spans.append(reach)
    return spans[0], spans[1]


def _runs_over(text: str, clauses: list[tuple[int, int]], *, min_shared: int) -> list[PhraseMatch]:
    """Maximal head/tail runs over a sequence of clause spans, left to right."""
    if len(clauses) < MIN_ITEMS:
        return []
    heads, tails = _alike_spans(text, clauses)
    # A head run needs two adjacent clauses opening alike, a tail run two ending alike: most sentences have neither.
    if all(heads[k] <= k for k in range(len(clauses))) and all(tails[k] <= k for k in range(len(clauses))):
        return []
    out = []
    i = 0
    lengths = [e - s for s, e in clauses]
    while i + MIN_ITEMS <= len(clauses):
        limit = min(len(clauses), _window_limit(lengths, i))
        # A head run needs the middle items and the last one to open with one character (clauses i+1 … j-1), a
        # tail run the first and the middle ones to end with one (i … j-2): longer windows cannot succeed.
        limits = {"shared_head": min(limit, heads[i + 1] + 1), "shared_tail": min(limit, tails[i] + 2)}
        candidates = []
        for cls, fn in (("shared_head", _head_run), ("shared_tail", _tail_run)):
            if limits[cls] < i + MIN_ITEMS:
                continue
            found = False
            for want_clean in (True, False):
                if found or (not want_clean and cls == "shared_head"):
                    break
                # The longest window first; a run-on last item only when no clean run exists here.
                for j in range(limits[cls], i + MIN_ITEMS - 1, -1):
                    res = fn(text, clauses[i:j])
                    if res and len(res[0]) >= min_shared and (res[2] or cls == "shared_head" or not want_clean):
                        shared, spans, _ = res
                        candidates.append((len(spans), len(shared), cls == "shared_head", cls, shared, spans, j))
                        found = True
                        break
        if not candidates:
            i += 1
            continue
        *_, cls, shared, spans, j = max(candidates, key=lambda c: c[:3])
        start, end = spans[0][0], spans[-1][1]
        canonical = f"{shared}X" if cls == "shared_head" else f"X{shared}"
        out.append(PhraseMatch("parallel", text[start:end], canonical, cls, start, end,
                               members=tuple(text[s:e] for s, e in spans)))
        i = j
    return out


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = [(start + m.start(), start + m.end()) for m in _CLAUSE_RE.finditer(text[start:end])]
    return [_strip_quotes(_strip_connective(s, e, text) if i else s, e, text) for i, (s, e) in enumerate(spans)]


def _shared_runs(text: str) -> list[PhraseMatch]:
    out = []
    for sent in _SENTENCE_RE.finditer(text):
        s, e = sent.span()
        if text.count("、", s, e) + text.count("，", s, e) < MIN_ITEMS - 1:
            continue   # fewer than three clauses: no run
        out += _runs_over(text, _clauses(text, s, e), min_shared=1)
    # Runs of sentences in one paragraph whose opening clauses share a frame of two or more characters
    # (要借优惠政策之势，…。要借产业转移之势，…。要借区域发展之势，…).
    for para in re.finditer(r"[^\n]+", text):
        openers = []
        for sent in re.finditer(r"[^。！？；]+", para.group(0)):
            # only the opening clause counts here (the first clause is never stripped of a connective)
            first = _CLAUSE_RE.search(text, para.start() + sent.start(), para.start() + sent.end())
            if first:
                openers.append(_strip_quotes(first.start(), first.end(), text))
        out += [m for m in _runs_over(text, openers, min_shared=2)
                if not any(o.start <= m.start and m.end <= o.end for o in out)]
    return out


def detect(doc, *, found=None) -> list[PhraseMatch]:
    """Parallel runs of three or more items in ``doc``'s text, in text order (see the module docstring)."""
    text = doc.text
    return sorted(_numbered_runs(text) + _shared_runs(text), key=lambda m: (m.start, -(m.end - m.start)))
