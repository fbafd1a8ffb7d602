"""The report's preamble in prose (事業目的, 実施について, 基本理念, 事業の内容 …).

Both structure readers (`yearly`, `fiveyear`) open an overview section at a preamble
label (`start`) and add the rows under it (`add_row`, which also joins a label wrapped
over lines); `add_passages` makes them overview passages, one per label or bracketed
title, leaving out the city's standard lists every ward's report repeats.
"""

from __future__ import annotations

import re

from . import headings, records
from .blocks import Item, Section, items_of, row_label
from .clean import Row

# An item that titles a list of its own inside a cell: 【参考】拠点の7事業, 【事業・施設運営の基本理念】
# (in a PDF the list may run on in the same item), and such a title run into a sentence's end.
_BRACKET_TITLE = re.compile(r"^[ \u3000]*【[^】\n]{2,24}】")
_TITLE_RUN_IN = re.compile(r"(?<=[。\s\u3000])(?=【[^】\n]{2,24}】)")
_LABEL_CONTINUATION = 12  # 事業の評価 / 実施方法及び / 評価結果の / 公表方法: a label wrapped over lines


def start(row: Row, h: headings.Heading) -> Section:
    """A preamble row of prose (事業目的 | …, 実施について | …): its label, then its value."""
    section = Section(records.OVERVIEW, [])
    section.items = [Item(h.label, row.start, row.end, heading=True)]
    section.items.extend(items_of(row, skip_first=True, rest=h.rest))
    return section


def add_row(section: Section, row: Row) -> None:
    """A row under an overview label: the label's wrapped continuation, or its value."""
    text = row.text.strip()
    if (len(section.items) == 1 and len(row.items) == 1 and len(text) <= _LABEL_CONTINUATION
            and not text.endswith("。") and row_label(row).number is None):
        label = section.items[0]
        label.text, label.end = label.text + headings.label_form(text).text, row.end
        return
    section.items.extend(items_of(row))


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


def add_passages(builder, sections: list[Section], **common) -> None:
    """The preamble's prose as overview passages, one per label. The city's standard
    lists (基本理念, the seven programmes, how evaluations are published: headings.
    is_standard_list) are the same in every ward's report and make no passage: indexed,
    they shift the corpus statistics of the very words the programmes are named after
    (居場所, 交流, 利用者) and cost held-out recall (docs/quality.md)."""
    n = 0
    for section in sections:
        for part in _overview_parts(section):
            if headings.is_standard_list(part[0].text):
                builder.leave_out(part)
                continue
            n += 1
            builder.add(f"ov{n}", records.OVERVIEW, part, **common)


