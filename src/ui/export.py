"""Downloads: a Polars frame as CSV or XLSX, safe to open in a spreadsheet, saying what it shows.

Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
carriage return; OWASP "CSV injection") get a leading apostrophe. Every file states the filters it
was made under and when: CSV in `#` lines above the header, XLSX on a second sheet.
"""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A regex character class with the same characters, for the vectorised check.
_FORMULA_START_PATTERN = r"^[=+\-@\t\r]"


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells that begin like a formula with `'` (numbers stay numbers)."""
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA_START_PATTERN))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text_columns
    )


def _statement(description: list[str], made_at: dt.datetime | None) -> list[str]:
    stamp = (made_at or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    return [*description, stamp]


def to_csv(frame: pl.DataFrame, description: list[str], made_at: dt.datetime | None = None) -> bytes:
    """UTF-8 with BOM (so that spreadsheet programs read accents right), `#` lines first."""
    preamble = "".join(f"# {line}\n" for line in _statement(description, made_at))
    body = neutralise(frame).write_csv()
    return ("\ufeff" + preamble + body).encode("utf-8")


def to_xlsx(
    frame: pl.DataFrame,
    description: list[str],
    sheet: str = "Data",
    about_sheet: str = "Keterangan",
    made_at: dt.datetime | None = None,
) -> bytes:
    """One sheet with the data (numbers as numbers), one with the filters and the time made."""
    buffer = io.BytesIO()
    # Never turn text into formulas or links, whatever it starts with.
    options = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    with xlsxwriter.Workbook(buffer, options) as workbook:
        neutralise(frame).write_excel(workbook, worksheet=sheet, autofit=True, float_precision=2)
        about = workbook.add_worksheet(about_sheet)
        for row, line in enumerate(_statement(description, made_at)):
            about.write_string(row, 0, line)
        about.set_column(0, 0, 80)
    return buffer.getvalue()
