"""src/metrics/budget_views.py against hand-computed values.

Plan share by June (data/rencana_serapan.csv): 0.32.
"""

from __future__ import annotations

import pytest

from src.metrics.attention import budget_behind_plan
from src.metrics.budget_views import (
    budget_by_unit,
    budget_vs_plan,
    elearning_vs_classroom,
    funding_sources,
    sub_kegiatan_budget,
)
from src.metrics.filters import Filters
from tests.metrics_views.builder import NK, cell

JUNE = Filters(year=2025, month=6)
PLAN_JUNE = 0.32
TUSI_1, TUSI_2 = "1.02.01.1.05.09", "1.03.01.1.05.09"  # not in the builder's names: both "Sub-kegiatan"


@pytest.fixture(scope="module")
def con(make_exports):
    """Budget lines of 2025, months 1-6 (pagu; realisasi a month):
    L1 Serang/BKPSDM 5.03.02.2.03 (Pengembangan Kompetensi ASN): 100; 5 → 30 by June
    L2 Serang/Dinkes 5.04.02.2.01 (Pengembangan Kompetensi Teknis): 200; 20 in months 1-3, 0 after → 60
    L3 Semarang/BKPP TUSI_1 ("Sub-kegiatan"): 50; 4 → 24
    L4 Semarang/Dinkes TUSI_2 ("Sub-kegiatan"): 30; 1 → 6
    plus a July row of L1 (pagu 100, realisasi 50) that June must leave out.
    2024, Siulak/Kantor 9.99.01.1.05.09 months 1-6: pagu 10, realisasi 1, named "Nama Lama" in
    months 1-2 and "Nama Baru" from month 3.

    Development (2025), staff A (L) and B (P), both Serang/BKPSDM:
    A: classroom 10 JP Rp1.000.000 APBD; classroom 10 JP unknown cost APBD; e-learning 4 JP unknown
       cost, no funding recorded
    B: classroom 5 JP Rp500.000 APBN; e-learning 20 JP Rp100.000 APBD; e-learning 10 JP Rp0 Tanpa
       Biaya; e-learning 8 JP Rp900.000 APBD but Tidak Lulus (not counted)
    """
    e = make_exports()
    e.staff("A", gender="L").staff("B", gender="P")
    for m in range(1, 7):
        e.budget(2025, m, 100, 5)
        e.budget(2025, m, 200, 20 if m <= 3 else 0, unit="Dinkes", kode="5.04.02.2.01")
        e.budget(2025, m, 50, 4, region="Semarang", unit="BKPP", kode=TUSI_1)
        e.budget(2025, m, 30, 1, region="Semarang", unit="Dinkes", kode=TUSI_2)
        name = "Nama Lama" if m <= 2 else "Nama Baru"
        e.rows["anggaran"].append(
            [cell(v) for v in (2024, m, "Siulak", "Kantor", "9.99.01.1.05.09", name, 10, 1)]
        )
    e.budget(2025, 7, 100, 50)
    e.course("A", "2025-03-01", 10, biaya=1_000_000, dana="APBD")
    e.course("A", "2025-03-02", 10, biaya=None, dana="APBD")
    e.course("A", "2025-03-03", 4, biaya=None, jalur=NK)
    e.course("B", "2025-04-01", 5, biaya=500_000, dana="APBN")
    e.course("B", "2025-04-02", 20, biaya=100_000, dana="APBD", jalur=NK)
    e.course("B", "2025-04-03", 10, biaya=0, dana="Tanpa Biaya", jalur=NK)
    e.course("B", "2025-04-04", 8, biaya=900_000, dana="APBD", jalur=NK, status="Tidak Lulus")
    return e.load()


def test_budget_against_the_plan(con):
    got = budget_vs_plan(con, JUNE)
    # pagu 100 + 200 + 50 + 30 = 380; spent 30 + 60 + 24 + 6 = 120 (the July 50 is out)
    assert got["pagu"] == pytest.approx(380)
    assert got["realisasi"] == pytest.approx(120)
    assert got["absorption"] == pytest.approx(120 / 380)
    assert got["plan_rate"] == pytest.approx(PLAN_JUNE)
    assert got["planned_amount"] == pytest.approx(380 * 0.32)  # 121.6
    assert got["amount_behind"] == pytest.approx(1.6)  # 121.6 - 120
    assert got["data_through"] == 7  # the year's rows reach July
    assert got["plan_by_month"][5] == pytest.approx(PLAN_JUNE) and len(got["plan_by_month"]) == 12


def test_budget_against_the_plan_follows_region_filters_only(con):
    semarang = budget_vs_plan(con, JUNE.model_copy(update={"regions": ("Semarang",), "gender": ("P",)}))
    assert semarang["pagu"] == pytest.approx(80) and semarang["realisasi"] == pytest.approx(30)
    assert semarang["amount_behind"] == pytest.approx(80 * 0.32 - 30)  # -4.4: ahead of the plan
    assert semarang["data_through"] == 6


def test_no_budget_in_scope(con):
    got = budget_vs_plan(con, JUNE.model_copy(update={"regions": ("Siulak",)}))
    assert got["pagu"] == 0 and got["absorption"] is None
    assert got["planned_amount"] is None and got["amount_behind"] is None and got["data_through"] is None


def test_budget_by_unit_largest_pagu_first(con):
    rows = [
        (r["unit"], r["region"], r["budget_pagu"], r["budget_realisasi"], r["amount_behind"])
        for r in budget_by_unit(con, JUNE).iter_rows(named=True)
    ]
    assert rows == [
        ("Dinkes", "Serang", 200, 60, pytest.approx(200 * 0.32 - 60)),  # 4 behind
        ("BKPSDM", "Serang", 100, 30, pytest.approx(2)),  # 32 - 30
        ("BKPP", "Semarang", 50, 24, pytest.approx(-8)),  # 16 - 24: ahead
        ("Dinkes", "Semarang", 30, 6, pytest.approx(3.6)),  # 9.6 - 6
    ]


def test_behind_the_plan_means_the_same_as_the_attention_list(con):
    units = budget_by_unit(con, JUNE)
    behind = {(r["unit"], r["region"]) for r in units.iter_rows(named=True) if r["amount_behind"] > 0}
    listed = budget_behind_plan(con, JUNE, limit=10)
    assert behind == set(zip(listed["unit"], listed["region"], strict=True))


def test_sub_kegiatan_by_name_adds_up_codes_that_share_a_name(con):
    frame = sub_kegiatan_budget(con, JUNE)
    rows = {r["name"]: r for r in frame.iter_rows(named=True)}
    assert frame["name"].to_list() == [
        "Pengembangan Kompetensi Teknis",  # pagu 200
        "Pengembangan Kompetensi ASN",  # 100
        "Sub-kegiatan",  # 50 + 30
    ]
    tusi = rows["Sub-kegiatan"]
    assert tusi["codes"] == f"{TUSI_1}, {TUSI_2}" and tusi["code_count"] == 2
    assert tusi["budget_pagu"] == pytest.approx(80) and tusi["budget_realisasi"] == pytest.approx(30)
    assert tusi["absorption_rate"] == pytest.approx(30 / 80)
    assert tusi["planned_amount"] == pytest.approx(80 * 0.32)
    assert rows["Pengembangan Kompetensi ASN"]["codes"] == "5.03.02.2.03"
    assert rows["Pengembangan Kompetensi Teknis"]["absorption_rate"] == pytest.approx(0.3)


def test_sub_kegiatan_shows_the_name_of_its_latest_row(con):
    june = sub_kegiatan_budget(con, Filters(year=2024, month=6))
    february = sub_kegiatan_budget(con, Filters(year=2024, month=2))
    assert june["name"].to_list() == ["Nama Baru"]
    assert february["name"].to_list() == ["Nama Lama"]
    assert february["budget_realisasi"][0] == pytest.approx(2)


def test_elearning_against_classroom(con):
    got = elearning_vs_classroom(con, JUNE)
    # classroom with known cost: 1.000.000 (10 JP) + 500.000 (5 JP): 100.000 per JP, 750.000 each
    assert got["classroom_cost_per_jp"] == pytest.approx(100_000)
    assert got["classroom_cost_per_participant"] == pytest.approx(750_000)
    # e-learning with known cost: 100.000 (20 JP) + 0 (10 JP); the Tidak Lulus and unknown are out
    assert got["elearning_cost_per_jp"] == pytest.approx(100_000 / 30)
    assert got["elearning_cost_per_participant"] == pytest.approx(50_000)
    assert got["elearning_jp"] == pytest.approx(30)
    assert got["saving_share"] == pytest.approx(1 - (100_000 / 30) / 100_000)  # 0.9667
    assert got["saving_share_per_participant"] == pytest.approx(1 - 50_000 / 750_000)  # 0.9333
    assert got["saving_amount"] == pytest.approx(30 * (100_000 - 100_000 / 30))  # 2.900.000


def test_elearning_against_classroom_follows_staff_filters(con):
    only_b = elearning_vs_classroom(con, JUNE.model_copy(update={"gender": ("P",)}))
    assert only_b["classroom_cost_per_jp"] == pytest.approx(100_000)  # 500.000 / 5 JP
    assert only_b["classroom_cost_per_participant"] == pytest.approx(500_000)
    nobody = elearning_vs_classroom(con, JUNE.model_copy(update={"units": ("Dinkes",)}))
    assert nobody["elearning_cost_per_jp"] is None and nobody["saving_share"] is None
    assert nobody["saving_amount"] is None and nobody["elearning_jp"] == 0


def test_funding_sources(con):
    frame = funding_sources(con, JUNE)
    rows = {
        r["source"]: (r["jp_total"], r["cost_total"], r["jp_share"], r["cost_share"])
        for r in frame.iter_rows(named=True)
    }
    # JP 40 + 10 + 5 + 4 = 59; known cost 1.100.000 + 0 + 500.000 = 1.600.000
    assert frame["source"].to_list() == ["APBD", "Tanpa Biaya", "APBN", "–"]  # most JP first
    assert rows["APBD"] == pytest.approx((40, 1_100_000, 40 / 59, 1_100_000 / 1_600_000))
    assert rows["Tanpa Biaya"] == pytest.approx((10, 0, 10 / 59, 0))
    assert rows["APBN"] == pytest.approx((5, 500_000, 5 / 59, 500_000 / 1_600_000))
    assert rows["–"][:3] == pytest.approx((4, None, 4 / 59)) and rows["–"][3] is None
    # cost per JP of APBD: 1.100.000 over the 30 JP whose cost is known
    assert frame.filter(frame["source"] == "APBD")["cost_per_jp"][0] == pytest.approx(1_100_000 / 30)


def test_funding_sources_when_nothing_matches(con):
    assert funding_sources(con, JUNE.model_copy(update={"units": ("Dinkes",)})).is_empty()
