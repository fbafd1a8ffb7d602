"""The pieces a report's structure is read into, and how one cleaned row becomes them.

`Item` (a line of text with its source line range), `Goal` (a yearly report's goal with
its own text) and `Section` (a block of items of one kind, owned by goals or a
programme) are what the structure readers (`yearly`, `fiveyear`) build; `items_of`
turns a row into items, `row_heading` / `row_label` read its first cell by meaning
(`headings`), and `is_title` tells the report's title line. The vocabulary both readers
share lives here too: the three sections of a yearly goal block (`YEARLY_SECTIONS`) and
the generic column names of a table header (`GENERIC_COLUMN`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import headings, metadata, records
from .clean import Row, norm


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
    site: str | None = None  # the site of the hub its goals are of (■どろっぷサテライト above them)

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
    both: bool = False  # headed 成果と課題: its issue may start at a sentence opening 一方で / しかし
    done: bool = False  # headed 実施結果: what was done and came of it (yearly: content before a 振り返り)
    rating: headings.Heading | None = None  # headed by a rating's label (評価) and no words yet: its first line may open with the grade

    @property
    def text(self) -> str:
        return "\n".join(i.text for i in self.items)


# Title rows (display title; in the parsers they open the preamble).
TITLE = re.compile(rf"(地域子育て支援拠点事業|重点目標評価結果|重点目標と取り?組み?|{metadata.FIVE_YEAR_TITLE.pattern})")


def row_heading(row: Row) -> headings.Heading | None:
    return headings.heading_key(row.first)


def row_label(row: Row) -> headings.Label:
    return headings.label_form(row.first)


def is_title(row: Row, heading: headings.Heading | None) -> bool:
    """A title row: it names the programme or the kind of report (TITLE) in a line or two,
    and says nothing — a sentence (「…今期5か年のまとめとしました。」, a preamble's prose
    on the lines under its label) is no title, however it names the report."""
    numbered_goal = heading is not None and heading.key == headings.GOAL and heading.number is not None
    return (bool(TITLE.search(row.compact)) and len(row.items) <= 2 and not numbered_goal
            and "。" not in row.compact)


def without_first(row: Row) -> list[list[str]]:
    """The row's cells without its heading: the first item of the first cell that has
    one (Row.first). A row may start with empty cells (a merged cell above, a header
    spanning columns)."""
    cells = [list(c) for c in row.cells]
    at = next((i for i, c in enumerate(cells) if c), None)
    if at is not None:
        cells[at] = cells[at][1:]
    return cells


def items_of(row: Row, skip_first: bool = False, rest: str = "") -> list[Item]:
    """Items of a row as Items; table rows (several cells) become one item."""
    cells = without_first(row) if skip_first else [list(c) for c in row.cells]
    texts: list[str] = []
    if rest:
        texts.append(rest)
    non_empty = [c for c in cells if c]
    if len(non_empty) >= 2 and all(len(" ".join(c)) < 120 for c in non_empty):
        texts.append(" | ".join(" ".join(c) for c in non_empty))
    else:
        texts.extend(item for cell in cells for item in cell)
    return [Item(t, row.start, row.end) for t in texts if t.strip()]


# A numbered footnote: a note mark and its number opening a line (※１, ※ 2, ＊1, 注１, （注２）).
_FOOTNOTE = re.compile(r"^[\s\u3000]*(?:[※＊*][\s\u3000]*\d{1,2}(?!\d)|[(（]?注[\s\u3000]*\d{1,2}[)）]?(?![\d年月日]))")


def is_footnote(row: Row) -> bool:
    """A line of its own opening with a note mark and its number (※１　ひろば：…, 注２　…): a
    footnote to the report, set under its text (after the last goal or programme), not that
    goal's or programme's words. An unnumbered ※ line stays the text it follows."""
    return len(row.filled_cells) == 1 and bool(_FOOTNOTE.match(norm(row.text)))


# A yearly goal block's sections: heading key -> passage kind.
YEARLY_SECTIONS = {headings.CONTENT: records.CONTENT, headings.OUTCOME: records.OUTCOME,
                    headings.ISSUE: records.ISSUE}

# The generic header of a two-column table of labelled rows (区分 | 内容, 項目 | 記載内容).
GENERIC_COLUMN = re.compile(r"(?:区分|項目|内容|記載内容|記入欄|詳細|説明|備考)")


# The words that name one site of a hub that has several (本体 / サテライト / 分室 / 本館 / 分館).
SITE_WORDS = re.compile(r"本体|サテライト|分室|本館|分館")
_SITE_BRACKETS = {"【": "】", "［": "］", "[": "]", "〔": "〕", "〈": "〉", "《": "》", "＜": "＞", "<": ">"}


def site_name(row: Row) -> str | None:
    """A site's part line as the report names the site: its number, bullet and enclosing brackets
    aside (１　とつなーれ（本体施設） → とつなーれ（本体施設）, 【サテライト（日吉）】 → サテライト（日吉）)."""
    text = headings.text_after(row.text, row_label(row).prefix_chars).strip(" \u3000■□◆◇●・")
    if text[:1] in _SITE_BRACKETS and text.endswith(_SITE_BRACKETS[text[0]]):
        text = text[1:-1].strip()
    return text or None
