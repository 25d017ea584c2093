"""One call for a pack file: the page's download buttons and the `report` command both use it."""

from __future__ import annotations

from pathlib import Path

from src.i18n import t
from src.metrics.review import Review
from src.reports.pack import make_pack
from src.warehouse import versions


def source_label(db_path: Path | str, lang: str) -> str:
    """asn.duckdb · versi data 7 (the data version the figures come from, when versions are kept)."""
    current = versions.current_version(db_path)
    name = Path(db_path).name
    return t("ui.review.source_version", lang, name=name, version=current.number) if current else name


def pack_file(kind: str, review: Review, lang: str, db_path: Path | str) -> bytes:
    """The review pack as "pdf" or "xlsx" bytes, with the notes as saved now (PdfError: no Chromium)."""
    pack = make_pack(review, lang, str(db_path), source=source_label(db_path, lang))
    if kind == "pdf":
        from src.reports.pdf import pdf_bytes

        return pdf_bytes(pack)
    if kind == "xlsx":
        from src.reports.xlsx import xlsx_bytes

        return xlsx_bytes(pack)
    raise ValueError(f"unknown pack kind {kind!r}")
