"""Documents of other kinds and other places get honest metadata and stay searchable.

Four short realistic documents (tests/data/other_docs/): another city's 事務事業評価
シート, a 施策評価 web page, a hub's own report with goals numbered "1." and no
ward in its text, and a report whose only years are 西暦. A ward is right or
unknown, never a word that happens to end in 区; a fiscal year is right or
unknown, never the span of every year mentioned.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import metadata, records, wareki
from indexer.parse import parse_file, parse_text

DOCS = Path(__file__).resolve().parent / "data" / "other_docs"
NOT_WARDS = {"事業区", "交付区", "評価区", "地区", "川崎区", "幸区", "中原区", "緑区", "南区", "中央区"}


def parsed(name):
    return parse_file(DOCS / name)


def sections(result):
    found = {}
    for p in result.passages:
        found.setdefault((p.fiscal_year_from, p.goal_no, p.section), []).append(p.text)
    return found


def test_another_citys_evaluation_sheet_is_filed_under_that_city_and_its_stated_year():
    result = parsed("kawasaki_jimu_jigyo_hyoka_sheet.txt")
    doc = result.document
    assert doc.ward == "川崎市"  # not 川崎区 (a ward of 川崎市), nor 事業区分 / 交付区分 / 評価区分
    assert (doc.fiscal_year_from, doc.fiscal_year_to) == (2022, 2022)  # 評価対象年度 令和4年度
    assert doc.doc_type == records.UNKNOWN
    assert any("ふたごの日" in p.text for p in result.passages)


def test_a_sheet_without_a_stated_period_has_an_unknown_year_not_the_span_of_its_years():
    text = (DOCS / "kawasaki_jimu_jigyo_hyoka_sheet.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n")
                     if not line.startswith(("評価対象年度", "事務事業評価シート")))
    result = parse_text(text, "sheet.txt", "sheet")
    assert result.document.ward == "川崎市"
    assert (result.document.fiscal_year_from, result.document.fiscal_year_to) == (None, None)
    assert result.passages and all(p.fiscal_year_from is None for p in result.passages)


def test_a_policy_evaluation_web_page_of_another_city_names_the_city_and_no_year():
    result = parsed("sagamihara_shisaku_hyoka.html")
    doc = result.document
    assert doc.ward == "相模原市"  # its 緑区 / 南区 / 中央区 are that city's wards, not Yokohama's
    assert doc.fiscal_year_from is None and doc.fiscal_year_to is None  # mentions 平成2年, 2020年, 令和元年度 only
    texts = [p.text for p in result.passages]
    assert any("多胎児交流会" in t for t in texts)
    assert any("提供会員が不足" in t for t in texts)


def test_a_hub_report_without_a_ward_keeps_its_numbered_goals_and_an_unknown_ward():
    result = parsed("hub_site_r3_goals_numbered.txt")
    doc = result.document
    assert doc.ward is None  # 地区センター / 地区社協 / 18区 / 区内 name no ward
    assert (doc.fiscal_year_from, doc.fiscal_year_to) == (2021, 2021)  # 令和3年度 重点目標と取組の成果・課題
    assert doc.doc_type == records.YEARLY
    assert doc.operator == "NPO法人ぽかぽか"  # from "（運営：NPO法人ぽかぽか）", bracket not taken
    found = sections(result)
    for n in (1, 2, 3):
        for kind in (records.GOAL, records.CONTENT, records.OUTCOME, records.ISSUE):
            assert (2021, n, kind) in found, (n, kind, sorted(found))
    assert found[(2021, 2, records.GOAL)][0].startswith("多様な家庭が気軽に訪れ")
    assert any("多胎児家庭の日" in t for t in found[(2021, 2, records.CONTENT)])
    assert any("父親同士のグループ" in t for t in found[(2021, 2, records.OUTCOME)])
    units = {p.unit for p in result.passages if p.goal_no == 3}
    assert units == {f"{doc.doc_id}-y2021-g3"}


def test_a_report_written_only_in_western_years_keeps_its_years_goals_and_sections():
    result = parsed("sakae_western_years_only.txt")
    doc = result.document
    assert doc.ward == "栄区"
    assert doc.operator == "特定非営利活動法人 さかえの木"
    assert doc.doc_type == records.YEARLY
    assert (doc.fiscal_year_from, doc.fiscal_year_to) == (2022, 2023)
    found = sections(result)
    for n in (1, 2):
        for kind in (records.GOAL, records.CONTENT, records.OUTCOME, records.ISSUE):
            assert (2022, n, kind) in found, (n, kind, sorted(found))
        assert (2023, n, records.NEXT_GOAL) in found and (2023, n, records.CONTENT) in found
    assert any("ふたごの会" in t for t in found[(2022, 2, records.CONTENT)])
    assert any("動画での紹介" in t for t in found[(2022, 1, records.ISSUE)])


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.iterdir()))
def test_no_document_gets_a_fragment_ending_in_ku_as_its_ward(name):
    ward = parsed(name).document.ward
    assert ward is None or ward in metadata.YOKOHAMA_WARDS or ward.endswith(("市", "町", "村"))
    assert ward not in NOT_WARDS


@pytest.mark.parametrize("text,ward", [
    ("川崎市川崎区地域子育て支援センター事業の評価\n交流会を開いた。", "川崎市"),
    ("相模原市緑区のこどもセンター 事業報告書\n交流会を開いた。", "相模原市"),
    ("事業区分\t補助事業\n交付区分\t市単独\n評価区分\t継続\n", None),
    ("地区センターで交流会を開いた。地区社協とも連携した。", None),
    ("横浜市泉区地域子育て支援拠点事業\n令和5年度重点目標評価結果", "泉区"),
    ("葉山町 子育て支援センター事業評価シート\n交流会を開いた。", "葉山町"),
    ("事業の実施者\tNPO法人 北町子育てネット\n交流会を開いた。", None),  # an operator's name, not a town
    # no title or signature: the place the text names most, a ward after another city being that city's
    ("子育て支援の取組\n相模原市緑区のこどもセンターで交流会を開いた。相模原市南区でも開いた。\n緑区の中山間地域。",
     "相模原市"),
    ("子育て支援の取組\n港北区の拠点で交流会を開いた。川崎市の事例を参考にした。港北区全体に広げる。", "港北区"),
    ("子育て支援の取組\n大都市の子育て世帯は孤立しやすい。政令市の拠点事業。", None),
])
def test_a_ward_is_one_of_yokohamas_eighteen_or_a_named_municipality(text, ward):
    assert metadata.find_ward(text) == ward


@pytest.mark.parametrize("text,years", [
    ("事業実施期間\t2023年4月1日～2024年3月31日", (2023, 2023)),
    ("事業実施期間\t令和5年4月1日～令和6年3月31日(1年度目／5か年度)", (2023, 2023)),
    ("対象期間\t2021～2025年度(5か年)", (2021, 2025)),
    ("評価対象年度\tR4", (2022, 2022)),
    ("対象期間\n2019/4/1～2020/3/31", (2019, 2019)),
    ("平成2年度に開始し、2020年に見直した。令和元年度の水準に戻った。", None),
])
def test_the_period_comes_from_the_period_line_and_dates_fall_in_their_fiscal_year(text, years):
    mention = metadata.find_period(text)
    assert (mention.year_from, mention.year_to) == years if years else mention is None


def test_a_january_to_march_date_belongs_to_the_previous_fiscal_year():
    [end] = wareki.find_years("2024年3月31日")
    [start] = wareki.find_years("2023年4月1日")
    assert (start.year_from, end.year_from) == (2023, 2023)


LISTED_GOALS = """令和3年度 重点目標と取組の成果・課題
1. 妊娠期からの支援を充実します。
2. 多様な家庭の居場所をつくります。
取組内容
1. 沐浴体験を毎月開催した。
2. 多胎児の日を設けた。
成果
1. 延べ96組が参加した。
2. 父親同士のグループができた。
課題
1. 就労中の妊婦への案内が不十分。
2. 多言語での発信が必要。
"""

GOALS_WITH_THEIR_SECTIONS = """令和4年度重点目標の評価
重点目標
1. 妊娠期からの支援を充実します。
取組内容
・沐浴体験を毎月開催した。
取組の成果
・延べ96組が参加した。
取組の課題
・就労中の妊婦への案内が不十分。
2. 多様な家庭の居場所をつくります。
取組内容
(1) 多胎児の日を設けた。
(2) 父親の日を設けた。
取組の成果
・父親同士のグループができた。
取組の課題
・多言語での発信が必要。
次年度重点目標
1. 地域とのつながりを広げます。
取組内容
・地域のサロンに出向く。
2. 担い手を育てます。
取組内容
・ボランティア講座を開く。
"""


def test_goals_numbered_1_and_listed_before_their_sections_are_split_per_goal():
    found = sections(parse_text(LISTED_GOALS, "listed.txt", "listed"))
    assert found[(2021, 2, records.GOAL)] == ["多様な家庭の居場所をつくります。"]
    assert found[(2021, 2, records.CONTENT)] == ["2. 多胎児の日を設けた。"]
    assert found[(2021, 1, records.ISSUE)] == ["1. 就労中の妊婦への案内が不十分。"]


def test_goals_numbered_1_each_followed_by_its_sections_keep_their_own_sections():
    found = sections(parse_text(GOALS_WITH_THEIR_SECTIONS, "blocks.txt", "blocks"))
    assert found[(2022, 1, records.ISSUE)] == ["・就労中の妊婦への案内が不十分。"]
    assert found[(2022, 2, records.GOAL)] == ["多様な家庭の居場所をつくります。"]
    assert found[(2022, 2, records.CONTENT)] == ["(1) 多胎児の日を設けた。\n(2) 父親の日を設けた。"]
    assert found[(2023, 2, records.NEXT_GOAL)] == ["担い手を育てます。"]
    assert found[(2023, 2, records.CONTENT)] == ["・ボランティア講座を開く。"]


@pytest.mark.parametrize("title", ["5か年のまとめ", "5カ年のまとめ", "5ヶ年のまとめ", "五か年のまとめ",
                                   "5年間のまとめ", "5 か 年 の ま と め"])
def test_a_five_year_summary_is_recognised_however_the_five_years_are_written(title):
    text = f"西区地域子育て支援拠点事業 {title}\n対象期間\t令和3年度～7年度\n"
    assert metadata.find_doc_type(text) == records.FIVE_YEAR


def test_a_yearly_report_mentioning_a_five_year_summary_in_passing_stays_yearly():
    text = ("泉区地域子育て支援拠点事業\n令和5年度重点目標評価結果\n"
            "令和5年度 重点目標①\t次期の5か年のまとめに向けて、妊娠期からの支援を進めます。\n")
    assert metadata.find_doc_type(text) == records.YEARLY


def test_goals_without_a_year_take_the_fiscal_year_of_the_period_line():
    text = ("泉区地域子育て支援拠点事業\n事業実施期間\t2023年4月1日～2024年3月31日\n"
            "重点目標①\t妊娠期からの支援を進めます。\n取組内容\t沐浴体験を開いた。\n"
            "次年度重点目標\n重点目標①\t父親支援を進めます。\n取組内容\tパパ講座を開く。\n")
    result = parse_text(text, "period.txt", "period")
    assert (result.document.fiscal_year_from, result.document.fiscal_year_to) == (2023, 2024)
    found = sections(result)
    assert (2023, 1, records.GOAL) in found and (2023, 1, records.CONTENT) in found
    assert (2024, 1, records.NEXT_GOAL) in found


def test_the_next_numbered_goal_is_recognised_even_when_every_section_numbers_its_items():
    text = ("令和4年度重点目標の評価\n重点目標\n1. 妊娠期からの支援を充実します。\n"
            "取組内容\n1. 沐浴体験を毎月開催した。\n2. 両親教室で紹介した。\n取組の成果\n1. 延べ96組が参加した。\n"
            "取組の課題\n1. 就労中の妊婦への案内が不十分。\n"
            "2. 多様な家庭の居場所をつくります。\n取組内容\n1. 多胎児の日を設けた。\n"
            "取組の成果\n1. 父親同士のグループができた。\n取組の課題\n1. 多言語での発信が必要。\n")
    found = sections(parse_text(text, "numbered.txt", "numbered"))
    assert found[(2022, 1, records.CONTENT)] == ["1. 沐浴体験を毎月開催した。\n2. 両親教室で紹介した。"]
    assert found[(2022, 1, records.ISSUE)] == ["1. 就労中の妊婦への案内が不十分。"]
    assert found[(2022, 2, records.GOAL)] == ["多様な家庭の居場所をつくります。"]
    assert found[(2022, 2, records.ISSUE)] == ["1. 多言語での発信が必要。"]


def test_a_year_alone_in_a_table_cell_stays_in_its_section():
    text = ("令和5年度重点目標の評価\n令和5年度 重点目標①\t多胎児家庭を支えます。\n"
            "取組の成果\tふたごの会の参加者が増えた。\n令和4年度\n12組\n令和5年度\n31組\n"
            "取組の課題\t訪問型支援との連携が必要。\n")
    found = sections(parse_text(text, "cells.txt", "cells"))
    assert found[(2023, 1, records.OUTCOME)] == ["ふたごの会の参加者が増えた。\n令和4年度\n12組\n令和5年度\n31組"]


GOAL_TABLE = """港北区地域子育て支援拠点事業
令和5年度重点目標の評価
重点目標\t取組内容\t取組の成果\t取組の課題
①妊娠期から地域とつながる支援\t・沐浴体験を開いた。\t・参加者が増えた。\t・就労中の妊婦への周知。
②多様な家庭の居場所\t・多胎児の日を設けた。 ・父親の日を設けた。\t・父親のグループができた。\t・多言語の発信。

次年度重点目標
重点目標\t取組内容
①地域とのつながりを広げます。\t・サロンに出向く。
"""


@pytest.mark.parametrize("shape", ["tabs", "pipes"])
def test_a_goal_table_with_one_column_per_section_gives_one_goal_block_per_row(shape):
    text = GOAL_TABLE if shape == "tabs" else GOAL_TABLE.replace("\t", " | ")
    result = parse_text(text, "table.txt", "table")
    found = sections(result)
    assert found[(2023, 1, records.GOAL)] == ["妊娠期から地域とつながる支援"]
    assert found[(2023, 2, records.CONTENT)] == ["・多胎児の日を設けた。\n・父親の日を設けた。"]
    assert found[(2023, 2, records.OUTCOME)] == ["・父親のグループができた。"]
    assert found[(2023, 1, records.ISSUE)] == ["・就労中の妊婦への周知。"]
    assert found[(2024, 1, records.NEXT_GOAL)] == ["地域とのつながりを広げます。"]
    assert found[(2024, 1, records.CONTENT)] == ["・サロンに出向く。"]
    assert {p.unit for p in result.passages if p.fiscal_year_from == 2023 and p.goal_no == 2} == {"table-y2023-g2"}
