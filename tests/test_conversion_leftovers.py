"""A reindex killed mid-conversion leaves no copy of a report behind for long.

Every LibreOffice conversion works in a folder under one parent
(``<tmp>/kyoten-convert-<uid>/``), locked while it runs and named after the
second its conversion is certainly over. A later conversion (or job) removes
the folders whose deadline has passed and whose lock is free — never the
folder of a conversion still running, in this process or another.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from indexer.load import officeconvert

REPO = Path(__file__).resolve().parent.parent
IZUMI_DOC = REPO / "tests" / "data" / "legacy" / "000_8f4773b09691ae88.docx.doc"


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """A temp folder of this test's own, in this process and in the children it starts."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def work_folders(tmp: Path) -> list[str]:
    parent = tmp / f"kyoten-convert-{os.getuid()}"
    return sorted(p.name for p in parent.iterdir()) if parent.is_dir() else []


def child(script: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-c", script], cwd=REPO, env=env)


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_conversion_killed_with_its_indexer_leaves_no_copy_of_the_report_after_the_next_run(
        private_tmp, tmp_path):
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nexec sleep 60\n")
    hanging.chmod(0o755)
    indexer = child(
        "from indexer.load import officeconvert, load_bytes\n"
        f"officeconvert.executable = lambda: {str(hanging)!r}\n"
        "officeconvert.TIMEOUT = 1.0; officeconvert.DEADLINE_GRACE = 0.5\n"
        f"load_bytes(open({str(IZUMI_DOC)!r}, 'rb').read(), 'killed.doc')\n")
    assert wait_for(lambda: any((private_tmp / f"kyoten-convert-{os.getuid()}" / name / "in").is_dir()
                                for name in work_folders(private_tmp)))
    (left,) = work_folders(private_tmp)
    indexer.kill()   # the reindex is stopped mid-conversion: nobody cleans up after it
    indexer.wait()
    assert work_folders(private_tmp) == [left], "the killed conversion's folder is still there"
    until = int(left.split("-")[0].removeprefix("until"))
    time.sleep(max(0.0, until - time.time()) + 0.5)   # its deadline passes
    officeconvert.sweep_stale()                       # what the next conversion or job does first
    assert work_folders(private_tmp) == []


def test_a_running_conversions_folder_is_never_swept_even_past_its_deadline(private_tmp):
    # another process is converting (it holds its folder's lock); its deadline is
    # made to lie in the past, the one thing a sweep could mistake for a dead run
    running = child(
        "import time\n"
        "from indexer.load import officeconvert\n"
        "with officeconvert.work_folder(-60) as folder:\n"
        "    (folder / 'input.doc').write_bytes(b'x')\n"
        "    time.sleep(60)\n")
    try:
        assert wait_for(lambda: len(work_folders(private_tmp)) == 1)
        (live,) = work_folders(private_tmp)
        assert wait_for(lambda: (private_tmp / f"kyoten-convert-{os.getuid()}" / live / "input.doc").exists())
        assert officeconvert.sweep_stale() == []
        assert work_folders(private_tmp) == [live]
    finally:
        running.kill()
        running.wait()
    assert officeconvert.sweep_stale() == [live]   # its process is gone now


def test_a_folder_whose_deadline_is_ahead_is_kept_even_before_its_lock_is_taken(private_tmp):
    parent = officeconvert.work_parent()
    fresh = parent / f"until{int(time.time()) + 300}-abcdefgh"
    fresh.mkdir()   # a conversion that has made its folder and not yet locked it
    assert officeconvert.sweep_stale() == [] and fresh.is_dir()


@pytest.mark.skipif(officeconvert.executable() is None, reason="LibreOffice is not installed")
def test_a_conversion_leaves_nothing_behind_when_it_ends(private_tmp):
    (converted,) = officeconvert.convert_many(
        [officeconvert.Conversion(IZUMI_DOC.read_bytes(), "izumi.doc", ".doc", "Word 文書（.doc）")])
    assert converted.startswith(b"PK")
    assert work_folders(private_tmp) == []


def test_the_work_folders_parent_is_private_and_a_foreign_one_is_not_swept(private_tmp):
    parent = officeconvert.work_parent()
    assert parent.stat().st_mode & 0o777 == 0o700
    parent.chmod(0o777)   # someone else could plant folders in it: do not trust it
    try:
        stale = parent / "until1-abcdefgh"
        stale.mkdir()
        assert officeconvert.work_parent() is None and officeconvert.sweep_stale() == []
        assert stale.is_dir()
    finally:
        parent.chmod(0o700)


def test_leftovers_of_earlier_versions_in_the_temp_folder_are_removed_once_long_dead(private_tmp, monkeypatch):
    monkeypatch.setattr(officeconvert, "_swept_unparented", set())
    old, recent = private_tmp / "kyoten-convert-ab12cd34", private_tmp / "kyoten-convert-ef56gh78"
    for folder in (old, recent):
        (folder / "profile").mkdir(parents=True)
        (folder / "input.doc").write_bytes(b"a copy of a report")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    officeconvert.sweep_stale()
    assert not old.exists() and recent.is_dir()
    assert (private_tmp / f"kyoten-convert-{os.getuid()}").is_dir()
