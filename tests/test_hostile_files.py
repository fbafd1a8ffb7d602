"""Hostile XML in uploads (external entities, billion laughs, deep nesting) is refused with
a Japanese reason, and the other files of the batch are still indexed."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from indexer.corpus import parse_corpus
from indexer.load import load_bytes
from indexer.load.common import LoadError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

XXE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "ああああああああああ">'
          + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
          + "]>\n")


def _rewrite(data: bytes, member: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                body = change(body.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, body)
    return out.getvalue()


def _docx_with_xxe() -> bytes:
    d = docx.Document()
    d.add_paragraph("西区の多胎児支援について。PLACEHOLDER")
    buf = io.BytesIO()
    d.save(buf)

    def change(xml: str) -> str:
        body = xml.split("?>", 1)[1]
        return XXE + body.replace("PLACEHOLDER", "&xxe;")
    return _rewrite(buf.getvalue(), "word/document.xml", change)


def _xlsx_with_laughs() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "多胎児支援 PLACEHOLDER"
    buf = io.BytesIO()
    wb.save(buf)

    def change(xml: str) -> str:
        body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
        return LAUGHS + body.replace("PLACEHOLDER", "&j;")
    data = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        member = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in zf.namelist() else "xl/worksheets/sheet1.xml"
    return _rewrite(data, member, change)


def _spreadsheetml(prolog: str, cell: str, wrap: int = 0) -> bytes:
    inner = "<Data ss:Type=\"String\">" + cell + "</Data>"
    deep = "<x>" * wrap + "</x>" * wrap
    return (prolog + '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
            f'<Worksheet ss:Name="S"><Table><Row><Cell>{inner}</Cell></Row></Table>{deep}</Worksheet></Workbook>'
            ).encode("utf-8")


def test_a_docx_with_an_external_entity_is_refused_and_the_rest_of_the_batch_is_indexed(tmp_path):
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "xxe.docx").write_bytes(_docx_with_xxe())
    result = parse_corpus(tmp_path)
    errors = {e.file: e.reason for e in result.errors}
    assert set(errors) == {"xxe.docx"}
    assert "実体宣言" in errors["xxe.docx"]
    assert "root:" not in " ".join(p.text for p in result.passages)
    assert {d.source for d in result.documents} >= {f.name for f in CORPUS.glob("*.txt")}


def test_a_billion_laughs_xlsx_does_not_exhaust_memory():
    with pytest.raises(LoadError) as info:
        load_bytes(_xlsx_with_laughs(), "laughs.xlsx")
    assert "実体宣言" in info.value.reason


def test_a_spreadsheetml_file_reading_etc_passwd_is_refused():
    data = _spreadsheetml(XXE.replace("<!DOCTYPE r", "<!DOCTYPE Workbook"), "&xxe;")
    with pytest.raises(LoadError) as info:
        load_bytes(data, "xxe.xls")
    assert "実体宣言" in info.value.reason or "ENTITY" in info.value.reason


def test_absurdly_deep_spreadsheetml_is_refused_with_a_reason():
    data = _spreadsheetml('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n', "多胎児", wrap=5000)
    with pytest.raises(LoadError) as info:
        load_bytes(data, "deep.xls")
    assert "入れ子が深すぎます" in info.value.reason


_MHT_HEAD = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'


@pytest.mark.parametrize("data", [
    _MHT_HEAD + b'--B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!@@@###\r\n--B--\r\n',
    b'MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n<html><p>x</p></html>',
    _MHT_HEAD + b'--B\r\nContent-Type: multipart/alternative; boundary="C"\r\n\r\n' * 200,
], ids=["bad-base64", "missing-boundary", "nested-multiparts"])
def test_a_broken_mht_gets_a_japanese_reason_not_a_crash(data):
    with pytest.raises(LoadError) as info:
        load_bytes(data, "broken.mht")
    assert "MHTML" in info.value.reason and "壊れている" in info.value.reason


# --- Word 2003 XML (.doc) and the parts python-docx / LibreOffice parse: the same guard -----

DATA8 = Path(__file__).resolve().parent / "data" / "unseen8"
_WORDML = ('<?mso-application progid="Word.Document"?>\n'
           '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body>'
           '<w:p><w:r><w:t>西区の多胎児支援 {cell} おわり</w:t></w:r></w:p>{deep}</w:body></w:wordDocument>')


def _word_xml(prolog: str, cell: str, wrap: int = 0) -> bytes:
    deep = "<w:sub>" * wrap + "</w:sub>" * wrap
    return (prolog + _WORDML.format(cell=cell, deep=deep)).encode("utf-8")


def test_a_word_2003_xml_doc_reading_etc_passwd_is_refused_and_the_rest_of_the_batch_is_indexed(tmp_path):
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "xxe.doc").write_bytes(_word_xml(XXE.replace("<!DOCTYPE r", "<!DOCTYPE w:wordDocument"), "&xxe;"))
    result = parse_corpus(tmp_path)
    errors = {e.file: e.reason for e in result.errors}
    assert set(errors) == {"xxe.doc"}
    assert "実体宣言" in errors["xxe.doc"]
    assert {d.source for d in result.documents} >= {f.name for f in CORPUS.glob("*.txt")}


def test_a_billion_laughs_word_2003_xml_doc_is_refused_before_libreoffice_sees_it():
    with pytest.raises(LoadError) as info:
        load_bytes(_word_xml(LAUGHS.replace("<!DOCTYPE r", "<!DOCTYPE w:wordDocument"), "&j;"), "laughs.doc")
    assert "実体宣言" in info.value.reason


def test_absurdly_deep_word_2003_xml_is_refused_with_a_reason():
    with pytest.raises(LoadError) as info:
        load_bytes(_word_xml('<?xml version="1.0" encoding="UTF-8"?>\n', "多胎児", wrap=5000), "deep.doc")
    assert "入れ子が深すぎます" in info.value.reason


def _docx(text: str = "西区の多胎児支援について。PLACEHOLDER") -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_docx_hiding_its_entity_declaration_behind_long_comments_is_still_refused():
    # "<!DOCTYPE" and "<!ENTITY" each straddle a 64 KB read boundary of the zip check (comments
    # pad the prolog and the internal subset): a check reading chunk by chunk must still see them.
    def change(xml: str) -> str:
        head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!--'
        out = head + " " * (65536 - 4 - len(head) - len("-->")) + "-->" + "<!DOCTYPE r [<!--"
        out += " " * (2 * 65536 - 4 - len(out) - len("-->")) + "-->"
        out += '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        return out + xml.split("?>", 1)[1].replace("PLACEHOLDER", "&xxe;")
    data = _rewrite(_docx(), "word/document.xml", change)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        part = zf.read("word/document.xml")
    assert part.index(b"<!DOCTYPE") == 65536 - 4 and part.index(b"<!ENTITY") == 2 * 65536 - 4
    with pytest.raises(LoadError) as info:
        load_bytes(data, "hidden.docx")
    assert "実体宣言" in info.value.reason


def test_absurdly_deep_docx_is_refused_with_a_reason_not_called_damaged():
    data = _rewrite(_docx(), "word/document.xml",
                    lambda xml: xml.replace("<w:body>", "<w:body>" + "<w:sdt>" * 5000 + "</w:sdt>" * 5000))
    with pytest.raises(LoadError) as info:
        load_bytes(data, "deep.docx")
    assert "入れ子が深すぎます" in info.value.reason


def test_an_ods_whose_manifest_names_its_dtd_as_openoffice_2_wrote_it_is_read():
    # OpenOffice.org 2.x wrote a DOCTYPE (no entities) into META-INF/manifest.xml: allowed.
    data = (DATA8 / "konan_r5_form_lines.ods").read_bytes()
    doctype = ('<!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD Manifest 1.0//EN" '
               '"Manifest.dtd">\n')
    old = _rewrite(data, "META-INF/manifest.xml", lambda xml: xml)
    dated = _rewrite(data, "META-INF/manifest.xml",
                     lambda xml: xml.replace("?>", "?>\n" + doctype, 1) if xml.startswith("<?xml") else doctype + xml)
    with zipfile.ZipFile(io.BytesIO(dated)) as zf:
        assert b"<!DOCTYPE" in zf.read("META-INF/manifest.xml")
    assert load_bytes(dated, "old.ods").text == load_bytes(old, "new.ods").text


# --- Hostile-but-legal Word files: read, not refused or hung (benchmarks/hostile_inputs.py times them) ---

def _docx_body(body: str, styles_change=None) -> bytes:
    data = _rewrite(_docx("x"), "word/document.xml",
                    lambda xml: xml.replace("<w:body>", "<w:body>" + body, 1))
    return _rewrite(data, "word/styles.xml", styles_change) if styles_change else data


def _tc(text: str, merge: str | None = None) -> str:
    props = {"restart": '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>', "continue": "<w:tcPr><w:vMerge/></w:tcPr>"}
    return f"<w:tc>{props.get(merge, '')}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_a_word_table_with_a_label_merged_down_over_1200_rows_is_read_with_the_label_once():
    rows = "".join(f"<w:tr>{_tc('取組内容' if i == 0 else '', 'restart' if i == 0 else 'continue')}"
                   f"{_tc(f'行{i}')}</w:tr>" for i in range(1200))
    grid = '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
    text = load_bytes(_docx_body(f"<w:tbl>{grid}{rows}</w:tbl>"), "長い表.docx").text
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines[0] == "取組内容\t行0" and lines[1199] == "\t行1199"
    assert text.count("取組内容") == 1


def test_a_docx_whose_paragraph_style_is_based_on_itself_is_read():
    style = ('<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/>'
             '<w:basedOn w:val="Loop"/></w:style>')
    data = _docx_body('<w:p><w:pPr><w:pStyle w:val="Loop"/></w:pPr><w:r><w:t>多胎児の親子の交流会</w:t></w:r></w:p>',
                      lambda xml: xml.replace("</w:styles>", style + "</w:styles>"))
    assert "多胎児の親子の交流会" in load_bytes(data, "style-loop.docx").text


def test_wrapped_lines_that_never_end_a_sentence_are_rejoined_in_bounded_blocks_with_nothing_lost():
    from indexer.clean import MAX_JOINED_CHARS, join_wrapped

    lines = [f"西区の地域子育て支援拠点では多胎児の親子を対象に妊娠期から切れ目なく支援を行って{i:05d}"
             for i in range(2000)]
    blocks = join_wrapped(lines, set())
    assert len(blocks) > 1 and all(len(text) <= MAX_JOINED_CHARS for text, _, _ in blocks)
    assert "".join(text for text, _, _ in blocks) == "".join(lines)
    assert [(first, last) for _, first, last in blocks][0][0] == 1 and blocks[-1][2] == 2000


def test_a_text_file_on_one_line_is_indexed_as_passages_of_bounded_size_with_nothing_lost(tmp_path):
    sentence = "西区の地域子育て支援拠点では多胎児の親子を対象に、妊娠期から切れ目のない支援を行った。"
    text = sentence * 5000  # 220k characters, no line break
    (tmp_path / "one_line.txt").write_text(text, encoding="utf-8")
    result = parse_corpus(tmp_path)
    assert not result.errors
    passages = result.passages
    assert len(passages) > 100 and max(len(p.text) for p in passages) <= 1000
    assert "".join(p.text.replace("\n", "") for p in passages) == text
    assert len({p.passage_id for p in passages}) == len(passages)
