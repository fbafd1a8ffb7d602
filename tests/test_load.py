"""Report files in any supported format and encoding become the same clean text,
and every bad file is refused with a Japanese reason naming the file."""

from __future__ import annotations

import hashlib
import html
import io
import logging
import pickle
import random
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from indexer.load import docx as docx_loader
from indexer.load import officeconvert
from indexer.load import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    LoadedText,
    LoadError,
    decode_text,
    load_bytes,
    load_file,
)
from office_files import docx_bytes

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
LEGACY = Path(__file__).resolve().parent / "data" / "legacy"
UNSEEN8 = Path(__file__).resolve().parent / "data" / "unseen8"
UNSEEN12 = Path(__file__).resolve().parent / "data" / "unseen12"


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def seeds_encodable_in(codec: str) -> list[Path]:
    """Seeds whose text survives a round trip through `codec` (cp932, for
    instance, cannot keep U+301C WAVE DASH distinct from U+FF5E)."""
    out = []
    for path in SEEDS:
        text = seed_text(path)
        try:
            if text.encode(codec).decode(codec) == text:
                out.append(path)
        except UnicodeEncodeError:
            pass
    return out


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path_or_data, name: str | None = None, **kwargs) -> LoadError:
    with pytest.raises(LoadError) as info:
        if isinstance(path_or_data, Path):
            load_file(path_or_data, **kwargs)
        else:
            load_bytes(path_or_data, name, **kwargs)
    err = info.value
    expected_name = path_or_data.name if isinstance(path_or_data, Path) else name
    assert err.name == expected_name
    assert str(err) == f"{err.name}: {err.reason}"
    return err


def test_seed_corpus_is_there():
    assert len(SEEDS) >= 5


# --- Encodings ---------------------------------------------------------------


@pytest.mark.parametrize("seed", seeds_encodable_in("cp932"), ids=lambda p: p.name[:3])
def test_shift_jis_copy_of_seed_decodes_to_the_utf8_text(tmp_path, seed):
    original = seed_text(seed)
    raw = original.encode("cp932")
    loaded = load_file(write(tmp_path, "report.txt", raw))
    assert loaded.text == original
    assert loaded.encoding == "cp932"
    assert loaded.fmt == "txt"
    assert loaded.name == "report.txt"
    assert loaded.sha256 == hashlib.sha256(raw).hexdigest()


def test_most_seeds_are_usable_as_shift_jis_fixtures():
    assert len(seeds_encodable_in("cp932")) >= 3


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_euc_jp_copy_of_seed_decodes_to_the_utf8_text(tmp_path, seed):
    # Python's plain euc_jp cannot encode ～ ① or NBSP, which every seed has;
    # euc_jis_2004 is the EUC-JP superset that can, as modern tools write it.
    original = seed_text(seed)
    loaded = load_file(write(tmp_path, "report.txt", original.encode("euc_jis_2004")))
    assert loaded.text == original
    assert loaded.encoding in ("euc_jp", "euc_jis_2004")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_plain_euc_jp_lines_of_seed_decode_as_euc_jp(tmp_path, seed):
    lines = []
    for line in seed_text(seed).split("\n"):
        try:
            line.encode("euc_jp")
        except UnicodeEncodeError:
            continue
        lines.append(line)
    original = "\n".join(lines)
    assert len(original) > 500
    loaded = load_file(write(tmp_path, "report.txt", original.encode("euc_jp")))
    assert loaded.text == original
    assert loaded.encoding == "euc_jp"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_utf16_copy_of_seed_with_bom_decodes_to_the_utf8_text(tmp_path, seed):
    original = seed_text(seed)
    loaded = load_file(write(tmp_path, "report.txt", original.encode("utf-16")))
    assert loaded.text == original
    assert loaded.encoding == "utf_16"


@pytest.mark.parametrize("codec", ["utf_16_le", "utf_16_be"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_utf16_copy_of_seed_without_bom_decodes_to_the_utf8_text(tmp_path, seed, codec):
    original = seed_text(seed)
    loaded = load_file(write(tmp_path, "report.txt", original.encode(codec)))
    assert loaded.text == original
    assert loaded.encoding == codec


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_utf8_with_bom_decodes_to_the_text_without_the_bom(tmp_path, seed):
    original = seed_text(seed)
    loaded = load_file(write(tmp_path, "report.txt", original.encode("utf-8-sig")))
    assert loaded.text == original
    assert not loaded.text.startswith("\ufeff")
    assert loaded.encoding == "utf_8_sig"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_plain_utf8_seed_loads_unchanged(seed):
    raw = seed.read_bytes()
    loaded = load_file(seed)
    assert loaded.text == raw.decode("utf-8")
    assert loaded.encoding == "utf_8"
    assert loaded.sha256 == hashlib.sha256(raw).hexdigest()


def test_short_shift_jis_snippet_decodes_correctly():
    text, encoding = decode_text("多胎児の支援について".encode("cp932"), "memo.txt")
    assert (text, encoding) == ("多胎児の支援について", "cp932")


@pytest.mark.parametrize("snippet", [
    "多胎児の支援について",
    "子育て",
    "ひろば",
    "横浜市泉区",
    "令和5年度重点目標評価結果",
    "親子の居場所づくり、ひろば事業の充実。",
    "評価：Ａ　※①②",
])
@pytest.mark.parametrize("codec", ["cp932", "euc_jis_2004", "utf_16_le"])
def test_short_japanese_snippets_decode_correctly(snippet, codec):
    text, _ = decode_text(snippet.encode(codec), "memo.txt")
    assert text == snippet


def test_short_euc_jp_snippet_is_not_taken_for_korean_or_chinese():
    # charset_normalizer alone ranks cp949 / shift_jis_2004 first for this one.
    assert decode_text("多胎児の支援について".encode("euc_jp"), "memo.txt") == (
        "多胎児の支援について", "euc_jp")


def test_halfwidth_katakana_in_shift_jis_is_still_shift_jis():
    assert decode_text("ｶﾌﾞｼｷｶﾞｲｼｬ 横浜".encode("cp932"), "memo.txt") == ("ｶﾌﾞｼｷｶﾞｲｼｬ 横浜", "cp932")


def test_iso2022_jp_mail_text_is_decoded_not_taken_for_ascii():
    original = "横浜市の子育て支援拠点\n令和5年度"
    text, encoding = decode_text(original.encode("iso2022_jp"), "mail.txt")
    assert text == original
    assert encoding.startswith("iso2022_jp")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_newlines_become_lf(tmp_path, newline):
    original = seed_text(SEEDS[0])
    raw = original.replace("\n", newline).encode("cp932" if SEEDS[0] in seeds_encodable_in("cp932") else "utf-8")
    loaded = load_file(write(tmp_path, "report.txt", raw))
    assert "\r" not in loaded.text
    assert loaded.text == original


def test_shift_jis_file_cut_mid_character_still_decodes(tmp_path):
    seed = seeds_encodable_in("cp932")[0]
    original = seed_text(seed)
    raw = original.encode("cp932") + "子".encode("cp932")[:1]  # lone lead byte at the end
    loaded = load_file(write(tmp_path, "report.txt", raw))
    assert loaded.encoding == "cp932"
    assert loaded.text.startswith(original)


def test_txt_holding_an_html_page_stays_txt(tmp_path):
    raw = "<html><body><p>親子の<b>居場所</b>づくり</p><script>x()</script></body></html>".encode()
    loaded = load_file(write(tmp_path, "page.txt", raw))
    assert loaded.fmt == "txt"
    assert loaded.text == raw.decode()


# --- Refusals ------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path):
    err = load_error(write(tmp_path, "empty.txt", b""))
    assert err.reason == "空のファイルです"


@pytest.mark.parametrize("raw", [b"   \n\n\t  ", "\u3000\r\n \u3000".encode("utf-8"),
                                 "\u3000\u3000".encode("cp932"), b"\xef\xbb\xbf \n"])
def test_whitespace_only_file_is_refused_as_empty(tmp_path, raw):
    err = load_error(write(tmp_path, "blank.txt", raw))
    assert err.reason.startswith("空のファイルです")


@pytest.mark.parametrize("nul_free", [False, True])
def test_random_binary_renamed_txt_is_refused(tmp_path, nul_free):
    rng = random.Random(20240401 + nul_free)
    raw = rng.randbytes(64 * 1024)
    if nul_free:
        raw = raw.replace(b"\x00", b"\x01")
    err = load_error(write(tmp_path, "photo.txt", raw))
    assert err.reason == "文字コードを判定できません（バイナリファイルの可能性があります）"


def test_utf8_text_with_nul_bytes_is_refused_as_binary():
    with pytest.raises(LoadError) as info:
        decode_text("子育て支援\x00\x00\x00拠点".encode("utf-8") + b"\x00", "x.txt")
    assert "バイナリ" in info.value.reason


@pytest.mark.parametrize("name", ["plan.jtd", "PLAN.JTD"])
def test_unsupported_extension_is_refused_naming_it(tmp_path, name):
    err = load_error(write(tmp_path, name, b"anything"))
    assert err.reason == ("対応していない形式です（.jtd）。対応形式: " + " ".join(SUPPORTED_EXTENSIONS)
                          + "。一太郎で Word（.docx）形式に保存し直すと読み込めます")


def test_every_office_format_is_supported():
    assert {".txt", ".html", ".htm", ".pdf", ".docx", ".xlsx", ".csv", ".doc", ".xls", ".rtf"} <= set(
        SUPPORTED_EXTENSIONS)


def test_file_without_extension_is_refused():
    err = load_error(b"text", "README")
    assert "拡張子なし" in err.reason


@pytest.mark.parametrize("name", ["A.TXT", "b.Html", "c.HTM"])
def test_extension_match_ignores_case(name):
    assert load_bytes("子育て支援".encode(), name).text == "子育て支援"


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = write(tmp_path, "big.txt", "子育て".encode() * 100)

    def no_reading(*args, **kwargs):
        raise AssertionError("file was opened although stat already showed it is too big")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    err = load_error(path, max_bytes=100)
    assert err.reason == "ファイルが大きすぎます（900 バイト、上限 100 バイト）"


def test_size_message_uses_megabytes_for_real_sizes(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:  # sparse: no disk space used
        fh.truncate(int(25.3 * 1024 * 1024))
    err = load_error(path)
    assert err.reason == "ファイルが大きすぎます（25.3 MB、上限 20 MB）"
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_upload_over_the_size_limit_is_refused():
    err = load_error(b"x" * 2048, "upload.txt", max_bytes=1024)
    assert err.reason == "ファイルが大きすぎます（2 KB、上限 1 KB）"


def test_file_at_exactly_the_limit_is_accepted(tmp_path):
    raw = "子育て".encode()
    assert load_file(write(tmp_path, "ok.txt", raw), max_bytes=len(raw)).text == "子育て"


def test_missing_file_is_a_load_error(tmp_path):
    err = load_error(tmp_path / "missing.txt")
    assert err.reason == "ファイルが見つかりません"


def test_directory_is_a_load_error(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    err = load_error(tmp_path / "folder.txt")
    assert "フォルダ" in err.reason


@pytest.mark.parametrize("raw", [b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", b"not a pdf at all", b"%PDF-"])
def test_corrupt_pdf_is_refused_with_reason(tmp_path, raw):
    err = load_error(write(tmp_path, "broken.pdf", raw))
    assert "PDF" in err.reason
    assert "壊れて" in err.reason


# A library's own words (pypdf's "EOF marker not found", zipfile's "Bad magic number") in a reason.
_LIBRARY_WORDS = re.compile(r"[A-Za-z]{3,}(?:Error|Exception)|[A-Za-z]+ [a-z]+ [a-z]+")


@pytest.mark.parametrize("name, raw", [
    ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
    ("broken2.pdf", b"%PDF-"),
    ("cut.docx", "docx"),
    ("cut.xlsx", "xlsx"),
])
def test_a_corrupt_files_reason_is_japanese_and_the_librarys_message_only_in_the_log(tmp_path, caplog, name, raw):
    if raw in ("docx", "xlsx"):
        whole = docx_bytes(lambda d: d.add_paragraph("子育て支援")) if raw == "docx" else _xlsx_bytes()
        raw = _damaged_member(whole)
    with caplog.at_level(logging.INFO, logger="indexer.load"):
        err = load_error(write(tmp_path, name, raw))
    assert "壊れて" in err.reason
    assert not _LIBRARY_WORDS.search(err.reason), err.reason
    assert any(_LIBRARY_WORDS.search(r.getMessage()) for r in caplog.records), "the detail stays in the log"


def _xlsx_bytes() -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active["A1"] = "子育て支援"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _damaged_member(data: bytes) -> bytes:
    """The zip with one compressed member's bytes overwritten (its CRC no longer matches)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith(("document.xml", "sheet1.xml")))
    raw = bytearray(data)
    at = info.header_offset
    start = at + 30 + int.from_bytes(raw[at + 26:at + 28], "little") + int.from_bytes(raw[at + 28:at + 30], "little")
    for k in range(start + 2, start + min(info.compress_size, 40)):
        raw[k] ^= 0x5A
    return bytes(raw)


def test_corrupt_docx_is_refused_with_reason(tmp_path):
    err = load_error(write(tmp_path, "broken.docx", b"PK\x03\x04 this is not really a zip"))
    assert "DOCX" in err.reason and "ZIP" in err.reason


def test_truncated_docx_is_refused_with_reason(tmp_path):
    raw = docx_bytes(lambda d: d.add_paragraph("子育て支援"))
    err = load_error(write(tmp_path, "cut.docx", raw[: len(raw) // 2]))
    assert "DOCX" in err.reason


def test_old_word_or_password_protected_docx_is_refused_with_advice(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    err = load_error(write(tmp_path, "old.docx", ole))
    assert ".doc" in err.reason and "パスワード" in err.reason


def test_zip_that_is_not_a_word_document_is_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    err = load_error(write(tmp_path, "sheet.docx", buf.getvalue()))
    assert "word/document.xml" in err.reason


@pytest.mark.parametrize("ext", SUPPORTED_EXTENSIONS)
def test_garbage_in_any_format_raises_only_load_error(ext, monkeypatch):
    rng = random.Random(7)
    if ext in (".doc", ".rtf", ".odt"):
        # Fuzz how the file is recognised; what LibreOffice then makes of it ends
        # as a LoadError by construction (a subprocess) and is read as .docx, fuzzed above.
        monkeypatch.setattr(officeconvert, "executable", lambda: None)
    valid = {
        ".txt": "子育て".encode(),
        ".html": "<p>子育て</p>".encode(),
        ".htm": "<p>子育て</p>".encode(),
        ".pdf": make_pdf([["Hello"]]),
        ".docx": docx_bytes(lambda d: d.add_paragraph("子育て")),
        ".xlsx": xlsx_bytes([["子育て", "支援"]]),
        ".csv": "子育て,支援\r\n".encode("cp932"),
        ".tsv": "子育て\t支援\r\n".encode(),
        ".doc": (LEGACY / "000_8f4773b09691ae88.docx.doc").read_bytes(),
        ".rtf": (LEGACY / "000_8f4773b09691ae88.docx.rtf").read_bytes(),
        ".xls": (LEGACY / "000_8f4773b09691ae88.xlsx_year_sheets.xls").read_bytes(),
        ".odt": (UNSEEN8 / "izumi_r5_nested_tables.odt").read_bytes(),
        ".ods": (UNSEEN8 / "naka_h31_year_sheets.ods").read_bytes(),
        ".xlsm": (UNSEEN12 / "kohoku_r4_macro.xlsm").read_bytes(),
        ".docm": (UNSEEN12 / "totsuka_r1_macro.docm").read_bytes(),
        ".mht": (UNSEEN12 / "isogo_h30_hyoka.mht").read_bytes(),
        ".mhtml": (UNSEEN12 / "minami_r2_word_mhtml.doc").read_bytes(),
    }[ext]
    samples = [rng.randbytes(n) for n in (1, 7, 300, 5000)]
    # Damaged copies of a valid file hit the libraries' less travelled paths.
    for _ in range(25):
        cut = rng.randrange(1, len(valid))
        pos = rng.randrange(len(valid))
        samples.append(valid[:cut])
        samples.append(valid[:pos] + rng.randbytes(8) + valid[pos + 8:])
    for raw in samples:
        try:
            result = load_bytes(raw, f"fuzz{ext}")
        except LoadError as err:
            assert err.reason and err.name == f"fuzz{ext}"
        else:
            assert isinstance(result, LoadedText) and result.text.strip()


def test_utf16_bom_with_broken_bytes_is_refused_with_reason():
    raw = "子育て".encode("utf-16") + b"\x00"  # odd length
    err = load_error(raw, "broken.txt")
    assert "UTF-16" in err.reason and "壊れて" in err.reason


@pytest.mark.parametrize("seed", SEEDS[:2], ids=lambda p: p.name[:3])
def test_upload_and_file_give_the_same_result(seed):
    assert load_bytes(seed.read_bytes(), seed.name) == load_file(seed)


def test_load_error_survives_pickling_for_worker_processes():
    err = pickle.loads(pickle.dumps(LoadError("a.txt", "空のファイルです")))
    assert (err.name, err.reason, str(err)) == ("a.txt", "空のファイルです", "a.txt: 空のファイルです")


# --- HTML ----------------------------------------------------------------------

HOSTILE_HTML = """<!DOCTYPE html>
<html><head><meta charset="Shift_JIS"><title>ページタイトル</title>
<style>body { color: red } .x::after { content: "STYLE-TEXT" }</style>
<script>alert(1); document.write("SCRIPT-TEXT")</script>
</head>
<body onload="alert('ONLOAD-HANDLER')">
<h1>泉区地域子育て支援拠点
事業</h1>
<p>親子の<b>居場所</b>づくり、<a href="javascript:alert(2)" onclick="evil('CLICK-HANDLER')">ひろば</a>事業の充実。</p>
<!-- コメントは本文ではない -->
<ul><li>一つ目</li><li>二つ目<br>改行のあと</li></ul>
<table><caption>評価表</caption>
<tr><th>項目</th><td>内容   が   ある</td></tr>
<tr><td>評価</td><td>  Ｂ  </td></tr></table>
<noscript>NOSCRIPT-TEXT</noscript><template><p>TEMPLATE-TEXT</p></template>
<svg><text>SVG-TEXT</text><script>alert("SVG-SCRIPT")</script></svg>
<iframe src="x">IFRAME-TEXT</iframe>
<div>English words
   across source lines</div>
<p>&nbsp;</p>
<script>
var s = "</div><p>SCRIPT-IN-STRING</p>";
</script>
<img src=x onerror="alert('IMG-HANDLER')">
</body></html>
"""


@pytest.mark.parametrize("codec", ["cp932", "utf-8"])
def test_html_drops_script_and_style_and_puts_each_block_on_its_own_line(codec):
    loaded = load_bytes(HOSTILE_HTML.encode(codec), "report.html")
    assert loaded.fmt == "html"
    for leaked in ("alert", "SCRIPT", "STYLE", "HANDLER", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME",
                   "evil", "color", "ページタイトル", "コメント"):
        assert leaked not in loaded.text
    assert loaded.text.split("\n") == [
        "泉区地域子育て支援拠点事業",
        "親子の居場所づくり、ひろば事業の充実。",
        "一つ目",
        "二つ目",
        "改行のあと",
        "評価表",
        "",
        "項目\t内容 が ある",
        "評価\tＢ",
        "",
        "English words across source lines",
    ]


def test_html_meta_charset_is_respected():
    # Short enough that detection alone could hesitate; the <meta> settles it.
    raw = '<meta charset="EUC-JP"><p>子育て</p>'.encode("euc_jp")
    loaded = load_bytes(raw, "a.htm")
    assert (loaded.text, loaded.encoding) == ("子育て", "euc_jp")


def test_html_http_equiv_charset_is_respected():
    raw = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
           "</head><body><p>多胎児の支援について</p></body></html>").encode("cp932")
    assert load_bytes(raw, "a.html").text == "多胎児の支援について"


def test_html_meta_charset_that_lies_is_overruled_by_valid_utf8():
    raw = '<meta charset="Shift_JIS"><p>親子の居場所づくり</p>'.encode("utf-8")
    loaded = load_bytes(raw, "a.html")
    assert (loaded.text, loaded.encoding) == ("親子の居場所づくり", "utf_8")


def test_html_without_closed_head_keeps_the_body():
    raw = "<html><head><title>題</title><body><p>本文です</p>".encode()
    assert load_bytes(raw, "a.html").text == "本文です"


def test_html_preformatted_lines_stay_separate():
    raw = "<pre>一行目\n二行目</pre>".encode()
    assert load_bytes(raw, "a.html").text == "一行目\n二行目"


def test_html_ruby_readings_do_not_split_the_base_text():
    raw = "<p><ruby>多胎児<rp>(</rp><rt>たたいじ</rt><rp>)</rp></ruby>の支援</p>".encode()
    assert load_bytes(raw, "a.html").text == "多胎児の支援"


def test_html_with_only_scripts_has_no_text():
    err = load_error("<script>alert(1)</script><style>p{}</style>".encode(), "a.html")
    assert "テキストがありません" in err.reason


def test_seed_report_wrapped_as_html_keeps_its_lines():
    seed = SEEDS[1]
    lines = [line for line in seed_text(seed).split("\n") if line.strip() and "<" not in line][:30]
    body = "".join(f"<p>{line}</p>\n" for line in lines)
    raw = f"<html><head><meta charset='shift_jis'></head><body>{body}</body></html>"
    try:
        data = raw.encode("cp932")
    except UnicodeEncodeError:
        data = raw.encode("utf-8")
    text = load_bytes(data, "seed.html").text
    # HTML collapses ASCII whitespace (the seeds' tabs) but keeps NBSP as written.
    expected = [re.sub(r"[ \t]+", " ", line).strip(" ") for line in lines]
    assert text.split("\n") == expected


# --- PDF -----------------------------------------------------------------------


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small valid PDF with a real text layer, one line per Tj.

    ASCII lines use Helvetica; other lines a CID font with a ToUnicode map
    (no embedded glyphs, but extraction only needs the map).
    """
    chars = sorted({c for page in pages for line in page for c in line if ord(c) > 126})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: (b"<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /Identity-H"
            b" /DescendantFonts [5 0 R] /ToUnicode 6 0 R >>"),
        5: (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo"
            b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>"),
        7: (b"<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -200 1000 900]"
            b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"),
    }
    bfchar = "".join(f"<{cid[c]:04X}> <{ord(c):04X}>\n" for c in chars)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{max(len(chars), 1)} beginbfchar\n{bfchar or '<0001> <0020>'}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode()
    objs[6] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap)
    kids, n = [], 8
    for lines in pages:
        ops, y = ["BT"], 780
        for line in lines:
            if all(ord(c) <= 126 for c in line):
                esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"/F1 12 Tf 1 0 0 1 72 {y} Tm ({esc}) Tj")
            else:
                glyphs = "".join(f"{cid[c]:04X}" if ord(c) > 126 else f"{ord(c):04X}" for c in line)
                ops.append(f"/F2 12 Tf 1 0 0 1 72 {y} Tm <{glyphs}> Tj")
            y -= 20
        ops.append("ET")
        content = "\n".join(ops).encode()
        objs[n] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
        objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources"
                       b" << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % n)
        kids.append(n + 1)
        n += 2
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (i, objs[i])
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[i] for i in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def test_generated_pdf_fixture_is_a_valid_pdf():
    reader = PdfReader(io.BytesIO(make_pdf([["Hello"], ["World"]])), strict=True)
    assert len(reader.pages) == 2


def test_pdf_text_layer_is_extracted_page_by_page(tmp_path):
    raw = make_pdf([["Kyoten Search", "Izumi ward (2023)"], ["Second page"]])
    loaded = load_file(write(tmp_path, "report.pdf", raw))
    assert loaded.fmt == "pdf"
    assert loaded.encoding is None
    assert loaded.text.split("\n") == ["Kyoten Search", "Izumi ward (2023)", "Second page"]
    assert loaded.sha256 == hashlib.sha256(raw).hexdigest()


def test_japanese_pdf_text_from_a_seed_is_extracted(tmp_path):
    lines = [line for line in seed_text(SEEDS[0]).split("\n")
             if line.strip() and "<" not in line and "\t" not in line][:6]
    raw = make_pdf([lines[:3], lines[3:]])
    loaded = load_file(write(tmp_path, "REPORT.PDF", raw))
    assert loaded.text.split("\n") == lines


def test_pdf_of_blank_pages_is_refused_as_having_no_text(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    err = load_error(write(tmp_path, "scan.pdf", buf.getvalue()))
    # With the OCR tools the pages are read and found empty; without them the
    # message says how to install them (tests/test_ocr.py covers both paths).
    assert err.reason.startswith(("PDFから文字を読み取れませんでした", "文字情報のないPDFです"))


def encrypted(raw: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_password_protected_pdf_is_refused_with_reason(tmp_path):
    raw = encrypted(make_pdf([["Secret report"]]), user_password="open-sesame")
    err = load_error(write(tmp_path, "locked.pdf", raw))
    assert "パスワード" in err.reason


def test_pdf_restricted_only_by_owner_password_is_read(tmp_path):
    raw = encrypted(make_pdf([["Printable but restricted"]]), user_password="")
    assert load_file(write(tmp_path, "restricted.pdf", raw)).text == "Printable but restricted"


# --- DOCX ----------------------------------------------------------------------


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_table_cells_come_out_in_document_order(tmp_path):
    def build(d):
        d.add_heading("泉区地域子育て支援拠点事業", level=1)
        d.add_paragraph("令和5年度重点目標評価結果")
        d.add_paragraph("")  # empty paragraphs do not make empty lines
        table = d.add_table(rows=2, cols=3)
        table.cell(0, 0).text = "項目"
        table.cell(0, 1).text = "内容"
        table.cell(0, 2).text = "評価"
        table.cell(1, 0).text = "目標1"
        merged = table.cell(1, 1).merge(table.cell(1, 2))
        merged.text = "多胎児の支援について"
        merged.add_paragraph("二段落目")
        d.add_paragraph("表の後の段落")

    loaded = load_file(write(tmp_path, "report.docx", docx_bytes(build)))
    assert loaded.fmt == "docx"
    assert loaded.encoding is None
    assert loaded.text.split("\n") == [
        "泉区地域子育て支援拠点事業",
        "令和5年度重点目標評価結果",
        "",
        "項目\t内容\t評価",
        "目標1\t多胎児の支援について<br>二段落目",
        "",
        "表の後の段落",
    ]


def test_docx_nested_table_cells_are_kept_in_place(tmp_path):
    def build(d):
        outer = d.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "外側"
        inner = outer.cell(0, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "内側A"
        inner.cell(0, 1).text = "内側B"
        d.add_paragraph("最後")

    text = load_file(write(tmp_path, "nested.docx", docx_bytes(build))).text
    assert text.split("\n") == ["外側\t内側A 内側B", "", "最後"]


def test_docx_without_text_is_refused(tmp_path):
    err = load_error(write(tmp_path, "blank.docx", docx_bytes(lambda d: None)))
    assert "テキストがありません" in err.reason


def zip_with_zeros(path: Path, megabytes: int) -> None:
    """A .docx-shaped zip whose document.xml inflates to `megabytes` of zeros,
    written in streaming mode so neither memory nor disk holds it expanded."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)


def forbid_decompression(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("the zip bomb was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", boom)
    monkeypatch.setattr(zipfile.ZipFile, "read", boom)
    monkeypatch.setattr(docx_loader.python_docx, "Document", boom)


def test_zip_bomb_docx_is_refused_without_decompressing_it(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    zip_with_zeros(path, 300)
    assert path.stat().st_size < 2 * 1024 * 1024
    forbid_decompression(monkeypatch)
    err = load_error(path)
    assert err.reason.startswith("展開後のサイズが大きすぎます") and "zip bomb" in err.reason


def test_docx_member_with_absurd_compression_ratio_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "ratio.docx"
    zip_with_zeros(path, 8)  # far below the total limit, but ~1000:1
    forbid_decompression(monkeypatch)
    err = load_error(path)
    assert "zip bomb" in err.reason


def test_real_docx_passes_the_zip_bomb_guard(tmp_path):
    def build(d):
        for line in seed_text(SEEDS[2]).split("\n"):
            if line.strip():
                d.add_paragraph(line)

    loaded = load_file(write(tmp_path, "seed.docx", docx_bytes(build)))
    # Literal markup in a Word paragraph is escaped so the parser keeps it as text.
    assert html.unescape(loaded.text) == "\n".join(
        line for line in seed_text(SEEDS[2]).split("\n") if line.strip())
