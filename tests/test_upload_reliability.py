"""What a staff member meets when uploading reports, over real HTTP.

`kyoten serve` (waitress) runs as a subprocess over a copy of the seed corpus
and a keyword-only index, configured by environment like a deployment (see
tests/test_upload_e2e.py); one server serves the whole module, each test
uses phrases and file names of its own. Covered: the same file twice (one
after the other and at the same moment), names with ``../``, full-width
characters or great length, a zero-byte file, an upload while another
reindex holds the index, two uploads at once, and a batch with a corrupt
file (the others indexed, the bad one named in the job and on the admin
pages). Search during a reindex answering from the old generation is
tests/test_upload_e2e.py's subject.
"""

from __future__ import annotations

import io
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

from admin_api import AdminSession, http, upload as upload_as, wait_for_job as wait_for_job_as
from benchmarks.upload_latency import stop_process
from servers import seed_copy, start_server
from web_fixtures import report

REPO = Path(__file__).resolve().parent.parent
TOKEN = "reliability-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("reliability")
    corpus, index = seed_copy(root)
    proc, base = start_server(corpus, index, root / "server.log", TOKEN)
    try:
        yield base, corpus, index, root
    finally:
        stop_process(proc)


def upload(base: str, files: list[tuple[str, bytes]], **fields) -> tuple[int, dict]:
    return upload_as(base, TOKEN, files, **fields)


def wait_for_job(base: str, job_id: str, until=("done", "failed")) -> dict:
    return wait_for_job_as(base, job_id, TOKEN, until)


def found_in(base: str, phrase: str, timeout: float = 15.0) -> set[str]:
    """The files a keyword search for `phrase` finds it in, once the server has
    switched to the generation holding it (it looks about once a second)."""
    deadline = time.monotonic() + timeout
    while True:
        status, result = http("GET", base + "/api/search?" + urllib.parse.urlencode(
            {"q": phrase, "mode": "bm25", "k": 50}))
        assert status == 200, result
        files = {r["source"]["file"] for r in result["results"] if phrase in r["text"]}
        if files or time.monotonic() >= deadline:
            return files
        time.sleep(0.2)


def uploads_tree(corpus: Path) -> set[str]:
    folder = corpus / "uploads"
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file()} if folder.is_dir() else set()


# --------------------------------------------------------------------------- the tests

def test_uploading_the_same_report_twice_keeps_one_copy_and_names_the_first(served):
    base, corpus, _index, _root = served
    data = report("ハリネズミ観察会")
    status, first = upload(base, [("西区_令和6年度.txt", data)])
    assert status == 202 and first["files"][0]["status"] == "saved"
    assert wait_for_job(base, first["job"]["id"])["files"][0]["status"] == "indexed"

    status, again = upload(base, [("西区_令和6年度（再送）.txt", data)])
    (f,) = again["files"]
    assert status == 200 and again["job"] is None
    assert f["status"] == "duplicate" and f["same_as"] == "uploads/西区_令和6年度.txt"
    assert "uploads/西区_令和6年度.txt と同じ内容" in f["reason"]
    assert found_in(base, "ハリネズミ観察会") == {"uploads/西区_令和6年度.txt"}


def test_a_reupload_sent_only_to_set_the_ward_says_the_ward_was_not_saved_and_where_to_set_it(served):
    base, _corpus, _index, _root = served
    data = report("ヤマネ影絵会", "不明")
    status, first = upload(base, [("報告_区なし.txt", data)])
    assert status == 202 and wait_for_job(base, first["job"]["id"])["state"] == "done"
    # the same file again, now with the ward the first upload lacked (a form field)
    status, again = upload(base, [("報告_区なし.txt", data)], ward="南区")
    (f,) = again["files"]
    assert status == 200 and f["status"] == "duplicate"
    assert "区・年度・種別も保存していません" in f["reason"] and "区・年度・種別を修正する" in f["reason"]


def test_the_same_report_sent_twice_at_the_same_moment_is_saved_once(served):
    base, corpus, _index, _root = served
    data = report("モモンガ紙芝居")
    answers: list[dict] = []

    def send(name):
        answers.append(upload(base, [(name, data)])[1])

    threads = [threading.Thread(target=send, args=(f"同時送信{i}.txt",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    statuses = sorted(a["files"][0]["status"] for a in answers)
    assert statuses == ["duplicate", "saved"], answers
    saved = next(a for a in answers if a["job"])
    assert wait_for_job(base, saved["job"]["id"])["state"] == "done"
    assert len(found_in(base, "モモンガ紙芝居")) == 1


def test_names_with_dot_dot_full_width_characters_or_great_length_are_saved_in_uploads_and_indexed(served):
    base, corpus, _index, root = served
    long_name = "栄区地域子育て支援拠点の令和六年度の評価報告書" * 12 + ".txt"   # 288 characters, 856 bytes
    files = [("../../../../etc/港南区_報告.txt", report("カピバラ体操", "港南区")),
             ("..\\..\\Windows\\戸塚区_報告.txt", report("アルパカ手遊び", "戸塚区")),
             ("泉区　報告（令和５年度）　第２版.txt", report("ペリカン読書会", "泉区")),
             ("瀬谷区_報告．ＴＸＴ", report("フラミンゴ音楽会", "瀬谷区")),
             (long_name, report("オカピ人形劇", "栄区"))]
    before = {p for p in root.rglob("*") if p.is_file() and "index" not in p.parts}
    status, answer = upload(base, files)
    assert status == 202, answer
    assert [f["status"] for f in answer["files"]] == ["saved"] * len(files), answer["files"]
    saved = [f["saved_as"] for f in answer["files"]]
    for name in saved:
        assert name.startswith("uploads/") and "/" not in name[len("uploads/"):] and ".." not in name
        assert len(Path(name).name.encode("utf-8")) <= 255
    assert saved[0] == "uploads/港南区_報告.txt"
    assert saved[1].endswith("戸塚区_報告.txt")   # a multipart quoted-string reads "\\." as "."
    assert saved[2] == "uploads/泉区 報告（令和５年度） 第２版.txt"   # full-width kept, the ideographic space made plain
    assert saved[3] == "uploads/瀬谷区_報告.txt"                        # a full-width extension is read as .txt
    # nothing was written anywhere but into the uploads folder
    after = {p for p in root.rglob("*") if p.is_file() and "index" not in p.parts}
    assert {p.relative_to(corpus / "uploads").as_posix() for p in after - before
            if (corpus / "uploads") in p.parents} >= {s[len("uploads/"):] for s in saved}
    assert all((corpus / "uploads") in p.parents for p in after - before if p.name != "server.log")

    job = wait_for_job(base, answer["job"]["id"])
    assert [f["status"] for f in job["files"]] == ["indexed"] * len(files), job["files"]
    for phrase, name in zip(("カピバラ体操", "アルパカ手遊び", "ペリカン読書会", "フラミンゴ音楽会", "オカピ人形劇"), saved):
        assert found_in(base, phrase) == {name}
    status, doc = http("GET", f"{base}/api/documents/{job['files'][4]['doc_id']}")
    assert status == 200 and doc["document"]["source"] == saved[4]


def test_a_zero_byte_file_is_refused_by_name_and_the_rest_of_the_batch_goes_in(served):
    base, corpus, _index, _root = served
    status, answer = upload(base, [("空の報告.txt", b""), ("中区_報告.txt", report("コアラ工作", "中区"))])
    assert status == 202
    empty, good = answer["files"]
    assert empty["file"] == "空の報告.txt" and empty["status"] == "rejected" and "空のファイル" in empty["reason"]
    assert "空の報告.txt" not in uploads_tree(corpus)
    job = wait_for_job(base, answer["job"]["id"])
    assert job["files"][0]["status"] == "rejected" and job["files"][1]["status"] == "indexed"
    assert found_in(base, "コアラ工作") == {"uploads/中区_報告.txt"}


def test_an_upload_while_another_reindex_holds_the_index_waits_its_turn_and_is_indexed(served):
    from indexer import store

    base, corpus, index, _root = served
    with store.reindex_lock(index):   # e.g. an operator's `kyoten reindex` is running
        status, answer = upload(base, [("旭区_報告.txt", report("ラクダ絵本会", "旭区"))])
        assert status == 202
        deadline = time.monotonic() + 30
        while "待っています" not in (wait_for_job(base, answer["job"]["id"], until=("running",)).get("note") or ""):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert not found_in(base, "ラクダ絵本会", timeout=0)
    job = wait_for_job(base, answer["job"]["id"])
    assert job["state"] == "done" and job["files"][0]["status"] == "indexed", job
    assert found_in(base, "ラクダ絵本会") == {"uploads/旭区_報告.txt"}


def test_two_uploads_at_the_same_moment_are_both_indexed(served):
    base, _corpus, _index, _root = served
    answers: dict[str, dict] = {}

    def send(name, phrase):
        answers[phrase] = upload(base, [(name, report(phrase, "磯子区"))])[1]

    threads = [threading.Thread(target=send, args=("磯子区_A.txt", "シマウマ体操")),
               threading.Thread(target=send, args=("磯子区_B.txt", "キリン音読会"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    jobs = {phrase: wait_for_job(base, a["job"]["id"]) for phrase, a in answers.items()}
    assert all(j["state"] == "done" and j["files"][0]["status"] == "indexed" for j in jobs.values()), jobs
    assert found_in(base, "シマウマ体操") == {"uploads/磯子区_A.txt"}
    assert found_in(base, "キリン音読会") == {"uploads/磯子区_B.txt"}


def broken_xlsx() -> bytes:
    """Starts like a zip (so the request's first-bytes check passes) but is not one."""
    return b"PK\x03\x04" + bytes(range(256)) * 8


def test_a_corrupt_file_in_a_batch_is_named_in_the_job_and_on_the_admin_pages_and_the_others_are_indexed(served):
    base, corpus, _index, _root = served
    good_docx = io.BytesIO()
    import docx

    document = docx.Document()
    document.add_paragraph("鶴見区地域子育て支援拠点 令和6年度の取組")
    document.add_paragraph("毎月ビーバー積木会を開き、親子で遊びました。")
    document.save(good_docx)
    status, answer = upload(base, [("鶴見区_報告.txt", report("ペンギン折り紙", "鶴見区")),
                                   ("壊れた集計表.xlsx", broken_xlsx()),
                                   ("鶴見区_報告.docx", good_docx.getvalue())])
    assert status == 202 and [f["status"] for f in answer["files"]] == ["saved"] * 3
    job = wait_for_job(base, answer["job"]["id"])
    assert job["state"] == "done", job
    good1, bad, good2 = job["files"]
    assert good1["status"] == good2["status"] == "indexed"
    assert bad["status"] == "rejected" and "XLSX" in bad["reason"]
    assert bad["set_aside"].startswith("uploads/.rejected/") and (corpus / bad["set_aside"]).is_file()
    assert "壊れた集計表.xlsx" not in uploads_tree(corpus)   # out of the corpus, kept aside, not lost
    assert found_in(base, "ペンギン折り紙") == {"uploads/鶴見区_報告.txt"}
    assert found_in(base, "ビーバー積木会") == {"uploads/鶴見区_報告.docx"}

    browser = AdminSession(base, TOKEN, login=True)
    page = browser.get(f"/admin/jobs/{job['id']}")
    assert "壊れた集計表.xlsx" in page and bad["reason"] in page
    admin = browser.get("/admin/")
    row = admin[admin.index(job["created"][:19].replace("T", " ")):]
    row = row[:row.index("</tr>")]
    assert "索引に入らなかったファイル 1 件" in row and "壊れた集計表.xlsx" in row
