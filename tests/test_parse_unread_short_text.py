"""Text a report's structure reader passes over that does not end in 「。」 (parser33): a table of
figures or a list of short items stays searchable, with the same warning as passed-over
sentences — but text a passage already holds (in its own order, an indicator table read with its
header) and the city's standard lists the parser leaves out on purpose are not kept again."""
from __future__ import annotations

from indexer import parse, records, yearly

KEPT = "区分なしの段落として索引しました"

_REPORT = ("泉区地域子育て支援拠点事業\n令和5年度 重点目標の評価\n重点目標1\t親子の居場所をつくる。\n"
           "取組内容\t毎週の集まりを開いた。\n"
           "取組の成果\t参加した親子が互いに声をかけるようになった。\n"
           "利用状況\t令和4年度\t令和5年度\n"
           "延べ利用者数\t12,345人\t13,570人\n"
           "父親の利用\t896人\t1,146人\n"
           "開いた講座\n"
           "・ベビーマッサージ講座\n"
           "・パパと遊ぼう土曜ひろば\n"
           "・離乳食の進め方を学ぶ会\n"
           "取組の課題\t午後の参加が少なく、午後の行事を考える必要がある。\n")


def _passes_over_the_outcome(monkeypatch):
    real = yearly.build
    outcome = ("取組の成果", "利用状況", "延べ利用者数", "父親の利用", "開いた講座", "・")

    def reader(doc, rows, found, builder):
        # a reader that does not know a layout: it reads the goal and passes over its outcome
        real(doc, [r for r in rows if not r.text.startswith(outcome)], found, builder)

    monkeypatch.setattr(yearly, "build", reader)


def _kept(parsed):
    return "\n".join(p.text for p in parsed.passages if p.section == records.OTHER)


def test_a_table_of_figures_the_reader_passes_over_stays_searchable_with_a_warning(monkeypatch):
    _passes_over_the_outcome(monkeypatch)
    parsed = parse.parse_text(_REPORT, "x.txt", "x")
    kept = _kept(parsed)
    assert "延べ利用者数" in kept and "13,570人" in kept and "1,146人" in kept
    assert any(KEPT in w for w in parsed.document.warnings)
    assert all(p.ward == "泉区" and p.fiscal_year_from == 2023
               for p in parsed.passages if p.section == records.OTHER)


def test_a_list_of_short_items_the_reader_passes_over_stays_searchable_with_a_warning(monkeypatch):
    _passes_over_the_outcome(monkeypatch)
    parsed = parse.parse_text(_REPORT, "x.txt", "x")
    kept = _kept(parsed)
    assert "ベビーマッサージ講座" in kept and "パパと遊ぼう土曜ひろば" in kept and "離乳食の進め方を学ぶ会" in kept
    assert any(KEPT in w for w in parsed.document.warnings)


def test_figures_and_short_items_a_passage_holds_are_not_kept_again():
    parsed = parse.parse_text(_REPORT, "x.txt", "x")
    assert not [p for p in parsed.passages if p.section == records.OTHER]
    assert parsed.document.warnings == []
    outcome = "\n".join(p.text for p in parsed.passages if p.section == records.OUTCOME)
    assert "13,570人" in outcome and "ベビーマッサージ講座" in outcome


def test_an_indicator_table_held_in_the_goals_text_with_its_header_is_not_kept_again():
    text = ("西区地域子育て支援拠点事業\n令和2年度 重点目標の評価\n"
            "重点目標1\tオンラインで相談できる場をつくる。\n"
            "指標\t目標値\t実績\nオンライン相談の件数\t年40件\t年52件\n"
            "取組内容\tオンライン相談を週一回行った。\n取組の成果\t妊婦からの申込みがあった。\n"
            "取組の課題\t夜の相談日がない。\n")
    parsed = parse.parse_text(text, "x.txt", "x")
    assert sum("年52件" in p.text for p in parsed.passages) == 1
    assert parsed.document.warnings == []


def test_the_citys_standard_lists_left_out_are_not_kept_as_passed_over_text():
    text = ("泉区地域子育て支援拠点事業\n令和5年度重点目標評価結果\n"
            "事業の内容\n"
            "・乳幼児の遊びと育ちの場及びその養育者の交流の場の提供(親子の居場所事業)\n"
            "・子育てに関する相談及び関係機関との連携に関すること(子育て相談事業)\n"
            "・子育てに関する情報の収集及び提供に関すること(情報収集・提供事業)\n"
            "令和5年度 重点目標の評価\n重点目標1\t親子の居場所をつくる。\n取組内容\t毎週の集まりを開いた。\n"
            "取組の成果\t参加した親子が互いに声をかけるようになった。\n取組の課題\t午後の参加が少ない。\n")
    parsed = parse.parse_text(text, "x.txt", "x")
    assert not any("乳幼児の遊びと育ちの場" in p.text for p in parsed.passages)
    assert parsed.document.warnings == []
