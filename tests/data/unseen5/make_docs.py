"""Writes the non-UTF-8 documents of tests/data/unseen5 (run once; the outputs are committed).

    python tests/data/unseen5/make_docs.py

Fifth round of reports nobody tuned the parser on (tests/data/unseen … unseen4 are the first
four). The expected parse of every document was written into expected.json before the
parser was run on it.

minami_r3_sjis_hankaku.txt (batch 1): 南区 令和３年度, a text file saved in Shift_JIS by an old
office system, whose labels are written in half-width katakana (ﾃｰﾏ１, ｺﾒﾝﾄ) and half-width
digits.
hodogaya_r3_label_cells.docx (batch 2): 保土ケ谷区 令和３年度, a table per goal whose labels are
header cells on the left (重点目標 | 取組内容 | 成果 | 課題 | 自己評価) and values on the right;
goal 2's table breaks over a page: its last rows are a second table after the page break.
nishi_r5_cell_markers.xlsx (batch 2): 西区 令和５年度, a goal per row whose 取組内容, 成果 and 課題
are in one cell, each after a ■ marker line, separated by line breaks; a rating column.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

MINAMI_HANKAKU = """\
令和3年度 南区地域子育て支援拠点事業 評価ｼｰﾄ

■ﾃｰﾏ1 乳幼児の親子が安心して遊べる場を広げる
【取組内容】
公園での出張ひろばを月2回、雨天時は地区ｾﾝﾀｰで開いた。
【成果】
出張ひろばの参加は延べ650組で、初めて拠点を知った親子が多かった。
【課題】
夏の暑い時期に屋外で開けない日が続いた。
【自己評価】B

■ﾃｰﾏ2 子育て情報を必要な人に届ける
【取組内容】
ﾎｰﾑﾍﾟｰｼﾞとSNSで毎週ｲﾍﾞﾝﾄ情報を発信した。
【成果】
SNSのﾌｫﾛﾜｰが1,200人になり、ｲﾍﾞﾝﾄの申込みの半分がSNS経由になった。
【課題】
SNSを使わない祖父母世代に情報が届いていない。
【自己評価】A
"""


def minami_sjis_hankaku(path: Path) -> None:
    path.write_bytes(MINAMI_HANKAKU.replace("\n", "\r\n").encode("shift_jis"))


HODOGAYA_GOALS = [
    ("重点目標１　乳幼児健診の場で拠点を知ってもらう",
     "４か月児健診の会場で拠点のスタッフが遊びの紹介をし、ひろばの案内を配った。",
     "健診をきっかけに初めて来所した親子が年間１２０組あった。",
     "健診の待ち時間が短い回は、案内を渡しきれない。", "Ｂ"),
    ("重点目標２　ひとり親家庭が相談しやすい場をつくる",
     "土曜日の午後に予約なしで話せる相談の時間を設けた。",
     "土曜日の相談は年間４５件あり、その半数がひとり親家庭からだった。",
     "相談の内容を区の窓口につなぐ流れが決まっていない。", "Ｃ"),
]


def hodogaya_label_cells_docx(path: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_paragraph("令和３年度　保土ケ谷区地域子育て支援拠点事業　事業評価シート")
    labels = ["重点目標", "取組内容", "成果", "課題", "自己評価"]
    for n, (goal, content, outcome, issue, grade) in enumerate(HODOGAYA_GOALS):
        values = [goal, content, outcome, issue, grade]
        rows = list(zip(labels, values))
        # goal 2's table breaks over a page after its 取組内容 row
        parts = [rows] if n == 0 else [rows[:2], rows[2:]]
        for k, part in enumerate(parts):
            if k:
                d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            t = d.add_table(rows=0, cols=2)
            t.style = "Table Grid"
            for label, value in part:
                cells = t.add_row().cells
                cells[0].text, cells[1].text = label, value
        d.add_paragraph("")
    d.save(path)


NISHI_GOALS = [
    ("１　親子が地域の人と顔見知りになる",
     "地域の高齢者に読み聞かせのボランティアとしてひろばに来てもらった。",
     "ボランティアと親子があいさつを交わす姿が増えた。",
     "ボランティアの高齢化で、来られる人が減っている。", "Ｂ"),
    ("２　障害のある子の親が孤立しない",
     "療育センターと連携し、発達が気になる子の親の集いを月１回開いた。",
     "集いの参加者同士で連絡を取り合うようになった。",
     "集いの日が平日のため、働く親が参加しにくい。", "Ａ"),
]


def nishi_cell_markers_xlsx(path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "令和５年度"
    ws["A1"] = "西区地域子育て支援拠点　令和５年度　事業評価"
    ws.append([])
    ws.append(["重点目標", "取組と振り返り", "評価"])
    for goal, content, outcome, issue, grade in NISHI_GOALS:
        ws.append([goal, f"■取組内容\n{content}\n■成果\n{outcome}\n■課題\n{issue}", grade])
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 60
    wb.save(path)


KANAZAWA_GOALS = [
    ("１　妊娠期からの切れ目ない支援", "母子健康手帳の交付の場で拠点を紹介し、妊婦向けの講座を開いた。",
     "講座に来た妊婦の多くが、出産後に拠点に登録した。", "講座の日程が平日に限られている。", "Ａ", "Ｂ"),
    ("２　親子の居場所づくり", "雨の日向けに室内の遊びのコーナーを増やした。",
     "雨の日の利用が前年度より２割増えた。", "雨の日は部屋が混み合う。", "Ｂ", "Ｂ"),
]


def kanazawa_rater_columns_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価"
    ws["A1"] = "令和５年度　金沢区地域子育て支援拠点事業評価"
    ws.append(["重点目標", "取組内容", "成果", "課題", "法人評価", "区評価"])
    for row in KANAZAWA_GOALS:
        ws.append(list(row))
    wb.save(path)


def main() -> None:
    minami_sjis_hankaku(HERE / "minami_r3_sjis_hankaku.txt")
    hodogaya_label_cells_docx(HERE / "hodogaya_r3_label_cells.docx")
    nishi_cell_markers_xlsx(HERE / "nishi_r5_cell_markers.xlsx")
    kanazawa_rater_columns_xlsx(HERE / "kanazawa_r5_rater_columns.xlsx")


if __name__ == "__main__":
    main()
