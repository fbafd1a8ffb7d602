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
import logging

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
    part (the multipart's `start`, else the first text/html part) is the page."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    start = (message.get_param("start") or "").strip("<>")
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    if start:
        pages.sort(key=lambda part: (part.get("Content-ID") or "").strip("<>") != start)
    for part in pages:
        try:
            body = part.get_payload(decode=True)
        except Exception as exc:  # noqa: BLE001 - a damaged part: the next one, or the refusal
            logger.info("%s: MHTML part not decoded: %s", name, exc)
            continue
        if body and body.strip():
            return body, part.get_content_charset()
    raise LoadError(name, MSG_MHTML_NO_PAGE)
