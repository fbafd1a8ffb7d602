"""Writes the binary and non-UTF-8 documents of tests/data/unseen4 (run once; the outputs are committed).

    PYTHONPATH=$PWD python tests/data/unseen4/make_docs.py          # all; `batch2` … for one batch

Fourth round of reports nobody tuned the parser on (tests/data/unseen … unseen3 are the first
three). The expected parse of every document was written into expected.json before the
parser was run on it.

sakae_5kanen_r1_r5_year_columns.xlsx (batch 1): 栄区 5か年の振り返り（令和元年度～令和５年度）,
a programme per row with one grade column per year (令和元年度 … 令和５年度), then 成果 and
課題 columns.
tsurumi_r3_excel_sjis.csv (batch 1): 鶴見区 令和３年度, a goal table saved by Excel as CSV in
Shift_JIS (cp932: ① and ～ are cp932 characters), cells with line breaks quoted, a 自己評価
column.
naka_r2_hidden_rows.xls (batch 2): 中区 令和２年度, an Excel 97-2003 workbook (written as .xlsx,
saved as .xls by LibreOffice) with a goal per row, a hidden row (an earlier draft of goal 2)
and a hidden column of staff notes.
minami_r5_repeated_header.pdf (batch 2): 南区 令和５年度, a bordered goal table running over two
pages, its header row (重点目標 | 取組内容 | 成果 | 課題) printed again at the top of page 2,
a page number at each page's foot.
asahi_r4_mark_columns.xlsx (batch 2): 旭区 令和４年度, a goal per row with a column per grade
(Ａ | Ｂ | Ｃ | Ｄ under 自己評価), the chosen one marked ○.
aoba_r5_split_year_cells.xlsx (batch 3): 青葉区, a filled-in form whose year is written across
three cells (令和 | 5 | 年度, the number typed into its own cell) and whose ward is the value
beside 区名; goals as label | text rows.
hodogaya_r5_two_columns.pdf (batch 3): 保土ケ谷区 令和５年度, a newsletter-style page in two text
columns, goal 1 in the left column and goal 2 in the right, each with its labelled sections.
minami_r3_tick_table.docx (batch 5): 南区 令和３年度, goals as Word headings, each with a label |
text table and a rating table whose header is a four-level scale (十分できた | できた |
あまりできなかった | できなかった) and whose second row ticks one (✓).
Batch 4's Unicode text and CSV: nishi_r6_excel_unicode_text.txt (UTF-16 LE with a BOM, tabs,
CRLF: Excel's 「Unicode テキスト」), asahi_5kanen_r1_r5_letters.csv (UTF-8 with a BOM).
"""

from __future__ import annotations

from pathlib import Path

from tests.data.docgen import pdf_font, ruled_row, soffice_convert, xlsx_bytes

HERE = Path(__file__).resolve().parent

SAKAE_PROGRAMMES = [
    ("１　親子の居場所の設置・運営", ["Ｂ", "Ｂ", "Ａ", "Ａ", "Ａ"],
     "開所日を週５日から６日に増やし、期間の終わりには利用が初年度の１．４倍になった。",
     "雨の日に利用が集中し、ひろばが手狭になる。"),
    ("２　子育てに関する相談・援助の実施", ["Ｃ", "Ｂ", "Ｂ", "Ｂ", "Ａ"],
     "相談員を２名体制にし、予約なしでも相談を受けられるようになった。",
     "夜間や休日に相談したい家庭に応えられていない。"),
    ("３　地域の子育て関連情報の提供", ["Ｂ", "Ａ", "Ａ", "Ａ", "Ａ"],
     "情報誌をウェブでも読めるようにし、閲覧数が毎年増えた。",
     "紙の情報誌を手に取る場所が減っている。"),
]


def sakae_year_columns_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "振り返り"
    ws["A1"] = "栄区地域子育て支援拠点事業　５か年の振り返り（令和元年度～令和５年度）"
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["事業", "令和元年度", "令和２年度", "令和３年度", "令和４年度", "令和５年度",
               "５年間の成果", "今後の課題"])
    for name, grades, seika, kadai in SAKAE_PROGRAMMES:
        ws.append([name, *grades, seika, kadai])
    ws.append([])
    ws.append(["※評価　Ａ：十分にできた　Ｂ：おおむねできた　Ｃ：一部できなかった　Ｄ：できなかった"])
    wb.save(path)


TSURUMI_ROWS = [
    ["番号", "重点目標", "取組内容", "成果", "課題", "自己評価"],
    ["①", "乳児期の家庭が早くから拠点とつながる",
     "赤ちゃん訪問の訪問員に拠点の案内を配ってもらった。\n０歳児の日（毎週火曜 10:00～12:00）を設けた。",
     "０歳児の初回利用が前年度より９０組増えた。",
     "訪問の時期と０歳児の日の案内の時期が合っていない。", "Ａ"],
    ["②", "子育て支援者の学びの場をつくる",
     "支援者向けの研修を年４回開いた（発達、アレルギー、防災、虐待予防）。",
     "研修後にサロンで防災の話をする支援者が出てきた。",
     "研修の日程が平日に偏り、働く支援者が参加しにくい。", "Ｂ"],
]


def tsurumi_sjis_csv(path: Path) -> None:
    import csv
    import io

    buf = io.StringIO()
    buf.write("令和３年度　鶴見区地域子育て支援拠点事業評価（重点目標）" + ",,,,,\r\n")
    csv.writer(buf, lineterminator="\r\n").writerows(TSURUMI_ROWS)
    path.write_bytes(buf.getvalue().encode("cp932"))


NAKA_ROWS = [
    ("１", "外国につながる親子が拠点に来やすくする", "やさしい日本語の掲示と、多言語の利用案内を用意した。",
     "外国につながる家庭の登録が３０組になった。", "母語で相談できる人が拠点にいない。", "下書き：通訳の件は区と相談中"),
    ("２", "（旧）ひろばの利用者を増やす", "（削除予定の行）", "", "", ""),
    ("２", "中華街周辺の子育て家庭とつながる", "地域の保育園と合同で出張ひろばを開いた。",
     "出張ひろばから拠点に来た家庭が２２組あった。", "出張ひろばの会場が確保しにくい。", "メモ：会場候補あり"),
]


def naka_hidden_rows_xls(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "令和２年度"
    ws["A1"] = "令和２年度　中区地域子育て支援拠点事業　重点目標の評価"
    ws.append([])
    ws.append(["番号", "重点目標", "取組内容", "成果", "課題", "職員メモ"])
    for row in NAKA_ROWS:
        ws.append(list(row))
    ws.row_dimensions[5].hidden = True
    ws.column_dimensions["F"].hidden = True
    path.write_bytes(soffice_convert(xlsx_bytes(wb), ".xlsx", "xls"))


MINAMI_GOALS = [
    ("１　妊娠期から拠点とつながる", "両親教室で拠点の見学会を案内し、プレママの日を月１回開いた。",
     "プレママの日の参加者の７割が出産後に来所した。", "仕事を続けている妊婦が参加できる日がない。"),
    ("２　ひとり親家庭が相談しやすくする", "夕方の相談枠を設け、区の母子・父子自立支援員と連携した。",
     "夕方の相談が年間４２件あった。", "相談に来た後の継続した支援につながりにくい。"),
    ("３　地域の子育てサロンを支える", "サロンの運営者向けに、遊びの講習会を年２回開いた。",
     "講習会に参加したサロンの半数が新しい遊びを取り入れた。", "運営者の高齢化で休止するサロンがある。"),
]


def minami_repeated_header_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font()
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    xs = [40, 150, 290, 420, 555]
    header = ["重点目標", "取組内容", "成果", "課題"]
    per_line = [8, 10, 9, 9]

    def row(y, cells, size=9):
        return ruled_row(c, font, xs, per_line, y, cells, size)

    def page_start(title):
        c.setFont(font, 12)
        if title:
            c.drawString(40, height - 50, "令和５年度　南区地域子育て支援拠点事業　事業評価シート")
        return row(height - 80, header)

    y = page_start(True)
    for n, goal in enumerate(MINAMI_GOALS):
        if n == 2:
            c.setFont(font, 9)
            c.drawCentredString(width / 2, 30, "- 1 -")
            c.showPage()
            y = page_start(False)
        y = row(y, list(goal))
    c.setFont(font, 9)
    c.drawCentredString(width / 2, 30, "- 2 -")
    c.showPage()
    c.save()


ASAHI_ROWS = [
    ("重点目標１：乳児のいる家庭が早くから拠点を利用する", "０歳児の日を週２回に増やした。",
     "０歳児の初回利用が前年度の１．３倍になった。", "０歳児の日に兄姉を連れて来られない。", "Ｂ"),
    ("重点目標２：子育て支援者どうしがつながる", "支援者の交流会を地区ごとに年４回開いた。",
     "交流会から３つの合同行事が生まれた。", "交流会に来ない団体への声かけ。", "Ａ"),
]


def asahi_mark_columns_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価"
    ws["A1"] = "旭区地域子育て支援拠点　令和４年度　事業評価"
    ws.append([])
    ws.append(["重点目標", "取組内容", "成果", "課題", "自己評価", None, None, None])
    ws.append([None, None, None, None, "Ａ", "Ｂ", "Ｃ", "Ｄ"])
    ws.merge_cells("E3:H3")
    for col in "ABCD":
        ws.merge_cells(f"{col}3:{col}4")
    for goal, content, seika, kadai, grade in ASAHI_ROWS:
        marks = ["○" if g == grade else None for g in ("Ａ", "Ｂ", "Ｃ", "Ｄ")]
        ws.append([goal, content, seika, kadai, *marks])
    ws.append([])
    ws.append(["評価　Ａ：目標を上回った　Ｂ：目標どおり　Ｃ：やや下回った　Ｄ：下回った"])
    wb.save(path)


def batch2() -> None:
    naka_hidden_rows_xls(HERE / "naka_r2_hidden_rows.xls")
    minami_repeated_header_pdf(HERE / "minami_r5_repeated_header.pdf")
    asahi_mark_columns_xlsx(HERE / "asahi_r4_mark_columns.xlsx")


AOBA_GOALS = [
    ("親子が気軽に立ち寄れる居場所をつくる", "ひろばの開所時間を夕方まで延ばし、雨の日の室内遊びの会を開いた。",
     "夕方の利用が月平均で３００人増えた。", "夕方はスタッフが少なく、相談に応じきれない。"),
    ("子育て中の親が地域の活動に参加する", "サロンの見学ツアーを年４回行った。",
     "ツアーに参加した親の３割がサロンの手伝いを始めた。", "手伝いを続けてもらうための声かけ。"),
]


def aoba_split_year_cells_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価票"
    ws.append(["令和", 5, "年度", "地域子育て支援拠点事業　評価票"])
    ws.append(["区名", "青葉区", None, "拠点名", "ラフール"])
    ws.append([])
    for n, (goal, content, seika, kadai) in enumerate(AOBA_GOALS, 1):
        ws.append([f"重点目標{n}", goal])
        ws.append(["取組内容", content])
        ws.append(["成果", seika])
        ws.append(["課題", kadai])
        ws.append([])
    wb.save(path)


HODOGAYA_COLUMNS = [
    ["重点目標１", "初めての親子が安心して", "過ごせるひろばにする", "【取組内容】", "受付で声をかけ、ひろば", "の案内カードを渡した。",
     "【成果】", "初めての親子の６割が", "翌月も来所した。", "【課題】", "混み合う時間帯には声か", "けが行き届かない。"],
    ["重点目標２", "地域の支援者と拠点が", "協力し合う", "【取組内容】", "民生委員と毎月情報交換", "会を開いた。",
     "【成果】", "民生委員からの紹介が", "１０件あった。", "【課題】", "新任の民生委員への周知", "が遅れている。"],
]


def hodogaya_two_columns_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font()
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    c.setFont(font, 13)
    c.drawCentredString(width / 2, height - 50, "保土ケ谷区地域子育て支援拠点　令和５年度の振り返り")
    for x, lines in zip((50, 310), HODOGAYA_COLUMNS):
        y = height - 90
        for line in lines:
            c.setFont(font, 10.5)
            c.drawString(x, y, line)
            y -= 16
    c.showPage()
    c.save()


def batch3() -> None:
    aoba_split_year_cells_xlsx(HERE / "aoba_r5_split_year_cells.xlsx")
    hodogaya_two_columns_pdf(HERE / "hodogaya_r5_two_columns.pdf")


MINAMI_GOALS = [
    ("重点目標１　地域の子育て情報を届ける", "情報誌を毎月発行し、区内の保育園と医療機関に置いた。",
     "情報誌を見て初めて来所した家庭が６０組あった。", "若い世代はＳＮＳで情報を探すことが多い。", 1),
    ("重点目標２　子育てサポートシステムの提供会員を増やす", "提供会員の説明会を年４回開いた。",
     "新しい提供会員が１２人登録した。", "提供会員の住む地域に偏りがある。", 0),
]


def minami_tick_table_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("令和３年度　南区地域子育て支援拠点　自己評価シート")
    for title, content, seika, kadai, grade in MINAMI_GOALS:
        d.add_heading(title, level=2)
        t = d.add_table(rows=3, cols=2)
        t.style = "Table Grid"
        for r, (k, v) in enumerate([("取組内容", content), ("成果", seika), ("課題", kadai)]):
            t.cell(r, 0).text = k
            t.cell(r, 1).text = v
        g = d.add_table(rows=2, cols=4)
        g.style = "Table Grid"
        for c, h in enumerate(["十分できた", "できた", "あまりできなかった", "できなかった"]):
            g.cell(0, c).text = h
        g.cell(1, grade).text = "✓"
        d.add_paragraph("")
    d.save(path)


def batch5() -> None:
    minami_tick_table_docx(HERE / "minami_r3_tick_table.docx")


def batch1() -> None:
    sakae_year_columns_xlsx(HERE / "sakae_5kanen_r1_r5_year_columns.xlsx")
    tsurumi_sjis_csv(HERE / "tsurumi_r3_excel_sjis.csv")


def main() -> None:
    batch1()
    batch2()
    batch3()
    batch5()


if __name__ == "__main__":
    import sys

    {"batch1": batch1, "batch2": batch2, "batch3": batch3, "batch5": batch5}.get(sys.argv[1] if sys.argv[1:] else "", main)()
