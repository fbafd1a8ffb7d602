"""Text a report's structure reader passed over: kept searchable, and said.

A layout no reader knows (goal blocks laid side by side across a sheet, sections split over
sheets …) can make the yearly or five-year reader take the goals it recognises and pass over
whole sections. Those sentences must not vanish from search without a word: after the
structure is read (`parse.parse_text`), every sentence of the report's rows that no passage
holds is kept as a passage of kind "other" (the document's years; no goal, no unit), and the
document says so in its warnings (shown on its page, `/documents/<id>`, and beside the file on
the upload's job page) when they are more than a stray sentence (two items or more, or `NOTICE_LETTERS`).

Prose counts: an item holding a sentence of `MIN_SENTENCE` letters or more that ends in 「。」.
So does text written without 「。」 in the two forms a report's own content takes (parser33): an
item of a list marked ・ ● ① … (`_LIST_ITEM`: a list of short items — 講座名, 行事名), and a row
holding a figure with its counter (`_FIGURE`: 延べ利用者数　12,345人 — a table of figures, kept
as the row, labels with their figures). Titles, labels, headings, table headers, dates, grades and
their legends are read by the detectors and headings, not as a report's text, and are not what
this keeps: they are neither (a legend's ◎ ○ △, a heading's ◆ ■ are no list marks here), and a
heading (`headings.heading_key`) never counts.
"""

from __future__ import annotations

import re
import unicodedata

from . import headings, ratings
from .blocks import Item
from .clean import Row

MSG_TEXT_KEPT = ("一部の文章を目標・取組内容などの区分に割り当てられなかったため、区分なしの段落として索引しました"
                 "（{n}か所。文書の様式を読み取れていない可能性があります）")

MIN_SENTENCE = 15  # letters of a sentence that counts (after its marks and labels)
_TAIL = 15  # letters of a sentence's end compared with the passages
# kept text that makes the document say so: more than one item, or one of this many letters (an
# introduction's line above the goals is kept without a word)
NOTICE_LETTERS = 100
# list marks, circled numbers, bracketed labels a line opens with (①②, ・, 【成果】, 〈課題〉, 1.)
_LEAD = re.compile(r"^(?:[\s・●○◎◆◇■□▪※\-－*＊]|[①-⑳]|\d{1,2}[.．、)）]|[(（]\d{1,2}[)）]|[【〈《≪＜<\[［〔][^】〉》≫＞>\]］〕]{1,12}[】〉》≫＞>\]］〕])+")


# an item of a list of short items: ・ ● ▪ - or a circled number (◎ ○ △ open a grade's legend,
# ◆ ■ a heading or a site's name: not list marks here)
_LIST_ITEM = re.compile(r"^[\s\u3000]*(?:[・●▪\-－]|[①-⑳])")
# a figure with its counter: 12,345人, 延べ48回, 36組, 85％ (人材, a word, is no count of people)
_FIGURE = re.compile(r"[0-9０-９][0-9０-９,，.．]*(?:人(?!材)|回|件|組|名|世帯|家庭|%|％)")
_NUMBER_SPACE = re.compile(r"^[0-9０-９]{1,3}[ \u3000]+")
# letters of a list item or a row of figures that count (after its marks)
MIN_SHORT = 6


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _sentences(text: str) -> list[str]:
    """The sentences of an item that end in 。, their list marks, bracketed labels and a heading's
    label (重点目標Ⅱ　…, ＜課題＞…) aside."""
    out = []
    h = headings.heading_key(text)
    if h is not None and h.rest and text.rstrip().endswith(h.rest.rstrip()[-8:]):
        text = h.rest
    for part in text.split("。")[:-1]:
        part = _norm(_LEAD.sub("", part.strip()))
        # a label run on before the sentence (成果:…) stays out of the comparison too
        part = part.split(":", 1)[1] if ":" in part[:12] else part
        if len(part) >= MIN_SENTENCE:
            out.append(part)
    return out


def notice(items: list[Item]) -> str | None:
    """The document's warning for the kept items, when they are more than a stray sentence."""
    if len(items) < 2 and sum(len(_norm(i.text)) for i in items) < NOTICE_LETTERS:
        return None
    return MSG_TEXT_KEPT.format(n=len(items))


def unread_items(rows: list[Row], passages, left_out: list[Item] = ()) -> list[Item]:
    """Each item of `rows` holding sentences none of which any passage holds (nor `left_out`,
    the text a reader chose not to index)."""
    held = "\n".join([_norm(p.text) for p in passages] + [_norm(i.text) for i in left_out])
    out = []
    for row in rows:
        items = row.items
        if (not any("。" in t for t in items) and any(_FIGURE.search(t) for t in items)
                and ratings.goal_grade("　".join(items)) is None):  # (達成度：80％ is the goal's rating)
            # a row of figures (延べ利用者数 | 12,345人 | 前年比 | 110％): kept whole, labels with
            # their figures (a passage writes a row's cells joined by " | ")
            if _row_unheld(items, held):
                out.append(Item("　".join(items), row.start, row.end))
            continue
        for cell in row.cells:
            for text in cell:
                if "。" not in text:
                    if _LIST_ITEM.match(text) and _short_unheld(text, held):
                        out.append(Item(text, row.start, row.end))
                    continue
                sentences = _sentences(text)
                # (a sentence's end is compared: what opens it — a goal's number and label, a list
                # mark, a section label run on — may be read off into the passage's heading)
                if sentences and not any(s[-_TAIL:] in held for s in sentences):
                    out.append(Item(text, row.start, row.end))
    return out


def _short_unheld(text: str, held: str) -> bool:
    """Whether a list item (no 「。」) is text no passage holds: long enough, no heading, its end
    (marks aside) in no passage."""
    short = _norm(_LEAD.sub("", text.strip()))
    if len(short) < MIN_SHORT or headings.heading_key(text) is not None:
        return False
    return short[-_TAIL:] not in held


def _row_unheld(items: list[str], held: str) -> bool:
    """Whether a row of figures is text no passage holds. A passage may hold it in its own order
    (指標　オンライン相談の件数　目標値　年40件 — a goal's indicator table read with its header), so
    the row's words are compared cell by cell: it is held when every cell of `MIN_SHORT` letters
    or more is; a row of short cells only (達成率 | 90%) when it is, written as cells or as one
    text."""
    # (a cell's own number before a space, ２　父親の…, is read off into a goal's number)
    words = [w for w in (_norm(_LEAD.sub("", _NUMBER_SPACE.sub("", t.strip()))) for t in items)
             if len(w) >= MIN_SHORT]
    if words:
        return not all(w in held for w in words) and headings.heading_key(items[0]) is None
    whole = _norm("".join(items))
    return len(whole) >= MIN_SHORT and not any(
        form[-_TAIL:] in held for form in (whole, _norm(" | ".join(items))))
