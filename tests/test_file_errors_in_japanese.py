"""When the server cannot read or write a file, staff are told why in Japanese
(「書き込む権限がありません」, 「ディスクの空きがありません」) -- on the admin pages, in the
JSON API, on job pages and on the command line -- never the operating system's English
("Permission denied", "[Errno 28] No space left on device: '/srv/...'"), and pages
name no server folder. The English detail stays in the server's log.

The tests run as root, which may write anywhere: the failing write is simulated where
the product hands it to the operating system (or, where the OS refuses even root --
a folder where a file should be, a link that loops -- it is real)."""

from __future__ import annotations

import errno
import io
import os
import re
from html import unescape
from pathlib import Path

import pytest

from indexer import oserrors, sidecar, store, synonyms
from indexer.load import LoadError, load_file
from search_app import cli
from search_app.web import admin

from glossary_site import csrf, glossary_file, make_client, post_glossary  # noqa: F401  (fixture)
from upload_site import AUTH, SEED_FILE, make_site, one, seed_index, yearly_report  # noqa: F401  (fixture)

ENGLISH = re.compile(r"Errno|Permission denied|No space|Read-only|file system|directory", re.I)


def os_error(number: int, path) -> OSError:
    return OSError(number, os.strerror(number), str(path))


@pytest.fixture
def site(seed_index, tmp_path):  # noqa: F811
    s = make_site(seed_index, tmp_path)
    yield s
    admin.shutdown_jobs(s.app)


def seed_doc_id(site) -> str:
    results = site.client.get("/api/search", query_string={"q": "泉区", "mode": "bm25", "k": 100}).get_json()
    return next(r["doc_id"] for r in results["results"] if r["source"]["file"] == SEED_FILE)


# ----------------------------------------------------------------------------- the rule

@pytest.mark.parametrize("number, writing, says", [
    (errno.EACCES, True, "書き込む権限がありません"),
    (errno.EPERM, True, "書き込む権限がありません"),
    (errno.EACCES, False, "読む権限がありません"),
    (errno.ENOSPC, True, "ディスクの空きがありません"),
    (errno.ENOENT, False, "ファイルまたはフォルダがありません"),
    (errno.EISDIR, True, "ファイルの場所にフォルダがあります"),
    (errno.EROFS, True, "読み取り専用"),
    (errno.EMFILE, False, "開いているファイルが多すぎます"),
    (errno.ENAMETOOLONG, True, "長すぎます"),
    (errno.EEXIST, True, "同じ名前のファイルがすでにあります"),
    (errno.EBUSY, True, "使用中"),
])
def test_each_kind_of_file_error_has_its_own_japanese_reason_naming_no_path(number, writing, says):
    said = oserrors.reason(os_error(number, "/srv/kyoten/secret/glossary.txt"), writing=writing)
    assert says in said
    assert "/srv" not in said and not ENGLISH.search(said)


def test_an_error_without_a_reason_of_its_own_is_still_japanese_and_names_no_path():
    for exc in (os_error(errno.EIO + 1000, "/srv/x"), OSError("something odd at /srv/x")):
        said = oserrors.reason(exc)
        assert "/srv" not in said and not ENGLISH.search(said) and "ログ" in said

def test_the_command_line_adds_the_path_and_for_an_unnamed_error_its_code():
    assert oserrors.reason_at(os_error(errno.EACCES, "/srv/idx")) == "書き込む権限がありません: /srv/idx"
    said = oserrors.reason_at(os_error(errno.EPIPE, "/srv/idx"))
    assert "EPIPE" in said and "/srv/idx" in said and not ENGLISH.search(said)


# ----------------------------------------------------------------------------- glossary page

@pytest.mark.parametrize("number, says", [
    (errno.EROFS, "読み取り専用の場所です"),
    (errno.EACCES, "書き込む権限がありません"),
    (errno.ENOSPC, "ディスクの空きがありません"),
])
def test_a_glossary_save_into_a_read_only_place_says_why_in_japanese_and_keeps_the_typed_text(
        tmp_path, glossary_file, monkeypatch, number, says):  # noqa: F811
    client = make_client(tmp_path)
    token = csrf(client)

    def refuse(path, text):
        raise os_error(number, path)

    monkeypatch.setattr(synonyms, "write_text_atomically", refuse)
    resp = post_glossary(client, "父親 パパ\n", csrf_token=token)
    html = unescape(resp.get_data(as_text=True))
    assert resp.status_code == 500
    assert f"用語集を書き込めませんでした（{says}）" in html
    assert "父親 パパ" in html                          # what staff typed is not lost
    assert not ENGLISH.search(html)
    assert str(glossary_file.parent) not in html       # not logged in: no server folders


def test_restoring_a_glossary_version_on_a_full_disk_says_so_and_keeps_the_current_text(
        tmp_path, glossary_file, monkeypatch):  # noqa: F811
    client = make_client(tmp_path)
    assert post_glossary(client, "父親 パパ\n").status_code == 200
    (version,) = synonyms.list_versions(glossary_file)

    def full(path, text):
        raise os_error(errno.ENOSPC, path)

    monkeypatch.setattr(synonyms, "write_text_atomically", full)
    resp = client.post("/admin/glossary/restore", data={
        "version": version.name, "admin_token": "glossary-test-token", "csrf_token": csrf(client)})
    html = unescape(resp.get_data(as_text=True))
    assert resp.status_code == 500
    assert "用語集を書き込めませんでした（ディスクの空きがありません）。現在の用語集はそのままです。" in html
    assert "No space" not in html
    assert glossary_file.read_text(encoding="utf-8") == "父親 パパ\n"


# ----------------------------------------------------------------------------- uploads and corrections

def test_an_upload_whose_disk_is_full_says_so_in_japanese_and_keeps_the_earlier_files(site, monkeypatch):
    first, second = yearly_report("旭区", "タヌキ体操").encode(), yearly_report("旭区", "キツネ体操").encode()
    uploads = site.corpus / "uploads"
    real_fsync = os.fsync

    def fsync(fd):   # the disk fills up once the first file is on it
        if (uploads / "旭区1.txt").exists():
            raise os_error(errno.ENOSPC, uploads / ".upload-x.tmp")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    resp = site.upload(("旭区1.txt", first), ("旭区2.txt", second))
    body = resp.get_json()
    by_name = {f["file"]: f for f in body["files"]}
    assert by_name["旭区1.txt"]["status"] == "saved"
    assert by_name["旭区2.txt"]["status"] == "rejected"
    assert by_name["旭区2.txt"]["reason"] == "保存できませんでした（ディスクの空きがありません）"
    assert not ENGLISH.search(str(body)) and str(site.root) not in str(body)
    assert (uploads / "旭区1.txt").read_bytes() == first          # the earlier file is kept …
    assert not (uploads / "旭区2.txt").exists()
    assert [p.name for p in uploads.iterdir() if p.name.startswith(".upload-")] == []   # … no half copy
    assert body["saved"] == 1 and body["job"] is not None


def test_a_metadata_correction_the_server_may_not_write_says_why_in_japanese(site, monkeypatch):
    doc_id = seed_doc_id(site)

    def refuse(path, text):
        raise os_error(errno.EACCES, path)

    monkeypatch.setattr(sidecar, "write_text_atomically", refuse)
    resp = site.client.post(f"/api/admin/documents/{doc_id}/metadata", headers=AUTH, json={"ward": "西区"})
    assert resp.status_code == 500
    assert resp.get_json()["error"] == "保存できませんでした（書き込む権限がありません）"


def test_removing_a_report_on_a_read_only_disk_says_so_and_keeps_the_report(site, monkeypatch):
    doc_id = seed_doc_id(site)

    def refuse(src, dst):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(src), None, str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    resp = site.client.post(f"/api/admin/documents/{doc_id}/delete", headers=AUTH)
    assert resp.status_code == 500
    assert resp.get_json()["error"] == "削除できませんでした（読み取り専用の場所です）"
    assert (site.corpus / SEED_FILE).is_file()


def test_replacing_a_report_on_a_full_disk_says_so_and_keeps_the_old_file(site, monkeypatch):
    doc_id = seed_doc_id(site)
    before = (site.corpus / SEED_FILE).read_bytes()

    def full(fd):
        raise os_error(errno.ENOSPC, site.corpus / ".upload-x.tmp")

    monkeypatch.setattr(os, "fsync", full)
    new = yearly_report("泉区", "ペンギン体操").encode()
    resp = site.client.post(f"/api/admin/documents/{doc_id}/replace", headers=AUTH,
                            data={"file": (io.BytesIO(new), SEED_FILE)}, content_type="multipart/form-data")
    assert resp.status_code >= 400
    error = resp.get_json()["error"]
    assert "差し替えられませんでした（ディスクの空きがありません）" in error
    assert not ENGLISH.search(error) and str(site.root) not in error
    assert (site.corpus / SEED_FILE).read_bytes() == before


def test_replacing_a_report_on_a_full_disk_answers_507_not_400_and_keeps_the_old_file(site, monkeypatch):
    doc_id = seed_doc_id(site)
    before = (site.corpus / SEED_FILE).read_bytes()
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(os_error(errno.ENOSPC, site.corpus / "x.tmp")))
    new = yearly_report("泉区", "ペンギン体操").encode()
    resp = site.client.post(f"/api/admin/documents/{doc_id}/replace", headers=AUTH,
                            data={"file": (io.BytesIO(new), SEED_FILE)}, content_type="multipart/form-data")
    assert resp.status_code == 507   # Insufficient Storage: the server's disk, not the file sent
    assert "差し替えられませんでした（ディスクの空きがありません）" in resp.get_json()["error"]
    assert (site.corpus / SEED_FILE).read_bytes() == before


def test_replacing_a_report_the_server_cannot_write_answers_500_not_400(site, monkeypatch):
    doc_id = seed_doc_id(site)
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(os_error(errno.EIO, site.corpus / "x.tmp")))
    new = yearly_report("泉区", "ペンギン体操").encode()
    resp = site.client.post(f"/api/admin/documents/{doc_id}/replace", headers=AUTH,
                            data={"file": (io.BytesIO(new), SEED_FILE)}, content_type="multipart/form-data")
    assert resp.status_code == 500
    assert "差し替えられませんでした（ディスクの読み書きでエラーが起きました）" in resp.get_json()["error"]


def test_replacing_a_report_with_a_bad_file_still_answers_400(site):
    doc_id = seed_doc_id(site)
    resp = site.client.post(f"/api/admin/documents/{doc_id}/replace", headers=AUTH,
                            data={"file": (io.BytesIO(b"not a pdf"), "new.pdf")}, content_type="multipart/form-data")
    assert resp.status_code == 400


def test_replacing_a_report_on_a_full_disk_from_its_page_shows_the_reason_with_507(site, monkeypatch):
    from upload_site import TOKEN

    doc_id = seed_doc_id(site)
    before = (site.corpus / SEED_FILE).read_bytes()
    c = site.client
    c.post("/admin/login", data={"admin_token": TOKEN, "csrf_token": csrf(c, "/admin/")})
    token = csrf(c, f"/documents/{doc_id}")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(os_error(errno.ENOSPC, site.corpus / "x.tmp")))
    resp = c.post(f"/admin/documents/{doc_id}/replace", content_type="multipart/form-data", data={
        "csrf_token": token, "file": (io.BytesIO(yearly_report("泉区", "ペンギン体操").encode()), SEED_FILE)})
    assert resp.status_code == 507
    page = unescape(resp.get_data(as_text=True))
    assert "差し替えられませんでした（ディスクの空きがありません）" in page and "何も変更していません" in page
    assert (site.corpus / SEED_FILE).read_bytes() == before


# ----------------------------------------------------------------------------- loading and the command line

def test_a_corpus_file_that_cannot_be_read_is_reported_in_japanese(tmp_path):
    loop = tmp_path / "報告.txt"
    loop.symlink_to(loop)   # the OS refuses even root: too many levels of links
    with pytest.raises(LoadError) as err:
        load_file(loop)
    assert err.value.reason == "ファイルを読み取れません（リンクが循環しています）"


def test_a_metadata_file_that_cannot_be_read_is_reported_in_japanese(tmp_path):
    report = tmp_path / "報告.txt"
    report.write_text("泉区", encoding="utf-8")
    sidecar.sidecar_path(report).mkdir()   # a folder where the metadata file should be
    with pytest.raises(sidecar.SidecarError) as err:
        sidecar.read(report)
    assert err.value.message == "メタデータファイル 報告.txt.meta.json を読めません（ファイルの場所にフォルダがあります）"


def test_the_cli_reindex_into_an_unwritable_index_folder_says_so_in_japanese(tmp_path, monkeypatch, capsys):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "泉区.txt").write_text(yearly_report("泉区", "タヌキ体操"), encoding="utf-8")
    real_open = open

    def refuse(path, *args, **kwargs):   # the index folder may not be written
        if Path(path).parent == index:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(store, "open", refuse, raising=False)
    code = cli.main(["reindex", "--corpus", str(corpus), "--index", str(index), "--no-semantic"])
    err = capsys.readouterr().err
    assert code == 4
    assert f"索引を書き込めません（書き込む権限がありません: {index / '.lock'}）。以前の索引はそのまま使えます。" in err
    assert "Permission denied" not in err and "Errno" not in err
