"""The headless Chromium the browser tests drive: Debian's `chromium` (installed by `make
test`), through Playwright, started the same way by every browser test module."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

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
    a form resubmission prompt) left open fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP",
                                  **context_options)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()
    assert not dialogs, dialogs


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
