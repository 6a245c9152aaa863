import pytest

from analysis.ingest.corpus import load_default_corpus, Speech
from analysis.errors import InputError
from analysis.context.kwic import kwic, kwic_counts


@pytest.fixture(scope="module")
def speeches():
    return load_default_corpus()


def _counts(rows, speeches):
    return [c["count"] for c in kwic_counts(rows, speeches)]


def test_exact_counts_on_the_speeches(speeches):
    assert _counts(kwic(speeches, "发展"), speeches) == [19, 7, 10, 10, 52]
    assert _counts(kwic(speeches, "高质量发展"), speeches) == [2, 0, 0, 0, 0]
    # The masked copies (2, 3) use X; 4 names the city; 1 and 5 use × and *.
    assert _counts(kwic(speeches, "X"), speeches) == [0, 41, 31, 0, 0]
    assert _counts(kwic(speeches, "吉安"), speeches) == [0, 1, 0, 3, 0]
    # The 知势/蓄势/借势 outline appears only in the three versions of one speech.
    assert _counts(kwic(speeches, r"[一二三]要“[^”]+”", regex=True), speeches) == [0, 3, 3, 3, 0]


def test_rows_and_context(speeches):
    rows = kwic(speeches, "一要“知势”", width=8)
    assert [(r.speech, r.offset) for r in rows] == [(2, 154), (3, 684), (4, 557)]
    for r in rows:
        sp = speeches[r.speech - 1]
        assert sp.text[r.offset:r.offset + len(r.match)] == r.match
        assert len(r.left) == 8 and len(r.right) == 8
        assert "\n" not in r.left + r.right
    # The outline item starts a paragraph: the line break before it is shown as a space.
    assert rows[0].left.endswith(" ")


def test_sorting(speeches):
    by_right = kwic(speeches, "势", sort="right")
    assert [r.right for r in by_right] == sorted(r.right for r in by_right)
    by_left = kwic(speeches, "势", sort="left")
    assert [r.left[::-1] for r in by_left] == sorted(r.left[::-1] for r in by_left)
    by_pos = kwic(speeches, "势")
    assert [(r.speech, r.offset) for r in by_pos] == sorted((r.speech, r.offset) for r in by_pos)
    assert len(by_left) == len(by_right) == len(by_pos) == 7 + 29 + 30 + 29 + 17


def test_regex_special_characters_literal_by_default():
    sp = [Speech(id=1, title="t", text="推进“1+5”高铁新区。1+5=6")]
    assert len(kwic(sp, "1+5")) == 2
    assert len(kwic(sp, "1+5", regex=True)) == 0  # + is a quantifier: "11115" would match, "1+5" does not
    assert [r.match for r in kwic(sp, r"\d\+\d", regex=True)] == ["1+5", "1+5"]


def test_empty_matches_are_skipped():
    sp = [Speech(id=1, title="t", text="发展发展")]
    assert kwic(sp, r"(?=发展)", regex=True) == []


def test_errors(speeches):
    with pytest.raises(InputError, match="invalid regular expression"):
        kwic(speeches, "(发展", regex=True)
    with pytest.raises(InputError, match="empty"):
        kwic(speeches, "  ")
    with pytest.raises(InputError):
        kwic(speeches, "发展", width=-1)
    with pytest.raises(InputError):
        kwic(speeches, "发展", sort="middle")
