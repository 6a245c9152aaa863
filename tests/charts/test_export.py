"""Static chart images through kaleido and the system Chromium the browser tests install."""
import plotly.graph_objects as go
import pytest

from analysis.charts.export import figure_image, find_browser
from tests.browser_support import chromium_path


def test_png_and_svg_of_a_chart_with_chinese_labels(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", chromium_path())
    fig = go.Figure(go.Bar(x=["工作", "发展"], y=[47, 15]))
    png = figure_image(fig, fmt="png")
    svg = figure_image(fig, fmt="svg")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    assert svg.lstrip().startswith(b"<svg") and "工作".encode() in svg


def test_without_a_browser_the_error_says_what_to_do(monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert find_browser() is None
    with pytest.raises(RuntimeError, match="Chrome or Chromium"):
        figure_image(go.Figure(), fmt="png")
