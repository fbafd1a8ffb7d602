"""The Whoosh full-text index: schema, writing and opening.

Two text fields carry each passage: `text` analysed by Sudachi (precise,
normalised words) and `text_bigram` (character bigrams, weighted lower at
query time) so a word inside a long katakana compound still matches.
Filtering and counting use the generation's passage records (numpy columns),
not Whoosh fields.

The goal text is not indexed with each section: measured on the dev set, a
boosted goal field lowered evidence recall@10 (hybrid 0.847 at boost 0.3–1.5
against 0.868 without; every section of a matching goal crowded out the
passages that hold the evidence) and doubled BM25 time on a 10k index.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Iterable

from whoosh import index
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import FileStorage

from . import positions, records, tokenspans, workers
from .analysis import bigram_analyzer, index_term_spans, japanese_analyzer
from .segmentwriter import BatchSegmentWriter

log = logging.getLogger(__name__)

def section_group(kind: str) -> str:
    """The UI's coarse 区分 (目標 / 取組内容 / 成果 / 課題 / 評価) of a section kind."""
    for group, kinds in records.SECTION_GROUPS.items():
        if kind in kinds:
            return group
    return "その他"


def make_schema() -> Schema:
    """What the keyword index holds: the two analysed text fields, the passage id
    (stored: document number -> passage record) and the document id (deletions).

    Filters, facets and everything shown come from the generation's passage
    records, not from Whoosh, so ward, year, section and the like are not
    indexed twice. Only the bigram field keeps positions (quoted phrases and
    rare words match as character sequences); the word field needs frequencies
    only. Both choices cut the build time (measured in docs/benchmarks.md)."""
    return Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(),
        text=TEXT(analyzer=japanese_analyzer(), phrase=False),
        text_bigram=TEXT(analyzer=bigram_analyzer(), phrase=True),
    )


#: The field whose terms' character spans are stored with the index
#: (`tokenspans`, in `spans_path(index folder)`): what snippets mark.
SPANS_FIELD = "text"


#: The positions field whose positions are stored beside each segment a full
#: build writes (`positions`): phrase checks read them with numpy.
POSITIONS_FIELD = "text_bigram"


def spans_path(path: Path) -> Path:
    """The token-spans store of the Whoosh index at `path` (`tokenspans`)."""
    return Path(path) / tokenspans.FOLDER


def open_spans(path: Path) -> tokenspans.TokenSpans | None:
    """The token spans stored with the index at `path`; None for an index built
    before they were stored (or unreadable ones, logged)."""
    return tokenspans.TokenSpans.open(spans_path(path))


def passage_fields(p: records.Passage) -> dict:
    return dict(passage_id=p.passage_id, doc_id=p.doc_id, text=p.text, text_bigram=p.text)


def create(path: Path) -> index.Index:
    path.mkdir(parents=True, exist_ok=True)
    return index.create_in(str(path), make_schema())


def open_index(path: Path, *, mmap: bool = True) -> index.Index:
    """The Whoosh index at `path`. `mmap=False` for a long-lived, searched index:
    Whoosh copies each memory-mapped part of a compound segment (postings, term
    dictionary) into memory for every reader it opens - about 200 MB per searcher
    at 100k passages, one searcher per serving thread - while reading the file
    keeps it on disk and in the page cache."""
    if mmap:
        return index.open_dir(str(path))
    return FileStorage(str(path), supports_mmap=False).open_index()


#: Below this many new passages one process analyses and writes (starting
#: worker processes costs more than it saves).
PARALLEL_MIN_PASSAGES = 2000


def build_processes() -> int:
    """Worker processes for a large build: ``$KYOTEN_INDEX_PROCS``, else all cores."""
    value = os.environ.get("KYOTEN_INDEX_PROCS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return os.cpu_count() or 1


def add_passages(ix: index.Index, passages: Iterable[records.Passage],
                 remove_doc_ids: Iterable[str] = (), meanwhile: Callable[[], None] | None = None,
                 known_spans: Path | None = None, counts: dict | None = None) -> int:
    """Delete the passages of `remove_doc_ids`, add `passages`; one commit.

    `meanwhile`, when given, is called once in this process: while worker
    processes write a large full build (the caller's own work overlaps theirs),
    else before the writing. Its exception cancels the build and propagates.

    Passages added to an empty index (a full build) are written by
    `segmentwriter.BatchSegmentWriter` as segments of contiguous slices; a
    large build by one worker process per core, each writing one slice. The
    segments are committed in passage order, so the index holds the same
    documents in the same order as a one-process build. Other additions and
    deletions go through Whoosh's writer.

    The token spans of every indexed text (`tokenspans`) are written beside the
    segments: by a full build from its own analysis, by an update for the texts
    it adds (joined with the spans already there; those of removed texts stay
    until the next full build - nothing reads them).

    `known_spans`: the token-spans folder of an index written with this analyzer
    (`spans_path` of the previous generation's): a full build's texts that it
    holds are not analysed again (`segmentwriter`: their terms are read back from
    their spans), so rewriting an index after one report changed analyses that
    report's new texts only. `counts`, when given, gets how many distinct texts
    were analysed ("analysed") and read back ("reused") by a full build's writers.
    """
    passages = list(passages)
    remove_doc_ids = list(remove_doc_ids)
    if not remove_doc_ids and ix.doc_count_all() == 0:
        # A new index (a full build): written as new segments from postings
        # gathered in memory (segmentwriter), by several processes when large.
        procs = min(build_processes(), max(1, len(passages) // (PARALLEL_MIN_PASSAGES // 2)))
        return _add_new_segments(ix, passages, procs if len(passages) >= PARALLEL_MIN_PASSAGES else 1,
                                 meanwhile, known_spans, counts)
    if meanwhile is not None:
        meanwhile()
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
    if passages:
        _add_spans(Path(ix.storage.folder), ix.schema[SPANS_FIELD].analyzer,
                   [passage_fields(p)[SPANS_FIELD] for p in passages])
    # segments merged away leave their stored positions behind
    positions.remove_stale(Path(ix.storage.folder), [s.segment_id() for s in index.open_dir(
        ix.storage.folder)._segments()])
    return count


def _add_spans(path: Path, analyzer, texts: list[str]) -> None:
    """Join the spans of `texts` to the index's store (analysing those it lacks)."""
    old = tokenspans.read_arrays(spans_path(path))  # None: an index from before stores
    known = set(old["keys"].tolist()) if old is not None else set()
    builder = tokenspans.SpansBuilder()
    for text in texts:
        if tokenspans.text_key(text) in known:
            continue
        spans = index_term_spans(analyzer, text)
        if spans is None:
            return  # another analyzer: snippets analyse passages themselves
        builder.add(text, spans)
    if len(builder):
        parts = [builder.arrays()] if old is None else [old, builder.arrays()]
        tokenspans.write(spans_path(path), tokenspans.merge(parts))


def _write_segment(args: tuple[str, list[dict], str | None]):
    """In a worker process: write one segment holding ``docs``; return it (with its
    texts' spans and how many texts were analysed / read back from `known`).

    Mirrors what Whoosh's own multi-process writer does in its sub-tasks
    (an unlocked segment writer whose finished segment is handed back to the
    parent, which alone commits the table of contents)."""
    path, docs, known = args
    ix = index.open_dir(path)
    known_spans = tokenspans.TokenSpans.open(Path(known)) if known else None
    writer = BatchSegmentWriter(ix, spans_field=SPANS_FIELD, positions_field=POSITIONS_FIELD,
                                known_spans=known_spans, _lk=False)
    try:
        writer.add_documents(docs)
        return writer._finalize_segment(), writer.spans.arrays(), (writer.analysed, writer.reused)
    except BaseException:
        writer.cancel()
        raise


#: Passages per segment of a new index at most: a segment's postings are
#: gathered in memory (about 8 MB per 1,000 passages of the synthetic corpus).
SEGMENT_MAX_PASSAGES = 50_000


def _add_new_segments(ix: index.Index, passages: list[records.Passage], procs: int,
                      meanwhile: Callable[[], None] | None = None, known_spans: Path | None = None,
                      counts: dict | None = None) -> int:
    """Write `passages` into an empty index as contiguous slices, one segment
    each: one slice per process, more when a slice would exceed
    SEGMENT_MAX_PASSAGES - then as many slices per process (equal slices keep
    every process busy to the end: 3 slices on 2 processes left one idle for
    a third of the build); committed in passage order."""

    docs = [passage_fields(p) for p in passages]
    n = len(docs)
    count = min(n, procs * max(1, -(-n // (SEGMENT_MAX_PASSAGES * procs))))
    path = ix.storage.folder
    known = str(known_spans) if known_spans is not None else None
    jobs = [(path, docs[n * k // count:n * (k + 1) // count], known) for k in range(count)]
    writer = ix.writer()  # holds the index lock while the workers write
    try:
        if procs > 1 and len(jobs) > 1:
            with workers.pool(min(procs, len(jobs))) as pool:
                pending = pool.map_async(_write_segment, jobs, chunksize=1)
                if meanwhile is not None:
                    meanwhile()
                written = pending.get()
        else:
            if meanwhile is not None:
                meanwhile()
            written = [_write_segment(job) for job in jobs]
        segments = [segment for segment, _spans, _counts in written]
        if counts is not None:
            counts["analysed"] = counts.get("analysed", 0) + sum(c[0] for _g, _s, c in written)
            counts["reused"] = counts.get("reused", 0) + sum(c[1] for _g, _s, c in written)
        tokenspans.write(spans_path(Path(path)), tokenspans.merge(spans for _segment, spans, _counts in written))
        final = writer._merge_segments(None, False, False) + list(segments)  # existing segments untouched
        writer._close_segment()
        writer._commit_toc(final)
        writer._finish()
    except BaseException:
        writer.cancel()
        raise
    written = sum(seg.doc_count_all() for seg in segments)
    if written != len(docs):
        raise RuntimeError(f"parallel index build wrote {written} of {len(docs)} passages")
    log.info("indexed %d passages as %d segments in %d processes", len(docs), len(jobs),
             min(procs, len(jobs)))
    return len(docs)
