"""The word field's postings derived from the stored token spans when a generation
opens (search_app/wordpostings.py, read by search_app/fastbm25.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from index_edits import delete_two_passages, seed_reports_but_the_last
from indexer import fulltext, store
from search_app import retrieval_bm25, wordpostings
from search_app.generation import Generation
from search_app.params import Filters
from search_app.query import parse_query

QUERIES = ["多胎児", "双子を育てる家庭への支援", "プレパパママクラス", "パパ講座", "子育て支援",
           "外国につながる親子", "令和5年度 父親", "ひろば預かり", "利用者アンケート ニーズ把握"]


def _opened(index: Path) -> Generation:
    data = Generation(store.open_generation(index))
    data.preloaded.wait()   # the postings are derived in the background after opening
    return data


def _whoosh_postings(reader, field: str, btext: bytes) -> tuple[list, list]:
    m = reader.postings(field, btext)
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return ids, weights


def _segments(data: Generation):
    with data.ix.searcher() as s:
        for leaf, _offset in s.leaf_searchers():
            yield leaf.reader()


def _assert_every_word_term_is_held_as_whoosh_has_it(data: Generation) -> int:
    held = 0
    for reader in _segments(data):
        words = data.fast.held_words(reader.segment().segment_id(), "text")
        assert words is not None
        for btext, _info in reader.iter_field("text"):
            k = words.lookup(btext)
            assert k >= 0, btext.decode()
            ids, freqs = words.postings(k)
            assert (ids.tolist(), freqs.tolist()) == _whoosh_postings(reader, "text", btext), btext.decode()
            held += 1
    return held


def _plain_ranking(data: Generation, q) -> list[tuple[int, float]]:
    """Whoosh's own searcher (its own term statistics, not the service's)."""
    with data.ix.searcher(weighting=data.weighting) as plain:
        return [(h.docnum, h.score) for h in plain.search(q, limit=None)]


def _assert_ranks_as_whoosh(data: Generation, texts=QUERIES) -> None:
    from indexer.synonyms import LiveGlossary
    from search_app.querybuild import QueryBuilder

    searcher = data.searcher()
    builder = QueryBuilder(data, LiveGlossary().get())
    for text in texts:
        q = builder.build(parse_query(text))
        fast = data.fast.top(searcher, q, None, None)
        slow = _plain_ranking(data, q)
        assert [d for d, _ in fast] == [d for d, _ in slow], text
        assert np.allclose([s for _, s in fast], [s for _, s in slow], rtol=1e-12, atol=0), text


def test_every_word_term_of_a_built_index_is_held_with_the_postings_whoosh_stores(keyword_index):
    data = _opened(keyword_index)
    assert _assert_every_word_term_is_held_as_whoosh_has_it(data) > 1000
    _assert_ranks_as_whoosh(data)


def test_document_frequencies_from_the_arrays_are_those_whoosh_counts(keyword_index):
    data = _opened(keyword_index)
    searcher = data.searcher()
    with data.ix.searcher() as plain:
        reader = plain.reader()
        words = [t for t, _info in reader.iter_field("text")]
        grams = [t for t, _info in reader.iter_field("text_bigram")][::7]
        for field, terms in (("text", words), ("text_bigram", grams)):
            for btext in terms:
                text = btext.decode("utf-8")
                assert data.fast.doc_frequency(searcher, field, text) == reader.doc_frequency(field, text)
        for field, text in (("text", "存在しない語"), ("text_bigram", "ゑゐ")):
            assert data.fast.doc_frequency(searcher, field, text) == 0
            assert searcher.doc_frequency(field, text) == 0
        # the query builder's and the ward answer's look-ups go through the searcher
        assert searcher.doc_frequency("text", "多胎児") == reader.doc_frequency("text", "多胎児") > 0
        assert searcher.idf("text", "多胎児") == plain.idf("text", "多胎児")


def test_an_index_without_stored_token_spans_answers_the_same(keyword_index, tmp_path):
    """An index built before the spans were stored: every term is read from Whoosh,
    and the keyword half ranks exactly as with the derived postings."""
    copy = tmp_path / "index"
    shutil.copytree(keyword_index, copy)
    gen = store.open_generation(copy)
    shutil.rmtree(fulltext.spans_path(gen.fulltext_path))
    with_spans, without = _opened(keyword_index), _opened(copy)
    assert without.spans is None
    assert all(without.fast.held_words(r.segment().segment_id(), "text") is None for r in _segments(without))
    for data in (with_spans, without):
        _assert_ranks_as_whoosh(data)
    for text in QUERIES:
        q = _builder_query(with_spans, text)
        for f in (Filters(), Filters(ward="西区")):
            a = retrieval_bm25.search(with_spans, q, with_spans.docnum_filter(f))
            b = retrieval_bm25.search(without, q, without.docnum_filter(f))
            assert [with_spans.passages[i]["passage_id"] for i, _ in a] == \
                [without.passages[i]["passage_id"] for i, _ in b], text
            assert [s for _, s in a] == [s for _, s in b], text


def _builder_query(data: Generation, text: str):
    from indexer.synonyms import LiveGlossary
    from search_app.querybuild import QueryBuilder

    return QueryBuilder(data, LiveGlossary().get()).build(parse_query(text))


def test_terms_of_deleted_passages_are_read_from_whoosh(keyword_index, tmp_path):
    """A segment with deletions (an update committed without merging): the derived
    postings lack the deleted passages, so the terms they held do not match
    Whoosh's statistics and are read from Whoosh; the ranking is Whoosh's."""
    copy = tmp_path / "index"
    shutil.copytree(keyword_index, copy)
    gen = store.open_generation(copy)
    ix = fulltext.open_index(gen.fulltext_path)
    delete_two_passages(ix)
    data = _opened(copy)
    assert data.searcher().reader().has_deletions()
    checked = unchecked = 0
    for reader in _segments(data):
        words = data.fast.held_words(reader.segment().segment_id(), "text")
        for btext, _info in reader.iter_field("text"):
            k = words.lookup(btext)
            if k == wordpostings.UNCHECKED:
                unchecked += 1
            else:
                assert k >= 0
                assert (words.postings(k)[0].tolist(), words.postings(k)[1].tolist()) == \
                    _whoosh_postings(reader, "text", btext)
                checked += 1
        assert words.lookup("多胎児".encode()) == wordpostings.UNCHECKED
    assert checked > 1000 and unchecked > 0
    _assert_ranks_as_whoosh(data)


def test_a_reindex_of_one_report_keeps_the_derived_postings_those_whoosh_stores(tmp_path):
    """Incremental updates: a report added (a new segment written by Whoosh's own
    writer, no stored positions), then another removed (Whoosh merges the
    segments): every word term of every segment is still held with Whoosh's
    postings, and the keyword half ranks exactly as Whoosh."""
    from indexer.reindex import reindex

    corpus, index, files = seed_reports_but_the_last(tmp_path, reindex)
    summary = reindex(corpus, index)
    assert not summary.keyword_rebuilt and summary.added == [files[-1].name]
    data = _opened(index)
    assert _assert_every_word_term_is_held_as_whoosh_has_it(data) > 1000
    _assert_ranks_as_whoosh(data)

    (corpus / files[0].name).unlink()
    summary = reindex(corpus, index)
    assert not summary.keyword_rebuilt and summary.removed == [files[0].name]
    data = _opened(index)
    assert _assert_every_word_term_is_held_as_whoosh_has_it(data) > 1000
    _assert_ranks_as_whoosh(data)
