"""src/metrics/quality.py (coverage, checks per dataset and region, flagged development records)
against a tiny warehouse whose answers are worked out by hand below."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from src.metrics import compute
from src.metrics.filters import Filters
from src.metrics.quality import (
    COST_FACTOR,
    MAX_JP_PER_DAY,
    flagged_development,
    quality_checks,
    quality_coverage,
)
from src.warehouse.db import connect
from src.warehouse.importer import import_files
from tests.metrics_views.builder import NK

YEAR = Filters(year=2025)
PERSONAL = {"nip", "nama"}


def _kinerja(folder, rows):
    path = folder / "kinerja.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["NIP_BARU", "TAHUN", "PREDIKAT_KINERJA"])
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def world(make_exports):
    """Staff: Serang/BKPSDM S1, S2, S3, S4 (S4 female) and X1; Semarang/BKPP M1, M2.
    Import 1 holds everything below; import 2 is a Serang staff list without X1, so X1's records
    stay behind as records of unknown staff.

    Development (Pelatihan Teknis unless e-learning; dates inclusive; JP; BIAYA):
      c1 S1 2025-03-10            16 JP  Rp1.000.000   16 ÷ 1 = 16: not above 16
      c2 S2 2025-03-11            16.5   Rp1.000.000   16,5 ÷ 1 > 16: flagged (JP)
      c3 S3 2025-04-01..04-03     48     unknown       48 ÷ 3 = 16: not above 16 (÷ 2 would be 24)
      c4 S4 2025-04-07..04-09     49     unknown       49 ÷ 3 = 16,33 > 16: flagged (JP)
      c5 S1 2025-06-02            8      Rp0           free
      c8 S1 2024-05-06            8      Rp500.000     of 2024: only in the cost baseline
      x1 X1 2025-08-04            24     unknown       24 ÷ 1 > 16: flagged (JP); X1 leaves
      c6 M1 2025-06-03 (Semarang) 8      Rp3.000.000   exactly 3 × 1.000.000: not above
      c7 M2 2025-06-04 (Semarang) 8      Rp3.000.001   above 3 × 1.000.000: flagged (cost)
      e1-e3 S1-S3 e-learning 2025-07-01..07-14, 10 JP, Rp100.000 each
      e4    S4    e-learning 2025-07-01..07-14, 10 JP, Rp400.000 > 3 × 100.000: flagged (cost)
      f1-f5 S1-S4, S1 e-learning 2025-09-01..09-14, 10 JP, Rp0 (free)
    Usual cost (median of BIAYA > 0 over all stored records of the method):
      Pelatihan Teknis: 500.000, 1.000.000, 1.000.000, 3.000.000, 3.000.001 -> 1.000.000
        (without 2024's c8 it would be (1.000.000 + 3.000.000) / 2 = 2.000.000 and c7 would pass)
      E-Learning: 100.000 ×3, 400.000 -> (100.000 + 100.000) / 2 = 100.000
        (with the five free ones it would be 0 and every paid e-learning would be flagged)
    Assessments: S1 2025-02-01, S2 2026-01-15 (after 2025), M1 2024-06-01, X1 2025-03-03.
    Kinerja: S1 2025, S2 2025, S3 2024, M1 2024, M2 2025, X1 2025.
    Budget: Serang 2025 month 1."""
    e = make_exports()
    for code in ("S1", "S2", "S3"):
        e.staff(code)
    e.staff("S4", gender="P").staff("X1")
    e.staff("M1", region="Semarang", unit="BKPP").staff("M2", region="Semarang", unit="BKPP")
    staying = [row for row in e.rows["pegawai"] if row[0] != e.nip("X1")]
    e.course("S1", "2025-03-10", 16, biaya=1_000_000)
    e.course("S2", "2025-03-11", 16.5, biaya=1_000_000)
    e.course("S3", "2025-04-03", 48, start="2025-04-01")
    e.course("S4", "2025-04-09", 49, start="2025-04-07")
    e.course("S1", "2025-06-02", 8, biaya=0)
    e.course("S1", "2024-05-06", 8, biaya=500_000)
    e.course("X1", "2025-08-04", 24)
    e.course("M1", "2025-06-03", 8, biaya=3_000_000)
    e.course("M2", "2025-06-04", 8, biaya=3_000_001)
    for code, cost in (("S1", 100_000), ("S2", 100_000), ("S3", 100_000), ("S4", 400_000)):
        e.course(code, "2025-07-14", 10, biaya=cost, jalur=NK, start="2025-07-01")
    for code in ("S1", "S2", "S3", "S4", "S1"):
        e.course(code, "2025-09-14", 10, biaya=0, jalur=NK, start="2025-09-01")
    e.assess("S1", "2025-02-01", "Integritas", 3, 3)
    e.assess("S2", "2026-01-15", "Integritas", 3, 3)
    e.assess("M1", "2024-06-01", "Integritas", 3, 3)
    e.assess("X1", "2025-03-03", "Integritas", 3, 3)
    e.budget(2025, 1, 100, 5)
    rated = [("S1", 2025), ("S2", 2025), ("S3", 2024), ("M1", 2024), ("M2", 2025), ("X1", 2025)]
    kinerja = _kinerja(e.folder, [(e.nip(code), year, "Baik") for code, year in rated])
    con = connect(":memory:")
    result = import_files(con, [*e.write(), kinerja])
    assert result.ok, "\n".join(result.problems.render("en"))
    e.rows["pegawai"] = staying
    e.import_into(con)
    return con, e


def _by_region(frame):
    return {row["wilayah"]: row for row in frame.iter_rows(named=True)}


def test_the_rules_are_the_issue_s(world):
    assert (MAX_JP_PER_DAY, COST_FACTOR) == (16, 3)


def test_coverage_shares_per_region(world):
    con, _ = world
    got = _by_region(quality_coverage(con, YEAR))
    # Serang: S1..S4 (X1 left). Assessed by 2025-12-31: S1 only (S2's is of 2026) -> 1/4.
    # Rated 2025: S1, S2 -> 2/4; rated 2024: S3 -> 1/4.
    s = got["Serang"]
    assert (s["staff"], s["assessed"], s["rated"], s["rated_previous"]) == (4, 1, 2, 1)
    assert (s["assessed_share"], s["rated_share"], s["rated_previous_share"]) == (0.25, 0.5, 0.25)
    # Semarang: M1, M2. Assessed: M1 (2024 counts: any assessment up to the period end) -> 1/2.
    # Rated 2025: M2 -> 1/2; rated 2024: M1 -> 1/2.
    m = got["Semarang"]
    assert (m["staff"], m["assessed"], m["rated"], m["rated_previous"]) == (2, 1, 1, 1)
    assert (m["assessed_share"], m["rated_share"], m["rated_previous_share"]) == (0.5, 0.5, 0.5)
    assert set(got) == {"Serang", "Semarang"}


def test_assessment_coverage_is_the_assessed_rate(world):
    con, _ = world
    for filters in (YEAR, Filters(year=2025, month=1), Filters(year=2024)):
        coverage = _by_region(quality_coverage(con, filters))
        rates = compute.kpis(con, filters, by="region", metric_ids=["assessed_rate"])
        for row in rates.iter_rows(named=True):
            assert coverage[row["group"]]["assessed_share"] == row["assessed_rate"], (filters, row)


def test_coverage_up_to_the_period_end_and_under_staff_filters(world):
    con, _ = world
    # January 2025: S1's assessment (1 February) is not yet there -> Serang 0/4.
    january = _by_region(quality_coverage(con, Filters(year=2025, month=1)))
    assert (january["Serang"]["assessed"], january["Serang"]["assessed_share"]) == (0, 0.0)
    # Women only: S4 in Serang, not assessed, no rating; Semarang has no woman (no row).
    women = _by_region(quality_coverage(con, Filters(year=2025, gender=("P",))))
    assert list(women) == ["Serang"]
    assert (women["Serang"]["staff"], women["Serang"]["assessed"], women["Serang"]["rated"]) == (1, 0, 0)
    # 2026: nobody rated for 2026; rated 2025: S1, S2 of 4 -> 0.5; S2's assessment now counts -> 2/4.
    later = _by_region(quality_coverage(con, Filters(year=2026)))
    assert (later["Serang"]["rated"], later["Serang"]["rated_share"]) == (0, 0.0)
    assert later["Serang"]["rated_previous_share"] == 0.5
    assert later["Serang"]["assessed_share"] == 0.5


def test_checks_per_dataset_and_region(world):
    con, _ = world
    frame = quality_checks(con, YEAR)
    got = {
        (r["dataset"], r["wilayah"]): (
            r["records"], r["unknown_staff"], r["too_many_jp"], r["cost_outlier"], r["flagged"]
        )
        for r in frame.iter_rows(named=True)
    }  # fmt: skip
    assert got == {
        # Serang 2025: c1-c5, x1, e1-e4, f1-f5 = 15; x1 is X1's (unknown); JP: c2, c4, x1;
        # cost: e4; flagged by either: 4.
        ("pengembangan", "Serang"): (15, 1, 3, 1, 4),
        # Semarang 2025: c6, c7; cost: c7 (3.000.001 > 3 × 1.000.000; c6 is exactly 3 ×).
        ("pengembangan", "Semarang"): (2, 0, 0, 1, 1),
        # 2025 assessments: S1, X1 (unknown) in Serang; Semarang's is of 2024.
        ("kompetensi", "Serang"): (2, 1, None, None, None),
        ("kompetensi", "Semarang"): (0, 0, None, None, None),
        # Kinerja 2025: S1, S2, X1 (unknown) in Serang; M2 in Semarang.
        ("kinerja", "Serang"): (3, 1, None, None, None),
        ("kinerja", "Semarang"): (1, 0, None, None, None),
        ("karier", "Serang"): (0, 0, None, None, None),
        ("karier", "Semarang"): (0, 0, None, None, None),
        # Budget and needs are not about people: no unknown-staff count.
        ("anggaran", "Serang"): (1, None, None, None, None),
        ("anggaran", "Semarang"): (0, None, None, None, None),
        ("kebutuhan", "Serang"): (0, None, None, None, None),
        ("kebutuhan", "Semarang"): (0, None, None, None, None),
    }


def test_checks_follow_the_region_filter_and_the_year(world):
    con, _ = world
    semarang = quality_checks(con, Filters(year=2025, regions=("Semarang",)))
    assert set(semarang["wilayah"]) == {"Semarang"} and semarang.height == 6
    # 2024: only c8 (Serang, 8 JP in a day, Rp500.000 <= 3.000.000) and M1's assessment.
    older = quality_checks(con, Filters(year=2024))
    counts = {(r["dataset"], r["wilayah"]): r["records"] for r in older.iter_rows(named=True)}
    assert counts[("pengembangan", "Serang")] == 1 and counts[("kompetensi", "Semarang")] == 1
    assert older["flagged"].fill_null(0).sum() == 0
    assert counts[("kinerja", "Serang")] == 1 and counts[("kinerja", "Semarang")] == 1  # S3, M1
    assert sum(counts.values()) == 4


def test_flagged_records_without_personal_data(world):
    con, e = world
    frame = flagged_development(con, YEAR)
    assert not PERSONAL & set(frame.columns)
    rows = frame.select(
        "wilayah", "unit_kerja", "tanggal_mulai", "days", "jp", "jp_per_day", "biaya", "usual_cost",
        "too_many_jp", "cost_outlier",
    ).rows()  # fmt: skip
    d = dt.date
    # Earliest first: c2, c4, c7, e4, x1 (X1 is no longer on the staff list: no OPD).
    assert rows == [
        ("Serang", "BKPSDM", d(2025, 3, 11), 1, 16.5, 16.5, 1_000_000.0, 1_000_000.0, True, False),
        ("Serang", "BKPSDM", d(2025, 4, 7), 3, 49.0, pytest.approx(49 / 3), None, 1_000_000.0, True, False),
        ("Semarang", "BKPP", d(2025, 6, 4), 1, 8.0, 8.0, 3_000_001.0, 1_000_000.0, False, True),
        (
            "Serang",
            "BKPSDM",
            d(2025, 7, 1),
            14,
            10.0,
            pytest.approx(10 / 14),
            400_000.0,
            100_000.0,
            False,
            True,
        ),
        ("Serang", None, d(2025, 8, 4), 1, 24.0, 24.0, None, 1_000_000.0, True, False),
    ]
    assert frame["bentuk"].to_list() == ["Pelatihan Teknis"] * 3 + ["E-Learning", "Pelatihan Teknis"]
    text = " ".join(str(v) for row in frame.rows() for v in row)
    for code in ("S1", "S2", "S3", "S4", "X1", "M1", "M2"):
        assert e.nip(code) not in text
        assert f"Pegawai {code}" not in text


def test_flagged_sample_is_capped_and_follows_the_region(world):
    con, _ = world
    first_two = flagged_development(con, YEAR, limit=2)
    assert first_two["tanggal_mulai"].to_list() == [dt.date(2025, 3, 11), dt.date(2025, 4, 7)]
    semarang = flagged_development(con, Filters(year=2025, regions=("Semarang",)))
    assert semarang["biaya"].to_list() == [3_000_001.0]
    assert flagged_development(con, Filters(year=2024)).is_empty()


def test_an_empty_warehouse():
    con = connect(":memory:")
    assert quality_coverage(con, YEAR).is_empty()
    assert quality_checks(con, YEAR).is_empty()
    assert flagged_development(con, YEAR).is_empty()
