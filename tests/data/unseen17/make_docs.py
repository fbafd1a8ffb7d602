"""Writes the documents of tests/data/unseen17 and their expected.json (run once; the outputs
are committed). Needs python-docx, openpyxl and reportlab (in the project's venv) and, for the
Excel 97–2003 file, `soffice`.

    PYTHONPATH=$PWD python tests/data/unseen17/make_docs.py [NAME …]

Seventeenth round of documents nobody tuned the parser on, written by hand in forms no earlier
round had:

- a hub whose own name is not among the known hubs, the ward named only in its address
  without a postal code (所在地　横浜市泉区…);
- one report covering a hub and its satellite, one section each, each numbering its goals
  from 1 again;
- 「取組内容」：text — a quoted label and its text on one line — and the year as R6年度;
- a goal row over an indicator table (指標 | 目標値 | 実績) in a sheet of label rows;
- an Excel 97–2003 sheet whose ward and year are only in its print header, with print titles;
- a reportlab PDF whose page header repeats the ward and year on every page, goals running
  across pages;
- a ward page with a table of contents of anchor links to its goals, 「ページの先頭へ」 links,
  the year as 2024年度（令和6年度）;
- a 5か年のまとめ whose ratings are numbers 1–4 (a 4段階 scale);
- a Word report with tracked changes (a whole goal deleted, words inserted) and comments;
- a 5か年のまとめ in Word rated ◎ / ○ / △ by the hub and the ward;
and, held out (BATCH2, written with the rest and not parsed until batch 1's fixes were done):
- a reportlab PDF naming its hub by an unknown name and its ward only as 瀬谷区役所 in a
  sentence, the year as Ｒ４年度 (full-width);
- a workbook of two hubs, each a block with its 施設名 row and a goal table numbered from 1;
- 『label』：text and 【label】text on one line in Word, 2023年度（令和5年度）;
- a 5か年のまとめ page with a table of contents and a rating table per programme of A / B / C.

The generator never calls the parser; expected.json is what a human reader of each document
would say, written before the parser was run on them.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from tests.data.docgen import (PagedLines, docx_bytes, fw_digits as fw, goal_want, grid_table, new_docx, new_workbook,
                               pdf_font, prog_want, soffice_convert, write_builders, xlsx_bytes)

HERE = Path(__file__).resolve().parent


def snip(text: str, n: int = 16) -> str:
    return text[:n]


# --- the reports' content (written for this round) --------------------------------------------------

GOALS = [
    {"goal": "初めての子育てに戸惑う親が一人で抱え込まないよう声をかけます。",
     "content": "ひろばの入口に案内係を置き、初めて来た親には利用の流れを説明して、同じ月齢の親子を紹介しました。",
     "outcome": "初来館の親から、話し相手ができて気持ちが楽になったという感想が多く寄せられました。",
     "issue": "昼前の時間帯は案内係が受付と兼務になり、声をかけきれない日がありました。"},
    {"goal": "地域の子育てサロンと拠点の行き来を増やします。",
     "content": "地区ごとのサロンの日程を拠点の掲示板にまとめ、サロンの代表者を講師に迎えた手遊びの会を開きました。",
     "outcome": "拠点でサロンを知った親子がサロンへ通うようになり、サロン側からの紹介で来館する親子も増えました。",
     "issue": "サロンの開催日が平日の午前に集中しており、重ならない日程の調整が求められます。"},
    {"goal": "子育て中の親が自分の時間を持てるよう預かりの情報を届けます。",
     "content": "一時保育と子育てサポートシステムの違いを図にした案内を作り、月一回の説明会で配りました。",
     "outcome": "説明会の参加者のうち四割が、その後に一時保育か子育てサポートシステムに登録しました。",
     "issue": "預け先への不安を口にする親が多く、預ける前の見学の機会を増やす必要があります。"},
    {"goal": "男性の育児参加を後押しする講座を続けます。",
     "content": "平日夜と土曜日に父親向けの講座を開き、沐浴や離乳食づくりを体験してもらいました。",
     "outcome": "講座の参加者が延べ百二十人となり、夫婦で来館する家庭が目に見えて増えました。",
     "issue": "講座の後に父親同士がつながる場がなく、交流の時間の持ち方を工夫します。"},
    {"goal": "外国籍の親子が地域の情報を手に入れやすくします。",
     "content": "やさしい日本語の案内を作り、英語と中国語の通訳ボランティアと月二回の相談日を設けました。",
     "outcome": "相談日には延べ四十組が訪れ、予防接種や入園手続きの質問に答えることができました。",
     "issue": "ポルトガル語やネパール語を話す家庭からの相談に応じる手立てが整っていません。"},
    {"goal": "障害のある子やその疑いのある子の親の居場所をつくります。",
     "content": "地域療育センターと連携し、親同士が話せるほっとタイムを月一回設けました。",
     "outcome": "ほっとタイムの参加者が互いに連絡を取り合うようになり、拠点以外でも支え合いが生まれました。",
     "issue": "参加者の子どもの年齢が上がると来館が途絶えがちで、就学後の相談先の紹介が課題です。"},
    {"goal": "拠点の利用をためらう家庭に出向いて関わります。",
     "content": "区の保健師の家庭訪問に拠点スタッフが同行し、拠点の雰囲気を写真で紹介しました。",
     "outcome": "同行訪問をきっかけに十二組の親子が初めて拠点を利用しました。",
     "issue": "同行訪問の日程が保健師の予定に左右され、継続した関わりが難しい状況です。"},
    {"goal": "子育て支援に関わる人の学び合いの場をつくります。",
     "content": "保育園、幼稚園、民生委員を招いた事例検討会を年三回開きました。",
     "outcome": "事例検討会の参加者から、他の機関の役割がわかり連絡しやすくなったとの声がありました。",
     "issue": "検討会に参加する機関が固定しつつあり、医療機関への呼びかけを強めます。"},
    {"goal": "妊娠期の家庭と拠点の出会いを増やします。",
     "content": "母子健康手帳の交付時に拠点のプレママ会の案内を渡し、土曜日にも見学日を設けました。",
     "outcome": "プレママ会の参加者の七割が出産後三か月以内に拠点を利用しました。",
     "issue": "里帰り出産の家庭とは産後の連絡が途切れやすく、連絡の取り方を見直します。"},
    {"goal": "子育て情報の発信を利用者と一緒に行います。",
     "content": "利用者の編集委員と毎月の拠点だよりを作り、地域のおすすめの公園や小児科を紹介しました。",
     "outcome": "編集委員の視点で書いた記事が好評で、拠点だよりの配布部数が一・五倍になりました。",
     "issue": "編集委員が子の入園とともに入れ替わるため、作り方の引き継ぎを仕組みにします。"},
    {"goal": "ひろばの安全管理を見直します。",
     "content": "おもちゃの消毒と遊具の点検を日ごとの表にまとめ、スタッフ全員で応急手当の講習を受けました。",
     "outcome": "点検表の導入後、ひろばでのけがの件数は前年度の半分に減りました。",
     "issue": "混雑する時間帯に見守りの目が行き届かない場所があり、配置を再検討します。"},
    {"goal": "子育てを終えた世代の力を地域の支援に生かします。",
     "content": "シニア向けの子育て支援ボランティア講座を開き、修了者にひろばでの見守りをお願いしました。",
     "outcome": "修了者十五人が登録し、週三日はシニアボランティアがひろばにいる体制ができました。",
     "issue": "ボランティアの体力に配慮した活動時間の設定と、活動の振り返りの場が必要です。"},
    {"goal": "一人ひとりに合った保育・教育施設選びを支えます。",
     "content": "利用者支援専門員が園の見学の仕方や申込みの時期を個別に説明する相談会を開きました。",
     "outcome": "相談会の利用は年間二百件を超え、申込みの時期を逃す家庭が減りました。",
     "issue": "育休明けの時期に相談が集中し、予約が取りにくい期間が続きました。"},
    {"goal": "拠点を知らない転入家庭に情報を届けます。",
     "content": "区役所の戸籍課の窓口に転入者向けの拠点案内を置き、転入者交流会を年四回開きました。",
     "outcome": "転入者交流会の参加家庭の半数が、その後も月一回以上拠点を利用しています。",
     "issue": "集合住宅の多い地域では案内が届きにくく、管理組合を通じた周知を検討します。"},
    {"goal": "双子や三つ子を育てる家庭の負担を軽くします。",
     "content": "多胎児家庭の交流会を隔月で開き、ベビーカーで来館しやすいよう駐輪場の一角を空けました。",
     "outcome": "交流会で知り合った家庭同士が育児用品を譲り合うなど、日常の支え合いが生まれました。",
     "issue": "多胎児家庭は外出そのものが難しく、訪問型の支援との組み合わせを考えます。"},
    {"goal": "地域の子育て支援の情報を一か所で調べられるようにします。",
     "content": "区内の親子の居場所と相談窓口を一覧にしたマップをつくり、ホームページにも掲載しました。",
     "outcome": "マップを見て来館した親子が前年度より三割増え、関係機関からも配布の依頼がありました。",
     "issue": "掲載情報の変更が多く、年二回の更新では追いつかない状況です。"},
    {"goal": "乳児の親子が安心して過ごせる時間を設けます。",
     "content": "火曜日の午前を０歳児の親子専用の時間とし、保健師による身体計測と相談を行いました。",
     "outcome": "０歳児の時間の利用者が毎回二十組を超え、身体計測を目当てに初めて来る親子も増えました。",
     "issue": "専用時間以外の日に０歳児が安心して過ごせるスペースが足りません。"},
    {"goal": "スタッフの相談を受ける力を高めます。",
     "content": "外部講師による面接技法の研修を年四回行い、困難な事例は区の担当者と振り返りました。",
     "outcome": "相談記録の書き方が統一され、区への引継ぎが早くなりました。",
     "issue": "新しく加わったスタッフが研修の内容に追いつけるよう、手引きを作る必要があります。"},
    {"goal": "地域の商店や企業と子育て家庭をつなぎます。",
     "content": "商店街と協力して子育て応援マップを作り、授乳やおむつ替えのできる店に目印を貼ってもらいました。",
     "outcome": "協力店が三十店に広がり、商店街のイベントに拠点のブースを出すことができました。",
     "issue": "協力店の入れ替わりがあり、目印の貼り替えと情報の更新を続ける必要があります。"},
    {"goal": "災害時に子育て家庭が困らないよう備えを広めます。",
     "content": "地域防災拠点の訓練に親子で参加する回を設け、抱っこひもでの避難を体験してもらいました。",
     "outcome": "参加した親子の多くが、家庭での備蓄を見直すきっかけになったと答えました。",
     "issue": "防災拠点ごとに乳幼児への配慮の度合いが違い、区と情報を整理します。"},
    {"goal": "拠点の運営に利用者の意見を取り入れます。",
     "content": "利用者会議を年三回開き、開館時間やおもちゃの入れ替えについて意見を聞きました。",
     "outcome": "利用者会議の提案で土曜日の開館を一時間延ばし、父親の利用が増えました。",
     "issue": "利用者会議に出席する人が限られ、ひろばでの聞き取りと組み合わせます。"},
    {"goal": "子育てサークルの立ち上げと継続を支えます。",
     "content": "サークルの立ち上げ講座を開き、活動場所の予約の仕方や会の運営のこつを伝えました。",
     "outcome": "講座から三つのサークルが生まれ、うち二つは一年を過ぎても活動を続けています。",
     "issue": "代表者が交代する時期に活動が途切れやすく、引継ぎの支援が必要です。"},
    {"goal": "親子で楽しめる遊びを家庭に広めます。",
     "content": "保育士による親子遊びの講座を月二回開き、家でできる遊びを紹介するカードを配りました。",
     "outcome": "講座で覚えた遊びを家庭で続けているという声が多く、カードの増刷を求められました。",
     "issue": "講座が満員で参加できない親子が多く、回数と定員の見直しが課題です。"},
    {"goal": "ひとり親家庭が孤立しないよう支えます。",
     "content": "ひとり親家庭の交流会を日曜日に開き、区のひとり親相談の窓口を紹介しました。",
     "outcome": "交流会の参加者から、同じ立場の人と話せて安心したという感想が寄せられました。",
     "issue": "仕事で来館できない親が多く、オンラインでの交流の場を検討します。"},
    {"goal": "子どもの育ちを見通せる学びの機会をつくります。",
     "content": "年齢ごとの育ちと関わり方をテーマにした連続講座を全五回で開きました。",
     "outcome": "連続講座の修了者の九割が、子どもへの関わり方に自信がついたと答えました。",
     "issue": "講座の時間帯が合わない家庭のために、録画の視聴を取り入れることを検討します。"},
    {"goal": "拠点を支える地域のボランティアの輪を広げます。",
     "content": "中学校や高校の職業体験を受け入れ、学生ボランティアの登録制度を始めました。",
     "outcome": "学生ボランティアが二十人登録し、夏休みの行事を学生と一緒に運営しました。",
     "issue": "学生の登録が長期休暇に偏り、平日の活動につなげる方法を探ります。"},
    {"goal": "区内の拠点同士で運営の工夫を分かち合います。",
     "content": "近隣区の拠点と合同のスタッフ研修を開き、ひろばの運営の工夫を紹介し合いました。",
     "outcome": "他の拠点の事例を参考に、受付での名札の渡し方や掲示の仕方を改めました。",
     "issue": "合同研修の日程が合わず、参加できないスタッフが多い状況です。"},
    {"goal": "親の心の健康を支える相談につなげます。",
     "content": "産後の気分の落ち込みについて助産師の講話を開き、相談窓口の一覧を配りました。",
     "outcome": "講話の後に個別の相談を希望する親が現れ、区の保健師へつなぐことができました。",
     "issue": "相談につながらない親の変化に気づくため、スタッフの観察の視点をそろえます。"},
]

# 5か年のまとめ: the seven programmes, two 目指す拠点の姿 each
PROGRAMMES = [
    ("親子の居場所事業", ["①安心して過ごせる居場所になっている。", "②利用者同士の交流が生まれている。"]),
    ("子育て相談事業", ["①気軽に相談できる場になっている。", "②必要な支援につないでいる。"]),
    ("情報収集・提供事業", ["①子育て情報が必要な人に届いている。", "②地域の情報を集め整理している。"]),
    ("ネットワーク事業", ["①関係機関と顔の見える関係を築いている。", "②地域の支援者と協力している。"]),
    ("人材育成、活動支援事業", ["①支援の担い手を育てている。", "②地域の活動を支えている。"]),
    ("横浜子育てサポートシステム区支部事務局運営事業", ["①会員の支え合いが広がっている。", "②安全な預かりを支えている。"]),
    ("利用者支援事業", ["①一人ひとりに合った情報を届けている。", "②区と連携して支援を進めている。"]),
]


# --- writers ----------------------------------------------------------------------------------------

# --- batch 1 ----------------------------------------------------------------------------------------

def izumi_unlisted_hub_address() -> tuple[bytes, dict]:
    """泉区: the hub's own name (not a known hub) in the title, the ward named only in the
    address line at the end (no postal code), 【label】 paragraphs."""
    d = new_docx()
    d.add_paragraph("地域子育て支援拠点ひだまりの丘")
    d.add_paragraph("令和５年度　重点目標の振り返り")
    d.add_paragraph("ひだまりの丘では、年度の終わりに運営法人と区の担当者が一年間の取組を振り返りました。")
    goals = [GOALS[0], GOALS[1]]
    for i, g in enumerate(goals, 1):
        d.add_paragraph(f"重点目標{fw(i)}　{g['goal']}")
        for label, key in (("【取組内容】", "content"), ("【取組の成果】", "outcome"), ("【取組の課題】", "issue")):
            d.add_paragraph(label)
            d.add_paragraph(g[key])
    d.add_paragraph("運営　特定非営利活動法人ひだまりネット")
    d.add_paragraph("所在地　横浜市泉区中田南二丁目３番１号　ひだまりビル２階")
    want = {"ward": "泉区", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, 1, goals[0], not_in=[snip(goals[1]["goal"])]),
                      goal_want(2023, 2, goals[1], not_in=["中田南二丁目", "ひだまりネット"])]}
    return docx_bytes(d), want


def konan_hub_and_satellite() -> tuple[bytes, dict]:
    """港南区: one report of the hub and its satellite, one section each, each numbering its goals
    from 1 again in label tables."""
    d = new_docx()
    d.add_paragraph("港南区地域子育て支援拠点事業　令和４年度　重点目標評価結果")
    grid_table(d, [("事業の実施者", "社会福祉法人こうなん会　港南区こども家庭支援課")])
    parts = [("１　地域子育て支援拠点はっぴーす（本体）", [GOALS[2], GOALS[3]]),
             ("２　地域子育て支援拠点はっぴーすサテライト", [GOALS[4], GOALS[5]])]
    for head, goals in parts:
        d.add_paragraph(head)
        for i, g in enumerate(goals, 1):
            grid_table(d, [(f"重点目標{fw(i)}", g["goal"]), ("取組内容", g["content"]),
                       ("取組の成果", g["outcome"]), ("取組の課題", g["issue"])])
            d.add_paragraph("")
    all_goals = [GOALS[2], GOALS[3], GOALS[4], GOALS[5]]
    want = {"ward": "港南区", "years": [2022, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2022, 1, all_goals[0], not_in=[snip(all_goals[1]["goal"])]),
                      goal_want(2022, 2, all_goals[1], not_in=["はっぴーすサテライト", snip(all_goals[2]["goal"])]),
                      goal_want(2022, 3, all_goals[2], not_in=[snip(all_goals[3]["goal"])]),
                      goal_want(2022, 4, all_goals[3])]}
    return docx_bytes(d), want


def sakae_quoted_label_colon() -> tuple[bytes, dict]:
    """栄区: a text file, R6年度, each section 「label」：text on one line."""
    goals = [GOALS[6], GOALS[7], GOALS[8]]
    lines = ["栄区地域子育て支援拠点　R6年度　重点目標の振り返り", "",
             "運営法人：社会福祉法人さかえ福祉会", ""]
    for i, g in enumerate(goals, 1):
        lines.append(f"■重点目標{i}")
        lines.append(f"「目標」：{g['goal']}")
        lines.append(f"「取組内容」：{g['content']}")
        lines.append(f"「取組の成果」：{g['outcome']}")
        lines.append(f"「取組の課題」：{g['issue']}")
        lines.append("")
    want = {"ward": "栄区", "years": [2024, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2024, 1, goals[0], not_in=[snip(goals[1]["goal"])]),
                      goal_want(2024, 2, goals[1], not_in=[snip(goals[2]["goal"])]),
                      goal_want(2024, 3, goals[2])]}
    return "\r\n".join(lines).encode("utf-8"), want


def kanazawa_indicator_rows() -> tuple[bytes, dict]:
    """金沢区: label rows in a sheet; under each goal row an indicator table
    (指標 | 目標値 | 実績) before the section rows."""
    from openpyxl.styles import Alignment
    wb = new_workbook()
    ws = wb.active
    ws.title = "R3評価"
    ws["A1"] = "金沢区地域子育て支援拠点　令和３年度　重点目標の評価"
    ws.merge_cells("A1:D1")
    goals = [GOALS[9], GOALS[10]]
    figures = [[("拠点だよりの配布部数", "月800部", "月1,200部"), ("編集委員の人数", "6人", "8人")],
               [("ひろばでのけがの件数", "年10件以下", "年7件")]]
    row = 3
    for i, (g, figs) in enumerate(zip(goals, figures), 1):
        ws.cell(row=row, column=1, value=f"重点目標{i}")
        ws.cell(row=row, column=2, value=g["goal"])
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 1
        for c, h in enumerate(("指標", "目標値", "実績"), 2):
            ws.cell(row=row, column=c, value=h)
        row += 1
        for f in figs:
            for c, v in enumerate(f, 2):
                ws.cell(row=row, column=c, value=v)
            row += 1
        for label, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            ws.cell(row=row, column=1, value=label)
            ws.cell(row=row, column=2, value=g[key]).alignment = Alignment(wrap_text=True)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
            row += 1
        row += 1
    want = {"ward": "金沢区", "years": [2021, 2021], "doc_type": "単年度評価",
            "goals": [goal_want(2021, 1, goals[0], not_in=[snip(goals[1]["goal"]), "ひろばでのけが"]),
                      goal_want(2021, 2, goals[1])]}
    return xlsx_bytes(wb), want


def hodogaya_print_header_xls() -> tuple[bytes, dict]:
    """保土ケ谷区: an Excel 97–2003 sheet of section columns whose ward and year are only in its
    print header; the column header row set as print titles; page numbers in the footer."""
    from openpyxl.styles import Alignment
    wb = new_workbook()
    ws = wb.active
    ws.title = "評価シート"
    ws["A1"] = "重点目標　評価シート"
    header = ["No.", "重点目標", "取組内容", "取組の成果", "取組の課題"]
    for c, h in enumerate(header, 1):
        ws.cell(row=3, column=c, value=h)
    goals = [GOALS[11], GOALS[12], GOALS[13]]
    for r, g in enumerate(goals, 4):
        for c, v in enumerate([r - 3, g["goal"], g["content"], g["outcome"], g["issue"]], 1):
            ws.cell(row=r, column=c, value=v).alignment = Alignment(wrap_text=True, vertical="top")
    for col, w in zip("ABCDE", (5, 24, 36, 36, 36)):
        ws.column_dimensions[col].width = w
    ws.print_title_rows = "3:3"
    ws.oddHeader.left.text = "保土ケ谷区地域子育て支援拠点"
    ws.oddHeader.right.text = "令和２年度"
    ws.oddFooter.center.text = "&P / &N"
    want = {"ward": "保土ケ谷区", "years": [2020, 2020], "doc_type": "単年度評価",
            "goals": [goal_want(2020, 1, goals[0], not_in=[snip(goals[1]["goal"])]),
                      goal_want(2020, 2, goals[1], not_in=[snip(goals[2]["goal"])]),
                      goal_want(2020, 3, goals[2])]}
    return soffice_convert(xlsx_bytes(wb), ".xlsx", "xls:MS Excel 97"), want


def minami_page_header_pdf() -> tuple[bytes, dict]:
    """南区: a reportlab PDF whose page header repeats the ward and year and whose footer numbers
    the page; the goals' long sections run across pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    font = pdf_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4

    def furniture(page):
        c.setFont(font, 9)
        c.drawString(50, height - 30, "南区地域子育て支援拠点　令和３年度　重点目標評価")
        c.drawRightString(width - 50, height - 30, "社会福祉法人みなみ福祉会")
        c.drawCentredString(width / 2, 30, f"－ {page} －")
        c.setFont(font, 10.5)

    lines = PagedLines(c, font, top=height - 70, bottom=70, furniture=furniture)
    line, para = lines.line, lines.para

    line("令和３年度　重点目標の評価", 13)
    goals = [GOALS[14], GOALS[15], GOALS[16]]
    extra = ("また、", "さらに、", "加えて、")
    for i, g in enumerate(goals, 1):
        line(f"重点目標{fw(i)}　{g['goal']}", 11)
        for label, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            line(f"〔{label}〕")
            # each section made long (several sentences) so that sections run across pages
            text = g[key] + "".join(extra[k] + g[key] for k in range(3))
            para(text)
        lines.y -= 10
    c.save()
    want = {"ward": "南区", "years": [2021, 2021], "doc_type": "単年度評価",
            "goals": [goal_want(2021, i, g, not_in=["重点目標評価", "みなみ福祉会", "－"]) for i, g in enumerate(goals, 1)]}
    return buf.getvalue(), want


def asahi_toc_page() -> tuple[bytes, dict]:
    """旭区: a ward page with a table of contents of anchor links to its goals, 「ページの先頭へ」
    after each, 2024年度（令和6年度）."""
    goals = [GOALS[17], GOALS[18], GOALS[19]]
    toc = "\n".join(f'<li><a href="#goal{i}">重点目標{i}　{g["goal"]}</a></li>' for i, g in enumerate(goals, 1))
    body = []
    for i, g in enumerate(goals, 1):
        body.append(f"""<h2 id="goal{i}">重点目標{i}　{g['goal']}</h2>
<h3>取組内容</h3><p>{g['content']}</p>
<h3>取組の成果</h3><p>{g['outcome']}</p>
<h3>取組の課題</h3><p>{g['issue']}</p>
<p class="pagetop"><a href="#top">ページの先頭へ戻る</a></p>""")
    page = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8"><title>2024年度（令和6年度）重点目標の振り返り｜旭区地域子育て支援拠点</title></head>
<body id="top">
<main>
<h1>2024年度（令和6年度）重点目標の振り返り</h1>
<p>旭区地域子育て支援拠点では、毎年度、区と運営法人が重点目標を定め、その取組を振り返っています。</p>
<div class="toc"><p>目次</p><ol>
{toc}
</ol></div>
{chr(10).join(body)}
</main>
<footer><p>旭区こども家庭支援課　電話：045-954-6151</p></footer>
</body></html>
"""
    want = {"ward": "旭区", "years": [2024, 2024], "doc_type": "単年度評価",
            "goals": [goal_want(2024, 1, goals[0], not_in=[snip(goals[1]["goal"]), "ページの先頭へ"]),
                      goal_want(2024, 2, goals[1], not_in=[snip(goals[2]["goal"]), "ページの先頭へ"]),
                      goal_want(2024, 3, goals[2], not_in=["ページの先頭へ"])]}
    return page.encode("utf-8"), want


TSUZUKI_5 = [
    ("4", "3", "4", "4", "ひろばの開館日を週六日とし、五年間の延べ利用者数が十万人を超えた。", "利用者の多い日と少ない日の差が大きく、混雑の緩和が要る。"),
    ("3", "3", "3", "2", "専門職による相談日を毎月設け、関係機関への紹介件数が増えた。", "相談の記録を区と共有する手順が定まっていない。"),
    ("3", "2", "3", "3", "拠点だよりを毎月発行し、ホームページの閲覧数も伸びた。", "情報の届きにくい家庭への発信の方法が限られている。"),
    ("4", "4", "3", "3", "区内の子育て支援者連絡会を年四回開いた。", "連絡会に参加しない機関との関係づくりが進んでいない。"),
    ("3", "3", "2", "2", "ボランティア養成講座を毎年開き、延べ六十人が修了した。", "修了者の活動の場が拠点の中に限られている。"),
    ("4", "3", "4", "3", "地区ごとの交流会で提供会員と利用会員の顔合わせを進めた。", "提供会員の数が地区によって大きく異なる。"),
    ("3", "3", "3", "3", "利用者支援専門員が区の窓口と同じ資料で説明するようにした。", "土日に相談を受ける体制が整っていない。"),
]


def tsuzuki_5kanen_numbers() -> tuple[bytes, dict]:
    """都筑区 5か年のまとめ: a sheet, one row per 目指す拠点の姿, the ratings numbers 1–4 under
    評価（4段階） 法人 / 区, the legend above the table."""
    from openpyxl.styles import Alignment
    wb = new_workbook()
    ws = wb.active
    ws.title = "5か年のまとめ"
    ws["A1"] = "都筑区地域子育て支援拠点事業　5か年のまとめ（令和元年度～令和5年度）"
    ws["A2"] = "評価（4段階）　4：十分達成した　3：概ね達成した　2：一部達成した　1：達成できなかった"
    ws["A4"], ws["B4"], ws["C4"], ws["E4"], ws["F4"] = "事業名", "目指す拠点の姿", "評価（4段階）", "成果", "課題"
    ws.merge_cells("C4:D4")
    ws["C5"], ws["D5"] = "法人", "区"
    for col in "ABEF":
        ws.merge_cells(f"{col}4:{col}5")
    row = 6
    programmes = []
    for no, ((name, aims), (g1, k1, g2, k2, outcome, issue)) in enumerate(zip(PROGRAMMES, TSUZUKI_5), 1):
        ws.cell(row=row, column=1, value=f"{no}　{name}")
        ws.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
        for k, (aim, (a, b)) in enumerate(zip(aims, ((g1, k1), (g2, k2)))):
            ws.cell(row=row + k, column=2, value=aim).alignment = Alignment(wrap_text=True)
            ws.cell(row=row + k, column=3, value=int(a))
            ws.cell(row=row + k, column=4, value=int(b))
        ws.cell(row=row, column=5, value=outcome)
        ws.cell(row=row, column=6, value=issue)
        ws.merge_cells(start_row=row, start_column=5, end_row=row + 1, end_column=5)
        ws.merge_cells(start_row=row, start_column=6, end_row=row + 1, end_column=6)
        programmes.append(prog_want(no, (g1, k1, g2, k2), outcome, issue))
        row += 2
    want = {"ward": "都筑区", "years": [2019, 2023], "doc_type": "5か年のまとめ", "programmes": programmes}
    return xlsx_bytes(wb), want


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _tracked(d, paragraph, kind: str, text: str, rid: int):
    """Put a run of `text` inside a w:ins or w:del (kind) in `paragraph`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    wrap = OxmlElement(f"w:{kind}")
    wrap.set(qn("w:id"), str(rid))
    wrap.set(qn("w:author"), "こども家庭支援課")
    wrap.set(qn("w:date"), "2024-05-20T10:00:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    wrap.append(r)
    paragraph._p.append(wrap)
    return wrap


def _deleted_paragraph(d, text: str, rid: int):
    """A paragraph deleted whole with tracking on: its run in w:del and its mark deleted too."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    p = d.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    mark = OxmlElement("w:del")
    mark.set(qn("w:id"), str(rid + 500))
    mark.set(qn("w:author"), "こども家庭支援課")
    mark.set(qn("w:date"), "2024-05-20T10:00:00Z")
    rpr.append(mark)
    ppr.append(rpr)
    _tracked(d, p, "del", text, rid)
    return p


def midori_tracked_changes() -> tuple[bytes, dict]:
    """緑区: a Word report sent back with tracked changes — a third goal deleted whole, words
    inserted into and deleted from a goal's outcome — and reviewers' comments."""
    d = new_docx()
    d.add_paragraph("緑区地域子育て支援拠点事業　令和５年度　重点目標の振り返り")
    d.add_paragraph("事業の実施者　特定非営利活動法人みどりの輪　緑区こども家庭支援課")
    goals = [GOALS[20], GOALS[21]]
    rid = 1
    for i, g in enumerate(goals, 1):
        d.add_paragraph(f"重点目標{fw(i)}　{g['goal']}")
        d.add_paragraph("取組内容")
        d.add_paragraph(g["content"])
        d.add_paragraph("取組の成果")
        p = d.add_paragraph(g["outcome"])
        if i == 1:
            _tracked(d, p, "ins", "参加者アンケートでも満足度が高くなりました。", rid)
            _tracked(d, p, "del", "参加者は全員が満足したと答えました。", rid + 1)
            rid += 2
        if hasattr(d, "add_comment"):
            d.add_comment(p.runs, text="数字の根拠となる資料を添付してください。", author="区担当", initials="区")
        d.add_paragraph("取組の課題")
        d.add_paragraph(g["issue"])
    dropped = GOALS[22]
    for text in (f"重点目標３　{dropped['goal']}", "取組内容", dropped["content"], "取組の成果", dropped["outcome"],
                 "取組の課題", dropped["issue"]):
        _deleted_paragraph(d, text, rid)
        rid += 1
    want = {"ward": "緑区", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, 1, goals[0], not_in=[snip(goals[1]["goal"])]),
                      goal_want(2023, 2, goals[1])],
            "seen_once": ["参加者アンケートでも満足度が高く"],
            "not_seen": ["参加者は全員が満足したと", snip(dropped["goal"]), snip(dropped["content"]),
                         "数字の根拠となる資料"]}
    return docx_bytes(d), want


TOTSUKA_5 = [
    ("◎", "○", "○", "○", "親子が自由に過ごせる時間を増やし、五年で利用者が一・四倍になった。", "乳児と歩き始めた子が同じ空間で遊ぶ際の安全確保が難しい。"),
    ("○", "○", "◎", "○", "相談の記録を電子化し、区との共有が速くなった。", "夜間や休日の相談への対応が手薄である。"),
    ("○", "△", "○", "○", "地域の子育て情報をまとめた冊子を毎年改訂した。", "冊子を手に取らない若い世代への発信が弱い。"),
    ("◎", "◎", "○", "◎", "医療機関を含む連絡会を立ち上げ、事例の共有が進んだ。", "連絡会の事務を拠点だけで担っている。"),
    ("○", "○", "△", "△", "子育て支援者の研修を毎年開き、修了者がひろばで活躍した。", "研修修了後の活動の場が広がっていない。"),
    ("○", "◎", "○", "○", "提供会員の交流会を地区ごとに開き、会員の定着が進んだ。", "急な依頼に応えられる提供会員が少ない。"),
    ("◎", "○", "◎", "○", "出張相談を地区センターで始め、相談の件数が増えた。", "出張相談の会場の確保が年々難しくなっている。"),
]


def totsuka_5kanen_marks_docx() -> tuple[bytes, dict]:
    """戸塚区 5か年のまとめ in Word: per programme a heading, a table 目指す拠点の姿 | 法人 | 区
    rated ◎ / ○ / △ under a legend, then 成果 and 課題 as label rows of a second table."""
    d = new_docx()
    d.add_paragraph("戸塚区地域子育て支援拠点事業　５か年のまとめ")
    grid_table(d, [("対象期間", "令和元年度～令和５年度"), ("事業の実施者", "特定非営利活動法人とつか子育てネット　戸塚区こども家庭支援課")])
    d.add_paragraph("評価の基準　◎：十分にできた　○：おおむねできた　△：課題が残った")
    programmes = []
    for no, ((name, aims), (g1, k1, g2, k2, outcome, issue)) in enumerate(zip(PROGRAMMES, TOTSUKA_5), 1):
        d.add_paragraph(f"（{fw(no)}）{name}")
        grid_table(d, [("目指す拠点の姿", "法人評価", "区評価"), (aims[0], g1, k1), (aims[1], g2, k2)], cols=3)
        grid_table(d, [("成果", outcome), ("課題", issue)])
        programmes.append(prog_want(no, (g1, k1, g2, k2), outcome, issue))
    want = {"ward": "戸塚区", "years": [2019, 2023], "doc_type": "5か年のまとめ", "programmes": programmes}
    return docx_bytes(d), want


# --- batch 2 (held out: written with batch 1, not parsed until batch 1's fixes were done) ---------

def seya_office_sentence_pdf() -> tuple[bytes, dict]:
    """瀬谷区: a reportlab PDF titled by its hub's own name (not a known hub), the ward named only
    as 瀬谷区役所 in a sentence, the year as Ｒ４年度; labels as ＜取組内容＞ lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    font = pdf_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    lines = PagedLines(c, font, top=height - 60, bottom=60, x=55, chars=42)
    line, para = lines.line, lines.para

    line("子育て支援拠点　にじのたね", 14)
    line("Ｒ４年度　重点目標の振り返り", 12)
    para("にじのたねは、瀬谷区役所と毎月の連絡会を開きながら、親子の居場所と相談の場を運営しています。")
    goals = [GOALS[23], GOALS[24]]
    for i, g in enumerate(goals, 1):
        line(f"重点目標{fw(i)}　{g['goal']}", 11)
        for label, key in (("＜取組内容＞", "content"), ("＜取組の成果＞", "outcome"), ("＜取組の課題＞", "issue")):
            line(label)
            para(g[key])
    c.save()
    want = {"ward": "瀬谷区", "years": [2022, 2022], "doc_type": "単年度評価",
            "goals": [goal_want(2022, 1, goals[0], not_in=[snip(goals[1]["goal"])]),
                      goal_want(2022, 2, goals[1])]}
    return buf.getvalue(), want


def aoba_two_hubs_sheet() -> tuple[bytes, dict]:
    """青葉区: one sheet of two hubs, each a block with its 施設名 row and a goal table numbered from 1."""
    from openpyxl.styles import Alignment
    wb = new_workbook()
    ws = wb.active
    ws.title = "令和2年度"
    ws["A1"] = "青葉区地域子育て支援拠点　令和2年度　重点目標評価"
    row = 3
    blocks = [("地域子育て支援拠点ラフール", [GOALS[25], GOALS[26]]),
              ("地域子育て支援拠点ラフール　分室", [GOALS[27], GOALS[3]])]
    for name, goals in blocks:
        ws.cell(row=row, column=1, value="施設名")
        ws.cell(row=row, column=2, value=name)
        row += 1
        for c, h in enumerate(["No.", "重点目標", "取組内容", "取組の成果", "取組の課題"], 1):
            ws.cell(row=row, column=c, value=h)
        row += 1
        for i, g in enumerate(goals, 1):
            for c, v in enumerate([i, g["goal"], g["content"], g["outcome"], g["issue"]], 1):
                ws.cell(row=row, column=c, value=v).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        row += 1
    all_goals = [GOALS[25], GOALS[26], GOALS[27], GOALS[3]]
    want = {"ward": "青葉区", "years": [2020, 2020], "doc_type": "単年度評価",
            "goals": [goal_want(2020, 1, all_goals[0], not_in=[snip(all_goals[1]["goal"])]),
                      goal_want(2020, 2, all_goals[1], not_in=["施設名", snip(all_goals[2]["goal"])]),
                      goal_want(2020, 3, all_goals[2], not_in=[snip(all_goals[3]["goal"])]),
                      goal_want(2020, 4, all_goals[3])]}
    return xlsx_bytes(wb), want


def kanagawa_inline_labels_docx() -> tuple[bytes, dict]:
    """神奈川区: 2023年度（令和5年度）; goals （１）… with 『取組内容』：text, 【取組の成果】text and
    ［取組の課題］text on one line each."""
    d = new_docx()
    d.add_paragraph("神奈川区地域子育て支援拠点かなーちえ")
    d.add_paragraph("2023年度（令和5年度）重点目標の評価")
    goals = [GOALS[12], GOALS[15], GOALS[19]]
    for i, g in enumerate(goals, 1):
        d.add_paragraph(f"重点目標（{fw(i)}）{g['goal']}")
        d.add_paragraph(f"『取組内容』：{g['content']}")
        d.add_paragraph(f"【取組の成果】{g['outcome']}")
        d.add_paragraph(f"［取組の課題］{g['issue']}")
    want = {"ward": "神奈川区", "years": [2023, 2023], "doc_type": "単年度評価",
            "goals": [goal_want(2023, 1, goals[0], not_in=[snip(goals[1]["goal"])]),
                      goal_want(2023, 2, goals[1], not_in=[snip(goals[2]["goal"])]),
                      goal_want(2023, 3, goals[2])]}
    return docx_bytes(d), want


ISOGO_5 = [
    ("A", "A", "B", "A", "ひろばに季節の行事を取り入れ、五年で登録者が千人を超えた。", "登録者の半数が一年以内に来館しなくなる。"),
    ("B", "B", "B", "B", "電話相談の時間を延ばし、夕方の相談が増えた。", "相談員の人数が足りず、折り返しに時間がかかる。"),
    ("A", "B", "A", "A", "いそっぴ通信を毎月発行し、区の広報にも記事を載せた。", "紙面の情報が多く、読みにくいとの声がある。"),
    ("B", "C", "B", "B", "子育て支援団体の連絡会を年二回開いた。", "連絡会での話題が情報交換にとどまっている。"),
    ("B", "B", "C", "B", "サークル活動の相談に応じ、会場の紹介を行った。", "サークルの担い手が不足している。"),
    ("A", "A", "A", "B", "提供会員の研修を年四回に増やした。", "会員同士の顔合わせの機会が少ない。"),
    ("A", "A", "B", "B", "利用者支援専門員が出張相談を月二回行った。", "相談の記録の共有に時間がかかる。"),
]


def isogo_5kanen_toc_page() -> tuple[bytes, dict]:
    """磯子区 5か年のまとめ page: a table of contents of anchor links to the programmes, a rating
    table per programme (目指す拠点の姿 | 法人 | 区, A / B / C), 成果 and 課題 as h4 with lists."""
    toc = "\n".join(f'<li><a href="#p{no}">{no}　{name}</a></li>' for no, (name, _a) in enumerate(PROGRAMMES, 1))
    parts = []
    programmes = []
    for no, ((name, aims), (g1, k1, g2, k2, outcome, issue)) in enumerate(zip(PROGRAMMES, ISOGO_5), 1):
        parts.append(f"""<h3 id="p{no}">{no}　{name}</h3>
<table><thead><tr><th>目指す拠点の姿</th><th>自己評価（法人）</th><th>自己評価（区）</th></tr></thead><tbody>
<tr><td>{aims[0]}</td><td>{g1}</td><td>{k1}</td></tr>
<tr><td>{aims[1]}</td><td>{g2}</td><td>{k2}</td></tr></tbody></table>
<h4>成果</h4><ul><li>{outcome}</li></ul>
<h4>課題</h4><ul><li>{issue}</li></ul>
<p><a href="#top">目次へ戻る</a></p>""")
        programmes.append(prog_want(no, (g1, k1, g2, k2), outcome, issue))
    page = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8"><title>5か年のまとめ（平成28年度～令和2年度）　磯子区</title></head>
<body><div id="main">
<h1 id="top">磯子区地域子育て支援拠点いそっぴ　5か年のまとめ（平成28年度～令和2年度）</h1>
<p>評価の基準　A：達成できた　B：概ね達成できた　C：達成に向けて取組が必要</p>
<h2>目次</h2><ul>
{toc}
</ul>
{chr(10).join(parts)}
</div></body></html>
"""
    want = {"ward": "磯子区", "years": [2016, 2020], "doc_type": "5か年のまとめ", "programmes": programmes}
    return page.encode("utf-8"), want


BATCH2 = {
    "seya_r4_office_sentence_fullwidth_r.pdf": seya_office_sentence_pdf,
    "aoba_r2_two_hubs_one_sheet.xlsx": aoba_two_hubs_sheet,
    "kanagawa_r5_inline_bracket_labels.docx": kanagawa_inline_labels_docx,
    "isogo_h28_r2_5kanen_toc_page.html": isogo_5kanen_toc_page,
}

BATCH1 = {
    "izumi_r5_unlisted_hub_address.docx": izumi_unlisted_hub_address,
    "konan_r4_hub_and_satellite.docx": konan_hub_and_satellite,
    "sakae_r6_quoted_label_colon.txt": sakae_quoted_label_colon,
    "kanazawa_r3_indicator_rows.xlsx": kanazawa_indicator_rows,
    "hodogaya_r2_print_header_only.xls": hodogaya_print_header_xls,
    "minami_r3_page_header_every_page.pdf": minami_page_header_pdf,
    "asahi_r6_toc_anchor_page.html": asahi_toc_page,
    "tsuzuki_r1_r5_5kanen_four_levels.xlsx": tsuzuki_5kanen_numbers,
    "midori_r5_tracked_changes.docx": midori_tracked_changes,
    "totsuka_r1_r5_5kanen_marks.docx": totsuka_5kanen_marks_docx,
}

ABOUT = ("Seventeenth round: forms no earlier round had — hubs not among the known names, a hub and "
         "its satellite in one report, quoted labels with their text on one line, indicator tables, "
         "an .xls whose ward and year are only in its print header, a PDF's repeated page header, a "
         "page's table of contents, 5か年のまとめ rated 1–4 and ◎○△, tracked changes; written by "
         "make_docs.py before the parser was run on them (batch 2 held out until batch 1's fixes "
         "were done). Same keys as tests/data/unseen/expected.json.")


if __name__ == "__main__":
    write_builders(HERE, [BATCH1, BATCH2], ABOUT, sys.argv[1:])
