"""Writes the binary documents of tests/data/unseen2 (run once; the outputs are committed).

    PYTHONPATH=$PWD python tests/data/unseen2/make_binaries.py

Second round of reports nobody tuned the parser on (see tests/data/unseen for the first).
Each batch was written, with its expected parse, before the parser was run on it.

Batch 1:
hodogaya_2019_word_numbering.docx: 保土ケ谷区 2019年度（令和元年度）; the goals are Word
auto-numbered list paragraphs (the numbers are not in the text), each followed by a
区分 / 内容 table whose rows are 主な取組 / 実績・効果 / 改善点.
totsuka_r2_two_columns.pdf: 戸塚区 令和２年度 on one A4 page in two columns, goal 1 on
the left and goal 2 on the right, a footer line.
asahi_r3_r5_sheet_per_year.xlsx: 旭区, one sheet per fiscal year (R3, R4, R5), a goal per
row under 重点取組 / 主な取組 / 実績・効果 / 今後の課題; only the first sheet's title row
names its year.
"""

from __future__ import annotations

from pathlib import Path

from tests.data.docgen import pdf_font, wrap_lines

HERE = Path(__file__).resolve().parent


# --- batch 1 -------------------------------------------------------------------------

HODOGAYA_GOALS = [
    ("地域の子育て支援者どうしが顔の見える関係をつくる。",
     [("主な取組", "区内の子育てサロン、保育園、民生委員を招いた「子育て支援者のつどい」を年３回開いた。"),
      ("実績・効果", "延べ８６人が参加し、サロンと保育園の合同行事が２地区で始まった。"),
      ("改善点", "平日昼の開催のため、仕事を持つ支援者が参加しにくい。")]),
    ("父親が子育ての仲間とつながるきっかけをつくる。",
     [("主な取組", "毎月第２土曜日に「パパとあそぼう」を開き、父親向けの沐浴講座を年４回行った。"),
      ("実績・効果", "父親の延べ利用は３１２人で、前年度から９０人増えた。"),
      ("改善点", "参加が一度きりの父親が多く、継続して来館する工夫が要る。")]),
]


def hodogaya_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("保土ケ谷区地域子育て支援拠点　こっころ", level=1)
    d.add_paragraph("2019年度（令和元年度）　地域子育て支援拠点事業　評価")
    d.add_paragraph("運営法人：特定非営利活動法人　ほどがや子育てネット")
    d.add_heading("重点取組", level=2)
    for goal, rows in HODOGAYA_GOALS:
        d.add_paragraph(goal, style="List Number")
        table = d.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = "区分"
        table.rows[0].cells[1].text = "内容"
        for label, text in rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = text
        d.add_paragraph("")
    d.add_paragraph("以上")
    d.save(path)


TOTSUKA_LEFT = [
    "重点目標１",
    "妊娠中から拠点を知り、出産後に安心して来館できるようにする。",
    "",
    "取組内容",
    "区の母親教室で拠点の紹介を行い、プレママ向けのひろば見学会を月１回開いた。",
    "",
    "成果",
    "見学会の参加者３８人のうち２９人が、出産後半年以内に拠点を利用した。",
    "",
    "課題",
    "オンラインの母親教室では拠点の雰囲気が伝わりにくい。",
]
TOTSUKA_RIGHT = [
    "重点目標２",
    "休館中も子育て家庭とのつながりを保つ。",
    "",
    "取組内容",
    "臨時休館中に電話での子育て相談を毎日受け、手遊び動画を１２本配信した。",
    "",
    "成果",
    "休館中の電話相談は２４５件あり、再開後の来館につながった家庭も多かった。",
    "",
    "課題",
    "動画の視聴が伸びず、届けたい家庭に届いたか分からない。",
]


def totsuka_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = A4
    margin, gap, size, leading = 40, 24, 9.5, 15
    col_width = (width - 2 * margin - gap) / 2
    per_line = int(col_width // size)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 13)
    c.drawString(margin, height - margin - 10, "令和２年度　戸塚区地域子育て支援拠点事業　重点目標の評価")
    c.setFont(font, 9)
    c.drawString(margin, height - margin - 28, "拠点名：とつなーれ　　運営法人：社会福祉法人　とつか福祉会")
    top = height - margin - 60
    for x, lines in ((margin, TOTSUKA_LEFT), (margin + col_width + gap, TOTSUKA_RIGHT)):
        c.setFont(font, size)
        y = top
        for line in wrap_lines(lines, per_line):
            c.drawString(x, y, line)
            y -= leading
    c.setFont(font, 7)
    c.drawCentredString(width / 2, margin - 16, "戸塚区こども家庭支援課　　1")
    c.showPage()
    c.save()


ASAHI_SHEETS = [
    ("R3", "旭区地域子育て支援拠点　ひだまり　重点目標の振り返り（令和３年度）", [
        ("転入してきた家庭が地域で孤立しないようにする。",
         "転入者向けの「ようこそ旭区」の会を年６回開き、地域の子育てサロンを紹介した。",
         "参加した転入家庭の７割がその後も拠点を利用した。",
         "土日しか来られない家庭に届いていない。"),
        ("子育てサポートシステムの提供会員を増やす。",
         "地区センターで出張説明会を開き、区の広報に会員募集を載せた。",
         "提供会員が１８人増えた。",
         "鶴ケ峰駅周辺以外では提供会員が少ない。"),
    ]),
    ("R4", "重点目標の振り返り", [
        ("土日に来られる転入家庭にも地域を紹介する。",
         "「ようこそ旭区」の会を土曜日にも開き、父親の参加を呼びかけた。",
         "土曜日の会には夫婦での参加が１２組あった。",
         "土曜日の会を手伝うスタッフの確保が難しい。"),
        ("駅から遠い地区の提供会員を増やす。",
         "希望が丘地区と若葉台地区の自治会に説明会の開催を依頼した。",
         "２地区で提供会員が計９人増えた。",
         "説明会を開ける会場が限られている。"),
    ]),
    ("R5", "重点目標の振り返り", [
        ("多胎児の家庭が気軽に来館できるようにする。",
         "ふたごの日を月１回設け、ベビーカーの置き場を広げた。",
         "ふたごの日の参加は延べ９６組になった。",
         "多胎児家庭の外出の負担は大きく、訪問型の支援が求められる。"),
        ("拠点の情報を区のアプリと連動させる。",
         "区の子育てアプリに拠点のイベント情報を毎週掲載した。",
         "アプリ経由の講座申込みが全体の４割を占めた。",
         "アプリを使っていない家庭への周知が手薄になった。"),
    ]),
]


def asahi_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, title, goals in ASAHI_SHEETS:
        ws = wb.create_sheet(name)
        ws.append([title])
        ws.append([])
        ws.append(["重点取組", "主な取組", "実績・効果", "今後の課題"])
        for row in goals:
            ws.append(list(row))
    wb.save(path)


def batch1() -> None:
    hodogaya_docx(HERE / "hodogaya_2019_word_numbering.docx")
    totsuka_pdf(HERE / "totsuka_r2_two_columns.pdf")
    asahi_xlsx(HERE / "asahi_r3_r5_sheet_per_year.xlsx")




# --- batch 2 -------------------------------------------------------------------------

SEYA_PAGES = [
    [
        "地域子育て支援拠点　にこにこひろば",
        "平成31年度/令和元年度　重点目標の評価",
        "",
        "重点目標１　地域の子育て支援者が互いを知り、協力できる関係をつくる。",
        "取組内容",
        "区内の子育てサロン、保育園、主任児童委員を招いた連絡会を年３回開催した。",
        "取組の成果",
        "連絡会をきっかけに、サロンと保育園の合同のお楽しみ会が２地区で開かれ",
    ],
    [
        "た。",
        "取組の課題",
        "連絡会に参加できていない地区への働きかけが必要である。",
        "",
        "重点目標２　子育て家庭が気軽に相談できる場をつくる。",
        "取組内容",
        "ひろばに相談コーナーを設け、月１回は区の保健師による相談日とした。",
        "取組の成果",
        "相談件数は年間３２０件で、保健師の相談日から区の支援につながった家庭もあった。",
        "取組の課題",
        "相談の記録を区と共有する方法が決まっていない。",
    ],
]


def seya_pdf(path: Path) -> None:
    """瀬谷区 H31/R1 on two A5 pages; the ward is named only in the footer of every page."""
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = A5
    margin, size, leading = 30, 9, 15
    per_line = int((width - 2 * margin) // size)
    c = canvas.Canvas(str(path), pagesize=A5)
    for number, lines in enumerate(SEYA_PAGES, 1):
        c.setFont(font, 7)
        c.drawString(margin, height - margin + 10, "にこにこひろば　事業評価")
        c.setFont(font, size)
        y = height - margin - leading
        for line in wrap_lines(lines, per_line):
            c.drawString(margin, y, line)
            y -= leading
        c.setFont(font, 7)
        c.drawCentredString(width / 2, margin - 14, f"横浜市瀬谷区　地域子育て支援拠点事業　　{number} / {len(SEYA_PAGES)}")
        c.showPage()
    c.save()


def batch2() -> None:
    seya_pdf(HERE / "seya_h31_r1_footer_ward.pdf")


# --- batch 3 -------------------------------------------------------------------------

KOHOKU_GOALS = [
    ("重点目標１　妊娠期から拠点とつながる家庭を増やす。",
     [("取組内容", "区の両親教室で拠点スタッフが話す時間をもらい、妊婦向けのひろば見学日を設けた。"),
      ("成果", "見学日の参加は延べ５４人で、出産後の初来館が早まった。"),
      ("課題", "里帰り出産の家庭とは出産後につながりにくい。")]),
    ("重点目標２　子育て家庭と地域の支援者が出会う機会をつくる。",
     [("取組内容", "地域ケアプラザと共催で、高齢者と親子のふれあい会を年４回開いた。"),
      ("成果", "ふれあい会をきっかけに、地域の見守りボランティアに登録した人が６人いた。"),
      ("課題", "共催の準備に時間がかかり、開催回数を増やせない。")]),
]


def kohoku_docx_merged(path: Path) -> None:
    """港北区 令和４年度: one Word table, the goal cell merged down over its three rows."""
    import docx

    d = docx.Document()
    d.add_paragraph("令和４年度　港北区地域子育て支援拠点　どろっぷ　事業評価シート")
    d.add_paragraph("運営法人：NPO法人　びーのびーの")
    table = d.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("重点目標", "項目", "内容")):
        cell.text = text
    for goal, rows in KOHOKU_GOALS:
        first = None
        for label, text in rows:
            cells = table.add_row().cells
            cells[1].text = label
            cells[2].text = text
            if first is None:
                first = cells[0]
                first.text = goal
            else:
                first = first.merge(cells[0])
    d.save(path)


NAKA_SHEETS = [
    ("表紙", [["中区地域子育て支援拠点　のんびりんこ"], ["令和５年度　重点目標の振り返り"],
              ["運営法人：公益財団法人　横浜YMCA"]]),
    ("重点目標１", [["重点目標", "子育て家庭が気軽に立ち寄れる場を、拠点の外にもつくる。"],
                   ["主な取組内容", "寿町の地域施設で月２回の出張ひろばを開いた。"],
                   ["成果・効果", "出張ひろばには延べ２２０組が参加し、そのうち３０組が拠点にも来館した。"],
                   ["今後の課題", "出張ひろばの会場の確保が年度ごとに不安定である。"]]),
    ("重点目標２", [["重点目標", "外国につながる家庭の子育てを支える。"],
                   ["主な取組内容", "中国語と英語の通訳がいる相談日を月１回設けた。"],
                   ["成果・効果", "相談日の利用は年間４８件で、保育園の入園手続きの支援につながった。"],
                   ["今後の課題", "タガログ語やベトナム語の相談に対応できていない。"]]),
]


def naka_xlsx_sheet_per_goal(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in NAKA_SHEETS:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


def batch3() -> None:
    kohoku_docx_merged(HERE / "kohoku_r4_merged_goal_cell.docx")
    naka_xlsx_sheet_per_goal(HERE / "naka_r5_sheet_per_goal.xlsx")



# --- batch 4 -------------------------------------------------------------------------

NISHI_ROWS = [
    ["重点目標", "主な取組", "成果", "課題"],
    ["地域の子育て支援者と拠点が協力して、親子の居場所を増やす。",
     "地区センターでの出張ひろばを月２回開いた。",
     "出張ひろばには延べ３１０組が参加した。",
     "会場の予約が取りにくい。"],
    [None,
     "子育てサロンの運営者向けに、遊びの講習会を開いた。",
     "講習会を受けたサロンで、新しい遊びの時間が始まった。",
     None],
    ["子育て家庭の声を拠点の運営に生かす。",
     "利用者アンケートを年２回行い、結果をひろばに掲示した。",
     "アンケートの声から、授乳室の予約制が始まった。",
     "アンケートの回答が少ない。"],
]


def nishi_xlsx_merged(path: Path) -> None:
    """西区 令和２年度: a goal per row, the first goal's cell merged over two rows of 取組."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "令和2年度"
    ws.append(["西区地域子育て支援拠点　スマイル・ポート　令和２年度重点目標の評価"])
    ws.append([])
    for row in NISHI_ROWS:
        ws.append(row)
    ws.merge_cells("A4:A5")
    ws.merge_cells("D4:D5")
    wb.save(path)


TSUZUKI_PROGRAMMES = [
    ("親子の居場所事業", "Ａ", "Ａ", "開所日を週６日に増やし、年間の利用は期間の初年度の約１．２倍になった。",
     "混み合う時間帯の安全対策が必要である。"),
    ("子育て相談事業", "Ｂ", "Ａ", "ひろばスタッフの気づきから区の保健師につなぐ流れが定着した。",
     "相談記録の様式を区と統一する必要がある。"),
    ("情報収集・提供事業", "Ｂ", "Ｂ", "拠点のホームページを作り直し、スマートフォンで見やすくした。",
     "外国語での情報提供が進んでいない。"),
]


def tsuzuki_docx_numbered_headings(path: Path) -> None:
    """都筑区 5か年: programmes as auto-numbered Word headings, a grade table under each
    (評価項目 | 法人 | 区), then 【成果】 and 【課題】 paragraphs."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_heading("都筑区地域子育て支援拠点事業　５か年のまとめ", level=1)
    d.add_paragraph("対象期間：2020年度～2024年度（令和2年度～令和6年度）")
    numbering = d.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "decimalFullWidth"), ("w:lvlText", "%1．")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    for name, hub, ward, outcome, issue in TSUZUKI_PROGRAMMES:
        heading = d.add_heading(name, level=2)
        ppr = heading._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", "90")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            numpr.append(el)
        ppr.append(numpr)
        table = d.add_table(rows=2, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("評価項目", "法人", "区")):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ("自己評価", hub, ward)):
            cell.text = text
        d.add_paragraph(f"【成果】{outcome}")
        d.add_paragraph(f"【課題】{issue}")
    d.save(path)


def batch4() -> None:
    nishi_xlsx_merged(HERE / "nishi_r2_merged_goal_rows.xlsx")
    tsuzuki_docx_numbered_headings(HERE / "tsuzuki_5kanen_numbered_headings.docx")



# --- batch 5 -------------------------------------------------------------------------

MINAMI_ROWS = [
    ("重点目標１", "子育て家庭が地域の中で気軽に集まれる場所を増やす。"),
    ("取組内容", "地域ケアプラザと町内会館の２か所で出張ひろばを月１回開き、地域の子育てサロンの運営者と打合せを重ねた。"),
    ("取組の成果", "出張ひろばの参加は延べ２８０組で、そのうち４０組が後に拠点を利用した。サロンとの打合せから、サロンの開催日を拠点だよりで紹介するようになった。"),
    ("取組の課題", "出張ひろばの会場は予約が取りにくく、年間を通した開催の見通しが立たない。"),
    ("重点目標２", "外国につながる家庭が安心して子育てできるよう支える。"),
    ("取組内容", "やさしい日本語の講座を開き、多言語の子育て情報をひろばに置いた。"),
    ("取組の成果", "講座の参加者が友人を誘って来館するようになり、外国につながる家庭の利用が増えた。"),
    ("取組の課題", "通訳が必要な相談に対応できる体制がない。"),
]


def minami_pdf_label_table(path: Path) -> None:
    """南区 令和３年度（2021年度）: a bordered label | text table on A5 pages with a header and
    a footer on every page; a row's text runs over the page break."""
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = A5
    margin, size, leading, label_w = 30, 8.5, 12, 70
    per_line = int((width - 2 * margin - label_w - 8) // size)
    c = canvas.Canvas(str(path), pagesize=A5)
    page = 1

    def furniture():
        c.setFont(font, 7)
        c.drawString(margin, height - 20, "南区地域子育て支援拠点　はぐはぐの樹")
        c.drawCentredString(width / 2, 16, f"- {page} -")

    furniture()
    c.setFont(font, 12)
    c.drawString(margin, height - 50, "令和３年度（2021年度）重点目標の評価")
    y = height - 80
    for label, text in MINAMI_ROWS:
        lines = wrap_lines([text], per_line)
        top = y
        c.setFont(font, size)
        c.drawString(margin + 4, y - size, label)
        for n, line in enumerate(lines):
            if y - leading < 40:
                c.line(margin, top + 4, margin, y + 4)
                c.showPage()
                page += 1
                furniture()
                c.setFont(font, size)
                y = height - 50
                top = y
            c.drawString(margin + label_w + 4, y - size, line)
            y -= leading
        y -= 6
        c.line(margin, y + 4, width - margin, y + 4)
    c.showPage()
    c.save()


def aoba_docx_two_row_header(path: Path) -> None:
    """青葉区 令和６年度: a goal table whose header takes two rows (取組 spanning 内容 and 成果)."""
    import docx

    d = docx.Document()
    d.add_paragraph("青葉区地域子育て支援拠点　ラフール　令和６年度　重点目標の評価")
    table = d.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].text = "重点目標"
    top[1].text = "取組"
    top[3].text = "課題"
    top[1].merge(top[2])
    top[0].merge(sub[0])
    top[3].merge(sub[3])
    sub[1].text = "内容"
    sub[2].text = "成果"
    for goal, content, outcome, issue in (
        ("１　妊娠期の家庭が出産前から拠点を知る。", "区の両親教室に拠点スタッフが参加し、ひろばの見学会を案内した。",
         "見学会の参加者の７割が出産後に来館した。", "平日の見学会に来られない共働きの家庭がある。"),
        ("２　地域の支援者と協力して親子の外出先を増やす。", "地域の子育てサロン５か所と共同で、おでかけマップを作った。",
         "マップを見てサロンに参加した親子が増えた。", "マップの情報の更新を誰が担うか決まっていない。"),
    ):
        cells = table.add_row().cells
        for cell, text in zip(cells, (goal, content, outcome, issue)):
            cell.text = text
    d.save(path)


def batch5() -> None:
    minami_pdf_label_table(HERE / "minami_r3_pdf_label_table.pdf")
    aoba_docx_two_row_header(HERE / "aoba_r6_two_row_header.docx")



# --- batch 6 -------------------------------------------------------------------------


def seya_xlsx_header_breaks(path: Path) -> None:
    """瀬谷区 Ｒ５: a goal-per-row sheet whose header cells wrap inside the cell (Alt+Enter:
    取組\n内容), under a merged title cell."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ｒ５評価"
    ws.append(["瀬谷区地域子育て支援拠点　せやっこ　Ｒ５年度　重点目標の評価"])
    ws.merge_cells("A1:D1")
    ws.append(["重点\n目標", "取組\n内容", "取組の\n成果", "取組の\n課題"])
    ws.append(["親子が地域の行事に参加しやすくする。", "地区の夏祭りに拠点のブースを出し、親子向けの遊びを紹介した。",
               "ブースに来た親子のうち１５組が、その後に拠点を利用した。", "行事の情報を早く集める仕組みがない。"])
    ws.append(["子育てサポートシステムを知ってもらう。", "区の健診会場で制度の説明を行い、チラシを配った。",
               "説明を聞いて利用会員に登録した家庭が２０組あった。", "提供会員の登録が利用会員の伸びに追いつかない。"])
    wb.save(path)


KANAZAWA_CSV = [
    "年度,区,拠点名,No.,重点目標,具体的取組,実績,評価,次年度の課題",
    "令和元年度,金沢区,とことこ,1,妊娠期から拠点とつながる家庭を増やす,区の母親教室で拠点を紹介し、妊婦向けのひろば体験を月１回開いた。,"
    "体験に参加した妊婦の８割が出産後に来館した。,Ａ,里帰り出産の家庭への案内が届いていない。",
    "令和元年度,金沢区,とことこ,2,子育て支援者の学びの場をつくる,地域の子育てサロンの運営者向けに研修会を年３回開いた。,"
    "研修会の参加者は延べ５４人で、サロンで新しい遊びが始まった。,Ｂ,研修の日程が平日に偏っている。",
]


def kanazawa_csv_sjis(path: Path) -> None:
    """金沢区 令和元年度: a spreadsheet's CSV export in Shift_JIS (CRLF), a goal per row with a 評価 column."""
    path.write_bytes(("\r\n".join(KANAZAWA_CSV) + "\r\n").encode("cp932"))


def batch6() -> None:
    seya_xlsx_header_breaks(HERE / "seya_r5_header_linebreaks.xlsx")
    kanazawa_csv_sjis(HERE / "kanazawa_r1_sjis.csv")



# --- batch 7 -------------------------------------------------------------------------


def isogo_xlsx_split_sections(path: Path) -> None:
    """磯子区 令和５年度: a form sheet per goal block — the goal and 取組内容 full width,
    then 成果 | 課題 side by side as a header row with their texts in the row below."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["磯子区地域子育て支援拠点　いそっぴ　令和５年度　重点目標の評価"])
    ws.append([])
    for no, goal, content, outcome, issue in (
        ("重点目標１", "多胎児の家庭が安心して外出できるようにする。", "ふたごの日を月１回開き、ベビーカーの置き場を広げた。",
         "ふたごの日の参加は延べ７２組になった。", "多胎児家庭の外出を手伝うボランティアが少ない。"),
        ("重点目標２", "地域の子育て支援者が学び合える場をつくる。", "子育てサロンの運営者向けに、事例の発表会を年２回開いた。",
         "発表会の後、サロン同士で遊びの道具を貸し借りするようになった。", "発表会に参加するサロンが固定化している。"),
    ):
        ws.append([no, goal])
        ws.append(["取組内容", content])
        ws.append(["成果", "課題"])
        ws.append([outcome, issue])
        ws.append([])
    wb.save(path)


def nishi_docx_multilevel(path: Path) -> None:
    """西区 令和４年度: goals and their sections as one Word multilevel list (1. goal,
    (1) 取組内容：…, (2) 成果：…, (3) 課題：…), the numbers from numbering.xml."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("西区地域子育て支援拠点　スマイル・ポート")
    d.add_paragraph("令和４年度　重点目標評価結果")
    numbering = d.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "91")
    for ilvl, fmt, text in (("0", "decimal", "%1."), ("1", "decimal", "(%2)")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), ilvl)
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "91")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "91")
    num.append(ref)
    numbering.append(num)

    def item(text, level):
        p = d.add_paragraph(text)
        numpr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", str(level)), ("w:numId", "91")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            numpr.append(el)
        p._p.get_or_add_pPr().append(numpr)

    d.add_paragraph("重点目標")
    for goal, content, outcome, issue in (
        ("子育て家庭が気軽に相談できる場をつくる。", "ひろばに相談コーナーを設け、毎日スタッフが対応した。",
         "相談件数は年間４５０件で、前年度より１２０件増えた。", "相談の内容が複雑になり、スタッフの研修が必要である。"),
        ("地域の子育て情報を一つにまとめて届ける。", "区内の子育て情報を集めた冊子を作り、健診の会場で配った。",
         "冊子を見て拠点に来た家庭が多く、初来館の６割を占めた。", "冊子の情報が古くなりやすい。"),
    ):
        item(goal, 0)
        item(f"取組内容：{content}", 1)
        item(f"成果：{outcome}", 1)
        item(f"課題：{issue}", 1)
    d.save(path)


def batch7() -> None:
    isogo_xlsx_split_sections(HERE / "isogo_r5_split_sections.xlsx")
    nishi_docx_multilevel(HERE / "nishi_r4_multilevel_list.docx")



# --- batch 9 -------------------------------------------------------------------------


def izumi_docx_form_nested(path: Path) -> None:
    """泉区 令和４年度: a Word form — an outer one-column table, each cell a goal: its title
    paragraph, then a nested label | text table."""
    import docx

    d = docx.Document()
    d.add_paragraph("泉区地域子育て支援拠点　すきっぷ　令和４年度　重点目標の評価")
    outer = d.add_table(rows=0, cols=1)
    outer.style = "Table Grid"
    for title, rows in (
        ("重点目標１　乳幼児の親子が地域で顔見知りをつくる。",
         (("取組内容", "地区ごとの親子の集いを町内会館で年１０回開いた。"),
          ("取組の成果", "集いで知り合った親子が、公園で誘い合って遊ぶようになった。"),
          ("取組の課題", "集いの情報が転入してきた家庭に届きにくい。"))),
        ("重点目標２　子育て支援者の学びを支える。",
         (("取組内容", "子育てサロンの運営者と一緒に、乳幼児の事故予防の研修を開いた。"),
          ("取組の成果", "研修の後、サロンの会場の安全点検表ができた。"),
          ("取組の課題", "研修に参加できない運営者への伝え方を考える。"))),
    ):
        cell = outer.add_row().cells[0]
        cell.paragraphs[0].text = title
        inner = cell.add_table(rows=0, cols=2)
        for label, text in rows:
            cells = inner.add_row().cells
            cells[0].text = label
            cells[1].text = text
    d.save(path)


def batch9() -> None:
    izumi_docx_form_nested(HERE / "izumi_r4_form_nested.docx")



# --- batch 10 ------------------------------------------------------------------------


def seya_docx_tracked_changes(path: Path) -> None:
    """瀬谷区 令和２年度: a Word report saved with tracked changes not yet accepted — inserted
    text (w:ins) that belongs to the report and deleted text (w:del) that does not."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("瀬谷区地域子育て支援拠点　せやっこ")
    d.add_paragraph("令和２年度　重点目標の評価")

    def tracked(paragraph, kind: str, text: str) -> None:
        change = OxmlElement(f"w:{kind}")
        change.set(qn("w:id"), str(len(paragraph._p)))
        change.set(qn("w:author"), "区担当")
        run = OxmlElement("w:r")
        t = OxmlElement("w:delText" if kind == "del" else "w:t")
        t.text = text
        run.append(t)
        change.append(run)
        paragraph._p.append(change)

    for goal, content, outcome, issue, inserted, deleted in (
        ("重点目標１　休館中も子育て家庭とのつながりを保つ。", "電話相談の時間を延ばし、拠点だよりを郵送した。",
         "休館中の電話相談は２１０件あった。", "電話が苦手な家庭への支援の方法がない。",
         "再開後の来館につながった家庭も多かった。", "相談はすべて解決した。"),
        ("重点目標２　地域の子育て支援者と情報を共有する。", "支援者向けのメール通信を月２回送った。",
         "メール通信を読んだサロンから、活動再開の相談が寄せられた。", "メールを使わない支援者に届かない。",
         "通信の登録者は８０人になった。", "全ての支援者に届いた。"),
    ):
        d.add_paragraph(goal)
        d.add_paragraph("取組内容")
        d.add_paragraph(content)
        d.add_paragraph("取組の成果")
        p = d.add_paragraph(outcome)
        tracked(p, "ins", inserted)
        tracked(p, "del", deleted)
        d.add_paragraph("取組の課題")
        d.add_paragraph(issue)
    d.save(path)


def tsuzuki_xlsx_reordered(path: Path) -> None:
    """都筑区 令和５年度: goal rows whose columns come in another order (課題 before 成果) with
    columns the parse does not need (担当, 備考)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["都筑区地域子育て支援拠点ポポラ　令和５年度　重点目標の振り返り"])
    ws.append(["No.", "重点目標", "担当", "取組内容", "取組の課題", "取組の成果", "備考"])
    ws.append([1, "外国につながる家庭が拠点を利用しやすくする。", "ひろば", "多言語の利用案内を作り、通訳アプリを導入した。",
               "通訳アプリで伝わりにくい相談がある。", "外国につながる家庭の利用が前年度の１．４倍になった。", "区と連携"])
    ws.append([2, "子育てサポートシステムの提供会員を増やす。", "支部", "地区センターで説明会を年４回開いた。",
               "提供会員の高齢化が進んでいる。", "提供会員が２５人増えた。", ""])
    wb.save(path)


def batch10() -> None:
    seya_docx_tracked_changes(HERE / "seya_r2_tracked_changes.docx")
    tsuzuki_xlsx_reordered(HERE / "tsuzuki_r5_reordered_columns.xlsx")



# --- batch 11 ------------------------------------------------------------------------


def izumi_docx_combined_grades(path: Path) -> None:
    """泉区 5か年（R2～R6）: a Word programme table whose one 自己評価 cell holds both grades
    (法人Ａ／区Ｂ)."""
    import docx

    d = docx.Document()
    d.add_paragraph("泉区地域子育て支援拠点事業　５か年のまとめ（R2～R6年度）")
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("事業", "自己評価", "成果", "課題")):
        cell.text = text
    for name, grades, outcome, issue in (
        ("親子の居場所", "法人Ａ／区Ｂ", "開所日を増やし、土曜日の父親の利用が定着した。", "混雑する時間帯の安全確保が課題である。"),
        ("子育て相談", "法人Ｂ／区Ｂ", "専門職の相談日を定例化した。", "相談記録を区と共有する方法を決める。"),
        ("利用者支援", "法人Ａ／区Ａ", "横浜子育てパートナーの相談件数が５か年で倍増した。", "相談内容が複雑になっている。"),
    ):
        cells = table.add_row().cells
        for cell, text in zip(cells, (name, grades, outcome, issue)):
            cell.text = text
    d.save(path)


TOTSUKA_TABLE = [
    ("重点目標", "取組内容", "取組の成果", "取組の課題"),
    ("妊娠期から拠点とつながる家庭を増やす。", "区の両親教室で拠点を紹介し、妊婦向けの見学会を毎月開いた。",
     "見学会の参加者の６割が出産後に来館した。", "里帰り出産の家庭に案内が届かない。"),
    ("地域の子育て支援者の交流を深める。", "地区ごとの支援者交流会を年３回開いた。",
     "交流会から、サロンと保育園の合同行事が生まれた。", "交流会に来られない支援者への情報共有が課題である。"),
]


def totsuka_pdf_goal_rows(path: Path) -> None:
    """戸塚区 令和４年度: a bordered PDF table, a goal per row, four columns, wrapped cells."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = landscape(A4)
    margin, size, leading = 36, 9, 13
    col_w = (width - 2 * margin) / 4
    per_line = int((col_w - 8) // size)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFont(font, 13)
    c.drawString(margin, height - margin, "令和４年度　戸塚区地域子育て支援拠点とつなーれ　重点目標の評価")
    y = height - margin - 30
    for row in TOTSUKA_TABLE:
        cells = [wrap_lines([t], per_line) for t in row]
        lines = max(len(x) for x in cells)
        c.setFont(font, size)
        for k, cell in enumerate(cells):
            for n, line in enumerate(cell):
                c.drawString(margin + k * col_w + 4, y - size - n * leading, line)
        bottom = y - lines * leading - 8
        for k in range(5):
            c.line(margin + k * col_w, y + 4, margin + k * col_w, bottom)
        c.line(margin, y + 4, width - margin, y + 4)
        c.line(margin, bottom, width - margin, bottom)
        y = bottom - 4
    c.showPage()
    c.save()


def batch11() -> None:
    izumi_docx_combined_grades(HERE / "izumi_5kanen_combined_grades.docx")
    totsuka_pdf_goal_rows(HERE / "totsuka_r4_pdf_goal_rows.pdf")



# --- batch 12 ------------------------------------------------------------------------


def hodogaya_xlsx_merged_title(path: Path) -> None:
    """保土ケ谷区 令和５年度: per goal, a title row merged across the sheet, a header row of the
    three sections and a row of their texts."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["保土ケ谷区地域子育て支援拠点こっころ　令和５年度　重点目標の評価"])
    ws.append([])
    row = 3
    for title, content, outcome, issue in (
        ("重点目標１　親子が地域の行事に参加しやすくする。", "地区の夏祭りに拠点のブースを出した。",
         "ブースに来た親子の２割が、その後に拠点を利用した。", "行事の情報を早く知る方法がない。"),
        ("重点目標２　子育て支援者の学びの場をつくる。", "支援者向けの研修を年３回開いた。",
         "研修の参加者がサロンで新しい遊びを取り入れた。", "研修の日程が平日に偏っている。"),
    ):
        ws.cell(row=row, column=1, value=title)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        for col, text in enumerate(("取組内容", "取組の成果", "取組の課題"), 1):
            ws.cell(row=row + 1, column=col, value=text)
        for col, text in enumerate((content, outcome, issue), 1):
            ws.cell(row=row + 2, column=col, value=text)
        row += 4
    wb.save(path)


def batch12() -> None:
    hodogaya_xlsx_merged_title(HERE / "hodogaya_r5_merged_title.xlsx")



# --- batch 13 ------------------------------------------------------------------------


def naka_xlsx_hidden_sheet(path: Path) -> None:
    """中区 令和６年度: the report sheet, and a hidden working sheet of an earlier draft."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価シート"
    ws.append(["中区地域子育て支援拠点　のんびりんこ　令和６年度　重点目標の評価"])
    ws.append(["重点目標", "取組内容", "取組の成果", "取組の課題"])
    ws.append(["妊娠期から拠点とつながる家庭を増やす。", "両親教室で拠点を紹介し、妊婦のひろば体験日を設けた。",
               "体験日の参加者の６割が出産後に来館した。", "里帰り出産の家庭への案内が届かない。"])
    ws.append(["子育て家庭の声を運営に生かす。", "利用者会議を年４回開いた。",
               "会議の提案から授乳室の予約制が始まった。", "会議の参加者が固定している。"])
    draft = wb.create_sheet("作業用")
    draft.append(["重点目標", "取組内容", "取組の成果", "取組の課題"])
    draft.append(["（下書き）妊娠期の支援", "（未記入）", "（数値を確認中）", "（区と相談）"])
    draft.sheet_state = "hidden"
    wb.save(path)


ASAHI_PDF_ROWS = [
    ("親子が安心して過ごせるひろばを保つ。", "感染症対策の手順を見直し、予約なしで利用できる日を週３日に増やした。",
     "予約なしの日の利用は１日平均３０組で、初めての親子も増えた。", "混雑する日の安全確保が課題である。"),
    ("子育て支援者のつながりをつくる。", "地区ごとの支援者交流会を年３回開き、活動の事例を紹介し合った。",
     "交流会をきっかけに、サロン同士で遊びの道具を貸し借りするようになった。", "交流会に参加できない支援者への情報共有の方法がない。"),
    ("子育て家庭に地域の情報を届ける。", "区の子育て情報アプリに拠点の行事を毎週載せた。",
     "アプリを見て講座に申し込む家庭が全体の半数を超えた。", "アプリを使わない家庭への周知が手薄になった。"),
]


def asahi_pdf_repeated_header(path: Path) -> None:
    """旭区 令和５年度: a bordered goal table over two A5 pages, its header row repeated at
    the top of page 2, a footer with the page number on each page."""
    from reportlab.lib.pagesizes import A5, landscape
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = landscape(A5)
    margin, size, leading = 24, 7.5, 10
    col_w = (width - 2 * margin) / 4
    per_line = int((col_w - 6) // size)
    header = ("重点目標", "取組内容", "取組の成果", "取組の課題")
    c = canvas.Canvas(str(path), pagesize=(width, height))
    page = 1

    def draw_row(y, row):
        cells = [wrap_lines([t], per_line) for t in row]
        lines = max(len(x) for x in cells)
        c.setFont(font, size)
        for k, cell in enumerate(cells):
            for n, line in enumerate(cell):
                c.drawString(margin + k * col_w + 3, y - size - n * leading, line)
        bottom = y - lines * leading - 6
        for k in range(5):
            c.line(margin + k * col_w, y + 3, margin + k * col_w, bottom)
        c.line(margin, y + 3, width - margin, y + 3)
        c.line(margin, bottom, width - margin, bottom)
        return bottom - 3

    def footer():
        c.setFont(font, 7)
        c.drawCentredString(width / 2, 12, f"旭区地域子育て支援拠点ひだまり　{page}")

    c.setFont(font, 11)
    c.drawString(margin, height - margin, "令和５年度　旭区地域子育て支援拠点ひだまり　重点目標の評価")
    y = draw_row(height - margin - 20, header)
    for n, row in enumerate(ASAHI_PDF_ROWS):
        if n == 2:
            footer()
            c.showPage()
            page += 1
            y = draw_row(height - margin, header)
        y = draw_row(y, row)
    footer()
    c.showPage()
    c.save()


KANAGAWA_UTF16 = """神奈川区地域子育て支援拠点　かなーちえ
令和２年度　重点目標の評価

重点目標１　休館中も子育て家庭の相談を受け止める
取組内容
　臨時休館の間、電話相談の受付を毎日１０時から１６時までとした。
取組の成果
　休館中の電話相談は１９０件あり、区の保健師と連携して対応した。
取組の課題
　電話では表情が分からず、相談の深刻さをつかみにくい。

重点目標２　地域の子育て支援者と情報を共有する
取組内容
　子育てサロンの運営者に、拠点の再開の手順をまとめた資料を送った。
取組の成果
　資料を参考に、８つのサロンが活動を再開した。
取組の課題
　再開していないサロンとの連絡が途絶えがちである。
"""

ISOGO_SJIS_HTML = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">
<title>平成29年度　事業評価（磯子区地域子育て支援拠点）</title>
</head>
<body>
<h2>磯子区地域子育て支援拠点　平成２９年度　重点目標の評価</h2>
<table border="1" cellpadding="4">
<tr><th>重点目標</th><th>取組内容</th><th>取組の成果</th><th>取組の課題</th></tr>
<tr><td>地域の子育てサークルの活動を支える</td><td>サークルの代表者交流会を年２回開き、活動場所の情報を提供した。</td><td>交流会で知り合ったサークルが合同で運動会を開いた。</td><td>代表者の交代が多く、継続した支援が難しい。</td></tr>
<tr><td>父親の育児参加を応援する</td><td>土曜日に父親向けの遊びの講座を開いた。</td><td>講座に参加した父親の６割が、その後も土曜日に来館した。</td><td>平日に来館する父親が少ない。</td></tr>
</table>
</body>
</html>
"""


def kanagawa_utf16(path: Path) -> None:
    """神奈川区 令和２年度 as Windows Notepad saves "Unicode": UTF-16 LE with a BOM, CRLF."""
    path.write_bytes("\ufeff".encode("utf-16-le") + KANAGAWA_UTF16.replace("\n", "\r\n").encode("utf-16-le"))


def isogo_sjis_html(path: Path) -> None:
    """磯子区 平成29年度: an old page in Shift_JIS declared by a meta charset, CRLF."""
    path.write_bytes(ISOGO_SJIS_HTML.replace("\n", "\r\n").encode("cp932"))


def batch13() -> None:
    naka_xlsx_hidden_sheet(HERE / "naka_r6_hidden_sheet.xlsx")
    asahi_pdf_repeated_header(HERE / "asahi_r5_pdf_repeated_header.pdf")
    kanagawa_utf16(HERE / "kanagawa_r2_utf16.txt")
    isogo_sjis_html(HERE / "isogo_h29_sjis.html")



# --- batch 14 ------------------------------------------------------------------------


def kanazawa_docx_overall_rating(path: Path) -> None:
    """金沢区 令和５年度: a Word goal table ending with an overall rating row (総合評価 | Ｂ)."""
    import docx

    d = docx.Document()
    d.add_paragraph("金沢区地域子育て支援拠点とことこ　令和５年度　重点目標の評価")
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("重点目標", "取組内容", "取組の成果", "取組の課題")):
        cell.text = text
    for row in (
        ("多胎児の家庭を支える。", "ふたごの会を月１回開いた。", "ふたごの会の参加は延べ５０組になった。", "外出が難しい家庭への支援がない。"),
        ("子育て支援者の交流を広げる。", "地区ごとの交流会を年２回開いた。", "交流会で知り合った団体が合同で行事を開いた。",
         "交流会に来られない団体がある。"),
    ):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    last = table.add_row().cells
    last[0].text = "総合評価"
    last[1].text = "Ｂ"
    d.save(path)


def seya_xlsx_one_cell(path: Path) -> None:
    """瀬谷区 令和４年度: each goal written whole into one cell, its labels and texts on lines
    of their own (Alt+Enter)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["瀬谷区地域子育て支援拠点せやっこ　令和４年度　重点目標の評価"])
    ws.append(["重点目標１\n子育て家庭が気軽に相談できる場をつくる。\n取組内容\nひろばに相談コーナーを設けた。"
               "\n取組の成果\n相談件数が前年度の１．３倍になった。\n取組の課題\n相談記録の共有方法が決まっていない。"])
    ws.append(["重点目標２\n地域で子育てを応援する人を増やす。\n取組内容\n子育て応援ボランティアの養成講座を開いた。"
               "\n取組の成果\n修了者のうち８人がひろばで活動を始めた。\n取組の課題\n平日に活動できる人が少ない。"])
    wb.save(path)


def batch14() -> None:
    kanazawa_docx_overall_rating(HERE / "kanazawa_r5_overall_rating.docx")
    seya_xlsx_one_cell(HERE / "seya_r4_one_cell.xlsx")



# --- batch 15 ------------------------------------------------------------------------


def tsuzuki_docx_nerai(path: Path) -> None:
    """都筑区 令和４年度: a Word goal table headed 目標（ねらい） | 実践内容 | 効果 | 今後の課題."""
    import docx

    d = docx.Document()
    d.add_paragraph("都筑区地域子育て支援拠点ポポラ　令和４年度　事業の振り返り")
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("目標（ねらい）", "実践内容", "効果", "今後の課題")):
        cell.text = text
    for row in (
        ("転入してきた家庭が地域に早くなじめるようにする。", "転入者向けの交流会を月１回開き、地域の子育て情報を紹介した。",
         "交流会の参加者の多くが、その後もひろばを利用している。", "転入の多い春に交流会の回数を増やす必要がある。"),
        ("子育て中の親が学び合える場をつくる。", "先輩の親が体験を話す「子育てトーク」を年６回開いた。",
         "参加者同士で悩みを話し合えるようになった。", "話し手になる先輩の親の確保が難しい。"),
    ):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    d.save(path)


def batch15() -> None:
    tsuzuki_docx_nerai(HERE / "tsuzuki_r4_nerai_jissen.docx")


if __name__ == "__main__":
    import sys

    for batch in sys.argv[1:] or ["batch1", "batch2", "batch3", "batch4", "batch5", "batch6", "batch7", "batch9", "batch10", "batch11", "batch12", "batch13", "batch14", "batch15"]:
        globals()[batch]()
