"""The array Viterbi of analysis.text.postag gives jieba.posseg's result: the same score, the same states."""
import random
import re

import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from analysis.ingest.corpus import load_default_corpus
from analysis.ingest.national import load_national_corpus
from analysis.text import segment as seg_mod
from analysis.text.lexicon import load_lexicon
from analysis.text.postag import viterbi

_HAN = re.compile(r"[\u4e00-\u9fa5]+")


def _same(strings):
    differing = []
    for s in strings:
        ref = jieba_viterbi(s, char_state_tab_P, start_P, trans_P, emit_P)
        got = viterbi(s)
        if ref[0] != got[0] or list(ref[1]) != list(got[1]):
            differing.append(s)
    return differing


@pytest.fixture(scope="module")
def unknown_words():
    """Every word of the built-in and national speeches that jieba's dictionary lacks (its HMM found them)."""
    lex = load_lexicon()
    table = seg_mod._word_tag_tab()
    words = set()
    for sp in load_default_corpus() + load_national_corpus():
        words.update(t for t in seg_mod.cut(sp.text, lexicon=lex) if _HAN.fullmatch(t) and t not in table)
    return sorted(words)


def test_every_unknown_word_of_the_corpora(unknown_words):
    assert len(unknown_words) > 1500
    assert _same(unknown_words) == []


def test_random_strings_and_passages():
    rng = random.Random(20261203)
    chars = [chr(c) for c in range(0x4E00, 0x9FA6)]
    strings = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 9))) for _ in range(600)]
    text = load_default_corpus()[0].text
    runs = [m.group(0) for m in _HAN.finditer(text)]
    strings += [r[:rng.randint(1, 12)] for r in runs[:400]]
    assert _same(strings) == []


def test_tags_of_unknown_words_are_jiebas(unknown_words):
    """The tag kept for a word (one pair: its flag, else x) is what jieba.posseg's own tokenizer gives."""
    import jieba.posseg
    sample = unknown_words[::7]
    fast = seg_mod._pos_tagger()
    for w in sample:
        ref = jieba.posseg.lcut(w)
        got = fast.lcut(w)
        assert [(p.word, p.flag) for p in got] == [(p.word, p.flag) for p in ref], w
