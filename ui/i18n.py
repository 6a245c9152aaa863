"""Two UI languages. Every visible string goes through :func:`tr` so no screen mixes languages."""
from __future__ import annotations

import streamlit as st

LANGS = {"zh": "中文", "en": "English"}


def lang() -> str:
    return "en" if st.session_state.get("lang") == "en" else "zh"


def tr(zh: str, en: str) -> str:
    """The string for the current UI language."""
    return en if lang() == "en" else zh


_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:&")


def plain(text: str) -> str:
    """User text made inert for ``st.markdown``-based elements (info, error, caption): every Markdown and HTML
    special character is backslash-escaped, so it shows literally and never becomes a link, image or tag."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text)).replace("\n", " ")
