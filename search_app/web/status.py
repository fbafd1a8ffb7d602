"""The status page for people: 稼働状況 (/status), in Japanese.

What the index holds (documents, passages, wards, fiscal years, semantic search), when
it was last rebuilt, the files it could not read, and the reindex jobs (waiting,
running, the last one finished). The same facts for machines stay at /healthz (JSON);
the site footer links here.
"""

from __future__ import annotations

import logging

from flask import Blueprint, render_template

from indexer import wareki

from . import admin, get_service

log = logging.getLogger(__name__)

bp = Blueprint("status", __name__)


def _when(stamp: str | None) -> str | None:
    """An ISO 8601 time as the page shows it: 2026-11-30 19:15:26."""
    return stamp[:19].replace("T", " ") if stamp else None


def _index_facts() -> dict | None:
    """The index's counts and when it was built; None when it cannot be opened."""
    try:
        service = get_service()
        health = service.health()
        facets = service.facets()
    except Exception:  # noqa: BLE001 — the page says the index is unavailable
        log.warning("status page: the index cannot be opened", exc_info=True)
        return None
    wards = {w: n for w, n in (facets.get("ward") or {}).items() if w}
    years = sorted(int(y) for y in (facets.get("year") or {}) if str(y).isdigit() and int(y))
    return {**health, "created_text": _when(health.get("created")), "wards": wards,
            "unknown_ward": (facets.get("ward") or {}).get("", 0),
            "years": (wareki.western_to_label(years[0]), wareki.western_to_label(years[-1]), years[0], years[-1])
            if years else None,
            "doc_types": {t: n for t, n in (facets.get("doc_type") or {}).items() if n}}


def _jobs() -> dict | None:
    """Reindex jobs (uploads, corrections) of this server; None when uploads are off."""
    if not admin.admin_enabled():
        return None
    jobs = admin.job_runner().recent(100)
    finished = [j for j in jobs if j["state"] in ("done", "failed") and j.get("finished")]
    last = max(finished, key=lambda j: j["finished"]) if finished else None
    return {"queued": sum(j["state"] == "queued" for j in jobs),
            "running": [dict(j, started_text=_when(j.get("started"))) for j in jobs if j["state"] == "running"],
            "last": dict(last, finished_text=_when(last["finished"])) if last else None,
            "logged_in": admin.session_authorised()}


@bp.get("/status")
def status():
    facts = _index_facts()
    return render_template("status.html", index=facts, jobs=_jobs()), (200 if facts else 503)
