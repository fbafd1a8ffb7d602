"""A keyword query's first run computes what its repeats would (issue 13, cold queries):
the shortcuts that make a first run cheaper — folding texts for marking, the unscored
evaluation of concepts, the phrase check over a word's whole postings, the token spans
read when a generation opens — give the answers the long way gives."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest

from benchmarks.run import QUERIES
from judged_queries import eval_queries
from search_app import snippets
from search_app.query import parse_query


@pytest.mark.parametrize("text", [
    "（１）多胎児の家庭への支援　①ふたご",          # full-width brackets, digits, ideographic space
    "ﾊﾟﾊﾟ講座とｶﾞｲﾄﾞﾌﾞｯｸ",                         # half-width katakana with sound marks (they combine)
    "か\u3099き\u309aく",                            # combining sound marks after kana
    "\u0301アクセントで始まる",                       # a leading combining mark
    "㈱よこはま　ＮＰＯ法人　Ⅻ月　ﬁle　㍻　ß　ＡＢＣ",  # compatibility ideographs, ligatures, case
    "e\u0301\u0323 and \u1e0b\u0323 reordered",     # combining marks in the wrong canonical order
    "𝐀𝐁 𝟏𝟐 outside the basic plane ℃ ㌔",
    "もう正規化された文です。",
    "",
])
def test_text_is_folded_for_marking_as_nfkc_lower_case(text):
    assert snippets.fold(text) == unicodedata.normalize("NFKC", text).lower()


def test_every_seed_passage_is_folded_as_nfkc_lower_case(keyword_service):
    texts = [p["text"] for p in keyword_service.data.passages]
    assert [snippets.fold(t) for t in texts] == [unicodedata.normalize("NFKC", t).lower() for t in texts]
    assert any(not unicodedata.is_normalized("NFKC", t) for t in texts)   # the folding path was taken


def _snippets(answer: dict) -> list[str]:
    out = [r["snippet_html"] for r in answer["results"]]
    for card in answer["wards"]:
        out += [v["snippet_html"] for v in json_walk(card) if isinstance(v, dict) and "snippet_html" in v]
    return out


def json_walk(value):
    yield value
    if isinstance(value, dict):
        for v in value.values():
            yield from json_walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_walk(v)


def test_snippets_are_the_same_whether_rendered_cold_or_warm(keyword_service):
    data = keyword_service.data
    data.preloaded.wait()
    marked = 0
    for q in QUERIES:
        # cold: no snippet, folded text or decoded token table kept from before
        snippets.clear_caches()
        data.spans.forget_tables()
        cold = _snippets(keyword_service.search(q, mode="bm25", k=10))
        warm = _snippets(keyword_service.search(q, mode="bm25", k=10))
        assert cold == warm, q
        marked += sum("<mark>" in s for s in cold)
    assert marked > 50


def test_a_concepts_matching_documents_are_those_its_scored_evaluation_gives(keyword_service):
    """The ward answer's concept matches (unscored) against the keyword scorer's hits,
    whether the concept's phrases were checked before or not."""
    data = keyword_service.data
    data.preloaded.wait()
    searcher = data.searcher()
    concepts = 0
    for text in eval_queries() + QUERIES:
        for c in keyword_service.builder().concepts(parse_query(text)):
            data.fast.forget_phrases()
            unscored = data.fast.matches(searcher, c.query)
            scored = data.fast.evaluate(searcher, c.query).ids
            assert np.array_equal(unscored, scored), (text, c.query)
            assert np.array_equal(data.fast.matches(searcher, c.query), scored), (text, c.query)
            concepts += 1
    assert concepts > 40


def test_a_phrase_whose_candidates_are_all_of_a_words_postings_is_checked_as_whooshs_positions_say(keyword_service):
    from indexer.analysis import bigram_analyzer
    from search_app import fastbm25

    data = keyword_service.data
    searcher = data.searcher()
    whole = 0
    for p in data.passages[::5]:
        grams = [t.text for t in bigram_analyzer()(p["text"])]
        for k in range(0, max(0, len(grams) - 3), 11):
            bwords = [w.encode("utf-8") for w in grams[k:k + 3]]
            hits = [data.fast.term(searcher, "text_bigram", w) for w in bwords]
            candidates = fastbm25.intersection(hits, scored=False).ids.astype(np.int64)
            for leaf, offset in searcher.leaf_searchers():
                reader = leaf.reader()
                local = candidates[(candidates >= offset) & (candidates < offset + reader.doc_count_all())] - offset
                if not len(local):
                    continue
                stored = data.fast.stored_positions(reader, "text_bigram")
                got = stored.consecutive(bwords, local)
                found = [fastbm25.posting_positions(reader.postings("text_bigram", w), local) for w in bwords]
                assert got.tolist() == [fastbm25.consecutive([f.get(d, ()) for f in found])
                                        for d in local.tolist()], bwords
                whole += any(len(stored.postings(w)[0]) == len(local) for w in bwords)
    assert whole > 20   # phrases where a word's every posting is a candidate


def _resident_bytes(array: np.ndarray) -> int:
    """Bytes of the memory mapping holding `array` that are in this process's page
    tables (/proc/self/smaps: the mapping's Rss)."""
    address = array.__array_interface__["data"][0]
    inside = False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and len(head) >= 5:   # a mapping's header line
            low, high = (int(x, 16) for x in head[0].split("-"))
            inside = low <= address < high
        elif inside and line.startswith("Rss:"):
            return int(head[1]) * 1024
    return 0


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="needs Linux /proc")
def test_a_generation_opened_for_serving_holds_the_token_spans_its_snippets_read(keyword_index):
    """Its first query's snippets do not wait for the pages of their texts' tokens."""
    from indexer import store
    from search_app.generation import Generation

    data = Generation(store.open_generation(keyword_index, None))
    data.preloaded.wait()
    for name in ("starts", "ends", "terms", "bounds"):
        array = getattr(data.spans, "_" + name)
        assert _resident_bytes(array) >= array.nbytes, name


def test_each_generation_is_warmed_by_a_search_before_it_serves(keyword_index):
    """The warm-up (as Solr's warming queries) runs in the generation's background
    preload, on that generation, before `preloaded` says it is ready, and its
    search answers from that generation."""
    from search_app.generation import GenerationHolder
    from search_app.service import WARM_UP_QUERY, SearchService

    service = SearchService.open(keyword_index)
    service.data.preloaded.wait()   # (its own generation's warm-up done)
    answers = []
    original = service.search

    def recording_search(query, **kwargs):
        answer = original(query, **kwargs)
        answers.append((query, service.data, answer["total"]))
        return answer

    service.search = recording_search
    holder = GenerationHolder(keyword_index, warm_up=service.warm_up)
    data = holder.current(force=True)
    assert data is not service.data   # a generation of its own
    data.preloaded.wait()
    assert answers == [(WARM_UP_QUERY, data, answers[0][2])] and answers[0][2] > 0


def test_a_failing_warm_up_leaves_the_generation_serving(keyword_index):
    from search_app.generation import GenerationHolder

    def broken(_data):
        raise RuntimeError("warm-up broke")

    holder = GenerationHolder(keyword_index, warm_up=broken)
    data = holder.current(force=True)
    assert data.preloaded.wait(60)
    assert data.searcher() is not None
    assert data.fast.postings_held() > 0   # the preload before it was kept
