"""Text normalisation applied to every speech before anything is counted.

Everything downstream (segmentation, phrase detectors, offsets shown in the UI) works on the output of
:func:`normalize_text`, so the rules here are deliberately conservative and deterministic.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text", "find_placeholders", "PLACEHOLDER_RE", "HAN_RE", "is_han", "count_han",
           "split_sentences", "SENTENCE_END"]

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Characters that a speech uses as sentence ends (after normalisation they are full-width).
SENTENCE_END = "。！？"

# Ranges where NFKC is safe: it only folds width and compatibility forms and never touches ordinary Han text
# or the curly quotes and enumeration comma Chinese typesetting relies on.
_NFKC_RANGES = (
    (0xFF01, 0xFF5E),   # full-width ASCII
    (0x3000, 0x3000),   # ideographic space
    (0x2F00, 0x2FDF),   # Kangxi radicals, produced by PDF extraction (⼀ for 一)
    (0x2E80, 0x2EFF),   # CJK radicals supplement (only those with a compatibility mapping change)
    (0xF900, 0xFAFF),   # CJK compatibility ideographs
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
    (0x2460, 0x24FF),   # enclosed alphanumerics ①
)
# Radicals-supplement forms that PDF extraction emits but NFKC leaves alone.
_RADICAL_EXTRA = {"⻓": "长", "⻔": "门", "⻢": "马", "⻜": "飞", "⻋": "车", "⻅": "见", "⻉": "贝", "⻛": "风",
                  "⻝": "食", "⻥": "鱼", "⻦": "鸟", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟",
                  "⻚": "页", "⻘": "青", "⻆": "角", "⻈": "讠"}

# ASCII punctuation that Chinese text means as its full-width form; kept as ASCII between digits (1,000 / 3:2).
_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_ASCII_PUNCT_RE = re.compile(r"[,;:!?()]")
_CJK_PUNCT = "，。、；：！？（）“”‘’《》〈〉「」『』【】—…·"
_HSPACE = "[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]"
_SPACE_NEAR_CJK_RE = re.compile(
    rf"(?<=[\u3400-\u9fff{_CJK_PUNCT}]){_HSPACE}+|{_HSPACE}+(?=[\u3400-\u9fff{_CJK_PUNCT}])")

#: Anonymisation placeholders: X, XX, XXX, ×, *, 20XX. An X inside a Latin word (e.g. "XML") is not one.
PLACEHOLDER_RE = re.compile(r"(?<![A-Za-z])(?:\d{2})?(?:X+|×+|\*+)(?![A-Za-z])")


def _fold(ch: str) -> str:
    cp = ord(ch)
    if ch in _RADICAL_EXTRA:
        return _RADICAL_EXTRA[ch]
    for lo, hi in _NFKC_RANGES:
        if lo <= cp <= hi:
            return unicodedata.normalize("NFKC", ch)
    return ch


def _full_width_punct(text: str) -> str:
    def repl(m: re.Match) -> str:
        ch = m.group(0)
        i = m.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in ",:" and before.isdigit() and after.isdigit():
            return ch  # 1,000 / 3:2
        return _TO_FULL[ch]
    return _ASCII_PUNCT_RE.sub(repl, text)


def normalize_text(text: str) -> str:
    """Return ``text`` normalised for counting.

    Compatibility and width forms are folded (NFKC where safe), ASCII punctuation used in Chinese text becomes
    full-width, stray horizontal spaces next to Han characters or Chinese punctuation are removed, line ends become
    ``\\n``, and paragraphs are separated by a single newline.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = "".join(_fold(ch) for ch in text)
    text = _full_width_punct(text)
    text = _SPACE_NEAR_CJK_RE.sub("", text)
    lines = [ln.strip(" \t\u00a0") for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def find_placeholders(text: str) -> list[tuple[int, int, str]]:
    """Anonymisation placeholders in ``text`` as ``(start, end, surface)``."""
    return [(m.start(), m.end(), m.group(0)) for m in PLACEHOLDER_RE.finditer(text)]


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def count_han(text: str) -> int:
    return len(HAN_RE.findall(text))


_SENT_RE = re.compile(r"[^。！？\n]+[。！？]*|[。！？]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)``; a sentence ends at 。！？ (runs kept together) or a line break."""
    spans = []
    for m in _SENT_RE.finditer(text):
        s = m.group(0)
        if s.strip("。！？ ") and HAN_RE.search(s):
            spans.append((m.start(), m.end()))
    return spans
