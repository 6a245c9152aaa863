"""The My speeches tab and the choice of analysed speeches, driven through Streamlit's AppTest.

AppTest cannot hand files to ``st.file_uploader``; the uploader's files go through
:func:`ui.library_store.read_inputs`, tested directly here, and everything else (paste box, split mode, preview,
confirm, metadata table, save, delete, stopword lists, custom words) is driven through the app itself.
"""
import io
import json
import re
import zipfile
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store.library import open_library
from analysis.text.normalize import count_han
from tests.ingest_helpers import docx_bytes, speech_lines, speech_text
from ui import library_store
from tests.apptest import no_errors, start

TAB = "我的讲话"


@pytest.fixture
def lib():
    """The test library (in the session's temporary data folder), empty before and after each test."""
    library = open_library()

    def clear():
        for row in library.list_speeches():
            library.delete_speech(row["id"])
        for name in library.stopword_lists():
            library.delete_stopword_list(name)
        library.remove_lexicon_terms([t for t, _tag in library.lexicon_terms()])

    clear()
    yield library
    clear()


def app(view: str | None = TAB, *, builtin: bool = True) -> AppTest:
    return start(view, query=None if builtin else {"lib_builtin": "false"})


def shown(markdown: str) -> str:
    """Message text as displayed (user text in messages is escaped for Markdown)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def sidebar_titles(at) -> list[str]:
    """The speech labels of the sidebar (number, then the title without its 在…讲话 frame, see
    analysis/ingest/labels.py)."""
    return list(at.sidebar.multiselect(key="sp").options)


def preview_table(at):
    """The preview of proposed speeches (the table with a first-line column), or None."""
    found = [d.value for d in at.dataframe if "首行" in d.value.columns or "First line" in d.value.columns]
    return found[0] if found else None


def paste_and_preview(at, text: str, *, split: str = "auto") -> AppTest:
    at.radio(key="lib_split.zh").set_value(split)
    at.text_area(key="lib_paste").set_value(text).run()
    return at.button(key="lib_preview").click().run()


def edit(at, row: int, **cells) -> AppTest:
    """Edit the metadata table as a user would: the editor's edit state, then a rerun."""
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}
    return at.run()


def compilation() -> str:
    """Speeches 2 and 3 of the built-in corpus as one document with 第一篇/第二篇 headings."""
    return "第一篇：春季讲话\n" + speech_text(2) + "\n第二篇：秋季讲话\n" + speech_text(3)


# --- what the uploader calls -----------------------------------------------------------------------------------

def test_files_are_read_one_by_one_and_each_bad_file_gets_its_own_message():
    files = [("s2.txt", speech_text(2).encode("gb18030")), ("broken.pdf", b"%PDF-1.4\n%garbage"),
             ("s3.docx", docx_bytes(speech_lines(3))), ("empty.txt", b""), ("english.txt", b"hello world")]
    calls = []
    results = library_store.read_inputs(files, on_progress=lambda *a: calls.append(a))
    assert [r.ok for r in results] == [True, False, True, False, False]
    assert [count_han(sp.text) for r in results for sp in r.speeches] == [2269, 2680]
    assert results[0].notes == ["decoded as GB18030/GBK", "1 speech"]
    assert results[1].error.startswith("broken.pdf: ")
    assert results[3].error == "empty.txt: the file is empty"
    assert "no Chinese text found" in results[4].error
    assert calls == [(1, 5, "s2.txt", "ok"), (2, 5, "broken.pdf", "error"), (3, 5, "s3.docx", "ok"),
                     (4, 5, "empty.txt", "error"), (5, 5, "english.txt", "error")]
    rows = library_store.preview_rows(results)
    assert [(r["file"], r["title"], r["han_chars"]) for r in rows] == [
        ("s2.txt", "市政府全体会议上讲话", 2269), ("s3.docx", "在市政府全体会议上的讲话", 2680)]


def test_an_unexpected_failure_in_one_file_is_reported_and_the_others_still_load():
    real = library_store.ingest_files

    def flaky(files, **kw):
        files = list(files)
        if files[0][0] == "odd.txt":
            raise RuntimeError("decoder crashed")
        return real(files, **kw)

    with mock.patch.object(library_store, "ingest_files", side_effect=flaky):
        results = library_store.read_inputs([("odd.txt", b"x"), ("s4.txt", speech_text(4).encode())],
                                            pasted=speech_text(5), pasted_name="pasted")
    assert [(r.name, r.ok, r.unexpected) for r in results] == [("odd.txt", False, True), ("s4.txt", True, False),
                                                                ("pasted", True, False)]
    assert "RuntimeError: decoder crashed" in results[0].error
    assert [count_han(sp.text) for r in results for sp in r.speeches] == [2656, 6987]


# --- paste, preview, confirm -----------------------------------------------------------------------------------

def test_paste_preview_follows_the_split_mode_and_confirm_adds_the_speeches(lib):
    at = app(builtin=False)
    assert sidebar_titles(at) == []
    paste_and_preview(at, compilation())
    no_errors(at)
    preview = preview_table(at)
    assert list(preview["标题"]) == ["春季讲话", "秋季讲话"]
    assert list(preview["汉字数"]) == [2269, 2680]
    assert preview["首行"][0] == "同志们："
    at.radio(key="lib_split.zh").set_value("none").run()      # the preview follows the split mode
    preview = preview_table(at)
    # One speech: both bodies, plus the second heading and speech 3's title line, which are now body text.
    assert list(preview["标题"]) == ["第一篇：春季讲话"]
    assert list(preview["汉字数"]) == [2269 + 2680 + count_han("第二篇：秋季讲话在市政府全体会议上的讲话")]
    at.radio(key="lib_split.zh").set_value("auto").run()
    assert sidebar_titles(at) == []                         # nothing is added before the user confirms
    at.button(key="lib_confirm").click().run()
    no_errors(at)
    assert sidebar_titles(at) == ["#1 春季", "#2 秋季"]
    assert at.sidebar.multiselect(key="sp").value == [1, 2]
    assert at.text_area(key="lib_paste").value == ""
    assert lib.list_speeches() == []                        # confirmed uploads stay in the session until saved
    at.session_state["_request.view"] = "概览"
    at.run()
    overview = at.dataframe[0].value
    assert list(overview["标题"]) == ["春季讲话", "秋季讲话"]
    assert list(overview["汉字数"]) == [2269, 2680]


def test_a_text_already_loaded_is_not_added_twice():
    at = app()
    paste_and_preview(at, speech_text(4))
    at.button(key="lib_confirm").click().run()
    no_errors(at)
    assert len(sidebar_titles(at)) == 5
    assert any("1 篇与已加载的讲话全文相同" in i.value for i in at.info)


def test_empty_paste_asks_for_input_and_discard_drops_the_preview():
    at = app()
    at.button(key="lib_preview").click().run()
    assert any("请先上传文件或粘贴文本" in i.value for i in at.info)
    paste_and_preview(at, speech_text(2) + "\n补充一句。")
    assert len(preview_table(at)) == 1
    at.button(key="lib_discard").click().run()
    no_errors(at)
    assert preview_table(at) is None
    assert len(sidebar_titles(at)) == 5


# --- metadata, save, restart, delete ---------------------------------------------------------------------------

def test_metadata_edit_changes_the_title_in_the_sidebar_and_overview_and_a_bad_date_is_refused(lib):
    at = app()
    paste_and_preview(at, speech_text(2) + "\n补充一句。")
    at.button(key="lib_confirm").click().run()
    assert sidebar_titles(at)[5] == "#6 市政府全体会议"
    edit(at, 0, title="二〇二一年春季全体会议讲话", date="2021-03", speaker="市长")
    no_errors(at)
    assert sidebar_titles(at)[5] == "#6 二〇二一年春季全体会议 2021"
    row = at.data_editor[0].value.iloc[0]
    assert (row["title"], row["date"], row["speaker"], row["state"]) == ("二〇二一年春季全体会议讲话", "2021-03",
                                                                         "市长", "未保存")
    edit(at, 0, date="2021-13")
    assert any("2021-13" in shown(e.value) and "未修改" in e.value for e in at.error)
    assert at.data_editor[0].value.iloc[0]["date"] == "2021-03"
    at.session_state["_request.view"] = "概览"
    at.run()
    assert at.dataframe[0].value["标题"].iloc[5] == "二〇二一年春季全体会议讲话"


def test_saved_speech_survives_a_restart_other_sessions_never_see_unsaved_ones_and_delete_asks_first(lib):
    at = app(builtin=False)
    paste_and_preview(at, compilation())
    at.button(key="lib_confirm").click().run()
    assert len(app(builtin=False).sidebar.multiselect(key="sp").options) == 0   # another session: nothing
    edit(at, 1, title="秋季全体会议讲话", date="2021-09-15")
    at.button(key="lib_save").click().run()
    no_errors(at)
    assert any("已保存 2 篇讲话到库" in s.value for s in at.success)
    assert [(r["title"], r["date"], r["han_chars"]) for r in lib.list_speeches()] == [
        ("春季讲话", "", 2269), ("秋季全体会议讲话", "2021-09-15", 2680)]
    assert list(at.data_editor[0].value["state"]) == ["已保存", "已保存"]

    restarted = app(builtin=False)                       # a new visit reads the library
    no_errors(restarted)
    assert sidebar_titles(restarted) == ["#1 春季", "#2 秋季全体会议 2021"]
    edit(restarted, 0, place="某市")                      # a saved speech is edited in the library
    assert lib.list_speeches()[0]["place"] == "某市"
    first_id = lib.list_speeches()[0]["id"]
    restarted.selectbox(key="lib_delete_pick").set_value(first_id)
    restarted.button(key="lib_delete").click().run()
    assert any("此操作无法撤销" in w.value for w in restarted.warning)
    restarted.button(key="lib_delete_no").click().run()
    assert len(lib.list_speeches()) == 2 and not restarted.warning
    restarted.button(key="lib_delete").click().run()
    restarted.button(key="lib_delete_yes").click().run()
    no_errors(restarted)
    assert [r["title"] for r in lib.list_speeches()] == ["秋季全体会议讲话"]
    assert sidebar_titles(restarted) == ["#1 秋季全体会议 2021"]


def test_a_bad_file_leaves_the_library_unchanged(lib):
    lib.add_speeches([s for s in library_store.read_inputs([], pasted=speech_text(3))[0].speeches])
    before = lib.to_dict()["speeches"]
    at = app(builtin=False)
    assert sidebar_titles(at) == ["#1 市政府全体会议"]
    # What the Preview button stores after reading the uploader's files.
    results = library_store.read_inputs([("bad.docx", b"PK\x03\x04 not really a zip"),
                                         ("s2.md", speech_text(2).encode("utf-16"))])
    at.session_state["_lib_pending"] = {"split": "auto", "inputs": [], "pasted": "", "results": results}
    at.run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and shown(errors[0]).startswith("**bad.docx** 无法读取：")
    assert list(preview_table(at)["文件"]) == ["s2.md"]
    assert lib.to_dict()["speeches"] == before
    at.button(key="lib_confirm").click().run()
    at.button(key="lib_save").click().run()
    no_errors(at)
    assert [r["han_chars"] for r in lib.list_speeches()] == [2680, 2269]
    assert lib.to_dict()["speeches"][0] == before[0]


def test_switching_the_built_in_speeches_off_and_on_keeps_the_selection_on_the_same_speeches(lib):
    lib.add_speeches(library_store.read_inputs([], pasted=compilation())[0].speeches)
    at = app("概览")
    assert sidebar_titles(at)[5:] == ["#6 春季", "#7 秋季"]
    at.sidebar.multiselect(key="sp").set_value([1, 3, 7]).run()
    at.sidebar.toggle(key="lib_builtin").set_value(False).run()
    no_errors(at)
    assert sidebar_titles(at) == ["#1 春季", "#2 秋季"]
    assert at.sidebar.multiselect(key="sp").value == [2]       # still 秋季讲话, now numbered 2
    assert list(at.dataframe[0].value["标题"]) == ["秋季讲话"]
    at.sidebar.toggle(key="lib_builtin").set_value(True).run()
    assert at.sidebar.multiselect(key="sp").value == [1, 2, 3, 4, 5, 7]   # built-ins come back selected


# --- stopword lists, custom words, export ----------------------------------------------------------------------

def test_stopword_list_and_custom_words_are_saved_and_loaded_in_a_new_visit(lib):
    at = app()
    box = at.sidebar.text_area(key="stop_text")
    box.set_value(box.value + "工作\n推进\n").run()
    at.sidebar.text_area(key="words").set_value("三张牌\n六稳").run()
    at.text_input(key="lib_sw_name").set_value("我的表").run()
    at.button(key="lib_sw_save").click().run()
    at.button(key="lib_words_save").click().run()
    no_errors(at)
    saved = lib.stopword_lists()["我的表"]
    assert saved[-2:] == ["工作", "推进"]
    assert lib.lexicon_terms() == [("三张牌", "nz"), ("六稳", "nz")]

    later = app("词频")
    assert "工作" not in later.sidebar.text_area(key="stop_text").value.split()
    later.session_state["_request.view"] = TAB
    later.run()
    later.selectbox(key="lib_sw_pick").set_value("我的表")
    later.button(key="lib_sw_load").click().run()
    later.button(key="lib_words_load").click().run()
    no_errors(later)
    assert later.sidebar.text_area(key="stop_text").value.split()[-2:] == ["工作", "推进"]
    assert later.sidebar.text_area(key="words").value == "三张牌\n六稳"
    assert later.query_params["sw_add"] == ["工作", "推进"]
    assert any(f"当前 {len(saved)} 个停用词" in c.value for c in later.sidebar.caption)
    later.session_state["_request.view"] = "词频"
    later.run()
    assert not {"工作", "推进"} & set(later.dataframe[0].value["词"])

    later.session_state["_request.view"] = TAB
    later.run()
    later.sidebar.text_area(key="words").set_value("六稳").run()
    later.button(key="lib_words_save").click().run()      # the library's words become the sidebar's
    assert lib.lexicon_terms() == [("六稳", "nz")]


def test_export_holds_every_saved_speech_list_and_word(lib):
    lib.add_speeches(library_store.read_inputs([], pasted=compilation())[0].speeches)
    lib.save_stopword_list("表一", ["的", "了"])
    lib.add_lexicon_terms(["三张牌"])
    with zipfile.ZipFile(io.BytesIO(library_store.export_library())) as zf:
        names = sorted(zf.namelist())
        data = json.loads(zf.read("library.json"))
    assert len(names) == 3 and names[0] == "library.json"
    assert [s["title"] for s in data["speeches"]] == ["春季讲话", "秋季讲话"]
    assert [count_han(s["text"]) for s in data["speeches"]] == [2269, 2680]
    assert data["stopword_lists"][0]["words"] == ["的", "了"]
    assert [t["term"] for t in data["lexicon_terms"]] == ["三张牌"]


def test_english_tab_and_nothing_selected_still_shows_the_tab(lib):
    at = app(builtin=False)
    no_errors(at)
    assert any("请在左侧选择至少一篇讲话" in i.value for i in at.info)
    assert [s.value for s in at.subheader] == ["我的讲话"]
    at.sidebar.radio(key="lang").set_value("en").run()
    no_errors(at)
    assert [s.value for s in at.subheader] == ["My speeches"]
    assert at.button(key="lib_preview").label == "Preview the speeches"
    assert at.sidebar.toggle(key="lib_builtin").label == "Include the built-in speeches (5)"
    assert at.radio(key="lib_split.en").options == ["Auto (on 第N篇 headings)", "The whole text is one speech",
                                                 "Numbered pieces (一、 二、)"]
    assert any(i.value == "No uploaded or saved speeches yet." for i in at.info)
