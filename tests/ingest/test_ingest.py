import subprocess
import sys
import json
from collections import Counter

import opencc
import pytest

from analysis.cli.main import main
from analysis.ingest.corpus import DEFAULT_CORPUS_PATH
from analysis.errors import InputError
from analysis.ingest.loading import (count_piece_headings, ingest_files, load_paths, preview_split, speeches_from_bytes,
                             speeches_from_text)
from tests.ingest_helpers import (corpus, docx_bytes, figures, html_page, pdf_bytes, speech_lines, speech_text)

SPEECH = 1  # the built-in speech every format is written from


@pytest.fixture(scope="module")
def original():
    """The speech read from a plain UTF-8 .txt: the reference every other format must reproduce."""
    speeches = speeches_from_bytes(speech_text(SPEECH).encode("utf-8"), name="speech.txt")
    assert len(speeches) == 1
    return speeches[0]


@pytest.fixture(scope="module")
def original_figures(original):
    return figures([original])[0]


def test_utf8_txt_matches_the_builtin_speech(original, original_figures):
    builtin = corpus()[SPEECH - 1]
    assert original.text == builtin.text
    assert original.title == builtin.title == "在市政府2021年全体会议上的讲话"
    assert original_figures["chars"] == 3366
    assert original_figures["han_chars"] == 2962
    assert original_figures["top"][:3] == figures([builtin])[0]["top"][:3]


def _encoded(encoding: str) -> bytes:
    text = speech_text(SPEECH)
    if encoding == "gbk":
        text = text.replace("\u00a0", " ")  # GBK has no no-break space
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gbk", "gb18030", "crlf"])
def test_every_encoding_gives_the_same_figures(encoding, original, original_figures):
    speeches = speeches_from_bytes(_encoded(encoding), name=f"speech-{encoding}.txt")
    assert len(speeches) == 1
    assert speeches[0].text == original.text
    assert figures(speeches)[0] == original_figures


def _as_format(fmt: str) -> tuple[str, bytes]:
    lines = speech_lines(SPEECH)
    if fmt == "docx":
        return "speech.docx", docx_bytes(lines)
    if fmt == "pdf":
        return "speech.pdf", pdf_bytes(lines, page_numbers=True)
    if fmt == "html":
        return "speech.html", html_page(lines[0], lines[1:]).encode("utf-8")
    if fmt == "md":
        return "speech.md", ("# " + lines[0] + "\n\n" + "\n\n".join(lines[1:])).encode("utf-8")
    raise ValueError(fmt)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md"])
def test_every_format_gives_the_same_figures(fmt, original, original_figures):
    name, data = _as_format(fmt)
    speeches = speeches_from_bytes(data, name=name)
    assert len(speeches) == 1
    sp = speeches[0]
    assert sp.title == original.title
    assert sp.date == "2021"
    # A PDF may break a paragraph where a line ends with a full stop; the characters are identical.
    assert sp.text.replace("\n", "") == original.text.replace("\n", "")
    assert figures(speeches)[0] == original_figures


def test_big5_traditional_round_trips_to_the_simplified_figures(original, original_figures):
    # Plain s2t writes OpenCC's standard forms (爲 羣 裏 衆 啓 着), which Big5 cannot encode; a Taiwan user's
    # file uses the Taiwan standard forms, which it can.
    trad = opencc.OpenCC("s2tw").convert(speech_text(SPEECH))
    speeches = speeches_from_bytes(trad.encode("big5"), name="speech-big5.txt")
    sp = speeches[0]
    assert sp.raw == opencc.OpenCC("s2tw").convert(corpus()[SPEECH - 1].raw)  # the body as written
    assert sp.title == original.title
    assert len(sp.text) == len(original.text)
    # Characters that do not come back: 着 is written 著 in Taiwan and 著 is also a valid Simplified character.
    diffs = Counter((a, b) for a, b in zip(original.text, sp.text) if a != b)
    assert diffs == {("着", "著"): 4}
    got = figures(speeches)[0]
    assert (got["chars"], got["han_chars"]) == (original_figures["chars"], original_figures["han_chars"])
    assert got["top"] == original_figures["top"]


def test_big5_whole_corpus_differs_only_in_known_characters():
    raw = DEFAULT_CORPUS_PATH.read_text(encoding="utf-8").replace("\u00a0", " ")  # Big5 has no no-break space
    trad = opencc.OpenCC("s2tw").convert(raw)
    speeches = speeches_from_bytes(trad.encode("big5"), name="corpus-big5.txt")
    assert [sp.title for sp in speeches] == [sp.title for sp in corpus()]
    diffs = Counter()
    for got, want in zip(speeches, corpus()):
        assert len(got.text) == len(want.text)
        diffs.update((a, b) for a, b in zip(want.text, got.text) if a != b)
    assert diffs == {("着", "著"): 20, ("象", "像"): 1}
    # raw keeps the Traditional text. Paragraphs the splitter reshaped (speech 2 has watermarks and page-break
    # joins) are mapped back character by character, which gets one of 2,814 characters wrong (制约 -> 製約).
    written = [opencc.OpenCC("s2tw").convert(sp.raw.replace("\u00a0", " ")) for sp in corpus()]
    wrong = [sum(a != b for a, b in zip(got.raw, want)) for got, want in zip(speeches, written)]
    assert wrong == [0, 1, 0, 0, 0]


def test_gbk_compilation_splits_into_the_five_speeches():
    raw = DEFAULT_CORPUS_PATH.read_text(encoding="utf-8").replace("\u00a0", " ")
    speeches = speeches_from_bytes(raw.encode("gbk"), name="corpus-gbk.txt")
    assert [sp.text for sp in speeches] == [sp.text for sp in corpus()]


def test_split_modes_on_the_builtin_corpus():
    data = DEFAULT_CORPUS_PATH.read_bytes()
    auto = preview_split(data, name="corpus.txt")
    assert [r["han_chars"] for r in auto] == [2962, 2269, 2680, 2656, 6987]
    assert [r["first_line"] for r in auto[1:]] == ["同志们：", "同志们：", "同志们", "同志们："]
    none = preview_split(data, name="corpus.txt", split="none")
    assert len(none) == 1
    # 一、 二、 三、 are sections of speech 5, so the explicit pieces split finds three "pieces" there, plus the
    # prose before them: this is why it is never automatic.
    assert count_piece_headings(data.decode("utf-8")) == 3
    pieces = preview_split(data, name="corpus.txt", split="pieces")
    assert [r["title"] for r in pieces[1:]] == ["政府工作面临的形势和任务", "集中精力抓好下半年的工作",
                                                 "全面加强政府自身建设"]
    with pytest.raises(InputError, match="unknown split mode 'chapters'"):
        preview_split(data, name="corpus.txt", split="chapters")


def test_pieces_split_of_a_numbered_collection():
    text = ("2023年县委书记讲话汇编\n一、在全县经济工作会议上的讲话\n同志们：今天我们召开全县经济工作会议。"
            "要抓好项目建设。\n二、在全县脱贫攻坚推进会上的讲话\n同志们：脱贫攻坚到了关键时期。\n"
            "三、在全县安全生产会议上的讲话\n同志们：安全生产责任重于泰山。一要压实责任。")
    assert [sp.title for sp in speeches_from_text(text)] == ["2023年县委书记讲话汇编"]
    pieces = speeches_from_text(text, split="pieces")
    assert [sp.title for sp in pieces] == ["在全县经济工作会议上的讲话", "在全县脱贫攻坚推进会上的讲话",
                                            "在全县安全生产会议上的讲话"]
    assert [sp.id for sp in pieces] == [1, 2, 3]
    assert pieces[2].text == "同志们：安全生产责任重于泰山。一要压实责任。"


def test_pasted_text_strips_markup_and_guesses_metadata():
    text = ("在杭州市2023年经济工作会议上的讲话\n——张三同志在全市经济工作会议上的讲话\n"
            "（2023年2月8日）\n同志们：<script>alert(1)</script>今天我们召开<b>全市</b>经济工作会议。")
    [sp] = speeches_from_text(text)
    assert sp.title == "在杭州市2023年经济工作会议上的讲话"
    assert sp.text == "同志们：今天我们召开全市经济工作会议。"
    assert (sp.date, sp.place, sp.speaker) == ("2023-02-08", "杭州市", "张三")
    with pytest.raises(InputError, match="^pasted text: the text is empty$"):
        speeches_from_text("  \n ")


def test_untitled_file_takes_its_name_or_document_title():
    [sp] = speeches_from_bytes("同志们：今天我们开会，研究部署工作。".encode(), name="县长讲话.txt")
    assert sp.title == "县长讲话"
    [sp] = speeches_from_bytes(docx_bytes(["同志们：今天我们开会，研究部署工作。"], core_title="全县大会讲话"),
                               name="upload.docx")
    assert sp.title == "全县大会讲话"


def test_ingest_files_keeps_good_files_and_reports_progress():
    calls = []
    files = [("a.docx", _as_format("docx")[1]), ("empty.txt", b""), ("b-gbk.txt", _encoded("gbk")),
             ("c.md", _as_format("md")[1])]
    result = ingest_files(files, on_progress=lambda *a: calls.append(a))
    assert [sp.id for sp in result.speeches] == [1, 2, 3]
    assert [sp.source for sp in result.speeches] == ["a.docx", "b-gbk.txt", "c.md"]
    assert result.errors == [("empty.txt", "empty.txt: the file is empty")]
    assert calls == [(1, 4, "a.docx", "ok"), (2, 4, "empty.txt", "error"), (3, 4, "b-gbk.txt", "ok"),
                     (4, 4, "c.md", "ok")]
    assert ("b-gbk.txt", "decoded as GB18030/GBK") in result.notes


def test_load_paths_reads_a_folder_of_mixed_files(tmp_path):
    (tmp_path / "1.docx").write_bytes(_as_format("docx")[1])
    (tmp_path / "2.txt").write_bytes(_encoded("utf-16"))
    (tmp_path / "notes.xlsx").write_bytes(b"ignored: not a speech extension")
    speeches = load_paths([str(tmp_path)])
    assert [(sp.id, sp.source) for sp in speeches] == [(1, "1.docx"), (2, "2.txt")]
    assert speeches[0].text == speeches[1].text


def test_cli_subcommands_read_any_format(tmp_path, capsys):
    gbk = tmp_path / "speech-gbk.txt"
    gbk.write_bytes(_encoded("gbk"))
    doc = tmp_path / "speech.docx"
    doc.write_bytes(_as_format("docx")[1])
    assert main(["speeches", str(gbk), str(doc)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["chars"], r["han_chars"], r["source"]) for r in rows] == [
        (1, 3366, 2962, "speech-gbk.txt"), (2, 3366, 2962, "speech.docx")]


def test_cli_error_is_one_line_exit_1(tmp_path):
    bad = tmp_path / "photo.txt"
    from tests.ingest_helpers import png_bytes
    bad.write_bytes(png_bytes())
    proc = subprocess.run([sys.executable, "-m", "analysis", "terms", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr == "error: photo.txt: this is a PNG image (renamed .txt), not a text document\n"
    assert proc.stdout == ""


def test_text_copied_from_a_pdf_gets_ordinary_characters():
    [sp] = speeches_from_text("同志们：\n⼀是保障⺠⽣，⼆是⻓期坚持⻔槛不降低，\n三是加快⻄部发展。")
    # Pasted line breaks are the author's (only PDF layout lines are rejoined).
    assert sp.text == "同志们：\n一是保障民生，二是长期坚持门槛不降低，\n三是加快西部发展。"
