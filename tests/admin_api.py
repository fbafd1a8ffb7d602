"""The server as the tests drive it over HTTP, one way for every module: JSON requests,
multipart uploads, jobs waited for, and a logged-in admin's cookie session that posts
forms with the page's CSRF token (as a browser without JavaScript does)."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

from benchmarks.upload_latency import request

JOB_TIMEOUT = 180.0


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 30.0) -> tuple[int, dict]:
    """One request; (status, JSON body) for successes and HTTP errors alike."""
    return request(method, url, body, headers, timeout)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def multipart(field: str, files: list[tuple[str, bytes]], fields: dict | None = None,
              content_type: str = "text/plain") -> tuple[bytes, str]:
    """A multipart/form-data body (RFC 7578: the UTF-8 file name as is, quoted): plain
    `fields` first, then each (name, bytes) under `field`; (body, its Content-Type)."""
    boundary = "kyoten-" + uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode("utf-8")
             for k, v in (fields or {}).items()]
    for name, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode("utf-8") + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def upload(base: str, token: str, files: list[tuple[str, bytes]], **fields) -> tuple[int, dict]:
    """POST /api/admin/upload with the files (and form fields such as ward); (status, answer)."""
    body, ctype = multipart("files", files, fields)
    return http("POST", base + "/api/admin/upload", body, {**bearer(token), "Content-Type": ctype})


def wait_for_job(base: str, job_id: str, token: str, until=("done", "failed"),
                 timeout: float = JOB_TIMEOUT) -> dict:
    """The job's state once it is one of `until` (fails the test after `timeout` s)."""
    deadline = time.monotonic() + timeout
    while True:
        status, job = http("GET", f"{base}/api/admin/jobs/{job_id}", headers=bearer(token))
        assert status == 200, job
        if job["state"] in until:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.1)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class AdminSession:
    """An admin's browser without JavaScript: cookies kept, forms posted with the CSRF
    token of the page they are on. `login=True` logs in with `token` at once."""

    def __init__(self, base: str, token: str, login: bool = False):
        self.base, self.token = base, token
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        if login:
            self.login()

    def open(self, path: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
        """(status, final URL, page) of a GET, or of a POST when `data` is given."""
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status, resp.geturl(), resp.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.geturl(), err.read().decode("utf-8")

    def get(self, path: str) -> str:
        status, _url, page = self.open(path)
        assert status == 200, (path, status)
        return page

    def csrf(self, path: str = "/admin/") -> str:
        return csrf_of(self.open(path)[2])

    def post(self, path: str, fields: dict, csrf_from: str | None = "/admin/") -> tuple[int, str, str]:
        """A urlencoded form post with the CSRF token of `csrf_from` (None: `fields` as given)."""
        if csrf_from is not None:
            fields = {"csrf_token": self.csrf(csrf_from), **fields}
        return self.open(path, urllib.parse.urlencode(fields).encode())

    def login(self) -> None:
        status, _url, _page = self.post("/admin/login", {"admin_token": self.token})
        assert status == 200, status

    def post_form(self, path: str, fields: dict, files: list[tuple[str, str, bytes]] = (),
                  csrf_from: str = "/admin/") -> tuple[int, str, str]:
        """A multipart form post of (field, file name, bytes) files (the browser follows the 303)."""
        boundary = "b-" + uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                 for k, v in {"csrf_token": self.csrf(csrf_from), **fields}.items()]
        parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                  "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n"
                  for field, name, data in files]
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.open(path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def get_json(base: str, path: str, token: str | None = None, **params) -> dict:
    """GET `path` with URL parameters (as admin with `token`); its JSON, status 200 asserted."""
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    status, body = http("GET", base + path + query, headers=bearer(token) if token else None, timeout=120)
    assert status == 200, (path, status, body)
    return body


def post_json(base: str, path: str, token: str, payload: dict) -> dict:
    """POST a JSON body to an admin route; its JSON answer (2xx asserted)."""
    status, body = http("POST", base + path, json.dumps(payload).encode("utf-8"),
                        {**bearer(token), "Content-Type": "application/json"})
    assert 200 <= status < 300, (path, status, body)
    return body


def upload_job(base: str, token: str, files: list[tuple[str, bytes | str]], **fields) -> str:
    """Upload files (text is sent as UTF-8) that start a job; the job's id."""
    status, answer = upload(base, token, [(n, d.encode("utf-8") if isinstance(d, str) else d)
                                          for n, d in files], **fields)
    assert status == 202 and answer["job"], answer
    return answer["job"]["id"]
