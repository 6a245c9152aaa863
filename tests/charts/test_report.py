"""The self-contained HTML report: escaped user text, embedded plotly.js, settings and sections."""
import pandas as pd
import plotly.graph_objects as go

from analysis.charts.report import ReportSection, build_report


def test_report_is_self_contained_and_escapes_user_text():
    evil = "<script>alert(1)</script>"
    html_text = build_report(
        title=f"报告 {evil}", settings={"讲话": evil},
        sections=[ReportSection(heading="概览", note=evil, tables=[pd.DataFrame({"标题": [evil], "汉字数": [2962]})],
                                figures=[go.Figure(go.Bar(x=[evil, "工作"], y=[1, 47]))])])
    assert "<script>alert(1)</script>" not in html_text
    assert html_text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    assert "2962" in html_text and "Plotly.newPlot" in html_text
    assert "<script src=" not in html_text and '<script type="text/javascript">' in html_text
    assert len(html_text) > 3_000_000   # plotly.js is embedded, so the file opens offline


def test_long_tables_are_cut_with_a_note():
    df = pd.DataFrame({"n": range(250)})
    html_text = build_report(title="t", sections=[ReportSection(heading="h", tables=[df], max_rows=100)])
    assert "<td>99</td>" in html_text and "<td>100</td>" not in html_text and "150 more rows" in html_text
