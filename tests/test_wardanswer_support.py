"""A ward is an answer when the ranking backs it, not when one of its passages
scrapes into the head far below the best answer.

In meaning and hybrid search a ward whose only answering text ranks far below the
best result (under wardanswer.WARD_SUPPORT of its score) is a unit that shares a
word or two with the query — 「ひろばのスタッフの研修」 reached 泉区 through a
goal block about 「親になる前の支援」 at 0.44 of the best score. A ward backed by
several answering texts adds their shares up; keyword search, whose scores fall
steeply from the best, keeps every ward of the head (docs/quality.md, wards20).
"""

from __future__ import annotations

from indexer import records
from search_app import wardanswer


def _claimed(result) -> set[str]:
    return {w["ward"] for w in result["wards"]}


def _passages(data, ward: str, n: int) -> list[int]:
    """n passages of `ward` that may claim it, each its own text (no two near-duplicates)."""
    out, groups = [], set()
    for i, p in enumerate(data.passages):
        if p["ward"] != ward or p["section"] == records.OVERVIEW or len(p["text"]) < 40:
            continue
        g = int(data.duplicates.group_ids([i])[0])
        if g not in groups:
            groups.add(g)
            out.append(i)
        if len(out) == n:
            return out
    raise AssertionError(f"{ward}: fewer than {n} distinct passages")


def test_a_ward_named_once_far_below_the_best_answer_is_not_claimed_in_meaning_search(keyword_service):
    data = keyword_service.data
    (best,), (far,) = _passages(data, "西区", 1), _passages(data, "泉区", 1)
    ranked = [(best, 1.0), (far, 0.45)]
    assert set(wardanswer.claims(data, ranked, None, {best: 0.9, far: 0.88})) == {"西区"}


def test_a_ward_backed_by_several_texts_in_the_head_is_claimed_though_each_ranks_low(keyword_service):
    data = keyword_service.data
    (best,), (one, two) = _passages(data, "西区", 1), _passages(data, "泉区", 2)
    ranked = [(best, 1.0), (one, 0.45), (two, 0.4)]
    cosines = {best: 0.9, one: 0.88, two: 0.87}
    assert set(wardanswer.claims(data, ranked, None, cosines)) == {"西区", "泉区"}


def test_keyword_search_keeps_a_ward_named_once_in_the_head(keyword_service):
    # no semantic half ranked (no cosines): the head's bar (WARD_SHARE) alone decides
    data = keyword_service.data
    (best,), (far,) = _passages(data, "西区", 1), _passages(data, "泉区", 1)
    assert set(wardanswer.claims(data, [(best, 1.0), (far, 0.45)], None, {})) == {"西区", "泉区"}


def test_a_question_about_staff_training_does_not_claim_a_ward_whose_only_match_is_an_unrelated_goal(hybrid_service):
    # 泉区's only passage in the head is the 「親になる前の支援」 outcome (ひろば, 拠点の役割),
    # at under half the best score; 西区 writes of its staff and ひろば in several passages
    claimed = _claimed(hybrid_service.search("ひろばのスタッフの研修", mode="hybrid"))
    assert "西区" in claimed
    assert "泉区" not in claimed


def test_without_the_support_bar_the_unrelated_goal_claims_its_ward(hybrid_service, monkeypatch):
    # the control: the rule before (any answering text in the head claims its ward)
    monkeypatch.setattr(wardanswer, "WARD_SUPPORT", 0.0)
    assert "泉区" in _claimed(hybrid_service.search("ひろばのスタッフの研修", mode="hybrid"))
