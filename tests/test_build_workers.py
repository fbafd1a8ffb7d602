"""A killed build leaves no worker process behind to write into the index."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PARENT = textwrap.dedent("""
    import sys, time
    from indexer import workers

    def task(_):
        import os
        # one write of the whole line: two workers share the pipe, and with
        # PYTHONUNBUFFERED print() writes the number and the newline apart
        os.write(1, f"{os.getpid()}\\n".encode())
        time.sleep(60)

    if __name__ == "__main__":
        with workers.pool(2) as pool:
            pool.map(task, range(2), chunksize=1)
""")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purpose
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_the_workers_of_a_killed_build_die_with_it(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL,
                            text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    pids = [int(proc.stdout.readline()) for _ in range(2)]   # both workers are in their task
    assert all(_alive(p) for p in pids)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids), "a worker outlived its killed parent"
