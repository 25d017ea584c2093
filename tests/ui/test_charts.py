"""Chart builders are pure: frames in, Plotly figure out. Assert on the figure's data, not pixels."""

from __future__ import annotations

import polars as pl

from src.metrics.registry import METRIC_BY_ID
from src.ui.charts import PALETTE, finding, region_bar, region_colors

RATE = METRIC_BY_ID["jp20_rate"]
SCORE = METRIC_BY_ID["satisfaction_mean"]
FRAME = pl.DataFrame(
    {
        "group": ["Semarang", "Serang", "Siulak"],
        "value": [0.40, 0.25, 0.10],
        "ci_low": [0.32, 0.15, 0.03],
        "ci_high": [0.48, 0.37, 0.30],
    }
)
COLORS = region_colors(["Siulak", "Serang", "Semarang", "Bogor"])
STAFF = {"Semarang": 1500.0, "Serang": 60.0, "Siulak": 20.0}


def test_region_colours_are_fixed_by_the_sorted_list_of_all_regions():
    assert {"Bogor": PALETTE[0], "Semarang": PALETTE[1], "Serang": PALETTE[2], "Siulak": PALETTE[3]} == COLORS
    # Filtering to fewer regions must not change a region's colour: callers pass every region.
    assert region_colors(["Serang", "Bogor", "Siulak", "Semarang"]) == COLORS
    assert len(set(region_colors([f"R{i}" for i in range(8)]).values())) == 8


def test_bars_are_sorted_with_the_highest_on_top_and_coloured_per_region():
    fig = region_bar(FRAME, RATE, "id", COLORS, STAFF)
    bar = fig.data[0]
    assert bar.type == "bar" and bar.orientation == "h"
    assert list(bar.y) == ["Siulak", "Serang", "Semarang"]  # Plotly draws the first at the bottom
    assert [round(x, 6) for x in bar.x] == [10.0, 25.0, 40.0]  # per cent, not shares
    assert list(bar.marker.color) == [COLORS["Siulak"], COLORS["Serang"], COLORS["Semarang"]]
    assert list(fig.layout.yaxis.categoryarray) == ["Siulak", "Serang", "Semarang"]


def test_the_interval_and_the_labels():
    fig = region_bar(FRAME, RATE, "id", COLORS, STAFF)
    bar, labels = fig.data
    assert [round(v, 6) for v in bar.error_x.array] == [20.0, 12.0, 8.0]
    assert [round(v, 6) for v in bar.error_x.arrayminus] == [7.0, 10.0, 8.0]
    assert [s.strip() for s in labels.text] == ["10,0 %", "25,0 %", "40,0 %"]
    assert [round(x, 6) for x in labels.x] == [30.0, 37.0, 48.0]  # beyond the interval: no line crosses


def test_hover_texts_are_formatted_indonesian_style():
    customdata = region_bar(FRAME, RATE, "id", COLORS, STAFF).data[0].customdata
    assert [row[0] for row in customdata] == [row[1] for row in customdata]  # drill-down: [region, region, …]
    semarang = customdata[2][2]
    assert "<b>Semarang</b>" in semarang
    assert "Memenuhi 20 JP: 40,0 %" in semarang
    assert "Rentang 95 %: 32,0 % – 48,0 %" in semarang
    assert "Jumlah ASN: 1.500" in semarang


def test_the_title_states_the_finding():
    fig = region_bar(FRAME, RATE, "id", COLORS, STAFF)
    assert fig.layout.title.text == "Memenuhi 20 JP: Semarang tertinggi (40,0 %)"
    assert fig.layout.title.subtitle.text == "Siulak terendah (10,0 %)"
    english = region_bar(FRAME, RATE, "en", COLORS, STAFF)
    assert english.layout.title.text == "Meeting 20 JP: Semarang highest (40.0 %)"
    assert (
        "Jumlah" not in english.data[0].customdata[0][2] and "ASN headcount: 20" in english.data[0].customdata[0][2]
    )


def test_axis_numbers_follow_the_language():
    assert region_bar(FRAME, RATE, "id", COLORS).layout.separators == ",."
    assert region_bar(FRAME, RATE, "en", COLORS).layout.separators == ".,"
    axis = region_bar(FRAME, RATE, "id", COLORS).layout.xaxis
    assert axis.ticksuffix == " %"
    assert max(axis.tickvals) == 100  # room for labels past 100, but no "120 %" tick
    assert list(axis.ticktext) == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]


def test_the_target_is_drawn_where_the_registry_has_one():
    fig = region_bar(FRAME, RATE, "id", COLORS)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(lines) == 1 and lines[0].x0 == 100
    assert fig.layout.annotations[0].text == "Target 100 %"
    assert not region_bar(FRAME.with_columns(value=pl.col("value") * 10), SCORE, "id", COLORS).layout.shapes


def test_missing_values_are_left_out_and_a_single_region_reads_plainly():
    frame = pl.DataFrame({"group": ["Serang", "Siulak"], "value": [3.456, None]})
    fig = region_bar(frame, SCORE, "id", COLORS)
    assert list(fig.data[0].y) == ["Serang"]
    assert fig.data[0].error_x.array is None
    assert fig.layout.title.text == "Kepuasan peserta di Serang: 3,46"


def test_no_data_at_all():
    frame = pl.DataFrame(
        {"group": ["Serang"], "value": [None]}, schema={"group": pl.String, "value": pl.Float64}
    )
    fig = region_bar(frame, RATE, "en", COLORS)
    assert len(fig.data[0].y) == 0
    assert finding(frame, RATE, "en") == ("Meeting 20 JP: no data yet", "")
