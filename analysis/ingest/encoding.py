"""Decoding uploaded text bytes and folding Traditional Chinese to Simplified.

Speech files arrive as UTF-8 (with or without a byte-order mark), UTF-16, GBK/GB18030 or Big5. A byte-order mark
decides at once; strict UTF-8 is tried next (it almost never decodes anything else by accident); the legacy
Chinese encodings are told apart by charset-normalizer, because GB18030 accepts nearly every Big5 byte sequence and
only the plausibility of the decoded text separates them.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

from charset_normalizer import from_bytes

from analysis.text.normalize import fold_radicals
from analysis.errors import InputError
from analysis.text.normalize import code_points, count_han

__all__ = ["Decoded", "decode_bytes", "looks_binary", "traditional_share", "is_traditional", "to_simplified",
           "fold_radicals", "ENCODING_NAMES"]

#: Display names of the encodings we report to the user.
ENCODING_NAMES = {"utf_8": "UTF-8", "utf_8_sig": "UTF-8 (BOM)", "utf_16": "UTF-16", "utf_16_le": "UTF-16LE",
                  "utf_16_be": "UTF-16BE", "utf_32": "UTF-32", "gb18030": "GB18030/GBK", "big5": "Big5",
                  "big5hkscs": "Big5-HKSCS"}

# Encodings the detector may choose between once UTF-8 has failed. Restricting the field keeps the detector from
# "finding" Japanese or Cyrillic code pages in Chinese bytes.
_LEGACY_CANDIDATES = ["gb18030", "big5", "big5hkscs", "utf_16", "utf_32"]

_BOMS = ((codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"), (codecs.BOM_UTF8, "utf_8_sig"),
         (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16"))

# C0 controls other than tab, line feed, vertical tab, form feed and carriage return: never in a text document.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")



@dataclass(frozen=True)
class Decoded:
    """Decoded text plus the encoding it was read with (a display name, e.g. ``GB18030/GBK``)."""
    text: str
    encoding: str


def looks_binary(text: str) -> bool:
    """True when decoded text is full of control characters (a binary file that happened to decode)."""
    if not text:
        return False
    sample = text[:200_000]
    return len(_CONTROL_RE.findall(sample)) > max(2, len(sample) // 200)


def _plausible_text(text: str) -> bool:
    """Mostly Han, ASCII, CJK punctuation and whitespace, and no control characters."""
    if not text or looks_binary(text):
        return False
    ok = sum(1 for c in text[:20000] if c.isascii() or "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
             or c in "“”‘’—…·")
    return ok >= 0.9 * min(len(text), 20000)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf_16_le``/``utf_16_be`` when the bytes decode as such to plausible text, as BOM-less UTF-16 does."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    # ASCII in UTF-16 puts NUL bytes in every other position; pure Chinese text has none, so try both orders.
    order = ("utf_16_le", "utf_16_be") if odd >= even else ("utf_16_be", "utf_16_le")
    for enc in order:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text) and (max(even, odd) > 0.2 or count_han(text) > 0.5 * len(text)):
            return enc
    return None


def _plain_name(enc: str) -> str:
    """The encoding's display name without its " (BOM)" mark, for a message that names the mark itself."""
    return ENCODING_NAMES[enc].removesuffix(" (BOM)")


def decode_bytes(data: bytes, *, name: str) -> Decoded:
    """Decode the bytes of a text file; raise :class:`InputError` naming ``name`` when that is impossible."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), ENCODING_NAMES[enc])
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {ENCODING_NAMES[enc]} byte-order mark but is not valid "
                                 f"{ENCODING_NAMES[enc]} text (a damaged or truncated file?)",
                                 zh=f"{name}：以 {_plain_name(enc)} 字节顺序标记（BOM）开头，却不是有效的 "
                                    f"{_plain_name(enc)} 文本（文件损坏或不完整？）") from None
    try:
        return Decoded(data.decode("utf_8"), ENCODING_NAMES["utf_8"])
    except UnicodeDecodeError:
        pass
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            return Decoded(data.decode(enc16), ENCODING_NAMES[enc16])
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary data, not a text document", zh=f"{name}：内容是二进制数据，不是文本文档")
    # threshold=1.0: official prose is dense in full-width punctuation and placeholder symbols (×, XX), which the
    # detector's default chaos limit rejects; the candidates are already restricted to Chinese encodings.
    best = from_bytes(data, cp_isolation=_LEGACY_CANDIDATES, threshold=1.0).best()
    if best is not None:
        text = str(best)
        return Decoded(text, ENCODING_NAMES.get(best.encoding, best.encoding))
    for enc in ("gb18030", "big5"):
        try:
            return Decoded(data.decode(enc), ENCODING_NAMES[enc])
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: cannot tell the text encoding (tried UTF-8, UTF-16, GB18030/GBK and Big5); "
                     "save the file as UTF-8 and try again",
                     zh=f"{name}：无法判断文本编码（已尝试 UTF-8、UTF-16、GB18030/GBK 和 Big5）；请将文件另存为 UTF-8 "
                        "后重试")


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` with Traditional characters converted to Simplified (OpenCC ``t2s``: characters and fixed
    phrases only, no regional vocabulary, so the character count does not change)."""
    return _t2s().convert(text)


def traditional_share(text: str) -> float:
    """Share of the Han characters of ``text`` that the Traditional-to-Simplified conversion changes."""
    han = count_han(text)
    if not han:
        return 0.0
    converted = to_simplified(text)
    a, b = code_points(text), code_points(converted)
    n = min(len(a), len(b))   # compared position by position, as zip() would
    changed = int((a[:n] != b[:n]).sum()) + abs(len(b) - len(a))
    return changed / han


def is_traditional(text: str, *, min_share: float = 0.02) -> bool:
    """True when at least ``min_share`` of the Han characters are Traditional forms.

    Simplified text is left almost unchanged by the conversion (0 of 19,554 Han characters in the built-in
    corpus), while Traditional text changes a fifth or more of its characters.
    """
    return traditional_share(text) >= min_share
