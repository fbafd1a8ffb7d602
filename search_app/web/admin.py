"""Administration (report uploads and reindexing).

For now a placeholder page: uploads are disabled unless KYOTEN_ADMIN_TOKEN is
set, and the upload feature itself is built by a later issue. The blueprint,
`admin_enabled()` and the CSRF helpers in `security` are the extension points.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, render_template

bp = Blueprint("admin", __name__, url_prefix="/admin")


def admin_enabled() -> bool:
    """True when an admin token is configured (KYOTEN_ADMIN_TOKEN / ADMIN_TOKEN)."""
    return bool(current_app.config.get("ADMIN_TOKEN"))


def check_token(given: str | None) -> bool:
    """Constant-time comparison of a presented token with the configured one."""
    expected = current_app.config.get("ADMIN_TOKEN")
    if not expected or not given:
        return False
    return hmac.compare_digest(str(expected).encode(), str(given).encode())


@bp.get("/")
def index():
    return render_template("admin.html", enabled=admin_enabled())
