"""Configuration from KYOTEN_* environment variables, with fresh-clone defaults.

Paths default relative to the repository root (the folder holding
pyproject.toml) so commands work from any working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser() if value else default


def corpus_dir() -> Path:
    return _path("KYOTEN_CORPUS", REPO_ROOT / "corpus")


def index_dir() -> Path:
    return _path("KYOTEN_INDEX", REPO_ROOT / "var" / "index")


def models_dir() -> Path:
    return _path("KYOTEN_MODELS_DIR", REPO_ROOT / "models")


def model_name() -> str | None:
    """KYOTEN_MODEL: a directory name under models/ or a path; unset = the default model."""
    return os.environ.get("KYOTEN_MODEL") or None


def admin_token() -> str | None:
    token = os.environ.get("KYOTEN_ADMIN_TOKEN", "").strip()
    return token or None


def max_upload_bytes() -> int:
    """KYOTEN_MAX_UPLOAD_MB in bytes; ValueError for a value that is not a whole number of
    megabytes ≥ 1 (0 would refuse every upload and every form post)."""
    mb = int(os.environ.get("KYOTEN_MAX_UPLOAD_MB", "20"))
    if mb < 1:
        raise ValueError(f"KYOTEN_MAX_UPLOAD_MB must be at least 1, not {mb}")
    return mb * 1024 * 1024


def glossary_path() -> Path | None:
    value = os.environ.get("KYOTEN_GLOSSARY")
    return Path(value) if value else None
