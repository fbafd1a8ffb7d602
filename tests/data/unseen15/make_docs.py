"""Writes the documents of tests/data/unseen15 and their expected.json (run once; the outputs
are committed). Needs python-docx (in the project's venv) and `soffice` for the PDFs, the .odt
and the .rtf (Word files printed or saved by LibreOffice, as offices send them).

    PYTHONPATH=$PWD python tests/data/unseen15/make_docs.py [NAME …]

Fifteenth round of documents nobody tuned the parser on, written by hand: **other cities'
evaluation sheets in Word and PDF, in words and shapes not used by earlier rounds** —

- section words 取組状況・効果・改善点・次年度の方向性 (as bold-only paragraphs, 【】 labels, ● / ・ /
  「」 labels, ア・イ・ウ items, (1)(2)(3) items under a goal, table columns and label cells);
- ratings as ◎ ○ △ marks, and in two columns or on one line: 自己評価 and 第三者評価;
- goals numbered ① ②, 【1】 【2】, 重点目標【1】, 目標１．, （１）;
- a 指標 | 目標値 | 実績値 table under each goal, or one for the whole report before the goals;
- years as 2023（R5）年度, 令和４(2022)年度, 令和元(2019)年度, 2024(R6)年度;
- shapes: a PDF of two page columns, a table running over pages with its header row repeated,
  a two-tier Word table header (評価 over 自己 | 第三者), headings that are bold paragraphs only.

The generator never calls the parser; expected.json is what a human reader of each document
would say, written before the parser was run on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.data.docgen import docx_bytes, fw_alnum as fw, set_cell_lines, soffice_convert, write_batches

HERE = Path(__file__).resolve().parent


def snip(text: str, n: int = 18) -> str:
    return text[:n]


# --- the reports' content (written for this round) --------------------------------------------------

POOL = [
    {"goal": "はじめて来所する親子が安心できる受け入れ",
     "content": "初来所の親子に職員が声をかけ、ひろばの使い方を説明するカードを手渡した。",
     "outcome": "初来所の親子のうち七割が一か月以内に再び来所し、常連の親子とも打ち解けた。",
     "issue": "混雑する午前中は声かけが行き届かず、ボランティアと役割を分ける必要がある。",
     "next": "受け入れの手順を職員とボランティアで共有し、午前中の担当を決める。",
     "mark": "◎", "letter": "A"},
    {"goal": "産前産後の家庭を早い時期からつなぐ",
     "content": "助産師と一緒にマタニティ講座を開き、妊婦がひろばを見学する日を設けた。",
     "outcome": "講座に参加した妊婦の多くが出産後二か月以内にひろばへ来所した。",
     "issue": "里帰り出産の家庭には案内が届きにくく、保健師との連絡方法を見直したい。",
     "next": "母子健康手帳の交付時に講座の案内を渡してもらえるよう保健部局と調整する。",
     "mark": "○", "letter": "B"},
    {"goal": "子育ての悩みを気軽に話せる相談の場",
     "content": "ひろばの一角に相談コーナーを設け、毎週水曜日に保育士の個別相談を行った。",
     "outcome": "相談件数が前年度の一・五倍となり、継続した支援が必要な家庭を関係機関につないだ。",
     "issue": "相談コーナーが周りから見えやすく、話しにくいという声があった。",
     "next": "つい立てを置いて相談の場所を仕切り、予約の電話も受けられるようにする。",
     "mark": "◎", "letter": "A"},
    {"goal": "祖父母世代の子育て参加を広げる",
     "content": "孫育て講座を年四回開き、祖父母と孫が一緒に遊べる日をつくった。",
     "outcome": "講座の後に祖父母だけで孫を連れて来所する姿が見られるようになった。",
     "issue": "講座の日程が平日に偏り、働いている祖父母は参加しにくかった。",
     "next": "土曜日の講座を設け、地域の老人クラブにも案内を届ける。",
     "mark": "△", "letter": "C"},
    {"goal": "地域の子育てサークルの活動を支える",
     "content": "サークルの代表者会議を開き、活動場所としてひろばの部屋を貸し出した。",
     "outcome": "新しく三つのサークルが立ち上がり、会員同士で行事を企画するようになった。",
     "issue": "代表者の負担が重く、役員の引き継ぎがうまくいかないサークルがある。",
     "next": "引き継ぎの手引きを作り、代表者同士で相談できる場を続ける。",
     "mark": "○", "letter": "B"},
    {"goal": "子どもの発達が気になる家庭への寄り添い",
     "content": "発達相談員の巡回日を毎月設け、ことばの遊びのプログラムを行った。",
     "outcome": "巡回日に相談した家庭が療育の窓口に早めにつながり、不安が和らいだと話した。",
     "issue": "巡回日の予約がすぐに埋まり、待っている家庭への声かけが足りなかった。",
     "next": "巡回日を月二回に増やし、待っている家庭に電話で様子をうかがう。",
     "mark": "○", "letter": "B"},
    {"goal": "転入家庭が地域になじむきっかけづくり",
     "content": "転入者向けのウェルカム会を季節ごとに開き、地域の施設をめぐる散歩会を行った。",
     "outcome": "ウェルカム会で知り合った家庭同士がその後も誘い合って来所している。",
     "issue": "転入の届出から会の案内までに時間がかかり、参加できない家庭があった。",
     "next": "市民課の窓口で転入時に会の案内を渡してもらう。",
     "mark": "◎", "letter": "A"},
    {"goal": "子育て情報をSNSで届ける",
     "content": "ひろばの行事や休館日をSNSで毎週発信し、動画で手遊びを紹介した。",
     "outcome": "SNSのフォロワーが一年で倍になり、投稿を見て初めて来所した家庭が増えた。",
     "issue": "発信の担当が一人に偏り、急な休館の知らせが遅れたことがあった。",
     "next": "発信の当番表を作り、複数の職員が投稿できるようにする。",
     "mark": "○", "letter": "B"},
    {"goal": "乳児の親子が過ごしやすい環境の整備",
     "content": "ゼロ歳児専用の時間帯を設け、授乳室とおむつ替えの場所を広げた。",
     "outcome": "ゼロ歳児の時間帯は毎回十組以上が集まり、月齢の近い親同士の交流が生まれた。",
     "issue": "一歳を過ぎると利用が減り、次の年齢の居場所へのつなぎが課題である。",
     "next": "一歳児向けの遊びの時間を新たに設け、ゼロ歳児の時間帯から案内する。",
     "mark": "◎", "letter": "A"},
    {"goal": "保育園や幼稚園との連携を強める",
     "content": "近くの保育園の園庭開放の日程をひろばで案内し、合同の運動会を開いた。",
     "outcome": "合同の運動会に参加した家庭から、入園前に園の雰囲気を知れたという声があった。",
     "issue": "園ごとに行事の連絡方法が違い、日程の調整に時間がかかった。",
     "next": "園との連絡会を年二回開き、行事の予定を早めに共有する。",
     "mark": "△", "letter": "C"},
    {"goal": "災害に備えた親子の防災学習",
     "content": "親子防災教室を開き、非常食の試食や抱っこひもでの避難の練習を行った。",
     "outcome": "参加した家庭の多くが家庭で非常用の持ち出し袋を見直したと答えた。",
     "issue": "防災教室が年一回で、参加できなかった家庭への情報提供が足りない。",
     "next": "防災の資料をひろばに常に置き、年二回の開催とする。",
     "mark": "○", "letter": "B"},
    {"goal": "ひとり親家庭が利用しやすい拠点づくり",
     "content": "土曜日の開所を月二回に増やし、ひとり親向けの交流会を開いた。",
     "outcome": "土曜日の利用者が前年の二倍になり、交流会の参加者から継続の希望が寄せられた。",
     "issue": "交流会の周知がひろばの掲示だけで、必要な家庭に届いていない。",
     "next": "市のひとり親支援の窓口と協力して交流会の案内を配る。",
     "mark": "◎", "letter": "A"},
]

# A measure's indicator: (指標, 目標値, 実績値), for the sheets that give them.
INDICATORS = [("新規来所者数", "１，２００人", "１，３５０人"), ("講座の参加者数", "３００人", "２７４人"),
              ("相談件数", "４００件", "６１２件"), ("講座の開催回数", "４回", "４回"),
              ("サークル数", "１２団体", "１５団体"), ("巡回相談の件数", "６０件", "５８件")]


def goals_of(*indexes: int) -> list[dict]:
    return [POOL[i % len(POOL)] for i in indexes]


def goals_expected(year: int, goals: list[dict], grade_key: str | None = "mark", third: list[str] | None = None,
                   direction: bool = False) -> list[dict]:
    out = []
    for n, g in enumerate(goals, 1):
        item = {"year": year, "no": n, "goal": snip(g["goal"], 14), "取組内容": snip(g["content"]),
                "取組の成果": snip(g["outcome"]), "取組の課題": snip(g["issue"])}
        if n < len(goals):
            item["not_in"] = [snip(goals[n]["content"])]
        if grade_key:
            # (the harness compares the set of a goal's grades: one grade given by both is listed once;
            # `grades_by` says whose each is, checked by the test module)
            item["grades"] = sorted({g[grade_key]} | ({third[n - 1]} if third else set()))
            if third:
                item["grades_by"] = {"自己": g[grade_key], "第三者": third[n - 1]}
        if direction:  # 次年度の方向性: what remains, said as what the hub will do (checked by the test module)
            item["also"] = {"取組の課題": snip(g["next"])}
        out.append(item)
    return out


def want(city: str, year: int, goals: list[dict], **kw) -> dict:
    extra = {k: kw.pop(k) for k in ("not_seen", "seen_once") if k in kw}
    return {"ward_any": [city], "years": [year, year], "doc_type": "単年度評価",
            "goals": goals_expected(year, goals, **kw), **extra}


CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def _new_doc(landscape: bool = False):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    if landscape:
        s.orientation = WD_ORIENT.LANDSCAPE
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(s, side, Mm(18))
    return d


def _bold(d, text: str, size: int | None = None):
    """A heading typed as a bold paragraph (no heading style), as most offices type them."""
    from docx.shared import Pt
    p = d.add_paragraph()
    r = p.add_run(text)
    r.bold = True
    if size:
        r.font.size = Pt(size)
    return p


def _table(d, rows: list[list[str]], header_rows: int = 1, repeat_header: bool = False, widths=None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            set_cell_lines(t.cell(r, c), value, bold=r < header_rows)
        if repeat_header and r < header_rows:
            tr_pr = t.rows[r]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            tr_pr.append(el)
    if widths:
        from docx.shared import Mm
        for row in t.rows:
            for c, w in enumerate(widths):
                row.cells[c].width = Mm(w)
    return t


# --- 1: an evaluation sheet, 自己評価 and 第三者評価 columns of marks (豊橋市) -----------------------------

def docx_self_third_columns(year_label: str, city: str, goals: list[dict], third: list[str]) -> bytes:
    """A landscape Word 評価シート: No. | 重点目標 | 取組状況 | 効果 | 改善点 | 自己評価 | 第三者評価, goals
    numbered ① ② in the first column, ◎ ○ △ in the two rating columns, the legend under the table."""
    d = _new_doc(landscape=True)
    _bold(d, f"{year_label}　{city}地域子育て支援拠点事業　評価シート", 14)
    d.add_paragraph(f"拠点名：{city}こども未来館ここにこ子育て支援センター")
    rows = [["No.", "重点目標", "取組状況", "効果", "改善点", "自己評価", "第三者評価"]]
    for n, g in enumerate(goals):
        rows.append([CIRCLED[n], g["goal"], g["content"], g["outcome"], g["issue"], g["mark"], third[n]])
    _table(d, rows, widths=[12, 40, 60, 60, 55, 18, 18])
    d.add_paragraph("評価　◎：目標を上回った　○：目標どおり　△：目標を下回った")
    return docx_bytes(d)


# --- 2: bold 【1】 goal lines over an indicator table and bold section paragraphs (岡崎市) -----------

def docx_indicator_tables(year_label: str, city: str, goals: list[dict], indicators) -> bytes:
    """Each goal a bold 【1】 line, a table 指標 | 目標値 | 実績値, then bold-only paragraphs 取組状況,
    効果, 改善点 over their text, and a 達成度 line with a mark."""
    d = _new_doc()
    _bold(d, f"{year_label}　地域子育て支援拠点事業　事業評価報告書", 14)
    d.add_paragraph(f"{city}　子育て支援センターさくら")
    d.add_paragraph("達成度は、◎（目標を上回った）、○（おおむね達成）、△（達成できなかった）の三段階で示す。")
    for n, g in enumerate(goals, 1):
        _bold(d, f"【{n}】{g['goal']}")
        name, target, actual = indicators[n - 1]
        _table(d, [["指標", "目標値", "実績値"], [name, target, actual]])
        for label, key in (("取組状況", "content"), ("効果", "outcome"), ("改善点", "issue")):
            _bold(d, label)
            d.add_paragraph(g[key])
        d.add_paragraph(f"達成度　{g['mark']}")
    return docx_bytes(d)


# --- 3: headings that are bold paragraphs only, 目標① with 次年度の方向性 (長野市) --------------------------

def docx_bold_paragraph_heads(year_label: str, city: str, goals: list[dict]) -> bytes:
    d = _new_doc()
    _bold(d, f"{city}地域子育て支援センター　{year_label}事業評価", 14)
    _bold(d, "１　今年度の重点目標と評価")
    for n, g in enumerate(goals):
        _bold(d, f"目標{CIRCLED[n]}　{g['goal']}")
        for label, key in (("取組状況", "content"), ("効果", "outcome"), ("改善点", "issue"),
                           ("次年度の方向性", "next")):
            _bold(d, label)
            d.add_paragraph(g[key])
        d.add_paragraph(f"自己評価　{fw(g['letter'])}")
    _bold(d, "２　利用状況")
    d.add_paragraph("年間の延べ利用者数は一万二千三百人で、前年度より八百人増えた。")
    return docx_bytes(d)


# --- 4: a PDF of two page columns (富山市) ----------------------------------------------------------

def docx_two_columns(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A Word page set in two columns (as a newsletter-style report): 重点目標① lines, 【取組状況】 /
    【効果】 / 【改善点】 / 【次年度の方向性】 labels on their own lines, 評価：○ after each goal."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    d = _new_doc()
    _bold(d, f"{year_label}　{city}子育て支援センター　事業評価", 13)
    d.add_paragraph(f"{city}こども家庭部こども支援課")
    for n, g in enumerate(goals):
        _bold(d, f"重点目標{CIRCLED[n]}　{g['goal']}")
        for label, key in (("取組状況", "content"), ("効果", "outcome"), ("改善点", "issue"),
                           ("次年度の方向性", "next")):
            d.add_paragraph(f"【{label}】")
            d.add_paragraph(g[key] + "このほか、季節の行事を利用者と一緒に準備した。" if key == "content" else g[key])
        d.add_paragraph(f"評価：{g['mark']}")
    sect = d.sections[0]._sectPr
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "567")
    sect.append(cols)
    return docx_bytes(d)


# --- 5: one table over pages, its header row repeated (盛岡市) ------------------------------------------

def docx_table_over_pages(year_label: str, city: str, goals: list[dict]) -> bytes:
    d = _new_doc()
    _bold(d, f"{year_label}　地域子育て支援拠点事業の評価について", 14)
    d.add_paragraph(f"{city}子ども未来部子育てあんしん課")
    d.add_paragraph("評価　Ａ：達成　Ｂ：概ね達成　Ｃ：未達成")
    rows = [["番号", "重点目標", "取組状況", "成果", "課題・改善点", "評価"]]
    filler = "また、利用者アンケートの結果を職員会議で共有し、月ごとの振り返りを行った。"
    for n, g in enumerate(goals, 1):
        rows.append([fw(str(n)), g["goal"], g["content"] + "\n" + filler + "\n" + filler, g["outcome"] + "\n" + filler,
                     g["issue"], fw(g["letter"])])
    _table(d, rows, repeat_header=True, widths=[12, 30, 50, 40, 40, 12])
    d.add_paragraph("以上")
    return docx_bytes(d)


# --- 6: a label table per goal, saved as .odt (前橋市) ------------------------------------------------

def docx_label_table_per_goal(year_label: str, city: str, goals: list[dict]) -> bytes:
    d = _new_doc()
    _bold(d, f"{year_label}　子育てひろば事業　評価票", 14)
    d.add_paragraph(f"{city}　つどいの広場「ぽかぽか」")
    for n, g in enumerate(goals):
        _table(d, [[f"目標{CIRCLED[n]}", g["goal"]], ["取組状況", g["content"]], ["効果", g["outcome"]],
                   ["改善点", g["issue"]], ["評価", g["mark"]]], header_rows=0, widths=[30, 130])
        d.add_paragraph("")
    d.add_paragraph("評価の基準　◎：十分にできた　○：できた　△：不十分")
    return docx_bytes(d)


# --- 7: a plain text of 【1】 goals and ・label： lines (松山市) ---------------------------------------

def txt_bracket_goals(year_label: str, city: str, goals: list[dict]) -> bytes:
    lines = [f"{year_label}　{city}地域子育て支援拠点事業　評価報告", "", f"施設名　{city}子育て支援センターすくすく", ""]
    for n, g in enumerate(goals, 1):
        lines.append(f"【{n}】{g['goal']}")
        for label, key in (("取組状況", "content"), ("効果", "outcome"), ("改善点", "issue"), ("次年度の方向性", "next")):
            lines.append(f"・{label}：{g[key]}")
        lines.append(f"・評価：{g['mark']}")
        lines.append("")
    lines.append("（評価　◎：よくできた　○：できた　△：もう少し）")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


# --- 8: ● labels, saved as .rtf (那覇市) ---------------------------------------------------------------

def docx_black_circle_labels(year_label: str, city: str, goals: list[dict]) -> bytes:
    d = _new_doc()
    _bold(d, f"{year_label}　{city}地域子育て支援センター事業　実施報告及び評価", 13)
    for n, g in enumerate(goals, 1):
        _bold(d, f"目標{fw(str(n))}．{g['goal']}")
        for label, key in (("取組状況", "content"), ("効果", "outcome"), ("改善点", "issue")):
            d.add_paragraph(f"●{label}")
            d.add_paragraph(g[key])
        d.add_paragraph(f"評価　{g['mark']}")
    return docx_bytes(d)


# --- 9: (１) goals with ア/イ/ウ sections, self and third-party marks on one line (姫路市) -------------

def docx_kana_sections_two_raters(year_label: str, city: str, goals: list[dict], third: list[str]) -> bytes:
    d = _new_doc()
    _bold(d, f"{year_label}　{city}地域子育て支援拠点事業　自己評価・第三者評価結果", 13)
    _bold(d, "１　事業の概要")
    d.add_paragraph("親子の交流の場の提供、子育て相談、情報提供、講習の実施を行った。")
    _bold(d, "２　重点目標ごとの評価")
    for n, g in enumerate(goals):
        _bold(d, f"（{fw(str(n + 1))}）{g['goal']}")
        for kana, label, key in (("ア", "取組状況", "content"), ("イ", "効果", "outcome"), ("ウ", "改善点", "issue")):
            d.add_paragraph(f"{kana}　{label}")
            d.add_paragraph(g[key])
        d.add_paragraph(f"自己評価：{g['mark']}　　第三者評価：{third[n]}")
    _bold(d, "３　総評")
    d.add_paragraph("全体として計画どおりに事業を進めることができた。")
    return docx_bytes(d)


# --- 10: a two-tier Word table header, 評価 over 自己 | 第三者, printed (倉敷市) -----------------------

def docx_two_tier_raters(year_label: str, city: str, goals: list[dict], third: list[str]) -> bytes:
    d = _new_doc(landscape=True)
    _bold(d, f"{year_label}　地域子育て支援拠点　評価シート（{city}）", 14)
    rows = [["重点目標", "取組状況", "効果", "改善点", "評価", ""],
            ["", "", "", "", "自己", "第三者"]]
    for n, g in enumerate(goals):
        rows.append([f"{CIRCLED[n]}{g['goal']}", g["content"], g["outcome"], g["issue"], g["mark"], third[n]])
    t = _table(d, rows, header_rows=2, widths=[45, 65, 60, 60, 15, 15])
    for c in range(4):
        t.cell(0, c).merge(t.cell(1, c))
        set_cell_lines(t.cell(0, c), rows[0][c], bold=True)
    t.cell(0, 4).merge(t.cell(0, 5))
    set_cell_lines(t.cell(0, 4), "評価", bold=True)
    d.add_paragraph("◎：大いに達成　○：達成　△：一部達成")
    return docx_bytes(d)


# --- 11: 重点目標【1】 with (1)…(4) section items (旭川市) ------------------------------------------------

def docx_numbered_sections(year_label: str, city: str, goals: list[dict]) -> bytes:
    d = _new_doc()
    _bold(d, f"{city}子育て支援センター　{year_label}　事業評価", 14)
    for n, g in enumerate(goals, 1):
        _bold(d, f"重点目標【{n}】　{g['goal']}")
        for k, (label, key) in enumerate((("取組状況", "content"), ("効果", "outcome"), ("改善点", "issue"),
                                          ("次年度の方向性", "next")), 1):
            d.add_paragraph(f"({k})　{label}")
            d.add_paragraph(g[key])
        d.add_paragraph(f"評価　{g['mark']}")
    return docx_bytes(d)


# --- 12: an indicator table for the whole report first, then ① goals with 「」 labels, printed (八王子市) --

def docx_kpi_then_goals(year_label: str, city: str, goals: list[dict], indicators) -> bytes:
    d = _new_doc()
    _bold(d, f"{year_label}　{city}地域子育て支援拠点事業　事業評価", 14)
    _bold(d, "Ⅰ　数値目標の達成状況")
    _table(d, [["指標", "目標値", "実績値", "達成率"]] + [[a, b, c, "—"] for a, b, c in indicators])
    _bold(d, "Ⅱ　重点目標の取組")
    for n, g in enumerate(goals):
        _bold(d, f"{CIRCLED[n]}　{g['goal']}")
        for label, key in (("取組状況", "content"), ("効果", "outcome"), ("改善点", "issue"),
                           ("次年度の方向性", "next")):
            d.add_paragraph(f"「{label}」")
            d.add_paragraph(g[key])
        d.add_paragraph(f"達成状況　{g['mark']}")
    return docx_bytes(d)


def batch_1() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g, third = goals_of(0, 1, 2), ["○", "○", "◎"]
    docs["toyohashi_2023r5_self_third_columns.docx"] = (
        docx_self_third_columns("2023（R5）年度", "豊橋市", g, third), want("豊橋市", 2023, g, third=third))
    g = goals_of(3, 4)
    docs["okazaki_r4_2022_indicator_tables_word.pdf"] = (
        soffice_convert(docx_indicator_tables("令和４(2022)年度", "岡崎市", g, INDICATORS[:2]), ".docx", "pdf"),
        want("岡崎市", 2022, g))
    g = goals_of(5, 6)
    docs["nagano_r3_bold_paragraph_heads.docx"] = (
        docx_bold_paragraph_heads("令和３（２０２１）年度", "長野市", g),
        want("長野市", 2021, g, grade_key="letter", direction=True))
    g = goals_of(7, 8, 9, 10)
    docs["toyama_2022r4_two_page_columns_word.pdf"] = (
        soffice_convert(docx_two_columns("2022（R4）年度", "富山市", g), ".docx", "pdf"),
        want("富山市", 2022, g, direction=True))
    g = goals_of(9, 10, 11, 0, 1, 2)
    docs["morioka_r2_table_over_pages_word.pdf"] = (
        soffice_convert(docx_table_over_pages("令和2年度", "盛岡市", g), ".docx", "pdf"),
        want("盛岡市", 2020, g, grade_key="letter"))
    g = goals_of(3, 5, 7)
    docs["maebashi_r6_label_table_per_goal.odt"] = (
        soffice_convert(docx_label_table_per_goal("令和6年度（2024年度）", "前橋市", g), ".docx", "odt"),
        want("前橋市", 2024, g))
    return docs


def batch_2() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g = goals_of(4, 6)
    docs["matsuyama_r1_2019_bracket_goals.txt"] = (
        txt_bracket_goals("令和元(2019)年度", "松山市", g), want("松山市", 2019, g, direction=True))
    g = goals_of(8, 10)
    docs["naha_r4_black_circle_labels.rtf"] = (
        soffice_convert(docx_black_circle_labels("令和4年度", "那覇市", g), ".docx", "rtf"), want("那覇市", 2022, g))
    g, third = goals_of(11, 1), ["◎", "△"]
    docs["himeji_r5_kana_sections_two_raters.docx"] = (
        docx_kana_sections_two_raters("令和5年度", "姫路市", g, third), want("姫路市", 2023, g, third=third))
    g, third = goals_of(2, 4, 9), ["◎", "○", "○"]
    docs["kurashiki_2021r3_two_tier_raters_word.pdf"] = (
        soffice_convert(docx_two_tier_raters("2021（R3）年度", "倉敷市", g, third), ".docx", "pdf"),
        want("倉敷市", 2021, g, third=third))
    g = goals_of(6, 0)
    docs["asahikawa_r3_numbered_section_items.docx"] = (
        docx_numbered_sections("令和３年度（２０２１年度）", "旭川市", g), want("旭川市", 2021, g, direction=True))
    g = goals_of(3, 7, 11)
    w = want("八王子市", 2024, g, direction=True)
    for item in w["goals"]:  # the report's table of indicators comes before the goals: no goal's
        item["not_in"] = item.get("not_in", []) + ["講座の開催回数"]
    docs["hachioji_2024r6_kpi_then_goals_word.pdf"] = (
        soffice_convert(docx_kpi_then_goals("2024(R6)年度", "八王子市", g, INDICATORS[2:5]), ".docx", "pdf"), w)
    return docs


# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

def docx_goal_rows_with_figures(year_label: str, city: str, goals: list[dict], indicators) -> bytes:
    """A landscape Word table, one goal a row: 重点目標 | 指標 | 目標値 | 実績値 | 取組状況 | 効果 |
    改善点 | 評価, marks in the last column."""
    d = _new_doc(landscape=True)
    _bold(d, f"{year_label}　{city}地域子育て支援拠点事業　評価シート", 14)
    rows = [["重点目標", "指標", "目標値", "実績値", "取組状況", "効果", "改善点", "評価"]]
    for n, g in enumerate(goals):
        name, target, actual = indicators[n]
        rows.append([f"{CIRCLED[n]}{g['goal']}", name, target, actual, g["content"], g["outcome"], g["issue"], g["mark"]])
    _table(d, rows, widths=[40, 25, 18, 18, 55, 50, 45, 12])
    d.add_paragraph("評価：◎十分達成、○概ね達成、△未達成")
    return docx_bytes(d)


def docx_zero_marked_labels(year_label: str, city: str, goals: list[dict]) -> bytes:
    """Goals ア / イ as bold lines, section labels after 〇 (the kanji zero offices type for a
    circle) with the text after a colon, a 〇自己評価 line with a letter."""
    d = _new_doc()
    _bold(d, f"{year_label}　{city}子育て支援センター事業　実績及び評価", 14)
    _bold(d, "重点的に取り組んだ目標")
    for n, g in enumerate(goals):
        _bold(d, f"{'アイウエ'[n]}　{g['goal']}")
        d.add_paragraph(f"〇取組状況：{g['content']}")
        d.add_paragraph(f"〇効果：{g['outcome']}")
        d.add_paragraph(f"〇課題と改善点：{g['issue']}")
        d.add_paragraph(f"〇自己評価　{fw(g['letter'])}")
    return docx_bytes(d)


def docx_parts_in_one_cell(year_label: str, city: str, goals: list[dict]) -> bytes:
    """A Word table 目標 | 取組状況・効果・改善点 | 評価, the middle cell holding the three parts
    each after its 【label】."""
    d = _new_doc()
    _bold(d, f"{year_label}　地域子育て支援センター　自己評価表（{city}）", 14)
    rows = [["目標", "取組状況・効果・改善点", "評価"]]
    for n, g in enumerate(goals, 1):
        rows.append([f"{fw(str(n))}．{g['goal']}",
                     f"【取組状況】\n{g['content']}\n【効果】\n{g['outcome']}\n【改善点】\n{g['issue']}", g["mark"]])
    _table(d, rows, widths=[40, 110, 15])
    return docx_bytes(d)


def docx_goal_label_alone(year_label: str, city: str, goals: list[dict]) -> bytes:
    """目標１ alone on a bold line, the goal's words on the next line, then 取組状況： / 効果： /
    改善点： lines and 評価：○ (saved as .odt)."""
    d = _new_doc()
    _bold(d, f"{city}地域子育て支援拠点　{year_label}　事業の振り返り", 14)
    for n, g in enumerate(goals, 1):
        _bold(d, f"目標{n}")
        d.add_paragraph(g["goal"])
        for label, key in (("取組状況", "content"), ("効果", "outcome"), ("改善点", "issue")):
            d.add_paragraph(f"{label}：{g[key]}")
        d.add_paragraph(f"評価：{g['mark']}")
    return docx_bytes(d)


def batch_3() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g = goals_of(1, 5, 9)
    docs["takasaki_r5_2023_goal_rows_with_figures_word.pdf"] = (
        soffice_convert(docx_goal_rows_with_figures("令和５(2023)年度", "高崎市", g, INDICATORS[3:6]), ".docx", "pdf"),
        want("高崎市", 2023, g))
    g = goals_of(2, 8)
    docs["koriyama_2022_zero_marked_labels.docx"] = (
        docx_zero_marked_labels("２０２２年度（令和４年度）", "郡山市", g), want("郡山市", 2022, g, grade_key="letter"))
    g = goals_of(0, 6, 11)
    docs["nara_r3_parts_in_one_cell.docx"] = (
        docx_parts_in_one_cell("令和３年度", "奈良市", g), want("奈良市", 2021, g))
    g = goals_of(4, 10)
    docs["kagoshima_r6_goal_label_alone.odt"] = (
        soffice_convert(docx_goal_label_alone("令和6年度", "鹿児島市", g), ".docx", "odt"), want("鹿児島市", 2024, g))
    return docs


BATCHES = [batch_1, batch_2, batch_3]


ABOUT = ("Fifteenth round: other cities' evaluation sheets in Word and PDF (and .odt, .rtf, .txt) written by hand, "
         "in section words 取組状況・効果・改善点・次年度の方向性, ◎○△ marks, 自己評価 and 第三者評価, goals "
         "numbered ①, 【1】, 重点目標【1】, 目標１．, （１）, indicator tables, years as 2023（R5）年度 or 令和４(2022)年度, "
         "two page columns, a table over pages, a two-tier header, bold-only headings; written by make_docs.py "
         "before the parser was run on them. `also` lists a goal's 次年度の方向性, checked by "
         "tests/test_parse_unseen15.py.")


if __name__ == "__main__":
    raise SystemExit(write_batches(HERE, BATCHES, ABOUT, sys.argv))
