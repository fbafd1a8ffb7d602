"""The headless Chromium the browser tests drive: Debian's `chromium` (installed by `make
test`), through Playwright, started the same way by every browser test module."""

from __future__ import annotations

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                    reason=f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`")


def launch(pw):
    """A headless Chromium of the Playwright session `pw`."""
    return pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
