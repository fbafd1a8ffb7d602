"""Writes the documents of tests/data/unseen6 (run once; the outputs are committed).

    PYTHONPATH=$PWD python tests/data/unseen6/make_docs.py [batch]

Sixth round of reports nobody tuned the parser on (tests/data/unseen … unseen5 are the first
five): evaluations of 地域子育て支援拠点 / 子育て支援センター / つどいの広場 / 子育てひろば as
OTHER municipalities publish them — designated cities with wards (whose ward names are often
Yokohama's too: 鶴見区, 泉区, 中区, 南区, 西区, 緑区 …), other cities and towns — in their own
forms: 自己評価シート, 事業評価調書, 第三者評価の結果, 運営状況報告, 事業実績報告, 年度計画と
振り返り, KPI tables, 5段階 / ABC / ◎○△ ratings. The expected parse of every document was
written into expected.json before the parser was run on it.

The Word, Excel, PDF and CSV files are written here with the libraries the project already uses
(python-docx, openpyxl, reportlab) and LibreOffice (a Word file exported to PDF); the text and
HTML files too, so that one script holds the whole round.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.data.docgen import docx_bytes, pdf_font, ruled_row, soffice_convert, xlsx_bytes

HERE = Path(__file__).resolve().parent


def _write(name: str, text: str, encoding: str = "utf-8", crlf: bool = False) -> None:
    if crlf:
        text = text.replace("\n", "\r\n")
    (HERE / name).write_bytes(text.encode(encoding))


# --- batch 1 ------------------------------------------------------------------------------

KAWASAKI_ITEMS = [
    ("1", "親子の交流の場を提供し、孤立を防ぐ",
     "午前・午後の２部制にして、０歳児の親子だけの時間を週２回設けた。",
     "０歳児の親子の利用が前年度より３割増えた。",
     "午後の部の利用が少なく、時間帯の周知が必要である。", "A"),
    ("2", "子育て相談に応じ、必要な支援につなぐ",
     "保育士による個別相談を毎日受け、区の保健師と月１回ケース会議を開いた。",
     "相談件数は年間４１２件で、保健師につないだ件数は２３件だった。",
     "相談記録の書き方が職員によってばらつく。", "B"),
    ("3", "地域の子育て情報を集めて発信する",
     "高津区内の子育てサークルの情報を集め、毎月「たかつ子育て通信」を発行した。",
     "通信を見てサークルに参加した親子が１８組あった。",
     "紙の通信が中心で、若い世代に届きにくい。", "B"),
]


def kawasaki_takatsu_xlsx(path: Path) -> None:
    """川崎市: a self-evaluation workbook of numbered 評価項目 rated A–C, legend below."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自己評価シート"
    ws.append(["令和5年度　地域子育て支援センター　自己評価シート"])
    ws.append(["施設名", "川崎市高津区地域子育て支援センターたかつ"])
    ws.append(["運営法人", "社会福祉法人　たかつ福祉会"])
    ws.append([])
    ws.append(["No.", "評価項目", "今年度の取組内容", "成果", "課題・改善策", "自己評価（A～C）"])
    for row in KAWASAKI_ITEMS:
        ws.append(list(row))
    ws.append([])
    ws.append(["※評価　A：十分に達成できた　B：概ね達成できた　C：達成できなかった"])
    wb.save(path)


SAGAMIHARA = """\
2023年度（令和5年度）
相模原市つどいの広場事業　事業実績報告書

施設名　つどいの広場「ぽけっと」（中央区）
運営団体　NPO法人　さがみはら子育てネット

１　利用状況
　開設日数　２４３日
　延べ利用者数　親 ５，２１０人　子 ５，９８４人

２　重点的な取組
（１）初めて来る親子が居場所と感じられる広場にする
　【取組内容】
　　初回利用の親子にスタッフが声をかけ、広場の使い方を案内した。月１回「はじめまして会」を開いた。
　【実績・成果】
　　はじめまして会に延べ９６組が参加し、そのうち７割が２回目以降も来所した。
　【課題と今後の方向性】
　　はじめまして会の日に都合がつかない親子への案内が手薄だった。次年度は土曜日にも開く。

（２）地域の子育て支援者とつながる
　【取組内容】
　　中央区の主任児童委員と年４回の情報交換会を行った。
　【実績・成果】
　　民生委員から紹介された親子が１２組来所した。
　【課題と今後の方向性】
　　緑区や南区の広場との情報共有は進んでいない。市内の広場連絡会に参加し、事例を共有していく。

３　次年度に向けて
　利用者アンケートの結果を踏まえ、父親向けの土曜日プログラムを増やす。

令和6年4月30日
相模原市こども・若者未来局　こども・若者支援課　あて
"""

SAITAMA = """\
<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>平成30年度 地域子育て支援センター事業評価（浦和区）｜さいたま市</title></head>
<body>
<div id="header"><ul><li><a href="/">ホーム</a></li><li><a href="/kosodate/">子育て・教育</a></li>
<li><a href="/kosodate/center/">地域子育て支援センター</a></li></ul></div>
<div id="main">
<h1>平成30年度　地域子育て支援センター事業評価（浦和区）</h1>
<p>さいたま市では、各地域子育て支援センターが毎年度、事業の自己評価を行い、区の支援課が確認しています。</p>
<h2>子育て支援センターうらわ</h2>
<table border="1">
<tr><th>目標</th><th>取組内容</th><th>成果</th><th>課題</th><th>評価</th></tr>
<tr><td>1　転入してきた親子が地域になじめるようにする</td>
<td>転入者向けの「うらわ子育てマップ」を作り、区役所の転入手続きの窓口で配った。</td>
<td>マップを見て来所した転入家庭が年間５４組あった。</td>
<td>集合住宅の多い地域からの来所がまだ少ない。</td><td>○</td></tr>
<tr><td>2　父親が育児に参加するきっかけをつくる</td>
<td>土曜日に「パパと遊ぼう」を年６回開いた。</td>
<td>参加した父親の９割が「また参加したい」と答えた。</td>
<td>毎回同じ父親の参加が多く、新しい参加者が増えない。</td><td>◎</td></tr>
</table>
<p>評価　◎：目標を上回った　○：目標どおり　△：目標を下回った</p>
</div>
<div id="footer"><p>さいたま市浦和区役所 健康福祉部 支援課　電話：048-000-0000</p>
<p>Copyright © Saitama City. All rights reserved.</p></div>
</body>
</html>
"""


def chiba_hanamigawa_docx(path: Path) -> None:
    """千葉市: an operating report in Word paragraphs, goals 取組１ rated on a 5-point scale."""
    import docx

    d = docx.Document()
    d.add_heading("令和４年度　地域子育て支援センター運営状況報告書", level=1)
    d.add_paragraph("千葉市花見川区　子育て支援センターはなみがわ")
    d.add_paragraph("運営法人：社会福祉法人　はなみ会")
    d.add_heading("１　運営方針", level=2)
    d.add_paragraph("乳幼児とその保護者が安心して過ごせる場をつくり、地域の子育て家庭を支える。")
    d.add_heading("２　重点取組の実施状況と評価", level=2)
    goals = [
        ("取組１　乳児の親子の仲間づくり",
         "生後２か月から６か月の親子を対象に、全４回の「ねんねの会」を年４期開いた。",
         "参加した親子の多くが、会の終了後も一緒に来所するようになった。",
         "定員を超える申込みがあり、抽選に外れた親子への手当てができていない。", "４"),
        ("取組２　子育て講座の充実",
         "離乳食、歯みがき、絵本の選び方の講座を、区の栄養士や図書館と開いた。",
         "講座の参加者は延べ３１８人で、満足度は９２％だった。",
         "平日午前の開催のみで、働いている保護者が参加できない。", "３"),
    ]
    for title, content, outcome, issue, grade in goals:
        d.add_heading(title, level=3)
        d.add_paragraph("＜内容＞")
        d.add_paragraph(content)
        d.add_paragraph("＜成果＞")
        d.add_paragraph(outcome)
        d.add_paragraph("＜課題＞")
        d.add_paragraph(issue)
        d.add_paragraph(f"＜評価＞　{grade}（５段階）")
    d.add_heading("３　評価の基準", level=2)
    d.add_paragraph("５：大変よくできた　４：よくできた　３：ふつう　２：あまりできなかった　１：できなかった")
    d.add_paragraph("千葉市こども未来局こども未来部幼保支援課")
    d.save(path)


NAGOYA_LINES = [
    ("title", "2022年度　名古屋市地域子育て支援拠点事業（中区）　事業報告"),
    ("line", "拠点名：子育て応援拠点　なかっこひろば"),
    ("line", "運営：特定非営利活動法人　なごや子育てサポート"),
    ("gap", ""),
    ("head", "目標１　都心部で孤立しがちな子育て家庭の居場所になる"),
    ("label", "取組"),
    ("text", "マンションの多い地域の親子向けに、平日の夕方に「ゆうがたひろば」を週２回開き、仕事帰りの"
             "保護者も立ち寄れるようにした。"),
    ("label", "成果"),
    ("text", "ゆうがたひろばの利用は延べ１，１２０組で、その４割が初めて拠点を利用した家庭だった。"),
    ("label", "課題"),
    ("text", "夕方の時間帯はスタッフが２人しかおらず、相談を受ける余裕がない。"),
    ("gap", ""),
    ("head", "目標２　外国にルーツのある家庭とつながる"),
    ("label", "取組"),
    ("text", "やさしい日本語と英語・中国語のひろば案内を作り、中区役所の窓口と国際センターに置いた。"),
    ("label", "成果"),
    ("text", "外国にルーツのある家庭の利用が２０２１年度の１５組から４２組に増えた。"),
    ("label", "課題"),
    ("text", "ポルトガル語やネパール語を話す家庭には案内が届いていない。"),
    ("gap", ""),
    ("line", "名古屋市子ども青少年局子育て支援部子育て支援課"),
]


def nagoya_naka_pdf(path: Path) -> None:
    """名古屋市: a PDF whose paragraphs wrap at the text width, labels on lines of their own."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font("HeiseiMin-W3")
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 60
    for kind, text in NAGOYA_LINES:
        if kind == "gap":
            y -= 10
            continue
        size = 13 if kind == "title" else 11 if kind == "head" else 10.5
        x = 60 if kind in ("title", "head", "line") else 72 if kind == "label" else 84
        per_line = 40
        chunks = [text[i:i + per_line] for i in range(0, len(text), per_line)] or [""]
        for chunk in chunks:
            c.setFont(font, size)
            c.drawString(x, y, chunk)
            y -= size + 7
    c.setFont(font, 9)
    c.drawCentredString(width / 2, 30, "- 1 -")
    c.showPage()
    c.save()


OSAKA = """\
令和６年度（2024年度）　鶴見区つどいの広場事業　自己評価

広場名　つどいの広場「つるっこ」
実施法人　社会福祉法人　つるみ福祉会

◆評価項目①　親子が安心して過ごせる広場をつくる
　取組状況：季節ごとに遊びのコーナーを入れ替え、０歳児用のスペースを仕切って設けた。
　成果：「ゆっくり過ごせる」という声が増え、１日平均の利用が２８組から３５組になった。
　課題と今後の方向性：昼食時に混み合うため、飲食スペースの使い方を見直す。
　評価：◎

◆評価項目②　子育ての悩みを気軽に話せる場にする
　取組状況：毎週水曜日に子育てアドバイザーによる「おしゃべりタイム」を設けた。
　成果：おしゃべりタイムの相談は年間１８６件で、区の保健師への引き継ぎも１１件あった。
　課題と今後の方向性：相談が水曜日に集中し、他の曜日の相談に応じにくい。
　評価：○

（評価の区分　◎：十分にできた　○：おおむねできた　△：不十分だった）

大阪市鶴見区役所　保健福祉課（子育て支援）
"""

KOBE = """\
福祉サービス第三者評価結果

事業所名：神戸市西区地域子育て支援センター「にしっこ」
評価機関：一般社団法人　ひょうご福祉評価センター
評価実施期間：令和３年９月１日～令和３年１１月３０日

【総評】
◇特に評価の高い点
　利用者の声をもとに、０歳児から就学前までの年齢別のプログラムを組み、西区の保健師や児童館と連携して、
　必要な家庭を早く支援につなげている。
◇改善を求められる点
　職員の研修の記録が残っておらず、研修の成果を職員間で共有する仕組みがない。

【評価細目の第三者評価結果】
Ⅰ　福祉サービスの基本方針と組織
　１　理念・基本方針が明文化され周知が図られている。　　ａ
　２　事業計画が策定され、職員に周知されている。　　ｂ
Ⅱ　適切な福祉サービスの実施
　３　利用者の意向を把握し、サービスの改善に生かしている。　　ａ
　４　子育て相談の記録が適切に管理されている。　　ｂ

（ａ：よりよい福祉サービスの水準　ｂ：多くの施設・事業所の水準　ｃ：改善が求められる水準）

【事業所のコメント】
　評価を受けて、研修の記録の様式を定め、職員会議で報告する時間を設けることにした。
"""


FUKUOKA_ROWS = [
    ("親子の居場所づくり", "平日午前の利用者を増やす", "平日午前に手遊びと読み聞かせの時間を毎日設けた。",
     "平日午前の延べ利用者数", "4,000人", "4,620人", "平日午前の利用者が目標を上回り、常連の親子どうしの交流が生まれた。",
     "夏休み期間は兄姉が来るため、乳児が過ごしにくい。", "A"),
    ("子育て情報の発信", "LINEで必要な情報を届ける", "LINE公式アカウントを開設し、週１回イベント情報を配信した。",
     "LINE登録者数", "500人", "380人", "登録者からのイベントへの申込みが全体の４割になった。",
     "登録者が目標に届かず、登録の案内の仕方を見直す必要がある。", "B"),
]


def fukuoka_higashi_xlsx(path: Path) -> None:
    """福岡市: a plan-and-review workbook with KPI columns (指標, 目標値, 実績値)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2024年度"
    ws.append(["2024年度　子どもプラザ事業　計画と振り返り（福岡市東区）"])
    ws.append(["施設名：東区子どもプラザ　ひがしっこ"])
    ws.append([])
    ws.append(["取組項目", "計画（目標）", "実施内容", "指標", "目標値", "実績値", "振り返り（成果）", "課題", "評価"])
    for row in FUKUOKA_ROWS:
        ws.append(list(row))
    ws.append([])
    ws.append(["評価　A：計画どおり実施し成果があった　B：おおむね計画どおり　C：計画どおりでなかった"])
    wb.save(path)


SAPPORO = """\
令和２年度　札幌市地域子育て支援センター事業　評価報告（北区）

センター名：北区地域子育て支援センター「ちあふる・きた」

１．重点取組の評価
重点取組（１）　新型コロナウイルス感染症の中でも親子がつながれる場を保つ
　・取組状況
　　予約制で人数を制限して開館を続け、休館中はオンラインのひろばを週２回開いた。
　・成果
　　オンラインのひろばには延べ２１０組が参加し、休館中も相談が途切れなかった。
　・課題・改善策
　　オンラインに参加できない家庭には、電話で様子を聞く必要がある。
　・評価　４

重点取組（２）　子育てサロンの運営を支える
　・取組状況
　　北区内の子育てサロンに感染対策の手引きを配り、再開の相談に応じた。
　・成果
　　区内３２か所のサロンのうち２５か所が年度内に再開した。
　・課題・改善策
　　担い手の高齢化で、再開できないサロンがある。
　・評価　３

※評価は５段階（５：十分達成　４：ほぼ達成　３：一部達成　２：あまり達成できなかった　１：達成できなかった）

札幌市子ども未来局子育て支援部子育て支援課
"""

SAMUKAWA = """\
寒川町子育て支援センター　R5年度　事業評価シート

【基本情報】
施設名：寒川町子育て支援センター
所管：寒川町 子育て支援課

■評価項目１　子育て家庭の交流を進める
　〔実施内容〕毎月の誕生会と、季節の行事（七夕、クリスマス会）を開いた。
　〔成果〕誕生会には毎回１５組前後が参加し、参加者どうしで連絡を取り合う姿が見られた。
　〔課題〕行事の準備にスタッフの手がかかり、日々の見守りが手薄になる日があった。
　〔評価〕○

■評価項目２　育児の不安に寄り添う
　〔実施内容〕保健師の巡回相談を月２回行い、身長・体重の計測日を設けた。
　〔成果〕計測日をきっかけに相談する保護者が増えた。
　〔課題〕相談の内容が深刻な場合の、町の担当課へのつなぎ方を明確にする必要がある。
　〔評価〕△

評価　◎：よくできた　○：できた　△：あまりできなかった
"""

SENDAI = """\
<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>令和4年度 のびすく泉中央 事業評価 - 仙台市</title></head>
<body>
<nav><a href="/">トップ</a> &gt; <a href="/kosodate/">子育て</a> &gt; のびすく泉中央</nav>
<main>
<h1>令和4年度　子育てふれあいプラザ（のびすく泉中央）事業評価</h1>
<p>のびすく泉中央は、仙台市から委託を受けて、泉区の子育て家庭を支える拠点として運営しています。</p>
<h2>1　重点目標の評価</h2>
<h3>(1)　泉区の北部に住む親子にも拠点を利用してもらう</h3>
<p>取組内容：泉区北部の市民センターで、月に１回出張ひろばを開いた。</p>
<p>成果：出張ひろばの参加は延べ２０４組で、そのうち３割が泉中央の拠点にも来た。</p>
<p>課題：冬の間は雪で出張ひろばを中止する日があった。</p>
<p>評価：B</p>
<h3>(2)　ひとり親家庭を支える</h3>
<p>取組内容：泉区保健福祉センターと、ひとり親家庭向けの相談会を年４回開いた。</p>
<p>成果：相談会で話した家庭の半数が、その後も拠点を利用した。</p>
<p>課題：相談会の日程が平日で、働いている親が参加しにくい。</p>
<p>評価：B</p>
<h2>2　利用状況</h2>
<p>年間利用者数は延べ３１，２０４人（前年度２７，８８１人）でした。泉区内の利用者が８割を占めます。</p>
</main>
<footer><p>のびすく泉中央　〒981-3133 泉区泉中央1丁目</p></footer>
</body>
</html>
"""

KYOTO = """\
平成31年度（令和元年度）　地域子育て支援ステーション事業　自己評価
京都市南区　南区子育て支援ステーション「みなみっこ」

１　今年度の目標と振り返り

目標Ａ　乳幼児健診で拠点を知ってもらう
　実施したこと：南区役所の４か月児健診の会場で、ステーションの紹介コーナーを設けた。
　成果：健診の後に初めて来所した親子が年間７７組あった。
　課題：１歳６か月児健診では紹介の時間が取れなかった。
　達成度：Ｂ

目標Ｂ　地域の子育てサークルを応援する
　実施したこと：サークルのリーダー研修を年２回開き、遊びの道具を貸し出した。
　成果：新しいサークルが２つできた。
　課題：サークルの会場が見つからず、活動を休んでいるサークルがある。
　達成度：Ａ

２　利用状況
　開館日数２４２日、延べ利用者数８，６５０人
"""

HIROSHIMA_ROWS = [
    ("交流の場の提供", "０歳児の親子が安心して過ごせる時間をつくる",
     "毎週火曜日の午前を０歳児の親子専用の時間にした。", "火曜日の午前の利用は１回平均１２組で、前年度の倍になった。", "B",
     "専用の時間以外の日に０歳児が来にくい。次年度は月齢別の会を増やす。"),
    ("子育て相談", "相談しやすい雰囲気をつくる",
     "ひろばの一角に相談コーナーを設け、保育士が常にいるようにした。", "相談件数が前年度の１．５倍になった。", "A",
     "相談の内容が多様になり、職員の研修が追いついていない。次年度は外部研修に参加する。"),
]


def hiroshima_naka_csv(path: Path) -> None:
    """広島市: a plan-and-review table saved as a Shift_JIS CSV (as Excel saves one)."""
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["広島市中区地域子育て支援センター　2021年度　年度計画と振り返り"])
    w.writerow([])
    w.writerow(["項目", "年度計画（目標）", "取組内容", "成果", "評価", "課題・次年度に向けて"])
    for row in HIROSHIMA_ROWS:
        w.writerow(list(row))
    path.write_bytes(out.getvalue().encode("cp932"))


def sakai_pdf(path: Path) -> None:
    """堺市: a Word table per goal exported to PDF by LibreOffice (as a city's office would)."""
    import docx

    d = docx.Document()
    d.add_paragraph("令和５年度　堺市地域子育て支援拠点事業　自己評価表")
    d.add_paragraph("拠点名：堺区子育て支援拠点「さかいっこ」")
    goals = [
        ("目標１　妊娠中から拠点を知ってもらう",
         "保健センターの母親教室で、拠点の職員がひろばの様子を紹介した。",
         "母親教室の参加者のうち２２人が、出産後に拠点を利用した。",
         "父親の参加する両親教室では紹介できていない。", "Ｂ"),
        ("目標２　多胎児家庭を支える",
         "ふたご・みつごの親子の会を月１回開き、ベビーカーでの来所を手伝った。",
         "多胎児家庭の登録が１９組になった。",
         "外出が難しい家庭には、訪問などの別の支え方が必要である。", "Ａ"),
    ]
    for goal, content, status, issue, grade in goals:
        t = d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, value in (("目標", goal), ("取組内容", content), ("達成状況", status),
                             ("課題", issue), ("評価", grade)):
            cells = t.add_row().cells
            cells[0].text, cells[1].text = label, value
        d.add_paragraph("")
    d.add_paragraph("評価：Ａ　達成できた／Ｂ　おおむね達成できた／Ｃ　達成できなかった")
    d.add_paragraph("堺市子ども青少年局子ども青少年育成部子ども家庭課")
    path.write_bytes(soffice_convert(docx_bytes(d), ".docx", "pdf"))


CHIGASAKI = """\
事業評価調書
茅ヶ崎市

事業名　　地域子育て支援センター事業
所管課　　こども育成部　子育て支援課
評価対象年度　R5

１　事業の目的
　乳幼児とその保護者の交流の場を提供し、子育ての不安感を和らげる。

２　成果指標
　指標名　目標値　実績値　達成率
　延べ利用者数（人）　２０，０００　１８，４２０　９２％
　相談件数（件）　１，２００　１，３１５　１１０％

３　主な取組
　取組①　出張ひろばを開き、センターから遠い地域の親子とつながる
　　内容：市の北部の公民館で、月２回の出張ひろばを開いた。
　　成果：出張ひろばの参加は延べ４８０組で、半数が初めての利用だった。
　　課題：公民館の予約が取りにくく、開催日が不定期になった。
　取組②　父親の育児参加を促す
　　内容：土曜日の「パパの日」を毎月開いた。
　　成果：パパの日の参加は延べ１５０組だった。
　　課題：参加する父親が固定化している。

４　評価
　総合評価　Ｂ（おおむね順調）

５　今後の方向性
　現状のまま継続
"""


def batch1() -> None:
    kawasaki_takatsu_xlsx(HERE / "kawasaki_takatsu_r5_jikohyoka.xlsx")
    _write("sagamihara_2023_jisseki_hokoku.txt", SAGAMIHARA)
    _write("saitama_urawa_h30_hyoka.html", SAITAMA)
    chiba_hanamigawa_docx(HERE / "chiba_hanamigawa_r4_unei.docx")
    nagoya_naka_pdf(HERE / "nagoya_naka_2022_hokoku.pdf")
    _write("osaka_tsurumi_r6_jikohyoka.txt", OSAKA)
    _write("kobe_nishi_r3_daisansha.txt", KOBE)
    fukuoka_higashi_xlsx(HERE / "fukuoka_higashi_2024_keikaku.xlsx")
    _write("sapporo_kita_r2_hyoka.txt", SAPPORO)
    _write("samukawa_r5_hyoka_sheet.txt", SAMUKAWA, crlf=True)
    _write("sendai_izumi_r4_hyoka.html", SENDAI)
    _write("kyoto_minami_h31_jikohyoka.txt", KYOTO)
    hiroshima_naka_csv(HERE / "hiroshima_naka_2021_keikaku.csv")
    sakai_pdf(HERE / "sakai_r5_jikohyoka.pdf")
    _write("chigasaki_r5_chosho.txt", CHIGASAKI)


# --- batch 2 (written after batch 1's fixes, before the parser was run on it) ----------------

NIIGATA = """\
中央区地域子育て支援センター　令和５年度　事業評価

センター名：子育て支援センター「ぱれっと」

目標①　妊娠期から子育て期まで切れ目なく支える
【Plan 計画】
　妊婦とその家族が出産前にセンターを知る機会をつくる。
【Do 実施】
　保健師の両親学級の後に、センターの見学会を毎月開いた。
【Check 評価】
　見学会に参加した妊婦の６割が、出産後３か月以内に来所した。
【Action 改善】
　見学会に来られない妊婦のために、動画での紹介を検討する。
評価：Ｂ

目標②　親子が地域の人とつながる
【Plan 計画】
　地域の子育てサロンとセンターの行き来を増やす。
【Do 実施】
　サロンの代表者をセンターに招き、サロンの紹介コーナーを設けた。
【Check 評価】
　紹介コーナーを見てサロンに参加した親子が２４組あった。
【Action 改善】
　サロンの開催情報を毎月まとめて届ける仕組みが必要である。
評価：Ａ

新潟市中央区役所　健康福祉課
"""

KAISEI = """\
足柄上郡開成町　子育て支援センター　令和５年度　事業報告

１．利用状況
開所日数　２４０日　　延べ利用者数　４，３１０人

２．重点目標の評価
項目\t取組\t成果\t課題\t評価
①　０歳児の親子の居場所\t毎週木曜日を「あかちゃんの日」とし、助産師の相談日を設けた。\t０歳児の親子の利用が前年度の１．４倍になった。\t相談日の予約がすぐに埋まる。\t◎
②　地域の人との交流\t地域のボランティアによる読み聞かせと昔遊びの会を開いた。\t参加した親子と高齢者が顔見知りになった。\tボランティアの数が足りない。\t○

評価　◎：目標以上　○：目標どおり　△：目標を下回った
開成町 子ども支援課
"""

HAMAMATSU = """\
<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>子育て支援ひろば 事業評価（中央区）｜浜松市</title></head>
<body>
<header><p>浜松市 公式ホームページ</p></header>
<main>
<h1>2024年度（令和6年度）　中央区　子育て支援ひろば事業評価</h1>
<p>中央区内の子育て支援ひろばでは、年度ごとに重点目標を立てて、その達成状況を評価しています。</p>
<h2>重点目標1　転入した家庭が地域の子育て情報を得られるようにする</h2>
<table border="1">
<tr><th>取組内容</th><td>区役所の転入窓口で、ひろばの案内と子育てマップを渡した。</td></tr>
<tr><th>成果</th><td>マップを見て来所した転入家庭は年間６８組だった。</td></tr>
<tr><th>課題</th><td>外国籍の転入家庭に向けた案内がない。</td></tr>
<tr><th>評価</th><td>Ｂ</td></tr>
</table>
<h2>重点目標2　父親が参加しやすいひろばにする</h2>
<table border="1">
<tr><th>取組内容</th><td>日曜日に父親と子どもの遊びの会を年８回開いた。</td></tr>
<tr><th>成果</th><td>遊びの会には延べ１２０組が参加し、平日に来る父親も増えた。</td></tr>
<tr><th>課題</th><td>日曜日の開催にはスタッフの勤務の調整が必要である。</td></tr>
<tr><th>評価</th><td>Ａ</td></tr>
</table>
</main>
<footer><p>浜松市 こども家庭部 幼児教育・保育課</p></footer>
</body>
</html>
"""


def okayama_kita_xlsx(path: Path) -> None:
    """岡山市: a goal cell merged down over its labelled rows (項目 | 内容)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "H30"
    ws["A1"] = "北区子育て支援拠点　平成30年度　自己評価"
    ws["A2"] = "所管：岡山市保健福祉局"
    ws.append([])
    ws.append(["目標", "項目", "内容"])
    goals = [
        ("１　乳幼児の親子が気軽に集える場をつくる",
         "午前と午後に自由に遊べる時間を設け、季節の行事を月１回開いた。",
         "１日平均の利用が２２組から２７組に増えた。",
         "午後の利用が少なく、午後の行事を増やす必要がある。", "Ｂ"),
        ("２　子育ての相談に応じる",
         "子育てコンシェルジュが常駐し、電話での相談にも応じた。",
         "相談件数は年間２６０件で、前年度より５０件多かった。",
         "相談を区の保健センターにつなぐ基準があいまいである。", "Ｂ"),
    ]
    for goal, content, outcome, issue, grade in goals:
        first = ws.max_row + 1
        for label, value in (("取組内容", content), ("成果", outcome), ("課題", issue), ("評価", grade)):
            ws.append([None, label, value])
        ws.cell(first, 1, goal)
        ws.merge_cells(start_row=first, start_column=1, end_row=first + 3, end_column=1)
    wb.save(path)


def sendai_aoba_pdf(path: Path) -> None:
    """仙台市: a Word report of headed paragraphs exported to PDF by LibreOffice."""
    import docx

    d = docx.Document()
    d.add_heading("青葉区子育てふれあいプラザ　令和６年度（2024年度）事業評価", level=1)
    d.add_paragraph("施設名：のびすく仙台")
    goals = [
        ("重点目標１　乳児とその保護者が安心して過ごせる場をつくる",
         "０歳児専用の部屋を設け、毎日午前に保育士が遊びを紹介した。",
         "０歳児の親子の利用が、前年度より月平均で４０組増えた。",
         "部屋の広さに限りがあり、混み合う日は入室を待ってもらった。", "Ａ"),
        ("重点目標２　子育て支援団体どうしのつながりをつくる",
         "青葉区内の子育て支援団体の交流会を年３回開いた。",
         "交流会をきっかけに、団体どうしの合同行事が２つ開かれた。",
         "交流会に参加する団体が固定している。", "Ｂ"),
    ]
    for goal, content, outcome, issue, grade in goals:
        d.add_heading(goal, level=2)
        for label, text in (("取組内容", content), ("成果", outcome), ("課題", issue)):
            para = d.add_paragraph()
            para.add_run(f"〔{label}〕").bold = True
            d.add_paragraph(text)
        d.add_paragraph(f"自己評価：{grade}")
    d.add_paragraph("")
    d.add_paragraph("仙台市子供未来局子供育成部子供家庭支援課")
    path.write_bytes(soffice_convert(docx_bytes(d), ".docx", "pdf"))


def nagoya_minato_csv(path: Path) -> None:
    """名古屋市: a KPI table with an achievement-rate column, UTF-8 with a BOM (as Excel saves)."""
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["令和３年度　港区地域子育て支援拠点事業　実績と評価"])
    w.writerow(["実施主体", "名古屋市港区役所民生子ども課"])
    w.writerow([])
    w.writerow(["No", "重点取組", "具体的な取組", "指標", "目標値", "実績値", "達成率", "成果", "課題"])
    w.writerow(["1", "出張ひろばで身近な地域に出向く", "港区南部のコミュニティセンターで出張ひろばを月２回開いた。",
                "出張ひろばの参加組数", "400組", "380組", "95%",
                "拠点から遠い地域の親子が、出張ひろばで初めて拠点を知った。", "会場の予約が取れず、中止した回があった。"])
    w.writerow(["2", "子育て講座の充実", "離乳食と歯みがきの講座を保健センターと共催した。",
                "講座の参加者数", "300人", "240人", "80%",
                "講座の後に個別の相談をする保護者が多かった。", "平日午前の講座に、働く保護者が参加しにくい。"])
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


SAPPORO_MINAMI_GOALS = [
    ("１ 中山間地域の親子の孤立を防ぐ", "定山渓や簾舞の会館で出張ひろばを月１回開いた。",
     "出張ひろばに延べ１３２組が参加した。", "冬は道路事情で中止が多い。", "Ｂ"),
    ("２ 子育てサークルを育てる", "サークルの立ち上げ講座を開き、遊具を貸し出した。",
     "新しいサークルが３つ生まれた。", "活動場所の確保が難しい。", "Ａ"),
]


def sapporo_minami_pdf(path: Path) -> None:
    """札幌市: a PDF goal table of five ruled columns, cells wrapped, a running footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = pdf_font()
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    xs = [40, 150, 290, 420, 520, 555]
    per_line = [7, 9, 8, 6, 2]

    def row(y, cells, size=9):
        return ruled_row(c, font, xs, per_line, y, cells, size)

    c.setFont(font, 12)
    c.drawString(40, height - 50, "2022年度（令和4年度）　南区子育て支援センター　事業評価")
    y = row(height - 80, ["重点目標", "取組内容", "成果", "課題", "評価"])
    for goal in SAPPORO_MINAMI_GOALS:
        y = row(y, list(goal))
    c.setFont(font, 8)
    c.drawString(40, 40, "札幌市南区保健福祉部健康・子ども課")
    c.drawCentredString(width / 2, 25, "1")
    c.showPage()
    c.save()


def kawasaki_miyamae_xlsx(path: Path) -> None:
    """川崎市: a plan-do-check-act sheet, a goal per row, 宮前区 the only place named."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "R2"
    ws["A1"] = "令和2年度　宮前区地域子育て支援センター　年間計画と振り返り"
    ws.append([])
    ws.append(["重点目標", "計画（P）", "実施（D）", "評価（C）", "改善（A）"])
    ws.append(["１　休館中も親子とつながり続ける", "休館中の親子への連絡手段を用意する。",
               "休館中に電話相談の時間を毎日設け、ひろばだよりを郵送した。",
               "電話相談は４月と５月で９８件あり、孤立しがちな家庭に声をかけられた。",
               "電話だけでは様子がわかりにくく、オンラインの面談を取り入れる。"])
    ws.append(["２　再開後のひろばを安心して使えるようにする", "感染対策をした上でひろばを再開する。",
               "予約制で１回１０組までとし、利用の間に換気と消毒を行った。",
               "再開後、利用者アンケートで９割が「安心して利用できた」と答えた。",
               "予約が取りにくいという声があり、予約枠の増やし方を考える。"])
    wb.save(path)


def kumamoto_higashi_docx(path: Path) -> None:
    """熊本市: Word headings per goal, the content as a bulleted list."""
    import docx

    d = docx.Document()
    d.add_heading("令和元年度　東区子育て支援センター　運営評価", level=1)
    d.add_paragraph("熊本市こども局　子ども支援課")
    d.add_paragraph("評価期間：平成31年4月1日～令和2年3月31日")
    goals = [
        ("重点目標1　震災後の子育て家庭の不安に寄り添う",
         ["臨床心理士による個別相談を月２回行った。", "親子で体を動かす遊びの会を開いた。"],
         "個別相談を利用した保護者から「気持ちが楽になった」という声が多く聞かれた。",
         "相談の予約が取りにくい月があった。", "Ｂ"),
        ("重点目標2　地域の子育て支援の担い手を増やす",
         ["子育てサポーター養成講座を全６回開いた。", "修了者がひろばで活動する機会をつくった。"],
         "講座の修了者１５人のうち９人がひろばで活動を始めた。",
         "活動を続けてもらうための振り返りの場がない。", "Ａ"),
    ]
    for goal, contents, outcome, issue, grade in goals:
        d.add_heading(goal, level=2)
        d.add_paragraph("取組内容")
        for line in contents:
            d.add_paragraph(line, style="List Bullet")
        d.add_paragraph("成果")
        d.add_paragraph(outcome)
        d.add_paragraph("課題")
        d.add_paragraph(issue)
        d.add_paragraph(f"評価　{grade}")
    d.save(path)


SHIZUOKA = """\
<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>葵区地域子育て支援センター 令和4年度事業評価</title></head>
<body>
<h1>葵区地域子育て支援センター　令和4年度事業評価</h1>
<h3>目標１　絵本を通して親子の時間を豊かにする</h3>
<table>
<tr><th>取組内容</th><td>図書館と連携して、月１回の「えほんの日」を開いた。</td></tr>
<tr><th>成果</th><td>えほんの日に参加した親子の８割が、家でも読み聞かせをするようになったと答えた。</td></tr>
<tr><th>課題</th><td>０歳児向けの絵本が少ない。</td></tr>
<tr><th>達成度</th><td>★★★★☆</td></tr>
</table>
<h3>目標２　祖父母世代にもセンターを使ってもらう</h3>
<table>
<tr><th>取組内容</th><td>孫と一緒に来る祖父母向けに「まごの日」を設けた。</td></tr>
<tr><th>成果</th><td>まごの日には毎回１０組ほどが参加した。</td></tr>
<tr><th>課題</th><td>祖父母への周知の方法が限られている。</td></tr>
<tr><th>達成度</th><td>★★★☆☆</td></tr>
</table>
<p>達成度は５段階で示しています（★５つが最も高い）。</p>
</body>
</html>
"""

IWATSUKI = """\
岩槻区子育て支援センター　R4年度　事業評価シート

【目標1】　人形のまちの子育て家庭が集える場をつくる
◇取組
　ひろばの開館日を週４日から週５日に増やした。
◇成果
　延べ利用者数が前年度の１．２倍になった。
◇課題
　土曜日の開館を望む声に応えられていない。
◇評価　Ｂ

【目標2】　発達が気になる子の親を支える
◇取組
　発達相談の専門職による相談会を２か月に１回開いた。
◇成果
　相談会の後、療育につながった子が７人いた。
◇課題
　相談会の待ち期間が長い。
◇評価　Ｂ
"""

CHIBA_WAKABA = """\
2023（令和5）年度　千葉市若葉区子育て支援館　事業評価

Ⅰ　親子の居場所の充実
（１）取組内容
　雨の日でも体を動かせるように、室内の遊具を入れ替えた。
（２）成果
　雨の日の利用が前年度より３割増えた。
（３）課題
　遊具の点検に時間がかかる。
自己評価：Ｂ（おおむね達成）

Ⅱ　子育て情報の提供
（１）取組内容
　若葉区の子育て情報を毎月の「わかばだより」にまとめて配った。
（２）成果
　わかばだよりを見て講座に申し込む人が増えた。
（３）課題
　紙で配るだよりが、若い世代の手に届いていない。
自己評価：Ａ（達成）
"""

KOBE_TARUMI = """\
令和５年度　垂水区地域子育て支援センター　事業評価調書

１　活動指標
　指標　　　　　　　　　目標　　　　実績
　ひろばの開催日数　　　２４０日　　２４２日
　子育て相談件数　　　　５００件　　５３８件

２　取組ごとの評価

取組１　妊娠期からのつながりづくり
　実施状況：プレママ・パパ教室を年６回開き、センターの見学を案内した。
　成果（アウトカム）：教室に参加した妊婦の７割が、出産後にセンターに登録した。
　課題・今後の方針：教室の日程が平日のため、父親の参加が少ない。土曜日の開催を検討する。
　評価：Ａ（順調）

取組２　乳幼児健診でのセンターの周知
　実施状況：区役所の３か月児健診の会場で、センターの紹介を行った。
　成果（アウトカム）：健診をきっかけに来所した親子が年間９０組あった。
　課題・今後の方針：健診の会場が混み合い、紹介の時間が短い。
　評価：Ｂ（概ね順調）
"""


def ninomiya_docx(path: Path) -> None:
    """二宮町: a Word table of goals across columns with plain-word headers."""
    import docx

    d = docx.Document()
    d.add_paragraph("令和６年度（2024年度）　子育て支援センター　事業評価")
    d.add_paragraph("神奈川県中郡二宮町　子育て・健康課")
    t = d.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ["目標", "取り組んだこと", "結果", "今後の課題", "評価"]):
        cell.text = text
    rows = [
        ("子育て中の親の仲間づくり", "月齢ごとの親子の集まりを毎月開いた。", "集まりの後に、親どうしで公園に出かけるようになった。",
         "参加者が多い月齢と少ない月齢の差が大きい。", "○"),
        ("町の子育て情報をまとめて届ける", "町の子育てガイドブックを作り、転入時に配った。", "ガイドブックを見てセンターに来た転入家庭が増えた。",
         "ガイドブックの情報の更新が年１回しかできない。", "△"),
    ]
    for row in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    d.add_paragraph("評価　○：できた　△：一部できた　×：できなかった")
    d.save(path)


ASAMINAMI = """\
令和３年度　安佐南区地域子育て支援センター　振り返りシート

■ねらい１　はじめての親子が安心して来られるセンター
やったこと：はじめて来た親子に、スタッフが一組ずつ声をかけて案内した。
わかったこと：２回目も来た親子が、前年度より多くなった。
これから：声かけの仕方をスタッフで話し合い、そろえていく。

■ねらい２　地域とのつながり
やったこと：近くの保育園と合同で、夏祭りと運動会ごっこを開いた。
わかったこと：保育園の園庭開放にも参加する親子が増えた。
これから：保育園以外の地域の施設とのつながりを広げる。
"""


def batch2() -> None:
    _write("niigata_chuo_r5_pdca.txt", NIIGATA)
    _write("kaisei_r5_jigyo_hokoku.txt", KAISEI)
    _write("hamamatsu_chuo_2024_hyoka.html", HAMAMATSU)
    okayama_kita_xlsx(HERE / "okayama_kita_h30_jikohyoka.xlsx")
    sendai_aoba_pdf(HERE / "sendai_aoba_r6_hyoka.pdf")
    nagoya_minato_csv(HERE / "nagoya_minato_r3_kpi.csv")
    sapporo_minami_pdf(HERE / "sapporo_minami_2022_hyoka.pdf")
    kawasaki_miyamae_xlsx(HERE / "kawasaki_miyamae_r2_pdca.xlsx")
    kumamoto_higashi_docx(HERE / "kumamoto_higashi_r1_unei.docx")
    _write("shizuoka_aoi_r4_hoshi.html", SHIZUOKA)
    _write("iwatsuki_r4_hyoka_sheet.txt", IWATSUKI, encoding="cp932", crlf=True)
    _write("chiba_wakaba_2023_hyoka.txt", CHIBA_WAKABA)
    _write("kobe_tarumi_r5_chosho.txt", KOBE_TARUMI)
    ninomiya_docx(HERE / "ninomiya_r6_hyoka.docx")
    _write("asaminami_r3_furikaeri.txt", ASAMINAMI)


# --- batch 3 (written after batch 2's fixes, before the parser was run on it) ----------------

HIRATSUKA = """\
2022年度　平塚市子育て支援センター事業　評価報告書

Ⅰ　基本事業の評価

（１）子育て親子の交流の場の提供と交流の促進
　実施状況：平日の午前・午後にひろばを開け、季節の行事を月２回開いた。
　成果：１日平均の利用は３４組で、前年度より６組増えた。
　課題：行事の日に利用が集中し、普段の日との差が大きい。
　評価：Ａ

（２）子育て等に関する相談、援助の実施
　実施状況：保育士と子育て支援員が常に相談に応じ、月１回は助産師の相談日を設けた。
　成果：相談件数は年間５８０件で、助産師の相談日は毎回予約で埋まった。
　課題：相談の記録を職員間で共有する時間が取れていない。
　評価：Ｂ

（３）地域の子育て関連情報の提供
　実施状況：市内の子育て情報をまとめた掲示板を設け、毎月更新した。
　成果：掲示板を見て、市の講座や健診に申し込む人が増えた。
　課題：掲示板を見るのがひろばの利用者に限られる。
　評価：Ｂ

（４）子育て及び子育て支援に関する講習等の実施
　実施状況：離乳食、応急手当、絵本の講座を年１２回開いた。
　成果：講座の満足度は平均で９５％だった。
　課題：講座の定員を超える申込みがあり、抽選になる回が多い。
　評価：Ｓ

評価　Ｓ：目標を大きく上回った　Ａ：目標を達成した　Ｂ：おおむね達成した　Ｃ：達成できなかった

平塚市こども家庭課
"""


def chiba_mihama_pdf(path: Path) -> None:
    """千葉市: a workbook printed to PDF by LibreOffice (a sheet as the office prints it)."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Side

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価"
    ws["A1"] = "令和３年度　美浜区子育て支援館　自己評価シート"
    ws["A2"] = "千葉市こども未来局こども未来部"
    ws.append([])
    ws.append(["重点目標", "取組内容", "成果", "課題", "評価"])
    ws.append(["１　海辺の公園を使った外遊びを広げる", "天気のよい日に、近くの公園で外遊びの会を開いた。",
               "外遊びの会に延べ２３０組が参加した。", "雨の日や暑い日の代わりの活動がない。", "Ｂ"])
    ws.append(["２　父親の子育て仲間をつくる", "土曜日に父親向けの講座を年６回開いた。",
               "講座の後に父親どうしで集まるグループができた。", "講座を知らない父親が多い。", "Ａ"])
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=4, max_row=6, max_col=5):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDE", (22, 28, 24, 24, 6)):
        ws.column_dimensions[col].width = width
    for r in (5, 6):
        ws.row_dimensions[r].height = 48  # the wrapped cells' lines shown whole
    ws.page_setup.orientation = "landscape"  # the sheet printed on one page, as offices set it
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 1
    path.write_bytes(soffice_convert(xlsx_bytes(wb), ".xlsx", "pdf"))


OSAKA_JOTO = """\
<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>城東区子ども・子育てプラザ 自己評価（令和5年度）</title></head>
<body>
<h1>城東区子ども・子育てプラザ　令和5年度　自己評価表</h1>
<table border="1">
<thead><tr><th>取組目標</th><th>実施内容</th><th>成果</th><th>課題</th><th>自己評価</th></tr></thead>
<tbody>
<tr><td>乳幼児の親子が安心して遊べる</td><td>０歳から２歳の年齢別に遊びの時間を分けた。</td>
<td>年齢の近い親子どうしで話す姿が増えた。</td><td>３歳以上の子の遊び場が足りない。</td><td>できている</td></tr>
<tr><td>子育て家庭を地域の行事につなぐ</td><td>地域の夏祭りや防災訓練の案内をひろばで配った。</td>
<td>プラザの紹介で防災訓練に参加した家庭があった。</td><td>案内を配るだけで、一緒に参加する仕組みがない。</td><td>ほぼできている</td></tr>
</tbody>
</table>
<p>自己評価は「できている」「ほぼできている」「できていない」の３段階です。</p>
<p>大阪市城東区役所　保健福祉課</p>
</body>
</html>
"""

ODAWARA = """\
小田原市地域子育て支援センター
令和６年度　重点目標の評価

１．妊娠期から子育てのイメージを持てるようにする
【実施内容】
　プレママサロンを隔月で開き、先輩ママとの交流の時間を設けた。
【結果】
　プレママサロンの参加者の８割が、出産後にセンターを利用した。
【反省と課題】
　父親の参加がほとんどなかった。
評価結果：Ａ

２．小田原の自然の中で遊ぶ機会をつくる
【実施内容】
　城址公園や海岸で、季節ごとに外遊びの会を開いた。
【結果】
　外遊びの会に延べ１８０組が参加した。
【反省と課題】
　雨で中止になった回の振替ができなかった。
評価結果：Ｂ
"""


def nagoya_chikusa_csv(path: Path) -> None:
    """名古屋市: a goal table rated by the operator and by the city, each in its own column."""
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["千種区子育て応援拠点　令和４年度　取組の評価"])
    w.writerow([])
    w.writerow(["取組方針", "取組内容", "実績", "課題", "評価（法人）", "評価（市）"])
    w.writerow(["大学と連携した子育て講座", "区内の大学の教員を講師に、発達と遊びの講座を年４回開いた。",
                "講座の参加は延べ１１０人だった。", "講座の内容が難しいという声があった。", "Ａ", "Ｂ"])
    w.writerow(["転勤家庭の孤立を防ぐ", "転勤で来た家庭向けの交流会を毎月開いた。",
                "交流会の参加者どうしで情報を交換するようになった。", "転勤家庭の把握が難しい。", "Ｂ", "Ｂ"])
    path.write_bytes(out.getvalue().encode("cp932"))


def zushi_docx(path: Path) -> None:
    """逗子市: goals as Word's own numbered list (List Number), labels with colons below."""
    import docx

    d = docx.Document()
    d.add_paragraph("令和２年度　逗子市子育て支援センター　事業評価シート")
    d.add_paragraph("今年度の目標")
    goals = [
        ("感染症の流行下でも親子が安心して来られるようにする",
         "取組：予約制にして人数を制限し、おもちゃの消毒を毎回行った。",
         "成果：再開後の利用者アンケートで、９割が「安心して過ごせた」と答えた。",
         "課題：予約の電話がつながりにくいという声があった。"),
        ("オンラインで子育ての相談を受ける",
         "取組：ビデオ通話での子育て相談を週２回設けた。",
         "成果：オンライン相談は年間６２件あった。",
         "課題：通信の環境がない家庭には使えない。"),
    ]
    for goal, content, outcome, issue in goals:
        d.add_paragraph(goal, style="List Number")
        for line in (content, outcome, issue):
            d.add_paragraph(line)
    d.save(path)


def kitakyushu_sheets_xlsx(path: Path) -> None:
    """北九州市: a workbook with a sheet per goal, the title on a cover sheet."""
    import openpyxl

    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "表紙"
    cover["A1"] = "令和５年度　小倉北区親子ふれあいルーム　事業評価"
    cover["A3"] = "運営：社会福祉法人　こくら福祉会"
    goals = [
        ("目標１　商店街の中のひろばとして、買い物ついでに立ち寄れる場所にする",
         "商店街の空き店舗で、週３日ひろばを開いた。", "買い物帰りに立ち寄る親子が月平均で１５０組あった。",
         "昼の時間帯は狭く、ベビーカーを置く場所が足りない。", "Ａ"),
        ("目標２　商店街の人たちと子育て家庭をつなぐ", "商店街の店主による読み聞かせや工作の会を開いた。",
         "店主と顔見知りになった親子が、店に立ち寄るようになった。", "協力してくれる店が一部に限られる。", "Ｂ"),
    ]
    for n, (goal, content, outcome, issue, grade) in enumerate(goals, 1):
        ws = wb.create_sheet(f"目標{n}")
        ws["A1"] = goal
        for label, value in (("取組内容", content), ("成果", outcome), ("課題", issue), ("評価", grade)):
            ws.append([label, value])
    wb.save(path)


SAPPORO_CHUO = """\
<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>平成29年度 中央区子育て支援センター事業評価 - 札幌市</title></head>
<body>
<h1>平成29年度　中央区子育て支援センター事業評価</h1>
<table border="1">
<tr><th>重点目標</th><th>項目</th><th>内容</th></tr>
<tr><td rowspan="4">１　都心で子育てする家庭の居場所をつくる</td><td>取組内容</td><td>大通公園の近くの施設で、平日の昼休みにも開けるようにした。</td></tr>
<tr><td>成果</td><td>昼休みに立ち寄る親子が月平均で６０組あった。</td></tr>
<tr><td>課題</td><td>施設が狭く、混み合う時間がある。</td></tr>
<tr><td>評価</td><td>Ｂ</td></tr>
<tr><td rowspan="4">２　外国人の子育て家庭を支える</td><td>取組内容</td><td>英語と中国語の子育て情報の冊子を作った。</td></tr>
<tr><td>成果</td><td>冊子を見て来所した外国人の家庭が１２組あった。</td></tr>
<tr><td>課題</td><td>通訳ができるスタッフがいない。</td></tr>
<tr><td>評価</td><td>Ｃ</td></tr>
</table>
</body>
</html>
"""

ATSUGI = """\
厚木市子育て支援センター　2023年度　年度計画と振り返り

■目標１　子育て中の親の仲間づくりを進める
【計画】
　同じ月齢の子をもつ親の集まりを毎月開く。
【実施結果】
　月齢別の集まりを年１２回開き、延べ１４４組が参加した。
【振り返り】
　集まりで知り合った親どうしが、ひろばの外でも会うようになった。
【次年度への課題】
　２人目以降の子の親が参加しにくい雰囲気がある。

■目標２　子育て講座の充実
【計画】
　保健師や栄養士と協力して、子育て講座を開く。
【実施結果】
　離乳食と歯みがきの講座を年６回開いた。
【振り返り】
　講座の後に、個別の相談をする親が多かった。
【次年度への課題】
　講座の内容が毎年同じになっている。
"""

KIYOKAWA = """\
令和４年度　清川村子育て支援センター　事業報告

愛甲郡清川村　子育て支援センター「やまびこ」

重点的な取組\t内容\t成果\t課題
村外の親子との交流\t隣の町の子育て支援センターと合同で、年４回の交流会を開いた。\t村内の親子が、町の親子と一緒に遊ぶ機会ができた。\t交流会の会場までの移動が遠い家庭がある。
自然の中での遊び\t宮ヶ瀬湖の周りで、親子の散歩会を開いた。\t散歩会に毎回８組前後が参加した。\t天気に左右され、予定どおりに開けないことが多い。
"""


def batch3() -> None:
    _write("hiratsuka_2022_kihon4.txt", HIRATSUKA)
    chiba_mihama_pdf(HERE / "chiba_mihama_r3_sheet.pdf")
    _write("osaka_joto_r5_dekiteiru.html", OSAKA_JOTO)
    _write("odawara_r6_kekka.txt", ODAWARA)
    nagoya_chikusa_csv(HERE / "nagoya_chikusa_r4_two_raters.csv")
    zushi_docx(HERE / "zushi_r2_numbered.docx")
    kitakyushu_sheets_xlsx(HERE / "kitakyushu_kokurakita_r5_sheets.xlsx")
    _write("sapporo_chuo_h29_rowspan.html", SAPPORO_CHUO)
    _write("atsugi_2023_keikaku.txt", ATSUGI)
    _write("kiyokawa_r4_hokoku.txt", KIYOKAWA)


# --- batch 4 (written after batch 3's fixes, before the parser was run on it) ----------------

EBINA = """\
<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>子育て支援センター R6年度 事業評価｜海老名市</title></head>
<body>
<div class="breadcrumb">ホーム &gt; 子育て &gt; 子育て支援センター</div>
<h1>子育て支援センター　R6年度　事業評価</h1>
<p>海老名市子育て支援センターでは、毎年度、目標ごとに取組を振り返っています。</p>
<h2>目標1　駅に近い立地を生かし、働く親も立ち寄れるセンターにする</h2>
<dl>
<dt>取組内容</dt><dd>毎週金曜日は午後７時まで開け、仕事帰りの親子を迎えた。</dd>
<dt>成果</dt><dd>金曜日の夕方の利用が月平均で４５組あった。</dd>
<dt>課題</dt><dd>夕方の時間帯に相談を受けられる職員が少ない。</dd>
<dt>評価</dt><dd>◎</dd>
</dl>
<h2>目標2　多胎児の家庭を支える</h2>
<dl>
<dt>取組内容</dt><dd>ふたごの会を月１回開き、先輩の親の話を聞く機会をつくった。</dd>
<dt>成果</dt><dd>ふたごの会の参加家庭どうしで、外出の手助けをし合うようになった。</dd>
<dt>課題</dt><dd>会場までの移動が大変で、参加できない家庭がある。</dd>
<dt>評価</dt><dd>○</dd>
</dl>
<p class="contact">担当：海老名市こども育成課</p>
</body>
</html>
"""

SAGAMIHARA_MINAMI = """\
南区子育てひろば　令和５年度　振り返り

ひろば名：こあらっこひろば

目標１　相模大野駅周辺の転入家庭の居場所をつくる
取組内容：転入家庭向けの「はじめましての会」を月１回開いた。
成果：はじめましての会の参加者の半数が、その後もひろばを利用した。
課題：駅から離れた地域の転入家庭には案内が届いていない。

目標２　父親の育児参加を進める
取組内容：土曜日に父親と子どもの体操教室を開いた。
成果：体操教室に延べ９０組の父子が参加した。
課題：参加する父親の多くが同じ顔ぶれである。
"""


def sendai_izumi_docx(path: Path) -> None:
    """仙台市: a goal paragraph above a table per goal (取組内容 | 成果 | 課題 | 評価 across)."""
    import docx

    d = docx.Document()
    d.add_paragraph("令和３年度　泉区子育てふれあいプラザ　事業評価")
    d.add_paragraph("仙台市から指定管理者として運営を受託")
    goals = [
        ("目標１：泉区の西部の親子にも利用してもらう", "根白石の市民センターで出張ひろばを月１回開いた。",
         "出張ひろばに延べ１５０組が参加した。", "冬季は参加が少ない。", "Ｂ"),
        ("目標２：子育てサークルの活動を支える", "サークル向けにプラザの部屋を貸し出した。",
         "部屋を使ったサークルが１２団体あった。", "部屋の予約が重なる日がある。", "Ａ"),
    ]
    for goal, content, outcome, issue, grade in goals:
        d.add_paragraph(goal)
        t = d.add_table(rows=2, cols=4)
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, ["取組内容", "成果", "課題", "評価"]):
            cell.text = text
        for cell, text in zip(t.rows[1].cells, [content, outcome, issue, grade]):
            cell.text = text
        d.add_paragraph("")
    d.save(path)


SAKAI_NAKA = """\
中区子育て支援センター　令和４年度　自己評価

目標①　地域の子育て支援者どうしのつながりをつくる
〈取組〉
　民生委員や子育てサークルの代表が集まる連絡会を年３回開いた。
〈成果〉
　連絡会の参加者から、支援が必要な家庭の紹介が８件あった。
〈課題〉
　連絡会の日程が合わない支援者がいる。
自己評価：４点（５点満点）

目標②　子どもの発達の相談に応じる
〈取組〉
　発達相談員による相談日を月１回設けた。
〈成果〉
　相談日に来た親の多くが、区の発達相談につながった。
〈課題〉
　相談日の予約がすぐに埋まる。
自己評価：３点（５点満点）

堺市中区役所　子育て支援課
"""


def shimamoto_docx(path: Path) -> None:
    """島本町: a Word report of テーマ goals with 【実施状況】【効果】【今後の課題】 and 達成度."""
    import docx

    d = docx.Document()
    d.add_heading("島本町地域子育て支援センター　令和５年度（2023年度）事業評価", level=1)
    goals = [
        ("テーマ１　町内の親子が集える場を広げる", "町内の公民館を回る「おでかけひろば」を月２回開いた。",
         "おでかけひろばに延べ２６０組が参加した。", "公民館ごとに参加者の数に差がある。", "Ａ"),
        ("テーマ２　子育て家庭の防災への備えを進める", "消防署と防災の講座を開き、非常食の試食をした。",
         "講座の後、家庭で備蓄を始めたという声が多かった。", "講座に参加しなかった家庭への情報提供が必要である。", "Ｂ"),
    ]
    for goal, content, effect, issue, grade in goals:
        d.add_heading(goal, level=2)
        for label, text in (("【実施状況】", content), ("【効果】", effect), ("【今後の課題】", issue)):
            d.add_paragraph(label)
            d.add_paragraph(text)
        d.add_paragraph(f"達成度　{grade}")
    d.save(path)


HIGASHIKAWA = """\
令和５年度　東川町子育て支援センター　事業の振り返り

（ア）写真の町ならではの親子の思い出づくり
　内容：親子の写真撮影会を季節ごとに開いた。
　成果：撮影会に参加した親子が、撮った写真をセンターに飾るようになった。
　課題：撮影を手伝うボランティアが足りない。

（イ）移住してきた家庭の子育てを支える
　内容：移住してきた家庭向けに、町の子育て情報の説明会を開いた。
　成果：説明会に来た家庭の多くが、センターの常連になった。
　課題：移住の時期がばらばらで、説明会の日程を決めにくい。

東川町保健福祉課
"""


def funabashi_xlsx(path: Path) -> None:
    """船橋市: a plan-and-evaluation table with 年間目標 and 具体的取組 columns."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "事業計画・評価表"
    ws.append(["令和４年度　船橋市地域子育て支援センター　事業計画・評価表"])
    ws.append([])
    ws.append(["区分", "年間目標", "具体的取組", "実績", "自己評価", "課題・改善点"])
    ws.append(["交流", "親子が気軽に交流できる場をつくる", "季節の行事と、月齢ごとの交流会を開いた。",
               "交流会の参加は延べ３２０組だった。", "Ａ", "交流会の後の居場所づくりが必要である。"])
    ws.append(["相談", "相談しやすい雰囲気をつくる", "相談コーナーに保育士を常に置いた。",
               "相談件数が前年度の１．３倍になった。", "Ｂ", "相談内容の記録と引き継ぎの方法を決める。"])
    wb.save(path)


def hamakita_csv(path: Path) -> None:
    """浜松市: a goal table rated on a five-point scale (評価（５段階）), the old 浜北区."""
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["浜北区子育て支援ひろば　令和２年度　事業評価"])
    w.writerow(["重点目標", "取組内容", "成果", "課題", "評価（５段階）"])
    w.writerow(["外出を控える家庭とのつながりを保つ", "休館中に、電話とオンラインで子育て相談を受けた。",
                "休館中の相談は延べ１２０件あった。", "オンラインを使えない家庭への対応。", "4"])
    w.writerow(["再開後も安心して利用できるようにする", "予約制と入れ替え制で、人数を制限して開館した。",
                "再開後の利用者アンケートで９割が「安心できた」と答えた。", "予約枠が早く埋まってしまう。", "3"])
    path.write_bytes(out.getvalue().encode("utf-8"))


def batch4() -> None:
    _write("ebina_r6_dl.html", EBINA)
    _write("相模原市_南区子育てひろば_R5.txt", SAGAMIHARA_MINAMI)
    sendai_izumi_docx(HERE / "sendai_izumi_r3_goal_tables.docx")
    _write("sakai_naka_r4_ten.txt", SAKAI_NAKA)
    shimamoto_docx(HERE / "shimamoto_r5_theme.docx")
    _write("higashikawa_r5_kana.txt", HIGASHIKAWA)
    funabashi_xlsx(HERE / "funabashi_r4_keikaku_hyoka.xlsx")
    hamakita_csv(HERE / "hamakita_r2_five_point.csv")


BATCHES = {"1": batch1, "2": batch2, "3": batch3, "4": batch4}


def main() -> None:
    for name in sys.argv[1:] or sorted(BATCHES):
        BATCHES[name]()


if __name__ == "__main__":
    main()
