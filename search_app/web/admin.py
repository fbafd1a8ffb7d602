"""Administration: report uploads and the reindex jobs they start.

    GET  /admin/                    upload form (token + CSRF), recent jobs
    POST /admin/upload              the form's target (CSRF token + admin token in the form)
    GET  /admin/jobs/<id>           a job's page (after a successful form upload in this session)
    POST /api/admin/upload          multipart `files` (several), `Authorization: Bearer <token>`
                                    or `X-Admin-Token: <token>`
    GET  /api/admin/jobs            recent jobs (token)
    GET  /api/admin/jobs/<id>       one job: state, timings, per-file results (token)

Why it is built this way:
- Uploads change what everyone searches, so they need the admin token
  (KYOTEN_ADMIN_TOKEN, app config ADMIN_TOKEN); without one configured they
  are switched off entirely (403), never open by default. Tokens are compared
  in constant time. The API takes the token in a header (no cookies, so no
  CSRF risk); the page takes it in a password field and also checks the
  session's CSRF token, since a browser would otherwise let any site post the
  form. A successful form upload remembers, in the signed session, a keyed
  fingerprint of the token (never the token itself) so the job page can be
  reloaded while the job runs; changing the token invalidates it.
- Size limits: each file up to MAX_UPLOAD_BYTES (KYOTEN_MAX_UPLOAD_MB, 20 MB),
  refused per file with its name so the rest of the batch goes through; the
  whole request up to MAX_UPLOAD_REQUEST_BYTES (default 5 files' worth), set
  per request on the upload routes only (the rest of the site keeps
  MAX_CONTENT_LENGTH). Over it: 413 with a message saying the limits.
- Saving and validation live in `search_app.uploads`, reindexing in
  `search_app.jobs`; the handlers here only check access and wire them up.

Config keys (app config; environment in brackets): ADMIN_TOKEN
[KYOTEN_ADMIN_TOKEN], CORPUS_DIR [KYOTEN_CORPUS], INDEX_DIR [KYOTEN_INDEX],
SEMANTIC [KYOTEN_SEMANTIC], MAX_UPLOAD_BYTES [KYOTEN_MAX_UPLOAD_MB],
MAX_UPLOAD_REQUEST_BYTES, MAX_UPLOAD_FILES (50), REINDEX_LOCK_WAIT (seconds a
job waits for another reindex, 1800).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import threading
from pathlib import Path

from flask import (Blueprint, Flask, current_app, jsonify, render_template, request, session,
                   url_for)
from werkzeug.exceptions import RequestEntityTooLarge

from .. import config
from ..jobs import DEFAULT_LOCK_WAIT, FILE_STATUS_LABELS, STATE_LABELS, JobRunner
from indexer.load import format_size

from ..uploads import DUPLICATE, REJECTED, SAVED, save_uploads
from .security import CSRF_FORM_FIELD, validate_csrf

log = logging.getLogger(__name__)

bp = Blueprint("admin", __name__)

_RUNNER_KEY = "kyoten_jobs"
_RUNNER_LOCK = threading.Lock()
_SESSION_KEY = "kyoten_admin"
UPLOAD_FIELD = "files"
TOKEN_FIELD = "admin_token"
DEFAULT_MAX_FILES = 50
REQUEST_FILES_WORTH = 5      # default request limit: this many files of the maximum size
_FORM_OVERHEAD = 1024 * 1024  # multipart headers and the other fields

MSG_DISABLED = ("アップロードは無効になっています。サーバーに管理用トークン（環境変数 KYOTEN_ADMIN_TOKEN）"
                "が設定されていないためです。")
MSG_NO_TOKEN = ("管理用トークンが必要です。Authorization: Bearer <トークン> または "
                "X-Admin-Token ヘッダーで送ってください。")
MSG_BAD_TOKEN = "管理用トークンが正しくありません。"
MSG_CSRF = "フォームの有効期限が切れたか、不正な送信です。ページを再読み込みしてからもう一度送信してください。"
MSG_NO_FILES = f"ファイルが選択されていません（フォーム項目名 {UPLOAD_FIELD}）。"
MSG_JOB_NOT_FOUND = "指定されたジョブは見つかりません（サーバーの再起動で消えた可能性があります）。"
MSG_PAGE_LOGIN = "ジョブの状況を見るには、このページからアップロードしてください（管理用トークンが必要です）。"


class UploadRequestError(Exception):
    """A request the upload cannot use at all (no files, too many); 400."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- configuration

def admin_enabled() -> bool:
    """True when an admin token is configured (KYOTEN_ADMIN_TOKEN / ADMIN_TOKEN)."""
    return bool(current_app.config.get("ADMIN_TOKEN"))


def check_token(given: str | None) -> bool:
    """Constant-time comparison of a presented token with the configured one."""
    expected = current_app.config.get("ADMIN_TOKEN")
    if not expected or not given:
        return False
    return hmac.compare_digest(str(expected).encode(), str(given).encode())


def corpus_dir() -> Path:
    return Path(current_app.config.get("CORPUS_DIR") or config.corpus_dir())


def max_file_bytes() -> int:
    value = current_app.config.get("MAX_UPLOAD_BYTES")
    if value:
        return int(value)
    try:
        return config.max_upload_bytes()
    except ValueError:  # malformed KYOTEN_MAX_UPLOAD_MB: the documented default
        return 20 * 1024 * 1024


def max_request_bytes() -> int:
    value = current_app.config.get("MAX_UPLOAD_REQUEST_BYTES")
    return int(value) if value else max_file_bytes() * REQUEST_FILES_WORTH + _FORM_OVERHEAD


def limits() -> dict:
    return {"file": format_size(max_file_bytes()), "request": format_size(max_request_bytes()),
            "files": int(current_app.config.get("MAX_UPLOAD_FILES") or DEFAULT_MAX_FILES)}



def _service_embedder(app):
    """The search service's loaded model, shared with upload jobs (one copy in memory)."""
    if not app.config.get("SEMANTIC", True):
        return None
    from . import get_service  # the package imports this module: import at call time

    with app.app_context():
        try:
            return get_service().embedder()
        except Exception:  # no index yet, or no model: the job loads what it needs
            return None

def job_runner(app: Flask | None = None) -> JobRunner:
    """The app's job runner, started on first use (one worker thread per app)."""
    app = app or current_app._get_current_object()
    runner = app.extensions.get(_RUNNER_KEY)
    if runner is None:
        with _RUNNER_LOCK:
            runner = app.extensions.get(_RUNNER_KEY)
            if runner is None:
                with app.app_context():
                    runner = JobRunner(
                        corpus_dir(), Path(app.config.get("INDEX_DIR") or config.index_dir()),
                        semantic=bool(app.config.get("SEMANTIC", True)), max_bytes=max_file_bytes(),
                        lock_wait=float(app.config.get("REINDEX_LOCK_WAIT") or DEFAULT_LOCK_WAIT),
                        embedder=app.config.get("EMBEDDER") or _service_embedder(app))
                app.extensions[_RUNNER_KEY] = runner
    return runner


def shutdown_jobs(app: Flask, timeout: float = 30.0) -> None:
    """Stop the app's job worker after its queued jobs (tests)."""
    runner = app.extensions.pop(_RUNNER_KEY, None)
    if runner is not None:
        runner.shutdown(timeout)


# --------------------------------------------------------------------------- access

def _presented_token() -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("X-Admin-Token") or None


def _json_error(message: str, status: int, **headers):
    resp = jsonify({"error": message})
    resp.status_code = status
    resp.headers.update(headers)
    return resp


def require_api_token(view):
    """Disabled -> 403; no token -> 401; wrong token -> 401. Checked before the body is read."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not admin_enabled():
            return _json_error(MSG_DISABLED, 403)
        given = _presented_token()
        if not given:
            return _json_error(MSG_NO_TOKEN, 401, **{"WWW-Authenticate": 'Bearer realm="kyoten-admin"'})
        if not check_token(given):
            log.warning("admin API: wrong token from %s", request.remote_addr)
            return _json_error(MSG_BAD_TOKEN, 401, **{
                "WWW-Authenticate": 'Bearer realm="kyoten-admin", error="invalid_token"'})
        return view(*args, **kwargs)

    return wrapped


def _fingerprint() -> str:
    """A keyed hash of the configured token: what the session remembers instead of it."""
    key = str(current_app.config.get("SECRET_KEY") or "").encode()
    return hmac.new(key, str(current_app.config.get("ADMIN_TOKEN")).encode(), hashlib.sha256).hexdigest()


def _session_authorised() -> bool:
    remembered = session.get(_SESSION_KEY)
    return bool(admin_enabled() and remembered and hmac.compare_digest(str(remembered), _fingerprint()))


# --------------------------------------------------------------------------- request limits

@bp.before_request
def _upload_request_limit():
    """Batches may be larger than the site-wide MAX_CONTENT_LENGTH (one file's worth)."""
    if request.endpoint in ("admin.api_upload", "admin.upload"):
        try:
            request.max_content_length = max_request_bytes()
        except AttributeError:  # Flask < 3.1: the site-wide limit applies
            pass


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_exc):
    lim = limits()
    message = (f"送信データが大きすぎます（1回の送信の上限 {lim['request']}、1ファイルの上限 {lim['file']}）。"
               "ファイルを分けて送信してください。")
    if request.path.startswith("/api/"):
        return _json_error(message, 413)
    return _admin_page(413, error=message)


# --------------------------------------------------------------------------- the upload itself

def _handle_upload() -> dict:
    """Save the request's files and queue a reindex when any was saved."""
    storages = [f for f in request.files.getlist(UPLOAD_FIELD) + request.files.getlist("file")
                if f is not None and f.filename]   # a form with no file chosen sends filename=""
    if not storages:
        raise UploadRequestError(MSG_NO_FILES)
    max_files = limits()["files"]
    if len(storages) > max_files:
        raise UploadRequestError(f"一度に送信できるのは {max_files} ファイルまでです（{len(storages)} ファイル）。")
    results = [r.to_dict() for r in save_uploads(
        [(f.filename, f.stream) for f in storages], corpus_dir(), max_file_bytes())]
    saved = sum(r["status"] == SAVED for r in results)
    job = job_runner().submit(results) if saved else None
    return {
        "files": results, "saved": saved,
        "duplicates": sum(r["status"] == DUPLICATE for r in results),
        "rejected": sum(r["status"] == REJECTED for r in results),
        "job": job,
        "job_url": url_for("admin.api_job", job_id=job["id"]) if job else None,
        "message": (f"{saved} 件を保存しました。再索引を開始します。" if saved
                    else "保存したファイルはありません（再索引は行いません）。"),
    }


# --------------------------------------------------------------------------- JSON API

@bp.post("/api/admin/upload")
@require_api_token
def api_upload():
    try:
        outcome = _handle_upload()
    except UploadRequestError as exc:
        return _json_error(exc.message, 400)
    return jsonify(outcome), (202 if outcome["job"] else 200)


@bp.get("/api/admin/jobs")
@require_api_token
def api_jobs():
    return jsonify({"jobs": job_runner().recent(20)})


@bp.get("/api/admin/jobs/<job_id>")
@require_api_token
def api_job(job_id: str):
    job = job_runner().get(job_id)
    if job is None:
        return _json_error(MSG_JOB_NOT_FOUND, 404)
    return jsonify(job)


# --------------------------------------------------------------------------- pages

def _admin_page(status: int = 200, *, error: str | None = None):
    jobs = job_runner().recent(10) if _session_authorised() else []
    return render_template("admin.html", enabled=admin_enabled(), error=error, limits=limits(),
                           jobs=jobs, state_labels=STATE_LABELS), status


@bp.get("/admin/")
def index():
    return _admin_page()


@bp.post("/admin/upload")
def upload():
    if not admin_enabled():
        return _admin_page(403, error=MSG_DISABLED)
    if not validate_csrf(request.form.get(CSRF_FORM_FIELD)):
        return _admin_page(400, error=MSG_CSRF)
    if not check_token(request.form.get(TOKEN_FIELD)):
        log.warning("admin page: wrong token from %s", request.remote_addr)
        return _admin_page(401, error=MSG_BAD_TOKEN)
    session[_SESSION_KEY] = _fingerprint()
    try:
        outcome = _handle_upload()
    except UploadRequestError as exc:
        return _admin_page(400, error=exc.message)
    return _job_page(outcome["job"], outcome)


@bp.get("/admin/jobs/<job_id>")
def job_page(job_id: str):
    if not _session_authorised():
        return _admin_page(401, error=MSG_PAGE_LOGIN)
    job = job_runner().get(job_id)
    if job is None:
        return _admin_page(404, error=MSG_JOB_NOT_FOUND)
    return _job_page(job)


def _job_page(job: dict | None, outcome: dict | None = None):
    """A job's state and per-file results; reloads itself while the job is unfinished."""
    files = job["files"] if job else (outcome or {}).get("files", [])
    resp = current_app.make_response(render_template(
        "admin_job.html", job=job, outcome=outcome, files=files, state_labels=STATE_LABELS,
        file_labels=FILE_STATUS_LABELS))
    if job and job["state"] in ("queued", "running"):
        # A Refresh header, not script or a <meta> in the body: the CSP forbids inline script.
        resp.headers["Refresh"] = f"2; url={url_for('admin.job_page', job_id=job['id'])}"
    return resp
