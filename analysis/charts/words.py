"""Plotly figures for the word views. Labels come in as arguments so the same figures serve both UI languages.

Every string shown (titles, labels, terms, speech names) passes through :func:`analysis.charts.escape.plotly_text`
inside these builders: callers pass plain text.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.charts.escape import plotly_text

__all__ = ["PALETTE", "speech_color", "grouped_bar", "term_heatmap", "overview_bars",
           "FONT_FAMILY", "style", "short_label", "legend_label"]

#: Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT_FAMILY = "Noto Sans SC, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


def speech_color(speech_id: int) -> str:
    """The colour of a speech in every chart (by id, so it never changes when others are deselected)."""
    return PALETTE[(int(speech_id) - 1) % len(PALETTE)]


def short_label(speech_id: int) -> str:
    """Axis label of a speech: its number (titles of a compilation are often identical)."""
    return f"#{int(speech_id)}"


def legend_label(speech_id: int, title: str, *, width: int = 12) -> str:
    """Legend label: number plus the start of the title, short enough to keep legends on one or two rows."""
    title = title if len(title) <= width else title[:width - 1] + "…"
    return f"#{int(speech_id)} {title}"


def style(fig: go.Figure, *, title: str = "", height: int | None = None) -> go.Figure:
    """Shared layout: CJK-capable font stack, readable margins, legend on top."""
    fig.update_layout(title=dict(text=plotly_text(title), x=0, xanchor="left", y=0.98, yanchor="top")
                      if title else None,
                      font=dict(family=FONT_FAMILY, size=13), margin=dict(l=10, r=10, t=90 if title else 40, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
                      height=height, paper_bgcolor="white", plot_bgcolor="white", colorway=list(PALETTE),
                      hoverlabel=dict(font=dict(family=FONT_FAMILY)))
    # The look of the "plotly_white" template, set directly: applying a template deep-copies it on every figure.
    fig.update_xaxes(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8", automargin=True)
    fig.update_yaxes(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8", automargin=True)
    return fig


#: Above this many speeches a grouped bar chart is unreadable; the chart shows totals and the heatmap the detail.
MAX_GROUPED = 12


def grouped_bar(table: pd.DataFrame, *, value: str, names: dict[int, str], title: str, x_label: str,
                y_label: str, terms: list[str] | None = None, total_label: str = "Σ") -> go.Figure:
    """Grouped bars of ``value`` per term, one bar colour per speech.

    ``table`` is a long table with ``speech, term, <value>``; ``terms`` fixes the order on the x axis (default: by
    total descending); ``names`` maps speech id to its legend label. With more than :data:`MAX_GROUPED` speeches
    one bar per term shows the total (sum of ``value``) under the legend label ``total_label``.
    """
    part = table[["speech", "term", value]].astype({"term": str})
    if terms is None:
        totals = part.groupby("term")[value].sum()
        terms = sorted(totals.index, key=lambda t: (-totals[t], t))
    speech_ids = sorted(part["speech"].unique())
    traces = []
    if len(speech_ids) > MAX_GROUPED:
        totals = part.groupby("term")[value].sum()
        traces.append(go.Bar(name=plotly_text(total_label), x=[plotly_text(t) for t in terms],
                             y=[round(float(totals.get(t, 0)), 2) for t in terms],
                             marker_color=PALETTE[0], hovertemplate="%{x}<br>%{y}<extra></extra>"))
    else:
        wide = part.pivot_table(index="term", columns="speech", values=value, aggfunc="sum", fill_value=0)
        wide = wide.reindex(terms, fill_value=0)
        for sid in speech_ids:
            label = plotly_text(names.get(int(sid), str(sid)))   # titles are user text
            traces.append(go.Bar(name=label, x=[plotly_text(t) for t in terms], y=wide[sid].tolist(),
                                 marker_color=speech_color(sid),
                                 hovertemplate="%{x}<br>" + label + "<br>%{y}<extra></extra>"))
    fig = go.Figure(data=traces)
    fig.update_layout(barmode="group", xaxis_title=plotly_text(x_label), yaxis_title=plotly_text(y_label),
                      xaxis_tickangle=-45,
                      showlegend=True)
    return style(fig, title=title, height=460)


def term_heatmap(pivot: pd.DataFrame, *, names: dict[int, str], title: str, value_label: str) -> go.Figure:
    """Term × speech heatmap of a pivot table (rows terms, columns speech ids)."""
    cols = [short_label(c) for c in pivot.columns]
    full = [plotly_text(names.get(int(c), str(c))) for c in pivot.columns]
    fig = go.Figure(go.Heatmap(z=pivot.values, x=cols, y=[plotly_text(t) for t in pivot.index], colorscale="Blues",
                               colorbar=dict(title=plotly_text(value_label)), customdata=[full] * len(pivot.index),
                               hovertemplate="%{y} · %{customdata}<br>" + plotly_text(value_label)
                                             + ": %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=12), type="category")
    fig.update_xaxes(side="top", type="category")   # "#1" would otherwise be read as the number 1
    return style(fig, title=title, height=max(320, 22 * len(pivot.index) + 140))


def overview_bars(overview: pd.DataFrame, *, column: str, names: dict[int, str], title: str,
                  y_label: str) -> go.Figure:
    """One bar per speech for an overview column (e.g. masked share), coloured per speech."""
    fig = go.Figure(go.Bar(x=[short_label(i) for i in overview["id"]], y=overview[column],
                           marker_color=[speech_color(i) for i in overview["id"]],
                           customdata=[plotly_text(names.get(int(i), str(i))) for i in overview["id"]],
                           hovertemplate="%{customdata}<br>%{y}<extra></extra>"))
    fig.update_layout(yaxis_title=plotly_text(y_label), showlegend=False, xaxis_type="category")
    return style(fig, title=title, height=320)
