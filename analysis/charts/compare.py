"""Plotly figures for the comparison views: keyness, two-speech scatter, similarity and reuse heatmaps, trends and
the co-occurrence network.

Every builder takes plain data (DataFrames, lists, dicts) and the visible strings (titles, axis labels, legend
and hover labels) as arguments, so the same figures serve both UI languages. Text from speeches that appears in
hover boxes is HTML-escaped: Plotly renders a subset of HTML there.
"""
from __future__ import annotations

import html
import math
from typing import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from analysis.charts.words import speech_color, style, short_label

__all__ = ["keyness_bars", "comparison_scatter", "similarity_heatmap", "reuse_heatmap", "segment_trend_figure",
           "date_trend_figure", "network_figure"]

_A_COLOR, _B_COLOR, _OTHER_COLOR, _HIGHLIGHT_COLOR = "#0072B2", "#D55E00", "#BBBBBB", "#000000"


def _esc(s) -> str:
    return html.escape(str(s), quote=False)


def _hover(labels: Mapping[str, str], key: str) -> str:
    return _esc(labels.get(key, key))


def keyness_bars(table: pd.DataFrame, *, title: str, x_label: str, positive_label: str, negative_label: str,
                 value: str = "log_ratio", top: int = 15, hover_labels: Mapping[str, str] | None = None
                 ) -> go.Figure:
    """Diverging horizontal bars: the ``top`` strongest positive and negative keywords of one keyness table.

    ``table`` has the columns of :func:`analysis.compare.keyness.keyness`; strength is G², the bar length ``value``.
    """
    labels = hover_labels or {}
    pos = table[table["sign"] == "+"].nlargest(top, "g2")
    neg = table[table["sign"] == "-"].nlargest(top, "g2")
    fig = go.Figure()
    for part, name, color in ((pos, positive_label, _A_COLOR), (neg, negative_label, _B_COLOR)):
        part = part.sort_values(value)
        fig.add_trace(go.Bar(
            x=part[value], y=part["term"], orientation="h", name=name, marker_color=color,
            customdata=list(zip(part["count"], part["rest_count"], part["g2"].round(2), part["p"])),
            hovertemplate=(f"%{{y}}<br>{_hover(labels, 'count')}: %{{customdata[0]}}"
                           f"<br>{_hover(labels, 'rest_count')}: %{{customdata[1]}}"
                           f"<br>G²: %{{customdata[2]}}<br>p: %{{customdata[3]:.2g}}"
                           f"<br>{_hover(labels, value)}: %{{x:.2f}}<extra></extra>")))
    fig.update_layout(barmode="relative", xaxis_title=x_label, yaxis=dict(type="category", automargin=True))
    return style(fig, title=title, height=max(360, 22 * (len(pos) + len(neg)) + 120))


def comparison_scatter(table: pd.DataFrame, *, title: str, x_label: str, y_label: str, a_label: str,
                       b_label: str, other_label: str, highlight: str | None = None,
                       highlight_label: str = "", hover_labels: Mapping[str, str] | None = None,
                       label_top: int = 12) -> go.Figure:
    """Each term placed by its rate in A (x) and B (y), per 10,000 characters on log axes.

    ``table`` comes from :func:`analysis.compare.keyness.two_speech_table`. A term absent from one speech sits on that
    axis' floor (half the smallest non-zero rate) so it stays visible on a log scale. Distinctive terms are
    coloured by ``side`` and the ``label_top`` strongest per side are written on the plot; ``highlight`` (a term,
    or a substring of terms) is drawn on top in black.
    """
    labels = hover_labels or {}
    fig = go.Figure()
    if table.empty:
        fig.update_layout(xaxis_title=x_label, yaxis_title=y_label)
        return style(fig, title=title)
    nz_a = table.loc[table["per_10k_a"] > 0, "per_10k_a"]
    nz_b = table.loc[table["per_10k_b"] > 0, "per_10k_b"]
    floor_a = (nz_a.min() if len(nz_a) else 1.0) / 2
    floor_b = (nz_b.min() if len(nz_b) else 1.0) / 2
    df = table.assign(x=table["per_10k_a"].where(table["per_10k_a"] > 0, floor_a),
                      y=table["per_10k_b"].where(table["per_10k_b"] > 0, floor_b))
    hover = (f"<b>%{{customdata[0]}}</b><br>{_hover(labels, 'count_a')}: %{{customdata[1]}}"
             f"<br>{_hover(labels, 'count_b')}: %{{customdata[2]}}<br>G²: %{{customdata[3]}}"
             f"<br>{_hover(labels, 'log_ratio')}: %{{customdata[4]}}<br>%{{customdata[5]}}<br>%{{customdata[6]}}"
             "<extra></extra>")

    def custom(part: pd.DataFrame) -> list:
        return [[_esc(t), ca, cb, round(g, 2), round(lr, 2), _esc(sa), _esc(sb)]
                for t, ca, cb, g, lr, sa, sb in zip(part["term"], part["count_a"], part["count_b"], part["g2"],
                                                     part["log_ratio"], part["snippet_a"], part["snippet_b"])]

    for side, name, color in (("", other_label, _OTHER_COLOR), ("a", a_label, _A_COLOR), ("b", b_label, _B_COLOR)):
        part = df[df["side"] == side]
        if part.empty:
            continue
        strong = set(part.nlargest(label_top, "g2")["term"]) if side else set()
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], name=name, mode="markers+text" if side else "markers",
            text=[t if t in strong else "" for t in part["term"]], textposition="top center",
            textfont=dict(color=color, size=11),
            marker=dict(color=color, size=7 if side else 5, opacity=0.85 if side else 0.5),
            customdata=custom(part), hovertemplate=hover))
    if highlight:
        part = df[df["term"].str.contains(highlight, regex=False)]
        if not part.empty:
            fig.add_trace(go.Scatter(
                x=part["x"], y=part["y"], name=highlight_label or highlight, mode="markers+text",
                text=part["term"], textposition="bottom center", textfont=dict(color=_HIGHLIGHT_COLOR, size=13),
                marker=dict(color=_HIGHLIGHT_COLOR, size=11, symbol="diamond"),
                customdata=custom(part), hovertemplate=hover))
    lo = min(floor_a, floor_b)
    hi = max(df["x"].max(), df["y"].max())
    fig.add_trace(go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", showlegend=False, hoverinfo="skip",
                             line=dict(color="#888888", dash="dot", width=1)))
    fig.update_layout(xaxis=dict(title=x_label, type="log"), yaxis=dict(title=y_label, type="log"))
    return style(fig, title=title, height=620)


def similarity_heatmap(matrix: pd.DataFrame, *, title: str, colorbar_label: str,
                       names: Mapping[int, str] | None = None) -> go.Figure:
    """Speech × speech heatmap of values in [0, 1] with the value written in each cell."""
    names = names or {}
    ticks = [short_label(i) for i in matrix.index]
    hover_names = [_esc(names.get(int(i), short_label(i))) for i in matrix.index]
    z = matrix.to_numpy(dtype=float)
    fig = go.Figure(go.Heatmap(
        z=z, x=ticks, y=ticks, zmin=0, zmax=1, colorscale="Blues", colorbar=dict(title=colorbar_label),
        text=[[f"{v:.2f}" for v in row] for row in z], texttemplate="%{text}",
        customdata=[[[hover_names[r], hover_names[c]] for c in range(len(ticks))] for r in range(len(ticks))],
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{z:.3f}<extra></extra>"))
    fig.update_layout(yaxis=dict(autorange="reversed", type="category"), xaxis=dict(type="category"))
    return style(fig, title=title, height=max(360, 70 * len(ticks) + 140))


def reuse_heatmap(pairs: Sequence[Mapping], ids: Sequence[int], *, title: str, colorbar_label: str,
                  names: Mapping[int, str] | None = None) -> go.Figure:
    """Row speech × column speech: the share of the row speech's Han characters in passages shared with the
    column speech (``pairs`` from :func:`analysis.compare.reuse.reuse_pairs`); the diagonal is 1."""
    share = {(i, i): 1.0 for i in ids}
    for p in pairs:
        share[(p["a"], p["b"])] = p["reuse_a"]
        share[(p["b"], p["a"])] = p["reuse_b"]
    matrix = pd.DataFrame([[share.get((r, c), 0.0) for c in ids] for r in ids], index=list(ids), columns=list(ids))
    return similarity_heatmap(matrix, title=title, colorbar_label=colorbar_label, names=names)


def segment_trend_figure(table: pd.DataFrame, *, title: str, x_label: str, y_label: str,
                         names: Mapping[int, str] | None = None, value: str = "per_10k") -> go.Figure:
    """One line per speech of ``value`` across its equal parts (:func:`analysis.context.trends.trend_table`)."""
    names = names or {}
    fig = go.Figure()
    for sid, part in table.groupby("speech", sort=True):
        fig.add_trace(go.Scatter(
            x=part["segment"], y=part[value], mode="lines+markers", name=names.get(int(sid), short_label(sid)),
            line=dict(color=speech_color(sid)), customdata=part["count"],
            hovertemplate=f"%{{x}}: %{{y}} (%{{customdata}})<extra>{_esc(names.get(int(sid), short_label(sid)))}"
                          "</extra>"))
    n = int(table["segment"].max()) if not table.empty else 10
    fig.update_layout(xaxis=dict(title=x_label, tickmode="linear", tick0=1, dtick=1, range=[0.5, n + 0.5]),
                      yaxis=dict(title=y_label, rangemode="tozero"))
    return style(fig, title=title)


def date_trend_figure(table: pd.DataFrame, *, title: str, x_label: str, y_label: str,
                      names: Mapping[int, str] | None = None, value: str = "per_10k") -> go.Figure:
    """``value`` per dated speech in date order (:func:`analysis.context.trends.date_trend`), one point per speech."""
    names = names or {}
    x = [f"{d} {short_label(s)}" for d, s in zip(table["date"], table["speech"])]
    fig = go.Figure(go.Scatter(
        x=x, y=table[value], mode="lines+markers", line=dict(color="#0072B2"),
        marker=dict(color=[speech_color(s) for s in table["speech"]], size=10),
        customdata=[[_esc(names.get(int(s), short_label(s))), c] for s, c in zip(table["speech"], table["count"])],
        hovertemplate="%{customdata[0]}<br>%{x}: %{y} (%{customdata[1]})<extra></extra>"))
    fig.update_layout(xaxis=dict(title=x_label, type="category"), yaxis=dict(title=y_label, rangemode="tozero"))
    return style(fig, title=title)


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, positions: Mapping[str, tuple[float, float]], *,
                   title: str, freq_label: str, weight_label: str, degree_label: str = "") -> go.Figure:
    """Co-occurrence network: edges as lines (wider and darker for stronger weights), nodes sized by frequency.

    ``nodes``/``edges`` come from :func:`analysis.context.cooccurrence.cooccurrence`, ``positions`` from
    :func:`analysis.context.cooccurrence.spring_layout`. Hovering a node shows its frequency; hovering an edge midpoint
    shows the pair and its weight. Zoom and pan are Plotly's own.
    """
    fig = go.Figure()
    if not edges.empty:
        w = edges["weight"].astype(float)
        lo, hi = w.min(), w.max()
        span = (hi - lo) or 1.0
        # Edges in four strength bands: one trace per band keeps the figure light while showing strength.
        bands = [[] for _ in range(4)]
        for s, t, wt in zip(edges["source"], edges["target"], w):
            if s in positions and t in positions:
                bands[min(3, int((wt - lo) / span * 4))].append((positions[s], positions[t]))
        for k, segs in enumerate(bands):
            xs, ys = [], []
            for (x0, y0), (x1, y1) in segs:
                xs += [x0, x1, None]
                ys += [y0, y1, None]
            if xs:
                fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                         line=dict(width=0.6 + 1.2 * k, color=f"rgba(90,90,90,{0.25 + 0.2 * k})")))
        mids = [((positions[s][0] + positions[t][0]) / 2, (positions[s][1] + positions[t][1]) / 2, s, t, wt, c)
                for s, t, wt, c in zip(edges["source"], edges["target"], w, edges["cooc"])
                if s in positions and t in positions]
        fig.add_trace(go.Scatter(
            x=[m[0] for m in mids], y=[m[1] for m in mids], mode="markers", showlegend=False,
            marker=dict(size=6, color="rgba(0,0,0,0)"),
            customdata=[[_esc(m[2]), _esc(m[3]), round(float(m[4]), 3), int(m[5])] for m in mids],
            hovertemplate=(f"%{{customdata[0]}} — %{{customdata[1]}}<br>{_esc(weight_label)}: %{{customdata[2]}}"
                           f" (%{{customdata[3]}})<extra></extra>")))
    if not nodes.empty:
        nodes = nodes[nodes["term"].isin(list(positions))]
        fmax = max(float(nodes["freq"].max()), 1.0)
        fig.add_trace(go.Scatter(
            x=[positions[t][0] for t in nodes["term"]], y=[positions[t][1] for t in nodes["term"]],
            mode="markers+text", text=list(nodes["term"]), textposition="top center", showlegend=False,
            marker=dict(size=[10 + 26 * math.sqrt(f / fmax) for f in nodes["freq"]], color="#0072B2",
                        opacity=0.8, line=dict(color="white", width=1)),
            customdata=[[_esc(t), f, d] for t, f, d in zip(nodes["term"], nodes["freq"], nodes["degree"])],
            hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{_esc(freq_label)}: %{{customdata[1]}}"
                           + (f"<br>{_esc(degree_label)}: %{{customdata[2]}}" if degree_label else "")
                           + "<extra></extra>")))
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"), dragmode="pan")
    return style(fig, title=title, height=640)
