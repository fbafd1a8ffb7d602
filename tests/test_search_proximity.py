"""A passage that names a question's words together answers it better than one that
names them in bullets about other things.

The keyword half's coordination (search_app.fusion) scales a passage's keyword score
by how much of the query it names; a long passage of bullets (西区's 評価の理由: one line
per programme) names 対応 in one line and 拠点 in another and was counted as naming
both. `fusion.together` reads, per passage, the share of the query its best sentence
names over the share the whole passage names, and `fusion.proximity` lowers the
coordination of passages that only name the query across sentences (PROXIMITY;
docs/quality.md, "Query words named together").
"""

from __future__ import annotations

import numpy as np
import pytest

from search_app import fusion
from search_app.query import parse_query
from search_app.querybuild import QueryBuilder

QUESTION = "初めて拠点を訪れた親子への対応"


def _concepts(service, text):
    builder = QueryBuilder(service.data, service.glossary)
    return builder.concepts(parse_query(text))


def _passage(data, needle: str) -> int:
    return next(i for i, p in enumerate(data.passages) if needle in p["text"])


def test_a_sentence_naming_the_questions_words_together_counts_fully_and_bullets_apart_do_not(keyword_service):
    data = keyword_service.data
    concepts = _concepts(keyword_service, QUESTION)
    share = fusion.named_share(data, concepts)
    together_ = _passage(data, "初めて拠点を訪れた養育者")      # one sentence: 初めて, 拠点, 訪れる
    apart = _passage(data, "西区特有の会員属性への柔軟な対応")  # 対応 here, the rest in other bullets
    found = fusion.together(data, concepts, [together_, apart], share)
    assert found[together_] == pytest.approx(1.0)
    assert found[apart] < 0.6


def test_a_one_word_query_has_nothing_to_name_together(keyword_service):
    data = keyword_service.data
    concepts = _concepts(keyword_service, "多胎児")
    share = fusion.named_share(data, concepts)
    named = np.flatnonzero(share > 0)
    assert fusion.together(data, concepts, named, share) == {}
    covered = fusion.coverage(data, concepts, share)
    assert fusion.proximity(data, concepts, covered, share, named) is covered


def test_proximity_only_lowers_the_coordination_of_passages_naming_the_query_apart(keyword_service, monkeypatch):
    data = keyword_service.data
    concepts = _concepts(keyword_service, QUESTION)
    share = fusion.named_share(data, concepts)
    covered = fusion.coverage(data, concepts, share)
    named = np.flatnonzero(share > 0)
    ratios = fusion.together(data, concepts, named, share)
    scaled = fusion.proximity(data, concepts, covered, share, named)
    assert np.all(scaled <= covered + 1e-12)
    assert all(scaled[i] == covered[i] for i, r in ratios.items() if r >= 1.0)
    assert any(scaled[i] < covered[i] for i, r in ratios.items() if r < 1.0)
    assert np.array_equal(scaled[share <= 0], covered[share <= 0])   # no word named: untouched
    monkeypatch.setattr(fusion, "PROXIMITY", 0.0)
    assert fusion.proximity(data, concepts, covered, share, named) is covered


def test_an_index_without_token_spans_ranks_as_before(keyword_service, monkeypatch):
    # a generation built before token spans were stored cannot place words: nothing is lowered
    data = keyword_service.data
    concepts = _concepts(keyword_service, QUESTION)
    share = fusion.named_share(data, concepts)
    covered = fusion.coverage(data, concepts, share)
    monkeypatch.setattr(data, "spans", None)
    assert fusion.together(data, concepts, np.flatnonzero(share > 0), share) == {}
    assert fusion.proximity(data, concepts, covered, share, np.flatnonzero(share > 0)) is covered


@pytest.mark.model
def test_a_question_about_first_visits_puts_the_passage_about_first_visits_first(hybrid_service, monkeypatch):
    def ranking():
        return [p["text"] for p in hybrid_service.search(QUESTION, mode="hybrid", k=10)["results"]]

    top = ranking()
    assert "初めて拠点を訪れた養育者" in top[0]
    # the passage naming 対応 in a bullet about something else no longer fills the first page
    assert not any("西区特有の会員属性への柔軟な対応" in t for t in top)
    monkeypatch.setattr(fusion, "PROXIMITY", 0.0)
    before = ranking()
    assert any("西区特有の会員属性への柔軟な対応" in t for t in before)
