"""A full keyword build written by the batch segment writer is the index Whoosh's own writer makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index

from indexer import fulltext
from indexer.analysis import index_terms
from indexer.corpus import parse_corpus
from indexer.segmentwriter import BatchSegmentWriter, index_items

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def passages():
    return parse_corpus(CORPUS).passages


def _whoosh_build(path: Path, docs: list[dict]):
    ix = fulltext.create(path)
    writer = ix.writer()
    for fields in docs:
        writer.add_document(**fields)
    writer.commit()
    return index.open_dir(str(path))


def _segment_files(ix) -> dict:
    """Each file of each segment by its extension, plus the segments' counts and field lengths."""
    out = {}
    for k, seg in enumerate(ix._segments()):
        storage = seg.open_compound_file(ix.storage) if seg.is_compound() else ix.storage
        for name in storage.list():
            if seg.segid in name:
                out[(k, name.replace(seg.segid, ""))] = storage.open_file(name).read()
        out[(k, "counts")] = (seg.doc_count_all(), sorted(seg._fieldlengths.items()))
    return out


def _postings(ix) -> dict:
    """Every term's statistics and postings (ids, weights, decoded values)."""
    out = {}
    with ix.reader() as reader:
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            m = reader.postings(field, term)
            rows = []
            while m.is_active():
                rows.append((m.id(), m.weight(), m.value()))
                m.next()
            out[(field, term)] = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                                  info.max_weight(), info.min_id(), info.max_id(), rows)
        out["stored"] = list(reader.all_stored_fields())
        out["lengths"] = [[reader.doc_field_length(d, f) for f in ("text", "text_bigram")]
                          for d in range(reader.doc_count_all())]
    return out


# with or without keeping the terms' spans, and the bigram positions (its postings then come from gram codes)
@pytest.mark.parametrize("spans_field,positions_field", [(None, None), ("text", None), ("text", "text_bigram")])
def test_a_batch_written_segment_is_byte_identical_to_whooshs(tmp_path, passages, spans_field, positions_field):
    docs = [fulltext.passage_fields(p) for p in passages]
    expected = _whoosh_build(tmp_path / "whoosh", docs)

    ix = fulltext.create(tmp_path / "batch")
    writer = BatchSegmentWriter(ix, spans_field=spans_field, positions_field=positions_field)
    for fields in docs:  # one by one: no value is analysed once for several documents
        writer.add_document(**fields)
    writer.commit(merge=False)

    got, want = _segment_files(index.open_dir(str(tmp_path / "batch"))), _segment_files(expected)
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], key


@pytest.mark.parametrize("positions_field", [None, "text_bigram"])
def test_repeated_boilerplate_is_analysed_once_and_indexed_as_every_copy(tmp_path, passages, monkeypatch,
                                                                         positions_field):
    # The same standard sentence in many reports: a text repeated across passages.
    docs = [fulltext.passage_fields(p) for p in passages]
    for i in range(0, len(docs), 3):
        docs[i] = {**docs[i], "text": docs[0]["text"], "text_bigram": docs[0]["text_bigram"]}
    expected = _whoosh_build(tmp_path / "whoosh", docs)

    from indexer import segmentwriter
    from indexer.analysis import BigramTokenizer
    analysed = []
    real = segmentwriter.index_columns
    monkeypatch.setattr(segmentwriter, "index_columns",
                        lambda field, value: analysed.append(value) or real(field, value))
    real_codes = BigramTokenizer.gram_codes
    monkeypatch.setattr(BigramTokenizer, "gram_codes",
                        lambda self, value: analysed.append(value) or real_codes(self, value))
    ix = fulltext.create(tmp_path / "batch")
    writer = BatchSegmentWriter(ix, positions_field=positions_field)
    assert writer.add_documents(docs) == len(docs)
    writer.commit(merge=False)

    assert analysed.count(docs[0]["text"]) == 2  # once per text field, not once per copy
    assert _postings(index.open_dir(str(tmp_path / "batch"))) == _postings(expected)


def test_full_builds_search_like_whooshs_index(tmp_path, passages, monkeypatch):
    from whoosh.qparser import QueryParser

    docs = [fulltext.passage_fields(p) for p in passages]
    expected = _whoosh_build(tmp_path / "whoosh", docs)
    monkeypatch.setenv("KYOTEN_INDEX_PROCS", "1")
    built = fulltext.create(tmp_path / "built")
    assert fulltext.add_passages(built, passages) == len(passages)
    built = fulltext.open_index(tmp_path / "built")
    with expected.searcher() as a, built.searcher() as b:
        for q in ("多胎児", "父親 講座", "子育て 支援", '"プレパパママ"'):
            query = QueryParser("text_bigram" if q.startswith('"') else "text", expected.schema).parse(q)
            assert [(h["passage_id"], h.score) for h in b.search(query, limit=30)] == \
                [(h["passage_id"], h.score) for h in a.search(query, limit=30)]


@pytest.mark.parametrize("text", [
    "多胎児の交流会を開催し、子ども・こども・子供の居場所づくりに取り組んだ。",
    "ﾊﾟﾊﾟ講座とＰＡＰＡクラス、LINEで情報発信（令和５年度）",
    "プレパパママクラス　パパ　ママ　ー　々",
    "", "。、！？", "a", "特になし", "する こと もの など",
    "両親教室\n\n沐浴体験\r\n父親の育児参加" * 3,
    "長い文章。" * 1200,  # several Sudachi chunks
])
def test_index_terms_are_what_whooshs_formats_record(text):
    schema = fulltext.make_schema()
    for name in ("text", "text_bigram"):
        field = schema[name]
        want = sorted(field.index(text))
        as_text, items = index_items(field, text)
        assert as_text  # the project's analyzers take the direct path
        assert sorted((t.encode("utf-8"), *rest) for t, *rest in items) == want, name
        terms = index_terms(field.analyzer, text, positions=False)
        assert sorted((t.encode("utf-8"), n) for t, n in terms.items()) == [(t, n) for t, n, _w, _v in want]
    for name in ("passage_id", "doc_id"):  # ID fields: the whole value is the term
        field = schema[name]
        as_text, items = index_items(field, text)
        assert as_text and [(t.encode("utf-8"), *rest) for t, *rest in items] == list(field.index(text)), name


@pytest.mark.parametrize("text", ["ﾊﾟﾊﾟｸﾗｽ", "か\u3099き", "\u1100\u1161\u11a8 한글", "Ⅻ㈱①ＡＢＣ　ｶﾞｲﾄﾞ", "İSTANBUL ǅ ß", "\u0301先頭の結合文字"])
def test_the_index_path_normalises_text_as_the_offset_mapping_normaliser(text):
    from indexer.analysis import nfkc_text, normalize_with_offsets
    for lower in (False, True):
        assert nfkc_text(text, lower) == normalize_with_offsets(text, lower)[0]


def test_a_large_build_is_split_into_bounded_segments_holding_the_same_postings(tmp_path, passages, monkeypatch):
    monkeypatch.setenv("KYOTEN_INDEX_PROCS", "1")
    monkeypatch.setattr(fulltext, "SEGMENT_MAX_PASSAGES", 40)
    expected = _whoosh_build(tmp_path / "whoosh", [fulltext.passage_fields(p) for p in passages])
    built = fulltext.create(tmp_path / "built")
    assert fulltext.add_passages(built, passages) == len(passages)
    built = fulltext.open_index(tmp_path / "built")
    assert len(built._segments()) == -(-len(passages) // 40)
    with built.searcher() as b, expected.searcher() as a:
        assert [d["passage_id"] for d in b.all_stored_fields()] == [d["passage_id"] for d in a.all_stored_fields()]
        rb, ra = b.reader(), a.reader()
        assert list(rb.all_terms()) == list(ra.all_terms())
        for field, term in ra.all_terms():
            assert list(rb.postings(field, term).items_as("frequency")) == \
                list(ra.postings(field, term).items_as("frequency"))


def test_the_positions_stored_beside_a_segment_are_those_whoosh_stores(tmp_path, passages, monkeypatch):
    from indexer import positions

    monkeypatch.setenv("KYOTEN_INDEX_PROCS", "1")
    docs = [fulltext.passage_fields(p) for p in passages]
    for i in range(0, len(docs), 5):  # repeated texts take the memo's path
        docs[i] = {**docs[i], "text": docs[1]["text"], "text_bigram": docs[1]["text_bigram"]}
    ix = fulltext.create(tmp_path / "ix")
    writer = BatchSegmentWriter(ix, positions_field="text_bigram")
    writer.add_documents(docs)
    writer.commit(merge=False)
    ix = fulltext.open_index(tmp_path / "ix")
    (segment,) = ix._segments()
    stored = positions.SegmentPositions.open(positions.segment_folder(tmp_path / "ix", segment.segment_id()),
                                             "text_bigram")
    got, want = {}, {}
    for t, term in enumerate(stored.terms.tolist()):
        a, b = int(stored.term_rows[t]), int(stored.term_rows[t + 1])
        first = int(stored.term_first[t])
        for doc, count in zip(stored.docs[a:b].tolist(), stored.counts[a:b].tolist()):
            got[(term, doc)] = stored.positions[first:first + count].tolist()
            first += count
    with ix.reader() as reader:
        for field, term in reader.all_terms():
            if field == "text_bigram":
                for doc, poses in reader.postings(field, term).items_as("positions"):
                    want[(term, doc)] = list(poses)
    assert got == want and len(want) > 10_000


def test_a_large_parallel_build_gives_every_process_as_many_equal_segments(tmp_path, passages, monkeypatch):
    # 3 segments on 2 processes would leave one process idle for a third of the build
    monkeypatch.setenv("KYOTEN_INDEX_PROCS", "2")
    monkeypatch.setattr(fulltext, "PARALLEL_MIN_PASSAGES", 2)
    monkeypatch.setattr(fulltext, "SEGMENT_MAX_PASSAGES", -(-len(passages) // 3))
    expected = _whoosh_build(tmp_path / "whoosh", [fulltext.passage_fields(p) for p in passages])
    built = fulltext.create(tmp_path / "built")
    assert fulltext.add_passages(built, passages) == len(passages)
    built = fulltext.open_index(tmp_path / "built")
    sizes = [s.doc_count_all() for s in built._segments()]
    assert len(sizes) == 4 and max(sizes) - min(sizes) <= 1 and max(sizes) <= fulltext.SEGMENT_MAX_PASSAGES
    with built.searcher() as b, expected.searcher() as a:
        assert [d["passage_id"] for d in b.all_stored_fields()] == [d["passage_id"] for d in a.all_stored_fields()]
        rb, ra = b.reader(), a.reader()
        assert list(rb.all_terms()) == list(ra.all_terms())
        for field, term in ra.all_terms():
            assert list(rb.postings(field, term).items_as("frequency")) == \
                list(ra.postings(field, term).items_as("frequency"))


def test_the_callers_work_runs_once_while_the_workers_write_and_its_error_cancels_the_build(
        tmp_path, passages, monkeypatch):
    monkeypatch.setenv("KYOTEN_INDEX_PROCS", "2")
    monkeypatch.setattr(fulltext, "PARALLEL_MIN_PASSAGES", 20)
    calls = []
    built = fulltext.create(tmp_path / "built")
    assert fulltext.add_passages(built, passages, meanwhile=lambda: calls.append(1)) == len(passages)
    assert calls == [1] and fulltext.open_index(tmp_path / "built").doc_count_all() == len(passages)

    def fails():
        raise RuntimeError("records failed")

    broken = fulltext.create(tmp_path / "broken")
    with pytest.raises(RuntimeError, match="records failed"):
        fulltext.add_passages(broken, passages, meanwhile=fails)
    broken = fulltext.open_index(tmp_path / "broken")
    assert broken.doc_count_all() == 0
    broken.writer().cancel()   # the lock was released
