"""Writes the documents of tests/data/unseen30 and their expected.json (run once; the outputs
are committed). Needs python-docx, openpyxl (in the project's venv) and, for the PDFs made from
Word, `soffice`.

    PYTHONPATH=$PWD python tests/data/unseen30/make_docs.py [NAME …]

Thirtieth round, in layouts no earlier round had (docs/parsing.md lists what the earlier rounds
covered). Batch 1 re-lays the five seed reports' own content (`seed_content.json`: each goal's and
programme's sections as the seed's `.txt` reads, frozen once — the reference `benchmarks.relaid`
uses too) in new shapes, so that `benchmarks.relaid_placement` can count the seed evidence strings
each re-laid report keeps in the right section, goal, year and ward:

- Word headings numbered 「１．」「（１）」「①」 (１．令和５年度の評価 / （１）重点目標１ / ①取組内容), and
  the same file exported to PDF by soffice;
- a sheet of one column per goal under a header merged across the goal columns (項目 | 重点目標 over
  目標１ | 目標２ | 目標３), sections as rows, an 評価 row of Ａ／Ｂ／Ｃ;
- a ward page whose labels are `<th scope="row">`, the year written only 「R5」;
- a text whose digits are all full width, the years 「２０１８（平成３０）年度」;
- Word label tables whose labels stand one letter per line (取／組／内／容), a ◎○△ row, 令和元年度,
  and the same file exported to PDF;
- a sheet of two fiscal years side by side (平成30年度 over four columns, 平成31年度 over two);
- Word in another city's words (目標 / 実施内容 / 成果 / 課題と今後の方向性 / 評価), 2023（令和5）年度;
- a five-year summary in Word numbered 「１．」 per programme and 「（１）」 per part, the aims in a
  four-column table (No. | 目指す拠点の姿 | 法人 | 区).

Batch 2 (held out until batch 1's fixes were done), content written for this round:

- a 川崎市-like sheet of 目標 / 実施内容 / 成果と課題 / 評価 / 次年度に向けて per goal (Word);
- a さいたま市-like evaluation table with Ａ・Ｂ・Ｃ (No. | 目標 | 実施内容 | 成果 | 評価 | 今後の方向性),
  titled only 「R4」;
- a 相模原市-like page of `<th scope="row">` labels, 成果と課題 in one cell (【成果】… 【課題】…);
- a Yokohama hub's report titled by its nickname alone (ひだまり), its ward only in the page footer's
  address, another ward named once in passing;
- a five-year summary of a hub and its satellite (■どろっぷ（本体） / ■どろっぷサテライト, programmes
  1–7 each);
- a Word PDF of a hub the list does not hold, its ward only in the 所在地 of its page footer;
- a ward page of two fiscal years side by side per goal (項目 | 令和５年度（実績） | 令和６年度（計画））.

The generator never calls the parser; expected.json is what a reader of each document says.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

from tests.data.docgen import (docx_bytes, fw_digits, grid_table, new_docx, new_workbook, soffice_convert,
                               write_builders, xlsx_bytes)

HERE = Path(__file__).resolve().parent
SEEDS = json.loads((HERE / "seed_content.json").read_text(encoding="utf-8"))


def snip(text: str, n: int = 16) -> str:
    """A judged piece of a section: the first line's words after its list marks."""
    for line in text.split("\n"):
        line = re.sub(r"^[\s・●○◎◆■□①-⑳()（）\d.．、-]+", "", line).strip()
        if len(line) >= 8:
            return line[:n]
    return text.strip()[:n]


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def seed_goals(seed: str, year: int, kind: str = "g") -> list[dict]:
    """The seed's goals of one year (kind g: evaluated, n: next year's), as the .txt reads them."""
    units = SEEDS[seed]["units"]
    out = []
    for key, unit in units.items():
        if key.startswith(f"y{year}-{kind}"):
            s = unit["sections"]
            out.append({"no": unit["no"], "goal": "\n".join(s.get("目標") or s.get("次年度目標") or []),
                        "content": "\n".join(s.get("取組内容", [])), "outcome": "\n".join(s.get("取組の成果", [])),
                        "issue": "\n".join(s.get("取組の課題", []))})
    return sorted(out, key=lambda g: g["no"])


def goal_want(year: int, g: dict, grade: str | None = None, **kw) -> dict:
    out = {"year": year, "no": g["no"], "goal": snip(g["goal"]), "取組内容": snip(g["content"]),
           "取組の成果": snip(g["outcome"]), "取組の課題": snip(g["issue"])}
    if grade is not None:
        out["grades"] = [grade]
    out.update(kw)
    return out


def next_want(year: int, g: dict) -> dict:
    return {"year": year, "no": g["no"], "goal": snip(g["goal"])}


def _g(goal, content, outcome, issue, no=1):
    return {"no": no, "goal": goal, "content": content, "outcome": outcome, "issue": issue}


# --- writers ----------------------------------------------------------------------------------------

def _wrap_all(ws):
    from openpyxl.styles import Alignment
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _footer(d, text: str) -> None:
    section = d.sections[0]
    section.footer.paragraphs[0].text = text


# --- batch 1: the seed reports re-laid ------------------------------------------------------------

def izumi_numbered_headings_docx() -> tuple[bytes, dict]:
    """000 (泉区, 令和5年度 evaluated, 令和6年度 next): headings numbered １． / （１） / ①."""
    d = new_docx()
    d.add_paragraph("泉区地域子育て支援拠点事業")
    d.add_paragraph("令和５年度　重点目標評価結果・令和６年度　重点目標")
    d.add_paragraph("事業の実施者　特定非営利活動法人 ちょこっといずみ")
    d.add_paragraph("１．令和５年度　重点目標の評価")
    goals = seed_goals("000", 2023)
    for g in goals:
        d.add_paragraph(f"（{fw_digits(g['no'])}）重点目標{fw_digits(g['no'])}　{g['goal']}")
        for mark, label, text in (("①", "取組内容", g["content"]), ("②", "取組の成果", g["outcome"]),
                                  ("③", "取組の課題", g["issue"])):
            d.add_paragraph(f"{mark}{label}")
            for line in lines(text):
                d.add_paragraph(line)
    d.add_paragraph("２．令和６年度　重点目標")
    nxt = seed_goals("000", 2024, "n")
    for g in nxt:
        d.add_paragraph(f"（{fw_digits(g['no'])}）重点目標{fw_digits(g['no'])}　{g['goal']}")
        d.add_paragraph("①取組内容")
        for line in lines(g["content"]):
            d.add_paragraph(line)
    want = {"seed": "000", "ward": "泉区", "years": [2023, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2023, g) for g in goals], "next_goals": [next_want(2024, g) for g in nxt]}
    return docx_bytes(d), want


def izumi_numbered_headings_word_pdf() -> tuple[bytes, dict]:
    data, want = izumi_numbered_headings_docx()
    return soffice_convert(data, ".docx", "pdf"), want


def naka_goal_columns_merged_header_xlsx() -> tuple[bytes, dict]:
    """001 (中区, 平成31年度 evaluated, 令和2年度 next): a column per goal under a merged header."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "重点目標"
    goals = seed_goals("001", 2019)
    nxt = seed_goals("001", 2020, "n")
    grades = ["Ａ", "Ｂ", "Ａ"]
    ws["A1"] = "中区地域子育て支援拠点事業　平成31年度（令和元年度）重点目標評価"
    ws.merge_cells("A1:D1")
    ws["A2"] = "項目"
    ws.merge_cells("A2:A3")
    ws["B2"] = "重点目標"
    ws.merge_cells("B2:D2")
    for k, g in enumerate(goals):
        ws.cell(3, 2 + k, f"目標{fw_digits(g['no'])}")
    for r, (label, key) in enumerate((("目標", "goal"), ("取組内容", "content"), ("取組の成果", "outcome"),
                                      ("取組の課題", "issue")), start=4):
        ws.cell(r, 1, label)
        for k, g in enumerate(goals):
            ws.cell(r, 2 + k, g[key])
    ws.cell(8, 1, "評価")
    for k in range(len(goals)):
        ws.cell(8, 2 + k, grades[k])
    ws["A10"] = "令和２年度　重点目標"
    ws.merge_cells("A10:D10")
    ws["A11"] = "項目"
    for k, g in enumerate(nxt):
        ws.cell(11, 2 + k, f"目標{fw_digits(g['no'])}")
    ws.cell(12, 1, "目標")
    ws.cell(13, 1, "取組内容")
    for k, g in enumerate(nxt):
        ws.cell(12, 2 + k, g["goal"])
        ws.cell(13, 2 + k, g["content"])
    for col in "BCD":
        ws.column_dimensions[col].width = 40
    _wrap_all(ws)
    want = {"seed": "001", "ward": "中区", "years_any": [[2019, 2020], [2019, 2019]], "doc_type": "単年度評価",
            "goals": [goal_want(2019, g, grades[k]) for k, g in enumerate(goals)],
            "next_goals": [next_want(2020, g) for g in nxt]}
    return xlsx_bytes(wb), want


def konan_th_scope_row_page() -> tuple[bytes, dict]:
    """003 (港南区, 令和5年度): <th scope="row"> labels, the year only as R5."""
    goals = seed_goals("003", 2023)
    parts = ["<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'>",
             "<title>R5 重点目標の評価｜港南区地域子育て支援拠点</title></head><body>",
             "<h1>港南区地域子育て支援拠点　R5 重点目標の評価</h1>"]
    for g in goals:
        parts.append(f"<h2>重点目標{g['no']}</h2><table><thead><tr><th scope='col'>項目</th>"
                     "<th scope='col'>内容</th></tr></thead><tbody>")
        for label, key in (("目標", "goal"), ("取組内容", "content"), ("取組の成果", "outcome"),
                           ("取組の課題", "issue")):
            body = "<br>".join(html.escape(x) for x in lines(g[key]))
            parts.append(f"<tr><th scope='row'>{label}</th><td>{body}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("<footer><p>港南区こども家庭支援課</p></footer></body></html>")
    want = {"seed": "003", "ward": "港南区", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, g) for g in goals]}
    return "\n".join(parts).encode("utf-8"), want


def kohoku_fullwidth_digits_text() -> tuple[bytes, dict]:
    """004 (港北区, 2018 evaluated, 2019 next): every digit full width, years 2018（平成30）年度."""
    goals = seed_goals("004", 2018)
    nxt = seed_goals("004", 2019, "n")
    out = ["港北区地域子育て支援拠点どろっぷ", "２０１８（平成３０）年度　重点目標の評価", ""]
    for g in goals:
        out += [f"重点目標{g['no']}　{g['goal']}", "【取組内容】", g["content"], "【取組の成果】", g["outcome"],
                "【取組の課題】", g["issue"], ""]
    out += ["２０１９（平成３１）年度　重点目標", ""]
    for g in nxt:
        out += [f"重点目標{g['no']}　{g['goal']}", "【取組内容】", g["content"], ""]
    want = {"seed": "004", "ward": "港北区", "years": [2018, 2019], "doc_type": "単年度評価",
            "goals": [goal_want(2018, g) for g in goals], "next_goals": [next_want(2019, g) for g in nxt]}
    return fw_digits("\n".join(out) + "\n").encode("utf-8"), want


def _vertical(label: str) -> str:
    return "\n".join(label)


def naka_vertical_labels_docx() -> tuple[bytes, dict]:
    """001 (中区, 令和元年度 evaluated, 令和2年度 next): label cells one letter per line, ◎○△."""
    d = new_docx()
    d.add_paragraph("中区地域子育て支援拠点事業")
    d.add_paragraph("令和元年度　重点目標の評価")
    goals = seed_goals("001", 2019)
    nxt = seed_goals("001", 2020, "n")
    marks = ["◎", "○", "△"]
    for k, g in enumerate(goals):
        d.add_paragraph(f"重点目標{fw_digits(g['no'])}　{g['goal']}")
        t = grid_table(d, [(_vertical("取組内容"), g["content"]), (_vertical("取組の成果"), g["outcome"]),
                       (_vertical("取組の課題"), g["issue"]), (_vertical("評価"), marks[k])])
        for row in t.rows:
            row.cells[0].width = 300000
    d.add_paragraph("令和２年度　重点目標")
    for g in nxt:
        d.add_paragraph(f"重点目標{fw_digits(g['no'])}　{g['goal']}")
        grid_table(d, [(_vertical("取組内容"), g["content"])])
    d.add_paragraph("中区こども家庭支援課")
    want = {"seed": "001", "ward": "中区", "years_any": [[2019, 2020], [2019, 2019]], "doc_type": "単年度評価",
            "goals": [goal_want(2019, g, marks[k]) for k, g in enumerate(goals)],
            "next_goals": [next_want(2020, g) for g in nxt]}
    return docx_bytes(d), want


def naka_vertical_labels_word_pdf() -> tuple[bytes, dict]:
    data, want = naka_vertical_labels_docx()
    return soffice_convert(data, ".docx", "pdf"), want


def kohoku_two_years_side_by_side_xlsx() -> tuple[bytes, dict]:
    """004 (港北区): 平成30年度 (four columns) and 平成31年度 (two) side by side, a row per number."""
    goals = seed_goals("004", 2018)
    nxt = seed_goals("004", 2019, "n")
    wb = new_workbook()
    ws = wb.active
    ws.title = "H30-H31"
    ws["A1"] = "港北区地域子育て支援拠点事業　重点目標（平成30年度の評価・平成31年度の目標）"
    ws.merge_cells("A1:G1")
    ws["A2"] = "No."
    ws.merge_cells("A2:A3")
    ws["B2"] = "平成30年度"
    ws.merge_cells("B2:E2")
    ws["F2"] = "平成31年度"
    ws.merge_cells("F2:G2")
    for col, label in zip("BCDEFG", ("重点目標", "取組内容", "取組の成果", "取組の課題", "重点目標", "取組内容")):
        ws[f"{col}3"] = label
    for k in range(max(len(goals), len(nxt))):
        r = 4 + k
        ws.cell(r, 1, k + 1)
        if k < len(goals):
            g = goals[k]
            for c, key in enumerate(("goal", "content", "outcome", "issue"), start=2):
                ws.cell(r, c, g[key])
        if k < len(nxt):
            ws.cell(r, 6, nxt[k]["goal"])
            ws.cell(r, 7, nxt[k]["content"])
    for col in "BCDEFG":
        ws.column_dimensions[col].width = 30
    _wrap_all(ws)
    want = {"seed": "004", "ward": "港北区", "years": [2018, 2019], "doc_type": "単年度評価",
            "goals": [goal_want(2018, g) for g in goals], "next_goals": [next_want(2019, g) for g in nxt]}
    return xlsx_bytes(wb), want


def konan_other_city_headings_docx() -> tuple[bytes, dict]:
    """003 (港南区, 2023): 目標 / 実施内容 / 成果 / 課題と今後の方向性 / 評価, 2023（令和5）年度."""
    goals = seed_goals("003", 2023)
    grades = ["Ａ", "Ｂ", "Ｂ"]
    d = new_docx()
    d.add_paragraph("港南区地域子育て支援拠点　2023（令和5）年度　事業評価")
    for k, g in enumerate(goals):
        d.add_paragraph(f"目標{fw_digits(g['no'])}　{g['goal']}")
        for label, text in (("実施内容", g["content"]), ("成果", g["outcome"]), ("課題と今後の方向性", g["issue"])):
            d.add_paragraph(f"【{label}】")
            for line in lines(text):
                d.add_paragraph(line)
        d.add_paragraph(f"【評価】　{grades[k]}")
    d.add_paragraph("評価　Ａ：達成できた　Ｂ：概ね達成できた　Ｃ：達成できなかった")
    want = {"seed": "003", "ward": "港南区", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, g, grades[k]) for k, g in enumerate(goals)]}
    return docx_bytes(d), want


PROGRAMME_NAMES = {1: "親子の居場所事業", 2: "子育て相談事業", 3: "情報収集・提供事業", 4: "ネットワーク事業",
                   5: "人材育成・活動支援事業", 6: "横浜子育てサポートシステム区支部事務局運営事業", 7: "利用者支援事業"}


def nishi_5kanen_numbered_docx() -> tuple[bytes, dict]:
    """002 (西区, 令和3～7年度): programmes numbered １．, parts （１）, the aims in a four-column table."""
    units = SEEDS["002"]["units"]
    d = new_docx()
    d.add_paragraph("西区地域子育て支援拠点事業　５か年のまとめ")
    d.add_paragraph("対象期間　令和３年度～令和７年度")
    progs = []
    for n in range(1, 8):
        unit = units.get(f"p{n}")
        if unit is None:
            continue
        s = unit["sections"]
        d.add_paragraph(f"{fw_digits(n)}．{PROGRAMME_NAMES[n]}")
        d.add_paragraph("（１）目指す拠点の姿と自己評価")
        rows = [("No.", "目指す拠点の姿", "法人", "区")]
        grades = []
        for k, (aim, g) in enumerate(unit.get("aims", []), start=1):
            rows.append((str(k), re.sub(r"^[①-⑳]", "", aim), g.get("法人", ""), g.get("区", "")))
            grades += [v for v in (g.get("法人"), g.get("区")) if v]
        grid_table(d, rows, cols=4)
        for m, (label, kind) in enumerate((("評価の理由（法人）", "評価の理由(法人)"), ("評価の理由（区）", "評価の理由(区)"),
                                           ("成果", "成果"), ("課題", "課題"), ("振り返りの視点", "振り返りの視点")), start=2):
            if kind not in s:
                continue
            d.add_paragraph(f"（{fw_digits(m)}）{label}")
            for text in s[kind]:
                for line in lines(text):
                    d.add_paragraph(line)
        if "成果" in s and "課題" in s:
            progs.append({"no": n, "grades": grades, "成果": snip(s["成果"][0], 14), "課題": snip(s["課題"][0], 14)})
    want = {"seed": "002", "ward": "西区", "years": [2021, 2025], "doc_type": "5か年のまとめ", "programmes": progs}
    return docx_bytes(d), want


# --- batch 2: content written for this round -----------------------------------------------------

B2 = [
    _g("乳児を育てる親が孤立しないよう、出会いの場を増やします。",
       "生後二か月から参加できる「はじめましての会」を毎週開きました。",
       "会の参加者同士で連絡先を交換し、会の後も一緒に来館する親子が増えました。",
       "第二子以降の家庭の参加が少なく、上の子と一緒に来られる日程が必要です。", 1),
    _g("地域の子育て支援者の学び合いを広げます。",
       "民生委員や保育園の職員を招いた研修会を年四回開きました。",
       "研修後に支援者同士で相談し合う場面が見られるようになりました。",
       "研修会の参加者が一部の団体に偏っており、声のかけ方を見直します。", 2),
    _g("父親が平日の夜にも相談できる窓口をつくります。",
       "月二回、午後七時までの夜間相談日を設けました。",
       "夜間相談の利用者の四割が父親で、仕事帰りに立ち寄る人もいました。",
       "夜間の人員配置に無理があり、相談員の確保が課題です。", 3),
]


def kawasaki_jisshi_next_docx() -> tuple[bytes, dict]:
    """川崎市-like: 目標 / 実施内容 / 成果と課題 (成果： 課題：) / 評価 / 次年度に向けて per goal."""
    d = new_docx()
    d.add_paragraph("令和５年度　地域子育て支援センター事業評価")
    d.add_paragraph("川崎市高津区　地域子育て支援センターたかつ")
    nexts = ["はじめましての会を土曜日にも開きます。", "研修会の案内を区内の全団体に送ります。",
             "夜間相談の相談員を二人体制にします。"]
    for k, g in enumerate(B2):
        d.add_paragraph(f"{fw_digits(g['no'])}．目標")
        d.add_paragraph(g["goal"])
        d.add_paragraph("実施内容")
        d.add_paragraph(g["content"])
        d.add_paragraph("成果と課題")
        d.add_paragraph("成果：" + g["outcome"])
        d.add_paragraph("課題：" + g["issue"])
        d.add_paragraph("評価　" + "ＡＢＡ"[k])
        d.add_paragraph("次年度に向けて")
        d.add_paragraph(nexts[k])
    want = {"ward": "川崎市", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, g, "ＡＢＡ"[k], not_in=[snip(nexts[(k + 1) % 3])]) for k, g in enumerate(B2)],
            "no_next_goals": True}
    return docx_bytes(d), want


def saitama_abc_table_xlsx() -> tuple[bytes, dict]:
    """さいたま市-like: No. | 目標 | 実施内容 | 成果 | 評価（Ａ・Ｂ・Ｃ） | 今後の方向性, titled R4 only."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "自己評価"
    ws["A1"] = "R4 子育て支援センター事業 自己評価表"
    ws["A2"] = "さいたま市浦和区　子育て支援センターうらわ"
    ws.append([])
    ws.append(["No.", "目標", "実施内容", "成果", "評価（Ａ・Ｂ・Ｃ）", "今後の方向性"])
    for k, g in enumerate(B2):
        ws.append([k + 1, g["goal"], g["content"], g["outcome"], "ＡＢＣ"[k], g["issue"]])
    ws.append([])
    ws.append(["評価　Ａ：目標を達成した　Ｂ：概ね達成した　Ｃ：達成できなかった"])
    for col in "BCDF":
        ws.column_dimensions[col].width = 36
    _wrap_all(ws)
    want = {"ward": "さいたま市", "years": [2022, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2022, g, "ＡＢＣ"[k]) for k, g in enumerate(B2)]}
    return xlsx_bytes(wb), want


def sagamihara_th_scope_page() -> tuple[bytes, dict]:
    """相模原市-like: h2 goals, <th scope="row"> labels, 成果と課題 in one cell."""
    parts = ["<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'>",
             "<title>令和３年度 つどいの広場事業評価｜相模原市</title></head><body>",
             "<h1>令和３年度　つどいの広場事業評価（相模原市南区）</h1>"]
    for g in B2:
        parts.append(f"<h2>目標{g['no']}</h2><table>"
                     f"<tr><th scope='row'>目標</th><td>{g['goal']}</td></tr>"
                     f"<tr><th scope='row'>実施内容</th><td>{g['content']}</td></tr>"
                     f"<tr><th scope='row'>成果と課題</th><td><p>【成果】{g['outcome']}</p><p>【課題】{g['issue']}</p></td></tr>"
                     f"<tr><th scope='row'>今後の方向性</th><td>引き続き取り組みます。</td></tr></table>")
    parts.append("<p>相模原市こども・若者未来局こども・若者政策課</p></body></html>")
    want = {"ward": "相模原市", "years": [2021, 2021], "doc_type": "単年度評価",
            "goals": [goal_want(2021, g) for g in B2]}
    return "\n".join(parts).encode("utf-8"), want


def asahi_nickname_footer_address_docx() -> tuple[bytes, dict]:
    """A hub's report titled by its nickname alone (ひだまり), the ward only in the footer's address."""
    d = new_docx()
    d.add_paragraph("ひだまり　令和２年度　年度評価")
    for g in B2:
        d.add_paragraph(f"【重点目標{fw_digits(g['no'])}】{g['goal']}")
        content = g["content"] + ("港北区の拠点と合同で研修を行いました。" if g["no"] == 2 else "")
        for label, text in (("取組内容", content), ("取組の成果", g["outcome"]), ("取組の課題", g["issue"])):
            d.add_paragraph(label)
            d.add_paragraph(text)
    _footer(d, "ひだまり　〒241-0022　横浜市旭区鶴ケ峰１－２－３　TEL 045-000-0000")
    want = {"ward": "旭区", "hub": "ひだまり", "years": [2020, 2020], "doc_type": "単年度評価",
            "goals": [goal_want(2020, g) for g in B2]}
    return docx_bytes(d), want


SITES = {"どろっぷ（本体）": "本体", "どろっぷサテライト": "サテライト"}


def kohoku_5kanen_two_sites_docx() -> tuple[bytes, dict]:
    """A five-year summary of a hub and its satellite, programmes 1–7 under each site's line."""
    d = new_docx()
    d.add_paragraph("港北区地域子育て支援拠点どろっぷ　５か年のまとめ（令和元年度～令和５年度）")
    progs = []
    for site, short in SITES.items():
        d.add_paragraph(f"■{site}")
        for n, name in PROGRAMME_NAMES.items():
            g1, g2 = ("Ａ", "Ｂ") if short == "本体" else ("Ｂ", "Ｃ")
            outcome = f"{short}では{name}の利用が五年間で増えました。"
            issue = f"{short}の{name}は担い手の確保が課題です。"
            d.add_paragraph(f"{fw_digits(n)}　{name}")
            d.add_paragraph(f"自己評価　法人：{g1}　区：{g2}")
            d.add_paragraph("成果")
            d.add_paragraph(outcome)
            d.add_paragraph("課題")
            d.add_paragraph(issue)
            progs.append({"no": n, "site_has": short, "grades": [g1, g2], "成果": outcome[:14], "課題": issue[:14]})
    want = {"ward": "港北区", "hub": "どろっぷ", "years": [2019, 2023], "doc_type": "5か年のまとめ", "programmes": progs}
    return docx_bytes(d), want


def tsuzuki_unlisted_hub_footer_word_pdf() -> tuple[bytes, dict]:
    """A hub the list does not hold, its ward only in the 所在地 of the page footer (Word → PDF)."""
    d = new_docx()
    d.add_paragraph("地域子育て支援拠点 ぽけっとひろば　令和６年度　重点目標の振り返り")
    for g in B2:
        d.add_paragraph(f"重点目標{fw_digits(g['no'])}　{g['goal']}")
        t = grid_table(d, [("取組内容", g["content"]), ("取組の成果", g["outcome"]), ("取組の課題", g["issue"])])
        t.autofit = True
    _footer(d, "所在地：横浜市都筑区茅ケ崎中央１－１　ぽけっとひろば")
    want = {"ward": "都筑区", "hub": "ぽけっとひろば", "years": [2024, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2024, g) for g in B2]}
    return soffice_convert(docx_bytes(d), ".docx", "pdf"), want


def midori_two_years_columns_page() -> tuple[bytes, dict]:
    """A ward page: per goal a table 項目 | 令和５年度（実績） | 令和６年度（計画）."""
    plans = [("乳児の親の出会いの場を土曜日にも広げます。", "土曜日の午前に「はじめましての会」を開きます。"),
             ("支援者の学び合いを区内全域に広げます。", "研修会の案内を区内の全団体に送ります。")]
    parts = ["<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'>",
             "<title>緑区地域子育て支援拠点 重点目標</title></head><body>",
             "<h1>緑区地域子育て支援拠点　重点目標（令和５年度の振り返りと令和６年度の目標）</h1>"]
    for g, (goal6, content6) in zip(B2[:2], plans):
        parts.append(f"<h2>重点目標{g['no']}</h2><table border='1'>"
                     "<tr><th>項目</th><th>令和５年度（実績）</th><th>令和６年度（計画）</th></tr>"
                     f"<tr><th>重点目標</th><td>{g['goal']}</td><td>{goal6}</td></tr>"
                     f"<tr><th>取組内容</th><td>{g['content']}</td><td>{content6}</td></tr>"
                     f"<tr><th>取組の成果</th><td>{g['outcome']}</td><td>－</td></tr>"
                     f"<tr><th>取組の課題</th><td>{g['issue']}</td><td>－</td></tr></table>")
    parts.append("<p>緑区こども家庭支援課</p></body></html>")
    want = {"ward": "緑区", "years": [2023, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2023, g) for g in B2[:2]],
            "next_goals": [{"year": 2024, "no": k + 1, "goal": goal6[:14]} for k, (goal6, _c) in enumerate(plans)]}
    return "\n".join(parts).encode("utf-8"), want


BATCH1 = {
    "izumi_r5_numbered_headings.docx": izumi_numbered_headings_docx,
    "izumi_r5_numbered_headings_word.pdf": izumi_numbered_headings_word_pdf,
    "naka_h31_goal_columns_merged_header.xlsx": naka_goal_columns_merged_header_xlsx,
    "konan_r5_th_scope_row_page.html": konan_th_scope_row_page,
    "kohoku_2018_fullwidth_digits.txt": kohoku_fullwidth_digits_text,
    "naka_r1_vertical_labels.docx": naka_vertical_labels_docx,
    "naka_r1_vertical_labels_word.pdf": naka_vertical_labels_word_pdf,
    "kohoku_h30_h31_side_by_side.xlsx": kohoku_two_years_side_by_side_xlsx,
    "konan_2023_other_city_headings.docx": konan_other_city_headings_docx,
    "nishi_r3_r7_5kanen_numbered_four_columns.docx": nishi_5kanen_numbered_docx,
}

BATCH2 = {
    "kawasaki_r5_jisshi_next_year.docx": kawasaki_jisshi_next_docx,
    "saitama_r4_abc_table.xlsx": saitama_abc_table_xlsx,
    "sagamihara_r3_th_scope_page.html": sagamihara_th_scope_page,
    "asahi_r2_nickname_footer_address.docx": asahi_nickname_footer_address_docx,
    "kohoku_r1_r5_5kanen_two_sites.docx": kohoku_5kanen_two_sites_docx,
    "tsuzuki_r6_unlisted_hub_footer_word.pdf": tsuzuki_unlisted_hub_footer_word_pdf,
    "midori_r5_r6_two_years_columns_page.html": midori_two_years_columns_page,
}

ABOUT = ("tests/data/unseen30: what a reader says of each document (make_docs.py writes both); batch 1 re-lays "
         "the seed reports' content ('seed': which), batch 2 was held out until batch 1's fixes were done.")


if __name__ == "__main__":
    write_builders(HERE, [BATCH1, BATCH2], ABOUT, sys.argv[1:])
