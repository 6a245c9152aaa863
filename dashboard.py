"""TifaLens 提法镜 — the dashboard. Run with ``streamlit run dashboard.py``.

This file only composes panels: it reads the sidebar, calls ``analysis`` through the cached functions in
``ui.data`` and renders. All counting lives in ``analysis``.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import charts
from analysis.statistics import term_table
from ui import data, sidebar, words
from ui.i18n import tr

st.set_page_config(page_title="TifaLens 提法镜", page_icon="🔍", layout="wide")


#: The views, as (中文, English) labels. The open tab is kept in the URL (?view=…).
VIEWS = [("概览", "Overview"), ("词频", "Words"), ("词云", "Word clouds")]


def view_labels(views: list[tuple[str, str]]) -> list[str]:
    """Tab labels in the current language; an open tab stays open when the language switches."""
    current = st.session_state.get("view")
    for pair in views:
        if current in pair:
            st.session_state["view"] = tr(*pair)
    return [tr(*pair) for pair in views]


def main() -> None:
    speeches = list(data.default_corpus())
    settings = sidebar.render(speeches)
    st.title(tr("提法镜 · 讲话用语分析", "TifaLens · reading official speeches"))
    st.caption(tr("统计每篇讲话的词语、固定提法、引号口号、数字式提法与成语，并比较讲话之间的异同。",
                  "Counts words, set phrases, quoted slogans, numbered formulas and idioms in each speech, and "
                  "compares the speeches."))
    lexicon = data.base_lexicon().with_terms(settings.custom_words)
    selected = [sp for sp in speeches if sp.id in set(settings.speech_ids)]
    if not selected:
        st.info(tr("请在左侧选择至少一篇讲话。", "Select at least one speech in the sidebar."))
        return
    names = {sp.id: f"{sp.id} · {sp.title}" for sp in speeches}
    legend = {sp.id: charts.legend_label(sp.id, sp.title) for sp in speeches}
    with st.spinner(tr("正在分词…", "Segmenting…")):
        counts = {sp.id: data.term_counts(sp, lexicon) for sp in selected}
        overview = pd.DataFrame([data.overview(sp, lexicon) for sp in selected])
    terms = term_table(selected, counts=counts, stopwords=settings.stopwords, min_len=settings.min_len,
                       pos=settings.pos, min_count=settings.min_count)

    tab_overview, tab_words, tab_clouds = st.tabs(view_labels(VIEWS), key="view", bind="query-params")
    if tab_overview.open:
        with tab_overview:
            words.overview_panel(overview, names=names)
    if tab_words.open:
        with tab_words:
            words.words_panel(terms, names=legend, top_n=settings.top_n, value=settings.value)
    if tab_clouds.open:
        with tab_clouds:
            words.clouds_panel(terms, names=names, speech_ids=[sp.id for sp in selected], value=settings.value)


main()
