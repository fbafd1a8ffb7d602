"""A glossary synonym of several words is a term: it matches where the term stands, its
words adjacent and in order, as a quoted phrase does - not wherever its words are
scattered over a passage (情報提供 is not every 子サポ passage with 提供会員 and 情報).

On the seed corpus (`keyword_service`, keyword mode, so that only the glossary bridges)
with a staff glossary of genuine synonym pairs; no query comes from a judged set.
"""

from __future__ import annotations

import pytest



def texts(result):
    return [p["text"] for p in result["results"]]


def wards(result):
    return {w["ward"] for w in result["wards"]}


def glossary_alternatives(result):
    return {t for a in result["alternatives"] if a["source"] == "glossary" for t in a["terms"]}



@pytest.fixture()
def passages(keyword_service):
    return keyword_service.data.passages


def test_a_two_word_synonym_finds_the_term_not_its_words_scattered_in_a_passage(
        keyword_service, staff_glossary, passages):
    staff_glossary("情報発信 情報提供\n")
    scattered = [p["text"] for p in passages if "情報" in p["text"] and "提供" in p["text"]
                 and "情報提供" not in p["text"] and "発信" not in p["text"]]
    assert scattered   # the seed reports have such passages (子サポ's 提供会員 among them)
    found = texts(keyword_service.search("情報発信", mode="bm25", k=200))
    assert found
    assert not set(found) & set(scattered)
    assert all("発信" in t or "情報提供" in t for t in found)


def test_a_two_word_synonym_still_finds_the_passages_that_use_the_term(keyword_service, staff_glossary):
    staff_glossary("情報発信 情報提供\n")
    r = keyword_service.search("情報発信", mode="bm25", k=200)
    # 西区's concierge passage says 情報提供 and never 発信
    assert any("情報提供" in t and "発信" not in t for t in texts(r))
    assert "情報提供" in glossary_alternatives(r)


def test_a_quoted_phrase_and_a_multi_word_synonym_match_alike(keyword_service, staff_glossary):
    staff_glossary("情報発信 情報提供\n")
    by_synonym = {t for t in texts(keyword_service.search("情報発信", mode="bm25", k=200))
                  if "発信" not in t}
    quoted = set(texts(keyword_service.search('"情報提供"', mode="bm25", k=200)))
    assert by_synonym and by_synonym == {t for t in quoted if "発信" not in t}


def test_a_ward_is_not_claimed_through_a_synonyms_words_scattered_over_its_report(
        keyword_service, staff_glossary, passages):
    # no seed report writes 子育て参加 (nor 育児参加): a ward writing 子育て here and 参加 there
    # has not said it
    staff_glossary("育児参加 子育て参加\n")
    assert not any("子育て参加" in p["text"] for p in passages)
    assert {p["ward"] for p in passages if "子育て" in p["text"] and "参加" in p["text"]
            and "育児" not in p["text"]} - {p["ward"] for p in passages if "育児" in p["text"]}
    r = keyword_service.search("育児参加", mode="bm25")
    assert wards(r) <= {p["ward"] for p in passages if "育児" in p["text"]}


def test_a_multi_word_synonym_the_reports_never_write_is_not_reported_as_searched(
        keyword_service, staff_glossary):
    staff_glossary("育児参加 子育て参加\n")
    r = keyword_service.search("育児参加", mode="bm25")
    assert "子育て参加" not in glossary_alternatives(r)


def test_a_single_word_synonym_still_matches_wherever_the_word_is(keyword_service, staff_glossary, passages):
    # one word, one match: 双子 for 双生児 finds every passage naming 双子, as before
    staff_glossary("双生児 双子\n")
    naming = {p["text"] for p in passages if "双子" in p["text"]}
    assert naming
    assert naming <= set(texts(keyword_service.search("双生児", mode="bm25", k=200)))
