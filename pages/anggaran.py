"""Anggaran (budget): pagu, spending and absorption against the plan, where it lags (OPD,
sub-kegiatan, month by month, the year-end projection), and what development costs and who pays."""

import streamlit as st

from src.i18n import t
from src.ui import budget, charts, components, drill
from src.ui.filters import current_view

view = current_view()
lang, filters = view.lang, view.filters
month = filters.end_month

st.title(t("ui.nav.budget", lang))
drill.narrowing_chips(view)
st.caption(components.scope_line(view))

page = budget.load(view)
if page.is_empty:
    budget.empty_state(view)
    st.stop()
budget.scope_notes(view, page)

if page.has_budget:
    components.render_cards(budget.headline_cards(page.plan, page.before, view, page.comparable), lang)

    st.subheader(t("ui.budget.behind_heading", lang))
    budget.behind_block(view, page)

    st.subheader(t("ui.budget.months_heading", lang))
    plan_curve = page.plan["plan_by_month"]
    budget.chart_block(
        view,
        budget.month_figure(page.months, filters.year, month, plan_curve, lang, page.projection),
        budget.months_export(page.months, filters.year, month, lang),
        "serapan_bulanan",
        "budget_months",
    )
    st.markdown(budget.projection_text(page.projection, filters.year, lang, page.plan["absorption"]))

    st.subheader(t("ui.budget.units_heading", lang))
    limit = budget.unit_limit(view, page.units.height)
    budget.chart_block(
        view,
        budget.unit_figure(page.units, charts.region_colors(view.choices.regions), month, lang, limit),
        budget.units_export(page.units, lang),
        "anggaran_per_opd",
        "budget_units",
        drill_dimension="unit",
    )

    st.subheader(t("ui.budget.sub_heading", lang))
    budget.chart_block(
        view,
        budget.sub_kegiatan_figure(page.subs, month, lang),
        budget.subs_export(page.subs, lang),
        "anggaran_per_sub_kegiatan",
        "budget_subs",
    )
    if (page.subs["code_count"] > 1).any():
        st.caption(t("ui.budget.sub_note", lang))
else:
    budget.no_budget_notice(view)

st.header(t("ui.budget.cost_heading", lang), divider="gray")
st.caption(t("ui.budget.cost_note", lang))

st.subheader(t("ui.budget.method_heading", lang))
if page.has_methods:
    measure = budget.measure_picker(lang)
    budget.chart_block(
        view,
        budget.method_figure(page.methods, page.elearning, lang, measure),
        budget.methods_export(page.methods, lang),
        "biaya_per_metode",
        "budget_methods",
    )
else:
    st.info(t("ui.budget.method_empty", lang), icon=":material/money_off:")

st.subheader(t("ui.budget.funding_heading", lang))
if page.has_funding:
    budget.chart_block(
        view,
        budget.funding_figure(page.funding, lang),
        budget.funding_export(page.funding, lang),
        "sumber_dana",
        "budget_funding",
    )
else:
    st.info(t("ui.budget.funding_empty", lang), icon=":material/money_off:")
