"""Region names from INSTANSI_KERJA_NAMA / WILAYAH, through an editable mapping.

`data/wilayah.csv` (or the file named by DASBOR_WILAYAH) lists exact instansi names and the region
they belong to; it wins. Other names lose a leading government prefix ("Pemerintah Kota", "Pemkot",
"Pemerintah Kabupaten", …), so "Pemkot Serang" becomes "Serang" and a new region needs no code.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import polars as pl

from src.warehouse.reading import ReadError, decode_text, sniff_delimiter

DEFAULT_MAPPING = Path(__file__).resolve().parents[2] / "data" / "wilayah.csv"
MAPPING_COLUMNS = ("nama_instansi", "wilayah")
_PREFIX = re.compile(
    r"^(pemerintah|pemkot|pemkab|pemprov)\s+((kota|kabupaten|kab\.?|provinsi|kecamatan)\s+)?",
    re.IGNORECASE,
)


class MappingError(Exception):
    """The mapping file is edited by people, so it can be broken: `line` 1 means its header."""

    def __init__(self, path: Path, line: int | None) -> None:
        super().__init__(f"{path.name}: line {line}")
        self.path = path
        self.line = line


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _read_mapping(path: Path) -> dict[str, str]:
    """Read like an export file: UTF-8 or Windows-1252, `,` `;` or tab; blank lines skipped."""
    try:
        text = decode_text(path.read_bytes())
        lines = text.splitlines()
        delimiter = sniff_delimiter(lines[0]) if lines else ","
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except (OSError, ReadError, csv.Error):
        raise MappingError(path, None) from None
    header = [h.strip().casefold() for h in records[0]] if records else []
    if not set(MAPPING_COLUMNS) <= set(header):
        raise MappingError(path, 1)
    name_at, region_at = (header.index(c) for c in MAPPING_COLUMNS)
    exact: dict[str, str] = {}
    for line, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        name, region = (record[i].strip() if i < len(record) else "" for i in (name_at, region_at))
        if not name or not region:
            raise MappingError(path, line)
        exact[_key(name)] = " ".join(region.split())
    return exact


class RegionMapper:
    def __init__(self, mapping_file: Path | None = None) -> None:
        """Raises MappingError for a broken mapping file, or a named one (argument, env) that is missing."""
        configured = mapping_file or os.environ.get("DASBOR_WILAYAH")
        path = Path(configured) if configured else DEFAULT_MAPPING
        self.exact: dict[str, str] = {}
        if path.exists() or configured:
            self.exact = _read_mapping(path)

    def map(self, name: str | None) -> str | None:
        if name is None:
            return None
        cleaned = " ".join(name.split())
        return self.exact.get(_key(cleaned)) or _PREFIX.sub("", cleaned) or None

    def map_series(self, names: pl.Series) -> pl.Series:
        """`map` over a column, computed once per distinct name."""
        distinct = names.drop_nulls().unique().to_list()
        table = {name: self.map(name) for name in distinct}
        return names.replace_strict(table, default=None, return_dtype=pl.String)
