"""Charts and tables with their export buttons (CSV, Excel, PNG, SVG, interactive HTML).

Export files are built only when a button is clicked (callables passed to ``st.download_button``), so drawing a
page never pays for them.
"""
from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from analysis.charts.plotly_locale import plotly_config
from ui.i18n import lang, tr
from ui.data import _static_export_available

PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def _excel_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as xw:
        df.to_excel(xw, index=False, sheet_name="data")
    return buf.getvalue()


def _figure_image(fig: go.Figure, fmt: str) -> bytes:
    from analysis.charts.export import figure_image
    try:
        return figure_image(fig, fmt=fmt)
    except RuntimeError as exc:
        # Returned as the file itself so the user learns why, instead of a silent failure.
        return f"{exc}\n".encode("utf-8")


def table(df: pd.DataFrame | Styler, *, key: str, file_stem: str, column_config: dict | None = None,
          height: int | str = "auto", on_select=None) -> None:
    """A sortable table with CSV and Excel downloads.

    ``df`` may be a pandas Styler (colours are shown, the downloads hold the plain data). ``on_select`` is an
    optional callback run when the user selects a row (single-row selection, state under ``df_<key>``).
    """
    select = {"on_select": on_select, "selection_mode": "single-row"} if on_select is not None else {}
    st.dataframe(df, hide_index=True, key=f"df_{key}", column_config=column_config, height=height, **select)
    if isinstance(df, Styler):
        df = df.data
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(tr("下载 CSV", "Download CSV"), lambda: df.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"{file_stem}.csv", mime="text/csv", key=f"csv_{key}")
    c2.download_button(tr("下载 Excel", "Download Excel"), lambda: _excel_bytes(df),
                       file_name=f"{file_stem}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{key}")


def chart(fig: go.Figure, *, key: str, config: dict | None = None) -> None:
    """An interactive Plotly chart with PNG, SVG and HTML downloads in a small menu; ``config`` adds Plotly
    options (e.g. ``{"scrollZoom": True}``)."""
    st.plotly_chart(fig, key=f"chart_{key}", config=plotly_config(lang(), {**PLOTLY_CONFIG, **(config or {})}))
    with st.popover(tr("导出图表", "Export chart")):
        if _static_export_available():
            st.download_button("PNG", lambda: _figure_image(fig, "png"), file_name=f"{key}.png",
                               mime="image/png", key=f"png_{key}")
            st.download_button("SVG", lambda: _figure_image(fig, "svg"), file_name=f"{key}.svg",
                               mime="image/svg+xml", key=f"svg_{key}")
        else:
            st.caption(tr("PNG 和 SVG 导出需要本机安装 Chrome 或 Chromium；也可用图表右上角的相机按钮保存 PNG。",
                          "PNG and SVG export need Chrome or Chromium on this computer; the camera button at the "
                          "chart's top right also saves a PNG."))
        st.download_button(tr("交互式 HTML", "Interactive HTML"),
                           lambda: fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8"),
                           file_name=f"{key}.html", mime="text/html", key=f"html_{key}")
