"""A reindex job that never ends is stopped and reported, not left 「実行中」 for ever.

A file whose parsing takes hours (for instance a line of hundreds of thousands
of tab characters, which the row cleaner handles in quadratic time) would keep
the job's reindex running, holding the reindex lock with every later upload
queued behind it. The job runner stops a child that runs longer than its
limit; the job fails with a Japanese reason saying the previous index still
serves and the files are saved, and the next job runs.
"""

from __future__ import annotations

import os
import sys
import time

from search_app import jobs


def test_a_reindex_that_never_ends_is_stopped_and_the_job_fails_saying_why_and_the_next_job_runs(tmp_path, monkeypatch):
    runner = jobs.JobRunner(tmp_path / "corpus", tmp_path / "index", semantic=False, job_timeout=1.0)
    commands = iter([
        [sys.executable, "-c", "import time; time.sleep(600)"],                       # never ends
        [sys.executable, "-c", "import json; print(json.dumps({'generation': None}))"],  # the next one does
    ])
    monkeypatch.setattr(runner, "command", lambda lock_wait: next(commands))
    try:
        started = time.monotonic()
        stuck = runner.wait(runner.submit([{"file": "a.txt", "status": "saved", "saved_as": "uploads/a.txt"}])["id"], 60)
        assert stuck["state"] == "failed", stuck
        assert "終わらないため中止しました" in stuck["error"] and "以前の索引はそのまま使えます" in stuck["error"]
        assert "ファイルは保存済み" in stuck["error"]
        assert time.monotonic() - started < 30
        assert not os.path.exists(f"/proc/{stuck['pid']}") or _is_zombie(stuck["pid"])
        following = runner.wait(runner.submit([])["id"], 60)
        assert following["state"] == "done", following
    finally:
        runner.shutdown(10)


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1].startswith("Z")
    except OSError:
        return True
