"""Panels of the word views: overview, top words (bars, heatmap, table) and word clouds."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts import words as charts
from analysis.text.counts import pivot_terms, top_terms
from ui import data, requests
from ui.exports import chart, table
from ui.i18n import plain, tr


def how_to_read(text: str) -> None:
    st.caption(text)


def overview_columns() -> dict[str, str]:
    """The overview table's columns in the UI language (the panel and the report show the same names)."""
    return {"id": tr("编号", "ID"), "title": tr("标题", "Title"), "chars": tr("字符数", "Characters"),
            "han_chars": tr("汉字数", "Han characters"), "sentences": tr("句数", "Sentences"),
            "tokens": tr("词数", "Tokens"), "distinct": tr("不同词数", "Distinct words"),
            "placeholders": tr("占位符", "Placeholders"), "masked_chars": tr("遮盖字符", "Masked characters"),
            "masked_share": tr("遮盖比例", "Masked share"),
            "mean_sentence_len": tr("平均句长（汉字）", "Mean sentence length (Han chars)")}


def overview_panel(overview: pd.DataFrame, *, names: dict[int, str]) -> None:
    """Size and masking figures per speech."""
    st.subheader(tr("概览", "Overview"))
    how_to_read(tr("每篇讲话的规模与匿名化程度。占位符是原文中用 X、×、* 等遮盖的人名地名，不计入词频。",
                   "Size and masking of each speech. Placeholders are names masked with X, ×, * in the source; "
                   "they are never counted as words."))
    labels = overview_columns()
    shown = overview.rename(columns=labels)
    table(shown, key="overview", file_stem="overview",
          column_config={labels["masked_share"]: st.column_config.NumberColumn(format="percent")})
    c1, c2 = st.columns(2)
    with c1:
        chart(charts.overview_bars(overview, column="han_chars", names=names, title=tr("汉字数", "Han characters"),
                                   y_label=tr("汉字", "Han characters")), key="ov_han")
    with c2:
        chart(charts.overview_bars(overview, column="placeholders", names=names,
                                   title=tr("匿名占位符数量", "Anonymisation placeholders"),
                                   y_label=tr("处", "Placeholders")), key="ov_ph")


def words_panel(terms: pd.DataFrame, *, names: dict[int, str], top_n: int, value: str) -> None:
    """Top words side by side, a term × speech heatmap and the full table."""
    st.subheader(tr("高频词", "Top words"))
    value_label = tr("每万字频次", "Per 10,000 characters") if value == "per_10k" else tr("频次", "Count")
    how_to_read(tr(f"所选讲话合计最高频的 {top_n} 个词，按讲话分组；颜色在所有图中代表同一篇讲话。",
                   f"The {top_n} most frequent words across the selected speeches, grouped by speech; each colour "
                   "stands for the same speech in every chart."))
    if terms.empty:
        st.info(tr("没有符合筛选条件的词。请放宽筛选或减少停用词。",
                   "No words match the filters. Loosen the filters or remove stopwords."))
        return
    n_speeches = terms["speech"].nunique()
    if n_speeches > charts.MAX_GROUPED:
        how_to_read(tr(f"已选 {n_speeches} 篇讲话：柱状图显示合计，逐篇数值见下方热力图。",
                       f"{n_speeches} speeches selected: the bars show totals; the heatmap below shows each "
                       "speech."))
    pivot = pivot_terms(terms, top=top_n, value=value)
    order = list(pivot.index)
    sub = terms[terms["term"].isin(order)]
    chart(charts.grouped_bar(sub, value=value, names=names, terms=order, total_label=tr("合计", "Total"),
                             title=tr("高频词对比", "Top words compared"), x_label=tr("词", "Word"),
                             y_label=value_label), key="top_bar")
    chart(charts.term_heatmap(pivot, names=names, title=tr("词 × 讲话热力图", "Word × speech heatmap"),
                              value_label=value_label), key="heatmap")
    st.markdown(tr("**词频表**（可点击列名排序；选中一行在“语境”中打开）",
                   "**Word table** (click a column header to sort; select a row to read it in context)"))
    from ui.sidebar import POS_LABELS
    columns = {"speech": tr("讲话", "Speech"), "term": tr("词", "Word"), "pos": tr("词性", "POS"),
               "count": tr("频次", "Count"), "per_10k": tr("每万字", "Per 10k chars"),
               "speeches": tr("出现篇数", "Speeches")}
    pos_label = {g: tr(*POS_LABELS[g]) for g in POS_LABELS}
    if n_speeches > charts.MAX_GROUPED:
        # Tens of thousands of per-speech rows would cost a second per rerun to send: show totals, offer the rest.
        shown = _totals(terms, top=max(top_n, 200))
        full = lambda: (top_terms(terms, top=max(top_n, 50), value=value)[list(columns)[:5]]  # noqa: E731
                        .astype({"term": str, "pos": str}).rename(columns=columns)
                        .to_csv(index=False).encode("utf-8-sig"))
        st.download_button(tr("下载逐篇词频表（CSV）", "Download the per-speech table (CSV)"), full,
                           file_name="terms_per_speech.csv", mime="text/csv", key="csv_terms_full")
    else:
        shown = top_terms(terms, top=max(top_n, 50), value=value)[["speech", "term", "pos", "count", "per_10k"]]
    shown = shown.astype({"term": str, "pos": str})
    shown = shown.assign(pos=shown["pos"].map(pos_label)).rename(columns=columns)
    table(shown, key="terms", file_stem="terms", on_select=requests.kwic_on_select(shown, tr("词", "Word"), "df_terms"))


def _totals(terms: pd.DataFrame, *, top: int) -> pd.DataFrame:
    """Per term across the selected speeches: total count, mean per-10k rate and the number of speeches."""
    g = terms.groupby("term", observed=True, sort=False)
    out = pd.DataFrame({"pos": g["pos"].first(), "count": g["count"].sum(),
                        "per_10k": g["per_10k"].mean().round(2), "speeches": g["speech"].nunique()})
    out = out.reset_index().sort_values(["count", "term"], ascending=[False, True]).head(top)
    return out.reset_index(drop=True)


def clouds_panel(terms: pd.DataFrame, *, names: dict[int, str], speech_ids: list[int], value: str,
                 max_words: int = 120, speeches=(), lexicon=None) -> None:
    """One word cloud per selected speech, same layout seed for all; words or one phrase type (``speeches``)."""
    st.subheader(tr("词云", "Word clouds"))
    how_to_read(tr("字号与所选计数成正比；所有讲话使用相同的布局种子，便于比较。",
                   "Font size follows the selected count; every speech uses the same layout seed, so clouds "
                   "are comparable."))
    from ui.phrases_clouds import cloud_source, phrase_clouds
    source = cloud_source()
    visible = _cloud_page(speech_ids)
    if source != "words":
        phrase_clouds([sp for sp in speeches if sp.id in set(visible)], kind=source, lexicon=lexicon,
                      names=names, max_words=max_words)
        return
    if terms.empty or not speech_ids:
        st.info(tr("没有可绘制的词。", "No words to draw."))
        return
    shown = terms[terms["speech"].isin(visible)]
    cols = st.columns(2)
    for i, sid in enumerate(visible):
        part = shown[shown["speech"] == sid].nlargest(max_words, [value])
        with cols[i % 2]:
            st.markdown(f"**{plain(names[sid])}**")
            if part.empty:
                st.info(tr("这篇讲话没有符合筛选条件的词。", "No words in this speech match the filters."))
                continue
            freqs = tuple(zip(part["term"].astype(str), part[value].astype(float)))
            with st.spinner(tr("正在绘制词云…", "Drawing the word cloud…")):
                png = data.cloud_png(freqs, charts.speech_color(sid))
            st.image(png, width="stretch")
            st.download_button(tr("下载 PNG", "Download PNG"), png, file_name=f"wordcloud_{sid}.png",
                               mime="image/png", key=f"cloud_dl_{sid}")


#: Clouds drawn at once; more speeches are paged, since each cloud takes a few tenths of a second to draw.
CLOUDS_PER_PAGE = 6


def _cloud_page(speech_ids: list[int]) -> list[int]:
    """The speeches whose clouds are drawn now: all of them, or one page of :data:`CLOUDS_PER_PAGE`."""
    if len(speech_ids) <= CLOUDS_PER_PAGE:
        return list(speech_ids)
    pages = (len(speech_ids) + CLOUDS_PER_PAGE - 1) // CLOUDS_PER_PAGE
    page = st.number_input(tr(f"页码（共 {pages} 页，每页 {CLOUDS_PER_PAGE} 篇）",
                              f"Page (of {pages}, {CLOUDS_PER_PAGE} speeches each)"),
                           min_value=1, max_value=pages, value=1, step=1, key="cloud_page")
    start = (int(page) - 1) * CLOUDS_PER_PAGE
    return list(speech_ids[start:start + CLOUDS_PER_PAGE])
