"""The upload request checks a file's first bytes against its extension.

A .doc or .xls must be an OLE2 compound file (or what its loader also reads
under that name), an .rtf must start with ``{\\rtf``, a .docx/.xlsx must be a
zip, a .pdf must have ``%PDF-``, and a text format must not be a binary file:
a mismatch is refused in the request, with a Japanese reason saying what the
bytes look like, and nothing is saved, so no reindex job trips on it later.
Genuine files of each kind are saved.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from upload_site import SEED_FILE, docx_bytes, make_site, one, seed_index  # noqa: F401 (a fixture)
from search_app.web import admin

REPO = Path(__file__).resolve().parent.parent
LEGACY = REPO / "tests" / "data" / "legacy"
WORD_DOC = LEGACY / "000_8f4773b09691ae88.docx.doc"
RTF_DOC = LEGACY / "000_8f4773b09691ae88.docx.rtf"
EXCEL_XLS = LEGACY / "000_8f4773b09691ae88.xlsx_year_sheets.xls"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["区", "取組"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.fixture
def site(seed_index, tmp_path):  # noqa: F811
    s = make_site(seed_index, tmp_path)
    yield s
    admin.shutdown_jobs(s.app)


def refused(site, name: str, data: bytes) -> str:
    resp = site.upload((name, data))
    f = one(resp.get_json())
    assert resp.status_code == 200 and f["status"] == "rejected", f
    assert resp.get_json()["job"] is None and not (site.corpus / "uploads").exists()
    return f["reason"]


SEED_TEXT = (REPO / "corpus" / SEED_FILE).read_bytes()


@pytest.mark.parametrize("name, data, says", [
    ("平成20年度_評価.doc", pdf_bytes(), ["Word 97-2003 形式（.doc）の文書ではありません", "中身はPDF", ".pdf に直すと"]),
    ("平成20年度_評価.doc", SEED_TEXT, ["Word 97-2003 形式（.doc）の文書ではありません"]),
    ("集計.xls", b"\x00\x01\x02\x03" + bytes(200), ["Excel 97-2003 形式（.xls）のファイルではありません"]),
    ("集計.xls", pdf_bytes(), ["Excel 97-2003 形式（.xls）のファイルではありません", "中身はPDF"]),
    ("報告.rtf", WORD_DOC.read_bytes(), ["RTF 形式の文書ではありません", "Office 97-2003 形式"]),
    ("報告.rtf", SEED_TEXT, ["RTF 形式の文書ではありません"]),
    ("報告.docx", WORD_DOC.read_bytes(), ["旧形式", "拡張子を .doc に"]),
    ("集計.xlsx", EXCEL_XLS.read_bytes(), ["旧形式", "拡張子を .xls に"]),
    ("報告.pdf", docx_bytes("本文"), ["PDFファイルではありません", "ZIP 形式"]),
    ("報告.docx", RTF_DOC.read_bytes(), ["ZIP形式ではありません", "中身はRTF 文書", ".rtf に直すと"]),
])
def test_an_old_office_or_other_file_whose_bytes_are_not_its_extension_is_refused_at_upload(
        site, name, data, says):
    reason = refused(site, name, data)
    for words in says:
        assert words in reason


@pytest.mark.parametrize("name, data, says", [
    ("報告.txt", pdf_bytes(), ["テキスト（.txt）のファイルではありません", "中身はPDF", ".pdf に直すと"]),
    ("集計.csv", xlsx_bytes(), ["テキスト（.csv）のファイルではありません", "ZIP 形式"]),
    ("集計.csv", EXCEL_XLS.read_bytes(), ["テキスト（.csv）のファイルではありません", "Office 97-2003 形式"]),
    ("拠点だより.html", b"\x89PNG\r\n\x1a\n" + bytes(200), ["テキスト（.html）のファイルではありません", "PNG 画像"]),
    ("報告書.txt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200),
     ["テキスト（.txt）のファイルではありません", "Windows のプログラム", "選び直して"]),
    ("集計.csv", b"\x1f\x8b\x08\x00" + bytes(100), ["テキスト（.csv）のファイルではありません", "gzip"]),
])
def test_a_binary_file_named_as_text_is_refused_at_upload_saying_what_it_is(site, name, data, says):
    reason = refused(site, name, data)
    for words in says:
        assert words in reason


def test_a_word_lock_file_is_refused_at_upload_as_a_lock_file_not_a_damaged_report(site):
    owner = b"\x0btanaka-taro" + bytes(150)   # what Word leaves beside an open document
    assert "一時ファイル" in refused(site, "~$成20年度_評価.doc", owner)


def test_genuine_old_word_excel_and_rtf_files_and_what_their_loaders_read_under_those_names_are_indexed(site):
    html_export = ("<html><body><table><tr><td>区</td><td>取組</td></tr>"
                   "<tr><td>西区</td><td>カワセミ観察会を開きました</td></tr></table></body></html>").encode("utf-8")
    files = [("泉区_平成20年度.doc", WORD_DOC.read_bytes()),
             ("泉区_平成20年度.rtf", RTF_DOC.read_bytes()),
             ("泉区_集計.xls", EXCEL_XLS.read_bytes()),
             ("docx_named_doc.doc", docx_bytes("西区の取組です。", "ミミズク工作教室を開きました。")),
             ("xlsx_named_xls.xls", xlsx_bytes()),
             ("web_export.xls", html_export),
             ("csv_export.xls", "区,取組\n西区,ひろばでカワウ観察の話を聞きました\n".encode("cp932")),
             ("web_page.doc", ("<html xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body>"
                               "<p>西区の取組</p><p>フクロウ朗読会を開きました。</p></body></html>").encode("utf-8"))]
    resp = site.upload(*files)
    body = resp.get_json()
    assert resp.status_code == 202, body
    assert [f["status"] for f in body["files"]] == ["saved"] * len(files), body["files"]
    assert {f["format"] for f in body["files"]} == {"doc", "rtf", "xls"}
    deadline = time.monotonic() + 300   # LibreOffice converts the .doc and .rtf
    while (job := site.job(body["job"]["id"]))["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    assert job["state"] == "done", job
    assert [f["status"] for f in job["files"]] == ["indexed"] * len(files), job["files"]
