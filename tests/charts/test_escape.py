"""User text in Plotly figures is shown literally: no live link, no style, no bold, in the figure and in the exported
HTML. Every builder is fed the same hostile strings as titles, labels, speech names and terms."""
import json

import pandas as pd
import pytest

from analysis.charts import compare, words
from analysis.charts.escape import plotly_text
from analysis.charts.report import ReportSection, build_report

LINK = '<a href="http://127.0.0.1:9/x">点此</a>'
BIG = '<span style="font-size:90px">大</span>'
BOLD = "<b>粗体</b>"
TEMPLATE = "%{fullData.name}"   # in a hover template Plotly would fill this in
PAYLOADS = (LINK, BIG, BOLD, TEMPLATE)
RAW = ("<a ", "<span", "<b>粗", "%{fullData")


def test_plotly_text_escapes_what_plotly_reads_as_markup():
    assert plotly_text(LINK) == '&lt;a href="http://127.0.0.1:9/x"&gt;点此&lt;/a&gt;'
    assert plotly_text("A&B 50%") == "A&amp;B 50&#37;"
    assert plotly_text("&lt;") == "&amp;lt;"          # shown as the five characters &lt;, not as <
    assert plotly_text('"引号" 发展') == '"引号" 发展'     # Plotly does not decode &quot;, so quotes stay as they are
    assert plotly_text(3) == "3"


def _strings(fig) -> list[str]:
    """Every string in the figure as Plotly receives it."""
    out = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
    walk(json.loads(fig.to_json()))
    return out


def _assert_inert(fig):
    text = "\n".join(_strings(fig))
    for raw in RAW:
        assert raw not in text, raw
    assert "&lt;a href" in text and "&lt;span style" in text and "&lt;b&gt;粗体" in text


def _figures():
    names = {1: LINK, 2: BIG + BOLD, 3: TEMPLATE}
    long = pd.DataFrame({"speech": [1, 2, 3, 1], "term": [LINK, BIG, BOLD, TEMPLATE], "count": [3, 2, 1, 1]})
    yield words.grouped_bar(long, value="count", names=names, title=LINK, x_label=BIG, y_label=BOLD)
    many = pd.DataFrame({"speech": list(range(1, 15)), "term": [LINK] * 14, "count": [1] * 14})
    yield words.grouped_bar(many, value="count", names=names, title=LINK, x_label=BIG, y_label=BOLD,
                            total_label=BOLD + TEMPLATE)
    pivot = long.pivot_table(index="term", columns="speech", values="count", fill_value=0)
    yield words.term_heatmap(pivot, names=names, title=LINK, value_label=BIG + BOLD + TEMPLATE)
    overview = pd.DataFrame({"id": [1, 2, 3], "chars": [10, 20, 30]})
    yield words.overview_bars(overview, column="chars", names=names, title=LINK, y_label=BIG + BOLD + TEMPLATE)
    key = pd.DataFrame({"term": [LINK, BIG, BOLD, TEMPLATE], "sign": ["+", "+", "-", "-"], "count": [5, 4, 1, 1],
                        "rest_count": [1, 1, 5, 4], "g2": [9.0, 8.0, 7.0, 6.0], "p": [0.01] * 4,
                        "log_ratio": [2.0, 1.5, -1.5, -2.0]})
    yield compare.keyness_bars(key, title=LINK, x_label=BIG, positive_label=BOLD, negative_label=TEMPLATE,
                               hover_labels={"count": LINK, "rest_count": BIG, "log_ratio": BOLD})
    pair = pd.DataFrame({"term": [LINK, BIG, BOLD, TEMPLATE], "count_a": [5, 1, 3, 2], "count_b": [1, 5, 3, 2],
                         "per_10k_a": [5.0, 1.0, 3.0, 0.0], "per_10k_b": [1.0, 5.0, 3.0, 2.0],
                         "g2": [9.0, 9.0, 0.1, 0.2], "log_ratio": [2.0, -2.0, 0.0, -1.0], "side": ["a", "b", "", ""],
                         "snippet_a": [LINK] * 4, "snippet_b": [BIG] * 4})
    yield compare.comparison_scatter(pair, title=LINK, x_label=BIG, y_label=BOLD, a_label=LINK, b_label=BIG,
                                     other_label=BOLD, highlight="<", highlight_label=f"含“{LINK}”",
                                     hover_labels={"count_a": LINK, "count_b": BIG, "log_ratio": BOLD})
    matrix = pd.DataFrame([[1.0, 0.5], [0.5, 1.0]], index=[1, 2], columns=[1, 2])
    yield compare.similarity_heatmap(matrix, title=LINK, colorbar_label=BIG + BOLD + TEMPLATE, names=names)
    seg = pd.DataFrame({"speech": [1, 1, 2, 2], "segment": [1, 2, 1, 2], "per_10k": [1.0, 2.0, 3.0, 4.0],
                        "count": [1, 2, 3, 4]})
    yield compare.segment_trend_figure(seg, title=LINK, x_label=BIG, y_label=BOLD + TEMPLATE, names=names)
    dated = pd.DataFrame({"speech": [1, 2], "date": ["2020", "2021"], "per_10k": [1.0, 2.0], "count": [1, 2]})
    yield compare.date_trend_figure(dated, title=LINK, x_label=BIG, y_label=BOLD + TEMPLATE, names=names)
    nodes = pd.DataFrame({"term": [LINK, BIG], "freq": [3, 2], "degree": [1, 1]})
    edges = pd.DataFrame({"source": [LINK], "target": [BIG], "weight": [0.5], "cooc": [2]})
    yield compare.network_figure(nodes, edges, {LINK: (0.0, 0.0), BIG: (1.0, 1.0)}, title=LINK + BOLD,
                                 freq_label=BIG + TEMPLATE, weight_label=BOLD, degree_label=LINK)


@pytest.mark.parametrize("fig", list(_figures()), ids=lambda f: f.data[0].type if f.data else "empty")
def test_every_builder_shows_user_text_literally(fig):
    _assert_inert(fig)


def test_our_own_hover_markup_is_kept():
    key = pd.DataFrame({"term": ["发展"], "sign": ["+"], "count": [5], "rest_count": [1], "g2": [9.0], "p": [0.01],
                        "log_ratio": [2.0]})
    fig = compare.keyness_bars(key, title="T", x_label="X", positive_label="P", negative_label="N")
    assert "<br>" in fig.data[0].hovertemplate and "%{customdata[0]}" in fig.data[0].hovertemplate


def test_exported_html_of_a_chart_and_of_the_report_has_no_live_markup():
    names = {1: BOLD, 2: LINK}
    long = pd.DataFrame({"speech": [1, 2], "term": ["发展", BIG], "count": [3, 2]})
    fig = words.grouped_bar(long, value="count", names=names, title=LINK, x_label="x", y_label="y")
    for page in (fig.to_html(include_plotlyjs=False, full_html=True),
                 build_report(title=LINK, sections=[ReportSection(heading=BOLD, figures=[fig])])):
        assert LINK not in page and BIG not in page and BOLD not in page
        assert "&lt;a href=\\\"http://127.0.0.1:9/x\\\"&gt;" in page or "&lt;a href=" in page
