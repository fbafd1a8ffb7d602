"""Reports nobody tuned the parser on, fifth round: layouts and formats the first four rounds
(tests/test_parse_unseen.py … tests/test_parse_unseen4.py) did not cover.

The documents in tests/data/unseen5/ were written the way wards publish their hub
evaluations, and tests/data/unseen5/expected.json says what a correct parse of each gives;
the expectations were committed before the parser was run on them. Every document goes
through the real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a
corpus folder.

    python -m tests.test_parse_unseen5      # prints every judged check and the agreement
"""

from __future__ import annotations

from indexer import headings, parse, ratings, records
from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen5")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


# --- batch 1 ------------------------------------------------------------------------------


def test_goals_numbered_in_mixed_bracket_styles_keep_their_percentage_achievement(unseen):
    assert _failures(unseen, "tsurumi_r6_tassei_percent.txt") == []


def test_a_seika_to_kadai_paragraph_splits_its_issue_at_ippode_or_shikashi(unseen):
    assert _failures(unseen, "izumi_r5_ippode_paragraph.txt") == []


def test_a_ward_page_with_strong_labels_in_paragraphs_keeps_its_goals_and_ratings(unseen):
    assert _failures(unseen, "kohoku_r4_strong_labels.html") == []


def test_a_shift_jis_text_with_half_width_katakana_labels_keeps_its_goals(unseen):
    assert _failures(unseen, "minami_r3_sjis_hankaku.txt") == []


# --- batch 2 (written after batch 1's fixes) -----------------------------------------------


def test_a_ward_page_with_the_report_inside_pre_keeps_its_goals_and_ratings(unseen):
    assert _failures(unseen, "aoba_r2_pre_page.html") == []


def test_unnumbered_goal_sentences_after_a_bullet_are_numbered_in_turn(unseen):
    assert _failures(unseen, "sakae_r5_sentence_goals.txt") == []


def test_a_word_table_of_label_cells_broken_over_a_page_keeps_the_goal_whole(unseen):
    assert _failures(unseen, "hodogaya_r3_label_cells.docx") == []


def test_a_cell_holding_a_goals_sections_after_square_markers_splits_into_its_sections(unseen):
    assert _failures(unseen, "nishi_r5_cell_markers.xlsx") == []


# --- batch 3 (written after batch 2's fixes) -----------------------------------------------


def test_suchi_mokuhyo_inside_a_goal_is_no_goal_and_its_jisseki_is_the_outcome(unseen):
    assert _failures(unseen, "konan_r5_suchi_mokuhyo.txt") == []


def test_unnumbered_goal_sentences_under_a_goals_part_heading_are_numbered_in_turn(unseen):
    assert _failures(unseen, "tsuzuki_r6_plain_sentence_goals.txt") == []


def test_a_rating_in_brackets_at_the_end_of_the_goal_heading_rates_that_goal(unseen):
    assert _failures(unseen, "midori_r3_rating_in_heading.txt") == []


def test_yokatta_ten_and_kaizen_ga_hitsuyo_na_ten_are_the_outcome_and_the_issue(unseen):
    assert _failures(unseen, "seya_r4_yokatta_kaizen.txt") == []


# --- batch 4 (written after batch 3's fixes) -----------------------------------------------


def test_a_web_page_with_a_definition_list_per_goal_keeps_its_achievement_rate(unseen):
    assert _failures(unseen, "naka_r6_dl_percent.html") == []


def test_a_furikaeri_paragraph_splits_its_issue_at_shikashi_or_ippode(unseen):
    assert _failures(unseen, "isogo_r4_furikaeri_paragraph.txt") == []


def test_a_goal_table_with_a_percentage_achievement_column_rates_each_goal(unseen):
    assert _failures(unseen, "asahi_r6_tassei_column.csv") == []


def test_a_goal_table_with_a_rating_column_per_evaluator_keeps_both_grades(unseen):
    assert _failures(unseen, "kanazawa_r5_rater_columns.xlsx") == []


# --- batch 5 (written after batch 4's fixes) -----------------------------------------------


def test_a_letter_spaced_ward_under_a_western_year_line_is_the_reports_ward_and_year(unseen):
    assert _failures(unseen, "kohoku_2023_spaced_ward.txt") == []


def test_a_web_table_cell_of_square_labels_split_by_line_breaks_keeps_each_section(unseen):
    assert _failures(unseen, "minami_r2_br_markers.html") == []


def test_a_grade_legend_after_the_last_goal_is_not_that_goals_text(unseen):
    assert _failures(unseen, "hodogaya_r6_legend_after_goals.txt") == []


def test_sections_numbered_by_circled_digits_under_lettered_goals_keep_their_goals(unseen):
    assert _failures(unseen, "sakae_r1_circled_sections.txt") == []


# --- batch 6 (written after batch 5) -------------------------------------------------------


def test_a_title_whose_year_is_a_bare_r6_keeps_that_year_and_mokuhyo_tasseido_rates(unseen):
    assert _failures(unseen, "tsurumi_r6_bare_year_title.txt") == []


def test_goals_written_as_numbered_torikumi_under_juten_torikumi_keep_their_sections(unseen):
    assert _failures(unseen, "konan_r3_torikumi_numbered.txt") == []


def test_goals_numbered_with_a_closing_parenthesis_under_a_goals_label_keep_their_sections(unseen):
    assert _failures(unseen, "izumi_r4_paren_goal_list.txt") == []


# --- batch 7 (written after batch 6's fixes) -----------------------------------------------


def test_a_report_dated_after_its_fiscal_year_ended_is_of_that_fiscal_year(unseen):
    assert _failures(unseen, "totsuka_dated_after_year_end.txt") == []


def test_a_web_page_of_labelled_list_items_under_goal_headings_keeps_its_goals(unseen):
    assert _failures(unseen, "aoba_r5_li_labels.html") == []


def test_goals_numbered_mokuhyo_sono_with_labels_ending_ni_tsuite_keep_their_sections(unseen):
    assert _failures(unseen, "sakae_r2_mokuhyo_sono.txt") == []


def test_a_quoted_goal_named_with_ni_tsuite_keeps_its_plain_word_sections(unseen):
    assert _failures(unseen, "kanagawa_r6_sections_about.txt") == []


# --- batch 8 (written after batch 7's fixes) -----------------------------------------------


def test_a_goal_table_typed_with_full_width_bars_keeps_its_goals_and_ratings(unseen):
    assert _failures(unseen, "isogo_r5_fullwidth_bars.txt") == []


def test_labels_after_an_arrow_keep_their_sections(unseen):
    assert _failures(unseen, "midori_r6_arrow_labels.txt") == []


def test_goals_numbered_dai_without_the_word_mokuhyo_keep_their_sections(unseen):
    assert _failures(unseen, "naka_r4_dai_numbered.txt") == []


# --- the rules on their own ---------------------------------------------------------------


def test_an_achievement_percentage_is_a_rating_only_under_an_achievement_label():
    assert ratings.goal_grade("達成度：80％") == ("自己", "80%")
    assert ratings.goal_grade("達成率 75%") == ("自己", "75%")
    assert ratings.goal_grade("評価：80％") is None  # a share is an achievement, not a grade
    assert ratings.goal_grade("達成度：前年度の120％") is None
    assert ratings.goal_grade("達成度：150％") is None


def test_a_turn_to_what_remains_splits_only_a_section_headed_seika_to_kadai():
    head = "令和5年度 泉区地域子育て支援拠点 事業評価\n重点目標１ 居場所をつくる。\n取組内容\n出張ひろばを開いた。\n"
    both = parse.parse_text(head + "成果と課題\n300組が来た。一方で、会場が狭い。\n", "x.txt", "x").passages
    outcome = parse.parse_text(head + "成果\n300組が来た。一方で、雨の日も来た。\n", "x.txt", "x").passages
    issue = next(p for p in both if p.section in (records.ISSUE, records.CHALLENGE))
    assert "会場が狭い" in issue.text and "300組" not in issue.text
    assert not any(p.section in (records.ISSUE, records.CHALLENGE) for p in outcome)


def test_teema_with_a_number_is_a_goal_heading_but_a_teema_in_a_sentence_is_not():
    assert headings.heading_key("■テーマ1 子育て情報を届ける").key == headings.GOAL
    assert headings.heading_key("ﾃｰﾏ２　居場所をつくる").key == headings.GOAL
    h = headings.heading_key("テーマを決めて講座を開いた。")
    assert h is None or h.key != headings.GOAL


def test_a_bullet_line_is_a_goal_only_when_its_content_label_follows():
    head = "令和5年度 栄区地域子育て支援拠点 事業評価\n"
    goals = parse.parse_text(head + "◆ 居場所をつくる。\n取組内容：出張ひろばを開いた。\n成果：300組が来た。\n"
                             "◆ 相談につなぐ。\n取組内容：相談日を設けた。\n", "x.txt", "x").passages
    assert {p.goal_no for p in goals if p.section == records.GOAL} == {1, 2}
    notes = parse.parse_text(head + "重点目標１ 居場所をつくる。\n取組内容\n◆ 出張ひろばを開いた。\n"
                             "◆ 講座を開いた。\n成果\n300組が来た。\n", "x.txt", "x").passages
    assert {p.goal_no for p in notes if p.section == records.GOAL} == {1}
    content = next(p for p in notes if p.section == records.CONTENT)
    assert "講座を開いた" in content.text


def test_a_look_back_column_splits_at_labels_on_lines_of_their_own():
    from indexer import goaltables
    from indexer.clean import Row

    header = Row([["重点目標"], ["取組と振り返り"], ["評価"]], 0, 1, "")
    assert goaltables.goal_table_columns(header) is not None
    assert goaltables.goal_table_columns(Row([["重点目標"], ["振り返りの視点"]], 0, 1, "")) is None


def test_a_bracketed_rating_ends_a_goal_heading_but_other_brackets_stay_its_words():
    assert ratings.trailing_grades("地域の情報を届ける（評価：Ａ）") == ("地域の情報を届ける", {"自己": "A"})
    assert ratings.trailing_grades("地域の情報を届ける（新規）") is None
    assert ratings.trailing_grades("地域の情報を届ける（評価は年度末に行う）") is None


def test_an_aim_sentence_is_a_goal_above_its_content_label_but_a_past_account_is_not():
    head = "令和6年度 都筑区地域子育て支援拠点 事業評価\n１ 重点目標の振り返り\n"
    aims = parse.parse_text(head + "父親が来られる拠点にする。\n取組内容：日曜日に遊びの時間を設けた。\n", "x.txt", "x")
    assert [p.goal_no for p in aims.passages if p.section == records.GOAL] == [1]
    told = parse.parse_text(head + "日曜日に遊びの時間を設けた。\n取組内容：日曜日に遊びの時間を設けた。\n", "x.txt", "x")
    assert not any(p.section == records.GOAL for p in told.passages)


def test_kaizen_ga_hitsuyo_na_ten_is_an_issue_label():
    assert headings.heading_key("改善が必要な点").key == headings.ISSUE
    assert headings.heading_key("改善を要すること").key == headings.ISSUE


def test_a_rating_column_header_says_whose_grades_and_whether_they_may_be_percentages():
    assert ratings.grade_column("法人評価") == ("法人", False)
    assert ratings.grade_column("区の評価") == ("区", False)
    assert ratings.grade_column("自己評価（区）") == ("区", False)
    assert ratings.grade_column("達成率") == ("自己", True)
    assert ratings.grade_column("評価の理由") is None


def test_a_percentage_in_a_plain_rating_column_is_no_grade():
    head = "令和6年度 旭区地域子育て支援拠点 事業評価\n重点目標\t取組内容\t成果\t課題\t{}\n"
    row = "１ 居場所をつくる\t出張ひろばを開いた。\t300組が来た。\t会場が狭い。\t80%\n"
    share = parse.parse_text(head.format("達成率") + row, "x.txt", "x").passages
    plain = parse.parse_text(head.format("評価") + row, "x.txt", "x").passages
    assert {g for p in share for g in (p.grades or {}).values()} == {"80%"}
    assert not any(p.grades for p in plain)


def test_a_numbered_torikumi_is_a_goal_only_when_its_own_content_label_follows():
    head = "令和3年度 港南区地域子育て支援拠点 事業評価\n"
    goals = parse.parse_text(head + "今年度の重点取組\n取組①　講座を開く\n実施内容：講座を月１回開いた。\n"
                             "成果：210人が来た。\n", "x.txt", "x").passages
    assert [p.goal_no for p in goals if p.section == records.GOAL] == [1]
    items = parse.parse_text(head + "重点目標１ 講座を開く\n取組①　講座を月１回開いた。\n成果：210人が来た。\n",
                             "x.txt", "x").passages
    assert [p.goal_no for p in items if p.section == records.GOAL] == [1]
    assert any(p.section == records.CONTENT and "月１回" in p.text for p in items)


def test_mokuhyo_tasseido_is_a_rating_label():
    assert ratings.goal_grade("目標達成度：Ｂ") == ("自己", "B")


def test_a_date_line_dates_a_report_that_states_no_year_and_ends_its_last_goal():
    from indexer import metadata
    from indexer.clean import to_rows

    text = "事業評価\n重点目標１ 居場所をつくる。\n取組内容：出張ひろばを開いた。\n課題：会場が狭い。\n令和６年５月３１日\n運営法人\n"
    result = parse.parse_text(text, "x.txt", "x")
    assert result.document.fiscal_year_from == 2023  # signed after 令和５年度 ended
    issue = next(p for p in result.passages if p.section in (records.ISSUE, records.CHALLENGE))
    assert "令和６年" not in issue.text and "運営法人" not in issue.text
    rows = to_rows("令和６年５月３１日に説明会を開いた。\n")[1]
    assert not any(metadata.is_date_line(r) for r in rows)


def test_a_section_label_said_of_its_subject_is_that_label_but_a_sentence_about_it_is_not():
    assert headings.heading_key("成果について").key == headings.OUTCOME
    assert headings.heading_key("課題について：会場が狭い。").key == headings.ISSUE
    h = headings.heading_key("課題について、区と話し合った。")
    assert h is None or h.key != headings.ISSUE
    assert headings.heading_key("【その結果】").key == headings.OUTCOME
    assert headings.heading_key("その結果、利用が増えた。") is None


def test_mokuhyo_sono_and_its_number_is_a_numbered_goal():
    h = headings.heading_key("目標その２　オンラインで親子とつながる")
    assert (h.key, h.number) == (headings.GOAL, 2)
    h = headings.heading_key("重点目標その他")
    assert h is None or h.number is None


def test_full_width_bars_split_cells_only_when_a_line_has_two_or_more():
    from indexer.clean import split_cells

    assert split_cells("重点目標｜取組内容｜成果") == ["重点目標", "取組内容", "成果"]
    assert split_cells("港北区｜事業評価") == ["港北区｜事業評価"]


if __name__ == "__main__":
    harness.print_round(DATA, EXPECTED)
