"""The headless Chromium the browser tests drive: Debian's `chromium` (installed by `make
test`), through Playwright, started the same way by every browser test module.

A module that walks pages imports the fixtures by name (`from browsers import browser,
page`): one Chromium for the module, a fresh page for each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                    reason=f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`")


def launch(pw):
    """A headless Chromium of the Playwright session `pw`."""
    return pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)


@contextmanager
def page_of(browser, **context_options) -> Iterator:
    """A fresh Japanese-locale page of `browser`, 1280 × 900; a JavaScript dialog (an alert,
    a form resubmission prompt) left open, or a Content Security Policy violation, fails
    the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP",
                                  **context_options)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    dialogs: list[str] = []
    csp_errors: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: csp_errors.append(m.text)
          if m.type == "error" and "Content Security Policy" in m.text else None)
    yield pg
    context.close()
    assert not dialogs, f"a dialog fired: {dialogs}"
    assert not csp_errors, f"CSP violations: {csp_errors}"


@contextmanager
def browser_page(**context_options) -> Iterator:
    """A page of a headless Chromium started for it (page_of), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        with page_of(browser, **context_options) as pg:
            yield pg
        browser.close()


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium for a module's tests (a module-scoped fixture yields it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module's tests."""
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser):
    """A fresh page of the module's Chromium (page_of; downloads accepted)."""
    with page_of(browser, accept_downloads=True) as pg:
        yield pg


def search_in_browser(page, base_url: str, query: str, **params) -> None:
    """Open the answer to `query` (with URL parameters such as ward, year, mode) and wait for
    it, or for the page's error notice."""
    extra = "".join(f"&{k}={quote(str(v))}" for k, v in params.items())
    page.goto(f"{base_url}/?q={quote(query)}{extra}")
    page.locator(".results, .notice-error").first.wait_for()


def log_in(page, base_url: str, token: str) -> None:
    """Log in on the admin page as staff do (the token typed, ログイン pressed)."""
    page.goto(base_url + "/admin/")
    page.locator("#login-token").fill(token)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン").click()
    assert page.get_by_role("button", name="ログアウト").count() == 1

def card_wards(page) -> list[str]:
    """The wards of the answer's cards, in their order on the page."""
    return page.locator("article.ward-card").evaluate_all("els => els.map(e => e.dataset.ward)")


def type_search(page, base_url: str, query: str) -> None:
    """Type `query` in the top page's search box and press Enter, as a user does."""
    page.goto(base_url + "/")
    box = page.get_by_placeholder("例：多胎児、妊娠期支援、双子を育てる家庭への支援")
    box.fill(query)
    box.press("Enter")
    page.wait_for_load_state()
    page.locator(".results").wait_for()


def submit_search(page, base_url: str, query: str) -> None:
    """Type `query` in the top page's search box and press Enter, waiting for the next page
    whatever it shows (results, a notice, or an error)."""
    page.goto(base_url + "/")
    page.fill("input[name=q]", query)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
