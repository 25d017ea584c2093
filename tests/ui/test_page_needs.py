"""Kebutuhan Pelatihan: the page through AppTest (default, English, staff filters set aside, a year
without a survey) and its builders as pure functions. Expected figures come from the metrics layer on
the session's sample database, never from the page itself."""

from __future__ import annotations

import polars as pl

from src.i18n import t
from src.metrics import needs
from src.ui import needs as nd
from src.ui.format import format_metric, format_rupiah
from tests.ui.conftest import chart_specs, flat, no_errors

PAGE = "pages/kebutuhan.py"


def _expected_cards(figures, filters, lang: str) -> dict[str, str]:
    summary = needs.summary(figures.con, filters)
    return {spec.label(lang): format_metric(spec, summary[spec.id], lang) for spec in nd.CARDS}


def test_default_filters(run_app, figures):
    at = run_app(page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Kebutuhan Pelatihan"
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "id")
    assert [s.value for s in at.subheader][:3] == [
        t(f"ui.needs.{k}_heading", "id") for k in ("demand", "unmet", "programme")
    ]
    charts = chart_specs(at)
    assert len(charts) == 2 and len(at.get("download_button")) == 6
    # The demand chart's request shares are the metrics layer's, for the most requested topics.
    topics = needs.topics(figures.con, figures.default)
    requests = next(trace for trace in charts[0]["data"] if trace["name"] == "Porsi permintaan")
    shares = dict(zip(topics["topic"], topics["request_share"], strict=True))
    for topic, share in zip(requests["y"], requests["x"], strict=True):
        if topic in shares:
            assert abs(shares[topic] * 100 - share) < 1e-9
    # The programme: ranked as the metrics layer ranks, the lead names the first topic and the cost.
    plan = needs.programme(figures.con, figures.default)
    table = at.table[-1].value
    assert list(table[t("ui.needs.col_rank", "id")]) == [str(r) for r in plan["rank"]]
    assert list(table["Topik"]) == plan["topic"].to_list()
    summary = needs.summary(figures.con, figures.default)
    lead = next(m.value for m in at.markdown if "Prioritas pertama" in m.value)
    assert plan["topic"][0] in lead and format_rupiah(summary["programme_cost"], "id") in lead


def test_english(run_app, figures):
    at = run_app(query={"lang": "en"}, page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Training Needs"
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "en")
    assert "least served" in flat(chart_specs(at)[0]["layout"]["title"]["text"])


def test_staff_filters_are_set_aside(run_app, figures):
    at = run_app(query={"jk": "P"}, page=PAGE)
    no_errors(at)
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "id")
    assert any(t("ui.needs.staff_filters", "id") == c.value for c in at.caption)


def test_a_year_without_survey(tmp_path, monkeypatch):
    """A warehouse with staff and courses but no needs survey: the page says so and stops."""
    from streamlit.testing.v1 import AppTest

    from src.warehouse.db import connect
    from tests.metrics_views.builder import Exports
    from tests.ui.conftest import APP

    exports = Exports(tmp_path / "exports")
    exports.staff("A").course("A", "2025-03-10", 8)
    db = tmp_path / "bare.duckdb"
    con = connect(db)
    try:
        exports.import_into(con)
    finally:
        con.close()
    monkeypatch.setenv("DASBOR_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    at.switch_page(PAGE).run()
    no_errors(at)
    assert not at.metric and not at.get("plotly_chart")
    assert t("ui.needs.no_survey_title", "id", year=2025) in at.info[0].value
    assert "Kelola Data" in at.info[0].value


# ---- builders --------------------------------------------------------------------------------------------

TOPICS = pl.DataFrame(
    {
        "topic": ["A", "B", "C", "D"],
        "requested": [6, 3, 1, 0],
        "jp_delivered": [10.0, 30.0, 0.0, 60.0],
        "request_share": [0.6, 0.3, 0.1, 0.0],
        "jp_share": [0.1, 0.3, 0.0, 0.6],
        "topic_service_ratio": [1 / 6, 1.0, 0.0, None],
        "served": ["under", "balanced", "under", "not_requested"],
    }
)


def test_demand_rows_add_up_the_rest():
    rows = nd.demand_rows(TOPICS, "id", limit=2)
    # A and B, then C + D: 1 request (0,1) and 60 JP (0,6).
    assert rows["topic"].to_list() == ["A", "B", "Lainnya (2 topik)"]
    assert rows["requested"].to_list() == [6, 3, 1]
    assert rows["jp_share"].to_list() == [0.1, 0.3, 0.6]


def test_demand_figure_names_the_least_served_topic():
    fig = nd.demand_figure(TOPICS, "id")
    # Of the requested topics C has the lowest JP-to-demand ratio (0); D is not requested but has JP.
    assert flat(fig.layout.title.text) == "C paling kurang terlayani: 10,0 % permintaan, 0,0 % JP"
    assert "D" in flat(fig.layout.title.subtitle.text)
    requests = next(trace for trace in fig.data if trace.name == "Porsi permintaan")
    assert list(requests.y) == ["D", "C", "B", "A"] and list(requests.x) == [0.0, 10.0, 30.0, 60.0]


def test_programme_table_formats_and_marks_scope_estimates():
    plan = pl.DataFrame(
        {"rank": [1, 2], "topic": ["A", "B"], "requested": [6, 3], "unmet": [4, 3], "weighted_unmet": [12, 3],
         "units_asking": [2, 1], "gap_mean": [0.5, None], "competencies": ["X", None],
         "programme_score": [18.0, 3.0], "jp_per_participation": [8.0, 7.6], "cost_per_jp": [200_000.0, 150_000.0],
         "estimated_from_scope": [False, True], "estimated_jp": [32.0, 22.8], "cost_estimate": [6_400_000.0, 3_420_000.0]}
    )  # fmt: skip
    screen = nd.programme_table(plan, "id")
    assert screen["Biaya per JP"].to_list() == ["Rp200.000", "Rp150.000 *"]
    assert screen["Perkiraan biaya"].to_list() == ["Rp6,4 jt", "Rp3,4 jt"]
    raw = nd.programme_table(plan, "id", formatted=False)
    assert raw["Perkiraan biaya"].to_list() == [6_400_000.0, 3_420_000.0]
    assert raw[t("ui.needs.col_from_scope", "id")].to_list() == [False, True]
