"""Reports nobody tuned the parser on (thirteenth round): other cities' evaluation forms in the
words and shapes their offices use — 目標・実施内容・評価・今後の方向性 and other section words,
goals named 重点事項, 目標Ａ, (1) or ア or not numbered at all, a form of label blocks, a report laid
out section by section, a table of several centres, a goal over two measures, a grade and its
reasons in one cell, a two-tier web table header — and years as 令和元年度, ２０２４年度（令和６年度）
or 西暦 alone.

tests/data/unseen13/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them. Every document goes through the
real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen13      # prints every judged check and the agreement
"""

from __future__ import annotations

from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen13")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def _second_measures_missing(unseen, name):
    """A goal's second measure (`also` in expected.json): each of its sections under that goal."""
    doc, passages = unseen[name]
    missing = []
    for goal in EXPECTED[name]["goals"]:
        unit = [p for p in passages if p.unit == f"{doc.doc_id}-y{goal['year']}-g{goal['no']}"]
        for section, piece in goal.get("also", {}).items():
            kinds = harness.GOAL_SECTIONS[section]
            if not harness.has_piece([p for p in unit if p.section in kinds], piece):
                missing.append(f"goal {goal['no']} {section} 「{piece}」")
    return missing


def test_a_form_of_label_blocks_with_a_grade_row_and_its_reasons_row(unseen):
    assert _failures(unseen, "saitama_r3_label_blocks.xlsx") == []


def test_a_report_laid_out_section_by_section_with_each_goal_an_item_of_every_section(unseen):
    assert _failures(unseen, "chiba_r1_sections_first.docx") == []


def test_a_table_of_several_centres_gives_each_row_its_own_goal(unseen):
    assert _failures(unseen, "hadano_r4_centres.xlsx") == []


def test_a_city_page_with_goals_named_by_letters_and_its_own_section_words(unseen):
    assert _failures(unseen, "kawaguchi_2024_city_page.html") == []


def test_a_goal_cell_merged_down_over_two_measures_keeps_both_measures(unseen):
    name = "hayama_r5_goal_over_measures_word.pdf"
    assert _failures(unseen, name) == []
    assert _second_measures_missing(unseen, name) == []


def test_goals_named_juten_jiko_with_issues_and_remedies_in_one_label(unseen):
    assert _failures(unseen, "ichikawa_r2_juten_jiko.docx") == []


def test_a_grade_typed_above_its_reasons_in_one_cell(unseen):
    assert _failures(unseen, "kashiwa_2020_grade_in_cell_word.pdf") == []


def test_a_two_tier_web_table_header_with_a_grade_and_a_comment_under_evaluation(unseen):
    assert _failures(unseen, "kawagoe_r5_two_tier_header.html") == []


# --- batch 2 (written after batch 1's fixes, before the parser was run on it: the held-out check) -----

def test_a_grade_column_whose_cells_hold_the_grade_then_its_reasons(unseen):
    assert _failures(unseen, "kanazawa_city_r4_grade_words_column.docx") == []


def test_a_city_page_of_goals_numbered_a_i_with_their_parts_in_definition_lists(unseen):
    assert _failures(unseen, "toyota_r3_kana_goals_page.html") == []


def test_a_printed_label_table_with_a_grade_row_and_a_reasons_row(unseen):
    assert _failures(unseen, "utsunomiya_2023_label_rows_word.pdf") == []


def test_a_sheet_of_goals_numbered_a_i_rated_with_marks_in_the_year_reiwa_gannen(unseen):
    assert _failures(unseen, "gifu_r1_kana_cells_marks.xlsx") == []


# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

def test_a_report_of_two_centres_whose_goals_are_numbered_again_from_one(unseen):
    assert _failures(unseen, "matsudo_r5_two_centres.docx") == []


def test_a_web_table_per_goal_with_the_grade_and_its_reasons_in_one_cell(unseen):
    assert _failures(unseen, "otsu_r2_caption_tables.html") == []


def test_a_systems_csv_of_centres_one_goal_a_row(unseen):
    assert _failures(unseen, "kurume_r4_centre_rows.csv") == []


def test_a_sheet_of_one_goal_per_column_with_a_grade_row_and_a_reasons_row(unseen):
    assert _failures(unseen, "fukui_r3_goal_columns.xlsx") == []


# --- batch 4 (written after batches 1–3's fixes, before the parser was run on it: the held-out check) --

def test_goals_in_brackets_with_parts_in_angle_brackets_and_issues_with_their_response(unseen):
    assert _failures(unseen, "nishinomiya_r4_angle_labels.docx") == []


def test_a_web_table_with_a_banner_row_and_a_header_row_per_goal(unseen):
    assert _failures(unseen, "yokkaichi_r2_banner_rows.html") == []


def test_a_sheet_whose_year_is_only_in_its_print_header(unseen):
    assert _failures(unseen, "takamatsu_r1_print_header_year.xlsx") == []


def test_a_printed_goal_line_over_a_table_of_its_parts_then_its_grade(unseen):
    assert _failures(unseen, "kochi_r3_goal_then_table_word.pdf") == []


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


def test_every_document_of_the_round_is_judged():
    assert harness.documents_in(DATA) == set(EXPECTED)


if __name__ == "__main__":
    harness.print_round(DATA, EXPECTED)


# --- the rules on their own, and where they stop ---------------------------------------------------

from indexer import clean, ratings, records  # noqa: E402
from indexer.parse import parse_text  # noqa: E402

_RATED = """令和５年度　みなと市子育て支援センター　事業評価
重点目標１　親子の居場所づくり
実施内容
ひろばを週五日開いた。
評価
Ｂ　初めて来た親子が前年の二倍になった。
今後の方向性
午後の利用を増やす工夫をする。
重点目標２　相談の充実
実施内容
相談日を月二回にした。
評価：Ａ
今後の方向性
相談室の予約の仕組みを整える。
"""


def _goal(parsed, no):
    unit = f"{parsed.document.doc_id}-y2023-g{no}"
    return [p for p in parsed.passages if p.unit == unit]


def test_a_rating_label_over_words_is_the_outcome_and_over_a_grade_alone_the_rating():
    parsed = parse_text(_RATED, "minato.txt", "d13rated", "utf-8")
    first, second = _goal(parsed, 1), _goal(parsed, 2)
    assert {g for p in first for g in (p.grades or {}).values()} == {"B"}
    outcome = [p.text for p in first if p.section == records.OUTCOME]
    assert outcome == ["初めて来た親子が前年の二倍になった。"]  # the grade is not the outcome's text
    assert {g for p in second for g in (p.grades or {}).values()} == {"A"}
    assert not [p for p in second if p.section == records.OUTCOME]


def test_a_scale_explained_after_a_rating_label_is_no_outcome_and_rates_no_goal():
    text = _RATED.replace("評価\nＢ　初めて来た親子が前年の二倍になった。\n", "").replace("評価：Ａ\n", "")
    for legend in ("評価　Ａ：十分達成　Ｂ：おおむね達成　Ｃ：未達成", "評価\n◎：よくできた　○：できた　△：あまりできなかった"):
        parsed = parse_text(text + legend + "\n", "minato.txt", "d13legend", "utf-8")
        assert not any(p.grades for p in parsed.passages)
        assert not any("達成" in p.text or "できた" in p.text for p in parsed.passages if p.section == records.OUTCOME)


def test_a_grade_opening_its_reasons_is_read_but_a_grade_explained_after_a_colon_is_not():
    assert ratings.leading_grade("Ｂ　少人数の日を設けた。") == ("Ｂ", "少人数の日を設けた。")
    assert ratings.leading_grade("Ｂ少人数の日を設けた。") == ("Ｂ", "少人数の日を設けた。")  # a PDF's joined lines
    assert ratings.leading_grade("Ａ") == ("Ａ", "")
    assert ratings.leading_grade("◎：よくできた　○：できた") is None  # a scale (one grade and a colon: unseen14)
    assert ratings.leading_grade("少人数の日を設けた。") is None
    assert ratings.opens_legend("Ａ：達成　Ｂ：概ね達成") and ratings.opens_legend("Ａ 達成できた／Ｂ おおむね達成できた")
    assert not ratings.opens_legend("Ｂ　少人数の日を設けた。")


def test_a_rating_line_above_a_sites_contact_block_is_kept():
    lines = ["課題及び今後の方向性　連絡会の議題を見直す。", "", "達成度：Ｂ", "お問い合わせ　みなと市　子ども家庭課"]
    assert clean.boilerplate_lines(lines) == {3}


def test_a_rating_cells_words_are_the_outcome_but_a_dash_is_nothing():
    text = ("令和５年度　みなと市子育て支援センター　事業評価\n"
            "重点目標\t取組内容\t課題\t評価\n"
            "1　親子の居場所づくり\tひろばを週五日開いた。\t午後の利用が少ない。\tＢ　初めて来た親子が前年の二倍になった。\n"
            "2　相談の充実\t相談日を月二回にした。\t相談室が狭い。\t－\n")
    parsed = parse_text(text, "minato.tsv", "d13cells", "utf-8")
    first, second = _goal(parsed, 1), _goal(parsed, 2)
    assert {g for p in first for g in (p.grades or {}).values()} == {"B"}
    assert [p.text for p in first if p.section == records.OUTCOME] == ["初めて来た親子が前年の二倍になった。"]
    assert not any(p.grades for p in second)
    assert not [p for p in second if p.section == records.OUTCOME]


def test_a_sheets_print_header_is_read_without_excels_codes_and_a_page_number_alone_is_nothing():
    from indexer.load.xlsx import margin_text
    assert margin_text("&C令和元年度　事業評価") == "令和元年度 事業評価"
    assert margin_text('&L&"ＭＳ 明朝,太字"&12R5&&R6&R&P / &N') == "R5&R6 /"
    assert margin_text("&P / &N") == ""


def test_a_city_whose_name_ends_in_shi_keeps_its_second_shi_but_a_word_after_a_city_does_not_join_it():
    from indexer import metadata
    names = [m.group(1) for t in ("四日市市こども未来課", "十日町市の子育て", "大和市市民活動課", "秦野市本町")
             for m in metadata.municipality_names(t)]
    assert names == ["四日市市", "十日町市", "大和市", "秦野市"]
