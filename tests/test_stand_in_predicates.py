"""A guess standing in for a verb no report uses weighs as a verb in which units answer.

When a query word no report uses is a verb (携わる in 「子育て支援に携わる人」), the
feedback stand-in learned for it (expansion.stand_in) is a guess at how the reports say
what was done. The user's own verbs count little in a unit's coverage (the nouns name
the topic: wardanswer.PREDICATE_SHARE), so a guess for a verb must not count as a noun
there: it would outweigh the nouns the user typed, and a unit naming them would no
longer answer. A guess for a noun no report uses still weighs as a noun
(docs/quality.md, answers25).
"""

from __future__ import annotations

import numpy as np
from whoosh import query as Q

from search_app import expansion, querybuild, wardanswer
from search_app.query import parse_query

UNKNOWN_VERB = "子育て支援に携わる人"      # no seed report writes 携わる
UNKNOWN_NOUN = "夜泣きの相談"              # nor 夜泣き
GUESSED = [("育む", 0.3)]                   # a feedback term, as expansion.terms learns them


def _stand_in(service, text):
    parsed = parse_query(text)
    return parsed, expansion.stand_in(parsed, service.builder(), GUESSED)


def _answering_wards(service, text) -> set[str]:
    data, builder = service.data, service.builder()
    parsed, guess = _stand_in(service, text)
    learned = data.matching_passages(Q.Term("text", GUESSED[0][0])).tolist()
    coverage = wardanswer.UnitCoverage(data, builder, builder.concepts(parsed), guess, learned, parsed)
    of = coverage.of_many(np.arange(data.n))
    units = {int(data.unit_code[i]) for i in np.flatnonzero(of >= wardanswer.UNIT_COVERAGE)}
    return {data.passages[i]["ward"] for i in range(data.n) if int(data.unit_code[i]) in units}


def test_the_guess_for_a_verb_no_report_uses_is_a_predicate(keyword_service):
    parsed, guess = _stand_in(keyword_service, UNKNOWN_VERB)
    assert [t.surface for t in keyword_service.builder().unmatched_terms(parsed)] == ["携わる"]
    assert guess.predicate and guess.weight == querybuild.PREDICATE_WEIGHT


def test_the_guess_for_a_noun_no_report_uses_still_weighs_as_a_noun(keyword_service):
    _parsed, guess = _stand_in(keyword_service, UNKNOWN_NOUN)
    assert not guess.predicate and guess.weight == 1.0


def test_a_unit_naming_the_users_nouns_answers_without_the_guess_for_their_unknown_verb(keyword_service):
    # 泉区's units name 支援 and 人 (not 育む): with the guess counted as a noun it
    # outweighed them and only units of the other wards answered
    assert "泉区" in _answering_wards(keyword_service, UNKNOWN_VERB)
