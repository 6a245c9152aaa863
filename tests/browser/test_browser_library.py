"""Real-browser test of the My speeches tab: real files through the file input, one of them broken."""
import re
import tempfile

import pytest

from tests.browser_support import ARTIFACTS, AppServer
from tests.ingest_helpers import docx_bytes, speech_lines, speech_text

pytestmark = pytest.mark.browser

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
# Rows of the first table on the page, from the grid's accessible cells (the grid itself is drawn on a canvas).
GRID_ROWS = ("() => { const f = document.querySelector('[data-testid=\"stDataFrame\"]'); if (!f) return [];"
             " return [...f.querySelectorAll('tr[role=row]')].map(r => [...r.querySelectorAll('td')]"
             ".map(td => td.textContent)).filter(r => r.length); }")


@pytest.fixture(scope="module")
def own_server():
    """A dashboard with its own empty library, so what this test adds is seen by no other test."""
    with tempfile.TemporaryDirectory(prefix="tifalens-browser-lib-") as data_dir:
        server = AppServer(env={"TIFALENS_DATA_DIR": data_dir})
        yield server
        server.stop()


def settle(page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function(IDLE, timeout=90_000)


def test_upload_real_files_with_a_broken_one_confirm_and_see_them_in_the_overview(page, own_server, tmp_path):
    spring = tmp_path / "春季讲话.txt"
    spring.write_bytes(("第一篇：春季全体会议讲话\n" + speech_text(2) + "\n第二篇：秋季全体会议讲话\n"
                        + speech_text(3)).encode("gb18030"))
    winter = tmp_path / "冬季讲话.docx"
    winter.write_bytes(docx_bytes(["冬季全体会议讲话"] + speech_lines(4)[1:]))
    broken = tmp_path / "损坏的文件.pdf"
    broken.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj broken")

    page.goto(f"{own_server.url}/?view=我的讲话&lib_builtin=false")
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=90_000)
    settle(page)
    page.locator('[data-testid="stMain"] [data-testid="stFileUploader"] input[type=file]').set_input_files(
        [str(spring), str(winter), str(broken)])
    page.get_by_text("损坏的文件.pdf").first.wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("button", name="预览拆分结果").click()
    settle(page)

    # The broken file is named with its own message; the other two files still load.
    error = page.locator('[data-testid="stAlertContentError"]')
    error.first.wait_for(timeout=60_000)
    assert error.count() == 1
    assert "损坏的文件.pdf" in error.inner_text() and "无法读取" in error.inner_text()
    status = page.locator('[data-testid="stMarkdown"]', has_text="春季讲话.txt —").inner_text()
    assert "2 篇讲话" in status and "GB18030" in status
    page.get_by_role("button", name="确认加入 3 篇").wait_for(timeout=30_000)
    page.get_by_role("button", name="确认加入 3 篇").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "library_zh.png"), full_page=True)

    page.get_by_role("button", name="确认加入 3 篇").click()
    settle(page)
    page.get_by_text("已加入 3 篇讲话").wait_for(timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    for label in ("#1 春季全体会议", "#2 秋季全体会议", "#3 冬季全体会议"):     # labels: number + title core (+ year)
        assert sidebar.get_by_text(re.compile("^" + label)).count() == 1

    page.get_by_role("tab", name="概览").click()
    settle(page)
    page.wait_for_function(f"() => ({GRID_ROWS})().length === 3", timeout=90_000)
    rows = page.evaluate(GRID_ROWS)      # id, title, characters, Han characters, …
    assert [r[:2] + r[3:4] for r in rows] == [["1", "春季全体会议讲话", "2269"], ["2", "秋季全体会议讲话", "2680"],
                                              ["3", "冬季全体会议讲话", "2656"]]
    page.wait_for_function("() => document.querySelectorAll('.stPlotlyChart .js-plotly-plot').length >= 2",
                           timeout=90_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "library_overview_zh.png"), full_page=True)

    # Save them, then a new visit (a new browser session) still has them; unsaved ones would be gone.
    page.get_by_role("tab", name="我的讲话").click()
    settle(page)
    save = page.get_by_role("button", name="保存 3 篇未保存的讲话到库")
    save.wait_for(timeout=60_000)
    save.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "library_manage_zh.png"), full_page=True)
    save.click()
    settle(page)
    page.get_by_text("已保存 3 篇讲话到库").wait_for(timeout=60_000)
    page.goto(f"{own_server.url}/?view=概览&lib_builtin=false")
    page.wait_for_function(f"() => ({GRID_ROWS})().length === 3", timeout=90_000)
    assert [r[1] for r in page.evaluate(GRID_ROWS)] == ["春季全体会议讲话", "秋季全体会议讲话", "冬季全体会议讲话"]
    assert not page.console_errors
