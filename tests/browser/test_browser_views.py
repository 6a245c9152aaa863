"""Real-browser checks of the views audited in issue 16."""
import pytest

from tests.browser_support import ARTIFACTS

pytestmark = pytest.mark.browser

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def open_app(page, url, query=""):
    page.goto(url + query)
    page.wait_for_selector(".stPlotlyChart .js-plotly-plot", timeout=90_000)
    page.wait_for_function(IDLE, timeout=60_000)


def settle(page):
    page.wait_for_timeout(400)
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_timeout(600)


def sidebar_chips(page, n):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(n).locator("[data-tag]")


def test_a_part_of_speech_chip_click_right_after_removing_a_speech_is_not_lost(page, app_server):
    open_app(page, app_server.url, "?view=words")
    for expected_pos in (4, 3, 2):
        sidebar_chips(page, 0).last.locator("button").click()          # remove a speech: its input keeps focus
        settle(page)
        sidebar_chips(page, 1).last.locator("button").click()          # the very next click, on a POS chip
        settle(page)
        assert sidebar_chips(page, 1).count() == expected_pos
    assert "sp=1&sp=2" in page.url and "pos=noun&pos=verb" in page.url   # ids, not labels, in the URL
    assert not page.console_errors


def test_speech_chips_show_their_whole_label(page, app_server):
    open_app(page, app_server.url, "?view=words")
    chips = sidebar_chips(page, 0)
    assert chips.count() == 5
    assert "#3 牢记嘱托再出发" in chips.nth(2).inner_text()
    cut = page.eval_on_selector_all('[data-testid="stSidebar"] [data-tag] > span[title]',
                                    "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.title)")
    assert cut == []
    page.locator('[data-testid="stSidebar"]').screenshot(path=str(ARTIFACTS / "sidebar_labels_zh.png"))


OVERLAPS = """(sel) => {
  const plot = [...document.querySelectorAll('.stPlotlyChart .js-plotly-plot')].find(p => p.querySelector(sel));
  const boxes = [...plot.querySelectorAll('.textpoint text')].filter(t => t.textContent.trim())
      .map(t => { const r = t.getBoundingClientRect(); return {t: t.textContent, l: r.left, r: r.right, top: r.top, b: r.bottom}; });
  const bad = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], c = boxes[j];
    if (a.l < c.r - 1 && c.l < a.r - 1 && a.top < c.b - 1 && c.top < a.b - 1) bad.push(a.t + '/' + c.t);
  }
  return {n: boxes.length, bad};
}"""


def test_network_and_scatter_labels_do_not_overlap(page, app_server):
    open_app(page, app_server.url, "?view=co-occurrence")
    page.wait_for_selector(".stPlotlyChart .textpoint text", timeout=60_000)
    result = page.evaluate(OVERLAPS, ".textpoint")
    assert result["n"] >= 30 and result["bad"] == []
    page.locator(".stPlotlyChart").first.screenshot(path=str(ARTIFACTS / "network_labels_zh.png"))
    open_app(page, app_server.url, "?view=keyness&sc_find=发展")
    page.wait_for_function("() => document.querySelectorAll('.stPlotlyChart .js-plotly-plot').length >= 2",
                           timeout=60_000)
    scatter = page.locator(".stPlotlyChart").nth(1)
    scatter.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    result = page.evaluate(OVERLAPS, ".scatterlayer .textpoint")
    assert result["n"] >= 10 and result["bad"] == []
    ticks = page.evaluate("() => [...document.querySelectorAll('.stPlotlyChart')][1]"
                          ".querySelectorAll('.xtick text')[0].textContent")
    assert ticks == "0"                                  # absent terms sit on a floor marked 0
    scatter.screenshot(path=str(ARTIFACTS / "scatter_labels_zh.png"))


def test_plotly_and_table_toolbars_speak_chinese(page, app_server):
    open_app(page, app_server.url, "?view=overview")
    page.wait_for_selector(".stPlotlyChart .modebar-btn", state="attached", timeout=60_000)
    titles = page.evaluate("() => [...document.querySelectorAll('.stPlotlyChart .modebar-btn')]"
                           ".map(b => getComputedStyle(b, '::after').content)")
    assert titles and not [t for t in titles if any("a" <= ch.lower() <= "z" for ch in t if ch not in "PNG")]
    settle(page)                            # the layout below the chart must be still before pointing at it
    _point_at_csv_button(page)
    shown = page.evaluate("() => getComputedStyle(document.querySelector("
                          "'[role=tooltip] [data-testid=stTooltipContent] p'), '::after').content")
    assert shown == '"下载 CSV"'


def _point_at_csv_button(page, attempts=5):
    """Moves the mouse onto the table toolbar's CSV button until its tooltip shows.

    The toolbar appears only while the pointer is over the table, and the table's canvas or the caption above it
    can still be on top for a moment after it appears, so one hover may land on them: point again."""
    table = page.locator('[data-testid="stDataFrame"]').first
    button = page.locator('[data-testid="stElementToolbar"] button[aria-label="Download as CSV"]').first
    tooltip = '[role="tooltip"] [data-testid="stTooltipContent"] p'
    table.scroll_into_view_if_needed()
    for _ in range(attempts):
        table.hover()
        button.wait_for(state="visible", timeout=10_000)
        page.wait_for_timeout(300)
        box = button.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
        try:
            page.wait_for_selector(tooltip, timeout=3_000)
            return
        except Exception:
            page.mouse.move(0, 0)
    page.wait_for_selector(tooltip, timeout=1)


def _report(page, url, query, label, tmp_path):
    open_app(page, url, query)
    page.wait_for_timeout(1500)
    with page.expect_download(timeout=180_000) as dl:
        page.get_by_role("button", name=label).click()
    path = tmp_path / "report.html"
    dl.value.save_as(path)
    return path.read_text(encoding="utf-8")


def test_report_has_every_view_localised_with_settings_and_sources(page, app_server, tmp_path):
    text = _report(page, app_server.url, "?view=kwic&kw_query=放管服", "下载分析报告（HTML）", tmp_path)
    for heading in ("讲话与来源", "概览", "高频词", "成语", "关键词", "相似与复用", "语境", "趋势", "共现", "设置"):
        assert f">{heading}</h2>" in text, heading
    for code in ("han_chars", "masked_share", "per_10k</th>", "<td>noun</td>", "<td>verb</td>", "<th>term</th>",
                 "<td>idiom</td>", "more rows"):
        assert code not in text, code
    assert "<th>汉字数</th>" in text and "<th>遮盖比例</th>" in text and "<td>0.3 %</td>" in text
    assert "<td>名词</td>" in text and "<td>四字套语</td>" in text            # parts of speech and classes
    assert "000_600b4fd3f486c6f2.txt" in text and "<td>牢记嘱托再出发 感恩奋进开新局</td>" in text   # sources
    assert "检索“放管服”：3 处" in text                                       # the KWIC view as it is open
    assert "<td>#3 牢记嘱托再出发</td>" in text
    page.goto((tmp_path / "report.html").as_uri())
    page.wait_for_timeout(2000)
    page.screenshot(path=str(ARTIFACTS / "report_zh.png"))
    assert not [e for e in page.console_errors if "favicon" not in e]


def test_report_in_english_has_english_names(page, app_server, tmp_path):
    text = _report(page, app_server.url, "?lang=en&view=words", "Download the report (HTML)", tmp_path)
    for heading in ("Speeches and sources", "Overview", "Top words", "Keyness", "Similarity &amp; reuse", "Trends",
                    "Co-occurrence"):
        assert f">{heading}</h2>" in text, heading
    assert "<th>Han characters</th>" in text and "<td>Nouns</td>" in text and "<th>Masked share</th>" in text
    assert ">概览</h2>" not in text and "<th>汉字数</th>" not in text


def test_kwic_regex_toggle_label_is_whole(page, app_server):
    page.goto(app_server.url + "?view=kwic")
    page.wait_for_selector('input[aria-label="正则表达式"]', state="attached", timeout=90_000)
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_timeout(500)
    cut = page.evaluate("""() => { const i = document.querySelector('input[aria-label="正则表达式"]');
        const box = i.closest('label').querySelector('[data-testid="stMarkdownContainer"]');
        return [box.innerText, box.scrollWidth - box.clientWidth]; }""")
    assert cut[0] == "正则表达式" and cut[1] <= 1          # the whole label, no ellipsis


def test_the_chinese_ui_has_no_english_select_all_in_its_dropdowns(page, app_server):
    for query, shown in (("?view=segmentation", False), ("?view=segmentation&lang=en", True)):
        page.goto(app_server.url + query)
        box = page.locator('[data-testid="stMainBlockContainer"] [data-testid="stMultiSelect"]').first
        box.wait_for(timeout=90_000)
        page.wait_for_function(IDLE, timeout=60_000)
        box.locator("input").click()                       # the tokens to pick: none chosen yet
        listbox = page.locator('[role="listbox"]')
        listbox.wait_for(timeout=10_000)
        assert "今天" in listbox.inner_text()               # the first token of the first speech
        assert ("Select all" in listbox.inner_text()) is shown
        page.keyboard.press("Escape")
