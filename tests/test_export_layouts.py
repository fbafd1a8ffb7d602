"""The seed reports as other programs export them (relaid22, `benchmarks/export_layouts.py`):
a 【】-headed text export, a sheet with the sections as columns and each goal merged down over
its items, that sheet printed landscape with its header row repeated on every page, saved by
Excel as a web page, and a Word report in outline headings. Each keeps the report's ward,
years and type, every goal block's sections whole, and each judged evidence string in a
passage of its ward."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from benchmarks.export_layouts import RENDERERS
from indexer.load import load_bytes
from indexer.load.pdf_layout import join_cut_rows
from indexer.parse import parse_text
from search_app.evaluation import compact

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
JUDGED = sorted((ROOT / "eval").glob("extra*.jsonl"))
# list marks a layout itself adds (Word's bullets, read as 「・」) are not the report's text
ADDED_MARKS = {"docx_outline": "・"}


@pytest.fixture(scope="module")
def parsed():
    """layout -> [(seed parse, re-laid parse)] over the five seed reports."""
    out: dict[str, list] = defaultdict(list)
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        want = parse_text(text, seed.name, "seed")
        for layout, (render, suffix) in RENDERERS.items():
            got = parse_text(load_bytes(render(text), seed.stem + suffix).text, seed.stem + suffix, "seed")
            out[layout].append((want, got))
    return out


def goal_blocks(parsed_report, marks: str = "") -> dict[tuple, str]:
    """Each goal block's sections (目標, 取組内容, 成果, 課題 of one year), markup and spaces aside."""
    out: dict[tuple, list[str]] = defaultdict(list)
    for p in parsed_report.passages:
        if p.unit and p.programme is None:
            out[(p.unit.rsplit("-", 2)[-2], p.unit.rsplit("-", 1)[-1], p.section)].append(p.text)
    table = str.maketrans("", "", marks)
    return {k: compact("".join(v)).translate(table) for k, v in out.items()}


def metadata(parsed_report) -> tuple:
    d = parsed_report.document
    return (d.ward, d.fiscal_year_from, d.fiscal_year_to, d.doc_type)


def assert_goals_whole(pairs, layout: str) -> None:
    checked = 0
    for want, got in pairs:
        assert metadata(got) == metadata(want), want.document.source
        marks = ADDED_MARKS.get(layout, "")
        want_blocks, got_blocks = goal_blocks(want, marks), goal_blocks(got, marks)
        checked += len(want_blocks)
        differ = {k: (v[:50], got_blocks.get(k, "")[:50]) for k, v in want_blocks.items() if got_blocks.get(k) != v}
        assert not differ, (want.document.source, differ)
    assert checked > 40  # the four yearly reports hold ~56 goal sections


def test_a_report_printed_from_excel_across_landscape_pages_keeps_its_goals(parsed):
    """Rows split across pages under the table's header row printed again at each page's top."""
    assert_goals_whole(parsed["pdf_sheet_landscape"], "pdf_sheet_landscape")


def test_a_plain_text_export_with_bracketed_headings_keeps_its_goals_and_sections(parsed):
    assert_goals_whole(parsed["txt_bracketed"], "txt_bracketed")


def test_a_sheet_with_the_sections_as_columns_and_each_goal_merged_down_keeps_its_goals(parsed):
    assert_goals_whole(parsed["xlsx_section_columns"], "xlsx_section_columns")


def test_a_sheet_saved_by_excel_as_a_web_page_keeps_its_goals(parsed):
    assert_goals_whole(parsed["html_excel_web"], "html_excel_web")


def test_a_word_report_in_outline_headings_keeps_its_goals(parsed):
    assert_goals_whole(parsed["docx_outline"], "docx_outline")


@pytest.mark.parametrize("layout", sorted(RENDERERS))
def test_an_exported_report_keeps_each_judged_evidence_in_a_passage_of_its_ward(parsed, layout):
    evidence = []
    for path in JUDGED:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                evidence += [(ward, e["evidence"]) for ward, ev in q["relevant"].items() for e in ev]

    def holders(parses) -> dict[str, set[str]]:
        texts = [(p.ward, compact(p.text)) for report in parses for p in report.passages]
        return {ev: {w for w, t in texts if compact(ev) in t} for _w, ev in evidence}

    seeds = holders(want for want, _got in parsed[layout])
    relaid = holders(got for _want, got in parsed[layout])
    checked = [(ward, ev) for ward, ev in evidence if ward in seeds[ev]]
    assert len(checked) > 50
    assert not [(ward, ev) for ward, ev in checked if ward not in relaid[ev]]


def test_a_header_row_printed_again_between_a_cut_row_and_its_rest_is_left_out():
    header = "No.\t重点目標\t取組内容\t取組の成果"
    pages = [f"{header}\n1\t妊娠期からの支援に取り組む\t①講座を開催し、参加者の声を\t②区と共に周知を工夫し、",
             f"{header}\n\t\t聞いて改善します。\t利用が増えた。\n2\t次の目標\t内容\t成果"]
    joined = join_cut_rows(pages)
    assert joined[0].split("\n") == [header, "1\t妊娠期からの支援に取り組む\t①講座を開催し、参加者の声を聞いて改善します。"
                                             "\t②区と共に周知を工夫し、利用が増えた。"]
    assert joined[1].split("\n") == ["2\t次の目標\t内容\t成果"]
    # a header row at a page's top above a new row (nothing cut) stays: it heads that page's table
    fresh = [f"{header}\n1\t目標\t内容です。\t成果です。", f"{header}\n2\t次の目標\t内容\t成果"]
    assert join_cut_rows(fresh) == fresh


def test_a_preamble_sentence_that_names_the_report_is_kept_under_its_label_line():
    """「実施について」 on a line of its own and its prose below (Word headings, a text export):
    the prose says 「…今期5か年のまとめとしました。」 — a sentence, not the report's title."""
    text = ("西区地域子育て支援拠点事業 5か年のまとめ 実施概要\n実施目的\n今期5か年の事業を振り返り、成果や課題を整理します。\n"
            "実施時期\n令和7年8月\n実施について\n"
            "中間期には「有識者を交えた事業評価」を実施し、事業の運営に活かしました。"
            "今回は、その後の事業振り返りを加え、今期5か年のまとめとしました。\n"
            "【参考】拠点の7事業\n1 乳幼児の遊びと育ちの場及びその養育者の交流の場の提供(親子の居場所事業)\n")
    passages = parse_text(text, "a.docx", "s").passages
    assert [compact(p.text) for p in passages if "有識者" in p.text] == [compact(
        "実施について\n中間期には「有識者を交えた事業評価」を実施し、事業の運営に活かしました。"
        "今回は、その後の事業振り返りを加え、今期5か年のまとめとしました。")]


def test_a_goal_row_whose_words_a_printed_sheet_wrapped_onto_a_row_of_their_own_stays_one_goal():
    """A sheet printed to PDF: the goal's cell wrapped over two lines, its second line read as a
    row with no number under No. — the same goal going on, not a goal of its own."""
    text = ("泉区地域子育て支援拠点事業\n令和5年度重点目標評価結果\n\n令和5年度 重点目標\n"
            "No.\t重点目標\t取組内容\t取組の成果\t取組の課題\n"
            "1\t妊娠期からの支援について、父親への支援も意識しなが\t①区の専門職と共に講座を組み\t①講座を2回開催した。\t①周知が難しかった。\n"
            "\tら取り組みます。\t立てます。\t\t\n"
            "\t\t②夫婦向けの事業を開催します。\t②参加者が増えた。\t②会場を検討する。\n"
            "2\t横浜子育てサポートシステムについて取り組みます。\t①説明会を開きます。\t①会員が増えた。\t①周知を続ける。\n")
    passages = parse_text(text, "a.pdf", "s").passages
    goals = [(p.goal_no, p.text) for p in passages if p.section == "目標"]
    assert goals == [(1, "妊娠期からの支援について、父親への支援も意識しながら取り組みます。"),
                     (2, "横浜子育てサポートシステムについて取り組みます。")]
    first = {p.section: compact(p.text) for p in passages if p.goal_no == 1}
    assert first["取組内容"] == compact("①区の専門職と共に講座を組み立てます。②夫婦向けの事業を開催します。")
    assert first["取組の成果"] == compact("①講座を2回開催した。②参加者が増えた。")
