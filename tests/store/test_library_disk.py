"""The library on a full, read-only or damaged disk, and files that are not a library: one clear message in both
languages, and nothing saved before is lost or overwritten. See tests/disks.py for how each failure is made."""
import errno
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path
from unittest import mock

import pytest

from analysis.errors import InputError
from analysis.store.library import LIBRARY_FILENAME, Library
from tests.disks import fill, read_only_view, sqlite_disk_full, sqlite_read_only, tiny_disk
from tests.ingest_helpers import corpus


@pytest.fixture
def lib(tmp_path):
    library = Library(tmp_path / "lib" / LIBRARY_FILENAME)
    library.add_speeches(corpus()[:2])
    library.save_stopword_list("mine", ["同志们"])
    return library


def _zip_titles(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [s["title"] for s in json.loads(zf.read("library.json"))["speeches"]]


# --- export onto a (nearly) full disk ---------------------------------------------------------------------------

def test_export_onto_a_full_disk_keeps_the_earlier_export(lib):
    with tiny_disk(1024) as disk:
        keep = disk / "keep.zip"
        lib.export(keep)
        before = keep.read_bytes()
        lib.add_speeches(corpus()[2:])                     # the new export is larger than the room left
        fill(disk, leave_kb=16)
        with pytest.raises(InputError) as info:
            lib.export(keep)
        assert str(info.value) == f"{keep}: the disk is full; the export was not written; the earlier file of " \
                                  "that name is unchanged"
        assert info.value.zh == f"{keep}：磁盘已满，导出文件未写入；同名的原有文件未改动"
        assert keep.read_bytes() == before                 # still the whole earlier export, a valid zip
        assert _zip_titles(keep) == [sp.title for sp in corpus()[:2]]
        assert sorted(p.name for p in disk.iterdir()) == ["filler.bin", "keep.zip"]   # no partial file left


def test_a_failing_write_never_touches_the_earlier_export(lib, tmp_path):
    keep = tmp_path / "keep.zip"
    lib.export(keep)
    before = keep.read_bytes()
    lib.add_speeches(corpus()[2:])
    real_fdopen = os.fdopen

    class HalfWritten:
        """A file whose write stops half-way with ENOSPC, as on a disk that fills up during the write."""
        def __init__(self, fh):
            self.fh = fh
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.fh.close()
        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            raise OSError(errno.ENOSPC, "No space left on device")
        def flush(self):
            self.fh.flush()
        def fileno(self):
            return self.fh.fileno()

    with mock.patch("analysis.store.library.os.fdopen", lambda fd, *a, **k: HalfWritten(real_fdopen(fd, *a, **k))):
        with pytest.raises(InputError, match=r"keep\.zip: the disk is full; the export was not written; the "
                                             r"earlier file of that name is unchanged$"):
            lib.export(keep)
    assert keep.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name != "lib"] == ["keep.zip"]
    info = lib.export(keep)                                  # with room again, the new export replaces it whole
    assert info["speeches"] == 5 and _zip_titles(keep) == [sp.title for sp in corpus()]
    assert info["bytes"] == keep.stat().st_size


# --- saving onto a full disk ------------------------------------------------------------------------------------

def _full_disk_message(path, exc):
    assert str(exc) == f"{path}: the disk is full; nothing was saved; free some space and try again"
    assert exc.zh == f"{path}：磁盘已满，未保存任何改动；请腾出磁盘空间后重试"
    assert "rollback" not in str(exc)


def test_saving_onto_a_full_disk_says_so_and_keeps_what_was_saved(lib):
    before = lib.to_dict()["speeches"]
    with sqlite_disk_full():
        with pytest.raises(InputError) as info:
            lib.add_speeches(corpus()[2:])
        _full_disk_message(lib.path, info.value)
        with pytest.raises(InputError, match="the disk is full; nothing was saved"):
            lib.save_stopword_list("big", [f"词{i}" for i in range(20000)])
    assert lib.to_dict()["speeches"] == before
    assert lib.stopword_lists() == {"mine": ["同志们"]}
    assert lib.add_speeches(corpus()[2:]) == [3, 4, 5]      # with room again, saving works


def test_a_library_on_a_full_tmpfs(tmp_path):
    with tiny_disk(1024) as disk:
        lib = Library(disk / LIBRARY_FILENAME)
        lib.add_speeches(corpus()[:1])
        before = lib.list_speeches()
        filler = fill(disk, leave_kb=4)
        with pytest.raises(InputError) as info:
            lib.add_speeches(corpus()[1:])
        _full_disk_message(lib.path, info.value)
        again = Library(disk / LIBRARY_FILENAME)             # opening it on the full disk still lists it
        assert again.list_speeches() == before
        assert again.export(tmp_path / "out.zip")["speeches"] == 1
        filler.unlink()
        assert Library(disk / LIBRARY_FILENAME).add_speeches(corpus()[1:2]) == [2]


# --- a read-only library -----------------------------------------------------------------------------------------

def _check_read_only(ro: Library, original: Library, out: Path) -> None:
    assert ro.read_only
    assert str(ro.read_only_reason) == (f"{ro.path}: the library is read-only (the file, its folder or the disk "
                                        "cannot be written); it can still be listed and exported")
    assert ro.read_only_reason.zh == f"{ro.path}：讲话库是只读的（文件、所在文件夹或磁盘不可写入）；仍可查看和导出"
    assert ro.list_speeches() == original.list_speeches()
    assert ro.export(out)["speeches"] == 2 and _zip_titles(out) == [sp.title for sp in corpus()[:2]]
    for change in (lambda: ro.add_speeches(corpus()[2:3]), lambda: ro.delete_speech(1),
                   lambda: ro.update_metadata(1, place="某市"), lambda: ro.save_stopword_list("x", ["的"])):
        with pytest.raises(InputError) as info:
            change()
        assert str(info.value) == (f"{ro.path}: the library is read-only (the file, its folder or the disk cannot "
                                   "be written); nothing was saved; it can still be listed and exported")
        assert info.value.zh == (f"{ro.path}：讲话库是只读的（文件、所在文件夹或磁盘不可写入），未保存任何改动；"
                                 "仍可查看和导出")


def test_a_read_only_library_is_listed_and_exported_not_called_damaged(lib, tmp_path):
    with sqlite_read_only():
        ro = Library(lib.path)
        _check_read_only(ro, lib, tmp_path / "out.zip")
    assert len(lib.list_speeches()) == 2


def test_a_library_on_a_read_only_file_system(lib, tmp_path):
    with read_only_view(lib.path.parent) as view:
        with pytest.raises(OSError):
            (view / "probe").write_bytes(b"")                # the view really is read-only, for root too
        _check_read_only(Library(view / LIBRARY_FILENAME), lib, tmp_path / "out.zip")


# --- damaged files and other programs' databases ----------------------------------------------------------------

def test_a_library_with_damaged_pages_is_refused_in_one_line(lib):
    data = bytearray(lib.path.read_bytes())
    for offset in range(2 * 4096, len(data), 4096):       # every page after the first two
        data[offset:offset + 100] = b"\xff" * 100
    lib.path.write_bytes(bytes(data))
    with pytest.raises(InputError) as info:
        Library(lib.path).list_speeches()
    assert str(info.value) == (f"{lib.path}: the library file is damaged (database disk image is malformed); "
                               "restore it from an export or a backup")
    assert info.value.zh == f"{lib.path}：讲话库文件已损坏（database disk image is malformed）；请用导出的文件或备份恢复"


def test_another_programs_database_with_a_speeches_table_is_refused_and_left_alone(tmp_path):
    path = tmp_path / LIBRARY_FILENAME
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE speeches (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO speeches VALUES (1, 'secret')")
    con.close()
    before = path.read_bytes()
    with pytest.raises(InputError) as info:
        Library(path)
    assert str(info.value) == (f"{path}: not a TifaLens library (a database of another program: its table "
                               "speeches has the columns id, name); it was not read or changed")
    assert info.value.zh == (f"{path}：不是提法镜的讲话库（是其他程序的数据库：数据表 speeches 的列为 id、name）；"
                             "未读取也未修改")
    assert path.read_bytes() == before


def test_another_programs_database_gets_no_tables_added(tmp_path):
    path = tmp_path / LIBRARY_FILENAME
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.close()
    with pytest.raises(InputError, match=r"not a TifaLens library \(a database of another program, with the table "
                                         r"notes\); it was not read or changed$"):
        Library(path)
    with sqlite3.connect(path) as con:
        assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["notes"]
    con.close()


def test_a_new_library_and_a_reopened_one_still_work(tmp_path):
    lib = Library(tmp_path / "new" / LIBRARY_FILENAME)
    assert not lib.read_only and lib.list_speeches() == []
    lib.add_speeches(corpus()[:1])
    assert not Library(lib.path).read_only
    shutil.copy(lib.path, tmp_path / "copy.sqlite3")
    assert len(Library(tmp_path / "copy.sqlite3").list_speeches()) == 1
