"""The seed reports printed to PDF by office programs, read in their reading order (relaid25).

Each fixture under tests/data/relaid25/ is one page cut, as it is, out of a seed report re-laid
and printed (`python -m benchmarks.relaid --fixtures25`, `benchmarks.relaid.FIXTURE25_PAGES`):
LibreOffice's prints of the sections-as-columns sheet and of the 方眼紙 sheet, fitted to A4 (rows
too low for their wrapped text, cells 0.6 pt inside their borders, a cell's text 0.9 pt from the
next cell's), the two-column PDF, and Word reports exported by LibreOffice (one fixture is two
pages: a table at a page's foot and the next page's first table). The rules they test are general
page geometry in `indexer/load/pdf_layout.py`, 中黒 in `pdf_unicode` and a wrapped line of prose
in `clean` (docs/parsing.md, relaid25).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.load import load_file  # noqa: E402
from indexer.load.pdf_unicode import ideographs  # noqa: E402
from indexer.parse import parse_file  # noqa: E402
from search_app.evaluation import compact  # noqa: E402

DATA = ROOT / "tests" / "data" / "relaid25"
SECTION_COLUMNS = DATA / "section_columns_grades.pdf_lo_xlsx_section_columns.pdf"
GRID_PORTRAIT = DATA / "grid_portrait_grades.pdf_lo_xlsx_grid_portrait.pdf"
CLOSE_CELLS = DATA / "section_columns_close_cells.pdf_lo_xlsx_section_columns.pdf"
TWO_COLUMNS = DATA / "two_columns_cut_row.pdf_two_columns.pdf"
GOAL_TABLE = DATA / "word_goal_table.pdf_lo_docx_goal_tables.pdf"
PROGRAMME_HEADING = DATA / "word_programme_heading.pdf_lo_docx.pdf"
WRAPPED_BOSHU = DATA / "word_wrapped_boshu.pdf_lo_docx_headed.pdf"
PAGE_FOOT = DATA / "word_table_at_page_foot.pdf_lo_docx_goal_tables.pdf"
CHROMIUM = ROOT / "tests" / "data" / "relaid17" / "000_8f4773b09691ae88.pdf_chromium_ward_site.pdf"


def _lines(path: Path) -> list[str]:
    return load_file(path, 10**8).text.split("\n")


def _first_cells(path: Path) -> set[str]:
    return {compact(line.split("\t")[0]) for line in _lines(path)}


def test_a_cells_wrapped_lines_in_a_libreoffice_sheet_print_read_as_one_goal_text():
    # the grade table's labels wrap over many lines of a narrow first column, beside a ○-list
    # cell and the grades: each label is one cell of one row, its grades on that row
    lines = _lines(SECTION_COLUMNS)
    for label, grades in (("①利用者を温かく迎え入れる雰囲気のある場になっている。", ["A", "A"]),
                          ("②多様な世代、性別等の養育者と子どもが訪れる場になっている。", ["A", "A"]),
                          ("③養育者と子どものニーズ把握の場になっている。", ["A", "B"])):
        row = next((line for line in lines if compact(line.split("\t")[0]) == compact(label)), None)
        assert row is not None, (label, lines[:20])
        assert [c for c in row.split("\t")[1:] if c.strip()][-2:] == grades, row


@pytest.mark.parametrize("path", [SECTION_COLUMNS, GRID_PORTRAIT], ids=["section_columns", "grid_portrait"])
def test_a_data_tables_wrapped_row_labels_stay_on_their_rows(path):
    # 「年間利 / 用者数」 wrapped in the label column: one row 「年間利用者数 16,061人 17,605人」
    rows = {tuple(c for c in line.split("\t") if c.strip()) for line in _lines(path)}
    assert ("年間利用者数", "16,061人", "17,605人") in rows
    assert ("父親利用数", "896人", "1,146人") in rows


def test_a_cells_last_line_set_on_its_border_stays_in_its_cell():
    # a sheet row too low for its wrapped text: the last line 「。」 / 「る。」 is set on the row's
    # lower border, which runs through its letters; it ends the cell above, no row of its own
    firsts = _first_cells(SECTION_COLUMNS)
    assert compact("④親(養育者)自身が親として育ち、また子どもが育つ場となっている。") in firsts
    assert "。" not in firsts and "る。" not in firsts


def test_a_cells_text_set_close_to_the_next_cells_grade_is_read_apart():
    # 「…認知度が33%で」 ends 0.9 pt before the grade 「A」, an upright border drawn between them
    text = "\n".join(_lines(CLOSE_CELLS))
    assert "33%でA" not in compact(text)
    row = next(line for line in _lines(CLOSE_CELLS) if line.startswith("①拠点における利用者支援事業"))
    cells = [c for c in row.split("\t") if c.strip()]
    assert compact("○アンケート結果で子育てパートナーの認知度が33%であったため、さらなる周知が必要") in compact(cells[1])
    assert cells[-2:] == ["A", "B"]


def test_a_grade_row_under_a_first_column_border_reads_whole_in_a_two_column_pdf():
    # the row's first cell wraps over four lines in the right page column, under a border drawn
    # over the first column only
    assert compact("①拠点における利用者支援事業が、区民や関係機関に広く認知されている。") in _first_cells(TWO_COLUMNS)


def test_a_word_goal_tables_labels_stay_beside_their_cells():
    # a label column beside a text column, rows parted by borders only: no two columns of prose
    lines = _lines(GOAL_TABLE)
    for label, opening in (("取組の課題", "・まだまだ"), ("取組内容", "①妊娠期支援"), ("取組の成果", "・新たに地域ケアプラザ")):
        assert any(line.startswith(label + "\t" + opening) for line in lines), (label, lines)


def test_a_programme_heading_printed_by_libreoffice_keeps_the_space_after_its_number():
    # 「2 」 and 「子育て相談事業」 are drawn as two pieces: 「2子育て相談事業」 was no programme heading
    assert "2 子育て相談事業" in _lines(PROGRAMME_HEADING)


def test_a_table_of_figures_ending_a_page_keeps_its_figures_apart_from_the_next_pages_header():
    # 「個別相談 285件 267件 218件 230件」 at page 1's foot; page 2 opens with another table's
    # header row 「 R4年度 R5年度 R6年度」, no rest of a cut row
    lines = _lines(PAGE_FOOT)
    assert "個別相談\t285件\t267件\t218件\t230件" in lines
    assert "\tR4年度\tR5年度\tR6年度" in lines


def test_a_wrapped_line_of_prose_ending_in_boshu_keeps_its_sentence():
    # 「・連合町内会・…の会議で提供会員募集」 / 「に関して説明し、…」: a line of the report's prose
    # wrapped at the text's width, not a site menu's 〇〇募集 entry
    parsed = parse_file(WRAPPED_BOSHU)
    want = compact("連合町内会・自治会連絡協議会や民生委員児童委員協議会の会議で提供会員募集に関して説明し")
    assert any(want in compact(p.text) for p in parsed.passages)


def test_a_chromium_print_shows_nakaguro_where_its_text_layer_has_hyphenation_points():
    text = load_file(CHROMIUM, 10**8).text
    assert "\u2027" not in text
    assert "・区の専門職と、「親になる前の支援」" in text


def test_a_hyphenation_point_inside_a_latin_word_stays():
    assert ideographs("子育て syl\u2027la\u2027ble") == "子育て syl\u2027la\u2027ble"
    assert ideographs("自治会\u2027\n（papa'sくらぶ）\u2027多胎児 \u202718区") == "自治会・\n（papa'sくらぶ）・多胎児 ・18区"
