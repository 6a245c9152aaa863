"""A hostile link or file name must not hurt the person who opens it: AppTest of what the dashboard shows for
runaway regular expressions, Markdown and HTML in URL parameters and file names, and control characters."""
import json
import time

import pytest

from tests.apptest import no_errors, start

# Views are opened the way a shared link opens them: ?view=<code>.
from ui.i18n import plain

# Markdown that would fetch an image, link, bold, colour, typeset LaTeX or auto-link a URL if rendered.
MARKDOWN_PAYLOADS = ["![x](http://127.0.0.1:9/canary.png)", "[点此](http://127.0.0.1:9/x)", "**粗体**",
                     ":red[红字]", "$x^2$", "http://127.0.0.1:9/x", "www.example.com", "<img src=x>"]
CATASTROPHIC = "(.+)+$"


def _spec(at, i: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:&")


def _inert(markdown_source: str) -> None:
    """No Markdown construct survives: every character Markdown (or its auto-linker: ``:`` and ``.``) reads as
    syntax is backslash-escaped."""
    i = 0
    while i < len(markdown_source):
        if markdown_source[i] == "\\":
            i += 2
            continue
        assert markdown_source[i] not in _SPECIAL, (i, markdown_source)
        i += 1


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_plain_leaves_no_markdown(payload):
    _inert(plain(payload))
    # Read back (escapes resolved, the invisible word joiners that stop the auto-linker removed): as typed.
    assert plain(payload).replace("\\", "").replace("\u2060", "") == payload
    for url in ("://", "www.", "@"):
        assert url.replace(".", "\\.").replace(":", "\\:") not in plain(payload)


def test_highlight_search_from_a_link_is_shown_literally():
    for payload in MARKDOWN_PAYLOADS[:5]:
        at = start(None, query={"view": "keyness", "sc_find": payload})
        no_errors(at)
        infos = [i.value for i in at.info if "没有包含" in i.value]
        assert infos == [f"两篇讲话中都没有包含“{plain(payload)}”的词语。"], [i.value for i in at.info]
        _inert(infos[0])


def test_stopword_file_name_is_shown_literally():
    at = start(None, query={"view": "words"})
    name = "![x](http://127.0.0.1:9/canary.png) **x**.txt"
    at.sidebar.file_uploader(key="stop_upload").upload(name, "工作\n加强\n".encode(), "text/plain").run()
    no_errors(at)
    [msg] = [s.value for s in at.sidebar.success]
    assert msg == f"已从 {plain(name)} 加入 2 个词"
    _inert(msg)


def test_a_catastrophic_regex_in_kwic_stops_with_a_message():
    t0 = time.monotonic()
    at = start(None, query={"view": "kwic", "kw_query": CATASTROPHIC, "kw_regex": "true"})
    elapsed = time.monotonic() - t0
    assert not at.exception
    [err] = [e.value for e in at.error]
    assert err.startswith("检索已停止：正则表达式运行超过 2 秒，已停止")
    assert elapsed < 60          # the first run also loads the corpus; unlimited, the regex runs for minutes


def test_a_catastrophic_regex_in_trends_stops_with_a_message():
    at = start(None, query={"view": "trends", "tr_query": CATASTROPHIC, "tr_regex": "true"})
    assert not at.exception
    assert [e.value for e in at.error] == [
        "检索已停止：" + plain("正则表达式运行超过 2 秒，已停止（(a+)+ 这类嵌套重复可能几乎永远算不完）；请把它写得更简单或更具体")]


def test_too_long_and_over_repeated_queries_are_refused():
    at = start(None, query={"view": "kwic", "kw_query": "发" * 201})
    assert [e.value for e in at.error] == ["检索式无效：检索词太长（201 个字符，最多 200 个）"]
    at = start(None, query={"view": "kwic", "kw_query": "((a{100}){100}){100}", "kw_regex": "true"})
    assert len(at.error) == 1 and "重复次数太多" in at.error[0].value


def test_html_in_the_query_is_not_live_in_the_charts():
    query = '发展|<a href="http://127.0.0.1:9/x">点此</a>|<span style="font-size:90px">大</span>'
    at = start(None, query={"view": "trends", "tr_query": query, "tr_regex": "true"})
    no_errors(at)
    title = _spec(at)["layout"]["title"]["text"]
    assert "<a " not in title and "<span" not in title
    assert "&lt;a href=\"http://127.0.0.1:9/x\"&gt;点此&lt;/a&gt;" in title
    at = start(None, query={"view": "kwic", "kw_query": query, "kw_regex": "true"})
    no_errors(at)
    assert "<a " not in _spec(at)["layout"]["title"]["text"]


def test_a_nul_in_the_custom_words_of_a_link_is_reported_not_a_traceback():
    at = start(None, query={"words": "\x00"})
    assert not at.exception
    assert len(at.tabs) > 5                      # the dashboard is there
    assert [w.value for w in at.warning] == ["链接中的参数 words 含有无效字符或过长，已忽略。"]
    assert "words" not in at.query_params
    at = start(None, query={"words": "三张牌\x00", "lang": "en"})
    assert not at.exception and len(at.tabs) > 5
    assert [w.value for w in at.warning] == ["Link parameters ignored (invalid characters or too long): words"]


@pytest.mark.parametrize("name, value", [("top", "\x00"), ("sp", "\x01"), ("view", "\x00"), ("kw_query", "\x00"),
                                         ("sw_add", "\x00"), ("lang", "\x7f"), ("minlen", "9" * 6000)])
def test_control_characters_in_any_parameter_are_dropped(name, value):
    at = start(None, query={name: value})
    assert not at.exception
    assert len(at.tabs) > 5
    assert [w.value for w in at.warning] == [f"链接中的参数 {plain(name)} 含有无效字符或过长，已忽略。"]
    assert name not in at.query_params
