"""Real-browser tests of the comparison tabs: open each tab, change a control, see the change, no console errors."""
import pytest

from tests.browser_support import ARTIFACTS

pytestmark = pytest.mark.browser

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
PLOTS = "() => [...document.querySelectorAll('.stPlotlyChart .js-plotly-plot')].map(p => p.layout.title && p.layout.title.text)"


def settle(page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function(IDLE, timeout=90_000)


def open_view(page, url: str, view: str, query: str = "") -> None:
    page.goto(f"{url}/?view={view}{query}")
    page.wait_for_selector('[data-testid="stTabs"]', timeout=90_000)
    settle(page)


def plot_titles(page) -> list:
    return page.evaluate(PLOTS)


def type_into(page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label, exact=True)
    box.fill(text)
    box.press("Enter")
    settle(page)


def select_first_row(page, frame) -> None:
    """Tick the selection box of the first row of a st.dataframe (a canvas grid: click by position)."""
    frame.scroll_into_view_if_needed()
    box = frame.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    settle(page)


def test_keyness_target_change(page, app_server):
    open_view(page, app_server.url, "关键词")
    page.wait_for_function(f"() => ({PLOTS})().some(t => t && t.includes('#1 对比'))", timeout=90_000)
    page.screenshot(path=str(ARTIFACTS / "keyness_zh.png"), full_page=True)
    target = page.get_by_role("combobox", name="目标讲话（可多选组成一组）")
    target.click()
    page.get_by_role("option", name="#5 市政府全体会议").click()
    page.keyboard.press("Escape")
    settle(page)
    page.wait_for_function(f"() => ({PLOTS})().some(t => t && t.includes('#1、#5 对比'))", timeout=90_000)
    assert "key_target=" in page.url
    assert not page.console_errors


def test_keyness_table_row_opens_kwic(page, app_server):
    open_view(page, app_server.url, "关键词")
    frame = page.locator('[data-testid="stDataFrame"]').first
    frame.wait_for(timeout=90_000)
    select_first_row(page, frame)
    page.wait_for_function("() => [...document.querySelectorAll('[role=tab][aria-selected=true]')]"
                           ".some(t => t.textContent.includes('语境'))", timeout=60_000)
    assert page.get_by_role("textbox", name="检索词", exact=True).input_value() == "落实"
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "34"
    assert not page.console_errors


def test_word_table_row_opens_kwic(page, app_server):
    open_view(page, app_server.url, "词频")
    frame = page.locator('[data-testid="stDataFrame"]').first
    frame.wait_for(timeout=90_000)
    select_first_row(page, frame)
    page.wait_for_function("() => [...document.querySelectorAll('[role=tab][aria-selected=true]')]"
                           ".some(t => t.textContent.includes('语境'))", timeout=60_000)
    settle(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    assert page.get_by_role("textbox", name="检索词", exact=True).input_value() == "工作"
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "138"
    page.screenshot(path=str(ARTIFACTS / "kwic_from_words_zh.png"), full_page=True)
    assert not page.console_errors


def test_similarity_pair_and_diff(page, app_server):
    open_view(page, app_server.url, "相似与复用")
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=90_000)
    assert "#2、#3、#4 是同一篇讲话的不同版本" in page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
    page.wait_for_function(f"() => ({PLOTS})().length >= 2", timeout=90_000)
    page.screenshot(path=str(ARTIFACTS / "similarity_zh.png"), full_page=True)
    page.get_by_text("汉字二、三元组").click()
    settle(page)
    page.wait_for_function("() => { const p = document.querySelector('.stPlotlyChart .js-plotly-plot');"
                           " return p && p.data[0].text[2][3] === '0.93'; }", timeout=60_000)
    assert "sim_feat=char" in page.url
    assert not page.console_errors


def test_kwic_query_counts(page, app_server):
    open_view(page, app_server.url, "语境")
    type_into(page, "检索词", "放管服")
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "3"
    page.wait_for_function(f"() => ({PLOTS})().some(t => t && t.includes('放管服'))", timeout=60_000)
    assert "kw_query=" in page.url
    page.screenshot(path=str(ARTIFACTS / "kwic_zh.png"), full_page=True)
    assert not page.console_errors


def test_trends_term_change(page, app_server):
    open_view(page, app_server.url, "趋势")
    page.wait_for_function(f"() => ({PLOTS})().some(t => t && t.includes('工作'))", timeout=90_000)
    type_into(page, "词语", "放管服")
    page.wait_for_function(f"() => ({PLOTS})().some(t => t && t.includes('放管服'))", timeout=60_000)
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "3"
    page.screenshot(path=str(ARTIFACTS / "trends_zh.png"), full_page=True)
    assert not page.console_errors


def test_network_top_nodes(page, app_server):
    open_view(page, app_server.url, "共现", "&net_top=20")
    page.wait_for_function("() => { const p = document.querySelector('.stPlotlyChart .js-plotly-plot');"
                           " return p && p.data[p.data.length - 1].text.length === 20; }", timeout=90_000)
    page.screenshot(path=str(ARTIFACTS / "network_zh.png"), full_page=True)
    assert page.evaluate("() => document.querySelector('.stPlotlyChart .js-plotly-plot').layout.dragmode") == "pan"
    assert not page.console_errors
