"""OCR of scanned PDF pages with Debian's tools: pdftoppm renders a page,
tesseract with the Japanese language data reads it.

Both run as subprocesses with a time limit per page and a page limit per
document, single-threaded (the indexer shares the machine with searches).
Nothing here is imported lazily by surprise: `missing_packages()` says which
Debian packages are absent, and the PDF loader turns that into advice.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .common import is_wide

logger = logging.getLogger(__name__)

LANGUAGE = "jpn"
MAX_PAGES = 50
# Longest side of a rendered page in pixels: A4 at 300 dpi. A fixed size (not
# a dpi) so that a page with an absurd MediaBox cannot make a huge image.
PAGE_PIXELS = 3508
RENDER_TIMEOUT = 60  # seconds per page
READ_TIMEOUT = 120  # seconds per page
TOTAL_TIMEOUT = 900  # seconds per document
# Page segmentation 6 (one uniform block of text): on the test pages (plain
# lines, and a two-column table) it read exactly as the default (3) did,
# slightly faster, and it keeps a table row on one line by design, where
# automatic segmentation may read a column as a separate block.
PSM = "6"
# Tesseract keeps a wide horizontal gap as a run of spaces: a table's column
# boundary. Such a run becomes a TAB, as the text contract writes cells.
_COLUMN_GAP = 3

PACKAGES = {"pdftoppm": "poppler-utils", "tesseract": "tesseract-ocr"}
LANGUAGE_PACKAGE = "tesseract-ocr-jpn"


def missing_packages() -> list[str]:
    """Debian packages needed for OCR that are not installed (empty: ready)."""
    missing = [pkg for tool, pkg in PACKAGES.items() if shutil.which(tool) is None]
    if "tesseract-ocr" not in missing and LANGUAGE not in _languages():
        missing.append(LANGUAGE_PACKAGE)
    return missing


def _languages() -> set[str]:
    try:
        done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=20,
                              env=_env())
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("tesseract --list-langs failed: %s", exc)
        return set()
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    return {line.strip() for line in out.splitlines()[1:] if line.strip()}


@dataclass
class OcrResult:
    pages: dict[int, str] = field(default_factory=dict)  # 1-based page number -> text
    failed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # beyond the page or time limit


def ocr_pdf_pages(data: bytes, name: str, pages: list[int]) -> OcrResult:
    """Read the given 1-based pages of a PDF; at most MAX_PAGES of them and
    within TOTAL_TIMEOUT, the rest listed as skipped."""
    result = OcrResult()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kyoten-ocr-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        for index, page in enumerate(pages):
            if index >= MAX_PAGES or time.monotonic() - started > TOTAL_TIMEOUT:
                result.skipped = pages[index:]
                break
            try:
                result.pages[page] = _read_page(pdf, page, Path(tmp))
            except (OSError, subprocess.SubprocessError) as exc:
                logger.warning("%s: OCR of page %d failed: %s", name, page, exc)
                result.failed.append(page)
    logger.info("%s: OCR read %d page(s) in %.1f s (%d failed, %d skipped)", name,
                len(result.pages), time.monotonic() - started, len(result.failed), len(result.skipped))
    return result


def _read_page(pdf: Path, page: int, tmp: Path) -> str:
    prefix = tmp / f"p{page}"
    subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-singlefile", "-gray", "-png",
         "-scale-to", str(PAGE_PIXELS), str(pdf), str(prefix)],
        capture_output=True, timeout=RENDER_TIMEOUT, check=True, env=_env(),
    )
    image = prefix.with_suffix(".png")
    try:
        done = subprocess.run(
            ["tesseract", str(image), "stdout", "-l", LANGUAGE, "--psm", PSM],
            capture_output=True, timeout=READ_TIMEOUT, check=True, env=_env(),
        )
    finally:
        image.unlink(missing_ok=True)
    return tidy(done.stdout.decode("utf-8", "replace"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # tesseract would otherwise take every core
    return env


_SPACE_RUN = re.compile(r"[ \u3000]+")


def tidy(text: str) -> str:
    """Tesseract's text to the loader contract: a wide gap (a run of at
    least _COLUMN_GAP spaces) separates table cells (TAB); a narrow space
    next to a Japanese character is dropped (tesseract may put spaces
    between CJK characters: 多 胎 児), kept between words of Latin text;
    form feeds and runs of blank lines go."""
    lines = []
    for line in text.replace("\f", "\n").replace("\r", "").split("\n"):
        line = _SPACE_RUN.sub(lambda m: _space(m, line), line).strip()
        lines.append(line)
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _space(m: re.Match, s: str) -> str:
    if len(m.group(0)) >= _COLUMN_GAP and m.start() > 0 and m.end() < len(s):
        return "\t"
    before = s[m.start() - 1] if m.start() > 0 else ""
    after = s[m.end()] if m.end() < len(s) else ""
    if before and after and (is_wide(before) or is_wide(after)):
        return ""
    return " "
