"""Budget and cost views of the Anggaran page, built on the registry's metrics (shared/metrics.md).

- `budget_vs_plan`: pagu, realisasi and absorption of the scope against the plan curve for the
  period's month, the Rupiah amount behind (or ahead of) the plan, and the last month with data.
- `budget_by_unit`: the same per OPD (every OPD with a pagu), largest pagu first. "Behind the plan"
  means realisasi < pagu × plan share, as in attention.budget_behind_plan.
- `sub_kegiatan_budget`: pagu and realisasi per sub-kegiatan name. The same sub-activity sits under
  a different code in every affair (X.XX.01.1.05.09 *Pendidikan dan Pelatihan Pegawai Berdasarkan
  Tugas dan Fungsi*), so codes that share a name are added up and listed.
- `elearning_vs_classroom`: cost per JP and per participant of e-learning against classroom
  training (JALUR Pelatihan Klasikal), and what the e-learning JP would have cost in a classroom.
- `funding_sources`: cost and JP per funding source, with each source's share of the whole.

Budget figures follow only the region and unit filters; cost figures follow every filter.
"""

from __future__ import annotations

import re

import duckdb
import polars as pl

from src.metrics.budget import plan_curve
from src.metrics.compute import components, kpis, query
from src.metrics.filters import Filters

BUDGET_METRICS = ["budget_pagu", "budget_realisasi", "absorption_rate"]
# BENTUK values that are e-learning, compared without case, spaces or hyphens (E-Learning, eLearning).
ELEARNING_METHODS = frozenset({"elearning"})
CLASSROOM_JALUR = "Pelatihan Klasikal"


def _plan_share(filters: Filters) -> float:
    return plan_curve()[filters.end_month]


def budget_vs_plan(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, object]:
    """The scope's budget against the plan curve.

    Keys: pagu, realisasi, absorption (null without pagu), plan_rate (planned cumulative share by
    the end of the period's month), planned_amount (pagu × plan_rate), amount_behind (planned −
    realisasi; negative when ahead), data_through (last month of the year with budget rows, or
    None), plan_by_month (the plan curve, months 1–12).
    """
    row = kpis(con, filters, metric_ids=BUDGET_METRICS).row(0, named=True)
    plan = _plan_share(filters)
    pagu, spent = row["budget_pagu"], row["budget_realisasi"]
    planned = pagu * plan if pagu else None
    through = query(con, "budget_data_through", filters.sql_params())["last_month"][0]
    curve = plan_curve()
    return {
        "pagu": pagu,
        "realisasi": spent,
        "absorption": row["absorption_rate"],
        "plan_rate": plan,
        "planned_amount": planned,
        "amount_behind": planned - (spent or 0.0) if planned is not None else None,
        "data_through": through,
        "plan_by_month": [curve.get(m) for m in range(1, 13)],
    }


def budget_by_unit(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per OPD with a pagu: unit, region, budget_pagu, budget_realisasi, absorption_rate, plan_rate,
    planned_amount, amount_behind (negative: ahead of the plan); largest pagu first."""
    plan = _plan_share(filters)
    frame = kpis(con, filters, by="unit", metric_ids=BUDGET_METRICS)
    return (
        frame.filter(pl.col("budget_pagu") > 0)
        .with_columns(plan_rate=pl.lit(plan), planned_amount=pl.col("budget_pagu") * plan)
        .with_columns(amount_behind=pl.col("planned_amount") - pl.col("budget_realisasi"))
        .sort(["budget_pagu", "group", "group_region"], descending=[True, False, False])
        .select(
            pl.col("group").alias("unit"),
            pl.col("group_region").alias("region"),
            *BUDGET_METRICS,
            "plan_rate",
            "planned_amount",
            "amount_behind",
        )
    )


def sub_kegiatan_budget(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per sub-kegiatan name: name, codes ("a, b"), code_count, budget_pagu, budget_realisasi,
    absorption_rate, plan_rate, planned_amount; largest pagu first (lines with neither pagu nor
    realisasi are left out)."""
    frame = kpis(con, filters, by="sub_kegiatan", metric_ids=["budget_pagu", "budget_realisasi"])
    names = query(con, "budget_sub_kegiatan_names", filters.sql_params())
    plan = _plan_share(filters)
    return (
        frame.join(names, left_on="group", right_on="code", how="left")
        .with_columns(name=pl.coalesce("name", "group"))
        .filter((pl.col("budget_pagu") > 0) | (pl.col("budget_realisasi") > 0))
        .group_by("name")
        .agg(
            codes=pl.col("group").sort().str.join(", "),
            code_count=pl.len().cast(pl.Int64),
            budget_pagu=pl.col("budget_pagu").sum(),
            budget_realisasi=pl.col("budget_realisasi").sum(),
        )
        .with_columns(
            absorption_rate=pl.when(pl.col("budget_pagu") > 0).then(
                pl.col("budget_realisasi") / pl.col("budget_pagu")
            ),
            plan_rate=pl.lit(plan),
            planned_amount=pl.col("budget_pagu") * plan,
        )
        .sort(["budget_pagu", "name"], descending=[True, False])
    )


def _is_elearning(method: str | None) -> bool:
    return method is not None and re.sub(r"[\s\-_]", "", method).lower() in ELEARNING_METHODS


def _costs(frame: pl.DataFrame) -> tuple[float | None, float, float]:
    """(known cost, JP of costed activities, costed activities) summed over the frame's groups."""
    known = frame["cost_total"].drop_nulls()
    cost = float(known.sum()) if known.len() else None
    return cost, float(frame["jp_costed"].sum()), float(frame["records_costed"].sum())


def _per(cost: float | None, count: float) -> float | None:
    return cost / count if cost is not None and count > 0 else None


def elearning_vs_classroom(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, object]:
    """E-learning against classroom training (cost per JP and per participant, as in the registry).

    Keys: elearning_cost_per_jp, classroom_cost_per_jp, elearning_cost_per_participant,
    classroom_cost_per_participant, elearning_jp (JP of costed e-learning), saving_share
    (1 − e-learning ÷ classroom cost per JP; negative when e-learning costs more),
    saving_share_per_participant (the same per participant), saving_amount (elearning_jp × the
    difference per JP: what those JP would have cost more in a classroom). Each is None when a
    side has no costed activity.
    """
    by_method = components(con, filters, by="method")
    by_jalur = components(con, filters, by="jalur")
    elearning = by_method.filter(pl.col("group").is_in([g for g in by_method["group"] if _is_elearning(g)]))
    classroom = by_jalur.filter(pl.col("group") == CLASSROOM_JALUR)
    e_cost, e_jp, e_n = _costs(elearning)
    c_cost, c_jp, c_n = _costs(classroom)
    e_per_jp, c_per_jp = _per(e_cost, e_jp), _per(c_cost, c_jp)
    e_per_n, c_per_n = _per(e_cost, e_n), _per(c_cost, c_n)
    return {
        "elearning_cost_per_jp": e_per_jp,
        "classroom_cost_per_jp": c_per_jp,
        "elearning_cost_per_participant": e_per_n,
        "classroom_cost_per_participant": c_per_n,
        "elearning_jp": e_jp,
        "saving_share": _saving_share(e_per_jp, c_per_jp),
        "saving_share_per_participant": _saving_share(e_per_n, c_per_n),
        "saving_amount": e_jp * (c_per_jp - e_per_jp)
        if e_per_jp is not None and c_per_jp is not None
        else None,
    }


def _saving_share(elearning: float | None, classroom: float | None) -> float | None:
    return 1 - elearning / classroom if elearning is not None and classroom else None


def funding_sources(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per funding source (SUMBER_DANA; "–" when not recorded) with any JP or known cost: source,
    cost_total, jp_total, cost_per_jp, cost_share (of all known cost), jp_share (of all JP);
    most JP first. A share is null when its whole is zero."""
    frame = kpis(con, filters, by="funding", metric_ids=["cost_total", "jp_total", "cost_per_jp"])
    frame = frame.filter((pl.col("jp_total") > 0) | pl.col("cost_total").is_not_null())
    cost_sum, jp_sum = frame["cost_total"].sum() or 0.0, frame["jp_total"].sum() or 0.0
    return (
        frame.with_columns(
            cost_share=pl.col("cost_total") / cost_sum if cost_sum > 0 else pl.lit(None, pl.Float64),
            jp_share=pl.col("jp_total") / jp_sum if jp_sum > 0 else pl.lit(None, pl.Float64),
        )
        .sort(["jp_total", "group"], descending=[True, False])
        .select(
            pl.col("group").alias("source"), "cost_total", "jp_total", "cost_per_jp", "cost_share", "jp_share"
        )
    )
