"""Synthetic corpora of any size, resampled (seeded) from the paragraphs of the built-in speeches.

Each generated speech draws whole paragraphs at random until it reaches the length of a randomly chosen built-in
speech, so sizes, vocabulary and phrase density match the real corpus. The output is a 第N篇 compilation file,
which the dashboard (``TIFALENS_CORPUS``) and ``analysis.ingest.loading.load_paths`` split into speeches.

Resampling repeats paragraphs: a corpus of 1,000 speeches holds only the built-in corpus's distinct paragraphs,
so any cache keyed by word or paragraph (not by whole speech) is kinder here than on 1,000 real speeches.
"""
from __future__ import annotations

import random
from pathlib import Path

from analysis.ingest.corpus import load_default_corpus

__all__ = ["paragraph_pool", "generate_text", "write_corpus"]


def paragraph_pool() -> tuple[list[str], list[int]]:
    """The non-empty paragraphs of the built-in speeches and the speeches' lengths in characters."""
    speeches = load_default_corpus()
    paragraphs = [p for sp in speeches for p in sp.text.split("\n") if p.strip()]
    return paragraphs, [len(sp.text) for sp in speeches]


def generate_text(n_speeches: int, *, seed: int = 2021) -> str:
    """A compilation of ``n_speeches`` speeches headed 第1篇：… 第N篇：…."""
    paragraphs, lengths = paragraph_pool()
    rng = random.Random(seed)
    parts = []
    for n in range(1, n_speeches + 1):
        target = rng.choice(lengths)
        body: list[str] = []
        size = 0
        while size < target:
            p = rng.choice(paragraphs)
            body.append(p)
            size += len(p) + 1
        parts.append(f"第{n}篇：第{n}次全体会议上的讲话\n\n" + "\n\n".join(body))
    return "\n\n".join(parts) + "\n"


def write_corpus(directory: str | Path, n_speeches: int, *, seed: int = 2021) -> Path:
    """Write the compilation of ``n_speeches`` speeches to ``directory`` and return its path."""
    path = Path(directory) / f"corpus_{n_speeches}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate_text(n_speeches, seed=seed), encoding="utf-8")
    return path
