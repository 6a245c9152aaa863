"""Every message a user can get from bad input exists in both UI languages: the Chinese one is Chinese (no English
sentence in it), the English one is exactly what it was, the command line keeps printing English, and the
dashboard shows the message in the language of the screen."""
import ast
import dataclasses
import errno
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.cli.main import main
from analysis.ingest.encoding import decode_bytes
from analysis.errors import InputError, os_reason_zh
from analysis.ingest.loading import ingest_files, load_paths, speeches_from_bytes, speeches_from_text
from analysis.context.kwic import compile_query, kwic
from analysis.store.library import LIBRARY_FILENAME, Library
from analysis.text.normalize import count_han
from analysis.text.stopwords import decode_stopword_file, parse_stopwords
from tests.ingest_helpers import corpus
from tests.ingest.test_bad_input import CASES
from ui import library_store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")

# Names that Chinese text keeps in Latin letters: file formats, encodings, products and the OCR abbreviation.
LATIN_NAMES = {"PDF", "OCR", "UTF", "BOM", "GBK", "Big", "Word", "Office", "PNG", "JPEG", "ELF", "Excel"}
# File names, extensions and paths (word/document.xml, .docx, GB18030/GBK) and exception class names.
_FILE_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]*[./][A-Za-z0-9_./-]*")
_CLASS_NAME_RE = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b")


def english_words(text: str, *, names: tuple[str, ...] = ()) -> list[str]:
    """Runs of three or more Latin letters in ``text`` that are neither a name it quotes nor a format name."""
    for name in names:
        text = text.replace(name, " ")
    text = _CLASS_NAME_RE.sub(" ", _FILE_TOKEN_RE.sub(" ", text))
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in LATIN_NAMES]


def assert_chinese(exc: InputError, *, names: tuple[str, ...] = ()) -> str:
    """The Chinese message of ``exc``, checked: Han characters, no English words, and the English one untouched."""
    assert exc.zh, f"no Chinese message for: {exc}"
    assert count_han(exc.zh) >= 4, exc.zh
    assert english_words(exc.zh, names=names) == [], exc.zh
    assert exc.message("zh") == exc.zh
    assert exc.message("en") == str(exc) != exc.zh
    return exc.zh


# --- uploaded files ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, make, english", CASES, ids=[c[0] for c in CASES])
def test_every_bad_upload_has_a_chinese_message_naming_the_file(name, make, english):
    data = make()
    with pytest.raises(InputError) as info:
        speeches_from_bytes(data, name=name)
    exc = info.value
    assert re.search(english, str(exc)), str(exc)       # the English text is what it always was
    assert assert_chinese(exc, names=(name,)).startswith(f"{name}：")
    # The upload path keeps both: the English line in ``errors``, the exception with its Chinese in ``failures``.
    result = ingest_files([(name, data)])
    assert result.errors == [(name, str(exc))]
    assert [f.zh for f in result.failures] == [exc.zh]


def test_chinese_messages_of_typical_uploads_read_as_written():
    def zh(name, data, **kw):
        with pytest.raises(InputError) as info:
            speeches_from_bytes(data, name=name, **kw)
        return info.value.zh

    from tests.ingest_helpers import png_bytes
    assert zh("empty.txt", b"") == "empty.txt：文件为空"
    assert zh("photo.txt", png_bytes()) == "photo.txt：这是一张 PNG 图片（扩展名被改成了 .txt），不是文本文档"
    assert zh("english.txt", b"Ladies and gentlemen, welcome to the annual meeting.") == (
        "english.txt：没有找到中文（只有 45 个其他字符）；提法镜只分析中文讲话")
    assert zh("big.txt", ("同志们：今天开会。\n" * 20).encode("utf-8"), max_bytes=100) == (
        "big.txt：文件大小为 560 字节，超过了单次上传的上限（100 字节）；请拆分成较小的文件再上传")


def test_over_the_size_limit_in_both_languages():
    data = ("同志们：今天开会。\n" * 20).encode("utf-8")
    with pytest.raises(InputError) as info:
        speeches_from_bytes(data, name="big.txt", max_bytes=100)
    assert str(info.value) == ("big.txt: the file is 560 bytes, over the 100 bytes limit for one upload; split it "
                               "into smaller files")
    assert_chinese(info.value, names=("big.txt",))


def test_a_broken_byte_order_mark_and_pasted_blanks():
    with pytest.raises(InputError) as info:
        decode_bytes(b"\xef\xbb\xbf\xff\xfe\xfd", name="bom.txt")
    assert str(info.value).startswith("bom.txt: starts with a UTF-8 (BOM) byte-order mark but is not valid")
    assert assert_chinese(info.value, names=("bom.txt",)) == (
        "bom.txt：以 UTF-8 字节顺序标记（BOM）开头，却不是有效的 UTF-8 文本（文件损坏或不完整？）")
    with pytest.raises(InputError) as info:
        speeches_from_text(" \n ", name="粘贴的文本")
    assert (str(info.value), info.value.zh) == ("粘贴的文本: the text is empty", "粘贴的文本：文本为空")


def test_files_and_folders_on_disk(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError) as info:
        load_paths([str(missing)])
    assert (str(info.value), info.value.zh) == (f"{missing}: no such file", f"{missing}：文件不存在")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_paths([str(tmp_path)])
    assert str(info.value).startswith(f"{tmp_path}: the folder has no speech files (.txt, .md")
    assert info.value.zh.startswith(f"{tmp_path}：文件夹中没有讲话文件（.txt、.md、")


def test_operating_system_reasons_in_chinese():
    assert os_reason_zh(PermissionError(errno.EACCES, "Permission denied")) == "没有访问权限"
    assert os_reason_zh(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足"
    assert os_reason_zh(OSError(errno.EPROTO, "Protocol error")) == f"系统错误 {errno.EPROTO}：Protocol error"


# --- KWIC queries and stopword lists ----------------------------------------------------------------------------

@pytest.mark.parametrize("query, english, chinese", [
    ("(改革", "missing ), unterminated subpattern at position 0", "缺少右括号“)”，分组没有闭合（第 1 个字符处）"),
    ("改革)", "unbalanced parenthesis at position 2", "括号不配对，多了一个“)”（第 3 个字符处）"),
    ("三[牌", "unterminated character set at position 1", "字符集的“[”没有闭合（第 2 个字符处）"),
    ("*发展", "nothing to repeat at position 0", "重复符号（* + ? 或 {}）前面没有可重复的内容（第 1 个字符处）"),
])
def test_a_bad_regular_expression_is_explained_in_chinese(query, english, chinese):
    with pytest.raises(InputError) as info:
        kwic(corpus(), query, regex=True)
    assert str(info.value) == f"invalid regular expression {query!r}: {english}"
    assert assert_chinese(info.value) == f"正则表达式 {query!r} 有误：{chinese}"


def test_other_kwic_mistakes():
    for call, zh in ((lambda: compile_query("  "), "检索词为空"),
                     (lambda: kwic(corpus(), "放管服", width=-1), "上下文宽度不能为负数")):
        with pytest.raises(InputError) as info:
            call()
        assert assert_chinese(info.value) == zh


@pytest.mark.parametrize("data, english, chinese", [
    (b"", "stop.txt: the file is empty", "stop.txt：文件为空"),
    (b"\x00\x01\x02", "stop.txt: not a text file", "stop.txt：不是文本文件"),
    (b"\xff\xfe\xff\xfe\x81", "stop.txt: not a UTF-8 or GB18030 text file",
     "stop.txt：不是 UTF-8 或 GB18030 编码的文本文件"),
])
def test_a_broken_stopword_file(data, english, chinese):
    with pytest.raises(InputError) as info:
        decode_stopword_file(data, name="stop.txt")
    assert (str(info.value), info.value.zh) == (english, chinese)
    assert_chinese(info.value, names=("stop.txt",))


def test_a_stopword_list_with_binary_text():
    with pytest.raises(InputError) as info:
        parse_stopwords("的\x00了")
    assert str(info.value) == "the stopword list is not a text file"
    assert assert_chinese(info.value) == "停用词表不是文本文件"


# --- the saved library ------------------------------------------------------------------------------------------

def test_library_refusals_in_both_languages(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(InputError) as info:
        Library(junk)
    assert str(info.value).startswith(f"{junk}: not a TifaLens library (")
    assert info.value.zh == f"{junk}：不是提法镜的讲话库，或文件已损坏（DatabaseError）"

    lib = Library(tmp_path / LIBRARY_FILENAME)
    sp = dataclasses.replace(corpus()[0], date="2021-13", source="a.txt")
    with pytest.raises(InputError) as info:
        lib.add_speeches([sp])
    assert str(info.value) == (f"a.txt «{sp.title}»: date '2021-13' is not YYYY, YYYY-MM or YYYY-MM-DD; nothing "
                               "was saved")
    assert info.value.zh == f"a.txt《{sp.title}》：日期 '2021-13' 不符合 YYYY、YYYY-MM 或 YYYY-MM-DD 格式；未保存任何讲话"
    [lib_id] = lib.add_speeches([corpus()[0]])
    for call, zh in ((lambda: lib.update_metadata(lib_id, title=" "), "讲话需要标题"),
                     (lambda: lib.delete_speech(lib_id + 1), f"库中没有编号为 {lib_id + 1} 的讲话"),
                     (lambda: lib.get_speeches([lib_id, 98, 99]), "库中没有编号为 98、99 的讲话"),
                     (lambda: lib.save_stopword_list(" ", ["的"]), "停用词表需要名称"),
                     (lambda: lib.add_lexicon_terms(["三张 牌"]), "自定义词 '三张 牌' 含有空格；未保存任何词")):
        with pytest.raises(InputError) as info:
            call()
        assert assert_chinese(info.value) == zh
    with pytest.raises(InputError) as info:
        lib.export(tmp_path / "out.txt")
    assert info.value.zh == f"{tmp_path / 'out.txt'}：只能导出为 .zip 或 .json 文件"


# --- the command line keeps English -----------------------------------------------------------------------------

def test_the_command_line_prints_the_english_message(tmp_path, capsys):
    assert main(["kwic", "(改革", "--regex"]) == 1
    assert capsys.readouterr().err == ("error: invalid regular expression '(改革': missing ), unterminated "
                                       "subpattern at position 0\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["speeches", str(empty)]) == 1
    assert capsys.readouterr().err == "error: empty.txt: the file is empty\n"


# --- every InputError in analysis/ has its Chinese --------------------------------------------------------------

def _input_error_calls():
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name == "InputError":
                    yield path.relative_to(ROOT).as_posix(), node


def test_every_input_error_in_the_library_passes_a_chinese_message():
    calls = list(_input_error_calls())
    files = {f for f, _node in calls}
    # The scan sees the modules that refuse input (so an empty scan cannot pass).
    assert {"analysis/ingest/formats.py", "analysis/ingest/encoding.py", "analysis/ingest/loading.py",
            "analysis/store/library.py", "analysis/context/kwic.py", "analysis/text/stopwords.py",
            "analysis/cli/commands/library.py"} <= files
    missing, not_chinese = [], []
    for f, node in calls:
        zh = next((k.value for k in node.keywords if k.arg == "zh"), None)
        if zh is None:
            missing.append(f"{f}:{node.lineno}")
        elif not count_han(ast.unparse(zh)):
            not_chinese.append(f"{f}:{node.lineno}")
    assert missing == [] and not_chinese == []


def test_the_ui_raises_carry_chinese_too():
    with pytest.raises(InputError) as info:
        library_store.check_fields({"date": "2021-13"})
    assert info.value.zh == "日期 '2021-13' 不符合 YYYY、YYYY-MM 或 YYYY-MM-DD 格式"
    [res] = library_store.read_inputs([("bad.docx", b"PK\x03\x04 not really a zip")])
    assert res.error_message("en") == res.error == (
        "bad.docx: the Word file is damaged or truncated (its zip directory is missing); open and save it again, "
        "then upload the new copy")
    assert res.error_message("zh") == ("bad.docx：该 Word 文件已损坏或不完整（缺少压缩包目录）；请打开后重新保存，"
                                       "再上传新保存的文件")


# --- the dashboard shows the message in the screen's language ---------------------------------------------------

def _errors(at) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]


def test_dashboard_kwic_error_follows_the_language():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["view"] = "kwic"
    at.run()
    at.toggle(key="kw_regex").set_value(True).run()
    at.text_input(key="kw_query").set_value("(改革").run()
    assert not at.exception
    assert _errors(at) == ["检索式无效：正则表达式 '(改革' 有误：缺少右括号“)”，分组没有闭合（第 1 个字符处）"]
    at.text_input(key="kw_query").set_value("*发展").run()
    assert at.error[0].value.startswith("检索式无效：正则表达式 '\\*发展' 有误")   # shown literally, not as Markdown
    at.text_input(key="kw_query").set_value("(改革").run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert _errors(at) == ["The query is not valid: invalid regular expression '(改革': missing ), unterminated "
                           "subpattern at position 0"]


def test_dashboard_upload_and_stopword_errors_follow_the_language():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["view"] = "my-speeches"
    at.run()
    results = library_store.read_inputs([("bad.docx", b"PK\x03\x04 not really a zip")])
    at.session_state["_lib_pending"] = {"split": "auto", "inputs": [], "pasted": "", "results": results}
    at.sidebar.text_area(key="stop_text").set_value("的\n了\x00").run()
    assert not at.exception
    errors = _errors(at)
    assert "**bad.docx** 无法读取：该 Word 文件已损坏或不完整（缺少压缩包目录）；请打开后重新保存，再上传新保存的文件" in errors
    assert [e for e in errors if e.startswith("停用词表")] == ["停用词表无法读取：停用词表不是文本文件",
                                                              "停用词表无法读取：停用词表不是文本文件；仍使用上一次的有效词表。"]
    assert all(not english_words(e, names=("bad.docx",)) for e in errors)
    at.sidebar.radio(key="lang").set_value("en").run()
    errors = _errors(at)
    assert ("**bad.docx** could not be read: the Word file is damaged or truncated (its zip directory is missing); "
            "open and save it again, then upload the new copy") in errors
    assert "Stopword list not loaded: the stopword list is not a text file; the last valid list stays in use." in errors
    assert not any(count_han(e) for e in errors)
