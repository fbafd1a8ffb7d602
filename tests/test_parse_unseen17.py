"""Reports nobody tuned the parser on (seventeenth round): forms no earlier round had — a hub
whose name is not among the known hubs and whose ward is only in its address, a hub and its
satellite in one report, 「label」：text on one line, an indicator table under a goal row, an
Excel 97–2003 sheet whose ward and year are only in its print header, a PDF whose page header
repeats the ward and year on every page, a ward page's table of contents of anchor links, a
5か年のまとめ rated 1–4 and one rated ◎ / ○ / △, a Word report with tracked changes and comments;
held out: an unknown hub naming its ward only as 区役所 in a sentence (Ｒ４年度), two hubs in one
sheet, 『label』：text and 【label】text lines, a 5か年のまとめ page with a table of contents.

tests/data/unseen17/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them. Every document goes through the
real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen17      # prints every judged check and the agreement
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import unseen_harness as harness

DATA = Path(__file__).resolve().parent / "data" / "unseen17"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    return harness.parse_round(tmp_path_factory.mktemp("unseen17"), DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def test_a_hub_of_an_unknown_name_gets_its_ward_from_its_address_line(unseen):
    assert _failures(unseen, "izumi_r5_unlisted_hub_address.docx") == []


def test_a_hub_and_its_satellite_in_one_report_each_numbering_goals_from_one(unseen):
    assert _failures(unseen, "konan_r4_hub_and_satellite.docx") == []


def test_quoted_labels_with_their_text_on_the_same_line_and_a_year_written_r6(unseen):
    assert _failures(unseen, "sakae_r6_quoted_label_colon.txt") == []


def test_an_indicator_table_under_a_goal_row_does_not_end_the_goal(unseen):
    assert _failures(unseen, "kanazawa_r3_indicator_rows.xlsx") == []


def test_an_old_excel_sheet_whose_ward_and_year_are_only_in_its_print_header(unseen):
    assert _failures(unseen, "hodogaya_r2_print_header_only.xls") == []


def test_a_pdf_page_header_repeating_ward_and_year_is_not_a_goals_text(unseen):
    assert _failures(unseen, "minami_r3_page_header_every_page.pdf") == []


def test_a_pages_table_of_contents_and_back_to_top_links_are_not_goals(unseen):
    assert _failures(unseen, "asahi_r6_toc_anchor_page.html") == []


def test_a_five_year_summary_rated_on_a_four_level_number_scale(unseen):
    assert _failures(unseen, "tsuzuki_r1_r5_5kanen_four_levels.xlsx") == []


def test_tracked_deletions_and_comments_are_not_the_reports_text(unseen):
    assert _failures(unseen, "midori_r5_tracked_changes.docx") == []


def test_a_five_year_summary_in_word_rated_with_marks(unseen):
    assert _failures(unseen, "totsuka_r1_r5_5kanen_marks.docx") == []


# --- batch 2 (held out: written with batch 1, not parsed until batch 1's fixes were done) -------------

def test_an_unknown_hub_naming_its_ward_only_as_the_ward_office_in_a_sentence(unseen):
    assert _failures(unseen, "seya_r4_office_sentence_fullwidth_r.pdf") == []


def test_two_hubs_in_one_sheet_each_numbering_their_goals_from_one(unseen):
    assert _failures(unseen, "aoba_r2_two_hubs_one_sheet.xlsx") == []


def test_labels_in_other_brackets_with_their_text_on_the_same_line(unseen):
    assert _failures(unseen, "kanagawa_r5_inline_bracket_labels.docx") == []


def test_a_five_year_summary_page_with_a_table_of_contents(unseen):
    assert _failures(unseen, "isogo_h28_r2_5kanen_toc_page.html") == []


def test_every_document_of_the_round_is_judged():
    made = {p.name for p in DATA.iterdir() if p.suffix not in (".py", ".json")}
    assert made == set(EXPECTED)


if __name__ == "__main__":
    import sys
    batches = {int(b) for b in sys.argv[1:]}
    chosen = {n: w for n, w in EXPECTED.items() if not batches or w.get("batch", 1) in batches}
    harness.print_agreement(chosen, lambda name: harness.parse_alone(DATA, name))
