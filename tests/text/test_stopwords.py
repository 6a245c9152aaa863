import pytest

from analysis.ingest.corpus import load_default_corpus
from analysis.errors import InputError
from analysis.text.lexicon import load_lexicon
from analysis.pipeline import segment_all
from analysis.text.counts import term_table
from analysis.text.stopwords import decode_stopword_file, format_stopwords, load_builtin, parse_stopwords


def test_builtin_lists():
    general = load_builtin("general")
    official = load_builtin("officialese")
    assert len(general) == 794 and "的" in general and "工作" not in general
    assert {"工作", "加强", "推进"} <= set(official)


def test_parse_and_round_trip():
    words = parse_stopwords("# comment\n的\n了 和\n工作，加强、的\n")
    assert words == ["的", "了", "和", "工作", "加强"]
    assert parse_stopwords(format_stopwords(words)) == words


def test_uploaded_files_in_gb18030_and_bad_files():
    assert decode_stopword_file("工作\n加强\n".encode("gb18030")) == ["工作", "加强"]
    with pytest.raises(InputError, match="empty"):
        decode_stopword_file(b"  \n", name="s.txt")
    with pytest.raises(InputError, match="not a text file"):
        decode_stopword_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="s.txt")


def test_stopword_edits_change_counts():
    speeches = load_default_corpus()
    segs = segment_all(speeches, lexicon=load_lexicon())
    base = term_table(speeches, segs, stopwords=load_builtin("general"), min_len=2)
    top1 = base[base.speech == 1].iloc[0]
    assert (top1.term, top1["count"]) == ("工作", 47)
    edited = term_table(speeches, segs, stopwords=load_builtin("general") + ["工作"], min_len=2)
    assert "工作" not in set(edited.term)
    new_top = edited[edited.speech == 1].iloc[0]
    assert (new_top.term, new_top["count"]) == ("落实", 18)
    official = term_table(speeches, segs, stopwords=load_builtin("general") + load_builtin("officialese"),
                          min_len=2)
    assert not {"工作", "加强", "推进", "落实"} & set(official.term)
    assert len(official) < len(base)
