"""Old Word documents (.doc, .rtf) converted to .docx by LibreOffice.

Python has no well-kept reader of Word's binary format, and the text-only
tools (antiword, catdoc) lose the table cells the structure parser needs
(measured on the seed reports: antiword draws the tables as wrapped ASCII
columns, catdoc runs the cells together). LibreOffice reads the format
fully, so the file is converted to .docx and read by the .docx loader: the
same report reads the same in either format.

Each conversion runs `soffice --headless --convert-to docx` as a separate
process, bounded and isolated:

- in a fresh temporary folder holding the input (under a fixed name, never
  the user's), the output and a throw-away LibreOffice profile
  (`-env:UserInstallation`), so conversions never share state or lock each
  other, and nothing is left behind;
- without network access where the system allows it (a private network
  namespace through `unshare`): a document's linked images or fields are
  not fetched;
- stopped after `TIMEOUT` seconds, with every process it started (its own
  process group), and reported to the user;
- its output is refused above `MAX_OUTPUT` bytes, and is then checked by the
  .docx loader like any upload (decompression bounds of `officezip`).

`missing_packages()` says which Debian package is absent; the loaders turn
that into advice for the user.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from . import docx as docx_format
from .common import MIB, LoadError, format_size

logger = logging.getLogger(__name__)

PACKAGE = "libreoffice-writer-nogui"
TIMEOUT = 120.0  # seconds per document; a real report converts in 1-3 s
DEADLINE_GRACE = 5.0  # the process group's own deadline comes this long after TIMEOUT (_deadline)
MAX_OUTPUT = 64 * MIB
_FILTER = "docx:MS Word 2007 XML"
_EXECUTABLES = ("soffice", "libreoffice")


def msg_missing(kind: str) -> str:
    return (f"{kind}を読むための LibreOffice がインストールされていません"
            f"（Debian パッケージ {PACKAGE}）。管理者に連絡するか、Word で .docx 形式に保存し直してください")


def msg_timeout(kind: str, seconds: float) -> str:
    return (f"{kind}の変換に時間がかかりすぎたため中止しました（{seconds:g} 秒で打ち切り）。"
            "ファイルが壊れているか、大きすぎる可能性があります。Word で .docx 形式に保存し直すと読み込めます")


def msg_failed(kind: str) -> str:
    return (f"{kind}として読み込めません（ファイルが壊れている可能性があります）。"
            "Word で開けるなら .docx 形式に保存し直すと読み込めます")


def executable() -> str | None:
    """The LibreOffice command on PATH, or None."""
    return next((found for exe in _EXECUTABLES if (found := shutil.which(exe))), None)


def missing_packages() -> list[str]:
    """Debian packages needed for the conversion that are not installed."""
    return [] if executable() else [PACKAGE]


def load_as_docx(data: bytes, name: str, max_bytes: int, suffix: str, kind: str) -> str:
    """The text of an old Word file (`suffix` ".doc" or ".rtf", already
    recognised by its loader), read through its .docx conversion. `kind`
    names the format in messages (「Word 文書（.doc）」)."""
    converted = to_docx(data, name, suffix, kind)
    try:
        text, _encoding = docx_format.load(converted, name, max_bytes)
    except LoadError as exc:
        if exc.reason == docx_format.MSG_DOCX_NO_TEXT:
            raise LoadError(name, f"{kind}に本文のテキストがありません") from None
        raise
    return text


def to_docx(data: bytes, name: str, suffix: str, kind: str) -> bytes:
    """`data` converted to .docx bytes by LibreOffice; LoadError on failure."""
    exe = executable()
    if exe is None:
        raise LoadError(name, msg_missing(kind))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kyoten-convert-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        out_dir = work / "out"
        command = [*_deadline(), *_sandbox(), exe, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                   "--convert-to", _FILTER, "--outdir", str(out_dir), str(source)]
        env = dict(os.environ, HOME=str(work), TMPDIR=str(work))
        proc = subprocess.Popen(command, cwd=work, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            logger.warning("%s: conversion stopped after %.0f s", name, TIMEOUT)
            raise LoadError(name, msg_timeout(kind, TIMEOUT)) from None
        finally:
            _kill_group(proc)  # a helper process LibreOffice left running
        result = out_dir / "input.docx"
        if proc.returncode != 0 or not result.is_file():
            logger.info("%s: LibreOffice exit %s: %s", name, proc.returncode,
                        output.decode("utf-8", "replace").strip()[-500:])
            raise LoadError(name, msg_failed(kind))
        size = result.stat().st_size
        if size > MAX_OUTPUT:
            raise LoadError(name, f"{kind}の変換結果が大きすぎます（{format_size(size)}、上限 {format_size(MAX_OUTPUT)}）")
        converted = result.read_bytes()
    logger.info("%s: converted to .docx in %.1f s", name, time.monotonic() - started)
    return converted


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        logger.error("LibreOffice process %d did not stop", proc.pid)


def _deadline() -> tuple[str, ...]:
    """A command prefix (coreutils `timeout`) that kills the conversion's process group
    DEADLINE_GRACE seconds after TIMEOUT even when nobody is left to do it: the indexer
    process that started it was killed (a stopped reindex), so its own timeout never fires."""
    timeout = shutil.which("timeout")
    return (timeout, "--signal=KILL", f"{TIMEOUT + DEADLINE_GRACE:g}") if timeout else ()


@functools.lru_cache(maxsize=1)
def _sandbox() -> tuple[str, ...]:
    """A command prefix that runs the converter without network access, when
    the system lets an ordinary process make a private network namespace."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    prefix = (unshare, "--map-root-user", "--net")
    try:
        ok = subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    if not ok:
        logger.info("no private network namespace for LibreOffice (unshare refused); converting without it")
        return ()
    return prefix
