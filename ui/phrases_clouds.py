"""Word clouds of phrases: one cloud per speech from any phrase type, each phrase coloured by its class."""
from __future__ import annotations

import html
from typing import Sequence

import streamlit as st

from analysis.charts import words as charts
from analysis.ingest.corpus import Speech
from analysis.text.lexicon import Lexicon
from analysis.phrases.registry import KINDS
from ui import data, state
from ui.i18n import plain, tr
from ui.phrases import available, class_colors, class_label, color_name, kind_label, kind_matches, present_classes
from ui.phrases_tables import cloud_frequencies

def legend_html(title: str, entries) -> str:
    """A colour legend: one swatch in the class colour and the class name per entry ``(label, colour, colour
    name)``; labels are escaped, the colour name is the swatch's tooltip."""
    items = "".join(
        f'<span class="tl-legend-item" title="{html.escape(name)}"><span class="tl-swatch" '
        f'style="background:{html.escape(col)}"></span>{html.escape(label)}</span>' for label, col, name in entries)
    return ('<div class="tl-legend" style="display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;align-items:center;'
            'font-size:.9rem;color:#444">'
            f'<span style="color:#777">{html.escape(title)}</span>{items}</div>'
            '<style>.tl-swatch{display:inline-block;width:.95em;height:.95em;border-radius:3px;margin-right:.35em;'
            'vertical-align:-.12em}</style>')


def cloud_source() -> str:
    """The source selector of the word-cloud tab: ``words`` or a phrase kind (kept in the URL)."""
    return state.choice(st.segmented_control, tr("词云来源", "Cloud source"), ["words", *KINDS], name="cloud_src",
                        default="words", required=True,
                        format_func=lambda s: tr("词语", "Words") if s == "words" else kind_label(s),
                        help=tr("词语云来自词频表；其余来自各类提法的识别结果",
                                "Words come from the word table; the others from the phrase detectors"))


def phrase_clouds(speeches: Sequence[Speech], *, kind: str, lexicon: Lexicon | None, names: dict[int, str],
                  max_words: int = 120) -> None:
    """One cloud per speech of the phrases of ``kind``; font size is the count, colour the class."""
    st.caption(tr("字号与该提法在讲话中的出现次数成正比，颜色表示类别（见下方图例）；误写的成语以误写形式显示。",
                  "Font size follows how often the phrase occurs in the speech and colour shows its class (legend "
                  "below); misspelt idioms are drawn as misspelt."))
    if not available(kind):
        st.info(tr(f"“{kind_label(kind)}”的识别模块暂不可用。",
                   f"The {kind_label(kind)} detector is not available yet."))
        return
    if not speeches:
        st.info(tr("没有可绘制的提法。", "No phrases to draw."))
        return
    with st.spinner(tr("正在识别提法…", "Finding phrases…")):
        matches = kind_matches(speeches, kind, lexicon or data.base_lexicon())
    # Placeholders (“X”, “*人”) are quoted items but not slogans: they stay in the tables, not in the clouds.
    matches = {sid: tuple(m for m in ms if m.cls != "masked") for sid, ms in matches.items()}
    colors = class_colors(present_classes(matches))
    if not colors:
        st.info(tr("所选讲话中没有这类提法。", "The selected speeches have no phrases of this type."))
        return
    st.html(legend_html(tr("图例", "Legend"), [(class_label(c), col, color_name(col)) for c, col in colors.items()]))
    cols = st.columns(2)
    for i, sp in enumerate(speeches):
        freqs, cls_of = cloud_frequencies(matches[sp.id])
        words = sorted(freqs, key=lambda w: (-freqs[w], w))[:max_words]
        with cols[i % 2]:
            st.markdown(f"**{plain(names.get(sp.id, str(sp.id)))}**")
            if not words:
                st.info(tr("这篇讲话没有这类提法。", "This speech has no phrases of this type."))
                continue
            with st.spinner(tr("正在绘制词云…", "Drawing the word cloud…")):
                png = data.cloud_png(tuple((w, float(freqs[w])) for w in words), charts.speech_color(sp.id),
                                     tuple((w, colors[cls_of[w]]) for w in words))
            st.image(png, width="stretch")
            st.download_button(tr("下载 PNG", "Download PNG"), png, file_name=f"wordcloud_{kind}_{sp.id}.png",
                               mime="image/png", key=f"cloud_dl_{kind}_{sp.id}")
