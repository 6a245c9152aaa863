"""Which speeches are analysed, and the My speeches tab: upload or paste, preview and confirm, edit metadata,
save to and delete from the library, export it, and keep stopword lists and custom words there.

The dashboard analyses, in this order and numbered 1..N: the built-in speeches (a sidebar toggle), the speeches
saved in the library, and this session's unsaved uploads. Each speech also has a stable key (``b3``, ``l12``,
``s2``) so that the sidebar's speech selection follows the speeches, not their positions, when the list changes.
"""
from __future__ import annotations

import dataclasses
import re
import zlib

import pandas as pd
import streamlit as st

from analysis.ingest.corpus import Speech
from analysis.errors import InputError
from analysis.text.stopwords import parse_stopwords
from ui import data, requests, sidebar, state
from ui import library_store as store
from ui.i18n import lang, plain, tr

#: The tab's label pair in ``VIEWS``.
VIEW = ("我的讲话", "My speeches")

SPLIT_LABELS = {"auto": ("自动（按“第N篇”标题）", "Auto (on 第N篇 headings)"),
                "none": ("整篇为一篇讲话", "The whole text is one speech"),
                "pieces": ("按“一、二、”编号拆分", "Numbered pieces (一、 二、)")}

_FLASH = "_lib_flash"
_PENDING = "_lib_pending"
_KEYS = "_lib_keys"
_RENAMED = "_lib_renamed"
_ORIGIN = "_lib_origin"
_ERROR = "_lib_error"
_LOADED = "_lib_loaded"


# --- which speeches are analysed -------------------------------------------------------------------------------

def _builtin_on() -> bool:
    if "lib_builtin" in st.session_state:
        return bool(st.session_state["lib_builtin"])
    return st.query_params.get("lib_builtin", "true").lower() not in ("false", "0")


def national_on() -> bool:
    """Whether the 52 national government work reports are loaded (sidebar switch, ``?lib_national=true``)."""
    if "lib_national" in st.session_state:
        return bool(st.session_state["lib_national"])
    return st.query_params.get("lib_national", "false").lower() in ("true", "1")


def current_speeches() -> list[Speech]:
    """The speeches to analyse, ids 1..N: built-in (when switched on), the national reports (when switched on),
    saved, then this session's uploads."""
    entries: list[tuple[str, Speech]] = []
    if _builtin_on():
        entries += [(f"b{sp.id}", sp) for sp in data.default_corpus()]
    if national_on():
        entries += [(f"n{sp.id}", sp) for sp in data.national_corpus()]
    st.session_state.pop(_ERROR, None)
    try:
        entries += [(f"l{sp.id}", sp) for sp in store.saved_speeches()]
    except InputError as exc:
        st.session_state[_ERROR] = exc   # shown in the language of the rerun that draws it
    except Exception as exc:  # an unreadable library must not hide the other speeches
        st.session_state[_ERROR] = f"{type(exc).__name__}: {exc}"
    entries += [(f"s{uid}", sp) for uid, sp in store.session_speeches()]
    keys = [k for k, _sp in entries]
    _follow_selection(keys)
    st.session_state[_ORIGIN] = {i: k for i, k in enumerate(keys, start=1)}
    speeches = [sp if sp.id == i else dataclasses.replace(sp, id=i) for i, (_k, sp) in enumerate(entries, start=1)]
    st.session_state[_LOADED] = speeches
    return speeches


def _follow_selection(keys: list[str]) -> None:
    """Keep the sidebar selection (``sp``, ids) on the same speeches when speeches come or go; new ones are
    selected, so a speech just added is shown at once."""
    prev = st.session_state.get(_KEYS)
    st.session_state[_KEYS] = keys
    if prev is None or prev == keys or "sp" not in st.session_state:
        return
    renamed = st.session_state.pop(_RENAMED, {})
    chosen = {renamed.get(prev[i - 1], prev[i - 1]) for i in st.session_state["sp"] if 0 < i <= len(prev)}
    before = {renamed.get(k, k) for k in prev}
    st.session_state["sp"] = [i for i, k in enumerate(keys, start=1) if k in chosen or k not in before]


def origin(speech_id: int) -> str:
    """The stable key (``b…`` built-in, ``n…`` national report, ``l…`` saved, ``s…`` unsaved) of speech
    ``speech_id`` of this rerun."""
    return st.session_state.get(_ORIGIN, {}).get(speech_id, "")


def sources_toggle(sb) -> None:
    """The sidebar switch for the built-in speeches and a line on what else is loaded."""
    n_builtin = len(data.default_corpus())
    sb.toggle(tr(f"包含内置示例讲话（{n_builtin} 篇）", f"Include the built-in speeches ({n_builtin})"), value=True,
              key="lib_builtin", bind="query-params",
              help=tr("关闭后只分析“我的讲话”中已保存和刚上传的讲话",
                      "Off: analyse only your saved and uploaded speeches (tab My speeches)"))
    n_national = len(data.national_corpus())
    sb.toggle(tr(f"包含全国政府工作报告（1954–2025，{n_national} 篇）",
                 f"Include the national government work reports (1954–2025, {n_national})"), value=False,
              key="lib_national", bind="query-params",
              help=tr("国务院总理向全国人民代表大会所作的政府工作报告，可与其他讲话任意组合",
                      "The State Council's reports to the National People's Congress; combine them with any other "
                      "speeches"))
    sb.toggle(tr("同一讲话的多个版本只计一次", "Count each group of versions once"), value=False, key="once",
              bind="query-params",
              help=tr("彼此复用一半以上文字的讲话是同一讲话的不同版本（见“相似与复用”）；打开后每组只保留最长的一篇，"
                      "词频、关键词等比较不再重复计数",
                      "Speeches that share over half their text are versions of one text (see Similarity & reuse); "
                      "on: only the longest of each group is kept, so frequencies and keyness count its words once"))
    kinds = [origin_key[0] for origin_key in st.session_state.get(_KEYS, [])]
    n_saved, n_session = kinds.count("l"), kinds.count("s")
    if n_saved or n_session:
        sb.caption(tr(f"另有已保存 {n_saved} 篇、未保存 {n_session} 篇（见“我的讲话”）",
                      f"Plus {n_saved} saved and {n_session} unsaved speeches (see My speeches)"))
    if err := st.session_state.get(_ERROR):
        msg = plain(_error_text(err))
        sb.error(tr(f"讲话库无法打开：{msg}", f"The library could not be opened: {msg}"))


def count_versions_once(speeches: list[Speech], settings):
    """``settings`` with each group of versions among the selected speeches reduced to its representative (the
    longest version) when the sidebar switch is on; the national reports are never versions of one another."""
    if not st.session_state.get("once"):
        return settings
    from analysis.compare.versions import count_once
    from analysis.ingest.national import NATIONAL_SOURCE
    from analysis.text.normalize import count_han
    chosen = set(settings.speech_ids)
    local = [sp for sp in speeches if sp.id in chosen and sp.source != NATIONAL_SOURCE]
    if len(local) < 2:
        return settings
    groups = data.version_groups_of(local)
    ids = count_once(settings.speech_ids, groups, sizes={sp.id: count_han(sp.text) for sp in local})
    dropped = [i for i in settings.speech_ids if i not in set(ids)]
    if dropped:
        kept = [i for i in ids if any(i in g for g in groups)]
        st.sidebar.caption(tr(f"按版本只计一次：保留 {', '.join(f'#{i}' for i in kept)}，不计 "
                              f"{', '.join(f'#{i}' for i in dropped)}",
                              f"Versions counted once: kept {', '.join(f'#{i}' for i in kept)}, left out "
                              f"{', '.join(f'#{i}' for i in dropped)}"))
    return dataclasses.replace(settings, speech_ids=ids)


# --- small helpers ---------------------------------------------------------------------------------------------

def _error_text(exc: Exception | str) -> str:
    """An error's message in the UI language: :class:`InputError` carries both, anything else is shown as is."""
    return exc.message(lang()) if isinstance(exc, InputError) else str(exc)


def _flash(kind: str, message: str) -> None:
    st.session_state.setdefault(_FLASH, []).append((kind, message))


def _show_flash() -> None:
    for kind, message in st.session_state.pop(_FLASH, []):
        getattr(st, kind)(message)


_COUNT_NOTE = re.compile(r"^\d+ speech(?:es)?$")
def _note(note: str) -> str:
    return note.message(lang()) if hasattr(note, "message") else note


def _without_name(message: str, name: str) -> str:
    """The message without its leading ``name: `` (English) or ``name：`` (Chinese)."""
    for prefix in (f"{name}: ", f"{name}："):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


# --- adding speeches -------------------------------------------------------------------------------------------

def _run_preview(inputs: list[tuple[str, bytes]], pasted: str, split: str) -> None:
    n = len(inputs) + bool(pasted.strip())
    bar = st.progress(0.0, text=tr(f"正在读取 0/{n}", f"Reading 0/{n}"))
    status = st.empty()
    done: list[str] = []

    def on_progress(i: int, total: int, name: str, state: str) -> None:
        done.append(("✓ " if state == "ok" else "✗ ") + name)
        bar.progress(i / total, text=tr(f"已读取 {i}/{total}", f"Read {i}/{total}"))
        status.caption(" · ".join(plain(d) for d in done[-6:]))

    with st.spinner(tr("正在读取与拆分…", "Reading and splitting…")):
        results = store.read_inputs(inputs, pasted=pasted, pasted_name=tr("粘贴的文本", "pasted text"),
                                    split=split, on_progress=on_progress)
    st.session_state[_PENDING] = {"split": split, "inputs": inputs, "pasted": pasted, "results": results}


def _confirm() -> None:
    pending = st.session_state.pop(_PENDING, None)
    if not pending:
        return
    speeches = [sp for res in pending["results"] for sp in res.speeches]
    added, skipped = store.add_to_session(speeches, loaded=st.session_state.get(_LOADED, []))
    if added:
        _flash("success", tr(f"已加入 {len(added)} 篇讲话（尚未保存到库）。",
                             f"Added {len(added)} speech{'es' if len(added) != 1 else ''} (not yet saved to the "
                             "library)."))
    if skipped:
        titles = "、".join(f"《{plain(sp.title)}》" for sp in skipped)
        _flash("info", tr(f"{len(skipped)} 篇与已加载的讲话全文相同，未重复加入：{titles}",
                          f"{len(skipped)} already loaded with the same text, not added again: {titles}"))
    st.session_state["lib_paste"] = ""
    st.session_state["_lib_upload_v"] = st.session_state.get("_lib_upload_v", 0) + 1


def _discard() -> None:
    st.session_state.pop(_PENDING, None)


def _add_section() -> None:
    st.markdown("#### " + tr("添加讲话", "Add speeches"))
    version = st.session_state.get("_lib_upload_v", 0)
    c1, c2 = st.columns(2)
    mb, n_max, total = store.MAX_FILE_MB, store.MAX_UPLOAD_FILES, store.MAX_SESSION_MB
    files = c1.file_uploader(tr(f"上传文件（可多选；每个不超过 {mb} MB）",
                                f"Upload files (several at once; up to {mb} MB each)"), type=store.UPLOAD_TYPES,
                             accept_multiple_files=True, key=f"lib_files_{version}", max_upload_size=mb,
                             help=tr(f"支持 .txt .md .docx .pdf .html；自动识别编码，繁体转为简体计数。每个文件不超过 "
                                     f"{mb} MB；每次最多读取 {n_max} 个文件，本次浏览合计不超过 {total} MB"
                                     "（含已加入但未保存的讲话）。",
                                     "Reads .txt .md .docx .pdf .html in any common encoding; Traditional "
                                     f"Chinese is converted to Simplified for counting. Up to {mb} MB per file; at "
                                     f"most {n_max} files at once and {total} MB in all per visit (unsaved speeches "
                                     "already added included)."))
    try:
        store.check_upload_budget([f.size for f in files or []])
    except InputError as exc:
        # Over the limit: said, and the files are dropped at once (a new, empty uploader), so they are not kept in
        # memory either; what was added before stays.
        msg = plain(_error_text(exc))
        _flash("error", tr(f"未读取：{msg}", f"Not read: {msg}"))
        st.session_state["_lib_upload_v"] = version + 1
        st.rerun()
    c2.text_area(tr("或粘贴讲话全文", "Or paste the text of a speech"), key="lib_paste", height=150,
                 placeholder=tr("在此粘贴……", "Paste here…"))
    split = state.choice(st.radio, tr("拆分方式", "How to split a document into speeches"), list(SPLIT_LABELS),
                         name="lib_split", default="auto", format_func=lambda m: tr(*SPLIT_LABELS[m]),
                         horizontal=True,
                     help=tr("一个文件可能收有多篇讲话。“自动”只按“第一篇”“第二篇”这样的标题拆分；"
                             "“一、二、”也常用于一篇讲话内部的小节，所以只在明确选择时按它拆分。",
                             "A file may hold several speeches. Auto splits only on 第一篇, 第二篇 … headings; "
                             "一、 二、 also number the sections inside one speech, so they split only when chosen."))
    pending = st.session_state.get(_PENDING)
    if st.button(tr("预览拆分结果", "Preview the speeches"), key="lib_preview", type="primary"):
        files = files or []
        pasted = st.session_state.get("lib_paste", "")
        try:
            store.check_upload_budget([f.size for f in files], pasted=pasted)
        except InputError as exc:   # nothing is read; what was added before stays as it is
            st.session_state.pop(_PENDING, None)
            msg = plain(_error_text(exc))
            st.error(tr(f"未读取：{msg}", f"Not read: {msg}"))
        else:
            inputs = [(f.name, f.getvalue()) for f in files]
            if not inputs and not pasted.strip():
                st.session_state.pop(_PENDING, None)
                st.info(tr("请先上传文件或粘贴文本。", "Upload a file or paste some text first."))
            else:
                _run_preview(inputs, pasted, split)
    elif pending and pending["split"] != split:
        _run_preview(pending["inputs"], pending["pasted"], split)   # the split mode changed: preview again
    _show_pending()


def _show_pending() -> None:
    pending = st.session_state.get(_PENDING)
    if not pending:
        return
    for res in pending["results"]:
        detail = plain(_without_name(res.error_message(lang()), res.name))
        if res.ok:
            n = len(res.speeches)
            notes = [tr(f"{n} 篇讲话", f"{n} speech{'es' if n != 1 else ''}")]
            notes += [_note(x) for x in res.notes if not _COUNT_NOTE.match(x)]
            st.markdown(f":material/check_circle: **{plain(res.name)}** — {plain(' · '.join(notes))}")
        elif res.unexpected:
            st.error(tr(f"**{plain(res.name)}** 读取时出现意外错误，其他文件不受影响：{detail}",
                        f"**{plain(res.name)}** failed unexpectedly; the other files are not affected: {detail}"))
        else:
            st.error(tr(f"**{plain(res.name)}** 无法读取：{detail}", f"**{plain(res.name)}** could not be read: {detail}"))
    rows = store.preview_rows(pending["results"])
    if not rows:
        st.info(tr("没有可加入的讲话。", "There is no speech to add."))
        st.button(tr("关闭预览", "Close the preview"), key="lib_discard", on_click=_discard)
        return
    labels = {"file": tr("文件", "File"), "title": tr("标题", "Title"), "chars": tr("字符数", "Characters"),
              "han_chars": tr("汉字数", "Han characters"), "first_line": tr("首行", "First line"),
              "date": tr("日期", "Date"), "place": tr("地点", "Place"), "speaker": tr("讲话人", "Speaker")}
    st.caption(tr(f"将加入 {len(rows)} 篇讲话。请核对拆分结果；日期、地点、讲话人是自动猜测，加入后可修改。",
                  f"{len(rows)} speech{'es' if len(rows) != 1 else ''} will be added. Check the split; date, place "
                  "and speaker are guesses you can correct after adding."))
    st.dataframe(pd.DataFrame(rows).rename(columns=labels), hide_index=True, key="lib_preview_table")
    c1, c2, _ = st.columns([2, 1, 3])
    c1.button(tr(f"确认加入 {len(rows)} 篇", f"Add {len(rows)} speech{'es' if len(rows) != 1 else ''}"),
              key="lib_confirm", type="primary", on_click=_confirm)
    c2.button(tr("放弃", "Discard"), key="lib_discard", on_click=_discard)


# --- metadata, save and delete ---------------------------------------------------------------------------------

def _editor_rows(loaded: list[Speech]) -> pd.DataFrame:
    rows, index = [], []
    for sp in loaded:
        key = origin(sp.id)
        if key[:1] not in ("l", "s"):
            continue
        index.append(key)
        rows.append({"id": sp.id, "state": tr("已保存", "saved") if key[0] == "l" else tr("未保存", "unsaved"),
                     "title": sp.title, "date": sp.date, "place": sp.place, "speaker": sp.speaker,
                     "source": sp.source, "chars": len(sp.text) - sp.text.count("\n")})
    return pd.DataFrame(rows, index=index, columns=["id", "state", *store.EDITABLE, "chars"])


def _apply_edits(before: pd.DataFrame, after: pd.DataFrame) -> int:
    """Write changed cells to the library or the session; returns how many speeches changed."""
    applied = 0
    for key in before.index:
        if key not in after.index:
            continue
        fields = {c: "" if pd.isna(after.at[key, c]) else str(after.at[key, c]).strip() for c in store.EDITABLE}
        fields = {c: v for c, v in fields.items() if v != (before.at[key, c] or "")}
        if not fields:
            continue
        label = before.at[key, "title"]
        try:
            if key[0] == "l":
                store.library().update_metadata(int(key[1:]), **fields)
                store.changed()
            else:
                store.update_session_speech(int(key[1:]), **fields)
            applied += 1
        except InputError as exc:
            msg = plain(_error_text(exc))
            st.error(tr(f"《{plain(label)}》未修改：{msg}", f"«{plain(label)}» not changed: {msg}"))
        except Exception as exc:
            st.error(tr(f"《{plain(label)}》未修改（意外错误）：{plain(exc)}",
                        f"«{plain(label)}» not changed (unexpected error): {plain(exc)}"))
    return applied


def _save_session() -> None:
    try:
        mapping = store.save_session_speeches()
    except InputError as exc:
        msg = plain(_error_text(exc))
        _flash("error", tr(f"未保存：{msg}", f"Not saved: {msg}"))
        return
    except Exception as exc:
        _flash("error", tr(f"未保存（意外错误）：{plain(exc)}", f"Not saved (unexpected error): {plain(exc)}"))
        return
    st.session_state[_RENAMED] = {f"s{u}": f"l{i}" for u, i in mapping.items()}
    _flash("success", tr(f"已保存 {len(mapping)} 篇讲话到库。", f"Saved {len(mapping)} speech"
                         f"{'es' if len(mapping) != 1 else ''} to the library."))


def _drop_session() -> None:
    n = store.remove_from_session([u for u, _sp in store.session_speeches()])
    _flash("info", tr(f"已移除 {n} 篇未保存的讲话。", f"Removed {n} unsaved speech{'es' if n != 1 else ''}."))


def _ask_delete() -> None:
    st.session_state["_lib_delete"] = st.session_state.get("lib_delete_pick")


def _cancel_delete() -> None:
    st.session_state.pop("_lib_delete", None)


def _delete() -> None:
    lib_id = st.session_state.pop("_lib_delete", None)
    if lib_id is None:
        return
    try:
        row = store.library().delete_speech(int(lib_id))
        store.changed()
    except InputError as exc:
        msg = plain(_error_text(exc))
        _flash("error", tr(f"未删除：{msg}", f"Not deleted: {msg}"))
        return
    except Exception as exc:
        _flash("error", tr(f"未删除（意外错误）：{plain(exc)}", f"Not deleted (unexpected error): {plain(exc)}"))
        return
    _flash("success", tr(f"已从库中删除《{plain(row['title'])}》。", f"Deleted «{plain(row['title'])}» from the library."))


def _manage_section(loaded: list[Speech]) -> None:
    st.markdown("#### " + tr("上传与保存的讲话", "Uploaded and saved speeches"))
    before = _editor_rows(loaded)
    if before.empty:
        st.info(tr("还没有上传或保存的讲话。", "No uploaded or saved speeches yet."))
    else:
        st.caption(tr("直接在表格中修改标题、日期（YYYY、YYYY-MM 或 YYYY-MM-DD）、地点、讲话人和来源；"
                      "已保存的讲话立即写入库，未保存的讲话在本次浏览中有效。",
                      "Edit title, date (YYYY, YYYY-MM or YYYY-MM-DD), place, speaker and source in the table; "
                      "saved speeches are updated in the library at once, unsaved ones for this visit."))
        # The key changes with the rows (and after each applied edit), so edits never land on another speech.
        version = st.session_state.get("_lib_edit_v", 0)
        key = f"lib_meta_{zlib.crc32('|'.join(before.index).encode()):08x}_{version}"
        after = st.data_editor(
            before, key=key, hide_index=True, num_rows="fixed", disabled=["id", "state", "chars"],
            column_config={
                "id": st.column_config.NumberColumn(tr("编号", "ID"), help=tr("与侧栏中的编号一致",
                                                                           "The number shown in the sidebar")),
                "state": st.column_config.TextColumn(tr("状态", "State")),
                "title": st.column_config.TextColumn(tr("标题", "Title"), required=True),
                "date": st.column_config.TextColumn(tr("日期", "Date"), validate=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                                    help=tr("YYYY、YYYY-MM 或 YYYY-MM-DD",
                                                            "YYYY, YYYY-MM or YYYY-MM-DD")),
                "place": st.column_config.TextColumn(tr("地点", "Place")),
                "speaker": st.column_config.TextColumn(tr("讲话人", "Speaker")),
                "source": st.column_config.TextColumn(tr("来源", "Source")),
                "chars": st.column_config.NumberColumn(tr("字符数", "Characters")),
            })
        if _apply_edits(before, after):
            st.session_state["_lib_edit_v"] = version + 1
            st.rerun()   # the sidebar and the other tabs show the new titles
    n_session = sum(1 for k in before.index if k.startswith("s"))
    saved = [(int(k[1:]), before.at[k, "title"], int(before.at[k, "id"])) for k in before.index if k.startswith("l")]
    c1, c2 = st.columns(2)
    c1.button(tr(f"保存 {n_session} 篇未保存的讲话到库", f"Save {n_session} unsaved speech"
                 f"{'es' if n_session != 1 else ''} to the library"), key="lib_save", type="primary",
              disabled=not n_session, on_click=_save_session,
              help=tr("保存后下次打开仍在；全文相同的讲话只保存一次",
                      "Saved speeches are there next time; a text already saved is not stored twice"))
    c2.button(tr("移除未保存的讲话", "Remove the unsaved speeches"), key="lib_drop", disabled=not n_session,
              on_click=_drop_session)
    if saved:
        titles = {lib_id: f"{shown} · {title}" for lib_id, title, shown in saved}
        c1, c2 = st.columns([3, 1])
        c1.selectbox(tr("从库中删除", "Delete from the library"), list(titles), format_func=titles.get,
                     key="lib_delete_pick")
        c2.button(tr("删除…", "Delete…"), key="lib_delete", on_click=_ask_delete)
        target = st.session_state.get("_lib_delete")
        if target is not None and target in titles:
            st.warning(tr(f"确定从库中删除《{plain(titles[target])}》吗？此操作无法撤销。",
                          f"Delete «{plain(titles[target])}» from the library? This cannot be undone."))
            c1, c2, _ = st.columns([1, 1, 4])
            c1.button(tr("确认删除", "Yes, delete"), key="lib_delete_yes", type="primary", on_click=_delete)
            c2.button(tr("取消", "Cancel"), key="lib_delete_no", on_click=_cancel_delete)


# --- stopword lists, custom words, export ----------------------------------------------------------------------

def _save_stopwords() -> None:
    name = (st.session_state.get("lib_sw_name") or "").strip()
    try:
        words = parse_stopwords(st.session_state.get("stop_text", ""))
        n = store.library().save_stopword_list(name, words)
    except InputError as exc:
        msg = plain(_error_text(exc))
        _flash("error", tr(f"停用词表未保存：{msg}", f"Stopword list not saved: {msg}"))
        return
    except Exception as exc:
        _flash("error", tr(f"停用词表未保存（意外错误）：{plain(exc)}", f"Stopword list not saved (unexpected error): "
                           f"{plain(exc)}"))
        return
    _flash("success", tr(f"已保存停用词表“{plain(name)}”（{n} 个词）。", f"Saved the stopword list “{plain(name)}” "
                         f"({n} words)."))


def _load_stopwords() -> None:
    name = st.session_state.get("lib_sw_pick")
    try:
        words = store.library().stopword_lists()[name]
    except KeyError:
        _flash("error", tr("没有这个停用词表。", "There is no such stopword list."))
        return
    except Exception as exc:   # the library may not open (an InputError) or fail otherwise
        msg = plain(_error_text(exc))
        _flash("error", tr(f"停用词表未载入：{msg}", f"Stopword list not loaded: {msg}"))
        return
    sidebar.set_stopwords(words)
    _flash("success", tr(f"已载入停用词表“{plain(name)}”（{len(words)} 个词），见侧栏。",
                         f"Loaded the stopword list “{plain(name)}” ({len(words)} words); see the sidebar."))


def _save_words() -> None:
    try:
        words = parse_stopwords(st.session_state.get("words", "") or "")
        lib = store.library()
        old = [t for t, _tag in lib.lexicon_terms()]
        added = lib.add_lexicon_terms(words)
        removed = lib.remove_lexicon_terms([t for t in old if t not in set(words)])
    except InputError as exc:
        msg = plain(_error_text(exc))
        _flash("error", tr(f"自定义词未保存：{msg}", f"Custom words not saved: {msg}"))
        return
    except Exception as exc:
        _flash("error", tr(f"自定义词未保存（意外错误）：{plain(exc)}", f"Custom words not saved (unexpected error): "
                           f"{plain(exc)}"))
        return
    _flash("success", tr(f"库中的自定义词已更新为 {len(words)} 个（新增 {added}，移除 {removed}）。",
                         f"The library now holds {len(words)} custom words ({added} added, {removed} removed)."))


def _load_words() -> None:
    try:
        terms = [t for t, _tag in store.library().lexicon_terms()]
    except Exception as exc:   # the library may not open (an InputError) or fail otherwise
        msg = plain(_error_text(exc))
        _flash("error", tr(f"自定义词未载入：{msg}", f"Custom words not loaded: {msg}"))
        return
    st.session_state["words"] = "\n".join(terms)
    _flash("success", tr(f"已载入 {len(terms)} 个自定义词，见侧栏。", f"Loaded {len(terms)} custom words; see the "
                         "sidebar."))


def _export() -> bytes:
    # Built in memory when the button is clicked. A failure raises: the browser then saves no file at all, rather
    # than a file named .zip that is not one (and the library could be opened when the button was drawn).
    return store.export_library()


def _lists_section() -> None:
    st.markdown("#### " + tr("停用词表与自定义词", "Stopword lists and custom words"))
    st.caption(tr("把侧栏中当前的停用词表和自定义词保存到库，下次再载入。",
                  "Keep the sidebar's current stopword list and custom words in the library and load them later."))
    try:
        lists = store.library().stopword_lists()
        terms = store.library().lexicon_terms()
    except Exception as exc:   # the library may not open (an InputError) or fail otherwise
        msg = plain(_error_text(exc))
        st.error(tr(f"讲话库无法打开：{msg}", f"The library could not be opened: {msg}"))
        return
    c1, c2 = st.columns(2)
    with c1:
        if "lib_sw_name" not in st.session_state:
            st.session_state["lib_sw_name"] = tr("我的停用词", "My stopwords")
        st.text_input(tr("停用词表名称", "Name of the stopword list"), key="lib_sw_name")
        st.button(tr("保存当前停用词表", "Save the current stopword list"), key="lib_sw_save",
                  on_click=_save_stopwords,
                  help=tr("同名的表会被替换", "A list with the same name is replaced"))
        if lists:
            st.selectbox(tr("已保存的停用词表", "Saved stopword lists"), list(lists), key="lib_sw_pick",
                         format_func=lambda n: f"{n} ({len(lists[n])})")
            st.button(tr("载入到侧栏", "Load into the sidebar"), key="lib_sw_load", on_click=_load_stopwords)
    with c2:
        n_words = len(parse_stopwords(st.session_state.get("words", "") or ""))
        st.button(tr(f"保存当前自定义词（{n_words} 个）", f"Save the current custom words ({n_words})"),
                  key="lib_words_save", on_click=_save_words,
                  help=tr("库中的自定义词将与侧栏一致", "The library's custom words become those of the sidebar"))
        st.caption(tr(f"库中有 {len(terms)} 个自定义词。", f"The library holds {len(terms)} custom words."))
        if terms:
            st.button(tr("载入到侧栏", "Load into the sidebar"), key="lib_words_load", on_click=_load_words)
    st.markdown("#### " + tr("导出", "Export"))
    st.download_button(tr("下载整个讲话库（.zip）", "Download the whole library (.zip)"), _export,
                       file_name="tifalens-library.zip", mime="application/zip", key="lib_export",
                       help=tr("library.json（讲话、停用词表、自定义词）加每篇讲话一个文本文件",
                               "library.json (speeches, stopword lists, custom words) plus one text file per speech"))


def library_panel(ctx) -> None:
    """The My speeches tab. ``ctx`` may be None (nothing selected): the tab reads its own state."""
    st.subheader(tr("我的讲话", "My speeches"))
    st.caption(tr("上传或粘贴自己的讲话，预览拆分后确认加入；保存到库的讲话下次仍在。未保存的讲话只在本次浏览中可见。",
                  "Upload or paste your own speeches, check how they split, then add them; speeches saved to the "
                  "library are there next time. Unsaved speeches are seen only in this browser session."))
    loaded = st.session_state.get(_LOADED, [])
    if ctx is None:
        # Drawn without tabs (nothing to analyse yet): the tabs that appear once speeches are added open here.
        requests.open_view(VIEW)
    _show_flash()
    try:
        lib = store.library()
    except Exception:   # said in the sidebar and in the lists section below
        lib = None
    if lib is not None and lib.read_only:
        why = plain(_error_text(lib.read_only_reason))
        st.warning(tr(f"{why}。保存、修改和删除现在不会成功。",
                      f"{why}. Saving, editing and deleting will not succeed for now."))
    _add_section()
    st.divider()
    _manage_section(loaded)
    st.divider()
    _lists_section()
