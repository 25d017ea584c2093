"""Karier & Talenta (src/metrics/talent.py) against a tiny warehouse worked out by hand.

The warehouse goes through the real importer: staff, development records, kinerja and karier rows as
export files of shared/data-contract.md.
"""

from __future__ import annotations

import pytest

from src.metrics import talent
from src.metrics.filters import Filters
from src.metrics.registry import PAGE_METRIC_BY_ID, TALENT_METRICS
from src.warehouse.contract import KNOWN_BENTUK
from tests.metrics_views.builder import Exports, cell


class TalentExports(Exports):
    """The metrics-view builder plus activities of any BENTUK."""

    def activity(
        self, code: str, end: str, jp: float, bentuk: str, *, name: str | None = None, status: str = "Selesai"
    ) -> TalentExports:
        jenis = "Manajerial" if bentuk in ("Pelatihan Kepemimpinan", "Mentoring", "Coaching") else "Teknis"
        self.rows["pengembangan"].append([cell(v) for v in (
            self.nip(code), name or f"{bentuk} {len(self.rows['pengembangan']) + 1}", KNOWN_BENTUK[bentuk],
            bentuk, jenis, None, "BKPSDM", end, end, jp, None, None, status, None, None, None,
        )])  # fmt: skip
        return self


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Ten staff; A-H in Serang (BKPSDM), I and J in Semarang (BKPP). E is an eselon IV.a official
    (Pengawas), everyone else Pelaksana.

    9-box for 2025 (latest kinerja with TAHUN <= 2025; Sangat Baik = di atas, Baik = sesuai, rest =
    di bawah):
      A 2025 Sangat Baik/Tinggi -> 9     B 2025 Sangat Baik/Menengah -> 7   C 2025 Baik/Tinggi -> 8
      D 2025 Baik/Menengah -> 5          E 2025 Kurang/Rendah -> 1          F 2025 Butuh Perbaikan/Tinggi -> 6
      G 2025 Sangat Baik, no potensial -> not mapped                      H no kinerja -> not mapped
      I only 2026 Sangat Baik/Tinggi -> not mapped in 2025               J 2024 Baik/Rendah -> 2
    Mapped 7 (A-F, J); succession pool (7-9) A, B, C = 3.
    Development in the 12 months up to 2025-12-31 (ending 2025-01-01 .. 2025-12-31, Selesai):
      A 24 JP (trained, >= 20); B 8 JP (trained, < 20; its 12 JP ending 2024-12-31 falls outside);
      C 30 JP Tidak Lulus (not trained). Pool trained 2 of 3, >= 20 JP 1 of 3.
    Career events: A Rotasi 2024-02-01, A Promosi 2025-04-01, B Rotasi 2025-07-01, D Rotasi 2025-11-15,
      E Tugas Belajar 2025-09-01, F Mutasi Keluar 2025-10-01.
    Mentoring/coaching: D Mentoring 2025-02-10 and Coaching 2025-05-10, E Coaching 2025-03-10,
      F Mentoring 2025-04-10 Berjalan (not counted); B Mentoring 2024-06-01, E Coaching 2024-08-01.
    Ratings 2024 -> 2025: A Baik -> Sangat Baik (up), B Baik -> Sangat Baik (up), C Sangat Baik -> Baik
      (down), D Sangat Baik -> Baik (down), E Kurang -> Kurang (same).
      Cohort 2024 mentees (mentoring/coaching ending in 2024): B (up), E (same) -> 1 of 2 up.
      Others: A (up), C (down), D (down) -> 1 of 3 up."""
    e = TalentExports(tmp_path_factory.mktemp("talent"))
    for code in "ABCDFGH":
        e.staff(code)
    e.staff("E", jabatan="Struktural", eselon="IV.a")
    e.staff("I", region="Semarang", unit="BKPP").staff("J", region="Semarang", unit="BKPP")
    e.rating("A", 2024, "Baik", "Tinggi").rating("A", 2025, "Sangat Baik", "Tinggi")
    e.rating("B", 2024, "Baik", "Menengah").rating("B", 2025, "Sangat Baik", "Menengah")
    e.rating("C", 2024, "Sangat Baik", "Tinggi").rating("C", 2025, "Baik", "Tinggi")
    e.rating("D", 2024, "Sangat Baik", "Menengah").rating("D", 2025, "Baik", "Menengah")
    e.rating("E", 2024, "Kurang", "Rendah").rating("E", 2025, "Kurang", "Rendah")
    e.rating("F", 2025, "Butuh Perbaikan", "Tinggi").rating("G", 2025, "Sangat Baik")
    e.rating("I", 2026, "Sangat Baik", "Tinggi").rating("J", 2024, "Baik", "Rendah")
    e.activity("A", "2025-03-10", 24, "Pelatihan Teknis")
    e.activity("B", "2025-05-01", 8, "Workshop").activity("B", "2024-12-31", 12, "Pelatihan Teknis")
    e.activity("C", "2025-06-01", 30, "Pelatihan Teknis", status="Tidak Lulus")
    e.activity("D", "2025-02-10", 8, "Mentoring").activity("D", "2025-05-10", 4, "Coaching")
    e.activity("E", "2025-03-10", 4, "Coaching").activity(
        "F", "2025-04-10", 8, "Mentoring", status="Berjalan"
    )
    e.activity("B", "2024-06-01", 8, "Mentoring").activity("E", "2024-08-01", 4, "Coaching")
    e.event("A", "2024-02-01", "Rotasi").event("A", "2025-04-01", "Promosi").event(
        "B", "2025-07-01", "Rotasi"
    )
    e.event("D", "2025-11-15", "Rotasi").event("E", "2025-09-01", "Tugas Belajar")
    e.event("F", "2025-10-01", "Mutasi Keluar")
    return e.load()


YEAR = Filters(year=2025)


def test_months_before_gives_the_last_day_of_an_earlier_month():
    import datetime as dt

    assert talent.months_before(dt.date(2025, 12, 31), 12) == dt.date(2024, 12, 31)
    assert talent.months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert talent.months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert talent.months_before(dt.date(2025, 1, 31), 13) == dt.date(2023, 12, 31)


def test_the_nine_box_follows_the_numbering_of_the_domain(world):
    counts = talent.ninebox_counts(talent.ninebox(world, YEAR))
    by_box = dict(zip(counts["box"], counts["staff"], strict=True))
    assert by_box == {1: 1, 2: 1, 3: 0, 4: 0, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1}
    # share of the 7 mapped staff; box 9 sits at kinerja 3 (di atas) x potensial 3 (tinggi)
    nine = counts.filter(counts["box"] == 9).row(0, named=True)
    assert nine["share"] == pytest.approx(1 / 7)
    assert (nine["kinerja"], nine["potensial"]) == (3, 3)
    three = counts.filter(counts["box"] == 3).row(0, named=True)
    assert (three["kinerja"], three["potensial"]) == (1, 2)  # di bawah x menengah


def test_the_nine_box_uses_the_latest_rating_up_to_the_year(world):
    years = talent.rating_years(talent.ninebox(world, YEAR))
    assert years.rows() == [(2025, 6), (2024, 1)]  # A-F from 2025, J from 2024
    # In 2024 the 2025 ratings do not exist yet: A-E and J from 2024 (F, G, H, I have none).
    counts = talent.ninebox_counts(talent.ninebox(world, Filters(year=2024)))
    by_box = {b: s for b, s in zip(counts["box"], counts["staff"], strict=True) if s}
    # A Baik/Tinggi 8, B Baik/Menengah 5, C Sangat Baik/Tinggi 9, D Sangat Baik/Menengah 7,
    # E Kurang/Rendah 1, J Baik/Rendah 2
    assert by_box == {8: 1, 5: 1, 9: 1, 7: 1, 1: 1, 2: 1}


def test_headline_components_and_rates(world):
    row = talent.talent_kpis(world, YEAR).row(0, named=True)
    assert row["asn_count"] == 10
    assert row["talent_mapped"] == 7 and row["talent_mapped_rate"] == pytest.approx(7 / 10)
    assert row["succession_pool"] == 3 and row["succession_pool_count"] == 3
    assert row["succession_pool_share"] == pytest.approx(3 / 7)
    assert row["pool_trained_rate"] == pytest.approx(2 / 3)  # A and B
    assert row["pool_jp20_rate"] == pytest.approx(1 / 3)  # A only
    assert (row["rotation_count"], row["promotion_count"], row["study_leave_count"]) == (2, 1, 1)
    assert row["mentee_count"] == 2 and row["mentee_rate"] == pytest.approx(2 / 10)  # D and E
    assert row["rating_cohort"] == 2024
    assert row["mentee_improved_rate"] == pytest.approx(1 / 2)  # B up, E same
    assert row["others_improved_rate"] == pytest.approx(1 / 3)  # A up, C and D down
    low, high = row["pool_trained_rate_low"], row["pool_trained_rate_high"]
    assert low < 2 / 3 < high  # the 95 % Wilson interval around 2 of 3


def test_by_region_a_region_without_a_pool_has_null_pool_rates(world):
    rows = {r["group"]: r for r in talent.talent_kpis(world, YEAR, by="region").iter_rows(named=True)}
    assert rows["Serang"]["asn_count"] == 8 and rows["Serang"]["succession_pool"] == 3
    assert rows["Semarang"]["asn_count"] == 2 and rows["Semarang"]["talent_mapped"] == 1  # J
    assert rows["Semarang"]["succession_pool"] == 0
    assert rows["Semarang"]["pool_trained_rate"] is None  # zero denominator: null, never 0
    assert rows["Semarang"]["succession_pool_share"] == 0.0  # 0 of 1 mapped


def test_by_unit_keeps_the_region(world):
    rows = talent.talent_kpis(world, YEAR, by="unit").select("group", "group_region", "asn_count").rows()
    assert rows == [("BKPP", "Semarang", 2.0), ("BKPSDM", "Serang", 8.0)]


def test_career_events_count_the_same_months_of_every_year(world):
    june = talent.careers(world, Filters(year=2025, month=6))
    assert june.select("year", "jenis", "events").rows() == [(2024, "Rotasi", 1), (2025, "Promosi", 1)]
    whole = talent.careers(world, YEAR).filter(talent.careers(world, YEAR)["year"] == 2025)
    assert whole.select("jenis", "events").rows() == [
        ("Mutasi Keluar", 1), ("Promosi", 1), ("Rotasi", 2), ("Tugas Belajar", 1),
    ]  # fmt: skip


def test_mentees_by_position_level(world):
    rows = talent.mentoring(world, YEAR).select(
        "position_level", "asn_count", "mentees", "mentoring", "coaching"
    )
    # Pelaksana: D (mentoring and coaching); Pengawas: E (coaching). F's mentoring is still running.
    assert rows.rows() == [("Pelaksana", 9, 1, 1, 1), ("Pengawas", 1, 1, 0, 1)]


def test_mentee_rating_moves_per_cohort(world):
    rows = talent.mentee_ratings(world, YEAR).select(
        "cohort", "mentee", "staff", "improved", "same", "declined"
    )
    assert rows.rows() == [(2024, False, 3, 1, 0, 2), (2024, True, 2, 1, 1, 0)]
    # 2024 is the last year with ratings after it only when the period's year is 2025 or later
    assert talent.mentee_ratings(world, Filters(year=2024)).is_empty()


def test_filters_narrow_the_scope(world):
    row = talent.talent_kpis(world, Filters(year=2025, jenis_jabatan=("Struktural",))).row(0, named=True)
    assert row["asn_count"] == 1 and row["talent_mapped"] == 1 and row["succession_pool"] == 0  # E, box 1
    assert row["mentee_count"] == 1
    empty = talent.talent_kpis(world, Filters(year=2025, regions=("Siulak",)))
    assert empty.height == 1 and empty["asn_count"][0] == 0 and empty["talent_mapped_rate"][0] is None


def test_every_talent_metric_is_in_the_page_registry(world):
    row = talent.talent_kpis(world, YEAR).row(0, named=True)
    for spec in TALENT_METRICS:
        assert PAGE_METRIC_BY_ID[spec.id] is spec
        assert spec.id in row, spec.id
