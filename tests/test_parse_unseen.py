"""Reports nobody tuned the parser on: other wards, older years, other cities, other layouts.

The documents in tests/data/unseen/ were written the way Yokohama's wards (and two
neighbouring cities) publish their hub evaluations, and tests/data/unseen/expected.json
says what a correct parse of each gives. Both were written before the parser was run
on them. Every document goes through the real loaders (.txt, .html, .docx, .xlsx, .pdf)
and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen      # prints every judged check and the agreement
"""

from __future__ import annotations

from pathlib import Path

from indexer import records
from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def test_a_heisei29_report_whose_sections_say_jisshi_naiyo_and_kongo_no_kadai_keeps_each_goals_sections(unseen):
    assert _failures(unseen, "tsurumi_h29_furikaeri.txt") == []


def test_a_reiwa_gannen_report_with_h31_r1_and_western_years_and_bracketed_goal_marks_keeps_its_goals(unseen):
    assert _failures(unseen, "tsuzuki_r1_mixed.txt") == []


def test_a_hub_web_page_with_a_goal_table_inside_site_chrome_keeps_its_goals_and_next_years_numbered_list(unseen):
    assert _failures(unseen, "asahi_hub_site_r1.html") == []


def test_a_paged_pdf_with_running_headers_keeps_a_goal_whose_issue_runs_over_the_page_break(unseen):
    assert _failures(unseen, "midori_r5_paged.pdf") == []


def test_a_kawasaki_report_is_not_given_a_yokohama_ward_and_keeps_its_numbered_sections(unseen):
    assert _failures(unseen, "kawasaki_center_r4.txt") == []


def test_a_sagamihara_minami_ku_report_is_not_given_yokohamas_minami_ku(unseen):
    assert _failures(unseen, "sagamihara_minami_r3.txt") == []


def test_a_five_year_summary_as_a_word_table_per_programme_keeps_each_programmes_ratings_and_sections(unseen):
    assert _failures(unseen, "aoba_5kanen_h28_r2.docx") == []


def test_a_mid_term_review_as_a_spreadsheet_row_per_programme_keeps_its_four_point_ratings(unseen):
    assert _failures(unseen, "totsuka_chukan_h30_r2.xlsx") == []


def test_a_heisei26_report_with_roman_numbered_goals_keeps_each_goals_sections_and_rating(unseen):
    assert _failures(unseen, "hodogaya_h26_hyoka.txt") == []
    doc, passages = unseen["hodogaya_h26_hyoka.txt"]
    goals = {p.goal_no: p for p in passages if p.section == records.GOAL}
    assert goals[1].grades == {"自己": "○"} and goals[2].grades == {"自己": "◎"}


def test_a_yokosuka_report_naming_a_yokohama_ward_as_its_neighbour_is_not_given_that_ward(unseen):
    assert _failures(unseen, "yokosuka_center_r5.txt") == []


def test_a_five_year_review_with_grades_beside_bracketed_programme_titles_keeps_them(unseen):
    assert _failures(unseen, "izumi_5kanen_h27_r1.txt") == []


def test_a_hub_page_naming_its_ward_only_in_its_title_and_footer_gets_that_ward(unseen):
    assert _failures(unseen, "kanazawa_r4_site.html") == []
    doc, passages = unseen["kanazawa_r4_site.html"]
    assert not any("泥亀" in p.text for p in passages)  # the footer is read for the ward, not indexed


def test_a_spreadsheet_of_goal_rows_after_a_number_column_keeps_its_goals(unseen):
    assert _failures(unseen, "sakae_r6_goal_rows.xlsx") == []


def test_a_word_report_with_goals_as_headings_and_bold_section_labels_keeps_its_goals(unseen):
    assert _failures(unseen, "seya_r3_headings.docx") == []


def test_a_report_naming_its_ward_only_in_its_file_name_gets_that_ward(unseen):
    assert _failures(unseen, "R2_南区拠点_重点目標振り返り.txt") == []


def test_a_tab_table_whose_columns_say_jisshi_shita_torikumi_and_mietekita_kadai_keeps_each_goal(unseen):
    assert _failures(unseen, "isogo_h30_tab_table.txt") == []


def test_a_report_with_western_years_and_wareki_in_brackets_keeps_this_and_next_years_goals(unseen):
    assert _failures(unseen, "kanagawa_2023_paren_wareki.txt") == []


def test_a_machida_report_beside_aoba_ku_is_not_given_aoba_ku(unseen):
    assert _failures(unseen, "machida_hiroba_r4.txt") == []


def test_a_goals_achievement_line_is_not_part_of_its_issues(unseen):
    assert _failures(unseen, "naka_h31_r1_tassei.txt") == []
    doc, passages = unseen["naka_h31_r1_tassei.txt"]
    assert {p.goal_no: p.grades for p in passages if p.section == records.GOAL} == {1: {"自己": "4"}, 2: {"自己": "3"}}


def test_a_sheet_with_one_goal_per_column_keeps_each_goals_sections(unseen):
    assert _failures(unseen, "nishi_r4_transposed.xlsx") == []


def test_a_hub_page_as_definition_lists_under_goal_headings_keeps_each_goal(unseen):
    assert _failures(unseen, "kohoku_dl_r2.html") == []


def test_goal_headings_and_section_labels_between_marks_keep_their_goals_texts(unseen):
    assert _failures(unseen, "minami_r6_angle_labels.txt") == []


def test_a_city_wide_summary_citing_one_example_per_ward_is_not_given_one_ward(unseen):
    assert _failures(unseen, "yokohama_citywide_r4.txt") == []


def test_a_five_year_summary_with_grade_lines_under_programme_headings_keeps_the_grades(unseen):
    assert _failures(unseen, "tsurumi_5kanen_r3_r7_inline.txt") == []


def test_text_pasted_from_a_pdf_keeps_an_outcome_cut_by_a_running_header_and_page_number(unseen):
    assert _failures(unseen, "midori_r2_pasted_pdf.txt") == []


def test_a_combined_seika_to_kadai_section_is_split_into_outcome_and_issue(unseen):
    assert _failures(unseen, "sakae_r5_combined_sections.txt") == []


def test_a_page_of_one_key_value_table_per_numbered_goal_keeps_each_goals_number_and_sections(unseen):
    assert _failures(unseen, "naka_r3_keyvalue_tables.html") == []


def test_a_word_goal_table_whose_goal_column_header_carries_the_year_keeps_its_goals(unseen):
    assert _failures(unseen, "kohoku_r3_year_in_header.docx") == []


def test_a_five_year_workbook_with_one_sheet_per_programme_keeps_each_programmes_grades(unseen):
    assert _failures(unseen, "nishi_5kanen_sheet_per_programme.xlsx") == []


def test_a_report_with_bracketed_goal_numbers_katakana_items_and_draft_next_goals_keeps_them(unseen):
    assert _failures(unseen, "seya_r4_an_katakana.txt") == []


def test_an_open_data_csv_of_two_years_goals_keeps_each_rows_year(unseen):
    assert _failures(unseen, "aoba_open_data_r4_r5.csv") == []


def test_a_report_named_only_in_its_ward_office_signature_is_not_given_the_neighbour_it_cites(unseen):
    assert _failures(unseen, "isogo_r2_signature.txt") == []


def test_a_section_heading_at_the_top_of_a_page_is_not_taken_for_a_running_header():
    from indexer.parse import parse_text

    text = ("令和５年度 重点目標の評価\n重点目標１ 居場所をつくる。\n取組内容\nひろばを開いた。\n取組の課題\n混む。\n"
            "― 1 ―\n重点目標２ 相談を受ける。\n取組内容\n相談日を設けた。\n― 2 ―\n取組の課題\n記録の共有。\n")
    issues = {p.goal_no: p.text for p in parse_text(text, "a.txt", "a").passages if p.section == records.ISSUE}
    assert issues == {1: "混む。", 2: "記録の共有。"}


def test_a_target_figure_line_inside_a_section_does_not_open_a_goal():
    from indexer.parse import parse_text

    text = ("令和5年度 重点目標の評価\n重点目標１ 情報発信を強める。\n取組内容\nアプリを運用した。\n"
            "目標：ダウンロード2,000件\n取組の成果\n3,600件になった。\n")
    goals = [p for p in parse_text(text, "x.txt", "x").passages if p.section == records.GOAL]
    assert [g.text for g in goals] == ["情報発信を強める。"]


def test_a_file_name_naming_another_citys_ward_does_not_give_a_yokohama_ward():
    from indexer.parse import parse_text

    text = "令和3年度 重点目標の評価\n重点目標１ 広場を運営する。\n取組の成果\n利用が増えた。\n"
    assert parse_text(text, "相模原市南区_R3.txt", "x").document.ward == "相模原市"
    assert parse_text(text, "R3_南区_振り返り.txt", "x").document.ward == "南区"
    assert parse_text("南区地域子育て支援拠点事業\n" + text, "R3_西区.txt", "x").document.ward == "南区"


def test_a_report_headed_reiwa5_with_2023_in_brackets_keeps_fiscal_2023_and_next_years_goals():
    from indexer.parse import parse_text

    text = ("令和5（2023）年度 重点目標の評価\n重点目標１ 居場所をつくる。\n取組の成果\n利用が増えた。\n"
            "令和６（２０２４）年度重点目標\n重点目標１ 居場所を続ける。\n")
    parsed = parse_text(text, "x.txt", "x")
    assert (parsed.document.fiscal_year_from, parsed.document.year_label) == (2023, "令和5年度")
    assert {(p.unit, p.year_label) for p in parsed.passages if p.section in (records.GOAL, records.NEXT_GOAL)} == {
        ("x-y2023-g1", "令和5年度"), ("x-y2024-n1", "令和6年度")}


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = harness.parse_round(Path(tmp), DATA, EXPECTED)
    harness.print_agreement(EXPECTED, result.get)
