"""Two UI languages. Every visible string goes through :func:`tr` so no screen mixes languages."""
from __future__ import annotations

import re

import contextvars
from contextlib import contextmanager

import streamlit as st

LANGS = {"zh": "中文", "en": "English"}


_FORCED: contextvars.ContextVar[str | None] = contextvars.ContextVar("tifalens_lang", default=None)


def lang() -> str:
    forced = _FORCED.get()
    if forced is not None:
        return forced
    return "en" if st.session_state.get("lang") == "en" else "zh"


@contextmanager
def language(code: str):
    """Draw in ``code`` ("zh"/"en") inside the block, e.g. in a download built after the run that asked for it."""
    token = _FORCED.set("en" if code == "en" else "zh")
    try:
        yield
    finally:
        _FORCED.reset(token)


def tr(zh: str, en: str) -> str:
    """The string for the current UI language."""
    return en if lang() == "en" else zh


def select_all() -> bool:
    """Whether a multiselect offers Streamlit's bulk "Select all" option: its label is English only and cannot be
    translated, so the Chinese UI goes without it."""
    return lang() == "en"


_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:&")
# The auto-linker turns http://…, www.… and name@host.… into links even when every character is escaped (it works on
# the text after escapes are read); an invisible word joiner inside "://", "www." and after "@" stops it.
_WORD_JOINER = "\u2060"
_AUTOLINK_RE = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.I)


def plain(text: str) -> str:
    """User text made inert for ``st.markdown``-based elements (info, error, caption, success, warning): every
    Markdown and HTML special character is backslash-escaped and URL-like text is kept from being auto-linked, so
    it shows literally and never becomes a link, image, tag, colour or formula. The one escaper for Markdown."""
    text = _AUTOLINK_RE.sub(_WORD_JOINER, str(text))
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text).replace("\n", " ")
