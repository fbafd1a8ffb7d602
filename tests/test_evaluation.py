"""The quality metrics are computed exactly as shared/eval/README.md defines them."""

from __future__ import annotations

import json

import pytest

from search_app.evaluation import load_judgements, score_query, summarise


def passage(ward, text):
    return {"ward": ward, "text": text}


def test_metrics_match_hand_computed_values_on_two_queries(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "q1", "query": "多胎児", "type": "a", "relevant": {
            "西区": [{"evidence": "多胎児向けの\nチラシ", "grade": 2, "file": "x"},
                     {"evidence": "双子の利用者", "grade": 1, "file": "x"}],
            "港南区": [{"evidence": "ツインスターズ", "grade": 2, "file": "y"}]}},
        {"id": "q2", "query": "復職", "type": "a", "relevant": {
            "中区": [{"evidence": "復職される方", "grade": 2, "file": "z"}]}},
    ]), encoding="utf-8")
    q1, q2 = load_judgements(gold)
    # q1: evidence of grade 2 at rank 2 ("<p>" markup and whitespace ignored), grade-1
    # evidence missing, 港南区 evidence at rank 3; wards answered: 西区, 泉区 (false claim).
    r1 = {"results": [passage("泉区", "関係ない"), passage("西区", "<p>多胎児向けの チラシ</p>"),
                      passage("港南区", "ツインスターズの会")],
          "wards": [{"ward": "西区"}, {"ward": "泉区"}]}
    s1 = score_query(q1, r1)
    assert s1["evidence_recall"] == pytest.approx(4 / 5)
    # precision 1/2, recall 1/2 -> F1 0.5
    assert s1["ward_f1"] == pytest.approx(0.5)
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
