"""Reports nobody tuned the parser on: other wards, older years, other cities, other layouts.

The documents in tests/data/unseen/ were written the way Yokohama's wards (and two
neighbouring cities) publish their hub evaluations, and tests/data/unseen/expected.json
says what a correct parse of each gives. Both were written before the parser was run
on them. Every document goes through the real loaders (.txt, .html, .docx, .xlsx, .pdf)
and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_unseen      # prints every judged check and the agreement
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from indexer import records
from indexer.corpus import parse_corpus
from indexer.metadata import YOKOHAMA_WARDS

DATA = Path(__file__).resolve().parent / "data" / "unseen"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]

OUTCOMES = (records.OUTCOME, records.RESULT)
ISSUES = (records.ISSUE, records.CHALLENGE)
GOAL_SECTIONS = {"取組内容": (records.CONTENT,), "取組の成果": OUTCOMES, "取組の課題": ISSUES}


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _has(passages, piece: str) -> bool:
    return any(_norm(piece) in _norm(p.text) for p in passages)


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

    def unit_passages(unit_suffix):
        return [p for p in passages if p.unit == f"{document.doc_id}-{unit_suffix}"]

    for goal in expected.get("goals", []):
        unit = unit_passages(f"y{goal['year']}-g{goal['no']}")
        label = f"{goal['year']} goal {goal['no']}"
        checks.append((f"{label}: 目標 「{goal['goal']}」",
                       _has([p for p in unit if p.section == records.GOAL], goal["goal"])))
        for name, kinds in GOAL_SECTIONS.items():
            checks.append((f"{label}: {name} 「{goal[name]}」",
                           _has([p for p in unit if p.section in kinds], goal[name])))
        for junk in goal.get("not_in", []):
            checks.append((f"{label}: no 「{junk}」 in its sections", not _has(unit, junk)))
    for goal in expected.get("next_goals", []):
        unit = unit_passages(f"y{goal['year']}-n{goal['no']}")
        checks.append((f"{goal['year']} next goal {goal['no']}: 「{goal['goal']}」",
                       _has([p for p in unit if p.section in (records.NEXT_GOAL, records.GOAL)], goal["goal"])))
    for prog in expected.get("programmes", []):
        block = [p for p in passages if p.programme == prog["no"]]
        grades = sorted(_norm(g) for p in block for g in (p.grades or {}).values())
        checks.append((f"programme {prog['no']}: ratings {prog['grades']} (got {grades})",
                       sorted(_norm(g) for g in prog["grades"]) == grades))
        checks.append((f"programme {prog['no']}: 成果 「{prog['成果']}」",
                       _has([p for p in block if p.section in OUTCOMES], prog["成果"])))
        checks.append((f"programme {prog['no']}: 課題 「{prog['課題']}」",
                       _has([p for p in block if p.section in ISSUES], prog["課題"])))
    return checks


def parse_unseen(folder: Path):
    """The unseen documents copied into `folder` and parsed as a corpus: {file: (doc, passages)}."""
    for name in EXPECTED:
        shutil.copy(DATA / name, folder / name)
    parsed = parse_corpus(folder)
    assert not parsed.errors, parsed.errors
    out = {}
    for doc in parsed.documents:
        out[doc.source] = (doc, [p for p in parsed.passages if p.doc_id == doc.doc_id])
    return out


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    return parse_unseen(tmp_path_factory.mktemp("unseen"))


def _failures(unseen, name):
    doc, passages = unseen[name]
    return [what for what, ok in judge(doc, passages, EXPECTED[name]) if not ok]


def test_a_heisei29_report_whose_sections_say_jisshi_naiyo_and_kongo_no_kadai_keeps_each_goals_sections(unseen):
    assert _failures(unseen, "tsurumi_h29_furikaeri.txt") == []


def test_a_reiwa_gannen_report_with_h31_r1_and_western_years_and_bracketed_goal_marks_keeps_its_goals(unseen):
    assert _failures(unseen, "tsuzuki_r1_mixed.txt") == []


def test_a_hub_web_page_with_its_ward_only_in_title_and_footer_keeps_its_goal_table_and_drops_site_chrome(unseen):
    assert _failures(unseen, "asahi_hub_site_r1.html") == []


def test_a_paged_pdf_with_running_headers_keeps_a_goal_whose_issue_runs_over_the_page_break(unseen):
    assert _failures(unseen, "midori_r5_paged.pdf") == []


def test_a_kawasaki_report_is_not_given_a_yokohama_ward_and_keeps_its_numbered_sections(unseen):
    assert _failures(unseen, "kawasaki_center_r4.txt") == []


def test_a_sagamihara_minami_ku_report_is_not_given_yokohamas_minami_ku(unseen):
    assert _failures(unseen, "sagamihara_minami_r3.txt") == []


def test_a_five_year_summary_as_a_word_table_per_programme_keeps_each_programmes_ratings_and_sections(unseen):
    assert _failures(unseen, "aoba_5kanen_h28_r2.docx") == []


def test_a_mid_term_review_as_a_spreadsheet_row_per_programme_keeps_its_four_point_ratings(unseen):
    assert _failures(unseen, "totsuka_chukan_h30_r2.xlsx") == []


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    for name, expected in EXPECTED.items():
        if "ward_any" in expected:
            assert unseen[name][0].ward not in YOKOHAMA_WARDS, name


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = parse_unseen(Path(tmp))
    total = agreed = 0
    for name, expected in EXPECTED.items():
        doc, passages = result[name]
        checks = judge(doc, passages, expected)
        ok = sum(1 for _w, good in checks if good)
        total += len(checks)
        agreed += ok
        print(f"{name}: {ok}/{len(checks)}")
        for what, good in checks:
            if not good:
                print("   FAIL", what)
    print(f"agreement: {agreed}/{total}")
