"""Reports extracted as one long line (no line breaks, as some PDF or web extractions
give them) parse in time about proportional to their size, with the same records.

A line naming a ward thousands of times once took minutes: every mention looked back
over the whole line for a city named before it. The tests compare the CPU time of a
text with that of one eight times smaller in the same test (no absolute timing): linear
work gives a ratio near 8, the old quadratic look-back gave 50 and more.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indexer import records
from indexer.parse import parse_text

SEEDS = Path(__file__).resolve().parent.parent / "corpus"
# A generous bound for 8 times the text: linear work is ~8, quadratic work ~64.
MAX_RATIO_FOR_8X = 16


def _one_line(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _cpu_seconds(text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        parse_text(text, "long_line.txt", "longline")
        best = min(best, time.process_time() - start)
    return best


def _growth(unit: str, small_chars: int) -> float:
    """CPU time of parsing 8x the text over that of the small text (best of a few runs each)."""
    small = _cpu_seconds(_one_line(unit, small_chars), repeats=5)
    large = _cpu_seconds(_one_line(unit, small_chars * 8), repeats=3)
    return large / max(small, 1e-3)


@pytest.mark.parametrize("unit", [
    "泉区の取組、",  # a ward named over and over
    "相模原市緑区、",  # a ward written after another city
    "横浜市 泉区の取組、",  # a ward written after 横浜市 and a space
    "さいたま市 緑区、",  # a ward after a city written in kana
])
def test_a_one_line_text_naming_a_ward_thousands_of_times_parses_in_linear_time(unit):
    assert _growth(unit, 5_000) <= MAX_RATIO_FOR_8X


def test_a_seed_report_run_into_one_line_parses_in_linear_time():
    seed = "".join(next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8").splitlines())
    assert _growth(seed, 10_000) <= MAX_RATIO_FOR_8X


def test_a_one_line_text_still_reads_the_ward_it_names():
    assert parse_text(_one_line("泉区の取組、", 60_000), "a.txt", "a").document.ward == "泉区"
    assert parse_text(_one_line("横浜市 緑区の取組、", 60_000), "a.txt", "a").document.ward == "緑区"


def test_a_one_line_text_naming_another_citys_ward_is_that_citys():
    # 相模原市緑区 over and over: the city's ward, not Yokohama's 緑区
    assert parse_text(_one_line("相模原市緑区の取組、", 60_000), "a.txt", "a").document.ward == "相模原市"
    # (a kana city, with spaces before its ward: still not Yokohama's 緑区)
    assert parse_text(_one_line("さいたま市 　緑区の取組、", 60_000), "a.txt", "a").document.ward != "緑区"


def test_a_report_with_thousands_of_goal_headings_parses_in_linear_time():
    # (each goal's passages were once gathered by reading every goal's sections again)
    assert _growth("重点目標1\n取組内容\n成果\n課題\n", 6_000) <= MAX_RATIO_FOR_8X


def test_a_report_repeating_its_goal_numbers_keeps_every_goal():
    # 目標1 after goal 1's sections, again and again (one site's goals after another's):
    # each is a goal of its own, numbered on
    text = "令和5年度重点目標の評価\n" + "目標1：居場所づくり\n取組内容：ひろばを開いた\n成果：親子が来た\n課題：人手\n" * 40
    goals = [p for p in parse_text(text, "a.txt", "a").passages if p.section == records.GOAL]
    assert sorted(p.goal_no for p in goals) == list(range(1, 41))
