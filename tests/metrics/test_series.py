"""Series and tables: monthly_trend (year to date), jp_distribution, competency_matrix."""

from __future__ import annotations

import pytest

from src.metrics.compute import competency_matrix, jp_distribution, monthly_trend
from src.metrics.filters import Filters
from tests.metrics.world import Y, one, rows_of


@pytest.fixture(scope="module")
def trend(make_world):
    """A: 6 JP (20 Jan), 8 JP (31 Mar); B: 24 JP Lulus (15 Feb); C: 10 JP Tidak Lulus (1 Apr),
    12 JP (31 May)."""
    w = make_world()
    w.staff("A").staff("B").staff("C")
    w.course("A", "2025-01-20", 6).course("A", "2025-03-31", 8)
    w.course("B", "2025-02-15", 24, status="Lulus")
    w.course("C", "2025-04-01", 10, status="Tidak Lulus").course("C", "2025-05-31", 12)
    return w.load()


def test_monthly_trend_is_year_to_date_at_each_month_end(trend):
    frame = monthly_trend(
        trend, Filters(year=Y, month=5), ["jp_total", "participation_rate", "jp20_on_track_rate"]
    )
    assert rows_of(frame, "month", "jp_total", "participation_rate", "jp20_on_track_rate") == [
        # month: JP so far / who took part / on track (>= 20 x m / 12 JP)
        (1, 6, pytest.approx(1 / 3), pytest.approx(1 / 3)),  # A 6; on track >= 1.67: A
        (2, 30, pytest.approx(2 / 3), pytest.approx(2 / 3)),  # + B 24; >= 3.33: A 6, B 24
        (3, 38, pytest.approx(2 / 3), pytest.approx(2 / 3)),  # + A 8 (31 Mar); >= 5: A 14, B 24
        (4, 38, pytest.approx(2 / 3), pytest.approx(2 / 3)),  # C's Tidak Lulus adds nothing; >= 6.67
        (5, 50, pytest.approx(3 / 3), pytest.approx(3 / 3)),  # + C 12 (31 May); >= 8.33: A, B, C 12
    ]


def test_monthly_trend_matches_kpis_for_each_month(trend):
    frame = monthly_trend(trend, Filters(year=Y, month=5), ["completion_rate"])
    # completion: Jan 1/1, Feb 2/2, Mar 3/3, Apr 3/4 (C's Tidak Lulus), May 4/5
    assert frame["completion_rate"].to_list() == pytest.approx([1, 1, 1, 3 / 4, 4 / 5])
    for m, value in zip(frame["month"], frame["completion_rate"], strict=True):
        assert one(trend, Filters(year=Y, month=m), "completion_rate") == pytest.approx(value)


def test_monthly_trend_whole_year_has_twelve_months(trend):
    frame = monthly_trend(trend, Filters(year=Y), ["jp_total"])
    # no month = through December; nothing after May: 50 JP from May on
    assert frame["month"].to_list() == list(range(1, 13))
    assert frame["jp_total"].to_list() == pytest.approx([6, 30, 38, 38] + [50] * 8)


# ---- jp_distribution ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def distribution(make_world):
    """Counted JP per person: Z 0 (only a Berjalan course of 30 JP), T 4.5, Y 19.5, X 20, W 24.5,
    V 60, U 40 + 35 = 75; and S in Semarang with 7 JP."""
    w = make_world()
    for code in "ZTYXWVU":
        w.staff(code)
    w.staff("S", region="Semarang", unit="BKPP")
    w.course("Z", "2025-06-01", 30, status="Berjalan")
    w.course("T", "2025-02-01", 4.5)
    w.course("Y", "2025-02-01", 19.5)
    w.course("X", "2025-02-01", 20)
    w.course("W", "2025-02-01", 24.5)
    w.course("V", "2025-02-01", 60)
    w.course("U", "2025-02-01", 40).course("U", "2025-03-01", 35)
    w.course("S", "2025-02-01", 7)
    return w.load()


def test_jp_distribution_bins(distribution):
    frame = jp_distribution(distribution, Filters(year=Y, regions=("Serang",)))
    expected = dict.fromkeys(range(0, 65, 5), 0)
    expected[0] = 2  # Z (0 JP: staff without counted JP are in the first bin) and T (4.5)
    expected[15] = 1  # Y 19.5
    expected[20] = 2  # X (exactly 20: the 20-25 bin, not 15-20) and W (24.5)
    expected[60] = 2  # V (exactly 60) and U (75): the open last bin
    assert dict(rows_of(frame, "jp_from", "staff")) == expected
    assert sum(frame["staff"]) == 7  # every staff member in scope, once
    ends = dict(rows_of(frame, "jp_from", "jp_to"))
    assert ends[0] == 5 and ends[20] == 25 and ends[55] == 60
    assert ends[60] is None  # open-ended


def test_jp_distribution_follows_filters(distribution):
    # Semarang: only S (7 JP) -> one person in the 5-10 bin
    frame = jp_distribution(distribution, Filters(year=Y, regions=("Semarang",)))
    assert {k: v for k, v in rows_of(frame, "jp_from", "staff") if v} == {5: 1}
    # M = 2 (to 28 Feb): U has 40 (bin 40), not yet 75
    frame = jp_distribution(distribution, Filters(year=Y, month=2, regions=("Serang",)))
    assert dict(rows_of(frame, "jp_from", "staff"))[40] == 1


# ---- competency_matrix --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix(make_world):
    """M1 Serang/BKPSDM: Integritas 3/1 (2024) then 3/2 (2025), Perekat Bangsa 3/3
    M2 Serang/BKPSDM: Integritas 3/3.5 (surplus)
    M3 Serang/Dinkes: Integritas 2/1
    M4 Semarang/BKPSDM (same unit name, other region): Integritas 4/2.5
    M5 Serang/BKPSDM: Integritas 3/1 assessed in 2026 (after the period)"""
    w = make_world()
    w.staff("M1", unit="BKPSDM").staff("M2", unit="BKPSDM").staff("M3", unit="Dinkes")
    w.staff("M4", region="Semarang", unit="BKPSDM").staff("M5", unit="BKPSDM")
    w.assess("M1", "2024-02-01", "Integritas", 3, 1).assess("M1", "2025-02-01", "Integritas", 3, 2)
    w.assess("M1", "2025-02-01", "Perekat Bangsa", 3, 3)
    w.assess("M2", "2025-03-01", "Integritas", 3, 3.5)
    w.assess("M3", "2025-03-01", "Integritas", 2, 1)
    w.assess("M4", "2025-03-01", "Integritas", 4, 2.5)
    w.assess("M5", "2026-01-05", "Integritas", 3, 1)
    return w.load()


def test_competency_matrix_per_competency_and_unit(matrix):
    frame = competency_matrix(matrix, Filters(year=Y))
    got = {
        (k, region, unit): (pairs, gap, meets)
        for k, region, unit, pairs, gap, meets in rows_of(
            frame, "kompetensi", "wilayah", "unit_kerja", "pairs", "gap_mean", "meets_standard_rate"
        )
    }
    assert got == {
        # M1's latest (2 of 3, gap 1) and M2 (3.5 of 3, gap 0): 2 pairs, (1 + 0) / 2, 1 of 2 meets;
        # M1's 2024 assessment is replaced, M5's of 2026 is after the period
        ("Integritas", "Serang", "BKPSDM"): (2, pytest.approx(0.5), pytest.approx(0.5)),
        ("Integritas", "Serang", "Dinkes"): (1, pytest.approx(1.0), 0),  # M3: 2 - 1
        ("Integritas", "Semarang", "BKPSDM"): (1, pytest.approx(1.5), 0),  # M4: 4 - 2.5
        ("Perekat Bangsa", "Serang", "BKPSDM"): (1, 0, pytest.approx(1.0)),  # M1: 3 of 3
    }


def test_competency_matrix_follows_period_and_filters(matrix):
    # 2024: only M1's first Integritas (1 of 3): gap 2, not meeting
    frame = competency_matrix(matrix, Filters(year=Y - 1))
    assert rows_of(frame, "kompetensi", "wilayah", "unit_kerja", "pairs", "gap_mean") == [
        ("Integritas", "Serang", "BKPSDM", 1, pytest.approx(2.0))
    ]
    # the unit filter: Dinkes only -> M3
    frame = competency_matrix(matrix, Filters(year=Y, units=("Dinkes",)))
    assert rows_of(frame, "kompetensi", "unit_kerja", "pairs") == [("Integritas", "Dinkes", 1)]
