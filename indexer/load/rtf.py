"""Rich Text Format (.rtf): read through LibreOffice's .docx conversion
(`officeconvert`), tables and all, as the same report saved as .docx.

A file is taken for RTF only when it starts with the RTF header `{\\rtf`;
anything else is refused with its reason (LibreOffice would import any bytes
as plain text).
"""

from __future__ import annotations

from .common import LoadError
from .officeconvert import Conversion, load_as_docx
from .result import Extracted

SUFFIXES = (".rtf",)
KIND = "RTF 文書（.rtf）"

MSG_RTF_NOT_RTF = (
    "RTF 形式の文書として読み込めません"
    "（ファイルが壊れているか、拡張子が正しくない可能性があります）"
)

_HEADER = b"{\\rtf"


def is_rtf(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == _HEADER


def load(data: bytes, name: str, max_bytes: int) -> Extracted | tuple[str, str | None]:
    if not is_rtf(data):
        raise LoadError(name, MSG_RTF_NOT_RTF)
    return load_as_docx(data, name, max_bytes, ".rtf", KIND)


def conversion(data: bytes, name: str) -> Conversion | None:
    """What `load` would hand to LibreOffice for this file (see doc.conversion)."""
    return Conversion(data, name, ".rtf", KIND) if is_rtf(data) else None
