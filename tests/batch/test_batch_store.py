"""The store's files: stable ids, partitions that appear whole or not at all, leftovers removed, dictionary merged."""
import shutil

import pyarrow.parquet as pq
import pytest

from analysis.batch import store as layout


def _tables(ids, terms=("发展", "改革")):
    cols = layout.empty_columns()
    for sid in ids:
        row = {f.name: None for f in layout.SCHEMAS["speeches"]}
        row.update(id=sid, hash=f"{sid:040x}", title=f"#{sid}", chars=10, tokens=len(terms), part="p")
        for k, v in row.items():
            cols["speeches"][k].append(v)
        for t in terms:
            for k, v in (("speech", sid), ("term_id", layout.term_id(t)), ("tag", "vn"), ("count", 1),
                         ("term_len", len(t))):
                cols["terms"][k].append(v)
    cols["dictionary"] = {"term_id": [layout.term_id(t) for t in terms], "term": list(terms),
                          "tag": ["vn"] * len(terms), "term_len": [len(t) for t in terms]}
    return layout.tables_of(cols)


def test_ids_are_stable_and_fit_int64():
    assert layout.speech_id("f" * 40) == int("f" * 15, 16) < 2 ** 63
    assert layout.term_id("发展") == layout.term_id("发展") != layout.term_id("改革")
    assert -2 ** 63 <= layout.term_id("四个意识") < 2 ** 63


def test_a_partition_is_committed_only_when_its_speeches_file_is_renamed(tmp_path, monkeypatch):
    real = layout.os.replace

    def fail_on_speeches(src, dst):
        if "speeches" in str(dst):
            raise OSError("killed")
        real(src, dst)

    monkeypatch.setattr(layout.os, "replace", fail_on_speeches)
    with pytest.raises(OSError):
        layout.write_partition(tmp_path, "a", _tables([1, 2]))
    monkeypatch.setattr(layout.os, "replace", real)
    assert layout.committed_parts(tmp_path) == set()
    assert (tmp_path / "terms" / "part-a.parquet").exists()          # written, but not committed
    assert [p.name[:5] for p in (tmp_path / "speeches").iterdir()] == [".tmp-"]
    assert layout.clean_store(tmp_path) == 4      # dictionary, terms, phrases, and the temporary speeches file
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    layout.write_partition(tmp_path, "a", _tables([1, 2]))
    assert layout.committed_parts(tmp_path) == {"a"}
    assert sorted(layout.known_ids(tmp_path)) == [1, 2]


def test_dictionary_parts_merge_into_one_file(tmp_path):
    layout.write_partition(tmp_path, "a", _tables([1], ("发展", "改革")))
    layout.write_partition(tmp_path, "b", _tables([2], ("改革", "开放")))
    assert layout.merge_dictionary(tmp_path) == 3
    assert [p.name for p in (tmp_path / "dictionary").iterdir()] == ["terms.parquet"]
    terms = pq.read_table(tmp_path / "dictionary" / "terms.parquet").column("term").to_pylist()
    assert sorted(terms) == ["发展", "开放", "改革"]
    layout.write_partition(tmp_path, "c", _tables([3], ("开放", "创新")))
    assert layout.merge_dictionary(tmp_path) == 4


def test_drop_speeches_rewrites_a_partition_without_them(tmp_path):
    layout.write_partition(tmp_path, "a", _tables([1, 2, 3]))
    layout.drop_speeches(tmp_path, "a", [2])
    assert sorted(layout.known_ids(tmp_path)) == [1, 3]
    speeches = pq.read_table(tmp_path / "terms" / "part-a.parquet").column("speech").to_pylist()
    assert sorted(set(speeches)) == [1, 3]
    assert not [p for p in tmp_path.rglob(".tmp-*")]


def test_an_uncommitted_partition_is_invisible_to_queries(tmp_path):
    from analysis.batch.query import Store

    layout.write_partition(tmp_path, "a", _tables([1, 2]))
    layout.merge_dictionary(tmp_path)
    before = Store(tmp_path).term_totals(top=None)
    # A killed task left the terms of speech 3 under its partition's name, but never its speeches file.
    orphan = tmp_path / "orphan"
    layout.write_partition(orphan, "zzz", _tables([3]))
    shutil.copy(orphan / "terms" / "part-zzz.parquet", tmp_path / "terms" / "part-zzz.parquet")
    after = Store(tmp_path).term_totals(top=None)
    assert before.equals(after) and list(after["count"]) == [2, 2]
    assert layout.clean_store(tmp_path) == 1 and not (tmp_path / "terms" / "part-zzz.parquet").exists()
