"""Reports nobody tuned the parser on, sixth round: hub evaluations of OTHER municipalities.

The documents in tests/data/unseen6/ (written by make_docs.py) are evaluations of 地域子育て
支援拠点 / 子育て支援センター / つどいの広場 as designated cities with wards, other cities and
towns publish them, in their own forms (自己評価シート, 事業評価調書, 事業実績報告, 第三者評価,
計画と振り返り …) and formats; tests/data/unseen6/expected.json says what a correct parse of each
gives, and was committed before the parser was run on them. Every document goes through the
real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen6      # prints every judged check and the agreement
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import unseen_harness as harness

DATA = Path(__file__).resolve().parent / "data" / "unseen6"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    return harness.parse_round(tmp_path_factory.mktemp("unseen6"), DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def test_no_other_citys_report_is_filed_under_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


if __name__ == "__main__":
    harness.print_agreement(EXPECTED, lambda name: harness.parse_alone(DATA, name))
