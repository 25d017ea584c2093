"""Turn an export file (CSV or XLSX) into a table of text cells, without interpreting any value.

Every cell becomes a string (or null when empty) so that one set of parsers in `cleaning` applies to
both formats. XLSX date cells become ISO dates and whole numbers lose their `.0`; a NIP stored as a
number cell is marked so that cleaning can refuse it (Excel keeps only 15 significant digits).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import python_calamine

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = (",", ";", "\t")
# A numeric XLSX cell is written with this prefix so that the NIP parser can tell it was a number.
NUMERIC_CELL_MARK = "\x00num:"


class ReadError(Exception):
    """A whole file cannot be read. `key` names a catalogue message, `values` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class RawTable:
    headers: list[str]
    cells: pl.DataFrame  # one Utf8 column per header (named c0, c1, …) plus "_line", the file's line


def read_file(path: Path) -> RawTable:
    if not path.exists():
        raise ReadError("import.error.file_missing")
    if path.stat().st_size == 0:
        raise ReadError("import.error.file_empty")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(path)
    if suffix in CSV_SUFFIXES:
        return _read_csv(path.read_bytes())
    raise ReadError("import.error.file_type")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, the two encodings Indonesian exports use."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # five byte values are undefined in cp1252
        raise ReadError("import.error.file_encoding") from None


def sniff_delimiter(header_line: str) -> str:
    """The delimiter is whichever of `,` `;` and tab splits the header into the most fields."""
    counts = {d: len(next(csv.reader([header_line], delimiter=d))) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))


def _read_csv(data: bytes) -> RawTable:
    if b"\x00" in data[:4096]:
        raise ReadError("import.error.file_binary")
    text = decode_text(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ReadError("import.error.file_empty")
    delimiter = sniff_delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error:  # e.g. a field over the csv module's size limit (a stray quote, or not a CSV)
        raise ReadError("import.error.csv_broken", line=reader.line_num) from None
    headers = rows[0]
    width = len(headers)
    body = []
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines (often at the end) are not data
        if len(row) != width:
            raise ReadError("import.error.ragged", line=index, found=len(row), expected=width)
        body.append((index, row))
    return _table(headers, [line for line, _ in body], [row for _, row in body])


def _xlsx_cell(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return NUMERIC_CELL_MARK + text
    if isinstance(value, int):
        return NUMERIC_CELL_MARK + str(value)
    return "" if value is None else str(value)


def _read_xlsx(path: Path) -> RawTable:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several error types for damaged files
        raise ReadError("import.error.xlsx_unreadable") from None
    if not rows:
        raise ReadError("import.error.file_empty")
    headers = [_xlsx_cell(v).removeprefix(NUMERIC_CELL_MARK) for v in rows[0]]
    while headers and not headers[-1].strip():
        headers.pop()
    width = len(headers)
    lines, body = [], []
    for index, row in enumerate(rows[1:], start=2):
        cells = [_xlsx_cell(v) for v in row[:width]] + [""] * (width - len(row))
        if any(c.strip() for c in cells):
            lines.append(index)
            body.append(cells)
    return _table(headers, lines, body)


def _table(headers: list[str], lines: list[int], rows: list[list[str]]) -> RawTable:
    if not [h for h in headers if h.strip()]:
        raise ReadError("import.error.file_empty")
    transposed = list(zip(*rows, strict=True)) if rows else [() for _ in headers]
    columns = {f"c{i}": list(values) for i, values in enumerate(transposed)}
    frame = pl.DataFrame(
        {"_line": lines, **columns},
        schema={"_line": pl.Int64, **{name: pl.String for name in columns}},
    )
    # Empty or blank cells are NULL; surrounding spaces never carry meaning in these exports.
    frame = frame.with_columns(
        pl.col(name).str.strip_chars().replace("", None) for name in columns
    )
    return RawTable(headers=headers, cells=frame)
