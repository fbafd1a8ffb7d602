"""The learned ward-claim benchmark (benchmarks/ward_ltr.py) scores a fitted decision the way
`kyoten eval` scores the rules, and never lets a held-out set's judgements choose its model."""

from __future__ import annotations

import random

import numpy as np

from benchmarks import ward_ltr
from search_app import evaluation


def _row(set_name: str, qid: str, relevant: list[str], cands: list[tuple[str, list[float], bool]],
         hand: list[str], within: bool = False) -> dict:
    rel = set(relevant)
    return {"set": set_name, "id": qid, "kind": "b", "relevant": sorted(rel), "hand": sorted(hand),
            "hand_f1": ward_ltr.f1(set(hand), rel), "within": within, "fixed": False,
            "cands": [{"ward": w, "x": x, "label": w in rel} for w, x, _h in cands]}


def test_the_learned_answer_is_scored_with_the_ward_set_f1_of_kyoten_eval():
    judged = evaluation.Judged("q1", "query", "b", {"西区": [{"evidence": "a", "grade": 2}],
                                                    "中区": [{"evidence": "b", "grade": 1}]})
    for predicted in ([], ["西区"], ["西区", "中区"], ["西区", "港北区"], ["港北区"], ["西区", "中区", "泉区"]):
        result = {"results": [], "wards": [{"ward": w} for w in predicted]}
        assert ward_ltr.f1(set(predicted), set(judged.relevant)) == \
            evaluation.score_query(judged, result)["ward_f1"]


def test_a_query_whose_wards_all_fall_below_the_threshold_still_answers_with_the_most_probable_one():
    row = _row("extra", "q", ["中区"], [("西区", [0.0], True), ("中区", [0.0], False)], ["西区"])
    assert ward_ltr.decide(row, np.array([0.2, 0.3]), 0.5, "free") == {"中区"}


def test_a_search_within_wards_the_user_named_may_answer_none_of_them():
    row = _row("extra", "q", [], [("中区", [0.0], False)], [], within=True)
    assert ward_ltr.decide(row, np.array([0.2]), 0.5, "free") == set()


def test_adding_keeps_the_rules_wards_and_dropping_never_adds_one():
    row = _row("extra", "q", ["西区", "中区"], [("西区", [1.0], True), ("中区", [0.0], False),
                                              ("泉区", [0.0], False)], ["西区"])
    probs = np.array([0.1, 0.8, 0.3])
    assert ward_ltr.decide(row, probs, 0.5, "add") == {"西区", "中区"}
    assert ward_ltr.decide(row, probs, 0.5, "drop") == {"西区"}   # the most probable claimed ward stays


def test_a_listing_keeps_the_rules_answer_whatever_the_model_says():
    row = _row("extra", "q", ["西区"], [], ["西区", "中区"]) | {"fixed": True}
    assert ward_ltr.decide(row, np.zeros(0), 0.5, "free") == {"西区", "中区"}


def test_a_held_out_sets_judgements_never_change_its_own_answers():
    rng = random.Random(7)

    def rows(flip: str | None) -> list[dict]:
        out = []
        for s in ("dev", "extra", "extra2", "extra3"):
            for q in range(8):
                cands, relevant = [], []
                for w in ("西区", "中区", "泉区"):
                    good = rng.random() < 0.4
                    x = [float(good) + rng.gauss(0, 0.7), rng.random()]
                    if good != (s == flip):
                        relevant.append(w)
                    cands.append((w, x, x[0] > 0.5))
                out.append(_row(s, f"{s}{q}", relevant, cands, [w for w, _x, h in cands if h]))
        return out

    state = rng.getstate()
    plain = rows(None)
    rng.setstate(state)
    flipped = rows("extra2")   # the same features, extra2's judgements turned round
    got, got_flipped = ward_ltr.evaluate(plain), ward_ltr.evaluate(flipped)
    for k, r in enumerate(plain):
        if r["set"] == "extra2":
            assert got["answers"][k] == got_flipped["answers"][k]
        assert got["chosen"]["extra2"] == got_flipped["chosen"]["extra2"]
