"""Evaluasi Pelatihan: the page through AppTest (default, English, the pickers, nothing matching) and
its chart builders as pure functions, asserted on their data. Expected figures come from the metrics
layer on the session's sample database, never from the page itself."""

from __future__ import annotations

import polars as pl
import pytest

from src.i18n import t
from src.metrics import evaluation
from src.ui import evaluation as ev
from src.ui.format import format_delta, format_metric
from tests.ui.conftest import chart_specs, chart_title, flat, no_errors

PAGE = "pages/evaluasi.py"


def _expected_cards(figures, filters, lang: str) -> dict[str, str]:
    summary = evaluation.summary(figures.con, filters)
    effect = evaluation.rating_effect(figures.con, filters)
    return {
        ev.SATISFACTION.label(lang): format_metric(ev.SATISFACTION, summary["satisfaction_mean"], lang),
        ev.GAIN.label(lang): format_metric(ev.GAIN, summary["gain_mean"], lang),
        ev.PER_JP.label(lang): format_metric(ev.PER_JP, summary["gain_per_jp"], lang),
        ev.PER_MILLION.label(lang): format_metric(ev.PER_MILLION, summary["gain_per_million"], lang),
        ev.UPLIFT.label(lang): format_delta(ev.UPLIFT, effect["rating_uplift"], lang),
    }


def test_default_filters(run_app, figures):
    at = run_app(page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Evaluasi Pelatihan"
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "id")
    assert [s.value for s in at.subheader][:3] == [
        t(f"ui.evaluation.{k}_heading", "id") for k in ("compare", "ranking", "rating")
    ]
    charts = chart_specs(at)
    assert len(charts) == 3 and len(at.get("download_button")) == 6
    # Providers: the dots are the metrics layer's means, largest groups first, at most TOP.
    rows = evaluation.compare_groups(figures.con, figures.default, "provider", "satisfaction")
    dots = charts[0]["data"][0]
    assert len(dots["x"]) == min(ev.TOP, rows.height)
    expected = dict(zip(rows["group"], rows["mean"], strict=True))
    for key, mean in zip(dots["y"], dots["x"], strict=True):
        assert abs(expected[key.split("\u2063")[1]] - mean) < 1e-9
    # The rating comparison carries its caveat.
    assert any("bukan bukti sebab-akibat" in w.value for w in at.warning)
    effect = evaluation.rating_effect(figures.con, figures.default)
    subtitle = charts[2]["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert f"predikat {effect['cohort']} → {effect['cohort'] + 1}" in subtitle


def test_english(run_app, figures):
    at = run_app(query={"lang": "en"}, page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Training Evaluation"
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "en")
    assert any("not proof of cause" in w.value for w in at.warning)
    assert "providers" in chart_title(chart_specs(at)[0])


def test_the_pickers(run_app, figures):
    at = run_app(page=PAGE)
    at.pills(key=ev.MEASURE_KEY).set_value("gain").run()
    at.pills(key=ev.DIMENSION_KEY).set_value("method").run()
    no_errors(at)
    rows = evaluation.compare_groups(figures.con, figures.default, "method", "gain")
    dots = chart_specs(at)[0]["data"][0]
    assert sorted(k.split("\u2063")[1] for k in dots["y"]) == sorted(rows["group"].head(ev.TOP))
    at.pills(key=ev.RANKING_KEY).set_value("gain_per_jp").run()
    no_errors(at)
    ranked = evaluation.course_ranking(figures.con, figures.default, "gain_per_jp")
    assert chart_title(chart_specs(at)[1]).startswith("Paling tinggi per JP")
    assert ranked["group"][0][:30] in chart_title(chart_specs(at)[1])


def test_nothing_matches(run_app, figures):
    at = run_app(query=figures.empty_staff_filter(), page=PAGE)
    no_errors(at)
    assert not at.metric and not at.get("plotly_chart")
    assert t("ui.overview.empty_title", "id") in at.info[0].value


# ---- builders --------------------------------------------------------------------------------------------

GROUPS = pl.DataFrame(
    {
        "group": ["P1", "P2", "P3"],
        "n": [40.0, 12.0, 30.0],
        "mean": [4.5, 4.0, 3.6],
        "low": [4.3, 3.7, 3.4],
        "high": [4.7, 4.3, 3.8],
        "overall": [4.0, 4.0, 4.0],
        "position": ["above", "unclear", "below"],
    }
)


def test_interval_figure_colours_by_position():
    fig = ev.interval_figure(GROUPS, "satisfaction", "provider", "id")
    dots = fig.data[0]
    # Drawn bottom-up: P3, P2, P1; error bars from the interval.
    assert [k.split("\u2063")[1] for k in dots.y] == ["P3", "P2", "P1"]
    assert list(dots.marker.color) == [ev.VERMILLION, ev.GREY, ev.GREEN]
    assert list(dots.error_x.array) == pytest.approx([0.2, 0.3, 0.2])
    assert (
        fig.layout.title.text.replace("<br>", " ")
        == "1 dari 3 penyelenggara jelas di atas rata-rata, 1 jelas di bawahnya"
    )
    assert ev.interval_figure(GROUPS.head(0), "satisfaction", "provider", "id").data == ()


def test_ranking_figure_keeps_the_top():
    ranked = pl.DataFrame(
        {
            "group": [f"Kursus {i}" for i in range(15)],
            "method": ["E-Learning"] * 5 + ["Bimtek"] * 10,
            "gain_per_million": [100.0 - i for i in range(15)],
            "gain_mean": [10.0] * 15,
            "cost_per_participant": [50_000.0] * 15,
            "gain_n": [20.0] * 15,
        }
    )
    fig = ev.ranking_figure(ranked, "gain_per_million", "id")
    assert sum(len(bar.y) for bar in fig.data) == ev.TOP
    assert {bar.name for bar in fig.data} == {"E-Learning", "Bimtek"}
    assert flat(fig.layout.title.text) == "Paling tinggi per Rupiah: Kursus 0, 100,00 poin per Rp1 juta"


def test_rating_figure_pairs_trained_and_comparison():
    by_start = pl.DataFrame(
        {"start_score": [3, 4], "trained_n": [1, 2], "comparison_n": [2, 2], "trained_change": [1.0, 0.5],
         "comparison_change": [0.5, -0.5], "uplift": [0.5, 1.0]}
    )  # fmt: skip
    effect = {"cohort": 2024, "rating_uplift": 5 / 6, "trained_n": 3, "comparison_n": 4}
    fig = ev.rating_figure(by_start, effect, "id")
    assert list(fig.data[0].x) == ["Butuh Perbaikan", "Baik"]
    assert list(fig.data[0].y) == [1.0, 0.5] and list(fig.data[1].y) == [0.5, -0.5]
    assert "0,83 tingkat lebih baik" in fig.layout.title.text.replace("<br>", " ")
    assert ev.rating_figure(by_start.head(0), {"rating_uplift": None}, "id").data == ()
