"""Files that are not what their name says, as city systems export them, are read as what they
are — or refused with a Japanese reason saying what they are — never read as an empty report.

The reports of tests/data/unseen12 check the reading end to end; these check the edges: what
is refused, and why.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from indexer.load import LoadError, load_bytes, supported
from search_app.uploads import UploadRejected, quick_check

LEGACY = Path(__file__).resolve().parent / "data" / "legacy"
EXCEL_XLS = LEGACY / "000_8f4773b09691ae88.xlsx_year_sheets.xls"
WORD_DOC = LEGACY / "000_8f4773b09691ae88.docx.doc"

SPREADSHEETML = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="評価"><Table>
  <Row><Cell><Data ss:Type="String">西区の取組</Data></Cell><Cell ss:Index="3"><Data ss:Type="Number">12</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""


def test_a_spreadsheetml_workbook_named_xls_keeps_its_cells_in_their_columns():
    loaded = load_bytes(SPREADSHEETML.encode("utf-8"), "集計.xls")
    assert "西区の取組\t\t12" in loaded.text


def test_a_spreadsheetml_workbook_without_an_xml_declaration_is_read_as_a_workbook_not_a_web_page():
    data = SPREADSHEETML.split("?>", 2)[2].lstrip()
    loaded = load_bytes(data.encode("utf-8"), "集計.xls")
    assert loaded.text.strip() == "西区の取組\t\t12"


def test_a_spreadsheetml_file_declaring_xml_entities_is_refused_saying_why():
    data = SPREADSHEETML.replace('<?mso-application progid="Excel.Sheet"?>',
                                 '<?mso-application progid="Excel.Sheet"?><!DOCTYPE x [<!ENTITY a "aaaa">]>')
    with pytest.raises(LoadError) as err:
        load_bytes(data.encode("utf-8"), "集計.xls")
    assert "XML スプレッドシート 2003" in err.value.reason and "ENTITY" in err.value.reason


def test_a_web_archive_without_a_page_is_refused_saying_it_is_a_web_archive():
    data = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
            b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n")
    with pytest.raises(LoadError) as err:
        load_bytes(data, "報告.mht")
    assert "MHTML" in err.value.reason


def test_bytes_named_xls_that_are_neither_a_workbook_nor_text_are_refused_as_no_excel_file():
    with pytest.raises(LoadError) as err:
        load_bytes(b"\x00\x01\x02\x03" * 100, "集計.xls")
    assert "Excel 97-2003 形式（.xls）のファイルとして読み込めません" in err.value.reason


def test_an_old_workbook_renamed_xlsx_is_read_and_a_password_protected_one_refused_saying_so():
    loaded = load_bytes(EXCEL_XLS.read_bytes(), "集計.xlsx")
    assert loaded.fmt == "xls" and loaded.text.strip()
    with pytest.raises(LoadError) as err:
        load_bytes((LEGACY / "password.xls").read_bytes(), "集計.xlsx")
    assert "パスワードで保護された Excel ファイル" in err.value.reason


def test_an_ole2_file_named_xlsx_that_is_no_workbook_keeps_the_xlsx_advice():
    with pytest.raises(LoadError) as err:
        load_bytes(WORD_DOC.read_bytes(), "集計.xlsx")
    assert "旧形式" in err.value.reason


@pytest.mark.parametrize("name", ["報告.xlsm", "報告.docm", "報告.mht", "報告.mhtml"])
def test_macro_enabled_files_and_web_archives_are_accepted_formats(name):
    assert supported(name)


@pytest.mark.parametrize("name, data", [
    ("集計.xls", SPREADSHEETML.encode("utf-8")),
    ("集計.xls", "区\t取組\r\n西区\tひろば\r\n".encode("cp932")),
    ("集計.xls", b"\xff\xfe" + "区\t取組\r\n".encode("utf-16-le")),
    ("報告.doc", b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>'),
    ("報告.doc", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b--\r\n"),
    ("報告.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b--\r\n"),
])
def test_an_upload_of_what_the_loaders_read_under_an_office_name_passes_the_quick_check(name, data):
    quick_check(data, name)


def test_an_upload_of_binary_bytes_named_xls_is_still_refused_in_the_request():
    with pytest.raises(UploadRejected):
        quick_check(b"\x00\x01\x02\x03" * 100, "集計.xls")


def _excel_workbook_archive() -> bytes:
    """Excel's single file web page of a workbook of two sheets: a frameset root listing the
    sheets, a page per sheet and a tab strip."""
    root = """<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>
<x:ExcelWorksheet><x:Name>R4評価</x:Name><x:WorksheetSource HRef="Book.files/sheet001.htm"/></x:ExcelWorksheet>
<x:ExcelWorksheet><x:Name>R5評価</x:Name><x:WorksheetSource HRef="Book.files/sheet002.htm"/></x:ExcelWorksheet>
</x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head><frameset rows="*,39"><frame src="Book.files/sheet001.htm" name="frSheet">
<frame src="Book.files/tabstrip.htm" name="frTabs"></frameset></html>"""
    sheets = {"sheet001.htm": "<html><body><table><tr><td>ひろばでメダカの観察会を開いた</td></tr></table></body></html>",
              "sheet002.htm": "<html><body><table><tr><td>ひろばでカメの観察会を開いた</td></tr></table></body></html>",
              "tabstrip.htm": "<html><body><a href=sheet001.htm>R4評価</a> <a href=sheet002.htm>R5評価</a></body></html>"}
    parts = [("Book.htm", root)] + [(f"Book.files/{k}", v) for k, v in sheets.items()]
    out = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
    for location, page in parts:
        out += (f"--b\r\nContent-Location: file:///C:/X/{location}\r\nContent-Transfer-Encoding: 8bit\r\n"
                f"Content-Type: text/html; charset=\"utf-8\"\r\n\r\n{page}\r\n")
    return (out + "--b--\r\n").encode("utf-8")


def test_an_excel_web_archive_of_several_sheets_reads_every_sheet_under_its_name_once():
    loaded = load_bytes(_excel_workbook_archive(), "集計.mht")
    lines = [line for line in loaded.text.splitlines() if line.strip()]
    assert lines == ["R4評価", "ひろばでメダカの観察会を開いた", "R5評価", "ひろばでカメの観察会を開いた"]


def _docx_with_chart(title: str, axis: str, series: str) -> bytes:
    """A Word document holding a chart (a graph of the users per month) with a typed title,
    an axis title, and a series whose name and numbers the chart draws."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    c, a = "http://schemas.openxmlformats.org/drawingml/2006/chart", "http://schemas.openxmlformats.org/drawingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def rich(text):
        return f"<c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></c:rich></c:tx>"

    chart = (f'<c:chartSpace xmlns:c="{c}" xmlns:a="{a}"><c:chart><c:title>{rich(title)}</c:title><c:plotArea>'
             f'<c:barChart><c:ser><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>{series}</c:v></c:pt></c:strCache>'
             '</c:strRef></c:tx><c:val><c:numRef><c:numCache><c:pt idx="0"><c:v>812</c:v></c:pt></c:numCache></c:numRef>'
             f'</c:val></c:ser></c:barChart><c:valAx><c:title>{rich(axis)}</c:title></c:valAx></c:plotArea></c:chart>'
             '</c:chartSpace>').encode("utf-8")
    d = docx.Document()
    d.add_paragraph("ひろばの利用は次のとおりです。")
    rid = d.part.relate_to(Part(PackURI("/word/charts/chart1.xml"),
                                "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", chart, d.part.package),
                           "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart")
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="{wp}" xmlns:a="{a}" '
        f'xmlns:r="{r}" xmlns:c="{c}"><w:r><w:drawing><wp:inline><wp:extent cx="5400000" cy="3000000"/>'
        f'<wp:docPr id="1" name="グラフ 1"/><a:graphic><a:graphicData uri="{c}"><c:chart r:id="{rid}"/></a:graphicData>'
        '</a:graphic></wp:inline></w:drawing></w:r></w:p>'))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_charts_typed_titles_are_read_and_its_drawn_numbers_and_series_names_are_not():
    data = _docx_with_chart("ひろば利用者数の推移（令和５年度）", "利用者数（人）", "来所者数系列")
    text = load_bytes(data, "報告.docx").text
    assert "ひろば利用者数の推移（令和５年度）" in text and "利用者数（人）" in text
    assert "来所者数系列" not in text and "812" not in text


@pytest.mark.parametrize("name", ["集計.xls", "報告.doc"])
def test_a_web_page_saved_as_utf16_under_an_office_name_is_read_as_a_page_not_as_markup(name):
    page = ("<html><head><meta http-equiv=Content-Type content=\"text/html; charset=unicode\"></head><body>"
            "<table><tr><td>区</td><td>取組</td></tr><tr><td>西区</td><td>ひろばで紙芝居の会を開いた</td></tr></table>"
            "</body></html>")
    data = b"\xff\xfe" + page.encode("utf-16-le")
    quick_check(data, name)
    text = load_bytes(data, name).text
    assert "西区\tひろばで紙芝居の会を開いた" in text and "<td>" not in text and "charset" not in text
