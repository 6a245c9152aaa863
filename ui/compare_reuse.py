"""Similarity & reuse: how alike the speeches are, which passages they share and what changed between two."""
from __future__ import annotations

from itertools import combinations

import pandas as pd
import streamlit as st

from analysis.charts import compare as compare_charts
from analysis.charts.words import short_label
from analysis.ingest.corpus import Speech
from analysis.compare.reuse import CHANGE_KINDS, PAIRWISE_MAX, DiffSegment, change_kind, is_change
from analysis.compare.similarity import FEATURES
from analysis.compare.versions import version_groups
from ui import data
from ui.context import Ctx
from ui.exports import chart, table
from ui import state
from ui.i18n import tr
from ui.data import _pair_detail, _pair_similarity, _reuse, _similarity, _top_pairs

FEATURE_LABELS = {"word": ("词语与相邻词对", "Words and word pairs"), "char": ("汉字二、三元组", "Han character 2–3-grams")}
#: Diff change types, with the background colour of their rows.
CHANGE_LABELS = {"equal": ("相同", "Same"), "replace": ("改写", "Reworded"), "delete": ("删去", "Dropped"),
                 "insert": ("新增", "Added"), "masked": ("遮盖", "Masked")}
CHANGE_COLORS = {"equal": "", "replace": "#FFF1C2", "delete": "#FAD4D4", "insert": "#D5F2DC", "masked": "#E4DAFB"}
#: Two speeches whose shared passages cover at least this share of both are called versions of one speech.
CONTEXT_CHARS = 12


def _corpus_key(speeches: list[Speech]) -> tuple:
    return tuple((sp.id, sp.digest) for sp in speeches)


def _shown(text: str) -> str:
    return text.replace("\n", "¶")


def diff_rows(segments: list[DiffSegment], text_a: str, *, changes_only: bool) -> pd.DataFrame:
    """One row per diff segment: offset in A, the text before it, A text, B text and the change type.

    With ``changes_only``, equal segments and changes of line breaks alone are left out.
    """
    rows = []
    for s in segments:
        op = change_kind(s)
        if changes_only and not is_change(s):
            continue
        before = text_a[max(0, s.a_start - CONTEXT_CHARS):s.a_start]
        rows.append((s.a_start, _shown(before), _shown(s.text_a), _shown(s.text_b), op))
    return pd.DataFrame(rows, columns=["offset", "before", "text_a", "text_b", "op"])


def similarity_panel(ctx: Ctx) -> None:
    """Similarity heatmap, reuse heatmap and table, then one pair: shared passages and a side-by-side diff."""
    st.subheader(tr("相似与复用", "Similarity & reuse"))
    st.caption(tr("相似度是 TF-IDF 向量的余弦（0–1，越大越像）；复用率是一篇讲话中与另一篇共享的段落所占汉字比例"
                  "（行讲话相对于列讲话）。复用率接近 1 的讲话是同一篇讲话的不同版本。",
                  "Similarity is the cosine of TF-IDF vectors (0–1, higher is more alike); reuse is the share of a "
                  "speech's Han characters in passages it shares with another (row speech against column speech). "
                  "Reuse near 1 means two versions of one speech."))
    speeches = list(ctx.speeches)
    if len(speeches) < 2:
        st.info(tr("相似与复用需要至少两篇讲话，请在左侧多选几篇。",
                   "Similarity compares speeches: select at least two in the sidebar."))
        return
    c1, c2 = st.columns(2)
    features = state.choice(c1.radio, tr("相似度特征", "Similarity features"), FEATURES,
                            format_func=lambda f: tr(*FEATURE_LABELS[f]), name="sim_feat", default=FEATURES[0],
                        horizontal=True, help=tr("词语特征去掉左侧停用词；汉字元组不需要分词，对分词差异不敏感",
                                                 "Word features drop the sidebar stopwords; character n-grams need "
                                                 "no segmentation"))
    min_chars = c2.slider(tr("最短共享段落（汉字）", "Shortest shared passage (Han characters)"), 8, 60, 16,
                          key="sim_minchars", bind="query-params",
                          help=tr("短于此长度的相同文字不算复用", "Shorter identical stretches do not count as reuse"))
    key = _corpus_key(speeches)
    # Above a few dozen speeches an N × N heatmap is unreadable and aligning every pair too slow: candidate pairs
    # come from MinHash fingerprints of shared text, and only the top related pairs are aligned and listed.
    large = len(speeches) > PAIRWISE_MAX
    stop = tuple(sorted(ctx.settings.stopwords))
    with st.spinner(tr("正在比较讲话…", "Comparing the speeches…")):
        segs = {sp.id: data.segmentation(sp, ctx.lexicon) for sp in speeches} if features == "word" else None
        if large:
            pairs = _top_pairs(key, min_chars, tuple(speeches))
            sims = _pair_similarity(key + (ctx.lexicon.digest,), features, stop,
                                    tuple((p["a"], p["b"]) for p in pairs), tuple(speeches), segs)
        else:
            matrix = _similarity(key + (ctx.lexicon.digest,), features, stop, tuple(speeches), segs)
            pairs = _reuse(key, min_chars, tuple(speeches))
            sims = {(a, b): float(matrix.loc[a, b]) for a, b in combinations(matrix.index, 2)}
    ids = [sp.id for sp in speeches]
    if large:
        st.info(tr(f"共 {len(speeches)} 篇讲话：下面只列出共享文字最多的 {len(pairs)} 对（由共享文字的指纹找出并逐一对齐），"
                   "不再画每两篇之间的热图。",
                   f"{len(speeches)} speeches: listed below are the {len(pairs)} pairs that share the most text "
                   "(found from fingerprints of shared text, then aligned), instead of a heatmap of every pair."))
        if not pairs:
            st.caption(tr("没有两篇讲话共享文字。", "No two speeches share text."))
            return
    else:
        h1, h2 = st.columns(2)
        with h1:
            chart(compare_charts.similarity_heatmap(
                matrix, title=tr("相似度（TF-IDF 余弦）", "Similarity (TF-IDF cosine)"),
                colorbar_label=tr("相似度", "Similarity"), names=ctx.names), key="similarity")
        with h2:
            chart(compare_charts.reuse_heatmap(
                pairs, ids, title=tr("复用率：行讲话中与列讲话共享的比例", "Reuse: share of the row speech shared with "
                                                                   "the column speech"),
                colorbar_label=tr("复用率", "Reuse"), names=ctx.names), key="reuse")
    groups = version_groups(pairs)
    for g in groups:
        linked = [p for p in pairs if p["a"] in g and p["b"] in g]
        low = min(min(p["reuse_a"], p["reuse_b"]) for p in linked)
        names = tr("、", ", ").join(short_label(i) for i in g)
        st.success(tr(f"{names} 是同一篇讲话的不同版本：两两之间至少 {low:.0%} 的文字是共享段落。",
                      f"{names} are versions of one speech: at least {low:.0%} of each pair's text lies in "
                      "shared passages."))
    if not groups:
        st.caption(tr("没有两篇讲话共享一半以上的文字。", "No two speeches share more than half of their text."))

    cols = {"pair": tr("讲话对", "Pair"), "reuse_a": tr("A 复用率", "Reuse of A"),
            "reuse_b": tr("B 复用率", "Reuse of B"), "passages": tr("共享段落", "Shared passages"),
            "shared_chars": tr("共享汉字（A）", "Shared Han chars (A)"), "similarity": tr("相似度", "Similarity")}
    reuse_df = pd.DataFrame(pairs)
    reuse_df.insert(0, "pair", [f"{short_label(a)} – {short_label(b)}" for a, b in zip(reuse_df["a"], reuse_df["b"])])
    reuse_df["similarity"] = [round(sims[(a, b)], 3) for a, b in zip(reuse_df["a"], reuse_df["b"])]
    reuse_df = reuse_df.assign(_max=reuse_df[["reuse_a", "reuse_b"]].max(axis=1)) \
        .sort_values(["_max", "a", "b"], ascending=[False, True, True])
    shown = reuse_df[list(cols)].rename(columns=cols).reset_index(drop=True)
    st.markdown(tr("**复用表**（按复用率排序）", "**Reuse table** (highest reuse first)"))
    share_help = tr("该讲话的汉字中落在共享段落里的比例", "Share of this speech's Han characters inside shared passages")
    table(shown, key="reuse", file_stem="reuse", column_config={
        cols["reuse_a"]: st.column_config.NumberColumn(format="percent", help=share_help),
        cols["reuse_b"]: st.column_config.NumberColumn(format="percent", help=share_help),
        cols["similarity"]: st.column_config.NumberColumn(format="%.3f", help=tr(
            "TF-IDF 余弦相似度（当前所选特征）", "TF-IDF cosine similarity (features chosen above)"))})

    st.divider()
    pair_keys = [f"{p['a']}-{p['b']}" for p in pairs] if large else [f"{a}-{b}" for a, b in combinations(ids, 2)]
    best = f"{reuse_df.iloc[0]['a']}-{reuse_df.iloc[0]['b']}"
    pick = st.selectbox(tr("查看一对讲话", "Look at one pair"), pair_keys, index=pair_keys.index(best),
                        format_func=lambda k: " – ".join(ctx.names[int(x)] for x in k.split("-")),
                        key="sim_pair", bind="query-params")
    if pick is None:
        return
    a_id, b_id = (int(x) for x in pick.split("-"))
    sp = {s.id: s for s in speeches}
    a, b = sp[a_id], sp[b_id]
    with st.spinner(tr("正在对齐文本…", "Aligning the texts…")):
        passages, segments, summary = _pair_detail(a.digest, b.digest, min_chars, a.text, b.text)
    la, lb = short_label(a_id), short_label(b_id)
    m = st.columns(5)
    m[0].metric(tr(f"{la} 未改动", f"{la} unchanged"),
                f"{summary['equal_han_a'] / max(summary['han_a'], 1):.0%}",
                help=tr(f"{la} 的汉字中在差异比较里保持不变的比例", f"Share of {la}'s Han characters left unchanged"))
    # Cards and the caption above the side-by-side table count the same changes (one diff_summary).
    m[1].metric(tr("改写", "Reworded"), summary["replacements"],
                help=tr("逐字比较中被改写的片段数（不含遮盖）", "Stretches reworded in the character diff (masking aside)"))
    m[2].metric(tr("删去", "Dropped"), tr(f"{summary['deletions']} 处 · {summary['dropped_sentences']} 句",
                                         f"{summary['deletions']} ({summary['dropped_sentences']} sentences)"),
                help=tr(f"{la} 有而 {lb} 没有的片段数，及其中的整句数（超过 8 个汉字的片段）",
                        f"Stretches of {la} missing from {lb}, and the sentences in them (stretches over 8 Han "
                        "characters)"))
    m[3].metric(tr("新增", "Added"), tr(f"{summary['insertions']} 处 · {summary['added_sentences']} 句",
                                       f"{summary['insertions']} ({summary['added_sentences']} sentences)"),
                help=tr(f"{lb} 新增的片段数，及其中的整句数（超过 8 个汉字的片段）",
                        f"Stretches new in {lb}, and the sentences in them (stretches over 8 Han characters)"))
    m[4].metric(tr("遮盖", "Masked"), summary["masked"],
                help=tr("一边是人名地名、另一边是占位符（X、×、*）的替换",
                        "Replacements where one side is a name and the other a placeholder (X, ×, *)"))

    st.markdown(tr(f"**共享段落**：{len(passages)} 段", f"**Shared passages**: {len(passages)}"))
    if passages:
        pcols = {"a_start": tr(f"{la} 位置", f"Offset in {la}"), "units": tr("长度（汉字）", "Length (Han chars)"),
                 "text_a": tr(f"{la} 原文", f"{la} text"), "text_b": tr(f"{lb} 原文", f"{lb} text")}
        pdf = pd.DataFrame([p.to_dict() for p in passages])
        pdf = pdf.assign(text_a=pdf["text_a"].map(_shown), text_b=pdf["text_b"].map(_shown))
        table(pdf[list(pcols)].rename(columns=pcols), key="passages", file_stem=f"passages_{a_id}_{b_id}")
    else:
        st.info(tr(f"{la} 与 {lb} 没有长度达到 {min_chars} 个汉字的共享段落。",
                   f"{la} and {lb} share no passage of {min_chars} Han characters or more."))

    st.markdown(tr("**逐句对照**：左为 A，右为 B，颜色表示改动类型", "**Side by side**: A left, B right, coloured by change"))
    changes_only = st.toggle(tr("只看改动", "Changes only"), value=True, key="sim_changes", bind="query-params",
                             help=tr("隐藏相同的文字和仅换行不同之处", "Hides unchanged text and line-break-only changes"))
    rows = diff_rows(segments, a.text, changes_only=changes_only)
    if rows.empty:
        st.info(tr("两篇文字没有改动。", "The two texts do not differ."))
        return
    st.caption(tr("“¶”表示换行。遮盖：一边是名称、另一边是匿名占位符。",
                  "“¶” marks a line break. Masked: a name on one side, an anonymisation placeholder on the other.")
               + " " + tr("；", "; ").join(f"{tr(*CHANGE_LABELS[op])}: {summary[key]}"
                                  for op, key in zip(CHANGE_KINDS, ("replacements", "deletions", "insertions",
                                                                    "masked")) if summary[key]))
    dcols = {"offset": tr(f"{la} 位置", f"Offset in {la}"), "before": tr("前文", "Before"),
             "text_a": tr(f"{la}（A）", f"{la} (A)"), "text_b": tr(f"{lb}（B）", f"{lb} (B)"),
             "op": tr("改动类型", "Change")}
    colors = list(rows["op"].map(CHANGE_COLORS))
    view = rows.assign(op=rows["op"].map(lambda o: tr(*CHANGE_LABELS[o]))).rename(columns=dcols)
    styler = view.style.apply(lambda col: [f"background-color: {c}" if c else "" for c in colors], axis=0,
                              subset=[dcols["text_a"], dcols["text_b"], dcols["op"]])
    table(styler, key="diff", file_stem=f"diff_{a_id}_{b_id}", column_config={
        dcols["before"]: st.column_config.TextColumn(alignment="right", help=tr(
            f"{la} 中紧挨在改动前的 {CONTEXT_CHARS} 个字", f"The {CONTEXT_CHARS} characters of {la} before the change"))})
