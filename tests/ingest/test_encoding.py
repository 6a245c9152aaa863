import codecs

import opencc
import pytest

from analysis.ingest.encoding import (decode_bytes, fold_radicals, is_traditional, looks_binary, to_simplified,
                               traditional_share)
from analysis.errors import InputError
from analysis.text.normalize import count_han, normalize_text
from tests.ingest_helpers import corpus, speech_text


@pytest.fixture(scope="module")
def text():
    # GBK has no no-break space; the saved page uses a few, which normalisation removes anyway.
    return speech_text(1).replace("\u00a0", " ")


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"), ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16LE"),
    ("utf-16-be", "UTF-16BE"), ("gbk", "GB18030/GBK"), ("gb18030", "GB18030/GBK"),
])
def test_each_encoding_decodes_to_the_same_text(text, encoding, expected):
    d = decode_bytes(text.encode(encoding), name="s.txt")
    assert d.encoding == expected
    assert d.text.lstrip("\ufeff") == text


def test_crlf_gbk_decodes_and_normalises_like_lf(text):
    d = decode_bytes(text.replace("\n", "\r\n").encode("gbk"), name="s.txt")
    assert d.encoding == "GB18030/GBK"
    assert normalize_text(d.text) == normalize_text(text)


def test_big5_of_traditional_text_is_told_from_gbk(text):
    trad = opencc.OpenCC("s2tw").convert(text)
    d = decode_bytes(trad.encode("big5"), name="s.txt")
    assert d.encoding == "Big5"
    assert d.text == trad


def test_short_gbk_snippet():
    d = decode_bytes("同志们：今天我们召开全市经济工作会议。".encode("gbk"), name="s.txt")
    assert d.text == "同志们：今天我们召开全市经济工作会议。"


def test_binary_and_undecodable_bytes_are_refused():
    with pytest.raises(InputError, match=r"^blob\.txt: binary data"):
        decode_bytes(b"\x01\x02\x00\x00\xff\xfe\xfa" * 100, name="blob.txt")
    assert looks_binary("abc\x01\x02\x03\x04\x05\x06" * 50)
    assert not looks_binary("同志们：\n今天\t开会。\r\n")


def test_bom_with_broken_body_names_the_file():
    with pytest.raises(InputError, match=r"^x\.txt: starts with a UTF-8 \(BOM\) byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + "同志们".encode("utf-8")[:-1], name="x.txt")


def test_builtin_corpus_is_not_traditional():
    whole = "\n".join(sp.text for sp in corpus())
    assert traditional_share(whole) == 0.0
    assert not is_traditional(whole)


def test_traditional_text_is_detected_and_converted_with_same_length():
    sp = corpus()[0]
    trad = opencc.OpenCC("s2t").convert(sp.text)
    share = traditional_share(trad)
    assert share > 0.2
    assert is_traditional(trad)
    back = to_simplified(trad)
    assert len(back) == len(sp.text)
    assert count_han(back) == count_han(sp.text)
    assert back == sp.text  # every character of speech 1 round-trips through s2t/t2s


def test_fold_radicals_turns_pdf_radical_forms_into_characters():
    assert fold_radicals("⻓期坚持⻔槛⻄部⺠生⻢上⻅效") == "长期坚持门槛西部民生马上见效"
    # Kangxi radicals (⼀ U+2F00) are left to normalize_text, which folds them with NFKC.
    assert normalize_text(fold_radicals("⼀是⼴泛")) == "一是广泛"
