"""Writes the binary documents of tests/data/unseen (run once; the outputs are committed).

    PYTHONPATH=$PWD python tests/data/unseen/make_binaries.py

aoba_5kanen_h28_r2.docx: 青葉区's five-year summary as a Word table per programme, the
period in 西暦 with 和暦 in brackets, self-ratings ◎○△ for operator and ward.
totsuka_chukan_h30_r2.xlsx: 戸塚区's mid-term review as one spreadsheet row per
programme, H30～R2, self-ratings on a 4-point scale.
midori_r5_paged.pdf: 緑区's yearly report as small pages with a running header and
page numbers, a goal running over a page break (reportlab, Japanese CID font).
Second batch: sakae_r6_goal_rows.xlsx (one row per goal after a No. column, R6 and
2024年度), seya_r3_headings.docx (goals as Word headings, sections as bold ◆labels◆).
"""

from __future__ import annotations

from pathlib import Path

from tests.data.docgen import pdf_font, wrap_lines

HERE = Path(__file__).resolve().parent

AOBA_PROGRAMMES = [
    ("１．親子の居場所", "◎", "○",
     "ひろばの開所日を週６日に増やし、年間利用者は２０１６年度の約１．３倍になった。父親の利用も土曜日を中心に定着した。",
     "利用者の増加で混み合う時間帯があり、安全に過ごせる工夫が必要である。"),
    ("２．子育て相談", "○", "○",
     "専門相談日（助産師・栄養士）を月２回設け、ひろばでの気軽な相談から区の保健師につなぐ流れができた。",
     "相談記録の共有方法を区と整理する必要がある。"),
    ("３．情報収集・提供", "○", "△",
     "子育て情報誌「あおばっこ通信」を毎月発行し、２０１９年度からはメール配信も始めた。",
     "情報が多く、必要な人に必要な情報が届いているか確かめられていない。"),
    ("４．ネットワーク", "○", "○",
     "区内の子育てサークル交流会を年２回開き、サークル同士の情報交換が進んだ。",
     "サークルの担い手が減っており、継続の支援が課題である。"),
    ("５．人材育成・活動支援", "△", "△",
     "子育て支援者向けの研修を年３回行った。",
     "研修の参加者が固定化しており、新しい担い手の発掘につながっていない。"),
    ("６．横浜子育てサポートシステム", "○", "○",
     "青葉区支部の提供会員は５か年で４２人増え、マッチング件数も伸びた。",
     "駅から遠い地域では提供会員が不足している。"),
    ("７．利用者支援", "◎", "◎",
     "横浜子育てパートナーが保育・教育施設の利用相談に応じ、区の窓口と連携して年間６００件以上の相談を受けた。",
     "相談内容が複雑化しており、関係機関との連携をさらに深める必要がある。"),
]


def aoba_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("青葉区地域子育て支援拠点事業　５か年のまとめ", level=1)
    d.add_paragraph("対象期間：２０１６年度～２０２０年度（平成２８年度～令和２年度）")
    d.add_paragraph("事業の実施者：社会福祉法人　あおば子育て会　／　青葉区こども家庭支援課")
    d.add_paragraph("自己評価の記号：◎よくできた　○できた　△あまりできなかった")
    table = d.add_table(rows=1, cols=5)
    head = table.rows[0].cells
    for cell, text in zip(head, ("事業", "自己評価（法人）", "自己評価（区）", "５か年の成果", "今後の課題")):
        cell.text = text
    for name, op, ward, outcome, issue in AOBA_PROGRAMMES:
        cells = table.add_row().cells
        for cell, text in zip(cells, (name, op, ward, outcome, issue)):
            cell.text = text
    d.add_paragraph("")
    d.add_paragraph("次期に向けて：利用者の多様化に応じ、区と拠点が役割を分担して取り組む。")
    d.save(path)


TOTSUKA_PROGRAMMES = [
    ("親子の居場所づくり", 4,
     "出張ひろばを区内３か所で定期開催し、拠点に来にくい親子の居場所が増えた。",
     "出張ひろばのスタッフ確保が難しい。"),
    ("子育て相談", 3,
     "ひろばスタッフの相談対応研修を行い、相談件数は年間１，１００件を超えた。",
     "夜間や休日の相談先の案内が不十分である。"),
    ("子育て情報の収集・提供", 3,
     "とつか子育てマップをウェブ版にし、スマートフォンで見られるようにした。",
     "高齢の支援者や外国につながる親子には情報が届きにくい。"),
    ("支援者のネットワーク", 2,
     "地区別の連絡会を始めたが、コロナ禍で２０２０年度は開催できなかった。",
     "オンラインでの連絡会の開き方を検討する必要がある。"),
    ("人材育成・活動支援", 3,
     "子育てサロン運営者の研修を年２回開催した。",
     "新しいサロン運営者の育成が進んでいない。"),
    ("子育てサポートシステム", 3,
     "提供会員の研修をひろばで行い、会員同士の交流の機会をつくった。",
     "依頼に対して提供会員が足りない地区がある。"),
    ("利用者支援（横浜子育てパートナー）", 4,
     "子育てパートナーが出張ひろばにも出向き、相談の入口が増えた。",
     "相談後の関係機関へのつなぎを記録し、振り返る仕組みが必要である。"),
]


def totsuka_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "中間振り返り"
    ws.append(["戸塚区地域子育て支援拠点事業　中間振り返りシート"])
    ws.append(["事業期間", "H30年度～R4年度（５か年）"])
    ws.append(["振り返りの対象", "H30年度～R2年度"])
    ws.append(["運営法人", "特定非営利活動法人　とつか子育てひろば"])
    ws.append(["自己評価", "４：十分できた　３：できた　２：あまりできなかった　１：できなかった"])
    ws.append([])
    ws.append(["事業", "自己評価（４段階）", "取組の成果", "取組の課題"])
    for name, grade, outcome, issue in TOTSUKA_PROGRAMMES:
        ws.append([name, grade, outcome, issue])
    wb.save(path)


MIDORI_LINES = [
    "緑区地域子育て支援拠点事業",
    "令和５年度重点目標評価結果・令和６年度重点目標",
    "",
    "拠点　緑区地域子育て支援拠点　いっぽ",
    "運営法人　特定非営利活動法人　みどり子育てネット",
    "",
    "令和５年度重点目標の評価",
    "重点目標１　多胎児を育てる家庭がひろばを安心して利用できるよう、区と連携して支援する。",
    "取組内容　区の多胎児の集い「ふたごちゃんの会」を拠点で開き、多胎児家庭向けのベビーカー置き場と入口の段差解消を行った。多胎児家庭の先輩がひろばで体験を話す会を年３回開いた。",
    "取組の成果　多胎児家庭の新規登録が１６組となり、集いの参加者同士が自主的に集まるようになった。",
    "取組の課題　多胎児家庭が外出するための移動の負担が大きく、送迎や同行の支援を区と検討する必要がある。",
    "重点目標２　地域の子育て支援者が学び合えるよう、支援者向けの研修を充実させる。",
    "取組内容　子育てサロンや保育園の職員を対象に、発達が気になる子の関わり方の研修を２回行った。",
    "取組の成果　研修に延べ６８人が参加し、参加者のアンケートで９割が「現場で役立つ」と答えた。",
    "取組の課題　研修後に支援者同士が相談し合える場がなく、継続的な学び合いの仕組みづくりが課題である。",
    "",
    "令和６年度重点目標",
    "重点目標１　多胎児家庭の外出を支えるため、区と連携して同行支援の仕組みをつくる。",
    "重点目標２　研修に参加した支援者が継続して学び合える交流会を開く。",
]


def midori_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A6
    from reportlab.pdfgen import canvas

    font = pdf_font()
    width, height = A6
    size, leading, margin = 9, 14, 24
    per_line = int((width - 2 * margin) // size)
    wrapped = wrap_lines(MIDORI_LINES, per_line)
    rows = int((height - 2 * margin - 2 * leading) // leading)
    pages = [wrapped[i:i + rows] for i in range(0, len(wrapped), rows)]
    c = canvas.Canvas(str(path), pagesize=A6)
    for number, page in enumerate(pages, 1):
        c.setFont(font, 6)
        c.drawString(margin, height - margin + 8, "令和５年度　緑区地域子育て支援拠点事業　評価報告書")
        c.drawCentredString(width / 2, margin - 12, f"－ {number} －")
        c.setFont(font, size)
        y = height - margin - leading
        for line in page:
            c.drawString(margin, y, line)
            y -= leading
        c.showPage()
    c.save()




# --- second batch (written before the parser was run on it) ------------------------

SAKAE_GOALS = [
    (1, "妊娠期から出産後まで、切れ目なく拠点とつながれるようにする。",
     "区の両親教室で拠点紹介を行い、妊婦向けの見学会を毎月開いた。",
     "見学会の参加者の８割が、出産後３か月以内に拠点を利用した。",
     "里帰り出産の家庭とは、出産後のつながりが途切れやすい。"),
    (2, "子育て家庭の声を拠点の運営に生かす。",
     "利用者会議を年４回開き、意見箱の意見への回答をひろばに掲示した。",
     "利用者の提案から、授乳室の予約制と午後の読み聞かせが始まった。",
     "利用者会議の参加者が固定化している。"),
]


def sakae_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "R6振り返り"
    ws.append(["栄区地域子育て支援拠点事業　R6年度（2024年度）重点目標の振り返り"])
    ws.append([])
    ws.append(["No.", "重点目標", "具体的な取組", "取組の成果", "今後の課題"])
    for row in SAKAE_GOALS:
        ws.append(list(row))
    wb.save(path)


def seya_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("瀬谷区地域子育て支援拠点　令和３年度　重点目標の評価", level=1)
    blocks = [
        ("重点目標①　コロナ禍でも親子が孤立しないよう、オンラインと対面の両方で支援する。", [
            ("◆取組内容◆", "オンラインのおしゃべり会を週１回、予約制のひろばを毎日開いた。"),
            ("◆成果◆", "オンラインの会には、外出が難しい多胎児家庭や妊婦も参加した。"),
            ("◆課題◆", "通信環境のない家庭には、オンラインの支援が届かない。"),
        ]),
        ("重点目標②　地域の子育て支援者とともに、ひろば以外の居場所を増やす。", [
            ("◆取組内容◆", "地区センターの子育てサロン３か所に、拠点スタッフが出向いて運営を手伝った。"),
            ("◆成果◆", "サロンの参加者が、拠点の講座にも参加するようになった。"),
            ("◆課題◆", "サロンの担い手の高齢化が進んでいる。"),
        ]),
    ]
    for goal, sections in blocks:
        d.add_heading(goal, level=2)
        for label, text in sections:
            p = d.add_paragraph()
            p.add_run(label).bold = True
            d.add_paragraph(text)
    d.save(path)


# --- third batch (written before the parser was run on it) -------------------------


def nishi_xlsx_transposed(path: Path) -> None:
    """西区's sheet with the parts as row labels and one column per goal."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "令和4年度"
    ws.append(["西区地域子育て支援拠点事業　令和４年度重点目標評価"])
    ws.append([])
    ws.append(["項目", "重点目標１", "重点目標２"])
    ws.append(["重点目標", "転入した子育て家庭が、地域とつながるきっかけをつくる。",
               "父親が子育てについて話せる場をつくる。"])
    ws.append(["取組内容", "転入者向けの「ようこそ西区」交流会を年６回開いた。",
               "土曜日に父親だけの座談会「パパトーク」を開いた。"])
    ws.append(["取組の成果", "交流会の参加者同士が、自主的に公園で集まるようになった。",
               "座談会の参加者がＳＮＳのグループをつくり、交流を続けている。"])
    ws.append(["取組の課題", "交流会の開催を知らない転入者がまだ多い。",
               "平日に育児を担う父親は参加しにくい。"])
    wb.save(path)


def third_batch() -> None:
    nishi_xlsx_transposed(HERE / "nishi_r4_transposed.xlsx")

# --- fifth batch (written before the parser was run on it) -------------------------


def kohoku_docx_year_in_header(path: Path) -> None:
    """港北区's Word table whose goal column header carries the year."""
    import docx

    d = docx.Document()
    d.add_paragraph("港北区地域子育て支援拠点どろっぷ　令和３年度事業の振り返り")
    table = d.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("令和３年度重点目標", "取組内容", "取組の成果", "取組の課題")):
        cell.text = text
    rows = [
        ("①子育て情報アプリを、地域の誰もが使える情報の入口にする。",
         "保育園や地域ケアプラザの情報もアプリで配信できるようにした。",
         "アプリの登録者が５，０００人を超えた。",
         "アプリを使わない祖父母世代への情報提供が課題である。"),
        ("②父親同士がつながる場をつくる。",
         "父親向けのオンライン座談会を隔月で開いた。",
         "座談会の参加者が、ひろばの父親向けイベントの企画に加わった。",
         "座談会の時間が平日夜に限られている。"),
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    d.save(path)


def nishi_xlsx_sheet_per_programme(path: Path) -> None:
    """西区's five-year summary, one sheet per programme."""
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "表紙"
    first.append(["西区地域子育て支援拠点事業　５か年のまとめ"])
    first.append(["対象期間", "平成28年度～令和2年度"])
    programmes = [
        ("1 親子の居場所事業", "A", "A", "日曜日の開館を始め、父親と来る親子が増えた。", "日曜日のスタッフの確保が難しい。"),
        ("2 子育て相談事業", "B", "A", "臨床心理士の相談日を毎月設けた。", "相談の予約がすぐに埋まってしまう。"),
    ]
    for name, op, ward, outcome, issue in programmes:
        ws = wb.create_sheet(name)
        ws.append([name])
        ws.append(["自己評価", "法人", op, "区", ward])
        ws.append(["成果", outcome])
        ws.append(["課題", issue])
    wb.save(path)


def fifth_batch() -> None:
    kohoku_docx_year_in_header(HERE / "kohoku_r3_year_in_header.docx")
    nishi_xlsx_sheet_per_programme(HERE / "nishi_5kanen_sheet_per_programme.xlsx")



if __name__ == "__main__":
    aoba_docx(HERE / "aoba_5kanen_h28_r2.docx")
    totsuka_xlsx(HERE / "totsuka_chukan_h30_r2.xlsx")
    midori_pdf(HERE / "midori_r5_paged.pdf")
    sakae_xlsx(HERE / "sakae_r6_goal_rows.xlsx")
    seya_docx(HERE / "seya_r3_headings.docx")
    third_batch()
    fifth_batch()
