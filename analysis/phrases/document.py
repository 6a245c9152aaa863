"""The one input of every phrase detector: a normalised text with the session's segmentation and lexicon."""
from __future__ import annotations

from dataclasses import dataclass

from analysis.text.lexicon import Lexicon, load_lexicon
from analysis.text.segment import Segmentation, segment

__all__ = ["Document", "analyse", "default_lexicon"]

_DEFAULT: list[Lexicon] = []


def default_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once."""
    if not _DEFAULT:
        _DEFAULT.append(load_lexicon())
    return _DEFAULT[0]


@dataclass(frozen=True, eq=False)
class Document:
    """One analysed text: ``text`` (normalised; match offsets index into it), its ``segmentation`` made with
    ``lexicon``. Detectors read tokens from here and never segment again, so custom words reach every kind."""
    text: str
    segmentation: Segmentation
    lexicon: Lexicon


def analyse(text: str, *, lexicon: Lexicon | None = None, segmentation: Segmentation | None = None) -> Document:
    """A :class:`Document` of ``text``, segmented with ``lexicon`` (the shipped one when not given)."""
    lexicon = lexicon if lexicon is not None else default_lexicon()
    seg = segmentation if segmentation is not None else segment(text, lexicon=lexicon)
    return Document(text, seg, lexicon)
