"""The store path gives the in-memory answers: on the built-in speeches (a one-thread cluster in this process,
so a task can be made to fail) and on the national reports (a LocalCluster of two worker processes, as CI runs
it)."""
import os
from pathlib import Path
from collections import Counter

import pytest

from analysis.batch import store as layout
from analysis.batch import tasks
from analysis.batch.ingest import ingest
from analysis.batch.query import Store, Subcorpus, parse_condition
from analysis.compare.keyness import counts_by_speech, keyness, keyness_by_speech
from analysis.ingest.corpus import DEFAULT_CORPUS_PATH, load_default_corpus
from analysis.phrases.document import default_lexicon
from analysis.phrases.registry import KINDS
from analysis.text.stopwords import load_builtin
from tests.batch.conftest import Reference, same_frames

COLS = ["speech", "title", "term", "tag", "pos", "count"]


@pytest.fixture(scope="module")
def thread_client():
    from distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                           silence_logs=50)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def builtin_reference():
    return Reference(load_default_corpus(), default_lexicon())


def _check_terms(st: Store, ref: Reference, sub: Subcorpus = Subcorpus(), keep=None):
    stop = load_builtin("general")
    for filters in ({}, {"stopwords": stop, "min_len": 2}, {"pos": ["noun", "idiom"], "min_count": 2},
                    {"pos": ["other"], "stopwords": stop}):
        mem = ref.term_table(**filters)
        if keep is not None:
            mem = mem[mem["speech"].isin(keep)].reset_index(drop=True)
        same_frames(mem, st.term_table(sub, **filters), COLS, float_columns=["per_10k"])
    mem = ref.term_table(stopwords=stop, top=5)
    if keep is not None:
        mem = mem[mem["speech"].isin(keep)].reset_index(drop=True)
    same_frames(mem, st.term_table(sub, stopwords=stop, top=5), COLS)


def _check_phrases(st: Store, ref: Reference):
    for kind in KINDS:
        got = st.phrase_table(kind).to_dict("records")
        want = ref.phrase_rows(kind)
        assert len(got) == len(want), kind
        for g, w in zip(got, want):
            g = {k: (list(v) if k == "members" else v) for k, v in g.items()}
            assert {k: g[k] for k in w} == w, kind


def test_builtin_store_equals_the_in_memory_counts_and_survives_a_failed_task(tmp_path, thread_client,
                                                                            builtin_reference, monkeypatch):
    ref = builtin_reference
    real = tasks.write_partition
    calls = []

    def fails_once(store, part, tables):
        """The first attempt dies before its last rename: terms, phrases, dictionary in place, speeches not."""
        calls.append(part)
        if len(calls) == 1:
            for name, table in tables.items():
                final = Path(store) / name / f"part-{part}.parquet"
                tmp = layout._write(table, final)
                if name != "speeches":
                    os.replace(tmp, final)
            raise OSError("killed")
        return real(store, part, tables)

    monkeypatch.setattr(tasks, "write_partition", fails_once)
    summary = ingest([str(DEFAULT_CORPUS_PATH)], tmp_path / "st", client=thread_client, progress=None)
    assert not summary["errors"], summary["errors"]
    assert len(calls) == 2 and calls[0] == calls[1]           # retried, under the same partition name
    assert summary["new_speeches"] == 5 and summary["failed_partitions"] == 0
    st = Store(tmp_path / "st")
    speeches = st.speeches()
    assert list(speeches["hash"]) == [sp.digest for sp in ref.speeches]
    assert list(speeches["tokens"]) == [len(ref.segs[sp.id].words()) for sp in ref.speeches]
    assert list(speeches["chars"]) == [len(sp.text) - sp.text.count("\n") for sp in ref.speeches]
    _check_terms(st, ref)
    _check_phrases(st, ref)
    # keyness of each speech against the rest, as the keyness subcommand computes it
    stop = load_builtin("general")
    counts = counts_by_speech(ref.term_table(stopwords=stop))
    by_id = {ref.store_id[sp.id]: sp.id for sp in ref.speeches}
    totals = {ref.store_id[k]: v for k, v in ref.totals().items()}
    mem = keyness_by_speech(counts, totals=totals, min_freq=3)
    for sid in by_id:
        want = mem[(mem["speech"] == sid)].reset_index(drop=True)
        got = st.keyness(Subcorpus(ids=(sid,)), stopwords=stop, min_freq=3, top=None, sign="both")
        same_frames(want, got, ["term", "count", "rest_count", "sign"],
                    float_columns=["g2", "p", "p_raw", "log_ratio"])
    # a group against a reference group
    a, b = [ref.store_id[i] for i in (1, 2)], [ref.store_id[i] for i in (3, 4, 5)]
    want = keyness(sum((counts[i] for i in a), Counter()), sum((counts[i] for i in b), Counter()),
                   target_total=sum(totals[i] for i in a), reference_total=sum(totals[i] for i in b), min_freq=2)
    got = st.keyness(Subcorpus(ids=tuple(a)), Subcorpus(ids=tuple(b)), stopwords=stop, min_freq=2, top=None,
                     sign="both")
    same_frames(want, got, ["term", "count", "rest_count", "sign"], float_columns=["g2", "p", "log_ratio"])
    # a second run finds nothing new, and removes what the failed attempt left behind
    assert list((tmp_path / "st").rglob(".tmp-*"))
    again = ingest([str(DEFAULT_CORPUS_PATH)], tmp_path / "st", client=thread_client, progress=None)
    assert again["new_speeches"] == 0 and again["skipped_known"] == 5 and again["removed_leftovers"] >= 1
    assert not list((tmp_path / "st").rglob(".tmp-*"))


def test_national_reports_on_two_worker_processes_equal_the_single_process_results(tmp_path):
    from distributed import Client, LocalCluster
    from analysis.ingest.national import NATIONAL_PATH, load_national_corpus

    ref = Reference(load_national_corpus(), default_lexicon())
    lines = NATIONAL_PATH.read_text(encoding="utf-8").splitlines(keepends=True)
    first = tmp_path / "first.jsonl"
    first.write_text("".join(lines[:30]), encoding="utf-8")
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=50)
    try:
        with Client(cluster) as client:
            one = ingest([str(first)], tmp_path / "st", client=client, partition_bytes=300_000, progress=None)
            # the grown corpus: only the 22 new reports are processed
            two = ingest([str(NATIONAL_PATH)], tmp_path / "st", client=client, partition_bytes=300_000,
                         progress=None)
            workers = {s for s in client.run(lambda: 1)}
    finally:
        cluster.close()
    assert len(workers) == 2
    assert not one["errors"] and not two["errors"], one["errors"] + two["errors"]
    assert (one["new_speeches"], two["new_speeches"], two["skipped_known"]) == (30, 22, 30)
    assert two["stored_speeches"] == 52 and not two["problems"]
    st = Store(tmp_path / "st")
    speeches = st.speeches()
    assert sorted(speeches["hash"]) == sorted(sp.digest for sp in ref.speeches)
    order = {ref.store_id[sp.id]: k for k, sp in enumerate(ref.speeches)}
    # store order is file then position: the first 30 came from first.jsonl; compare in corpus order
    got = st.term_table()
    got = got.assign(_o=got["speech"].map(order)).sort_values(["_o", "count", "term"],
                                                             ascending=[True, False, True], kind="stable")
    same_frames(ref.term_table().reset_index(drop=True), got.reset_index(drop=True),
                ["speech", "term", "tag", "pos", "count"], float_columns=["per_10k"])
    for kind in KINDS:
        got = st.phrase_table(kind)
        got = got.assign(_o=got["speech"].map(order)).sort_values("_o", kind="stable").drop(columns="_o")
        want = ref.phrase_rows(kind)
        assert len(got) == len(want), kind
        for g, w in zip(got.to_dict("records"), want):
            assert {k: (list(g[k]) if k == "members" else g[k]) for k in w} == w, kind
    # per-year timeline of words and phrases, and keyness of a decade against the rest
    years = {ref.store_id[sp.id]: int(sp.date[:4]) for sp in ref.speeches}
    tl = st.timeline(["改革", "创新"])
    counts = ref.counts()
    for term in ("改革", "创新"):
        want = Counter()
        for sp in ref.speeches:
            want[int(sp.date[:4])] += counts[sp.id].get(term, 0)
        rows = tl[tl["term"] == term]
        assert dict(zip(rows["year"], rows["count"])) == {y: want[y] for y in sorted(set(years.values()))}
    decade = parse_condition("year=2013..2022")
    inside = [sid for sid, y in years.items() if 2013 <= y <= 2022]
    counts = {ref.store_id[k]: v for k, v in counts.items()}
    totals = {ref.store_id[k]: v for k, v in ref.totals().items()}
    want = keyness_by_speech(counts, totals=totals, targets=[inside], min_freq=5)
    got = st.keyness(decade, min_freq=5, top=None, sign="both")
    same_frames(want.drop(columns="speech"), got, ["term", "count", "rest_count", "sign"],
                float_columns=["g2", "p", "log_ratio"])
