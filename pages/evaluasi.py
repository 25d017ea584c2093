"""Evaluasi Pelatihan: does training work? Kirkpatrick's levels from the data at hand: satisfaction,
learning gain (per JP and per Rupiah), and the rating change of the trained against comparable staff.
Layout only: the pieces live in src/ui/evaluation.py."""

import streamlit as st

from src.i18n import t
from src.ui import components, data
from src.ui import evaluation as ev
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.nav.evaluation", lang))
narrowing_chips(view)
st.caption(components.scope_line(view))

now = data.kpis(view.filters, metric_ids=["asn_count"])
if components.is_empty(now):
    components.empty_state(view)
    st.stop()

st.write(t("ui.evaluation.intro", lang))
summary = ev.headline(view)
if not summary["records"]:
    ev.no_records(view)
    st.stop()

st.subheader(t("ui.evaluation.compare_heading", lang))
ev.compare_section(view)

st.subheader(t("ui.evaluation.ranking_heading", lang))
ev.ranking_section(view)

st.subheader(t("ui.evaluation.rating_heading", lang))
ev.rating_section(view)
