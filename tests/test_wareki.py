"""Japanese era years as users and reports write them all become western fiscal years."""

import pytest

from indexer.wareki import find_years, parse_year, western_to_label, year_label


@pytest.mark.parametrize("text,expected", [
    ("令和5年度", 2023), ("令和５年度", 2023), ("R5", 2023), ("R5年度", 2023), ("Ｒ５", 2023),
    ("平成31年度", 2019), ("令和元年度", 2019), ("令和元年", 2019), ("2019年度", 2019),
    ("平成30年度", 2018), ("H30", 2018), ("令和7年度", 2025), ("２０２３年度", 2023),
    ("令5", 2023), ("令５年度", 2023), ("平30", 2018), ("令元年度", 2019),
])
def test_year_forms_map_to_the_same_fiscal_year(text, expected):
    assert parse_year(text) == (expected, expected)


def test_era_range_with_implied_era_covers_five_years():
    [mention] = find_years("対象期間	令和3年度～7年度(5か年)")
    assert (mention.year_from, mention.year_to) == (2021, 2025)


def test_text_without_year_gives_none():
    assert parse_year("abc") is None
    assert parse_year("") is None
    assert find_years("多胎児の支援") == []


def test_labels_show_both_calendars():
    assert western_to_label(2019) == "令和元年度"
    assert western_to_label(2018) == "平成30年度"
    assert year_label(2023, 2023) == "令和5年度（2023年度）"
    assert year_label(2021, 2025) == "令和3年度～令和7年度（2021～2025年度）"


@pytest.mark.parametrize("text,reason", [
    ("令和99年度", "指定できるのは令和元〜"), ("令和0年度", "指定できるのは令和元〜"), ("R0", "指定できるのは令和元〜"),
    ("平成32年度", "平成は元〜31年度"), ("H40", "平成は元〜31年度"), ("昭和65年", "昭和は元〜64年度"),
])
def test_a_typed_era_year_outside_its_era_is_refused_with_the_valid_range(text, reason):
    from indexer.wareki import YearOutOfRange

    with pytest.raises(YearOutOfRange, match=reason):
        parse_year(text)


@pytest.mark.parametrize("text,year", [("平成31年度", 2019), ("H31", 2019), ("昭和64年", 1989), ("令和元年度", 2019)])
def test_the_last_and_first_years_of_each_era_are_real(text, year):
    assert parse_year(text) == (year, year)


def test_queries_get_impossible_years_reported_while_documents_keep_them_as_written():
    invalid = []
    mentions = find_years("令和99年度 多胎児 R5", invalid=invalid)
    assert [(m.year_from, m.label) for m in mentions] == [(2023, "R5")]
    assert len(invalid) == 1 and "令和99年度は解釈できません" in invalid[0].label
    # a plan written before 2019 names 平成32年度 (= 2020); documents keep it
    assert [(m.year_from, m.year_to) for m in find_years("平成32年度までの計画")] == [(2020, 2020)]


@pytest.mark.parametrize("text", ["法令5条", "水平2方向", "平均3回", "昭和"])
def test_an_era_kanji_inside_another_word_is_not_a_year(text):
    assert find_years(text) == []
