"""Chinese numerals as integers: 一 … 九十九, 百, 两, 〇/○/零 digit strings, and Arabic digits."""
from __future__ import annotations

__all__ = ["DIGITS", "han_number"]

#: Values of single Han digits (and the zero forms dates use: 二〇二二, 二○二二).
DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}


def han_number(s: str) -> int:
    """``s`` as an integer: 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105, 二〇二二 → 2022, 12 → 12; 0 if ``s`` is
    not a number."""
    s = s.strip()
    if not s:
        return 0
    if s.isdigit():
        return int(s)
    if all(ch in DIGITS for ch in s):   # a digit string (years): 二〇二二
        return int("".join(str(DIGITS[ch]) for ch in s)) if len(s) > 1 else DIGITS[s]
    total, rest = 0, s
    if "百" in rest:
        hundreds, _, rest = rest.partition("百")
        if hundreds and hundreds not in DIGITS:
            return 0
        total += (DIGITS[hundreds] if hundreds else 1) * 100
        rest = rest.lstrip("零〇")
    if "十" in rest:
        tens, _, ones = rest.partition("十")
        if (tens and tens not in DIGITS) or (ones and ones not in DIGITS):
            return 0
        return total + (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)
    if rest and rest not in DIGITS:
        return 0
    return total + (DIGITS[rest] if rest else 0)
