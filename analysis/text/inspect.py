"""How a passage was segmented: its tokens with their boundaries, tags and lexicon words, for reading and fixing.

Every count in the dashboard rests on the segmenter's token boundaries. :func:`find_passage` picks the sentence
of a speech that holds a search string (or the first sentence), :func:`passage_tokens` lists the tokens that
cover it — with their part-of-speech tag and group, whether the word comes from the lexicon (the political terms
or the user's own words) and whether it is counted — and :func:`joined` gives the word a run of adjacent tokens
forms, the word to add to the custom words so the segmenter keeps it whole; :func:`split_choices` gives the
split rules (``全面/部署``) that cut one token the other way.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from analysis.text.lexicon import SPLIT_MARK
from analysis.text.normalize import split_sentences
from analysis.text.segment import Segmentation, pos_group

__all__ = ["TokenView", "find_passage", "passage_tokens", "joined", "split_choices"]


@dataclass(frozen=True)
class TokenView:
    """One token of a passage: position in the segmentation, text, offsets in the speech, tag and flags."""
    index: int
    text: str
    start: int
    end: int
    tag: str
    group: str
    in_lexicon: bool
    countable: bool


def find_passage(text: str, query: str = "", *, sentences: int = 1) -> tuple[int, int]:
    """``(start, end)`` of the ``sentences`` sentences of ``text`` starting with the one that holds ``query``
    (the first sentence when ``query`` is empty or absent); ``(0, 0)`` for an empty text."""
    spans = split_sentences(text)
    if not spans:
        return (0, len(text))
    k = 0
    hit = text.find(query) if query else -1
    if hit >= 0:
        k = next((i for i, (s, e) in enumerate(spans) if s <= hit < e), 0)
    last = spans[min(k + max(sentences, 1), len(spans)) - 1]
    return spans[k][0], last[1]


def passage_tokens(seg: Segmentation, start: int, end: int, lexicon_terms: Iterable[str]) -> list[TokenView]:
    """The tokens of ``seg`` that overlap ``start:end`` of the segmented text, in order."""
    lexicon = set(lexicon_terms)
    out = []
    for i, (tok, s, tag, ok) in enumerate(zip(seg.tokens, seg.starts, seg.tags, seg.countable)):
        e = s + len(tok)
        if e <= start:
            continue
        if s >= end:
            break
        out.append(TokenView(i, tok, s, e, tag or "", pos_group(tag) if ok and tag else "", tok in lexicon, ok))
    return out


def joined(tokens: Sequence[TokenView], indexes: Iterable[int]) -> str:
    """The word that the tokens at ``indexes`` (positions in the segmentation) form when they are adjacent and
    more than one, with no spaces or line breaks inside; ``""`` otherwise."""
    chosen = sorted(set(indexes))
    by_index = {t.index: t for t in tokens}
    if len(chosen) < 2 or any(i not in by_index for i in chosen) or chosen != list(range(chosen[0], chosen[-1] + 1)):
        return ""
    word = "".join(by_index[i].text for i in chosen)
    return "" if any(ch.isspace() for ch in word) else word


def split_choices(word: str) -> list[str]:
    """The split rules that cut ``word`` in two at each position (``全面部署`` → ``全/面部署``, ``全面/部署``,
    ``全面部/署``); none for a word of one character or with spaces or the split mark inside."""
    if len(word) < 2 or SPLIT_MARK in word or any(ch.isspace() for ch in word):
        return []
    return [f"{word[:i]}{SPLIT_MARK}{word[i:]}" for i in range(1, len(word))]
