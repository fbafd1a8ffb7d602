"""What a policy officer and a hub manager met walking the pages over an archive (userfix32).

- 「似た取組を探す」 left out every copy of the text in other reports without a word: on a
  360-report archive, where the same goal stands in each ward's reports year after year, the
  page said 「他の区の似た取組（1区）」 for a text seventeen other wards' reports hold. Now the
  source's copies are named under it (この記載と同じ内容の記載 N件：区（年度…）), and each
  neighbour's copies under it (同様の記載), as in the search's list; the JSON API gives them as
  `copies` and each result's `duplicates`.
- The CSV export stops at EXPORT_MAX_ROWS (1,000) rows; a search with more saved the first
  1,000 without saying so. The link now says it: CSVで保存（N 件のうち関連度の高い 1000 件）.
"""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from benchmarks.archive import Relabel
from web_fixtures import make_app

from test_cli import REPO

KONAN = "003_d2a364418de75729.txt"      # 港南区 令和5年度: its 重点目標① names 多胎児（ツインスターズ）
COPIES = (("鶴見区", 0), ("鶴見区", 3), ("瀬谷区", 1))


@pytest.fixture(scope="module")
def index_with_copies(tmp_path_factory):
    from search_app.indexing import build_index

    root = tmp_path_factory.mktemp("walked32")
    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("uploads"))
    source = (REPO / "corpus" / KONAN).read_text(encoding="utf-8")
    for n, (ward, shift) in enumerate(COPIES):
        (corpus / f"copy{n}.txt").write_text(Relabel("港南区", ward, shift)(source), encoding="utf-8")
    summary = build_index(corpus, root / "index", semantic=False, full=True)
    assert not summary.failed
    return root / "index"


@pytest.fixture(scope="module")
def client(index_with_copies):
    return make_app(index_with_copies, SEMANTIC=False).test_client()


def _konan_twins_passage(client) -> dict:
    found = client.get("/api/search", query_string={"q": "ツインスターズ", "mode": "bm25"}).get_json()
    return next(r for r in found["results"] if r["ward"] == "港南区")


def test_similar_practices_name_the_other_reports_that_hold_the_same_text(client):
    source = _konan_twins_passage(client)
    found = client.get(f"/api/passages/{source['passage_id']}/similar").get_json()
    assert sorted((c["ward"], c["fiscal_year_from"]) for c in found["copies"]) == [
        ("瀬谷区", 2022), ("鶴見区", 2020), ("鶴見区", 2023)]
    # no row of its own for a copy of the source
    assert not any(r["passage_id"] in {c["passage_id"] for c in found["copies"]} for r in found["results"])
    html = client.get(f"/passages/{source['passage_id']}/similar").get_data(as_text=True)
    line = re.search(r'<p class="duplicates source-copies">(.*?)</p>', html, re.S)
    assert line, html[:2000]
    text = re.sub(r"<[^>]+>", "", line.group(1))
    assert text == "この記載と同じ内容の記載 3件：鶴見区（令和2年度・令和5年度）、瀬谷区（令和4年度）", text
    # each year opens that report's copy
    assert line.group(1).count('href="/documents/') == 3


def test_a_similar_practice_names_its_own_copies_as_同様の記載(client):
    source = _konan_twins_passage(client)
    found = client.get(f"/api/passages/{source['passage_id']}/similar", query_string={"k": 20}).get_json()
    with_copies = [r for r in found["results"] if r.get("duplicates")]
    assert with_copies, found["results"]
    html = client.get(f"/passages/{source['passage_id']}/similar").get_data(as_text=True)
    assert html.count('<p class="duplicates">同様の記載') >= 1


def test_the_csv_link_says_when_the_export_keeps_only_the_first_rows(index_with_copies):
    client = make_app(index_with_copies, SEMANTIC=False, EXPORT_MAX_ROWS=5).test_client()
    page = client.get("/", query_string={"q": "子育て", "mode": "bm25"}).get_data(as_text=True)
    total = client.get("/api/search", query_string={"q": "子育て", "mode": "bm25"}).get_json()["total"]
    assert total > 5
    link = re.search(r'<a class="csv-link"[^>]*>(.*?)</a>', page).group(1)
    assert link == f"CSVで保存（{total} 件のうち関連度の高い 5 件）", link
    body = client.get("/export.csv", query_string={"q": "子育て", "mode": "bm25"}).get_data(as_text=True)
    assert len(list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))) == 1 + 5
    small = client.get("/", query_string={"q": "ツインスターズ", "mode": "bm25"}).get_data(as_text=True)
    assert re.search(r'<a class="csv-link"[^>]*>CSVで保存</a>', small)


@pytest.mark.parametrize("name", ["報告書.pdf", "報告書.docx", "報告書.rtf"])
def test_a_text_report_saved_under_an_office_or_pdf_name_is_refused_with_the_extension_to_use(name):
    """A text file named .pdf was refused 「PDFファイルではありません（…拡張子が正しくない可能性があります）」
    without saying what it is, where a PDF named .txt is told 「中身は PDF のようです。拡張子を .pdf に直すと…」."""
    from search_app.uploads import UploadRejected, quick_check

    text = (REPO / "corpus" / KONAN).read_bytes()
    with pytest.raises(UploadRejected) as refused:
        quick_check(text, name)
    assert str(refused.value).endswith("中身はテキストのようです。拡張子を .txt に直すと読み込めます"), refused.value
    with pytest.raises(UploadRejected) as garbage:   # bytes that are no text get no such advice
        quick_check(b"\x00\x01\x02\xff\xfe garbage", name)
    assert "テキストのようです" not in str(garbage.value)
