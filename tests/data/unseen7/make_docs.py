"""Writes the documents of tests/data/unseen7 and their expected.json (run once; the outputs are
committed).

    PYTHONPATH=$PWD python tests/data/unseen7/make_docs.py

Seventh round of documents nobody tuned the parser on: THE FIVE SEED REPORTS (corpus/) re-laid
in real-world layouts and formats that benchmarks/format_variants.py, benchmarks/variants.py
and the earlier rounds do not produce. The content (goals, 取組内容, 成果, 課題, next year's goals,
the five-year summary's aims, grades, reasons, 成果 and 課題) is the seed reports', held in
seed_content.json (taken once from the seed corpus and read by hand); the generator below
lays it out, never calling the parser. expected.json is what a human reader of each document
would say (ward, fiscal years, type, each goal's sections, each programme's grades): written
here from the same content, before the parser was run on the documents.

Layouts (one function each, named in expected.json's "layout"):

- pdf_excel_table: a PDF printed from Excel (landscape), one table row per goal
  (重点目標 | 取組内容 | 取組の成果 | 取組の課題), the header row repeated on every page, rows cut
  across pages, Excel's page footer 「1 / 3」.
- pdf_two_columns: a PDF laid out in two text columns (a newsletter-style print).
- docx_nested_tables: a Word file, one outer table per year whose cells hold a nested table per
  goal (label | value).
- docx_heading_styles: a Word file whose sections are Word heading styles only (no table, no
  bracket marks), items as list paragraphs.
- docx_review: a Word file under review: comments on goals, tracked insertions and deletions.
- docx_side_by_side: a Word table per goal, the goal in a merged first row, then
  取組内容 | 取組の成果 | 取組の課題 side by side.
- xlsx_merged_rows: one row per item, the goal merged down column A over its items and the
  section name merged down column B.
- xlsx_year_sheets: a sheet per fiscal year named R5 / R6 (the year is only in the sheet name
  and in the title cell).
- xlsx_form_lines: an Excel form whose long texts are typed line by line into consecutive rows,
  the label merged down over them.
- html_div_span: a web page built with div/span and CSS classes, no table, no heading tag.
- html_br_lists: a web page whose lists are <br>-separated lines in one <p>, labels in <b>.
- email_quoted: a text pasted from an e-mail: quoted "> " lines wrapped at 35 characters,
  ■□◆ bullets.
- txt_mixed_years: plain text with years as R5 / 2023（令和5）年度, full- and half-width digits mixed.
- csv_goal_rows: a CSV (cp932) with a 区分 column (評価 / 次年度) and one row per goal.
- rtf_tables: an RTF written by a word processor, a label | value table per goal.
- doc_nested / xls_merged: the nested Word and merged Excel layouts saved as Word 97 / Excel 97
  by LibreOffice.
Batch 2 (written after batch 1's fixes, before the parser was run on it): a two-column PDF of
another report, a form typed 30 characters a row, an e-mail quoted twice (">> ") and wrapped at
30, a five-year sheet with ✓ under S–D per rater, a CSV of goal rows with 西暦 years, a div/span
page of 平成 years.

Batch 3 (written after batch 2's fixes, before the parser was run on it): batch 1's Word and
Excel layouts exported to PDF by LibreOffice (needs soffice): heading styles, nested tables,
side-by-side sections, merged item rows, the five-year ○ grade table and sheet.

    PYTHONPATH=$PWD python tests/data/unseen7/make_docs.py NAME …   # writes only these documents

Five-year summary (西区):
- xlsx_maru_grades: programme merged down column A, grades as ○ in A/B/C/D columns per rater,
  成果 and 課題 merged down the right-hand columns.
- html_div_5kanen: div/span page, grades as 「法人：A」 spans.
- pdf_landscape_5kanen: a landscape PDF, one table per programme, header repeated.
- docx_headings_5kanen: Word heading styles, a grade table with ○ under A–D.
- email_5kanen: an e-mail summary with ◆ programme headings and quoted lines.
"""

from __future__ import annotations

import html
import io
import json
import re
import sys
from pathlib import Path

from tests.data.docgen import chunks, docx_bytes, new_workbook, pdf_font, story_pdf, xlsx_bytes

HERE = Path(__file__).resolve().parent
SEED = json.loads((HERE / "seed_content.json").read_text(encoding="utf-8"))

FW = str.maketrans("0123456789", "０１２３４５６７８９")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
PROGRAMME_NAMES = {1: "親子の居場所事業", 2: "子育て相談事業", 3: "情報収集・提供事業", 4: "ネットワーク事業",
                   5: "人材育成・活動支援事業", 6: "横浜子育てサポートシステム区支部事務局運営事業",
                   7: "利用者支援事業"}

# what each yearly seed's header says (the seed reports' own words)
HEAD = {
    "izumi": dict(office="泉区こども家庭支援課", period=("令和5年4月1日～令和6年3月31日", "（1年度目／5か年度）")),
    "naka": dict(office="中区こども家庭支援課", period=("平成31年4月1日～令和2年3月31日", "（4年度目／5か年度）")),
    "konan": dict(office="港南区こども家庭支援課", period=("令和5年4月1日～令和6年3月31日", "（3年度目／5か年度）")),
    "kohoku": dict(office=None, period=None),
}


def era(y: int) -> tuple[str, int]:
    if y >= 2020:
        return "令和", y - 2018
    if y == 2019:
        return "平成", 31
    return "平成", y - 1988


def year(y: int, style: str = "wareki") -> str:
    name, n = era(y)
    short = {"令和": "R", "平成": "H"}[name]
    label = {
        "wareki": f"{name}{n}年度",
        "wareki_fw": f"{name}{n}年度".translate(FW),
        "R": f"{short}{n}年度",
        "R_bare": f"{short}{n}",
        "western": f"{y}年度",
        "western_fw": f"{y}年度".translate(FW),
        "both": f"{y}（{name}{n}）年度",
        "both_rev": f"{name}{n}（{y}）年度",
    }[style]
    return label


def seed(key: str) -> dict:
    return SEED[key]


def title_lines(key: str, style: str = "wareki") -> list[str]:
    s = seed(key)
    y = s["year_from"]
    first = f"{s['ward']}地域子育て支援拠点事業"
    if s["next_goals"]:
        second = f"{year(y, style)}重点目標評価結果・{year(y + 1, style)}重点目標"
    else:
        second = f"{year(y, style)}重点目標評価結果"
    return [first, second]


def header_pairs(key: str) -> list[tuple[str, str]]:
    s, h = seed(key), HEAD[key]
    out = []
    if h["period"]:
        out.append(("事業実施期間", h["period"][0] + h["period"][1]))
    if s["operator"] or h["office"]:
        out.append(("事業の実施者", "　".join(x for x in (s["operator"], h["office"]) if x)))
    return out


def goals(key: str) -> list[dict]:
    return seed(key)["goals"]


def next_goals(key: str) -> list[dict]:
    return seed(key)["next_goals"]


def nofw(n: int) -> str:
    return str(n).translate(FW)


# --- PDF ---------------------------------------------------------------------------------------

def pdf_style(size=8):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("jp", fontName=pdf_font(), fontSize=size, leading=size * 1.4, wordWrap="CJK")


def pdf_paragraph(text, style):
    from reportlab.platypus import Paragraph

    return Paragraph(html.escape(text), style)


def pdf_cell(items, style):
    return [pdf_paragraph(i, style) for i in items]


def pdf_excel_table(key: str, style: str) -> bytes:
    """Printed from Excel: landscape, a row per goal, the header row repeated, rows cut by pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, Spacer, TableStyle

    st = pdf_style(8)
    size = landscape(A4)
    story = [pdf_paragraph(t, pdf_style(11)) for t in title_lines(key, style)]
    for label, value in header_pairs(key):
        story.append(pdf_paragraph(f"{label}　{value}", st))
    story.append(Spacer(1, 8))
    y = seed(key)["year_from"]
    story.append(pdf_paragraph(f"{year(y, style)}重点目標の評価", pdf_style(10)))
    data = [[pdf_paragraph(h, st) for h in ("No.", "重点目標", "取組内容", "取組の成果", "取組の課題")]]
    for g in goals(key):
        data.append([pdf_paragraph(str(g["no"]), st), pdf_paragraph(g["goal"], st), pdf_cell(g["content"], st), pdf_cell(g["outcome"], st),
                     pdf_cell(g["issue"], st)])
    width = size[0] - 60
    cols = [28, (width - 28) * 0.19] + [(width - 28) * 0.27] * 3
    t = LongTable(data, colWidths=cols, repeatRows=1, splitInRow=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (-1, 0), "#dddddd")]))
    story.append(t)
    if next_goals(key):
        story.append(Spacer(1, 10))
        story.append(pdf_paragraph(f"{year(y + 1, style)}重点目標", pdf_style(10)))
        data = [[pdf_paragraph(h, st) for h in ("No.", "重点目標", "取組内容")]]
        for g in next_goals(key):
            data.append([pdf_paragraph(str(g["no"]), st), pdf_paragraph(g["goal"], st), pdf_cell(g["content"], st)])
        t = LongTable(data, colWidths=[28, (width - 28) * 0.35, (width - 28) * 0.65], repeatRows=1, splitInRow=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)

    return story_pdf(story, size, lambda page: f"{page} / 3", header="Sheet1")


def pdf_two_columns(key: str, style: str) -> bytes:
    """A two-column print: headings and paragraphs flow down the left column, then the right."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

    st = pdf_style(8.5)
    head = pdf_style(10)
    story = [pdf_paragraph(t, pdf_style(12)) for t in title_lines(key, style)]
    for label, value in header_pairs(key):
        story.append(pdf_paragraph(f"{label}：{value}", st))
    story.append(Spacer(1, 6))
    y = seed(key)["year_from"]
    story.append(pdf_paragraph(f"{year(y, style)}重点目標の評価", head))
    for g in goals(key):
        story.append(pdf_paragraph(f"{year(y, style)} 重点目標{CIRCLED[g['no'] - 1]}", head))
        story.append(pdf_paragraph(g["goal"], st))
        for label, part in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            story.append(pdf_paragraph(f"【{label}】", head))
            story.extend(pdf_paragraph(i, st) for i in g[part])
        story.append(Spacer(1, 6))
    if next_goals(key):
        story.append(pdf_paragraph("次年度重点目標", head))
        for g in next_goals(key):
            story.append(pdf_paragraph(f"{year(y + 1, style)} 重点目標{CIRCLED[g['no'] - 1]}", head))
            story.append(pdf_paragraph(g["goal"], st))
            story.append(pdf_paragraph("【取組内容】", head))
            story.extend(pdf_paragraph(i, st) for i in g["content"])
    buf = io.BytesIO()
    w, h = A4
    gap = 18
    col = (w - 72 - gap) / 2
    frames = [Frame(36, 40, col, h - 80, id="left"), Frame(36 + col + gap, 40, col, h - 80, id="right")]
    doc = BaseDocTemplate(buf, pagesize=A4)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames)])
    doc.build(story)
    return buf.getvalue()


def pdf_landscape_5kanen(key: str, style: str) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, Spacer, TableStyle

    s = seed(key)
    st = pdf_style(8)
    head = pdf_style(10)
    size = landscape(A4)
    story = [pdf_paragraph(f"{s['ward']}地域子育て支援拠点事業　5か年のまとめ", pdf_style(12)),
             pdf_paragraph(f"対象期間　{year(2021, style)}～{year(2025, style)}（5か年）", st),
             pdf_paragraph(f"事業の実施者　{s['operator']}　{s['ward']}こども家庭支援課", st), Spacer(1, 8)]
    width = size[0] - 60
    for p in s["programmes"]:
        story.append(pdf_paragraph(f"{p['no']}　{PROGRAMME_NAMES[p['no']]}", head))
        data = [[pdf_paragraph(h, st) for h in ("目指す拠点の姿", "（参考）2期目振り返りの課題", "自己評価（法人）", "自己評価（区）")]]
        for a, ref in zip(p["aims"], p["ref_issues"]):
            data.append([pdf_paragraph(a["text"], st), pdf_cell(ref, st), pdf_paragraph(a["法人"], st), pdf_paragraph(a["区"], st)])
        t = LongTable(data, colWidths=[width * 0.38, width * 0.42, width * 0.1, width * 0.1], repeatRows=1,
                      splitInRow=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
        story.append(pdf_paragraph("評価の理由（法人）", head))
        for r in p["reason_op"]:
            story.extend(pdf_paragraph(line, st) for line in r.split("\n"))
        story.append(pdf_paragraph("評価の理由（区）", head))
        story.extend(pdf_paragraph(i, st) for i in p["reason_ward"])
        story.append(pdf_paragraph("拠点事業としての成果と課題", head))
        story.append(pdf_paragraph("（成果）", st))
        story.extend(pdf_paragraph(i, st) for i in p["outcome"])
        story.append(pdf_paragraph("（課題）", st))
        story.extend(pdf_paragraph(i, st) for i in p["issue"])
        story.append(Spacer(1, 10))
    return story_pdf(story, size, lambda page: f"- {page} -")


# --- DOCX --------------------------------------------------------------------------------------


def set_cell(cell, lines):
    cell.text = lines[0] if lines else ""
    for extra in lines[1:]:
        cell.add_paragraph(extra)


def docx_nested_tables(key: str, style: str) -> bytes:
    """An outer table per year; each row's cell holds a nested label | value table for one goal."""
    import docx

    d = docx.Document()
    for t in title_lines(key, style):
        d.add_paragraph(t)
    for label, value in header_pairs(key):
        d.add_paragraph(f"{label}　{value}")
    y = seed(key)["year_from"]
    blocks = [(f"{year(y, style)}重点目標の評価", goals(key), ("取組内容", "取組の成果", "取組の課題"))]
    if next_goals(key):
        blocks.append((f"{year(y + 1, style)}重点目標", next_goals(key), ("取組内容",)))
    for heading, gs, labels in blocks:
        d.add_paragraph(heading)
        outer = d.add_table(rows=len(gs), cols=1)
        outer.style = "Table Grid"
        for r, g in enumerate(gs):
            cell = outer.cell(r, 0)
            cell.text = ""
            inner = cell.add_table(rows=0, cols=2)
            inner.style = "Table Grid"
            row = inner.add_row().cells
            row[0].text = f"重点目標{CIRCLED[g['no'] - 1]}"
            row[1].text = g["goal"]
            for label in labels:
                part = {"取組内容": "content", "取組の成果": "outcome", "取組の課題": "issue"}[label]
                row = inner.add_row().cells
                row[0].text = label
                set_cell(row[1], g[part])
        d.add_paragraph("")
    return docx_bytes(d)


def docx_heading_styles(key: str, style: str) -> bytes:
    """Sections as Word heading styles only; items as list paragraphs."""
    import docx

    d = docx.Document()
    t1, t2 = title_lines(key, style)
    d.add_heading(t1, level=0)
    d.add_paragraph(t2)
    for label, value in header_pairs(key):
        d.add_paragraph(f"{label}　{value}")
    y = seed(key)["year_from"]
    d.add_heading(f"{year(y, style)}重点目標の評価", level=1)
    for g in goals(key):
        d.add_heading(f"重点目標{nofw(g['no'])}", level=2)
        d.add_paragraph(g["goal"])
        for label, part in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            d.add_heading(label, level=3)
            for i in g[part]:
                d.add_paragraph(i, style="List Bullet")
    if next_goals(key):
        d.add_heading(f"{year(y + 1, style)}重点目標", level=1)
        for g in next_goals(key):
            d.add_heading(f"重点目標{nofw(g['no'])}", level=2)
            d.add_paragraph(g["goal"])
            d.add_heading("取組内容", level=3)
            for i in g["content"]:
                d.add_paragraph(i, style="List Bullet")
    return docx_bytes(d)


def _tracked(paragraph, deleted: str, inserted: str):
    """Append a tracked deletion and a tracked insertion to `paragraph` (w:del / w:ins)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tag, text, text_tag in (("w:del", deleted, "w:delText"), ("w:ins", inserted, "w:t")):
        if not text:
            continue
        wrap_el = OxmlElement(tag)
        wrap_el.set(qn("w:id"), str(abs(hash((tag, text))) % 10000))
        wrap_el.set(qn("w:author"), "こども家庭支援課")
        wrap_el.set(qn("w:date"), "2024-04-10T09:00:00Z")
        run = OxmlElement("w:r")
        t = OxmlElement(text_tag)
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        wrap_el.append(run)
        paragraph._p.append(wrap_el)


def docx_review(key: str, style: str) -> bytes:
    """A Word file under review: comments on each goal, tracked changes in the sections."""
    import docx

    d = docx.Document()
    for t in title_lines(key, style):
        d.add_paragraph(t)
    for label, value in header_pairs(key):
        d.add_paragraph(f"{label}　{value}")
    y = seed(key)["year_from"]
    d.add_paragraph(f"{year(y, style)}重点目標の評価")
    for g in goals(key):
        p = d.add_paragraph(f"{year(y, style)}　重点目標{CIRCLED[g['no'] - 1]}　")
        run = p.add_run(g["goal"])
        d.add_comment(run, text="区：表現はこのままでよいと思います。", author="こども家庭支援課", initials="区")
        for label, part in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            d.add_paragraph(f"【{label}】")
            items = g[part]
            for n, i in enumerate(items):
                para = d.add_paragraph(i)
                if n == len(items) - 1:
                    # the reviewer struck a draft sentence and inserted a final one
                    _tracked(para, "（下書き：要確認）", "")
    if next_goals(key):
        d.add_paragraph("次年度重点目標")
        for g in next_goals(key):
            d.add_paragraph(f"{year(y + 1, style)}　重点目標{CIRCLED[g['no'] - 1]}　{g['goal']}")
            d.add_paragraph("【取組内容】")
            for n, i in enumerate(g["content"]):
                para = d.add_paragraph(i)
                if n == 0:
                    _tracked(para, "（案）", "")
    return docx_bytes(d)


def docx_side_by_side(key: str, style: str) -> bytes:
    """A table per goal: the goal in a merged first row, the three sections side by side below."""
    import docx

    d = docx.Document()
    for t in title_lines(key, style):
        d.add_paragraph(t)
    for label, value in header_pairs(key):
        d.add_paragraph(f"{label}　{value}")
    y = seed(key)["year_from"]
    d.add_paragraph(f"{year(y, style)}重点目標の評価")
    for g in goals(key):
        t = d.add_table(rows=3, cols=3)
        t.style = "Table Grid"
        top = t.cell(0, 0).merge(t.cell(0, 2))
        top.text = f"重点目標{nofw(g['no'])}　{g['goal']}"
        for c, label in enumerate(("取組内容", "取組の成果", "取組の課題")):
            t.cell(1, c).text = label
        for c, part in enumerate(("content", "outcome", "issue")):
            set_cell(t.cell(2, c), g[part])
        d.add_paragraph("")
    return docx_bytes(d)


def docx_headings_5kanen(key: str, style: str) -> bytes:
    import docx

    s = seed(key)
    d = docx.Document()
    d.add_heading(f"{s['ward']}地域子育て支援拠点事業　5か年のまとめ", level=0)
    d.add_paragraph(f"対象期間　{year(2021, style)}～{year(2025, style)}（5か年）")
    d.add_paragraph(f"事業の実施者　{s['operator']}　{s['ward']}こども家庭支援課")
    for p in s["programmes"]:
        d.add_heading(f"{p['no']}　{PROGRAMME_NAMES[p['no']]}", level=1)
        d.add_heading("目指す拠点の姿と自己評価", level=2)
        t = d.add_table(rows=2, cols=10)
        t.style = "Table Grid"
        t.cell(0, 0).merge(t.cell(1, 0)).text = "目指す拠点の姿"
        t.cell(0, 1).merge(t.cell(1, 1)).text = "（参考）2期目振り返りの課題"
        t.cell(0, 2).merge(t.cell(0, 5)).text = "自己評価（法人）"
        t.cell(0, 6).merge(t.cell(0, 9)).text = "自己評価（区）"
        for c, g in enumerate("ABCD" * 2):
            t.cell(1, 2 + c).text = g
        for a, ref in zip(p["aims"], p["ref_issues"]):
            cells = t.add_row().cells
            cells[0].text = a["text"]
            set_cell(cells[1], ref)
            cells[2 + "ABCD".index(a["法人"])].text = "○"
            cells[6 + "ABCD".index(a["区"])].text = "○"
        d.add_heading("評価の理由（法人）", level=2)
        for r in p["reason_op"]:
            for line in r.split("\n"):
                d.add_paragraph(line)
        d.add_heading("評価の理由（区）", level=2)
        for i in p["reason_ward"]:
            d.add_paragraph(i)
        d.add_heading("拠点事業としての成果と課題", level=2)
        d.add_heading("成果", level=3)
        for i in p["outcome"]:
            d.add_paragraph(i, style="List Bullet")
        d.add_heading("課題", level=3)
        for i in p["issue"]:
            d.add_paragraph(i, style="List Bullet")
    return docx_bytes(d)


# --- XLSX --------------------------------------------------------------------------------------


def xlsx_merged_rows(key: str, style: str) -> bytes:
    """One row per item; the goal merged down column A, the section name merged down column B."""
    from openpyxl.styles import Alignment

    wb = new_workbook()
    ws = wb.active
    ws.title = "評価シート"
    for t in title_lines(key, style):
        ws.append([t])
    for label, value in header_pairs(key):
        ws.append([label, value])
    y = seed(key)["year_from"]
    blocks = [(f"{year(y, style)}重点目標の評価", goals(key), ("取組内容", "取組の成果", "取組の課題"))]
    if next_goals(key):
        blocks.append((f"{year(y + 1, style)}重点目標", next_goals(key), ("取組内容",)))
    for heading, gs, labels in blocks:
        ws.append([])
        ws.append([heading])
        ws.append(["重点目標", "項目", "内容"])
        for g in gs:
            first = ws.max_row + 1
            for label in labels:
                part = {"取組内容": "content", "取組の成果": "outcome", "取組の課題": "issue"}[label]
                start = ws.max_row + 1
                for i in g[part]:
                    ws.append([None, None, i])
                ws.cell(start, 2, label)
                if ws.max_row > start:
                    ws.merge_cells(start_row=start, start_column=2, end_row=ws.max_row, end_column=2)
            ws.cell(first, 1, f"{g['no']}　{g['goal']}")
            ws.cell(first, 1).alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=first, start_column=1, end_row=ws.max_row, end_column=1)
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["C"].width = 80
    return xlsx_bytes(wb)


def xlsx_year_sheets(key: str, style: str) -> bytes:
    """A sheet per fiscal year named like R5; the evaluated year's goals with their sections,
    next year's sheet with its goals."""
    wb = new_workbook()
    y = seed(key)["year_from"]
    ws = wb.active
    ws.title = year(y, "R_bare")
    s = seed(key)
    ws.append([f"{s['ward']}地域子育て支援拠点事業　{year(y, style)}　重点目標の評価"])
    for label, value in header_pairs(key):
        ws.append([label, value])
    ws.append([])
    ws.append(["番号", "重点目標", "取組内容", "取組の成果", "取組の課題"])
    for g in goals(key):
        ws.append([g["no"], g["goal"], "\n".join(g["content"]), "\n".join(g["outcome"]), "\n".join(g["issue"])])
    if next_goals(key):
        ws2 = wb.create_sheet(year(y + 1, "R_bare"))
        ws2.append([f"{s['ward']}地域子育て支援拠点事業　{year(y + 1, style)}　重点目標"])
        ws2.append([])
        ws2.append(["番号", "重点目標", "取組内容"])
        for g in next_goals(key):
            ws2.append([g["no"], g["goal"], "\n".join(g["content"])])
    return xlsx_bytes(wb)


def xlsx_form_lines(key: str, style: str, width: int = 40) -> bytes:
    """An Excel form: long texts typed line by line into consecutive rows (about 40 characters a
    row, as staff do to fit the printed width), the label merged down column A over them."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "様式"
    for t in title_lines(key, style):
        ws.append([t])
    for label, value in header_pairs(key):
        ws.append([label, value])
    y = seed(key)["year_from"]
    ws.append([])
    ws.append([f"{year(y, style)}重点目標の評価"])

    def block(label, items):
        start = ws.max_row + 1
        for i in items:
            for line in chunks(i, width):
                ws.append([None, line])
        ws.cell(start, 1, label)
        if ws.max_row > start:
            ws.merge_cells(start_row=start, start_column=1, end_row=ws.max_row, end_column=1)

    for g in goals(key):
        block(f"重点目標{CIRCLED[g['no'] - 1]}", [g["goal"]])
        block("取組内容", g["content"])
        block("取組の成果", g["outcome"])
        block("取組の課題", g["issue"])
        ws.append([])
    ws.column_dimensions["B"].width = 90
    return xlsx_bytes(wb)


def xlsx_maru_grades(key: str, style: str) -> bytes:
    """The five-year aims: programme merged down column A, ○ in the A–D column of each rater,
    成果 and 課題 merged down the last two columns over the programme's rows."""
    from openpyxl.styles import Alignment

    s = seed(key)
    wb = new_workbook()
    ws = wb.active
    ws.title = "5か年のまとめ"
    ws.append([f"{s['ward']}地域子育て支援拠点事業　5か年のまとめ"])
    ws.append(["対象期間", f"{year(2021, style)}～{year(2025, style)}（5か年）"])
    ws.append(["事業の実施者", f"{s['operator']}　{s['ward']}こども家庭支援課"])
    ws.append([])
    ws.append(["事業", "目指す拠点の姿", "自己評価（法人）", None, None, None, "自己評価（区）", None, None, None,
               "成果", "課題"])
    h = ws.max_row
    ws.merge_cells(start_row=h, start_column=3, end_row=h, end_column=6)
    ws.merge_cells(start_row=h, start_column=7, end_row=h, end_column=10)
    ws.append([None, None, "A", "B", "C", "D", "A", "B", "C", "D"])
    for col in (1, 2, 11, 12):
        ws.merge_cells(start_row=h, start_column=col, end_row=h + 1, end_column=col)
    for p in s["programmes"]:
        first = ws.max_row + 1
        for a in p["aims"]:
            row = [None, a["text"]] + [None] * 10
            row[2 + "ABCD".index(a["法人"])] = "○"
            row[6 + "ABCD".index(a["区"])] = "○"
            ws.append(row)
        ws.cell(first, 1, f"{p['no']}　{PROGRAMME_NAMES[p['no']]}")
        ws.cell(first, 11, "\n".join(p["outcome"])).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(first, 12, "\n".join(p["issue"])).alignment = Alignment(wrap_text=True, vertical="top")
        if ws.max_row > first:
            for col in (1, 11, 12):
                ws.merge_cells(start_row=first, start_column=col, end_row=ws.max_row, end_column=col)
    return xlsx_bytes(wb)


def xlsx_check_grades(key: str, style: str) -> bytes:
    """The five-year aims as a sheet of rows: 事業 | 目指す拠点の姿 | 法人の評価 (S A B C D) | 区の評価
    (S A B C D), a ✓ under each grade; 成果 and 課題 on a second sheet, a row per programme."""
    s = seed(key)
    wb = new_workbook()
    ws = wb.active
    ws.title = "自己評価"
    ws.append([f"{s['ward']}地域子育て支援拠点事業　5か年のまとめ　{year(2021, style)}～{year(2025, style)}"])
    ws.append([])
    ws.append(["事業", "目指す拠点の姿", "法人の評価", None, None, None, None, "区の評価", None, None, None, None,
               "成果", "課題"])
    h = ws.max_row
    ws.merge_cells(start_row=h, start_column=3, end_row=h, end_column=7)
    ws.merge_cells(start_row=h, start_column=8, end_row=h, end_column=12)
    ws.append([None, None] + list("SABCD") * 2)
    for p in s["programmes"]:
        first = ws.max_row + 1
        for a in p["aims"]:
            row = [None, a["text"]] + [None] * 10
            row[2 + "SABCD".index(a["法人"])] = "✓"
            row[7 + "SABCD".index(a["区"])] = "✓"
            ws.append(row)
        ws.cell(first, 1, PROGRAMME_NAMES[p["no"]])
        ws.cell(first, 13, "\n".join(p["outcome"]))
        ws.cell(first, 14, "\n".join(p["issue"]))
        if ws.max_row > first:
            for col in (1, 13, 14):
                ws.merge_cells(start_row=first, start_column=col, end_row=ws.max_row, end_column=col)
    return xlsx_bytes(wb)


# --- HTML --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{title}</title>
<style>.title{{font-size:1.4em;font-weight:bold}} .label{{font-weight:bold}} .box{{border:1px solid #999;margin:4px}}</style>
</head><body>
<div class="header"><span class="site">子育て応援サイト</span> <a href="/">トップ</a> &gt; <a href="/report/">事業評価</a></div>
{body}
<div class="footer">Copyright (c) 地域子育て支援拠点 All rights reserved.</div>
</body></html>
"""


def _e(s: str) -> str:
    return html.escape(s, quote=False)


def html_div_span(key: str, style: str) -> bytes:
    t1, t2 = title_lines(key, style)
    y = seed(key)["year_from"]
    b = [f'<div class="title">{_e(t1)}</div>', f'<div class="subtitle">{_e(t2)}</div>']
    for label, value in header_pairs(key):
        b.append(f'<div class="row"><span class="label">{_e(label)}</span><span class="value">{_e(value)}</span></div>')
    b.append(f'<div class="section-title">{_e(year(y, style))}重点目標の評価</div>')
    for g in goals(key):
        b.append('<div class="goal box">')
        b.append(f'<div class="goal-head"><span class="goal-no">重点目標{CIRCLED[g["no"] - 1]}</span>'
                 f'<span class="goal-text">{_e(g["goal"])}</span></div>')
        for label, part in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            b.append(f'<div class="item"><span class="label">{label}</span><div class="text">')
            b.extend(f'<span class="line">{_e(i)}</span>' for i in g[part])
            b.append("</div></div>")
        b.append("</div>")
    if next_goals(key):
        b.append('<div class="section-title">次年度重点目標</div>')
        for g in next_goals(key):
            b.append('<div class="goal box">')
            b.append(f'<div class="goal-head"><span class="goal-no">{_e(year(y + 1, style))} 重点目標'
                     f'{CIRCLED[g["no"] - 1]}</span><span class="goal-text">{_e(g["goal"])}</span></div>')
            b.append('<div class="item"><span class="label">取組内容</span><div class="text">')
            b.extend(f'<span class="line">{_e(i)}</span>' for i in g["content"])
            b.append("</div></div></div>")
    return PAGE.format(title=_e(t1), body="\n".join(b)).encode("utf-8")


def html_br_lists(key: str, style: str) -> bytes:
    t1, t2 = title_lines(key, style)
    y = seed(key)["year_from"]
    b = [f"<p><b>{_e(t1)}</b><br>{_e(t2)}</p>"]
    if header_pairs(key):
        b.append("<p>" + "<br>".join(f"{_e(lab)}：{_e(v)}" for lab, v in header_pairs(key)) + "</p>")
    b.append(f"<p><b>{_e(year(y, style))}重点目標の評価</b></p>")
    for g in goals(key):
        lines = [f"<b>重点目標{nofw(g['no'])}</b>", _e(g["goal"])]
        for label, part in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            lines.append(f"<b>{label}</b>")
            lines.extend(_e(i) for i in g[part])
        b.append("<p>" + "<br>\n".join(lines) + "</p>")
    if next_goals(key):
        b.append(f"<p><b>{_e(year(y + 1, style))}重点目標</b></p>")
        for g in next_goals(key):
            lines = [f"<b>重点目標{nofw(g['no'])}</b>", _e(g["goal"]), "<b>取組内容</b>"]
            lines.extend(_e(i) for i in g["content"])
            b.append("<p>" + "<br>\n".join(lines) + "</p>")
    return PAGE.format(title=_e(t1), body="\n".join(b)).encode("utf-8")


def html_div_5kanen(key: str, style: str) -> bytes:
    s = seed(key)
    t1 = f"{s['ward']}地域子育て支援拠点事業　5か年のまとめ"
    b = [f'<div class="title">{_e(t1)}</div>',
         f'<div class="row"><span class="label">対象期間</span><span>{_e(year(2021, style))}～'
         f'{_e(year(2025, style))}（5か年）</span></div>',
         f'<div class="row"><span class="label">事業の実施者</span><span>{_e(s["operator"])}</span></div>']
    for p in s["programmes"]:
        b.append('<div class="program">')
        b.append(f'<div class="program-title">{p["no"]}　{_e(PROGRAMME_NAMES[p["no"]])}</div>')
        b.append('<div class="aims"><div class="aims-head">目指す拠点の姿</div>')
        for a, ref in zip(p["aims"], p["ref_issues"]):
            b.append(f'<div class="aim"><span class="aim-text">{_e(a["text"])}</span>'
                     f'<span class="grade houjin">法人：{a["法人"]}</span><span class="grade ku">区：{a["区"]}</span>'
                     + "".join(f'<span class="ref">{_e(r)}</span>' for r in ref) + "</div>")
        b.append("</div>")
        b.append('<div class="box"><div class="box-title">評価の理由（法人）</div>')
        for r in p["reason_op"]:
            b.extend(f'<div class="line">{_e(line)}</div>' for line in r.split("\n"))
        b.append("</div>")
        b.append('<div class="box"><div class="box-title">評価の理由（区）</div>')
        b.extend(f'<div class="line">{_e(i)}</div>' for i in p["reason_ward"])
        b.append("</div>")
        b.append('<div class="box"><div class="box-title">成果</div>')
        b.extend(f'<div class="line">{_e(i)}</div>' for i in p["outcome"])
        b.append('</div><div class="box"><div class="box-title">課題</div>')
        b.extend(f'<div class="line">{_e(i)}</div>' for i in p["issue"])
        b.append("</div></div>")
    return PAGE.format(title=_e(t1), body="\n".join(b)).encode("utf-8")


# --- text --------------------------------------------------------------------------------------


def _quote(lines: list[str], width: int = 35) -> list[str]:
    out = []
    for line in lines:
        if not line:
            out.append(">")
            continue
        out.extend("> " + part for part in chunks(line, width))
    return out


def email_quoted(key: str, style: str) -> bytes:
    s = seed(key)
    y = s["year_from"]
    body = []
    for t in title_lines(key, style):
        body.append(t)
    for label, value in header_pairs(key):
        body.append(f"{label}：{value}")
    body.append("")
    body.append(f"■{year(y, style)}重点目標の評価")
    for g in goals(key):
        body.append("")
        body.append(f"◆重点目標{nofw(g['no'])}")
        body.append(g["goal"])
        for label, part in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            body.append(f"□{label}")
            body.extend(g[part])
    if s["next_goals"]:
        body.append("")
        body.append(f"■{year(y + 1, style)}重点目標")
        for g in s["next_goals"]:
            body.append("")
            body.append(f"◆重点目標{nofw(g['no'])}")
            body.append(g["goal"])
            body.append("□取組内容")
            body.extend(g["content"])
    mail = ["件名：Re: 重点目標の評価（最終版）の送付", "", "ご担当者様", "",
            "お世話になっております。", "最終版を下記に貼り付けます。ご確認ください。", ""]
    mail += [f"{s['ward']}こども家庭支援課", "", "-----Original Message-----", "件名: 重点目標の評価（最終版）", ""]
    mail += _quote(body)
    return ("\n".join(mail) + "\n").encode("utf-8")


def email_double_quoted(key: str, style: str) -> bytes:
    """The quoted e-mail forwarded on as a reply: the report's lines quoted twice (">> "),
    wrapped at 30 characters, the first reply's lines quoted once."""
    s = seed(key)
    once = email_quoted(key, style).decode("utf-8").split("\n")
    report = []
    for line in once:
        if line.startswith("> "):
            report.append(line[2:])
        elif line == ">":
            report.append("")
    # undo the 35-character wrap: a line of exactly 35 characters ran on
    joined, run = [], ""
    for line in report:
        run += line
        if len(line) != 35:
            joined.append(run)
            run = ""
    if run:
        joined.append(run)
    mail = ["件名：Re: Re: 重点目標の評価（最終版）の送付", "", "確認しました。修正はありません。", "",
            f"{s['ward']}地域子育て支援拠点", ""]
    mail += ["> ご担当者様", ">", "> 最終版を下記に貼り付けます。ご確認ください。", ">"]
    for line in joined:
        if not line:
            mail.append(">>")
            continue
        mail.extend(">> " + part for part in chunks(line, 30))
    return ("\n".join(mail) + "\n").encode("utf-8")


def email_5kanen(key: str, style: str) -> bytes:
    s = seed(key)
    body = [f"{s['ward']}地域子育て支援拠点事業　5か年のまとめ",
            f"対象期間：{year(2021, style)}～{year(2025, style)}（5か年）", f"事業の実施者：{s['operator']}", ""]
    for p in s["programmes"]:
        body.append(f"◆{p['no']}　{PROGRAMME_NAMES[p['no']]}")
        body.append("□目指す拠点の姿（自己評価　法人／区）")
        for a in p["aims"]:
            body.append(f"{a['text']}（法人{a['法人']}／区{a['区']}）")
        body.append("□評価の理由（区）")
        body.extend(p["reason_ward"])
        body.append("□成果")
        body.extend(p["outcome"])
        body.append("□課題")
        body.extend(p["issue"])
        body.append("")
    mail = ["件名：5か年のまとめ（案）", "", "各位", "", "5か年のまとめの案を以下に貼り付けます。", ""]
    mail += _quote(body)
    return ("\n".join(mail) + "\n").encode("utf-8")


def _mix(s: str, n: int) -> str:
    """Every other digit run in full width (as text typed over several years looks)."""
    parts = re.split(r"(\d+)", s)
    out = []
    k = n
    for p in parts:
        if p.isdigit():
            out.append(p.translate(FW) if k % 2 else p)
            k += 1
        else:
            out.append(p)
    return "".join(out)


def txt_mixed_years(key: str, style: str) -> bytes:
    """Plain text; years as R5 / 2023（令和5）年度; full- and half-width digits mixed."""
    s = seed(key)
    y = s["year_from"]
    lines = [f"{s['ward']}地域子育て支援拠点事業", f"{year(y, 'both')} 重点目標評価結果", ""]
    for label, value in header_pairs(key):
        lines.append(f"{label}　{_mix(value, 1)}")
    lines.append("")
    lines.append(f"{year(y, style)}重点目標の評価")
    for g in goals(key):
        lines.append("")
        lines.append(_mix(f"{year(y, style)} 重点目標({g['no']})　{g['goal']}", g["no"]))
        for label, part in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            lines.append(f"〔{label}〕")
            lines.extend(g[part])
    if s["next_goals"]:
        lines.append("")
        lines.append(f"次年度（{year(y + 1, 'both')}）重点目標")
        for g in s["next_goals"]:
            lines.append(_mix(f"{year(y + 1, style)} 重点目標({g['no']})　{g['goal']}", g["no"] + 1))
            lines.append("〔取組内容〕")
            lines.extend(g["content"])
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def csv_goal_rows(key: str, style: str) -> bytes:
    import csv

    s = seed(key)
    y = s["year_from"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([f"{s['ward']}地域子育て支援拠点事業　重点目標"])
    w.writerow(["区分", "年度", "番号", "重点目標", "取組内容", "取組の成果", "取組の課題"])
    for g in s["goals"]:
        w.writerow(["評価", year(y, style), g["no"], g["goal"], "\n".join(g["content"]), "\n".join(g["outcome"]),
                    "\n".join(g["issue"])])
    for g in s["next_goals"]:
        w.writerow(["次年度", year(y + 1, style), g["no"], g["goal"], "\n".join(g["content"]), "", ""])
    return buf.getvalue().encode("cp932", errors="strict")


def _rtf_text(s: str) -> str:
    out = []
    for ch in s:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif o < 128:
            out.append(ch)
        else:
            out.append(f"\\u{o if o < 32768 else o - 65536}?")
    return "".join(out)


def rtf_tables(key: str, style: str) -> bytes:
    """An RTF document: paragraphs, and a label | value table per goal."""
    s = seed(key)
    y = s["year_from"]
    parts = [r"{\rtf1\ansi\ansicpg932\deff0{\fonttbl{\f0\fnil\fcharset128 MS Mincho;}}\f0\fs21"]

    def para(text):
        parts.append(r"\pard\plain " + _rtf_text(text) + r"\par")

    def row(label, lines):
        parts.append(r"\trowd\trgaph70\cellx2000\cellx9000")
        parts.append(r"\pard\intbl " + _rtf_text(label) + r"\cell")
        parts.append(r"\pard\intbl " + r"\line ".join(_rtf_text(x) for x in lines) + r"\cell")
        parts.append(r"\row")

    for t in title_lines(key, style):
        para(t)
    for label, value in header_pairs(key):
        para(f"{label}　{value}")
    para("")
    para(f"{year(y, style)}重点目標の評価")
    for g in s["goals"]:
        row(f"{year(y, style)}重点目標{CIRCLED[g['no'] - 1]}", [g["goal"]])
        row("取組内容", g["content"])
        row("取組の成果", g["outcome"])
        row("取組の課題", g["issue"])
        para("")
    if s["next_goals"]:
        para("次年度重点目標")
        for g in s["next_goals"]:
            row(f"{year(y + 1, style)}重点目標{CIRCLED[g['no'] - 1]}", [g["goal"]])
            row("取組内容", g["content"])
            para("")
    parts.append("}")
    return "\n".join(parts).encode("ascii")


def office_pdf(render, modern: str):
    """The office file `render` writes, exported to PDF by LibreOffice (File > Export as PDF): the
    PDFs wards print from Word and Excel, with the office program's own fonts and layout."""
    def make(key, style):
        import subprocess
        import tempfile

        with tempfile.TemporaryDirectory(prefix="unseen7-pdf-") as tmp:
            work = Path(tmp)
            src = work / f"report{modern}"
            src.write_bytes(render(key, style))
            subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                            "--norestore", "--convert-to", "pdf", "--outdir", str(work / "out"), str(src)],
                           check=True, capture_output=True, timeout=600, cwd=work)
            return (work / "out" / "report.pdf").read_bytes()
    return make


def legacy(render, suffix):
    def make(key, style):
        from kyoten_build.legacy_office import convert

        modern = ".docx" if suffix == ".doc" else ".xlsx"
        (data,) = convert({f"report{modern}": render(key, style)}, suffix).values()
        return data
    return make


# --- the documents and their expected parse ------------------------------------------------------

DOCUMENTS = [
    # (file, seed, layout, year style)
    ("izumi_r5_excel_print.pdf", "izumi", "pdf_excel_table", "wareki_fw"),
    ("izumi_r5_heading_styles.docx", "izumi", "docx_heading_styles", "wareki"),
    ("izumi_r5_merged_rows.xlsx", "izumi", "xlsx_merged_rows", "wareki"),
    ("izumi_r5_div_span.html", "izumi", "html_div_span", "R"),
    ("izumi_r5_mail_quoted.txt", "izumi", "email_quoted", "wareki_fw"),
    ("izumi_2023_mixed_digits.txt", "izumi", "txt_mixed_years", "R"),
    ("izumi_r5_tables.rtf", "izumi", "rtf_tables", "wareki"),
    ("naka_h31_two_columns.pdf", "naka", "pdf_two_columns", "wareki"),
    ("naka_2019_nested_tables.docx", "naka", "docx_nested_tables", "western"),
    ("naka_h31_review.docx", "naka", "docx_review", "wareki"),
    ("naka_h31_year_sheets.xlsx", "naka", "xlsx_year_sheets", "wareki"),
    ("naka_2019_br_lists.html", "naka", "html_br_lists", "both"),
    ("naka_h31_goal_rows.csv", "naka", "csv_goal_rows", "R"),
    ("konan_2023_excel_print.pdf", "konan", "pdf_excel_table", "both_rev"),
    ("konan_r5_side_by_side.docx", "konan", "docx_side_by_side", "wareki_fw"),
    ("konan_r5_form_lines.xlsx", "konan", "xlsx_form_lines", "wareki"),
    ("konan_r5_div_span.html", "konan", "html_div_span", "western_fw"),
    ("konan_r5_mail_quoted.txt", "konan", "email_quoted", "R"),
    ("konan_r5_nested_tables.doc", "konan", "doc_nested", "wareki"),
    ("kohoku_h30_two_columns.pdf", "kohoku", "pdf_two_columns", "R"),
    ("kohoku_2018_nested_tables.docx", "kohoku", "docx_nested_tables", "both"),
    ("kohoku_h30_merged_rows.xls", "kohoku", "xls_merged", "wareki"),
    ("kohoku_h30_br_lists.html", "kohoku", "html_br_lists", "wareki"),
    ("kohoku_2018_mixed_digits.txt", "kohoku", "txt_mixed_years", "western"),
    ("kohoku_h30_review.docx", "kohoku", "docx_review", "wareki"),
    ("nishi_5kanen_maru_grades.xlsx", "nishi", "xlsx_maru_grades", "wareki"),
    ("nishi_5kanen_div_span.html", "nishi", "html_div_5kanen", "R"),
    ("nishi_5kanen_landscape.pdf", "nishi", "pdf_landscape_5kanen", "wareki"),
    ("nishi_5kanen_heading_styles.docx", "nishi", "docx_headings_5kanen", "both_rev"),
    ("nishi_5kanen_mail.txt", "nishi", "email_5kanen", "wareki_fw"),
]
# batch 2: written after batch 1's fixes, before the parser was run on them
BATCH_2 = [
    ("izumi_2023_two_columns.pdf", "izumi", "pdf_two_columns", "western"),
    ("kohoku_h30_form_lines_30.xlsx", "kohoku", "xlsx_form_lines_30", "R"),
    ("naka_h31_mail_double_quoted.txt", "naka", "email_double_quoted", "wareki"),
    ("nishi_5kanen_check_grades.xlsx", "nishi", "xlsx_check_grades", "R"),
    ("izumi_2023_goal_rows.csv", "izumi", "csv_goal_rows", "western"),
    ("kohoku_h30_div_span.html", "kohoku", "html_div_span", "wareki"),
]
# batch 3: written after batch 2's fixes, before the parser was run on them — batch 1's Word
# and Excel layouts exported to PDF by LibreOffice
BATCH_3 = [
    ("izumi_r5_heading_styles_word.pdf", "izumi", "pdf_of_docx_heading_styles", "wareki"),
    ("naka_2019_nested_tables_word.pdf", "naka", "pdf_of_docx_nested_tables", "western"),
    ("konan_r5_side_by_side_word.pdf", "konan", "pdf_of_docx_side_by_side", "wareki_fw"),
    ("kohoku_h30_merged_rows_excel.pdf", "kohoku", "pdf_of_xlsx_merged_rows", "wareki"),
    ("nishi_5kanen_heading_styles_word.pdf", "nishi", "pdf_of_docx_headings_5kanen", "wareki"),
    ("nishi_5kanen_maru_grades_excel.pdf", "nishi", "pdf_of_xlsx_maru_grades", "wareki"),
]

LAYOUTS = {
    "pdf_excel_table": pdf_excel_table, "pdf_two_columns": pdf_two_columns,
    "pdf_landscape_5kanen": pdf_landscape_5kanen, "docx_nested_tables": docx_nested_tables,
    "docx_heading_styles": docx_heading_styles, "docx_review": docx_review,
    "docx_side_by_side": docx_side_by_side, "docx_headings_5kanen": docx_headings_5kanen,
    "xlsx_merged_rows": xlsx_merged_rows, "xlsx_year_sheets": xlsx_year_sheets,
    "xlsx_form_lines": xlsx_form_lines, "xlsx_maru_grades": xlsx_maru_grades,
    "html_div_span": html_div_span, "html_br_lists": html_br_lists, "html_div_5kanen": html_div_5kanen,
    "email_quoted": email_quoted, "email_5kanen": email_5kanen, "txt_mixed_years": txt_mixed_years,
    "csv_goal_rows": csv_goal_rows, "rtf_tables": rtf_tables,
    "doc_nested": legacy(docx_nested_tables, ".doc"), "xls_merged": legacy(xlsx_merged_rows, ".xls"),
    "xlsx_form_lines_30": lambda key, style: xlsx_form_lines(key, style, width=30),
    "email_double_quoted": email_double_quoted, "xlsx_check_grades": xlsx_check_grades,
    "pdf_of_docx_heading_styles": office_pdf(docx_heading_styles, ".docx"),
    "pdf_of_docx_nested_tables": office_pdf(docx_nested_tables, ".docx"),
    "pdf_of_docx_side_by_side": office_pdf(docx_side_by_side, ".docx"),
    "pdf_of_xlsx_merged_rows": office_pdf(xlsx_merged_rows, ".xlsx"),
    "pdf_of_docx_headings_5kanen": office_pdf(docx_headings_5kanen, ".docx"),
    "pdf_of_xlsx_maru_grades": office_pdf(xlsx_maru_grades, ".xlsx"),
}

ITEM_MARKS = re.compile(r"^(?:[①-⑩・●○※]|[0-9]+\.)+\s*")


def snippet(text: str, n: int = 18) -> str:
    """A piece of a section a reader would quote: its first item's opening words, marks dropped."""
    t = ITEM_MARKS.sub("", text.strip())
    t = t.split("\n", 1)[0]
    return t[:n]


def first_real(items: list[str]) -> str:
    """The first item carrying words (the seed's 「①②」 alone is a cross-reference)."""
    for i in items:
        if len(ITEM_MARKS.sub("", i)) >= 6:
            return i
    return items[0]


# Layouts that lay out this year's goals only (no next year's goals).
THIS_YEAR_ONLY = {"xlsx_form_lines", "xlsx_form_lines_30", "docx_side_by_side", "pdf_of_docx_side_by_side"}


def expected_for(name: str, key: str, layout: str) -> dict:
    s = seed(key)
    if layout in THIS_YEAR_ONLY and s.get("next_goals"):
        s = dict(s, next_goals=[], year_to=s["year_from"])
    want = {"layout": layout, "seed": key, "ward": s["ward"], "years": [s["year_from"], s["year_to"]],
            "doc_type": s["doc_type"]}
    if s["doc_type"] == "5か年のまとめ":
        want["programmes"] = [
            {"no": p["no"], "grades": sorted([a["法人"] for a in p["aims"]] + [a["区"] for a in p["aims"]]),
             "成果": snippet(first_real(p["outcome"])), "課題": snippet(first_real(p["issue"]))}
            for p in s["programmes"]]
        return want
    goals_out = []
    gs = s["goals"]
    for n, g in enumerate(gs):
        item = {"year": g["year"], "no": g["no"], "goal": snippet(g["goal"], 16),
                "取組内容": snippet(first_real(g["content"])), "取組の成果": snippet(first_real(g["outcome"])),
                "取組の課題": snippet(first_real(g["issue"]))}
        # the next goal's (or next year's first goal's) words are not in this goal
        following = gs[n + 1] if n + 1 < len(gs) else (s["next_goals"][0] if s["next_goals"] else None)
        if following:
            item["not_in"] = [snippet(first_real(following["content"]))]
        goals_out.append(item)
    want["goals"] = goals_out
    if s["next_goals"]:
        want["next_goals"] = [{"year": g["year"], "no": g["no"], "goal": snippet(g["goal"], 16)}
                              for g in s["next_goals"]]
    return want


def main(argv: list[str]) -> int:
    only = set(argv[1:])
    expected = {}
    for batch, documents in ((1, DOCUMENTS), (2, BATCH_2), (3, BATCH_3)):
        for name, key, layout, style in documents:
            expected[name] = expected_for(name, key, layout)
            expected[name]["year_style"] = style
            if batch > 1:
                expected[name]["batch"] = batch
    for name, key, layout, style in DOCUMENTS + BATCH_2 + BATCH_3:
        if only and name not in only:
            continue
        (HERE / name).write_bytes(LAYOUTS[layout](key, style))
        print("wrote", name)
    about = ("Seventh round: the five seed reports re-laid in real-world layouts and formats; "
             "written by make_docs.py from seed_content.json before the parser was run on them.")
    (HERE / "expected.json").write_text(json.dumps({"_about": about, "documents": expected}, ensure_ascii=False,
                                                   indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
