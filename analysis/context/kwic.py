"""Keyword in context: every occurrence of a word, phrase or regular expression with its left and right context."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, asdict
from typing import Iterable

from analysis.ingest.corpus import Speech
from analysis.errors import InputError
from analysis.phrases.base import context

__all__ = ["KwicRow", "compile_query", "kwic", "kwic_counts", "SORTS"]

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


def compile_query(query: str, *, regex: bool = False) -> re.Pattern:
    """The search pattern: ``query`` literally, or as a regular expression (a clear error when it is invalid)."""
    if not query or not query.strip():
        raise InputError("the search query is empty", zh="检索词为空")
    if not regex:
        return re.compile(re.escape(query))
    try:
        return re.compile(query)
    except re.error as exc:
        raise InputError(f"invalid regular expression {query!r}: {exc}",
                         zh=f"正则表达式 {query!r} 有误：{_regex_error_zh(exc)}") from None


def kwic(speeches: Iterable[Speech], query: str, *, regex: bool = False, width: int = 20,
         sort: str = "position") -> list[KwicRow]:
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
    rows: list[KwicRow] = []
    for sp in speeches:
        for m in pattern.finditer(sp.text):
            if m.end() == m.start():
                continue
            left, match, right = context(sp.text, m.start(), m.end(), width=width)
            rows.append(KwicRow(sp.id, m.start(), left, match.replace("\n", " "), right))
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
