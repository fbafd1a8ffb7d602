"""Writing a file so that readers see the old content or the new, never half of it.

A process killed between writing its temporary file and the rename (a server
crash, the OOM killer) leaves that file behind; the next write of the same
file removes the leftovers older than `STALE_TEMP_AGE` (`remove_stale_files`),
a bound no real write comes near, so a write in progress is never touched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

STALE_TEMP_AGE = 3600.0  # seconds; a temporary file this old belongs to a write that was killed
_TEMP_SUFFIX = ".tmp"


def remove_stale_files(folder: Path, prefix: str, suffix: str = _TEMP_SUFFIX,
                       older_than: float = STALE_TEMP_AGE) -> list[str]:
    """Remove the regular files of `folder` named `prefix`…`suffix` last modified
    more than `older_than` seconds ago; returns their names."""
    removed = []
    now = time.time()
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(suffix)]
    except OSError:
        return removed
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and now - st.st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    if removed:
        log.info("removed %d temporary files a killed write left in %s", len(removed), folder)
    return removed


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8, "\\n" newlines) to `path` through a synced temporary file
    in the same folder and one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_files(path.parent, f".{path.name}.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def replaced_folder(folder: Path):
    """Yield a new empty folder beside `folder`; when the block ends without an
    error it replaces `folder` (removed, then the new one renamed into place),
    otherwise it is removed and `folder` is left as it was."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}-{uuid.uuid4().hex[:8]}")
    tmp.mkdir()
    try:
        yield tmp
        if folder.exists():
            shutil.rmtree(folder)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
