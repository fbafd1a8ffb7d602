"""The glossary admin page as tests drive it through the Flask client: an app with an admin
token, a staff-editable glossary file chosen the documented way, the page's CSRF token, and a
glossary saved through the form."""

from __future__ import annotations

import re

import pytest

from indexer import synonyms

TOKEN = "glossary-test-token"


@pytest.fixture()
def glossary_file(tmp_path, monkeypatch):
    """A staff-editable glossary outside the package, chosen the documented way."""
    path = tmp_path / "config" / "glossary.txt"
    monkeypatch.setenv(synonyms.ENV_VAR, str(path))
    return path


def make_client(tmp_path, token=TOKEN, **extra):
    from search_app.web import create_app

    config = {"TESTING": True, "ADMIN_TOKEN": token, "INDEX_DIR": str(tmp_path / "no-index")}
    config.update(extra)
    return create_app(config).test_client()


def csrf(client, path="/admin/glossary") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post_glossary(client, text, token=TOKEN, csrf_token=None):
    return client.post("/admin/glossary", data={
        "glossary": text, "admin_token": token, "csrf_token": csrf_token or csrf(client)})
