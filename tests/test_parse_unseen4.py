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

from indexer import headings, metadata, parse, ratings, records
from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen4")
unseen = harness.round_fixture(DATA, EXPECTED)


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


# --- batch 2 (written after batch 1's fixes) -----------------------------------------------


def test_an_xls_workbooks_hidden_row_and_column_are_not_read(unseen):
    assert _failures(unseen, "naka_r2_hidden_rows.xls") == []


def test_a_pdf_goal_table_whose_header_row_repeats_on_the_next_page_keeps_every_goal(unseen):
    assert _failures(unseen, "minami_r5_repeated_header.pdf") == []


def test_a_goal_rated_by_a_mark_under_its_grades_column_gets_that_grade(unseen):
    assert _failures(unseen, "asahi_r4_mark_columns.xlsx") == []


def test_a_five_year_summary_whose_period_is_in_a_sentence_and_whose_issues_are_kaizenten(unseen):
    assert _failures(unseen, "isogo_5kanen_r1_r5_kaizen.txt") == []


def test_section_labels_written_as_questions_keep_their_sections(unseen):
    assert _failures(unseen, "kanazawa_r5_question_labels.txt") == []


# --- batch 3 (written after batch 2's fixes) -----------------------------------------------


def test_a_forms_own_instructions_under_its_labels_are_not_the_goals_text(unseen):
    assert _failures(unseen, "seya_r3_form_guidance.txt") == []


def test_jinendo_ni_mukete_under_each_goal_is_its_issue_and_next_years_goals_stay_apart(unseen):
    assert _failures(unseen, "tsuzuki_r4_jinendo_ni_mukete.txt") == []


def test_a_web_page_table_per_goal_named_by_its_caption_keeps_its_goals(unseen):
    assert _failures(unseen, "naka_r6_table_captions.html") == []


def test_a_forms_year_typed_across_three_cells_is_the_reports_year(unseen):
    assert _failures(unseen, "aoba_r5_split_year_cells.xlsx") == []


def test_a_two_column_pdf_page_keeps_each_columns_goal_whole(unseen):
    assert _failures(unseen, "hodogaya_r5_two_columns.pdf") == []


# --- batch 4 (written after batch 3's fixes) -----------------------------------------------


def test_a_web_page_of_details_panels_whose_summary_names_the_goal_keeps_its_goals(unseen):
    assert _failures(unseen, "kohoku_r3_details_summary.html") == []


def test_a_markdown_pipe_table_with_its_rule_row_keeps_its_goals(unseen):
    assert _failures(unseen, "midori_r4_markdown_table.txt") == []


def test_a_goal_rated_on_a_five_point_scale_keeps_its_point(unseen):
    assert _failures(unseen, "izumi_r2_five_point_scale.txt") == []


def test_an_excel_unicode_text_export_in_utf16_keeps_its_goals_and_ratings(unseen):
    assert _failures(unseen, "nishi_r6_excel_unicode_text.txt") == []


def test_a_five_year_csv_with_grade_columns_headed_r1_to_r5_keeps_every_years_grade(unseen):
    assert _failures(unseen, "asahi_5kanen_r1_r5_letters.csv") == []


# --- batch 5 (written after batch 4) -------------------------------------------------------


def test_goals_numbered_a_i_in_brackets_with_sections_lettered_a_b_c_end_at_the_next_part(unseen):
    assert _failures(unseen, "kanagawa_r5_sub_letters.txt") == []


def test_labels_in_double_angle_brackets_keep_their_goals_and_sections(unseen):
    assert _failures(unseen, "sakae_r2_double_angle.txt") == []


def test_a_ticked_cell_under_a_scale_of_words_is_the_goals_rating(unseen):
    assert _failures(unseen, "minami_r3_tick_table.docx") == []


# --- batch 6 (written after batch 5's fixes) -----------------------------------------------


def test_goals_under_a_repeated_unnumbered_mokuhyo_label_are_numbered_in_turn(unseen):
    assert _failures(unseen, "seya_r1_unnumbered_goal_labels.txt") == []


def test_a_report_whose_year_is_only_in_its_file_name_keeps_that_year(unseen):
    assert _failures(unseen, "kohoku_R5_hyoka.txt") == []


def test_a_yearly_goal_rated_by_both_evaluators_on_one_line_keeps_both_grades(unseen):
    assert _failures(unseen, "totsuka_r6_two_raters.txt") == []


# --- batch 7 (written after batch 6's fixes) -----------------------------------------------


def test_kongo_no_torikumi_is_the_goals_issue(unseen):
    assert _failures(unseen, "konan_r4_kongo_no_torikumi.txt") == []


def test_a_table_of_indicators_inside_a_goal_keeps_its_sections_and_the_next_goal(unseen):
    assert _failures(unseen, "asahi_r5_kpi_table.txt") == []


def test_a_nerai_line_under_each_goal_keeps_the_goals_and_their_sections(unseen):
    assert _failures(unseen, "izumi_r6_nerai_subline.txt") == []


# --- the rules on their own ---------------------------------------------------------------


def test_a_line_of_boxed_options_is_a_rating_only_when_exactly_one_box_is_ticked():
    assert ratings.goal_grade("【自己評価】□達成　☑おおむね達成　□未達成") == ("自己", "おおむね達成")
    assert ratings.goal_grade("【自己評価】☑達成　☑おおむね達成　□未達成") is None
    assert ratings.goal_grade("【自己評価】□達成　□おおむね達成　□未達成") is None


def test_a_ward_is_read_from_a_file_name_only_when_a_word_of_it_spells_exactly_one_ward():
    assert metadata.ward_in_file_name("Kohoku-ku_R5_hyoka") == "港北区"
    assert metadata.ward_in_file_name("tsurumiku_r3") == "鶴見区"
    assert metadata.ward_in_file_name("こうなん区_R6") == "港南区"
    assert metadata.ward_in_file_name("midorinohiroba_r5") is None  # a hub's name, not 緑区
    assert metadata.ward_in_file_name("nakano_r5") is None
    assert metadata.ward_in_file_name("konan_kohoku_godo") is None  # two wards: neither


def test_a_file_names_romaji_ward_does_not_override_the_ward_the_text_names():
    text = "令和5年度 戸塚区地域子育て支援拠点 事業評価\n重点目標１ 居場所をつくる。\n取組内容\n出張ひろばを開いた。\n"
    assert parse.parse_text(text, "konan-ku_r5.txt", "x").document.ward == "戸塚区"


def test_a_single_year_column_is_not_taken_for_a_grade_column():
    assert headings.programme_table_columns(["事業", "令和5年度", "成果", "課題"]) is None
    columns = headings.programme_table_columns(["事業", "令和4年度", "令和5年度", "成果", "課題"])
    assert columns[1] == "grade:令和4年度" and columns[2] == "grade:令和5年度"


def test_a_year_column_holding_words_keeps_them_as_that_programmes_text():
    text = ("都筑区地域子育て支援拠点事業 5か年のまとめ（令和2年度～令和6年度）\n"
            "事業\t令和5年度\t令和6年度\t成果\t課題\n"
            "1 親子の居場所\tＡ\t移転のため半年休止\t利用が増えた。\t駐車場が少ない。\n")
    passages = parse.parse_text(text, "x.txt", "x").passages
    block = [p for p in passages if p.programme == 1]
    assert any("移転のため半年休止" in p.text for p in block)
    assert any((p.grades or {}).get("令和5年度") == "A" for p in block)


def test_a_bracketed_line_is_a_part_heading_only_right_above_a_goal_heading():
    text = ("令和5年度 港北区地域子育て支援拠点 事業評価\n"
            "重点目標１ 居場所をつくる。\n取組内容\n出張ひろばを開いた。\n【参考】\n出張ひろばは月2回。\n"
            "重点目標２ 相談につなぐ。\n取組内容\n相談日を設けた。\n")
    passages = parse.parse_text(text, "x.txt", "x").passages
    content = next(p for p in passages if p.section == records.CONTENT and p.goal_no == 1)
    assert "出張ひろばは月2回" in content.text


def test_a_goal_number_restated_before_its_own_sections_is_the_same_goal():
    text = ("令和5年度 港北区地域子育て支援拠点 事業評価\n重点目標\n"
            "重点目標１ 居場所をつくる。\n重点目標２ 相談につなぐ。\n振り返り\n"
            "重点目標１ 居場所をつくる。\n取組内容\n出張ひろばを開いた。\n"
            "重点目標２ 相談につなぐ。\n取組内容\n相談日を設けた。\n")
    passages = parse.parse_text(text, "x.txt", "x").passages
    assert {p.goal_no for p in passages if p.section == records.GOAL} == {1, 2}


def test_a_grade_column_table_needs_a_single_mark_in_a_row_to_rate_its_goal():
    header = "重点目標\t取組内容\t成果\t課題\t自己評価\n\t\t\t\tＡ\tＢ\tＣ\n"
    one = parse.parse_text("令和4年度 事業評価\n" + header + "1 居場所をつくる\t出張ひろば\t300組\t会場\t\t○\t\n", "x.txt", "x")
    two = parse.parse_text("令和4年度 事業評価\n" + header + "1 居場所をつくる\t出張ひろば\t300組\t会場\t○\t○\t\n", "x.txt", "x")
    assert {g for p in one.passages for g in (p.grades or {}).values()} == {"B"}
    assert not any(p.grades for p in two.passages)


def test_a_period_written_in_a_sentence_is_read_only_as_a_range_of_years():
    from indexer.clean import to_rows

    stated = metadata.period_in_sentence(to_rows("はじめに\n本報告は、令和元年度から令和５年度までの５年間を振り返ったものです。\n")[1])
    assert (stated.year_from, stated.year_to) == (2019, 2023)
    assert metadata.period_in_sentence(to_rows("令和元年度に始めた講座を令和５年度も続けた。\n")[1]) is None


def test_a_programme_written_as_jigyo_and_its_number_must_name_that_programme():
    text = ("中区地域子育て支援拠点事業 5か年の振り返り（令和2年度～令和6年度）\n"
            "■事業２ 子育て相談\n自己評価 法人：Ａ 区：Ｂ\n成果\n相談が増えた。\n"
            "■事業３ 親子の居場所\n成果\n利用が増えた。\n")
    passages = parse.parse_text(text, "x.txt", "x").passages
    assert any(p.programme == 2 and "相談が増えた" in p.text for p in passages)
    assert not any(p.programme == 3 for p in passages)  # 事業３ with programme 1's words is no heading


def test_question_labels_are_sections_but_a_question_in_a_sentence_is_not():
    assert headings.heading_key("その結果どうなったか").key == headings.OUTCOME
    assert headings.heading_key("今後どうするか").key == headings.ISSUE
    h = headings.heading_key("参加者にどのように取り組んだかを聞いた。")
    assert h is None or h.key != headings.CONTENT


def test_a_forms_writing_instruction_is_furniture_but_a_note_about_what_was_written_is_not():
    from indexer.clean import is_furniture

    assert is_furniture("※いつ・どこで・誰が・何を・どのように行ったかを具体的に記入してください。")
    assert is_furniture("（数値で示せるものは数値で記入）")
    assert not is_furniture("※数値は延べ人数を記入している。")


def test_a_section_label_said_of_the_goal_is_that_section():
    assert headings.heading_key("２　目標に対する取組内容").key == headings.CONTENT
    assert headings.heading_key("目標達成に向けた取組").key == headings.CONTENT


def test_a_next_year_heading_naming_its_year_after_the_last_goal_keeps_next_years_plan():
    text = ("令和3年度 事業評価\n重点目標１ 居場所をつくる。\n取組内容\n出張ひろばを開いた。\n"
            "課題\n会場が少ない。\n■ 令和４年度に向けて\n各地区で出張ひろばを始める。\n")
    passages = parse.parse_text(text, "x.txt", "x").passages
    assert any(p.section == records.NEXT_GOAL and "各地区で出張ひろば" in p.text for p in passages)
    issue = next(p for p in passages if p.section in (records.ISSUE, records.CHALLENGE))
    assert "各地区" not in issue.text


def test_goal_blocks_side_by_side_in_one_row_are_read_goal_by_goal():
    text = ("令和5年度 事業評価\n"
            "重点目標１ 居場所をつくる【取組内容】出張ひろばを開いた。【成果】300組が来た。\t"
            "重点目標２ 相談につなぐ【取組内容】相談日を設けた。【成果】相談が増えた。\n")
    passages = parse.parse_text(text, "x.txt", "x").passages
    content = {p.goal_no: p.text for p in passages if p.section == records.CONTENT}
    assert "出張ひろば" in content[1] and "相談日" in content[2]
    assert "相談日" not in content[1]

def test_a_lower_case_letter_numbers_an_item_only_before_japanese_text():
    assert headings.label_form("ａ　取組内容").number == 1
    assert headings.label_form("b. 成果").number == 2
    assert headings.label_form("a book corner was opened").number is None


def test_a_rating_scale_row_needs_one_ticked_cell_under_it_to_rate_the_goal():
    assert ratings.scale_header(["十分できた", "できた", "あまりできなかった", "できなかった"])
    assert not ratings.scale_header(["取組内容", "できた", "できなかった"])
    assert ratings.marked_column(["", "✓", "", ""]) == 1
    assert ratings.marked_column(["✓", "✓", "", ""]) is None
    assert ratings.marked_column(["", "見学会を開いた", "", ""]) is None


def test_a_file_names_year_is_read_only_when_it_states_one_year_of_the_hub_era():
    assert metadata.year_in_file_name("kohoku_R5_hyoka").year_from == 2023
    assert metadata.year_in_file_name("report_2021").year_from == 2021
    assert metadata.year_in_file_name("R1-R5_matome") is None  # a period: the text should state it
    assert metadata.year_in_file_name("doc_S1") is None


def test_a_file_names_year_does_not_override_the_year_the_text_states():
    text = "令和3年度 事業評価\n重点目標１ 居場所をつくる。\n取組内容\n出張ひろばを開いた。\n"
    assert parse.parse_text(text, "kohoku_R5.txt", "x").document.fiscal_year_from == 2021


def test_a_rating_line_with_one_evaluator_keeps_one_grade():
    assert ratings.goal_grades("評価：Ａ（法人）／Ｂ（区）") == {"法人": "A", "区": "B"}
    assert ratings.goal_grades("自己評価：Ｂ（おおむね達成）") == {"自己": "B"}
    assert ratings.goal_grades("成果：法人と区で話し合った。") is None


def test_kongo_no_torikumi_is_an_issue_label_but_torikumi_naiyo_stays_the_content():
    assert headings.heading_key("（３）今後の取組").key == headings.ISSUE
    assert headings.heading_key("取組内容").key == headings.CONTENT


if __name__ == "__main__":
    # Each document is parsed on its own, so the agreement of an older parser can be measured:
    #   git archive <commit> indexer | tar -x -C /tmp/v && PYTHONPATH=/tmp/v:. python -m tests.test_parse_unseen4
    harness.print_round(DATA, EXPECTED)
