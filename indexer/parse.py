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
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import metadata, records, wareki
from .clean import CIRCLED, Row, circled_value, norm, to_rows

# Bump whenever a change to loading, cleaning or parsing may change the records of
# an unchanged file: the index manifest records it, and a plain reindex re-parses
# files indexed by another version.
PARSER_VERSION = "2"

MAX_CHARS = 500  # longer sections are split into passages at item boundaries

SECTION_SLUGS = {
    records.GOAL: "goal", records.CONTENT: "content", records.OUTCOME: "outcome",
    records.ISSUE: "issue", records.NEXT_GOAL: "next-goal",
    records.REASON_OPERATOR: "reason-op", records.REASON_WARD: "reason-ward",
    records.RESULT: "result", records.CHALLENGE: "challenge",
    records.VIEWPOINT: "viewpoint", records.SELF_EVAL: "self-eval", records.OTHER: "other",
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

_YEAR = r"(?:(?:令和|平成)\s*(?:元|\d{1,2})\s*年度?|[RH]\s*\d{1,2}\s*年度?)"
_GOAL_HEADER = re.compile(rf"^(?P<year>{_YEAR})?\s*(?P<next>次年度)?\s*重点目標\s*(?P<num>[{CIRCLED}])?\s*(?P<rest>.*)$")
_EVAL_HEADING = re.compile(rf"^(?:\d+\s*)?(?:{_YEAR})?\s*重点目標の評価$")
_NEXT_HEADING = re.compile(r"^(?:\d+\s*)?次年度重点目標$")
_YEAR_ONLY = re.compile(rf"^{_YEAR}$")
_SECTION_LABEL = re.compile(r"^(取組内容|取組の成果|取組の課題)\s*(.*)$")
_PREAMBLE = re.compile(
    r"^(事業実施期間|事業の実施者|事業目的|事業の内容|事業の評価|【事業・施設運営の基本理念】|"
    r"対象事業|対象期間|実施目的|実施時期|実施について|事業名|施設名|所在地)"
)
_TITLE = re.compile(r"(地域子育て支援拠点事業|重点目標評価結果|5\s*か年のまとめ)")
_FIVE_LABELS = [
    (re.compile(r"^評価の理由\s*\(\s*法人\s*\)\s*(.*)$"), records.REASON_OPERATOR),
    (re.compile(r"^評価の理由\s*\(\s*区\s*\)\s*(.*)$"), records.REASON_WARD),
    (re.compile(r"^拠点事業としての成果と課題\s*\(\s*成果\s*\)\s*(.*)$"), records.RESULT),
    (re.compile(r"^\(\s*成果\s*\)\s*(.*)$"), records.RESULT),
    (re.compile(r"^\(\s*課題\s*\)\s*(.*)$"), records.CHALLENGE),
    (re.compile(r"^振り返りの視点\s*(.*)$"), records.VIEWPOINT),
]
_RESULTS_HEADING = re.compile(r"^拠点事業としての成果と課題$")
_PROGRAMME_HEADING = re.compile(r"^([1-7])\s*[.．]?\s*(\S.{0,38}事業)$")
_AIMS_HEADER = re.compile(r"^目指す拠点の姿")
_SUBHEADING = re.compile(rf"^(?:([{CIRCLED}])|(\d)\s*[.．]?\s+|⇒)")
_GRADE = re.compile(r"^[A-DＡ-Ｄ]$")


def _row_text(row: Row) -> str:
    return norm(row.first).strip()


def _items_of(row: Row, skip_first: bool = False, rest: str = "") -> list[Item]:
    """Items of a row as Items; table rows (several cells) become one item."""
    cells = [c for c in row.cells]
    if skip_first:
        first, *others = [list(c) for c in cells] or [[]]
        first = first[1:]
        cells = [first] + others
    texts: list[str] = []
    if rest:
        texts.append(rest)
    non_empty = [c for c in cells if c]
    if len(non_empty) >= 2 and all(len(" ".join(c)) < 120 for c in non_empty):
        texts.append(" | ".join(" ".join(c) for c in non_empty))
    else:
        texts.extend(item for cell in cells for item in cell)
    return [Item(t, row.start, row.end) for t in texts if t.strip()]


def _original_rest(row: Row, label_norm_len: int) -> str:
    """The text after a label in the row's first item, in original characters
    when NFKC kept the length (it does for the labels' characters), else NFKC."""
    first = row.first
    source = first if len(norm(first)) == len(first) else norm(first)
    return source[label_norm_len:].strip()


# --- yearly evaluations --------------------------------------------------------


class _YearlyParser:
    def __init__(self, rows: list[Row], eval_year: wareki.YearMention | None):
        self.rows = rows
        self.eval_year = eval_year.year_from if eval_year else None
        self.eval_label = norm(eval_year.label) if eval_year else None
        self.phase = "eval"
        self.mode: str | None = None
        self.goals: list[Goal] = []
        self.group: list[Goal] = []
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.leftovers: list[Item] = []
        self.pending_year: str | None = None  # a year written on the line above a goal header

    def _year_for(self, label: str | None, is_next_word: bool) -> tuple[int | None, str | None, bool]:
        if label:
            mention = wareki.find_years(label)
            year = mention[0].year_from if mention else None
            if self.eval_year is None and year is not None and not is_next_word and self.phase == "eval":
                self.eval_year, self.eval_label = year, norm(label).replace(" ", "")
            is_next = year is not None and self.eval_year is not None and year > self.eval_year
            return year, norm(label).replace(" ", ""), is_next
        if is_next_word or self.phase == "next":
            year = self.eval_year + 1 if self.eval_year else None
            return year, wareki.western_to_label(year) if year else None, True
        return self.eval_year, self.eval_label, False

    def _new_goal(self, number: int | None, year, label, is_next) -> Goal:
        if number is None:
            number = 1 + sum(1 for g in self.goals if g.year == year and g.is_next == is_next)
        goal = Goal(number, year, label, is_next)
        self.goals.append(goal)
        return goal

    def parse(self) -> tuple[list[Goal], list[Section], list[Item]]:
        for row in self.rows:
            if not row.cells:
                continue
            self._row(row)
        return self.goals, self.sections, self.leftovers

    def _row(self, row: Row) -> None:
        t = _row_text(row)
        compact_t = t.replace(" ", "")
        if _EVAL_HEADING.match(compact_t):
            self.phase, self.mode, self.section = "eval", None, None
            years = wareki.find_years(t)
            if years and self.eval_year is None:
                self.eval_year, self.eval_label = years[0].year_from, norm(years[0].label)
            return
        if _YEAR_ONLY.match(compact_t):
            self.pending_year = t
            return
        if _NEXT_HEADING.match(compact_t):
            self.phase, self.mode, self.section = "next", None, None
            return
        if _PREAMBLE.match(t) or (_TITLE.search(t) and len(row.items) <= 2 and "重点目標①" not in compact_t):
            self.mode, self.section, self.group = "preamble", None, []
            return
        m = _GOAL_HEADER.match(t)
        if m and not m.group("rest").startswith(("の評価", "評価結果")):
            self._goal_header(row, m)
            return
        m = _SECTION_LABEL.match(t)
        if m:
            kind = {"取組内容": records.CONTENT, "取組の成果": records.OUTCOME,
                    "取組の課題": records.ISSUE}[m.group(1)]
            rest = _original_rest(row, len(t) - len(m.group(2))) if m.group(2) else ""
            self.section = Section(kind, list(self.group))
            self.section.items.extend(_items_of(row, skip_first=True, rest=rest))
            self.sections.append(self.section)
            self.mode = "section"
            return
        if self.mode == "goal_list" and t and t[0] in CIRCLED:
            goal = self._new_goal(circled_value(t[0]), *self.list_year)
            goal.items.append(Item(row.text.lstrip(CIRCLED + " \u3000"), row.start, row.end))
            self.group.append(goal)
            return
        if self.mode == "goal_text" and self.group:
            self.group[-1].items.extend(_items_of(row))
            return
        if self.mode == "section" and self.section is not None:
            self.section.items.extend(_items_of(row))
            return
        if self.mode != "preamble":
            self.leftovers.extend(_items_of(row))

    def _goal_header(self, row: Row, m: re.Match) -> None:
        year, label, is_next = self._year_for(m.group("year") or self.pending_year, bool(m.group("next")))
        self.pending_year = None
        if is_next:
            self.phase = "next"
        number = circled_value(m.group("num")) if m.group("num") else None
        inline = _items_of(row, skip_first=True, rest=m.group("rest").strip())
        self.section = None
        if number is None and not inline:
            # A heading above a list of goals (①… ②… ③… on the following lines).
            self.mode, self.group, self.list_year = "goal_list", [], (year, label, is_next)
            return
        goal = self._new_goal(number, year, label, is_next)
        goal.items.extend(inline)
        if not inline:
            goal.items = []
        self.group = [goal]
        self.mode = "goal_text" if not inline else None


def _split_by_goal(section: Section) -> list[tuple[Goal | None, list[Item]]]:
    """A section written for a list of goals, split by its ①②③ items."""
    if len(section.goals) <= 1:
        return [(section.goals[0] if section.goals else None, section.items)]
    by_no = {g.no: g for g in section.goals}
    parts: dict[int, list[Item]] = {}
    current = section.goals[0].no
    for item in section.items:
        n = circled_value(item.text[:1])
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
            m = _SUBHEADING.match(norm(item.text))
            if m and self.section.kind in (records.REASON_OPERATOR, records.REASON_WARD):
                number = circled_value(m.group(1)) if m.group(1) else (
                    int(m.group(2)) if m.group(2) else self.current_no)
                short = len(item.text) <= 60 and not norm(item.text).endswith("。")
                item.heading = len(items) == 1 and "|" not in item.text and (
                    short or self._is_aim_heading(item.text, number))
                if item.heading or m.group(1):
                    self.current_no = number
                item.number = number
            elif self.current_no is not None:
                item.number = self.current_no
            self.section.items.append(item)

    def _row(self, row: Row) -> None:
        t = _row_text(row)
        compact_t = t.replace(" ", "")
        m = _PROGRAMME_HEADING.match(t)
        if m and sum(1 for c in row.cells if c) == 1 and int(m.group(1)) > (self.programme or 0):
            self.programme = int(m.group(1))
            self.names.setdefault(self.programme, m.group(2).strip())
            self.mode, self.section = None, None
            return
        if _AIMS_HEADER.match(t):
            if self.programme is None:
                self.programme = 1
            self.mode, self.section = "aims", None
            return
        if self.mode == "aims":
            if t in ("法人", "") or compact_t.startswith("法人"):
                return
            if t[:1] in CIRCLED:
                self._aim_row(row)
                return
            self.mode = None
        if _PREAMBLE.match(t) or (_TITLE.search(t) and len(row.items) <= 2):
            self.mode, self.section = "preamble", None
            return
        for pattern, kind in _FIVE_LABELS:
            m = pattern.match(t)
            if m:
                self._start(kind, row, m.group(1).strip())
                return
        if _RESULTS_HEADING.match(compact_t):
            self.mode, self.section = "results", None
            return
        if self.mode == "section" and self.section is not None:
            self._add(row)
        elif self.mode not in ("preamble",):
            self.leftovers.extend(_items_of(row))

    def _aim_row(self, row: Row) -> None:
        cells = [" ".join(c) for c in row.cells]
        cells += [""] * (4 - len(cells))
        number = circled_value(norm(cells[0])[0])
        aim = Item(cells[0], row.start, row.end, number=number)
        self.aims.setdefault(self.programme, {})[number] = aim
        grades = [c.strip() for c in cells[2:] if c.strip()]
        grade_map = {}
        if len(grades) >= 2 and all(_GRADE.match(g) for g in grades[:2]):
            grade_map = {"法人": norm(grades[0]), "区": norm(grades[1])}
        self.grades[(self.programme, number)] = grade_map
        prior = row.cells[1] if len(row.cells) > 1 else []
        if prior:
            section = Section(records.CHALLENGE, [], programme=self.programme)
            section.items = [Item(t, row.start, row.end, number=number) for t in prior]
            section.aim_no = number
            self.sections.append(section)


def _programme_names_from_text(text: str) -> dict[int, str]:
    """The report's own list of the seven programmes: 1 …(親子の居場所事業) 2 …"""
    names: dict[int, str] = {}
    for m in re.finditer(r"(?<!\d)([1-7])\s*[^()（）\d]{4,80}?[(（]([^()（）]{2,40}事業)[)）]", norm(text)):
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


def parse_text(text: str, source: str, doc_id: str, encoding: str | None = None) -> ParsedDocument:
    """Parse one decoded report into its Document and Passages."""
    _raw, rows = to_rows(text)
    doc_type = metadata.find_doc_type(text)
    doc = records.Document(
        doc_id=doc_id, source=source, ward=metadata.find_ward(text),
        fiscal_year_from=None, fiscal_year_to=None, year_label=None, doc_type=doc_type,
        operator=metadata.find_operator(text), hub=metadata.find_hub(text),
        title=next((r.text for r in rows if r.cells and _TITLE.search(norm(r.text))), None),
        encoding=encoding,
    )
    builder = _PassageBuilder(doc)
    if doc_type == records.FIVE_YEAR:
        _build_five_year(doc, rows, text, builder)
    elif doc_type == records.YEARLY:
        _build_yearly(doc, rows, text, builder)
    if not builder.passages:
        doc.doc_type = records.UNKNOWN if doc_type == records.UNKNOWN else doc_type
        years = metadata.find_period(text)
        if years:
            doc.fiscal_year_from, doc.fiscal_year_to = years.year_from, years.year_to
            doc.year_label = wareki.western_to_label(years.year_from)
        builder.add("p", records.OTHER, _paragraph_items(rows), year_from=doc.fiscal_year_from,
                    year_to=doc.fiscal_year_to, year_label=doc.year_label)
    return ParsedDocument(doc, builder.passages)


def _build_yearly(doc, rows, text, builder) -> None:
    goals, sections, leftovers = _YearlyParser(rows, metadata.find_evaluated_year(text)).parse()
    owned: list[tuple[Goal | None, str, list[Item]]] = []
    for section in sections:
        for goal, items in _split_by_goal(section):
            owned.append((goal, section.kind, items))
    owned = _reattach_outcomes(goals, owned)
    years = [g.year for g in goals if g.year]
    if years:
        doc.fiscal_year_from, doc.fiscal_year_to = min(years), max(years)
        first = next(g for g in goals if g.year == min(years))
        doc.year_label = first.year_label
    for goal in goals:
        path = f"y{goal.year or 0}-{'n' if goal.is_next else 'g'}{goal.no}"
        common = dict(year_from=goal.year, year_to=goal.year, year_label=goal.year_label,
                      goal_no=goal.no, goal=goal.text, unit=path)
        builder.add(path, records.NEXT_GOAL if goal.is_next else records.GOAL, goal.items, **common)
        for kind in (records.CONTENT, records.OUTCOME, records.ISSUE):
            items = [i for g, k, its in owned if g is goal and k == kind for i in its]
            builder.add(path, kind, items, **common)
    orphans = [i for g, _k, its in owned if g is None for i in its]
    builder.add("rest", records.OTHER, orphans + leftovers, year_from=doc.fiscal_year_from,
                year_to=doc.fiscal_year_to, year_label=doc.year_label)


def _build_five_year(doc, rows, text, builder) -> None:
    names = _programme_names_from_text(text)
    sections, aims, grades, leftovers = _FiveYearParser(rows, names).parse()
    period = metadata.find_period(text)
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


def parse_file(path: Path, max_bytes: int | None = None) -> ParsedDocument:
    """Load (any supported format and encoding) and parse one file."""
    from .load import DEFAULT_MAX_BYTES, load_file

    loaded = load_file(path, max_bytes or DEFAULT_MAX_BYTES)
    return parse_text(loaded.text, path.name, loaded.sha256[:16], loaded.encoding)
