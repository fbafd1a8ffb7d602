"""Writes the documents of tests/data/unseen12 and their expected.json (run once; the outputs
are committed). Needs python-docx and openpyxl (in the project's venv) and, for the two files
Excel 97–2003 wrote, `soffice`.

    PYTHONPATH=$PWD python tests/data/unseen12/make_docs.py [NAME …]

Twelfth round of documents nobody tuned the parser on, written by hand: **files that are not
what their name says, and text in places readers skip** —

- files as city systems and office programs export them under another name: an .xls that is
  SpreadsheetML 2003 XML, an .xls that is Excel's "Web page" save (Shift_JIS, with its
  conditional comments), an .xls that is a web system's tab-separated text, a .doc that is
  Word's "single file web page" (MHTML), an .mht file, a .doc that is Word 2003 XML, an .xlsx
  that is really an Excel 97–2003 workbook, macro-enabled .xlsm / .docm, a Word web page saved
  in UTF-16 ("charset=unicode");
- text in places readers skip, and characters and years as offices type them (batches 2–3).

The generator never calls the parser; expected.json is what a human reader of each document
would say, written before the parser was run on them (batch by batch).
"""

from __future__ import annotations

import base64
import datetime
import io
import quopri
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests.data.docgen import docx_bytes, goals_expected, soffice_convert, write_batches, xlsx_bytes

HERE = Path(__file__).resolve().parent


# --- the reports' content (written for this round) --------------------------------------------------

POOL = [
    {"goal": "地域の子育て家庭が気軽に立ち寄れる居場所",
     "content": "ひろばの開館日を週五日に広げ、初めての親子には受付で館内を案内した。",
     "outcome": "初めて来所した親子が年間で百二十組を超え、二度目の来所につながる例も多かった。",
     "issue": "午前中に利用が集中し、混み合う時間帯の過ごし方に工夫が必要である。",
     "grade": "A"},
    {"goal": "子育ての不安を早めに受け止める相談",
     "content": "ひろばの中に相談コーナーを設け、保健師との合同相談日を月一回開いた。",
     "outcome": "合同相談日には延べ六十件の相談があり、区の支援につないだ家庭が八件あった。",
     "issue": "相談コーナーが周りから見えやすく、話しにくいという声への対応が求められる。",
     "grade": "B"},
    {"goal": "外国につながる家庭の利用を支える",
     "content": "やさしい日本語の案内を作り、通訳ボランティアの来所日を毎月決めた。",
     "outcome": "外国につながる家庭の来所が前年の一・五倍となり、家庭同士の交流も生まれた。",
     "issue": "対応できる言語が限られており、翻訳アプリの活用を含めて検討を続ける。",
     "grade": "B"},
    {"goal": "祖父母世代と子育て家庭の交流を深める",
     "content": "地域の高齢者施設と昔遊びの会を開き、祖父母向けの子育て講座も行った。",
     "outcome": "昔遊びの会には三世代で参加する家庭もあり、施設からも継続の希望が寄せられた。",
     "issue": "講座の参加者が固定しており、初めての人に届く周知の方法を考えたい。",
     "grade": "A"},
    {"goal": "子育てサークルの立ち上げと継続を支える",
     "content": "サークルの代表者交流会を年三回開き、活動場所として拠点の部屋を貸し出した。",
     "outcome": "新たに四つのサークルが立ち上がり、代表者同士で運営の悩みを話し合えた。",
     "issue": "代表者の引き継ぎがうまくいかず解散するサークルがあり、支え方を見直す。",
     "grade": "B"},
    {"goal": "乳児を育てる親の仲間づくり",
     "content": "生後六か月までの親子を対象にしたベビーの日を毎週設け、手形アートを行った。",
     "outcome": "ベビーの日の参加者同士で連絡を取り合う仲間ができ、孤立感が和らいだと聞いた。",
     "issue": "定員を超える申し込みがあり、回数を増やすにはスタッフの配置が課題となる。",
     "grade": "A"},
    {"goal": "拠点の情報をウェブで分かりやすく届ける",
     "content": "ホームページの行事予定を毎週更新し、メールマガジンの配信を始めた。",
     "outcome": "メールマガジンの登録者は三百名を超え、行事の申し込みの半数がウェブ経由となった。",
     "issue": "ウェブを使わない家庭には情報が届きにくく、紙の案内との両立が必要である。",
     "grade": "B"},
    {"goal": "地域の支援者のつながりを強める",
     "content": "民生委員や主任児童委員との連絡会を四半期ごとに開き、気になる家庭の情報を共有した。",
     "outcome": "連絡会をきっかけに、地域の見守りから拠点の利用につながった家庭が五件あった。",
     "issue": "個人情報の扱いの決まりが分かりにくく、共有の範囲を区と整理する必要がある。",
     "grade": "A"},
    {"goal": "働きながら子育てする家庭の利用を広げる",
     "content": "土曜日の開館を月二回に増やし、仕事帰りに寄れる夕方のおはなし会を始めた。",
     "outcome": "土曜日の来所者の四割が父親で、平日に来られない家庭の利用が定着した。",
     "issue": "夕方の時間帯はスタッフが少なく、安全に運営するための人手の確保が要る。",
     "grade": "B"},
    {"goal": "発達が気になる子どもの親への支え",
     "content": "療育センターの職員を招いた相談会を開き、親同士が話せる小さな会を設けた。",
     "outcome": "相談会の後に療育センターへつながった家庭があり、親の安心につながった。",
     "issue": "相談会の日程が平日に限られ、参加できない家庭への対応が課題である。",
     "grade": "B"},
    {"goal": "拠点のスタッフの対応力を高める",
     "content": "スタッフ全員で事例検討会を月一回行い、外部講師による研修を年二回受けた。",
     "outcome": "相談への対応の手順がそろい、スタッフ間の引き継ぎの記録も分かりやすくなった。",
     "issue": "非常勤のスタッフが研修に参加しにくく、記録を共有する仕組みが必要である。",
     "grade": "A"},
    {"goal": "子育て家庭の防災の備えを広める",
     "content": "防災グッズの展示と非常食の試食会を開き、区の防災担当から話を聞く機会を設けた。",
     "outcome": "試食会の参加者の多くが家庭の備蓄を見直したと答え、展示の問い合わせも増えた。",
     "issue": "乳幼児向けの備えの情報が少なく、区と協力して資料を作ることが課題である。",
     "grade": "B"},
]


def goals_of(*indexes: int) -> list[dict]:
    return [POOL[i % len(POOL)] for i in indexes]


def want(ward: str, year: int, goals: list[dict], grades: bool = True, **kw) -> dict:
    return {"ward": ward, "years": [year, year], "doc_type": "単年度評価",
            "goals": goals_expected(year, goals, grades), **kw}


HEADS = ["重点目標", "取組内容", "取組の成果", "取組の課題", "評価"]


def goal_rows(goals: list[dict], grades: bool = True) -> list[list[str]]:
    heads = HEADS if grades else HEADS[:4]
    rows = [heads]
    for n, g in enumerate(goals, 1):
        rows.append([f"{n}　{g['goal']}", g["content"], g["outcome"], g["issue"]] + ([g["grade"]] if grades else []))
    return rows


def title(year_label: str, ward: str) -> str:
    return f"{year_label}　{ward}地域子育て支援拠点　事業評価"


# --- Word (.docx / .docm) ----------------------------------------------------------------------------

def _docx_report(ward: str, year_label: str, goals: list[dict]):
    import docx
    d = docx.Document()
    d.add_heading(title(year_label, ward), level=1)
    d.add_paragraph(f"{ward}の地域子育て支援拠点が、{year_label}の重点目標の取組を振り返りました。")
    for n, g in enumerate(goals, 1):
        d.add_heading(f"重点目標{n}　{g['goal']}", level=2)
        for head, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            d.add_heading(head, level=3)
            d.add_paragraph(g[key])
        d.add_paragraph(f"自己評価：{g['grade']}")
    return d


def _with_macros(data: bytes, main_type: str, macro_type: str, vba_part: str, rels_part: str) -> bytes:
    """A .docx / .xlsx re-packed as its macro-enabled kind: the main part's content type
    changed, a vbaProject.bin beside it (an OLE2 container, as Office writes it)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                text = body.decode("utf-8").replace(main_type, macro_type)
                text = text.replace("</Types>", '<Default Extension="bin" ContentType='
                                    '"application/vnd.ms-office.vbaProject"/></Types>')
                body = text.encode("utf-8")
            elif info.filename == rels_part:
                text = body.decode("utf-8").replace(
                    "</Relationships>",
                    '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
                    ' Target="vbaProject.bin"/></Relationships>')
                body = text.encode("utf-8")
            z.writestr(info.filename, body)
        z.writestr(vba_part, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Attribute VB_Name = \"集計\"".encode("cp932"))
    return out.getvalue()


def docm_report(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A report kept in a macro-enabled Word file (.docm): a macro fills in the date of writing."""
    d = _docx_report(ward, year_label, goals)
    return _with_macros(docx_bytes(d), "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                        "application/vnd.ms-word.document.macroEnabled.main+xml", "word/vbaProject.bin",
                        "word/_rels/document.xml.rels")


# --- Excel (.xlsx / .xlsm / .xls) --------------------------------------------------------------------

def _xlsx_report(ward: str, year_label: str, goals: list[dict]):
    import openpyxl
    from openpyxl.styles import Alignment
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価シート"
    ws.append([title(year_label, ward)])
    ws.append([])
    for row in goal_rows(goals):
        ws.append(row)
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDE", (24, 40, 40, 40, 8)):
        ws.column_dimensions[col].width = width
    return wb


def xlsm_report(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A report sheet in a macro-enabled workbook (.xlsm): a 集計 macro button's workbook."""
    wb = _xlsx_report(ward, year_label, goals)
    return _with_macros(xlsx_bytes(wb), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        "application/vnd.ms-excel.sheet.macroEnabled.main+xml", "xl/vbaProject.bin",
                        "xl/_rels/workbook.xml.rels")


def old_xls_named_xlsx(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """An Excel 97–2003 workbook (BIFF8, OLE2) someone renamed to .xlsx."""
    wb = _xlsx_report(ward, year_label, goals)
    return soffice_convert(xlsx_bytes(wb), ".xlsx", 'xls:MS Excel 97')


def spreadsheetml(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """Excel's "XML Spreadsheet 2003" under the .xls name, as many city systems export: a title
    merged across the table (ss:MergeAcross), a skipped column (ss:Index), line breaks in
    cells (&#10;), a reviewer's comment on a cell (<Comment>), and a hidden 集計 sheet."""
    def cell(text: str, extra: str = "", comment: str = "") -> str:
        note = (f'<Comment ss:Author="こども家庭支援課"><ss:Data xmlns="http://www.w3.org/TR/REC-html40">'
                f'<B><Font html:Face="ＭＳ Ｐゴシック" x:Family="Modern" html:Color="#000000">{escape(comment)}</Font></B>'
                f'</ss:Data></Comment>') if comment else ""
        return f'<Cell ss:StyleID="s21"{extra}><Data ss:Type="String">{escape(text).replace(chr(10), "&#10;")}</Data>{note}</Cell>'

    rows = [f'<Row ss:AutoFitHeight="0" ss:Height="24"><Cell ss:MergeAcross="5" ss:StyleID="s20"><Data ss:Type="String">'
            f'{escape(title(year_label, ward))}</Data></Cell></Row>',
            f'<Row ss:Index="3"><Cell ss:Index="5"><Data ss:Type="String">記入日</Data></Cell>'
            f'<Cell ss:StyleID="s22"><Data ss:Type="DateTime">2024-04-26T00:00:00.000</Data></Cell></Row>']
    table = goal_rows(goals)
    rows.append("<Row>" + "".join(cell(h) for h in table[0]) + "</Row>")
    for k, row in enumerate(table[1:]):
        content = row[1].replace("、", "、\n", 1)
        cells = [cell(row[0]), cell(content), cell(row[2], comment="数字は速報値のため確定後に差し替え" if k == 0 else ""),
                 cell(row[3]), cell(row[4])]
        rows.append("<Row>" + "".join(cells) + "</Row>")
    hidden_rows = ('<Row><Cell><Data ss:Type="String">月</Data></Cell><Cell><Data ss:Type="String">来所者数集計</Data></Cell></Row>'
                   '<Row><Cell><Data ss:Type="Number">4</Data></Cell><Cell><Data ss:Type="Number">812</Data></Cell></Row>')
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">
  <Author>{escape(ward)}こども家庭支援課</Author>
  <Created>2024-04-26T01:00:00Z</Created>
  <Version>16.00</Version>
 </DocumentProperties>
 <ExcelWorkbook xmlns="urn:schemas-microsoft-com:office:excel">
  <WindowHeight>8000</WindowHeight>
  <ProtectStructure>False</ProtectStructure>
 </ExcelWorkbook>
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/><Font ss:FontName="游ゴシック" x:CharSet="128" ss:Size="11"/></Style>
  <Style ss:ID="s20"><Font ss:FontName="游ゴシック" x:CharSet="128" ss:Size="14" ss:Bold="1"/></Style>
  <Style ss:ID="s21"><Alignment ss:Vertical="Top" ss:WrapText="1"/></Style>
  <Style ss:ID="s22"><NumberFormat ss:Format="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></Style>
 </Styles>
 <Worksheet ss:Name="評価シート">
  <Table ss:ExpandedColumnCount="6" ss:ExpandedRowCount="{len(rows) + 1}" x:FullColumns="1" x:FullRows="1" ss:DefaultRowHeight="18.75">
   <Column ss:Width="150"/><Column ss:Width="240" ss:Span="2"/><Column ss:Index="5" ss:Width="48"/>
   {"".join(rows)}
  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><PageSetup><Layout x:Orientation="Landscape"/></PageSetup><Selected/></WorksheetOptions>
 </Worksheet>
 <Worksheet ss:Name="集計">
  <Table>{hidden_rows}</Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>
"""
    return xml.encode("utf-8")


def excel_web_page(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """Excel's "Web page" save under the .xls name, in Shift_JIS: Office namespaces, the
    workbook's settings in a conditional comment, a style sheet of xl classes, cells whose lines
    are broken by <br style='mso-data-placement:same-cell'>."""
    rows = []
    for k, row in enumerate(goal_rows(goals)):
        cells = []
        for v in row:
            v = escape(v).replace("、", "、<br style='mso-data-placement:same-cell'>", 1) if k else escape(v)
            cells.append(f"  <td class=xl66 width=300 style='width:225pt'>{v}</td>\n")
        rows.append(f" <tr height=90 style='height:67.5pt'>\n{''.join(cells)} </tr>\n")
    page = f"""<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=shift_jis">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<style>
<!--table
	{{mso-displayed-decimal-separator:"\\.";
	mso-displayed-thousand-separator:"\\,";}}
.xl65
	{{font-size:14.0pt;
	font-weight:700;}}
.xl66
	{{vertical-align:top;
	white-space:normal;}}
-->
</style>
<!--[if gte mso 9]><xml>
 <x:ExcelWorkbook>
  <x:ExcelWorksheets>
   <x:ExcelWorksheet>
    <x:Name>評価シート</x:Name>
    <x:WorksheetOptions>
     <x:Print><x:ValidPrinterInfo/><x:PaperSizeIndex>9</x:PaperSizeIndex></x:Print>
     <x:Selected/>
    </x:WorksheetOptions>
   </x:ExcelWorksheet>
  </x:ExcelWorksheets>
  <x:WindowHeight>8000</x:WindowHeight>
 </x:ExcelWorkbook>
</xml><![endif]-->
</head>

<body link=blue vlink=purple>

<table border=0 cellpadding=0 cellspacing=0 width=1200 style='border-collapse:
 collapse;table-layout:fixed;width:900pt'>
 <col width=300 span=4 style='mso-width-source:userset;width:225pt'>
 <tr height=30 style='height:22.5pt'>
  <td colspan=5 height=30 class=xl65 width=1200 style='height:22.5pt;width:900pt'>{escape(title(year_label, ward))}</td>
 </tr>
 <tr height=18 style='height:13.5pt'>
  <td height=18 colspan=5 style='height:13.5pt;mso-ignore:colspan'></td>
 </tr>
{''.join(rows)} <![if supportMisalignedColumns]>
 <tr height=0 style='display:none'>
  <td width=300 style='width:225pt'></td>
 </tr>
 <![endif]>
</table>

</body>

</html>
"""
    return page.encode("cp932")


def tsv_export(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A web system's "Excel export": tab-separated text in Shift_JIS under the .xls name,
    quoted cells holding line breaks, CRLF line ends, no BOM."""
    lines = [f"{title(year_label, ward)}", "", "\t".join(HEADS)]
    for row in goal_rows(goals)[1:]:
        row = [f'"{v.replace("、", "、" + chr(10), 1)}"' if "、" in v else v for v in row]
        lines.append("\t".join(row))
    lines.append("")
    lines.append(f"出力日時\t2022/04/28 17:02")
    return "\r\n".join(lines).encode("cp932") + b"\r\n"


# --- web pages and MHTML -----------------------------------------------------------------------------

def word_html(ward: str, year_label: str, goals: list[dict], charset: str) -> str:
    """A report as Word saves it as a web page: MsoNormal paragraphs, <o:p> marks, heading
    styles, a list numbered by Word's own markers (<![if !supportLists]>)."""
    parts = [f"""<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset={charset}">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>{escape(title(year_label, ward))}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>{escape(ward)}役所</o:Author>
  <o:Pages>2</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0mm;
	text-align:justify;
	font-size:10.5pt;}}
-->
</style>
</head>

<body lang=JA style='tab-interval:42.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:18.0pt'>

<h1><span style='font-family:"ＭＳ ゴシック"'>{escape(title(year_label, ward))}<o:p></o:p></span></h1>

<p class=MsoNormal><span style='font-family:"ＭＳ 明朝"'>{escape(ward)}の地域子育て支援拠点が、{escape(year_label)}の重点目標の取組を振り返りました。<o:p></o:p></span></p>
"""]
    for n, g in enumerate(goals, 1):
        parts.append(f"""
<h2><![if !supportLists]><span style='mso-list:Ignore'>{n}.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>重点目標{n}　{escape(g['goal'])}<o:p></o:p></h2>
""")
        for head, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            parts.append(f"""<h3>{head}<o:p></o:p></h3>
<p class=MsoNormal style='text-indent:10.5pt'><span lang=EN-US style='font-family:"ＭＳ 明朝"'>{escape(g[key])}</span><o:p></o:p></p>
""")
        parts.append(f"<p class=MsoNormal>自己評価：{g['grade']}<o:p></o:p></p>\n")
    parts.append("""
<p class=MsoNormal><o:p>&nbsp;</o:p></p>

</div>

</body>

</html>
""")
    return "".join(parts)


def mhtml(html: str, charset: str, transfer: str, boundary: str, with_image: bool) -> bytes:
    """Word's "single file web page" (MHTML): a MIME multipart/related message holding the page
    (quoted-printable or base64) and its pictures."""
    body = html.encode(charset)
    if transfer == "quoted-printable":
        encoded = quopri.encodestring(body).decode("ascii")
    else:
        encoded = base64.encodebytes(body).decode("ascii")
    head = (f"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"{boundary}\"\r\n\r\n"
            "このドキュメントは単一ファイル Web ページ (Web アーカイブ) です。\r\n\r\n").encode(charset)
    part = (f"--{boundary}\r\nContent-Location: file:///C:/D0A1B2C3/report.htm\r\n"
            f"Content-Transfer-Encoding: {transfer}\r\nContent-Type: text/html; charset=\"{charset}\"\r\n\r\n"
            f"{encoded.replace(chr(10), chr(13) + chr(10))}\r\n")
    image = ""
    if with_image:
        png = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64)).decode("ascii")
        image = (f"--{boundary}\r\nContent-Location: file:///C:/D0A1B2C3/report.files/image001.png\r\n"
                 f"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\n{png}\r\n")
    return head + (part + image + f"--{boundary}--\r\n").encode("ascii")


def utf16_word_page(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """A Word web page saved with the "Unicode" encoding: UTF-16 LE with a BOM, charset=unicode."""
    return b"\xff\xfe" + word_html(ward, year_label, goals, "unicode").encode("utf-16-le")


# --- Word 2003 XML ------------------------------------------------------------------------------------

def wordml2003(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """Word's "Word 2003 XML document" under the .doc name: one XML file (w:wordDocument), the
    goals in a table, a page header holding the office's name."""
    def p(text: str, style: str = "") -> str:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{ppr}<w:r><w:t>{escape(text)}</w:t></w:r></w:p>"

    def tc(text: str) -> str:
        paras = "".join(p(line) for line in text.split("\n"))
        return f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{paras}</w:tc>'

    table = "".join("<w:tr>" + "".join(tc(v if k == 0 else v.replace("。", "。\n", 1).rstrip("\n")) for v in row) + "</w:tr>"
                    for k, row in enumerate(goal_rows(goals)))
    xml = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:sl="http://schemas.microsoft.com/schemaLibrary/2003/core" xmlns:aml="http://schemas.microsoft.com/aml/2001/core" xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:dt="uuid:C2F41010-65B3-11d1-A29F-00AA00C14882" w:macrosPresent="no" w:embeddedObjPresent="no" w:ocxPresent="no" xml:space="preserve">
<o:DocumentProperties><o:Author>{escape(ward)}役所</o:Author><o:Created>2021-04-30T00:00:00Z</o:Created></o:DocumentProperties>
<w:fonts><w:defaultFonts w:ascii="Century" w:fareast="ＭＳ 明朝" w:h-ansi="Century" w:cs="Times New Roman"/></w:fonts>
<w:styles><w:style w:type="paragraph" w:default="on" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>
<w:body><wx:sect>
{p(title(year_label, ward), "1")}
{p(f"{ward}の地域子育て支援拠点が、{year_label}の重点目標の取組を振り返りました。")}
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>
<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="800"/></w:tblGrid>
{table}</w:tbl>
{p("")}
<w:sectPr><w:hdr w:type="odd">{p(f"{ward}こども家庭支援課")}</w:hdr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1985" w:right="1701" w:bottom="1701" w:left="1701" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>
</wx:sect></w:body></w:wordDocument>
"""
    return xml.encode("utf-8")


# --- the documents and what a reader of each says ------------------------------------------------------

def batch_1() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g = goals_of(0, 1)
    docs["tsurumi_r5_spreadsheetml.xls"] = (
        spreadsheetml("鶴見区", "令和５年度", g),
        want("鶴見区", 2023, g, not_seen=["数字は速報値", "来所者数集計"]))
    g = goals_of(2, 3)
    docs["kanagawa_r3_excel_web_page.xls"] = (
        excel_web_page("神奈川区", "令和３年度", g),
        want("神奈川区", 2021, g, not_seen=["PaperSizeIndex", "mso-displayed", "ExcelWorksheet"]))
    g = goals_of(4, 5)
    docs["minami_r2_word_mhtml.doc"] = (
        mhtml(word_html("南区", "令和２年度", g, "shift_jis"), "shift_jis", "quoted-printable",
              "----=_NextPart_01D6A1B2.C3D4E5F0", True),
        want("南区", 2020, g, not_seen=["Content-Transfer-Encoding", "単一ファイル", "mso-list", "DocumentProperties"]))
    g = goals_of(6, 7)
    docs["isogo_h30_hyoka.mht"] = (
        mhtml(word_html("磯子区", "平成30年度", g, "utf-8"), "utf-8", "base64", "----=_NextPart_01D4F0E1.A2B3C4D5", True),
        want("磯子区", 2018, g, not_seen=["Content-Location", "image001"]))
    g = goals_of(8, 9)
    docs["kohoku_r4_macro.xlsm"] = (xlsm_report("港北区", "令和４年度", g), want("港北区", 2022, g, not_seen=["VB_Name"]))
    g = goals_of(10, 11)
    docs["totsuka_r1_macro.docm"] = (docm_report("戸塚区", "令和元年度", g), want("戸塚区", 2019, g))
    g = goals_of(1, 4)
    docs["asahi_r5_word_page_unicode.htm"] = (
        utf16_word_page("旭区", "令和５年度", g), want("旭区", 2023, g, not_seen=["mso-list", "Times New Roman"]))
    g = goals_of(3, 6)
    docs["hodogaya_r4_tsv_export.xls"] = (tsv_export("保土ケ谷区", "令和４年度", g), want("保土ケ谷区", 2022, g))
    g = goals_of(5, 8)
    docs["sakae_r3_word2003_xml.doc"] = (
        wordml2003("栄区", "令和３年度", g), want("栄区", 2021, g, not_seen=["mso-application", "Century"]))
    g = goals_of(7, 10)
    docs["seya_r2_old_excel_named_xlsx.xlsx"] = (old_xls_named_xlsx("瀬谷区", "令和２年度", g), want("瀬谷区", 2020, g))
    return docs


# --- batch 2 (written after batch 1's fixes, before the parser was run on it) -------------------------
# Text in places readers skip, and years and names as offices type them.

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _styles_append(d, xml: str) -> None:
    from docx.oxml import parse_xml
    d.styles.element.append(parse_xml(xml))


def _para(d, text: str, style_id: str | None = None, run_style: str | None = None):
    """A paragraph of one run, its paragraph style and run style set by id."""
    from docx.oxml import parse_xml
    ppr = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    rpr = f'<w:rPr><w:rStyle w:val="{run_style}"/></w:rPr>' if run_style else ""
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:p xmlns:w="{W_NS}">{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'))


def docx_style_hidden(ward: str, year_label: str, goals: list[dict], hidden_example: str, hidden_draft: str) -> bytes:
    """A city template whose 記入例 paragraphs are hidden by a character style (記入例文字, w:vanish
    set in the style, not on the run) and whose drafts are hidden by a paragraph style based on
    another hidden one (下書き → メモ with w:vanish)."""
    import docx
    d = docx.Document()
    _styles_append(d, f'<w:style xmlns:w="{W_NS}" w:type="character" w:customStyle="1" w:styleId="kinyurei">'
                      '<w:name w:val="記入例文字"/><w:rPr><w:vanish/><w:color w:val="FF0000"/></w:rPr></w:style>')
    _styles_append(d, f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:customStyle="1" w:styleId="memo">'
                      '<w:name w:val="メモ"/><w:basedOn w:val="Normal"/><w:rPr><w:vanish/></w:rPr></w:style>')
    _styles_append(d, f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:customStyle="1" w:styleId="draft">'
                      '<w:name w:val="下書き"/><w:basedOn w:val="memo"/><w:rPr><w:i/></w:rPr></w:style>')
    d.add_heading(title(year_label, ward), level=1)
    for n, g in enumerate(goals, 1):
        d.add_heading(f"重点目標{n}　{g['goal']}", level=2)
        for head, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            d.add_heading(head, level=3)
            if n == 1:
                _para(d, hidden_example, run_style="kinyurei")
            d.add_paragraph(g[key])
        if n == 1:
            _para(d, hidden_draft, style_id="draft")
        d.add_paragraph(f"自己評価：{g['grade']}")
    return docx_bytes(d)


DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx_smartart(ward: str, year_label: str, goals: list[dict], steps: list[str]) -> bytes:
    """A report whose approach is drawn as a SmartArt diagram (three steps in boxes): the
    steps' text lives in the diagram's data part (word/diagrams/data1.xml), and, as Word saves
    it, once more in the diagram's drawing (word/diagrams/drawing1.xml); document.xml only
    refers to them."""
    import docx
    from docx.oxml import parse_xml
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    d = docx.Document()
    d.add_heading(title(year_label, ward), level=1)
    d.add_paragraph("今年度の取組の進め方は次の図のとおりです。")
    pts = "".join(f'<dgm:pt modelId="{{0000000{k}-0000-0000-0000-000000000000}}"><dgm:prSet/><dgm:spPr/>'
                  f'<dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="ja-JP"/><a:t>{escape(t)}</a:t></a:r></a:p></dgm:t></dgm:pt>'
                  for k, t in enumerate(steps, 1))
    data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="{A_NS}" '
            f'xmlns:r="{R_NS}"><dgm:ptLst><dgm:pt modelId="{{00000000-0000-0000-0000-000000000000}}" type="doc"><dgm:prSet/>'
            f'<dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="ja-JP"/></a:p></dgm:t></dgm:pt>{pts}</dgm:ptLst>'
            '<dgm:cxnLst/><dgm:bg/><dgm:whole/></dgm:dataModel>').encode("utf-8")
    dsp = "http://schemas.microsoft.com/office/drawing/2008/diagram"
    shapes = "".join(f'<dsp:sp modelId="{{1000000{k}-0000-0000-0000-000000000000}}"><dsp:nvSpPr><dsp:cNvPr id="0" name=""/>'
                     f'<dsp:cNvSpPr/></dsp:nvSpPr><dsp:spPr/><dsp:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="ja-JP"/>'
                     f'<a:t>{escape(t)}</a:t></a:r></a:p></dsp:txBody></dsp:sp>' for k, t in enumerate(steps, 1))
    drawing = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dsp:drawing xmlns:dgm="{DGM}" xmlns:dsp="{dsp}" '
               f'xmlns:a="{A_NS}"><dsp:spTree><dsp:nvGrpSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr>'
               f'<dsp:grpSpPr/>{shapes}</dsp:spTree></dsp:drawing>').encode("utf-8")
    part = d.part
    rel_dm = part.relate_to(Part(PackURI("/word/diagrams/data1.xml"),
                                 "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml", data, part.package),
                            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData")
    part.relate_to(Part(PackURI("/word/diagrams/drawing1.xml"), "application/vnd.ms-office.drawingml.diagramDrawing+xml",
                        drawing, part.package), "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing")
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:p xmlns:w="{W_NS}" xmlns:wp="{wp}" xmlns:a="{A_NS}" xmlns:r="{R_NS}" xmlns:dgm="{DGM}"><w:r><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5400000" cy="1800000"/>'
        '<wp:docPr id="1" name="図表 1"/><wp:cNvGraphicFramePr/><a:graphic>'
        f'<a:graphicData uri="{DGM}"><dgm:relIds r:dm="{rel_dm}" r:lo="" r:qs="" r:cs=""/></a:graphicData>'
        '</a:graphic></wp:inline></w:drawing></w:r></w:p>'))
    for n, g in enumerate(goals, 1):
        d.add_heading(f"重点目標{n}　{g['goal']}", level=2)
        for head, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            d.add_heading(head, level=3)
            d.add_paragraph(g[key])
        d.add_paragraph(f"自己評価：{g['grade']}")
    return docx_bytes(d)


def xlsx_cell_notes(ward: str, year_label: str, goals: list[dict], notes: list[str]) -> bytes:
    """A report sheet whose reviewer left notes on cells (Excel's コメント / メモ): shown only
    when the pointer rests on the cell's red corner."""
    from openpyxl.comments import Comment
    wb = _xlsx_report(ward, year_label, goals)
    ws = wb.active
    ws["C4"].comment = Comment(notes[0], "こども家庭支援課")
    ws["D5"].comment = Comment(notes[1], "こども家庭支援課")
    return xlsx_bytes(wb)


def xlsx_plain(ward_title: str, goals: list[dict], lines_above: list[str]) -> bytes:
    """A report sheet: its title and lines above the goal table as written."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価"
    ws.append([ward_title])
    for line in lines_above:
        ws.append([line])
    ws.append([])
    for row in goal_rows(goals):
        ws.append(row)
    return xlsx_bytes(wb)


def docx_lines(lines: list[str], goals: list[dict]) -> bytes:
    """A Word report: the given lines above, then each goal under its heading."""
    import docx
    d = docx.Document()
    d.add_heading(lines[0], level=1)
    for line in lines[1:]:
        d.add_paragraph(line)
    for n, g in enumerate(goals, 1):
        d.add_heading(f"重点目標{n}　{g['goal']}", level=2)
        for head, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            d.add_heading(head, level=3)
            d.add_paragraph(g[key])
        d.add_paragraph(f"自己評価：{g['grade']}")
    return docx_bytes(d)


def html_lines(page_title: str, lines: list[str], goals: list[dict]) -> bytes:
    parts = [f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>{escape(page_title)}</title></head><body>\n'
             f"<h1>{escape(lines[0])}</h1>\n"]
    parts += [f"<p>{escape(line)}</p>\n" for line in lines[1:]]
    parts.append("<table border=\"1\">\n")
    for k, row in enumerate(goal_rows(goals)):
        tag = "th" if k == 0 else "td"
        parts.append("<tr>" + "".join(f"<{tag}>{escape(v)}</{tag}>" for v in row) + "</tr>\n")
    parts.append("</table>\n</body></html>\n")
    return "".join(parts).encode("utf-8")


def csv_lines(lines: list[str], goals: list[dict], codec: str) -> bytes:
    import csv as std_csv
    out = io.StringIO()
    w = std_csv.writer(out, lineterminator="\r\n")
    for line in lines:
        w.writerow([line])
    w.writerow([])
    for row in goal_rows(goals):
        w.writerow(row)
    return out.getvalue().encode(codec)


def xls_print_area_era(ward: str, fiscal_year: int, goals: list[dict], notes: list[str]) -> bytes:
    """An Excel 97–2003 workbook (written by LibreOffice from the .xlsx) whose print area
    leaves out a column of the office's notes to the right of the goal table, and whose
    fiscal year is a date shown as 和暦 by its number format ([$-411]ggge"年度")."""
    import openpyxl
    from openpyxl.styles import Alignment
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価シート"
    ws["A1"] = f"{ward}地域子育て支援拠点　事業評価"
    ws["A2"] = "対象年度"
    ws["B2"] = datetime.date(fiscal_year, 4, 1)
    ws["B2"].number_format = '[$-411]ggge"年度"'
    for r, row in enumerate(goal_rows(goals), 4):
        for c, v in enumerate(row, 1):
            ws.cell(r, c, v).alignment = Alignment(wrap_text=True, vertical="top")
    ws["G4"] = "区の確認メモ"
    for k, note in enumerate(notes):
        ws.cell(5 + k, 7, note)
    ws.print_area = f"A1:E{3 + len(goals) + 1}"
    return soffice_convert(xlsx_bytes(wb), ".xlsx", "xls:MS Excel 97")


def batch_2() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g = goals_of(9, 0)
    docs["kanazawa_r4_style_hidden.docx"] = (
        docx_style_hidden("金沢区", "令和４年度", g, "（記入例）ひろばの利用者数の変化を書いてください",
                          "下書き：来年度は土曜日の開館を増やすか検討中"),
        want("金沢区", 2022, g, not_seen=["記入例", "土曜日の開館を増やすか検討中"]))
    g = goals_of(2, 5)
    steps = ["知ってもらう：健診会場で拠点を紹介", "来てもらう：初めての親子の受付案内", "通い続けてもらう：仲間づくりの会"]
    docs["aoba_r3_smartart.docx"] = (
        docx_smartart("青葉区", "令和３年度", g, steps),
        want("青葉区", 2021, g, seen_once=steps))
    g = goals_of(11, 4)
    docs["hodogaya_r5_cell_notes.xlsx"] = (
        xlsx_cell_notes("保土ケ谷区", "令和５年度", g, ["件数は二月末時点の数字です", "表現を区の計画にそろえてください"]),
        want("保土ケ谷区", 2023, g, not_seen=["二月末時点", "区の計画にそろえて"]))
    g = goals_of(6, 9)
    docs["kohoku_h31_reiwa_gannen.docx"] = (
        docx_lines(["平成31年度（令和元年度）　港北区地域子育て支援拠点　事業評価",
                    "平成31年４月に始まった年度は、５月の改元により令和元年度となりました。",
                    "作成日：令和２年４月20日"], g),
        want("港北区", 2019, g))
    g = goals_of(1, 10)
    docs["totsuka_r5_fullwidth_space_year.xlsx"] = (
        xlsx_plain("令和　５年度　戸塚区地域子育て支援拠点　事業評価", g,
                   ["評価期間：令和　５年４月〜令和　６年３月"]),
        want("戸塚区", 2023, g))
    g = goals_of(3, 8)
    docs["minami_r3_abbreviated_years.html"] = (
        html_lines("R3年度 事業評価｜南区", ["R3年度　南区地域子育て支援拠点　事業評価",
                                            "対象期間：R3.4〜R4.3（前年度 R2 の評価は別ページ）"], g),
        want("南区", 2021, g))
    g = goals_of(7, 2)
    docs["tsurumi_r2_ward_without_ku.docx"] = (
        docx_lines(["令和２年度　地域子育て支援拠点　事業評価（鶴見）",
                    "鶴見の地域子育て支援拠点が、令和２年度の取組を振り返りました。"], g),
        want("鶴見区", 2020, g))
    g = goals_of(5, 11)
    docs["seya_r4_print_area_era.xls"] = (
        xls_print_area_era("瀬谷区", 2022, g, ["数字は区で確認済み", "表現は来週までに修正"]),
        want("瀬谷区", 2022, g, not_seen=["区の確認メモ", "区で確認済み", "来週までに修正"]))
    g = goals_of(8, 1)
    docs["isogo_r2_wave_dash.csv"] = (
        csv_lines(["令和２年度　磯子区地域子育て支援拠点　事業評価", "実施期間：令和２年４月〜令和３年３月"], g, "shift_jis"),
        want("磯子区", 2020, g))
    return docs


# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

def spreadsheetml_merged(ward: str, year_label: str, goals: list[dict], notes: list[str]) -> bytes:
    """SpreadsheetML (.xls name) as a vendor's system writes it: each goal's cell merged down
    over two rows (ss:MergeDown) whose second row continues its 取組内容, a hidden row of last
    year's wording (ss:Hidden), and a print area (<NamedRange ss:Name="Print_Area">) that leaves
    out a column of the office's notes."""
    def cell(text: str, extra: str = "") -> str:
        return f'<Cell{extra}><Data ss:Type="String">{escape(text)}</Data></Cell>'

    merged = ' ss:MergeAcross="4"'
    rows = [f'<Row>{cell(title(year_label, ward), merged)}</Row>', '<Row ss:Index="3">'
            + "".join(cell(h) for h in HEADS) + cell("区の確認メモ", ' ss:Index="7"') + "</Row>"]
    for n, g in enumerate(goals, 1):
        first, _, rest = g["content"].partition("、")
        rows.append("<Row>" + cell(f"{n}　{g['goal']}", ' ss:MergeDown="1"') + cell(first + "、") + cell(g["outcome"])
                    + cell(g["issue"]) + cell(g["grade"]) + cell(notes[n - 1], ' ss:Index="7"') + "</Row>")
        rows.append('<Row>' + cell(rest, ' ss:Index="2"') + "</Row>")
        if n == 1:
            rows.append('<Row ss:Hidden="1">' + cell("前年度の記載：ひろばの開館日を週三日とした", ' ss:Index="2"') + "</Row>")
    last = 3 + 2 * len(goals) + 1
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <Worksheet ss:Name="評価">
  <Names>
   <NamedRange ss:Name="Print_Area" ss:RefersTo="=評価!R1C1:R{last}C5"/>
  </Names>
  <Table ss:ExpandedColumnCount="7" ss:ExpandedRowCount="{last}">
   {"".join(rows)}
  </Table>
 </Worksheet>
</Workbook>
"""
    return xml.encode("utf-8")


def excel_mhtml(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """Excel's "single file web page" (MHTML) under the .xls name: the sheet's page in UTF-8,
    quoted-printable, beside the workbook's frame parts."""
    page = excel_web_page(ward, year_label, goals).decode("cp932").replace("charset=shift_jis", "charset=utf-8")
    boundary = "----=_NextPart_01D9C0DE.5A6B7C80"
    body = quopri.encodestring(page.encode("utf-8")).decode("ascii").replace("\n", "\r\n")
    head = (f"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; "
            f"boundary=\"{boundary}\"\r\n\r\nThis document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n")
    part = (f"--{boundary}\r\nContent-Location: file:///C:/A1B2C3D4/report.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Type: text/html; charset=\"utf-8\"\r\n\r\n{body}\r\n")
    css = (f"--{boundary}\r\nContent-Location: file:///C:/A1B2C3D4/report.files/stylesheet.css\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/css; charset=\"utf-8\"\r\n\r\n"
           "tr\r\n\t{mso-height-source:auto;}\r\n")
    return (head + part + css + f"--{boundary}--\r\n").encode("ascii")


def wordml2003_hidden(ward: str, year_label: str, goals: list[dict], hidden: str) -> bytes:
    """Word 2003 XML under the .doc name whose goals are headed paragraphs, with a hidden
    (w:vanish) note left in the first goal's 取組内容 and the ward only in the page header."""
    def p(text: str, props: str = "") -> str:
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f"<w:p><w:r>{rpr}<w:t>{escape(text)}</w:t></w:r></w:p>"

    body = [p(f"{year_label}　地域子育て支援拠点　事業評価"), p("拠点の一年間の取組を振り返ります。")]
    for n, g in enumerate(goals, 1):
        body.append(p(f"重点目標{n}　{g['goal']}"))
        for head, key in (("取組内容", "content"), ("取組の成果", "outcome"), ("取組の課題", "issue")):
            body.append(p(f"【{head}】"))
            body.append(p(g[key]))
            if n == 1 and key == "content":
                body.append(p(hidden, "<w:vanish/>"))
        body.append(p(f"自己評価：{g['grade']}"))
    xml = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" xml:space="preserve">
<w:body><wx:sect>{"".join(body)}
<w:sectPr><w:hdr w:type="odd">{p(f"横浜市{ward}　こども家庭支援課")}</w:hdr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
</wx:sect></w:body></w:wordDocument>
"""
    return xml.encode("utf-8")


def docm_table_style_hidden(ward: str, year_label: str, goals: list[dict], example: str) -> bytes:
    """A macro-enabled city template (.docm): the goals in a table whose every answer cell
    still holds the template's 記入例 in a character style that hides it (w:vanish in the style)."""
    import docx
    from docx.oxml import parse_xml
    d = docx.Document()
    _styles_append(d, f'<w:style xmlns:w="{W_NS}" w:type="character" w:customStyle="1" w:styleId="example">'
                      '<w:name w:val="記入例"/><w:rPr><w:vanish/><w:color w:val="0070C0"/></w:rPr></w:style>')
    d.add_heading(title(year_label, ward), level=1)
    rows = goal_rows(goals)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            cell = table.cell(r, c)
            cell.text = v
            if r and c in (1, 2, 3):
                cell._tc.append(parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:rPr><w:rStyle w:val="example"/></w:rPr>'
                                          f'<w:t>{escape(example)}</w:t></w:r></w:p>'))
    return _with_macros(docx_bytes(d), "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                        "application/vnd.ms-word.document.macroEnabled.main+xml", "word/vbaProject.bin",
                        "word/_rels/document.xml.rels")


def unicode_text_named_xls(ward: str, year_label: str, goals: list[dict]) -> bytes:
    """Excel's "Unicode text" save under the .xls name: UTF-16 LE with a BOM, tab-separated,
    cells with line breaks quoted."""
    lines = [title(year_label, ward), ""]
    for row in goal_rows(goals):
        lines.append("\t".join(f'"{v.replace("。", "。" + chr(10), 1).rstrip(chr(10))}"' if "。" in v[:-1] else v for v in row))
    return b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le") + "\r\n".encode("utf-16-le")


def xlsm_notes_print_area(ward: str, year_label: str, goals: list[dict], notes: list[str]) -> bytes:
    """A macro-enabled workbook (.xlsm) with a reviewer's notes on cells and a print area that
    leaves out the office's notes column."""
    from openpyxl.comments import Comment
    wb = _xlsx_report(ward, year_label, goals)
    ws = wb.active
    ws["B4"].comment = Comment(notes[0], "区")
    ws["G3"] = "作業メモ"
    ws["G4"] = notes[1]
    ws.print_area = f"A1:E{3 + len(goals)}"
    return _with_macros(xlsx_bytes(wb), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        "application/vnd.ms-excel.sheet.macroEnabled.main+xml", "xl/vbaProject.bin",
                        "xl/_rels/workbook.xml.rels")


def batch_3() -> dict[str, tuple[bytes, dict]]:
    docs = {}
    g = goals_of(4, 7)
    notes = ["件数は速報値", "表現を確認中"]
    w = want("神奈川区", 2023, g, not_seen=["区の確認メモ", "件数は速報値", "表現を確認中", "週三日とした"])
    docs["kanagawa_r5_spreadsheetml_merged.xls"] = (spreadsheetml_merged("神奈川区", "令和５年度", g, notes), w)
    g = goals_of(10, 3)
    docs["konan_r4_excel_single_file_page.xls"] = (
        excel_mhtml("港南区", "令和４年度", g), want("港南区", 2022, g, not_seen=["mso-height-source", "Single File"]))
    g = goals_of(0, 6)
    docs["naka_r1_word2003_xml_header.doc"] = (
        wordml2003_hidden("中区", "令和元年度", g, "※この欄は区の担当者が追記予定"),
        want("中区", 2019, g, not_seen=["追記予定"]))
    g = goals_of(11, 2)
    docs["izumi_r3_template_example.docm"] = (
        docm_table_style_hidden("泉区", "令和３年度", g, "（記入例）具体的な回数や人数を書く"),
        want("泉区", 2021, g, not_seen=["記入例", "具体的な回数"]))
    g = goals_of(9, 4)
    docs["midori_h30_unicode_text.xls"] = (unicode_text_named_xls("緑区", "平成30年度", g), want("緑区", 2018, g))
    g = goals_of(5, 1)
    docs["sakae_r2_macro_notes_print_area.xlsm"] = (
        xlsm_notes_print_area("栄区", "令和２年度", g, ["この数字は要確認", "来年度は様式が変わる"]),
        want("栄区", 2020, g, not_seen=["要確認", "作業メモ", "様式が変わる"]))
    return docs


BATCHES = [batch_1, batch_2, batch_3]


ABOUT = ("Twelfth round: reports written by hand as files that are not what their name says (SpreadsheetML, "
         "web pages and MHTML under Office names, tab-separated text named .xls, Word 2003 XML, macro-enabled "
         "files, an old workbook named .xlsx, UTF-16 web pages), text in places readers skip, and characters and "
         "years as offices type them; written by make_docs.py before the parser was run on them.")


if __name__ == "__main__":
    raise SystemExit(write_batches(HERE, BATCHES, ABOUT, sys.argv))
