"""Hostile-but-legal text is read in linear time (regex20): a long run of blanks, digits or marks
in a cell, a line, a PDF form field or the year filter used to be searched from every start of the
run (seconds at 30,000 characters, quadratic); the rewritten patterns match exactly as before
(benchmarks/regex_equiv.py) and take milliseconds.

No absolute timing: each test compares the CPU time of a run eight times longer with that of
the shorter run, in the same test. Linear work grows about 8 times, the old quadratic search
about 64 times. A millisecond is added to both sides so that timer noise on calls that take
microseconds cannot make a ratio."""

import time

from indexer import goaltables, ratings, wardparts
from indexer.load import pdf_forms
from search_app.web import pages

N = 32_000
MAX_GROWTH_FOR_8X = 16   # linear ~8 (less with the added millisecond), quadratic ~64
NOISE = 0.001            # seconds added to both sides of the ratio


def _cpu(fn, arg, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - start)
    return best


def _growth(fn, make) -> float:
    """CPU time of ``fn(make(N))`` over that of ``fn(make(N // 8))``."""
    small = _cpu(fn, make(N // 8), repeats=5)
    large = _cpu(fn, make(N), repeats=2)
    return (large + NOISE) / (small + NOISE)


def test_year_filter_of_a_long_run_of_blanks_answers_in_linear_time():
    assert _growth(pages.split_year, lambda n: " " * n + "x") < MAX_GROWTH_FOR_8X
    lo, hi = pages.split_year(" " * N + "x")
    assert lo == hi  # not a range: the value stays one year, as typed


def test_year_filter_range_still_splits():
    assert pages.split_year("2021 ～ 2023") == ("2021", "2023")


def test_goal_rating_line_of_blanks_or_marks_is_read_in_linear_time():
    for run in (" ", "・"):
        assert _growth(ratings.goal_grade, lambda n, run=run: run * n + "x") < MAX_GROWTH_FOR_8X
        assert ratings.goal_grade(run * N + "x") is None


def test_goal_rating_after_a_long_run_of_marks_is_still_read():
    assert _growth(ratings.goal_grade, lambda n: "・" * n + "自己評価：Ｂ") < MAX_GROWTH_FOR_8X
    assert ratings.goal_grade("・" * N + "自己評価：Ｂ") is not None


def test_a_line_of_many_rating_labels_and_grades_is_read_in_linear_time_and_rates_nothing():
    # (自己評価：◎　第三者評価：○ rates by each evaluator; a line of thousands of such pairs is no
    # rating line, and reading it does not go on pair after pair)
    assert _growth(ratings.goal_grade, lambda n: "評価 A " * (n // 4)) < MAX_GROWTH_FOR_8X
    assert ratings.goal_grade("評価 A " * (N // 4)) is None
    assert ratings.goal_grades("〇" * N + "x") is None


def test_both_evaluators_line_of_blanks_is_read_in_linear_time():
    for head in ("", "法人：A　区：B"):
        assert _growth(ratings.who_grades_line, lambda n, head=head: head + " " * 2 * n + "x") < MAX_GROWTH_FOR_8X
        assert ratings.who_grades_line(head + " " * 2 * N + "x") is None
    assert ratings.who_grades_line("法人：A／区：B") == {"法人": "A", "区": "B"}


def test_row_ending_in_a_long_run_of_blanks_has_no_trailing_grades_in_linear_time():
    growth = _growth(ratings.TRAILING_GRADES.search, lambda n: "している。" + " " * n + "x")
    assert growth < MAX_GROWTH_FOR_8X
    assert ratings.TRAILING_GRADES.search("している。" + " " * N + "x") is None
    assert ratings.TRAILING_GRADES.search("している。 A B").group(0) == " A B"


def test_header_cell_of_blanks_before_a_note_is_read_in_linear_time():
    assert _growth(goaltables.noted_or_joined, lambda n: " " * n + "x") < MAX_GROWTH_FOR_8X


def test_form_field_appearance_of_a_long_run_of_digits_is_read_in_linear_time():
    assert _growth(pdf_forms.FONT_SIZE.search, lambda n: "1" * n + " x") < MAX_GROWTH_FOR_8X
    assert pdf_forms.FONT_SIZE.search("1" * N + " x") is None
    assert pdf_forms.FONT_SIZE.search("/Helv 10.5 Tf 0 g").group(1) == "10.5"


def test_line_of_unclosed_tags_after_a_ward_heading_is_read_in_linear_time():
    assert _growth(wardparts.unmarked, lambda n: "<a" * (n // 2)) < MAX_GROWTH_FOR_8X
    assert wardparts.unmarked("<a" * (N // 2)) == "<a" * (N // 2)
    assert wardparts.unmarked("<b>鶴見区</b>\t<i") == "鶴見区\t<i"
