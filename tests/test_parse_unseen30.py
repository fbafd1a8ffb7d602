"""Reports nobody tuned the parser on (thirtieth round): the seed reports' own content re-laid in
shapes no earlier round had — Word headings numbered １． / （１） / ①, a sheet of one column per
goal under a merged header, `<th scope="row">` labels with the year only as R5, full-width digits
with 2018（平成30）年度, labels one letter per line, two fiscal years side by side, another city's
words for the sections, a five-year summary numbered １． / （１） with a four-column aims table —
and, held out (batch 2), other cities' forms (川崎市, さいたま市, 相模原市), a hub titled by its
nickname alone with its ward only in the footer's address, a five-year summary of a hub and its
satellite, an unlisted hub's Word PDF with its 所在地 in the footer, two years side by side per goal.

tests/data/unseen30/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them. Every document goes through the
real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen30 [batch]     # prints every judged check and the agreement
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen30")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def test_word_headings_numbered_in_three_levels(unseen):
    assert _failures(unseen, "izumi_r5_numbered_headings.docx") == []


def test_word_headings_numbered_in_three_levels_exported_to_pdf(unseen):
    assert _failures(unseen, "izumi_r5_numbered_headings_word.pdf") == []


def test_a_column_per_goal_under_a_header_merged_across_them(unseen):
    assert _failures(unseen, "naka_h31_goal_columns_merged_header.xlsx") == []


def test_row_header_cells_and_a_year_written_only_as_r5(unseen):
    assert _failures(unseen, "konan_r5_th_scope_row_page.html") == []


def test_full_width_digits_everywhere_and_western_years_with_the_era_in_brackets(unseen):
    assert _failures(unseen, "kohoku_2018_fullwidth_digits.txt") == []


def test_labels_written_one_letter_per_line(unseen):
    assert _failures(unseen, "naka_r1_vertical_labels.docx") == []


def test_labels_written_one_letter_per_line_exported_to_pdf(unseen):
    assert _failures(unseen, "naka_r1_vertical_labels_word.pdf") == []


def test_two_fiscal_years_side_by_side_in_one_sheet(unseen):
    assert _failures(unseen, "kohoku_h30_h31_side_by_side.xlsx") == []


def test_another_citys_words_for_the_sections_and_a_western_year(unseen):
    assert _failures(unseen, "konan_2023_other_city_headings.docx") == []


def test_a_five_year_summary_numbered_with_a_four_column_aims_table(unseen):
    assert _failures(unseen, "nishi_r3_r7_5kanen_numbered_four_columns.docx") == []


# --- batch 2 (held out: written with batch 1, not parsed until batch 1's fixes were done) -------------

def test_a_goals_own_next_year_paragraph_is_no_next_years_goal(unseen):
    assert _failures(unseen, "kawasaki_r5_jisshi_next_year.docx") == []


def test_an_evaluation_table_of_abc_grades_titled_only_r4(unseen):
    assert _failures(unseen, "saitama_r4_abc_table.xlsx") == []


def test_outcome_and_issue_in_one_row_header_cell(unseen):
    assert _failures(unseen, "sagamihara_r3_th_scope_page.html") == []


def test_a_hub_titled_by_its_nickname_has_the_ward_of_its_footers_address(unseen):
    assert _failures(unseen, "asahi_r2_nickname_footer_address.docx") == []


def test_each_programme_of_a_two_site_five_year_summary_knows_its_site(unseen):
    assert _failures(unseen, "kohoku_r1_r5_5kanen_two_sites.docx") == []


def test_an_unlisted_hubs_ward_from_the_address_in_its_page_footer(unseen):
    assert _failures(unseen, "tsuzuki_r6_unlisted_hub_footer_word.pdf") == []


def test_two_fiscal_years_side_by_side_per_goal_on_a_ward_page(unseen):
    assert _failures(unseen, "midori_r5_r6_two_years_columns_page.html") == []


def test_every_document_is_judged():
    tested = {line.split('"')[1] for line in Path(__file__).read_text(encoding="utf-8").splitlines()
              if "_failures(unseen, \"" in line}
    assert tested == set(EXPECTED)


# --- the rules on their own -----------------------------------------------------------------------

def _parse(text: str, context: tuple[str, ...] = ()):
    from indexer.parse import parse_text
    parsed = parse_text(text, "report.txt", "doc", context=context)
    return parsed.document, parsed.passages


_GOAL = "重点目標１　雨の日も親子が来られるひろばにします。\n取組内容\n室内遊びの日を設けた。\n取組の成果\n来館者が増えた。\n取組の課題\n手狭になった。\n"
_NICKNAME_TITLE = "ひだまり　令和２年度　年度評価\n"


def test_a_report_naming_its_hub_by_nickname_alone_takes_the_ward_its_address_states():
    # the address in a page footer (cleaning drops it from the text), with a postal code or a label
    for footer in ("ひだまり　〒241-0022　横浜市旭区鶴ケ峰1-2-3　TEL 045-000-0000", "所在地：横浜市旭区鶴ケ峰1-2-3"):
        doc, _ = _parse(_NICKNAME_TITLE + _GOAL, context=(footer,))
        assert (doc.ward, doc.hub) == ("旭区", "ひだまり"), footer
    # the address block after the report, no postal code, beside the phone number or under 住所
    for tail in ("ひだまり\n横浜市旭区鶴ケ峰1-2-3\nTEL 045-000-0000\n", "住所　横浜市旭区鶴ケ峰1-2-3\n電話　045-000-0000\n"):
        assert _parse(_NICKNAME_TITLE + _GOAL + tail)[0].ward == "旭区", tail
    # no place stated anywhere: unknown stays unknown; a kana word opening a title that is no name
    assert _parse(_NICKNAME_TITLE + _GOAL)[0].ward is None
    assert _parse("はじめに　令和２年度　年度評価\n" + _GOAL)[0].hub is None


def test_an_unlisted_hubs_own_address_outweighs_a_ward_named_once_in_passing():
    text = ("地域子育て支援拠点ひだまり　令和２年度　年度評価\n"
            + _GOAL.replace("室内遊びの日を設けた。", "港北区の拠点と合同で室内遊びの日を設けた。")
            + "〒241-0022　横浜市旭区鶴ケ峰1-2-3\nTEL 045-000-0000\n")
    assert _parse(text)[0].ward == "旭区"
    # a ward named twice is the report's theme, whatever the address says
    twice = text.replace("手狭になった。", "港北区全体で手狭になった。")
    assert _parse(twice)[0].ward == "港北区"
    # a bare address line in the text may be a venue's: it does not outweigh the ward the text names
    venue = ("令和２年度　年度評価\n" + _GOAL.replace("室内遊びの日を設けた。", "旭区の公園で遊びの日を設けた。")
             + "会場\n横浜市緑区中山町1-2\n")
    assert _parse(venue)[0].ward == "旭区"


_PROGRAMMES = "".join(f"{n}　{name}\n自己評価　法人：Ａ　区：Ｂ\n成果\n{name}の利用が増えた。\n課題\n{name}の担い手が足りない。\n"
                      for n, name in ((1, "親子の居場所事業"), (2, "子育て相談事業"), (3, "情報収集・提供事業")))


def test_a_five_year_summarys_programmes_carry_the_site_the_document_states():
    title = "港北区地域子育て支援拠点どろっぷ　5か年のまとめ（令和元年度～令和５年度）\n"
    _doc, passages = _parse(title + "■どろっぷ（本体）\n" + _PROGRAMMES + "■どろっぷサテライト\n"
                            + _PROGRAMMES.replace("増えた", "伸びた"))
    sites = {(p.programme, p.site) for p in passages if p.programme and p.section == "成果"}
    assert sites == {(n, s) for n in (1, 2, 3) for s in ("どろっぷ（本体）", "どろっぷサテライト")}
    grown = next(p for p in passages if p.programme == 2 and "伸びた" in p.text)
    assert grown.site == "どろっぷサテライト" and grown.unit != next(
        p for p in passages if p.programme == 2 and "増えた" in p.text).unit
    # a summary of the satellite alone: its title names the site
    _doc, passages = _parse(title.replace("どろっぷ　", "どろっぷサテライト　") + _PROGRAMMES)
    assert {p.site for p in passages if p.programme} == {"どろっぷサテライト"}
    # a summary of one site names none
    _doc, passages = _parse(title + _PROGRAMMES)
    assert all("site" not in p.to_dict() for p in passages)


def test_two_fiscal_years_side_by_side_are_read_as_each_years_goals():
    sheet = ("港北区地域子育て支援拠点　重点目標\n"
             "No.\t平成30年度\t\t\t\t平成31年度\n"
             "\t重点目標\t取組内容\t取組の成果\t取組の課題\t重点目標\t取組内容\n"
             "1\tアプリで発信する。\t配信した。\t登録が増えた。\t周知が足りない。\t預かりを試す。\t試行した。\n"
             "2\t\t\t\t\t効果を検証する。\t調査する。\n")
    _doc, passages = _parse(sheet)
    units = {(p.unit.split("-", 1)[1], p.section) for p in passages if p.unit}
    assert ("y2018-g1", "取組の成果") in units and ("y2019-n1", "次年度目標") in units
    assert ("y2019-n2", "取組内容") in units and not any(u.startswith("y2018-g2") for u, _s in units)


def test_a_label_written_one_letter_per_line_in_a_cell_is_one_word():
    from indexer.clean import split_items
    assert split_items("取<br>組<br>の<br>成<br>果") == ["取組の成果"]
    assert split_items("◎<br>○") == ["◎", "○"]  # marks, not letters of a word
    assert split_items("①会を開いた<br>②講座") == ["①会を開いた", "②講座"]


if __name__ == "__main__":
    harness.print_round(DATA, EXPECTED, sys.argv[1:])
