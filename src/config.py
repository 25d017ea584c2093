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


def max_upload_bytes() -> int:
    """max_upload_mb() in bytes, counted as Streamlit's uploader counts (1 MB = 1024 × 1024 bytes)."""
    return max_upload_mb() * 1024 * 1024


def xlsx_max_uncompressed_mb() -> int:
    """Largest total size of an XLSX file's parts once unpacked, in megabytes:
    DASBOR_XLSX_MAX_UNCOMPRESSED_MB, default 1000.

    An XLSX is a zip of XML; the reader (calamine) keeps the whole first sheet in memory, about 2.7
    times its unpacked size at peak, so this bounds what one import can cost (1000 MB: under 3 GB).
    A full Excel sheet (1,048,576 rows) of the 16 pengembangan columns unpacks to about 650 MB.
    """
    return max(int(os.environ.get("DASBOR_XLSX_MAX_UNCOMPRESSED_MB", "1000")), 1)


def xlsx_max_ratio() -> int:
    """Largest unpacked/packed size ratio of one part of an XLSX file: DASBOR_XLSX_MAX_RATIO, default 100.

    Spreadsheet XML packs 5-20×; a "zip bomb" packs 1,000× and more. Parts under 1 MB unpacked are
    not held to it (a tiny part that packs well can do no harm).
    """
    return max(int(os.environ.get("DASBOR_XLSX_MAX_RATIO", "100")), 2)


def idle_minutes() -> float:
    """Minutes without activity after which a signed-in session is signed out: DASBOR_IDLE_MINUTES, 30
    (fractions allowed, e.g. for a test)."""
    return max(float(os.environ.get("DASBOR_IDLE_MINUTES", "30")), 0.05)
