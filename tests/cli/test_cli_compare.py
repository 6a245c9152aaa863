import csv
import io
import json


from analysis.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_keyness_shape(capsys):
    code, out, err = run(capsys, "keyness", "--top", "3")
    assert code == 0, err
    rows = json.loads(out)
    assert all(set(r) == {"speech", "term", "count", "rest_count", "g2", "p", "log_ratio"} for r in rows)
    assert [r["speech"] for r in rows] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]
    top5 = [r for r in rows if r["speech"] == 5][0]
    assert (top5["term"], top5["count"], top5["rest_count"]) == ("增长", 30, 0)
    assert all(r["log_ratio"] > 0 and 0 <= r["p"] <= 1 for r in rows)


def test_keyness_options(capsys, tmp_path):
    code, out, _ = run(capsys, "keyness", "--top", "2", "--sign", "negative", "--correction", "bonferroni",
                       "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(float(r["log_ratio"]) < 0 for r in rows)
    stop = tmp_path / "stop.txt"
    stop.write_text("增长\n", encoding="utf-8")
    _, out, _ = run(capsys, "keyness", "--top", "1", "--stopwords", str(stop))
    assert all(r["term"] != "增长" for r in json.loads(out))
    code, _, err = run(capsys, "keyness", "--top", "0")
    assert code == 1 and "--top" in err
    one = tmp_path / "one.txt"
    one.write_text("同志们：今天我们召开全体会议，部署全年工作。", encoding="utf-8")
    code, _, err = run(capsys, "keyness", str(one))
    assert code == 1 and "at least two" in err and err.count("\n") == 1


def test_similarity_shape(capsys):
    code, out, err = run(capsys, "similarity")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["a"], r["b"]) for r in rows] == [(a, b) for a in range(1, 6) for b in range(a + 1, 6)]
    assert all(set(r) == {"a", "b", "similarity", "reuse_a", "reuse_b"} for r in rows)
    assert all(0 <= r[k] <= 1 for r in rows for k in ("similarity", "reuse_a", "reuse_b"))
    by = {(r["a"], r["b"]): r for r in rows}
    assert by[(3, 4)]["reuse_a"] == 0.9433 and by[(1, 5)]["reuse_a"] == 0.0
    code, out, _ = run(capsys, "similarity", "--features", "char", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "a,b,similarity,reuse_a,reuse_b" and len(out.splitlines()) == 11


def test_kwic_shape_and_errors(capsys):
    code, out, err = run(capsys, "kwic", "吉安", "--width", "4")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["speech"] for r in rows] == [2, 4, 4, 4]
    assert all(set(r) == {"speech", "offset", "left", "match", "right"} for r in rows)
    assert all(len(r["left"]) == 4 and r["match"] == "吉安" for r in rows)
    code, out, _ = run(capsys, "kwic", "[知蓄借]势", "--regex", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "speech,offset,left,match,right" and len(out.splitlines()) == 22
    code, out, err = run(capsys, "kwic", "(势", "--regex")
    assert code == 1 and out == "" and err.startswith("error: invalid regular expression")
    code, _, err = run(capsys, "kwic", "势", "--width", "-2")
    assert code == 1 and "--width" in err
    code, _, err = run(capsys, "kwic", "势", "/nonexistent/file.txt")
    assert code == 1 and "/nonexistent/file.txt" in err and err.count("\n") == 1
