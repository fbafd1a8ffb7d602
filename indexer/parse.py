"""Report structure: one decoded report -> its Document and Passage records.

The public entry point of parsing (`parse_text`, `parse_file`): the text is cleaned once
into rows, the metadata detectors read them, and the rows go to the reader of the
report's shape:

* yearly evaluations (単年度評価), `yearly`: each 重点目標 with its 取組内容 / 取組の成果 /
  取組の課題, and the next year's goals with their 取組内容;
* five-year summaries (5か年のまとめ), `fiveyear`: per programme (事業 1–7), the
  目指す拠点の姿 table with self-evaluation grades, 評価の理由 (法人 / 区),
  成果, 課題 and 振り返りの視点;
* anything else — and a report whose structure its reader trips on (the safety net,
  with a notice on the document) — paragraph chunks of kind "other", so it stays
  searchable.

Every passage keeps the source line range it was read from, for citation.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from . import fiveyear, impliedera, metadata, records, unread, yearly
from .blocks import TITLE, Item, items_of
from .clean import Row, to_rows
from .passages import PassageBuilder, set_years

logger = logging.getLogger(__name__)

# Bump whenever a change to loading, cleaning or parsing may change the records of
# an unchanged file: the index manifest records it, and a plain reindex re-parses
# files indexed by another version.
PARSER_VERSION = "35"

MSG_STRUCTURE_FAILED = "目標・取組内容などの区分を読み取れなかったため、段落ごとに索引しました"


@dataclass
class ParsedDocument:
    document: records.Document
    passages: list[records.Passage]


def document_id(data: bytes) -> str:
    """Content hash: the same bytes always give the same document id."""
    return hashlib.sha256(data).hexdigest()[:16]


def _paragraph_items(rows: list[Row]) -> list[Item]:
    """Unstructured text: paragraphs (runs of non-blank rows) as heading-separated items."""
    items: list[Item] = []
    new_paragraph = True
    for row in rows:
        if not row.cells:
            new_paragraph = True
            continue
        for k, item in enumerate(items_of(row)):
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
    raw, rows = to_rows(impliedera.with_implied_era(text))
    found = metadata.detect(rows, raw, context=context, source=source)
    doc = records.Document(
        doc_id=doc_id, source=source, ward=found.ward,
        fiscal_year_from=None, fiscal_year_to=None, year_label=None, doc_type=found.doc_type,
        operator=found.operator, hub=found.hub,
        title=_title(rows, found.doc_type),
        encoding=encoding,
    )
    builder = PassageBuilder(doc)
    try:
        if found.doc_type == records.FIVE_YEAR:
            fiveyear.build(doc, rows, found, builder)
        elif found.doc_type == records.YEARLY:
            yearly.build(doc, rows, found, builder)
    except Exception:  # noqa: BLE001 - one layout the structure parsers trip on must not stop a reindex
        logger.exception("%s: the report's structure could not be read; indexed as paragraphs", source)
        builder = PassageBuilder(doc)
        doc.programmes.clear()
        doc.warnings.append(MSG_STRUCTURE_FAILED)
    if not builder.passages:
        if doc.fiscal_year_from is None and found.period:
            set_years(doc, found.period)
        builder.add("p", records.OTHER, _paragraph_items(rows), year_from=doc.fiscal_year_from,
                    year_to=doc.fiscal_year_to, year_label=doc.year_label)
    else:
        # sentences the structure reader passed over (a layout it does not know): kept, and said
        left = unread.unread_items(rows, builder.passages, builder.left_out)
        if left:
            builder.add("unread", records.OTHER, left, year_from=doc.fiscal_year_from,
                        year_to=doc.fiscal_year_to, year_label=doc.year_label)
            if (said := unread.notice(left)) is not None:
                doc.warnings.append(said)
    return ParsedDocument(doc, builder.passages)


def _title(rows: list[Row], doc_type: str) -> str | None:
    """The hub report's title line; for other documents, their first title-like line."""
    title = next((r.text for r in rows if r.cells and TITLE.search(r.compact)), None)
    if title is None and doc_type == records.UNKNOWN:
        title = next((r.text for r in metadata.title_rows(rows) if metadata.TITLE_WORDS.search(r.compact)), None)
    return title


def parse_file(path: Path, max_bytes: int | None = None) -> ParsedDocument:
    """Load (any supported format and encoding) and parse one file."""
    from .load import DEFAULT_MAX_BYTES, load_file

    loaded = load_file(path, max_bytes or DEFAULT_MAX_BYTES)
    return parse_text(loaded.text, path.name, loaded.sha256[:16], loaded.encoding, context=loaded.context)
