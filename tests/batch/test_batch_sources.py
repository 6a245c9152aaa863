"""Partitions of the input: whole speech files, and JSON-lines files cut at line boundaries."""
import json

from analysis.batch.sources import plan_partitions, read_partition


def _jsonl(path, n):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"s{i}", "title": f"讲话{i}", "year": 2000 + i % 5, "speaker": "某人",
                                 "text": f"第{i}篇。坚持改革开放，推动高质量发展。" * 20}, ensure_ascii=False) + "\n")


def test_jsonl_ranges_cover_the_file_at_line_boundaries(tmp_path):
    path = tmp_path / "c.jsonl"
    _jsonl(path, 37)
    parts = plan_partitions([str(path)], partition_bytes=2000)
    assert len(parts) > 5
    assert parts[0].start == 0 and parts[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    records = [r for p in parts for r in read_partition(p)[0]]
    assert [r.doc_id for r in records] == [f"s{i}" for i in range(37)]
    assert records[3].year == 2003 and records[3].speech.speaker == "某人" and records[3].speech.title == "讲话3"


def test_bad_lines_are_reported_and_skipped(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "发展是第一要务。"}\nnot json\n{"title": "无正文"}\n[1]\n\n{"content": "改革。", '
                    '"date": "1999-03-05"}\n', encoding="utf-8")
    records, problems = read_partition(plan_partitions([str(path)])[0])
    assert [r.speech.text for r in records] == ["发展是第一要务。", "改革。"]
    assert records[0].doc_id == "c.jsonl@0" and records[1].year == 1999
    assert len(problems) == 3 and all(p.startswith("c.jsonl@") for p in problems)


def test_a_folder_is_searched_for_speech_files_and_jsonl(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("坚持改革开放。", encoding="utf-8")
    _jsonl(tmp_path / "b.jsonl", 2)
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    parts = plan_partitions([str(tmp_path)])
    assert [(p.kind, p.path.rsplit("/", 1)[1]) for p in parts] == [("jsonl", "b.jsonl"), ("file", "a.txt")]
    records, problems = read_partition(parts[1])
    assert not problems and records[0].speech.text == "坚持改革开放。" and records[0].doc_id == "a.txt#1"
