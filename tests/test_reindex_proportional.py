"""An edit of one report costs the work of that report: the keyword rewrite does not
analyse the passages the previous index already holds, and the embedding step does
not look up the vectors of passages carried over unchanged (issue 13; the 360-report
archive's figures are in docs/benchmarks.md, arch17). Tiny generated reports here."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from indexer import embcache, fulltext, segmentwriter, sentences, store, tokenspans
from indexer.reindex import reindex
from search_app import retrieval_bm25
from search_app.query import parse_query
from search_app.service import SearchService

WARDS = ("港南区", "西区", "中区", "緑区")


def report(folder: Path, ward: str, year: int, extra: str = "") -> Path:
    """A short yearly report: a paragraph carried over every year, one of its own."""
    path = folder / f"{ward}_{year}.txt"
    path.write_text(
        f"令和{year - 2018}年度 地域子育て支援拠点事業 評価報告書\n\n{ward}地域子育て支援拠点\n\n取組の成果\n\n"
        "多胎児の家庭が集まる交流会を開き、双子の親同士がつながった。\n\n"
        f"{ward}では{year}年に子育てサークルの代表者会議を三回開いた。{extra}\n", encoding="utf-8")
    return path


def corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for ward in WARDS:
        for year in (2020, 2021, 2022):
            report(folder, ward, year)
    return folder


def _answers(index_dir: Path) -> dict:
    service = SearchService.open(index_dir, semantic=False)
    return {q: [(p["passage_id"], p["score"]) for p in service.search(q, mode="bm25")["results"]]
            for q in ("多胎児", "代表者会議", '"双子の親"', "交流会 西区", "ふたご")}


def _term_frequencies(index_dir: Path) -> dict:
    """Every (field, term) of the keyword index with its document frequency and
    total frequency: what BM25 reads."""
    ix = whoosh_index.open_dir(str(store.open_generation(index_dir).fulltext_path))
    with ix.reader() as reader:
        return {(f, t): (reader.doc_frequency(f, t), reader.frequency(f, t)) for f, t in reader.all_terms()}


def test_rewriting_the_keyword_index_after_an_edit_analyses_only_the_texts_it_did_not_hold(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    reindex(folder, index_dir)
    analysed: list[str] = []
    real = segmentwriter.index_term_spans

    def counting(analyzer, value):
        analysed.append(value)
        return real(analyzer, value)

    monkeypatch.setattr(segmentwriter, "index_term_spans", counting)
    report(folder, "西区", 2021, extra="ふたごの家庭の相談が増えた。")      # changed
    (folder / "中区_2020.txt").unlink()                                     # removed
    summary = reindex(folder, index_dir)
    assert summary.changed == ["西区_2021.txt"] and summary.removed == ["中区_2020.txt"]
    # the keyword index was written anew (a report went), yet Sudachi read only the
    # one new text: every other passage's terms came from the stored spans
    assert len(analysed) == 1 and "ふたごの家庭の相談が増えた" in analysed[0]
    assert summary.texts_analysed == 1 and summary.texts_reused > 5


def test_an_index_rewritten_from_stored_terms_is_the_full_build_s(tmp_path):
    folder = corpus(tmp_path / "corpus")
    inc = tmp_path / "inc"
    reindex(folder, inc)
    report(folder, "緑区", 2022, extra="ふたごの家庭の相談が増えた。")
    (folder / "港南区_2020.txt").unlink()
    report(folder, "港南区", 2023)
    reindex(folder, inc)
    shutil.copytree(folder, tmp_path / "again")
    full = tmp_path / "full"
    reindex(tmp_path / "again", full, full=True)
    assert _term_frequencies(inc) == _term_frequencies(full)
    assert _answers(inc) == _answers(full)
    spans = [tokenspans.read_arrays(fulltext.spans_path(store.open_generation(d).fulltext_path)) for d in (inc, full)]
    for name in ("keys", "bounds", "terms", "starts", "ends"):
        assert np.array_equal(spans[0][name], spans[1][name]), name
    assert spans[0]["vocab"] == spans[1]["vocab"]


class CountingEmbedder:
    """Vectors from each text's characters (stable across processes); counts what it embeds."""

    model_name = cache_key = "proportional-test-embedder"
    dim = 8

    def __init__(self):
        self.encoded: list[str] = []

    def encode_passages(self, texts, show_progress=False):
        self.encoded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for k, ch in enumerate(t):
                out[i, (ord(ch) + k) % self.dim] += 1.0
            out[i] /= np.linalg.norm(out[i])
        return out


def test_an_edit_looks_up_only_the_vectors_of_the_edited_report_and_keeps_the_others_as_they_were(
        tmp_path, monkeypatch):
    folder = corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    embedder = CountingEmbedder()
    reindex(folder, index_dir, embedder=embedder)
    asked: list[str] = []
    real = embcache.EmbeddingCache.get_many

    def recording(self, texts):
        asked.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(embcache.EmbeddingCache, "get_many", recording)
    edited = report(folder, "中区", 2022, extra="ふたごの家庭の相談が増えた。二回目の会は雨で延期した。")
    summary = reindex(folder, index_dir, embedder=embedder)
    assert summary.changed == [edited.name] and summary.unembedded == 0
    gen = store.open_generation(index_dir)
    edited_texts = {p["text"] for p in gen.passages if p["source_file"] == edited.name}
    # only the edited report's passages (and their sentences) were looked up
    edited_sentences = {s for t in edited_texts for s in sentences.split(t)}
    assert asked and set(asked) <= edited_texts | edited_sentences
    assert summary.vectors_carried == len(gen.passages) - len(edited_texts)
    # … and the generation holds exactly what a full rebuild from the same cache holds
    shutil.copytree(index_dir, tmp_path / "full-index")
    monkeypatch.setattr(embcache.EmbeddingCache, "get_many", real)
    reindex(folder, tmp_path / "full-index", embedder=embedder, full=True)
    full = store.open_generation(tmp_path / "full-index")
    assert [p["text"] for p in full.passages] == [p["text"] for p in gen.passages]
    assert np.array_equal(np.asarray(full.vectors), np.asarray(gen.vectors))
    assert np.array_equal(full.sentences.offsets, gen.sentences.offsets)
    assert np.array_equal(full.sentences.mapped(), gen.sentences.mapped())


def test_copies_of_a_few_texts_do_not_keep_other_texts_out_of_the_keyword_window(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    # one paragraph about 多胎児 carried over into eight reports, and two other texts
    # that name it less prominently, once each
    for k in range(8):
        (folder / f"港南区_{2010 + k}.txt").write_text(
            f"平成{22 + k}年度 評価報告書\n\n取組の成果\n\n多胎児の交流会と多胎児の相談会を開いた。\n", encoding="utf-8")
    (folder / "西区_2020.txt").write_text(
        "取組の成果\n\n子育てサークルの代表者会議を開き、地域の親子の居場所と多胎児の家庭への支援を話し合った。\n",
        encoding="utf-8")
    (folder / "中区_2020.txt").write_text(
        "取組の課題\n\n転入してきた家庭や多胎児を育てる家庭に、拠点の情報が届きにくい。地域の掲示板を使って周知したい。\n",
        encoding="utf-8")
    index_dir = tmp_path / "index"
    reindex(folder, index_dir)
    service = SearchService.open(index_dir, semantic=False)
    query = service.build_query(parse_query("多胎児"))
    hits = retrieval_bm25.search(service.data, query, None, limit=3)
    texts = [service.data.passages[i]["text"] for i, _s in hits]
    # the three best passages are copies of one text; the window still holds three texts
    assert len({service.data.duplicates.exact[i] for i, _s in hits}) == 3
    assert any("代表者会議" in t for t in texts) and any("転入してきた家庭" in t for t in texts)
    assert sum("多胎児の交流会" in t for t in texts) == 3, texts          # the copies stay in it
    scores = [s for _i, s in hits]
    assert scores == sorted(scores, reverse=True)


def test_feedback_learns_from_distinct_texts_not_from_copies_of_one():
    from search_app import expansion

    # passages 0-3 are copies of one text (group 0), 4-6 three other texts
    exact = np.array([0, 0, 0, 0, 4, 5, 6])
    fused = {0: 1.0, 1: 0.99, 2: 0.98, 3: 0.97, 4: 0.6, 5: 0.5, 6: 0.4}
    top = expansion.feedback_passages(fused, exact)
    assert [i for i, _s in top] == [0, 4, 5, 6]
    assert [i for i, _s in expansion.feedback_passages(fused)][:expansion.FEEDBACK_DOCS] == [0, 1, 2, 3, 4]
