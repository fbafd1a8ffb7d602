"""Word (.docx): paragraphs in document order, tables as tab-separated rows.

A merged cell is read once: python-docx repeats a horizontally merged cell
for every grid column it spans and a vertically merged one in every row; the
repeats become empty cells so the following cells keep their columns. A
cell's paragraphs (and the rows of a table nested in it) become its
<br>-separated items. Empty paragraphs separate blocks (a blank line). A paragraph
numbered by Word's automatic numbering gets its number in front, as Word shows it
(`docx_numbering`); a paragraph's text includes tracked insertions and form controls and
leaves out tracked deletions (`paragraph_text`). A Word form's block-level content controls
(paragraphs, tables, rows or cells inside w:sdt, and inline controls) are read as their
content, unless they still show their placeholder; a table nested alone in a cell beside the
row's text (a frame: 目標１ | the goal's label table) is read as rows after that row; hidden text
(w:vanish: a template's 記入例, a draft kept out of print) is not read; text boxes (a title drawn in a box) are read once, as lines before the
paragraph they are anchored in; footnotes and endnotes are read once, as 「（注）…」 lines after the
paragraph or table that cites them (`_Notes`: a note explains the words it is attached to, so
it stays with them; a note nothing cites is not shown by Word and is not read); comments are
not the report's text (they live in their own part, never read); the page headers and footers are the document's context
(`Extracted.context`: a ward or a year named only there), never its text.
"""

from __future__ import annotations

import io
import logging
import weakref
import zipfile

import docx as python_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .common import normalize_newlines, require_text, unreadable
from .docx_numbering import Numbering
from .officezip import check_office_zip
from .result import Extracted
from .tables import cell_text, escape_markup, join_blocks, row_line

logger = logging.getLogger(__name__)

SUFFIXES = (".docx", ".docm")  # a macro-enabled document (.docm) is the same package

MSG_DOCX_NOT_ZIP = (
    "DOCXファイルとして読み込めません（ZIP形式ではありません。"
    "ファイルが壊れているか、拡張子が正しくない可能性があります）"
)
MSG_DOCX_OLE = (
    "パスワード付き、または旧形式（.doc）の Word ファイルです。"
    "旧形式なら拡張子を .doc にすると読み込めます。パスワード付きならパスワードを外して保存し直してください"
)
MSG_DOCX_NO_TEXT = "DOCXに本文のテキストがありません"


# The main part's content type of a macro-enabled document (.docm) and of templates (.dotx,
# .dotm): the same WordprocessingML, which python-docx opens only under a document's type.
_OTHER_MAIN_TYPES = (b"application/vnd.ms-word.document.macroEnabled.main+xml",
                     b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                     b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_DOCUMENT_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_document_package(data: bytes) -> bytes:
    """`data` with its main part typed as a document's when it is a macro-enabled document's or
    a template's (the package is otherwise the same); `data` itself when it already is."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in zf.namelist() else b""
        if not any(t in types for t in _OTHER_MAIN_TYPES):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in zf.infolist():
                body = zf.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    for other in _OTHER_MAIN_TYPES:
                        body = body.replace(other, _DOCUMENT_MAIN_TYPE)
                copy.writestr(info, body)
    return out.getvalue()


def load(data: bytes, name: str, max_bytes: int) -> Extracted:
    check_office_zip(data, name, "DOCX", "word/document.xml", MSG_DOCX_OLE, MSG_DOCX_NOT_ZIP)
    try:
        document = python_docx.Document(io.BytesIO(_as_document_package(data)))
    except Exception as exc:
        raise unreadable(name, "DOCXファイルとして読み込めません", exc) from exc

    _unwrap_content_controls(document.element.body)
    lines: list[str] = []
    numbering = Numbering(document)
    notes = _Notes(document)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            for box in _text_boxes(item):
                lines.append("")
                lines.extend(line for line in box if line.strip())
                lines.append("")
            text = normalize_newlines(paragraph_text(item))
            number = numbering.label(item)
            if number:
                text = f"{number} {text.lstrip()}"
            if not text.strip():
                lines.append("")
            for line in text.split("\n"):
                if line.strip():
                    lines.append(escape_markup(line))
            lines.extend(escape_markup(line) for line in notes.cited_in(item._p))
        elif isinstance(item, Table):
            lines.append("")
            lines.extend(_table_lines(item))
            lines.extend(escape_markup(line) for line in notes.cited_in(item._tbl))
            lines.append("")
    text = join_blocks(lines)
    require_text(text, name, MSG_DOCX_NO_TEXT)
    return Extracted(text, None, context=_page_margins(document))


def _showing_placeholder(sdt) -> bool:
    """Whether a content control still shows its placeholder text (no answer typed)."""
    props = sdt.find(qn("w:sdtPr"))
    return props is not None and props.find(qn("w:showingPlcHdr")) is not None


def _unwrap_content_controls(body) -> None:
    """A Word form's content controls (w:sdt) around whole paragraphs, tables, rows or
    cells hold the form's answers, but python-docx reads only paragraphs and tables
    that are direct children of the body, a row or a cell: each control is replaced by
    its content (the document is read, never saved). A control still showing its
    placeholder (「ここをクリックしてテキストを入力」) holds no answer and is dropped."""
    for sdt in list(body.iter(qn("w:sdt"))):
        parent = sdt.getparent()
        if parent is None or parent.tag == qn("w:p"):
            continue  # inline controls: `paragraph_text` reads them
        content = sdt.find(qn("w:sdtContent"))
        if content is not None and not _showing_placeholder(sdt):
            for child in list(content):
                sdt.addprevious(child)
        parent.remove(sdt)


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = qn("w:txbxContent")


def _text_boxes(paragraph: Paragraph) -> list[list[str]]:
    """The text of the text boxes anchored in a paragraph (a title or a note drawn in a
    box: python-docx does not read them), each box as its paragraphs' lines. Word saves a
    box twice, as a drawing and as its VML fallback for older readers; the fallback is
    skipped, and a box inside a box is read with the outer one. A table drawn in a box (a
    goal's table laid out in a frame) is read as a table, row by row; the lines are given
    with their markup escaped, ready for the loader's text."""
    boxes = []
    for box in paragraph._p.iter(_TEXT_BOX):
        ancestor, skip = box.getparent(), False
        while ancestor is not None and ancestor is not paragraph._p:
            if ancestor.tag in (_FALLBACK, _TEXT_BOX):
                skip = True
                break
            ancestor = ancestor.getparent()
        if skip:
            continue
        lines: list[str] = []
        _box_lines(box, paragraph._parent, lines)
        boxes.append(lines)
    return boxes + _diagrams(paragraph)


_DIAGRAM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_DRAWING_TEXT = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_NODE_POINTS = (None, "node")  # (the others: the document, connectors, the assistants' frames)


def _diagrams(paragraph: Paragraph) -> list[list[str]]:
    """The text of the SmartArt diagrams in a paragraph (the steps of a flow, the boxes of a
    chart the writer typed), each diagram as its boxes' lines in the order of its data: Word
    keeps it in the diagram's data part (python-docx does not read it), and once more in
    the diagram's drawing, which is not read again; then the charts' titles (`_chart_titles`)."""
    out = []
    for ids in paragraph._p.iter(f"{_DIAGRAM}relIds"):
        root = _related_part(paragraph, ids.get(qn("r:dm")), "diagram")
        if root is None:
            continue
        boxes = [point.find(f"{_DIAGRAM}t") for point in root.iter(f"{_DIAGRAM}pt")
                 if point.get("type") in _NODE_POINTS]
        lines = _drawing_lines(box for box in boxes if box is not None)
        if lines:
            out.append(lines)
    return out + _chart_titles(paragraph)


_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _chart_titles(paragraph: Paragraph) -> list[list[str]]:
    """The titles typed on the charts in a paragraph (「利用者数の推移」 over a graph): the
    chart's own rich-text title and its axes' titles, each a line; the numbers a chart draws
    and a title Word makes up from the series' name are not the writer's text."""
    out = []
    for chart in paragraph._p.iter(f"{_CHART}chart"):
        root = _related_part(paragraph, chart.get(qn("r:id")), "chart")
        if root is None:
            continue
        lines = _drawing_lines(root.iter(f"{_CHART}title"))
        if lines:
            out.append(lines)
    return out


def _related_part(paragraph: Paragraph, rid, what: str):
    """The parsed XML of a part the paragraph's drawing refers to; None (logged) when it is
    missing or damaged."""
    try:
        return parse_xml(paragraph.part.related_parts[rid].blob)
    except Exception:  # noqa: BLE001 - a drawing whose part is missing or damaged
        logger.debug("%s %s not read", what, rid, exc_info=True)
        return None


def _drawing_lines(containers) -> list[str]:
    """Each DrawingML paragraph with text under `containers`, as one line."""
    lines = []
    for container in containers:
        for para in container.iter(f"{_DRAWING_TEXT}p"):
            text = "".join(t.text or "" for t in para.iter(f"{_DRAWING_TEXT}t"))
            if text.strip():
                lines.append(escape_markup(text))
    return lines


def _box_lines(element, parent, lines: list[str]) -> None:
    """A text box's paragraphs (escaped lines) and tables (their row lines), in order."""
    for child in element:
        if child.tag == qn("w:p"):
            text = normalize_newlines(paragraph_text(Paragraph(child, parent)))
            lines.extend(escape_markup(line) for line in text.split("\n"))
        elif child.tag == qn("w:tbl"):
            lines.append("")
            lines.extend(_table_lines(Table(child, parent)))
            lines.append("")
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent")):
            _box_lines(child, parent, lines)


class _Notes:
    """The document's footnotes and endnotes (word/footnotes.xml, endnotes.xml: python-docx
    does not read them), each given out once, where it is first cited."""

    _PARTS = {RT.FOOTNOTES: "footnote", RT.ENDNOTES: "endnote"}
    _SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")

    def __init__(self, document) -> None:
        self.texts: dict[tuple[str, str], str] = {}
        for rel in document.part.rels.values():
            kind = self._PARTS.get(rel.reltype)
            if kind is None or rel.is_external:
                continue
            try:
                root = parse_xml(rel.target_part.blob)
            except Exception:  # noqa: BLE001 - a broken notes part loses only its notes
                logger.debug("notes part %s not read", rel.target_ref, exc_info=True)
                continue
            for note in root.iter(qn(f"w:{kind}")):
                if note.get(qn("w:type")) in self._SEPARATORS:
                    continue
                texts = (normalize_newlines(paragraph_text(Paragraph(p, None))).strip()
                         for p in note.iter(qn("w:p")))
                text = " ".join(t.replace("\n", " ") for t in texts if t)
                if text:
                    self.texts[(kind, note.get(qn("w:id")))] = text

    def cited_in(self, element) -> list[str]:
        """The notes first cited inside `element` (a paragraph or a table), as lines."""
        if not self.texts:
            return []
        out = []
        for ref in element.iter(qn("w:footnoteReference"), qn("w:endnoteReference")):
            kind = "footnote" if ref.tag == qn("w:footnoteReference") else "endnote"
            text = self.texts.pop((kind, ref.get(qn("w:id"))), None)
            if text:
                out.append(f"（注）{text}")
        return out


def _page_margins(document) -> tuple[str, ...]:
    """The text of the page headers and footers (「横浜市磯子区　…評価シート」, the office's
    name): not the report's text, but its context (`Extracted.context`), where a ward the
    body never names may be read."""
    seen: list[str] = []
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            try:
                if part.is_linked_to_previous and section is not document.sections[0]:
                    continue
                paragraphs = list(part.paragraphs)
                for table in part.tables:
                    for _row, cells in _row_cells(table):
                        for cell in cells:
                            paragraphs.extend(cell.paragraphs)
            except Exception:  # noqa: BLE001 - a broken header part loses only the context
                logger.debug("page header/footer of %s not read", document, exc_info=True)
                continue
            for p in paragraphs:
                text = paragraph_text(p).strip()
                if text and text not in seen:
                    seen.append(text)
    return tuple(seen)


# Inline containers whose runs are the paragraph's text: tracked insertions (w:ins, a
# change not yet accepted), content controls (w:sdt of a form), smart tags, simple fields,
# custom XML. Tracked deletions (w:del, w:moveFrom) are not the report's text.
_INLINE_CONTAINERS = {qn("w:ins"), qn("w:sdt"), qn("w:sdtContent"), qn("w:smartTag"), qn("w:fldSimple"),
                      qn("w:customXml"), qn("w:hyperlink"), qn("w:moveTo")}


def paragraph_text(paragraph: Paragraph) -> str:
    """The text Word shows for a paragraph: its runs, including those inside tracked
    insertions and form controls (python-docx's `Paragraph.text` reads only the runs and
    hyperlinks directly in the paragraph), without tracked deletions and hidden runs."""
    parts: list[str] = []
    hidden_styles = _hidden_styles(paragraph)
    paragraph_style = _style_id(paragraph._p.find(qn("w:pPr")), "w:pStyle")

    def walk(element) -> None:
        for child in element:
            if child.tag == qn("w:r"):
                if not _hidden(child, hidden_styles, paragraph_style):
                    parts.append(Run(child, paragraph).text)
            elif child.tag == qn("w:sdt") and _showing_placeholder(child):
                continue  # a form's control still showing 「ここをクリックして…」: no answer
            elif child.tag in _INLINE_CONTAINERS:
                walk(child)

    walk(paragraph._p)
    return "".join(parts)


_OFF = ("0", "false", "off")


def _vanish(props) -> bool | None:
    """What a run-properties element says of w:vanish: True, False (switched off), None (silent)."""
    vanish = props.find(qn("w:vanish")) if props is not None else None
    return None if vanish is None else (vanish.get(qn("w:val")) or "true").lower() not in _OFF


def _style_id(props, tag: str) -> str | None:
    style = props.find(qn(tag)) if props is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _hidden(run, hidden_styles: frozenset[str] = frozenset(), paragraph_style: str | None = None) -> bool:
    """Whether a run is hidden text (w:vanish: Word shows and prints it only when asked to,
    as a template keeps its 記入例 or a writer a draft sentence): not the report's text. The
    run's own w:vanish decides; else its character style's, else its paragraph's style's
    (`hidden_styles`: the styles that hide their text, through the styles they are based on)."""
    props = run.find(qn("w:rPr"))
    own = _vanish(props)
    if own is not None:
        return own
    return _style_id(props, "w:rStyle") in hidden_styles or (paragraph_style in hidden_styles)


_STYLE_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _hidden_styles(paragraph: Paragraph) -> frozenset[str]:
    """The ids of the document's styles that hide their text: w:vanish in the style, or in
    the style it is based on (the nearest that says); computed once per document."""
    try:
        part = paragraph.part.package.main_document_part
    except Exception:  # noqa: BLE001 - a paragraph without a document: direct formatting only
        return frozenset()
    if part in _STYLE_CACHE:
        return _STYLE_CACHE[part]
    says: dict[str, bool | None] = {}
    based: dict[str, str | None] = {}
    try:
        for style in part.styles.element.findall(qn("w:style")):
            sid = style.get(qn("w:styleId"))
            says[sid] = _vanish(style.find(qn("w:rPr")))
            based[sid] = _style_id(style, "w:basedOn")
    except Exception:  # noqa: BLE001 - no styles part: direct formatting only
        logger.debug("styles not read", exc_info=True)

    def hides(sid: str | None, depth: int = 0) -> bool:
        if sid is None or depth > 20 or sid not in says:
            return False
        return says[sid] if says[sid] is not None else hides(based[sid], depth + 1)

    found = frozenset(sid for sid in says if hides(sid))
    _STYLE_CACHE[part] = found
    return found


def _row_cells(table: Table):
    """(row, cells) for each row of a table, the cells as python-docx's `row.cells` gives
    them (a cell merged across repeated, a cell merged down given as the cell where the merge
    starts), in one pass: `row.cells` walks up the rows for every cell merged down, which is
    quadratic in a long table (a label merged down 500 rows took a minute) and fails past
    Python's recursion limit. A cell marked as continuing a merge with nothing above it is
    read as a cell of its own."""
    above: dict[int, _Cell] = {}
    for row in table.rows:
        offset = row.grid_cols_before
        here: dict[int, _Cell] = {}
        cells: list[_Cell] = []
        for tc in row._tr.tc_lst:
            span = max(tc.grid_span, 1)
            cell = above.get(offset) if tc.vMerge == "continue" else None
            if cell is None:
                cell = _Cell(tc, table)
            for k in range(span):
                cells.append(cell)
                here[offset + k] = cell
            offset += span
        above = here
        yield row, tuple(cells)


def _table_lines(table: Table) -> list[str]:
    out = []
    above: tuple = ()
    for row, cells in _row_cells(table):
        values = [""] * row.grid_cols_before
        framed: list[Table] = []
        for i, cell in enumerate(cells):
            repeat_left = i > 0 and cells[i - 1]._tc is cell._tc
            repeat_above = i < len(above) and above[i]._tc is cell._tc
            if repeat_left or repeat_above:
                values.append("")
            elif _framed_table(cell, cells):
                values.append("")
                framed.append(cell.tables[0])
            else:
                values.append(cell_text(_cell_lines(cell)))
        above = cells
        line = row_line(values)
        if line:
            out.append(line)
        for inner in framed:
            out.extend(_table_lines(inner))
    return out


def _framed_table(cell, cells) -> bool:
    """Whether a cell is a frame around a table of its own: it holds nothing but a nested
    table of two or more rows and columns, beside a cell with text in the same row (目標１ |
    a label | value table of the goal's sections, as some templates lay a form out). Such a
    table is read as rows of its own after the row (a reader reads 目標１, then the table),
    not squeezed into the cell's items."""
    if len(cell.tables) != 1 or any(paragraph_text(p).strip() for p in cell.paragraphs):
        return False
    inner = cell.tables[0]
    if len(inner.rows) < 2 or len(inner.columns) < 2:
        return False
    return any(other._tc is not cell._tc and any(paragraph_text(p).strip() for p in other.paragraphs)
               for other in cells)


def _cell_lines(cell) -> list[str]:
    """A cell's paragraphs, and each row of a nested table as one line
    (its cells separated by spaces), in order."""
    lines: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(paragraph_text(item))
        elif isinstance(item, Table):
            for _row, row_cells in _row_cells(item):
                kept: list = []
                for inner in row_cells:
                    if not any(inner._tc is k._tc for k in kept):
                        kept.append(inner)
                parts = (" ".join(t.strip() for t in _cell_lines(inner) if t.strip()) for inner in kept)
                line = " ".join(p for p in parts if p)
                if line:
                    lines.append(line)
    return lines
