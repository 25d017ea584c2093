"""The edge of caching: the only place the app touches the warehouse.

One read-only DuckDB connection per database file (`st.cache_resource`), a cursor per call, and
`st.cache_data` wrappers over the metrics layer keyed by the database path and the Filters object.
No SQL here: every query lives in src/metrics.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from src import config
from src.config import database_path
from src.i18n import t
from src.metrics import (
    attention,
    budget,
    budget_views,
    competency,
    compute,
    evaluation,
    freshness,
    ip_asn,
    needs,
    options,
    quality,
    talent,
)
from src.metrics.filters import Filters
from src.metrics.review import monthly_review
from src.warehouse import accounts, audit, history, reading, versions
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


# One query at a time per app process, as a precaution. Ten sessions changing filters at once froze
# the whole server (no answer even on /_stcore/health); a gdb dump showed Python code inside Polars
# expressions (map_elements, since removed from the app) waiting for the GIL that another session's
# to_pandas() held while waiting for Polars' thread pool. Queries take ~0.1–0.2 s on the sample and
# results are cached, so serialising them costs little; issue 6 should measure whether it can go.
_QUERY_LOCK = threading.RLock()


@contextmanager
def _cursor(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the shared read-only connection, used while holding the app's query lock."""
    with _QUERY_LOCK:
        cursor = _connection(path).cursor()
        try:
            yield cursor
        finally:
            cursor.close()


_PINNED = "_data_version_file"


def pin_data_version() -> bool:
    """Fix, for this script run, the version of the data every call reads; True if it changed.

    app.py calls this first in every run. A committed import publishes a new immutable file
    (src/warehouse/versions.py): the next run reads it, while a run in progress keeps reading the
    version it started with, so a page never mixes two versions. Caches are keyed by that file.
    """
    pinned = str(versions.current_file(database_path()))
    previous = st.session_state.get(_PINNED)
    st.session_state[_PINNED] = pinned
    return previous is not None and previous != pinned


def _db() -> str:
    return st.session_state.get(_PINNED) or str(versions.current_file(database_path()))


def current_data_file() -> str:
    """The file of the data version this run reads (changes when an import is committed)."""
    return _db()


def database_problem(lang: str) -> tuple[str, str] | None:
    """(title, explanation) when the database is missing, busy, unreadable or empty; else None."""
    path = database_path()
    if not path.exists():
        return t("ui.db.missing_title", lang), t("ui.db.missing_body", lang, path=path)
    try:
        empty = periods().is_empty()
    except duckdb.IOException:
        return t("ui.db.busy_title", lang), t("ui.db.busy_body", lang, path=path)
    except duckdb.Error:
        return t("ui.db.missing_title", lang), t("ui.db.unreadable_body", lang, path=path)
    if empty:
        return t("ui.db.empty_title", lang), t("ui.db.empty_body", lang, path=path)
    return None


def show_database_problem(problem: tuple[str, str], lang: str) -> None:
    """Stop the run with a plain explanation of `problem` (see database_problem)."""
    title, body = problem
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

# The metric functions pages may call, by name: each takes (connection, Filters, **options) and
# returns a small aggregated result, so caching it is cheap.
METRIC_FUNCTIONS: dict[str, Callable[..., object]] = {
    "kpis": compute.kpis,
    "kpis_long": compute.kpis_long,
    "monthly_trend": compute.monthly_trend,
    "jp_distribution": compute.jp_distribution,
    "competency_matrix": compute.competency_matrix,
    "budget_by_month": budget.budget_by_month,
    "year_end_projection": budget.year_end_projection,
    "jpm_distribution": competency.jpm_distribution,
    "gaps_vs_topic_jp": competency.gaps_vs_topic_jp,
    "gap_change": competency.gap_change,
    "units_behind": attention.units_behind,
    "budget_behind_plan": attention.budget_behind_plan,
    "headline_facts": attention.headline_facts,
    "monthly_review": monthly_review,
    "budget_vs_plan": budget_views.budget_vs_plan,
    "budget_by_unit": budget_views.budget_by_unit,
    "sub_kegiatan_budget": budget_views.sub_kegiatan_budget,
    "elearning_vs_classroom": budget_views.elearning_vs_classroom,
    "funding_sources": budget_views.funding_sources,
    "quality_coverage": quality.quality_coverage,
    "quality_checks": quality.quality_checks,
    "flagged_development": quality.flagged_development,
    "evaluation_summary": evaluation.summary,
    "evaluation_by": evaluation.evaluation_by,
    "course_ranking": evaluation.course_ranking,
    "compare_groups": evaluation.compare_groups,
    "rating_effect": evaluation.rating_effect,
    "rating_by_start": evaluation.rating_by_start,
    "needs_summary": needs.summary,
    "needs_topics": needs.topics,
    "need_units": needs.need_units,
    "needs_programme": needs.programme,
    "survey_years": needs.survey_years,
    "talent_kpis": talent.talent_kpis,
    "talent_ninebox": talent.ninebox,
    "talent_careers": talent.careers,
    "talent_mentoring": talent.mentoring,
    "talent_mentee_ratings": talent.mentee_ratings,
    "ip_asn_kpis": ip_asn.ip_asn_kpis,
    "ip_asn_distribution": ip_asn.score_distribution,
}


@st.cache_data(ttl=TTL, max_entries=MAX_ENTRIES, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _call(db: str, name: str, filters: Filters, settings: tuple[tuple[str, object], ...]) -> object:
    with _cursor(db) as cur:
        return METRIC_FUNCTIONS[name](
            cur, filters, **{k: list(v) if isinstance(v, tuple) else v for k, v in settings}
        )


def call(name: str, filters: Filters, **options: object) -> Any:
    """METRIC_FUNCTIONS[name](connection, filters, **options), cached by database, filters and options."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    return _call(_db(), name, filters, frozen)


def kpis(
    filters: Filters,
    by: str | None = None,
    metric_ids: list[str] | tuple[str, ...] | None = None,
    by2: str | None = None,
) -> pl.DataFrame:
    """compute.kpis, cached: one row per group, one column per metric."""
    return call("kpis", filters, by=by, metric_ids=metric_ids, by2=by2)


def kpis_long(
    filters: Filters,
    by: str | None = None,
    metric_ids: list[str] | tuple[str, ...] | None = None,
    by2: str | None = None,
) -> pl.DataFrame:
    """compute.kpis_long, cached: group, metric, value, numerator, denominator, Wilson interval."""
    return call("kpis_long", filters, by=by, metric_ids=metric_ids, by2=by2)


def monthly_trend(
    filters: Filters, metric_ids: list[str] | tuple[str, ...] | None = None, by: str | None = None
) -> pl.DataFrame:
    """compute.monthly_trend, cached: year-to-date values at the end of each month."""
    return call("monthly_trend", filters, metric_ids=metric_ids, by=by)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def _freshness(db: str) -> pl.DataFrame:
    with _cursor(db) as cur:
        return freshness.data_freshness(cur)


def data_freshness() -> pl.DataFrame:
    """dataset, wilayah, rows, latest_date, last_import (src/metrics/freshness.py)."""
    return _freshness(_db())


# ---- loading data (Kelola Data): the warehouse's versioned import, history and rollback -------------

# How long a commit or rollback from the page waits for another import (e.g. one from the CLI) to end.
WRITER_WAIT_SECONDS = 60


def preview_import(paths: list[Path], regions: tuple[str, ...] | None = None) -> versions.Preview:
    """What importing `paths` would do to the current version, without writing anything."""
    return versions.preview(database_path(), paths, regions=regions)


def commit_import(
    paths: list[Path], who: str, regions: tuple[str, ...] | None = None
) -> versions.ImportOutcome:
    """Check `paths` again and publish them as a new version (the same code path as the CLI);
    `regions`: the only regions the account may replace (None: any)."""
    return versions.import_versioned(
        database_path(), paths, who, wait_seconds=WRITER_WAIT_SECONDS, regions=regions
    )


def roll_back(who: str, to_version: int) -> tuple[int, int]:
    """Make the kept version `to_version` current: (from, to)."""
    return versions.rollback(database_path(), who, wait_seconds=WRITER_WAIT_SECONDS, to_version=to_version)


def max_upload_mb() -> int:
    return config.max_upload_mb()


def upload_refusal(name: str, size: int, lang: str) -> str | None:
    """Why a file of this name and size cannot be an export file (checked before it is saved), or None."""
    refusal = reading.check_upload(name, size)
    return refusal.message(lang) if refusal else None


def data_versions() -> list[versions.Version]:
    return versions.list_versions(database_path())


def import_history(limit: int = 50) -> list[history.Entry]:
    return history.entries(database_path(), limit)


def refused_unknown_staff() -> int:
    return history.refused_unknown_staff(database_path())


# ---- accounts and the audit log (the sign-in of src/ui/auth.py) ---------------------------------------


def accounts_exist() -> bool:
    return accounts.has_accounts(database_path())


def verify_account(name: str, password: str) -> accounts.Account | None:
    return accounts.verify(database_path(), name, password)


def sign_in_locked_until(name: str, address: str) -> dt.datetime | None:
    return accounts.locked_until(database_path(), name, address)


def record_sign_in_failure(name: str, address: str) -> None:
    accounts.record_failure(database_path(), name, address)


def audit_event(who: str, action: str, **details: object) -> None:
    audit.record(database_path(), who, action, **details)


def account_list() -> list[accounts.Account]:
    return accounts.list_accounts(database_path())


def change_accounts(admin: str, action: str, name: str, **fields: object) -> None:
    """add (role, password, region) | remove | set_password (password), audited under `admin`'s name.
    Raises accounts.AccountError with a catalogue key when the change is refused."""
    db = database_path()
    if action == "add":
        accounts.add_account(db, name, fields["role"], fields["password"], fields.get("region"))
    elif action == "remove":
        accounts.remove_account(db, name)
    else:
        accounts.set_password(db, name, fields["password"])
    details = {k: v for k, v in fields.items() if k != "password"}
    audit.record(db, admin, f"account.{action}", name=name, **details)


def audit_events(limit: int = 500) -> list[audit.Event]:
    return audit.events(database_path(), limit)
