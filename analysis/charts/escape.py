"""The one escaper for text shown by Plotly.

Plotly draws a subset of HTML in every piece of text (titles, legend entries, axis titles and tick labels, hover
boxes, annotations, text on the plot): ``<a href>`` becomes a live link, ``<span style>`` restyles, ``<b>`` bolds,
and the same figure exported as HTML behaves alike. Every string that comes from a user or a speech (a query, a
title, a term, a label passed in by the UI) goes through :func:`plotly_text` before it enters a figure, so it is
shown exactly as typed.
"""
from __future__ import annotations

__all__ = ["plotly_text"]

# Plotly decodes &amp; &lt; &gt; and numeric references (not &quot;), so exactly these three are replaced, plus %
# (as &#37;): in a hover template "%{x}" would otherwise be filled in with data.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "%": "&#37;"})


def plotly_text(value) -> str:
    """``value`` as text Plotly shows literally: ``<a href="x">`` is drawn as those characters, not as a link."""
    return str(value).translate(_ESCAPES)
