"""The index records which parser and analyzer built it: after an update, a plain
`kyoten reindex` re-reads what may have changed, without --full."""

from __future__ import annotations

import json
from pathlib import Path

from indexer import corpus as corpus_module
from indexer import fulltext, parse, reindex as reindex_module, store
from indexer.load import LoadError
from indexer.reindex import reindex
from search_app.service import SearchService

REPORTS = {
    "a.txt": "栄区地域子育て支援拠点事業\n\n双子の家庭向けの交流会を始めた。\n",
    "b.txt": "磯子区地域子育て支援拠点事業\n\nパパの育児講座を開いた。\n",
}


def make_corpus(root: Path) -> Path:
    root.mkdir()
    for name, text in REPORTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def manifest(index: Path) -> dict:
    return json.loads((index / store.current_name(index) / "manifest.json").read_text(encoding="utf-8"))


def bm25_wards(index: Path, query: str) -> set:
    return {r["ward"] for r in SearchService.open(index, semantic=False).search(query, mode="bm25")["results"]}


def test_a_parser_version_bump_makes_a_plain_reindex_serve_the_new_parser_output(tmp_path, monkeypatch):
    corpus, index = make_corpus(tmp_path / "corpus"), tmp_path / "index"
    reindex(corpus, index)
    assert manifest(index)["parser_version"] == parse.PARSER_VERSION
    original = corpus_module.parse_text

    def fixed_parser(text, *args, **kwargs):  # a parser change that alters every passage
        parsed = original(text, *args, **kwargs)
        for p in parsed.passages:
            p.text += "（改訂版の解析）"
        return parsed

    monkeypatch.setattr(corpus_module, "parse_text", fixed_parser)
    assert reindex(corpus, index).unchanged == 2          # same version: nothing is re-read
    assert bm25_wards(index, "改訂版") == set()
    monkeypatch.setattr(parse, "PARSER_VERSION", parse.PARSER_VERSION + ".test")
    summary = reindex(corpus, index)
    assert sorted(summary.reparsed) == ["a.txt", "b.txt"] and summary.unchanged == 0
    assert not summary.full and summary.added == summary.changed == []
    assert any("解析器の版が変わった" in n for n in summary.notes)
    assert manifest(index)["parser_version"] == parse.PARSER_VERSION
    assert bm25_wards(index, "改訂版") == {"栄区", "磯子区"}
    again = reindex(corpus, index)
    assert again.reparsed == [] and again.unchanged == 2


def test_a_file_that_failed_is_retried_by_a_plain_reindex(tmp_path, monkeypatch):
    corpus, index = make_corpus(tmp_path / "corpus"), tmp_path / "index"
    real_load = corpus_module.load_file

    def load_without_tool(path, *args, **kwargs):  # e.g. OCR not installed yet
        if Path(path).name == "b.txt":
            raise LoadError(Path(path).name, "OCRの道具がインストールされていません")
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "load_file", load_without_tool)
    first = reindex(corpus, index)
    assert [f["file"] for f in first.failed] == ["b.txt"]
    second = reindex(corpus, index)
    assert second.retried == ["b.txt"] and [f["file"] for f in second.failed] == ["b.txt"]
    monkeypatch.setattr(corpus_module, "load_file", real_load)  # the tool is installed
    third = reindex(corpus, index)
    assert third.retried == ["b.txt"] and third.failed == [] and not third.full
    assert third.unchanged == 1 and third.documents == 2
    assert bm25_wards(index, "パパ") == {"磯子区"}
    assert store.open_generation(index).errors == []


def test_a_changed_analyzer_rebuilds_the_keyword_index_from_the_kept_records(tmp_path, monkeypatch):
    corpus, index = make_corpus(tmp_path / "corpus"), tmp_path / "index"
    reindex(corpus, index)
    assert manifest(index)["analyzer_version"] == reindex_module.analyzer_version()
    original = fulltext.passage_fields

    def new_analysis(p):  # an analyzer change: every passage gets a term it lacked
        fields = original(p)
        fields["text"] += " 新語彙"
        return fields

    monkeypatch.setattr(fulltext, "passage_fields", new_analysis)
    assert not reindex(corpus, index).keyword_rebuilt   # same version: the old index is copied
    assert bm25_wards(index, "新語彙") == set()
    monkeypatch.setattr(reindex_module, "ANALYZER_VERSION", reindex_module.ANALYZER_VERSION + ".test")
    summary = reindex(corpus, index)
    assert summary.keyword_rebuilt and summary.reparsed == [] and summary.unchanged == 2
    assert any("キーワード索引を作り直しました" in n for n in summary.notes)
    assert bm25_wards(index, "新語彙") == {"栄区", "磯子区"}
    assert manifest(index)["analyzer_version"] == reindex_module.analyzer_version()
    assert not reindex(corpus, index).keyword_rebuilt
