"""Quoted expressions: slogans, formulas, catchwords, campaign names and quoted words; cited documents.

Every expression inside “…”, 「…」, 『…』 or an ASCII "…" pair is reported exactly as written (``kind`` slogan);
book titles in 《…》 are reported with ``cls`` ``document``. The class of a quoted expression is decided by rules
of the language, in this order, with a curated list only where rules cannot decide; ``source`` names the rule:

1. ``masked`` — only anonymisation placeholders, perhaps with a unit (“X”, “XX”, “*人”).
2. ``other`` — reported speech (the quote follows 说/指出 …, or directly follows such a quote), or numbers quoted as
   a label (“50亿元、20亿元”).
3. ``numbered_formula`` — a formula found by :mod:`analysis.phrases.formulas` covering the whole quote (六稳,
   一国两制, 四个意X, and quoted numeral expressions that its grammar accepts: 两头在外, 三会; never 三年).
4. ``name`` — a programme, project, campaign, event, experience or period: a campaign suffix (行动, 工程, 活动,
   经验, 运动, 下乡 …; 年 only after a theme, 大干项目年, never 三年) on four or more characters, a reform
   abbreviation X改Y (营改增), a date used as a name (“3.28”), or the name of a craft or vessel: a name and a
   number + 号 (“神舟五号”, “渤海2号”).
5. ``parallel`` — two or more coordinated clauses or phrases separated by 、，； (时不我待、只争朝夕).
6. ``single_char`` — one character (“比”, “稳”); but “左” and “右”, the political scare quotes (防止“左”), are
   ``other``.
7. ``catchword`` — a coined catchword or metaphor: the curated :data:`CATCHWORDS`, a quote in a simile frame
   (像“绣花”一样, 发扬“店小二”精神), a coined index (辛苦指数), an “X+” coinage (互联网+), a directional
   coinage (走出去, 引进来), a 最-slogan (最多跑一次), or any other quoted unit of three or more characters that is
   not a sentence, not a dictionary idiom and not a single ordinary word (灰犀牛, 僵尸企业, 紧日子).
8. ``other`` — everything else: words quoted as words (所谓“苦干”, “想到”和“得到”), quoted idioms, scare quotes
   (also a quote used as a pretext, 以“经济互助”为名, 打着“…”的旗号, decided right after rule 3); but a word quoted as
   the name of a policy (「包下来」的政策, “…”方针) is a ``catchword``.

A quoted text has one class in a speech: its occurrences take the most specific class any of them gets (a simile
frame around one occurrence makes every occurrence of that text a catchword), so its count is never split.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from analysis.phrases.base import PhraseMatch
from analysis.text.normalize import PLACEHOLDER_RE

__all__ = ["detect", "classify", "CATCHWORDS", "CLASSES", "NAME_SUFFIXES"]

CLASSES = ("numbered_formula", "parallel", "catchword", "single_char", "name", "masked", "other", "document")

#: Metaphors and coined catchwords of two characters, or ordinary words used as catchwords, that no rule
#: recognises (checked against their use in the built-in speeches).
CATCHWORDS = frozenset({
    "绣花", "老二", "死角", "暗箱", "思想家", "企业家", "科学家", "施工员", "施工队长", "时间表", "任务表", "路线图",
    "开门红", "求精求彩", "接力棒", "指挥棒", "店小二", "紧日子",
})
#: Suffixes that make a quoted expression of four or more characters the name of a programme, project, campaign,
#: event, experience or period.
NAME_SUFFIXES = ("行动", "工程", "活动", "计划", "战役", "大会", "会", "节", "赛", "论坛", "博会", "交会", "杯", "经验",
                 "运动", "革命", "下乡", "进万家", "试验区", "示范区", "工作法", "模式", "项目", "月", "周")
# Priority when one quoted text got different classes at different places in one speech.
_SPECIFIC = ("masked", "numbered_formula", "document", "name", "parallel", "catchword", "single_char", "other")

_QUOTE_RE = re.compile(r"“([^“”\n]+)”|「([^「」\n]+)」|『([^『』\n]+)』|\"([^\"\n]+)\"")
_BOOK_RE = re.compile(r"《([^《》\n]+)》")
_CLAUSE_SEP_RE = re.compile(r"[、，；,;]")
_REPORTED_RE = re.compile(r"(?:说|说过|所说的|说的|指出|讲过|写道|问道|曾说|常说|有言)[，：:,]?$")
_SIMILE_BEFORE_RE = re.compile(r"(?:像|如|似|好比|当好|争当|甘当|做好|做|当)$")
_SIMILE_AFTER_RE = re.compile(r"^(?:一样|一般|似的|精神|式)")
_DATE_NAME_RE = re.compile(r"\d{1,2}[.·]\d{1,2}")
_HAS_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# A quote used as a pretext is a scare quote (以“经济互助”为名, 打着“支援革命”的旗号): not the speaker's slogan.
_PRETEXT_AFTER_RE = re.compile(r"^(?:为名|之名|的名义|的旗号|的幌子|的外衣|的招牌)")
# A word quoted as the name of a policy (「包下来」的政策) is that policy's catchword, not a word quoted as a word.
_POLICY_AFTER_RE = re.compile(r"^的?(?:政策|方针|口号)")
_THEME_YEAR_RE = re.compile(r"[\u4e00-\u9fff]{3,}[^\d一二三四五六七八九十百千两几多]年$")
_CRAFT_NAME_RE = re.compile(r"(?![一二三四五六七八九十两第])[\u4e00-\u9fff]{1,4}?(?:\d{1,3}|[一二三四五六七八九十]{1,3})号")
_SCARE_QUOTED = frozenset("左右")
_REFORM_RE = re.compile(r"[\u4e00-\u9fff]{1,2}改[\u4e00-\u9fff]{1,2}")
_DIRECTIONAL_RE = re.compile(r"[\u4e00-\u9fff]{1,2}(?:出去|进来|上来|下去|起来|回来|过来)")
# Function words that make a quote a sentence or a clause, not a unit (这也不行, 我们要干出成效).
_SENTENCE_RE = re.compile(r"[的了是也就都还要能会吗呢吧我你他们这那么什]")
_MASK_UNIT_RE = re.compile(r"[人元亿万个家户名年月日号市县区省镇村]?")


def _is_masked(content: str) -> bool:
    """Only placeholders, perhaps with a unit (“X”, “XX”, “*人”, “X亿元”)."""
    bare = PLACEHOLDER_RE.sub("", content).replace(" ", "")
    return bare != content.replace(" ", "") and bool(re.fullmatch(r"[人元亿万个家户名年月日号市县区省镇村]{0,2}", bare))


def _is_reported(text: str, start: int, prev: PhraseMatch | None, prev_reported: bool) -> bool:
    """``start`` is the offset of the opening quote."""
    if prev is not None and prev.end + 1 == start and prev_reported:
        return True  # “这也不行”“那也不行”: a quote glued to a reported one
    return bool(_REPORTED_RE.search(text[max(0, start - 6):start]))


def classify(content: str, *, before: str = "", after: str = "", reported: bool = False, formula: bool = False,
             words: tuple[tuple[str, str], ...] = ()) -> str:
    """Class of one quoted expression ``content`` given the text just ``before`` and ``after`` the quotes;
    ``formula``: the formula detector found a formula covering the whole quote; ``words``: the segmentation's
    (token, tag) pairs inside the quote, when known."""
    return _classify(content, before=before, after=after, reported=reported, formula=formula, words=words)[0]


def _classify(content, *, before, after, reported, formula, words) -> tuple[str, str]:
    from analysis.phrases.idiom_data import idiom_set
    if _is_masked(content):
        return "masked", "rule:placeholder"
    bare = PLACEHOLDER_RE.sub("", content)
    if reported:
        return "other", "rule:reported"
    if not _HAS_HAN_RE.search(bare) and not re.search(r"\d", bare):
        return "other", "rule:no-text"
    if formula:
        return "numbered_formula", "rule:formula"
    if _PRETEXT_AFTER_RE.search(after):
        return "other", "rule:pretext"
    clauses = [c for c in _CLAUSE_SEP_RE.split(content) if c]
    if _DATE_NAME_RE.fullmatch(content):
        return "name", "rule:date"
    if _CRAFT_NAME_RE.fullmatch(content):
        return "name", "rule:craft-name"
    if len(content) >= 4 and (content.endswith(NAME_SUFFIXES) or _THEME_YEAR_RE.search(content)) and (
            len(clauses) < 2 or all(len(c) <= 3 for c in clauses[:-1])):
        return "name", "rule:name-suffix"
    if len(clauses) >= 2:
        if any(re.search(r"\d", c) or PLACEHOLDER_RE.search(c) for c in clauses):
            return "other", "rule:numeric-label"   # “50亿元、20亿元”: a numeric label, not a slogan
        return "parallel", "rule:clauses"
    if content in _SCARE_QUOTED:
        return "other", "rule:scare-quote"   # “左”: the political scare quote, not a one-character slogan
    if len(content) == 1:
        return "single_char", "rule:one-char"
    if _REFORM_RE.fullmatch(content) and len(content) <= 4:
        return "name", "rule:reform"
    if content in CATCHWORDS:
        return "catchword", "list:catchwords"
    if content.endswith("指数") or _SIMILE_BEFORE_RE.search(before) or _SIMILE_AFTER_RE.search(after):
        return "catchword", "rule:simile"
    if content.endswith("+") or _DIRECTIONAL_RE.fullmatch(content) or (content.startswith("最") and len(content) >= 3):
        return "catchword", "rule:coinage"
    if content in idiom_set():
        return "other", "rule:quoted-idiom"
    if 3 <= len(content) <= 8 and not _SENTENCE_RE.search(content) and not (
            len(words) == 1 and words[0][1].startswith(("v", "a", "d"))):
        return "catchword", "rule:coined-unit"
    if _POLICY_AFTER_RE.search(after):
        return "catchword", "rule:policy-frame"
    return "other", "rule:word"


def detect(doc, *, found) -> list[PhraseMatch]:
    """Quoted expressions (``kind`` slogan) and 《book titles》 (``cls`` document) in ``doc``'s text, in text order.
    ``found["formula"]``: the formula matches of the same document."""
    text = doc.text
    seg = doc.segmentation
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
        i = bisect_left(seg.starts, s)
        words = []
        while i < len(seg.starts) and seg.starts[i] < e:
            words.append((seg.tokens[i], seg.tags[i]))
            i += 1
        cls, source = _classify(content, before=text[max(0, m.start() - 4):m.start()],
                                after=text[m.end():m.end() + 4], reported=reported,
                                formula=(s, e) in formula_spans, words=tuple(words))
        prev = PhraseMatch("slogan", content, content, cls, s, e, source=source)
        prev_reported = reported
        out.append(prev)
    # One class per quoted text in a speech: the most specific its occurrences got (reported speech stays other).
    best: dict[str, tuple[str, str]] = {}
    for x in out:
        if x.source == "rule:reported":
            continue
        if x.phrase not in best or _SPECIFIC.index(x.cls) < _SPECIFIC.index(best[x.phrase][0]):
            best[x.phrase] = (x.cls, x.source)
    out = [x if x.source == "rule:reported" or best[x.phrase][0] == x.cls else
           PhraseMatch("slogan", x.phrase, x.canonical, best[x.phrase][0], x.start, x.end, source=best[x.phrase][1])
           for x in out]
    for m in _BOOK_RE.finditer(text):
        out.append(PhraseMatch("slogan", m.group(1), m.group(1), "document", m.start(1), m.end(1),
                               source="rule:book-title"))
    out.sort(key=lambda x: x.start)
    return out
