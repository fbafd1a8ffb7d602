"""Ctrl-C stops `kyoten reindex` at once and says so (userfix32).

Found pressing Ctrl-C during `kyoten reindex --full` of a 360-report archive: the parse
workers (one per core) each printed a KeyboardInterrupt traceback, and the command did not
stop — still running a minute later, holding the reindex lock that every upload's job waits
for — until it was killed. A terminal's Ctrl-C reaches the whole foreground process group:
the pool's workers took it, died, were replaced, and the pool waited for the files they had
lost. Now workers leave Ctrl-C to the command, which terminates them and ends with one line
(exit 130); the index is the one before, as for any interrupted reindex.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from search_app import cli

REPO = Path(__file__).resolve().parent.parent
def _default_sigint():
    signal.signal(signal.SIGINT, signal.SIG_DFL)   # as in a terminal (a background job ignores it)


def test_ctrl_c_stops_kyoten_reindex_while_its_workers_parse_an_archive(tmp_path):
    """The command a user runs, on enough reports to be parsed by worker processes."""
    import shutil

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((REPO / "corpus").glob("*.txt"))
    for n in range(300):
        shutil.copyfile(seeds[n % len(seeds)], corpus / f"r{n:03d}.txt")
        with open(corpus / f"r{n:03d}.txt", "a", encoding="utf-8") as f:
            f.write(f"\n備考 {n}\n")   # each file its own content
    proc = subprocess.Popen([sys.executable, "-m", "search_app.cli", "reindex", "--corpus", str(corpus),
                             "--index", str(tmp_path / "index"), "--no-semantic", "--full"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=_default_sigint,
                            env=dict(os.environ, KYOTEN_INDEX_PROCS="2"))
    try:
        time.sleep(5.0)   # started, parsing in its workers
        assert proc.poll() is None, "the reindex ended before it could be interrupted"
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert time.monotonic() - sent < 20, "kyoten reindex did not stop on Ctrl-C"
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "中断しました。索引は以前のまま変わっていません" in err
    assert not (tmp_path / "index" / "CURRENT").exists()   # nothing was published


def test_ctrl_c_during_kyoten_reindex_says_the_index_is_unchanged_in_one_line(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_reindex", interrupted)
    assert cli.main(["reindex", "--no-semantic"]) == 130
    err = capsys.readouterr().err
    assert err.strip() == "中断しました。索引は以前のまま変わっていません（途中まで作った索引は次の kyoten reindex が片付けます）。"
