"""The detectors against the hand annotation of twenty excerpts of national government work reports.

The development part (1979, 1993, 2004, 2014, 2021) was used to adjust rules and lists; the test part (1984,
1998, 2009, 2017, 2023) never was: its figures are what the detectors give on text they were not tuned on. The
second test part (1988, 2000, 2007, 2012, 2019) was annotated after the rules and lists were fixed and has not been
used for anything but these figures — until the formula knowledge base was corrected after its errors (service
slogans and a grain amount are no longer formulas; the test part's 千亿斤粮食 was one of them), so the formula
figures of both test parts are no longer untouched. The third test part (1982, 1995, 2006, 2016, 2024) was
annotated after that correction and is the untouched measure of this version. The
floors asserted here are the figures reached, so a change that makes the detectors worse fails; where a floor is
below the product's target (formulas: recall 0.95, precision 0.90; idioms F1 0.95; slogan classes 0.85), the
README says so.
"""
import pytest

from tests.gold import national_scores


@pytest.fixture(scope="module")
def scores():
    return {(split, kind): national_scores(split, kind)
            for split in ("dev", "test", "test2", "test3", "test4", "test5") for kind in ("formulas", "idioms", "slogans")}


def test_formulas(scores):
    dev, test = scores[("dev", "formulas")], scores[("test", "formulas")]
    assert dev["recall"] == 1.0 and dev["precision"] >= 0.93, dev
    assert test["recall"] >= 0.95, test
    assert test["precision"] == 1.0, test           # 14/14 (14/16 before the knowledge-base corrections)


def test_idioms_and_set_phrases(scores):
    dev, test = scores[("dev", "idioms")], scores[("test", "idioms")]
    assert dev["f1"] >= 0.94, dev
    # Target F1 0.95: not reached (R 42/51). P 42/47: the annotator of 2017 did not count 有保有压 (a policy term to
    # them, a set phrase of manner in the reviewed list).
    assert test["f1"] >= 0.85 and test["precision"] >= 0.89, test


def test_quoted_expressions(scores):
    for split in ("dev", "test"):
        s = scores[(split, "slogans")]
        assert s["f1"] == 1.0, (split, s)
    assert scores[("dev", "slogans")]["class_accuracy"] >= 0.95
    assert scores[("test", "slogans")]["class_accuracy"] >= 0.85


def test_second_held_out_part(scores):
    # The figures as they came out (targets: formulas R 0.95 / P 0.90, idioms F1 0.95, slogan class 0.85).
    formulas, idioms, slogans = (scores[("test2", k)] for k in ("formulas", "idioms", "slogans"))
    assert (formulas["gold"], idioms["gold"], slogans["gold"]) == (22, 47, 36)
    assert formulas["recall"] >= 0.95 and formulas["precision"] == 1.0, formulas       # 21/22, 21/21 (first 20/23)
    assert idioms["f1"] >= 0.86 and idioms["precision"] >= 0.88, idioms               # P 40/45, R 40/47 (first 37/42, 37/47)
    assert slogans["f1"] == 1.0 and slogans["class_accuracy"] >= 0.86, slogans        # 31/36


def test_third_held_out_part(scores):
    # The untouched measure: annotated after every rule and list of this version was fixed, never tuned on.
    formulas, idioms, slogans = (scores[("test3", k)] for k in ("formulas", "idioms", "slogans"))
    assert (formulas["gold"], idioms["gold"], slogans["gold"]) == (27, 41, 32)
    assert formulas["recall"] >= 0.96 and formulas["precision"] == 1.0, formulas       # 26/27, 26/26
    assert idioms["f1"] >= 0.92 and idioms["precision"] >= 0.94, idioms               # P 37/39, R 37/41
    assert slogans["f1"] == 1.0 and slogans["class_accuracy"] >= 0.93, slogans        # 30/32


def test_fourth_held_out_part(scores):
    # Annotated after the third part was scored. First figures, before anything was changed in the light of its
    # errors: formulas R 16/23, P 16/17; idioms P 72/76, R 72/82; slogan classes 20/23. Now R 17/23, P 17/17 and
    # idioms P 75/79, R 75/82 (the frame pass of the set phrases, the grammar of basic sets).
    formulas, idioms, slogans = (scores[("test4", k)] for k in ("formulas", "idioms", "slogans"))
    assert (formulas["gold"], idioms["gold"], slogans["gold"]) == (23, 82, 23)
    assert formulas["recall"] >= 0.69 and formulas["precision"] >= 0.94, formulas
    assert idioms["f1"] >= 0.91 and idioms["precision"] >= 0.94, idioms
    assert slogans["f1"] == 1.0 and slogans["class_accuracy"] >= 0.86, slogans


def test_fifth_held_out_part(scores):
    # Annotated blind (the annotators reported only row counts) while the rules were changed after the fourth part;
    # scored after that change. First figures: formulas R 32/35, P 32/34; idioms P 25/28, R 25/32; slogan classes
    # 36/39. One rule was changed after them, for a cause they showed (a two-character formula as the first part of
    # a dictionary compound, 四化建设): formulas now R 34/35, P 34/36.
    formulas, idioms, slogans = (scores[("test5", k)] for k in ("formulas", "idioms", "slogans"))
    assert (formulas["gold"], idioms["gold"], slogans["gold"]) == (35, 32, 39)
    assert formulas["recall"] >= 0.97 and formulas["precision"] >= 0.94, formulas
    assert idioms["f1"] >= 0.83 and idioms["precision"] >= 0.89, idioms
    assert slogans["f1"] == 1.0 and slogans["class_accuracy"] >= 0.92, slogans
