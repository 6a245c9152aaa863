"""The national government work reports (国务院政府工作报告) 1954–2025: a second built-in corpus.

``data/national_work_reports.jsonl`` holds one report a line (``id``, ``year``, ``date``, ``premier``, ``title``,
``text``), derived from the Wikisource scrape by ``tools/build_national_reports.py`` with :func:`build_records`.
The text is the body only: no licence trailer, no title block, wiki line breaks joined, full-width digits folded,
Traditional characters (1954) converted to Simplified. The NPC resolutions on the reports are not speeches and are
left out; their wording names the premier of their session, which :func:`build_records` uses as evidence.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Mapping

from analysis.ingest.corpus import Speech
from analysis.ingest.encoding import to_simplified
from analysis.paths import data_path
from analysis.text.normalize import normalize_text

__all__ = ["NATIONAL_PATH", "NATIONAL_SOURCE", "clean_report", "title_block_metadata", "resolution_premier",
           "build_records", "load_national_records", "load_national_corpus", "load_corpus", "CORPORA"]

NATIONAL_PATH = data_path("national_work_reports.jsonl")
#: The ``source`` of every national report.
NATIONAL_SOURCE = "national_work_reports.jsonl"
#: The built-in corpora a caller can choose: the municipal speeches, the national reports, or both.
CORPORA = ("builtin", "national", "all")

_LICENCE = "本作品是中华人民共和国"
_TRANSCRIBER_NOTE = "字库未存字注释"
_SALUTATION = "各位代表"
_TITLE_BLOCK_LIMIT = 400
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_DIGIT_SPACE_RE = re.compile(r"(?<=\d) +(?=\d|[年月日])")
_BLOCK_DATE_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_BLOCK_PREMIER_RE = re.compile(r"国务院总理\s*([\u4e00-\u9fff]{2,4})")
_RESOLUTION_PREMIER_RES = (re.compile(r"国务院总理([\u4e00-\u9fff]{2,3}?)(?:所作|代表)"),
                           re.compile(r"([\u4e00-\u9fff]{2,3}?)总理(?:所作|代表)"))


def _is_resolution(title: str) -> bool:
    return title.endswith("关于政府工作报告的决议")


def clean_report(content: str) -> tuple[str, str]:
    """``(title block, body)`` of one report's page text, both cleaned; the body is normalised for counting.

    Zero-width characters and U+3000 are removed, the licence trailer (and a transcriber's note before it) cut,
    the body starts at 各位代表 when that occurs within the first 400 characters (what precedes it is the title
    block), paragraphs are separated by blank lines and the single line breaks inside them (wiki links) joined,
    full-width digits and letters folded, spaces between digits dropped, Traditional characters converted.
    """
    text = _INVISIBLE_RE.sub("", content).replace("\r\n", "\n").replace("\r", "\n")
    for marker in (_LICENCE, _TRANSCRIBER_NOTE):
        cut = text.find(marker)
        if cut >= 0:
            text = text[:cut]
    text = text.replace("\u3000", "")
    text = _FULLWIDTH_ALNUM_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    start = text.find(_SALUTATION)
    block, body = ("", text) if start < 0 or start > _TITLE_BLOCK_LIMIT else (text[:start], text[start:])
    paragraphs = [re.sub(r"[ \t]*\n[ \t]*", "", p).strip() for p in re.split(r"\n[ \t]*\n", body)]
    body = "\n".join(p for p in paragraphs if p)
    body = _DIGIT_SPACE_RE.sub("", body)
    body = to_simplified(body)   # 1954 is Traditional, 1957 mixed; Simplified text is left unchanged
    block = re.sub(r"\s+", " ", block.replace("\n", " ")).strip()
    return block, normalize_text(body)


def title_block_metadata(block: str) -> dict[str, str]:
    """``{"date", "premier"}`` written in a report's title block (——2024年3月5日在… / 国务院总理 李强); ``""`` when
    absent. Spaces inside the name (李　强) are removed."""
    compact = block.replace(" ", "")
    date = ""
    if m := _BLOCK_DATE_RE.search(compact):
        date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    premier = ""
    if m := _BLOCK_PREMIER_RE.search(compact):
        premier = m.group(1)
    else:   # a bare name on the last line of the block (1957: 周恩来)
        tail = block.split(" ")[-1] if block else ""
        if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", tail) and not tail.endswith(("报告", "会议")):
            premier = tail
    return {"date": date, "premier": premier}


def resolution_premier(content: str) -> str:
    """The premier named by an NPC resolution on the report (听取和审议了国务院总理李强所作的…); ``""`` if none."""
    flat = content.replace("\n", "")
    for rx in _RESOLUTION_PREMIER_RES:
        if m := rx.search(flat):
            return m.group(1)
    return ""


def _resolution_year(content: str, title: str) -> int | None:
    """The year of the report a resolution approves: its adoption date, else the plan year it names."""
    flat = content.replace("\n", "")
    if m := _BLOCK_DATE_RE.search(flat[:200]):
        return int(m.group(1))
    if m := re.search(r"提出的((?:19|20)\d{2})年", flat):
        return int(m.group(1))
    return None


def build_records(rows: Iterable[Mapping], *, delivered_by: Mapping[int, str] | None = None) -> list[dict]:
    """The reports of the source rows (``title``, ``url``, ``content``, ``year``), oldest first, as records
    ``id``, ``year``, ``date``, ``premier``, ``title``, ``text``, ``url``.

    ``date`` is the delivery date of the title block (``YYYY-MM-DD``), else the year. ``premier`` is who
    delivered the report: the title block's name, else ``delivered_by[year]``; a resolution of the same year that
    names someone else raises ``ValueError`` (the two sources must agree).
    """
    rows = list(rows)
    named: dict[int, str] = {}
    for r in rows:
        if _is_resolution(r["title"]) and (y := _resolution_year(r["content"], r["title"])):
            if who := resolution_premier(r["content"]):
                named[y] = who
    records = []
    for r in rows:
        if _is_resolution(r["title"]) or not r.get("year"):
            continue
        year = int(str(r["year"]).strip())
        block, body = clean_report(r["content"])
        meta = title_block_metadata(block)
        premier = meta["premier"] or (delivered_by or {}).get(year, "") or named.get(year, "")
        if year in named and premier and premier != named[year]:
            raise ValueError(f"{year}: the report names {premier}, the resolution {named[year]}")
        title = r["title"].replace("中华人民共和国国务院", "")
        records.append({"id": f"gwr-{year}", "year": year, "date": meta["date"] or f"{year:04d}",
                        "premier": premier, "title": title, "text": body, "url": r.get("url", "")})
    records.sort(key=lambda rec: rec["year"])
    return records


@lru_cache(maxsize=1)
def load_national_records() -> tuple[dict, ...]:
    """The records of ``data/national_work_reports.jsonl``, oldest first."""
    with open(NATIONAL_PATH, encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def load_national_corpus() -> list[Speech]:
    """The 52 national government work reports as speeches, ids 1..52 oldest first; ``speaker`` is the premier
    (or vice-premier) who delivered the report, ``date`` its date (the year when the source does not give it)."""
    return [Speech(id=k, title=rec["title"], text=rec["text"], date=rec["date"], place="全国",
                   speaker=rec["premier"], source=NATIONAL_SOURCE, raw=rec["text"])
            for k, rec in enumerate(load_national_records(), start=1)]


def load_corpus(name: str) -> list[Speech]:
    """A built-in corpus by name (:data:`CORPORA`): ``builtin`` (the five municipal speeches), ``national`` (the
    52 national reports) or ``all`` (both, the municipal speeches first), ids 1..N."""
    from analysis.errors import InputError
    from analysis.ingest.corpus import load_default_corpus
    if name not in CORPORA:
        raise InputError(f"unknown corpus {name!r}; choose one of {', '.join(CORPORA)}",
                         zh=f"未知的语料 {name!r}；可选：{'、'.join(CORPORA)}")
    speeches = ([] if name == "national" else load_default_corpus()) + \
        ([] if name == "builtin" else load_national_corpus())
    for k, sp in enumerate(speeches, start=1):
        sp.id = k
    return speeches
