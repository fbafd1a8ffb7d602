"""Pseudo-relevance feedback terms re-score the query's own keyword hits; they never make
a keyword hit of a passage naming none of the query's words (querybuild.FEEDBACK_RESCORES_ONLY).

The feedback terms are guesses learned from the top fused passages (search_app/expansion.py).
A passage that names only a guess must not enter the keyword half, where it would be scaled
to the half's top like a literal match; the semantic half ranks what is found by meaning."""

from __future__ import annotations

from search_app import querybuild, retrieval_bm25
from search_app.query import parse_query

# words the seed reports use, standing in for what feedback learns (its terms are indexed words)
GUESSES = [("アンケート", 0.3), ("父親", 0.3), ("プレママ", 0.3)]


def _hits(service, query: str, extra=()) -> dict[int, float]:
    data = service.data
    built = service.builder().build(parse_query(query), list(extra))
    return dict(retrieval_bm25.search(data, built, None))


def test_feedback_terms_raise_the_query_s_own_hits_that_name_them_and_add_no_other_passage(keyword_service):
    plain = _hits(keyword_service, "多胎児の支援")
    fed = _hits(keyword_service, "多胎児の支援", GUESSES)
    assert plain, "the seed reports name 多胎児"
    assert set(fed) == set(plain)
    assert all(fed[i] >= plain[i] - 1e-9 for i in plain)
    raised = [i for i in plain if fed[i] > plain[i] + 1e-9]
    texts = [keyword_service.data.passages[i]["text"] for i in raised]
    assert texts and all(any(w in t for w, _ in GUESSES) for t in texts)


def test_a_query_whose_words_no_report_uses_gets_no_keyword_hits_from_feedback_alone(keyword_service):
    # no report writes ペーパーレス化; the guesses are words many reports use
    assert _hits(keyword_service, "ペーパーレス化") == {}
    assert _hits(keyword_service, "ペーパーレス化", GUESSES) == {}


def test_without_the_rule_a_guess_alone_makes_keyword_hits(keyword_service, monkeypatch):
    # the control: the same guesses, joined to the query as alternatives (before the rule)
    monkeypatch.setattr(querybuild, "FEEDBACK_RESCORES_ONLY", False)
    plain = set(_hits(keyword_service, "多胎児の支援"))
    only_guessed = set(_hits(keyword_service, "多胎児の支援", GUESSES)) - plain
    assert only_guessed
    assert _hits(keyword_service, "ペーパーレス化", GUESSES)
