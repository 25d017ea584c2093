"""IP ASN (kompetensi) (src/metrics/ip_asn.py) against a tiny warehouse worked out by hand.

The tests read their own copy of the scoring parameters (the values of data/ip_asn_kompetensi.toml
as shipped), so that editing the shipped file, as it is meant to be, does not break them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from src.metrics import ip_asn
from src.metrics.filters import Filters
from src.metrics.registry import IP_ASN_METRICS, PAGE_METRIC_BY_ID
from tests.metrics_views.test_talent import TalentExports

RULES = """
dimension_points = 40
scale_to_applicable = {scale}

[items.kepemimpinan]
points = 15
bentuk = ["Pelatihan Kepemimpinan"]
lookback_months = 0
levels = [
    {{ level = "JPT Pratama", names = ["Kepemimpinan Nasional Tingkat II", "PKN II"] }},
    {{ level = "Administrator", names = ["Administrator", "PKA"] }},
    {{ level = "Pengawas", names = ["Pengawas", "PKP"] }},
]

[items.fungsional]
points = 15
bentuk = ["Pelatihan Fungsional"]
lookback_months = 0
applies_to = ["Fungsional"]

[items.teknis]
points = 7
bentuk = ["Pelatihan Teknis", "Bimtek"]
lookback_months = 12
min_jp = 20

[items.seminar]
points = 3
bentuk = ["Seminar", "Workshop", "Kuliah Umum"]
lookback_months = 12
"""


def _rules(tmp_path: Path, scale: bool) -> ip_asn.Scoring:
    path = tmp_path / f"rules_{scale}.toml"
    path.write_text(RULES.format(scale=str(scale).lower()), encoding="utf-8")
    return ip_asn.scoring(path)


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> ip_asn.Scoring:
    return _rules(tmp_path_factory.mktemp("rules"), True)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Six staff, period 2025 (to 2025-12-31; the 12-month items count activities ending after
    2024-12-31). Items that apply: kepemimpinan 15 to structural posts, fungsional 15 to functional
    posts, teknis 7 and seminar 3 to everyone; points scaled to 40 over the items that apply.
      P1 Pengawas (IV.a): PKP 2023 (history counts) -> kepemimpinan; Pelatihan Teknis 12 JP Feb 2025
         + Bimtek 8 JP Sep 2025 = 20 -> teknis; no seminar. 40 x (15 + 7) / 25 = 35.2
      P2 Administrator (III.a): only a Pengawas course (a lower level) -> no; Seminar Mar 2025 -> seminar.
         40 x 3 / 25 = 4.8
      P3 JPT Pratama (II.b): PKN Tingkat II Jan 2025 but Tidak Lulus -> nothing. 0
      P4 Fungsional: Pelatihan Fungsional 2022 -> fungsional; Pelatihan Teknis 24 JP ending 2024-12-31
         (outside the 12 months) -> no teknis; Workshop 2025-12-31 -> seminar. 40 x (15 + 3) / 25 = 28.8
      P5 Pelaksana: Pelatihan Teknis 30 JP ending 2026-01-05 (after the period) -> nothing. 0
      P6 Pelaksana, Semarang: Pelatihan Teknis 20 JP Jun 2025 -> teknis; Kuliah Umum Jul 2025 -> seminar.
         40 x 10 / 10 = 40
    Sum 35.2 + 4.8 + 0 + 28.8 + 0 + 40 = 108.8 over 6 staff: mean 18.1333, 108.8 / 240 = 45.33 %."""
    e = TalentExports(tmp_path_factory.mktemp("ip_asn"))
    e.staff("P1", jabatan="Struktural", eselon="IV.a").staff("P2", jabatan="Struktural", eselon="III.a")
    e.staff("P3", jabatan="Struktural", eselon="II.b").staff("P4", jabatan="Fungsional").staff("P5")
    e.staff("P6", region="Semarang", unit="BKPP")
    e.activity("P1", "2023-05-01", 90, "Pelatihan Kepemimpinan", name="Pelatihan Kepemimpinan Pengawas")
    e.activity("P1", "2025-02-01", 12, "Pelatihan Teknis").activity("P1", "2025-09-01", 8, "Bimtek")
    e.activity("P2", "2024-04-01", 90, "Pelatihan Kepemimpinan", name="Pelatihan Kepemimpinan Pengawas")
    e.activity("P2", "2025-03-01", 4, "Seminar")
    e.activity("P3", "2025-01-15", 200, "Pelatihan Kepemimpinan",
               name="Pelatihan Kepemimpinan Nasional Tingkat II", status="Tidak Lulus")  # fmt: skip
    e.activity("P4", "2022-01-10", 40, "Pelatihan Fungsional").activity(
        "P4", "2024-12-31", 24, "Pelatihan Teknis"
    )
    e.activity("P4", "2025-12-31", 8, "Workshop")
    e.activity("P5", "2026-01-05", 30, "Pelatihan Teknis")
    e.activity("P6", "2025-06-01", 20, "Pelatihan Teknis").activity("P6", "2025-07-01", 2, "Kuliah Umum")
    return e.load()


YEAR = Filters(year=2025)


def kpis(con, rules, filters=YEAR, by="none"):
    return ip_asn.ip_asn_kpis(con, filters, by, rules)


def test_points_per_person(world, rules):
    combos = ip_asn.item_combinations(world, YEAR, rules=rules)
    points = sorted(p for p, n in zip(combos["points"], combos["staff"], strict=True) for _ in range(n))
    assert points == pytest.approx([0.0, 0.0, 4.8, 28.8, 35.2, 40.0])


def test_the_dimension_and_its_items(world, rules):
    row = kpis(world, rules).row(0, named=True)
    assert row["ip_staff"] == 6
    assert row["ip_asn_kompetensi_mean"] == pytest.approx(108.8 / 6)
    assert row["ip_asn_kompetensi_share"] == pytest.approx(108.8 / 240)
    assert row["ip_asn_lead_rate"] == pytest.approx(1 / 3)  # P1 of P1, P2, P3
    assert row["ip_asn_func_rate"] == pytest.approx(1.0)  # P4 of P4
    assert row["ip_asn_tech_rate"] == pytest.approx(2 / 6)  # P1, P6
    assert row["ip_asn_seminar_rate"] == pytest.approx(3 / 6)  # P2, P4, P6


def test_by_region(world, rules):
    rows = {r["group"]: r for r in kpis(world, rules, by="region").iter_rows(named=True)}
    assert rows["Serang"]["ip_asn_kompetensi_mean"] == pytest.approx((35.2 + 4.8 + 28.8) / 5)
    assert rows["Semarang"]["ip_asn_kompetensi_mean"] == pytest.approx(40.0)
    assert rows["Semarang"]["ip_asn_lead_rate"] is None  # no structural post there: null, not 0


def test_without_scaling_items_that_do_not_apply_score_nothing(world, tmp_path):
    flat = _rules(tmp_path, False)
    row = kpis(world, flat).row(0, named=True)
    # P1 15 + 7, P2 3, P3 0, P4 15 + 3, P5 0, P6 7 + 3 = 53
    assert row["ip_asn_kompetensi_mean"] == pytest.approx(53 / 6)


def test_the_windows_follow_the_period(world, rules):
    """To June 2025 (12 months: ending after 2024-06-30): P1 has only 12 technical JP (15 of 25 ->
    24); P4's 24 JP of 2024-12-31 now count and the December workshop does not ((15 + 7) of 25 ->
    35.2); P2 4.8; P6 teknis only (7 of 10 -> 28). Sum 24 + 4.8 + 0 + 35.2 + 0 + 28 = 92."""
    row = kpis(world, rules, Filters(year=2025, month=6)).row(0, named=True)
    assert row["ip_asn_kompetensi_mean"] == pytest.approx(92 / 6)


def test_score_distribution(world, rules):
    dist = ip_asn.score_distribution(world, YEAR, rules)
    assert dist.rows() == [(0.0, 2), (4.8, 1), (28.8, 1), (35.2, 1), (40.0, 1)]


def test_nobody_in_scope_gives_one_row_of_nulls(world, rules):
    row = kpis(world, rules, Filters(year=2025, regions=("Siulak",))).row(0, named=True)
    assert row["ip_staff"] == 0 and row["ip_asn_kompetensi_mean"] is None


def test_the_shipped_parameters_add_up_to_the_dimension():
    shipped = ip_asn.scoring(ip_asn.DEFAULT_CONFIG)
    assert sum(item.points for item in shipped.items) == shipped.dimension_points == 40
    assert [item.id for item in shipped.items] == list(ip_asn.ITEMS)
    assert shipped.item("kepemimpinan").applies_to == ("JPT Pratama", "Administrator", "Pengawas")


def test_every_ip_asn_metric_is_in_the_page_registry(world, rules):
    row = kpis(world, rules).row(0, named=True)
    for spec in IP_ASN_METRICS:
        assert PAGE_METRIC_BY_ID[spec.id] is spec
        assert spec.id in row, spec.id
    # the 95 % Wilson interval of the leadership rate (1 of 3) surrounds it
    assert row["ip_asn_lead_rate_low"] < 1 / 3 < row["ip_asn_lead_rate_high"]
