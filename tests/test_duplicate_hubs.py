"""The list of a result's copies (「同様の記載 N件」) names each copy's hub (拠点名) where its report
states one — 港北区 どろっぷ（平成29年度） — on the search page, in the API's `duplicates` entries (`hub`,
absent where the report states none), in `kyoten search --json` and in the CSV's 同様の記載 column.

Over a keyword index of the real seed corpus plus three copies of 港北区's report (どろっぷ), relabelled
as the archive benchmark relabels seeds (`benchmarks.archive.Relabel`): the same report a year earlier
(still どろっぷ), two years earlier with the hub's name taken out (a report stating no hub), and as
鶴見区's with the hub's name taken out. ココアプリ's 取組内容 is then one result with three copies."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from page_reading import page as get_page, search_api as api, text_of

REPO = Path(__file__).resolve().parent.parent
QUERY = "ココアプリ"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from benchmarks.archive import Relabel
    from search_app.indexing import build_index

    root = tmp_path_factory.mktemp("hubdup31")
    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("uploads"))
    kohoku = (corpus / "004_edbefdd13c451103.txt").read_text(encoding="utf-8")
    assert "どろっぷ" in kohoku
    copies = {"904_kohoku_a_year_earlier.txt": Relabel("港北区", "港北区", 1)(kohoku),
              "905_kohoku_two_years_earlier_no_hub.txt": Relabel("港北区", "港北区", 2)(kohoku).replace("どろっぷ", "拠点"),
              "906_tsurumi_copy_no_hub.txt": Relabel("港北区", "鶴見区", 0)(kohoku).replace("どろっぷ", "拠点")}
    for name, text in copies.items():
        (corpus / name).write_text(text, encoding="utf-8")
    summary = build_index(corpus, root / "index", semantic=False, full=True)
    assert not summary.failed, summary.failed
    return root / "index", corpus


@pytest.fixture(scope="module")
def app(index):
    from search_app.web import create_app

    return create_app({"INDEX_DIR": str(index[0]), "CORPUS_DIR": str(index[1]), "SEMANTIC": False,
                       "TESTING": True})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def _copied_result(results: list[dict]) -> dict:
    """The 港北区 どろっぷ 平成30年度 取組内容 result, which the three copies fold under."""
    return next(r for r in results if r["ward"] == "港北区" and r["section"] == "取組内容" and r["duplicates"])


def _duplicate_lists(html: str) -> list[str]:
    return re.findall(r'<li class="duplicates">(.*?)</li>', html, re.S)


def test_a_duplicate_list_says_which_hub_each_copy_is_from(client):
    html = get_page(client, "/", q=QUERY, mode="bm25", view="list", k=50)
    listed = [text_of(li) for li in _duplicate_lists(html)]
    # the wards in the city's order, each once, its years ascending; the hub after the ward where every
    # copy listed there states it, else before each year whose report states it
    assert "同様の記載 3件：鶴見区（平成30年度）、港北区 どろっぷ（平成29年度・平成30年度）" in listed, listed
    assert "同様の記載 3件：鶴見区（平成30年度）、港北区（平成28年度・どろっぷ 平成29年度）" in listed, listed
    one_hub = next(li for li in _duplicate_lists(html) if "平成30年度</a>・" not in li and "平成28年度" not in li)
    assert re.search(r'港北区 <span class="duplicate-hub"[^>]*>どろっぷ</span>（<a href="[^"]+" '
                     r'aria-label="港北区 どろっぷ・平成29年度の同様の記載を報告書で読む">平成29年度</a>・', one_hub), one_hub
    mixed = next(li for li in _duplicate_lists(html) if "平成28年度" in li)
    assert re.search(r'港北区（<a href="[^"]+" aria-label="港北区・平成28年度の同様の記載を報告書で読む">平成28年度</a>・'
                     r'<span class="duplicate-hub"[^>]*>どろっぷ</span> <a href="[^"]+" '
                     r'aria-label="港北区 どろっぷ・平成29年度の同様の記載を報告書で読む">平成29年度</a>）', mixed), mixed


def test_a_copy_from_a_report_stating_no_hub_names_only_its_ward_and_year(client):
    html = get_page(client, "/", q=QUERY, mode="bm25", view="list", k=50)
    li = next(li for li in _duplicate_lists(html) if "鶴見区" in li)
    tsurumi = li[li.index("鶴見区"):]
    assert tsurumi.startswith("鶴見区（<a ")
    assert 'aria-label="鶴見区・平成30年度の' in tsurumi
    assert "None" not in li and "記載なし" not in li and li.count("duplicate-hub") == 1


def test_the_api_s_duplicate_entries_carry_each_copy_s_hub(client):
    result = _copied_result(api(client, q=QUERY, mode="bm25", k=50)["results"])
    assert result["hub"] == "どろっぷ"
    by_place = {(d["ward"], d["fiscal_year_from"]): d for d in result["duplicates"]}
    assert set(by_place) == {("港北区", 2017), ("港北区", 2016), ("鶴見区", 2018)}
    assert by_place["港北区", 2017]["hub"] == "どろっぷ"
    # absent (not null) where the copy's report states none, as on a result
    assert "hub" not in by_place["港北区", 2016] and "hub" not in by_place["鶴見区", 2018]


def test_kyoten_search_json_names_each_copy_s_hub(index):
    done = subprocess.run([sys.executable, "-m", "search_app.cli", "search", QUERY, "--mode", "bm25", "--json",
                           "--index", str(index[0])], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = _copied_result(json.loads(done.stdout)["results"])
    assert sorted((d["ward"], d["fiscal_year_from"], d.get("hub")) for d in result["duplicates"]) == [
        ("港北区", 2016, None), ("港北区", 2017, "どろっぷ"), ("鶴見区", 2018, None)]


def test_the_csv_names_each_copy_s_hub_in_its_copy_column(client):
    resp = client.get("/export.csv", query_string={"q": QUERY, "mode": "bm25"})
    assert resp.status_code == 200
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    column = next(name for name in rows[0] if "同様" in name)
    copied = next(r for r in rows if r[column] and "鶴見区" in r[column] and r["拠点"] == "どろっぷ")
    names = copied[column].split("、")
    assert "港北区 どろっぷ・平成29年度（2017年度）" in names, names
    assert "港北区・平成28年度（2016年度）" in names and "鶴見区・平成30年度（2018年度）" in names


def test_a_copy_s_hub_is_escaped_in_the_duplicate_list(app, client):
    from search_app.web import get_service

    hostile = '<script>alert(1)</script>"どろっぷ&'
    with app.app_context():
        data = get_service().data
        result = _copied_result(api(client, q=QUERY, mode="bm25", k=50)["results"])
        doc_id = next(d["doc_id"] for d in result["duplicates"] if d["fiscal_year_from"] == 2017)
        doc = data.documents[doc_id]
        saved = doc["hub"]
        doc["hub"] = hostile
        try:
            html = get_page(client, "/", q=QUERY, mode="bm25", view="list", k=50)
        finally:
            doc["hub"] = saved
    li = next(li for li in _duplicate_lists(html) if "平成28年度" in li)
    assert "<script>" not in li and li.count("&lt;script&gt;") == 2   # the name and the link's label
