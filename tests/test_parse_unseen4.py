"""Reports nobody tuned the parser on, fourth round: layouts and formats the first three rounds
(tests/test_parse_unseen.py … tests/test_parse_unseen3.py) did not cover.

The documents in tests/data/unseen4/ were written the way Yokohama's wards publish their hub
evaluations, and tests/data/unseen4/expected.json says what a correct parse of each gives;
the expectations were committed before the parser was run on them. Every document goes
through the real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a
corpus folder.

    python -m tests.test_parse_unseen4      # prints every judged check and the agreement
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import unseen_harness as harness

DATA = Path(__file__).resolve().parent / "data" / "unseen4"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    return harness.parse_round(tmp_path_factory.mktemp("unseen4"), DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


# --- batch 1 ------------------------------------------------------------------------------


def test_a_satellites_goals_numbered_again_from_one_are_goals_of_their_own(unseen):
    assert _failures(unseen, "kohoku_r5_hub_satellite.txt") == []


def test_a_self_evaluation_sheet_rates_each_goal_by_its_checked_box(unseen):
    assert _failures(unseen, "totsuka_r4_check_sheet.txt") == []


def test_kaizenten_and_kongo_no_hokosei_are_the_goals_issue_and_the_usage_part_ends_the_goals(unseen):
    assert _failures(unseen, "izumi_r4_kaizenten.txt") == []


def test_a_ward_named_only_in_the_file_name_in_romaji_is_the_reports_ward(unseen):
    assert _failures(unseen, "konan-ku_r6_report.txt") == []


def test_a_five_year_table_with_a_grade_column_per_year_keeps_every_years_grade(unseen):
    assert _failures(unseen, "sakae_5kanen_r1_r5_year_columns.xlsx") == []


def test_a_goal_table_saved_by_excel_as_shift_jis_csv_keeps_its_goals_and_ratings(unseen):
    assert _failures(unseen, "tsurumi_r3_excel_sjis.csv") == []


if __name__ == "__main__":
    # Each document is parsed on its own, so the agreement of an older parser can be measured:
    #   git archive <commit> indexer | tar -x -C /tmp/v && PYTHONPATH=/tmp/v:. python -m tests.test_parse_unseen4
    harness.print_agreement(EXPECTED, lambda name: harness.parse_alone(DATA, name))
