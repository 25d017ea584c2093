"""Region names from INSTANSI_KERJA_NAMA / WILAYAH, through an editable mapping.

`data/wilayah.csv` (or the file named by DASBOR_WILAYAH) lists exact instansi names and the region
they belong to; it wins. Other names lose a leading government prefix ("Pemerintah Kota", "Pemkot",
"Pemerintah Kabupaten", …), so "Pemkot Serang" becomes "Serang" and a new region needs no code.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

DEFAULT_MAPPING = Path(__file__).resolve().parents[2] / "data" / "wilayah.csv"
_PREFIX = re.compile(
    r"^(pemerintah|pemkot|pemkab|pemprov)\s+((kota|kabupaten|kab\.?|provinsi|kecamatan)\s+)?",
    re.IGNORECASE,
)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class RegionMapper:
    def __init__(self, mapping_file: Path | None = None) -> None:
        path = mapping_file or Path(os.environ.get("DASBOR_WILAYAH", DEFAULT_MAPPING))
        self.exact: dict[str, str] = {}
        if path.exists():
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle):
                    self.exact[_key(row["nama_instansi"])] = row["wilayah"].strip()

    def map(self, name: str | None) -> str | None:
        if name is None:
            return None
        cleaned = " ".join(name.split())
        return self.exact.get(_key(cleaned)) or _PREFIX.sub("", cleaned) or None
