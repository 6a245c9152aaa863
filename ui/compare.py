"""Comparison views: keyness of a speech or group against the rest, and two speeches side by side.

Shared pieces of the comparison tabs live here too: the items a comparison counts (words after the sidebar
filters, or canonical phrases of one detector) and the row selection that opens a term in the KWIC tab.
"""
from __future__ import annotations

from collections import Counter

import streamlit as st

from analysis.charts import compare as compare_charts
from analysis.charts.words import short_label
from analysis.compare.keyness import CORRECTIONS, counts_by_speech, keyness_by_speech, two_speech_table
from analysis.phrases.registry import KINDS, REGISTRY
from ui import data, requests
from ui.context import Ctx
from ui.exports import chart, table
from ui import state
from ui.i18n import plain, tr, select_all

#: The KWIC tab's label pair; a row selected in a term table opens that tab.
KWIC_VIEW = requests.KWIC_VIEW

#: What a comparison counts: words, or the canonical phrases of one detector.
ITEMS = ("words",) + KINDS
ITEM_LABELS = {"words": ("词语", "Words"), **{k.name: (k.zh, k.en) for k in REGISTRY.values()}}
CORRECTION_LABELS = {"bh": ("BH 错误发现率", "Benjamini–Hochberg"),
                     "bonferroni": ("Bonferroni", "Bonferroni"), "none": ("不校正", "None")}
SIGN_LABELS = {"+": ("正关键词", "Positive"), "-": ("负关键词", "Negative"), "=": ("持平", "Even")}
ALPHA = 0.05


def item_label(item: str) -> str:
    return tr(*ITEM_LABELS[item])


def item_counts(ctx: Ctx, item: str) -> dict[int, Counter] | None:
    """``speech id -> Counter`` of the selected item for every selected speech; ``None`` when the phrase
    detector of ``item`` is not available."""
    if item == "words":
        counts = counts_by_speech(ctx.terms)
        return {sp.id: counts.get(sp.id, Counter()) for sp in ctx.speeches}
    out = {}
    try:
        with st.spinner(tr("正在识别短语…", "Finding phrases…")):
            for sp in ctx.speeches:
                # placeholder-only quotes (“X”) are not slogans: left out of comparisons, as from word counts
                out[sp.id] = Counter(m.canonical for m in data.phrases(sp, item, ctx.lexicon)
                                     if not (item == "slogan" and m.cls == "masked"))
    except (ImportError, AttributeError):
        return None
    return out


def unavailable(item: str) -> None:
    st.info(tr(f"“{item_label(item)}”识别尚不可用，请选择其他类型。",
               f"{item_label(item)} are not available yet; choose another item type."))


def speech_sizes(ctx: Ctx) -> tuple[dict[int, int], dict[int, int]]:
    """Tokens (every counted word, before stopwords) and characters of each selected speech.

    Rates use the full token count, so removing stopwords never inflates them.
    """
    ov = ctx.overview
    tokens = {int(i): max(int(n), 1) for i, n in zip(ov["id"], ov["tokens"])}
    chars = {int(i): max(int(n), 1) for i, n in zip(ov["id"], ov["chars"])}
    return tokens, chars


def item_picker(key: str, *, label: str | None = None) -> str:
    return state.choice(st.selectbox, label or tr("比较对象", "Items"), ITEMS, format_func=item_label, name=key,
                        default=ITEMS[0],
                        help=tr("词语按左侧筛选条件计数；短语按规范形式计数",
                                "Words follow the sidebar filters; phrases count by their canonical form"))


def _keyness_columns() -> dict:
    return {
        "term": tr("词语", "Term"), "sign": tr("方向", "Direction"), "count": tr("目标频次", "Target count"),
        "rest_count": tr("其余频次", "Rest count"), "per_10k": tr("目标每万字", "Target per 10k chars"),
        "rest_per_10k": tr("其余每万字", "Rest per 10k chars"), "g2": "G²", "p": "p",
        "log_ratio": "Log Ratio"}


def _keyness_column_config(cols: dict) -> dict:
    return {
        cols["g2"]: st.column_config.NumberColumn(format="%.2f", help=tr(
            "对数似然比 G²：频率差异的显著性证据，越大越不可能是偶然（G² ≥ 3.84 约相当于未校正 p < 0.05）。",
            "Log-likelihood G²: the evidence that the difference is not chance; larger is stronger "
            "(G² ≥ 3.84 is about p < 0.05 before correction).")),
        cols["p"]: st.column_config.NumberColumn(format="%.2e", help=tr(
            "多重比较校正后的 p 值（按所选校正方法）。",
            "p-value after the chosen correction for testing every term at once.")),
        cols["log_ratio"]: st.column_config.NumberColumn(format="%.2f", help=tr(
            "效应量 Log Ratio = log₂(目标相对频率 ÷ 其余相对频率)：1 表示多用一倍，-1 表示少用一半，0 表示相同。",
            "Effect size Log Ratio = log₂(target rate ÷ rest rate): 1 means twice as frequent, -1 half as "
            "frequent, 0 the same.")),
        cols["count"]: st.column_config.NumberColumn(help=tr("目标讲话中的出现次数", "Occurrences in the target")),
        cols["rest_count"]: st.column_config.NumberColumn(
            help=tr("其余讲话合计的出现次数", "Occurrences in the other speeches together")),
    }


def keyness_panel(ctx: Ctx) -> None:
    """Keywords of a target speech or group against the other selected speeches, then two speeches compared."""
    st.subheader(tr("关键词", "Keyness"))
    st.caption(tr("目标讲话比其余讲话明显多用（正关键词）或少用（负关键词）的词；条形长度是 Log Ratio，排序按 G²。"
                  "点击表格中的一行可在“语境”中查看原文。",
                  "Terms the target uses clearly more (positive keywords) or less (negative keywords) than the "
                  "other speeches; bar length is the Log Ratio, order is by G². Select a table row to read it in "
                  "context (KWIC)."))
    ids = [sp.id for sp in ctx.speeches]
    if len(ids) < 2:
        st.info(tr("关键词分析需要至少两篇讲话，请在左侧多选几篇。",
                   "Keyness compares speeches: select at least two in the sidebar."))
        return
    c1, c2 = st.columns([3, 2])
    target = c1.multiselect(tr("目标讲话（可多选组成一组）", "Target speech (several form a group)"), ids,
                            placeholder=tr("选择目标讲话", "Choose the target"),
                            default=ids[:1], format_func=ctx.names.get, key="key_target", bind="query-params",
                            select_all=select_all(),
                            help=tr("与其余所选讲话比较", "Compared with the other selected speeches"))
    item = item_picker("key_items")
    c3, c4, c5, c6 = st.columns(4)
    min_freq = c3.slider(tr("最低合计频次", "Minimum total count"), 1, 20, 3, key="key_minfreq",
                         bind="query-params", help=tr("目标与其余讲话合计至少出现的次数",
                                                      "Occurrences in target and rest together"))
    correction = state.choice(c4.selectbox, tr("多重比较校正", "Correction"), CORRECTIONS,
                              format_func=lambda c: tr(*CORRECTION_LABELS[c]), name="key_corr",
                              default=CORRECTIONS[0],
                              help=tr("同时检验很多词时，校正可避免偶然的“显著”：BH 控制错误发现率，Bonferroni 更严格",
                                      "Testing many terms at once makes some look significant by chance: BH "
                                      "controls the false discovery rate, Bonferroni is stricter"))
    top = c5.slider(tr("每侧显示个数", "Terms per side"), 5, 40, 15, key="key_top", bind="query-params")
    only_sig = c6.toggle(tr(f"仅显著（p < {ALPHA}）", f"Significant only (p < {ALPHA})"), value=True, key="key_sig",
                         bind="query-params", help=tr("按校正后的 p 值筛选", "Filters on the corrected p-value"))
    target = [t for t in target if t in ids]
    rest = [i for i in ids if i not in target]
    if not target:
        st.info(tr("请选择至少一篇目标讲话。", "Choose at least one target speech."))
        return
    if not rest:
        st.info(tr("目标包含了全部所选讲话，没有可比较的其余讲话。请少选一篇。",
                   "The target holds every selected speech, so nothing is left to compare with. Drop one."))
        return
    counts = item_counts(ctx, item)
    if counts is None:
        unavailable(item)
        return
    tokens, chars = speech_sizes(ctx)
    result = keyness_by_speech(counts, totals=tokens, chars=chars, targets=[target], min_freq=min_freq,
                               correction=correction).drop(columns="speech")
    if only_sig:
        result = result[result["p"] < ALPHA]
    target_name = tr("、", ", ").join(short_label(i) for i in target)
    rest_name = tr("、", ", ").join(short_label(i) for i in rest)
    if result.empty:
        st.info(tr("没有符合条件的关键词。可降低最低频次、关闭“仅显著”或换一种校正。",
                   "No keywords pass. Lower the minimum count, switch off 'significant only' or change the "
                   "correction."))
    else:
        cols = _keyness_columns()
        fig = compare_charts.keyness_bars(
            result, title=tr(f"{target_name} 对比 {rest_name} 的关键词", f"Keywords of {target_name} vs {rest_name}"),
            x_label=tr("Log Ratio（log₂ 频率比）", "Log Ratio (log₂ of the rate ratio)"),
            positive_label=tr("正关键词（多用）", "Positive (overused)"),
            negative_label=tr("负关键词（少用）", "Negative (underused)"), top=top,
            hover_labels={"count": cols["count"], "rest_count": cols["rest_count"], "log_ratio": "Log Ratio"})
        chart(fig, key="keyness")
        pos, neg = int((result["sign"] == "+").sum()), int((result["sign"] == "-").sum())
        st.markdown(tr(f"**关键词表**：{pos} 个正关键词，{neg} 个负关键词（点击一行在“语境”中打开）",
                       f"**Keyword table**: {pos} positive, {neg} negative (select a row to open it in KWIC)"))
        shown = result.assign(sign=result["sign"].map(lambda s: tr(*SIGN_LABELS[s])),
                              g2=result["g2"].round(2), log_ratio=result["log_ratio"].round(2))
        shown = shown[list(cols)].rename(columns=cols).reset_index(drop=True)
        table(shown, key="keyness", file_stem="keyness", column_config=_keyness_column_config(cols),
              on_select=requests.kwic_on_select(shown, cols["term"], "df_keyness"))
    st.divider()
    scatter_section(ctx, counts=counts, item=item, min_freq=min_freq, correction=correction)


def scatter_section(ctx: Ctx, *, counts: dict[int, Counter], item: str, min_freq: int, correction: str) -> None:
    """Two speeches, each term placed by its rate in A and in B; a search box highlights terms."""
    st.subheader(tr("两篇讲话对比", "Two speeches compared"))
    st.caption(tr("每个点是一个词：横轴是在 A 中的每万字频次，纵轴是在 B 中的；对角线附近是两篇同样常用的词，"
                  "着色的点是某一方明显多用的词（校正后 p < 0.05 且频率至少相差一倍）。刻度为 0 的虚线上的点在该讲话中"
                  "没有出现。悬停查看次数与原文。",
                  "Each dot is a term placed by its rate per 10,000 characters in A (x) and B (y); terms near the "
                  "diagonal are used alike, coloured ones clearly more by one side (corrected p < 0.05 and at least "
                  "twice as frequent). Dots on the dashed line at tick 0 do not occur in that speech. Hover for "
                  "counts and contexts."))
    ids = [sp.id for sp in ctx.speeches]
    c1, c2, c3 = st.columns([2, 2, 2])
    a = c1.selectbox("A", ids, index=0, format_func=ctx.names.get, key="sc_a", bind="query-params")
    b = c2.selectbox("B", ids, index=len(ids) - 1, format_func=ctx.names.get, key="sc_b", bind="query-params")
    find = c3.text_input(tr("突出显示词语", "Highlight a term"), key="sc_find", bind="query-params",
                         placeholder=tr("例如：放管服", "e.g. 放管服"),
                         help=tr("包含该字符串的词以黑色菱形标出", "Terms containing this text are drawn as black "
                                 "diamonds")).strip()
    if a is None or b is None or a == b:
        st.info(tr("请为 A 和 B 选择两篇不同的讲话。", "Choose two different speeches for A and B."))
        return
    sp = {s.id: s for s in ctx.speeches}
    tokens, chars = speech_sizes(ctx)
    segs = {i: data.segmentation(sp[i], ctx.lexicon) for i in (a, b)} if item == "words" else {a: None, b: None}
    pair = two_speech_table(counts[a], counts[b], chars_a=chars[a], chars_b=chars[b], total_a=tokens[a],
                            total_b=tokens[b], text_a=sp[a].text, text_b=sp[b].text, seg_a=segs[a], seg_b=segs[b],
                            min_freq=min_freq, correction=correction)
    if pair.empty:
        st.info(tr("两篇讲话没有达到最低频次的共同比较对象。", "No terms reach the minimum count in these two speeches."))
        return
    fig = compare_charts.comparison_scatter(
        pair, title=tr(f"{short_label(a)} 与 {short_label(b)}：每万字频次", f"{short_label(a)} vs {short_label(b)}: "
                                                                           "rate per 10,000 characters"),
        x_label=tr(f"{short_label(a)} 每万字频次（对数轴）", f"{short_label(a)} per 10k chars (log axis)"),
        y_label=tr(f"{short_label(b)} 每万字频次（对数轴）", f"{short_label(b)} per 10k chars (log axis)"),
        a_label=tr(f"{short_label(a)} 多用", f"More in {short_label(a)}"),
        b_label=tr(f"{short_label(b)} 多用", f"More in {short_label(b)}"),
        other_label=tr("无明显差异", "No clear difference"), highlight=find or None,
        highlight_label=tr(f"含“{find}”", f"Containing “{find}”"),
        hover_labels={"count_a": tr(f"{short_label(a)} 频次", f"Count in {short_label(a)}"),
                      "count_b": tr(f"{short_label(b)} 频次", f"Count in {short_label(b)}"),
                      "log_ratio": "Log Ratio"})
    chart(fig, key="scatter")
    side_a, side_b = int((pair["side"] == "a").sum()), int((pair["side"] == "b").sum())
    st.caption(tr(f"共 {len(pair)} 个{item_label(item)}；{short_label(a)} 明显多用 {side_a} 个，"
                  f"{short_label(b)} 明显多用 {side_b} 个。",
                  f"{len(pair)} items ({item_label(item).lower()}); {side_a} clearly more in {short_label(a)}, "
                  f"{side_b} clearly more in {short_label(b)}."))
    if find:
        hits = pair[pair["term"].str.contains(find, regex=False)]
        if hits.empty:
            st.info(tr(f"两篇讲话中都没有包含“{plain(find)}”的{item_label(item)}。",
                       f"No {item_label(item).lower()} containing “{plain(find)}” in these two speeches."))
            return
        cols = {"term": tr("词语", "Term"), "count_a": tr(f"{short_label(a)} 频次", f"Count in {short_label(a)}"),
                "count_b": tr(f"{short_label(b)} 频次", f"Count in {short_label(b)}"),
                "snippet_a": tr(f"{short_label(a)} 原文", f"In {short_label(a)}"),
                "snippet_b": tr(f"{short_label(b)} 原文", f"In {short_label(b)}")}
        shown = hits[list(cols)].rename(columns=cols).reset_index(drop=True)
        table(shown, key="scatter_find", file_stem="two_speeches_highlight",
              on_select=requests.kwic_on_select(shown, cols["term"], "df_scatter_find"))
