"""Real files of every supported format, written in the tests from the built-in speeches, and the figures
(chars, han_chars, top terms) that must not change whatever format or encoding a speech arrives in."""
from __future__ import annotations

import io
from functools import lru_cache

from analysis.ingest.corpus import Speech, load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.text.normalize import count_han
from analysis.pipeline import segment_all
from analysis.text.counts import term_table, top_terms
from analysis.text.stopwords import load_builtin


@lru_cache(maxsize=1)
def corpus() -> tuple[Speech, ...]:
    return tuple(load_default_corpus())


def speech_lines(n: int) -> list[str]:
    """Title line plus the body paragraphs of built-in speech ``n`` (1-based), as a user would save it."""
    sp = corpus()[n - 1]
    return [sp.title] + sp.raw.split("\n")


def speech_text(n: int) -> str:
    return "\n".join(speech_lines(n))


@lru_cache(maxsize=1)
def _lexicon():
    return load_lexicon()


def figures(speeches) -> list[dict]:
    """Per speech: chars (no line breaks), han_chars, and the top 15 terms with counts (general stopwords)."""
    speeches = list(speeches)
    segs = segment_all(speeches, lexicon=_lexicon())
    table = top_terms(term_table(speeches, segs, stopwords=load_builtin("general")), top=15)
    out = []
    for sp in speeches:
        rows = table[table["speech"] == sp.id]
        out.append({"chars": len(sp.text) - sp.text.count("\n"), "han_chars": count_han(sp.text),
                    "top": [(r.term, int(r.count)) for r in rows.itertuples()]})
    return out


def docx_bytes(paragraphs: list[str], *, core_title: str = "", table: list[list[str]] | None = None) -> bytes:
    """A real .docx written with python-docx."""
    import docx
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    if core_title:
        d.core_properties.title = core_title
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_bytes(paragraphs: list[str], *, page_numbers: bool = False, running_header: str = "") -> bytes:
    """A real PDF written with fpdf2 in Noto Sans SC: each paragraph wrapped into visual lines by the writer,
    optionally with a "- N -" footer and a running header on every page."""
    from fpdf import FPDF
    import pylopdf_fonts_zh_cn

    class _Pdf(FPDF):
        def header(self):
            if running_header:
                self.cell(0, 10, running_header, align="C", new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            if page_numbers:
                self.set_y(-15)
                self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = _Pdf()
    pdf.add_font("zh", "", pylopdf_fonts_zh_cn.sans_path())
    pdf.set_font("zh", size=12)  # before add_page: the header is drawn on it
    pdf.add_page()
    for p in paragraphs:
        pdf.multi_cell(0, 8, p, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def image_pdf_bytes() -> bytes:
    """A 'scanned' PDF: one page holding only an image, no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw
    img = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(img).rectangle((20, 20, 380, 180), outline="black", width=3)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def png_bytes() -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, format="PNG")
    return buf.getvalue()


def encrypted_docx_bytes(paragraphs: list[str], password: str = "secret") -> bytes:
    """A .docx protected with a password by msoffcrypto-tool (ECMA-376 agile encryption, as Word writes)."""
    from msoffcrypto.format.ooxml import OOXMLFile
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_bytes(paragraphs))).encrypt(password, out)
    return out.getvalue()


def encrypted_pdf_bytes(paragraphs: list[str], *, user_password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(paragraphs))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def html_page(title: str, paragraphs: list[str], *, charset: str = "utf-8") -> str:
    """A saved web page: head with style and script, navigation, the speech in <p> elements, a footer script."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\"><title>{title}</title>"
            "<style>p { margin: 0 } .nav::before { content: '导航' }</style>"
            "<script>var tracker = '统计代码'; document.write('<p>广告</p>');</script></head>\n"
            f"<body><nav class=\"nav\"><ul><li>首页</li></ul></nav>\n<h1>{title}</h1>\n{body}\n"
            "<noscript>请启用脚本</noscript><script type=\"text/javascript\">alert('弹窗');</script>"
            "</body></html>\n")
