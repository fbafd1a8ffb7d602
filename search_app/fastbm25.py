"""Whoosh query trees scored with numpy over cached per-term posting arrays.

Whoosh's own matchers step through every posting of every OR-ed clause in pure
Python (91-95% of a bm25 query on a large index, docs/benchmarks.md). This
module evaluates the same query trees - Term, Or, And, AndMaybe, AndNot and
Phrase, with their boosts - as set operations on arrays:

* a term's postings are read once per generation from the Whoosh segment
  (block by block) into global document numbers and the term's BM25F
  contribution per document, computed with the weighting's own scorer
  parameters (idf, average field length, B, K1) and the same expression as
  `whoosh.scoring.bm25`, so each posting's score is the number Whoosh computes;
  a term held in arrays in every segment (the word postings `wordpostings`
  derives from the stored token spans, the bigram positions `indexer.positions`
  stores) is read and scored without any Whoosh term look-up (its idf from the
  arrays' document frequencies, Whoosh's formula);
* compound nodes add their children's scores as Whoosh's matchers do (a
  compound with a single subquery passes it through without its boost, as
  Whoosh does); only the order of additions can differ, i.e. scores agree to
  float rounding;
* a phrase matches where its words' documents intersect and the words sit at
  consecutive positions (read for those candidates only);
* the top k are picked with `np.argpartition` and ordered like Whoosh's
  collector (score descending, then document number).

A query holding any other node type (or a weighting other than the BM25 family)
is evaluated by Whoosh itself (logged once per kind), so a query built
differently tomorrow still gets the right answer.
"""

from __future__ import annotations

import logging
import math
import pickle
import threading
from collections import OrderedDict
from itertools import accumulate

import numpy as np
from whoosh import formats
from whoosh import query as Q
from whoosh import scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import wrappers
from whoosh.system import _INT_SIZE

from indexer import positions

from . import wordpostings

log = logging.getLogger(__name__)

# Postings kept in memory per generation (document number int32 + score float64:
# 12 bytes each; 4M postings = 48 MB). Least recently used terms go first.
MAX_CACHED_POSTINGS = 4_000_000
# Postings read when a generation opens (FastScorer.preload): half the cache.
PRELOAD_POSTINGS = MAX_CACHED_POSTINGS // 2
PRELOAD_TERMS = 1000
# Phrase results (document numbers + scores) kept per generation.
MAX_CACHED_PHRASES = 4096

# A union or intersection over at least 1/_DENSE_SHARE of the index's documents
# works on arrays over all documents instead of sorting.
_DENSE_SHARE = 8

_EMPTY_IDS = np.zeros(0, dtype=np.int32)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)


class Hits:
    """Matching document numbers (sorted, unique) with a score each."""

    __slots__ = ("ids", "scores")

    def __init__(self, ids: np.ndarray, scores: np.ndarray):
        self.ids = ids
        self.scores = scores

    def __len__(self) -> int:
        return len(self.ids)

    def boosted(self, boost: float) -> "Hits":
        # Whoosh's WrappingMatcher: child score * boost
        return self if boost == 1.0 else Hits(self.ids, self.scores * boost)

    def scores_at(self, ids: np.ndarray) -> np.ndarray:
        """Scores of `ids` (all of which are in this set)."""
        return self.scores[np.searchsorted(self.ids, ids)]


EMPTY = Hits(_EMPTY_IDS, _EMPTY_SCORES)


class Unsupported(Exception):
    """A node this evaluator does not handle (Whoosh evaluates it)."""


class FastScorer:
    """Per-generation posting arrays and the evaluator over them.

    `searcher` arguments are the calling thread's Whoosh searcher of the same
    index (Whoosh readers are not shared between threads); the caches are."""

    def __init__(self, ix, weighting):
        self.ix = ix
        self.schema = ix.schema
        self.weighting = weighting
        self._lock = threading.Lock()
        self._terms: OrderedDict[tuple, Hits] = OrderedDict()
        self._cached = 0
        self._phrases: OrderedDict[tuple, Hits] = OrderedDict()
        self._lengths: dict[tuple, np.ndarray] = {}
        self._norms: dict[tuple, np.ndarray] = {}
        self._fallback_logged: set[str] = set()
        self.live: np.ndarray | None = None     # False for deleted document numbers
        self._deletions = True                  # whether `live` has any False
        self.doc_count_all = 0
        # positions stored beside the segments a full build wrote (indexer.positions)
        self._folder = getattr(ix.storage, "folder", None)
        self._stored: dict[tuple[str, str], positions.SegmentPositions | None] = {}
        # word-field postings derived from the stored token spans (wordpostings)
        self._derived: dict[tuple[str, str], wordpostings.SegmentWords] = {}
        # field -> (B, K1, average field length) of the weighting's BM25F scorer:
        # with them a term held in arrays is scored without Whoosh's term look-ups
        self._params: dict[str, tuple[float, float, float]] = {}

    # -- set-up -----------------------------------------------------------------------

    def warm(self, searcher, fields=("text", "text_bigram")) -> None:
        """Everything a first query would otherwise load: deleted documents and
        the field-length arrays of every segment."""
        reader = searcher.reader()
        n = reader.doc_count_all()
        live = np.zeros(n, dtype=bool)
        live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        self.doc_count_all = n
        self.live = live
        self._deletions = not live.all()
        for leaf, _offset in searcher.leaf_searchers():
            for field in fields:
                if field in self.schema and self.schema[field].scorable:
                    self._segment_lengths(leaf.reader(), field)
                    self.stored_positions(leaf.reader(), field)

    def derive_words(self, searcher, field: str, spans, doc_rows: np.ndarray) -> int:
        """Hold `field`'s postings of every segment in arrays, derived from a token
        spans store (`spans`: `indexer.tokenspans.TokenSpans`) and each document
        number's row in it (`doc_rows`, -1: none); terms whose derived postings do
        not match Whoosh's statistics stay with Whoosh (`wordpostings`). Returns the
        postings held."""
        held = 0
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            n = reader.doc_count_all()
            words = wordpostings.derive(reader, field, spans, doc_rows[offset:offset + n])
            with self._lock:
                self._derived[(reader.segment().segment_id(), field)] = words
            held += words.postings_count
        return held

    def held_words(self, segment_id: str, field: str) -> "wordpostings.SegmentWords | None":
        """The derived postings of `field` in one segment (None: not derived)."""
        return self._derived.get((segment_id, field))

    def learn_scoring(self, searcher, fields=("text", "text_bigram")) -> None:
        """Keep each field's BM25F parameters (B, K1, average field length: the same
        for every term of a field) from one scorer the weighting makes, so terms
        held in arrays are scored without Whoosh. Nothing is kept for a weighting
        other than Whoosh's BM25F with its own idf (such terms are scored by
        Whoosh's scorer, as before)."""
        w = self.weighting
        if not (isinstance(w, scoring.BM25F) and type(w).idf is scoring.WeightingModel.idf):
            return
        reader = searcher.reader()
        for field in fields:
            if field not in self.schema or not self.schema[field].scorable or field in self._params:
                continue
            for btext, _info in reader.iter_field(field):
                scorer = w.scorer(searcher, field, self.schema[field].from_bytes(btext))
                if isinstance(scorer, scoring.BM25FScorer):
                    with self._lock:
                        self._params[field] = (scorer.B, scorer.K1, scorer.avgfl)
                    for leaf, _offset in searcher.leaf_searchers():
                        self._length_norms(leaf.reader(), field)
                break

    def preload(self, searcher, budget: int | None = None, terms: int | None = None,
                fields=("text", "text_bigram")) -> int:
        """Read the postings of the most frequent terms (most documents first) until
        `budget` postings or `terms` terms are held: the terms that cost a first
        query the most to read (a common word has most of the postings), so a query
        after opening reads only its rarer terms. Returns the postings read."""
        budget = PRELOAD_POSTINGS if budget is None else budget
        terms = PRELOAD_TERMS if terms is None else terms
        reader = searcher.reader()
        ranked = []
        for field in fields:
            if field in self.schema and self.schema[field].scorable:
                ranked.extend((info.doc_frequency(), field, btext) for btext, info in reader.iter_field(field))
        ranked.sort(key=lambda x: -x[0])
        loaded = 0
        for df, field, btext in ranked[:terms]:
            if loaded + df > budget:
                break
            loaded += len(self.term(searcher, field, btext))
        return loaded

    def _length_norms(self, reader, field: str) -> np.ndarray:
        """`K1 * ((1 - B) + B * fl / avgfl)` of every document of one segment: the
        part of BM25F's denominator that depends on the document, not the term
        (computed when the generation opens, `learn_scoring`)."""
        key = (reader.segment().segment_id(), field)
        found = self._norms.get(key)
        if found is None:
            B, K1, avgfl = self._params[field]
            found = K1 * ((1 - B) + B * self._segment_lengths(reader, field) / avgfl)
            with self._lock:
                self._norms[key] = found
        return found

    def _segment_lengths(self, reader, field: str) -> np.ndarray:
        key = (reader.segment().segment_id(), field)
        found = self._lengths.get(key)
        if found is None:
            lengths = getattr(self.weighting, "lengths", None)
            if lengths is not None:
                found = np.asarray(lengths(reader, field), dtype=np.float64)
            else:
                found = np.array([reader.doc_field_length(d, field, 1)
                                  for d in range(reader.doc_count_all())], dtype=np.float64)
            with self._lock:
                self._lengths[key] = found
        return found

    # -- postings -----------------------------------------------------------------------

    def term(self, searcher, field: str, btext: bytes) -> Hits:
        """Every live document containing the term, with its BM25F contribution."""
        key = (field, btext)
        with self._lock:
            found = self._terms.get(key)
            if found is not None:
                self._terms.move_to_end(key)
                return found
        found = self._load_term(searcher, field, btext)
        with self._lock:
            if key not in self._terms:
                self._terms[key] = found
                self._cached += len(found)
                while self._cached > MAX_CACHED_POSTINGS and len(self._terms) > 1:
                    _k, old = self._terms.popitem(last=False)
                    self._cached -= len(old)
        return found

    def _held_sources(self, searcher, field: str, btext: bytes) -> list | None:
        """[(segment reader, offset, source, key)] of the segments that may hold the
        term, each answered from arrays: the derived word postings (`source` a
        wordpostings table, `key` its row) or the stored positions (`key` the term);
        None when some segment must ask Whoosh."""
        out = []
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            words = self._derived.get((reader.segment().segment_id(), field))
            if words is not None:
                k = words.lookup(btext)
                if k == wordpostings.UNCHECKED:
                    return None
                if k != wordpostings.ABSENT:
                    out.append((reader, offset, words, k))
                continue
            stored = self.stored_positions(reader, field)
            if stored is None:
                return None
            out.append((reader, offset, stored, btext))
        return out

    def _held_postings(self, searcher, field: str, btext: bytes) -> list | None:
        """[(segment reader, offset, local documents, frequencies)] of the segments
        holding the term, all read from arrays (the derived word postings, the
        stored positions); None when some segment must ask Whoosh."""
        sources = self._held_sources(searcher, field, btext)
        if sources is None:
            return None
        out = []
        for reader, offset, source, key in sources:
            found = source.postings(key)
            if found is not None:   # (a segment's stored positions hold every term of its field)
                out.append((reader, offset, *found))
        return out

    def doc_frequency(self, searcher, field: str, text) -> int:
        """`searcher.doc_frequency(field, text)` (deleted documents included, as
        Whoosh counts them), from the arrays when they hold the term."""
        if field in self.schema:
            try:
                btext = text if isinstance(text, bytes) else self.schema[field].to_bytes(text)
            except ValueError:
                btext = None
            held = self._held_frequency(searcher, field, btext) if btext is not None else None
            if held is not None:
                return held
        return searcher.reader().doc_frequency(field, text)

    def _held_frequency(self, searcher, field: str, btext: bytes) -> int | None:
        """The number of postings `_held_postings` would give (without reading
        them); None when some segment must ask Whoosh."""
        sources = self._held_sources(searcher, field, btext)
        if sources is None:
            return None
        return sum(source.doc_frequency(key) for _reader, _offset, source, key in sources)

    def _load_term(self, searcher, field: str, btext: bytes) -> Hits:
        params = self._params.get(field)
        held = self._held_postings(searcher, field, btext) if params is not None else None
        if held is not None:
            # BM25FScorer's numbers without its look-ups: the weighting's idf
            # (WeightingModel.idf: log(N / (df + 1)) + 1 over the whole index,
            # deleted documents included) and the field's B, K1 and average length
            if not held:
                return EMPTY
            B, K1, avgfl = params
            idf = math.log(self.doc_count_all / (sum(len(ids) for _r, _o, ids, _tf in held) + 1)) + 1
            # the segments' postings joined first, then one pass of the arithmetic,
            # the length part of the denominator read from `_length_norms` (element
            # by element the same expression: the same numbers)
            if len(held) == 1:
                reader, offset, ids, tf = held[0]
                norm = self._length_norms(reader, field)[ids]
                ids = ids + offset
            else:
                norm = np.concatenate([self._length_norms(r, field)[ids] for r, _o, ids, _tf in held])
                ids = np.concatenate([ids + offset for _r, offset, ids, _tf in held])
                tf = np.concatenate([tf for _r, _o, _ids, tf in held])
            return self._live_hits([ids], [idf * ((tf * (K1 + 1)) / (tf + norm))])
        text = self.schema[field].from_bytes(btext)
        all_ids, all_scores = [], []
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            if (field, btext) not in reader:
                continue
            scorer = self.weighting.scorer(leaf, field, text)
            try:
                idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            except AttributeError as e:  # not a BM25 family scorer
                raise Unsupported(type(scorer).__name__) from e
            stored = self.stored_positions(reader, field)
            found = stored.postings(btext) if stored is not None else None
            # (a stored term's postings need not be unpickled with their positions)
            ids, tf = found if found is not None else _read_postings(reader.postings(field, btext))
            fl = self._segment_lengths(reader, field)[ids]
            scores = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
            all_ids.append(ids + offset)
            all_scores.append(scores)
        return self._live_hits(all_ids, all_scores)

    def _live_hits(self, all_ids: list, all_scores: list) -> Hits:
        if not all_ids:
            return EMPTY
        ids = (all_ids[0] if len(all_ids) == 1 else np.concatenate(all_ids)).astype(np.int32)
        scores = all_scores[0] if len(all_scores) == 1 else np.concatenate(all_scores)
        if self.live is not None and self._deletions and not self.live[ids].all():
            keep = self.live[ids]
            ids, scores = ids[keep], scores[keep]
        return Hits(ids, scores)

    def _phrase_ids(self, searcher, field: str, words: list[bytes], terms: list[Hits]) -> np.ndarray:
        """The documents where the words (`terms`: their postings) occur at
        consecutive positions."""
        key = (field, tuple(words))
        with self._lock:
            found = self._phrases.get(key)
            if found is not None:
                self._phrases.move_to_end(key)
                return found.ids
        # (the candidates only when the phrase is not known yet)
        candidates = intersection(terms, scored=False, size=self.doc_count_all).ids
        keep = np.zeros(len(candidates), dtype=bool)
        start = 0
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            end = int(np.searchsorted(candidates, offset + reader.doc_count_all()))
            local = candidates[start:end] - offset
            if len(local):
                # (every candidate holds every word: no term look-up needed first)
                stored = self.stored_positions(reader, field)
                held = stored.consecutive(words, local) if stored is not None else None
                if held is not None:
                    keep[start:end] = held
                elif all((field, w) in reader for w in words):
                    found = [posting_positions(reader.postings(field, w), local) for w in words]
                    for j, doc in enumerate(local.tolist()):
                        keep[start + j] = consecutive([f.get(doc, ()) for f in found])
            start = end
        ids = candidates[keep]
        with self._lock:
            self._phrases[key] = Hits(ids, _EMPTY_SCORES)
            while len(self._phrases) > MAX_CACHED_PHRASES:
                self._phrases.popitem(last=False)
        return ids

    def postings_held(self) -> int:
        """The postings held in arrays now (the preloaded terms and those read since)."""
        with self._lock:
            return self._cached

    def forget_phrases(self) -> None:
        """Drop the phrases' documents kept from earlier look-ups: the next look-up
        checks positions again."""
        with self._lock:
            self._phrases.clear()

    def stored_positions(self, reader, field: str) -> "positions.SegmentPositions | None":
        """The positions of `field` stored beside this segment (None: not stored)."""
        if self._folder is None:
            return None
        key = (reader.segment().segment_id(), field)
        if key not in self._stored:
            found = positions.SegmentPositions.open(positions.segment_folder(self._folder, key[0]), field)
            with self._lock:
                self._stored[key] = found
        return self._stored[key]

    # -- evaluation ---------------------------------------------------------------------

    def evaluate(self, searcher, q, scored: bool = True) -> Hits:
        """The documents `q` matches, with Whoosh's score for each."""
        try:
            return self._eval(searcher, q)
        except Unsupported as e:
            self._log_fallback(str(e))
            return self._whoosh(searcher, q, scored)

    def _eval(self, searcher, q) -> Hits:
        kind = type(q)
        if q is Q.NullQuery or kind is type(Q.NullQuery):
            return EMPTY
        if kind is Q.Term:
            if q.fieldname not in self.schema:
                return EMPTY
            try:
                btext = self.schema[q.fieldname].to_bytes(q.text)
            except ValueError:
                return EMPTY
            return self.term(searcher, q.fieldname, btext).boosted(q.boost)
        if kind is Q.Or or kind is Q.And:
            if kind is Q.Or and q.scale:
                raise Unsupported("Or with scale")
            subs = q.subqueries
            if not subs:
                return EMPTY
            if len(subs) == 1:  # Whoosh passes a single subquery through, boost dropped
                return self._eval(searcher, subs[0])
            parts = [self._eval(searcher, s) for s in subs]
            hits = _union(parts, self.doc_count_all) if kind is Q.Or \
                else intersection(parts, size=self.doc_count_all)
            return hits.boosted(q.boost)
        if kind is Q.AndMaybe:
            a = self._eval(searcher, q.a)
            b = self._eval(searcher, q.b)
            if not len(a) or not len(b):
                return a
            pos = np.searchsorted(b.ids, a.ids)
            pos[pos >= len(b.ids)] = 0
            both = b.ids[pos] == a.ids
            scores = a.scores.copy()
            scores[both] = a.scores[both] + b.scores[pos[both]]
            return Hits(a.ids, scores)
        if kind is Q.AndNot:
            a = self._eval(searcher, q.a)
            b = self._eval(searcher, q.b)
            if not len(a) or not len(b):
                return a
            keep = ~np.isin(a.ids, b.ids, assume_unique=True)
            return Hits(a.ids[keep], a.scores[keep])
        if kind is Q.Phrase:
            return self._phrase(searcher, q)
        raise Unsupported(kind.__name__)

    def _ids(self, searcher, q) -> np.ndarray:
        """`_eval(searcher, q).ids`, without the scores (the same nodes supported)."""
        kind = type(q)
        if kind is Q.Term or q is Q.NullQuery or kind is type(Q.NullQuery):
            return self._eval(searcher, q).ids
        if kind is Q.Or or kind is Q.And:
            if kind is Q.Or and q.scale:
                raise Unsupported("Or with scale")
            subs = q.subqueries
            if not subs:
                return _EMPTY_IDS
            parts = [self._ids(searcher, s) for s in subs]
            combine = _union if kind is Q.Or else intersection
            return combine([Hits(p, _EMPTY_SCORES) for p in parts], scored=False, size=self.doc_count_all).ids
        if kind is Q.AndMaybe:
            return self._ids(searcher, q.a)
        if kind is Q.AndNot:
            a = self._ids(searcher, q.a)
            b = self._ids(searcher, q.b)
            if not len(a) or not len(b):
                return a
            return a[~np.isin(a, b, assume_unique=True)]
        if kind is Q.Phrase:
            return self._phrase_match(searcher, q)[0]
        raise Unsupported(kind.__name__)

    def _phrase(self, searcher, q) -> Hits:
        ids, terms = self._phrase_match(searcher, q)
        if not len(ids):
            return EMPTY
        scores = np.zeros(len(ids), dtype=np.float64)
        for t in terms:  # the span matcher scores as the intersection of its terms
            scores = scores + t.scores_at(ids)
        return Hits(ids, scores).boosted(q.boost)

    def _phrase_match(self, searcher, q) -> tuple[np.ndarray, list[Hits]]:
        """(the documents a Phrase node matches, its words' postings)."""
        if q.slop != 1:
            raise Unsupported("Phrase with slop")
        field = q.fieldname
        if field not in self.schema:
            return _EMPTY_IDS, []
        fmt = self.schema[field].format
        if not fmt or not fmt.supports("positions"):
            raise Unsupported("Phrase on a field without positions")  # Whoosh raises its error
        if not q.words:
            return _EMPTY_IDS, []
        try:
            words = [self.schema[field].to_bytes(w) for w in q.words]
        except ValueError:
            return _EMPTY_IDS, []
        terms = [self.term(searcher, field, w) for w in words]
        if any(not len(t) for t in terms):
            return _EMPTY_IDS, []
        if len(words) == 1:
            return terms[0].ids, terms
        return self._phrase_ids(searcher, field, words, terms), terms

    def _whoosh(self, searcher, q, scored: bool) -> Hits:
        if scored:
            results = searcher.search(q, limit=None)
            pairs = sorted((h.docnum, h.score) for h in results)
            if not pairs:
                return EMPTY
            ids, scores = zip(*pairs)
            return Hits(np.array(ids, dtype=np.int32), np.array(scores, dtype=np.float64))
        ids = _sorted_unique(np.fromiter(searcher.docs_for_query(q), dtype=np.int64)).astype(np.int32)
        return Hits(ids, np.zeros(len(ids), dtype=np.float64))

    def _log_fallback(self, what: str) -> None:
        if what not in self._fallback_logged:
            self._fallback_logged.add(what)
            log.info("fast keyword scorer: %s is evaluated by Whoosh", what)

    # -- what callers use --------------------------------------------------------------

    def top(self, searcher, q, allowed: np.ndarray | None, limit: int | None) -> list[tuple[int, float]]:
        """[(docnum, score)] best first, as `searcher.search(q, filter=..., limit=limit)`
        returns them; `allowed` = boolean mask over document numbers (None: all)."""
        ids, scores = self.top_arrays(searcher, q, allowed, limit)
        return list(zip(ids.tolist(), scores.tolist()))

    def top_arrays(self, searcher, q, allowed: np.ndarray | None,
                   limit: int | None) -> tuple[np.ndarray, np.ndarray]:
        """`top` as (document numbers, scores) arrays."""
        hits = self.evaluate(searcher, q)
        ids, scores = hits.ids, hits.scores
        if allowed is not None and len(ids):
            keep = allowed[ids]
            ids, scores = ids[keep], scores[keep]
        if limit is not None and len(ids) > limit:
            part = np.argpartition(-scores, limit - 1)[:limit]
            floor = scores[part].min()
            chosen = scores >= floor          # every tie at the cut competes on docnum
            ids, scores = ids[chosen], scores[chosen]
        order = np.lexsort((ids, -scores))
        if limit is not None:
            order = order[:limit]
        return ids[order], scores[order]

    def matches(self, searcher, q) -> np.ndarray:
        """Document numbers `q` matches (unscored use: `docs_for_query`): the
        documents `evaluate` gives, without adding up their scores."""
        try:
            return self._ids(searcher, q)
        except Unsupported as e:
            self._log_fallback(str(e))
            return self._whoosh(searcher, q, scored=False).ids


def _read_postings(m) -> tuple[np.ndarray, np.ndarray]:
    """(local document numbers, term frequencies) of one segment's postings.

    Reads whole blocks of Whoosh's on-disk format; other matchers (postings
    inlined in the term dictionary, deletions filters) are walked one by one,
    deleted documents being dropped later from the live mask."""
    if isinstance(m, wrappers.FilterMatcher):
        m = m.child  # the deletions filter: FastScorer.live drops those documents
    if isinstance(m, W3LeafMatcher) and not m._byteids:
        ids, weights = [], []
        while m.is_active():
            m._read_data()
            data = m._data
            n = m._blocklength
            ids.append(np.cumsum(np.asarray(data[0], dtype=np.int64)))
            w = data[1]
            if w is None:
                weights.append(np.ones(n, dtype=np.float64))
            elif isinstance(w, float):
                weights.append(np.full(n, w, dtype=np.float64))
            else:
                weights.append(np.asarray(w, dtype=np.float64))
            m._next_block()
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(ids), np.concatenate(weights)
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)


def posting_positions(m, docs: np.ndarray) -> dict[int, list]:
    """{document: positions of the term} for the sorted local document numbers
    `docs`, reading only the posting blocks that can hold them (Whoosh's
    `skip_to` steps through every posting in Python)."""
    if isinstance(m, wrappers.FilterMatcher):
        m = m.child
    out: dict[int, list] = {}
    if not (isinstance(m, W3LeafMatcher) and not m._byteids):
        for doc in docs.tolist():
            if not m.is_active():
                break
            m.skip_to(doc)
            if m.is_active() and m.id() == doc:
                out[doc] = m.value_as("positions")
        return out
    j, n = 0, len(docs)
    while m.is_active() and j < n:
        if m.block_max_id() < docs[j]:
            m._next_block()
            continue
        m._read_data()
        ids = np.cumsum(np.asarray(m._data[0], dtype=np.int64))
        hi = int(np.searchsorted(docs, ids[-1], side="right"))
        wanted = docs[j:hi]
        at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
        hit = ids[at] == wanted
        if hit.any():
            m._read_values()
            decode = _positions_decoder(m.format)
            values = m._values
            for doc, k in zip(wanted[hit].tolist(), at[hit].tolist()):
                out[doc] = decode(values[k])
        j = hi
        m._next_block()
    return out


def _positions_decoder(fmt):
    """`fmt.decode_as("positions", value)` as one function; for Whoosh's Positions
    format its own steps (unpickle the deltas, add them up) with the adding done
    by `itertools.accumulate`: the same list, without a Python loop per position."""
    if type(fmt) is not formats.Positions:
        return fmt.decoder("positions")

    def decode(value: bytes) -> list[int]:
        if not value.endswith(b"."):
            value += b"."
        return list(accumulate(pickle.loads(value[_INT_SIZE:])))

    return decode


def _union(parts: list[Hits], size: int = 0, scored: bool = True) -> Hits:
    """The documents of any part, each with the sum of its parts' scores (added in
    part order, as Whoosh's union matcher does; `scored=False`: the documents alone,
    with no scores). Many postings against `size` documents (the index's document
    count): summed into an array over all documents, else merged by sorting; the same
    numbers either way."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    total = sum(len(p) for p in parts)
    if size and total * _DENSE_SHARE >= size:
        held = np.zeros(size, dtype=bool)
        if not scored:
            for p in parts:
                held[p.ids] = True
            return Hits(np.flatnonzero(held).astype(np.int32), _EMPTY_SCORES)
        acc = np.zeros(size, dtype=np.float64)
        for p in parts:              # a part's documents are distinct: one add each
            acc[p.ids] += p.scores
            held[p.ids] = True
        ids = np.flatnonzero(held).astype(np.int32)
        return Hits(ids, acc[ids])
    ids = np.concatenate([p.ids for p in parts])
    if not scored:
        return Hits(_sorted_unique(ids), _EMPTY_SCORES)
    scores = np.concatenate([p.scores for p in parts])
    unique, inverse = np.unique(ids, return_inverse=True)
    return Hits(unique, np.bincount(inverse, weights=scores, minlength=len(unique)))


def _sorted_unique(ids: np.ndarray) -> np.ndarray:
    """`np.unique(ids)` by sorting (numpy 2's hash-table `unique` took 2 ms for
    10,000 document numbers, a sort 0.05 ms)."""
    ids = np.sort(ids)
    if len(ids) < 2:
        return ids
    new = np.empty(len(ids), dtype=bool)
    new[0] = True
    np.not_equal(ids[1:], ids[:-1], out=new[1:])
    return ids[new]


def intersection(parts: list[Hits], scored: bool = True, size: int = 0) -> Hits:
    """The documents in every one of `parts`, ascending, with the sum of their
    scores (`scored` False: no scores); `size`: the index's document count (a part
    holding a large share of it is looked up as a mask)."""
    if any(not len(p) for p in parts):
        return EMPTY
    ids = min(parts, key=len).ids
    for p in parts:
        if len(ids) == 0:
            return EMPTY
        if p.ids is ids:
            continue
        if size and len(p) * _DENSE_SHARE >= size:
            held = np.zeros(size, dtype=bool)
            held[p.ids] = True
            ids = ids[held[ids]]
        elif len(p.ids) == len(ids) and (p.ids == ids).all():
            continue
        else:   # both ascending and distinct: binary search, no sorting of both together
            at = np.searchsorted(p.ids, ids)
            at[at == len(p.ids)] = 0
            ids = ids[p.ids[at] == ids]
    if not scored:
        return Hits(ids, _EMPTY_SCORES)
    scores = np.zeros(len(ids), dtype=np.float64)
    for p in parts:
        scores = scores + p.scores_at(ids)
    return Hits(ids, scores)


def consecutive(positions: list) -> bool:
    """Whether some position p has word i at p + i for every word i."""
    if any(not p for p in positions):
        return False
    rest = [set(p) for p in positions[1:]]
    return any(all(p + i + 1 in s for i, s in enumerate(rest)) for p in positions[0])
