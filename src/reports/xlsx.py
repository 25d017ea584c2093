"""The review pack as an XLSX workbook: one sheet per section, the same numbers as the PDF and the
screen, stored as numbers with number formats (so an Indonesian Excel shows 1.234.567 and 87,5 %,
an English one 1,234,567 and 87.5 %), text never turned into formulas (src/ui/export.py), and a
sheet stating the scope and filters it was made under.
"""

from __future__ import annotations

import io

import polars as pl
import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from src.i18n import t
from src.metrics.registry import METRIC_BY_ID, Format
from src.reports.pack import Pack
from src.ui import review as ui
from src.ui.export import FORMULA_STARTS, neutralise
from src.ui.format import month_name

# Excel number formats per registry format (locale-neutral codes: Excel shows its own separators).
NUMBER_FORMATS = {
    Format.COUNT: "#,##0",
    Format.PERCENT: "0.0%",
    Format.JP: '#,##0.0" JP"',
    Format.RUPIAH: '"Rp"#,##0',
    Format.SCORE: "0.00",
    Format.INDEX: "0.0",
}
CHANGE_FORMATS = {
    Format.COUNT: "+#,##0;-#,##0;0",
    Format.JP: '+#,##0.0" JP";-#,##0.0" JP";0.0" JP"',
    Format.RUPIAH: '+"Rp"#,##0;-"Rp"#,##0;"Rp"0',
    Format.SCORE: "+0.00;-0.00;0.00",
    Format.INDEX: "+0.0;-0.0;0.0",
}
RELATIVE_FORMAT = "+0.0%;-0.0%;0.0%"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


def _points_format(lang: str) -> str:
    """A change of a rate, stored in percentage points: +3,1 poin."""
    unit = t("ui.format.points", lang)
    return f'+0.0" {unit}";-0.0" {unit}";0.0" {unit}"'


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Formats:
    def __init__(self, book: Workbook, lang: str) -> None:
        self.book, self.lang = book, lang
        self.cache: dict[str, object] = {}
        self.header = book.add_format(
            {"bold": True, "bg_color": "#E8EDF3", "text_wrap": True, "valign": "top"}
        )
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def number(self, code: str) -> object:
        if code not in self.cache:
            self.cache[code] = self.book.add_format({"num_format": code, "valign": "top"})
        return self.cache[code]


def _sheet(book: Workbook, name: str) -> Worksheet:
    return book.add_worksheet(name[:31])


def _write_value(
    sheet: Worksheet, row: int, col: int, value: object, fmt: object | None, wrap: object
) -> None:
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, float(value), fmt)
    else:
        sheet.write_string(row, col, _text(value), wrap)


def _figures_sheet(book: Workbook, pack: Pack, f: _Formats) -> None:
    r, lang = pack.review, pack.lang
    sheet = _sheet(book, t("ui.review.sheet_figures", lang))
    month = ui.month_label(r.year, r.month, lang)
    previous = ui.previous_month_label(r, lang) or "–"
    last_year = ui.month_label(r.year - 1, r.month, lang)
    change, relative = t("ui.review.col_change", lang), t("ui.review.col_change_relative", lang)
    headers = [
        t("ui.review.col_metric", lang), t("ui.review.col_value", lang, month=month),
        t("ui.review.col_target", lang, month=month_name(r.month, lang)),
        t("ui.review.col_previous_value", lang, month=previous), change, relative,
        t("ui.review.col_previous_value", lang, month=last_year), change, relative,
        t("ui.review.col_status", lang),
    ]  # fmt: skip
    sheet.write_row(0, 0, headers, f.header)
    for i, row in enumerate(r.figures.iter_rows(named=True), start=1):
        spec = METRIC_BY_ID[row["metric"]]
        value_fmt = f.number(NUMBER_FORMATS[spec.format])
        percent = spec.format is Format.PERCENT
        change_fmt = f.number(_points_format(lang) if percent else CHANGE_FORMATS[spec.format])

        def points(delta: float | None, percent: bool = percent) -> float | None:
            return None if delta is None else delta * 100 if percent else delta

        sheet.write_string(i, 0, spec.label(lang))
        cells = [
            (row["value"], value_fmt), (row["target"], value_fmt), (row["previous_month"], value_fmt),
            (points(row["delta_month"]), change_fmt), (row["relative_month"], f.number(RELATIVE_FORMAT)),
            (row["last_year"], value_fmt), (points(row["delta_year"]), change_fmt),
            (row["relative_year"], f.number(RELATIVE_FORMAT)),
        ]  # fmt: skip
        for col, (value, fmt) in enumerate(cells, start=1):
            _write_value(sheet, i, col, value, fmt, f.wrap)
        sheet.write_string(i, 9, t(f"ui.status.{row['status']}", lang) if row["status"] else "")
    last = r.figures.height + 2
    sheet.write_string(last, 0, t("ui.review.figures_note", lang))
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 8, 16)
    sheet.set_column(9, 9, 16)
    sheet.set_row(0, 32)
    sheet.freeze_panes(1, 1)


def _summary_sheet(book: Workbook, pack: Pack, f: _Formats) -> None:
    lang = pack.lang
    sheet = _sheet(book, t("ui.review.sheet_summary", lang))
    sheet.write_string(0, 0, f"{pack.title} · {pack.region} · {pack.month}", f.title)
    sheet.write_string(1, 0, t("ui.review.summary_heading", lang), f.header)
    row = 2
    for sentence in pack.summary():
        sheet.write_string(row, 0, _text(sentence), f.wrap)
        row += 1
    row += 1
    sheet.write_string(row, 0, t("ui.review.previous_heading", lang, period=pack.previous_period), f.header)
    note = pack.previous_note
    sheet.write_string(row + 1, 0, _text(note.text) if note else t(
        "ui.review.previous_none", lang, period=pack.previous_period, region=pack.region
    ), f.wrap)  # fmt: skip
    if note:
        when = ui.when_text(note.saved_at, lang)
        sheet.write_string(row + 2, 0, t("ui.review.previous_by", lang, author=_text(note.author), when=when))
    sheet.set_column(0, 0, 120)


def _section_sheet(book: Workbook, section: ui.Section, sheet_name: str, lang: str, f: _Formats) -> None:
    sheet = _sheet(book, sheet_name)
    sheet.write_string(0, 0, section.heading, f.title)
    sheet.write_string(1, 0, section.caption)
    sheet.write_row(3, 0, [t(f"ui.review.{c.label_key}", lang) for c in section.columns], f.header)
    frame = neutralise(section.frame.with_columns(pl.col(pl.Boolean).cast(pl.String)))
    for i, record in enumerate(section.frame.iter_rows(named=True), start=4):
        for col, column in enumerate(section.columns):
            value = record[column.field]
            if column.kind == ui.YES_NO:
                sheet.write_string(i, col, ui.cell_text(ui.YES_NO, value, lang))
            elif column.kind == ui.TEXT:
                text = frame[column.field][i - 4]
                if text is not None:
                    sheet.write_string(i, col, str(text), f.wrap)
            else:
                _write_value(sheet, i, col, value, f.number(NUMBER_FORMATS[Format(column.kind)]), f.wrap)
    if section.frame.is_empty():
        sheet.write_string(4, 0, section.empty)
    for col, column in enumerate(section.columns):
        sheet.set_column(col, col, 34 if column.kind == ui.TEXT else 16)
    sheet.set_row(3, 32)
    sheet.freeze_panes(4, 1)


def _chart_data_sheet(book: Workbook, pack: Pack, f: _Formats) -> None:
    """The numbers behind the two charts: the 20-JP pace and absorption month by month."""
    r, lang = pack.review, pack.lang
    sheet = _sheet(book, t("ui.review.charts_heading", lang))
    spec = METRIC_BY_ID[ui.TREND_METRIC]
    absorption = METRIC_BY_ID["absorption_rate"]
    headers = [
        t("ui.review.col_period", lang),
        f"{spec.label(lang)} {r.year}", f"{spec.label(lang)} {r.year - 1}",
        f"{absorption.label(lang)} {r.year}", f"{absorption.label(lang)} {r.year - 1}",
        t("ui.review.col_plan", lang),
    ]  # fmt: skip
    sheet.write_row(0, 0, headers, f.header)
    percent = f.number(NUMBER_FORMATS[Format.PERCENT])
    now = dict(zip(r.trend["month"], r.trend[ui.TREND_METRIC], strict=True))
    before = (
        dict(zip(r.trend_last_year["month"], r.trend_last_year[ui.TREND_METRIC], strict=True))
        if r.trend_last_year is not None
        else {}
    )
    budget = {(y, m): a for y, m, a in r.budget_months.select("year", "month", "absorption").iter_rows()}
    for month in range(1, 13):
        sheet.write_string(month, 0, month_name(month, lang))
        values = [
            now.get(month) if month <= r.month else None, before.get(month),
            budget.get((r.year, month)) if month <= r.month else None, budget.get((r.year - 1, month)),
            r.plan[month - 1],
        ]  # fmt: skip
        for col, value in enumerate(values, start=1):
            _write_value(sheet, month, col, value, percent, f.wrap)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 5, 20)
    sheet.set_row(0, 32)


def _notes_sheet(book: Workbook, pack: Pack, f: _Formats) -> None:
    lang = pack.lang
    sheet = _sheet(book, t("ui.review.sheet_notes", lang))
    headers = [t(f"ui.review.{k}", lang) for k in ("col_period", "col_author", "col_when", "col_note")]
    sheet.write_row(0, 0, headers, f.header)
    stamp = f.number(DATETIME_FORMAT)
    for i, (period, note) in enumerate(
        ((pack.previous_period, pack.previous_note), (pack.month, pack.note)), 1
    ):
        sheet.write_string(i, 0, period)
        if note is None:
            sheet.write_string(i, 3, t("ui.review.no_note", lang))
            continue
        sheet.write_string(i, 1, _text(note.author))
        sheet.write_datetime(i, 2, note.saved_at, stamp)
        sheet.write_string(i, 3, _text(note.text), f.wrap)
    sheet.set_column(0, 2, 18)
    sheet.set_column(3, 3, 100)


def _scope_sheet(book: Workbook, pack: Pack, f: _Formats) -> None:
    sheet = _sheet(book, t("ui.review.sheet_scope", pack.lang))
    sheet.write_string(0, 0, f"{pack.title} · {pack.region} · {pack.month}", f.title)
    sheet.write_string(1, 0, t("ui.review.scope_heading", pack.lang), f.header)
    for i, line in enumerate(pack.scope_lines(), start=2):
        sheet.write_string(i, 0, _text(line))
    sheet.set_column(0, 0, 110)


def xlsx_bytes(pack: Pack) -> bytes:
    """The workbook: summary, headline figures, chart data, the four lists, notes, scope."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    with xlsxwriter.Workbook(buffer, options) as book:
        f = _Formats(book, pack.lang)
        _summary_sheet(book, pack, f)
        _figures_sheet(book, pack, f)
        _chart_data_sheet(book, pack, f)
        names = {
            "units": "sheet_units",
            "lines": "sheet_lines",
            "gaps": "sheet_gaps",
            "courses": "sheet_courses",
        }
        for section in pack.sections():
            _section_sheet(book, section, t(f"ui.review.{names[section.key]}", pack.lang), pack.lang, f)
        _notes_sheet(book, pack, f)
        _scope_sheet(book, pack, f)
    return buffer.getvalue()
