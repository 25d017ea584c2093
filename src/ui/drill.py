"""Cross-filter and drill-down: a click on a region's or an OPD's mark narrows the global filters to it,
and chips above the page undo it.

Chart builders put the value to narrow to first in each point's `customdata` and its region second:
`[region, region, …]` for region charts, `[unit, region, …]` for OPD charts (same-named OPD exist in
several regions); anything after that (hover text, say) is theirs. The narrowing goes
through the sidebar's own widget state, so the URL, the sidebar and every page follow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import plotly.graph_objects as go
import streamlit as st

from src.i18n import t
from src.ui.filters import KEY_REGIONS, KEY_UNITS, View

Dimension = Literal["region", "unit"]
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def selected_targets(points: Sequence[Mapping[str, Any]]) -> list[tuple[str, str | None]]:
    """(value, region) of each clicked point, from its customdata (or its category, as a fallback)."""
    targets = []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom:
            value, region = str(custom[0]), (str(custom[1]) if len(custom) > 1 and custom[1] else None)
        else:
            category = point.get("y") if isinstance(point.get("y"), str) else point.get("x")
            if category is None:
                continue
            value, region = str(category), None
        if (value, region) not in targets:
            targets.append((value, region))
    return targets


def narrow(state: Any, dimension: Dimension, targets: Sequence[tuple[str, str | None]]) -> None:
    """Set the sidebar's region / OPD selection to the clicked marks (no-op without any)."""
    if not targets:
        return
    if dimension == "region":
        state[KEY_REGIONS] = [value for value, _ in targets]
        state[KEY_UNITS] = []
        return
    regions = [region for _, region in targets if region]
    if regions:
        state[KEY_REGIONS] = list(dict.fromkeys(regions))
    state[KEY_UNITS] = list(dict.fromkeys(value for value, _ in targets))


def drill_chart(figure: go.Figure, dimension: Dimension, key: str) -> None:
    """Show `figure`; clicking a bar (or point) narrows the view to its region or OPD."""

    def on_select() -> None:
        event = st.session_state.get(key)
        points = event["selection"]["points"] if event else []
        narrow(st.session_state, dimension, selected_targets(points))

    st.plotly_chart(
        figure, key=key, on_select=on_select, selection_mode="points", config=PLOTLY_CONFIG, width="stretch"
    )
    st.caption(t("ui.drill.hint", st.session_state.get("lang", "id")))


def _remove(key: str, value: str) -> None:
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v != value]
    if key == KEY_REGIONS:  # OPD of a region no longer chosen would be dropped anyway
        st.session_state[KEY_UNITS] = []


def narrowing_chips(view: View) -> None:
    """One chip per chosen region and OPD above the page; a click on a chip undoes that narrowing."""
    chosen = [(KEY_REGIONS, r) for r in view.filters.regions] + [(KEY_UNITS, u) for u in view.filters.units]
    if not chosen:
        return
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.caption(t("ui.drill.narrowed_to", view.lang))
    for key, value in chosen:
        row.button(
            value,
            key=f"chip_{key}_{value}",
            icon=":material/close:",
            on_click=_remove,
            args=(key, value),
            help=t("ui.drill.remove", view.lang, value=value),
        )
