"""Perbandingan Wilayah: the builders on hand-made frames, then the page through AppTest."""

from __future__ import annotations

import polars as pl
import pytest

from src.i18n import catalogue, t
from src.metrics import compute
from src.metrics.compute import wilson_interval
from src.metrics.registry import METRIC_BY_ID
from src.ui import comparison
from src.ui.charts import region_colors
from tests.ui.conftest import no_errors

COLORS = region_colors(["Semarang", "Serang", "Siulak"])
# (successes, total) per region for the count rates; plain values for the others.
RATES = {
    "Semarang": {"participation_rate": (600, 1000), "jp20_rate": (428, 1000)},
    "Serang": {"participation_rate": (170, 300), "jp20_rate": (102, 300)},
    "Siulak": {"participation_rate": (15, 40), "jp20_rate": (10, 40)},
}
PLAIN = {"Semarang": {"jp_per_asn": 26.7}, "Serang": {"jp_per_asn": 19.2}, "Siulak": {"jp_per_asn": 11.5}}
STAFF = {"Semarang": 1000, "Serang": 300, "Siulak": 40}
METRICS = ("participation_rate", "jp_per_asn", "jp20_rate")


def _long() -> pl.DataFrame:
    """A kpis_long frame by region, as compute.kpis_long returns it."""
    rows = []
    for region, staff in STAFF.items():
        base = {"group": region, "group_region": None, "group2": ""}
        rows.append({**base, "metric": "asn_count", "value": float(staff), "numerator": float(staff),
                     "denominator": None, "ci_low": None, "ci_high": None})  # fmt: skip
        for metric, (k, n) in RATES[region].items():
            low, high = wilson_interval(k, n)
            rows.append({**base, "metric": metric, "value": k / n, "numerator": float(k),
                         "denominator": float(n), "ci_low": low, "ci_high": high})  # fmt: skip
        for metric, value in PLAIN[region].items():
            rows.append({**base, "metric": metric, "value": value, "numerator": value * staff,
                         "denominator": float(staff), "ci_low": None, "ci_high": None})  # fmt: skip
    schema = {"group": pl.String, "group_region": pl.String, "group2": pl.String, "metric": pl.String,
              "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64, "ci_low": pl.Float64,
              "ci_high": pl.Float64}  # fmt: skip
    return pl.DataFrame(rows, schema=schema)


LONG = _long()


def _trend() -> pl.DataFrame:
    """monthly_trend by region: Serang leads in January, Semarang from February on."""
    values = {"Semarang": [0.02, 0.10, 0.20], "Serang": [0.05, 0.08, 0.15], "Siulak": [0.01, 0.02, None]}
    rows = [
        {"month": m + 1, "group": region, "group_region": None, "group2": "", "jp20_rate": v}
        for region, series in values.items()
        for m, v in enumerate(series)
    ]
    return pl.DataFrame(rows, schema_overrides={"month": pl.Int32, "jp20_rate": pl.Float64})


# ---- builders --------------------------------------------------------------------------------------


def test_the_ranking_bars_carry_the_region_for_the_drill_down():
    fig = comparison.ranking_figure(LONG, "jp20_rate", "id", COLORS)
    bar = fig.data[0]
    assert list(bar.y) == ["Siulak", "Serang", "Semarang"]  # best on top (Plotly draws bottom up)
    assert [list(c) for c in bar.customdata] == [["Siulak"], ["Serang"], ["Semarang"]]
    assert list(bar.marker.color) == [COLORS["Siulak"], COLORS["Serang"], COLORS["Semarang"]]
    assert fig.layout.title.text == "Memenuhi 20 JP: Semarang tertinggi (42,8 %)"
    semarang = bar.hovertext[2]
    assert "Memenuhi 20 JP: 42,8 %" in semarang and "Jumlah ASN: 1.000" in semarang
    assert "Rentang 95 %: 39,8–45,9 %" in semarang  # Wilson 428 of 1000
    assert bar.hovertemplate == "%{hovertext}<extra></extra>"


def test_which_differences_may_be_chance_in_plain_words():
    # Semarang 42,8 % [39,8; 45,9] vs Serang 34,0 % [28,9; 39,5]: apart.
    # Serang 34,0 % vs Siulak 25,0 % [14,2; 40,2]: the ranges overlap.
    assert comparison.pair_statements(LONG, "jp20_rate", "id") == [
        "Semarang lebih tinggi dari Serang (42,8 % vs 34,0 %), dan rentangnya terpisah: selisih ini kecil "
        "kemungkinannya kebetulan.",
        "Selisih Serang dan Siulak (34,0 % vs 25,0 %) bisa jadi kebetulan: rentangnya tumpang tindih.",
    ]
    english = comparison.pair_statements(LONG, "jp20_rate", "en")
    assert (
        english[1]
        == "The gap between Serang and Siulak (34.0 % vs 25.0 %) may be chance: their ranges overlap."
    )


def test_a_metric_without_intervals_gets_a_caution_naming_the_smallest_region():
    assert comparison.pair_statements(LONG, "jp_per_asn", "id") == [
        "Indikator ini tidak punya rentang 95 %; baca selisih kecil dengan hati-hati, terutama untuk wilayah "
        "kecil seperti Siulak (40 ASN)."
    ]


def test_one_region_has_nothing_to_compare():
    assert comparison.pair_statements(LONG.filter(pl.col("group") == "Siulak"), "jp20_rate", "id") == []


def test_the_ranking_download_holds_numbers_and_the_verdict():
    frame = comparison.ranking_download(LONG, "jp20_rate", "id")
    assert frame["Wilayah"].to_list() == ["Semarang", "Serang", "Siulak"]
    assert frame["Peringkat"].to_list() == [1, 2, 3]
    assert frame["Nilai"].to_list() == [pytest.approx(42.8), pytest.approx(34.0), pytest.approx(25.0)]
    assert frame["Satuan"].to_list() == ["%"] * 3
    assert frame["Penyebut"].to_list() == [1000.0, 300.0, 40.0]
    assert frame["Selisih dengan peringkat di atasnya"].to_list() == [
        "",
        "kecil kemungkinan kebetulan",
        "bisa kebetulan",
    ]


def test_the_side_by_side_table():
    table = comparison.side_by_side_table(LONG, METRICS, "id")
    assert table.columns == ["Indikator", "Semarang", "Serang", "Siulak"]
    assert table["Indikator"].to_list() == [
        "Jumlah ASN",
        "Tingkat partisipasi",
        "JP per ASN",
        "Memenuhi 20 JP",
    ]
    assert table["Siulak"][0] == "40"
    nbsp = "\u00a0"
    assert table["Semarang"][1] == f"60,0{nbsp}% :gray[(56,9\u2060–\u206063,0{nbsp}%)]"  # Wilson 600 of 1000
    assert table["Semarang"][2] == f"26,7{nbsp}JP"  # no interval for JP per ASN


def test_small_multiples_one_panel_per_metric_regions_in_fixed_places_and_colours():
    fig = comparison.small_multiples(LONG, METRICS, "id", COLORS)
    bars = [trace for trace in fig.data if trace.type == "bar"]
    assert len(bars) == len(METRICS)
    for bar in bars:
        assert list(bar.y) == ["Siulak", "Serang", "Semarang"]  # alphabetical from the top, in every panel
        assert list(bar.marker.color) == [COLORS[r] for r in bar.y]
    assert [a.text for a in fig.layout.annotations] == [METRIC_BY_ID[m].label("id") for m in METRICS]
    # Whiskers only where the metric has an interval.
    assert bars[0].error_x.array is not None and bars[1].error_x.array is None
    labels = [trace for trace in fig.data if trace.type == "scatter"]
    assert [s.strip() for s in labels[1].text] == ["11,5 JP", "19,2 JP", "26,7 JP"]
    assert fig.layout.title.text == "Semarang terbaik pada 3 dari 3 indikator"


def test_the_trend_names_the_leader_and_since_when():
    trend = _trend()
    fig = comparison.trend_figure(trend, "jp20_rate", "id", COLORS)
    assert [trace.name for trace in fig.data] == ["Semarang", "Serang", "Siulak"]
    assert [trace.line.color for trace in fig.data] == [COLORS[r] for r in ("Semarang", "Serang", "Siulak")]
    assert list(fig.data[0].y) == [pytest.approx(2.0), pytest.approx(10.0), pytest.approx(20.0)]
    assert list(fig.layout.xaxis.ticktext) == ["Jan", "Feb", "Mar"]
    assert fig.layout.title.text == "Memenuhi 20 JP: Semarang di depan sejak Februari"
    assert "sampai akhir Maret: 20,0 %" in fig.data[0].hovertext[2]
    single = comparison.trend_finding(trend.filter(pl.col("group") == "Serang"), "jp20_rate", "en")
    assert single == "Meeting 20 JP in Serang: 15.0 % by the end of March"


def test_every_comparison_text_has_both_languages():
    entries = {k: v for k, v in catalogue().items() if k.startswith("ui.comparison.")}
    assert len(entries) > 30
    for key, entry in entries.items():
        assert entry.get("id") and entry.get("en"), key
    for spec in METRIC_BY_ID.values():  # every denominator can be put into words
        if spec.denominator:
            assert f"ui.comparison.base_{spec.denominator}" in catalogue(), spec.id


# ---- the page ----------------------------------------------------------------------------------------

PAGE = "pages/perbandingan.py"


def _expected_long(figures, filters):
    return compute.kpis_long(figures.con, filters, by="region", metric_ids=list(comparison.LONG_METRICS))


def test_the_page_with_default_filters(run_app, figures):
    at = run_app(page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Perbandingan Wilayah"
    assert [s.value for s in at.subheader][:3] == [
        "Peringkat wilayah",
        "Tren per wilayah",
        "Semua indikator berdampingan",
    ]
    long = _expected_long(figures, figures.default)
    sentences = comparison.pair_statements(long, "jp20_rate", "id")
    assert len(sentences) == len(figures.regions) - 1
    assert at.markdown[0].value == "\n".join(f"- {s}" for s in sentences)
    table = at.table[0].value
    assert list(table.columns) == ["Indikator", *figures.regions]
    assert table["Indikator"].iloc[0] == "Jumlah ASN"
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # ranking, trend, small multiples
    assert "Memenuhi 20 JP" in charts[0].proto.spec
    assert len(at.get("download_button")) == 6  # CSV and XLSX under each chart


def test_picking_another_metric(run_app, figures):
    at = run_app(page=PAGE)
    at.selectbox(key=comparison.METRIC_KEY).set_value("jp_per_asn").run()
    no_errors(at)
    assert "JP per ASN" in at.get("plotly_chart")[0].proto.spec
    long = _expected_long(figures, figures.default)
    assert at.markdown[0].value == "\n".join(
        f"- {s}" for s in comparison.pair_statements(long, "jp_per_asn", "id")
    )


def test_a_narrow_filter(run_app, figures):
    region = figures.regions[-1]
    at = run_app(query={"wilayah": region, "jk": "P"}, page=PAGE)
    no_errors(at)
    assert list(at.table[0].value.columns) == ["Indikator", region]
    assert t("ui.comparison.one_region", "id") in at.info[0].value
    assert at.button(key=f"chip_f_regions_{region}")  # the narrowing can be undone from the page
    assert at.query_params["wilayah"] == region and at.query_params["jk"] == "P"


def test_no_matching_staff(run_app, figures):
    at = run_app(query=figures.empty_staff_filter(), page=PAGE)
    no_errors(at)
    assert t("ui.overview.empty_title", "id") in at.info[0].value
    assert not at.get("plotly_chart") and not at.table


def test_in_english(run_app, figures):
    at = run_app(query={"lang": "en"}, page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Regional comparison"
    assert at.subheader[0].value == "Regional ranking"
    assert at.table[0].value.columns[0] == "Indicator"
    long = _expected_long(figures, figures.default)
    assert at.markdown[0].value == "\n".join(
        f"- {s}" for s in comparison.pair_statements(long, "jp20_rate", "en")
    )
