"""A self-contained HTML report: settings, tables and still-interactive charts in one file to send or attach.

All text that comes from speeches or users is escaped (``html.escape`` / pandas' escaping); the markup around it is
our own fixed template. plotly.js is embedded once, so the file opens offline.
"""
from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

__all__ = ["ReportSection", "build_report"]

_CSS = """
body{font-family:"Noto Sans SC","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;
max-width:1100px;color:#222;line-height:1.5;padding:0 1rem}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
.meta{color:#666;font-size:.9rem}.note{color:#555;font-size:.92rem}
table{border-collapse:collapse;font-size:.88rem;margin:.6rem 0}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f6fa}
dl.settings{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dl.settings dt{font-weight:600}
dl.settings dd{margin:0}
"""


@dataclass
class ReportSection:
    """One section: a heading, an optional how-to-read note, then figures and tables in order."""
    heading: str
    note: str = ""
    figures: list[go.Figure] = field(default_factory=list)
    tables: list[pd.DataFrame] = field(default_factory=list)
    max_rows: int = 200


def _table_html(df: pd.DataFrame, *, max_rows: int, more_rows: str = "… {n} more rows") -> str:
    shown = df.head(max_rows)
    out = shown.to_html(index=False, escape=True, border=0, na_rep="")
    if len(df) > max_rows:
        out += f'<p class="note">{html.escape(more_rows.format(n=len(df) - max_rows))}</p>'
    return out


def build_report(*, title: str, sections: list[ReportSection], settings: dict[str, str] | None = None,
                 lang: str = "zh", generated_label: str = "Generated", settings_label: str = "Settings",
                 more_rows: str = "… {n} more rows", contents_label: str = "") -> str:
    """The complete HTML document as a string.

    ``more_rows`` is the note under a cut table (``{n}``: rows left out); with ``contents_label`` a list of the
    sections, linked to their headings, follows the title. Charts get the toolbar of ``lang``."""
    from analysis.charts.plotly_locale import plotly_config
    from plotly.offline import get_plotlyjs

    parts = [f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">',
             f"<title>{html.escape(title)}</title><style>{_CSS}</style>",
             f'<script type="text/javascript">{get_plotlyjs()}</script></head><body>',
             f"<h1>{html.escape(title)}</h1>",
             f'<p class="meta">{html.escape(generated_label)}: '
             f'{_dt.datetime.now().strftime("%Y-%m-%d %H:%M")} · TifaLens</p>']
    if contents_label:
        links = "".join(f'<li><a href="#s{k}">{html.escape(sec.heading)}</a></li>' for k, sec in enumerate(sections))
        parts.append(f'<nav><h2>{html.escape(contents_label)}</h2><ol>{links}</ol></nav>')
    if settings:
        parts.append(f"<h2>{html.escape(settings_label)}</h2><dl class=\"settings\">")
        for k, v in settings.items():
            parts.append(f"<dt>{html.escape(str(k))}</dt><dd>{html.escape(str(v))}</dd>")
        parts.append("</dl>")
    config = plotly_config(lang, {"displaylogo": False, "responsive": True})
    for k, sec in enumerate(sections):
        parts.append(f'<h2 id="s{k}">{html.escape(sec.heading)}</h2>')
        if sec.note:
            parts.append(f'<p class="note">{html.escape(sec.note)}</p>')
        for fig in sec.figures:
            parts.append(fig.to_html(full_html=False, include_plotlyjs=False, config=config))
        for df in sec.tables:
            parts.append(_table_html(df, max_rows=sec.max_rows, more_rows=more_rows))
    parts.append("</body></html>")
    return "\n".join(parts)
