"""Uploaders and admins can say what a report's text does not: ward, fiscal
year, document type. Set at upload (API fields, per file or for the batch) or
corrected later from the document page; stored beside the file as its sidecar;
shown in results; kept by every reindex.

Same set-up as test_uploads.py: a copy of the seed corpus and its keyword-only
index per test, real reindex jobs (a child process each).
"""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest

from indexer import sidecar
from search_app.indexing import build_index
from search_app.web import admin
from upload_site import (AUTH, JOB_TIMEOUT, NO_WARD_REPORT, TERM, TOKEN, csrf_from, make_site,  # noqa: F401
                         seed_index, yearly_report)


@pytest.fixture
def site(seed_index, tmp_path):  # noqa: F811
    s = make_site(seed_index, tmp_path)
    yield s
    admin.shutdown_jobs(s.app)


def upload(site, files, **fields):
    data = {"files": [(io.BytesIO(content), name) for name, content in files], **fields}
    return site.client.post("/api/admin/upload", data=data, content_type="multipart/form-data", headers=AUTH)


def hits_of(site, file: str, q: str = TERM) -> list[dict]:
    assert site.finds(q, file), site.search(q)
    return [r for r in site.search(q)["results"] if r["source"]["file"] == file]


def document(site, doc_id: str) -> dict:
    resp = site.client.get(f"/api/documents/{doc_id}")
    assert resp.status_code == 200
    return resp.get_json()["document"]


def login(site) -> str:
    """Log this test client in as admin; returns a CSRF token for later forms."""
    csrf = csrf_from(site.client.get("/admin/").get_data(as_text=True))
    resp = site.client.post("/admin/login", data={"csrf_token": csrf, "admin_token": TOKEN})
    assert resp.status_code == 303
    return csrf


# ----------------------------------------------------------------------------- at upload

def test_ward_and_year_set_at_upload_are_shown_in_results_for_a_report_that_names_neither(site):
    resp = upload(site, [("hub.txt", NO_WARD_REPORT.encode())], ward="西区", year="令和3年度")
    assert resp.status_code == 202, resp.get_json()
    f = resp.get_json()["files"][0]
    assert f["metadata"] == {"ward": "西区", "fiscal_year_from": 2021, "fiscal_year_to": 2021}
    stored = json.loads((site.corpus / "uploads" / "hub.txt.meta.json").read_text(encoding="utf-8"))
    assert stored["ward"] == "西区" and stored["fiscal_year_from"] == 2021
    job = site.wait(resp.get_json()["job"]["id"])
    assert job["files"][0]["status"] == "indexed"

    hits = hits_of(site, "uploads/hub.txt")
    assert hits and {r["ward"] for r in hits} == {"西区"}
    assert {r["fiscal_year_from"] for r in hits} == {2021}
    assert site.search(TERM, ward="西区")["total"] >= len(hits)   # the ward filter finds it
    doc = document(site, job["files"][0]["doc_id"])
    assert doc["metadata_source"]["ward"] == "person" and doc["metadata_source"]["fiscal_years"] == "person"
    page = site.client.get(f"/documents/{doc['doc_id']}").get_data(as_text=True)
    assert "手入力" in page and "西区" in page


def test_a_reindex_keeps_what_the_uploader_set(site):
    resp = upload(site, [("hub.txt", NO_WARD_REPORT.encode())], ward="西区", year="令和3年度")
    site.wait(resp.get_json()["job"]["id"])
    build_index(site.corpus, site.index, semantic=False, full=True)   # from scratch
    hits = hits_of(site, "uploads/hub.txt")
    assert {r["ward"] for r in hits} == {"西区"} and {r["fiscal_year_from"] for r in hits} == {2021}


def test_per_file_fields_override_the_batch_fields(site):
    other = NO_WARD_REPORT.replace("ハリネズミ", "モモンガ")
    resp = upload(site, [("a.txt", NO_WARD_REPORT.encode()), ("b.txt", other.encode())],
                  ward="西区", year="2021", ward_1="中区", doc_type_1="単年度評価")
    assert resp.status_code == 202, resp.get_json()
    a, b = resp.get_json()["files"]
    assert a["metadata"] == {"ward": "西区", "fiscal_year_from": 2021, "fiscal_year_to": 2021}
    assert b["metadata"] == {"ward": "中区", "fiscal_year_from": 2021, "fiscal_year_to": 2021,
                             "doc_type": "単年度評価"}
    site.wait(resp.get_json()["job"]["id"])
    assert {r["ward"] for r in hits_of(site, "uploads/b.txt", "モモンガ遊び")} == {"中区"}


def test_an_upload_without_metadata_writes_no_sidecar(site):
    resp = upload(site, [("plain.txt", yearly_report("栄区", "ラクダ体操").encode())])
    assert resp.get_json()["files"][0]["metadata"] is None
    assert [p.name for p in (site.corpus / "uploads").iterdir()] == ["plain.txt"]


@pytest.mark.parametrize("fields, says", [
    ({"ward": "川崎区"}, "区「川崎区」は使えません"),
    ({"year": "令和99年度"}, "年度"),
    ({"year": "そのうち"}, "解釈できません"),
    ({"doc_type": "議事録"}, "種別"),
    ({"ward": "西区", "ward_1": "地区"}, "b.txt"),
])
def test_bad_metadata_is_a_400_in_japanese_and_nothing_is_saved(site, fields, says):
    resp = upload(site, [("a.txt", NO_WARD_REPORT.encode()), ("b.txt", b"x" + NO_WARD_REPORT.encode())],
                  **fields)
    assert resp.status_code == 400 and resp.is_json
    assert says in resp.get_json()["error"] and "保存していません" in resp.get_json()["error"]
    assert not (site.corpus / "uploads").exists()


def test_the_upload_form_takes_ward_and_year_for_the_batch(site):
    page = site.client.get("/admin/").get_data(as_text=True)
    assert 'name="ward"' in page and 'name="year"' in page and 'name="doc_type"' in page
    resp = site.client.post("/admin/upload", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page), "admin_token": TOKEN, "ward": "西区", "year": "R3",
        "files": [(io.BytesIO(NO_WARD_REPORT.encode()), "form.txt")]}, follow_redirects=True)
    assert resp.status_code == 200
    assert sidecar.read(site.corpus / "uploads" / "form.txt").ward == "西区"
    bad = site.client.post("/admin/upload", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page), "ward": "西区", "year": "令和99年度",
        "files": [(io.BytesIO(b"y" + NO_WARD_REPORT.encode()), "bad.txt")]})
    assert bad.status_code == 400 and "年度" in bad.get_data(as_text=True)
    assert 'value="令和99年度"' in bad.get_data(as_text=True)   # what was typed is kept
    assert not (site.corpus / "uploads" / "bad.txt").exists()


# ----------------------------------------------------------------------------- corrections on the document page

def seed_doc_id(site, source: str = "000_8f4773b09691ae88.txt") -> str:
    results = site.search("泉区", k=100)["results"]
    return next(r["doc_id"] for r in results if r["source"]["file"] == source)


def test_the_correction_form_is_shown_only_to_a_logged_in_admin(site):
    doc_id = seed_doc_id(site)
    assert "区・年度・種別を修正する" not in site.client.get(f"/documents/{doc_id}").get_data(as_text=True)
    login(site)
    page = site.client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "区・年度・種別を修正する" in page and 'name="csrf_token"' in page


def test_an_admin_corrects_the_ward_from_the_document_page_and_search_shows_it(site):
    doc_id = seed_doc_id(site)
    csrf = login(site)
    resp = site.client.post(f"/admin/documents/{doc_id}/metadata",
                            data={"csrf_token": csrf, "ward": "瀬谷区", "year": "", "doc_type": ""})
    assert resp.status_code == 303
    job_id = re.search(r"/admin/jobs/([0-9a-f]{32})", resp.headers["Location"]).group(1)
    job = admin.job_runner(site.app).wait(job_id, JOB_TIMEOUT)
    assert job["state"] == "done", job
    assert sidecar.read(site.corpus / "000_8f4773b09691ae88.txt").to_dict() == {"ward": "瀬谷区"}
    # the job page counts the corrected report as read again, not as unchanged
    job_page = site.client.get(f"/admin/jobs/{job_id}").get_data(as_text=True)
    assert "読み直し 1 件" in job_page

    doc = document(site, doc_id)
    assert doc["ward"] == "瀬谷区" and doc["metadata_source"]["ward"] == "person"
    assert doc["metadata_source"]["fiscal_years"] == "detected"
    page = site.client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "手入力" in page and 'value="瀬谷区"' in page
    # results follow the correction
    hits = [r for r in site.search("親になる前の支援", ward="瀬谷区")["results"] if r["doc_id"] == doc_id]
    assert hits and {r["ward"] for r in hits} == {"瀬谷区"}

    # emptying the field gives the detected ward back
    site.client.post(f"/admin/documents/{doc_id}/metadata", data={"csrf_token": csrf, "ward": ""})
    admin.job_runner(site.app).wait(admin.job_runner(site.app).recent(1)[0]["id"], JOB_TIMEOUT)
    assert not (site.corpus / "000_8f4773b09691ae88.txt.meta.json").exists()
    assert document(site, doc_id)["ward"] == "泉区"


def test_a_correction_without_the_csrf_token_or_login_changes_nothing(site):
    doc_id = seed_doc_id(site)
    anonymous = site.client.post(f"/admin/documents/{doc_id}/metadata", data={"ward": "西区"})
    assert anonymous.status_code == 401
    login(site)
    forged = site.client.post(f"/admin/documents/{doc_id}/metadata", data={"ward": "西区"})
    assert forged.status_code == 400
    assert not list(site.corpus.glob("*.meta.json"))


def test_a_bad_correction_is_explained_on_the_document_page(site):
    doc_id = seed_doc_id(site)
    csrf = login(site)
    resp = site.client.post(f"/admin/documents/{doc_id}/metadata",
                            data={"csrf_token": csrf, "ward": "交付区", "year": "令和3年度"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "交付区" in html and "使えません" in html
    assert not list(site.corpus.glob("*.meta.json"))


def test_the_api_corrects_metadata_with_the_token(site):
    doc_id = seed_doc_id(site)
    resp = site.client.post(f"/api/admin/documents/{doc_id}/metadata", headers=AUTH,
                            json={"ward": "西区", "year": "令和5年度"})
    assert resp.status_code == 202, resp.get_json()
    assert resp.get_json()["metadata"] == {"ward": "西区", "fiscal_year_from": 2023, "fiscal_year_to": 2023}
    assert site.client.post(f"/api/admin/documents/{doc_id}/metadata", json={"ward": "西区"}).status_code == 401
    assert site.client.post("/api/admin/documents/nope/metadata", headers=AUTH,
                            json={"ward": "西区"}).status_code == 404


@pytest.mark.parametrize("source", ["../outside.txt", "/etc/passwd", "uploads/../../outside.txt",
                                    "000_8f4773b09691ae88.txt.meta.json", ""])
def test_a_correction_never_writes_outside_the_corpus(site, source):
    (site.root / "outside.txt").write_text("外のファイル", encoding="utf-8")
    with site.app.test_request_context("/"):
        with pytest.raises(admin.MetadataError):
            admin.document_source({"source": source})


def test_a_file_moved_with_its_sidecar_keeps_the_correction(site):
    resp = upload(site, [("hub.txt", NO_WARD_REPORT.encode())], ward="西区", year="令和3年度")
    site.wait(resp.get_json()["job"]["id"])
    moved = site.corpus / "archive"
    moved.mkdir()
    for name in ("hub.txt", "hub.txt.meta.json"):
        shutil.move(site.corpus / "uploads" / name, moved / name)
    build_index(site.corpus, site.index, semantic=False)
    assert {r["ward"] for r in hits_of(site, "archive/hub.txt")} == {"西区"}
