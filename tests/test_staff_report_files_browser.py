"""Replacing and removing a report on its document page, in Debian's Chromium.

The admin logs in, opens the page of a report an upload indexed, replaces its file
with a new version from the form (the job page follows the reindex), then removes
it with the tick and the button; search then finds neither version. The app runs
on waitress over a copy of the seed corpus (keyword-only index; the reindex job is
a real child process), see tests/test_uploads.py.
"""

from __future__ import annotations

import pytest

from browsers import browser_page, needs_chromium
from upload_site import TOKEN, seed_index, served, yearly_report  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def page():
    with browser_page() as pg:
        yield pg


def found(site, phrase: str) -> set[str]:
    return {r["source"]["file"] for r in site.search(phrase)["results"] if phrase in r["text"]}


def test_an_admin_replaces_then_removes_a_report_on_its_page_and_search_follows(served, page, tmp_path):
    site, base_url = served
    old_phrase, new_phrase = "ページで差し替えるヒツジ体操", "差し替え後のヤギ体操"
    body, job = site.upload_and_index(("ページの報告.txt", yearly_report("中区", old_phrase).encode("utf-8")))
    doc_id, saved_as = job["files"][0]["doc_id"], job["files"][0]["saved_as"]
    assert site.finds(old_phrase, saved_as)

    page.goto(base_url + "/admin/")
    page.locator("#login-token").fill(TOKEN)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()

    page.goto(f"{base_url}/documents/{doc_id}")
    page.get_by_text("報告書のファイルを差し替える・削除する（管理者）").click()
    new_version = tmp_path / "ページの報告_修正版.txt"
    new_version.write_bytes(yearly_report("中区", new_phrase).encode("utf-8"))
    page.locator("#replace-file").set_input_files(str(new_version))
    page.get_by_role("button", name="差し替えて索引に反映").click()
    page.wait_for_load_state()
    assert "ページの報告_修正版.txt に差し替え" in page.locator("main").inner_text()
    page.locator(".state-done").wait_for(timeout=180_000)
    assert "ページの報告_修正版.txt に差し替えました" in page.locator(".job-reason").inner_text()   # done: said as done
    assert site.finds(new_phrase, saved_as) and found(site, old_phrase) == set()

    page.get_by_role("link", name="ページの報告_修正版.txt").click()   # the new version's document page
    page.get_by_text("報告書のファイルを差し替える・削除する（管理者）").click()
    page.get_by_label("を検索対象から削除します").check()
    page.get_by_role("button", name="削除して索引に反映").click()
    page.wait_for_load_state()
    assert "検索対象から削除し" in page.locator("main").inner_text()
    page.locator(".state-done").wait_for(timeout=180_000)
    assert "検索対象から削除しました" in page.locator(".job-reason").inner_text()
    assert "削除 1 件" in page.locator("main").inner_text()
    assert not site.finds(new_phrase, saved_as, timeout=3.0) and found(site, old_phrase) == set()
    assert not (site.corpus / saved_as).exists()
    assert len(list((site.corpus / "uploads" / ".removed").iterdir())) == 2   # both versions kept
