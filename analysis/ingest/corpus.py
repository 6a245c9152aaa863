"""Corpus ingest: turn a saved page or a compilation of speeches into :class:`Speech` records.

A saved document-library page carries a breadcrumb, a collection title, download-site watermark lines and a
trailer of link lists around the speeches; a compilation separates speeches with ``第N篇：title`` headings.
:func:`parse_compilation` removes the boilerplate and splits on those headings; it never relies on line numbers.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, asdict

from analysis.text.normalize import normalize_text, count_han

__all__ = ["Speech", "parse_compilation", "load_default_corpus", "DEFAULT_CORPUS_PATH", "speech_from_text",
           "TRAILER_MARKERS"]

from analysis.paths import DATA_DIR  # noqa: E402
from analysis.ingest.metadata import guess_date  # noqa: E402
DEFAULT_CORPUS_PATH = DATA_DIR / "000_600b4fd3f486c6f2.txt"


@dataclass
class Speech:
    """One speech: normalised ``text`` (what is counted) plus metadata; ``raw`` keeps the body as written."""
    id: int
    title: str
    text: str
    subtitle: str = ""
    date: str = ""
    place: str = ""
    speaker: str = ""
    source: str = ""
    raw: str = field(default="", repr=False)

    @property
    def digest(self) -> str:
        """Content hash of the normalised text (cache key for segmentation and detection).

        Computed once per text: reruns ask for it thousands of times on a large corpus.
        """
        cached = self.__dict__.get("_digest")
        if cached is None or cached[0] is not self.text:
            cached = (self.text, hashlib.sha1(self.text.encode("utf-8")).hexdigest())
            self.__dict__["_digest"] = cached
        return cached[1]

    def to_dict(self) -> dict:
        return asdict(self)


# "第一篇：title", "第 12 篇 title", "第二篇:" — the compilation separator.
_HEADING_RE = re.compile(r"^第\s*([一二三四五六七八九十百零〇两\d]+)\s*篇\s*[:：、.．]?\s*(.*)$")

#: Lines that start the site's trailer of link lists; everything from the first of them is dropped.
TRAILER_MARKERS = ("相关内容", "热门阅读", "最新更新", "随机推荐", "相关推荐", "猜你喜欢", "相关文章", "热门推荐",
                   "相关阅读", "推荐阅读", "上一篇", "下一篇", "最新文章", "热门文章")

# Download-site watermarks. Each pattern removes the matched text; a line left empty is dropped.
_WATERMARK_RES = [
    re.compile(r"认真制作[，,]?\s*质量一流[，,]?\s*排版规范[。.]?\s*(?:[(（]?\s*下载后可\s*根据需要\s*修改\s*[)）]?)?"),
    re.compile(r"^.{0,6}(?:下载后可\s*根据需要\s*修改|文档可自由编辑|word版可编辑|可编辑版).{0,6}$", re.I),
    re.compile(r"本文系作者原创投稿[，,]?\s*仅供学习参考[，,]?\s*请勿照搬照抄[!！。]?"),
    re.compile(r"仅供学习参考[，,]?\s*请勿照搬照抄[!！。]?"),
    re.compile(r"^\s*(?:精品文档|精品资料|优质文档|精选范文|最新范文|范文大全)\s*"),
    re.compile(r"^\s*首页\s*[>›»].*$"),  # breadcrumb
]
_SENTENCE_PUNCT_RE = re.compile(r"[。！？；!?;]")
_END_PUNCT_RE = re.compile(r"[。！？；：，、!?;:,…”’」』）)\]】》—]$")
_SALUTATION_RE = re.compile(r"^(?:同志们|各位|尊敬的|女士们|朋友们|大家好)")


def _strip_watermarks(line: str) -> str:
    for rx in _WATERMARK_RES:
        line = rx.sub("", line)
    return line.strip(" \t\u00a0\u3000")


def _is_trailer(line: str) -> bool:
    return line.strip(" \t\u00a0\u3000") in TRAILER_MARKERS


def _is_title_line(line: str) -> bool:
    """A line of a title block: short, no sentence punctuation, not a salutation, not an enumerated heading."""
    if len(line) > 40 or _SENTENCE_PUNCT_RE.search(line) or _SALUTATION_RE.match(line):
        return False
    if re.match(r"^(?:[一二三四五六七八九十]+[、，,是要]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+[，,、])", line):
        return False
    return True


def _join_page_breaks(paragraphs: list[str]) -> list[str]:
    """Join paragraphs that a page break cut inside a word or sentence.

    A paragraph is continued on the next one when it is prose (contains sentence punctuation) but does not end
    with punctuation: ``…X 智`` + ``慧城市…``. Headings without sentence punctuation are left alone.
    """
    out: list[str] = []
    for para in paragraphs:
        if out and _is_cut_prose(out[-1]):
            out[-1] = out[-1] + para
        else:
            out.append(para)
    return out


_ENUMERATOR_RE = re.compile(r"^(?:第[一二三四五六七八九十]+[，,、：:]|[一二三四五六七八九十]+[、是要]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")


def _is_cut_prose(para: str) -> bool:
    """Prose cut by a page break: no final punctuation, but sentence punctuation inside, or clause commas in a
    paragraph that is not an enumerated heading (第一，要把握一个“势”字，就是要知势、蓄势、借势 is a heading)."""
    if _END_PUNCT_RE.search(para):
        return False
    if _SENTENCE_PUNCT_RE.search(para):
        return True
    return bool(re.search(r"[，,]", para)) and not _ENUMERATOR_RE.match(para)


def _same_title(line: str, title: str) -> bool:
    """A title-block line that merely repeats the heading title (possibly reworded: 全体会 / 全体会议)."""
    a, b = set(line.lstrip("—-— ")), set(title)
    return bool(a and b) and len(a & b) / len(a | b) >= 0.75


def speech_from_text(raw_body: str, *, id: int, title: str = "", source: str = "") -> Speech:
    """Build one :class:`Speech` from the lines of one speech (boilerplate, title block and page breaks handled)."""
    lines = [_strip_watermarks(ln) for ln in raw_body.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    # Title block: the heading title repeated, a subtitle, a "——在…上的讲话" line.
    block: list[str] = []
    while lines and _is_title_line(lines[0]) and len(block) < 4 and len(lines) > 1:
        block.append(lines.pop(0))
    norm_block = [normalize_text(b) for b in block]
    if not title and norm_block:
        title = norm_block[0].lstrip("—-— ")
    subtitle = " ".join(b for b in norm_block if not _same_title(b, title))
    paragraphs = _join_page_breaks(lines)
    raw = "\n".join(paragraphs)
    text = normalize_text(raw)
    return Speech(id=id, title=title or f"#{id}", text=text, subtitle=subtitle,
                  date=guess_date("", title=title, subtitle=subtitle), source=source, raw=raw)


def parse_compilation(raw: str, *, source: str = "") -> list[Speech]:
    """Split a saved page or compilation into speeches, ids 1..N in order.

    With ``第N篇`` headings each heading starts a speech titled by the heading text; without them the whole
    text is one speech. The breadcrumb and collection title before the first heading, watermark lines and the
    trailer of link lists are dropped.
    """
    raw = raw.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = raw.split("\n")
    for i, ln in enumerate(lines):
        if _is_trailer(ln):
            lines = lines[:i]
            break
    headings = [(i, m) for i, ln in enumerate(lines)
                if (m := _HEADING_RE.match(ln.strip(" \t\u00a0\u3000")))]
    speeches: list[Speech] = []
    if not headings:
        body = "\n".join(lines)
        sp = speech_from_text(body, id=1, source=source)
        return [sp] if count_han(sp.text) else []
    for n, (i, m) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        title = normalize_text(m.group(2)).strip()
        sp = speech_from_text("\n".join(lines[i + 1:end]), id=len(speeches) + 1, title=title, source=source)
        if count_han(sp.text):
            speeches.append(sp)
    return speeches


def load_default_corpus() -> list[Speech]:
    """The five built-in municipal-government plenary speeches."""
    raw = DEFAULT_CORPUS_PATH.read_text(encoding="utf-8")
    return parse_compilation(raw, source=DEFAULT_CORPUS_PATH.name)
