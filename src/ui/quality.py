"""The data quality panel (Definisi & Data): coverage of the staff, checks per dataset and region,
a plain line per problem, and the flagged development records with their download.

Numbers come from src/metrics/quality.py through src/ui/data.py; texts from src/i18n/ui_quality.toml;
numbers are written by src/ui/format.py. The builders below are pure (frames in, frames or lines
out); `quality_panel` lays them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.quality import CHECKED_DATASETS, COST_FACTOR, MAX_JP_PER_DAY
from src.metrics.registry import METRIC_BY_ID
from src.ui import data
from src.ui.downloads import download_buttons
from src.ui.filters import View
from src.ui.format import MISSING, format_jp, format_number, format_percent, format_rupiah


def dataset_label(dataset: str, lang: str) -> str:
    return t(f"ui.quality.dataset_{dataset}", lang)


def _day(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value is not None else MISSING


def _count(value: int | None, lang: str) -> str:
    return MISSING if value is None else format_number(value, lang)


def _listing(names: Sequence[str], lang: str) -> str:
    """Semarang; Semarang dan Serang; Semarang, Serang dan Siulak."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('ui.quality.and', lang)} {names[-1]}"


# ---- the pieces (pure) -------------------------------------------------------------------------------


def problem_lines(
    checks: pl.DataFrame, year: int, lang: str, refused_unknown_staff: int | None = None
) -> list[str]:
    """One plain sentence per problem found: refused records, datasets missing for a region,
    records of unknown staff, implausible JP, unusual costs."""
    lines = []
    if refused_unknown_staff:
        lines.append(t("ui.quality.refused", lang, count=format_number(refused_unknown_staff, lang)))
    for dataset in CHECKED_DATASETS:
        rows = checks.filter(pl.col("dataset") == dataset)
        missing = rows.filter(pl.col("records") == 0)["wilayah"].to_list()
        if missing:
            key = "ui.quality.missing_kinerja" if dataset == "kinerja" else "ui.quality.missing"
            label = dataset_label(dataset, lang)
            lines.append(t(key, lang, dataset=label, year=year, regions=_listing(missing, lang)))
    values = {"year": year, "max_jp": MAX_JP_PER_DAY, "factor": COST_FACTOR}
    for row in checks.iter_rows(named=True):
        for check in ("unknown_staff", "too_many_jp", "cost_outlier"):
            if row[check]:
                lines.append(
                    t(
                        f"ui.quality.{check}",
                        lang,
                        region=row["wilayah"],
                        count=format_number(row[check], lang),
                        dataset=dataset_label(row["dataset"], lang),
                        **values,
                    )
                )
    return lines


def coverage_table(coverage: pl.DataFrame, year: int, lang: str) -> pl.DataFrame:
    """Wilayah, ASN, Pernah diases, Kinerja Y, Kinerja Y-1: shares with the count behind them."""

    def shares(share: str, count: str) -> list[str]:
        return [
            t("ui.quality.share_of", lang, share=format_percent(s, lang), count=format_number(n, lang))
            for s, n in coverage.select(share, count).iter_rows()
        ]

    return pl.DataFrame(
        {
            t("ui.quality.col_region", lang): coverage["wilayah"],
            t("ui.quality.col_staff", lang): [format_number(n, lang) for n in coverage["staff"]],
            t("ui.quality.col_assessed", lang): shares("assessed_share", "assessed"),
            t("ui.quality.col_rated", lang, year=year): shares("rated_share", "rated"),
            t("ui.quality.col_rated", lang, year=year - 1): shares("rated_previous_share", "rated_previous"),
        },
        schema=dict.fromkeys(
            [
                t("ui.quality.col_region", lang),
                t("ui.quality.col_staff", lang),
                t("ui.quality.col_assessed", lang),
                t("ui.quality.col_rated", lang, year=year),
                t("ui.quality.col_rated", lang, year=year - 1),
            ],
            pl.String,
        ),
    )


def checks_table(checks: pl.DataFrame, year: int, lang: str) -> pl.DataFrame:
    """Jenis data, Wilayah, Catatan Y and the three checks' counts (– where a check does not apply)."""
    columns = {
        t("ui.quality.col_dataset", lang): [dataset_label(d, lang) for d in checks["dataset"]],
        t("ui.quality.col_region", lang): checks["wilayah"].to_list(),
        t("ui.quality.col_records", lang, year=year): [_count(n, lang) for n in checks["records"]],
        t("ui.quality.col_unknown_staff", lang): [_count(n, lang) for n in checks["unknown_staff"]],
        t("ui.quality.col_too_many_jp", lang, max_jp=MAX_JP_PER_DAY): [
            _count(n, lang) for n in checks["too_many_jp"]
        ],
        t("ui.quality.col_cost_outlier", lang): [_count(n, lang) for n in checks["cost_outlier"]],
    }
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))


def _reasons(lang: str) -> pl.Expr:
    """Why each record was flagged, in words (a vectorised expression: no Python inside Polars)."""
    too_many = pl.when(pl.col("too_many_jp")).then(
        pl.lit(t("ui.quality.reason_jp", lang, max_jp=MAX_JP_PER_DAY))
    )
    costly = pl.when(pl.col("cost_outlier")).then(
        pl.lit(t("ui.quality.reason_cost", lang, factor=COST_FACTOR))
    )
    return pl.concat_str([too_many, costly], separator="; ", ignore_nulls=True)


def flagged_table(flagged: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The flagged records as people read them (formatted text, no personal data)."""
    reasons = flagged.select(_reasons(lang).alias("reason"))["reason"]
    unknown = t("ui.quality.unknown_unit", lang)
    columns = {
        t("ui.quality.col_region", lang): flagged["wilayah"].to_list(),
        t("ui.quality.col_unit", lang): [u if u is not None else unknown for u in flagged["unit_kerja"]],
        t("ui.quality.col_course", lang): flagged["nama_kegiatan"].to_list(),
        t("ui.quality.col_method", lang): flagged["bentuk"].to_list(),
        t("ui.quality.col_start", lang): [_day(d) for d in flagged["tanggal_mulai"]],
        t("ui.quality.col_end", lang): [_day(d) for d in flagged["tanggal_selesai"]],
        t("ui.quality.col_jp", lang): [format_jp(v, lang, trim=True) for v in flagged["jp"]],
        t("ui.quality.col_jp_per_day", lang): [format_jp(v, lang) for v in flagged["jp_per_day"]],
        t("ui.quality.col_cost", lang): [format_rupiah(v, lang) for v in flagged["biaya"]],
        t("ui.quality.col_usual_cost", lang): [format_rupiah(v, lang) for v in flagged["usual_cost"]],
        t("ui.quality.col_reason", lang): reasons.to_list(),
    }
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))


def flagged_export(flagged: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The download: the same records with numbers as numbers and dates as dates."""
    names = {
        "wilayah": t("ui.quality.col_region", lang),
        "unit_kerja": t("ui.quality.col_unit", lang),
        "nama_kegiatan": t("ui.quality.col_course", lang),
        "bentuk": t("ui.quality.col_method", lang),
        "penyelenggara": t("ui.quality.col_provider", lang),
        "tanggal_mulai": t("ui.quality.col_start", lang),
        "tanggal_selesai": t("ui.quality.col_end", lang),
        "days": t("ui.quality.col_days", lang),
        "jp": t("ui.quality.col_jp", lang),
        "jp_per_day": t("ui.quality.col_jp_per_day", lang),
        "biaya": t("ui.quality.col_cost", lang),
        "usual_cost": t("ui.quality.col_usual_cost", lang),
    }
    return flagged.select(
        *(pl.col(source).alias(label) for source, label in names.items()),
        _reasons(lang).alias(t("ui.quality.col_reason", lang)),
    )


# ---- the panel -------------------------------------------------------------------------------------


def quality_panel(view: View, refused_unknown_staff: int | None = None) -> None:
    """The whole panel. `refused_unknown_staff`: how many records imports refused because their NIP
    was not in the staff list (from the import history; shown when given)."""
    lang, filters = view.lang, view.filters
    year = filters.year
    coverage = data.call("quality_coverage", filters)
    checks = data.call("quality_checks", filters)
    flagged = data.call("flagged_development", filters)

    st.subheader(t("ui.quality.heading", lang))
    st.caption(t("ui.quality.scope", lang, year=year))
    lines = problem_lines(checks, year, lang, refused_unknown_staff)
    if lines:
        st.markdown(f"**{t('ui.quality.problems_heading', lang)}**")
        st.markdown("\n".join(f"- {line}" for line in lines))
    else:
        st.success(t("ui.quality.all_clear", lang, year=year), icon=":material/check_circle:")
    if refused_unknown_staff == 0:
        st.caption(t("ui.quality.refused_none", lang))

    st.markdown(f"#### {t('ui.quality.coverage_heading', lang)}")
    if coverage.is_empty():
        st.info(t("ui.quality.coverage_empty", lang), icon=":material/filter_alt_off:")
    else:
        indicator = METRIC_BY_ID["assessed_rate"].label(lang)
        st.caption(t("ui.quality.coverage_note", lang, end=_day(filters.period_end), indicator=indicator))
        st.dataframe(coverage_table(coverage, year, lang), hide_index=True, key="quality_coverage")

    st.markdown(f"#### {t('ui.quality.checks_heading', lang)}")
    if checks.is_empty():
        st.info(t("ui.quality.checks_empty", lang), icon=":material/database:")
    else:
        st.caption(t("ui.quality.checks_rules", lang, max_jp=MAX_JP_PER_DAY, factor=COST_FACTOR))
        st.dataframe(checks_table(checks, year, lang), hide_index=True, key="quality_checks")

    st.markdown(f"#### {t('ui.quality.flagged_heading', lang)}")
    if flagged.is_empty():
        st.caption(t("ui.quality.flagged_none", lang, year=year))
        return
    flagged_total = int(checks["flagged"].fill_null(0).sum())
    st.caption(
        t(
            "ui.quality.flagged_shown",
            lang,
            shown=format_number(flagged.height, lang),
            total=format_number(flagged_total, lang),
        )
    )
    st.dataframe(flagged_table(flagged, lang), hide_index=True, key="quality_flagged")
    download_buttons(
        flagged_export(flagged, lang),
        view,
        t("ui.quality.flagged_download", lang, year=year),
        f"catatan_perlu_dicek_{year}",
        "quality_flagged_download",
    )
