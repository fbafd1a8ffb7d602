"""Reports nobody tuned the parser on, sixth round: hub evaluations of OTHER municipalities.

The documents in tests/data/unseen6/ (written by make_docs.py) are evaluations of 地域子育て
支援拠点 / 子育て支援センター / つどいの広場 as designated cities with wards, other cities and
towns publish them, in their own forms (自己評価シート, 事業評価調書, 事業実績報告, 第三者評価,
計画と振り返り …) and formats; tests/data/unseen6/expected.json says what a correct parse of each
gives, and was committed before the parser was run on them. Every document goes through the
real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen6      # prints every judged check and the agreement
"""

from __future__ import annotations

import pytest

from indexer import headings, metadata, parse, ratings, records
from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen6")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


# --- batch 1 ------------------------------------------------------------------------------


def test_a_workbook_of_numbered_evaluation_items_rated_a_to_c_keeps_each_item_as_a_goal(unseen):
    assert _failures(unseen, "kawasaki_takatsu_r5_jikohyoka.xlsx") == []


def test_a_results_report_ends_its_goals_at_the_next_numbered_part_jinendo_ni_mukete(unseen):
    assert _failures(unseen, "sagamihara_2023_jisseki_hokoku.txt") == []


def test_another_citys_web_table_rated_with_circles_keeps_its_goals(unseen):
    assert _failures(unseen, "saitama_urawa_h30_hyoka.html") == []


def test_a_word_report_of_torikumi_goals_with_naiyo_labels_keeps_its_five_point_ratings(unseen):
    assert _failures(unseen, "chiba_hanamigawa_r4_unei.docx") == []


def test_a_pdf_of_a_city_whose_ward_shares_a_yokohama_ward_name_is_that_citys(unseen):
    assert _failures(unseen, "nagoya_naka_2022_hokoku.pdf") == []


def test_a_ward_named_bare_in_the_title_of_a_report_signed_by_its_city_is_that_citys(unseen):
    assert _failures(unseen, "osaka_tsurumi_r6_jikohyoka.txt") == []


def test_a_third_party_evaluation_keeps_its_year_from_the_evaluation_period_and_has_no_goals(unseen):
    assert _failures(unseen, "kobe_nishi_r3_daisansha.txt") == []


def test_a_plan_and_review_workbook_with_kpi_columns_is_a_goal_table(unseen):
    assert _failures(unseen, "fukuoka_higashi_2024_keikaku.xlsx") == []


def test_a_title_with_the_year_before_the_city_names_the_city_not_a_word_run_into_it(unseen):
    assert _failures(unseen, "sapporo_kita_r2_hyoka.txt") == []


def test_a_towns_evaluation_sheet_of_numbered_hyoka_komoku_keeps_its_goals(unseen):
    assert _failures(unseen, "samukawa_r5_hyoka_sheet.txt") == []


def test_a_page_naming_a_shared_ward_name_often_and_its_city_once_is_that_citys(unseen):
    assert _failures(unseen, "sendai_izumi_r4_hyoka.html") == []


def test_a_title_ending_jiko_hyoka_is_not_joined_to_the_line_below(unseen):
    assert _failures(unseen, "kyoto_minami_h31_jikohyoka.txt") == []


def test_a_plan_and_review_csv_with_a_koumoku_column_is_a_yearly_goal_table(unseen):
    assert _failures(unseen, "hiroshima_naka_2021_keikaku.csv") == []


def test_a_word_label_table_exported_to_pdf_keeps_each_label_row_apart(unseen):
    assert _failures(unseen, "sakai_r5_jikohyoka.pdf") == []


def test_an_evaluation_dossier_keeps_its_numbered_torikumi_and_not_the_programmes_overall_rating(unseen):
    assert _failures(unseen, "chigasaki_r5_chosho.txt") == []


# --- batch 2 (written after batch 1's fixes) -----------------------------------------------


def test_a_tokyo_ward_name_in_the_title_of_a_report_signed_by_niigata_is_niigatas(unseen):
    assert _failures(unseen, "niigata_chuo_r5_pdca.txt") == []


def test_a_town_written_after_its_county_is_that_town(unseen):
    assert _failures(unseen, "kaisei_r5_jigyo_hokoku.txt") == []


def test_a_page_whose_title_tag_names_the_city_of_the_ward_in_its_heading_is_that_citys(unseen):
    assert _failures(unseen, "hamamatsu_chuo_2024_hyoka.html") == []


def test_a_goal_cell_merged_down_over_its_labelled_rows_keeps_its_sections(unseen):
    assert _failures(unseen, "okayama_kita_h30_jikohyoka.xlsx") == []


def test_a_word_report_exported_to_pdf_of_sendais_aoba_ward_is_sendais(unseen):
    assert _failures(unseen, "sendai_aoba_r6_hyoka.pdf") == []


def test_a_kpi_csv_rates_each_goal_by_its_achievement_rate(unseen):
    assert _failures(unseen, "nagoya_minato_r3_kpi.csv") == []


def test_a_ruled_pdf_goal_table_signed_in_a_footer_by_sapporo_is_sapporos(unseen):
    assert _failures(unseen, "sapporo_minami_2022_hyoka.pdf") == []


def test_a_pdca_workbook_of_a_ward_only_kawasaki_has_is_kawasakis(unseen):
    assert _failures(unseen, "kawasaki_miyamae_r2_pdca.xlsx") == []


def test_a_report_signed_by_kumamoto_city_is_kumamotos_not_a_word_ending_in_honshi(unseen):
    assert _failures(unseen, "kumamoto_higashi_r1_unei.docx") == []


def test_a_rating_drawn_as_stars_is_its_point_on_the_scale(unseen):
    assert _failures(unseen, "shizuoka_aoi_r4_hoshi.html") == []


def test_a_shift_jis_sheet_of_a_ward_only_saitama_has_is_saitamas(unseen):
    assert _failures(unseen, "iwatsuki_r4_hyoka_sheet.txt") == []


def test_goals_numbered_with_roman_numerals_each_followed_by_its_sections_are_goals(unseen):
    assert _failures(unseen, "chiba_wakaba_2023_hyoka.txt") == []


def test_an_evaluation_dossier_with_an_indicator_table_keeps_its_goals(unseen):
    assert _failures(unseen, "kobe_tarumi_r5_chosho.txt") == []


def test_a_word_goal_table_with_plain_word_headers_of_a_town_keeps_its_goals(unseen):
    assert _failures(unseen, "ninomiya_r6_hyoka.docx") == []


def test_yatta_koto_wakatta_koto_korekara_are_content_outcome_and_issue(unseen):
    assert _failures(unseen, "asaminami_r3_furikaeri.txt") == []


# --- batch 3 (written after batch 2's fixes) -----------------------------------------------


def test_the_four_basic_programmes_numbered_in_brackets_are_the_years_goals_rated_s_to_c(unseen):
    assert _failures(unseen, "hiratsuka_2022_kihon4.txt") == []


def test_a_sheet_printed_to_pdf_keeps_its_header_row_apart_from_its_first_goal(unseen):
    assert _failures(unseen, "chiba_mihama_r3_sheet.pdf") == []


def test_a_torikumi_mokuhyo_table_rated_dekiteiru_keeps_its_goals_and_ratings(unseen):
    assert _failures(unseen, "osaka_joto_r5_dekiteiru.html") == []


def test_goals_numbered_with_dots_keep_kekka_and_hansei_to_kadai_sections(unseen):
    assert _failures(unseen, "odawara_r6_kekka.txt") == []


def test_a_goal_table_rated_by_the_operator_and_the_city_keeps_both_ratings(unseen):
    assert _failures(unseen, "nagoya_chikusa_r4_two_raters.csv") == []


def test_goals_in_words_own_numbered_list_keep_their_colon_labelled_sections(unseen):
    assert _failures(unseen, "zushi_r2_numbered.docx") == []


def test_a_workbook_with_a_sheet_per_goal_keeps_every_goal(unseen):
    assert _failures(unseen, "kitakyushu_kokurakita_r5_sheets.xlsx") == []


def test_a_web_table_whose_goal_cell_spans_its_labelled_rows_keeps_its_goals(unseen):
    assert _failures(unseen, "sapporo_chuo_h29_rowspan.html") == []


def test_jisshi_kekka_before_furikaeri_is_what_was_done(unseen):
    assert _failures(unseen, "atsugi_2023_keikaku.txt") == []


def test_a_villages_tab_table_of_juten_teki_na_torikumi_keeps_its_goals(unseen):
    assert _failures(unseen, "kiyokawa_r4_hokoku.txt") == []


# --- batch 4 (written after batch 3's fixes) -----------------------------------------------


def test_a_city_page_of_definition_lists_per_goal_keeps_its_goals_and_ratings(unseen):
    assert _failures(unseen, "ebina_r6_dl.html") == []


def test_a_shared_ward_name_in_a_report_filed_under_its_citys_name_is_that_citys(unseen):
    assert _failures(unseen, "相模原市_南区子育てひろば_R5.txt") == []


def test_a_goal_paragraph_above_a_table_of_its_sections_keeps_the_goal_and_its_sections(unseen):
    assert _failures(unseen, "sendai_izumi_r3_goal_tables.docx") == []


def test_a_rating_in_points_out_of_five_is_that_point(unseen):
    assert _failures(unseen, "sakai_naka_r4_ten.txt") == []


def test_theme_goals_with_jisshi_jokyo_koka_and_kongo_no_kadai_keep_their_ratings(unseen):
    assert _failures(unseen, "shimamoto_r5_theme.docx") == []


def test_goals_numbered_with_katakana_in_brackets_keep_their_sections(unseen):
    assert _failures(unseen, "higashikawa_r5_kana.txt") == []


def test_a_plan_and_evaluation_table_with_a_nenkan_mokuhyo_column_keeps_its_goals(unseen):
    assert _failures(unseen, "funabashi_r4_keikaku_hyoka.xlsx") == []


def test_a_csv_rated_on_a_five_point_scale_of_a_ward_only_hamamatsu_had_is_hamamatsus(unseen):
    assert _failures(unseen, "hamakita_r2_five_point.csv") == []


# --- the rules on their own ---------------------------------------------------------------


@pytest.mark.parametrize("text,place", [
    ("鶴見区つどいの広場事業　自己評価\n取組を進めた。\n大阪市鶴見区役所　保健福祉課（子育て支援）", "大阪市"),
    ("鶴見区地域子育て支援拠点　事業評価\n横浜市鶴見区こども家庭支援課\n大阪市の事例を参考にした。", "鶴見区"),
    ("中央区地域子育て支援センター　事業評価\n新潟市中央区役所　健康福祉課", "新潟市"),
    ("高津区地域子育て支援センター　自己評価シート\n交流会を開いた。", "川崎市"),
    ("令和３年度　安佐南区地域子育て支援センター　振り返りシート", "広島市"),
    ("神奈川県中郡二宮町　子育て支援センター　事業評価", "二宮町"),
    ("熊本市こども局　子ども支援課\n東区子育て支援センター　運営評価", "熊本市"),
    ("本市の子育て支援センターの評価\n当町の取組も紹介した。", None),
    # a Yokohama report that never says 横浜市 but cites a city with a 緑区 of its own further down
    ("緑区の子育て支援拠点　令和５年度　事業評価\n重点目標１ 居場所をつくる\n取組内容：会を開いた。\n成果：来た。\n"
     "課題：狭い。\n評価：Ａ\n重点目標２ 連携する\n取組内容：相模原市の拠点と合同で研修を開いた。", "緑区"),
])
def test_a_ward_of_another_designated_city_is_that_city_and_yokohamas_stay_yokohamas(text, place):
    assert metadata.find_ward(text) == place


def test_a_label_text_pdf_table_row_is_not_a_wrapped_line_but_two_text_columns_still_join():
    from indexer.load import load_file

    sakai = load_file(DATA / "sakai_r5_jikohyoka.pdf", 10**8).text
    assert "目標\t目標１" in sakai and "\n取組内容\t" in sakai
    two_columns = load_file(DATA.parent / "unseen4" / "hodogaya_r5_two_columns.pdf", 10**8).text
    assert "重点目標１初めての親子" in two_columns.replace(" ", "")


def test_stars_are_a_point_on_their_scale_only_as_a_rating():
    assert ratings.goal_grade("達成度 ★★★★☆") == ("自己", "4")
    assert ratings.goal_grade("評価：★★★") == ("自己", "3")
    assert ratings.stars_as_points("★の数は満足度です") == "★の数は満足度です"


def test_a_rating_column_may_name_its_scale():
    assert ratings.grade_column("自己評価A~C") == ("自己", False)
    assert ratings.grade_column("評価5段階") == ("自己", False)
    assert ratings.grade_column("評価の理由") is None


def test_a_table_of_figures_is_no_goal_table_but_a_goal_table_may_carry_an_indicator():
    from indexer import goaltables
    from indexer.clean import Row

    figures = Row([["指標"], ["目標"], ["実績"], ["課題"]], 0, 1, "")
    assert goaltables.goal_table_columns(figures) is None
    kpi = Row([["取組項目"], ["実施内容"], ["指標"], ["目標値"], ["実績値"], ["成果"], ["課題"]], 0, 1, "")
    columns = goaltables.goal_table_columns(kpi)
    assert columns is not None and set(columns.values()) >= {headings.GOAL, headings.CONTENT}
    assert columns[2] == goaltables.FIGURES_KEY + "指標" and columns[3] == goaltables.FIGURES_KEY + "目標値"


def test_hyoka_komoku_with_a_number_heads_a_goal_and_naiyo_with_a_separator_is_content():
    h = headings.heading_key("■評価項目１　子育て家庭の交流を進める")
    assert (h.key, h.number) == (headings.GOAL, 1)
    assert headings.heading_key("＜内容＞").key == headings.CONTENT
    assert headings.heading_key("内容は次のとおり") is None
    assert headings.heading_key("評価項目の見直しを行った。") is None


def test_no_other_citys_report_is_filed_under_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


if __name__ == "__main__":
    harness.print_round(DATA, EXPECTED)


def test_jisshi_kekka_is_the_outcome_unless_a_furikaeri_follows_it():
    head = "令和5年度 厚木市子育て支援センター 事業評価\n■目標１ 仲間づくりを進める\n"
    alone = parse.parse_text(head + "【実施結果】\n集まりを年１２回開いた。\n【課題】\n参加しにくい。\n", "x.txt", "x")
    assert [p.section for p in alone.passages if "年１２回" in p.text] == [records.OUTCOME]
    both = parse.parse_text(head + "【実施結果】\n集まりを年１２回開いた。\n【振り返り】\n親どうしが会うようになった。\n",
                            "x.txt", "x")
    assert [p.section for p in both.passages if "年１２回" in p.text] == [records.CONTENT]


def test_a_rating_in_words_of_what_is_being_done_is_a_grade():
    assert ratings.goal_grade("自己評価：ほぼできている") == ("自己", "ほぼできている")
    assert ratings.grade_column("評価市") == ("市", False)
    assert ratings.grade_column("評価区分") is None


def test_an_indicators_figures_in_a_goal_table_are_kept_as_that_goals_outcome():
    text = ("2024年度 子どもプラザ事業 計画と振り返り（福岡市東区）\n"
            "取組項目\t実施内容\t指標\t目標値\t実績値\t振り返り（成果）\t課題\n"
            "居場所づくり\t手遊びの時間を設けた。\t延べ利用者数\t4,000人\t4,620人\t交流が生まれた。\t狭い。\n")
    outcome = [p.text for p in parse.parse_text(text, "x.txt", "x").passages if p.section == records.OUTCOME]
    assert any("交流が生まれた" in t and "目標値 4,000人" in t and "実績値 4,620人" in t for t in outcome)


def test_a_point_with_ten_is_a_grade_only_on_a_five_point_scale():
    assert ratings.goal_grade("自己評価：４点（５点満点）") == ("自己", "4")
    assert ratings.goal_grade("評価：10点") is None


def test_nenkan_mokuhyo_heads_a_goal_but_nenkan_riyoshasu_does_not():
    assert headings.heading_key("年間目標").key == headings.GOAL
    assert headings.heading_key("年間利用者数") is None


def test_a_file_name_naming_another_city_makes_its_shared_ward_name_that_citys():
    text = "南区子育てひろば　令和５年度　振り返り\n目標１ 居場所をつくる\n取組内容：会を開いた。\n成果：来た。\n"
    assert parse.parse_text(text, "相模原市_南区子育てひろば_R5.txt", "x").document.ward == "相模原市"
    assert parse.parse_text(text, "南区_R5.txt", "x").document.ward == "南区"
