"""Five-year summaries (5か年のまとめ): programme blocks -> passages.

Per programme (事業 1–7, named however a report writes them: by number, by its own or
the city's name, or by its words, `programme_by_words`): the 目指す拠点の姿 table with
each aim's self-evaluation grades (法人 / 区) and earlier issues, 評価の理由 (法人 / 区),
成果, 課題 and 振り返りの視点, or a programme table (事業 | 自己評価 | 成果 | 課題).
`build` turns a report's rows into its programme passages (evidence unit
"p<programme>"), the leftovers and the preamble's prose (`overview`), and sets the
document's period and programme names.
"""

from __future__ import annotations

import re

from . import headings, labelrows, metadata, overview, ratings, records, wareki
from .blocks import SITE_WORDS, Item, Section, is_footnote, is_title, items_of, row_label, site_name, without_first
from .clean import Row, norm

# A bullet opening a line of an aim's earlier issues (参考) in the aims table.
_BULLET = tuple("・●○◆■□◇※-⇒")
# The aims table's header cells: 法人 / 区 / (参考)… / 自己評価(A~D), and a column of the aims'
# numbers before them (No. | 目指す拠点の姿 | 法人 | 区).
_AIMS_TABLE_HEADER = re.compile(r"^(?:法人|区|法人区|参考|自己評価|評価|ABCD|A~D|(?:No|NO|no)\.?$|№$|番号$|項番$)")
# A cell of the aims' number column: the number alone (1, １, ①).
_NUMBER_CELL = re.compile(r"^[(（]?(?:\d{1,2}|[①-⑳])[)）.．]?$")


def _number_cell(text: str) -> int | None:
    """The number a cell holding only a number says (1, １., （２）, ③), else None."""
    text = norm(text).strip()
    if not _NUMBER_CELL.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else headings.circled_value(re.sub(r"[()（）.．]", "", text))



# The label of an outside evaluator's opinion (有識者の意見, 第三者委員からのコメント, 外部評価委員の講評).
_OUTSIDE_OPINION = re.compile(r"(?:有識者|第三者|外部(?:評価)?委員|外部評価者|評価委員|委員)(?:から)?の?(?:意見|コメント|所見|講評|助言)")
# A programme numbered after the word 事業 (事業４　ネットワーク事業, 事業2：子育て相談事業).
_NUMBERED_BY_WORD = re.compile(r"^事業([1-7])[:：.．、]?(?=\S{2,}事業$)")


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
        self.who_rows: tuple[int, int | None] = (0, None)  # 評価者 | 評価: its grade column, the aim its rows rate
        self.header_whose: dict[int, str] = {}  # the aims / programme table header's grade columns
        self.letters: dict[int, tuple[str, str]] = {}  # A | B | C | D columns under them
        self.above: Row | None = None  # the row read before

    def parse(self):
        for row in self.rows:
            if row.cells:
                for piece, h in labelrows.rows_by_label(row):
                    self._row(piece, h)
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
        self._add(Row(without_first(row), row.start, row.end))

    def _is_aim_heading(self, text: str, number: int | None) -> bool:
        """A line repeating (a shortened form of) the programme's aim ① … as a heading."""
        aim = self.aims.get(self.programme, {}).get(number)
        if aim is None:
            return False
        a, t = norm(aim.text).rstrip("。"), norm(text).rstrip("。")
        return a.startswith(t) or t.startswith(a)

    def _add(self, row: Row) -> None:
        items = items_of(row)
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
        label = row_label(row)
        if not label.text.endswith("事業") and len(row.filled_cells) == 1:
            return self._short_programme_heading(row, label) or self._numbered_programme_line(label)
        if not label.text.endswith("事業") or len(label.text) > 40 or len(row.filled_cells) != 1:
            return None
        number = label.number
        if number is None:
            number = self._programme_named(label.text)
        if number is None and (numbered := _NUMBERED_BY_WORD.match(label.text)):
            # 事業４　ネットワーク事業: the programme numbered after the word 事業, however it is named
            number = int(numbered.group(1))
        if number is None or not 1 <= number <= 7 or not self._comes_next(number):
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
        if number is None or not 1 <= number <= 7 or not self._comes_next(number) or len(name.text) > 20:
            return None
        if programme_by_words(name.text) != number and self._programme_named(name.text) != number:
            return None
        grades = dict((who, g) for who, g in ratings.INLINE_GRADE.findall(m.group("rest")))
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
        number, text, marked = label.number, label.text, label.marked
        numbered = _PROGRAMME_NUMBER_THEN_NAME.match(text) if number is None else None
        if numbered:
            # ■事業１　親子の居場所の設置・運営: 事業 and its number, then the name
            number, text, marked = int(numbered.group("no")), numbered.group("name"), True
        if (number is None or not marked or not 1 <= number <= 7 or not self._comes_next(number)
                or len(text) > 20 or "。" in text):
            return None
        if programme_by_words(text) != number and self._programme_named(text) != number:
            return None
        return number, text

    def _comes_next(self, number: int) -> bool:
        """Whether programme `number` can open here: after the current one, or back before it
        while nothing has been read under the programmes named so far (a page's table of
        contents lists them all, 1 to 7, before the first one's own heading)."""
        if number > (self.programme or 0):
            return True
        # (a number back below the last one listed; the same number again is a repeated title)
        return number < self.programme and not (self.sections or self.aims or self.grades)

    def _programme_named(self, text: str) -> int | None:
        key = _name_key(re.sub(r"^事業\d", "", text))
        for number, name in list(self.names.items()) + list(records.PROGRAMMES.items()):
            if key == _name_key(name):
                return number
        return None

    def _row(self, row: Row, h: headings.Heading | None) -> None:
        key = h.key if h else None
        above, self.above = self.above, row
        columns = _programme_table_columns(row)
        if columns is None and above is not None and ratings.is_grade_label(above):
            # 自己評価 / 事業 | 法人 | 区 | 成果 | 課題: a header of two tiers printed as two lines (自己評価
            # merged over 法人 | 区, the cells merged down beside it set level with the lower tier):
            # 法人 and 区 are that rating's columns
            label = headings.label_form(above.text).text
            columns = headings.programme_table_columns(
                [f"{label}（{c.strip()}）" if c.strip() in ("法人", "区") else c for c in (" ".join(x) for x in row.cells)])
        if columns:
            self.mode, self.section, self.columns, self.table_row = "programme_table", None, columns, 0
            self.header_whose, self.letters = ratings.header_whose([" ".join(c) for c in row.cells]), {}
            return
        if self.mode == "programme_table":
            letters = ratings.letter_columns([" ".join(c) for c in row.cells], self.header_whose) \
                if self.table_row == 0 else None
            if letters:
                # the header's second row: A | B | C | D under each evaluator, a row marking one
                self.letters = letters
                for col in letters:
                    self.columns.pop(col, None)
                return
            who = ratings.evaluator_columns(row) if self.table_row == 0 else None
            if who:
                # the header's second row: 自己評価 spanning 法人 | 区 above
                for col, whose in who.items():
                    self.columns[col] = f"grade:{whose}"
                return
            if len(row.filled_cells) >= 2 and self._table_programme(row):
                return
            self.mode = None
        elif self.mode in (None, "preamble") and self.columns and self._table_goes_on(row):
            # the table's rows going on past a sheet's end (the next sheet's name or title, and
            # its rows without the header again): the next programme's row
            self.mode = "programme_table"
            self._table_programme(row)
            return
        if (len(row.filled_cells) >= 2 and any(t.strip() for t in row.cells[0])
                and headings.heading_key(" ".join(row.cells[1])) is not None):
            # 2　子育て相談事業 | 評価 | 法人：○　区：◎, then 　| 成果 | … : the programme's name cell
            # merged down beside its labelled rows (a web page's rowspan): the programme, then
            # the row's own label and words
            named = self._programme_heading(Row([row.cells[0]], row.start, row.end, row.source))
            if named:
                self.programme = named[0]
                self.names.setdefault(self.programme, named[1])
                self.mode, self.section = None, None
                for piece, h in labelrows.rows_by_label(Row(row.cells[1:], row.start, row.end, row.source)):
                    self._row(piece, h)
                return
        programme = self._programme_heading(row)
        if programme:
            self.programme = programme[0]
            self.names.setdefault(self.programme, programme[1])
            self.mode, self.section = None, None
            return
        if (self.mode == "grade_table" and len(row.filled_cells) >= 2
                and (grades := ratings.grade_table_row(row, self.who_columns))):
            # 目指す拠点の姿にどの程度近づいたか | Ａ | Ｂ under 評価の観点 | 法人 | 区: a row of grades,
            # though its first cell names the aims
            self._programme_grades(grades, row)
            return
        if key == headings.AIMS:
            if self.programme is None:
                self.programme = 1
            self.mode, self.section, self.aim_no = "aims", None, None
            self.header_whose, self.letters = ratings.header_whose([" ".join(c) for c in row.cells]), {}
            return
        if self.mode == "aims" and h is None and self._aims_table_row(row):
            return
        grade_col = ratings.evaluator_rows_header(row) if self.programme else None
        if grade_col is not None:
            # 評価者 | 評価 under a programme's heading, then a row per evaluator (法人 | Ａ / 区 | Ｂ)
            self.mode, self.section, self.who_rows = "who_rows", None, (grade_col, None)
            return
        if self.mode == "who_rows":
            given = ratings.evaluator_row(row, self.who_rows[0])
            if given is not None:
                if self.who_rows[1] is None:
                    self._programme_grades(dict([given]), row)
                    self.who_rows = (self.who_rows[0], max(self.aims[self.programme]))
                else:
                    self.grades[(self.programme, self.who_rows[1])][given[0]] = given[1]
                return
            self.mode = None
        who_columns = ratings.evaluator_columns(row) if self.programme else None
        if who_columns:
            self.mode, self.section, self.who_columns = "grade_table", None, who_columns
            return
        if self.mode == "grade_table":
            grades = ratings.grade_table_row(row, self.who_columns)
            if grades:
                self._programme_grades(grades, row)
                return
            self.mode = None
        grades = ratings.programme_grade_line(row) if self.programme and self.mode != "aims" else None
        if grades:
            # 自己評価：A（法人） B（区） under a programme heading: the programme's grades
            self._programme_grades(grades, row)
            self.mode, self.section = None, None
            return
        if (h is None and self.programme and len(row.filled_cells) == 1
                and _OUTSIDE_OPINION.fullmatch(row_label(row).text)):
            # 有識者の意見 / 第三者委員からのコメント under a programme: what someone outside the hub and
            # the ward said of it, the programme's text but neither its 成果 nor its 課題
            self._start(records.OTHER, row, "")
            return
        if key == headings.OVERVIEW:
            self.overview.append(overview.start(row, h))
            self.mode, self.section = "overview", None
            return
        if is_title(row, h) and self.mode == "section":
            return  # a page header repeating the title inside a programme
        if key == headings.PREAMBLE or is_title(row, h):
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
        if self.mode == "section" and (ratings.is_legend_line(row.text) or is_footnote(row)):
            # 【評価の凡例】 / Ａ：目指す姿に達している　Ｂ：… / ※１ … after a programme's 課題: the
            # grades' legend and the report's footnotes, not that programme's words
            self.mode, self.section = None, None
        if self.mode == "section" and self.section is not None:
            self._add(row)
        elif self.mode == "overview":
            overview.add_row(self.overview[-1], row)
        elif self.mode not in ("preamble",):
            self.leftovers.extend(items_of(row))

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
        aim_col = next((i for i, role in self.columns.items() if role == "aim"), None)
        aim_text = " ".join(cells[aim_col]) if aim_col is not None and aim_col < len(cells) else ""
        if not name and self.table_row and self.programme is not None:
            # the programme's name cell spans this row too (rowspan): the row adds the
            # other evaluator's grade (評価者 区 | Ｂ) or more text to that programme, or
            # (事業 | 目指す拠点の姿 | …) its next aim
            if aim_text:
                self._table_aim(self.programme, aim_text, row)
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
        self._table_aim(number, aim_text or name, row)
        self._table_rest(row, number, who)
        return True

    def _table_goes_on(self, row: Row) -> bool:
        """Whether a row after a programme table ended is that table's next row: as many cells
        as its rows had (a name, grades, 成果, 課題), the name cell naming the programme after
        the last one read (4 after 3), by its number or its words."""
        cells = row.cells
        if len(row.filled_cells) < 3 or len(cells) < max(self.columns) + 1 or self.programme is None:
            return False
        name_col = next((i for i, role in self.columns.items() if role == "name"), 0)
        number_col = next((i for i, role in self.columns.items() if role == "number"), None)
        name = " ".join(cells[name_col]) if name_col < len(cells) else ""
        label = headings.label_form(name)
        number = label.number
        if number is None and number_col is not None and number_col < len(cells):
            stated = re.fullmatch(r"\s*([1-7])\s*", norm(" ".join(cells[number_col])))
            number = int(stated.group(1)) if stated else None
        if number is None:
            number = self._programme_named(label.text) or programme_by_words(label.text)
        return number == self.programme + 1

    def _table_aim(self, number: int, text: str, row: Row) -> None:
        """The next aim of programme `number` in a programme table (its name, when the table
        gives no aim column)."""
        aim_no = len(self.aims.get(number, {})) + 1
        self.aims.setdefault(number, {})[aim_no] = Item(text, row.start, row.end, number=aim_no)
        self.grades[(number, aim_no)] = {}

    def _table_rest(self, row: Row, number: int, who: str | None) -> bool:
        """A programme table row's grades (under whose the 評価者 cell says, else the
        column's) and its 成果 / 課題 cells, for programme `number`'s last aims row."""
        cells = row.cells
        grades = self.grades[(number, max(self.aims[number]))]
        marked = ratings.marked_grades([" ".join(c) for c in cells], self.letters) if self.letters else {}
        grades.update(marked)  # ○ under the grade's letter column
        found = bool(marked)
        for col, role in self.columns.items():
            value = norm(" ".join(cells[col])).strip() if col < len(cells) else ""
            if role.startswith("grade:") and value and role[6:] not in ("法人", "区", "自己") \
                    and not headings.GRADE_VALUE.match(value):
                # a year's column (令和２年度) holding that year's words, not a grade: its record
                section = Section(records.RESULT, [], programme=number)
                section.items = [Item(t, row.start, row.end) for t in cells[col] if t.strip()]
                self.sections.append(section)
                found = True
            elif role.startswith("grade:") and value:
                pairs = ratings.INLINE_GRADE.findall(value)
                if pairs and not headings.GRADE_VALUE.match(value) and not re.search(r"\w", ratings.INLINE_GRADE.sub("", value)):
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
        letters = ratings.letter_columns([" ".join(c) for c in row.cells], self.header_whose)
        if letters:
            self.letters = letters  # A | B | C | D under 自己評価（法人） and 自己評価（区）
            return True
        written = ratings.who_grades_line(row.text) if self.aim_no is not None else None
        if written:
            # 法人：十分に実施できた　区：概ね実施できた on the line after the aim: its grades
            self.grades[(self.programme, self.aim_no)] = written
            return True
        label = row_label(row)
        if _AIMS_TABLE_HEADER.match(label.text) and len(label.text) <= 20 and label.number is None:
            return True  # 法人 / 区 / (参考)… / 自己評価(A~D): the table's header cells
        if label.number is not None and not ratings.LETTER_GRADE.match(label.text):
            self._aim_row(row, label.number)
            return True
        if len(row.filled_cells) >= 3 and (number := _number_cell(row.first)) is not None:
            # 1 | 利用者を温かく迎え入れる… | A | A under No. | 目指す拠点の姿 | 法人 | 区
            self._aim_row(row, number)
            return True
        if self.aim_no is None:
            return False
        tokens = norm(row.text).split()
        if tokens and all(ratings.LETTER_GRADE.match(t) for t in tokens):
            self._add_grades(tokens)
            return True
        items = [i for c in row.cells for i in c]
        m = ratings.TRAILING_GRADES.search(items[-1])
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
        marked = ratings.marked_grades([" ".join(c) for c in cells], self.letters) if self.letters else {}
        if marked:
            # ○ under the grade's letter: the grades, the marks no text of the aim
            cells = [[] if col in self.letters else c for col, c in enumerate(cells)]
        first = next(i for i, c in enumerate(cells) if c)
        if (_number_cell(" ".join(cells[first])) is not None
                and any(len(norm(" ".join(c))) > 2 for c in cells[first + 1:])):
            # 1 | 利用者を温かく迎え入れる… | A | A: the number column, then the aim's own cell
            first = next(i for i, c in enumerate(cells) if c and i > first)
        aim_cell, rest = cells[first], cells[first + 1:]
        grade_cells = []
        while rest and (not rest[-1] or _grade_cell(norm(" ".join(rest[-1])).strip())):
            if rest[-1]:
                grade_cells.insert(0, norm(" ".join(rest[-1])).strip())
            rest = rest[:-1]
        if not grade_cells:
            # cells run together with spaces: "…場になっている。 ○… A B"
            last = rest[-1] if rest and rest[-1] else aim_cell
            m = ratings.TRAILING_GRADES.search(last[-1])
            if m:
                grade_cells = norm(m.group(0)).split()
                last[-1] = last[-1][:m.start()].rstrip()
        if len(aim_cell) > 1 and not rest:
            aim_cell, rest = aim_cell[:1], [aim_cell[1:]]  # the issues beside the aim, in the same cell
        written = ratings.trailing_who_grades(" ".join(aim_cell)) if not grade_cells else None
        aim = Item(written[0] if written else " ".join(aim_cell), row.start, row.end, number=number)
        self.aims.setdefault(self.programme, {})[number] = aim
        self.aim_no, self.pending_grades = number, []
        self.grades[(self.programme, number)] = dict(written[1]) if written else dict(marked)
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


def _grade_cell(value: str) -> bool:
    """A cell of the aims table holding one grade and nothing else: a letter, or any grade as
    reports write them (◎ ○ △, 十分取り組めた, おおむね達成: `headings.GRADE_VALUE`)."""
    return bool(ratings.LETTER_GRADE.match(value) or headings.GRADE_VALUE.match(value))


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
# ... or before it on one line: 事業１　親子の居場所, 事業2：子育て相談.
_PROGRAMME_NUMBER_THEN_NAME = re.compile(r"^事業\s*(?P<no>[1-7])[\s:：.．、]*(?P<name>[^\s\d].*)$")



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


def build(doc, rows, found: metadata.Detected, builder) -> None:
    """A five-year summary's rows -> its passages, added to `builder` (a
    passages.PassageBuilder); sets the document's period and its programmes' names.
    A summary of a hub's sites, one part each (■本体 / ■サテライト over programmes 1–7), gives
    each part's passages its site and units of their own (`site_parts`)."""
    names = _programme_names_from_rows(rows)
    period = found.period or metadata.period_in_sentence(rows)
    if period:
        doc.fiscal_year_from, doc.fiscal_year_to = period.year_from, period.year_to
        doc.year_label = period.label or wareki.western_to_label(period.year_from)
    parts = site_parts(rows, names)
    parsers = [_FiveYearParser(part, names) for _site, part in parts]
    read = [parser.parse() for parser in parsers]  # (each adds the names it reads to `names`)
    for n in range(1, 8):
        doc.programmes[n] = names.get(n) or records.PROGRAMMES[n]
    common = dict(year_from=doc.fiscal_year_from, year_to=doc.fiscal_year_to,
                  year_label=doc.year_label)
    for k, ((site, _part), parser, blocks) in enumerate(zip(parts, parsers, read)):
        prefix = f"s{k + 1}-" if len(parts) > 1 else ""
        _build_part(blocks, parser.overview, builder, prefix, site, common)


def _build_part(blocks, preamble: list[Section], builder, prefix: str, site: str | None, common: dict) -> None:
    """One part's programme blocks (the whole summary, or one site's: `_FiveYearParser.parse`'s
    sections, aims, grades and leftovers) and its preamble's prose -> passages, their paths and
    units under `prefix`, each of `site` where the report names one."""
    sections, aims, grades, leftovers = blocks
    for programme, by_no in aims.items():
        for number, aim in by_no.items():
            builder.add(f"{prefix}p{programme}-a{number}", records.SELF_EVAL, [aim], goal_no=number,
                        goal=aim.text, programme=programme, unit=f"{prefix}p{programme}",
                        grades=grades.get((programme, number)) or None, site=site, **common)

    def goal_text(programme):
        return lambda number: aims.get(programme, {}).get(number).text \
            if number in aims.get(programme, {}) else None

    counters: dict[tuple[int, str], int] = {}
    for section in sections:
        key = (section.programme, section.kind)
        counters[key] = counters.get(key, 0) + 1
        hint = section.aim_no
        path = f"p{section.programme}-s{counters[key]}" if hint is None else f"p{section.programme}-a{hint}"
        builder.add(prefix + path, section.kind, section.items, goal_no=hint,
                    goal=goal_text(section.programme), programme=section.programme,
                    unit=f"{prefix}p{section.programme}", site=site, **common)
    builder.add(prefix + "rest", records.OTHER, leftovers, **common)
    overview.add_passages(builder, preamble, **common)


_SITE_PART_CHARS = 40


def site_parts(rows: list[Row], names: dict[int, str]) -> list[tuple[str | None, list[Row]]]:
    """The parts of a summary that covers a hub's sites one after the other: a short line naming a
    site (■本体, ２　どろっぷサテライト, 【分室】) right above the heading of programme 1 (or a
    programme table's header) opens a part, named as the line writes it; the rows before the first
    part (the title, the period) go with it, unless they hold programmes of their own (a part of no
    site: the first site's line is missing). A summary of one site that its title names (〇〇サテライト
    ５か年のまとめ, どろっぷ（本体）…) is one part of that site; else one part of no site."""
    filled = [i for i, row in enumerate(rows) if row.cells]
    starts: list[tuple[int, str]] = []
    for pos, i in enumerate(filled):
        row = rows[i]
        if (len(row.filled_cells) != 1 or "。" in row.compact or len(row.compact) > _SITE_PART_CHARS
                or not SITE_WORDS.search(row.compact)):
            continue
        if any(_opens_programmes(rows[k], names) for k in filled[pos + 1:pos + 3]):
            if (name := site_name(row)) is not None:
                starts.append((i, name))
    if not starts:
        return _unlined_site_parts(rows, filled, names) or [(_title_site(rows), rows)]
    parts = []
    first = starts[0][0]
    if any(_opens_programmes(rows[i], names) for i in filled if i < first):
        # programmes read before the first site line (the first site's, its line left out; the
        # document may name both sites in its introduction): a part of no site, not the next site's
        parts.append((None, rows[:first]))
    for k, (i, name) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(rows)
        parts.append((name, rows[0 if k == 0 and not parts else i:end]))
    return parts


def _unlined_site_parts(rows: list[Row], filled: list[int], names: dict[int, str]) -> list | None:
    """A summary of two sites with no site line at all (its introduction names both: どろっぷ（本体）と
    どろっぷサテライトの２か所で…): where programme 1 opens again, the next site's part begins — parts
    of no site, since no line says which site each is, but the second site's programmes are no
    longer read into the first's last programme (parser33). None unless the text names two site
    words and programme 1 opens more than once."""
    if len({w for i in filled for w in SITE_WORDS.findall(rows[i].compact)}) < 2:
        return None
    opens = [i for i in filled if _opens_programmes(rows[i], names)]
    if len(opens) < 2:
        return None
    bounds = [0] + opens[1:] + [len(rows)]
    return [(None, rows[a:b]) for a, b in zip(bounds, bounds[1:])]


def _opens_programmes(row: Row, names: dict[int, str]) -> bool:
    """Whether a row is programme 1's heading or the header of a programme table."""
    if _programme_table_columns(row):
        return True
    parser = _FiveYearParser([], dict(names))
    return any((named := parser._programme_heading(piece)) is not None and named[0] == 1
               for piece, _h in labelrows.rows_by_label(row))


# The hub's site a title names: the hub's name and its site word (どろっぷサテライト), or the site in brackets.
_TITLE_SITE = re.compile(r"([^\s\u3000「」『』【】()（）]{0,16}?(?:本体|サテライト|分室|本館|分館)(?:施設)?"
                         r"(?:[(（][^()（）]{1,12}[)）])?)")
_SITE_IN_BRACKETS = re.compile(r"[(（]([^()（）]{0,12}(?:本体|サテライト|分室|本館|分館)[^()（）]{0,12})[)）]")


def _title_site(rows: list[Row]) -> str | None:
    """The site a summary's title names (港北区地域子育て支援拠点どろっぷサテライト　５か年のまとめ →
    どろっぷサテライト; …どろっぷ（本体）… → 本体), else None."""
    for row in metadata.title_rows(rows)[:3]:
        text = norm(row.text).strip()
        if not SITE_WORDS.search(text):
            continue
        bracketed = _SITE_IN_BRACKETS.search(text)
        if bracketed:
            return bracketed.group(1).strip()
        programme = metadata.HUB_PREFIX.search(text)
        m = _TITLE_SITE.search(text, programme.end() if programme else 0)
        if m:
            return m.group(1)
    return None
