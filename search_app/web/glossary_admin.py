"""Administration of the synonym glossary, with immediate effect (Fess's dictionary
administration is the model).

    GET  /admin/glossary            the glossary in a textarea, its earlier versions
    POST /admin/glossary            save (admin token + CSRF token in the form)
    POST /admin/glossary/restore    make an earlier version current (same checks)

- Changing the glossary changes every search, so it needs the admin token
  (KYOTEN_ADMIN_TOKEN) -- typed in the form, or the admin login remembered in this
  browser's session (/admin/) -- and the session's CSRF token on every
  change; without a configured token editing is switched off (403). Wrong tokens
  count against the client like everywhere else (`admin.form_token_error`: 429
  after too many). The page itself shows only the glossary text, which is not secret.
- Saving validates first (`indexer.synonyms.validate`): a bad line is reported with
  its number and reason, the text the user typed stays in the textarea, and nothing
  is written. A good text is written atomically and the previous one is kept in
  `glossary-versions/` beside the file; searches read the glossary through
  `indexer.synonyms.LiveGlossary`, so the next search uses the edit, without a restart.
- Which file: `indexer.synonyms.editable_glossary_path()` -- $KYOTEN_GLOSSARY, else
  `config/glossary.txt` at the repository root, created from the packaged default on
  the first save; the same rule decides what searches read, so the page can never
  edit a file the search does not use. The packaged file is never modified.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, render_template, request

from indexer import oserrors, synonyms

from . import admin
from .security import CSRF_FORM_FIELD, validate_csrf

log = logging.getLogger(__name__)

bp = Blueprint("glossary_admin", __name__)

TEXT_FIELD = "glossary"
VERSION_FIELD = "version"
MSG_SAVED = "用語集を保存しました（{groups} グループ）。次の検索から反映されます。"
MSG_UNCHANGED = "変更はありませんでした。"
MSG_RESTORED = "{saved_at} に置き換えられた版に戻しました（{groups} グループ）。次の検索から反映されます。"
VERSION_TIME = "%Y-%m-%d %H:%M:%S"   # as the page's list of versions shows a version
MSG_INVALID = "用語集に {n} 件の問題があるため保存しませんでした。該当する行を直してから、もう一度保存してください。"
MSG_NO_TEXT = "用語集の内容が送信されていません。"
MSG_NOT_WRITTEN = "用語集を書き込めませんでした（{reason}）。"
MSG_VERSION_UNREADABLE = "{saved_at} の版を読めませんでした（{reason}）。"
MSG_CURRENT_KEPT = "現在の用語集はそのままです。"
MSG_EXPIRED = "フォームの有効期限が切れていたため、何も変更していません。{kept}{login}もう一度「{button}」を押してください。"
MSG_TEXT_KEPT = "入力した内容はそのまま下に残しています。"
MSG_TOKEN_AGAIN = "ログインの有効期限も切れているため、管理用トークンを入力してから、"
SAVE_BUTTON = "検証して保存"
RESTORE_BUTTON = "選んだ版に戻す"


def glossary_path() -> Path:
    return synonyms.editable_glossary_path()


def reading_status() -> dict | None:
    """What searches read of the glossary (SearchService.glossary_status: a file that could
    not be read at start and the packaged glossary read instead, lines with problems), for
    the admin pages; None when no index is open yet (nothing is searched)."""
    from . import get_service

    try:
        return get_service().glossary_status()
    except Exception:  # noqa: BLE001 — no index to search yet: the page says so elsewhere
        log.debug("glossary status: no search service", exc_info=True)
        return None


def _current_text() -> tuple[str, str | None]:
    """The text to edit and, when it cannot be read, why."""
    try:
        return synonyms.read_text(glossary_path()), None
    except synonyms.GlossaryError as exc:
        log.warning("glossary admin: cannot read %s: %s", glossary_path(), exc)
        return "", f"現在の用語集を読み込めませんでした: {exc}。保存すると新しい内容で置き換えます。"


def _page(status: int = 200, *, text: str | None = None, errors=None, error: str | None = None,
          message: str | None = None):
    current, read_error = _current_text()
    path = glossary_path()
    return render_template(
        "admin_glossary.html", enabled=admin.admin_enabled(),
        text=current if text is None else text, errors=errors or [], error=error or read_error,
        message=message, versions=synonyms.list_versions(path), path=str(path),
        packaged=str(synonyms.DEFAULT_GLOSSARY_PATH), edited=path.exists(),
        logged_in=admin.session_authorised(), version_time=VERSION_TIME, glossary_status=reading_status(),
    ), status


def _refused(button: str):
    """The checks every change passes: editing enabled, CSRF token, admin token.
    `button`: the form's button, named in the message when its form had expired."""
    if not admin.admin_enabled():
        return _page(403, error=admin.MSG_DISABLED)
    if not validate_csrf(request.form.get(CSRF_FORM_FIELD)):
        # the page comes back with a fresh form and the text as sent: reloading it, as the
        # generic message says, would throw the edits away
        kept = MSG_TEXT_KEPT if request.form.get(TEXT_FIELD) is not None else ""
        login = "" if admin.session_authorised() else MSG_TOKEN_AGAIN
        return _page(400, error=MSG_EXPIRED.format(kept=kept, login=login, button=button),
                     text=request.form.get(TEXT_FIELD))
    if admin.session_authorised() and not request.form.get(admin.TOKEN_FIELD):
        return None
    failed = admin.form_token_error()
    if failed:
        status, message, headers = failed
        body, status = _page(status, error=message, text=request.form.get(TEXT_FIELD))
        return body, status, headers
    return None


@bp.get("/admin/glossary")
def index():
    return _page()


@bp.post("/admin/glossary")
def save():
    refused = _refused(SAVE_BUTTON)
    if refused is not None:
        return refused
    text = request.form.get(TEXT_FIELD)
    if text is None:
        return _page(400, error=MSG_NO_TEXT)
    try:
        result = synonyms.save(glossary_path(), text)
    except synonyms.GlossaryInvalidError as exc:
        return _page(400, text=text, errors=exc.errors, error=MSG_INVALID.format(n=len(exc.errors)))
    except OSError as exc:
        log.exception("glossary admin: could not write %s", glossary_path())
        return _page(500, text=text, error=MSG_NOT_WRITTEN.format(reason=oserrors.reason(exc)) + MSG_TEXT_KEPT)
    log.info("glossary edited from %s", request.remote_addr)
    message = MSG_SAVED.format(**result) if result["previous_version"] else MSG_UNCHANGED
    return _page(message=message)


@bp.post("/admin/glossary/restore")
def restore():
    refused = _refused(RESTORE_BUTTON)
    if refused is not None:
        return refused
    name = request.form.get(VERSION_FIELD, "")
    # the version as the list shows it (its time), not its file name
    saved_at = next((v.saved_at.strftime(VERSION_TIME) for v in synonyms.list_versions(glossary_path())
                     if v.name == name), name)
    try:
        text = synonyms.read_version(glossary_path(), name)
    except synonyms.GlossaryNotFoundError as exc:
        return _page(404, error=str(exc))
    except (OSError, UnicodeDecodeError) as exc:
        log.exception("glossary admin: cannot read version %s of %s", name, glossary_path())
        why = oserrors.reason(exc, writing=False) if isinstance(exc, OSError) else "文字コードが UTF-8 ではありません"
        return _page(500, error=MSG_VERSION_UNREADABLE.format(saved_at=saved_at, reason=why) + MSG_CURRENT_KEPT)
    try:
        result = synonyms.save(glossary_path(), text)
    except synonyms.GlossaryInvalidError as exc:  # an old version written before a rule existed
        return _page(400, text=text, errors=exc.errors, error=MSG_INVALID.format(n=len(exc.errors)))
    except OSError as exc:
        log.exception("glossary admin: could not write %s", glossary_path())
        return _page(500, error=MSG_NOT_WRITTEN.format(reason=oserrors.reason(exc)) + MSG_CURRENT_KEPT)
    return _page(message=MSG_RESTORED.format(saved_at=saved_at, groups=result["groups"]))
