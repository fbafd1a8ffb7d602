"""How the unseen-report tests judge a parse (tests/test_parse_unseen*.py, one module a round).

A round is a folder of documents nobody tuned the parser on and an expected.json written
before the parser was run on them. `judge` lists every check of one document's parse against
its expectations (ward, years, type, the hub where stated, each goal's sections and ratings
— and, where stated, what its 取組の成果 holds —, next year's goals, each programme's ratings and
sections and what is not in them); `parse_round` parses a round's documents as
`kyoten reindex` reads a corpus folder; `failures` is what a test asserts empty;
`given_a_yokohama_ward` the other cities' reports that were taken for Yokohama's;
`print_agreement` the report `python -m tests.test_parse_unseen…` prints.

What every round's test module sets up the same way: `round_data` (the round's folder and its
expected documents), `round_fixture` (the module's `unseen` fixture: the round parsed once),
`documents_in` (the files a round's generator wrote, each of which expected.json must judge) and
`print_round` (the `python -m` report, for the batches named).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from indexer import records
from indexer.corpus import parse_corpus
from indexer.metadata import YOKOHAMA_WARDS

DATA = Path(__file__).resolve().parent / "data"
OUTCOMES = (records.OUTCOME, records.RESULT)
ISSUES = (records.ISSUE, records.CHALLENGE)
GOAL_SECTIONS = {"取組内容": (records.CONTENT,), "取組の成果": OUTCOMES, "取組の課題": ISSUES}

Parsed = tuple[records.Document, list[records.Passage]]


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def has_piece(passages, piece: str) -> bool:
    return any(norm(piece) in norm(p.text) for p in passages)


def judge(document: records.Document, passages: list[records.Passage], expected: dict) -> list[tuple[str, bool]]:
    """Every judged check of one document: (what is checked, whether the parse agrees)."""
    checks: list[tuple[str, bool]] = []
    if "ward" in expected:
        checks.append((f"ward {expected['ward']} (got {document.ward})", document.ward == expected["ward"]))
    else:
        checks.append((f"ward one of {expected['ward_any']} (got {document.ward})",
                       document.ward in expected["ward_any"]))
    years = [document.fiscal_year_from, document.fiscal_year_to]
    allowed = expected.get("years_any") or [expected["years"]]
    checks.append((f"years {allowed} (got {years})", years in allowed))
    types = expected.get("doc_type_any") or [expected["doc_type"]]
    checks.append((f"type {types} (got {document.doc_type})", document.doc_type in types))
    if "hub" in expected:
        checks.append((f"hub {expected['hub']} (got {document.hub})", document.hub == expected["hub"]))
    if "hub_any" in expected:
        checks.append((f"hub one of {expected['hub_any']} (got {document.hub})", document.hub in expected["hub_any"]))

    def unit_passages(unit_suffix):
        return [p for p in passages if p.unit == f"{document.doc_id}-{unit_suffix}"]

    for goal in expected.get("goals", []):
        unit = unit_passages(f"y{goal['year']}-g{goal['no']}")
        label = f"{goal['year']} goal {goal['no']}"
        checks.append((f"{label}: 目標 「{goal['goal']}」",
                       has_piece([p for p in unit if p.section == records.GOAL], goal["goal"])))
        for name, kinds in GOAL_SECTIONS.items():
            checks.append((f"{label}: {name} 「{goal[name]}」",
                           has_piece([p for p in unit if p.section in kinds], goal[name])))
        for piece in goal.get("not_in_goal", []):
            checks.append((f"{label}: no 「{piece}」 in its 目標",
                           not has_piece([p for p in unit if p.section == records.GOAL], piece)))
        for piece in goal.get("outcome_has", []):
            checks.append((f"{label}: 「{piece}」 in its 取組の成果",
                           has_piece([p for p in unit if p.section in OUTCOMES], piece)))
        for junk in goal.get("not_in", []):
            checks.append((f"{label}: no 「{junk}」 in its sections", not has_piece(unit, junk)))
        if "site_has" in goal:
            # the site of a hub (本体 / サテライト / 分室) the goal belongs to, in a report of several
            sites = sorted({getattr(p, "site", None) or "" for p in unit})
            checks.append((f"{label}: site holds 「{goal['site_has']}」 (got {sites})",
                           bool(unit) and all(norm(goal["site_has"]) in norm(s) for s in sites)))
    # text a reader sees once (a footnote, a text box) and text a reader does not see (a tracked
    # deletion, a reviewer's comment), over the whole document
    for piece in expected.get("seen_once", []):
        n = sum(1 for p in passages if norm(piece) in norm(p.text))
        checks.append((f"「{piece}」 in exactly one passage (got {n})", n == 1))
    for piece in expected.get("not_seen", []):
        checks.append((f"no 「{piece}」 anywhere", not has_piece(passages, piece)))
    if "goals" in expected:
        # every goal of the report year is listed: no goal the report does not have
        got = sorted({p.unit.rsplit("-", 1)[1] + "/" + str(p.fiscal_year_from) for p in passages
                      if p.section == records.GOAL and p.unit})
        want = sorted({f"g{g['no']}/{g['year']}" for g in expected["goals"]})
        checks.append((f"goals {want} (got {got})", got == want))
    if expected.get("no_next_goals"):
        # a goal's own 次年度に向けて (what the hub will do about it) opens no next year's goals
        got = sorted({p.unit for p in passages if p.section == records.NEXT_GOAL})
        checks.append((f"no next year's goals (got {got})", not got))
    for goal in expected.get("next_goals", []):
        unit = unit_passages(f"y{goal['year']}-n{goal['no']}")
        checks.append((f"{goal['year']} next goal {goal['no']}: 「{goal['goal']}」",
                       has_piece([p for p in unit if p.section in (records.NEXT_GOAL, records.GOAL)], goal["goal"])))
    for prog in expected.get("programmes", []):
        block = [p for p in passages if p.programme == prog["no"]]
        if "site_has" in prog:
            # a summary of a hub's sites: the programme's passages of that site
            block = [p for p in block if norm(prog["site_has"]) in norm(getattr(p, "site", None) or "")]
            checks.append((f"programme {prog['no']} of site 「{prog['site_has']}」 read", bool(block)))
        grades = sorted(norm(g) for p in block for g in (p.grades or {}).values())
        checks.append((f"programme {prog['no']}: ratings {prog['grades']} (got {grades})",
                       sorted(norm(g) for g in prog["grades"]) == grades))
        checks.append((f"programme {prog['no']}: 成果 「{prog['成果']}」",
                       has_piece([p for p in block if p.section in OUTCOMES], prog["成果"])))
        checks.append((f"programme {prog['no']}: 課題 「{prog['課題']}」",
                       has_piece([p for p in block if p.section in ISSUES], prog["課題"])))
        for junk in prog.get("not_in", []):
            checks.append((f"programme {prog['no']}: no 「{junk}」 in its sections", not has_piece(block, junk)))
    # each goal's rating, where the report gives one
    for goal in expected.get("goals", []):
        if "grades" not in goal:
            continue
        unit = f"{document.doc_id}-y{goal['year']}-g{goal['no']}"
        got = sorted({norm(g) for p in passages if p.unit == unit for g in (p.grades or {}).values()})
        want = sorted(norm(g) for g in goal["grades"])
        checks.append((f"{goal['year']} goal {goal['no']}: ratings {want} (got {got})", got == want))
    return checks


def parse_round(folder: Path, data: Path, expected: dict) -> dict[str, Parsed]:
    """The documents of `data` that `expected` judges, copied into `folder` and parsed as a
    corpus: {file: (doc, passages)}."""
    for name in expected:
        shutil.copy(data / name, folder / name)
    parsed = parse_corpus(folder)
    assert not parsed.errors, parsed.errors
    out = {}
    for doc in parsed.documents:
        out[doc.source] = (doc, [p for p in parsed.passages if p.doc_id == doc.doc_id])
    return out


def failures(parsed: dict[str, Parsed], expected: dict, name: str) -> list[str]:
    """The checks of document `name` its parse does not pass."""
    doc, passages = parsed[name]
    return [what for what, ok in judge(doc, passages, expected[name]) if not ok]


def given_a_yokohama_ward(parsed: dict[str, Parsed], expected: dict) -> list[str]:
    """The reports of other cities (judged by `ward_any`) that were given a Yokohama ward."""
    return [name for name, want in expected.items()
            if "ward_any" in want and parsed[name][0].ward in YOKOHAMA_WARDS]


def parse_alone(data: Path, name: str) -> Parsed | None:
    """One document parsed on its own (a parser that raises on it loses only its checks):
    None when the parse raised."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(data / name, Path(tmp) / name)
        try:
            parsed = parse_corpus(Path(tmp))
        except Exception as exc:  # noqa: BLE001 - reported, counted as no agreement
            print(f"{name}: the parse raised {type(exc).__name__}")
            return None
    if not parsed.documents:   # refused by the loaders (an unsupported or unreadable file)
        print(f"{name}: not read ({'; '.join(map(str, parsed.errors)) or 'no document'})")
        return None
    doc = parsed.documents[0]
    return doc, [p for p in parsed.passages if p.doc_id == doc.doc_id]


def print_agreement(expected: dict, parse: Callable[[str], Parsed | None]) -> None:
    """Every document's judged checks, each failure, and the agreement by batch and in all;
    `parse(name)` gives a document's parse, None when the parser raised (every check of the
    document then fails: an empty parse would pass its "not_in" checks)."""
    by_batch: dict[int, list[int]] = {}
    for name, want in expected.items():
        result = parse(name)
        raised = result is None
        if raised:
            result = (records.Document(doc_id="-", source=name, ward=None, fiscal_year_from=None,
                                       fiscal_year_to=None, year_label=None), [])
        checks = [(what, good and not raised) for what, good in judge(*result, want)]
        ok = sum(1 for _w, good in checks if good)
        tally = by_batch.setdefault(want.get("batch", 1), [0, 0])
        tally[0] += ok
        tally[1] += len(checks)
        print(f"{name}: {ok}/{len(checks)}")
        for what, good in checks:
            if not good:
                print("   FAIL", what)
    for batch, (ok, n) in sorted(by_batch.items()):
        print(f"batch {batch}: {ok}/{n}")
    print(f"agreement: {sum(t[0] for t in by_batch.values())}/{sum(t[1] for t in by_batch.values())}")


# --- a round's test module ----------------------------------------------------------------------------

def round_data(name: str) -> tuple[Path, dict]:
    """The folder of round `name` (tests/data/<name>) and the documents its expected.json judges."""
    folder = DATA / name
    return folder, json.loads((folder / "expected.json").read_text(encoding="utf-8"))["documents"]


def round_fixture(data: Path, expected: dict):
    """The module-scoped fixture `unseen`: the round's judged documents parsed once as a corpus."""
    @pytest.fixture(scope="module", name="unseen")
    def unseen(tmp_path_factory):
        return parse_round(tmp_path_factory.mktemp(data.name), data, expected)
    return unseen


def documents_in(data: Path) -> set[str]:
    """The documents in a round's folder (not its generator or expected.json)."""
    return {p.name for p in data.iterdir() if p.suffix not in (".py", ".json")}


def print_round(data: Path, expected: dict, batches: list[str] = ()) -> None:
    """`print_agreement` of the documents of the batches named (every document when none is),
    each parsed on its own."""
    chosen = {int(b) for b in batches}
    wanted = {n: w for n, w in expected.items() if not chosen or w.get("batch", 1) in chosen}
    print_agreement(wanted, lambda name: parse_alone(data, name))
