"""The shared path from speeches to segmentations, used by the CLI, the dashboard and notebooks."""
from __future__ import annotations

from analysis.corpus import Speech
from analysis.lexicon import Lexicon, load_lexicon, parse_lexicon
from analysis.segment import Segmentation, segment
from analysis.errors import InputError

__all__ = ["segment_all", "lexicon_with_words_file"]


def segment_all(speeches: list[Speech], *, lexicon: Lexicon) -> dict[int, Segmentation]:
    """Segmentation of each speech keyed by speech id."""
    return {sp.id: segment(sp.text, lexicon=lexicon) for sp in speeches}


def lexicon_with_words_file(path: str | None) -> Lexicon:
    """The shipped lexicon, plus the words of ``path`` (one per line) when given."""
    lex = load_lexicon()
    if not path:
        return lex
    try:
        with open(path, encoding="utf-8-sig") as fh:
            extra = parse_lexicon(fh.read())
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the word list ({exc.__class__.__name__})") from None
    return lex.with_terms(extra.terms)
