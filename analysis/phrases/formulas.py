"""Numbered formulas (数字式提法): 四个意识, 六稳, 双循环, 新三样, 三大攻坚战, 一国两制, 十四五 …

A numbered formula is an expression in which a numeral names a fixed, citable set of items or a programme. The
same shapes are far more often ordinary counting (三个方面, 两个月, 三年, 5个百分点), ordinals (第三, 十九大,
十一届三中全会) or names (一把手, 三峡), so a match needs either the knowledge base or a shape of the numeral
grammar that counting does not take. Every match says why it was counted (``source``):

* ``kb`` — a wording or variant of an entry of the knowledge base ``data/formulas.tsv`` (reviewed entries with
  glosses and the years each was used in the national reports), quoted or not, inside a quoted list or not.
  Entries of two characters (六稳, 三农, 双创) count only as a whole word of the segmentation or as the first
  part of a word whose rest is a dictionary word (四化建设; not 三通道); plan names of two characters (七五,
  十五) only in a plan context (“七五”, 七五计划, 十五期间), never as numbers (十五年). Nothing preceded by 第
  or by another numeral counts (第三个代表, 二十六稳).
* ``kb-masked`` — an entry with some characters replaced by anonymisation placeholders (四个意X, XX五).
* ``grammar:plan`` — a five-year plan name not in the knowledge base: 十N五 standing alone, or written out
  (第十个五年计划 → 十五).
* ``grammar:verbal-head`` — numeral (two or more) + 个/项/条 + a verb, idiom or negated verb as its head
  (三个有利于, 两个毫不动摇, 四个不摘), or an adjective standing alone before punctuation (四个伟大): counting needs a
  noun, so a predicate after the classifier names a set of principles.
* ``grammar:abstract-head`` — numeral + 个 + a noun in 性 (两个积极性).
* ``grammar:da`` — numeral + 大 + a noun head of one or two words of the segmentation (六大产业集群, 三大攻坚战);
  never a congress ordinal (十八大精神, 党的十九大), never an ordinary head (三大类, 两大方面).
* ``grammar:basic-set`` — numeral + 个/项/条 + 基本 + a noun of doctrine (三项基本准则, 两项基本国策): what is
  called *basic* and counted is a fixed set, even right after its items are listed.
* ``grammar:zi`` — numeral + 字 + 方针/宪法/方略/要诀 (八字方针, 十六字方针): a guideline named by its number of
  characters.
* ``grammar:articles`` — 新/非公 + a number + 条 standing alone (新36条): a policy document named by its number of
  articles.
* ``grammar:plus`` — Arabic 1+N shapes (1+5, 1+N, 1+X).
* ``grammar:quoted`` — a quoted numeral expression that is not a count, amount, date or ordinal (“三会”,
  “两头在外”, “双碳”, “三去一降一补”).

``data/not_formulas.txt`` lists reviewed look-alikes (counts, ordinals, names); a candidate equal to one of them is
dropped unless a longer knowledge-base wording covers it. When matches overlap, the knowledge base wins over a
masked form, and a masked form over a grammar shape; the longer match wins among equals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from pathlib import Path

from analysis.paths import data_path
from analysis.phrases.base import PhraseMatch, resolve_overlaps
from analysis.text.numerals import han_number
from analysis.text.segment import in_dictionary

__all__ = ["detect", "find_in_text", "Formula", "load_knowledge_base", "load_formulas", "load_not_formulas",
           "KB_PATH", "NOT_FORMULAS_PATH", "NUMERALS"]

KB_PATH = data_path("formulas.tsv")
NOT_FORMULAS_PATH = data_path("not_formulas.txt")

#: Han numerals that open a formula.
NUMERALS = "一二三四五六七八九十两双百千"
_DIGITS = "一二三四五六七八九十两百千万零〇"
_MASK = "X×*"
_OPEN_QUOTES = "“「『\""
_CLOSE_QUOTES = "”」』\""
_HAN = r"\u4e00-\u9fff"

# What may follow a two-character plan name (七五, 十五) for it to be the plan and not a number.
_PLAN_CONTEXT = ("计划", "规划", "时期", "期间", "末", "初", "前期", "中期", "后期", "以来", "开局", "纲要")
_PLAN_SHORT_RE = re.compile(r"^(?:[一二三四五六七八九]|十[一二三四五六七八九]?)五$")
_PLAN_RE = re.compile(r"十[一二三四五六七八九]五")
_PLAN_WRITTEN_RE = re.compile(r"第([一二三四五六七八九十]{1,3})个五年(?:计划|规划)")
# Units after a numeral that make it a count, amount or date, not a plan or formula.
_UNIT_AFTER = tuple("年岁个万亿倍次人天日月元吨户家项条件所名%‰")
_CLASSIFIER_RE = re.compile(r"([二三四五六七八九十两]|十[一二三四五六七八九])(个|项|条)")
_DA_RE = re.compile(r"([二三四五六七八九十两]|[一二]?十[一二三四五六七八九]?)大")
_BASIC_SET_RE = re.compile(r"([二三四五六七八九十两]|十[一二三四五六七八九])(?:个|项|条)基本(?:原则|准则|国策|方针|路线|纲领|经验)")
_ZI_RE = re.compile(r"([二三四五六七八九十两]|[一二三]?十[一二三四五六七八九]?)字(?:方针|宪法|方略|要诀)")
_ARTICLES_RE = re.compile(rf"(?:新|非公)(?:\d{{1,2}}|[二三四五六七八九十]{{1,3}})条(?![{_HAN}\d])")
_PLUS_RE = re.compile(r"(?<![\d.+=])\d{1,2}\+(?:\d{1,2}|N|X|n|x)(?:\+\d{1,2})*(?![\d.+=%])")
_QUOTED_RE = re.compile(r"[“「『\"]([^“”「」『』\"\n]{2,10})[”」』\"]")
_NUMERAL_EXPR_RE = re.compile(rf"[{NUMERALS}][{_HAN}]{{1,9}}|[{_HAN}]{{1,2}}[二三四五六七八九两][{_HAN}]{{1,2}}")
_NUMBERED_RE = re.compile(rf"[{NUMERALS}万\d]")
_COUNT_RE = re.compile(rf"^[{_DIGITS}]+(?:个|项|条|种|批|次|件|位|名|所|家|大)?(?:年|月|天|日|岁|周|倍|人|亿|万|元|"
                       rf"方面|问题|部分|环节|阶段|时期|层次)")

# Heads of 个/项/条 that are predicates: jieba tags of verbs, adjectives, adverbs, idioms and set phrases.
_VERBAL_TAGS = ("v", "vd", "a", "ad", "d", "i", "l")
# Heads of 大 that make it ordinary description, not a formula.
_DA_BAD_HEADS = frozenset({"方面", "部分", "问题", "类", "步", "块", "批", "片", "幅", "区域", "地区", "城市", "企业",
                           "项目", "部门", "变化", "进展", "成就", "成绩", "困难", "优势", "作用", "贡献", "影响",
                           "损失", "事", "事情", "好事", "喜事", "关口", "考验", "挑战", "机遇", "压力", "隐患"})
# What follows a congress ordinal (十八大精神, 十九大以来, 十六大报告): N大 then one of these is the congress.
_CONGRESS_CONTEXT = frozenset({"精神", "以来", "报告", "召开", "代表", "提出", "作出", "做出", "部署", "要求", "决策",
                               "闭幕", "开幕", "后", "前", "期间", "胜利", "确定", "明确", "强调", "上", "和", "以后",
                               "之后", "主题", "通过", "描绘", "指出", "制定", "党章", "决定", "的", "、", "，", "。",
                               "确立", "概括", "擘画", "关于", "首次", "重申"})
# A token after a predicate head that shows the head is not followed by an object.
_AFTER_HEAD_TAGS = ("u", "c", "p", "y", "x", "w", "uj", "ul", "ud", "uz", "ug", "uv")
_AFTER_HEAD_WORDS = frozenset({"要求", "精神", "重要思想", "方针", "原则", "战略", "目标", "任务", "思想", "总要求",
                               "政策", "工作", "落到实处", "是", "为", "上", "中"})
# Verbs that jieba tags ``v`` but that after a classifier are count nouns of decisions, documents and measures
# (两个决定, 五项要求, 三项举措, 三个协定, 十二个好处): a count of such things is not a formula.
_NOMINAL_VERBS = frozenset({"决定", "要求", "协定", "举措", "措施", "规定", "建议", "意见", "安排", "部署", "计划",
                            "规划", "任务", "好处", "变化", "努力", "贡献", "改革", "建设", "发展", "工作", "活动",
                            "行动", "项目", "工程", "会议", "报告", "讲话", "指示", "批示", "通知", "决议", "协议",
                            "条例", "办法", "目标", "方案", "标准", "服务", "保障", "支持", "投资", "采油", "生产",
                            "经营", "管理", "试点", "示范", "检查", "考核", "评估", "调查", "研究", "设计", "合作"})
# Adjectives that stand for a noun after a classifier (有三个不同, 两个一样): a count of differences, not a set.
_NOMINAL_ADJECTIVES = frozenset({"不同", "相同", "一样", "一致", "同样", "类似", "相似", "相近"})
# Ordinary words that begin with 双 (双方, 双重): not the numeral 双 of 双循环, 双碳.
_SHUANG_WORDS = ("双重", "双方", "双边", "双向", "双手", "双赢", "双语", "双休", "双眼", "双脚", "双亲", "双双",
                 "双料", "双号", "双倍", "双层", "双人")


@dataclass(frozen=True)
class Formula:
    """One knowledge-base entry: the standard wording, its variants, a gloss and the years of national use."""
    formula: str
    variants: tuple[str, ...]
    gloss: str
    first_year: int | None
    last_year: int | None
    reports: int
    scope: str
    note: str

    @property
    def is_plan(self) -> bool:
        return self.note.startswith("plan name")


def _year(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None


@lru_cache(maxsize=4)
def load_knowledge_base(path: Path | str = KB_PATH) -> dict[str, Formula]:
    """The formula knowledge base as ``{formula: Formula}``, in file order."""
    out: dict[str, Formula] = {}
    lines = [ln for ln in Path(path).read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
             if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:                       # the first non-comment line is the header
        cols = (line.split("\t") + [""] * 8)[:8]
        formula = cols[0].strip()
        if not formula or formula in out:
            continue
        out[formula] = Formula(formula, tuple(v.strip() for v in cols[1].split("|") if v.strip()), cols[2].strip(),
                               _year(cols[3]), _year(cols[4]), int(cols[5]) if cols[5].strip().isdigit() else 0,
                               cols[6].strip() or "national", cols[7].strip())
    return out


def load_formulas(path: Path | str = KB_PATH) -> dict[str, str]:
    """The knowledge base as ``{formula: gloss}``."""
    return {f: e.gloss for f, e in load_knowledge_base(path).items()}


@lru_cache(maxsize=4)
def load_not_formulas(path: Path | str = NOT_FORMULAS_PATH) -> frozenset[str]:
    """Reviewed look-alikes that are not formulas (the first field of each line; ``#`` starts a comment)."""
    out = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.add(entry.split()[0])
    return frozenset(out)


@lru_cache(maxsize=4)
def _surfaces(path: Path | str) -> tuple[dict[str, str], re.Pattern]:
    """Every surface form → its formula, and one alternation over them, longest first."""
    kb = load_knowledge_base(path)
    surface: dict[str, str] = {}
    for f, entry in kb.items():
        for s in (f, *entry.variants):
            surface.setdefault(s, f)
    # an empty knowledge base matches nothing (an empty alternation would match everywhere)
    return surface, re.compile("|".join(re.escape(s) for s in sorted(surface, key=len, reverse=True)) or "(?!)")


@lru_cache(maxsize=4)
def _surfaces_by_first(path: Path | str) -> dict[str, list[str]]:
    """The surface forms by their first character, in the knowledge base's order."""
    out: dict[str, list[str]] = {}
    for f in _surfaces(path)[0]:
        out.setdefault(f[0], []).append(f)
    return out


@lru_cache(maxsize=4)
def _mask_index(path: Path | str) -> dict[int, list[tuple[str, str]]]:
    """Knowledge-base formulas by length, for resolving masked forms."""
    by_len: dict[int, list[tuple[str, str]]] = {}
    for f in load_knowledge_base(path):
        by_len.setdefault(len(f), []).append((f, f))
    return by_len


def _is_numeral_char(ch: str) -> bool:
    return ch in _DIGITS or ch.isdigit()


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] in _OPEN_QUOTES and end < len(text) and text[end] in _CLOSE_QUOTES


def _free_start(text: str, start: int) -> bool:
    """Not glued to a preceding numeral or ordinal (二十六稳, 第三个代表)."""
    return not (start > 0 and (_is_numeral_char(text[start - 1]) or text[start - 1] == "第"))


class _Tokens:
    """Token boundaries and tags of the document, looked up by character offset."""

    def __init__(self, doc):
        seg = doc.segmentation
        self.tokens = seg.tokens
        self.tags = seg.tags
        self.starts = seg.starts
        self.index = dict(zip(seg.starts, range(len(seg.starts))))
        self.ends = dict(zip(map(add, seg.starts, map(len, seg.tokens)), range(len(seg.tokens))))

    def boundary(self, offset: int) -> bool:
        return offset in self.index or offset in self.ends or offset == 0

    def at(self, offset: int) -> int | None:
        return self.index.get(offset)

    def before(self, offset: int) -> tuple[str, str] | None:
        """The token that ends at ``offset`` and its tag."""
        i = self.ends.get(offset)
        return None if i is None else (self.tokens[i], self.tags[i])


def _compound_head(toks: _Tokens, start: int, surface: str) -> bool:
    """The word at ``start`` is ``surface`` + a dictionary word of two or more characters (四化建设, 三农问题): the
    formula modifies a head noun; 三通道 (三通 + 道) is not such a compound."""
    i = toks.at(start)
    if i is None:
        return False
    word = toks.tokens[i]
    rest = word[len(surface):]
    return word.startswith(surface) and len(rest) >= 2 and in_dictionary(rest)


def _plan_context(text: str, start: int, end: int) -> bool:
    return _quoted(text, start, end) or text.startswith(_PLAN_CONTEXT, end) or (
        start > 0 and text[start - 1] in "“「『" and text.startswith(("”计划", "”规划", "”时期", "”期间"), end))


def detect(doc, *, found=None, kb_path: Path | str = KB_PATH) -> list[PhraseMatch]:
    """Numbered formulas in ``doc`` (a :class:`~analysis.phrases.document.Document`); see the module docstring."""
    return _find(doc.text, _Tokens(doc), kb_path=kb_path)


def find_in_text(text: str, *, kb_path: Path | str = KB_PATH) -> list[PhraseMatch]:
    """The same over plain ``text``, segmented with the shipped lexicon."""
    from analysis.phrases.document import analyse
    return detect(analyse(text), kb_path=kb_path)


def _find(text: str, toks: _Tokens, *, kb_path) -> list[PhraseMatch]:
    kb = load_knowledge_base(kb_path)
    surface_of, surfaces_re = _surfaces(kb_path)
    negatives = load_not_formulas()
    found: list[PhraseMatch] = []

    def add(start: int, end: int, canonical: str, cls: str, source: str) -> None:
        entry = kb.get(canonical)
        found.append(PhraseMatch("formula", text[start:end], canonical, cls, start, end,
                                 gloss=entry.gloss if entry else "", source=source))

    # Knowledge base. Overlapping surfaces are all tried (十四五规划 and 十四五); overlaps are resolved at the end.
    for m in _finditer_overlapping(surfaces_re, text):
        s, e = m
        surface = text[s:e]
        formula = surface_of[surface]
        if not _NUMBERED_RE.search(surface):
            continue        # 新发展理念 names 五大发展理念 but is not itself a numbered expression
        if surface[0] in _DIGITS and not _free_start(text, s):
            continue
        if kb[formula].is_plan and _PLAN_SHORT_RE.match(surface):
            if not _plan_context(text, s, e):
                continue
        elif e - s <= 2 and not _quoted(text, s, e):
            if not (toks.boundary(s) and (toks.boundary(e) or _compound_head(toks, s, surface))) \
                    or text.startswith(_UNIT_AFTER, e):
                continue
        if kb[formula].is_plan and surface.startswith(formula) and surface.endswith(("计划", "规划")):
            e = s + len(formula)         # 十四五规划纲要: the plan name is 十四五, not 十四五规划
        add(s, e, formula, "known", "kb")

    if any(ch in text for ch in _MASK):
        _masked(text, kb, add)

    for m in _PLAN_RE.finditer(text):
        s, e = m.span()
        if _free_start(text, s) and not text.startswith(_UNIT_AFTER, e):
            add(s, e, m.group(0), "known" if m.group(0) in kb else "pattern", "grammar:plan")
    for m in _PLAN_WRITTEN_RE.finditer(text):
        n = han_number(m.group(1))
        if n and 1 <= n <= 20:
            canonical = _plan_name(n)
            add(m.start(), m.end(), canonical, "known" if canonical in kb else "pattern", "grammar:plan")

    for m in _CLASSIFIER_RE.finditer(text):
        _classifier_shape(text, toks, m, add)
    for m in _DA_RE.finditer(text):
        _da_shape(text, toks, m, add)
    for rx, source in ((_BASIC_SET_RE, "grammar:basic-set"), (_ZI_RE, "grammar:zi"), (_ARTICLES_RE, "grammar:articles")):
        for m in rx.finditer(text):
            if _free_start(text, m.start()):
                add(m.start(), m.end(), m.group(0), "known" if m.group(0) in kb else "pattern", source)
    for m in _PLUS_RE.finditer(text):
        add(m.start(), m.end(), m.group(0), "pattern", "grammar:plus")
    for m in _QUOTED_RE.finditer(text):
        content, s, e = m.group(1), m.start(1), m.end(1)
        if any(ch in _MASK for ch in content) or content in surface_of:
            continue
        # A quoted short form completed by the words after the quote: “两化”融合, “五型”政府.
        completed = next((f for f in _surfaces_by_first(kb_path).get(content[0], ())
                          if len(f) > len(content) and f.startswith(content)
                          and text.startswith(f[len(content):], m.end())), None)
        if completed:
            add(s, e, surface_of[completed], "known", "kb")
            continue
        if _quoted_formula(content, after=text[m.end():m.end() + 2], negatives=negatives):
            add(s, e, content, "pattern", "grammar:quoted")

    kept = [m for m in found if m.source in ("kb", "kb-masked") or m.phrase not in negatives]
    rank = {"kb": 3, "kb-masked": 2}
    return resolve_overlaps(kept, key=lambda m: (rank.get(m.source, 1),))


def _quoted_formula(content: str, *, after: str, negatives: frozenset[str]) -> bool:
    """A quoted numeral expression that names a set: not a count, amount, date, ordinal, name or quoted idiom."""
    from analysis.phrases.idiom_data import idiom_set
    if len(content) > 7 or not _NUMERAL_EXPR_RE.fullmatch(content) or content in negatives:
        return False
    if _COUNT_RE.match(content) or re.fullmatch(r"(?:[二三四五六七八九]|[一二]?十[一二三四五六七八九]?)大", content):
        return False                             # “三年”, “十九大”
    if all(ch in _DIGITS for ch in content):     # “七一” (a date), “八七” (a plan only with 计划 after it)
        return after.startswith(("计划", "规划"))
    if re.search(r"[连号届次]", content[1:]) and re.search(r"[{0}](?:连|号|届|次)".format(_DIGITS), content):
        return False                             # “十一连增”, “嫦娥五号”: counts and serial names
    if content.startswith(_SHUANG_WORDS) or content in idiom_set():
        return False                             # “双重承认”; “百家争鸣” is a quoted idiom
    return content[0] != "一" or sum(ch in NUMERALS for ch in content) >= 2


def _finditer_overlapping(rx: re.Pattern, text: str):
    """Spans of every match of ``rx`` starting at every offset (the alternation is longest-first)."""
    pos = 0
    n = len(text)
    while pos < n:
        m = rx.search(text, pos)
        if not m:
            return
        yield m.span()
        pos = m.start() + 1


def _plan_name(n: int) -> str:
    tens, ones = divmod(n, 10)
    names = "一二三四五六七八九"
    prefix = ("十" if tens == 1 else names[tens - 1] + "十" if tens else "") + (names[ones - 1] if ones else "")
    return prefix + "五"


def _masked(text: str, kb: dict, add) -> None:
    """Knowledge-base formulas with some characters masked (四个意X, XX五); at least one real character."""
    for m in re.finditer(rf"[{_HAN}{re.escape(_MASK)}]*[{re.escape(_MASK)}][{_HAN}{re.escape(_MASK)}]*", text):
        run_start, run = m.start(), m.group(0)
        best: dict[tuple[int, int], list[str]] = {}
        for f in kb:
            length = len(f)
            for off in range(0, len(run) - length + 1):
                piece = run[off:off + length]
                n_mask = sum(ch in _MASK for ch in piece)
                if n_mask == 0 or n_mask == length:
                    continue
                if all(p == c or p in _MASK for p, c in zip(piece, f)):
                    s = run_start + off
                    e = s + length
                    # the mask must be complete: no masked character left just outside the match
                    if (s > 0 and text[s - 1] in _MASK) or (e < len(text) and text[e] in _MASK):
                        continue
                    if length <= 2 and not _quoted(text, s, e):
                        continue
                    if not _free_start(text, s):
                        continue
                    best.setdefault((s, e), []).append(f)
        for (s, e), cands in best.items():
            if len(cands) == 1:
                canonical = cands[0]
            else:
                named = [c for c in cands if c in text]
                canonical = named[0] if len(named) == 1 else "/".join(cands)
            add(s, e, canonical, "masked", "kb-masked")


_CLAUSE_START_RE = re.compile(r"[，。；：！？,;:!?\n“”「」『』（）()]")


def _resumptive(text: str, toks: "_Tokens", start: int, n: int) -> bool:
    """The numeral sums up the ``n`` items just listed or points back (京汉和粤汉两大铁路干线, 和平与发展两大目标,
    这两大比例关系): a count, not a formula. An object of a verb (培育六大产业集群) is not."""
    prev = toks.before(start)
    if prev is None:
        return False
    if prev[0] in ("这", "那", "这些", "那些", "其中", "等", "共", "这样", "上述", "以上"):
        return True
    separators = 0
    i = toks.ends[start]
    while i >= 0 and start - toks.starts[i] <= 60:
        word = toks.tokens[i]
        if _CLAUSE_START_RE.fullmatch(word):
            break
        separators += word in ("、", "和", "与", "及", "以及", "同")
        i -= 1
    return separators >= 1 and separators + 1 == n


def _classifier_shape(text: str, toks: _Tokens, m: re.Match, add) -> None:
    """Numeral + 个/项/条 + a predicate or an abstract noun in 性 as head."""
    s = m.start()
    if not _free_start(text, s) or not toks.boundary(s) or _resumptive(text, toks, s, han_number(m.group(1))):
        return
    head_at = m.end()
    i = toks.at(head_at)
    if i is None:
        return
    head, tag = toks.tokens[i], toks.tags[i]
    end = head_at + len(head)
    source = None
    # nothing but punctuation (or the end) after the head
    after_punct = i + 1 >= len(toks.tokens) or not re.match(rf"[{_HAN}]", toks.tokens[i + 1])
    if head in ("不", "无", "非") and i + 1 < len(toks.tokens) and toks.tags[i + 1].startswith("v"):
        end += len(toks.tokens[i + 1])
        i += 1
        source = "grammar:verbal-head"
    elif len(head) == 2 and head[0] in "不无非" and tag == "x":
        source = "grammar:verbal-head"       # 四个不摘: a negated verb the HMM made one word
    elif len(head) >= 2 and tag.startswith(_VERBAL_TAGS) and not tag.startswith(("vn", "vg")) \
            and not head.endswith(tuple(_NOMINAL_VERBS)) and not tag.startswith("a"):
        source = "grammar:verbal-head"
    elif len(head) >= 2 and tag.startswith("a") and after_punct and head not in _NOMINAL_ADJECTIVES:
        # 四个伟大。/ 八个明确，: an adjective with nothing after it before punctuation; a count's adjective
        # modifies a noun that follows (两个重要方面, 五个最大的煤矿).
        source = "grammar:verbal-head"
    elif len(head) >= 3 and head.endswith("性") and tag.startswith("n"):
        source = "grammar:abstract-head"
    if source is None:
        return
    nxt = i + 1
    if nxt < len(toks.tokens):
        after, after_tag = toks.tokens[nxt], toks.tags[nxt]
        if not (after_tag.startswith(_AFTER_HEAD_TAGS) or after in _AFTER_HEAD_WORDS or not re.match(rf"[{_HAN}]",
                                                                                                   after)):
            return
    add(s, end, text[s:end], "pattern", source)


def _da_shape(text: str, toks: _Tokens, m: re.Match, add) -> None:
    """Numeral + 大 + one or two noun words (六大产业集群); never a congress ordinal."""
    s, head_at = m.start(), m.end()
    n = han_number(m.group(1)) or 0
    if not _free_start(text, s) or not toks.boundary(s) or _resumptive(text, toks, s, n):
        return
    if n < 2:
        return
    i = toks.at(head_at)
    if i is None:
        return
    head, tag = toks.tokens[i], toks.tags[i]
    congress_like = n >= 7 and (text[max(0, s - 2):s] in ("党的", "中共") or text[max(0, s - 1):s] == "党")
    if congress_like or head in _CONGRESS_CONTEXT or n > 10 and not tag.startswith("n"):
        return
    if not tag.startswith(("n", "vn")) or head in _DA_BAD_HEADS or len(head) < 2 and head not in "类":
        return
    if head in _DA_BAD_HEADS:
        return
    end = head_at + len(head)
    if i + 1 < len(toks.tokens) and toks.tags[i + 1].startswith("n") and len(toks.tokens[i + 1]) >= 2 \
            and toks.tokens[i + 1] not in _CONGRESS_CONTEXT and toks.tokens[i + 1] not in _DA_BAD_HEADS:
        end += len(toks.tokens[i + 1])
    add(s, end, text[s:end], "pattern", "grammar:da")
