"""A query's verb weighs little in which evidence units answer it: the nouns name the topic.

The reports say what was done in their own verbs, so a unit naming the query's nouns
answers without the query's verb, and a unit sharing only the verb and a common noun
does not (wardanswer.PREDICATE_SHARE; docs/quality.md, answers22). The ranking still
weighs the verb as before (querybuild.PREDICATE_WEIGHT).
"""

from __future__ import annotations

import numpy as np

from search_app import wardanswer
from search_app.query import parse_query

QUERY = "対面を選んだイベント"


def _answering_units(service) -> tuple[set[int], set[int]]:
    """(units covering QUERY at the ward answer's bar, units naming 対面)."""
    data, builder = service.data, service.builder()
    parsed = parse_query(QUERY)
    coverage = wardanswer.UnitCoverage(data, builder, builder.concepts(parsed), parsed=parsed)
    of = coverage.of_many(np.arange(data.n))
    answering = {int(data.unit_code[i]) for i in np.flatnonzero(of >= wardanswer.UNIT_COVERAGE)}
    naming = {int(data.unit_code[i]) for i, p in enumerate(data.passages) if "対面" in p["text"]}
    return answering, naming


def test_a_unit_naming_the_topic_noun_answers_though_it_never_uses_the_queries_verb(keyword_service):
    answering, naming = _answering_units(keyword_service)
    assert answering & naming
    wards = {keyword_service.data.passages[i]["ward"] for i in range(keyword_service.data.n)
             if int(keyword_service.data.unit_code[i]) in answering}
    assert "泉区" in wards   # its 説明会 held 対面 for the new system


def test_a_unit_sharing_only_the_verb_and_a_common_noun_does_not_answer(keyword_service):
    answering, naming = _answering_units(keyword_service)
    assert answering and answering <= naming


def test_with_the_verb_counted_as_in_the_ranking_the_verb_and_a_common_noun_answer(keyword_service, monkeypatch):
    # control: the same query with the verb counted as in the ranking (rule off)
    monkeypatch.setattr(wardanswer, "PREDICATE_SHARE", 1.0)
    answering, naming = _answering_units(keyword_service)
    assert answering - naming
