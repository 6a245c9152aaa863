"""TifaLens 提法镜 — the dashboard. Run with ``streamlit run dashboard.py``.

This file only composes panels: it reads the sidebar, calls ``analysis`` through the cached functions in
``ui.data`` and renders. All counting lives in ``analysis``.
"""
from __future__ import annotations

import streamlit as st

from analysis.ingest.labels import speech_labels
from analysis.text.counts import filter_terms
from ui import chrome, data, report, sidebar, words
from ui import compare, compare_context, compare_reuse
from ui.context import Ctx
from ui import requests, state
from ui.i18n import lang, plain, tr
from ui import phrases
from ui import library
from ui import segmentation
from ui import history

st.set_page_config(page_title="TifaLens 提法镜", page_icon="🔍", layout="wide")


#: The views, as (中文, English) labels with the panel that draws each. The open tab is kept in the URL.
VIEWS = [
    (("概览", "Overview"), lambda ctx: words.overview_panel(ctx.overview, names=ctx.names)),
    (("词频", "Words"), lambda ctx: words.words_panel(ctx.terms, names=ctx.legend, top_n=ctx.settings.top_n,
                                                    value=ctx.settings.value)),
    (("词云", "Word clouds"), lambda ctx: words.clouds_panel(ctx.terms, names=ctx.names,
                                                          speech_ids=[sp.id for sp in ctx.speeches],
                                                          value=ctx.settings.value, speeches=ctx.speeches,
                                                          lexicon=ctx.lexicon)),
    (("提法", "Phrases"), lambda ctx: phrases.phrases_panel(ctx)),
    (("关键词", "Keyness"), compare.keyness_panel),
    (("相似与复用", "Similarity & reuse"), compare_reuse.similarity_panel),
    (compare.KWIC_VIEW, compare_context.kwic_panel),
    (("趋势", "Trends"), compare_context.trends_panel),
    (("共现", "Co-occurrence"), compare_context.network_panel),
    (history.TIMELINE_VIEW, history.timeline_panel),
    (history.NEW_VIEW, history.new_panel),
    (history.CENTRE_VIEW, history.centre_panel),
    (segmentation.VIEW, segmentation.segmentation_panel),
    (library.VIEW, library.library_panel),
]


def view_code(pair: tuple[str, str]) -> str:
    """The language-neutral name of a view in the URL (?view=word-clouds)."""
    return pair[1].lower().replace(" & ", "-").replace(" ", "-")


def open_tabs(pairs: list[tuple[str, str]]):
    """The tabs, with the open one carried across a language switch and kept in the URL as a stable code."""
    labels = [tr(*pair) for pair in pairs]
    codes = [view_code(pair) for pair in pairs]
    key = f"view.{lang()}"
    wanted = requests.pending_view()                # a panel may ask for a view (e.g. open a term in KWIC)
    if wanted is not None:
        for pair in pairs:
            if wanted in pair or wanted == view_code(pair):
                st.session_state[key] = tr(*pair)
    if key not in st.session_state:
        code = state.current("view") or st.query_params.get("view", codes[0])
        for pair in pairs:                               # a label (either language) also names a view
            if code in pair:
                code = view_code(pair)
        st.session_state[key] = labels[codes.index(code)] if code in codes else labels[0]
    tabs = st.tabs(labels, key=key, on_change="rerun")
    state.publish("view", codes[labels.index(st.session_state[key])], default=codes[0])
    return tabs


def main() -> None:
    from ui import store_view
    if store_view.run_if_configured():        # TIFALENS_STORE / -- --store STORE: the views of a corpus store
        return
    dropped = state.drop_invalid_params()     # before any widget reads the URL
    speeches = library.current_speeches()
    settings = sidebar.render(speeches, sources=library.sources_toggle)
    settings = library.count_versions_once(speeches, settings)
    chrome.localise_builtin_labels()
    st.title(tr("提法镜 · 讲话用语分析", "TifaLens · reading official speeches"))
    st.caption(tr("统计每篇讲话的词语、固定提法、引号口号、数字式提法与成语，并比较讲话之间的异同。",
                  "Counts words, set phrases, quoted slogans, numbered formulas and idioms in each speech, and "
                  "compares the speeches."))
    if dropped:
        shown = plain(", ".join(name[:40] for name in dropped))
        st.warning(tr(f"链接中的参数 {shown} 含有无效字符或过长，已忽略。",
                      f"Link parameters ignored (invalid characters or too long): {shown}"))
    lexicon = data.base_lexicon().with_terms(settings.custom_words)
    selected = [sp for sp in speeches if sp.id in set(settings.speech_ids)]
    if not selected:
        st.info(tr("请在左侧选择至少一篇讲话。", "Select at least one speech in the sidebar."))
        library.library_panel(None)   # own speeches can still be added when none is loaded
        return
    with st.spinner(tr("正在分词…", "Segmenting…")):
        data.warm(speeches, lexicon)
        frame, all_overview = data.corpus_tables(speeches, lexicon)
    chosen = set(settings.speech_ids)
    counts = data.LazyCounts(speeches, lexicon, chosen)
    overview = all_overview[all_overview["id"].isin(chosen)].reset_index(drop=True)
    terms = filter_terms(frame, speech_ids=settings.speech_ids, stopwords=settings.stopwords,
                         min_len=settings.min_len, pos=settings.pos, min_count=settings.min_count)
    ctx = Ctx(speeches=selected, all_speeches=speeches, overview=overview,
              names=speech_labels(speeches), legend=speech_labels(speeches),
              lexicon=lexicon, settings=settings, counts=counts, terms=terms)
    report.report_button(ctx)
    tabs = open_tabs([pair for pair, _ in VIEWS])
    for tab, (_pair, panel) in zip(tabs, VIEWS):
        if tab.open:
            with tab:
                panel(ctx)


main()
