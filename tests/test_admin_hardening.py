"""Admin hardening: wrong tokens are rate-limited per client (API and forms),
and the session cookie is Secure when the site is served over HTTPS.

The app is built over a copy of the seed corpus's keyword-only index, as in
test_uploads.py; nothing here reindexes.
"""

from __future__ import annotations

import re

import pytest

from search_app.web import admin, create_app
from search_app.web.security import FailureLimiter
from upload_site import TOKEN, csrf_from, make_site, seed_index  # noqa: F401  (fixture)

WRONG = {"Authorization": "Bearer wrong-token"}
RIGHT = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def site(seed_index, tmp_path):  # noqa: F811
    s = make_site(seed_index, tmp_path)
    yield s
    admin.shutdown_jobs(s.app)


def api_jobs(site, headers, addr="10.0.0.1"):
    return site.client.get("/api/admin/jobs", headers=headers, environ_base={"REMOTE_ADDR": addr})


def test_ten_wrong_tokens_a_minute_then_the_api_answers_429_with_retry_after(site):
    for _ in range(10):
        assert api_jobs(site, WRONG).status_code == 401
    blocked = api_jobs(site, WRONG)
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    message = blocked.get_json()["error"]
    assert "秒後" in message and blocked.headers["Retry-After"] in message
    # while blocked, even the right token is not looked at: guessing cannot continue
    assert api_jobs(site, RIGHT).status_code == 429


def test_the_limit_is_per_client(site):
    for _ in range(11):
        api_jobs(site, WRONG, addr="10.0.0.1")
    assert api_jobs(site, WRONG, addr="10.0.0.1").status_code == 429
    assert api_jobs(site, WRONG, addr="10.0.0.2").status_code == 401
    assert api_jobs(site, RIGHT, addr="10.0.0.2").status_code == 200


def test_right_tokens_do_not_count_against_the_client(site):
    for _ in range(30):
        assert api_jobs(site, RIGHT).status_code == 200


def test_wrong_tokens_on_the_login_form_are_rate_limited_too(site):
    csrf = csrf_from(site.client.get("/admin/").get_data(as_text=True))
    statuses = [site.client.post("/admin/login", data={"csrf_token": csrf, "admin_token": "nope"},
                                 environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code for _ in range(11)]
    assert statuses == [401] * 10 + [429]
    resp = site.client.post("/admin/login", data={"csrf_token": csrf, "admin_token": TOKEN},
                            environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert resp.status_code == 429 and resp.headers["Retry-After"]
    assert "しばらく受け付けません" in resp.get_data(as_text=True)


def test_wrong_tokens_on_the_upload_form_count_with_those_on_the_api(site):
    for _ in range(10):
        api_jobs(site, WRONG, addr="10.0.0.7")
    csrf = csrf_from(site.client.get("/admin/").get_data(as_text=True))
    resp = site.client.post("/admin/upload", content_type="multipart/form-data",
                            environ_base={"REMOTE_ADDR": "10.0.0.7"},
                            data={"csrf_token": csrf, "admin_token": "nope", "files": []})
    assert resp.status_code == 429
    assert not (site.corpus / "uploads").exists()


def test_the_limit_lifts_when_the_failures_leave_the_window():
    now = [1000.0]
    limiter = FailureLimiter(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert limiter.retry_after("a") is None
        limiter.fail("a")
    assert limiter.retry_after("a") == 60
    now[0] += 45
    assert limiter.retry_after("a") == 15
    now[0] += 15
    assert limiter.retry_after("a") is None


def session_cookie(resp) -> str:
    cookies = [v for k, v in resp.headers.items() if k.lower() == "set-cookie" and v.startswith("session=")]
    assert cookies, resp.headers
    return cookies[0]


def login(site, **environ):
    page = site.client.get("/admin/", environ_base=environ)
    csrf = csrf_from(page.get_data(as_text=True))
    resp = site.client.post("/admin/login", data={"csrf_token": csrf, "admin_token": TOKEN},
                            environ_base=environ)
    assert resp.status_code == 303, resp.get_data(as_text=True)
    return resp


def test_session_cookie_is_httponly_and_not_secure_over_plain_http_by_default(site):
    cookie = session_cookie(login(site))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert not re.search(r";\s*Secure", cookie)


def test_session_cookie_is_secure_when_kyoten_https_is_set(seed_index, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("KYOTEN_HTTPS", "1")
    site = make_site(seed_index, tmp_path)
    assert re.search(r";\s*Secure", session_cookie(login(site)))


def test_forwarded_https_makes_the_cookie_secure_only_behind_a_trusted_proxy(seed_index, tmp_path):  # noqa: F811
    forwarded = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    untrusted = make_site(seed_index, tmp_path / "a")
    assert not re.search(r";\s*Secure", session_cookie(login(untrusted, **forwarded)))
    trusted = make_site(seed_index, tmp_path / "b", TRUST_PROXY=True)
    assert re.search(r";\s*Secure", session_cookie(login(trusted, **forwarded)))


def test_behind_a_trusted_proxy_the_limit_applies_to_the_forwarded_client(seed_index, tmp_path):  # noqa: F811
    site = make_site(seed_index, tmp_path, TRUST_PROXY=True)

    def through_proxy(client_addr, headers):
        return site.client.get("/api/admin/jobs", headers=headers, environ_base={
            "REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": client_addr})

    for _ in range(10):
        through_proxy("198.51.100.1", WRONG)
    assert through_proxy("198.51.100.1", WRONG).status_code == 429
    assert through_proxy("198.51.100.2", RIGHT).status_code == 200   # the proxy itself is not blocked


def test_a_direct_https_request_gets_a_secure_cookie():
    app = create_app({"TESTING": True, "ADMIN_TOKEN": TOKEN, "INDEX_DIR": "/nonexistent"})
    client = app.test_client()
    resp = client.get("/admin/", base_url="https://localhost")
    assert resp.status_code == 200
    assert re.search(r";\s*Secure", session_cookie(resp))


@pytest.mark.parametrize("value", ["0", "-5"])
def test_an_upload_limit_of_zero_megabytes_falls_back_to_the_default_instead_of_refusing_every_post(
        value, monkeypatch):
    """KYOTEN_MAX_UPLOAD_MB=0 would make every upload (and every form post) too large: like a
    malformed value it is ignored with a warning and the documented 20 MB applies."""
    monkeypatch.setenv("KYOTEN_MAX_UPLOAD_MB", value)
    app = create_app({"TESTING": True, "ADMIN_TOKEN": TOKEN, "INDEX_DIR": "/nonexistent"})
    assert app.config["MAX_CONTENT_LENGTH"] >= 20 * 1024 * 1024
    with app.app_context():
        assert admin.max_file_bytes() == 20 * 1024 * 1024
    resp = app.test_client().get("/admin/")
    assert resp.status_code == 200
