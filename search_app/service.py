"""The search function behind the CLI, the JSON API and the pages.

One `SearchService` serves a whole process: it opens the current index
generation, notices when a reindex publishes a new one (and switches without
restart), and answers searches in three modes — bm25 (Whoosh + Sudachi),
semantic (embeddings) and hybrid (both, fused) — with the same filters
honoured by both halves, ward grouping and highlighted snippets.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import query as Q
from whoosh import scoring

from indexer import fulltext, metadata, records, store, wareki
from indexer.synonyms import Glossary

from . import config
from .coverage import ward_coverage
from .grouping import group_by_ward
from .query import ParsedQuery, parse_query
from .snippets import snippet_html

log = logging.getLogger(__name__)

MODES = ("hybrid", "bm25", "semantic")
MAX_K = 100
CANDIDATES = 200
SYNONYM_WEIGHT = 0.6
BIGRAM_WEIGHT = 0.3
PARTS_WEIGHT = 0.4
RRF_K = 60
# Fusion weights, chosen on the dev set (docs/benchmarks.md, README "Quality").
HYBRID_BM25_WEIGHT = 0.5
WARD_COVERAGE = 0.5
COMMON_WORD_SHARE = 0.2
RARE_WORD_SHARE = 0.05


class QueryError(ValueError):
    """A user parameter that cannot be used; the message is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Filters:
    ward: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    section: str | None = None
    programme: int | None = None
    doc_type: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def parse_year_range(value: str | None) -> tuple[int, int] | None:
    """'2023', '令和5年度', 'R5', '2021-2023', '令和3年度～令和5年度' -> (from, to)."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    parts = [p for p in re.split(r"\s*(?:[-–～〜~]|から|to)\s*", value) if p.strip()]
    if len(parts) == 2:
        a, b = wareki.parse_year(parts[0]), wareki.parse_year(parts[1])
        if a and b:
            return min(a[0], b[0]), max(a[1], b[1])
    parsed = wareki.parse_year(value)
    if parsed is None:
        raise QueryError(f"年度「{value[:40]}」を解釈できません（例: 2023、令和5年度、R5、2021-2023）")
    return parsed


class _Loaded:
    """One generation held in memory with the arrays used for filtering."""

    def __init__(self, gen: store.Generation):
        self.gen = gen
        self.ix = fulltext.open_index(gen.fulltext_path)
        self.passages = gen.passages
        self.by_id = {p["passage_id"]: i for i, p in enumerate(self.passages)}
        self.documents = {d["doc_id"]: d for d in gen.documents}
        n = len(self.passages)
        self.ward = np.array([p["ward"] or "" for p in self.passages], dtype=object)
        self.year_from = np.array([p["fiscal_year_from"] or 0 for p in self.passages], dtype=np.int32)
        self.year_to = np.array([p["fiscal_year_to"] or 0 for p in self.passages], dtype=np.int32)
        self.section = np.array([p["section"] for p in self.passages], dtype=object)
        self.group = np.array([fulltext.section_group(p["section"]) for p in self.passages], dtype=object)
        self.programme = np.array([p["programme"] or 0 for p in self.passages], dtype=np.int32)
        self.doc_type = np.array([p["doc_type"] for p in self.passages], dtype=object)
        self.vectors = np.asarray(gen.vectors) if gen.vectors is not None else None
        # passages of one report part (document, programme, year): for ward cards
        self.by_part: dict[tuple, list[int]] = {}
        for i, p in enumerate(self.passages):
            self.by_part.setdefault((p["doc_id"], p["programme"], p["fiscal_year_from"]), []).append(i)
        self.n = n
        # Whoosh document numbers <-> passages, and each document's ward as a code,
        # so filters and ward counts are numpy operations, not Whoosh queries.
        docnums = np.full(n, -1, dtype=np.int64)
        with self.ix.searcher() as searcher:
            self.doc_count = searcher.doc_count_all()
            ward_codes = np.full(searcher.reader().doc_count_all(), -1, dtype=np.int32)
            self.ward_names = sorted({p["ward"] or "" for p in self.passages})
            code = {w: c for c, w in enumerate(self.ward_names)}
            for docnum, fields in searcher.iter_docs():
                ward_codes[docnum] = code.get(fields.get("ward", ""), -1)
                i = self.by_id.get(fields["passage_id"])
                if i is not None:
                    docnums[i] = docnum
        self.docnums = docnums
        self.docnum_ward_code = ward_codes
        self._local = threading.local()
        self._concepts: OrderedDict[str, np.ndarray] = OrderedDict()
        self._concepts_lock = threading.Lock()

    def searcher(self):
        """This thread's Whoosh searcher for this generation (opening one per query
        costs more than many searches on a large index; searchers are not shared
        between threads)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self.ix.searcher(weighting=scoring.BM25F())
        return searcher

    def matching_docnums(self, q) -> np.ndarray:
        """Document numbers matching a query, unscored; cached per generation because
        the same words recur across queries."""
        key = repr(q)
        with self._concepts_lock:
            if key in self._concepts:
                self._concepts.move_to_end(key)
                return self._concepts[key]
        docs = np.fromiter(self.searcher().docs_for_query(q), dtype=np.int64)
        with self._concepts_lock:
            self._concepts[key] = docs
            while len(self._concepts) > 4096:
                self._concepts.popitem(last=False)
        return docs

    def mask(self, f: Filters) -> np.ndarray:
        m = np.ones(self.n, dtype=bool)
        if f.ward:
            m &= self.ward == f.ward
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
        if all(v is None for v in f.to_dict().values()):
            return None
        chosen = self.docnums[self.mask(f)]
        return set(chosen[chosen >= 0].tolist())


def _one_generation(method):
    """Run a public method against one index generation from start to end."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if getattr(self._request, "data", None) is not None:  # nested call
            return method(self, *args, **kwargs)
        self._request.data = self._refresh()
        try:
            return method(self, *args, **kwargs)
        finally:
            self._request.data = None
    return wrapper


class SearchService:
    def __init__(self, index_dir: Path, semantic: bool = True, model_path: Path | None = None):
        self.index_dir = Path(index_dir)
        self.semantic_enabled = semantic
        self.model_path = model_path
        self._lock = threading.Lock()
        self._request = threading.local()
        self._loaded: _Loaded | None = None
        self._loaded_name: str | None = None
        self._checked = 0.0
        self._embedder = None
        self.glossary = Glossary.load(config.glossary_path())
        self._refresh(force=True)

    @classmethod
    def open(cls, index_dir: Path | None = None, *, semantic: bool = True,
             model_path: Path | None = None) -> "SearchService":
        return cls(Path(index_dir or config.index_dir()), semantic=semantic, model_path=model_path)

    # -- generations -------------------------------------------------------------

    def _refresh(self, force: bool = False) -> _Loaded:
        now = time.monotonic()
        if not force and self._loaded is not None and now - self._checked < 1.0:
            return self._loaded
        name = store.current_name(self.index_dir)
        self._checked = now
        if name and name == self._loaded_name and self._loaded is not None:
            return self._loaded
        with self._lock:
            if name != self._loaded_name or self._loaded is None:
                loaded = _Loaded(store.open_generation(self.index_dir, name))
                self._loaded, self._loaded_name = loaded, loaded.gen.name
                log.info("opened index generation %s", loaded.gen.name)
        return self._loaded

    @property
    def data(self) -> _Loaded:
        """The generation this request reads: pinned for the whole of a public
        call (see `_one_generation`), so a reindex publishing a new generation
        mid-request never mixes passage numbers of two generations."""
        pinned = getattr(self._request, "data", None)
        return pinned if pinned is not None else self._refresh()

    def embedder(self):
        """The query embedder, loaded on first semantic query (several seconds)."""
        if not self.semantic_enabled or self.data.vectors is None:
            return None
        if self._embedder is None:
            with self._lock:
                if self._embedder is None:
                    from indexer.embeddings import Embedder, resolve_model_path
                    path = self.model_path or resolve_model_path(config.models_dir(), config.model_name())
                    self._embedder = Embedder.load(path)
        return self._embedder

    # -- parameters ----------------------------------------------------------------

    def _filters(self, parsed: ParsedQuery, ward, year, section, programme, doc_type) -> Filters:
        f = Filters()
        data = self.data
        if ward:
            w = metadata.canonical_ward(str(ward))
            f.ward = w
        elif len(parsed.wards) == 1:
            f.ward = parsed.wards[0]
        years = parse_year_range(year) if year else parsed.years
        if years:
            f.year_from, f.year_to = years
        if section:
            section = str(section)
            if section not in records.SECTION_GROUPS and section not in records.SECTION_KINDS:
                raise QueryError(f"区分「{section[:20]}」はありません（目標・取組内容・成果・課題・評価）")
            f.section = section
        if programme not in (None, ""):
            try:
                f.programme = int(programme)
            except (TypeError, ValueError):
                raise QueryError("事業は 1〜7 の数字で指定してください") from None
            if not 1 <= f.programme <= 7:
                raise QueryError("事業は 1〜7 の数字で指定してください")
        if doc_type:
            if doc_type not in (records.YEARLY, records.FIVE_YEAR, records.UNKNOWN):
                raise QueryError(f"種別「{str(doc_type)[:20]}」はありません")
            f.doc_type = doc_type
        del data
        return f

    # -- the two halves -----------------------------------------------------------

    def _term_clause(self, term, weight: float, bigrams: bool = True):
        subs = [Q.Term("text", term.term, boost=weight)]
        if len(term.parts) > 1:
            subs.append(Q.And([Q.Term("text", p) for p in term.parts], boost=weight * PARTS_WEIGHT))
        grams = _bigrams(term.surface) if bigrams and self._needs_bigrams(term) else []
        if grams:
            subs.append((Q.Phrase("text_bigram", grams, boost=weight * BIGRAM_WEIGHT)
                         if len(grams) > 1 else Q.Term("text_bigram", grams[0], boost=weight * BIGRAM_WEIGHT)))
        return Q.Or(subs)

    def _needs_bigrams(self, term) -> bool:
        """Whether a query word also searches the bigram field.

        Sudachi keeps long katakana and Latin compounds whole (プレパパママクラス) and
        may cut a kanji compound differently in another context (多胎 + 児 inside
        "・多胎児（"), so such words also match as a character sequence — unless
        they are common words in their own right (サポート, 子育て), which the word
        index already finds and whose bigram phrases are the costliest to score."""
        if not (_KATAKANA_LATIN.match(term.surface) or len(term.surface) >= 3):
            return False
        data = self.data
        return data.searcher().doc_frequency("text", term.term) <= RARE_WORD_SHARE * max(1, data.doc_count)

    def _text_clause(self, text: str, weight: float, bigrams: bool = True):
        from indexer.analysis import analyze_query_terms
        terms = analyze_query_terms(text)
        if not terms:
            grams = _bigrams(text)
            if not grams:
                return None
            return Q.Phrase("text_bigram", grams, boost=weight * BIGRAM_WEIGHT) if len(grams) > 1 \
                else Q.Term("text_bigram", grams[0], boost=weight * BIGRAM_WEIGHT)
        clauses = [self._term_clause(t, weight, bigrams) for t in terms]
        return clauses[0] if len(clauses) == 1 else Q.And(clauses)

    def _scored_terms(self, parsed: ParsedQuery) -> list:
        """The query words worth scoring: a word found in most passages (支援 in
        "妊娠期支援") adds almost nothing to BM25 but costs the most to score, so it
        is left out when the query has rarer words. Coverage still counts it."""
        data = self.data
        searcher = data.searcher()
        limit = COMMON_WORD_SHARE * max(1, data.doc_count)
        rare = [t for t in parsed.terms if searcher.doc_frequency("text", t.term) <= limit]
        return rare or list(parsed.terms)

    def _synonym_weight(self, surface: str, synonym: str) -> float:
        """A synonym counts at SYNONYM_WEIGHT of the word the user typed — including
        its rarity: a rarer synonym (双子 for 多胎児) must not outweigh the literal
        word through a higher idf, so its boost is scaled down to the literal's idf."""
        from indexer.analysis import analyze_query_terms

        searcher = self.data.searcher()

        def idf(text: str) -> float:
            terms = [t.term for t in analyze_query_terms(text)]
            return max((searcher.idf("text", t) for t in terms), default=0.0)

        literal, alternative = idf(surface), idf(synonym)
        if literal <= 0 or alternative <= 0:
            return SYNONYM_WEIGHT
        return SYNONYM_WEIGHT * min(1.0, literal / alternative)

    def build_query(self, parsed: ParsedQuery):
        from indexer.analysis import analyze_query_terms

        should = [self._term_clause(t, 1.0) for t in self._scored_terms(parsed)]
        seen = {t.term for t in parsed.terms}
        for surface, synonym in self.glossary.expand_query_text(parsed.text):
            # spellings the analyzer unifies (ふたご = 双子) count once
            key = " ".join(t.term for t in analyze_query_terms(synonym))
            if key in seen:
                continue
            seen.add(key)
            # synonyms search the word index only: their bigram phrases would cost
            # more than all the rest of the query
            clause = self._text_clause(synonym, self._synonym_weight(surface, synonym), bigrams=False)
            if clause is not None:
                should.append(clause)
        must = []
        for phrase in parsed.phrases:
            grams = _bigrams(phrase)
            if grams:
                must.append(Q.Phrase("text_bigram", grams) if len(grams) > 1 else Q.Term("text_bigram", grams[0]))
        main = None
        if should and must:
            main = Q.AndMaybe(Q.And(must), Q.Or(should))
        elif must:
            main = Q.And(must)
        elif should:
            main = Q.Or(should)
        if main is not None and parsed.excluded:
            negs = [c for c in (self._text_clause(x, 1.0) for x in parsed.excluded) if c is not None]
            if negs:
                main = Q.AndNot(main, Q.Or(negs))
        return main

    def _bm25(self, parsed: ParsedQuery, f: Filters) -> list[tuple[int, float]]:
        data = self.data
        q = self.build_query(parsed)
        if q is None:
            return []
        allowed = data.docnum_filter(f)
        if allowed is not None and not allowed:
            return []  # Whoosh would read an empty filter as "no filter"
        hits = data.searcher().search(q, filter=allowed, limit=CANDIDATES)
        return [(data.by_id[h["passage_id"]], float(h.score)) for h in hits if h["passage_id"] in data.by_id]

    def _semantic(self, text: str, f: Filters) -> list[tuple[int, float]]:
        data = self.data
        embedder = self.embedder()
        if embedder is None or not text.strip():
            return []
        qvec = embedder.encode_query(text)
        sims = data.vectors @ qvec
        mask = data.mask(f)
        sims = np.where(mask, sims, -np.inf)
        top = np.argsort(-sims)[:CANDIDATES]
        return [(int(i), float(sims[i])) for i in top if np.isfinite(sims[i])]

    # -- public API ------------------------------------------------------------------

    @_one_generation
    def search(self, query: str, *, mode: str = "hybrid", k: int = 10, offset: int = 0,
               ward=None, year=None, section=None, programme=None, doc_type=None) -> dict:
        started = time.perf_counter()
        if mode not in MODES:
            raise QueryError(f"mode は {' / '.join(MODES)} のいずれかです")
        k, offset = _bounded_int(k, "k", 1, MAX_K), _bounded_int(offset, "offset", 0, 10_000)
        parsed = parse_query(query or "")
        f = self._filters(parsed, ward, year, section, programme, doc_type)
        data = self.data
        # Dense retrieval sees the glossary's synonyms too (双子 -> 多胎児), since the
        # reports' own vocabulary is what their passages were embedded with.
        synonyms = [syn for _s, syn in self.glossary.expand_query_text(parsed.text)]
        semantic_text = " ".join([parsed.text, *parsed.phrases, *synonyms[:6]]).strip()
        bm25 = self._bm25(parsed, f) if mode in ("bm25", "hybrid") else []
        sem = self._semantic(semantic_text, f) if mode in ("semantic", "hybrid") else []
        if mode == "hybrid" and not sem:
            mode_used = "bm25"
        elif mode == "semantic" and not sem and data.vectors is None:
            raise QueryError("意味検索は利用できません（埋め込みモデルの索引がありません）")
        else:
            mode_used = mode
        if parsed.is_empty and not semantic_text:
            if any(v is not None for v in f.to_dict().values()):
                idx = np.nonzero(data.mask(f))[0]
                ranked = [(int(i), 0.0) for i in idx]
            else:
                ranked = []
        elif mode_used == "bm25":
            ranked = _normalise(bm25)
        elif mode_used == "semantic":
            ranked = _normalise_semantic(sem, data, f)
        else:
            ranked = fuse(_normalise(bm25), _normalise_semantic(sem, data, f))
        # Passages no half found (semantic below the typical passage, no keyword match)
        # are not results: "total" counts what was actually found.
        ranked = [(i, s) for i, s in apply_section_prior(ranked, data) if s > 0 or parsed.is_empty]
        terms, surfaces = self.highlight_terms(parsed)
        page = ranked[offset:offset + k]
        results = [self.passage_dict(i, score, terms, surfaces) for i, score in page]
        # A ward is claimed as an answer only when its reports cover most of the
        # query's (idf-weighted) concepts: sharing 支援 or 家庭 is not enough, and
        # embeddings alone place every ward near any topic.
        eligible = None
        if mode_used in ("hybrid", "bm25") and not parsed.is_empty:
            coverage = ward_coverage(self, parsed, data.docnum_filter(f))
            eligible = {w for w, c in coverage.items() if c >= WARD_COVERAGE}
        wards = group_by_ward(self, ranked, terms, surfaces, eligible=eligible)
        facets = self._facets([i for i, _ in ranked])
        suggestions = [] if ranked else self._suggestions(parsed)
        return {
            "query": query or "",
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
            "total": len(ranked),
            "mode": mode_used,
            "offset": offset,
            "k": k,
            "filters": f.to_dict(),
            "results": results,
            "wards": wards,
            "facets": facets,
            "suggestions": suggestions,
        }

    def highlight_terms(self, parsed: ParsedQuery) -> tuple[set[str], set[str]]:
        from indexer.analysis import analyze_query_terms
        terms = {t.term for t in parsed.terms}
        surfaces = {t.surface for t in parsed.terms} | set(parsed.phrases)
        for _surface, synonym in self.glossary.expand_query_text(parsed.text):
            surfaces.add(synonym)
            terms.update(t.term for t in analyze_query_terms(synonym))
        return terms, {s for s in surfaces if s.strip()}

    def passage_dict(self, i: int, score: float | None = None, terms=frozenset(), surfaces=frozenset()) -> dict:
        p = dict(self.data.passages[i])
        p["year_display"] = wareki.year_label(p["fiscal_year_from"], p["fiscal_year_to"])
        p["snippet_html"] = snippet_html(p["text"], set(terms), set(surfaces))
        p["score"] = round(float(score), 4) if score is not None else None
        p.setdefault("source", {"file": p.get("source_file"), "line_start": p.get("line_start"),
                                "line_end": p.get("line_end")})
        return p

    def _facets(self, indices: list[int]) -> dict:
        data = self.data
        out: dict[str, dict] = {"ward": {}, "year": {}, "section": {}, "programme": {}, "doc_type": {}}
        for i in indices:
            p = data.passages[i]
            if p["ward"]:
                out["ward"][p["ward"]] = out["ward"].get(p["ward"], 0) + 1
            if p["fiscal_year_from"]:
                for y in range(p["fiscal_year_from"], (p["fiscal_year_to"] or p["fiscal_year_from"]) + 1):
                    out["year"][str(y)] = out["year"].get(str(y), 0) + 1
            g = fulltext.section_group(p["section"])
            out["section"][g] = out["section"].get(g, 0) + 1
            if p["programme"]:
                key = str(p["programme"])
                out["programme"][key] = out["programme"].get(key, 0) + 1
            out["doc_type"][p["doc_type"]] = out["doc_type"].get(p["doc_type"], 0) + 1
        return out

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
        k = _bounded_int(k, "k", 1, MAX_K)
        data = self.data
        i = data.by_id.get(passage_id)
        if i is None:
            return None
        source = data.passages[i]
        if data.vectors is not None:
            sims = data.vectors @ data.vectors[i]
            order = [int(j) for j in np.argsort(-sims)]
            scored = [(j, float(sims[j])) for j in order]
        else:
            parsed = parse_query(source["text"][:200])
            scored = _normalise(self._bm25(parsed, Filters()))
        picked = []
        for j, score in scored:
            p = data.passages[j]
            if p["doc_id"] == source["doc_id"]:
                continue
            picked.append((j, score))
            if len(picked) >= k:
                break
        results = []
        for j, score in picked:
            d = self.passage_dict(j, score)
            d["same_ward"] = d["ward"] == source["ward"]
            results.append(d)
        wards: dict[str, list] = {}
        for d in results:
            wards.setdefault(d["ward"] or "区不明", []).append(d)
        return {"passage": self.passage_dict(i), "results": results,
                "wards": [{"ward": w, "same_ward": w == source["ward"], "passages": ps}
                          for w, ps in wards.items()]}

    @_one_generation
    def facets(self) -> dict:
        return self._facets(list(range(self.data.n)))

    @_one_generation
    def health(self) -> dict:
        data = self.data
        return {"status": "ok", "generation": data.gen.name, "documents": len(data.documents),
                "passages": data.n, "semantic": data.vectors is not None and self.semantic_enabled,
                "model": data.gen.manifest.get("model")}


def _bounded_int(value, name: str, lo: int, hi: int) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise QueryError(f"{name} は整数で指定してください") from None
    if n < lo:
        raise QueryError(f"{name} は {lo} 以上で指定してください")
    return min(n, hi)


_KATAKANA_LATIN = re.compile(r"^[\u30a0-\u30ffｦ-ﾟA-Za-zＡ-Ｚａ-ｚ0-9０-９ー・]+$")


def _bigrams(text: str) -> list[str]:
    from indexer.analysis import bigram_analyzer
    return [t.text for t in bigram_analyzer()(text)]


def _normalise(ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
    if not ranked:
        return []
    top = max(s for _, s in ranked) or 1.0
    return [(i, s / top) for i, s in ranked]


def _normalise_semantic(sem, data: _Loaded, f: Filters) -> list[tuple[int, float]]:
    """Cosines rescaled so the best is 1 and a typical (median) passage is 0."""
    if not sem:
        return []
    scores = np.array([s for _, s in sem])
    floor = float(np.median(scores))
    top = float(scores.max())
    span = (top - floor) or 1.0
    return [(i, max(0.0, (s - floor) / span)) for i, s in sem]


# 振り返りの視点 are the evaluation checklist (the same questions in every ward's
# summary), not practices; they rank below what wards actually did.
SECTION_PRIOR = {records.VIEWPOINT: 0.5}
def apply_section_prior(ranked: list[tuple[int, float]], data: "_Loaded") -> list[tuple[int, float]]:
    out = [(i, s * SECTION_PRIOR.get(data.passages[i]["section"], 1.0)) for i, s in ranked]
    return sorted(out, key=lambda x: -x[1])


def fuse(bm25: list[tuple[int, float]], sem: list[tuple[int, float]],
         weight: float | None = None) -> list[tuple[int, float]]:
    """Normalised score mixing of the two rankings (each scaled to 0..1)."""
    weight = HYBRID_BM25_WEIGHT if weight is None else weight
    scores: dict[int, float] = {}
    for i, s in bm25:
        scores[i] = scores.get(i, 0.0) + weight * s
    for i, s in sem:
        scores[i] = scores.get(i, 0.0) + (1 - weight) * s
    return sorted(scores.items(), key=lambda x: -x[1])
