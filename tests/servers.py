"""The real app on waitress in a thread of the test process, on loopback.

The server is stopped from its own loop (through waitress's trigger), so no
socket is closed under a ``select`` running in another thread.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager


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
