"""Office files built in memory for the loader tests."""
from __future__ import annotations

import io

import docx


def docx_bytes(build) -> bytes:
    """A .docx whose body `build(document)` writes with python-docx."""
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
