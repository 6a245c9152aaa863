"""The national reports as reference: a term's timeline (提法温度计), what is new in a year, and a speech against
the centre (keyness, formulas with their lag, text shared with the reports)."""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import streamlit as st

from analysis.charts.timeline import timeline_figure
from analysis.compare.centre import formula_lag, keyness_against, reused_share
from analysis.context.timeline import STATUSES, speech_year, term_timeline, year_series
from analysis.errors import InputError
from analysis.ingest.national import NATIONAL_SOURCE
from analysis.text.normalize import count_han
from ui import data, requests, state
from ui.compare import ITEM_LABELS
from ui.compare_context import query_error
from ui.context import Ctx
from ui.exports import chart, table
from ui.i18n import plain, tr

TIMELINE_VIEW = ("提法温度计", "Timeline")
NEW_VIEW = ("新提法", "What is new")
CENTRE_VIEW = ("对照中央", "Against the centre")
KIND_LABELS = {"word": ITEM_LABELS["words"], **{k: ITEM_LABELS[k] for k in data.HISTORY_KINDS}}
STATUS_LABELS = {"new": ("首次出现", "New"), "returned": ("再次出现", "Returned"), "dropped": ("不再出现", "Dropped")}
_SPLIT_RE = re.compile(r"[，,、；;\s]+")


def _kwic_from_table(df: pd.DataFrame, state_key: str):
    return requests.kwic_on_select(df, "term", state_key)


def _own_speeches(ctx: Ctx) -> list:
    """The selected speeches that are not national reports."""
    return [sp for sp in ctx.speeches if sp.source != NATIONAL_SOURCE]


def _national_note(ctx: Ctx) -> None:
    if not any(sp.source == NATIONAL_SOURCE for sp in ctx.speeches):
        st.caption(tr("语境（KWIC）检索的是左侧所选讲话；要在语境中阅读政府工作报告，请在左侧打开“包含全国政府工作报告”。",
                      "KWIC searches the speeches selected in the sidebar; to read the national reports there, "
                      "switch on “Include the national government work reports”."))


# --- timeline --------------------------------------------------------------------------------------------------

def _pick_phrase() -> None:
    picked = st.session_state.get("tl_pick")
    if picked:
        st.session_state["tl_terms"] = picked


def timeline_panel(ctx: Ctx) -> None:
    """A term's rate per year across the national reports, the user's dated speeches on the same axis."""
    st.subheader(tr("提法温度计", "Timeline"))
    st.caption(tr("一个词语或提法在 1954–2025 年全国政府工作报告中每年的频率（每万个汉字），以及首次和最后出现的年份；"
                  "左侧所选的、标有日期的其他讲话画在同一时间轴上（菱形）。没有报告的年份是空缺，不是零。"
                  "次数是正文中的出现次数，与“语境”检索的条数相同。",
                  "The yearly rate of a word or phrase in the national government work reports 1954–2025 (per "
                  "10,000 Han characters) and the first and last year it is used; your other dated speeches "
                  "selected in the sidebar are drawn on the same axis (diamonds). Years without a report are gaps, "
                  "not zeros. Counts are occurrences in the text, the same number of lines as KWIC finds."))
    att = data.national_attestation(ctx.lexicon)
    phrases = att[att["kind"].isin(["formula", "slogan", "idiom"]) & (att["reports"] >= 3)]
    options = [""] + list(dict.fromkeys(phrases.sort_values(["reports", "term"], ascending=[False, True])["term"]))
    c1, c2 = st.columns([3, 2])
    if "tl_terms" not in st.session_state:
        st.session_state["tl_terms"] = st.query_params.get("tl_terms", "高质量发展")
    raw = c1.text_input(tr("词语或提法（可输入多个，用逗号或空格分隔）", "Words or phrases (several: separate by commas "
                           "or spaces)"), key="tl_terms")
    if raw != "高质量发展":
        st.query_params["tl_terms"] = raw
    else:
        st.query_params.pop("tl_terms", None)
    c2.selectbox(tr("或选择报告中的提法、口号、成语", "Or pick a formula, slogan or set phrase of the reports"), options,
                 key="tl_pick", on_change=_pick_phrase,
                 format_func=lambda t: t or tr("（选择）", "(choose)"))
    terms = [t for t in _SPLIT_RE.split(raw.strip()) if t][:6]
    if not terms:
        st.info(tr("请输入一个词语或提法，例如“高质量发展”。", "Type a word or phrase, e.g. 高质量发展."))
        return
    try:
        rows = data.timeline_rows(tuple(terms))
        own = term_timeline([sp for sp in _own_speeches(ctx) if speech_year(sp) is not None], terms)
    except InputError as exc:
        query_error(exc)
        return
    series = year_series(rows, han_chars=data.national_han())
    cols = st.columns(len(terms))
    for col, term in zip(cols, terms):
        used = [r["year"] for r in rows if r["term"] == term and r["count"]]
        if used:
            col.metric(term, f"{used[0]}–{used[-1]}",
                       help=tr(f"首次 {used[0]} 年，最后 {used[-1]} 年，共 {len(used)} 篇报告",
                               f"First {used[0]}, last {used[-1]}, in {len(used)} reports"))
        else:
            col.metric(term, tr("未出现", "not used"))
    chart(timeline_figure(series, own=own, title=tr("每万个汉字中的次数，按年份", "Per 10,000 Han characters, by year"),
                          x_label=tr("年份", "Year"), y_label=tr("每万字次数", "Per 10,000 characters"),
                          own_label=tr("我的讲话", "own speech"), names=ctx.names), key="timeline")
    per_year = pd.DataFrame(rows)
    per_year = per_year[per_year["count"] > 0]
    cols = {"term": tr("词语", "Term"), "year": tr("年份", "Year"), "count": tr("次数", "Count"),
            "per_10k": tr("每万字", "Per 10,000")}
    shown = per_year[list(cols)].reset_index(drop=True)
    table(shown.rename(columns=cols), key="timeline", file_stem="timeline",
          on_select=_kwic_from_table(shown, "df_timeline"))
    st.button(tr(f"在语境中查看“{terms[0]}”", f"Read “{terms[0]}” in context (KWIC)"), key="tl_kwic",
              on_click=requests.open_in_kwic, args=(terms[0],))
    _national_note(ctx)


# --- what is new -----------------------------------------------------------------------------------------------

def new_panel(ctx: Ctx) -> None:
    """The words and phrases of one year's report that are new, returned, or dropped since the previous report."""
    st.subheader(tr("新提法", "What is new"))
    st.caption(tr("所选年份的政府工作报告与此前各年报告相比：首次出现的（全国系列中第一次）、中断后再次出现的、"
                  "以及上一篇报告用过而这一年不再用的词语、成语·套语、引号口号、数字提法和高频短语。点击一行在语境中查看。",
                  "The report of the chosen year against all earlier reports: words, idioms and set phrases, quoted "
                  "slogans, numbered formulas and recurrent phrases used for the first time in the national series, "
                  "used again after an absence, or used in the previous report and no longer. Select a row to read "
                  "it in context."))
    years = sorted({speech_year(sp) for sp in data.national_corpus()})
    c1, c2, c3 = st.columns([1, 2, 2])
    year = state.choice(c1.selectbox, tr("年份", "Year"), years, name="new_year", default=years[-1], parse=int)
    kinds = state.choice(c2.multiselect, tr("类型", "Kinds"), list(KIND_LABELS), name="new_kinds",
                         default=["word", "idiom", "slogan", "formula"], multi=True,
                         format_func=lambda k: tr(*KIND_LABELS[k]))
    statuses = state.choice(c3.multiselect, tr("变化", "Change"), list(STATUSES), name="new_status",
                            default=list(STATUSES), multi=True, format_func=lambda s: tr(*STATUS_LABELS[s]))
    with st.spinner(tr("正在识别报告中的提法…", "Finding the phrases of the reports…")):
        new = data.whats_new_table(int(year), ctx.lexicon.digest, ctx.lexicon)
    previous = max((y for y in years if y < year), default=None)
    cols = st.columns(3)
    for col, status in zip(cols, STATUSES):
        n = int(((new["status"] == status) & new["kind"].isin(kinds)).sum())
        col.metric(tr(*STATUS_LABELS[status]), n)
    if previous is not None:
        st.caption(tr(f"上一篇报告：{previous} 年。", f"Previous report: {previous}."))
    shown = new[new["kind"].isin(kinds) & new["status"].isin(statuses)].reset_index(drop=True)
    view = shown.assign(kind=[tr(*KIND_LABELS[k]) for k in shown["kind"]],
                        status=[tr(*STATUS_LABELS[s]) for s in shown["status"]])
    cols = {"term": tr("词语或提法", "Term"), "kind": tr("类型", "Kind"), "status": tr("变化", "Change"),
            "count": tr(f"{year} 年次数", f"Count {year}"),
            "previous_count": tr("上一篇次数", "Count in the previous report")}
    table(view[list(cols)].rename(columns=cols), key="new", file_stem=f"new_{year}",
          on_select=_kwic_from_table(shown, "df_new"))
    _national_note(ctx)


# --- against the centre ----------------------------------------------------------------------------------------

def centre_panel(ctx: Ctx) -> None:
    """One speech against the national reports: keyness, the national formulas it uses and their lag, reuse."""
    st.subheader(tr("对照中央", "Against the centre"))
    st.caption(tr("把一篇讲话与全国政府工作报告（参照语料）相比：哪些词明显多用（G²、校正后 p 值、Log Ratio，与“关键词”"
                  "相同）；用了哪些全国报告中的数字提法，各自在全国报告中最早出现于哪一年（滞后）；哪些段落与本年及以前的"
                  "报告相同。",
                  "One speech against the national government work reports as reference corpus: the words it "
                  "overuses (G², corrected p and Log Ratio, as on Keyness); the numbered formulas of the national "
                  "reports it uses, each with the year the reports first used it (the lag); and the passages it "
                  "shares with the reports of its own year and earlier."))
    candidates = _own_speeches(ctx) or list(ctx.speeches)
    names = {sp.id: ctx.names.get(sp.id, f"#{sp.id}") for sp in candidates}
    ids = list(names)
    sid = state.choice(st.selectbox, tr("讲话", "Speech"), ids, name="centre_sp", default=ids[0], parse=int,
                       format_func=lambda i: names.get(i, f"#{i}"))
    speech = next(sp for sp in candidates if sp.id == sid)
    year = speech_year(speech)
    st.caption(tr(f"讲话年份：{year}；参照 {year} 年及以前的报告。" if year else
                  "这篇讲话没有日期：参照全部报告，不计算滞后。",
                  f"Year of the speech: {year}; compared with the reports of {year} and earlier." if year else
                  "This speech has no date: compared with every report, without a lag."))

    st.markdown("#### " + tr("关键词（对照全国报告）", "Keywords against the national reports"))
    counts, _tags = data.term_counts(speech, ctx.lexicon)
    reference, ref_tokens = data.national_counts(ctx.lexicon)
    stop = ctx.settings.stopwords
    target = Counter({t: n for t, n in counts.items() if t not in stop and len(t) >= ctx.settings.min_len})
    ref = Counter({t: n for t, n in reference.items() if t not in stop})
    key = keyness_against({speech.id: target}, ref, totals={speech.id: max(sum(counts.values()), 1)},
                          reference_total=ref_tokens, min_freq=3)
    key = key[(key["sign"] == "+") & (key["p"] < 0.05)].head(30)
    cols = {"term": tr("词语", "Term"), "count": tr("本篇次数", "Count"), "rest_count": tr("全国报告次数", "National"),
            "g2": "G²", "p": "p", "log_ratio": "Log Ratio"}
    shown = key[list(cols)].reset_index(drop=True)
    table(shown.round({"g2": 2, "log_ratio": 2}).rename(columns=cols), key="centre_key", file_stem="centre_keyness",
          on_select=_kwic_from_table(shown, "df_centre_key"),
          column_config={"p": st.column_config.NumberColumn(format="%.2e")})

    st.markdown("#### " + tr("全国报告中的数字提法及其滞后", "National formulas used, with their lag"))
    formulas = Counter(m.canonical for m in data.phrases(speech, "formula", ctx.lexicon))
    att = data.national_attestation(ctx.lexicon)
    lag = pd.DataFrame(formula_lag(formulas, att[att["kind"] == "formula"].to_dict("records"), year=year),
                       columns=["term", "count", "first_year", "last_year", "reports", "lag"])
    if lag.empty:
        st.info(tr("这篇讲话没有用到全国报告中的数字提法。", "The speech uses none of the national reports' formulas."))
    else:
        cols = {"term": tr("提法", "Formula"), "count": tr("本篇次数", "Count"),
                "first_year": tr("全国首次", "First national use"), "last_year": tr("全国最后", "Last national use"),
                "reports": tr("报告篇数", "Reports"), "lag": tr("滞后（年）", "Lag (years)")}
        table(lag[list(cols)].rename(columns=cols), key="centre_lag", file_stem="centre_formulas",
              on_select=_kwic_from_table(lag, "df_centre_lag"))

    st.markdown("#### " + tr("与全国报告相同的段落", "Passages shared with the national reports"))
    min_chars = st.slider(tr("最短共享段落（汉字）", "Shortest shared passage (Han characters)"), 8, 60, 10,
                          key="centre_min", bind="query-params")
    with st.spinner(tr("正在比对全国报告…", "Aligning with the national reports…")):
        rows, passages = data.reuse_against_national(speech, min_chars=min_chars)
    reports = {sp.id: sp for sp in data.national_corpus()}
    share = reused_share(speech, passages)
    c1, c2 = st.columns(2)
    c1.metric(tr("复用比例", "Reused share"), f"{share:.1%}",
              help=tr("本篇汉字中出现在任一报告共享段落里的比例", "Share of the speech's Han characters found in a "
                      "passage shared with any report"))
    c2.metric(tr("有共享段落的报告", "Reports with shared passages"), sum(1 for r in rows if r["passages"]))
    found = [{"year": speech_year(reports[rid]), "passage": p.text_a, "chars": count_han(p.text_a),
              "report": reports[rid].title} for rid, ps in passages.items() for p in ps]
    if not found:
        st.info(tr("没有达到长度的共享段落。", "No shared passage of that length."))
        return
    df = pd.DataFrame(found).sort_values(["year", "chars"], ascending=[True, False]).reset_index(drop=True)
    cols = {"year": tr("报告年份", "Report year"), "passage": tr("共享段落", "Shared passage"),
            "chars": tr("汉字", "Han characters"), "report": tr("报告", "Report")}
    table(df[list(cols)].rename(columns=cols), key="centre_reuse", file_stem="centre_reuse")
    longest = df.sort_values(["chars", "year"], ascending=[False, True]).drop_duplicates("passage").head(8)
    st.markdown("\n".join(f"- **{int(y)}**：{plain(t)}" for y, t in zip(longest["year"], longest["passage"])))
    st.caption(tr(f"共 {len(df)} 段，按报告年份排列；上面列出最长的几段。",
                  f"{len(df)} passages, by report year; the longest are listed above."))
