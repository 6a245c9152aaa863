"""Guessing a speech's date, place and speaker from its title, subtitle, first and last lines.

Guesses are only suggestions for the user to correct: each looks where such facts are written in official
speeches (the title block, a "——在…上的讲话" subtitle, a dated signature line at the end) and never deep in the
body, where other years, places and names are merely mentioned.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from analysis.paths import data_path
from analysis.text.numerals import han_number

__all__ = ["guess_metadata", "guess_date", "guess_place", "guess_speaker", "valid_date", "load_places",
           "PLACES_PATH"]

PLACES_PATH = data_path("places_cn.tsv")

_CN_NUM = "〇○零Ｏ一二三四五六七八九十"
_YMD_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?")
_DOTTED_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[.\-/／．](\d{1,2})[.\-/／．](\d{1,2})(?!\d)")
_CN_YMD_RE = re.compile(rf"([一二][〇○零Ｏ一二三四五六七八九]{{3}})\s*年\s*(?:([{_CN_NUM}]{{1,2}})\s*月\s*"
                        rf"(?:([{_CN_NUM}]{{1,3}})\s*日)?)?")
_SENTENCE_RE = re.compile(r"[。！？；]")


def valid_date(date: str) -> bool:
    """True for ``""``, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real calendar date."""
    import datetime
    if date == "":
        return True
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
    if not m:
        return False
    y, mo, d = (int(x) if x else None for x in m.groups())
    try:
        datetime.date(y, mo or 1, d or 1)
    except ValueError:
        return False
    return True


def _format(y: int, mo: int | None, d: int | None) -> str:
    parts = [f"{y:04d}"] + [f"{x:02d}" for x in (mo, d) if x]
    out = "-".join(parts)
    return out if valid_date(out) else f"{y:04d}"


def _dates_in(text: str) -> list[tuple[int, str]]:
    """``(position, date)`` of every date written in ``text``."""
    found = []
    for m in _YMD_RE.finditer(text):
        y, mo, d = m.groups()
        found.append((m.start(), _format(int(y), int(mo) if mo else None, int(d) if d and mo else None)))
    for m in _DOTTED_RE.finditer(text):
        y, mo, d = m.groups()
        found.append((m.start(), _format(int(y), int(mo), int(d))))
    for m in _CN_YMD_RE.finditer(text):
        y = han_number(m.group(1))
        mo = han_number(m.group(2)) if m.group(2) else None
        d = han_number(m.group(3)) if m.group(3) and mo else None
        if 1900 <= y <= 2099:
            found.append((m.start(), _format(y, mo or None, d or None)))
    return sorted(found)


def _head_lines(text: str, n: int = 3) -> list[str]:
    """The first ``n`` lines when they are title-like (short, no sentence punctuation)."""
    out = []
    for ln in text.split("\n")[:n]:
        if len(ln) <= 60 and not _SENTENCE_RE.search(ln):
            out.append(ln)
        else:
            break
    return out


def _tail_lines(text: str, n: int = 3) -> list[str]:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return [ln for ln in lines[-n:] if len(ln) <= 30 and not _SENTENCE_RE.search(ln)]


def guess_date(text: str, *, title: str = "", subtitle: str = "") -> str:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) from the title, subtitle, title-like first lines or a short
    dated last line; ``""`` when none of them has a date. The most precise date wins, the earlier place on a
    tie, so "2021年" in the title gives way to "（2021年3月5日）" under it."""
    dates = [d for chunk in ([title], [subtitle], _head_lines(text), _tail_lines(text))
             for ln in chunk if ln for _, d in _dates_in(ln)]
    return max(dates, key=len) if dates else ""


@lru_cache(maxsize=1)
def load_places() -> tuple[tuple[str, str, str], ...]:
    """``(name, level, province)`` rows of the gazetteer, longest names first (so 西藏自治区 beats 西藏)."""
    rows = []
    for line in PLACES_PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        _code, name, level, province = line.split("\t")
        rows.append((name, level, province))
    rows.sort(key=lambda r: -len(r[0]))
    return tuple(rows)


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern:
    # Two-character county names (礼县, 沛县) are too easily part of other words; they are left out.
    names = sorted({n for n, _, _ in load_places() if len(n) >= 3}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


_LEVEL_RANK = {"county": 0, "prefecture": 1, "province": 2}


def guess_place(text: str, *, title: str = "", subtitle: str = "", source: str = "") -> str:
    """A province, city or county named in the title, subtitle, file name or the first 300 characters.

    Within one of those places the most local name wins (a county over its city, a city over its province),
    because a speech is about where it was given, and provinces are mentioned as the level above.
    """
    levels = {n: lvl for n, lvl, _ in load_places()}
    for chunk in (title, subtitle, Path(source).stem if source else "", text[:300]):
        names = _place_re().findall(chunk or "")
        if names:
            return min(names, key=lambda n: (_LEVEL_RANK[levels[n]], names.index(n)))
    return ""


# A personal name: two to four Han characters, or an anonymisation placeholder (X, XX, ×××, ***).
_NAME = r"(?:[\u4e00-\u9fff]{2,4}?|[X×*＊]{1,4})"
_OFFICE = (r"(?:(?:省|市|县|区|州|镇|乡)?(?:委)?(?:常务)?(?:副)?(?:书记|省长|市长|县长|区长|州长|镇长|乡长|主任|"
           r"部长|局长|厅长|主席|秘书长|委员|同志))")
_SPEAKER_RES = [
    # "——张三同志在…上的讲话" / "张三在…上的讲话" (subtitle or title)
    re.compile(rf"^[—\-－\s]*(?:{_OFFICE})?\s*({_NAME})?\s*(?:同志)?\s*在.{{2,60}}(?:上|中)的(?:讲话|发言|报告|致辞)"),
    # "市长 张三" / "市委书记：张三" on a line of its own
    re.compile(rf"^{_OFFICE}\s*[:：]?\s*({_NAME})$"),
    # "张三（2021年3月5日）"
    re.compile(rf"^({_NAME})\s*[（(]\s*(?:19|20)\d{{2}}\s*年.*[）)]$"),
]
# Words that the name slot would otherwise pick up from the start of a title ("在市政府…", "市政府全体会议…").
_NOT_NAMES = re.compile(r"^(?:市|县|区|省|州|在|关于|全市|全县|全省|政府|同志|我们|今天|市政府|县政府|区政府|"
                        r"市委|县委|区委|省委|领导|上的|讲话|会议)")


def guess_speaker(text: str, *, title: str = "", subtitle: str = "") -> str:
    """The speaker's name from "XXX同志在…上的讲话", "市长 XXX" or a "XXX（date）" line; ``""`` if none."""
    candidates = [subtitle, title] + _head_lines(text, 4) + _tail_lines(text, 2)
    for line in candidates:
        line = (line or "").strip()
        if not line:
            continue
        for rx in _SPEAKER_RES:
            m = rx.search(line)
            if m and m.group(1) and not _NOT_NAMES.match(m.group(1)):
                return m.group(1)
    return ""


def guess_metadata(text: str, *, title: str = "", subtitle: str = "", source: str = "") -> dict[str, str]:
    """``{"date", "place", "speaker"}`` guessed from a speech (see the individual guessers)."""
    return {"date": guess_date(text, title=title, subtitle=subtitle),
            "place": guess_place(text, title=title, subtitle=subtitle, source=source),
            "speaker": guess_speaker(text, title=title, subtitle=subtitle)}
