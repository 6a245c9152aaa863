"""The sidebar: every filter, the stopword editor and custom words. Settings are mirrored in the URL."""
from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from analysis.errors import InputError
from analysis.ingest.labels import speech_id_from_label, speech_labels
from analysis.text.lexicon import split_rule
from analysis.text.segment import POS_GROUPS
from analysis.text.stopwords import (BUILTIN_LISTS, decode_stopword_file, format_stopwords, lists_in,
                                     parse_stopwords)
from ui import data
from ui import state
from ui.i18n import LANGS, lang, plain, tr, select_all

POS_LABELS = {"noun": ("名词", "Nouns"), "verb": ("动词", "Verbs"), "adjective": ("形容词", "Adjectives"),
              "idiom": ("成语·习语", "Idioms & set phrases"), "other": ("其他", "Other")}
LIST_LABELS = {"general": ("通用虚词", "General function words"),
               "officialese": ("公文套话", "Officialese filler")}


@dataclass
class Settings:
    speech_ids: list[int]
    min_len: int
    min_count: int
    top_n: int
    pos: list[str]
    per_10k: bool
    stopwords: frozenset[str]
    custom_words: list[str] = field(default_factory=list)

    @property
    def value(self) -> str:
        return "per_10k" if self.per_10k else "count"


# --- stopword editor state -------------------------------------------------------------------------------------
# The editor shows the active list. Edits are remembered as words added to / removed from the picked built-in
# lists, so switching a list on or off keeps the user's own edits, and the URL stays short (sw_add / sw_del).

def _active_lists() -> list[str]:
    """The picked base lists: the widget's value during its callback, else the last published value."""
    return st.session_state.get(f"lists.{lang()}", state.current("lists", ["general"]))


def _list_union(names) -> list[str]:
    words: dict[str, None] = {}
    for n in names:
        for w in data.builtin_stopwords(n):
            words.setdefault(w, None)
    return list(words)


def _compose_text() -> str:
    base = _list_union(_active_lists())
    removed = set(st.session_state.get("_sw_del", []))
    words = [w for w in base if w not in removed]
    words += [w for w in st.session_state.get("_sw_add", []) if w not in set(words)]
    return format_stopwords(words)


def _on_lists_change() -> None:
    st.session_state["stop_text"] = _compose_text()


def _on_text_change() -> None:
    try:
        words = parse_stopwords(st.session_state.get("stop_text", ""))
    except InputError as exc:
        st.session_state["_sw_error"] = exc   # shown in the language of the rerun that draws it
        return
    base = _list_union(_active_lists())
    base_set, word_set = set(base), set(words)
    st.session_state["_sw_add"] = [w for w in words if w not in base_set]
    st.session_state["_sw_del"] = [w for w in base if w not in word_set]
    _sync_stop_url()


def _sync_stop_url() -> None:
    for key, state_key in (("sw_add", "_sw_add"), ("sw_del", "_sw_del")):
        vals = st.session_state.get(state_key, [])
        if vals:
            st.query_params[key] = vals
        elif key in st.query_params:
            del st.query_params[key]


def _on_upload() -> None:
    up = st.session_state.get("stop_upload")
    if up is None:
        return
    try:
        words = decode_stopword_file(up.getvalue(), name=up.name)
    except InputError as exc:
        st.session_state["_sw_error"] = exc
        return
    added = list(st.session_state.get("_sw_add", []))
    current = set(parse_stopwords(st.session_state.get("stop_text", "")))
    added += [w for w in words if w not in current and w not in added]
    st.session_state["_sw_add"] = added
    st.session_state["_sw_del"] = [w for w in st.session_state.get("_sw_del", []) if w not in set(words)]
    st.session_state["stop_text"] = _compose_text()
    st.session_state["_sw_info"] = (len(words), up.name)
    _sync_stop_url()


def set_stopwords(words: list[str]) -> None:
    """Make ``words`` the active stopword list (e.g. one loaded from the library). Call from a widget callback,
    before the sidebar is drawn."""
    # The base-list chips follow the loaded list: a list whose words it lacks is switched off (its words are not
    # active, so its chip must not claim they are), one whose words it holds is switched on.
    lists = lists_in(words, {n: data.builtin_stopwords(n) for n in BUILTIN_LISTS})
    st.session_state[f"lists.{lang()}"] = lists
    state.publish("lists", lists, default=["general"])
    st.session_state["stop_text"] = format_stopwords(words)
    _on_text_change()


def add_custom_words(words: list[str]) -> None:
    """Add ``words`` to the custom words (e.g. from the segmentation view): a word such as ``全面部署`` is kept whole
    in segmentation, a rule such as ``全面/部署`` cuts that token there. An entry replaces any earlier entry for the
    same word, whole or split, so the list never holds both. Call from a widget callback, before the sidebar is
    drawn."""
    current = parse_stopwords(st.session_state.get("words", "") or "")
    new = [w for w in words if w]
    replaced = {_joined_word(w) for w in new}
    kept = [w for w in current if _joined_word(w) not in replaced]
    if kept + new != current:
        st.session_state["words"] = "\n".join(kept + new)


def _joined_word(entry: str) -> str:
    rule = split_rule(entry)
    return rule[0] if rule else entry


def _init_stop_state() -> None:
    if "stop_text" in st.session_state:
        return
    st.session_state["_sw_add"] = st.query_params.get_all("sw_add")
    st.session_state["_sw_del"] = st.query_params.get_all("sw_del")
    st.session_state["stop_text"] = _compose_text()


def _init_speech_selection(options: list[int]) -> None:
    """The speech selection (``sp``, ids) from the URL on a first visit, else kept, and always valid.

    The URL holds speech numbers (``?sp=1&sp=3``); an old link holding full labels (``3 · 在市…的讲话``) still
    opens on the same speeches. No ``sp`` means every speech, an empty ``sp=`` none."""
    if "sp" not in st.session_state:
        if "sp" in st.query_params:
            wanted = [speech_id_from_label(v) for v in st.query_params.get_all("sp") if v not in ("", "none")]
            st.session_state["sp"] = [i for i in options if i in set(wanted)]
        else:
            st.session_state["sp"] = list(options)
    else:
        st.session_state["sp"] = [i for i in st.session_state["sp"] if i in set(options)]


def _publish_speech_selection(ids: list[int], options: list[int]) -> None:
    if ids == options:
        if "sp" in st.query_params:
            del st.query_params["sp"]
        return
    encoded = [str(i) for i in ids] or ["none"]
    if st.query_params.get_all("sp") != encoded:
        st.query_params["sp"] = encoded


def render(speeches, *, sources=None) -> Settings:
    """Draw the sidebar for ``speeches`` and return the settings it holds; ``sources(sidebar)``, if given, draws
    the choice of which speeches are loaded just above the speech selection."""
    sb = st.sidebar
    if "lang" not in st.session_state:                 # ?lang=en, ?lang=zh (or the labels) pick the language
        wanted = st.query_params.get("lang", "zh")
        st.session_state["lang"] = next((c for c, label in LANGS.items() if wanted in (c, label)), "zh")
    code = sb.radio("语言 / Language", list(LANGS), format_func=LANGS.get, key="lang", horizontal=True)
    if code == "zh":
        st.query_params.pop("lang", None)
    elif st.query_params.get("lang") != code:
        st.query_params["lang"] = code
    names = speech_labels(speeches)
    sb.header(tr("筛选", "Filters"))
    if sources is not None:
        sources(sb)
    _init_speech_selection(list(names))
    ids = sb.multiselect(tr("讲话", "Speeches"), list(names), format_func=names.get, key="sp", select_all=select_all(),
                         placeholder=tr("选择讲话", "Choose speeches") if names
                         else tr("还没有可分析的讲话", "No speeches loaded"),
                         help=tr("选择要比较的讲话", "Choose the speeches to compare"))
    _publish_speech_selection(list(ids), list(names))
    min_len = sb.slider(tr("最短词长（字）", "Minimum word length (characters)"), 1, 6, 2, key="minlen",
                        bind="query-params",
                        help=tr("单字词多为虚词，默认从两字起", "One-character words are mostly function words"))
    min_count = sb.slider(tr("最低频次", "Minimum count"), 1, 20, 1, key="mincount", bind="query-params",
                          help=tr("每篇讲话中至少出现的次数", "Occurrences within a speech"))
    top_n = sb.slider(tr("前 N 个词", "Top N words"), 5, 60, 20, key="top", bind="query-params")
    # Widgets with translated option labels: one key per language, raw values in the URL (see ui/state.py).
    pos = state.choice(sb.multiselect, tr("词性", "Part of speech"), POS_GROUPS, name="pos",
                       default=list(POS_GROUPS), multi=True, format_func=lambda g: tr(*POS_LABELS[g]),
                       placeholder=tr("选择词性", "Choose parts of speech"),
                       help=tr("词性标注来自被计数的同一批词语", "Tags belong to the very tokens that are counted"))
    per_10k = state.choice(sb.radio, tr("计数方式", "Counts"), ["raw", "per10k"], name="mode", default="raw",
                           format_func=lambda v: tr("原始频次", "Raw counts") if v == "raw"
                           else tr("每万字频次", "Per 10,000 characters"), horizontal=True) == "per10k"

    sb.header(tr("停用词", "Stopwords"))
    lists_key = state.key("lists", default=["general"], options=BUILTIN_LISTS, multi=True)
    _init_stop_state()
    list_labels = {n: tr(*LIST_LABELS[n]) for n in BUILTIN_LISTS}
    lists = sb.multiselect(tr("基础词表", "Base lists"), list(BUILTIN_LISTS), format_func=list_labels.__getitem__,
                           key=lists_key, select_all=select_all(), placeholder=tr("不用基础词表", "No base list"),
                           on_change=_on_lists_change,
                           help=tr("“公文套话”默认关闭，勾选即启用", "Officialese filler is off by default"))
    state.publish("lists", lists, default=["general"])
    sb.text_area(tr("停用词", "Stopwords"), key="stop_text", height=180, on_change=_on_text_change,
                 help=tr("每行一个词；编辑后按 Ctrl+Enter 或点击别处生效",
                         "One word per line; press Ctrl+Enter or click elsewhere to apply"))
    sb.file_uploader(tr("上传停用词表（.txt）", "Upload a stopword list (.txt)"), type=["txt"], key="stop_upload",
                     on_change=_on_upload)
    if err := st.session_state.pop("_sw_error", None):
        msg = plain(err.message(lang()))   # a file name is shown literally
        sb.error(tr(f"停用词表无法读取：{msg}", f"Stopword list not loaded: {msg}"))
        st.session_state.pop("_sw_reported", None)
    if info := st.session_state.pop("_sw_info", None):
        name = plain(info[1])   # the file name is shown literally
        sb.success(tr(f"已从 {name} 加入 {info[0]} 个词", f"Added {info[0]} words from {name}"))
    try:
        stop_words = parse_stopwords(st.session_state.get("stop_text", ""))
        st.session_state["_sw_good"] = stop_words
    except InputError as exc:
        msg = plain(exc.message(lang()))
        sb.error(tr(f"停用词表无法读取：{msg}；仍使用上一次的有效词表。",
                    f"Stopword list not loaded: {msg}; the last valid list stays in use."))
        stop_words = st.session_state.get("_sw_good", list(data.builtin_stopwords("general")))
    sb.download_button(tr("下载当前停用词表", "Download the current list"), format_stopwords(stop_words),
                       file_name="stopwords.txt", mime="text/plain", key="stop_download")
    sb.caption(tr(f"当前 {len(stop_words)} 个停用词；标点和匿名占位符（X、×、*）从不计数。",
                  f"{len(stop_words)} stopwords active; punctuation and placeholders (X, ×, *) are never counted."))

    sb.header(tr("自定义词", "Custom words"))
    custom = sb.text_area(tr("加入分词词典的词（每行一个）", "Words to keep whole in segmentation (one per line)"),
                          key="words", height=90, bind="query-params",
                          help=tr("例如：“三张牌”。写成“全面/部署”表示在此拆开这个词。改动后重新分词。",
                                  "e.g. 三张牌. Write 全面/部署 to cut that word there. A change re-segments the "
                                  "text."))
    try:
        custom_words = parse_stopwords(custom or "")
    except InputError:             # a NUL character: typed or pasted, the list cannot be read
        sb.error(tr("自定义词中含有无效字符（如 NUL），暂不使用自定义词。",
                    "The custom words hold an invalid character (such as NUL); none are used for now."))
        custom_words = []
    return Settings(speech_ids=[i for i in names if i in set(ids)], min_len=min_len, min_count=min_count,
                    top_n=top_n, pos=list(pos), per_10k=per_10k, stopwords=frozenset(stop_words),
                    custom_words=custom_words)
