"""Reports from the 2005–2012 part of an archive, in Word 97–2003 (.doc), Excel
97–2003 (.xls) and RTF: they read, parse and answer as the same report saved as
.docx / .xlsx.

The fixtures in tests/data/legacy/ are seed reports re-laid by
benchmarks/format_variants (as .docx, a table row per goal, or as .xlsx, a sheet
per fiscal year) and saved in the old formats by LibreOffice
(`python -m kyoten_build.legacy_office` remakes them); password.doc / password.xls
are the same saved with a password. Reading .doc and .rtf needs LibreOffice
(Debian libreoffice-writer-nogui, installed by scripts/setup.sh).
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from benchmarks.format_variants import RENDERERS
from indexer.load import SUPPORTED_SUFFIXES, LoadError, load_bytes, officeconvert
from indexer.parse import parse_text

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
LEGACY = REPO / "tests" / "data" / "legacy"
IZUMI_DOC = LEGACY / "000_8f4773b09691ae88.docx.doc"              # 泉区, 令和5年度 + 令和6年度 goals
KOHOKU_DOC = LEGACY / "004_edbefdd13c451103.docx_goal_rows.doc"   # 港北区, a table row per goal
WORD_FILES = sorted(LEGACY.glob("0*.doc")) + sorted(LEGACY.glob("0*.rtf"))
EXCEL_FILES = sorted(LEGACY.glob("0*.xls"))
MODERN = {".doc": ".docx", ".rtf": ".docx", ".xls": ".xlsx"}


@pytest.fixture
def libreoffice_installed():
    assert not officeconvert.missing_packages(), (
        f"LibreOffice missing ({officeconvert.missing_packages()}): run scripts/setup.sh --test")


needs_libreoffice = pytest.mark.usefixtures("libreoffice_installed")


def seed_of(fixture: Path) -> tuple[str, str]:
    """(seed report text, layout) a fixture was made from: <seed>.<layout>.<suffix>."""
    stem, layout = fixture.stem.split(".")
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8"), layout


def parsed(data: bytes, name: str):
    loaded = load_bytes(data, name)
    return parse_text(loaded.text, name, "doc")


@functools.lru_cache(maxsize=None)
def parsed_fixture(fixture: Path):
    """A fixture parsed once per test run (a .doc conversion takes seconds)."""
    return parsed(fixture.read_bytes(), fixture.name)


def records(result) -> list[tuple]:
    """What a reader gets from a report: metadata and every passage with its place."""
    d = result.document
    return [(d.ward, d.fiscal_year_from, d.fiscal_year_to, d.doc_type)] + [
        (p.section, p.fiscal_year_from, p.goal_no, p.programme, p.goal, p.text) for p in result.passages]


def modern_counterpart(fixture: Path):
    """The same seed in the same layout saved as .docx / .xlsx, parsed."""
    text, layout = seed_of(fixture)
    render, suffix = RENDERERS[layout]
    assert suffix == MODERN[fixture.suffix]
    return parsed(render(text), fixture.stem + suffix)


GOAL_SECTIONS = ("目標", "次年度目標")


def goals(result) -> dict[tuple, str]:
    """Each goal (this year's and next year's) by fiscal year and number."""
    return {(p.section, p.fiscal_year_from, p.goal_no): p.text for p in result.passages
            if p.section in GOAL_SECTIONS}


# --------------------------------------------------------------------------- Word 97–2003 and RTF

@needs_libreoffice
@pytest.mark.parametrize("fixture", WORD_FILES, ids=lambda p: p.name)
def test_a_word_97_2003_report_keeps_its_goals_and_sections(fixture):
    old = parsed_fixture(fixture)
    seed_text, _ = seed_of(fixture)
    seed = parse_text(seed_text, "seed.txt", "seed")
    # the same ward, years and type as the seed report, and all of its goals
    assert records(old)[0] == records(seed)[0]
    assert goals(old) and goals(old) == goals(seed)
    kinds = {p.section for p in old.passages}
    assert {"目標", "取組内容"} <= kinds
    # passage for passage what the same report saved as .docx gives
    assert records(old) == records(modern_counterpart(fixture))


@needs_libreoffice
def test_a_word_97_2003_report_keeps_each_goals_outcome_and_issue_together():
    izumi = parsed_fixture(IZUMI_DOC)
    units: dict[str, set[str]] = {}
    for p in izumi.passages:
        if p.unit:
            units.setdefault(p.unit, set()).add(p.section)
    reported = [sections for unit, sections in units.items() if "取組の成果" in sections]
    assert reported and all({"目標", "取組内容", "取組の成果", "取組の課題"} <= s for s in reported)
    next_year = [p for p in parsed_fixture(KOHOKU_DOC).passages
                 if p.section == "次年度目標"]
    assert any("ひととき預かり" in p.text for p in next_year)  # a goal from a row of the goals table


# --------------------------------------------------------------------------- Excel 97–2003

@pytest.mark.parametrize("fixture", EXCEL_FILES, ids=lambda p: p.name)
def test_an_excel_97_2003_report_with_one_sheet_per_year_keeps_its_years(fixture):
    old = parsed_fixture(fixture)
    seed_text, _ = seed_of(fixture)
    seed = parse_text(seed_text, "seed.txt", "seed")
    assert records(old)[0] == records(seed)[0]
    years = {p.fiscal_year_from for p in old.passages if p.section in GOAL_SECTIONS}
    assert len(years) >= 2
    assert years == {p.fiscal_year_from for p in seed.passages if p.section in GOAL_SECTIONS}
    assert goals(old) == goals(seed)
    assert records(old) == records(modern_counterpart(fixture))


def test_an_excel_97_2003_sheet_reads_as_the_same_sheet_saved_as_xlsx():
    fixture = EXCEL_FILES[0]
    text, layout = seed_of(fixture)
    render, _ = RENDERERS[layout]
    assert load_bytes(fixture.read_bytes(), fixture.name).text == load_bytes(render(text), "same.xlsx").text


def test_an_xlsx_saved_under_the_old_xls_name_is_read():
    text, _ = seed_of(EXCEL_FILES[0])
    data = RENDERERS["xlsx"][0](text)
    assert load_bytes(data, "renamed.xls").text == load_bytes(data, "renamed.xlsx").text


def test_a_web_systems_excel_export_that_is_an_html_table_is_read():
    page = ("<html><head><meta charset='utf-8'></head><body><table>"
            "<tr><td>令和5年度 重点目標</td><td>多胎児家庭の交流会を開きます。</td></tr>"
            "<tr><td>取組内容</td><td>双子・三つ子の親子の会を毎月開催しました。</td></tr>"
            "</table></body></html>").encode("utf-8")
    text = load_bytes(page, "export.xls").text
    assert "令和5年度 重点目標\t多胎児家庭の交流会を開きます。" in text.split("\n")


@needs_libreoffice
def test_a_hidden_sheet_of_an_old_excel_report_is_noted_not_indexed_silently():
    import openpyxl

    from kyoten_build.legacy_office import convert

    book = openpyxl.Workbook()
    report = book.active
    report.title = "令和5年度"
    report.append(["令和5年度 重点目標１", "多胎児家庭の交流会を開きます。"])
    draft = book.create_sheet("作業用")
    draft.append(["メモ", "来年度に向けた未確定の下書きです。"])
    draft.sheet_state = "hidden"
    buf = io.BytesIO()
    book.save(buf)
    (data,) = convert({"naka.xlsx": buf.getvalue()}, ".xls").values()
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # an Excel 97-2003 workbook, not an .xlsx renamed
    loaded = load_bytes(data, "naka.xls")
    assert "多胎児家庭の交流会を開きます。" in loaded.text
    assert "未確定の下書き" not in loaded.text and "作業用" not in loaded.text
    assert [w for w in loaded.warnings if "非表示のシート" in w and "「作業用」" in w]


# --------------------------------------------------------------------------- bad files

def truncated(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 3]


@pytest.mark.parametrize("name, data, says", [
    ("password.doc", (LEGACY / "password.doc").read_bytes(), "パスワードで保護された Word 文書"),
    ("password.xls", (LEGACY / "password.xls").read_bytes(), "パスワードで保護された Excel ファイル"),
    ("broken.doc", truncated(IZUMI_DOC), "Word 97-2003 形式（.doc）の文書として読み込めません"),
    ("broken.xls", truncated(EXCEL_FILES[0]), "Excel 97-2003 形式（.xls）のファイルとして読み込めません"),
    ("notes.doc", "ただのテキストです".encode("utf-8"), "拡張子が正しくない"),
    ("sheet.xls", IZUMI_DOC.read_bytes(), "Excel 97-2003 形式（.xls）のファイルとして読み込めません"),
    ("letter.rtf", "RTFではありません".encode("utf-8"), "RTF 形式の文書として読み込めません"),
])
def test_a_corrupt_or_password_protected_old_office_file_is_refused_with_a_clear_reason(
        name, data, says, monkeypatch):
    converted = []
    monkeypatch.setattr(officeconvert, "to_docx", lambda *args: converted.append(args))
    with pytest.raises(LoadError) as info:
        load_bytes(data, name)
    assert says in info.value.reason and info.value.name == name
    assert not converted  # recognised from its bytes, not handed to LibreOffice to fail


def owner_file(user: str) -> bytes:
    """What Word / Excel write beside an open document as "~$name": the user's name,
    once in the ANSI code page and once in UTF-16, in 162 bytes."""
    ansi = user.encode("cp932")
    wide = user.encode("utf-16-le")
    data = bytes([len(ansi)]) + ansi.ljust(53, b" ") + bytes([len(user), 0]) + wide
    return data.ljust(162, b"\0")


@pytest.mark.parametrize("name", ["~$地域子育て支援拠点評価.doc", "~$評価シート.xls", "~$報告.docx"])
def test_an_office_lock_file_in_the_archive_is_reported_as_such_not_as_a_damaged_report(name):
    with pytest.raises(LoadError) as info:
        load_bytes(owner_file("横浜 太郎"), name)
    assert "一時ファイル" in info.value.reason and "~$" in info.value.reason


def test_a_real_report_whose_name_starts_with_the_lock_prefix_is_still_read():
    assert "令和" in load_bytes(EXCEL_FILES[0].read_bytes(), "~$評価.xls").text


@needs_libreoffice
def test_a_doc_that_takes_too_long_to_convert_is_stopped_and_reported(monkeypatch, tmp_path):
    monkeypatch.setattr(officeconvert, "TIMEOUT", 0.3)  # LibreOffice needs about a second to start
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # this test's conversions only
    with pytest.raises(LoadError) as info:
        load_bytes(IZUMI_DOC.read_bytes(), "slow.doc")
    assert "時間がかかりすぎたため中止しました" in info.value.reason
    time.sleep(0.5)
    assert not converters_running(tmp_path), "a stopped conversion left LibreOffice running"


def test_a_conversion_outlives_a_killed_indexer_by_its_deadline_only(tmp_path):
    # the indexer process is killed (a stopped reindex) while a conversion hangs:
    # nobody is left to enforce TIMEOUT, so the conversion's own deadline must stop it
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nexec python3 -c 'import time; time.sleep(120)' \"$@\"\n")
    hanging.chmod(0o755)
    script = (
        "from indexer.load import officeconvert, load_bytes\n"
        f"officeconvert.executable = lambda: {str(hanging)!r}\n"
        "officeconvert.TIMEOUT = 1.0; officeconvert.DEADLINE_GRACE = 1.0\n"
        f"load_bytes(open({str(IZUMI_DOC)!r}, 'rb').read(), 'killed.doc')\n")
    child = subprocess.Popen([sys.executable, "-c", script], cwd=REPO,
                             env={**os.environ, "TMPDIR": str(tmp_path)})  # this test's conversions only
    deadline = time.monotonic() + 30
    while not converters_running(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert converters_running(tmp_path), "the conversion started"
    child.kill()
    child.wait()
    time.sleep(4.0)   # TIMEOUT + DEADLINE_GRACE + slack
    assert not converters_running(tmp_path), "a conversion orphaned by a killed indexer kept running"


def converters_running(under: Path) -> list[str]:
    """Command lines of processes started by a conversion whose work folder is under
    ``under`` (they all run in their folder; other processes' conversions on the same
    machine are not this test's)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if "kyoten-convert-" in cmdline and str(under) in cmdline:
            found.append(cmdline)
    return found


def test_without_libreoffice_a_doc_is_refused_naming_the_package_to_install(monkeypatch):
    monkeypatch.setattr(officeconvert, "executable", lambda: None)
    with pytest.raises(LoadError) as info:
        load_bytes(IZUMI_DOC.read_bytes(), "izumi.doc")
    assert officeconvert.PACKAGE in info.value.reason and "LibreOffice" in info.value.reason


def test_the_old_office_formats_are_among_the_accepted_ones():
    assert {".doc", ".xls", ".rtf"} <= set(SUPPORTED_SUFFIXES)


# --------------------------------------------------------------------------- upload, end to end

TOKEN = "legacy-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def site(tmp_path):
    from search_app.indexing import build_index
    from search_app.web import admin, create_app

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    build_index(corpus, index, semantic=False, full=True)
    app = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "ADMIN_TOKEN": TOKEN,
                      "TESTING": True, "SEMANTIC": False})
    yield app.test_client(), corpus
    admin.shutdown_jobs(app)


def upload_and_index(client, *files: tuple[str, bytes]) -> tuple[dict, dict]:
    data = {"files": [(io.BytesIO(content), name) for name, content in files]}
    resp = client.post("/api/admin/upload", data=data, content_type="multipart/form-data", headers=AUTH)
    assert resp.status_code in (200, 202), resp.get_json()
    body = resp.get_json()
    deadline = time.monotonic() + 180
    while True:
        job = client.get(f"/api/admin/jobs/{body['job']['id']}", headers=AUTH).get_json()
        if job["state"] in ("done", "failed"):
            return body, job
        assert time.monotonic() < deadline, job
        time.sleep(0.1)


def search_files(client, q: str, timeout: float = 10.0) -> dict[str, list[dict]]:
    """Results of a keyword search by source file, once the new generation shows."""
    deadline = time.monotonic() + timeout
    while True:
        results = client.get("/api/search", query_string={"q": q, "mode": "bm25", "k": 50}).get_json()["results"]
        by_file: dict[str, list[dict]] = {}
        for r in results:
            by_file.setdefault(r["source"]["file"], []).append(r)
        if any(f.startswith("uploads/") for f in by_file) or time.monotonic() >= deadline:
            return by_file
        time.sleep(0.1)


PHRASE = "カモノハシ読み聞かせ会"


def sakae_doc() -> bytes:
    """Seed report 000 (泉区, 令和5年度) turned into a 栄区 report with a phrase no
    other report has, laid out in Word tables and saved as a Word 97–2003 .doc."""
    from kyoten_build.legacy_office import convert

    text = (CORPUS / "000_8f4773b09691ae88.txt").read_text(encoding="utf-8").replace("泉区", "栄区")
    marker = "取組内容\t"
    at = text.index(marker) + len(marker)
    text = text[:at] + f"<p>毎月{PHRASE}を開き、絵本の楽しさを親子に伝えました。</p>" + text[at:]
    (data,) = convert({"sakae.docx": RENDERERS["docx"][0](text)}, ".doc").values()
    return data


@needs_libreoffice
def test_a_doc_upload_is_searchable_end_to_end_and_bad_old_files_in_the_batch_are_reported(site):
    client, corpus = site
    name = "栄区_令和5年度_評価.doc"
    body, job = upload_and_index(client, (name, sakae_doc()),
                                 ("password.doc", (LEGACY / "password.doc").read_bytes()),
                                 ("password.xls", (LEGACY / "password.xls").read_bytes()),
                                 ("broken.xls", truncated(EXCEL_FILES[0])),
                                 ("港北区.xls", EXCEL_FILES[-1].read_bytes()))
    assert [f["status"] for f in body["files"]] == ["saved"] * 5
    by_name = {f["file"]: f for f in job["files"]}
    assert by_name[name]["status"] == "indexed" and by_name[name]["passages"] >= 10
    assert by_name["港北区.xls"]["status"] == "indexed"
    assert "パスワード" in by_name["password.doc"]["reason"]
    assert "パスワード" in by_name["password.xls"]["reason"]
    assert "読み込めません" in by_name["broken.xls"]["reason"]
    assert all(by_name[n]["status"] == "rejected" for n in ("password.doc", "password.xls", "broken.xls"))
    hits = search_files(client, PHRASE).get(f"uploads/{name}")
    assert hits, "the uploaded .doc is not found"
    assert all(h["ward"] == "栄区" and h["fiscal_year_from"] == 2023 for h in hits)
    assert any(h["section"] == "取組内容" and PHRASE in h["text"] and h["goal"] for h in hits)
    kept = sorted(p.name for p in (corpus / "uploads").iterdir() if p.is_file() and p.suffix != ".json")
    assert kept == sorted([name, "港北区.xls"])
