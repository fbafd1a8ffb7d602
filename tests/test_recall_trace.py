"""The recall trace (benchmarks/recall_trace.py): why a judged string misses the hybrid top 10,
and that it never reads a set kept from the people tuning the engine."""

from __future__ import annotations

import json

import pytest

from benchmarks import recall_trace


def row(sem=None, bm25=None, raw=None, fused=None, excluded=False) -> dict:
    return {"sem": sem, "bm25": bm25, "raw": raw, "fused": fused, "excluded": excluded}


@pytest.mark.parametrize("stages, cause", [
    (row(sem=107, raw=107, fused=106, excluded=True), "excluded"),
    (row(sem=56, raw=56, fused=55), "neither half"),          # the reports say it in other words
    (row(sem=22, raw=18, fused=28), "neither half"),          # (ranked by meaning, just not near)
    (row(sem=None, raw=12, fused=None), "window or floor"),   # near by cosine, not listed at all
    (row(sem=8, bm25=12, raw=8, fused=9), "priors"),          # fused into the ten, moved out
    (row(sem=7, bm25=24, raw=7, fused=13), "one half, fused down"),
    (row(sem=66, bm25=3, raw=66, fused=16), "one half, fused down"),
    (row(sem=19, bm25=15, raw=18, fused=14), "both halves, fused down"),
    (row(sem=32, bm25=17, raw=41, fused=16), "one half, below 10"),
])
def test_each_missed_string_is_given_the_stage_where_it_was_lost(stages, cause):
    assert recall_trace.cause(stages) == cause


@pytest.mark.parametrize("name", ["extra6.jsonl", "extra9.jsonl", "extra16.jsonl", "extra17.jsonl",
                                  "extra18.jsonl", "extra19.jsonl",
                                  "extra20.jsonl", "extra21.jsonl",
                                  "extra26.jsonl", "extra27.jsonl",
                                  "extra30.jsonl", "extra31.jsonl"])
def test_the_trace_refuses_the_blind_and_held_out_sets(tmp_path, keyword_index, capsys, name):
    gold = tmp_path / name   # (a stand-in file of that name: the real sets are never opened here)
    gold.write_text(json.dumps({"id": "x", "query": "双子", "type": "b",
                                "relevant": {"西区": [{"evidence": "双子", "grade": 2}]}},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        recall_trace.main([str(gold), "--index", str(keyword_index)])
    assert exc.value.code == 2
    assert "held-out" in capsys.readouterr().err


def test_the_trace_reads_an_opened_set(tmp_path, keyword_index):
    gold = tmp_path / "extra15.jsonl"
    gold.write_text(json.dumps({"id": "x", "query": "双子", "type": "a",
                                "relevant": {"西区": [{"evidence": "双子", "grade": 2}]}},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    assert recall_trace.main([str(gold), "--index", str(keyword_index), "--kinds", "b,c"]) == 0
