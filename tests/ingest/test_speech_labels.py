from analysis.ingest.corpus import Speech, load_default_corpus
from analysis.ingest.labels import speech_id_from_label, speech_labels


def test_built_in_speeches_get_short_distinct_labels_with_the_subtitle():
    labels = speech_labels(load_default_corpus())
    assert labels[3] == "#3 牢记嘱托再出发"                     # the subtitle, not the shared title
    assert labels[1] == "#1 市政府2021年全体会议"
    assert len(set(labels.values())) == 5
    assert all(len(v) <= 16 for v in labels.values())


def test_place_and_year_are_added_when_the_title_lacks_them():
    sp = Speech(id=7, title="在全市经济工作会议上的讲话", text="", date="2019-03-01", place="吉安")
    assert speech_labels([sp])[7] == "#7 吉安 全市经济工作会议 2019"


def test_ids_are_read_from_numbers_and_old_full_labels():
    assert speech_id_from_label("3") == 3
    assert speech_id_from_label("#12") == 12
    assert speech_id_from_label("3 · 在市政府全体会议上的讲话") == 3
    assert speech_id_from_label("在市政府") is None
