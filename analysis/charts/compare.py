"""Plotly figures for the comparison views: keyness, two-speech scatter, similarity and reuse heatmaps, trends and
the co-occurrence network.

Every builder takes plain data (DataFrames, lists, dicts) and the visible strings (titles, axis labels, legend
and hover labels) as arguments, so the same figures serve both UI languages. Every string shown (titles, labels,
terms, speech names, snippets) passes through :func:`analysis.charts.escape.plotly_text` inside these builders:
Plotly renders a subset of HTML in all of them, and callers pass plain text.
"""
from __future__ import annotations

import math
from typing import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from analysis.charts.escape import plotly_text
from analysis.charts.labels import place_labels, to_pixels
from analysis.charts.words import speech_color, style, short_label

__all__ = ["keyness_bars", "comparison_scatter", "similarity_heatmap", "reuse_heatmap", "segment_trend_figure",
           "date_trend_figure", "year_trend_figure", "network_figure"]

_A_COLOR, _B_COLOR, _OTHER_COLOR, _HIGHLIGHT_COLOR = "#0072B2", "#D55E00", "#BBBBBB", "#000000"


def _hover(labels: Mapping[str, str], key: str) -> str:
    return plotly_text(labels.get(key, key))


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
            x=part[value], y=[plotly_text(t) for t in part["term"]], orientation="h", name=plotly_text(name),
            marker_color=color,
            customdata=list(zip(part["count"], part["rest_count"], part["g2"].round(2), part["p"])),
            hovertemplate=(f"%{{y}}<br>{_hover(labels, 'count')}: %{{customdata[0]}}"
                           f"<br>{_hover(labels, 'rest_count')}: %{{customdata[1]}}"
                           f"<br>G²: %{{customdata[2]}}<br>p: %{{customdata[3]:.2g}}"
                           f"<br>{_hover(labels, value)}: %{{x:.2f}}<extra></extra>")))
    fig.update_layout(barmode="relative", xaxis_title=plotly_text(x_label),
                      yaxis=dict(type="category", automargin=True))
    return style(fig, title=title, height=max(360, 22 * (len(pos) + len(neg)) + 120))


#: The plot area of :func:`comparison_scatter` in pixels (height 620 less title, legend and axis titles).
SCATTER_PLOT = (780.0, 450.0)


def _log_ticks(floor: float, hi: float, zero_label: str) -> dict:
    """Tick values of a log axis: ``zero_label`` at the floor, then 1-2-5 steps clear of it."""
    vals, text = [floor], [zero_label]
    k = math.floor(math.log10(floor))
    while True:
        for m in (1, 2, 5):
            v = m * 10 ** k
            if v > hi * 1.05:
                return {"tickmode": "array", "tickvals": vals, "ticktext": text}
            if v >= floor * 1.6:
                vals.append(v)
                text.append(f"{v:g}")
        k += 1


def comparison_scatter(table: pd.DataFrame, *, title: str, x_label: str, y_label: str, a_label: str,
                       b_label: str, other_label: str, highlight: str | None = None,
                       highlight_label: str = "", hover_labels: Mapping[str, str] | None = None,
                       label_top: int = 12, zero_label: str = "0") -> go.Figure:
    """Each term placed by its rate in A (x) and B (y), per 10,000 characters on log axes.

    ``table`` comes from :func:`analysis.compare.keyness.two_speech_table`. A term absent from one speech sits on that
    axis' floor (half the smallest non-zero rate) so it stays visible on a log scale; the floor is drawn as a dashed
    line whose tick reads ``zero_label``. Distinctive terms are coloured by ``side`` and the ``label_top`` strongest
    per side are written on the plot where their label overlaps no other label or point (see
    :mod:`analysis.charts.labels`); ``highlight`` (a term, or a substring of terms) is drawn on top in black.
    """
    labels = hover_labels or {}
    fig = go.Figure()
    if table.empty:
        fig.update_layout(xaxis_title=plotly_text(x_label), yaxis_title=plotly_text(y_label))
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
        return [[plotly_text(t), ca, cb, round(g, 2), round(lr, 2), plotly_text(sa), plotly_text(sb)]
                for t, ca, cb, g, lr, sa, sb in zip(part["term"], part["count_a"], part["count_b"], part["g2"],
                                                     part["log_ratio"], part["snippet_a"], part["snippet_b"])]

    lo = min(floor_a, floor_b)
    hi = max(df["x"].max(), df["y"].max())
    # Labels for the strongest terms of each side, placed together so that none is printed over another label
    # or a point (the highlighted terms first); a term left unlabelled still names itself on hover.
    strong = set()
    for side in ("a", "b"):
        strong |= set(df[df["side"] == side].nlargest(label_top, "g2")["term"])
    hit = df["term"].str.contains(highlight, regex=False) if highlight else pd.Series(False, index=df.index)
    w, h = SCATTER_PLOT
    px = list(zip(to_pixels(df["x"], lo=lo, hi=hi, size=w, log=True),
                  to_pixels(df["y"], lo=lo, hi=hi, size=h, log=True)))
    idx = list(range(len(df)))
    order = ([i for i in idx if hit.iloc[i]]
             + sorted((i for i in idx if not hit.iloc[i] and df["term"].iloc[i] in strong),
                      key=lambda i: -float(df["g2"].iloc[i])))
    where = place_labels(px, [str(t) for t in df["term"]], order=order, radii=4.0, font_size=11.0,
                         bounds=(0.0, 0.0, w, h))
    df = df.assign(_where=[wh or "" for wh in where], _hit=list(hit))

    for side, name, color in (("", other_label, _OTHER_COLOR), ("a", a_label, _A_COLOR), ("b", b_label, _B_COLOR)):
        part = df[df["side"] == side]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], name=plotly_text(name), mode="markers+text" if side else "markers",
            text=[plotly_text(t) if wh and side and not hl else ""          # highlighted: labelled in black below
                  for t, wh, hl in zip(part["term"], part["_where"], part["_hit"])],
            textposition=[wh or "top center" for wh in part["_where"]],
            textfont=dict(color=color, size=11),
            marker=dict(color=color, size=7 if side else 5, opacity=0.85 if side else 0.5),
            customdata=custom(part), hovertemplate=hover))
    if highlight:
        part = df[df["_hit"]]
        if not part.empty:
            fig.add_trace(go.Scatter(
                x=part["x"], y=part["y"], name=plotly_text(highlight_label or highlight), mode="markers+text",
                text=[plotly_text(t) if wh else "" for t, wh in zip(part["term"], part["_where"])],
                textposition=[wh or "bottom center" for wh in part["_where"]],
                textfont=dict(color=_HIGHLIGHT_COLOR, size=13),
                marker=dict(color=_HIGHLIGHT_COLOR, size=11, symbol="diamond"),
                customdata=custom(part), hovertemplate=hover))
    fig.add_trace(go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", showlegend=False, hoverinfo="skip",
                             line=dict(color="#888888", dash="dot", width=1)))
    # A term absent from one speech sits on that axis' floor: the floor is a dashed line with the tick "0", so it
    # does not read as a small rate.
    fig.add_vline(x=floor_a, line=dict(color="#999999", dash="dash", width=1))
    fig.add_hline(y=floor_b, line=dict(color="#999999", dash="dash", width=1))
    fig.update_layout(xaxis=dict(title=plotly_text(x_label), type="log", **_log_ticks(floor_a, hi, zero_label)),
                      yaxis=dict(title=plotly_text(y_label), type="log", **_log_ticks(floor_b, hi, zero_label)))
    return style(fig, title=title, height=620)


def similarity_heatmap(matrix: pd.DataFrame, *, title: str, colorbar_label: str,
                       names: Mapping[int, str] | None = None) -> go.Figure:
    """Speech × speech heatmap of values in [0, 1] with the value written in each cell."""
    names = names or {}
    ticks = [short_label(i) for i in matrix.index]
    hover_names = [plotly_text(names.get(int(i), short_label(i))) for i in matrix.index]
    z = matrix.to_numpy(dtype=float)
    fig = go.Figure(go.Heatmap(
        z=z, x=ticks, y=ticks, zmin=0, zmax=1, colorscale="Blues", colorbar=dict(title=plotly_text(colorbar_label)),
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


def _side_legend(fig: go.Figure, n: int) -> None:
    """More than a few legend entries would wrap into rows over the title: list them beside the plot instead."""
    if n > 4:
        fig.update_layout(legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top"))


def segment_trend_figure(table: pd.DataFrame, *, title: str, x_label: str, y_label: str,
                         names: Mapping[int, str] | None = None, value: str = "per_10k",
                         pooled: pd.DataFrame | None = None, pooled_label: str = "") -> go.Figure:
    """One line per speech of ``value`` across its equal parts (:func:`analysis.context.trends.trend_table`).

    ``pooled`` (:func:`analysis.context.trend_summary.pooled_segments`) adds one thick dark line for all speeches
    together, named ``pooled_label``. Beyond four lines the legend sits beside the plot, clear of the title."""
    names = names or {}
    fig = go.Figure()
    for sid, part in table.groupby("speech", sort=True):
        fig.add_trace(go.Scatter(
            x=part["segment"], y=part[value], mode="lines+markers",
            name=plotly_text(names.get(int(sid), short_label(sid))),
            line=dict(color=speech_color(sid)), customdata=part["count"],
            hovertemplate=f"%{{x}}: %{{y}} (%{{customdata}})<extra>{plotly_text(names.get(int(sid), short_label(sid)))}"
                          "</extra>"))
    if pooled is not None and not pooled.empty:
        fig.add_trace(go.Scatter(
            x=pooled["segment"], y=pooled[value], mode="lines", name=plotly_text(pooled_label), line=dict(color="#333333",
                                                                                              width=4, dash="dot"),
            customdata=pooled["count"],
            hovertemplate=f"%{{x}}: %{{y}} (%{{customdata}})<extra>{plotly_text(pooled_label)}</extra>"))
    n = int(table["segment"].max()) if not table.empty else 10
    fig.update_layout(xaxis=dict(title=plotly_text(x_label), tickmode="linear", tick0=1, dtick=1, range=[0.5, n + 0.5]),
                      yaxis=dict(title=plotly_text(y_label), rangemode="tozero"))
    style(fig, title=title)
    _side_legend(fig, len(fig.data))
    return fig


def date_trend_figure(table: pd.DataFrame, *, title: str, x_label: str, y_label: str,
                      names: Mapping[int, str] | None = None, value: str = "per_10k",
                      precision_labels: Mapping[str, str] | None = None) -> go.Figure:
    """``value`` per dated speech on a date axis, one point per speech, oldest first.

    ``table`` comes from :func:`analysis.context.trend_summary.dated_points` (a date given as a year or a month
    alone sits in the middle of it; the hover says so with ``precision_labels``, e.g. ``{"year": "年份"}``), or
    straight from :func:`analysis.context.trends.date_trend`."""
    from analysis.context.trend_summary import dated_points
    names = names or {}
    labels = precision_labels or {}
    if "when" not in table.columns:
        table = dated_points(table)
    shown = [plotly_text(d) + (f" ({plotly_text(labels[p])})" if labels.get(p) else "")
             for d, p in zip(table["date"], table["precision"])]
    fig = go.Figure(go.Scatter(
        x=table["when"], y=table[value], mode="lines+markers", line=dict(color="#0072B2"),
        marker=dict(color=[speech_color(s) for s in table["speech"]], size=10),
        customdata=[[plotly_text(names.get(int(s), short_label(s))), c, d]
                    for s, c, d in zip(table["speech"], table["count"], shown)],
        hovertemplate="%{customdata[0]}<br>%{customdata[2]}: %{y} (%{customdata[1]})<extra></extra>"))
    fig.update_layout(xaxis=dict(title=plotly_text(x_label), type="date"), yaxis=dict(title=plotly_text(y_label), rangemode="tozero"))
    return style(fig, title=title)


def year_trend_figure(table: pd.DataFrame, *, title: str, x_label: str, y_label: str, speeches_label: str,
                      value: str = "per_10k") -> go.Figure:
    """``value`` per year (:func:`analysis.context.trend_summary.year_trend`), the speeches of a year pooled;
    the marker grows with the number of speeches, which the hover gives too."""
    n = table["speeches"].astype(int) if not table.empty else pd.Series(dtype=int)
    fig = go.Figure(go.Scatter(
        x=table["year"].astype(int), y=table[value], mode="lines+markers", line=dict(color="#0072B2"),
        marker=dict(color="#0072B2", size=[8 + 3 * min(int(k), 8) for k in n]),
        customdata=list(zip(n, table["count"])),
        hovertemplate=(f"%{{x}}: %{{y}} (%{{customdata[1]}})<br>{plotly_text(speeches_label)}: %{{customdata[0]}}"
                       "<extra></extra>")))
    fig.update_layout(xaxis=dict(title=plotly_text(x_label), tickmode="linear", dtick=1, tickformat="d"),
                      yaxis=dict(title=plotly_text(y_label), rangemode="tozero"))
    return style(fig, title=title)


#: The plot area of :func:`network_figure` in pixels (height 640 less the title and margins; a typical width).
NETWORK_PLOT = (820.0, 540.0)


def _network_pixels(xs: Sequence[float], ys: Sequence[float]) -> list[tuple[float, float]]:
    """Node positions in pixels, as Plotly draws them: one scale for both axes (``scaleanchor``)."""
    if not xs:
        return []
    w, h = NETWORK_PLOT
    xr, yr = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale = min(w / (xr * 1.1), h / (yr * 1.1))
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [(w / 2 + (x - cx) * scale, h / 2 + (y - cy) * scale) for x, y in zip(xs, ys)]


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
            customdata=[[plotly_text(m[2]), plotly_text(m[3]), round(float(m[4]), 3), int(m[5])] for m in mids],
            hovertemplate=(f"%{{customdata[0]}} — %{{customdata[1]}}<br>{plotly_text(weight_label)}: %{{customdata[2]}}"
                           f" (%{{customdata[3]}})<extra></extra>")))
    if not nodes.empty:
        nodes = nodes[nodes["term"].isin(list(positions))]
        fmax = max(float(nodes["freq"].max()), 1.0)
        xs, ys = [positions[t][0] for t in nodes["term"]], [positions[t][1] for t in nodes["term"]]
        sizes = [10 + 26 * math.sqrt(f / fmax) for f in nodes["freq"]]
        terms = [str(t) for t in nodes["term"]]
        # Labels where they fit: the most frequent terms first, none over another label or node.
        where = place_labels(_network_pixels(xs, ys), terms, radii=[z / 2 for z in sizes], font_size=13,
                             order=sorted(range(len(terms)), key=lambda i: -float(nodes["freq"].iloc[i])))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers+text", text=[plotly_text(t) if w else "" for t, w in zip(terms, where)],
            textposition=[w or "top center" for w in where], showlegend=False,
            marker=dict(size=sizes, color="#0072B2",
                        opacity=0.8, line=dict(color="white", width=1)),
            customdata=[[plotly_text(t), f, d] for t, f, d in zip(nodes["term"], nodes["freq"], nodes["degree"])],
            hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{plotly_text(freq_label)}: %{{customdata[1]}}"
                           + (f"<br>{plotly_text(degree_label)}: %{{customdata[2]}}" if degree_label else "")
                           + "<extra></extra>")))
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"), dragmode="pan")
    return style(fig, title=title, height=640)
