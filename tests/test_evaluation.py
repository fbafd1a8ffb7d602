"""The quality metrics are computed exactly as shared/eval/README.md defines them."""

from __future__ import annotations

import json
import re

import pytest

from search_app.evaluation import load_judgements, score_query, summarise


def passage(ward, text):
    return {"ward": ward, "text": text}


def write_gold(path, queries: list[dict]):
    """A judged-query file: one JSON object per line, as shared/eval/README.md describes."""
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in queries), encoding="utf-8")
    return path


def test_metrics_match_hand_computed_values_on_two_queries(tmp_path):
    gold = tmp_path / "gold.jsonl"
    write_gold(gold, [
        {"id": "q1", "query": "多胎児", "type": "a", "relevant": {
            "西区": [{"evidence": "多胎児向けの\nチラシ", "grade": 2, "file": "x"},
                     {"evidence": "双子の利用者", "grade": 1, "file": "x"}],
            "港南区": [{"evidence": "ツインスターズ", "grade": 2, "file": "y"}]}},
        {"id": "q2", "query": "復職", "type": "a", "relevant": {
            "中区": [{"evidence": "復職される方", "grade": 2, "file": "z"}]}},
    ])
    q1, q2 = load_judgements(gold)
    # q1: evidence of grade 2 at rank 2 ("<p>" markup and whitespace ignored), grade-1
    # evidence missing, 港南区 evidence at rank 3; wards answered: 西区, 泉区 (false claim).
    r1 = {"results": [passage("泉区", "関係ない"), passage("西区", "<p>多胎児向けの チラシ</p>"),
                      passage("港南区", "ツインスターズの会")],
          "wards": [{"ward": "西区"}, {"ward": "泉区"}]}
    s1 = score_query(q1, r1)
    assert s1["evidence_recall"] == pytest.approx(4 / 5)
    # precision 1/2, recall 1/2 -> F1 0.5 (both halves reported: a set's totals say
    # whether its answers claim too many wards or too few)
    assert s1["ward_f1"] == pytest.approx(0.5)
    assert (s1["answer_precision"], s1["answer_recall"]) == (pytest.approx(0.5), pytest.approx(0.5))
    # order of first appearance: 泉区 (gain 0), 西区 (2), 港南区 (2); ideal: 2, 2
    dcg = 2 / __import__("math").log2(3) + 2 / __import__("math").log2(4)
    idcg = 2 / 1 + 2 / __import__("math").log2(3)
    assert s1["ndcg"] == pytest.approx(dcg / idcg)
    assert s1["ward_recall"] == pytest.approx(1.0)
    assert s1["mrr"] == pytest.approx(1 / 2)
    # q2: nothing found, no wards claimed
    s2 = score_query(q2, {"results": [passage("西区", "別の話")], "wards": []})
    assert (s2["evidence_recall"], s2["ward_f1"], s2["ndcg"], s2["mrr"]) == (0, 0, 0, 0)
    overall = summarise([s1, s2])
    assert overall["evidence_recall"] == pytest.approx(0.4)
    assert overall["ward_f1"] == pytest.approx(0.25)


def test_eval_command_prints_the_table_for_every_engine(keyword_index, tmp_path, capsys):
    from search_app.cli import main

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "query": "多胎児", "type": "a", "relevant": {
        "西区": [{"evidence": "多胎児向けのチラシ", "grade": 2, "file": "x"}]}}, ensure_ascii=False),
        encoding="utf-8")
    assert main(["eval", str(gold), "--index", str(keyword_index)]) == 0
    out = capsys.readouterr().out
    for engine in ("hybrid", "bm25", "substring", "whoosh-default", "char-bigram"):
        assert f"| {engine} |" in out


# --------------------------------------------------------------------------- leave-one-out

@pytest.fixture()
def knob_module(monkeypatch):
    import sys
    import types

    module = types.ModuleType("kyoten_test_knobs")
    module.BOOST = 0        # read at search time by the fake engine below
    module.UNUSED = 1.0     # never read: must show up as "no effect"
    monkeypatch.setitem(sys.modules, "kyoten_test_knobs", module)
    return module


class _FakeEngine:
    """Answers every query right, except q1, which it answers right only with BOOST=1:
    a parameter value that helps exactly one query."""

    def __init__(self, module):
        self.module = module

    def search(self, query, mode="hybrid", k=10):
        good = query != "q1" or self.module.BOOST == 1
        ward = {"q1": "西区", "q2": "中区", "q3": "泉区", "q4": "港南区"}[query]
        text = f"{query}の証拠" if good else "関係ない"
        return {"results": [{"ward": ward, "text": text}], "wards": [{"ward": ward}] if good else []}


def _judged(ids):
    from search_app.evaluation import Judged

    wards = {"q1": "西区", "q2": "中区", "q3": "泉区", "q4": "港南区"}
    return [Judged(q, q, "a" if q in ("q1", "q2") else "b",
                   {wards[q]: [{"evidence": f"{q}の証拠", "grade": 2, "file": "x"}]}, {}, "dev")
            for q in ids]


def test_leave_one_out_exposes_a_setting_that_only_helps_the_query_it_was_chosen_for(knob_module):
    from search_app.evaluation import leave_one_out

    engine = _FakeEngine(knob_module)
    grid = {"kyoten_test_knobs.BOOST": [0, 1], "kyoten_test_knobs.UNUSED": [1.0, 2.0],
            "kyoten_test_knobs.GONE": [1, 2]}
    report = leave_one_out(engine, _judged(["q1", "q2", "q3", "q4"]), grid, modes=("bm25",))
    m = report["modes"]["bm25"]
    # tuned on all four queries, BOOST=1 looks perfect ...
    assert m["best_on_all"]["BOOST"] == 1
    assert m["best_on_all_scores"]["evidence_recall"] == pytest.approx(1.0)
    # ... but chosen without q1, nothing favours it, so held-out q1 is missed
    assert m["chosen"]["q1"]["BOOST"] == 0
    assert m["chosen"]["q2"]["BOOST"] == 1
    assert m["loo"]["evidence_recall"] == pytest.approx(0.75)
    assert m["loo"]["ward_f1"] == pytest.approx(0.75)
    assert m["plain"]["evidence_recall"] == pytest.approx(0.75)  # the current value, BOOST=0
    assert m["loo_by_kind"]["a"]["evidence_recall"] == pytest.approx(0.5)
    assert m["loo_by_kind"]["b"]["evidence_recall"] == pytest.approx(1.0)
    # a parameter the engine never reads is reported, one the code lacks is skipped
    assert m["parameter_has_effect"] == {"kyoten_test_knobs.BOOST": True, "kyoten_test_knobs.UNUSED": False}
    assert report["skipped_params"] == ["kyoten_test_knobs.GONE"]
    # the module is left as it was
    assert (knob_module.BOOST, knob_module.UNUSED) == (0, 1.0)


def test_leave_one_out_scores_a_held_out_set_with_the_setting_chosen_on_the_tuning_set(knob_module):
    from search_app.evaluation import leave_one_out

    engine = _FakeEngine(knob_module)
    held = _judged(["q1"])
    report = leave_one_out(engine, _judged(["q2", "q3", "q4"]), {"kyoten_test_knobs.BOOST": [0, 1]},
                           modes=("bm25",), held_out=held)
    h = report["modes"]["bm25"]["held_out"]
    # BOOST changes nothing on the tuning set, so the current value stays and q1 stays missed
    assert h["plain"]["evidence_recall"] == 0 and h["tuned"]["evidence_recall"] == 0


def test_too_large_a_grid_is_refused_with_a_message(knob_module):
    from search_app.evaluation import Grid, GridError

    with pytest.raises(GridError, match="多すぎます"):
        Grid.of({"kyoten_test_knobs.BOOST": list(range(40))})


def test_eval_command_reports_several_files_per_kind_and_leave_one_out(keyword_index, tmp_path, capsys):
    from search_app.cli import main

    dev, extra, grid = tmp_path / "dev.jsonl", tmp_path / "extra.jsonl", tmp_path / "grid.json"
    write_gold(dev, [
        {"id": "a", "query": "多胎児", "type": "a", "relevant": {
            "西区": [{"evidence": "多胎児向けのチラシ", "grade": 2, "file": "x"}]}},
        {"id": "b", "query": "パパ", "type": "b", "relevant": {
            "西区": [{"evidence": "パパ講座", "grade": 2, "file": "x"}]}},
    ])
    extra.write_text(json.dumps({"id": "x", "query": "沐浴体験", "type": "a", "relevant": {
        "中区": [{"evidence": "拠点において沐浴体験を行い", "grade": 2, "file": "y"}]}}, ensure_ascii=False),
        encoding="utf-8")
    grid.write_text(json.dumps({"search_app.evaluation.TOP": [10]}), encoding="utf-8")
    assert main(["eval", str(dev), str(extra), "--index", str(keyword_index), "--no-baselines",
                 "--loo-grid", str(grid)]) == 0
    out = capsys.readouterr().out
    assert "dev:" in out and "extra:" in out
    assert "| bm25 | kind a |" in out and "| bm25 | set extra | 1 |" in out
    assert "Leave-one-out over 1 settings" in out
    assert re.search(r"\| bm25 \| all \| \d\.\d{3} / \d\.\d{3} \|", out)
    assert "held-out set" in out

    grid.write_text("[1, 2]", encoding="utf-8")
    assert main(["eval", str(dev), "--index", str(keyword_index), "--loo-grid", str(grid)]) == 2
    assert "パラメータ表" in capsys.readouterr().err


def test_an_evidence_string_no_passage_contains_is_reported_by_the_eval_command(keyword_index, tmp_path, capsys):
    from search_app.cli import main

    gold = tmp_path / "gold.jsonl"
    write_gold(gold, [
        {"id": "ok", "query": "多胎児", "type": "a", "relevant": {
            "西区": [{"evidence": "多胎児向けのチラシ", "grade": 2, "file": "x"}]}},
        {"id": "typo", "query": "多胎児", "type": "a", "relevant": {
            "港南区": [{"evidence": "多胎児（ツインスター ズ）の会を毎日開催", "grade": 2, "file": "y"}]}},
    ])
    assert main(["eval", str(gold), "--index", str(keyword_index), "--no-baselines"]) == 0
    out = capsys.readouterr().out
    assert "1 judged evidence string(s) found in no indexed passage" in out
    assert "typo 港南区: 多胎児（ツインスター ズ）の会を毎日開催" in out
    assert "- gold ok" not in out
