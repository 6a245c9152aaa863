"""The national government work reports: the derived data file and the cleaning that produced it."""
import json
import re

from analysis.ingest.national import (NATIONAL_PATH, clean_report, load_corpus, load_national_corpus,
                                      resolution_premier, title_block_metadata)

MISSING = {1961, 1962, 1963, 1965, 1966, 1967, 1968, 1969, 1970, 1971, 1972, 1973, 1974, 1976, 1977, 1989, 1990,
           1991, 1996, 2020}


def test_the_data_file_holds_52_reports_with_metadata():
    recs = [json.loads(line) for line in NATIONAL_PATH.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 52
    assert [r["year"] for r in recs] == sorted(set(range(1954, 2026)) - MISSING)
    assert all(set(r) >= {"id", "year", "date", "premier", "title", "text"} for r in recs)
    assert not any(r["title"].endswith("决议") for r in recs)     # the 20 NPC resolutions are not speeches
    by_year = {r["year"]: r for r in recs}
    assert by_year[2024]["date"] == "2024-03-05" and by_year[2024]["premier"] == "李强"
    assert by_year[1957]["date"] == "1957-06-26" and by_year[1957]["premier"] == "周恩来"
    assert by_year[2019]["date"] == "2019" and by_year[2019]["premier"] == "李克强"
    assert by_year[1964]["title"] == "1964年政府工作报告（摘要）"


def test_bodies_are_clean():
    for sp in load_national_corpus():
        assert "本作品是中华人民共和国" not in sp.text, sp.title
        assert not re.search("[\u200b\u200d\u3000０-９]", sp.text), sp.title
        assert "政府工作报告\n——" not in sp.text[:60]
    reports = {sp.date[:4]: sp for sp in load_national_corpus()}
    assert reports["2024"].text.startswith("各位代表：\n现在，我代表国务院，向大会报告政府工作")
    assert "《公司法》" in reports["1994"].text and "《公司法》" in reports["2005"].text   # 《\n公司法\n》 joined
    assert reports["1954"].text.startswith("各位代表：\n我们第一届全国人民代表大会第一次会议")   # Traditional converted
    assert "本届政府从1993年3月就职" in reports["1998"].text                     # "1 9 9 3 年3 月" joined


def test_clean_report_on_a_title_block_and_wiki_breaks():
    page = ("\u200b\n\n\n政府工作报\n告\n\n\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n\n\n\n国务院总理\n"
            "\u3000李克强\n\n\n各位代表：\n\n\n现在，我代表国务院。\n党的十八届六中全会\n正式明确\n习近平\n总书记的核心"
            "地位，ＰＭ\n２.５\n下降。\n\n\n\n本作品是中华人民共和国的\n法律\n")
    block, body = clean_report(page)
    assert body == "各位代表：\n现在，我代表国务院。党的十八届六中全会正式明确习近平总书记的核心地位，PM2.5下降。"
    assert title_block_metadata(block) == {"date": "2017-03-05", "premier": "李克强"}
    assert resolution_premier("会议听取和审议了国务院总理李强所作的\n政府工作报告\n。") == "李强"
    assert resolution_premier("听取了周恩来总理代表国务院所作的政府工作报告") == "周恩来"


def test_load_corpus_by_name():
    assert len(load_corpus("builtin")) == 5 and len(load_corpus("national")) == 52
    both = load_corpus("all")
    assert [sp.id for sp in both] == list(range(1, 58))
    assert both[4].source != both[5].source and both[5].title == "1954年政府工作报告"
