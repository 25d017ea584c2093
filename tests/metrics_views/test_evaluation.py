"""Evaluasi Pelatihan metrics (src/metrics/evaluation.py) against tiny warehouses imported through the
real importer, every expected figure worked out by hand in the comments."""

from __future__ import annotations

import math

import pytest

from src.metrics import compute
from src.metrics import evaluation as ev
from src.metrics.filters import Filters
from tests.metrics_views.builder import Exports, cell

Z = 1.959963984540054


class Records(Exports):
    """Exports plus development records with a course name, provider and evaluation scores."""

    def scored(
        self,
        code: str,
        end: str,
        jp: float,
        *,
        name: str = "Kursus X",
        bentuk: str = "Pelatihan Teknis",
        jalur: str = "Pelatihan Klasikal",
        provider: str = "P1",
        topik: str | None = "Keuangan",
        biaya: float | None = None,
        pre: float | None = None,
        post: float | None = None,
        puas: float | None = None,
        status: str = "Selesai",
    ) -> Records:
        self.rows["pengembangan"].append([cell(v) for v in (
            self.nip(code), name, jalur, bentuk, "Teknis", topik, provider, end, end, jp, biaya, None,
            status, pre, post, puas,
        )])  # fmt: skip
        return self


# ---- levels 1 and 2 --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    r = Records(tmp_path_factory.mktemp("eval"))
    for code in "ABC":
        r.staff(code)
    r.staff("D", jabatan="Fungsional")
    r.staff("E", region="Siulak", unit="Kantor Camat", gender="P")
    # Kursus X (Pelatihan Teknis, P1, 10 JP): gains 20, 10, 30; satisfaction 4, 5, (none).
    r.scored("A", "2025-03-10", 10, biaya=1_000_000, pre=50, post=70, puas=4)
    r.scored("B", "2025-04-10", 10, biaya=1_000_000, pre=60, post=70, puas=5)
    r.scored("D", "2025-05-10", 10, pre=50, post=80)  # cost unknown
    # Kursus Y (E-Learning, P2, 5 JP, free): gain 10, satisfaction 3; a failed attempt is not counted.
    r.scored("C", "2025-06-10", 5, name="Kursus Y", bentuk="E-Learning", jalur="Pelatihan Non-Klasikal",
             provider="P2", biaya=0, pre=40, post=50, puas=3)  # fmt: skip
    r.scored("C", "2025-06-20", 5, name="Kursus Y", bentuk="E-Learning", jalur="Pelatihan Non-Klasikal",
             provider="P2", biaya=0, pre=10, post=90, puas=1, status="Tidak Lulus")  # fmt: skip
    # A seminar (no tests), rated 2, and a 2024 course outside the period.
    r.scored("E", "2025-07-10", 4, name="Seminar Z", bentuk="Seminar", provider="P2", puas=2)
    r.scored("A", "2024-07-10", 10, pre=0, post=100, puas=1)
    con = r.load()
    yield con
    con.close()


F2025 = Filters(year=2025)


def test_summary_of_the_scope(scores):
    s = ev.summary(scores, F2025)
    # Counted: A, B, D (Kursus X), C (Kursus Y), E (seminar) = 5; satisfaction 4, 5, 3, 2 -> 14 / 4.
    assert s["records"] == 5 and s["satisfaction_n"] == 4
    assert s["satisfaction_mean"] == pytest.approx(3.5)
    # Gains 20, 10, 30, 10 -> 70 / 4 = 17.5; over JP 10 + 10 + 10 + 5 = 35 -> 2 points per JP.
    assert s["gain_n"] == 4 and s["gain_mean"] == pytest.approx(17.5)
    assert s["gain_per_jp"] == pytest.approx(2.0)
    # Tested with a known cost: A, B (Rp1 juta each), C (Rp0): gains 40 over Rp2 juta -> 20 per Rp1 juta.
    assert s["gain_per_million"] == pytest.approx(20.0)
    assert s["satisfaction_coverage"] == pytest.approx(4 / 5) and s["test_coverage"] == pytest.approx(4 / 5)
    # The same means as the registry's satisfaction_mean and learning_gain_mean.
    row = compute.kpis(scores, F2025, metric_ids=["satisfaction_mean", "learning_gain_mean"]).row(
        0, named=True
    )
    assert row["satisfaction_mean"] == pytest.approx(s["satisfaction_mean"])
    assert row["learning_gain_mean"] == pytest.approx(s["gain_mean"])


def test_per_course_with_intervals(scores):
    frame = ev.evaluation_by(scores, F2025, "course", min_n=2)
    x = frame.filter(frame["group"] == "Kursus X").row(0, named=True)
    # Gains 20, 10, 30: mean 20, sample sd 10, half width 1,96 × 10 ÷ √3.
    assert x["gain_mean"] == pytest.approx(20.0) and x["gain_sd"] == pytest.approx(10.0)
    assert x["gain_low"] == pytest.approx(20 - Z * 10 / math.sqrt(3))
    assert x["gain_high"] == pytest.approx(20 + Z * 10 / math.sqrt(3))
    # Satisfaction 4 and 5: mean 4,5, sd √0,5.
    assert x["satisfaction_low"] == pytest.approx(4.5 - Z * math.sqrt(0.5) / math.sqrt(2))
    # 60 points over 30 JP; the costed tests: 30 points over Rp2 juta -> 15 per Rp1 juta.
    assert x["gain_per_jp"] == pytest.approx(2.0) and x["gain_per_million"] == pytest.approx(15.0)
    assert x["cost_per_participant"] == pytest.approx(1_000_000) and x["method"] == "Pelatihan Teknis"
    y = frame.filter(frame["group"] == "Kursus Y").row(0, named=True)
    # One test result: no interval, not ranked; free: no gain per Rupiah.
    assert y["gain_n"] == 1 and y["gain_low"] is None and not y["ranked"]
    assert y["gain_per_jp"] == pytest.approx(2.0) and y["gain_per_million"] is None


def test_course_ranking_keeps_courses_with_enough_results(scores):
    ranked = ev.course_ranking(scores, F2025, "gain_per_million", min_n=2)
    assert ranked["group"].to_list() == ["Kursus X"]
    assert ev.course_ranking(scores, F2025, "gain_per_jp", min_n=1)["group"].to_list() == [
        "Kursus X",
        "Kursus Y",
    ]
    with pytest.raises(ValueError):
        ev.course_ranking(scores, F2025, "cost")


def test_providers_against_the_scope_mean(scores):
    rows = ev.compare_groups(scores, F2025, "provider", "satisfaction", min_n=2)
    # Scope mean 3,5. P1: 4, 5 -> 4,5 ± 1,96 × 0,707 ÷ √2 = [3,52; 5,48], wholly above 3,5.
    # P2: 3 (Kursus Y), 2 (the seminar) -> 2,5 ± 0,98 = [1,52; 3,48], wholly below.
    assert rows["group"].to_list() == ["P1", "P2"]
    assert rows["position"].to_list() == ["above", "below"]
    assert rows["overall"].to_list() == pytest.approx([3.5, 3.5])
    # With 3 scores required nobody is compared.
    assert ev.compare_groups(scores, F2025, "provider", "satisfaction", min_n=3).is_empty()


def test_staff_filters_apply(scores):
    s = ev.summary(scores, F2025.model_copy(update={"gender": ("P",)}))
    # Only E (the seminar, satisfaction 2, no tests).
    assert s["records"] == 1 and s["satisfaction_mean"] == pytest.approx(2.0)
    assert s["gain_mean"] is None and s["test_coverage"] == 0.0
    nobody = ev.summary(scores, F2025.model_copy(update={"regions": ("Nowhere",)}))
    assert nobody["records"] == 0 and nobody["satisfaction_mean"] is None


# ---- levels 3 and 4: the rating change against comparable staff ---------------------------------


@pytest.fixture(scope="module")
def ratings(tmp_path_factory):
    r = Records(tmp_path_factory.mktemp("ratings"))
    for code in "ABFG":
        r.staff(code)  # Serang, Pelaksana
    for code in "DHI":
        r.staff(code, jabatan="Fungsional")
    r.staff("E", region="Siulak", unit="Kantor Camat")
    r.staff("J")
    # Trained in 2024: A, B, D, E, J (J has no 2025 rating). G only failed a course: untrained.
    for code in "ABDEJ":
        r.course(code, "2024-05-10", 8)
    r.course("G", "2024-05-10", 8, status="Tidak Lulus")
    r.course("F", "2025-05-10", 8)  # a 2025 course does not make F trained in 2024
    for code, before, after in (
        ("A", "Baik", "Sangat Baik"), ("B", "Baik", "Baik"),  # Serang Pelaksana, from Baik: +1, 0
        ("F", "Baik", "Baik"), ("G", "Baik", "Butuh Perbaikan"),  # untrained: 0, -1
        ("D", "Butuh Perbaikan", "Baik"),  # Serang Fungsional, from Butuh Perbaikan: +1
        ("H", "Butuh Perbaikan", "Butuh Perbaikan"), ("I", "Butuh Perbaikan", "Baik"),  # untrained: 0, +1
        ("E", "Baik", "Baik"),  # Siulak: nobody to compare with
    ):  # fmt: skip
        r.rating(code, 2024, before).rating(code, 2025, after)
    r.rating("J", 2024, "Baik")
    r.rating("A", 2023, "Kurang")
    con = r.load()
    yield con
    con.close()


def test_the_cohort_is_the_latest_year_with_a_next_year_rating(ratings):
    assert ev.rating_cohort(ratings, Filters(year=2026)) == 2024
    assert ev.rating_cohort(ratings, Filters(year=2025)) == 2024
    assert ev.rating_cohort(ratings, Filters(year=2023)) == 2023  # 2023 and 2024 both rated (A)
    assert ev.rating_cohort(ratings, Filters(year=2022)) is None


def test_rating_change_against_matched_comparisons(ratings):
    e = ev.rating_effect(ratings, Filters(year=2025))
    assert e["cohort"] == 2024
    # Matched trained: A, B (group 1), D (group 2) -> weights 2/3 and 1/3. E has no comparison.
    assert (e["trained_n"], e["unmatched_n"], e["comparison_n"]) == (3, 1, 4)
    # Trained: 2/3 × (1 + 0)/2 + 1/3 × 1 = 2/3. Comparison: 2/3 × (0 − 1)/2 + 1/3 × (0 + 1)/2 = −1/6.
    assert e["rating_change_trained"] == pytest.approx(2 / 3)
    assert e["rating_change_comparison"] == pytest.approx(-1 / 6)
    assert e["rating_uplift"] == pytest.approx(5 / 6)
    # Pooled variances: trained (0,5 + 0) ÷ (3 − 2) = 0,5; untrained (0,5 + 0,5) ÷ (4 − 2) = 0,5.
    # Var = (2/3)² × (0,5/2 + 0,5/2) + (1/3)² × (0,5/1 + 0,5/2) = 2/9 + 0,75/9 = 2,75/9.
    half = Z * math.sqrt(2.75 / 9)
    assert e["uplift_low"] == pytest.approx(5 / 6 - half)
    assert e["uplift_high"] == pytest.approx(5 / 6 + half)
    # Improved: trained 2/3 × 1/2 + 1/3 × 1 = 2/3; comparison 2/3 × 0 + 1/3 × 1/2 = 1/6.
    assert e["improved_trained"] == pytest.approx(2 / 3)
    assert e["improved_comparison"] == pytest.approx(1 / 6)
    assert e["declined_trained"] == pytest.approx(0.0)
    assert e["declined_comparison"] == pytest.approx(1 / 3)


def test_rating_change_by_starting_rating(ratings):
    rows = ev.rating_by_start(ratings, Filters(year=2025))
    assert rows["start_score"].to_list() == [3, 4]  # Butuh Perbaikan, Baik
    assert rows["trained_n"].to_list() == [1, 2] and rows["comparison_n"].to_list() == [2, 2]
    assert rows["trained_change"].to_list() == pytest.approx([1.0, 0.5])
    assert rows["comparison_change"].to_list() == pytest.approx([0.5, -0.5])
    assert rows["uplift"].to_list() == pytest.approx([0.5, 1.0])


def test_rating_change_without_a_cohort_or_comparison(ratings):
    none = ev.rating_effect(ratings, Filters(year=2022))
    assert none["cohort"] is None and none["rating_uplift"] is None and none["trained_n"] == 0
    assert ev.rating_by_start(ratings, Filters(year=2022)).is_empty()
    # Siulak alone: E trained, nobody comparable.
    siulak = ev.rating_effect(ratings, Filters(year=2025, regions=("Siulak",)))
    assert siulak["trained_n"] == 0 and siulak["unmatched_n"] == 1 and siulak["rating_uplift"] is None
