"""Keyword in context: every occurrence of a word, phrase or regular expression with its left and right context."""
from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, asdict
from typing import Iterable

import regex as _regex

from analysis.ingest.corpus import Speech
from analysis.errors import InputError
from analysis.phrases.base import context

try:                                      # the parser behind re.compile (named sre_parse before Python 3.11)
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse

__all__ = ["KwicRow", "SearchTimeout", "compile_query", "deadline", "match_spans", "kwic", "kwic_counts", "SORTS",
           "MAX_QUERY_CHARS", "MAX_EXPANSION", "SEARCH_TIMEOUT"]

#: Orders offered for concordance lines: text order, left context read backwards from the match, right context.
SORTS = ("position", "left", "right")


@dataclass(frozen=True)
class KwicRow:
    """One concordance line; ``offset`` indexes the match start in ``speech.text``."""
    speech: int
    offset: int
    left: str
    match: str
    right: str

    def to_dict(self) -> dict:
        return asdict(self)


# What the regular-expression parser's complaints mean, in Chinese, by the start of its English message.
_REGEX_ERRORS_ZH = (
    ("missing ), unterminated subpattern", "缺少右括号“)”，分组没有闭合"),
    ("missing ), unterminated comment", "缺少右括号“)”，注释没有闭合"),
    ("unbalanced parenthesis", "括号不配对，多了一个“)”"),
    ("unterminated character set", "字符集的“[”没有闭合"),
    ("nothing to repeat", "重复符号（* + ? 或 {}）前面没有可重复的内容"),
    ("multiple repeat", "重复符号连用"),
    ("min repeat greater than max repeat", "重复次数的下限大于上限"),
    ("the repetition number is too large", "重复次数太大"),
    ("bad escape", "无效的转义序列"),
    ("incomplete escape", "转义序列不完整"),
    ("bad character range", "字符范围无效"),
    ("look-behind requires fixed-width pattern", "后行断言只能匹配固定长度"),
    ("unknown group name", "未知的分组名"),
    ("missing group name", "缺少分组名"),
    ("bad character in group name", "分组名中有无效字符"),
    ("redefinition of group name", "分组名重复定义"),
    ("invalid group reference", "无效的分组引用"),
    ("bad group number", "无效的分组编号"),
    ("cannot refer to an open group", "不能引用尚未闭合的分组"),
    ("unknown extension", "未知的扩展语法"),
    ("bad inline flags", "内联标记无效"),
    ("unknown flag", "未知的标记"),
    ("missing flag", "缺少标记"),
    ("too many groups", "分组太多"),
    ("unexpected end of pattern", "表达式意外结束"),
)


def _regex_error_zh(exc: re.error) -> str:
    reason = next((zh for en, zh in _REGEX_ERRORS_ZH if exc.msg.startswith(en)), "语法错误")
    return reason if exc.pos is None else f"{reason}（第 {exc.pos + 1} 个字符处）"


#: Longest accepted query, in characters (a literal phrase or a regular expression).
MAX_QUERY_CHARS = 200
#: Most characters a regular expression may stand for once its counted repeats are written out: the engine
#: unrolls ``(x{1000}){1000}`` into a million copies while compiling, which would take minutes and gigabytes.
MAX_EXPANSION = 10_000
#: Wall-clock seconds one search (every speech together) may run a regular expression before it is stopped.
SEARCH_TIMEOUT = 2.0

_REPEATS = {_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT, getattr(_sre_parse, "POSSESSIVE_REPEAT", None)}


class SearchTimeout(InputError):
    """A regular expression ran past its time limit (it backtracks too much: ``(a+)+$``)."""


def _expansion(items) -> int:
    """Characters ``items`` (a parsed pattern) stand for with every counted repeat written out in full."""
    total = 0
    for op, av in items:
        if op in _REPEATS:
            lo, _hi, sub = av
            total += max(int(lo), 1) * _expansion(sub)
            continue
        parts = av if isinstance(av, (tuple, list)) else (av,)
        inner = 0
        for part in parts:
            if isinstance(part, _sre_parse.SubPattern):
                inner += _expansion(part)
            elif isinstance(part, list) and part and all(isinstance(x, _sre_parse.SubPattern) for x in part):
                inner += sum(_expansion(x) for x in part)      # the branches of an alternation
        total += max(inner, 1)
    return total


def compile_query(query: str, *, regex: bool = False) -> _regex.Pattern:
    """The search pattern: ``query`` literally, or as a regular expression (a clear error when it is invalid,
    longer than :data:`MAX_QUERY_CHARS` or repeating more than :data:`MAX_EXPANSION` characters).

    The syntax is Python's :mod:`re`; matching uses the ``regex`` engine, which can stop a match after a time limit
    (see :func:`match_spans`) and lets other threads run while it matches.
    """
    if not query or not query.strip():
        raise InputError("the search query is empty", zh="检索词为空")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"the search query is too long ({len(query)} characters; at most {MAX_QUERY_CHARS})",
                         zh=f"检索词太长（{len(query)} 个字符，最多 {MAX_QUERY_CHARS} 个）")
    if not regex:
        return _regex.compile(_regex.escape(query))
    try:
        re.compile(query)
        size = _expansion(_sre_parse.parse(query))
    except re.error as exc:
        raise InputError(f"invalid regular expression {query!r}: {exc}",
                         zh=f"正则表达式 {query!r} 有误：{_regex_error_zh(exc)}") from None
    except RecursionError:
        size = MAX_EXPANSION + 1
    if size > MAX_EXPANSION:
        raise InputError(f"the regular expression {query!r} repeats too much (over {MAX_EXPANSION:,} characters "
                         "once its counted repeats such as {1000} are written out); use smaller counts",
                         zh=f"正则表达式 {query!r} 重复次数太多（按 {{1000}} 这类计数展开后超过 {MAX_EXPANSION:,} 个字符）；"
                            "请减小重复次数")
    try:
        return _regex.compile(query)
    except _regex.error as exc:
        raise InputError(f"invalid regular expression {query!r}: {exc}",
                         zh=f"正则表达式 {query!r} 有误：语法错误") from None


def deadline(regex: bool, timeout: float | None = SEARCH_TIMEOUT) -> float | None:
    """When a search that starts now must end (``time.monotonic()``): ``None`` (no limit) for a literal query,
    which cannot backtrack, or when ``timeout`` is ``None``."""
    return None if not regex or timeout is None else time.monotonic() + timeout


def _timeout_error(limit: float | None) -> SearchTimeout:
    secs = f"{limit:g}" if limit is not None else f"{SEARCH_TIMEOUT:g}"
    return SearchTimeout(f"the regular expression took longer than {secs} s and was stopped (nested repeats such as "
                         "(a+)+ can take practically forever); make it simpler or more specific",
                         zh=f"正则表达式运行超过 {secs} 秒，已停止（(a+)+ 这类嵌套重复可能几乎永远算不完）；"
                            "请把它写得更简单或更具体")


def match_spans(pattern: _regex.Pattern, text: str, *, until: float | None = None,
                limit: float | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty, non-overlapping match of ``pattern`` in ``text``.

    ``until`` is a :func:`deadline`: past it the search stops with :class:`SearchTimeout` (``limit``, the time
    allowed in seconds, is named in the message)."""
    if until is None:
        return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    left = until - time.monotonic()
    try:
        if left <= 0:
            raise TimeoutError
        return [m.span() for m in pattern.finditer(text, timeout=left) if m.end() > m.start()]
    except TimeoutError:
        raise _timeout_error(limit) from None


def kwic(speeches: Iterable[Speech], query: str, *, regex: bool = False, width: int = 20,
         sort: str = "position", timeout: float | None = SEARCH_TIMEOUT) -> list[KwicRow]:
    """Concordance lines of ``query`` in each speech, ``width`` characters of context on each side.

    Matches do not overlap (regular-expression semantics) and empty matches are skipped. Newlines in contexts
    are shown as spaces. ``sort``: ``position`` (speech, offset), ``left`` (by the left context read from the
    match outwards, so words ending the same way group together) or ``right`` (by the right context).
    """
    if width < 0:
        raise InputError("the context width must not be negative", zh="上下文宽度不能为负数")
    if sort not in SORTS:
        raise InputError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}",
                         zh=f"未知的排序方式 {sort!r}；可选：{'、'.join(SORTS)}")
    pattern = compile_query(query, regex=regex)
    until = deadline(regex, timeout)
    rows: list[KwicRow] = []
    for sp in speeches:
        for start, end in match_spans(pattern, sp.text, until=until, limit=timeout):
            left, match, right = context(sp.text, start, end, width=width)
            rows.append(KwicRow(sp.id, start, left, match.replace("\n", " "), right))
    if sort == "left":
        rows.sort(key=lambda r: (r.left[::-1], r.match, r.speech, r.offset))
    elif sort == "right":
        rows.sort(key=lambda r: (r.right, r.match, r.speech, r.offset))
    return rows


def kwic_counts(rows: Iterable[KwicRow], speeches: Iterable[Speech]) -> list[dict]:
    """Matches per speech (every speech listed, zeros included) with the rate per 10,000 characters."""
    n = Counter(r.speech for r in rows)
    out = []
    for sp in speeches:
        chars = max(len(sp.text) - sp.text.count("\n"), 1)
        out.append({"speech": sp.id, "title": sp.title, "count": n[sp.id],
                    "per_10k": round(n[sp.id] * 10_000 / chars, 2)})
    return out
