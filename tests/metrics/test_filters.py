"""Scope filters (metrics.md, "Scope and period"), their validation, and null for empty denominators.

Each staff member of the filter world completes a course of a power-of-two JP (1, 2, 4, … 32) on
15 March 2025, so jp_total names exactly who is in scope: 1 + 4 = 5 can only be P1 and P3.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from src.metrics.filters import Filters
from tests.metrics.world import SPEC_RATES, Y, every, one, values

STAFF = {
    #      region      unit               jenis               gol     jabatan       sex  born          education
    "P1": ("Serang",   "BKPSDM",          "PNS",              "III/b", "Struktural", "L", "1990-05-01", "S-1"),
    "P2": ("Serang",   "BKPSDM",          "CPNS",             "II/a",  "Pelaksana",  "P", "1996-01-01", "SMA/SLTA"),
    "P3": ("Serang",   "Dinkes",          "PPPK",             "IX",    "Fungsional", "P", "1995-12-31", "D-III"),
    "P4": ("Semarang", "BKPP",            "PNS",              "IV/a",  "Struktural", "L", "1970-03-15", "S-2"),
    "P5": ("Semarang", "BKPP",            "PPPK Paruh Waktu", "IV",    "Pelaksana",  "L", "1985-06-30", "SMA/SLTA"),
    "P6": ("Siulak",   "Kecamatan Siulak", "PNS",             "III/a", "Fungsional", "P", "1976-01-01", "S-1"),
}  # fmt: skip
JP = {"P1": 1, "P2": 2, "P3": 4, "P4": 8, "P5": 16, "P6": 32}


@pytest.fixture(scope="module")
def con(make_world):
    w = make_world()
    for code, (region, unit, jenis, gol, jabatan, sex, born, edu) in STAFF.items():
        w.staff(code, region=region, unit=unit, jenis=jenis, golongan=gol, jabatan=jabatan, gender=sex,
                born=born, education=edu)  # fmt: skip
        w.course(code, "2025-03-15", JP[code], biaya=100_000, kepuasan=4, pre=50, post=70)
    w.assess("P1", "2025-02-01", "Integritas", 3, 3)
    w.budget(1, 100_000_000, 25_000_000, region="Semarang", unit="BKPP")
    return w.load()


def scope(con, **filters) -> tuple[float, float]:
    """(asn_count, jp_total) for the whole of 2025 unless `month` is given."""
    return values(con, Filters(year=Y, **filters), "asn_count", "jp_total")


def test_no_filter(con):
    # everybody: 6 staff, 1 + 2 + 4 + 8 + 16 + 32 = 63 JP
    assert scope(con) == (6, 63)


def test_region_filter(con):
    # Serang: P1, P2, P3 -> 3 staff, 1 + 2 + 4 = 7
    assert scope(con, regions=("Serang",)) == (3, 7)
    # Serang or Siulak: P1, P2, P3, P6 -> 4 staff, 7 + 32 = 39
    assert scope(con, regions=("Serang", "Siulak")) == (4, 39)


def test_unit_filter(con):
    # BKPP: P4, P5 -> 8 + 16 = 24
    assert scope(con, units=("BKPP",)) == (2, 24)


def test_jenis_pegawai_filter(con):
    # PPPK: P3 only (P5 is PPPK Paruh Waktu, another value) -> 4
    assert scope(con, jenis_pegawai=("PPPK",)) == (1, 4)
    # CPNS: P2 -> 2; PNS: P1, P4, P6 -> 1 + 8 + 32 = 41
    assert scope(con, jenis_pegawai=("CPNS",)) == (1, 2)
    assert scope(con, jenis_pegawai=("PNS",)) == (3, 41)


def test_jenis_jabatan_filter(con):
    # Struktural: P1, P4 -> 1 + 8 = 9; Fungsional: P3, P6 -> 4 + 32 = 36
    assert scope(con, jenis_jabatan=("Struktural",)) == (2, 9)
    assert scope(con, jenis_jabatan=("Fungsional",)) == (2, 36)


def test_golongan_group_filter(con):
    # III: P1 (III/b), P6 (III/a) -> 1 + 32 = 33
    assert scope(con, golongan_group=("III",)) == (2, 33)
    # IV: P4 (IV/a) only; P5's golongan "IV" is a PPPK grade, not PNS group IV -> 8
    assert scope(con, golongan_group=("IV",)) == (1, 8)
    # PPPK: P3 (IX) and P5 (PPPK Paruh Waktu, IV) -> 4 + 16 = 20
    assert scope(con, golongan_group=("PPPK",)) == (2, 20)
    # I: nobody (P3's "IX" is not group I)
    assert scope(con, golongan_group=("I",))[0] == 0


def test_gender_filter(con):
    # P: P2, P3, P6 -> 2 + 4 + 32 = 38; L: P1, P4, P5 -> 1 + 8 + 16 = 25
    assert scope(con, gender=("P",)) == (3, 38)
    assert scope(con, gender=("L",)) == (3, 25)


def test_age_band_at_year_end(con):
    # ages on 31 Dec 2025: P1 35, P2 29, P3 30 (born 31 Dec 1995: birthday on the period's last
    # day), P4 55, P5 40, P6 49
    assert scope(con, age_band=("<30",)) == (1, 2)  # P2
    assert scope(con, age_band=("30-39",)) == (2, 5)  # P1 1 + P3 4
    assert scope(con, age_band=("40-49",)) == (2, 48)  # P5 16 + P6 32
    assert scope(con, age_band=("50+",)) == (1, 8)  # P4


def test_age_band_at_month_end(con):
    # M = 6, period ends 30 Jun 2025: P3 is still 29; P5 (born 30 Jun 1985) turns 40 that very day
    assert scope(con, month=6, age_band=("<30",)) == (2, 6)  # P2 2 + P3 4
    assert scope(con, month=6, age_band=("30-39",)) == (1, 1)  # P1
    assert scope(con, month=6, age_band=("40-49",)) == (2, 48)  # P5 16 + P6 32
    # M = 5, period ends 31 May 2025: P5 is 39
    assert scope(con, month=5, age_band=("30-39",)) == (2, 17)  # P1 1 + P5 16


def test_education_filter(con):
    # S-1: P1, P6 -> 33; SMA/SLTA: P2, P5 -> 18
    assert scope(con, education=("S-1",)) == (2, 33)
    assert scope(con, education=("SMA/SLTA",)) == (2, 18)


def test_filters_combine_with_and(con):
    # Serang and P: P2, P3 -> 6; Serang and (P or L) = Serang -> 7
    assert scope(con, regions=("Serang",), gender=("P",)) == (2, 6)
    assert scope(con, regions=("Serang",), gender=("P", "L")) == (3, 7)


def test_rates_follow_the_scope(con):
    # Serang and Struktural: P1 only: 1 JP, participation 1 / 1, jp20 0 / 1, assessed 1 / 1
    f = Filters(year=Y, regions=("Serang",), jenis_jabatan=("Struktural",))
    assert one(con, f, "participation_rate") == 1
    assert one(con, f, "jp20_rate") == 0
    assert one(con, f, "assessed_rate") == 1
    # Serang and Pelaksana: P2 only, never assessed: 0 / 1
    assert one(con, Filters(year=Y, regions=("Serang",), jenis_jabatan=("Pelaksana",)), "assessed_rate") == 0


# ---- division by zero ---------------------------------------------------------------------------


def test_filters_matching_nobody_give_zero_count_and_null_rates(con):
    # no region "Atlantis": 0 staff, 0 JP, no budget line -> every rate's denominator is 0
    kpi = every(con, Filters(year=Y, regions=("Atlantis",)))
    assert kpi["asn_count"] == 0
    assert kpi["jp_total"] == 0
    assert kpi["cost_total"] is None  # no known cost: unknown, not Rp0
    assert [kpi[m] for m in ("jpm_optimal", "jpm_cukup", "jpm_kurang")] == [0, 0, 0]
    assert {m: kpi[m] for m in SPEC_RATES} == dict.fromkeys(SPEC_RATES)


def test_person_filters_matching_nobody_give_null_person_rates(con):
    # Semarang's staff (P4, P5) are both L: gender P leaves nobody
    kpi = every(con, Filters(year=Y, regions=("Semarang",), gender=("P",)))
    assert kpi["asn_count"] == 0
    assert kpi["jp_total"] == 0
    person_rates = [m for m in SPEC_RATES if m != "absorption_rate"]
    assert {m: kpi[m] for m in person_rates} == dict.fromkeys(person_rates)
    # the budget follows only the region: Semarang's line, 25 of 100 million
    assert kpi["absorption_rate"] == pytest.approx(0.25)


def test_rates_null_when_their_own_denominator_is_empty(world):
    # one person, whose only record is still running (Berjalan), never assessed, no budget line
    world.staff("A").course("A", "2025-03-01", 12, status="Berjalan", biaya=500_000, kepuasan=5)
    kpi = every(world.load(), Filters(year=Y))
    assert kpi["asn_count"] == 1
    # denominators of 1 staff member: real zeros
    assert kpi["participation_rate"] == 0
    assert kpi["jp20_rate"] == 0
    assert kpi["assessed_rate"] == 0
    assert kpi["jp_per_asn"] == 0
    # empty denominators: nothing ended, 0 JP, no costed JP, no pairs, no scores, no pagu
    for metric in (
        "completion_rate", "nonclassical_share", "cost_per_jp", "competency_gap_mean",
        "meets_standard_rate", "jpm_mean", "satisfaction_mean", "learning_gain_mean", "absorption_rate",
    ):  # fmt: skip
        assert kpi[metric] is None, metric
    assert kpi["cost_total"] is None


# ---- validation ---------------------------------------------------------------------------------


def test_unknown_gender_is_refused():
    with pytest.raises(ValidationError):
        Filters(year=Y, gender=("X",))


def test_month_13_is_refused():
    with pytest.raises(ValidationError):
        Filters(year=Y, month=13)
    with pytest.raises(ValidationError):
        Filters(year=Y, month=0)


def test_unknown_filter_values_are_refused():
    with pytest.raises(ValidationError):
        Filters(year=Y, age_band=("60+",))
    with pytest.raises(ValidationError):
        Filters(year=Y, golongan_group=("V",))
    with pytest.raises(ValidationError):
        Filters(year=Y, jenis_pegawai=("Honorer",))
    with pytest.raises(ValidationError):
        Filters(year=Y, nonsense=("x",))  # an unknown filter, not silently ignored


def test_order_and_repeats_do_not_change_a_filter():
    assert Filters(year=Y, regions=["Siulak", "Serang", "Serang"]) == Filters(
        year=Y, regions=("Serang", "Siulak")
    )


@pytest.mark.parametrize("injection", ["' OR '1'='1", "x'); DROP TABLE pegawai; --", "%"])
def test_filter_values_are_bound_parameters_never_sql(con, injection):
    """A region or OPD value that is SQL (or a LIKE wildcard) matches nothing and changes nothing."""
    [before] = con.execute("SELECT count(*) FROM pegawai").fetchall()
    assert scope(con, regions=(injection,)) == (0, 0)
    assert scope(con, units=(injection,)) == (0, 0)
    assert con.execute("SELECT count(*) FROM pegawai").fetchall() == [before] == [(6,)]
