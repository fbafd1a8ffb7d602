"""Writes the documents of tests/data/unseen9 and their expected.json (run once; the outputs are
committed). Needs LibreOffice (`soffice`) for the Word file with a table in a text box and the
PDFs exported from Word.

    PYTHONPATH=$PWD python tests/data/unseen9/make_docs.py [NAME …]

Ninth round of documents nobody tuned the parser on: the seed reports' content (read by hand
into tests/data/unseen7/seed_content.json) re-laid as an archive of ~20 years and 18 wards
holds it — most documents move a seed's content to another ward (its ward's name replaced in
the text) and to another fiscal year (every year shifted), so the round is also "real reports
of other wards and years". The generator never calls the parser; expected.json is what a
human reader of each document would say, written from the same content before the parser was
run on the documents.

Layouts (one function each, named in expected.json's "layout"):

- older Yokohama report forms (平成18–26年度): sections 事業計画 / 実施結果 / 評価 / 次年度への
  課題, 実施内容 / 実施結果 / 改善点 with next year's 今後の取組; a 第2期 / 第3期 five-year
  summary headed by its period only (平成22〜26年度, 平成27年度〜令和元年度) with its own
  rating words; years written 平成２６年度 / H22 / 22年度 (era implied) / 2014年度;
- ward web pages as the city site serves them: navigation naming every ward, breadcrumbs, a
  footer with the ward office's (or city hall's, in 中区) address; the report in a `<table>`
  with rowspan / colspan, in `<dl>` inside `<details>` accordions; two fiscal years on one page;
  a page saved by a browser as .htm in Shift_JIS whose `<meta charset>` says UTF-8;
- PDFs: running headers, footers and page numbers between the lines of a passage (one column
  and two columns); a table continued over pages with its header row repeated and a row
  split across the page break; a Word table with a repeated header row exported by
  LibreOffice; a wide sheet whose second column block has no header row (a known limit);
- Word: a goal per page in a two-column label table; a goal table inside a text box; headings
  numbered by Word's list numbering (１．, 重点目標①, (1), ア) and the same exported to PDF;
  sections typed ア / イ / ウ under (1)(2) goals (text);
- Excel: a sheet per goal (目標1 …); a merged header over two label columns above a second
  header row; the year only in the sheet names; the year only in a cell far right of the table.
"""

from __future__ import annotations

import copy
import html
import io
import json
import sys
from pathlib import Path

from tests.data.docgen import (PDF_FONT, docx_bytes, fw_digits as fw, new_workbook, round_generator, story_pdf,
                               xlsx_bytes)

HERE = Path(__file__).resolve().parent

u7 = round_generator("unseen7")
u8 = round_generator("unseen8")

CIRCLED, PROGRAMME_NAMES = u7.CIRCLED, u7.PROGRAMME_NAMES
PARTS = (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue"))
KATAKANA = "アイウエオカキクケコ"


# --- a seed's content moved to another ward and year ---------------------------------------------

def reseed(key: str, ward: str | None = None, shift: int = 0) -> dict:
    """The seed's content as another ward's report of another year: the ward's name replaced
    everywhere in the text, every fiscal year moved by `shift`."""
    s = copy.deepcopy(u7.seed(key))
    old = s["ward"]
    new = ward or old

    def fix(x):
        if isinstance(x, str):
            return x.replace(old, new)
        if isinstance(x, list):
            return [fix(i) for i in x]
        if isinstance(x, dict):
            return {k: fix(v) for k, v in x.items()}
        return x

    s = fix(s)
    s["ward"] = new
    s["year_from"] += shift
    s["year_to"] += shift
    for g in s.get("goals", []) + s.get("next_goals", []):
        g["year"] += shift
    s["office"] = f"{new}こども家庭支援課"
    # (港北区's seed names no operator; a report of this kind names one)
    s["operator"] = s["operator"] or "社会福祉法人たんぽぽ福祉会"
    return s


def year(y: int, style: str) -> str:
    """A fiscal year as written: u7's styles plus 「26年度」 (era left to the reader)."""
    if style == "bare":
        return f"{u7.era(y)[1]}年度"
    if style == "bare_fw":
        return fw(f"{u7.era(y)[1]}年度")
    return u7.year(y, style)


def era_span(a: int, b: int) -> str:
    """平成22〜26年度 (one era) or 平成27年度〜令和元年度."""
    ea, na = u7.era(a)
    eb, nb = u7.era(b)
    if b == 2019:
        eb, nb = "令和", 1
    if ea == eb:
        return f"{ea}{na}〜{nb}年度"
    return f"{ea}{na}年度〜{eb}{'元' if nb == 1 else nb}年度"


# --- older Yokohama report forms --------------------------------------------------------------------

def txt_old_form_keikaku(s: dict, style: str) -> bytes:
    """平成２６年度 report: 重点目標１ with 【事業計画】【実施結果】【評価】【次年度への課題】."""
    y = s["year_from"]
    lines = [fw(f"{year(y, 'wareki')}　{s['ward']}地域子育て支援拠点事業　評価報告書"),
             f"運営法人：{s['operator']}", f"所管：{s['office']}", "",
             fw(f"１　{year(y, 'wareki')}の重点目標と実施結果"), ""]
    for g in s["goals"]:
        lines.append(f"重点目標{fw(g['no'])}　{g['goal']}")
        lines.append("【事業計画】")
        lines += g["content"]
        lines.append("【実施結果】")
        lines += g["outcome"]
        lines.append("【評価】　Ｂ（おおむね達成）")
        lines.append("【次年度への課題】")
        lines += g["issue"]
        lines.append("")
    return "\r\n".join(lines).encode("cp932")


def txt_old_form_kaizen(s: dict, style: str) -> bytes:
    """H22 title; goals 「22年度　重点目標(1)」 (era implied), 実施内容 / 実施結果 / 改善点;
    next year's goals 「23年度 重点目標」 with 今後の取組."""
    y = s["year_from"]
    era, n = u7.era(y)
    lines = [f"H{n}年度　{s['ward']}地域子育て支援拠点　事業報告", f"{s['office']}", ""]
    for g in s["goals"]:
        lines.append(f"{year(y, 'bare')}　重点目標({g['no']})　{g['goal']}")
        for label, part in (("実施内容", "content"), ("実施結果", "outcome"), ("改善点", "issue")):
            lines.append(f"＜{label}＞")
            lines += g[part]
        lines.append("")
    if s["next_goals"]:
        lines += [f"{year(y + 1, 'bare')}　重点目標", ""]
        for g in s["next_goals"]:
            lines.append(f"重点目標({g['no']})　{g['goal']}")
            lines.append("＜今後の取組＞")
            lines += g["content"]
            lines.append("")
    return "\n".join(lines).encode("euc_jis_2004")


def docx_old_form_table(s: dict, style: str) -> bytes:
    """2014年度 in Word: a table per goal, rows 重点目標 | 事業計画 | 実施結果 | 評価 | 次年度への課題;
    next year's goals as 「2015年度の重点目標」 with numbered paragraphs."""
    import docx

    y = s["year_from"]
    d = docx.Document()
    d.add_paragraph(f"{s['ward']}地域子育て支援拠点事業　{y}年度　事業評価")
    d.add_paragraph(f"受託法人　{s['operator']}")
    for g in s["goals"]:
        t = d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, items in ((f"重点目標{g['no']}", [g["goal"]]), ("事業計画", g["content"]),
                             ("実施結果", g["outcome"]), ("評価", ["達成"]), ("次年度への課題", g["issue"])):
            cells = t.add_row().cells
            cells[0].text = label
            u7.set_cell(cells[1], items)
        d.add_paragraph("")
    if s["next_goals"]:
        d.add_paragraph(f"{y + 1}年度の重点目標")
        for g in s["next_goals"]:
            d.add_paragraph(f"重点目標{g['no']}　{g['goal']}")
            d.add_paragraph("（取組内容）")
            for i in g["content"]:
                d.add_paragraph(i)
    return docx_bytes(d)


# A five-year summary of an earlier period, rated in its own words.
OWN_WORDS = {"A": "十分取り組めた", "B": "ある程度取り組めた", "C": "取り組みが不十分"}
MARKS = {"A": "◎", "B": "○", "C": "△"}


def txt_5kanen_dai2ki(s: dict, style: str) -> bytes:
    """第２期（平成22〜26年度）の振り返り: a tab table 目指す拠点の姿 | 法人の振り返り | 区の振り返り
    in words (十分取り組めた / ある程度取り組めた), no 「5か年」 anywhere."""
    a, b = s["year_from"], s["year_to"]
    lines = [f"{s['ward']}地域子育て支援拠点事業　第２期（{era_span(a, b)}）の振り返り",
             f"事業の実施者：{s['operator']}　{s['office']}", ""]
    for p in s["programmes"]:
        lines += [f"{fw(p['no'])}　{PROGRAMME_NAMES[p['no']]}", "目指す拠点の姿\t法人の振り返り\t区の振り返り"]
        for aim in p["aims"]:
            lines.append(f"{aim['text']}\t{OWN_WORDS[aim['法人']]}\t{OWN_WORDS[aim['区']]}")
        lines.append("評価の理由（法人）")
        for r in p["reason_op"]:
            lines += r.split("\n")
        lines.append("評価の理由（区）")
        lines += p["reason_ward"]
        lines += ["第２期の成果と課題", "（成果）"] + p["outcome"] + ["（課題）"] + p["issue"] + [""]
    return "\n".join(lines).encode("utf-8")


def docx_5kanen_dai3ki(s: dict, style: str) -> bytes:
    """第３期（平成27年度〜令和元年度）: Word headings, a table per programme with ◎ ○ △ under
    法人 and 区, a legend line for the marks."""
    import docx

    a, b = s["year_from"], s["year_to"]
    d = docx.Document()
    d.add_heading(f"{s['ward']}地域子育て支援拠点事業", level=1)
    d.add_paragraph(f"第３期（{era_span(a, b)}）事業評価のまとめ")
    d.add_paragraph(f"{s['operator']}・{s['office']}")
    d.add_paragraph("評価の記号　◎：十分達成　○：達成　△：一部達成")
    for p in s["programmes"]:
        d.add_heading(f"{p['no']}．{PROGRAMME_NAMES[p['no']]}", level=2)
        t = d.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, ("目指す拠点の姿", "法人", "区")):
            c.text = h
        for aim in p["aims"]:
            cells = t.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = aim["text"], MARKS[aim["法人"]], MARKS[aim["区"]]
        d.add_paragraph("評価の理由（法人）")
        for r in p["reason_op"]:
            for line in r.split("\n"):
                d.add_paragraph(line)
        d.add_paragraph("評価の理由（区）")
        for i in p["reason_ward"]:
            d.add_paragraph(i)
        d.add_paragraph("拠点事業としての成果と課題")
        d.add_paragraph("（成果）")
        for i in p["outcome"]:
            d.add_paragraph(i)
        d.add_paragraph("（課題）")
        for i in p["issue"]:
            d.add_paragraph(i)
    return docx_bytes(d)


# --- ward web pages ----------------------------------------------------------------------------------

WARDS = ("鶴見区", "神奈川区", "西区", "中区", "南区", "港南区", "保土ケ谷区", "旭区", "磯子区", "金沢区", "港北区",
         "緑区", "青葉区", "都筑区", "戸塚区", "栄区", "泉区", "瀬谷区")
ADDRESS = {"鶴見区": "〒230-0051 横浜市鶴見区鶴見中央三丁目20番1号", "緑区": "〒226-0013 横浜市緑区寺山町118",
           "青葉区": "〒225-0024 横浜市青葉区市ケ尾町31-4", "瀬谷区": "〒246-0021 横浜市瀬谷区二ツ橋町190"}
CITY_HALL = "横浜市役所　〒231-0005 横浜市中区本町6丁目50番地の10　電話 045-671-2121"


def _e(s: str) -> str:
    return html.escape(s)


def site_page(ward: str, title: str, body: list[str], charset: str = "utf-8", city_footer: bool = False) -> str:
    nav = "".join(f'<li><a href="/{i}/">{_e(w)}</a></li>' for i, w in enumerate(WARDS))
    crumbs = (f'<ol class="breadcrumb"><li><a href="/">トップページ</a></li><li><a href="/ward/">{_e(ward)}トップページ</a>'
              f'</li><li><a href="/ward/kosodate/">子育て・教育</a></li><li>{_e(title)}</li></ol>')
    foot = [f"<p>{_e(ward)}こども家庭支援課</p>", f"<p>{_e(ADDRESS.get(ward, ''))}</p>",
            "<p>電話：045-000-0000　ファクス：045-000-0001</p>"]
    if city_footer:
        foot.append(f"<p>{_e(CITY_HALL)}</p>")
    foot.append("<p>© City of Yokohama. All rights reserved.</p>")
    return (f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="{charset}"><title>{_e(title)} {_e(ward)} 横浜市</title>'
            "</head><body>\n"
            f'<header><p><a href="/">横浜市</a></p><p>文字サイズ・色合い変更　音声読み上げ　Foreign language</p>'
            f'<nav><p>区のページ</p><ul>{nav}</ul></nav></header>\n{crumbs}\n'
            f'<main><h1>{_e(title)}</h1>\n' + "\n".join(body) + "\n"
            "<p>このページへのお問合せ</p></main>\n"
            f'<footer>{"".join(foot)}</footer>\n</body></html>\n')


def html_rowspan_table(s: dict, style: str) -> bytes:
    """The report in one table: a colspan year row, the goal cell spanning its three section
    rows (rowspan), a 区分 column; next year's goals in a second table."""
    y = s["year_from"]
    rows = [f'<tr><th colspan="3">{_e(year(y, style))}　重点目標の評価</th></tr>',
            "<tr><th>重点目標</th><th>区分</th><th>内容</th></tr>"]
    for g in s["goals"]:
        for k, (label, part) in enumerate(PARTS):
            goal_cell = f'<td rowspan="3">{g["no"]}　{_e(g["goal"])}</td>' if k == 0 else ""
            rows.append(f"<tr>{goal_cell}<th>{label}</th><td>{'<br>'.join(_e(i) for i in g[part])}</td></tr>")
    body = [f"<p>{_e(s['ward'])}地域子育て支援拠点事業の評価結果をお知らせします。</p>",
            f"<p>事業の実施者：{_e(s['operator'])}</p>",
            '<table class="report">' + "".join(rows) + "</table>"]
    if s["next_goals"]:
        nrows = [f'<tr><th colspan="2">{_e(year(y + 1, style))}　重点目標</th></tr>', "<tr><th>重点目標</th><th>取組内容</th></tr>"]
        for g in s["next_goals"]:
            nrows.append(f"<tr><td>{g['no']}　{_e(g['goal'])}</td><td>{'<br>'.join(_e(i) for i in g['content'])}</td></tr>")
        body.append("<table>" + "".join(nrows) + "</table>")
    return site_page(s["ward"], "地域子育て支援拠点事業の評価", body).encode("utf-8")


def html_details_dl(s: dict, style: str) -> bytes:
    """Each goal an accordion: <details><summary>重点目標1</summary><p>goal</p><dl> sections </dl>;
    the footer gives the city hall's address (in 中区) beside the ward office's."""
    y = s["year_from"]
    body = [f"<h2>{_e(year(y, style))}　{_e(s['ward'])}地域子育て支援拠点の重点目標と評価</h2>",
            f"<p>運営：{_e(s['operator'])}</p>"]
    for g in s["goals"]:
        dl = "".join(f"<dt>{label}</dt><dd>{'<br>'.join(_e(i) for i in g[part])}</dd>" for label, part in PARTS)
        body.append(f"<details><summary>重点目標{g['no']}</summary><p>{_e(g['goal'])}</p><dl>{dl}</dl></details>")
    if s["next_goals"]:
        body.append(f"<h2>{_e(year(y + 1, style))}の重点目標</h2>")
        for g in s["next_goals"]:
            body.append(f"<details><summary>重点目標{g['no']}</summary><p>{_e(g['goal'])}</p>"
                        f"<dl><dt>取組内容</dt><dd>{'<br>'.join(_e(i) for i in g['content'])}</dd></dl></details>")
    return site_page(s["ward"], "地域子育て支援拠点の評価", body, city_footer=True).encode("utf-8")


def _year_section(s: dict, style: str) -> list[str]:
    y = s["year_from"]
    out = [f"<h2>{_e(year(y, style))}の評価</h2>", f"<h3>{_e(year(y, style))}　重点目標の評価</h3>"]
    for g in s["goals"]:
        out.append(f"<h4>重点目標{g['no']}　{_e(g['goal'])}</h4>")
        for label, part in PARTS:
            out.append(f"<p><strong>{label}</strong></p>" + "".join(f"<p>{_e(i)}</p>" for i in g[part]))
    if s["next_goals"]:
        out.append(f"<h3>{_e(year(y + 1, style))}　重点目標</h3>")
        for g in s["next_goals"]:
            out.append(f"<h4>重点目標{g['no']}　{_e(g['goal'])}</h4>")
            out.append("<p><strong>取組内容</strong></p>" + "".join(f"<p>{_e(i)}</p>" for i in g["content"]))
    return out


def html_two_years(parts: list[dict], style: str) -> bytes:
    """Several fiscal years' reports on one page, the latest first."""
    ward = parts[0]["ward"]
    body = [f"<p>{_e(ward)}の地域子育て支援拠点事業について、年度ごとの評価を掲載しています。</p>"]
    for s in parts:
        body += _year_section(s, style)
    return site_page(ward, "拠点事業の評価（過去の評価）", body).encode("utf-8")


def htm_browser_saved(s: dict, style: str) -> bytes:
    """A page saved by a browser: the 「saved from url」 comment, Shift_JIS bytes, a <meta
    charset> that still says UTF-8."""
    page = html_rowspan_table(s, style).decode("utf-8")
    page = page.replace("<!DOCTYPE html>\n", "<!DOCTYPE html>\n<!-- saved from url=(0062)https://www.city.yokohama."
                        "lg.jp/ward/kosodate/kyoten/hyouka.html -->\n", 1)
    return page.encode("cp932", errors="xmlcharrefreplace")   # as a browser saves what the code page lacks


# --- PDFs drawn line by line --------------------------------------------------------------------------

def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def report_lines(s: dict, style: str, labels=("取組内容", "取組の成果", "取組の課題")) -> list[tuple[str, bool]]:
    """(line, is_heading) of a yearly report, before wrapping."""
    y = s["year_from"]
    out = [(f"{s['ward']}地域子育て支援拠点事業", True),
           (f"{year(y, style)}重点目標評価結果", True),
           (f"事業の実施者　{s['operator']}　{s['office']}", False),
           (f"{year(y, style)}重点目標の評価", True)]
    for g in s["goals"]:
        out.append((f"重点目標{CIRCLED[g['no'] - 1]}", True))
        out.append((g["goal"], False))
        for label, (_l, part) in zip(labels, PARTS):
            out.append((f"【{label}】", True))
            out += [(i, False) for i in g[part]]
    if s["next_goals"]:
        out.append((f"{year(y + 1, style)}重点目標", True))
        for g in s["next_goals"]:
            out.append((f"重点目標{CIRCLED[g['no'] - 1]}", True))
            out.append((g["goal"], False))
            out.append(("【取組内容】", True))
            out += [(i, False) for i in g["content"]]
    return out


def pdf_running_heads(s: dict, style: str, columns: int = 1, header: str = "", side: str = "") -> bytes:
    """A report drawn line by line with a running header (and a line under it), a page number
    「- n -」 and a side note in the footer on every page; one or two columns of text; paragraphs
    wrapped at the column's width, so passages run on over column and page breaks."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdfcanvas

    u7.pdf_style()   # registers the CID font
    font = PDF_FONT
    w, h = A4
    margin, gap, size, lead = 40, 20, 9, 14
    col_w = (w - 2 * margin - gap * (columns - 1)) / columns
    per_line = int(col_w // size)
    lines = []
    for text, head in report_lines(s, style):
        lines += [(t, head) for t in _wrap(text, per_line)]
    buf = io.BytesIO()
    c = pdfcanvas.Canvas(buf, pagesize=A4)
    top, bottom = h - 70, 60
    page, col, yy = 1, 0, top

    def furniture():
        c.setFont(font, 8)
        c.drawString(margin, h - 40, header)
        c.line(margin, h - 46, w - margin, h - 46)
        c.drawCentredString(w / 2, 30, f"- {page} -")
        if side:
            c.drawRightString(w - margin, 30, side)

    furniture()
    for text, head in lines:
        if yy < bottom:
            col += 1
            yy = top
            if col == columns:
                c.showPage()
                page += 1
                col = 0
                furniture()
        c.setFont(font, size + (1 if head else 0))
        c.drawString(margin + col * (col_w + gap), yy, text)
        yy -= lead
    c.showPage()
    c.save()
    return buf.getvalue()


def pdf_table_continued(s: dict, style: str) -> bytes:
    """A goal table (重点目標 | 取組内容 | 取組の成果 | 取組の課題) longer than a page: the header row
    repeated on every page, a row's cells split over the page break, page numbers 「n / N」."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, TableStyle

    st = u7.pdf_style(9)
    size = landscape(A4)
    y = s["year_from"]
    story = [u7.pdf_paragraph(f"{s['ward']}地域子育て支援拠点事業　{year(y, style)}重点目標評価結果", u7.pdf_style(12)),
             u7.pdf_paragraph(f"事業の実施者：{s['operator']}　{s['office']}", st)]
    width = size[0] - 60
    data = [[u7.pdf_paragraph(x, st) for x in ("重点目標", "取組内容", "取組の成果", "取組の課題")]]
    for g in s["goals"]:
        data.append([u7.pdf_paragraph(f"{g['no']}．{g['goal']}", st)] + [u7.pdf_cell(g[part], st) for _l, part in PARTS])
    t = LongTable(data, colWidths=[width * 0.16, width * 0.28, width * 0.28, width * 0.28], repeatRows=1,
                  splitInRow=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (-1, 0), "#dddddd")]))
    story.append(t)
    if s["next_goals"]:
        story.append(u7.pdf_paragraph(f"{year(y + 1, style)}重点目標", u7.pdf_style(11)))
        nd = [[u7.pdf_paragraph(x, st) for x in ("重点目標", "取組内容")]]
        for g in s["next_goals"]:
            nd.append([u7.pdf_paragraph(f"{g['no']}．{g['goal']}", st), u7.pdf_cell(g["content"], st)])
        nt = LongTable(nd, colWidths=[width * 0.3, width * 0.7], repeatRows=1, splitInRow=1)
        nt.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(nt)
    return story_pdf(story, size, lambda page: f"{page}ページ")


def pdf_wide_sheet_no_header(s: dict, style: str) -> bytes:
    """u8's wide sheet printed "down, then over", but the second column block (取組の成果 |
    取組の課題) without a header row: the print title rows were not set (a known limit)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Table, TableStyle

    st = u7.pdf_style(8)
    width, height = A4
    cols = {"A": 110, "B": 210, "C": 210, "D": 210}
    y = s["year_from"]
    head = ["重点目標", "取組内容", "取組の成果", "取組の課題"]
    rows = [[f"{g['no']}　{g['goal']}", g["content"], g["outcome"], g["issue"]] for g in s["goals"]]

    def cell(v):
        return [u7.pdf_paragraph(i, st) for i in (v if isinstance(v, list) else [v])]

    def tall(v, w):
        return sum(p.wrap(w - 12, 10000)[1] for p in cell(v)) + 8

    heights = [max(tall(v, cols[c]) for v, c in zip(r, "ABCD")) for r in rows]
    story = [u7.pdf_paragraph(f"{s['ward']}地域子育て支援拠点事業", u7.pdf_style(11)),
             u7.pdf_paragraph(f"{year(y, style)}重点目標評価結果", u7.pdf_style(11)),
             u7.pdf_paragraph(f"事業の実施者　{s['operator']}", st), u7.pdf_paragraph(f"{year(y, style)}重点目標の評価", u7.pdf_style(10))]
    for n, block in enumerate((("A", "B"), ("C", "D"))):
        if n:
            story.append(PageBreak())
        idx = ["ABCD".index(c) for c in block]
        data = ([[u7.pdf_paragraph(head[k], st) for k in idx]] if n == 0 else []) + [[cell(r[k]) for k in idx] for r in rows]
        t = Table(data, colWidths=[cols[c] for c in block], rowHeights=([20] if n == 0 else []) + heights,
                  hAlign="LEFT")
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)

    return story_pdf(story, A4, lambda page: f"{page} / 2")


# --- Word ---------------------------------------------------------------------------------------------

def docx_goal_per_page(s: dict, style: str) -> bytes:
    """A cover paragraph, then one goal per page: a two-column table, labels in the left column."""
    import docx
    from docx.enum.text import WD_BREAK

    y = s["year_from"]
    d = docx.Document()
    d.add_paragraph(f"{s['ward']}地域子育て支援拠点事業")
    d.add_paragraph(f"{year(y, style)}　重点目標評価シート")
    d.add_paragraph(f"事業の実施者　{s['operator']}　{s['office']}")
    for g in s["goals"]:
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        d.add_paragraph(f"{year(y, style)}　重点目標{fw(g['no'])}")
        t = d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, items in (("重点目標", [g["goal"]]), ("取組内容", g["content"]), ("取組の成果", g["outcome"]),
                             ("取組の課題", g["issue"])):
            cells = t.add_row().cells
            cells[0].text = label
            u7.set_cell(cells[1], items)
    return docx_bytes(d)


_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0"
 relativeHeight="{n}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="6120000" cy="3600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="{n}" name="テキスト ボックス {n}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="6120000" cy="3600000"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square"/></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:t>(text box)</w:t></mc:Fallback></mc:AlternateContent></w:r>"""


def docx_table_in_text_box(s: dict, style: str) -> bytes:
    """Each goal's table (重点目標 | 取組内容 | 取組の成果 | 取組の課題 as rows) drawn inside a text
    box, as Word saves a box (a DrawingML text box; the VML fallback holds no text here)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    d = docx.Document()
    y = s["year_from"]
    d.add_paragraph(f"{s['ward']}地域子育て支援拠点事業")
    d.add_paragraph(f"{year(y, style)}重点目標評価結果・{year(y + 1, style)}重点目標")
    d.add_paragraph(f"事業の実施者　{s['operator']}")
    d.add_paragraph(f"{year(y, style)}重点目標の評価")
    count = [0]

    def boxed(rows):
        count[0] += 1
        t = d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, items in rows:
            cells = t.add_row().cells
            cells[0].text = label
            u7.set_cell(cells[1], items)
        holder = d.add_paragraph()
        run = parse_xml(_BOX.format(n=count[0]))
        holder._p.append(run)
        content = run.find(".//" + qn("w:txbxContent"))
        content.append(t._tbl)          # the table moves from the body into the box
        content.append(parse_xml('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))

    for g in s["goals"]:
        boxed([(f"重点目標{g['no']}", [g["goal"]])] + [(label, g[part]) for label, part in PARTS])
    if s["next_goals"]:
        d.add_paragraph(f"{year(y + 1, style)}重点目標")
        for g in s["next_goals"]:
            boxed([(f"重点目標{g['no']}", [g["goal"]]), ("取組内容", g["content"])])
    return docx_bytes(d)


_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
<w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1．"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="重点目標%2"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%3)"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="aiueoFullWidth"/><w:lvlText w:val="%4"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""


def docx_list_numbering(s: dict, style: str) -> bytes:
    """Headings numbered by Word's list numbering, the numbers in numbering.xml, not the text:
    「１．」 year headings, 「重点目標①」 goals (the goal sentence is the item's text), 「(1)」
    section labels, 「ア」 items."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    d = docx.Document()
    numbering = d.part.numbering_part.element
    abstract = parse_xml(_NUMBERING)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml('<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                               'w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    restart = [91]

    def item(text: str, level: int, fresh: bool = False):
        p = d.add_paragraph(text)
        num = 90
        if fresh:   # a list of its own at this level (numbers start again)
            num = restart[0]
            restart[0] += 1
            numbering.append(parse_xml(
                '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                f'w:numId="{num}"><w:abstractNumId w:val="90"/></w:num>'))
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml('<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                             f'<w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
        return p

    y = s["year_from"]
    d.add_paragraph(f"{s['ward']}地域子育て支援拠点事業")
    d.add_paragraph(f"{year(y, style)}重点目標評価結果・{year(y + 1, style)}重点目標")
    d.add_paragraph(f"事業の実施者　{s['operator']}　{s['office']}")
    item(f"{year(y, style)}　重点目標の評価", 0)
    for g in s["goals"]:
        item(g["goal"], 1)
        for label, part in PARTS:
            item(label, 2)
            for i in g[part]:
                item(i, 3)
    if s["next_goals"]:
        item(f"{year(y + 1, style)}　重点目標", 0)
        for g in s["next_goals"]:
            item(g["goal"], 1)
            item("取組内容", 2)
            for i in g["content"]:
                item(i, 3)
    return docx_bytes(d)


def docx_header_row_repeated(s: dict, style: str) -> bytes:
    """A Word goal table (重点目標 | 取組内容 | 取組の成果 | 取組の課題) whose header row is marked
    「repeat as header row」, long enough to run over pages (exported to PDF by LibreOffice)."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    y = s["year_from"]
    d = docx.Document()
    d.add_paragraph(f"{s['ward']}地域子育て支援拠点事業　{year(y, style)}重点目標評価結果")
    d.add_paragraph(f"事業の実施者：{s['operator']}")
    t = d.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, ("重点目標", "取組内容", "取組の成果", "取組の課題")):
        c.text = h
    trpr = t.rows[0]._tr.get_or_add_trPr()
    trpr.append(parse_xml('<w:tblHeader xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
    for g in s["goals"]:
        cells = t.add_row().cells
        cells[0].text = f"{g['no']}．{g['goal']}"
        for c, (_l, part) in zip(cells[1:], PARTS):
            u7.set_cell(c, g[part])
    for para in d.paragraphs:
        for r in para.runs:
            r.font.size = Pt(12)
    for row in t.rows:
        for c in row.cells:
            for para in c.paragraphs:
                for r in para.runs:
                    r.font.size = Pt(12)
    if s["next_goals"]:
        d.add_paragraph(f"{year(y + 1, style)}重点目標")
        for g in s["next_goals"]:
            d.add_paragraph(f"重点目標{g['no']}　{g['goal']}")
            d.add_paragraph("取組内容")
            for i in g["content"]:
                d.add_paragraph(i)
    return docx_bytes(d)


def txt_aiu_sections(s: dict, style: str) -> bytes:
    """Goals 「(1)」 under 「１　重点目標の評価」, sections typed 「ア　取組内容」 「イ　取組の成果」
    「ウ　取組の課題」, items 「(ｱ)」."""
    y = s["year_from"]
    lines = [f"{s['ward']}地域子育て支援拠点事業", f"{year(y, style)}重点目標評価結果・{year(y + 1, style)}重点目標",
             f"事業の実施者：{s['operator']}", "", f"１　{year(y, style)}重点目標の評価"]
    for g in s["goals"]:
        lines.append(f"（{g['no']}）重点目標　{g['goal']}")
        for k, (label, part) in enumerate(PARTS):
            lines.append(f"　{KATAKANA[k]}　{label}")
            lines += [f"　　{i}" for i in g[part]]
    if s["next_goals"]:
        lines.append(f"２　{year(y + 1, style)}重点目標")
        for g in s["next_goals"]:
            lines.append(f"（{g['no']}）重点目標　{g['goal']}")
            lines.append("　ア　取組内容")
            lines += [f"　　{i}" for i in g["content"]]
    return "\n".join(lines).encode("utf-8")


# --- Excel ---------------------------------------------------------------------------------------------

def xlsx_sheet_per_goal(s: dict, style: str) -> bytes:
    """A cover sheet (表紙) with the title and year, then a sheet per goal named 目標1 …, labels in
    column A and texts in column B; next year's goals on a sheet 次年度目標."""
    from openpyxl.styles import Alignment

    y = s["year_from"]
    wb = new_workbook()
    ws = wb.active
    ws.title = "表紙"
    ws.append([f"{s['ward']}地域子育て支援拠点事業"])
    ws.append([f"{year(y, style)}重点目標評価結果・{year(y + 1, style)}重点目標"])
    ws.append(["事業の実施者", f"{s['operator']}　{s['office']}"])
    for g in s["goals"]:
        sh = wb.create_sheet(f"目標{g['no']}")
        for label, items in ((f"重点目標{g['no']}", [g["goal"]]), ("取組内容", g["content"]),
                             ("取組の成果", g["outcome"]), ("取組の課題", g["issue"])):
            sh.append([label, "\n".join(items)])
            sh.cell(sh.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    if s["next_goals"]:
        sh = wb.create_sheet("次年度目標")
        sh.append([f"{year(y + 1, style)}重点目標"])
        for g in s["next_goals"]:
            sh.append([f"重点目標{g['no']}", g["goal"]])
            sh.append(["取組内容", "\n".join(g["content"])])
    return xlsx_bytes(wb)


def xlsx_merged_label_header(s: dict, style: str) -> bytes:
    """A header of two rows: 「重点目標」 merged across the number and text columns and down both
    rows, 「取組」 merged across three columns over 内容 | 成果 | 課題."""
    from openpyxl.styles import Alignment

    y = s["year_from"]
    wb = new_workbook()
    ws = wb.active
    ws.title = "評価"
    ws.append([f"{s['ward']}地域子育て支援拠点事業　{year(y, style)}重点目標評価結果"])
    ws.append(["事業の実施者", f"{s['operator']}　{s['office']}"])
    ws.append([])
    ws.append(["重点目標", None, "取組", None, None])
    h = ws.max_row
    ws.append([None, None, "内容", "成果", "課題"])
    ws.merge_cells(start_row=h, start_column=1, end_row=h + 1, end_column=2)
    ws.merge_cells(start_row=h, start_column=3, end_row=h, end_column=5)
    for g in s["goals"]:
        ws.append([g["no"], g["goal"], "\n".join(g["content"]), "\n".join(g["outcome"]), "\n".join(g["issue"])])
        for col in range(2, 6):
            ws.cell(ws.max_row, col).alignment = Alignment(wrap_text=True, vertical="top")
    if s["next_goals"]:
        ws.append([])
        ws.append([f"{year(y + 1, style)}重点目標"])
        ws.append(["重点目標", None, "取組内容"])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=2)
        for g in s["next_goals"]:
            ws.append([g["no"], g["goal"], "\n".join(g["content"])])
    return xlsx_bytes(wb)


def xlsx_year_in_sheet_names(s: dict, style: str) -> bytes:
    """No year in any cell: the sheet of this year's goals is named 「R5」, next year's 「R6」."""
    y = s["year_from"]
    wb = new_workbook()
    ws = wb.active
    ws.title = year(y, "R_bare")
    ws.append([f"{s['ward']}地域子育て支援拠点事業　重点目標の評価"])
    ws.append(["事業の実施者", f"{s['operator']}　{s['office']}"])
    ws.append(["重点目標", "取組内容", "取組の成果", "取組の課題"])
    for g in s["goals"]:
        ws.append([f"{g['no']}　{g['goal']}", "\n".join(g["content"]), "\n".join(g["outcome"]), "\n".join(g["issue"])])
    if s["next_goals"]:
        nx = wb.create_sheet(year(y + 1, "R_bare"))
        nx.append([f"{s['ward']}地域子育て支援拠点事業　重点目標"])
        nx.append(["重点目標", "取組内容"])
        for g in s["next_goals"]:
            nx.append([f"{g['no']}　{g['goal']}", "\n".join(g["content"])])
    return xlsx_bytes(wb)


def xlsx_year_far_cell(s: dict, style: str) -> bytes:
    """The year only in a cell far right of the table (H1 「対象年度」, I1 the year); next year's
    goals below under 「次年度の重点目標」."""
    y = s["year_from"]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = f"{s['ward']}地域子育て支援拠点事業　重点目標の評価"
    ws["H1"] = "対象年度"
    ws["I1"] = year(y, style)
    ws["A2"] = "事業の実施者"
    ws["B2"] = f"{s['operator']}　{s['office']}"
    ws.append([])
    ws.append(["重点目標", "取組内容", "取組の成果", "取組の課題"])
    for g in s["goals"]:
        ws.append([f"{g['no']}．{g['goal']}", "\n".join(g["content"]), "\n".join(g["outcome"]), "\n".join(g["issue"])])
    if s["next_goals"]:
        ws.append([])
        ws.append(["次年度の重点目標"])
        ws.append(["重点目標", "取組内容"])
        for g in s["next_goals"]:
            ws.append([f"{g['no']}．{g['goal']}", "\n".join(g["content"])])
    return xlsx_bytes(wb)


# --- the documents and their expected parse --------------------------------------------------------

def docx_to_pdf(render):
    def make(s, style):
        return u8.soffice(render(s, style), ".docx", "pdf")
    return make


def fodt_to_docx(render):
    def make(s, style):
        return u8.soffice(render(s, style), ".fodt", "docx")
    return make


LAYOUTS = {
    "txt_old_form_keikaku": txt_old_form_keikaku,
    "txt_old_form_kaizen": txt_old_form_kaizen,
    "docx_old_form_table": docx_old_form_table,
    "txt_5kanen_dai2ki": txt_5kanen_dai2ki,
    "docx_5kanen_dai3ki": docx_5kanen_dai3ki,
    "html_rowspan_table": html_rowspan_table,
    "html_details_dl": html_details_dl,
    "htm_browser_saved": htm_browser_saved,
    "pdf_running_heads": lambda s, st: pdf_running_heads(
        s, st, 1, f"{s['ward']}地域子育て支援拠点事業　評価報告書", s["office"]),
    "pdf_two_columns_running_heads": lambda s, st: pdf_running_heads(
        s, st, 2, f"地域子育て支援拠点事業評価（{s['ward']}）", ""),
    "pdf_table_continued": pdf_table_continued,
    "pdf_of_docx_header_row_repeated": docx_to_pdf(docx_header_row_repeated),
    "pdf_wide_sheet_no_header": pdf_wide_sheet_no_header,
    "docx_goal_per_page": docx_goal_per_page,
    "docx_table_in_text_box": docx_table_in_text_box,
    "docx_list_numbering": docx_list_numbering,
    "pdf_of_docx_list_numbering": docx_to_pdf(docx_list_numbering),
    "txt_aiu_sections": txt_aiu_sections,
    "xlsx_sheet_per_goal": xlsx_sheet_per_goal,
    "xlsx_merged_label_header": xlsx_merged_label_header,
    "xlsx_year_in_sheet_names": xlsx_year_in_sheet_names,
    "xlsx_year_far_cell": xlsx_year_far_cell,
}

# (file, layout, year style, [(seed, ward, shift) …]) — several seeds: several years on one page
DOCUMENTS = [
    ("asahi_h26_keikaku_kekka.txt", "txt_old_form_keikaku", "wareki_fw", [("konan", "旭区", -9)]),
    ("totsuka_h22_kaizen.txt", "txt_old_form_kaizen", "bare", [("izumi", "戸塚区", -13)]),
    ("tsuzuki_2014_old_form.docx", "docx_old_form_table", "western", [("naka", "都筑区", -5)]),
    ("sakae_dai2ki_h22_h26.txt", "txt_5kanen_dai2ki", "wareki", [("nishi", "栄区", -11)]),
    ("kanagawa_dai3ki_h27_r1.docx", "docx_5kanen_dai3ki", "wareki", [("nishi", "神奈川区", -6)]),
    ("tsurumi_r5_rowspan_page.html", "html_rowspan_table", "wareki", [("izumi", "鶴見区", 0)]),
    ("midori_h30_details_page.html", "html_details_dl", "wareki", [("kohoku", "緑区", 0)]),
    ("aoba_r5_r1_two_years_page.html", "html_two_years", "wareki", [("izumi", "青葉区", 0), ("naka", "青葉区", 0)]),
    ("seya_h31_saved_page.htm", "htm_browser_saved", "wareki", [("naka", "瀬谷区", 0)]),
    ("konan_r5_running_heads.pdf", "pdf_running_heads", "wareki", [("konan", None, 0)]),
    ("hodogaya_h30_two_columns_heads.pdf", "pdf_two_columns_running_heads", "R", [("kohoku", "保土ケ谷区", 0)]),
    ("izumi_r5_table_continued.pdf", "pdf_table_continued", "wareki", [("izumi", None, 0)]),
    ("isogo_h27_header_row_repeated_word.pdf", "pdf_of_docx_header_row_repeated", "wareki",
     [("naka", "磯子区", -4)]),
    ("naka_h31_wide_sheet_no_header.pdf", "pdf_wide_sheet_no_header", "wareki", [("naka", None, 0)]),
    ("minami_r5_goal_per_page.docx", "docx_goal_per_page", "wareki", [("konan", "南区", 0)]),
    ("isogo_h30_table_in_text_box.docx", "docx_table_in_text_box", "wareki", [("kohoku", "磯子区", 0)]),
    ("kanazawa_r4_list_numbering.docx", "docx_list_numbering", "wareki", [("izumi", "金沢区", -1)]),
    ("kanazawa_r4_list_numbering_word.pdf", "pdf_of_docx_list_numbering", "wareki", [("izumi", "金沢区", -1)]),
    ("kohoku_h29_aiu_sections.txt", "txt_aiu_sections", "wareki", [("kohoku", None, -1)]),
    ("sakae_r5_sheet_per_goal.xlsx", "xlsx_sheet_per_goal", "wareki", [("izumi", "栄区", 0)]),
    ("konan_r5_merged_label_header.xlsx", "xlsx_merged_label_header", "wareki", [("konan", None, 0)]),
    ("izumi_r5_year_in_sheet_names.xlsx", "xlsx_year_in_sheet_names", "R", [("izumi", None, 0)]),
    ("naka_h31_year_far_cell.xlsx", "xlsx_year_far_cell", "wareki", [("naka", None, 0)]),
    ("seya_h28_year_far_cell.xlsx", "xlsx_year_far_cell", "wareki_fw", [("kohoku", "瀬谷区", -2)]),
]

# What a reader would say each goal's rating is, where the layout rates goals.
GOAL_GRADES = {"txt_old_form_keikaku": ["B"], "docx_old_form_table": ["達成"]}
# Layouts whose five-year grades are written as other words or marks.
FIVE_YEAR_GRADES = {"txt_5kanen_dai2ki": OWN_WORDS, "docx_5kanen_dai3ki": MARKS}
# Layouts that lay out this year's goals only.
THIS_YEAR_ONLY = {"txt_old_form_keikaku", "pdf_wide_sheet_no_header"}
# Running page furniture a goal's sections must not take in.
FURNITURE = {
    "pdf_running_heads": lambda s: [f"{s['ward']}地域子育て支援拠点事業評価報告書", "-2-", "-3-"],
    "pdf_two_columns_running_heads": lambda s: [f"地域子育て支援拠点事業評価（{s['ward']}）", "-2-", "-3-"],
    "pdf_table_continued": lambda s: ["2ページ", "3ページ"],
    "htm_browser_saved": lambda s: ["045-000-0000", "トップページ"],
    "html_rowspan_table": lambda s: ["045-000-0000", "トップページ"],
    "html_details_dl": lambda s: ["本町6丁目", "トップページ"],
}


# --- batch 2: written after batch 1's fixes, before the parser was run on them ------------------------

def docx_old_form_kekka(s: dict, style: str) -> bytes:
    """平成25年度 in the title, goals 「25年度　重点目標1」 (era implied), each goal's parts as
    bracketed paragraphs 〔実施計画〕〔実施結果〕〔評価〕〔今後の取組〕; next year 「26年度の重点目標」."""
    import docx

    y = s["year_from"]
    d = docx.Document()
    d.add_paragraph(f"{year(y, 'wareki')}　{s['ward']}地域子育て支援拠点　事業評価書")
    d.add_paragraph(f"受託者：{s['operator']}")
    for g in s["goals"]:
        d.add_paragraph(f"{year(y, 'bare')}　重点目標{g['no']}　{g['goal']}")
        for label, items in (("実施計画", g["content"]), ("実施結果", g["outcome"]), ("評価", ["おおむね達成"]),
                             ("今後の取組", g["issue"])):
            d.add_paragraph(f"〔{label}〕")
            for i in items:
                d.add_paragraph(i)
    if s["next_goals"]:
        d.add_paragraph(f"{year(y + 1, 'bare')}の重点目標")
        for g in s["next_goals"]:
            d.add_paragraph(f"重点目標{g['no']}　{g['goal']}")
            d.add_paragraph("〔実施計画〕")
            for i in g["content"]:
                d.add_paragraph(i)
    return docx_bytes(d)


OWN_WORDS_2 = {"A": "十分に実施できた", "B": "概ね実施できた", "C": "実施が不十分"}


def txt_5kanen_dai4ki(s: dict, style: str) -> bytes:
    """第４期（令和２年度〜令和６年度）の総括: each aim's two ratings on lines of their own
    (法人：十分に実施できた / 区：概ね実施できた), no 「5か年」."""
    a, b = s["year_from"], s["year_to"]
    lines = [f"{s['ward']}　地域子育て支援拠点事業", f"第４期（{era_span(a, b)}）の総括",
             f"運営法人：{s['operator']}", ""]
    for p in s["programmes"]:
        lines += [f"【{p['no']}】{PROGRAMME_NAMES[p['no']]}", "目指す拠点の姿"]
        for aim in p["aims"]:
            lines += [aim["text"], f"法人：{OWN_WORDS_2[aim['法人']]}　区：{OWN_WORDS_2[aim['区']]}"]
        lines.append("評価の理由（法人）")
        for r in p["reason_op"]:
            lines += r.split("\n")
        lines.append("評価の理由（区）")
        lines += p["reason_ward"]
        lines += ["拠点事業としての成果と課題", "（成果）"] + p["outcome"] + ["（課題）"] + p["issue"] + [""]
    return "\n".join(lines).encode("utf-8")


def pdf_two_columns_full_title(s: dict, style: str) -> bytes:
    """A title and the operator across the page, then two text columns on one line grid, a
    running header with a rule under it and 「n / N」 page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdfcanvas

    u7.pdf_style()
    font = PDF_FONT
    w, h = A4
    margin, gap, size, lead = 40, 24, 9, 13
    col_w = (w - 2 * margin - gap) / 2
    per_line = int(col_w // size)
    body = report_lines(s, style)[3:]   # the title lines are set across the page
    lines = []
    for text, head in body:
        lines += [(t, head) for t in _wrap(text, per_line)]
    top0, top, bottom = h - 130, h - 70, 60
    per_page_first = int((top0 - bottom) / lead) + 1
    per_page = int((top - bottom) / lead) + 1
    pages, rest, first = [], list(lines), True
    while rest:
        n = 2 * (per_page_first if first else per_page)
        pages.append(rest[:n])
        rest, first = rest[n:], False
    buf = io.BytesIO()
    c = pdfcanvas.Canvas(buf, pagesize=A4)
    for k, page in enumerate(pages):
        c.setFont(font, 8)
        c.drawRightString(w - margin, h - 36, f"{s['ward']}　拠点事業評価")
        c.line(margin, h - 42, w - margin, h - 42)
        c.drawCentredString(w / 2, 30, f"{k + 1} / {len(pages)}")
        start = top
        if k == 0:
            c.setFont(font, 13)
            c.drawString(margin, h - 75, f"{s['ward']}地域子育て支援拠点事業")
            c.drawString(margin, h - 95, f"{year(s['year_from'], style)}重点目標評価結果")
            c.setFont(font, 9)
            c.drawString(margin, h - 112, f"事業の実施者：{s['operator']}")
            start = top0
        rows = int((start - bottom) / lead) + 1
        for i, (text, head) in enumerate(page):
            col, row = divmod(i, rows)
            c.setFont(font, size + (1 if head else 0))
            c.drawString(margin + col * (col_w + gap), start - row * lead, text)
        c.showPage()
    c.save()
    return buf.getvalue()


_NUMBERING_HANGING = _NUMBERING.replace('<w:lvlJc w:val="left"/></w:lvl>',
                                        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="840" w:hanging="420"/></w:pPr></w:lvl>')


def docx_list_numbering_hanging(s: dict, style: str) -> bytes:
    """The list-numbered report with a hanging indent on every level (wrapped lines under the
    text, not under the number)."""
    global _NUMBERING
    saved = _NUMBERING
    _NUMBERING = _NUMBERING_HANGING
    try:
        return docx_list_numbering(s, style)
    finally:
        _NUMBERING = saved


def html_years_rowspan(parts: list[dict], style: str) -> bytes:
    """A ward page with a table per fiscal year (latest first), the goal cell spanning its three
    section rows; next year's goals of each year under it."""
    ward = parts[0]["ward"]
    body = [f"<p>{_e(ward)}の地域子育て支援拠点の評価を年度ごとに掲載しています。</p>"]
    for s in parts:
        y = s["year_from"]
        body.append(f"<h2>{_e(year(y, style))}</h2>")
        rows = [f'<tr><th colspan="3">{_e(year(y, style))}　重点目標の評価</th></tr>']
        for g in s["goals"]:
            for k, (label, part) in enumerate(PARTS):
                cell = f'<td rowspan="3">重点目標{g["no"]}<br>{_e(g["goal"])}</td>' if k == 0 else ""
                rows.append(f"<tr>{cell}<th>{label}</th><td>{'<br>'.join(_e(i) for i in g[part])}</td></tr>")
        body.append("<table>" + "".join(rows) + "</table>")
        if s["next_goals"]:
            body.append(f"<h3>{_e(year(y + 1, style))}　重点目標</h3>")
            for g in s["next_goals"]:
                body.append(f"<p>重点目標{g['no']}　{_e(g['goal'])}</p><p>取組内容</p>"
                            + "".join(f"<p>{_e(i)}</p>" for i in g["content"]))
    return site_page(ward, "地域子育て支援拠点事業の評価（年度別）", body).encode("utf-8")


def xlsx_merged_goal_header_one_row(s: dict, style: str) -> bytes:
    """One header row: 「重点目標」 merged across the number and text columns, then 取組内容 |
    取組の成果 | 取組の課題; the year in the title."""
    from openpyxl.styles import Alignment

    y = s["year_from"]
    wb = new_workbook()
    ws = wb.active
    ws.title = "重点目標"
    ws.append([f"{year(y, style)}　{s['ward']}地域子育て支援拠点　重点目標の評価"])
    ws.append([])
    ws.append(["重点目標", None, "取組内容", "取組の成果", "取組の課題"])
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=2)
    for g in s["goals"]:
        ws.append([f"（{g['no']}）", g["goal"], "\n".join(g["content"]), "\n".join(g["outcome"]), "\n".join(g["issue"])])
        for col in range(2, 6):
            ws.cell(ws.max_row, col).alignment = Alignment(wrap_text=True, vertical="top")
    if s["next_goals"]:
        ws.append([])
        ws.append([f"{year(y + 1, style)}　重点目標"])
        ws.append(["重点目標", None, "取組内容"])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=2)
        for g in s["next_goals"]:
            ws.append([f"（{g['no']}）", g["goal"], "\n".join(g["content"])])
    return xlsx_bytes(wb)


def html_eraless_headings(s: dict, style: str) -> bytes:
    """A page titled 平成26年度, its headings 「26年度　重点目標1」 and 「27年度　重点目標」."""
    y = s["year_from"]
    body = [f"<h2>{_e(year(y, 'wareki'))}　{_e(s['ward'])}地域子育て支援拠点事業の評価</h2>",
            f"<p>運営：{_e(s['operator'])}</p>"]
    for g in s["goals"]:
        body.append(f"<h3>{_e(year(y, 'bare'))}　重点目標{g['no']}</h3><p>{_e(g['goal'])}</p>")
        for label, part in PARTS:
            body.append(f"<h4>{label}</h4>" + "".join(f"<p>{_e(i)}</p>" for i in g[part]))
    if s["next_goals"]:
        body.append(f"<h3>{_e(year(y + 1, 'bare'))}　重点目標</h3>")
        for g in s["next_goals"]:
            body.append(f"<h4>重点目標{g['no']}</h4><p>{_e(g['goal'])}</p><h4>取組内容</h4>"
                        + "".join(f"<p>{_e(i)}</p>" for i in g["content"]))
    return site_page(s["ward"], "拠点事業の評価", body).encode("utf-8")


LAYOUTS.update({
    "docx_old_form_kekka": docx_old_form_kekka,
    "txt_5kanen_dai4ki": txt_5kanen_dai4ki,
    "pdf_two_columns_full_title": pdf_two_columns_full_title,
    "pdf_of_docx_list_numbering_hanging": docx_to_pdf(docx_list_numbering_hanging),
    "xlsx_merged_goal_header_one_row": xlsx_merged_goal_header_one_row,
    "html_eraless_headings": html_eraless_headings,
})
GOAL_GRADES["docx_old_form_kekka"] = ["おおむね達成"]
FIVE_YEAR_GRADES["txt_5kanen_dai4ki"] = OWN_WORDS_2
FURNITURE["pdf_two_columns_full_title"] = lambda s: [f"{s['ward']}拠点事業評価", "1/2", "2/2"]

BATCH_2 = [
    ("kanagawa_h25_kekka.docx", "docx_old_form_kekka", "wareki", [("naka", "神奈川区", -6)]),
    ("tsurumi_dai4ki_r2_r6.txt", "txt_5kanen_dai4ki", "wareki", [("nishi", "鶴見区", -1)]),
    ("asahi_r2_two_columns_title.pdf", "pdf_two_columns_full_title", "wareki", [("izumi", "旭区", -3)]),
    ("seya_r3_list_numbering_hanging_word.pdf", "pdf_of_docx_list_numbering_hanging", "R", [("konan", "瀬谷区", -2)]),
    ("midori_h27_h29_years_page.html", "html_years_rowspan", "wareki",
     [("kohoku", "緑区", -1), ("izumi", "緑区", -7), ("naka", "緑区", -4)]),
    ("izumi_r1_merged_goal_header.xlsx", "xlsx_merged_goal_header_one_row", "wareki", [("izumi", None, -4)]),
    ("kohoku_h26_eraless_page.html", "html_eraless_headings", "wareki", [("kohoku", None, -4)]),
]


# --- batch 3: written after batch 2's fixes, before the parser was run on them ------------------------

def html_old_form_columns(s: dict, style: str) -> bytes:
    """One web table of the older form: 重点目標 | 事業計画 | 実施結果 | 評価 | 次年度への課題, a row per
    goal; H24 in the page's heading only, 「24年度の重点目標と実施結果」 above the table."""
    y = s["year_from"]
    era, n = u7.era(y)
    rows = ["<tr><th>重点目標</th><th>事業計画</th><th>実施結果</th><th>評価</th><th>次年度への課題</th></tr>"]
    for g in s["goals"]:
        rows.append("<tr>" + f"<td>{g['no']}．{_e(g['goal'])}</td>"
                    + "".join(f"<td>{'<br>'.join(_e(i) for i in g[part])}</td>" for part in ("content", "outcome"))
                    + "<td>Ａ</td>" + f"<td>{'<br>'.join(_e(i) for i in g['issue'])}</td></tr>")
    body = [f"<h2>H{n}年度　{_e(s['ward'])}地域子育て支援拠点事業　事業報告</h2>",
            f"<p>受託法人：{_e(s['operator'])}</p>", f"<h3>{n}年度の重点目標と実施結果</h3>",
            "<table border='1'>" + "".join(rows) + "</table>"]
    return site_page(s["ward"], "拠点事業報告", body).encode("utf-8")


def docx_5kanen_dai1ki(s: dict, style: str) -> bytes:
    """「第１期（平成18年度〜平成22年度）のまとめ」: a Word table per programme 目指す拠点の姿 | 法人 | 区
    of ◎ / ○, the reasons and 成果 / 課題 as headed paragraphs."""
    return _dai_n(s, "第１期")


def _dai_n(s: dict, period: str) -> bytes:
    import docx

    a, b = s["year_from"], s["year_to"]
    d = docx.Document()
    d.add_paragraph(f"{s['ward']}地域子育て支援拠点事業")
    d.add_paragraph(f"{period}（{year(a, 'wareki')}〜{year(b, 'wareki')}）のまとめ")
    d.add_paragraph(f"事業の実施者：{s['operator']}")
    for p in s["programmes"]:
        d.add_paragraph(f"（{p['no']}）{PROGRAMME_NAMES[p['no']]}")
        t = d.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, ("目指す拠点の姿", "法人", "区")):
            c.text = h
        for aim in p["aims"]:
            cells = t.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = aim["text"], MARKS[aim["法人"]], MARKS[aim["区"]]
        d.add_paragraph("評価の理由（法人）")
        for r in p["reason_op"]:
            for line in r.split("\n"):
                d.add_paragraph(line)
        d.add_paragraph("評価の理由（区）")
        for i in p["reason_ward"]:
            d.add_paragraph(i)
        d.add_paragraph("成果")
        for i in p["outcome"]:
            d.add_paragraph(i)
        d.add_paragraph("課題")
        for i in p["issue"]:
            d.add_paragraph(i)
    return docx_bytes(d)


def docx_two_columns_grid(s: dict, style: str) -> bytes:
    """A Word report in a two-column section with a line grid (文字数と行数を指定: every line on
    the grid), headings as plain paragraphs; exported to PDF by LibreOffice."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    d = docx.Document()
    for text, head in report_lines(s, style):
        para = d.add_paragraph(text)
        for r in para.runs:
            r.font.size = Pt(10.5 if head else 10)
        para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.space_before = Pt(0)
    sect = d.sections[0]._sectPr
    sect.append(parse_xml('<w:cols xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                          'w:num="2" w:space="425"/>'))
    sect.append(parse_xml('<w:docGrid xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                          'w:type="lines" w:linePitch="360"/>'))
    return docx_bytes(d)


def txt_eraless_eval(s: dict, style: str) -> bytes:
    """平成20年度 in the title; 「20年度重点目標の評価」, goals 重点目標１ …, 「21年度重点目標」."""
    y = s["year_from"]
    lines = [f"{year(y, 'wareki')}　{s['ward']}地域子育て支援拠点事業報告書", f"運営法人：{s['operator']}", "",
             f"{year(y, 'bare_fw')}重点目標の評価"]
    for g in s["goals"]:
        lines.append(f"重点目標{fw(g['no'])}　{g['goal']}")
        for label, part in PARTS:
            lines.append(f"○{label}")
            lines += g[part]
    if s["next_goals"]:
        lines.append(f"{year(y + 1, 'bare_fw')}重点目標")
        for g in s["next_goals"]:
            lines.append(f"重点目標{fw(g['no'])}　{g['goal']}")
            lines.append("○取組内容")
            lines += g["content"]
    return "\n".join(lines).encode("cp932")


def xlsx_sheet_per_year(parts: list[dict], style: str) -> bytes:
    """A workbook of a sheet per fiscal year, each named H27 / H28 only, each a goal table."""
    wb = new_workbook()
    first = True
    for s in parts:
        y = s["year_from"]
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = year(y, "R_bare")
        ws.append([f"{s['ward']}地域子育て支援拠点事業　重点目標の評価"])
        ws.append(["重点目標", "取組内容", "取組の成果", "取組の課題"])
        for g in s["goals"]:
            ws.append([f"{g['no']}　{g['goal']}", "\n".join(g["content"]), "\n".join(g["outcome"]), "\n".join(g["issue"])])
    return xlsx_bytes(wb)


LAYOUTS.update({
    "html_old_form_columns": html_old_form_columns,
    "docx_5kanen_dai1ki": lambda s, st: _dai_n(s, "第１期"),
    "pdf_of_docx_two_columns_grid": docx_to_pdf(docx_two_columns_grid),
    "txt_eraless_eval": txt_eraless_eval,
})
GOAL_GRADES["html_old_form_columns"] = ["A"]
FIVE_YEAR_GRADES["docx_5kanen_dai1ki"] = MARKS
THIS_YEAR_ONLY.update({"html_old_form_columns", "xlsx_sheet_per_year"})

BATCH_3 = [
    ("kanazawa_h24_old_form_table.html", "html_old_form_columns", "wareki", [("konan", "金沢区", -11)]),
    ("naka_dai1ki_h18_h22.docx", "docx_5kanen_dai1ki", "wareki", [("nishi", "中区", -15)]),
    ("totsuka_r4_two_columns_grid_word.pdf", "pdf_of_docx_two_columns_grid", "wareki", [("izumi", "戸塚区", -1)]),
    ("seya_h20_eraless_eval.txt", "txt_eraless_eval", "wareki", [("izumi", "瀬谷区", -15)]),
    ("aoba_h27_h28_sheet_per_year.xlsx", "xlsx_sheet_per_year", "wareki", [("kohoku", "青葉区", -2), ("konan", "青葉区", -8)]),
]


def expected_one(s: dict, layout: str) -> dict:
    if layout in THIS_YEAR_ONLY and s.get("next_goals"):
        s = dict(s, next_goals=[], year_to=s["year_from"])
    want = {"ward": s["ward"], "years": [s["year_from"], s["year_to"]], "doc_type": s["doc_type"]}
    if s["doc_type"] == "5か年のまとめ":
        words = FIVE_YEAR_GRADES.get(layout, {g: g for g in "ABCD"})
        want["programmes"] = [
            {"no": p["no"], "grades": sorted([words[a["法人"]] for a in p["aims"]] + [words[a["区"]] for a in p["aims"]]),
             "成果": u7.snippet(u7.first_real(p["outcome"])), "課題": u7.snippet(u7.first_real(p["issue"]))}
            for p in s["programmes"]]
        return want
    goals_out = []
    gs = s["goals"]
    for n, g in enumerate(gs):
        item = {"year": g["year"], "no": g["no"], "goal": u7.snippet(g["goal"], 16),
                "取組内容": u7.snippet(u7.first_real(g["content"])), "取組の成果": u7.snippet(u7.first_real(g["outcome"])),
                "取組の課題": u7.snippet(u7.first_real(g["issue"]))}
        following = gs[n + 1] if n + 1 < len(gs) else (s["next_goals"][0] if s["next_goals"] else None)
        item["not_in"] = [u7.snippet(u7.first_real(following["content"]))] if following else []
        item["not_in"] += FURNITURE.get(layout, lambda _s: [])(s)
        if not item["not_in"]:
            del item["not_in"]
        if layout in GOAL_GRADES:
            item["grades"] = GOAL_GRADES[layout]
        goals_out.append(item)
    want["goals"] = goals_out
    if s["next_goals"]:
        want["next_goals"] = [{"year": g["year"], "no": g["no"], "goal": u7.snippet(g["goal"], 16)}
                              for g in s["next_goals"]]
    return want


def expected_for(layout: str, seeds: list[dict]) -> dict:
    if len(seeds) == 1:
        return expected_one(seeds[0], layout)
    # several fiscal years of one ward on one page: one document holding every year's goals
    parts = [expected_one(s, layout) for s in seeds]
    want = {"ward": parts[0]["ward"], "years": [min(p["years"][0] for p in parts), max(p["years"][1] for p in parts)],
            "doc_type": parts[0]["doc_type"], "goals": [], "next_goals": []}
    for p in parts:
        want["goals"] += p.get("goals", [])
        want["next_goals"] += p.get("next_goals", [])
    return want


def render(layout: str, seeds: list[dict], style: str) -> bytes:
    if layout == "html_two_years":
        return html_two_years(seeds, style)
    if layout == "html_years_rowspan":
        return html_years_rowspan(seeds, style)
    if layout == "xlsx_sheet_per_year":
        return xlsx_sheet_per_year(seeds, style)
    return LAYOUTS[layout](seeds[0], style)


def main(argv: list[str]) -> int:
    only = set(argv[1:])
    expected = {}
    for batch, (name, layout, style, spec) in [(1, d) for d in DOCUMENTS] + [(2, d) for d in BATCH_2] + [(3, d) for d in BATCH_3]:
        seeds = [reseed(key, ward, shift) for key, ward, shift in spec]
        want = expected_for(layout, seeds)
        expected[name] = {"layout": layout, "seed": [k for k, _w, _s in spec], **want, "year_style": style}
        if batch > 1:
            expected[name]["batch"] = batch
        if only and name not in only:
            continue
        (HERE / name).write_bytes(render(layout, seeds, style))
        print("wrote", name)
    about = ("Ninth round: the seed reports' content moved to other wards and years and re-laid as older "
             "Yokohama forms, ward web pages, PDFs with running heads / continued tables / a headerless column "
             "block, Word goal-per-page / text-box table / list numbering, Excel sheet-per-goal / merged header / "
             "year in a sheet name or a far cell; written by make_docs.py before the parser was run on them.")
    (HERE / "expected.json").write_text(json.dumps({"_about": about, "documents": expected}, ensure_ascii=False,
                                                   indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
