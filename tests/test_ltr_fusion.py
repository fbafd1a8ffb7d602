"""The learned-fusion benchmark (benchmarks/ltr_fusion.py) compares a learned order with the
order the service ranked: the hand-set order it reads while the service searches, listed as the
service lists results, must give the service's own evidence recall on every judged query, and the
service's functions must be its own again after the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import ltr_fusion
from search_app import evaluation, fusion, retrieval_semantic, wardanswer

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent.parent / "shared" / "eval" / "dev.jsonl"
if not DEV.exists():
    DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"

pytestmark = pytest.mark.model


def test_the_benchmark_reads_the_order_the_service_shows_for_every_dev_and_extra_query(hybrid_service):
    if not DEV.exists():
        pytest.skip("no dev set")
    judged = [j for p in (DEV, ROOT / "eval" / "extra.jsonl") for j in evaluation.load_judgements(p)]
    rows = ltr_fusion.collect(hybrid_service, judged)
    assert sum("cands" in r for r in rows) >= len(rows) - 4   # listings keep the service's answer
    check = ltr_fusion.reproduction(hybrid_service, judged, rows)
    assert check["differ"] == [] and check["same"] == len(judged)


def test_the_benchmark_leaves_the_services_functions_as_they_were(hybrid_service):
    before = (retrieval_semantic.search, fusion.coverage, fusion.fuse, fusion.rank, wardanswer.claims)
    with ltr_fusion.Tap().installed():
        hybrid_service.search("多胎児", mode="hybrid")
    assert (retrieval_semantic.search, fusion.coverage, fusion.fuse, fusion.rank, wardanswer.claims) == before
