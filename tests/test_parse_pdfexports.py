"""Word reports of earlier rounds exported to PDF by LibreOffice, as ward staff publish them
("save as PDF"): each must parse as its source document does.

tests/data/pdfexports/ holds the PDFs (soffice --headless --convert-to pdf of unseen3–5's .docx
files) and expected.json, each document's expectation copied from its source document's
(written before the parser was run on the PDFs). Every document goes through the real
loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus folder.

    python -m tests.test_parse_pdfexports      # prints every judged check and the agreement
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import unseen_harness as harness

DATA = Path(__file__).resolve().parent / "data" / "pdfexports"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return harness.parse_round(tmp_path_factory.mktemp("pdfexports"), DATA, EXPECTED)


def _failures(exported, name):
    return harness.failures(exported, EXPECTED, name)


def test_a_word_report_with_its_title_in_a_text_box_exported_to_pdf_keeps_its_goals(exported):
    assert _failures(exported, "aoba_r3_textbox_title_word.pdf") == []


def test_a_word_table_with_goal_and_sections_in_one_column_exported_to_pdf_keeps_its_goals(exported):
    assert _failures(exported, "hodogaya_r4_combined_column_word.pdf") == []


def test_a_word_report_with_a_page_header_exported_to_pdf_keeps_its_goals(exported):
    assert _failures(exported, "isogo_r4_page_header_word.pdf") == []


def test_a_word_report_with_boxed_headings_exported_to_pdf_keeps_its_goals(exported):
    assert _failures(exported, "kohoku_r2_box_heading_word.pdf") == []


def test_a_word_table_of_ticks_exported_to_pdf_keeps_its_grades(exported):
    assert _failures(exported, "minami_r3_tick_table_word.pdf") == []


def test_a_word_report_of_label_cells_exported_to_pdf_keeps_its_goals(exported):
    assert _failures(exported, "hodogaya_r3_label_cells_word.pdf") == []


def test_every_exported_document_is_judged():
    made = {p.name for p in DATA.iterdir() if p.suffix != ".json"}
    assert made == set(EXPECTED)


if __name__ == "__main__":
    harness.print_agreement(EXPECTED, lambda name: harness.parse_alone(DATA, name))
