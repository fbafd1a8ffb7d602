"""Questions and paraphrases show what the hubs did, not the goals that restate the topic.

A goal (目標), next year's goal (次年度目標) or a self-evaluation row (自己評価) says
what a hub aims at; a question like "how did they …" is answered by what was done
and what came of it (取組内容, 成果, 評価の理由). Such passages rank lower unless the
query asks for that section (search_app.fusion.INTENT_PRIOR; docs/quality.md,
"Questions and paraphrases").
"""

from __future__ import annotations

import pytest

from indexer import records
from search_app import fusion

INTENT = (records.GOAL, records.NEXT_GOAL, records.SELF_EVAL)

pytestmark = pytest.mark.model


def test_a_how_question_shows_what_each_ward_did_instead_of_restated_goals(hybrid_service):
    r = hybrid_service.search("妊娠中の家庭を拠点につなげるにはどうしたか", mode="hybrid", k=10)
    top = r["results"]
    # 中区 answers with what it did: a 沐浴体験 as the first reason to come to the hub
    assert any(p["ward"] == "中区" and "沐浴体験" in p["text"] and p["section"] == records.CONTENT for p in top)
    # and no goal that only restates the question fills a place of the first page
    assert not [p["section"] for p in top if p["section"] in INTENT]


def test_every_ward_that_answers_a_question_keeps_its_place_in_the_answer(hybrid_service):
    r = hybrid_service.search("妊娠中の家庭を拠点につなげるにはどうしたか", mode="hybrid", k=10)
    wards = {w["ward"] for w in r["wards"]}
    assert {"泉区", "港南区", "中区", "西区", "港北区"} <= wards
    assert wards <= {p["ward"] for p in r["results"]}


def test_asking_for_goals_still_lists_goals_first(hybrid_service):
    r = hybrid_service.search("妊娠期支援の重点目標", mode="hybrid", k=10)
    assert all(p["section"] in (records.GOAL, records.NEXT_GOAL) for p in r["results"][:5])


def test_semantic_search_keeps_the_goal_that_ties_a_ward_to_a_paraphrase(hybrid_service):
    # no keyword matching in semantic mode: 泉区's goal (父親への支援) is what ties it to
    # お父さん 育児参加, so that mode does not rank goals lower
    r = hybrid_service.search("お父さん 育児参加", mode="semantic", k=10)
    first = r["results"][0]
    assert first["ward"] == "泉区" and first["section"] == records.GOAL and "父親" in first["text"]


def test_a_goal_ranks_below_a_practice_passage_of_the_same_score_unless_goals_are_asked_for(hybrid_service):
    data = hybrid_service.data
    goal = next(i for i, p in enumerate(data.passages) if p["section"] == records.GOAL)
    done = next(i for i, p in enumerate(data.passages) if p["section"] == records.CONTENT)
    scores = {goal: 1.0, done: 0.9}
    assert [i for i, _s in fusion.rank(scores, data)] == [done, goal]
    assert [i for i, _s in fusion.rank(scores, data, "目標")] == [goal, done]
    assert [i for i, _s in fusion.rank(scores, data, intent=False)] == [goal, done]


def test_keyword_search_of_a_question_fills_its_first_page_with_practice_not_goals(keyword_service):
    r = keyword_service.search("利用者同士の交流を促すためにどんな工夫をしたか", mode="bm25", k=10)
    top = r["results"]
    assert len(top) == 10
    assert not [p["section"] for p in top if p["section"] in INTENT]
    assert {"中区", "西区"} <= {p["ward"] for p in top}
