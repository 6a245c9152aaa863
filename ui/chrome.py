"""Streamlit's own built-in words (file-uploader button and size note), shown in the UI language.

Streamlit draws these itself in English; in the Chinese UI fixed CSS (our own markup, no user text) replaces them
so that no screen mixes languages.
"""
from __future__ import annotations

import streamlit as st

from ui.i18n import lang

_ZH_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "上传文件"; font-size: 0.875rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "每个文件不超过 50MB"; font-size: 0.75rem; }
</style>
"""


def localise_builtin_labels() -> None:
    if lang() == "zh":
        st.html(_ZH_CSS)   # style-only HTML takes no space on the page
