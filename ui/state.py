"""Widget state that survives a language switch and is mirrored in the URL with stable, language-neutral codes.

Streamlit's own URL binding writes a widget's *displayed* label into the URL, and a widget whose labels are
translated keeps showing the old language's labels after a switch. Widgets whose option labels depend on the
language therefore use one widget key per language (``pos.zh`` / ``pos.en``), carry the chosen value across, and
write the raw option values (``noun``, ``per10k``) to the URL under a stable parameter name (``pos``, ``mode``).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import streamlit as st

from ui.i18n import lang

_SHADOW = "_value."
#: Longest value a URL parameter may carry (a custom-word list of a few hundred words fits easily).
MAX_PARAM_CHARS = 5000
# Control characters other than tab and line breaks: no widget value holds them (NUL breaks the word lists).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def drop_invalid_params() -> list[str]:
    """Remove every URL parameter that no widget could have written (a control character such as NUL, or longer
    than :data:`MAX_PARAM_CHARS`) and return their names, for one warning. Call it first: code that reads
    ``st.query_params`` (language, view, stopword edits) then never sees them, and the link in the address bar is
    clean. A widget bound to the URL still receives the first value of the link and must cope with it (selects and
    sliders fall back to their defaults; text is validated where it is used). Values that are merely unknown
    (``?top=abc``, ``?view=nowhere``) are left to those same fallbacks."""
    dropped = []
    for name in list(st.query_params):
        values = st.query_params.get_all(name)
        if _CONTROL_RE.search(name) or len(name) > 100 or any(
                _CONTROL_RE.search(v) or len(v) > MAX_PARAM_CHARS for v in values):
            del st.query_params[name]
            dropped.append(name)
    return dropped


def _from_url(name: str, *, multi: bool, valid: Iterable[Any] | None, parse: Callable[[str], Any]):
    if name not in st.query_params:
        return None
    raw = st.query_params.get_all(name)
    try:
        values = [parse(v) for v in raw if v != ""]
    except (TypeError, ValueError):
        return None
    if valid is not None:
        allowed = list(valid)
        values = [v for v in values if v in allowed]
        if not multi and not values:
            return None
    return values if multi else (values[0] if values else None)


def key(name: str, *, default: Any, options: Iterable[Any] | None = None, multi: bool = False,
        parse: Callable[[str], Any] = str) -> str:
    """The session-state key for this language's widget ``name``, pre-filled with the value to show.

    The value comes from the other language's widget (a switch), else the URL (a shared link), else ``default``.
    Call it right before creating the widget and create the widget *without* a default/index argument.
    """
    k = f"{name}.{lang()}"
    if k not in st.session_state:
        if _SHADOW + name in st.session_state:
            value = st.session_state[_SHADOW + name]
        else:
            value = _from_url(name, multi=multi, valid=options, parse=parse)
            if value is None:
                value = default
        st.session_state[k] = list(value) if multi else value
    return k


def publish(name: str, value: Any, *, default: Any) -> Any:
    """Remember ``value`` for the other language's widget and write it to the URL (removed when default)."""
    st.session_state[_SHADOW + name] = value
    other = {"zh": "en", "en": "zh"}[lang()]
    st.session_state.pop(f"{name}.{other}", None)   # re-created from the shadow value after a switch
    if isinstance(value, (list, tuple)):
        encoded = [str(v) for v in value]
        is_default = list(value) == list(default)
    else:
        encoded = str(value)
        is_default = value == default
    current = st.query_params.get_all(name) if name in st.query_params else None
    if is_default:
        if current is not None:
            del st.query_params[name]
    elif current != (encoded if isinstance(encoded, list) else [encoded]):
        st.query_params[name] = encoded
    return value


def current(name: str, default: Any = None) -> Any:
    """The last published value of ``name`` (for callbacks that run before the widget is drawn again)."""
    return st.session_state.get(_SHADOW + name, default)


def choice(widget: Callable, label: str, options, *, name: str, default: Any, multi: bool = False,
           parse: Callable[[str], Any] = str, **kwargs) -> Any:
    """Draw a select-type widget (``st.selectbox``, ``st.radio``, ``st.multiselect``, ``st.segmented_control`` or
    the same method of a column) whose labels are translated, with its state handled as described above."""
    options = list(options)
    if "format_func" in kwargs:
        # Labels computed now, in this run's language: a lazy format function would be called later without it.
        labels = {o: kwargs["format_func"](o) for o in options}
        kwargs["format_func"] = labels.__getitem__
    k = key(name, default=default, options=options, multi=multi, parse=parse)
    if not multi and st.session_state.get(k) not in options:
        st.session_state[k] = default if default in options else options[0]
    value = widget(label, options, key=k, **kwargs)
    return publish(name, value, default=default)
