"""Every route under hostile input, over real HTTP on loopback (benchmarks/http_fuzz.py).

Two servers:

- the test app of tests/web_fixtures.py (keywords and vectors) served by waitress in
  this process: every read-only route (search page, JSON API, CSV export, documents,
  passages, similar, facets, health, status) with very long values, control
  characters, NUL, invalid UTF-8 percent-escapes, repeated parameters, full-width
  digits, negative and huge numbers, unknown facet values, wards and years in every
  spelling — no 5xx, no hang, errors in Japanese, JSON routes answering JSON, no
  exception logged;
- `kyoten serve` as a child process configured by environment like a deployment, over
  a copy of the seed corpus (keyword-only index, 1 MB upload limit, its own glossary
  file): the admin routes without a token, with a wrong one, without or with a stale
  CSRF token, bad JSON and wrong content types; a batch of hostile uploads; searches
  while reindex jobs run, two at once; nothing in its log is a traceback.
"""

from __future__ import annotations

import json
import logging
import re
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from benchmarks import http_fuzz
from benchmarks.http_fuzz import Case, multipart, report_text, run_cases, send
from benchmarks.upload_latency import free_port, stop_process
from servers import running
from web_fixtures import make_app

REPO = Path(__file__).resolve().parent.parent
TOKEN = "fuzz-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_MB = 1
JOB_TIMEOUT = 180.0
SEED_TERM = "多胎児"


class Errors(logging.Handler):
    """Collects the log records that carry an exception (what a 500 would log)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record):
        if record.exc_info or record.levelno >= logging.ERROR:
            self.records.append(f"{record.name}: {record.getMessage()}")


@pytest.fixture(scope="module")
def hybrid_base(index_dir):
    app = make_app(index_dir)
    with running(app, threads=4) as base:
        yield base


def test_no_read_only_route_answers_hostile_parameters_with_a_server_error(hybrid_base):
    passage_id, doc_id = http_fuzz.first_ids(hybrid_base)
    assert passage_id and doc_id
    errors = Errors()
    logging.getLogger().addHandler(errors)
    try:
        count, findings = run_cases(hybrid_base, http_fuzz.parameter_cases(passage_id, doc_id))
    finally:
        logging.getLogger().removeHandler(errors)
    assert count > 900
    assert not findings, "\n".join(map(str, findings[:40]))
    assert not errors.records, errors.records[:10]


# --------------------------------------------------------------------------- a deployment-like server

def start(corpus: Path, index: Path, root: Path) -> tuple[subprocess.Popen, str, Path]:
    glossary = root / "glossary.txt"
    shutil.copy(REPO / "indexer" / "data" / "glossary.txt", glossary)
    port = free_port()
    log = root / "server.log"
    env = dict(os.environ, KYOTEN_CORPUS=str(corpus), KYOTEN_INDEX=str(index), KYOTEN_ADMIN_TOKEN=TOKEN,
               KYOTEN_SEMANTIC="0", KYOTEN_MAX_UPLOAD_MB=str(MAX_MB), KYOTEN_GLOSSARY=str(glossary),
               HF_HUB_OFFLINE="1", PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    with open(log, "ab") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "search_app.cli", "serve", "--host", "127.0.0.1",
                                 "--port", str(port)], env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, log.read_text(errors="replace")
        status, *_ = send(base, Case("up", "GET", "/healthz"), timeout=2)
        if status == 200:
            return proc, base, log
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    from search_app.indexing import build_index

    root = tmp_path_factory.mktemp("fuzz")
    corpus, index = root / "corpus", root / "index"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("uploads"))
    build_index(corpus, index, semantic=False, full=True)
    proc, base, log = start(corpus, index, root)
    try:
        yield base, corpus, log
    finally:
        stop_process(proc)
    tracebacks = http_fuzz.log_tracebacks(log)
    assert not tracebacks, tracebacks


def call(base: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 60.0) -> tuple[int, dict | str]:
    status, hdrs, data, error = send(base, Case("call", method, path, headers or {}, body), timeout)
    assert error is None, error
    text = data.decode("utf-8", errors="replace")
    return status, json.loads(text) if "json" in hdrs.get("content-type", "") else text


def search(base: str, q: str) -> dict:
    status, body = call(base, "GET", "/api/search?" + urllib.parse.urlencode({"q": q, "mode": "bm25", "k": 50}))
    assert status == 200, body
    return body


def upload(base: str, files: list[tuple[str | bytes, bytes]]) -> tuple[int, dict]:
    body, ctype = multipart([("files", name, data, "application/octet-stream") for name, data in files])
    return call(base, "POST", "/api/admin/upload", body, {**AUTH, "Content-Type": ctype}, timeout=120)


def wait_for(base: str, job_id: str) -> dict:
    deadline = time.monotonic() + JOB_TIMEOUT
    while True:
        status, job = call(base, "GET", f"/api/admin/jobs/{job_id}", headers=AUTH)
        assert status == 200, job
        if job["state"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.2)


def found(base: str, phrase: str, timeout: float = 15.0) -> set[str]:
    """The files a keyword search finds `phrase` in, once the server serves the new generation."""
    deadline = time.monotonic() + timeout
    while True:
        files = {r["source"]["file"] for r in search(base, phrase)["results"] if phrase in r["text"]}
        if files or time.monotonic() >= deadline:
            return files
        time.sleep(0.2)


def corpus_files(corpus: Path) -> set[str]:
    return {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}


def test_token_routes_answer_hostile_bodies_with_a_japanese_4xx(deployed):
    base, _corpus, _log = deployed
    passage_id, doc_id = http_fuzz.first_ids(base)
    count, findings = run_cases(base, http_fuzz.authorised_cases(TOKEN, doc_id))
    assert count >= 10 and not findings, "\n".join(map(str, findings))


def test_a_correction_sent_as_broken_json_or_another_format_changes_nothing(deployed):
    """Broken JSON, a JSON list or an XML body used to be read as "every field empty",
    which removes what a person had set for the document, and reindexed."""
    base, corpus, _log = deployed
    _p, doc_id = http_fuzz.first_ids(base)
    status, jobs_before = call(base, "GET", "/api/admin/jobs", headers=AUTH)
    for ctype, body in (("application/json", b"{ward:"), ("application/json", b'["\xe8\xa5\xbf\xe5\x8c\xba"]'),
                        ("application/xml", b"<ward>\xe8\xa5\xbf\xe5\x8c\xba</ward>"), ("text/plain", b"ward=x")):
        status, answer = call(base, "POST", f"/api/admin/documents/{doc_id}/metadata", body,
                              {**AUTH, "Content-Type": ctype})
        assert status in (400, 415), (ctype, status, answer)
        assert "何も変更していません" in answer["error"]
    assert not list(corpus.rglob("*.meta.json"))
    status, jobs_after = call(base, "GET", "/api/admin/jobs", headers=AUTH)
    assert len(jobs_after["jobs"]) == len(jobs_before["jobs"])   # no reindex was queued


def test_a_batch_of_hostile_files_saves_the_good_ones_and_names_every_refusal(deployed):
    base, corpus, _log = deployed
    before_files = corpus_files(corpus)
    before_total = search(base, SEED_TERM)["total"]
    tag = "はちみつ"
    cases = [(n, d, want) for n, d, want in http_fuzz.hostile_files(tag, MAX_MB << 20) if want != "none"]
    status, body = upload(base, [(n, d) for n, d, _w in cases])
    assert status == 202, body
    results = body["files"]
    assert len(results) == len(cases)   # nothing dropped silently
    for (name, _data, want), result in zip(cases, results):
        assert result["status"] in ("saved", "rejected", "duplicate"), result
        if want in ("saved", "rejected"):
            assert result["status"] == want, (name, result)
        if want == "unnamed":   # a part whose header the parser could not read: named, not dropped
            assert result["status"] == "rejected" and "ファイル名を読み取れない" in result["reason"], result
        if result["status"] == "rejected":
            assert result["reason"] and http_fuzz.in_japanese(result["reason"]), result
        if result["status"] == "saved":
            assert result["saved_as"].startswith("uploads/") and "/" not in result["saved_as"][8:]
            assert (corpus / result["saved_as"]).is_file()
    saved = {r["saved_as"] for r in results if r["status"] == "saved"}
    assert len(saved) == sum(r["status"] == "saved" for r in results)   # no two files on one name
    added = corpus_files(corpus) - before_files
    assert added == saved   # nothing written anywhere else
    job = wait_for(base, body["job"]["id"])
    assert job["state"] == "done", job
    by_name = dict(zip([r["file"] for r in results], job["files"]))
    for entry in job["files"]:
        assert entry["status"] in ("indexed", "rejected", "duplicate"), entry
        if entry["status"] == "rejected":
            assert entry["reason"], entry
    indexed = [e for e in job["files"] if e["status"] == "indexed"]
    assert len(indexed) >= sum(want == "saved" for *_x, want in cases)
    # the good files are searchable by their own phrase; the old index still answers
    for i in (1, 4, 6, 7, 14):
        phrase = f"{tag}ふぁずさんぷる{i}ごう"
        assert found(base, phrase), phrase
    assert search(base, SEED_TERM)["total"] == before_total
    assert by_name  # (per-file results line up with the batch)


def test_too_many_files_or_too_many_bytes_are_refused_whole_with_the_limits(deployed):
    base, corpus, _log = deployed
    before = corpus_files(corpus)
    status, body = upload(base, [(f"many{i}.txt", report_text(f"たくさん{i}")) for i in range(51)])
    assert status == 400 and "50 ファイルまで" in body["error"]
    status, body = upload(base, [(f"big{i}.txt", b"x" * ((MAX_MB << 20) - 10)) for i in range(7)])
    assert status == 413 and "大きすぎます" in body["error"]
    assert corpus_files(corpus) == before


class Prober(threading.Thread):
    """Searches a seed word until stopped; every answer must be a 200 with results."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.stop, self.answers, self.bad = base, threading.Event(), 0, []

    def run(self):
        url = "/api/search?" + urllib.parse.urlencode({"q": SEED_TERM, "mode": "bm25", "k": 5})
        while not self.stop.is_set():
            status, _h, data, error = send(self.base, Case("probe", "GET", url), timeout=30)
            if error or status != 200 or not json.loads(data)["total"]:
                self.bad.append(error or f"{status} {data[:200]!r}")
            self.answers += 1
            time.sleep(0.02)


def test_searches_answer_while_two_reindex_jobs_are_asked_for_at_once(deployed):
    base, corpus, _log = deployed
    prober = Prober(base)
    prober.start()
    outcomes: dict[str, tuple[int, dict]] = {}

    def send_one(name: str, phrase: str):
        outcomes[name] = upload(base, [(name, report_text(phrase, "南区"))])

    _p, doc_id = http_fuzz.first_ids(base)
    status, doc = call(base, "GET", f"/api/documents/{doc_id}")
    ward = doc["document"]["ward"]   # a correction that changes nothing the searches see
    threads = [threading.Thread(target=send_one, args=("同時A.txt", "らっこたいそうA")),
               threading.Thread(target=send_one, args=("同時B.txt", "らっこたいそうB"))]
    for t in threads:
        t.start()
    status, correction = call(base, "POST", f"/api/admin/documents/{doc_id}/metadata",
                              json.dumps({"ward": ward}).encode(),
                              {**AUTH, "Content-Type": "application/json"})
    for t in threads:
        t.join(120)
    try:
        assert status == 202, correction
        jobs = [wait_for(base, outcomes[n][1]["job"]["id"]) for n in ("同時A.txt", "同時B.txt")]
        jobs.append(wait_for(base, correction["job"]["id"]))
        assert [j["state"] for j in jobs] == ["done"] * 3, jobs
        assert found(base, "らっこたいそうA") == {"uploads/同時A.txt"}
        assert found(base, "らっこたいそうB") == {"uploads/同時B.txt"}
    finally:
        prober.stop.set()
        prober.join(30)
        side = next(iter(corpus.rglob("*.meta.json")), None)
        if side is not None:   # leave the corpus as the other tests expect it
            side.unlink()
    assert prober.answers > 5 and not prober.bad, prober.bad[:5]


def test_a_corrupt_file_among_good_ones_is_named_and_the_old_index_keeps_serving(deployed):
    base, corpus, _log = deployed
    before = search(base, SEED_TERM)["total"]
    status, body = upload(base, [("良い報告1.txt", report_text("かものはしA")), ("壊れた.docx", http_fuzz.corrupt_zip()),
                                 ("良い報告2.txt", report_text("かものはしB"))])
    assert status == 202 and [f["status"] for f in body["files"]] == ["saved"] * 3
    job = wait_for(base, body["job"]["id"])
    states = {f["file"]: f for f in job["files"]}
    assert states["良い報告1.txt"]["status"] == states["良い報告2.txt"]["status"] == "indexed"
    assert states["壊れた.docx"]["status"] == "rejected" and states["壊れた.docx"]["reason"]
    assert found(base, "かものはしA") and found(base, "かものはしB")
    assert search(base, SEED_TERM)["total"] == before
    assert not (corpus / "uploads" / "壊れた.docx").exists()   # set aside, not lost:
    assert any(p.name.endswith("壊れた.docx") for p in (corpus / "uploads" / ".rejected").iterdir())


class Session:
    """A browser's cookies and the forms' CSRF token, over urllib."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()),
                                                  _NoRedirect())
        self.csrf = self.token_of(self.get("/admin/")[1])

    @staticmethod
    def token_of(html: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def _open(self, req) -> tuple[int, str, dict]:
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status, resp.read().decode("utf-8", errors="replace"), dict(resp.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", errors="replace"), dict(exc.headers)

    def get(self, path: str) -> tuple[int, str]:
        status, text, _h = self._open(urllib.request.Request(self.base + path))
        return status, text

    def post(self, path: str, fields: dict | None = None, body: bytes | None = None,
             ctype: str = "application/x-www-form-urlencoded") -> tuple[int, str, dict]:
        data = body if body is not None else urllib.parse.urlencode(fields or {}).encode()
        return self._open(urllib.request.Request(self.base + path, data=data, headers={"Content-Type": ctype}))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_admin_forms_refuse_stale_csrf_and_bad_fields_and_keep_the_glossary_valid(deployed):
    base, corpus, _log = deployed
    before = corpus_files(corpus)
    stale = Session(base).csrf          # another browser's token
    s = Session(base)
    status, _text, headers = s.post("/admin/login", {"csrf_token": s.csrf, "admin_token": TOKEN,
                                                      "next": "//evil.example/"})
    assert status == 303 and headers["Location"].endswith("/admin/")   # never an open redirect
    body, ctype = multipart([("csrf_token", "", stale.encode(), ""),
                             ("files", "a.txt", report_text("きつねたいそう"), "text/plain")])
    status, text, _h = s.post("/admin/upload", body=body, ctype=ctype)
    assert status == 400 and "有効期限" in text
    for fields in ({"ward": "千代田区"}, {"year": "令和99年度"}, {"ward_0": "\x00"}, {"year_0": "R5", "year_to_0": "令和99年度"},
                   {"doc_type": "x" * 10_000}):
        parts = [("csrf_token", "", s.csrf.encode(), "")] + [(k, "", v.encode(), "") for k, v in fields.items()]
        body, ctype = multipart(parts + [("files", "a.txt", report_text("きつねたいそう"), "text/plain")])
        status, text, _h = s.post("/admin/upload", body=body, ctype=ctype)
        assert status == 400 and "保存していません" in text, (fields, status)
    assert corpus_files(corpus) == before
    for text in ("\x00\x01", "a > b > c", "多胎児 双子\n" * 20_000, "双子 " * 50_000, "> 孤立", "\ufffd \ufffe"):
        status, page, _h = s.post("/admin/glossary", {"csrf_token": s.csrf, "glossary": text})
        assert status in (200, 400), (text[:20], status)
        assert "Traceback" not in page
    status, result = call(base, "GET", "/api/search?" + urllib.parse.urlencode({"q": "双子", "mode": "bm25"}))
    assert status == 200 and result["total"] > 0   # whatever was saved, searching still works
    status, _p, _h = s.post("/admin/glossary/restore", {"csrf_token": s.csrf, "version": "../../etc/passwd"})
    assert status == 404


def test_a_file_whose_name_the_form_parser_cannot_read_is_named_not_dropped(deployed):
    """A raw line break in a part's file name: the multipart parser reads the part as a
    plain field, and the batch answered for the other file only (the second one vanished)."""
    base, corpus, _log = deployed
    body, ctype = multipart([("files", "改行A.txt", report_text("かいぎょうA"), "text/plain"),
                             ("files", "line\nbreak.txt", report_text("かいぎょうB"), "text/plain")])
    status, answer = call(base, "POST", "/api/admin/upload", body, {**AUTH, "Content-Type": ctype})
    assert status == 202, answer
    assert [f["status"] for f in answer["files"]] == ["saved", "rejected"]
    assert "ファイル名を読み取れない" in answer["files"][1]["reason"]
    assert answer["rejected"] == 1
    wait_for(base, answer["job"]["id"])


def test_a_batch_whose_form_cannot_be_read_is_refused_as_unreadable_not_as_no_file_chosen(deployed):
    """A file name sent in Shift_JIS makes the multipart parser drop the whole form: the
    answer said 「ファイルが選択されていません」 for a batch of files."""
    base, corpus, _log = deployed
    before = corpus_files(corpus)
    body, ctype = multipart([("files", "good.txt", report_text("らてんA"), "text/plain"),
                             ("files", "報告".encode("cp932") + b".txt", report_text("らてんB"), "text/plain")])
    status, answer = call(base, "POST", "/api/admin/upload", body, {**AUTH, "Content-Type": ctype})
    assert status == 400 and "読み取れなかった" in answer["error"] and "選択されていません" not in answer["error"]
    assert corpus_files(corpus) == before
    status, answer = call(base, "POST", "/api/admin/upload", b"", {**AUTH, "Content-Type": ctype})
    assert status == 400 and "選択されていません" in answer["error"]   # nothing sent: nothing chosen


def test_admin_routes_refuse_missing_or_wrong_tokens_and_stale_csrf_in_japanese(deployed):
    """Last: its wrong tokens count toward the client's limit."""
    base, corpus, _log = deployed
    before = corpus_files(corpus)
    _p, doc_id = http_fuzz.first_ids(base)
    count, findings = run_cases(base, http_fuzz.admin_cases(doc_id))
    assert count >= 20 and not findings, "\n".join(map(str, findings))
    assert corpus_files(corpus) == before


@pytest.mark.parametrize("path", ["/", "/export.csv"])
@pytest.mark.parametrize("field", ["year_from", "year_to"])
@pytest.mark.parametrize("value", ["令和99年度", "R0", "平成32年度"])
def test_an_impossible_era_year_typed_in_the_year_fields_is_a_400_naming_the_era_range(client, path, field, value):
    """These were 500s: the era check's exception escaped the page's year fields."""
    resp = client.get(path, query_string={"q": "多胎児", field: value})
    assert resp.status_code == 400
    assert "解釈できません" in resp.get_data(as_text=True) and "年度" in resp.get_data(as_text=True)


def test_an_impossible_era_year_in_a_year_range_link_is_a_400_not_a_500(client):
    resp = client.get("/", query_string={"q": "多胎児", "year": "R0-R5"})
    assert resp.status_code == 400 and 'value="R0-R5"' in resp.get_data(as_text=True)
