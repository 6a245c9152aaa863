"""Plain text out of an uploaded document: .txt, .md, .html, .docx and the text layer of .pdf.

The format is decided by the bytes (magic numbers, then the decoded text), the file name only breaks ties, so a PDF
renamed ``.txt`` is still read as a PDF and an image renamed ``.txt`` is refused with a message saying what it is.
Every failure is an :class:`~analysis.errors.InputError` whose message starts with the file name. Markup is never
rendered or executed: tags are removed from the text, scripts and styles with their content.
"""
from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import PurePath

from analysis.ingest.encoding import decode_bytes, fold_radicals, looks_binary
from analysis.errors import InputError, Note
from analysis.text.normalize import count_han

__all__ = ["Extracted", "extract_text", "sniff_format", "check_size", "html_to_text", "markdown_to_text",
           "strip_tags", "join_pdf_lines", "docx_text", "pdf_text", "FORMATS", "DEFAULT_MAX_BYTES",
           "DEFAULT_MAX_UNZIPPED", "format_size"]

#: Formats we extract text from.
FORMATS = ("txt", "md", "html", "docx", "pdf")
#: Largest accepted upload, in bytes.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Largest total a .docx may unpack to; real speeches unpack to well under a megabyte of XML.
DEFAULT_MAX_UNZIPPED = 100 * 1024 * 1024
# A member this large that compresses better than this ratio is a zip bomb, not a document part.
_BOMB_MIN_MEMBER = 5 * 1024 * 1024
_BOMB_RATIO = 100
_MAX_ZIP_MEMBERS = 5000

# pypdf logs what it repairs in a damaged file ("incorrect startxref pointer") as warnings; with no handler
# Python prints them on stderr. The user hears about a PDF through our own messages only.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Extracted:
    """Text of one document, paragraphs separated by ``\\n``, with how it was read."""
    text: str
    format: str
    encoding: str = ""
    title: str = ""          # a document title found in the markup (HTML <title>, Word core properties)
    notes: tuple[str, ...] = field(default=())


def format_size(n: int) -> str:
    """``n`` bytes as a short human size: ``512 bytes``, ``3.4 KB``, ``25.0 MB``."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def check_size(n_bytes: int, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a file larger than ``max_bytes`` before reading it."""
    if n_bytes > max_bytes:
        raise InputError(f"{name}: the file is {format_size(n_bytes)}, over the {format_size(max_bytes)} limit "
                         "for one upload; split it into smaller files",
                         zh=f"{name}：文件大小为 {_size_zh(n_bytes)}，超过了单次上传的上限（{_size_zh(max_bytes)}）；"
                            "请拆分成较小的文件再上传")


def _size_zh(n: int) -> str:
    return format_size(n).replace(" bytes", " 字节")


# --- sniffing ---------------------------------------------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"),
                (b"GIF89a", "a GIF image"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"))
_OTHER_MAGIC = ((b"\x7fELF", "a program (ELF executable)"), (b"\x1f\x8b", "a gzip archive"),
                (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!\x1a\x07", "a RAR archive"),
                (b"{\\rtf", "a Rich Text (RTF) file"), (b"ID3", "an MP3 audio file"),
                (b"\x00\x00\x01\x00", "an icon image"), (b"%!PS", "a PostScript file"))
# What each kind of non-document file is called in Chinese messages (keys: the English names above and of zips).
_KINDS_ZH = {
    "a PNG image": "一张 PNG 图片", "a JPEG image": "一张 JPEG 图片", "a GIF image": "一张 GIF 图片",
    "a TIFF image": "一张 TIFF 图片", "a WebP image": "一张 WebP 图片", "a HEIC image": "一张 HEIC 图片",
    "a BMP image": "一张 BMP 图片", "an icon image": "一个图标文件",
    "a program (ELF executable)": "一个程序（ELF 可执行文件）",
    "a program (Windows executable)": "一个程序（Windows 可执行文件）",
    "a gzip archive": "一个 gzip 压缩包", "a 7-Zip archive": "一个 7-Zip 压缩包", "a RAR archive": "一个 RAR 压缩包",
    "a zip archive": "一个 zip 压缩包", "a Rich Text (RTF) file": "一个 RTF 富文本文件",
    "an MP3 audio file": "一个 MP3 音频文件", "a WAV audio file": "一个 WAV 音频文件",
    "a video or audio file": "一个视频或音频文件", "a PostScript file": "一个 PostScript 文件",
    "an Excel workbook": "一个 Excel 工作簿", "a PowerPoint presentation": "一个 PowerPoint 演示文稿",
    "an OpenDocument file": "一个 OpenDocument 文件", "an EPUB e-book": "一本 EPUB 电子书",
}
_HTML_START_RE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                            re.I | re.S)
_MD_HEADING_RE = re.compile(r"^#{1,6}[ \t]+\S", re.M)


def _binary_kind(data: bytes) -> str:
    """What a non-text, non-document file is, or ``""``."""
    for magic, what in _IMAGE_MAGIC + _OTHER_MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "a WAV audio file"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        return "a HEIC image" if brand in (b"heic", b"heix", b"mif1", b"msf1") else "a video or audio file"
    if data[:2] == b"BM" and len(data) >= 26 and int.from_bytes(data[2:6], "little") == len(data):
        return "a BMP image"
    if data[:2] == b"MZ" and b"\x00" in data[2:64]:
        return "a program (Windows executable)"
    return ""


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def sniff_format(data: bytes, *, name: str) -> str:
    """The format of ``data``: one of :data:`FORMATS`; text formats are refined after decoding.

    Raises :class:`InputError` for images, programs, archives and other files that are not documents.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(f"{name}: the Office file is password-protected; save a copy without a password "
                             "and upload that",
                             zh=f"{name}：该 Office 文件设有密码保护；请另存一份不带密码的副本再上传")
        raise InputError(f"{name}: an old Word 97-2003 (.doc) or other legacy Office file; save it as .docx or "
                         ".txt and upload that",
                         zh=f"{name}：这是旧版 Word 97-2003（.doc）或其他旧格式的 Office 文件；请另存为 .docx 或 "
                            ".txt 再上传")
    kind = _binary_kind(data)
    if kind:
        ext = _extension(name)
        renamed = ext in ("txt", "md", "html", "htm", "docx", "pdf")
        raise InputError(f"{name}: this is {kind}{f' (renamed .{ext})' if renamed else ''}, not a text document",
                         zh=f"{name}：这是{_KINDS_ZH[kind]}{f'（扩展名被改成了 .{ext}）' if renamed else ''}，"
                            "不是文本文档")
    ext = _extension(name)
    if ext in ("html", "htm", "xhtml"):
        return "html"
    if ext in ("md", "markdown"):
        return "md"
    return "txt"


def _text_kind(text: str, *, ext: str, guessed: str) -> str:
    """Refine a text format after decoding: HTML by its opening tags, Markdown by its headings."""
    if guessed == "html" or _HTML_START_RE.match(text[:4096]):
        return "html"
    if guessed == "md" or len(_MD_HEADING_RE.findall(text[:20000])) >= 2:
        return "md"
    return "txt"


# --- HTML and tags in text -------------------------------------------------------------------------------------

_BLOCK_TAGS = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
               "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
               "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
               "ul", "title"}
# Elements whose content is code or metadata, never speech text.
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select",
              "button", "head", "nav"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "pre":
            self.pre += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        elif tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        # Outside <pre>, source line breaks are just spaces, as a browser shows them.
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> tuple[str, str]:
    """``(text, title)`` of an HTML page: tags removed, scripts/styles dropped, block elements as line breaks."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [ln.strip() for ln in "".join(parser.parts).split("\n")]
    return "\n".join(ln for ln in lines if ln), re.sub(r"\s+", " ", parser.title).strip()


_SCRIPT_BLOCK_RE = re.compile(r"<(script|style|noscript|template|iframe)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)


def strip_tags(text: str) -> tuple[str, int]:
    """``(text, n)``: ``text`` with HTML tags removed (script and style blocks with their content) and the
    number of tags removed. Line breaks are kept: this is for plain text that happens to contain markup."""
    n = 0

    def drop(m: re.Match) -> str:
        nonlocal n
        n += 1 + len(_TAG_RE.findall(m.group(0)[1:]))
        return ""
    text = _SCRIPT_BLOCK_RE.sub(drop, text)
    text, k = _TAG_RE.subn("", text)
    return text, n + k


# --- Markdown --------------------------------------------------------------------------------------------------

_MD_RULES = [
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$"), ""),                 # horizontal rule
    (re.compile(r"^\s{0,3}```.*$|^\s{0,3}~~~.*$"), ""),              # code fence lines
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$"), r"\1"),         # ATX heading
    (re.compile(r"^\s{0,3}(?:>\s?)+"), ""),                          # block quote
    (re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?"), ""),              # bullet (and task box)
    (re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$"), ""),  # table separator row
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                       # image
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                   # link: keep its text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                        # bold
    (re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])"), r"\1"),  # italic
    (re.compile(r"~~(.+?)~~"), r"\1"),                               # strike-through
    (re.compile(r"`([^`]*)`"), r"\1"),                               # inline code
    (re.compile(r"^\s*\||\|\s*$"), ""),                              # table row edges
    (re.compile(r"\s*\|\s*"), " "),                                  # table cell separators
]


def markdown_to_text(md: str) -> str:
    """Plain text of a Markdown document: heading marks, emphasis, links and list bullets removed."""
    out = []
    for line in md.split("\n"):
        for rx, repl in _MD_RULES:
            line = rx.sub(repl, line)
        out.append(line.strip())
    return "\n".join(out)


# --- Word --------------------------------------------------------------------------------------------------------

def _check_zip(zf: zipfile.ZipFile, *, name: str, max_unzipped: int) -> None:
    """Refuse archives whose declared sizes are implausible for a document (zip bombs), before reading any part.

    ``zipfile`` never returns more than a member's declared size, so checking declared sizes bounds the work.
    """
    infos = zf.infolist()
    if len(infos) > _MAX_ZIP_MEMBERS:
        raise InputError(f"{name}: the Word file holds {len(infos)} parts, far more than a document has; "
                         "refusing to unpack it",
                         zh=f"{name}：该 Word 文件含有 {len(infos)} 个部件，远多于正常文档；拒绝解压")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= _BOMB_MIN_MEMBER and ratio > _BOMB_RATIO:
            raise InputError(f"{name}: the part {info.filename} would unpack from {format_size(info.compress_size)} "
                             f"to {format_size(info.file_size)} (ratio {ratio:,.0f}:1); refusing to unpack a "
                             "zip bomb",
                             zh=f"{name}：其中的部件 {info.filename} 会从 {_size_zh(info.compress_size)} 解压成 "
                                f"{_size_zh(info.file_size)}（压缩比 {ratio:,.0f}:1）；拒绝解压这种“压缩炸弹”")
        if total > max_unzipped:
            raise InputError(f"{name}: the Word file would unpack to more than {format_size(max_unzipped)}; "
                             "refusing to unpack it",
                             zh=f"{name}：该 Word 文件解压后将超过 {_size_zh(max_unzipped)}；拒绝解压")


def _check_parts(zf: zipfile.ZipFile, *, name: str) -> None:
    """Read every part once (bounded by the size checks) so a damaged part is reported by name."""
    for info in zf.infolist():
        try:
            with zf.open(info) as fh:
                while fh.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
            raise InputError(f"{name}: the Word file is damaged (part {info.filename} fails its checksum); open "
                             "and save it again, then upload the new copy",
                             zh=f"{name}：该 Word 文件已损坏（部件 {info.filename} 校验失败）；请打开后重新保存，"
                                "再上传新保存的文件") from None


def _zip_kind(names: set[str]) -> str:
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation"
    if "mimetype" in names and "content.xml" in names:
        return "an OpenDocument file"
    if "META-INF/container.xml" in names:
        return "an EPUB e-book"
    return "a zip archive"


def docx_text(data: bytes, *, name: str, max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> tuple[str, str]:
    """``(text, title)`` of a Word .docx: body paragraphs and table cells in document order."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise InputError(f"{name}: the Word file is damaged or truncated (its zip directory is missing); "
                         "open and save it again, then upload the new copy",
                         zh=f"{name}：该 Word 文件已损坏或不完整（缺少压缩包目录）；请打开后重新保存，再上传新保存的文件"
                         ) from None
    with zf:
        _check_zip(zf, name=name, max_unzipped=max_unzipped)
        kind = _zip_kind(set(zf.namelist()))
        if kind != "docx":
            raise InputError(f"{name}: this is {kind}, not a Word (.docx) document",
                             zh=f"{name}：这是{_KINDS_ZH[kind]}，不是 Word（.docx）文档")
        _check_parts(zf, name=name)
    import docx  # python-docx; imported here so text-only use never pays for it
    from docx.oxml.ns import qn
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (KeyError, ValueError, lxml errors) on bad parts
        raise InputError(f"{name}: cannot be read as a Word document ({exc.__class__.__name__}); open and save it "
                         "again as .docx",
                         zh=f"{name}：无法作为 Word 文档读取（{exc.__class__.__name__}）；请打开后重新另存为 .docx"
                         ) from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(docx.text.paragraph.Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            for row in table.rows:
                seen: list[str] = []
                for cell in row.cells:  # merged cells repeat; keep each once
                    if cell.text not in seen:
                        seen.append(cell.text)
                lines.extend(seen)
    title = (document.core_properties.title or "").strip()
    return "\n".join(lines), title


# --- PDF --------------------------------------------------------------------------------------------------------

_PAGE_NUMBER_RE = re.compile(r"^(?:[-—–－]?\s*\d{1,4}\s*[-—–－]?|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|"
                             r"\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$", re.I)
# A line that ends a sentence or a clause that may end a paragraph; anything else continues on the next line.
_PROSE_RE = re.compile("[，。；！？,;!?]")
_LINE_END_RE = re.compile("[。！？!?；;：:…][\u201d\u2019」』）)]*$")


def _width(line: str) -> float:
    """Display width in Han-character units (Latin letters and digits count half)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line)


def join_pdf_lines(lines: list[str]) -> list[str]:
    """Join the visual lines of a PDF back into paragraphs.

    A line that does not end with sentence punctuation continues on the next one when it is (nearly) as wide as
    the text column, or when it is prose (it contains a comma or a full stop): the layout broke it, not the
    author. Headings (short, no sentence punctuation) and lines that end a sentence end a paragraph.
    """
    lines = [ln.strip() for ln in lines if ln.strip()]
    if not lines:
        return []
    widths = sorted(_width(ln) for ln in lines)
    column = widths[round(0.9 * (len(widths) - 1))]
    out: list[str] = []
    joining = False
    for ln in lines:
        if joining and out:
            # Latin words and numbers broken across lines were separated by a space the line break replaced.
            tail, head = out[-1][-1], ln[0]
            latin = tail.isascii() and (tail.isalpha() or tail == "*") and head.isascii() and head.isalpha()
            out[-1] += (" " if latin else "") + ln
        else:
            out.append(ln)
        cur = out[-1]
        joining = not _LINE_END_RE.search(cur) and (_width(ln) >= 0.8 * column or bool(_PROSE_RE.search(cur)))
    return out


def _furniture(pages: list[list[str]]) -> set[str]:
    """Running headers and footers: the same first or last line on at least half of three or more pages."""
    if len(pages) < 3:
        return set()
    edges = Counter()
    for lines in pages:
        if lines:
            edges.update({lines[0], lines[-1]})
    return {ln for ln, k in edges.items() if k >= max(2, len(pages) // 2) and count_han(ln) < 30}


_CODESPACE_RE = re.compile(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _read_two_byte_cmaps_as_identity(reader) -> None:
    """Let composite fonts whose encoding is an embedded two-byte CMap be read as ``Identity-H``.

    Some writers (fpdf2 with OpenType/CFF fonts) embed the code-to-CID CMap as a stream; pypdf then reads the
    codes one byte at a time and every character comes out doubled or wrong. Text extraction only needs
    code-to-Unicode, which the font's ToUnicode map gives for two-byte codes, so ``Identity-H`` is exact here.
    """
    from pypdf.generic import NameObject, StreamObject
    seen: set[int] = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get_object().get("/Font") if page.get("/Resources") else None
        if not fonts:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in seen or font.get("/Subtype") != "/Type0" or "/Encoding" not in font:
                continue
            seen.add(id(font))
            enc = font["/Encoding"].get_object()
            if not isinstance(enc, StreamObject):
                continue
            m = _CODESPACE_RE.search(enc.get_data())
            if m and len(m.group(1)) == 4 and len(m.group(2)) == 4 and "/ToUnicode" in font:
                font[NameObject("/Encoding")] = NameObject("/Identity-H")


def pdf_text(data: bytes, *, name: str) -> str:
    """Text layer of a PDF, page furniture dropped and layout line breaks joined."""
    if b"%%EOF" not in data[-4096:]:
        raise InputError(f"{name}: the PDF is truncated (its end-of-file marker is missing); download or export "
                         "it again",
                         zh=f"{name}：PDF 文件不完整（缺少文件结束标记）；请重新下载或导出")
    import pypdf
    from pypdf.errors import PdfReadError, DependencyError
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many PDFs carry only an owner password (printing restrictions) and open with an empty one.
            if not reader.decrypt(""):
                raise InputError(f"{name}: the PDF is password-protected; save a copy without a password and "
                                 "upload that",
                                 zh=f"{name}：该 PDF 设有密码保护；请另存一份不带密码的副本再上传")
        _read_two_byte_cmaps_as_identity(reader)
        raw_pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except DependencyError:
        raise InputError(f"{name}: the PDF is encrypted with a method this installation cannot open; save a copy "
                         "without encryption",
                         zh=f"{name}：该 PDF 的加密方式在本机无法打开；请另存一份未加密的副本") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise InputError(f"{name}: the PDF is damaged and cannot be read ({exc.__class__.__name__}); export it "
                         "again",
                         zh=f"{name}：该 PDF 已损坏，无法读取（{exc.__class__.__name__}）；请重新导出") from None
    if not raw_pages:
        raise InputError(f"{name}: the PDF has no pages", zh=f"{name}：该 PDF 没有页面")
    pages = [[ln.strip() for ln in fold_radicals(p).replace("\r", "\n").split("\n") if ln.strip()]
             for p in raw_pages]
    furniture = _furniture(pages)
    # One pass over all pages, so a sentence running over a page break is joined like one over a line break.
    body = [ln for lines in pages for ln in lines if ln not in furniture and not _PAGE_NUMBER_RE.match(ln)]
    text = "\n".join(join_pdf_lines(body))
    if count_han(text) == 0 and len(re.sub(r"\s", "", text)) < 20 * len(pages):
        raise InputError(f"{name}: the PDF has no text layer (a scanned document?); run text recognition (OCR) "
                         "on it first or upload the text",
                         zh=f"{name}：该 PDF 没有文字层（可能是扫描件？）；请先做文字识别（OCR），或直接上传文本")
    return text


# --- entry point ------------------------------------------------------------------------------------------------

def _meta_charset(data: bytes) -> str:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else ""


def extract_text(data: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> Extracted:
    """Text of one uploaded document; :class:`InputError` naming ``name`` for anything that is not one."""
    check_size(len(data), name=name, max_bytes=max_bytes)
    if not data.strip():
        raise InputError(f"{name}: the file is empty", zh=f"{name}：文件为空")
    fmt = sniff_format(data, name=name)
    ext = _extension(name)
    notes: list[str] = []
    if fmt in ("pdf", "docx") and ext and ext != fmt and ext in ("txt", "md", "html", "htm", "pdf", "docx"):
        notes.append(Note(f"read as {fmt.upper()} although the name ends in .{ext}",
                          zh=f"按 {fmt.upper()} 读取（文件名以 .{ext} 结尾）"))
    if fmt == "pdf":
        return Extracted(pdf_text(data, name=name), "pdf", notes=tuple(notes))
    if fmt == "docx":
        text, title = docx_text(data, name=name, max_unzipped=max_unzipped)
        return Extracted(text, "docx", title=title, notes=tuple(notes))
    declared = _meta_charset(data)
    decoded = None
    if declared:
        try:
            decoded = data.decode(declared)
            encoding = declared.upper()
        except (LookupError, UnicodeDecodeError):
            decoded = None
    if decoded is None:
        d = decode_bytes(data, name=name)
        decoded, encoding = d.text, d.encoding
    if looks_binary(decoded):
        raise InputError(f"{name}: binary data, not a text document", zh=f"{name}：内容是二进制数据，不是文本文档")
    kind = _text_kind(decoded, ext=ext, guessed=fmt)
    title = ""
    if kind == "html":
        text, title = html_to_text(decoded)
    else:
        text, n = strip_tags(markdown_to_text(decoded) if kind == "md" else decoded)
        if n:
            # Markup in a text file is shown to nobody: tags go, and entities such as &nbsp; become characters.
            text = unescape(text)
            notes.append(Note(f"removed {n} HTML tag{'s' if n != 1 else ''} (the file is read as plain text)",
                              zh=f"去除了 {n} 个 HTML 标签（按纯文本读取）"))
    # Text copied out of a PDF carries the same radical code points as PDF extraction.
    return Extracted(fold_radicals(text), kind, encoding=encoding, title=title, notes=tuple(notes))
