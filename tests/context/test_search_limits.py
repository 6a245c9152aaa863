"""User regular expressions run with limits: length, repeat expansion and a time limit that leaves the rest of the
process running."""
import threading
import time

import pytest

from analysis.context.kwic import (MAX_QUERY_CHARS, SearchTimeout, compile_query, deadline, kwic, match_spans)
from analysis.context.trends import date_trend, trend_table
from analysis.errors import InputError
from analysis.ingest.corpus import Speech

# No run of 发 reaches the end of the text, so (发+)+$ tries ways of splitting each run: minutes without a limit.
TEXT = ("发" * 3000 + "。\n") * 5
SPEECHES = [Speech(id=1, title="甲", text=TEXT, date="2020"), Speech(id=2, title="乙", text=TEXT, date="2021")]
CATASTROPHIC = "(发+)+$"


def test_a_catastrophic_pattern_stops_after_its_time_limit():
    for search in (lambda: kwic(SPEECHES, CATASTROPHIC, regex=True, timeout=0.5),
                   lambda: trend_table(SPEECHES, CATASTROPHIC, regex=True, timeout=0.5),
                   lambda: date_trend(SPEECHES, CATASTROPHIC, regex=True, timeout=0.5)):
        start = time.monotonic()
        with pytest.raises(SearchTimeout) as info:
            search()
        assert time.monotonic() - start < 5
        assert str(info.value).startswith("the regular expression took longer than 0.5 s and was stopped")
        assert info.value.message("zh").startswith("正则表达式运行超过 0.5 秒，已停止")
        assert isinstance(info.value, InputError)


def test_the_time_limit_covers_all_speeches_together():
    many = SPEECHES * 20
    start = time.monotonic()
    with pytest.raises(SearchTimeout):
        kwic(many, CATASTROPHIC, regex=True, timeout=0.5)
    assert time.monotonic() - start < 5     # not 0.5 s per speech


def test_other_threads_run_while_a_pattern_is_matched():
    """The engine releases the interpreter lock while it matches, so other sessions of the server keep going."""
    ticks = []
    stop = threading.Event()

    def other_session():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    worker = threading.Thread(target=other_session)
    worker.start()
    try:
        start = time.monotonic()
        with pytest.raises(SearchTimeout):
            kwic(SPEECHES, CATASTROPHIC, regex=True, timeout=1.0)
        end = time.monotonic()
    finally:
        stop.set()
        worker.join()
    during = [t for t in ticks if start < t < end]
    # The other thread was served throughout: no gap longer than a quarter of a second.
    gaps = [b - a for a, b in zip([start] + during, during + [end])]
    assert len(during) > 20 and max(gaps) < 0.25, max(gaps)


def test_ordinary_searches_are_unchanged_and_literal_ones_have_no_limit():
    sp = [Speech(id=1, title="t", text="推进“1+5”高铁新区。1+5=6，发展发展")]
    assert [r.match for r in kwic(sp, r"\d\+\d", regex=True)] == ["1+5", "1+5"]
    assert len(kwic(sp, "1+5")) == 2
    assert deadline(False) is None and deadline(True, None) is None
    assert match_spans(compile_query("发展"), sp[0].text) == [(18, 20), (20, 22)]
    with pytest.raises(SearchTimeout):      # a regular expression past its deadline does not even start
        match_spans(compile_query("发展", regex=True), sp[0].text, until=time.monotonic() - 1, limit=2)
    # A literal query cannot backtrack: its search is never stopped, even past a deadline.
    assert len(kwic(sp, "发展", timeout=0)) == 2


def test_length_and_repeat_limits():
    with pytest.raises(InputError, match=f"too long \\(201 characters; at most {MAX_QUERY_CHARS}\\)"):
        compile_query("发" * 201)
    with pytest.raises(InputError, match="too long"):
        compile_query("发" * 201, regex=True)
    assert compile_query("发" * 200)
    for pattern in ("(a{1000}){1000}", "((a{100}){100}){100}", "(?:[ab]{300}|c){300}", "a{60000}"):
        start = time.monotonic()
        with pytest.raises(InputError, match="repeats too much") as info:
            compile_query(pattern, regex=True)
        assert time.monotonic() - start < 1
        assert "重复次数太多" in info.value.message("zh")
    # Open-ended and small counted repeats are fine.
    for pattern in (r"[一二三]要“[^”]+”", r".{2}发展", r"(a{100}){100}", r"a{1,100000}", r"(?:发展){2,}"):
        assert compile_query(pattern, regex=True)


def test_syntax_errors_keep_their_messages():
    with pytest.raises(InputError) as info:
        compile_query("(发展", regex=True)
    assert str(info.value) == "invalid regular expression '(发展': missing ), unterminated subpattern at position 0"
    assert info.value.message("zh") == "正则表达式 '(发展' 有误：缺少右括号“)”，分组没有闭合（第 1 个字符处）"
