"""The ward answer on the real seed corpus: a unit answers a question only when it
names one of the question's specific words (words rare in the reports), not when it
shares only the question's frame words (交流, 機会, 家庭, 周知, 活動, 支援)."""

from __future__ import annotations

import numpy as np
import pytest

from indexer import synonyms
from search_app import wardanswer
from search_app.query import parse_query

# 中高生 is written once in the seed reports, in 中区's goal on 多世代交流;
# 西区's report has many 交流の機会 but never 中高生.
QUESTION = "中高生との交流の機会"


@pytest.fixture(autouse=True)
def glossary_without_chuukousei(tmp_path, monkeypatch):
    """The rule, not the vocabulary, is under test: the packaged glossary knows that
    中高生 = 中学生・高校生, whom 西区's ふれあい体験 passages do name."""
    path = tmp_path / "glossary.txt"
    path.write_text("父親 パパ\n", encoding="utf-8")
    monkeypatch.setenv(synonyms.ENV_VAR, str(path))


def _claimed(result) -> set[str]:
    return {w["ward"] for w in result["wards"]}


def test_a_question_sharing_only_frame_words_with_a_wards_goal_does_not_claim_that_ward(keyword_service):
    r = keyword_service.search(QUESTION, mode="bm25")
    claimed = _claimed(r)
    assert "中区" in claimed
    assert "西区" not in claimed
    # 西区's passages about 交流の機会 are still found and listed
    assert any(p["ward"] == "西区" for p in r["results"])


def test_a_unit_naming_the_questions_rare_word_covers_it_and_one_naming_only_frame_words_does_not(keyword_service):
    data = keyword_service.data
    builder = keyword_service.builder()
    coverage = wardanswer.UnitCoverage(data, builder, builder.concepts(parse_query(QUESTION)))
    texts = [p["text"] for p in data.passages]
    wards = [p["ward"] for p in data.passages]
    naming = [i for i, t in enumerate(texts) if "中高生" in t]
    frame_only = [i for i, t in enumerate(texts)
                  if wards[i] == "西区" and "交流" in t and "機会" in t and "中高生" not in t]
    assert naming and frame_only
    assert coverage.of_many(np.array(naming)).max() >= wardanswer.UNIT_COVERAGE
    assert coverage.of_many(np.array(frame_only)).max() == 0.0
