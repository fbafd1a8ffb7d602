"""Why a file could not be read or written, in the words staff read.

The operating system's own text ("Permission denied", "[Errno 28] No space left
on device: '/srv/...'") is English and names server paths; the pages, the JSON
API, the job pages and the command line show staff :func:`reason` instead: a
short Japanese reason chosen by the error's number, naming no path, so it may be
shown to anyone, and fitting inside a message's parentheses
(「用語集を書き込めませんでした（書き込む権限がありません）」).

The English detail and the path stay in the server's log: callers log the
exception itself (``log.exception`` / ``log.warning("...: %s", exc)``).
:func:`reason_at` adds the path for readers who work on the server anyway
(the command line).
"""

from __future__ import annotations

import errno

# errno -> (reason when reading, reason when writing); one entry when both read alike
_REASONS: dict[int, tuple[str, str]] = {}


def _add(names: tuple[str, ...], reading: str, writing: str | None = None) -> None:
    for name in names:
        number = getattr(errno, name, None)   # not every platform has every code
        if number is not None:
            _REASONS.setdefault(number, (reading, writing or reading))


_add(("EACCES", "EPERM"), "読む権限がありません", "書き込む権限がありません")
_add(("ENOSPC",), "ディスクの空きがありません")
_add(("EDQUOT",), "ディスクの使用量が上限に達しています")
_add(("EFBIG",), "ファイルが大きすぎます（ディスクの空きや容量の上限を確認してください）")
_add(("ENOENT",), "ファイルまたはフォルダがありません")
_add(("ENOTDIR",), "フォルダの場所にファイルがあります")
_add(("EISDIR",), "ファイルの場所にフォルダがあります")
_add(("EROFS",), "読み取り専用の場所です")
_add(("EMFILE", "ENFILE"), "開いているファイルが多すぎます（しばらくしてからやり直してください）")
_add(("ENAMETOOLONG",), "ファイル名またはフォルダ名が長すぎます")
_add(("EEXIST",), "同じ名前のファイルがすでにあります")
_add(("ENOTEMPTY",), "フォルダが空ではありません")
_add(("EBUSY", "ETXTBSY"), "ファイルが使用中です（しばらくしてからやり直してください）")
_add(("EAGAIN",), "ファイルが一時的に使えません（しばらくしてからやり直してください）")
_add(("EIO",), "ディスクの読み書きでエラーが起きました")
_add(("ELOOP",), "リンクが循環しています")
_add(("EXDEV",), "別のディスクへは移動できません")
_add(("ENOMEM",), "サーバーのメモリが足りません")
_add(("ESTALE", "ETIMEDOUT", "EHOSTDOWN", "EHOSTUNREACH", "ENETUNREACH"),
     "ネットワーク上の保存先に接続できません")

FALLBACK = "サーバーでファイルの読み書きに失敗しました。詳しくはサーバーのログを確認してください"
FALLBACK_AT = "ファイルの読み書きに失敗しました（エラー番号 {code}）"


_STORAGE_FULL = {getattr(errno, n) for n in ("ENOSPC", "EDQUOT") if hasattr(errno, n)}


def storage_full(exc: BaseException) -> bool:
    """Whether the error is a full disk or a used-up quota (HTTP 507 Insufficient Storage:
    the server's storage, not the request, is at fault)."""
    return getattr(exc, "errno", None) in _STORAGE_FULL


def reason(exc: BaseException, *, writing: bool = True) -> str:
    """A short Japanese reason for an OSError, naming no path (safe for any page).

    `writing`: whether the failed operation was a write (a permission error then
    says it may not be written; a read says it may not be read)."""
    number = getattr(exc, "errno", None)
    found = _REASONS.get(number) if isinstance(number, int) else None
    if found is None:
        return FALLBACK
    return found[1] if writing else found[0]


def reason_at(exc: BaseException, *, writing: bool = True) -> str:
    """:func:`reason` and the path it concerns, for readers on the server (the command
    line, whose error output is its log): an error without a reason of its own gives
    its number (``EIO``), which the operating system's manual explains."""
    paths = [p for p in (getattr(exc, "filename", None), getattr(exc, "filename2", None)) if p]
    number = getattr(exc, "errno", None)
    text = reason(exc, writing=writing)
    if text == FALLBACK:
        code = errno.errorcode.get(number, str(number)) if isinstance(number, int) else type(exc).__name__
        text = FALLBACK_AT.format(code=code)
    return f"{text}: {' → '.join(str(p) for p in paths)}" if paths else text
