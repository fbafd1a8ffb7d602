"""Old Word documents (.doc, .rtf) and OpenDocument text (.odt, `odf`) converted to .docx by LibreOffice.

Python has no well-kept reader of Word's binary format, and the text-only
tools (antiword, catdoc) lose the table cells the structure parser needs
(measured on the seed reports: antiword draws the tables as wrapped ASCII
columns, catdoc runs the cells together). LibreOffice reads the format
fully, so the file is converted to .docx and read by the .docx loader: the
same report reads the same in either format.

Each conversion runs `soffice --headless --convert-to docx` as a separate
process, bounded and isolated:

- in a fresh work folder holding the input (under fixed names, d000.doc …,
  never the user's), the output and a throw-away LibreOffice profile
  (`-env:UserInstallation`), so conversions never share state or lock each
  other;
- without network access where the system allows it (a private network
  namespace through `unshare`): a document's linked images or fields are
  not fetched;
- stopped after `TIMEOUT` seconds, with every process it started (its own
  process group), and reported to the user;
- its output is refused above `MAX_OUTPUT` bytes, and is then checked by the
  .docx loader like any upload (decompression bounds of `officezip`).

Work folders never outlive their conversion for long, even when the indexer
is killed mid-conversion (a stopped reindex, the OOM killer): they all live
under one parent, ``<tmp>/kyoten-convert-<uid>/`` (mode 0700, ours alone),
each named after the wall-clock second by which its conversion is certainly
over (``until<epoch>-…``: the deadline after which coreutils `timeout` has
killed LibreOffice) and holding an exclusive lock (`flock`) for as long as
its conversion runs — Linux releases it when the process dies, however it
dies. Every conversion, and every upload job, first sweeps the parent
(`sweep_stale`): a folder is removed only when its deadline has passed *and*
its lock is free, so a live conversion's folder, of this process or another,
is never touched. The unlocked folders earlier versions left directly in the
temp folder are removed once they are an hour old.

Several files can be converted by one LibreOffice run (`convert_many`): its
start-up (1.3–2.3 s) is paid once per batch instead of once per file (see
docs/benchmarks.md, "Old Word files converted in batches"). The batch keeps
the single conversion's bounds per file — it is stopped when no new output
has appeared for `TIMEOUT` seconds, its hard deadline is `TIMEOUT` × the
number of files — and a failure stays with its file: when the run ends
normally, a file without output is the one LibreOffice could not read;
when the run crashed or was stopped, the files without a (certainly
complete) output are converted again one by one, so a file that hangs or
crashes LibreOffice is reported for itself alone and the others are kept.

`missing_packages()` says which Debian package is absent; the loaders turn
that into advice for the user.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import logging
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import docx as docx_format
from .common import MIB, LoadError, format_size
from .result import Extracted

logger = logging.getLogger(__name__)

PACKAGE = "libreoffice-writer-nogui"
TIMEOUT = 120.0  # seconds per document; a real report converts in 1-3 s
DEADLINE_GRACE = 5.0  # the process group's own deadline comes this long after TIMEOUT (_deadline)
MAX_OUTPUT = 64 * MIB
BATCH_SIZE = 20  # files per LibreOffice run in convert_many
_FILTER = "docx:MS Word 2007 XML"
_EXECUTABLES = ("soffice", "libreoffice")
_POLL = 0.1  # seconds between looks at a running conversion
_SWEEP_MARGIN = 2.0  # seconds after a work folder's hard deadline before a sweep may remove it
WORK_PREFIX = "kyoten-convert-"
_LOCK_NAME = ".owner.lock"
_UNTIL = re.compile(r"^until(\d+)-")


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


def load_as_docx(data: bytes, name: str, max_bytes: int, suffix: str, kind: str) -> Extracted:
    """The text (and page headers as context) of an old Word file (`suffix` ".doc" or ".rtf", already
    recognised by its loader), read through its .docx conversion. `kind`
    names the format in messages (「Word 文書（.doc）」)."""
    converted = to_docx(data, name, suffix, kind)
    try:
        extracted = docx_format.load(converted, name, max_bytes)
    except LoadError as exc:
        if exc.reason == docx_format.MSG_DOCX_NO_TEXT:
            raise LoadError(name, f"{kind}に本文のテキストがありません") from None
        raise
    return extracted


@dataclass(frozen=True)
class Conversion:
    """One file to convert: its bytes, the name shown in messages, its suffix
    (".doc" / ".rtf", already recognised by its loader) and its kind (「Word 文書（.doc）」)."""

    data: bytes
    name: str
    suffix: str
    kind: str


def to_docx(data: bytes, name: str, suffix: str, kind: str) -> bytes:
    """`data` converted to .docx bytes by LibreOffice; LoadError on failure.
    A conversion made beforehand in a batch (`convertbatch.prepared`) is used
    when there is one."""
    done = prepared_result(data, suffix)
    if done is not None:
        if isinstance(done, str):
            raise LoadError(name, done)
        return done
    (result,) = convert_many([Conversion(data, name, suffix, kind)])
    if isinstance(result, LoadError):
        raise result
    return result


def convert_many(items: list[Conversion], batch_size: int | None = None) -> list[bytes | LoadError]:
    """Each item converted to .docx bytes, or the LoadError saying why it could
    not be, in order. Up to `batch_size` (BATCH_SIZE) files share one
    LibreOffice run; a failure is reported for its own file only."""
    exe = executable()
    if exe is None:
        return [LoadError(item.name, msg_missing(item.kind)) for item in items]
    size = max(1, batch_size or BATCH_SIZE)
    results: list[bytes | LoadError | None] = [None] * len(items)
    for start in range(0, len(items), size):
        batch = list(range(start, min(start + size, len(items))))
        if len(batch) == 1:
            results[batch[0]] = _convert_alone(exe, items[batch[0]])
        else:
            _convert_batch(exe, items, batch, results)
    return results  # type: ignore[return-value]


# Set (to a folder) while a reindex's batch conversions are available (convertbatch).
PREPARED_ENV = "KYOTEN_CONVERTED_DIR"


def prepared_key(data: bytes, suffix: str) -> str:
    """The file name stem a batch conversion of `data` is kept under."""
    return f"{hashlib.sha256(data).hexdigest()}{suffix}"


def prepared_result(data: bytes, suffix: str) -> bytes | str | None:
    """The .docx bytes (or the failure reason) of a conversion made beforehand
    in a batch, or None when there is none."""
    folder = os.environ.get(PREPARED_ENV)
    if not folder:
        return None
    base = Path(folder) / prepared_key(data, suffix)
    try:
        return base.with_name(base.name + ".docx").read_bytes()
    except OSError:
        pass
    try:
        return base.with_name(base.name + ".reason").read_text(encoding="utf-8")
    except OSError:
        return None


@dataclass
class _Run:
    returncode: int | None   # None: stopped (no progress within TIMEOUT)
    outputs: dict[int, bytes | LoadError]   # the item indexes LibreOffice wrote a file for
    newest: int | None       # the item whose output was written last
    log: str
    seconds: float


def _convert_alone(exe: str, item: Conversion) -> bytes | LoadError:
    run = _run(exe, [item], [0])
    if run.returncode is None:
        logger.warning("%s: conversion stopped after %.0f s", item.name, TIMEOUT)
        return LoadError(item.name, msg_timeout(item.kind, TIMEOUT))
    if run.returncode != 0 or 0 not in run.outputs:
        logger.info("%s: LibreOffice exit %s: %s", item.name, run.returncode, run.log[-500:])
        return LoadError(item.name, msg_failed(item.kind))
    logger.info("%s: converted to .docx in %.1f s", item.name, run.seconds)
    return run.outputs[0]


def _convert_batch(exe: str, items: list[Conversion], batch: list[int],
                   results: list[bytes | LoadError | None]) -> None:
    run = _run(exe, items, batch)
    trusted = dict(run.outputs)
    if run.returncode != 0 and run.newest is not None:
        trusted.pop(run.newest, None)   # a crash or a stop may have cut the last file short
    for i in batch:
        if i in trusted:
            results[i] = trusted[i]
        elif run.returncode == 0:
            # the run ended normally without this file's output: LibreOffice could not read it
            logger.info("%s: LibreOffice wrote no output (batch of %d)", items[i].name, len(batch))
            results[i] = LoadError(items[i].name, msg_failed(items[i].kind))
    redo = [i for i in batch if results[i] is None]
    if redo:
        logger.warning("LibreOffice batch of %d files ended with %s; converting %d of them one by one",
                       len(batch), "a stop" if run.returncode is None else f"exit {run.returncode}", len(redo))
        for i in redo:
            results[i] = _convert_alone(exe, items[i])
    logger.info("converted %d files in one LibreOffice run in %.1f s", len(batch) - len(redo), run.seconds)


def _run(exe: str, items: list[Conversion], batch: list[int]) -> _Run:
    """One LibreOffice run converting items[batch] in a work folder of its own."""
    started = time.monotonic()
    deadline = TIMEOUT * len(batch)
    with work_folder(deadline + DEADLINE_GRACE) as work:
        inputs = work / "in"
        inputs.mkdir()
        out_dir = work / "out"
        sources = {}
        for n, i in enumerate(batch):
            source = inputs / f"d{n:03d}{items[i].suffix}"
            source.write_bytes(items[i].data)
            sources[i] = source
        command = [*_deadline(deadline), *_sandbox(), exe,
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                   "--convert-to", _FILTER, "--outdir", str(out_dir), *map(str, sources.values())]
        env = dict(os.environ, HOME=str(work), TMPDIR=str(work))
        log_path = work / "soffice.log"
        with log_path.open("wb") as log_file:
            proc = subprocess.Popen(command, cwd=work, env=env, stdin=subprocess.DEVNULL,
                                    stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                returncode = _wait_with_progress(proc, out_dir)
            finally:
                _kill_group(proc)  # a helper process LibreOffice left running
        outputs: dict[int, bytes | LoadError] = {}
        newest, newest_time = None, -1.0
        for i, source in sources.items():
            result = out_dir / f"{source.stem}.docx"
            try:
                st = result.stat()
            except OSError:
                continue
            if st.st_mtime_ns > newest_time:
                newest, newest_time = i, st.st_mtime_ns
            if st.st_size > MAX_OUTPUT:
                outputs[i] = LoadError(items[i].name, f"{items[i].kind}の変換結果が大きすぎます"
                                       f"（{format_size(st.st_size)}、上限 {format_size(MAX_OUTPUT)}）")
            else:
                outputs[i] = result.read_bytes()
        log = log_path.read_bytes()[-4000:].decode("utf-8", "replace").strip()
    return _Run(returncode, outputs, newest, log, time.monotonic() - started)


def _wait_with_progress(proc: subprocess.Popen, out_dir: Path) -> int | None:
    """The exit code of a conversion, or None when it was stopped because no new
    output appeared for TIMEOUT seconds (for one file: it took longer than TIMEOUT)."""
    last_count, last_progress = 0, time.monotonic()
    while True:
        try:
            return proc.wait(timeout=_POLL)
        except subprocess.TimeoutExpired:
            pass
        try:
            count = sum(1 for _ in out_dir.iterdir())
        except OSError:
            count = 0
        now = time.monotonic()
        if count > last_count:
            last_count, last_progress = count, now
        elif now - last_progress >= TIMEOUT:
            _kill_group(proc)
            return None


# --------------------------------------------------------------------------- work folders

def work_parent() -> Path | None:
    """The one parent of every conversion's work folder: ``<tmp>/kyoten-convert-<uid>``,
    created 0700; None when it exists but is not a private folder of ours (then
    conversions use a plain temporary folder and nothing is swept)."""
    parent = Path(tempfile.gettempdir()) / f"{WORK_PREFIX}{os.getuid()}"
    try:
        parent.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(parent)
    except OSError as exc:
        logger.warning("cannot use %s for conversions: %s", parent, exc)
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
        logger.warning("%s is not a private folder of this user; conversions do not sweep it", parent)
        return None
    return parent


@contextmanager
def work_folder(seconds: float):
    """A new work folder, locked while the block runs and removed after it;
    `seconds` bounds how long anything started in it can live."""
    parent = work_parent()
    if parent is not None:
        sweep_stale(parent)
        until = int(time.time() + seconds + _SWEEP_MARGIN) + 1
        folder = Path(tempfile.mkdtemp(prefix=f"until{until}-", dir=parent))
    else:
        folder = Path(tempfile.mkdtemp(prefix=WORK_PREFIX))
    fd = os.open(folder / _LOCK_NAME, os.O_CREAT | os.O_WRONLY | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)


def sweep_stale(parent: Path | None = None, now: float | None = None) -> list[str]:
    """Remove the work folders of conversions whose process is gone (a killed
    indexer): past their deadline and with their lock free. Returns their names."""
    parent = parent if parent is not None else work_parent()
    if parent is None:
        return []
    now = time.time() if now is None else now
    removed = _sweep_unparented(parent.parent, now)
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return []
    for entry in entries:
        m = _UNTIL.match(entry.name)
        if not m or int(m.group(1)) >= now or not entry.is_dir(follow_symlinks=False):
            continue
        if _lock_is_free(Path(entry.path) / _LOCK_NAME):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.name)
    if removed:
        logger.info("removed %d work folders of conversions that were killed: %s", len(removed), removed)
    return removed


_UNPARENTED = re.compile(rf"^{WORK_PREFIX}[a-z0-9_]{{8}}$")
UNPARENTED_AGE = 3600.0  # seconds; a conversion of an earlier version lived TIMEOUT + DEADLINE_GRACE at most
_swept_unparented: set[str] = set()


def _sweep_unparented(tmp: Path, now: float) -> list[str]:
    """Once per process and temp folder: the work folders earlier versions made
    directly in the temp folder (``kyoten-convert-<8 random>``, no lock), when
    they are older than UNPARENTED_AGE — far beyond their conversion's deadline."""
    if str(tmp) in _swept_unparented:
        return []
    _swept_unparented.add(str(tmp))
    removed = []
    try:
        entries = [e for e in os.scandir(tmp)   # never a parent folder (kyoten-convert-<uid>)
                   if _UNPARENTED.match(e.name) and not e.name[len(WORK_PREFIX):].isdigit()]
    except OSError:
        return []
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and now - st.st_mtime > UNPARENTED_AGE:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.name)
    return removed


def _lock_is_free(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        return True   # the owner died before it could lock: its deadline has passed
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        return True
    finally:
        os.close(fd)   # releases the lock just taken


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        logger.error("LibreOffice process %d did not stop", proc.pid)


def _deadline(seconds: float) -> tuple[str, ...]:
    """A command prefix (coreutils `timeout`) that kills the conversion's process group
    DEADLINE_GRACE seconds after `seconds` even when nobody is left to do it: the indexer
    process that started it was killed (a stopped reindex), so its own timeout never fires."""
    timeout = shutil.which("timeout")
    return (timeout, "--signal=KILL", f"{seconds + DEADLINE_GRACE:g}") if timeout else ()


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
