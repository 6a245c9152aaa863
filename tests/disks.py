"""Real and simulated disk failures for the library tests: a full disk, a read-only one.

Real ones need ``mount`` (root with the right to mount, as in a container run as root): a tiny tmpfs that is
filled up, and a read-only bind mount of a folder. Where mounting is not allowed those tests are skipped, and the
simulations below still run:

* :func:`sqlite_disk_full` lets SQLite's database file not grow by one page (``PRAGMA max_page_count``), so SQLite
  fails exactly as on a full disk (SQLITE_FULL, "database or disk is full", the transaction rolled back by SQLite);
* :func:`sqlite_read_only` opens every read-write connection with ``mode=ro``, which is how SQLite opens a file
  it cannot open for writing (a read-only file, folder or disk), so each write fails with SQLITE_READONLY. Tests run
  as root, where ``chmod`` does not stop writes, so a chmod'ed copy would not test anything.
"""
from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from unittest import mock

import pytest

from analysis.store.library import Library


def _mount(*args: str) -> None:
    proc = subprocess.run(["mount", *args], capture_output=True, text=True)
    if proc.returncode:
        pytest.skip(f"cannot mount here ({proc.stderr.strip() or proc.returncode})")


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextmanager
def tiny_disk(kb: int = 1024) -> Iterator[Path]:
    """A folder on a new tmpfs of ``kb`` KB (world-readable), unmounted afterwards."""
    where = Path(tempfile.mkdtemp(prefix="tifalens-disk-"))
    _mount("-t", "tmpfs", "-o", f"size={kb}k,mode=0755", "tmpfs", str(where))
    try:
        yield where
    finally:
        _umount(where)
        where.rmdir()


def fill(disk: Path, *, leave_kb: int = 0) -> Path:
    """Fill ``disk`` until about ``leave_kb`` KB are free; returns the filler file (delete it to free the space)."""
    filler = disk / "filler.bin"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(filler, "wb") as fh:
        try:
            fh.write(b"\0" * max(0, free - leave_kb * 1024))
        except OSError as exc:   # the last block may not fit
            assert exc.errno == errno.ENOSPC
    return filler


@contextmanager
def read_only_view(folder: Path) -> Iterator[Path]:
    """``folder`` seen through a read-only bind mount: every write there fails with EROFS, for root too."""
    where = Path(tempfile.mkdtemp(prefix="tifalens-ro-"))
    _mount("--bind", str(folder), str(where))
    try:
        _mount("-o", "remount,ro,bind", str(where))
        yield where
    finally:
        _umount(where)
        where.rmdir()


@contextmanager
def sqlite_disk_full() -> Iterator[None]:
    """Every library connection may read and write pages it has but add none: SQLite then fails as on a full
    disk."""
    real = Library._connect

    def connect(self, *args, **kw):
        con = real(self, *args, **kw)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return con
    with mock.patch.object(Library, "_connect", connect):
        yield


@contextmanager
def sqlite_read_only() -> Iterator[None]:
    """Every library connection is opened read-only, as SQLite opens a file it cannot write."""
    real_connect = sqlite3.connect

    def connect(database, *args, uri=False, **kw):
        if not uri:
            database, uri = f"{Path(database).resolve().as_uri()}?mode=ro", True
        return real_connect(database, *args, uri=uri, **kw)
    with mock.patch("analysis.store.library.sqlite3.connect", connect):
        yield
