"""A report's preamble in prose (実施目的, 実施について, 事業目的, 基本理念, 事業の内容) is
read as overview passages: searchable and cited, with a ward's own prose apart from the
city's standard lists, while the metadata rows (対象期間, 事業の実施者, 実施時期) stay
metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import headings, records
from indexer.parse import parse_file, parse_text
from benchmarks.variants import text_variants

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FIVE_YEAR = CORPUS / "002_1e0f9424e05a3b67.txt"   # 西区's five-year summary
YEARLY_CELLS = CORPUS / "000_8f4773b09691ae88.txt"  # 泉区: label | value cells
YEARLY_LINES = CORPUS / "001_c1c139b861364dac.txt"  # 中区: label and value on lines


def _overview(parsed) -> list[records.Passage]:
    return [p for p in parsed.passages if p.section == records.OVERVIEW]


def test_a_five_year_summarys_jisshi_ni_tsuite_is_a_passage_citing_its_report_lines():
    parsed = parse_file(FIVE_YEAR)
    source = FIVE_YEAR.read_text(encoding="utf-8").splitlines()
    found = [p for p in _overview(parsed) if "有識者を交えた事業評価" in p.text]
    assert len(found) == 1
    p = found[0]
    assert p.text.startswith("実施について")
    assert p.ward == "西区" and p.source_file == FIVE_YEAR.name
    assert "有識者を交えた事業評価" in "\n".join(source[p.line_start - 1:p.line_end])
    assert (p.fiscal_year_from, p.fiscal_year_to) == (2021, 2025)
    assert p.unit is None  # outside any goal or programme block


def test_the_ward_prose_is_a_passage_apart_from_the_standard_seven_programme_list_which_is_none():
    overview = _overview(parse_file(FIVE_YEAR))
    prose = next(p for p in overview if "有識者" in p.text)
    assert "拠点の7事業" not in prose.text and "親子の居場所事業" not in prose.text
    assert not any("拠点の7事業" in p.text or "親子の居場所事業" in p.text for p in overview)
    assert any(p.text.startswith("実施目的") for p in overview)


@pytest.mark.parametrize("path", [YEARLY_CELLS, YEARLY_LINES], ids=["cells", "lines"])
def test_a_yearly_reports_jigyo_mokuteki_is_a_passage_without_the_citys_standard_lists(path):
    overview = _overview(parse_file(path))
    purpose = [p for p in overview if p.text.startswith("事業目的")]
    assert len(purpose) == 1 and "地域力の創出" in purpose[0].text
    texts = "\n".join(p.text for p in parse_file(path).passages)
    # 基本理念, the seven programmes and how evaluations are published: the same in every
    # ward's report, they make no passage (docs/quality.md: they cost held-out recall)
    for standard in ("基本理念", "開かれた運営", "乳幼児の遊びと育ちの場", "評価結果の公表方法"):
        assert standard not in texts, (path.name, standard)


def test_the_citys_standard_lists_are_told_from_a_reports_own_prose_by_their_label():
    for label in ("事業の内容", "【参考】拠点の7事業", "【事業・施設運営の基本理念】", "事 業 の 内 容",
                  "事業の評価実施方法及び評価結果の公表方法"):
        assert headings.is_standard_list(label), label
    for label in ("事業目的", "実施目的", "実施について", "取組内容"):
        assert not headings.is_standard_list(label), label


def test_the_preambles_metadata_rows_stay_metadata_and_make_no_passage():
    for path in (FIVE_YEAR, YEARLY_CELLS, YEARLY_LINES):
        parsed = parse_file(path)
        texts = "\n".join(p.text for p in parsed.passages)
        for label in ("対象期間", "事業の実施者", "実施時期", "事業実施期間"):
            assert label not in texts, (path.name, label)
        assert parsed.document.operator  # still read by the detectors


def test_a_sentence_starting_like_a_preamble_label_is_running_text_not_an_overview():
    text = ("中区地域子育て支援拠点事業\n平成31年度重点目標評価結果\n\n平成31年度重点目標の評価\n"
            "平成31年度 重点目標①\t妊娠期からの支援に取り組みます。\n取組内容\n・講座を開催した。\n"
            "事業目的に叶うことを確認した。\n")
    parsed = parse_text(text, "x.txt", "doc")
    assert not _overview(parsed)
    content = [p for p in parsed.passages if p.section == records.CONTENT]
    assert any("事業目的に叶う" in p.text for p in content)


def test_a_letter_spaced_preamble_label_gives_the_same_overview_passages():
    for path in (YEARLY_LINES, FIVE_YEAR):
        text = path.read_text(encoding="utf-8")
        seed = [p.text.replace(" ", "") for p in _overview(parse_text(text, path.name, "doc"))]
        spread = [p.text.replace(" ", "")
                  for p in _overview(parse_text(text_variants(text)["letter_spaced"], path.name, "doc"))]
        assert seed and spread == seed, path.name


def test_a_pdf_cell_whose_paragraphs_ran_together_still_keeps_the_standard_lists_out_of_the_prose():
    text = ("泉区地域子育て支援拠点事業\n令和5年度重点目標評価結果・令和6年度重点目標\n\n"
            "事業目的\t市民が安心して子どもを生み育て、子育てに喜びを感じることができる社会環境を形成し、"
            "地域力の創出に寄与することを目的とします。【事業・施設運営の基本理念】1 泉区における、地域による"
            "子育て支援の拠点施設としての運営 2 子どもの視点に立ち、すべての就学前児童に開かれた運営\n"
            "実施について\t中間期には有識者を交えた事業評価を実施しました。【参考】拠点の7事業1 乳幼児の遊びと"
            "育ちの場及びその養育者の交流の場の提供(親子の居場所事業)\n\n"
            "令和5年度重点目標の評価\n令和5年度 重点目標①\t妊娠期からの支援に取り組みます。\n取組内容\t講座を開催した。\n")
    overview = _overview(parse_text(text, "x.pdf", "doc"))
    assert [p.text.split("\n")[0] for p in overview] == ["事業目的", "実施について"]
    assert overview[0].text.endswith("目的とします。") and overview[1].text.endswith("実施しました。")
