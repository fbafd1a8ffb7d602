"""Plain text in any common Japanese encoding; tables drawn with box characters become
tab-separated rows (`boxtable`)."""

from __future__ import annotations

from . import boxtable
from .encoding import decode_text

SUFFIXES = (".txt",)


def load(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None]:
    # A .txt holding an HTML page stays text on purpose: the structure parser
    # cleans inline markup, and sniffing would make a file's meaning depend on
    # its content rather than its name.
    text, encoding = decode_text(data, name)
    return boxtable.lay_out(text), encoding
