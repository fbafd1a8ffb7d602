"""The text of shapes drawn on an Excel 97–2003 (.xls) sheet: text boxes and labelled shapes.

xlrd reads cell values only; a text box's text lives in the sheet's drawing records: an
MSODRAWING record holding the shape (its OfficeArt client anchor: the cell its top-left
corner is on), an OBJ record, then a TXO record whose CONTINUE records carry the text (a flag
byte, then the characters in 8 or 16 bits); a cell comment is such an object too (OBJ type
Note) and is left out, as the .xlsx loader leaves comments out. `sheet_text_boxes` reads them from the workbook
stream per sheet name, as (row, column, text) for `xlsx_drawings.with_text_boxes`, so an
.xls reads as the same sheet saved as .xlsx. Anything it cannot follow gives no boxes (the
cells are read alone).
"""

from __future__ import annotations

import logging
import struct

from .xlsx_drawings import Box

logger = logging.getLogger(__name__)

BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_MSODRAWING, _OBJ, _TXO, _CONTINUE = 0x00EC, 0x005D, 0x01B6, 0x003C
_NOTE_OBJECT = 0x19  # an OBJ record's object type for a cell comment: not the report
_CLIENT_ANCHOR = 0xF010
_MAX_RECORDS = 2_000_000  # a damaged stream cannot loop for long


def records(mem: bytes, start: int):
    """(type, data, offset) of the BIFF records from `start` to the substream's EOF."""
    pos, seen = start, 0
    while pos + 4 <= len(mem) and seen < _MAX_RECORDS:
        kind, length = struct.unpack_from("<HH", mem, pos)
        yield kind, mem[pos + 4:pos + 4 + length], pos
        pos += 4 + length
        seen += 1
        if kind == _EOF:
            return


def sheet_offsets(mem: bytes) -> list[tuple[str, int]]:
    """(name, stream offset of its BOF) of each sheet named in the workbook globals."""
    out = []
    for kind, data, _pos in records(mem, 0):
        if kind != _BOUNDSHEET or len(data) < 8:
            continue
        offset, count, flags = struct.unpack_from("<I", data, 0)[0], data[6], data[7]
        raw = data[8:8 + count * (2 if flags & 1 else 1)]
        name = raw.decode("utf-16-le" if flags & 1 else "latin-1", errors="replace")
        out.append((name, offset))
    return out


def _anchor(drawing: bytes) -> tuple[int, int] | None:
    """The (row, column) of the last client anchor in an MSODRAWING record's OfficeArt data."""
    found, pos = None, 0
    while pos + 8 <= len(drawing):
        ver_inst, kind, length = struct.unpack_from("<HHI", drawing, pos)
        if kind == _CLIENT_ANCHOR and length >= 18 and pos + 8 + 18 <= len(drawing):
            _flags, col, _dx, row = struct.unpack_from("<HHHH", drawing, pos + 8)
            found = (row, col)
        # a container (version 0xF) holds its records: step into it, else over the record
        pos += 8 if ver_inst & 0x000F == 0x000F else 8 + length
    return found


def workbook_stream(data: bytes) -> bytes:
    """The BIFF workbook stream of an OLE2 .xls file (xlrd's compound-document reader)."""
    from xlrd import compdoc

    doc = compdoc.CompDoc(data, logfile=_NullLog())
    for name in ("Workbook", "Book"):
        mem, base, length = doc.locate_named_stream(name)
        if mem is not None:
            return bytes(mem[base:base + length])
    return b""


class _NullLog:
    def write(self, _text) -> None:
        pass


def sheet_text_boxes(data: bytes) -> dict[str, list[Box]]:
    """Per sheet name, the text of the shapes drawn on it with their anchor cells; {} when
    there are none or the records cannot be followed. `data`: the .xls file."""
    try:
        mem = workbook_stream(data)
        found: dict[str, list[Box]] = {}
        for name, offset in sheet_offsets(mem):
            if offset + 4 > len(mem) or struct.unpack_from("<H", mem, offset)[0] != BOF:
                continue
            boxes: list[Box] = []
            anchor: tuple[int, int] | None = None
            need, chars, note = 0, [], False
            for kind, data, _pos in records(mem, offset):
                if kind == _MSODRAWING:
                    anchor = _anchor(data) or anchor
                elif kind == _OBJ and len(data) >= 6:
                    note = struct.unpack_from("<H", data, 4)[0] == _NOTE_OBJECT  # (ftCmo's object type)
                elif kind == _TXO and len(data) >= 12:
                    need, chars = struct.unpack_from("<H", data, 10)[0], []
                    if note:
                        need = 0  # a comment's text: left out, as in .xlsx
                    if need == 0:
                        continue
                elif kind == _CONTINUE and need > 0 and data:
                    wide = data[0] & 1
                    text = data[1:].decode("utf-16-le" if wide else "latin-1", errors="replace")
                    chars.append(text[:need])
                    need -= len(text[:need])
                    if need <= 0:
                        value = "".join(chars).replace("\r\n", "\n").replace("\r", "\n").strip()
                        if value:
                            # (a shape in a group has no cell anchor of its own: the group's stands)
                            boxes.append((anchor[0], anchor[1], value) if anchor else (None, 0, value))
            if boxes:
                found[name] = boxes
        return found
    except Exception:  # noqa: BLE001 - records the reader cannot follow: the cells stand
        logger.debug("xls text boxes not read", exc_info=True)
        return {}
