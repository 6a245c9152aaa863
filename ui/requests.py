"""Requests from one panel to another, the only way panels affect each other.

A panel never writes another panel's session-state keys. To open a term in the KWIC tab, or to switch to a tab,
it calls :func:`open_in_kwic` or :func:`open_view`; the dashboard reads the pending view with :func:`pending_view`
before it draws the tabs, and the KWIC panel reads its query from its own widget keys, which only this module
pre-fills.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

__all__ = ["KWIC_VIEW", "open_view", "pending_view", "open_in_kwic", "kwic_on_select"]

#: The KWIC tab's labels (中文, English); also its name in requests.
KWIC_VIEW = ("语境", "KWIC")
# The KWIC panel's own widget keys: written here (a request), read there (the widgets).
KWIC_QUERY_KEY, KWIC_REGEX_KEY = "kw_query", "kw_regex"
_VIEW_REQUEST = "_request.view"


def open_view(view: tuple[str, str]) -> None:
    """Ask the dashboard to open the tab ``view`` (its (中文, English) labels) on the next run."""
    st.session_state[_VIEW_REQUEST] = view[1]


def pending_view() -> str | None:
    """The English label of the tab a panel asked for since the last run, once (the request is consumed)."""
    return st.session_state.pop(_VIEW_REQUEST, None)


def open_in_kwic(term: str, *, regex: bool = False) -> None:
    """Ask for ``term`` in the KWIC tab: its query is set and the tab opens on the next run."""
    st.session_state[KWIC_QUERY_KEY] = str(term)
    st.session_state[KWIC_REGEX_KEY] = regex
    open_view(KWIC_VIEW)


def kwic_on_select(df: pd.DataFrame, column: str, state_key: str) -> Callable[[], None]:
    """An ``on_select`` callback for a table of terms: the selected row's ``column`` opens in the KWIC tab."""
    def callback() -> None:
        selection = st.session_state.get(state_key)
        rows = list(selection.selection.rows) if selection is not None else []
        if rows and rows[0] < len(df):
            open_in_kwic(str(df.iloc[rows[0]][column]))
    return callback
