"""Where the shipped data lives: the top-level ``data/`` folder (corpora, lexicons, stopword lists)."""
from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "data_path"]

#: The repository's ``data/`` folder, beside ``analysis/``.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(name: str) -> Path:
    """A file of the shipped data folder."""
    return DATA_DIR / name
