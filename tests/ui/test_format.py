"""The formatting module, with exact strings: what people read must not drift."""

from __future__ import annotations

import math

import pytest

from src.metrics.registry import METRIC_BY_ID, METRICS, Format
from src.ui.format import (
    MISSING,
    format_delta,
    format_index,
    format_jp,
    format_metric,
    format_number,
    format_percent,
    format_rupiah,
    format_score,
    format_value,
    month_name,
    period_label,
)


@pytest.mark.parametrize(
    ("value", "indonesian", "english"),
    [
        (0, "0", "0"),
        (7, "7", "7"),
        (1234, "1.234", "1,234"),
        (1234567, "1.234.567", "1,234,567"),
        (1234567.4, "1.234.567", "1,234,567"),
        (2.5, "3", "3"),  # half up, not half to even
        (-4321, "-4.321", "-4,321"),
    ],
)
def test_numbers(value, indonesian, english):
    assert format_number(value, "id") == indonesian
    assert format_number(value, "en") == english


@pytest.mark.parametrize(
    ("share", "indonesian", "english"),
    [
        (0.875, "87,5 %", "87.5 %"),
        (1.0, "100,0 %", "100.0 %"),
        (0.0, "0,0 %", "0.0 %"),
        (0.12345, "12,3 %", "12.3 %"),
        (0.00025, "0,0 %", "0.0 %"),
        (-0.00001, "0,0 %", "0.0 %"),  # never "-0,0 %"
        (0.1225, "12,3 %", "12.3 %"),  # half up
        (12.5, "1.250,0 %", "1,250.0 %"),
    ],
)
def test_percentages(share, indonesian, english):
    assert format_percent(share, "id") == indonesian
    assert format_percent(share, "en") == english


@pytest.mark.parametrize(
    ("amount", "indonesian", "english"),
    [
        (0, "Rp0", "Rp0"),
        (350_000, "Rp350.000", "Rp350,000"),
        (999_999.4, "Rp999.999", "Rp999,999"),
        (999_999.6, "Rp1 jt", "Rp1 mn"),  # rounding reaches the next unit
        (1_500_000, "Rp1,5 jt", "Rp1.5 mn"),
        (12_345_678, "Rp12,3 jt", "Rp12.3 mn"),
        (99_960_000, "Rp100 jt", "Rp100 mn"),
        (350_000_000, "Rp350 jt", "Rp350 mn"),
        (960_000_000, "Rp960 jt", "Rp960 mn"),
        (999_600_000, "Rp1 M", "Rp1 bn"),
        (1_200_000_000, "Rp1,2 M", "Rp1.2 bn"),
        (2_000_000_000, "Rp2 M", "Rp2 bn"),
        (125_000_000_000, "Rp125 M", "Rp125 bn"),
        (1_500_000_000_000, "Rp1,5 T", "Rp1.5 tn"),
        (2_500_000_000_000_000, "Rp2.500 T", "Rp2,500 tn"),
        (-120_000_000, "-Rp120 jt", "-Rp120 mn"),
        (45_678.9, "Rp45.679", "Rp45,679"),
    ],
)
def test_rupiah(amount, indonesian, english):
    assert format_rupiah(amount, "id") == indonesian
    assert format_rupiah(amount, "en") == english


def test_jp_score_and_index():
    assert format_jp(12.345, "id") == "12,3 JP"
    assert format_jp(12.345, "en") == "12.3 JP"
    assert format_jp(20, "id", trim=True) == "20 JP"
    assert format_score(3.445, "id") == "3,45"
    assert format_score(3.445, "en") == "3.45"
    assert format_score(2.005, "id") == "2,01"
    assert format_index(84.25, "id") == "84,3"
    assert format_index(84.2, "en") == "84.2"
    assert format_percent(1.0, "id", trim=True) == "100 %"


@pytest.mark.parametrize("missing", [None, math.nan, math.inf])
@pytest.mark.parametrize("fmt", list(Format))
def test_no_value_is_a_dash_in_every_format(fmt, missing):
    assert format_value(fmt, missing, "id") == MISSING == "–"
    assert format_value(fmt, missing, "en") == "–"


def test_format_metric_follows_the_registry():
    assert format_metric(METRIC_BY_ID["asn_count"], 1234567, "id") == "1.234.567"
    assert format_metric(METRIC_BY_ID["participation_rate"], 0.875, "id") == "87,5 %"
    assert format_metric(METRIC_BY_ID["participation_rate"], 0.875, "en") == "87.5 %"
    assert format_metric(METRIC_BY_ID["jp_per_asn"], 12.34, "id") == "12,3 JP"
    assert format_metric(METRIC_BY_ID["budget_pagu"], 1_200_000_000, "id") == "Rp1,2 M"
    assert format_metric(METRIC_BY_ID["budget_pagu"], 1_200_000_000, "en") == "Rp1.2 bn"
    assert format_metric(METRIC_BY_ID["satisfaction_mean"], 4.046, "id") == "4,05"
    assert format_metric(METRIC_BY_ID["jpm_mean"], 84.24, "id") == "84,2"
    for spec in METRICS:  # every registry format has a formatter
        assert format_metric(spec, None, "id") == "–"
        assert format_metric(spec, 1.0, "id") != "–"


def test_changes_carry_a_sign_and_percentages_change_in_points():
    rate, jp = METRIC_BY_ID["participation_rate"], METRIC_BY_ID["jp_per_asn"]
    assert format_delta(rate, 0.032, "id") == "+3,2 poin"
    assert format_delta(rate, -0.032, "en") == "-3.2 pts"
    assert format_delta(rate, 0.00001, "id") == "0,0 poin"  # rounds to nothing: no sign
    assert format_delta(jp, -1.46, "id") == "-1,5 JP"
    assert format_delta(METRIC_BY_ID["asn_count"], 120, "id") == "+120"
    assert format_delta(METRIC_BY_ID["budget_realisasi"], 120_000_000, "id") == "+Rp120 jt"
    assert format_delta(METRIC_BY_ID["satisfaction_mean"], 0.0, "id") == "0,00"
    assert format_delta(rate, None, "id") == "–"


def test_months_and_periods():
    assert month_name(1, "id") == "Januari"
    assert month_name(8, "id", "abbreviated") == "Agu"
    assert month_name(8, "en", "abbreviated") == "Aug"
    assert period_label(2026, 6, "id") == "Januari–Juni 2026"
    assert period_label(2026, 1, "en") == "January 2026"
    assert period_label(2025, None, "en") == "January–December 2025"
    assert period_label(2025, 3, "id", "abbreviated") == "Jan–Mar 2025"


def test_numpy_scalars_format_like_python_numbers():
    import numpy as np

    assert format_percent(np.float64(0.875), "id") == "87,5 %"
    assert format_rupiah(np.float64(1.2e9), "id") == "Rp1,2 M"
    assert format_number(np.int64(1234567), "id") == "1.234.567"
