from collections import Counter

import pytest

from tests.gold import read_gold

from analysis.ingest.corpus import load_default_corpus
from analysis.phrases.slogans import classify
from tests.gold import text_detector
from tests.paths import FIXTURES, ROOT

detect = text_detector("slogan")
formula_detect = text_detector("formula")

GOLD = FIXTURES / "slogans_gold.tsv"


@pytest.fixture(scope="module")
def found():
    return {sp.id: detect(sp.text) for sp in load_default_corpus()}


@pytest.fixture(scope="module")
def gold():
    return read_gold(GOLD)


def test_precision_recall_at_least_090(found, gold):
    want = Counter({(r["speech"], r["surface"]): r["count"] for r in gold})
    got = Counter((sid, m.phrase) for sid, ms in found.items() for m in ms)
    tp = sum((want & got).values())
    precision, recall = tp / sum(got.values()), tp / sum(want.values())
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_class_accuracy_at_least_090(found, gold):
    want = {(r["speech"], r["surface"]): r["class"] for r in gold}
    pairs = [(want[(sid, m.phrase)], m.cls) for sid, ms in found.items() for m in ms if (sid, m.phrase) in want]
    accuracy = sum(a == b for a, b in pairs) / len(pairs)
    assert accuracy >= 0.9, accuracy


def test_exact_counts_per_speech(found):
    assert {sid: len(ms) for sid, ms in found.items()} == {1: 24, 2: 61, 3: 60, 4: 62, 5: 30}
    assert sum(m.cls == "document" for m in found[5]) == 7
    assert Counter(m.phrase for m in found[1] if m.cls == "single_char") == {"比": 3}


def test_offsets_index_the_text():
    sp = load_default_corpus()[0]
    for m in detect(sp.text):
        assert sp.text[m.start:m.end] == m.phrase


@pytest.mark.parametrize("content,before,after,cls", [
    ("四个意识", "", "", "numbered_formula"),
    ("六稳", "", "", "numbered_formula"),
    ("三大要务", "", "", "numbered_formula"),
    ("时不我待、只争朝夕", "", "", "parallel"),
    ("今天再晚也是早、明天再早也是晚", "", "", "parallel"),
    ("店小二", "发扬", "精神", "catchword"),
    ("指挥棒", "", "", "catchword"),
    ("最后一公里", "", "", "catchword"),
    ("比", "", "", "single_char"),
    ("春风行动", "", "", "name"),
    ("大干项目年", "", "", "name"),
    ("想到", "", "", "other"),
    # a quote used as a pretext is a scare quote; a word quoted as the name of a policy is its catchword
    ("经济互助", "那种以", "为名，把", "other"),
    ("支援革命", "打着", "的旗号", "other"),
    ("包下来", "采取了", "的政策", "catchword"),
    ("严打", "坚持", "方针，打", "catchword"),
    ("苦干", "所谓", "，就是", "other"),
])
def test_classify_examples(content, before, after, cls):
    whole = any(m.start == 0 and m.end == len(content) for m in formula_detect(content))
    assert classify(content, before=before, after=after, formula=whole) == cls


def test_reported_speech_and_other_quote_styles():
    text = "他说：“我们要干出成效，干出水平”。提出「放管服」和『春风行动』，\"两个维护\"。"
    got = [(m.phrase, m.cls) for m in detect(text)]
    assert got == [("我们要干出成效，干出水平", "other"), ("放管服", "catchword"), ("春风行动", "name"),
                   ("两个维护", "numbered_formula")]


@pytest.mark.parametrize("content,cls", [
    ("X", "masked"), ("XX", "masked"), ("*人", "masked"), ("X亿元", "masked"), ("××市", "masked"),
    ("互联网+", "catchword"), ("走出去", "catchword"), ("引进来", "catchword"), ("最多跑一次", "catchword"),
    ("灰犀牛", "catchword"), ("营改增", "name"), ("枫桥经验", "name"), ("作风建设年", "name"),
    ("三年", "other"), ("这也不行", "other"), ("实事求是", "other"), ("苦干", "other"),
    # craft and vessel names (1980 渤海2号; 2021 天问一号; 2025 嫦娥六号), never a bare numeral + 号
    ("渤海2号", "name"), ("天问一号", "name"), ("嫦娥六号", "name"), ("三号", "other"),
    # the political scare quotes of 防止“左”, unlike a one-character slogan
    ("左", "other"), ("右", "other"), ("稳", "single_char"),
])
def test_classes_by_rule(content, cls):
    assert classify(content) == cls


def test_one_class_per_quoted_text_in_a_speech():
    # the simile frame around the second “绣花” makes both occurrences catchwords: one row, not two
    text = "要有“绣花”的功夫，像“绣花”一样精细。"
    assert [(m.phrase, m.cls) for m in detect(text)] == [("绣花", "catchword"), ("绣花", "catchword")]
    text = "这是“钉子户”。要当好“钉子户”。"
    assert {m.cls for m in detect(text)} == {"catchword"}


def test_placeholders_are_masked_in_the_cli():
    import json, subprocess, sys
    out = subprocess.run([sys.executable, "-m", "analysis", "phrases", "--kind", "slogan"], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    rows = json.loads(out.stdout)
    masked = sorted((r["speech"], r["phrase"], r["count"]) for r in rows if r["class"] == "masked")
    assert masked == [(3, "X", 2), (5, "*人", 1)]
    assert all(r["source"] for r in rows)
