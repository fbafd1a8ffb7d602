"""Administration: report uploads and the reindex jobs they start.

    GET  /admin/                    upload form (token + CSRF), login, recent jobs
    POST /admin/login               remember the admin in this browser's session (token + CSRF)
    POST /admin/logout              forget it (CSRF)
    POST /admin/upload              the form's target (CSRF token + admin token or admin session)
    GET  /admin/jobs/<id>           a job's page (admin session); the upload form redirects here
    GET  /admin/uploads/<id>        the result of a form upload that started no job (every
                                    file refused or a duplicate; admin session)
    POST /admin/jobs/<id>/retry     run a failed job again on the files it saved (admin session + CSRF)
    POST /admin/documents/<id>/metadata
                                    correct a document's ward / year / type (admin session + CSRF)
    POST /admin/documents/<id>/replace   a document's new version (admin session + CSRF)
    POST /admin/documents/<id>/delete    remove a document (admin session + CSRF)
    POST /api/admin/upload          multipart `files` (several), `Authorization: Bearer <token>`
                                    or `X-Admin-Token: <token>`; metadata fields below
    POST /api/admin/documents/<id>/metadata   the same correction (token)
    POST /api/admin/documents/<id>/replace    the same replacement (token)
    POST /api/admin/documents/<id>/delete     the same removal (token)
    GET  /api/admin/jobs            recent jobs (token)
    GET  /api/admin/jobs/<id>       one job: state, timings, per-file results (token)
    POST /api/admin/jobs/<id>/retry run a failed job again (token)

Metadata an uploader states (the text may not say it): form fields `ward`
(one of the 18 wards or a named 市/町/村), `year` (2023, 令和5年度, R5) and
optionally `year_to` (a five-year summary's last year), `doc_type` (単年度評価 /
5か年のまとめ) apply to every file of the batch; `ward_<i>`, `year_<i>`,
`year_to_<i>`, `doc_type_<i>` override them for the i-th file (0-based, in the
order sent). Everything is validated with `indexer.sidecar.validate` before
any file is saved: one bad value is a 400 naming the file and the field, and
nothing is saved. The values are stored beside the file as its sidecar
(`<file>.meta.json`) and win over what the text says, at every reindex.

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
- Wrong tokens count against the client (`security.FailureLimiter`): after
  10 in a minute, every token-checked route answers 429 with Retry-After
  until the window has passed, before looking at the token.
- Saving and cheap checks live in `search_app.uploads`, reindexing (in a
  child process) in `search_app.jobs`; the handlers here only check access
  and wire them up.

Config keys (app config; environment in brackets): ADMIN_TOKEN
[KYOTEN_ADMIN_TOKEN], CORPUS_DIR [KYOTEN_CORPUS], INDEX_DIR [KYOTEN_INDEX],
SEMANTIC [KYOTEN_SEMANTIC], MAX_UPLOAD_BYTES [KYOTEN_MAX_UPLOAD_MB],
MAX_UPLOAD_REQUEST_BYTES, MAX_UPLOAD_FILES (50), REINDEX_LOCK_WAIT (seconds a
job waits for another reindex, 1800), REINDEX_JOB_TIMEOUT (seconds a job's
reindex may run before it is stopped, 4 h; 0 = no limit), TOKEN_FAILURE_LIMIT / TOKEN_FAILURE_WINDOW
(10 / 60 s), HTTPS [KYOTEN_HTTPS], TRUST_PROXY [KYOTEN_TRUST_PROXY].
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import re
import threading
from pathlib import Path

from flask import (Blueprint, Flask, current_app, jsonify, redirect, render_template, request,
                   session, url_for)
from werkzeug.exceptions import RequestEntityTooLarge

from indexer import oserrors, sidecar, store
from indexer.load import DEFAULT_MAX_BYTES, format_size

from .. import config, jobs
from ..jobs import DEFAULT_JOB_TIMEOUT, DEFAULT_LOCK_WAIT, FILE_STATUS_LABELS, STATE_LABELS, JobRunner
from ..uploads import (DUPLICATE, REJECTED, SAVED, FileResult, display_name, remove_report, replace_report,
                       save_uploads, sent_filename)
from .outcomes import JOURNAL_NAME as OUTCOMES_JOURNAL
from .outcomes import OutcomeStore
from .security import CSRF_FORM_FIELD, client_id, retry_message, token_limiter, validate_csrf

log = logging.getLogger(__name__)

bp = Blueprint("admin", __name__)

# A job's reason is written when it is queued, as what it will do (「…に差し替えます」); a
# finished job's page said so still after it was done. Shown in the past once done.
_FUTURE_END = re.compile(r"ます(?=[。（]|$)")


def job_reason(job: dict | None) -> str:
    """A job's reason as its page shows it: what it will do while queued or running,
    what it did once done (「…に差し替えました」), what it could not do if it failed."""
    reason = (job or {}).get("reason") or ""
    state = (job or {}).get("state")
    if state == jobs.DONE:
        return _FUTURE_END.sub("ました", reason, count=1)
    if state == jobs.FAILED and reason:
        return f"行えませんでした：{reason}"
    return reason


@bp.record_once
def _job_helpers(state) -> None:
    state.app.jinja_env.globals.update(job_reason=job_reason)

_RUNNER_KEY = "kyoten_jobs"
_MAKE_LOCK = threading.RLock()        # guards the first making of a per-app object
_SESSION_KEY = "kyoten_admin"
_OUTCOMES_KEY = "kyoten_upload_outcomes"
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
MSG_BAD_MULTIPART = ("送信データ（multipart/form-data）を読み取れなかったため、どのファイルも保存していません。"
                     "ファイル名が UTF-8 で送られているか、送信の形式を確認してください。")
MSG_UNNAMED_FILE = "（ファイル名を読み取れないファイル）"
MSG_UNNAMED_REASON = ("ファイル名を読み取れないため保存していません（ファイル名に改行などの制御文字が"
                      "含まれていないか確認してください）")
MSG_GARBLED_NAME_REASON = ("ファイル名に「\"」が含まれ、名前がどこで終わるか読み取れないため保存していません"
                           "（「\"」を含まない名前に変えてから送信してください）")
MSG_JOB_NOT_FOUND = "指定されたジョブは見つかりません（サーバーの再起動で消えた可能性があります）。"
MSG_PAGE_LOGIN = "この操作には管理者としてのログインが必要です（管理用トークンを入力してください）。"
# a document page's form sent after the login was lost (the browser closed, the server restarted)
MSG_PAGE_LOGIN_LOST = ("ログインの有効期限が切れているため、この変更は行っていません。下の「管理者ログイン」で"
                       "管理用トークンを入力すると文書のページに戻ります。そこでもう一度操作してください。")
# a document page's form whose token had expired comes back on the page with a fresh form
# (the values typed kept, a file to be chosen again): reloading, as MSG_CSRF says, would
# lose what was typed
MSG_PAGE_FORM_EXPIRED = "フォームの有効期限が切れていたため、何も変更していません。{then}"
MSG_META_AGAIN = "入力した値はそのまま残しています。もう一度「保存して索引に反映」を押してください。"
MSG_REPLACE_AGAIN = "ファイルを選び直して、もう一度「差し替えて索引に反映」を押してください。"
MSG_DELETE_AGAIN = "もう一度、確認の欄にチェックを入れて「削除して索引に反映」を押してください。"
MSG_LOGOUT_CSRF = ("ログアウトできませんでした（フォームの有効期限が切れています）。まだログイン中です。"
                   "もう一度「ログアウト」を押してください。")
MSG_OUTCOME_NOT_FOUND = ("このアップロードの結果は見つかりません（新しいアップロードの結果に押し出された"
                         "可能性があります）。このアップロードで保存されたファイルはありません。")
MSG_BAD_JSON = ("JSON として読み取れないか、オブジェクト（{\"ward\": …}）ではありません。"
                "何も変更していません。")
MSG_BAD_CONTENT_TYPE = ("この形式（{type}）の送信は読み取れません。JSON（application/json）か"
                        "フォーム形式で送ってください。何も変更していません。")
FORM_TYPES = ("", "application/x-www-form-urlencoded", "multipart/form-data")
MSG_DOC_NOT_FOUND = "指定された文書は見つかりません（索引が更新された可能性があります）。"
MSG_SOURCE_MISSING = "この文書のファイルが見つかりません（移動または削除された可能性があります）。"
MSG_METADATA_NOT_WRITTEN = "保存できませんでした（{reason}）"
# a refused form comes back with its file choice emptied (browsers never refill it)
MSG_NOT_SAVED = "（ファイルは保存していません。ファイルを選び直してから送信してください）"
META_FIELDS = ("ward", "year", "year_to", "doc_type")
MSG_ONLY_DUPLICATES = "重複のため保存なし"
# a duplicate of a saved file that no reindex has read yet (its job failed or was stopped)
MSG_DUPLICATE_NOT_INDEXED = ("{same} と同じ内容のため保存しませんでした（重複）。そのファイルはまだ索引に入って"
                             "いない（前回の索引の更新が失敗または中断した）ため、索引を更新します")
MSG_INDEX_PENDING_AGAIN = ("保存したファイルはありませんが、同じ内容の保存済みファイル {n} 件がまだ索引に入っていないため、"
                           "索引を更新します。")
MSG_RETRY_REASON = "失敗した索引の更新（受付 {created}）をやり直します。"
MSG_RETRY_NOT_FAILED = "このジョブは失敗していないため、やり直す必要はありません。"
JOB_REFRESH_SECONDS = 2      # how often an unfinished job's page asks for its state


class UploadRequestError(Exception):
    """A request the upload cannot use at all (no files, too many); 400."""

    def __init__(self, message: str, page_message: str | None = None):
        super().__init__(message)
        self.message = message
        self.page_message = page_message or message   # what the upload form's page says


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
    """The per-file upload limit: KYOTEN_MAX_UPLOAD_MB, but never more than the
    indexer reads (`kyoten reindex` refuses larger files), so a file too big to
    index is refused in the request, not after it was saved."""
    value = current_app.config.get("MAX_UPLOAD_BYTES")
    if not value:
        try:
            value = config.max_upload_bytes()
        except ValueError:  # malformed KYOTEN_MAX_UPLOAD_MB: the documented default
            value = 20 * 1024 * 1024
    return min(int(value), DEFAULT_MAX_BYTES)


def max_request_bytes() -> int:
    value = current_app.config.get("MAX_UPLOAD_REQUEST_BYTES")
    return int(value) if value else max_file_bytes() * REQUEST_FILES_WORTH + _FORM_OVERHEAD


def limits() -> dict:
    """The limits as the pages state them: the request limit is what the files may
    add up to (the allowance for the form's own fields is not the uploader's)."""
    configured = current_app.config.get("MAX_UPLOAD_REQUEST_BYTES")
    files_total = int(configured) if configured else max_file_bytes() * REQUEST_FILES_WORTH
    return {"file": format_size(max_file_bytes()), "request": format_size(files_total),
            "files": int(current_app.config.get("MAX_UPLOAD_FILES") or DEFAULT_MAX_FILES)}


def job_runner(app: Flask | None = None) -> JobRunner:
    """The app's job runner, started on first use (one worker thread per app)."""
    app = app or current_app._get_current_object()

    def start() -> JobRunner:
        with app.app_context():
            return JobRunner(
                corpus_dir(), Path(app.config.get("INDEX_DIR") or config.index_dir()),
                semantic=bool(app.config.get("SEMANTIC", True)),
                lock_wait=float(app.config.get("REINDEX_LOCK_WAIT") or DEFAULT_LOCK_WAIT),
                job_timeout=float(app.config.get("REINDEX_JOB_TIMEOUT", DEFAULT_JOB_TIMEOUT) or 0),
                on_published=lambda: _refresh_service(app))

    return _made_once(app, _RUNNER_KEY, start)


def _made_once(app: Flask, key: str, make):
    """The app's object under `key`, made by `make()` on first use, once even when two
    requests ask at the same moment."""
    found = app.extensions.get(key)
    if found is None:
        with _MAKE_LOCK:
            found = app.extensions.get(key)
            if found is None:
                found = app.extensions[key] = make()
    return found


def resume_interrupted_jobs(app: Flask) -> None:
    """Start the job runner at once when the last server stopped with upload
    jobs queued or running, so their files are indexed without waiting for
    someone to open the admin pages (the runner reruns them, see jobs.py)."""
    index = Path(app.config.get("INDEX_DIR") or config.index_dir())
    if jobs.has_interrupted_jobs(index / jobs.JOURNAL_NAME):
        job_runner(app)


def _refresh_service(app: Flask) -> None:
    from . import get_service  # the package imports this module: import at call time
    with app.app_context():
        get_service().refresh()


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
        wait = token_limiter().retry_after(client_id())
        if wait is not None:
            return _json_error(retry_message(wait), 429, **{"Retry-After": str(wait)})
        if not check_token(given):
            _count_failure("admin API")
            return _json_error(MSG_BAD_TOKEN, 401, **{
                "WWW-Authenticate": 'Bearer realm="kyoten-admin", error="invalid_token"'})
        return view(*args, **kwargs)

    return wrapped


def _count_failure(where: str) -> None:
    log.warning("%s: wrong admin token from %s", where, client_id())
    token_limiter().fail(client_id())


def form_token_error():
    """For a page form carrying `admin_token`: None when it is right, else the
    (status, message, headers) to answer with; rate-limited like the API."""
    wait = token_limiter().retry_after(client_id())
    if wait is not None:
        return 429, retry_message(wait), {"Retry-After": str(wait)}
    if not check_token(request.form.get(TOKEN_FIELD)):
        _count_failure("admin page")
        return 401, MSG_BAD_TOKEN, {}
    return None


def _fingerprint() -> str:
    """A keyed hash of the configured token: what the session remembers instead of it."""
    key = str(current_app.config.get("SECRET_KEY") or "").encode()
    return hmac.new(key, str(current_app.config.get("ADMIN_TOKEN")).encode(), hashlib.sha256).hexdigest()


def session_authorised() -> bool:
    """True when this browser's session belongs to a logged-in admin (pages use it
    to show admin-only forms)."""
    remembered = session.get(_SESSION_KEY)
    return bool(admin_enabled() and remembered and hmac.compare_digest(str(remembered), _fingerprint()))


def remember_login() -> None:
    """Remember in this browser's session that the admin gave the right token."""
    session[_SESSION_KEY] = _fingerprint()


# --------------------------------------------------------------------------- request limits

@bp.before_request
def _upload_request_limit():
    """Batches may be larger than the site-wide MAX_CONTENT_LENGTH (one file's worth)."""
    if request.endpoint in ("admin.api_upload", "admin.upload", "admin.document_replace",
                            "admin.api_document_replace"):
        try:
            request.max_content_length = max_request_bytes()
        except AttributeError:  # Flask < 3.1: the site-wide limit applies
            pass


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_exc):
    lim = limits()
    message = (f"送信データが大きすぎます（1回の送信の上限 {lim['request']}、1ファイルの上限 {lim['file']}）。"
               "どのファイルも保存していません。ファイルを分けて送信してください。")
    if request.path.startswith("/api/"):
        return _json_error(message, 413)
    return _admin_page(413, error=message)


# --------------------------------------------------------------------------- the upload itself

def _field(name: str, i: int | None = None) -> str:
    key = name if i is None else f"{name}_{i}"
    return (request.form.get(key) or "").strip()


def _metadata_for(i: int, file_name: str) -> sidecar.Metadata | None:
    """The i-th file's metadata: its own fields over the batch's, validated."""
    values = {}
    for name in META_FIELDS:
        values[name] = _field(name, i) or _field(name)
    if not any(values.values()):
        return None
    try:
        return sidecar.validate(values["ward"], values["year"], values["year_to"], values["doc_type"])
    except sidecar.SidecarError as exc:
        said = f"「{display_name(file_name)}」の区・年度・種別: {exc.message}"
        # the browser empties the file input of the form shown again: say to choose them again
        raise UploadRequestError(f"{said}（ファイルは保存していません）", f"{said}{MSG_NOT_SAVED}") from None


def _unreadable_form() -> bool:
    """A multipart body of which nothing could be read: werkzeug drops the whole form
    when a part's header is not UTF-8 (a file name sent in Shift_JIS), so "no file
    chosen" would misstate what happened to the files sent."""
    return (request.mimetype == "multipart/form-data" and bool(request.content_length)
            and not request.files and not request.form)


def _handle_upload() -> dict:
    """Check the request's metadata, save its files and queue a reindex when any was saved."""
    # (name as sent, storage): the name read again from the part's header when the parser
    # cut it at a double quote (uploads.sent_filename); a form with no file chosen sends filename=""
    sent = [(sent_filename(f.headers.get("Content-Disposition"), f.filename), f)
            for f in request.files.getlist(UPLOAD_FIELD) + request.files.getlist("file") if f is not None]
    storages = [(name, f) for name, f in sent if name]
    garbled = [f for name, f in sent if name is None]
    # A file part whose header the multipart parser could not read (a raw line break in
    # its file name) arrives as a plain field of the same name: named, never dropped.
    unnamed = request.form.getlist(UPLOAD_FIELD) + request.form.getlist("file")
    if not storages and not unnamed and not garbled:
        raise UploadRequestError(MSG_BAD_MULTIPART if _unreadable_form() else MSG_NO_FILES)
    max_files = limits()["files"]
    count = len(storages) + len(unnamed) + len(garbled)
    if count > max_files:
        raise UploadRequestError(f"一度に送信できるのは {max_files} ファイルまでです（{count} ファイル）。"
                                 "どのファイルも保存していません。何回かに分けて送信してください。")
    metadata = [_metadata_for(i, name) for i, (name, _f) in enumerate(storages)]  # all before any save
    results = [r.to_dict() for r in save_uploads(
        [(name, f.stream) for name, f in storages], corpus_dir(), max_file_bytes(), metadata)]
    results += [FileResult(file=display_name(f.filename) if f.filename else MSG_UNNAMED_FILE, status=REJECTED,
                           reason=MSG_GARBLED_NAME_REASON).to_dict() for f in garbled]
    results += [FileResult(file=MSG_UNNAMED_FILE, status=REJECTED, reason=MSG_UNNAMED_REASON,
                           size=len(value.encode("utf-8", "replace"))).to_dict() for value in unnamed]
    saved = sum(r["status"] == SAVED for r in results)
    waiting = _duplicates_not_indexed(results)
    job = job_runner().submit(results) if saved or waiting else None
    return {
        "files": results, "saved": saved,
        "duplicates": sum(r["status"] == DUPLICATE for r in results),
        "rejected": sum(r["status"] == REJECTED for r in results),
        "job": job,
        "job_url": url_for("admin.api_job", job_id=job["id"]) if job else None,
        "message": (f"{saved} 件を保存しました。再索引を開始します。" if saved
                    else MSG_INDEX_PENDING_AGAIN.format(n=len(waiting)) if waiting
                    else "保存したファイルはありません（再索引は行いません）。"),
    }


def _duplicates_not_indexed(results: list[dict]) -> list[dict]:
    """The duplicates in `results` of a saved corpus file the index holds no document of,
    and no job is about to read: its upload's reindex failed or was stopped. Sending the
    file again is how staff retry, so such a duplicate is marked (`not_indexed`) and its
    batch queues a reindex, instead of 「重複」 and nothing while the report stays unsearchable."""
    runner = job_runner()
    batch = {r.get("saved_as") for r in results if r["status"] == SAVED}
    pending = {u.get("saved_as") for j in runner.recent(runner.keep) if j["state"] in (jobs.QUEUED, jobs.RUNNING)
               for u in j.get("uploads") or []}
    candidates = [r for r in results if r["status"] == DUPLICATE and r.get("same_as")
                  and r["same_as"] not in batch and r["same_as"] not in pending]
    if not candidates:
        return []
    missing = set(store.not_indexed(runner.index_dir, [r["same_as"] for r in candidates]))
    waiting = [r for r in candidates if r["same_as"] in missing]
    for r in waiting:
        r["not_indexed"] = True
        r["reason"] = MSG_DUPLICATE_NOT_INDEXED.format(same=r["same_as"])
    return waiting


# --------------------------------------------------------------------------- metadata corrections

class MetadataError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def document_source(doc: dict) -> Path:
    """The corpus file a document was read from, refusing anything outside the corpus."""
    root = corpus_dir().resolve()
    rel = str(doc.get("source") or "")
    candidate = (root / rel).resolve()
    if not rel or root not in candidate.parents or sidecar.is_sidecar(candidate):
        raise MetadataError(MSG_SOURCE_MISSING, 404)
    if not candidate.is_file():
        raise MetadataError(MSG_SOURCE_MISSING, 404)
    return candidate


def metadata_form_values(doc: dict) -> dict:
    """What a person has set for a document (its sidecar), as the correction
    form's field values; empty fields mean "as detected"."""
    try:
        meta = sidecar.read(document_source(doc))
    except (MetadataError, sidecar.SidecarError):
        meta = None
    if doc.get("part"):   # one ward's part of a file of several (indexer.wardparts)
        meta = sidecar.for_part(meta, doc["part"].get("key"))
    if meta is None:
        return {f: "" for f in META_FIELDS}
    lo, hi = meta.fiscal_year_from, meta.fiscal_year_to
    return {"ward": meta.ward or "", "year": lo or "", "year_to": hi if hi and hi != lo else "",
            "doc_type": meta.doc_type or ""}


def _metadata_values():
    """The correction's fields: a JSON object or a form. Anything else is refused before
    it is read as "every field empty", which would clear what a person had set."""
    if request.is_json:
        values = request.get_json(silent=True)
        if not isinstance(values, dict):
            raise MetadataError(MSG_BAD_JSON)
        return values
    if request.mimetype not in FORM_TYPES and request.content_length:
        raise MetadataError(MSG_BAD_CONTENT_TYPE.format(type=request.mimetype[:80]), 415)
    return request.form


def _correct_metadata(doc_id: str) -> dict:
    """Write the sidecar of a document's file from the request and queue a reindex."""
    from . import get_service  # the package imports this module: import at call time

    found = get_service().document(doc_id)
    if found is None:
        raise MetadataError(MSG_DOC_NOT_FOUND, 404)
    path = document_source(found.get("document") or {})
    values = _metadata_values()
    try:
        meta = sidecar.validate(*(str(values.get(f) or "").strip() for f in META_FIELDS))
    except sidecar.SidecarError as exc:
        raise MetadataError(exc.message) from None
    part = (found.get("document") or {}).get("part")
    try:
        if part:   # one ward's part of a file of several: the correction is that part's
            sidecar.write_part(path, str(part.get("key") or ""), meta)
        else:
            sidecar.write(path, meta)
    except sidecar.SidecarError as exc:
        raise MetadataError(exc.message) from None
    except OSError as exc:
        log.exception("could not write the metadata of %s", path)
        raise MetadataError(MSG_METADATA_NOT_WRITTEN.format(reason=oserrors.reason(exc)), 500) from None
    log.info("metadata of %s set to %s", path, meta.to_dict())
    job = job_runner().submit_reindex(f"文書の区・年度・種別の修正を索引に反映します（{display_name(path.name)}）")
    return {"doc_id": doc_id, "metadata": meta.to_dict(), "job": job,
            "job_url": url_for("admin.api_job", job_id=job["id"]),
            "message": "保存しました。索引に反映しています（完了まで検索結果は以前のままです）。"}


# --------------------------------------------------------------------------- removing and replacing a report

MSG_REMOVE_CONFIRM = "削除してよいことを確認するチェックを入れてから送信してください。何も変更していません。"
MSG_REPLACE_NO_FILE = "差し替えるファイルが選択されていません。何も変更していません。"
MSG_NOT_REMOVED = "削除できませんでした（{reason}）"


def _document_file(doc_id: str) -> tuple[dict, Path]:
    """(the document, its corpus file) or MetadataError (404)."""
    from . import get_service  # the package imports this module: import at call time

    found = get_service().document(doc_id)
    if found is None:
        raise MetadataError(MSG_DOC_NOT_FOUND, 404)
    doc = found.get("document") or {}
    return doc, document_source(doc)


def _parts_note(doc: dict) -> str:
    """For a document that is one ward's part of a file: the file's other parts go too."""
    part = doc.get("part") or {}
    count = part.get("count") or 0
    return f"（このファイルの区ごとの文書 {count} 件すべてが対象です）" if count > 1 else ""


def _remove_document(doc_id: str) -> dict:
    """Move a document's file out of the corpus and queue the reindex that drops it."""
    doc, path = _document_file(doc_id)
    try:
        kept = remove_report(corpus_dir(), path)
    except OSError as exc:
        log.exception("could not remove %s", path)
        raise MetadataError(MSG_NOT_REMOVED.format(reason=oserrors.reason(exc)), 500) from None
    name = display_name(doc.get("source") or path.name)
    job = job_runner().submit_reindex(
        f"報告書 {name} を検索対象から削除します{_parts_note(doc)}。ファイルは {kept} に残しています。")
    return {"doc_id": doc_id, "removed": doc.get("source"), "kept_as": kept, "job": job,
            "job_url": url_for("admin.api_job", job_id=job["id"]),
            "message": "削除しました。索引に反映しています（完了まで検索結果は以前のままです）。"}


def _replace_document(doc_id: str, storage) -> dict:
    """Put the uploaded file in place of a document's file and queue the reindex."""
    doc, path = _document_file(doc_id)
    name = sent_filename(storage.headers.get("Content-Disposition"), storage.filename) if storage else None
    if storage is None or not (storage.filename or name):
        raise MetadataError(MSG_REPLACE_NO_FILE)
    if name is None:
        raise MetadataError(f"{MSG_GARBLED_NAME_REASON}。何も変更していません。")
    result = replace_report(corpus_dir(), path, name, storage.stream, max_file_bytes())
    if result.status != SAVED:
        # the server could not read or write (a full disk: 507 Insufficient Storage; another
        # disk error: 500), not a bad file: a 4xx would tell the admin to change the file
        status = 400 if result.server_error is None else (
            507 if oserrors.storage_full(result.server_error) else 500)
        raise MetadataError(f"「{result.file}」: {result.reason}。何も変更していません。", status)
    old = display_name(doc.get("source") or path.name)
    job = job_runner().submit([result.to_dict()], reason=(
        f"報告書 {old} を {result.file} に差し替えます{_parts_note(doc)}。"
        f"以前の版は {result.same_as} に残しています。"))
    return {"doc_id": doc_id, "replaced": doc.get("source"), "file": result.to_dict(), "job": job,
            "job_url": url_for("admin.api_job", job_id=job["id"]),
            "message": "差し替えました。索引に反映しています（完了まで検索結果は以前のままです）。"}


def _page_action(doc_id: str, action, *args, error_field: str = "file_error", csrf_message: str = MSG_CSRF,
                 refusal: str | None = None, job_page_args: dict | None = None):
    """A document page's admin form: login, CSRF, the form's own refusal, then `action`;
    its errors are shown on the document page (a missing document on the admin page),
    and success goes to the job it queued."""
    from .pages import render_document  # the document page lives with the other pages

    def again(message: str, status: int):
        return render_document(doc_id, status=status, **{error_field: message})

    if not session_authorised():
        return _admin_page(401, error=MSG_PAGE_LOGIN_LOST, login_next=url_for("pages.document", doc_id=doc_id))
    if not validate_csrf(request.form.get(CSRF_FORM_FIELD)):
        return again(csrf_message, 400)
    if refusal:
        return again(refusal, 400)
    try:
        outcome = action(*args)
    except MetadataError as exc:
        if exc.status == 404:
            return _admin_page(404, error=exc.message)
        return again(exc.message, exc.status)
    return redirect(url_for("admin.job_page", job_id=outcome["job"]["id"], **(job_page_args or {})), 303)


@bp.post("/admin/documents/<doc_id>/delete")
def document_delete(doc_id: str):
    return _page_action(doc_id, _remove_document, doc_id,
                        refusal=None if request.form.get("confirm") else MSG_REMOVE_CONFIRM,
                        csrf_message=MSG_PAGE_FORM_EXPIRED.format(then=MSG_DELETE_AGAIN))


@bp.post("/admin/documents/<doc_id>/replace")
def document_replace(doc_id: str):
    return _page_action(doc_id, _replace_document, doc_id, request.files.get("file"),
                        csrf_message=MSG_PAGE_FORM_EXPIRED.format(then=MSG_REPLACE_AGAIN))


# --------------------------------------------------------------------------- JSON API

@bp.post("/api/admin/upload")
@require_api_token
def api_upload():
    try:
        outcome = _handle_upload()
    except UploadRequestError as exc:
        return _json_error(exc.message, 400)
    return jsonify(outcome), (202 if outcome["job"] else 200)


def _queued(action, *args):
    """A document action's JSON answer: 202 with the queued job, or its error."""
    try:
        outcome = action(*args)
    except MetadataError as exc:
        return _json_error(exc.message, exc.status)
    return jsonify(outcome), 202


@bp.post("/api/admin/documents/<doc_id>/metadata")
@require_api_token
def api_document_metadata(doc_id: str):
    return _queued(_correct_metadata, doc_id)


@bp.post("/api/admin/documents/<doc_id>/delete")
@require_api_token
def api_document_delete(doc_id: str):
    return _queued(_remove_document, doc_id)


@bp.post("/api/admin/documents/<doc_id>/replace")
@require_api_token
def api_document_replace(doc_id: str):
    """multipart with one file in `file` (or `files`): the report's new version."""
    return _queued(_replace_document, doc_id, request.files.get("file") or request.files.get(UPLOAD_FIELD))


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


def _retry_job(job_id: str) -> dict:
    """Queue a failed job's reindex again (`JobRunner.retry`): the files it saved are
    still waiting in the corpus, and staff without a shell must be able to index them."""
    job = job_runner().get(job_id)
    if job is None:
        raise MetadataError(MSG_JOB_NOT_FOUND, 404)
    again = job_runner().retry(job_id, MSG_RETRY_REASON.format(created=job["created"][:19].replace("T", " ")))
    if again is None:
        raise MetadataError(MSG_RETRY_NOT_FAILED, 409)
    return {"job": again, "job_url": url_for("admin.api_job", job_id=again["id"]),
            "message": "索引の更新をやり直します。"}


@bp.post("/api/admin/jobs/<job_id>/retry")
@require_api_token
def api_job_retry(job_id: str):
    return _queued(_retry_job, job_id)


# --------------------------------------------------------------------------- pages

def _admin_page(status: int = 200, *, error: str | None = None, headers: dict | None = None,
                login_next: str | None = None):
    """The admin page; `login_next` is the page its login form returns to (the job or
    document page that asked for a login), else the admin page itself."""
    # the newest RECENT_SHOWN; 「すべて表示」 (?jobs=all) lists every one the server keeps —
    # after an archive's batches the older ones were there but unreachable from the page
    from . import glossary_admin   # (it imports this module)

    every = _recent_batches(KEPT_SHOWN) if session_authorised() else []
    show_all = request.args.get("jobs") == "all"
    jobs = every if show_all else every[:RECENT_SHOWN]
    return render_template("admin.html", enabled=admin_enabled(), error=error, limits=limits(),
                           jobs=jobs, jobs_kept=len(every), jobs_all=show_all,
                           state_labels=STATE_LABELS, file_labels=FILE_STATUS_LABELS,
                           logged_in=session_authorised(), login_next=login_next,
                           ward_choices=ward_choices(), doc_types=doc_type_choices(),
                           form=_posted_form(), glossary_status=glossary_admin.reading_status()), status, headers or {}


RECENT_SHOWN = 10      # jobs and refused batches the admin page lists first
KEPT_SHOWN = 300       # at most, with 「すべて表示」 (the runner keeps 100 jobs, the outcomes 200)


def _recent_batches(n: int) -> list[dict]:
    """The newest `n` reindex jobs and upload batches that started none (every file
    refused or a duplicate), newest first: where staff look for what became of a batch."""
    refused = [dict(o, outcome_id=o["id"], badge=jobs.REFUSED,
                    badge_label=jobs.BADGE_LABELS[jobs.REFUSED] if o.get("rejected") else MSG_ONLY_DUPLICATES)
               for o in outcome_store().recent(n)]
    merged = job_runner().recent(n) + refused
    merged.sort(key=lambda item: item.get("created") or "", reverse=True)
    return merged[:n]


def _posted_form():
    """The posted fields, to refill the form after an error (none when too large)."""
    if request.method != "POST":
        return {}
    try:
        return request.form
    except RequestEntityTooLarge:
        return {}


def ward_choices() -> tuple[str, ...]:
    """The wards offered in metadata forms (other 市/町/村 may be typed)."""
    from indexer.metadata import YOKOHAMA_WARDS

    return YOKOHAMA_WARDS


def doc_type_choices() -> list[str]:
    return [t for t in sidecar.DOC_TYPES if t != "unknown"]


@bp.get("/admin/")
def index():
    return _admin_page()


@bp.post("/admin/login")
def login():
    if not admin_enabled():
        return _admin_page(403, error=MSG_DISABLED)
    target = _local_path(request.form.get("next"))
    if not validate_csrf(request.form.get(CSRF_FORM_FIELD)):
        return _admin_page(400, error=MSG_CSRF, login_next=target)
    failed = form_token_error()
    if failed:   # a mistyped token keeps the page to return to
        status, message, headers = failed
        return _admin_page(status, error=message, headers=headers, login_next=target)
    remember_login()
    return redirect(target or url_for("admin.index"), 303)


def _local_path(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None: never an open redirect."""
    target = target or ""
    if (not target.startswith("/") or target.startswith("//") or "\\" in target
            or any(ord(c) < 0x21 or ord(c) == 0x7F for c in target)):   # browsers drop tabs: "/\t/x" is "//x"
        return None
    return target


@bp.post("/admin/logout")
def logout():
    if session_authorised() and not validate_csrf(request.form.get(CSRF_FORM_FIELD)):
        # still logged in: say so, rather than show the same page as if nothing was pressed
        return _admin_page(400, error=MSG_LOGOUT_CSRF)
    session.pop(_SESSION_KEY, None)
    return redirect(url_for("admin.index"), 303)


@bp.post("/admin/upload")
def upload():
    if not admin_enabled():
        return _admin_page(403, error=MSG_DISABLED)
    if not validate_csrf(request.form.get(CSRF_FORM_FIELD)):
        return _admin_page(400, error=f"{MSG_CSRF}{MSG_NOT_SAVED}")
    if not (session_authorised() and not request.form.get(TOKEN_FIELD)):
        failed = form_token_error()
        if failed:
            status, message, headers = failed
            return _admin_page(status, error=f"{message}{MSG_NOT_SAVED}", headers=headers)
        remember_login()
    try:
        outcome = _handle_upload()
    except UploadRequestError as exc:
        return _admin_page(400, error=exc.page_message)
    # Post/Redirect/Get: reloading the page that follows must not send the files again
    if outcome["job"]:
        return redirect(url_for("admin.job_page", job_id=outcome["job"]["id"]), 303)
    return redirect(url_for("admin.upload_outcome", outcome_id=_keep_outcome(outcome)), 303)


def outcome_store(app: Flask | None = None) -> OutcomeStore:
    """The app's store of batches that started no job (on disk beside the job journal)."""
    app = app or current_app._get_current_object()
    index = Path(app.config.get("INDEX_DIR") or config.index_dir())
    return _made_once(app, _OUTCOMES_KEY, lambda: OutcomeStore(index / OUTCOMES_JOURNAL))


def _keep_outcome(outcome: dict) -> str:
    """Keep the result of a batch that started no job (every file refused or a duplicate)
    for the page the upload form redirects to and the admin page's list; returns its id.
    Kept on disk (`outcomes.OutcomeStore`): a restart does not forget what was refused."""
    return outcome_store().add(outcome)


@bp.get("/admin/uploads/<outcome_id>")
def upload_outcome(outcome_id: str):
    """What became of a batch that started no reindex: each file with its reason."""
    if not session_authorised():
        return _admin_page(401, error=MSG_PAGE_LOGIN, login_next=request.full_path.rstrip("?"))
    outcome = outcome_store().get(outcome_id)
    if outcome is None:
        return _admin_page(404, error=MSG_OUTCOME_NOT_FOUND)
    return _job_page(None, outcome)


@bp.post("/admin/documents/<doc_id>/metadata")
def document_metadata(doc_id: str):
    return _page_action(doc_id, _correct_metadata, doc_id, error_field="meta_error",
                        csrf_message=MSG_PAGE_FORM_EXPIRED.format(then=MSG_META_AGAIN),
                        job_page_args={"doc": doc_id})


@bp.get("/admin/jobs/<job_id>")
def job_page(job_id: str):
    if not session_authorised():   # after the login, back to this job
        return _admin_page(401, error=MSG_PAGE_LOGIN, login_next=request.full_path.rstrip("?"))
    job = job_runner().get(job_id)
    if job is None:
        return _admin_page(404, error=MSG_JOB_NOT_FOUND)
    return _job_page(job)


@bp.post("/admin/jobs/<job_id>/retry")
def job_retry(job_id: str):
    """The failed job page's 「索引の更新をやり直す」."""
    if not session_authorised():   # after the login, back to the job's page, where the button is
        return _admin_page(401, error=MSG_PAGE_LOGIN, login_next=url_for("admin.job_page", job_id=job_id))
    job = job_runner().get(job_id)
    if job is None:
        return _admin_page(404, error=MSG_JOB_NOT_FOUND)
    if not validate_csrf(request.form.get(CSRF_FORM_FIELD)):
        return _job_page(job, status=400, error=MSG_PAGE_FORM_EXPIRED.format(then="もう一度「索引の更新をやり直す」を押してください。"))
    try:
        outcome = _retry_job(job_id)
    except MetadataError as exc:
        return _job_page(job, status=exc.status, error=exc.message)
    return redirect(url_for("admin.job_page", job_id=outcome["job"]["id"]), 303)


def _batch_outcome(uploads: list[dict]) -> dict:
    """The counts the upload request reported for a batch, from its job's uploads."""
    saved = sum(u.get("status") == SAVED for u in uploads)
    waiting = sum(bool(u.get("not_indexed")) for u in uploads)
    return {"saved": saved, "duplicates": sum(u.get("status") == DUPLICATE for u in uploads),
            "rejected": sum(u.get("status") == REJECTED for u in uploads),
            "message": (f"{saved} 件を保存しました。" if saved
                        else MSG_INDEX_PENDING_AGAIN.format(n=waiting) if waiting
                        else "保存したファイルはありません。")}


def _job_page(job: dict | None, outcome: dict | None = None, *, status: int = 200, error: str | None = None):
    """A job's state and per-file results, kept up to date while the job is
    unfinished: static/admin_job.js fetches the job page again and updates the
    job's part in place (focus and reading position stay); without JavaScript a
    <noscript> refresh reloads the page. An upload's job also says what the
    request did with the batch (saved, duplicates, refused)."""
    if outcome is None and job and job.get("uploads") and not job.get("retry_of"):
        outcome = _batch_outcome(job["uploads"])   # (a retry saved nothing: its reason says what it does)
    files = job["files"] if job else (outcome or {}).get("files", [])
    doc_id = request.args.get("doc") or None
    aside = _set_aside_earlier(job) if job else set()
    removed = [f for f in ((job or {}).get("summary") or {}).get("removed") or [] if f not in aside]
    refresh_url = None
    if job and job["state"] in ("queued", "running"):
        refresh_url = url_for("admin.job_page", job_id=job["id"], doc=doc_id)
    return render_template(
        "admin_job.html", job=job, outcome=outcome, files=files, state_labels=STATE_LABELS,
        file_labels=FILE_STATUS_LABELS, doc_id=doc_id, refresh_url=refresh_url,
        refresh_seconds=JOB_REFRESH_SECONDS, removed=removed, set_aside_earlier=sorted(aside),
        page_error=error), status


def _set_aside_earlier(job: dict) -> set[str]:
    """The files of a job's 「削除」 that an earlier job had set aside as unreadable.

    A job moves an upload the indexer could not read to uploads/.rejected/ after its
    reindex, so the next job's reindex (whatever it was for: a report deleted or
    replaced, a correction) finds the file gone and lists it as removed. The staff
    deleted nothing: the page says those files apart. Known from the job journal: the
    file's last mention before this job was its being set aside."""
    removed = set((job.get("summary") or {}).get("removed") or [])
    if not removed:
        return set()
    runner = job_runner()
    last: dict[str, bool] = {}
    for other in reversed(runner.recent(runner.keep)):    # oldest first
        if other["id"] == job["id"]:
            break
        for upload, entry in zip(other.get("uploads") or [], other.get("files") or []):
            if upload.get("saved_as"):
                last[upload["saved_as"]] = bool(entry.get("set_aside"))
    return {name for name in removed if last.get(name)}
