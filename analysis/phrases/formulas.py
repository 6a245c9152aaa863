"""Numbered formulas (数字式提法): 四个意识, 六稳, 三大要务, 十件大事, 十四五 …

What counts as a formula, decided deliberately because the same shapes are ordinary counting (一个人, 两个月,
三个方面, 三块牌子):

* ``known`` — any entry of ``data/formulas.txt`` (四个意识, 两个市场, 十件实事 …), quoted or not. Two-character
  entries (六稳, 三变, 两会) are counted unquoted only where they stand alone: not inside a longer number and not
  followed by a character that would make them part of another word.
* ``pattern`` — a formula shape that is not in the lexicon, accepted only where the shape itself is unambiguous:
  a five-year plan name 十N五; numeral + 大 + a noun phrase (六大产业集群; never 一大); numeral + 件 + …事
  (十件要事); and any short numeral-initial expression quoted on its own (“三会”, “两头在外”, “1+5”).
  Unquoted numeral + 个/张/种/项 + noun is *not* a formula unless the lexicon lists it: that shape is ordinary
  counting far more often than not.
* ``masked`` — a formula with some characters replaced by anonymisation placeholders (四个意X, XX五): ``phrase``
  is the surface, ``canonical`` the formula. Each placeholder character stands for one character. A mask is
  resolved to the one lexicon formula it fits; when several fit (XX五 fits every plan name) the formula that the
  same text names unmasked wins; otherwise ``canonical`` lists the candidates separated by ``/``.

Ordinals (第三大, 第二个) and numbers inside longer numbers are never formulas. A quoted short form followed by the
rest of a lexicon formula (“两化”融合, “五型”政府) is reported with the short form as ``phrase`` and the full
formula as ``canonical``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from analysis.phrases.base import PhraseMatch, resolve_overlaps
from analysis.paths import data_path

__all__ = ["detect", "find_in_text", "load_formulas", "DEFAULT_FORMULAS_PATH", "NUMERALS"]

DEFAULT_FORMULAS_PATH = data_path("formulas.txt")

#: Han numerals that open a formula.
NUMERALS = "一二三四五六七八九十两百千"
_MASK = "X×*"
_OPEN_QUOTES = "“「『\""
_CLOSE_QUOTES = "”」』\""
# After a standalone two-character formula: punctuation, quotes, or a word that commonly follows a formula.
_FOLLOWERS = ("工作", "部署", "要求", "精神", "问题", "政策", "改革", "融合", "营商", "政府", "建设", "目标", "任务")

_PLAN_RE = re.compile(r"十[一二三四五六七八九]五")
_DA_RE = re.compile(r"([二三四五六七八九十两]|十[一二三四五六七八九])大([\u4e00-\u9fff]{2,4})")
_JIAN_RE = re.compile(r"([一二三四五六七八九十两]|十[一二三四五六七八九])件([\u4e00-\u9fff]事)")
# A quoted expression whose content opens with a numeral (Han or Arabic N+M).
_QUOTED_RE = re.compile(r"[“「『\"]([^“”「」『』\"\n]{1,8})[”」』\"]")
_QUOTED_FORMULA_RE = re.compile(
    rf"(?:[{NUMERALS}][\u4e00-\u9fff{_MASK}]{{1,5}}|\d+\+\d+|[{_MASK}]+[\u4e00-\u9fff][\u4e00-\u9fff{_MASK}]*)")
# Words that end a numeral + 大 noun phrase (六大产业集群 stops before 的/和 …).
_DA_STOP = set("的和与及是在为了要把将对向从等中上下里")
# Heads after numeral + 大 that are ordinary words, not formula heads (三大步, 两大类).
_DA_BAD_HEADS = ("方面", "部分", "问题", "类", "步", "块", "批", "片", "幅")


@lru_cache(maxsize=4)
def load_formulas(path: Path | str = DEFAULT_FORMULAS_PATH) -> dict[str, str]:
    """The formula lexicon as ``{formula: gloss}``, in file order."""
    out: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        formula, _, gloss = line.partition("\t")
        formula = formula.strip()
        if formula and formula not in out:
            out[formula] = gloss.strip()
    return out


def _is_numeral_char(ch: str) -> bool:
    return ch in NUMERALS or ch in "零〇" or ch.isdigit()


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] in _OPEN_QUOTES and end < len(text) and text[end] in _CLOSE_QUOTES


def _standalone(text: str, start: int, end: int) -> bool:
    """A bare formula not glued into a longer number or ordinal (第三大, 二十六稳)."""
    if start > 0 and (_is_numeral_char(text[start - 1]) or text[start - 1] == "第"):
        return False
    return True


def _short_standalone(text: str, start: int, end: int) -> bool:
    """A two-character formula outside quotes must be followed by punctuation or a typical follower word."""
    if not _standalone(text, start, end):
        return False
    rest = text[end:end + 2]
    return not rest or not re.match(r"[\u4e00-\u9fff]", rest[0]) or rest.startswith(_FOLLOWERS)


def _mask_regex(formula: str) -> re.Pattern:
    body = "".join(f"(?:{re.escape(c)}|[{re.escape(_MASK)}])" for c in formula)
    return re.compile(rf"(?<![{re.escape(_MASK)}]){body}(?![{re.escape(_MASK)}])")


@lru_cache(maxsize=4)
def _compiled(path: Path | str) -> tuple[dict[str, str], re.Pattern, list[tuple[str, re.Pattern]]]:
    lex = load_formulas(path)
    plain = re.compile("|".join(re.escape(f) for f in sorted(lex, key=len, reverse=True)))
    return lex, plain, [(f, _mask_regex(f)) for f in lex]


def _resolve_mask(surface: str, candidates: list[str], text: str) -> str:
    if len(candidates) == 1:
        return candidates[0]
    named = [c for c in candidates if c in text]
    if len(named) == 1:
        return named[0]
    return "/".join(candidates)


def detect(doc, *, found=None, lexicon_path: Path | str = DEFAULT_FORMULAS_PATH) -> list[PhraseMatch]:
    """Numbered formulas in ``doc`` (a :class:`~analysis.phrases.document.Document`): lexicon entries, formula
    shapes and masked forms (see module docstring)."""
    return find_in_text(doc.text, lexicon_path=lexicon_path)


def find_in_text(text: str, *, lexicon_path: Path | str = DEFAULT_FORMULAS_PATH) -> list[PhraseMatch]:
    """The formula grammar over plain ``text`` (it needs no tokens)."""
    lex, plain_re, mask_res = _compiled(lexicon_path)
    found: list[tuple[PhraseMatch, int]] = []  # (match, priority): known 3 > masked 2 > pattern 1

    def add(start: int, end: int, canonical: str, cls: str, prio: int) -> None:
        found.append((PhraseMatch("formula", text[start:end], canonical, cls, start, end,
                                  gloss=lex.get(canonical, "")), prio))

    for m in plain_re.finditer(text):
        s, e = m.span()
        ok = _quoted(text, s, e) or (_short_standalone(text, s, e) if e - s <= 2 else _standalone(text, s, e))
        if ok:
            add(s, e, m.group(0), "known", 3)

    # Masked forms: at least one real character; two-character formulas only when quoted.
    by_span: dict[tuple[int, int], list[str]] = {}
    for formula, rx in mask_res:
        for m in rx.finditer(text):
            s, e = m.span()
            surface = m.group(0)
            n_mask = sum(ch in _MASK for ch in surface)
            if n_mask == 0 or n_mask == len(surface):
                continue
            if len(surface) <= 2 and not _quoted(text, s, e):
                continue
            if not _standalone(text, s, e):
                continue
            by_span.setdefault((s, e), []).append(formula)
    for (s, e), cands in by_span.items():
        add(s, e, _resolve_mask(text[s:e], cands, text), "masked", 2)

    for m in _PLAN_RE.finditer(text):
        if _standalone(text, *m.span()) and m.group(0) not in lex:
            add(m.start(), m.end(), m.group(0), "pattern", 1)
    for m in _DA_RE.finditer(text):
        s = m.start()
        if not _standalone(text, s, m.end()):
            continue
        head = m.group(2)
        cut = next((i for i, ch in enumerate(head) if ch in _DA_STOP), len(head))
        head = head[:cut]
        if len(head) < 2 or head.startswith(_DA_BAD_HEADS):
            continue
        e = s + len(m.group(1)) + 1 + len(head)
        add(s, e, text[s:e], "pattern", 1)
    for m in _JIAN_RE.finditer(text):
        if _standalone(text, *m.span()):
            add(m.start(), m.end(), m.group(0), "pattern", 1)
    for m in _QUOTED_RE.finditer(text):
        content = m.group(1)
        s, e = m.start(1), m.end(1)
        if not _QUOTED_FORMULA_RE.fullmatch(content):
            continue
        canonical = content
        # A quoted short form completed by the text after the quote: “两化”融合, “五型”政府.
        for f in lex:
            if f.startswith(content) and len(f) > len(content) and text.startswith(f[len(content):], m.end()):
                canonical = f
                break
        if canonical in lex:
            add(s, e, canonical, "known", 3)
        elif not any(ch in _MASK for ch in content):
            add(s, e, canonical, "pattern", 1)

    return resolve_overlaps([m for m, _ in found], key=lambda m: ({"known": 3, "masked": 2}.get(m.cls, 1),))
