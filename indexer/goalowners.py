"""Which goal each section block of a yearly report belongs to.

A section written once for a list of goals is split at its ①②③ items
(`split_by_goal`); 成果 / 課題 blocks whose position gives no one-to-one pairing with the
evaluated goals (PDF text can put a goal's outcome pages away from it) are given back to
their goals by content (`reattach_outcomes`).
"""

from __future__ import annotations

import itertools
import re

from . import headings, records
from .blocks import Goal, Item, Section
from .clean import norm


def split_by_goal(section: Section) -> list[tuple[Goal | None, list[Item]]]:
    """A section written for a list of goals, split by its ①②③ items."""
    if len(section.goals) <= 1:
        return [(section.goals[0] if section.goals else None, section.items)]
    by_no = {g.no: g for g in section.goals}
    parts: dict[int, list[Item]] = {}
    current = section.goals[0].no
    for item in section.items:
        n = headings.leading_number(item.text)
        if n in by_no:
            current = n
        parts.setdefault(current, []).append(item)
    return [(by_no[n], items) for n, items in parts.items()]


def _bigrams(text: str) -> set[str]:
    s = re.sub(r"[\s\W]", "", norm(text))
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / (len(x | y) or 1)


def reattach_outcomes(goals: list[Goal], owned: list[tuple[Goal | None, str, list[Item]]]):
    """Attach 成果/課題 blocks to the right goal by content when positions disagree.

    PDF text can put a goal's outcome block pages away from the goal (港南区's
    report opens with goal ①'s 成果). Blocks are paired (成果 then its 課題) and,
    if their positions do not give each evaluated goal exactly one pair, assigned
    one-to-one by character-bigram similarity to each goal's text and 取組内容.
    """
    eval_goals = [g for g in goals if not g.is_next]
    units: list[list[int]] = []
    for idx, (goal, kind, _items) in enumerate(owned):
        if goal is not None and goal.is_next or kind not in (records.OUTCOME, records.ISSUE):
            continue
        previous = owned[units[-1][-1]] if units else None
        if (kind == records.ISSUE and previous and previous[1] == records.OUTCOME
                and previous[0] is goal and len(units[-1]) == 1):
            units[-1].append(idx)
        else:
            units.append([idx])
    if not units or not eval_goals:
        return owned
    owners = [(owned[i][0], owned[i][1]) for u in units for i in u]
    positional_ok = (all(g is not None for g, _k in owners)
                     and len({(id(g), k) for g, k in owners}) == len(owners))
    if positional_ok:
        return owned
    profile = {}
    for g in eval_goals:
        content = " ".join(" ".join(i.text for i in items) for goal, kind, items in owned
                           if goal is g and kind == records.CONTENT)
        profile[id(g)] = g.text + " " + content
    unit_text = [" ".join(i.text for idx in u for i in owned[idx][2]) for u in units]
    scores = [[_similarity(unit_text[u], profile[id(g)]) for g in eval_goals] for u in range(len(units))]
    best: tuple[float, tuple[int, ...]] | None = None
    if len(units) <= len(eval_goals) <= 7:
        for perm in itertools.permutations(range(len(eval_goals)), len(units)):
            total = sum(scores[u][g] for u, g in enumerate(perm))
            if best is None or total > best[0]:
                best = (total, perm)
        assignment = best[1]
    else:  # greedy: each block to its most similar goal
        assignment = tuple(max(range(len(eval_goals)), key=lambda g: scores[u][g]) for u in range(len(units)))
    result = list(owned)
    for u, g in zip(units, assignment):
        for idx in u:
            _goal, kind, items = result[idx]
            result[idx] = (eval_goals[g], kind, items)
    return result
