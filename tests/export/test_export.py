"""Downloads neutralise spreadsheet formulas and state the filters they were made under."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import polars as pl

from src.ui.export import FORMULA_STARTS, neutralise, to_csv, to_xlsx

MADE_AT = dt.datetime(2026, 11, 23, 9, 30)
HOSTILE = pl.DataFrame(
    {
        "unit": [f"{start}cmd|' /C calc'!A0" for start in FORMULA_STARTS] + ["Dinas Kesehatan"],
        "value": [-1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    }
)


def test_every_formula_start_gets_an_apostrophe_and_numbers_stay_numbers() -> None:
    safe = neutralise(HOSTILE)
    assert all(cell.startswith("'") for cell in safe["unit"][:-1])
    assert safe["unit"][-1] == "Dinas Kesehatan"
    assert safe["value"].to_list() == HOSTILE["value"].to_list()  # -1.5 is a number, not a formula


def test_csv_states_filters_first_and_is_neutralised() -> None:
    data = to_csv(HOSTILE, ["Tahun 2026, Januari–Oktober", "Wilayah: Serang"], made_at=MADE_AT)
    text = data.decode("utf-8")
    assert text.startswith("\ufeff# Tahun 2026, Januari–Oktober\n# Wilayah: Serang\n# 2026-11-23 09:30\n")
    body = pl.read_csv(io.StringIO(text.lstrip("\ufeff")), comment_prefix="#")
    assert body["unit"][0] == "'=cmd|' /C calc'!A0"
    assert body["value"][0] == -1.5


def test_xlsx_has_data_sheet_without_formulas_and_a_statement_sheet() -> None:
    data = to_xlsx(HOSTILE, ["Tahun 2026", "Wilayah: semua"], made_at=MADE_AT)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Data", "Keterangan"]
    rows = list(workbook["Data"].iter_rows(values_only=True))
    assert rows[0] == ("unit", "value")
    assert rows[1] == ("'=cmd|' /C calc'!A0", -1.5)
    assert all(cell.data_type != "f" for row in workbook["Data"].iter_rows() for cell in row)
    about = [row[0] for row in workbook["Keterangan"].iter_rows(values_only=True)]
    assert about == ["Tahun 2026", "Wilayah: semua", "2026-11-23 09:30"]
