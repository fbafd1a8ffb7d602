"""Reports nobody tuned the parser on (sixteenth round): other Yokohama wards' reports in the
formats the wards publish — a workbook of one sheet per fiscal year, a 5か年のまとめ as a rating
matrix of merged cells, a sheet of sections as columns, a Word report in 令和元年度 with full-width
digits, a ward web page with a table per goal, a Shift_JIS CSV export, a workbook with a hidden
sheet and notes, reports naming their hub by its own name, an Excel 97–2003 sheet with the goal
number merged down, a 5か年のまとめ in Word; a ward page and a Shift_JIS CSV of a 5か年のまとめ, sheets
of goal tables whose later sheet is a plan.

tests/data/unseen16/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them. Every document goes through the
real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen16      # prints every judged check and the agreement
"""

from __future__ import annotations

from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen16")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def test_a_workbook_of_one_sheet_per_year_gives_each_sheets_goals_their_own_year(unseen):
    assert _failures(unseen, "tsurumi_r3_r4_sheet_per_year.xlsx") == []


def test_a_five_year_rating_matrix_of_merged_cells_rates_each_programme(unseen):
    assert _failures(unseen, "asahi_h28_r2_5kanen_matrix.xlsx") == []


def test_a_sheet_of_section_columns_under_a_legend_of_marks_run_into_their_words(unseen):
    assert _failures(unseen, "kanagawa_h31_sections_columns.xlsx") == []


def test_a_word_report_in_reiwa_gannen_with_full_width_digits_and_next_years_goals(unseen):
    assert _failures(unseen, "hodogaya_r1_gannen_fullwidth.docx") == []


def test_a_ward_page_whose_side_menu_names_a_five_year_summary_is_read_as_its_own_content(unseen):
    assert _failures(unseen, "isogo_r3_goal_tables_page.html") == []


def test_a_shift_jis_csv_export_of_one_goal_a_row(unseen):
    assert _failures(unseen, "kanazawa_r5_sjis_export.csv") == []


def test_a_hidden_sheet_and_cell_notes_are_not_the_report(unseen):
    assert _failures(unseen, "midori_r2_hidden_sheet_notes.xlsx") == []


def test_a_report_titled_by_its_hubs_name_ends_before_its_dated_signature_of_two_signers(unseen):
    assert _failures(unseen, "aoba_r4_hub_name_title.docx") == []


def test_an_old_excel_sheet_whose_goal_number_is_merged_down_and_that_names_only_its_hub(unseen):
    assert _failures(unseen, "totsuka_h30_merged_number.xls") == []


def test_a_five_year_summary_in_word_with_bracketed_outcome_and_issue_labels(unseen):
    assert _failures(unseen, "seya_r2_r6_5kanen_word.docx") == []


# --- batch 2 (written after batch 1's fixes, before the parser was run on it: the held-out check) -----

def test_a_city_cms_page_whose_local_menu_names_other_years_and_a_summary(unseen):
    assert _failures(unseen, "tsuzuki_r5_cms_template_page.html") == []


def test_a_later_sheet_of_goals_with_only_their_plans_is_next_years_goals(unseen):
    assert _failures(unseen, "sakae_r4_sheets_then_plan.xlsx") == []


def test_a_csv_with_a_byte_order_mark_and_the_hubs_and_the_wards_grades(unseen):
    assert _failures(unseen, "minami_r1_bom_grades.csv") == []


def test_a_legend_of_marks_over_goal_tables_and_a_signature_after_them(unseen):
    assert _failures(unseen, "tsurumi_r2_marks_signature.docx") == []


# --- batch 3 (written after batch 2's run, before the parser was run on it: the held-out check) --------

def test_a_five_year_summary_page_with_a_rating_table_per_programme(unseen):
    assert _failures(unseen, "kanagawa_h28_r2_5kanen_page.html") == []


def test_a_later_sheet_whose_outcome_and_issue_columns_are_blank_is_next_years_goals(unseen):
    assert _failures(unseen, "hodogaya_r3_r4_blank_plan_sheet.xlsx") == []


def test_a_five_year_csv_export_whose_merged_cells_are_blank_on_later_rows(unseen):
    assert _failures(unseen, "isogo_r1_r5_5kanen_sjis.csv") == []


def test_every_document_of_the_round_is_judged():
    assert harness.documents_in(DATA) == set(EXPECTED)


if __name__ == "__main__":
    harness.print_round(DATA, EXPECTED)


# --- the rules on their own, and where they stop ---------------------------------------------------

from indexer import metadata, ratings, records  # noqa: E402
from indexer.clean import to_rows  # noqa: E402
from indexer.load import load_bytes  # noqa: E402
from indexer.parse import parse_text  # noqa: E402


def _units(parsed, kind):
    return sorted({p.unit.rsplit("-", 2)[1] + "-" + p.unit.rsplit("-", 1)[1] for p in parsed.passages if p.section == kind})


_TWO_YEARS = """鶴見区地域子育て支援拠点　令和3年度重点目標評価結果
令和3年度 重点目標①\t親子の居場所をつくります。
取組内容\tひろばを週五日開いた。
取組の成果\t初めて来た親子が増えた。
取組の課題\t午後の利用が少ない。
令和4年度 重点目標①\t相談の場を広げます。
取組内容\t相談日を月二回にした。
{rest}"""


def test_a_later_years_goal_with_its_outcome_is_evaluated_and_one_with_its_plan_only_is_next_years():
    evaluated = parse_text(_TWO_YEARS.format(rest="取組の成果\t相談が倍になった。\n取組の課題\t相談室が狭い。\n"),
                           "tsurumi.tsv", "d16eval", "utf-8")
    assert _units(evaluated, records.GOAL) == ["y2021-g1", "y2022-g1"]
    assert not _units(evaluated, records.NEXT_GOAL)
    planned = parse_text(_TWO_YEARS.format(rest=""), "tsurumi.tsv", "d16plan", "utf-8")
    assert _units(planned, records.GOAL) == ["y2021-g1"]
    assert _units(planned, records.NEXT_GOAL) == ["y2022-n1"]


def test_grade_marks_run_into_their_meanings_are_a_legend_but_one_mark_before_its_reasons_is_a_grade():
    assert ratings.opens_legend("◎よくできた　○できた　△課題が残った")
    assert ratings.opens_legend("Ａ達成　Ｂ概ね達成　Ｃ未達成")
    assert ratings.leading_grade("◎よくできた　○できた") is None
    assert ratings.leading_grade("○できた。午後の利用も増えた。") == ("○", "できた。午後の利用も増えた。")
    assert ratings.leading_grade("Ｂ　相談が倍になった。Ｃ型の窓口も開いた。") == ("Ｂ", "相談が倍になった。Ｃ型の窓口も開いた。")


def _office(line):
    return metadata.is_office_line(to_rows(line)[1][0])


def test_a_dated_signature_of_the_ward_office_and_its_co_signer_is_an_office_line():
    assert _office("令和５年６月　青葉区こども家庭支援課・ＮＰＯ法人ラフール運営委員会")
    assert _office("鶴見区こども家庭支援課／社会福祉法人つるみ福祉会")
    assert _office("令和６年３月　泉区こども家庭支援課")
    assert _office("大和市こども部こども総務課")  # unchanged
    assert not _office("令和５年６月　ひろばの利用者が増えた")
    assert not _office("ひろばの利用・相談の充実")
    assert not _office("令和５年６月　親子の会・ＮＰＯ法人ラフール")  # no office named first


_PAGE = """<html><head><meta charset="utf-8"></head><body>
<div id="{header}"><p>横浜市 都筑区</p></div>
<div id="{side}"><ul><li><a href="#">5か年のまとめ（令和元年度～令和5年度）</a></li></ul></div>
<div id="{main}"><h1>令和5年度 重点目標の振り返り</h1><p>重点目標1 ひろばを広げます。</p></div>
<div id="{footer}"><p>都筑区こども家庭支援課</p></div></body></html>"""


def test_a_pages_header_side_menu_and_footer_marked_by_ids_around_its_marked_content_are_not_its_text():
    for ids in ({"header": "header", "side": "side", "main": "main", "footer": "footer"},
                {"header": "tmp_header", "side": "tmp_lnavi", "main": "tmp_contents", "footer": "tmp_footer"}):
        text = load_bytes(_PAGE.format(**ids).encode("utf-8"), "page.html").text
        assert "重点目標1" in text and "5か年のまとめ" not in text and "こども家庭支援課" not in text
    # without an element marked as the content, nothing is dropped (the title may be in the header)
    kept = load_bytes(_PAGE.format(header="header", side="side", main="body1", footer="footer").encode("utf-8"),
                      "page.html").text
    assert "5か年のまとめ" in kept and "こども家庭支援課" in kept


def test_a_pages_heading_of_linked_files_after_the_goals_ends_the_last_goal():
    text = ("令和3年度 重点目標の評価\n重点目標1\n目標\t相談の場を広げます。\n取組内容\t相談日を月二回にした。\n"
            "取組の成果\t相談が倍になった。\n取組の課題\t相談室が狭い。\n関連ファイル\n令和3年度 重点目標の評価（PDF：210KB）\n")
    parsed = parse_text(text, "isogo.html", "d16files", "utf-8")
    issue = [p.text for p in parsed.passages if p.section == records.ISSUE]
    assert issue == ["相談室が狭い。"]
    assert any("PDF：210KB" in p.text for p in parsed.passages if p.section == records.OTHER)  # kept, not dropped
    # the words inside a sentence are the goal's text
    parsed = parse_text(text.replace("関連ファイル\n", "関連ファイルの置き場所を決めたい。\n"), "isogo.html", "d16files2", "utf-8")
    assert any("関連ファイルの置き場所" in p.text for p in parsed.passages if p.section == records.ISSUE)


_SHEETS = """令和3年度
保土ケ谷区地域子育て支援拠点　令和3年度重点目標
重点目標\t取組内容\t取組の成果\t取組の課題
①親子の居場所をつくります。\tひろばを週五日開いた。\t初めて来た親子が増えた。\t午後の利用が少ない。
令和4年度
保土ケ谷区地域子育て支援拠点　令和4年度重点目標
重点目標\t取組内容\t取組の成果\t取組の課題
①相談の場を広げます。\t相談日を月二回にする。{rest}
"""


def test_a_sheets_title_restating_its_year_keeps_the_year_and_a_later_table_of_blank_outcomes_is_a_plan():
    planned = parse_text(_SHEETS.format(rest=""), "hodogaya.tsv", "d16sheets", "utf-8")
    assert _units(planned, records.GOAL) == ["y2021-g1"]
    assert _units(planned, records.NEXT_GOAL) == ["y2022-n1"]
    judged = parse_text(_SHEETS.format(rest="\t相談が倍になった。\t相談室が狭い。"), "hodogaya.tsv", "d16sheets2", "utf-8")
    assert _units(judged, records.GOAL) == ["y2021-g1", "y2022-g1"]
    assert not _units(judged, records.NEXT_GOAL)
