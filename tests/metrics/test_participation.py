"""Participation metrics (metrics.md, "Participation") and the period's edges, against hand counts."""

from __future__ import annotations

import pytest

from src.metrics.filters import Filters
from tests.metrics.world import Y, one, per_group


@pytest.fixture(scope="module")
def con(make_world):
    """Five staff in two regions; every record of 2025 unless its date says otherwise.

    A  Serang/BKPSDM   12 JP klasikal (10 Mar), 8 JP non-klasikal E-Learning (30 Jun)      -> 20
    B  Serang/BKPSDM   24 JP klasikal, STATUS "Lulus" (15 Feb); 10 JP Tidak Lulus (1 Apr)   -> 24
    C  Serang/Dinkes    6 JP non-klasikal Coaching (20 Jan); 40 JP Berjalan (ends 20 Dec)   ->  6
    D  Semarang/BKPP   31.5 JP non-klasikal Mentoring (5 Sep)                              -> 31.5
    E  Semarang/BKPP   25 JP Selesai ending 31 Dec 2024; 5 JP Mengundurkan Diri (1 Aug)     ->  0
    """
    w = make_world()
    w.staff("A", unit="BKPSDM").staff("B", unit="BKPSDM").staff("C", unit="Dinkes")
    w.staff("D", region="Semarang", unit="BKPP").staff("E", region="Semarang", unit="BKPP")
    w.course("A", "2025-03-10", 12, start="2025-03-03")
    w.course("A", "2025-06-30", 8, jalur="Pelatihan Non-Klasikal", bentuk="E-Learning")
    w.course("B", "2025-02-15", 24, status="Lulus")
    w.course("B", "2025-04-01", 10, status="Tidak Lulus")
    w.course("C", "2025-01-20", 6, jalur="Pelatihan Non-Klasikal", bentuk="Coaching")
    w.course("C", "2025-12-20", 40, status="Berjalan", jalur="Pendidikan", start="2025-09-01")
    w.course("D", "2025-09-05", 31.5, jalur="Pelatihan Non-Klasikal", bentuk="Mentoring")
    w.course("E", "2024-12-31", 25, start="2024-12-01")
    w.course("E", "2025-08-01", 5, status="Mengundurkan Diri")
    return w.load()


YEAR = Filters(year=Y)


def test_asn_count(con):
    # A, B, C, D, E: every staff member in scope, with or without activities
    assert one(con, YEAR, "asn_count") == 5


def test_participation_rate(con):
    # A, B, C, D have a counted activity; E only withdrew (and his Selesai course ended in 2024): 4 / 5
    assert one(con, YEAR, "participation_rate") == pytest.approx(4 / 5)


def test_jp_total(con):
    # 12 + 8 (A) + 24 (B, Lulus) + 6 (C) + 31.5 (D) = 81.5; not counted: B's Tidak Lulus 10, C's
    # Berjalan 40, E's Mengundurkan Diri 5 and E's 25 ending in 2024
    assert one(con, YEAR, "jp_total") == pytest.approx(81.5)


def test_jp_per_asn(con):
    # 81.5 JP / 5 staff = 16.3
    assert one(con, YEAR, "jp_per_asn") == pytest.approx(16.3)


def test_jp20_rate(con):
    # 3 of 5 staff have >= 20 JP: 20 (A, exactly), 24 (B), 31.5 (D); C has 6, E 0
    assert one(con, YEAR, "jp20_rate") == pytest.approx(3 / 5)


def test_completion_rate(con):
    # Ended in 2025 with Selesai/Lulus: A x2, B x1 (Lulus), C x1, D x1 = 5
    # Denominator adds B's Tidak Lulus and E's Mengundurkan Diri = 7; C's Berjalan is left out;
    # E's course ending 31 Dec 2024 is not in the period: 5 / 7
    assert one(con, YEAR, "completion_rate") == pytest.approx(5 / 7)


def test_nonclassical_share(con):
    # Non-klasikal JP: 8 (A) + 6 (C) + 31.5 (D) = 45.5 of 81.5
    assert one(con, YEAR, "nonclassical_share") == pytest.approx(45.5 / 81.5)


def test_lulus_counts_as_selesai(con):
    # B alone is in BKPSDM with A; Serang's JP = 12 + 8 + 24 + 6 = 50 only if B's "Lulus" counts
    serang = Filters(year=Y, regions=("Serang",))
    assert one(con, serang, "jp_total") == pytest.approx(50)
    assert one(con, serang, "participation_rate") == pytest.approx(3 / 3)


def test_year_to_date_with_month(con):
    # M = 6 (to 30 Jun): A 12 + 8 (30 Jun is inside) = 20, B 24, C 6, D 0 (Sep), E 0 -> 50 JP
    june = Filters(year=Y, month=6)
    assert one(con, june, "jp_total") == pytest.approx(50)
    # A (20) and B (24) have >= 20 JP: 2 / 5
    assert one(con, june, "jp20_rate") == pytest.approx(2 / 5)
    # Ended by 30 Jun: A x2, B Lulus, B Tidak Lulus (1 Apr), C x1 -> 4 of 5
    assert one(con, june, "completion_rate") == pytest.approx(4 / 5)


# ---- jp20_on_track_rate: staff with counted JP >= 20 x M / 12 -----------------------------------


@pytest.fixture(scope="module")
def on_track(make_world):
    """P reaches exactly 10 JP on 30 June; Q has 9.5 by June and 19.5 by July; S 10 JP on 1 July;
    T 20 JP on 31 December; R nothing."""
    w = make_world()
    for code in "PQRST":
        w.staff(code)
    w.course("P", "2025-02-10", 4).course("P", "2025-06-30", 6)
    w.course("Q", "2025-05-31", 9.5).course("Q", "2025-07-15", 10)
    w.course("S", "2025-07-01", 10)
    w.course("T", "2025-12-31", 20)
    return w.load()


def test_jp20_on_track_exactly_at_threshold(on_track):
    # M = 6: threshold 20 x 6 / 12 = 10 JP. P has 4 + 6 = 10 (on the threshold: counts);
    # Q 9.5, S 0 (1 Jul is after June), T 0, R 0 -> 1 / 5
    assert one(on_track, Filters(year=Y, month=6), "jp20_on_track_rate") == pytest.approx(1 / 5)
    # nobody has 20 JP yet
    assert one(on_track, Filters(year=Y, month=6), "jp20_rate") == 0


def test_jp20_on_track_later_month(on_track):
    # M = 7: threshold 20 x 7 / 12 = 11.67 JP. P 10 (no), Q 9.5 + 10 = 19.5 (yes), S 10 (no), T 0 -> 1 / 5
    assert one(on_track, Filters(year=Y, month=7), "jp20_on_track_rate") == pytest.approx(1 / 5)


def test_jp20_on_track_early_month_is_zero_not_null(on_track):
    # M = 3: threshold 5 JP. P 4 (no), others 0 -> 0 / 5 = 0 (a real zero: the denominator is 5)
    assert one(on_track, Filters(year=Y, month=3), "jp20_on_track_rate") == 0


def test_jp20_on_track_whole_year_is_jp20(on_track):
    # No month means M = 12: threshold 20. Only T (20, ending 31 Dec) -> 1 / 5; Q's 19.5 is short
    assert one(on_track, Filters(year=Y), "jp20_on_track_rate") == pytest.approx(1 / 5)
    assert one(on_track, Filters(year=Y, month=12), "jp20_on_track_rate") == pytest.approx(1 / 5)
    assert one(on_track, Filters(year=Y), "jp20_rate") == pytest.approx(1 / 5)


# ---- period edges: each staff member has a unit of their own, so a unit filter isolates them -----


@pytest.fixture(scope="module")
def edges(make_world):
    w = make_world()
    w.staff("E1", unit="U1").staff("E2", unit="U2").staff("E3", unit="U3").staff("E4", unit="U4")
    # E1: 7 JP ending 31 Dec 2024, 3 JP ending 1 Jan 2025
    w.course("E1", "2024-12-31", 7, start="2024-12-20").course("E1", "2025-01-01", 3)
    # E2: a course crossing the year boundary: 16 Dec 2024 - 10 Jan 2025, 16 JP
    w.course("E2", "2025-01-10", 16, start="2024-12-16")
    # E3: 5 JP ending 30 Jun (last day of June), 9 JP ending 1 Jul
    w.course("E3", "2025-06-30", 5).course("E3", "2025-07-01", 9)
    # E4: only records that are not Selesai: Berjalan 11, Tidak Lulus 13, Mengundurkan Diri 17
    w.course("E4", "2025-03-01", 11, status="Berjalan")
    w.course("E4", "2025-03-02", 13, status="Tidak Lulus")
    w.course("E4", "2025-03-03", 17, status="Mengundurkan Diri")
    return w.load()


def test_activity_ending_31_december_of_previous_year_not_counted(edges):
    # E1 in 2025: only the 3 JP ending 1 Jan 2025; the 7 JP ending 31 Dec 2024 belong to 2024
    assert one(edges, Filters(year=Y, units=("U1",)), "jp_total") == pytest.approx(3)
    assert one(edges, Filters(year=Y - 1, units=("U1",)), "jp_total") == pytest.approx(7)


def test_activity_ending_1_january_counted(edges):
    # E1, January 2025 only: the 3 JP ending 1 Jan; E1 participates (1 / 1)
    january = Filters(year=Y, month=1, units=("U1",))
    assert one(edges, january, "jp_total") == pytest.approx(3)
    assert one(edges, january, "participation_rate") == 1


def test_course_crossing_year_boundary_counts_in_year_it_ends(edges):
    # E2's course started 16 Dec 2024 and ended 10 Jan 2025: 16 JP in January 2025, nothing in 2024
    assert one(edges, Filters(year=Y, month=1, units=("U2",)), "jp_total") == pytest.approx(16)
    assert one(edges, Filters(year=Y - 1, units=("U2",)), "jp_total") == 0
    assert one(edges, Filters(year=Y - 1, units=("U2",)), "participation_rate") == 0


def test_activity_ending_on_last_day_of_month_counted(edges):
    # E3, M = 6: 5 JP ending 30 June are inside; 9 JP ending 1 July are not
    assert one(edges, Filters(year=Y, month=6, units=("U3",)), "jp_total") == pytest.approx(5)


def test_activity_ending_first_day_of_next_month_not_counted(edges):
    # E3: M = 5 (to 31 May) has nothing; M = 7 has 5 + 9 = 14
    assert one(edges, Filters(year=Y, month=5, units=("U3",)), "jp_total") == 0
    assert one(edges, Filters(year=Y, month=7, units=("U3",)), "jp_total") == pytest.approx(14)


def test_non_selesai_records_do_not_count_for_jp(edges):
    e4 = Filters(year=Y, units=("U4",))
    # Berjalan 11, Tidak Lulus 13, Mengundurkan Diri 17: none is counted -> 0 JP, no participation
    assert one(edges, e4, "jp_total") == 0
    assert one(edges, e4, "participation_rate") == 0
    assert one(edges, e4, "jp20_rate") == 0
    # 0 completed of 2 ended (Tidak Lulus, Mengundurkan Diri; Berjalan left out) = 0, not null
    assert one(edges, e4, "completion_rate") == 0


def test_period_edges_hold_when_grouped_by_an_activity_dimension(edges):
    # grouped by method (every course here is a Pelatihan Teknis), the same edges apply:
    # M = 6: E1 3 (1 Jan) + E2 16 (ends 10 Jan) + E3 5 (30 Jun) = 24; E4's records are not Selesai
    assert per_group(edges, Filters(year=Y, month=6), "method", "jp_total") == {"Pelatihan Teknis": 24}
    # M = 7: + E3 9 (1 Jul) = 33; 2024: E1's 7 (31 Dec) only
    assert per_group(edges, Filters(year=Y, month=7), "method", "jp_total") == {"Pelatihan Teknis": 33}
    assert per_group(edges, Filters(year=Y - 1), "method", "jp_total") == {"Pelatihan Teknis": 7}


# ---- learning outcomes --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outcomes(make_world):
    w = make_world()
    w.staff("A").staff("B").staff("C").staff("D", region="Semarang", unit="BKPP")
    # A: kepuasan 4, pre 60 / post 80 (gain 20); kepuasan 5, pre 70 only; no kepuasan, pre 50 / post 65
    w.course("A", "2025-02-01", 8, kepuasan=4, pre=60, post=80)
    w.course("A", "2025-03-01", 8, kepuasan=5, pre=70)
    w.course("A", "2025-04-01", 8, pre=50, post=65)
    # B: Tidak Lulus (kepuasan 1, gain 5) and a course of 2024 (kepuasan 2, gain 80): neither counted
    w.course("B", "2025-05-01", 8, status="Tidak Lulus", kepuasan=1, pre=40, post=45)
    w.course("B", "2024-11-30", 8, kepuasan=2, pre=10, post=90)
    # C: kepuasan 3, post-test only
    w.course("C", "2025-06-01", 8, kepuasan=3, post=90)
    # D: a counted course with no scores at all
    w.course("D", "2025-06-01", 8)
    return w.load()


def test_satisfaction_mean(outcomes):
    # counted activities with NILAI_KEPUASAN: 4 (A), 5 (A), 3 (C) -> 12 / 3 = 4.0
    assert one(outcomes, Filters(year=Y), "satisfaction_mean") == pytest.approx(4.0)


def test_learning_gain_mean_only_with_both_tests(outcomes):
    # counted activities with both tests: A 80 - 60 = 20, A 65 - 50 = 15 -> 35 / 2 = 17.5
    # (A's pre-only and C's post-only are left out, B's are not counted)
    assert one(outcomes, Filters(year=Y), "learning_gain_mean") == pytest.approx(17.5)


def test_outcome_means_null_without_scores(outcomes):
    # Semarang: D's only course has neither a satisfaction score nor tests -> null, not 0
    semarang = Filters(year=Y, regions=("Semarang",))
    assert one(outcomes, semarang, "satisfaction_mean") is None
    assert one(outcomes, semarang, "learning_gain_mean") is None
