"""The registry of phrase kinds: for each kind its detector module, its labels (中文/English), its classes and the
kinds whose matches it needs. A new detector is one new module plus one entry in :data:`REGISTRY`."""
from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping

from analysis.paths import DATA_DIR

from analysis.phrases.base import PhraseMatch
from analysis.phrases.document import Document

__all__ = ["Kind", "REGISTRY", "KINDS", "CLASS_LABELS", "SOURCE_LABELS", "detector", "detect", "detect_all",
           "kind_label", "class_label", "source_label", "detectors_digest"]


@dataclass(frozen=True)
class Kind:
    """One phrase kind. ``needs`` are kinds whose matches are passed to the detector as ``found``."""
    name: str
    module: str
    zh: str
    en: str
    classes: tuple[str, ...]
    needs: tuple[str, ...] = field(default=())


REGISTRY: dict[str, Kind] = {k.name: k for k in (
    Kind("idiom", "idioms", "成语", "Idioms", ("chengyu", "variant", "formula4")),
    Kind("slogan", "slogans", "引号口号", "Quoted slogans",
         ("numbered_formula", "parallel", "catchword", "single_char", "name", "masked", "other", "document"),
         needs=("formula",)),
    Kind("formula", "formulas", "数字提法", "Numbered formulas", ("known", "pattern", "masked")),
    Kind("pattern", "patterns", "四字格", "Four-character templates", (), needs=("idiom",)),
    Kind("parallel", "parallelism", "排比", "Parallel runs",
         ("shared_head", "shared_tail", "shared_frame", "enumeration", "section")),
    Kind("ngram", "ngrams", "高频短语", "Recurrent phrases", ("2gram", "3gram", "4gram")),
)}

#: Phrase kinds, in the order the UI and CLI list them.
KINDS = tuple(REGISTRY)

#: Labels of every class of every kind (templates are labelled by their own name, e.g. AABB).
CLASS_LABELS: dict[str, tuple[str, str]] = {
    "chengyu": ("成语", "Idiom"), "variant": ("误写变体", "Misspelt variant"),
    "formula4": ("四字套语", "Four-character formula"),
    "numbered_formula": ("数字提法", "Numbered formula"), "parallel": ("并列口号", "Parallel slogan"),
    "catchword": ("流行语", "Catchword"), "single_char": ("单字", "Single character"),
    "name": ("活动名称", "Campaign name"), "other": ("其他", "Other"), "document": ("文件名称", "Document title"),
    "masked": ("遮盖形式", "Masked form"),
    "known": ("知识库收录", "In the knowledge base"), "pattern": ("数字句式", "Numbered shape"),
    "shared_head": ("同首排比", "Shared opening"), "shared_tail": ("同尾排比", "Shared ending"),
    "shared_frame": ("同框排比", "Shared frame"),
    "enumeration": ("序数列举", "Enumeration"), "section": ("分节", "Sections"),
    "2gram": ("二词组合", "2-gram"), "3gram": ("三词组合", "3-gram"), "4gram": ("四词组合", "4-gram"),
}


def kind_label(kind: str, lang: str = "zh") -> str:
    k = REGISTRY[kind]
    return k.zh if lang == "zh" else k.en


def class_label(cls: str, lang: str = "zh") -> str:
    zh, en = CLASS_LABELS.get(cls, (cls, cls))
    return zh if lang == "zh" else en


def detector(kind: str) -> Callable[..., list[PhraseMatch]]:
    """The ``detect(doc, *, found)`` function of a phrase kind (imported lazily: unused detectors cost nothing)."""
    return importlib.import_module(f"analysis.phrases.{REGISTRY[kind].module}").detect


def detect(kind: str, doc: Document, *, found: Mapping[str, list[PhraseMatch]] | None = None
           ) -> list[PhraseMatch]:
    """Matches of ``kind`` in ``doc``; the kinds it needs are taken from ``found`` or detected first."""
    found = dict(found or {})
    for need in REGISTRY[kind].needs:
        if need not in found:
            found[need] = detect(need, doc, found=found)
    return list(detector(kind)(doc, found={n: found[n] for n in REGISTRY[kind].needs}))


def detect_all(doc: Document, kinds=KINDS) -> dict[str, list[PhraseMatch]]:
    """Matches of every kind in ``kinds``; each kind is detected once, its result passed to those that need it."""
    found: dict[str, list[PhraseMatch]] = {}

    def run(kind: str) -> None:
        if kind not in found:
            for need in REGISTRY[kind].needs:   # kept, so a kind two others need runs once (formula for slogans)
                run(need)
            found[kind] = list(detector(kind)(doc, found={n: found[n] for n in REGISTRY[kind].needs}))

    for kind in kinds:
        run(kind)
    return {k: found[k] for k in kinds}


#: Labels of the ``source`` of a match: the list or the grammar rule that counted it.
SOURCE_LABELS: dict[str, tuple[str, str]] = {
    "kb": ("提法知识库", "Formula knowledge base"), "kb-masked": ("知识库（遮盖）", "Knowledge base, masked"),
    "grammar:plan": ("规划名称规则", "Plan-name rule"), "grammar:verbal-head": ("数词+谓词规则", "Numeral + predicate rule"),
    "grammar:abstract-head": ("数词+抽象名词规则", "Numeral + abstract-noun rule"),
    "grammar:da": ("“N大”规则", "“N大” rule"), "grammar:plus": ("“1+N”规则", "“1+N” rule"),
    "grammar:quoted": ("引号内数字规则", "Quoted-numeral rule"),
    "grammar:basic-set": ("“N项基本…”规则", "“N basic …” rule"), "grammar:zi": ("“N字方针”规则", "“N-character” rule"),
    "grammar:articles": ("“新N条”规则", "“New N articles” rule"),
    "xinhua": ("新华成语词典", "Xinhua idiom list"), "cedict": ("CC-CEDICT 成语", "CC-CEDICT idioms"),
    "set_phrases": ("套语审定表", "Reviewed set phrases"), "idiom_variants": ("误写表", "Misspelling list"),
    "confusable": ("形近字替换", "Look-alike character"),
    "inversion": ("成语倒装", "Inverted idiom"), "frame:zi": ("“X字当头”句式", "Frame “X字当头”"),
    "er-insertion": ("成语中插“而”", "Idiom with 而 inserted"),
    "rule:placeholder": ("仅含占位符", "Placeholders only"), "rule:reported": ("引语", "Reported speech"),
    "rule:no-text": ("无文字", "No text"), "rule:formula": ("数字提法", "Numbered formula"),
    "rule:date": ("日期名称", "Date as a name"), "rule:craft-name": ("“某某N号”名称", "Craft or vessel name"),
    "rule:scare-quote": ("“左”“右”着重引号", "Scare quotes “左”/“右”"),
    "rule:pretext": ("“以…为名”框架", "Pretext frame"), "rule:policy-frame": ("“…的政策”框架", "Policy frame"),
    "rule:name-suffix": ("名称后缀", "Name suffix"),
    "rule:numeric-label": ("数字标签", "Numeric label"), "rule:clauses": ("并列分句", "Coordinated clauses"),
    "rule:numeral": ("数字开头", "Numeral-initial"), "rule:one-char": ("单字", "One character"),
    "rule:reform": ("改革简称", "Reform abbreviation"), "list:catchwords": ("流行语表", "Catchword list"),
    "rule:simile": ("比喻框架", "Simile frame"), "rule:coinage": ("新造说法", "Coinage"),
    "rule:quoted-idiom": ("引用成语", "Quoted idiom"), "rule:coined-unit": ("引号新词", "Quoted coinage"),
    "rule:word": ("引用词语", "Word quoted as a word"), "rule:book-title": ("书名号", "Book title"),
}


def source_label(source: str, lang: str = "zh") -> str:
    zh, en = SOURCE_LABELS.get(source, (source, source))
    return zh if lang == "zh" else en


@lru_cache(maxsize=1)
def detectors_digest() -> str:
    """A digest of the detectors' code and of every list they read: cached matches are reused only while it holds."""
    h = hashlib.sha1()
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")) + sorted(p for p in DATA_DIR.iterdir()
                                                    if p.suffix in (".tsv", ".txt") and not p.name.startswith("000_")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]
