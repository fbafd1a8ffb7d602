"""Writes the binary documents of tests/data/unseen3 (run once; the outputs are committed).

    PYTHONPATH=$PWD python tests/data/unseen3/make_binaries.py          # all; `batch5` … `batch7` for one batch

Third round of reports nobody tuned the parser on (see tests/data/unseen and unseen2 for the
first two). The expected parse of every document was written into expected.json before the
parser was run on it.

aoba_r3_textbox_title.docx: 青葉区 令和３年度; the report's title (ward, year) is a Word text
box (DrawingML with its VML fallback, as Word 2010+ saves it); the body names neither.
isogo_r4_page_header.docx: 磯子区 令和４年度; the ward is named only in the Word page header
and footer; goals as Word headings with 取組内容 / 成果 / 課題 paragraphs.
kanagawa_r3_content_controls.docx: 神奈川区 令和３年度; a Word template whose answers are
block-level content controls (w:sdt around paragraphs, and around table cells).
kohoku_r6_rotated_table.pdf: 港北区 令和６年度; page 1 a portrait cover, page 2 a landscape
goal table on a portrait page turned by /Rotate 90 (the table drawn rotated).
totsuka_r3_vertical_labels.pdf: 戸塚区 令和３年度; a bordered form, one goal per column, the
row labels written vertically (a character per line) in a narrow column, cells wrapped
over several lines.
nishi_r2_banner_rows.xlsx: 西区 令和２年度; each goal a banner row merged over the sheet's
width, then label | text rows (the text merged over three columns, wrapped inside the
cell with line breaks), an 評価 row.
tsuzuki_5kanen_r2_r6.xlsx (batch 4): 都筑区 令和２～６年度 5か年のまとめ, a programme per row
under a two-row header whose 自己評価 is merged over 法人 | 区.
Batch 5: hodogaya_r4_combined_column.docx (a Word goal table whose 成果と課題 column holds
both, by 【成果】 / 【課題】 paragraphs), kohoku_r2_box_heading.docx (goal headings as one-cell
tables, ●取組： lines), asahi_r2_centred_labels.pdf (labels centred vertically beside
wrapped text), naka_r5_spacer_column.xlsx (goals side by side with an empty column between).
Batch 6: midori_r5_hidden_column.xlsx (a goal row per goal with a hidden column of staff notes
and a hidden draft row).
Batch 7: isogo_r6_wrapped_labels.pdf (labels wrapped in a narrow column: 取組の / 内容),
sakae_r5_centred_labels.pdf (labels centred in their cells, two goal columns).
"""

from __future__ import annotations

from pathlib import Path

from tests.data.docgen import chunks, pdf_font

HERE = Path(__file__).resolve().parent


# --- Word ------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (f'xmlns:w="{_W}" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml"')


def _paras_xml(lines: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)


def _text_box_run(lines: list[str]):
    """A run holding a text box as Word 2010+ writes it: a DrawingML shape, and the same
    text again in the VML fallback for older readers."""
    from docx.oxml import parse_xml

    body = _paras_xml(lines)
    return parse_xml(
        f"<w:r {_NS}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5400000" cy="720000"/>'
        '<wp:docPr id="1" name="テキスト ボックス 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
        f"<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="tb1" style="width:425pt;height:57pt">'
        f"<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>")


AOBA_GOALS = [
    ("重点目標１", "妊娠期から拠点を知り、出産後に安心して来館できる。",
     "両親教室の会場でひろばの紹介をし、妊婦向けのひろば体験日を毎月設けた。",
     "体験日に参加した妊婦４６人のうち３０人が、出産後にひろばを利用した。",
     "共働きの家庭は平日の体験日に参加しにくく、土曜日の開催を検討する。"),
    ("重点目標２", "地域の子育て支援者とつながり、親子を地域へつなぐ。",
     "地区の子育てサロンを訪ね、サロンの日程をひろばの掲示板で紹介した。",
     "ひろばで紹介したサロンに、初めて参加した親子が延べ３８組あった。",
     "サロンの日程変更が掲示に反映されるまでに時間がかかる。"),
]


def aoba_textbox_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(_text_box_run(["令和３年度　青葉区地域子育て支援拠点事業", "重点目標の振り返り"]))
    d.add_paragraph("拠点名：ラフール　　運営法人：特定非営利活動法人　ワーカーズ・コレクティブ　パレット")
    for heading, goal, content, outcome, issue in AOBA_GOALS:
        d.add_heading(heading, level=2)
        d.add_paragraph(goal)
        d.add_paragraph("【取組内容】")
        d.add_paragraph(content)
        d.add_paragraph("【成果】")
        d.add_paragraph(outcome)
        d.add_paragraph("【課題】")
        d.add_paragraph(issue)
    d.save(path)


ISOGO_GOALS = [
    ("重点目標１　親子が地域で顔見知りをつくり、身近な場所で過ごせる",
     "町内会館で親子の集いを地区ごとに年１２回開いた。",
     "集いで知り合った親子どうしが、公園や児童館で誘い合って遊ぶようになった。",
     "転入してきた家庭に集いの情報が届きにくい。"),
    ("重点目標２　子育てサポートシステムの提供会員を増やす",
     "自治会の会合や地区センターまつりで会員募集の説明をした。",
     "提供会員が年度内に１４人増え、依頼への対応が早くなった。",
     "夕方や早朝に活動できる提供会員が少ない。"),
]


def isogo_header_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "横浜市磯子区地域子育て支援拠点事業　評価シート"
    section.footer.paragraphs[0].text = "磯子区こども家庭支援課"
    d.add_heading("令和４年度　重点目標の評価", level=1)
    d.add_paragraph("拠点名：いそっぴ　　運営法人：社会福祉法人　いそご福祉会")
    for goal, content, outcome, issue in ISOGO_GOALS:
        d.add_heading(goal, level=2)
        for label, text in (("取組内容", content), ("成果", outcome), ("課題", issue)):
            d.add_heading(label, level=3)
            d.add_paragraph(text)
    d.save(path)


KANAGAWA_GOALS = [
    ("多胎児を育てる家庭が、拠点で仲間と出会える。",
     "ふたごの会を月１回開き、多胎児の先輩家庭を講師に招いた。",
     "延べ６６組が参加し、先輩家庭と連絡先を交換する家庭が多かった。",
     "外出が難しい家庭には、訪問型の支援につなぐ必要がある。"),
    ("子育て支援者が、互いの活動を知り協力できる。",
     "支援者連絡会を年３回開き、地区ごとの活動を紹介し合った。",
     "連絡会をきっかけに、二つのサロンが合同で夏祭りを開いた。",
     "連絡会に参加できない団体への情報の伝え方が決まっていない。"),
]


def _sdt(inner: str, tag: str = "回答") -> str:
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/></w:sdtPr>'
            f"<w:sdtContent>{inner}</w:sdtContent></w:sdt>")


def kanagawa_content_controls_docx(path: Path) -> None:
    """Block-level content controls: whole paragraphs, and whole table cells, inside w:sdt."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("神奈川区地域子育て支援拠点事業　評価シート")
    body = d.element.body
    sect = body[-1]  # w:sectPr stays last
    blocks = [_sdt(_paras_xml(["令和３年度　かなーちえ"]), "年度・拠点名")]
    for n, (goal, content, outcome, issue) in enumerate(KANAGAWA_GOALS, 1):
        blocks.append(_paras_xml([f"重点目標{n}"]))
        blocks.append(_sdt(_paras_xml([goal]), f"重点目標{n}"))
        rows = ""
        for label, text in (("取組内容", content), ("取組の成果", outcome), ("取組の課題", issue)):
            rows += ("<w:tr><w:tc><w:tcPr><w:tcW w:w=\"1800\" w:type=\"dxa\"/></w:tcPr>"
                     f"{_paras_xml([label])}</w:tc>"
                     + _sdt(f"<w:tc><w:tcPr><w:tcW w:w=\"7200\" w:type=\"dxa\"/></w:tcPr>{_paras_xml([text])}</w:tc>",
                            label)
                     + "</w:tr>")
        blocks.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>'
                      '<w:tblGrid><w:gridCol w:w="1800"/><w:gridCol w:w="7200"/></w:tblGrid>'
                      f"{rows}</w:tbl>")
        blocks.append("<w:p/>")
    for block in blocks:
        element = parse_xml(f"<w:body {_NS}>{block}</w:body>")
        for child in list(element):
            sect.addprevious(child)
    d.save(path)


# --- PDF -------------------------------------------------------------------------------

KOHOKU_ROWS = [
    ("重点目標", "取組内容", "成果", "課題"),
    ("１　妊娠期から拠点とつながる家庭を増やす",
     "区の母親教室でひろばを紹介し、妊婦向けの見学会を月１回開いた。",
     "見学会の参加者５２人のうち３５人が出産後にひろばを利用した。",
     "里帰り出産の家庭には、見学会の案内が届きにくい。"),
    ("２　子育て支援者が学び合う場をつくる",
     "サロンの担い手と保育園の職員を対象に、遊びの研修を年３回開いた。",
     "研修で紹介した遊びを、区内の８サロンが取り入れた。",
     "研修が平日に偏り、仕事を持つ担い手が参加しにくい。"),
]


def kohoku_rotated_pdf(path: Path) -> None:
    """Page 1 portrait; page 2 a landscape table on a portrait page: /Rotate 90, and the
    content drawn turned by 90° so that it reads upright in a viewer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 14)
    c.drawString(60, height - 80, "港北区地域子育て支援拠点事業")
    c.drawString(60, height - 104, "令和６年度　重点目標の評価")
    c.setFont(font, 10)
    c.drawString(60, height - 140, "拠点名：どろっぷ　　運営法人：認定ＮＰＯ法人　びーのびーの")
    c.drawString(60, height - 158, "評価の詳細は次のページの表のとおりです。")
    c.showPage()

    c.setPageRotation(90)
    c.translate(width, 0)
    c.rotate(90)
    lw, lh = height, width  # the landscape page as the reader sees it
    margin, size, leading = 36, 9, 13
    col_w = (lw - 2 * margin) / 4
    per_line = int((col_w - 8) // size)
    c.setFont(font, 12)
    c.drawString(margin, lh - margin, "令和６年度　重点目標の評価（港北区）")
    y = lh - margin - 24
    for row in KOHOKU_ROWS:
        cells = [chunks(t, per_line) for t in row]
        lines = max(len(x) for x in cells)
        c.setFont(font, size)
        for k, cell in enumerate(cells):
            for n, line in enumerate(cell):
                c.drawString(margin + k * col_w + 4, y - size - n * leading, line)
        bottom = y - lines * leading - 8
        for k in range(5):
            c.line(margin + k * col_w, y + 4, margin + k * col_w, bottom)
        c.line(margin, y + 4, lw - margin, y + 4)
        c.line(margin, bottom, lw - margin, bottom)
        y = bottom - 4
    c.showPage()
    c.save()
    _portrait_mediabox(path, 1, width, height)


def _portrait_mediabox(path: Path, index: int, width: float, height: float) -> None:
    """reportlab swaps a rotated page's box to landscape; a portrait page turned by /Rotate
    (as scanners and print drivers write it) keeps its portrait box."""
    import pypdf

    reader = pypdf.PdfReader(str(path))
    writer = pypdf.PdfWriter()
    for n, page in enumerate(reader.pages):
        if n == index:
            page.mediabox = pypdf.generic.RectangleObject([0, 0, width, height])
        writer.add_page(page)
    writer.add_metadata({"/Producer": "make_binaries"})
    with open(path, "wb") as out:
        writer.write(out)


TOTSUKA_FORM = [
    ("重点目標", "出産前から拠点を知り、出産後に安心して来館できるようにする",
     "子育て支援者どうしが顔の見える関係をつくる"),
    ("取組内容", "プレママ向けのひろば見学会を毎月開き、助産師による相談の時間を設けた。",
     "地区の子育てサロン、保育園、民生委員を招いた交流会を年３回開いた。"),
    ("成果", "見学会に参加した４４人のうち３１人が、出産後に拠点を利用した。",
     "交流会をきっかけに、保育園とサロンの合同行事が３地区で開かれた。"),
    ("課題", "仕事を続けている妊婦は平日の見学会に参加しにくい。",
     "交流会に参加できない団体とは情報を共有できていない。"),
]


def totsuka_vertical_labels_pdf(path: Path) -> None:
    """A bordered form: a narrow label column written vertically (one character per line),
    then one column per goal whose text wraps over several lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = A4
    margin, size, leading, label_w = 40, 9.5, 13, 24
    col_w = (width - 2 * margin - label_w) / 2
    per_line = int((col_w - 10) // size)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 13)
    c.drawString(margin, height - 60, "令和３年度　戸塚区地域子育て支援拠点　とつなーれ")
    c.drawString(margin, height - 80, "重点目標の振り返り")
    c.setFont(font, size)
    c.drawString(margin + label_w + 4, height - 110, "目標１")
    c.drawString(margin + label_w + col_w + 4, height - 110, "目標２")
    y = height - 118
    c.line(margin, y, width - margin, y)
    for label, one, two in TOTSUKA_FORM:
        cells = [chunks(one, per_line), chunks(two, per_line)]
        lines = max(len(label), max(len(x) for x in cells))
        for n, ch in enumerate(label):
            c.drawString(margin + 7, y - size - 4 - n * leading, ch)
        for k, cell in enumerate(cells):
            for n, line in enumerate(cell):
                c.drawString(margin + label_w + k * col_w + 5, y - size - 4 - n * leading, line)
        bottom = y - lines * leading - 10
        for x in (margin, margin + label_w, margin + label_w + col_w, width - margin):
            c.line(x, y, x, bottom)
        c.line(margin, bottom, width - margin, bottom)
        y = bottom
    c.showPage()
    c.save()


# --- Excel -----------------------------------------------------------------------------

NISHI_GOALS = [
    ("重点目標①　休館中も子育て家庭とのつながりを保つ",
     "臨時休館中は電話相談を毎日受け、\n手遊びや読み聞かせの動画を１０本配信した。",
     "電話相談は４月から６月に２６０件あり、\n動画は延べ４，８００回再生された。",
     "電話やインターネットを使わない家庭に\n情報が届いたか分からない。", "○"),
    ("重点目標②　利用を再開した親子が安心して過ごせる",
     "予約制で１回１０組までとし、\n利用の前後に遊具の消毒を行った。",
     "再開後の利用は延べ３，１００組で、\n感染の広がりはなかった。",
     "予約が取れない日が続き、\n初めての親子が利用しにくい。", "△"),
]


def nishi_banner_xlsx(path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価シート"
    ws["A1"] = "令和２年度　西区地域子育て支援拠点事業　重点目標の評価"
    ws.merge_cells("A1:D1")
    ws["A2"] = "拠点名：スマイル・ポート"
    ws.merge_cells("A2:D2")
    row = 4
    for banner, content, outcome, issue, grade in NISHI_GOALS:
        ws.cell(row, 1, banner)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        row += 1
        for label, text in (("取組内容", content), ("成果", outcome), ("課題", issue), ("評価", grade)):
            ws.cell(row, 1, label)
            ws.cell(row, 2, text).alignment = Alignment(wrap_text=True)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
            row += 1
        row += 1
    ws.cell(row, 1, "評価：◎ 十分達成　○ 達成　△ 一部達成")
    wb.save(path)


TSUZUKI_PROGRAMMES = [
    ("１　親子の居場所", "Ａ", "Ｂ", "開所日を週６日に増やし、年間の利用は初年度の約１．３倍になった。",
     "混み合う時間帯の安全確保が必要である。"),
    ("３　情報収集・提供", "Ｂ", "Ｂ", "拠点のホームページをスマートフォンで見やすく作り直した。",
     "外国語での情報提供が進んでいない。"),
    ("６　子育てサポートシステム", "Ａ", "Ａ", "提供会員の研修を毎年開き、会員数は５年間で２割増えた。",
     "駅から遠い地区の提供会員が少ない。"),
]


def tsuzuki_five_year_xlsx(path: Path) -> None:
    """都筑区 令和２～６年度 5か年のまとめ: a programme per row under a two-row header, 自己評価
    merged over its 法人 | 区 columns."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "5か年のまとめ"
    ws["A1"] = "都筑区地域子育て支援拠点事業　５か年のまとめ（令和２年度～令和６年度）"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["事業", "自己評価", None, "５か年の成果", "今後の課題"])
    ws.append([None, "法人", "区", None, None])
    ws.merge_cells("B3:C3")
    ws.merge_cells("A3:A4")
    ws.merge_cells("D3:D4")
    ws.merge_cells("E3:E4")
    for row in TSUZUKI_PROGRAMMES:
        ws.append(list(row))
    wb.save(path)


# --- batch 5 -------------------------------------------------------------------------

HODOGAYA_ROWS = [
    ("地域の子育て支援者が顔の見える関係をつくる",
     ["子育て支援者のつどいを年３回開いた。", "サロンの代表者と保育園の職員が、地区ごとに話し合う時間を設けた。"],
     ["【成果】サロンと保育園の合同行事が２地区で始まった。", "【課題】平日昼のつどいには、仕事を持つ支援者が参加しにくい。"]),
    ("父親が子育ての仲間とつながるきっかけをつくる",
     ["毎月第２土曜日に「パパとあそぼう」を開いた。", "父親向けの沐浴講座を年４回行った。"],
     ["【成果】父親の延べ利用は３４０人で、前年度から８０人増えた。", "【課題】一度きりで来なくなる父親が多い。"]),
]


def hodogaya_combined_column_docx(path: Path) -> None:
    """保土ケ谷区 令和４年度: a Word goal table, a row per goal, whose last column 成果と課題
    holds both, each paragraph opened by its own 【成果】 / 【課題】 label."""
    import docx

    d = docx.Document()
    d.add_paragraph("令和４年度　保土ケ谷区地域子育て支援拠点事業　重点目標の振り返り")
    d.add_paragraph("拠点名：こっころ")
    table = d.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("重点目標", "取組状況", "成果と課題")):
        cell.text = text
    for goal, content, results in HODOGAYA_ROWS:
        cells = table.add_row().cells
        cells[0].text = goal
        cells[1].text = content[0]
        for line in content[1:]:
            cells[1].add_paragraph(line)
        cells[2].text = results[0]
        for line in results[1:]:
            cells[2].add_paragraph(line)
    d.save(path)


KOHOKU_BOX_GOALS = [
    ("重点目標１　外国につながる家庭が、拠点を安心して利用できる",
     "やさしい日本語の利用案内を作り、通訳ボランティアの日を月２回設けた。",
     "外国につながる家庭の利用は延べ２６０組で、前年度の１．４倍になった。",
     "少数言語の家庭に対応できる通訳が見つからない。"),
    ("重点目標２　子育て家庭が地域の情報を手に入れやすくする",
     "区内の子育てサロンの情報を、毎月の拠点だよりにまとめて載せた。",
     "拠点だよりを見てサロンに参加した親子が延べ４２組あった。",
     "紙の拠点だよりは、拠点に来ない家庭には届かない。"),
]


def kohoku_box_heading_docx(path: Path) -> None:
    """港北区 令和２年度: each goal heading drawn as a shaded one-cell table (a box), the sections
    below it as paragraphs marked ●取組 / ●成果 / ●課題 with the text run on after a colon."""
    import docx

    d = docx.Document()
    d.add_paragraph("港北区地域子育て支援拠点どろっぷ")
    d.add_paragraph("令和２年度　事業の振り返り")
    for goal, content, outcome, issue in KOHOKU_BOX_GOALS:
        box = d.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        box.rows[0].cells[0].text = goal
        d.add_paragraph(f"●取組：{content}")
        d.add_paragraph(f"●成果：{outcome}")
        d.add_paragraph(f"●課題：{issue}")
        d.add_paragraph("")
    d.save(path)


ASAHI_CENTRED = [
    ("重点目標１", "休館中も、子育て家庭が相談できる場を保つ"),
    ("取組内容", "臨時休館中は電話相談を毎日受け付け、再開後は予約制で個別の相談の時間を設けた。相談の内容は区の保健師と毎週共有し、"
                 "必要な家庭には区の家庭訪問につないだ。"),
    ("成果", "電話と個別の相談は年間４６０件あり、保健師の家庭訪問につないだ例が１２件あった。"),
    ("課題", "予約制にしたことで、ひろばでの立ち話の相談が減った。"),
    ("重点目標２", "地域の子育てサロンの活動再開を支える"),
    ("取組内容", "サロン向けの感染対策の手引きを作り、消毒用品を貸し出した。オンラインの代表者会議を２回開き、"
                 "再開したサロンの工夫を他のサロンに紹介した。"),
    ("成果", "区内２４サロンのうち１５サロンが年度内に活動を再開した。"),
    ("課題", "会場の使えないサロンは再開の見通しが立たない。"),
]


def asahi_centred_labels_pdf(path: Path) -> None:
    """旭区 令和２年度: a bordered label | text table, the text wrapped over several lines and
    each label centred vertically in its cell (a Word table saved as PDF), so that a label
    sits on the second line of its text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = A4
    margin, size, leading, label_w = 90, 10, 15, 80
    per_line = int((width - 2 * margin - label_w - 12) // size)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 13)
    c.drawString(margin - 40, height - 60, "旭区地域子育て支援拠点ひだまり　令和２年度　重点目標の評価")
    y = height - 90
    c.setFont(font, size)
    c.line(margin, y, width - margin, y)
    for label, text in ASAHI_CENTRED:
        lines = chunks(text, per_line)
        box = len(lines) * leading + 10
        middle = (len(lines) - 1) / 2
        c.drawString(margin + 6, y - 5 - size - middle * leading, label)
        for n, line in enumerate(lines):
            c.drawString(margin + label_w + 6, y - 5 - size - n * leading, line)
        bottom = y - box
        for x in (margin, margin + label_w, width - margin):
            c.line(x, y, x, bottom)
        c.line(margin, bottom, width - margin, bottom)
        y = bottom
    c.showPage()
    c.save()


NAKA_SPACER = [
    ("項目", "重点目標１", None, "重点目標２"),
    ("目標", "親子が安心して過ごせる居場所を地域に広げる", None, "子育て支援者どうしが学び合う"),
    ("取組内容", "寿町と本牧の地域施設で出張ひろばを月２回開いた。", None, "サロンの担い手向けの研修を年３回開いた。"),
    ("成果", "出張ひろばの延べ参加は３８０組だった。", None, "研修後、サロンどうしで遊具を貸し借りするようになった。"),
    ("課題", "会場の確保が年度ごとに不安定である。", None, "担い手の高齢化が進んでいる。"),
]


def naka_spacer_column_xlsx(path: Path) -> None:
    """中区 令和５年度: goals side by side, one per column, with an empty narrow column
    between them (the sheet's layout), labels in column A."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "R5振り返り"
    ws["A1"] = "中区地域子育て支援拠点事業　令和５年度　重点目標の振り返り"
    ws.append([])
    for row in NAKA_SPACER:
        ws.append(list(row))
    ws.column_dimensions["C"].width = 2
    wb.save(path)


# --- batch 6 -------------------------------------------------------------------------

MIDORI_HIDDEN = [
    ("No.", "重点目標", "取組内容", "取組の成果", "取組の課題", "担当メモ（非表示）"),
    (1, "多胎児を育てる家庭が孤立しない", "ふたごの会を月１回開き、先輩の家庭を招いた。",
     "延べ５２組が参加し、家庭どうしで連絡先を交換した。", "外出が難しい家庭には訪問型の支援へのつなぎが要る。",
     "数字は３月末で再確認すること"),
    (2, "地域の子育て情報を届ける", "区内のサロンの日程を拠点だよりに毎月載せた。",
     "拠点だよりを見てサロンに参加した親子が延べ３０組あった。", "拠点に来ない家庭には届かない。",
     "区と表現を相談中"),
]


def midori_hidden_column_xlsx(path: Path) -> None:
    """緑区 令和５年度: a goal row per goal, with a hidden working column of staff notes
    and a hidden row of a draft goal."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "令和5年度"
    ws["A1"] = "緑区地域子育て支援拠点　いっぽ　令和５年度　重点目標の評価"
    ws.append([])
    for row in MIDORI_HIDDEN:
        ws.append(list(row))
    ws.append([3, "（下書き）外国につながる家庭への支援", "未記入", "未記入", "未記入", "来年度に回す"])
    ws.column_dimensions["F"].hidden = True
    ws.row_dimensions[6].hidden = True
    wb.save(path)


# --- batch 7 -------------------------------------------------------------------------

ISOGO_WRAPPED = [
    ("重点目標１", "地域の子育てサロンと拠点が、互いに親子を紹介し合える"),
    ("取組の内容", "サロン代表者の交流会を年３回開き、拠点の職員がサロンを訪ねた。"),
    ("取組の成果", "拠点からサロンを紹介した親子が延べ５６組あった。"),
    ("今後の課題", "代表者が交代すると関係が途切れやすい。"),
    ("重点目標２", "父親が子育ての仲間とつながる"),
    ("取組の内容", "土曜日に父親と子どもの遊びの会を月２回開いた。"),
    ("取組の成果", "父親の延べ利用は３９０人になった。"),
    ("今後の課題", "平日に来館する父親は少ない。"),
]


def isogo_wrapped_labels_pdf(path: Path) -> None:
    """磯子区 令和６年度: a bordered label | text table whose label column is so narrow that
    each label wraps (取組の / 内容), the text beside it on one line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = A4
    margin, size, leading, label_w = 50, 10, 14, 42
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 13)
    c.drawString(margin, height - 60, "令和６年度　磯子区地域子育て支援拠点いそっぴ　重点目標の評価")
    c.setFont(font, size)
    y = height - 90
    c.line(margin, y, width - margin, y)
    for label, text in ISOGO_WRAPPED:
        parts = chunks(label, 3)
        box = max(len(parts), 1) * leading + 8
        for n, part in enumerate(parts):
            c.drawString(margin + 4, y - 4 - size - n * leading, part)
        c.drawString(margin + label_w + 6, y - 4 - size, text)
        bottom = y - box
        for x in (margin, margin + label_w, width - margin):
            c.line(x, y, x, bottom)
        c.line(margin, bottom, width - margin, bottom)
        y = bottom
    c.showPage()
    c.save()


SAKAE_CENTRED = [
    ("重点目標", "地域で顔見知りをつくる", "子育てサポートシステムを広める"),
    ("取組内容", "町内会館で親子の集いを年１０回開いた。", "地区センターで会員の説明会を２回開いた。"),
    ("成果", "親子どうしが公園で誘い合うようになった。", "提供会員が１０人増えた。"),
    ("課題", "転入家庭に情報が届きにくい。", "朝夕の依頼に応えられない。"),
]


def sakae_centred_text_pdf(path: Path) -> None:
    """栄区 令和５年度: a table printed from Excel with every label centred in its cell (so
    labels of different lengths start at different x) and two goal columns."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = landscape(A4)
    margin, size, label_w = 40, 10, 90
    col_w = (width - 2 * margin - label_w) / 2
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFont(font, 13)
    c.drawString(margin, height - 50, "栄区地域子育て支援拠点　令和５年度　重点目標の振り返り")
    c.setFont(font, size)
    y = height - 80
    c.drawCentredString(margin + label_w + col_w / 2, y - 14, "目標１")
    c.drawCentredString(margin + label_w + col_w * 1.5, y - 14, "目標２")
    y -= 22
    for label, one, two in SAKAE_CENTRED:
        c.line(margin, y, width - margin, y)
        c.drawCentredString(margin + label_w / 2, y - 16, label)
        c.drawString(margin + label_w + 6, y - 16, one)
        c.drawString(margin + label_w + col_w + 6, y - 16, two)
        y -= 24
    c.line(margin, y, width - margin, y)
    c.showPage()
    c.save()


def batch7() -> None:
    isogo_wrapped_labels_pdf(HERE / "isogo_r6_wrapped_labels.pdf")
    sakae_centred_text_pdf(HERE / "sakae_r5_centred_labels.pdf")


def batch6() -> None:
    midori_hidden_column_xlsx(HERE / "midori_r5_hidden_column.xlsx")


def batch5() -> None:
    hodogaya_combined_column_docx(HERE / "hodogaya_r4_combined_column.docx")
    kohoku_box_heading_docx(HERE / "kohoku_r2_box_heading.docx")
    asahi_centred_labels_pdf(HERE / "asahi_r2_centred_labels.pdf")
    naka_spacer_column_xlsx(HERE / "naka_r5_spacer_column.xlsx")


def main() -> None:
    aoba_textbox_docx(HERE / "aoba_r3_textbox_title.docx")
    isogo_header_docx(HERE / "isogo_r4_page_header.docx")
    kanagawa_content_controls_docx(HERE / "kanagawa_r3_content_controls.docx")
    kohoku_rotated_pdf(HERE / "kohoku_r6_rotated_table.pdf")
    totsuka_vertical_labels_pdf(HERE / "totsuka_r3_vertical_labels.pdf")
    nishi_banner_xlsx(HERE / "nishi_r2_banner_rows.xlsx")
    tsuzuki_five_year_xlsx(HERE / "tsuzuki_5kanen_r2_r6.xlsx")
    batch5()
    batch6()
    batch7()


if __name__ == "__main__":
    import sys

    {"batch5": batch5, "batch6": batch6, "batch7": batch7}.get(sys.argv[1] if sys.argv[1:] else "", main)()
