"""A batch with bad files reports each one clearly and still parses everything else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from indexer.corpus import parse_corpus

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = "000_8f4773b09691ae88.txt"


def texts_of(result, source):
    doc = next(d for d in result.documents if d.source == source)
    return [(p.section, p.goal_no, p.fiscal_year_from, p.text) for p in result.passages if p.doc_id == doc.doc_id]


def test_bad_files_get_clear_errors_and_the_rest_still_parses(tmp_path):
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    seed_text = (CORPUS / SEED).read_text(encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "random.txt").write_bytes(os.urandom(4096))
    (tmp_path / "sjis.txt").write_bytes(seed_text.encode("cp932", errors="strict"))
    (tmp_path / "eucjp.txt").write_bytes(seed_text.encode("euc_jis_2004"))
    (tmp_path / "page.html").write_text(
        "<html><head><script>alert('x')</script><style>p{}</style></head><body>"
        "<p>西区の多胎児支援について。</p><script>document.write('悪意')</script></body></html>",
        encoding="utf-8")
    (tmp_path / "sheet.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "huge.txt").write_text("多胎児" * 200_000, encoding="utf-8")

    result = parse_corpus(tmp_path, max_bytes=512 * 1024)

    errors = {e.file: e.reason for e in result.errors}
    assert set(errors) == {"empty.txt", "random.txt", "sheet.xls", "huge.txt"}
    assert "空" in errors["empty.txt"]
    assert ".xls" in errors["sheet.xls"]
    assert "大きすぎ" in errors["huge.txt"]
    # all five seeds still parse
    assert {d.ward for d in result.documents} >= {"泉区", "中区", "西区", "港南区", "港北区"}
    # legacy encodings decode to the same passages as the UTF-8 original
    assert texts_of(result, "sjis.txt") == texts_of(result, SEED)
    assert texts_of(result, "eucjp.txt") == texts_of(result, SEED)
    # script text never reaches a passage
    html_passages = [p.text for p in result.passages if p.source_file == "page.html"]
    assert any("多胎児支援" in t for t in html_passages)
    assert not any("alert" in t or "悪意" in t for t in result.passages for t in [t.text])


def test_document_without_known_structure_becomes_searchable_paragraphs(tmp_path):
    (tmp_path / "other-city.txt").write_text(
        "川崎市 子育て支援センター 事業評価シート\n\n"
        "今年度は双子の家庭向けの交流会を3回開催した。参加者から好評を得た。\n\n"
        "来年度は父親向けの講座を拡充する予定である。\n", encoding="utf-8")
    result = parse_corpus(tmp_path)
    [doc] = result.documents
    assert doc.ward == "川崎市"
    assert result.passages and all(p.section == "other" for p in result.passages)
    assert any("双子の家庭向けの交流会" in p.text for p in result.passages)


def test_a_report_with_a_line_of_a_hundred_thousand_tabs_or_digits_keeps_its_text(tmp_path):
    # lines like these once made two patterns backtrack over the whole line (20,000 tabs
    # took 4.6 s, 100,000 about two minutes): a 2 MB file could hold a reindex for hours
    from indexer.parse import parse_text

    for hostile in ("\t" * 100_000, "１" * 100_000, "| " * 50_000):
        doc = parse_text(f"{hostile}\n多胎児の家庭が交流できる会を開いた。\n", "hostile.txt", "hostile")
        assert any("多胎児の家庭が交流できる会" in p.text for p in doc.passages)
