"""Real-browser test of the national reports: switch them on, a formula's timeline, what is new in a year, and a
built-in speech against the centre with its shared passages."""
import pytest

from tests.browser_support import ARTIFACTS

pytestmark = pytest.mark.browser

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
METRICS = "() => [...document.querySelectorAll('[data-testid=\"stMetric\"]')].map(m => m.innerText)"


def settle(page, timeout: int = 300_000) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function(IDLE, timeout=timeout)


def wait_metric(page, text: str) -> None:
    page.wait_for_function(f"() => ({METRICS})().some(t => t.includes({text!r}))", timeout=300_000)


def open_tab(page, label: str) -> None:
    page.get_by_role("tab", name=label, exact=True).click()
    settle(page)


def choose(page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.click()
    page.keyboard.type(option)            # the list is long and drawn lazily: filter it first
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def test_national_reports_timeline_new_and_centre(page, app_server):
    page.goto(f"{app_server.url}/?view=timeline")
    page.wait_for_selector('[data-testid="stTabs"]', timeout=300_000)
    settle(page)
    page.get_by_text("包含全国政府工作报告（1954–2025，52 篇）").click()
    settle(page)
    assert "lib_national=true" in page.url
    wait_metric(page, "2018–2025")                                  # 高质量发展, the default term
    choose(page, "或选择报告中的提法、口号、成语", "四个全面")
    wait_metric(page, "2015–2019")
    gaps = page.evaluate("() => document.querySelector('.stPlotlyChart .js-plotly-plot').data[0].y"
                         ".filter(v => v === null).length")
    assert gaps == 2025 - 1954 + 1 - 52                              # years without a report are gaps
    page.screenshot(path=str(ARTIFACTS / "timeline_zh.png"), full_page=True)

    open_tab(page, "新提法")
    choose(page, "年份", "2024")
    wait_metric(page, "首次出现")
    assert "new_year=2024" in page.url
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=300_000)
    page.wait_for_timeout(1500)                                      # the grid draws its rows on a canvas
    page.screenshot(path=str(ARTIFACTS / "new_zh.png"), full_page=True)

    open_tab(page, "对照中央")
    wait_metric(page, "有共享段落的报告")
    page.locator('[data-testid="stMarkdownContainer"] li').get_by_text("确保“十四五”开好局、起好步").wait_for(
        timeout=300_000)                                             # the list of the longest shared passages
    metrics = page.evaluate(METRICS)
    assert any(m.startswith("有共享段落的报告") and m.endswith("2") for m in metrics), metrics
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "centre_zh.png"), full_page=True)
    assert not page.console_errors
