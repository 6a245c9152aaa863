"""Quoted expressions: slogans, formulas, catchwords, campaign names and quoted words; cited documents.

Every expression inside “…”, 「…」, 『…』 or an ASCII "…" pair is reported exactly as written (``kind`` slogan);
book titles in 《…》 are reported with ``cls`` ``document``. The class of a quoted expression is decided by rules,
in this order, with a curated list only where rules cannot decide:

1. ``other`` — reported speech (the quote follows 说/说过/所说的/指出 …, or directly follows such a quote), a
   quote made only of placeholders, or numbers quoted as a label (“50亿元、20亿元”).
2. ``parallel`` — two or more clauses separated by 、，； (时不我待、只争朝夕; 公生明，廉生威).
3. ``name`` — an event or campaign: a campaign suffix (行动, 年, 工程, 活动, 会 …) on four or more characters
   (春风行动, 大干项目年, 9+2招商洽谈会), or a date used as a name (“3.28”).
4. ``numbered_formula`` — a formula found by :mod:`analysis.phrases.formulas` covering the whole quote (六稳, 四个意X,
   XX五), or a short numeral-initial expression (两头在外, 三会).
5. ``single_char`` — one character (“比”, “稳”).
6. ``catchword`` — a metaphor or coined catchword: the curated :data:`CATCHWORDS`, a quote in a simile frame
   (像“绣花”一样, 发扬“店小二”精神), or a coined index (辛苦指数).
7. ``other`` — everything else: words quoted as words (所谓“苦干”, “想到”和“得到”), quoted idioms.
"""
from __future__ import annotations

import re

from analysis.phrases.formulas import NUMERALS
from analysis.text.normalize import PLACEHOLDER_RE
from analysis.phrases.base import PhraseMatch

__all__ = ["detect", "classify", "CATCHWORDS", "CLASSES", "NAME_SUFFIXES"]

CLASSES = ("numbered_formula", "parallel", "catchword", "single_char", "name", "other", "document")

#: Metaphors and coined catchwords that no rule recognises (checked against their use in the built-in speeches).
CATCHWORDS = frozenset({
    "最后一公里", "指挥棒", "店小二", "跳起来摘桃子", "时间表", "任务表", "路线图", "开门红", "放管服",
    "微改造", "微循环", "微更新", "绣花", "思想家", "企业家", "科学家", "施工队长", "施工员", "求精求彩",
    "接力棒", "金字招牌", "老二", "死角", "暗箱", "紧日子", "牛鼻子", "硬骨头", "领头雁", "一把手",
    "娘家人", "关键少数", "绊脚石", "拦路虎", "试金石", "压舱石", "定盘星", "主心骨", "风向标", "晴雨表",
    "过紧日子", "一张蓝图绘到底", "钉钉子", "急难愁盼", "放水养鱼", "筑巢引凤", "腾笼换鸟", "凤凰涅槃",
})
#: Suffixes that make a quoted expression of four or more characters the name of an event or campaign.
NAME_SUFFIXES = ("行动", "工程", "活动", "计划", "战役", "大会", "会", "节", "赛", "年", "月", "周", "论坛",
                 "博会", "交会", "杯")

_QUOTE_RE = re.compile(r"“([^“”\n]+)”|「([^「」\n]+)」|『([^『』\n]+)』|\"([^\"\n]+)\"")
_BOOK_RE = re.compile(r"《([^《》\n]+)》")
_CLAUSE_SEP_RE = re.compile(r"[、，；,;]")
_REPORTED_RE = re.compile(r"(?:说|说过|所说的|说的|指出|讲过|写道|问道|曾说|常说|有言)[，：:,]?$")
_SIMILE_BEFORE_RE = re.compile(r"(?:像|如|似|好比|当好|争当|甘当|做好)$")
_SIMILE_AFTER_RE = re.compile(r"^(?:一样|一般|似的|精神|式)")
_DATE_NAME_RE = re.compile(r"\d{1,2}[.·]\d{1,2}")
_HAS_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def _is_reported(text: str, start: int, prev: PhraseMatch | None, prev_reported: bool) -> bool:
    """``start`` is the offset of the opening quote."""
    if prev is not None and prev.end + 1 == start and prev_reported:
        return True  # “这也不行”“那也不行”: a quote glued to a reported one
    return bool(_REPORTED_RE.search(text[max(0, start - 6):start]))


def classify(content: str, *, before: str = "", after: str = "", reported: bool = False, formula: bool = False
             ) -> str:
    """Class of one quoted expression ``content`` given the text just ``before`` and ``after`` the quotes;
    ``formula``: the formula detector found a formula covering the whole quote."""
    bare = PLACEHOLDER_RE.sub("", content)
    if reported or not _HAS_HAN_RE.search(bare) and not re.search(r"\d", bare):
        return "other"
    clauses = [c for c in _CLAUSE_SEP_RE.split(content) if c]
    if len(clauses) >= 2:
        if any(re.search(r"\d", c) or PLACEHOLDER_RE.search(c) for c in clauses):
            return "other"  # “50亿元、20亿元”: a numeric label, not a slogan
        return "parallel"
    if _DATE_NAME_RE.fullmatch(content):
        return "name"
    if len(content) >= 4 and content.endswith(NAME_SUFFIXES):
        return "name"
    if formula:
        return "numbered_formula"
    if (content[0] in NUMERALS or re.match(r"\d+\+\d+$", content)) and len(content) <= 6:
        return "numbered_formula"
    if len(content) == 1:
        return "single_char"
    if (content in CATCHWORDS or content.endswith("指数") or _SIMILE_BEFORE_RE.search(before)
            or _SIMILE_AFTER_RE.search(after)):
        return "catchword"
    return "other"


def detect(doc, *, found) -> list[PhraseMatch]:
    """Quoted expressions (``kind`` slogan) and 《book titles》 (``cls`` document) in ``doc``'s text, in text order.
    ``found["formula"]``: the formula matches of the same document."""
    text = doc.text
    formula_spans = {(f.start, f.end) for f in found["formula"]}
    out: list[PhraseMatch] = []
    prev: PhraseMatch | None = None
    prev_reported = False
    for m in _QUOTE_RE.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i) is not None)
        content = m.group(g)
        s, e = m.start(g), m.end(g)
        if not content.strip():
            continue
        reported = _is_reported(text, m.start(), prev, prev_reported)
        cls = classify(content, before=text[max(0, m.start() - 4):m.start()], after=text[m.end():m.end() + 4],
                       reported=reported, formula=(s, e) in formula_spans)
        prev = PhraseMatch("slogan", content, content, cls, s, e)
        prev_reported = reported
        out.append(prev)
    for m in _BOOK_RE.finditer(text):
        out.append(PhraseMatch("slogan", m.group(1), m.group(1), "document", m.start(1), m.end(1)))
    out.sort(key=lambda x: x.start)
    return out
