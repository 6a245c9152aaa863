"""Real-browser tests: the dashboard in headless Chromium, as a user sees it."""
import pytest

from tests.browser_support import ARTIFACTS

pytestmark = pytest.mark.browser

CHART_X = "() => { const p = document.querySelector('.stPlotlyChart .js-plotly-plot'); return p ? p.data[0].x : null; }"


def open_app(page, url, query=""):
    page.goto(url + query)
    page.wait_for_selector(".stPlotlyChart .js-plotly-plot", timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def open_tab(page, label):
    page.get_by_role("tab", name=label).click()
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def test_word_clouds_render_chinese(page, app_server):
    open_app(page, app_server.url)
    open_tab(page, "词云")
    page.wait_for_function("() => { const imgs = [...document.querySelectorAll('[data-testid=\"stImage\"] img')];"
                           " imgs.forEach(i => i.scrollIntoView()); "
                           " return imgs.length >= 5 && imgs.every(i => i.complete && i.naturalWidth > 0); }",
                           timeout=90_000)
    page.evaluate("() => window.scrollTo(0, 0)")
    sizes = page.eval_on_selector_all('[data-testid="stImage"] img', "els => els.map(e => e.naturalWidth)")
    assert len(sizes) == 5 and min(sizes) >= 400
    page.screenshot(path=str(ARTIFACTS / "clouds_zh.png"), full_page=True)
    assert not page.console_errors


def test_adding_the_top_word_to_stopwords_removes_it_from_the_chart(page, app_server):
    open_app(page, app_server.url)
    open_tab(page, "词频")
    page.wait_for_function(f"() => ({CHART_X})() !== null", timeout=60_000)
    top = page.evaluate(CHART_X)[0]
    assert top == "工作"
    page.screenshot(path=str(ARTIFACTS / "words_zh.png"), full_page=True)
    box = page.get_by_label("停用词", exact=True)
    box.click()
    box.press("Control+End")
    box.type(f"\n{top}")
    box.press("Control+Enter")
    page.wait_for_function(f"() => {{ const x = ({CHART_X})(); return x && !x.includes('{top}'); }}",
                           timeout=60_000)
    assert top not in page.evaluate(CHART_X)
    assert f"sw_add={top}" in page.url or "sw_add=%E5%B7%A5%E4%BD%9C" in page.url
    assert not page.console_errors


def test_report_download_is_a_complete_html_file(page, app_server, tmp_path):
    open_app(page, app_server.url, "?top=10")
    with page.expect_download(timeout=120_000) as dl:
        page.get_by_role("button", name="下载分析报告（HTML）").click()
    path = tmp_path / "report.html"
    dl.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "提法镜分析报告" in text
    assert "2962" in text and "6987" in text                     # overview: Han characters of speeches 1 and 5
    assert text.count("Plotly.newPlot") >= 2                     # charts stay interactive
    assert "<dt>前 N 个词</dt><dd>10</dd>" in text                 # the settings used, from the URL
    assert "克己奉公" in text                                     # phrase tables (the misspelt idiom's canonical form)
    assert not page.console_errors
