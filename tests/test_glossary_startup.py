"""A glossary file that cannot be read when the server starts (not UTF-8, missing, a
folder) or that has bad lines: the server starts all the same, searching with the packaged
glossary (or the good lines), and the admin pages say why in Japanese — not only the log."""

from __future__ import annotations

from html import unescape

import pytest

from indexer import synonyms
from indexer.synonyms import LiveGlossary

TOKEN = "startup-test-token"


def _app(index_dir, tmp_path, monkeypatch, write):
    from web_fixtures import make_app

    path = tmp_path / "glossary.txt"
    write(path)
    monkeypatch.setenv(synonyms.ENV_VAR, str(path))
    return make_app(index_dir, ADMIN_TOKEN=TOKEN).test_client(), path


def test_a_server_started_with_an_unreadable_glossary_searches_with_the_packaged_one_and_says_why(
        index_dir, tmp_path, monkeypatch):
    client, path = _app(index_dir, tmp_path, monkeypatch,
                        lambda p: p.write_bytes("父親 パパ\n".encode("shift_jis")))
    r = client.get("/api/search", query_string={"q": "双子", "mode": "bm25"})
    assert r.status_code == 200
    packaged = synonyms.Glossary.load(synonyms.DEFAULT_GLOSSARY_PATH)
    assert {a["word"] for a in r.get_json()["alternatives"]} == {"双子"} and packaged.synonyms_of("双子")
    for page in ("/admin/", "/admin/glossary"):
        html = unescape(client.get(page).get_data(as_text=True))
        assert ("設定された用語集のファイルを読み込めないため、同梱の既定の用語集で検索しています"
                "（ファイルの文字コードが UTF-8 ではありません（1 バイト目））") in html
        assert str(path) not in html.split('id="glossary-status"')[1].split("</div>")[0]   # not logged in


def test_a_glossary_with_a_bad_line_at_start_lists_the_line_on_the_admin_page(index_dir, tmp_path, monkeypatch):
    client, _path = _app(index_dir, tmp_path, monkeypatch,
                         lambda p: p.write_text("父親 パパ\n双子\n", encoding="utf-8"))
    assert client.get("/api/search", query_string={"q": "パパ", "mode": "bm25"}).status_code == 200
    html = unescape(client.get("/admin/").get_data(as_text=True))
    assert "検索に使っている用語集に 1 件の問題がある行があります" in html
    assert 'data-line="2">2行目: ' in html


def test_the_admin_page_of_a_good_glossary_says_nothing_about_it(index_dir, tmp_path, monkeypatch):
    client, _path = _app(index_dir, tmp_path, monkeypatch,
                         lambda p: p.write_text("父親 パパ\n", encoding="utf-8"))
    assert 'id="glossary-status"' not in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize("make, reason", [
    (lambda p: None, "用語集のファイルがありません"),
    (lambda p: p.mkdir(), "用語集のファイルの場所がフォルダーになっています"),
])
def test_a_missing_or_folder_glossary_at_start_falls_back_to_the_packaged_one_in_japanese(tmp_path, make, reason):
    path = tmp_path / "glossary.txt"
    make(path)
    live = LiveGlossary(path)
    assert len(live.get()) == len(synonyms.Glossary.load(synonyms.DEFAULT_GLOSSARY_PATH)) > 0
    assert live.problem == synonyms.MSG_FALLBACK.format(reason=reason)


def test_a_glossary_fixed_after_start_is_read_and_the_problem_cleared(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_bytes("父親 パパ\n".encode("shift_jis"))
    live = LiveGlossary(path)
    live.get()
    assert live.problem
    path.write_text("父親 パパ\n", encoding="utf-8")
    assert live.get().synonyms_of("パパ") == ["父親"]
    assert live.problem is None and live.bad_lines == []


def test_a_glossary_that_breaks_later_keeps_the_last_good_one_and_says_so(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text("父親 パパ\n", encoding="utf-8")
    live = LiveGlossary(path)
    live.get()
    path.write_bytes(b"\xff\xfe\xfa")
    assert live.get().synonyms_of("パパ") == ["父親"]
    assert live.problem.startswith("用語集のファイルを読み直せないため、前に読み込んだ内容で検索しています")
