"""Tinjauan Bulanan: BKPSDM's monthly review. Pick the month and region; the year-to-date figures with
their changes and targets beside last month's agreement; what changed in words; the charts; the lists
to act on; this month's notes; and the pack (PDF, XLSX) of the same figures.

Layout only: the figures come from src/metrics/review.py, the blocks from src/ui/review.py.
"""

import streamlit as st

from src.config import database_path
from src.i18n import t
from src.metrics.review import review_filters
from src.reports.build import pack_file
from src.reports.pdf import chromium_available
from src.ui import components, data
from src.ui import review as rv
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.review.title", lang))
st.caption(t("ui.review.lead", lang))
year, month, region = rv.pickers(view)
review = data.call("monthly_review", review_filters(year, month, region))
st.caption(rv.scope_caption(review, lang))
for warning in rv.data_warnings(review, lang):
    st.warning(warning, icon=":material/event_busy:")
if not review.staff:
    st.info(t("ui.review.empty", lang), icon=":material/filter_alt_off:")
    st.stop()

notes_db = database_path()  # notes live beside the database (src/warehouse/meta.py), not in a version
figures_col, agreed_col = st.columns([2, 1], gap="medium")
with figures_col:
    st.subheader(t("ui.review.figures_heading", lang))
    st.table(rv.figures_table(review, lang), hide_index=True, border="horizontal")
    st.caption(t("ui.review.figures_note", lang))
with agreed_col:
    rv.previous_note_block(notes_db, review, lang)
    rv.pack_buttons(review, lang, lambda kind: pack_file(kind, review, lang, notes_db), chromium_available())
with st.container(border=True):
    st.markdown(f"**{t('ui.review.summary_heading', lang)}**")
    st.markdown("\n".join(f"- {sentence}" for sentence in rv.summary_sentences(review, lang)))

st.subheader(t("ui.review.charts_heading", lang))
for column, fig in zip(st.columns(2, gap="medium"), rv.charts(review, lang), strict=True):
    column.plotly_chart(fig, config=components.PLOTLY_CONFIG)

st.subheader(t("ui.review.act_heading", lang))
for section in rv.sections(review, lang):
    st.markdown(f"**{section.heading}**")
    st.caption(section.caption)
    if section.frame.is_empty():
        st.caption(section.empty)
    else:
        st.table(rv.display_frame(section, lang), hide_index=True, border="horizontal")

rv.notes_block(notes_db, review, lang)
