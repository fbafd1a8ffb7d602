"""The numpy keyword scorer (search_app/fastbm25.py) against Whoosh's own searcher."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from whoosh import query as Q

from index_edits import delete_two_passages
from search_app import retrieval_bm25
from search_app.params import Filters
from judged_queries import DEV, eval_queries
from search_app.query import parse_query

REPO = Path(__file__).resolve().parent.parent


def test_the_fast_scorer_ranks_the_seed_corpus_exactly_as_whoosh_does(keyword_index):
    from benchmarks.scorer_check import read_queries, compare

    result = compare(keyword_index, read_queries([str(REPO / "eval" / "extra.jsonl")]
                                             + ([str(DEV)] if DEV.is_file() else [])), verbose=True)
    assert result["rankings"] > 60 and result["concepts"] > 40
    assert result["mismatches"] == 0
    assert result["max_rel_score_error"] < 1e-9


def test_every_query_node_kind_scores_as_whoosh_does(keyword_service):
    """Term, Or, And, AndMaybe, AndNot and bigram phrases, boosted and nested, and a
    node type the fast scorer does not know (evaluated by Whoosh)."""
    data = keyword_service.data
    data.preloaded.wait()   # word postings derived from the stored spans
    searcher = data.searcher()
    plain = data.ix.searcher(weighting=data.weighting)   # Whoosh's own term statistics
    t = lambda w, b=1.0: Q.Term("text", w, boost=b)  # noqa: E731
    phrase = Q.Phrase("text_bigram", ["多胎", "胎児"], boost=0.3)
    queries = [
        t("多胎児", 2.0),
        Q.Or([t("父親"), t("パパ", 0.6), phrase]),
        Q.Or([t("父親")], boost=3.0),  # a single subquery: Whoosh drops the boost
        Q.And([t("子育て"), t("支援")], boost=0.4),
        Q.AndMaybe(Q.And([phrase]), Q.Or([t("周知"), t("チラシ")])),
        Q.AndNot(Q.Or([t("子育て"), t("父親")]), Q.Or([t("支援")])),
        Q.Phrase("text_bigram", ["ママ", "マク", "クラ", "ラス"]),
        Q.Or([t("父親"), Q.DisjunctionMax([t("パパ"), t("母親")])]),  # not handled: Whoosh evaluates it
        Q.Or([t("存在しない語"), Q.Phrase("text_bigram", ["存在", "在し"])]),
    ]
    for q in queries:
        fast = data.fast.top(searcher, q, None, None)
        slow = [(h.docnum, h.score) for h in plain.search(q, limit=None)]
        assert [d for d, _ in fast] == [d for d, _ in slow], q
        assert np.allclose([s for _, s in fast], [s for _, s in slow], rtol=1e-12, atol=0), q
        assert sorted(data.fast.matches(searcher, q).tolist()) == sorted(plain.docs_for_query(q)), q


def test_search_results_are_those_of_the_whoosh_searcher(keyword_service):
    """The service's keyword half, through the fast scorer, equals Whoosh's path."""
    data = keyword_service.data
    for text in eval_queries()[:12]:
        q = keyword_service.build_query(parse_query(text))
        for f in (Filters(), Filters(ward="西区")):
            allowed = data.docnum_filter(f)
            fast = retrieval_bm25.search(data, q, allowed)
            slow = retrieval_bm25.whoosh_search(data, q, allowed)
            assert [i for i, _ in fast] == [i for i, _ in slow], text
            assert np.allclose([s for _, s in fast], [s for _, s in slow], rtol=1e-12), text


def _builder(data):
    """The service's query builder over one generation, with the packaged glossary."""
    from indexer.synonyms import LiveGlossary
    from search_app.querybuild import QueryBuilder

    return QueryBuilder(data, LiveGlossary().get())


def test_deleted_passages_are_never_scored(keyword_index, tmp_path):
    """A segment with deletions (an incremental update committed without merging):
    the fast scorer skips the deleted documents exactly as Whoosh's searcher does."""
    import shutil

    from indexer import fulltext, store
    from search_app.generation import Generation

    gen = store.open_generation(keyword_index)
    copy = tmp_path / "fulltext"
    shutil.copytree(gen.fulltext_path, copy)
    ix = fulltext.open_index(copy)
    victims = delete_two_passages(ix)

    class Copied:  # the stored generation, reading the edited index
        def __getattr__(self, name):
            return getattr(gen, name)
        fulltext_path = copy

    data = Generation(Copied())
    searcher = data.searcher()
    assert searcher.reader().has_deletions()
    for text in ["多胎児", "双子を育てる家庭への支援", "プレパパママクラス"]:
        q = _builder(data).build(parse_query(text))
        fast = data.fast.top(searcher, q, None, None)
        slow = [(h.docnum, h.score) for h in searcher.search(q, limit=None)]
        assert [d for d, _ in fast] == [d for d, _ in slow], text
        assert np.allclose([s for _, s in fast], [s for _, s in slow], rtol=1e-12), text
        deleted = {data.by_id[pid] for pid in victims}
        assert not deleted & {int(data.docnum_passage[d]) for d, _ in fast}


def test_a_phrase_checked_on_the_stored_positions_finds_the_documents_whooshs_positions_give(keyword_service):
    """Bigram phrases of every length against the positions a full build stores
    beside its segments (indexer.positions) and against Whoosh's own positions."""
    from indexer.analysis import bigram_analyzer
    from search_app import fastbm25

    data = keyword_service.data
    searcher = data.searcher()
    scorer = data.fast
    phrases = {tuple(t.text for t in bigram_analyzer()(w)) for w in
               ["多胎児", "プレパパママクラス", "子育て支援拠点", "父親", "ひろば", "妊娠期", "育児講座を開催"]}
    # every 2-, 3- and 4-bigram window of some passages: phrases that are there
    for p in data.passages[::8]:
        grams = [t.text for t in bigram_analyzer()(p["text"])]
        phrases |= {tuple(grams[k:k + n]) for n in (2, 3, 4) for k in range(0, max(0, len(grams) - n), 37)}
    checked = stored_used = 0
    for words in sorted(phrases):
        bwords = [w.encode("utf-8") for w in words]
        hits = [scorer.term(searcher, "text_bigram", w) for w in bwords]
        if len(words) < 2 or any(not len(h) for h in hits):
            continue
        candidates = fastbm25.intersection(hits, scored=False).ids.astype(np.int64)
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            local = candidates[(candidates >= offset) & (candidates < offset + reader.doc_count_all())] - offset
            stored = scorer.stored_positions(reader, "text_bigram")
            assert stored is not None
            got = stored.consecutive(bwords, local)
            found = [fastbm25.posting_positions(reader.postings("text_bigram", w), local) for w in bwords]
            want = [fastbm25.consecutive([f.get(d, ()) for f in found]) for d in local.tolist()]
            assert got.tolist() == want, words
            stored_used += int(got.sum())
            checked += len(local)
    assert checked > 500 and stored_used > 100
