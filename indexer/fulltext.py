"""The Whoosh full-text index: schema, writing and opening.

Two text fields carry each passage: `text` analysed by Sudachi (precise,
normalised words) and `text_bigram` (character bigrams, weighted lower at
query time) so a word inside a long katakana compound still matches. Facet
fields (ward, years, section, programme, type, operator) are stored for
filtering and counting.

The goal text is not indexed with each section: measured on the dev set, a
boosted goal field lowered evidence recall@10 (hybrid 0.847 at boost 0.3–1.5
against 0.868 without; every section of a matching goal crowded out the
passages that hold the evidence) and doubled BM25 time on a 10k index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from whoosh import index
from whoosh.fields import ID, NUMERIC, TEXT, Schema

from . import records
from .analysis import bigram_analyzer, japanese_analyzer

def section_group(kind: str) -> str:
    """The UI's coarse 区分 (目標 / 取組内容 / 成果 / 課題 / 評価) of a section kind."""
    for group, kinds in records.SECTION_GROUPS.items():
        if kind in kinds:
            return group
    return "その他"


def make_schema() -> Schema:
    return Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        ward=ID(stored=True),
        year_from=NUMERIC(int, stored=True),
        year_to=NUMERIC(int, stored=True),
        section=ID(stored=True),
        section_group=ID(stored=True),
        programme=NUMERIC(int, stored=True),
        doc_type=ID(stored=True),
        operator=ID(stored=True),
        text=TEXT(analyzer=japanese_analyzer(), phrase=True),
        text_bigram=TEXT(analyzer=bigram_analyzer(), phrase=True),
    )


def passage_fields(p: records.Passage) -> dict:
    fields = dict(
        passage_id=p.passage_id, doc_id=p.doc_id, ward=p.ward or "",
        section=p.section, section_group=section_group(p.section),
        doc_type=p.doc_type, operator=p.operator or "",
        text=p.text, text_bigram=p.text,
    )
    if p.fiscal_year_from is not None:
        fields["year_from"] = p.fiscal_year_from
        fields["year_to"] = p.fiscal_year_to if p.fiscal_year_to is not None else p.fiscal_year_from
    if p.programme is not None:
        fields["programme"] = p.programme
    return fields


def create(path: Path) -> index.Index:
    path.mkdir(parents=True, exist_ok=True)
    return index.create_in(str(path), make_schema())


def open_index(path: Path) -> index.Index:
    return index.open_dir(str(path))


def add_passages(ix: index.Index, passages: Iterable[records.Passage],
                 remove_doc_ids: Iterable[str] = ()) -> int:
    """Delete the passages of `remove_doc_ids`, add `passages`; one commit."""
    writer = ix.writer(limitmb=256)
    try:
        deleted = 0
        for doc_id in remove_doc_ids:
            deleted += writer.delete_by_term("doc_id", doc_id) or 0
        count = 0
        for p in passages:
            writer.add_document(**passage_fields(p))
            count += 1
        # Deleted passages still weigh in BM25 statistics until segments merge;
        # merging after deletions keeps an incremental index scoring exactly
        # like a full rebuild (it copies postings, it does not re-analyse).
        writer.commit(optimize=deleted > 0)
    except BaseException:
        writer.cancel()
        raise
    return count
