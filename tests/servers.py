"""The real app served on loopback for the tests: on waitress in a thread of the test
process (``running``, ``seed_site``), or as ``kyoten serve`` in a subprocess
(``start_server``) where a test kills the server or restarts it.

A thread's server is stopped from its own loop (through waitress's trigger), so no
socket is closed under a ``select`` running in another thread.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from admin_api import http
from benchmarks.upload_latency import free_port, stop_process
from web_fixtures import SEED_CORPUS

STARTUP_TIMEOUT = 60.0


@contextmanager
def running(app, threads: int = 4):
    """Serve ``app`` on 127.0.0.1 (a free port); yield its base URL."""
    from waitress import wasyncore
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        def stop():
            server.task_dispatcher.shutdown()
            wasyncore.close_all(server._map)   # the loop ends when its map is empty

        server.trigger.pull_trigger(stop)
        thread.join(timeout=10)


@contextmanager
def seed_site(root, token: str, extra_reports: dict[str, str], **config):
    """A keyword-index server over a copy of the seed corpus plus `extra_reports` (file name →
    text), with its own copy of the packaged glossary (edits stay under `root`); yields
    (base URL, corpus folder) once a first search has answered. `config` adds app settings."""
    import urllib.request
    from urllib.parse import quote

    import pytest

    from indexer import synonyms
    from search_app.indexing import build_index
    from search_app.web import admin, create_app

    corpus, index = root / "corpus", root / "index"
    glossary = root / "config" / "glossary.txt"
    glossary.parent.mkdir()
    shutil.copyfile(synonyms.DEFAULT_GLOSSARY_PATH, glossary)
    mp = pytest.MonkeyPatch()
    mp.setenv(synonyms.ENV_VAR, str(glossary))
    shutil.copytree(SEED_CORPUS, corpus)
    for name, text in extra_reports.items():
        (corpus / name).write_text(text, encoding="utf-8")
    summary = build_index(corpus, index, semantic=False, full=True)
    assert not summary.failed, summary.failed
    app = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "ADMIN_TOKEN": token,
                      "SEMANTIC": False, "TESTING": True, **config})
    try:
        with running(app) as url:
            with urllib.request.urlopen(f"{url}/api/search?q={quote('多胎児')}", timeout=120) as resp:
                assert resp.status == 200
            yield url, corpus
    finally:
        admin.shutdown_jobs(app)
        mp.undo()


def start_server(corpus: Path, index: Path, log_path: Path, token: str) -> tuple[subprocess.Popen, str]:
    """`kyoten serve` as a subprocess on a free port of 127.0.0.1, configured by environment
    (keyword index, admin `token`); waits for /healthz."""
    port = free_port()
    env = dict(os.environ, KYOTEN_CORPUS=str(corpus), KYOTEN_INDEX=str(index),
               KYOTEN_ADMIN_TOKEN=token, KYOTEN_SEMANTIC="0", HF_HUB_OFFLINE="1")
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([sys.executable, "-m", "search_app.cli", "serve", "--host", "127.0.0.1",
                                 "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if proc.poll() is not None:
            raise AssertionError(log_path.read_text(errors="replace"))
        try:
            if http("GET", base + "/healthz", timeout=2)[0] == 200:
                return proc, base
        except OSError:
            pass
        if time.monotonic() >= deadline:
            stop_process(proc)
            raise AssertionError("server did not start")
        time.sleep(0.2)


def seed_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the seed corpus and a fresh keyword-only index of it."""
    from search_app.indexing import build_index

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEED_CORPUS, corpus)
    build_index(corpus, index, semantic=False, full=True)
    return corpus, index
