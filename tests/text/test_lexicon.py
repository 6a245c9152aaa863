"""The lexicon: words kept whole, split rules, and the digests that key every segmentation cache."""
from analysis.text.lexicon import Lexicon, load_lexicon, parse_lexicon, split_rule


def test_split_rule_reads_parts_and_rejects_everything_else():
    assert split_rule("全面/部署") == ("全面部署", ("全面", "部署"))
    assert split_rule("一/带/一路") == ("一带一路", ("一", "带", "一路"))
    assert split_rule("全面部署") is None
    assert split_rule("/部署") is None and split_rule("全面/") is None and split_rule("/") is None
    assert split_rule("全面 /部署") is None


def test_with_terms_keeps_words_and_rules_apart_and_a_later_rule_wins():
    lex = Lexicon((("放管服", "nz"),)).with_terms(["三张牌", "全面/部署", "全/面部署", "/"])
    assert lex.terms == ("放管服", "三张牌")
    assert lex.splits == (("全面部署", ("全", "面部署")),)
    assert lex.dictionary == Lexicon((("放管服", "nz"), ("三张牌", "nz")))


def test_digests_without_rules_are_unchanged_and_rules_change_them():
    lex = load_lexicon()
    assert lex.with_terms([]).digest == lex.digest
    split = lex.with_terms(["高质量/发展"])
    assert split.digest != lex.digest and split.dictionary.digest == lex.digest
    assert lex.with_terms(["高质量/发展"]).digest == split.digest          # stable: the same rules, the same key
    assert lex.with_terms(["高/质量发展"]).digest != split.digest


def test_a_word_file_holds_words_and_split_rules():
    lex = parse_lexicon("# 自定义\n三张牌 nz\n全面/部署\n\n高质量发展\n")
    assert lex.terms == ("三张牌", "高质量发展")
    assert lex.splits == (("全面部署", ("全面", "部署")),)
    merged = load_lexicon().with_lexicon(lex)
    assert "三张牌" in merged.terms and merged.splits == lex.splits
