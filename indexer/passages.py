"""Parsed blocks -> Passage records.

`PassageBuilder` gives each block's items their passage ids (document, goal or programme
path, section slug), splits long sections into passages of at most `MAX_CHARS` at item
boundaries (keeping a heading with the items under it), and stamps each passage with
its document's metadata and evidence `unit`. `set_years` gives a document the years of
a stated period when no goal states its own.
"""

from __future__ import annotations

import dataclasses
import re

from . import records, wareki
from .blocks import Item

MAX_CHARS = 500  # longer sections are split into passages at item boundaries
# An item longer than this (a text with no line breaks at all, a whole file on one line) is
# cut into pieces of at most MAX_CHARS at sentence ends first (`_split_long`): one passage of
# megabytes would be one search result of megabytes. Real items are far shorter.
MAX_ITEM_CHARS = 2 * MAX_CHARS
_AFTER_SENTENCE = re.compile(r"(?<=[。．！？!?])")

SECTION_SLUGS = {
    records.GOAL: "goal", records.CONTENT: "content", records.OUTCOME: "outcome",
    records.ISSUE: "issue", records.NEXT_GOAL: "next-goal",
    records.REASON_OPERATOR: "reason-op", records.REASON_WARD: "reason-ward",
    records.RESULT: "result", records.CHALLENGE: "challenge",
    records.VIEWPOINT: "viewpoint", records.SELF_EVAL: "self-eval", records.OVERVIEW: "overview",
    records.OTHER: "other",
}


def _split_long(item: Item) -> list[Item]:
    """An item longer than MAX_ITEM_CHARS as pieces of at most MAX_CHARS, cut after sentence
    ends (a sentence longer than MAX_CHARS is cut where it reaches it); each piece keeps the
    item's lines, the first its heading mark and number. Other items as they are."""
    if len(item.text) <= MAX_ITEM_CHARS:
        return [item]
    pieces: list[str] = []
    current = ""
    for sentence in _AFTER_SENTENCE.split(item.text):
        if current and len(current) + len(sentence) > MAX_CHARS:
            pieces.append(current)
            current = ""
        while len(sentence) > MAX_CHARS:
            pieces.append(sentence[:MAX_CHARS])
            sentence = sentence[MAX_CHARS:]
        current += sentence
    if current:
        pieces.append(current)
    return [dataclasses.replace(item, text=text) if n == 0 else
            dataclasses.replace(item, text=text, heading=False, number=None) for n, text in enumerate(pieces)]


def _chunks(items: list[Item]) -> list[list[Item]]:
    """Split a section's items into passages of at most MAX_CHARS, at headings first (an
    item too long for any passage in pieces first, `_split_long`)."""
    items = [piece for item in items for piece in _split_long(item)]
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


class PassageBuilder:
    """The passages of one document, added block by block (`add`)."""

    def __init__(self, doc: records.Document):
        self.doc = doc
        self.passages: list[records.Passage] = []
        self.seen: set[str] = set()
        # text a reader read and chose not to index (the city's standard lists every ward's
        # report repeats): not text the structure passed over (see unread)
        self.left_out: list[Item] = []

    def leave_out(self, items: list[Item]) -> None:
        """Items read and deliberately made no passage."""
        self.left_out.extend(items)

    def add(self, path: str, kind: str, items: list[Item], *, year_from, year_to, year_label,
            goal_no=None, goal=None, programme=None, grades=None, unit: str | None = None,
            site: str | None = None) -> None:
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
            if site is not None:
                self.passages[-1].site = site


def set_years(doc: records.Document, mention: wareki.YearMention) -> None:
    """The document's years: those of a stated year or period, labelled in 和暦."""
    doc.fiscal_year_from, doc.fiscal_year_to = mention.year_from, mention.year_to
    doc.year_label = wareki.western_to_label(mention.year_from)
