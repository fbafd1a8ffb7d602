"""Rows whose section labels and texts are not laid out one label per row.

A one-cell row holding several sections (（取組）…。（成果）…。 run on after each
sentence, or a Word form's nested table with 取組内容 / 取組の成果 as items of one cell)
is split into one row per label (`run_on_labels`; `rows_by_label` gives a reader the rows
to read, each with its heading); a run of bare labels followed by as
many text lines (a PDF table's label column extracted before its text column) is
paired label by label (`labels_then_values`). `labelled_item` tells an item that opens
with its own section label and text (【課題】オンラインを…).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import headings
from .blocks import YEARLY_SECTIONS, row_heading
from .clean import Row

# A section label in brackets run on after a sentence: 「…設けた。（成果）外国に…」 (〈課題〉, 《課題》, ＜課題＞
# alike), or a
# label and a colon: 「成果：…増えた。課題：…いない。」.
# A label in lenticular brackets marks a label wherever it stands: 「…ひろばにする【取組内容】受付で…」
# (a goal and its sections run together by a PDF's joined lines).
_RUN_ON_LABEL = re.compile(r"(?<=[。．])[ \u3000]*(?=[（(【〔［\[〈《＜<][^（()）【】〔〕［］\[\]〈〉《》＜＞<>]{1,12}[）)】〕］\]〉》＞>]"
                           r"|[^\s。．、（()）【】〔〕［］\[\]:：]{1,12}[:：])"
                           r"|(?<=[^\s。．【】])[ \u3000]*(?=【[^【】]{1,12}】)")


# The bullets a label glued to the sentence before it keeps (clean splits 「。□取組内容」 there).
_GLUED_MARKS = "・●○■□◆◇"


def _ends_sentence(text: str) -> bool:
    """Whether an item ends a sentence (。 or ．)."""
    return text.rstrip(" \u3000").endswith(("。", "．"))


def run_on_labels(row: Row) -> list[Row] | None:
    """A one-cell row holding several sections, each opened by a bracketed label after the
    previous one's sentence — or each an item of the cell (a Word form's nested table:
    重点目標１ … <br> 取組内容 … <br> 取組の成果 …): the row split at those labels (None
    when it has none)."""
    if len(row.filled_cells) == 2:
        return _combined_cell(row)
    if len(row.filled_cells) != 1:
        return None
    items = row.items
    if len(items) > 1:
        # (a label run on at an item's end, as a PDF joins a cell's paragraphs — …つながっている。〈課題〉
        # / ・まだまだ… —, is an item of its own)
        items = [part for item in items for part in run_on_parts(item)]
        # a label with its text (取組内容 地区ごとの…), or a bare label with its text on the
        # next line of the cell (取組内容 / ひろばに相談コーナーを…)
        cuts = [i for i, item in enumerate(items)
                if i and (labelled_item(item) or (i + 1 < len(items) and _bare_section_label(item)))]
        if (not cuts and len(items) >= 2 and _ends_sentence(items[-2]) and items[-1][:1] in _GLUED_MARKS
                and _bare_section_label(items[-1])):
            # …運営します。□取組内容: a sentence and the label of the lines below run together
            # (a mail client re-wrapped the line): the sentence, then the label alone
            return [Row([items[:-1]], row.start, row.end, row.source), Row([items[-1:]], row.start, row.end, row.source)]
        if not cuts or (headings.heading_key(items[0]) is None and len(items) == len(row.items)):
            return None
        bounds = [0, *cuts, len(items)]
        return [Row([items[a:b]], row.start, row.end, row.source) for a, b in zip(bounds, bounds[1:])]
    text = items[0]
    cuts = [m.end() for m in _RUN_ON_LABEL.finditer(text)
            if (h := headings.heading_key(text[m.end():])) is not None and h.key in YEARLY_SECTIONS]
    first = headings.heading_key(text)
    if not cuts:
        return None
    if first is None:
        # a line going on the section above (a PDF row continued from the page before: an empty
        # label cell, the text in the next) with the next section's label run on after a sentence
        # (…つながっている。〈課題〉 ・まだまだ…): the words before the label, then each labelled part
        bounds = [0, *cuts, len(text)]
        return [Row([[text[a:b].strip()]], row.start, row.end, row.source) for a, b in zip(bounds, bounds[1:])]
    inner = headings.heading_key(first.rest) if first.rest else None
    if inner is not None and inner.key in YEARLY_SECTIONS and inner.rest and text.endswith(first.rest):
        # 【成果・課題】成果：…。課題：…。: the combined label, then each part's own label
        cuts.insert(0, len(text) - len(first.rest))
    bounds = [0, *cuts, len(text)]
    return [Row([[text[a:b].strip()]], row.start, row.end, row.source) for a, b in zip(bounds, bounds[1:])]


def _combined_cell(row: Row) -> list[Row] | None:
    """A label | text row whose label holds two sections (成果と課題 | 【成果】…<br>【課題】…, or
    with each part's label on an item of its own: 成果と課題 | 【成果】<br>…<br>【課題】<br>…):
    the text cell split at its items' own labels, each part a row of its own (None when
    the text names no other section than its label)."""
    label, items = row.filled_cells
    h = headings.heading_key(" ".join(label))
    # (a label run on after a sentence, as a PDF joins a cell's paragraphs, is cut off)
    items = [part for item in items for part in run_on_parts(item)]
    if h is None or h.key not in YEARLY_SECTIONS or h.rest or len(items) < 2:
        return None
    # an item opening a section: with its own text (【課題】オンラインを…), or a bare label
    # whose text is the items below it (【課題】 / ●オンラインを…)
    opens = [labelled_item(item) or (_section_label_key(item) if i + 1 < len(items) else None)
             for i, item in enumerate(items)]
    cuts = [i for i, key in enumerate(opens) if key]
    if not any(opens[i] != h.key for i in cuts):
        return None
    pieces = [Row([label, items[:cuts[0]]], row.start, row.end, row.source)] if cuts[0] else []
    bounds = [*cuts, len(items)]
    pieces += [Row([items[a:b]], row.start, row.end, row.source) for a, b in zip(bounds, bounds[1:])]
    return pieces


def run_on_parts(text: str) -> list[str]:
    """A cell's text cut before each section label run on after a sentence (a PDF cell whose
    paragraphs were joined: 「…つながった。【課題】①②妊娠期…」): the parts, each but the first
    opening with its label; [text] when it holds none."""
    cuts = [m.end() for m in _RUN_ON_LABEL.finditer(text)
            if m.end() > 0 and (h := headings.heading_key(text[m.end():])) is not None and h.key in YEARLY_SECTIONS]
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [part for a, b in zip(bounds, bounds[1:]) if (part := text[a:b].strip())]


def rows_by_label(row: Row) -> Iterator[tuple[Row, headings.Heading | None]]:
    """The rows a structure reader reads for one cleaned row, each with its heading: the
    row itself, or, for a row holding several sections (`run_on_labels`: （取組）…。（成果）…。
    （課題）…。 on one line), each label and its text in turn, each split again."""
    pieces = run_on_labels(row)
    if not pieces:
        yield row, row_heading(row)
        return
    for piece in pieces:
        yield from rows_by_label(piece)


def labels_then_values(rows: list[Row]) -> list[Row]:
    """Rows with a run of bare section labels followed by as many text lines (取組内容 /
    取組の成果 / 取組の課題 / text / text / text: a PDF table's label column extracted before
    its text column) paired label by label; other rows as they are. The run must be of at
    least two labels and the count of text lines up to the next blank line, heading or
    end must match it exactly (an empty section followed by the next label stays as it is)."""
    def bare_label(row):
        h = row_heading(row) if row.cells else None
        return h.key if h is not None and h.key in YEARLY_SECTIONS and not h.rest \
            and len(row.filled_cells) == 1 else None

    out: list[Row] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and bare_label(rows[j]):
            j += 1
        k = j
        while k < len(rows) and rows[k].cells and row_heading(rows[k]) is None and len(rows[k].filled_cells) == 1:
            k += 1
        if j - i >= 2 and k - j == j - i:
            for label, value in zip(rows[i:j], rows[j:k]):
                out.append(Row([[label.first], *value.cells], label.start, value.end, value.source))
            i = k
            continue
        out.append(rows[i])
        i += 1
    return out


def holds_sections(text: str) -> bool:
    """Whether a text holds a section label in lenticular brackets after its start
    (重点目標１…【取組内容】…【成果】…): a goal block, not a goal's text alone."""
    return any((h := headings.heading_key(text[m.start():])) is not None and h.key in YEARLY_SECTIONS
               for m in re.finditer(r"【[^【】]{1,12}】", text) if m.start() > 0)


def _bare_section_label(text: str) -> bool:
    return _section_label_key(text) is not None


def _section_label_key(text: str) -> str | None:
    """The section a bare label (【課題】, ■成果, 取組内容) names, else None."""
    h = headings.heading_key(text)
    return h.key if h is not None and h.key in YEARLY_SECTIONS and not h.rest else None


def labelled_item(text: str) -> str | None:
    """The section an item opens with its own label and text (【課題】オンラインを…,
    取組内容 地区ごとの…): its heading key, else None."""
    h = headings.heading_key(text)
    return h.key if h is not None and h.key in YEARLY_SECTIONS and h.rest else None


def _label_pairs(row: Row) -> dict[int, str] | None:
    """The label columns of a row of label | text pairs only (取組内容 | … | 取組の成果 | …): column
    -> the key of the goal or section its cell names bare, each with text in the next column; None
    when fewer than two, or when a filled cell is neither a label nor the text right after one."""
    bare = {}
    for i, cell in enumerate(row.cells):
        h = headings.heading_key(" ".join(cell)) if cell else None
        if h is not None and h.key in (headings.GOAL, *YEARLY_SECTIONS) and not h.rest and h.number is None:
            bare[i] = h.key
    # a label's text is no label itself (取組内容 | 成果 | 課題 is a table's header, not pairs)
    keys = {i: k for i, k in bare.items() if i + 1 < len(row.cells) and row.cells[i + 1] and i + 1 not in bare}
    if len(keys) < 2 or any(cell and i not in keys and i - 1 not in keys for i, cell in enumerate(row.cells)):
        return None
    return keys


def _label_columns(row: Row) -> tuple[list[int], str] | None:
    """The columns of a row opening label | text pairs of one label side by side (取組内容 | … |
    | 取組内容 | …: goal blocks laid across a sheet): the label columns and the label's key, when
    two or more cells name the same goal or section bare, each with text in the next column."""
    keys = _label_pairs(row)
    if keys is None or len(set(keys.values())) != 1:
        return None
    starts = sorted(keys)
    return starts, keys[starts[0]]


def _pairs_apart(row: Row) -> list[Row]:
    """A row of label | text pairs of different sections (取組内容 | … | 取組の成果 | …: a form of two
    columns, a section in each) as one row per pair, left to right; any other row as it is."""
    keys = _label_pairs(row)
    if keys is None or len(set(keys.values())) < 2:
        return [row]
    return [Row(row.cells[c:c + 2], row.start, row.end, "\t".join(" ".join(x) for x in row.cells[c:c + 2]))
            for c in sorted(keys)]


def blocks_across(rows: list[Row]) -> list[Row]:
    """Goal blocks laid side by side across a sheet — each goal a label | text pair of columns
    (目標１ over 重点目標 | … / 取組内容 | … / 取組の成果 | …, 目標２ over the same labels a few
    columns to the right) — read one block after the other: the rows of a run whose label columns
    stand at the same places, cut at those columns, with the cell over each block (its goal's
    number) above its rows. A row of label | text pairs of different sections (a form of two columns)
    is one row per pair. Other rows as they are. Read row by row, each row would hold every block's
    label and text at once and no reader could tell whose they are."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        found = _label_columns(rows[i]) if rows[i].cells else None
        if found is None:
            out.extend(_pairs_apart(rows[i]) if rows[i].cells else [rows[i]])
            i += 1
            continue
        starts = found[0]
        end = i
        while end < len(rows) and rows[end].cells and (f := _label_columns(rows[end])) is not None \
                and f[0] == starts:
            end += 1
        if end - i < 2:
            out.append(rows[i])
            i += 1
            continue
        head = out[-1] if out and out[-1].cells else None
        head_cols = [c for c, cell in enumerate(head.cells) if cell] if head is not None else []
        if head is not None and head_cols == starts:
            out.pop()
        else:
            head = None
        for k, first in enumerate(starts):
            last = starts[k + 1] if k + 1 < len(starts) else max(len(r.cells) for r in rows[i:end])
            if head is not None:
                out.append(Row([head.cells[first]], head.start, head.end, " ".join(head.cells[first])))
            for r in rows[i:end]:
                cells = r.cells[first:last]
                if any(cells):
                    out.append(Row(cells, r.start, r.end, "\t".join(" ".join(c) for c in cells)))
            out.append(Row([], rows[end - 1].end, rows[end - 1].end))
        i = end
    return out
