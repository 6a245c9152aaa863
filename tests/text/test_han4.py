"""Four-character Han windows as arrays: the same windows, and the same set look-ups, as a loop over the text."""
import random
import re

from analysis.ingest.corpus import load_default_corpus
from analysis.ingest.national import load_national_corpus
from analysis.phrases.idiom_data import idiom_set
from analysis.phrases.patterns import _template_starts, template_of
from analysis.text.han4 import WordSet, windows

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{4,}")


def _loop_windows(text):
    for run in _RUN.finditer(text):
        for i in range(len(run.group()) - 3):
            yield run.start() + i, run.group()[i:i + 4]


def _texts():
    rng = random.Random(7)
    # mixed text: Han from both blocks, CJK Extension A, digits, Latin, punctuation, astral characters, repeats
    alphabet = list("一不有又大小多边越真实以促东西左右高质量发展是的了，。、“”\n") + ["\u3400", "\u4dbf", "\u4dc0", "\u9fff",
                                                                   "\U00020000", "A", "1", " "]
    synthetic = ["".join(rng.choice(alphabet) for _ in range(5000)) for _ in range(3)]
    return [sp.text for sp in load_default_corpus()] + [sp.text for sp in load_national_corpus()[::6]] + synthetic + [
        "", "一二三", "一心一意"]


def test_windows_are_the_loops_windows():
    for text in _texts():
        win = windows(text)
        assert list(zip(win.starts.tolist(), [text[s:s + 4] for s in win.starts.tolist()])) == list(_loop_windows(text))


def test_word_set_finds_what_set_lookups_find():
    idioms = idiom_set()
    ws = WordSet(idioms)
    for text in _texts():
        win = windows(text)
        got = win.starts[ws.where(win)].tolist()
        assert got == [s for s, w in _loop_windows(text) if w in idioms]


def test_template_starts_hold_every_templated_window():
    for text in _texts():
        assert _template_starts(text) == [s for s, w in _loop_windows(text) if template_of(w)]
