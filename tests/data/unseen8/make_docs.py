"""Writes the documents of tests/data/unseen8 and their expected.json (run once; the outputs are
committed). Needs LibreOffice (`soffice`) for the OpenDocument files, the Word files it writes
and the PDFs exported from Word and Excel.

    PYTHONPATH=$PWD python tests/data/unseen8/make_docs.py

Eighth round of documents nobody tuned the parser on: the five seed reports (corpus/), their
content as read by hand into tests/data/unseen7/seed_content.json, re-laid in formats and
layouts the earlier rounds do not produce. The generator never calls the parser; expected.json
is what a human reader of each document would say, written from the same content before the
parser was run on the documents.

Layouts (one function each, named in expected.json's "layout"):

- OpenDocument, as LibreOffice saves it (the round 7 Word/Excel layouts converted to .odt / .ods
  by LibreOffice): nested tables, heading styles, side-by-side sections, the five-year ○ table;
  merged item rows, a sheet per year, the five-year ○ sheet; and an .odt written natively with a
  footnote, a comment (annotation), a tracked deletion, a title in a text frame, and the ward
  named only in the page header.
- Word (written as OpenDocument, saved as .docx by LibreOffice, as Word itself would write them):
  footnotes and endnotes that carry words of the report; goal labels in text boxes; a file
  under review (python-docx) whose draft goal and draft lines are tracked deletions, a final
  line a tracked insertion and comments on the goals.
- PDFs exported by LibreOffice: a Word table whose 「成果と課題」 cell holds 【成果】 and 【課題】
  paragraphs; a Word label table whose cells hold several bulleted paragraphs; Excel sheets
  wider than the page, printed column block after column block (one with column A repeated
  on every page); a Word report whose ward is named only in its page footer.
- Sections named with other words: 実施状況 / 達成状況 / 今後の方向性 (text), 取組 / 振り返り /
  今後の方向性 (web table), 実施内容 / 成果と課題 in one cell (Word), 実施状況 / 達成状況 /
  課題と今後の方向性 columns (Excel).
- A compilation of three wards' reports whose parts are headed each in its own way (text and a
  web page): no common heading shape.
- Years and digits: full-width digits and 和暦 in every position (Ｒ５, 令和５年４月１日,
  2024（令和６）年度), H30 / H31（2019）, a five-year summary dated Ｒ３～Ｒ７; a ward named only
  in a Word file's page header and footer.

    PYTHONPATH=$PWD python tests/data/unseen8/make_docs.py NAME …   # writes only these documents
"""

from __future__ import annotations

import html
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests.data.docgen import docx_bytes, fw_digits as fw, new_workbook, round_generator, story_pdf, xlsx_bytes

HERE = Path(__file__).resolve().parent
u7 = round_generator("unseen7")

seed, goals, next_goals, year, FW, CIRCLED = u7.seed, u7.goals, u7.next_goals, u7.year, u7.FW, u7.CIRCLED
PROGRAMME_NAMES = u7.PROGRAMME_NAMES
PARTS = (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue"))


# --- LibreOffice ---------------------------------------------------------------------------------

def soffice(data: bytes, suffix: str, target: str) -> bytes:
    """`data` (a file of `suffix`) saved by LibreOffice as `target` ("odt", "ods", "docx", "pdf")."""
    with tempfile.TemporaryDirectory(prefix="unseen8-") as tmp:
        work = Path(tmp)
        src = work / f"report{suffix}"
        src.write_bytes(data)
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", target, "--outdir", str(work / "out"), str(src)],
                       check=True, capture_output=True, timeout=600, cwd=work)
        return (work / "out" / f"report.{target}").read_bytes()


def saved_as(render, suffix: str, target: str):
    def make(key, style):
        return soffice(render(key, style), suffix, target)
    return make


# --- OpenDocument spreadsheets, written as LibreOffice writes them --------------------------------
# (this machine's LibreOffice has no spreadsheet module: the workbook is written in ODF's own
# vocabulary — repeated empty cells, covered cells under a merge, a cell's lines as paragraphs)

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def ods_from_workbook(render):
    def make(key, style):
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(render(key, style)))
        tables = []
        for ws in wb.worksheets:
            spans, covered = {}, set()
            for rng in ws.merged_cells.ranges:
                spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
                covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1)
                            for c in range(rng.min_col, rng.max_col + 1)} - {(rng.min_row, rng.min_col)}
            width = ws.max_column
            out = [f'<table:table table:name="{escape(ws.title)}" table:style-name="ta1">'
                   f'<table:table-column table:number-columns-repeated="{width}"/>']
            for r in range(1, ws.max_row + 1):
                cells, empty = [], 0
                for c in range(1, width + 1):
                    v = ws.cell(r, c).value
                    if (r, c) in covered:
                        tag = "<table:covered-table-cell/>"
                    elif v is None:
                        empty += 1
                        continue
                    else:
                        rows, cols = spans.get((r, c), (1, 1))
                        span = (f' table:number-rows-spanned="{rows}" table:number-columns-spanned="{cols}"'
                                if (rows, cols) != (1, 1) else "")
                        kind = ('office:value-type="float" office:value="%s" calcext:value-type="float"' % v
                                if isinstance(v, (int, float)) else 'office:value-type="string"')
                        kind = kind.replace(' calcext:value-type="float"', "")
                        paras = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(v).split("\n"))
                        tag = f"<table:table-cell {kind}{span}>{paras}</table:table-cell>"
                    if empty:
                        cells.append(f'<table:table-cell table:number-columns-repeated="{empty}"/>')
                        empty = 0
                    cells.append(tag)
                cells.append(f'<table:table-cell table:number-columns-repeated="{1024 - width + empty}"/>')
                out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
            out.append('<table:table-row table:number-rows-repeated="1048000">'
                       '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
            out.append("</table:table>")
            tables.append("".join(out))
        content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.3">'
                   '<office:automatic-styles><style:style style:name="ta1" style:family="table">'
                   '<style:table-properties table:display="true"/></style:style></office:automatic-styles>'
                   f'<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body>'
                   "</office:document-content>")
        manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                    '<manifest:file-entry manifest:full-path="/" '
                    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                    "</manifest:manifest>")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
            zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        return buf.getvalue()
    return make


# --- flat OpenDocument text, written by hand -------------------------------------------------------

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph">
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style/><style:footer-style/></style:page-layout>
 <style:style style:name="fr1" style:family="graphic"><style:graphic-properties fo:border="0.5pt solid #000000"
   style:wrap="none" style:vertical-pos="top" style:horizontal-pos="left"/></style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header>{header}</style:header><style:footer>{footer}</style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{tracked}
{body}
</office:text></office:body></office:document>
"""


class Fodt:
    """A flat ODT body built paragraph by paragraph."""

    def __init__(self):
        self.parts: list[str] = []
        self.changes: list[str] = []
        self.notes = 0
        self.frames = 0

    @staticmethod
    def p(text: str, inner: str = "") -> str:
        return f"<text:p>{escape(text)}{inner}</text:p>"

    def para(self, text: str, inner: str = "") -> None:
        self.parts.append(self.p(text, inner))

    def heading(self, text: str, level: int = 1) -> None:
        self.parts.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                          f"{escape(text)}</text:h>")

    def note(self, text: str, kind: str = "footnote") -> str:
        self.notes += 1
        n = self.notes
        return (f'<text:note text:id="ftn{n}" text:note-class="{kind}"><text:note-citation>{n}</text:note-citation>'
                f"<text:note-body>{self.p(text)}</text:note-body></text:note>")

    @staticmethod
    def comment(text: str) -> str:
        return (f"<office:annotation><dc:creator>こども家庭支援課</dc:creator><dc:date>2024-04-10T09:00:00</dc:date>"
                f"{Fodt.p(text)}</office:annotation>")

    def deleted_paragraphs(self, lines: list[str]) -> None:
        """Whole paragraphs deleted under change tracking (shown struck, not the report's text)."""
        cid = f"ct{len(self.changes) + 1}"
        self.changes.append(
            f'<text:changed-region text:id="{cid}"><text:deletion><office:change-info>'
            f"<dc:creator>こども家庭支援課</dc:creator><dc:date>2024-04-10T09:00:00</dc:date></office:change-info>"
            + "".join(self.p(t) for t in lines) + "</text:deletion></text:changed-region>")
        self.parts.append(f'<text:p><text:change text:change-id="{cid}"/></text:p>')

    def frame(self, text: str) -> None:
        """A paragraph holding a text frame (a label drawn in a box) and nothing else."""
        self.frames += 1
        self.parts.append(
            f'<text:p><draw:frame draw:style-name="fr1" draw:name="Frame{self.frames}" text:anchor-type="paragraph" '
            f'svg:width="16cm" draw:z-index="{self.frames}"><draw:text-box fo:min-height="0.8cm">{self.p(text)}'
            "</draw:text-box></draw:frame></text:p>")

    def table(self, rows: list[list[list[str]]]) -> None:
        cols = max(len(r) for r in rows)
        out = [f'<table:table table:name="Table{len(self.parts)}"><table:table-column '
               f'table:number-columns-repeated="{cols}"/>']
        for r in rows:
            out.append("<table:table-row>")
            for cell in r:
                out.append('<table:table-cell office:value-type="string">'
                           + "".join(self.p(t) for t in (cell or [""])) + "</table:table-cell>")
            out.append("</table:table-row>")
        out.append("</table:table>")
        self.parts.append("".join(out))

    def xml(self, header: list[str] = (), footer: list[str] = ()) -> bytes:
        tracked = f"<text:tracked-changes>{''.join(self.changes)}</text:tracked-changes>" if self.changes else ""
        return FODT.format(header="".join(self.p(t) for t in header) or "<text:p/>",
                           footer="".join(self.p(t) for t in footer) or "<text:p/>",
                           tracked=tracked, body="\n".join(self.parts)).encode("utf-8")


def _report_title(key: str, style: str, with_ward: bool = True) -> list[str]:
    lines = u7.title_lines(key, style)
    if not with_ward:
        lines = ["地域子育て支援拠点事業"] + lines[1:]
    return lines


# Footnotes and endnotes: the notes carry the report's words; a reader sees them once.
NOTES = {
    "izumi": ("親になる前の支援：区の母子保健事業と連携して行う妊娠期の家庭向けの講座をいう。",
              "子サポ：横浜子育てサポートシステムの略称。"),
    "kohoku": ("ココアプリ：港北区版の子育て支援情報通知アプリケーション。",
               "ココマップ：区社会福祉協議会が発行する子育て情報地図。"),
}


def fodt_footnotes(key: str, style: str, kind: str = "footnote") -> bytes:
    """A report whose goal sentences carry footnotes (or endnotes) explaining a term."""
    s = seed(key)
    d = Fodt()
    for t in _report_title(key, style):
        d.para(t)
    for label, value in u7.header_pairs(key):
        d.para(f"{label}　{value}")
    y = s["year_from"]
    d.para(f"{year(y, style)}重点目標の評価")
    notes = NOTES[key]
    for g in goals(key):
        note = d.note(notes[g["no"] - 1], kind) if g["no"] <= len(notes) else ""
        d.para(f"重点目標{CIRCLED[g['no'] - 1]}　{g['goal']}", note)
        for label, part in PARTS:
            d.para(f"【{label}】")
            for i in g[part]:
                d.para(i)
    if next_goals(key):
        d.para(f"{year(y + 1, style)}重点目標")
        for g in next_goals(key):
            d.para(f"重点目標{CIRCLED[g['no'] - 1]}　{g['goal']}")
            d.para("【取組内容】")
            for i in g["content"]:
                d.para(i)
    return d.xml()


def fodt_text_boxes(key: str, style: str) -> bytes:
    """Each goal's label and text drawn in a text box; the sections as paragraphs below it."""
    s = seed(key)
    d = Fodt()
    t1, t2 = _report_title(key, style)
    d.frame(t1)
    d.para(t2)
    for label, value in u7.header_pairs(key):
        d.para(f"{label}　{value}")
    y = s["year_from"]
    d.para(f"{year(y, style)}重点目標の評価")
    for g in goals(key):
        d.frame(f"重点目標{nofw_digit(g['no'])}　{g['goal']}")
        for label, part in PARTS:
            d.para(f"■{label}")
            for i in g[part]:
                d.para(i)
    if next_goals(key):
        d.para(f"{year(y + 1, style)}重点目標")
        for g in next_goals(key):
            d.frame(f"重点目標{nofw_digit(g['no'])}　{g['goal']}")
            d.para("■取組内容")
            for i in g["content"]:
                d.para(i)
    return d.xml()


def nofw_digit(n: int) -> str:
    return fw(str(n))


DRAFT_GOAL = "（旧案）地域の公園に出張ひろばを毎週出して、外遊びの場を広げます。"
DRAFT_LINE = "（下書き）ここに数値目標を入れる予定、担当者確認待ち。"


def fodt_native_review(key: str, style: str) -> bytes:
    """An .odt written in the ODF vocabulary itself: a title in a text frame, the ward only in the
    page header, a footnote, a comment, a deleted draft goal (tracked change), sections as
    tables of label | items."""
    s = seed(key)
    d = Fodt()
    t1, t2 = _report_title(key, style, with_ward=False)
    d.frame(t1)
    d.para(t2)
    d.para(f"事業の実施者　{s['operator']}")
    y = s["year_from"]
    d.para(f"{year(y, style)}重点目標の評価")
    for g in goals(key):
        note = d.note(NOTES[key][0]) if g["no"] == 1 and key in NOTES else ""
        d.para(f"重点目標{CIRCLED[g['no'] - 1]}　{g['goal']}", Fodt.comment("区：表現はこのままでよいと思います。") + note)
        d.table([[[label], g[part]] for label, part in PARTS])
    d.deleted_paragraphs([f"重点目標{CIRCLED[len(goals(key))]}　{DRAFT_GOAL}", "【取組内容】", DRAFT_LINE])
    if next_goals(key):
        d.para(f"{year(y + 1, style)}重点目標")
        for g in next_goals(key):
            d.para(f"重点目標{CIRCLED[g['no'] - 1]}　{g['goal']}")
            d.table([[["取組内容"], g["content"]]])
    ward = s["ward"]
    return d.xml(header=[f"横浜市{ward}　地域子育て支援拠点事業"], footer=[f"{ward}こども家庭支援課"])


def fodt_table_notes(key: str, style: str) -> bytes:
    """A label | text table per goal whose cells carry footnotes (a note on a term in 取組内容)."""
    s = seed(key)
    d = Fodt()
    for t in _report_title(key, style):
        d.para(t)
    for label, value in u7.header_pairs(key):
        d.para(f"{label}　{value}")
    y = s["year_from"]
    d.para(f"{year(y, style)}重点目標の評価")
    notes = NOTES_2[key]
    for g in goals(key):
        rows = [[[f"重点目標{fw(str(g['no']))}"], [g["goal"]]]]
        for label, part in PARTS:
            rows.append([[label], g[part]])
        d.table(rows)
        if g["no"] <= len(notes):
            # the note cited at the end of the goal's content cell
            last = d.parts[-1]
            cut = last.rfind("</text:p></table:table-cell></table:table-row><table:table-row>"
                             "<table:table-cell office:value-type=\"string\"><text:p>取組の成果")
            assert cut > 0
            d.parts[-1] = last[:cut] + d.note(notes[g["no"] - 1]) + last[cut:]
    if next_goals(key):
        d.para(f"{year(y + 1, style)}重点目標")
        for g in next_goals(key):
            d.table([[[f"重点目標{fw(str(g['no']))}"], [g["goal"]]], [["取組内容"], g["content"]]])
    return d.xml()


NOTES_2 = {
    "naka": ("プレマザーズクラス：区福祉保健センターが開く妊娠期の両親教室の名称。",
             "おしゃべりタイム：ひろばで月2回開く利用者同士の交流の時間。"),
}


def as_odt(render):
    return saved_as(render, ".fodt", "odt")


def as_docx_from_fodt(render):
    return saved_as(render, ".fodt", "docx")


# --- Word (python-docx) ----------------------------------------------------------------------------

def _tracked_paragraph(document, text: str, tag: str):
    """A paragraph whose whole text is a tracked deletion (w:del) or insertion (w:ins)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    para = document.add_paragraph()
    wrap_el = OxmlElement(tag)
    wrap_el.set(qn("w:id"), str(abs(hash((tag, text))) % 100000))
    wrap_el.set(qn("w:author"), "こども家庭支援課")
    wrap_el.set(qn("w:date"), "2024-04-10T09:00:00Z")
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if tag == "w:del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    wrap_el.append(run)
    para._p.append(wrap_el)
    if tag == "w:del":   # the paragraph mark is deleted too: the paragraph is gone when accepted
        ppr = para._p.get_or_add_pPr()
        rpr = OxmlElement("w:rPr")
        mark = OxmlElement("w:del")
        mark.set(qn("w:id"), str(abs(hash(("mark", text))) % 100000))
        mark.set(qn("w:author"), "こども家庭支援課")
        mark.set(qn("w:date"), "2024-04-10T09:00:00Z")
        rpr.append(mark)
        ppr.append(rpr)
    return para


def docx_tracked(key: str, style: str) -> bytes:
    """Under review: a draft goal and a draft line deleted (tracked), each section's last item a
    tracked insertion, a comment on each goal."""
    import docx

    d = docx.Document()
    for t in u7.title_lines(key, style):
        d.add_paragraph(t)
    for label, value in u7.header_pairs(key):
        d.add_paragraph(f"{label}　{value}")
    y = seed(key)["year_from"]
    d.add_paragraph(f"{year(y, style)}重点目標の評価")
    for g in goals(key):
        p = d.add_paragraph(f"重点目標{fw(str(g['no']))}　")
        run = p.add_run(g["goal"])
        d.add_comment(run, text="区：拠点と確認済み。", author="こども家庭支援課", initials="区")
        for label, part in PARTS:
            d.add_paragraph(f"＜{label}＞")
            items = g[part]
            for i in items[:-1]:
                d.add_paragraph(i)
            _tracked_paragraph(d, items[-1], "w:ins")
            if part == "content" and g["no"] == 1:
                _tracked_paragraph(d, DRAFT_LINE, "w:del")
    n = len(goals(key)) + 1
    _tracked_paragraph(d, f"重点目標{fw(str(n))}　{DRAFT_GOAL}", "w:del")
    _tracked_paragraph(d, "＜取組内容＞", "w:del")
    _tracked_paragraph(d, DRAFT_LINE, "w:del")
    return docx_bytes(d)


def _label_table(d, rows):
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, items in rows:
        cells = t.add_row().cells
        cells[0].text = label
        u7.set_cell(cells[1], items)
    return t


def docx_bullet_cells(key: str, style: str) -> bytes:
    """A label | items table per goal, each cell's items separate paragraphs (bulleted ・)."""
    import docx

    d = docx.Document()
    for t in u7.title_lines(key, style):
        d.add_paragraph(t)
    for label, value in u7.header_pairs(key):
        d.add_paragraph(f"{label}　{value}")
    y = seed(key)["year_from"]
    d.add_paragraph(f"{year(y, style)}重点目標の評価")
    for g in goals(key):
        rows = [(f"重点目標{fw(str(g['no']))}", [g["goal"]])]
        rows += [(label, ["・" + u7.ITEM_MARKS.sub("", i) for i in g[part] if len(u7.ITEM_MARKS.sub("", i)) >= 6])
                 for label, part in PARTS]
        _label_table(d, rows)
        d.add_paragraph("")
    if next_goals(key):
        d.add_paragraph(f"{year(y + 1, style)}重点目標")
        for g in next_goals(key):
            _label_table(d, [(f"重点目標{fw(str(g['no']))}", [g["goal"]]), ("取組内容", g["content"])])
            d.add_paragraph("")
    return docx_bytes(d)


def docx_seika_kadai_cell(key: str, style: str, labels=("実施内容", "成果と課題"), wide: bool = False) -> bytes:
    """Sections 実施内容 and 成果と課題, the latter one cell holding 【成果】 and 【課題】 paragraphs.
    `wide`: one table, a row per goal (重点目標 | 実施内容 | 成果と課題); else a label table per goal."""
    import docx
    from docx.shared import Mm

    d = docx.Document()
    if wide:
        sec = d.sections[0]
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
        sec.left_margin = sec.right_margin = Mm(15)
    for t in u7.title_lines(key, style):
        d.add_paragraph(t)
    for label, value in u7.header_pairs(key):
        d.add_paragraph(f"{label}　{value}")
    y = seed(key)["year_from"]
    d.add_paragraph(f"{year(y, style)}重点目標の評価")
    if wide:
        t = d.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for c, h in enumerate(("重点目標",) + labels):
            t.cell(0, c).text = h
    for g in goals(key):
        both = ["【成果】"] + g["outcome"] + ["【課題】"] + g["issue"]
        if wide:
            cells = t.add_row().cells
            u7.set_cell(cells[0], [f"{g['no']}　{g['goal']}"])
            u7.set_cell(cells[1], g["content"])
            u7.set_cell(cells[2], both)
        else:
            _label_table(d, [(f"重点目標{CIRCLED[g['no'] - 1]}", [g["goal"]]), (labels[0], g["content"]),
                             (labels[1], both)])
            d.add_paragraph("")
    if next_goals(key):
        d.add_paragraph(f"{year(y + 1, style)}重点目標")
        for g in next_goals(key):
            d.add_paragraph(f"重点目標{CIRCLED[g['no'] - 1]}　{g['goal']}")
            for i in g["content"]:
                d.add_paragraph(i)
    return docx_bytes(d)


def docx_ward_in_margins(key: str, style: str, header: bool = True) -> bytes:
    """The ward named only in the page header and footer (or footer only); the body's title and
    header rows name no ward (the operator only)."""
    import docx

    s = seed(key)
    d = docx.Document()
    sec = d.sections[0]
    if header:
        sec.header.paragraphs[0].text = f"横浜市{s['ward']}　地域子育て支援拠点事業"
    sec.footer.paragraphs[0].text = f"{s['ward']}こども家庭支援課"
    for t in _report_title(key, style, with_ward=False):
        d.add_paragraph(t)
    if s["operator"]:
        d.add_paragraph(f"事業の実施者　{s['operator']}")
    y = s["year_from"]
    d.add_paragraph(f"{year(y, style)}重点目標の評価")
    for g in goals(key):
        d.add_paragraph(f"{year(y, style)}　重点目標{fw(str(g['no']))}　{g['goal']}")
        for label, part in PARTS:
            d.add_paragraph(f"【{label}】")
            for i in g[part]:
                d.add_paragraph(i)
    if next_goals(key):
        d.add_paragraph(f"{year(y + 1, style)}重点目標")
        for g in next_goals(key):
            d.add_paragraph(f"{year(y + 1, style)}　重点目標{fw(str(g['no']))}　{g['goal']}")
            d.add_paragraph("【取組内容】")
            for i in g["content"]:
                d.add_paragraph(i)
    return docx_bytes(d)


# --- Excel ---------------------------------------------------------------------------------------

def xlsx_other_words(key: str, style: str) -> bytes:
    """Goal rows under the columns 重点目標 | 実施状況 | 達成状況 | 課題と今後の方向性."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "振り返りシート"
    for t in u7.title_lines(key, style):
        ws.append([t])
    for label, value in u7.header_pairs(key):
        ws.append([label, value])
    y = seed(key)["year_from"]
    ws.append([])
    ws.append([f"{year(y, style)}の取組の振り返り"])
    ws.append(["重点目標", "実施状況", "達成状況", "課題と今後の方向性"])
    for g in goals(key):
        ws.append([f"{g['no']}．{g['goal']}", "\n".join(g["content"]), "\n".join(g["outcome"]), "\n".join(g["issue"])])
    if next_goals(key):
        ws.append([])
        ws.append([f"{year(y + 1, style)}重点目標"])
        ws.append(["重点目標", "実施内容"])
        for g in next_goals(key):
            ws.append([f"{g['no']}．{g['goal']}", "\n".join(g["content"])])
    return xlsx_bytes(wb)


def pdf_wide_sheet(key: str, style: str, repeat_a: bool = False) -> bytes:
    """A sheet of a row per goal (重点目標 | 取組内容 | 取組の成果 | 取組の課題) wider than a portrait
    page, printed as Excel prints it ("down, then over"): the pages of columns A–B for all rows,
    then the pages of columns C–D (with column A repeated when `repeat_a`, the print titles an
    office sets), each row as tall on every page, grid lines drawn, 「Sheet1」-free footer
    「n / N」. (This machine's LibreOffice has no spreadsheet module to print the .xlsx.)"""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Table, TableStyle

    st = u7.pdf_style(8)
    width, height = A4
    usable = height - 80
    cols = {"A": 110, "B": 210, "C": 210, "D": 210}
    s = seed(key)
    y = s["year_from"]
    head = ["重点目標", "取組内容", "取組の成果", "取組の課題"]
    rows = [[f"{g['no']}　{g['goal']}", g["content"], g["outcome"], g["issue"]] for g in goals(key)]

    def cell(v, w):
        items = v if isinstance(v, list) else [v]
        return [u7.pdf_paragraph(i, st) for i in items]

    def tall(v, w):
        return sum(p.wrap(w - 12, 10000)[1] for p in cell(v, w)) + 8

    heights = [max(tall(v, cols[c]) for v, c in zip(r, "ABCD")) for r in rows]
    head_h = 20
    # rows per page: the same on every column block
    chunks, cur, used = [], [], head_h
    for i, h in enumerate(heights):
        if cur and used + h > usable - 60:
            chunks.append(cur)
            cur, used = [], head_h
        cur.append(i)
        used += h
    chunks.append(cur)
    blocks = [("A", "B"), (("A", "C", "D") if repeat_a else ("C", "D"))]
    story = []
    first_page = True
    for block in blocks:
        for chunk in chunks:
            if not first_page:
                story.append(PageBreak())
            if first_page:
                story += [u7.pdf_paragraph(t, u7.pdf_style(11)) for t in u7.title_lines(key, style)]
                story += [u7.pdf_paragraph(f"{label}　{value}", st) for label, value in u7.header_pairs(key)]
                story.append(u7.pdf_paragraph(f"{year(y, style)}重点目標の評価", u7.pdf_style(10)))
            first_page = False
            idx = ["ABCD".index(c) for c in block]
            data = [[u7.pdf_paragraph(head[k], st) for k in idx]] + [[cell(rows[i][k], cols["ABCD"[k]]) for k in idx]
                                                           for i in chunk]
            t = Table(data, colWidths=[cols[c] for c in block], rowHeights=[head_h] + [heights[i] for i in chunk],
                      hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)

    return story_pdf(story, A4, lambda page: f"{page} / {len(blocks) * len(chunks)}")


# --- text and web pages --------------------------------------------------------------------------

def text_report(key: str, style: str, labels=("取組内容", "取組の成果", "取組の課題"), title=True,
                mark="■", goal_label=None, header=True) -> list[str]:
    """A yearly report as plain lines, its sections labelled `labels`."""
    s = seed(key)
    y = s["year_from"]
    out = list(u7.title_lines(key, style)) if title else []
    if header:
        out += [f"{label}：{value}" for label, value in u7.header_pairs(key)]
    out += ["", f"{year(y, style)}重点目標の評価", ""]
    for g in goals(key):
        out.append(goal_label(g, y) if goal_label else f"重点目標{fw(str(g['no']))}　{g['goal']}")
        for label, (_l, part) in zip(labels, PARTS):
            out.append(f"{mark}{label}")
            out.extend(g[part])
        out.append("")
    if next_goals(key):
        out += [f"{year(y + 1, style)}重点目標", ""]
        for g in next_goals(key):
            out.append(goal_label(g, y + 1) if goal_label else f"重点目標{fw(str(g['no']))}　{g['goal']}")
            out.append(f"{mark}{labels[0]}")
            out.extend(g["content"])
            out.append("")
    return out


def txt_other_words(key: str, style: str) -> bytes:
    return "\n".join(text_report(key, style, labels=("実施状況", "達成状況", "今後の方向性"))).encode("utf-8")


def txt_fullwidth_everywhere(key: str, style: str) -> bytes:
    """Full-width digits and 和暦 in every position: title Ｒ５, dates 令和５年４月１日, goals
    「令和５年度　重点目標１」, next year's 「2024（令和６）年度」."""
    s = seed(key)
    y = s["year_from"]
    lines = [f"{s['ward']}地域子育て支援拠点事業",
             f"{year(y, 'R')}重点目標評価結果・{year(y + 1, 'R')}重点目標".translate(FW).replace("R", "Ｒ")]
    h = u7.HEAD[key]
    if h["period"]:
        lines.append(fw(f"事業実施期間：{h['period'][0]}{h['period'][1]}"))
    lines.append(f"事業の実施者：{s['operator']}　{h['office']}")
    lines += ["", fw(f"{year(y, 'wareki')}　重点目標の評価"), ""]
    for g in goals(key):
        lines.append(fw(f"{year(y, 'wareki')}　重点目標{g['no']}") + f"　{g['goal']}")
        for label, part in PARTS:
            lines.append(f"（{label}）")
            lines.extend(g[part])
        lines.append("")
    if next_goals(key):
        lines += [fw(f"{y + 1}（令和{y + 1 - 2018}）年度　重点目標"), ""]
        for g in next_goals(key):
            lines.append(fw(f"{y + 1}（令和{y + 1 - 2018}）年度　重点目標{g['no']}") + f"　{g['goal']}")
            lines.append("（取組内容）")
            lines.extend(g["content"])
            lines.append("")
    return "\n".join(lines).encode("utf-8")


def txt_5kanen_fw(key: str, style: str) -> bytes:
    """The five-year summary as text, dated Ｒ３～Ｒ７ and 2021（令和３）年度～2025（令和７）年度."""
    s = seed(key)
    lines = [f"{s['ward']}地域子育て支援拠点事業　５か年のまとめ（Ｒ３～Ｒ７）",
             "対象期間：2021（令和３）年度～2025（令和７）年度",
             f"事業の実施者：{s['operator']}　{s['ward']}こども家庭支援課", ""]
    for p in s["programmes"]:
        lines += [f"{fw(str(p['no']))}　{PROGRAMME_NAMES[p['no']]}", "目指す拠点の姿\t自己評価（法人）\t自己評価（区）"]
        for a in p["aims"]:
            lines.append(f"{a['text']}\t{fw(a['法人'])}\t{fw(a['区'])}")
        lines.append("評価の理由（法人）")
        for r in p["reason_op"]:
            lines.extend(r.split("\n"))
        lines.append("評価の理由（区）")
        lines.extend(p["reason_ward"])
        lines += ["拠点事業としての成果と課題", "（成果）"] + p["outcome"] + ["（課題）"] + p["issue"] + [""]
    return "\n".join(lines).encode("utf-8")


PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{title}</title></head><body>
{body}
</body></html>
"""


def _e(s: str) -> str:
    return html.escape(s)


def html_other_words(key: str, style: str) -> bytes:
    """A table per goal: 重点目標 / 取組 / 振り返り / 今後の方向性 rows."""
    s = seed(key)
    y = s["year_from"]
    t1, t2 = u7.title_lines(key, style)
    body = [f"<h1>{_e(t1)}</h1>", f"<p>{_e(t2)}</p>"]
    body += [f"<p>{_e(label)}：{_e(value)}</p>" for label, value in u7.header_pairs(key)]
    body.append(f"<h2>{_e(year(y, style))}重点目標の評価</h2>")
    for g in goals(key):
        rows = [("重点目標" + str(g["no"]), [g["goal"]]), ("取組", g["content"]), ("振り返り", g["outcome"]),
                ("今後の方向性", g["issue"])]
        body.append("<table border='1'>" + "".join(
            f"<tr><th>{_e(label)}</th><td>{'<br>'.join(_e(i) for i in items)}</td></tr>" for label, items in rows)
            + "</table>")
    if next_goals(key):
        body.append(f"<h2>{_e(year(y + 1, style))}重点目標</h2>")
        for g in next_goals(key):
            body.append(f"<h3>重点目標{g['no']}　{_e(g['goal'])}</h3>")
            body.append("<ul>" + "".join(f"<li>{_e(i)}</li>" for i in g["content"]) + "</ul>")
    return PAGE.format(title=_e(t1), body="\n".join(body)).encode("utf-8")


def html_mixed_eras(key: str, style: str) -> bytes:
    """Headings with H30 in the title, 平成３０年度 on goals, next year as H31（2019）年度."""
    s = seed(key)
    y = s["year_from"]
    era, n = u7.era(y)
    short = {"令和": "R", "平成": "H"}[era]
    era2, n2 = u7.era(y + 1)
    body = [f"<h1>{_e(s['ward'])} 地域子育て支援拠点事業 {short}{n}年度 重点目標の評価</h1>"]
    for g in goals(key):
        body.append(f"<h2>{fw(f'{era}{n}年度')} 重点目標{fw(str(g['no']))}</h2><p>{_e(g['goal'])}</p>")
        for label, part in PARTS:
            body.append(f"<h3>{label}</h3><ul>" + "".join(f"<li>{_e(i)}</li>" for i in g[part]) + "</ul>")
    if next_goals(key):
        body.append(f"<h2>{'H' if era2 == '平成' else 'R'}{n2}（{y + 1}）年度 重点目標</h2>")
        for g in next_goals(key):
            body.append(f"<h3>重点目標{g['no']}</h3><p>{_e(g['goal'])}</p>")
            body.append("<h4>取組内容</h4><ul>" + "".join(f"<li>{_e(i)}</li>" for i in g["content"]) + "</ul>")
    return PAGE.format(title=f"{_e(s['ward'])} 拠点事業評価", body="\n".join(body)).encode("utf-8")


# A compilation: each ward's part headed in its own way (no common shape).
COMPILED = (
    ("izumi", lambda s, y: f"第１章　{s['ward']}の報告（{year(y, 'wareki')}）"),
    ("konan", lambda s, y: f"【{s['ward']}】地域子育て支援拠点　評価結果"),
    ("naka", lambda s, y: f"{s['ward']}　{s['hub']}"),
)
COVER = ("地域子育て支援拠点事業　各区評価報告書（抜粋）", "横浜市こども青少年局", "",
         "この冊子は、各区の拠点事業評価のうち重点目標の評価を抜粋して収録したものです。", "")


def compiled_parts(style: str) -> list[tuple[str, list[str]]]:
    parts = []
    for key, heading in COMPILED:
        s = seed(key)
        parts.append((heading(s, s["year_from"]), text_report(key, style, title=False, mark="◆")))
    return parts


def txt_compilation(key: str, style: str) -> bytes:
    lines = list(COVER)
    for heading, body in compiled_parts(style):
        lines += [heading, ""] + body + [""]
    return "\n".join(lines).encode("utf-8")


def html_compilation(key: str, style: str) -> bytes:
    body = [f"<h1>{_e(COVER[0])}</h1>", f"<p>{_e(COVER[1])}</p>", f"<p>{_e(COVER[3])}</p>"]
    for heading, lines in compiled_parts(style):
        body.append(f"<h2>{_e(heading)}</h2>")
        body += [f"<p>{_e(t)}</p>" for t in lines if t]
    return PAGE.format(title=_e(COVER[0]), body="\n".join(body)).encode("utf-8")


def txt_compilation_2(key: str, style: str) -> bytes:
    """Another compilation headed each its own way: a numbered heading with the hub, a ward
    in square brackets with a subtitle, a bare ward name with the year in R form."""
    heads = (("kohoku", lambda s, y: f"１．{s['ward']}（地域子育て支援拠点どろっぷ）"),
             ("izumi", lambda s, y: f"［{s['ward']}］　重点目標の取組状況について"),
             ("konan", lambda s, y: f"{s['ward']}　{year(y, 'R')}"))
    lines = ["令和６年度　拠点事業評価　区別資料集", "こども青少年局地域子育て支援課", ""]
    for key, heading in heads:
        s = seed(key)
        lines += [heading(s, s["year_from"]), ""] + text_report(key, style, title=False, mark="●") + [""]
    return "\n".join(lines).encode("utf-8")


def docx_years_in_brackets(key: str, style: str) -> bytes:
    """Goal headings 「R5（2023）年度　重点目標１」 and next year's 「2024（R6）年度　重点目標」, in Word."""
    import docx

    s = seed(key)
    y = s["year_from"]
    era, n = u7.era(y)
    short = {"令和": "R", "平成": "H"}[era]
    era2, n2 = u7.era(y + 1)
    short2 = {"令和": "R", "平成": "H"}[era2]
    d = docx.Document()
    d.add_paragraph(f"{s['ward']}地域子育て支援拠点事業")
    d.add_paragraph(fw(f"{short}{n}（{y}）年度　重点目標の評価"))
    for g in goals(key):
        d.add_paragraph(fw(f"{short}{n}（{y}）年度　重点目標{g['no']}") + f"　{g['goal']}")
        for label, part in PARTS:
            d.add_paragraph(f"〔{label}〕")
            for i in g[part]:
                d.add_paragraph(i)
    if next_goals(key):
        d.add_paragraph(fw(f"{y + 1}（{short2}{n2}）年度　重点目標"))
        for g in next_goals(key):
            d.add_paragraph(f"重点目標{fw(str(g['no']))}　{g['goal']}")
            d.add_paragraph("〔取組内容〕")
            for i in g["content"]:
                d.add_paragraph(i)
    return docx_bytes(d)


# --- the documents and their expected parse --------------------------------------------------------

DOCUMENTS = [
    # (file, seed, layout, year style)
    ("izumi_r5_nested_tables.odt", "izumi", "odt_nested_tables", "wareki_fw"),
    ("naka_h31_heading_styles.odt", "naka", "odt_heading_styles", "R"),
    ("konan_r5_side_by_side.odt", "konan", "odt_side_by_side", "wareki"),
    ("nishi_5kanen_headings.odt", "nishi", "odt_headings_5kanen", "wareki"),
    ("kohoku_h30_merged_rows.ods", "kohoku", "ods_merged_rows", "R"),
    ("naka_h31_year_sheets.ods", "naka", "ods_year_sheets", "wareki_fw"),
    ("nishi_5kanen_maru_grades.ods", "nishi", "ods_maru_grades", "wareki"),
    ("izumi_r5_native_review.odt", "izumi", "odt_native_review", "wareki"),
    ("izumi_r5_footnotes.docx", "izumi", "docx_footnotes", "wareki"),
    ("kohoku_h30_endnotes.docx", "kohoku", "docx_endnotes", "wareki"),
    ("naka_h31_text_boxes.docx", "naka", "docx_text_boxes", "wareki"),
    ("konan_r5_tracked.docx", "konan", "docx_tracked", "wareki_fw"),
    ("izumi_r5_seika_kadai_cell_word.pdf", "izumi", "pdf_of_docx_seika_kadai_wide", "wareki"),
    ("konan_r5_bullet_cells_word.pdf", "konan", "pdf_of_docx_bullet_cells", "wareki"),
    ("kohoku_h30_wide_sheet_excel.pdf", "kohoku", "pdf_of_xlsx_wide_sheet", "wareki"),
    ("naka_h31_wide_sheet_repeat_a_excel.pdf", "naka", "pdf_of_xlsx_wide_sheet_repeat_a", "wareki"),
    ("konan_2023_ward_in_footer_word.pdf", "konan", "pdf_of_docx_ward_in_footer", "western"),
    ("izumi_r5_other_words.txt", "izumi", "txt_other_words", "wareki"),
    ("naka_h31_furikaeri.html", "naka", "html_other_words", "wareki"),
    ("konan_r5_seika_kadai_cell.docx", "konan", "docx_seika_kadai_cell", "wareki"),
    ("kohoku_h30_tassei.xlsx", "kohoku", "xlsx_other_words", "wareki"),
    ("izumi_r5_fullwidth.txt", "izumi", "txt_fullwidth_everywhere", "wareki_fw"),
    ("kohoku_h30_mixed_eras.html", "kohoku", "html_mixed_eras", "wareki"),
    ("nishi_r3_r7_fullwidth.txt", "nishi", "txt_5kanen_fw", "wareki_fw"),
    ("naka_h31_ward_in_header.docx", "naka", "docx_ward_in_margins", "wareki_fw"),
    ("izumi_r5_bullet_cells.docx", "izumi", "docx_bullet_cells", "R"),
    ("izumi_r5_bullet_cells_word.pdf", "izumi", "pdf_of_docx_bullet_cells", "R"),
    ("zenku_mixed_headings.txt", None, "txt_compilation", "wareki"),
    ("zenku_mixed_headings.html", None, "html_compilation", "wareki"),
]

# batch 2: written after batch 1's fixes, before the parser was run on them
BATCH_2 = [
    ("kohoku_h30_review.odt", "kohoku", "odt_review", "wareki"),
    ("nishi_5kanen_check_grades.ods", "nishi", "ods_check_grades", "R"),
    ("konan_r5_form_lines.ods", "konan", "ods_form_lines", "wareki"),
    ("naka_h31_table_notes.docx", "naka", "docx_table_notes", "wareki"),
    ("izumi_r5_wide_sheet_excel.pdf", "izumi", "pdf_of_xlsx_wide_sheet", "wareki_fw"),
    ("konan_r5_wide_sheet_repeat_a_excel.pdf", "konan", "pdf_of_xlsx_wide_sheet_repeat_a", "R"),
    ("konan_r5_seika_kadai_cell_word.pdf", "konan", "pdf_of_docx_seika_kadai_cell", "wareki"),
    ("naka_h31_years_in_brackets.docx", "naka", "docx_years_in_brackets", "R"),
    ("zenku_r6_shiryoshu.txt", None, "txt_compilation_2", "wareki"),
]

LAYOUTS = {
    "odt_nested_tables": saved_as(u7.docx_nested_tables, ".docx", "odt"),
    "odt_heading_styles": saved_as(u7.docx_heading_styles, ".docx", "odt"),
    "odt_side_by_side": saved_as(u7.docx_side_by_side, ".docx", "odt"),
    "odt_headings_5kanen": saved_as(u7.docx_headings_5kanen, ".docx", "odt"),
    "ods_merged_rows": ods_from_workbook(u7.xlsx_merged_rows),
    "ods_year_sheets": ods_from_workbook(u7.xlsx_year_sheets),
    "ods_maru_grades": ods_from_workbook(u7.xlsx_maru_grades),
    "odt_native_review": as_odt(fodt_native_review),
    "docx_footnotes": as_docx_from_fodt(fodt_footnotes),
    "docx_endnotes": as_docx_from_fodt(lambda key, style: fodt_footnotes(key, style, "endnote")),
    "docx_text_boxes": as_docx_from_fodt(fodt_text_boxes),
    "docx_tracked": docx_tracked,
    "pdf_of_docx_seika_kadai_wide": saved_as(lambda k, s: docx_seika_kadai_cell(k, s, ("取組内容", "成果と課題"), True),
                                             ".docx", "pdf"),
    "pdf_of_docx_bullet_cells": saved_as(docx_bullet_cells, ".docx", "pdf"),
    "pdf_of_xlsx_wide_sheet": pdf_wide_sheet,
    "pdf_of_xlsx_wide_sheet_repeat_a": lambda k, s: pdf_wide_sheet(k, s, repeat_a=True),
    "pdf_of_docx_ward_in_footer": saved_as(lambda k, s: docx_ward_in_margins(k, s, header=False), ".docx", "pdf"),
    "txt_other_words": txt_other_words,
    "html_other_words": html_other_words,
    "docx_seika_kadai_cell": docx_seika_kadai_cell,
    "xlsx_other_words": xlsx_other_words,
    "txt_fullwidth_everywhere": txt_fullwidth_everywhere,
    "html_mixed_eras": html_mixed_eras,
    "txt_5kanen_fw": txt_5kanen_fw,
    "docx_ward_in_margins": docx_ward_in_margins,
    "docx_bullet_cells": docx_bullet_cells,
    "txt_compilation": txt_compilation,
    "odt_review": saved_as(u7.docx_review, ".docx", "odt"),
    "ods_check_grades": ods_from_workbook(u7.xlsx_check_grades),
    "ods_form_lines": ods_from_workbook(u7.xlsx_form_lines),
    "docx_table_notes": as_docx_from_fodt(fodt_table_notes),
    "pdf_of_docx_seika_kadai_cell": saved_as(docx_seika_kadai_cell, ".docx", "pdf"),
    "docx_years_in_brackets": docx_years_in_brackets,
    "txt_compilation_2": txt_compilation_2,
    "html_compilation": html_compilation,
}

# Layouts that lay out this year's goals only.
THIS_YEAR_ONLY = {"odt_side_by_side", "ods_form_lines", "pdf_of_xlsx_wide_sheet", "pdf_of_xlsx_wide_sheet_repeat_a"}
# What a reader sees once (footnotes, endnotes, text in frames) and what a reader does not see
# (deleted drafts) — checked over the whole document's passages.
SEEN_ONCE = {
    "docx_footnotes": lambda key: [u7.snippet(n) for n in NOTES[key]],
    "docx_endnotes": lambda key: [u7.snippet(n) for n in NOTES[key]],
    "odt_native_review": lambda key: [u7.snippet(NOTES[key][0])],
    "docx_table_notes": lambda key: [u7.snippet(n) for n in NOTES_2[key]],
}
NOT_SEEN = {
    "docx_tracked": [u7.snippet(DRAFT_GOAL), u7.snippet(DRAFT_LINE)],
    "odt_native_review": [u7.snippet(DRAFT_GOAL), u7.snippet(DRAFT_LINE), "表現はこのままでよいと思います"],
}


def expected_for(name: str, key: str, layout: str) -> dict:
    if key is None:   # the compilation: one expectation per ward's part
        parts = {}
        for k in ({"txt_compilation_2": ("kohoku", "izumi", "konan")}.get(layout) or [k for k, _h in COMPILED]):
            want = u7.expected_for(name, k, layout)
            parts[want["ward"]] = want
        return {"layout": layout, "parts": parts}
    want = u7.expected_for(name, key, "docx_side_by_side" if layout in THIS_YEAR_ONLY else layout)
    want["layout"] = layout
    if layout in SEEN_ONCE:
        want["seen_once"] = SEEN_ONCE[layout](key)
    if layout in NOT_SEEN:
        want["not_seen"] = NOT_SEEN[layout]
    return want


def main(argv: list[str]) -> int:
    only = set(argv[1:])
    expected = {}
    for batch, documents in ((1, DOCUMENTS), (2, BATCH_2)):
        for name, key, layout, style in documents:
            expected[name] = expected_for(name, key, layout)
            expected[name]["year_style"] = style
            if batch > 1:
                expected[name]["batch"] = batch
    for name, key, layout, style in DOCUMENTS + BATCH_2:
        if only and name not in only:
            continue
        (HERE / name).write_bytes(LAYOUTS[layout](key, style))
        print("wrote", name)
    about = ("Eighth round: the five seed reports re-laid in OpenDocument, Word notes/boxes/tracked changes, "
             "PDFs of Word cells and wide Excel sheets, other section words, a compilation without a common "
             "heading shape, full-width and 和暦 years; written by make_docs.py before the parser was run on them.")
    (HERE / "expected.json").write_text(json.dumps({"_about": about, "documents": expected}, ensure_ascii=False,
                                                   indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
