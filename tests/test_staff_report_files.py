"""What the staff who upload an archive meet, over real HTTP (reliab15's walk).

`kyoten serve` runs as a subprocess on 127.0.0.1 over a copy of the seed corpus and
a keyword-only index, configured by environment (tests/test_upload_e2e.py). Covered:

- a batch whose every file was refused is still explained, file by file, after a
  server restart, and is listed on the admin page (it was kept in memory only);
- a file name holding a double quote, sent as some clients send it (unescaped),
  is saved and reported under its own name — not cut at the quote (a wrong name,
  or a wrong reason, or the file silently missing from the answer);
- a report removed or replaced on its document page leaves search after the
  reindex: no passage of the old version is found, its document page is gone,
  and the old file is kept aside, not deleted;
- a server killed with its reindex child in the middle of a job comes back on
  the last complete generation, says the job was interrupted and runs it again.
"""

from __future__ import annotations

import os
import re
import signal
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

from benchmarks.upload_latency import stop_process
from search_app.uploads import sent_filename
from admin_api import AdminSession, bearer, http, multipart, upload as upload_as, wait_for_job as wait_for_job_as
from servers import seed_copy, start_server
from web_fixtures import report

TOKEN = "staff-files-" + uuid.uuid4().hex
AUTH = bearer(TOKEN)

SEED_LONG = Path(__file__).resolve().parent.parent / "corpus" / "002_1e0f9424e05a3b67.txt"


def hits(base: str, phrase: str) -> list[dict]:
    status, result = http("GET", base + "/api/search?" + urllib.parse.urlencode(
        {"q": phrase, "mode": "bm25", "k": 50}))
    assert status == 200, result
    return [r for r in result["results"] if phrase in r["text"]]


def settled_hits(base: str, phrase: str, want_any: bool, timeout: float = 15.0) -> list[dict]:
    """The hits once the server has switched to the job's generation (it looks
    about once a second): wait until hits are found (want_any) or gone."""
    deadline = time.monotonic() + timeout
    while True:
        found = hits(base, phrase)
        if bool(found) == want_any or time.monotonic() >= deadline:
            return found
        time.sleep(0.2)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("staff-files")
    corpus, index = seed_copy(root)
    proc, base = start_server(corpus, index, root / "server.log", TOKEN)
    try:
        yield base, corpus, index
    finally:
        stop_process(proc)


def upload(base: str, files: list[tuple[str, bytes]]) -> dict:
    status, answer = upload_as(base, TOKEN, files)
    assert status in (200, 202), answer
    return answer


def wait_for_job(base: str, job_id: str, until=("done", "failed")) -> dict:
    return wait_for_job_as(base, job_id, TOKEN, until)


def indexed(base: str, name: str, phrase: str) -> tuple[str, dict]:
    """Upload one report and wait until it is searchable; (its doc_id, its job)."""
    answer = upload(base, [(name, report(phrase))])
    job = wait_for_job(base, answer["job"]["id"])
    assert job["state"] == "done" and job["files"][0]["status"] == "indexed", job
    assert settled_hits(base, phrase, want_any=True)
    return job["files"][0]["doc_id"], job


# --------------------------------------------------------------------------- refused batches

def test_a_refused_batch_is_still_explained_file_by_file_after_a_server_restart(tmp_path):
    corpus, index = seed_copy(tmp_path)
    proc, base = start_server(corpus, index, tmp_path / "server1.log", TOKEN)
    try:
        browser = AdminSession(base, TOKEN, login=True)
        status, where, page = browser.post_form("/admin/upload", {}, [
            ("files", "空の報告.txt", b""), ("files", "報告.exe", b"MZ\x90\x00")])
        assert status == 200 and re.search(r"/admin/uploads/[0-9a-f]{32}$", where), where
    finally:
        stop_process(proc)
    proc, base = start_server(corpus, index, tmp_path / "server2.log", TOKEN)   # a new secret key: log in again
    try:
        browser = AdminSession(base, TOKEN, login=True)
        status, _url, page = browser.open(urllib.parse.urlparse(where).path)
        text = text_of(page)
        assert status == 200, text
        assert "空の報告.txt" in text and "空のファイルです" in text
        assert "報告.exe" in text and "対応していない形式です" in text
        listed = text_of(browser.open("/admin/")[2])
        assert "取り込めませんでした" in listed and "空の報告.txt" in listed and "報告.exe" in listed
    finally:
        stop_process(proc)


# --------------------------------------------------------------------------- names with a double quote

@pytest.mark.parametrize("header, name", [
    ('form-data; name="files"; filename="報告"2023".txt"', '報告"2023".txt'),
    ('form-data; name="files"; filename="".txt"', '".txt'),
    ('form-data; name="files"; filename="a"b.txt"; size=3', 'a"b.txt'),
    ('form-data; name="files"; filename="a\\"b.txt"', 'a"b.txt'),
    ('form-data; name="files"; filename="ok.txt"', "ok.txt"),
    ("form-data; name=\"files\"; filename=\"x.txt\"; filename*=UTF-8''%E5%A0%B1%22x%22.txt", '報"x".txt'),
])
def test_a_file_name_cut_at_an_unescaped_quote_is_read_whole_from_the_header(header, name):
    from werkzeug.http import parse_options_header

    assert sent_filename(header, parse_options_header(header)[1].get("filename")) == name


def test_a_file_name_whose_end_cannot_be_told_is_reported_unreadable_not_guessed():
    header = 'form-data; name="files"; filename="a"b.txt"; other="c"'
    assert sent_filename(header, "a") is None


def test_a_file_whose_name_holds_a_double_quote_is_saved_and_reported_under_its_own_name(served):
    base, corpus, _index = served
    phrase = "クォート名の親子体操"
    answer = upload(base, [('報告"最終版".txt', report(phrase)), ('"2024".txt', report(phrase + "二"))])
    first, second = answer["files"]
    assert first["file"] == '報告"最終版".txt' and first["status"] == "saved", first
    assert second["file"] == '"2024".txt' and second["status"] == "saved", second   # was missing altogether
    job = wait_for_job(base, answer["job"]["id"])
    assert [f["status"] for f in job["files"]] == ["indexed", "indexed"], job
    assert {h["source"]["file"] for h in settled_hits(base, phrase, want_any=True)} == {
        first["saved_as"], second["saved_as"]}


def test_a_report_sent_under_the_name_of_a_different_one_is_saved_beside_it_and_says_so(served):
    base, corpus, _index = served
    first = upload(base, [("同名の報告.txt", report("同名一のイタチ体操"))])
    wait_for_job(base, first["job"]["id"])
    second = upload(base, [("同名の報告.txt", report("同名二のイタチ体操"))])
    (entry,) = second["files"]
    assert entry["status"] == "saved" and entry["saved_as"] == "uploads/同名の報告-2.txt", entry
    assert "uploads/同名の報告.txt" in entry["renamed"] and "差し替える" in entry["renamed"]
    job = wait_for_job(base, second["job"]["id"])
    assert job["files"][0]["status"] == "indexed" and job["files"][0]["renamed"] == entry["renamed"]
    assert "同名一" in (corpus / "uploads" / "同名の報告.txt").read_text(encoding="utf-8")   # never overwritten


# --------------------------------------------------------------------------- removing and replacing a report

def test_removing_a_report_on_its_page_drops_it_and_every_passage_from_search(served):
    base, corpus, _index = served
    phrase = "削除予定のカメ体操"
    doc_id, job = indexed(base, "削除する報告.txt", phrase)
    browser = AdminSession(base, TOKEN, login=True)
    page = browser.open(f"/documents/{doc_id}")[2]
    assert "報告書のファイルを差し替える・削除する" in page
    status, _url, refused = browser.post_form(f"/admin/documents/{doc_id}/delete", {}, csrf_from=f"/documents/{doc_id}")
    assert status == 400 and "確認するチェック" in text_of(refused)      # nothing done without the tick
    assert hits(base, phrase)
    status, where, page = browser.post_form(f"/admin/documents/{doc_id}/delete", {"confirm": "1"},
                                            csrf_from=f"/documents/{doc_id}")
    assert status == 200 and "/admin/jobs/" in where, where
    assert "検索対象から削除し" in text_of(page)   # 削除します while it runs, 削除しました once done
    removal = wait_for_job(base, where.rsplit("/", 1)[1])
    assert removal["state"] == "done" and removal["summary"]["removed"] == [job["files"][0]["saved_as"]], removal
    assert settled_hits(base, phrase, want_any=False) == []
    assert browser.open(f"/documents/{doc_id}")[0] == 404
    status, _body = http("GET", f"{base}/api/documents/{doc_id}")
    assert status == 404
    assert not (corpus / job["files"][0]["saved_as"]).exists()
    kept = list((corpus / "uploads" / ".removed").glob("*削除する報告.txt"))
    assert len(kept) == 1 and phrase in kept[0].read_text(encoding="utf-8")


def test_replacing_a_report_on_its_page_searches_only_the_new_version(served):
    base, corpus, _index = served
    old_phrase, new_phrase = "差替前のウサギ体操", "差替後のリス体操"
    doc_id, job = indexed(base, "差し替える報告.txt", old_phrase)
    saved_as = job["files"][0]["saved_as"]
    browser = AdminSession(base, TOKEN, login=True)
    status, where, page = browser.post_form(f"/admin/documents/{doc_id}/replace", {}, [
        ("file", "差し替える報告_修正版.txt", report(new_phrase))], csrf_from=f"/documents/{doc_id}")
    assert status == 200 and "/admin/jobs/" in where, text_of(page)
    replacement = wait_for_job(base, where.rsplit("/", 1)[1])
    assert replacement["state"] == "done", replacement
    (entry,) = replacement["files"]
    assert entry["status"] == "indexed" and entry["saved_as"] == saved_as, entry   # same extension: same name
    assert {h["source"]["file"] for h in settled_hits(base, new_phrase, want_any=True)} == {saved_as}
    assert hits(base, old_phrase) == []                                   # no passage of the old version
    assert browser.open(f"/documents/{doc_id}")[0] == 404                 # its document id was its content's
    kept = list((corpus / "uploads" / ".removed").glob("*差し替える報告.txt"))
    assert len(kept) == 1 and old_phrase in kept[0].read_text(encoding="utf-8")


def test_replacing_a_report_with_a_file_that_is_not_its_format_changes_nothing(served):
    base, corpus, _index = served
    phrase = "差替失敗のクマ体操"
    doc_id, job = indexed(base, "そのままの報告.txt", phrase)
    browser = AdminSession(base, TOKEN, login=True)
    status, _url, page = browser.post_form(f"/admin/documents/{doc_id}/replace", {}, [
        ("file", "新しい版.pdf", b"not a pdf at all")], csrf_from=f"/documents/{doc_id}")
    assert status == 400 and "PDFファイルではありません" in text_of(page) and "何も変更していません" in text_of(page)
    assert phrase in (corpus / job["files"][0]["saved_as"]).read_text(encoding="utf-8")
    assert hits(base, phrase)


# --------------------------------------------------------------------------- a crash in the middle of a reindex

def test_a_server_killed_with_its_reindex_comes_back_on_the_last_generation_and_reruns_the_job(tmp_path):
    from indexer import store

    corpus, index = seed_copy(tmp_path)
    before = store.current_name(index)
    phrase = "停電中のペンギン体操"
    batch = [(f"停電_{i:02d}.txt", report(f"{phrase}{i:02d}")) for i in range(30)]
    # and one long report (a seed report forty times over, ~2.8 MB), so the reindex is still
    # running when the server is killed, however fast the machine
    batch.append(("停電_長い報告.txt", SEED_LONG.read_bytes() * 40))
    proc, base = start_server(corpus, index, tmp_path / "server1.log", TOKEN)
    try:
        answer = upload(base, batch)
        job = wait_for_job(base, answer["job"]["id"], until=("running",))
        deadline = time.monotonic() + 30
        while job.get("pid") is None and time.monotonic() < deadline:
            job = wait_for_job(base, answer["job"]["id"], until=("running",))
        child = job["pid"]
    finally:
        proc.kill()                                    # the server and its reindex child die together
        proc.wait()
    try:
        os.kill(child, signal.SIGKILL)
    except ProcessLookupError:
        pass
    assert store.current_name(index) == before, "the reindex published before the kill: make SEED_LONG longer"
    proc, base = start_server(corpus, index, tmp_path / "server2.log", TOKEN)
    try:
        status, result = http("GET", base + "/api/search?" + urllib.parse.urlencode({"q": "多胎児", "k": 5}))
        assert status == 200 and result["results"]           # the last complete generation answers
        job = wait_for_job(base, answer["job"]["id"])
        assert job["state"] == "done" and job["resumed"] == 1 and "再起動" in job["note"], job
        assert [f["status"] for f in job["files"]] == ["indexed"] * 31
        assert len({h["source"]["file"] for h in settled_hits(base, phrase + "29", want_any=True)}) == 1
        assert not list(index.glob(".building-*"))            # the killed build's folder is gone
    finally:
        stop_process(proc)


# --------------------------------------------------------------------------- an archive sent the wrong way

def test_a_zip_of_reports_is_refused_with_the_advice_to_unpack_it(served):
    import io
    import zipfile

    base, corpus, _index = served
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("泉区_R5.txt", report("圧縮のテン体操").decode("utf-8"))
    (entry,) = upload(base, [("報告書一式.zip", buf.getvalue())])["files"]
    assert entry["status"] == "rejected" and "展開して" in entry["reason"], entry


def test_a_batch_of_more_files_than_allowed_says_none_was_saved(served):
    base, corpus, _index = served
    before = set((corpus / "uploads").rglob("*")) if (corpus / "uploads").exists() else set()
    body, ctype = multipart("files", [(f"多すぎ_{i}.txt", report(f"多すぎ{i}")) for i in range(51)])
    status, answer = http("POST", base + "/api/admin/upload", body, {**AUTH, "Content-Type": ctype})
    assert status == 400 and "50 ファイルまで" in answer["error"] and "どのファイルも保存していません" in answer["error"]
    after = set((corpus / "uploads").rglob("*")) if (corpus / "uploads").exists() else set()
    assert after == before


def test_a_report_replaced_by_another_format_keeps_the_ward_a_person_set(served):
    base, corpus, _index = served
    from upload_site import docx_bytes

    phrase, new_phrase = "様式替えのシカ体操", "様式替え後のシカ体操"
    body, ctype = multipart("files", [("様式替え.txt", f"拠点の取組\n\n毎月{phrase}を開きました。\n".encode())])
    boundary = ctype.split("boundary=")[1]
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="ward"\r\n\r\n金沢区\r\n').encode() + body
    status, answer = http("POST", base + "/api/admin/upload", body, {**AUTH, "Content-Type": ctype})
    assert status == 202, answer
    job = wait_for_job(base, answer["job"]["id"])
    doc_id = job["files"][0]["doc_id"]
    docx, ctype = multipart("file", [("様式替え.docx", docx_bytes("拠点の取組", f"毎月{new_phrase}を開きました。"))])
    status, replaced = http("POST", f"{base}/api/admin/documents/{doc_id}/replace", docx, {**AUTH, "Content-Type": ctype})
    assert status == 202, replaced
    job = wait_for_job(base, replaced["job"]["id"])
    (entry,) = job["files"]
    assert entry["status"] == "indexed" and entry["saved_as"] == "uploads/様式替え.docx", entry
    assert not (corpus / "uploads" / "様式替え.txt").exists()
    assert not (corpus / "uploads" / "様式替え.txt.meta.json").exists()
    assert {h["ward"] for h in settled_hits(base, new_phrase, want_any=True)} == {"金沢区"}
    assert hits(base, phrase) == []


def test_removing_or_replacing_a_report_without_the_admin_token_changes_nothing(served):
    base, corpus, _index = served
    phrase = "守られたキツネ体操"
    doc_id, job = indexed(base, "守られた報告.txt", phrase)
    wrong = {"Authorization": "Bearer not-the-token"}
    status, answer = http("POST", f"{base}/api/admin/documents/{doc_id}/delete", b"", wrong)
    assert status == 401, answer
    body, ctype = multipart("file", [("x.txt", report("別の内容"))])
    status, answer = http("POST", f"{base}/api/admin/documents/{doc_id}/replace", body, {**wrong, "Content-Type": ctype})
    assert status == 401, answer
    browser = AdminSession(base, TOKEN)                         # a browser that never logged in
    status, _url, page = browser.post_form(f"/admin/documents/{doc_id}/delete", {"confirm": "1"})
    assert status == 401 and "ログイン" in text_of(page)
    assert phrase in (corpus / job["files"][0]["saved_as"]).read_text(encoding="utf-8")
    assert hits(base, phrase)
