"""The phrases tab: idioms, quoted slogans, numbered formulas, four-character templates, parallel runs and recurrent
n-grams, one phrase type at a time (type, classes and minimum count are kept in the URL)."""
from __future__ import annotations

from typing import Sequence

import pandas as pd
import streamlit as st

from analysis.charts import words as charts
from analysis.ingest.corpus import Speech
from analysis.text.lexicon import Lexicon
from analysis.text.normalize import count_han
import analysis.phrases.registry as phrase_registry
from analysis.phrases.base import PhraseMatch
from analysis.phrases.formulas import load_knowledge_base
from analysis.phrases.registry import CLASS_LABELS, KINDS, REGISTRY, SOURCE_LABELS
from ui import data, requests, state
from ui.context import Ctx
from ui.exports import chart, table
from ui.i18n import tr
from ui.phrases_tables import (SHARED, UNIQUE, class_counts, filter_occurrences, item_matrix, occurrence_table,
                               variant_table)

KIND_LABELS = {k.name: (k.zh, k.en) for k in REGISTRY.values()}

KIND_HOWTO = {
    "idiom": ("四字成语（新华成语词典、CC-CEDICT 与审定表）、误写的成语（如“克已奉公”应为“克己奉公”）和公文"
              "四字套语（如“真抓实干”；政策术语与自由短语不计）。引号口号中的半句归口号，不另计成语。",
              "Four-character idioms (the Xinhua list, CC-CEDICT and a reviewed list), misspelt idioms (克已奉公 "
              "for 克己奉公) and set phrases of official prose (真抓实干; policy terms and free phrases are not "
              "counted). Half of a quoted slogan counts with the slogan, not as an idiom."),
    "slogan": ("引号中的口号、提法和《》中的文件名，按用途分类。",
               "Expressions in quotation marks and document titles in 《》, classed by use."),
    "formula": ("“六稳”“十四五”这类以数字概括的提法：由数词语法和提法知识库（{n} 条，附释义及在全国政府工作报告中"
                "的起止年份）识别；“依据”一栏说明每一处由哪条规则或哪份词表计入。",
                "Numbered formulas such as 六稳 or 十四五, found by a numeral grammar and a knowledge base of {n} "
                "formulas (with glosses and the years the national reports used them); the Counted by column says "
                "which rule or list counted each occurrence."),
    "pattern": ("AABB、ABAC 等四字格式与“真抓实干”式的固定框架。",
                "Four-character templates (AABB, ABAC) and named frames such as 真A实B."),
    "parallel": ("排比：同首或同尾的并列短语、“一是…二是…”式列举和“第一…第二…”式分节。",
                 "Parallel runs: clauses sharing an opening or an ending, 一是…二是… enumerations and "
                 "第一…第二… sections."),
    "ngram": ("在同一篇讲话中至少重复两次的词语组合（2–4 个词），未被词典收录的固定搭配。",
              "Word sequences (2–4 words) repeated at least twice within a speech: set phrases no lexicon knows."),
}

#: PALETTE order for classes: yellow last, since it is hard to read on white.
_CLASS_ORDER = (0, 1, 2, 3, 4, 5, 7, 6)
COLOR_NAMES = {"#0072B2": ("蓝", "blue"), "#E69F00": ("橙", "orange"), "#009E73": ("蓝绿", "bluish green"),
               "#CC79A7": ("紫红", "reddish purple"), "#56B4E9": ("天蓝", "sky blue"),
               "#D55E00": ("朱红", "vermilion"), "#F0E442": ("黄", "yellow"), "#000000": ("黑", "black")}


def kind_howto(kind: str) -> str:
    """How a phrase type is found, with the size of its knowledge base as it is now."""
    zh, en = KIND_HOWTO[kind]
    if kind == "formula":
        n = len(load_knowledge_base())
        zh, en = zh.format(n=n), en.format(n=n)
    return tr(zh, en)


def kind_label(kind: str) -> str:
    return tr(*KIND_LABELS[kind])


def class_label(cls: str) -> str:
    """A class in the UI language; template names (AABB, 真A实B) are shown as they are."""
    return tr(*CLASS_LABELS[cls]) if cls in CLASS_LABELS else cls


def source_label(source: str) -> str:
    """Why a match was counted (its list or grammar rule), in the UI language."""
    return tr(*SOURCE_LABELS[source]) if source in SOURCE_LABELS else source


def class_colors(classes: Sequence[str]) -> dict[str, str]:
    """One palette colour per class, in the order given."""
    return {c: charts.PALETTE[_CLASS_ORDER[i % len(_CLASS_ORDER)]] for i, c in enumerate(classes)}


def color_name(color: str) -> str:
    return tr(*COLOR_NAMES[color]) if color in COLOR_NAMES else color


# --- cached detection ------------------------------------------------------------------------------------------

def ngram_ranking(speeches: Sequence[Speech], lexicon: Lexicon, *, measure: str, min_freq: int,
                  min_docs: int) -> pd.DataFrame:
    return data.ngram_ranking(speeches, lexicon, measure=measure, min_freq=min_freq, min_docs=min_docs)


def available(kind: str) -> bool:
    """Whether the detector module of ``kind`` can be imported."""
    try:
        phrase_registry.detector(kind)
    except ImportError:
        return False
    return True


def kind_matches(speeches: Sequence[Speech], kind: str, lexicon: Lexicon) -> dict[int, tuple[PhraseMatch, ...]]:
    """The matches of one kind per speech id, from the caches."""
    return {sp.id: data.phrases(sp, kind, lexicon) for sp in speeches}


def present_classes(matches: dict[int, Sequence[PhraseMatch]]) -> list[str]:
    """Classes found, in first-seen order."""
    seen: dict[str, None] = {}
    for ms in matches.values():
        for m in ms:
            seen.setdefault(m.cls, None)
    return list(seen)


# --- the tab ---------------------------------------------------------------------------------------------------

def kind_selector(name: str, *, label: str | None = None, options: Sequence[str] = KINDS) -> str:
    """A phrase-type selector; the raw kind (``slogan``) is kept in the URL under ``name``."""
    return state.choice(st.segmented_control, label or tr("提法类型", "Phrase type"), options, name=name,
                        default=options[0], required=True, format_func=kind_label)


def phrases_panel(ctx: Ctx) -> None:
    """Counts, density, the speech × item matrix and every occurrence of one phrase type."""
    st.subheader(tr("提法", "Phrases"))
    st.caption(tr("先选提法类型，再按类别和最低频次筛选；柱状图按讲话着色，矩阵显示各讲话共有和独有的提法，"
                  "明细表列出每一处出现及其上下文。",
                  "Pick a phrase type, then narrow by class and minimum count; bars are coloured by speech, the "
                  "matrix shows which items the speeches share and which only one uses, and the table lists "
                  "every occurrence in context."))
    kind = kind_selector("ph_kind")
    st.caption(kind_howto(kind))
    if not available(kind):
        st.info(tr(f"“{kind_label(kind)}”的识别模块暂不可用。",
                   f"The {kind_label(kind)} detector is not available yet."))
        return
    with st.spinner(tr("正在识别提法…", "Finding phrases…")):
        every = kind_matches(ctx.all_speeches, kind, ctx.lexicon)
    options = present_classes(every)
    # Placeholder-only quotes are listed when asked for, but left out of counts and rankings by default.
    default = [c for c in options if not (kind == "slogan" and c == "masked")] or options
    classes = state.choice(st.multiselect, tr("类别", "Classes"), options, name=f"ph_cls_{kind}", default=default,
                           multi=True, format_func=class_label,
                           help=tr("只显示所选类别的提法", "Show only phrases of these classes"))
    c2, c3 = st.columns(2)
    min_count = c2.slider(tr("最低频次", "Minimum count"), 1, 20, 1, key="ph_min", bind="query-params",
                          help=tr("一个提法在所选讲话中合计出现的最少次数",
                                  "How often an item must occur over the selected speeches"))
    value = state.choice(c3.radio, tr("柱高", "Bar height"), ["count", "density"], name="ph_value",
                         default="count", horizontal=True,
                         format_func=lambda v: tr("次数", "Count") if v == "count"
                         else tr("每千汉字", "Per 1,000 Han chars"),
                         help=tr("密度 = 出现次数 ÷ 讲话汉字数 × 1000，便于比较长短不一的讲话",
                                 "Density = occurrences ÷ Han characters of the speech × 1,000, so long and short "
                                 "speeches compare fairly"))
    speeches = ctx.speeches
    occ = occurrence_table(speeches, {sp.id: every[sp.id] for sp in speeches})
    occ = filter_occurrences(occ, classes=classes, min_count=min_count)
    if occ.empty:
        st.info(tr("所选讲话中没有符合筛选条件的提法。请放宽类别或最低频次。",
                   "No phrases in the selected speeches match the filters. Loosen the classes or the minimum "
                   "count."))
    else:
        _summary(occ, speeches)
        _variants(occ)
        _bars(occ, speeches, value=value, kind=kind, names=ctx.legend)
        _matrix(occ, speeches, value=value, names=ctx.names)
        _occurrences(occ, kind=kind)
    if kind == "ngram":
        _ngram_ranking(speeches, ctx.lexicon, classes=classes, min_count=min_count)


def _summary(occ: pd.DataFrame, speeches: Sequence[Speech]) -> None:
    matrix = item_matrix(occ, [sp.id for sp in speeches])
    cols = st.columns(4)
    cols[0].metric(tr("出现次数", "Occurrences"), len(occ),
                   help=tr("所选讲话中符合筛选条件的全部出现", "Every matching occurrence in the selected speeches"))
    cols[1].metric(tr("不同提法", "Distinct items"), len(matrix),
                   help=tr("按规范形式计：误写的成语计入其正确写法",
                           "Counted by canonical form: a misspelt idiom counts under its correct form"))
    cols[2].metric(tr("全部共有", "Shared by all"), int((matrix["status"] == SHARED).sum()),
                   help=tr("在每一篇所选讲话中都出现的提法（至少选两篇）",
                           "Items found in every selected speech (with two or more selected)"))
    cols[3].metric(tr("仅见于一篇", "In one speech only"), int((matrix["status"] == UNIQUE).sum()),
                   help=tr("只在一篇所选讲话中出现的提法", "Items found in just one of the selected speeches"))


def _variants(occ: pd.DataFrame) -> None:
    var = variant_table(occ)
    if var.empty:
        return
    st.warning(tr(f"发现 {int(var['count'].sum())} 处误写的成语（误写 → 正确写法）：",
                  f"{int(var['count'].sum())} misspelt idioms found (misspelling → correct form):"))
    shown = pd.DataFrame({
        tr("误写 → 正确写法", "Misspelling → correct form"): var["variant"] + " → " + var["canonical"],
        tr("讲话", "Speeches"): var["speeches"].map(lambda ids: "、".join(charts.short_label(i) for i in ids)),
        tr("次数", "Count"): var["count"]})
    table(shown.style.set_properties(**{"background-color": "#FCE8D5"}), key="ph_variants",
          file_stem="misspelt_idioms")


def _bars(occ: pd.DataFrame, speeches: Sequence[Speech], *, value: str, kind: str, names: dict[int, str]) -> None:
    labels = {c: class_label(c) for c in occ["cls"].unique()}
    total = tr("合计", "All classes")
    long = class_counts(occ, speeches, total_label=total, labels=labels)
    order = list(dict.fromkeys(long["term"]))
    y_label = tr("次数", "Occurrences") if value == "count" else tr("每千汉字", "Per 1,000 Han characters")
    fig = charts.grouped_bar(long, value=value, names=names, terms=order,
                             title=tr(f"各讲话的{kind_label(kind)}数量（按类别）",
                                      f"{kind_label(kind)} per speech, by class"),
                             x_label=tr("类别", "Class"), y_label=y_label)
    fig.update_layout(xaxis_tickangle=0)   # class labels are short
    chart(fig, key="ph_bars")


def _shorten(label: str, width: int = 18) -> str:
    return label if len(label) <= width else label[:width - 1] + "…"


def _matrix(occ: pd.DataFrame, speeches: Sequence[Speech], *, value: str, names: dict[int, str],
            top: int = 30) -> None:
    ids = [sp.id for sp in speeches]
    matrix = item_matrix(occ, ids)
    st.markdown(tr("**讲话 × 提法矩阵**", "**Speech × item matrix**"))
    st.caption(tr(f"热力图显示合计最多的 {min(top, len(matrix))} 个提法；下表列出全部提法及其在各讲话中的次数，"
                  "“分布”一列说明是全部共有还是只见于某一篇。",
                  f"The heatmap shows the {min(top, len(matrix))} most frequent items; the table below lists "
                  "every item with its count per speech, and the Spread column says whether all speeches share "
                  "it or only one uses it."))
    head = matrix.head(top)
    pivot = head.set_index("canonical")[ids].astype(float)
    if value == "density":
        han = {sp.id: count_han(sp.text) for sp in speeches}
        pivot = pivot.apply(lambda col: (1000 * col / han[col.name]).round(3) if han[col.name] else col * 0)
    short = {c: _shorten(c) for c in pivot.index}
    if len(set(short.values())) == len(short):
        pivot.index = [short[c] for c in pivot.index]
    value_label = tr("次数", "Count") if value == "count" else tr("每千汉字", "Per 1,000 Han chars")
    fig = charts.term_heatmap(pivot, names=names, title=tr("提法 × 讲话", "Item × speech"),
                              value_label=value_label)
    # "#1" would be read as the number 1 by Plotly's axis type guess; counts get whole-number ticks.
    fig.update_xaxes(type="category")
    if value == "count":
        fig.update_traces(colorbar_dtick=max(1, int(pivot.values.max()) // 5))
    chart(fig, key="ph_matrix")
    share = state.choice(st.radio, tr("显示", "Show"), ["all", SHARED, UNIQUE], name="ph_share", default="all",
                         horizontal=True, format_func=lambda v: {"all": tr("全部提法", "All items"),
                                                                 SHARED: tr("全部共有", "Shared by all"),
                                                                 UNIQUE: tr("仅见于一篇", "In one speech only")}[v])
    if share != "all":
        matrix = matrix[matrix["status"] == share]
    if matrix.empty:
        st.info(tr("没有这样的提法。", "No such items."))
        return

    def spread(row) -> str:
        if row["status"] == SHARED:
            return tr("全部共有", "Shared by all")
        if row["status"] == UNIQUE:
            return tr(f"仅见于 {charts.short_label(row['only'])}", f"Only in {charts.short_label(row['only'])}")
        return tr(f"{row['speeches']} 篇共有", f"In {row['speeches']} speeches")
    shown = pd.DataFrame({tr("提法", "Item"): matrix["canonical"], tr("类别", "Class"): matrix["cls"].map(class_label)})
    for sid in ids:
        shown[charts.short_label(sid)] = matrix[sid].astype(int).to_numpy()
    shown[tr("合计", "Total")] = matrix["total"].astype(int).to_numpy()
    shown[tr("讲话数", "Speeches")] = matrix["speeches"].astype(int).to_numpy()
    shown[tr("分布", "Spread")] = matrix.apply(spread, axis=1).to_numpy()
    table(shown, key="ph_items", file_stem="phrase_matrix",
          on_select=requests.kwic_on_select(shown, tr("提法", "Item"), "df_ph_items"))


def _occurrences(occ: pd.DataFrame, *, kind: str) -> None:
    st.markdown(tr("**全部出现**（可点击列名排序）", "**Every occurrence** (click a column header to sort)"))
    # Concordance order: the phrase between its left and right context.
    shown = pd.DataFrame({
        tr("讲话", "Speech"): occ["speech"], tr("左文", "Left context"): occ["left"],
        tr("提法", "Phrase"): occ["phrase"], tr("右文", "Right context"): occ["right"],
        tr("规范形式", "Canonical"): occ["canonical"], tr("类别", "Class"): occ["cls"].map(class_label)})
    if occ["note"].astype(bool).any():
        shown[tr("成员", "Members") if kind in ("parallel", "ngram") else tr("释义", "Gloss")] = occ["note"]
    if occ["source"].astype(bool).any():
        shown[tr("依据", "Counted by")] = occ["source"].map(source_label)
    shown[tr("位置", "Offset")] = occ["start"]
    table(shown, key="ph_occ", file_stem=f"phrases_{kind}",
          column_config={tr("左文", "Left context"): st.column_config.TextColumn(alignment="right"),
                         tr("提法", "Phrase"): st.column_config.TextColumn(width="medium"),
                         tr("位置", "Offset"): st.column_config.NumberColumn(
                             help=tr("在规范化正文中的字符位置", "Character offset in the normalised text"))})


def _ngram_ranking(speeches: Sequence[Speech], lexicon: Lexicon, *, classes: Sequence[str], min_count: int) -> None:
    from analysis.phrases.ngrams import MEASURES
    st.markdown(tr("**全部所选讲话的高频短语排名**", "**Ranking over all selected speeches**"))
    measure_help = tr(
        "PMI（点互信息，单位比特）：短语的实际频率与各词独立出现时预期频率之比的对数，越高说明词语越“粘”在一起，"
        "但偏爱少见词。G²（对数似然比）：检验首词与其余部分是否独立，兼顾频率，数值越大越可靠。",
        "PMI (pointwise mutual information, in bits): log of how much more often the words occur together than "
        "if they were independent; higher means the words stick together, but it favours rare words. G² "
        "(log-likelihood ratio): tests whether the first word and the rest are independent; it weighs in "
        "frequency, so larger values are more reliable.")
    c1, c2 = st.columns(2)
    # G² by default: PMI puts one-off rarities first on a corpus this small.
    measure = c1.radio(tr("关联度量", "Association measure"), list(MEASURES), index=list(MEASURES).index("llr"),
                       key="ph_measure", bind="query-params", horizontal=True,
                       format_func=lambda m: {"pmi": "PMI", "llr": "G²"}.get(m, m), help=measure_help)
    if len(speeches) > 1:
        min_docs = c2.slider(tr("至少出现在几篇讲话中", "Found in at least N speeches"), 1, len(speeches),
                             min(2, len(speeches)), key="ph_docs", bind="query-params")
    else:
        min_docs = 1
    min_freq = max(2, min_count)
    st.caption(tr(f"只列出合计至少出现 {min_freq} 次、至少见于 {min_docs} 篇讲话的 2–4 词组合，按所选度量排序。",
                  f"Only 2–4 word sequences occurring at least {min_freq} times in all and in at least {min_docs} "
                  "speeches, ranked by the chosen measure."))
    with st.spinner(tr("正在计算排名…", "Ranking…")):
        rank = ngram_ranking(speeches, lexicon, measure=measure, min_freq=min_freq, min_docs=min_docs)
    sizes = {int(c[0]) for c in classes if c[:1].isdigit()}
    rank = rank[rank["n"].isin(sizes)]
    if rank.empty:
        st.info(tr("没有符合条件的短语。", "No word sequences meet these conditions."))
        return
    score = tr("得分", "Score")
    shown = pd.DataFrame({tr("短语", "Phrase"): rank["ngram"], tr("分词", "Words"): rank["tokens"],
                          tr("词数", "Words in phrase"): rank["n"], tr("频次", "Count"): rank["freq"],
                          tr("独立出现", "Independent"): rank["independent"],
                          tr("讲话数", "Speeches"): rank["docs"], score: rank["score"]})
    table(shown, key="ph_rank", file_stem=f"ngram_ranking_{measure}",
          on_select=requests.kwic_on_select(shown, tr("短语", "Phrase"), "df_ph_rank"),
          column_config={score: st.column_config.NumberColumn(help=measure_help, format="%.3f"),
                         tr("独立出现", "Independent"): st.column_config.NumberColumn(
                             help=tr("不在与前面讲话共享的段落中的出现次数：复制的文字算复用，不算复现",
                                     "Occurrences outside passages shared with an earlier speech: copied text is "
                                     "reuse, not recurrence"))})
