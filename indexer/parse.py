"""Report structure: cleaned rows -> Document and Passage records.

Three shapes are recognised:

* yearly evaluations (単年度評価): each 重点目標 with its 取組内容 / 取組の成果 /
  取組の課題, and the next year's goals with their 取組内容;
* five-year summaries (5か年のまとめ): per programme (事業 1–7), the
  目指す拠点の姿 table with self-evaluation grades, 評価の理由 (法人 / 区),
  成果, 課題 and 振り返りの視点;
* anything else: paragraph chunks of kind "other", so it stays searchable.

Every passage keeps the source line range it was read from, for citation.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import headings, metadata, records, wareki
from .clean import Row, norm, to_rows

logger = logging.getLogger(__name__)

# Bump whenever a change to loading, cleaning or parsing may change the records of
# an unchanged file: the index manifest records it, and a plain reindex re-parses
# files indexed by another version.
PARSER_VERSION = "7"

MAX_CHARS = 500  # longer sections are split into passages at item boundaries

MSG_STRUCTURE_FAILED = "目標・取組内容などの区分を読み取れなかったため、段落ごとに索引しました"

SECTION_SLUGS = {
    records.GOAL: "goal", records.CONTENT: "content", records.OUTCOME: "outcome",
    records.ISSUE: "issue", records.NEXT_GOAL: "next-goal",
    records.REASON_OPERATOR: "reason-op", records.REASON_WARD: "reason-ward",
    records.RESULT: "result", records.CHALLENGE: "challenge",
    records.VIEWPOINT: "viewpoint", records.SELF_EVAL: "self-eval", records.OVERVIEW: "overview",
    records.OTHER: "other",
}


@dataclass
class Item:
    text: str
    start: int
    end: int
    heading: bool = False
    number: int | None = None


@dataclass
class Goal:
    no: int
    year: int | None
    year_label: str | None
    is_next: bool
    items: list[Item] = field(default_factory=list)
    implicit: bool = False  # numbered as a list line, not by a 重点目標N heading
    grades: dict[str, str] = field(default_factory=dict)  # 【評価】○ / 達成度 A under the goal

    @property
    def text(self) -> str:
        return "".join(i.text for i in self.items)


@dataclass
class Section:
    kind: str
    goals: list[Goal]
    items: list[Item] = field(default_factory=list)
    programme: int | None = None
    aim_no: int | None = None  # five-year summaries: the 目指す拠点の姿 row it belongs to
    numbers: set[int] = field(default_factory=set)  # numbers of its numbered items

    @property
    def text(self) -> str:
        return "\n".join(i.text for i in self.items)


@dataclass
class ParsedDocument:
    document: records.Document
    passages: list[records.Passage]


def document_id(data: bytes) -> str:
    """Content hash: the same bytes always give the same document id."""
    return hashlib.sha256(data).hexdigest()[:16]


# --- row classification --------------------------------------------------------

# Title rows (display title; in the parsers they open the preamble).
_TITLE = re.compile(rf"(地域子育て支援拠点事業|重点目標評価結果|重点目標と取り?組み?|{metadata.FIVE_YEAR_TITLE.pattern})")
_GRADE = re.compile(r"^[A-DＡ-Ｄ]$")
# Grades at the end of a table row whose cells ran together (PDF text): "…ている。 A B"
# (a wrapped row may end with the first grade only).
_TRAILING_GRADES = re.compile(r"(?:(?:[ \u3000]+[A-DＡ-Ｄ]){2}|(?<=[。.)）])[ \u3000]+[A-DＡ-Ｄ])[ \u3000]*$")
_BULLET = tuple("・●○◆■□◇※-⇒")
_AIMS_TABLE_HEADER = re.compile(r"^(?:法人|区|法人区|参考|自己評価|評価|ABCD|A~D)")


def _heading(row: Row) -> headings.Heading | None:
    return headings.heading_key(row.first)


def _label(row: Row) -> headings.Label:
    return headings.label_form(row.first)


def _is_title(row: Row, heading: headings.Heading | None) -> bool:
    numbered_goal = heading is not None and heading.key == headings.GOAL and heading.number is not None
    return bool(_TITLE.search(row.compact)) and len(row.items) <= 2 and not numbered_goal


def _items_of(row: Row, skip_first: bool = False, rest: str = "") -> list[Item]:
    """Items of a row as Items; table rows (several cells) become one item."""
    cells = [list(c) for c in row.cells]
    if skip_first:
        # the heading is the first item of the first cell that has one (Row.first): a row
        # may start with empty cells (a merged cell above, a header spanning columns)
        at = next((i for i, c in enumerate(cells) if c), None)
        if at is not None:
            cells[at] = cells[at][1:]
    texts: list[str] = []
    if rest:
        texts.append(rest)
    non_empty = [c for c in cells if c]
    if len(non_empty) >= 2 and all(len(" ".join(c)) < 120 for c in non_empty):
        texts.append(" | ".join(" ".join(c) for c in non_empty))
    else:
        texts.extend(item for cell in cells for item in cell)
    return [Item(t, row.start, row.end) for t in texts if t.strip()]


# --- the preamble's prose (overview) --------------------------------------------

# An item that titles a list of its own inside a cell: 【参考】拠点の7事業, 【事業・施設運営の基本理念】
# (in a PDF the list may run on in the same item), and such a title run into a sentence's end.
_BRACKET_TITLE = re.compile(r"^[ \u3000]*【[^】\n]{2,24}】")
_TITLE_RUN_IN = re.compile(r"(?<=[。\s\u3000])(?=【[^】\n]{2,24}】)")
_LABEL_CONTINUATION = 12  # 事業の評価 / 実施方法及び / 評価結果の / 公表方法: a label wrapped over lines


def _overview_start(row: Row, h: headings.Heading) -> Section:
    """A preamble row of prose (事業目的 | …, 実施について | …): its label, then its value."""
    section = Section(records.OVERVIEW, [])
    section.items = [Item(h.label, row.start, row.end, heading=True)]
    section.items.extend(_items_of(row, skip_first=True, rest=h.rest))
    return section


def _overview_add(section: Section, row: Row) -> None:
    """A row under an overview label: the label's wrapped continuation, or its value."""
    text = row.text.strip()
    if (len(section.items) == 1 and len(row.items) == 1 and len(text) <= _LABEL_CONTINUATION
            and not text.endswith("。") and _label(row).number is None):
        label = section.items[0]
        label.text, label.end = label.text + headings.label_form(text).text, row.end
        return
    section.items.extend(_items_of(row))


def _overview_parts(section: Section) -> list[list[Item]]:
    """An overview section split where a bracketed title opens a list of its own, so
    a ward's own prose and the city's standard lists (基本理念, 拠点の7事業) are
    separate passages."""
    parts: list[list[Item]] = []
    for item in _split_at_titles(section.items):
        title = bool(_BRACKET_TITLE.match(item.text))
        if title:
            item.heading = True
        if not parts or (title and len(parts[-1]) > 1):
            parts.append([])
        parts[-1].append(item)
    return [p for p in parts if any(not i.heading for i in p)]


def _split_at_titles(items: list[Item]) -> list[Item]:
    """Items with a bracketed title run into them (a PDF joining a cell's paragraphs:
    「…を目的とします。【事業・施設運営の基本理念】1 泉区における…」) split before the title."""
    out: list[Item] = []
    for item in items:
        pieces = [t.strip() for t in _TITLE_RUN_IN.split(item.text) if t.strip()]
        if len(pieces) == 1:
            out.append(item)
        else:
            out.extend(Item(t, item.start, item.end, number=item.number) for t in pieces)
    return out


def _add_overview(builder, overview: list[Section], **common) -> None:
    """The preamble's prose as overview passages, one per label. The city's standard
    lists (基本理念, the seven programmes, how evaluations are published: headings.
    is_standard_list) are the same in every ward's report and make no passage: indexed,
    they shift the corpus statistics of the very words the programmes are named after
    (居場所, 交流, 利用者) and cost held-out recall (docs/quality.md)."""
    n = 0
    for section in overview:
        for part in _overview_parts(section):
            if headings.is_standard_list(part[0].text):
                continue
            n += 1
            builder.add(f"ov{n}", records.OVERVIEW, part, **common)


# --- yearly evaluations --------------------------------------------------------


class _YearlyParser:
    """Goal blocks of a yearly evaluation, read by heading meaning (headings.heading_key).

    Goals are opened by a goal heading (令和5年度 重点目標①, 重点目標（1）, 重点目標
    followed by a numbered list), or — in reports that number goals without the
    word 重点目標 — by a numbered line right after the evaluation heading, or by
    the next number after a goal's last section.
    """

    def __init__(self, rows: list[Row], eval_year: wareki.YearMention | None):
        self.rows = rows
        self.eval_year = eval_year.year_from if eval_year else None
        self.eval_label = _year_label(eval_year.label, eval_year.year_from) if eval_year else None
        self.phase = "eval"
        self.mode: str | None = None
        self.goals: list[Goal] = []
        self.group: list[Goal] = []
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.leftovers: list[Item] = []
        self.pending_year: str | None = None  # a year written on the line above a goal header
        self.part_year: str | None = None  # a year alone on a line (a sheet's name) above a part
        self.part_number: int | None = None  # 1 of "1. 今年度の重点取組" above the goals (1) (2)
        self.grade_row: Row | None = None  # a grade already read with its label on the line above
        self.table_goal: Goal | None = None  # the goal of a goal table's last row
        self.table_year: str | None = None  # the year its goal column's header states
        self.goals_up_front = -1  # goals stated before the first section heading (-1: none seen yet)
        self.part_style: tuple = ()  # how that number is written (see _number_style)
        self.list_year: tuple = (None, None, False)
        self.following: Row | None = None  # the next non-blank row
        self.columns: dict[int, str] = {}  # a goal table's header: column -> heading key
        self.goal_columns: dict[int, int] = {}  # a goal-per-column table: column -> goal number
        self.column_goals: dict[int, Goal] = {}
        self.column_years: dict[int, str] = {}  # a table with one year per column: column -> year
        self.overview: list[Section] = []  # the preamble's prose rows

    def _eval_year_from(self, stated: str | None) -> None:
        """A year stated for the goals that follow (in their evaluation heading, or a
        sheet's name above it) is the evaluated year from here on."""
        years = wareki.find_years(stated) if stated else []
        if years and years[0].year_from != self.eval_year:
            self.eval_year, self.eval_label = years[0].year_from, _year_label(years[0].label, years[0].year_from)

    def _year_for(self, label: str | None, is_next_word: bool) -> tuple[int | None, str | None, bool]:
        if label:
            mention = wareki.find_years(label)
            year = mention[0].year_from if mention else None
            if year is not None:
                label = _year_label(label, year)
            if self.eval_year is None and year is not None and not is_next_word and self.phase == "eval":
                self.eval_year, self.eval_label = year, norm(label).replace(" ", "")
            is_next = year is not None and self.eval_year is not None and year > self.eval_year
            return year, norm(label).replace(" ", ""), is_next
        if is_next_word or self.phase == "next":
            year = self.eval_year + 1 if self.eval_year else None
            return year, wareki.western_to_label(year) if year else None, True
        return self.eval_year, self.eval_label, False

    def _new_goal(self, number: int | None, year, label, is_next, implicit: bool = False) -> Goal:
        if number is None:
            number = 1 + sum(1 for g in self.goals if g.year == year and g.is_next == is_next)
        goal = Goal(number, year, label, is_next, implicit=implicit)
        self.goals.append(goal)
        return goal

    def parse(self) -> tuple[list[Goal], list[Section], list[Item]]:
        filled = [row for row in _labels_then_values(self.rows) if row.cells]
        for row, following in zip(filled, filled[1:] + [None]):
            self.following = following
            self._row(row)
        return self.goals, self.sections, self.leftovers

    def _row(self, row: Row) -> None:
        pieces = _run_on_labels(row)
        if pieces:
            # （取組）…。（成果）…。（課題）…。 on one line: each label and its text in turn
            for piece in pieces:
                self._row(piece)
            return
        h = _heading(row)
        key = h.key if h else None
        part_year, self.part_year = self.part_year, None  # kept only across title rows
        if key == headings.EVAL:
            self.phase, self.mode, self.section, self.group = "eval", "await_goals", None, []
            # A year in the heading, or alone on the line above it (a workbook's sheet named
            # R4 above 重点目標の振り返り), is the year the goals below are of: a document of
            # several years' evaluations (one sheet or part per year) moves on to it.
            self._eval_year_from(h.year or part_year)
            return
        if key == headings.YEAR_ONLY and self._heads_a_goal():
            self.pending_year = h.year  # 令和５年度 / 重点目標① on two lines
            return
        if key == headings.YEAR_ONLY and len(row.filled_cells) == 1 and self._heads_a_part():
            self.part_year = h.year  # the year of the part (sheet) that starts here
            return
        if (key == headings.NEXT and len(self.group) == 1 and self.mode == "section"
                and len(row.filled_cells) >= 2 and "目標" not in _label(row).text):
            # 次年度に向けて | 対面で集まれる時期を見て…: a row of one goal's table saying what
            # it goes on to, not a heading of next year's goals
            self.section = Section(records.ISSUE, list(self.group))
            self.section.items.extend(_items_of(row, skip_first=True, rest=h.rest))
            self.sections.append(self.section)
            return
        if key == headings.NEXT:
            # Next year's goals follow: numbered lines, goal headings, or the one
            # unnumbered goal the heading stands above (令和4年度に向けて / 出張広場を始め…).
            self.phase, self.mode, self.section, self.group = "next", "goal_list", None, []
            self.list_year = self._year_for(h.year, True)
            return
        if key == headings.OVERVIEW:
            self.overview.append(_overview_start(row, h))
            self.mode, self.section, self.group = "overview", None, []
            return
        if key == headings.PREAMBLE or _is_title(row, h):
            self.mode, self.section, self.group = "preamble", None, []
            self.part_year = part_year
            return
        columns = _goal_table_columns(row)
        if columns:
            # a header of section columns only (成果 | 課題) under a goal: that goal's table
            own = headings.GOAL not in columns.values() and len(self.group) == 1
            self.table_goal = self.group[0] if own else None
            self.table_year = next((h.year for c, k in columns.items() if k == headings.GOAL
                                    for h in [headings.heading_key(" ".join(row.cells[c]))] if h), None)
            self.mode, self.section, self.group, self.columns = "goal_table", None, [], columns
            self._eval_year_from(part_year)
            return
        if self.mode == "goal_table" and self.table_goal is None and _sub_header(row, self.columns):
            # the header's second row (取組 spanning 内容 | 成果): what each column holds
            self.columns = _sub_header(row, self.columns)
            return
        long_columns = _long_table_columns(row)
        if long_columns:
            self.mode, self.section, self.group, self.columns = "long_table", None, [], long_columns
            self.long_goals: dict[tuple, Goal] = {}
            return
        if self.mode == "long_table":
            if len(row.filled_cells) >= 2:
                self._long_row(row)
                return
            self.mode = None
        if _is_column_header(row):
            return  # 区分 | 内容: the header of a table of labelled rows, no text of its own
        by_goal = _goal_per_column(row)
        if by_goal:
            self.mode, self.section, self.group, self.goal_columns = "goal_columns", None, [], by_goal
            self.column_goals, self.column_years = {}, {}
            return
        by_year = _year_per_column(row)
        if by_year:
            # one year per column: each column holds that year's goal (one per year)
            self.mode, self.section, self.group = "goal_columns", None, []
            self.goal_columns, self.column_goals = {col: 1 for col in by_year}, {}
            self.column_years = by_year
            return
        by_position = _goals_by_position(row, self.following) if self.mode != "goal_columns" else None
        if by_position:
            self.mode, self.section, self.group, self.goal_columns = "goal_columns", None, [], by_position
            self.column_goals, self.column_years = {}, {}
            self._column_row(row, headings.GOAL)
            return
        if self.mode == "goal_columns":
            if key in (headings.GOAL, *_YEARLY_SECTIONS) and len(row.filled_cells) >= 2:
                self._column_row(row, key)
                return
            self.mode = None
        grade = _goal_grade(row.text) if key is None else None
        if grade is None and key is None and self.following is not None and _is_grade_label(row):
            # 評価 / Ｂ（おおむね達成）: the label on one line, the grade on the next
            grade = _goal_grade(f"{row.text} {self.following.text}")
            if grade is not None:
                self.grade_row = self.following
        if grade is None and row is self.grade_row:
            return  # the grade read with its label on the line above
        if grade is not None:
            # 【評価】○ under one goal's sections rates that goal; an overall rating
            # (総合評価 B under a list of goals) is kept as text outside the goals.
            if len(self.group) == 1:
                self.group[0].grades[grade[0]] = grade[1]
            else:
                self.leftovers.extend(_items_of(row))
            self.mode, self.section = None, None
            return
        if self.mode == "goal_table":
            goal_cell = key == headings.GOAL and h.number is not None and self._in_goal_column(row)
            if len(row.filled_cells) >= 2 and (key not in (headings.GOAL, *_YEARLY_SECTIONS) or goal_cell):
                self._table_goal(row)  # (a goal cell may open with its own label: 重点目標1 / …)
                return
            self.mode = None
        if key == headings.GOAL:
            self._goal_header(row, h)
            return
        if key in _YEARLY_SECTIONS:
            if self.goals_up_front < 0:  # the goals stated before the report's first section
                self.goals_up_front = sum(1 for g in self.goals if not g.is_next)
            if h.goal_ref is not None and self._stated_goal(h.goal_ref) is not None:
                self.group = [self._stated_goal(h.goal_ref)]  # 取組内容（目標１）: goal 1's section
            self.section = Section(_YEARLY_SECTIONS[key], list(self.group))
            self.section.items.extend(_items_of(row, skip_first=True, rest=h.rest))
            self.sections.append(self.section)
            self.mode = "section"
            return
        if self.mode == "overview":
            _overview_add(self.overview[-1], row)
            return
        label = _label(row)
        number = label.number
        next_part = (self.part_number is not None and number == self.part_number + 1
                     and _number_style(label) == self.part_style)
        if self.group and h is None and metadata.is_office_line(row):
            # 大和市こども部こども総務課: the report's signature after the last goal
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(_items_of(row))
            return
        if self.group and h is None and _NOTES.fullmatch(label.text or norm(row.text).strip()):
            # （注） / 備考: the notes after the goals (※１ …), not the last goal's text
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(_items_of(row))
            return
        if norm(row.text).strip() == "以上":
            self.mode, self.section, self.group = None, None, []
            return  # the word that closes a Japanese document
        if ((label.roman or next_part) and h is None and len(row.filled_cells) == 1 and "。" not in row.text
                and self.group):
            # Ⅱ 関係機関との連携 after the goals, or 2. 利用状況 after the goals listed under
            # 1. 今年度の重点取組: a new part of the report, not a goal's text
            self.part_number = None
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(_items_of(row))
            return
        if number is None and _GOAL_LIST_INTRO.search(row.compact) and self._list_follows():
            # 本年度の重点目標は次の２点とした。 / ① … / ② …: the goals are the numbered lines
            self.mode, self.section, self.group = "goal_list", None, []
            self.list_year = self._year_for(None, False)
            return
        if self.mode == "goal_list" and (number is not None or not self.group):
            # ① … ② … under a 重点目標 heading (or the one unnumbered goal it heads)
            label = _label(row)
            goal = self._new_goal(number, *self.list_year, implicit=True)
            goal.items.append(Item(headings.text_after(row.text, label.prefix_chars), row.start, row.end))
            self.group.append(goal)
            return
        if number is not None and (self.mode == "await_goals" or self._next_goal_number(number)
                                   or (self.mode in (None, "preamble") and self._content_follows())):
            self._implicit_goal(row, number)
            return
        if self.mode == "goal_list" and self.group:
            self.group[-1].items.extend(_items_of(row))
            return
        if self.mode == "goal_text" and self.group:
            self.group[-1].items.extend(_items_of(row))
            return
        if self.mode == "section" and self.section is not None:
            items = _items_of(row)
            if number is not None:
                self.section.numbers.add(number)
            self.section.items.extend(items)
            return
        if self.mode != "preamble":
            self.leftovers.extend(_items_of(row))

    def _in_goal_column(self, row: Row) -> bool:
        """Whether the row's first filled cell is the goal table's goal column."""
        first = next((i for i, c in enumerate(row.cells) if c), None)
        return first is not None and self.columns.get(first) == headings.GOAL

    def _table_goal(self, row: Row) -> None:
        """One row of a goal table (重点目標 | 取組内容 | 成果 | 課題 columns): a goal block."""
        cells = row.cells
        goal_col = next((i for i, k in self.columns.items() if k == headings.GOAL), None)
        if goal_col is None:
            goal_col = next((i for i, c in enumerate(cells) if c and i not in self.columns), None)
        if goal_col is None:
            # every cell is under a section column (成果 | 課題 below a goal stated above):
            # the sections of that goal, if there is one
            if self.table_goal is not None:
                self._table_sections(row, self.table_goal)
            else:
                self.leftovers.extend(_items_of(row))
            return
        goal_cell = cells[goal_col] if goal_col < len(cells) else []
        text = " ".join(goal_cell)
        if not text and self.table_goal is not None:
            # the goal's cell is merged down over this row: more of the same goal's sections
            self._table_sections(row, self.table_goal)
            return
        label = headings.label_form(text)
        # the goal column's header may state the goals' year (令和5年度の重点目標（案）)
        year, year_label, is_next = self._year_for(self.table_year or self.pending_year, self.phase == "next")
        year_col = next((i for i, k in self.columns.items() if k == _YEAR_KEY), None)
        stated = wareki.find_years(" ".join(cells[year_col])) if year_col is not None and year_col < len(cells) else []
        if stated:
            year, year_label, is_next = stated[0].year_from, _year_label(stated[0].label, stated[0].year_from), False
        number, goal_text = label.number, headings.text_after(text, label.prefix_chars)
        own = headings.heading_key(text)
        if own is not None and own.key == headings.GOAL and own.number is not None and own.rest:
            number, goal_text = own.number, own.rest  # 重点目標1 / 乳幼児の親子が…: the cell's own label
        goal = self.table_goal = self._new_goal(number, year, year_label, is_next)
        goal.items.append(Item(goal_text, row.start, row.end))
        self._table_sections(row, goal)

    def _table_sections(self, row: Row, goal: Goal) -> None:
        """A goal table row's section cells, each added to that goal's section of its kind,
        and its rating cell."""
        cells = row.cells
        for col, key in self.columns.items():
            if key == _GRADE_KEY and col < len(cells):
                value = norm(" ".join(cells[col])).strip()
                if _GRADE_VALUE.match(value):
                    goal.grades["自己"] = value
                continue
            if key in _YEARLY_SECTIONS and col < len(cells) and cells[col]:
                for text in cells[col]:
                    # a 成果と課題 cell: 【成果】… and 【課題】… each to its own section
                    own = _labelled_item(text)
                    if own is not None:
                        key, text = own, headings.heading_key(text).rest
                    kind = _YEARLY_SECTIONS[key]
                    section = next((x for x in self.sections if x.kind == kind and x.goals == [goal]), None)
                    if section is None:
                        section = Section(kind, [goal])
                        self.sections.append(section)
                    section.items.append(Item(text, row.start, row.end))

    def _long_row(self, row: Row) -> None:
        """One row of a table with a row per part of a goal (年度 | 目標番号 | 項目 | 内容,
        an open-data export): the 項目 cell says which part of which goal the text is."""
        def cell(role):
            col = next((i for i, r in self.columns.items() if r == role), None)
            return " ".join(row.cells[col]) if col is not None and col < len(row.cells) else ""

        text = [Item(t, row.start, row.end) for t in row.cells[next(
            i for i, r in self.columns.items() if r == "text")] if t.strip()] if cell("text") else []
        h = headings.heading_key(cell("part")) if cell("part") else None
        key = h.key if h else None
        stated = wareki.find_years(cell("year")) if cell("year") else []
        if stated:
            year, label, is_next = stated[0].year_from, _year_label(stated[0].label, stated[0].year_from), False
        else:
            year, label, is_next = self._year_for(None, key == headings.NEXT)
        digits = re.search(r"\d+", norm(cell("number")))
        number = int(digits.group(0)) if digits else None
        if key not in (headings.GOAL, headings.NEXT, *_YEARLY_SECTIONS):
            self.leftovers.extend(text)
            return
        is_next = is_next or key == headings.NEXT or bool(h.is_next)
        if number is None and key in (headings.GOAL, headings.NEXT):
            number = 1 + sum(1 for (y, n, nx) in self.long_goals if y == year and nx == is_next)
        if number is None:
            number = max((n for (y, n, nx) in self.long_goals if y == year and nx == is_next), default=1)
        goal = self.long_goals.get((year, number, is_next))
        if goal is None:
            goal = self.long_goals[(year, number, is_next)] = self._new_goal(number, year, label, is_next)
        if key in (headings.GOAL, headings.NEXT):
            goal.items.extend(text)
        else:
            section = Section(_YEARLY_SECTIONS[key], [goal])
            section.items = text
            self.sections.append(section)

    def _list_follows(self) -> bool:
        """Whether the next non-blank row is a numbered line that is not itself a heading."""
        if self.following is None or _heading(self.following) is not None:
            return False
        return _label(self.following).number is not None

    def _column_row(self, row: Row, key: str) -> None:
        """One row of a goal-per-column table (項目 | 重点目標1 | 重点目標2): the row's
        label says which part of every goal its cells hold."""
        for col, number in self.goal_columns.items():
            cell = row.cells[col] if col < len(row.cells) else []
            if not cell:
                continue
            goal = self.column_goals.get(col)
            stated = wareki.find_years(self.column_years.get(col) or "")
            if goal is None and stated:
                year, year_label = stated[0].year_from, _year_label(stated[0].label, stated[0].year_from)
                goal = self.column_goals[col] = self._new_goal(number, year, year_label, False)
            if goal is None:
                year, year_label, is_next = self._year_for(self.pending_year, self.phase == "next")
                goal = self.column_goals[col] = self._new_goal(number, year, year_label, is_next)
            items = [Item(t, row.start, row.end) for t in cell if t.strip()]
            if key == headings.GOAL:
                goal.items.extend(items)
            else:
                section = Section(_YEARLY_SECTIONS[key], [goal])
                section.items = items
                self.sections.append(section)

    def _heads_a_goal(self) -> bool:
        """A year alone on a line is the year of the goal heading below it (a year
        alone elsewhere, such as a table header cell, is text)."""
        following = _heading(self.following) if self.following is not None else None
        return following is not None and following.key in (headings.GOAL, headings.NEXT)

    def _stated_goal(self, number: int) -> Goal | None:
        """The goal numbered `number` already stated in the part being read (this year's
        goals, or next year's), if any."""
        is_next = self.phase == "next"
        return next((g for g in reversed(self.goals) if g.no == number and g.is_next == is_next and g.items), None)

    def _content_follows(self) -> bool:
        """Whether the next non-blank row is a 取組内容 heading (a numbered goal line
        in a report that never says 重点目標: 1. 多胎児を… / 取組：…)."""
        following = _heading(self.following) if self.following is not None else None
        return following is not None and following.key == headings.CONTENT

    def _heads_a_part(self) -> bool:
        """A year alone on a line above an evaluation heading, a title or a goal table's
        header (a workbook's sheet named R4) is the year of the part it heads."""
        if self.following is None:
            return False
        following = _heading(self.following)
        return ((following is not None and following.key == headings.EVAL)
                or _is_title(self.following, following) or _goal_table_columns(self.following) is not None)

    def _next_goal_number(self, number: int) -> bool:
        """A numbered line after a goal's sections that continues the goals' numbering
        (1. goal, its sections, 2. goal …) rather than the current section's items."""
        if self.mode != "section" or self.section is None or len(self.group) != 1:
            return False
        goal = self.group[0]
        if not goal.implicit or number != goal.no + 1:
            return False
        # an item list 1. 2. … of the section continues; a goal line is followed by its 取組内容
        following = _heading(self.following) if self.following is not None else None
        return (number - 1) not in self.section.numbers or (
            following is not None and following.key == headings.CONTENT)

    def _implicit_goal(self, row: Row, number: int) -> None:
        """A goal written as a numbered line, without the word 重点目標."""
        year, label, is_next = self._year_for(self.pending_year, self.phase == "next")
        self.pending_year = None
        goal = self._new_goal(number, year, label, is_next, implicit=True)
        goal.items.append(Item(headings.text_after(row.text, _label(row).prefix_chars), row.start, row.end))
        # further numbered lines may list more goals before their sections start
        self.group, self.section, self.mode = [goal], None, "goal_list"
        self.list_year = (year, label, is_next)

    def _goal_header(self, row: Row, h: headings.Heading) -> None:
        year, label, is_next = self._year_for(h.year or self.pending_year, h.is_next)
        self.pending_year = None
        if is_next:
            self.phase = "next"
        number = h.number
        label_at = _section_label_cell(row)
        if label_at is not None:
            # 重点目標１ … | 取組内容 | 区の両親教室で…: the goal, then its first section
            goal_row = Row(row.cells[:label_at[0]], row.start, row.end, row.source)
            inline = _items_of(goal_row, skip_first=True, rest=h.rest)
        else:
            inline = _items_of(row, skip_first=True, rest=h.rest)
        stated = self._stated_goal(number) if number is not None and not h.refers and inline else None
        if (stated is not None and self.mode == "section" and self.section is not None
                and stated not in self.section.goals and stated.year == year and self.goals_up_front >= 2):
            # the goals listed up front, then 取組内容 / 目標１：… / 目標２：…: a section heading
            # over every goal's text, each line naming its goal — this line is that goal's part
            self.section = Section(self.section.kind, [stated], items=inline)
            self.sections.append(self.section)
            self.group = [stated]
            return
        self.section = None
        if h.refers:
            # 目標1について: the sections below belong to goal 1 stated above.
            stated = next((g for g in reversed(self.goals)
                           if g.no == number and g.year == year and g.is_next == is_next), None)
            self.group = [stated or self._new_goal(number, year, label, is_next)]
            self.mode = None
            return
        if (number is None and inline and len(self.group) == 1 and not self.group[0].items
                and self.group[0].year == year and self.group[0].is_next == is_next):
            # 重点目標1 as a heading, then a 重点目標 | text row: the text of that goal
            self.group[0].items.extend(inline)
            self.mode = None
            return
        if not inline and number is not None and number == _label(row).number and self._list_follows():
            # "1 今年度の重点目標" above (1) … (2) …: the 1 numbers the report's part, not a goal.
            self.part_number, self.part_style = number, _number_style(_label(row))
            number = None
        if number is None and not inline:
            # A heading above a list of goals (①… ②… ③… on the following lines).
            self.mode, self.group, self.list_year = "goal_list", [], (year, label, is_next)
            return
        goal = self._new_goal(number, year, label, is_next)
        goal.items.extend(inline)
        self.group = [goal]
        self.mode = "goal_text" if not inline else None
        if label_at is not None:
            col, key = label_at
            self.section = Section(_YEARLY_SECTIONS[key], [goal])
            self.section.items = _items_of(Row(row.cells[col + 1:], row.start, row.end, row.source))
            self.sections.append(self.section)
            self.mode = "section"


# A heading's year with the other calendar's year run on once brackets are gone:
# 令和52023年度 (令和5（2023）年度), 2023令和5年度 (2023（令和5）年度).
_RUN_ON_YEARS = re.compile(r"(?:令和|平成)(?:元|\d{1,2})(?:19|20)\d{2}年|(?:19|20)\d{2}(?:令和|平成)")



def _number_style(label: headings.Label) -> tuple:
    """How a line's number is written — roman (Ⅱ), in brackets ((2)), under a part (Ⅰ-2) or
    plain (2.) — so the next part (2. 利用状況) is told from the next goal ((2) 父親の…)."""
    return (label.roman, label.bracketed, label.parent is not None)


def _year_label(label: str, year: int) -> str:
    """A year as written, in the matching form; a run-on pair (令和52023年度) as its 和暦."""
    return wareki.western_to_label(year) if _RUN_ON_YEARS.search(norm(label)) else norm(label)


_YEARLY_SECTIONS = {headings.CONTENT: records.CONTENT, headings.OUTCOME: records.OUTCOME,
                    headings.ISSUE: records.ISSUE}

# A goal's rating line: 【評価】○, 自己評価：Ｂ（おおむね達成）, 達成度 A, 5 総合評価 3.
_GOAL_GRADE = re.compile(
    r"^[\W\d]*?(?:(?:\d{1,2}|[IVX]{1,4})[\s.．、:：)）]+)?[\s\W]*"
    r"(?:総合|自己)?(?:評価(?:結果)?|達成度|評定)(?:[(（](?P<who>法人|区)[)）])?"
    r"[\s\]】)）〕］》>＞:：]*(?P<value>[^\s(（]*)(?P<rest>.*)$")


def _is_grade_label(row: Row) -> bool:
    """評価, 自己評価, 達成度 alone on a line: the label of a grade written below it."""
    return len(row.filled_cells) == 1 and bool(_GRADE_LABEL.fullmatch(_label(row).text))


_GRADE_LABEL = re.compile(r"(?:総合|自己)?(?:評価(?:結果)?|達成度|評定)(?:[(（](?:法人|区)[)）])?")


def _goal_grade(text: str) -> tuple[str, str] | None:
    """A rating line of a yearly report: (whose, the grade), else None."""
    m = _GOAL_GRADE.match(norm(text))
    if not m or not _GRADE_VALUE.match(m.group("value")):
        return None
    rest = m.group("rest").strip()
    if rest and not rest.startswith(("(", "（")):
        return None
    return (m.group("who") or "自己", m.group("value"))


# The generic header of a two-column table of labelled rows (区分 | 内容, 項目 | 記載内容).
_COLUMN_HEADER = re.compile(r"(?:区分|項目|内容|記載内容|記入欄|詳細|説明|備考)")


def _is_column_header(row: Row) -> bool:
    """区分 | 内容, 重点目標 | 項目 | 内容: a table's header row of generic column names (and
    bare labels), which says how to read the rows below and holds no text of its own."""
    cells = [" ".join(c) for c in row.cells if c]
    generic = [c for c in cells if _COLUMN_HEADER.fullmatch(headings.label_form(c).text)]

    def bare_label(cell):
        h = headings.heading_key(cell)
        return h is not None and h.key in (headings.GOAL, *_YEARLY_SECTIONS) and not h.rest and h.number is None

    return len(cells) >= 2 and bool(generic) and all(c in generic or bare_label(c) for c in cells)


# A table with a row per part of a goal: the column naming the part (項目: 重点目標 / 取組内容 /
# 取組の成果 …), the column of its text (内容), and optionally the goal's number and year.
_PART_COLUMN = re.compile(r"(?:記載)?項目|区分|種別|分類")
_TEXT_COLUMN = re.compile(r"(?:記載|記述)?内容|本文|記述")
_NUMBER_COLUMN = re.compile(r"(?:重点)?目標(?:番号|No\.?|NO\.?)|番号|No\.?|NO\.?")


def _long_table_columns(row: Row) -> dict[int, str] | None:
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


# A section label in brackets run on after a sentence: 「…設けた。（成果）外国に…」.
_RUN_ON_LABEL = re.compile(r"(?<=[。．])[ \u3000]*(?=[（(【〔［\[][^（()）【】〔〕［］\[\]]{1,12}[）)】〕］\]])")


def _run_on_labels(row: Row) -> list[Row] | None:
    """A one-cell row holding several sections, each opened by a bracketed label after the
    previous one's sentence — or each an item of the cell (a Word form's nested table:
    重点目標１ … <br> 取組内容 … <br> 取組の成果 …): the row split at those labels (None
    when it has none)."""
    if len(row.filled_cells) != 1:
        return None
    items = row.items
    if len(items) > 1:
        # a label with its text (取組内容 地区ごとの…), or a bare label with its text on the
        # next line of the cell (取組内容 / ひろばに相談コーナーを…)
        cuts = [i for i, item in enumerate(items)
                if i and (_labelled_item(item) or (i + 1 < len(items) and _bare_section_label(item)))]
        if not cuts or headings.heading_key(items[0]) is None:
            return None
        bounds = [0, *cuts, len(items)]
        return [Row([items[a:b]], row.start, row.end, row.source) for a, b in zip(bounds, bounds[1:])]
    text = items[0]
    cuts = [m.end() for m in _RUN_ON_LABEL.finditer(text)
            if (h := headings.heading_key(text[m.end():])) is not None and h.key in _YEARLY_SECTIONS]
    if not cuts or headings.heading_key(text) is None:
        return None
    bounds = [0, *cuts, len(text)]
    return [Row([[text[a:b].strip()]], row.start, row.end, row.source) for a, b in zip(bounds, bounds[1:])]


def _labels_then_values(rows: list[Row]) -> list[Row]:
    """Rows with a run of bare section labels followed by as many text lines (取組内容 /
    取組の成果 / 取組の課題 / text / text / text: a PDF table's label column extracted before
    its text column) paired label by label; other rows as they are. The run must be of at
    least two labels and the count of text lines up to the next blank line, heading or
    end must match it exactly (an empty section followed by the next label stays as it is)."""
    def bare_label(row):
        h = _heading(row) if row.cells else None
        return h.key if h is not None and h.key in _YEARLY_SECTIONS and not h.rest \
            and len(row.filled_cells) == 1 else None

    out: list[Row] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and bare_label(rows[j]):
            j += 1
        k = j
        while k < len(rows) and rows[k].cells and _heading(rows[k]) is None and len(rows[k].filled_cells) == 1:
            k += 1
        if j - i >= 2 and k - j == j - i:
            for label, value in zip(rows[i:j], rows[j:k]):
                out.append(Row([[label.first], *value.cells], label.start, value.end, value.source))
            i = k
            continue
        out.append(rows[i])
        i += 1
    return out


# A heading of notes after a report's goals: （注）, 注記, ※注, 備考.
_NOTES = re.compile(r"※?(?:注|注記|注釈|備考)")


# A sentence that introduces the goals as the numbered lines below it.
_GOAL_LIST_INTRO = re.compile(r"目標(?:は|を|として)[^。]{0,20}(?:次の|以下の)|(?:次の|以下の)[^。]{0,10}を(?:重点)?目標")


def _bare_section_label(text: str) -> bool:
    h = headings.heading_key(text)
    return h is not None and h.key in _YEARLY_SECTIONS and not h.rest


def _labelled_item(text: str) -> str | None:
    """The section an item opens with its own label and text (【課題】オンラインを…,
    取組内容 地区ごとの…): its heading key, else None."""
    h = headings.heading_key(text)
    return h.key if h is not None and h.key in _YEARLY_SECTIONS and h.rest else None


def _sub_header(row: Row, columns: dict[int, str]) -> dict[int, str] | None:
    """A goal table header's second row, under cells spanning columns (取組 over 内容 |
    成果): the columns with what each now holds (成果 -> outcome, 内容 under 取組 -> its
    parent's), or None when the row is not all labels."""
    cells = {i: " ".join(c) for i, c in enumerate(row.cells) if c}
    if not cells:
        return None
    refined = dict(columns)
    for i, text in cells.items():
        h = headings.heading_key(text)
        if h is not None and h.key in (headings.GOAL, *_YEARLY_SECTIONS) and not h.rest:
            refined[i] = h.key
        elif not _COLUMN_HEADER.fullmatch(headings.label_form(text).text):
            return None
    return refined


def _section_label_cell(row: Row) -> tuple[int, str] | None:
    """In a row opened by a goal, a later cell that is a bare section label (取組内容) with
    text after it: (its column, its heading key)."""
    for i, cell in enumerate(row.cells[1:-1], 1):
        if not cell or not any(row.cells[i + 1:]):
            continue
        h = headings.heading_key(" ".join(cell))
        if h is not None and h.key in _YEARLY_SECTIONS and not h.rest:
            return i, h.key
    return None


def _goals_by_position(row: Row, following: Row | None) -> dict[int, int] | None:
    """目標 | goal text | goal text, followed by 取組内容 | text | text: a table with one
    goal per column whose header does not number them (重点目標 spanning the columns):
    column index -> goal number, in column order."""
    h = _heading(row)
    if h is None or h.key != headings.GOAL or h.number is not None or h.rest or following is None:
        return None
    below = _heading(following)
    cols = [i for i, c in enumerate(row.cells) if c][1:]
    below_cols = [i for i, c in enumerate(following.cells) if c][1:]
    if len(cols) < 2 or below is None or below.key not in _YEARLY_SECTIONS or below_cols != cols:
        return None
    return {col: k for k, col in enumerate(cols, 1)}


def _year_per_column(row: Row) -> dict[int, str] | None:
    """A table header with one fiscal year per column after the row labels (項目 | 令和３年度 |
    令和４年度: two years' goals compared): column index -> the year as written."""
    if len(row.filled_cells) < 3 or (row.cells[0] and not _COLUMN_HEADER.fullmatch(_label(row).text)):
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


def _goal_per_column(row: Row) -> dict[int, int] | None:
    """A table header with one numbered goal per column after the row labels
    (項目 | 重点目標1 | 重点目標2): column index -> goal number."""
    if len(row.filled_cells) < 3:
        return None
    numbers: dict[int, int] = {}
    for i, cell in enumerate(row.cells[1:], 1):
        if not cell:
            continue
        h = headings.heading_key(" ".join(cell))
        if h is None or h.key != headings.GOAL or h.number is None or h.rest:
            return None
        numbers[i] = h.number
    if len(numbers) >= 2 and len(set(numbers.values())) == len(numbers):
        return numbers
    return None


def _goal_table_columns(row: Row) -> dict[int, str] | None:
    """A table header row naming a goal block's parts in its cells
    (重点目標 | 取組内容 | 取組の成果 | 取組の課題): column index -> heading key. A table of
    figures (指標 | 目標 | 実績: an indicator's target and actual value) is none."""
    if len(row.filled_cells) < 2 or any(_FIGURES_COLUMN.fullmatch(headings.label_form(" ".join(c)).text)
                                        for c in row.cells if c):
        return None
    columns: dict[int, str] = {}
    for i, cell in enumerate(row.cells):
        h = headings.heading_key(" ".join(cell)) if cell else None
        if h is not None and h.key in (headings.GOAL, *_YEARLY_SECTIONS) and not h.rest and h.number is None:
            columns[i] = h.key
        elif cell and _YEAR_COLUMN.fullmatch(headings.label_form(" ".join(cell)).text):
            columns[i] = _YEAR_KEY
        elif cell and _GRADE_LABEL.fullmatch(headings.label_form(" ".join(cell)).text):
            columns[i] = _GRADE_KEY  # 評価 | Ａ: the goal's rating
    if len([k for k in columns.values() if k not in (_YEAR_KEY, _GRADE_KEY)]) >= 2 and any(
            k in _YEARLY_SECTIONS for k in columns.values()):
        return columns
    return None


# The indicator column of a table of figures inside a goal (指標 | 目標 | 実績, 目標値 | 実績値).
_FIGURES_COLUMN = re.compile(r"(?:評価|成果|活動|数値)?指標(?:名)?|数値目標|目標値|実績値|目標数値")


# A goal table's column of fiscal years (a table of several years' goals: open data,
# a ward's yearly list): each row's goal is of the year in that column.
_YEAR_COLUMN = re.compile(r"(?:対象|実施|評価)?年度")
_YEAR_KEY = "year"
_GRADE_KEY = "grade"


def _split_by_goal(section: Section) -> list[tuple[Goal | None, list[Item]]]:
    """A section written for a list of goals, split by its ①②③ items."""
    if len(section.goals) <= 1:
        return [(section.goals[0] if section.goals else None, section.items)]
    by_no = {g.no: g for g in section.goals}
    parts: dict[int, list[Item]] = {}
    current = section.goals[0].no
    for item in section.items:
        n = headings.leading_number(item.text)
        if n in by_no:
            current = n
        parts.setdefault(current, []).append(item)
    return [(by_no[n], items) for n, items in parts.items()]


def _bigrams(text: str) -> set[str]:
    s = re.sub(r"[\s\W]", "", norm(text))
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / (len(x | y) or 1)


def _reattach_outcomes(goals: list[Goal], owned: list[tuple[Goal | None, str, list[Item]]]):
    """Attach 成果/課題 blocks to the right goal by content when positions disagree.

    PDF text can put a goal's outcome block pages away from the goal (港南区's
    report opens with goal ①'s 成果). Blocks are paired (成果 then its 課題) and,
    if their positions do not give each evaluated goal exactly one pair, assigned
    one-to-one by character-bigram similarity to each goal's text and 取組内容.
    """
    eval_goals = [g for g in goals if not g.is_next]
    units: list[list[int]] = []
    for idx, (goal, kind, _items) in enumerate(owned):
        if goal is not None and goal.is_next or kind not in (records.OUTCOME, records.ISSUE):
            continue
        previous = owned[units[-1][-1]] if units else None
        if (kind == records.ISSUE and previous and previous[1] == records.OUTCOME
                and previous[0] is goal and len(units[-1]) == 1):
            units[-1].append(idx)
        else:
            units.append([idx])
    if not units or not eval_goals:
        return owned
    owners = [(owned[i][0], owned[i][1]) for u in units for i in u]
    positional_ok = (all(g is not None for g, _k in owners)
                     and len({(id(g), k) for g, k in owners}) == len(owners))
    if positional_ok:
        return owned
    profile = {}
    for g in eval_goals:
        content = " ".join(" ".join(i.text for i in items) for goal, kind, items in owned
                           if goal is g and kind == records.CONTENT)
        profile[id(g)] = g.text + " " + content
    unit_text = [" ".join(i.text for idx in u for i in owned[idx][2]) for u in units]
    scores = [[_similarity(unit_text[u], profile[id(g)]) for g in eval_goals] for u in range(len(units))]
    best: tuple[float, tuple[int, ...]] | None = None
    if len(units) <= len(eval_goals) <= 7:
        for perm in itertools.permutations(range(len(eval_goals)), len(units)):
            total = sum(scores[u][g] for u, g in enumerate(perm))
            if best is None or total > best[0]:
                best = (total, perm)
        assignment = best[1]
    else:  # greedy: each block to its most similar goal
        assignment = tuple(max(range(len(eval_goals)), key=lambda g: scores[u][g]) for u in range(len(units)))
    result = list(owned)
    for u, g in zip(units, assignment):
        for idx in u:
            _goal, kind, items = result[idx]
            result[idx] = (eval_goals[g], kind, items)
    return result


# --- five-year summaries ---------------------------------------------------------


class _FiveYearParser:
    """Programme blocks of a five-year summary, read by heading meaning.

    The 目指す拠点の姿 table gives each programme's aims with their prior issues and
    self-evaluation grades (法人 / 区), however the table was laid out: cells on
    one line (tabs or " | ") or one cell per line.
    """

    def __init__(self, rows: list[Row], programme_names: dict[int, str]):
        self.rows = rows
        self.names = programme_names
        self.programme: int | None = None
        self.mode: str | None = None
        self.section: Section | None = None
        self.sections: list[Section] = []
        self.aims: dict[int, dict[int, Item]] = {}
        self.grades: dict[tuple[int, int], dict[str, str]] = {}
        self.leftovers: list[Item] = []
        self.current_no: int | None = None  # aim number of the sub-heading being read
        self.aim_no: int | None = None  # the aims-table row being read
        self.pending_grades: list[str] = []
        self.priors: dict[tuple[int, int], Section] = {}
        self.overview: list[Section] = []  # the preamble's prose rows
        self.columns: dict[int, str] = {}  # a programme table's header: column -> role
        self.table_row = 0
        self.who_columns: dict[int, str] = {}  # a grade table's header (評価項目 | 法人 | 区)

    def parse(self):
        for row in self.rows:
            if row.cells:
                self._row(row)
        return self.sections, self.aims, self.grades, self.leftovers

    def _start(self, kind: str, row: Row, rest: str) -> None:
        if self.programme is None:
            self.programme = 1
        self.section = Section(kind, [], programme=self.programme)
        self.sections.append(self.section)
        self.mode = "section"
        self.current_no = None
        if rest:
            self._add(Row([[rest]], row.start, row.end))
        first, *others = row.cells
        self._add(Row([first[1:]] + others, row.start, row.end))

    def _is_aim_heading(self, text: str, number: int | None) -> bool:
        """A line repeating (a shortened form of) the programme's aim ① … as a heading."""
        aim = self.aims.get(self.programme, {}).get(number)
        if aim is None:
            return False
        a, t = norm(aim.text).rstrip("。"), norm(text).rstrip("。")
        return a.startswith(t) or t.startswith(a)

    def _add(self, row: Row) -> None:
        items = _items_of(row)
        for item in items:
            label = headings.label_form(item.text)
            arrow = norm(item.text).startswith("⇒")
            if (label.number is not None or arrow) and self.section.kind in (
                    records.REASON_OPERATOR, records.REASON_WARD):
                number = label.number if label.number is not None else self.current_no
                short = len(item.text) <= 60 and not norm(item.text).endswith("。")
                item.heading = len(items) == 1 and "|" not in item.text and (
                    short or self._is_aim_heading(item.text, number))
                if item.heading or label.marked:
                    self.current_no = number
                item.number = number
            elif self.current_no is not None:
                item.number = self.current_no
            self.section.items.append(item)

    def _programme_heading(self, row: Row) -> tuple[int, str] | None:
        """'2 子育て相談事業', '(2) 子育て相談事業', '【2 子育て相談事業】', or a line naming
        one of the programmes by name ('子育て相談事業', '事業2 子育て相談事業')."""
        label = _label(row)
        if not label.text.endswith("事業") and len(row.filled_cells) == 1:
            return self._short_programme_heading(row, label) or self._numbered_programme_line(label)
        if not label.text.endswith("事業") or len(label.text) > 40 or len(row.filled_cells) != 1:
            return None
        number = label.number
        if number is None:
            number = self._programme_named(label.text)
        if number is None or not 1 <= number <= 7 or number <= (self.programme or 0):
            return None
        return number, norm(headings.text_after(row.first, label.prefix_chars)).strip()

    def _short_programme_heading(self, row: Row, label: headings.Label) -> tuple[int, str] | None:
        """A programme named in short as a bracketed title, its grades possibly beside it:
        '【①親子の居場所】 自己評価 法人：Ｂ 区：Ｂ', '［2 子育て相談］'. The number and the
        words must agree, so a numbered aim (①…の場) is not taken for a programme."""
        m = _BRACKETED_NAME.match(norm(row.text))
        if not m:
            return None
        name = headings.label_form(m.group("name"))
        numbered = _PROGRAMME_NUMBER_NAME.match(name.text)
        if numbered and name.number is None and m.group("rest").strip():
            # ＜事業１＞親子の居場所: the number in the brackets, the name after them
            rest = headings.label_form(m.group("rest"))
            name = headings.Label(f"{numbered.group('no')} {rest.text}", int(numbered.group("no")), True, 0)
            if programme_by_words(rest.text) != name.number and self._programme_named(rest.text) != name.number:
                return None
            return name.number, rest.text
        number = name.number
        if number is None or not 1 <= number <= 7 or number <= (self.programme or 0) or len(name.text) > 20:
            return None
        if programme_by_words(name.text) != number and self._programme_named(name.text) != number:
            return None
        grades = dict((who, g) for who, g in _INLINE_GRADE.findall(m.group("rest")))
        if grades:
            aim_no = len(self.aims.get(number, {})) + 1
            self.aims.setdefault(number, {})[aim_no] = Item(
                headings.text_after(m.group("name"), name.prefix_chars), row.start, row.end, number=aim_no)
            self.grades[(number, aim_no)] = grades
        return number, name.text

    def _numbered_programme_line(self, label: headings.Label) -> tuple[int, str] | None:
        """A short line numbering a programme by its words: '① 親子の居場所', '4. 支援者
        ネットワーク' — the number and the words must name the same programme (so a
        numbered aim or item is not taken for one), and it comes after the current one."""
        number = label.number
        if (number is None or not label.marked or not 1 <= number <= 7 or number <= (self.programme or 0)
                or len(label.text) > 20 or "。" in label.text):
            return None
        if programme_by_words(label.text) != number and self._programme_named(label.text) != number:
            return None
        return number, label.text

    def _programme_named(self, text: str) -> int | None:
        key = _name_key(re.sub(r"^事業\d", "", text))
        for number, name in list(self.names.items()) + list(records.PROGRAMMES.items()):
            if key == _name_key(name):
                return number
        return None

    def _row(self, row: Row) -> None:
        pieces = _run_on_labels(row)
        if pieces:
            # （取組）…。（成果）…。（課題）…。 on one line: each label and its text in turn
            for piece in pieces:
                self._row(piece)
            return
        h = _heading(row)
        key = h.key if h else None
        columns = _programme_table_columns(row)
        if columns:
            self.mode, self.section, self.columns, self.table_row = "programme_table", None, columns, 0
            return
        if self.mode == "programme_table":
            if len(row.filled_cells) >= 2 and self._table_programme(row):
                return
            self.mode = None
        programme = self._programme_heading(row)
        if programme:
            self.programme = programme[0]
            self.names.setdefault(self.programme, programme[1])
            self.mode, self.section = None, None
            return
        if key == headings.AIMS:
            if self.programme is None:
                self.programme = 1
            self.mode, self.section, self.aim_no = "aims", None, None
            return
        if self.mode == "aims" and h is None and self._aims_table_row(row):
            return
        who_columns = _who_columns(row) if self.programme else None
        if who_columns:
            self.mode, self.section, self.who_columns = "grade_table", None, who_columns
            return
        if self.mode == "grade_table":
            grades = _grade_table_row(row, self.who_columns)
            if grades:
                self._programme_grades(grades, row)
                return
            self.mode = None
        grades = _programme_grade_line(row) if self.programme and self.mode != "aims" else None
        if grades:
            # 自己評価：A（法人） B（区） under a programme heading: the programme's grades
            self._programme_grades(grades, row)
            self.mode, self.section = None, None
            return
        if key == headings.OVERVIEW:
            self.overview.append(_overview_start(row, h))
            self.mode, self.section = "overview", None
            return
        if _is_title(row, h) and self.mode == "section":
            return  # a page header repeating the title inside a programme
        if key == headings.PREAMBLE or _is_title(row, h):
            self.mode, self.section = "preamble", None
            return
        if key in _FIVE_YEAR_SECTIONS:
            self._start(_FIVE_YEAR_SECTIONS[key], row, h.rest)
            return
        if key == headings.RESULTS:
            self.mode, self.section = "results", None
            return
        if self.mode == "aims":
            self.mode = None
        if self.mode == "section" and self.section is not None:
            self._add(row)
        elif self.mode == "overview":
            _overview_add(self.overview[-1], row)
        elif self.mode not in ("preamble",):
            self.leftovers.extend(_items_of(row))

    def _programme_grades(self, grades: dict[str, str], row: Row) -> None:
        aim_no = len(self.aims.get(self.programme, {})) + 1
        name = self.names.get(self.programme) or records.PROGRAMMES[self.programme]
        self.aims.setdefault(self.programme, {})[aim_no] = Item(name, row.start, row.end, number=aim_no)
        self.grades[(self.programme, aim_no)] = grades

    def _table_programme(self, row: Row) -> bool:
        """One row of a programme table (事業 | 自己評価 | 成果 | 課題 columns): the
        programme's self-evaluation with its grades, and its 成果 / 課題 passages.
        False when the row names no programme (the table has ended)."""
        cells = row.cells
        name_col = next((i for i, role in self.columns.items() if role == "name"), 0)
        name = " ".join(cells[name_col]) if name_col < len(cells) else ""
        who_col = next((i for i, role in self.columns.items() if role == "who"), None)
        who = norm(" ".join(cells[who_col])).strip() if who_col is not None and who_col < len(cells) else ""
        who = "区" if who.endswith("区") else ("法人" if re.search(r"法人|拠点|運営", who) else None)
        if not name and self.table_row and self.programme is not None:
            # the programme's name cell spans this row too (rowspan): the row adds the
            # other evaluator's grade (評価者 区 | Ｂ) or more text to that programme
            return self._table_rest(row, self.programme, who)
        label = headings.label_form(name)
        number = label.number if label.number is not None and 1 <= label.number <= 7 else None
        number_col = next((i for i, role in self.columns.items() if role == "number"), None)
        stated = re.fullmatch(r"\s*([1-7])\s*", norm(" ".join(cells[number_col]))) \
            if number_col is not None and number_col < len(cells) else None
        if number is None and stated:
            number = int(stated.group(1))  # 事業番号 | 事業名: the number in its own column
        if number is None:
            number = self._programme_named(label.text) or programme_by_words(label.text)
        if number is None and name and self.table_row < 7:
            number = self.table_row + 1  # the seven programmes in their usual order
        if number is None or not name:
            return False
        self.table_row += 1
        self.programme = number
        self.names.setdefault(number, norm(headings.text_after(name, label.prefix_chars)).strip() or name)
        aim_no = len(self.aims.get(number, {})) + 1
        self.aims.setdefault(number, {})[aim_no] = Item(name, row.start, row.end, number=aim_no)
        self.grades[(number, aim_no)] = {}
        self._table_rest(row, number, who)
        return True

    def _table_rest(self, row: Row, number: int, who: str | None) -> bool:
        """A programme table row's grades (under whose the 評価者 cell says, else the
        column's) and its 成果 / 課題 cells, for programme `number`'s last aims row."""
        cells = row.cells
        grades = self.grades[(number, max(self.aims[number]))]
        found = False
        for col, role in self.columns.items():
            value = norm(" ".join(cells[col])).strip() if col < len(cells) else ""
            if role.startswith("grade:") and value:
                pairs = _INLINE_GRADE.findall(value)
                if pairs and not _GRADE_VALUE.match(value) and not re.search(r"\w", _INLINE_GRADE.sub("", value)):
                    grades.update(pairs)  # 法人Ａ／区Ｂ: both grades in one cell
                else:
                    grades[who or role[6:]] = value
                found = True
            elif role in _FIVE_YEAR_SECTIONS and value:
                section = Section(_FIVE_YEAR_SECTIONS[role], [], programme=number)
                section.items = [Item(t, row.start, row.end) for t in cells[col] if t.strip()]
                self.sections.append(section)
                found = True
        self.mode = "programme_table"
        return found

    def _aims_table_row(self, row: Row) -> bool:
        """Read one row of the 目指す拠点の姿 table; False when the table has ended.

        Beside an aim come its earlier issues (参考) and the grades, in the same row
        (cells) or on the following lines (one cell per line, or PDF-wrapped text
        ending with the grades)."""
        label = _label(row)
        if _AIMS_TABLE_HEADER.match(label.text) and len(label.text) <= 20 and label.number is None:
            return True  # 法人 / 区 / (参考)… / 自己評価(A~D): the table's header cells
        if label.number is not None and not _GRADE.match(label.text):
            self._aim_row(row, label.number)
            return True
        if self.aim_no is None:
            return False
        tokens = norm(row.text).split()
        if tokens and all(_GRADE.match(t) for t in tokens):
            self._add_grades(tokens)
            return True
        items = [i for c in row.cells for i in c]
        m = _TRAILING_GRADES.search(items[-1])
        if m:
            self._add_grades(norm(m.group(0)).split())
            items[-1] = items[-1][:m.start()].rstrip()
        items = [i for i in items if i.strip()]
        if not items:
            return True
        if (self.programme, self.aim_no) in self.priors or norm(items[0]).lstrip().startswith(_BULLET):
            self._add_prior(items, row)
        else:  # the aim's text wrapped onto the next line
            aim = self.aims[self.programme][self.aim_no]
            aim.text = aim.text + items[0]
            aim.end = row.end
            if items[1:]:
                self._add_prior(items[1:], row)
        return True

    def _aim_row(self, row: Row, number: int) -> None:
        cells = [list(c) for c in row.cells]
        first = next(i for i, c in enumerate(cells) if c)
        aim_cell, rest = cells[first], cells[first + 1:]
        grade_cells = []
        while rest and (not rest[-1] or _GRADE.match(norm(" ".join(rest[-1])).strip())):
            if rest[-1]:
                grade_cells.insert(0, norm(" ".join(rest[-1])).strip())
            rest = rest[:-1]
        if not grade_cells:
            # cells run together with spaces: "…場になっている。 ○… A B"
            last = rest[-1] if rest and rest[-1] else aim_cell
            m = _TRAILING_GRADES.search(last[-1])
            if m:
                grade_cells = norm(m.group(0)).split()
                last[-1] = last[-1][:m.start()].rstrip()
        if len(aim_cell) > 1 and not rest:
            aim_cell, rest = aim_cell[:1], [aim_cell[1:]]  # the issues beside the aim, in the same cell
        aim = Item(" ".join(aim_cell), row.start, row.end, number=number)
        self.aims.setdefault(self.programme, {})[number] = aim
        self.aim_no, self.pending_grades = number, []
        self.grades[(self.programme, number)] = {}
        self._add_grades(grade_cells)
        prior = [item for cell in rest for item in cell if item]
        if prior:
            self._add_prior(prior, row)

    def _add_grades(self, grades: list[str]) -> None:
        self.pending_grades.extend(grades)
        if len(self.pending_grades) >= 2:
            self.grades[(self.programme, self.aim_no)] = {
                "法人": norm(self.pending_grades[0]), "区": norm(self.pending_grades[1])}

    def _add_prior(self, texts: list[str], row: Row) -> None:
        """The previous period's issues (参考) beside an aim: a 課題 passage of that aim."""
        key = (self.programme, self.aim_no)
        section = self.priors.get(key)
        if section is None:
            section = Section(records.CHALLENGE, [], programme=self.programme, aim_no=self.aim_no)
            self.priors[key] = section
            self.sections.append(section)
        section.items.extend(Item(t, row.start, row.end, number=self.aim_no) for t in texts)


def _name_key(name: str) -> str:
    """A programme name for comparison: 人材育成・活動支援事業 = 人材育成、活動支援事業."""
    return re.sub(r"[\s・、,，.．()（）]", "", norm(name))


_FIVE_YEAR_SECTIONS = {
    headings.REASON_OPERATOR: records.REASON_OPERATOR, headings.REASON_WARD: records.REASON_WARD,
    headings.OUTCOME: records.RESULT, headings.ISSUE: records.CHALLENGE,
    headings.VIEWPOINT: records.VIEWPOINT,
}
assert set(_FIVE_YEAR_SECTIONS) == set(headings.FIVE_YEAR_SECTION_KEYS)


# A title in brackets at the start of a line, and what follows it.
_BRACKETED_NAME = re.compile(r"^\s*[【\[［〔〈《<＜]\s*(?P<name>[^】\]］〕〉》>＞]{2,30}?)\s*[】\]］〕〉》>＞](?P<rest>.*)$")
# A programme named by its number in the brackets, its name after them: ＜事業１＞親子の居場所.
_PROGRAMME_NUMBER_NAME = re.compile(r"^事業\s*(?P<no>[1-7])$")
# Grades written beside a programme: 法人：B 区：B, 法人 A／区 B.
_INLINE_GRADE = re.compile(r"(法人|区)\s*[:：]?\s*([A-DSＡ-ＤＳ◎○◯△×]|[1-5１-５])(?![\w])")
# Grades written after whose they are: A（法人） B（区）.
_GRADE_THEN_WHO = re.compile(r"([A-DSＡ-ＤＳ◎○◯△×]|[1-5１-５])\s*[(（](法人|区)[)）]")
_GRADE_LINE = re.compile(r"^[\W\d]*(?:自己)?評価(?:結果)?[\s:：]*(?P<rest>.+)$")


_WHO = {"法人": "法人", "運営法人": "法人", "拠点": "法人", "区": "区", "区役所": "区"}


def _who_columns(row: Row) -> dict[int, str] | None:
    """A grade table's header with a column per evaluator (評価項目 | 法人 | 区): column -> whose."""
    cells = [headings.label_form(" ".join(c)).text if c else "" for c in row.cells]
    who = {i: _WHO[c] for i, c in enumerate(cells) if c in _WHO}
    others = [c for i, c in enumerate(cells) if c and i not in who]
    if len(set(who.values())) < 2 or any(not _COLUMN_HEADER.fullmatch(c) and not _GRADE_HEADER.match(c)
                                         for c in others):
        return None
    return who


def _grade_table_row(row: Row, who_columns: dict[int, str]) -> dict[str, str] | None:
    """自己評価 | Ａ | Ｂ under a 法人 | 区 header: {whose: grade}."""
    label = headings.label_form(row.first).text
    if not _GRADE_HEADER.match(label):
        return None
    grades = {}
    for col, who in who_columns.items():
        value = norm(" ".join(row.cells[col])).strip() if col < len(row.cells) else ""
        if _GRADE_VALUE.match(value):
            grades[who] = value
    return grades or None


# Grades written as whose evaluation they are: 法人評価 Ａ ／ 区評価 Ｂ, 区の評価：B.
_WHO_EVAL_GRADE = re.compile(r"(法人|区)の?(?:自己)?評価\s*[:：]?\s*([A-DSＡ-ＤＳ◎○◯△×]|[1-5１-５])(?![\w])")


def _programme_grade_line(row: Row) -> dict[str, str] | None:
    """A line giving a programme's grades: 自己評価：A（法人） B（区）, 評価 法人：B 区：A,
    法人評価 A ／ 区評価 B."""
    m = _GRADE_LINE.match(norm(row.text))
    if not m:
        text = norm(row.text)
        grades = {who: g for who, g in _WHO_EVAL_GRADE.findall(text)}
        return grades if grades and not re.search(r"\w", _WHO_EVAL_GRADE.sub("", text)) else None
    rest = m.group("rest")
    grades = {who: g for g, who in _GRADE_THEN_WHO.findall(rest)}
    grades.update({who: g for who, g in _INLINE_GRADE.findall(rest)})
    left = _INLINE_GRADE.sub("", _GRADE_THEN_WHO.sub("", rest))
    return grades if grades and not re.search(r"\w", left) else None


# One grade as reports write them: A–D (S), ◎○△×, a point on a 4- or 5-point scale, or
# the words of a 4-level scale (達成 / おおむね達成 / 一部達成 / 未達成).
_GRADE_VALUE = headings.GRADE_VALUE
_GRADE_HEADER = headings.GRADE_HEADER


def _programme_table_columns(row: Row) -> dict[int, str] | None:
    """headings.programme_table_columns of a row's cells."""
    return headings.programme_table_columns([" ".join(c) for c in row.cells])


# The words that name each of the seven programmes however a report shortens or
# rewords them (親子の居場所づくり, 子育て相談, 情報収集・提供, ネットワーク,
# 人材育成・活動支援, 子育てサポートシステム, 利用者支援（横浜子育てパートナー）).
_PROGRAMME_WORDS = {
    1: ("居場所", "ひろば", "広場", "交流の場"),
    2: ("相談",),
    3: ("情報",),
    4: ("ネットワーク", "連携"),
    5: ("人材育成", "活動支援", "担い手"),
    6: ("サポートシステム", "子サポ", "預け", "預かり"),
    7: ("利用者支援", "子育てパートナー"),
}


def programme_by_words(text: str) -> int | None:
    """The programme a short label names by its words, when exactly one fits best."""
    s = norm(text)
    scores = {n: sum(1 for w in words if w in s) for n, words in _PROGRAMME_WORDS.items()}
    best = max(scores.values())
    if best == 0:
        return None
    top = [n for n, v in scores.items() if v == best]
    if len(top) == 1:
        return top[0]
    # a programme's own name outranks a word it shares (利用者支援 … 相談 is 7, not 2)
    own = [n for n in top if _PROGRAMME_WORDS[n][0] in s]
    return own[0] if len(own) == 1 else None


def _programme_names_from_rows(rows: list[Row]) -> dict[int, str]:
    """The report's own list of the seven programmes: 1 …(親子の居場所事業) 2 …"""
    names: dict[int, str] = {}
    text = "\n".join(row.normalized for row in rows)
    for m in re.finditer(r"(?<!\d)([1-7])\s*[^()（）\d]{4,80}?[(（]([^()（）]{2,40}事業)[)）]", text):
        names.setdefault(int(m.group(1)), m.group(2))
    return names


# --- passages ---------------------------------------------------------------------


def _chunks(items: list[Item]) -> list[list[Item]]:
    """Split a section's items into passages of at most MAX_CHARS, at headings first."""
    chunks: list[list[Item]] = []
    current: list[Item] = []
    size = 0
    for item in items:
        if current and (item.heading or size + len(item.text) > MAX_CHARS):
            # keep a heading with the items under it
            if not (current[-1].heading and size + len(item.text) <= MAX_CHARS * 2):
                chunks.append(current)
                current, size = [], 0
        current.append(item)
        size += len(item.text)
    if current:
        chunks.append(current)
    return chunks


class _PassageBuilder:
    def __init__(self, doc: records.Document):
        self.doc = doc
        self.passages: list[records.Passage] = []
        self.seen: set[str] = set()

    def add(self, path: str, kind: str, items: list[Item], *, year_from, year_to, year_label,
            goal_no=None, goal=None, programme=None, grades=None, unit: str | None = None) -> None:
        if not items:
            return
        for n, chunk in enumerate(_chunks(items) if kind not in (records.GOAL, records.NEXT_GOAL,
                                                                   records.SELF_EVAL) else [items]):
            text = "\n".join(i.text for i in chunk).strip()
            if not text:
                continue
            pid = f"{self.doc.doc_id}-{path}-{SECTION_SLUGS[kind]}" + (f"-{n + 1}" if n else "")
            while pid in self.seen:
                pid += "x"
            self.seen.add(pid)
            number = goal_no
            if number is None:
                heads = [i.number for i in chunk if i.number]
                number = heads[0] if heads and len(set(heads)) == 1 else None
            self.passages.append(records.Passage(
                passage_id=pid, doc_id=self.doc.doc_id, ward=self.doc.ward,
                fiscal_year_from=year_from, fiscal_year_to=year_to, year_label=year_label,
                section=kind, text=text, goal_no=number, goal=goal(number) if callable(goal) else goal,
                programme=programme,
                programme_name=self.doc.programmes.get(programme) if programme else None,
                doc_type=self.doc.doc_type, operator=self.doc.operator,
                source_file=self.doc.source, line_start=min(i.start for i in chunk),
                line_end=max(i.end for i in chunk), grades=grades,
                unit=f"{self.doc.doc_id}-{unit}" if unit else None,
            ))


def _paragraph_items(rows: list[Row]) -> list[Item]:
    """Unstructured text: paragraphs (runs of non-blank rows) as heading-separated items."""
    items: list[Item] = []
    new_paragraph = True
    for row in rows:
        if not row.cells:
            new_paragraph = True
            continue
        for k, item in enumerate(_items_of(row)):
            item.heading = new_paragraph and k == 0
            items.append(item)
        new_paragraph = False
    return items


def parse_text(text: str, source: str, doc_id: str, encoding: str | None = None,
               context: tuple[str, ...] = ()) -> ParsedDocument:
    """Parse one decoded report into its Document and Passages.

    One direction: the text is normalised once into rows (`clean.to_rows`), the
    detectors (`metadata.detect`) and the structure parsers read those rows;
    `context` (a web page's title and footer, see load.result.Extracted) and the
    file name `source` only fill in a ward the text does not name.
    """
    raw, rows = to_rows(text)
    found = metadata.detect(rows, raw, context=context, source=source)
    doc = records.Document(
        doc_id=doc_id, source=source, ward=found.ward,
        fiscal_year_from=None, fiscal_year_to=None, year_label=None, doc_type=found.doc_type,
        operator=found.operator, hub=found.hub,
        title=_title(rows, found.doc_type),
        encoding=encoding,
    )
    builder = _PassageBuilder(doc)
    try:
        if found.doc_type == records.FIVE_YEAR:
            _build_five_year(doc, rows, found, builder)
        elif found.doc_type == records.YEARLY:
            _build_yearly(doc, rows, found, builder)
    except Exception:  # noqa: BLE001 - one layout the structure parsers trip on must not stop a reindex
        logger.exception("%s: the report's structure could not be read; indexed as paragraphs", source)
        builder = _PassageBuilder(doc)
        doc.programmes.clear()
        doc.warnings.append(MSG_STRUCTURE_FAILED)
    if not builder.passages:
        if doc.fiscal_year_from is None and found.period:
            _set_years(doc, found.period)
        builder.add("p", records.OTHER, _paragraph_items(rows), year_from=doc.fiscal_year_from,
                    year_to=doc.fiscal_year_to, year_label=doc.year_label)
    return ParsedDocument(doc, builder.passages)


def _title(rows: list[Row], doc_type: str) -> str | None:
    """The hub report's title line; for other documents, their first title-like line."""
    title = next((r.text for r in rows if r.cells and _TITLE.search(r.compact)), None)
    if title is None and doc_type == records.UNKNOWN:
        title = next((r.text for r in metadata.title_rows(rows) if metadata.TITLE_WORDS.search(r.compact)), None)
    return title


def _set_years(doc: records.Document, mention: wareki.YearMention) -> None:
    doc.fiscal_year_from, doc.fiscal_year_to = mention.year_from, mention.year_to
    doc.year_label = wareki.western_to_label(mention.year_from)


def _build_yearly(doc, rows, found: metadata.Detected, builder) -> None:
    # The evaluated year: from the evaluation heading, else a one-year period line
    # (事業実施期間 2023年4月1日～2024年3月31日).
    year = found.evaluated_year
    if year is None and found.period and found.period.year_from == found.period.year_to:
        y = found.period.year_from
        year = wareki.YearMention(y, y, wareki.western_to_label(y), 0, 0)
    if year is None and found.period is None:
        year = found.written_year  # 作成日：令和5年3月31日, and 今年度の重点目標 without a year
    parser = _YearlyParser(rows, year)
    goals, sections, leftovers = parser.parse()
    owned: list[tuple[Goal | None, str, list[Item]]] = []
    for section in sections:
        for goal, items in _split_by_goal(section):
            if owned and owned[-1][0] is goal and owned[-1][1] == section.kind:
                # 取組の成果（数値） then 取組の成果（様子）: one block of that goal's outcome
                owned[-1] = (goal, section.kind, owned[-1][2] + items)
            else:
                owned.append((goal, section.kind, items))
    owned = _reattach_outcomes(goals, owned)
    years = [g.year for g in goals if g.year]
    if years:
        doc.fiscal_year_from, doc.fiscal_year_to = min(years), max(years)
        first = next(g for g in goals if g.year == min(years))
        doc.year_label = first.year_label
    elif found.evaluated_year or found.period:
        _set_years(doc, found.evaluated_year or found.period)
    for goal in goals:
        path = f"y{goal.year or 0}-{'n' if goal.is_next else 'g'}{goal.no}"
        common = dict(year_from=goal.year, year_to=goal.year, year_label=goal.year_label,
                      goal_no=goal.no, goal=goal.text, unit=path)
        builder.add(path, records.NEXT_GOAL if goal.is_next else records.GOAL, goal.items,
                    grades=dict(goal.grades) or None, **common)
        for kind in (records.CONTENT, records.OUTCOME, records.ISSUE):
            items = [i for g, k, its in owned if g is goal and k == kind for i in its]
            builder.add(path, kind, items, **common)
    orphans = [i for g, _k, its in owned if g is None for i in its]
    builder.add("rest", records.OTHER, orphans + leftovers, year_from=doc.fiscal_year_from,
                year_to=doc.fiscal_year_to, year_label=doc.year_label)
    _add_overview(builder, parser.overview, year_from=doc.fiscal_year_from,
                  year_to=doc.fiscal_year_to, year_label=doc.year_label)


def _build_five_year(doc, rows, found: metadata.Detected, builder) -> None:
    names = _programme_names_from_rows(rows)
    parser = _FiveYearParser(rows, names)
    sections, aims, grades, leftovers = parser.parse()
    period = found.period
    if period:
        doc.fiscal_year_from, doc.fiscal_year_to = period.year_from, period.year_to
        doc.year_label = period.label or wareki.western_to_label(period.year_from)
    for n in range(1, 8):
        doc.programmes[n] = names.get(n) or records.PROGRAMMES[n]
    common = dict(year_from=doc.fiscal_year_from, year_to=doc.fiscal_year_to,
                  year_label=doc.year_label)
    for programme, by_no in aims.items():
        for number, aim in by_no.items():
            builder.add(f"p{programme}-a{number}", records.SELF_EVAL, [aim], goal_no=number,
                        goal=aim.text, programme=programme, unit=f"p{programme}",
                        grades=grades.get((programme, number)) or None, **common)

    def goal_text(programme):
        return lambda number: aims.get(programme, {}).get(number).text \
            if number in aims.get(programme, {}) else None

    counters: dict[tuple[int, str], int] = {}
    for section in sections:
        key = (section.programme, section.kind)
        counters[key] = counters.get(key, 0) + 1
        hint = section.aim_no
        path = f"p{section.programme}-s{counters[key]}" if hint is None else f"p{section.programme}-a{hint}"
        builder.add(path, section.kind, section.items, goal_no=hint,
                    goal=goal_text(section.programme), programme=section.programme,
                    unit=f"p{section.programme}", **common)
    builder.add("rest", records.OTHER, leftovers, **common)
    _add_overview(builder, parser.overview, **common)


def parse_file(path: Path, max_bytes: int | None = None) -> ParsedDocument:
    """Load (any supported format and encoding) and parse one file."""
    from .load import DEFAULT_MAX_BYTES, load_file

    loaded = load_file(path, max_bytes or DEFAULT_MAX_BYTES)
    return parse_text(loaded.text, path.name, loaded.sha256[:16], loaded.encoding, context=loaded.context)
