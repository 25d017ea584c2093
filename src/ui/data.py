"""The edge of caching: the only place the app touches the warehouse.

One read-only DuckDB connection per database file (`st.cache_resource`), a cursor per call, and
`st.cache_data` wrappers over the metrics layer keyed by the database path and the Filters object.
No SQL here: every query lives in src/metrics.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl
import streamlit as st

from src.config import database_path
from src.i18n import t
from src.metrics import compute, options
from src.metrics.filters import Filters
from src.warehouse.db import connect

# Aggregated results are small; an import changes data at most a few times a day.
TTL = "15m"
MAX_ENTRIES = 512
_HASH_FUNCS = {Filters: lambda filters: filters.model_dump_json()}


def _close(con: duckdb.DuckDBPyConnection) -> None:
    con.close()


@st.cache_resource(show_spinner=False, max_entries=4, on_release=_close)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return connect(path, read_only=True)


@contextmanager
def _cursor(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the shared read-only connection: safe to use from this run's thread."""
    cursor = _connection(path).cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def _db() -> str:
    return str(database_path())


def require_database(lang: str) -> None:
    """Stop the run with a plain explanation when the database is missing, busy, unreadable or empty."""
    path = database_path()
    body = None
    title = t("ui.db.missing_title", lang)
    if not path.exists():
        body = t("ui.db.missing_body", lang, path=path)
    else:
        try:
            empty = periods().is_empty()
        except duckdb.IOException:
            title, body = t("ui.db.busy_title", lang), t("ui.db.busy_body", lang, path=path)
        except duckdb.Error:
            body = t("ui.db.unreadable_body", lang, path=path)
        else:
            if empty:
                title, body = t("ui.db.empty_title", lang), t("ui.db.empty_body", lang, path=path)
    if body is not None:
        st.title(t("ui.app.title", lang))
        st.subheader(title)
        st.info(body, icon=":material/database:")
        st.stop()


# ---- filter options ------------------------------------------------------------------------------


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def _periods(db: str) -> pl.DataFrame:
    with _cursor(db) as cur:
        return options.periods(cur)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def _units(db: str) -> pl.DataFrame:
    with _cursor(db) as cur:
        return options.units(cur)


def periods() -> pl.DataFrame:
    """year, last_month, last_month_development, last_month_budget (see src/metrics/options.py)."""
    return _periods(_db())


def units() -> pl.DataFrame:
    """region, unit, staff."""
    return _units(_db())


# ---- metrics ---------------------------------------------------------------------------------------


@st.cache_data(ttl=TTL, max_entries=MAX_ENTRIES, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _kpis(db: str, filters: Filters, by: str | None, metric_ids: tuple[str, ...] | None) -> pl.DataFrame:
    with _cursor(db) as cur:
        return compute.kpis(cur, filters, by=by, metric_ids=list(metric_ids) if metric_ids else None)


@st.cache_data(ttl=TTL, max_entries=MAX_ENTRIES, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _kpis_long(db: str, filters: Filters, by: str | None, metric_ids: tuple[str, ...] | None) -> pl.DataFrame:
    with _cursor(db) as cur:
        return compute.kpis_long(cur, filters, by=by, metric_ids=list(metric_ids) if metric_ids else None)


@st.cache_data(ttl=TTL, max_entries=MAX_ENTRIES, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _monthly_trend(
    db: str, filters: Filters, metric_ids: tuple[str, ...] | None, by: str | None
) -> pl.DataFrame:
    with _cursor(db) as cur:
        return compute.monthly_trend(cur, filters, metric_ids=list(metric_ids) if metric_ids else None, by=by)


def _ids(metric_ids: list[str] | tuple[str, ...] | None) -> tuple[str, ...] | None:
    return tuple(metric_ids) if metric_ids else None


def kpis(
    filters: Filters, by: str | None = None, metric_ids: list[str] | tuple[str, ...] | None = None
) -> pl.DataFrame:
    """compute.kpis, cached: one row per group, one column per metric."""
    return _kpis(_db(), filters, by, _ids(metric_ids))


def kpis_long(
    filters: Filters, by: str | None = None, metric_ids: list[str] | tuple[str, ...] | None = None
) -> pl.DataFrame:
    """compute.kpis_long, cached: group, metric, value, numerator, denominator, Wilson interval."""
    return _kpis_long(_db(), filters, by, _ids(metric_ids))


def monthly_trend(
    filters: Filters, metric_ids: list[str] | tuple[str, ...] | None = None, by: str | None = None
) -> pl.DataFrame:
    """compute.monthly_trend, cached: year-to-date values at the end of each month."""
    return _monthly_trend(_db(), filters, _ids(metric_ids), by)
