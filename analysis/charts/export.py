"""Static images of Plotly figures (PNG, SVG) through kaleido and a local Chrome or Chromium."""
from __future__ import annotations

import os
import shutil

import plotly.graph_objects as go

__all__ = ["figure_image", "find_browser"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_browser() -> str | None:
    """Path of a Chrome/Chromium kaleido can drive (``BROWSER_PATH`` wins), or ``None``."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    for name in _CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def figure_image(fig: go.Figure, *, fmt: str = "png", scale: float = 2.0) -> bytes:
    """The figure as PNG or SVG bytes; ``RuntimeError`` with a plain explanation when no browser is available."""
    import plotly.io as pio
    browser = find_browser()
    if browser is None:
        raise RuntimeError("Static image export needs Chrome or Chromium installed (kaleido draws with it). "
                           "Use the camera icon on the chart, or the interactive HTML export, instead.")
    os.environ.setdefault("BROWSER_PATH", browser)
    try:
        return pio.to_image(fig, format=fmt, scale=scale if fmt == "png" else 1)
    except Exception as exc:  # kaleido reports browser problems with many exception types
        raise RuntimeError(f"Static image export failed: {exc.__class__.__name__}: {exc}") from None
