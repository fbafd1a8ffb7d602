"""The JSON API over the real index of the seed corpus (plus two test reports).

Every route, the contract fields of ARCHITECTURE.md, and hostile input: every
user mistake is a 4xx JSON error or a normal empty result, never a 500.
"""

from __future__ import annotations

import pytest

from web_fixtures import SCRIPT, XSS_TERM, XSS_WARD, make_app

RESULT_FIELDS = {"passage_id", "doc_id", "ward", "fiscal_year_from", "fiscal_year_to", "year_label",
                 "section", "goal", "text", "snippet_html", "score", "source"}


@pytest.fixture(scope="module")
def semantic(client):
    return bool(client.get("/healthz").get_json().get("semantic"))


@pytest.fixture(scope="module")
def tataiji(client):
    resp = client.get("/api/search", query_string={"q": "多胎児", "k": 20})
    assert resp.status_code == 200
    return resp.get_json()


def _error(resp, status: int) -> str:
    assert resp.status_code == status, (resp.status_code, resp.data[:300])
    assert resp.mimetype == "application/json"
    body = resp.get_json()
    assert isinstance(body.get("error"), str) and body["error"]
    return body["error"]


# ----------------------------------------------------------------------------- health / facets

def test_healthz_reports_the_open_index(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["status"] == "ok"
    assert body["documents"] == 7
    assert body["passages"] > 100


def test_facets_count_every_ward_of_the_corpus(client):
    facets = client.get("/api/facets").get_json()
    assert {"西区", "港南区", "泉区", "中区", "港北区", XSS_WARD} <= set(facets["ward"])
    for key in ("year", "section", "programme", "doc_type"):
        assert facets[key], key


# ----------------------------------------------------------------------------- search

def test_search_tataiji_groups_konan_and_nishi(tataiji):
    wards = [g["ward"] for g in tataiji["wards"]]
    assert "港南区" in wards and "西区" in wards
    assert {"query", "took_ms", "total", "results", "wards"} <= set(tataiji)
    assert tataiji["query"] == "多胎児"
    assert tataiji["total"] >= len(tataiji["results"]) > 0


def test_search_results_carry_the_contract_fields(tataiji):
    for r in tataiji["results"]:
        assert RESULT_FIELDS <= set(r), RESULT_FIELDS - set(r)
        assert {"file", "line_start", "line_end"} <= set(r["source"])
    assert any("<mark>" in r["snippet_html"] for r in tataiji["results"])


def test_ward_groups_carry_goal_and_sections(tataiji):
    for g in tataiji["wards"]:
        assert {"ward", "passage_count", "best_score", "sections", "best_passage_id", "doc_id"} <= set(g)
        assert {"取組内容", "取組の成果", "取組の課題"} <= set(g["sections"])


def test_search_keyword_mode_finds_only_literal_matches(client):
    body = client.get("/api/search", query_string={"q": "多胎児", "mode": "bm25"}).get_json()
    assert body["mode"] == "bm25"
    assert {r["ward"] for r in body["results"]} <= {"港南区", "西区"}
    assert body["results"]


def test_search_semantic_mode(client, semantic):
    if not semantic:
        pytest.skip("the index was built without the embedding model (run `kyoten build-model`)")
    body = client.get("/api/search", query_string={"q": "双子を育てる家庭への支援", "mode": "semantic"}).get_json()
    assert body["mode"] == "semantic"
    assert body["results"]


def test_keyword_alias_is_bm25(client):
    body = client.get("/api/search", query_string={"q": "多胎児", "mode": "keyword"}).get_json()
    assert body["mode"] == "bm25"


def test_year_filter_keeps_only_overlapping_years(client):
    body = client.get("/api/search", query_string={"q": "多胎児", "year": "令和5年度", "k": 50}).get_json()
    assert body["filters"]["year_from"] == 2023 and body["filters"]["year_to"] == 2023
    for r in body["results"]:
        assert r["fiscal_year_from"] <= 2023 <= r["fiscal_year_to"]
    assert not {"中区", "港北区"} & {g["ward"] for g in body["wards"]}


@pytest.mark.parametrize("year", ["2023", "R5", "令和５年度", "2023-2023", "令和5年度-令和5年度"])
def test_year_filter_accepts_wareki_and_western(client, year):
    body = client.get("/api/search", query_string={"q": "多胎児", "year": year}).get_json()
    assert (body["filters"]["year_from"], body["filters"]["year_to"]) == (2023, 2023)


def test_year_in_the_query_becomes_a_filter(client):
    body = client.get("/api/search", query_string={"q": "令和5年度 多胎児"}).get_json()
    assert body["filters"]["year_from"] == 2023


def test_ward_section_programme_filters(client):
    body = client.get("/api/search", query_string={"q": "支援", "ward": "西区", "k": 30}).get_json()
    assert body["results"] and {r["ward"] for r in body["results"]} == {"西区"}
    body = client.get("/api/search", query_string={"q": "支援", "section": "課題", "k": 30}).get_json()
    assert body["results"] and {r["section"] for r in body["results"]} <= {"取組の課題", "課題"}
    body = client.get("/api/search", query_string={"q": "支援", "programme": "3", "k": 30}).get_json()
    assert body["results"] and {r["programme"] for r in body["results"]} == {3}
    body = client.get("/api/search", query_string={"q": "支援", "doc_type": "5か年のまとめ"}).get_json()
    assert body["results"] and {r["doc_type"] for r in body["results"]} == {"5か年のまとめ"}


def test_offset_pages_through_the_ranking(client):
    q = {"q": "妊娠期支援", "mode": "bm25"}
    whole = client.get("/api/search", query_string={**q, "k": 10}).get_json()["results"]
    first = client.get("/api/search", query_string={**q, "k": 5}).get_json()["results"]
    second = client.get("/api/search", query_string={**q, "k": 5, "offset": 5}).get_json()
    assert [r["passage_id"] for r in first + second["results"]] == [r["passage_id"] for r in whole]
    assert second["offset"] == 5 and second["k"] == 5


def test_empty_query_is_a_normal_empty_result(client):
    resp = client.get("/api/search", query_string={"q": ""})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["total"] == 0 and body["results"] == []
    assert client.get("/api/search").status_code == 200


def test_filters_without_query_browse_the_ward(client):
    body = client.get("/api/search", query_string={"ward": "中区", "k": 100}).get_json()
    assert body["total"] > 0 and {r["ward"] for r in body["results"]} == {"中区"}


def test_unknown_ward_is_a_400_listing_the_wards(client):
    error = _error(client.get("/api/search", query_string={"q": "多胎児", "ward": "火星区"}), 400)
    assert "火星区" in error and "港南区" in error and "鶴見区" in error  # index wards + Yokohama's 18


def test_a_yokohama_ward_without_reports_is_a_normal_empty_result(client):
    resp = client.get("/api/search", query_string={"q": "多胎児", "ward": "鶴見区"})
    assert resp.status_code == 200
    assert resp.get_json()["results"] == []


@pytest.mark.parametrize("year,valid", [("令和99年度", "指定できるのは令和元〜"), ("R0", "指定できるのは令和元〜"),
                                        ("平成32年度", "平成は元〜31年度"), ("昭和65年", "昭和は元〜64年度")])
def test_era_years_outside_their_era_are_a_400_with_the_valid_range(client, year, valid):
    error = _error(client.get("/api/search", query_string={"q": "多胎児", "year": year}), 400)
    assert valid in error


def test_an_impossible_year_in_the_query_is_reported_not_used_as_a_filter(client):
    body = client.get("/api/search", query_string={"q": "令和99年度 多胎児"}).get_json()
    assert {"港南区", "西区"} <= {p["ward"] for p in body["results"]}
    assert body["filters"]["year_from"] is None
    assert any("令和99年度は解釈できません" in n for n in body["notices"])


def test_search_reports_how_many_passages_await_embedding(client):
    body = client.get("/api/search", query_string={"q": "多胎児"}).get_json()
    assert body["unembedded"] == 0
    assert client.get("/healthz").get_json()["unembedded"] == 0


def test_too_long_query_is_refused_with_a_message(client):
    error = _error(client.get("/api/search", query_string={"q": "多" * 5000}), 400)
    assert "1000" in error


def test_query_of_exactly_the_limit_is_accepted(client):
    assert client.get("/api/search", query_string={"q": "あ" * 1000, "mode": "bm25"}).status_code == 200


def test_k_is_capped_at_100(client):
    resp = client.get("/api/search", query_string={"q": "支援", "k": 100000})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["k"] == 100 and len(body["results"]) <= 100


@pytest.mark.parametrize("params", [
    {"k": "-1"}, {"k": "0"}, {"k": "abc"}, {"k": "1.5"}, {"offset": "-1"}, {"offset": "x"},
    {"offset": "99999999"}, {"year": "abc"}, {"mode": "fuzzy"}, {"programme": "9"},
    {"programme": "abc"}, {"section": "存在しない区分"}, {"doc_type": "謎"}, {"ward": "区" * 500},
])
def test_bad_parameters_are_400_json(client, params):
    _error(client.get("/api/search", query_string={"q": "多胎児", **params}), 400)


@pytest.mark.parametrize("q", ['"', "((", "AND OR NOT", "-", "*?:^~", "\x00\x01", "%", "<script>", "🙂" * 10,
                               "令和", "R", "2023年度", "　", "a" * 999])
def test_odd_queries_never_fail(client, q):
    resp = client.get("/api/search", query_string={"q": q})
    assert resp.status_code == 200, resp.data[:300]


def test_search_result_is_json_not_html(client):
    body = client.get("/api/search", query_string={"q": XSS_TERM}).get_json()
    assert XSS_WARD in [g["ward"] for g in body["wards"]]
    hit = next(r for r in body["results"] if r["ward"] == XSS_WARD)
    # text keeps the original characters; snippet_html is escaped
    assert "<script>" not in hit["snippet_html"] and "<img" not in hit["snippet_html"]


# ----------------------------------------------------------------------------- passages, similar, documents

def test_passage_by_id(client, tataiji):
    pid = tataiji["results"][0]["passage_id"]
    resp = client.get(f"/api/passages/{pid}")
    assert resp.status_code == 200
    assert resp.get_json()["passage"]["passage_id"] == pid


def test_unknown_passage_is_404_json(client):
    _error(client.get("/api/passages/no-such-passage"), 404)
    _error(client.get("/api/passages/no-such-passage/similar"), 404)


def test_similar_returns_passages_of_other_documents(client, tataiji):
    source = tataiji["results"][0]
    resp = client.get(f"/api/passages/{source['passage_id']}/similar", query_string={"k": 5})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["passage"]["passage_id"] == source["passage_id"]
    assert 0 < len(body["results"]) <= 5
    assert all(r["doc_id"] != source["doc_id"] for r in body["results"])
    assert {r["ward"] for r in body["results"]} - {source["ward"]}


@pytest.mark.parametrize("k", ["0", "-3", "x"])
def test_similar_bad_k_is_400(client, tataiji, k):
    pid = tataiji["results"][0]["passage_id"]
    _error(client.get(f"/api/passages/{pid}/similar", query_string={"k": k}), 400)


def test_document_with_ordered_passages(client, tataiji):
    doc_id = tataiji["results"][0]["doc_id"]
    resp = client.get(f"/api/documents/{doc_id}")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["document"]["doc_id"] == doc_id
    assert body["passages"] and all(p["doc_id"] == doc_id for p in body["passages"])


def test_unknown_document_is_404_json(client):
    _error(client.get("/api/documents/0000000000000000"), 404)


def test_xss_document_keeps_original_text_in_json(client):
    body = client.get("/api/search", query_string={"q": XSS_TERM, "ward": XSS_WARD, "year": "2023"}).get_json()
    doc = client.get(f"/api/documents/{body['results'][0]['doc_id']}").get_json()
    assert any(SCRIPT in p["text"] for p in doc["passages"])
    assert doc["document"]["operator"].endswith(SCRIPT)


# ----------------------------------------------------------------------------- errors, headers

def test_unknown_api_route_is_404_json(client):
    _error(client.get("/api/nothing-here"), 404)


def test_wrong_method_is_405_json(client):
    _error(client.post("/api/search", data={"q": "x"}), 405)
    _error(client.delete("/api/facets"), 405)


def test_api_responses_carry_security_headers(client):
    resp = client.get("/api/facets")
    assert "default-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.headers["Content-Type"].startswith("application/json")


def test_missing_index_is_503_json_not_500(tmp_path):
    app = make_app(tmp_path / "no-index-here")
    client = app.test_client()
    _error(client.get("/api/search", query_string={"q": "多胎児"}), 503)
    resp = client.get("/healthz")
    assert resp.status_code == 503 and resp.get_json()["status"] == "unavailable"


def test_unexpected_server_error_is_json_without_traceback(index_dir):
    app = make_app(index_dir)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internals")

    resp = app.test_client().get("/api/boom")
    error = _error(resp, 500)
    assert "secret" not in error and "Traceback" not in resp.get_data(as_text=True)


# ----------------------------------------------------------------------------- docs, serving

def test_openapi_documents_every_api_route(app):
    import re
    from pathlib import Path

    yaml = pytest.importorskip("yaml")
    spec = yaml.safe_load((Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml").read_text("utf-8"))
    assert spec["openapi"].startswith("3.1")
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r.rule) for r in app.url_map.iter_rules()
              if r.rule.startswith("/api/") or r.rule == "/healthz"}
    assert routes == set(spec["paths"])


def test_serve_runs_the_app_on_waitress(monkeypatch, index_dir):
    import waitress

    from search_app import web

    calls = {}
    monkeypatch.setenv("KYOTEN_INDEX", str(index_dir))
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.update(app=app, **kw))
    web.serve("127.0.0.1", 8123, threads=3)
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8123 and calls["threads"] == 3
    assert calls["app"].name == "search_app.web"


def test_semantic_mode_on_a_server_with_semantic_off_is_a_clear_400(index_dir):
    client = make_app(index_dir, SEMANTIC=False).test_client()
    error = _error(client.get("/api/search", query_string={"q": "双子", "mode": "semantic"}), 400)
    assert "意味検索" in error
    assert client.get("/api/search", query_string={"q": "双子"}).status_code == 200
