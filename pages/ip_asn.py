"""IP ASN (kompetensi): an estimate of the competency dimension of the professionalism index per region
and OPD from the development history, with the scoring's assumed points shown. Layout only: the
pieces live in src/ui/ip_asn.py."""

import streamlit as st

from src.i18n import t
from src.ui import components
from src.ui import ip_asn as ip_ui
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.nav.ip_asn", lang))
narrowing_chips(view)
st.caption(components.scope_line(view))

now = ip_ui.totals(view)
if not now.height or not now["ip_staff"][0]:
    components.empty_state(view)
    st.stop()

st.write(t("ui.ip_asn.intro", lang))
ip_ui.assumption_note(view)
ip_ui.cards(view, now)

st.subheader(t("ui.ip_asn.groups_heading", lang))
ip_ui.groups_section(view)

st.subheader(t("ui.ip_asn.items_heading", lang))
ip_ui.items_section(view, now)

st.subheader(t("ui.ip_asn.dist_heading", lang))
ip_ui.distribution_section(view)

st.subheader(t("ui.ip_asn.rules_heading", lang))
ip_ui.rules_section(view)
