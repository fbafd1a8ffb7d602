"""What a format loader returns, before the package adds the file's identity."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    text: str
    encoding: str | None = None
    # 1-based page numbers read by OCR, and the 1-based inclusive line ranges
    # of `text` that came from them.
    ocr_pages: tuple[int, ...] = ()
    ocr_lines: tuple[tuple[int, int], ...] = ()
    # For a paged format (PDF): (page number, first line, last line) of `text`
    # for every page that produced text, 1-based and inclusive; a table row cut
    # by a page break and joined back belongs to both pages, so two pages' ranges
    # may share that line. None for formats without pages.
    page_lines: tuple[tuple[int, int, int], ...] | None = None
    # Pages left for OCR when the caller asked not to run it now.
    ocr_pending: tuple[int, ...] = ()
    # Things the user should know that did not stop the file (Japanese).
    warnings: tuple[str, ...] = ()
    # Text around the report that is not part of it — a web page's <title> and the
    # site header / footer dropped as chrome: the detectors may read it (a hub page
    # names its ward in its title or footer), no passage is made of it.
    context: tuple[str, ...] = ()
    # For a workbook of several sheets: (sheet title, first line, last line) of `text` for
    # every sheet that produced text, 1-based and inclusive (see load.sheets.sheet_spans);
    # None for other formats and one-sheet workbooks.
    sheet_lines: tuple[tuple[str, int, int], ...] | None = None
