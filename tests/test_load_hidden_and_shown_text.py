"""What office files hide and what they show that is not typed text, read as a person sees it:
Word's hidden runs (w:vanish) are not text; an Excel cell outside the sheet's print area is not
read (with a note); a date serial shown as 和暦 by its number format reads as shown; a web page's
reading tools, its links back to the top, its layout tables and a page that only links its
report file. (The documents of tests/data/unseen11 exercise the same rules through the parser.)"""

from __future__ import annotations

import datetime
import io
import zipfile

from indexer.load import eraformat, load_bytes


def _docx_with_runs(runs_xml: str) -> bytes:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("x")
    p = d.paragraphs[0]._p
    for child in list(p):
        if child.tag.endswith("}r"):
            p.remove(child)
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for run in parse_xml(f'<w:p xmlns:w="{ns}">{runs_xml}</w:p>'):
        p.append(run)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_word_hidden_runs_are_not_read_and_a_vanish_switched_off_is():
    data = _docx_with_runs('<w:r><w:rPr><w:vanish/></w:rPr><w:t>（記入例）ここに書く</w:t></w:r>'
                           '<w:r><w:t>ひろばを週五日開いた。</w:t></w:r>'
                           '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>見える文</w:t></w:r>')
    text = load_bytes(data, "a.docx").text
    assert "ひろばを週五日開いた。見える文" in text
    assert "記入例" not in text


def test_a_date_serial_under_an_era_format_reads_as_the_era_date_it_shows():
    assert eraformat.has_era('[$-ja-JP-x-gannen]ggge"年度"')
    assert eraformat.text(43922, '[$-ja-JP-x-gannen]ggge"年度"') == "令和2年度"
    assert eraformat.text(43586, '[$-ja-JP-x-gannen]ggge"年度"') == "令和元年度"
    assert eraformat.text(datetime.datetime(2017, 9, 22), '[$-411]ggge"年"m"月"d"日"') == "平成29年9月22日"
    assert eraformat.text(45000, "ge.m.d") == "R5.3.15"
    # a format without era codes, or with "e" only inside quotes, is no era date
    assert not eraformat.has_era("0.00")
    assert not eraformat.has_era('yyyy"年度"')
    assert not eraformat.has_era('0"件"')
    assert not eraformat.has_era("General") and not eraformat.has_era("0.00E+00")


_PLAIN_STYLES = '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'


def _xlsx(sheet_xml: str, workbook_names: str = "", styles: str = "") -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                   f'<sheet name="評価" sheetId="1" r:id="rId1"/></sheets>{workbook_names}</workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{sheet_xml}</sheetData></worksheet>')
        z.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}">{styles or _PLAIN_STYLES}</styleSheet>')
    return out.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_cells_outside_the_print_area_are_not_read_and_a_note_says_so():
    rows = (f'<row r="1">{_cell("A1", "重点目標１　居場所づくり")}{_cell("C1", "作業メモ：数字を更新")}</row>'
            f'<row r="2">{_cell("A2", "ひろばを週五日開いた。")}</row>'
            f'<row r="5">{_cell("A5", "下書き：来年度の案")}</row>')
    names = '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">\'評価\'!$A$1:$B$2</definedName></definedNames>'
    loaded = load_bytes(_xlsx(rows, names), "a.xlsx")
    assert "重点目標１　居場所づくり" in loaded.text and "ひろばを週五日開いた。" in loaded.text
    assert "作業メモ" not in loaded.text and "下書き" not in loaded.text
    assert any("印刷範囲" in w for w in loaded.warnings)
    # without a print area the same cells are read, with no note
    whole = load_bytes(_xlsx(rows), "b.xlsx")
    assert "作業メモ" in whole.text and not any("印刷範囲" in w for w in whole.warnings)


def test_a_fiscal_year_cell_stored_as_a_date_reads_as_the_era_year_its_format_shows():
    styles = ('<numFmts count="1"><numFmt numFmtId="176" formatCode="[$-ja-JP-x-gannen]ggge&quot;年度&quot;"/></numFmts>'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/></cellXfs>')
    rows = f'<row r="1">{_cell("A1", "対象年度")}<c r="B1" s="1"><v>43922</v></c></row>'
    text = load_bytes(_xlsx(rows, styles=styles), "a.xlsx").text
    assert "令和2年度" in text and "43922" not in text


def _page(body: str) -> bytes:
    return f'<html><head><meta charset="utf-8"><title>港北区</title></head><body>{body}</body></html>'.encode()


def test_reading_tools_and_links_back_to_the_top_are_not_page_text():
    body = ('<div><a href="#">ふりがなをつける</a> 文字サイズ <a href="#">標準</a><a href="#">拡大</a></div>'
            '<h1>令和5年度 事業評価</h1><p>拠点の文字サイズを大きくした案内を作った。</p>'
            '<p><a href="#top">このページの先頭へ</a></p><p><a href="#top">▲ページトップへ</a></p>')
    text = load_bytes(_page(body), "a.html").text
    assert "ふりがなをつける" not in text and "先頭へ" not in text and "トップへ" not in text
    # a sentence of the report that names one of the tools' words stays
    assert "拠点の文字サイズを大きくした案内を作った。" in text


def test_a_layout_table_is_read_as_the_pages_blocks_and_a_data_tables_nested_list_stays_a_cell():
    layout = ('<table><tr><td><a href="/">トップ</a><br><a href="/k">子育て</a></td>'
              '<td><h2>令和5年度 事業評価</h2><p>拠点と区が一緒に一年を振り返りました。</p>'
              '<table border="1"><tr><td>取組内容</td><td>ひろばを週五日開いた。</td></tr></table></td></tr></table>')
    text = load_bytes(_page(layout), "a.html").text
    assert "取組内容\tひろばを週五日開いた。" in text
    assert "令和5年度 事業評価\t" not in text and "\t令和5年度 事業評価" not in text
    data = ('<table><tr><th>実施したこと</th><td><table><tr><td>・交流会を開いた。</td></tr>'
            '<tr><td>・講座を開いた。</td></tr></table></td></tr></table>')
    text = load_bytes(_page(data), "b.html").text
    assert text.splitlines()[0].startswith("実施したこと\t")


def test_a_page_that_only_links_its_report_file_is_read_with_a_warning_and_a_report_page_is_not():
    link = ('<h1>令和4年度 事業評価</h1><p>事業評価を掲載します。</p>'
            '<p><a href="/files/hyoka.pdf">事業評価（PDF：512KB）</a></p><iframe src="/files/hyoka.pdf"></iframe>')
    loaded = load_bytes(_page(link), "a.html")
    assert any("報告書の本文がありません" in w and "hyoka.pdf" in w for w in loaded.warnings)
    report = link + "<p>" + "ひろばを週五日開き、初めての親子に声をかけた。" * 12 + "</p>"
    assert not any("報告書の本文がありません" in w for w in load_bytes(_page(report), "b.html").warnings)


def _ods(table_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml",
                   '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml",
                   '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
                   f'{table_xml}</office:spreadsheet></office:body></office:document-content>')
    return out.getvalue()


def _ods_row(*texts: str, repeat: int = 1) -> str:
    cells = "".join(f'<table:table-cell><text:p>{t}</text:p></table:table-cell>' if t else "<table:table-cell/>"
                    for t in texts)
    return f'<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>'


def test_cells_outside_an_ods_sheets_print_ranges_are_not_read_and_a_note_says_so():
    rows = (_ods_row("重点目標１　居場所づくり", "", "作業メモ：数字を更新") + _ods_row("ひろばを週五日開いた。")
            + _ods_row("", repeat=2) + _ods_row("下書き：来年度の案"))
    table = f'<table:table table:name="R4評価" table:print-ranges="$\'R4評価\'.$A$1:.$B$2">{rows}</table:table>'
    loaded = load_bytes(_ods(table), "a.ods")
    assert "重点目標１　居場所づくり" in loaded.text and "ひろばを週五日開いた。" in loaded.text
    assert "作業メモ" not in loaded.text and "下書き" not in loaded.text
    assert any("印刷範囲" in w for w in loaded.warnings)
    whole = load_bytes(_ods(f'<table:table table:name="R4評価">{rows}</table:table>'), "b.ods")
    assert "作業メモ" in whole.text and "下書き" in whole.text
