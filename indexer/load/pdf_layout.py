"""Table rows from a PDF text layer, by position.

A text layer has no table structure: extracted text gives each cell on its
own lines, wrapped mid-sentence. Here the positioned text pieces of a page
are grouped into lines by baseline; on one line, a horizontal gap wider than
`GAP_EM` ems, or a piece starting at a column edge (an x where pieces start
on at least two lines), starts a new cell; a following line that starts at the x of a
later cell of the row above (and has nothing at the row's first column)
continues that cell. A page is laid out this way only when it shows table
rows (at least `MIN_ROWS` lines with several cells); otherwise the plain
extraction stands. A page set in two columns of running text is read column
after column instead (`_text_columns`).

Where a piece ends is measured with its fonts' glyph widths (`pdf_fonts`), so that a
digit set in another font (「令和5 年度」) does not seem to start a cell; a border drawn
between two lines (`pdf_rules`) puts them in two rows however close they are (a Word
table's cells have no top or bottom margin), and a cell no border closes runs on,
merged down beside the row below.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
import unicodedata
from collections import Counter

from . import pdf_fonts, pdf_rules, pdf_unicode

logger = logging.getLogger(__name__)

GAP_EM = 1.5
# At a column edge, this much visible space before a piece starts a cell
# (cells have padding; text running on within a line has none).
_MIN_GAP_EM = 0.25
MIN_ROWS = 2
_Y_TOLERANCE = 0.4  # of the font size
_X_TOLERANCE = 2.0  # points
# A line closer than this many times the page's tightest line step to the
# line above is a wrapped line of the same row (rows have cell padding).
_WRAP_STEP = 1.15


# The layout must keep the plain extraction's characters (whitespace aside);
# otherwise (vertical writing, rotated or overprinted text) it is not used.
_MAX_CHAR_DIFF = 0.02


def with_table_rows(page, plain: str) -> str:
    """The page's text with table rows laid out, or `plain` (pypdf's own
    extraction) when the page has no table or positions do not add up."""
    return lay_out_page(page, plain)[0]


# The columns of the table a page ends with: (first column's x, the later columns' xs).
Columns = tuple[float, list[float]]


def lay_out_page(page, plain: str, carry: Columns | None = None,
                 extra: list[tuple[float, float, float, str]] | tuple = (), *,
                 read=None, furniture: frozenset = frozenset(), keep_top: bool = False,
                 dropped: list[str] | None = None) -> tuple[str, Columns | None]:
    """`with_table_rows`, reading page after page: `carry` is the columns of the
    table the previous page ended with, so that a page whose top continues that
    table's cells (and holds no other table) is laid out too. Returns the text
    and the columns to carry to the next page. `extra`: text the page shows that is not
    in its content, as (y, x, size, text) pieces (a form's filled fields, `pdf_forms`),
    read in its place among the page's lines (`plain` must hold it too); a page with
    such pieces is always read by position.

    `read`: the page as `read_page` gave it ([that], when already read; read here when
    None); `furniture`: the (edge, key) of the document's running headers and footers
    (`edge_keys`), whose lines at this page's edges are left out before the page is laid
    out (a footer is no table row), except the top ones when `keep_top` (the first page's
    header, usually the report's title too); `plain` loses the same lines, and their texts
    are added to `dropped`."""
    read = read_page(page, extra) if read is None else read[0]
    gone: list[str] = []
    rows, columns, headings = _layout(read, carry, furniture, keep_top, gone)
    plain, gone = _without_lines(plain, gone)
    if dropped is not None:
        dropped.extend(gone)
    if rows is None:
        return _with_headings_joined(plain, headings), None
    laid = "\n".join(rows).replace("\x00", "")
    want, got = _chars(plain), _chars(laid)
    diff = sum(((want - got) + (got - want)).values())
    if diff > _MAX_CHAR_DIFF * max(sum(want.values()), 1):
        logger.debug("table layout differs from the text layer by %d characters; kept plain text", diff)
        return plain, None
    return laid, columns


def _chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def page_rows(page) -> list[str] | None:
    """The page's lines with table rows tab-separated, or None if the page
    shows no table (or its text cannot be positioned)."""
    return _layout(read_page(page), None)[0]


# (first line, its continuation) of each heading that wrapped
Headings = list[tuple[str, str]]
# A page's text pieces in its reading frame, its ruled segments (`_reading_frame`),
# whether text not in its content was placed (`extra`) and its drawn upright borders
# (`_reading_frame`'s walls), or None when the page's text cannot be positioned.
Read = "tuple[list, list, bool, list] | None"

# A running header or footer is at the top or bottom of the page: this many lines at each
# edge are looked at.
EDGE_LINES = 2
_DIGITS = re.compile(r"[0-9０-９]+")
# A page number in a running line: ページ 3/12, 3頁, P.3, - 3 -, 3 / 12, page 3.
_PAGE_NUMBER = re.compile(r"ページ|頁|[Pp][.．]?\s*[0-9０-９]|[0-9０-９]\s*[/／]\s*[0-9０-９]|"
                          r"[-－―]\s*[0-9０-９]+\s*[-－―]|page", re.I)
# A footer's page number after the footer's text: 「旭区地域子育て支援拠点ひだまり　2」.
_TRAILING_NUMBER = re.compile(r"\S[ \u3000\t]+[0-9０-９]{1,3}$")
# A page number alone at the foot of the page: 「3」.
_BARE_NUMBER = re.compile(r"[0-9０-９]{1,3}")


def line_key(text: str, bottom: bool = False) -> str:
    """A running line as compared across pages, spaces aside: its page number masked, if it
    has one (a heading such as 「令和5年度 重点目標1」 differs from 「令和6年度 重点目標2」).
    At the bottom edge a number after a space ends a footer too (「…ひだまり　2」), and a number
    alone is a page number (「2」)."""
    text = text.strip()
    if _PAGE_NUMBER.search(text) or (bottom and (_TRAILING_NUMBER.search(text) or _BARE_NUMBER.fullmatch(text))):
        text = _DIGITS.sub("#", text)
    return "".join(text.split())


def _line_text(line) -> str:
    """A positioned line's text, its pieces set apart by a space where a gap is."""
    return " ".join(piece[3] for piece in line if piece[3].strip())


def edge_keys(read) -> list[tuple[int, str, str]]:
    """(line number, edge, key) of the lines at the top and bottom edges of a page read by
    `read_page`, outermost first."""
    if read is None:
        return []
    lines = _lines(list(read[0]))
    top = [(i, "top", line_key(_line_text(lines[i]))) for i in range(min(EDGE_LINES, len(lines)))]
    bottom = [(i, "bottom", line_key(_line_text(lines[i]), bottom=True))
              for i in range(len(lines) - 1, max(len(lines) - 1 - EDGE_LINES, -1), -1)]
    return top + [b for b in bottom if b[0] not in {t[0] for t in top}]


def _furniture_lines(lines, furniture: frozenset, keep_top: bool) -> set[int]:
    """The lines of a page that are running headers or footers: at an edge, with only such
    lines between them and the edge."""
    out: set[int] = set()
    edges = edge_keys(([piece for line in lines for piece in line], [], False))
    for edge in ("top", "bottom"):
        for i, e, key in edges:
            if e != edge:
                continue
            if (e, key) not in furniture or (e == "top" and keep_top and not is_stamp(key)):
                break
            out.add(i)
    return out


# A printing stamp (a browser's 「2026/12/01 13:21 …」 at the top of each page, 「印刷日時 …」)
# or a web address: no report's title, even at the top of the first page.
_STAMP = re.compile(r"(?:\d{1,2}|#):(?:\d{2}|#)|https?://|www\.")


def is_stamp(key: str) -> bool:
    """Whether a running line's key (`line_key`) holds a time of day or a web address."""
    return bool(_STAMP.search(key))


def _without_lines(plain: str, dropped: list[str]) -> tuple[str, list[str]]:
    """`plain` without one line holding each dropped line's text (spaces aside), and the
    dropped lines as `plain` has them (where it has them)."""
    if not dropped:
        return plain, []
    lines = plain.split("\n")
    found = []
    for text in dropped:
        want = "".join(text.split())
        for k, line in enumerate(lines):
            if "".join(line.split()) == want:
                found.append(lines.pop(k).strip())
                break
        else:
            found.append(text)
    return "\n".join(lines), found


def read_page(page, extra=()) -> Read:
    """The page's text pieces as (y, x, size, text, end) in its reading frame, its ruled
    segments (`_reading_frame`) and whether `extra` pieces were placed (see
    `lay_out_page`); None when its text cannot be positioned."""
    placed: list[tuple[int, float, float, float, str, tuple[float, float] | None]] = []
    runs = pdf_fonts.RunTracker(page)
    ruling = pdf_rules.RuleTracker()

    def before(*args):
        runs.before(*args)
        ruling.before(*args)

    def after(*args):
        runs.after(*args)
        ruling.after(*args)

    def visit(text, cm, tm, _font, size):
        extent = runs.take()
        text = pdf_unicode.radicals(text.replace("\n", "").replace("\r", ""))
        if not text or (not text.strip() and extent is None):
            return
        # the direction the text runs on the page (a landscape table turned onto a portrait
        # page runs up or down), and its scale
        dx = tm[0] * cm[0] + tm[1] * cm[2]
        dy = tm[0] * cm[1] + tm[1] * cm[3]
        scale = math.hypot(dx, dy) or 1.0
        quarter = round(math.atan2(dy, dx) / (math.pi / 2)) % 4
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        end = None
        if extent is not None:  # measured with the font's widths: its real start and end
            (x, y), end = extent
        if not text.strip():  # a space drawn as a glyph of its own: see `_cells`
            quarter, text = None, " "
        placed.append((quarter, y, x, (size or 10) * scale, text, end))

    try:
        page.extract_text(visitor_text=visit, visitor_operand_before=before, visitor_operand_after=after)
    except Exception:  # noqa: BLE001 - the plain extraction reports errors
        return None
    placed.extend((0, y, x, size, text, None) for y, x, size, text in extra)
    if not placed:
        return None
    pieces, rules, walls = _reading_frame(placed, ruling.segments)
    return pieces, rules, bool(extra), walls


def _layout(read, carry: Columns | None, furniture: frozenset = frozenset(), keep_top: bool = False,
            dropped: list[str] | None = None) -> tuple[list[str] | None, Columns | None, Headings]:
    if read is None:
        return None, None, []
    pieces, rules, extra = list(read[0]), read[1], read[2]
    walls = read[3] if len(read) > 3 else []
    drawn = list(pieces)  # in the order the program drew them
    gaps: list = []
    lines = _lines(pieces, gaps)
    if furniture:
        gone = _furniture_lines(lines, furniture, keep_top)
        if dropped is not None:
            dropped.extend(_line_text(lines[i]) for i in sorted(gone))
        lines = [line for i, line in enumerate(lines) if i not in gone]
        pieces = [piece for line in lines for piece in line]
        if not pieces:
            return None, None, []
        kept = {id(piece) for piece in pieces}
        drawn = [piece for piece in drawn if id(piece) in kept]
    backwards = _drawn_back_up(drawn)
    leftwards = _drawn_back_left(drawn)
    rules = _rules_under_letters(rules, lines)
    apart = _ruled_apart(rules)
    sizes = sorted(piece[2] for piece in pieces if piece[3].strip())
    size = sizes[len(sizes) // 2]
    halves = _page_columns(lines, rules, size)
    if halves is not None:
        return _read_page_columns(halves, extra, carry, walls)
    columns = _column_starts(lines)
    rows = [_cells(line, columns, walls) for line in lines]
    lines, headings = _join_wrapped_headings(lines, rows, size)
    if headings:
        columns = _column_starts(lines)
        rows = [_cells(line, columns, walls) for line in lines]

    def by_position():
        # no table: the plain extraction stands, unless text not in the content was placed or
        # a mark was drawn in a run's gap (the plain extraction reads it before the run)
        return ["\t".join(t for _x, t in cells) for cells in rows] if extra or gaps or backwards or leftwards else None

    trailing = _labels_under_their_text(lines, rules, size)
    if trailing is not None:
        return trailing, None, headings
    text_columns = _text_columns(lines, rows, rules)
    if text_columns is not None:
        return text_columns, None, headings
    lines, rows = _interleaved_cells(lines, rows, columns, size, apart, walls)
    if _numbered_paragraphs(rows):
        return by_position(), None, headings
    table = [cells for cells in rows if len(cells) > 1]
    own = (min(cells[0][0] for cells in table), [x for cells in table for x, _t in cells[1:]]) if table else None
    # the previous page's table tells continued cells best (this page's own "table" may be
    # nothing but those cells); without it, this page's table
    continued = _continued_from_previous_page(rows, carry)
    if not continued and len(table) >= MIN_ROWS:
        _continued_from_previous_page(rows, own)
    if len(table) < MIN_ROWS and not continued and not _within(table, carry):
        return by_position(), None, headings
    extra_starts = [carry[0], *carry[1]] if carry and continued else []
    ys = [line[0][0] for line in lines]
    step = _line_step(lines, rows, apart)
    if own is not None:
        rows, ys, text_step = _centred_labels(rows, ys, own[0], apart)
        # after a centred label's row is read whole, a text line's step tells wrapped lines
        step = text_step or step
    # table lines all one step apart: no row is told from a wrapped line by its spacing
    even = step and all(ys[i - 1] - ys[i] <= step * _WRAP_STEP for i in range(1, len(rows))
                        if len(rows[i]) > 1 and len(rows[i - 1]) > 1)
    out: list[list[tuple[float, str]]] = []
    right: dict[float, float] = {}  # the right edge of each column's text (by its start)
    for row_cells in rows:
        if len(row_cells) > 1:
            for x, t in row_cells:
                right[_column_key(x)] = max(right.get(_column_key(x), 0.0), x + _width(t) * size)
    # the widest label of a two-column table's first column, in ems; 0 when that column holds
    # more than short labels (a page of two text columns, a table of long row names)
    label_width = max((_width(cells[0][1]) for cells in rows if len(cells) == 2), default=0.0)
    if label_width > _SHORT_LABEL_EM:
        label_width = 0.0
    header: list | None = None  # the first row of the current table block, while it is one line
    near: list[bool] = []  # each out row within two line steps of the row above
    # column start -> the row whose cell there is merged down over the rows below it
    merged: dict[float, list[tuple[float, str]]] = {}
    in_cell = _bordered_row(rules, size)
    top = None  # the y of the first line of the last row put out
    for i, cells in enumerate(rows):
        prev = out[-1] if out else None
        one_step = i > 0 and step and ys[i - 1] - ys[i] <= step * _WRAP_STEP
        close = one_step and not apart(ys[i - 1], ys[i], cells)
        fits = bool(prev) and _fits(cells, prev + [(x, "") for x in merged])
        if prev and len(prev) > 1 and fits and in_cell(top, ys[i], prev, cells):
            # a line inside the bordered row the row above opened: its cells' wrapped lines
            for x, text in cells:
                k = _column(x, prev)
                prev[k] = (prev[k][0], _join_wrapped(prev[k][1], text))
            header = None
            continue
        if (prev and len(prev) > 1 and close and fits
                and not (even and _next_full_row(cells, prev, size))
                and not (prev is header and _header_then_row(cells, prev, size))
                and not _next_labelled_row(cells, prev, rows[i - 1], right, label_width, size)):
            # a wrapped line of the row above: each piece continues its column (or the cell
            # merged down beside that row)
            for x, text in cells:
                owner = next((row for start, row in merged.items() if abs(start - x) <= _X_TOLERANCE
                              and not any(abs(c - x) <= _X_TOLERANCE for c, _t in prev)), prev)
                k = _column(x, owner)
                owner[k] = (owner[k][0], _join_wrapped(owner[k][1], text))
            header = None
            continue
        down = _merged_down(cells, prev, one_step, lambda cell: apart(ys[i - 1], ys[i], [cell]))
        # (only a cell of a ruled column is merged down: a label printed beside a form's boxes,
        # with no border in its column anywhere, is no table cell)
        down = [start for start in down if _in_ruled_column(start, rules)]
        if down:
            # a border above some cells only: a row starts there, while the cells merged
            # down over it (a header's 目指す拠点の姿 beside its A B C D) run on
            merged = {start: prev for start in down}
            runs_on = [cell for cell in cells if any(abs(cell[0] - start) <= _X_TOLERANCE for start in down)]
            for x, text in runs_on:
                k = next(n for n, (c, _t) in enumerate(prev) if abs(c - x) <= _X_TOLERANCE)
                prev[k] = (prev[k][0], _join_wrapped(prev[k][1], text))
            cells = [cell for cell in cells if cell not in runs_on]
        else:
            merged = {}
        near.append(bool(out) and bool(step) and ys[i - 1] - ys[i] <= 2 * step * _WRAP_STEP)
        out.append(list(cells))
        top = ys[i]
        header = out[-1] if len(cells) > 1 and (prev is None or len(prev) <= 1) else None
    # the columns carried on: those of the table this page ends with, or the previous
    # page's when this page only continues it
    return _aligned(out, extra_starts, near), _last_table_columns(out) or (carry if continued else None), headings


# The page is cut into strips this wide (points) to tell where text was drawn already.
_STRIP = 12.0


def _drawn_back_up(drawn) -> bool:
    """Whether the program drew some text above text it had drawn before, in the same part
    of the page's width (more than a line above it): the drawing order is not the reading
    order (LibreOffice prints a sheet's cells in no top-to-bottom order: a 取組の成果 cell's
    later lines before the labels above them). pypdf extracts in drawing order; a page whose
    text only goes down each part of its width (one column, or column after column, a
    running header drawn last aside) is read as drawn."""
    lowest: dict[int, float] = {}  # strip -> the lowest baseline drawn in it so far
    for y, x, size, text, end in drawn:
        if not text.strip():
            continue
        right = end if end is not None else x + _width(text) * size
        strips = range(int(x // _STRIP), int(max(right - 1, x) // _STRIP) + 1)
        if any(y - lowest.get(k, y) > size * 1.5 for k in strips):
            return True
        for k in strips:
            lowest[k] = min(lowest.get(k, y), y)
    return False


def _drawn_back_left(drawn) -> bool:
    """Whether the program drew a piece of text wholly left of the piece it drew just before,
    on the same baseline: the drawing order is not the reading order (LibreOffice draws a mark
    of a symbol font, 「　◎」, before the label it follows, 「達成状況」). pypdf extracts in
    drawing order (「◎達成状況」)."""
    text = [piece for piece in drawn if piece[3].strip()]
    for (y0, x0, size0, _t0, _e0), (y1, x1, _size1, t1, e1) in zip(text, text[1:]):
        right = e1 if e1 is not None else x1 + _width(t1) * size0
        if abs(y1 - y0) <= _Y_TOLERANCE * size0 and right <= x0 + _X_TOLERANCE:
            return True
    return False


# A gutter between two page columns is at least this many ems wide.
_GUTTER_EM = 1.0
# With borders in one page column only, at least this share of the other column's lines are
# level with no line of the bordered column.
_ALONE_SHARE = 0.5


def _page_columns(lines, rules, size: float):
    """A page whose tables stand in two page columns (a newsletter-like report): the drawn
    borders leave a gutter down the page — each border is on one side of it, or all of them
    beside it, text only on its other side — and no line of text crosses the gutter within
    the borders' height (a title above them or a page
    number below may). Returns (lines above, left lines, right lines, lines below, (the
    gutter's left x, its right x), the left and the right column's borders), or None. A
    Word or Excel table of two wide halves is no such page: its borders run across the
    gap between its cells' text (a row's border from edge to edge, or cell after cell)."""
    if not rules:
        return None
    spans = sorted([x0, x1] for _y, x0, x1 in rules)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1] + _RULE_MARGIN:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    gaps = [(b[0] - a[1], a[1], b[0]) for a, b in zip(merged, merged[1:]) if b[0] - a[1] >= _GUTTER_EM * size]
    one_side = None  # which column the borders are in, when in one only
    if len(merged) == 1:
        # borders in one column only: the gutter is the empty width beside them, up to the text
        # of the other column
        (ruled_left, ruled_right), = merged
        texts = [p for line in lines for p in line if p[3].strip()]
        after = [p[1] for p in texts if p[1] >= ruled_right]
        before = [_end(p) for p in texts if _end(p) <= ruled_left]
        gaps = [gap for gap in ((min(after) - ruled_right, ruled_right, min(after)) if after else None,
                                (ruled_left - max(before), max(before), ruled_left) if before else None)
                if gap and gap[0] >= _GUTTER_EM * size]
        one_side = "left" if gaps and gaps[0][1] == ruled_right else "right"
    if len(gaps) != 1:
        return None
    _width_, left_x, right_x = gaps[0]
    middle = (left_x + right_x) / 2
    top = max(y for y, _x0, _x1 in rules)
    bottom = min(y for y, _x0, _x1 in rules)
    head, left, right, tail = [], [], [], []
    for line in lines:
        y = line[0][0]
        # (text across the gutter's middle, or starting in it: a piece's end may be estimated)
        inside = [p for p in line if p[3].strip() and (p[1] < middle < _end(p) or left_x + _X_TOLERANCE < p[1] < middle)]
        if inside:
            if y - line[0][2] > top:
                head.append(line)
                continue
            if y < bottom:
                tail.append(line)
                continue
            return None
        mine = [p for p in line if p[1] < left_x + _X_TOLERANCE]
        other = [p for p in line if p[1] >= left_x + _X_TOLERANCE]
        if mine:
            left.append(mine)
        if other:
            right.append(other)
    if min(len(left), len(right)) < _TEXT_COLUMN_LINES:
        return None
    if one_side is not None:
        # the unruled column runs on its own lines, or is running text filling its width (on a
        # line grid): a form's labels beside its boxes stand level with them, short
        other_side = left if one_side == "right" else right
        alone = sum(1 for line in other_side if not any(abs(line[0][0] - ruled[0][0]) <= _Y_TOLERANCE * size
                                                          for ruled in (right if one_side == "right" else left)))
        ems = [_width("".join(p[3] for p in line)) for line in other_side]
        filled = (max(ems) >= _FILLED_MIN_EM
                  and sum(1 for w in ems if w >= _FILLED_WIDTH * max(ems)) >= _FILLED_SHARE * len(ems))
        if alone < _ALONE_SHARE * len(other_side) and not filled:
            return None
    left_rules = [r for r in rules if r[2] <= left_x + _RULE_MARGIN]
    right_rules = [r for r in rules if r[1] >= right_x - _RULE_MARGIN]
    return head, left, right, tail, (left_x, right_x), left_rules, right_rules


def _read_page_columns(halves, extra: bool, carry: Columns | None, walls=()):
    """The page of `_page_columns` read column after column, each column laid out as a page
    of its own (its tables' rows whole), the left column's last row going on at the right
    column's top when a column break cut it (`join_cut_rows`). The columns carried on are the
    right column's, put where the next page's left column stands."""
    head, left, right, tail, (left_x, right_x), left_rules, right_rules = halves
    shift = min(r[1] for r in right_rules) - min(r[1] for r in left_rules) if left_rules and right_rules else 0.0

    def moved(columns: Columns | None, by: float) -> Columns | None:
        return None if columns is None else (columns[0] + by, [x + by for x in columns[1]])

    def read_column(column_lines, column_rules, column_carry):
        pieces = [piece for line in column_lines for piece in line]
        rows, columns, headings = _layout((pieces, column_rules, extra, walls), column_carry)
        if rows is None:
            lines = _lines(list(pieces))
            starts = _column_starts(lines)
            rows = ["\t".join(t for _x, t in _cells(line, starts, walls)) for line in lines]
        return rows, columns, headings

    left_rows, left_columns, left_headings = read_column(left, left_rules, carry)
    right_rows, right_columns, right_headings = read_column(right, right_rules, moved(left_columns, shift))
    joined = join_cut_rows(["\n".join(left_rows), "\n".join(right_rows)])
    outer = [_line_text(line) for line in head], [_line_text(line) for line in tail]
    text = outer[0] + [t for t in joined if t] + outer[1]
    return "\n".join(text).split("\n"), moved(right_columns, -shift), left_headings + right_headings


# Two lines whose baselines are closer than this share of the text size overlap: they
# cannot follow each other in one column.
_OVERLAP = 0.8


def _interleaved_cells(lines, rows, columns: list[float], size: float, apart, walls=()):
    """Lines and rows with each table row whose cells' lines interleave read as one row: a
    label wrapped over several lines, centred beside a cell whose lines fall between the
    label's (Chromium's print of a table cell centred vertically), reads as a line of the
    label, one of the text, one of the label… Lines closer than a line's height that share
    no part of the width lie side by side in one row; the cells' lines (the column's lines a
    text line's step apart above and below, within the row's columns) are read whole, each
    column's lines joined top down: (label, text, grades…) as one row."""
    spans = [_cell_spans(line, columns, walls) for line in lines]
    ys = [line[0][0] for line in lines]

    def disjoint(a, b):
        return not any(x0 < e1 and x1 < e0 for x0, e0, _t in spans[a] for x1, e1, _u in spans[b])

    linked = [i for i in range(1, len(lines))
              if 0 < ys[i - 1] - ys[i] < _OVERLAP * size and disjoint(i - 1, i)
              and not apart(ys[i - 1], ys[i], rows[i])]
    if not linked:
        return lines, rows
    out_lines, out_rows, i = [], [], 0
    floor = 0  # the lines from here on were put out one by one (a row may take them back)
    linked_set = set(linked)
    while i < len(lines):
        if i + 1 not in linked_set:
            out_lines.append(lines[i])
            out_rows.append(rows[i])
            i += 1
            continue
        j = i + 1
        while j + 1 < len(lines) and j + 1 in linked_set:
            j += 1
        block = list(range(i, j + 1))
        merged = _one_row(block, spans, ys, apart, floor, len(lines))
        if merged is None:
            out_lines.extend(lines[i:j + 1])
            out_rows.extend(rows[i:j + 1])
            i = j + 1
            continue
        block, row = merged
        # (lines above the interleaved run that the row took were already put out)
        while out_lines and block[0] < i:
            out_lines.pop()
            out_rows.pop()
            i -= 1
        top = ys[block[0]]
        out_lines.append([(top, *piece[1:]) for k in block for piece in lines[k]])
        out_lines[-1].sort(key=lambda p: p[1])
        out_rows.append(row)
        i = floor = block[-1] + 1
    return out_lines, out_rows


def _one_row(block, spans, ys, apart, floor: int, count: int):
    """(the lines of the row, its cells) of a run of interleaved lines (`_interleaved_cells`),
    or None when its cells do not stand in columns (a cell of one line across two of another)."""

    def clusters_of(lines_):
        found: list[list[float]] = []  # [start, end] of each column, by x
        for k in lines_:
            for x, e, _t in spans[k]:
                found.append([x, e])
        found.sort()
        merged: list[list[float]] = []
        for x, e in found:
            if merged and x < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([x, e])
        return merged

    def column_of(columns_, x, e):
        return next((n for n, (a, b) in enumerate(columns_) if x < b and a < e), None)

    columns_ = clusters_of(block)
    if len(columns_) < 2:
        return None
    # a column's own line step within the run: its lines' least drop
    steps = []
    for n in range(len(columns_)):
        mine = [ys[k] for k in block if any(column_of(columns_, x, e) == n for x, e, _t in spans[k])]
        steps += [a - b for a, b in zip(mine, mine[1:]) if a - b > 0]
    step = min(steps, default=0.0)
    if not step:
        return None

    def joins(k, nearest):  # line k continues the row's columns, a step from the row's line `nearest`
        if not spans[k] or abs(ys[k] - ys[nearest]) > step * _WRAP_STEP:
            return False
        cols = [column_of(columns_, x, e) for x, e, _t in spans[k]]
        near = {column_of(columns_, x, e) for x, e, _t in spans[nearest]}
        return None not in cols and len(set(cols)) == len(cols) and set(cols) <= near
    block = list(block)
    while block[0] > floor and joins(block[0] - 1, block[0]) and not apart(ys[block[0] - 1], ys[block[0]], [
            (x, t) for x, _e, t in spans[block[0]]]):
        block.insert(0, block[0] - 1)
    while block[-1] + 1 < count and joins(block[-1] + 1, block[-1]) and not apart(ys[block[-1]], ys[block[-1] + 1], [
            (x, t) for x, _e, t in spans[block[-1] + 1]]):
        block.append(block[-1] + 1)
    texts = [""] * len(columns_)
    for k in block:
        seen = set()
        for x, e, t in spans[k]:
            n = column_of(columns_, x, e)
            if n is None or n in seen:
                return None
            seen.add(n)
            texts[n] = _join_wrapped(texts[n], t) if texts[n] else t
    return block, [(a, t) for (a, _b), t in zip(columns_, texts) if t]


def _line_step(lines, rows, apart=lambda _a, _b, _c: False) -> float:
    """The page's tightest line step within one column: the least drop from a line to the
    next line with a cell starting at the same x. Lines of two cells of one row are not
    always level (a Word table's cell with space after a paragraph sets its later lines
    lower than the next cell's), and the drop between two such lines is no line step. Nor
    is a drop across a drawn border (`apart`): the last line of a cell and the first of the
    cell below are two rows, however tight (a printed sheet's row too low for its wrapped
    text sets its last line on the border, a few points above the next row's first)."""
    ys = [line[0][0] for line in lines]
    last: list[tuple[float, float]] = []  # (column start, y of the latest line with a cell there)
    steps = []
    for y, cells in zip(ys, rows):
        for x, text in cells:
            if not text.strip():
                continue  # (an empty first cell set before cells a page break cut)
            k = next((n for n, (start, _y) in enumerate(last) if abs(start - x) <= _X_TOLERANCE), None)
            if k is None:
                last.append((x, y))
                continue
            if last[k][1] - y > 0 and not apart(last[k][1], y, [(x, text)]):
                steps.append(last[k][1] - y)
            last[k] = (x, y)
    if not steps:
        steps = [a - b for a, b in zip(ys, ys[1:]) if a - b > 0]
    return min(steps) if steps else 0.0


def _within(table, carry: Columns | None) -> bool:
    """Whether a page's table rows (fewer than `MIN_ROWS`) all start their cells at columns
    of the table the previous page ended with: that table's last rows, on this page."""
    if not table or not carry:
        return False
    starts = [carry[0], *carry[1]]
    return all(any(abs(x - s) <= _X_TOLERANCE for s in starts) for cells in table for x, _t in cells)


def _merged_down(cells, prev, one_step, ruled) -> list[float]:
    """The starts of the cells of the row above that are merged down over the row this line
    starts: the line is one step below a table row, a border is drawn above some of its
    cells (`ruled`: a row starts there) but under none of these filled cells of the row
    above. Empty when the line is not so."""
    if not prev or len(prev) < 2 or not one_step or not any(ruled(cell) for cell in cells):
        return []
    down = [c for c, t in prev if t and not ruled((c, t))]
    # a piece of the line under such a cell continues it; every other piece is under a border
    loose = [cell for cell in cells if not ruled(cell) and not any(abs(cell[0] - c) <= _X_TOLERANCE for c in down)]
    return [] if loose or len(cells) == len([c for c in cells if not ruled(c)]) else down


def _in_ruled_column(x: float, rules) -> bool:
    """Whether some border drawn across the page's lines spans x (a table's column)."""
    return any(x0 - _RULE_MARGIN <= x <= x1 + _RULE_MARGIN for _y, x0, x1 in rules)


# A heading is set at least this many times the page's median text size.
_HEADING_SIZE = 1.25
# A line that wrapped ended within this many of its ems of the text's right edge.
_WRAP_EDGE_EM = 1.5


def _join_wrapped_headings(lines, rows, size: float):
    """Lines with each heading that wrapped read as one line, and the (first line, rest)
    texts of those headings. A heading (a line of one cell, set larger than the page's
    text) that reaches the right edge of the page's text, followed a line step below by a
    line of the same size starting where it starts, wrapped there: a title
    「西区地域子育て支援拠点事業　5か」 / 「年のまとめ」 is one title again."""
    ends = [_end(piece) for line in lines for piece in line]
    right = max(ends) if ends else 0.0
    out, joined, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        while i + 1 < len(lines) and _wraps_into(line, rows[i], lines[i + 1], rows[i + 1], size, right):
            nxt = lines[i + 1]
            joined.append((rows[i][0][1], rows[i + 1][0][1]))
            shift = _end(line[-1]) - nxt[0][1]
            # the continuation runs on from the end of the first line, on its baseline
            line = line + [(line[0][0], x + shift, s, t, None if e is None else e + shift) for _y, x, s, t, e in nxt]
            i += 1
        out.append(line)
        i += 1
    return out, joined


def _wraps_into(line, cells, nxt, next_cells, size: float, right: float) -> bool:
    if len(cells) != 1 or len(next_cells) != 1:
        return False
    first, second = max(p[2] for p in line), max(p[2] for p in nxt)
    return (first >= _HEADING_SIZE * size and abs(first - second) <= 0.05 * first
            and 0 < line[0][0] - nxt[0][0] <= 1.6 * first
            and abs(line[0][1] - nxt[0][1]) <= _X_TOLERANCE
            and right - _end(line[-1]) <= _WRAP_EDGE_EM * first)


def _end(piece) -> float:
    _y, x, size, text, end = piece
    return end if end is not None else x + _width(text) * size


def _with_headings_joined(plain: str, headings: Headings) -> str:
    """The plain extraction with each wrapped heading's lines joined (see
    `_join_wrapped_headings`), where its two lines follow each other."""
    if not headings:
        return plain
    lines = plain.split("\n")
    for first, rest in headings:
        a, b = "".join(first.split()), "".join(rest.split())
        for k in range(len(lines) - 1):
            if "".join(lines[k].split()) == a and "".join(lines[k + 1].split()) == b:
                lines[k:k + 2] = [_join(lines[k].rstrip(), lines[k + 1].lstrip())]
                break
    return "\n".join(lines)


def _reading_frame(placed, segments=()) -> tuple[list[tuple[float, float, float, str, float | None]],
                                                 list[tuple[float, float, float]],
                                                 list[tuple[float, float, float]]]:
    """(y, x, size, text, end) of each piece as a reader sees the page: when most of the page's
    text runs up, down or upside down (a table turned by a quarter to fit the page, the
    page shown turned by /Rotate), positions are turned back so that lines run left to
    right and follow each other downwards. `end`: the x where the piece ends, when its
    fonts' widths measured it (None: estimated later). And the ruled `segments` that run
    along the lines so turned, as (y, x0, x1), and those that run across them (a table's
    upright borders, its walls), as (x, y0, y1)."""
    turns = Counter(q for q, *_rest in placed if q is not None)
    quarter = max(turns, key=lambda q: (turns[q], q == 0))

    def turned(y, x):
        if quarter == 1:  # text runs up the page: a line below is further right
            return -x, y
        if quarter == 2:
            return -y, -x
        if quarter == 3:  # text runs down the page: a line below is further left
            return x, -y
        return y, x

    out = []
    for _q, y, x, size, text, end in placed:
        y, x = turned(y, x)
        if end is not None:
            end_y, end = turned(end[1], end[0])
            # a run measured along the line it starts on, in its direction
            if end < x - _X_TOLERANCE or abs(end_y - y) > _Y_TOLERANCE * size:
                end = None
        out.append((y, x, size, text, end))
    rules, walls = [], []
    for x0, y0, x1, y1 in segments:
        (ya, xa), (yb, xb) = turned(y0, x0), turned(y1, x1)
        if abs(ya - yb) < 0.5 and abs(xa - xb) > 0.5:
            rules.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
        elif abs(xa - xb) < 0.5 and abs(ya - yb) > 0.5:
            walls.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))
    return out, rules, walls


# A table's border runs on past the cell's text by the cell's padding; an underline or a
# strike-through starts where its text starts.
_RULE_MARGIN = 1.0  # points
# A sheet printed fitted to the page shrinks its cells' padding with it (LibreOffice's print
# of a wide sheet on A4: the text 0.6 pt inside the cell's border): a border that runs this far
# past a cell's start, or more, is that cell's border.
_CELL_PAD = 0.3  # points
# A border drawn less than this share of the text size above a line's baseline runs through
# its letters (a sheet row too low for its wrapped text: the last line is set on the border).
_THROUGH_LETTERS = 0.6


# A row's top border lies within this many ems above its first line.
_ROW_TOP_EM = 1.5
# A table whose rows are ruled apart has at least this many borders of its width.
_RULED_ROWS = 4


def _bordered_row(rules, size: float):
    """Whether a line at y lies in the bordered row a table row opened at `top` (the row's
    first line, `prev` its cells): a border runs right above that first line's first cell
    (above a row a page break cut, only the first column's may be drawn) and another one
    somewhere below the line, none between them across the line's cells or the row's, and
    the table rules its rows apart (at least `_RULED_ROWS` borders of the upper one's
    width). Every line in between is a wrapped line of the row's cells, however its lines are
    spaced (a printed sheet's cell too low for its text sets lines closer, a cell of Latin
    letters sets them closer than one of Japanese) and whatever its first cell holds (a label
    wrapped over many lines in a narrow first column)."""
    if not rules:
        return lambda _top, _y, _prev, _cells: False
    rules = sorted(rules)
    ys = [r[0] for r in rules]

    def spans(rule, cells) -> bool:
        return all(rule[1] <= x - _CELL_PAD and rule[2] >= x + _CELL_PAD for x, _t in cells)

    widths: dict[tuple[float, float], int] = {}

    def width_of(rule) -> int:
        key = (rule[1], rule[2])
        if key not in widths:
            widths[key] = sum(1 for r in rules if abs(r[1] - rule[1]) <= _X_TOLERANCE
                              and abs(r[2] - rule[2]) <= _X_TOLERANCE)
        return widths[key]

    def in_cell(top, y, prev, cells) -> bool:
        if top is None or not cells or not prev or y >= top:
            return False
        lo, hi = bisect.bisect_right(ys, y), bisect.bisect_left(ys, top)
        above = None
        for r in rules[hi:]:
            if r[0] - top > _ROW_TOP_EM * size:
                break
            if r[0] > top and spans(r, prev[:1]):
                above = r
                break
        if above is None or width_of(above) < _RULED_ROWS:
            return False
        both = list(prev) + list(cells)
        if any(spans(r, [c]) for r in rules[lo:hi] for c in both):
            return False  # a border between: another row
        return any(r[0] < y and spans(r, cells) for r in reversed(rules[:lo]))

    return in_cell


def _rules_under_letters(rules, lines):
    """The drawn borders, each one that runs through the letters of a line (above its
    baseline, below the middle of its letters, across one of its pieces) moved to just under
    that line: it is the bottom of the cell that line ends, not a border cutting the line off
    its cell. A printed sheet whose row is too low for its wrapped text sets the cell's last
    line on the row's lower border (LibreOffice's print of a sheet fitted to the page)."""
    if not rules or not lines:
        return rules
    bases = sorted((line[0][0], line) for line in lines)
    ys = [b for b, _line in bases]
    out = []
    for y, x0, x1 in rules:
        k = bisect.bisect_left(ys, y) - 1  # the highest baseline below the border
        moved = y
        while k >= 0 and y - ys[k] < _THROUGH_LETTERS * max(p[2] for p in bases[k][1]):
            base, line = bases[k]
            if y > base and any(x0 < _end(p) and p[1] < x1 for p in line if p[3].strip()):
                moved = min(moved, base - 0.01)
            k -= 1
        out.append((moved, x0, x1))
    return out


def _ruled_apart(rules):
    """Whether a border is drawn between a line at y `above` and the next line down at
    `below`, across the start of one of the lower line's cells: the lines are in two rows,
    however close (a Word table's cells have no top or bottom margin by default)."""
    rules = sorted(rules)
    ys = [r[0] for r in rules]

    def apart(above: float, below: float, cells) -> bool:
        lo, hi = bisect.bisect_right(ys, below), bisect.bisect_left(ys, above)
        return any(x0 <= x - _CELL_PAD and x1 >= x + _CELL_PAD
                   for _y, x0, x1 in rules[lo:hi] for x, _t in cells)

    return apart


# A page in two columns of running text: each column at least this many lines, and at most
# this share of one column's paragraph starts level with a paragraph start of the other
# (a table's cells start together, row by row; two columns of text start paragraphs apart).
_TEXT_COLUMN_LINES = 4
_TEXT_COLUMN_LEVEL_SHARE = 0.5


# A list number set apart from its text by a tab (Word's list numbering: 「ア」, 「(1)」, 「１．」,
# 「重点目標①」), as the first piece of a line.
_LIST_MARKER = re.compile(r"^(?:[(（]?(?:[0-9０-９]{1,2}|[①-⑳]|[ア-ン]|[a-zａ-ｚ]|[一二三四五六七八九十]{1,3})[)）.．、]?"
                          # (a word before the number, not digits: 2023 is a year, no list number)
                          r"|[^\s0-9０-９]{1,6}?(?:[0-9０-９]{1,2}|[①-⑳])[.．、:：]?)$")


# A label sits at the foot of its cell (a sheet's default, its text cells set to the top): the
# labels below their texts, at least this many times.
_MIN_TRAILING_LABELS = 3
_LABEL_CHARS = 12


def _labels_under_their_text(lines, rules, size: float) -> list[str] | None:
    """A sheet printed without borders whose labels sit at the foot of their cells and texts at the
    top (Excel's default alignment is the foot; the text cells were set to the top): each label's
    line falls below its text's lines, nearer the next row's text than its own. Read as the sheet
    has them: the label, then its text. Taken so only where the page says which way the labels go:
    from the first text line on, the lines are runs of text lines at one column each followed by
    one short label at the column left of it (no sentence, no piece reaching the text column),
    three times or more, and the last label has no text under it; else None."""
    if rules or len(lines) < 2 * _MIN_TRAILING_LABELS:
        return None
    starts = [line[0][1] for line in lines]
    left = min(starts)
    text_starts = Counter(round(x) for x in starts if x > left + 2 * size)
    if not text_starts:
        return None
    column = text_starts.most_common(1)[0][0]
    kinds = []
    for line, x in zip(lines, starts):
        text = "".join(piece[3] for piece in line).strip()
        if (abs(x - left) <= _X_TOLERANCE and all(_end(piece) < column - size for piece in line)
                and 0 < len(text) <= _LABEL_CHARS and "。" not in text):
            kinds.append("L")
        elif abs(x - column) <= _X_TOLERANCE:
            kinds.append("R")
        else:
            kinds.append("O")
    if "R" not in kinds or "L" not in kinds:
        return None
    first = kinds.index("R")
    last = len(kinds) - 1 - kinds[::-1].index("L")
    body = "".join(kinds[first:last + 1])
    if "R" in kinds[last + 1:] or not re.fullmatch(r"(?:R+L){%d,}" % _MIN_TRAILING_LABELS, body):
        return None
    out = [_line_text(line) for line in lines[:first]]
    run: list[str] = []
    for line, kind in zip(lines[first:last + 1], kinds[first:last + 1]):
        if kind == "R":
            run.append(_line_text(line))
            continue
        out.append("".join(piece[3] for piece in line).strip())
        out.extend(run)
        run = []
    out.extend(_line_text(line) for line in lines[last + 1:])
    return out


def _numbered_paragraphs(rows) -> bool:
    """Numbered paragraphs, not a table: every line of two pieces is a list number and its
    text (Word's list numbering sets the number apart by a tab, and wraps the text back to the
    number's x, or under the text with a hanging indent). Read as text, each number stays on
    its paragraph's line (「(1) 取組内容」), as the Word file gives it; as a table's cells, the
    number would be a cell of its own and the heading after it no heading."""
    pairs = [cells for cells in rows if len(cells) > 1]
    return len(pairs) >= MIN_ROWS and all(len(cells) == 2 and _LIST_MARKER.match(cells[0][1].strip())
                                          for cells in pairs)


# Two columns of running text set on a line grid (Japanese Word's 行グリッド puts every line
# of both columns on the same baselines, paragraphs not spaced apart): nothing starts apart,
# but both columns are filled with wrapped lines, line for line, and no border runs between
# the lines as between a table's rows. Lines of at least this share of a column's widest
# line count as filled; at least `_FILLED_SHARE` of each column's lines are, one column of
# at least `_FILLED_LINES` lines, and the columns are about as wide as each other.
_FILLED_WIDTH = 0.8
_FILLED_SHARE = 0.6
_FILLED_LINES = 8
_COLUMN_WIDTH_RATIO = 0.6
# ... and a column of running text holds at least this many characters a line (a table's
# narrow cells continued at a page's top, two characters a line, are no text columns).
_FILLED_MIN_EM = 12


def _text_columns(lines, rows, rules=()) -> list[str] | None:
    """The lines of a page set in two columns of running text (a newsletter-like report:
    goal 1 on the left, goal 2 on the right), read column after column: the lines
    above the columns, the left column, the right column, the lines below. None when
    the page is not so laid out (no line has two pieces, or the pieces start level like
    a table's cells)."""
    double = [i for i, cells in enumerate(rows) if len(cells) >= 2]
    if not double or any(len(rows[i]) != 2 for i in double):
        return None
    right = min(rows[i][1][0] for i in double)
    if any(abs(rows[i][1][0] - right) > _X_TOLERANCE for i in double):
        return None
    left = min(rows[i][0][0] for i in double)
    first, last = double[0], double[-1]

    def in_band(i):  # a line of one piece, in the left or the right column
        return len(rows[i]) == 1 and (abs(rows[i][0][0] - left) <= _X_TOLERANCE
                                      or abs(rows[i][0][0] - right) <= _X_TOLERANCE)

    while first > 0 and in_band(first - 1):
        first -= 1
    while last + 1 < len(rows) and in_band(last + 1):
        last += 1
    left_lines: list[tuple[float, str]] = []
    right_lines: list[tuple[float, str]] = []
    for i in range(first, last + 1):
        y = lines[i][0][0]
        for x, text in rows[i]:
            (right_lines if x >= right - _X_TOLERANCE else left_lines).append((y, text))
    if min(len(left_lines), len(right_lines)) < _TEXT_COLUMN_LINES:
        return None
    ys = sorted({y for y, _t in left_lines + right_lines}, reverse=True)
    step = min((a - b for a, b in zip(ys, ys[1:]) if a - b > 0), default=0.0)
    if not step:
        return None

    def starts(column, x):
        # a paragraph starts a step and more below the line above, or under a border drawn
        # across the column between them (a table's rows, as close as its wrapped lines)
        found, above = [], None
        for y, _text in column:
            if (above is None or above - y > step * _WRAP_STEP
                    or any(y < ry < above and x0 <= x <= x1 for ry, x0, x1 in rules)):
                found.append(y)
            above = y
        return found

    left_starts, right_starts = starts(left_lines, left), starts(right_lines, right)
    level = sum(1 for y in left_starts if any(abs(y - z) <= step * _Y_TOLERANCE for z in right_starts))
    if (level > _TEXT_COLUMN_LEVEL_SHARE * min(len(left_starts), len(right_starts))
            and _off_grid(left_lines, right_lines) < max(
                _TEXT_COLUMN_LINES, _OFF_GRID_SHARE * (len(left_lines) + len(right_lines)))
            and not _filled_on_a_grid(left_lines, right_lines, rules, left, right)):
        return None
    text = [cells[0][1] if len(cells) == 1 else "\t".join(t for _x, t in cells) for cells in rows]
    return (text[:first] + [t for _y, t in left_lines] + [""] + [t for _y, t in right_lines]
            + text[last + 1:])


def _filled_on_a_grid(left_lines, right_lines, rules, left: float, right: float) -> bool:
    """Two columns of running text on one line grid (see `_FILLED_WIDTH`): where both columns
    have lines (a title across the page above them, a column's last lines below the other's
    end are neither's test), each column's lines mostly filled to its width, the columns
    about as wide, and no border drawn across the gap between them (a table's rows are ruled)."""
    # (the last page's right column may hold only the text's last lines)
    if max(len(left_lines), len(right_lines)) < _FILLED_LINES or min(len(left_lines), len(right_lines)) < 2:
        return False
    top = min(max(y for y, _t in left_lines), max(y for y, _t in right_lines))
    bottom = max(min(y for y, _t in left_lines), min(y for y, _t in right_lines))
    widths = []
    for column in (left_lines, right_lines):
        ems = [_width(t) for y, t in column if bottom <= y <= top]
        widest = max(ems)
        if widest < _FILLED_MIN_EM or sum(1 for w in ems if w >= _FILLED_WIDTH * widest) < _FILLED_SHARE * len(ems):
            return False
        widths.append(widest)
    if min(widths) < _COLUMN_WIDTH_RATIO * max(widths):
        return False
    return not any(bottom < y < top and x0 < right and x1 > left for y, x0, x1 in rules)


# Two columns of running text whose paragraphs are not spaced apart (no paragraph start
# to compare) still flow apart: a heading set larger in one column moves its lines off the
# other column's baselines. At least this share of the lines so placed tells them.
_OFF_GRID_SHARE = 0.04
_OFF_GRID_EACH = 2


def _off_grid(left_lines, right_lines) -> int:
    """Lines of one column lying between two lines of the other that are at most two text
    lines apart (running text there too, not a table's label column), level with neither:
    a table's cells in one row share their baselines."""

    def median_gap(column):
        ys = sorted(y for y, _t in column)
        gaps = sorted(b - a for a, b in zip(ys, ys[1:]) if b - a > 0)
        return gaps[len(gaps) // 2] if gaps else None

    steps = [g for g in (median_gap(left_lines), median_gap(right_lines)) if g]
    if not steps:
        return 0
    step = min(steps)  # the text's line step
    counts = []
    for mine, other in ((left_lines, right_lines), (right_lines, left_lines)):
        ys = sorted(y for y, _t in other)
        count = 0
        for y, _t in mine:
            k = bisect.bisect_left(ys, y)
            if k == 0 or k == len(ys):
                continue
            below, above = ys[k - 1], ys[k]
            if above - below <= step * 2 and min(y - below, above - y) > step * _Y_TOLERANCE:
                count += 1
        counts.append(count)
    # each column's lines off the other's: a table's labels centred beside a long cell are off
    # its baselines, but the cell's lines are never off the labels'
    return sum(counts) if min(counts) >= _OFF_GRID_EACH else 0


def _last_table_columns(rows) -> Columns | None:
    """(first x, later xs) of the last run of table rows."""
    end = len(rows)
    while end and len(rows[end - 1]) < 2:
        end -= 1
    start = end
    while start and len(rows[start - 1]) > 1:
        start -= 1
    block = rows[start:end]
    if not block:
        return None
    later: list[float] = []
    for row in block:
        for x, _text in row[1:]:
            if not any(abs(x - s) <= _X_TOLERANCE for s in later):
                later.append(x)
    return min(row[0][0] for row in block), later


def _continued_from_previous_page(rows: list[list[tuple[float, str]]], table: Columns | None) -> bool:
    """Lines above the page's first line that fills the table's first column,
    whose pieces all start at later columns of the table: cells that a page
    break cut, continued here. They become rows with an empty first cell, which
    continue the row above (see `join_cut_rows`). Whether there were any."""
    if not table:
        return False
    first_x, later = table
    found = False
    for i, cells in enumerate(rows):
        if not cells:
            continue
        if cells[0][0] <= first_x + _X_TOLERANCE:
            break  # the first row that fills the first column
        if all(any(abs(x - start) <= _X_TOLERANCE for start in later) for x, _text in cells):
            rows[i] = [(first_x, "")] + cells
            found = True
    return found


def _centred_labels(rows, ys: list[float], first_x: float, apart=lambda _a, _b, _c: False):
    """Rows, their ys and the step of a text line (None when nothing was merged) with each row whose label is centred vertically beside its wrapped
    text (a Word table saved as PDF: the label sits level with the second of three lines, or
    between two) read as one row: the label, then each column's lines joined in order. A
    row is a block of lines each within a text line's step of the one above (rows are
    apart by their cells' padding); it is merged only when exactly one of its lines has a
    piece in the first column and that line is not the block's first (a label at the top
    of its cell is read as before). A border drawn between two lines (`apart`) ends a block."""
    def shares_text_column(a, b):
        return any(abs(x - z) <= _X_TOLERANCE for x, _t in a if x > first_x + _X_TOLERANCE for z, _u in b)

    gaps = [ys[i - 1] - ys[i] for i in range(1, len(rows))
            if ys[i - 1] - ys[i] > 0 and shares_text_column(rows[i], rows[i - 1])]
    if not gaps:
        return rows, ys, None
    step = min(gaps)
    out_rows, out_ys, merged = [], [], False
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and 0 < ys[j - 1] - ys[j] <= step * _WRAP_STEP and not apart(ys[j - 1], ys[j], rows[j]):
            j += 1
        block = rows[i:j]
        labelled = [k for k, cells in enumerate(block) if any(abs(x - first_x) <= _X_TOLERANCE for x, _t in cells)]
        if len(block) < 2 or len(labelled) != 1 or labelled[0] == 0:
            out_rows.extend(block)
            out_ys.extend(ys[i:j])
            i = j
            continue
        label = next(t for x, t in block[labelled[0]] if abs(x - first_x) <= _X_TOLERANCE)
        columns: list[tuple[float, str]] = []
        for cells in block:
            for x, text in cells:
                if abs(x - first_x) <= _X_TOLERANCE:
                    continue
                k = next((n for n, (start, _t) in enumerate(columns) if abs(start - x) <= _X_TOLERANCE), None)
                if k is None:
                    columns.append((x, text))
                else:
                    columns[k] = (columns[k][0], _join_wrapped(columns[k][1], text))
        out_rows.append([(first_x, label), *sorted(columns)])
        out_ys.append(ys[i])
        merged = True
        i = j
    return (out_rows, out_ys, step) if merged else (rows, ys, None)


# A text cell whose line ends at least this far (in ems) before the next column's start was
# not wrapped by width (a label column's padding can be as wide as two or three ems).
_SHORT_EM = 4.0


def _next_full_row(cells, prev, size: float) -> bool:
    """In a table of a label column and two or more text columns whose lines are all one
    step apart (so spacing cannot tell rows from wrapped lines), a line with a label and a
    piece in every column of the line above, whose text cells above (but the last) all
    ended far short of the next column — so none was wrapped by width: the next row of a
    table of one-line rows (a sheet printed from Excel, labels centred in their cells),
    not a wrapped line."""
    if len(prev) < 3 or len(cells) != len(prev) or not prev[0][1] or not cells[0][1]:
        return False
    for (x, text), (following, _t) in zip(prev[1:], prev[2:]):
        if not text or following - (x + _width(text) * size) < _SHORT_EM * size:
            return False
    return True


def _header_then_row(cells, prev, size: float) -> bool:
    """A table's first line of three or more short labels (重点目標 | 取組内容 | 成果 | 課題 |
    評価, a sheet printed to PDF with its rows as close as its wrapped lines), each ending
    far short of the next column, and under it a line with a piece in each of its columns: the
    header, then the first row — not a header whose labels wrapped."""
    if len(prev) < 3 or len(cells) != len(prev) or any(_width(t) > _SHORT_LABEL_EM for _x, t in prev):
        return False
    return all(following - (x + _width(text) * size) >= _SHORT_EM * size
               for (x, text), (following, _t) in zip(prev, prev[1:]))


def _next_labelled_row(cells, prev, above, right: dict, label_width: float, size: float) -> bool:
    """In a table of a label column and one text column (a Word sheet of 目標 | 取組内容 | 達成
    状況 rows saved as PDF, its rows as close as its wrapped lines), a line with a label and
    text, under a labelled row whose last line (`above`) was not wrapped by width — it ends a
    sentence or stops short of the column's right edge, or its label was shorter than the
    column's widest (`label_width`, in ems) so the label did not wrap: the next row, not a
    wrapped line."""
    if (not label_width or len(prev) != 2 or len(cells) != 2 or not prev[0][1]
            or abs(cells[0][0] - prev[0][0]) > _X_TOLERANCE):
        return False
    x, text = above[-1]
    label_x, label = above[0]
    if (len(above) == 2 and abs(label_x - prev[0][0]) <= _X_TOLERANCE
            and _width(label) <= _SHORT_LABEL_EM and _width(label) + 1 <= label_width):
        return True  # a short label beside the line above, narrower than the column's labels: not wrapped
    return text.rstrip().endswith("。") or right.get(_column_key(x), x) - (x + _width(text) * size) >= _SHORT_EM * size


# A section label (目標, 取組内容, 達成状況) is this many ems at most.
_SHORT_LABEL_EM = 6.0


def _column_key(x: float) -> float:
    return round(x / (2 * _X_TOLERANCE))


def _column(x: float, row) -> int:
    """Index of the cell of `row` whose start is the nearest at or left of x."""
    best = 0
    for k, (start, _text) in enumerate(row):
        if start <= x + _X_TOLERANCE:
            best = k
    return best


def _fits(cells, prev) -> bool:
    """Whether every piece of a line starts where a cell of `prev` starts."""
    return all(any(abs(x - start) <= _X_TOLERANCE for start, _t in prev) for x, _text in cells)


def _aligned(rows, extra_starts: list[float] | None = None, near: list[bool] | None = None) -> list[str]:
    """Lines; in a block of consecutive table rows, each cell goes to its
    column (by x) and skipped columns become empty cells (a line of one cell at a later
    column of the block, right under it (`near`), is a row of it too). `extra_starts`: the
    columns of a table continued from the previous page (for the first block)."""
    out: list[str] = []
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            out.append(rows[i][0][1] if rows[i] else "")
            i += 1
            continue
        j = i
        while j < len(rows) and (len(rows[j]) > 1 or (near is not None and near[j]
                                                      and _in_later_column(rows[j], rows[i:j]))):
            j += 1
        starts: list[float] = []
        for x in extra_starts or []:  # only the first block continues the previous page's table
            if not any(abs(x - s) <= _X_TOLERANCE for s in starts):
                starts.append(x)
        extra_starts = None
        for row in rows[i:j]:
            for x, _text in row:
                if not any(abs(x - s) <= _X_TOLERANCE for s in starts):
                    starts.append(x)
        starts.sort()
        for row in rows[i:j]:
            cells = [""] * len(starts)
            for x, text in row:
                k = min(range(len(starts)), key=lambda c: abs(starts[c] - x))
                cells[k] = _join(cells[k], text) if cells[k] else text
            while cells and not cells[-1]:
                cells.pop()
            out.append("\t".join(cells))
        i = j
    return out


def _in_later_column(row, block) -> bool:
    """A line of one cell under a block of table rows, starting where a later column of
    the block starts (a ✓ under 「できた」): a row of the table with its first cells empty."""
    if len(row) != 1 or not block:
        return False
    first = min(cells[0][0] for cells in block)
    x = row[0][0]
    return x > first + _X_TOLERANCE and any(abs(x - start) <= _X_TOLERANCE for cells in block for start, _t in cells[1:])


def _lines(pieces, gaps: list | None = None):
    """The pieces grouped into lines by baseline, top down, each left to right (a piece drawn
    in another's gap set into it, `_into_gaps`: the lines where that happened are added to
    `gaps`)."""
    pieces.sort(key=lambda p: (-p[0], p[1]))
    lines: list[list[tuple[float, float, float, str]]] = []
    for piece in pieces:
        if lines and abs(lines[-1][0][0] - piece[0]) <= _Y_TOLERANCE * piece[2]:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    out = []
    for line in lines:
        count = len(line)
        line = _into_gaps(line)
        if gaps is not None and len(line) != count:
            gaps.append(line)
        line.sort(key=lambda p: p[1])
        # a drawn space only counts between two pieces of text
        while line and not line[0][3].strip():
            line.pop(0)
        while line and not line[-1][3].strip():
            line.pop()
        if line:
            out.append(line)
    return out


def _into_gaps(line):
    """A line's pieces with each piece drawn inside the measured run of another, where that
    run's text has a space (a gap kerned into one text-showing operation), set into that
    gap: LibreOffice draws 「ある。 ○双子の…」 as the Japanese run 「ある。 双子の…」 with a gap,
    and the ○ of a symbol font in it — read by start, the ○ came after the whole run."""
    pieces = list(line)
    for _round in range(len(pieces)):
        split = None
        for a in pieces:
            _y, x, size, text, end = a
            if end is None or " " not in text.strip():
                continue
            for b in pieces:
                if b is a or not b[3].strip() or not x + 0.5 * size < b[1] < end - 0.5 * size:
                    continue
                gaps = [(abs(x + _width(text[:k]) * size - b[1]), k) for k, ch in enumerate(text) if ch == " " and k]
                off, k = min(gaps, default=(size, 0))
                if off < size:
                    after = b[4] if b[4] is not None else b[1] + _width(b[3]) * size
                    split = (a, [(_y, x, size, text[:k], b[1]), (_y, after, size, text[k + 1:], end)])
                    break
            if split:
                break
        if not split:
            return pieces
        pieces.remove(split[0])
        pieces.extend(piece for piece in split[1] if piece[3])
    return pieces


def _column_starts(lines) -> list[float]:
    """x positions where pieces start on at least two lines: column edges."""
    seen: list[tuple[float, set[int]]] = []
    for n, line in enumerate(lines):
        for _y, x, _size, text, _end in line:
            if not text.strip():
                continue
            for start, on in seen:
                if abs(start - x) <= _X_TOLERANCE:
                    on.add(n)
                    break
            else:
                seen.append((x, {n}))
    return [start for start, on in seen if len(on) >= 2]


def _cells(line, columns: list[float], walls=()) -> list[tuple[float, str]]:
    """A line's pieces grouped into cells: a piece starts a new cell when the
    gap before it is wide, or when it starts at a column edge after some
    visible space, or when a table's upright border (of `walls`) is drawn in the gap before
    it. A piece's end is measured with its fonts' widths where they can be
    read (else estimated from character classes); a space drawn as a glyph of its own
    (LibreOffice draws them apart) fills the gap it stands in: text runs on across it."""
    return [(x, t) for x, _end, t in _cell_spans(line, columns, walls)]


def _walls_across(line, walls) -> list[float]:
    """The xs of the upright borders drawn across a line's letters."""
    if not walls or not line:
        return []
    y, size = line[0][0], max(piece[2] for piece in line)
    middle = y + 0.35 * size
    return [x for x, y0, y1 in walls if y0 <= middle <= y1]


def _cell_spans(line, columns: list[float], walls=()) -> list[tuple[float, float, str]]:
    """`_cells`, each cell as (start, end, text)."""
    cells: list[tuple[float, str]] = []
    ends: list[float] = []
    end = None
    across = _walls_across(line, walls)
    for piece in line:
        _y, x, size, text, _e = piece
        gap = x - end if end is not None else None
        # a border drawn between the text before and this piece: a cell of its own, however
        # close (a sheet printed fitted to the page leaves a cell's text 0.9 pt from the next)
        walled = gap is not None and any(end - _CELL_PAD <= wx <= x + _CELL_PAD for wx in across)
        if not text.strip():
            if cells and gap is not None and gap <= GAP_EM * size:
                if not cells[-1][1][-1:].isspace():
                    cells[-1] = (cells[-1][0], cells[-1][1] + " ")
                # a justified or ideographic space can be set wider than its glyph: up to an em
                end = max(end, _end(piece), x + size)
            continue
        at_column = any(abs(x - c) <= _X_TOLERANCE for c in columns)
        bullet = bool(cells) and cells[-1][1].strip() in pdf_fonts.LIST_BULLETS
        if (gap is not None and gap <= GAP_EM * size and not walled
                and (bullet or not (at_column and gap > _MIN_GAP_EM * size))):
            cells[-1] = (cells[-1][0], cells[-1][1] + text)
        else:
            # (a piece's own trailing space stays: LibreOffice draws 「2 」 and 「子育て相談事業」 as
            # two pieces, and 「2子育て相談事業」 is no programme heading; cells are stripped below)
            cells.append((x, text.lstrip()))
            ends.append(x)
        end = _end(piece)
        ends[-1] = max(ends[-1], end)
    return [(x, e, t.strip()) for (x, t), e in zip(cells, ends) if t.strip()]


def _width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.55 for c in text)


def _join(a: str, b: str) -> str:
    """Two pieces of one cell: a space only between two Latin words (a number
    wrapped in the middle, 「140」「5件」, or Japanese text joins without one)."""
    if not a or not b:
        return a + b
    x, y = a[-1], b[0]
    latin = x.isascii() and x.isalnum() and y.isascii() and y.isalnum()
    return f"{a} {b}" if latin and not (x.isdigit() and y.isdigit()) else a + b


# A wrapped line of a cell that starts a new item (bullet, ①, (1), 1.): the cell's
# paragraphs, which the cleaning splits into items at a space before such a mark.
_ITEM_START = re.compile(r"^[・●○◆■□◇※①-⑳]|^[(（][0-9０-９]{1,2}[)）]|^[0-9０-９]{1,2}[.．](?![0-9０-９])")


def _join_wrapped(a: str, b: str) -> str:
    """A cell's text and its next line: a new item keeps a space before it."""
    mark = _ITEM_START.match(b)
    if a and mark and b[mark.end():].strip():  # a lone 「①」 ends a wrapped label: 重点目標 / ①
        return f"{a} {b}"
    return _join(a, b)


# --- rows cut by a page break --------------------------------------------------------

# A first cell this long (or an item: ②相談者に寄り添い…) that does not end a sentence
# was cut mid-text (a label cell -- 取組内容, 目指す拠点の姿 -- is short).
_CUT_MIN_CHARS = 20
# a figure with its unit, a cell a page break does not cut: 「285件」, 「1,146人」, 「33%」, 「5か所」
_FIGURE = re.compile(r"[0-9０-９][0-9０-９,，.．]*\s*[^\s0-9０-９]{0,2}")
_ENDS_SENTENCE = re.compile(r"[。．！？!?」』）)]$")


def join_cut_rows(pages: list[str | None]) -> list[str | None]:
    """Pages with a table row that a page break cut joined back into one row.

    When a page ends with a table row and the next page starts with a table
    row that continues it -- each of its cells goes on a cut cell (not empty, not
    a lone mark, no sentence end), and its first cell is empty or the cut first
    cell is a long text or an item and the next one does not start a new item --
    the cells are joined column by column
    and the continuation leaves the next page.
    """
    out = list(pages)
    prev_index = None
    for i, text in enumerate(out):
        if not text:
            continue
        if prev_index is not None:
            above = out[prev_index].split("\n")
            below = text.split("\n")
            a = max((k for k, line in enumerate(above) if line.strip()), default=None)
            b = next((k for k, line in enumerate(below) if line.strip()), None)
            if a is not None and b is not None and _repeated_header(out[:i], below, b, above[a]):
                # the table's header row repeated at the page's top (Excel's print titles, a
                # Word table's repeated header) stands between the cut row and its rest
                below = below[:b] + below[b + 1:]
                text = out[i] = "\n".join(below)
                b = next((k for k, line in enumerate(below) if line.strip()), None)
            if a is not None and b is not None and _closes_first_cell(above[a], below[b]):
                cells = above[a].split("\t")
                above[a] = "\t".join([_join(cells[0], below[b].strip()), *cells[1:]])
                out[prev_index] = "\n".join(above)
                out[i] = "\n".join(below[:b] + below[b + 1:])
            elif a is not None and b is not None and _continues_row(above[a], below[b]):
                cut, more = above[a].split("\t"), below[b].split("\t")
                cut += [""] * (len(more) - len(cut))
                above[a] = "\t".join(_join(c, m) if c and m else c or m for c, m in zip(cut, more + [""] * len(cut)))
                out[prev_index] = "\n".join(above)
                out[i] = "\n".join(below[:b] + below[b + 1:])
        prev_index = i
    return out


def _repeated_header(earlier: list[str | None], below: list[str], b: int, cut: str) -> bool:
    """Whether the page's first line `below[b]` is a table's header row printed again: a row
    of two cells or more that an earlier page holds as it is (spaces aside), and the line after
    it goes on the row the previous page's foot cut (`_continues_row`)."""
    line = below[b]
    if "\t" not in line or sum(1 for c in line.split("\t") if c.strip()) < 2:
        return False
    nxt = next((k for k in range(b + 1, len(below)) if below[k].strip()), None)
    if nxt is None or not (_continues_row(cut, below[nxt]) or _closes_first_cell(cut, below[nxt])):
        return False
    key = "".join(line.split())
    return any(key == "".join(other.split()) for page in earlier if page for other in page.split("\n"))


_OPENING = "(（「『［["
_CLOSING = ")）」』］]"


def _bracket_depth(text: str) -> int:
    return sum(1 for c in text if c in _OPENING) - sum(1 for c in text if c in _CLOSING)


def _closes_first_cell(cut: str, line: str) -> bool:
    """A page-top line with no other cells that closes a bracket the cut row's
    first cell left open (「出前合同育児講座共催 (R3年度はコロナ禍で小規模多」 /
    「回数実施)」): the rest of that cell, wrapped onto the next page."""
    if "\t" not in cut or "\t" in line.strip():
        return False
    depth = _bracket_depth(cut.split("\t")[0])
    return depth > 0 and _bracket_depth(line) < 0


def _continues_row(cut: str, line: str) -> bool:
    if "\t" not in cut or "\t" not in line:
        return False
    cut_cells, cells = cut.split("\t"), line.split("\t")
    if len(cells) > len(cut_cells):
        return False
    pairs = [(c.strip(), m.strip()) for c, m in zip(cut_cells, cells) if m.strip()]
    # every cell that goes on was cut mid-text: not empty, not a lone mark (a grade 「A」),
    # no sentence end, no whole figure (「285件」, 「1,251」) -- a new table's header row
    # (「」「」「法人」「区」, 「」「R4年度」「R5年度」) continues nothing
    if not pairs or any(len(c) < 2 or _ENDS_SENTENCE.search(c) or _FIGURE.fullmatch(c) for c, _m in pairs):
        return False
    if not cells[0].strip():
        return True
    first = cut_cells[0].strip()
    sentence = len(first) >= _CUT_MIN_CHARS or (_ITEM_START.match(first) and len(first) > 2)
    return bool(sentence and not _ITEM_START.match(cells[0].strip()))
