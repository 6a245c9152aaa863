import os
import tempfile

import pytest

from tests.browser_support import ARTIFACTS, CHROMIUM_ARGS, AppServer, chromium_path, ensure_cjk_fonts


@pytest.fixture(scope="session")
def app_server():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = AppServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright
    path = chromium_path()
    ensure_cjk_fonts()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


@pytest.fixture(scope="session", autouse=True)
def isolated_data_dir():
    """Tests never read or write the user's library or cache."""
    path = tempfile.mkdtemp(prefix="tifalens-test-")
    old = os.environ.get("TIFALENS_DATA_DIR")
    os.environ["TIFALENS_DATA_DIR"] = path
    yield path
    if old is None:
        os.environ.pop("TIFALENS_DATA_DIR", None)
    else:
        os.environ["TIFALENS_DATA_DIR"] = old
