"""src/metrics/competency_views.py against hand-computed values."""

from __future__ import annotations

import polars as pl
import pytest

from src.metrics.competency_views import JPM_BANDS, flag_big_gap_little_training, jpm_band_split


def test_band_split_counts_and_shares():
    split = jpm_band_split({"jpm_optimal": 6.0, "jpm_cukup": 3.0, "jpm_kurang": 1.0, "jpm_mean": 88.0})
    assert split["band"].to_list() == list(JPM_BANDS) == ["optimal", "cukup", "kurang"]
    assert split["staff"].to_list() == [6.0, 3.0, 1.0]
    # 6 / 10, 3 / 10, 1 / 10
    assert split["share"].to_list() == pytest.approx([0.6, 0.3, 0.1])


def test_band_split_without_anyone_is_null_not_zero():
    split = jpm_band_split({"jpm_optimal": 0.0, "jpm_cukup": None})
    assert split["staff"].to_list() == [0.0, 0.0, 0.0]
    assert split["share"].to_list() == [None, None, None]


GAPS = pl.DataFrame(
    {
        "kompetensi": ["A", "B", "C", "D", "E"],
        "gap_mean": [1.2, 0.9, 0.6, 0.3, 0.0],
        "staff_below_standard": [10, 8, 6, 3, 0],
        "jp_on_topics": [0.0, 400.0, 50.0, 20.0, 0.0],
    }
)


def test_big_gap_little_training():
    flagged = flag_big_gap_little_training(GAPS)
    # median gap of 1.2, 0.9, 0.6, 0.3, 0 = 0.6; median JP of 0, 400, 50, 20, 0 = 20
    assert flagged["gap_median"][0] == pytest.approx(0.6)
    assert flagged["jp_median"][0] == pytest.approx(20.0)
    # A: 1.2 > 0.6 and 0 ≤ 20 -> yes; B: 400 JP -> no; C: 0.6 is not above the median -> no;
    # D: gap 0.3 -> no; E: no gap at all -> no (even though 0 JP)
    assert dict(zip(flagged["kompetensi"], flagged["big_gap_little_training"], strict=True)) == {
        "A": True, "B": False, "C": False, "D": False, "E": False,
    }  # fmt: skip


def test_big_gap_little_training_on_the_medians_and_missing_jp():
    gaps = pl.DataFrame(
        {"kompetensi": ["A", "B", "C"], "gap_mean": [0.8, 0.5, 0.2], "jp_on_topics": [10.0, None, 30.0]}
    )
    flagged = flag_big_gap_little_training(gaps)
    # median gap 0.5; JP (None read as 0): 10, 0, 30 -> median 10.
    # A: 0.8 > 0.5 and exactly on the JP median -> flagged; B sits on the gap median -> not flagged.
    assert flagged["big_gap_little_training"].to_list() == [True, False, False]


def test_no_flag_when_training_follows_the_gaps():
    gaps = pl.DataFrame(
        {"kompetensi": ["A", "B", "C", "D", "E"], "gap_mean": [1.0, 0.6, 0.5, 0.4, 0.1],
         "jp_on_topics": [500.0, 400.0, 10.0, 5.0, 0.0]}
    )  # fmt: skip
    # median gap 0.5, median JP 10: A and B are above the gap median but well trained (500, 400 JP)
    assert not flag_big_gap_little_training(gaps)["big_gap_little_training"].any()


def test_everything_equal_flags_nothing():
    gaps = pl.DataFrame({"kompetensi": ["A", "B"], "gap_mean": [0.0, 0.0], "jp_on_topics": [0.0, 0.0]})
    assert not flag_big_gap_little_training(gaps)["big_gap_little_training"].any()


def test_big_gap_little_training_on_nothing():
    empty = GAPS.clear()
    flagged = flag_big_gap_little_training(empty)
    assert flagged.is_empty() and "big_gap_little_training" in flagged.columns
