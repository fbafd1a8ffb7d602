"""One index generation held in memory, with what every query needs precomputed.

`Generation` wraps an on-disk generation (indexer.store): the Whoosh index with a
searcher per thread, the passage records, numpy columns for filtering, the
vectors (rows of passages not yet embedded are all-zero and flagged), the
evidence unit of each passage, near-duplicate groups and a "number table" flag;
the sentence vectors stay on disk (read per query for its nearest passages).
`GenerationHolder` opens the current generation and notices when a reindex
publishes a new one.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from whoosh import scoring

from indexer import fulltext, store

from . import dedupe, fastbm25, spelling
from .params import Filters

log = logging.getLogger(__name__)

# A passage is a "number table" when digits and cell separators make up this
# share of its non-space characters (5か年のまとめ tables of counts). Measured on
# the seed corpus: the seven count tables sit at 0.27–0.79, prose at ≤ 0.06, and
# two tables that are mostly words (a list of information tools) at 0.10–0.13.
TABLE_SHARE = 0.2
_SPACE = re.compile(r"\s+")


def table_share(text: str) -> float:
    compact = _SPACE.sub("", text or "")
    if not compact:
        return 0.0
    cells = sum(1 for c in compact if c.isdigit() or c in "|｜%％,")
    return cells / len(compact)


class LengthTableBM25F(scoring.BM25F):
    """Whoosh's BM25F, reading each document's field length from a list built once
    per index segment and field instead of from the length column file for every
    scored posting (a sixth of a bm25 query's time on a 10k index). Same numbers:
    the list holds what `doc_field_length` returns."""

    def __init__(self):
        super().__init__()
        self._lengths: dict[tuple[str, str], list] = {}
        self._lock = threading.Lock()

    def lengths(self, reader, fieldname: str) -> list:
        """Field length of every document of one segment reader."""
        key = (reader.segment().segment_id(), fieldname)
        found = self._lengths.get(key)
        if found is None:
            found = [reader.doc_field_length(d, fieldname, 1) for d in range(reader.doc_count_all())]
            with self._lock:
                self._lengths[key] = found
        return found

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        reader = searcher.reader()
        if isinstance(scorer, scoring.BM25FScorer) and hasattr(scorer, "dfl") and reader.is_atomic():
            lengths = self.lengths(reader, fieldname)
            scorer.dfl = lengths.__getitem__
            scorer.score = _posting_scorer(scorer.idf, scorer.avgfl, scorer.B, scorer.K1, lengths)
        return scorer


def _posting_scorer(idf: float, avgfl: float, B: float, K1: float, lengths: list):
    """`BM25FScorer.score` for one term in one segment, in one call per posting:
    the same expression as `whoosh.scoring.bm25`, operand for operand."""

    def score(matcher):
        tf = matcher.weight()
        fl = lengths[matcher.id()]
        return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))

    return score


def _share_strings(passages: list[dict]) -> list[dict]:
    """The passage records with equal strings held once (in place).

    A ward, section, year label, document id, source file or goal text repeats in
    every passage of its report or block; JSON decoding makes a new string for each
    (about a third of the records' memory on the synthetic 10k corpus)."""
    pool: dict[str, str] = {}
    shared = pool.setdefault
    for p in passages:
        for key, value in p.items():
            if value.__class__ is str:
                p[key] = shared(value, value)
            elif value.__class__ is dict:
                for k, v in value.items():
                    if v.__class__ is str:
                        value[k] = shared(v, v)
    return passages


class Generation:
    """One generation held in memory with the arrays used for filtering."""

    def __init__(self, gen: store.Generation, warm_up: Callable[["Generation"], None] | None = None):
        self.gen = gen
        self._warm_up = warm_up
        self.name = gen.name
        self.manifest = gen.manifest
        self.ix = fulltext.open_index(gen.fulltext_path, mmap=False)
        self.passages = _share_strings(gen.passages)
        self.by_id = {p["passage_id"]: i for i, p in enumerate(self.passages)}
        self.documents = {d["doc_id"]: d for d in gen.documents}
        n = len(self.passages)
        self.n = n
        self.ward = np.array([p["ward"] or "" for p in self.passages], dtype=object)
        self.year_from = np.array([p["fiscal_year_from"] or 0 for p in self.passages], dtype=np.int32)
        self.year_to = np.array([p["fiscal_year_to"] or 0 for p in self.passages], dtype=np.int32)
        self.section = np.array([p["section"] for p in self.passages], dtype=object)
        self.group = np.array([fulltext.section_group(p["section"]) for p in self.passages], dtype=object)
        self.programme = np.array([p["programme"] or 0 for p in self.passages], dtype=np.int32)
        self.doc_type = np.array([p["doc_type"] for p in self.passages], dtype=object)
        self.vectors = np.asarray(gen.vectors) if gen.vectors is not None else None
        # A passage without a vector has an all-zero row (reindex without the model).
        if self.vectors is not None and len(self.vectors) == n:
            self.embedded = np.any(self.vectors != 0, axis=1)
        else:
            self.embedded = np.zeros(n, dtype=bool)
            if self.vectors is not None:
                log.warning("generation %s: %d vectors for %d passages; semantic search off",
                            gen.name, len(self.vectors), n)
                self.vectors = None
        self.unembedded = int(gen.manifest.get("unembedded", n - int(self.embedded.sum())))
        # the sentences of passages of several sentences (indexer.store.SentenceVectors:
        # read from disk for the passages a query looks at); None without them
        self.sentences = gen.sentences
        if self.sentences is not None and (self.vectors is None or len(self.sentences.offsets) != n + 1
                                           or self.sentences.dim != self.vectors.shape[1]):
            log.warning("generation %s: sentence vectors do not fit its passages; not used", gen.name)
            self.sentences = None
        # evidence units: a passage outside any unit is its own unit
        self.unit = [p.get("unit") or p["passage_id"] for p in self.passages]
        self.unit_members: dict[str, list[int]] = {}
        for i, u in enumerate(self.unit):
            self.unit_members.setdefault(u, []).append(i)
        codes = {u: c for c, u in enumerate(self.unit_members)}
        self.unit_code = np.array([codes[u] for u in self.unit], dtype=np.int64)
        np.unique(self.unit_code[:2])  # numpy's first `unique` in a process costs ~25 ms: not a query's
        self.duplicates = dedupe.DuplicateFinder([p["text"] for p in self.passages])
        self.is_table = np.array([table_share(p["text"]) >= TABLE_SHARE for p in self.passages], dtype=bool)
        # Whoosh document numbers <-> passages
        docnums = np.full(n, -1, dtype=np.int64)
        with self.ix.searcher() as searcher:
            self.doc_count = searcher.doc_count_all()
            self.docnum_passage = np.full(searcher.reader().doc_count_all(), -1, dtype=np.int64)
            for docnum, fields in searcher.iter_docs():
                i = self.by_id.get(fields["passage_id"])
                if i is not None:
                    docnums[i] = docnum
                    self.docnum_passage[docnum] = i
        self.docnums = docnums
        # each passage's row in the token spans stored with the index (snippets
        # look their words up there instead of analysing the text); -1: not held
        self.spans = fulltext.open_spans(gen.fulltext_path)
        self.span_rows: list[int] | None = None
        if self.spans is None:
            log.info("generation %s has no stored token spans (built before they were): "
                     "snippets analyse passages when shown", gen.name)
        else:
            self.span_rows = self.spans.rows([p["text"] for p in self.passages]).tolist()
            missing = self.span_rows.count(-1)
            if missing:
                log.info("generation %s: %d of %d passages without stored token spans", gen.name, missing, n)
        self.weighting = LengthTableBM25F()
        # keyword scoring with numpy over posting arrays (fastbm25), warmed here so
        # the first query after a switch does not load them (deleted documents,
        # every segment's field lengths, which the weighting's table keeps too, and
        # the postings of the commonest terms)
        self.fast = fastbm25.FastScorer(self.ix, self.weighting)
        with self.ix.searcher(weighting=self.weighting) as searcher:
            self.fast.warm(searcher)
            self.fast.learn_scoring(searcher)
        # the commonest terms' postings, read in a background thread (seconds on a
        # large index; a query meanwhile reads what it needs itself), then the
        # warm-up search if any
        self.preloaded = threading.Event()
        self.ward_names = sorted({p["ward"] or "" for p in self.passages})
        # (facet name, each passage's value code (-1: none), the label of each code):
        # what facet_counts and a search's facets (wardscope.Scope.facets) count
        self.facet_columns = [(name, *_codes(self.passages, key)) for name, key in _FACETS]
        self._year_last = np.where(self.year_to > 0, self.year_to, self.year_from)
        self._local = threading.local()
        self._concepts: OrderedDict[str, np.ndarray] = OrderedDict()
        self._units: OrderedDict[str, np.ndarray] = OrderedDict()
        self._concepts_lock = threading.Lock()
        self._all_facets: dict[str, dict] | None = None
        self._all_facets_lock = threading.Lock()
        self._spare_searchers: list = []   # opened ahead, each handed to one thread
        threading.Thread(target=self._preload, name="kyoten-preload", daemon=True).start()

    def _preload(self) -> None:
        started = time.perf_counter()
        try:
            with self.ix.searcher(weighting=self.weighting) as searcher:
                self._derive_word_postings(searcher)
                held = self.fast.preload(searcher)
            spelling.vocabulary(self)   # the words a query's typo is corrected to
            if self.spans is not None:   # the pages every query's snippets read
                self.spans.touch()
            log.info("generation %s: %d postings of the commonest terms read in %.2f s",
                     self.name, held, time.perf_counter() - started)
            if self._warm_up is not None:   # (before the spare searchers: it opens its own)
                try:
                    self._warm_up(self)
                except Exception:  # noqa: BLE001 — a warm-up only
                    log.exception("generation %s: warm-up failed", self.name)
            # searchers for the first threads that query (opening one costs a first
            # query 8-10 ms on a 10k index); the warm-up's is the first of them
            used = getattr(self._local, "searcher", None)   # (this thread's, from the warm-up)
            spares = [used] if used is not None else []
            self._local.searcher = None
            spares += [self._open_searcher() for _ in range(SPARE_SEARCHERS - len(spares))]
            with self._concepts_lock:
                self._spare_searchers.extend(spares)
        except Exception:  # noqa: BLE001 — queries read their postings themselves
            log.exception("generation %s: postings not preloaded", self.name)
        finally:
            self.preloaded.set()

    def _derive_word_postings(self, searcher) -> None:
        """The word field's postings in arrays, from the stored token spans
        (`fastbm25.FastScorer.derive_words`): a query's first run then reads its
        rarer words without Whoosh's term look-ups and posting blocks."""
        if self.span_rows is None:
            return
        started = time.perf_counter()
        rows = np.asarray(self.span_rows, dtype=np.int64)
        passage = self.docnum_passage
        doc_rows = np.where(passage >= 0, rows[np.maximum(passage, 0)], -1) if len(rows) \
            else np.full(len(passage), -1, dtype=np.int64)
        held = self.fast.derive_words(searcher, fulltext.SPANS_FIELD, self.spans, doc_rows)
        log.info("generation %s: %d word postings derived from the stored token spans in %.2f s",
                 self.name, held, time.perf_counter() - started)

    @property
    def has_vectors(self) -> bool:
        return self.vectors is not None and bool(self.embedded.any())

    def searcher(self):
        """This thread's Whoosh searcher for this generation (opening one per query
        costs more than many searches on a large index; searchers are not shared
        between threads)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            with self._concepts_lock:
                searcher = self._spare_searchers.pop() if self._spare_searchers else None
            self._local.searcher = searcher = searcher or self._open_searcher()
        return searcher

    def _open_searcher(self):
        searcher = self.ix.searcher(weighting=self.weighting)
        # the query builder asks for the same words' document frequencies in
        # every search (a term dictionary lookup each, unless the keyword scorer
        # holds the term in arrays); a generation never changes
        searcher.doc_frequency = functools.lru_cache(maxsize=65_536)(
            functools.partial(self.fast.doc_frequency, searcher))
        return searcher

    def matching_passages(self, q) -> np.ndarray:
        """Passage indices matching a Whoosh query, unscored; cached per generation
        because the same words recur across queries."""
        def compute():
            docs = self.fast.matches(self.searcher(), q)
            found = self.docnum_passage[docs] if len(docs) else docs.astype(np.int64)
            return found[found >= 0]
        return self._cached(self._concepts, repr(q), compute)

    def matching_units(self, q) -> np.ndarray:
        """The evidence units (sorted `unit_code`s) holding a passage that matches a
        Whoosh query; cached like `matching_passages`."""
        def compute():
            held = np.zeros(len(self.unit_members), dtype=bool)   # (sorting a common word's
            held[self.unit_code[self.matching_passages(q)]] = True  # passages cost a first query ms)
            return np.flatnonzero(held)
        return self._cached(self._units, repr(q), compute)

    def _cached(self, cache: OrderedDict, key: str, compute) -> np.ndarray:
        """A bounded LRU look-up shared by the threads of a server (computed outside
        the lock: two threads may compute the same entry once each)."""
        with self._concepts_lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        found = compute()
        with self._concepts_lock:
            cache[key] = found
            while len(cache) > MATCH_CACHE_ENTRIES:
                cache.popitem(last=False)
        return found

    def facet_counts(self, indices) -> dict[str, dict]:
        """Passages per ward, fiscal year, section group, programme and document type
        among `indices`, each facet's values in order of first appearance (a passage
        without a ward, year or programme is not counted there; a passage spanning
        years counts in each)."""
        idx = np.asarray(indices, dtype=np.int64)
        counts = {}
        for name, codes, labels in self.facet_columns:
            c = codes[idx]
            counts[name] = {labels[code]: n for code, n in _in_order(c[c >= 0])}
        first = self.year_from[idx]
        spans = np.where(first != 0, np.maximum(self._year_last[idx] - first + 1, 0), 0)
        years = np.repeat(first, spans) + np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans)
        counts["year"] = {str(y): n for y, n in _in_order(years)}
        return {name: counts[name] for name in ("ward", "year", "section", "programme", "doc_type")}

    def all_facet_counts(self) -> dict[str, dict]:
        """`facet_counts` of every passage, counted once per generation: every search
        page and /status show them, and counting 12,000 passages (a 360-report archive)
        took ~50 ms a page. A copy: callers may change theirs."""
        with self._all_facets_lock:
            if self._all_facets is None:
                self._all_facets = self.facet_counts(np.arange(self.n))
        return {name: dict(counts) for name, counts in self._all_facets.items()}

    def words_in(self, i: int, words) -> set[str] | None:
        """Which of `words` (terms of the word field, as analysed) passage i holds,
        from the index's postings; None when the passage is not in the index."""
        docnum = int(self.docnums[i]) if 0 <= i < self.n else -1
        if docnum < 0:
            return None
        searcher = self.searcher()
        found = set()
        for word in words:
            ids = self.fast.term(searcher, "text", word.encode("utf-8")).ids
            k = ids.searchsorted(docnum)
            if k < len(ids) and ids[k] == docnum:
                found.add(word)
        return found

    def token_spans(self, i: int, terms) -> dict[str, tuple[tuple[int, int], ...]] | None:
        """{term: its spans in passage i's text} for those of `terms` (word field
        terms, as analysed) that the passage holds, from the token spans stored
        with the index; None when they do not hold the passage's text."""
        rows = self.span_rows
        row = rows[i] if rows is not None and 0 <= i < self.n else -1
        if row < 0:
            return None
        return self.spans.spans(row, terms)

    def mask(self, f: Filters) -> np.ndarray:
        m = np.ones(self.n, dtype=bool)
        if f.wards:   # (one ward: a comparison, cheaper than isin on an object column)
            m &= (self.ward == f.wards[0]) if len(f.wards) == 1 else np.isin(self.ward, f.wards)
        if f.not_wards:
            m &= ~np.isin(self.ward, f.not_wards)
        if f.year_from is not None:
            m &= (self.year_to >= f.year_from) & (self.year_from <= f.year_to) & (self.year_from > 0)
        if f.section:
            m &= (self.group == f.section) | (self.section == f.section)
        if f.programme:
            m &= self.programme == f.programme
        if f.doc_type:
            m &= self.doc_type == f.doc_type
        return m

    def docnum_filter(self, f: Filters) -> set[int] | None:
        """The Whoosh document numbers passing the filters (None: no filter).

        Computed from the numpy columns: Whoosh's own NumericRange filters
        cost more than the search itself on a large index."""
        if not f.any:
            return None
        chosen = self.docnums[self.mask(f)]
        return set(chosen[chosen >= 0].tolist())

    def docnum_mask(self, allowed: set[int] | None) -> np.ndarray | None:
        """`docnum_filter`'s set as a boolean array over Whoosh document numbers."""
        if allowed is None:
            return None
        m = np.zeros(len(self.docnum_passage), dtype=bool)
        if allowed:
            m[np.fromiter(allowed, dtype=np.int64, count=len(allowed))] = True
        return m


# Entries of each per-generation match cache (query words recur across searches).
MATCH_CACHE_ENTRIES = 4096

# Searchers opened after the preload for the first threads that query.
SPARE_SEARCHERS = 2

# facet name -> what it counts: a passage field, or "group" (the section's group)
_FACETS = (("ward", "ward"), ("section", "group"), ("programme", "programme"), ("doc_type", "doc_type"))


def _codes(passages: list[dict], key: str) -> tuple[np.ndarray, list]:
    """(code of each passage's value, the facet label of each code); -1 for a ward or
    programme the passage does not have (every passage has a section and a type)."""
    codes = np.empty(len(passages), dtype=np.int64)
    seen: dict = {}
    labels: list = []
    for i, p in enumerate(passages):
        value = fulltext.section_group(p["section"]) if key == "group" else p[key]
        if key in ("ward", "programme") and not value:
            codes[i] = -1
            continue
        code = seen.get(value)
        if code is None:
            code = seen[value] = len(labels)
            labels.append(str(value) if key == "programme" else value)
        codes[i] = code
    return codes, labels


def _in_order(values: np.ndarray) -> list[tuple]:
    """(value, count) of each distinct value, in order of first appearance."""
    return list(Counter(values.tolist()).items())   # a Counter keeps first-insertion order


# A generation opened in the background is switched to once its common postings
# are read, or after this long.
PRELOAD_WAIT_SECONDS = 60.0


class GenerationHolder:
    """The current generation of an index folder, reopened when a reindex publishes.

    Opening a generation takes a while on a large index (records, vectors, the
    Whoosh reader); `warm_up(generation)`, if given, runs in its background
    preload (a search, as Solr's warming queries). Requests never wait for it: the request that notices a new
    CURRENT starts loading it in a background thread and keeps answering from
    the generation it has; the switch happens when the new one is ready. Only
    the first load, and an explicit `current(force=True)` (the upload job calls
    it before it reports "done"), load in the caller's thread.
    """

    def __init__(self, index_dir: Path, warm_up: Callable[[Generation], None] | None = None):
        self.index_dir = Path(index_dir)
        self._warm_up = warm_up   # run on each generation opened, before it serves
        self._lock = threading.Lock()
        self._loaded: Generation | None = None
        self._checked = 0.0
        self._loading: str | None = None

    def current(self, force: bool = False) -> Generation:
        now = time.monotonic()
        loaded = self._loaded
        if not force and loaded is not None and now - self._checked < 1.0:
            return loaded
        name = store.current_name(self.index_dir)
        self._checked = now
        if name and loaded is not None and name == loaded.name:
            return loaded
        if loaded is not None and not force:
            self._load_in_background(name)
            return loaded
        return self._load(name)

    def _load(self, name: str | None, wait_preload: bool = False) -> Generation:
        with self._lock:
            if self._loaded is None or name != self._loaded.name:
                opened = Generation(store.open_generation(self.index_dir, name), self._warm_up)
                if wait_preload:
                    opened.preloaded.wait(PRELOAD_WAIT_SECONDS)
                self._loaded = opened
                log.info("opened index generation %s", self._loaded.name)
            return self._loaded

    def _load_in_background(self, name: str | None) -> None:
        with self._lock:
            if self._loading == name:
                return
            self._loading = name

        def work():
            try:
                # switch to the new generation once its common postings are read
                self._load(name, wait_preload=True)
            except Exception:  # noqa: BLE001 — the next look at CURRENT tries again
                log.exception("could not open index generation %s", name)
            finally:
                with self._lock:
                    if self._loading == name:
                        self._loading = None

        threading.Thread(target=work, name="kyoten-open-generation", daemon=True).start()
