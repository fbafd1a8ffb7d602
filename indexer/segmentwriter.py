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

* postings are gathered per field in flat arrays in document order as they
  are analysed (a term number, weight and encoded value per posting: one
  array extend per document and field); at commit one stable numpy sort by
  term groups them, each term's documents still ascending;
* each document's length byte is kept in memory, so a block's length bounds
  come from an array (numpy ``reduceat`` over all blocks of a field), not a
  file read per posting;
* each posting list is handed to Whoosh's postings writer a block at a time
  (Whoosh encodes, compresses and indexes the block itself);
* a field value seen more than once in the batch (repeated boilerplate) is
  analysed once (:meth:`BatchSegmentWriter.add_documents`); its copies then
  share encoded values, which pickle writes once per block (smaller files,
  the same decoded postings).

With ``spans_field``, the writer also keeps the character spans of every term
of that field's texts (:class:`indexer.tokenspans.SpansBuilder`, in
:attr:`BatchSegmentWriter.spans`), from the same analysis that counts the terms.
With ``known_spans`` (the token-spans store of an index written with the same
analyzer: the previous generation's, when a reindex rewrites the keyword index
after a report changed or went), a text the store holds is not analysed again:
its terms and their counts are read back from its stored spans (a term's count
is its number of spans), which is what the analysis would give - Sudachi runs
only for the texts new to the index (:attr:`BatchSegmentWriter.analysed`).
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

import numpy as np
from whoosh import formats
from whoosh.analysis import IDTokenizer
from whoosh.compat import dumps
from whoosh.system import emptybytes, pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.fields import FieldType
from whoosh.writing import SegmentWriter

from . import positions as stored_positions
from .analysis import BigramTokenizer, index_term_spans, index_terms
from .tokenspans import SpansBuilder, TokenSpans

__all__ = ["BatchSegmentWriter", "Unsupported"]


class Unsupported(ValueError):
    """The schema uses a feature this writer does not write."""


class _FieldPostings:
    """One field's postings in the new segment, flat and in document order: per
    posting its term number (in ``vocab``), weight and encoded value; per
    document with postings its number and how many it has. Sorted by term once,
    with numpy, when the segment is written."""

    __slots__ = ("vocab", "tids", "weights", "values", "docs", "counts", "coded")

    def __init__(self, coded: bool = False):
        # coded: each posting's term is a gram code (`analysis.BigramTokenizer.gram_codes`,
        # ordered as the gram's bytes) instead of a number in `vocab`
        self.coded = coded
        self.vocab: dict = {}          # term (text, or bytes from Whoosh's field.index) -> number
        self.tids = array("Q" if coded else "I")
        self.weights = array("d")
        self.values: list = []
        self.docs = array("I")
        self.counts = array("I")


class BatchSegmentWriter(SegmentWriter):
    """A :class:`whoosh.writing.SegmentWriter` whose new segment's postings are
    gathered in memory (see the module docstring).

    Adding documents, committing and cancelling work as for Whoosh's writer
    (deletions and merges of existing segments included: they do not go through
    the new segment's postings); only documents merged *into* the new segment
    from other readers are not supported (Whoosh's merge policies do that for
    small segments: commit with ``merge=False`` when the index has segments)."""

    def __init__(self, ix, spans_field: str | None = None, positions_field: str | None = None,
                 known_spans: TokenSpans | None = None, **kwargs):
        super().__init__(ix, **kwargs)
        # the spans of `spans_field`'s terms in each text (see the module docstring)
        self.spans_field = spans_field
        self.spans = SpansBuilder() if spans_field else None
        # spans of texts analysed before (see the module docstring): read, not analysed
        self.known_spans = known_spans if spans_field else None
        self._known_rows: dict[str, int] = {}
        self.analysed = 0   # texts of `spans_field` analysed by this writer
        self.reused = 0     # texts of `spans_field` whose spans came from `known_spans`
        # positions_field's (segment-local document, its gram codes in position order)
        self.positions_field = positions_field
        self._raw_positions: list[tuple[int, object]] | None = [] if positions_field else None
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise Unsupported(f"field {name!r} has term vectors or a spelling field")
        # the positions field's postings are built from its gram codes when its
        # analyzer is this project's bigram tokenizer (grams of at most two characters)
        field = self.schema[positions_field] if positions_field else None
        self._coded_field = positions_field if field is not None and type(field.format) is formats.Positions \
            and type(field.analyzer) is BigramTokenizer and field.analyzer.size in (1, 2) else None
        self._postings: dict[str, _FieldPostings] = {}
        # fieldname -> length byte of each document of the segment (0: no length)
        self._lengthbytes: dict[str, array] = {}
        # (fieldname, value) -> the field's analysed postings, for values seen again
        self._memo: dict[tuple[str, str], tuple] = {}
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
        if self.known_spans is not None:
            # the stored rows of this batch's texts, looked up at once
            texts = list({value: None for (name, value) in counts if name == self.spans_field})
            self._known_rows = {t: r for t, r in zip(texts, self.known_spans.rows(texts).tolist()) if r >= 0}
        try:
            for fields in docs:
                self.add_document(**fields)
        finally:
            self._repeated = frozenset()
            self._memo.clear()
            self._known_rows = {}
        return len(docs)

    def _stored_spans(self, value: str) -> dict[str, list[int]] | None:
        """`index_term_spans` of a text read back from `known_spans` (None when the
        store does not hold it): {term: [start, end, ...]}, the term's spans in text order."""
        row = self._known_rows.get(value)
        if row is None:
            return None
        numbers, starts, ends = self.known_spans.table(row)
        vocab = self.known_spans.vocab
        out: dict[str, list[int]] = {}
        for number, start, end in zip(numbers, starts, ends):
            term = vocab[number]
            found = out.get(term)
            if found is None:
                found = out[term] = []
            found += (start, end)
        return out

    def _field_postings(self, fieldname: str, field, value) -> tuple:
        """(term numbers, weights, encoded values, summed frequency) of one value
        of a field (from the memo for a value seen before in this batch)."""
        key = (fieldname, value)
        if key in self._repeated:
            found = self._memo.get(key)
            if found is None:
                found = self._memo[key] = self._analyse(fieldname, field, value)
        else:
            found = self._analyse(fieldname, field, value)
        if fieldname == self.positions_field and self._raw_positions is not None:
            self._keep_positions(found[4])
        return found

    def _analyse(self, fieldname: str, field, value) -> tuple:
        """`_field_postings` (plus the gram codes of the positions field, else None):
        the columns of the field's index items, each term numbered in this
        segment's vocabulary of the field. The spans field keeps its terms' spans."""
        postings = self._postings.get(fieldname)
        if postings is None:
            postings = self._postings[fieldname] = _FieldPostings(coded=fieldname == self._coded_field)
        if postings.coded:
            if not isinstance(value, str):
                raise ValueError(f"{value!r} is not unicode")
            codes = field.analyzer.gram_codes(value)
            return (*_coded_columns(codes, field.format.field_boost), len(codes), codes)
        columns = None
        if fieldname == self.spans_field and isinstance(value, str) \
                and type(field.format) in (formats.Existence, formats.Frequency):
            spans = self._stored_spans(value) if self.known_spans is not None else None
            if spans is not None:
                self.reused += 1
            else:
                spans = index_term_spans(field.analyzer, value)
                self.analysed += spans is not None
            if spans is not None:
                self.spans.add(value, spans)
                columns = _columns(field.format, dict(zip(spans, [len(flat) >> 1 for flat in spans.values()])))
        if columns is None:
            columns = index_columns(field, value)
        terms, freqs, weights, values = columns
        return _numbered(postings.vocab, terms), array("d", weights), values, sum(freqs), None

    def _keep_positions(self, codes) -> None:
        """The current document's gram codes of the positions field (None: not
        known, so this segment stores no positions)."""
        if codes is None:
            self._raw_positions = None
        elif len(codes):
            self._raw_positions.append((self.docnum - self.docbase, codes))

    def add_document(self, **fields):
        # Whoosh's SegmentWriter.add_document, with the postings appended to
        # this writer's flat per-field arrays instead of the sorting pool.
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
                    tids, weights, values, freqs, _codes = self._field_postings(fieldname, field, value)
                    if field.scorable:
                        length = freqs
                    if tids:
                        postings = self._postings[fieldname]
                        postings.tids.extend(tids)
                        postings.weights.extend(weights if fieldboost == 1.0 else
                                                array("d", [w * fieldboost for w in weights]))
                        postings.values.extend(values)
                        postings.docs.append(docnum)
                        postings.counts.append(len(tids))

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
        if raw and folder and self.positions_field in self._postings:
            stored_positions.write_sequences(
                stored_positions.segment_folder(folder, self.newsegment.segment_id()),
                self.positions_field, [d for d, _c in raw], [c for _d, c in raw])
        self._raw_positions = [] if self.positions_field else None
        fieldwriter = self.fieldwriter
        for fieldname in sorted(self._postings):
            postings = self._postings[fieldname]
            if not postings.tids:
                continue
            field = self.schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            _write_field(fieldwriter, field.format, postings, self._lengthbytes.get(fieldname), self.docbase)
            fieldwriter.finish_field()
        self._postings.clear()
        self.fieldwriter.close()


_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]


def _write_field(fieldwriter, fmt, postings: _FieldPostings, lengths: array | None, docbase: int) -> None:
    """Every term of one field, in term order, through Whoosh's postings writer
    (``W3PostingsWriter``) a block at a time: the block buffers are filled as
    ``add_posting`` fills them (the same documents, weights, values and length
    bounds), full blocks are written as it writes them, and the last block of a
    term is left for ``finish_postings``."""
    if postings.coded:   # gram codes sort as their grams' bytes
        codes = np.frombuffer(postings.tids, dtype=np.uint64)
        distinct = np.unique(codes)
        btexts = stored_positions.gram_bytes(distinct)
        term_of = np.searchsorted(distinct, codes)
    else:
        # one number per distinct term bytes (a text and a bytes term may coincide)
        numbers: dict[bytes, int] = {}
        as_bytes = np.array([numbers.setdefault(t.encode("utf-8") if isinstance(t, str) else t, len(numbers))
                             for t in postings.vocab], dtype=np.int64)
        btexts = sorted(numbers)
        rank = np.empty(len(numbers), dtype=np.int64)
        rank[[numbers[b] for b in btexts]] = np.arange(len(btexts), dtype=np.int64)
        term_of = rank[as_bytes][np.frombuffer(postings.tids, dtype=np.uint32)]
    doc_of = np.repeat(np.frombuffer(postings.docs, dtype=np.uint32), np.frombuffer(postings.counts, dtype=np.uint32))
    order = np.argsort(term_of, kind="stable")   # documents stay ascending within a term
    term_of, doc_of = term_of[order], doc_of[order]
    weights = np.frombuffer(postings.weights, dtype=np.float64)[order]
    values = np.array(postings.values, dtype=object)[order].tolist()   # the same objects (a repeated text shares its values)
    if type(fmt) not in (formats.Frequency, formats.Positions):   # (only those never encode an empty value)
        values = [v if v else None for v in values]
    n = len(order)

    # the blocks: a term's postings, `limit` at a time
    postwriter = fieldwriter._postwriter
    limit = postwriter._blocklimit
    bounds = np.searchsorted(term_of, np.arange(len(btexts) + 1, dtype=np.int64))
    blocks = -(-np.diff(bounds) // limit)
    first_block = np.cumsum(blocks) - blocks
    block_start = np.repeat(bounds[:-1], blocks) + \
        (np.arange(int(blocks.sum()), dtype=np.int64) - np.repeat(first_block, blocks)) * limit
    top = np.maximum.reduceat(weights, block_start).tolist()
    # each posting's document length byte (0: none) -> the blocks' bounds of the nonzero ones
    if lengths is None or not len(lengths):
        low = high = [0] * len(block_start)
    else:
        local = doc_of.astype(np.int64) - docbase
        table = np.frombuffer(lengths, dtype=np.uint8)
        found = np.zeros(n, dtype=np.int64)
        inside = local < len(table)
        found[inside] = table[local[inside]]
        high = np.maximum.reduceat(found, block_start).tolist()
        low = np.minimum.reduceat(np.where(found == 0, 256, found), block_start).tolist()
    single = weights.astype(np.float32)
    # what Whoosh's block writer makes of each block's documents and weights
    # (`_mini_ids`: the first document, then differences; `_mini_weights`: None when
    # all are 1, the one weight when all are equal, else all), for all blocks at once
    documents = doc_of.astype(np.int64)
    deltas = documents.copy()
    deltas[1:] -= documents[:-1]
    deltas[block_start] = documents[block_start]
    deltas = deltas.tolist()
    lightest = np.minimum.reduceat(single, block_start)
    equal = (lightest == np.maximum.reduceat(single, block_start)).tolist()
    ones = (lightest == 1.0).tolist()
    as_floats = single.tolist()
    single = single.tobytes()
    postwriter.__class__ = _precomputed_blocks(type(postwriter))
    k = 0
    for t, btext in enumerate(btexts):
        fieldwriter.start_term(btext)
        a, b = int(bounds[t]), int(bounds[t + 1])
        for start in range(a, b, limit):
            end = min(start + limit, b)
            postwriter._ids = doc_of[start:end].tolist()
            postwriter._weights = array("f", single[4 * start:4 * end])
            postwriter._mini = (tuple(deltas[start:end]),
                                (None if ones[k] else as_floats[start]) if equal[k] else tuple(as_floats[start:end]))
            block_values = values[start:end]
            postwriter._values = block_values if block_values[0] is not None and None not in block_values \
                else [v for v in block_values if v is not None]
            postwriter._maxweight = top[k] if top[k] > 0 else 0
            lo, hi = low[k], high[k]
            postwriter._minlength = _BYTE_TO_LENGTH[lo] if 0 < lo < 256 else None
            postwriter._maxlength = _BYTE_TO_LENGTH[hi] if hi else 0
            k += 1
            if end < b:
                postwriter._write_block()
        fieldwriter.finish_term()


_PRECOMPUTED: dict[type, type] = {}


def _precomputed_blocks(cls: type) -> type:
    """A subclass of Whoosh's postings writer `cls` whose block writer takes each
    block's minified documents and weights from ``_mini`` (set before the block
    is written: the same values, computed with numpy for a whole field)."""
    found = _PRECOMPUTED.get(cls)
    if found is None:
        def _mini_ids(self):
            return self._mini[0]

        def _mini_weights(self):
            return self._mini[1]

        found = _PRECOMPUTED[cls] = type(cls.__name__, (cls,), {"_mini_ids": _mini_ids,
                                                                 "_mini_weights": _mini_weights})
    return found


def _numbered(vocab: dict, terms: list) -> array:
    """The terms' numbers in `vocab`, numbering the new ones (distinct `terms`)."""
    new = [t for t in terms if t not in vocab]
    if new:
        vocab.update(zip(new, range(len(vocab), len(vocab) + len(new))))
    return array("I", map(vocab.__getitem__, terms))


_EMPTY_CODED = (array("Q"), array("d"), [])


def _coded_columns(codes, boost: float) -> tuple[array, array, list]:
    """A positions field's postings of one text from its gram codes in position
    order: (each distinct gram's code, ascending; its weight; its encoded
    positions - the items Whoosh's ``Positions`` format records, one fresh value
    object per gram, as ``Positions.word_values`` makes them)."""
    n = len(codes)
    if not n:
        return _EMPTY_CODED
    order = np.argsort(codes, kind="stable")   # by gram, each gram's positions ascending
    ordered = codes[order]
    first = np.ones(n, dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(starts, append=n)
    deltas = order.copy()   # each position less the gram's previous one (the first: itself)
    deltas[1:] -= order[:-1]
    deltas[starts] = order[starts]
    tids = array("Q", ordered[starts].tobytes())
    weights = array("d", (counts * float(boost)).astype(np.float64).tobytes())
    flat = deltas.tolist()
    single = _SINGLE_POSITION
    one = _ONE
    values = [one + (single.get(flat[a]) or _single_position(flat[a])) if c == 1 else
              pack_uint(c) + dumps(flat[a:a + c], 2)
              for a, c in zip(starts.tolist(), counts.tolist())]
    return tids, weights, values


def index_columns(field, value) -> tuple[list, list, list, list]:
    """``field.index(value)`` as columns: (terms, frequencies, weights, encoded
    values), one row per distinct term. For the project's own analyzers
    (analysis.index_terms) and Whoosh's existence, frequency and positions
    formats the rows are built here from the terms directly - the same items as
    the formats' ``word_values`` make from a token stream, in another order, the
    term as text (UTF-8 bytes sort as the text does); otherwise the term is bytes."""
    fmt = field.format
    kind = type(fmt)
    terms = None
    if kind in _FAST_FORMATS and isinstance(value, str):
        if kind is formats.Existence and type(field.analyzer) is IDTokenizer and type(field).index is FieldType.index:
            terms = {value: 1}   # an ID field: the whole value is its one term
        else:
            terms = index_terms(field.analyzer, value, positions=kind is formats.Positions)
    if terms is None:
        items = list(field.index(value))
        if not items:
            return [], [], [], []
        return tuple(list(column) for column in zip(*items))
    return _columns(fmt, terms)


def index_items(field, value) -> tuple[bool, list]:
    """``field.index(value)`` as (whether the terms are text, the items (term,
    frequency, weight, encoded value)) - `index_columns` row by row."""
    terms, freqs, weights, values = index_columns(field, value)
    return (bool(terms) and isinstance(terms[0], str)) or not terms, list(zip(terms, freqs, weights, values))


def _columns(fmt, terms: dict) -> tuple[list, list, list, list]:
    """The index items of ``terms`` ({term: positions} for a positions format,
    else {term: count}) in one of ``_FAST_FORMATS``, as columns."""
    kind = type(fmt)
    boost = fmt.field_boost
    names = list(terms)
    if kind is formats.Positions:
        poses = list(terms.values())
        freqs = list(map(len, poses))
        single = _SINGLE_POSITION
        values = [_ONE + (single.get(p[0]) or _single_position(p[0])) if len(p) == 1 else _encode_positions(p)
                  for p in poses]
        return names, freqs, [float(n) * boost for n in freqs], values
    if kind is formats.Frequency:
        freqs = list(terms.values())
        packed = _PACKED
        return names, freqs, [float(n) * boost for n in freqs], [packed.get(n) or _packed(n) for n in freqs]
    return names, [1] * len(names), [boost] * len(names), [emptybytes] * len(names)


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
        return _ONE + (_SINGLE_POSITION.get(poses[0]) or _single_position(poses[0]))
    deltas = [b - a for a, b in zip([0] + poses, poses)]
    return pack_uint(len(deltas)) + dumps(deltas, 2)


def _single_position(position: int) -> bytes:
    """The pickled one-position list after a single position's count (kept)."""
    found = _SINGLE_POSITION[position] = dumps([position], 2)
    return found
