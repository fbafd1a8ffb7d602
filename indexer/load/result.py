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
    # Pages left for OCR when the caller asked not to run it now.
    ocr_pending: tuple[int, ...] = ()
    # Things the user should know that did not stop the file (Japanese).
    warnings: tuple[str, ...] = ()
