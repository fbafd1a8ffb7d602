"""A save cut off by a killed server leaves no copy of a report behind for long.

An upload is written to a hidden temporary file in the uploads folder and then
linked into place; the job journal and metadata sidecars are written to a
temporary file and renamed. A process killed in between leaves the temporary
file; the next upload (or write of the same file) removes those older than an
hour — never one a write in progress is using.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from indexer.files import STALE_TEMP_AGE, write_text_atomically
from search_app import uploads


def left_behind(path: Path, age: float) -> Path:
    path.write_bytes(b"a copy of a report")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_an_upload_a_killed_server_cut_off_leaves_no_copy_after_the_next_upload(tmp_path):
    corpus = tmp_path / "corpus"
    folder = corpus / uploads.UPLOADS_SUBDIR
    folder.mkdir(parents=True)
    old = left_behind(folder / ".upload-0123456789abcdef.tmp", STALE_TEMP_AGE + 60)
    in_progress = left_behind(folder / ".upload-fedcba9876543210.tmp", 5)   # another request writing now
    (result,) = uploads.save_uploads([("中区_報告.txt", "中区の取組です。".encode())], corpus)
    assert result.status == uploads.SAVED
    assert not old.exists() and in_progress.exists()
    assert sorted(p.name for p in folder.iterdir()) == [in_progress.name, "中区_報告.txt"]


def test_a_journal_or_metadata_write_cut_off_leaves_no_temp_file_after_the_next_write(tmp_path):
    journal = tmp_path / "jobs.json"
    old = left_behind(tmp_path / ".jobs.json.abc123.tmp", STALE_TEMP_AGE + 60)
    in_progress = left_behind(tmp_path / ".jobs.json.def456.tmp", 1)
    other = left_behind(tmp_path / ".glossary.txt.abc123.tmp", STALE_TEMP_AGE + 60)   # another file's: not ours to judge
    write_text_atomically(journal, "[]")
    assert journal.read_text() == "[]"
    assert not old.exists() and in_progress.exists() and other.exists()
