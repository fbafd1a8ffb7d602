"""The search function behind the CLI, the JSON API and the pages.

One `SearchService` serves a whole process: it holds the current index
generation (generation.py; a reindex publishing a new one is picked up without
restart) and answers searches in three modes — bm25, semantic and hybrid —
by composing the parts, one idea per module:

    query.py              text -> terms, phrases, years, wards, section intents
    grounding.py          the floor: a query none of whose words is real finds nothing
    querybuild.py         terms -> Whoosh queries and concepts (glossary synonyms)
    retrieval_bm25.py     the keyword half
    retrieval_semantic.py the semantic half (floor, unembedded passages skipped)
    expansion.py          pseudo-relevance feedback for rare/unknown query words
    fusion.py             both halves -> one ranking with priors
    yearintent.py         which passages speak of the fiscal year a query asks for
    dedupe.py             near-duplicate passages collapse into one result
    wardanswer.py         which wards answer, from evidence units, and their cards
"""

from __future__ import annotations

import collections
import contextlib
import functools
import logging
import threading
import time
import unicodedata
from pathlib import Path

import numpy as np

from indexer import store, wareki
from indexer.general_synonyms import general_synonyms
from indexer.metadata import YOKOHAMA_WARDS
from indexer.synonyms import LiveGlossary

from . import (
    config, dedupe, expansion, fusion, grounding, retrieval_bm25, retrieval_semantic, spelling, wardanswer,
    wardscope, yearintent,
)
from .generation import Generation, GenerationHolder
from .params import (  # noqa: F401  (QueryError, Filters, parse_year_range: public names of this module)
    Filters, QueryError, bounded_int, parse_doc_type, parse_programme, parse_result_year, parse_section,
    parse_ward, parse_year_range,
)
from .passages import copy_dict, passage_dict
from .query import (MAX_QUERY_CHARS, ParsedQuery, has_words, normalize_query, parse_query,
                    search_beyond_unheld_wards)
from .querybuild import QueryBuilder

log = logging.getLogger(__name__)

MODES = ("hybrid", "bm25", "semantic")
WARM_UP_QUERY = "支援"   # SearchService.warm_up
# What the results are, after the notice naming query words no report uses
_UNMATCHED_SHOWN = {"semantic": "意味の近い記載を表示しています",
                    "hybrid": "意味の近い記載も表示しています",
                    "bm25": "ほかの言葉で一致した記載だけを表示しています"}
MAX_K = 100
# A query this long (in characters of its text and phrases) is a pasted paragraph, not a
# few words: the semantic half encodes it as typed, without the glossary's synonyms after
# it (`_semantic_text`), so one encoder run serves both the ranking and the ward answer's
# cosines (`_claim_cosines`). The encoder's cost grows with the text's tokens (~0.8 ms a
# token on this machine, a 300-character paste ~180 tokens), and a paragraph already
# speaks the reports' words that the synonyms bring a short query to. The judged queries
# are at most 31 characters; benchmarks/long_queries.py measures pastes.
LONG_QUERY_CHARS = 100
# Query vectors kept (the least recently used dropped first): the next page of a search,
# its CSV export, a reload or the back button ask the same text again, and a pasted
# paragraph's vector costs a few hundred milliseconds of encoder time. A vector depends
# only on the text and the embedder, so a kept one is the vector the encoder would give.
QUERY_VECTORS_KEPT = 64
CANDIDATES = retrieval_bm25.CANDIDATES


class SemanticUnavailable(QueryError):
    """Semantic search was asked for but is off or has no vectors (a 4xx, not an empty answer)."""


def _one_generation(method):
    """Run a public method against one index generation from start to end."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if getattr(self._request, "data", None) is not None:  # nested call
            return method(self, *args, **kwargs)
        with contextlib.ExitStack() as held:
            data = self._holder.current()
            try:
                held.enter_context(store.pin(self.index_dir, data.name))
            except store.GenerationGoneError:  # cleaned up since it was opened
                data = self._holder.current(force=True)
                held.enter_context(store.pin(self.index_dir, data.name))
            self._request.data = data
            self._request.glossary = self._live_glossary.get()
            try:
                return method(self, *args, **kwargs)
            finally:
                self._request.data = None
                self._request.glossary = None
    return wrapper


class SearchService:
    def __init__(self, index_dir: Path, semantic: bool = True, model_path: Path | None = None):
        self.index_dir = Path(index_dir)
        self.semantic_enabled = semantic
        self.model_path = model_path
        self._lock = threading.Lock()
        self._request = threading.local()
        self._embedder = None
        self._embedder_for: str | None = None  # the encoder asked for when it was loaded
        self._query_vectors: collections.OrderedDict = collections.OrderedDict()  # (embedder id, text) -> (embedder, vector)
        self._vectors_lock = threading.Lock()
        self._holder = GenerationHolder(self.index_dir, warm_up=self.warm_up)
        # read per search: a glossary edit on the admin page applies to the next search
        self._live_glossary = LiveGlossary()  # $KYOTEN_GLOSSARY, else the edited copy, else the default
        self._holder.current(force=True)
        # parsed now rather than by the first search (it analyses every entry, and
        # loads the Sudachi dictionary in this thread)
        self._live_glossary.get()
        general_synonyms()  # Sudachi's synonym dictionary, read once per process (~0.3 s)

    def warm_up(self, data: Generation) -> None:
        """One keyword search on a generation being opened, before it serves (run
        by its background preload, as Solr's warming queries): what a process or a
        generation does once — compiling the query parser's regular expressions,
        first calls into numpy, Whoosh and the result builder — is then not the
        first user's wait (docs/benchmarks.md, "coldquery2"). Its word is one the
        reports of the domain all use (its postings are preloaded anyway)."""
        self._request.data, self._request.glossary = data, self._live_glossary.get()
        try:
            self.search(WARM_UP_QUERY, mode="bm25", k=10)
        finally:
            self._request.data = self._request.glossary = None

    @classmethod
    def open(cls, index_dir: Path | None = None, *, semantic: bool = True,
             model_path: Path | None = None) -> "SearchService":
        return cls(Path(index_dir or config.index_dir()), semantic=semantic, model_path=model_path)

    # -- generations -------------------------------------------------------------

    def refresh(self) -> None:
        """Switch to the newest published generation now (a reindex in this
        process, or an upload job that finished, calls it before saying so)."""
        self._holder.current(force=True)

    def glossary_status(self) -> dict:
        """What the admin pages say about the glossary searches read: its file, why it is
        not read as it is (`problem`, Japanese: unreadable at start, so the packaged one
        is read; None when it is) and its lines `validate` rejects (`bad_lines`)."""
        live = self._live_glossary
        live.get()
        return {"path": str(live.path), "problem": live.problem, "bad_lines": list(live.bad_lines)}

    @property
    def glossary(self):
        """The synonym glossary this request reads (the file's current version,
        pinned for the whole of a public call like the generation)."""
        pinned = getattr(self._request, "glossary", None)
        return pinned if pinned is not None else self._live_glossary.get()

    @property
    def data(self) -> Generation:
        """The generation this request reads: pinned for the whole of a public
        call (see `_one_generation`), so a reindex publishing a new generation
        mid-request never mixes passage numbers of two generations."""
        pinned = getattr(self._request, "data", None)
        return pinned if pinned is not None else self._holder.current()

    def embedder(self):
        """The query embedder, loaded on first semantic query (several seconds).

        Query vectors come from the encoder (fp32 or int8) that made the current
        generation's passage vectors, whatever `KYOTEN_ENCODER` says: a server
        set to int8 on a generation embedded in fp32 (or the reverse) would
        otherwise compare vectors of two models. A generation switch that
        changes the encoder loads the other one."""
        if not self.semantic_enabled or not self.data.has_vectors:
            return None
        from indexer.embeddings import encoder_for_key
        wanted = encoder_for_key(self.data.manifest.get("model_key"))
        if self._embedder is None or (wanted and self._embedder_serves() != wanted):
            with self._lock:
                loaded = self._embedder
                if loaded is None or (wanted and self._embedder_serves() != wanted):
                    from indexer.embeddings import Embedder, resolve_model_path
                    path = self.model_path or resolve_model_path(config.models_dir(), config.model_name())
                    # (an int8 export that is missing falls back to fp32, with a warning)
                    loaded = Embedder.load(path, encoder=wanted)
                    # One query encoded at load: the runtime's first run maps the
                    # weights and sizes its buffers (100–250 ms), which the first
                    # user's query would otherwise pay.
                    loaded.encode_query("地域子育て支援拠点")
                    self._embedder, self._embedder_for = loaded, wanted
        return self._embedder

    def use_embedder(self, embedder) -> None:
        """Encode queries with `embedder`, one already loaded (a process that holds
        the model shares it rather than loading it again)."""
        with self._lock:
            self._embedder, self._embedder_for = embedder, None

    def _embedder_serves(self) -> str | None:
        """The encoder the loaded embedder stands for: the one asked for (an int8
        request served by the fp32 fallback must not reload on every query), else
        the one it is."""
        if self._embedder_for is not None:
            return self._embedder_for
        return getattr(self._embedder, "encoder", None)

    # -- parameters ----------------------------------------------------------------

    def _filters(self, parsed: ParsedQuery, ward, year, section, programme, doc_type) -> Filters:
        f = Filters()
        if ward:
            f.ward = parse_ward(ward, self.data.ward_names)
        elif parsed.wards:
            f.wards = tuple(parsed.wards)
        if parsed.excluded_wards:
            f.not_wards = tuple(parsed.excluded_wards)
        years = parse_year_range(year) if year else parsed.years
        if years:
            f.year_from, f.year_to = years
        if section:
            f.section = parse_section(section)
        if programme not in (None, ""):
            f.programme = parse_programme(programme)
        if doc_type:
            f.doc_type = parse_doc_type(doc_type)
        return f

    # -- the two halves -----------------------------------------------------------

    def builder(self) -> QueryBuilder:
        return QueryBuilder(self.data, self.glossary)

    def build_query(self, parsed: ParsedQuery, extra=(), alone: bool = False, builder: QueryBuilder | None = None):
        return (builder or self.builder()).build(parsed, extra, alone)

    def _bm25(self, parsed: ParsedQuery, f: Filters, extra=(), alone: bool = False,
              builder: QueryBuilder | None = None) -> list[tuple[int, float]]:
        data = self.data
        return retrieval_bm25.search(data, self.build_query(parsed, extra, alone, builder), data.docnum_filter(f))

    def _semantic_pool(self, text: str, f: Filters, pool: bool = True,
                       left_out: np.ndarray | None = None,
                       claim_text: str = "", alone: bool = False) -> tuple[list[tuple[int, float]], np.ndarray]:
        """(the semantic half's hits, the query's cosine to every distinct embedded text
        the filters allow — when `pool`: what fusion.unremarkable reads). One cosine per
        text, as the semantic half's candidates are texts: an archive's copies of one
        report (3,492 passages, 183 texts) would count as that many unrelated draws.
        `claim_text`: the text `_claim_cosines` will encode (the query as typed), encoded
        with `text` in one call. `alone`: semantic mode (`retrieval_semantic.search`)."""
        embedder = self.embedder()
        if embedder is None or not text.strip():
            return [], np.zeros(0)
        typed = claim_text.strip()
        if typed and typed != text:   # the ward answer's text too, in the same encoder call
            qvec = self._query_vectors_of(embedder, [text, typed])[0]
        else:
            qvec = self._query_vector(embedder, text)
        data, mask = self.data, self.data.mask(f)
        if left_out is not None:
            mask = mask & ~left_out   # what the query leaves out (-word) is out of this half too
        sims = retrieval_semantic.cosines(data, qvec)   # one product over the corpus for both
        pooled = np.zeros(0)
        if pool and sims is not None:
            allowed = np.flatnonzero(mask & data.embedded)
            _texts, first = np.unique(data.duplicates.exact[allowed], return_index=True)
            pooled = sims[allowed[first]]
        return retrieval_semantic.search(data, qvec, mask, sims=sims, alone=alone), pooled

    def _query_vector(self, embedder, text: str) -> np.ndarray:
        """`embedder.encode_query(text)`, kept for the QUERY_VECTORS_KEPT texts asked last."""
        return self._query_vectors_of(embedder, [text])[0]

    def _query_vectors_of(self, embedder, texts: list[str]) -> list[np.ndarray]:
        """The vectors of `texts`, the kept ones from the cache and the others from ONE
        encoder call (`Embedder.encode_queries`): a short query's two texts — widened by
        the glossary's synonyms for the ranking, as typed for the ward answer
        (`_claim_cosines`) — used to be two encoder runs, one after the other."""
        found: dict[str, np.ndarray] = {}
        with self._vectors_lock:
            for text in texts:
                kept = self._query_vectors.get((id(embedder), text))
                if kept is not None and kept[0] is embedder:
                    self._query_vectors.move_to_end((id(embedder), text))
                    found[text] = kept[1]
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            together = getattr(embedder, "encode_queries", None)
            if len(missing) > 1 and callable(together):
                vectors = list(together(missing))
            else:
                vectors = [embedder.encode_query(t) for t in missing]
            with self._vectors_lock:
                for text, vector in zip(missing, vectors):
                    vector = np.array(vector, dtype=np.float32)
                    vector.setflags(write=False)   # shared by the searches that ask the same text
                    found[text] = vector
                    self._query_vectors[(id(embedder), text)] = (embedder, vector)
                    self._query_vectors.move_to_end((id(embedder), text))
                while len(self._query_vectors) > QUERY_VECTORS_KEPT:
                    self._query_vectors.popitem(last=False)
        return [found[t] for t in texts]

    def _left_out(self, parsed: ParsedQuery, builder: QueryBuilder) -> np.ndarray | None:
        """The passages the query leaves out (-word, NOT word, -"…"), for the semantic half
        (the keyword half subtracts the same query in `build_query`); None when none."""
        left_out = builder.excluded_query(parsed)
        return None if left_out is None else retrieval_bm25.matching(self.data, left_out)

    def _claim_cosines(self, parsed: ParsedQuery, semantic_text: str, sem,
                       alone: bool = False) -> dict[int, float]:
        """The cosines the ward answer reads, keyed by the semantic half's candidates
        read from the query as typed (text + phrases), not the semantic half's widened
        text: the glossary synonyms move the ranking towards the reports' words, but
        which wards the query names is the user's text's question. With synonyms in the
        semantic text, one more query encoding (the same text is the same vector)."""
        typed = _typed_text(parsed)
        if not sem or not typed or typed == semantic_text:
            return dict(sem)
        data = self.data
        keys = np.zeros_like(data.embedded, dtype=bool)
        keys[[i for i, _s in sem]] = True
        # (no floor: each candidate keeps its place, re-scored by the typed text's vector)
        again = retrieval_semantic.search(data, self._query_vector(self.embedder(), typed), keys,
                                          limit=len(sem), floor=-2.0, alone=alone)
        return dict(again)

    def _literal(self, coverage: np.ndarray, bm25_hits) -> np.ndarray:
        """Mask of the passages some query word (or its synonym) matches, scored or
        not, and of the keyword half's hits."""
        out = coverage > 0
        out[[i for i, _s in bm25_hits]] = True
        return out

    def _semantic_text(self, parsed: ParsedQuery, builder: QueryBuilder) -> str:
        # Dense retrieval sees the glossary's synonyms too (双子 -> 多胎児), since the
        # reports' own vocabulary is what their passages were embedded with (only those
        # the reports use: QueryBuilder.semantic_synonyms).
        typed = _typed_text(parsed)
        if len(typed) >= LONG_QUERY_CHARS:
            return typed
        synonyms = builder.semantic_synonyms(parsed)
        return " ".join([typed, *synonyms[:6]]).strip()

    # -- public API ------------------------------------------------------------------

    @_one_generation
    def search(self, query: str, *, mode: str = "hybrid", k: int = 10, offset: int = 0,
               ward=None, year=None, section=None, programme=None, doc_type=None,
               result_ward=None, result_year=None, result_section=None, result_programme=None,
               result_doc_type=None, spell: bool = True) -> dict:
        """`ward` … `doc_type`: what to search (a new search within them). `result_ward` …
        `result_doc_type`: which of this search's results to list — a ward card's, a grid
        cell's or a facet value's share of them (wardscope), the set its count counts.
        `spell`: correct a word that matches nothing (search_app.spelling: with no
        results, the corrected words are searched and the answer says so; with results,
        the correction is suggested); False searches the words exactly as typed."""
        started = time.perf_counter()
        if query and any("\ud800" <= c <= "\udfff" for c in query):
            # bytes that are not UTF-8, as Python hands them on (a Shift_JIS terminal's
            # argument to kyoten search): never searched, never a traceback from the analyser
            raise QueryError("検索語に文字として読み取れないバイト列が含まれています（UTF-8 ではない文字コードで"
                             "入力された可能性があります）。何も検索していません。UTF-8 で入力し直してください")
        if mode not in MODES:
            raise QueryError(f"検索方法（mode）は {' / '.join(MODES)} のいずれかです")
        k, offset = bounded_int(k, "件数（k）", 1, MAX_K), bounded_int(offset, "開始位置（offset）", 0, 10_000)
        data = self.data
        if mode == "semantic" and not self.semantic_enabled:
            raise SemanticUnavailable("このサーバーでは意味検索が無効です（KYOTEN_SEMANTIC=0）。"
                                      "キーワード検索かハイブリッドを使ってください")
        if mode == "semantic" and not data.has_vectors:
            raise SemanticUnavailable("意味検索は利用できません（埋め込みモデルの索引がありません）")
        builder = self.builder()
        parsed = parse_query(query or "", known=builder.knows)
        if not ward:   # only wards with no report here named, and a topic: search the wards held (query.py)
            search_beyond_unheld_wards(parsed, data.ward_names)
        f = self._filters(parsed, ward, year, section, programme, doc_type)
        listed_scope = self._result_scope(result_ward, result_year, result_section, result_programme,
                                          result_doc_type)
        terms, surfaces = builder.highlight_terms(parsed)
        terms, surfaces = frozenset(terms), frozenset(surfaces)  # hashed once for every snippet
        semantic_text = self._semantic_text(parsed, builder)   # (one builder per search: its caches)
        cosines: dict[int, float] = {}
        expanded: list[tuple[str, float]] = []
        learned_from: list[int] = []   # the passages feedback learned `expanded` from
        listing = parsed.is_listing or (parsed.is_empty and not semantic_text)
        ungrounded = not listing and not parsed.is_empty and not grounding.grounded(parsed, builder)
        # a pasted text too few of whose words mean anything (hiragana gibberish of 300
        # characters holds a few dictionary words by chance): nothing, and say why
        word_share = None if (listing or ungrounded) else pasted_word_share(parsed, builder)
        nonsense = word_share is not None and word_share < grounding.PASTE_WORD_FLOOR
        ungrounded = ungrounded or nonsense
        # words that mean nothing beside a year, ward or section that does (令和6年度にやめたこと:
        # やめる is in no report and not a dictionary word the floor accepts): list what the
        # year, ward or section holds, and say why, rather than nothing
        # (a slip the index's words correct is searched corrected instead: 令和5年度 ボランテイア)
        intent_only = ungrounded and not nonsense and bool(f.any or parsed.sections) and not (
            spell and self._spelling(parsed, builder, True, []))
        listing = listing or intent_only
        concepts: list = []
        claim_ranking = None
        section_fallback = None
        if ungrounded and not intent_only:
            mode_used, ranked = mode, []
        elif listing:
            mode_used = mode
            years = (f.year_from, f.year_to) if f.year_from else None
            # what the query leaves out (令和5年度 -父親) is left out of the listing too
            left_out = self._left_out(parsed, builder)
            kept = data.mask(f) if left_out is None else data.mask(f) & ~left_out
            mask = kept & _section_mask(data, parsed.sections)
            ranked = fusion.listing(data, mask, years) if (f.any or parsed.sections) else []
            if not ranked and parsed.sections and f.any:
                # the year's or ward's reports have no such section (a five-year summary has
                # no 取組内容): list what they do have rather than nothing, and say so
                ranked = fusion.listing(data, kept, years)
                if ranked:
                    asked = "・".join(f"「{s}」" for s in parsed.sections)
                    given = "・".join(n for n, on in (("年度", f.year_from), ("区", f.wards)) if on) \
                        or "条件"
                    section_fallback = f"{asked}の区分の記載はないため、指定された{given}の記載をすべて表示しています"
        else:
            bm25 = self._bm25(parsed, f, alone=mode == "bm25", builder=builder) if mode in ("bm25", "hybrid") else []
            # a query with no content word ("あああ", "「」") has nothing to mean
            sem, pool = self._semantic_pool(semantic_text, f, pool=mode == "semantic",
                                            left_out=self._left_out(parsed, builder),
                                            claim_text=_typed_text(parsed), alone=mode == "semantic") \
                if mode in ("semantic", "hybrid") and not parsed.is_empty else ([], np.zeros(0))
            # (a keyword query never loads the query encoder)
            no_vectors = mode == "hybrid" and (not data.has_vectors or self.embedder() is None)
            mode_used = "bm25" if no_vectors else mode
            cosines = self._claim_cosines(parsed, semantic_text, sem, alone=mode_used == "semantic")
            sem_scores = fusion.normalise_semantic(sem, data)
            if mode_used == "hybrid" and expansion.wanted(parsed, builder, bm25):
                fused = fusion.fuse(fusion.normalise_bm25(bm25), sem_scores, data)
                expanded = expansion.terms(data, builder, parsed, fused)
                learned_from = [i for i, _s in expansion.feedback_passages(fused, data.duplicates.exact)]
                if expanded:
                    bm25 = self._bm25(parsed, f, expanded, builder=builder)
            concepts = builder.concepts(parsed)
            share = fusion.named_share(data, concepts) if mode_used == "hybrid" else None
            covered = fusion.coverage(data, concepts, share) if mode_used == "hybrid" else None
            literal = self._literal(covered, bm25) if sem_scores and mode_used == "hybrid" else None
            # semantic neighbours that name too little of the query (fusion.look_alikes);
            # semantic mode has no keyword half: there a neighbour must stand out from the
            # query's cosines over the corpus (fusion.unremarkable)
            exclude = fusion.look_alikes(sem_scores, literal, share, {i for i, _ in bm25}, data.unit_code) \
                if literal is not None else set()
            if exclude and f.year_from:
                # a line of a multi-year report naming the year asked for is about the
                # query's year, whatever words it uses for the rest (yearintent.naming)
                exclude -= yearintent.naming(data, f.year_from, f.year_to, exclude)
            if mode_used == "semantic":
                exclude = fusion.unremarkable(sem, pool)
            if mode_used == "bm25":
                scores = fusion.normalise_bm25(bm25)
            elif mode_used == "semantic":
                scores = fusion.fuse({}, sem_scores, data, weight=0.0, tables=parsed.wants_numbers)
            else:
                scores = fusion.fuse(fusion.normalise_bm25(bm25), sem_scores, data, literal=literal,
                                     coverage=fusion.proximity(data, concepts, covered, share,
                                                               [i for i, _s in bm25]))
                scores = fusion.unit_context(scores, data)
            section_intent = parsed.sections[0] if len(parsed.sections) == 1 else None
            intent = mode_used != "semantic"   # (fusion.rank: the intent prior)
            if mode_used == "semantic" and exclude:
                # the cut never reaches the first page (fusion.FIRST_PAGE). Leaving the
                # rest out after ranking gives rank(exclude=...)'s list: the best passage,
                # which sets rank's relevance cut, is on the first page
                nearest = fusion.rank(scores, data, section_intent, intent=intent,
                                      years=(f.year_from, f.year_to) if f.year_from else None,
                                      programmes=parsed.programmes)
                exclude = exclude - {i for i, _s in nearest[:fusion.FIRST_PAGE]}
                ranked = [hit for hit in nearest if hit[0] not in exclude]
            else:
                ranked = fusion.rank(scores, data, section_intent, coverage=covered,
                                     years=(f.year_from, f.year_to) if f.year_from else None,
                                     exclude=exclude, intent=intent, programmes=parsed.programmes)
            if f.year_from:
                # which wards answer is decided without the year's order (fusion.rank): a
                # five-year summary covering the year answers for its ward
                claim_ranking = fusion.rank(scores, data, section_intent, coverage=covered, exclude=exclude,
                                            intent=intent, programmes=parsed.programmes)
        substitute = expansion.stand_in(parsed, builder, expanded)
        coverage = None if listing else wardanswer.UnitCoverage(
            data, builder, concepts, substitute, learned_from, parsed, cosines)
        ranked_ids = np.fromiter((i for i, _ in ranked), dtype=np.int64, count=len(ranked))
        group = data.duplicates.group_ids(ranked_ids)  # aligned with `ranked`
        allowed = data.mask(f) if f.any else None  # copies outside the ranking count within the filters
        claimed = wardanswer.claims(data, claim_ranking or ranked, coverage, cosines, listing=listing,
                                    group=None if claim_ranking else group, allowed=allowed,
                                    within_wards=bool(f.ward or f.wards))
        scope = wardscope.Scope(data, ranked, group, claimed)
        wards = wardanswer.cards(data, ranked, claimed, terms, surfaces, scope, listing=listing,
                                 basis=wardanswer.bases(coverage, claimed))
        # the results the cards, the grid and the facets count (wardscope: the ranking and
        # the evidence the ward answer claimed outside it), or one share of them: the
        # headline total, the list and the CSV count and list the same set
        listed, listed_group = scope.select(**(listed_scope or {}))
        # the copies of the page's results only: the others are counted, not listed
        distinct, copies = dedupe.collapse(listed, listed_group, data.duplicates, allowed,
                                           page=slice(offset, offset + k))
        page = distinct[offset:offset + k]
        results = []
        for i, score in page:
            d = passage_dict(data, i, score, terms, surfaces)
            d["duplicates"] = [copy_dict(data, j) for j in copies.get(i, [])]
            results.append(d)
        notices = list(parsed.notices)
        typed_chars = len(unicodedata.normalize("NFKC", query or "").strip())
        if typed_chars > MAX_QUERY_CHARS:   # (normalize_query keeps the first MAX_QUERY_CHARS)
            notices.append(f"検索語が長いため（{typed_chars} 文字）、先頭の {MAX_QUERY_CHARS} 文字で検索しました")
        if (query or "").strip() and not has_words(query):
            notices.append("検索語が記号だけで、検索できる言葉がありません。調べたい言葉を入力してください")
        elif parsed.is_empty and (parsed.excluded or parsed.excluded_phrases) and not (
                f.any or parsed.sections):
            # -多胎児 / NOT 多胎児 alone: nothing to search, only something to leave out
            left = [*parsed.excluded, *parsed.excluded_phrases]
            said = "・".join(f"「{w}」" for w in left)
            notices.append(f"除く言葉（{said}）だけでは検索できません。探したい言葉や年度・区と一緒に入力してください"
                           f"（例：子育て支援 -{left[0]}）")
        elif parsed.only_function_words:
            notices.append("検索語が助詞（の・は など）・演算子（AND・OR・NOT）・問いかけの言葉（どのように など）だけで、"
                           "検索できる言葉がありません。調べたい言葉を入力してください")
        if intent_only and ranked:
            said = "・".join(f"「{t.surface}」" for t in parsed.terms)
            given = "・".join(n for n, on in (("年度", f.year_from), ("区", f.wards), ("区分", parsed.sections)) if on)
            notices.append(f"{said}は文書にも辞書にも見つからないため、指定された{given}の記載をすべて表示しています")
        elif nonsense:
            notices.append(f"貼り付けた文章（{len(_typed_text(parsed))} 文字）は、報告書・用語集・辞書にある言葉が"
                           f"{round(word_share * 100)}% だけで、意味のある文章として読み取れないため、検索していません。"
                           "文章を確かめるか、調べたい言葉を入力してください")
        elif ungrounded:
            notices.append("検索語が文書にも辞書にも見つかりません。言葉を変えて検索してください")
        unmatched = [] if (listing or ungrounded) else builder.unmatched_words(parsed)
        if unmatched:
            said = "・".join(f"「{w}」" for w in unmatched)
            shown = _UNMATCHED_SHOWN[mode_used] if ranked else ""
            notices.append(f"{said}は報告書に出てきません（用語集・辞書の言い換えもありません）。{shown}")
        missing_phrases = [] if (listing or ungrounded) else builder.unmatched_phrases(parsed)
        if missing_phrases:
            # a quoted phrase no report writes: the keyword half requires it and finds nothing,
            # so whatever is shown was found by meaning; say so rather than let it pass for a match
            said = "・".join(f"「{p}」" for p in missing_phrases)
            shown = _UNMATCHED_SHOWN["semantic"] if ranked and mode_used != "bm25" else ""
            notices.append(f"{said}と書かれた記載は報告書にありません（\" \" で囲んだ言葉は、その並びのまま探します）。{shown}")
        if section_fallback:
            notices.append(section_fallback)
        if parsed.is_listing and not ranked:
            notices.append("指定された年度・区・区分に当てはまる記載はありません")
        notices.extend(self._ward_notices(f, wards))
        fixes = self._spelling(parsed, builder, ungrounded, unmatched) \
            if spell and not listing and not parsed.is_empty and not nonsense else []
        spelled = None
        if fixes:
            typed = normalize_query(query)
            corrected = spelling.corrected_query(typed, fixes)
            words = [{"typed": c.typed, "corrected": c.corrected} for c in fixes]
            # none of the words as typed matches (what is found, if anything, is found by
            # meaning alone): search the corrected words and say so
            none_matched = not ranked or (not parsed.phrases and bool(unmatched)
                                          and len(builder.unmatched_terms(parsed)) == len(parsed.terms))
            if corrected != typed and none_matched:
                again = self.search(corrected, mode=mode, k=k, offset=offset, ward=ward, year=year,
                                    section=section, programme=programme, doc_type=doc_type,
                                    result_ward=result_ward, result_year=result_year,
                                    result_section=result_section, result_programme=result_programme,
                                    result_doc_type=result_doc_type, spell=False)
                if again["total"]:
                    said = "・".join(f"「{c.typed}」" for c in fixes)
                    fixed = "・".join(f"「{c.corrected}」" for c in fixes)
                    again["notices"] = [f"{said}に一致する記載がないため、{fixed}で検索しました"] + [
                        n for n in again["notices"]]
                    again["spelling"] = {"original": query or "", "corrected": corrected, "searched": True,
                                         "words": words}
                    again["query"] = query or ""
                    again["took_ms"] = round((time.perf_counter() - started) * 1000, 1)
                    return again
            elif corrected != typed:
                spelled = {"original": query or "", "corrected": corrected, "searched": False, "words": words}
        return {
            "query": query or "",
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
            "total": len(distinct),
            "total_passages": len(listed),
            "mode": mode_used,
            "offset": offset,
            "k": k,
            "filters": f.to_dict(),
            "result_scope": listed_scope,
            "intent": {"years": list(parsed.years) if parsed.years else None, "wards": parsed.wards,
                       "sections": parsed.sections, "programmes": parsed.programmes, "listing": listing},
            "expansion": [w for w, _ in expanded],
            "alternatives": builder.searched_alternatives(parsed)
            if mode_used in ("bm25", "hybrid") and not (listing or ungrounded) else [],
            "notices": notices,
            "unembedded": data.unembedded if data.vectors is not None else 0,
            "results": results,
            "wards": wards,
            "facets": self._facets(ranked_ids, scope),   # the whole search's, whatever share is listed
            "suggestions": [] if ranked else self._suggestions(parsed),
            # a correction of a word that matches nothing (search_app.spelling): searched
            # (true: these results are the corrected query's) or suggested; None: none
            "spelling": spelled,
        }

    def _ward_notices(self, f: Filters, cards: list[dict]) -> list[str]:
        """What the answer says about the wards the query (or the form) names and it does not
        show: a ward whose reports the index does not hold, and — when several wards are
        asked about and some answer — a ward whose reports answer nothing (中区と西区の父親支援)."""
        named = list(dict.fromkeys([*(f.wards or ()), *([f.ward] if f.ward else [])]))
        named = [w for w in named if w and w != wardscope.NO_WARD]
        if not named:
            return []
        held = {w for w in self.data.ward_names if w}
        out = []
        absent = [w for w in named if w not in held]
        if absent:
            order = {w: n for n, w in enumerate(YOKOHAMA_WARDS)}
            kept = sorted(held, key=lambda w: (order.get(w, len(order)), w))
            out.append(f"{'・'.join(absent)}の報告書は収録されていません（収録している区：{'、'.join(kept)}）")
        answered = {c.get("ward") for c in cards}
        silent = [w for w in named if w in held and w not in answered]
        if silent and answered and len(named) > 1:
            out.append(f"{'・'.join(silent)}の報告書には、この検索に答える取組が見つかりませんでした")
        return out

    def _spelling(self, parsed: ParsedQuery, builder: QueryBuilder, ungrounded: bool,
                  unmatched: list[str]) -> list[spelling.Correction]:
        """Corrections of the query's words that match nothing (search_app.spelling)."""
        if ungrounded:
            # nothing grounds the query: its words that match nothing, and the kana fragments
            # Sudachi cut a kana word into (しえんしている: し + え + んし; え matches 得る)
            missing = [t for t in parsed.terms if builder.doc_frequency(t.term) == 0
                       or spelling.is_kana_fragment(t.surface)]
        else:
            missing = builder.unmatched_terms(parsed) if unmatched else []
        return spelling.corrections(parsed, builder, missing)

    def _result_scope(self, result_ward, result_year, result_section=None, result_programme=None,
                      result_doc_type=None) -> dict | None:
        """{"ward": label, "year": fiscal year, "section", "programme", "doc_type"} of the
        results to list, None where not given (None: all of them)."""
        given = (result_ward, result_year, result_section, result_programme, result_doc_type)
        if all(v in (None, "") for v in given):
            return None
        label = None
        if result_ward:
            label = parse_ward(result_ward, self.data.ward_names) or wardscope.NO_WARD
        return {"ward": label, "year": parse_result_year(result_year) if result_year else None,
                "section": parse_section(result_section) if result_section else None,
                "programme": parse_programme(result_programme) if result_programme not in (None, "") else None,
                "doc_type": parse_doc_type(result_doc_type) if result_doc_type else None}

    def highlight_terms(self, parsed: ParsedQuery) -> tuple[set[str], set[str]]:
        return self.builder().highlight_terms(parsed)

    def passage_dict(self, i: int, score: float | None = None, terms=frozenset(), surfaces=frozenset()) -> dict:
        return passage_dict(self.data, i, score, terms, surfaces)

    def _facets(self, indices: list[int], scope: wardscope.Scope | None = None) -> dict:
        """Passages per ward, year, section … among `indices`; with a search's `scope`,
        its results instead (wardscope: each number is what the matching result_* lists)."""
        return scope.facets() if scope is not None else self.data.facet_counts(indices)

    def _suggestions(self, parsed: ParsedQuery) -> list[str]:
        found: list[str] = []
        for t in parsed.terms:
            for s in self.glossary.synonyms_of(t.surface):
                if s not in found:
                    found.append(s)
        return found[:10]

    @_one_generation
    def passage(self, passage_id: str) -> dict | None:
        i = self.data.by_id.get(passage_id)
        return None if i is None else self.passage_dict(i)

    @_one_generation
    def document(self, doc_id: str) -> dict | None:
        data = self.data
        doc = data.documents.get(doc_id)
        if doc is None:
            return None
        doc = dict(doc)
        doc["year_display"] = wareki.year_label(doc["fiscal_year_from"], doc["fiscal_year_to"])
        passages = [self.passage_dict(i) for i, p in enumerate(data.passages) if p["doc_id"] == doc_id]
        return {"document": doc, "passages": passages}

    @_one_generation
    def similar(self, passage_id: str, k: int = 10) -> dict | None:
        """Nearest passages in other wards (and other reports of the same ward)."""
        k = bounded_int(k, "件数（k）", 1, MAX_K)
        data = self.data
        i = data.by_id.get(passage_id)
        if i is None:
            return None
        source = data.passages[i]
        scored = retrieval_semantic.neighbours(data, i) if self.semantic_enabled else []
        if not scored:
            parsed = parse_query(source["text"][:200])
            scored = sorted(fusion.normalise_bm25(self._bm25(parsed, Filters())).items(), key=lambda x: -x[1])
        others = [(j, score) for j, score in scored[:4 * k + 50] if data.passages[j]["doc_id"] != source["doc_id"]]
        group = data.duplicates.groups([i] + [j for j, _ in others])
        picked = []
        seen_groups = {group[i]}
        # a copy is not a row of its own: the source's own text elsewhere is listed with the
        # source (`copies`), a neighbour's copies with it (`duplicates`, 「同様の記載」), as in a
        # search's list — on an archive the same goal stands in every ward's reports, and
        # leaving them out said that one other ward had anything like it
        folded: dict[int, list[int]] = {}
        for j, score in others:
            if group[j] in seen_groups:
                folded.setdefault(group[j], []).append(j)
                continue
            seen_groups.add(group[j])
            picked.append((j, score))
            if len(picked) >= k:
                break
        heads = [i] + [j for j, _ in picked]
        exact, owner = data.duplicates.copies_many([[h] for h in heads])
        copies: list[list[int]] = [[] for _ in heads]
        for j, o in zip(exact.tolist(), owner.tolist()):
            if j != heads[o]:
                copies[o].append(j)
        for n, h in enumerate(heads):   # the near-identical copies the ranking held
            copies[n] += [j for j in folded.get(group.get(h, h), []) if j not in copies[n] and j != h]
        results = []
        for (j, score), same in zip(picked, copies[1:]):
            d = self.passage_dict(j, score)
            d["same_ward"] = d["ward"] == source["ward"]
            d["duplicates"] = [copy_dict(data, c) for c in same]
            results.append(d)
        wards: dict[str, list] = {}
        for d in results:
            wards.setdefault(d["ward"] or "区不明", []).append(d)
        return {"passage": self.passage_dict(i), "results": results,
                "copies": [copy_dict(data, c) for c in copies[0]],
                "wards": [{"ward": w, "same_ward": w == source["ward"], "passages": ps}
                          for w, ps in wards.items()]}

    @_one_generation
    def facets(self) -> dict:
        """Passages per ward, year, section … over the whole index (once per generation)."""
        return self.data.all_facet_counts()

    @_one_generation
    def health(self) -> dict:
        data = self.data
        files = data.manifest.get("files") or {}
        return {"status": "ok", "generation": data.name, "documents": len(data.documents),
                "passages": data.n, "semantic": data.has_vectors and self.semantic_enabled,
                "unembedded": data.unembedded if data.vectors is not None else 0,
                "model": data.manifest.get("model"),
                # when the generation was built (the last reindex), and its files the indexer could not read
                "created": data.manifest.get("created"), "files": len(files),
                "unreadable_files": sum(1 for f in files.values() if isinstance(f, dict) and f.get("error"))}


def pasted_word_share(parsed: ParsedQuery, builder: QueryBuilder) -> float | None:
    """For a query of LONG_QUERY_CHARS or more characters, `grounding.word_share`: the
    share of its words' characters in grounded words. None for a shorter query."""
    if len(_typed_text(parsed)) < LONG_QUERY_CHARS:
        return None
    return grounding.word_share(parsed, builder)


def _typed_text(parsed: ParsedQuery) -> str:
    """The query as typed (its text and phrases): what the ward answer's cosines read."""
    return " ".join([parsed.text, *parsed.phrases]).strip()


def _section_mask(data: Generation, sections: list[str]) -> np.ndarray:
    if not sections:
        return np.ones(data.n, dtype=bool)
    m = np.zeros(data.n, dtype=bool)
    for s in sections:
        m |= (data.group == s) | (data.section == s)
    return m

