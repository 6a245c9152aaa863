from analysis.ingest.corpus import load_default_corpus
from analysis.text.normalize import count_han, find_placeholders, normalize_text, split_sentences


def test_width_and_punctuation_unified():
    assert normalize_text("同志们:今天,我们开会!(一)") == "同志们：今天，我们开会！（一）"
    assert normalize_text("ＡＢＣ１２３，全角") == "ABC123，全角"
    assert normalize_text("增长1,000亿元,比例3:2") == "增长1,000亿元，比例3:2"


def test_stray_spaces_next_to_han_removed_but_not_between_latin_words():
    assert normalize_text("下载后可 根据需要 修改") == "下载后可根据需要修改"
    assert normalize_text("X 书记 和 GDP growth") == "X书记和GDP growth"
    assert normalize_text("新\u3000时代\u00a0发展") == "新时代发展"


def test_compatibility_and_radical_forms_folded():
    assert normalize_text("\u2f00\u4e2a\u2ed3\u6c5f") == "一个长江"   # ⼀个⻓江 from PDF extraction
    assert normalize_text("\uf900") == "豈"


def test_line_ends_and_blank_lines():
    assert normalize_text("第一段\r\n\r\n第二段\r第三段\n\n") == "第一段\n第二段\n第三段"


def test_placeholders_recognised():
    text = "X书记、20XX年、XXX周年、×届、* 工作、XML格式"
    assert [p[2] for p in find_placeholders(normalize_text(text))] == ["X", "20XX", "XXX", "×", "*"]


def test_placeholders_per_speech_of_the_built_in_corpus():
    speeches = load_default_corpus()
    counts = [len(find_placeholders(s.text)) for s in speeches]
    # Speech 1 masks its session numbers with ×; 2 and 3 mask names with X; 4 names its city; 5 masks with *.
    assert counts == [10, 31, 24, 0, 56]
    assert {p[2] for p in find_placeholders(speeches[0].text)} == {"×"}
    assert {p[2] for p in find_placeholders(speeches[4].text)} == {"*"}
    assert "吉安" in speeches[3].text


def test_sentences():
    text = "今天开会。大家好！真的吗？\n第一，要把握一个“势”字"
    assert [text[a:b] for a, b in split_sentences(text)] == ["今天开会。", "大家好！", "真的吗？",
                                                              "第一，要把握一个“势”字"]
    assert count_han(text) == 4 + 3 + 3 + 9


def test_placeholder_matches_are_the_regexs_matches():
    """The scan around X/×/* runs finds exactly what PLACEHOLDER_RE.finditer finds, on real and adversarial text."""
    import random
    from analysis.ingest.corpus import load_default_corpus
    from analysis.text.normalize import PLACEHOLDER_RE, placeholder_matches
    rng = random.Random(11)
    alphabet = list("XX×**12ab市长，。同志Xx9")
    texts = [sp.text for sp in load_default_corpus()] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    texts += ["X", "12X", "aX", "Xa", "X1X", "12XX××**3", "20XX年", "XX市", "×××同志", "**", "1X2X3X"]
    for t in texts:
        assert [m.span() for m in placeholder_matches(t)] == [m.span() for m in PLACEHOLDER_RE.finditer(t)], t
        assert bool(placeholder_matches(t)) == bool(PLACEHOLDER_RE.search(t)), t
