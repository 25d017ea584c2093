"""Kebutuhan Pelatihan metrics (src/metrics/needs.py) against a tiny warehouse imported through the
real importer, every expected figure worked out by hand in the comments. The competency-topic map is
the shipped data/kompetensi_topik.csv (Kerja Sama -> Komunikasi, Pengelolaan Keuangan Daerah ->
Keuangan)."""

from __future__ import annotations

import pytest

from src.metrics import needs
from src.metrics.filters import Filters
from tests.metrics_views.test_evaluation import Records

F2025 = Filters(year=2025)


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    r = Records(tmp_path_factory.mktemp("needs"))
    for code in "ABC":
        r.staff(code)  # Serang, BKPSDM
    r.staff("D", unit="Dinas X", gender="P")
    r.staff("E", region="Siulak", unit="Kantor Camat")
    # Delivered in 2025.
    r.scored("A", "2025-02-10", 10, topik="Keuangan", biaya=1_000_000)
    r.scored("B", "2025-03-10", 10, topik="Keuangan", biaya=3_000_000)
    r.scored("A", "2025-04-10", 4, topik="Keuangan")  # cost unknown; A is still one person reached
    r.scored("D", "2025-05-10", 8, topik="Komunikasi", biaya=800_000)
    r.scored("C", "2025-06-10", 6, topik="SDM", biaya=600_000)  # nobody asked for SDM
    r.scored("E", "2025-06-10", 8, topik="Komunikasi", biaya=800_000, status="Tidak Lulus")
    # The 2025 survey.
    r.need(2025, "Serang", "BKPSDM", "Keuangan", 5, "Tinggi")
    r.need(2025, "Serang", "BKPSDM", "Kerja Sama", 2, "Sedang")  # a competency: goes to Komunikasi
    r.need(2025, "Serang", "BKPSDM", " komunikasi ", 1, "Rendah")  # the topic, spelt loosely
    r.need(2025, "Serang", "Dinas X", "Komunikasi", 1)
    r.need(2025, "Siulak", "Kantor Camat", "Bahasa Isyarat", 4, "Tinggi")  # no such training topic
    r.need(2024, "Serang", "BKPSDM", "Keuangan", 99, "Tinggi")  # another year
    # Gaps: Keuangan (0 + 1) / 2 = 0,5 via Pengelolaan Keuangan Daerah; Komunikasi (0,5 + 0) / 2.
    r.assess("A", "2025-03-01", "Pengelolaan Keuangan Daerah", 3, 2)
    r.assess("B", "2025-03-01", "Pengelolaan Keuangan Daerah", 3, 3.5)
    r.assess("A", "2025-03-01", "Kerja Sama", 2, 1.5)
    r.assess("A", "2025-03-01", "Komunikasi", 2, 2)
    con = r.load()
    yield con
    con.close()


def test_need_units(survey):
    units = needs.need_units(survey, F2025)
    rows = {(r["unit"], r["topic"]): r for r in units.iter_rows(named=True)}
    assert set(rows) == {
        ("BKPSDM", "Keuangan"), ("BKPSDM", "Komunikasi"), ("Dinas X", "Komunikasi"),
        ("Kantor Camat", "Bahasa Isyarat"),
    }  # fmt: skip
    keu = rows[("BKPSDM", "Keuangan")]
    # 5 asked (the 2024 row is another survey); A and B took Keuangan: 2 met, 3 unmet; 24 JP.
    assert (keu["requested"], keu["staff_reached"], keu["met"], keu["unmet"]) == (5, 2, 2, 3)
    assert keu["jp_delivered"] == 24 and keu["weight"] == 3 and keu["met_rate"] == pytest.approx(0.4)
    kom = rows[("BKPSDM", "Komunikasi")]
    # Kerja Sama (2, Sedang) + komunikasi (1, Rendah): 3 asked, weight 2; D is in another OPD.
    assert (kom["requested"], kom["weight"], kom["met"], kom["unmet"]) == (3, 2, 0, 3)
    dinas = rows[("Dinas X", "Komunikasi")]
    assert (dinas["requested"], dinas["weight"], dinas["met"], dinas["unmet"]) == (1, 1, 1, 0)
    # E's failed course does not count.
    assert rows[("Kantor Camat", "Bahasa Isyarat")]["staff_reached"] == 0


def test_summary(survey):
    s = needs.summary(survey, F2025)
    # Asked 5 + 3 + 1 + 4 = 13; met 2 + 0 + 1 + 0 = 3; unmet 3 + 3 + 0 + 4 = 10.
    assert s["needs_requests"] == 13 and s["needs_unmet"] == 10
    assert s["needs_met_rate"] == pytest.approx(3 / 13)
    assert s["topics_requested"] == 3 and s["units_asking"] == 3
    # The programme below: 4.800.000 + 2.400.000 + 30,4 × 5.400.000 / 34.
    assert s["programme_cost"] == pytest.approx(4_800_000 + 2_400_000 + 30.4 * 5_400_000 / 34)


def test_topics_against_delivery_and_gaps(survey):
    frame = needs.topics(survey, F2025)
    rows = {r["topic"]: r for r in frame.iter_rows(named=True)}
    # Most requests first (5, 4, 4, 0), then most JP (Komunikasi 8 before Bahasa Isyarat 0).
    assert frame["topic"].to_list() == ["Keuangan", "Komunikasi", "Bahasa Isyarat", "SDM"]
    # JP: Keuangan 24, Komunikasi 8, SDM 6 -> 38. Requests: 5, 4, 4, 0 of 13.
    keu, kom, bi, sdm = rows["Keuangan"], rows["Komunikasi"], rows["Bahasa Isyarat"], rows["SDM"]
    assert keu["jp_share"] == pytest.approx(24 / 38) and keu["request_share"] == pytest.approx(5 / 13)
    # Keuangan (24/38) ÷ (5/13) = 1,64 > 1,5: over-served. Komunikasi (8/38) ÷ (4/13) = 0,68: balanced.
    assert keu["topic_service_ratio"] == pytest.approx(24 * 13 / (38 * 5)) and keu["served"] == "over"
    assert kom["topic_service_ratio"] == pytest.approx(8 * 13 / (38 * 4)) and kom["served"] == "balanced"
    assert bi["topic_service_ratio"] == 0 and bi["served"] == "under"
    assert sdm["served"] == "not_requested" and sdm["topic_service_ratio"] is None
    assert (kom["requested"], kom["units_asking"], kom["met"], kom["unmet"], kom["weighted_unmet"]) == (
        4,
        2,
        1,
        3,
        6,
    )
    assert keu["weighted_unmet"] == 9 and bi["weighted_unmet"] == 12
    assert keu["gap_mean"] == pytest.approx(0.5) and kom["gap_mean"] == pytest.approx(0.25)
    assert bi["gap_mean"] is None and keu["competencies"] == "Pengelolaan Keuangan Daerah"


def test_programme_ranked_with_cost_estimates(survey):
    plan = needs.programme(survey, F2025)
    assert plan["topic"].to_list() == ["Keuangan", "Bahasa Isyarat", "Komunikasi"]
    assert plan["rank"].to_list() == [1, 2, 3]
    rows = {r["topic"]: r for r in plan.iter_rows(named=True)}
    # Keuangan: 9 × (1 + 0,5) = 13,5; 24 JP / 3 participations = 8 JP each; Rp4 juta / 20 costed JP.
    keu = rows["Keuangan"]
    assert keu["programme_score"] == pytest.approx(13.5)
    assert keu["jp_per_participation"] == pytest.approx(8) and keu["cost_per_jp"] == pytest.approx(200_000)
    assert keu["estimated_jp"] == pytest.approx(24) and keu["cost_estimate"] == pytest.approx(4_800_000)
    assert not keu["estimated_from_scope"]
    # Komunikasi: 6 × 1,25 = 7,5; 8 JP each at Rp100.000 per JP: 3 × 8 × 100.000.
    kom = rows["Komunikasi"]
    assert kom["programme_score"] == pytest.approx(7.5) and kom["cost_estimate"] == pytest.approx(2_400_000)
    # Bahasa Isyarat: 12 × 1 = 12; no training yet: the scope's 38 JP / 5 participations = 7,6 JP
    # each, Rp5,4 juta / 34 costed JP.
    bi = rows["Bahasa Isyarat"]
    assert bi["programme_score"] == pytest.approx(12) and bi["estimated_from_scope"]
    assert bi["estimated_jp"] == pytest.approx(30.4)
    assert bi["cost_estimate"] == pytest.approx(30.4 * 5_400_000 / 34)


def test_only_region_and_unit_filters_apply(survey):
    everyone = needs.summary(survey, F2025)
    # A staff filter is set aside (the survey is per OPD): the same figures.
    assert needs.summary(survey, F2025.model_copy(update={"gender": ("P",)})) == everyone
    dinas = needs.summary(survey, F2025.model_copy(update={"units": ("Dinas X",)}))
    assert (dinas["needs_requests"], dinas["needs_unmet"], dinas["needs_met_rate"]) == (1, 0, 1.0)
    assert dinas["programme_cost"] is None  # nothing unmet
    siulak = needs.topics(survey, F2025.model_copy(update={"regions": ("Siulak",)}))
    assert siulak["topic"].to_list() == ["Bahasa Isyarat"]


def test_a_year_without_survey(survey):
    s = needs.summary(survey, Filters(year=2023))
    assert s["needs_requests"] == 0 and s["needs_met_rate"] is None and s["programme_cost"] is None
    assert needs.survey_years(survey, F2025) == [2024, 2025]
