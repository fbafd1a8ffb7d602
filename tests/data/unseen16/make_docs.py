"""Writes the documents of tests/data/unseen16 and their expected.json (run once; the outputs
are committed). Needs python-docx and openpyxl (in the project's venv) and, for the one file
Excel 97–2003 wrote, `soffice`.

    PYTHONPATH=$PWD python tests/data/unseen16/make_docs.py [NAME …]

Sixteenth round of documents nobody tuned the parser on, written by hand: **other Yokohama
wards' reports in the formats the wards publish** (Excel, old Excel, ward web pages, CSV,
Word), in the structure of the seed reports (重点目標・取組内容・取組の成果・取組の課題; the
5か年のまとめ with each programme's 自己評価 by 法人 and 区 and its 成果 / 課題; 振り返りの視点) but
laid out as the wards' own files do:

- one workbook holding one sheet per fiscal year;
- a 5か年のまとめ as a rating matrix, programme cells merged down over their 目指す拠点の姿 rows
  and 自己評価(A~D) merged over 法人 / 区;
- a sheet whose sections are columns and goals rows, the year as 平成31年度（令和元年度）;
- a Word report in 令和元年度 with full-width digits and next year's goals;
- a ward web page with breadcrumbs, a side menu naming other years' pages, a table per goal
  and a contact footer;
- a CSV exported in Shift_JIS with cells of several lines;
- a workbook with a hidden sheet and cell notes;
- reports naming their hub by its own name (ラフール, とつなーれ) and one naming no ward at all;
- an Excel 97–2003 sheet with the goal number merged down over its section rows;
- a 5か年のまとめ in Word with 【成果】【課題】 labels and a full-width rating table.

The generator never calls the parser; expected.json is what a human reader of each document
would say, written before the parser was run on them.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from tests.data.docgen import (docx_bytes, goal_want, grid_table, new_docx, new_workbook, soffice_convert, write_builders,
                               xlsx_bytes)

HERE = Path(__file__).resolve().parent


def snip(text: str, n: int = 16) -> str:
    return text[:n]


# --- the reports' content (written for this round) --------------------------------------------------

GOALS = [
    {"goal": "はじめて拠点を訪れる親子が安心して過ごせるよう迎え方を整えます。",
     "content": "受付に季節の掲示を置き、初回の親子にはスタッフが館内を一緒に回って案内しました。",
     "outcome": "初回利用の親子のうち七割が翌月も来館し、受付での声かけが好評でした。",
     "issue": "土曜日は家族連れで混雑し、初回の親子に十分な時間を割けない日がありました。"},
    {"goal": "妊娠中の夫婦が産後の暮らしを思い描ける機会をつくります。",
     "content": "区の両親教室と連携し、拠点で沐浴人形を使った体験会を隔月で開きました。",
     "outcome": "体験会の参加者の半数が出産後に拠点へ登録し、先輩親子との交流が生まれました。",
     "issue": "平日の開催では働く父親が参加しにくく、夜間や休日の回を検討します。"},
    {"goal": "地域の子育てサークルが活動を続けられるよう後押しします。",
     "content": "サークル代表者の情報交換会を開き、活動場所の一覧を冊子にまとめて配りました。",
     "outcome": "情報交換会をきっかけに二つのサークルが合同で行事を開くようになりました。",
     "issue": "代表者の負担が大きく、役割を分け合う仕組みづくりが今後の検討事項です。"},
    {"goal": "子育て家庭に地域の支援情報が届くよう発信を工夫します。",
     "content": "拠点の通信を月刊にし、区内の保育園や医療機関の待合室にも置いてもらいました。",
     "outcome": "通信を見て来館したという声が増え、新規登録者数は前年度より一割伸びました。",
     "issue": "紙の通信を手に取らない世代に向けて、SNSでの発信内容を見直す必要があります。"},
    {"goal": "外国につながる親子が気軽に相談できる場をつくります。",
     "content": "多言語の案内板を設け、国際交流ラウンジの通訳と合同でおしゃべり会を開きました。",
     "outcome": "おしゃべり会には六か国の親子が参加し、日本の健診の流れを知る機会になりました。",
     "issue": "通訳の来所日以外は言葉の壁が残り、やさしい日本語の研修をスタッフで進めます。"},
    {"goal": "横浜子育てサポートシステムの提供会員を増やします。",
     "content": "地区センターで入会説明会を開き、提供会員の体験談を載せたチラシを配りました。",
     "outcome": "提供会員が十四人増え、送迎の依頼に応えられる地区が広がりました。",
     "issue": "提供会員の高齢化が進んでおり、子育てを終えた世代への呼びかけを強めます。"},
    {"goal": "発達に心配のある子の親が孤立しないよう支えます。",
     "content": "療育センターの相談員を招き、少人数で話せるおしゃべりの会を毎月開きました。",
     "outcome": "参加した親から、同じ悩みを話せる仲間ができたという声が多く聞かれました。",
     "issue": "会の存在を知らない家庭が多く、区の健診の場で案内してもらう方法を探ります。"},
    {"goal": "父親が子育てに関わるきっかけをつくります。",
     "content": "土曜日にパパと子のあそび講座を開き、父親向けの子育て情報を掲示しました。",
     "outcome": "講座に参加した父親同士で連絡を取り合う集まりができ、自主的な活動が始まりました。",
     "issue": "講座の後に平日の利用へつながる父親は少なく、継続の仕掛けを考えます。"},
    {"goal": "利用者の声を拠点の運営に生かします。",
     "content": "年二回の利用者アンケートに加え、ひろばに意見箱を置いて毎月集計しました。",
     "outcome": "意見をもとに昼食のとれるスペースを設け、昼の時間帯の利用が増えました。",
     "issue": "アンケートの回答が常連の利用者に偏っており、新しい利用者の声の集め方が課題です。"},
    {"goal": "地域の支援者とのつながりを広げます。",
     "content": "民生委員や主任児童委員との連絡会を年四回開き、見守りの情報を共有しました。",
     "outcome": "連絡会から拠点へつながった家庭があり、地域で見守る体制が強まりました。",
     "issue": "町内会ごとに関わり方に差があり、顔の見える関係づくりを続けていきます。"},
    {"goal": "子育て支援の担い手となるボランティアを育てます。",
     "content": "ボランティア養成講座を全四回で開き、修了者にはひろばでの実習を用意しました。",
     "outcome": "修了者のうち九人がひろばのボランティアとして定期的に活動を始めました。",
     "issue": "活動できる曜日が偏るため、ボランティアの予定を調整する仕組みが必要です。"},
    {"goal": "保育所や幼稚園の情報を一人ひとりに合わせて届けます。",
     "content": "利用者支援専門員が出張相談を月二回行い、入園の手続きの流れを説明しました。",
     "outcome": "出張相談の件数は前年度の倍になり、入園前の不安が和らいだとの声がありました。",
     "issue": "相談の内容が複雑になっており、区の窓口との役割分担を改めて確かめます。"},
    {"goal": "災害に備える知識を子育て家庭に広めます。",
     "content": "消防署と協力して防災講座を開き、乳幼児向けの備蓄品の一覧を配りました。",
     "outcome": "講座の後に家庭の備蓄を見直したという回答がアンケートで八割を超えました。",
     "issue": "避難所での乳幼児の過ごし方について、区と一緒に情報を整える必要があります。"},
    {"goal": "多胎児を育てる家庭の外出を支えます。",
     "content": "双子や三つ子の親子が集まるふたごの日を設け、ベビーカーの置き場を広げました。",
     "outcome": "ふたごの日の参加家庭が定着し、先輩の多胎児家庭から助言を受ける場になりました。",
     "issue": "多胎児家庭の来館には移動の負担が大きく、送迎の支援を区と検討します。"},
    {"goal": "祖父母世代の子育て参加を応援します。",
     "content": "孫育て講座を年三回開き、今の子育ての考え方を紹介する冊子を作りました。",
     "outcome": "講座の後に祖父母と孫で来館する家庭が増え、三世代の交流が見られました。",
     "issue": "講座の参加者が特定の地区に偏っており、会場を変えて開くことを検討します。"},
    {"goal": "一時預かりの利用を必要な家庭につなげます。",
     "content": "一時預かりの見学会を開き、利用登録の手順を写真入りで説明する案内を作りました。",
     "outcome": "見学会の後に利用登録をした家庭が二十件あり、初めての預けへの不安が減りました。",
     "issue": "預かりの枠が埋まりやすく、急な用事に応えきれない日が続いています。"},
    {"goal": "転入してきた家庭が地域になじめるよう支えます。",
     "content": "区役所の転入手続きの窓口に拠点の案内を置き、転入者向けの交流会を開きました。",
     "outcome": "交流会の参加者同士が近所で会う仲になり、転入後の孤立感が和らいだとの声がありました。",
     "issue": "転入の時期が年度末に集中するため、交流会の時期と回数を見直します。"},
    {"goal": "乳児期の親子の仲間づくりを進めます。",
     "content": "生後四か月までの親子を対象にしたはじめまして会を毎月開きました。",
     "outcome": "はじめまして会の参加者が同じ月齢の仲間と継続して来館するようになりました。",
     "issue": "定員を超える申し込みがあり、回を増やすためのスタッフの配置が課題です。"},
    {"goal": "拠点のスタッフの相談対応の力を高めます。",
     "content": "事例検討会を月一回開き、外部講師による傾聴の研修を全員で受けました。",
     "outcome": "相談を受けた後の記録と引き継ぎの手順がそろい、対応の質が安定しました。",
     "issue": "非常勤のスタッフが研修に参加しにくく、録画での受講を取り入れます。"},
    {"goal": "拠点のない地域へ出向いてひろばを開きます。",
     "content": "地区センター二か所で出張ひろばを月一回開き、おもちゃと絵本を持ち込みました。",
     "outcome": "出張ひろばの参加者の三割が、その後に拠点本体へ来館するようになりました。",
     "issue": "会場の予約が取りにくく、年間の予定を早めに決める必要があります。"},
    {"goal": "絵本を通した親子のふれあいを広げます。",
     "content": "図書館と協力して読み聞かせ会を毎週開き、おすすめ絵本の一覧を配りました。",
     "outcome": "読み聞かせ会の後に絵本を借りる親子が増え、家庭での読み聞かせが広がりました。",
     "issue": "読み聞かせのボランティアが不足しており、新しい担い手を募ります。"},
    {"goal": "拠点の情報をホームページで分かりやすく伝えます。",
     "content": "ホームページの行事予定を毎週更新し、申込みをオンラインでできるようにしました。",
     "outcome": "行事の申込みの六割がオンラインになり、電話対応の時間が減りました。",
     "issue": "スマートフォンで見にくいページが残っており、作りを見直します。"},
]

NEXT = [
    {"goal": "妊娠期から拠点とつながる家庭を増やします。",
     "content": "両親教室の会場で拠点の紹介を行い、妊娠中の夫婦向けの見学日を設けます。"},
    {"goal": "地域の子育て支援の場の情報をまとめて届けます。",
     "content": "区内の親子の居場所を地図にまとめ、転入者向けの案内と一緒に配ります。"},
]

# 5か年のまとめ: the seven programmes, two 目指す拠点の姿 each (the summaries have more; two keep it short)
PROGRAMMES = [
    ("親子の居場所事業", ["①利用者を温かく迎え入れる雰囲気のある場になっている。", "②多様な養育者と子どもが訪れる場になっている。"]),
    ("子育て相談事業", ["①気軽に相談ができる場となっている。", "②相談を受け止め、関係機関につなげている。"]),
    ("情報収集・提供事業", ["①必要な情報が養育者に届いている。", "②地域の子育て情報を集めている。"]),
    ("ネットワーク事業", ["①支援者同士がつながり、協力し合っている。", "②地域の関係機関と連携している。"]),
    ("人材育成、活動支援事業", ["①子育て支援の担い手が育っている。", "②地域の支援活動を後押ししている。"]),
    ("横浜子育てサポートシステム区支部事務局運営事業", ["①会員同士の支え合いが広がっている。", "②安全に預け合いができている。"]),
    ("利用者支援事業", ["①一人ひとりに合った支援につないでいる。", "②区と共に支援の体制を整えている。"]),
]

ASAHI_5 = [
    ("A", "B", "A", "A", "開館日を週六日に増やし、年間利用者数は五年間で一・三倍になった。", "日曜日の利用者が多く、スタッフの配置を見直す必要がある。"),
    ("B", "B", "A", "B", "相談記録の様式を改め、区との情報共有を月一回の定例にした。", "深刻な相談が増え、スタッフの負担を軽くする工夫が要る。"),
    ("B", "C", "B", "B", "子育て情報誌を年四回発行し、区内の全保育園に配布した。", "情報誌を読んだ人の反応を確かめる方法がない。"),
    ("A", "A", "B", "A", "子育て支援者の交流会を年二回開き、顔の見える関係を築いた。", "交流会に来る団体が固定している。"),
    ("B", "B", "B", "C", "ボランティア講座の修了者が延べ四十人となった。", "修了後に活動を続ける人が少ない。"),
    ("A", "B", "A", "B", "提供会員の研修を地区ごとに開き、会員数は五年で二割増えた。", "依頼が夕方に集中し、応えられない時間帯がある。"),
    ("A", "A", "A", "A", "利用者支援専門員の相談件数が年間八百件を超えた。", "相談内容の複雑化に合わせた研修が必要である。"),
]

SEYA_5 = [
    ("Ａ", "Ａ", "Ｂ", "Ａ", "季節の行事を利用者と企画し、親子が主体的に関わる場ができた。", "午後の時間帯の利用が少なく、過ごし方の提案が要る。"),
    ("Ｂ", "Ｂ", "Ｂ", "Ａ", "保健師との合同相談日を設け、早期に支援へつながる例が増えた。", "相談室が一つしかなく、予約が重なる日がある。"),
    ("Ａ", "Ｂ", "Ａ", "Ｂ", "せやっこ通信をSNSでも配信し、読者が広がった。", "配信の担当者が限られ、更新が滞る時期があった。"),
    ("Ｂ", "Ｂ", "Ｃ", "Ｂ", "区内の子育て支援団体の連絡会を立ち上げた。", "連絡会の運営を拠点だけで担っている。"),
    ("Ｂ", "Ａ", "Ｂ", "Ｂ", "子育てサークルの立ち上げ講座から三つのサークルが生まれた。", "サークルの世代交代への支援が手薄である。"),
    ("Ａ", "Ａ", "Ａ", "Ｂ", "入会説明会を土曜日にも開き、利用会員の登録が増えた。", "提供会員の地域的な偏りが解消していない。"),
    ("Ａ", "Ｂ", "Ａ", "Ａ", "区の窓口と同じ案内資料を使い、説明の食い違いがなくなった。", "土日の相談に応じる体制が整っていない。"),
]

VIEWPOINTS = [
    "ア いつでも気軽に訪れることができ、安心して過ごせるような配慮、工夫をしているか。",
    "イ 居場所を訪れる様々な利用者の間に、交流が生まれるように工夫しているか。",
    "ウ 養育者と子どものニーズを把握するための工夫をしているか。",
]


# --- the documents -------------------------------------------------------------------------------

def _label_sheet(ws, title: str, year_label: str, goals: list[dict], marks: str = "①②③④⑤") -> None:
    """A sheet of label rows: the label in A, the text in B merged to F (the wards' 方眼紙-less form)."""
    from openpyxl.styles import Alignment
    ws["A1"] = title
    ws.merge_cells("A1:F1")
    row = 3
    for i, g in enumerate(goals):
        for label, text in ((f"{year_label} 重点目標{marks[i]}", g["goal"]), ("取組内容", g["content"]),
                            ("取組の成果", g["outcome"]), ("取組の課題", g["issue"])):
            ws.cell(row=row, column=1, value=label)
            ws.cell(row=row, column=2, value=text).alignment = Alignment(wrap_text=True)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
            row += 1
        row += 1


def tsurumi_sheet_per_year() -> tuple[bytes, dict]:
    """鶴見区: one workbook, one sheet per fiscal year (令和3年度 and 令和4年度)."""
    wb = new_workbook()
    first = wb.active
    first.title = "令和3年度"
    _label_sheet(first, "鶴見区地域子育て支援拠点わっくんひろば　令和3年度重点目標評価結果", "令和3年度", [GOALS[0], GOALS[1]])
    second = wb.create_sheet("令和4年度")
    _label_sheet(second, "鶴見区地域子育て支援拠点わっくんひろば　令和4年度重点目標評価結果", "令和4年度", [GOALS[2], GOALS[3]])
    want = {"ward": "鶴見区", "years": [2021, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2021, 1, GOALS[0], not_in=[snip(GOALS[1]["content"])]),
                      goal_want(2021, 2, GOALS[1], not_in=[snip(GOALS[2]["content"])]),
                      goal_want(2022, 1, GOALS[2], not_in=[snip(GOALS[3]["content"])]),
                      goal_want(2022, 2, GOALS[3])]}
    return xlsx_bytes(wb), want


def asahi_5kanen_matrix() -> tuple[bytes, dict]:
    """旭区 5か年のまとめ as one rating matrix: the programme merged down over its two 目指す拠点の
    姿 rows, 自己評価(A~D) merged over 法人 / 区, 成果 and 課題 merged down too."""
    from openpyxl.styles import Alignment
    wb = new_workbook()
    ws = wb.active
    ws.title = "5か年のまとめ"
    ws["A1"] = "旭区地域子育て支援拠点事業　5か年のまとめ（平成28年度～令和2年度）"
    ws.merge_cells("A1:F1")
    ws["A2"] = "事業の実施者　特定非営利活動法人あさひの森　旭区こども家庭支援課"
    ws.merge_cells("A2:F2")
    ws["A4"], ws["B4"], ws["C4"], ws["E4"], ws["F4"] = "事業", "目指す拠点の姿", "自己評価(A~D)", "成果", "課題"
    ws.merge_cells("C4:D4")
    ws["C5"], ws["D5"] = "法人", "区"
    for col in "ABEF":
        ws.merge_cells(f"{col}4:{col}5")
    row = 6
    programmes = []
    for no, ((name, aims), (g1, k1, g2, k2, outcome, issue)) in enumerate(zip(PROGRAMMES, ASAHI_5), 1):
        ws.cell(row=row, column=1, value=f"{no} {name}")
        ws.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
        for k, (aim, (a, b)) in enumerate(zip(aims, ((g1, k1), (g2, k2)))):
            ws.cell(row=row + k, column=2, value=aim).alignment = Alignment(wrap_text=True)
            ws.cell(row=row + k, column=3, value=a)
            ws.cell(row=row + k, column=4, value=b)
        ws.cell(row=row, column=5, value=outcome)
        ws.cell(row=row, column=6, value=issue)
        ws.merge_cells(start_row=row, start_column=5, end_row=row + 1, end_column=5)
        ws.merge_cells(start_row=row, start_column=6, end_row=row + 1, end_column=6)
        programmes.append({"no": no, "grades": [g1, k1, g2, k2], "成果": snip(outcome, 14), "課題": snip(issue, 14)})
        row += 2
    ws.cell(row=row + 1, column=1, value="評価の基準　Ａ：十分達成できた　Ｂ：おおむね達成できた　Ｃ：あまり達成できなかった　Ｄ：達成できなかった")
    want = {"ward": "旭区", "years": [2016, 2020], "doc_type": "5か年のまとめ", "programmes": programmes}
    return xlsx_bytes(wb), want


def kanagawa_sections_columns() -> tuple[bytes, dict]:
    """神奈川区: sections as columns, goals as rows, a mark column; 平成31年度（令和元年度）."""
    from openpyxl.styles import Alignment
    wb = new_workbook()
    ws = wb.active
    ws.title = "振り返り"
    ws["A1"] = "平成31年度（令和元年度）　神奈川区地域子育て支援拠点かなーちえ　重点目標振り返りシート"
    ws.merge_cells("A1:F1")
    ws["A2"] = "評価：◎よくできた　○できた　△課題が残った"
    ws.merge_cells("A2:F2")
    header = ["No.", "重点目標", "取組内容", "取組の成果", "取組の課題", "評価"]
    for c, h in enumerate(header, 1):
        ws.cell(row=4, column=c, value=h)
    goals, marks = [GOALS[4], GOALS[5], GOALS[6]], ["○", "◎", "△"]
    for r, (g, m) in enumerate(zip(goals, marks), 5):
        for c, v in enumerate([r - 4, g["goal"], g["content"], g["outcome"], g["issue"], m], 1):
            ws.cell(row=r, column=c, value=v).alignment = Alignment(wrap_text=True, vertical="top")
    want = {"ward": "神奈川区", "years": [2019, 2019], "doc_type": "単年度評価",
            "goals": [goal_want(2019, i, g, m, not_in=["よくできた"]) for i, (g, m) in enumerate(zip(goals, marks), 1)]}
    return xlsx_bytes(wb), want


def hodogaya_gannen_fullwidth() -> tuple[bytes, dict]:
    """保土ケ谷区: 令和元年度 with full-width digits throughout, the seed reports' two-column tables,
    next year's (令和２年度) goals after."""
    d = new_docx()
    d.add_paragraph("保土ケ谷区地域子育て支援拠点事業")
    d.add_paragraph("令和元年度重点目標評価結果・令和２年度重点目標")
    grid_table(d, [("事業実施期間", "令和元年５月１日～令和２年３月３１日（２年度目／５か年度）"),
                       ("事業の実施者", "特定非営利活動法人ほどがやっこ　保土ケ谷区こども家庭支援課")])
    d.add_paragraph("令和元年度重点目標の評価")
    for i, (g, mark) in enumerate(zip([GOALS[7], GOALS[8]], "①②")):
        grid_table(d, [(f"令和元年度　重点目標{mark}", g["goal"]), ("取組内容", g["content"]),
                           ("取組の成果", g["outcome"]), ("取組の課題", g["issue"])])
        d.add_paragraph("")
    d.add_paragraph("次年度重点目標")
    for n, mark in zip(NEXT, "①②"):
        grid_table(d, [(f"令和２年度　重点目標{mark}", n["goal"]), ("取組内容", n["content"])])
    want = {"ward": "保土ケ谷区", "years_any": [[2019, 2019], [2019, 2020]], "doc_type": "単年度評価",
            "goals": [goal_want(2019, 1, GOALS[7]), goal_want(2019, 2, GOALS[8])],
            "next_goals": [{"year": 2020, "no": i, "goal": snip(n["goal"])} for i, n in enumerate(NEXT, 1)]}
    return docx_bytes(d), want


def isogo_goal_tables_page() -> bytes:
    goals = [GOALS[9], GOALS[10]]
    tables = []
    for i, g in enumerate(goals, 1):
        tables.append(f"""<h3>重点目標{i}</h3>
<table class="table01"><tbody>
<tr><th scope="row">目標</th><td>{g['goal']}</td></tr>
<tr><th scope="row">取組内容</th><td><p>{g['content']}</p></td></tr>
<tr><th scope="row">取組の成果</th><td><p>{g['outcome']}</p></td></tr>
<tr><th scope="row">取組の課題</th><td><p>{g['issue']}</p></td></tr>
</tbody></table>""")
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8">
<title>令和3年度 重点目標の評価 磯子区 横浜市</title></head>
<body>
<div id="header"><p class="skip"><a href="#main">本文へ</a></p>
<p id="logo"><a href="/">横浜市</a> <a href="/isogo/">磯子区</a></p>
<ul id="gnav"><li><a href="#">くらし・手続き</a></li><li><a href="#">子育て・教育</a></li><li><a href="#">健康・医療・福祉</a></li><li><a href="#">区の紹介</a></li></ul>
<form><input type="text" name="q"><button>検索</button></form></div>
<ol class="breadcrumbs"><li><a href="/">トップページ</a></li><li><a href="#">磯子区トップページ</a></li><li><a href="#">子育て・教育</a></li><li><a href="#">地域子育て支援拠点</a></li><li>令和3年度 重点目標の評価</li></ol>
<div id="main">
<h1>令和3年度 重点目標の評価</h1>
<p class="update">最終更新日 2022年6月30日</p>
<h2>磯子区地域子育て支援拠点いそっぴ</h2>
<p>拠点事業は、区と運営法人の協働で進めています。令和3年度の重点目標について、相互振り返りを踏まえた取組の成果と課題を公表します。</p>
{chr(10).join(tables)}
<h2>関連ファイル</h2><ul><li><a href="#">令和3年度 重点目標の評価（PDF：210KB）</a></li></ul>
</div>
<div id="side"><h2>このカテゴリーのページ</h2><ul>
<li><a href="#">令和2年度 重点目標の評価</a></li><li><a href="#">令和4年度 重点目標</a></li>
<li><a href="#">5か年のまとめ（平成28年度～令和2年度）</a></li><li><a href="#">子育て支援者向け研修のご案内</a></li></ul></div>
<div id="footer"><h2>このページへのお問合せ</h2>
<p>磯子区こども家庭支援課</p><p>電話：045-750-2444　ファクス：045-750-2540</p>
<p>ページID：521-334-902</p>
<p><a href="#">サイトマップ</a> <a href="#">ウェブアクセシビリティ方針</a></p>
<address>横浜市磯子区役所　〒235-0016 横浜市磯子区磯子3丁目5番1号</address>
<p>&copy; City of Yokohama. All rights reserved.</p></div>
</body></html>
""".encode("utf-8")


def isogo_want() -> dict:
    return {"ward": "磯子区", "years": [2021, 2021], "doc_type": "単年度評価",
            "goals": [goal_want(2021, 1, GOALS[9], not_in=["ページID", "サイトマップ"]),
                      goal_want(2021, 2, GOALS[10], not_in=["ページID", "お問合せ", "令和2年度 重点目標の評価"])]}


def kanazawa_sjis_csv() -> tuple[bytes, dict]:
    """金沢区: a system's CSV export in Shift_JIS, one goal a row, cells of several lines."""
    goals = [GOALS[11], GOALS[12], GOALS[13]]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["年度", "区名", "拠点名", "目標番号", "重点目標", "取組内容", "取組の成果", "取組の課題"])
    for i, g in enumerate(goals, 1):
        content = g["content"].replace("、", "、\n", 1)
        w.writerow(["令和5年度", "金沢区", "とことこ", i, g["goal"], content, "・" + g["outcome"], "・" + g["issue"]])
    want = {"ward": "金沢区", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, 1, goals[0], not_in=[snip(goals[1]["content"])]),
                      goal_want(2023, 2, goals[1], not_in=[snip(goals[2]["content"])]),
                      goal_want(2023, 3, goals[2])]}
    return out.getvalue().encode("cp932"), want


def midori_hidden_sheet_notes() -> tuple[bytes, dict]:
    """緑区: the report sheet, a hidden sheet of last year's draft, and cell notes."""
    from openpyxl.comments import Comment
    wb = new_workbook()
    ws = wb.active
    ws.title = "評価"
    _label_sheet(ws, "緑区地域子育て支援拠点いっぽ　令和2年度　重点目標評価結果", "令和2年度", [GOALS[14], GOALS[15]])
    ws["B5"].comment = Comment("数値は三月末で確定させること", "担当")
    ws["B6"].comment = Comment("区の表現に合わせて修正済み", "担当")
    hidden = wb.create_sheet("前年度下書き")
    hidden["A1"] = "令和元年度の下書き　重点目標①"
    hidden["B1"] = "保育参観の機会を増やす取組の原案です。"
    hidden.sheet_state = "hidden"
    want = {"ward": "緑区", "years": [2020, 2020], "doc_type": "単年度評価",
            "goals": [goal_want(2020, 1, GOALS[14], not_in=[snip(GOALS[15]["content"])]),
                      goal_want(2020, 2, GOALS[15])],
            "not_seen": ["三月末で確定", "区の表現に合わせて", "保育参観の機会"]}
    return xlsx_bytes(wb), want


def aoba_hub_name_docx() -> tuple[bytes, dict]:
    """青葉区: the hub's own name (ラフール) in the title, goal headings 重点目標１：… and
    【取組内容】-style labels, the ward named only in the office's signature."""
    d = new_docx()
    d.add_paragraph("地域子育て支援拠点ラフール")
    d.add_paragraph("令和４年度　重点目標の振り返り")
    d.add_paragraph("ラフールでは、区と運営法人が年度末に振り返りの視点に沿って一年間の取組を振り返りました。")
    for i, g in enumerate([GOALS[16], GOALS[17]], 1):
        d.add_paragraph(f"重点目標{'１２'[i - 1]}：{g['goal']}")
        d.add_paragraph("【取組内容】")
        d.add_paragraph(g["content"])
        d.add_paragraph("【取組の成果】")
        d.add_paragraph(g["outcome"])
        d.add_paragraph("【取組の課題】")
        d.add_paragraph(g["issue"])
    d.add_paragraph("令和５年６月　青葉区こども家庭支援課・ＮＰＯ法人ラフール運営委員会")
    want = {"ward": "青葉区", "years": [2022, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2022, 1, GOALS[16], not_in=[snip(GOALS[17]["content"])]),
                      goal_want(2022, 2, GOALS[17], not_in=["青葉区こども家庭支援課"])]}
    return docx_bytes(d), want


def totsuka_merged_number_xls() -> tuple[bytes, dict]:
    """戸塚区's hub とつなーれ, named only by the hub's name: an Excel 97–2003 sheet, the goal's
    number merged down column A over its four section rows, labels in B, text in C."""
    from openpyxl.styles import Alignment
    wb = new_workbook()
    ws = wb.active
    ws.title = "H30"
    ws["A1"] = "地域子育て支援拠点とつなーれ　平成30年度　重点目標評価"
    ws.merge_cells("A1:C1")
    ws["A2"], ws["B2"], ws["C2"] = "番号", "項目", "内容"
    row = 3
    for i, g in enumerate([GOALS[18], GOALS[19]], 1):
        ws.cell(row=row, column=1, value=i).alignment = Alignment(vertical="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row + 3, end_column=1)
        for k, (label, text) in enumerate((("重点目標", g["goal"]), ("取組内容", g["content"]),
                                           ("取組の成果", g["outcome"]), ("取組の課題", g["issue"]))):
            ws.cell(row=row + k, column=2, value=label)
            ws.cell(row=row + k, column=3, value=text).alignment = Alignment(wrap_text=True)
        row += 4
    ws.cell(row=row + 1, column=1, value="運営：特定非営利活動法人とつなーれの会")
    want = {"ward": "戸塚区", "years": [2018, 2018], "doc_type": "単年度評価",
            "goals": [goal_want(2018, 1, GOALS[18], not_in=[snip(GOALS[19]["goal"])]),
                      goal_want(2018, 2, GOALS[19], not_in=["運営：特定非営利活動法人"])]}
    return soffice_convert(xlsx_bytes(wb), ".xlsx", "xls:MS Excel 97"), want


def seya_5kanen_docx() -> tuple[bytes, dict]:
    """瀬谷区 5か年のまとめ in Word: per programme a heading, a rating table (目指す拠点の姿 /
    法人 / 区, full-width grades), 【成果】 and 【課題】 bullets, then 振り返りの視点."""
    d = new_docx()
    d.add_paragraph("瀬谷区地域子育て支援拠点事業　５か年のまとめ")
    grid_table(d, [("対象期間", "令和２年度～令和６年度（５か年）"),
                       ("事業の実施者", "社会福祉法人せやの里　瀬谷区こども家庭支援課"),
                       ("実施時期", "令和６年９月")])
    programmes = []
    for no, ((name, aims), (g1, k1, g2, k2, outcome, issue)) in enumerate(zip(PROGRAMMES, SEYA_5), 1):
        d.add_paragraph(f"{'１２３４５６７'[no - 1]}　{name}")
        t = d.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        hdr = t.rows[0].cells
        hdr[0].text, hdr[1].text, hdr[2].text = "目指す拠点の姿", "自己評価（法人）", "自己評価（区）"
        for aim, (a, b) in zip(aims, ((g1, k1), (g2, k2))):
            cells = t.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = aim, a, b
        d.add_paragraph("【成果】")
        d.add_paragraph("・" + outcome)
        d.add_paragraph("【課題】")
        d.add_paragraph("・" + issue)
        d.add_paragraph("振り返りの視点")
        for v in VIEWPOINTS:
            d.add_paragraph(v)
        programmes.append({"no": no, "grades": [g1, k1, g2, k2], "成果": snip(outcome, 14), "課題": snip(issue, 14)})
    want = {"ward": "瀬谷区", "years": [2020, 2024], "doc_type": "5か年のまとめ", "programmes": programmes}
    return docx_bytes(d), want


# --- batch 2 (written after batch 1's fixes, before the parser was run on it: the held-out check) ---

def tsuzuki_cms_page() -> bytes:
    """都筑区: a page of a city CMS's template (id="tmp_header", "tmp_lnavi", "tmp_contents",
    "tmp_footer"), the local menu naming a 5か年のまとめ and other years, goals as <h3> with their
    sections as <h4> and paragraphs."""
    goals = [GOALS[20], GOALS[21]]
    body = []
    for i, g in enumerate(goals, 1):
        body.append(f"""<h3>重点目標{'１２'[i - 1]}　{g['goal']}</h3>
<h4>取組内容</h4><p>{g['content']}</p>
<h4>取組の成果</h4><p>{g['outcome']}</p>
<h4>取組の課題</h4><p>{g['issue']}</p>""")
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8"><title>令和5年度重点目標の振り返り　都筑区</title></head>
<body>
<div id="tmp_header"><p><a href="/">横浜市</a></p><p><a href="/tsuzuki/">都筑区</a></p>
<ul id="tmp_gnavi"><li><a href="#">暮らし</a></li><li><a href="#">子育て</a></li><li><a href="#">区政</a></li></ul></div>
<div id="tmp_pankuzu"><a href="/">トップページ</a> &gt; <a href="#">子育て</a> &gt; 令和5年度重点目標の振り返り</div>
<div id="tmp_wrapper">
<div id="tmp_lnavi"><h2>地域子育て支援拠点Popola</h2><ul>
<li><a href="#">拠点の紹介</a></li><li><a href="#">令和4年度重点目標の振り返り</a></li>
<li><a href="#">5か年のまとめ（令和元年度～令和5年度）</a></li><li><a href="#">中間振り返り（令和3年度）</a></li></ul></div>
<div id="tmp_contents">
<h1>令和5年度重点目標の振り返り</h1>
<p>都筑区地域子育て支援拠点Popolaの令和5年度の重点目標と、その振り返りを掲載します。</p>
{chr(10).join(body)}
</div></div>
<div id="tmp_footer"><p>都筑区こども家庭支援課</p><p>電話：045-948-2318</p><p>Copyright © City of Yokohama</p></div>
</body></html>
""".encode("utf-8")


def tsuzuki_want() -> dict:
    return {"ward": "都筑区", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, 1, GOALS[20], not_in=[snip(GOALS[21]["content"])]),
                      goal_want(2023, 2, GOALS[21], not_in=["Copyright", "中間振り返り"])]}


def sakae_sheets_then_plan() -> tuple[bytes, dict]:
    """栄区: a sheet per year, the last one next year's goals with only their 取組内容 (a plan)."""
    wb = new_workbook()
    first = wb.active
    first.title = "令和4年度評価"
    _label_sheet(first, "栄区地域子育て支援拠点にこりこ　令和4年度重点目標の評価", "令和4年度", [GOALS[0], GOALS[5]])
    plan = wb.create_sheet("令和5年度目標")
    plan["A1"] = "栄区地域子育て支援拠点にこりこ　令和5年度重点目標"
    row = 3
    for n, mark in zip(NEXT, "①②"):
        plan.cell(row=row, column=1, value=f"令和5年度 重点目標{mark}")
        plan.cell(row=row, column=2, value=n["goal"])
        plan.cell(row=row + 1, column=1, value="取組内容")
        plan.cell(row=row + 1, column=2, value=n["content"])
        row += 3
    want = {"ward": "栄区", "years_any": [[2022, 2022], [2022, 2023]], "doc_type": "単年度評価",
            "goals": [goal_want(2022, 1, GOALS[0]), goal_want(2022, 2, GOALS[5])],
            "next_goals": [{"year": 2023, "no": i, "goal": snip(n["goal"])} for i, n in enumerate(NEXT, 1)]}
    return xlsx_bytes(wb), want


def minami_bom_csv() -> tuple[bytes, dict]:
    """南区: a UTF-8 CSV with a byte-order mark, sections as columns, the hub's and the ward's
    grades in two columns (full-width letters), 令和元年度 and full-width goal numbers."""
    goals, grades = [GOALS[2], GOALS[9], GOALS[16]], [("Ａ", "Ｂ"), ("Ｂ", "Ｃ"), ("Ａ", "Ａ")]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["南区地域子育て支援拠点はぐはぐの樹　令和元年度　重点目標評価"])
    w.writerow(["番号", "重点目標", "取組内容", "取組の成果", "取組の課題", "自己評価（法人）", "自己評価（区）"])
    for i, (g, (a, b)) in enumerate(zip(goals, grades), 1):
        w.writerow(["１２３"[i - 1], g["goal"], g["content"], g["outcome"], g["issue"], a, b])
    want = {"ward": "南区", "years": [2019, 2019], "doc_type": "単年度評価",
            "goals": [goal_want(2019, i, g, **{"grades": sorted(set(ab))}) for i, (g, ab) in enumerate(zip(goals, grades), 1)]}
    return ("\ufeff" + out.getvalue()).encode("utf-8"), want


def tsurumi_marks_signature_docx() -> tuple[bytes, dict]:
    """鶴見区 (令和2年度): each goal a two-column table with an 評価 row holding a mark, the marks'
    legend written as marks run into their words, and a dated signature of two signers."""
    d = new_docx()
    d.add_paragraph("鶴見区地域子育て支援拠点事業　令和２年度　重点目標の評価")
    d.add_paragraph("評価　◎十分にできた　○おおむねできた　△できなかった")
    goals, marks = [GOALS[13], GOALS[18]], ["○", "◎"]
    for i, (g, m) in enumerate(zip(goals, marks), 1):
        grid_table(d, [(f"重点目標{'①②'[i - 1]}", g["goal"]), ("取組内容", g["content"]),
                           ("取組の成果", g["outcome"]), ("取組の課題", g["issue"]), ("評価", m)])
        d.add_paragraph("")
    d.add_paragraph("令和３年５月　鶴見区こども家庭支援課／社会福祉法人つるみ福祉会")
    want = {"ward": "鶴見区", "years": [2020, 2020], "doc_type": "単年度評価",
            "goals": [goal_want(2020, 1, goals[0], marks[0], not_in=["十分にできた"]),
                      goal_want(2020, 2, goals[1], marks[1], not_in=["社会福祉法人つるみ福祉会", "十分にできた"])]}
    return docx_bytes(d), want


BATCH2 = {
    "tsuzuki_r5_cms_template_page.html": lambda: (tsuzuki_cms_page(), tsuzuki_want()),
    "sakae_r4_sheets_then_plan.xlsx": sakae_sheets_then_plan,
    "minami_r1_bom_grades.csv": minami_bom_csv,
    "tsurumi_r2_marks_signature.docx": tsurumi_marks_signature_docx,
}

# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

KANAGAWA_5 = [
    ("A", "A", "B", "A", "ひろばの利用者が五年間で一・二倍に増え、土曜開館も定着した。", "平日午後の利用が伸びず、時間帯ごとの企画が必要である。"),
    ("B", "B", "B", "A", "専門職との合同相談を始め、相談件数が年間五百件を超えた。", "相談記録の電子化が進まず、引き継ぎに時間がかかる。"),
    ("A", "B", "B", "B", "かなーちえ通信の配布先を医療機関にも広げた。", "外国語での情報提供が英語に限られている。"),
]


def kanagawa_5kanen_page() -> bytes:
    """神奈川区 5か年のまとめ as a ward page: a table of each programme's 目指す拠点の姿 with the
    法人 and 区 grades, then its （成果） and （課題） paragraphs; header, menu and footer marked by ids."""
    parts = []
    for no, ((name, aims), (g1, k1, g2, k2, outcome, issue)) in enumerate(zip(PROGRAMMES, KANAGAWA_5), 1):
        rows = "".join(f"<tr><td>{aim}</td><td>{a}</td><td>{b}</td></tr>" for aim, (a, b) in zip(aims, ((g1, k1), (g2, k2))))
        parts.append(f"""<h3>{no} {name}</h3>
<table><thead><tr><th rowspan="2">目指す拠点の姿</th><th colspan="2">自己評価(A~D)</th></tr><tr><th>法人</th><th>区</th></tr></thead>
<tbody>{rows}</tbody></table>
<p>（成果）</p><ul><li>{outcome}</li></ul>
<p>（課題）</p><ul><li>{issue}</li></ul>""")
    return f"""<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>5か年のまとめ　神奈川区</title></head>
<body><div id="header"><p>横浜市 神奈川区</p><ul id="gnavi"><li><a href="#">くらし</a></li><li><a href="#">子育て</a></li></ul></div>
<div id="main">
<h1>神奈川区地域子育て支援拠点事業　5か年のまとめ（平成28年度～令和2年度）</h1>
<p>今期5か年の事業を振り返り、成果や課題、今後の方向性を整理しました。</p>
{chr(10).join(parts)}
</div>
<div id="side"><ul><li><a href="#">令和2年度重点目標評価結果</a></li><li><a href="#">令和3年度重点目標</a></li></ul></div>
<div id="footer"><p>神奈川区こども家庭支援課　電話：045-411-7111</p></div></body></html>
""".encode("utf-8")


def kanagawa_5kanen_want() -> dict:
    return {"ward": "神奈川区", "years": [2016, 2020], "doc_type": "5か年のまとめ",
            "programmes": [{"no": no, "grades": [g1, k1, g2, k2], "成果": snip(o, 14), "課題": snip(i, 14)}
                           for no, (g1, k1, g2, k2, o, i) in enumerate(KANAGAWA_5, 1)]}


def hodogaya_year_tables_with_blank_plan() -> tuple[bytes, dict]:
    """保土ケ谷区: sheets of a goal table each (重点目標 | 取組内容 | 取組の成果 | 取組の課題), the
    令和3年度 sheet filled, the 令和4年度 sheet's 成果 and 課題 columns still blank (next year's plan)."""
    wb = new_workbook()
    header = ["重点目標", "取組内容", "取組の成果", "取組の課題"]
    first = wb.active
    first.title = "令和3年度"
    first["A1"] = "保土ケ谷区地域子育て支援拠点こっころ　令和3年度重点目標"
    for c, h in enumerate(header, 1):
        first.cell(row=3, column=c, value=h)
    for r, g in enumerate([GOALS[12], GOALS[15]], 4):
        for c, v in enumerate([f"{'①②'[r - 4]}{g['goal']}", g["content"], g["outcome"], g["issue"]], 1):
            first.cell(row=r, column=c, value=v)
    plan = wb.create_sheet("令和4年度")
    plan["A1"] = "保土ケ谷区地域子育て支援拠点こっころ　令和4年度重点目標"
    for c, h in enumerate(header, 1):
        plan.cell(row=3, column=c, value=h)
    for r, n in enumerate(NEXT, 4):
        plan.cell(row=r, column=1, value=f"{'①②'[r - 4]}{n['goal']}")
        plan.cell(row=r, column=2, value=n["content"])
    want = {"ward": "保土ケ谷区", "years_any": [[2021, 2021], [2021, 2022]], "doc_type": "単年度評価",
            "goals": [goal_want(2021, 1, GOALS[12], not_in=[snip(GOALS[15]["content"])]),
                      goal_want(2021, 2, GOALS[15], not_in=[snip(NEXT[0]["content"])])],
            "next_goals": [{"year": 2022, "no": i, "goal": snip(n["goal"])} for i, n in enumerate(NEXT, 1)]}
    return xlsx_bytes(wb), want


ISOGO_5 = [
    ("B", "B", "A", "B", "ひろばの利用者アンケートで満足と答えた人が九割を超えた。", "利用者の固定化が進み、新しい親子が入りにくい。"),
    ("A", "A", "A", "B", "夜間の電話相談を試行し、働く親からの相談が増えた。", "夜間相談の担い手の確保が難しい。"),
    ("B", "C", "B", "B", "地域の子育て情報を地図にまとめたマップを作った。", "マップの情報の更新が年一回にとどまっている。"),
    ("C", "B", "B", "B", "区内の支援団体の交流会を年二回開いた。", "交流会の後の協力が続いていない。"),
]


def isogo_5kanen_sjis_csv() -> tuple[bytes, dict]:
    """磯子区 5か年のまとめ exported as Shift_JIS CSV: one row per 目指す拠点の姿, the programme's
    number and name, 成果 and 課題 on its first row only (Excel's merged cells as the export writes them)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["磯子区地域子育て支援拠点事業　5か年のまとめ（令和元年度～令和5年度）"])
    w.writerow(["事業番号", "事業名", "目指す拠点の姿", "自己評価（法人）", "自己評価（区）", "成果", "課題"])
    for no, ((name, aims), (g1, k1, g2, k2, outcome, issue)) in enumerate(zip(PROGRAMMES, ISOGO_5), 1):
        w.writerow([no, name, aims[0], g1, k1, outcome, issue])
        w.writerow(["", "", aims[1], g2, k2, "", ""])
    want = {"ward": "磯子区", "years": [2019, 2023], "doc_type": "5か年のまとめ",
            "programmes": [{"no": no, "grades": [g1, k1, g2, k2], "成果": snip(o, 14), "課題": snip(i, 14)}
                           for no, (g1, k1, g2, k2, o, i) in enumerate(ISOGO_5, 1)]}
    return out.getvalue().encode("cp932"), want


BATCH3 = {
    "kanagawa_h28_r2_5kanen_page.html": lambda: (kanagawa_5kanen_page(), kanagawa_5kanen_want()),
    "hodogaya_r3_r4_blank_plan_sheet.xlsx": hodogaya_year_tables_with_blank_plan,
    "isogo_r1_r5_5kanen_sjis.csv": isogo_5kanen_sjis_csv,
}

BATCH1 = {
    "tsurumi_r3_r4_sheet_per_year.xlsx": tsurumi_sheet_per_year,
    "asahi_h28_r2_5kanen_matrix.xlsx": asahi_5kanen_matrix,
    "kanagawa_h31_sections_columns.xlsx": kanagawa_sections_columns,
    "hodogaya_r1_gannen_fullwidth.docx": hodogaya_gannen_fullwidth,
    "isogo_r3_goal_tables_page.html": lambda: (isogo_goal_tables_page(), isogo_want()),
    "kanazawa_r5_sjis_export.csv": kanazawa_sjis_csv,
    "midori_r2_hidden_sheet_notes.xlsx": midori_hidden_sheet_notes,
    "aoba_r4_hub_name_title.docx": aoba_hub_name_docx,
    "totsuka_h30_merged_number.xls": totsuka_merged_number_xls,
    "seya_r2_r6_5kanen_word.docx": seya_5kanen_docx,
}

ABOUT = ("Sixteenth round: other Yokohama wards' reports in the formats the wards publish (Excel, "
         "Excel 97-2003, ward web pages, Shift_JIS CSV, Word) laid out as their own files do; written "
         "by make_docs.py before the parser was run on them (batch 2 after batch 1's fixes, batch 3 after batch 2's run, each before the parser was run on it). Same keys as tests/data/unseen/expected.json.")


if __name__ == "__main__":
    write_builders(HERE, [BATCH1, BATCH2, BATCH3], ABOUT, sys.argv[1:])
