"""Response hardening, CSRF tokens for forms, and error pages.

- Every response carries a strict Content-Security-Policy (no inline script or
  style), `X-Content-Type-Options: nosniff`, a `Referrer-Policy` and
  `X-Frame-Options`.
- `csrf_token()` / `csrf_field()` (also template globals) give a per-session
  token; `validate_csrf()` / `@csrf_protect` check it on POST. The admin upload
  form uses these.
- Errors answer in Japanese HTML for pages and as JSON `{"error": ...}` under
  `/api/` and `/healthz`; never a stack trace.
- Wrong admin tokens are rate-limited per client (`FailureLimiter`: by
  default 10 failures a minute, then 429 with Retry-After until the oldest
  failure leaves the window), for the form and the API alike, so the token
  cannot be guessed at network speed.
- The session cookie is `Secure` when the site is served over HTTPS:
  `KYOTEN_HTTPS=1` (config HTTPS) says so outright; otherwise the request
  decides, and behind a reverse proxy its `X-Forwarded-Proto` /
  `X-Forwarded-For` headers are believed only with `KYOTEN_TRUST_PROXY=1`
  (config TRUST_PROXY; one proxy hop), since anyone can send them.
"""

from __future__ import annotations

import functools
import hmac
import logging
import math
import os
import secrets
import threading
import time
from collections import deque

from flask import Flask, abort, current_app, g, jsonify, make_response, render_template, request, session
from markupsafe import Markup, escape
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.middleware.proxy_fix import ProxyFix

log = logging.getLogger(__name__)

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

CSRF_SESSION_KEY = "_csrf_token"
CSRF_FORM_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"

# Japanese titles and explanations for the error pages and JSON messages.
ERROR_TEXT = {
    400: ("リクエストが正しくありません", "入力内容を確認して、もう一度お試しください。"),
    403: ("アクセスできません", "このページを表示する権限がないか、フォームの有効期限が切れています。ページを再読み込みしてからお試しください。"),
    404: ("ページが見つかりません", "お探しのページは存在しないか、移動または削除された可能性があります。"),
    405: ("この操作はできません", "このページではその操作は使えません。"),
    413: ("データが大きすぎます", "送信されたデータが上限を超えています。"),
    429: ("リクエストが多すぎます", "しばらく待ってからお試しください。"),
    500: ("サーバーでエラーが発生しました", "しばらく待ってからもう一度お試しください。問題が続く場合は管理者にお知らせください。"),
    503: ("現在ご利用いただけません", "検索インデックスの準備ができていません。しばらく待ってからお試しください。"),
}


# --------------------------------------------------------------------------- CSRF

def csrf_token() -> str:
    """The session's CSRF token, created on first use."""
    token = session.get(CSRF_SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


def csrf_field() -> Markup:
    """A hidden <input> carrying the token, for use inside a POST form."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        CSRF_FORM_FIELD, escape(csrf_token()))


def validate_csrf(token: str | None) -> bool:
    expected = session.get(CSRF_SESSION_KEY)
    if not expected or not token:
        return False
    return hmac.compare_digest(str(expected), str(token))


def csrf_protect(view):
    """Decorator: reject unsafe methods without a valid token (403)."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            token = request.form.get(CSRF_FORM_FIELD) or request.headers.get(CSRF_HEADER)
            if not validate_csrf(token):
                abort(403, description="フォームの有効期限が切れたか、不正な送信です。ページを再読み込みしてからもう一度送信してください。")
        return view(*args, **kwargs)

    return wrapped


# --------------------------------------------------------------------------- failed-token rate limit

DEFAULT_FAILURE_LIMIT = 10       # wrong tokens per client …
DEFAULT_FAILURE_WINDOW = 60.0    # … per this many seconds
_MAX_CLIENTS = 10_000            # bounded memory even under a spray from many addresses
_LIMITER_KEY = "kyoten_token_failures"


class FailureLimiter:
    """Counts failures per client in a sliding window; thread-safe."""

    def __init__(self, limit: int = DEFAULT_FAILURE_LIMIT, window: float = DEFAULT_FAILURE_WINDOW,
                 clock=time.monotonic):
        self.limit, self.window, self.clock = int(limit), float(window), clock
        self._failures: dict[str, deque] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque:
        times = self._failures.get(client)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[client]
        return times

    def retry_after(self, client: str) -> int | None:
        """Seconds until `client` may try again, or None when it may try now."""
        with self._lock:
            now = self.clock()
            times = self._recent(client, now)
            if len(times) < self.limit:
                return None
            return max(1, math.ceil(times[0] + self.window - now))

    def fail(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            self._recent(client, now)
            if client not in self._failures and len(self._failures) >= _MAX_CLIENTS:
                self._prune(now)
            self._failures.setdefault(client, deque()).append(now)

    def _prune(self, now: float) -> None:
        for client in list(self._failures):
            self._recent(client, now)
        while len(self._failures) >= _MAX_CLIENTS:   # still full: forget the oldest client
            self._failures.pop(next(iter(self._failures)))


def token_limiter() -> FailureLimiter:
    return current_app.extensions[_LIMITER_KEY]


def client_id() -> str:
    """The client's address (the proxy's view of it when TRUST_PROXY is set)."""
    return request.remote_addr or "unknown"


def retry_message(seconds: int) -> str:
    return (f"管理用トークンの誤りが続いたため、しばらく受け付けません。"
            f"{seconds} 秒後にもう一度お試しください。")


# --------------------------------------------------------------------------- HTTPS cookies

def _flag(value) -> bool:
    return str(value or "").strip().lower() in ("1", "true", "yes", "on")


class _SessionInterface(SecureCookieSessionInterface):
    """Marks the session cookie Secure when the site or this request is HTTPS."""

    def get_cookie_secure(self, app) -> bool:
        if app.config.get("SESSION_COOKIE_SECURE") or _flag(app.config.get("HTTPS")):
            return True
        try:
            return bool(request.is_secure)
        except RuntimeError:  # outside a request
            return False


# --------------------------------------------------------------------------- errors

def wants_json() -> bool:
    path = request.path or ""
    return path.startswith("/api/") or path == "/api" or path == "/healthz"


def error_response(status: int, message: str | None = None):
    title, explanation = ERROR_TEXT.get(status, ERROR_TEXT[500] if status >= 500 else ERROR_TEXT[400])
    if wants_json():
        resp = jsonify({"error": message or title})
        resp.status_code = status
        return resp
    return render_template("error.html", status=status, title=title,
                           message=message, explanation=explanation), status


def _handle_http(exc: HTTPException):
    status = exc.code or 500
    # werkzeug's default descriptions are English; show only our own (Japanese) ones.
    message = exc.description if _is_japanese(exc.description) else None
    resp = make_response(error_response(status, message))
    # keep headers such as Allow on 405
    for key, value in exc.get_headers():
        if key.lower() != "content-type":
            resp.headers[key] = value
    return resp


def _handle_exception(exc: Exception):
    if isinstance(exc, HTTPException):
        return _handle_http(exc)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500)


def _is_japanese(text: str | None) -> bool:
    return bool(text) and any("\u3040" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


# --------------------------------------------------------------------------- wiring

def _refuse_undecodable():
    """A URL whose parameters are not UTF-8 (?q=%FF%FE) is answered with a Japanese 400
    before any route reads them: never a search on the percent-escapes werkzeug keeps.
    The search page says it above its (emptied) form itself (pages.search)."""
    from .api import undecodable_params, undecodable_message

    bad = undecodable_params()
    if not bad:
        return None
    g.undecodable = bad
    if request.endpoint == "pages.search":
        return None
    return error_response(400, undecodable_message(bad))


def _add_headers(response):
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    if request.path.startswith("/api/") or request.path == "/healthz":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    app.config.setdefault("HTTPS", _flag(os.environ.get("KYOTEN_HTTPS")))
    app.config.setdefault("TRUST_PROXY", _flag(os.environ.get("KYOTEN_TRUST_PROXY")))
    if _flag(app.config.get("TRUST_PROXY")):
        # One reverse proxy in front: its X-Forwarded-For / -Proto / -Host are believed.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    app.session_interface = _SessionInterface()
    app.extensions[_LIMITER_KEY] = FailureLimiter(
        int(app.config.get("TOKEN_FAILURE_LIMIT") or DEFAULT_FAILURE_LIMIT),
        float(app.config.get("TOKEN_FAILURE_WINDOW") or DEFAULT_FAILURE_WINDOW))
    app.before_request(_refuse_undecodable)
    app.after_request(_add_headers)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(InternalServerError, _handle_http)
    app.register_error_handler(Exception, _handle_exception)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["csrf_field"] = csrf_field
