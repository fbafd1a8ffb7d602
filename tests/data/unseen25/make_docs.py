"""Writes the documents of tests/data/unseen25 and their expected.json (run once; the outputs
are committed). Needs python-docx, openpyxl and reportlab (in the project's venv) and, for the
PDFs printed from Word, `soffice`.

    PYTHONPATH=$PWD python tests/data/unseen25/make_docs.py [NAME …]

Twenty-fifth round of documents nobody tuned the parser on, written by hand in forms no earlier
round had (the themes of a lost round among them):

- a Word sheet naming no ward and its hub only in a 拠点名 line of its text, each goal rated by a
  自己チェック column split into one column per mark (◎ | ○ | △) with ✓ under one;
- a workbook of label rows whose 取組の成果 holds an indicator table (指標 | 目標値 | 実績);
- a Word report of goals numbered ①②, each closed by a 振り返り（自己チェック） block of
  達成度 and its reason;
- a 5か年のまとめ workbook whose programme table runs over two sheets, the legend (評価の凡例)
  above it;
- a 5か年のまとめ in Word printed by soffice, 令和元年度～５年度, page header and footer on
  every page, a legend and footnotes after the last programme;
- a ward page for 平成31年度（令和元年度） with goals numbered ①② as headings, sections as
  table header cells (<th>), footnotes after the goals;
- a Word report of a hub and its second site printed by soffice, a page header and footer on
  every page, labels in 〈〉;
- a text file of goals set for 令和３～５年度 and evaluated for 令和５年度, (１) numbering,
  a legend at the end;
- an Excel 97–2003 sheet for 令和元年度, goals numbered ① ② ③ in its 番号 column, a footnote row;
- a Shift_JIS CSV exported from a reporting system, a row per goal, 年度 as ２０２２;
and, held out (BATCH2, written with the rest and not parsed until batch 1's fixes were done):
- a sheet naming its hub only in a 拠点名 cell, 自己チェック columns Ａ | Ｂ | Ｃ under a merged
  header, ✓ marks;
- a Word report printed by soffice whose 【取組の成果】 holds an indicator table;
- a 5か年のまとめ workbook over two sheets, the legend of ◎○△ below the table on the second;
- a text file of ① goals each with a ＜自己チェック＞ block, the hub named only in its text;
and, held out again (BATCH3, written after batches 1–2's fixes, committed before the parser was
run on it), more forms of the same themes:
- a hub named only in the opening sentence, another ward's hub named once in passing;
- a goal table whose 取組の成果 spans 指標 | 実績 | 内容;
- a Word goal table whose 振り返り spans 評価 | コメント;
- a 5か年のまとめ over two sheets, 自己評価 over 法人 | 区 on the first, the title repeated (続き) on the
  second without the header, the legend a merged row under the table; 平成３１年度（令和元年度）～令和５年度;
- a PDF whose page footer repeats the grades' legend on every page;
and, held out once more (BATCH4, written after batch 3's fixes, committed before the parser was run
on it):
- Word and a sheet of label rows whose goal lines each stand over their indicator table (指標 |
  目標値 | 実績), the form the seventeenth round left in the goal's own text;
- a 5か年のまとめ in Word with the legend under each programme's grade table;
- a text file of ① goals each closed by a 【振り返り】 block of 自己評価 and 評価の理由 lines;
and (BATCH5, written after batch 4's fixes, committed before the parser was run on it):
- a Word PDF naming its hub only in the page footer of every page;
- a goal table whose 達成状況 spans grades in words (できた | 概ねできた | できなかった), ○ under one;
- a 5か年のまとめ whose legend, without a label, stands between programmes (after 3 and after 7);
- a Word PDF of goal lines over their indicator tables.

The generator never calls the parser; expected.json is what a human reader of each document
would say, written before the parser was run on them.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from tests.data.docgen import (CIRCLED, PagedLines, docx_bytes, fw_digits as fw, goal_want, grid_table, new_docx,
                               new_workbook, pdf_font, prog_want, soffice_convert, wrap_cell, write_builders, xlsx_bytes)

HERE = Path(__file__).resolve().parent


def snip(text: str, n: int = 16) -> str:
    return text[:n]


# --- the reports' content (written for this round) --------------------------------------------------

GOALS = [
    {"goal": "雨の日でも親子が気軽に立ち寄れるひろばにします。",
     "content": "雨の日限定の室内遊びコーナーを設け、傘立てと濡れた上着の置き場を入口に用意しました。",
     "outcome": "雨の日の来館者数が前年度の同じ月と比べて一・四倍になりました。",
     "issue": "雨の日に利用が集中するとひろばが手狭になり、安全に遊べる広さの確保が課題です。"},
    {"goal": "祖父母世代の子育て参加を応援します。",
     "content": "孫育て講座を年四回開き、今の子育ての常識と昔との違いを保健師が説明しました。",
     "outcome": "講座に参加した祖父母が孫と一緒にひろばを利用するようになりました。",
     "issue": "平日の講座には働いている祖父母が参加しにくく、土曜日の開催を検討します。"},
    {"goal": "発達が気になる子の親が早めに相談できるようにします。",
     "content": "臨床心理士による個別相談の日を月一回設け、ひろばで気軽に予約できるようにしました。",
     "outcome": "相談の予約は毎回埋まり、療育センターへの紹介につながった家庭もありました。",
     "issue": "予約待ちが二か月を超える時期があり、相談の枠を増やす方法を区と話し合います。"},
    {"goal": "親子が地域の公園で遊ぶきっかけをつくります。",
     "content": "プレイリーダーと一緒に近所の公園へ出かける外遊びの日を月二回設けました。",
     "outcome": "外遊びの日に知り合った親子が、自分たちで公園に集まるようになりました。",
     "issue": "夏の暑さで中止になる日が多く、季節に応じた実施時期の見直しが必要です。"},
    {"goal": "子育て中の親が自分の経験を生かして活躍できる場をつくります。",
     "content": "ひろばの行事を利用者が企画する親サポーター制度を始め、企画会議を毎月開きました。",
     "outcome": "親サポーターが企画した手作りおもちゃの会に延べ六十組が参加しました。",
     "issue": "親サポーターの負担が一部の人に偏らないよう、役割の分け方を工夫します。"},
    {"goal": "オンラインでも拠点とつながれるようにします。",
     "content": "オンライン相談とオンラインの親子体操を週一回ずつ行い、申込みをウェブで受け付けました。",
     "outcome": "来館が難しい妊婦や多胎児の家庭からオンライン相談の申込みがありました。",
     "issue": "通信機器に不慣れな利用者への説明に時間がかかり、手順書の作成が必要です。"},
    {"goal": "地域の民生委員・児童委員と顔の見える関係をつくります。",
     "content": "地区の民生委員・児童委員の定例会に毎月出向き、拠点の行事や相談の様子を伝えました。",
     "outcome": "民生委員から気になる家庭の情報が寄せられ、拠点への同行につながりました。",
     "issue": "地区によって定例会の日程が重なり、全地区に出向くことができませんでした。"},
    {"goal": "子育てサポートシステムの提供会員を増やします。",
     "content": "提供会員の説明会を商業施設や地区センターで開き、活動の様子を動画で紹介しました。",
     "outcome": "提供会員の新規登録が前年度の倍の四十人となりました。",
     "issue": "登録しても活動につながらない提供会員が多く、最初の依頼までの支えが必要です。"},
    {"goal": "利用者支援専門員の相談を地域に出向いて行います。",
     "content": "地区センターや児童館で出張相談を月三回行い、保育施設の空き状況を伝えました。",
     "outcome": "出張相談を利用した家庭の七割が、拠点を訪れたことのない家庭でした。",
     "issue": "出張先ごとに相談の件数に差があり、出張先の選び方を見直します。"},
    {"goal": "乳幼児の事故を防ぐ知識を家庭に届けます。",
     "content": "消防署の協力で乳幼児の救命講習を開き、家庭内の事故防止のチェック表を配りました。",
     "outcome": "講習の参加者から、家の中の危ない場所を見直したという声が多く寄せられました。",
     "issue": "講習の定員を超える申込みがあり、参加できなかった人への情報提供が課題です。"},
    {"goal": "ひろばのスタッフが利用者一人ひとりを知る関わりを大切にします。",
     "content": "利用者の名前を覚えて声をかけることをスタッフの申し合わせとし、毎日の振り返りで共有しました。",
     "outcome": "利用者アンケートで、スタッフに話しかけやすいと答えた人が九割を超えました。",
     "issue": "利用者が多い日は一人ひとりと話す時間が取れず、声かけの役割分担を決めます。"},
    {"goal": "日本語を母語としない家庭が拠点を使いやすくします。",
     "content": "ひろばの掲示に絵とやさしい日本語を添え、多言語の翻訳機をひろばに置きました。",
     "outcome": "外国につながる親子の登録が前年度より二十組増えました。",
     "issue": "翻訳機では込み入った相談に応じきれず、通訳ボランティアとの連携が必要です。"},
    {"goal": "子育て支援者同士の学びの機会をつくります。",
     "content": "区内の保育園、子育てサークル、拠点の合同研修会を年二回開き、事例を持ち寄りました。",
     "outcome": "研修会の後、保育園から拠点の行事への参加の申し出が増えました。",
     "issue": "研修会の内容が毎回似ており、参加者の声を聞いてテーマを決め直します。"},
    {"goal": "拠点の情報がまだ届いていない家庭に届けます。",
     "content": "乳幼児健診の会場で拠点の紹介を行い、案内のチラシに二次元コードを載せました。",
     "outcome": "健診会場での紹介をきっかけにした新規登録が年間百件を超えました。",
     "issue": "健診に来ない家庭には情報が届かず、訪問事業との連携を強めます。"},
    {"goal": "ボランティアが長く活動を続けられるよう支えます。",
     "content": "ボランティアの交流会を年三回開き、活動の悩みをスタッフと話し合う時間を設けました。",
     "outcome": "ボランティアの継続率が八割となり、三年以上続けている人が増えました。",
     "issue": "新しく加わるボランティアが少なく、地域の大学への呼びかけを始めます。"},
    {"goal": "父親が育児の悩みを話せる場をつくります。",
     "content": "土曜日の午前に父親だけで集まるパパの会を毎月開き、育児の悩みを話し合いました。",
     "outcome": "パパの会の参加者同士で連絡を取り合い、休日に一緒に公園へ出かけるようになりました。",
     "issue": "初めての父親が参加をためらうことが多く、母親を通じた案内を工夫します。"},
    {"goal": "産後間もない母親の孤立を防ぎます。",
     "content": "生後四か月までの親子を対象にした赤ちゃんタイムを週一回設け、助産師が相談に応じました。",
     "outcome": "赤ちゃんタイムに参加した母親の多くが、その後もひろばを続けて利用しました。",
     "issue": "産後の体調が整わず外出できない母親へ、訪問による支えを区と検討します。"},
    {"goal": "子育て家庭の防災の備えを進めます。",
     "content": "非常時の持ち出し袋の中身を展示し、おむつやミルクの備蓄の目安を伝える講座を開きました。",
     "outcome": "講座の参加者の半数が、その月のうちに持ち出し袋を用意したと答えました。",
     "issue": "集合住宅の高層階に住む家庭向けの備えの情報が不足しています。"},
    {"goal": "保育園や幼稚園に入る前の親子の不安を和らげます。",
     "content": "入園前の親子向けに園生活の一日を紹介する説明会を開き、先輩の親の体験を聞く場を設けました。",
     "outcome": "説明会の後、入園への不安が軽くなったと答えた親が八割を超えました。",
     "issue": "入園後も相談を続けたい親の受け皿が少なく、夕方の相談時間を検討します。"},
    {"goal": "地域の子育てサークルの活動を支えます。",
     "content": "サークルの代表者会議を年二回開き、活動場所や保険の情報をまとめた手引きを配りました。",
     "outcome": "手引きを使って新たに二つのサークルが活動を始めました。",
     "issue": "会員の減少で活動を休むサークルがあり、拠点での合同行事を提案します。"},
    {"goal": "ひとり親家庭が必要な支援にたどり着けるようにします。",
     "content": "ひとり親向けの制度を一枚にまとめた案内を作り、相談の際に手渡しました。",
     "outcome": "案内を手がかりに、区の窓口へ手続きに行った家庭が増えました。",
     "issue": "仕事のため平日に来館できない親へ、夜間の相談の機会を設ける必要があります。"},
    {"goal": "子育て情報誌を利用者の声で作り直します。",
     "content": "利用者への聞き取りをもとに情報誌の構成を見直し、年齢別のページを設けました。",
     "outcome": "情報誌を手に取る人が増え、配布先の小児科から追加の依頼がありました。",
     "issue": "紙面に載せきれない情報が多く、ホームページとの役割分担を決めます。"},
    {"goal": "障害のある子の親同士がつながる場を広げます。",
     "content": "療育センターと協力して親の交流会を隔月で開き、就園の体験談を聞く回を設けました。",
     "outcome": "交流会で知り合った親同士が、地域の行事に誘い合って参加するようになりました。",
     "issue": "交流会の日程が平日の昼に限られ、働く親が参加しにくい状況です。"},
    {"goal": "拠点を利用する親子の健康づくりを支えます。",
     "content": "栄養士による離乳食の相談会と、歯科衛生士による歯みがき教室を交互に開きました。",
     "outcome": "相談会と教室の参加者は延べ三百人を超え、継続して参加する親子も多くいました。",
     "issue": "相談の内容が幅広く、専門職の派遣の回数を区と調整する必要があります。"},
]

# 5か年のまとめ: the seven programmes, the hub's and the ward's grade and what came of each and remains
PROGRAMMES = [
    "親子の居場所事業", "子育て相談事業", "情報収集・提供事業", "ネットワーク事業",
    "人材育成、活動支援事業", "横浜子育てサポートシステム区支部事務局運営事業", "利用者支援事業",
]
FIVE = [
    ("ひろばを土曜日にも開き、五年間で父親の利用が三倍に増えた。", "利用者の多い時間帯にひろばが手狭になる。"),
    ("相談記録の様式をそろえ、区との情報共有が早くなった。", "夜間や休日に相談を受ける体制がない。"),
    ("子育て情報のウェブサイトを開設し、閲覧数が年々伸びた。", "外国語での情報発信が追いついていない。"),
    ("区内の支援者連絡会を毎年開き、顔の見える関係ができた。", "医療機関との連携の窓口が定まっていない。"),
    ("親サポーターや学生ボランティアの登録が広がった。", "担い手の活動の場が拠点の中に限られている。"),
    ("提供会員の研修を充実させ、預かりの事故がなかった。", "提供会員の地域的な偏りが解消されていない。"),
    ("利用者支援専門員が地域に出向く相談の形を定着させた。", "相談後の見守りの役割分担が曖昧である。"),
]


# --- writers ----------------------------------------------------------------------------------------

# --- batch 1 ----------------------------------------------------------------------------------------

def tsurumi_hub_in_text_mark_columns() -> tuple[bytes, dict]:
    """鶴見区 (named nowhere: the hub わっくんひろば only in a 拠点名 line of the text): a Word goal
    table whose 自己チェック column is split into ◎ | ○ | △ under it, a ✓ under the mark given;
    the marks' legend under the table."""
    d = new_docx()
    d.add_paragraph("令和３年度　地域子育て支援拠点事業　重点目標評価シート")
    d.add_paragraph("拠点名：わっくんひろば　　記入日：令和４年３月２５日")
    goals = [GOALS[0], GOALS[1], GOALS[2]]
    marks = ["◎", "○", "△"]
    given = [0, 1, 1]
    t = d.add_table(rows=2, cols=8)
    t.style = "Table Grid"
    head = ["No.", "重点目標", "取組内容", "取組の成果", "取組の課題", "自己チェック"]
    for i, h in enumerate(head[:5]):
        a, b = t.cell(0, i), t.cell(1, i)
        a.merge(b).text = h
    t.cell(0, 5).merge(t.cell(0, 7)).text = "自己チェック"
    for i, m in enumerate(marks):
        t.cell(1, 5 + i).text = m
    for n, (g, k) in enumerate(zip(goals, given), 1):
        cells = t.add_row().cells
        for c, v in enumerate([str(n), g["goal"], g["content"], g["outcome"], g["issue"]]):
            cells[c].text = v
        cells[5 + k].text = "✓"
    d.add_paragraph("自己チェック欄　◎：十分にできた　○：おおむねできた　△：課題が残る")
    d.add_paragraph("運営法人　社会福祉法人わかば福祉会")
    want = {"ward": "鶴見区", "hub": "わっくんひろば", "years": [2021, 2021], "doc_type": "単年度評価",
            "goals": [goal_want(2021, n, g, marks[k], not_in=["十分にできた"])
                      for n, (g, k) in enumerate(zip(goals, given), 1)]}
    return docx_bytes(d), want


def kanagawa_indicators_in_outcome() -> tuple[bytes, dict]:
    """神奈川区: label rows in a sheet; each goal's 取組の成果 row is followed by an indicator
    table (指標 | 目標値 | 実績) that belongs to it, then the 取組の課題 row."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "令和4年度"
    ws["A1"] = "神奈川区地域子育て支援拠点かなーちえ　令和４年度　事業評価"
    ws.merge_cells("A1:D1")
    goals = [GOALS[3], GOALS[4], GOALS[5]]
    figures = [[("外遊びの日の開催回数", "24回", "21回"), ("外遊びの日の参加組数", "延べ300組", "延べ342組")],
               [("親サポーターの登録者数", "10人", "14人")],
               [("オンライン相談の件数", "年50件", "年63件"), ("オンライン体操の参加者数", "延べ400人", "延べ388人")]]
    row = 3
    for i, (g, figs) in enumerate(zip(goals, figures), 1):
        for label, value in ((f"重点目標{i}", g["goal"]), ("取組内容", g["content"]), ("取組の成果", g["outcome"])):
            ws.cell(row=row, column=1, value=label)
            ws.cell(row=row, column=2, value=value)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
            wrap_cell(ws, f"B{row}")
            row += 1
        for c, h in enumerate(("指標", "目標値", "実績"), 2):
            ws.cell(row=row, column=c, value=h)
        row += 1
        for f in figs:
            for c, v in enumerate(f, 2):
                ws.cell(row=row, column=c, value=v)
            row += 1
        ws.cell(row=row, column=1, value="取組の課題")
        ws.cell(row=row, column=2, value=g["issue"])
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 2
    for col, w in zip("ABCD", (14, 30, 16, 16)):
        ws.column_dimensions[col].width = w
    wants = []
    for i, (g, figs) in enumerate(zip(goals, figures), 1):
        # what a reader says: the figures are what came of the goal, not the goal itself
        wants.append(goal_want(2022, i, g, outcome_has=[f[0] for f in figs],
                               not_in=[snip(goals[i]["goal"])] if i < len(goals) else []))
    want = {"ward": "神奈川区", "hub": "かなーちえ", "years": [2022, 2022], "doc_type": "単年度評価", "goals": wants}
    return xlsx_bytes(wb), want


def nishi_furikaeri_blocks() -> tuple[bytes, dict]:
    """西区: goals numbered ① ② ③ as bold paragraphs, ■ labels, each goal closed by a
    振り返り（自己チェック） table of 達成度 and its reason."""
    d = new_docx()
    d.add_paragraph("西区地域子育て支援拠点スマイル・ポート")
    d.add_paragraph("令和５年度　重点目標の振り返り")
    goals = [GOALS[6], GOALS[7], GOALS[8]]
    grades = ["Ａ", "Ｂ", "Ｂ"]
    reasons = ["定例会への参加を重ね、民生委員からの紹介が年間二十件となったため。",
               "登録は増えたが、活動につながった会員が半数にとどまったため。",
               "出張相談は定着したが、出張先による件数の差が大きかったため。"]
    for i, (g, gr, why) in enumerate(zip(goals, grades, reasons)):
        p = d.add_paragraph()
        p.add_run(f"{CIRCLED[i]}　{g['goal']}").bold = True
        for label, key in (("■取組内容", "content"), ("■取組の成果", "outcome"), ("■取組の課題", "issue")):
            d.add_paragraph(label)
            d.add_paragraph(g[key])
        grid_table(d, [("振り返り（自己チェック）", ""), ("達成度", gr), ("理由", why)])
        d.add_paragraph("")
    d.add_paragraph("達成度　Ａ：達成した　Ｂ：概ね達成した　Ｃ：達成できなかった")
    want = {"ward": "西区", "hub": "スマイル・ポート", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, i, g, gr, not_in=[snip(goals[i]["goal"]), snip(reasons[i])] if i < 3 else [])
                      for i, (g, gr) in enumerate(zip(goals, grades), 1)]}
    return docx_bytes(d), want


def kohoku_5kanen_two_sheets() -> tuple[bytes, dict]:
    """港北区 5か年のまとめ (令和元年度～令和５年度): the legend (評価の凡例, a grade and its
    meaning a row) above a programme table (事業 | 目指す拠点の姿 | 法人評価 | 区評価 | 成果 | 課題)
    that runs over two sheets, the second repeating the header row."""
    wb = new_workbook()
    ws1 = wb.active
    ws1.title = "まとめ(1)"
    ws2 = wb.create_sheet("まとめ(2)")
    ws1["A1"] = "港北区地域子育て支援拠点どろっぷ　5か年のまとめ（令和元年度～令和５年度）"
    ws1["A3"] = "評価の凡例"
    legend = [("A", "目指す姿に十分到達している"), ("B", "目指す姿におおむね到達している"), ("C", "目指す姿への到達に向けて取組が必要")]
    for r, (g, m) in enumerate(legend, 4):
        ws1.cell(row=r, column=1, value=g)
        ws1.cell(row=r, column=2, value=m)
    header = ["事業", "目指す拠点の姿", "法人評価", "区評価", "成果", "課題"]
    grades = [("A", "A"), ("A", "B"), ("B", "B"), ("A", "A"), ("B", "C"), ("A", "B"), ("B", "B")]
    aims = ["親子が安心して過ごせる居場所になっている。", "気軽に相談でき、必要な支援につないでいる。",
            "必要な情報が必要な人に届いている。", "関係機関と協力して子育てを支えている。",
            "地域の担い手が育ち活動している。", "会員同士の支え合いが広がっている。",
            "一人ひとりに合った支援を届けている。"]
    programmes = []
    for ws, start, nos in ((ws1, 8, range(1, 5)), (ws2, 1, range(5, 8))):
        for c, h in enumerate(header, 1):
            ws.cell(row=start, column=c, value=h)
        for r, no in enumerate(nos, start + 1):
            (k, w), (out, iss) = grades[no - 1], FIVE[no - 1]
            for c, v in enumerate([f"{no}　{PROGRAMMES[no - 1]}", aims[no - 1], k, w, out, iss], 1):
                ws.cell(row=r, column=c, value=v)
            programmes.append(prog_want(no, (k, w), out, iss, not_in=["十分到達している", "取組が必要"]))
    for ws in (ws1, ws2):
        for col, w in zip("ABCDEF", (22, 26, 8, 8, 34, 34)):
            ws.column_dimensions[col].width = w
    want = {"ward": "港北区", "hub": "どろっぷ", "years": [2019, 2023], "doc_type": "5か年のまとめ",
            "programmes": programmes}
    return xlsx_bytes(wb), want


def naka_5kanen_legend_word_pdf() -> tuple[bytes, dict]:
    """中区 5か年のまとめ printed by soffice from Word: 令和元年度～５年度 in full-width digits,
    the hub and page number in the page header and footer of every page, each programme a
    heading, a line of the two grades and 【成果】【課題】 paragraphs; the legend and footnotes
    after the last programme."""
    d = new_docx()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "中区地域子育て支援拠点のんびりんこ　５か年のまとめ"
    fp = sec.footer.paragraphs[0]
    fp.text = "中区こども家庭支援課"
    d.add_paragraph("地域子育て支援拠点事業　５か年のまとめ（令和元年度～５年度）")
    d.add_paragraph("運営法人：特定非営利活動法人なかよしの木")
    grades = [("Ａ", "Ａ"), ("Ｂ", "Ａ"), ("Ａ", "Ｂ"), ("Ｂ", "Ｂ"), ("Ａ", "Ａ"), ("Ｂ", "Ｃ"), ("Ａ", "Ｂ")]
    extra = "この五年間の取組を通じて、利用者や関係機関の声を聞きながら事業の進め方を見直してきた。"
    programmes = []
    for no, (name, (k, w), (out, iss)) in enumerate(zip(PROGRAMMES, grades, FIVE), 1):
        d.add_heading(f"{fw(no)}　{name}", level=2)
        d.add_paragraph(f"法人評価：{k}　　区評価：{w}")
        d.add_paragraph("【成果】")
        d.add_paragraph(out + extra)
        d.add_paragraph("【課題】")
        d.add_paragraph(iss + "次の五年間で取り組む方法を法人と区で検討する。")
        programmes.append(prog_want(no, (k, w), out, iss, not_in=["目指す姿に達している", "令和２年度から"]))
    d.add_paragraph("【評価の凡例】")
    d.add_paragraph("Ａ：目指す姿に達している　Ｂ：概ね達している　Ｃ：取組の強化が必要")
    d.add_paragraph("※１　利用者支援事業は令和２年度から実施している。")
    d.add_paragraph("※２　評価は法人と区がそれぞれ行った。")
    want = {"ward": "中区", "hub": "のんびりんこ", "years": [2019, 2023], "doc_type": "5か年のまとめ",
            "programmes": programmes}
    return soffice_convert(docx_bytes(d), ".docx", "pdf"), want


def izumi_h31_page_th_labels() -> tuple[bytes, dict]:
    """泉区 ward page for 平成31年度（令和元年度）: goals numbered ①② as h3 headings, each a table
    whose row labels are header cells (<th>), footnotes (※) after the goals."""
    goals = [GOALS[9], GOALS[10], GOALS[11]]
    parts = []
    for i, g in enumerate(goals):
        parts.append(f"""<h3>{CIRCLED[i]}　{g['goal']}</h3>
<table class="table01"><tbody>
<tr><th scope="row">取組内容</th><td>{g['content']}</td></tr>
<tr><th scope="row">取組の成果</th><td>{g['outcome']}</td></tr>
<tr><th scope="row">取組の課題</th><td>{g['issue']}</td></tr>
</tbody></table>""")
    page = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8"><title>地域子育て支援拠点の事業評価　泉区ホームページ</title></head>
<body><div id="tmp_contents">
<h1>平成31年度（令和元年度）地域子育て支援拠点すきっぷ　重点目標の振り返り</h1>
<p>泉区地域子育て支援拠点すきっぷでは、毎年度、重点目標を定めて事業評価を行っています。</p>
<h2>重点目標の振り返り</h2>
{chr(10).join(parts)}
<p>※１　ひろば：親子が自由に過ごせる拠点のスペースのことです。</p>
<p>※２　本評価は運営法人と泉区こども家庭支援課が共同で行いました。</p>
<p class="update">更新日：2020年6月1日</p>
</div></body></html>
"""
    want = {"ward": "泉区", "hub": "すきっぷ", "years": [2019, 2019], "doc_type": "単年度評価",
            "goals": [goal_want(2019, 1, goals[0], not_in=[snip(goals[1]["goal"])]),
                      goal_want(2019, 2, goals[1], not_in=[snip(goals[2]["goal"])]),
                      goal_want(2019, 3, goals[2], not_in=["親子が自由に過ごせる", "共同で行いました"])]}
    return page.encode("utf-8"), want


def totsuka_two_sites_word_pdf() -> tuple[bytes, dict]:
    """戸塚区: a Word report of the hub and its second site printed by soffice; the page header
    names the ward and year and the footer the page on every page; labels in 〈〉; each site numbers
    its goals from 1 (a reader lists them on: 1–4, as earlier rounds)."""
    d = new_docx()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "令和４年度　戸塚区地域子育て支援拠点事業評価"
    sec.footer.paragraphs[0].text = "戸塚区こども家庭支援課"
    d.add_paragraph("地域子育て支援拠点とつなーれ　令和４年度　重点目標の評価")
    parts = [("１　とつなーれ（本体施設）", [GOALS[12], GOALS[13]]),
             ("２　とつなーれ　サテライト", [GOALS[14], GOALS[15]])]
    more = "あわせて、月ごとの実績を記録し、スタッフ会議で次の手立てを話し合いました。" * 3
    for head, goals in parts:
        d.add_heading(head, level=2)
        for i, g in enumerate(goals, 1):
            d.add_paragraph(f"重点目標{fw(i)}　{g['goal']}")
            d.add_paragraph("〈取組内容〉")
            d.add_paragraph(g["content"] + more)
            d.add_paragraph("〈取組の成果〉")
            d.add_paragraph(g["outcome"] + more)
            d.add_paragraph("〈取組の課題〉")
            d.add_paragraph(g["issue"])
    allg = [GOALS[12], GOALS[13], GOALS[14], GOALS[15]]
    want = {"ward": "戸塚区", "hub": "とつなーれ", "years": [2022, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2022, 1, allg[0], not_in=[snip(allg[1]["goal"]), "戸塚区地域子育て支援拠点事業評価"]),
                      goal_want(2022, 2, allg[1], not_in=[snip(allg[2]["goal"]), "サテライト"]),
                      goal_want(2022, 3, allg[2], not_in=[snip(allg[3]["goal"]), "戸塚区地域子育て支援拠点事業評価"]),
                      goal_want(2022, 4, allg[3], not_in=["戸塚区こども家庭支援課"])]}
    return soffice_convert(docx_bytes(d), ".docx", "pdf"), want


def minami_plan_range_text() -> tuple[bytes, dict]:
    """南区: a text file of goals set for 令和３～５年度 and evaluated for 令和５年度, (１) numbering,
    評価 lines, the legend at the end; the hub はぐはぐの樹 named only in the text."""
    goals = [GOALS[16], GOALS[17], GOALS[18]]
    grades = ["Ｂ", "Ａ", "Ｂ"]
    lines = ["南区地域子育て支援拠点事業", "重点目標（令和３～５年度）　令和５年度の振り返り", "",
             "拠点：はぐはぐの樹（運営　社会福祉法人みなみの丘会）", ""]
    for i, (g, gr) in enumerate(zip(goals, grades), 1):
        lines += [f"（{fw(i)}）{g['goal']}", "　取組内容", "　　" + g["content"], "　取組の成果", "　　" + g["outcome"],
                  "　取組の課題", "　　" + g["issue"], f"　評価　{gr}", ""]
    lines += ["評価　Ａ：目標を達成した　Ｂ：目標をおおむね達成した　Ｃ：目標を達成できなかった",
              "令和３～５年度の重点目標は令和６年度に見直す予定です。"]
    want = {"ward": "南区", "hub": "はぐはぐの樹", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, i, g, gr, not_in=[snip(goals[i]["goal"])] if i < 3 else ["目標を達成した", "見直す予定"])
                      for i, (g, gr) in enumerate(zip(goals, grades), 1)]}
    return "\r\n".join(lines).encode("cp932"), want


def hodogaya_gannen_xls() -> tuple[bytes, dict]:
    """保土ケ谷区: an Excel 97–2003 sheet (saved by LibreOffice) for 令和元年度 (元, no digit), goals
    numbered ① ② ③ in the 番号 column, a 自己評価（Ａ～Ｃ） column, a footnote row under the table."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "評価表"
    ws["A1"] = "令和元年度　保土ケ谷区地域子育て支援拠点こっころ　重点目標評価表"
    header = ["番号", "重点目標", "取組内容", "取組の成果", "取組の課題", "自己評価（Ａ～Ｃ）"]
    for c, h in enumerate(header, 1):
        ws.cell(row=3, column=c, value=h)
    goals = [GOALS[19], GOALS[20], GOALS[21]]
    grades = ["Ａ", "Ｂ", "Ａ"]
    for r, (g, gr) in enumerate(zip(goals, grades), 4):
        for c, v in enumerate([CIRCLED[r - 4], g["goal"], g["content"], g["outcome"], g["issue"], gr], 1):
            ws.cell(row=r, column=c, value=v)
            wrap_cell(ws, ws.cell(row=r, column=c).coordinate)
    ws["A8"] = "※　実績の数値は令和２年３月末現在のものです。"
    for col, w in zip("ABCDEF", (6, 24, 34, 34, 34, 10)):
        ws.column_dimensions[col].width = w
    want = {"ward": "保土ケ谷区", "hub": "こっころ", "years": [2019, 2019], "doc_type": "単年度評価",
            "goals": [goal_want(2019, n, g, gr, not_in=[snip(goals[n]["goal"])] if n < 3 else ["令和２年３月末現在"])
                      for n, (g, gr) in enumerate(zip(goals, grades), 1)]}
    return soffice_convert(xlsx_bytes(wb), ".xlsx", "xls:MS Excel 97"), want


def asahi_system_export_csv() -> tuple[bytes, dict]:
    """旭区: a Shift_JIS CSV exported from a reporting system, one row per goal (年度 | 区名 | 拠点名 |
    目標番号 | 重点目標 | 取組内容 | 取組の成果 | 取組の課題 | 自己評価), 年度 as ２０２２ in full width."""
    import csv
    goals = [GOALS[22], GOALS[23], GOALS[2]]
    grades = ["B", "A", "C"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["年度", "区名", "拠点名", "目標番号", "重点目標", "取組内容", "取組の成果", "取組の課題", "自己評価"])
    for n, (g, gr) in enumerate(zip(goals, grades), 1):
        w.writerow(["２０２２", "旭区", "地域子育て支援拠点ひなたぼっこ", n, g["goal"], g["content"], g["outcome"],
                    g["issue"], gr])
    want = {"ward": "旭区", "years": [2022, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2022, n, g, gr, not_in=[snip(goals[n]["goal"])] if n < 3 else [])
                      for n, (g, gr) in enumerate(zip(goals, grades), 1)]}
    return out.getvalue().encode("cp932"), want


# --- batch 2 (held out: written with batch 1, not parsed until batch 1's fixes were done) -----------

def seya_check_columns_sheet() -> tuple[bytes, dict]:
    """瀬谷区 (named nowhere: the hub せやっこ only in a 拠点名 cell): a goal table whose 自己チェック
    header is merged over three columns Ａ | Ｂ | Ｃ, a ✓ in the column of the grade given."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "重点目標"
    ws["A1"] = "令和５年度　重点目標　自己評価表"
    ws["A2"] = "拠点名"
    ws["B2"] = "せやっこ"
    header = ["番号", "重点目標", "取組内容", "成果", "課題"]
    for c, h in enumerate(header, 1):
        ws.cell(row=4, column=c, value=h)
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.cell(row=4, column=6, value="自己チェック")
    ws.merge_cells("F4:H4")
    scale = ["Ａ", "Ｂ", "Ｃ"]
    for c, m in enumerate(scale, 6):
        ws.cell(row=5, column=c, value=m)
    goals = [GOALS[19], GOALS[20], GOALS[21]]
    given = [1, 0, 2]
    for r, (g, k) in enumerate(zip(goals, given), 6):
        for c, v in enumerate([r - 5, g["goal"], g["content"], g["outcome"], g["issue"]], 1):
            ws.cell(row=r, column=c, value=v)
        ws.cell(row=r, column=6 + k, value="✓")
    ws.cell(row=10, column=1, value="自己チェック　Ａ：達成　Ｂ：概ね達成　Ｃ：未達成")
    want = {"ward": "瀬谷区", "hub": "せやっこ", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, n, g, scale[k], not_in=["概ね達成"] if n == 3 else [snip(goals[n]["goal"])])
                      for n, (g, k) in enumerate(zip(goals, given), 1)]}
    return xlsx_bytes(wb), want


def midori_indicator_outcome_word_pdf() -> tuple[bytes, dict]:
    """緑区: Word printed by soffice; 【取組の成果】 holds an indicator table (成果指標 | 目標値 |
    実績値 | 達成率) and a sentence after it."""
    d = new_docx()
    d.add_paragraph("緑区地域子育て支援拠点いっぽ　令和６年度　事業評価報告書")
    goals = [GOALS[22], GOALS[23], GOALS[0]]
    figures = [[("交流会の開催回数", "6回", "6回", "100%")],
               [("相談会・教室の参加者数", "延べ250人", "延べ312人", "125%"), ("専門職の派遣回数", "12回", "11回", "92%")],
               [("雨の日の来館者数", "月600人", "月702人", "117%")]]
    for i, (g, figs) in enumerate(zip(goals, figures), 1):
        d.add_paragraph(f"重点目標{i}　{g['goal']}")
        d.add_paragraph("【取組内容】")
        d.add_paragraph(g["content"])
        d.add_paragraph("【取組の成果】")
        grid_table(d, [("成果指標", "目標値", "実績値", "達成率"), *figs], cols=4)
        d.add_paragraph(g["outcome"])
        d.add_paragraph("【取組の課題】")
        d.add_paragraph(g["issue"])
    want = {"ward": "緑区", "years": [2024, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2024, i, g, outcome_has=[f[0] for f in figs],
                                not_in=[snip(goals[i]["goal"])] if i < 3 else [])
                      for i, (g, figs) in enumerate(zip(goals, figures), 1)]}
    return soffice_convert(docx_bytes(d), ".docx", "pdf"), want


def aoba_5kanen_two_sheets_legend() -> tuple[bytes, dict]:
    """青葉区 5か年のまとめ (平成28年度～令和２年度): programmes 1–3 on the first sheet and 4–7 on
    the second (no header repeated), graded ◎ / ○ / △ by 法人 and 区; the legend under the table
    on the second sheet."""
    wb = new_workbook()
    ws1 = wb.active
    ws1.title = "5か年(1)"
    ws2 = wb.create_sheet("5か年(2)")
    ws1["A1"] = "青葉区地域子育て支援拠点ラフール　５か年のまとめ（平成28年度～令和２年度）"
    header = ["No.", "事業名", "法人評価", "区評価", "成果", "課題"]
    for c, h in enumerate(header, 1):
        ws1.cell(row=3, column=c, value=h)
    grades = [("◎", "○"), ("○", "○"), ("○", "△"), ("◎", "◎"), ("△", "○"), ("○", "○"), ("◎", "○")]
    programmes = []
    for no in range(1, 8):
        ws, r = (ws1, 3 + no) if no <= 3 else (ws2, no - 3)
        (k, w), (out, iss) = grades[no - 1], FIVE[no - 1]
        for c, v in enumerate([no, PROGRAMMES[no - 1], k, w, out, iss], 1):
            ws.cell(row=r, column=c, value=v)
        programmes.append(prog_want(no, (k, w), out, iss, not_in=["大いに成果があった", "成果が見られない"]))
    ws2["A6"] = "凡例"
    ws2["B6"] = "◎：大いに成果があった"
    ws2["B7"] = "○：成果があった"
    ws2["B8"] = "△：成果が見られない"
    want = {"ward": "青葉区", "hub": "ラフール", "years": [2016, 2020], "doc_type": "5か年のまとめ",
            "programmes": programmes}
    return xlsx_bytes(wb), want


def kanazawa_jikocheck_text() -> tuple[bytes, dict]:
    """金沢区 (named nowhere: the hub とことこ in the text): a text file, 令和２年度 in full-width
    digits, goals ① ② ③, each closed by a ＜自己チェック＞ block of a 達成度 line and its reason."""
    goals = [GOALS[1], GOALS[3], GOALS[5]]
    grades = ["○", "◎", "△"]
    reasons = ["講座の参加者は増えたが、土曜日の開催ができなかった。",
               "外遊びの日が定着し、利用者同士の集まりが生まれた。",
               "オンラインの申込みはあったが、機器の説明に時間がかかった。"]
    lines = ["令和２年度　重点目標　振り返りシート", "", "拠点名　とことこ", ""]
    for i, (g, gr, why) in enumerate(zip(goals, grades, reasons)):
        lines += [f"{CIRCLED[i]}{g['goal']}", "【取組内容】" + g["content"], "【取組の成果】" + g["outcome"],
                  "【取組の課題】" + g["issue"], "＜自己チェック＞", f"達成度：{gr}", f"理由：{why}", ""]
    lines += ["達成度　◎：達成できた　○：概ね達成できた　△：達成できなかった"]
    want = {"ward": "金沢区", "hub": "とことこ", "years": [2020, 2020], "doc_type": "単年度評価",
            "goals": [goal_want(2020, i, g, gr, not_in=[snip(goals[i]["goal"]), snip(reasons[i])] if i < 3
                                else ["概ね達成できた"])
                      for i, (g, gr) in enumerate(zip(goals, grades), 1)]}
    return "\n".join(lines).encode("utf-8"), want


# --- batch 3 (held out: written after batches 1–2's fixes, committed before the parser was run on
# it; more forms of the lost round's themes, which batches 1–2 mostly found read right) -----------

def tsurumi_hub_sentence_neighbour_ward() -> tuple[bytes, dict]:
    """鶴見区 (named nowhere): the hub わっくんひろば named only in the opening sentence, another ward's
    hub named once in passing in a goal's text (港北区の拠点と合同で)."""
    d = new_docx()
    d.add_paragraph("令和４年度　重点目標の振り返り")
    d.add_paragraph("わっくんひろばでは、今年度も利用者の声をもとに二つの重点目標に取り組みました。")
    goals = [dict(GOALS[12]), GOALS[13]]
    goals[0]["content"] = "港北区の拠点と合同で研修会を開き、" + GOALS[12]["content"]
    for i, g in enumerate(goals, 1):
        d.add_paragraph(f"重点目標{fw(i)}　{g['goal']}")
        for label, key in (("【取組内容】", "content"), ("【取組の成果】", "outcome"), ("【取組の課題】", "issue")):
            d.add_paragraph(label)
            d.add_paragraph(g[key])
    want = {"ward": "鶴見区", "hub": "わっくんひろば", "years": [2022, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2022, 1, goals[0], not_in=[snip(goals[1]["goal"])]), goal_want(2022, 2, goals[1])]}
    return docx_bytes(d), want


def konan_outcome_indicator_subcolumns() -> tuple[bytes, dict]:
    """港南区: a goal table whose 取組の成果 header spans three columns 指標 | 実績 | 内容 (the
    indicator, its figure and the words), then 取組の課題 and 評価."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "R5"
    ws["A1"] = "港南区地域子育て支援拠点　令和５年度　重点目標評価"
    top = ["No.", "重点目標", "取組内容", "取組の成果", None, None, "取組の課題", "評価"]
    for c, h in enumerate(top, 1):
        if h:
            ws.cell(row=3, column=c, value=h)
    for c in (1, 2, 3, 7, 8):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells("D3:F3")
    for c, h in zip((4, 5, 6), ("指標", "実績", "内容")):
        ws.cell(row=4, column=c, value=h)
    goals = [GOALS[14], GOALS[15], GOALS[16]]
    figs = [("ボランティア継続率", "80%"), ("パパの会の参加者数", "延べ96人"), ("赤ちゃんタイムの参加組数", "延べ410組")]
    grades = ["A", "B", "A"]
    for r, (g, (name, value), gr) in enumerate(zip(goals, figs, grades), 5):
        for c, v in enumerate([r - 4, g["goal"], g["content"], name, value, g["outcome"], g["issue"], gr], 1):
            ws.cell(row=r, column=c, value=v)
    want = {"ward": "港南区", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, n, g, gr, outcome_has=[f[0]], not_in=[snip(goals[n]["goal"])] if n < 3 else [])
                      for n, (g, f, gr) in enumerate(zip(goals, figs, grades), 1)]}
    return xlsx_bytes(wb), want


def sakae_furikaeri_columns_docx() -> tuple[bytes, dict]:
    """栄区 (the hub にこりこ in a 拠点名 line): a Word goal table whose 振り返り header spans 評価 |
    コメント, a grade and its comment in each goal's row."""
    d = new_docx()
    d.add_paragraph("栄区　令和３年度　地域子育て支援拠点事業評価")
    d.add_paragraph("拠点名：にこりこ")
    goals = [GOALS[17], GOALS[18], GOALS[19]]
    grades = ["Ｂ", "Ａ", "Ｃ"]
    comments = ["講座の回数は予定どおりだったが、高層階向けの情報は来年度に持ち越した。",
                "説明会の満足度が高く、目標を上回った。",
                "代表者会議の出席が少なく、手引きの活用が広がらなかった。"]
    t = d.add_table(rows=2, cols=6)
    t.style = "Table Grid"
    for i, h in enumerate(["重点目標", "取組内容", "取組の成果", "取組の課題"]):
        t.cell(0, i).merge(t.cell(1, i)).text = h
    t.cell(0, 4).merge(t.cell(0, 5)).text = "振り返り"
    t.cell(1, 4).text = "評価"
    t.cell(1, 5).text = "コメント"
    for g, gr, com in zip(goals, grades, comments):
        cells = t.add_row().cells
        for c, v in enumerate([g["goal"], g["content"], g["outcome"], g["issue"], gr, com]):
            cells[c].text = v
    want = {"ward": "栄区", "hub": "にこりこ", "years": [2021, 2021], "doc_type": "単年度評価",
            "goals": [goal_want(2021, n, g, gr, not_in=[snip(goals[n]["goal"]), snip(comments[n])] if n < 3 else [])
                      for n, (g, gr) in enumerate(zip(goals, grades), 1)]}
    return docx_bytes(d), want


def hodogaya_5kanen_two_sheets_legend_row() -> tuple[bytes, dict]:
    """保土ケ谷区 5か年のまとめ for 平成３１年度（令和元年度）～令和５年度 (full-width digits): a two-tier
    header (自己評価 over 法人 | 区) on the first sheet, programmes 1–4; the second sheet repeats the
    title (（続き）) without the header, programmes 5–7, the legend a merged row under the last."""
    wb = new_workbook()
    ws1 = wb.active
    ws1.title = "その１"
    ws2 = wb.create_sheet("その２")
    title = "保土ケ谷区地域子育て支援拠点こっころ　５か年のまとめ（平成３１年度（令和元年度）～令和５年度）"
    ws1["A1"] = title
    ws2["A1"] = title + "（続き）"
    ws1["A3"], ws1["B3"], ws1["D3"], ws1["E3"] = "事業", "自己評価", "成果", "課題"
    ws1.merge_cells("B3:C3")
    ws1["B4"], ws1["C4"] = "法人", "区"
    for c in ("A", "D", "E"):
        ws1.merge_cells(f"{c}3:{c}4")
    grades = [("Ａ", "Ｂ"), ("Ｂ", "Ｂ"), ("Ａ", "Ａ"), ("Ｃ", "Ｂ"), ("Ｂ", "Ａ"), ("Ａ", "Ａ"), ("Ｂ", "Ｃ")]
    programmes = []
    for no in range(1, 8):
        ws, r = (ws1, 4 + no) if no <= 4 else (ws2, no - 2)
        (k, w), (out, iss) = grades[no - 1], FIVE[no - 1]
        for c, v in enumerate([f"{fw(no)}　{PROGRAMMES[no - 1]}", k, w, out, iss], 1):
            ws.cell(row=r, column=c, value=v)
        programmes.append(prog_want(no, (k, w), out, iss, not_in=["十分達成", "取組が必要"]))
    ws2["A6"] = "※評価の凡例　Ａ：十分達成　Ｂ：おおむね達成　Ｃ：取組が必要"
    ws2.merge_cells("A6:E6")
    want = {"ward": "保土ケ谷区", "hub": "こっころ", "years": [2019, 2023], "doc_type": "5か年のまとめ",
            "programmes": programmes}
    return xlsx_bytes(wb), want


def isogo_legend_in_page_footer_pdf() -> tuple[bytes, dict]:
    """磯子区: a reportlab PDF whose page header names the ward and year and whose footer repeats the
    grades' legend and the page number on every page; goals with 〔label〕 lines and 評価 lines,
    running across pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    font = pdf_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4

    def furniture(page):
        c.setFont(font, 9)
        c.drawString(50, height - 30, "磯子区地域子育て支援拠点　令和６年度　重点目標評価")
        c.drawString(50, 42, "評価　Ａ：達成　Ｂ：概ね達成　Ｃ：未達成")
        c.drawCentredString(width / 2, 28, f"－ {page} －")

    lines = PagedLines(c, font, top=height - 70, bottom=80, furniture=furniture)
    line, para = lines.line, lines.para

    goals = [GOALS[20], GOALS[21], GOALS[22]]
    grades = ["Ｂ", "Ａ", "Ｃ"]
    more = "月ごとに利用者の声を集め、スタッフ会議で取組の進め方を確かめながら、次の手立てにつなげました。"
    for i, (g, gr) in enumerate(zip(goals, grades), 1):
        line(f"重点目標{fw(i)}　{g['goal']}", 11)
        for label, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            line(f"〔{label}〕")
            para(g[key] + (more * 2 if key != "issue" else ""))
        line(f"評価　{gr}")
        lines.y -= 10
    c.save()
    want = {"ward": "磯子区", "years": [2024, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2024, n, g, gr, not_in=["概ね達成"] + ([snip(goals[n]["goal"])] if n < 3 else []))
                      for n, (g, gr) in enumerate(zip(goals, grades), 1)]}
    return buf.getvalue(), want


# --- batch 4 (held out: written after batch 3's fixes, committed before the parser was run on it;
# an indicator table right under a goal line, the form the seventeenth round left as the goal's text) --

def nishi_indicator_under_goal_docx() -> tuple[bytes, dict]:
    """西区: Word, each goal line over its indicator table (指標 | 目標値 | 実績), then 取組内容 /
    取組の成果 / 取組の課題 paragraphs: the indicator's 実績 is what came of the goal."""
    d = new_docx()
    d.add_paragraph("西区地域子育て支援拠点　令和２年度　重点目標の評価")
    goals = [GOALS[5], GOALS[7], GOALS[9]]
    figures = [[("オンライン相談の件数", "年40件", "年52件")],
               [("提供会員の新規登録者数", "30人", "40人"), ("説明会の開催回数", "6回", "8回")],
               [("救命講習の参加者数", "延べ60人", "延べ75人")]]
    for i, (g, figs) in enumerate(zip(goals, figures), 1):
        d.add_paragraph(f"重点目標{fw(i)}　{g['goal']}")
        grid_table(d, [("指標", "目標値", "実績"), *figs], cols=3)
        for label, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            d.add_paragraph(f"■{label}")
            d.add_paragraph(g[key])
    want = {"ward": "西区", "years": [2020, 2020], "doc_type": "単年度評価",
            "goals": [goal_want(2020, i, g, outcome_has=[f[0] for f in figs], not_in_goal=[f[0] for f in figs],
                                not_in=[snip(goals[i]["goal"])] if i < 3 else [])
                      for i, (g, figs) in enumerate(zip(goals, figures), 1)]}
    return docx_bytes(d), want


def kohoku_indicator_rows_under_goal_xlsx() -> tuple[bytes, dict]:
    """港北区: a sheet of label rows, each goal row over its indicator rows (指標 | 目標値 | 実績値 |
    達成率), then 取組内容 / 取組の成果 / 取組の課題 rows."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "R6"
    ws["A1"] = "港北区地域子育て支援拠点どろっぷ　令和６年度　重点目標の評価"
    goals = [GOALS[11], GOALS[13]]
    figures = [[("外国につながる親子の新規登録数", "15組", "20組", "133%")],
               [("健診会場での紹介による新規登録数", "80件", "104件", "130%"), ("チラシの配布数", "2,000枚", "1,800枚", "90%")]]
    row = 3
    for i, (g, figs) in enumerate(zip(goals, figures), 1):
        ws.cell(row=row, column=1, value=f"重点目標{i}")
        ws.cell(row=row, column=2, value=g["goal"])
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        row += 1
        for c, h in enumerate(("指標", "目標値", "実績値", "達成率"), 2):
            ws.cell(row=row, column=c, value=h)
        row += 1
        for f in figs:
            for c, v in enumerate(f, 2):
                ws.cell(row=row, column=c, value=v)
            row += 1
        for label, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            ws.cell(row=row, column=1, value=label)
            ws.cell(row=row, column=2, value=g[key])
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
            row += 1
        row += 1
    want = {"ward": "港北区", "hub": "どろっぷ", "years": [2024, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2024, i, g, outcome_has=[f[0] for f in figs], not_in_goal=[f[0] for f in figs],
                                not_in=[snip(goals[i]["goal"])] if i < 2 else [])
                      for i, (g, figs) in enumerate(zip(goals, figures), 1)]}
    return xlsx_bytes(wb), want


def naka_5kanen_legend_under_each_table_docx() -> tuple[bytes, dict]:
    """中区 5か年のまとめ in Word: each programme a heading over a grade table (評価者 | 評価 : 法人 | Ａ /
    区 | Ｂ) with the legend (※評価　Ａ：… Ｂ：… Ｃ：…) under each table, then 成果 / 課題 label tables."""
    d = new_docx()
    d.add_paragraph("中区地域子育て支援拠点のんびりんこ　５か年のまとめ（令和元年度～令和５年度）")
    grades = [("Ａ", "Ｂ"), ("Ａ", "Ａ"), ("Ｂ", "Ｂ"), ("Ｂ", "Ａ"), ("Ａ", "Ａ"), ("Ｃ", "Ｂ"), ("Ａ", "Ｂ")]
    programmes = []
    for no, (name, (k, w), (out, iss)) in enumerate(zip(PROGRAMMES, grades, FIVE), 1):
        d.add_paragraph(f"{no}　{name}")
        grid_table(d, [("評価者", "評価"), ("法人", k), ("区", w)])
        d.add_paragraph("※評価　Ａ：目指す姿に到達した　Ｂ：おおむね到達した　Ｃ：到達に向けて取組が必要")
        grid_table(d, [("成果", out), ("課題", iss)])
        programmes.append(prog_want(no, (k, w), out, iss, not_in=["おおむね到達した"]))
    want = {"ward": "中区", "hub": "のんびりんこ", "years": [2019, 2023], "doc_type": "5か年のまとめ",
            "programmes": programmes}
    return docx_bytes(d), want


def totsuka_furikaeri_paragraphs_text() -> tuple[bytes, dict]:
    """戸塚区 (the hub とつなーれ in the text only): a text file, goals ①②, each closed by a
    【振り返り】 block of 自己評価：Ｂ and 評価の理由：… lines, 令和元年度."""
    goals = [GOALS[4], GOALS[6]]
    grades = ["Ｂ", "Ａ"]
    reasons = ["企画会議は毎月開けたが、役割が一部の人に偏った。", "定例会への参加で、民生委員からの紹介が増えた。"]
    lines = ["令和元年度　重点目標の振り返り", "とつなーれ　運営：特定非営利活動法人とつかの森", ""]
    for i, (g, gr, why) in enumerate(zip(goals, grades, reasons)):
        lines += [f"{CIRCLED[i]}　{g['goal']}", "（取組内容）", g["content"], "（取組の成果）", g["outcome"],
                  "（取組の課題）", g["issue"], "【振り返り】", f"自己評価：{gr}", f"評価の理由：{why}", ""]
    want = {"ward": "戸塚区", "hub": "とつなーれ", "years": [2019, 2019], "doc_type": "単年度評価",
            "goals": [goal_want(2019, i, g, gr, not_in=[snip(goals[i]["goal"]), snip(reasons[i])] if i < 2 else [])
                      for i, (g, gr) in enumerate(zip(goals, grades), 1)]}
    return "\n".join(lines).encode("utf-8"), want


# --- batch 5 (held out: written after batch 4's fixes and the reason rule, committed before the
# parser was run on it) ---------------------------------------------------------------------------

def sakae_hub_in_page_footer_word_pdf() -> tuple[bytes, dict]:
    """栄区 (named nowhere in the body): a Word report printed by soffice whose hub にこりこ is named
    only in the page footer of every page; goals with （取組内容） labels running over pages."""
    d = new_docx()
    sec = d.sections[0]
    sec.footer.paragraphs[0].text = "地域子育て支援拠点にこりこ"
    d.add_paragraph("令和３年度　重点目標の振り返り")
    goals = [GOALS[2], GOALS[8], GOALS[10]]
    more = "月ごとの利用者の声を集め、スタッフ会議で取組の進め方を確かめながら次の手立てにつなげました。" * 3
    for i, g in enumerate(goals, 1):
        d.add_paragraph(f"重点目標{fw(i)}　{g['goal']}")
        for label, key in (("（取組内容）", "content"), ("（取組の成果）", "outcome"), ("（取組の課題）", "issue")):
            d.add_paragraph(label)
            d.add_paragraph(g[key] + (more if key != "issue" else ""))
    want = {"ward": "栄区", "hub": "にこりこ", "years": [2021, 2021], "doc_type": "単年度評価",
            "goals": [goal_want(2021, i, g, not_in=[snip(goals[i]["goal"])] if i < 3 else [])
                      for i, g in enumerate(goals, 1)]}
    return soffice_convert(docx_bytes(d), ".docx", "pdf"), want


def konan_word_grade_columns_xlsx() -> tuple[bytes, dict]:
    """港南区: a goal table whose 達成状況 header spans three columns of grades in words (できた |
    概ねできた | できなかった), a ○ under the one given."""
    wb = new_workbook()
    ws = wb.active
    ws["A1"] = "港南区地域子育て支援拠点　令和４年度　重点目標の評価"
    head = ["No.", "重点目標", "取組内容", "取組の成果", "取組の課題", "達成状況"]
    for c, h in enumerate(head, 1):
        ws.cell(row=3, column=c, value=h)
    for c in range(1, 6):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells("F3:H3")
    scale = ["できた", "概ねできた", "できなかった"]
    for c, m in enumerate(scale, 6):
        ws.cell(row=4, column=c, value=m)
    goals = [GOALS[15], GOALS[17]]
    given = [1, 0]
    for r, (g, k) in enumerate(zip(goals, given), 5):
        for c, v in enumerate([r - 4, g["goal"], g["content"], g["outcome"], g["issue"]], 1):
            ws.cell(row=r, column=c, value=v)
        ws.cell(row=r, column=6 + k, value="○")
    want = {"ward": "港南区", "years": [2022, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2022, n, g, scale[k], not_in=[snip(goals[n]["goal"])] if n < 2 else [])
                      for n, (g, k) in enumerate(zip(goals, given), 1)]}
    return xlsx_bytes(wb), want


def tsuzuki_5kanen_legend_between_programmes_docx() -> tuple[bytes, dict]:
    """都筑区 5か年のまとめ in Word: each programme a heading, 法人：Ａ　区：Ｂ and 成果 / 課題 paragraphs;
    the legend, without a label, a line of its own after programmes 3 and 7 (as typed at the foot of
    each printed page)."""
    d = new_docx()
    d.add_paragraph("都筑区地域子育て支援拠点Popola　５か年のまとめ（令和元年度～令和５年度）")
    grades = [("Ａ", "Ａ"), ("Ｂ", "Ａ"), ("Ｂ", "Ｂ"), ("Ａ", "Ｂ"), ("Ｃ", "Ｂ"), ("Ａ", "Ａ"), ("Ｂ", "Ｃ")]
    legend = "Ａ：目指す姿に達している　Ｂ：概ね達している　Ｃ：取組の強化が必要"
    programmes = []
    for no, (name, (k, w), (out, iss)) in enumerate(zip(PROGRAMMES, grades, FIVE), 1):
        d.add_paragraph(f"（{no}）{name}")
        d.add_paragraph(f"自己評価　法人：{k}　区：{w}")
        d.add_paragraph("成果")
        d.add_paragraph(out)
        d.add_paragraph("課題")
        d.add_paragraph(iss)
        if no in (3, 7):
            d.add_paragraph(legend)
        programmes.append(prog_want(no, (k, w), out, iss, not_in=["概ね達している"]))
    want = {"ward": "都筑区", "hub": "Popola", "years": [2019, 2023], "doc_type": "5か年のまとめ",
            "programmes": programmes}
    return docx_bytes(d), want


def aoba_indicator_under_goal_word_pdf() -> tuple[bytes, dict]:
    """青葉区: Word printed by soffice, each goal line over its indicator table (指標 | 目標値 | 実績値),
    then 【取組内容】 / 【取組の成果】 / 【取組の課題】."""
    d = new_docx()
    d.add_paragraph("青葉区地域子育て支援拠点ラフール　令和５年度　重点目標評価")
    goals = [GOALS[16], GOALS[18]]
    figures = [[("赤ちゃんタイムの参加組数", "延べ300組", "延べ410組")],
               [("入園前説明会の参加者数", "120人", "138人")]]
    for i, (g, figs) in enumerate(zip(goals, figures), 1):
        d.add_paragraph(f"重点目標{i}　{g['goal']}")
        grid_table(d, [("指標", "目標値", "実績値"), *figs], cols=3)
        for label, key in (("【取組内容】", "content"), ("【取組の成果】", "outcome"), ("【取組の課題】", "issue")):
            d.add_paragraph(label)
            d.add_paragraph(g[key])
    want = {"ward": "青葉区", "hub": "ラフール", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, i, g, outcome_has=[f[0] for f in figs], not_in_goal=[f[0] for f in figs],
                                not_in=[snip(goals[i]["goal"])] if i < 2 else [])
                      for i, (g, figs) in enumerate(zip(goals, figures), 1)]}
    return soffice_convert(docx_bytes(d), ".docx", "pdf"), want


BATCH5 = {
    "sakae_r3_hub_in_page_footer_word.pdf": sakae_hub_in_page_footer_word_pdf,
    "konan_r4_word_grade_columns.xlsx": konan_word_grade_columns_xlsx,
    "tsuzuki_r1_r5_5kanen_legend_between_programmes.docx": tsuzuki_5kanen_legend_between_programmes_docx,
    "aoba_r5_indicator_under_goal_word.pdf": aoba_indicator_under_goal_word_pdf,
}

BATCH4 = {
    "nishi_r2_indicator_under_goal.docx": nishi_indicator_under_goal_docx,
    "kohoku_r6_indicator_rows_under_goal.xlsx": kohoku_indicator_rows_under_goal_xlsx,
    "naka_r1_r5_5kanen_legend_under_each_table.docx": naka_5kanen_legend_under_each_table_docx,
    "totsuka_r1_furikaeri_paragraphs.txt": totsuka_furikaeri_paragraphs_text,
}

BATCH3 = {
    "tsurumi_r4_hub_in_a_sentence.docx": tsurumi_hub_sentence_neighbour_ward,
    "konan_r5_outcome_indicator_subcolumns.xlsx": konan_outcome_indicator_subcolumns,
    "sakae_r3_furikaeri_columns.docx": sakae_furikaeri_columns_docx,
    "hodogaya_h31_r5_5kanen_two_sheets_legend_row.xlsx": hodogaya_5kanen_two_sheets_legend_row,
    "isogo_r6_legend_in_page_footer.pdf": isogo_legend_in_page_footer_pdf,
}

BATCH2 = {
    "seya_r5_check_columns_hub_cell.xlsx": seya_check_columns_sheet,
    "midori_r6_indicator_outcome_word.pdf": midori_indicator_outcome_word_pdf,
    "aoba_h28_r2_5kanen_two_sheets_legend.xlsx": aoba_5kanen_two_sheets_legend,
    "kanazawa_r2_jikocheck_blocks.txt": kanazawa_jikocheck_text,
}

BATCH1 = {
    "tsurumi_r3_hub_in_text_mark_columns.docx": tsurumi_hub_in_text_mark_columns,
    "kanagawa_r4_indicators_in_outcome.xlsx": kanagawa_indicators_in_outcome,
    "nishi_r5_furikaeri_blocks.docx": nishi_furikaeri_blocks,
    "kohoku_r1_r5_5kanen_two_sheets.xlsx": kohoku_5kanen_two_sheets,
    "naka_r1_r5_5kanen_legend_word.pdf": naka_5kanen_legend_word_pdf,
    "izumi_h31_th_labels_page.html": izumi_h31_page_th_labels,
    "totsuka_r4_two_sites_word.pdf": totsuka_two_sites_word_pdf,
    "minami_r5_plan_range.txt": minami_plan_range_text,
    "hodogaya_r1_gannen_maru_numbers.xls": hodogaya_gannen_xls,
    "asahi_2022_system_export.csv": asahi_system_export_csv,
}

ABOUT = ("Twenty-fifth round: forms no earlier round had — hubs named only in the text, 自己チェック "
         "columns of marks, indicator tables in 取組の成果, 振り返り / 自己チェック blocks, five-year tables "
         "over two sheets, five-year legends, 令和元年度～５年度, th labels, two sites with page headers, "
         "a plan's year range; written by make_docs.py before the parser was run on them (batch 2 held "
         "out until batch 1's fixes were done). Keys as tests/data/unseen/expected.json, and: hub (the "
         "document's hub), a goal's outcome_has (pieces in its 取組の成果) and not_in_goal (pieces not in its 目標), a "
         "programme's not_in.")


if __name__ == "__main__":
    write_builders(HERE, [BATCH1, BATCH2, BATCH3, BATCH4, BATCH5], ABOUT, sys.argv[1:])
