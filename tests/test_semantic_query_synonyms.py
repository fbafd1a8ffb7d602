"""Which glossary synonyms the semantic half's query text carries (QueryBuilder.semantic_synonyms):
every synonym the reports use, whether or not they also write the word as typed."""

from __future__ import annotations

from search_app.query import parse_query


def test_a_word_the_reports_write_still_brings_its_synonyms(keyword_service):
    # 双子 is in 西区's 課題, and 多胎児 is added all the same
    assert "多胎児" in keyword_service.builder().semantic_synonyms(parse_query("双子"))


def test_a_word_no_report_writes_is_stood_for_by_the_reports_synonyms(keyword_service):
    assert keyword_service.builder().semantic_synonyms(parse_query("お父さん"))[:2] == ["父親", "パパ"]


def test_a_word_brings_every_synonym_the_reports_use(keyword_service):
    assert len(keyword_service.builder().semantic_synonyms(parse_query("子サポ"))) > 1
