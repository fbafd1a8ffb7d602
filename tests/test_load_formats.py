"""Tables from every office format come out as the seed reports write them
(one tab-separated line per row, a cell's items apart with <br>), and Office
archives that would inflate to absurd sizes are refused fast, before parsing."""

from __future__ import annotations

import datetime as dt
import io
import random
import time
import zipfile

import pytest
from openpyxl import Workbook

from indexer.load import LoadError, load_bytes, officezip
from office_files import docx_bytes
from indexer.parse import parse_text

# --- XLSX --------------------------------------------------------------------


def xlsx(build) -> bytes:
    wb = Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_evaluation_sheet_rows_become_tab_separated_lines():
    def build(wb):
        ws = wb.active
        ws.title = "評価シート"
        ws.append(["事業名", "地域子育て支援拠点事業"])
        ws.append([])
        ws.append([])
        ws.append(["取組内容", "・双子の会を開催\n・父親講座を年3回"])
        ws.append(["実施日", dt.datetime(2023, 4, 1), 12.0, 0.5])
        other = wb.create_sheet("参考資料")
        other.append(["利用者数", 16061])

    text = load_bytes(xlsx(build), "sheet.xlsx").text
    assert text.split("\n") == [
        "評価シート",
        "事業名\t地域子育て支援拠点事業",
        "",
        "取組内容\t・双子の会を開催<br>・父親講座を年3回",
        "実施日\t2023年4月1日\t12\t0.5",
        "",
        "参考資料",
        "利用者数\t16061",
    ]


def test_excel_merged_cells_are_read_once_and_default_sheet_names_are_not_headings():
    def build(wb):
        ws = wb.active  # named "Sheet"
        ws.append(["令和5年度 重点目標①", "多胎児の支援", None, None])
        ws.merge_cells("B1:D1")
        ws.append(["取組内容", "訪問", "講座", "相談"])

    text = load_bytes(xlsx(build), "book.xlsx").text
    assert text.split("\n") == ["令和5年度 重点目標①\t多胎児の支援", "取組内容\t訪問\t講座\t相談"]


def test_empty_workbook_is_refused_with_reason():
    with pytest.raises(LoadError) as info:
        load_bytes(xlsx(lambda wb: None), "empty.xlsx")
    assert "セルの値がありません" in info.value.reason


def test_old_excel_file_named_xlsx_gets_advice_to_name_it_xls():
    with pytest.raises(LoadError) as info:
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.xlsx")
    assert "拡張子を .xls にすると読み込めます" in info.value.reason and "パスワード" in info.value.reason


# --- CSV ---------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_delimiter_is_recognised(delimiter):
    rows = [["区", "年度", "重点目標"], ["港北区", "令和5年度", "多胎児の支援"], ["泉区", "令和4年度", "父親支援"]]
    raw = "\r\n".join(delimiter.join(r) for r in rows).encode("cp932")
    text = load_bytes(raw, "list.csv").text
    assert text.split("\n") == ["\t".join(r) for r in rows]


def test_csv_from_excel_in_shift_jis_with_a_multiline_cell_keeps_the_items_apart():
    raw = '取組内容,"・双子の会を開催\r\n・父親講座を年3回"\r\n取組の成果,参加者が増えた\r\n'.encode("cp932")
    loaded = load_bytes(raw, "report.csv")
    assert loaded.encoding == "cp932"
    assert loaded.text.split("\n") == ["取組内容\t・双子の会を開催<br>・父親講座を年3回",
                                       "取組の成果\t参加者が増えた"]


def test_csv_with_utf8_bom_and_markup_like_text_keeps_the_text_as_written():
    raw = '項目,内容\n式,"a <b> & c &amp; d"\n'.encode("utf-8-sig")
    text = load_bytes(raw, "x.csv").text
    assert text.split("\n")[1] == "式\ta &lt;b> & c &amp;amp; d"
    # ...which the parser shows exactly as the cell said.
    parsed = parse_text(text, "x.csv", "d")
    assert any("a <b> & c &amp; d" in p.text for p in parsed.passages)


# --- HTML --------------------------------------------------------------------


def test_html_table_spans_keep_the_columns_of_the_following_cells():
    page = """<table>
    <tr><th rowspan="2">目指す拠点の姿</th><th>参考</th><th colspan="2">自己評価</th></tr>
    <tr><td></td><td>法人</td><td>区</td></tr>
    <tr><td>①温かく迎え入れる場</td><td><p>課題一</p><ul><li>項目A</li><li>項目B</li></ul></td><td>A</td><td>B</td></tr>
    </table><p>表の後</p>"""
    text = load_bytes(page.encode(), "t.html").text
    assert text.split("\n") == [
        "目指す拠点の姿\t参考\t自己評価",
        "\t\t法人\t区",
        "①温かく迎え入れる場\t課題一<br>項目A<br>項目B\tA\tB",
        "",
        "表の後",
    ]


def test_html_nested_table_stays_inside_its_cell_and_scripts_in_tables_are_dropped():
    page = """<table><tr><td>外側</td><td>
    <table><tr><td>内側A</td><td>内側B</td></tr></table><script>alert(1)</script></td></tr></table>"""
    assert load_bytes(page.encode(), "n.html").text == "外側\t内側A<br>内側B"


def test_malformed_table_loses_no_text_and_site_navigation_is_dropped():
    page = """<nav><ul><li>トップ</li><li>お知らせ</li></ul></nav>
    <table><caption>評価表</caption>迷子の文
    <tr><td>取組内容</td><td>双子の会</td></tr>
    <table><tr><td>入れ子A</td><td>入れ子B</td></tr></table></table>"""
    text = load_bytes(page.encode(), "m.html").text
    assert text.split("\n") == ["評価表", "迷子の文", "", "取組内容\t双子の会", "", "入れ子A\t入れ子B"]


def test_hostile_colspan_does_not_blow_up_the_text():
    page = "<table>" + '<tr><td colspan="1000000">a</td><td>b</td></tr>' * 1000 + "</table>"
    text = load_bytes(page.encode(), "wide.html").text
    assert len(text) < 100_000


# --- DOCX --------------------------------------------------------------------


def test_docx_vertically_and_horizontally_merged_cells_are_read_once():
    def build(d):
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(1, 0)).text = "目指す拠点の姿"
        t.cell(0, 1).merge(t.cell(0, 2)).text = "自己評価"
        t.cell(1, 1).text = "法人"
        t.cell(1, 2).text = "区"
        t.cell(2, 0).text = "①場づくり"
        t.cell(2, 1).text = "A"
        t.cell(2, 2).text = "A"  # the same text in two real cells stays twice

    text = load_bytes(docx_bytes(build), "m.docx").text
    assert text.split("\n") == ["目指す拠点の姿\t自己評価", "\t法人\t区", "①場づくり\tA\tA"]


def test_docx_a_table_drawn_in_a_text_box_is_read_as_a_table_row_by_row():
    """A goal table laid out in a text box (as Word saves one: a DrawingML shape whose
    w:txbxContent holds the table) keeps its cells side by side, as a body table does."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    box = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
           '<wp:anchor simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
           '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
           '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
           '<wp:extent cx="6000000" cy="2000000"/><wp:wrapTopAndBottom/><wp:docPr id="1" name="box"/>'
           '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent/></wps:txbx><wps:bodyPr/></wps:wsp>'
           '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')

    def build(d):
        d.add_paragraph("令和5年度重点目標の評価")
        t = d.add_table(rows=2, cols=4)
        for c, text in zip(t.rows[0].cells, ("重点目標", "取組内容", "取組の成果", "取組の課題")):
            c.text = text
        for c, text in zip(t.rows[1].cells, ("1 妊娠期の支援", "講座を開く", "12名が参加", "周知")):
            c.text = text
        run = parse_xml(box)
        d.add_paragraph()._p.append(run)
        content = run.find(".//" + qn("w:txbxContent"))
        content.append(t._tbl)   # the table moves from the body into the box
        content.append(parse_xml('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))

    lines = [line for line in load_bytes(docx_bytes(build), "box.docx").text.split("\n") if line]
    assert lines == ["令和5年度重点目標の評価", "重点目標\t取組内容\t取組の成果\t取組の課題",
                     "1 妊娠期の支援\t講座を開く\t12名が参加\t周知"]


# --- Decompression bound (issue 12) ------------------------------------------

_WORDS = ["子育て支援", "多胎児", "ひろば"]


def _xml_chunk(rng: random.Random) -> bytes:
    """~0.5 MB of plausible WordprocessingML that deflates about 25:1."""
    paras = []
    for _ in range(3000):
        t = "".join(rng.choice(_WORDS) for _ in range(6))
        paras.append('<w:p><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:before="0" w:after="0"/></w:pPr>'
                     '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:sz w:val="21"/></w:rPr>'
                     f"<w:t>{t}</w:t></w:r></w:p>")
    return "".join(paras).encode()


def inflating_docx(megabytes: int) -> bytes:
    """A real .docx whose word/document.xml is replaced by `megabytes` of
    compressible XML (streamed, so memory never holds it expanded)."""
    base = docx_bytes(lambda d: d.add_paragraph("子育て"))
    rng = random.Random(12)
    chunk = _xml_chunk(rng)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info))
        with dst.open("word/document.xml", "w") as member:
            member.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
                         b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            written = 0
            while written < megabytes * 1024 * 1024:
                member.write(chunk)
                written += len(chunk)
            member.write(b"</w:body></w:document>")
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_190mb() -> bytes:
    return inflating_docx(190)


def test_docx_inflating_24_to_1_into_190_mb_is_refused_fast_with_a_reason(docx_190mb):
    size_mb = len(docx_190mb) / 2**20
    with zipfile.ZipFile(io.BytesIO(docx_190mb)) as zf:
        info = zf.getinfo("word/document.xml")
    assert info.file_size > 190 * 2**20 and 15 < info.file_size / info.compress_size < 40
    assert 4 < size_mb < 20  # under the upload limit: only the bound stops it
    started = time.monotonic()
    with pytest.raises(LoadError) as info:
        load_bytes(docx_190mb, "bomb.docx")
    assert time.monotonic() - started < 30  # hang guard only; the measured figure is in docs
    assert info.value.reason.startswith("展開後のサイズが大きすぎます")
    assert "上限 64 MB" in info.value.reason


def test_docx_whose_directory_understates_the_expanded_size_is_refused(docx_190mb):
    # Rewrite the central directory to claim document.xml is 1 KB: the
    # declared sizes pass, the streamed inflate does not trust them.
    raw = bytearray(docx_190mb)
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        name_len = int.from_bytes(raw[pos + 28:pos + 30], "little")
        if raw[pos + 46:pos + 46 + name_len] == b"word/document.xml":
            raw[pos + 24:pos + 28] = (1024).to_bytes(4, "little")
        pos = raw.find(b"PK\x01\x02", pos + 4)
    started = time.monotonic()
    with pytest.raises(LoadError) as info:
        load_bytes(bytes(raw), "liar.docx")
    assert time.monotonic() - started < 30
    assert "壊れている" in info.value.reason or "大きすぎます" in info.value.reason


def test_streamed_budget_stops_inflating_as_soon_as_it_is_exceeded(monkeypatch):
    # With a budget below the file's real XML size, the refusal comes from the
    # streamed check (the declared check is given a larger limit).
    raw = inflating_docx(8)
    monkeypatch.setattr(officezip, "_check_declared", lambda *args: None)
    monkeypatch.setattr(officezip, "MAX_EXPANDED", 2 * 2**20)
    with pytest.raises(LoadError) as info:
        load_bytes(raw, "big.docx")
    assert info.value.reason.startswith("展開後のサイズが大きすぎます")


def real_report_docx(pages: int = 100) -> bytes:
    """A multi-page Japanese report as python-docx writes it: headings,
    ~20 paragraphs a page and a table every ten pages."""
    rng = random.Random(5)
    sentences = ["妊娠期から拠点を利用するきっかけとして沐浴体験を実施しました。",
                 "多胎児の家庭同士がつながる機会として双子の会を毎月開催しました。",
                 "父親向けの講座を年3回開催し、参加者同士の交流が生まれました。",
                 "外国につながる親子の支援について、区と共に関係機関との連携を進めました。",
                 "横浜子育てサポートシステムの利用会員が増え、預け合いが広がりました。"]

    def build(d):
        for page in range(pages):
            d.add_heading(f"令和5年度 重点目標{page % 3 + 1}", level=2)
            for _ in range(20):
                d.add_paragraph("".join(rng.choice(sentences) for _ in range(2)))
            if page % 10 == 0:
                t = d.add_table(rows=6, cols=3)
                for r in range(6):
                    for c in range(3):
                        t.cell(r, c).text = rng.choice(sentences)
            d.add_page_break()

    return docx_bytes(build)


def test_real_100_page_docx_report_is_accepted():
    raw = real_report_docx()
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        expanded = sum(i.file_size for i in zf.infolist())
    loaded = load_bytes(raw, "report.docx")
    assert loaded.text.count("双子の会") > 100
    assert expanded < officezip.MAX_EXPANDED / 10  # the bound leaves a wide margin


def test_xlsx_goes_through_the_same_decompression_bound():
    base = xlsx(lambda wb: wb.active.append(["a"]))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("xl/sharedStrings2.xml", "w") as member:
            for _ in range(80):
                member.write(bytes(2**20))
    with pytest.raises(LoadError) as info:
        load_bytes(out.getvalue(), "bomb.xlsx")
    assert info.value.reason.startswith("展開後のサイズが大きすぎます")


# --- PDF tables ----------------------------------------------------------------


def test_pdf_table_rows_come_out_tab_separated_with_wrapped_cells_joined():
    from benchmarks.format_variants import to_pdf

    long_text = "多胎児の家庭同士がつながる機会として双子の会を毎月開催し、父親の参加も増えました。" * 2
    text = ("港北区地域子育て支援拠点事業\n\n"
            f"平成30年度 重点目標\t子育て支援通知アプリによる情報発信\n取組内容\t{long_text}\n"
            "目指す拠点の姿\t\t法人\t区\n①場づくり\t\tA\tB\n")
    lines = load_bytes(to_pdf(text), "table.pdf").text.split("\n")
    assert lines[0] == "港北区地域子育て支援拠点事業"
    assert "平成30年度 重点目標\t子育て支援通知アプリによる情報発信" in lines
    assert f"取組内容\t{long_text}" in lines  # the cell wrapped over several PDF lines
    assert "①場づくり\t\tA\tB" in lines  # an empty column keeps its place


def test_a_web_page_with_marked_content_drops_the_site_header_and_footer_but_keeps_its_own():
    page = ("<html><body><header><a href='/'>トップ</a> 子育て応援サイト</header>"
            "<main><header><h1>泉区地域子育て支援拠点事業</h1></header><p>令和5年度重点目標の評価</p>"
            "<footer>作成：泉区こども家庭支援課</footer></main>"
            "<aside>関連リンク</aside><footer>Copyright 横浜市</footer></body></html>").encode("utf-8")
    lines = load_bytes(page, "page.html").text.split("\n")
    assert [line for line in lines if line.strip()] == ["泉区地域子育て支援拠点事業", "令和5年度重点目標の評価",
                                                        "作成：泉区こども家庭支援課"]
    # without <main>/<article> nothing says which part is the site's: the header stays
    bare = b"<html><body><header><h1>\xe6\xb3\x89\xe5\x8c\xba</h1></header><p>x</p></body></html>"
    assert "泉区" in load_bytes(bare, "bare.html").text


def test_a_definition_list_reads_as_label_and_text_rows_like_a_table():
    page = ("<html><body><h3>令和5年度 重点目標①</h3><p>妊娠期からの支援</p><dl>"
            "<dt>取組内容</dt><dd>①講座を開催します。<br>②交流の場をつくります。</dd>"
            "<div><dt>取組の成果</dt><dd>参加者が増えた。</dd><dd>満足度が高かった。</dd></div>"
            "<dd>見出しのない説明</dd></dl></body></html>").encode("utf-8")
    lines = [line for line in load_bytes(page, "dl.html").text.split("\n") if line.strip()]
    assert lines[2:] == ["取組内容\t①講座を開催します。<br>②交流の場をつくります。",
                         "取組の成果\t参加者が増えた。<br>満足度が高かった。",
                         "\t見出しのない説明"]  # a <dd> without its <dt>: an empty label, as in a table


def test_the_only_sheet_of_a_workbook_does_not_turn_its_tab_name_into_a_line():
    def build(wb):
        wb.active.title = "評価シート"
        wb.active.append(["泉区地域子育て支援拠点事業"])
        wb.create_sheet("空のシート")  # no values: not a sheet of the report

    assert load_bytes(xlsx(build), "one.xlsx").text.split("\n") == ["泉区地域子育て支援拠点事業"]


def test_a_pdfs_running_header_and_page_numbers_go_but_goal_headings_at_page_tops_stay():
    from indexer.load.pdf import without_running_lines

    pages = ["泉区地域子育て支援拠点事業\n令和5年度 重点目標1\t妊娠期の支援\n- 1 -",
             "泉区地域子育て支援拠点事業\n令和5年度 重点目標2\t子サポの周知\n- 2 -",
             "泉区地域子育て支援拠点事業\n令和6年度 重点目標1\t情報発信\n- 3 -"]
    assert without_running_lines(pages) == [
        "泉区地域子育て支援拠点事業\n令和5年度 重点目標1\t妊娠期の支援",  # the first page keeps its title
        "令和5年度 重点目標2\t子サポの周知",
        "令和6年度 重点目標1\t情報発信",
    ]
    assert without_running_lines(["ただ一つのページ\n- 1 -"]) == ["ただ一つのページ\n- 1 -"]
