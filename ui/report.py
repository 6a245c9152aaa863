"""The one-click report: every view with the settings it has now, in the UI language, in one HTML file.

Sections: the speeches and their sources, overview, top words, each phrase type, keyness, similarity and reuse,
the KWIC query, the trend of a term and the co-occurrence network. Each view's own settings are read from the URL
(where every view mirrors them, the public state of the page) or, for a view not drawn in this run, from its
widgets' last values (read, never written); a view that was never touched is reported with its defaults. Column names, parts of speech and classes are the
ones the dashboard shows.
"""
from __future__ import annotations

import contextvars
from collections import Counter

import pandas as pd
import streamlit as st

from analysis.charts import compare as compare_charts
from analysis.charts import words as charts
from analysis.charts.report import ReportSection, build_report
from analysis.compare.keyness import keyness_by_speech, counts_by_speech
from analysis.context.kwic import kwic
from analysis.context.trends import trend_table
from analysis.phrases.registry import KINDS, REGISTRY
from analysis.text.counts import pivot_terms, top_terms
from analysis.text.normalize import count_han
from ui import data, state
from ui.context import Ctx
from ui.i18n import lang, language, tr

KIND_LABELS = {k.name: (k.zh, k.en) for k in REGISTRY.values()}


#: The view settings the report cites (URL parameter names, which are also the widgets' keys).
VIEW_PARAMS = ("key_target", "key_minfreq", "key_corr", "key_sig", "key_top", "sim_feat", "sim_minchars",
               "kw_query", "kw_regex", "kw_width", "kw_sort", "tr_query", "tr_parts", "tr_lines", "tr_regex",
               "net_measure", "net_minfreq", "net_top", "net_minw")
#: Of these, the ones holding several values.
_LISTS = ("key_target",)


def snapshot(ctx: Ctx) -> dict:
    """What the report needs from this run, taken while the run is live (the report itself is built later, when
    its button is clicked): the language, the settings in words and every view setting — from the URL, else from
    the view's widget as it last was (read, never written), else absent (the view's default)."""
    params = {}
    for name in VIEW_PARAMS:
        if name in st.query_params:
            values = st.query_params.get_all(name)
            params[name] = values if name in _LISTS else (values[0] if values else "")
            continue
        for key in (name, f"{name}.{lang()}"):
            if key in st.session_state and st.session_state[key] is not None:
                params[name] = st.session_state[key]
                break
        else:
            if state.current(name) is not None:
                params[name] = state.current(name)
    return {"lang": lang(), "settings": settings_summary(ctx), "params": params}


#: The snapshot of the report being built (per thread of execution: two sessions may build at once).
_SNAP: contextvars.ContextVar[dict] = contextvars.ContextVar("tifalens_report", default={})


def _param(name: str, default, parse=str):
    """A view setting from the snapshot the report is built from (``default`` when absent or unreadable)."""
    params = _SNAP.get().get("params", {})
    if name not in params:
        return default
    value = params[name]
    try:
        return value if isinstance(value, (bool, int, float)) and isinstance(default, type(value)) else parse(value)
    except (TypeError, ValueError):
        return default


def _params(name: str, parse=str) -> list:
    try:
        return [parse(v) for v in _SNAP.get().get("params", {}).get(name) or [] if v != ""]
    except (TypeError, ValueError):
        return []


def _bool(v: str) -> bool:
    return str(v).lower() in ("true", "1", "yes")


def settings_summary(ctx: Ctx) -> dict[str, str]:
    """The settings behind the current view, in words (also what the report cites)."""
    from ui.sidebar import LIST_LABELS, POS_LABELS
    s = ctx.settings
    lists = state.current("lists", ["general"])
    added, removed = st.session_state.get("_sw_add", []), st.session_state.get("_sw_del", [])
    return {
        tr("讲话", "Speeches"): tr("；", "; ").join(ctx.names[sp.id] for sp in ctx.speeches),
        tr("最短词长", "Minimum word length"): str(s.min_len),
        tr("最低频次", "Minimum count"): str(s.min_count),
        tr("前 N 个词", "Top N"): str(s.top_n),
        tr("词性", "Parts of speech"): tr("、", ", ").join(tr(*POS_LABELS[p]) for p in s.pos) or "—",
        tr("计数方式", "Counts"): tr("每万字频次", "per 10,000 characters") if s.per_10k else tr("原始频次", "raw"),
        tr("停用词表", "Stopword lists"): tr("、", ", ").join(tr(*LIST_LABELS[n]) if n in LIST_LABELS else n
                                                          for n in lists) or "—",
        tr("停用词数", "Stopwords"): tr(f"{len(s.stopwords)} 个（自加 {len(added)}，移除 {len(removed)}）",
                                        f"{len(s.stopwords)} (added {len(added)}, removed {len(removed)})"),
        tr("加入的停用词", "Added stopwords"): tr("、", ", ").join(added) or "—",
        tr("自定义词", "Custom words"): tr("、", ", ").join(s.custom_words) or "—",
    }


def sources_table(ctx: Ctx) -> pd.DataFrame:
    """One row per selected speech: label, title, subtitle, date, place, speaker, source file, size."""
    rows = [{tr("编号", "ID"): sp.id, tr("简称", "Label"): ctx.names[sp.id], tr("标题", "Title"): sp.title,
             tr("副标题", "Subtitle"): sp.subtitle or "—", tr("日期", "Date"): sp.date or "—",
             tr("地点", "Place"): sp.place or "—", tr("讲话人", "Speaker"): sp.speaker or "—",
             tr("来源", "Source"): sp.source or tr("粘贴的文字", "pasted text"),
             tr("汉字数", "Han characters"): count_han(sp.text)} for sp in ctx.speeches]
    return pd.DataFrame(rows)


def overview_table(ctx: Ctx) -> pd.DataFrame:
    from ui.words import overview_columns
    ov = ctx.overview.copy()
    if "masked_share" in ov.columns:
        ov["masked_share"] = [f"{v * 100:.1f} %" for v in ov["masked_share"]]
    if "title" in ov.columns:
        ov["title"] = [ctx.names.get(int(i), t) for i, t in zip(ov["id"], ov["title"])]
    return ov.rename(columns=overview_columns())


def words_table(ctx: Ctx) -> pd.DataFrame:
    from ui.sidebar import POS_LABELS
    t = top_terms(ctx.terms, top=ctx.settings.top_n, value=ctx.settings.value)[
        ["speech", "term", "pos", "count", "per_10k"]].astype({"term": str, "pos": str})
    t = t.assign(speech=t["speech"].map(lambda i: ctx.names.get(int(i), str(i))),
                 pos=t["pos"].map(lambda g: tr(*POS_LABELS[g]) if g in POS_LABELS else g))
    return t.rename(columns={"speech": tr("讲话", "Speech"), "term": tr("词", "Word"), "pos": tr("词性", "POS"),
                             "count": tr("频次", "Count"), "per_10k": tr("每万字", "Per 10k chars")})


def phrase_table(ctx: Ctx, kind: str) -> pd.DataFrame:
    """Per speech and surface form: canonical form, class, count and density per 1,000 Han characters."""
    from ui.phrases import class_label
    rows = []
    for sp in ctx.speeches:
        han = max(count_han(sp.text), 1)
        counts = Counter((m.phrase, m.canonical, m.cls) for m in data.phrases(sp, kind, ctx.lexicon))
        for (phrase, canon, cls), n in counts.items():
            rows.append({tr("讲话", "Speech"): ctx.names.get(sp.id, str(sp.id)), "_id": sp.id,
                         tr("原文", "As written"): phrase, tr("规范形式", "Canonical"): canon,
                         tr("类别", "Class"): class_label(cls), tr("次数", "Count"): n,
                         tr("每千汉字", "Per 1,000 Han chars"): round(n * 1000 / han, 2)})
    df = pd.DataFrame(rows)
    if df.empty:
        return df
    return df.sort_values(["_id", tr("次数", "Count")], ascending=[True, False], kind="stable") \
        .drop(columns="_id").reset_index(drop=True)


def _keyness_section(ctx: Ctx) -> ReportSection | None:
    from ui.compare import ALPHA, CORRECTION_LABELS, SIGN_LABELS, speech_sizes
    ids = [sp.id for sp in ctx.speeches]
    if len(ids) < 2:
        return None
    target = [i for i in _params("key_target", int) if i in ids] or ids[:1]
    rest = [i for i in ids if i not in target]
    if not rest:
        return None
    min_freq = _param("key_minfreq", 3, int)
    correction = _param("key_corr", "bh")
    correction = correction if correction in CORRECTION_LABELS else "bh"
    corr_name = tr(*CORRECTION_LABELS[correction])
    only_sig = _param("key_sig", True, _bool)
    top = _param("key_top", 15, int)
    counts = counts_by_speech(ctx.terms)
    counts = {i: counts.get(i, Counter()) for i in ids}
    tokens, chars = speech_sizes(ctx)
    result = keyness_by_speech(counts, totals=tokens, chars=chars, targets=[target], min_freq=min_freq,
                               correction=correction).drop(columns="speech")
    if only_sig:
        result = result[result["p"] < ALPHA]
    target_name = tr("、", ", ").join(ctx.names[i] for i in target)
    note = tr(f"目标：{target_name}；对比其余 {len(rest)} 篇所选讲话。词语按侧栏筛选计数；最低合计频次 {min_freq}，"
              f"校正：{corr_name}{'，仅显著（p < 0.05）' if only_sig else ''}。",
              f"Target: {target_name}; against the other {len(rest)} selected speeches. Words follow the sidebar "
              f"filters; minimum total count {min_freq}, correction: {corr_name}"
              f"{', significant only (p < 0.05)' if only_sig else ''}.")
    if result.empty:
        return ReportSection(heading=tr("关键词", "Keyness"), note=note + tr(" 没有符合条件的关键词。",
                                                                          " No keywords pass."))
    fig = compare_charts.keyness_bars(
        result, title=tr(f"{target_name} 的关键词", f"Keywords of {target_name}"),
        x_label=tr("Log Ratio（log₂ 频率比）", "Log Ratio (log₂ of the rate ratio)"),
        positive_label=tr("正关键词（多用）", "Positive (overused)"),
        negative_label=tr("负关键词（少用）", "Negative (underused)"), top=top)
    cols = {"term": tr("词语", "Term"), "sign": tr("方向", "Direction"), "count": tr("目标频次", "Target count"),
            "rest_count": tr("其余频次", "Rest count"), "g2": "G²", "p": "p", "log_ratio": "Log Ratio"}
    shown = result.assign(sign=result["sign"].map(lambda s: tr(*SIGN_LABELS[s])), g2=result["g2"].round(2),
                          log_ratio=result["log_ratio"].round(2), p=result["p"].map(lambda v: f"{v:.2e}"))
    return ReportSection(heading=tr("关键词", "Keyness"), note=note, figures=[fig],
                         tables=[shown[list(cols)].rename(columns=cols)], max_rows=100)


def _similarity_section(ctx: Ctx) -> ReportSection | None:
    from ui.compare_reuse import FEATURE_LABELS
    speeches = list(ctx.speeches)
    if len(speeches) < 2:
        return None
    features = _param("sim_feat", "word")
    features = features if features in FEATURE_LABELS else "word"
    min_chars = _param("sim_minchars", 16, int)
    key = tuple((sp.id, sp.digest) for sp in speeches)
    segs = {sp.id: data.segmentation(sp, ctx.lexicon) for sp in speeches} if features == "word" else None
    matrix = data._similarity(key + (ctx.lexicon.digest,), features, tuple(sorted(ctx.settings.stopwords)),
                              tuple(speeches), segs)
    pairs = data._reuse(key, min_chars, tuple(speeches))
    ids = [sp.id for sp in speeches]
    figs = [compare_charts.similarity_heatmap(matrix, title=tr("相似度（TF-IDF 余弦）", "Similarity (TF-IDF cosine)"),
                                              colorbar_label=tr("相似度", "Similarity"), names=ctx.names),
            compare_charts.reuse_heatmap(pairs, ids, title=tr("复用率：行讲话中与列讲话共享的比例",
                                                              "Reuse: share of the row speech shared with the column"),
                                         colorbar_label=tr("复用率", "Reuse"), names=ctx.names)]
    rows = [{tr("讲话对", "Pair"): f"{ctx.names[p['a']]} – {ctx.names[p['b']]}",
             tr("A 复用率", "Reuse of A"): f"{p['reuse_a'] * 100:.1f} %",
             tr("B 复用率", "Reuse of B"): f"{p['reuse_b'] * 100:.1f} %",
             tr("共享段落", "Shared passages"): p["passages"], tr("共享汉字（A）", "Shared Han chars (A)"): p["shared_chars"],
             tr("相似度", "Similarity"): round(float(matrix.loc[p["a"], p["b"]]), 3)}
            for p in sorted(pairs, key=lambda p: -max(p["reuse_a"], p["reuse_b"]))]
    note = tr(f"特征：{tr(*FEATURE_LABELS[features])}；最短共享段落 {min_chars} 个汉字。",
              f"Features: {tr(*FEATURE_LABELS[features])}; shortest shared passage {min_chars} Han characters.")
    return ReportSection(heading=tr("相似与复用", "Similarity & reuse"), note=note, figures=figs,
                         tables=[pd.DataFrame(rows)], max_rows=200)


def _kwic_section(ctx: Ctx) -> ReportSection | None:
    query = _param("kw_query", "").strip()
    if not query:
        return None
    regex = _param("kw_regex", False, _bool)
    width = _param("kw_width", 20, int)
    rows = kwic(ctx.speeches, query, regex=regex, width=width, sort=_param("kw_sort", "position"))
    cols = {"speech": tr("讲话", "Speech"), "offset": tr("位置", "Offset"), "left": tr("左侧语境", "Left context"),
            "match": tr("检索词", "Match"), "right": tr("右侧语境", "Right context")}
    df = pd.DataFrame([r.to_dict() for r in rows], columns=list(cols))
    df["speech"] = df["speech"].map(lambda i: ctx.names.get(int(i), str(i)))
    note = tr(f"检索“{query}”{'（正则表达式）' if regex else ''}：{len(rows)} 处，上下文各 {width} 字。",
              f"Query “{query}”{' (regular expression)' if regex else ''}: {len(rows)} matches, {width} "
              "characters of context on each side.")
    return ReportSection(heading=tr("语境", "KWIC"), note=note, tables=[df.rename(columns=cols)], max_rows=300)


def _trends_section(ctx: Ctx) -> ReportSection | None:
    from analysis.context.trend_summary import pooled_segments, top_speeches
    from ui.compare_context import TREND_LINES, top_word
    query = _param("tr_query", "").strip() or top_word(ctx)
    if not query:
        return None
    parts = _param("tr_parts", 10, int)
    lines = _param("tr_lines", TREND_LINES, int)
    table = trend_table(ctx.speeches, query, regex=_param("tr_regex", False, _bool), segments=parts)
    total = int(table["count"].sum())
    note = tr(f"“{query}”在文本中共出现 {total} 次（也计入更长词语中的出现）；每篇分为 {parts} 部分。",
              f"“{query}” occurs {total} times in the text (also inside longer words); each speech in {parts} "
              "parts.")
    if not total:
        return ReportSection(heading=tr("趋势", "Trends"), note=note)
    shown = top_speeches(table, top=lines)
    fig = compare_charts.segment_trend_figure(
        table[table["speech"].isin(shown)], title=tr(f"“{query}”在讲话各部分的频率", f"“{query}” across each speech"),
        x_label=tr(f"讲话的第几部分（共 {parts} 部分）", f"Part of the speech (of {parts})"),
        y_label=tr("每万字频次", "Per 10,000 characters"), names=ctx.legend,
        pooled=pooled_segments(table) if len(ctx.speeches) > 1 else None,
        pooled_label=tr(f"全部 {len(ctx.speeches)} 篇合计", f"All {len(ctx.speeches)} pooled"))
    return ReportSection(heading=tr("趋势", "Trends"), note=note, figures=[fig])


def _network_section(ctx: Ctx) -> ReportSection | None:
    from analysis.context.cooccurrence import MEASURES
    from ui.compare_context import MEASURE_LABELS
    from ui.data import _network
    speeches = list(ctx.speeches)
    measure = _param("net_measure", MEASURES[0])
    measure = measure if measure in MEASURES else MEASURES[0]
    min_freq, top_n = _param("net_minfreq", 3, int), _param("net_top", 50, int)
    min_weight = _param("net_minw", 0.0, float)
    segs = {sp.id: data.segmentation(sp, ctx.lexicon) for sp in speeches}
    allowed = set(ctx.terms["term"])
    excluded = frozenset(w for sp in speeches for w in ctx.counts[sp.id][0] if w not in allowed)
    key = tuple((sp.id, sp.digest) for sp in speeches) + ("words", ctx.lexicon.digest)
    nodes, edges, positions = _network(key, measure, excluded, ctx.settings.min_len, min_freq, float(min_weight),
                                       top_n, tuple(speeches), segs)
    weight_label = tr(*MEASURE_LABELS[measure])
    note = tr(f"词语（按侧栏筛选）；关联强度：{weight_label}；最低句频 {min_freq}；最多 {top_n} 个节点："
              f"{len(nodes)} 个词，{len(edges)} 条连线。",
              f"Words (sidebar filters); association: {weight_label}; minimum sentences {min_freq}; at most "
              f"{top_n} nodes: {len(nodes)} words, {len(edges)} links.")
    if edges.empty:
        return ReportSection(heading=tr("共现", "Co-occurrence"), note=note)
    fig = compare_charts.network_figure(nodes, edges, positions, title=tr("共现网络", "Co-occurrence network"),
                                        freq_label=tr("句频", "Sentences"), weight_label=weight_label,
                                        degree_label=tr("连线数", "Links"))
    ecols = {"source": tr("词语甲", "Term 1"), "target": tr("词语乙", "Term 2"),
             "cooc": tr("共现句数", "Shared sentences"), "weight": weight_label}
    shown = edges[list(ecols)].assign(weight=edges["weight"].round(3)).rename(columns=ecols)
    return ReportSection(heading=tr("共现", "Co-occurrence"), note=note, figures=[fig], tables=[shown], max_rows=100)


def build(ctx: Ctx, snap: dict | None = None) -> bytes:
    """The report of ``ctx`` with the view settings and language of ``snap`` (:func:`snapshot`; default: now)."""
    snap = snap if snap is not None else snapshot(ctx)
    with language(snap["lang"]):
        token = _SNAP.set(snap)
        try:
            return _build(ctx, snap)
        finally:
            _SNAP.reset(token)


def _build(ctx: Ctx, snap: dict) -> bytes:
    value = ctx.settings.value
    value_label = tr("每万字频次", "Per 10,000 characters") if value == "per_10k" else tr("频次", "Count")
    sections = [
        ReportSection(heading=tr("讲话与来源", "Speeches and sources"),
                      note=tr("报告中的简称（编号 + 副标题、地点或年份）与各讲话的出处。",
                              "The short labels used in this report (number + subtitle, place or year) and where "
                              "each speech comes from."),
                      tables=[sources_table(ctx)], max_rows=1000),
        ReportSection(heading=tr("概览", "Overview"),
                      note=tr("每篇讲话的规模与匿名化程度；占位符（X、×、*）不计入词频。",
                              "Size and masking of each speech; placeholders (X, ×, *) are never counted as words."),
                      tables=[overview_table(ctx)], max_rows=1000)]
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
            tables=[words_table(ctx)]))
    for kind in KINDS:
        try:
            table = phrase_table(ctx, kind)
        except Exception:  # a detector that fails must not cost the user the whole report
            continue
        if not table.empty:
            sections.append(ReportSection(heading=tr(*KIND_LABELS[kind]), tables=[table], max_rows=600))
    for make in (_keyness_section, _similarity_section, _kwic_section, _trends_section, _network_section):
        try:
            sec = make(ctx)
        except Exception as exc:  # one view that fails is reported as such, the others still are
            name = make.__name__.strip("_").replace("_section", "")
            sec = ReportSection(heading=name, note=tr(f"这一部分未能生成：{exc}", f"This part could not be made: {exc}"))
        if sec is not None:
            sections.append(sec)
    html_text = build_report(title=tr("提法镜分析报告", "TifaLens report"), sections=sections,
                             settings=snap["settings"], lang=lang(),
                             generated_label=tr("生成时间", "Generated"), settings_label=tr("设置", "Settings"),
                             more_rows=tr("…… 另有 {n} 行未列出（完整表格可在相应页面下载）",
                                          "… {n} more rows (the full table downloads from its view)"),
                             contents_label=tr("目录", "Contents"))
    return html_text.encode("utf-8")


def report_button(ctx: Ctx) -> None:
    """A sidebar download of the report, built only when clicked."""
    st.sidebar.header(tr("报告", "Report"))
    snap = snapshot(ctx)
    st.sidebar.download_button(
        tr("下载分析报告（HTML）", "Download the report (HTML)"), lambda: build(ctx, snap),
        file_name="tifalens_report.html", mime="text/html", key="report_dl",
        help=tr("一个独立的 HTML 文件：所用讲话及出处、设置，以及概览、词频、提法、关键词、相似与复用、语境、趋势和共现"
                "各页的当前结果（可交互图表），可直接发送或附在论文后。",
                "One self-contained HTML file: the speeches and their sources, the settings, and the current "
                "results of every view (overview, words, phrases, keyness, similarity and reuse, KWIC, trends, "
                "co-occurrence) with interactive charts, ready to send or attach to a paper."))
