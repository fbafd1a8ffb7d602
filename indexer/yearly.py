"""Yearly evaluations (単年度評価): goal blocks -> passages.

Each 重点目標 with its 取組内容 / 取組の成果 / 取組の課題 (and its rating), and the next
year's goals, read row by row by heading meaning however the report lays them out:
headed paragraphs, numbered goal lists, goal tables (whose headers `goaltables`
recognises), labels run on in one cell (`labelrows`). `build` turns a report's rows into
its goal-block passages (evidence unit "y<year>-g<no>" / "-n<no>"), the leftovers and
the preamble's prose (`overview`), and sets the document's years.
"""

from __future__ import annotations

import dataclasses
import re

from . import goalowners, goaltables, headings, labelrows, metadata, overview, passages, ratings, records, wareki
from .blocks import (SITE_WORDS, YEARLY_SECTIONS, Goal, Item, Section, is_footnote, is_title, items_of,
                     row_heading, row_label, site_name)
from .clean import Row, norm


# One sentence stating an aim, in the plain non-past form (…外出しやすくなるようにする。, …拠点に
# する。): what a goal says; a report's account of what was done is in the past (…開いた。).
_AIM_SENTENCE = re.compile(r"^[\s\u3000]*[^\s\u3000。]{4,60}(?:[うくぐつぬぶむる]|(?<![まで])す)。[\s\u3000]*$")
# A section label naming both what came of the goal and what remains: 成果と課題, 成果・課題,
# 振り返り.
_OUTCOME_AND_ISSUE = re.compile(r"^\W*(?:取り?組み?の?)?(?:成果(?:[・と、及]|および)課題|振り返り)")
# A sentence turning from what came of it to what remains: 一方で、 / 一方、 / しかし、 / ただし、.
_TURN = re.compile(r"(?:^|(?<=。))[\s\u3000]*(?=(?:一方(?:で|[、，,])|しかし|しかしながら|ただし[、，,]))")
_WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaffA-Za-z\uff21-\uff3a\uff41-\uff5a]{2}")  # a word, not a date or figure
_WIDE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]")  # a full-width letter or mark: wrapped words join without a space

# A preamble's purpose label that, right under a goal named by its title, states that goal.
_PURPOSE_LABELS = ("事業目的", "実施目的")


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
        self.own_table: Goal | None = None  # the goal stated above a table of its sections only
        self.table_year: str | None = None  # the year its goal column's header states
        self.goals_up_front = -1  # goals stated before the first section heading (-1: none seen yet)
        self.part_style: tuple = ()  # how that number is written (see _number_style)
        self.list_year: tuple = (None, None, False)
        self.following: Row | None = None  # the next non-blank row
        # the next non-blank row past a table of figures starting there (指標 | 目標値 | 実績値 and
        # its rows: a goal's indicator, between the goal line and its sections), else `following`
        self.past_figures: Row | None = None
        # the header of an indicator's table of actual figures right under a goal line, while its
        # rows are read (指標 | 目標値 | 実績: what came of the goal), else None
        self.figures_header: list[str] | None = None
        # those rows, kept for the goal's 取組の成果 below (put first in it), or its own when it has none
        self.figures: tuple[Goal, list[Item]] | None = None
        self.rated: Goal | None = None  # the goal a rating line just rated (its reason may follow)
        self.reason_open: Goal | None = None  # the goal whose reason's sentence the last row left open
        self.previous: Row | None = None  # the non-blank row before
        self.beyond: Row | None = None  # the non-blank row after the next
        # the grade words the report's own legend defines (順調：目標を達成した …)
        self.legend = ratings.legend_words(row.text for row in rows if row.cells)
        # for each goal written as a numbered line: whether a section heading came right under it
        self.goal_lines_then_section: list[bool] = []
        # how each goal written as a numbered line is numbered (`_number_style`), by id(goal)
        self.goal_styles: dict[int, tuple] = {}
        self.columns: dict[int, str] = {}  # a goal table's header: column -> heading key
        self.year_cell: list = []  # the year the goal table's year column stated last (merged down)
        self.table_goals: list[Goal] = []  # the goals the rows of the goal table opened, in order
        # a goal table's columns continued under a header of its own (a sheet wider than the
        # page, printed column block after column block): the goals its rows continue, in order
        self.continued_goals: list[Goal] = []
        self.goal_columns: dict[int, int] = {}  # a goal-per-column table: column -> goal number
        self.column_goals: dict[int, Goal] = {}
        self.column_years: dict[int, str] = {}  # a table with one year per column: column -> year
        self.overview: list[Section] = []  # the preamble's prose rows
        # the goals were ended by the report's next part (２　利用状況, ４　評価): a section label
        # before another goal opens is that part's text (５　今後の方向性 of the whole programme)
        self.parts_after_goals = False
        self.released = False  # a row after the preamble was kept as text (see _row)
        self.site: str | None = None  # the site (本体 / サテライト / 分室) the goals read now are of

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

    def _own_figures(self) -> None:
        """The indicator's figures read under a goal line whose goal had no 取組の成果 heading after
        them: that goal's outcome of their own."""
        if self.figures is not None and self.figures[1]:
            self.sections.append(Section(records.OUTCOME, [self.figures[0]], items=self.figures[1]))
        self.figures = None

    def _new_goal(self, number: int | None, year, label, is_next, implicit: bool = False) -> Goal:
        self._own_figures()
        last = self.goals[-1] if self.goals else None
        if (last is not None and not last.items and not last.grades
                and ((last.year == year and last.is_next == is_next) or number is None)
                and (number is None or number == last.no)
                and not any(last in section.goals for section in self.sections)):
            # 目標1 (a sheet's name, a goal's number alone) right above 重点目標 | 1　…: one goal, the
            # bare heading the one below states in words; not two numbered on. (A goal of no number
            # takes the bare heading's over a year line between them: 重点目標2 / 令和５年度 / 重点目標 | …)
            self.goals.pop()
            number = last.no
        if number is None:
            number = 1 + sum(1 for g in self.goals if g.year == year and g.is_next == is_next)
        goal = Goal(number, year, label, is_next, implicit=implicit, site=self.site)
        self.goals.append(goal)
        self.parts_after_goals = False
        return goal

    def parse(self) -> tuple[list[Goal], list[Section], list[Item]]:
        filled = [row for row in labelrows.labels_then_values(self.rows) if row.cells]
        for i, (previous, row, following, beyond) in enumerate(
                zip([None] + filled, filled, filled[1:] + [None], filled[2:] + [None, None])):
            self.previous, self.following, self.beyond = previous, following, beyond
            self.past_figures = goaltables.past_figures(filled, i + 1)
            for block in _goal_blocks_side_by_side(row):
                for piece, h in labelrows.rows_by_label(block):
                    self._row(piece, h)
        self._own_figures()
        return self.goals, self.sections, self.leftovers

    def _label_text_and_next(self, after: str) -> tuple[str, str]:
        """A label's words (after it on its line, else the next row's) and the line after them,
        where a scale explained a grade a line goes on (評価 / Ａ：… / Ｂ：…)."""
        if after:
            return after, self.following.text if self.following else ""
        return (self.following.text if self.following else "", self.beyond.text if self.beyond else "")

    def _row(self, row: Row, h: headings.Heading | None) -> None:
        if (h is None and len(row.filled_cells) == 1 and "。" not in row.compact
                and len(row.compact) <= _PART_TITLE_CHARS and SITE_WORDS.search(row.compact)
                and self._goal_heading_follows()):
            # ■どろっぷ（本体） / ２　〇〇サテライト / 【分室】 over the goals below: the site they are of
            # (the line itself is read on as before: the document's other text)
            self.site = site_name(row)
        if (self.mode == "section" and self.section is not None and len(row.filled_cells) == 1
                and ratings.is_scale_line(row.text, self.following.text if self.following else "")):
            # 評価　◎：十分に達成できた　○：… or （評価　Ａ：達成　Ｂ：概ね達成） after a goal's last
            # section: the scale's legend, no goal's words; what follows is the document's text
            self.leftovers.extend(items_of(row))
            self.mode, self.section, self.rated = None, None, None
            return
        if h is not None and h.key == headings.OUTCOME and headings.BARE_RATING.fullmatch(h.label):
            after = " ".join([h.rest, *row.cells[0][1:], *(t for c in row.cells[1:] for t in c)]).strip()
            if (len(row.filled_cells) >= 3 or (self.group and self._next_part(row))
                    or ratings.opens_legend(*self._label_text_and_next(after))):
                # 評価 is what came of a goal only over its words: not a value among a table row's
                # cells (区分 | 年度 | 重点目標 …: 評価 | 2023年度 | …), nor the report's part after
                # the goals (４　評価 after 「３　主な取組」), nor the label of a scale's legend
                # (評価　Ａ：達成　Ｂ：概ね達成)
                h = None
        key = h.key if h else None
        part_year, self.part_year = self.part_year, None  # kept only across title rows
        if key == headings.EVAL:
            self.phase, self.mode, self.section, self.group = "eval", "await_goals", None, []
            # A year in the heading, or alone on the line above it (a workbook's sheet named
            # R4 above 重点目標の振り返り), is the year the goals below are of: a document of
            # several years' evaluations (one sheet or part per year) moves on to it.
            self._eval_year_from(h.year or part_year)
            if row_label(row).number is not None:
                # 「１　重点目標の取組状況」: the 1 numbers the report's part, so 「２　利用状況」
                # after the goals is the next part, not the last goal's text
                self.part_number, self.part_style = row_label(row).number, _number_style(row_label(row))
            return
        if key == headings.YEAR_ONLY and self._heads_a_goal():
            self.pending_year = h.year  # 令和５年度 / 重点目標① on two lines
            return
        if key == headings.YEAR_ONLY and len(row.filled_cells) == 1 and self._heads_a_part(h.year):
            self.part_year = h.year  # the year of the part (sheet) that starts here
            if not self._heads_a_part():
                self.leftovers.extend(items_of(row))  # (above the title restating it: kept with it)
            return
        if part_year and h is None and not is_title(row, h) and self._restates_year(row, part_year):
            # the part's own title under its year (令和4年度 / 〇〇拠点　令和4年度重点目標): the
            # year still heads the part (the title is kept in the document's other text)
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(items_of(row))
            self.part_year = part_year
            return
        if (key == headings.NEXT and self.group and self._next_part(row) and not h.rest and not h.year
                and "目標" not in row_label(row).text and self._sentence_follows()):
            # ３　次年度に向けて under 「２　重点的な取組」, then prose: the report's next part after
            # the goals (what the hub will do next), neither the last goal's text nor a goal
            self.part_number = None
            self.mode, self.section, self.group = None, None, []
            self.parts_after_goals = True
            self.leftovers.extend(items_of(row))
            return
        if (key == headings.NEXT and len(self.group) == 1 and self.mode == "section"
                and len(row.filled_cells) >= 2 and "目標" not in row_label(row).text):
            # 次年度に向けて | 対面で集まれる時期を見て…: a row of one goal's table saying what
            # it goes on to, not a heading of next year's goals
            self.section = Section(records.ISSUE, list(self.group))
            self.section.items.extend(items_of(row, skip_first=True, rest=h.rest))
            self.sections.append(self.section)
            return
        if (key == headings.NEXT and len(self.group) == 1
                and (self.mode == "section" or (self.rated is not None and self.rated is self.group[0]))
                and not h.rest and not h.year and "目標" not in row_label(row).text and self._sentence_follows()):
            # 次年度に向けて heading a paragraph under one goal's sections (取組内容 / 成果 /
            # 次年度に向けて / 平日に参加できない家庭のため…検討する。) or right under its rating (評価　Ａ):
            # what that goal goes on to, its issue — next year's goals are stated as goals, not as a
            # sentence. A heading naming the year (■ 令和４年度に向けて) is the report's part on next year.
            self.section = Section(records.ISSUE, list(self.group))
            self.sections.append(self.section)
            return
        if key == headings.NEXT:
            # Next year's goals follow: numbered lines, goal headings, or the one
            # unnumbered goal the heading stands above (令和4年度に向けて / 出張広場を始め…).
            self.phase, self.mode, self.section, self.group = "next", "goal_list", None, []
            self.list_year = self._year_for(h.year, True)
            return
        if (key == headings.OVERVIEW and h.label in _PURPOSE_LABELS and self.mode == "goal_columns"
                and len(row.filled_cells) >= 2):
            self._column_row(row, headings.GOAL)  # 事業目的 | … | …: what each column's goal aims at
            return
        if (key == headings.OVERVIEW and h.label in _PURPOSE_LABELS and len(self.group) == 1
                and not any(self.group[0] in section.goals for section in self.sections)):
            # 事業１　子育て支援センターの運営 / 事業目的　親子が…: a goal named first, then what it
            # aims at, before its sections: the goal's own text
            self.group[0].items.extend(items_of(row, skip_first=True, rest=h.rest))
            self.mode = None
            return
        if key == headings.OVERVIEW:
            self.overview.append(overview.start(row, h))
            self.mode, self.section, self.group = "overview", None, []
            return
        if (key == headings.PREAMBLE or is_title(row, h)) and not (
                len(row.filled_cells) >= 3 and goaltables.goal_table_columns(row)):
            # (事業名 | 取組内容 | … | 成果 | 課題: a goal table's header whose first column is named
            # as a preamble's label is the table's header)
            self.mode, self.section, self.group = "preamble", None, []
            self.part_year = part_year
            return
        if self.mode == "goal_table" and self.table_goal is None and goaltables.sub_header(row, self.columns):
            # the header's second row (取組 spanning 内容 | 成果): what each column holds
            self.columns = goaltables.sub_header(row, self.columns)
            return
        columns = goaltables.goal_table_columns(row)
        if (columns and self.mode == "goal_table" and columns == self.columns and self.table_goal is not None
                and headings.GOAL in columns.values()):
            # the goal table's header again, right after its rows: repeated at a page's top (a
            # table over pages); its rows go on, a first row of no number and no goal is the rest
            # of the goal the last page broke off
            return
        if columns:
            # a header of section columns only (成果 | 課題) under a goal: that goal's table
            own = headings.GOAL not in columns.values() and len(self.group) == 1
            # … or, right after a goal table's rows, the rest of its columns: row k of this
            # table is row k of that one (the page of 成果 | 課題 after the page of 重点目標 | 取組内容)
            continued = (headings.GOAL not in columns.values() and not own and self.mode == "goal_table"
                         and bool(self.table_goals))
            self.continued_goals = list(self.table_goals) if continued else []
            if headings.GOAL in columns.values():
                self.table_goals = []
            self.table_goal = self.own_table = self.group[0] if own else None
            self.table_year = next((h.year for c, k in columns.items() if k == headings.GOAL
                                    for h in [headings.heading_key(" ".join(row.cells[c]))] if h), None)
            self.mode, self.section, self.group, self.columns = "goal_table", None, [], columns
            self.year_cell = []
            if (not {headings.OUTCOME, headings.ISSUE} & set(columns.values())
                    and self._after_evaluated_year(wareki.find_years(part_year) if part_year else [])):
                # a sheet named R2 after R1's evaluated goals, its table holding only goals and
                # 取組内容: next year's goals, not another year's evaluation
                self.phase = "next"
                return
            self._eval_year_from(part_year)
            return
        long_columns = goaltables.long_table_columns(row)
        if long_columns:
            self.mode, self.section, self.group, self.columns = "long_table", None, [], long_columns
            self.long_goals: dict[tuple, Goal] = {}
            return
        if self.mode == "long_table":
            if len(row.filled_cells) >= 2:
                self._long_row(row)
                return
            self.mode = None
        if goaltables.is_column_header(row):
            return  # 区分 | 内容: the header of a table of labelled rows, no text of its own
        by_goal = goaltables.goal_per_column(row)
        if by_goal:
            self.mode, self.section, self.group, self.goal_columns = "goal_columns", None, [], by_goal
            self.column_goals, self.column_years = {}, {}
            named = [[own.rest] if (own := headings.heading_key(" ".join(cell))) and own.rest else []
                     for cell in row.cells]
            if any(named):
                # 事業１　子育てひろばの運営 heading its column: the goal's name, its first text
                self._column_row(Row(named, row.start, row.end, row.source), headings.GOAL)
            return
        by_year = goaltables.year_per_column(row)
        if by_year:
            # one year per column: each column holds that year's goal (one per year)
            self.mode, self.section, self.group = "goal_columns", None, []
            self.goal_columns, self.column_goals = {col: 1 for col in by_year}, {}
            self.column_years = by_year
            return
        by_position = goaltables.goals_by_position(row, self.following) if self.mode != "goal_columns" else None
        if by_position:
            self.mode, self.section, self.group, self.goal_columns = "goal_columns", None, [], by_position
            self.column_goals, self.column_years = {}, {}
            self._column_row(row, headings.GOAL)
            return
        if self.mode == "goal_columns":
            if (key in (None, headings.OUTCOME) and ratings.grade_column(row_label(row).text)
                    and self._column_grades(row)):
                return  # 評価 | 順調 | やや遅れ: each column's goal's rating
            if key in (headings.GOAL, *YEARLY_SECTIONS) and len(row.filled_cells) >= 2:
                self._column_row(row, key)
                return
            self.mode = None
        if (len(self.group) == 1 and self.following is not None
                and ratings.scale_header([" ".join(c) for c in row.cells])):
            # 十分できた | できた | あまりできなかった | できなかった over a row ticking one (✓):
            # the goal's rating is the ticked column's grade
            column = ratings.marked_column([" ".join(c) for c in self.following.cells])
            if column is not None and column < len(row.cells):
                self.group[0].grades["自己"] = norm(" ".join(row.cells[column])).strip()
                self.grade_row = self.following
                self.mode, self.section = None, None
                return
        # (取組の評価：Ａ is a rating, 取組の評価：見学日に来た… an outcome)
        grade = ratings.goal_grade(row.text, self.legend) if key in (None, headings.OUTCOME) else None
        if (grade is None and key in (None, headings.OUTCOME) and self.following is not None
                and ratings.is_grade_label(row)):
            # 評価 / Ｂ（おおむね達成）: the label on one line, the grade on the next
            grade = ratings.goal_grade(f"{row.text} {self.following.text}", self.legend)
            if grade is not None:
                self.grade_row = self.following
        if grade is None and row is self.grade_row:
            return  # the grade read with its label on the line above
        if grade is not None:
            # 【評価】○ under one goal's sections rates that goal, and so does 評価　Ｂ under the table
            # of one goal's sections (目標２：… / 取組 | 成果 | 課題 / 評価　Ｂ); an overall rating
            # (総合評価 B under a list of goals) is kept as text outside the goals.
            rated = self.group[0] if len(self.group) == 1 else (
                self.own_table if self.mode == "goal_table" and not self.group else None)
            if rated is not None:
                rated.grades.update(ratings.goal_grades(row.text, self.legend) or {grade[0]: grade[1]})
            else:
                self.leftovers.extend(items_of(row))
            self.mode, self.section = None, None
            self.rated = rated
            return
        rated, self.rated = self.rated, None
        if rated is not None and key is None and (words := ratings.reason_words(row)) is not None:
            # 達成度：○ / 理由：講座の参加者は…: the grade's reason, what came of the goal (as a rating
            # column's comment is), not the document's other text
            self._add_to_section(rated, records.OUTCOME, [Item(t, row.start, row.end) for t in words if t.strip()])
            self.reason_open = rated if words and not _ends_sentence(words[-1]) else None
            return
        reason_open, self.reason_open = self.reason_open, None
        if (reason_open is not None and key is None and len(row.filled_cells) == 1
                and not headings.BULLET_LINE.match(row.text) and not is_footnote(row)):
            # 理由：協賛店は増えたが、 / 日頃の交流の場づくりには至らなかったため。: a reason whose
            # sentence runs on into the next line or paragraph, up to the line that ends it
            self._add_to_section(reason_open, records.OUTCOME, items_of(row))
            self.reason_open = None if _ends_sentence(row.text) else reason_open
            return
        if self.mode == "goal_table":
            goal_cell = key == headings.GOAL and h.number is not None and self._in_goal_column(row)
            if (len(row.filled_cells) >= 2 and (key not in (headings.GOAL, *YEARLY_SECTIONS) or goal_cell)
                    and not self._no_words_in_sections(row)):
                self._table_goal(row)  # (a goal cell may open with its own label: 重点目標1 / …)
                return
            if key is None and self.table_goal is not None and self._one_section_cell(row):
                # the goal's cell merged down over a row holding one more line of one of its
                # sections (a sheet's row per line): that goal's section goes on
                self._table_sections(row, self.table_goal)
                return
            self.mode = None
        if self.figures_header is not None:
            if h is None and len(row.filled_cells) >= 2:
                # a row of the goal's indicator table: 指標 …の件数 目標値 年40件 実績 年52件
                self.figures[1].append(Item(" ".join(
                    f"{head} {' '.join(cell)}" if head else " ".join(cell)
                    for head, cell in zip(self.figures_header + [""] * len(row.cells), row.cells) if cell),
                    row.start, row.end))
                return
            self.figures_header = None
        if (len(self.group) == 1 and h is None and goaltables.is_actual_figures_header(row)
                and not any(self.group[0] in x.goals for x in self.sections)):
            # 重点目標１　… / 指標 | 目標値 | 実績 / 取組内容: the goal's indicator and the figure it came to,
            # before the goal's sections: what came of the goal (its 取組の成果), not its words
            self._own_figures()
            self.figures_header = [headings.label_form(" ".join(c)).text for c in row.cells]
            self.figures = (self.group[0], [])
            self.mode = None
            return
        if key == headings.GOAL:
            self._goal_header(row, h)
            return
        if key == headings.CONTENT and h.rest and self._content_follows():
            numbered = headings.label_form(h.rest)
            if numbered.number is not None and numbered.text:
                # 取組①　一時預かりを広げる / 実施内容：…: a numbered 取組 with its own 取組内容
                # below is a goal (under 今年度の重点取組), not a 取組内容 label
                if self.part_number is None and not any(not g.is_next for g in self.goals):
                    self._part_above(row, label_ok=True)  # ３　主な取組 / 取組①…: part 3 holds the goals
                self._goal_header(row, dataclasses.replace(h, key=headings.GOAL, number=numbered.number,
                                                           rest=numbered.text))
                return
        if key in YEARLY_SECTIONS and not self.group and self.parts_after_goals:
            # ５　今後の方向性 after 「４　評価」 ended the goals: the report's part on the whole
            # programme, kept as text rather than given to a goal by its content
            self.mode, self.section = None, None
            self.leftovers.extend(items_of(row))
            return
        if key in YEARLY_SECTIONS:
            if self.goals_up_front < 0:  # the goals stated before the report's first section
                self.goals_up_front = sum(1 for g in self.goals if not g.is_next)
            if h.goal_ref is not None and self._stated_goal(h.goal_ref) is not None:
                self.group = [self._stated_goal(h.goal_ref)]  # 取組内容（目標１）: goal 1's section
            last = self.sections[-1] if self.sections else None
            if (key == headings.OUTCOME and len(self.group) == 1 and last is not None and last.done
                    and last.goals == self.group and not any(x.kind == records.CONTENT and x.goals == self.group
                                                             for x in self.sections)):
                # 【実施結果】 then 【振り返り】 (計画 / 実施結果 / 振り返り / 課題): the first says what
                # was done, the second what came of it
                last.kind = records.CONTENT
            self.section = Section(YEARLY_SECTIONS[key], list(self.group))
            if key == headings.OUTCOME and self.figures is not None and self.group == [self.figures[0]]:
                self.section.items.extend(self.figures[1])  # the indicator's figures read above
                self.figures = None
            self.section.both = key == headings.OUTCOME and bool(_OUTCOME_AND_ISSUE.match(row.compact))
            self.section.done = key == headings.OUTCOME and bool(_DONE_LABEL.fullmatch(row_label(row).text))
            items = items_of(row, skip_first=True, rest=h.rest)
            if key == headings.OUTCOME and len(self.group) == 1:
                self.section.rating = h if ratings.grade_column(h.label) else None
                items = self._rated_items(items)
            self.section.items.extend(items)
            self.sections.append(self.section)
            self.mode = "section"
            self._issue_turn()
            return
        if self.mode == "overview":
            overview.add_row(self.overview[-1], row)
            return
        label = row_label(row)
        number = label.number
        next_part = self._next_part(row)
        if (self.group and h is None and len(row.filled_cells) == 1
                and (_BRACKETED_TITLE.fullmatch(norm(row.text).strip())
                     or (_NAMES_A_SITE.search(row.compact) and "。" not in row.compact
                         and len(row.compact) <= _PART_TITLE_CHARS))
                and self._goal_heading_follows()):
            # 【サテライト（日吉）】 or ２　地域子育て支援拠点〇〇サテライト between a goal's last
            # section and the next goal heading: the part (a site, a hub) the goals below are of,
            # not the last section's text
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(items_of(row))
            return
        if self.group and h is None and metadata.is_date_line(row):
            # 令和６年５月３１日 after the last goal: the date the report is signed, then its signer
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(items_of(row))
            return
        if self.group and h is None and metadata.is_office_line(row):
            # 大和市こども部こども総務課: the report's signature after the last goal
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(items_of(row))
            return
        if self.group and h is None and _NOTES.fullmatch(label.text or norm(row.text).strip()):
            # （注） / 備考: the notes after the goals (※１ …), not the last goal's text
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(items_of(row))
            return
        if self.group and h is None and is_footnote(row):
            # ※１　ひろば：親子が…: the report's numbered footnotes under its goals
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(items_of(row))
            return
        if self.group and h is None and len(row.filled_cells) == 1 and _PAGE_FILES.fullmatch(norm(row.text).strip()):
            # 関連ファイル / 令和3年度 重点目標の評価（PDF：210KB）: a web page's links to its files
            # after the goals, not the last goal's text
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(items_of(row))
            return
        if norm(row.text).strip() == "以上":
            self.mode, self.section, self.group = None, None, []
            return  # the word that closes a Japanese document
        if ((label.roman or next_part) and h is None and len(row.filled_cells) == 1 and "。" not in row.text
                and self.group and not (label.roman and not next_part and self._content_follows())):
            # (Ⅱ　子育て情報の提供 / （１）取組内容: goals numbered Ⅰ Ⅱ, each with its sections below)
            # Ⅱ 関係機関との連携 after the goals, or 2. 利用状況 after the goals listed under
            # 1. 今年度の重点取組: a new part of the report, not a goal's text
            self.part_number = None
            self.mode, self.section, self.group = None, None, []
            self.parts_after_goals = True
            self.leftovers.extend(items_of(row))
            return
        if (self.mode == "section" and number is not None and len(self.group) == 1 and self.group[0].implicit
                and number == self.group[0].no + 1 and self._numbered_like_goal(label, self.group[0])
                and (number - 1) not in self.section.numbers
                and h is None and "。" not in row.text and self._part_after_goals()):
            self.mode, self.section, self.group = None, None, []
            self.leftovers.extend(items_of(row))
            return
        if number is None and _GOAL_LIST_INTRO.search(row.compact) and self._list_follows():
            # 本年度の重点目標は次の２点とした。 / ① … / ② …: the goals are the numbered lines
            self.mode, self.section, self.group = "goal_list", None, []
            self.list_year = self._year_for(None, False)
            return
        if (self.mode == "goal_list" and number is not None and self.phase == "next"
                and goaltables.section_label_cell(row) is not None):
            # next year's goals as rows: １　goal | 取組内容 | text
            self._implicit_goal(row, number)
            return
        if self.mode == "goal_list" and (number is not None or not self.group) and not (
                number is None and _titles_goals(row)):
            # ① … ② … under a 重点目標 heading (or the one unnumbered goal it heads; a page title
            # under a sheet's name that ends in the same word — 中区… R2年度　重点目標 — is none)
            label = row_label(row)
            goal = self._new_goal(number, *self.list_year, implicit=True)
            goal.items.append(Item(headings.text_after(row.text, label.prefix_chars), row.start, row.end))
            self.group.append(goal)
            return
        if number is None and h is None and self._bullet_goal(row):
            # ◆ 初めて来た親子が…雰囲気をつくる。 / 取組内容：…: an unnumbered goal line after a
            # bullet, its sections right under it, numbered after the goals before it
            self._implicit_goal(row, 1 + max((g.no for g in self.goals if not g.is_next), default=0))
            return
        if number is not None and (self.mode == "await_goals" or self._next_goal_number(number, row)
                                   or (self.mode in (None, "preamble") and (self._content_follows()
                                                                            or self._labelled_goal_row(row)))):
            self._implicit_goal(row, number)
            return
        if self.mode == "goal_list" and self.group:
            self.group[-1].items.extend(items_of(row))
            return
        if self.mode == "goal_text" and self.group:
            self.group[-1].items.extend(items_of(row))
            return
        if self.mode == "section" and self.section is not None:
            items = self._rated_items(items_of(row))
            if number is not None:
                self.section.numbers.add(number)
            self.section.items.extend(items)
            self._issue_turn()
            return
        if self.mode == "preamble" and h is None and (number is not None or "。" in row.text
                                                      or len(row.filled_cells) >= 3):
            # １　事業の目的 / 乳幼児と…和らげる。 / 指標名 | 目標値 | 実績値 after 事業名 / 所管課
            # rows: the report's own parts and prose, not the preamble's values (kept as text)
            self.mode = None
            self.released = True
        if self.mode != "preamble":
            self.leftovers.extend(items_of(row))

    def _issue_turn(self) -> None:
        """Under one 成果と課題 label, the sentence that turns to what remains (一方で、…; しかし、…)
        and all after it are the goal's issue, the sentences before it its outcome."""
        section = self.section
        if not section.both:
            return
        for n, item in enumerate(section.items):
            turn = _TURN.search(item.text)
            if turn is None:
                continue
            head, tail = item.text[:turn.start()].rstrip(), item.text[turn.start():]
            rest = section.items[n + 1:]
            section.items[n:] = [Item(head, item.start, item.end)] if head else []
            self.section = Section(YEARLY_SECTIONS[headings.ISSUE], list(section.goals),
                                   items=[Item(tail, item.start, item.end), *rest])
            self.sections.append(self.section)
            return

    def _after_evaluated_year(self, stated: list) -> bool:
        """Whether a stated year is the one after the evaluated year, whose goals were read:
        goals of it with no 成果 or 課題 are next year's goals (a plan)."""
        return (bool(stated) and self.eval_year is not None and stated[0].year_from == self.eval_year + 1
                and any(not g.is_next and g.year == self.eval_year for g in self.goals))

    def _one_section_cell(self, row: Row) -> bool:
        """Whether a goal table's row holds one cell, under a section column right of the goal
        column (nothing in the goal's own cell, no label)."""
        filled = [i for i, c in enumerate(row.cells) if c]
        goal_col = next((i for i, k in self.columns.items() if k == headings.GOAL), None)
        if len(filled) != 1 or self.columns.get(filled[0]) not in YEARLY_SECTIONS:
            return False
        if goal_col is not None:
            return filled[0] > goal_col
        # a table of one goal's sections (取組内容 | 成果 | 課題 under the goal's line), a row per
        # measure: a row whose other cells are empty (written as a line of its own) is the table's
        # when it goes on the list the row above opened in the same column (② after ①, ・ after ・)
        above = self.previous.cells[filled[0]] if self.previous is not None and filled[0] < len(
            self.previous.cells) and len(self.previous.filled_cells) >= 2 else []
        return (self.own_table is not None and bool(above)
                and _list_mark(row.cells[filled[0]][0]) is not None
                and _list_mark(row.cells[filled[0]][0]) == _list_mark(above[0]))

    def _no_words_in_sections(self, row: Row) -> bool:
        """Whether a row below a goal table holds no word in any of its section columns and
        no goal number (出力日時 | 2022/04/28 17:02, an export's stamp under the table): no goal."""
        sections = [i for i, k in self.columns.items() if k in YEARLY_SECTIONS]
        if not sections or any(_WORDS.search(" ".join(row.cells[i])) for i in sections if i < len(row.cells)):
            return False
        first = next((c for c in row.cells if c), [])
        return headings.label_form(" ".join(first)).number is None

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
            elif self.continued_goals:
                self._table_sections(row, self.continued_goals.pop(0))
            else:
                self.leftovers.extend(items_of(row))
            return
        site_col = next((i for i, k in self.columns.items() if goaltables.is_site_key(k)), None)
        if site_col is not None and site_col < len(cells) and SITE_WORDS.search(" ".join(cells[site_col])):
            # 本体 / サテライト in the table's column of places (merged down over that site's goals):
            # the site the goals from here are of (a place of no site, 地区センター, is none)
            self.site = norm(" ".join(cells[site_col])).strip()
        goal_cell = cells[goal_col] if goal_col < len(cells) else []
        text = " ".join(goal_cell)
        # a second goal column (取組項目 | 計画（目標）: the item, then the goal planned for it):
        # the goal's words are both
        more = [" ".join(cells[i]) for i, k in self.columns.items()
                if k == headings.GOAL and i != goal_col and i < len(cells) and cells[i]]
        if not text and self.table_goal is not None:
            # the goal's cell is merged down over this row: more of the same goal's sections
            self._table_sections(row, self.table_goal)
            return
        number_col = next((i for i, k in self.columns.items() if goaltables.is_row_number_key(k)), None)
        if (text and self.table_goal is not None and number_col is not None
                and not (cells[number_col] if number_col < len(cells) else [])):
            # no number under No.: the goal above goes on (its cell's words wrapped onto a line
            # a printed sheet reads as a row of its own), and so do its sections
            goal = self.table_goal
            last = goal.items[-1]
            glue = "" if _WIDE.match(last.text[-1:]) and _WIDE.match(text[:1]) else " "
            goal.items[-1] = Item(last.text + glue + text, last.start, row.end)
            self._table_sections(row, goal)
            return
        label = headings.label_form(text)
        # the goal column's header may state the goals' year (令和5年度の重点目標（案）)
        year, year_label, is_next = self._year_for(self.table_year or self.pending_year, self.phase == "next")
        year_col = next((i for i, k in self.columns.items() if k == goaltables.YEAR_KEY), None)
        stated = wareki.find_years(" ".join(cells[year_col])) if year_col is not None and year_col < len(cells) else []
        if year_col is not None and not (cells[year_col] if year_col < len(cells) else []):
            # the year's cell merged down over the year's rows (H31 over goals 1–3, R2 over the
            # next three): a row with none is of the year stated above it in the column
            stated = self.year_cell
        self.year_cell = stated
        if stated:
            year, year_label = stated[0].year_from, _year_label(stated[0].label, stated[0].year_from)
            if self.eval_year is None:
                self.eval_year, self.eval_label = year, year_label
            # a row of the year after the evaluated one with no 成果 or 課題: next year's goal
            is_next = self._after_evaluated_year(stated) and not any(
                cells[c] for c, k in self.columns.items()
                if k in (headings.OUTCOME, headings.ISSUE) and c < len(cells))
        number, goal_text = label.number, headings.text_after(text, label.prefix_chars)
        own = headings.heading_key(text)
        if own is not None and own.key == headings.GOAL and own.number is not None and own.rest:
            number, goal_text = own.number, own.rest  # 重点目標1 / 乳幼児の親子が…: the cell's own label
        goal = self.table_goal = self._new_goal(number, year, year_label, is_next)
        self.table_goals.append(goal)
        goal.items.append(Item("：".join([goal_text, *more]) if goal_text else "：".join(more), row.start, row.end))
        self._table_sections(row, goal)

    def _table_sections(self, row: Row, goal: Goal) -> None:
        """A goal table row's section cells, each added to that goal's section of its kind,
        and its rating cell."""
        cells = row.cells
        marked = [key[len(goaltables.MARK_KEY):] for col, key in self.columns.items()
                  if key.startswith(goaltables.MARK_KEY) and col < len(cells)
                  and ratings.is_mark(norm(" ".join(cells[col])).strip())]
        if len(marked) == 1:
            goal.grades["自己"] = marked[0]  # ○ under Ｂ of 自己評価 | Ａ | Ｂ | Ｃ | Ｄ
        for col, key in self.columns.items():
            if goaltables.is_grade_key(key):
                value = ratings.stars_as_points(norm(" ".join(cells[col])).strip()) if col < len(cells) else ""
                if (headings.GRADE_VALUE.match(value) or value in self.legend
                        or (key.startswith(goaltables.SHARE_KEY) and ratings.is_share(value))):
                    goal.grades[key.split(":", 1)[1]] = value
                elif _WORDS.search(value):
                    # a rating cell holding words (Ｂ / 外出しにくい時期の…): its leading grade is the
                    # goal's rating, its words what came of the goal (a dash or a lone mark is neither)
                    lead = ratings.leading_grade(cells[col][0])
                    if lead is not None:
                        goal.grades[key.split(":", 1)[1]] = norm(lead[0])
                    words = [lead[1]] * bool(lead[1]) + cells[col][1:] if lead is not None else cells[col]
                    self._add_to_section(goal, records.OUTCOME, [Item(t, row.start, row.end) for t in words])
                continue
            if key in YEARLY_SECTIONS and col < len(cells) and cells[col]:
                # (a label run on after a sentence, as a PDF joins a cell's paragraphs, is cut off)
                for text in (part for line in cells[col] for part in labelrows.run_on_parts(line)):
                    # a 成果と課題 cell: 【成果】… and 【課題】… each to its own section; a label
                    # on a line of its own (■成果) heads the cell's lines below it
                    own = headings.heading_key(text)
                    if own is not None and own.key in YEARLY_SECTIONS:
                        if not own.rest:
                            key = own.key
                            continue
                        key, text = own.key, own.rest
                        if own.key == headings.OUTCOME and not (text := _rating_words(goal, own, text)):
                            continue  # 評価 B among the cell's labelled parts
                    grade = ratings.goal_grades(text, self.legend) if own is None else None
                    if grade:
                        goal.grades.update(grade)  # (評価 Ｂ among the cell's labelled parts)
                        continue
                    self._add_to_section(goal, YEARLY_SECTIONS[key], [Item(text, row.start, row.end)])
        figures = [f"{key[len(goaltables.FIGURES_KEY):]} {' '.join(cells[col])}" for col, key in self.columns.items()
                   if key.startswith(goaltables.FIGURES_KEY) and col < len(cells) and cells[col]]
        if figures:
            # 指標 平日午前の延べ利用者数 目標値 4,000人 実績値 4,620人: what the goal's indicator came to
            outcome = next((x for x in self.sections if x.kind == records.OUTCOME and x.goals == [goal]), None)
            if outcome is None:
                outcome = Section(records.OUTCOME, [goal])
                self.sections.append(outcome)
            outcome.items.append(Item(" ".join(figures), row.start, row.end))
        others = [f"{header} {text}" for col, key in self.columns.items()
                  if key.startswith(goaltables.OTHER_KEY) and col < len(cells) and cells[col]
                  for header, text in [(key[len(goaltables.OTHER_KEY):], " ".join(cells[col]))]
                  if not goaltables.is_row_number(header, text)]
        others = list(dict.fromkeys(others))  # (備考 merged over two columns: read once)
        if others:
            # 所管課 こども家庭支援課 / 備考 土曜開催: the goal's columns of no section, with their headers
            other = next((x for x in self.sections if x.kind == records.OTHER and x.goals == [goal]), None)
            if other is None:
                other = Section(records.OTHER, [goal])
                self.sections.append(other)
            other.items.extend(Item(text, row.start, row.end) for text in others)

    def _rated_items(self, items: list[Item]) -> list[Item]:
        """The first words of a section headed by a rating's label (評価 / Ｂ　初めて来た…), its
        leading grade taken as the goal's; other items unchanged."""
        section = self.section
        if section is None or section.rating is None or not items or section.items:
            return items
        words = _rating_words(section.goals[0], section.rating, items[0].text)
        section.rating = None
        return [dataclasses.replace(items[0], text=words)] * bool(words) + items[1:]

    def _add_to_section(self, goal: Goal, kind: str, items: list[Item]) -> None:
        """Items added to the goal's own section of a kind (made when it has none yet)."""
        section = next((x for x in self.sections if x.kind == kind and x.goals == [goal]), None)
        if section is None:
            section = Section(kind, [goal])
            self.sections.append(section)
        section.items.extend(items)

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
        if key not in (headings.GOAL, headings.NEXT, *YEARLY_SECTIONS):
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
            section = Section(YEARLY_SECTIONS[key], [goal])
            section.items = text
            self.sections.append(section)

    def _list_follows(self) -> bool:
        """Whether the next non-blank row is a numbered line that is not itself a heading."""
        if self.following is None or row_heading(self.following) is not None:
            return False
        return row_label(self.following).number is not None

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
                section = Section(YEARLY_SECTIONS[key], [goal])
                section.items = items
                self.sections.append(section)

    def _column_grades(self, row: Row) -> bool:
        """A rating row of a goal-per-column table: each column's grade given to its goal;
        False (nothing taken) when a cell is no grade."""
        whose = ratings.grade_column(row_label(row).text)[0]
        values = {col: norm(" ".join(row.cells[col])).strip() for col in self.goal_columns
                  if col < len(row.cells) and row.cells[col]}
        if not values or not all(headings.GRADE_VALUE.match(v) or v in self.legend for v in values.values()):
            return False
        for col, value in values.items():
            goal = self.column_goals.get(col)
            if goal is not None:
                goal.grades[whose] = value
        return True

    def _sentence_follows(self) -> bool:
        """Whether the next non-blank row is an unnumbered sentence (text, not a goal)."""
        if self.following is None or headings.heading_key(self.following.text) is not None:
            return False
        return row_label(self.following).number is None and norm(self.following.text).rstrip().endswith("。")

    def _goal_heading_follows(self) -> bool:
        """Whether the next non-blank row is a goal heading (重点目標１ …)."""
        if self.following is None:
            return False
        h = headings.heading_key(self.following.text)
        return h is not None and h.key == headings.GOAL

    def _numbered_again(self, number: int | None, year, is_next: bool) -> bool:
        """Whether goal `number` of this year was already read with its own sections: a
        goal heading repeating it starts another set of goals (another site's)."""
        if number is None:
            return False
        same = {id(g) for g in self.goals if g.no == number and g.year == year and g.is_next == is_next}
        # (the first section holding one of them answers: not every section's goals are read)
        return bool(same) and any(id(g) in same for s in self.sections for g in s.goals)

    def _heads_a_goal(self) -> bool:
        """A year alone on a line is the year of the goal heading below it (a year
        alone elsewhere, such as a table header cell, is text)."""
        following = row_heading(self.following) if self.following is not None else None
        return following is not None and following.key in (headings.GOAL, headings.NEXT)

    def _stated_goal(self, number: int) -> Goal | None:
        """The goal numbered `number` already stated in the part being read (this year's
        goals, or next year's), if any."""
        is_next = self.phase == "next"
        return next((g for g in reversed(self.goals) if g.no == number and g.is_next == is_next and g.items), None)

    def _labelled_goal_row(self, row: Row) -> bool:
        """１　goal | 取組内容 | text, then 　| 成果 | text: a goal cell merged down over its
        labelled section rows (目標 | 項目 | 内容)."""
        following = row_heading(self.following) if self.following is not None else None
        return (goaltables.section_label_cell(row) is not None and following is not None
                and following.key in YEARLY_SECTIONS)

    def _content_follows(self) -> bool:
        """Whether the next non-blank row is a 取組内容 heading (a numbered goal line
        in a report that never says 重点目標: 1. 多胎児を… / 取組：…), or the row after a table of
        the goal's figures right under it (【1】… / 指標 | 目標値 | 実績値 / … / 取組状況)."""
        following = row_heading(self.past_figures) if self.past_figures is not None else None
        return following is not None and following.key == headings.CONTENT

    def _bullet_goal(self, row: Row) -> bool:
        """A line after a bullet (◆ ● ■ …), or one sentence stating an aim (…ようにする。), heading
        the 取組内容 right under it, before any goal
        or right after an unnumbered goal's last section or rating: a goal the report does not
        number."""
        if (not self._content_follows() or len(row.filled_cells) != 1
                or not (headings.BULLET_LINE.match(row.text) or _AIM_SENTENCE.match(row.text))):
            return False
        if not self.group:
            return self.mode in (None, "preamble", "await_goals")
        # after the goal's rating line (mode None) or its last section
        return (len(self.group) == 1 and self.group[0].implicit
                and (self.mode is None or (self.mode == "section" and self.section is not None
                                           and self.section.kind != records.CONTENT)))

    def _heads_a_part(self, year: str | None = None) -> bool:
        """A year alone on a line above an evaluation heading, a title or a goal table's
        header (a workbook's sheet named R4) is the year of the part it heads; also above a
        line restating that year (the sheet's own title, `_restates_year`) over such a heading."""
        if self.following is None:
            return False
        following = row_heading(self.following)
        if ((following is not None and following.key == headings.EVAL)
                or is_title(self.following, following) or goaltables.goal_table_columns(self.following) is not None):
            return True
        if not (year and self.beyond is not None and self._restates_year(self.following, year)):
            return False
        beyond = row_heading(self.beyond)
        return ((beyond is not None and beyond.key == headings.EVAL)
                or goaltables.goal_table_columns(self.beyond) is not None)

    @staticmethod
    def _restates_year(row: Row, year: str) -> bool:
        """A short line of one cell, no sentence and no numbered goal, that names `year` and
        no other year (保土ケ谷区地域子育て支援拠点こっころ　令和4年度重点目標 under a sheet named 令和4年度)."""
        if len(row.filled_cells) != 1 or "。" in row.text or len(row.compact) > 60:
            return False
        h = row_heading(row)
        if h is not None and h.key in (headings.GOAL, headings.NEXT) and h.number is not None:
            return False
        stated, named = wareki.find_years(row.text), wareki.find_years(year)
        return len(stated) == 1 and bool(named) and stated[0].year_from == named[0].year_from

    def _next_goal_number(self, number: int, row: Row) -> bool:
        """A numbered line after a goal's sections that continues the goals' numbering
        (1. goal, its sections, 2. goal …) rather than the current section's items."""
        if self.mode != "section" or self.section is None or len(self.group) != 1:
            return False
        goal = self.group[0]
        if not goal.implicit or number != goal.no + 1 or not self._numbered_like_goal(row_label(row), goal):
            return False
        if goaltables.section_label_cell(row) is not None:
            # ２　goal | 取組内容 | text: the next goal's cell, merged down over its section rows
            return True
        # an item list 1. 2. … of the section continues; a goal line is followed by its 取組内容
        # (its indicator's table of figures passed)
        following = row_heading(self.past_figures) if self.past_figures is not None else None
        if self._part_after_goals():
            return False
        return (number - 1) not in self.section.numbers or (
            following is not None and following.key == headings.CONTENT)

    def _numbered_like_goal(self, label: headings.Label, goal) -> bool:
        """Whether a numbered line is numbered as the goal line before it was (２　… after
        「１　つどいの広場事業」): a sub-item of the goal's sections numbered another way
        (（２）数値目標と実績 under it) neither continues the goals nor ends them."""
        style = self.goal_styles.get(id(goal))
        return style is None or style == _number_style(label)

    def _part_after_goals(self) -> bool:
        """Every goal line so far had its sections right under it, and the numbered line
        continuing their numbering does not (第3　その他 / 拠点の利用状況は別紙のとおり。):
        it is the report's next part, not a goal. (A table of the goal's figures right under
        it is passed: 【2】… / 指標 | 目標値 | 実績値 / 取組状況.)"""
        following = row_heading(self.past_figures) if self.past_figures is not None else None
        return (bool(self.goal_lines_then_section) and all(self.goal_lines_then_section)
                and (following is None or following.key not in YEARLY_SECTIONS))

    def _implicit_goal(self, row: Row, number: int) -> None:
        """A goal written as a numbered line, without the word 重点目標."""
        if self.part_number is None and not any(not g.is_next for g in self.goals):
            self._part_above(row)
        year, label, is_next = self._year_for(self.pending_year, self.phase == "next")
        self.pending_year = None
        if self._numbered_again(number, year, is_next):
            # （１） again after goal (1)'s sections (the next centre's goals, numbered again from
            # one): goals of their own, numbered on, as a repeated goal heading is
            number = 1 + max(g.no for g in self.goals if g.year == year and g.is_next == is_next)
        goal = self._new_goal(number, year, label, is_next, implicit=True)
        self.goal_styles[id(goal)] = _number_style(row_label(row))
        label_at = goaltables.section_label_cell(row)
        if label_at is not None:
            # １　goal | 取組内容 | text (a goal cell spanning its section rows): the goal,
            # then its first section
            col, key = label_at
            goal_row = Row(row.cells[:col], row.start, row.end, row.source)
            goal.items.append(Item(headings.text_after(goal_row.text, row_label(goal_row).prefix_chars),
                                   row.start, row.end))
            self.goal_lines_then_section.append(True)
            self.group, self.mode = [goal], "section"
            self.section = Section(YEARLY_SECTIONS[key], [goal])
            first = Row(row.cells[col + 1:], row.start, row.end, row.source)
            filled = [i for i, c in enumerate(first.cells) if any(t.strip() for t in c)]
            if len(filled) >= 2 and (grade := ratings.lone_grade(" ".join(first.cells[filled[-1]]))):
                # １　goal | 取組内容 | text | ◎: the grade cell merged down beside the goal's rows
                # (a column of 評価) rates the goal; it is no word of its first section
                goal.grades["自己"] = grade
                first = Row(first.cells[:filled[-1]], row.start, row.end, row.source)
            self.section.items = items_of(first)
            if row_label(first).number is not None:
                self.section.numbers.add(row_label(first).number)  # ① of ① … / ② … below
            self.sections.append(self.section)
            return
        goal.items.append(Item(headings.text_after(row.text, row_label(row).prefix_chars), row.start, row.end))
        following = row_heading(self.past_figures) if self.past_figures is not None else None
        self.goal_lines_then_section.append(following is not None and following.key in YEARLY_SECTIONS)
        # further numbered lines may list more goals before their sections start
        self.group, self.section, self.mode = [goal], None, "goal_list"
        self.list_year = (year, label, is_next)

    def _next_part(self, row: Row) -> bool:
        """A line numbered next after the part that holds the goals, in that part's style
        (２　利用状況 after 「１　重点目標の振り返り」)."""
        label = row_label(row)
        return (self.part_number is not None and label.number == self.part_number + 1
                and _number_style(label) == self.part_style)

    def _part_above(self, row: Row, label_ok: bool = False) -> None:
        """The first goal's numbered line right under a numbered line written another way
        (1　今年度の重点目標と振り返り / ⑴ 地域の…): that line numbers the report's part,
        so that the next part (2　利用状況) ends the goals."""
        above = self.previous
        if above is None or "。" in above.text:
            return
        heading = row_heading(above)
        if heading is not None and not (label_ok and heading.key in YEARLY_SECTIONS and not heading.rest):
            return
        label = row_label(above)
        if label.number is not None and (row_label(row).number is None
                                         or _number_style(label) != _number_style(row_label(row))):
            self.part_number, self.part_style = label.number, _number_style(label)

    def _goal_header(self, row: Row, h: headings.Heading) -> None:
        year, label, is_next = self._year_for(h.year or self.pending_year, h.is_next)
        self.pending_year = None
        if is_next:
            self.phase = "next"
        number = h.number
        label_at = goaltables.section_label_cell(row)
        if label_at is not None:
            # 重点目標１ … | 取組内容 | 区の両親教室で…: the goal, then its first section
            goal_row = Row(row.cells[:label_at[0]], row.start, row.end, row.source)
            inline = items_of(goal_row, skip_first=True, rest=h.rest)
        else:
            inline = items_of(row, skip_first=True, rest=h.rest)
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
        if not inline and number is not None and number == row_label(row).number and self._list_follows():
            # "1 今年度の重点目標" above (1) … (2) …: the 1 numbers the report's part, not a goal.
            self.part_number, self.part_style = number, _number_style(row_label(row))
            number = None
        if number is None and not inline:
            # A heading above a list of goals (①… ②… ③… on the following lines).
            self.mode, self.group, self.list_year = "goal_list", [], (year, label, is_next)
            return
        if inline and self._numbered_again(number, year, is_next):
            # 重点目標１ again, with a goal of its own, after goal 1's sections (a satellite's
            # goals after the hub's, numbered again from 1): goals of their own, numbered on
            number = 1 + max(g.no for g in self.goals if g.year == year and g.is_next == is_next)
        goal = self._new_goal(number, year, label, is_next)
        rated = ratings.trailing_grades(inline[-1].text) if inline else None
        if rated is not None:
            # 重点目標１　…を届ける（評価：Ａ）: the goal's rating, not its words
            inline[-1] = Item(rated[0], inline[-1].start, inline[-1].end)
            goal.grades.update(rated[1])
        goal.items.extend(inline)
        self.group = [goal]
        self.mode = "goal_text" if not inline else None
        if label_at is not None:
            col, key = label_at
            self.section = Section(YEARLY_SECTIONS[key], [goal])
            self.section.items = items_of(Row(row.cells[col + 1:], row.start, row.end, row.source))
            self.sections.append(self.section)
            self.mode = "section"


def _ends_sentence(text: str) -> bool:
    """Whether a line ends its sentence (。 ． ！ ？, a closing bracket after one)."""
    return norm(text).rstrip(" \u3000）)」』】").endswith(("。", ".", "!", "?"))


# A title alone in brackets (【サテライト（日吉）】, ［本体］).
_BRACKETED_TITLE = re.compile(r"[【\[［〔〈《＜][^】\]］〕〉》＞。]{1,30}[】\]］〕〉》＞]")
# ... or a short line naming a site of the programme (２　地域子育て支援拠点〇〇サテライト), no sentence
_NAMES_A_SITE = re.compile(r"地域子育て支援拠点|子育て支援センター|つどいの広場|子育て(?:ひろば|広場)|サテライト|分室")
_PART_TITLE_CHARS = 40


# A goal's words opening with its site in brackets: 重点目標１（サテライト）　… → （サテライト）　….
_SITE_OPENING = re.compile(r"^[\s\u3000]*[（(【［\[〔]([^（()）【】［］\[\]〔〕]{0,12}(?:本体|サテライト|分室|本館|分館)"
                           r"[^（()）【】［］\[\]〔〕]{0,12})[）)】］\]〕][\s\u3000]*")


def _site_in_goal_words(goal: Goal) -> None:
    """重点目標１（本体）　… / 重点目標３（サテライト）　…: the site a goal's heading names in brackets
    before its words is the goal's site, not its words."""
    if not goal.items:
        return
    m = _SITE_OPENING.match(goal.items[0].text)
    if m is None or not goal.items[0].text[m.end():].strip():
        return
    goal.site = goal.site or m.group(1).strip()
    goal.items[0] = dataclasses.replace(goal.items[0], text=goal.items[0].text[m.end():])


# A heading's year with the other calendar's year run on once brackets are gone:
# 令和52023年度 (令和5（2023）年度), 2023令和5年度 (2023（令和5）年度).
_RUN_ON_YEARS = re.compile(r"(?:令和|平成)(?:元|\d{1,2})(?:19|20)\d{2}年|(?:19|20)\d{2}(?:令和|平成)")


# Words in a cell: two letters, kana or kanji in a row.
_WORDS = re.compile(r"[^\W\d_]{2}")


def _rating_words(goal: Goal, h: headings.Heading, text: str) -> str:
    """The words of an outcome headed by a rating's label (評価, 取組の評価), its grade taken
    as the goal's: 「Ｂ」 alone gives the grade and no words, 「Ｂ　少人数の日に…」 (or the grade run
    into the words, as a PDF joins a cell's lines) the grade and the words after it; other
    text, and an outcome under another label, is kept whole."""
    whose = ratings.grade_column(h.label)
    lead = ratings.leading_grade(text) if whose is not None else None
    if lead is None:
        return text
    goal.grades[whose[0]] = norm(lead[0])
    return lead[1]


def _titles_goals(row: Row) -> bool:
    """Whether a line is a title naming the goals last (中区地域子育て支援拠点　のんびりんこ　R2年度　重点目標:
    words, then a bare goal heading; no sentence), not a goal's words."""
    words = norm(row.text).split()
    if len(words) < 2 or "。" in row.text:
        return False
    h = headings.heading_key(words[-1])
    return h is not None and h.key == headings.GOAL and not h.rest and h.number is None


def _list_mark(text: str) -> str | None:
    """The kind of list mark an item opens with: "circled" (①), a bullet itself (・ ● ○ ◆ ■ □),
    else None."""
    first = text.lstrip(" \u3000")[:1]
    if "\u2460" <= first <= "\u2473":
        return "circled"
    return first if first and first in "・●○◆◇■□▪" else None


def _goal_blocks_side_by_side(row: Row) -> list[Row]:
    """A row whose cells each hold a whole goal block, numbered goals side by side (a page
    in two columns, a goal per column: 重点目標１…【取組内容】… | 重点目標２…【取組内容】…):
    one row per cell, read in turn. Any other row as it is."""
    filled = [cell for cell in row.cells if cell]
    if len(filled) < 2:
        return [row]
    numbers = []
    for cell in filled:
        h = headings.heading_key(cell[0])
        if h is None or h.key != headings.GOAL or h.number is None or not h.rest or h.refers:
            return [row]
        if not any(labelrows.labelled_item(item) for item in cell[1:]) and not labelrows.holds_sections(cell[0]):
            return [row]  # a goal's text only (a goal-per-column header): no sections inside
        numbers.append(h.number)
    if numbers != sorted(set(numbers)):
        return [row]
    return [Row([cell], row.start, row.end, row.source) for cell in filled]


# An outcome label saying what was done (実施結果, 取組結果, 活動結果): the goal's content when a
# 振り返り follows it.
_DONE_LABEL = re.compile(r"(?:実施|活動|取り?組み?)の?結果")


def _number_style(label: headings.Label) -> tuple:
    """How a line's number is written — roman (Ⅱ), in brackets ((2)), under a part (Ⅰ-2), a
    letter (イ), circled (②) or plain (2.) — so the next part (2. 利用状況) is told from the
    next goal ((2) 父親の…, （イ）多世代の…) and from a section's next item (②…)."""
    return (label.roman, label.bracketed, label.parent is not None, label.kana, label.circled)


def _year_label(label: str, year: int) -> str:
    """A year as written, in the matching form; a run-on pair (令和52023年度) as its 和暦."""
    return wareki.western_to_label(year) if _RUN_ON_YEARS.search(norm(label)) else norm(label)


# A heading of notes after a report's goals: （注）, 注記, ※注, 備考.
_NOTES = re.compile(r"※?(?:注|注記|注釈|備考)")
# A web page's heading of the files and pages it links to (関連ファイル, 関連リンク, 添付ファイル,
# ダウンロード): after a report's goals, the page's next part.
_PAGE_FILES = re.compile(r"[■◆●□・]?\s*(?:関連(?:ファイル|リンク|情報|ページ|資料|文書)|添付ファイル|ダウンロード(?:ファイル)?)")


# A sentence that introduces the goals as the numbered lines below it.
_GOAL_LIST_INTRO = re.compile(r"目標(?:は|を|として)[^。]{0,20}(?:次の|以下の)|(?:次の|以下の)[^。]{0,10}を(?:重点)?目標")


def _evaluated_later_goals(goals: list[Goal], owned) -> None:
    """A goal of a year after the evaluated one that states what came of it (its 取組の成果, or
    a grade) is that year's evaluated goal, not next year's plan: a workbook of one sheet per
    year whose sheets carry no evaluation heading (令和3年度 / 令和4年度, each sheet's goals
    with their 成果 and 課題). A plan has no outcome yet. Unless that year already has an
    evaluated goal of that number. And a later year's goals that state no outcome, issue or
    grade at all, after a year's that do, are next year's goals."""
    with_outcome = {id(g) for g, kind, items in owned if g is not None and kind == records.OUTCOME and items}
    evaluated = {(g.year, g.no) for g in goals if not g.is_next}
    for goal in goals:
        if goal.is_next and (id(goal) in with_outcome or goal.grades) and (goal.year, goal.no) not in evaluated:
            goal.is_next = False
    # and the other way: a later year's goals none of which states an outcome, an issue or a
    # grade, after a year whose goals do, are that year's plan (a sheet of next year's goals
    # whose 成果 and 課題 columns are still blank)
    stated = {id(g) for g, kind, items in owned if g is not None and kind in (records.OUTCOME, records.ISSUE) and items}
    judged_years = {g.year for g in goals if not g.is_next and g.year and (id(g) in stated or g.grades)}
    planned = {(g.year, g.no) for g in goals if g.is_next}
    for year in {g.year for g in goals if not g.is_next and g.year}:
        if judged_years and year > min(judged_years) and year not in judged_years:
            later = [g for g in goals if g.year == year and not g.is_next]
            if not any((g.year, g.no) in planned for g in later):
                for g in later:
                    g.is_next = True


def build(doc, rows, found: metadata.Detected, builder) -> None:
    """A yearly evaluation's rows -> its passages, added to `builder` (a
    passages.PassageBuilder); sets the document's years from its goals' (else the
    evaluated year or period `found`)."""
    # The evaluated year: from the evaluation heading, else a one-year period line
    # (事業実施期間 2023年4月1日～2024年3月31日).
    year = found.evaluated_year
    if year is None and found.period and found.period.year_from == found.period.year_to:
        y = found.period.year_from
        year = wareki.YearMention(y, y, wareki.western_to_label(y), 0, 0)
    if year is None and found.period is None:
        year = found.written_year  # 作成日：令和5年3月31日, and 今年度の重点目標 without a year
    parser = _YearlyParser(goaltables.years_apart(goaltables.section_tables(labelrows.blocks_across(rows))), year)
    goals, sections, leftovers = parser.parse()
    for goal in goals:
        _site_in_goal_words(goal)
    if not goals and parser.released:
        return  # no goal at all: the report is read as paragraphs (parse), every row kept
    owned: list[tuple[Goal | None, str, list[Item]]] = []
    for section in sections:
        for goal, items in goalowners.split_by_goal(section):
            if owned and owned[-1][0] is goal and owned[-1][1] == section.kind:
                # 取組の成果（数値） then 取組の成果（様子）: one block of that goal's outcome
                owned[-1] = (goal, section.kind, owned[-1][2] + items)
            else:
                owned.append((goal, section.kind, items))
    owned = goalowners.reattach_outcomes(goals, owned)
    _evaluated_later_goals(goals, owned)
    years = [g.year for g in goals if g.year]
    if years:
        doc.fiscal_year_from, doc.fiscal_year_to = min(years), max(years)
        first = next(g for g in goals if g.year == min(years))
        doc.year_label = first.year_label
    elif found.evaluated_year or found.period:
        passages.set_years(doc, found.evaluated_year or found.period)
    # each goal's items of each kind, in order (one pass: a report with many goals is not
    # read again for every goal)
    by_goal: dict[tuple[int, str], list[Item]] = {}
    for g, k, its in owned:
        if g is not None:
            by_goal.setdefault((id(g), k), []).extend(its)
    for goal in goals:
        path = f"y{goal.year or 0}-{'n' if goal.is_next else 'g'}{goal.no}"
        common = dict(year_from=goal.year, year_to=goal.year, year_label=goal.year_label,
                      goal_no=goal.no, goal=goal.text, unit=path, site=goal.site)
        builder.add(path, records.NEXT_GOAL if goal.is_next else records.GOAL, goal.items,
                    grades=dict(goal.grades) or None, **common)
        for kind in (records.CONTENT, records.OUTCOME, records.ISSUE, records.OTHER):
            builder.add(path, kind, by_goal.get((id(goal), kind), []), **common)
    orphans = [i for g, _k, its in owned if g is None for i in its]
    builder.add("rest", records.OTHER, orphans + leftovers, year_from=doc.fiscal_year_from,
                year_to=doc.fiscal_year_to, year_label=doc.year_label)
    overview.add_passages(builder, parser.overview, year_from=doc.fiscal_year_from,
                  year_to=doc.fiscal_year_to, year_label=doc.year_label)
