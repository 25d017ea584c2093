"""Export files for the Kelola Data tests (AppTest and the browser journey), made from the real
exports that the sample generator writes (`build_demo(..., keep_files=DIR)`, like `python -m src.cli
demo --keep-files DIR`), so every upload is a file an agency could hand over.

- `revised_development`: the Siulak development register re-exported for 2025–2026: the 2025 records
  less the last one (a record withdrawn), the 2026 records, and two new October 2026 records of a
  new BENTUK ("Lokakarya"), with an extra KETERANGAN column the importer ignores.
- `broken_development`: three Siulak records, one with an impossible date (31/02/2026) and one with
  a NIP that no staff snapshot holds.
- the untouched `karier.csv` export: already loaded, its SHA-256 is in the import log.

`Exports` also counts, straight from the CSV text (not through the importer), what the page must say.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from src.warehouse.demo import build_demo

SCALE = 300  # ~300 staff over Semarang, Serang and Siulak: a one-second build
REGION = "Siulak"  # every record of pengembangan_siulak.csv belongs to Siulak staff
NEW_BENTUK = "Lokakarya"  # not among the BENTUK spellings the contract knows
IGNORED_COLUMN = "KETERANGAN"
UNKNOWN_NIP = "199901012020011999"  # 18 digits, in no region's staff snapshot
BAD_DATE = "31/02/2026"


def size_kb(size: int) -> str:
    """A file size as the page writes it, worked out here by hand: 5449 bytes -> 5,4 KB (half up)."""
    value = (Decimal(size) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value} KB".replace(".", ",")


def _year(record: dict[str, str]) -> int:
    return int(record["TANGGAL_SELESAI"][-4:])  # the generator writes DD/MM/YYYY


def _csv(records: list[dict[str, str]], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


@dataclass
class Exports:
    db: Path
    folder: Path  # what the generator wrote and loaded
    stored_by_year: Counter  # Siulak development records per year, as loaded by the generator
    revised: Path
    revised_by_year: Counter
    broken: Path
    loaded: Path  # karier.csv, unchanged

    @staticmethod
    def sha256(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def upload(self, *paths: Path) -> list[tuple[str, bytes, str]]:
        """(name, content, mime type) for AppTest's file_uploader.set_value."""
        return [(p.name, p.read_bytes(), "text/csv") for p in paths]


def make_exports(folder: Path) -> Exports:
    """A small sample database at folder/asn.duckdb (version 1) and the files to upload beside it."""
    kept = folder / "exports"
    kept.mkdir(parents=True)
    db = folder / "asn.duckdb"
    result = build_demo(db, scale=SCALE, progress=lambda *_: None, keep_files=kept)
    assert result.ok, result.problems.render("en")

    text = (kept / "pengembangan_siulak.csv").read_text(encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(text)))
    columns = list(records[0])
    stored = Counter(_year(r) for r in records)
    assert stored[2025] >= 2 and stored[2026] >= 2, stored  # the revision below needs a few of each

    in_2025 = [r for r in records if _year(r) == 2025]
    in_2026 = [r for r in records if _year(r) == 2026]
    new = [
        {**r, "NAMA_KEGIATAN": f"Lokakarya Penyusunan SKP {i}", "BENTUK": NEW_BENTUK,
         "TANGGAL_MULAI": "14/10/2026", "TANGGAL_SELESAI": "15/10/2026", "JP": "8"}
        for i, r in enumerate(in_2026[:2], start=1)
    ]  # fmt: skip
    revised_records = [*in_2025[:-1], *in_2026, *new]
    revised = folder / "pengembangan_siulak_2025-2026.csv"
    revised.write_bytes(
        _csv([{**r, IGNORED_COLUMN: "revisi Oktober"} for r in revised_records], [*columns, IGNORED_COLUMN])
    )

    broken_records = [dict(r) for r in records[:3]]
    broken_records[0]["TANGGAL_SELESAI"] = BAD_DATE  # line 2 of the file (line 1 is the header)
    broken_records[1]["NIP_BARU"] = UNKNOWN_NIP  # line 3
    broken = folder / "pengembangan_rusak.csv"
    broken.write_bytes(_csv(broken_records, columns))

    return Exports(
        db=db,
        folder=kept,
        stored_by_year=stored,
        revised=revised,
        revised_by_year=Counter(_year(r) for r in revised_records),
        broken=broken,
        loaded=kept / "karier.csv",
    )
