"""The filter state and its URL, as pure functions: any address gives a valid view."""

from __future__ import annotations

import random

import polars as pl
import pytest

from src.metrics.filters import Filters
from src.ui.filters import (
    KEY_LANG,
    KEY_MONTH,
    KEY_REGIONS,
    KEY_UNITS,
    KEY_YEAR,
    STAFF_FILTERS,
    Choices,
    build_filters,
    defaults,
    parse_url,
    to_url,
    value_label,
)

PERIODS = pl.DataFrame(
    {
        "year": [2024, 2025, 2026],
        "last_month": [12, 12, 6],
        "last_month_development": [12, 12, 6],
        "last_month_budget": [None, 12, 5],
    }
)
UNITS = pl.DataFrame(
    {
        "region": ["Semarang", "Semarang", "Serang", "Serang", "Siulak"],
        "unit": ["BKPP", "Dinas Pendidikan", "BKPSDM", "Dinas Pendidikan", "Puskesmas Siulak"],
        "staff": [30, 40, 20, 10, 5],
    }
)
CHOICES = Choices.from_frames(PERIODS, UNITS)


def test_choices_come_from_the_data():
    assert CHOICES.years == (2026, 2025, 2024)
    assert CHOICES.default_year == 2026
    assert CHOICES.default_month(2026) == 6
    assert CHOICES.default_month(2025) == 12
    assert CHOICES.regions == ("Semarang", "Serang", "Siulak")
    assert CHOICES.units_of(["Serang"]) == ("BKPSDM", "Dinas Pendidikan")
    assert CHOICES.units_of([]) == ("BKPP", "BKPSDM", "Dinas Pendidikan", "Puskesmas Siulak")


def test_no_parameters_give_the_defaults_latest_year_and_month():
    state, rejected = parse_url({}, CHOICES)
    assert rejected == []
    assert state == defaults(CHOICES)
    assert build_filters(state) == Filters(year=2026, month=6)


def test_a_full_link_reopens_the_same_view():
    filters = Filters(
        year=2025, month=3, regions=("Serang", "Semarang"), units=("Dinas Pendidikan",),
        jenis_pegawai=("PNS",), gender=("P",), age_band=("<30", "50+"), education=("S-1",),
        golongan_group=("III",), jenis_jabatan=("Fungsional",),
    )  # fmt: skip
    params = to_url("en", filters)
    assert params["lang"] == ["en"] and params["tahun"] == ["2025"] and params["bulan"] == ["3"]
    assert params["wilayah"] == ["Semarang", "Serang"]
    state, rejected = parse_url(params, CHOICES)
    assert rejected == []
    assert state[KEY_LANG] == "en"
    assert build_filters(state) == filters


def test_the_default_view_writes_only_the_period():
    assert to_url("id", Filters(year=2026, month=6)) == {"tahun": ["2026"], "bulan": ["6"]}


def test_a_year_without_its_month_starts_at_that_years_latest_month():
    state, _ = parse_url({"tahun": ["2025"]}, CHOICES)
    assert (state[KEY_YEAR], state[KEY_MONTH]) == (2025, 12)


@pytest.mark.parametrize(
    ("params", "rejected"),
    [
        ({"tahun": ["1999"]}, ["tahun"]),
        ({"tahun": ["20x6"]}, ["tahun"]),
        ({"tahun": ["２０２６"]}, ["tahun"]),  # full-width digits are not digits here
        ({"tahun": ["2025", "2026"]}, ["tahun"]),
        ({"bulan": ["13"]}, ["bulan"]),
        ({"bulan": ["0"]}, ["bulan"]),
        ({"bulan": ["-1"]}, ["bulan"]),
        ({"lang": ["fr"]}, ["lang"]),
        ({"wilayah": ["<script>alert(1)</script>"]}, ["wilayah"]),
        ({"opd": ["BKPP"], "wilayah": ["Serang"]}, ["opd"]),  # BKPP is Semarang's
        ({"jk": ["X"]}, ["jk"]),
        ({"usia": ["__import__('os')"]}, ["usia"]),
    ],
)
def test_tampered_values_fall_back_and_are_named(params, rejected):
    state, names = parse_url(params, CHOICES)
    assert names == rejected
    filters = build_filters(state)  # never raises
    assert filters.year in CHOICES.years


def test_good_values_survive_beside_bad_ones():
    state, rejected = parse_url({"wilayah": ["Serang", "Atlantis", "Serang"], "bulan": ["4"]}, CHOICES)
    assert rejected == ["wilayah"]
    assert state[KEY_REGIONS] == ["Serang"] and state[KEY_MONTH] == 4


def test_unknown_parameters_are_ignored():
    state, rejected = parse_url({"utm_source": ["wa"], "embed": ["true"]}, CHOICES)
    assert rejected == [] and state == defaults(CHOICES)


def test_random_addresses_always_give_a_valid_view():
    rng = random.Random(7)
    names = ["lang", "tahun", "bulan", "wilayah", "opd", *(f.url for f in STAFF_FILTERS), "x"]
    junk = ["", " ", "0", "2026", "12", "Serang", "BKPP", "L", "<30", "S-1", "PNS", "%00", "🙂", "a" * 500]
    for _ in range(300):
        params = {rng.choice(names): [rng.choice(junk) for _ in range(rng.randint(0, 3))] for _ in range(4)}
        state, _ = parse_url(params, CHOICES)
        filters = build_filters(state)
        assert set(filters.units) <= set(CHOICES.units_of(filters.regions))


def test_value_labels():
    assert value_label("gender", "L", "id") == "Laki-laki"
    assert value_label("gender", "P", "en") == "Female"
    assert value_label("age_band", "<30", "id") == "< 30 tahun"
    assert value_label("golongan_group", "III", "id") == "Golongan III"
    assert value_label("golongan_group", "PPPK", "en") == "PPPK"
    assert value_label("jenis_pegawai", "PPPK Paruh Waktu", "en") == "PPPK Paruh Waktu"


def test_every_staff_filter_is_a_filters_field_and_url_names_are_unique():
    assert {f.field for f in STAFF_FILTERS} <= set(Filters.model_fields)
    urls = ["lang", "tahun", "bulan", "wilayah", "opd", *(f.url for f in STAFF_FILTERS)]
    assert len(urls) == len(set(urls))
    keys = [KEY_LANG, KEY_YEAR, KEY_MONTH, KEY_REGIONS, KEY_UNITS, *(f.key for f in STAFF_FILTERS)]
    assert set(defaults(CHOICES)) == set(keys)


INJECTIONS = [
    "' OR '1'='1",
    "Serang'; DROP TABLE pegawai; --",
    '") UNION SELECT nip FROM pegawai --',
    "1; SELECT 1",
]


@pytest.mark.parametrize("injection", INJECTIONS)
def test_sql_in_any_address_parameter_is_refused_like_any_unknown_value(injection):
    names = ["lang", "tahun", "bulan", "wilayah", "opd", *(f.url for f in STAFF_FILTERS)]
    state, rejected = parse_url({name: [injection] for name in names}, CHOICES)
    assert rejected == names  # every one of them named in the notice
    assert state == defaults(CHOICES)
