"""The timeline chart (提法温度计): a term's rate per year in the national reports, the user's dated speeches on
the same axis. Years without a report are gaps in the line, never zeros."""
from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from analysis.charts.escape import plotly_text
from analysis.charts.words import style

__all__ = ["timeline_figure"]

_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def timeline_figure(series: pd.DataFrame, *, own: Sequence[Mapping] = (), title: str, x_label: str, y_label: str,
                    own_label: str = "", names: Mapping[int, str] | None = None) -> go.Figure:
    """One line per term of ``series`` (:func:`analysis.context.timeline.year_series`: ``NaN`` years break the
    line), and one marker per row of ``own`` (timeline rows of other dated speeches: ``term``, ``speech``,
    ``year``, ``count``, ``per_10k``) in the colour of its term."""
    names = names or {}
    fig = go.Figure()
    terms = list(dict.fromkeys(series["term"])) if not series.empty else []
    for k, term in enumerate(terms):
        part = series[series["term"] == term]
        color = _COLORS[k % len(_COLORS)]
        fig.add_trace(go.Scatter(
            x=[int(y) for y in part["year"]], y=[None if v != v else float(v) for v in part["per_10k"]],
            mode="lines+markers", name=plotly_text(term), connectgaps=False,
            line=dict(color=color), marker=dict(size=6, color=color),
            customdata=[[int(c) if c == c else ""] for c in part["count"]],
            hovertemplate=f"{plotly_text(term)}<br>%{{x}}: %{{y}} (%{{customdata[0]}})<extra></extra>"))
    for k, term in enumerate(terms + [t for t in dict.fromkeys(r["term"] for r in own) if t not in terms]):
        mine = [r for r in own if r["term"] == term and r.get("year") is not None]
        if not mine:
            continue
        color = _COLORS[k % len(_COLORS)]
        fig.add_trace(go.Scatter(
            x=[r["year"] for r in mine], y=[r["per_10k"] for r in mine], mode="markers",
            name=plotly_text(f"{term} · {own_label}" if own_label else term),
            marker=dict(symbol="diamond", size=12, color=color, line=dict(color="#222", width=1)),
            customdata=[[plotly_text(names.get(int(r["speech"]), f"#{r['speech']}")), r["count"]] for r in mine],
            hovertemplate="%{customdata[0]}<br>%{x}: %{y} (%{customdata[1]})<extra></extra>"))
    fig.update_layout(xaxis=dict(title=plotly_text(x_label), dtick=5),
                      yaxis=dict(title=plotly_text(y_label), rangemode="tozero"), legend=dict(orientation="h"))
    return style(fig, title=title)   # style escapes the title
