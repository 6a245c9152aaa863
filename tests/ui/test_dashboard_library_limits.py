"""The My speeches tab at its limits: upload sizes stated where files are chosen and enforced before reading, a
full disk, a read-only library and another program's database, driven through Streamlit's AppTest."""
import ast
import io
import json
import re
import sqlite3
import tomllib
import zipfile

import pytest

from analysis.ingest.formats import DEFAULT_MAX_BYTES
from analysis.store.library import LIBRARY_FILENAME, Library, open_library
from tests.apptest import no_errors, start
from tests.disks import sqlite_disk_full, sqlite_read_only
from tests.ingest_helpers import corpus, speech_text
from tests.paths import ROOT
from ui import library as library_tab
from ui import library_store

VIEW = {"view": "my-speeches"}   # the tab, opened as a link opens it
MB = 1024 * 1024


def shown(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def errors(at) -> list[str]:
    return [shown(e.value) for e in at.error]


def uploader(at):
    [up] = [u for u in at.get("file_uploader") if u.proto.id and "lib_files" in u.proto.id]
    return up


@pytest.fixture
def empty_library(tmp_path, monkeypatch):
    """A new, empty library of this test only: a shared one would keep free pages from earlier tests' deletions,
    which a simulated full disk could still fill."""
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(tmp_path / "data"))
    yield open_library()


# --- one upload limit, stated where the files are chosen --------------------------------------------------------

def test_the_uploader_states_the_one_per_file_limit_in_both_languages():
    with open(ROOT / ".streamlit" / "config.toml", "rb") as fh:
        assert tomllib.load(fh)["server"]["maxUploadSize"] * MB == DEFAULT_MAX_BYTES == 20 * MB
    at = start(query=VIEW)
    up = uploader(at)
    assert up.proto.max_upload_size_mb == 20
    assert up.label == "上传文件（可多选；每个不超过 20 MB）"
    assert "每个文件不超过 20 MB；每次最多读取 100 个文件，本次浏览合计不超过 30 MB" in up.help
    at.sidebar.radio(key="lang").set_value("en").run()
    up = uploader(at)
    assert up.label == "Upload files (several at once; up to 20 MB each)"
    assert "Up to 20 MB per file; at most 100 files at once and 30 MB in all per visit" in up.help


def test_a_small_upload_is_read_and_previewed(empty_library):
    at = start(query=VIEW)
    uploader(at).set_value([("s2.txt", speech_text(2).encode("utf-8"), "text/plain")])
    at.button(key="lib_preview").click().run()
    no_errors(at)
    [table] = [d.value for d in at.dataframe if "首行" in d.value.columns]
    assert list(table["文件"]) == ["s2.txt"] and list(table["汉字数"]) == [2269]


def test_more_than_100_files_are_refused_before_any_is_read(empty_library):
    at = start(query=VIEW)
    files = [(f"s{i:03d}.txt", f"第{i}号讲话\n同志们：今天开会。".encode("utf-8"), "text/plain") for i in range(101)]
    uploader(at).set_value(files).run()
    assert errors(at) == ["未读取：选择了 101 个文件：每次最多读取 100 个文件；请移除一些后再预览"]
    assert not [d for d in at.dataframe if "首行" in d.value.columns]      # nothing was read
    assert uploader(at).value == []                 # and the files are not kept: the uploader is empty again
    at.sidebar.radio(key="lang").set_value("en").run()
    uploader(at).set_value(files[:100]).run()
    no_errors(at)                                    # 100 files are fine
    uploader(at).set_value(files).run()
    assert errors(at) == ["Not read: 101 files chosen: at most 100 files are read at once; remove some and preview "
                          "again"]


def test_the_total_of_one_visit_is_bounded_and_what_was_added_stays(empty_library):
    at = start(query=VIEW)
    at.text_area(key="lib_paste").set_value(speech_text(3) + "\n补充一句。").run()
    at.button(key="lib_preview").click().run()
    at.button(key="lib_confirm").click().run()
    assert len(at.session_state["lib_session"]) == 1
    big = [(f"big{i}.txt", b"x" * (15 * MB), "text/plain") for i in range(2)]   # each under 20 MB, 30 MB in all
    uploader(at).set_value(big).run()
    [message] = errors(at)
    assert re.fullmatch(r"未读取：所选文件共 30\.0 MB，加上已加入但未保存的讲话 \d+\.\d KB，超过了每次浏览可读取的 30 MB；"
                        r"请先保存或移除未保存的讲话，或少选一些文件", message), message
    assert len(at.session_state["lib_session"]) == 1            # the speech added before is still there
    assert len(at.sidebar.multiselect(key="sp").options) == 6   # and still analysed


# --- a full disk, a read-only library, another program's database -----------------------------------------------

def test_saving_onto_a_full_disk_says_disk_full_and_keeps_the_unsaved_speech(empty_library):
    at = start(query=VIEW)
    at.text_area(key="lib_paste").set_value(speech_text(2) + "\n补充一句。").run()
    at.button(key="lib_preview").click().run()
    at.button(key="lib_confirm").click().run()
    with sqlite_disk_full():
        at.button(key="lib_save").click().run()
    path = empty_library.path
    assert errors(at) == [f"未保存：{path}：磁盘已满，未保存任何改动；请腾出磁盘空间后重试"]
    assert list(at.data_editor[0].value["state"]) == ["未保存"]       # still here, to save later
    assert empty_library.list_speeches() == []
    at.button(key="lib_save").click().run()                          # with room again it saves
    no_errors(at)
    assert [r["han_chars"] for r in empty_library.list_speeches()] == [2269 + 4]


def test_a_read_only_library_is_said_so_listed_and_exported(tmp_path, monkeypatch):
    d = tmp_path / "ro"
    Library(d / LIBRARY_FILENAME).add_speeches(corpus()[:2])
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(d))
    path = d / LIBRARY_FILENAME
    with sqlite_read_only():
        at = start(query=VIEW)
        assert not at.error, errors(at)
        assert [shown(w.value) for w in at.warning] == [
            f"{path}：讲话库是只读的（文件、所在文件夹或磁盘不可写入）；仍可查看和导出。保存、修改和删除现在不会成功。"]
        assert len(at.sidebar.multiselect(key="sp").options) == 7        # 5 built-in + the 2 saved
        assert "lib_export" in [b.key for b in at.get("download_button")]
        with zipfile.ZipFile(io.BytesIO(library_store.export_library())) as zf:
            assert [s["title"] for s in json.loads(zf.read("library.json"))["speeches"]] == [
                sp.title for sp in corpus()[:2]]
        at.selectbox(key="lib_delete_pick").set_value(1)
        at.button(key="lib_delete").click().run()
        at.button(key="lib_delete_yes").click().run()
        assert errors(at) == [f"未删除：{path}：讲话库是只读的（文件、所在文件夹或磁盘不可写入），未保存任何改动；仍可查看和导出"]
    assert len(Library(path).list_speeches()) == 2


def test_another_programs_database_is_refused_and_never_exported(tmp_path, monkeypatch):
    d = tmp_path / "foreign"
    d.mkdir()
    with sqlite3.connect(d / LIBRARY_FILENAME) as con:
        con.execute("CREATE TABLE speeches (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO speeches VALUES (1, 'secret')")
    con.close()
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(d))
    at = start(query=VIEW)
    assert not at.exception
    why = (f"{d / LIBRARY_FILENAME}：不是提法镜的讲话库（是其他程序的数据库：数据表 speeches 的列为 id、name）；未读取也未修改")
    assert [shown(e.value) for e in at.sidebar.error] == [f"讲话库无法打开：{why}"]
    assert f"讲话库无法打开：{why}" in errors(at)
    assert "lib_export" not in [b.key for b in at.get("download_button")]
    assert len(at.sidebar.multiselect(key="sp").options) == 5              # the built-in speeches still open


def test_a_failed_export_gives_no_file_instead_of_a_broken_zip(monkeypatch):
    def broken():
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(library_store, "export_library", broken)
    with pytest.raises(OSError):
        library_tab._export()


# --- bounded caches ---------------------------------------------------------------------------------------------

def test_every_streamlit_cache_is_bounded():
    tree = ast.parse((ROOT / "ui" / "data.py").read_text(encoding="utf-8"))
    caches = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for dec in node.decorator_list:
                if isinstance(dec, ast.Call) and getattr(dec.func, "attr", "") in ("cache_data", "cache_resource"):
                    caches[node.name] = {k.arg for k in dec.keywords}
    assert len(caches) >= 20
    assert [name for name, keywords in caches.items() if "max_entries" not in keywords] == []
    from ui import data
    # Normal use never evicts what a sidebar change needs: a 1,000-speech corpus with one lexicon fits.
    assert data.PER_SPEECH_ENTRIES >= 1000
