"""The fast segmenter (jieba-rs with the lexicon at jieba's frequencies) gives jieba's tokens, token for token."""
import json
import random

import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.text.normalize import normalize_text
from analysis.text import segment as seg_mod
from analysis.text.segment import cut, engine_for, segment
from benchmarks.corpus_gen import generate_text
from tests.paths import ROOT

NATIONAL = ROOT.parent / "shared" / "corpora" / "national-work-reports" / "government_work_reports.jsonl"

pytest.importorskip("rjieba")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _national_texts() -> list[str]:
    try:
        from analysis.ingest.national import load_national_corpus   # the corpus loader, when present
        return [sp.text for sp in load_national_corpus()]
    except Exception:
        pass
    if not NATIONAL.exists():
        return []
    texts = []
    for line in NATIONAL.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("year") is None:
            continue
        body = rec["content"]
        cut_at = body.find("本作品是中华人民共和国")
        texts.append(normalize_text(body[:cut_at] if cut_at >= 0 else body))
    return texts


def _assert_identical(texts, lexicon):
    differing = []
    for t in texts:
        a, b = cut(t, lexicon=lexicon, engine="jieba"), cut(t, lexicon=lexicon, engine="fast")
        if a != b:
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            differing.append(f"{'/'.join(a[i:i + 3])} ≠ {'/'.join(b[i:i + 3])}")
    assert not differing, f"{len(differing)} of {len(texts)} differ: {differing[:5]}"


def test_default_engine_is_fast(lexicon):
    assert engine_for(lexicon) == "fast"


def test_builtin_speeches_identical(lexicon):
    _assert_identical([sp.text for sp in load_default_corpus()], lexicon)


def test_national_reports_identical(lexicon):
    texts = _national_texts()
    if not texts:
        pytest.skip("national reports corpus not available")
    assert len(texts) >= 52
    _assert_identical(texts, lexicon)


def test_generated_speeches_identical(lexicon):
    speeches = generate_text(100, seed=7).split("第")
    _assert_identical([normalize_text(s) for s in speeches if s.strip()], lexicon)


def test_edge_cases_identical(lexicon):
    # The places where jieba-rs alone differs: non-Han runs with - . _ (jieba cuts them with finalseg's pattern)
    # and characters jieba does not count as Han (CJK extensions, U+9FD6–9FFF).
    _assert_identical(["1-6月，全市", "iPhone-X 5G网络", "增长67.b5%", "B_5机", "3.5-4%左右", "--", "-1",
                       "㐀中国人𠀀民", "中国\u9fd6人民", "苏#区\r振兴6为契\nB_5机", "한국어 中国", "X市XX区××同志"],
                      lexicon)


def test_random_mixtures_identical(lexicon):
    base = "".join(sp.text for sp in load_default_corpus())
    extra = list("㐀㑇鿖鿿𠀀𠮷-–—.%#&+_ \t\r\n\u3000X×*한") + ["iPhone-X", "1-6月", "G-20", "3.5-4%", "20XX"]
    rng = random.Random(11)
    texts = []
    for _ in range(600):
        i = rng.randrange(len(base) - 300)
        chunk = list(base[i:i + rng.randint(5, 300)])
        for _ in range(rng.randint(0, 8)):
            chunk.insert(rng.randrange(len(chunk) + 1), rng.choice(extra))
        texts.append("".join(chunk))
    _assert_identical(texts, lexicon)


def test_custom_words_identical(lexicon):
    extra = lexicon.with_terms(["好三张", "三张牌子", "放管服改革"])
    assert engine_for(extra) == "fast"
    texts = ["要打好三张牌子，深化放管服改革。", "打好三张", *[sp.text for sp in load_default_corpus()[:2]]]
    _assert_identical(texts, extra)
    assert "好三张" in cut("打好三张", lexicon=extra)


def test_falls_back_to_jieba_where_identity_is_not_promised(lexicon, monkeypatch):
    assert engine_for(lexicon.with_terms(["C·罗"])) == "jieba"       # a word outside jieba's Han blocks
    monkeypatch.setenv("TIFALENS_SEGMENTER", "jieba")
    assert engine_for(lexicon) == "jieba"
    monkeypatch.delenv("TIFALENS_SEGMENTER")
    monkeypatch.setattr(seg_mod, "_rjieba_for", lambda lex: None)   # rjieba not installed
    assert engine_for(lexicon) == "jieba"
    assert cut("深化“放管服”改革", lexicon=lexicon) == ["深化", "“", "放管服", "”", "改革"]


def test_segment_tags_do_not_depend_on_the_engine(lexicon, monkeypatch):
    text = load_default_corpus()[0].text
    fast = segment(text, lexicon=lexicon)
    seg_mod._segment_memo.cache_clear()
    monkeypatch.setenv("TIFALENS_SEGMENTER", "jieba")
    ref = segment(text, lexicon=lexicon)
    seg_mod._segment_memo.cache_clear()
    assert fast == ref


def test_unknown_word_tags_round_trip():
    seg_mod.known_tags(new_only=True)
    tag = seg_mod._tag_unknown("吉安作为")
    saved = seg_mod.known_tags()
    assert saved["吉安作为"] == tag
    seg_mod.load_tags({"某某新词": "nz"})
    assert seg_mod._tag_unknown("某某新词") == "nz"
