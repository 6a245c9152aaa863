"""Text normalisation applied to every speech before anything is counted.

Everything downstream (segmentation, phrase detectors, offsets shown in the UI) works on the output of
:func:`normalize_text`, so the rules here are deliberately conservative and deterministic.
"""
from __future__ import annotations

import re

import numpy as np
import unicodedata

__all__ = ["normalize_text", "fold_radicals", "RADICAL_FORMS", "find_placeholders", "placeholder_matches", "PLACEHOLDER_RE", "HAN_RE", "count_han",
           "split_sentences"]

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Characters that a speech uses as sentence ends (after normalisation they are full-width).

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
# CJK radicals-supplement and similar forms that PDF fonts map Han glyphs to and that NFKC leaves alone.
RADICAL_FORMS = {
    "⺁": "厂", "⺇": "几", "⺊": "卜", "⺋": "卩", "⺍": "小", "⺎": "兀", "⺏": "尣", "⺐": "尢", "⺑": "尣",
    "⺒": "巳", "⺓": "幺", "⺔": "彐", "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日",
    "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺥": "爫",
    "⺦": "丬", "⺧": "牜", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "罒", "⺬": "示", "⺭": "礻", "⺮": "竹",
    "⺯": "糸", "⺰": "纟", "⺱": "罓", "⺲": "罒", "⺳": "罓", "⺴": "网", "⺵": "罒", "⺶": "羊", "⺷": "羊",
    "⺸": "羊", "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺼": "月", "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹",
    "⻁": "虎", "⻂": "衤", "⻃": "覀", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠", "⻉": "贝",
    "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅", "⻑": "長", "⻒": "镸",
    "⻓": "长", "⻔": "门", "⻕": "阝", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风",
    "⻜": "飞", "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨", "⻤": "鬼",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "斉", "⻬": "齐", "⻭": "歯",
    "⻮": "齿", "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀", "⻳": "龟",
    # CJK strokes that some PDF fonts emit for 一 and 丨.
    "㇐": "一", "㇑": "丨",
}
_RADICAL_RE = re.compile("[" + "".join(RADICAL_FORMS) + "]")


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
    if ch in RADICAL_FORMS:
        return RADICAL_FORMS[ch]
    for lo, hi in _NFKC_RANGES:
        if lo <= cp <= hi:
            return unicodedata.normalize("NFKC", ch)
    return ch


# _fold for every code point it changes, as one str.translate table (one C-level pass instead of a Python call
# per character).
_FOLD_TABLE = {cp: _fold(chr(cp)) for lo, hi in _NFKC_RANGES for cp in range(lo, hi + 1) if _fold(chr(cp)) != chr(cp)}
_FOLD_TABLE.update({ord(k): v for k, v in RADICAL_FORMS.items()})


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


def fold_radicals(text: str) -> str:
    """Replace radical and stroke code points that PDF extraction emits with the ordinary characters."""
    return _RADICAL_RE.sub(lambda m: RADICAL_FORMS[m.group(0)], text)


def normalize_text(text: str) -> str:
    """Return ``text`` normalised for counting.

    Compatibility and width forms are folded (NFKC where safe), ASCII punctuation used in Chinese text becomes
    full-width, stray horizontal spaces next to Han characters or Chinese punctuation are removed, line ends become
    ``\\n``, and paragraphs are separated by a single newline.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.translate(_FOLD_TABLE)
    text = _full_width_punct(text)
    text = _SPACE_NEAR_CJK_RE.sub("", text)
    lines = [ln.strip(" \t\u00a0") for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


_MASK_RUN_RE = re.compile(r"[X×*]+")


def placeholder_matches(text: str) -> list[re.Match]:
    """``PLACEHOLDER_RE.finditer(text)``, run only around the runs of X, × and * (a placeholder holds one and
    reaches at most two digits before it), so a text without them costs one fast scan instead of a lookbehind
    tried at every character."""
    out: list[re.Match] = []
    last = 0
    for run in _MASK_RUN_RE.finditer(text):
        # the match may begin two digits before the run and needs one character after it for its lookahead
        for m in PLACEHOLDER_RE.finditer(text, max(run.start() - 2, last), min(run.end() + 1, len(text))):
            out.append(m)
            last = m.end()
    return out


def find_placeholders(text: str) -> list[tuple[int, int, str]]:
    """Anonymisation placeholders in ``text`` as ``(start, end, surface)``."""
    return [(m.start(), m.end(), m.group(0)) for m in placeholder_matches(text)]


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as an array (lone surrogates kept as they are)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def count_han(text: str) -> int:
    """How many characters of ``text`` :data:`HAN_RE` matches (counted on the code points at once)."""
    cp = code_points(text)
    return int((((cp >= 0x3400) & (cp <= 0x4DBF)) | ((cp >= 0x4E00) & (cp <= 0x9FFF))
                | ((cp >= 0xF900) & (cp <= 0xFAFF)) | ((cp >= 0x20000) & (cp <= 0x3134F))).sum())


_SENT_RE = re.compile(r"[^。！？\n]+[。！？]*|[。！？]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)``; a sentence ends at 。！？ (runs kept together) or a line break."""
    spans = []
    for m in _SENT_RE.finditer(text):
        s = m.group(0)
        if s.strip("。！？ ") and HAN_RE.search(s):
            spans.append((m.start(), m.end()))
    return spans
