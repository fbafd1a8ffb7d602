"""Text a report's structure reader passed over: kept searchable, and said.

A layout no reader knows (goal blocks laid side by side across a sheet, sections split over
sheets …) can make the yearly or five-year reader take the goals it recognises and pass over
whole sections. Those sentences must not vanish from search without a word: after the
structure is read (`parse.parse_text`), every sentence of the report's rows that no passage
holds is kept as a passage of kind "other" (the document's years; no goal, no unit), and the
document says so in its warnings (shown on its page, `/documents/<id>`, and beside the file on
the upload's job page) when they are more than a stray sentence (two items or more, or `NOTICE_LETTERS`).

Only prose counts: an item holding a sentence of `MIN_SENTENCE` letters or more that ends in
「。」. Titles, labels, headings, table headers and figures (no 。) are read by the detectors and
headings, not as a report's text, and are not what this keeps.
"""

from __future__ import annotations

import re
import unicodedata

from . import headings
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
        for cell in row.cells:
            for text in cell:
                if "。" not in text:
                    continue
                sentences = _sentences(text)
                # (a sentence's end is compared: what opens it — a goal's number and label, a list
                # mark, a section label run on — may be read off into the passage's heading)
                if sentences and not any(s[-_TAIL:] in held for s in sentences):
                    out.append(Item(text, row.start, row.end))
    return out
