"""Reports nobody tuned the parser on (twelfth round): files that are not what their name says
— an .xls that is SpreadsheetML 2003 XML, Excel's "Web page" save or a web system's
tab-separated text, a .doc that is Word's single-file web page (MHTML) or Word 2003 XML, an .mht
file, an Excel 97–2003 workbook named .xlsx, macro-enabled .xlsm / .docm, a Word web page saved
in UTF-16 — and text in places readers skip, and years and names as offices type them.

tests/data/unseen12/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them, batch by batch. Every document
goes through the real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a
corpus folder.

    python -m tests.test_parse_unseen12      # prints every judged check and the agreement
"""

from __future__ import annotations

from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen12")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


# --- files that are not what their name says ---------------------------------------------------------

def test_an_xls_that_is_spreadsheetml_2003_xml_is_read_without_its_comments_or_hidden_sheet(unseen):
    assert _failures(unseen, "tsurumi_r5_spreadsheetml.xls") == []


def test_an_xls_that_is_excels_web_page_save_in_shift_jis_is_read(unseen):
    assert _failures(unseen, "kanagawa_r3_excel_web_page.xls") == []


def test_a_doc_that_is_words_single_file_web_page_is_read(unseen):
    assert _failures(unseen, "minami_r2_word_mhtml.doc") == []


def test_an_mht_web_archive_is_read(unseen):
    assert _failures(unseen, "isogo_h30_hyoka.mht") == []


def test_a_macro_enabled_workbook_is_read(unseen):
    assert _failures(unseen, "kohoku_r4_macro.xlsm") == []


def test_a_macro_enabled_word_document_is_read(unseen):
    assert _failures(unseen, "totsuka_r1_macro.docm") == []


def test_a_word_web_page_saved_in_utf16_is_read(unseen):
    assert _failures(unseen, "asahi_r5_word_page_unicode.htm") == []


def test_an_xls_that_is_tab_separated_shift_jis_text_is_read(unseen):
    assert _failures(unseen, "hodogaya_r4_tsv_export.xls") == []


def test_a_doc_that_is_word_2003_xml_is_read(unseen):
    assert _failures(unseen, "sakae_r3_word2003_xml.doc") == []


def test_an_excel_97_2003_workbook_named_xlsx_is_read(unseen):
    assert _failures(unseen, "seya_r2_old_excel_named_xlsx.xlsx") == []


# --- batch 2 (written after batch 1's fixes, before the parser was run on it) -------------------------

def test_text_hidden_by_a_character_style_or_an_inherited_paragraph_style_is_not_read(unseen):
    assert _failures(unseen, "kanazawa_r4_style_hidden.docx") == []


def test_the_steps_of_a_smartart_diagram_are_read_once(unseen):
    assert _failures(unseen, "aoba_r3_smartart.docx") == []


def test_a_reviewers_notes_on_cells_are_not_report_text(unseen):
    assert _failures(unseen, "hodogaya_r5_cell_notes.xlsx") == []


def test_a_year_written_in_both_eras_is_one_fiscal_year(unseen):
    assert _failures(unseen, "kohoku_h31_reiwa_gannen.docx") == []


def test_a_year_typed_with_a_full_width_space_and_a_wave_dash_period_is_read(unseen):
    assert _failures(unseen, "totsuka_r5_fullwidth_space_year.xlsx") == []


def test_years_abbreviated_as_r3_on_a_ward_page_are_read(unseen):
    assert _failures(unseen, "minami_r3_abbreviated_years.html") == []


def test_a_ward_named_without_ku_in_the_title_is_that_ward(unseen):
    assert _failures(unseen, "tsurumi_r2_ward_without_ku.docx") == []


def test_an_old_workbooks_print_area_and_a_year_shown_as_wareki_by_its_format_are_followed(unseen):
    name = "seya_r4_print_area_era.xls"
    assert _failures(unseen, name) == []
    doc, _passages = unseen[name]
    assert any("印刷範囲" in w for w in doc.warnings)


def test_a_shift_jis_csv_with_a_wave_dash_period_is_read(unseen):
    assert _failures(unseen, "isogo_r2_wave_dash.csv") == []


# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

def test_spreadsheetml_with_merged_down_goal_cells_a_hidden_row_and_a_print_area(unseen):
    name = "kanagawa_r5_spreadsheetml_merged.xls"
    assert _failures(unseen, name) == []
    doc, _passages = unseen[name]
    assert any("印刷範囲" in w for w in doc.warnings) and any("非表示" in w for w in doc.warnings)


def test_excels_single_file_web_page_named_xls_is_read(unseen):
    assert _failures(unseen, "konan_r4_excel_single_file_page.xls") == []


def test_word_2003_xml_with_hidden_text_and_the_ward_in_its_page_header(unseen):
    assert _failures(unseen, "naka_r1_word2003_xml_header.doc") == []


def test_a_macro_enabled_template_with_style_hidden_examples_in_its_table_cells(unseen):
    assert _failures(unseen, "izumi_r3_template_example.docm") == []


def test_excels_unicode_text_named_xls_is_read(unseen):
    assert _failures(unseen, "midori_h30_unicode_text.xls") == []


def test_a_macro_enabled_workbook_with_cell_notes_and_a_print_area(unseen):
    assert _failures(unseen, "sakae_r2_macro_notes_print_area.xlsm") == []


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


def test_every_document_of_the_round_is_judged():
    assert harness.documents_in(DATA) == set(EXPECTED)


if __name__ == "__main__":
    harness.print_round(DATA, EXPECTED)
