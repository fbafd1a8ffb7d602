"""Goals numbered past 99 (parser33): a long archive report or a city-wide compilation numbers its
goals 重点目標100, 101 …; each is a goal of its own, not the text of goal 99."""
from __future__ import annotations

from indexer.parse import parse_text

_TITLE = "港北区地域子育て支援拠点どろっぷ\n令和5年度重点目標評価結果\n令和5年度重点目標の評価\n"


def _report(count: int, heading: str) -> str:
    return _TITLE + "".join(
        heading.format(n=n) + f"　第{n}の目標として親子の居場所を広げます。\n"
        f"取組内容\n取組{n}件目の内容を行った。\n取組の成果\n成果{n}件目が出た。\n取組の課題\n課題{n}件目が残った。\n"
        for n in range(1, count + 1))


def _goal_of(passages, words: str):
    return {p.goal_no for p in passages if words in p.text}


def test_goals_numbered_past_99_are_goals_of_their_own():
    for heading in ("重点目標{n}", "令和5年度 重点目標{n}", "重点目標{n}．", "目標{n}："):
        passages = parse_text(_report(102, heading), "report.txt", "doc").passages
        assert {p.goal_no for p in passages if p.goal_no} == set(range(1, 103)), heading
        assert _goal_of(passages, "取組100件目") == {100}, heading
        assert _goal_of(passages, "成果101件目") == {101}, heading
        assert _goal_of(passages, "課題99件目") == {99}, heading


def test_a_section_naming_a_goal_past_99_is_that_goals():
    text = _report(100, "重点目標{n}") + "取組内容（目標100）\n追加で行った取組の内容。\n"
    passages = parse_text(text, "report.txt", "doc").passages
    assert _goal_of(passages, "追加で行った取組") == {100}


def test_a_figure_of_three_digits_after_goal_is_no_goal_number():
    # 重点目標100人: a target figure in a sentence, not goal 100
    text = _report(2, "重点目標{n}") + "重点目標100人の参加を目指し、講座を開いた。\n"
    passages = parse_text(text, "report.txt", "doc").passages
    assert {p.goal_no for p in passages if p.goal_no} == {1, 2}
