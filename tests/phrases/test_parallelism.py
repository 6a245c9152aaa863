from collections import Counter

import pytest

from tests.gold import read_gold

from analysis.ingest.corpus import load_default_corpus
from tests.gold import text_detector
from tests.paths import FIXTURES

detect = text_detector("parallel")

GOLD = FIXTURES / "parallel_gold.tsv"


@pytest.fixture(scope="module")
def found():
    return {sp.id: detect(sp.text) for sp in load_default_corpus()}


def test_precision_recall_at_least_090(found):
    gold = read_gold(GOLD)
    want = Counter({(r["speech"], r["surface"]): r["count"] for r in gold})
    got = Counter((sid, m.members[0]) for sid, ms in found.items() for m in ms)
    tp = sum((want & got).values())
    precision, recall = tp / sum(got.values()), tp / sum(want.values())
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
    labels = {(r["speech"], r["surface"]): (r["canonical"], r["class"]) for r in gold}
    pairs = [(labels[(sid, m.members[0])], (m.canonical, m.cls)) for sid, ms in found.items() for m in ms
             if (sid, m.members[0]) in labels]
    assert all(a == b for a, b in pairs), [p for p in pairs if p[0] != p[1]]


def test_exact_counts(found):
    assert {sid: len(ms) for sid, ms in found.items()} == {1: 15, 2: 13, 3: 17, 4: 17, 5: 21}
    assert Counter(m.cls for m in found[5]) == {"enumeration": 8, "section": 4, "shared_head": 5, "shared_tail": 4}


def test_members_and_frames(found):
    jiang = next(m for m in found[3] if m.canonical == "讲X")
    assert jiang.members == ("讲悟性", "讲责任", "讲务实", "讲担当", "讲激情")
    assert jiang.phrase == "讲悟性、讲责任、讲务实、讲担当、讲激情"
    gan = next(m for m in found[2] if m.canonical == "X干")
    assert gan.members == ("苦干", "实干", "巧干") and gan.cls == "shared_tail"
    sections = next(m for m in found[5] if m.canonical.startswith("第一…"))
    assert len(sections.members) == 10 and sections.cls == "section"


def test_not_markers_or_lists():
    text = "统一要求，第一方阵，市人大、市政协、市纪委监委。一是抓好。二是落实。"
    assert detect(text) == []


def test_markers_match_where_the_lookbehind_regexes_match():
    """The marker regexes start with the marker and check the character before it after matching: they find the
    markers the boundary-lookbehind regexes find, on real and on adversarial text."""
    import random
    import re as _re
    from analysis.ingest.national import load_national_corpus
    from analysis.phrases.parallelism import _MARKERS

    def reference(rx, before):
        lb = "(?:(?<=^)|(?<=[" + _re.escape(before) + "]))"
        return _re.compile(lb + rx.pattern)

    rng = random.Random(3)
    alphabet = list("一二三四五六七八九十是要问抓看第、（），：；。！？\n统")
    texts = [sp.text for sp in load_national_corpus()[::4]] + ["".join(rng.choice(alphabet) for _ in range(20000))]
    for text in texts:
        for _cls, _fam, rx, _tpl, before in _MARKERS:
            ours = [m.span() for m in rx.finditer(text) if not m.start() or text[m.start() - 1] in before]
            assert ours == [m.span() for m in reference(rx, before).finditer(text)]
