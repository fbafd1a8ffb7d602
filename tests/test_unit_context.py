"""A passage whose evidence unit answers the query ranks above an equal one whose unit does not.

A passage is one part of what answers: a goal block of one report year (goal, 取組内容, 成果,
課題) or a programme block of a five-year summary. In hybrid mode each passage's fused score
moves `fusion.UNIT_SHARE` of the way up to the best fused score of its unit
(`fusion.unit_context`), as a document's score counts for its passages in passage retrieval:
a 成果 that says in its own words what its block is about is lifted by the block's best
passage, a passage alone in an unrelated block is not (docs/quality.md, recall20).
"""

from __future__ import annotations

import numpy as np
import pytest

from indexer import records
from search_app import fusion


class _Units:
    """The one thing `unit_context` reads: which evidence unit each passage belongs to."""

    def __init__(self, codes):
        self.unit_code = np.asarray(codes, dtype=np.int64)


# passages 0, 1 in one goal block; 2, 3 in another
DATA = _Units([0, 0, 1, 1])


def test_of_two_equal_passages_the_one_whose_block_answers_ranks_first(monkeypatch):
    monkeypatch.setattr(fusion, "UNIT_SHARE", 0.05)
    scores = fusion.unit_context({0: 1.0, 1: 0.5, 2: 0.5, 3: 0.4}, DATA)
    assert scores[1] > scores[2]
    assert scores[1] == pytest.approx(0.95 * 0.5 + 0.05 * 1.0)
    assert scores[2] == pytest.approx(0.5)   # the best of its own block: unchanged


def test_the_blocks_best_passage_keeps_its_score_and_nothing_enters_on_its_block_alone(monkeypatch):
    monkeypatch.setattr(fusion, "UNIT_SHARE", 0.05)
    scores = fusion.unit_context({0: 1.0, 3: 0.4}, DATA)
    assert scores == {0: pytest.approx(1.0), 3: pytest.approx(0.4)}   # passages 1 and 2: no half found them


def test_without_unit_context_equal_passages_stay_equal(monkeypatch):
    # the control: the rule off, the block's answer counts for nothing
    monkeypatch.setattr(fusion, "UNIT_SHARE", 0.0)
    scores = fusion.unit_context({0: 1.0, 1: 0.5, 2: 0.5, 3: 0.4}, DATA)
    assert scores[1] == scores[2] == 0.5


@pytest.mark.model
def test_a_hybrid_search_ranks_the_best_results_goal_block_above_a_count_table(hybrid_service, monkeypatch):
    # 中区's goal ② (利用者同士の交流) answers 「多胎児の親同士の交流」 in its 成果 (the first result);
    # its 取組内容 says 利用者同士がつながり, and with its block's score it ranks above 西区's table
    # of counts (認知率, 訪問回数), which answers nothing of the query
    def ranks(share):
        monkeypatch.setattr(fusion, "UNIT_SHARE", share)
        r = hybrid_service.search("多胎児の親同士の交流", mode="hybrid", k=20)
        ids = [p["passage_id"] for p in r["results"]]
        first = r["results"][0]
        content = next(n for n, p in enumerate(r["results"])
                       if p["ward"] == "中区" and p["section"] == records.CONTENT and "利用者同士がつながり" in p["text"])
        table = next(n for n, p in enumerate(r["results"]) if "子育てパートナーの認知率" in p["text"])
        assert first["ward"] == "中区" and "利用者同士の交流" in first["text"]
        assert ids[content].rsplit("-", 1)[0] == first["passage_id"].rsplit("-", 1)[0]   # one goal block
        return content, table

    content, table = ranks(0.05)
    assert content < table
    content, table = ranks(0.0)   # the control: without the block's score the table ranks first
    assert content > table
