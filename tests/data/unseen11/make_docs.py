"""Writes the documents of tests/data/unseen11 and their expected.json (run once; the outputs
are committed). Needs python-docx (in the project's venv); the .xlsx files are written as
Excel writes them, part by part.

    PYTHONPATH=$PWD python tests/data/unseen11/make_docs.py [NAME …]

Eleventh round of documents nobody tuned the parser on, written by hand: **what office software
hides in a file, and what it shows that is not text** —

- Word revisions and annotations: tracked deletions and insertions inside a sentence, a moved
  paragraph (w:moveFrom / w:moveTo), comments on a range, hidden text (w:vanish: a template's
  記入例 left in each cell, a hidden draft paragraph), fields (a DOCPROPERTY field holding the
  year in the title, a DATE field's cached result, PAGE / NUMPAGES in the footer), a ward and
  year written only in a first-page header;
- Excel that is not what is shown: a hidden 作業用 sheet, a very hidden sheet and a hidden draft
  column; cells whose text is a formula's cached result (=A1&"…", CONCAT); a fiscal-year cell
  stored as a date serial and shown as 和暦 by its number format ([$-ja-JP-x-gannen]ggge"年度");
- web pages as ward sites are: <ruby> furigana, ふりがな / 文字サイズ toolbars, 「このページの先頭へ」
  links inside the content, an EUC-JP page without a charset declaration laid out in a table,
  <br> inside words;
- other cities' forms: a 子ども・子育て支援事業計画 進捗評価 table with 評価 A/B/C per 事業.

The generator never calls the parser; expected.json is what a human reader of each document
would say, written before the parser was run on them (batch by batch).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests.data.docgen import docx_bytes, fw_digits as fw, goals_expected, write_batches

HERE = Path(__file__).resolve().parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2019-05-20T09:00:00Z"


# --- the reports' content (written for this round) --------------------------------------------------

TSURUMI = [
    {"goal": "公園に出向いて拠点を知らない親子と出会う",
     "content": "地域の公園に出向く出張ひろばを月二回開き、手遊びや絵本の読み聞かせを行った。",
     "outcome": "出張ひろばで出会った親子のうち延べ四十組が、その後に拠点へ来所するようになった。",
     "issue": "雨天時の代わりの会場が決まっておらず、中止になる回が多かったことが課題である。",
     "grade": "B"},
    {"goal": "転入してきた家庭が地域に早くなじめるようにする",
     "content": "転入手続きの窓口で拠点の案内を配り、転入者向けのおしゃべり会を季節ごとに開いた。",
     "outcome": "おしゃべり会の参加者同士で連絡先を交換し、自主的な集まりが二つ生まれた。",
     "issue": "転入直後は案内を読む余裕がない家庭が多く、訪問時に直接伝える方法を考える。",
     "grade": "A"},
]

KANAZAWA = [
    {"goal": "多胎児を育てる家庭が安心して通える場をつくる",
     "content": "双子や三つ子の家庭向けの交流日を月一回設け、ベビーカーの置き場を広げた。",
     "outcome": "交流日の参加家庭は前年の倍となり、先輩の多胎家庭から話を聞けたと好評だった。",
     "issue": "多胎家庭は外出そのものが難しく、自宅に届ける情報の充実が欠かせない。",
     "grade": "A"},
    {"goal": "子育てサポートシステムの利用を広げる",
     "content": "サポート会員の説明会を拠点で年四回開き、依頼会員の登録を窓口で受け付けた。",
     "outcome": "新たに提供会員が十一名登録し、送迎の依頼に応えられる件数が増えた。",
     "issue": "提供会員が特定の地区に偏っており、会員の少ない地区での募集を強めたい。",
     "grade": "B"},
]

SAKAE = [
    {"goal": "子育て中の親の学びの機会を増やす",
     "content": "離乳食や歯みがきをテーマにしたミニ講座を毎月開き、区の栄養士を講師に招いた。",
     "outcome": "ミニ講座の参加者は延べ二百十名となり、講座の後に相談へつながる例も見られた。",
     "issue": "講座の内容が乳児期に偏っており、幼児期の親が参加できるテーマを増やしたい。",
     "grade": "B"},
    {"goal": "拠点のボランティアの活動の場を広げる",
     "content": "ボランティア向けの研修を年二回行い、ひろばでの見守りと行事の手伝いを依頼した。",
     "outcome": "登録ボランティアが二十六名となり、行事の準備をボランティアが担えるようになった。",
     "issue": "平日の昼間に活動できる人が限られ、学生など新しい担い手の募集が課題である。",
     "grade": "A"},
]

MIDORI = [
    {"goal": "乳幼児の事故予防を家庭に広める",
     "content": "誤飲や転落を防ぐ工夫を実物で見せる展示を行い、救命講習を消防署と開いた。",
     "outcome": "救命講習には三十二名が参加し、家庭の安全点検をしたという声が多く寄せられた。",
     "issue": "講習の定員がすぐに埋まり、希望者全員が受けられる回数の確保が課題となった。",
     "grade": "A"},
    {"goal": "障害のある子どもと家族が利用しやすいひろば",
     "content": "療育センターと連携して相談日を設け、静かに過ごせるスペースを午前中に用意した。",
     "outcome": "静かなスペースの利用をきっかけに、初めてひろばを利用した家庭が九組あった。",
     "issue": "スタッフの対応に差があり、障害への理解を深める研修を全員で受ける必要がある。",
     "grade": "B"},
    {"goal": "地域の子育て情報をまとめて届ける",
     "content": "区内の子育てサークルと施設の情報をまとめた冊子を作り、健診会場で配った。",
     "outcome": "冊子を見てサークルに参加したという家庭が増え、サークルの会員数も伸びた。",
     "issue": "冊子の情報がすぐに古くなるため、年度途中の更新の方法を決めておきたい。",
     "grade": "B"},
]

HODOGAYA = [
    {"goal": "一時預かりを必要な家庭に届ける",
     "content": "一時預かりの空き状況を毎週ウェブで公開し、初めての利用者には事前面談を行った。",
     "outcome": "一時預かりの利用は延べ八百件となり、リフレッシュ目的の利用も定着した。",
     "issue": "年度末は予約が取りにくく、急な通院などの依頼に応えきれないことがあった。",
     "grade": "B"},
    {"goal": "子育て家庭の孤立を防ぐ声かけ",
     "content": "ひろばで一人で過ごす親にスタッフが声をかけ、話しやすい雰囲気づくりに努めた。",
     "outcome": "声かけをきっかけに相談へつながった件数が前年より二割増えた。",
     "issue": "相談の記録の書き方がスタッフによって違い、引き継ぎに時間がかかっている。",
     "grade": "A"},
]

AOBA = [
    {"goal": "父親が気軽に参加できる行事を増やす",
     "content": "日曜日にパパと遊ぼうの会を隔月で開き、父親同士の座談会も合わせて行った。",
     "outcome": "座談会に参加した父親の多くが次回も来たいと答え、父親の来所が定着してきた。",
     "issue": "日曜日の開館にはスタッフの確保が難しく、運営の体制を見直す必要がある。",
     "grade": "B"},
    {"goal": "子育てと仕事を両立する家庭への情報提供",
     "content": "保育園の入園説明会を拠点で開き、保育コンシェルジュの出張相談を月一回行った。",
     "outcome": "出張相談には延べ七十件の相談があり、復職前の不安を話せたという声があった。",
     "issue": "夕方以降の相談を望む声が多く、時間帯の工夫が必要である。",
     "grade": "A"},
]

KOHOKU = [
    {"goal": "妊婦と乳児の親が集える場を広げる",
     "content": "プレママの集いを月一回開き、助産師による授乳相談を同じ日に行った。",
     "outcome": "プレママの集いに参加した妊婦の七割が出産後に拠点を利用した。",
     "issue": "仕事を続けている妊婦は平日に参加できず、土曜日の開催を検討したい。",
     "grade": "A"},
    {"goal": "地域の支援者と拠点をつなぐ",
     "content": "主任児童委員との連絡会を年三回開き、気になる家庭の情報を区と共有した。",
     "outcome": "連絡会で共有した家庭のうち三件が、区の支援につながった。",
     "issue": "連絡会の日程が合わない委員が多く、書面での情報共有も取り入れる。",
     "grade": "B"},
]

TSUZUKI = [
    {"goal": "多胎児の家庭の外出を支える",
     "content": "多胎児の家庭向けに送迎の付き添いボランティアを派遣し、ひろばの貸切時間を設けた。",
     "outcome": "付き添いを利用した家庭の多くが継続して来所し、家庭同士の交流も生まれた。",
     "issue": "付き添いのボランティアが足りず、希望の日時に派遣できないことがあった。",
     "grade": "B"},
    {"goal": "外国につながる家庭への支援",
     "content": "やさしい日本語の案内を作り、通訳ボランティアがいる日を月二回設けた。",
     "outcome": "外国につながる家庭の来所が増え、母国語で話せる仲間ができたと喜ばれた。",
     "issue": "通訳ボランティアの言語が限られ、対応できない言語の家庭への支援が課題である。",
     "grade": "A"},
]

KONAN = [
    {"goal": "地域子育て支援拠点の周知を進める",
     "content": "区の乳幼児健診の会場で拠点の紹介を行い、案内のちらしを母子手帳と一緒に配った。",
     "outcome": "健診の会場で案内を受けて初めて来所した親子が延べ百二十組あった。",
     "issue": "健診に来ない家庭には案内が届かず、訪問事業との連携を進める必要がある。",
     "grade": "B"},
    {"goal": "子育て支援者の育成",
     "content": "子育て支援者の養成講座を年六回開き、修了者にひろばでの実習の機会を設けた。",
     "outcome": "修了者のうち八名が拠点や地域のサロンで活動を始めた。",
     "issue": "修了後の活動先が限られ、地域のサロンとの調整を進めていく。",
     "grade": "A"},
]

KAWASAKI = [
    {"goal": "地域子育て支援センターの運営",
     "content": "市内五十か所の地域子育て支援センターで、親子の交流の場と子育て相談を提供した。",
     "outcome": "利用者数は延べ三十二万人となり、前年度より一割増えた。",
     "issue": "利用者が一部のセンターに集中しており、地域による偏りを解消する必要がある。",
     "grade": "A"},
    {"goal": "子育て情報の発信",
     "content": "子育て応援アプリで地域の行事や施設の情報を配信し、利用登録を健診で案内した。",
     "outcome": "アプリの登録者数が二万人を超え、行事の申込の半数がアプリ経由となった。",
     "issue": "アプリを使わない家庭への情報提供が手薄になっており、紙の媒体との併用が必要である。",
     "grade": "B"},
    {"goal": "親子の居場所づくりの支援",
     "content": "地域の子育てサロンの立ち上げに補助を行い、運営の相談に職員が応じた。",
     "outcome": "新たに四つのサロンが立ち上がったが、計画の六か所には届かなかった。",
     "issue": "サロンの担い手が高齢化しており、若い世代の参加を促す仕組みが求められる。",
     "grade": "C"},
]


# --- Word: raw runs and parts ------------------------------------------------------------------------

def _p_xml(inner: str) -> str:
    return f'<w:p xmlns:w="{W_NS}">{inner}</w:p>'


def r(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def ins(text: str, n: int) -> str:
    return f'<w:ins w:id="{n}" w:author="子ども家庭支援課" w:date="{DATE}">{r(text)}</w:ins>'


def dele(text: str, n: int) -> str:
    return (f'<w:del w:id="{n}" w:author="子ども家庭支援課" w:date="{DATE}"><w:r>'
            f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def field(instr: str, result: str) -> str:
    """A complex field: its code between begin and separate, its cached result after."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{r(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def simple_field(instr: str, result: str) -> str:
    return f'<w:fldSimple w:instr=" {escape(instr)} ">{r(result)}</w:fldSimple>'


def _body_append(d, xml: str) -> None:
    """A paragraph appended to the body before its sectPr."""
    from docx.oxml import parse_xml
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def _set_cell(cell, inner: str) -> None:
    """A cell's paragraphs replaced by one paragraph of raw runs."""
    from docx.oxml import parse_xml
    tc = cell._tc
    for para in tc.findall(f"{{{W_NS}}}p"):
        tc.remove(para)
    tc.append(parse_xml(_p_xml(inner)))


def docx_tracked_runs(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A report under review in Word: inside sentences the district office's tracked deletions
    and insertions (月一回 → 月二回, a number corrected), one sentence moved from goal 1's issue
    to goal 2's content (w:moveFrom / w:moveTo), comments on ranges of text."""
    import docx

    d = docx.Document()
    d.add_paragraph(f"{ward}地域子育て支援拠点　{year_label}事業評価")
    d.add_paragraph("重点目標の評価")
    nid = 100
    for n, g in enumerate(goals, 1):
        d.add_paragraph(f"重点目標{fw(n)}　{g['goal']}")
        d.add_paragraph("【取組内容】")
        if n == 1:
            # 「…出張ひろばを月一回開き、…」 corrected to 月二回 under tracking
            head, tail = g["content"].split("月二回")
            _body_append(d, _p_xml(r(head) + dele("月一回", nid) + ins("月二回", nid + 1) + r(tail)))
        else:
            p = d.add_paragraph(g["content"])
            _body_append(d, f'<w:moveToRangeStart xmlns:w="{W_NS}" w:id="{nid + 6}" w:author="子ども家庭支援課" '
                            f'w:date="{DATE}" w:name="move1"/>')
            _body_append(d, _p_xml(f'<w:moveTo w:id="{nid + 3}" w:author="子ども家庭支援課" w:date="{DATE}">'
                                   f'{r(MOVED)}</w:moveTo>'))
            _body_append(d, f'<w:moveToRangeEnd xmlns:w="{W_NS}" w:id="{nid + 6}"/>')
            del p
        d.add_paragraph("【取組の成果】")
        p = d.add_paragraph()
        run = p.add_run(g["outcome"])
        d.add_comment(run, text=COMMENTS[n - 1], author="子ども家庭支援課", initials="区")
        d.add_paragraph("【取組の課題】")
        if n == 1:
            _body_append(d, _p_xml(r(g["issue"])))
            _body_append(d, f'<w:moveFromRangeStart xmlns:w="{W_NS}" w:id="{nid + 2}" w:author="子ども家庭支援課" '
                            f'w:date="{DATE}" w:name="move1"/>')
            _body_append(d, _p_xml(f'<w:moveFrom w:id="{nid + 4}" w:author="子ども家庭支援課" w:date="{DATE}">'
                                   f'{r(MOVED)}</w:moveFrom>'))
            _body_append(d, f'<w:moveFromRangeEnd xmlns:w="{W_NS}" w:id="{nid + 2}"/>')
        else:
            # a figure corrected inside the sentence: 二割 deleted, 三割 inserted
            _body_append(d, _p_xml(r(g["issue"][:10]) + dele("（前年度の記載をそのまま残す）", nid + 5)
                                   + r(g["issue"][10:])))
        d.add_paragraph("自己評価：" + g["grade"])
    return docx_bytes(d)


MOVED = "近隣の町内会と協力して案内の掲示板を増やした。"
COMMENTS = ["区：出張ひろばの会場一覧を別紙で添付してください。", "区：自主的な集まりの名称を確認させてください。"]


def docx_hidden_text(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A city template filled in Word: each answer cell still holds the template's 記入例 as
    hidden text (w:vanish), and a hidden paragraph keeps last year's draft goal."""
    import docx

    d = docx.Document()
    d.add_paragraph(f"{year_label}　{ward}地域子育て支援拠点事業　評価シート")
    _body_append(d, _p_xml(r("【作成上の注意】この様式は区の担当者と相談のうえ記入してください。", "<w:vanish/>")))
    for n, g in enumerate(goals, 1):
        t = d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, key, example in ((f"重点目標{fw(n)}", "goal", "（記入例）親子が安心して過ごせる居場所づくり"),
                                    ("取組内容", "content", "（記入例）ひろばを週五日開設した。"),
                                    ("取組の成果", "outcome", "（記入例）利用者が前年より増えた。"),
                                    ("取組の課題", "issue", "（記入例）周知の方法を見直す。"),
                                    ("評価", "grade", "（記入例）Ａ")):
            cells = t.add_row().cells
            cells[0].text = label
            _set_cell(cells[1], r(example, "<w:vanish/>") + r(g[key]))
        d.add_paragraph("")
        if n == 1:
            _body_append(d, _p_xml('<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>'
                                   + r(f"重点目標{fw(3)}　{HIDDEN_DRAFT}", "<w:vanish/>")))
    return docx_bytes(d)


HIDDEN_DRAFT = "ひろばの開設日を土曜日にも広げる（前年度案）"


def docx_fields(ward: str, year_label: str, goals: list[dict], created: str) -> bytes:
    """A report from a template whose title takes the year from a document property (a
    DOCPROPERTY field, simple), the date made from a DATE field's cached result, and
    「- PAGE / NUMPAGES -」 fields in the footer."""
    import docx

    d = docx.Document()
    _body_append(d, _p_xml(r(f"{ward}地域子育て支援拠点　") + simple_field("DOCPROPERTY 年度 \\* MERGEFORMAT", year_label)
                           + r("事業評価報告書")))
    _body_append(d, _p_xml(r("作成日　") + field('DATE \\@ "ggge年M月d日" \\* MERGEFORMAT', created)))
    d.add_paragraph("重点目標の評価")
    for n, g in enumerate(goals, 1):
        d.add_paragraph(f"重点目標{n}：{g['goal']}")
        d.add_paragraph(f"取組内容：{g['content']}")
        d.add_paragraph(f"取組の成果：{g['outcome']}")
        d.add_paragraph(f"取組の課題：{g['issue']}")
        d.add_paragraph(f"評価：{g['grade']}")
    footer = d.sections[0].footer
    fp = footer.paragraphs[0]
    from docx.oxml import parse_xml
    fp._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">- </w:t></w:r>'))
    for x in list(parse_xml(_p_xml(field("PAGE \\* MERGEFORMAT", "1") + r(" / ") + field("NUMPAGES", "2") + r(" -")))):
        fp._p.append(x)
    return docx_bytes(d)


def docx_first_page_header(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """The ward and the year only in the first page's own header (Word's 先頭ページのみ別指定);
    the other pages' header says only the form's name; the body starts at the goals."""
    import docx

    d = docx.Document()
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = f"{ward}地域子育て支援拠点　{year_label}　事業評価"
    sec.header.paragraphs[0].text = "地域子育て支援拠点事業　評価シート"
    d.add_paragraph("重点目標の取組状況")
    for n, g in enumerate(goals, 1):
        d.add_paragraph(f"（{n}）{g['goal']}")
        t = d.add_table(rows=4, cols=2)
        t.style = "Table Grid"
        for row, (label, key) in zip(t.rows, (("取組内容", "content"), ("成果", "outcome"), ("課題", "issue"),
                                              ("自己評価", "grade"))):
            row.cells[0].text = label
            row.cells[1].text = g[key]
        d.add_paragraph("")
    return docx_bytes(d)


# --- Excel, written part by part as Excel saves a workbook ---------------------------------------------

_NUMFMTS = {176: '[$-ja-JP-x-gannen]ggge"年度"', 177: '[$-411]ggge"年"m"月"d"日"', 178: '[$-411]ggge"年度"'}
# cellXfs: 0 general, 1 the fiscal year as 和暦, 2 a date as 和暦, 3 wrapped text, 4 the year as 和暦 (411)
_XFS = [(0, 0), (176, 0), (177, 0), (0, 1), (178, 0)]


HIDDEN = ' hidden="1"'
STATE = ' state="{}"'
APPLY_NF = ' applyNumberFormat="1"'
WRAP = ' applyAlignment="1"><alignment wrapText="1"/></xf>'
QUOT = {'"': "&quot;"}


def _col(c: int) -> str:
    s = ""
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


class Sheet:
    def __init__(self, name: str, state: str = "visible") -> None:
        self.name, self.state = name, state
        self.cells: dict[tuple[int, int], object] = {}
        self.merges: list[str] = []
        self.hidden_cols: set[int] = set()
        self.hidden_rows: set[int] = set()
        self.row_breaks: list[int] = []
        self.print_area: str | None = None

    def put(self, row: int, col: int, value) -> None:
        """value: a str; ("=formula", "cached text"); (number, style index)."""
        self.cells[(row, col)] = value


def xlsx_book(sheets: list[Sheet]) -> bytes:
    strings: list[str] = []
    index: dict[str, int] = {}

    def sst(s: str) -> int:
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    sheet_xml = []
    for sh in sheets:
        rows: dict[int, list[str]] = {}
        for (row, col), v in sorted(sh.cells.items()):
            ref = f"{_col(col)}{row}"
            if isinstance(v, str):
                rows.setdefault(row, []).append(f'<c r="{ref}" s="3" t="s"><v>{sst(v)}</v></c>')
            elif isinstance(v[0], str):
                rows.setdefault(row, []).append(
                    f'<c r="{ref}" s="3" t="str"><f>{escape(v[0][1:])}</f><v>{escape(v[1])}</v></c>')
            else:
                rows.setdefault(row, []).append(f'<c r="{ref}" s="{v[1]}"><v>{v[0]}</v></c>')
        body = "".join(
            f'<row r="{n}"{HIDDEN if n in sh.hidden_rows else ""}>{"".join(cs)}</row>'
            for n, cs in sorted(rows.items()))
        cols = "".join(f'<col min="{c}" max="{c}" width="{40 if c > 1 else 14}" customWidth="1"'
                       f'{HIDDEN if c in sh.hidden_cols else ""}/>'
                       for c in sorted({c for _r, c in sh.cells}))
        merges = (f'<mergeCells count="{len(sh.merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in sh.merges)
                  + "</mergeCells>") if sh.merges else ""
        breaks = (f'<rowBreaks count="{len(sh.row_breaks)}" manualBreakCount="{len(sh.row_breaks)}">'
                  + "".join(f'<brk id="{b}" max="16383" man="1"/>' for b in sh.row_breaks) + "</rowBreaks>"
                  ) if sh.row_breaks else ""
        sheet_xml.append(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<cols>{cols}</cols><sheetData>{body}</sheetData>{merges}'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            f'<pageSetup paperSize="9" orientation="portrait"/>{breaks}</worksheet>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        names = "".join(
            f'<definedName name="_xlnm.Print_Area" localSheetId="{i}">\'{sh.name}\'!{sh.print_area}</definedName>'
            for i, sh in enumerate(sheets) if sh.print_area)
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   + "".join(f'<sheet name="{escape(sh.name)}" sheetId="{i}"'
                             f'{"" if sh.state == "visible" else STATE.format(sh.state)} r:id="rId{i}"/>'
                             for i, sh in enumerate(sheets, 1))
                   + "</sheets>" + (f"<definedNames>{names}</definedNames>" if names else "")
                   + '<calcPr calcId="191029"/></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                   f'<Relationship Id="rId{len(sheets) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   '</Relationships>')
        for i, xml in enumerate(sheet_xml, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        z.writestr("xl/styles.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   f'<numFmts count="{len(_NUMFMTS)}">'
                   + "".join(f'<numFmt numFmtId="{k}" formatCode="{escape(v, QUOT)}"/>'
                             for k, v in _NUMFMTS.items())
                   + '</numFmts><fonts count="1"><font><sz val="11"/><name val="游ゴシック"/></font></fonts>'
                   '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
                   '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                   '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                   f'<cellXfs count="{len(_XFS)}">'
                   + "".join(f'<xf numFmtId="{nf}" fontId="0" fillId="0" borderId="0" xfId="0"'
                             f'{APPLY_NF if nf else ""}{WRAP if wrap else "/>"}'
                             for nf, wrap in _XFS)
                   + '</cellXfs><cellStyles count="1"><cellStyle name="標準" xfId="0" builtinId="0"/></cellStyles>'
                   '</styleSheet>')
        z.writestr("xl/sharedStrings.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
                   f'uniqueCount="{len(strings)}">'
                   + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>")
    return out.getvalue()


def _goal_rows(sh: Sheet, first_row: int, goals: list[dict], col: int = 1, grade: bool = True) -> int:
    """Goal per row: 重点目標 | 取組内容 | 取組の成果 | 取組の課題 | 評価 under a header row."""
    heads = ["重点目標", "取組内容", "取組の成果", "取組の課題"] + (["評価"] if grade else [])
    for k, h in enumerate(heads):
        sh.put(first_row, col + k, h)
    row = first_row
    for n, g in enumerate(goals, 1):
        row += 1
        vals = [f"{n}　{g['goal']}", g["content"], g["outcome"], g["issue"]] + ([g["grade"]] if grade else [])
        for k, v in enumerate(vals):
            sh.put(row, col + k, v)
    return row


def xlsx_hidden_sheets(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """The report sheet, with a hidden column of last year's wording between 取組内容 and 成果;
    a hidden 作業用 sheet of draft sentences and a very hidden 集計 sheet of counts."""
    report = Sheet("評価シート")
    report.put(1, 1, f"{ward}地域子育て支援拠点　{year_label}　事業評価")
    heads = ["重点目標", "取組内容", "前年度の記載（非表示）", "取組の成果", "取組の課題", "評価"]
    for k, h in enumerate(heads, 1):
        report.put(3, k, h)
    for n, g in enumerate(goals, 1):
        for k, v in enumerate([f"{n}　{g['goal']}", g["content"], LAST_YEAR[n - 1], g["outcome"], g["issue"],
                               g["grade"]], 1):
            report.put(3 + n, k, v)
    report.hidden_cols.add(3)
    work = Sheet("作業用", "hidden")
    work.put(1, 1, "下書き")
    for n, line in enumerate(DRAFTS, 2):
        work.put(n, 1, line)
    tally = Sheet("集計", "veryHidden")
    tally.put(1, 1, "利用者数集計（区内部用）")
    tally.put(2, 1, "四月から三月までの延べ利用者数を月ごとに入力する")
    return xlsx_book([report, work, tally])


LAST_YEAR = ["一時預かりの受付を電話のみで行った（前年度の記載）。", "ひろばの入口に相談コーナーの案内を掲げた（前年度の記載）。"]
DRAFTS = ["重点目標３　地域の保育園との交流を深める（下書き）", "保育園の園庭開放の案内を拠点で配る予定（下書き）。"]


def xlsx_formula_text(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """Cells whose text is what a formula computed, saved with the cached result as Excel saves
    it: the title =B1&C1&"…", each goal's label ="重点目標"&n, the next year's goals with
    CONCAT; the ward and the year are typed once, in the cells the formulas read."""
    sh = Sheet("評価")
    sh.put(1, 1, "区名")
    sh.put(1, 2, ward)
    sh.put(2, 1, "年度")
    sh.put(2, 2, year_label)
    sh.put(3, 1, ('=B1&"地域子育て支援拠点　"&B2&"　事業評価"', f"{ward}地域子育て支援拠点　{year_label}　事業評価"))
    heads = ["重点目標", "取組内容", "取組の成果", "取組の課題", "評価"]
    for k, h in enumerate(heads, 1):
        sh.put(5, k, h)
    for n, g in enumerate(goals, 1):
        row = 5 + n
        sh.put(row, 1, (f'=CONCAT("{n}　",H{row})', f"{n}　{g['goal']}"))
        sh.put(row, 8, g["goal"])   # the goal's words typed in a helper column the label reads
        for k, key in enumerate(("content", "outcome", "issue", "grade"), 2):
            sh.put(row, k, g[key])
    return xlsx_book([sh])


def xlsx_wareki_date(ward: str, fiscal_year: int, goals: list[dict], created_serial: int) -> bytes:
    """The fiscal year typed as a date (4月1日 of the year) and shown by the cell's number format
    as 令和N年度; the date of writing a date serial shown as ggge年m月d日. The title names no year."""
    import datetime
    sh = Sheet("Sheet1")
    sh.put(1, 1, f"{ward}地域子育て支援拠点事業　評価シート")
    sh.put(2, 1, "対象年度")
    serial = (datetime.date(fiscal_year, 4, 1) - datetime.date(1899, 12, 30)).days
    sh.put(2, 2, (serial, 1))
    sh.put(3, 1, "記入日")
    sh.put(3, 2, (created_serial, 2))
    _goal_rows(sh, 5, goals)
    return xlsx_book([sh])


def xlsx_shinchoku(city: str, year_label: str, items: list[dict]) -> bytes:
    """A city's 子ども・子育て支援事業計画 進捗評価 table, one 事業 a row, 評価 A/B/C with its legend."""
    sh = Sheet("進捗評価")
    sh.put(1, 1, f"{city}子ども・子育て支援事業計画　{year_label}　進捗状況の評価")
    sh.put(2, 1, "基本施策３　地域における子育て支援の充実")
    sh.put(3, 1, "評価の区分　Ａ：計画どおり進んでいる　Ｂ：概ね計画どおり進んでいる　Ｃ：計画より遅れている")
    heads = ["No.", "事業名", f"{year_label}の取組実績", "成果", "評価", "課題・今後の方向性", "所管課"]
    for k, h in enumerate(heads, 1):
        sh.put(5, k, h)
    for n, it in enumerate(items, 1):
        for k, v in enumerate([str(n), it["goal"], it["content"], it["outcome"], it["grade"], it["issue"],
                               "こども未来局子育て推進部"], 1):
            sh.put(5 + n, k, v)
    return xlsx_book([sh])


# --- web pages ---------------------------------------------------------------------------------------

def _ruby(text: str, word: str, reading: str) -> str:
    return text.replace(word, f"<ruby>{word}<rp>（</rp><rt>{reading}</rt><rp>）</rp></ruby>")


RUBY = [("多胎児", "たたいじ"), ("通訳", "つうやく"), ("付き添い", "つきそい"), ("母国語", "ぼこくご")]


def html_ruby_page(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A ward page with furigana on hard words (<ruby>, <rt>, <rp>), the site's ふりがな / 文字サイズ
    / 背景色 toolbar and a 「このページの先頭へ」 link after every section of the content."""
    def ruby(s: str) -> str:
        for w, y in RUBY:
            s = _ruby(s, w, y)
        return s

    parts = [f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{year_label}　地域子育て支援拠点の事業評価　{ward}</title></head>
<body id="top">
<div id="tmp_header"><p class="logo"><a href="/">横浜市</a></p>
<ul id="tmp_hnavi"><li><a href="#">ふりがなをつける</a></li><li>文字サイズ<a href="#">標準</a><a href="#">拡大</a></li>
<li>背景色<a href="#">白</a><a href="#">黒</a><a href="#">青</a></li><li><a href="#">Foreign Language</a></li></ul></div>
<div id="tmp_contents">
<h1>{year_label}　{ward}地域子育て支援拠点　事業評価</h1>
<p>{ward}の地域子育て支援拠点が、{year_label}の重点目標について振り返りを行いました。</p>
"""]
    for n, g in enumerate(goals, 1):
        parts.append(f"""<h2>重点目標{n}　{ruby(g['goal'])}</h2>
<h3>取組内容</h3><p>{ruby(g['content'])}</p>
<h3>取組の成果</h3><p>{ruby(g['outcome'])}</p>
<h3>取組の課題</h3><p>{ruby(g['issue'])}</p>
<p>自己評価：{g['grade']}</p>
<p class="pagetop"><a href="#top">このページの先頭へ</a></p>
""")
    parts.append(f"""</div>
<div id="tmp_footer"><p>{ward}役所こども家庭支援課</p><p><a href="#top">ページの先頭へ戻る</a></p></div>
</body></html>
""")
    return "".join(parts).encode("utf-8")


def html_eucjp_layout(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """An old ward page in EUC-JP with no charset anywhere (no meta, no XML declaration), laid
    out in a table: a menu cell at the left, the content cell at the right; the report in a
    table whose cells break lines with <br> inside words, as pages typed to a fixed width do."""
    def brk(s: str) -> str:
        half = len(s) // 2
        return s[:half] + "<br>" + s[half:]

    rows = "".join(f"""<tr><td bgcolor="#ffffcc">重点目標{n}</td><td colspan="2">{brk(g['goal'])}</td></tr>
<tr><td>取組内容</td><td colspan="2">{brk(g['content'])}</td></tr>
<tr><td>取組の成果</td><td colspan="2">{brk(g['outcome'])}</td></tr>
<tr><td>取組の課題</td><td colspan="2">{brk(g['issue'])}</td></tr>
<tr><td>評価</td><td colspan="2">{g['grade']}</td></tr>
""" for n, g in enumerate(goals, 1))
    page = f"""<html>
<head>
<title>{ward}　地域子育て支援拠点</title>
</head>
<body bgcolor="#ffffff">
<table width="760" border="0" cellspacing="0" cellpadding="0">
<tr><td colspan="2"><img src="img/title.gif" alt="{ward}役所"></td></tr>
<tr>
<td width="160" valign="top" bgcolor="#eeeeee">
<a href="index.html">トップ</a><br>
<a href="kosodate.html">子育て</a><br>
<a href="kenko.html">健康・福祉</a><br>
<a href="sumai.html">くらし</a><br>
</td>
<td width="600" valign="top">
<font size="4"><b>{year_label}　地域子育て支援拠点事業評価</b></font><br>
<br>
{ward}地域子育て支援拠点の{year_label}の取組について、拠点と区が<br>一緒に振り返りました。<br>
<br>
<table border="1" cellspacing="0" cellpadding="4" width="100%">
{rows}</table>
<br>
<div align="right"><a href="#">▲このページのトップへ</a></div>
</td>
</tr>
<tr><td colspan="2" align="center"><font size="2">{ward}役所 こども家庭支援課 電話045-000-0000</font></td></tr>
</table>
</body>
</html>
"""
    return page.encode("euc_jp")


# --- the documents and what a reader of each says ------------------------------------------------------

def want(ward: str, year: int, goals: list[dict], grades: bool = True, **kw) -> dict:
    return {"ward": ward, "years": [year, year], "doc_type": "単年度評価", "goals": goals_expected(year, goals, grades), **kw}


def batch_1() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    t = want("鶴見区", 2022, TSURUMI, not_seen=["ひろばを月一回", "会場一覧を別紙", "自主的な集まりの名称を確認", "前年度の記載をそのまま"],
             seen_once=[MOVED])
    t["goals"][0]["取組内容"] = "出張ひろばを月二回開き"
    t["goals"][1]["取組内容"] = MOVED[:16]
    docs["tsurumi_r4_tracked_runs.docx"] = (docx_tracked_runs("鶴見区", "令和４年度", TSURUMI), t)
    docs["kanazawa_r3_hidden_text.docx"] = (
        docx_hidden_text("金沢区", "令和３年度", KANAZAWA),
        want("金沢区", 2021, KANAZAWA, not_seen=["記入例", "作成上の注意", HIDDEN_DRAFT[:12]]))
    docs["sakae_h30_fields.docx"] = (
        docx_fields("栄区", "平成30年度", SAKAE, "平成31年4月25日"),
        want("栄区", 2018, SAKAE, not_seen=["DOCPROPERTY", "MERGEFORMAT", "NUMPAGES"]))
    docs["midori_r5_first_page_header.docx"] = (docx_first_page_header("緑区", "令和５年度", MIDORI), want("緑区", 2023, MIDORI))
    docs["hodogaya_r2_hidden_sheets.xlsx"] = (
        xlsx_hidden_sheets("保土ケ谷区", "令和２年度", HODOGAYA),
        want("保土ケ谷区", 2020, HODOGAYA, not_seen=["前年度の記載", "下書き", "利用者数集計", "月ごとに入力する"]))
    docs["aoba_r1_formula_text.xlsx"] = (xlsx_formula_text("青葉区", "令和元年度", AOBA), want("青葉区", 2019, AOBA))
    docs["kohoku_r2_wareki_date_cell.xlsx"] = (
        xlsx_wareki_date("港北区", 2020, KOHOKU, 44012), want("港北区", 2020, KOHOKU))
    docs["tsuzuki_r4_ruby_page.html"] = (
        html_ruby_page("都筑区", "令和４年度", TSUZUKI),
        want("都筑区", 2022, TSUZUKI, not_seen=["たたいじ", "つうやく", "ぼこくご", "ページの先頭へ", "文字サイズ", "ふりがなをつける"]))
    docs["konan_h28_eucjp_layout_table.html"] = (
        html_eucjp_layout("港南区", "平成28年度", KONAN), want("港南区", 2016, KONAN, not_seen=["このページのトップへ"]))
    docs["kawasaki_r5_shinchoku_hyoka.xlsx"] = (
        xlsx_shinchoku("川崎市", "令和５年度", KAWASAKI),
        {"ward_any": ["川崎市"], "years": [2023, 2023], "doc_type": "単年度評価", "goals": goals_expected(2023, KAWASAKI)})
    return docs



# --- batch 2 (written after batch 1's fixes, before the parser was run on it) ---------------------------

MINAMI = [
    {"goal": "妊娠期からのつながりをつくる",
     "content": "母親教室の会場に拠点のスタッフが出向き、ひろばの様子を写真で紹介した。",
     "outcome": "母親教室で紹介を受けた妊婦のうち十五名が、出産後三か月以内に来所した。",
     "issue": "父親の参加する教室では紹介の時間が取れず、両親そろって知ってもらう工夫が要る。",
     "grade": "B"},
    {"goal": "子育て家庭の防災への備えを進める",
     "content": "区の防災担当と防災ミニ講座を開き、非常持ち出し袋の中身を親子で確かめた。",
     "outcome": "講座の後に家庭で備蓄を見直したという声が多く、講座の追加開催の要望も出た。",
     "issue": "乳児のいる家庭向けの備えの情報が少なく、区と資料を作ることが課題である。",
     "grade": "A"},
]

SEYA = [
    {"goal": "地域の保育園や幼稚園との連携を深める",
     "content": "保育園と幼稚園の園長会に参加し、園庭開放の日程をひろばの掲示板で案内した。",
     "outcome": "園庭開放の案内を見て、入園前に園を訪ねた家庭が延べ六十組になった。",
     "issue": "幼稚園の行事と拠点の行事の日程が重なることがあり、年間の予定を共有したい。",
     "grade": "A"},
    {"goal": "拠点の利用者アンケートを活かす",
     "content": "年二回の利用者アンケートを行い、結果と対応をひろばの壁に貼り出した。",
     "outcome": "要望の多かった午後の開館時間の延長を試行し、午後の利用者が二割増えた。",
     "issue": "アンケートの回答が常連の利用者に偏っており、初めての利用者の声を集めたい。",
     "grade": "B"},
]

CHIGASAKI = [
    {"goal": "ひろばの運営",
     "content": "週六日ひろばを開き、季節の行事と手作りおもちゃのコーナーを設けた。",
     "outcome": "年間の利用者は延べ一万二千人で、計画した利用者数を上回った。",
     "issue": "混雑時の安全確認の手順を文書にまとめ、スタッフ全員で共有すること。",
     "grade": "A"},
    {"goal": "子育て相談",
     "content": "常勤の相談員を置き、電話と来所での子育て相談を受け付けた。",
     "outcome": "相談件数は延べ九百件で、必要な相談は市の担当課へ確実に引き継いだ。",
     "issue": "相談記録の保管方法に不備があり、個人情報の管理を徹底する必要がある。",
     "grade": "B"},
    {"goal": "地域との連携",
     "content": "自治会や民生委員と年二回の連絡会を開き、地域の行事に出張ひろばを出した。",
     "outcome": "地域の夏祭りで出張ひろばを開き、拠点を知らなかった家庭に案内できた。",
     "issue": "連絡会の参加団体が固定化しており、新しい団体への呼びかけが求められる。",
     "grade": "B"},
]

FUJISAWA = [
    {"goal": "つどいの広場事業",
     "content": "市内四か所のつどいの広場で、親子が自由に過ごせる場と子育て講座を提供した。",
     "outcome": "延べ利用者数は目標を上回り、講座の参加者の満足度も九割を超えた。",
     "issue": "広場のない地区の家庭の利用が少なく、出張広場の回数を増やす必要がある。",
     "target": ("延べ利用者数", "40,000人", "43,512人", "108.8%")},
    {"goal": "子育て支援者養成事業",
     "content": "子育て支援者の養成講座を年二期開き、修了者を広場のボランティアとして紹介した。",
     "outcome": "修了者は目標に届かなかったが、修了者の半数が広場で活動を始めた。",
     "issue": "講座が平日の昼間のみで、働いている人が受講できる日程を検討する。",
     "target": ("講座修了者数", "30人", "24人", "80.0%")},
]

ASAHI = [
    {"goal": "親子が気軽に立ち寄れる居場所をつくる",
     "content": "開館時間を三十分延ばし、昼食をとれるスペースを設けて長く過ごせるようにした。",
     "outcome": "昼をはさんで過ごす親子が増え、利用者同士が話す時間も長くなった。",
     "issue": "昼食時の混雑で座る場所が足りず、テーブルの配置を見直す必要がある。",
     "grade": "A"},
    {"goal": "子育て情報を必要な人に届ける",
     "content": "区の子育て情報メールに拠点の行事を載せ、登録の案内を健診の会場で行った。",
     "outcome": "メールの登録者が前年より三百人増え、行事の申込も増えた。",
     "issue": "メールを読まない家庭も多く、紙の案内をどこに置くかを見直したい。",
     "grade": "B"},
]

KANAGAWA = [
    {"goal": "乳幼児の親の仲間づくりを支える",
     "content": "同じ月齢の子どもをもつ親の集まりを月ごとに開き、スタッフが話題を用意した。",
     "outcome": "集まりで知り合った親同士が、誘い合ってひろばに来る姿が増えた。",
     "issue": "集まりに一度来ても続かない親がおり、二回目の参加を促す声かけを工夫する。",
     "grade": "B"},
    {"goal": "拠点と区の情報共有を進める",
     "content": "区の担当者と毎月の定例会を開き、気になる家庭の対応を相談した。",
     "outcome": "定例会で共有した家庭の多くが、区の保健師の訪問につながった。",
     "issue": "定例会の記録の書式が決まっておらず、次の対応が分かりにくいことがある。",
     "grade": "A"},
]

NAKA = [
    {"goal": "多胎児の家庭への支援",
     "content": "多胎児の家庭の集まりを月一回開き、先輩の多胎家庭に体験を話してもらった。",
     "outcome": "集まりに参加した家庭の多くが、育児の不安が和らいだと答えた。",
     "issue": "多胎児の家庭は外出が大変で、送迎の手助けを考える必要がある。",
     "grade": "A"},
    {"goal": "外国につながる家庭への支援",
     "content": "やさしい日本語の案内を作り、国際交流ラウンジと共同でひろばを開いた。",
     "outcome": "共同のひろばには六か国の家庭が参加し、母国語で話せる仲間ができた。",
     "issue": "通訳のできるボランティアが少なく、対応できる言語を増やしたい。",
     "grade": "B"},
]


def html_link_only(ward: str, year_label: str, pdf_name: str) -> bytes:
    """A ward page whose report is only a PDF: shown in an <iframe> and linked for download;
    the page itself says what the PDF is, and that Adobe Reader is needed to read it."""
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{year_label}　地域子育て支援拠点事業評価　{ward}　横浜市</title></head>
<body>
<header><p><a href="/">横浜市</a></p></header>
<main>
<h1>{year_label}　地域子育て支援拠点事業評価</h1>
<p>{ward}地域子育て支援拠点の{year_label}の事業評価を掲載します。</p>
<p><a href="/kurashi/kosodate/{pdf_name}">{year_label}　{ward}地域子育て支援拠点　事業評価（PDF：512KB）</a></p>
<iframe src="/kurashi/kosodate/{pdf_name}" width="100%" height="800" title="{year_label}　事業評価"></iframe>
<div class="plugin"><p>PDFファイルの閲覧には Adobe Acrobat Reader が必要です。</p></div>
<p>このページへのお問合せ：{ward}こども家庭支援課</p>
</main>
<footer><p>{ward}役所</p></footer>
</body></html>
""".encode("utf-8")


def xlsx_print_area(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A sheet whose print area (A1:E…) is narrower than the cells in use: to the right of it,
    outside what is printed, the writer's working notes and last year's sentences."""
    sh = Sheet("R4評価")
    sh.put(1, 1, f"{ward}地域子育て支援拠点　{year_label}　事業評価")
    last = _goal_rows(sh, 3, goals)
    sh.put(3, 7, "作業メモ（印刷範囲外）")
    sh.put(4, 7, "成果の数字は十月末の集計から更新すること")
    sh.put(5, 7, "前年度の課題欄：利用者の声を聞く機会を増やすとしていた")
    sh.print_area = f"$A$1:$E${last}"
    return xlsx_book([sh])


def docx_table_revisions(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A goal table per goal under review: a row inserted with change tracking (w:trPr/w:ins), a
    draft row deleted (w:trPr/w:del, its text in w:del), a cell's sentence replaced, a comment
    in a cell, and a formatting change (w:rPrChange) that changes no text."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph(f"{year_label}　{ward}地域子育て支援拠点　重点目標の評価")
    nid = 200
    for n, g in enumerate(goals, 1):
        t = d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, key in ((f"重点目標{n}", "goal"), ("取組内容", "content"), ("取組の成果", "outcome"),
                           ("取組の課題", "issue")):
            cells = t.add_row().cells
            cells[0].text = label
            if key == "outcome" and n == 1:
                _set_cell(cells[1], dele(TABLE_DRAFT, nid) + ins(g[key], nid + 1))
            elif key == "content":
                _set_cell(cells[1], f'<w:r><w:rPr><w:b/><w:rPrChange w:id="{nid + 2}" w:author="区" w:date="{DATE}">'
                                    f'<w:rPr/></w:rPrChange></w:rPr><w:t>{escape(g[key])}</w:t></w:r>')
            else:
                cells[1].text = g[key]
        # the rating row, inserted by the district office with change tracking
        row = t.add_row()
        row.cells[0].text = "評価"
        row.cells[1].text = g["grade"]
        trpr = row._tr.get_or_add_trPr()
        trpr.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="{nid + 3}" w:author="区" w:date="{DATE}"/>'))
        # a draft row deleted with change tracking: the row and its text are gone once accepted
        row = t.add_row()
        _set_cell(row.cells[0], dele("備考", nid + 4))
        _set_cell(row.cells[1], dele(DELETED_ROW, nid + 5))
        row._tr.get_or_add_trPr().append(
            parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="{nid + 6}" w:author="区" w:date="{DATE}"/>'))
        if n == 2:
            run = t.rows[2].cells[1].paragraphs[0].runs[0]
            d.add_comment(run, text=TABLE_COMMENT, author="区", initials="区")
        d.add_paragraph("")
        nid += 10
    return docx_bytes(d)


TABLE_DRAFT = "園との連携は来年度の課題として引き続き検討する予定（案）。"
DELETED_ROW = "備考欄は区の確認後に削除する。"
TABLE_COMMENT = "区：人数の根拠となる記録を添付してください。"


def xlsx_monitoring(city: str, year_label: str, items: list[dict]) -> bytes:
    """A city's 指定管理者 モニタリング評価シート: a row per 評価項目, the operator's 実施状況 and
    自己評価 of what came of it, the city's grade (A/B/C, its legend above) and 所見."""
    sh = Sheet("モニタリング")
    sh.put(1, 1, f"{year_label}　指定管理者モニタリング評価シート")
    sh.put(2, 1, f"施設名：{city}地域子育て支援センター　　指定管理者：社会福祉法人みらい会　　所管課：{city}こども育成部子育て支援課")
    sh.put(3, 1, "評価の基準　Ａ：仕様書の水準を上回る　Ｂ：仕様書の水準どおり　Ｃ：改善を要する")
    heads = ["評価項目", "実施状況（指定管理者記入）", "成果（指定管理者の自己評価）", "評価", "所管課の所見・改善を要する点"]
    for k, h in enumerate(heads, 1):
        sh.put(5, k, h)
    for n, it in enumerate(items, 1):
        for k, v in enumerate([f"{n}　{it['goal']}", it["content"], it["outcome"], it["grade"], it["issue"]], 1):
            sh.put(5 + n, k, v)
    return xlsx_book([sh])


def docx_suuchi_mokuhyo(city: str, year_label: str, items: list[dict]) -> bytes:
    """A city's annual 事業報告書: a chapter per 事業, each with its 数値目標 vs 実績 table
    (指標 | 数値目標 | 実績 | 達成率) between its 取組内容 and its 成果."""
    import docx

    d = docx.Document()
    d.add_paragraph(f"{year_label}　{city}子育て支援事業　事業報告書")
    d.add_paragraph(f"{city}子ども青少年部子育て企画課")
    for n, it in enumerate(items, 1):
        d.add_paragraph(f"{fw(n)}　{it['goal']}")
        d.add_paragraph("（１）取組内容")
        d.add_paragraph(it["content"])
        d.add_paragraph("（２）数値目標と実績")
        t = d.add_table(rows=2, cols=4)
        t.style = "Table Grid"
        for c, h in enumerate(("指標", "数値目標", "実績", "達成率")):
            t.rows[0].cells[c].text = h
            t.rows[1].cells[c].text = it["target"][c]
        d.add_paragraph("（３）成果")
        d.add_paragraph(it["outcome"])
        d.add_paragraph("（４）課題と今後の方向性")
        d.add_paragraph(it["issue"])
        d.add_paragraph("")
    return docx_bytes(d)


def html_sjis_ruby_table(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """An older ward page saved in Shift_JIS with no charset declared, a reading-tools bar inside
    a presentation table, furigana (<ruby><rb>…</rb><rt>…</rt></ruby>, without <rp>) in the
    report table's cells, and a 「ページの先頭へ戻る」 link after the table."""
    def ruby(text: str) -> str:
        for w, y in RUBY:
            text = text.replace(w, f"<ruby><rb>{w}</rb><rt>{y}</rt></ruby>")
        return text

    rows = "".join(f"""<tr><th>重点目標{n}</th><td>{ruby(g['goal'])}</td></tr>
<tr><th>取組内容</th><td>{ruby(g['content'])}</td></tr>
<tr><th>取組の成果</th><td>{ruby(g['outcome'])}</td></tr>
<tr><th>取組の課題</th><td>{ruby(g['issue'])}</td></tr>
<tr><th>評価</th><td>{g['grade']}</td></tr>
""" for n, g in enumerate(goals, 1))
    page = f"""<html>
<head><title>{ward}　地域子育て支援拠点　{year_label}の振り返り</title></head>
<body>
<table role="presentation" width="100%"><tr>
<td><img src="logo.gif" alt="{ward}"></td>
<td align="right"><a href="#">ふりがな</a>｜文字サイズ <a href="#">小</a> <a href="#">中</a> <a href="#">大</a>｜<a href="#">音声読み上げ</a></td>
</tr></table>
<h1>{year_label}　{ward}地域子育て支援拠点の振り返り</h1>
<table border="1">
{rows}</table>
<p align="right"><a href="#top">ページの先頭へ戻る</a></p>
<hr>
<p>{ward}役所こども家庭支援課</p>
</body></html>
"""
    return page.encode("cp932")


def xlsx_hidden_rows_formulas(ward: str, year_label: str, fiscal_year: int, goals: list[dict]) -> bytes:
    """A sheet whose title is a formula over a date cell (=TEXT(B2,"[$-ja-JP-x-gannen]ggge年度")&"…",
    cached as 令和３年度…), the date cell itself formatted as 和暦, each goal's number computed
    (=ROW()-5), a hidden row keeping a withdrawn goal, and a hidden 下書き sheet the goals'
    cells point at (='下書き'!B2, cached)."""
    import datetime
    sh = Sheet("評価")
    serial = (datetime.date(fiscal_year, 4, 1) - datetime.date(1899, 12, 30)).days
    sh.put(1, 1, ('=TEXT(B2,"[$-ja-JP-x-gannen]ggge年度")&"　' + ward + '地域子育て支援拠点　事業評価"',
                  f"{year_label}　{ward}地域子育て支援拠点　事業評価"))
    sh.put(2, 1, "年度")
    sh.put(2, 2, (serial, 1))
    heads = ["No.", "重点目標", "取組内容", "取組の成果", "取組の課題", "評価"]
    for k, h in enumerate(heads, 1):
        sh.put(4, k, h)
    draft = Sheet("下書き", "hidden")
    row = 4
    for n, g in enumerate(goals, 1):
        row += 1
        if n == 2:   # a withdrawn goal, its row hidden
            for k, v in enumerate(["", WITHDRAWN, "（取り下げ）", "", "", ""], 1):
                if v:
                    sh.put(row, k, v)
            sh.hidden_rows.add(row)
            row += 1
        sh.put(row, 1, ("=ROW()-" + str(row - n), str(n)))
        sh.put(row, 2, (f"='下書き'!B{n + 1}", g["goal"]))
        draft.put(n + 1, 2, g["goal"])
        draft.put(n + 1, 3, "（下書き）" + g["goal"] + "について検討中")
        for k, key in enumerate(("content", "outcome", "issue", "grade"), 3):
            sh.put(row, k, g[key])
    return xlsx_book([sh, draft])


WITHDRAWN = "地域のお祭りに拠点のブースを出す（取り下げ）"


def docx_footer_year(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """The ward and year only in the footer, the year a DOCPROPERTY field's result; odd and even
    pages with their own footers (the even one names only the form); headings as numbered
    paragraphs; a hidden paragraph of the template's instructions."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.settings.odd_and_even_pages_header_footer = True
    sec = d.sections[0]
    fp = sec.footer.paragraphs[0]
    for x in list(parse_xml(_p_xml(r(f"{ward}地域子育て支援拠点　") + simple_field("DOCPROPERTY 対象年度", year_label)
                                   + r("　事業評価")))):
        fp._p.append(x)
    sec.even_page_footer.paragraphs[0].text = "地域子育て支援拠点事業　評価様式"
    _body_append(d, _p_xml('<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>'
                           + r("この様式の記入方法：各欄に具体的に記入し、提出前にこの段落を削除してください。", "<w:vanish/>")))
    d.add_paragraph("重点目標の振り返り")
    for n, g in enumerate(goals, 1):
        d.add_paragraph(f"■重点目標{fw(n)}　{g['goal']}")
        d.add_paragraph(f"取組内容　{g['content']}")
        d.add_paragraph(f"取組の成果　{g['outcome']}")
        d.add_paragraph(f"取組の課題　{g['issue']}")
        d.add_paragraph(f"自己評価　{g['grade']}")
    return docx_bytes(d)


def batch_2() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    docs["isogo_r4_iframe_pdf_page.html"] = (
        html_link_only("磯子区", "令和４年度", "isogo_r4_hyoka.pdf"),
        {"ward": "磯子区", "years": [2022, 2022], "doc_type": "unknown", "link_only": True})
    docs["minami_r4_print_area.xlsx"] = (
        xlsx_print_area("南区", "令和４年度", MINAMI),
        want("南区", 2022, MINAMI, not_seen=["作業メモ", "十月末の集計から更新", "利用者の声を聞く機会を増やす"]))
    docs["seya_r1_table_revisions.docx"] = (
        docx_table_revisions("瀬谷区", "令和元年度", SEYA),
        want("瀬谷区", 2019, SEYA, not_seen=[TABLE_DRAFT[:14], DELETED_ROW[:10], TABLE_COMMENT[2:14]]))
    docs["chigasaki_r5_monitoring.xlsx"] = (
        xlsx_monitoring("茅ヶ崎市", "令和５年度", CHIGASAKI),
        {"ward_any": ["茅ヶ崎市", "茅ケ崎市"], "years": [2023, 2023], "doc_type": "単年度評価",
         "goals": goals_expected(2023, CHIGASAKI)})
    docs["fujisawa_r4_suuchi_mokuhyo.docx"] = (
        docx_suuchi_mokuhyo("藤沢市", "令和４年度", FUJISAWA),
        {"ward_any": ["藤沢市"], "years": [2022, 2022], "doc_type": "単年度評価",
         "goals": goals_expected(2022, FUJISAWA), "seen_once": ["43,512人"]})
    docs["naka_h29_sjis_ruby_table.htm"] = (
        html_sjis_ruby_table("中区", "平成29年度", NAKA),
        want("中区", 2017, NAKA, not_seen=["たたいじ", "ぼこくご", "つうやく", "音声読み上げ", "文字サイズ", "ページの先頭へ"]))
    docs["asahi_r3_hidden_rows_formulas.xlsx"] = (
        xlsx_hidden_rows_formulas("旭区", "令和３年度", 2021, ASAHI),
        want("旭区", 2021, ASAHI, not_seen=["取り下げ", "について検討中"]))
    docs["kanagawa_r2_footer_year_field.docx"] = (
        docx_footer_year("神奈川区", "令和２年度", KANAGAWA),
        want("神奈川区", 2020, KANAGAWA, not_seen=["この様式の記入方法", "DOCPROPERTY"]))
    return docs



# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

TOTSUKA = [
    {"goal": "初めての親子を迎える仕組みをつくる",
     "content": "初回の来所者に手作りのウェルカムカードを渡し、スタッフが館内の使い方を説明した。",
     "outcome": "ウェルカムカードを受け取った親子の半数以上が、一か月以内に再び来所した。",
     "issue": "スタッフが説明に付くと見守りが手薄になり、ボランティアとの分担が必要である。",
     "grade": "A"},
    {"goal": "地域の子育てサロンを支える",
     "content": "区内のサロンを巡回して遊びの講座を行い、運営者同士の情報交換会を開いた。",
     "outcome": "情報交換会をきっかけに、二つのサロンが合同で季節の行事を開いた。",
     "issue": "巡回の回数が限られ、要望のあるサロンすべてに応えられていない。",
     "grade": "B"},
]

SEYA3 = [
    {"goal": "乳児の親の孤立を防ぐ",
     "content": "生後四か月までの親子向けの集いを毎週開き、保健師の相談日を月一回設けた。",
     "outcome": "集いの参加者同士で連絡を取り合うようになり、ひろばの利用も続いている。",
     "issue": "集いの定員を超える申込があり、開催の曜日を増やすことを検討したい。",
     "grade": "A"},
    {"goal": "父親の子育てを応援する",
     "content": "父親向けの沐浴講座と外遊びの会を開き、父親同士で話す時間を設けた。",
     "outcome": "外遊びの会の参加者が自主的に公園で集まるようになった。",
     "issue": "講座の案内が母親経由でしか届かず、父親に直接届く方法を探したい。",
     "grade": "B"},
]

KOHOKU3 = [
    {"goal": "子育て中の親のリフレッシュを支える",
     "content": "一時預かりと合わせて親向けのヨガ講座を開き、託児付きの講座を年六回行った。",
     "outcome": "託児付き講座の参加者から、自分の時間が持てて気持ちが楽になったという声が多かった。",
     "issue": "託児の人手が足りず、講座の定員を増やせないことが課題である。",
     "grade": "B"},
    {"goal": "多胎児の家庭がつながる場をつくる",
     "content": "多胎児の家庭の交流会を隔月で開き、多胎児用のベビーカーで来られるよう入口を整えた。",
     "outcome": "交流会で知り合った家庭同士が、育児用品の譲り合いをするようになった。",
     "issue": "交流会の日程が平日のみで、父親が参加しにくいことが課題である。",
     "grade": "A"},
]

YAMATO = [
    {"goal": "地域子育て支援拠点事業",
     "content": "市内三か所の拠点で親子の交流の場を開き、子育て相談と講座を行った。",
     "outcome": "三か所の延べ利用者数は計画を上回り、相談件数も前年度より増えた。",
     "issue": "駅から遠い地区の利用が少なく、出張ひろばの実施を検討する必要がある。",
     "grade": "◎"},
    {"goal": "利用者支援事業",
     "content": "子育て支援コーディネーターを拠点に置き、保育や一時預かりの利用を案内した。",
     "outcome": "案内を受けた家庭の多くが、希望するサービスの利用につながった。",
     "issue": "コーディネーターの認知度が低く、健診などでの周知を強める必要がある。",
     "grade": "○"},
    {"goal": "子育て短期支援事業",
     "content": "保護者の病気などの際に児童を預かる事業を、市内の施設に委託して行った。",
     "outcome": "利用件数は計画を下回ったが、必要な家庭には迅速に対応できた。",
     "issue": "事業の周知が不足しており、必要な家庭に情報が届いていない可能性がある。",
     "grade": "△"},
]

HODOGAYA3 = [
    {"goal": "子育て家庭が気軽に相談できる場をつくる",
     "content": "ひろばに相談コーナーを常設し、予約なしで専門職に相談できる日を設けた。",
     "outcome": "予約なしの相談日には毎回三件以上の相談があり、継続の相談にもつながった。",
     "issue": "相談の内容が多様になり、専門機関との連携を一層強める必要がある。",
     "grade": "A"},
    {"goal": "拠点の情報をSNSで届ける",
     "content": "拠点のSNSで毎週の予定と行事の様子を発信し、フォロワー向けの質問会を開いた。",
     "outcome": "SNSを見て来所した新しい利用者が前年の二倍になった。",
     "issue": "SNSを使わない家庭にも届くよう、紙の案内との役割分担を考える。",
     "grade": "B"},
]

YOKOSUKA = [
    {"goal": "子育てひろばの運営",
     "content": "市内六か所の子育てひろばを運営し、季節の行事と子育て講座を行った。",
     "outcome": "利用者数は目標を上回り、講座の満足度も高かった。",
     "issue": "ひろばによって利用者数の差が大きく、案内の工夫が必要である。",
     "grade": "A", "target": ("延べ利用者数", "60,000人", "63,200人")},
    {"goal": "子育て支援ボランティアの育成",
     "content": "ボランティア養成講座を年二回開き、修了者をひろばの活動に紹介した。",
     "outcome": "新たに十八名がボランティアとして活動を始めた。",
     "issue": "ボランティアの活動日が偏っており、平日の活動者を増やしたい。",
     "grade": "B", "target": ("新規ボランティア数", "20人", "18人")},
]


def docx_header_table(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """The ward and the year only in a table in the page header (区名 | 年度 cells); in the body,
    a tracked deletion of a whole goal table row, hidden 記入例 paragraphs, the goal tables'
    captions made with a SEQ field (cached 1, 2) and a REF field repeating the goal's name."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Cm

    d = docx.Document()
    header = d.sections[0].header
    ht = header.add_table(rows=1, cols=2, width=Cm(16))
    ht.rows[0].cells[0].text = f"{ward}地域子育て支援拠点"
    ht.rows[0].cells[1].text = f"{year_label}　事業評価シート"
    d.add_paragraph("重点目標の振り返り")
    _body_append(d, _p_xml(r("（記入例）目標ごとに表を作り、取組内容・成果・課題を記入する。", "<w:vanish/>")))
    nid = 300
    for n, g in enumerate(goals, 1):
        _body_append(d, _p_xml(r("表") + field("SEQ 表 \\* ARABIC", str(n)) + r("　重点目標の振り返り（")
                               + field(f"REF goal{n} \\h", g["goal"]) + r("）")))
        t = d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, key in ((f"重点目標{n}", "goal"), ("取組内容", "content"), ("取組の成果", "outcome"),
                           ("取組の課題", "issue"), ("評価", "grade")):
            cells = t.add_row().cells
            cells[0].text = label
            cells[1].text = g[key]
            if key == "content":
                row = t.add_row()
                _set_cell(row.cells[0], dele("取組内容（追加）", nid))
                _set_cell(row.cells[1], dele(HEADER_DELETED, nid + 1))
                row._tr.get_or_add_trPr().append(
                    parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="{nid + 2}" w:author="区" w:date="{DATE}"/>'))
        d.add_paragraph("")
        nid += 10
    return docx_bytes(d)


HEADER_DELETED = "前年度から続けている取組を追記したが、区との協議で削除した。"


def xlsx_print_area_rows(ward: str, year_label: str, fiscal_year: int, goals: list[dict]) -> bytes:
    """A sheet printed A1:F(last goal row): the fiscal year a date serial shown by [$-411]ggge"年度",
    below the print area the writer's notes and a draft goal; a very hidden sheet of last
    year's text."""
    import datetime
    sh = Sheet("評価シート")
    sh.put(1, 1, f"{ward}地域子育て支援拠点　事業評価")
    sh.put(2, 1, "評価年度")
    serial = (datetime.date(fiscal_year, 4, 1) - datetime.date(1899, 12, 30)).days
    sh.put(2, 2, (serial, 4))
    last = _goal_rows(sh, 4, goals)
    sh.put(last + 3, 1, "（印刷範囲外のメモ）")
    sh.put(last + 4, 1, f"重点目標{len(goals) + 1}　{PRINT_DRAFT}")
    sh.put(last + 5, 1, "成果の件数は三月末に確定させて差し替える")
    sh.print_area = f"$A$1:$E${last}"
    old = Sheet("前年度", "veryHidden")
    old.put(1, 1, "前年度の重点目標：ひろばの利用者を増やす（前年度の記載）")
    return xlsx_book([sh, old])


PRINT_DRAFT = "地域の公園で外遊びの会を開く（検討中）"


def html_layout_dl_sjis(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A hub's own old site in Shift_JIS, no charset declared: a layout table (menu cell |
    content cell), the content in <dl> per goal, furigana with <rp>, a reading-tools bar
    (よみがな / 文字の大きさ / 背景色) and 「▲ページトップへ」 after each goal."""
    def ruby(s: str) -> str:
        for w, y in RUBY:
            s = _ruby(s, w, y)
        return s

    goals_html = "".join(f"""<h3>重点目標{n}　{ruby(g['goal'])}</h3>
<dl>
<dt>取組内容</dt><dd>{ruby(g['content'])}</dd>
<dt>取組の成果</dt><dd>{ruby(g['outcome'])}</dd>
<dt>取組の課題</dt><dd>{ruby(g['issue'])}</dd>
<dt>自己評価</dt><dd>{g['grade']}</dd>
</dl>
<p class="totop"><a href="#pagetop">▲ページトップへ</a></p>
""" for n, g in enumerate(goals, 1))
    page = f"""<html>
<head><title>{ward}地域子育て支援拠点</title></head>
<body><a name="pagetop"></a>
<div class="tools"><a href="#">よみがな表示</a> | 文字の大きさ <a href="#">小</a> <a href="#">中</a> <a href="#">大</a> | 背景色 <a href="#">白</a> <a href="#">黒</a></div>
<table width="900" cellpadding="0" cellspacing="0">
<tr>
<td width="180" valign="top">
<ul><li><a href="index.html">ホーム</a></li><li><a href="event.html">イベント</a></li><li><a href="about.html">拠点について</a></li><li><a href="access.html">アクセス</a></li></ul>
</td>
<td width="720" valign="top">
<h2>{year_label}　事業評価（自己評価）</h2>
<p>{ward}地域子育て支援拠点では、毎年度、区と一緒に事業の振り返りを行っています。</p>
{goals_html}</td>
</tr>
</table>
<p>{ward}地域子育て支援拠点　運営：NPO法人こどもの木</p>
</body></html>
"""
    return page.encode("cp932")


def docx_plan_check(city: str, year_label: str, items: list[dict]) -> bytes:
    """A city's 子ども・子育て支援事業計画 点検・評価 in Word: a table of 事業, 評価 ◎ ○ △ with its
    legend under the title."""
    import docx

    d = docx.Document()
    d.add_paragraph(f"{city}子ども・子育て支援事業計画　{year_label}　点検・評価結果")
    d.add_paragraph("基本目標２　地域で子育てを支える")
    d.add_paragraph("評価の区分　◎：計画以上に進んだ　○：計画どおり進んだ　△：計画を下回った")
    t = d.add_table(rows=1, cols=6)
    t.style = "Table Grid"
    for c, h in enumerate(("No.", "事業名", f"{year_label}の取組実績", "成果", "評価", "課題・今後の方向性")):
        t.rows[0].cells[c].text = h
    for n, it in enumerate(items, 1):
        cells = t.add_row().cells
        for c, v in enumerate((str(n), it["goal"], it["content"], it["outcome"], it["grade"], it["issue"])):
            cells[c].text = v
    d.add_paragraph(f"{city}こども部こども総務課")
    return docx_bytes(d)


def docx_hidden_row_ref(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A goal-per-row table whose third row (a draft goal) is all hidden text, the title's year
    a complex DOCPROPERTY field, a comment on a goal and a footnote on an outcome."""
    import docx

    d = docx.Document()
    _body_append(d, _p_xml(field("DOCPROPERTY 年度", year_label) + r(f"　{ward}地域子育て支援拠点　事業評価")))
    d.add_paragraph("重点目標の評価")
    t = d.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for c, h in enumerate(("重点目標", "取組内容", "取組の成果", "取組の課題", "評価")):
        t.rows[0].cells[c].text = h
    for n, g in enumerate(goals, 1):
        cells = t.add_row().cells
        for c, v in enumerate((f"{n}　{g['goal']}", g["content"], g["outcome"], g["issue"], g["grade"])):
            cells[c].text = v
        if n == 1:
            d.add_comment(cells[0].paragraphs[0].runs[0], text=ROW_COMMENT, author="区", initials="区")
    cells = t.add_row().cells
    for c, v in enumerate((f"{len(goals) + 1}　{HIDDEN_ROW_GOAL}", "（未記入）", "", "", "")):
        _set_cell(cells[c], r(v, "<w:vanish/>") if v else "")
    return docx_bytes(d)


ROW_COMMENT = "区：目標の表現を来年度と揃えてください。"
HIDDEN_ROW_GOAL = "地域の商店街と子育て応援マップを作る（案）"


def xlsx_targets(city: str, year_label: str, items: list[dict]) -> bytes:
    """A city's 事業報告 sheet: 事業名 | 取組内容 | 数値目標 | 実績値 | 成果 | 課題 | 評価, the title's year a formula's
    cached text."""
    sh = Sheet("事業報告")
    sh.put(1, 1, "年度")
    sh.put(1, 2, year_label)
    sh.put(2, 1, (f'=B1&"　{city}子育て支援事業　事業報告"', f"{year_label}　{city}子育て支援事業　事業報告"))
    heads = ["事業名", "取組内容", "指標", "数値目標", "実績値", "成果", "課題", "評価"]
    for k, h in enumerate(heads, 1):
        sh.put(4, k, h)
    for n, it in enumerate(items, 1):
        vals = [it["goal"], it["content"], it["target"][0], it["target"][1], it["target"][2], it["outcome"], it["issue"],
                it["grade"]]
        for k, v in enumerate(vals, 1):
            sh.put(4 + n, k, v)
    return xlsx_book([sh])


def batch_3() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    docs["totsuka_r5_header_table.docx"] = (
        docx_header_table("戸塚区", "令和５年度", TOTSUKA),
        want("戸塚区", 2023, TOTSUKA, not_seen=[HEADER_DELETED[:14], "記入例", "SEQ", "REF goal"]))
    docs["seya_r2_print_area_rows.xlsx"] = (
        xlsx_print_area_rows("瀬谷区", "令和２年度", 2020, SEYA3),
        want("瀬谷区", 2020, SEYA3, not_seen=["印刷範囲外のメモ", PRINT_DRAFT[:10], "三月末に確定", "前年度の記載"]))
    docs["kohoku_r1_layout_dl_sjis.html"] = (
        html_layout_dl_sjis("港北区", "令和元年度", KOHOKU3),
        want("港北区", 2019, KOHOKU3, not_seen=["たたいじ", "よみがな表示", "文字の大きさ", "ページトップへ"]))
    docs["yamato_r4_plan_check.docx"] = (
        docx_plan_check("大和市", "令和４年度", YAMATO),
        {"ward_any": ["大和市"], "years": [2022, 2022], "doc_type": "単年度評価", "goals": goals_expected(2022, YAMATO)})
    docs["hodogaya_r3_hidden_row.docx"] = (
        docx_hidden_row_ref("保土ケ谷区", "令和３年度", HODOGAYA3),
        want("保土ケ谷区", 2021, HODOGAYA3, not_seen=[HIDDEN_ROW_GOAL[:10], "未記入", ROW_COMMENT[2:12], "DOCPROPERTY"]))
    docs["yokosuka_r5_targets.xlsx"] = (
        xlsx_targets("横須賀市", "令和５年度", YOKOSUKA),
        {"ward_any": ["横須賀市"], "years": [2023, 2023], "doc_type": "単年度評価", "goals": goals_expected(2023, YOKOSUKA)})
    return docs


BATCHES = [batch_1, batch_2, batch_3]


ABOUT = ("Eleventh round: reports written by hand with what office software hides in a file — tracked "
         "revisions, comments, hidden text, fields, first-page headers, hidden sheets and columns, formulas' "
         "cached text, 和暦 number formats — and what web pages show that is not text (furigana, toolbars, "
         "layout tables, undeclared encodings), and other cities' forms; written by make_docs.py before the "
         "parser was run on them.")


if __name__ == "__main__":
    raise SystemExit(write_batches(HERE, BATCHES, ABOUT, sys.argv))
