"""The detectors against the hand annotation of fifty excerpts of national government work reports.

The development part (1979, 1993, 2004, 2014, 2021) was used to adjust rules and lists. Nine held-out parts of
five excerpts each were annotated by reading, each after the rules of its time were fixed (the last five blind:
their annotators reported only how many rows they wrote), and scored once as they came out. Their errors were
then looked at, and what was changed in their light (a knowledge-base entry, a grammar shape, a list entry) is
named in the README; so every part's *first* figure is the untouched one, and the floors asserted here are
today's figures, so that a change that makes the detectors worse fails. Where a figure is below the product's
target (formulas: recall 0.95, precision 0.90; idioms F1 0.95; slogan classes 0.85), the README says so.
"""
from collections import Counter

import pytest

from tests.gold import NATIONAL, NATIONAL_YEARS, national_gold, national_scores


@pytest.fixture(scope="module")
def scores():
    return {(split, kind): national_scores(split, kind)
            for split in NATIONAL_YEARS for kind in ("formulas", "idioms", "slogans")}


HELD_OUT = {
    # part: (gold sizes formulas/idioms/slogans, first figures as scored, today's floors), figures as hits/total
    "test": ((14, 51, 31), "formulas R 14/14 P 14/16, idioms P 42/46 R 42/51, classes 27/31",
             dict(formulas_r=1.0, formulas_p=1.0, idioms_f1=0.89, idioms_p=0.85, classes=0.87)),
    "test2": ((22, 47, 36), "formulas R 20/22 P 20/23, idioms P 37/42 R 37/47, classes 31/36",
              dict(formulas_r=0.95, formulas_p=1.0, idioms_f1=0.90, idioms_p=0.84, classes=0.88)),
    "test3": ((27, 41, 32), "formulas R 26/27 P 26/26, idioms P 37/39 R 37/41, classes 30/32",
              dict(formulas_r=1.0, formulas_p=1.0, idioms_f1=0.92, idioms_p=0.90, classes=0.96)),
    "test4": ((23, 82, 23), "formulas R 16/23 P 16/17, idioms P 72/76 R 72/82, classes 20/23",
              dict(formulas_r=0.73, formulas_p=1.0, idioms_f1=0.95, idioms_p=0.94, classes=0.86)),
    "test5": ((35, 32, 39), "formulas R 32/35 P 32/34, idioms P 25/28 R 25/32, classes 36/39",
              dict(formulas_r=0.97, formulas_p=0.94, idioms_f1=0.95, idioms_p=0.93, classes=0.92)),
    "test6": ((23, 40, 34), "formulas R 23/23 P 23/23, idioms P 29/31 R 29/40, classes 29/34",
              dict(formulas_r=1.0, formulas_p=1.0, idioms_f1=0.92, idioms_p=0.92, classes=0.85)),
    "test7": ((16, 42, 23), "formulas R 11/16 P 11/11, idioms P 36/40 R 36/42, classes 16/23",
              dict(formulas_r=0.87, formulas_p=1.0, idioms_f1=0.90, idioms_p=0.90, classes=0.86)),
    "test8": ((14, 64, 26), "formulas R 13/14 P 13/14, idioms P 59/64 R 59/64, classes 21/26",
              dict(formulas_r=1.0, formulas_p=1.0, idioms_f1=0.92, idioms_p=0.93, classes=0.88)),
    "test9": ((43, 80, 60), "formulas R 39/43 P 39/42, idioms P 61/68 R 61/80, classes 57/60",
              dict(formulas_r=0.93, formulas_p=0.95, idioms_f1=0.85, idioms_p=0.90, classes=0.96)),
}


def test_development_part(scores):
    formulas, idioms, slogans = (scores[("dev", k)] for k in ("formulas", "idioms", "slogans"))
    assert formulas["recall"] == 1.0 and formulas["precision"] >= 0.93, formulas
    assert idioms["f1"] >= 0.94, idioms
    assert slogans["f1"] == 1.0 and slogans["class_accuracy"] >= 0.95, slogans


@pytest.mark.parametrize("part", sorted(HELD_OUT))
def test_held_out_part(scores, part):
    sizes, _first, floor = HELD_OUT[part]
    formulas, idioms, slogans = (scores[(part, k)] for k in ("formulas", "idioms", "slogans"))
    assert (formulas["gold"], idioms["gold"], slogans["gold"]) == sizes
    assert formulas["recall"] >= floor["formulas_r"] and formulas["precision"] >= floor["formulas_p"], formulas
    assert idioms["f1"] >= floor["idioms_f1"] and idioms["precision"] >= floor["idioms_p"], idioms
    assert slogans["f1"] == 1.0 and slogans["class_accuracy"] >= floor["classes"], slogans



def _both_readings(split: str, kind: str) -> tuple[Counter, Counter]:
    """The first reading (the part's gold) and the second, blind reading of ``split``, as multisets."""
    return tuple(Counter({(y, k): v for y in NATIONAL_YEARS[split]
                          for k, v in national_gold(split, y, kind, root=root).items()})
                 for root in (NATIONAL, NATIONAL / "second_reading"))


def test_second_reading_of_the_seventh_part_agrees():
    """Each excerpt of the seventh part was read twice, blind: the readings agree on every formula and every quoted
    expression's class, and on 40 of the 42 idiom occurrences of the first."""
    for kind in ("formulas", "slogans"):
        first, other = _both_readings("test7", kind)
        assert first == other, kind
    first, other = _both_readings("test7", "idioms")
    assert sum(first.values()) == 42 and sum(other.values()) == 40
    assert sorted((first - other).elements()) == [(1980, "广开门路"), (2001, "强迫命令")] and not other - first


def test_second_reading_of_the_ninth_part_disagrees_on_idioms():
    """The ninth part was read twice too. The readings agree on the class of 59 of the 60 quoted expressions and on
    39 formula occurrences (first 43, second 41), but only on 70 idiom occurrences (first 80, second 73): F1 0.92
    between two readers, the level of the detectors on most parts. The first alone counts 平等互利, 睦邻友好 and the
    members of 有法不依、执法不严、违法不究; the second alone 勤政廉政 and 毫不动摇."""
    first, other = _both_readings("test9", "idioms")
    assert (sum(first.values()), sum(other.values()), sum((first & other).values())) == (80, 73, 70)
    assert {w for _y, w in (first - other)} >= {"平等互利", "睦邻友好", "执法不严", "有法不依", "违法不究"}
    assert sorted((other - first).elements()) == [(1995, "勤政廉政"), (2013, "毫不动摇"), (2013, "毫不动摇")]
    first, other = _both_readings("test9", "formulas")
    assert (sum(first.values()), sum(other.values()), sum((first & other).values())) == (43, 41, 39)
    first, other = _both_readings("test9", "slogans")
    assert sum((first & other).values()) == 59 and sum(first.values()) == sum(other.values()) == 60


def test_second_reading_of_the_eighth_part_agrees_with_the_first():
    """The eighth part was read twice as well: the readings agree on all 14 formula occurrences, on all 26 quoted
    expressions and their classes, and on 61 of 64 idiom occurrences (F1 0.95). So the five quoted expressions whose
    class the rules got wrong there when it was first scored (“包下来”, “自由化”, “低保”, “费改税”, “经济互助”) were the
    rules' errors; the pretext and policy frames have since fixed two of them."""
    for kind in ("formulas", "slogans"):
        first, other = _both_readings("test8", kind)
        assert first == other, kind
    first, other = _both_readings("test8", "idioms")
    assert (sum(first.values()), sum(other.values()), sum((first & other).values())) == (64, 64, 61)
    assert sorted(w for _y, w in (first - other)) == ["干劲十足", "敢于碰硬", "草率从事"]

