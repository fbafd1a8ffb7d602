"""Snippets mark a passage's words from the token spans stored with the index,
exactly as analysing the passage would, and an index without them still works."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index_edits import seed_reports_but_the_last
from indexer import fulltext, positions, store, tokenspans
from indexer.analysis import japanese_analyzer
from search_app import snippets
from search_app.query import parse_query

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
QUERIES = ["多胎児", "子ども", "父親 育児", "妊娠期支援", "ダブルケア", "外国につながる親子", "プレパパママ",
           "子育てサポートシステム 提供会員", "令和5年度 父親", "ひろば預かり"]
TRICKY = ["ﾊﾟﾊﾟ講座とＰＡＰＡクラス、LINEで情報発信（令和５年度）", "㈱子ども①②の取組　Ⅻ",
          "か\u3099きの\u3099", "\u0301先頭の結合文字と多胎児", "ﬁle ㍻31年 子育て", "特になし", "",
          "両親教室\n\n沐浴体験\r\n父親の育児参加" * 3, "長い文章。多胎児。" * 700]


def _analysed_tokens(text: str) -> dict[str, list[tuple[int, int]]]:
    """What snippets got by analysing a text: each term's non-empty spans, in order."""
    out: dict[str, list[tuple[int, int]]] = {}
    for t in japanese_analyzer()(text, chars=True, mode="index"):
        if t.endchar > t.startchar:
            out.setdefault(t.text, []).append((t.startchar, t.endchar))
    return out


def _stored_tokens(spans: tokenspans.TokenSpans, text: str) -> dict[str, list[tuple[int, int]]] | None:
    row = int(spans.rows([text])[0])
    if row < 0:
        return None
    return spans.spans(row, spans.vocab)


@pytest.mark.parametrize("text", TRICKY)
def test_the_stored_tokens_of_a_text_are_those_the_analyser_yields_with_their_offsets(tmp_path, text):
    tok, stop = japanese_analyzer().items
    builder = tokenspans.SpansBuilder()
    builder.add(text, tok.term_spans(text, stop.stops))
    tokenspans.write(tmp_path / "spans", tokenspans.merge([builder.arrays()]))
    spans = tokenspans.TokenSpans.open(tmp_path / "spans")
    assert _stored_tokens(spans, text) == _analysed_tokens(text)
    assert {t: len(v) // 2 for t, v in tok.term_spans(text, stop.stops).items()} == \
        tok.term_counts(text, stop.stops)
    assert _stored_tokens(spans, text + "。") is None   # another text: not held


def test_a_line_shared_by_several_texts_is_marked_at_its_own_offsets_in_each():
    # a repeated line (a standard sentence in many reports) is tokenised once; each text
    # still gets the analyser's spans, after half-width kana that NFKC shortens too
    tok, stop = japanese_analyzer().items
    line = "父親の育児参加を促すプレパパママ教室を開催した"
    for text in (line, "両親教室\n" + line, "ﾊﾟﾊﾟ講座（令和５年度）\r\n" + line + "\n\n" + line, line + "。"):
        spans = tok.term_spans(text, stop.stops)
        found = {t: [(b, e) for b, e in zip(v[0::2], v[1::2]) if e > b] for t, v in spans.items()}
        assert {t: v for t, v in found.items() if v} == _analysed_tokens(text)


def test_every_passage_of_a_built_index_has_its_stored_tokens(keyword_service):
    data = keyword_service.data
    assert data.spans is not None and -1 not in data.span_rows
    for p in data.passages[::7]:
        assert _stored_tokens(data.spans, p["text"]) == _analysed_tokens(p["text"])


def test_a_snippet_from_stored_offsets_is_the_same_as_one_from_analysing_the_passage(keyword_service):
    data = keyword_service.data
    marked = 0
    for q in QUERIES:
        terms, surfaces = keyword_service.highlight_terms(parse_query(q))
        for i, p in enumerate(data.passages):
            snippets.clear_caches()
            stored = snippets.snippet_html(p["text"], terms, surfaces,
                                           stored=lambda words: data.token_spans(i, words))
            snippets.clear_caches()
            assert stored == snippets.snippet_html(p["text"], terms, surfaces), (q, i)
            marked += "<mark>" in stored
    assert marked > 100


def test_a_parallel_build_stores_the_spans_of_a_one_process_build(tmp_path, monkeypatch):
    from indexer.corpus import parse_corpus

    passages = parse_corpus(CORPUS).passages
    monkeypatch.setattr(fulltext, "PARALLEL_MIN_PASSAGES", 10)
    built = {}
    for procs in ("1", "2"):
        monkeypatch.setenv("KYOTEN_INDEX_PROCS", procs)
        ix = fulltext.create(tmp_path / procs)
        fulltext.add_passages(ix, passages)
        spans = fulltext.open_spans(tmp_path / procs)
        built[procs] = {p.text: _stored_tokens(spans, p.text) for p in passages}
    assert len(fulltext.open_index(tmp_path / "2")._segments()) == 2
    assert built["2"] == built["1"]
    assert all(v is not None for v in built["2"].values())


def _search_snippets(index: Path) -> list:
    from search_app.service import SearchService

    service = SearchService.open(index, semantic=False)
    out = []
    for q in QUERIES + ["プレパパママクラス", '"育児講座"']:
        r = service.search(q, mode="bm25", k=20)
        out.append([(p["passage_id"], p["score"], p["snippet_html"]) for p in r["results"]])
        out.append([e["snippet_html"] for w in r["wards"] for e in w["evidence"]])
    return out, service


def test_an_index_built_before_offsets_existed_still_answers_with_snippets(tmp_path):
    from search_app.indexing import build_index

    index = tmp_path / "index"
    build_index(CORPUS, index, semantic=False)
    with_spans, service = _search_snippets(index)
    assert service.data.spans is not None
    gen = store.open_generation(index)
    assert (gen.fulltext_path / positions.FOLDER).is_dir()
    shutil.rmtree(fulltext.spans_path(gen.fulltext_path))   # as an older build left it
    shutil.rmtree(gen.fulltext_path / positions.FOLDER)
    without, old = _search_snippets(index)
    assert old.data.spans is None
    assert without == with_spans
    assert any("<mark>" in s for group in without for s in group)


def test_an_index_built_before_offsets_existed_gets_them_at_the_next_reindex(tmp_path):
    from indexer.reindex import reindex

    index = tmp_path / "index"
    reindex(CORPUS, index)
    gen = store.open_generation(index)
    shutil.rmtree(fulltext.spans_path(gen.fulltext_path))
    manifest = json.loads((gen.path / "manifest.json").read_text(encoding="utf-8"))
    manifest["analyzer_version"] = "2;" + manifest["analyzer_version"].split(";", 1)[1]  # the version before
    (gen.path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    summary = reindex(CORPUS, index)
    assert summary.keyword_rebuilt and not summary.full and summary.unchanged == len(list(CORPUS.glob("*.txt")))
    spans = fulltext.open_spans(store.open_generation(index).fulltext_path)
    assert spans is not None and len(spans) == len({p["text"] for p in store.open_generation(index).passages})


def test_an_incremental_reindex_stores_the_spans_of_the_passages_it_adds(tmp_path):
    from indexer.reindex import reindex

    corpus, index, files = seed_reports_but_the_last(tmp_path, reindex)
    (corpus / files[0].name).unlink()
    summary = reindex(corpus, index)
    assert not summary.keyword_rebuilt and summary.added == [files[-1].name]
    gen = store.open_generation(index)
    spans = fulltext.open_spans(gen.fulltext_path)
    rows = spans.rows([p["text"] for p in gen.passages])
    assert (rows >= 0).all()
    added = [p["text"] for p in gen.passages if p["source_file"] == files[-1].name]
    assert added and all(_stored_tokens(spans, t) == _analysed_tokens(t) for t in added[::5])
    # the removed file's passages made Whoosh merge the segments: the positions
    # stored beside the old segment are gone, and phrases are checked on Whoosh's
    from benchmarks.scorer_check import compare

    segments = {s.segment_id() for s in fulltext.open_index(gen.fulltext_path)._segments()}
    folder = gen.fulltext_path / positions.FOLDER
    assert {p.name for p in folder.iterdir()} <= segments if folder.is_dir() else True
    result = compare(index, ["多胎児", "プレパパママクラス", "パパ講座", "子育て支援"], verbose=False)
    assert result["rankings"] > 10 and result["mismatches"] == 0


def test_unreadable_stored_spans_are_ignored_and_snippets_analyse_instead(tmp_path):
    (tmp_path / "spans").mkdir()
    (tmp_path / "spans" / "meta.json").write_text('{"format": 99}', encoding="utf-8")
    assert tokenspans.TokenSpans.open(tmp_path / "spans") is None
    (tmp_path / "spans" / "meta.json").write_text('{"format": 1, "texts": 3, "tokens": 0}', encoding="utf-8")
    assert tokenspans.TokenSpans.open(tmp_path / "spans") is None   # arrays missing
    assert tokenspans.TokenSpans.open(tmp_path / "nothing") is None
