"""The five real seed reports parse into the ward / year / goal / section records users need."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer import records
from indexer.clean import compact, to_rows
from indexer.corpus import parse_corpus

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def parsed():
    result = parse_corpus(CORPUS)
    assert not result.errors, result.errors
    docs = {d.source[:3]: d for d in result.documents}
    passages = {key: [p for p in result.passages if p.doc_id == doc.doc_id] for key, doc in docs.items()}
    return docs, passages


def sections_of(passages, year, goal_no, *, next_year=False):
    goal_kind = records.NEXT_GOAL if next_year else records.GOAL
    found = {p.section: p for p in passages
             if p.fiscal_year_from == year and p.goal_no == goal_no and p.programme is None}
    assert goal_kind in found, f"goal {goal_no} of {year} missing: {sorted(found)}"
    return found


def test_izumi_yearly_report_has_both_goals_with_all_sections(parsed):
    docs, passages = parsed
    doc = docs["000"]
    assert doc.ward == "泉区"
    assert "ちょこっといずみ" in doc.operator
    assert doc.doc_type == records.YEARLY
    assert (doc.fiscal_year_from, doc.fiscal_year_to) == (2023, 2024)
    for n in (1, 2):
        found = sections_of(passages["000"], 2023, n)
        assert {records.CONTENT, records.OUTCOME, records.ISSUE} <= set(found)
        next_found = sections_of(passages["000"], 2024, n, next_year=True)
        assert records.CONTENT in next_found
    goal1 = sections_of(passages["000"], 2023, 1)[records.GOAL]
    assert goal1.text.startswith("妊娠期からの支援について")
    assert goal1.year_label == "令和5年度"


def test_naka_goal_lists_are_split_per_goal_and_site_menu_dropped(parsed):
    docs, passages = parsed
    doc = docs["001"]
    assert doc.ward == "中区"
    assert "横浜YMCA" in doc.operator
    for n in (1, 2, 3):
        found = sections_of(passages["001"], 2019, n)
        assert {records.CONTENT, records.OUTCOME, records.ISSUE} <= set(found)
        assert found[records.GOAL].year_label == "平成31年度"
        # each goal's section holds its own numbered item only
        assert found[records.OUTCOME].text.startswith("①②③"[n - 1])
        assert records.CONTENT in sections_of(passages["001"], 2020, n, next_year=True)
    for p in passages["001"]:
        assert "TEL" not in p.text and "FAX" not in p.text
        assert "ボランティア募集" not in p.text
        assert "住吉町" not in p.text


def test_nishi_five_year_summary_has_programmes_grades_and_reasons(parsed):
    docs, passages = parsed
    doc = docs["002"]
    assert doc.ward == "西区"
    assert doc.doc_type == records.FIVE_YEAR
    assert (doc.fiscal_year_from, doc.fiscal_year_to) == (2021, 2025)
    assert "シャーロックホームズ" in doc.operator
    assert doc.hub == "スマイル・ポート"
    assert set(doc.programmes) == set(range(1, 8))
    assert doc.programmes[1] == "親子の居場所事業"
    assert doc.programmes[7] == "利用者支援事業"
    grades = {p.goal_no: p.grades for p in passages["002"]
              if p.programme == 1 and p.section == records.SELF_EVAL}
    assert grades[1] == {"法人": "A", "区": "A"}
    assert grades[3] == {"法人": "A", "区": "B"}
    kinds_by_programme = {}
    for p in passages["002"]:
        kinds_by_programme.setdefault(p.programme, set()).add(p.section)
    for programme in range(1, 8):
        kinds = kinds_by_programme[programme]
        assert {records.REASON_OPERATOR, records.REASON_WARD, records.RESULT, records.CHALLENGE,
                records.VIEWPOINT, records.SELF_EVAL} <= kinds, (programme, kinds)
    operator_reasons = [p for p in passages["002"] if p.section == records.REASON_OPERATOR]
    ward_reasons = [p for p in passages["002"] if p.section == records.REASON_WARD]
    assert not {p.passage_id for p in operator_reasons} & {p.passage_id for p in ward_reasons}
    assert any("多胎児向けのチラシ" in p.text for p in operator_reasons if p.programme == 1)


def test_konan_out_of_order_pdf_blocks_attach_to_the_right_goal(parsed):
    docs, passages = parsed
    doc = docs["003"]
    assert doc.ward == "港南区"
    assert "ちゅーりっぷ" in doc.operator
    assert (doc.fiscal_year_from, doc.fiscal_year_to) == (2023, 2023)
    expected = {1: "プレママおしゃべり会にも参加が増え", 2: "正会員55団体", 3: "無料クーポンの申請"}
    for n, phrase in expected.items():
        found = sections_of(passages["003"], 2023, n)
        assert phrase in found[records.OUTCOME].text
        assert records.ISSUE in found and records.CONTENT in found


def test_kohoku_report_without_header_is_recognised_by_its_text(parsed):
    docs, passages = parsed
    doc = docs["004"]
    assert doc.ward == "港北区"
    assert doc.hub == "どろっぷ"
    for n in (1, 2):
        found = sections_of(passages["004"], 2018, n)
        assert {records.CONTENT, records.OUTCOME, records.ISSUE} <= set(found)
    for n in (1, 2, 3):
        assert records.CONTENT in sections_of(passages["004"], 2019, n, next_year=True)
    assert not [p for p in passages["004"] if p.fiscal_year_from == 2019 and p.goal_no == 4]


def test_pdf_wrapped_words_are_rejoined():
    text = (CORPUS / "003_d2a364418de75729.txt").read_text(encoding="utf-8")
    _raw, rows = to_rows(text)
    assert any("プレママおしゃべり会" in r.text for r in rows)


def test_every_passage_cites_source_lines_that_contain_its_text(parsed):
    docs, passages = parsed
    for key, doc in docs.items():
        raw = (CORPUS / doc.source).read_text(encoding="utf-8").split("\n")
        for p in passages[key]:
            assert 1 <= p.line_start <= p.line_end <= len(raw)
            cited = compact(re.sub(r"<[^>]+>", "", "".join(raw[p.line_start - 1:p.line_end])))
            cited = cited.replace("**", "")
            for line in p.text.split("\n"):
                for cell in line.split(" | "):
                    assert compact(cell) in cited, (p.passage_id, cell)


def test_passage_ids_are_unique_and_stable(parsed):
    _docs, passages = parsed
    ids = [p.passage_id for ps in passages.values() for p in ps]
    assert len(ids) == len(set(ids))
    again = parse_corpus(CORPUS)
    assert ids == [p.passage_id for p in again.passages] or sorted(ids) == sorted(
        p.passage_id for p in again.passages)


def test_no_passage_keeps_inline_markup(parsed):
    _docs, passages = parsed
    for ps in passages.values():
        for p in ps:
            assert not re.search(r"</?(p|ul|ol|li)\b", p.text), p.passage_id


def test_city_wide_system_named_before_the_title_does_not_become_the_ward():
    from indexer.metadata import find_ward

    text = ("横浜市地域子育て支援拠点システムの導入に協力した。\n"
            "栄区地域子育て支援拠点事業\n令和6年度重点目標評価結果\n")
    assert find_ward(text) == "栄区"
    assert find_ward("川崎市 子育て支援センター 事業評価シート\n交流会を開いた。") == "川崎市"


def test_a_table_row_with_dashes_for_none_keeps_its_numbers_in_their_columns(parsed):
    # 西区's プレパパママ table: 区委託プレパパママクラス was not held in 令和3年度 (「-」 for
    # プレママ and プレパパ), 47 and 43 are 令和6年度's. Dropping the dashes put 47 / 43 under 令和3年度.
    _, passages = parsed
    table = next(p.text for p in passages["002"] if "ミライデー |" in p.text)
    assert "区委託プレパパママクラス | - | - | 47 | 43" in table


@pytest.mark.parametrize("line, cells", [
    ("区委託クラス\t-\t－\t47\t43", [["区委託クラス"], ["-"], ["－"], ["47"], ["43"]]),
    ("| 相談件数 | ― | 120件 |", [["相談件数"], ["―"], ["120件"]]),
    ("-", [[]]),                       # a dash alone on a line is an empty bullet, not a cell
    ("- 絵本の読み聞かせ", [["絵本の読み聞かせ"]]),
])
def test_a_dash_is_a_table_cell_only_beside_other_cells(line, cells):
    _, rows = to_rows(line)
    assert rows[0].cells == cells
