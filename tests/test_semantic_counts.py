"""Semantic mode reports the passages that stand out in meaning, not every neighbour.

e5-small puts every Japanese text at cosine 0.75–0.9 of any other, so the band below
the best cosine held half the seed corpus for any query: semantic mode said
「関連パッセージ 86 件」 for 多胎児, a word three passages use. A passage is now a
semantic result only when its cosine stands out from the query's cosines over the
(filtered) corpus (`fusion.unremarkable`).
"""

from __future__ import annotations

import numpy as np
import pytest

from search_app import fusion
from tests.result_pages import TWINS, all_results


def _all_results(service, query, mode="semantic"):
    return all_results(service, query, mode)


def _twins(data):
    return {p["passage_id"] for p in data.passages if any(w in p["text"] for w in TWINS)}


@pytest.mark.model
def test_semantic_mode_counts_the_passages_that_stand_out_not_every_neighbour(hybrid_service):
    data = hybrid_service.data
    first, results = _all_results(hybrid_service, "多胎児")
    # the passages that name the word are results ...
    assert _twins(data) <= {p["passage_id"] for p in results}
    # ... among a third of the corpus at most (the band held more than half of it)
    assert first["total"] < data.n / 3
    # the count is the list a user can page through
    assert first["total"] == len(results) == len({p["passage_id"] for p in results})
    assert {w["ward"] for w in first["wards"]} == {"港南区", "西区"}


@pytest.mark.model
def test_a_broad_word_in_semantic_mode_counts_fewer_than_half_the_reports_passages(hybrid_service):
    # 子育て is the topic of every report: the band held 119 of 165 passages
    first = hybrid_service.search("子育て", mode="semantic", k=10)
    assert 10 <= first["total"] < hybrid_service.data.n / 2


@pytest.mark.model
def test_semantic_mode_still_finds_a_paraphrases_evidence_among_fewer_results(hybrid_service):
    # 双子の親への支援 names none of the reports' words for twins (多胎児, ツインスターズ)
    data = hybrid_service.data
    first, results = _all_results(hybrid_service, "双子の親への支援")
    ids = [p["passage_id"] for p in results]
    assert _twins(data) <= set(ids)
    assert any(i in _twins(data) for i in ids[:10])
    assert {"港南区", "西区"} <= {w["ward"] for w in first["wards"]}
    assert first["total"] < data.n / 3


@pytest.mark.model
def test_semantic_mode_always_shows_its_first_page_however_strict_the_cut(hybrid_service, monkeypatch):
    def page(query):
        return [p["passage_id"] for p in hybrid_service.search(query, mode="semantic", k=10)["results"]]

    for query in ("多胎児", "地域の子育て支援者の育成"):
        monkeypatch.setattr(fusion, "SEMANTIC_STANDING", None)   # the band alone
        before = page(query)
        monkeypatch.setattr(fusion, "SEMANTIC_STANDING", -100.0)  # a cut above every cosine
        strict = hybrid_service.search(query, mode="semantic", k=10)
        assert [p["passage_id"] for p in strict["results"]] == before
        assert strict["total"] == len(before) == fusion.FIRST_PAGE


def test_a_passage_no_closer_than_the_querys_usual_cosine_is_not_a_semantic_result():
    rng = np.random.default_rng(7)
    pool = 0.8 + 0.02 * rng.standard_normal(400)
    best, usual = float(pool.max()), float(np.median(pool))
    hits = [(0, best), (1, usual), (2, usual - 0.01)]
    assert fusion.unremarkable(hits, pool) == {1, 2}


def test_a_passage_a_little_above_the_usual_counts_within_a_few_passages_not_across_many():
    # the best of seven cosines proves little (a search filtered to one ward's year keeps
    # its passages); among hundreds, a passage must come closer to what the best reaches
    rng = np.random.default_rng(5)
    for n, kept in ((7, True), (400, False)):
        z = rng.standard_normal(n)
        pool = 0.8 + 0.02 * (z - z.mean()) / z.std()
        hit = [(0, 0.8 + 0.02 * 0.3)]   # 0.3 standard deviations above the mean
        assert (fusion.unremarkable(hit, pool) == set()) is kept


def test_the_cut_reads_each_querys_own_spread_not_an_absolute_cosine():
    # the same cosine stands out for a query whose cosines crowd together, not for one
    # whose cosines spread wide
    rng = np.random.default_rng(3)
    noise = rng.standard_normal(300)
    tight, wide = 0.80 + 0.005 * noise, 0.80 + 0.03 * noise
    hit = [(0, 0.815)]
    assert fusion.unremarkable(hit, tight) == set()
    assert fusion.unremarkable(hit, wide) == {0}
