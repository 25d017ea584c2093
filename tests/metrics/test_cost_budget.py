"""Cost and budget metrics (metrics.md, "Cost and budget"), against hand sums."""

from __future__ import annotations

import pytest

from src.metrics.filters import Filters
from tests.metrics.world import Y, one

M = 1_000_000  # Rupiah in millions, for readable budget figures


@pytest.fixture(scope="module")
def cost(make_world):
    """A: 10 JP costing Rp1.500.000 and 5 JP of unknown cost; B (Dinkes): 20 JP free (BIAYA 0) and
    8 JP costing Rp900.000 but Tidak Lulus; C (Semarang): 4 JP of unknown cost; A also has a 2024
    course (6 JP, Rp300.000); D (Siulak): 12 JP of unknown cost and 12 JP costing Rp750.000 but
    Tidak Lulus."""
    w = make_world()
    w.staff("A", unit="BKPSDM").staff("B", unit="Dinkes").staff("C", region="Semarang", unit="BKPP")
    w.course("A", "2025-03-01", 10, biaya=1_500_000)
    w.course("A", "2025-04-01", 5, biaya=None)
    w.course("A", "2024-12-31", 6, biaya=300_000)
    w.course("B", "2025-05-01", 20, biaya=0, jalur="Pelatihan Non-Klasikal", bentuk="E-Learning")
    w.course("B", "2025-05-02", 8, biaya=900_000, status="Tidak Lulus")
    w.course("C", "2025-06-01", 4, biaya=None)
    # D (Siulak): a counted course of unknown cost; a costed one that did not pass (Rp750.000)
    w.staff("D", region="Siulak", unit="Kecamatan Siulak")
    w.course("D", "2025-07-01", 12, biaya=None)
    w.course("D", "2025-07-02", 12, biaya=750_000, status="Tidak Lulus")
    return w.load()


def test_cost_total_only_known_costs(cost):
    # counted 2025 activities with a known BIAYA: 1.500.000 (A) + 0 (B) = 1.500.000;
    # A's, C's and D's unknown costs, the Tidak Lulus 900.000 (B) and 750.000 (D), and A's 2024
    # 300.000 are out
    assert one(cost, Filters(year=Y), "cost_total") == pytest.approx(1_500_000)


def test_cost_per_jp_uses_jp_of_costed_activities_only(cost):
    # 1.500.000 / (10 + 20) JP of the costed activities = 50.000 (not / 51 JP in total = 29.411,76)
    assert one(cost, Filters(year=Y), "cost_per_jp") == pytest.approx(50_000)


def test_cost_total_null_when_no_cost_is_known(cost):
    # Semarang: C's only activity has an empty BIAYA: unknown, so the total is null, not Rp0
    semarang = Filters(year=Y, regions=("Semarang",))
    assert one(cost, semarang, "cost_total") is None
    assert one(cost, semarang, "cost_per_jp") is None


def test_cost_of_an_activity_that_is_not_counted_is_not_used(cost):
    # Siulak: D's counted course has an empty BIAYA; the Rp750.000 belongs to a Tidak Lulus record
    # -> no counted activity with a known cost: null
    siulak = Filters(year=Y, regions=("Siulak",))
    assert one(cost, siulak, "jp_total") == pytest.approx(12)
    assert one(cost, siulak, "cost_total") is None
    assert one(cost, siulak, "cost_per_jp") is None


def test_known_zero_cost_is_zero(cost):
    # Dinkes: B's free e-learning has BIAYA 0: a known cost of 0 -> total 0 and 0 / 20 JP = 0
    dinkes = Filters(year=Y, units=("Dinkes",))
    assert one(cost, dinkes, "cost_total") == 0
    assert one(cost, dinkes, "cost_per_jp") == 0


# ---- budget -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def budget(make_world):
    """Budget lines (pagu, realisasi in millions):

    Serang   BKPSDM  5.03.02.2.03  m3 100/10  m6 100/20  m9 120/30 (APBD-P)  m10 120/5
    Serang   Dinkes  5.04.02.2.01  m3  50/5   m10 40/15 (APBD-P cut)
    Semarang BKPP    5.03.02.2.03  m6 200/50
    Siulak   Kec.    5.03.02.2.03  m2   0/0
    Serang   BKPSDM  2024 m12 90/80 (another year)

    Staff: A (Serang/BKPSDM, L), B (Serang/Dinkes, P), C (Semarang/BKPP, L), D (Siulak, P).
    """
    w = make_world()
    w.staff("A", unit="BKPSDM", gender="L").staff("B", unit="Dinkes", gender="P")
    w.staff("C", region="Semarang", unit="BKPP", gender="L")
    w.staff("D", region="Siulak", unit="Kecamatan Siulak", gender="P")
    w.budget(3, 100 * M, 10 * M).budget(6, 100 * M, 20 * M)
    w.budget(9, 120 * M, 30 * M).budget(10, 120 * M, 5 * M)
    w.budget(3, 50 * M, 5 * M, unit="Dinkes", kode="5.04.02.2.01")
    w.budget(10, 40 * M, 15 * M, unit="Dinkes", kode="5.04.02.2.01")
    w.budget(6, 200 * M, 50 * M, region="Semarang", unit="BKPP")
    w.budget(2, 0, 0, region="Siulak", unit="Kecamatan Siulak")
    w.budget(12, 90 * M, 80 * M, year=Y - 1)
    return w.load()


def test_budget_pagu_before_revision(budget):
    # M = 8: BKPSDM's latest row <= 8 is month 6 (100); Dinkes month 3 (50); Semarang 200; Siulak 0
    # -> 100 + 50 + 200 + 0 = 350
    assert one(budget, Filters(year=Y, month=8), "budget_pagu") == pytest.approx(350 * M)


def test_budget_pagu_after_revision(budget):
    # M = 10: BKPSDM's latest row is month 10 (120, raised in month 9); Dinkes month 10 (40, cut):
    # the latest pagu, not the largest -> 120 + 40 + 200 + 0 = 360
    assert one(budget, Filters(year=Y, month=10), "budget_pagu") == pytest.approx(360 * M)
    # M = 9, BKPSDM's revision month, already has its new pagu; Dinkes still month 3:
    # 120 + 50 + 200 + 0 = 370
    assert one(budget, Filters(year=Y, month=9), "budget_pagu") == pytest.approx(370 * M)


def test_budget_realisasi_summed_over_months_up_to_m(budget):
    # M = 8: 10 + 20 (BKPSDM) + 5 (Dinkes) + 50 (Semarang) + 0 = 85
    assert one(budget, Filters(year=Y, month=8), "budget_realisasi") == pytest.approx(85 * M)
    # M = 10: 10 + 20 + 30 + 5 + 5 + 15 + 50 + 0 = 135
    assert one(budget, Filters(year=Y, month=10), "budget_realisasi") == pytest.approx(135 * M)
    # whole year = M 12: the same 135; the 2024 row (80) is another year
    assert one(budget, Filters(year=Y), "budget_realisasi") == pytest.approx(135 * M)


def test_absorption_rate(budget):
    # M = 8: 85 / 350; M = 10: 135 / 360
    assert one(budget, Filters(year=Y, month=8), "absorption_rate") == pytest.approx(85 / 350)
    assert one(budget, Filters(year=Y, month=10), "absorption_rate") == pytest.approx(135 / 360)


def test_budget_follows_region_filter(budget):
    # Serang, M = 10: pagu 120 + 40 = 160; realisasi 65 + 20 = 85; 85 / 160 = 0.53125
    serang = Filters(year=Y, month=10, regions=("Serang",))
    assert one(budget, serang, "budget_pagu") == pytest.approx(160 * M)
    assert one(budget, serang, "budget_realisasi") == pytest.approx(85 * M)
    assert one(budget, serang, "absorption_rate") == pytest.approx(85 / 160)


def test_budget_follows_unit_filter(budget):
    # Dinkes, M = 10: pagu 40 (after the cut), realisasi 5 + 15 = 20 -> 0.5
    dinkes = Filters(year=Y, month=10, units=("Dinkes",))
    assert one(budget, dinkes, "budget_pagu") == pytest.approx(40 * M)
    assert one(budget, dinkes, "budget_realisasi") == pytest.approx(20 * M)
    assert one(budget, dinkes, "absorption_rate") == pytest.approx(0.5)


def test_budget_ignores_person_filters(budget):
    # gender P keeps only B and D (Dinkes, Siulak), yet budget lines are not people: still 360 / 135
    women = Filters(year=Y, month=10, gender=("P",))
    assert one(budget, women, "asn_count") == 2
    assert one(budget, women, "budget_pagu") == pytest.approx(360 * M)
    assert one(budget, women, "budget_realisasi") == pytest.approx(135 * M)
    assert one(budget, women, "absorption_rate") == pytest.approx(135 / 360)
    # the same for the other person-level filters
    others = Filters(year=Y, month=10, jenis_jabatan=("Struktural",), education=("S-3",))
    assert one(budget, others, "budget_pagu") == pytest.approx(360 * M)


def test_absorption_null_when_pagu_is_zero(budget):
    # Siulak's only line has pagu 0: 0 / 0 -> null, not 0
    siulak = Filters(year=Y, regions=("Siulak",))
    assert one(budget, siulak, "budget_pagu") == 0
    assert one(budget, siulak, "absorption_rate") is None


def test_absorption_null_when_there_are_no_lines(budget):
    # Semarang, M = 2: its only row is month 6, so no line yet -> no pagu -> null
    assert one(budget, Filters(year=Y, month=2, regions=("Semarang",)), "absorption_rate") is None
