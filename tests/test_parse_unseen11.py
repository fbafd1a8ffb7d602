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

from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen11")
unseen = harness.round_fixture(DATA, EXPECTED)


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


# --- batch 2 (written after batch 1's fixes, before the parser was run on it) -------------------------

def test_a_ward_page_that_only_shows_its_report_as_a_pdf_says_so_and_makes_no_goals(unseen):
    name = "isogo_r4_iframe_pdf_page.html"
    assert _failures(unseen, name) == []
    doc, passages = unseen[name]
    assert any("報告書の本文がありません" in w and "isogo_r4_hyoka.pdf" in w for w in doc.warnings)
    assert not any(p.section == "目標" for p in passages)


def test_a_report_page_that_also_links_its_pdf_gets_no_such_warning(unseen):
    doc, _passages = unseen["tsuzuki_r4_ruby_page.html"]
    assert not any("報告書の本文がありません" in w for w in doc.warnings)


def test_cells_outside_a_sheets_print_area_are_not_the_report(unseen):
    assert _failures(unseen, "minami_r4_print_area.xlsx") == []


def test_tracked_row_insertions_and_deletions_in_a_word_table_and_a_cell_comment(unseen):
    assert _failures(unseen, "seya_r1_table_revisions.docx") == []


def test_a_shitei_kanrisha_monitoring_sheet_with_noted_and_joined_column_headers_is_read(unseen):
    assert _failures(unseen, "chigasaki_r5_monitoring.xlsx") == []


def test_a_jigyou_houkokusho_whose_sections_hold_a_numbered_figures_table_keeps_every_jigyou(unseen):
    assert _failures(unseen, "fujisawa_r4_suuchi_mokuhyo.docx") == []


def test_a_shift_jis_page_with_rb_furigana_reading_tools_in_a_presentation_table_is_read(unseen):
    assert _failures(unseen, "naka_h29_sjis_ruby_table.htm") == []


def test_hidden_rows_and_a_hidden_sheet_behind_formulas_are_not_read_and_the_formulas_text_is(unseen):
    assert _failures(unseen, "asahi_r3_hidden_rows_formulas.xlsx") == []


def test_a_year_held_by_a_field_in_the_footer_is_the_reports_year(unseen):
    assert _failures(unseen, "kanagawa_r2_footer_year_field.docx") == []


# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

def test_a_ward_and_year_only_in_a_table_in_the_page_header_and_a_deleted_table_row(unseen):
    assert _failures(unseen, "totsuka_r5_header_table.docx") == []


def test_rows_below_a_sheets_print_area_and_a_year_shown_as_wareki_by_its_format(unseen):
    name = "seya_r2_print_area_rows.xlsx"
    assert _failures(unseen, name) == []
    doc, _passages = unseen[name]
    assert any("印刷範囲" in w for w in doc.warnings)


def test_an_old_hub_site_in_a_layout_table_with_goals_in_definition_lists_is_read(unseen):
    assert _failures(unseen, "kohoku_r1_layout_dl_sjis.html") == []


def test_a_citys_plan_check_table_rated_by_its_own_marks_is_read(unseen):
    assert _failures(unseen, "yamato_r4_plan_check.docx") == []


def test_a_goal_row_all_in_hidden_text_is_not_a_goal(unseen):
    assert _failures(unseen, "hodogaya_r3_hidden_row.docx") == []


def test_a_jigyou_report_sheet_with_figures_columns_beside_its_jigyou_names_is_read(unseen):
    assert _failures(unseen, "yokosuka_r5_targets.xlsx") == []


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


def test_every_document_of_the_round_is_judged():
    assert harness.documents_in(DATA) == set(EXPECTED)


if __name__ == "__main__":
    harness.print_round(DATA, EXPECTED)
