"""Reports nobody tuned the parser on, third round: layouts and formats the first two rounds
(tests/test_parse_unseen.py, tests/test_parse_unseen2.py) did not cover.

The documents in tests/data/unseen3/ were written the way Yokohama's wards and neighbouring
cities publish their hub evaluations, and tests/data/unseen3/expected.json says what a
correct parse of each gives; the expectations were committed before the parser was run on
them. Every document goes through the real loaders and `indexer.corpus.parse_corpus`, as
`kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen3      # prints every judged check and the agreement
"""

from __future__ import annotations

import pytest

from indexer import metadata, parse, records
from indexer.load import load_bytes
from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen3")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


# --- batch 1: text and web pages ------------------------------------------------------


def test_goals_numbered_with_parenthesized_digits_under_a_numbered_part_end_at_the_next_part(unseen):
    assert _failures(unseen, "kanazawa_r1_paren_digits.txt") == []


def test_goals_and_sections_marked_with_squares_keep_their_sections_and_black_circle_ratings(unseen):
    assert _failures(unseen, "hodogaya_r3_squares.txt") == []


def test_goals_numbered_dai_1_dai_2_with_numbered_sections_keep_them_and_dai_3_sonota_is_no_goal(unseen):
    assert _failures(unseen, "konan_2020_dai_numbers.txt") == []


def test_a_goal_numbered_with_katakana_a_i_keeps_its_seika(unseen):
    assert _failures(unseen, "tsurumi_r5_goal_katakana.txt") == []
    _doc, passages = unseen["tsurumi_r5_goal_katakana.txt"]
    goals = [p for p in passages if p.section == records.GOAL]
    assert [p.goal_no for p in goals] == [1, 2]
    assert not any(p.text.startswith(("ア", "イ")) for p in goals)


def test_a_chiba_midori_ku_report_is_not_given_yokohamas_midori_ku(unseen):
    assert _failures(unseen, "chiba_midori_r5.txt") == []


def test_a_ward_named_once_after_its_city_and_then_bare_is_that_citys_ward(unseen):
    assert _failures(unseen, "sagamihara_midori_h31.txt") == []


def test_a_five_year_summary_with_its_period_in_brackets_under_the_title_keeps_its_years(unseen):
    assert _failures(unseen, "seya_5kanen_h26_h30.txt") == []


def test_a_written_torikumi_no_hyoka_is_the_goals_outcome_and_r2_goals_are_next_years(unseen):
    assert _failures(unseen, "asahi_r1_r2_next.txt") == []


def test_a_web_page_of_accordion_panels_keeps_the_hidden_panels_text_without_icons_or_date_stamp(unseen):
    assert _failures(unseen, "sakae_r4_accordion.html") == []


def test_a_definition_list_whose_seika_to_kadai_holds_both_labels_splits_them(unseen):
    assert _failures(unseen, "izumi_r2_dl_br.html") == []


def test_a_five_year_web_page_with_a_grade_table_per_programme_keeps_each_programmes_grades(unseen):
    assert _failures(unseen, "minami_5kanen_r1_r5.html") == []


# --- batch 2: Word, PDF, Excel -------------------------------------------------------


def test_a_word_report_whose_title_is_a_text_box_keeps_its_year_and_reads_the_box_once(unseen):
    assert _failures(unseen, "aoba_r3_textbox_title.docx") == []
    doc, passages = unseen["aoba_r3_textbox_title.docx"]
    assert doc.year_label == "令和3年度"
    assert sum(p.text.count("重点目標の振り返り") for p in passages) <= 1


def test_a_word_report_naming_its_ward_only_in_the_page_header_gets_that_ward(unseen):
    assert _failures(unseen, "isogo_r4_page_header.docx") == []


def test_a_word_form_whose_answers_are_content_controls_keeps_them(unseen):
    assert _failures(unseen, "kanagawa_r3_content_controls.docx") == []


def test_a_landscape_goal_table_on_a_rotated_pdf_page_keeps_its_rows(unseen):
    assert _failures(unseen, "kohoku_r6_rotated_table.pdf") == []


def test_a_pdf_form_with_vertical_labels_and_wrapped_cells_keeps_each_goals_sections(unseen):
    assert _failures(unseen, "totsuka_r3_vertical_labels.pdf") == []


def test_a_sheet_of_goal_banner_rows_with_merged_text_cells_keeps_goals_and_ratings(unseen):
    assert _failures(unseen, "nishi_r2_banner_rows.xlsx") == []


# --- batch 3: written after the fixes of batches 1 and 2 -------------------------------


def test_sections_labelled_with_the_pdca_cycle_keep_what_was_done_its_outcome_and_what_to_change(unseen):
    assert _failures(unseen, "isogo_r2_pdca.txt") == []


def test_a_report_of_h31_r1_with_goals_numbered_1_paren_and_katakana_sections_keeps_its_goals(unseen):
    failures = _failures(unseen, "naka_h31_r1_short_eras.txt")
    assert [f for f in failures if "引き続き重点とする" not in f] == []


@pytest.mark.xfail(strict=True, reason="not solved: a closing sentence about next year after the last "
                   "goal's issue (R2年度は、１）を引き続き重点とする。) is read as that issue's text")
def test_a_closing_sentence_about_next_year_is_not_the_last_goals_issue(unseen):
    assert _failures(unseen, "naka_h31_r1_short_eras.txt") == []


def test_a_markdown_like_export_with_hash_headings_and_dash_bullets_keeps_its_goals(unseen):
    assert _failures(unseen, "kohoku_r5_markdown.txt") == []


def test_a_web_page_with_bold_labels_and_line_breaks_in_one_paragraph_keeps_each_section(unseen):
    assert _failures(unseen, "sakae_r3_strong_br.html") == []


def test_a_csv_with_two_content_columns_keeps_both_in_the_goals_content(unseen):
    assert _failures(unseen, "totsuka_r5_split_content.csv") == []


# --- batch 4: written after the fixes of batch 3 ----------------------------------------


def test_goals_numbered_dai_ichi_with_a_period_of_dotted_dates_keep_their_fiscal_year(unseen):
    assert _failures(unseen, "kanazawa_r4_period_dots.txt") == []


def test_a_goal_table_headed_in_plain_words_yatta_koto_yokatta_koto_korekara_keeps_its_sections(unseen):
    assert _failures(unseen, "minami_r6_plain_words.html") == []


def test_a_web_table_with_a_goal_banner_row_over_each_goals_label_rows_keeps_them(unseen):
    assert _failures(unseen, "seya_r3_th_banner.html") == []


def test_goals_numbered_with_kanji_in_brackets_keep_their_sections(unseen):
    assert _failures(unseen, "izumi_r5_paren_kanji.txt") == []


def test_a_five_year_workbook_with_jiko_hyoka_over_hojin_and_ku_keeps_each_programmes_grades(unseen):
    assert _failures(unseen, "tsuzuki_5kanen_r2_r6.xlsx") == []


# --- batch 5: written after the fixes of batch 4 ----------------------------------------


def test_a_word_goal_table_whose_seika_to_kadai_column_holds_both_labels_splits_them(unseen):
    assert _failures(unseen, "hodogaya_r4_combined_column.docx") == []


def test_goal_headings_drawn_as_one_cell_boxes_in_word_keep_their_bulleted_sections(unseen):
    assert _failures(unseen, "kohoku_r2_box_heading.docx") == []


def test_a_pdf_table_whose_labels_are_centred_beside_wrapped_text_keeps_each_row_whole(unseen):
    assert _failures(unseen, "asahi_r2_centred_labels.pdf") == []


def test_goals_side_by_side_with_an_empty_spacer_column_keep_their_own_sections(unseen):
    assert _failures(unseen, "naka_r5_spacer_column.xlsx") == []


# --- batch 6: written after the fix of batch 5 -----------------------------------------


def test_seika_and_kadai_run_on_with_colons_in_one_paragraph_go_to_their_own_sections(unseen):
    assert _failures(unseen, "tsurumi_r4_inline_colon.txt") == []


def test_a_goal_continued_after_a_page_break_under_tsuzuki_is_still_that_goal(unseen):
    assert _failures(unseen, "kanagawa_r5_tsuzuki_heading.txt") == []


def test_goals_named_nerai_with_a_number_keep_their_sections(unseen):
    assert _failures(unseen, "aoba_r6_nerai.txt") == []


def test_a_numbered_goal_cell_spanning_its_section_rows_keeps_its_first_section(unseen):
    assert _failures(unseen, "konan_r3_rowspan.html") == []


def test_a_sheets_hidden_notes_column_and_draft_row_are_not_read_and_the_user_is_told(unseen):
    assert _failures(unseen, "midori_r5_hidden_column.xlsx") == []
    loaded = load_bytes((DATA / "midori_r5_hidden_column.xlsx").read_bytes(), "x.xlsx")
    assert "再確認" not in loaded.text and "下書き" not in loaded.text
    assert loaded.warnings == ("非表示の行・列（シート「令和5年度」）は読み込んでいません",)


# --- batch 7: written after the fixes of batch 6 ----------------------------------------


def test_roman_numbered_goals_with_sections_numbered_1_2_3_keep_two_goals(unseen):
    assert _failures(unseen, "hodogaya_r1_roman_numbered_sections.txt") == []


def test_list_items_opening_with_their_section_label_and_a_colon_keep_each_section(unseen):
    assert _failures(unseen, "tsuzuki_r2_section_list.html") == []


def test_a_five_year_summary_rated_hojin_slash_ku_keeps_both_grades(unseen):
    assert _failures(unseen, "konan_5kanen_r2_r6_slash.txt") == []


def test_a_pdf_table_whose_labels_wrap_in_a_narrow_column_keeps_each_section(unseen):
    assert _failures(unseen, "isogo_r6_wrapped_labels.pdf") == []


def test_a_pdf_table_of_one_line_rows_with_centred_labels_keeps_each_row(unseen):
    assert _failures(unseen, "sakae_r5_centred_labels.pdf") == []


# --- the rules, each on its own ----------------------------------------------------


def test_a_bare_nerai_is_no_goal_and_a_colon_inside_a_sentence_is_no_label():
    from indexer.headings import heading_key

    assert heading_key("ねらい") is None
    text = ("令和5年度 重点目標の評価\n重点目標１ 居場所をつくる。\n取組内容\n出張ひろばを開いた。\n"
            "成果\n参加は延べ300組。時間帯：午前が多かった。\n課題\n会場が少ない。\n")
    parsed = parse.parse_text(text, "x.txt", "x")
    outcome = [p.text for p in parsed.passages if p.section == records.OUTCOME]
    assert any("時間帯：午前が多かった" in t for t in outcome)



def test_a_date_written_with_dots_or_slashes_belongs_to_its_fiscal_year():
    from indexer import wareki

    assert [y.year_from for y in wareki.find_years("R4.4.1～R5.3.31")] == [2022, 2022]
    assert [y.year_from for y in wareki.find_years("2023.4.1～2024.3.31")] == [2023, 2023]
    assert [y.year_from for y in wareki.find_years("R5年度")] == [2023]


def test_a_kanji_number_is_read_after_dai_or_in_brackets_but_not_at_the_start_of_a_word():
    from indexer.headings import label_form

    assert label_form("第二　子育て支援者が").number == 2
    assert label_form("（三）地域の").number == 3
    assert label_form("一時預かりの情報をまとめた").number is None
    assert label_form("第一回の会議で").number is None



def test_a_numbered_item_list_in_the_last_goals_issue_is_not_taken_for_the_next_part():
    text = ("令和5年度 重点目標の評価\n"
            "1 居場所をつくる\n取組内容\n出張ひろばを開いた。\n成果\n延べ300組が来た。\n"
            "課題\n1 会場が少ない\n2 周知が遅い\n3 担い手が足りない\n")
    parsed = parse.parse_text(text, "x.txt", "x")
    issue = [p.text for p in parsed.passages if p.section == records.ISSUE]
    assert any("担い手が足りない" in t for t in issue)
    assert [p.goal_no for p in parsed.passages if p.section == records.GOAL] == [1]


def test_a_torikumi_no_hyoka_with_a_grade_is_the_goals_rating_not_its_outcome():
    text = ("令和5年度 重点目標の評価\n重点目標１ 居場所をつくる。\n取組内容\n出張ひろばを開いた。\n"
            "成果\n延べ300組が来た。\n課題\n会場が少ない。\n取組の評価：Ａ\n")
    parsed = parse.parse_text(text, "x.txt", "x")
    goal = next(p for p in parsed.passages if p.section == records.GOAL)
    assert goal.grades == {"自己": "A"}
    assert not any(p.text.strip() in ("Ａ", "A") for p in parsed.passages)


def test_a_yokohama_report_mentioning_a_neighbour_citys_ward_of_the_same_name_keeps_its_ward():
    text = ("緑区の親子が集うひろばの振り返りです。\n"
            "相模原市緑区の子育て広場と合同で交流会を開いた。\n"
            "横浜市緑区の子育てサロンにも参加を呼びかけた。\n緑区の転入家庭が増えた。\n")
    assert metadata.find_ward(text) == "緑区"


def test_an_accordion_panel_marked_aria_hidden_keeps_its_text_and_an_icon_does_not():
    page = ("<html><body><main><h2>重点目標１<span aria-hidden='true'>▼</span></h2>"
            "<div aria-hidden='true'><p>出張ひろばを月２回開いた。</p></div></main></body></html>")
    text = load_bytes(page.encode("utf-8"), "x.html").text
    assert "出張ひろばを月２回開いた。" in text
    assert "▼" not in text


def test_a_content_control_still_showing_its_placeholder_is_not_read(tmp_path):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("令和５年度 重点目標の評価")
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for placeholder, text in ((True, "ここをクリックしてテキストを入力してください。"), (False, "出張ひろばを開いた。")):
        mark = "<w:showingPlcHdr/>" if placeholder else ""
        d.element.body[-1].addprevious(parse_xml(
            f"<w:sdt {ns}><w:sdtPr>{mark}</w:sdtPr><w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"))
    d.save(tmp_path / "x.docx")
    text = load_bytes((tmp_path / "x.docx").read_bytes(), "x.docx").text
    assert "出張ひろばを開いた。" in text
    assert "ここをクリック" not in text


def test_a_web_pages_date_stamp_is_furniture_but_a_sentence_about_dates_is_not():
    from indexer.clean import is_furniture

    assert is_furniture("更新日：2023年6月30日") and is_furniture("最終更新日 2024/3/1")
    assert not is_furniture("更新日の翌日から受付を始めた。")


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


if __name__ == "__main__":
    # Each document is parsed on its own, so the agreement of an older parser can be measured:
    #   git archive <commit> indexer | tar -x -C /tmp/v && PYTHONPATH=/tmp/v:. python -m tests.test_parse_unseen3
    harness.print_round(DATA, EXPECTED)
