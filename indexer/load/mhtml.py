"""Web archives (MHTML): a page and its pictures in one MIME message.

Word's "single file web page" (.mht / .mhtml) and Excel's, and the "Word" exports of some
city systems named .doc, are a MIME multipart/related message: the page is one part (quoted-
printable or base64, in the charset its Content-Type names), its pictures and style sheets
the others. `page` gives the page part's bytes and charset, for the HTML loader to read as
the page itself; the MIME headers and the other parts are no text of the report.
"""

from __future__ import annotations

import email
import email.policy
import html
import logging
import re

from .common import LoadError

logger = logging.getLogger(__name__)

MSG_MHTML_NO_PAGE = ("Web アーカイブ（MHTML）のファイルですが、ページ（text/html）の部分がありません"
                     "（ファイルが壊れている可能性があります）")

_SNIFF = 2048


def is_mhtml(data: bytes) -> bool:
    """A MIME message (MIME-Version or a multipart Content-Type among its first header lines)
    holding a multipart/related body: what Office and browsers write as a web archive."""
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    headers = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return (headers.startswith((b"mime-version:", b"content-type:", b"from:", b"subject:", b"date:",
                                b"content-location:", b"x-mimeole:", b"message-id:"))
            and b"multipart/related" in headers)


def page(data: bytes, name: str) -> tuple[bytes, str | None]:
    """The page of a web archive: (its bytes, the charset its part names or None). The root
    part (the multipart's `start`, else the first text/html part) is the page. A root that is
    a frameset (Excel's archive of a workbook of several sheets: a frame for the sheet shown, a
    frame of sheet tabs) is read as its sheets' pages one after the other, each under its
    sheet's name (`_sheets`)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    start = (message.get_param("start") or "").strip("<>")
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    if start:
        pages.sort(key=lambda part: (part.get("Content-ID") or "").strip("<>") != start)
    for k, part in enumerate(pages):
        body = _decoded(part, name)
        if body and body.strip():
            if _FRAMESET.search(body[:_SNIFF * 4]):
                sheets = _sheets(body, part, pages[k + 1:], name)
                if sheets:
                    return sheets, "utf-8"
            return body, part.get_content_charset()
    raise LoadError(name, MSG_MHTML_NO_PAGE)


_FRAMESET = re.compile(rb"<frameset", re.IGNORECASE)
_SHEET = re.compile(r"<x:ExcelWorksheet>.*?<x:Name>(.*?)</x:Name>.*?<x:WorksheetSource\s+HRef=[\"']?([^\"'>\s]+)",
                    re.IGNORECASE | re.DOTALL)
_TAB_STRIP = re.compile(r"tabstrip\.htm", re.IGNORECASE)


def _decoded(part, name: str) -> bytes | None:
    try:
        return part.get_payload(decode=True)
    except Exception as exc:  # noqa: BLE001 - a damaged part: the next one, or the refusal
        logger.info("%s: MHTML part not decoded: %s", name, exc)
        return None


def _text(part, body: bytes) -> str:
    for charset in (part.get_content_charset(), "utf-8", "cp932"):
        try:
            return body.decode(charset or "utf-8")
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


def _sheets(root: bytes, root_part, others: list, name: str) -> bytes | None:
    """A frameset's sheets as one page: the sheets the root lists (Excel's <x:ExcelWorksheet>
    entries: a name and its page), each part found by its Content-Location, under a line
    naming the sheet; without such a list, every other page but the tab strip, in order.
    None when no sheet page is found."""
    listed = [(html.unescape(title).strip(), ref) for title, ref in _SHEET.findall(_text(root_part, root))]
    by_location = {(part.get("Content-Location") or ""): part for part in others}
    chosen: list[tuple[str, object]] = []
    for title, ref in listed:
        tail = ref.replace("\\", "/").lstrip("./")
        part = next((p for loc, p in by_location.items() if loc.replace("\\", "/").endswith(tail)), None)
        if part is not None:
            chosen.append((title, part))
    if not chosen:
        chosen = [("", p) for loc, p in by_location.items() if not _TAB_STRIP.search(loc)]
    pieces = []
    for title, part in chosen:
        body = _decoded(part, name)
        if not body:
            continue
        text = _text(part, body)
        inner = re.search(r"<body[^>]*>(.*)</body>", text, re.IGNORECASE | re.DOTALL)
        heading = f"<p>{html.escape(title)}</p>\n" if title and len(chosen) > 1 else ""
        pieces.append(f"<div>{heading}{inner.group(1) if inner else text}</div>")
    if not pieces:
        return None
    return ("<html><head><meta charset=\"utf-8\"></head><body>\n" + "\n".join(pieces) + "\n</body></html>").encode("utf-8")
