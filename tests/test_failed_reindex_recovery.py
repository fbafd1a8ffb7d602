"""A report whose reindex failed can still be brought into search by staff who upload.

An upload saves its files, then a reindex job reads them. When that job fails (its process
killed by the OOM killer or a restart of the machine, a disk error), the file sits in the
corpus, unsearchable, and the job page said only 「ファイルは保存済みです」 and 「あとで kyoten
reindex を実行してください」 — which staff without a shell cannot do. What they do instead is send
the file again: it was answered 「重複 … 保存しませんでした（再索引は行いません）」, and the report
stayed out of search for good. Now sending it again indexes it, and a failed job's page has a
「索引の更新をやり直す」 button (and `POST /api/admin/jobs/<id>/retry`).
"""

from __future__ import annotations

import sys

from upload_site import AUTH, csrf_from, one, seed_index, site, yearly_report  # noqa: F401 (fixtures)

from search_app.web import admin

TERM = "カピバラ体操"
REPORT = yearly_report("西区", TERM).encode("utf-8")
KILLED = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"]


def _first_reindex_killed(site, monkeypatch) -> None:
    """The next job's reindex process dies as the OOM killer ends it; later ones run."""
    runner = admin.job_runner(site.app)
    real = runner.command
    once = iter([KILLED])
    monkeypatch.setattr(runner, "command", lambda lock_wait: next(once, None) or real(lock_wait))


def _failed_upload(site, monkeypatch) -> dict:
    _first_reindex_killed(site, monkeypatch)
    body, job = site.upload_and_index(("kapibara.txt", REPORT))
    assert one(body)["status"] == "saved"
    assert job["state"] == "failed", job
    assert not site.files_found(TERM)
    return job


def _login(site) -> None:
    csrf = csrf_from(site.client.get("/admin/").get_data(as_text=True))
    resp = site.client.post("/admin/login", data={"csrf_token": csrf, "admin_token": admin_token()})
    assert resp.status_code == 303, resp.get_data(as_text=True)


def admin_token() -> str:
    return AUTH["Authorization"].split(" ", 1)[1]


def test_a_report_whose_reindex_failed_is_indexed_when_staff_send_it_again(site, monkeypatch):
    _failed_upload(site, monkeypatch)
    body, job = site.upload_and_index(("kapibara.txt", REPORT))
    sent = one(body)
    assert sent["status"] == "duplicate"
    assert "まだ索引に入っていない" in sent["reason"] and "索引を更新します" in sent["reason"]
    assert "索引を更新します" in body["message"]
    assert job is not None and job["state"] == "done", job
    assert job["files"][0]["status"] == "indexed" and job["files"][0]["passages"] > 0, job["files"]
    assert site.finds(TERM, "uploads/kapibara.txt")


def test_a_duplicate_of_an_indexed_report_still_starts_no_reindex(site):
    body, job = site.upload_and_index(("kapibara.txt", REPORT))
    assert job["state"] == "done"
    again = site.upload(("kapibara.txt", REPORT)).get_json()
    assert one(again)["status"] == "duplicate" and "まだ索引" not in one(again)["reason"]
    assert again["job"] is None and "再索引は行いません" in again["message"]


def test_a_failed_reindex_can_be_run_again_from_its_job_page(site, monkeypatch):
    failed = _failed_upload(site, monkeypatch)
    anonymous = site.app.test_client().post(f"/admin/jobs/{failed['id']}/retry", data={})
    assert anonymous.status_code == 401 and "ログインが必要です" in anonymous.get_data(as_text=True)
    _login(site)
    page = site.client.get(f"/admin/jobs/{failed['id']}").get_data(as_text=True)
    assert "索引の更新をやり直す" in page
    # a form without its CSRF token changes nothing
    refused = site.client.post(f"/admin/jobs/{failed['id']}/retry", data={})
    assert refused.status_code == 400 and "何も変更していません" in refused.get_data(as_text=True)
    resp = site.client.post(f"/admin/jobs/{failed['id']}/retry", data={"csrf_token": csrf_from(page)})
    assert resp.status_code == 303, resp.get_data(as_text=True)
    new_id = resp.headers["Location"].rstrip("/").split("/")[-1]
    assert new_id != failed["id"]
    job = site.wait(new_id)
    assert job["state"] == "done" and "やり直します" in job["reason"] and job["retry_of"] == failed["id"], job
    retried_page = site.client.get(f"/admin/jobs/{new_id}").get_data(as_text=True)
    assert "件を保存しました" not in retried_page   # a retry saved nothing; its reason says what it does
    assert job["files"][0]["status"] == "indexed", job["files"]
    assert site.finds(TERM, "uploads/kapibara.txt")
    # a job that did not fail has nothing to do again
    done_page = site.client.get(f"/admin/jobs/{new_id}").get_data(as_text=True)
    assert "索引の更新をやり直す" not in done_page
    again = site.client.post(f"/admin/jobs/{new_id}/retry", data={"csrf_token": csrf_from(page)})
    assert again.status_code == 409 and "やり直す必要はありません" in again.get_data(as_text=True)


def test_a_failed_reindex_can_be_run_again_through_the_api(site, monkeypatch):
    failed = _failed_upload(site, monkeypatch)
    assert site.client.post(f"/api/admin/jobs/{failed['id']}/retry").status_code == 401
    resp = site.client.post(f"/api/admin/jobs/{failed['id']}/retry", headers=AUTH)
    assert resp.status_code == 202, resp.get_json()
    job = site.wait(resp.get_json()["job"]["id"])
    assert job["state"] == "done" and job["files"][0]["status"] == "indexed"
    assert site.client.post("/api/admin/jobs/nosuchjob/retry", headers=AUTH).status_code == 404
