"""Charts: figures and documents built from the counts.

Plotly figures for the word and comparison views, word clouds from our own counts, static image export and
the self-contained HTML report. Labels come in as arguments so both UI languages share the same code."""
