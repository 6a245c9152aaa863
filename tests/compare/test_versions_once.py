"""Versions counted once: each group of versions is represented by its longest version."""
from analysis.compare.reuse import reuse_pairs
from analysis.compare.versions import count_once, representatives, version_groups
from analysis.ingest.corpus import load_default_corpus
from analysis.text.normalize import count_han


def test_the_built_in_versions_are_counted_once():
    speeches = load_default_corpus()
    groups = version_groups(reuse_pairs(speeches))
    sizes = {sp.id: count_han(sp.text) for sp in speeches}
    assert groups == [[2, 3, 4]] and sizes[3] == 2680 > sizes[4] == 2656 > sizes[2] == 2269
    assert representatives(groups, sizes=sizes) == {2: 3, 3: 3, 4: 3}
    assert count_once([1, 2, 3, 4, 5], groups, sizes=sizes) == [1, 3, 5]
    assert count_once([2, 4, 5], groups, sizes=sizes) == [4, 5]      # the representative is not selected
