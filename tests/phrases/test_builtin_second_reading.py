"""The detectors against a second, blind reading of the five built-in speeches (tests/fixtures/builtin_second/).

It was scored once as it came out: formulas R 39/42 P 39/41, idioms P 164/176 R 164/184, quoted expressions
extracted all but the three titles written with their 《》 marks, classes 217/237. The floors here are today's
figures, after 城市双修 and seven idioms and set phrases it found were added to the lists (its README says which).
"""
import pytest

from tests.gold import BUILTIN_SECOND, builtin_second_scores


@pytest.fixture(scope="module")
def scores():
    return {kind: builtin_second_scores(kind) for kind in ("formulas", "idioms", "slogans")}


def test_the_second_reading_is_complete():
    assert sorted(p.name for p in BUILTIN_SECOND.glob("speech_*.tsv")) == sorted(
        f"speech_{n}.{kind}.tsv" for n in range(1, 6) for kind in ("formulas", "idioms", "slogans"))


def test_formulas_against_the_second_reading(scores):
    f = scores["formulas"]
    assert (f["gold"], f["found"]) == (42, 43)
    assert f["recall"] >= 0.97 and f["precision"] >= 0.95, f
    assert f["missed"] == [(5, "五专")]


def test_idioms_against_the_second_reading(scores):
    i = scores["idioms"]
    assert i["gold"] == 184
    assert i["f1"] >= 0.94 and i["precision"] >= 0.93, i
    # units the reviewed lists reject, which this reading counts
    assert {(1, "自我加压"), (1, "追赶超越"), (4, "担当实干")} <= set(i["missed"])


def test_quoted_expressions_against_the_second_reading(scores):
    s = scores["slogans"]
    assert s["f1"] == 1.0 and s["gold"] == 237
    assert s["class_accuracy"] >= 0.91, s
