"""Reports nobody tuned the parser on, second round: layouts and wordings the first round
(tests/test_parse_unseen.py) did not cover.

The documents in tests/data/unseen2/ were written, batch by batch, the way Yokohama's wards
and neighbouring cities publish their hub evaluations, and tests/data/unseen2/expected.json
says what a correct parse of each gives; each batch's expectations were committed before
the parser was run on it. Every document goes through the real loaders and
`indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen2      # prints every judged check and the agreement
"""

from __future__ import annotations

from indexer import records
from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen2")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


# --- batch 1 ---------------------------------------------------------------------


def test_goals_marked_mokuhyo_maru_with_jisseki_kouka_and_kongo_no_houkousei_keep_their_sections(unseen):
    assert _failures(unseen, "konan_r3_mokuhyo_maru.txt") == []


def test_a_fujisawa_centre_sheet_numbered_roman_dash_keeps_its_goals_ratings_and_no_yokohama_ward(unseen):
    assert _failures(unseen, "fujisawa_center_r4.txt") == []


def test_goals_numbered_by_word_automatic_numbering_keep_their_numbers_and_labelled_rows(unseen):
    assert _failures(unseen, "hodogaya_2019_word_numbering.docx") == []


def test_a_pdf_page_in_two_columns_is_read_column_after_column(unseen):
    assert _failures(unseen, "totsuka_r2_two_columns.pdf") == []


def test_a_workbook_with_one_sheet_per_year_gives_each_sheets_goals_that_year(unseen):
    assert _failures(unseen, "asahi_r3_r5_sheet_per_year.xlsx") == []


# --- batch 2 ---------------------------------------------------------------------


def test_a_page_of_nested_tables_whose_goal_rows_say_jinendo_ni_mukete_keeps_that_as_the_goals_issue(unseen):
    assert _failures(unseen, "sakae_r2_nested_tables.html") == []
    doc, passages = unseen["sakae_r2_nested_tables.html"]
    assert not [p for p in passages if p.section == records.NEXT_GOAL]


def test_a_csv_with_a_row_per_part_of_each_goal_keeps_each_goals_parts(unseen):
    assert _failures(unseen, "tsuzuki_long_format.csv") == []


def test_a_five_year_table_with_name_cells_spanning_the_hub_and_ward_rows_keeps_both_grades(unseen):
    assert _failures(unseen, "kanazawa_5kanen_r2_r6_rowspan.html") == []
    doc, passages = unseen["kanazawa_5kanen_r2_r6_rowspan.html"]
    grades = {p.programme: p.grades for p in passages if p.section == records.SELF_EVAL}
    assert grades[3] == {"法人": "B", "区": "C"}


def test_a_report_that_never_says_juten_mokuhyo_keeps_its_numbered_goals_without_the_page_number(unseen):
    assert _failures(unseen, "midori_r4_no_heading.txt") == []


def test_an_osaka_asahi_ku_report_is_not_given_yokohamas_asahi_ku_and_its_next_part_is_no_goal(unseen):
    assert _failures(unseen, "osaka_asahi_r5.txt") == []


def test_a_pdf_naming_its_ward_only_in_the_footer_of_every_page_gets_that_ward(unseen):
    assert _failures(unseen, "seya_h31_r1_footer_ward.pdf") == []


# --- batch 3 ---------------------------------------------------------------------


def test_two_goals_side_by_side_under_one_spanning_header_keep_their_own_columns(unseen):
    assert _failures(unseen, "tsurumi_r1_side_by_side.html") == []


def test_a_five_year_text_with_programme_numbers_in_angle_brackets_and_whose_grade_lines_keeps_them(unseen):
    assert _failures(unseen, "kanagawa_5kanen_r2_r6_angle.txt") == []


def test_a_nagoya_midori_ku_report_is_not_given_yokohamas_midori_ku(unseen):
    assert _failures(unseen, "nagoya_midori_r4.txt") == []


def test_goals_lettered_a_and_b_under_a_full_width_r3_title_are_goals_1_and_2(unseen):
    assert _failures(unseen, "izumi_r3_goal_letters.txt") == []


def test_a_word_table_whose_goal_cell_is_merged_down_its_section_rows_keeps_each_section(unseen):
    assert _failures(unseen, "kohoku_r4_merged_goal_cell.docx") == []
    doc, passages = unseen["kohoku_r4_merged_goal_cell.docx"]
    assert not any("項目" in p.text for p in passages if p.section == records.GOAL)


def test_a_workbook_with_a_cover_sheet_and_one_sheet_per_goal_keeps_each_goal(unseen):
    assert _failures(unseen, "naka_r5_sheet_per_goal.xlsx") == []


# --- batch 4 ---------------------------------------------------------------------


def test_a_rating_written_on_the_line_below_its_hyoka_label_rates_that_goal(unseen):
    assert _failures(unseen, "isogo_r3_grade_below_label.html") == []


def test_a_table_drawn_with_box_characters_keeps_each_goals_sections_without_its_borders(unseen):
    assert _failures(unseen, "totsuka_h30_box_drawing.txt") == []


def test_a_yamato_centre_naming_yokohamas_seya_ku_more_than_its_city_is_not_given_seya_ku(unseen):
    assert _failures(unseen, "yamato_center_r3.txt") == []


def test_a_goal_cell_merged_over_two_rows_of_a_sheet_keeps_both_rows_in_that_goal(unseen):
    assert _failures(unseen, "nishi_r2_merged_goal_rows.xlsx") == []


def test_a_five_year_word_document_with_numbered_programme_headings_and_grade_tables_keeps_the_grades(unseen):
    assert _failures(unseen, "tsuzuki_5kanen_numbered_headings.docx") == []


# --- batch 5 ---------------------------------------------------------------------


def test_sections_called_tassei_joukyou_and_kongo_no_kaizensaku_under_circle_marks_keep_their_goals(unseen):
    assert _failures(unseen, "hodogaya_r2_kaizensaku.txt") == []


def test_goals_given_as_table_captions_keep_their_rows(unseen):
    assert _failures(unseen, "asahi_r4_caption_tables.html") == []


def test_a_hub_page_naming_only_the_hubs_nickname_gets_the_ward_that_hub_serves(unseen):
    assert _failures(unseen, "dropp_hub_only_r4.html") == []


def test_a_bordered_label_table_in_a_paged_pdf_keeps_each_goal_without_headers_or_footers(unseen):
    assert _failures(unseen, "minami_r3_pdf_label_table.pdf") == []


def test_a_goal_table_with_a_two_row_header_reads_the_second_rows_column_names(unseen):
    assert _failures(unseen, "aoba_r6_two_row_header.docx") == []


# --- batch 6 ---------------------------------------------------------------------


def test_a_shift_jis_csv_with_a_rating_column_keeps_each_goals_sections_and_rating(unseen):
    assert _failures(unseen, "kanazawa_r1_sjis.csv") == []


def test_goals_as_an_ordered_list_with_nested_label_items_keep_their_sections(unseen):
    assert _failures(unseen, "izumi_h30_nested_lists.html") == []


def test_bracketed_section_labels_run_on_one_line_split_into_their_sections(unseen):
    assert _failures(unseen, "naka_r4_inline_paren_labels.txt") == []


def test_a_report_filed_under_another_citys_name_is_not_given_the_neighbour_ward_it_mentions(unseen):
    assert _failures(unseen, "鎌倉市_子育て支援センター_R2.txt") == []


def test_a_sheet_whose_header_cells_wrap_inside_the_cell_keeps_its_columns(unseen):
    assert _failures(unseen, "seya_r5_header_linebreaks.xlsx") == []


# --- batch 7 ---------------------------------------------------------------------


def test_goals_numbered_sono_with_plain_words_for_their_sections_keep_them(unseen):
    assert _failures(unseen, "tsurumi_r2_sono_labels.txt") == []


def test_a_report_whose_only_year_is_the_date_it_was_written_evaluates_the_year_then_ending(unseen):
    assert _failures(unseen, "konan_fy_by_date.txt") == []


def test_a_setagaya_ku_page_naming_yokohamas_aoba_ku_once_is_not_given_aoba_ku(unseen):
    assert _failures(unseen, "setagaya_hiroba_r4.txt") == []


def test_a_form_with_seika_and_kadai_side_by_side_under_each_goal_keeps_them_in_that_goal(unseen):
    assert _failures(unseen, "isogo_r5_split_sections.xlsx") == []


def test_goals_and_sections_as_one_word_multilevel_list_keep_their_numbers(unseen):
    assert _failures(unseen, "nishi_r4_multilevel_list.docx") == []


def test_a_table_of_section_columns_with_no_goal_before_it_does_not_stop_the_parse():
    from indexer.parse import parse_text

    text = "令和5年度 重点目標の評価\n成果\t課題\n利用が増えた。\t担い手が足りない。\n"
    parsed = parse_text(text, "x.txt", "x")
    assert any("担い手が足りない" in p.text for p in parsed.passages)


# --- batch 8 ---------------------------------------------------------------------


def test_a_five_year_open_data_csv_without_a_title_is_a_five_year_summary_with_each_programmes_grades(unseen):
    assert _failures(unseen, "midori_5kanen_open_data.csv") == []


def test_ratings_written_in_words_rate_their_goals(unseen):
    assert _failures(unseen, "sakae_r3_word_ratings.txt") == []


def test_a_page_laid_out_in_div_rows_keeps_each_goals_sections(unseen):
    assert _failures(unseen, "naka_r2_div_grid.html") == []


def test_a_five_year_text_with_circled_programme_numbers_keeps_each_programme_apart(unseen):
    assert _failures(unseen, "minami_5kanen_circled_programmes.txt") == []


def test_two_years_goals_side_by_side_keep_their_own_years(unseen):
    assert _failures(unseen, "hodogaya_r3_r4_two_years.txt") == []


# --- batch 9 ---------------------------------------------------------------------


def test_goals_listed_up_front_then_reviewed_under_maru_ni_tsuite_keep_their_text_and_sections(unseen):
    assert _failures(unseen, "kanagawa_r4_maru_ni_tsuite.txt") == []


def test_a_seika_to_kadai_table_cell_splits_into_outcome_and_issue_by_its_labels(unseen):
    assert _failures(unseen, "aoba_r2_combined_cell.html") == []


def test_a_word_form_of_nested_label_tables_keeps_each_goals_sections(unseen):
    assert _failures(unseen, "izumi_r4_form_nested.docx") == []


def test_goals_numbered_one_dash_bracketed_keep_apart_and_the_next_part_is_no_goal(unseen):
    assert _failures(unseen, "kohoku_r1_compound_paren.txt") == []


def test_next_years_goals_as_a_table_headed_by_their_draft_year_are_next_years_goals(unseen):
    assert _failures(unseen, "kanazawa_r4_next_goal_table.txt") == []


# --- batch 10 --------------------------------------------------------------------


def test_labels_then_values_copied_out_of_a_pdf_table_are_paired_in_order(unseen):
    assert _failures(unseen, "naka_r1_labels_then_values.txt") == []


def test_a_sakai_ward_centre_signed_by_its_city_is_not_given_yokohamas_minami_ku(unseen):
    assert _failures(unseen, "minami_sakai_center_r4.txt") == []


def test_goals_in_collapsible_details_keep_their_sections(unseen):
    assert _failures(unseen, "isogo_r6_details.html") == []


def test_a_word_file_with_unaccepted_tracked_changes_keeps_insertions_and_drops_deletions(unseen):
    assert _failures(unseen, "seya_r2_tracked_changes.docx") == []


def test_goal_rows_with_columns_in_another_order_and_extra_columns_keep_each_section(unseen):
    assert _failures(unseen, "tsuzuki_r5_reordered_columns.xlsx") == []


def test_an_empty_section_followed_by_the_next_label_is_not_paired_with_its_text():
    from indexer.parse import parse_text

    text = "令和5年度 重点目標の評価\n重点目標１ 居場所をつくる。\n取組内容\nひろばを開いた。\n取組の成果\n取組の課題\n混む。\n"
    found = {p.section: p.text for p in parse_text(text, "x.txt", "x").passages if p.goal_no == 1}
    assert found.get(records.ISSUE) == "混む。" and records.OUTCOME not in found


# --- batch 11 --------------------------------------------------------------------


def test_a_report_with_its_year_and_goal_numbers_in_kanji_numerals_keeps_them(unseen):
    assert _failures(unseen, "kohoku_r5_kanji_numerals.txt") == []


def test_a_saitama_midori_ku_report_with_its_city_in_kana_is_not_given_yokohamas_midori_ku(unseen):
    assert _failures(unseen, "saitama_midori_r3.txt") == []


def test_juten_theme_goals_keep_their_sections_and_the_notes_after_them_stay_out(unseen):
    assert _failures(unseen, "asahi_r1_theme_notes.txt") == []


def test_both_grades_written_in_one_self_evaluation_cell_are_read_as_hub_and_ward(unseen):
    assert _failures(unseen, "izumi_5kanen_combined_grades.docx") == []
    doc, passages = unseen["izumi_5kanen_combined_grades.docx"]
    assert {p.programme: p.grades for p in passages if p.section == records.SELF_EVAL}[1] == {"法人": "A", "区": "B"}


def test_a_bordered_pdf_table_of_goal_rows_keeps_each_goals_cells(unseen):
    assert _failures(unseen, "totsuka_r4_pdf_goal_rows.pdf") == []


def test_a_goal_list_word_is_not_a_goal_numbered_in_kanji():
    from indexer import headings

    assert headings.heading_key("重点目標一覧") is None or headings.heading_key("重点目標一覧").number is None
    assert headings.heading_key("重点目標二　父親を応援する").number == 2


# --- batch 12 --------------------------------------------------------------------


def test_sections_as_headings_over_every_goals_text_give_each_goal_its_line(unseen):
    assert _failures(unseen, "minami_r5_section_major.html") == []


def test_a_csv_with_a_bom_and_line_breaks_inside_quoted_cells_keeps_each_goal(unseen):
    assert _failures(unseen, "konan_r4_bom_multiline.csv") == []


def test_dai_numbered_parts_hold_this_and_next_years_goals(unseen):
    assert _failures(unseen, "seya_r6_dai_parts.txt") == []


def test_section_labels_naming_their_goal_in_brackets_go_to_that_goal(unseen):
    assert _failures(unseen, "aoba_r3_section_refs.txt") == []


def test_a_sheet_with_a_merged_title_row_per_goal_keeps_each_goals_sections(unseen):
    assert _failures(unseen, "hodogaya_r5_merged_title.xlsx") == []


def test_a_goal_number_repeated_after_the_last_goals_issue_is_not_taken_for_a_sections_line():
    from indexer.parse import parse_text

    text = ("令和5年度 重点目標の評価\n重点目標１ 居場所をつくる。\n取組内容\nひろばを開いた。\n"
            "重点目標２ 相談を受ける。\n取組の課題\n記録の共有。\n重点目標１ 居場所を続ける。\n")
    issues = [p.text for p in parse_text(text, "x.txt", "x").passages if p.section == records.ISSUE]
    assert issues == ["記録の共有。"]


# --- batch 13 --------------------------------------------------------------------


def test_a_table_of_indicator_targets_and_actuals_inside_a_goal_makes_no_goals(unseen):
    assert _failures(unseen, "tsurumi_r4_kpi_table.txt") == []


def test_a_hidden_draft_sheet_is_not_read_and_the_user_is_told(unseen):
    assert _failures(unseen, "naka_r6_hidden_sheet.xlsx") == []
    doc, _passages = unseen["naka_r6_hidden_sheet.xlsx"]
    assert any("作業用" in w for w in doc.warnings)


def test_a_utf16_text_file_keeps_its_goals(unseen):
    assert _failures(unseen, "kanagawa_r2_utf16.txt") == []


def test_a_shift_jis_page_with_a_meta_charset_keeps_its_goal_table(unseen):
    assert _failures(unseen, "isogo_h29_sjis.html") == []


def test_a_pdf_goal_table_whose_header_repeats_on_the_next_page_keeps_every_goal(unseen):
    assert _failures(unseen, "asahi_r5_pdf_repeated_header.pdf") == []


# --- batch 14 --------------------------------------------------------------------


def test_a_table_of_section_columns_under_each_goal_heading_belongs_to_that_goal(unseen):
    assert _failures(unseen, "hodogaya_r6_table_per_goal.html") == []


def test_an_overall_rating_row_ending_a_goal_table_is_no_goal(unseen):
    assert _failures(unseen, "kanazawa_r5_overall_rating.docx") == []


def test_goals_numbered_no_1_with_arrow_labels_keep_their_sections(unseen):
    assert _failures(unseen, "konan_r5_no_dot.txt") == []


def test_a_goal_written_whole_into_one_spreadsheet_cell_keeps_its_sections(unseen):
    assert _failures(unseen, "seya_r4_one_cell.xlsx") == []


def test_rules_drawn_between_goals_are_not_their_text(unseen):
    assert _failures(unseen, "tsurumi_r3_separators.txt") == []


# --- batch 15 --------------------------------------------------------------------


def test_a_goal_table_headed_mokuhyo_nerai_and_jissen_naiyo_is_a_yearly_goal_table(unseen):
    assert _failures(unseen, "tsuzuki_r4_nerai_jissen.docx") == []


def test_next_years_goals_headed_keikaku_keep_their_planned_content_apart(unseen):
    assert _failures(unseen, "minami_r5_plan_next.txt") == []


def test_sections_lettered_a_i_u_under_bracketed_goal_numbers_keep_their_goals(unseen):
    assert _failures(unseen, "naka_r3_katakana_sections.txt") == []


def test_a_report_naming_its_ward_only_in_its_address_block_gets_that_ward(unseen):
    assert _failures(unseen, "isogo_r4_address_only.txt") == []


def test_goal_cells_opening_with_their_own_numbered_label_keep_their_row(unseen):
    assert _failures(unseen, "sakae_r1_goal_cell_label.html") == []


# --- batch 16 --------------------------------------------------------------------


def test_goal_statements_wrapped_over_two_indented_lines_keep_their_whole_text(unseen):
    assert _failures(unseen, "kohoku_r2_wrapped_goal.txt") == []


def test_two_outcome_labels_with_notes_in_brackets_stay_one_goals_outcome(unseen):
    assert _failures(unseen, "nishi_r5_kadai_houshin.txt") == []
    doc, passages = unseen["nishi_r5_kadai_houshin.txt"]
    assert not any("（数値）" in p.text or "今後の方針" in p.text for p in passages)


def test_a_wards_welfare_plan_is_no_hub_report_but_keeps_its_ward_and_years(unseen):
    assert _failures(unseen, "kohoku_fukushi_plan.txt") == []


def test_a_five_year_text_with_hub_and_ward_grades_after_a_bracketed_label_keeps_them(unseen):
    assert _failures(unseen, "izumi_5kanen_space_grades.txt") == []


def test_a_one_column_table_of_bold_labels_keeps_each_goals_sections(unseen):
    assert _failures(unseen, "aoba_r5_td_bold_labels.html") == []


# --- batch 17 --------------------------------------------------------------------


def test_years_written_r_dot_5_are_read_and_a_years_own_evaluation_is_no_five_year_summary(unseen):
    assert _failures(unseen, "konan_r5_r_dot.txt") == []


def test_a_yearly_reports_mid_year_report_is_a_yearly_report_with_its_half_year_sections(unseen):
    assert _failures(unseen, "sakae_r6_chukan_houkoku.txt") == []


def test_a_tsv_export_of_goal_rows_keeps_each_goal(unseen):
    assert _failures(unseen, "tsuzuki_r3_export.tsv") == []


def test_a_table_whose_caption_states_the_year_keeps_its_goals_of_that_year(unseen):
    assert _failures(unseen, "midori_r4_caption_year.html") == []


def test_goal_headings_tagged_with_their_programme_in_brackets_keep_their_text(unseen):
    assert _failures(unseen, "asahi_r2_goal_with_tag.txt") == []


def test_a_years_number_before_nendo_no_hyoka_is_not_a_five_year_title():
    from indexer.metadata import find_doc_type

    assert find_doc_type("令和5年度の評価\n重点目標１ 居場所をつくる。\n取組の成果\n増えた。\n") == records.YEARLY
    assert find_doc_type("西区地域子育て支援拠点事業 5か年の評価\n") == records.FIVE_YEAR


def test_a_report_whose_structure_the_parser_trips_on_is_still_indexed_as_paragraphs_with_a_notice(monkeypatch):
    from indexer import parse, yearly

    def trip(*_args, **_kwargs):
        raise StopIteration  # what a layout nobody foresaw did to the goal-table reader

    monkeypatch.setattr(yearly, "build", trip)
    text = "令和5年度 重点目標の評価\n重点目標１ 居場所をつくる。\n取組の成果\n利用が増えた。\n"
    parsed = parse.parse_text(text, "x.txt", "x")
    assert any("利用が増えた" in p.text and p.section == records.OTHER for p in parsed.passages)
    assert parsed.document.warnings == [parse.MSG_STRUCTURE_FAILED]


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


if __name__ == "__main__":
    # Each document is parsed on its own, so the agreement of an older parser can be measured:
    #   git archive <commit> indexer | tar -x -C /tmp/v && PYTHONPATH=/tmp/v:. python -m tests.test_parse_unseen2
    harness.print_round(DATA, EXPECTED)
