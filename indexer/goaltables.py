"""Goal tables: what a yearly report's table header says each column holds.

Goal blocks are often tables rather than headed paragraphs. This module recognises their
header rows and returns the role of each column: a goal table (重点目標 | 取組内容 |
取組の成果 | 取組の課題, with optional 年度 and 評価 columns, `goal_table_columns`) and its
second header row (`sub_header`); a table with a row per part of a goal (年度 | 目標番号 |
項目 | 内容, an open-data export: `long_table_columns`); a table with one goal per column,
numbered (`goal_per_column`), by year (`year_per_column`) or by position
(`goals_by_position`); a section label cell inside a goal's row (`section_label_cell`);
and a header of generic column names that holds no text (`is_column_header`). The
reader that fills goals from the rows below is `yearly`.
"""

from __future__ import annotations

import re

from . import headings, ratings
from .blocks import GENERIC_COLUMN, YEARLY_SECTIONS, row_heading, row_label
from .clean import Row, norm


def is_column_header(row: Row) -> bool:
    """区分 | 内容, 重点目標 | 項目 | 内容: a table's header row of generic column names (and
    bare labels), which says how to read the rows below and holds no text of its own."""
    cells = [" ".join(c) for c in row.cells if c]
    generic = [c for c in cells if GENERIC_COLUMN.fullmatch(headings.label_form(c).text)]

    def bare_label(cell):
        h = headings.heading_key(cell)
        return h is not None and h.key in (headings.GOAL, *YEARLY_SECTIONS) and not h.rest and h.number is None

    return len(cells) >= 2 and bool(generic) and all(c in generic or bare_label(c) for c in cells)


# A table with a row per part of a goal: the column naming the part (項目: 重点目標 / 取組内容 /
# 取組の成果 …), the column of its text (内容), and optionally the goal's number and year.
_PART_COLUMN = re.compile(r"(?:記載)?項目|区分|種別|分類")
_TEXT_COLUMN = re.compile(r"(?:記載|記述)?内容|本文|記述")
_NUMBER_COLUMN = re.compile(r"(?:重点)?目標(?:番号|No\.?|NO\.?)|番号|No\.?|NO\.?")


def long_table_columns(row: Row) -> dict[int, str] | None:
    """A header of a table with a row per part of a goal (年度 | 区名 | 目標番号 | 項目 | 内容):
    column index -> part / text / number / year."""
    if len(row.filled_cells) < 3:
        return None
    columns: dict[int, str] = {}
    for i, cell in enumerate(row.cells):
        label = headings.label_form(" ".join(cell)).text if cell else ""
        for role, pattern in (("part", _PART_COLUMN), ("text", _TEXT_COLUMN), ("number", _NUMBER_COLUMN),
                              ("year", _YEAR_COLUMN)):
            if label and pattern.fullmatch(label) and role not in columns.values():
                columns[i] = role
                break
    roles = set(columns.values())
    return columns if {"part", "text"} <= roles and roles & {"number", "year"} else None



def sub_header(row: Row, columns: dict[int, str]) -> dict[int, str] | None:
    """A goal table header's second row, under cells spanning columns (取組 over 内容 |
    成果): the columns with what each now holds (成果 -> outcome, 内容 under 取組 -> its
    parent's), or None when the row is not all labels."""
    cells = {i: " ".join(c) for i, c in enumerate(row.cells) if c}
    if not cells:
        return None
    refined = dict(columns)
    grade_from = min((i for i, k in columns.items() if is_grade_key(k)), default=None)
    marks = {i: norm(t).strip() for i, t in cells.items()
             if grade_from is not None and i >= grade_from and headings.GRADE_VALUE.match(norm(t).strip())}
    if len(marks) < 2:
        marks = {}
    spans = sorted(columns)

    def span_of(i):
        """The top header's column a second-row cell stands under: the nearest keyed one at or
        left of it (取組の成果 merged over 指標 | 実績 | 内容)."""
        return max((j for j in spans if j <= i), default=None)

    under: dict[int, list[int]] = {}
    for i in cells:
        under.setdefault(span_of(i), []).append(i)
    for span, below in under.items():
        values = {i: norm(cells[i]).strip() for i in below}
        if (not marks and span is not None and columns[span] == headings.OUTCOME and len(below) >= 2
                and all(headings.GRADE_VALUE.match(v) for v in values.values())):
            # 達成状況 (or 評価, read as what came of the goal over words) spanning できた | 概ねできた
            # | できなかった: a column per grade, the goal's marked (○) in its row
            marks = values
            refined.pop(span, None)

    rated_spans = {span_of(i) for i, text in cells.items() if i not in marks
                   and ratings.grade_column(headings.label_form(text).text) is not None}
    figure_spans = {span_of(i) for i, text in cells.items() if _FIGURES_COLUMN.fullmatch(headings.label_form(text).text)}
    for i, text in cells.items():
        h = headings.heading_key(text)
        label = headings.label_form(text).text
        span = span_of(i)
        if (span in figure_spans and columns[span] == headings.OUTCOME
                and (_FIGURES_COLUMN.fullmatch(label) or _FIGURE_WORD.fullmatch(label))):
            # 取組の成果 over 指標 | 実績 | 内容: the indicator and its figures are what came of the goal
            refined[i] = FIGURES_KEY + label
        elif span in figure_spans and columns[span] == headings.OUTCOME and GENERIC_COLUMN.fullmatch(label):
            refined[i] = headings.OUTCOME  # … and 内容 beside them its words
        elif span is not None and span in rated_spans and h is None and ratings.is_reason_label(label):
            # 振り返り over 評価 | コメント: the rating's words, what came of the goal (as 評価コメント)
            refined[i] = headings.OUTCOME
        elif i in marks:
            # 自己評価 over Ａ | Ｂ | Ｃ | Ｄ: a column per grade, the goal's marked (○) in its row
            refined[i] = MARK_KEY + marks[i]
        elif (grade := ratings.grade_column(label)) is not None and (
                h is None or headings.BARE_RATING.fullmatch(label)):
            # 評価 over 自己評価 | 評価コメント: the first the goal's rating, the second its words
            refined[i] = f"{SHARE_KEY if grade[1] else GRADE_KEY}:{grade[0]}"
        elif grade_from is not None and i >= grade_from and (who := ratings.evaluator(label)) is not None:
            # 評価 over 自己 | 第三者: each evaluator's grades
            refined[i] = f"{GRADE_KEY}:{who}"
        elif h is not None and h.key in (headings.GOAL, *YEARLY_SECTIONS) and not h.rest:
            refined[i] = h.key
        elif not GENERIC_COLUMN.fullmatch(headings.label_form(text).text):
            return None
        elif i not in columns and span is not None and columns[span] in (headings.GOAL, *YEARLY_SECTIONS):
            refined[i] = columns[span]  # 内容 under 取組の成果 spanning it: that section's words
    return refined


def section_label_cell(row: Row) -> tuple[int, str] | None:
    """In a row opened by a goal, a later cell that is a bare section label (取組内容) with
    text after it: (its column, its heading key)."""
    for i, cell in enumerate(row.cells[1:-1], 1):
        if not cell or not any(row.cells[i + 1:]):
            continue
        h = headings.heading_key(" ".join(cell))
        if h is not None and h.key in YEARLY_SECTIONS and not h.rest:
            return i, h.key
    return None


def goals_by_position(row: Row, following: Row | None) -> dict[int, int] | None:
    """目標 | goal text | goal text, followed by 取組内容 | text | text: a table with one
    goal per column whose header does not number them (重点目標 spanning the columns):
    column index -> goal number, in column order."""
    h = row_heading(row)
    if h is None or h.key != headings.GOAL or h.number is not None or h.rest or following is None:
        return None
    below = row_heading(following)
    cols = [i for i, c in enumerate(row.cells) if c][1:]
    below_cols = [i for i, c in enumerate(following.cells) if c][1:]
    if len(cols) < 2 or below is None or below.key not in YEARLY_SECTIONS or below_cols != cols:
        return None
    return {col: k for k, col in enumerate(cols, 1)}


def year_per_column(row: Row) -> dict[int, str] | None:
    """A table header with one fiscal year per column after the row labels (項目 | 令和３年度 |
    令和４年度: two years' goals compared): column index -> the year as written."""
    if len(row.filled_cells) < 3 or (row.cells[0] and not GENERIC_COLUMN.fullmatch(row_label(row).text)):
        return None
    years: dict[int, str] = {}
    for i, cell in enumerate(row.cells[1:], 1):
        if not cell:
            continue
        h = headings.heading_key(" ".join(cell))
        if h is None or h.key != headings.YEAR_ONLY:
            return None
        years[i] = h.year
    return years if len(years) >= 2 and len(set(years.values())) == len(years) else None


def goal_per_column(row: Row) -> dict[int, int] | None:
    """A table header with one numbered goal per column after the row labels
    (項目 | 重点目標1 | 重点目標2, or each with its name: 項目 | 事業１　ひろばの運営 | 事業２　相談の充実):
    column index -> goal number."""
    if len(row.filled_cells) < 3:
        return None
    numbers: dict[int, int] = {}
    for i, cell in enumerate(row.cells[1:], 1):
        if not cell:
            continue
        h = headings.heading_key(" ".join(cell))
        if h is None or h.key != headings.GOAL or h.number is None or h.refers:
            return None
        numbers[i] = h.number
    if len(numbers) >= 2 and len(set(numbers.values())) == len(numbers):
        return numbers
    return None


def goal_table_columns(row: Row) -> dict[int, str] | None:
    """A table header row naming a goal block's parts in its cells
    (重点目標 | 取組内容 | 取組の成果 | 取組の課題): column index -> heading key. A table of
    figures (指標 | 目標 | 実績: an indicator's target and actual value) is none."""
    if len(row.filled_cells) < 2:
        return None
    figures = {i for i, c in enumerate(row.cells) if c and _FIGURES_COLUMN.fullmatch(headings.label_form(" ".join(c)).text)}
    labelled_rows = any(c and _PART_COLUMN.fullmatch(headings.label_form(" ".join(c)).text) for c in row.cells)
    columns: dict[int, str] = {}
    for i, cell in enumerate(row.cells):
        h = own_heading = headings.heading_key(" ".join(cell)) if cell else None
        if h is None and cell and (one_year := headings.year_of_column(" ".join(cell))) is not None:
            h = headings.heading_key(one_year)  # 令和５年度の取組実績: the year's 取組実績
        if cell and (h is None or (h.rest and _NOTE.fullmatch(h.rest))):
            h = noted_or_joined(" ".join(cell)) or h
        if i in figures or (labelled_rows and cell and GENERIC_COLUMN.fullmatch(headings.label_form(" ".join(cell)).text)):
            continue  # (内容 beside 項目: the text column of a table of labelled rows, read by yearly)
        if (cell and (grade := ratings.grade_column(headings.label_form(" ".join(cell)).text)) is not None
                and (own_heading is None or headings.BARE_RATING.fullmatch(own_heading.label))):
            # 評価, 評価（５段階）, 評価（法人）: the goals' ratings (取組の評価 is what came of them)
            columns[i] = f"{SHARE_KEY if grade[1] else GRADE_KEY}:{grade[0]}"
        elif h is not None and h.key in (headings.GOAL, *YEARLY_SECTIONS) and not h.rest and h.number is None:
            columns[i] = h.key
        elif cell and _PLAN_COLUMN.fullmatch(headings.label_form(" ".join(cell)).text):
            columns[i] = headings.GOAL  # 計画（目標）, 年度計画（目標）: the goal the year planned
        elif cell and (_LOOK_BACK_COLUMN.fullmatch(headings.label_form(" ".join(cell)).text)
                       or _joined_parts(" ".join(cell))):
            columns[i] = headings.CONTENT  # 取組と振り返り: the goal's parts, each after its label
        elif cell and _YEAR_COLUMN.fullmatch(headings.label_form(" ".join(cell)).text):
            columns[i] = YEAR_KEY
        elif cell and (grade := ratings.grade_column(headings.label_form(" ".join(cell)).text)) is not None:
            # 評価 | Ａ: the goal's rating; 法人評価 | 区評価: each evaluator's; 達成率 | 80%
            columns[i] = f"{SHARE_KEY if grade[1] else GRADE_KEY}:{grade[0]}"
    _name_and_record_columns(row, columns)
    if figures and not ({headings.GOAL, headings.CONTENT} <= set(columns.values())
                        and {headings.OUTCOME, headings.ISSUE} & set(columns.values())):
        # a table of figures (指標 | 目標 | 実績) is none; a goal table may carry an indicator's
        # columns beside its goal, content and outcome or issue (指標 | 目標値 | 実績値: read as text)
        return None
    if len([k for k in columns.values() if k != YEAR_KEY and not is_grade_key(k)]) >= 2 and any(
            k in YEARLY_SECTIONS for k in columns.values()):
        for i in [i for i, k in columns.items() if k == headings.GOAL]:
            # 重点目標 merged over two columns (the number | the goal's words): the blank header
            # cell right of it, inside the table, is the goal's too
            if i + 1 < len(row.cells) and not row.cells[i + 1] and i + 1 not in columns and max(columns) > i + 1:
                columns[i + 1] = headings.GOAL
        for i in figures:  # the indicator's columns: the goal's figures, read with their headers
            columns[i] = FIGURES_KEY + headings.label_form(" ".join(row.cells[i])).text
        _other_columns(row, columns, labelled_rows)
        return columns
    return None


def is_figures_header(row: Row) -> bool:
    """A header of a table of figures (指標 | 目標値 | 実績値, 指標 | 目標 | 実績 | 達成率): an
    indicator column first, then only figures and rating columns. A goal line may stand over
    such a table of its indicator before its sections (【1】… / 指標 | 目標値 | 実績値 / 取組状況)."""
    cells = [headings.label_form(" ".join(c)).text for c in row.cells if c]
    if len(cells) < 2 or not _FIGURES_COLUMN.fullmatch(cells[0]):
        return False
    return all(_FIGURES_COLUMN.fullmatch(c) or _FIGURE_WORD.fullmatch(c) or ratings.grade_column(c) is not None
               for c in cells[1:])


# A table of figures' column of what the indicator came to (実績, 実績値, 達成率, 達成度).
_ACTUAL_FIGURE = re.compile(r"(?:今年度の?|年度)?実績(?:値|数)?|達成(?:率|度)")


def is_actual_figures_header(row: Row) -> bool:
    """A table of figures' header naming what its indicator came to (指標 | 目標値 | 実績,
    指標 | 実績値 | 達成率), not its targets only (指標 | 目標値)."""
    return is_figures_header(row) and any(
        _ACTUAL_FIGURE.fullmatch(headings.label_form(" ".join(c)).text) for c in row.cells if c)


def past_figures(rows: list[Row], at: int) -> Row | None:
    """rows[at] (non-blank rows), or the row after the table of figures that starts there (its
    header, then its rows of two or more cells): what a goal line stands over once its
    indicator's table is passed; None past the end."""
    if at >= len(rows):
        return None
    if not is_figures_header(rows[at]):
        return rows[at]
    k = at + 1
    while k < len(rows) and len(rows[k].filled_cells) >= 2:
        k += 1
    return rows[k] if k < len(rows) else None


# The target and actual value of an indicator in a table of figures (目標 | 実績, 目標値 | 実績値).
_FIGURE_WORD = re.compile(r"(?:今年度の?|年度)?(?:目標|実績|計画|見込み?)(?:値|数)?")


def _other_columns(row: Row, columns: dict[int, str], labelled_rows: bool) -> None:
    """A goal table's columns it has no section for (所管課, 事業概要, 備考, 連携先): each
    "other:<its header>", its cells read as the goal's text with that header. Without a goal
    column the first such column is left unkeyed: its cells are each row's goal."""
    goal_found = headings.GOAL in columns.values()
    for i, cell in enumerate(row.cells):
        if not cell or i in columns:
            continue
        text = headings.label_form(" ".join(cell)).text.strip()
        if not text or (labelled_rows and GENERIC_COLUMN.fullmatch(text)):
            continue  # (内容 beside 項目: read by yearly as a table of labelled rows)
        if not goal_found:
            goal_found = True
            continue
        columns[i] = OTHER_KEY + text


# A header cell's note in brackets on who writes the column (成果（指定管理者の自己評価）).
_NOTE = re.compile(r"(?:(?<!\s)\s+)?[(（][^()（）]{1,20}[)）]\s*")


def noted_or_joined(cell: str) -> headings.Heading | None:
    """A header cell naming its section with a note in brackets after it (成果（指定管理者の自己評価）,
    a note `heading_key` does not know), or two labels joined by ・ of which one only is a
    section (所管課の所見・改善を要する点): that section's heading."""
    text = _NOTE.sub("", cell).strip() if _NOTE.search(cell) else cell
    h = headings.heading_key(text)
    if h is not None and not h.rest:
        return h
    found = [h for part in re.split(r"[・･]", text) if part.strip()
             for h in [headings.heading_key(part)] if h is not None and not h.rest]
    return found[0] if len(found) == 1 and "・" in text else None


# A city's table of its 事業 (No. | 事業名 | 取組実績 | 成果 | 評価 | 課題): the 事業's name heads each row
# as a goal does, and its 実績 beside a 成果 column is what was done, not what came of it.
_NAME_COLUMN = re.compile(r"(?:事業|取り?組み?|施策)名(?:称)?")
_RECORD_COLUMN = re.compile(r"(?:取り?組み?|事業|実施|活動)?の?実績")


def _name_and_record_columns(row: Row, columns: dict[int, str]) -> None:
    """In a header without a goal column: a 実績 column beside a 成果 column, with no content
    column, is the content; then a 事業名 column left of the content, in a header naming what
    came of it or what remains (成果, 課題), is the goal."""
    if headings.GOAL in columns.values():
        return
    if headings.CONTENT not in columns.values():
        labels = {i: headings.label_form(headings.year_of_column(" ".join(row.cells[i]))
                                         or " ".join(row.cells[i])).text for i in columns if row.cells[i]}
        records = [i for i, k in columns.items()
                   if k == headings.OUTCOME and _RECORD_COLUMN.fullmatch(labels.get(i, ""))]
        if len(records) == 1 and any(k == headings.OUTCOME and i not in records for i, k in columns.items()):
            columns[records[0]] = headings.CONTENT
    content = [i for i, k in columns.items() if k == headings.CONTENT]
    if len(content) != 1 or not {headings.OUTCOME, headings.ISSUE} & set(columns.values()):
        return
    names = [i for i, c in enumerate(row.cells) if c and i not in columns
             and _NAME_COLUMN.fullmatch(headings.label_form(" ".join(c)).text)]
    if len(names) == 1 and names[0] < content[0]:
        columns[names[0]] = headings.GOAL


# A column of the goal the year planned: 計画（目標）, 年度計画（目標）, 目標・計画.
# (取組方針: the aim each row's work follows; 事業目的: what each row's 事業 aims at, as a city's
# PDCA sheet heads it beside 実施内容 | 実績)
_PLAN_COLUMN = re.compile(r"(?:今?年度|事業)?計画[・と]?目標|目標[・と]?計画|取り?組み?方針|(?:事業|実施|取り?組み?)の?目的")


# A column holding a goal's whole look back, its parts told apart by their labels inside the
# cell (■取組内容 … ■成果 … ■課題 …): 取組と振り返り, 振り返り, 取組内容・成果・課題.
_LOOK_BACK_COLUMN = re.compile(r"(?:取り?組み?(?:の?(?:内容|状況))?[・と及]?)?振り返り"
                               r"|取り?組み?(?:の?(?:内容|状況))?[・と、]成果[・と、及]課題")
def _joined_parts(header: str) -> bool:
    """A header naming a goal's parts joined by ・ or 、 (取組状況・効果・改善点, 取組内容、成果、課題):
    what was done and what came of it or what remains, in one column, each part after its own
    label inside the cell."""
    parts = [p for p in re.split(r"[・･、，,／/]", headings.label_form(header).text) if p]
    keys = [h.key if h is not None and not h.rest else None for h in map(headings.heading_key, parts)]
    return (len(parts) >= 2 and None not in keys and headings.CONTENT in keys
            and bool({headings.OUTCOME, headings.ISSUE} & set(keys)))


# The indicator column of a table of figures inside a goal (指標 | 目標 | 実績, 目標値 | 実績値).
_FIGURES_COLUMN = re.compile(r"(?:評価|成果|活動|数値)?指標(?:名)?|数値目標|目標値|実績値|目標数値")


# A goal table's column of fiscal years (a table of several years' goals: open data,
# a ward's yearly list): each row's goal is of the year in that column.
_YEAR_COLUMN = re.compile(r"(?:対象|実施|評価)?年度")
YEAR_KEY = "year"
# A rating column: "grade:<whose>" (grade:自己, grade:法人, grade:区); "share:<whose>" when its
# header is 達成度 / 達成率 (its cells may be percentages).
GRADE_KEY = "grade"
SHARE_KEY = "share"


# An indicator's column in a goal table (指標 | 目標値 | 実績値): "figures:<its header>"; its cells
# are kept as the goal's outcome ("目標値 4,000人 実績値 4,620人").
FIGURES_KEY = "figures:"


# A goal table's column of another kind (所管課, 備考, 事業概要): "other:<its header>"; its cells
# are kept as the goal's other text, each after its header ("備考 土曜開催").
OTHER_KEY = "other:"
# A goal table's column of no section that may name the site of the hub each goal is of (実施場所 |
# 本体 / サテライト, its cell merged down over that site's goals).
_SITE_COLUMN = re.compile(r"(?:実施|活動)?(?:場所|拠点|施設|箇所)名?")


def is_site_key(key: str) -> bool:
    """Whether a goal table column key is a column of places (other:実施場所, other:拠点)."""
    return key.startswith(OTHER_KEY) and bool(_SITE_COLUMN.fullmatch(key[len(OTHER_KEY):].strip()))
# A row-number column's header (No. | 番号 | 項番 | ＃): its cells of digits only are no text.
_ROW_NUMBER_HEADER = re.compile(r"(?:No|NO|no|Ｎｏ|ＮＯ)\.?|[#＃]|番号|項番|通し?番号?|連番")
_DIGITS = re.compile(r"[0-9０-９]+[.．]?")


def is_row_number(header: str, cell: str) -> bool:
    """Whether an other column's cell is a row number (1 under No.), no text of the goal's."""
    return bool(_ROW_NUMBER_HEADER.fullmatch(header.strip()) and _DIGITS.fullmatch(cell.strip()))


def is_row_number_key(key: str) -> bool:
    """Whether a goal table column key is a row-number column's (other:No.)."""
    return key.startswith(OTHER_KEY) and bool(_ROW_NUMBER_HEADER.fullmatch(key[len(OTHER_KEY):].strip()))


def is_grade_key(key: str) -> bool:
    """Whether a goal table column key is a rating column's."""
    return key.startswith((GRADE_KEY + ":", SHARE_KEY + ":"))
# A column of one grade (Ａ under 自己評価): "mark:Ａ"; a row marking it (○) has that grade.
MARK_KEY = "mark:"


# --- two fiscal years side by side ----------------------------------------------------------------

# A header cell naming only a fiscal year (平成30年度, 令和５年度（実績）, 令和６年度（計画）, R5年度).
_YEAR_ONLY_CELL = re.compile(r"^(?:(?:令和|平成)(?:元|\d{1,2})|[RH]\d{1,2}|(?:19|20)\d{2})年度?(?:[(（][^()（）]{1,8}[)）])?$")


def _year_groups(row: Row) -> list[int] | None:
    """The columns where a header row names a fiscal year each (No. | 平成30年度 | | | | 平成31年度:
    [1, 5]; 項目 | 令和５年度（実績） | 令和６年度（計画）: [1, 2]), every cell before them empty, a column
    of numbers' or of labels' header; None else."""
    starts = []
    for i, cell in enumerate(row.cells):
        text = norm(" ".join(cell)).replace(" ", "")
        if not text:
            continue
        if _YEAR_ONLY_CELL.match(text):
            starts.append(i)
        elif starts or not (_ROW_NUMBER_HEADER.fullmatch(text) or GENERIC_COLUMN.fullmatch(text)):
            return None
    return starts if len(starts) >= 2 else None


def _label_rows_by_year(rows: list[Row], i: int, starts: list[int]) -> tuple[list[Row], int] | None:
    """Label rows under a header of one column per year (項目 | 令和５年度（実績） | 令和６年度（計画） /
    重点目標 | … | … / 取組内容 | … | …): each year's column as label rows of its own under the
    year's cell, a cell holding nothing or only a dash left out; with the index after the table.
    None when the rows under the header are not label rows (their first cells naming sections)."""
    end = i + 1
    while end < len(rows) and rows[end].cells:
        end += 1
    body = rows[i + 1:end]
    if len(body) < 2 or not all(headings.heading_key(r.first) is not None and len(r.cells) > starts[0]
                                and not any(r.cells[c] for c in range(1, starts[0])) for r in body):
        return None
    header, out = rows[i], []
    for col in starts:
        # (the year alone heads its rows: 令和５年度（実績） → 令和５年度, as a year line over goals reads)
        year = _YEAR_NOTE.sub("", norm(" ".join(header.cells[col])).strip())
        out.append(Row([[year]], header.start, header.end, year))
        for r in body:
            cell = r.cells[col] if col < len(r.cells) else []
            if cell and not all(_NONE_CELL.fullmatch(norm(x).strip()) for x in cell):
                out.append(Row([r.cells[0], cell], r.start, r.end, " ".join(r.cells[0]) + "\t" + " ".join(cell)))
        out.append(Row([], header.end, header.end))
    return out, end


_NONE_CELL = re.compile(r"[-－―‐ー−]|なし|該当なし")
_YEAR_NOTE = re.compile(r"[(（][^()（）]{1,8}[)）]$")


def years_apart(rows: list[Row]) -> list[Row]:
    """A goal table of two fiscal years side by side — a header row naming each year over its columns
    (平成30年度 merged over 重点目標 | 取組内容 | 取組の成果 | 取組の課題, 平成31年度 over 重点目標 | 取組内容),
    the goals' rows under it — read as one table per year, one after the other: the year's cell as a
    line of its own, the header and the rows of that year's columns (with the columns before the
    first year's, a number column), rows with nothing in them left out. Other rows are unchanged."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        starts = _year_groups(row) if row.cells and len(row.filled_cells) >= 2 else None
        by_label = _label_rows_by_year(rows, i, starts) if starts else None
        if by_label is not None:
            out.extend(by_label[0])
            i = by_label[1]
            continue
        header = rows[i + 1] if starts and i + 1 < len(rows) else None
        columns = goal_table_columns(header) if header is not None and header.cells else None
        if not columns or sum(1 for k in columns.values() if k == headings.GOAL) < 2:
            out.append(row)
            i += 1
            continue
        end = i + 2
        while end < len(rows) and rows[end].cells:
            end += 1
        lead = list(range(starts[0]))
        width = max(len(r.cells) for r in rows[i:end])
        for k, first in enumerate(starts):
            group = lead + list(range(first, starts[k + 1] if k + 1 < len(starts) else width))
            out.append(Row([row.cells[first]], row.start, row.end, " ".join(row.cells[first])))
            for r in rows[i + 1:end]:
                cells = [r.cells[c] if c < len(r.cells) else [] for c in group]
                if any(cells[len(lead):]):
                    out.append(Row(cells, r.start, r.end, "\t".join(" ".join(c) for c in cells)))
            out.append(Row([], row.end, row.end))
        i = end
    return out


# --- a table of one section's texts under its title ------------------------------------------------

def _titled_section(row: Row) -> str | None:
    """The goal or section a title line names last (取組の成果 / 中区… H31年度 取組の成果): its heading
    label as written, when the line's last word names it bare."""
    words = norm(row.text).split()
    if not words or len(row.filled_cells) != 1:
        return None
    h = headings.heading_key(words[-1])
    if h is None or h.key not in (headings.GOAL, *YEARLY_SECTIONS) or h.rest or h.number is not None:
        return None
    return words[-1]


def _section_table(rows: list[Row], i: int, titles: list[tuple[int, str]]):
    """The table of one section's texts by number whose header (No. | 内容) is rows[i], under title
    lines naming the section: (label, {number: (text cell, row)}, index after the table), else None."""
    cells = [norm(" ".join(c)).replace(" ", "") for c in rows[i].cells]
    if not (titles and len(cells) == 2 and _ROW_NUMBER_HEADER.fullmatch(cells[0])
            and GENERIC_COLUMN.fullmatch(cells[1])):
        return None
    texts = {}
    end = i + 1
    while end < len(rows) and rows[end].cells:
        r = rows[end]
        number = norm(" ".join(r.cells[0])).strip().rstrip(".．") if r.cells else ""
        if len(r.cells) != 2 or not number.isdigit() or not r.cells[1]:
            return None
        texts[int(number)] = (r.cells[1], r)
        end += 1
    return (titles[-1][1], texts, end) if texts else None


def section_tables(rows: list[Row]) -> list[Row]:
    """Tables of one section's texts by goal number — a numbered column and one of texts (No. | 内容)
    under a title naming the section (a workbook of one sheet per section: 重点目標, 取組内容, 取組の成果,
    取組の課題, each sheet's rows numbered by goal) — read as one goal table where the goals' table is
    among them: No. | 重点目標 | 取組内容 | …, a row per goal number holding each table's text of that
    number (its lines from the first table's row to the last's), set where the first table stood.
    A title that is the section's label alone (the sheet's name) is left out. Other rows as they
    are."""
    blocks = []        # (title rows to leave out, header index, end index, label, texts)
    titles: list[tuple[int, str]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if not row.cells:
            i += 1
            continue
        table = _section_table(rows, i, titles)
        if table is not None:
            label, texts, end = table
            bare = [at for at, named in titles if norm(rows[at].text).replace(" ", "") == named]
            blocks.append((bare, i, end, label, texts))
            titles = []
            i = end
            continue
        named = _titled_section(row)
        if named:
            titles = (titles + [(i, named)])[-2:]
        elif len(row.filled_cells) > 1:
            titles = []
        i += 1
    keys = [headings.heading_key(b[3]).key for b in blocks]
    if (len(blocks) < 2 or keys.count(headings.GOAL) != 1 or len(set(keys)) != len(keys)
            or any(not set(b[4]) <= set(blocks[keys.index(headings.GOAL)][4]) for b in blocks)):
        return rows
    goal_numbers = sorted(blocks[keys.index(headings.GOAL)][4])
    drop = {at for b in blocks for at in b[0]} | {k for b in blocks for k in range(b[1], b[2])}
    first = blocks[0][1]
    header = rows[first]
    table = [Row([header.cells[0], *([b[3]] for b in blocks)], header.start, header.end,
                 "\t".join([" ".join(header.cells[0]), *(b[3] for b in blocks)]))]
    for n in goal_numbers:
        parts = [b[4].get(n) for b in blocks]
        lines = [p[1] for p in parts if p]
        cells = [[str(n)], *(list(p[0]) if p else [] for p in parts)]
        table.append(Row(cells, min(r.start for r in lines), max(r.end for r in lines),
                         "\t".join(" ".join(c) for c in cells)))
    out = []
    for k, row in enumerate(rows):
        if k == first:
            out.extend(table)
        if k not in drop:
            out.append(row)
    return out
