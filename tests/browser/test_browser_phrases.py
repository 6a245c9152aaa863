"""Real-browser tests of the phrases tab and the phrase word clouds."""
from collections import Counter
from urllib.parse import unquote

import pytest

from analysis.ingest.corpus import load_default_corpus
from tests.gold import text_detector
from tests.browser_support import ARTIFACTS

pytestmark = pytest.mark.browser

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
METRICS = "() => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')].map(e => e.innerText.trim())"


def occurrences(kind: str, *, min_count: int = 1) -> int:
    """Occurrences of ``kind`` over the built-in speeches whose item occurs at least ``min_count`` times."""
    # placeholder-only quotes (class masked) are left out of the slogan counts by default
    items = Counter(m.canonical for sp in load_default_corpus() for m in text_detector(kind)(sp.text)
                    if not (kind == "slogan" and m.cls == "masked"))
    return sum(n for n in items.values() if n >= min_count)


def wait_idle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE, timeout=60_000)


def wait_metric(page, value: int) -> None:
    page.wait_for_function(f"() => ({METRICS})()[0] === '{value}'", timeout=60_000)
    wait_idle(page)


def open_phrases(page, url) -> None:
    page.set_viewport_size({"width": 1280, "height": 3200})   # the whole tab in one screenshot
    page.goto(url)
    page.wait_for_selector(".stPlotlyChart .js-plotly-plot", timeout=90_000)
    wait_idle(page)
    page.get_by_role("tab", name="提法", exact=True).click()
    wait_idle(page)


def test_phrase_type_and_minimum_count_change_what_is_shown(page, app_server):
    open_phrases(page, app_server.url)
    wait_metric(page, occurrences("idiom"))
    assert page.get_by_text("2 处误写的成语", exact=False).is_visible()
    page.screenshot(path=str(ARTIFACTS / "phrases_zh.png"), full_page=True)

    page.get_by_role("radio", name="引号口号", exact=True).click()
    wait_metric(page, occurrences("slogan"))
    assert "ph_kind=slogan" in unquote(page.url)
    assert not page.get_by_text("处误写的成语", exact=False).count()

    # Minimum count 1 → 3 with the keyboard on the tab's own slider (the sidebar has one of the same name).
    slider = page.get_by_test_id("stMain").get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    wait_metric(page, occurrences("slogan", min_count=3))
    assert "ph_min=3" in unquote(page.url)
    page.screenshot(path=str(ARTIFACTS / "phrases_slogans_zh.png"), full_page=True)
    assert not page.console_errors


def test_phrase_clouds_render(page, app_server):
    page.set_viewport_size({"width": 1280, "height": 2000})
    page.goto(app_server.url + "?view=word-clouds&cloud_src=idiom")
    page.wait_for_function("() => { const imgs = [...document.querySelectorAll('[data-testid=\"stImage\"] img')];"
                           " imgs.forEach(i => i.scrollIntoView()); "
                           " return imgs.length >= 5 && imgs.every(i => i.complete && i.naturalWidth > 0); }",
                           timeout=90_000)
    page.evaluate("() => window.scrollTo(0, 0)")
    legend = page.locator(".tl-legend-item")
    assert legend.first.is_visible()
    assert [t.strip() for t in legend.all_inner_texts()][:3] == ["成语", "四字套语", "误写变体"]
    page.screenshot(path=str(ARTIFACTS / "phrase_clouds_zh.png"), full_page=True)
    assert not page.console_errors


def test_selecting_a_phrase_opens_it_in_context(page, app_server):
    page.goto(f"{app_server.url}/?view=phrases")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000)
    # Idioms: the misspelt-idiom table comes first, then the speech × item table (first row 只争朝夕).
    frame = page.locator('[data-testid="stDataFrame"]').nth(1)
    frame.scroll_into_view_if_needed()
    # The grid draws on a canvas that takes clicks only once it has laid out its rows; on a loaded machine the
    # first click can come too early, so click the row again (same row, same expectation) until it is taken.
    for attempt in range(3):
        box = frame.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
        try:
            page.wait_for_function("() => location.search.includes('view=kwic')", timeout=20_000)
            break
        except Exception:
            if attempt == 2:
                raise
    query = page.get_by_role("textbox", name="检索词", exact=True)
    query.wait_for(timeout=60_000)
    assert query.input_value() == "只争朝夕"
    page.wait_for_function("() => document.body.innerText.includes('匹配总数')", timeout=60_000)
    assert not page.console_errors
