"""The interval-overlap rule (src/metrics/comparison.py) against hand-computed intervals."""

from __future__ import annotations

import polars as pl
import pytest

from src.metrics.comparison import intervals_overlap, leaders, neighbour_pairs, ranked
from src.metrics.compute import wilson_interval


def test_overlap_of_two_intervals():
    assert intervals_overlap(0.10, 0.30, 0.25, 0.50) is True  # partly
    assert intervals_overlap(0.25, 0.50, 0.10, 0.30) is True  # the order does not matter
    assert intervals_overlap(0.10, 0.50, 0.20, 0.30) is True  # one inside the other
    assert intervals_overlap(0.10, 0.20, 0.20, 0.30) is True  # touching counts as overlapping
    assert intervals_overlap(0.10, 0.19, 0.20, 0.30) is False
    assert intervals_overlap(0.40, 0.50, 0.10, 0.39) is False
    assert intervals_overlap(None, 0.2, 0.1, 0.3) is None  # no interval, no verdict
    assert intervals_overlap(0.1, 0.2, 0.1, None) is None


def _region(group: str, successes: int, total: int) -> dict[str, object]:
    low, high = wilson_interval(successes, total)
    return {"group": group, "value": successes / total, "ci_low": low, "ci_high": high}


# Hand-computed 95 % Wilson intervals (z = 1.96, centre (p + z²/2n) / (1 + z²/n)):
#   Semarang 60 of 100   = 60,0 % [50,2 %; 69,1 %]
#   Serang   340 of 1000 = 34,0 % [31,1 %; 37,0 %]
#   Siulak   5 of 20     = 25,0 % [11,2 %; 46,9 %]   (few staff: a wide interval)
REGIONS = pl.DataFrame([_region("Siulak", 5, 20), _region("Semarang", 60, 100), _region("Serang", 340, 1000)])


def test_the_hand_computed_intervals():
    rows = {r["group"]: r for r in REGIONS.iter_rows(named=True)}
    assert (rows["Semarang"]["ci_low"], rows["Semarang"]["ci_high"]) == (
        pytest.approx(0.5020, abs=5e-5), pytest.approx(0.6906, abs=5e-5))  # fmt: skip
    assert (rows["Serang"]["ci_low"], rows["Serang"]["ci_high"]) == (
        pytest.approx(0.3113, abs=5e-5), pytest.approx(0.3699, abs=5e-5))  # fmt: skip
    assert (rows["Siulak"]["ci_low"], rows["Siulak"]["ci_high"]) == (
        pytest.approx(0.1119, abs=5e-5), pytest.approx(0.4687, abs=5e-5))  # fmt: skip


def test_ranking_best_first_with_the_overlap_to_the_one_above():
    rows = ranked(REGIONS)
    assert rows["group"].to_list() == ["Semarang", "Serang", "Siulak"]
    assert rows["rank"].to_list() == [1, 2, 3]
    # Semarang's lower bound 50,2 % is above Serang's upper 37,0 %: clear.
    # Siulak's upper bound 46,9 % reaches into Serang's 31,1–37,0 %: may be chance.
    assert rows["overlaps_previous"].to_list() == [None, False, True]


def test_lower_is_better_ranks_the_lowest_first():
    rows = ranked(REGIONS, higher_is_better=False)
    assert rows["group"].to_list() == ["Siulak", "Serang", "Semarang"]
    assert rows["overlaps_previous"].to_list() == [None, True, False]


def test_neighbour_pairs_say_which_differences_may_be_chance():
    pairs = neighbour_pairs(REGIONS)
    assert pairs.select("first", "second", "overlap").rows() == [
        ("Semarang", "Serang", False),
        ("Serang", "Siulak", True),
    ]
    assert pairs["value_first"].to_list() == [pytest.approx(0.60), pytest.approx(0.34)]
    assert pairs["value_second"].to_list() == [pytest.approx(0.34), pytest.approx(0.25)]


def test_groups_without_a_value_or_an_interval():
    frame = pl.DataFrame(
        {
            "group": ["A", "B", "C", "D"],
            "value": [0.5, None, 0.4, 0.4],
            "ci_low": [0.45, None, None, 0.35],
            "ci_high": [0.55, None, None, 0.45],
        }
    )
    rows = ranked(frame)
    # B has no value: left out. C and D tie at 0,4: alphabetical. C has no interval: no verdict.
    assert rows["group"].to_list() == ["A", "C", "D"]
    assert rows["overlaps_previous"].to_list() == [None, None, None]
    # Metrics without intervals at all (JP per ASN, say): a ranking, never a verdict.
    plain = ranked(pl.DataFrame({"group": ["X", "Y"], "value": [1.0, 2.0]}))
    assert plain["group"].to_list() == ["Y", "X"] and plain["overlaps_previous"].to_list() == [None, None]


def test_fewer_than_two_groups_give_no_pairs():
    assert neighbour_pairs(REGIONS.head(1)).is_empty()
    assert neighbour_pairs(REGIONS.clear()).is_empty()
    assert neighbour_pairs(REGIONS.head(1)).columns[:2] == ["first", "second"]


def test_missing_columns_are_refused():
    with pytest.raises(ValueError, match="value"):
        ranked(pl.DataFrame({"group": ["A"]}))


def test_leaders_per_metric():
    frames = {
        "jp20_rate": REGIONS.select("group", "value"),
        "dropout_rate": pl.DataFrame({"group": ["A", "B", "C"], "value": [0.1, 0.05, 0.05]}),
        "absorption_rate": pl.DataFrame(
            {"group": ["A"], "value": [None]}, schema_overrides={"value": pl.Float64}
        ),
    }
    best = leaders(frames, {"jp20_rate": True, "dropout_rate": False, "absorption_rate": True})
    # Lower is better for drop-out, and B and C share the lead; a metric without values has none.
    assert best == {"jp20_rate": ["Semarang"], "dropout_rate": ["B", "C"]}
