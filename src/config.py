"""Settings read from the environment, with the defaults a fresh clone needs."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "data" / "asn.duckdb"


def database_path() -> Path:
    """The app's database: DASBOR_DB, else data/asn.duckdb (the CLI takes --db instead)."""
    return Path(os.environ.get("DASBOR_DB", DEFAULT_DB))


def keep_versions() -> int:
    """How many published versions of the data to keep for rollback: DASBOR_KEEP_VERSIONS, default 10."""
    return max(int(os.environ.get("DASBOR_KEEP_VERSIONS", "10")), 2)


def max_upload_mb() -> int:
    """Largest export file accepted, in megabytes (upload page and CLI): DASBOR_MAX_UPLOAD_MB, default 200."""
    return max(int(os.environ.get("DASBOR_MAX_UPLOAD_MB", "200")), 1)
