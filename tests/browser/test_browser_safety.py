"""Real-browser tests of hostile links: a runaway regular expression does not stall other users, and Markdown or
HTML in a link shows as text (no remote image fetched, no live link, no restyling)."""
import time
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.browser

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
CANARY = "127.0.0.1:9"


def settle(page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function(IDLE, timeout=90_000)


def url_of(server, view: str, **params) -> str:
    return f"{server.url}/?" + urllib.parse.urlencode({"view": view, **params})


def canary_requests(page) -> list:
    hits = []
    page.on("request", lambda r: hits.append(r.url) if CANARY in r.url else None)
    return hits


def overview_shown(page, timeout: int = 90_000) -> None:
    """The Overview has drawn its chart of Han characters per speech."""
    page.wait_for_function("() => [...document.querySelectorAll('.stPlotlyChart .js-plotly-plot')]"
                           ".some(p => p.layout && p.layout.title && String(p.layout.title.text).includes('汉字数'))",
                           timeout=timeout)


def test_a_runaway_regex_does_not_stall_another_session(chromium, app_server):
    viewer_ctx, attacker_ctx = chromium.new_context(locale="zh-CN"), chromium.new_context(locale="zh-CN")
    try:
        viewer = viewer_ctx.new_page()
        viewer.goto(app_server.url + "/")
        overview_shown(viewer)
        attacker = attacker_ctx.new_page()
        attacker.goto(url_of(app_server, "kwic", kw_query="发展", kw_regex="true"))
        attacker.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
        settle(attacker)
        # The catastrophic pattern, typed: the attacker's session starts matching it right away.
        box = attacker.get_by_role("textbox", name="检索词", exact=True)
        box.fill("(.+)+$")
        box.press("Enter")
        attacker.wait_for_timeout(300)       # its rerun has started and is matching (for at least 2 s)
        start = time.monotonic()
        with urllib.request.urlopen(f"{app_server.url}/_stcore/health", timeout=10) as r:
            assert r.status == 200
        # Meanwhile another user switches to the Words tab and gets it drawn.
        viewer.get_by_role("tab", name="词频", exact=True).click()
        viewer.wait_for_function("() => [...document.querySelectorAll('.stPlotlyChart .js-plotly-plot')]"
                                 ".some(p => String(p.layout.title && p.layout.title.text).includes('高频词'))",
                                 timeout=30_000)     # without a limit the pattern holds the server for minutes
        served = time.monotonic() - start
        # The attacker's search ends on its own, with one line saying why.
        attacker.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stAlertContentError\"]')]"
                                   ".some(e => e.innerText.includes('检索已停止'))", timeout=30_000)
        text = attacker.locator('[data-testid="stAlertContentError"]').first.inner_text()
        assert text.startswith("检索已停止：正则表达式运行超过 2 秒，已停止（(a+)+ 这类嵌套重复")
        assert served < 30
    finally:
        viewer_ctx.close()
        attacker_ctx.close()


@pytest.mark.parametrize("payload", ["![x](http://127.0.0.1:9/canary.png)", "[点此](http://127.0.0.1:9/x) **粗体**",
                                     ":red[红字] $x^2$", "http://127.0.0.1:9/x www.example.com"])
def test_markdown_in_a_link_is_shown_as_text(page, app_server, payload):
    hits = canary_requests(page)
    page.goto(url_of(app_server, "keyness", sc_find=payload))
    page.wait_for_selector('[data-testid="stTabs"]', timeout=90_000)
    settle(page)
    info = page.locator('[data-testid="stAlertContentInfo"]', has_text="没有包含")
    info.wait_for(timeout=60_000)
    # Shown as typed (the auto-linker is stopped by invisible word joiners, which are not part of what one reads).
    assert info.inner_text().strip().replace("\u2060", "") == f"两篇讲话中都没有包含“{payload}”的词语。"
    assert info.locator("img, a, strong, .katex, span[style*='color']").count() == 0
    assert page.locator(f"a[href*='{CANARY}'], img[src*='{CANARY}']").count() == 0
    page.wait_for_timeout(500)
    assert hits == []


def test_html_in_a_query_is_not_live_in_the_chart(page, app_server):
    hits = canary_requests(page)
    query = '发展|<a href="http://127.0.0.1:9/x">点此</a>|<span style="font-size:90px">大</span>'
    page.goto(url_of(app_server, "trends", tr_query=query, tr_regex="true"))
    page.wait_for_selector(".stPlotlyChart .js-plotly-plot .gtitle", timeout=90_000)
    settle(page)
    title = page.locator(".stPlotlyChart .js-plotly-plot .gtitle").first
    assert query in title.text_content()          # drawn as the characters typed
    assert page.locator(f".js-plotly-plot a[href*='{CANARY}']").count() == 0
    assert page.locator(".js-plotly-plot [style*='font-size:90px'], .js-plotly-plot [style*='font-size: 90px']"
                        ).count() == 0
    assert hits == []


def _handshake(port: int, host: str, origin: str | None = None) -> str:
    """The status line the server answers to a websocket upgrade sent with these Host and Origin headers."""
    import socket
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        c.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                   "Sec-WebSocket-Protocol: streamlit\r\n" + (f"Origin: {origin}\r\n" if origin else "") + "\r\n"
                   ).encode())
        return c.recv(4096).split(b"\r\n")[0].decode()


def test_the_websocket_is_refused_to_foreign_host_names(app_server):
    port = app_server.port
    assert " 101 " in _handshake(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}")
    assert " 101 " in _handshake(port, f"localhost:{port}")
    # DNS rebinding: a page of attacker.example whose name now points at this computer.
    assert " 403 " in _handshake(port, "attacker.example", "http://attacker.example")
    assert " 403 " in _handshake(port, "attacker.example")
    assert " 403 " in _handshake(port, f"127.0.0.1:{port}", "http://attacker.example")
