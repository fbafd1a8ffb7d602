"""Reports nobody tuned the parser on (seventeenth round): forms no earlier round had — a hub
whose name is not among the known hubs and whose ward is only in its address, a hub and its
satellite in one report, 「label」：text on one line, an indicator table under a goal row, an
Excel 97–2003 sheet whose ward and year are only in its print header, a PDF whose page header
repeats the ward and year on every page, a ward page's table of contents of anchor links, a
5か年のまとめ rated 1–4 and one rated ◎ / ○ / △, a Word report with tracked changes and comments;
held out: an unknown hub naming its ward only as 区役所 in a sentence (Ｒ４年度), two hubs in one
sheet, 『label』：text and 【label】text lines, a 5か年のまとめ page with a table of contents.

tests/data/unseen17/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them. Every document goes through the
real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen17      # prints every judged check and the agreement
"""

from __future__ import annotations

from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen17")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name)


def test_a_hub_of_an_unknown_name_gets_its_ward_from_its_address_line(unseen):
    assert _failures(unseen, "izumi_r5_unlisted_hub_address.docx") == []


def test_a_hub_and_its_satellite_in_one_report_each_numbering_goals_from_one(unseen):
    assert _failures(unseen, "konan_r4_hub_and_satellite.docx") == []


def test_quoted_labels_with_their_text_on_the_same_line_and_a_year_written_r6(unseen):
    assert _failures(unseen, "sakae_r6_quoted_label_colon.txt") == []


def test_an_indicator_table_under_a_goal_row_does_not_end_the_goal(unseen):
    assert _failures(unseen, "kanazawa_r3_indicator_rows.xlsx") == []


def test_an_old_excel_sheet_whose_ward_and_year_are_only_in_its_print_header(unseen):
    assert _failures(unseen, "hodogaya_r2_print_header_only.xls") == []


def test_a_pdf_page_header_repeating_ward_and_year_is_not_a_goals_text(unseen):
    assert _failures(unseen, "minami_r3_page_header_every_page.pdf") == []


def test_a_pages_table_of_contents_and_back_to_top_links_are_not_goals(unseen):
    assert _failures(unseen, "asahi_r6_toc_anchor_page.html") == []


def test_a_five_year_summary_rated_on_a_four_level_number_scale(unseen):
    assert _failures(unseen, "tsuzuki_r1_r5_5kanen_four_levels.xlsx") == []


def test_tracked_deletions_and_comments_are_not_the_reports_text(unseen):
    assert _failures(unseen, "midori_r5_tracked_changes.docx") == []


def test_a_five_year_summary_in_word_rated_with_marks(unseen):
    assert _failures(unseen, "totsuka_r1_r5_5kanen_marks.docx") == []


# --- batch 2 (held out: written with batch 1, not parsed until batch 1's fixes were done) -------------

def test_an_unknown_hub_naming_its_ward_only_as_the_ward_office_in_a_sentence(unseen):
    assert _failures(unseen, "seya_r4_office_sentence_fullwidth_r.pdf") == []


def test_two_hubs_in_one_sheet_each_numbering_their_goals_from_one(unseen):
    assert _failures(unseen, "aoba_r2_two_hubs_one_sheet.xlsx") == []


def test_labels_in_other_brackets_with_their_text_on_the_same_line(unseen):
    assert _failures(unseen, "kanagawa_r5_inline_bracket_labels.docx") == []


def test_a_five_year_summary_page_with_a_table_of_contents(unseen):
    assert _failures(unseen, "isogo_h28_r2_5kanen_toc_page.html") == []


def test_every_document_of_the_round_is_judged():
    assert harness.documents_in(DATA) == set(EXPECTED)


if __name__ == "__main__":
    import sys
    harness.print_round(DATA, EXPECTED, sys.argv[1:])


# --- the rules on their own, and where they stop ---------------------------------------------------

from indexer import records  # noqa: E402
from indexer.load import load_bytes  # noqa: E402
from indexer.parse import parse_text  # noqa: E402


def _sections(parsed, kind):
    return [p.text for p in parsed.passages if p.section == kind]


def test_an_old_excel_sheets_print_header_is_read_as_its_context_not_its_text():
    loaded = load_bytes((DATA / "hodogaya_r2_print_header_only.xls").read_bytes(), "report.xls")
    assert any("令和２年度" in c and "保土ケ谷区" in c for c in loaded.context)
    assert "令和２年度" not in loaded.text
    assert not any("&" in c or "/" in c for c in loaded.context)  # the footer's page fields print no words


_QUOTED = """栄区地域子育て支援拠点　令和6年度　重点目標の振り返り
重点目標1
「目標」：親子の居場所をつくります。
「取組内容」：ひろばを週五日開いた。
「取組の成果」：初めて来た親子が増えた。
{issue}
"""


def test_a_quoted_label_before_a_colon_and_its_text_is_the_label_but_a_quoted_word_in_a_sentence_is_not():
    parsed = parse_text(_QUOTED.format(issue="『取組の課題』：午後の利用が少ない。"), "sakae.txt", "d17q", "utf-8")
    assert _sections(parsed, records.CONTENT) == ["ひろばを週五日開いた。"]
    assert _sections(parsed, records.OUTCOME) == ["初めて来た親子が増えた。"]
    assert _sections(parsed, records.ISSUE) == ["午後の利用が少ない。"]
    # 「取組の成果」が… (no colon after the quote) is a sentence quoting the word, the outcome's text
    parsed = parse_text(_QUOTED.format(issue="「取組の課題」が話し合われ、午後の利用を増やす。"), "sakae.txt", "d17q2", "utf-8")
    assert not _sections(parsed, records.ISSUE)
    assert any("話し合われ" in t for t in _sections(parsed, records.OUTCOME))


_SIGNED = """地域子育て支援拠点ひだまりの丘
令和５年度　重点目標の振り返り
重点目標１　親子の居場所をつくります。
【取組内容】
ひろばを週五日開いた。
【取組の成果】
初めて来た親子が増えた。
【取組の課題】
午後の利用が少ない。
{last}
"""


def test_an_operator_line_naming_its_corporation_after_the_last_goal_is_not_its_issue():
    for last in ("運営　特定非営利活動法人ひだまりネット", "運営：社会福祉法人ひだまり会", "運営団体　株式会社ひだまり"):
        parsed = parse_text(_SIGNED.format(last=last), "izumi.docx", "d17op", "utf-8")
        assert _sections(parsed, records.ISSUE) == ["午後の利用が少ない。"], last
    # 運営 opening a sentence of the section is its text
    parsed = parse_text(_SIGNED.format(last="運営の工夫として、午後の行事を増やす。"), "izumi.docx", "d17op2", "utf-8")
    assert any("運営の工夫" in t for t in _sections(parsed, records.ISSUE))


_SITES = """港南区地域子育て支援拠点事業　令和４年度　重点目標評価結果
１　地域子育て支援拠点はっぴーす（本体）
重点目標１\t親子の居場所をつくります。
取組内容\tひろばを週五日開いた。
取組の成果\t初めて来た親子が増えた。
取組の課題\t午後の利用が少ない。
{between}
重点目標１\t相談の場を広げます。
取組内容\t相談日を月二回にした。
取組の成果\t相談が倍になった。
取組の課題\t相談室が狭い。
"""


def test_a_line_naming_the_next_site_between_goals_is_not_the_last_sections_text():
    parsed = parse_text(_SITES.format(between="２　地域子育て支援拠点はっぴーすサテライト"), "konan.tsv", "d17site", "utf-8")
    assert _sections(parsed, records.ISSUE) == ["午後の利用が少ない。", "相談室が狭い。"]
    assert any("サテライト" in p.text for p in parsed.passages if p.section == records.OTHER)  # kept, not dropped
    goals = sorted(p.unit.rsplit("-", 1)[1] for p in parsed.passages if p.section == records.GOAL)
    assert goals == ["g1", "g2"]
    # a sentence naming a site stays the section's text
    parsed = parse_text(_SITES.format(between="サテライトの利用者にも案内した。"), "konan.tsv", "d17site2", "utf-8")
    assert any("サテライトの利用者" in t for t in _sections(parsed, records.ISSUE))


# --- batch 2's rules (held out until batch 1's fixes were done) --------------------------------------

_CONTENTS = """<html><head><meta charset="utf-8"></head><body><div id="main">
<h1>磯子区地域子育て支援拠点　5か年のまとめ（平成28年度～令和2年度）</h1>
<h2>目次</h2><ul>{toc}</ul>
{parts}
</div></body></html>"""
_NAMES = ["親子の居場所事業", "子育て相談事業"]


def _five_year_page(toc: bool) -> bytes:
    items = "".join(f'<li><a href="#p{n}">{n}　{name}</a></li>' for n, name in enumerate(_NAMES, 1))
    parts = "".join(
        f'<h3 id="p{n}">{n}　{name}</h3><table><tr><th>目指す拠点の姿</th><th>自己評価（法人）</th><th>自己評価（区）</th></tr>'
        f'<tr><td>①居場所になっている。</td><td>A</td><td>B</td></tr></table>'
        f'<h4>成果</h4><p>成果{n}の文。</p><h4>課題</h4><p>課題{n}の文。</p><p><a href="#top">目次へ戻る</a></p>'
        for n, name in enumerate(_NAMES, 1))
    return _CONTENTS.format(toc=items if toc else "", parts=parts).encode("utf-8")


def test_a_table_of_contents_listing_the_programmes_does_not_swallow_their_own_headings():
    for toc in (True, False):
        loaded = load_bytes(_five_year_page(toc), "isogo.html")
        assert "目次へ戻る" not in loaded.text  # an in-page link back to the contents is no text
        parsed = parse_text(loaded.text, "isogo.html", f"d17toc{toc}", "utf-8")
        by_programme = {(p.programme, p.section): p.text for p in parsed.passages if p.programme}
        assert by_programme[(1, records.RESULT)] == "成果1の文。" and by_programme[(2, records.CHALLENGE)] == "課題2の文。"
        assert sorted(g for p in parsed.passages if p.programme == 2 for g in (p.grades or {}).values()) == ["A", "B"]
