"""The pieces of ``python -m benchmarks.batch`` that need no cluster: the generated corpus, the copied store."""
import json

from analysis.batch.query import Store
from analysis.batch.sources import plan_partitions, read_partition
from benchmarks.batch import generate, replicate, report


def test_generated_speeches_are_distinct_with_metadata(tmp_path):
    info = generate(tmp_path / "g.jsonl", 0.3, seed=1)
    lines = [json.loads(x) for x in (tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()]
    assert info["speeches"] == len(lines) > 3 and info["text_mb"] >= 0.3
    assert len({r["text"] for r in lines}) == len(lines)
    assert all(1954 <= r["year"] <= 2025 and r["speaker"] and r["place"] for r in lines)
    records = [r for p in plan_partitions([str(tmp_path / "g.jsonl")]) for r in read_partition(p)[0]]
    assert len(records) == len(lines) and records[0].year == lines[0]["year"]


def test_copies_of_a_store_multiply_every_count(tmp_path):
    from distributed import Client, LocalCluster
    from analysis.batch.ingest import ingest
    from analysis.ingest.corpus import DEFAULT_CORPUS_PATH

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster) as client:
        ingest([str(DEFAULT_CORPUS_PATH)], tmp_path / "st", client=client, progress=None)
    info = replicate(tmp_path / "st", tmp_path / "copies", 3)
    assert info["speeches"] == 15
    one, three = Store(tmp_path / "st").term_totals(top=10), Store(tmp_path / "copies").term_totals(top=10)
    assert list(three["term"]) == list(one["term"]) and list(three["count"]) == [3 * c for c in one["count"]]
    text = report({"started": "now", "cores": 2, "load_start": 0.0, "load_end": 0.0,
                   "corpus": {"speeches": 5, "text_mb": 0.06, "file_mb": 0.07}, "ingest": {}, "dashboard": {}})
    assert "| workers |" in text and "not run" in text
