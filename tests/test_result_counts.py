"""The number of results a search reports is the number of passages that relate to it.

On the seed corpus, e5-small puts dozens of passages inside the semantic band of any
query; in hybrid mode those that name none of the query's words used to count as
results ("関連パッセージ 70 件" for 多胎児, a word a handful of passages use).
"""

from __future__ import annotations

import pytest

from tests.result_pages import TWINS, all_results as _all_results

pytestmark = pytest.mark.model


def test_a_query_for_a_word_a_few_passages_use_counts_about_those_passages_not_every_neighbour_in_meaning(
        hybrid_service):
    data = hybrid_service.data
    naming = [i for i, p in enumerate(data.passages) if any(w in p["text"] for w in TWINS)]
    units = {data.unit[i] for i in naming}
    first, results = _all_results(hybrid_service, "多胎児")
    ids = {p["passage_id"] for p in results}
    # every passage that names the word is a result ...
    assert {data.passages[i]["passage_id"] for i in naming} <= ids
    # ... and every other result belongs to the goal or programme block of one that does
    assert all(p["unit"] in units for p in results)
    # the semantic mode, which has no keyword half, keeps more: the passages whose cosine
    # stands out from the query's usual ones (fusion.unremarkable), not only those naming it
    assert first["total"] * 3 < hybrid_service.search("多胎児", mode="semantic", k=1)["total"]
    # the count, the listed results and the ward cards agree
    assert first["total"] == len(results)
    assert first["total_passages"] == first["total"] + sum(len(p["duplicates"]) for p in results)
    assert sum(w["passage_count"] for w in first["wards"]) == first["total_passages"]
    assert {w["ward"] for w in first["wards"]} == {"港南区", "西区"}


def test_a_paraphrase_with_no_literal_match_still_lists_the_passages_close_in_meaning(hybrid_service):
    # neither 災害 nor 備え is in any report: the semantic band decides, as in semantic mode
    semantic = hybrid_service.search("災害への備え", mode="semantic", k=5)
    hybrid, results = _all_results(hybrid_service, "災害への備え")
    assert len(semantic["results"]) == 5
    assert {p["passage_id"] for p in semantic["results"]} <= {p["passage_id"] for p in results}
    assert hybrid["total"] >= 10


def test_a_question_whose_key_word_no_report_uses_keeps_its_closest_passages_in_meaning(hybrid_service):
    # プライバシー is in no report: the passages the semantic half finds closest stay results
    # even where the keyword half matches 相談者 elsewhere
    semantic = hybrid_service.search("相談者のプライバシーへの配慮", mode="semantic", k=3)
    _hybrid, results = _all_results(hybrid_service, "相談者のプライバシーへの配慮")
    assert {p["passage_id"] for p in semantic["results"]} <= {p["passage_id"] for p in results}


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "semantic"])
def test_a_junk_query_finds_nothing(hybrid_service, mode):
    r = hybrid_service.search("qwertyuiop", mode=mode)
    assert r["total"] == 0 and r["results"] == [] and r["wards"] == []
