"""Download buttons for the data behind any table or chart: CSV and XLSX, stating the filters."""

from __future__ import annotations

import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.registry import DIMENSIONS
from src.ui.export import to_csv, to_xlsx
from src.ui.filters import STAFF_FILTERS, View, value_label
from src.ui.format import period_label


def filter_statement(view: View, title: str) -> list[str]:
    """What a downloaded file shows and under which filters, one line each, in the view's language."""
    f, lang = view.filters, view.lang
    lines = [title, t("ui.download.period", lang, period=period_label(f.year, f.end_month, lang))]
    lines.append(t("ui.download.regions", lang, values=", ".join(f.regions) or t("ui.download.all", lang)))
    lines.append(t("ui.download.units", lang, values=", ".join(f.units) or t("ui.download.all", lang)))
    for spec in STAFF_FILTERS:
        chosen = getattr(f, spec.field)
        if chosen:
            values = ", ".join(value_label(spec.field, v, lang) for v in chosen)
            lines.append(f"{DIMENSIONS[spec.field].label(lang)}: {values}")
    return lines


def download_buttons(frame: pl.DataFrame, view: View, title: str, file_stem: str, key: str) -> None:
    """Two small buttons (CSV, XLSX) side by side for `frame`."""
    statement = filter_statement(view, title)
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        "CSV",
        to_csv(frame, statement),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        on_click="ignore",
    )
    row.download_button(
        "XLSX",
        to_xlsx(frame, statement),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )
