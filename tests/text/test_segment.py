import jieba
import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.text.lexicon import load_lexicon
from analysis.text.segment import apply_splits, cut, segment, tokenizer_for


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize("unit", ["四个意识", "两个维护", "高质量发展", "放管服", "营商环境", "一带一路",
                                  "最后一公里", "抓铁有痕", "四个自信", "六稳"])
def test_lexicon_units_stay_whole(lexicon, unit):
    text = f"我们要坚持{unit}，推动各项工作。"
    assert unit in segment(text, lexicon=lexicon).tokens


def test_plain_jieba_splits_them():
    # Why the lexicon exists: the default dictionary cuts these units apart.
    for unit in ["四个意识", "两个维护", "营商环境", "高质量发展"]:
        assert unit not in jieba.lcut(f"我们要坚持{unit}，推动各项工作。")


def test_offsets_cover_the_text_and_tags_align(lexicon):
    sp = load_default_corpus()[1]
    seg = segment(sp.text, lexicon=lexicon)
    assert "".join(seg.tokens) == sp.text
    assert all(sp.text[s:s + len(t)] == t for t, s in zip(seg.tokens, seg.starts))
    assert len(seg.tags) == len(seg.tokens) == len(seg.countable)


def test_punctuation_numbers_and_placeholders_never_countable(lexicon):
    seg = segment("20XX年，X书记讲话：增长3.5%！", lexicon=lexicon)
    words = seg.words()
    assert words == ["年", "书记", "讲话", "增长"]
    assert seg.tags[seg.tokens.index("20XX")] == "ph"


def test_pos_tags_never_change_tokens(lexicon):
    # jieba.posseg splits 放管服; our tags are looked up for the lcut tokens, so the token list is the same.
    import jieba.posseg
    text = "深化“放管服”改革，优化营商环境。"
    seg = segment(text, lexicon=lexicon)
    assert "放管服" in seg.tokens and seg.tags[seg.tokens.index("放管服")] == "nz"
    assert list(seg.tokens) == tokenizer_for(lexicon).lcut(text)
    assert "放管服" not in [p.word for p in jieba.posseg.lcut(text)]


def test_user_words_take_effect_without_touching_the_global_dictionary(lexicon):
    text = "要打好三张牌。"
    assert "三张牌" in segment(text, lexicon=lexicon).tokens   # shipped lexicon
    extra = lexicon.with_terms(["好三张"])
    assert "好三张" in segment("打好三张", lexicon=extra).tokens
    assert "好三张" not in segment("打好三张", lexicon=lexicon).tokens
    assert "好三张" not in jieba.dt.FREQ


def test_counts_on_the_corpus(lexicon):
    speeches = load_default_corpus()
    segs = [segment(s.text, lexicon=lexicon) for s in speeches]
    assert [len(s.words()) for s in segs] == [1609, 1223, 1433, 1414, 3579]
    assert sum(s.words().count("放管服") for s in segs) == 3
    assert sum(s.words().count("两个维护") for s in segs) == 3


def test_a_split_rule_cuts_the_token_on_real_text_with_both_engines(lexicon):
    speech = load_default_corpus()[0]          # 高质量发展 twice, 高质量 twice more, 发展 fifteen times as a word
    plain = cut(speech.text, lexicon=lexicon)
    assert (plain.count("高质量发展"), plain.count("高质量"), plain.count("发展")) == (2, 2, 15)
    split = lexicon.with_terms(["高质量/发展"])
    for engine in ("fast", "jieba"):
        tokens = cut(speech.text, lexicon=split, engine=engine)
        assert (tokens.count("高质量发展"), tokens.count("高质量"), tokens.count("发展")) == (0, 4, 17)
        assert "".join(tokens) == speech.text
    seg = segment(speech.text, lexicon=split)
    assert seg.words().count("发展") == 17 and "高质量发展" not in seg.tokens


def test_a_split_rule_can_cut_a_lexicon_word(lexicon):
    assert "放管服改革" in lexicon.terms
    assert cut("深化放管服改革。", lexicon=lexicon) == ["深化", "放管服改革", "。"]
    assert cut("深化放管服改革。", lexicon=lexicon.with_terms(["放管服/改革"])) == ["深化", "放管服", "改革", "。"]


def test_apply_splits_replaces_whole_tokens_only():
    assert apply_splits(["全面部署", "全面", "部署", "全面部署会"], [("全面部署", ("全面", "部署"))]) == \
        ["全面", "部署", "全面", "部署", "全面部署会"]
