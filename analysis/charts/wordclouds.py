"""Word clouds drawn from our own counts (never wordcloud's tokenizer or its collocation merging)."""
from __future__ import annotations

import io
from functools import lru_cache
from typing import Mapping

__all__ = ["font_path", "draw_wordcloud", "wordcloud_png", "CLOUD_SEED"]

#: One layout seed for every speech so the clouds are comparable.
CLOUD_SEED = 42


@lru_cache(maxsize=1)
def font_path() -> str:
    """Noto Sans SC Regular: a static Simplified-Chinese face at normal weight (OFL-1.1), shipped by a package."""
    import pylopdf_fonts_zh_cn
    return pylopdf_fonts_zh_cn.sans_path()


class _CachedFonts:
    """Stands in for ``PIL.ImageFont`` inside the wordcloud module: its layout loop opens the font file again for
    every size it tries (hundreds of times per cloud, an 8 MB font each time), which is most of its running time.
    Font objects are read-only, so one per (path, size) serves every cloud; the pictures are identical."""

    def __init__(self, image_font) -> None:
        self._image_font = image_font
        self.truetype = lru_cache(maxsize=1024)(image_font.truetype)

    def __getattr__(self, name):
        return getattr(self._image_font, name)


@lru_cache(maxsize=1)
def _install_font_cache() -> None:
    import wordcloud.wordcloud as wordcloud_module
    if not isinstance(wordcloud_module.ImageFont, _CachedFonts):
        wordcloud_module.ImageFont = _CachedFonts(wordcloud_module.ImageFont)


def _hex_to_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))


def draw_wordcloud(freqs: Mapping[str, float], *, width: int = 400, height: int = 200, max_words: int = 150,
                   color: str | None = None, colors: Mapping[str, str] | None = None, scale: float = 2.0):
    """A :class:`wordcloud.WordCloud` drawn from ``freqs``; the image is ``width × scale`` by ``height × scale``.

    The layout is computed on the small canvas and drawn ``scale`` times larger (800×400 by default): the layout
    search is what costs, and it costs a quarter at half the width and height. ``colors`` maps a word to a hex
    colour (e.g. by phrase kind); otherwise every word gets shades of ``color``.
    """
    from wordcloud import WordCloud

    _install_font_cache()
    freqs = {w: float(v) for w, v in freqs.items() if v > 0 and w.strip()}
    if not freqs:
        raise ValueError("no words to draw")
    base = _hex_to_rgb(color or "#0072B2")

    def color_func(word, font_size, position, orientation, random_state=None, **kw):
        if colors and word in colors:
            return colors[word]
        # Larger words darker: keeps the speech colour while giving contrast on white.
        k = 0.55 + 0.45 * min(font_size / 80.0, 1.0)
        return "rgb({},{},{})".format(*(int(c * k) for c in base))

    wc = WordCloud(font_path=font_path(), width=width, height=height, background_color="white",
                   max_words=max_words, random_state=CLOUD_SEED, collocations=False, prefer_horizontal=0.95,
                   color_func=color_func, scale=scale, min_font_size=5, font_step=1)
    return wc.generate_from_frequencies(freqs)


def wordcloud_png(freqs: Mapping[str, float], **options) -> bytes:
    """PNG bytes of :func:`draw_wordcloud`."""
    img = draw_wordcloud(freqs, **options).to_image()
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=1)   # optimize=True costs more time than drawing half the cloud
    return buf.getvalue()
