"""The metrics layer's fast paths give the figures of the plain definitions (issue 6).

compute.kpis / kpis_long query only the sources the requested metrics read, participation from the
year-to-date rollup, and monthly_trend computes every month at once; the references below are the
plain definitions: every source queried and joined, participation summed month by month per person
(compute.reference_components), each metric read off as numerator ÷ denominator, and the trend as
one such run per month. A generated database of some
twenty thousand staff (the sample generator, built once for this module) and a seeded random
sample of filters, metrics and dimensions.
"""

from __future__ import annotations

import random

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from src.metrics import compute
from src.metrics.filters import (
    AGE_BANDS,
    EDUCATION,
    GENDERS,
    GOLONGAN_GROUPS,
    JENIS_JABATAN,
    JENIS_PEGAWAI,
    Filters,
)
from src.metrics.registry import DIMENSIONS, METRICS
from src.warehouse.db import connect
from src.warehouse.demo import build_demo
from tests.metrics.world import World, Y

SCALE = 20_000
SEED = 11
CASES = 60
TREND_CASES = 15
KEYS = compute.KEYS
STAFF_FILTERS = {
    "jenis_pegawai": JENIS_PEGAWAI,
    "jenis_jabatan": JENIS_JABATAN,
    "golongan_group": GOLONGAN_GROUPS,
    "gender": GENDERS,
    "age_band": AGE_BANDS,
    "education": EDUCATION,
}
# Sets the pages ask for (Ringkasan's headline, the participation trend), besides random ones.
PAGE_SETS = (
    ["asn_count", "participation_rate", "jp_per_asn", "jp20_rate", "jp20_on_track_rate",
     "absorption_rate", "jpm_mean", "meets_standard_rate", "satisfaction_mean"],
    ["participation_rate", "jp_per_asn", "jp20_on_track_rate"],
    ["assessed_rate", "jpm_mean"],
    ["budget_pagu", "budget_realisasi", "absorption_rate"],
)  # fmt: skip


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    db = tmp_path_factory.mktemp("optimised") / "asn.duckdb"
    build_demo(db, scale=SCALE, seed=SEED, progress=lambda _message: None)
    return db


@pytest.fixture(scope="module")
def con(database):
    connection = connect(database, read_only=True)
    assert compute.has_year_to_date_rollup(connection)  # the import built it: the fast path is tested
    yield connection
    connection.close()


def reference_kpis(con, filters: Filters, by, metric_ids, by2=None) -> pl.DataFrame:
    """The plain definition: every source's components, participation summed month by month per
    person (compute.reference_components), joined; each metric numerator ÷ denominator (null for a
    zero denominator or a metric whose components the grouping does not have)."""
    parts = compute.reference_components(con, filters, by, by2)
    columns = {}
    for metric in metric_ids:
        spec = compute.METRIC_BY_ID[metric]
        if not compute._applies(spec, parts.columns):
            columns[metric] = pl.lit(None, pl.Float64)
        elif spec.denominator is None:
            columns[metric] = pl.col(spec.numerator)
        else:
            den = pl.col(spec.denominator)
            columns[metric] = pl.when(den > 0).then(pl.col(spec.numerator) / den)
    return parts.select(*KEYS, **columns)


def reference_trend(con, filters: Filters, metric_ids, by) -> pl.DataFrame:
    frames = [
        reference_kpis(con, filters.model_copy(update={"month": m}), by, metric_ids).with_columns(
            month=pl.lit(m, pl.Int32)
        )
        for m in range(1, filters.end_month + 1)
    ]
    return pl.concat(frames).select("month", pl.exclude("month"))


def same_figures(fast: pl.DataFrame, plain: pl.DataFrame, keys: list[str], metrics: list[str]) -> None:
    """Every group of the fast result has the plain figures; groups only the plain result has (those
    of a source the metrics do not read, e.g. a unit with budget lines and no staff) carry no figure:
    null, or a count of 0."""
    assert fast.columns == plain.columns
    assert fast.select(keys).n_unique() == fast.height  # one row per group
    common = plain.join(fast.select(keys), on=keys, how="semi", nulls_equal=True)
    assert common.height == fast.height, "the fast result has a group the plain one does not"
    order = [pl.col(k).fill_null("\x00") for k in keys]
    assert_frame_equal(fast.sort(order), common.sort(order), rel_tol=1e-9, abs_tol=1e-9)
    extra = plain.join(fast.select(keys), on=keys, how="anti", nulls_equal=True)
    for metric in metrics:
        assert extra.filter(pl.col(metric).is_not_null() & (pl.col(metric) != 0)).is_empty(), metric


def random_filters(rng: random.Random, regions: list[str], units: list[str]) -> Filters:
    values: dict[str, object] = {
        "year": rng.choice([2024, 2025, 2026]),
        "month": rng.choice([None, 1, 4, 7, 10]),
    }
    if rng.random() < 0.4:
        values["regions"] = rng.sample(regions, rng.randint(1, 2))
    if rng.random() < 0.25:
        values["units"] = rng.sample(units, rng.randint(1, 3))
    for name, choices in STAFF_FILTERS.items():
        if rng.random() < 0.15:
            values[name] = rng.sample(choices, rng.randint(1, 2))
    return Filters(**values)


def random_case(rng: random.Random, regions, units):
    filters = random_filters(rng, regions, units)
    dimensions = ["none", *sorted(DIMENSIONS)]
    by = rng.choice(dimensions)
    by2 = rng.choice(dimensions) if rng.random() < 0.35 else "none"
    by = None if by == "none" else by
    by2 = None if by2 in ("none", by) else by2
    if rng.random() < 0.3:
        metrics = list(rng.choice(PAGE_SETS))
    else:
        metrics = [spec.id for spec in rng.sample(METRICS, rng.randint(1, 4))]
    return filters, by, by2, metrics


@pytest.fixture(scope="module")
def cases(con):
    regions = [r for (r,) in con.sql("SELECT DISTINCT wilayah FROM pegawai ORDER BY 1").fetchall()]
    units = [u for (u,) in con.sql("SELECT DISTINCT unit_kerja FROM pegawai ORDER BY 1").fetchall()]
    assert len(regions) >= 3 and len(units) > 20  # a database with something to choose from
    rng = random.Random(SEED)
    return [random_case(rng, regions, units) for _ in range(CASES)]


def test_kpis_equal_the_plain_definition(con, cases):
    checked = 0
    for filters, by, by2, metrics in cases:
        fast = compute.kpis(con, filters, by=by, metric_ids=metrics, by2=by2)
        plain = reference_kpis(con, filters, by, metrics, by2)
        same_figures(fast, plain, KEYS, metrics)
        checked += fast.height
    assert checked > CASES  # the sample reaches groups, not only empty results


def test_kpis_long_equal_the_plain_definition(con, cases):
    for filters, by, by2, metrics in cases[: CASES // 2]:
        fast = compute.kpis_long(con, filters, by=by, metric_ids=metrics, by2=by2)
        plain = reference_kpis(con, filters, by, metrics, by2)
        wide = fast.pivot("metric", index=KEYS, values="value", maintain_order=True)
        wide = wide.select(*KEYS, *metrics) if wide.height else plain.clear()
        same_figures(wide, plain, KEYS, metrics)


def test_monthly_trend_equals_one_kpis_run_per_month(con, cases):
    one_pass = 0
    for filters, by, _by2, metrics in cases[:TREND_CASES]:
        by = by if by in (None, *compute.PERSON_DIMENSIONS) else None
        fast = compute.monthly_trend(con, filters, metrics, by=by)
        plain = reference_trend(con, filters, metrics, by)
        same_figures(fast, plain, ["month", *KEYS], metrics)
        participation = any(compute.METRIC_BY_ID[m].source == "participation" for m in metrics)
        one_pass += participation and by != "age_band" and not filters.age_band
    assert one_pass >= TREND_CASES // 3  # the sample reaches the one-query path


def test_page_trends(con):
    # The participation page's trend (this year and last), the comparison page's by region, and an
    # age band filter (each month's own scope, so one kpis run per month).
    cases = [
        (Filters(year=2026, month=10), None, PAGE_SETS[1]),
        (Filters(year=2025), None, PAGE_SETS[1]),
        (Filters(year=2026, month=10), "region", PAGE_SETS[0]),
        (Filters(year=2026, month=7, regions=["Serang"]), "unit", PAGE_SETS[0]),
        (Filters(year=2026, month=10, age_band=["<30"]), "region", PAGE_SETS[1]),
        (Filters(year=2026, month=4), "age_band", PAGE_SETS[1]),
    ]
    for filters, by, metrics in cases:
        fast = compute.monthly_trend(con, filters, list(metrics), by=by)
        assert fast["month"].unique().sort().to_list() == list(range(1, filters.end_month + 1))
        same_figures(fast, reference_trend(con, filters, metrics, by), ["month", *KEYS], metrics)


def test_page_sets_by_region_and_unit(con):
    # The whole scope of the latest period, as the overview and participation pages ask for it.
    filters = Filters(year=2026, month=10)
    for by in (None, "region", "unit"):
        for metrics in PAGE_SETS:
            fast = compute.kpis(con, filters, by=by, metric_ids=metrics)
            assert fast.height >= 1
            same_figures(fast, reference_kpis(con, filters, by, metrics), KEYS, metrics)


def test_a_database_without_the_year_to_date_rollup(con, database, tmp_path):
    # A data version published before the rollup existed: the same figures, the plain way.
    old = tmp_path / "old.duckdb"
    old.write_bytes(database.read_bytes())
    writer = connect(old)
    writer.execute("DROP TABLE rollup_pengembangan_kumulatif").fetchall()
    writer.close()
    before = connect(old, read_only=True)
    assert not compute.has_year_to_date_rollup(before)
    filters = Filters(year=2026, month=7)
    for by, metrics in ((None, PAGE_SETS[0]), ("unit", PAGE_SETS[1])):
        same_figures(
            compute.kpis(before, filters, by=by, metric_ids=metrics),
            compute.kpis(con, filters, by=by, metric_ids=metrics),
            KEYS,
            metrics,
        )
        same_figures(
            compute.monthly_trend(before, filters, metrics, by=by),
            compute.monthly_trend(con, filters, metrics, by=by),
            ["month", *KEYS],
            metrics,
        )
    before.close()


def test_year_to_date_rollup_by_hand(tmp_path):
    # A: 10 JP (Rp1,000,000) completed 20 Feb, 5 JP 3 May, a withdrawal 9 May; B: nothing; C: 8 JP on
    # 30 Dec of the year before. A's rows run from February (first development) to December:
    # Feb-Apr 10 JP, Rp1,000,000, 1 counted; May-Dec 15 JP, Rp1,000,000 (May's cost unknown),
    # 2 counted, 1 withdrawn. C has December of the year before only; B has no row.
    world = World(tmp_path).staff("A").staff("B").staff("C")
    world.course("A", f"{Y}-02-20", 10, biaya=1_000_000)
    world.course("A", f"{Y}-05-03", 5)
    world.course("A", f"{Y}-05-09", 4, status="Mengundurkan Diri")
    world.course("C", f"{Y - 1}-12-30", 8)
    con = world.load()
    rows = con.sql(
        "SELECT nip, tahun, bulan, jp, biaya, n_dihitung, n_mundur FROM rollup_pengembangan_kumulatif "
        "ORDER BY nip, tahun, bulan"
    ).fetchall()
    a, c = world.nip("A"), world.nip("C")
    expected = [(a, Y, m, 10, 1_000_000, 1, 0) for m in (2, 3, 4)]
    expected += [(a, Y, m, 15, 1_000_000, 2, 1) for m in range(5, 13)]
    expected += [(c, Y - 1, 12, 8, None, 1, 0)]
    assert rows == expected
    # The pace in April (20 × 4 / 12 = 6.67 JP): A on track, B and C not -> 1 of 3
    april = compute.kpis(con, Filters(year=Y, month=4), metric_ids=["jp20_on_track_rate"])
    assert april["jp20_on_track_rate"].to_list() == [pytest.approx(1 / 3)]
