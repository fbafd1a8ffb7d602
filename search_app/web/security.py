"""Response hardening, CSRF tokens for forms, and error pages.

- Every response carries a strict Content-Security-Policy (no inline script or
  style), `X-Content-Type-Options: nosniff`, a `Referrer-Policy` and
  `X-Frame-Options`.
- `csrf_token()` / `csrf_field()` (also template globals) give a per-session
  token; `validate_csrf()` / `@csrf_protect` check it on POST. The admin upload
  form uses these.
- Errors answer in Japanese HTML for pages and as JSON `{"error": ...}` under
  `/api/` and `/healthz`; never a stack trace.
"""

from __future__ import annotations

import functools
import hmac
import logging
import secrets

from flask import Flask, abort, jsonify, make_response, render_template, request, session
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, InternalServerError

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

def _add_headers(response):
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    if request.path.startswith("/api/") or request.path == "/healthz":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(InternalServerError, _handle_http)
    app.register_error_handler(Exception, _handle_exception)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["csrf_field"] = csrf_field
