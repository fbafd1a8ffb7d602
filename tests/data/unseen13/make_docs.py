"""Writes the documents of tests/data/unseen13 and their expected.json (run once; the outputs
are committed). Needs python-docx and openpyxl (in the project's venv) and, for the two PDFs
Word would print, `soffice`.

    PYTHONPATH=$PWD python tests/data/unseen13/make_docs.py [NAME …]

Thirteenth round of documents nobody tuned the parser on, written by hand: **other cities'
evaluation forms, in the words and shapes their offices use** —

- section words other than 取組内容 / 成果 / 課題: 目標・実施内容・評価・今後の方向性; 取組状況・成果・課題
  及び改善策; 取組の概要・取組結果・今後の展望; 実施したこと・結果・評価・次年度への改善点; a 評価 grade
  row beside a 評価の理由 row; a 評価 column split into 自己評価 and 評価コメント;
- goals named 重点事項, 目標Ａ / 目標Ｂ, (1) (2), ア・イ, or not numbered at all (one per table row);
- shapes: a form of label blocks (a goal label merged down beside its rows of labels, the
  answers merged across, as Excel 方眼紙 forms are), a report laid out section by section with
  each goal an item (ア, イ) of every section, a table of several centres (the centre's name
  merged down over its goals), a goal cell merged down over two rows of measures, a grade and
  its reasons typed in one cell, a two-tier web table header;
- years as 令和元年度 with a 平成31年4月1日～令和2年3月31日 period, ２０２４年度（令和６年度）, full-width
  digits, 西暦 alone.

The generator never calls the parser; expected.json is what a human reader of each document
would say, written before the parser was run on them.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from tests.data.docgen import (docx_bytes, fw_alnum as fw, goals_expected, set_cell_lines, soffice_convert,
                               write_batches, xlsx_bytes)

HERE = Path(__file__).resolve().parent


def snip(text: str, n: int = 18) -> str:
    return text[:n]


# --- the reports' content (written for this round) --------------------------------------------------

POOL = [
    {"goal": "親子が安心して過ごせるひろばの運営",
     "content": "ひろばの開所時間を午後四時まで延ばし、季節ごとにおもちゃを入れ替えた。",
     "outcome": "延長した時間帯の利用が一日平均八組あり、兄弟連れの家庭の利用が増えた。",
     "issue": "午後の時間帯は職員が一人になるため、見守りの体制を整える必要がある。",
     "grade": "A"},
    {"goal": "妊娠中から出産後まで切れ目なく支える",
     "content": "プレパパママ教室を保健センターと共催し、出産後の来所を案内した。",
     "outcome": "教室の参加者のうち半数が出産後にひろばへ来所し、顔見知りの職員に相談できた。",
     "issue": "仕事を続ける妊婦が参加しにくく、土日の開催を検討する必要がある。",
     "grade": "B"},
    {"goal": "父親の育児参加を後押しする",
     "content": "父親向けの遊びの講座を土曜日に年六回開き、講座の様子を通信で紹介した。",
     "outcome": "講座に参加した父親が平日の夕方にも子どもを連れて来所するようになった。",
     "issue": "講座の参加者が毎回同じ顔ぶれで、初めての父親への呼びかけに工夫が要る。",
     "grade": "B"},
    {"goal": "地域の子育て情報を集めて届ける",
     "content": "市内の子育てサークルや公園の情報を地図にまとめ、月刊の情報紙に載せた。",
     "outcome": "情報紙を見て来所した家庭が増え、サークルへの問い合わせも前年の倍になった。",
     "issue": "転入してきた家庭に情報紙が届くまで時間がかかり、市の窓口との連携が要る。",
     "grade": "A"},
    {"goal": "一時預かりを安心して使える環境づくり",
     "content": "一時預かりの利用前に親子で慣らし保育の時間を設け、保育者の研修を行った。",
     "outcome": "初めて預ける親の不安が和らいだとの声が多く、再び利用する家庭が六割を超えた。",
     "issue": "予約が取りにくい日が続いており、受け入れ枠の見直しが必要である。",
     "grade": "B"},
    {"goal": "多胎児を育てる家庭の孤立を防ぐ",
     "content": "双子や三つ子の親子の会を隔月で開き、先輩家庭の体験談を聞く場を設けた。",
     "outcome": "会の参加者同士で外出の工夫を教え合うなど、家庭同士の交流が続いている。",
     "issue": "移動が大変で参加できない家庭もあり、訪問型の支援との組み合わせを考えたい。",
     "grade": "A"},
    {"goal": "子育てボランティアの育成",
     "content": "地域の大学と協力してボランティア講座を開き、受講者にひろばでの実習を案内した。",
     "outcome": "講座の修了者のうち十二名がボランティアとして登録し、行事の運営を手伝った。",
     "issue": "学生ボランティアは卒業で入れ替わるため、継続して募集する仕組みが要る。",
     "grade": "B"},
    {"goal": "障害のある子どもと家族の居場所づくり",
     "content": "療育機関の職員と連携し、少人数でゆっくり遊べる日を月二回設けた。",
     "outcome": "少人数の日に来所した家庭から、周りを気にせず過ごせたという声が寄せられた。",
     "issue": "少人数の日の定員がすぐに埋まり、回数を増やすための場所の確保が課題である。",
     "grade": "B"},
    {"goal": "離乳食や食事の悩みに応える",
     "content": "栄養士による離乳食の相談会を毎月開き、家庭で試せるレシピを配った。",
     "outcome": "相談会は毎回満員となり、家庭で試したレシピの写真を持ってくる親もいた。",
     "issue": "アレルギーのある子どもの食事の相談が増え、専門機関とのつなぎ方を整理したい。",
     "grade": "A"},
    {"goal": "地域の子育て支援者との連携を深める",
     "content": "自治会や民生委員、保育園との連絡会を年四回開き、地域の行事に出張ひろばを出した。",
     "outcome": "出張ひろばで出会った家庭が拠点にも来所するようになり、地域の見守りの目が増えた。",
     "issue": "連絡会の議題が報告中心となっており、具体的な協力の話し合いにつなげたい。",
     "grade": "B"},
    {"goal": "オンラインでも相談できる仕組みづくり",
     "content": "ビデオ通話による相談を予約制で始め、相談の受け方を職員で練習した。",
     "outcome": "外出しにくい時期の家庭から延べ四十件の相談があり、来所のきっかけにもなった。",
     "issue": "通信の環境が整わない家庭もあり、電話相談との使い分けを案内する必要がある。",
     "grade": "B"},
    {"goal": "外国にルーツのある家庭への支援",
     "content": "多言語の利用案内を作り、通訳が入るおしゃべり会を月一回開いた。",
     "outcome": "おしゃべり会をきっかけに、外国にルーツのある家庭同士のつながりが生まれた。",
     "issue": "通訳ボランティアが少ない言語があり、市の国際交流協会との協力を進めたい。",
     "grade": "A"},
]

# A goal's second measure (a second row of the same goal), for the forms that list two.
SECOND = [
    {"content": "ひろばの床と遊具を毎朝消毒し、点検の記録を掲示した。",
     "outcome": "保護者アンケートでひろばが清潔で安心という回答が九割を超えた。",
     "issue": "点検の記録が職員ごとに書き方が違い、様式をそろえたい。"},
    {"content": "母子手帳の交付窓口で拠点の案内を配ってもらうよう保健センターに依頼した。",
     "outcome": "案内を見て妊娠中に見学に来た家庭が前年の二倍になった。",
     "issue": "案内の置き場所が目立たず、配り方を保健センターと相談する。"},
    {"content": "支援者向けの研修会を開き、地域の子育て支援者の名簿を作った。",
     "outcome": "研修会の参加者から地域の行事への協力の申し出が相次いだ。",
     "issue": "名簿の更新を誰が担うかが決まっておらず、役割分担を整理したい。"},
    {"content": "外国籍の親子向けに日本の季節の行事を体験する会を開いた。",
     "outcome": "体験会に参加した家庭が次の月のおしゃべり会にも来所した。",
     "issue": "体験会の周知がやさしい日本語になっておらず、表現を見直す。"},
]


def goals_of(*indexes: int) -> list[dict]:
    return [POOL[i % len(POOL)] for i in indexes]


def want(city: str, year: int, goals: list[dict], grades: bool = True, **kw) -> dict:
    return {"ward_any": [city], "years": [year, year], "doc_type": "単年度評価",
            "goals": goals_expected(year, goals, grades), **kw}


# --- 1: a form of label blocks (さいたま市) -----------------------------------------------------------

def xlsx_label_blocks(year_label: str, centre: str, office: str, goals: list[dict]) -> bytes:
    """An Excel form of one block per goal: the goal's label (重点目標１) merged down the block's
    rows in column A, the row labels 目標 / 実施内容 / 評価 / 評価の理由 / 今後の方向性 in column B,
    each answer merged across C:H; the grade's legend above the blocks."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価シート"
    top = Alignment(wrap_text=True, vertical="top")
    ws["A1"] = f"{year_label}　地域子育て支援センター事業評価シート"
    ws["A1"].font = Font(size=14, bold=True)
    ws.merge_cells("A1:H1")
    ws["A3"] = "施設名"
    ws["C3"] = centre
    ws.merge_cells("A3:B3")
    ws.merge_cells("C3:H3")
    ws["A4"] = "所管"
    ws["C4"] = office
    ws.merge_cells("A4:B4")
    ws.merge_cells("C4:H4")
    ws["A5"] = "評価の基準"
    ws["C5"] = "Ａ：目標を上回った　Ｂ：目標どおり　Ｃ：目標を下回った"
    ws.merge_cells("A5:B5")
    ws.merge_cells("C5:H5")
    row = 7
    for n, g in enumerate(goals, 1):
        ws.cell(row=row, column=1, value=f"重点目標{fw(str(n))}")
        ws.merge_cells(start_row=row, start_column=1, end_row=row + 4, end_column=1)
        for k, (label, value) in enumerate((("目標", g["goal"]), ("実施内容", g["content"]), ("評価", fw(g["grade"])),
                                            ("評価の理由", g["outcome"]), ("今後の方向性", g["issue"]))):
            ws.cell(row=row + k, column=2, value=label)
            ws.cell(row=row + k, column=3, value=value)
            ws.merge_cells(start_row=row + k, start_column=3, end_row=row + k, end_column=8)
            ws.row_dimensions[row + k].height = 36
        row += 6
    for r_ in ws.iter_rows(min_row=3):
        for cell in r_:
            cell.alignment = top
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 14
    for col in "CDEFGH":
        ws.column_dimensions[col].width = 12
    return xlsx_bytes(wb)


# --- 2: section by section, each goal an item of every section (千葉市) ------------------------------

def docx_sections_first(year_label: str, place: str, period: str, goals: list[dict]) -> bytes:
    """A Word report laid out section by section: １ 今年度の目標 lists the goals as ア, イ; ２ 実施内容,
    ３ 評価 and ４ 今後の方向性 each say, item by item (ア, イ), what the goal of that letter got."""
    import docx
    d = docx.Document()
    d.add_heading(f"{year_label}　地域子育て支援センター事業　自己評価", level=1)
    d.add_paragraph(place)
    d.add_paragraph(f"評価対象期間：{period}")
    letters = "アイウエオ"
    for no, (head, key) in enumerate((("今年度の目標", "goal"), ("実施内容", "content"), ("評価", "outcome"),
                                      ("今後の方向性", "issue")), 1):
        d.add_heading(f"{fw(str(no))}　{head}", level=2)
        for k, g in enumerate(goals):
            d.add_paragraph(f"{letters[k]}　{g[key]}")
    return docx_bytes(d)


# --- 3: a table of several centres (秦野市) ----------------------------------------------------------

def xlsx_centres(year_label: str, city: str, centres: list[tuple[str, list[dict]]]) -> bytes:
    """A city's list of its centres' evaluations: 施設名 | 目標 | 実施内容 | 達成度 | 成果 | 今後の方向性,
    each centre's name merged down over its goals' rows, the goals not numbered."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価一覧"
    ws["A1"] = f"{year_label}　{city}地域子育て支援センター事業　評価結果一覧"
    ws["A1"].font = Font(size=14, bold=True)
    ws.merge_cells("A1:F1")
    ws.append(["施設名", "目標", "実施内容", "達成度", "成果", "今後の方向性"])
    row = 3
    for name, goals in centres:
        for k, g in enumerate(goals):
            ws.cell(row=row + k, column=1, value=name if k == 0 else None)
            for c, v in enumerate((g["goal"], g["content"], fw(g["grade"]), g["outcome"], g["issue"]), 2):
                ws.cell(row=row + k, column=c, value=v)
        ws.merge_cells(start_row=row, start_column=1, end_row=row + len(goals) - 1, end_column=1)
        row += len(goals)
    ws.cell(row=row + 1, column=1, value="達成度　Ａ：達成できた　Ｂ：おおむね達成できた　Ｃ：達成できなかった")
    for r_ in ws.iter_rows(min_row=2):
        for cell in r_:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEF", (18, 24, 36, 8, 36, 36)):
        ws.column_dimensions[col].width = width
    return xlsx_bytes(wb)


# --- 4: a city's web page, 目標Ａ / 目標Ｂ (川口市) ------------------------------------------------------

def html_city_page(year_label: str, city: str, address: str, goals: list[dict]) -> bytes:
    """A city site's page: navigation, breadcrumbs, h2 per goal (目標Ａ, 目標Ｂ), h3 labels 取組の概要 /
    取組結果 / 自己評価 / 今後の展望, a footer with the city hall's address."""
    parts = []
    for k, g in enumerate(goals):
        parts.append(f"<h2>目標{'ＡＢＣＤ'[k]}　{escape(g['goal'])}</h2>\n"
                     f"<h3>取組の概要</h3>\n<p>{escape(g['content'])}</p>\n"
                     f"<h3>取組結果</h3>\n<p>{escape(g['outcome'])}</p>\n"
                     f"<h3>自己評価</h3>\n<p>{fw(g['grade'])}</p>\n"
                     f"<h3>今後の展望</h3>\n<p>{escape(g['issue'])}</p>\n")
    page = f"""<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>{year_label}地域子育て支援拠点事業の事業評価｜{city}</title></head>
<body>
<header><p class="logo"><a href="/">{city}</a></p>
<nav><ul><li><a href="/kurashi/">くらし・手続き</a></li><li><a href="/kosodate/">子育て・教育</a></li>
<li><a href="/kenko/">健康・福祉</a></li><li><a href="/shisei/">市政情報</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">ホーム</a> &gt; <a href="/kosodate/">子育て・教育</a> &gt; 地域子育て支援拠点事業の事業評価</div>
<main>
<h1>{year_label}地域子育て支援拠点事業　事業評価</h1>
<p>市内の地域子育て支援拠点が、{year_label}の目標に対する取組を自ら評価しました。評価はＡ（目標を上回った）、Ｂ（目標どおり）、Ｃ（目標を下回った）の三段階です。</p>
{"".join(parts)}
<p class="update">更新日：2025年5月30日</p>
</main>
<footer><p>{city}役所　こども部　子育て支援課</p><p>{address}</p><p>電話：048-000-0000</p></footer>
</body>
</html>
"""
    return page.encode("utf-8")


# --- 5: a town's look-back sheet, a goal over two measures, printed from Word (葉山町) ----------------

def docx_goal_over_measures(year_label: str, place: str, goals: list[tuple[dict, dict]]) -> bytes:
    """A Word look-back sheet: 目標 | 実施したこと | 結果・評価 | 次年度への改善点, each goal's cell merged
    down over the two rows of its two measures."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm
    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    d.add_heading(f"{year_label}　子育て支援センター事業　振り返りシート", level=1)
    d.add_paragraph(place)
    t = d.add_table(rows=1 + 2 * len(goals), cols=4)
    t.style = "Table Grid"
    for c, head in enumerate(("目標", "実施したこと", "結果・評価", "次年度への改善点")):
        set_cell_lines(t.cell(0, c), head, bold=True)
    for k, (g, second) in enumerate(goals):
        r0 = 1 + 2 * k
        set_cell_lines(t.cell(r0, 0), f"{fw(str(k + 1))}　{g['goal']}")
        for r, item in ((r0, g), (r0 + 1, second)):
            set_cell_lines(t.cell(r, 1), item["content"])
            set_cell_lines(t.cell(r, 2), item["outcome"])
            set_cell_lines(t.cell(r, 3), item["issue"])
        t.cell(r0, 0).merge(t.cell(r0 + 1, 0))
    return docx_bytes(d)


# --- 6: 重点事項 and 課題及び改善策 (市川市) -------------------------------------------------------------

def docx_juten_jiko(year_label: str, office: str, goals: list[dict]) -> bytes:
    """A Word self-evaluation: 重点事項１ … headings, the labels 取組状況 / 成果 / 課題及び改善策 in
    brackets, a 達成度：Ａ line per goal."""
    import docx
    d = docx.Document()
    d.add_heading(f"{year_label}　地域子育て支援拠点事業　自己評価", level=1)
    d.add_paragraph(office)
    for n, g in enumerate(goals, 1):
        d.add_heading(f"重点事項{fw(str(n))}　{g['goal']}", level=2)
        for head, key in (("取組状況", "content"), ("成果", "outcome"), ("課題及び改善策", "issue")):
            d.add_paragraph(f"【{head}】")
            d.add_paragraph(g[key])
        d.add_paragraph(f"達成度：{fw(g['grade'])}")
    return docx_bytes(d)


# --- 7: a grade and its reasons in one cell, printed from Word (柏市) -------------------------------

def docx_grade_in_cell(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A Word report: 目標（１） paragraphs, each over a two-column table 実施内容 | 評価 | 今後の方向性
    whose 評価 cell holds the grade on its first line and the reasons below it."""
    import docx
    d = docx.Document()
    d.add_heading(f"{year_label}　{city}地域子育て支援拠点事業　事業評価", level=1)
    d.add_paragraph("評価は、Ａ（十分に達成）、Ｂ（おおむね達成）、Ｃ（達成が不十分）で記載しています。")
    for n, g in enumerate(goals, 1):
        d.add_paragraph(f"目標（{fw(str(n))}）　{g['goal']}")
        t = d.add_table(rows=3, cols=2)
        t.style = "Table Grid"
        for r, (label, value) in enumerate((("実施内容", g["content"]), ("評価", f"{fw(g['grade'])}\n{g['outcome']}"),
                                            ("今後の方向性", g["issue"]))):
            set_cell_lines(t.cell(r, 0), label)
            set_cell_lines(t.cell(r, 1), value)
        d.add_paragraph("")
    return docx_bytes(d)


# --- 8: a two-tier web table header (川越市) ---------------------------------------------------------

def html_two_tier_header(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A web page's table: 目標 | 実施内容 | 評価 (over 自己評価 | 評価コメント) | 今後の方向性, the first
    header row's cells but 評価 spanning both rows."""
    rows = []
    for n, g in enumerate(goals, 1):
        rows.append(f"<tr><td>（{n}）{escape(g['goal'])}</td><td>{escape(g['content'])}</td>"
                    f"<td class=\"c\">{fw(g['grade'])}</td><td>{escape(g['outcome'])}</td><td>{escape(g['issue'])}</td></tr>")
    page = f"""<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>地域子育て支援拠点事業評価（{year_label}）／{city}</title></head>
<body>
<div id="header"><a href="/">{city}</a> <a href="/sitemap.html">サイトマップ</a></div>
<div id="main">
<h1>地域子育て支援拠点事業評価（{year_label}）</h1>
<p>{city}内の地域子育て支援拠点の運営事業者が、{year_label}の取組を振り返りました。</p>
<table border="1">
<thead>
<tr><th rowspan="2">目標</th><th rowspan="2">実施内容</th><th colspan="2">評価</th><th rowspan="2">今後の方向性</th></tr>
<tr><th>自己評価</th><th>評価コメント</th></tr>
</thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<p>自己評価　Ａ：十分達成　Ｂ：おおむね達成　Ｃ：達成不十分</p>
</div>
<div id="footer">{city}　こども未来部　こども育成課</div>
</body>
</html>
"""
    return page.encode("utf-8")


def batch_1() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g = goals_of(0, 1)
    docs["saitama_r3_label_blocks.xlsx"] = (
        xlsx_label_blocks("令和３年度", "みぬま子育て支援センター", "さいたま市子ども未来局子ども育成部", g),
        want("さいたま市", 2021, g))
    g = goals_of(2, 3, 4)
    docs["chiba_r1_sections_first.docx"] = (
        docx_sections_first("令和元年度", "千葉市中央区　ちゅうおう子育て支援センター",
                            "平成31年4月1日～令和2年3月31日", g),
        want("千葉市", 2019, g, grades=False))
    a, b = goals_of(5, 6), goals_of(7, 8)
    docs["hadano_r4_centres.xlsx"] = (
        xlsx_centres("令和４年度", "秦野市", [("はだの子育て支援センター", a), ("みなみ子育てひろば", b)]),
        want("秦野市", 2022, a + b))
    g = goals_of(9, 10)
    docs["kawaguchi_2024_city_page.html"] = (
        html_city_page("２０２４年度（令和６年度）", "川口市", "〒332-8601　埼玉県川口市青木2丁目1番1号", g),
        want("川口市", 2024, g, not_seen=["くらし・手続き", "サイトマップ"]))
    g = goals_of(0, 11)
    seconds = [SECOND[0], SECOND[3]]
    w = want("葉山町", 2023, g, grades=False)  # a look-back sheet without a grade column
    # each goal's second measure is that goal's, not the next goal's
    w["goals"][1]["not_in"] = [snip(seconds[0]["content"]), snip(seconds[0]["outcome"])]
    w["goals"][0]["also"] = {"取組内容": snip(seconds[0]["content"]), "取組の成果": snip(seconds[0]["outcome"]),
                             "取組の課題": snip(seconds[0]["issue"])}
    w["goals"][1]["also"] = {"取組内容": snip(seconds[1]["content"]), "取組の成果": snip(seconds[1]["outcome"]),
                             "取組の課題": snip(seconds[1]["issue"])}
    docs["hayama_r5_goal_over_measures_word.pdf"] = (
        soffice_convert(docx_goal_over_measures("令和５年度", "神奈川県三浦郡葉山町　子育て支援センター",
                                                list(zip(g, seconds))), ".docx", "pdf"), w)
    g = goals_of(1, 3, 5)
    docs["ichikawa_r2_juten_jiko.docx"] = (
        docx_juten_jiko("令和２年度", "市川市　こども政策部　子ども施策課", g), want("市川市", 2020, g))
    g = goals_of(7, 9)
    docs["kashiwa_2020_grade_in_cell_word.pdf"] = (
        soffice_convert(docx_grade_in_cell(fw("2020年度"), "柏市", g), ".docx", "pdf"), want("柏市", 2020, g))
    g = goals_of(2, 8, 11)
    docs["kawagoe_r5_two_tier_header.html"] = (
        html_two_tier_header("令和５年度", "川越市", g), want("川越市", 2023, g, not_seen=["サイトマップ"]))
    return docs


# --- batch 2 (written after batch 1's fixes, before the parser was run on it: the held-out check) -------

def docx_grade_words_column(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A Word table of goals: 項目 | 目標 | 実施内容 | 評価 | 今後の方向性, whose 評価 cell holds the
    grade, then the reasons as a paragraph of their own."""
    import docx
    d = docx.Document()
    d.add_heading(f"{year_label}　{city}地域子育て支援拠点事業　事業評価", level=1)
    d.add_paragraph("評価欄には、Ａ（達成）・Ｂ（概ね達成）・Ｃ（未達成）の別と、その理由を記入する。")
    t = d.add_table(rows=1 + len(goals), cols=5)
    t.style = "Table Grid"
    for c, head in enumerate(("項目", "目標", "実施内容", "評価", "今後の方向性")):
        set_cell_lines(t.cell(0, c), head, bold=True)
    for n, g in enumerate(goals, 1):
        for c, v in enumerate((f"{fw(str(n))}", g["goal"], g["content"], f"{fw(g['grade'])}\n{g['outcome']}", g["issue"])):
            set_cell_lines(t.cell(n, c), v)
    return docx_bytes(d)


def html_kana_goals(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A city page: h2 重点目標, each goal an h3 numbered ア, イ, its parts in a <dl> (実施内容 / 評価 /
    課題及び今後の方向性), the grade in a <p> after the list."""
    parts = []
    for k, g in enumerate(goals):
        parts.append(f"<h3>{'アイウエ'[k]}　{escape(g['goal'])}</h3>\n<dl>\n<dt>実施内容</dt><dd>{escape(g['content'])}</dd>\n"
                     f"<dt>評価</dt><dd>{escape(g['outcome'])}</dd>\n"
                     f"<dt>課題及び今後の方向性</dt><dd>{escape(g['issue'])}</dd>\n</dl>\n"
                     f"<p>達成度：{fw(g['grade'])}</p>\n")
    page = f"""<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>子育て支援センター事業の評価（{year_label}）　{city}</title></head>
<body>
<div class="header"><a href="/">{city}ホームページ</a></div>
<div class="contents">
<h1>子育て支援センター事業の評価（{year_label}）</h1>
<p>{city}の子育て支援センターの取組について、{year_label}の評価をお知らせします。</p>
<h2>重点目標</h2>
{"".join(parts)}
<p>お問い合わせ　{city}　子ども部　子ども家庭課</p>
</div>
</body>
</html>
"""
    return page.encode("utf-8")


def docx_label_rows_reasons(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A Word form printed to PDF: per goal a label table 目標 / 取組内容 / 評価 / 評価の理由 / 改善点, the
    評価 row holding the grade alone."""
    import docx
    d = docx.Document()
    d.add_heading(f"{year_label}　地域子育て支援拠点事業　自己評価表", level=1)
    d.add_paragraph(f"{city}　子ども家庭課")
    for n, g in enumerate(goals, 1):
        d.add_paragraph(f"重点目標{fw(str(n))}")
        t = d.add_table(rows=5, cols=2)
        t.style = "Table Grid"
        for r, (label, value) in enumerate((("目標", g["goal"]), ("取組内容", g["content"]), ("評価", fw(g["grade"])),
                                            ("評価の理由", g["outcome"]), ("改善点", g["issue"]))):
            set_cell_lines(t.cell(r, 0), label)
            set_cell_lines(t.cell(r, 1), value)
        d.add_paragraph("")
    return docx_bytes(d)


def xlsx_kana_cells_marks(year_label: str, city: str, goals: list[dict], marks: list[str]) -> bytes:
    """A sheet: title with the year as 令和元年度（２０１９年度）, goal cells numbered ア / イ, a 評価
    column of ◎ ○ △ and the legend in a row under the table."""
    import openpyxl
    from openpyxl.styles import Alignment
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "R1"
    ws["A1"] = f"{year_label}　{city}子育て支援センター　事業評価"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["重点目標", "主な取組内容", "取組の結果", "評価", "次年度への課題"])
    for k, (g, mark) in enumerate(zip(goals, marks)):
        ws.append([f"{'アイウエ'[k]}　{g['goal']}", g["content"], g["outcome"], mark, g["issue"]])
    ws.append([])
    ws.append(["評価：◎　十分できた　○　できた　△　あまりできなかった"])
    for r_ in ws.iter_rows(min_row=3):
        for cell in r_:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDE", (28, 40, 40, 8, 40)):
        ws.column_dimensions[col].width = width
    return xlsx_bytes(wb)


def batch_2() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g = goals_of(4, 10)
    docs["kanazawa_city_r4_grade_words_column.docx"] = (
        docx_grade_words_column("令和４年度", "金沢市", g), want("金沢市", 2022, g))
    g = goals_of(6, 1, 9)
    docs["toyota_r3_kana_goals_page.html"] = (html_kana_goals("令和３年度", "豊田市", g), want("豊田市", 2021, g))
    g = goals_of(3, 8)
    docs["utsunomiya_2023_label_rows_word.pdf"] = (
        soffice_convert(docx_label_rows_reasons("2023年度（令和5年度）", "宇都宮市", g), ".docx", "pdf"),
        want("宇都宮市", 2023, g))
    g = [dict(x) for x in goals_of(11, 5, 7)]
    marks = ["◎", "○", "△"]
    for x, m in zip(g, marks):
        x["grade"] = m
    docs["gifu_r1_kana_cells_marks.xlsx"] = (
        xlsx_kana_cells_marks("令和元年度（２０１９年度）", "岐阜市", g, marks), want("岐阜市", 2019, g))
    return docs


# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

def docx_two_centres(year_label: str, city: str, centres: list[tuple[str, list[dict]]]) -> bytes:
    """A city's Word report of two centres: 「１　○○センター」 headings, each centre's goals
    （１）（２） numbered again from one, the parts labelled ○実施内容 / ○評価 / ○今後の方向性,
    a ○達成度 line."""
    import docx
    d = docx.Document()
    d.add_heading(f"{year_label}　{city}子育て支援センター事業　評価報告", level=1)
    for k, (name, goals) in enumerate(centres, 1):
        d.add_heading(f"{fw(str(k))}　{name}", level=2)
        for n, g in enumerate(goals, 1):
            d.add_paragraph(f"（{fw(str(n))}）{g['goal']}")
            for head, key in (("実施内容", "content"), ("評価", "outcome"), ("今後の方向性", "issue")):
                d.add_paragraph(f"○{head}")
                d.add_paragraph(g[key])
            d.add_paragraph(f"○達成度　{fw(g['grade'])}")
    return docx_bytes(d)


def html_caption_tables(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A city page of one table per goal: <caption>目標１　…</caption>, <th> row labels 実施内容 /
    評価 / 今後の方向性, the 評価 cell the grade, <br>, its reasons."""
    tables = []
    for n, g in enumerate(goals, 1):
        tables.append(f"<table border=\"1\"><caption>目標{n}　{escape(g['goal'])}</caption>\n"
                      f"<tr><th scope=\"row\">実施内容</th><td>{escape(g['content'])}</td></tr>\n"
                      f"<tr><th scope=\"row\">評価</th><td>{fw(g['grade'])}<br>{escape(g['outcome'])}</td></tr>\n"
                      f"<tr><th scope=\"row\">今後の方向性</th><td>{escape(g['issue'])}</td></tr>\n</table>\n")
    page = f"""<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>{year_label} 地域子育て支援拠点事業の評価 - {city}</title></head>
<body>
<p><a href="/">{city}トップ</a></p>
<h1>{year_label} 地域子育て支援拠点事業の評価</h1>
<p>評価はＡ（十分に達成できた）、Ｂ（おおむね達成できた）、Ｃ（達成できなかった）の３段階で行いました。</p>
{"".join(tables)}
<p>{city}　子ども未来部　子ども・若者政策課</p>
</body>
</html>
"""
    return page.encode("utf-8")


def csv_centre_rows(year_label: str, rows: list[tuple[str, dict]]) -> bytes:
    """A city system's CSV export in Shift_JIS: 年度 | 施設名 | 目標 | 実施内容 | 評価 | 評価理由 | 今後の方向性,
    one row per goal, the centre's name repeated on each of its rows."""
    import csv
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["年度", "施設名", "目標", "実施内容", "評価", "評価理由", "今後の方向性"])
    for name, g in rows:
        w.writerow([year_label, name, g["goal"], g["content"], fw(g["grade"]), g["outcome"], g["issue"]])
    return out.getvalue().encode("cp932")


def xlsx_goal_columns(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A sheet of one goal per column: 項目 | 目標１ | 目標２, rows 目標の内容 / 実施内容 / 評価 / 評価の理由 /
    今後の方向性."""
    import openpyxl
    from openpyxl.styles import Alignment
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価"
    ws["A1"] = f"{year_label}　{city}地域子育て支援センター　自己評価シート"
    ws.append([])
    ws.append(["項目"] + [f"目標{fw(str(n))}" for n in range(1, len(goals) + 1)])
    ws.append(["目標"] + [g["goal"] for g in goals])
    ws.append(["実施内容"] + [g["content"] for g in goals])
    ws.append(["評価"] + [fw(g["grade"]) for g in goals])
    ws.append(["評価の理由"] + [g["outcome"] for g in goals])
    ws.append(["今後の方向性"] + [g["issue"] for g in goals])
    for r_ in ws.iter_rows(min_row=3):
        for cell in r_:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCD", (14, 40, 40, 40)):
        ws.column_dimensions[col].width = width
    return xlsx_bytes(wb)


def batch_3() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    a, b = goals_of(0, 9), goals_of(2, 5)
    docs["matsudo_r5_two_centres.docx"] = (
        docx_two_centres("令和５年度", "松戸市", [("ほっとひろば子育て支援センター", a), ("みのり子育てひろば", b)]),
        want("松戸市", 2023, a + b))
    g = goals_of(7, 11)
    docs["otsu_r2_caption_tables.html"] = (html_caption_tables("令和２年度", "大津市", g), want("大津市", 2020, g))
    a, b = goals_of(4, 6), goals_of(8, 10)
    docs["kurume_r4_centre_rows.csv"] = (
        csv_centre_rows("令和4年度", [("くるめ子育て支援センター", a[0]), ("くるめ子育て支援センター", a[1]),
                                     ("みづま子育てひろば", b[0]), ("みづま子育てひろば", b[1])]),
        {**want("久留米市", 2022, a + b), "ward_any": ["久留米市", None]})
    g = goals_of(1, 3, 5)
    docs["fukui_r3_goal_columns.xlsx"] = (xlsx_goal_columns("令和３年度", "福井市", g), want("福井市", 2021, g))
    return docs


# --- batch 4 (written after batches 1–3's fixes, before the parser was run on it: the held-out check) --

def docx_angle_labels(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A Word report: 【目標１】 headings, the parts labelled 〈実施内容〉 / 〈評価〉 / 〈課題と対応〉, a
    達成度 line after each goal."""
    import docx
    d = docx.Document()
    d.add_heading(f"{year_label}　{city}地域子育て支援拠点事業　自己評価", level=1)
    for n, g in enumerate(goals, 1):
        d.add_paragraph(f"【目標{fw(str(n))}】{g['goal']}")
        for head, key in (("実施内容", "content"), ("評価", "outcome"), ("課題と対応", "issue")):
            d.add_paragraph(f"〈{head}〉")
            d.add_paragraph(g[key])
        d.add_paragraph(f"達成度：{fw(g['grade'])}")
    return docx_bytes(d)


def html_banner_rows(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A page's one table: per goal a banner row (目標１　… across every column), then a header row
    実施内容 | 成果 | 課題 | 評価 and the goal's row."""
    rows = []
    for n, g in enumerate(goals, 1):
        rows.append(f"<tr><th colspan=\"4\" class=\"goal\">目標{n}　{escape(g['goal'])}</th></tr>\n"
                    "<tr><th>実施内容</th><th>成果</th><th>課題</th><th>評価</th></tr>\n"
                    f"<tr><td>{escape(g['content'])}</td><td>{escape(g['outcome'])}</td><td>{escape(g['issue'])}</td>"
                    f"<td>{fw(g['grade'])}</td></tr>")
    page = f"""<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>{city}｜地域子育て支援センター事業 評価結果（{year_label}）</title></head>
<body>
<div id="tmp_header"><a href="/index.html">{city}</a></div>
<div id="tmp_contents">
<h1>地域子育て支援センター事業 評価結果（{year_label}）</h1>
<table border="1">
{chr(10).join(rows)}
</table>
<p>評価　Ａ：達成　Ｂ：概ね達成　Ｃ：未達成</p>
</div>
<div id="tmp_footer">{city}　こども未来部　こども未来課</div>
</body>
</html>
"""
    return page.encode("utf-8")


def xlsx_year_in_print_header(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A sheet whose title names no year: the year is in the print header (what the printed
    page shows at its top); 目標 | 実施内容 | 評価 | 今後の方向性, the 評価 column in words only."""
    import openpyxl
    from openpyxl.styles import Alignment
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価"
    ws["A1"] = f"{city}　子育て支援センター事業　事業評価"
    ws.append([])
    ws.append(["目標", "実施内容", "評価", "今後の方向性"])
    for g in goals:
        ws.append([g["goal"], g["content"], g["outcome"], g["issue"]])
    ws.oddHeader.center.text = f"{year_label}　事業評価"
    ws.oddFooter.center.text = "&P / &N"
    for r_ in ws.iter_rows(min_row=3):
        for cell in r_:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCD", (28, 40, 40, 40)):
        ws.column_dimensions[col].width = width
    return xlsx_bytes(wb)


def docx_goal_then_table(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A Word report printed to PDF: 目標２：… paragraphs, each over a table 取組 | 成果 | 課題・改善点
    (one header row, one row of text), then 評価　Ｂ."""
    import docx
    d = docx.Document()
    d.add_heading(f"{year_label}　{city}子育て支援拠点事業　振り返り", level=1)
    for n, g in enumerate(goals, 1):
        d.add_paragraph(f"目標{fw(str(n))}：{g['goal']}")
        t = d.add_table(rows=2, cols=3)
        t.style = "Table Grid"
        for c, (head, key) in enumerate((("取組", "content"), ("成果", "outcome"), ("課題・改善点", "issue"))):
            set_cell_lines(t.cell(0, c), head, bold=True)
            set_cell_lines(t.cell(1, c), g[key])
        d.add_paragraph(f"評価　{fw(g['grade'])}")
    return docx_bytes(d)


def batch_4() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g = goals_of(10, 2)
    docs["nishinomiya_r4_angle_labels.docx"] = (docx_angle_labels("令和４年度", "西宮市", g), want("西宮市", 2022, g))
    g = goals_of(5, 0, 8)
    docs["yokkaichi_r2_banner_rows.html"] = (html_banner_rows("令和２年度", "四日市市", g), want("四日市市", 2020, g))
    g = goals_of(9, 3)
    docs["takamatsu_r1_print_header_year.xlsx"] = (
        xlsx_year_in_print_header("令和元年度", "高松市", g), want("高松市", 2019, g, grades=False))
    g = goals_of(6, 11)
    docs["kochi_r3_goal_then_table_word.pdf"] = (
        soffice_convert(docx_goal_then_table("令和３年度", "高知市", g), ".docx", "pdf"), want("高知市", 2021, g))
    return docs


BATCHES = [batch_1, batch_2, batch_3, batch_4]


ABOUT = ("Thirteenth round: other cities' evaluation forms written by hand, in the section words, goal numbering, "
         "table shapes (label blocks, section-by-section layout, several centres in one table, a goal over two "
         "measures, a grade and its reasons in one cell, a two-tier header) and year spellings their offices use; "
         "written by make_docs.py before the parser was run on them. `also` lists a goal's second measure, "
         "checked by tests/test_parse_unseen13.py.")


if __name__ == "__main__":
    raise SystemExit(write_batches(HERE, BATCHES, ABOUT, sys.argv))
