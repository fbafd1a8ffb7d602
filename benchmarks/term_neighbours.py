"""Experiment: the corpus words nearest in meaning to a query word no report uses.

    python -m benchmarks.term_neighbours GOLD.jsonl ... [--index DIR] [--grid FILE.json]
        [--modes hybrid] [--json]          # leave-one-out over the pooled files
    python -m benchmarks.term_neighbours --cost [--index DIR]   # vocabulary size, time, memory
    python -m benchmarks.term_neighbours --show WORD ... [--index DIR]  # the neighbours found

Issue 11 item 3: a query word the reports never use, and that neither the glossary nor
Sudachi's synonym dictionary bridges (`QueryBuilder.unmatched_words`), is answered only
by the semantic half. This tries the corpus's own words nearest to it by the embedding
model: the generation's vocabulary (content nouns of the word index, in at most
MAX_DF_SHARE of the passages) embedded once per generation, the word embedded as a
query, the TOP vocabulary words above MIN_COSINE and within MARGIN of the nearest one,
optionally only among the words of the CONTEXT_DOCS passages nearest in meaning to the
whole query. They join the keyword query as weak stand-ins for the word
(`QueryBuilder(neighbours=...)`, `Synonym.meaning`: weighted like a glossary narrower
term, never a specific word that claims a ward), hybrid searches only.

Measured on dev + extra..extra4 (docs/quality.md, "Corpus words nearest in meaning"):
the best settings gain on one query (マスコット -> キャラクター) and lose on two or three,
and leave-one-out is below "off" in every grid, so the product does not use it; this
module holds the experiment so that it can be rerun (e.g. with a larger model).
Never give it a blind set.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import re
import sys
import threading
import time
import weakref
from pathlib import Path

import numpy as np

from indexer.analysis import SudachiTokenizer, analyze_terms

log = logging.getLogger(__name__)

# Whether hybrid searches of `neighbour_service` look neighbours up (the LOO grid
# starts from False: the product's behaviour).
ENABLED = True
# A vocabulary word: a noun (or a compound of nouns) of at least MIN_CHARS characters,
# found in at least one passage and in at most MAX_DF_SHARE of them (a word in a tenth
# of the corpus names no topic), at most MAX_TERMS words (the rarest dropped first).
MIN_CHARS = 2
MAX_DF_SHARE = 0.1
MAX_TERMS = 100_000
# Neighbours of a word: at most TOP, each at least MIN_COSINE to it and within MARGIN
# of the nearest one.
TOP = 3
MIN_COSINE = 0.85
MARGIN = 0.03
# Only nouns among the unmatched words get neighbours (a verb or a fragment — 携わる,
# 始め — is rarely what a query is about).
NOUNS_ONLY = True
# "query": vocabulary words embedded with the query prompt (as the word is); "passage":
# with the passage prompt.
PROMPT = "query"
# Context: only vocabulary words found in the CONTEXT_DOCS passages nearest in meaning to
# the whole query (0: any vocabulary word).
CONTEXT_DOCS = 0

_TOKENIZER = SudachiTokenizer()
_SKIP = re.compile(r"^[\dぁ-ゖー]+$")   # digits, hiragana-only function words


def _is_noun(term: str) -> bool:
    morphs = _TOKENIZER.morphemes(term, with_parts=False)
    return bool(morphs) and all(m.pos and m.pos[0] == "名詞" and m.pos[1] != "数詞" for m in morphs)


def is_noun(word: str) -> bool:
    """Whether a query word is a noun (or a compound of nouns)."""
    return _is_noun(word)


class Vocabulary:
    """One generation's vocabulary words and their vectors (rows L2-normalised)."""

    def __init__(self, terms: list[str], vectors: np.ndarray, seconds: float):
        self.terms = terms
        self.vectors = vectors
        self.seconds = seconds
        self.index = {t: i for i, t in enumerate(terms)}
        self.asked: dict[str, np.ndarray] = {}   # query words' vectors (bounded)

    @property
    def nbytes(self) -> int:
        return int(self.vectors.nbytes)


def vocabulary_terms(data) -> list[str]:
    """The generation's content nouns with their document frequency within bounds."""
    reader = data.searcher().reader()
    limit = MAX_DF_SHARE * max(1, data.doc_count)
    found: list[tuple[int, str]] = []
    for raw in reader.lexicon("text"):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if len(term) < MIN_CHARS or _SKIP.match(term):
            continue
        df = reader.doc_frequency("text", term)
        if 0 < df <= limit and _is_noun(term):
            found.append((df, term))
    found.sort(key=lambda x: (-x[0], x[1]))
    return [t for _df, t in found[:MAX_TERMS]]


def embed_terms(embedder, terms: list[str]) -> np.ndarray:
    """Each term's vector (PROMPT: as a query, like the word, or as a passage)."""
    if not terms:
        return np.zeros((0, 1), dtype=np.float32)
    if PROMPT == "passage":
        return embedder.encode_passages(terms)
    return np.stack([embedder.encode_query(t) for t in terms]).astype(np.float32)


_CACHE: "weakref.WeakKeyDictionary[object, dict[str, Vocabulary]]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def vocabulary(data, embedder) -> Vocabulary:
    """The generation's vocabulary with vectors, computed at first use."""
    found = _CACHE.get(data, {}).get(PROMPT)
    if found is not None:
        return found
    with _LOCK:
        found = _CACHE.get(data, {}).get(PROMPT)
        if found is None:
            started = time.perf_counter()
            terms = vocabulary_terms(data)
            vectors = embed_terms(embedder, terms)
            found = Vocabulary(terms, vectors, time.perf_counter() - started)
            _CACHE.setdefault(data, {})[PROMPT] = found
            log.info("generation %s: %d vocabulary words embedded in %.1f s (%.1f MB)",
                     getattr(data, "name", "?"), len(terms), found.seconds, found.nbytes / 1e6)
    return found


def _encoded(vocab: Vocabulary, embedder, text: str) -> np.ndarray:
    vector = vocab.asked.get(text)
    if vector is None:
        vector = embedder.encode_query(text)
        if len(vocab.asked) < 10_000:
            vocab.asked[text] = vector
    return vector


def context_terms(data, vocab: Vocabulary, embedder, text: str) -> np.ndarray | None:
    """Mask of the vocabulary words found in the passages nearest in meaning to `text`."""
    if CONTEXT_DOCS <= 0 or data.vectors is None or not text:
        return None
    sims = np.where(data.embedded, data.vectors @ _encoded(vocab, embedder, text), -np.inf)
    top = np.argsort(-sims)[:CONTEXT_DOCS]
    mask = np.zeros(len(vocab.terms), dtype=bool)
    for i in top:
        for term in _passage_terms(data.passages[int(i)]["text"]):
            j = vocab.index.get(term)
            if j is not None:
                mask[j] = True
    return mask


@functools.lru_cache(maxsize=20_000)
def _passage_terms(text: str) -> frozenset[str]:
    return frozenset(analyze_terms(text, mode="index"))


def neighbours(data, embedder, word: str, exclude=frozenset(), context: str = "") -> list[tuple[str, float]]:
    """[(vocabulary word, cosine)] nearest to `word`, best first, none of `exclude`;
    with CONTEXT_DOCS, only words of the passages nearest to `context` (the query)."""
    if not ENABLED or embedder is None or (NOUNS_ONLY and not is_noun(word)):
        return []
    vocab = vocabulary(data, embedder)
    if not vocab.terms:
        return []
    cosines = vocab.vectors @ _encoded(vocab, embedder, word)
    allowed = context_terms(data, vocab, embedder, context)
    if allowed is not None:
        cosines = np.where(allowed, cosines, -np.inf)
    order = np.argsort(-cosines)
    out: list[tuple[str, float]] = []
    best = None
    for i in order[: TOP + len(exclude) + 8]:
        term, cos = vocab.terms[i], float(cosines[i])
        if term in exclude or term == word:
            continue
        if best is None:
            best = cos
        if cos < MIN_COSINE or cos < best - MARGIN:
            break
        out.append((term, cos))
        if len(out) >= TOP:
            break
    return out


# -- the search service with the neighbours wired in -----------------------------------

def neighbour_service(index_dir: Path):
    """A SearchService whose hybrid searches look up neighbours (ENABLED)."""
    from search_app.querybuild import QueryBuilder
    from search_app.service import SearchService

    class NeighbourService(SearchService):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._mode = threading.local()

        def search(self, query, *, mode="hybrid", **kwargs):
            self._mode.value = mode
            try:
                return super().search(query, mode=mode, **kwargs)
            finally:
                self._mode.value = None

        def builder(self):
            wants = ENABLED and getattr(self._mode, "value", None) == "hybrid"
            return QueryBuilder(self.data, self.glossary, neighbours=self._near if wants else None)

        def _near(self, word, exclude=frozenset(), context=""):
            return neighbours(self.data, self.embedder(), word, exclude, context)

    return NeighbourService.open(index_dir)


DEFAULT_GRID = {
    "benchmarks.term_neighbours.ENABLED": [False, True],
    "benchmarks.term_neighbours.PROMPT": ["query", "passage"],
    "benchmarks.term_neighbours.CONTEXT_DOCS": [0, 10],
    "benchmarks.term_neighbours.MIN_COSINE": [0.85, 0.90],
}


def cost(service) -> dict:
    """Vocabulary size, the time to embed it (wall and CPU) with each prompt, memory."""
    import resource

    data, embedder = service.data, service.embedder()
    started = time.perf_counter()
    terms = vocabulary_terms(data)
    out = {"passages": data.n, "vocabulary": len(terms), "select_s": round(time.perf_counter() - started, 2)}
    global PROMPT
    saved = PROMPT
    try:
        for prompt in ("query", "passage"):
            PROMPT = prompt
            wall, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
            vectors = embed_terms(embedder, terms)
            after = resource.getrusage(resource.RUSAGE_SELF)
            seconds = time.perf_counter() - wall
            cpu_s = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
            out[prompt] = {"wall_s": round(seconds, 1), "cpu_s": round(cpu_s, 1),
                           "ms_per_term_wall": round(1000 * seconds / max(1, len(terms)), 2),
                           "ms_per_term_cpu": round(1000 * cpu_s / max(1, len(terms)), 2),
                           "mb": round(vectors.nbytes / 1e6, 2)}
    finally:
        PROMPT = saved
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*")
    ap.add_argument("--index", default=None)
    ap.add_argument("--grid", default=None)
    ap.add_argument("--modes", default="hybrid")
    ap.add_argument("--cost", action="store_true")
    ap.add_argument("--show", nargs="+", default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    from indexer import store
    from search_app import config, evaluation
    from search_app.query import parse_query

    service = neighbour_service(Path(a.index) if a.index else config.index_dir())
    if a.cost or a.show:
        with store.pin(service.index_dir, service.data.name):
            if a.cost:
                print(json.dumps(cost(service), ensure_ascii=False))
            for word in a.show or []:
                own = {t.term for t in parse_query(word).terms}
                print(word, neighbours(service.data, service.embedder(), word, frozenset(own), word))
        return 0
    judged = [j for g in a.gold for j in evaluation.load_judgements(Path(g))]
    grid = evaluation.load_grid(Path(a.grid)) if a.grid else DEFAULT_GRID
    global ENABLED
    ENABLED = False   # the product's behaviour is the default setting
    report = evaluation.leave_one_out(service, judged, grid, modes=tuple(a.modes.split(",")))
    if a.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(evaluation.format_loo(report))
    for mode, e in report["modes"].items():
        counts: dict[str, int] = {}
        for chosen in e["chosen"].values():
            key = json.dumps(chosen, sort_keys=True)
            counts[key] = counts.get(key, 0) + 1
        print(f"\n{mode}: settings chosen (folds): {counts}")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s")
    # the module the grid's dotted names resolve to, not a second copy run as __main__
    from benchmarks import term_neighbours
    sys.exit(term_neighbours.main())
