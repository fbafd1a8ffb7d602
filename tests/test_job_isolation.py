"""Upload-triggered reindexing runs in its own process, and search keeps
answering while it runs; a reindex process that dies fails its job with a
message an admin can act on.

The server is the real app on waitress in this process (loopback); the index is
keyword-only so the test runs in reasonable time on a loaded machine. The real
latency figures (with embeddings, 4 clients, idle vs during) come from
benchmarks/upload_latency.py, not from a timed assertion here: the bound below
(10 s per search) only catches a server that stalls for the length of a job.
"""

from __future__ import annotations

import io
import os
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest

from benchmarks.upload_latency import large_report
from search_app import jobs
from search_app.web import admin
from upload_site import AUTH, make_site, seed_index, served, yearly_report  # noqa: F401  (fixtures)

GENEROUS_BOUND = 10.0   # seconds; a stall behind the job would last as long as the job


def timed_search(base: str, q: str) -> tuple[int, float]:
    url = base + "/api/search?" + urllib.parse.urlencode({"q": q, "mode": "bm25", "k": 10})
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=60) as resp:
        resp.read()
        return resp.status, time.monotonic() - started


def test_search_keeps_answering_while_an_upload_is_reindexed(served):
    site, base = served
    report = large_report(300_000)
    resp = site.client.post("/api/admin/upload", headers=AUTH, content_type="multipart/form-data",
                            data={"files": [(io.BytesIO(report), "large_report.txt")]})
    assert resp.status_code == 202, resp.get_json()
    job_id = resp.get_json()["job"]["id"]

    answers: list[tuple[int, float]] = []
    errors: list[str] = []
    done = threading.Event()

    def client(queries):
        n = 0
        while not done.is_set():
            try:
                answers.append(timed_search(base, queries[n % len(queries)]))
            except Exception as exc:  # noqa: BLE001
                errors.append(repr(exc))
            n += 1

    clients = [threading.Thread(target=client, args=(qs,), daemon=True)
               for qs in (["多胎児", "妊娠期支援"], ["父親", "外国につながる親子"])]
    for c in clients:
        c.start()
    runner = admin.job_runner(site.app)
    seen_running = False
    deadline = time.monotonic() + 600
    while True:
        job = runner.get(job_id)
        seen_running = seen_running or (job["state"] == "running" and bool(job["pid"]))
        if job["state"] in ("done", "failed"):
            break
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
    done.set()
    for c in clients:
        c.join(GENEROUS_BOUND + 5)

    assert job["state"] == "done", job
    assert job["pid"] and job["pid"] != os.getpid()          # indexed by another process
    assert job["files"][0]["status"] == "indexed" and job["files"][0]["passages"] > 50
    assert not errors, errors[:3]
    assert len(answers) >= 5, answers                        # searches went on during the job
    assert {status for status, _ in answers} == {200}
    slowest = max(seconds for _, seconds in answers)
    assert slowest < GENEROUS_BOUND, f"a search took {slowest:.1f}s while the job ran"


def test_the_job_runs_the_reindex_command_with_the_servers_semantic_choice(tmp_path):
    keyword = jobs.JobRunner(tmp_path / "c", tmp_path / "i", semantic=False)
    semantic = jobs.JobRunner(tmp_path / "c", tmp_path / "i", semantic=True)
    try:
        cmd = keyword.command(2)
        assert cmd[:5] == [sys.executable, "-m", "search_app.cli", "reindex", "--json"]
        assert cmd[cmd.index("--corpus") + 1] == str(tmp_path / "c")
        assert cmd[cmd.index("--index") + 1] == str(tmp_path / "i")
        assert "--no-semantic" in cmd and "--no-semantic" not in semantic.command(2)
    finally:
        keyword.shutdown()
        semantic.shutdown()


@pytest.mark.parametrize("script, says", [
    ("import sys; sys.stderr.write('Traceback: something broke\\n'); sys.exit(7)", "終了コード 7"),
    ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", "SIGKILL"),
])
def test_a_reindex_process_that_dies_fails_the_job_with_its_exit_and_last_error_lines(
        tmp_path, monkeypatch, script, says):
    runner = jobs.JobRunner(tmp_path / "corpus", tmp_path / "index", semantic=False)
    monkeypatch.setattr(runner, "command", lambda lock_wait: [sys.executable, "-c", script])
    try:
        job = runner.wait(runner.submit([{"file": "a.txt", "status": "saved", "saved_as": "uploads/a.txt"}]
                                        )["id"], 60)
    finally:
        runner.shutdown()
    assert job["state"] == "failed" and says in job["error"]
    assert "ファイルは保存済み" in job["error"]
    if "sys.exit(7)" in script:
        assert "something broke" in job["error"] and job["exit_code"] == 7


def test_a_job_that_cannot_get_the_lock_in_time_fails_saying_so(site_factory_short_wait):
    from indexer import store

    site = site_factory_short_wait
    with store.reindex_lock(site.index):
        resp = site.upload(("late.txt", yearly_report("鶴見区", "カモメ体操").encode()))
        job = site.wait(resp.get_json()["job"]["id"])
    assert job["state"] == "failed" and "別の再索引" in job["error"] and "ファイルは保存済み" in job["error"]
    assert (site.corpus / "uploads" / "late.txt").is_file()


@pytest.fixture
def site_factory_short_wait(seed_index, tmp_path):  # noqa: F811
    site = make_site(seed_index, tmp_path, REINDEX_LOCK_WAIT=3)
    yield site
    admin.shutdown_jobs(site.app)


def test_a_finished_job_is_still_shown_after_a_restart_and_a_broken_journal_loses_only_history(
        tmp_path, monkeypatch):
    runner = jobs.JobRunner(tmp_path / "corpus", tmp_path / "index", semantic=False)
    monkeypatch.setattr(runner, "command", lambda lock_wait: [sys.executable, "-c", "import sys; sys.exit(7)"])
    try:
        job = runner.wait(runner.submit([{"file": "a.txt", "status": "saved", "saved_as": "uploads/a.txt"}]
                                        )["id"], 60)
    finally:
        runner.shutdown()
    assert job["state"] == "failed"
    again = jobs.JobRunner(tmp_path / "corpus", tmp_path / "index", semantic=False)   # the next server
    try:
        shown = again.get(job["id"])
        assert shown["state"] == "failed" and shown["error"] == job["error"] and shown["resumed"] == 0
    finally:
        again.shutdown()
    (tmp_path / "index" / jobs.JOURNAL_NAME).write_text("{not json", encoding="utf-8")
    fresh = jobs.JobRunner(tmp_path / "corpus", tmp_path / "index", semantic=False)
    try:
        assert fresh.recent() == [] and fresh.get(job["id"]) is None
    finally:
        fresh.shutdown()
