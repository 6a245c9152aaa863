"""The one-click report: the current view's overview, charts, phrase tables and settings in one HTML file."""
from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from analysis.charts import words as charts
from analysis.text.normalize import count_han
from analysis.phrases.registry import KINDS, REGISTRY
from analysis.charts.report import ReportSection, build_report
from analysis.text.counts import pivot_terms, top_terms
from ui import data, state
from ui.context import Ctx
from ui.i18n import lang, tr

KIND_LABELS = {k.name: (k.zh, k.en) for k in REGISTRY.values()}


def settings_summary(ctx: Ctx) -> dict[str, str]:
    """The settings behind the current view, in words (also what the report cites)."""
    s = ctx.settings
    pos_names = {"noun": tr("名词", "nouns"), "verb": tr("动词", "verbs"), "adjective": tr("形容词", "adjectives"),
                 "idiom": tr("成语·习语", "idioms"), "other": tr("其他", "other")}
    lists = state.current("lists", ["general"])
    list_names = {"general": tr("通用虚词", "general function words"), "officialese": tr("公文套话", "officialese")}
    added, removed = st.session_state.get("_sw_add", []), st.session_state.get("_sw_del", [])
    return {
        tr("讲话", "Speeches"): "; ".join(ctx.names[sp.id] for sp in ctx.speeches),
        tr("最短词长", "Minimum word length"): str(s.min_len),
        tr("最低频次", "Minimum count"): str(s.min_count),
        tr("前 N 个词", "Top N"): str(s.top_n),
        tr("词性", "Parts of speech"): "、".join(pos_names[p] for p in s.pos) or "—",
        tr("计数方式", "Counts"): tr("每万字频次", "per 10,000 characters") if s.per_10k else tr("原始频次", "raw"),
        tr("停用词表", "Stopword lists"): "、".join(list_names.get(n, n) for n in lists) or "—",
        tr("停用词数", "Stopwords"): tr(f"{len(s.stopwords)} 个（自加 {len(added)}，移除 {len(removed)}）",
                                        f"{len(s.stopwords)} (added {len(added)}, removed {len(removed)})"),
        tr("加入的停用词", "Added stopwords"): "、".join(added) or "—",
        tr("自定义词", "Custom words"): "、".join(s.custom_words) or "—",
    }


def phrase_table(ctx: Ctx, kind: str) -> pd.DataFrame:
    """Per speech and surface form: canonical form, class, count and density per 1,000 Han characters."""
    rows = []
    for sp in ctx.speeches:
        han = max(count_han(sp.text), 1)
        counts = Counter((m.phrase, m.canonical, m.cls) for m in data.phrases(sp, kind, ctx.lexicon))
        for (phrase, canon, cls), n in counts.items():
            rows.append({tr("讲话", "Speech"): sp.id, tr("原文", "As written"): phrase,
                         tr("规范形式", "Canonical"): canon, tr("类别", "Class"): cls,
                         tr("次数", "Count"): n, tr("每千汉字", "Per 1,000 Han chars"): round(n * 1000 / han, 2)})
    df = pd.DataFrame(rows)
    if df.empty:
        return df
    return df.sort_values([tr("讲话", "Speech"), tr("次数", "Count")], ascending=[True, False],
                          kind="stable").reset_index(drop=True)


def build(ctx: Ctx) -> bytes:
    value = ctx.settings.value
    value_label = tr("每万字频次", "Per 10,000 characters") if value == "per_10k" else tr("频次", "Count")
    sections = [ReportSection(
        heading=tr("概览", "Overview"),
        note=tr("每篇讲话的规模与匿名化程度；占位符（X、×、*）不计入词频。",
                "Size and masking of each speech; placeholders (X, ×, *) are never counted as words."),
        tables=[ctx.overview])]
    if not ctx.terms.empty:
        pivot = pivot_terms(ctx.terms, top=ctx.settings.top_n, value=value)
        sub = ctx.terms[ctx.terms["term"].isin(list(pivot.index))]
        sections.append(ReportSection(
            heading=tr("高频词", "Top words"),
            note=tr("所选讲话合计最高频的词，按讲话分组。", "The most frequent words, grouped by speech."),
            figures=[charts.grouped_bar(sub, value=value, names=ctx.legend, terms=list(pivot.index),
                                        title=tr("高频词对比", "Top words compared"), x_label=tr("词", "Word"),
                                        y_label=value_label, total_label=tr("合计", "Total")),
                     charts.term_heatmap(pivot, names=ctx.names, title=tr("词 × 讲话热力图", "Word × speech heatmap"),
                                         value_label=value_label)],
            tables=[top_terms(ctx.terms, top=ctx.settings.top_n, value=value)[
                ["speech", "term", "pos", "count", "per_10k"]].astype({"term": str, "pos": str})]))
    for kind in KINDS:
        try:
            table = phrase_table(ctx, kind)
        except Exception:  # a detector that fails must not cost the user the whole report
            continue
        if not table.empty:
            sections.append(ReportSection(heading=tr(*KIND_LABELS[kind]), tables=[table], max_rows=600))
    html_text = build_report(title=tr("提法镜分析报告", "TifaLens report"), sections=sections,
                             settings=settings_summary(ctx), lang=lang(),
                             generated_label=tr("生成时间", "Generated"), settings_label=tr("设置", "Settings"))
    return html_text.encode("utf-8")


def report_button(ctx: Ctx) -> None:
    """A sidebar download of the report, built only when clicked."""
    st.sidebar.header(tr("报告", "Report"))
    st.sidebar.download_button(
        tr("下载分析报告（HTML）", "Download the report (HTML)"), lambda: build(ctx),
        file_name="tifalens_report.html", mime="text/html", key="report_dl",
        help=tr("一个独立的 HTML 文件：概览、可交互图表、提法表和所用设置，可直接发送或附在论文后。",
                "One self-contained HTML file with the overview, interactive charts, phrase tables and the "
                "settings used, ready to send or attach to a paper."))
