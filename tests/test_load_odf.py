"""OpenDocument files (.odt, .ods) read as the same report saved by Word or Excel, and bad ones
refused with a Japanese reason before LibreOffice sees them.

The readable fixtures are tests/data/unseen8's OpenDocument files (written by its make_docs.py:
round 7's Word and Excel layouts saved by LibreOffice as .odt / .ods, and one .odt written in
ODF's own vocabulary). Reading an .odt needs LibreOffice (Debian libreoffice-writer-nogui,
installed by scripts/setup.sh); an .ods is read without it, and so are the refusals.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from indexer.load import SUPPORTED_SUFFIXES, LoadError, load_bytes, officeconvert, supported
from indexer.load import odf

DATA = Path(__file__).resolve().parent / "data" / "unseen8"
needs_libreoffice = pytest.mark.skipif(officeconvert.executable() is None, reason="LibreOffice is not installed")

TEXT = "application/vnd.oasis.opendocument.text"


def odf_zip(mimetype: str, content: bytes = b"<office:document-content/>", manifest: bytes = b"") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        if manifest:
            zf.writestr("META-INF/manifest.xml", manifest)
    return buf.getvalue()


def test_odt_and_ods_are_formats_the_project_reads():
    assert ".odt" in SUPPORTED_SUFFIXES and ".ods" in SUPPORTED_SUFFIXES
    assert supported("報告書.ODT") and supported("評価シート.ods")


def test_a_damaged_odt_is_refused_with_a_reason_a_user_can_act_on():
    data = (DATA / "izumi_r5_nested_tables.odt").read_bytes()
    with pytest.raises(LoadError) as caught:
        load_bytes(data[: len(data) // 2], "壊れた報告書.odt")
    assert caught.value.reason == odf.MSG_ODF_NOT_ODF
    with pytest.raises(LoadError) as caught:
        load_bytes(b"this is not a zip at all", "報告書.ods")
    assert "ファイルが壊れている" in caught.value.reason


def test_a_password_protected_odt_is_refused_with_advice():
    manifest = (b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                b'<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                b"</manifest:file-entry></manifest:manifest>")
    with pytest.raises(LoadError) as caught:
        load_bytes(odf_zip(TEXT, manifest=manifest), "鍵付き.odt")
    assert caught.value.reason == odf.MSG_ODF_PASSWORD


def test_a_presentation_saved_as_odt_is_refused_with_advice_to_save_it_as_pdf():
    with pytest.raises(LoadError) as caught:
        load_bytes(odf_zip("application/vnd.oasis.opendocument.presentation"), "説明資料.odt")
    assert caught.value.reason == odf.MSG_ODF_OTHER


def test_an_odf_zip_bomb_is_refused_before_libreoffice_sees_it():
    bomb = odf_zip(TEXT, content=b"<a>" + b"0" * (4 * 1024 * 1024) + b"</a>")
    with pytest.raises(LoadError) as caught:
        load_bytes(bomb, "爆弾.odt")
    assert "zip bomb" in caught.value.reason


def test_an_odt_larger_than_the_upload_limit_is_refused():
    data = (DATA / "izumi_r5_nested_tables.odt").read_bytes()
    with pytest.raises(LoadError) as caught:
        load_bytes(data, "報告書.odt", max_bytes=len(data) - 1)
    assert "大きすぎます" in caught.value.reason


@needs_libreoffice
def test_an_odt_keeps_its_tables_as_rows_and_its_paragraphs_in_order():
    text = load_bytes((DATA / "izumi_r5_nested_tables.odt").read_bytes(), "izumi.odt").text
    lines = text.splitlines()
    assert lines[0] == "泉区地域子育て支援拠点事業"
    goal = next(line for line in lines if line.startswith("重点目標①"))
    # the goal's nested table: its rows the outer cell's items, in order
    assert goal.index("妊娠期からの支援について") < goal.index("<br>取組内容") < goal.index("<br>取組の成果")
    assert text.index("重点目標①") < text.index("重点目標②")


def test_an_ods_keeps_its_sheets_and_merged_cells_as_a_workbook_does():
    loaded = load_bytes((DATA / "naka_h31_year_sheets.ods").read_bytes(), "naka.ods")
    assert [name for name, _a, _b in loaded.sheet_lines] == ["H31", "R2"]
    assert "番号\t重点目標\t取組内容\t取組の成果\t取組の課題" in loaded.text


def test_a_spreadsheet_saved_under_an_odt_name_is_read_as_the_spreadsheet_it_is():
    data = (DATA / "naka_h31_year_sheets.ods").read_bytes()
    loaded = load_bytes(data, "名前を間違えた.odt")
    assert loaded.sheet_lines and "番号\t重点目標" in loaded.text


@needs_libreoffice
def test_an_odt_leaves_out_deleted_drafts_and_comments_and_keeps_footnotes_and_frames():
    loaded = load_bytes((DATA / "izumi_r5_native_review.odt").read_bytes(), "review.odt")
    text = loaded.text
    assert "出張ひろば" not in text and "下書き" not in text          # tracked deletions
    assert "表現はこのままでよいと思います" not in text                 # a reviewer's comment
    assert text.count("親になる前の支援：区の母子保健事業") == 1        # the footnote, once
    assert text.startswith("地域子育て支援拠点事業")                   # the title in a text frame
    assert any("泉区" in line for line in loaded.context)            # the ward in the page header


@needs_libreoffice
def test_a_reindex_converts_the_odt_files_in_one_libreoffice_run_and_reads_ods_files_directly():
    names = ("izumi_r5_nested_tables.odt", "kohoku_h30_merged_rows.ods", "naka_h31_heading_styles.odt")
    items = [odf.conversion((DATA / name).read_bytes(), name) for name in names]
    assert items[1] is None   # a spreadsheet is read without LibreOffice
    results = officeconvert.convert_many([items[0], items[2]])
    for result in results:
        with zipfile.ZipFile(io.BytesIO(result)) as zf:
            assert "word/document.xml" in zf.namelist()


ODS = "application/vnd.oasis.opendocument.spreadsheet"
_SHEET_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
             'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def test_an_ods_reads_what_a_person_sees_without_hidden_sheets_comments_or_a_million_empty_rows():
    content = (
        f'<office:document-content {_SHEET_NS}><office:automatic-styles>'
        '<style:style style:name="hide" style:family="table"><style:table-properties table:display="false"/>'
        '</style:style></office:automatic-styles><office:body><office:spreadsheet>'
        '<table:table table:name="評価"><table:table-column table:number-columns-repeated="3"/>'
        '<table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string">'
        '<text:p>重点目標１<office:annotation><dc:creator>区</dc:creator><text:p>確認済み</text:p></office:annotation>'
        '</text:p></table:table-cell><table:covered-table-cell/>'
        '<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row>'
        '<table:table-row table:visibility="collapse"><table:table-cell><text:p>下書きの行</text:p></table:table-cell>'
        '</table:table-row>'
        '<table:table-row><table:table-cell><text:p>取組内容</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="3"/>'
        '<table:table-cell><text:p>①親子の<text:s text:c="2"/>居場所</text:p><text:p>②相談</text:p></table:table-cell>'
        '</table:table-row>'
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/>'
        '</table:table-row></table:table>'
        '<table:table table:name="メモ" table:style-name="hide"><table:table-row><table:table-cell>'
        '<text:p>作業用のメモ</text:p></table:table-cell></table:table-row></table:table>'
        '</office:spreadsheet></office:body></office:document-content>').encode("utf-8")
    loaded = load_bytes(odf_zip(ODS, content=content), "評価.ods")
    assert loaded.text.splitlines()[0] == "重点目標１\t\t3"          # merged cell once, the comment left out
    assert "下書きの行" not in loaded.text and "作業用のメモ" not in loaded.text
    assert "取組内容\t\t\t\t①親子の 居場所<br>②相談" in loaded.text   # a cell's paragraphs are its items
    assert len(loaded.text) < 1000
    assert any("メモ" in w for w in loaded.warnings) and any("評価" in w for w in loaded.warnings)
