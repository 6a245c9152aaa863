"""Every kind of bad upload gets one clear message naming the file, and the saved library never changes."""
import io
import zipfile

import pytest

from analysis.cli.main import main
from analysis.errors import InputError
from analysis.ingest.loading import ingest_files, speeches_from_bytes
from analysis.store.library import LIBRARY_FILENAME, Library
from tests.ingest_helpers import (corpus, docx_bytes, encrypted_docx_bytes, encrypted_pdf_bytes, image_pdf_bytes,
                                  pdf_bytes, png_bytes, speech_lines)

LINES = ["在全市大会上的讲话", "同志们：今天我们召开全市大会，研究部署下半年工作。"]


def _zip_bomb() -> bytes:
    """A .docx-shaped zip whose document part inflates 64 MB of zeros from about 64 KB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (64 * 1024 * 1024))
    return buf.getvalue()


def _docx_of_many_parts() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(5001):
            zf.writestr(f"word/media/p{i}.xml", "")
    return buf.getvalue()


def _xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


def _truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def _corrupt_docx() -> bytes:
    """A .docx whose document part is damaged inside (its checksum no longer matches)."""
    data = bytearray(docx_bytes(LINES))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start:start + 20] = bytes(20)
    return bytes(data)


CASES = [
    ("empty.txt", lambda: b"", r"^empty\.txt: the file is empty$"),
    ("blank.txt", lambda: b" \r\n\t\n", r"^blank\.txt: the file is empty$"),
    ("photo.txt", png_bytes, r"^photo\.txt: this is a PNG image \(renamed \.txt\), not a text document$"),
    ("photo.jpg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), r"^photo\.jpg: this is a JPEG image, not"),
    ("program.txt", lambda: b"\x7fELF\x02\x01\x01" + bytes(300), r"^program\.txt: this is a program \(ELF"),
    ("data.bin", lambda: bytes(range(256)) * 40, r"^data\.bin: binary data, not a text document$"),
    ("english.txt", lambda: b"Ladies and gentlemen, welcome to the annual meeting.",
     r"^english\.txt: no Chinese text found \(45 characters of other text\)"),
    ("truncated.docx", lambda: _truncated(docx_bytes(LINES)),
     r"^truncated\.docx: the Word file is damaged or truncated \(its zip directory is missing\)"),
    ("corrupt.docx", _corrupt_docx, r"^corrupt\.docx: the Word file is damaged \(part word/document\.xml fails its "
                                    r"checksum\)"),
    ("locked.docx", lambda: encrypted_docx_bytes(LINES),
     r"^locked\.docx: the Office file is password-protected; save a copy without a password"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000),
     r"^old\.doc: an old Word 97-2003 \(\.doc\) or other legacy Office file"),
    ("bomb.docx", _zip_bomb, r"^bomb\.docx: the part word/document\.xml would unpack from [\d.]+ KB to 64\.0 MB "
                             r"\(ratio [\d,]+:1\); refusing to unpack a zip bomb$"),
    ("parts.docx", _docx_of_many_parts, r"^parts\.docx: the Word file holds 5002 parts"),
    ("sheet.docx", _xlsx, r"^sheet\.docx: this is an Excel workbook, not a Word \(\.docx\) document$"),
    ("truncated.pdf", lambda: _truncated(pdf_bytes(LINES)),
     r"^truncated\.pdf: the PDF is truncated \(its end-of-file marker is missing\)"),
    ("locked.pdf", lambda: encrypted_pdf_bytes(LINES), r"^locked\.pdf: the PDF is password-protected"),
    ("scan.pdf", image_pdf_bytes, r"^scan\.pdf: the PDF has no text layer \(a scanned document\?\); run text "
                                  r"recognition \(OCR\)"),
    ("broken.pdf", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n"
                           b"trailer << /Root 1 0 R >>\n%%EOF\n", r"^broken\.pdf: the PDF (is damaged|has no pages)"),
]


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / LIBRARY_FILENAME)
    lib.add_speeches(corpus()[:2])
    return lib


def _snapshot(lib: Library):
    return lib.list_speeches(), lib.stopword_lists(), lib.lexicon_terms()


@pytest.mark.parametrize("name, make, message", CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_named_and_library_unchanged(name, make, message, library):
    before = _snapshot(library)
    data = make()
    with pytest.raises(InputError, match=message):
        speeches_from_bytes(data, name=name)
    # The upload path: good files load, the bad one is reported, and only what loaded would be saved.
    good = docx_bytes(speech_lines(3))
    result = ingest_files([(name, data), ("good.docx", good)])
    assert [n for n, _ in result.errors] == [name]
    assert [sp.source for sp in result.speeches] == ["good.docx"]
    assert _snapshot(library) == before


def test_over_the_size_limit_is_refused_before_reading(tmp_path, capsys):
    data = ("同志们：今天开会。\n" * 20).encode("utf-8")
    with pytest.raises(InputError, match=r"^big\.txt: the file is 560 bytes, over the 100 bytes limit for one "
                                         r"upload; split it into smaller files$"):
        speeches_from_bytes(data, name="big.txt", max_bytes=100)
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # a sparse 21 MB file: the CLI refuses it from its size alone
        fh.truncate(21 * 1024 * 1024)
    assert main(["speeches", str(big)]) == 1
    assert capsys.readouterr().err == (f"error: {big}: the file is 21.0 MB, over the 20.0 MB limit for one upload; "
                                       "split it into smaller files\n")


def test_txt_with_script_tags_is_text_with_tags_removed():
    data = ("在全市大会上的讲话\n同志们：<script>document.cookie='x'; alert('注入');</script>"
            "今天我们<b onclick=\"steal()\">召开</b>全市大会。<img src=x onerror=alert(1)>\n"
            "<style>body{display:none}</style>下面我讲三点意见。").encode("utf-8")
    result = ingest_files([("evil.txt", data)])
    [sp] = result.speeches
    assert sp.text == "同志们：今天我们召开全市大会。\n下面我讲三点意见。"
    assert "<" not in sp.raw and "alert" not in sp.raw
    assert ("evil.txt", "removed 7 HTML tags (the file is read as plain text)") in result.notes


def test_cli_library_add_with_a_bad_file_saves_nothing(tmp_path, capsys):
    d = tmp_path / "lib"
    good = tmp_path / "good.docx"
    good.write_bytes(docx_bytes(speech_lines(3)))
    bad = tmp_path / "locked.pdf"
    bad.write_bytes(encrypted_pdf_bytes(LINES))
    assert main(["library", "add", str(good), "--data-dir", str(d)]) == 0
    capsys.readouterr()
    before = Library(d / LIBRARY_FILENAME).list_speeches()
    assert main(["library", "add", str(tmp_path / "good.docx"), str(bad), "--data-dir", str(d)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("error: locked.pdf: the PDF is password-protected; save a copy without a password and "
                   "upload that\n")
    assert Library(d / LIBRARY_FILENAME).list_speeches() == before
    assert main(["library", "add", str(tmp_path / "missing.txt"), "--data-dir", str(d)]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path / 'missing.txt'}: no such file\n"


def test_pdf_with_only_an_owner_password_opens():
    data = encrypted_pdf_bytes(LINES, user_password="")
    [sp] = speeches_from_bytes(data, name="restricted.pdf")
    assert sp.text == LINES[1]
