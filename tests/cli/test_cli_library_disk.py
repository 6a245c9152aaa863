"""``library`` on a full, read-only or damaged disk: one line on stderr, a non-zero exit, never a traceback, and
nothing saved before is lost; and the progress line of long runs, which never mixes with the rows."""
import io
import json
import sqlite3
import subprocess
import zipfile
from dataclasses import replace

import pytest

from analysis.cli.main import main
from analysis.ingest.corpus import DEFAULT_CORPUS_PATH
from analysis.progress import StderrProgress
from analysis.store.library import LIBRARY_FILENAME, Library
from tests.disks import fill, read_only_view, sqlite_disk_full, sqlite_read_only, tiny_disk
from tests.ingest_helpers import corpus, speech_text


@pytest.fixture
def cli(capsys):
    """``python -m analysis ARGS --data-dir DATA_DIR`` run in this process: exit status, stdout and stderr."""
    def run(*args, data_dir):
        capsys.readouterr()
        code = main([*args, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)
    return run


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    return err


def test_add_onto_a_full_disk_is_one_line_and_keeps_the_library(tmp_path, cli):
    with tiny_disk(1024) as disk:
        d = disk / "lib"
        assert cli("library", "add", str(DEFAULT_CORPUS_PATH), data_dir=d).returncode == 0
        fill(disk, leave_kb=4)
        extra = tmp_path / "extra.txt"
        extra.write_text("\n".join(speech_text(i) + f"\n补充{i}。" for i in range(1, 6)), encoding="utf-8")
        out = cli("library", "add", str(extra), "--split", "none", data_dir=d)
        assert (out.returncode, out.stdout) == (1, "")
        assert one_line(out.stderr) == (f"error: {d / LIBRARY_FILENAME}: the disk is full; nothing was saved; free "
                                        "some space and try again\n")
        listed = cli("library", "list", data_dir=d)
        assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 5


def test_export_onto_a_full_disk_keeps_the_earlier_file(tmp_path, cli):
    d = tmp_path / "lib"
    assert cli("library", "add", str(DEFAULT_CORPUS_PATH), data_dir=d).returncode == 0
    with tiny_disk(1024) as disk:
        keep = disk / "keep.zip"
        assert cli("library", "export", str(keep), data_dir=d).returncode == 0
        before = keep.read_bytes()
        more = [replace(sp, text=sp.text + "\n补充。", title=sp.title + "（补充）") for sp in corpus()]
        Library(d / LIBRARY_FILENAME).add_speeches(more)     # the new export is twice as large
        fill(disk, leave_kb=16)                              # less room than it needs, even in the old one's place
        out = cli("library", "export", str(keep), data_dir=d)
        assert (out.returncode, out.stdout) == (1, "")
        assert one_line(out.stderr) == (f"error: {keep}: the disk is full; the export was not written; the earlier "
                                        "file of that name is unchanged\n")
        assert keep.read_bytes() == before
        with zipfile.ZipFile(keep) as zf:
            assert len(json.loads(zf.read("library.json"))["speeches"]) == 5
        (disk / "filler.bin").unlink()
        assert cli("library", "export", str(keep), data_dir=d).returncode == 0   # with room, the new one replaces it
        with zipfile.ZipFile(keep) as zf:
            assert len(json.loads(zf.read("library.json"))["speeches"]) == 10


def test_full_disk_simulated_in_process(tmp_path, capsys):
    d = tmp_path / "lib"
    Library(d / LIBRARY_FILENAME).add_speeches(corpus()[:1])
    capsys.readouterr()
    with sqlite_disk_full():
        code = main(["library", "add", str(DEFAULT_CORPUS_PATH), "--data-dir", str(d)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert one_line(err) == (f"error: {d / LIBRARY_FILENAME}: the disk is full; nothing was saved; free some space "
                             "and try again\n")
    assert len(Library(d / LIBRARY_FILENAME).list_speeches()) == 1


def test_a_read_only_library_is_listed_and_exported(tmp_path, cli):
    d = tmp_path / "lib"
    assert cli("library", "add", str(DEFAULT_CORPUS_PATH), data_dir=d).returncode == 0
    with read_only_view(d) as view:
        path = view / LIBRARY_FILENAME
        note = (f"note: {path}: the library is read-only (the file, its folder or the disk cannot be written); it "
                "can still be listed and exported\n")
        listed = cli("library", "list", "--format", "csv", data_dir=view)
        assert (listed.returncode, listed.stderr) == (0, note)
        assert len(listed.stdout.splitlines()) == 6
        exported = cli("library", "export", str(tmp_path / "out.zip"), data_dir=view)
        assert exported.returncode == 0 and json.loads(exported.stdout)[0]["speeches"] == 5
        for args in (("add", str(DEFAULT_CORPUS_PATH)), ("delete", "1")):
            out = cli("library", *args, data_dir=view)
            assert out.returncode == 1
            assert one_line(out.stderr) == (f"error: {path}: the library is read-only (the file, its folder or the "
                                            "disk cannot be written); nothing was saved; it can still be listed and "
                                            "exported\n")


def test_read_only_simulated_in_process(tmp_path, capsys):
    d = tmp_path / "lib"
    Library(d / LIBRARY_FILENAME).add_speeches(corpus()[:2])
    capsys.readouterr()
    with sqlite_read_only():
        assert main(["library", "list", "--data-dir", str(d)]) == 0
        out, err = capsys.readouterr()
        assert len(json.loads(out)) == 2 and err.startswith("note: ") and "read-only" in err
        assert main(["library", "delete", "2", "--data-dir", str(d)]) == 1
        assert "the library is read-only" in one_line(capsys.readouterr().err)
    assert len(Library(d / LIBRARY_FILENAME).list_speeches()) == 2


def test_damaged_pages_and_foreign_databases_are_one_line(tmp_path, cli):
    d = tmp_path / "damaged"
    assert cli("library", "add", str(DEFAULT_CORPUS_PATH), data_dir=d).returncode == 0
    path = d / LIBRARY_FILENAME
    data = bytearray(path.read_bytes())
    for offset in range(2 * 4096, len(data), 4096):
        data[offset:offset + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))
    for action in ("list", "export"):
        out = cli("library", action, *([str(tmp_path / "x.zip")] if action == "export" else []), data_dir=d)
        assert (out.returncode, out.stdout) == (1, "")
        assert one_line(out.stderr) == (f"error: {path}: the library file is damaged (database disk image is "
                                        "malformed); restore it from an export or a backup\n")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    with sqlite3.connect(foreign / LIBRARY_FILENAME) as con:
        con.execute("CREATE TABLE speeches (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO speeches VALUES (1, 'secret')")
    con.close()
    out = cli("library", "export", str(tmp_path / "foreign.zip"), data_dir=foreign)
    assert (out.returncode, out.stdout) == (1, "")
    assert one_line(out.stderr) == (f"error: {foreign / LIBRARY_FILENAME}: not a TifaLens library (a database of "
                                    "another program: its table speeches has the columns id, name); it was not read "
                                    "or changed\n")
    assert not (tmp_path / "foreign.zip").exists()


# --- progress of long runs --------------------------------------------------------------------------------------

def test_many_speeches_show_progress_on_stderr_only(tmp_path, capsys):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(120):
        (folder / f"s{i:03d}.txt").write_text(f"第{i}号讲话\n同志们：今天召开第{i}次会议，研究部署工作。", encoding="utf-8")
    assert main(["terms", str(folder), "--top", "1", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == "speech,term,count,per_10k,tag" and len(out.splitlines()) == 121
    lines = err.splitlines()
    assert lines[0] == "reading files: 0/120 (0%)" and "reading files: 120/120 (100%)" in lines
    assert lines[-1].endswith("speeches: 120/120 (100%)")    # then segmenting and counting
    assert len(lines) <= 33                                    # a line per tenth of each stage, not per speech
    assert main(["speeches", str(folder / "s001.txt")]) == 0  # a short run prints nothing on stderr
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_the_progress_is_one_line_rewritten_and_erased():
    term = _Terminal()
    ticks = iter(range(100))
    progress = StderrProgress(term, interval=0.5, clock=lambda: next(ticks))
    for i in range(1, 4):
        progress("segmenting", i, 3)
    progress.close()
    assert term.getvalue() == ("\r\x1b[Ksegmenting speeches: 1/3 (33%)\r\x1b[Ksegmenting speeches: 2/3 (66%)"
                               "\r\x1b[Ksegmenting speeches: 3/3 (100%)\r\x1b[K")
    assert "\n" not in term.getvalue()                           # nothing is left on the line for the rows
