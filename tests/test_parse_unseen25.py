"""Reports nobody tuned the parser on (twenty-fifth round): forms no earlier round had — a hub
named only in its text, 自己チェック columns of marks with a ✓ under the grade, indicator tables
in a goal's 取組の成果, 振り返り（自己チェック） blocks, a five-year table over two sheets, five-year
legends, 令和元年度～５年度 and 平成31年度（令和元年度）, goals numbered ①② as headings with their
sections in table header cells, a hub and its second site in a Word PDF with page headers and
footers, goals set for 令和３～５年度 evaluated for one year, an .xls for 令和元年度, a system's CSV
export; held out: a 拠点名 cell and Ａ | Ｂ | Ｃ check columns, an indicator table in a Word PDF's
【取組の成果】, a five-year workbook over two sheets with its legend of marks, ＜自己チェック＞ blocks;
held out again (batch 3, after batches 1–2's fixes): a hub named only in a sentence beside another
ward named in passing, 取組の成果 spanning 指標 | 実績 | 内容, 振り返り spanning 評価 | コメント, a
five-year table under a repeated title with its legend as a row, a legend in every page's footer.

tests/data/unseen25/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them. Every document goes through the
real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen25 [batch]     # prints every judged check and the agreement
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import unseen_harness as harness

DATA = Path(__file__).resolve().parent / "data" / "unseen25"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    return harness.parse_round(tmp_path_factory.mktemp("unseen25"), DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def test_a_hub_named_only_in_its_text_and_self_check_mark_columns(unseen):
    assert _failures(unseen, "tsurumi_r3_hub_in_text_mark_columns.docx") == []


def test_an_indicator_table_under_a_goals_outcome_is_its_outcome(unseen):
    assert _failures(unseen, "kanagawa_r4_indicators_in_outcome.xlsx") == []


def test_circled_goal_numbers_and_a_look_back_block_rating_each_goal(unseen):
    assert _failures(unseen, "nishi_r5_furikaeri_blocks.docx") == []


def test_a_five_year_table_over_two_sheets_under_its_legend(unseen):
    assert _failures(unseen, "kohoku_r1_r5_5kanen_two_sheets.xlsx") == []


def test_a_five_year_word_pdf_with_its_legend_and_footnotes_after_the_programmes(unseen):
    assert _failures(unseen, "naka_r1_r5_5kanen_legend_word.pdf") == []


def test_a_ward_page_of_circled_goals_with_header_cell_labels_and_footnotes(unseen):
    assert _failures(unseen, "izumi_h31_th_labels_page.html") == []


def test_a_hub_and_its_second_site_in_a_word_pdf_with_page_headers(unseen):
    assert _failures(unseen, "totsuka_r4_two_sites_word.pdf") == []


def test_goals_set_for_a_range_of_years_evaluated_for_one(unseen):
    assert _failures(unseen, "minami_r5_plan_range.txt") == []


def test_an_old_excel_sheet_for_the_first_year_of_reiwa_with_circled_numbers(unseen):
    assert _failures(unseen, "hodogaya_r1_gannen_maru_numbers.xls") == []


def test_a_reporting_systems_csv_export_a_row_per_goal(unseen):
    assert _failures(unseen, "asahi_2022_system_export.csv") == []


# --- batch 2 (held out: written with batch 1, not parsed until batch 1's fixes were done) -------------

def test_a_hub_named_in_a_cell_and_check_columns_of_letters(unseen):
    assert _failures(unseen, "seya_r5_check_columns_hub_cell.xlsx") == []


def test_an_indicator_table_in_a_word_pdfs_outcome(unseen):
    assert _failures(unseen, "midori_r6_indicator_outcome_word.pdf") == []


def test_a_five_year_workbook_over_two_sheets_with_its_legend_of_marks(unseen):
    assert _failures(unseen, "aoba_h28_r2_5kanen_two_sheets_legend.xlsx") == []


def test_self_check_blocks_in_a_text_report(unseen):
    assert _failures(unseen, "kanazawa_r2_jikocheck_blocks.txt") == []


# --- batch 3 (held out: written after batches 1–2's fixes, not parsed until committed) --------------

def test_a_hub_named_only_in_a_sentence_outweighs_a_ward_named_in_passing(unseen):
    assert _failures(unseen, "tsurumi_r4_hub_in_a_sentence.docx") == []


def test_an_outcome_header_spanning_indicator_columns(unseen):
    assert _failures(unseen, "konan_r5_outcome_indicator_subcolumns.xlsx") == []


def test_a_look_back_header_spanning_a_grade_and_its_comment(unseen):
    assert _failures(unseen, "sakae_r3_furikaeri_columns.docx") == []


def test_a_five_year_table_going_on_under_a_repeated_title_with_its_legend_as_a_row(unseen):
    assert _failures(unseen, "hodogaya_h31_r5_5kanen_two_sheets_legend_row.xlsx") == []


def test_a_legend_in_every_pages_footer_is_no_goals_text(unseen):
    assert _failures(unseen, "isogo_r6_legend_in_page_footer.pdf") == []


def test_every_document_of_the_round_is_judged():
    made = {p.name for p in DATA.iterdir() if p.suffix not in (".py", ".json")}
    assert made == set(EXPECTED)


if __name__ == "__main__":
    import sys
    batches = {int(b) for b in sys.argv[1:]}
    chosen = {n: w for n, w in EXPECTED.items() if not batches or w.get("batch", 1) in batches}
    harness.print_agreement(chosen, lambda name: harness.parse_alone(DATA, name))
