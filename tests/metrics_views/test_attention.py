"""units_behind, budget_behind_plan and headline_facts (src/metrics/attention.py) against hand values."""

from __future__ import annotations

import pytest

from src.metrics.attention import Change, budget_behind_plan, headline_facts, units_behind
from src.metrics.filters import Filters

JUNE = Filters(year=2025, month=6)  # on-track pace by June: 20 × 6 / 12 = 10 JP; plan share 0.32


@pytest.fixture(scope="module")
def units(make_exports):
    """Development by June 2025 (each person's JP; "-" = none):
    Serang/Dinas A (10 staff): 10, 10, 4, 4, 4, -, -, -, -, -
    Serang/Dinas B (10 staff): 12 × 5, then 5 without (one of them has 30 JP on 2025-07-15, after June)
    Semarang/Dinas C (12 staff): 6, then 11 without
    Semarang/Dinas A (10 staff): 10 each
    Serang/Kecil (3 staff): none (too small to rank with the default minimum of 10)"""
    e = make_exports()
    layout = {
        ("Serang", "Dinas A"): [10, 10, 4, 4, 4, None, None, None, None, None],
        ("Serang", "Dinas B"): [12] * 5 + [None] * 5,
        ("Semarang", "Dinas C"): [6] + [None] * 11,
        ("Semarang", "Dinas A"): [10] * 10,
        ("Serang", "Kecil"): [None] * 3,
    }
    for (region, unit), jps in layout.items():
        for i, jp in enumerate(jps):
            code = f"{region}/{unit}/{i}"
            e.staff(code, region=region, unit=unit)
            if jp is not None:
                e.course(code, "2025-03-15", jp)
    e.course("Serang/Dinas B/5", "2025-07-15", 30)
    return e.load()


def behind_rows(frame) -> list[tuple]:
    return [
        (r["unit"], r["region"], r["asn_count"], pytest.approx(r["jp20_on_track_rate"]),
         pytest.approx(r["participation_rate"]), r["no_development_count"], pytest.approx(r["jp_per_asn"]))
        for r in frame.iter_rows(named=True)
    ]  # fmt: skip


def test_units_behind_ranked_by_on_track_rate(units):
    assert behind_rows(units_behind(units, JUNE, limit=5)) == [
        # 0 of 12 on pace; 1 of 12 took part; 11 without; 6 / 12 = 0.5 JP per ASN
        ("Dinas C", "Semarang", 12, 0.0, 1 / 12, 11, 0.5),
        # 2 of 10 (10 JP is exactly on pace); 5 of 10; 5 without; (10 + 10 + 4 + 4 + 4) / 10 = 3.2
        ("Dinas A", "Serang", 10, 0.2, 0.5, 5, 3.2),
        # 5 of 10; 5 of 10; 5 without (the July course is after June); 60 / 10 = 6
        ("Dinas B", "Serang", 10, 0.5, 0.5, 5, 6.0),
        # 10 of 10; everyone; 0 without; 10 JP each
        ("Dinas A", "Semarang", 10, 1.0, 1.0, 0, 10.0),
        # Serang/Kecil (3 staff < 10) is left out although its rate (0) is the lowest
    ]


def test_units_behind_limit(units):
    frame = units_behind(units, JUNE, limit=2)
    assert list(zip(frame["unit"], frame["region"], strict=True)) == [
        ("Dinas C", "Semarang"),
        ("Dinas A", "Serang"),
    ]


def test_units_behind_smaller_minimum_ties_broken_by_size(units):
    frame = units_behind(units, JUNE, limit=3, min_staff=3)
    # Kecil (3 staff, rate 0) now ranks, after Dinas C (12 staff, rate 0): the larger unit first
    assert list(zip(frame["unit"], frame["asn_count"], frame["no_development_count"], strict=True)) == [
        ("Dinas C", 12, 11), ("Kecil", 3, 3), ("Dinas A", 10, 5),
    ]  # fmt: skip


# ---- budget behind the plan ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def behind(make_exports):
    """2025 budget by June (plan share 0.32):
    Serang/BKPSDM 5.03.02.2.03: pagu 80 in months 1-4, 100 from month 5; realisasi 2, 2, 2, 4, 5, 5 = 20
        (and 50 in July, after June)
    Serang/Dinkes 5.03.02.2.03: pagu 150, realisasi 10 (June); 5.04.02.2.01: pagu 50, realisasi 20 (March)
    Semarang/BKPP: pagu 50, realisasi 20 (February): ahead of plan
    Semarang/Dinkes: pagu 40, nothing spent
    Semarang/Kosong: pagu 0, nothing spent
    Staff: A (L, Serang/BKPSDM), B (P, Semarang/Dinkes)."""
    e = make_exports()
    e.staff("A", gender="L").staff("B", gender="P", region="Semarang", unit="Dinkes")
    for m, spent in zip(range(1, 8), (2, 2, 2, 4, 5, 5, 50), strict=True):
        e.budget(2025, m, 80 if m <= 4 else 100, spent)
    for m in range(1, 7):
        e.budget(2025, m, 150, 10 if m == 6 else 0, unit="Dinkes")
        e.budget(2025, m, 50, 20 if m == 3 else 0, unit="Dinkes", kode="5.04.02.2.01")
        e.budget(2025, m, 50, 20 if m == 2 else 0, region="Semarang", unit="BKPP")
        e.budget(2025, m, 40, 0, region="Semarang", unit="Dinkes")
        e.budget(2025, m, 0, 0, region="Semarang", unit="Kosong")
    return e.load()


def plan_rows(frame) -> list[tuple]:
    return [
        (r["unit"], r["region"], r["budget_pagu"], r["budget_realisasi"], pytest.approx(r["absorption_rate"]),
         pytest.approx(r["plan_rate"]), pytest.approx(r["amount_behind"]))
        for r in frame.iter_rows(named=True)
    ]  # fmt: skip


def test_budget_behind_plan(behind):
    assert plan_rows(budget_behind_plan(behind, JUNE)) == [
        # pagu 150 + 50 = 200, spent 10 + 20 = 30: 200 × 0.32 − 30 = 64 − 30 = 34
        ("Dinkes", "Serang", 200.0, 30.0, 0.15, 0.32, 34.0),
        # 40 × 0.32 − 0 = 12.8
        ("Dinkes", "Semarang", 40.0, 0.0, 0.0, 0.32, 12.8),
        # revised pagu 100, spent 20 by June (July's 50 not yet): 32 − 20 = 12
        ("BKPSDM", "Serang", 100.0, 20.0, 0.2, 0.32, 12.0),
        # Semarang/BKPP: 16 − 20 = −4 is ahead; Semarang/Kosong has no pagu: both left out
    ]


def test_budget_behind_plan_limit_and_person_filters(behind):
    assert budget_behind_plan(behind, JUNE, limit=1)["unit"].to_list() == ["Dinkes"]
    # budget lines follow only the region and unit filters: a gender filter changes nothing
    women = budget_behind_plan(behind, JUNE.model_copy(update={"gender": ("P",)}))
    assert women.equals(budget_behind_plan(behind, JUNE))
    serang = budget_behind_plan(behind, JUNE.model_copy(update={"regions": ("Serang",)}))
    assert list(zip(serang["unit"], serang["amount_behind"], strict=True)) == [
        ("Dinkes", pytest.approx(34.0)), ("BKPSDM", pytest.approx(12.0)),
    ]  # fmt: skip


def test_budget_behind_plan_earlier_month(behind):
    # March: plan share 0.10. BKPSDM pagu 80, spent 6: 8 − 6 = 2. Serang/Dinkes pagu 200, spent 20:
    # 20 − 20 = 0 (not behind). Semarang/Dinkes 40 × 0.1 = 4. Semarang/BKPP 5 − 20 < 0.
    frame = budget_behind_plan(behind, Filters(year=2025, month=3))
    assert list(zip(frame["unit"], frame["region"], frame["amount_behind"], strict=True)) == [
        ("Dinkes", "Semarang", pytest.approx(4.0)), ("BKPSDM", "Serang", pytest.approx(2.0)),
    ]  # fmt: skip


# ---- headline facts ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def headline(make_exports):
    """Serang: S1, S2; Semarang: M1, M2, M3.
    Development: S1 24 JP (2025-02-10), S2 4 JP (2025-06-10), M1 10 JP (2025-06-05), M2 2 JP
    (2025-03-01), M3 none. Budget Serang/BKPSDM pagu 100: 2 a month in January-May (10), 20 in June.
    Assessments 2025-01-10: S1 Integritas 3/3 (JPM 100, meets), M3 Integritas 3/2 (JPM 66.67)."""
    e = make_exports()
    e.staff("S1").staff("S2")
    for code in ("M1", "M2", "M3"):
        e.staff(code, region="Semarang", unit="BKPP")
    e.course("S1", "2025-02-10", 24).course("S2", "2025-06-10", 4)
    e.course("M1", "2025-06-05", 10).course("M2", "2025-03-01", 2)
    for m in range(1, 7):
        e.budget(2025, m, 100, 20 if m == 6 else 2)
    e.assess("S1", "2025-01-10", "Integritas", 3, 3).assess("M3", "2025-01-10", "Integritas", 3, 2)
    return e.load()


def test_headline_leader_and_laggard(headline):
    facts = headline_facts(headline, JUNE)
    assert facts.ranking_metric == "jp20_on_track_rate"
    # on pace by June (≥ 10 JP): Serang S1 -> 1/2 = 0.5; Semarang M1 (exactly 10) -> 1/3
    assert (facts.leader, facts.laggard) == ("Serang", "Semarang")
    assert facts.leader_value == pytest.approx(0.5)
    assert facts.laggard_value == pytest.approx(1 / 3)


def test_headline_biggest_move_since_last_month(headline):
    facts = headline_facts(headline, JUNE)
    # June vs May (year to date), relative to May:
    #   participation 4/5 = 0.8 vs 2/5 = 0.4 (S1, M2)            -> +1.0
    #   jp_per_asn    40/5 = 8 vs 26/5 = 5.2                      -> +0.54
    #   jp20_rate     1/5 vs 1/5                                  -> 0
    #   on track      2/5 (≥ 10) vs 1/5 (≥ 8.33)                   -> +1.0
    #   absorption    30/100 = 0.3 vs 10/100 = 0.1                -> +2.0  <- the biggest
    #   jpm_mean, meets_standard_rate unchanged; satisfaction unknown
    assert facts.biggest_move == Change("absorption_rate", pytest.approx(0.3), pytest.approx(0.1))
    assert facts.biggest_move.relative == pytest.approx(2.0)


def test_headline_furthest_from_target(headline):
    facts = headline_facts(headline, JUNE)
    # value ÷ target by June: participation 0.8/1; jp_per_asn 8 / (20 × 6 / 12 = 10) = 0.8;
    # on track 0.4/1; jpm_mean 83.33/90 = 0.93; meets_standard_rate 0.5/1. The full-year jp20_rate
    # (0.2) is not judged before December -> the on-track rate is furthest behind
    assert facts.furthest_behind == Change("jp20_on_track_rate", pytest.approx(0.4), 1.0)


def test_headline_january_and_single_region(headline):
    january = headline_facts(headline, Filters(year=2025, month=1))
    assert january.biggest_move is None  # no earlier month in the year to compare with
    serang = headline_facts(headline, JUNE.model_copy(update={"regions": ("Serang",)}))
    assert (serang.leader, serang.laggard) == (None, None)  # one region: nobody leads or trails
