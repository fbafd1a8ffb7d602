"""Report uploads through the admin API and page: bad input, tokens, CSRF,
duplicates, safe names, size limits, and the background reindex job.

Every test works on its own copy of the real seed corpus and of a keyword-only
index of it (`SEMANTIC: False`, fast; the upload and job code paths are the
same with embeddings). Reindexing is real: jobs run `kyoten reindex` in a
child process and the tests poll the job API until it is done.

The request only makes cheap checks (name, size, empty, the container a format
must have); what needs parsing (binary text, no text layer, zip bombs) is
refused by the job, per file, and the file is moved out of the corpus.
"""

from __future__ import annotations

import io
import os
import re
import time

import pytest

from indexer import store
from search_app.uploads import UploadRejected, safe_filename
from search_app.web import admin
from upload_site import (AUTH, HTML_WITH_SCRIPTS, JOB_TIMEOUT, KAWASAKI_SHEET, SEED_FILE, TOKEN,  # noqa: F401
                         csrf_from, docx_bytes, one, pdf_without_text, seed_index, site, site_factory,
                         yearly_report, zip_bomb_docx)


# ----------------------------------------------------------------------------- bad input, one file each

def test_empty_file_is_rejected_with_its_name(site):
    resp = site.upload(("空の報告.txt", b""))
    assert resp.status_code == 200          # nothing saved: no job
    body = resp.get_json()
    f = one(body)
    assert f["file"] == "空の報告.txt" and f["status"] == "rejected" and "空のファイル" in f["reason"]
    assert body["job"] is None and not (site.corpus / "uploads").exists()


def refused_by_the_job(site, name: str, data: bytes) -> dict:
    """Upload one file the request accepts; the job refuses it. Returns its job entry."""
    body, job = site.upload_and_index((name, data))
    assert one(body)["status"] == "saved", body
    assert job["state"] == "done", job
    (entry,) = job["files"]
    assert entry["file"] == name and entry["status"] == "rejected" and entry["reason"], entry
    assert not (site.corpus / "uploads" / name).exists()          # out of the corpus …
    assert (site.corpus / entry["set_aside"]).read_bytes() == data  # … but not lost
    return entry


def test_random_binary_renamed_txt_is_refused_by_the_job_as_binary(site):
    noise = bytes(range(256)) * 64 + os.urandom(4096)
    assert "バイナリ" in refused_by_the_job(site, "scan.txt", noise)["reason"]


def test_a_refused_upload_is_not_reported_again_by_the_next_reindex(site):
    refused_by_the_job(site, "noise.txt", os.urandom(8192))
    _, job = site.upload_and_index(("next.txt", yearly_report("緑区", "リス体操").encode()))
    assert job["summary"]["failed"] == [] and job["summary"]["removed"] == ["uploads/noise.txt"]


@pytest.mark.parametrize("codec, expected, term", [
    ("shift_jis", "cp932", "コアラ体操"),
    ("euc_jp", "euc_jp", "カピバラ体操"),
    ("utf-16", "utf_16", "アルパカ体操"),
])
def test_legacy_encodings_are_decoded_and_searchable_after_the_job(site, codec, expected, term):
    name = f"栄区_{codec}.txt"
    body, job = site.upload_and_index((name, yearly_report("栄区", term).encode(codec)))
    f = one(body)
    assert f["status"] == "saved" and f["saved_as"] == f"uploads/{name}"
    assert job["state"] == "done"
    assert job["files"][0]["status"] == "indexed" and job["files"][0]["passages"] >= 4
    doc = site.client.get(f"/api/documents/{job['files'][0]['doc_id']}").get_json()["document"]
    assert doc["encoding"] == expected
    assert site.finds(term, f"uploads/{name}")
    hits = [r for r in site.search(term)["results"] if r["source"]["file"] == f"uploads/{name}"]
    assert hits and all(r["ward"] == "栄区" for r in hits)
    assert any(term in r["text"] for r in hits)  # decoded, not mojibake


def test_html_page_with_scripts_is_indexed_without_the_script_text(site):
    body, job = site.upload_and_index(("nishi.html", HTML_WITH_SCRIPTS.encode("utf-8")))
    assert one(body)["status"] == "saved" and job["files"][0]["status"] == "indexed"
    assert site.finds("カワウソ広場", "uploads/nishi.html")
    for r in site.search("ラッコ秘密呪文")["results"]:
        assert r["source"]["file"] != "uploads/nishi.html"
        assert "ラッコ秘密呪文" not in r["text"]


def test_pdf_without_text_layer_is_refused_by_the_job_saying_ocr_is_needed(site):
    assert "OCR" in refused_by_the_job(site, "scan.pdf", pdf_without_text())["reason"]


@pytest.mark.parametrize("name, data, says", [
    ("report.pdf", "これはPDFではありません".encode(), "PDFファイルではありません"),
    ("report.docx", "これはWordではありません".encode(), "ZIP形式ではありません"),
    ("report.odt", "これはOpenDocumentではありません".encode(), "ZIP形式ではありません"),
    ("report.ods", b"%PDF-1.4 not a sheet", "中身はPDF"),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000, "旧形式"),
    ("blank.txt", b" \r\n\t \n", "空白文字しか"),
])
def test_a_file_that_is_not_its_format_is_refused_in_the_request(site, name, data, says):
    resp = site.upload((name, data))
    f = one(resp.get_json())
    assert resp.status_code == 200 and f["status"] == "rejected" and says in f["reason"]
    assert not (site.corpus / "uploads").exists()


def test_docx_is_searchable_after_the_job(site):
    data = docx_bytes("青葉区地域子育て支援拠点 令和6年度の取組",
                      "ビーバー積み木広場を開き、親子で積み木遊びを楽しみました。",
                      "ビーバー積み木広場には延べ60組が参加しました。")
    body, job = site.upload_and_index(("青葉区の取組.docx", data))
    assert one(body)["format"] == "docx" and job["files"][0]["status"] == "indexed"
    assert site.finds("ビーバー積み木広場", "uploads/青葉区の取組.docx")


def test_file_over_the_size_limit_is_rejected_and_the_rest_of_the_batch_indexed(site_factory):
    site = site_factory(MAX_UPLOAD_BYTES=64 * 1024)
    big = ("とても長い報告書です。" * 4000).encode("utf-8")  # ~120 KB
    body, job = site.upload_and_index(("big.txt", big),
                                      ("small.txt", yearly_report("緑区", "ゾウさん体操").encode("utf-8")))
    big_result, small_result = body["files"]
    assert big_result["file"] == "big.txt" and big_result["status"] == "rejected"
    assert "大きすぎます" in big_result["reason"] and "64 KB" in big_result["reason"]
    assert small_result["status"] == "saved" and job["files"][1]["status"] == "indexed"
    assert site.finds("ゾウさん体操", "uploads/small.txt")
    assert not (site.corpus / "uploads" / "big.txt").exists()


def test_request_over_the_upload_limit_is_413_json_with_a_clear_message(site_factory):
    site = site_factory(MAX_UPLOAD_REQUEST_BYTES=100 * 1024)
    resp = site.upload(("huge.txt", ("あ" * 60_000).encode("utf-8")))
    assert resp.status_code == 413 and resp.is_json
    assert "大きすぎます" in resp.get_json()["error"] and "100 KB" in resp.get_json()["error"]
    assert not (site.corpus / "uploads").exists()


def test_form_over_the_upload_limit_is_a_413_page_not_a_500(site_factory):
    site = site_factory(MAX_UPLOAD_REQUEST_BYTES=100 * 1024)
    csrf = csrf_from(site.client.get("/admin/").get_data(as_text=True))
    resp = site.client.post("/admin/upload", content_type="multipart/form-data", data={
        "csrf_token": csrf, "admin_token": TOKEN,
        "files": [(io.BytesIO(("あ" * 60_000).encode("utf-8")), "huge.txt")]})
    assert resp.status_code == 413 and "大きすぎます" in resp.get_data(as_text=True)
    assert not (site.corpus / "uploads").exists()


def test_zip_bomb_docx_is_not_inflated_in_the_request_and_is_refused_by_the_job(site):
    entry = refused_by_the_job(site, "bomb.docx", zip_bomb_docx())
    assert "zip bomb" in entry["reason"] or "大きすぎ" in entry["reason"]


def test_path_traversal_names_never_write_outside_uploads(site):
    before = site.tree()
    body, job = site.upload_and_index(
        ("../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\n"),
        ("../../outside.txt", yearly_report("南区", "ペリカン体操").encode("utf-8")),
        ("..\\..\\windows.txt", yearly_report("南区", "フラミンゴ体操").encode("utf-8")),
        ("/tmp/absolute.txt", yearly_report("南区", "ダチョウ体操").encode("utf-8")),
    )
    passwd, outside, windows, absolute = body["files"]
    assert passwd["file"] == "../../etc/passwd" and passwd["status"] == "rejected"
    assert "対応していない形式" in passwd["reason"]
    assert outside["saved_as"] == "uploads/outside.txt"
    assert windows["saved_as"] == "uploads/windows.txt"
    assert absolute["saved_as"] == "uploads/absolute.txt"
    added = site.tree() - before
    assert added == {"corpus/uploads/outside.txt", "corpus/uploads/windows.txt", "corpus/uploads/absolute.txt"}
    assert job["state"] == "done" and site.finds("ペリカン体操", "uploads/outside.txt")


def test_control_characters_are_dropped_from_the_name_and_japanese_kept(site):
    raw = "港北区\x07報告\x1b\u202e書\x7f.txt"
    body, job = site.upload_and_index((raw, yearly_report("港北区", "イルカ体操").encode("utf-8")))
    f = one(body)
    assert f["saved_as"] == "uploads/港北区報告書.txt"
    assert not any(ord(ch) < 32 or ch in "\x7f\u202e" for ch in f["file"])
    assert (site.corpus / "uploads" / "港北区報告書.txt").is_file()
    assert job["files"][0]["status"] == "indexed"


def test_another_citys_format_becomes_searchable_paragraph_passages(site):
    body, job = site.upload_and_index(("kawasaki_nakahara_r5.txt", KAWASAKI_SHEET.encode("utf-8")))
    assert job["files"][0]["status"] == "indexed" and job["files"][0]["passages"] >= 2
    assert site.finds("オランウータン絵本の会", "uploads/kawasaki_nakahara_r5.txt")
    hits = [r for r in site.search("オランウータン絵本の会")["results"]
            if r["source"]["file"] == "uploads/kawasaki_nakahara_r5.txt"]
    assert hits and {r["section"] for r in hits} == {"other"}
    assert any("延べ240組" in r["text"] for r in hits)


def test_a_bad_batch_names_every_failure_and_loses_nothing_else(site):
    before = site.search("多胎児")
    noise = os.urandom(8192)
    body, job = site.upload_and_index(
        ("empty.txt", b""),
        ("noise.txt", noise),
        ("scan.pdf", pdf_without_text()),
        ("notes.exe", b"MZ\x90\x00"),
        ("good.txt", yearly_report("瀬谷区", "パンダ体操").encode("cp932")),
    )
    # refused in the request: what is certain from the name and the first bytes
    reasons = {f["file"]: f["reason"] for f in body["files"] if f["status"] == "rejected"}
    assert set(reasons) == {"empty.txt", "notes.exe"} and all(reasons.values())
    assert body["saved"] == 3 and body["rejected"] == 2
    # refused by the job: what needs reading the file
    by_name = {f["file"]: f for f in job["files"]}
    assert by_name["good.txt"]["status"] == "indexed"
    assert all(by_name[n]["status"] == "rejected" and by_name[n]["reason"]
               for n in ("empty.txt", "notes.exe", "noise.txt", "scan.pdf"))
    assert {f["file"] for f in job["summary"]["failed"]} == {"uploads/noise.txt", "uploads/scan.pdf"}
    assert site.finds("パンダ体操", "uploads/good.txt")
    after = site.search("多胎児")   # the existing index still answers, unchanged
    assert after["total"] == before["total"] > 0
    assert job["summary"]["unchanged"] == 5
    assert sorted(p.name for p in (site.corpus / "uploads").iterdir() if p.is_file()) == ["good.txt"]


# ----------------------------------------------------------------------------- tokens and CSRF

def test_uploads_disabled_without_a_configured_token(site_factory):
    site = site_factory(ADMIN_TOKEN=None)
    resp = site.upload(("a.txt", "テスト".encode()))
    assert resp.status_code == 403 and "KYOTEN_ADMIN_TOKEN" in resp.get_json()["error"]
    html = site.client.get("/admin/").get_data(as_text=True)
    assert "アップロードは無効" in html and 'type="file"' not in html
    assert site.client.get("/api/admin/jobs/x", headers=AUTH).status_code == 403
    assert not (site.corpus / "uploads").exists()


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"X-Admin-Token": "wrong"},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_missing_or_wrong_token_is_refused(site, headers):
    resp = site.upload(("a.txt", yearly_report("中区", "トラ体操").encode()), headers=headers)
    assert resp.status_code in (401, 403) and resp.is_json and resp.get_json()["error"]
    assert not (site.corpus / "uploads").exists()


def test_x_admin_token_header_is_accepted(site):
    resp = site.upload(("a.txt", yearly_report("中区", "トラ体操").encode()), headers={"X-Admin-Token": TOKEN})
    assert resp.status_code == 202 and resp.get_json()["job"]["state"] in ("queued", "running", "done")


def test_job_api_needs_the_token_and_knows_its_jobs(site):
    assert site.client.get("/api/admin/jobs/anything").status_code == 401
    assert site.client.get("/api/admin/jobs/nope", headers=AUTH).status_code == 404
    body, job = site.upload_and_index(("a.txt", yearly_report("中区", "トラ体操").encode()))
    assert job["id"] == body["job"]["id"] and job["state"] == "done"
    assert job["started"] and job["finished"] and job["run_seconds"] is not None
    assert set(job["summary"]) >= {"added", "changed", "removed", "failed", "passages", "seconds"}
    assert job["summary"]["added"] == ["uploads/a.txt"]
    listed = site.client.get("/api/admin/jobs", headers=AUTH).get_json()["jobs"]
    assert [j["id"] for j in listed] == [job["id"]]


def test_form_post_without_csrf_token_is_400_and_saves_nothing(site):
    site.client.get("/admin/")
    resp = site.client.post("/admin/upload", content_type="multipart/form-data", data={
        "admin_token": TOKEN, "files": [(io.BytesIO(yearly_report("中区", "トラ体操").encode()), "a.txt")]})
    assert resp.status_code == 400 and "再読み込み" in resp.get_data(as_text=True)
    assert not (site.corpus / "uploads").exists()


def test_form_post_with_wrong_token_is_401(site):
    csrf = csrf_from(site.client.get("/admin/").get_data(as_text=True))
    resp = site.client.post("/admin/upload", content_type="multipart/form-data", data={
        "csrf_token": csrf, "admin_token": "wrong",
        "files": [(io.BytesIO(yearly_report("中区", "トラ体操").encode()), "a.txt")]})
    assert resp.status_code == 401 and "トークンが正しくありません" in resp.get_data(as_text=True)
    assert not (site.corpus / "uploads").exists()


def test_form_upload_shows_the_job_page_which_the_session_can_reload(site):
    page = site.client.get("/admin/").get_data(as_text=True)
    assert 'type="password"' in page and 'multiple' in page and TOKEN not in page
    resp = site.client.post("/admin/upload", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page), "admin_token": TOKEN,
        "files": [(io.BytesIO(yearly_report("中区", "トラ体操").encode()), "中区.txt"),
                  (io.BytesIO(b""), "empty.txt")]}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "中区.txt" in html and "empty.txt" in html and "空のファイル" in html
    job_id = re.search(r"<code>([0-9a-f]{32})</code>", html).group(1)
    admin.job_runner(site.app).wait(job_id, JOB_TIMEOUT)
    job_html = site.client.get(f"/admin/jobs/{job_id}").get_data(as_text=True)
    assert "完了" in job_html and "索引に追加" in job_html and TOKEN not in job_html
    assert site.app.test_client().get(f"/admin/jobs/{job_id}").status_code == 401  # another browser


# ----------------------------------------------------------------------------- duplicates and names

def test_identical_reupload_is_recognised_as_a_duplicate(site):
    seed = (site.corpus / SEED_FILE).read_bytes()
    resp = site.upload(("copy-of-izumi.txt", seed))
    f = one(resp.get_json())
    assert resp.status_code == 200 and f["status"] == "duplicate" and f["same_as"] == SEED_FILE
    assert "重複" in f["reason"] and not (site.corpus / "uploads").exists()

    data = yearly_report("都筑区", "キリン体操").encode()
    first, _ = site.upload_and_index(("tsuzuki.txt", data))
    again = one(site.upload(("tsuzuki-again.txt", data)).get_json())
    assert one(first)["status"] == "saved"
    assert again["status"] == "duplicate" and again["same_as"] == "uploads/tsuzuki.txt"
    assert sorted(p.name for p in (site.corpus / "uploads").iterdir()) == ["tsuzuki.txt"]


def test_same_file_twice_in_one_batch_is_saved_once(site):
    data = yearly_report("都筑区", "キリン体操").encode()
    body = site.upload(("a.txt", data), ("b.txt", data)).get_json()
    assert [f["status"] for f in body["files"]] == ["saved", "duplicate"]
    assert body["files"][1]["same_as"] == "uploads/a.txt"


def test_same_name_different_content_is_not_overwritten(site):
    first = yearly_report("金沢区", "カメ体操").encode()
    second = yearly_report("金沢区", "ウサギ体操").encode()
    site.upload_and_index(("金沢区.txt", first))
    body, job = site.upload_and_index(("金沢区.txt", second))
    assert one(body)["saved_as"] == "uploads/金沢区-2.txt"
    assert (site.corpus / "uploads" / "金沢区.txt").read_bytes() == first
    assert (site.corpus / "uploads" / "金沢区-2.txt").read_bytes() == second
    assert site.finds("カメ体操", "uploads/金沢区.txt")
    assert site.finds("ウサギ体操", "uploads/金沢区-2.txt")


def test_without_hard_links_a_different_file_is_still_never_overwritten(site, monkeypatch):
    import errno

    def no_links(src, dst):
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    first, second = yearly_report("旭区", "タヌキ体操").encode(), yearly_report("旭区", "キツネ体操").encode()
    saved = [one(site.upload(("旭区.txt", data)).get_json())["saved_as"] for data in (first, second)]
    assert saved == ["uploads/旭区.txt", "uploads/旭区-2.txt"]
    assert (site.corpus / "uploads" / "旭区.txt").read_bytes() == first
    assert [p.name for p in (site.corpus / "uploads").iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("raw, safe", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\職員\\泉区報告.TXT", "泉区報告.txt"),
    ("泉区　報告  書.docx", "泉区 報告 書.docx"),
    (".hidden.txt", "hidden.txt"),
    ("...txt.html", "txt.html"),
    ("-rf.pdf", "rf.pdf"),
    ("a<b>c:d|e?f*g\".htm", "a_b_c_d_e_f_g_.htm"),
    ("CON.txt", "_CON.txt"),
    (".txt", "upload.txt"),
    ("報告\u200b書\u202e.txt", "報告書.txt"),
])
def test_safe_filename_keeps_japanese_and_strips_everything_dangerous(raw, safe):
    assert safe_filename(raw) == safe


def test_safe_filename_limits_length_in_bytes():
    name = safe_filename("子育て" * 200 + ".txt")
    assert name.endswith(".txt") and len(name.encode("utf-8")) <= 200
    assert name.startswith("子育て")


@pytest.mark.parametrize("raw", ["../../etc/passwd", "report.exe", "report.txt.sh", "", None, "../"])
def test_safe_filename_refuses_unsupported_formats(raw):
    with pytest.raises(UploadRejected) as info:
        safe_filename(raw)
    assert "対応していない形式" in info.value.reason


# ----------------------------------------------------------------------------- the job and the reindex lock

def test_job_waits_for_a_reindex_holding_the_lock_instead_of_failing(site):
    """A `kyoten reindex` running at the same time (simulated by holding its lock)
    delays the job; it does not fail it, and search keeps answering meanwhile."""
    with store.reindex_lock(site.index):
        resp = site.upload(("wait.txt", yearly_report("保土ケ谷区", "シマウマ体操").encode()))
        job_id = resp.get_json()["job"]["id"]
        deadline = time.monotonic() + JOB_TIMEOUT
        while not (site.job(job_id)["note"] or "").startswith("別の再索引"):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert site.job(job_id)["state"] == "running"
        assert site.search("多胎児")["total"] > 0
        assert "uploads/wait.txt" not in site.files_found("シマウマ体操")
    job = site.wait(job_id)
    assert job["state"] == "done" and job["note"] is None
    assert site.finds("シマウマ体操", "uploads/wait.txt")


def test_jobs_queue_and_run_one_at_a_time(site):
    ids = [site.upload((f"q{i}.txt", yearly_report("磯子区", f"ヤギ体操{i}号").encode())).get_json()["job"]["id"]
           for i in range(3)]
    jobs = [site.wait(i) for i in ids]
    assert all(j["state"] == "done" for j in jobs)
    spans = sorted((j["started"], j["finished"]) for j in jobs)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # no overlap
    for i in range(3):
        assert jobs[i]["files"][0]["status"] == "indexed"


