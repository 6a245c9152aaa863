import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.charts.compare import (comparison_scatter, date_trend_figure, keyness_bars, network_figure,
                                     reuse_heatmap, segment_trend_figure, similarity_heatmap)
from analysis.context.cooccurrence import cooccurrence, spring_layout
from analysis.ingest.corpus import load_default_corpus
from analysis.compare.keyness import keyness, two_speech_table
from analysis.text.lexicon import load_lexicon
from analysis.pipeline import segment_all
from analysis.compare.reuse import reuse_pairs
from analysis.compare.similarity import similarity_matrix
from analysis.text.counts import term_counts
from analysis.text.stopwords import load_builtin
from analysis.context.trends import date_trend, trend_table


@pytest.fixture(scope="module")
def corpus():
    speeches = load_default_corpus()
    return speeches, segment_all(speeches, lexicon=load_lexicon())


@pytest.fixture(scope="module")
def pair_table(corpus):
    speeches, segs = corpus
    a, b = speeches[0], speeches[4]
    return two_speech_table(term_counts(segs[1])[0], term_counts(segs[5])[0], chars_a=len(a.text),
                            chars_b=len(b.text), text_a=a.text, text_b=b.text, seg_a=segs[1], seg_b=segs[5])


def test_keyness_bars_use_given_labels():
    table = keyness({"甲": 30, "乙": 2, "丙": 5}, {"甲": 3, "乙": 25, "丙": 5}, target_total=500,
                    reference_total=500)
    fig = keyness_bars(table, title="T1", x_label="XL", positive_label="P", negative_label="N",
                       hover_labels={"count": "C<b>"})
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "T1" and fig.layout.xaxis.title.text == "XL"
    assert [t.name for t in fig.data] == ["P", "N"]
    assert list(fig.data[0].y) == ["甲"] and list(fig.data[1].y) == ["乙"]
    assert "C&lt;b&gt;:" in fig.data[0].hovertemplate


def test_comparison_scatter(pair_table):
    fig = comparison_scatter(pair_table, title="T", x_label="A rate", y_label="B rate", a_label="A", b_label="B",
                             other_label="O", highlight="发展", highlight_label="H")
    names = [t.name for t in fig.data]
    assert names[:4] == ["O", "A", "B", "H"]
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"
    assert fig.layout.xaxis.title.text == "A rate"
    h = fig.data[3]
    assert all("发展" in t for t in h.text if t) and any(h.text)   # labelled where a label fits
    # Terms absent from one speech sit on a positive floor so the log axis can show them.
    assert min(min(t.x) for t in fig.data[:4]) > 0 and min(min(t.y) for t in fig.data[:4]) > 0
    growth = [cd for cd in fig.data[2].customdata if cd[0] == "增长"][0]
    assert growth[1] == 0 and growth[2] == 30 and "【增长】" in growth[6]
    n_a = (pair_table.side == "a").sum()
    assert len(fig.data[1].x) == n_a


def test_heatmaps(corpus):
    speeches, segs = corpus
    m = similarity_matrix(speeches, features="char")
    fig = similarity_heatmap(m, title="S", colorbar_label="cos", names={1: "#1 <x>"})
    hm = fig.data[0]
    assert hm.zmin == 0 and hm.zmax == 1 and list(hm.x) == ["#1", "#2", "#3", "#4", "#5"]
    assert hm.customdata[0][1][0] == "#1 &lt;x&gt;"
    rows = reuse_pairs(speeches)
    fig = reuse_heatmap(rows, [sp.id for sp in speeches], title="R", colorbar_label="share")
    z = fig.data[0].z
    assert z[1][3] == pytest.approx(0.9771) and z[3][1] == pytest.approx(0.8513) and z[0][4] == 0.0


def test_trend_figures(corpus):
    speeches, _ = corpus
    fig = segment_trend_figure(trend_table(speeches, "势"), title="T", x_label="part", y_label="rate")
    assert len(fig.data) == 5 and list(fig.data[1].x) == list(range(1, 11))
    fig = date_trend_figure(date_trend(speeches, "发展"), title="D", x_label="date", y_label="rate")
    # A year alone sits in the middle of that year on a real date axis.
    assert [str(x)[:10] for x in fig.data[0].x] == ["2021-07-01"] and fig.layout.xaxis.type == "date"
    assert fig.layout.yaxis.title.text == "rate"


def test_network_figure(corpus):
    speeches, segs = corpus
    nodes, edges = cooccurrence(speeches, segs, stopwords=load_builtin("general"), top_n=25)
    pos = spring_layout(list(nodes.term), list(edges[["source", "target", "weight"]].itertuples(index=False)))
    fig = network_figure(nodes, edges, pos, title="N", freq_label="F", weight_label="W", degree_label="D")
    node_trace = fig.data[-1]
    assert list(node_trace.text) == list(nodes.term)
    assert "F:" in node_trace.hovertemplate and "D:" in node_trace.hovertemplate
    mid = fig.data[-2]
    assert len(mid.x) == len(edges)
    line_points = sum(len([v for v in t.x if v is not None]) for t in fig.data[:-2])
    assert line_points == 2 * len(edges)
    empty = network_figure(pd.DataFrame(columns=["term", "freq", "degree"]),
                           pd.DataFrame(columns=["source", "target", "cooc", "weight"]), {},
                           title="E", freq_label="F", weight_label="W")
    assert len(empty.data) == 0
