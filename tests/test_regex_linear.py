"""Hostile-but-legal text is read in linear time (regex20): a long run of blanks, digits or marks
in a cell, a line, a PDF form field or the year filter used to be searched from every start of the
run (seconds at 30,000 characters, quadratic); the rewritten patterns match exactly as before
(benchmarks/regex_equiv.py) and take milliseconds."""

import time

from indexer import goaltables, ratings, wardparts
from indexer.load import pdf_forms
from search_app.web import pages

N = 32_000
BOUND = 1.0  # seconds; each took 2–30 s before the rewrite at this length, a few ms after


def _timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def test_year_filter_of_a_long_run_of_blanks_answers_at_once():
    (lo, hi), took = _timed(pages._split_year, " " * N + "x")
    assert took < BOUND
    assert lo == hi  # not a range: the value stays one year, as typed


def test_year_filter_range_still_splits():
    assert pages._split_year("2021 ～ 2023") == ("2021", "2023")


def test_goal_rating_line_of_blanks_or_marks_read_at_once():
    for run in (" ", "・"):
        out, took = _timed(ratings.goal_grade, run * N + "x")
        assert out is None and took < BOUND


def test_goal_rating_after_a_long_run_of_marks_still_read():
    out, took = _timed(ratings.goal_grade, "・" * N + "自己評価：Ｂ")
    assert out is not None and took < BOUND


def test_both_evaluators_line_of_blanks_read_at_once():
    for line in (" " * 2 * N + "x", "法人：A　区：B" + " " * 2 * N + "x"):
        out, took = _timed(ratings.who_grades_line, line)
        assert out is None and took < BOUND
    assert ratings.who_grades_line("法人：A／区：B") == {"法人": "A", "区": "B"}


def test_row_ending_in_a_long_run_of_blanks_has_no_trailing_grades_and_answers_at_once():
    m, took = _timed(ratings.TRAILING_GRADES.search, "している。" + " " * N + "x")
    assert m is None and took < BOUND
    assert ratings.TRAILING_GRADES.search("している。 A B").group(0) == " A B"


def test_header_cell_of_blanks_before_a_note_answers_at_once():
    _, took = _timed(goaltables._noted_or_joined, " " * N + "x")
    assert took < BOUND


def test_form_field_appearance_of_a_long_run_of_digits_answers_at_once():
    m, took = _timed(pdf_forms._FONT_SIZE.search, "1" * N + " x")
    assert m is None and took < BOUND
    assert pdf_forms._FONT_SIZE.search("/Helv 10.5 Tf 0 g").group(1) == "10.5"


def test_line_of_unclosed_tags_after_a_ward_heading_answers_at_once():
    out, took = _timed(wardparts._unmarked, "<a" * (N // 2))
    assert out == "<a" * (N // 2) and took < BOUND
    assert wardparts._unmarked("<b>鶴見区</b>\t<i") == "鶴見区\t<i"
