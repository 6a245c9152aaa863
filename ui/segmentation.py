"""The segmentation view: one passage with its token boundaries and tags, lexicon words highlighted, and two
one-click fixes that go into the sidebar's custom words: keep adjacent tokens as one word, or split one token."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from analysis.text.inspect import find_passage, joined, passage_tokens, split_choices
from analysis.text.lexicon import SPLIT_MARK
from ui import data, sidebar
from ui.context import Ctx
from ui.i18n import plain, tr, select_all

VIEW = ("分词", "Segmentation")
_FLASH = "_seg_added"


def _token_html(tokens, *, lexicon_label: str, skipped_label: str) -> str:
    boxes = []
    for t in tokens:
        if t.text == "\n":
            boxes.append('<span class="tl-br"></span>')
            continue
        cls = "tl-tok" + (" tl-lex" if t.in_lexicon else "") + ("" if t.countable else " tl-skip")
        tag = html.escape(t.tag) if t.countable else ""
        boxes.append(f'<span class="{cls}" title="#{t.index}"><span class="tl-w">{html.escape(t.text)}</span>'
                     f'<span class="tl-tag">{tag or "&nbsp;"}</span></span>')
    css = ('<style>.tl-seg{line-height:1.2;font-size:1.05rem}.tl-tok{display:inline-flex;flex-direction:column;'
           'align-items:center;border:1px solid #9bb8d3;border-radius:4px;padding:1px 4px;margin:2px 1px}'
           '.tl-tag{font-size:.68rem;color:#56708a}.tl-lex{background:#FFF1C2;border-color:#E69F00}'
           '.tl-skip{border-color:#ddd;color:#999}.tl-br{display:block}.tl-key{font-size:.85rem;color:#555;'
           'margin-bottom:.4rem}.tl-key span{margin-right:1rem}</style>')
    key = (f'<div class="tl-key"><span class="tl-tok tl-lex"><span class="tl-w">{html.escape(lexicon_label)}</span>'
           f'</span><span class="tl-tok tl-skip"><span class="tl-w">{html.escape(skipped_label)}</span></span></div>')
    return css + key + '<div class="tl-seg">' + "".join(boxes) + "</div>"


def _add_rule(entry: str) -> None:
    sidebar.add_custom_words([entry])
    st.session_state[_FLASH] = entry
    st.session_state["seg_pick"] = []     # the token indexes change with the new segmentation


def segmentation_panel(ctx: Ctx) -> None:
    """A passage of one speech as the segmenter cut it; adjacent tokens can be kept as one word."""
    st.subheader(tr("分词检查", "Segmentation"))
    st.caption(tr("每个方框是分词得到的一个词，下方小字是词性标注；黄色是分词词典中的词（政治术语或自定义词），灰色的不计数"
                  "（标点、数字、匿名占位符）。分错的词：选中相邻的几个方框，点击“保持为一个词”；或只选中一个方框，选好拆分位置，点击"
                  "“在此拆开”。改动会加入侧栏的自定义词并重新分词。",
                  "Each box is one token as the segmenter cut it, with its part-of-speech tag below; yellow ones come "
                  "from the lexicon (political terms or your custom words), grey ones are not counted (punctuation, "
                  "numbers, placeholders). To fix a word that was split, pick the adjacent tokens and click ‘Keep as "
                  "one word’; to split a token, pick it alone, choose where and click ‘Split here’. The fix goes "
                  "into the custom words in the sidebar and the text is segmented again."))
    if entry := st.session_state.pop(_FLASH, None):
        st.success(tr(f"已把“{plain(entry)}”加入自定义词并重新分词。", f"Added {plain(entry)} to the custom words; "
                      "the text was segmented again."))
    ids = [sp.id for sp in ctx.speeches]
    c1, c2, c3 = st.columns([2, 3, 1.4])
    sid = c1.selectbox(tr("讲话", "Speech"), ids, format_func=ctx.names.get, key="seg_sp")
    find = c2.text_input(tr("段落中的文字", "Text in the passage"), key="seg_find",
                         placeholder=tr("例如：放管服（留空则显示第一句）", "e.g. 放管服 (empty: the first sentence)"))
    n = c3.number_input(tr("句数", "Sentences"), 1, 5, 1, key="seg_n")
    speech = next(sp for sp in ctx.speeches if sp.id == sid)
    seg = data.segmentation(speech, ctx.lexicon)
    start, end = find_passage(speech.text, find.strip(), sentences=int(n))
    if find.strip() and find.strip() not in speech.text:
        st.info(tr(f"这篇讲话中没有“{plain(find)}”，显示的是第一句。",
                   f"{plain(find)} does not occur in this speech; the first sentence is shown."))
    tokens = passage_tokens(seg, start, end, ctx.lexicon.terms)
    st.html(_token_html(tokens, lexicon_label=tr("词典中的词", "lexicon word"),
                        skipped_label=tr("不计数", "not counted")))
    words = {t.index: t for t in tokens if t.text.strip()}
    pick = st.multiselect(tr("选择相邻的词", "Pick adjacent tokens"), list(words),
                          format_func=lambda i: words[i].text, key="seg_pick", select_all=select_all(),
                          placeholder=tr("例如：全面、部署", "e.g. 全面, 部署"))
    word = joined(tokens, pick)
    b1, b2, b3 = st.columns([2, 2, 2], vertical_alignment="bottom")
    b1.button(tr(f"保持为一个词：{word}", f"Keep as one word: {word}") if word else tr("保持为一个词", "Keep as one word"),
              key="seg_keep", disabled=not word, on_click=_add_rule, args=(word,),
              help=tr("选中的词必须相邻且至少两个", "Pick at least two adjacent tokens"))
    single = words[pick[0]].text if len(pick) == 1 and pick[0] in words else ""
    choices = split_choices(single)
    if st.session_state.get("seg_split_at") not in (choices or [None]):
        # A new token was picked: offer the cut in its middle (全面 | 部署, 高质量 | 发展), the usual fix.
        st.session_state["seg_split_at"] = choices[len(choices) // 2] if choices else None
    at = b2.selectbox(tr("拆分位置", "Split at"), choices, key="seg_split_at", disabled=not choices,
                      format_func=lambda r: r.replace(SPLIT_MARK, " | "),
                      placeholder=tr("只选中一个词", "Pick one token"))
    rule = at if at and choices else ""
    shown = rule.replace(SPLIT_MARK, " / ")
    b3.button(tr(f"在此拆开：{shown}", f"Split here: {shown}") if rule else tr("在此拆开", "Split here"),
              key="seg_split", disabled=not rule, on_click=_add_rule, args=(rule,),
              help=tr("只选中一个至少两个字的词，再选拆分位置", "Pick one token of two or more characters, then where "
                      "to split it"))
    table = pd.DataFrame([{tr("序号", "No."): t.index, tr("词", "Token"): t.text, tr("词性", "Tag"): t.tag,
                           tr("词典", "Lexicon"): t.in_lexicon, tr("计数", "Counted"): t.countable}
                          for t in tokens if t.text.strip()])
    st.dataframe(table, hide_index=True, key="seg_table", height=240)
