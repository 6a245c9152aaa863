"""The dashboard on a corpus store (``TIFALENS_STORE=STORE`` or ``streamlit run dashboard.py -- --store STORE``).

A store holds far more speeches than the in-memory views can draw one by one, so this mode works on a subcorpus
picked in the sidebar by metadata (year range, place, speaker, source) and shows aggregates of it, each computed
by a DuckDB query over the Parquet files (:mod:`analysis.batch.query`, cached in :mod:`ui.data`): size and
speeches per year, top words, keyness against the rest of the store or against a reference subcorpus, per-year
timelines of words or phrases, and phrase tables.
"""
from __future__ import annotations

import os
import sys

import plotly.express as px
import streamlit as st

from analysis.batch.query import Subcorpus
from analysis.batch.store import STORE_ENV
from analysis.errors import InputError
from analysis.phrases.registry import KINDS, class_label, kind_label
from analysis.text.segment import POS_GROUPS
from analysis.text.stopwords import BUILTIN_LISTS, parse_stopwords
from ui import data
from ui.i18n import LANGS, lang, plain, tr, select_all

__all__ = ["store_path", "main"]

POS_LABELS = {"noun": ("名词", "Nouns"), "verb": ("动词", "Verbs"), "adjective": ("形容词", "Adjectives"),
              "idiom": ("成语·习语", "Idioms & set phrases"), "other": ("其他", "Other")}
LIST_LABELS = {"general": ("通用虚词", "General function words"), "officialese": ("公文套话", "Officialese filler")}
ALL = "__all__"


def store_path() -> str:
    """The store named by ``--store STORE`` after ``--`` on the command line, else ``TIFALENS_STORE``."""
    argv = sys.argv[1:]
    for i, a in enumerate(argv):
        if a == "--store" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--store="):
            return a.split("=", 1)[1]
    return os.environ.get(STORE_ENV, "")


def _pick(sb, label: str, facet: list[tuple[str, int]], key: str) -> tuple[str, ...]:
    values = [v for v, _n in facet]
    counts = dict(facet)
    if len(values) <= 1:
        return ()
    empty = tr("（空）", "(empty)")
    chosen = sb.multiselect(label, values, key=key, format_func=lambda v: f"{v or empty} · {counts[v]:,}",
                            placeholder=tr("全部", "All"), select_all=select_all())
    return tuple(chosen)


def _subcorpus_widgets(sb, facets: dict, prefix: str) -> Subcorpus:
    lo, hi = facets.get("year_min"), facets.get("year_max")
    years = (None, None)
    if lo is not None and hi is not None and lo < hi:
        years = sb.slider(tr("年份", "Years"), lo, hi, (lo, hi), key=f"{prefix}years")
    elif lo is not None:
        sb.caption(tr(f"年份：{lo}", f"Year: {lo}"))
    places = _pick(sb, tr("地点", "Place"), facets["place"], f"{prefix}place")
    speakers = _pick(sb, tr("讲话人", "Speaker"), facets["speaker"], f"{prefix}speaker")
    sources = _pick(sb, tr("来源", "Source"), facets["source"], f"{prefix}source")
    full = years == (lo, hi)
    return Subcorpus(year_from=None if full else years[0], year_to=None if full else years[1], places=places,
                     speakers=speakers, sources=sources)


def _sidebar(store) -> dict:
    sb = st.sidebar
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", "zh")
        st.session_state["lang"] = next((c for c, label in LANGS.items() if wanted in (c, label)), "zh")
    sb.radio("语言 / Language", list(LANGS), format_func=LANGS.get, key="lang", horizontal=True)
    facets = data.store_facets(store)
    sb.header(tr("子语料", "Subcorpus"))
    sub = _subcorpus_widgets(sb, facets, "s_")
    sb.header(tr("筛选", "Filters"))
    min_len = sb.slider(tr("最短词长（字）", "Minimum word length (characters)"), 1, 6, 2, key="s_minlen")
    min_count = sb.slider(tr("最低频次（每篇）", "Minimum count (per speech)"), 1, 20, 1, key="s_mincount")
    top_n = sb.slider(tr("前 N 个词", "Top N words"), 5, 100, 30, key="s_top")
    pos = sb.multiselect(tr("词性", "Part of speech"), list(POS_GROUPS), default=list(POS_GROUPS), key="s_pos",
                         select_all=select_all(), format_func=lambda g: tr(*POS_LABELS[g]))
    lists = sb.multiselect(tr("停用词表", "Stopword lists"), list(BUILTIN_LISTS), default=["general"],
                           key="s_lists", select_all=select_all(), format_func=lambda n: tr(*LIST_LABELS[n]))
    extra = sb.text_area(tr("其他停用词（每行一个）", "More stopwords (one per line)"), key="s_stop", height=90)
    try:
        more = parse_stopwords(extra or "")
    except Exception:
        more = []
    stop = frozenset(w for n in lists for w in data.builtin_stopwords(n)) | frozenset(more)
    return {"sub": sub, "min_len": min_len, "min_count": min_count, "top": top_n, "pos": tuple(pos),
            "stop": stop, "facets": facets}


def _overview(store, s) -> None:
    summ = data.store_summary(store, s["sub"])
    cols = st.columns(4)
    cols[0].metric(tr("讲话", "Speeches"), f"{summ['speeches']:,}")
    cols[1].metric(tr("字符", "Characters"), f"{summ['chars']:,}")
    cols[2].metric(tr("词语", "Words"), f"{summ['tokens']:,}")
    span = f"{summ['year_min']}–{summ['year_max']}" if summ["year_min"] is not None else "—"
    cols[3].metric(tr("年份", "Years"), span)
    years = data.store_per_year(store, s["sub"])
    if not years.empty:
        st.plotly_chart(px.bar(years, x="year", y="speeches", labels={"year": tr("年份", "Year"),
                                                                      "speeches": tr("讲话数", "Speeches")}),
                        key="s_years_chart")
    page = data.store_speeches(store, s["sub"], 200)
    st.caption(tr(f"前 {len(page):,} 篇（共 {summ['speeches']:,} 篇）",
                  f"First {len(page):,} of {summ['speeches']:,}"))
    st.dataframe(page[["doc_id", "title", "date", "place", "speaker", "source", "chars", "tokens"]],
                 hide_index=True)


def _words(store, s) -> None:
    df = data.store_top_terms(store, s["sub"], s["stop"], s["min_len"], s["pos"], s["min_count"], s["top"])
    if df.empty:
        st.info(tr("没有符合筛选条件的词。", "No words pass the filters."))
        return
    st.plotly_chart(px.bar(df.iloc[::-1], x="count", y="term", orientation="h", height=max(300, 18 * len(df)),
                           labels={"count": tr("频次", "Count"), "term": ""}), key="s_words_chart")
    st.dataframe(df, hide_index=True)


def _keyness(store, s) -> None:
    mode = st.radio(tr("对照", "Compare with"), ["rest", "reference"], horizontal=True, key="s_kmode",
                    format_func=lambda m: tr("语料库其余讲话", "the rest of the store") if m == "rest"
                    else tr("参照子语料", "a reference subcorpus"))
    reference = None
    if mode == "reference":
        with st.expander(tr("参照子语料", "Reference subcorpus"), expanded=True):
            reference = _subcorpus_widgets(st, s["facets"], "r_")
    df = data.store_keyness(store, s["sub"], reference, s["stop"], s["min_len"], s["pos"], s["top"])
    if df.empty:
        st.info(tr("没有可比较的词（子语料为空或与对照相同）。",
                   "Nothing to compare (the subcorpus is empty or equals the reference)."))
        return
    st.dataframe(df, hide_index=True)


def _trends(store, s) -> None:
    kind = st.selectbox(tr("计数对象", "Count"), ["word"] + list(KINDS), key="s_tkind",
                        format_func=lambda k: tr("词语", "Words") if k == "word" else kind_label(k, lang()))
    text = st.text_input(tr("检索词（用逗号分隔）", "Terms (comma-separated)"), "改革,创新", key="s_terms")
    terms = tuple(t.strip() for t in text.replace("，", ",").split(",") if t.strip())
    if not terms:
        return
    df = data.store_timeline(store, s["sub"], terms, None if kind == "word" else kind)
    if df.empty:
        st.info(tr("所选讲话没有年份。", "The selected speeches have no year."))
        return
    st.plotly_chart(px.line(df, x="year", y="per_10k", color="term", markers=True,
                            labels={"year": tr("年份", "Year"), "term": "",
                                    "per_10k": tr("每万汉字", "Per 10,000 Han characters")}), key="s_trend_chart")
    st.dataframe(df, hide_index=True)


def _phrases(store, s) -> None:
    kind = st.selectbox(tr("提法类型", "Phrase kind"), list(KINDS), key="s_pkind",
                        format_func=lambda k: kind_label(k, lang()))
    classes = data.store_phrase_classes(store, s["sub"], kind)
    if classes.empty:
        st.info(tr("所选讲话中没有这类提法。", "No phrases of this kind in the selection."))
        return
    classes = classes.assign(label=[class_label(c, lang()) for c in classes["class"]])
    st.plotly_chart(px.bar(classes, x="label", y="count", labels={"label": "", "count": tr("次数", "Count")}),
                    key="s_classes_chart")
    st.dataframe(data.store_phrases(store, s["sub"], kind, s["top"]), hide_index=True)


VIEWS = [(("概览", "Overview"), _overview), (("词频", "Words"), _words), (("关键词", "Keyness"), _keyness),
         (("趋势", "Trends"), _trends), (("提法", "Phrases"), _phrases)]


def main(path: str) -> None:
    try:
        store = data.corpus_store(path)
    except InputError as exc:
        st.error(tr(f"语料库无法打开：{plain(exc.message('zh'))}", f"The corpus store cannot be opened: {plain(str(exc))}"))
        return
    s = _sidebar(store)
    st.title(tr("提法镜 · 语料库", "TifaLens · corpus store"))
    summ = data.store_summary(store, Subcorpus())
    st.caption(tr(f"语料库 {path}：{summ['speeches']:,} 篇讲话；以下统计均针对左侧所选子语料。",
                  f"Store {path}: {summ['speeches']:,} speeches; every view counts the subcorpus chosen in the "
                  "sidebar."))
    tabs = st.tabs([tr(*pair) for pair, _ in VIEWS], key="s_view", on_change="rerun")
    for tab, (_pair, panel) in zip(tabs, VIEWS):
        if tab.open:
            with tab:
                panel(store, s)


def run_if_configured() -> bool:
    """Draw the store dashboard when a store is configured; ``False`` (nothing drawn) otherwise."""
    path = store_path()
    if not path:
        return False
    main(path)
    return True

