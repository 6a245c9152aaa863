"""Starting the dashboard under Streamlit's AppTest, shared by the dashboard tests."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def start(view: str | None = None, *, query: dict | None = None) -> AppTest:
    """The dashboard run once on ``view`` (a tab's session value), with URL ``query`` parameters."""
    at = AppTest.from_file(APP, default_timeout=120)
    if view:
        at.session_state["_request.view"] = view      # the dashboard's request for a tab (ui/requests.py)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def no_errors(at) -> None:
    """Neither an exception nor an error box on screen."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
