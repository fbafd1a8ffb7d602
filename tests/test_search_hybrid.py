"""Semantic and hybrid search answer paraphrased questions and find peer practices."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_app.evaluation import evaluate, load_judgements
from search_app.service import SearchService

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"

pytestmark = pytest.mark.model


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
def test_paraphrase_about_twins_finds_the_wards_that_support_multiple_births(hybrid_service, mode):
    r = hybrid_service.search("双子を育てる親への支援", mode=mode)
    assert {"港南区", "西区"} <= {w["ward"] for w in r["wards"]}
    top = [p["ward"] for p in r["results"][:5]]
    assert "港南区" in top and "西区" in top


def test_hybrid_ward_answer_leaves_out_wards_that_never_mention_the_topic(hybrid_service):
    r = hybrid_service.search("多胎児", mode="hybrid")
    assert {w["ward"] for w in r["wards"]} == {"港南区", "西区"}


def test_similar_practices_for_nishi_flyer_include_konan_twin_stars(hybrid_service):
    flyer = next(p for p in hybrid_service.data.passages if "多胎児向けのチラシ" in p["text"])
    similar = hybrid_service.similar(flyer["passage_id"], k=5)
    assert all(p["doc_id"] != flyer["doc_id"] for p in similar["results"])
    assert any(p["ward"] == "港南区" and "ツインスターズ" in p["text"] for p in similar["results"])


def test_filters_apply_to_the_semantic_half_too(hybrid_service):
    r = hybrid_service.search("妊娠期の支援", mode="semantic", year="2019")
    assert r["results"]
    assert all(p["fiscal_year_from"] <= 2019 <= p["fiscal_year_to"] for p in r["results"])
    r = hybrid_service.search("妊娠期の支援", mode="hybrid", ward="中区", section="成果")
    assert r["results"] and all(p["ward"] == "中区" and p["section"] == "取組の成果" for p in r["results"])


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval/dev.jsonl is beside the repository in CI")
def test_hybrid_is_at_least_as_good_as_each_half_on_the_dev_set(hybrid_service):
    report = evaluate(hybrid_service, load_judgements(DEV), with_baselines=True)
    o = {name: r["overall"] for name, r in report["engines"].items()}
    for metric in ("evidence_recall", "ward_f1"):
        assert o["hybrid"][metric] >= o["bm25"][metric]
        assert o["hybrid"][metric] >= o["semantic"][metric]
        for baseline in ("substring", "whoosh-default", "char-bigram"):
            assert o["hybrid"][metric] > o[baseline][metric]


def _coverage_of(service, query):
    from search_app import fusion
    from search_app.query import parse_query

    data = service.data
    parsed = parse_query(query)
    return data, fusion.coverage(data, service.builder().concepts(parsed))


def test_a_passage_naming_every_word_of_a_question_keeps_its_keyword_score_one_naming_a_word_keeps_a_share(
        hybrid_service):
    from search_app import fusion

    data, cov = _coverage_of(hybrid_service, "父親 LINE グループ")
    group = next(i for i, p in enumerate(data.passages) if "父親支援の講座からLINEグループが立ち上がり" in p["text"])
    father_only = next(i for i, p in enumerate(data.passages) if p["text"].startswith("妊娠期からの支援について、父親への支援"))
    assert cov[group] == pytest.approx(1.0)
    assert 0 < cov[father_only] < 0.5
    # equal raw keyword scores: the passage covering the question wins
    scores = fusion.fuse({group: 1.0, father_only: 1.0}, {}, data, coverage=cov)
    assert scores[group] > scores[father_only]


def test_a_word_the_reports_never_use_leaves_the_keyword_scale_to_the_words_they_use(hybrid_service):
    data, known = _coverage_of(hybrid_service, "父親")
    _data, with_unknown = _coverage_of(hybrid_service, "父親 ワンオペ")
    father = known > 0
    assert father.any() and (known[father] == pytest.approx(1.0))
    assert (with_unknown[father] == pytest.approx(1.0))
    assert not with_unknown[~father].any()


def test_a_passage_sharing_one_word_of_a_question_leaves_the_first_page_to_ones_about_its_topic(hybrid_service):
    # 雰囲気 alone (…子育て家庭を温かく見守る地域全体での雰囲気づくり) is not an answer to
    # how the hubs make consulting easy; the 相談 passages are.
    r = hybrid_service.search("相談しやすい雰囲気をどうつくっているか", k=10)
    texts = [p["text"] for p in r["results"]]
    assert any("気軽に相談できる雰囲気を心がけた" in t for t in texts[:3])
    assert not any("子育て家庭を温かく見守る地域全体での雰囲気づくり" in t for t in texts)


def test_a_keyword_search_on_a_fresh_server_never_loads_the_query_encoder(hybrid_index, monkeypatch):
    """Loading the model takes seconds (tens on a busy machine): a keyword-only
    query must not pay for it, even on an index with vectors."""
    from indexer import embeddings

    def no_model(*_a, **_k):
        raise AssertionError("the query encoder was loaded for a keyword search")

    monkeypatch.setattr(embeddings.Embedder, "load", no_model)
    service = SearchService.open(hybrid_index)
    out = service.search("多胎児", mode="bm25")
    assert out["mode"] == "bm25" and out["results"]


def test_a_server_set_to_int8_queries_an_fp32_index_with_fp32_vectors(hybrid_index, monkeypatch):
    """Query and passage vectors must come from the same encoder: the generation's
    manifest says which one made its vectors, whatever KYOTEN_ENCODER says."""
    monkeypatch.setenv("KYOTEN_ENCODER", "int8")
    service = SearchService.open(hybrid_index)
    assert ":onnx-int8-" not in service.data.manifest["model_key"]
    out = service.search("双子を育てる親への支援", mode="semantic")
    assert service.embedder().encoder == "fp32"
    assert {"港南区", "西区"} <= {w["ward"] for w in out["wards"]}


def test_every_passage_naming_a_rare_query_word_is_a_result_even_a_long_one_about_something_else(hybrid_service):
    # 西区 writes アウトリーチ twice: in a short passage about the dilemma it brings and
    # once inside a 400-character paragraph on its networks. The relevance cut is for
    # the semantic half's look-alikes; a literal match of the whole query stays a result.
    with_word = [p["passage_id"] for p in hybrid_service.data.passages if "アウトリーチ" in p["text"]]
    assert len(with_word) == 2
    r = hybrid_service.search("アウトリーチ", mode="hybrid", k=10)
    assert set(with_word) <= {p["passage_id"] for p in r["results"]}
    assert r["total"] >= 2


def test_a_word_no_report_uses_keeps_only_the_passages_close_in_meaning(hybrid_service):
    # 絵本 is in no report: no passage is a literal match, so none is kept below the
    # relevance cut — the count stays that of the semantic half's close neighbours.
    from search_app import fusion

    r = hybrid_service.search("絵本", mode="hybrid", k=100)
    assert r["total"] < hybrid_service.data.n
    assert r["results"][-1]["score"] >= fusion.RESULT_SHARE * r["results"][0]["score"] - 1e-9
