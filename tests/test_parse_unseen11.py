"""Reports nobody tuned the parser on (eleventh round): what office software hides in a file,
and what it shows that is not text — Word tracked deletions and insertions inside sentences, a
moved paragraph, comments, hidden text (a template's 記入例, a hidden draft), fields (a
DOCPROPERTY year in the title, a DATE field, PAGE / NUMPAGES), a ward and year only in a
first-page header; Excel hidden sheets and columns, formulas' cached text, a fiscal year stored
as a date and shown as 和暦 by its number format; ward pages with furigana (<ruby>), ふりがな /
文字サイズ toolbars and 「このページの先頭へ」 links, an EUC-JP page with no charset laid out in a
table; a city's 子ども・子育て支援事業計画 進捗評価 table.

tests/data/unseen11/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them, batch by batch. Every document
goes through the real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a
corpus folder.

    python -m tests.test_parse_unseen11      # prints every judged check and the agreement
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import unseen_harness as harness

DATA = Path(__file__).resolve().parent / "data" / "unseen11"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    return harness.parse_round(tmp_path_factory.mktemp("unseen11"), DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


# --- Word: revisions, annotations, hidden text, fields, headers ---------------------------------------

def test_tracked_deletions_inside_a_sentence_are_not_read_and_insertions_and_moves_are_read_once(unseen):
    assert _failures(unseen, "tsurumi_r4_tracked_runs.docx") == []


def test_a_templates_hidden_example_text_and_a_hidden_draft_paragraph_are_not_read(unseen):
    assert _failures(unseen, "kanazawa_r3_hidden_text.docx") == []


def test_a_year_held_by_a_docproperty_field_is_read_and_field_codes_are_not(unseen):
    assert _failures(unseen, "sakae_h30_fields.docx") == []


def test_a_ward_and_year_written_only_in_the_first_pages_own_header_are_read(unseen):
    assert _failures(unseen, "midori_r5_first_page_header.docx") == []


# --- Excel: what is not shown, and what is shown that is not typed ------------------------------------

def test_hidden_and_very_hidden_sheets_and_a_hidden_column_are_not_the_report(unseen):
    assert _failures(unseen, "hodogaya_r2_hidden_sheets.xlsx") == []


def test_cells_whose_text_is_a_formulas_cached_result_are_read(unseen):
    assert _failures(unseen, "aoba_r1_formula_text.xlsx") == []


def test_a_fiscal_year_stored_as_a_date_and_shown_as_wareki_by_its_number_format_is_read(unseen):
    assert _failures(unseen, "kohoku_r2_wareki_date_cell.xlsx") == []


# --- web pages ---------------------------------------------------------------------------------------

def test_furigana_toolbars_and_page_top_links_of_a_ward_page_are_not_report_text(unseen):
    assert _failures(unseen, "tsuzuki_r4_ruby_page.html") == []


def test_an_euc_jp_page_without_a_charset_laid_out_in_a_table_is_read(unseen):
    assert _failures(unseen, "konan_h28_eucjp_layout_table.html") == []


# --- other cities' forms ------------------------------------------------------------------------------

def test_a_citys_support_plan_progress_table_rated_a_b_c_per_jigyou_is_read(unseen):
    assert _failures(unseen, "kawasaki_r5_shinchoku_hyoka.xlsx") == []


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


def test_every_document_of_the_round_is_judged():
    made = {p.name for p in DATA.iterdir() if p.suffix not in (".py", ".json")}
    assert made == set(EXPECTED)


if __name__ == "__main__":
    harness.print_agreement(EXPECTED, lambda name: harness.parse_alone(DATA, name))
