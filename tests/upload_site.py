"""An app with the upload routes over a private copy of the real seed corpus and of a
keyword-only index of it, as the upload, admin and job tests drive it (Flask's test
client, or waitress on loopback for browsers and concurrency), and the reports they send.

Every test gets its own copy (`site`, `make_site`); the seed index is built once per
module (`seed_index`) and copied."""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from servers import running
from search_app.web import admin, create_app

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"
SEED_FILE = "000_8f4773b09691ae88.txt"
TOKEN = "t-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JOB_TIMEOUT = 60.0


# ----------------------------------------------------------------------------- test documents

def yearly_report(ward: str, term: str, year: int = 6) -> str:
    """A small 単年度評価 in the seed reports' layout, about `term` (a phrase no seed
    report contains). No ①, ～: they do not exist in EUC-JP / strict Shift_JIS."""
    return f"""{ward}地域子育て支援拠点事業
令和{year}年度重点目標評価結果・令和{year + 1}年度重点目標

事業実施期間\t令和{year}年4月1日から令和{year + 1}年3月31日
事業の実施者\t特定非営利活動法人 テスト法人 {ward}こども家庭支援課

令和{year}年度重点目標の評価

令和{year}年度 重点目標\t{term}を通して、親子の交流の機会を広げます。
取組内容\t<p>ひろばで毎週{term}の会を開き、乳幼児と養育者が一緒に体を動かしました。</p>
取組の成果\t<p>{term}の会には延べ100組の親子が参加し、参加者同士の交流が生まれました。</p>
取組の課題\t<p>{term}の講師を担う地域のボランティアを増やす必要があります。</p>
"""


KAWASAKI_SHEET = """川崎市地域子育て支援センター事業 評価シート（令和5年度）

センター名：中原区 こすぎ地域子育て支援センター

1. 事業の概要
地域子育て支援センターでは、乳幼児とその保護者が気軽に集い、交流できる場を提供しています。令和5年度は、オランウータン絵本の会を毎月開催しました。

2. 取組の評価
絵本の読み聞かせと手遊びを組み合わせたオランウータン絵本の会には、延べ240組の親子が参加しました。初めて来所した保護者が、常連の保護者と知り合うきっかけになっています。

3. 今後の方向性
父親の参加が少ないため、土曜日の開催を検討します。
"""

HTML_WITH_SCRIPTS = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>西区 拠点だより</title>
<script>var secret = "ラッコ秘密呪文";</script>
<style>.x { content: "ラッコ秘密呪文"; }</style></head>
<body>
<h1>西区地域子育て支援拠点 令和6年度の取組</h1>
<p>カワウソ広場を毎月開き、親子がゆったり過ごせる時間をつくりました。</p>
<script>document.write("ラッコ秘密呪文");</script>
<p>カワウソ広場には延べ80組の親子が参加しました。</p>
</body></html>
"""


# A hub report that names no ward and no year (as on an operator's own web site), so staff
# give them on upload; TERM finds it.
NO_WARD_REPORT = """地域子育て支援拠点 事業報告

重点目標\tハリネズミ遊びの会を通して、親子の交流の機会を広げます。
取組内容\tひろばで毎月ハリネズミ遊びの会を開き、乳幼児と養育者が一緒に遊びました。
取組の成果\tハリネズミ遊びの会には延べ90組の親子が参加し、参加者同士の交流が生まれました。
取組の課題\t会を支えるボランティアを増やす必要があります。
"""
TERM = "ハリネズミ遊び"


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_bomb_docx() -> bytes:
    """A valid .docx plus a 30 MB member of zeros that compresses to a few KB."""
    buf = io.BytesIO(docx_bytes("ふつうの文書です。"))
    with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/bomb.bin", b"\0" * (30 * 1024 * 1024))
    return buf.getvalue()


def pdf_without_text() -> bytes:
    """A PDF page with no text layer (what a scan without OCR looks like to us)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# ----------------------------------------------------------------------------- fixtures

@dataclass
class Site:
    app: object
    client: object
    corpus: Path
    index: Path
    root: Path

    def upload(self, *files: tuple[str, bytes], headers=None):
        data = {"files": [(io.BytesIO(content), name) for name, content in files]}
        return self.client.post("/api/admin/upload", data=data, content_type="multipart/form-data",
                                headers=AUTH if headers is None else headers)

    def job(self, job_id: str) -> dict:
        resp = self.client.get(f"/api/admin/jobs/{job_id}", headers=AUTH)
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()

    def wait(self, job_id: str) -> dict:
        deadline = time.monotonic() + JOB_TIMEOUT
        while True:
            job = self.job(job_id)
            if job["state"] in ("done", "failed"):
                return job
            assert time.monotonic() < deadline, job
            time.sleep(0.05)

    def upload_and_index(self, *files: tuple[str, bytes]) -> tuple[dict, dict | None]:
        """Upload, then wait for the job (if one started); returns (upload answer, job)."""
        resp = self.upload(*files)
        assert resp.status_code in (200, 202), resp.get_json()
        body = resp.get_json()
        job = self.wait(body["job"]["id"]) if body["job"] else None
        return body, job

    def search(self, q: str, **params) -> dict:
        resp = self.client.get("/api/search", query_string={"q": q, "mode": "bm25", "k": 50, **params})
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()

    def files_found(self, q: str) -> set[str]:
        return {r["source"]["file"] for r in self.search(q)["results"]}

    def finds(self, q: str, file: str, timeout: float = 10.0) -> bool:
        """Whether a search for `q` comes to return a passage of `file`: the
        running SearchService looks for a new index generation at most once a
        second, so a finished job shows up in search within about a second."""
        deadline = time.monotonic() + timeout
        while file not in self.files_found(q):
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        return True

    def tree(self) -> set[str]:
        """Every file under the test root except the index (what an upload may have written)."""
        return {p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                if p.is_file() and self.index not in p.parents}


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory) -> tuple[Path, Path]:
    """The seed corpus and its keyword-only index, built once; tests copy both."""
    from search_app.indexing import build_index

    root = tmp_path_factory.mktemp("uploads-seed")
    corpus = root / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    build_index(corpus, root / "index", semantic=False, full=True)
    return corpus, root / "index"


def make_site(seed_index, root: Path, **config) -> Site:
    corpus, index = root / "corpus", root / "index"
    shutil.copytree(seed_index[0], corpus)
    shutil.copytree(seed_index[1], index)
    settings = {"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "ADMIN_TOKEN": TOKEN,
                "TESTING": True, "SEMANTIC": False}
    settings.update(config)
    app = create_app(settings)
    return Site(app, app.test_client(), corpus, index, root)


@pytest.fixture
def site(seed_index, tmp_path):
    s = make_site(seed_index, tmp_path)
    yield s
    admin.shutdown_jobs(s.app)


@pytest.fixture
def site_factory(seed_index, tmp_path):
    made = []

    def factory(**config) -> Site:
        s = make_site(seed_index, tmp_path / f"site{len(made)}", **config)
        made.append(s)
        return s

    yield factory
    for s in made:
        admin.shutdown_jobs(s.app)


def one(body: dict) -> dict:
    assert len(body["files"]) == 1, body
    return body["files"][0]


def csrf_from(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


# A real waitress server over a site (browser and concurrency tests).
@pytest.fixture
def served(seed_index, tmp_path):
    site = make_site(seed_index, tmp_path)
    with running(site.app) as url:
        yield site, url
    admin.shutdown_jobs(site.app)
