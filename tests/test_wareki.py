"""Japanese era years as users and reports write them all become western fiscal years."""

import pytest

from indexer.wareki import find_years, parse_year, western_to_label, year_label


@pytest.mark.parametrize("text,expected", [
    ("令和5年度", 2023), ("令和５年度", 2023), ("R5", 2023), ("R5年度", 2023), ("Ｒ５", 2023),
    ("平成31年度", 2019), ("令和元年度", 2019), ("令和元年", 2019), ("2019年度", 2019),
    ("平成30年度", 2018), ("H30", 2018), ("令和7年度", 2025), ("２０２３年度", 2023),
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
