"""One new Whoosh segment written from a batch of documents, postings kept in memory.

Whoosh's own ``SegmentWriter`` puts every posting of the batch into a generic
sorting pool as a tuple (spilled to pickled temporary runs above ``limitmb``),
sorts them all at commit, then hands them one by one to the postings writer,
which type-checks each one and reads each document's field length back from
the lengths column it has just written. Measured on 9,807 passages
(docs/benchmarks.md), that bookkeeping cost more than the analysis itself.

:class:`BatchSegmentWriter` writes the same segment - the same files, byte for
byte (test ``test_a_batch_written_segment_is_byte_identical_to_whooshs``) -
for a batch of new documents:

* postings are gathered per field and term in document order as they are
  analysed (documents arrive in document-number order, so each term's list is
  already sorted; only the distinct terms are sorted at commit);
* each document's length byte is kept in memory, so a block's length bounds
  come from an array, not a file read per posting;
* each posting list is handed to Whoosh's postings writer a block at a time
  (Whoosh encodes, compresses and indexes the block itself);
* a field value seen more than once in the batch (repeated boilerplate) is
  analysed once (:meth:`BatchSegmentWriter.add_documents`); its copies then
  share encoded values, which pickle writes once per block (smaller files,
  the same decoded postings).

With ``spans_field``, the writer also keeps the character spans of every term
of that field's texts (:class:`indexer.tokenspans.SpansBuilder`, in
:attr:`BatchSegmentWriter.spans`), from the same analysis that counts the terms.
With ``positions_field`` (a positions field), it writes that field's positions
beside the segment in numpy arrays (:mod:`indexer.positions`), for phrase checks.

Everything else - the per-document writer (stored fields, length column), the
term dictionary, the compound file, locking, the table of contents and merges
of *existing* segments - is Whoosh's. Schemas with term vectors or separate
spelling fields are refused (:class:`Unsupported`): use Whoosh's writer.
"""

from __future__ import annotations

from array import array
from collections import Counter
from typing import Iterable

from whoosh import formats
from whoosh.compat import dumps
from whoosh.system import emptybytes, pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from . import positions as stored_positions
from .analysis import BigramTokenizer, index_term_spans, index_terms
from .tokenspans import SpansBuilder

__all__ = ["BatchSegmentWriter", "Unsupported"]


class Unsupported(ValueError):
    """The schema uses a feature this writer does not write."""


class BatchSegmentWriter(SegmentWriter):
    """A :class:`whoosh.writing.SegmentWriter` whose new segment's postings are
    gathered per term in memory (see the module docstring).

    Adding documents, committing and cancelling work as for Whoosh's writer
    (deletions and merges of existing segments included: they do not go through
    the new segment's postings); only documents merged *into* the new segment
    from other readers are not supported (Whoosh's merge policies do that for
    small segments: commit with ``merge=False`` when the index has segments)."""

    def __init__(self, ix, spans_field: str | None = None, positions_field: str | None = None, **kwargs):
        super().__init__(ix, **kwargs)
        # the spans of `spans_field`'s terms in each text (see the module docstring)
        self.spans_field = spans_field
        self.spans = SpansBuilder() if spans_field else None
        # positions_field's (segment-local document, its gram codes in position order)
        self.positions_field = positions_field
        self._raw_positions: list[tuple[int, object]] | None = [] if positions_field else None
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise Unsupported(f"field {name!r} has term vectors or a spelling field")
        # fieldname -> {term: (document numbers, weights, encoded values)}, the
        # term as bytes (from Whoosh's field.index) or as text (fast path)
        self._terms: dict[str, dict[bytes, tuple[array, array, list]]] = {}
        self._text_terms: dict[str, dict[str, tuple[array, array, list]]] = {}
        # fieldname -> length byte of each document of the segment (0: no length)
        self._lengthbytes: dict[str, array] = {}
        # (fieldname, value) -> the field's index items, for values seen again
        self._memo: dict[tuple[str, str], list] = {}
        self._repeated: frozenset = frozenset()

    def add_reader(self, reader):
        raise Unsupported("merging other segments into a batch segment (commit with merge=False)")

    def add_documents(self, docs: Iterable[dict]) -> int:
        """Add documents (``add_document`` keyword dicts) in order; a text value
        occurring in several of them is analysed once. Returns the count added."""
        docs = list(docs)
        counts = Counter((name, value) for fields in docs for name, value in fields.items()
                         if isinstance(value, str) and not name.startswith("_"))
        self._repeated = frozenset(key for key, n in counts.items() if n > 1)
        try:
            for fields in docs:
                self.add_document(**fields)
        finally:
            self._repeated = frozenset()
            self._memo.clear()
        return len(docs)

    def _index_items(self, fieldname: str, field, value) -> tuple[bool, list]:
        key = (fieldname, value)
        if key in self._repeated:
            found = self._memo.get(key)
            if found is None:
                as_text, items, poses = self._analyse(fieldname, field, value)
                found = self._memo[key] = (as_text, list(items), poses)
        else:
            found = self._analyse(fieldname, field, value)
        as_text, items, poses = found
        if fieldname == self.positions_field and self._raw_positions is not None:
            self._keep_positions(poses)
        return as_text, items

    def _analyse(self, fieldname: str, field, value) -> tuple[bool, Iterable, dict | None]:
        """`_index_items` -> (as text, items, {term: positions} of the positions
        field); for the spans field from the terms' spans, kept."""
        if fieldname == self.spans_field and isinstance(value, str) \
                and type(field.format) in (formats.Existence, formats.Frequency):
            spans = index_term_spans(field.analyzer, value)
            if spans is not None:
                self.spans.add(value, spans)
                return True, _items(field.format, {term: len(flat) >> 1 for term, flat in spans.items()}), None
        if fieldname == self.positions_field and isinstance(value, str) \
                and type(field.format) is formats.Positions and type(field.analyzer) is BigramTokenizer:
            poses = index_terms(field.analyzer, value, positions=True)
            codes = stored_positions.gram_codes(field.analyzer.gram_sequence(value))
            if poses is not None and codes is not None:
                return True, _items(field.format, poses), codes
        as_text, items = _index_items(field, value)
        return as_text, items, None

    def _keep_positions(self, codes) -> None:
        """The current document's gram codes of the positions field (None: not
        known, so this segment stores no positions)."""
        if codes is None:
            self._raw_positions = None
        elif len(codes):
            self._raw_positions.append((self.docnum - self.docbase, codes))

    def add_document(self, **fields):
        # Whoosh's SegmentWriter.add_document, with the postings appended to
        # this writer's per-term lists instead of the sorting pool.
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        local = docnum - self.docbase

        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)

        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]

                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    if fieldname == self.positions_field and (fieldboost != 1.0 or field.format.field_boost != 1.0):
                        self._raw_positions = None   # stored counts are the postings' weights: no boosts
                    scorable = field.scorable
                    as_text, items = self._index_items(fieldname, field, value)
                    table = self._text_terms if as_text else self._terms
                    terms = table.get(fieldname)
                    if terms is None:
                        terms = table[fieldname] = {}
                    get = terms.get
                    for term, freq, weight, vbytes in items:
                        if scorable:
                            length += freq
                        postings = get(term)
                        if postings is None:
                            postings = terms[term] = (array("I"), array("d"), [])
                        postings[0].append(docnum)
                        postings[1].append(weight * fieldboost)
                        postings[2].append(vbytes)

                customval = fields.get("_stored_%s" % fieldname, value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                if length:
                    lengths = self._lengthbytes.get(fieldname)
                    if lengths is None:
                        lengths = self._lengthbytes[fieldname] = array("B")
                    if len(lengths) < local:
                        lengths.extend(bytes(local - len(lengths)))
                    lengths.append(length_to_byte(length))

                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise

        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        # Whoosh's FieldWriter.add_postings over the sorted pool, done per term.
        self.perdocwriter.close()
        raw = self._raw_positions
        folder = getattr(self.storage, "folder", None)   # a file storage (not Whoosh's RAM storage)
        if raw and folder and self.positions_field in self._text_terms and self.positions_field not in self._terms:
            stored_positions.write_sequences(
                stored_positions.segment_folder(folder, self.newsegment.segment_id()),
                self.positions_field, [d for d, _c in raw], [c for _d, c in raw])
        self._raw_positions = [] if self.positions_field else None
        fieldwriter = self.fieldwriter
        for fieldname in sorted(set(self._terms) | set(self._text_terms)):
            terms = _merged_terms(self._terms.get(fieldname, {}), self._text_terms.get(fieldname, {}))
            if not terms:
                continue
            fieldwriter.start_field(fieldname, self.schema[fieldname])
            lengths = self._lengthbytes.get(fieldname)
            for btext in sorted(terms):
                fieldwriter.start_term(btext)
                _write_postings(fieldwriter._postwriter, *terms[btext], lengths, self.docbase)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        self._terms.clear()
        self._text_terms.clear()
        self.fieldwriter.close()


def _merged_terms(by_bytes: dict, by_text: dict) -> dict:
    """One {term bytes: postings} table from postings keyed by bytes and by text
    (a field whose values took both paths), each term's postings in document order."""
    if not by_text:
        return by_bytes
    merged = dict(by_bytes)
    for term, postings in by_text.items():
        key = term.encode("utf-8")
        other = merged.get(key)
        if other is None:
            merged[key] = postings
            continue
        rows = sorted([*zip(*other), *zip(*postings)], key=lambda row: row[0])
        merged[key] = (array("I", [r[0] for r in rows]), array("d", [r[1] for r in rows]), [r[2] for r in rows])
    return merged


def _index_items(field, value) -> tuple[bool, Iterable]:
    """``field.index(value)``: (term, frequency, weight, encoded value) per
    distinct term, the term as bytes; returns (False, items). For the project's
    own analyzers (analysis.index_terms) and Whoosh's existence, frequency and
    positions formats the items are built here from the terms directly - the
    same items as the formats' ``word_values`` make from a token stream, in
    another order, the term as text (UTF-8 bytes sort as the text does);
    returns (True, items)."""
    fmt = field.format
    kind = type(fmt)
    if kind not in _FAST_FORMATS or not isinstance(value, str):
        return False, field.index(value)
    terms = index_terms(field.analyzer, value, positions=kind is formats.Positions)
    if terms is None:
        return False, field.index(value)
    return True, _items(fmt, terms)


def _items(fmt, terms: dict) -> list:
    """The index items of ``terms`` ({term: positions} for a positions format,
    else {term: count}) in one of ``_FAST_FORMATS``."""
    kind = type(fmt)
    boost = fmt.field_boost
    if kind is formats.Positions:
        return [(term, len(poses), float(len(poses)) * boost, _encode_positions(poses))
                for term, poses in terms.items()]
    if kind is formats.Frequency:
        return [(term, freq, float(freq) * boost, _packed(freq)) for term, freq in terms.items()]
    return [(term, 1, boost, emptybytes) for term in terms]


_FAST_FORMATS = (formats.Existence, formats.Frequency, formats.Positions)
_PACKED: dict[int, bytes] = {}


def _packed(n: int) -> bytes:
    """``pack_uint(n)`` (a frequency format's value; a block joins them, so a
    shared object encodes like a fresh one)."""
    found = _PACKED.get(n)
    if found is None:
        found = _PACKED[n] = pack_uint(n)
    return found


_ONE = pack_uint(1)
_SINGLE_POSITION: dict[int, bytes] = {}


def _encode_positions(poses: list[int]) -> bytes:
    """``formats.Positions.encode(poses)``, byte for byte; a fresh object each
    time (pickle, which encodes a block's values, shares repeated objects)."""
    if len(poses) == 1:
        tail = _SINGLE_POSITION.get(poses[0])
        if tail is None:
            tail = _SINGLE_POSITION[poses[0]] = dumps(poses, 2)
        return _ONE + tail
    deltas = [b - a for a, b in zip([0] + poses, poses)]
    return pack_uint(len(deltas)) + dumps(deltas, 2)


def _write_postings(postwriter, docs: array, weights: array, values: list,
                    lengths: array | None, docbase: int) -> None:
    """One term's postings, in document order, through Whoosh's postings writer
    (``W3PostingsWriter``) a block at a time: the block buffers are filled as
    ``add_posting`` fills them, full blocks are written as it writes them, and
    the last block is left for ``finish_postings``."""
    limit = postwriter._blocklimit
    n = len(docs)
    for start in range(0, n, limit):
        end = min(start + limit, n)
        ids = docs[start:end]
        block_weights = weights[start:end]
        postwriter._ids = ids
        postwriter._weights = array("f", block_weights)
        postwriter._values = [v for v in values[start:end] if v]
        top = max(block_weights)
        postwriter._maxweight = top if top > 0 else 0
        # The length add_posting gets: byte_to_length of the document's length
        # byte, no length for a zero byte (or without a length column).
        if lengths is None:
            low = high = 0
        else:
            size = len(lengths)
            found = [b for b in (lengths[d - docbase] if d - docbase < size else 0 for d in ids) if b]
            low, high = (min(found), max(found)) if found else (0, 0)
        postwriter._minlength = byte_to_length(low) if low else None
        postwriter._maxlength = byte_to_length(high) if high else 0
        if end < n:
            postwriter._write_block()
