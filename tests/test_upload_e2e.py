"""Acceptance test for "batch reindexing on new uploads", over real HTTP.

`kyoten serve` (waitress) runs as a subprocess on a free port of 127.0.0.1,
configured only by environment (KYOTEN_CORPUS, KYOTEN_INDEX,
KYOTEN_ADMIN_TOKEN) like a deployment. A Shift_JIS copy of seed report 000
with its ward and years changed (泉区 → 栄区, 令和5年度 → 令和6年度) and a phrase
no report contains (ペンギン体操教室) is uploaded through the API with the
token; the job is polled until done; the phrase is then found, in 栄区. A second
thread queries /api/search the whole time: every answer is a 200, and it sees
the new report appear without a restart.

The index is keyword-only (KYOTEN_SEMANTIC=0) so the test runs in seconds;
with embeddings the job takes longer but the upload, job and generation-switch
code paths are the same.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

from admin_api import http, multipart, wait_for_job
from benchmarks.upload_latency import stop_process
from servers import seed_copy, start_server

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = "000_8f4773b09691ae88.txt"
TOKEN = "e2e-" + uuid.uuid4().hex
PHRASE = "ペンギン体操教室"
UPLOAD_NAME = "栄区_令和6年度_評価.txt"


def sakae_report() -> bytes:
    """Seed report 000 (泉区, 令和5年度) turned into 栄区, 令和6年度, with the unique phrase, in Shift_JIS."""
    text = (REPO / "corpus" / SEED_FILE).read_text(encoding="utf-8")
    assert "泉区" in text and "令和5年度" in text
    text = text.replace("令和6年", "令和7年").replace("令和5年", "令和6年").replace("泉区", "栄区")
    marker = "取組内容\t"
    at = text.index(marker) + len(marker)
    text = text[:at] + f"<p>毎月{PHRASE}を開き、親子で体を動かす楽しさを伝えました。</p> " + text[at:]
    return text.encode("cp932")


@pytest.fixture
def server(tmp_path):
    """`kyoten serve` on a free port over a copy of the seed corpus and a fresh index."""
    corpus, index = seed_copy(tmp_path)
    proc, base = start_server(corpus, index, tmp_path / "server.log", TOKEN)
    try:
        yield base, corpus
    finally:
        stop_process(proc)


class SearchProbe(threading.Thread):
    """Queries /api/search in a loop until stopped; records (status, phrase found)."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.url = base + "/api/search?" + urllib.parse.urlencode({"q": PHRASE, "mode": "bm25", "k": 20})
        self.stop = threading.Event()
        self.answers: list[tuple[int, bool]] = []
        self.errors: list[str] = []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                status, body = http("GET", self.url, timeout=10)
                found = any(PHRASE in r["text"] for r in body.get("results", []))
                self.answers.append((status, found))
            except Exception as exc:  # a refused or broken connection is a failure too
                self.errors.append(repr(exc))
            time.sleep(0.02)


def test_uploaded_shift_jis_report_becomes_searchable_while_search_keeps_answering(server):
    base, corpus = server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    probe = SearchProbe(base)
    probe.start()
    try:
        time.sleep(0.3)  # some answers from the index before the upload
        body, ctype = multipart("files", [(UPLOAD_NAME, sakae_report())])
        status, answer = http("POST", base + "/api/admin/upload", body, {**auth, "Content-Type": ctype})
        assert status == 202, answer
        (saved,) = answer["files"]
        assert saved["status"] == "saved"
        assert saved["saved_as"] == f"uploads/{UPLOAD_NAME}"
        assert (corpus / "uploads" / UPLOAD_NAME).is_file()

        job = wait_for_job(base, answer["job_url"].rsplit("/", 1)[1], TOKEN)
        assert job["state"] == "done", job
        assert job["summary"]["added"] == [f"uploads/{UPLOAD_NAME}"] and not job["summary"]["failed"]
        assert job["files"][0]["status"] == "indexed" and job["files"][0]["passages"] > 10
        status, doc = http("GET", base + f"/api/documents/{job['files'][0]['doc_id']}")
        assert status == 200 and doc["document"]["encoding"] == "cp932"

        # The server notices the new generation within about a second, no restart.
        deadline = time.monotonic() + 15
        while True:
            status, result = http("GET", base + "/api/search?" + urllib.parse.urlencode(
                {"q": PHRASE, "mode": "bm25", "k": 10}))
            assert status == 200
            hits = [r for r in result["results"] if PHRASE in r["text"]]
            if hits:
                break
            assert time.monotonic() < deadline, result
            time.sleep(0.2)
        assert {r["ward"] for r in hits} == {"栄区"}
        assert hits[0]["source"]["file"] == f"uploads/{UPLOAD_NAME}"
        assert hits[0]["fiscal_year_from"] == 2024
        time.sleep(0.3)  # some answers after the switch
    finally:
        probe.stop.set()
        probe.join(15)

    assert not probe.errors, probe.errors[:3]
    statuses = [s for s, _ in probe.answers]
    assert len(statuses) >= 10 and set(statuses) == {200}
    found = [f for _, f in probe.answers]
    # The same running server answered before (phrase absent) and after (present) the switch.
    assert found[0] is False and found[-1] is True
    assert found == sorted(found)  # once visible, never gone again

    # Without the token the upload is refused, over HTTP too.
    body, ctype = multipart("files", [("x.txt", "テスト".encode())])
    status, err = http("POST", base + "/api/admin/upload", body, {"Content-Type": ctype})
    assert status == 401 and err["error"]


def test_an_upload_whose_job_a_server_crash_cut_off_is_indexed_by_the_next_server(tmp_path):
    """The server is killed (SIGKILL) while the upload's job waits for the reindex
    lock; the file is already saved. The next server finds the job in its journal,
    runs it again, and the same job URL reports it done, saying it was resumed."""
    from indexer import store

    corpus, index = seed_copy(tmp_path)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with store.reindex_lock(index):              # another reindex holds the index
        proc, base = start_server(corpus, index, tmp_path / "server1.log", TOKEN)
        try:
            body, ctype = multipart("files", [(UPLOAD_NAME, sakae_report())])
            status, answer = http("POST", base + "/api/admin/upload", body, {**auth, "Content-Type": ctype})
            assert status == 202, answer
            job_path = answer["job_url"]
            job = wait_for_job(base, job_path.rsplit("/", 1)[1], TOKEN, until=("running",))
        finally:
            proc.kill()                          # a crash: no shutdown code runs
            proc.wait()
    assert (corpus / "uploads" / UPLOAD_NAME).is_file()

    proc, base = start_server(corpus, index, tmp_path / "server2.log", TOKEN)
    try:
        job = wait_for_job(base, job_path.rsplit("/", 1)[1], TOKEN)
        assert job["state"] == "done", job
        assert job["resumed"] == 1 and "再起動" in job["note"]
        assert job["files"][0]["status"] == "indexed"
        status, result = http("GET", base + "/api/search?" + urllib.parse.urlencode(
            {"q": PHRASE, "mode": "bm25", "k": 10}))
        assert status == 200 and {r["ward"] for r in result["results"] if PHRASE in r["text"]} == {"栄区"}
    finally:
        stop_process(proc)
