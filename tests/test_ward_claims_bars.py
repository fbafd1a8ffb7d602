"""`benchmarks.ward_claims --bars`: for every relevant ward the answer leaves out, the one
bar of the ward answer that stops it (docs/quality.md, answers29), so a missed second or
third ward of a query several wards answer can be traced without reading the engine."""

from __future__ import annotations

from benchmarks import ward_claims
from search_app import wardanswer
from search_app.evaluation import Judged


def _judged(query: str, wards: list[str]) -> Judged:
    return Judged("t1", query, "a", {w: [{"evidence": "", "grade": 2}] for w in wards}, set="mine")


def test_a_second_ward_cut_off_by_the_depth_of_the_head_is_reported_as_the_depth_bar(keyword_service, monkeypatch):
    # both 西区 and 港南区 answer 多胎児; with a head of one text only the first ward answers
    monkeypatch.setattr(wardanswer, "WARD_DEPTH", 1)
    rows = ward_claims.bars(keyword_service, [_judged("多胎児", ["西区", "港南区"])], mode="bm25")
    assert [(r["ward"], r["bar"]) for r in rows] == [("港南区", "depth")]
    assert rows[0]["rank"] is not None and rows[0]["share"] > 0


def test_a_ward_whose_reports_never_come_up_is_reported_as_no_bar_to_lift(keyword_service):
    rows = ward_claims.bars(keyword_service, [_judged("多胎児", ["西区", "中区"])], mode="bm25")
    assert [(r["ward"], r["bar"]) for r in rows] == [("中区", "none")]


def test_only_queries_several_wards_answer_are_looked_at_when_asked(keyword_service, monkeypatch):
    monkeypatch.setattr(wardanswer, "WARD_DEPTH", 1)
    one = _judged("多胎児", ["中区"])
    assert ward_claims.bars(keyword_service, [one], mode="bm25", min_wards=2) == []
    assert len(ward_claims.bars(keyword_service, [one], mode="bm25")) == 1
