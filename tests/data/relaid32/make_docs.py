"""Writes the documents of tests/data/relaid32 and their expected.json (run once; the outputs are
committed). Needs python-docx, openpyxl, reportlab (in the project's venv) and, for the PDFs made
from Word, `soffice`.

    PYTHONPATH=$PWD python tests/data/relaid32/make_docs.py [NAME …]

Thirty-second round (parser32). The five seed reports' own content (unseen30's `seed_content.json`:
each goal's and programme's sections as the seed `.txt` parse reads them) re-laid in shapes offices
produce that no earlier round had (docs/parsing.md lists what they covered), so that
`python -m benchmarks.relaid_placement tests/data/relaid32` counts the seed evidence strings each
re-laid report keeps in the right section, goal, year and ward:

- a sheet of goal blocks side by side (goal 1 in A:B, goal 2 in D:E, each label | text), 「Ｒ５年度」;
- a workbook of one sheet per section (重点目標, 取組内容, 取組の成果, 取組の課題: No. | 内容), 「H31」;
- Word tables of one row per measure (① … ④) under 取組内容 | 成果 | 課題 columns;
- a landscape PDF of one goal a page in four boxes (2 × 2), as a slide deck prints;
- a city CMS page: navigation naming every ward, breadcrumbs, a sidebar of other years' news,
  `<dl>` of 今年度の重点目標 / 取り組んだこと / できたこと / 今後の課題;
- Word label-column tables (今年度の重点目標 / 実施内容 / 成果と課題 in one cell as 〈成果〉〈課題〉),
  years 「2018年度（H30）」, and the same exported to PDF;
- a sheet of goal rows whose 年度 column is merged down over each year's rows (H31 / R2);
- a text of full-width digits, 「Ｒ５年度」「Ｒ６年度」, labels ◆目標 / ◆実施内容 / ◆成果 / ◆今後の課題;
- a five-year summary as a CMS page: <h3> per programme, <h4> parts, an aims table;
- a Word landscape table of goal rows exported to PDF, 「2023年度（R5）」;
- a web table of one column per goal (項目 | 重点目標１ | 重点目標２ | 重点目標３);
- a five-year summary whose first sheet is a matrix of programmes × years graded ◎○△, then one
  label | text block per programme.

Batch 2 (content written for the round, held out until batch 1's rules were done): a 川崎市-like
sheet of a form in two columns per goal (実施内容 | … | 成果 | …, 課題 | … | 評価 | Ｂ); a 相模原市-like
sheet of three goal blocks across (目標 / 取り組んだこと / 成果 / 今後の課題, 2024（R6）年度); a ward page
of goal rows whose 年度 is a rowspan cell over each year's rows, 成果と課題 as 〈成果〉〈課題〉.

The generator never calls the parser; expected.json is what a reader of each document says.
"""

from __future__ import annotations

import html
import io
import re
import sys
from pathlib import Path

from tests.data.docgen import (docx_bytes, fw_digits, grid_table, new_docx, new_workbook, pdf_font,
                               round_generator, soffice_convert, write_builders, xlsx_bytes)

HERE = Path(__file__).resolve().parent
U30 = round_generator("unseen30")
SEEDS = U30.SEEDS
seed_goals, snip, goal_want, next_want, lines = U30.seed_goals, U30.snip, U30.goal_want, U30.next_want, U30.lines
PROGRAMME_NAMES = U30.PROGRAMME_NAMES

SECTIONS = (("content", "取組内容"), ("outcome", "取組の成果"), ("issue", "取組の課題"))


def _wrap_all(ws, width: int = 45):
    from openpyxl.styles import Alignment
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _want(seed: str, ward: str, years, goals, nxt, **kw) -> dict:
    out = {"seed": seed, "ward": ward, "years": list(years), "doc_type": "単年度評価",
           "goals": [goal_want(goals[0]["_year"], g) for g in goals]}
    if nxt:
        out["next_goals"] = [next_want(nxt[0]["_year"], g) for g in nxt]
    out.update(kw)
    return out


def _goals(seed: str, year: int, kind: str = "g") -> list[dict]:
    return [{**g, "_year": year} for g in seed_goals(seed, year, kind)]


# --- the layouts -------------------------------------------------------------------------------------

def izumi_goal_blocks_across_xlsx() -> tuple[bytes, dict]:
    """000 (泉区, Ｒ５年度, Ｒ６年度 next): goal blocks side by side, each a label | text pair of columns."""
    goals, nxt = _goals("000", 2023), _goals("000", 2024, "n")
    wb = new_workbook()
    ws = wb.active
    ws.title = "Ｒ５評価"
    ws["A1"] = "泉区地域子育て支援拠点事業　Ｒ５年度　重点目標の振り返り"
    ws.merge_cells("A1:E1")
    ws["A2"] = "運営法人　特定非営利活動法人 ちょこっといずみ"
    ws.merge_cells("A2:E2")
    row = 4
    for band, items, labels in (("Ｒ５年度", goals, (("重点目標", "goal"),) + tuple((l, k) for k, l in SECTIONS)),
                                ("Ｒ６年度", nxt, (("重点目標", "goal"), ("取組内容", "content")))):
        ws.cell(row, 1, f"{band}　重点目標")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        row += 1
        for k, g in enumerate(items):
            col = 1 + 3 * k
            ws.cell(row, col, f"目標{fw_digits(g['no'])}")
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + 1)
            for r, (label, key) in enumerate(labels, start=row + 1):
                ws.cell(r, col, label)
                ws.cell(r, col + 1, g[key])
        row += len(labels) + 2
    for col in "BE":
        ws.column_dimensions[col].width = 50
    _wrap_all(ws)
    return xlsx_bytes(wb), _want("000", "泉区", (2023, 2024), goals, nxt)


def naka_sheet_per_section_xlsx() -> tuple[bytes, dict]:
    """001 (中区, H31, R2 next): one sheet per section, each No. | 内容."""
    goals, nxt = _goals("001", 2019), _goals("001", 2020, "n")
    wb = new_workbook()
    first = True
    for title, key in (("重点目標", "goal"), ("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        ws["A1"] = f"中区地域子育て支援拠点　のんびりんこ　H31年度　{title}"
        ws.merge_cells("A1:B1")
        ws["A3"], ws["B3"] = "No.", "内容"
        for r, g in enumerate(goals, start=4):
            ws.cell(r, 1, g["no"])
            ws.cell(r, 2, g[key])
        ws.column_dimensions["B"].width = 80
        _wrap_all(ws)
    ws = wb.create_sheet("R2重点目標")
    ws["A1"] = "中区地域子育て支援拠点　のんびりんこ　R2年度　重点目標"
    ws.merge_cells("A1:C1")
    ws["A3"], ws["B3"], ws["C3"] = "No.", "重点目標", "取組内容"
    for r, g in enumerate(nxt, start=4):
        ws.cell(r, 1, g["no"])
        ws.cell(r, 2, g["goal"])
        ws.cell(r, 3, g["content"])
    _wrap_all(ws)
    return xlsx_bytes(wb), _want("001", "中区", (2019, 2020), goals, nxt)


def _by_marker(text: str) -> list[tuple[str, str]]:
    """A section's text cut at its list markers (①, ①②, ●) into (marker, text) pieces."""
    out: list[tuple[str, str]] = []
    for line in lines(text):
        m = re.match(r"^([①-⑳]+)", line)
        if m or not out:
            out.append((m.group(1) if m else "", line))
        else:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + line)
    return out


def izumi_measure_rows_docx() -> tuple[bytes, dict]:
    """000 (泉区, 令和5年度): per goal a table of one row per measure under 取組内容 | 成果 | 課題."""
    goals, nxt = _goals("000", 2023), _goals("000", 2024, "n")
    d = new_docx()
    d.add_paragraph("令和５年度　泉区地域子育て支援拠点事業　重点目標の評価")
    d.add_paragraph("特定非営利活動法人 ちょこっといずみ")
    for g in goals:
        d.add_paragraph(f"重点目標{fw_digits(g['no'])}：{g['goal']}")
        pieces = {key: _by_marker(g[key]) for key, _ in SECTIONS}
        rows = [("取組内容", "成果", "課題")]
        used = {key: set() for key, _ in SECTIONS}
        for marker, content in pieces["content"]:
            first = marker[:1]
            cells = [content]
            for key in ("outcome", "issue"):
                hit = [k for k, (m, _) in enumerate(pieces[key]) if first and first in m and k not in used[key]]
                for k in hit:
                    used[key].add(k)
                cells.append("\n".join(pieces[key][k][1] for k in hit))
            rows.append(tuple(cells))
        # what no measure row took (a piece whose marker the 取組内容 has not) goes in a last row
        rest = ["", *("\n".join(t for k, (m, t) in enumerate(pieces[key]) if k not in used[key])
                      for key in ("outcome", "issue"))]
        if any(rest):
            rows.append(tuple(rest))
        grid_table(d, rows, cols=3)
    d.add_paragraph("令和６年度　重点目標")
    for g in nxt:
        d.add_paragraph(f"重点目標{fw_digits(g['no'])}：{g['goal']}")
        grid_table(d, [("取組内容",), (g["content"],)], cols=1)
    return docx_bytes(d), _want("000", "泉区", (2023, 2024), goals, nxt)


def konan_slide_quadrants_pdf() -> tuple[bytes, dict]:
    """003 (港南区, 令和5年度): a landscape page per goal, four boxes 2 × 2 as a slide deck prints."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Frame, Paragraph

    font = pdf_font()
    goals = _goals("003", 2023)
    w, h = landscape(A4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w, h))
    style = ParagraphStyle("s", fontName=font, fontSize=8.5, leading=11)
    head = ParagraphStyle("h", fontName=font, fontSize=10, leading=13)
    c.setFont(font, 18)
    c.drawString(60, h - 120, "港南区地域子育て支援拠点")
    c.drawString(60, h - 150, "令和５年度　重点目標の振り返り")
    c.setFont(font, 11)
    c.drawString(60, h - 190, "特定非営利活動法人ちゅーりっぷ")
    c.showPage()
    boxes = (("取組内容", "content", 30, h - 90), ("取組の成果", "outcome", w / 2 + 5, h - 90),
             ("取組の課題", "issue", 30, h / 2 - 35))
    for page, g in enumerate(goals, start=2):
        c.setFont(font, 14)
        c.drawString(30, h - 40, f"重点目標{fw_digits(g['no'])}")
        c.setFont(font, 10)
        for k, part in enumerate([g["goal"][i:i + 60] for i in range(0, len(g["goal"]), 60)]):
            c.drawString(30, h - 60 - 13 * k, part)
        for label, key, x, top in boxes:
            bw, bh = w / 2 - 35, h / 2 - 70
            c.rect(x, top - bh, bw, bh)
            frame = Frame(x + 2, top - bh + 2, bw - 4, bh - 4, showBoundary=0)
            frame.addFromList([Paragraph(f"<b>{label}</b>", head)]
                              + [Paragraph(html.escape(t), style) for t in lines(g[key])], c)
        c.setFont(font, 8)
        c.drawRightString(w - 30, 15, str(page))
        c.showPage()
    c.save()
    return buf.getvalue(), _want("003", "港南区", (2023, 2023), goals, [])


_NAV = "".join(f"<li><a href='/{w}/'>{w}</a></li>" for w in (
    "鶴見区", "神奈川区", "西区", "中区", "南区", "港南区", "保土ケ谷区", "旭区", "磯子区", "金沢区", "港北区",
    "緑区", "青葉区", "都筑区", "戸塚区", "栄区", "泉区", "瀬谷区"))


def _cms_page(title: str, crumbs: list[str], body: str, news: list[str], ward: str) -> str:
    return ("<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'>"
            f"<title>{title}｜{ward}｜横浜市</title></head><body>"
            "<div id='header'><p class='skip'><a href='#main'>本文へ</a></p><p>横浜市</p>"
            "<ul class='gnav'><li>暮らし・総合</li><li>子育て・教育</li><li>健康・医療・福祉</li></ul></div>"
            f"<nav class='wards'><p>区のページ</p><ul>{_NAV}</ul></nav>"
            "<div class='breadcrumb'><ol>" + "".join(f"<li><a href='#'>{c}</a></li>" for c in crumbs)
            + f"<li>{title}</li></ol></div>"
            f"<div id='main'><h1>{title}</h1>{body}</div>"
            "<div id='side'><h2>新着情報</h2><ul>" + "".join(f"<li>{n}</li>" for n in news) + "</ul>"
            "<h2>このページへのお問合せ</h2><p>こども家庭支援課　電話：045-000-0000</p></div>"
            "<div id='footer'><p>ページID：123-456-789</p><p>© City of Yokohama. All rights reserved.</p></div>"
            "</body></html>")


def _dd(text: str) -> str:
    return "<br>".join(html.escape(t) for t in lines(text))


def naka_cms_dl_page() -> tuple[bytes, dict]:
    """001 (中区, 平成31年度): a CMS page with ward navigation, breadcrumbs and a news sidebar; <dl>
    of 今年度の重点目標 / 取り組んだこと / できたこと / 今後の課題."""
    goals, nxt = _goals("001", 2019), _goals("001", 2020, "n")
    body = ["<p>中区地域子育て支援拠点「のんびりんこ」（運営：公益財団法人 横浜YMCA）の平成31年度の"
            "重点目標と振り返りを掲載します。</p>", "<h2>平成31年度（令和元年度）の振り返り</h2>"]
    for g in goals:
        body.append(f"<h3>重点目標{g['no']}</h3><dl><dt>今年度の重点目標</dt><dd>{_dd(g['goal'])}</dd>"
                    f"<dt>取り組んだこと</dt><dd>{_dd(g['content'])}</dd><dt>できたこと</dt><dd>{_dd(g['outcome'])}</dd>"
                    f"<dt>今後の課題</dt><dd>{_dd(g['issue'])}</dd></dl>")
    body.append("<h2>令和2年度の重点目標</h2>")
    for g in nxt:
        body.append(f"<h3>重点目標{g['no']}</h3><dl><dt>目標</dt><dd>{_dd(g['goal'])}</dd>"
                    f"<dt>実施内容</dt><dd>{_dd(g['content'])}</dd></dl>")
    news = ["2024年4月1日　令和6年度　地域子育て支援拠点の利用案内を更新しました",
            "2023年6月1日　令和5年度　港北区の拠点との合同研修のお知らせ", "2022年3月31日　令和3年度　事業報告"]
    page = _cms_page("地域子育て支援拠点事業の評価", ["トップページ", "中区トップページ", "子育て・教育", "地域子育て支援拠点"],
                     "".join(body), news, "中区")
    return page.encode("utf-8"), _want("001", "中区", (2019, 2020), goals, nxt)


def _label_tables(d, goals, labels, combined: bool):
    for g in goals:
        d.add_paragraph(f"重点目標{fw_digits(g['no'])}")
        rows = [(labels[0], g["goal"]), (labels[1], g["content"])]
        if combined:
            rows.append((labels[2], "〈成果〉\n" + g["outcome"] + "\n〈課題〉\n" + g["issue"]))
        grid_table(d, rows, cols=2)


def kohoku_label_column_combined_docx() -> tuple[bytes, dict]:
    """004 (港北区, 2018年度（H30）, 2019 next): label column tables, 成果と課題 in one cell."""
    goals, nxt = _goals("004", 2018), _goals("004", 2019, "n")
    d = new_docx()
    d.add_paragraph("港北区地域子育て支援拠点どろっぷ")
    d.add_paragraph("2018年度（H30）　事業評価シート")
    _label_tables(d, goals, ("今年度の重点目標", "実施内容", "成果と課題"), combined=True)
    d.add_paragraph("2019年度（H31）　重点目標")
    for g in nxt:
        d.add_paragraph(f"重点目標{fw_digits(g['no'])}")
        grid_table(d, [("目標", g["goal"]), ("取り組むこと", g["content"])], cols=2)
    return docx_bytes(d), _want("004", "港北区", (2018, 2019), goals, nxt)


def kohoku_label_column_combined_word_pdf() -> tuple[bytes, dict]:
    data, want = kohoku_label_column_combined_docx()
    return soffice_convert(data, ".docx", "pdf"), want


def naka_year_merged_column_xlsx() -> tuple[bytes, dict]:
    """001 (中区): goal rows under 年度 | No. | 重点目標 | 取組内容 | 成果 | 課題, the year merged down (H31, R2)."""
    goals, nxt = _goals("001", 2019), _goals("001", 2020, "n")
    wb = new_workbook()
    ws = wb.active
    ws.title = "重点目標"
    ws["A1"] = "中区地域子育て支援拠点　のんびりんこ　重点目標と評価"
    ws.merge_cells("A1:F1")
    for c, v in enumerate(("年度", "No.", "重点目標", "取組内容", "成果", "課題"), start=1):
        ws.cell(3, c, v)
    row = 4
    for label, items in (("H31", goals), ("R2", nxt)):
        ws.cell(row, 1, label)
        ws.merge_cells(start_row=row, start_column=1, end_row=row + len(items) - 1, end_column=1)
        for k, g in enumerate(items):
            ws.cell(row + k, 2, g["no"])
            ws.cell(row + k, 3, g["goal"])
            ws.cell(row + k, 4, g["content"])
            if g["outcome"]:
                ws.cell(row + k, 5, g["outcome"])
                ws.cell(row + k, 6, g["issue"])
        row += len(items)
    for col in "CDEF":
        ws.column_dimensions[col].width = 40
    _wrap_all(ws)
    return xlsx_bytes(wb), _want("001", "中区", (2019, 2020), goals, nxt)


def _fw_text(text: str) -> str:
    return fw_digits(text) if text else text


def izumi_fullwidth_abbrev_txt() -> tuple[bytes, dict]:
    """000 (泉区): full-width digits, 「Ｒ５年度」「Ｒ６年度」, ◆目標 / ◆実施内容 / ◆成果 / ◆今後の課題."""
    goals, nxt = _goals("000", 2023), _goals("000", 2024, "n")
    out = ["泉区地域子育て支援拠点事業", "Ｒ５年度　重点目標評価", "運営：特定非営利活動法人 ちょこっといずみ", ""]
    for g in goals:
        out.append(f"【重点目標{fw_digits(g['no'])}】")
        for label, key in (("◆目標", "goal"), ("◆実施内容", "content"), ("◆成果", "outcome"), ("◆今後の課題", "issue")):
            out.append(label)
            out += [_fw_text(t) for t in lines(g[key])]
        out.append("")
    out.append("Ｒ６年度　重点目標")
    for g in nxt:
        out.append(f"【重点目標{fw_digits(g['no'])}】")
        out += ["◆目標", *[_fw_text(t) for t in lines(g["goal"])], "◆実施内容", *[_fw_text(t) for t in lines(g["content"])]]
    want = _want("000", "泉区", (2023, 2024), goals, nxt)
    for key in ("goals", "next_goals"):
        for g in want[key]:
            for k, v in list(g.items()):
                if isinstance(v, str):
                    g[k] = fw_digits(v)
    return "\n".join(out).encode("utf-8"), want


_PARTS = (("評価の理由（法人）", "評価の理由(法人)"), ("評価の理由（区）", "評価の理由(区)"),
          ("成果", "成果"), ("今後の課題", "課題"), ("振り返りの視点", "振り返りの視点"))


def _programmes(seed_units):
    for n in range(1, 8):
        unit = seed_units.get(f"p{n}")
        if unit is not None:
            yield n, unit


def _prog_wants(units):
    out = []
    for n, unit in _programmes(units):
        s = unit["sections"]
        grades = [v for _, g in unit.get("aims", []) for v in (g.get("法人"), g.get("区")) if v]
        out.append({"no": n, "grades": grades, "成果": snip(s["成果"][0], 14), "課題": snip(s["課題"][0], 14)})
    return out


def nishi_5kanen_cms_page() -> tuple[bytes, dict]:
    """002 (西区, 令和3～7年度): a CMS page, <h3> per programme, <h4> parts, an aims table."""
    units = SEEDS["002"]["units"]
    body = ["<p>西区地域子育て支援拠点スマイル・ポート（運営：特定非営利活動法人シャーロックホームズ）の"
            "令和3年度から令和7年度までの5か年のまとめです。</p>"]
    for n, unit in _programmes(units):
        s = unit["sections"]
        body.append(f"<h3>{n}　{PROGRAMME_NAMES[n]}</h3><h4>目指す拠点の姿と自己評価</h4>"
                    "<table><tr><th>目指す拠点の姿</th><th>法人</th><th>区</th></tr>")
        for aim, g in unit.get("aims", []):
            body.append(f"<tr><td>{html.escape(aim)}</td><td>{g.get('法人', '')}</td><td>{g.get('区', '')}</td></tr>")
        body.append("</table>")
        for label, kind in _PARTS:
            if kind in s:
                body.append(f"<h4>{label}</h4>" + "".join(f"<p>{_dd(t)}</p>" for t in s[kind]))
    news = ["2025年4月1日　令和7年度の開館日のお知らせ", "2024年3月29日　令和5年度　事業評価を掲載しました"]
    page = _cms_page("地域子育て支援拠点事業　5か年のまとめ（令和3年度～令和7年度）",
                     ["トップページ", "西区トップページ", "子育て・教育", "地域子育て支援拠点"], "".join(body), news, "西区")
    want = {"seed": "002", "ward": "西区", "years": [2021, 2025], "doc_type": "5か年のまとめ",
            "programmes": _prog_wants(units)}
    return page.encode("utf-8"), want


def konan_landscape_goal_rows_word_pdf() -> tuple[bytes, dict]:
    """003 (港南区, 2023年度（R5）): a Word landscape table of goal rows, its header repeated, to PDF."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    goals = _goals("003", 2023)
    d = new_docx()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    d.add_paragraph("港南区地域子育て支援拠点事業　2023年度（R5）重点目標の評価")
    d.add_paragraph("特定非営利活動法人ちゅーりっぷ")
    rows = [("No.", "重点目標", "取組内容", "取組の成果", "取組の課題")]
    rows += [(str(g["no"]), g["goal"], g["content"], g["outcome"], g["issue"]) for g in goals]
    table = grid_table(d, rows, cols=5)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    head = OxmlElement("w:tblHeader")
    head.set(qn("w:val"), "true")
    tr_pr.append(head)
    data = soffice_convert(docx_bytes(d), ".docx", "pdf")
    return data, _want("003", "港南区", (2023, 2023), goals, [])


def konan_goal_columns_page() -> tuple[bytes, dict]:
    """003 (港南区, 令和５年度（2023年度）): a web table of one column per goal, labels in the first column."""
    goals = _goals("003", 2023)
    head = "".join(f"<th scope='col'>重点目標{g['no']}</th>" for g in goals)
    rows = []
    for label, key in (("目標", "goal"), ("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
        rows.append(f"<tr><th scope='row'>{label}</th>" + "".join(f"<td>{_dd(g[key])}</td>" for g in goals) + "</tr>")
    page = ("<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><title>港南区地域子育て支援拠点</title></head>"
            "<body><h1>港南区地域子育て支援拠点事業</h1><p>令和５年度（2023年度）重点目標の評価</p>"
            "<p>運営法人：特定非営利活動法人ちゅーりっぷ</p>"
            f"<table border='1'><thead><tr><th scope='col'>項目</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "</body></html>")
    return page.encode("utf-8"), _want("003", "港南区", (2023, 2023), goals, [])


def nishi_5kanen_matrix_then_blocks_xlsx() -> tuple[bytes, dict]:
    """002 (西区): a matrix of programmes × years graded ◎○△ first, then a label | text block per programme."""
    units = SEEDS["002"]["units"]
    wb = new_workbook()
    ws = wb.active
    ws.title = "5か年のまとめ"
    ws["A1"] = "西区地域子育て支援拠点事業　5か年のまとめ（R3～R7）"
    ws.merge_cells("A1:F1")
    ws["A2"] = "拠点名　スマイル・ポート"
    years = ("R3", "R4", "R5", "R6", "R7")
    ws.cell(4, 1, "事業")
    for k, y in enumerate(years, start=2):
        ws.cell(4, k, y)
    marks = "◎○△"
    for r, (n, _) in enumerate(_programmes(units), start=5):
        ws.cell(r, 1, f"{n}　{PROGRAMME_NAMES[n]}")
        for k in range(5):
            ws.cell(r, 2 + k, marks[(n + k) % 3])
    row = 5 + 7 + 1
    ws.cell(row, 1, "◎：十分に取り組めた　○：取り組めた　△：課題が残る")
    row += 2
    for n, unit in _programmes(units):
        s = unit["sections"]
        ws.cell(row, 1, f"{n}　{PROGRAMME_NAMES[n]}")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        row += 1
        ws.cell(row, 1, "目指す拠点の姿")
        ws.cell(row, 5, "法人")
        ws.cell(row, 6, "区")
        row += 1
        for aim, g in unit.get("aims", []):
            ws.cell(row, 1, aim)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            ws.cell(row, 5, g.get("法人", ""))
            ws.cell(row, 6, g.get("区", ""))
            row += 1
        for label, kind in _PARTS:
            if kind in s:
                ws.cell(row, 1, label)
                ws.cell(row, 2, "\n".join(s[kind]))
                ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
                row += 1
        row += 1
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 60
    _wrap_all(ws)
    want = {"seed": "002", "ward": "西区", "years": [2021, 2025], "doc_type": "5か年のまとめ",
            "programmes": _prog_wants(units)}
    return xlsx_bytes(wb), want


# --- batch 2: content written for the round, held out until batch 1's rules were done ---------------

def _b2(no, goal, content, outcome, issue):
    return {"no": no, "goal": goal, "content": content, "outcome": outcome, "issue": issue}


KAWASAKI = [
    _b2(1, "乳児期の親子が気軽に立ち寄れるセンターにします。", "生後三か月までの親子向けに「ねんねの日」を月二回設けました。",
        "ねんねの日の参加者の半数が、その後の通常の日にも来所しました。", "第二子の家庭の参加が少なく、上の子と来られる日が必要です。"),
    _b2(2, "地域の子育てサークルの活動を支えます。", "サークル代表者の交流会を年三回開き、会場の貸出しを始めました。",
        "交流会をきっかけに二つのサークルが合同で行事を開きました。", "代表者の交代が多く、引き継ぎの支援を考える必要があります。"),
]
SAGAMIHARA = [
    _b2(1, "外国につながる親子が安心して過ごせる場をつくる。", "やさしい日本語の案内を作り、通訳ボランティアと月一回の交流会を開いた。",
        "交流会に五か国の親子が参加し、通常の日にも来所するようになった。", "通訳ボランティアの人数が足りず、開催日を増やせていない。"),
    _b2(2, "父親が子育てに参加するきっかけをつくる。", "土曜日に父親と子どもの遊びの会を開いた。",
        "参加した父親同士が連絡を取り合い、自主的な集まりが生まれた。", "平日に来所する父親はまだ少ない。"),
    _b2(3, "子育て支援者の学びの機会を広げる。", "地域の支援者向けに発達の講座を二回開いた。",
        "講座の後、支援者からセンターへの相談が増えた。", "講座の参加者が一部の地区に偏っている。"),
]


def kawasaki_two_column_form_xlsx() -> tuple[bytes, dict]:
    """川崎市-like 事業評価シート: per goal a form of two columns (実施内容 | … | 成果 | …, 課題 | … | 評価 | Ｂ)."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "評価シート"
    ws["A1"] = "川崎市地域子育て支援センター　事業評価シート　令和6年度（2024年度）"
    ws.merge_cells("A1:D1")
    ws["A2"] = "センター名　子育て支援センターさくら"
    row = 4
    grades = ["Ａ", "Ｂ"]
    for k, g in enumerate(KAWASAKI):
        ws.cell(row, 1, f"目標{fw_digits(g['no'])}")
        ws.cell(row, 2, g["goal"])
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        ws.cell(row + 1, 1, "実施内容")
        ws.cell(row + 1, 2, g["content"])
        ws.cell(row + 1, 3, "成果")
        ws.cell(row + 1, 4, g["outcome"])
        ws.cell(row + 2, 1, "課題")
        ws.cell(row + 2, 2, g["issue"])
        ws.cell(row + 2, 3, "評価")
        ws.cell(row + 2, 4, grades[k])
        row += 4
    _wrap_all(ws)
    goals = [{**goal_want(2024, g), "grades": [grades[k]]} for k, g in enumerate(KAWASAKI)]
    want = {"ward_any": [None, "川崎市"], "years": [2024, 2024], "doc_type": "単年度評価", "goals": goals}
    return xlsx_bytes(wb), want


def sagamihara_goal_blocks_across_xlsx() -> tuple[bytes, dict]:
    """相模原市-like: three goal blocks across a sheet, labels 目標 / 取り組んだこと / 成果 / 今後の課題, 2024（R6）年度."""
    wb = new_workbook()
    ws = wb.active
    ws["A1"] = "相模原市　こども・子育て支援センター　2024（R6）年度　重点目標の振り返り"
    ws.merge_cells("A1:H1")
    ws.cell(3, 1, "重点目標の振り返り")
    for k, g in enumerate(SAGAMIHARA):
        col = 1 + 3 * k
        ws.cell(4, col, f"目標{fw_digits(g['no'])}")
        for r, (label, key) in enumerate((("目標", "goal"), ("取り組んだこと", "content"), ("成果", "outcome"),
                                          ("今後の課題", "issue")), start=5):
            ws.cell(r, col, label)
            ws.cell(r, col + 1, g[key])
    _wrap_all(ws)
    want = {"ward_any": [None, "相模原市"], "years": [2024, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2024, g) for g in SAGAMIHARA]}
    return xlsx_bytes(wb), want


def midori_year_rowspan_page() -> tuple[bytes, dict]:
    """A ward page: one table of goal rows, 年度 in a rowspan cell (令和4年度 over the evaluated goals,
    令和5年度 over next year's), 成果と課題 in one cell as 〈成果〉〈課題〉."""
    goals = [_b2(1, "地域の支援者と拠点がつながる機会を増やします。", "地区ごとの子育て支援者の集まりに職員が出向きました。",
                 "支援者から拠点を紹介されて来所する親子が増えました。", "集まりのない地区の支援者とは接点が持てていません。"),
             _b2(2, "はじめて来所する親子を温かく迎えます。", "受付で職員が声をかけ、ひろばの使い方を案内しました。",
                 "はじめての親子の七割が二回目も来所しました。", "混み合う時間帯は声かけが行き届きません。")]
    nxt = [_b2(1, "集まりのない地区にも出向き、支援者とつながります。", "地区の民生委員に拠点の案内を届けます。", "", ""),
           _b2(2, "混み合う時間帯の受入れを見直します。", "午前の受入れ人数と職員の配置を見直します。", "", "")]
    rows = []
    for label, items in (("令和4年度", goals), ("令和5年度", nxt)):
        for k, g in enumerate(items):
            year = f"<td rowspan='{len(items)}'>{label}</td>" if k == 0 else ""
            combined = (f"〈成果〉{g['outcome']}<br>〈課題〉{g['issue']}" if g["outcome"] else "")
            rows.append(f"<tr>{year}<td>{g['no']}</td><td>{g['goal']}</td><td>{g['content']}</td><td>{combined}</td></tr>")
    page = ("<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><title>緑区地域子育て支援拠点 事業評価</title></head>"
            "<body><h1>緑区地域子育て支援拠点　重点目標と評価</h1>"
            "<table border='1'><tr><th>年度</th><th>No.</th><th>重点目標</th><th>取組内容</th><th>成果と課題</th></tr>"
            + "".join(rows) + "</table></body></html>")
    want = {"ward": "緑区", "years": [2022, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2022, g) for g in goals], "next_goals": [next_want(2023, g) for g in nxt]}
    return page.encode("utf-8"), want


BATCH2 = {
    "kawasaki_r6_two_column_form.xlsx": kawasaki_two_column_form_xlsx,
    "sagamihara_2024_goal_blocks_across.xlsx": sagamihara_goal_blocks_across_xlsx,
    "midori_r4_r5_year_rowspan_page.html": midori_year_rowspan_page,
}

BATCH1 = {
    "izumi_r5_goal_blocks_across.xlsx": izumi_goal_blocks_across_xlsx,
    "naka_h31_sheet_per_section.xlsx": naka_sheet_per_section_xlsx,
    "izumi_r5_measure_rows.docx": izumi_measure_rows_docx,
    "konan_r5_slide_quadrants.pdf": konan_slide_quadrants_pdf,
    "naka_h31_cms_dl_page.html": naka_cms_dl_page,
    "kohoku_2018_label_column_combined.docx": kohoku_label_column_combined_docx,
    "kohoku_2018_label_column_combined_word.pdf": kohoku_label_column_combined_word_pdf,
    "naka_h31_r2_year_merged_column.xlsx": naka_year_merged_column_xlsx,
    "izumi_r5_fullwidth_abbrev.txt": izumi_fullwidth_abbrev_txt,
    "nishi_r3_r7_5kanen_cms_page.html": nishi_5kanen_cms_page,
    "konan_2023_landscape_goal_rows_word.pdf": konan_landscape_goal_rows_word_pdf,
    "konan_r5_goal_columns_page.html": konan_goal_columns_page,
    "nishi_r3_r7_5kanen_matrix_then_blocks.xlsx": nishi_5kanen_matrix_then_blocks_xlsx,
}

ABOUT = ("tests/data/relaid32: the seed reports re-laid (make_docs.py writes both; 'seed': which seed's "
         "content); what a reader says of each document.")

if __name__ == "__main__":
    write_builders(HERE, [BATCH1, BATCH2], ABOUT, sys.argv[1:])
