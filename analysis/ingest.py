"""Reading speech files from disk into :class:`~analysis.corpus.Speech` records."""
from __future__ import annotations

from pathlib import Path

from analysis.corpus import Speech, parse_compilation, load_default_corpus
from analysis.errors import InputError

__all__ = ["load_paths", "speeches_from_bytes"]


def speeches_from_bytes(data: bytes, *, name: str) -> list[Speech]:
    """Decode one file's bytes and split it into speeches (a compilation gives several)."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    speeches = parse_compilation(text, source=name)
    if not speeches:
        raise InputError(f"{name}: no Chinese text found")
    return speeches


def load_paths(paths: list[str] | None) -> list[Speech]:
    """Speeches from ``paths`` in order, ids 1..N; the built-in corpus when ``paths`` is empty."""
    if not paths:
        return load_default_corpus()
    out: list[Speech] = []
    for p in paths:
        path = Path(p)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
        for sp in speeches_from_bytes(data, name=path.name):
            sp.id = len(out) + 1
            out.append(sp)
    return out
