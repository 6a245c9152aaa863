"""Reading in context: concordance (KWIC), where a term is used (trends) and which words go together (network)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts import words as charts

from analysis.charts import compare as compare_charts
from analysis.charts.words import short_label
from analysis.context.cooccurrence import MEASURES
from analysis.errors import InputError
from analysis.context.kwic import SORTS, SearchTimeout, kwic, kwic_counts
from analysis.context.trends import date_trend, parse_date, trend_table
from analysis.context.trend_summary import dated_points, pooled_segments, token_occurrences, top_speeches, year_trend
from analysis.context.cooccurrence import phrase_segmentation
from ui import data
from ui import requests
from ui.compare import item_label, item_picker, unavailable
from ui.context import Ctx
from ui.exports import chart, table
from ui import state
from ui.i18n import lang, plain, tr
from ui.data import _network

SORT_LABELS = {"position": ("按出现位置", "By position"), "left": ("按左侧语境", "By left context"),
               "right": ("按右侧语境", "By right context")}
MEASURE_LABELS = {"dice": ("Dice 系数", "Dice coefficient"), "pmi": ("点互信息 PMI", "Pointwise mutual information"),
                  "ll": ("对数似然 G²", "Log-likelihood G²")}


#: Speeches drawn as their own line in the trend across parts (the rest count in the pooled line).
TREND_LINES = 8


def count_phrase(n: int, one: str, many: str) -> str:
    """English count with agreement: ``1 speech has`` / ``3 speeches have``."""
    return f"{n} {one if n == 1 else many}"


def top_word(ctx: Ctx) -> str:
    """The most frequent word across the selected speeches after the sidebar filters ('' when none is left)."""
    if ctx.terms.empty:
        return ""
    totals = ctx.terms.groupby("term")["count"].sum()
    return min(totals.index, key=lambda t: (-totals[t], t))


# --- KWIC ------------------------------------------------------------------------------------------------------

def query_error(exc: InputError) -> None:
    """One line on why a query gave no result: invalid, too long, or a regular expression stopped by its time
    limit. The query inside the message is shown literally (a regular expression is full of Markdown)."""
    msg = plain(exc.message(lang()))
    if isinstance(exc, SearchTimeout):
        st.error(tr(f"检索已停止：{msg}", f"Search stopped: {msg}"))
    else:
        st.error(tr(f"检索式无效：{msg}", f"The query is not valid: {msg}"))


def kwic_panel(ctx: Ctx) -> None:
    """Every occurrence of a query with its left and right context, and counts per speech."""
    st.subheader(tr("语境", "KWIC"))
    st.caption(tr("检索词在每篇讲话中的每一次出现，左右各显示若干字的上下文；按左侧语境排序时，以相同方式结尾的"
                  "说法会排在一起。在“词频”或“关键词”表中点击一行，也会在这里打开该词。",
                  "Every occurrence of the query in each speech with its left and right context; sorting by left "
                  "context groups phrases that end the same way. Selecting a row of the Words or Keyness table "
                  "opens that term here."))
    c1, c2, c3, c4 = st.columns([3, 1.6, 2, 2])   # wide enough for the whole toggle label in either language
    query = c1.text_input(tr("检索词", "Query"), key="kw_query", bind="query-params",
                          placeholder=tr("例如：放管服", "e.g. 放管服"))
    regex = c2.toggle(tr("正则表达式", "Regular expression"), key="kw_regex", bind="query-params",
                      help=tr("例如 “三[个张]牌” 或 “.{2}发展”", "e.g. 三[个张]牌 or .{2}发展"))
    width = c3.slider(tr("上下文宽度（字）", "Context width (characters)"), 5, 60, 20, key="kw_width",
                      bind="query-params")
    sort = state.choice(c4.selectbox, tr("排序", "Sort"), SORTS, format_func=lambda s: tr(*SORT_LABELS[s]),
                        name="kw_sort", default=SORTS[0])
    if not query.strip():
        st.info(tr("请输入要检索的词语或短语，例如“放管服”。", "Type a word or phrase to look up, e.g. 放管服."))
        return
    try:
        rows = kwic(ctx.speeches, query, regex=regex, width=width, sort=sort)
    except InputError as exc:
        query_error(exc)
        return
    counts = pd.DataFrame(kwic_counts(rows, ctx.speeches)).rename(columns={"speech": "id"})
    st.metric(tr("匹配总数", "Matches"), len(rows),
              help=tr("所选讲话中不重叠的匹配次数", "Non-overlapping matches in the selected speeches"))
    if not rows:
        st.info(tr(f"所选讲话中没有“{plain(query)}”。", f"“{plain(query)}” does not occur in the selected speeches."))
        return
    chart(charts.overview_bars(counts, column="count", names=ctx.names,
                               title=tr(f"“{query}”在各讲话中的次数", f"Occurrences of “{query}” per speech"),
                               y_label=tr("次数", "Occurrences")), key="kwic_counts")
    cols = {"speech": tr("讲话", "Speech"), "offset": tr("位置", "Offset"), "left": tr("左侧语境", "Left context"),
            "match": tr("检索词", "Match"), "right": tr("右侧语境", "Right context")}
    df = pd.DataFrame([r.to_dict() for r in rows])[list(cols)]
    df["speech"] = df["speech"].map(lambda i: ctx.names.get(int(i), short_label(i)))
    table(df.rename(columns=cols), key="kwic", file_stem="kwic", column_config={
        cols["left"]: st.column_config.TextColumn(alignment="right", width="large"),
        cols["match"]: st.column_config.TextColumn(alignment="center"),
        cols["right"]: st.column_config.TextColumn(alignment="left", width="large"),
        cols["offset"]: st.column_config.NumberColumn(help=tr("匹配在讲话正文中的起始字符位置",
                                                              "Character offset of the match in the speech text"))})


# --- trends ----------------------------------------------------------------------------------------------------

def trends_panel(ctx: Ctx) -> None:
    """A term's rate across equal parts of each speech, and across dated speeches."""
    st.subheader(tr("趋势", "Trends"))
    st.caption(tr("把每篇讲话等分成若干段，看一个词在讲话前后各部分的每万字频次；有日期的讲话再按日期排列。",
                  "Each speech is cut into equal parts to show where a term is used (rate per 10,000 characters); "
                  "dated speeches are also lined up by date."))
    c1, c2, c3, c4 = st.columns([3, 1.6, 2, 2])   # wide enough for the whole toggle label in either language
    default = top_word(ctx)
    query = c1.text_input(tr("词语", "Term"), value=default, key="tr_query", bind="query-params",
                          help=tr("默认为当前筛选下的最高频词", "Defaults to the most frequent word under the filters"))
    regex = c2.toggle(tr("正则表达式", "Regular expression"), key="tr_regex", bind="query-params")
    parts = c3.slider(tr("每篇分段数", "Parts per speech"), 4, 20, 10, key="tr_parts", bind="query-params")
    lines = c4.slider(tr("最多画出的讲话", "Speeches drawn at most"), 1, 30, TREND_LINES, key="tr_lines",
                      bind="query-params", help=tr("用得最多的几篇各画一条线；另有一条虚线是全部所选讲话合计",
                                                   "The speeches using the term most get a line each; a dotted line "
                                                   "pools every selected speech"))
    if not query.strip():
        st.info(tr("请输入一个词语。", "Type a term."))
        return
    try:
        seg_table = trend_table(ctx.speeches, query, regex=regex, segments=parts)
        dated = date_trend(ctx.speeches, query, regex=regex)
    except InputError as exc:
        query_error(exc)
        return
    total = int(seg_table["count"].sum())
    m1, m2 = st.columns(2)
    m1.metric(tr("文本中出现次数", "Occurrences in the text"), total,
              help=tr("在原文中找到该字符串的次数，也算作更长词语的一部分（如“工作者”中的“工作”）；下面的图按这个数计算。",
                      "How often the string occurs in the text, also inside longer words (工作 in 工作者); the "
                      "charts below count this."))
    if not regex:
        tokens = token_occurrences({i: c for i, (c, _tags) in ctx.counts.items()}, query.strip())
        m2.metric(tr("作为独立词的次数", "As a word of its own"), tokens,
                  help=tr("分词后恰好是这个词的次数，即“词频”页的计数（停用词等筛选之前）。",
                          "How often the segmenter made it a word of its own: the count of the Words view (before "
                          "stopwords and the other filters)."))
    if not total:
        st.info(tr(f"所选讲话中没有“{plain(query)}”。", f"“{plain(query)}” does not occur in the selected speeches."))
        return
    shown = top_speeches(seg_table, top=lines)
    many = len(ctx.speeches) > len(shown)
    chart(compare_charts.segment_trend_figure(
        seg_table[seg_table["speech"].isin(shown)],
        title=tr(f"“{query}”在讲话各部分的频率", f"“{query}” across each speech"),
        x_label=tr(f"讲话的第几部分（共 {parts} 部分）", f"Part of the speech (of {parts})"),
        y_label=tr("每万字频次（按文本中出现次数）", "Per 10,000 characters (occurrences in the text)"),
        names=ctx.legend, pooled=pooled_segments(seg_table) if len(ctx.speeches) > 1 else None,
        pooled_label=tr(f"全部 {len(ctx.speeches)} 篇合计", f"All {len(ctx.speeches)} pooled")), key="trend_parts")
    if many:
        st.caption(tr(f"画出了用得最多的 {len(shown)} 篇；其余 {len(ctx.speeches) - len(shown)} 篇只计入虚线（全部合计）。",
                      f"The {len(shown)} speeches using the term most are drawn; the other "
                      f"{len(ctx.speeches) - len(shown)} count only in the dotted line (all pooled)."))
    undated = [sp for sp in ctx.speeches if parse_date(sp.date) is None]
    if len(dated) >= 2:
        by = state.choice(st.radio, tr("日期趋势", "Date trend"), ["speech", "year"], name="tr_by", default="speech",
                          format_func=lambda v: tr("每篇讲话一个点", "One point per speech") if v == "speech"
                          else tr("按年合计", "Pooled per year"), horizontal=True)
        if by == "year":
            chart(compare_charts.year_trend_figure(
                year_trend(dated), title=tr(f"“{query}”按年份", f"“{query}” by year"), x_label=tr("年份", "Year"),
                y_label=tr("每万字频次", "Per 10,000 characters"), speeches_label=tr("讲话篇数", "Speeches")),
                key="trend_years")
        else:
            chart(compare_charts.date_trend_figure(
                dated_points(dated), title=tr(f"“{query}”按讲话日期", f"“{query}” by speech date"),
                x_label=tr("日期", "Date"), y_label=tr("每万字频次", "Per 10,000 characters"), names=ctx.names,
                precision_labels={"year": tr("只有年份", "year only"), "month": tr("只有年月", "month only")}),
                key="trend_dates")
            st.caption(tr("只有年份或年月的日期画在该年或该月的中间。", "A date given as a year or a month alone is "
                          "drawn in the middle of that year or month."))
        if undated:
            st.caption(tr(f"{len(undated)} 篇讲话没有日期，未列入日期趋势。",
                          f"{count_phrase(len(undated), 'speech has', 'speeches have')} no date and "
                          f"{'is' if len(undated) == 1 else 'are'} left out of the date trend."))
    else:
        st.info(tr(f"按日期的趋势需要至少两篇有日期的讲话；所选讲话中只有 {len(dated)} 篇有日期。日期取自讲话的元数据"
                   "（标题、副标题或上传时填写的日期）。",
                   f"A trend by date needs at least two dated speeches; "
                   f"{count_phrase(len(dated), 'of the selected speeches has', 'of the selected speeches have')} "
                   "a date. Dates come from each speech's metadata (title, subtitle or the date given on upload)."))


# --- co-occurrence ---------------------------------------------------------------------------------------------

def network_panel(ctx: Ctx) -> None:
    """Words (or phrases) that appear in the same sentences, as a network you can zoom, pan and hover."""
    st.subheader(tr("共现", "Co-occurrence"))
    st.caption(tr("两个词出现在同一句中即共现；线越粗越深表示关联越强，圆越大表示出现的句子越多。拖动平移，滚轮缩放，"
                  "悬停查看数值。",
                  "Two terms co-occur when they appear in the same sentence; thicker, darker lines are stronger "
                  "links, bigger circles appear in more sentences. Drag to pan, scroll to zoom, hover for values."))
    c1, c2 = st.columns(2)
    with c1:
        item = item_picker("net_items")
    measure = state.choice(c2.selectbox, tr("关联强度", "Association measure"), MEASURES,
                           format_func=lambda m: tr(*MEASURE_LABELS[m]), name="net_measure", default=MEASURES[0],
                           help=tr("Dice：0–1，对罕见词不偏高；PMI：罕见而排他的组合得分高；G²：证据越多越高",
                                   "Dice: 0–1, fair to rare words; PMI: high for rare exclusive pairs; G²: grows "
                                   "with evidence"))
    c3, c4, c5 = st.columns(3)
    min_weight = c3.number_input(tr("最小关联强度", "Minimum weight"), min_value=0.0, max_value=1000.0, value=0.0,
                                 step=0.05, key="net_minw", bind="query-params",
                                 help=tr("低于该值的连线不显示（Dice 在 0–1 之间）",
                                         "Links below this weight are hidden (Dice lies in 0–1)"))
    min_freq = c4.slider(tr("最低句频", "Minimum sentences"), 1, 20, 3, key="net_minfreq", bind="query-params",
                         help=tr("一个词至少出现在多少个句子中", "Sentences a term must appear in"))
    top_n = c5.slider(tr("最多节点数", "Maximum nodes"), 10, 150, 50, key="net_top", bind="query-params",
                      help=tr("保留有连线的最高频词", "The most frequent connected terms are kept"))
    speeches = list(ctx.speeches)
    key = tuple((sp.id, sp.digest) for sp in speeches) + (item, ctx.lexicon.digest)
    if item == "words":
        segs = {sp.id: data.segmentation(sp, ctx.lexicon) for sp in speeches}
        # The sidebar filters (stopwords, length, part of speech, minimum count) apply: every counted word that
        # did not pass them is left out of the network.
        allowed = set(ctx.terms["term"])
        excluded = frozenset(w for sp in speeches for w in ctx.counts[sp.id][0] if w not in allowed)
        min_len = ctx.settings.min_len
    else:
        try:
            with st.spinner(tr("正在识别短语…", "Finding phrases…")):
                segs = {sp.id: phrase_segmentation(data.phrases(sp, item, ctx.lexicon)) for sp in speeches}
        except (ImportError, AttributeError):
            unavailable(item)
            return
        excluded, min_len = frozenset(), 1
    with st.spinner(tr("正在计算共现网络…", "Building the network…")):
        nodes, edges, positions = _network(key, measure, excluded, min_len, min_freq, float(min_weight), top_n,
                                           tuple(speeches), segs)
    if edges.empty:
        st.info(tr("没有满足条件的共现。可降低最低句频或最小关联强度。",
                   "No pairs pass. Lower the minimum sentences or the minimum weight."))
        return
    st.caption(tr(f"{len(nodes)} 个{item_label(item)}，{len(edges)} 条连线。",
                  f"{len(nodes)} {item_label(item).lower()}, {len(edges)} links."))
    weight_label = tr(*MEASURE_LABELS[measure])
    fig = compare_charts.network_figure(nodes, edges, positions, title=tr("共现网络", "Co-occurrence network"),
                                        freq_label=tr("句频", "Sentences"), weight_label=weight_label,
                                        degree_label=tr("连线数", "Links"))
    chart(fig, key="network", config={"scrollZoom": True})
    ecols = {"source": tr("词语甲", "Term 1"), "target": tr("词语乙", "Term 2"),
             "cooc": tr("共现句数", "Shared sentences"), "weight": weight_label}
    st.markdown(tr("**连线表**（点击一行在“语境”中打开第一个词）", "**Links** (select a row to open the first term in KWIC)"))
    shown = edges[list(ecols)].rename(columns=ecols)
    table(shown, key="network_edges", file_stem="cooccurrence",
          on_select=requests.kwic_on_select(shown, ecols["source"], "df_network_edges"))
