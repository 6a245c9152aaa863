import json
import sqlite3
import subprocess
import sys
import threading
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.ingest.corpus import DEFAULT_CORPUS_PATH
from analysis.errors import InputError
from analysis.store.library import LIBRARY_FILENAME, Library, default_data_dir, open_library
from tests.ingest_helpers import corpus, docx_bytes, speech_lines


@pytest.fixture
def lib(tmp_path):
    return Library(tmp_path / LIBRARY_FILENAME)


def test_add_list_get_round_trip(lib):
    ids = lib.add_speeches(corpus())
    assert ids == [1, 2, 3, 4, 5]
    rows = lib.list_speeches()
    assert [r["han_chars"] for r in rows] == [2962, 2269, 2680, 2656, 6987]
    assert [r["title"] for r in rows] == [sp.title for sp in corpus()]
    got = lib.get_speeches([5, 1])
    assert [sp.id for sp in got] == [5, 1]
    assert got[0].text == corpus()[4].text and got[0].raw == corpus()[4].raw
    assert got[1].date == "2021"


def test_same_text_is_saved_once(lib):
    first = lib.add_speeches(corpus()[:2])
    again = lib.add_speeches([replace(corpus()[1], title="另一个标题"), corpus()[2]])
    assert first == [1, 2]
    assert again == [2, 3]
    assert len(lib.list_speeches()) == 3


def test_add_is_all_or_nothing(lib):
    lib.add_speeches(corpus()[:1])
    bad = replace(corpus()[2], title="坏的", date="2021-13-01")
    with pytest.raises(InputError, match=r"date '2021-13-01' is not YYYY, YYYY-MM or YYYY-MM-DD; nothing was saved"):
        lib.add_speeches([corpus()[1], bad])
    empty = replace(corpus()[2], text="abc")
    with pytest.raises(InputError, match="no Chinese text; nothing was saved"):
        lib.add_speeches([corpus()[1], empty])
    assert [r["id"] for r in lib.list_speeches()] == [1]


def test_add_rolls_back_when_the_database_fails_midway(lib, monkeypatch):
    lib.add_speeches(corpus()[:1])
    import analysis.store.library as library_module
    calls = {"n": 0}
    real = library_module.content_hash

    def failing_hash(text):
        calls["n"] += 1
        if calls["n"] == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(text)
    monkeypatch.setattr(library_module, "content_hash", failing_hash)
    with pytest.raises(sqlite3.OperationalError):
        lib.add_speeches(corpus()[1:4])  # the first two inserts happen, then the third fails
    assert [r["id"] for r in lib.list_speeches()] == [1]


def test_update_and_delete(lib):
    lib.add_speeches(corpus()[:2])
    row = lib.update_metadata(2, date="2020-07-15", place="绵阳市", speaker="XXX")
    assert (row["date"], row["place"], row["speaker"]) == ("2020-07-15", "绵阳市", "XXX")
    with pytest.raises(InputError, match="cannot edit text; editable fields are title, subtitle, date"):
        lib.update_metadata(2, text="改")
    with pytest.raises(InputError, match="^a speech needs a title$"):
        lib.update_metadata(2, title=" ")
    with pytest.raises(InputError, match="^no saved speech with id 9$"):
        lib.update_metadata(9, place="x")
    assert lib.delete_speech(1) == {"id": 1, "title": corpus()[0].title, "source": corpus()[0].source}
    with pytest.raises(InputError, match="^no saved speech with id 1$"):
        lib.delete_speech(1)
    with pytest.raises(InputError, match="^no saved speech with id 1, 7$"):
        lib.get_speeches([2, 1, 7])
    assert [sp.id for sp in lib.get_speeches()] == [2]
    # ids are never reused, so an id in an old export or bookmark cannot point at a different speech
    assert lib.add_speeches(corpus()[:1]) == [3]


def test_stopword_lists_and_lexicon(lib):
    assert lib.save_stopword_list("会议套话", ["同志们", "  今天 ", "同志们", ""]) == 2
    assert lib.save_stopword_list("空", []) == 0
    assert lib.save_stopword_list("会议套话", ["刚才"]) == 1  # replaces
    assert lib.stopword_lists() == {"会议套话": ["刚才"], "空": []}
    lib.delete_stopword_list("空")
    with pytest.raises(InputError, match="^no saved stopword list named '空'$"):
        lib.delete_stopword_list("空")
    assert lib.add_lexicon_terms(["放管服", ("一网通办", "nz"), "放管服"]) == 2
    with pytest.raises(InputError, match="contains a space; nothing was saved"):
        lib.add_lexicon_terms(["新词", "两 个"])
    assert lib.lexicon_terms() == [("放管服", "nz"), ("一网通办", "nz")]
    with pytest.raises(InputError, match="^a stopword list needs a name$"):
        lib.save_stopword_list(" ", ["x"])


def test_export_zip_and_json(lib, tmp_path):
    lib.add_speeches(corpus()[:2])
    lib.save_stopword_list("mine", ["同志们"])
    lib.add_lexicon_terms(["放管服"])
    info = lib.export(tmp_path / "out.zip")
    assert (info["speeches"], info["stopword_lists"], info["lexicon_terms"]) == (2, 1, 1)
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        assert sorted(zf.namelist()) == ["library.json", "speeches/0001.txt", "speeches/0002.txt"]
        data = json.loads(zf.read("library.json"))
        assert zf.read("speeches/0002.txt").decode("utf-8") == f"{corpus()[1].title}\n\n{corpus()[1].text}\n"
    assert [s["text"] for s in data["speeches"]] == [corpus()[0].text, corpus()[1].text]
    assert data["stopword_lists"][0]["words"] == ["同志们"]
    lib.export(tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))["lexicon_terms"][0]["term"] == "放管服"
    with pytest.raises(InputError, match=r"out\.csv: export to a \.zip or \.json file"):
        lib.export(tmp_path / "out.csv")


def test_saved_data_survives_a_new_object_and_a_new_process(tmp_path):
    Library(tmp_path / LIBRARY_FILENAME).add_speeches(corpus()[:3])
    Library(tmp_path / LIBRARY_FILENAME).save_stopword_list("mine", ["同志们", "刚才"])
    again = Library(tmp_path / LIBRARY_FILENAME)
    assert [r["id"] for r in again.list_speeches()] == [1, 2, 3]
    code = ("import json; from analysis.store.library import open_library; lib = open_library(); "
            "print(json.dumps([[s.id, len(s.text)] for s in lib.get_speeches()] + [lib.stopword_lists()]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**_env(), "TIFALENS_DATA_DIR": str(tmp_path)})
    assert json.loads(proc.stdout) == [[1, 3372], [2, 2814], [3, 3272], {"mine": ["同志们", "刚才"]}]


def _env():
    import os
    return {k: v for k, v in os.environ.items() if k not in ("TIFALENS_DATA_DIR", "XDG_DATA_HOME")}


def test_threads_and_processes_share_one_library(tmp_path):
    path = tmp_path / LIBRARY_FILENAME
    Library(path)
    errors = []

    def save(i):
        try:
            sp = replace(corpus()[0], text=corpus()[0].text + f"\n第{i}次补充。", title=f"补充{i}")
            Library(path).add_speeches([sp])
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
    threads = [threading.Thread(target=save, args=(i,)) for i in range(8)]
    code = ("from dataclasses import replace; from analysis.ingest.corpus import load_default_corpus; "
            "from analysis.store.library import open_library; sp = load_default_corpus()[1]; "
            "[open_library().add_speeches([replace(sp, text=sp.text + f'第{i}条。')]) for i in range(5)]")
    procs = [subprocess.Popen([sys.executable, "-c", code], env={**_env(), "TIFALENS_DATA_DIR": str(tmp_path)})
             for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.wait() for p in procs] == [0, 0]
    assert errors == []
    # 8 thread speeches, and 5 from the processes (both processes add the same five texts)
    assert len(Library(path).list_speeches()) == 13
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("TIFALENS_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "tifalens"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "tifalens"
    monkeypatch.setenv("TIFALENS_DATA_DIR", str(tmp_path / "env"))
    assert open_library().path == tmp_path / "env" / LIBRARY_FILENAME


def test_not_a_library_file(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match=r"junk\.sqlite3: not a TifaLens library"):
        Library(junk)


def _cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_library_commands(tmp_path, capsys):
    d = str(tmp_path / "lib")
    doc = tmp_path / "speech.docx"
    doc.write_bytes(docx_bytes(speech_lines(3)))
    code, out, _ = _cli(capsys, "library", "add", str(DEFAULT_CORPUS_PATH), str(doc), "--data-dir", d)
    assert code == 0
    rows = json.loads(out)
    assert [(r["id"], r["status"]) for r in rows] == [(1, "added"), (2, "added"), (3, "added"), (4, "added"),
                                                       (5, "added"), (3, "already saved")]
    code, out, _ = _cli(capsys, "library", "list", "--data-dir", d, "--format", "csv")
    assert out.splitlines()[0] == "id,title,date,place,speaker,chars,han_chars,source,added_at"
    assert len(out.splitlines()) == 6
    code, out, _ = _cli(capsys, "library", "delete", "2", "4", "--data-dir", d)
    assert [(r["id"], r["status"]) for r in json.loads(out)] == [(2, "deleted"), (4, "deleted")]
    code, out, err = _cli(capsys, "library", "delete", "1", "9", "--data-dir", d)
    assert (code, out, err) == (1, "", "error: no saved speech with id 9\n")
    code, out, _ = _cli(capsys, "library", "export", str(tmp_path / "x.json"), "--data-dir", d)
    assert json.loads(out)[0]["speeches"] == 3
    code, out, err = _cli(capsys, "library", "delete", "abc", "--data-dir", d)
    assert (code, err) == (1, "error: 'abc' is not a speech id (see: library list)\n")
    assert len(Library(Path(d) / LIBRARY_FILENAME).list_speeches()) == 3


def test_cli_library_uses_the_environment_data_dir(tmp_path):
    env = {**_env(), "TIFALENS_DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "analysis", "library", "add", str(DEFAULT_CORPUS_PATH)], env=env,
                   check=True, capture_output=True)
    proc = subprocess.run([sys.executable, "-m", "analysis", "library", "list", "--format", "csv"], env=env,
                          check=True, capture_output=True, text=True)
    assert len(proc.stdout.splitlines()) == 6
    assert (tmp_path / LIBRARY_FILENAME).exists()
