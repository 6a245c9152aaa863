"""Four-character template detector: template shapes, word-boundary guards, and the hand-annotated gold."""
from collections import Counter

import pytest

from tests.gold import text_detector, detected_counts, gold_counts, precision_recall

from analysis.phrases import patterns
from analysis.ingest.corpus import load_default_corpus
from tests.paths import FIXTURES

detect_patterns = text_detector("pattern")

GOLD = FIXTURES / "patterns_gold.tsv"


load_gold = gold_counts


@pytest.fixture(scope="module")
def speeches():
    return load_default_corpus()


@pytest.fixture(scope="module")
def predicted(speeches) -> Counter:
    return detected_counts(detect_patterns, speeches)


def found(text):
    return [(m.phrase, m.cls) for m in detect_patterns(text)]


@pytest.mark.parametrize("window, name", [
    ("清清白白", "AABB"), ("研究研究", "ABAB"), ("入细入微", "ABAC"), ("一心一意", "一A一B"),
    ("不为不办", "不A不B"), ("边谋边干", "边A边B"), ("真抓实干", "真A实B"), ("以奖代补", "以A代B"),
    ("精雕细刻", "精A细B"), ("高质发展", None), ("一一二二", "AABB"),
])
def test_template_of(window, name):
    assert patterns.template_of(window) == name


def test_templates_in_plain_sentences():
    assert found("要入细入微、落细落小，边学边干。") == [("入细入微", "ABAC"), ("落细落小", "ABAC"), ("边学边干", "边A边B")]
    assert found("清清白白做官，踏踏实实干事。") == [("清清白白", "AABB"), ("踏踏实实", "AABB")]
    assert found("不急不躁，以奖代补，越干越好。") == [("不急不躁", "不A不B"), ("以奖代补", "以A代B"), ("越干越好", "越A越B")]


@pytest.mark.parametrize("text", [
    "要把要求落实到位。",        # 要把 | 要求: the second 要 belongs to 要求
    "抓就抓出成效。",            # A就A: a construction, not a template
    "干部干事创业热情高。",      # 干事 belongs to the set phrase 干事创业
    "离我们越来越近了。",        # 越来越 + 近
    "市委市政府高度重视。",      # 市政府 runs past the window
    "能不能抓好落实？",
    "规范行政行为。",            # modifier and head, not two coordinated words
    "20XX年XX月XX日。",
])
def test_accidental_windows_are_rejected(text):
    assert found(text) == []


def test_dictionary_idioms_of_a_template_shape_are_templates_too():
    # 堂堂正正, 一心一意, 不折不扣 are dictionary idioms (the idiom detector counts them) and have a template's form.
    assert found("堂堂正正做人，一心一意干事，不折不扣落实。") == [("堂堂正正", "AABB"), ("一心一意", "一A一B"),
                                                              ("不折不扣", "不A不B")]
    ms = detect_patterns("堂堂正正做人")
    assert ms[0].gloss == "成语"
    # Only where the idiom detector sees the idiom: 一心一意 glued into a longer word is not one.
    assert found("三心二意") == []


def test_offsets_index_the_text(speeches):
    for s in speeches:
        for m in detect_patterns(s.text):
            assert s.text[m.start:m.end] == m.phrase == m.canonical and m.kind == "pattern"


def test_precision_and_recall_against_hand_annotation(predicted):
    precision, recall = precision_recall(predicted, load_gold(GOLD))
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_exact_counts_on_the_speeches(predicted):
    by_class = Counter()
    for (speech, _p, _c, cls), n in predicted.items():
        by_class[(speech, cls)] += n
    assert by_class[(1, "AABB")] == 1 and by_class[(5, "AABB")] == 5      # 堂堂正正 (an idiom) in #5
    assert [by_class[(i, "ABAC")] for i in range(1, 6)] == [4, 6, 6, 6, 7]  # + 同心同德 twice in #5
    assert by_class[(2, "不A不B")] == by_class[(4, "不A不B")] == 1
    assert [by_class[(i, "精A细B")] for i in range(1, 6)] == [0, 2, 2, 2, 0]      # 精雕细刻, 精耕细作
    assert predicted[(1, "干好干坏", "干好干坏", "ABAC")] == 2
    assert predicted[(5, "生产生活", "生产生活", "ABAC")] == 2
    assert predicted[(5, "真抓实干", "真抓实干", "真A实B")] == 1
    assert predicted[(1, "愈演愈烈", "愈演愈烈", "愈A愈B")] == 1
    assert sum(n for (s, p, c, cls), n in predicted.items() if p == "越来越近") == 0
    assert sum(predicted.values()) == 37 + 23     # 23 template-shaped idioms
