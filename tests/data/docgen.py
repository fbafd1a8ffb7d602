"""What the generators of the unseen-report rounds share (tests/data/unseen*/make_docs.py and
make_binaries.py).

Each round's generator keeps its own content and layouts; this module holds only what they
write the same way:

- saving a python-docx Document or an openpyxl Workbook to bytes, and starting one;
- a bordered Word table of plain cells, a cell's lines as paragraphs, a wrapped sheet cell;
- the Japanese CID fonts reportlab draws PDFs with, a story laid on numbered pages (`story_pdf`),
  lines run over pages (`PagedLines`), a ruled table row (`ruled_row`), text cut to a fixed width, full-width digits;
- a file saved again by LibreOffice (`soffice_convert`: .xls, .pdf, .odt, .rtf …);
- what a reader of a report says of its goals and programmes (`goals_expected`, `goal_want`,
  `prog_want`), in expected.json's keys (tests/unseen_harness.py judges them);
- another round's generator loaded as a module (`round_generator`), whose content and layouts
  a later round re-lays;
- writing a round: its documents and expected.json (`write_batches` for rounds built batch by
  batch, `write_builders` for rounds built file by file).

The generators run from the repository's root as `PYTHONPATH=$PWD python
tests/data/unseenN/make_docs.py` and import from `tests.data.docgen`.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

FW_DIGITS = "０１２３４５６７８９"
CIRCLED = "①②③④⑤⑥⑦⑧⑨"
PDF_FONT = "HeiseiKakuGo-W5"


def fw_digits(value) -> str:
    """A number (or a text's ASCII digits) in full-width digits, as offices type them."""
    return str(value).translate(str.maketrans("0123456789", FW_DIGITS))


def fw_alnum(text: str) -> str:
    """Digits and A–Z in full width, as offices type them."""
    return text.translate(str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                        "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"))


# --- Word and Excel files ---------------------------------------------------------------------------

def new_docx():
    import docx
    return docx.Document()


def docx_bytes(document) -> bytes:
    """A python-docx Document saved as a .docx file's bytes."""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def new_workbook():
    import openpyxl
    return openpyxl.Workbook()


def xlsx_bytes(workbook) -> bytes:
    """An openpyxl Workbook saved as an .xlsx (or .xlsm) file's bytes."""
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def grid_table(document, rows, cols: int = 2, style: str | None = "Table Grid"):
    """A Word table appended to `document`, a row a list of cell texts (bordered by default)."""
    t = document.add_table(rows=0, cols=cols)
    if style:
        t.style = style
    for row in rows:
        cells = t.add_row().cells
        for c, v in zip(cells, row):
            c.text = v
    return t


def set_cell_lines(cell, text: str, bold: bool = False) -> None:
    """A Word table cell's text, one paragraph a line (bold for a header cell)."""
    lines = text.split("\n")
    cell.text = ""
    run = cell.paragraphs[0].add_run(lines[0])
    run.bold = bold
    for line in lines[1:]:
        run = cell.add_paragraph().add_run(line)
        run.bold = bold


def wrap_cell(ws, cell: str) -> None:
    """A sheet cell's text wrapped and set to the top, as a form's long answers are."""
    from openpyxl.styles import Alignment
    ws[cell].alignment = Alignment(wrap_text=True, vertical="top")


def pdf_font(name: str = PDF_FONT) -> str:
    """A Japanese CID font reportlab draws with (HeiseiKakuGo-W5 unless named), registered once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def story_pdf(story, pagesize, page_label: Callable[[int], str], header: str | None = None) -> bytes:
    """A reportlab story laid on pages of `pagesize` with 30-point margins: `page_label(page)`
    centred at each page's foot in the 8-point font, and `header` (a print's sheet name) at its
    top left where given."""
    from reportlab.platypus import SimpleDocTemplate

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(PDF_FONT, 8)
        canvas.drawCentredString(pagesize[0] / 2, 14, page_label(doc.page))
        if header:
            canvas.drawString(30, pagesize[1] - 18, header)
        canvas.restoreState()

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=30, rightMargin=30, topMargin=30, bottomMargin=30
                      ).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


class PagedLines:
    """Lines of text drawn down a reportlab canvas at `x`, each `size` + 7 points below the last:
    a new page when a line would start below `bottom`, with `furniture(page)` (a running header
    or footer) drawn on the first page and on each new one."""

    def __init__(self, c, font: str, top: float, bottom: float, x: float = 60, chars: int = 40,
                 furniture: Callable[[int], None] | None = None):
        self.c, self.font, self.top, self.bottom, self.x, self.chars = c, font, top, bottom, x, chars
        self.furniture = furniture or (lambda page: None)
        self.page = 1
        self.furniture(self.page)
        self.y = top

    def line(self, text: str, size: float = 10.5) -> None:
        if self.y < self.bottom:
            self.c.showPage()
            self.page += 1
            self.furniture(self.page)
            self.y = self.top
        self.c.setFont(self.font, size)
        self.c.drawString(self.x, self.y, text)
        self.y -= size + 7

    def para(self, text: str) -> None:
        """`text` over as many lines as it takes, `chars` characters a line."""
        for k in range(0, len(text), self.chars):
            self.line(text[k:k + self.chars])


def ruled_row(c, font: str, xs: list[float], per_line: list[int], y: float, cells, size: float = 9) -> float:
    """A ruled table row drawn on a reportlab canvas from `y` down: cell i between xs[i] and
    xs[i + 1], its text cut every per_line[i] characters, a line every 14 points; the row's bottom."""
    lines = [[t[i:i + n] for i in range(0, len(t), n)] for t, n in zip(cells, per_line)]
    h = 14 * max(len(x) for x in lines) + 8
    for x0, x1, ls in zip(xs, xs[1:], lines):
        c.rect(x0, y - h, x1 - x0, h)
        for k, line in enumerate(ls):
            c.setFont(font, size)
            c.drawString(x0 + 4, y - 14 - 14 * k, line)
    return y - h


def chunks(text: str, width: int) -> list[str]:
    """`text` cut every `width` characters, as a fixed-width form or page prints it (one empty
    line for an empty text)."""
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def wrap_lines(lines: list[str], width: int) -> list[str]:
    """Each of `lines` cut every `width` characters (`chunks`), in order."""
    return [part for line in lines for part in chunks(line, width)]


def soffice_convert(data: bytes, suffix: str, target: str) -> bytes:
    """`data` (a file ending in `suffix`) saved again by LibreOffice as `target` ("pdf", "odt",
    "rtf", "xls:MS Excel 97" …), in a throwaway profile."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"report{suffix}"
        src.write_bytes(data)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        target, "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        return (Path(tmp) / f"report.{target.split(':')[0]}").read_bytes()


# --- what a reader says (expected.json) --------------------------------------------------------------

def goals_expected(year: int, goals: list[dict], grades: bool = True) -> list[dict]:
    """The expectations of a year's numbered goals (rounds 10–13): each goal's first words and its
    sections' first words, the next goal's content not in it, its grade where it has one."""
    out = []
    for n, g in enumerate(goals, 1):
        item = {"year": year, "no": n, "goal": g["goal"][:14], "取組内容": g["content"][:18],
                "取組の成果": g["outcome"][:18], "取組の課題": g["issue"][:18]}
        if n < len(goals):
            item["not_in"] = [goals[n]["content"][:18]]
        if grades and g.get("grade"):
            item["grades"] = [g["grade"]]
        out.append(item)
    return out


def goal_want(year: int, no: int, g: dict, grade: str | None = None, **kw) -> dict:
    """The expectation of one goal (rounds 16 on): its first words and its sections' first words,
    its grade where it has one, and any further keys."""
    out = {"year": year, "no": no, "goal": g["goal"][:16], "取組内容": g["content"][:16],
           "取組の成果": g["outcome"][:16], "取組の課題": g["issue"][:16]}
    if grade is not None:
        out["grades"] = [grade]
    out.update(kw)
    return out


def prog_want(no: int, grades, outcome: str, issue: str, **kw) -> dict:
    """The expectation of one programme of a 5か年のまとめ: its grades, its 成果 and 課題."""
    return {"no": no, "grades": list(grades), "成果": outcome[:14], "課題": issue[:14], **kw}


# --- another round's generator -----------------------------------------------------------------------

def round_generator(round_name: str):
    """The generator of another round (tests/data/<round_name>/make_docs.py) loaded as a module
    named <round_name>_docs: the rounds re-laid from round 7's seed content use its loaders and
    layouts."""
    spec = importlib.util.spec_from_file_location(f"{round_name}_docs",
                                                  Path(__file__).resolve().parent / round_name / "make_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- writing a round ---------------------------------------------------------------------------------

Batch = Callable[[], dict[str, tuple[bytes, dict]]]


def _write_expected(path: Path, about: str, documents: dict) -> None:
    path.write_text(json.dumps({"_about": about, "documents": documents}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


def write_batches(here: Path, batches: list[Batch], about: str, argv: list[str]) -> int:
    """Every batch's documents written into `here` (only those named in argv[1:], when any are)
    and expected.json rewritten with all of them; a document of batch 2 on is marked with its batch."""
    only = set(argv[1:])
    expected = {}
    for number, batch in enumerate(batches, 1):
        for name, (data, want) in batch().items():
            if number > 1:
                want = {"batch": number, **want}
            expected[name] = want
            if only and name not in only:
                continue
            (here / name).write_bytes(data)
            print("wrote", name)
    _write_expected(here / "expected.json", about, expected)
    return 0


def write_builders(here: Path, batches: list[dict[str, Callable[[], tuple[bytes, dict]]]], about: str,
                   names: list[str]) -> None:
    """The documents of `batches` (a dict of file name → builder a batch) written into `here`, only
    those in `names` when any are named; expected.json keeps the others' entries as they were, and
    marks every document with its batch."""
    path = here / "expected.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["documents"] if path.exists() else {}
    order = []
    for number, builders in enumerate(batches, 1):
        for name, build in builders.items():
            order.append(name)
            if names and name not in names:
                continue
            data, want = build()
            (here / name).write_bytes(data)
            docs[name] = {**want, "batch": number}
    _write_expected(path, about, {n: docs[n] for n in order if n in docs})
