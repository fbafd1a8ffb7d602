"""The text of shapes drawn on an Excel sheet (text boxes, labelled rectangles, callouts).

Excel 方眼紙 forms often type a section's text into a text box laid over the cells rather
than into a cell: the text lives in the sheet's drawing part (xl/drawings/drawingN.xml), not
in its cells, so a reader of cell values sees the labels and no text. `sheet_text_boxes`
reads every drawing shape's text with the cell its top-left corner is anchored to, and
`with_text_boxes` puts each into the sheet's rows there (in the first empty cell from that
column to the right), so a box beside its label reads as the label's row. A shape anchored
to the page, not to a cell, goes below the sheet's rows. Charts, pictures and cell
comments (drawn through another part) are no text here.
"""

from __future__ import annotations

import io
import logging
import posixpath
import zipfile
from collections.abc import Iterable, Sequence

from . import safexml

logger = logging.getLogger(__name__)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_DRAWING_REL = "/drawing"
_ANCHORS = (f"{_XDR}twoCellAnchor", f"{_XDR}oneCellAnchor", f"{_XDR}absoluteAnchor")

# (0-based row, 0-based column, text); row None: anchored to the page, not a cell
Box = tuple[int | None, int, str]


def _part(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id -> (type, target part)."""
    path = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if path not in zf.namelist():
        return {}
    root = safexml.fromstring(zf.read(path))
    return {r.get("Id"): (r.get("Type", ""), _part(part, r.get("Target", "")))
            for r in root.iter(f"{_PACKAGE_REL}Relationship")}


def _shape_text(shape) -> str:
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{_A}t")) for p in shape.iter(f"{_A}p")]
    return "\n".join(p for p in paragraphs if p.strip())


def _boxes(drawing: bytes) -> list[Box]:
    root = safexml.fromstring(drawing)
    out: list[Box] = []
    for anchor in root:
        if anchor.tag not in _ANCHORS:
            continue
        start = anchor.find(f"{_XDR}from")
        row = col = None
        if start is not None:
            row, col = int(start.findtext(f"{_XDR}row", "0")), int(start.findtext(f"{_XDR}col", "0"))
        texts = [t for body in anchor.iter(f"{_XDR}txBody") if (t := _shape_text(body))]
        if texts:
            out.append((row, col or 0, "\n".join(texts)))
    return out


def sheet_text_boxes(data: bytes) -> dict[str, list[Box]]:
    """Per sheet title, the text of the shapes drawn on it; {} when there are none or the
    parts cannot be read (the cells are then read alone)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if not any(n.startswith("xl/drawings/") for n in names):
                return {}
            targets = _rels(zf, "xl/workbook.xml")
            book = safexml.fromstring(zf.read("xl/workbook.xml"))
            found: dict[str, list[Box]] = {}
            for sheet in book.iter(f"{_MAIN}sheet"):
                part = targets.get(sheet.get(f"{_REL}id"), ("", ""))[1]
                boxes = []
                for kind, drawing in _rels(zf, part).values():
                    if kind.endswith(_DRAWING_REL) and drawing in names:
                        boxes += _boxes(zf.read(drawing))
                if boxes:
                    found[sheet.get("name", "")] = boxes
            return found
    except Exception:  # noqa: BLE001 - a drawing the reader cannot follow: the cells stand
        logger.debug("text boxes not read", exc_info=True)
        return {}


def with_text_boxes(rows: Iterable[Sequence], boxes: list[Box]) -> list[list]:
    """A sheet's rows (from row 1, column 1) with each box's text in the row and column it
    is anchored at (the first empty cell from there to the right); page-anchored boxes
    below the last row, in the drawing's order."""
    table = [list(row) for row in rows]
    placed = sorted((b for b in boxes if b[0] is not None), key=lambda b: (b[0], b[1]))
    loose = [b for b in boxes if b[0] is None]
    for row, col, text in placed:
        while len(table) <= row:
            table.append([])
        line = table[row]
        while len(line) <= col:
            line.append(None)
        k = col
        while k < len(line) and line[k] not in (None, ""):
            k += 1
        if k == len(line):
            line.append(None)
        line[k] = text
    for _row, _col, text in loose:
        table.append([text])
    return table
