"""Reports nobody tuned the parser on, third round: layouts and formats the first two rounds
(tests/test_parse_unseen.py, tests/test_parse_unseen2.py) did not cover.

The documents in tests/data/unseen3/ were written the way Yokohama's wards and neighbouring
cities publish their hub evaluations, and tests/data/unseen3/expected.json says what a
correct parse of each gives; the expectations were committed before the parser was run on
them. Every document goes through the real loaders and `indexer.corpus.parse_corpus`, as
`kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen3      # prints every judged check and the agreement
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import unseen_harness as harness

DATA = Path(__file__).resolve().parent / "data" / "unseen3"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    return harness.parse_round(tmp_path_factory.mktemp("unseen3"), DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


if __name__ == "__main__":
    # Each document is parsed on its own, so the agreement of an older parser can be measured:
    #   git archive <commit> indexer | tar -x -C /tmp/v && PYTHONPATH=/tmp/v:. python -m tests.test_parse_unseen3
    harness.print_agreement(EXPECTED, lambda name: harness.parse_alone(DATA, name))
