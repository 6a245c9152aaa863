"""Streamlit's own built-in words (file-uploader button and size note, toolbar tooltips), shown in the UI
language.

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
/* Streamlit's own toolbar buttons: the chart's full-screen button (a Plotly toolbar button Streamlit adds, whose
   tooltip is its data-title) and the table toolbar, whose tooltip shows while its button is described by it. */
.js-plotly-plot .plotly .modebar-btn[data-title="Fullscreen"]::after { content: "全屏" !important; }
.js-plotly-plot .plotly .modebar-btn[data-title="Close fullscreen"]::after { content: "退出全屏" !important; }
body:has([aria-describedby] > button[aria-label="Show/hide columns"]) [role="tooltip"] [data-testid="stTooltipContent"] p { font-size: 0; }
body:has([aria-describedby] > button[aria-label="Show/hide columns"]) [role="tooltip"] [data-testid="stTooltipContent"] p::after { content: "显示或隐藏列"; font-size: 0.875rem; }
body:has([aria-describedby] > button[aria-label="Download as CSV"]) [role="tooltip"] [data-testid="stTooltipContent"] p { font-size: 0; }
body:has([aria-describedby] > button[aria-label="Download as CSV"]) [role="tooltip"] [data-testid="stTooltipContent"] p::after { content: "下载 CSV"; font-size: 0.875rem; }
body:has([aria-describedby] > button[aria-label="Search"]) [role="tooltip"] [data-testid="stTooltipContent"] p { font-size: 0; }
body:has([aria-describedby] > button[aria-label="Search"]) [role="tooltip"] [data-testid="stTooltipContent"] p::after { content: "搜索"; font-size: 0.875rem; }
body:has([aria-describedby] > button[aria-label="Fullscreen"]) [role="tooltip"] [data-testid="stTooltipContent"] p { font-size: 0; }
body:has([aria-describedby] > button[aria-label="Fullscreen"]) [role="tooltip"] [data-testid="stTooltipContent"] p::after { content: "全屏"; font-size: 0.875rem; }
body:has([aria-describedby] > button[aria-label="Close fullscreen"]) [role="tooltip"] [data-testid="stTooltipContent"] p { font-size: 0; }
body:has([aria-describedby] > button[aria-label="Close fullscreen"]) [role="tooltip"] [data-testid="stTooltipContent"] p::after { content: "退出全屏"; font-size: 0.875rem; }
</style>
"""


#: Layout fixes for Streamlit's own widgets, in both languages.
#: - A focused multiselect gives its text input a minimum width; with wide chips that moves the input to a row of
#:   its own, and the row disappears again when the input loses focus. The widgets below then jump up between
#:   the press and the release of the next click, so a click on another multiselect's chip was lost. The input
#:   keeps its focused minimum width at all times, so focusing never changes the height.
#: - Chips show their whole label (wrapping if need be) instead of cutting it off with an ellipsis.
_LAYOUT_CSS = """
<style>
[data-testid="stMultiSelect"] [data-testid="stMultiSelectTagsContainer"] input { min-width: 48px !important; }
[data-testid="stMultiSelect"] [data-tag] { max-width: 100%; height: auto; }
[data-testid="stMultiSelect"] [data-tag] > span[title] { white-space: normal; overflow: visible;
  text-overflow: clip; max-width: none; }
</style>
"""


def localise_builtin_labels() -> None:
    st.html(_LAYOUT_CSS)   # style-only HTML takes no space on the page
    if lang() == "zh":
        st.html(_ZH_CSS)
