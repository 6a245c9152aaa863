"""Word clouds from our counts: Chinese glyphs present, deterministic layout, colours by word."""
import io

from PIL import Image, ImageFont

from analysis.ingest.corpus import load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.pipeline import segment_all
from analysis.text.counts import term_table, top_terms
from analysis.text.stopwords import load_builtin
from analysis.charts.wordclouds import draw_wordcloud, font_path, wordcloud_png


def speech_freqs(speech_id=5, top=120):
    speeches = load_default_corpus()
    segs = segment_all(speeches, lexicon=load_lexicon())
    table = top_terms(term_table(speeches, segs, stopwords=load_builtin("general"), min_len=2), top=top)
    part = table[table.speech == speech_id]
    return dict(zip(part.term, part["count"].astype(float)))


def test_png_is_800_by_400_and_the_same_every_time():
    freqs = speech_freqs()
    a, b = wordcloud_png(freqs), wordcloud_png(freqs)
    assert a == b                                   # one layout seed: the same counts give the same picture
    img = Image.open(io.BytesIO(a))
    assert img.size == (800, 400) and img.format == "PNG"


def test_the_font_has_every_character_of_the_corpus_words():
    font = ImageFont.truetype(font_path(), 40)
    missing_box = font.getmask("\U000f0000").getbbox()   # a private-use code point: what a missing glyph draws
    chars = {c for sid in range(1, 6) for w in speech_freqs(sid, top=10_000) for c in w}
    assert len(chars) > 1000
    assert all(font.getmask(c).getbbox() != missing_box for c in chars)


def test_largest_word_is_the_most_frequent_and_colours_follow_the_map():
    freqs = speech_freqs()
    cloud = draw_wordcloud(freqs, colors={"发展": "#D55E00"})
    (word, _size), font_size, _pos, _orient, colour = cloud.layout_[0]
    assert word == max(freqs, key=freqs.get) == "发展" and colour == "#D55E00"
    assert all(not w.strip() == "" for (w, _), *_ in cloud.layout_)
    others = {c for (w, _), _fs, _p, _o, c in cloud.layout_ if w != "发展"}
    assert others and all(c.startswith("rgb(") for c in others)


def test_cached_fonts_draw_the_same_picture():
    import wordcloud.wordcloud as wordcloud_module
    from PIL import ImageFont as pil_image_font
    from wordcloud import WordCloud

    freqs = speech_freqs(3)
    ours = wordcloud_png(freqs, color="#009E73")
    cached = wordcloud_module.ImageFont
    try:
        wordcloud_module.ImageFont = pil_image_font            # the library exactly as shipped
        plain = WordCloud(font_path=font_path(), width=400, height=200, scale=2, background_color="white",
                          max_words=150, random_state=42, collocations=False, prefer_horizontal=0.95,
                          min_font_size=5,
                          color_func=lambda *a, **k: "black",   # the default colouring would draw random numbers
                          ).generate_from_frequencies(freqs)
    finally:
        wordcloud_module.ImageFont = cached
    again = draw_wordcloud(freqs, color="#009E73")
    assert [(w, fs, pos, o) for (w, _), fs, pos, o, _c in plain.layout_] == \
           [(w, fs, pos, o) for (w, _), fs, pos, o, _c in again.layout_]
    assert wordcloud_png(freqs, color="#009E73") == ours
