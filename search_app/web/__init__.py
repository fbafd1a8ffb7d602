"""The Flask web application: search pages, JSON API, admin placeholder.

`create_app(test_config=None)` is an application factory in the style of
Flask's tutorial: configuration from a mapping (tests) or the environment
(`KYOTEN_INDEX`, `KYOTEN_ADMIN_TOKEN`, `SECRET_KEY`), one blueprint per
concern. The search backend (`search_app.service.SearchService`) is opened
lazily on first use, once per app, and shared by all threads.

`serve(host, port, threads)` runs the app on waitress (used by `kyoten serve`).
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from werkzeug.exceptions import ServiceUnavailable

from .. import config

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
_SERVICE_KEY = "kyoten_service"
_LOCK_KEY = "kyoten_service_lock"


class IndexUnavailable(ServiceUnavailable):
    """The search index could not be opened (missing, not built yet, broken)."""

    description = "検索インデックスを開けませんでした。管理者が kyoten reindex を実行する必要があります。"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app. `test_config` overrides environment configuration."""
    app = Flask(
        __name__,
        template_folder=str(PACKAGE_DIR / "templates"),
        static_folder=str(PACKAGE_DIR / "static"),
        static_url_path="/static",
    )
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY") or os.environ.get("KYOTEN_SECRET_KEY")
        or secrets.token_hex(32),
        INDEX_DIR=str(config.index_dir()),
        ADMIN_TOKEN=config.admin_token(),
        SEMANTIC=os.environ.get("KYOTEN_SEMANTIC", "1").strip().lower() not in ("0", "false", "no", "off"),
        MAX_QUERY_CHARS=1000,
        MAX_K=100,
        MAX_OFFSET=10_000,
        EXPORT_MAX_ROWS=1000,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=_max_upload_bytes(),
    )
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    app.extensions[_LOCK_KEY] = threading.Lock()
    if app.config.get("SERVICE") is not None:  # an already-open service (tests, CLI)
        app.extensions[_SERVICE_KEY] = app.config["SERVICE"]

    from . import admin, api, documents, glossary_admin, pages, security, status

    security.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(glossary_admin.bp)
    app.register_blueprint(status.bp)
    admin.resume_interrupted_jobs(app)
    return app


def _max_upload_bytes() -> int:
    try:
        return config.max_upload_bytes()
    except ValueError:  # a malformed KYOTEN_MAX_UPLOAD_MB must not stop the site
        log.warning("ignoring invalid KYOTEN_MAX_UPLOAD_MB")
        return 20 * 1024 * 1024


def get_service():
    """The app's shared SearchService, opened on first use.

    A failure to open is not cached: the next request tries again, so building
    the index while the server runs makes it start working without a restart.
    """
    app = current_app
    service = app.extensions.get(_SERVICE_KEY)
    if service is not None:
        return service
    with app.extensions[_LOCK_KEY]:
        service = app.extensions.get(_SERVICE_KEY)
        if service is None:
            from ..service import SearchService

            index_dir = app.config.get("INDEX_DIR")
            try:
                service = SearchService.open(
                    Path(index_dir) if index_dir else None,
                    semantic=bool(app.config.get("SEMANTIC", True)),
                )
            except Exception:  # missing or broken index: a 503 page, not a crash
                log.exception("could not open the search index at %s", index_dir)
                raise IndexUnavailable() from None
            app.extensions[_SERVICE_KEY] = service
    return service


def _warm_up(app: Flask) -> None:
    """Open the index and load the query embedder before the first user waits for it."""
    with app.app_context():
        try:
            get_service().embedder()
        except Exception:  # the first request will report the problem
            log.warning("warm-up failed; the first search will retry", exc_info=True)


def serve(host: str = "127.0.0.1", port: int = 8000, threads: int = 8) -> None:
    """Serve the app with waitress (production WSGI server); blocks until stopped."""
    from waitress import serve as waitress_serve

    # One intra-op thread per query encoding: with 8 request threads on a 2-core
    # machine, torch's own thread pool makes query latency swing by 10x. The ONNX
    # encoders size their own pools (indexer/onnx_encoder.py); torch, loaded only for a
    # model without the ONNX export, reads OMP_NUM_THREADS when it starts. Importing
    # torch here only to set it cost every server ~220 MB it never used.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)
    app = create_app()
    threading.Thread(target=_warm_up, args=(app,), daemon=True, name="warm-up").start()
    log.info("Kyoten Search listening on http://%s:%s/", host, port)
    waitress_serve(app, host=host, port=port, threads=threads, ident="kyoten")
