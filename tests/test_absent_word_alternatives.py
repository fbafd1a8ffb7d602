"""A word the reports never write is searched through its alternatives at its own weight
(querybuild.ABSENT_SYNONYM_WEIGHT, ABSENT_GENERAL_BOOST; docs/quality.md, recall28).

A synonym counts below the word typed, since the typed word is the better evidence. When no
report writes the word (引っ越し: the reports write 転入), the synonym is the only way to find
what the user means, and the discount only made that concept weigh less than the query's
other words: 「引っ越してきた家庭への周知」 ranked passages on 家庭 + 周知 above the one about
転入者. Seed corpus, keyword index."""

from __future__ import annotations

from whoosh import query as Q

from search_app import querybuild
from search_app.query import parse_query


def _boosts(service, query: str) -> dict[str, float]:
    """The boost of each single-word term clause of the keyword half's query."""
    out: dict[str, float] = {}

    def walk(q, inherited=1.0):
        boost = inherited * getattr(q, "boost", 1.0)
        if isinstance(q, Q.Term) and q.fieldname == "text":
            out[q.text] = max(out.get(q.text, 0.0), boost)
        for sub in getattr(q, "subqueries", ()) or ():
            walk(sub, boost)
        for attr in ("a", "b", "child"):
            sub = getattr(q, attr, None)
            if isinstance(sub, Q.Query):
                walk(sub, boost)

    walk(service.builder().build(parse_query(query)))
    return out


def _first_texts(service, query: str, n: int = 10) -> list[str]:
    return [p["text"] for p in service.search(query, mode="bm25", k=n)["results"]]


def test_a_word_no_report_writes_is_searched_through_its_glossary_synonym_as_the_word_itself(keyword_service):
    builder = keyword_service.builder()
    assert not builder.reports_use("引っ越し") and builder.reports_use("転入")
    boosts = _boosts(keyword_service, "引っ越してきた家庭への周知")
    # 転入 (the glossary's 転入 転居 引っ越し 引越し) stands for 引っ越し at full weight …
    assert boosts["転入"] >= 1.0 - 1e-9
    # … while a word the reports do write (周知) keeps its synonyms below it
    assert builder.reports_use("周知")
    assert 0 < boosts["広報"] <= querybuild.SYNONYM_WEIGHT + 1e-9


def test_moving_in_finds_the_passage_about_families_who_moved_in_first(keyword_service):
    texts = _first_texts(keyword_service, "引っ越してきた家庭への周知")
    assert "転入者に対して" in texts[0]


def test_with_the_usual_discount_the_moved_in_passage_ranks_below_other_words_matches(keyword_service, monkeypatch):
    # the control: a synonym of a word no report writes at the usual synonym weight (main before)
    monkeypatch.setattr(querybuild, "ABSENT_SYNONYM_WEIGHT", 0.0, raising=False)
    monkeypatch.setattr(querybuild, "ABSENT_GENERAL_BOOST", 1.0, raising=False)
    texts = _first_texts(keyword_service, "引っ越してきた家庭への周知")
    assert not any("転入者に対して" in t for t in texts[:3])
    assert _boosts(keyword_service, "引っ越してきた家庭への周知")["転入"] <= querybuild.SYNONYM_WEIGHT + 1e-9


def test_a_dictionary_synonym_of_a_word_no_report_writes_is_raised_but_stays_below_the_word(keyword_service):
    # Sudachi's group アップデート update 更新: the reports write 更新 only
    assert keyword_service.builder().doc_frequency("アップデート") == 0
    boost = _boosts(keyword_service, "ひろばの掲示物をこまめにアップデート")["更新"]
    assert querybuild.GENERAL_WEIGHT < boost <= querybuild.GENERAL_WEIGHT * querybuild.ABSENT_GENERAL_BOOST + 1e-9 < 1.0


def test_a_related_word_of_a_word_no_report_writes_keeps_its_weight(keyword_service):
    # 感染症 > コロナ (a narrower term: related, not the same meaning) is not raised, so a
    # query's literal matches of its other words are not pushed down by a guess
    assert keyword_service.builder().doc_frequency("感染症") == 0
    assert _boosts(keyword_service, "感染症が流行した時期の拠点運営")["コロナ"] <= querybuild.NARROWER_WEIGHT + 1e-9
