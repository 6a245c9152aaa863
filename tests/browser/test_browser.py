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


CHART_TRACES = ("() => { const p = document.querySelector('.stPlotlyChart .js-plotly-plot');"
                " return p ? p.data.map(t => t.name) : null; }")


def test_a_shared_url_reproduces_the_view_in_english(page, app_server):
    open_app(page, app_server.url, "?lang=en&view=words&top=5&minlen=2&pos=noun&pos=verb")
    page.wait_for_function(f"() => ({CHART_X})() !== null && ({CHART_X})().length === 5", timeout=60_000)
    assert page.get_by_role("tab", name="Words").get_attribute("aria-selected") == "true"
    assert len(page.evaluate(CHART_TRACES)) == 5
    assert page.get_by_role("heading", name="Top words").is_visible()
    # No Chinese UI text outside the speech titles and words: the sidebar labels are English.
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Minimum word length" in sidebar and "最短词长" not in sidebar and "停用词" not in sidebar
    page.screenshot(path=str(ARTIFACTS / "words_en.png"), full_page=True)
    open_tab(page, "Word clouds")
    page.wait_for_function("() => { const imgs = [...document.querySelectorAll('[data-testid=\"stImage\"] img')];"
                           " imgs.forEach(i => i.scrollIntoView());"
                           " return imgs.length === 5 && imgs.every(i => i.complete && i.naturalWidth > 0); }",
                           timeout=90_000)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_function("() => location.search.includes('view=word-clouds')", timeout=30_000)
    # The filters from the link still hold: nouns and verbs only, in English chips.
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Part of speech\n\nNouns\nVerbs\n\nCounts" in sidebar and "名词" not in sidebar
    page.screenshot(path=str(ARTIFACTS / "clouds_en.png"), full_page=True)
    assert not page.console_errors


def test_changing_a_sidebar_control_updates_the_url_and_the_chart(page, app_server):
    open_app(page, app_server.url)
    open_tab(page, "词频")
    page.wait_for_function(f"() => ({CHART_X})() !== null && ({CHART_X})().length === 20", timeout=60_000)
    page.get_by_text("每万字频次", exact=True).click()
    page.wait_for_function("() => location.search.includes('mode=per10k')", timeout=30_000)
    # Switching the language keeps the choice and the open tab, in the other language's labels.
    page.get_by_text("English", exact=True).click()
    page.wait_for_function("() => { const p = document.querySelector('.stPlotlyChart .js-plotly-plot');"
                           " return p && p.layout.yaxis.title.text === 'Per 10,000 characters'; }", timeout=30_000)
    assert page.get_by_role("tab", name="Words").get_attribute("aria-selected") == "true"
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Nouns" in sidebar and "名词" not in sidebar
    assert "mode=per10k" in page.url and "view=words" in page.url
    page.get_by_text("中文", exact=True).click()
    page.wait_for_function("() => { const p = document.querySelector('.stPlotlyChart .js-plotly-plot');"
                           " return p && p.layout.yaxis.title.text === '每万字频次'; }", timeout=30_000)
    assert not page.console_errors


def chart_state(page):
    return page.evaluate("() => { const p = document.querySelector('.stPlotlyChart .js-plotly-plot');"
                         " return p ? JSON.stringify([p.data.map(t => [t.name, t.x, t.y]), p.layout.yaxis.title.text])"
                         " : null; }")


def wait_changed(page, before):
    page.wait_for_function("(b) => { const p = document.querySelector('.stPlotlyChart .js-plotly-plot');"
                           " if (!p) return false; const s = JSON.stringify([p.data.map(t => [t.name, t.x, t.y]),"
                           " p.layout.yaxis.title.text]); return s !== b; }", arg=before, timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def no_error_boxes(page):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


def nudge_slider(page, label, key):
    slider = page.locator(f'input[type="range"][aria-label="{label}"]')
    slider.focus()
    slider.press(key)


def test_every_sidebar_control_changes_the_words_chart(page, app_server):
    open_app(page, app_server.url)
    page.screenshot(path=str(ARTIFACTS / "overview_zh.png"), full_page=True)
    open_tab(page, "词频")
    page.wait_for_function(f"() => ({CHART_X})() !== null", timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')

    def pick_officialese():
        combo = page.get_by_role("combobox", name="基础词表")
        combo.click()
        combo.type("公文套话")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")

    def custom_word():
        box = page.get_by_label("加入分词词典的词（每行一个）", exact=True)
        box.fill("市政府各部门")
        box.press("Control+Enter")

    def nouns_only():
        for label in ("动词", "形容词", "成语·习语", "其他"):
            sidebar.get_by_role("button", name=f"Remove {label}", exact=True).click()
            page.wait_for_timeout(300)

    steps = [
        ("speeches", lambda: sidebar.get_by_role("button", name="Remove #2 市政府全体会议", exact=True).click()),
        ("base lists", pick_officialese),
        ("custom words", custom_word),
        ("minimum length", lambda: nudge_slider(page, "最短词长（字）", "ArrowRight")),
        ("minimum count", lambda: nudge_slider(page, "最低频次", "ArrowRight")),
        ("top N", lambda: nudge_slider(page, "前 N 个词", "ArrowLeft")),
        ("counts", lambda: page.get_by_text("每万字频次", exact=True).click()),
        ("part of speech", nouns_only),
    ]
    for name, act in steps:
        before = chart_state(page)
        act()
        try:
            wait_changed(page, before)
        except Exception as exc:
            raise AssertionError(f"the chart did not follow the {name} control") from exc
        no_error_boxes(page)
    page.screenshot(path=str(ARTIFACTS / "words_filtered_zh.png"), full_page=True)
    for param in ("mincount=2", "minlen=3", "mode=per10k", "pos=noun", "lists=general", "lists=officialese",
                  "top=19"):
        assert param in page.url, param
    assert not page.console_errors
