"""The global filter sidebar: builds ONE validated Filters object and keeps it in the page address.

URL scheme (every value is checked against a fixed list or the data; nothing is unpickled or eval'd):

| parameter   | meaning                          | values                                   |
|-------------|----------------------------------|------------------------------------------|
| lang        | language                         | id (default, left out) or en             |
| tahun       | year                             | a year with data (default: the latest)   |
| bulan       | year to date through this month  | 1–12 (default: the year's latest month)  |
| wilayah     | region, repeatable               | regions in the data                      |
| opd         | unit, repeatable                 | units of the chosen regions              |
| pegawai     | jenis pegawai, repeatable        | PNS, CPNS, PPPK, PPPK Paruh Waktu        |
| jabatan     | jenis jabatan, repeatable        | Struktural, Fungsional, Pelaksana        |
| golongan    | golongan group, repeatable       | I, II, III, IV, PPPK                     |
| jk          | gender, repeatable               | L, P                                     |
| usia        | age band, repeatable             | <30, 30-39, 40-49, 50+                   |
| pendidikan  | education, repeatable            | SD … S-3                                 |

`tahun` and `bulan` are always written, so a copied link keeps its period when newer data arrives.
The URL is read once per browser session (a reload or a pasted link starts a new one); after that
the widgets lead and the URL follows them, page switches included. A value that is not recognised
falls back to its default and a notice names the parameter (never echoes the value).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl
import streamlit as st
from pydantic import ValidationError

from src.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from src.metrics.filters import (
    AGE_BANDS,
    EDUCATION,
    GENDERS,
    GOLONGAN_GROUPS,
    JENIS_JABATAN,
    JENIS_PEGAWAI,
    Filters,
)
from src.metrics.registry import DIMENSIONS
from src.ui import data
from src.ui.format import month_name
from src.ui.pages_registry import leave_legacy_pages_mode

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
URL_LANG, URL_YEAR, URL_MONTH, URL_REGIONS, URL_UNITS = "lang", "tahun", "bulan", "wilayah", "opd"
KEY_LANG, KEY_YEAR, KEY_MONTH, KEY_REGIONS, KEY_UNITS = "lang", "f_year", "f_month", "f_regions", "f_units"
_LOADED = "_filters_loaded_from_url"
_VIEW = "_view"
_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"[0-9]{1,2}")


@dataclass(frozen=True)
class StaffFilter:
    """A person-level filter: a Filters field (= a DIMENSIONS id), its URL name and its closed list."""

    field: str
    url: str
    options: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"f_{self.field}"


STAFF_FILTERS = (
    StaffFilter("jenis_pegawai", "pegawai", JENIS_PEGAWAI),
    StaffFilter("jenis_jabatan", "jabatan", JENIS_JABATAN),
    StaffFilter("golongan_group", "golongan", GOLONGAN_GROUPS),
    StaffFilter("gender", "jk", GENDERS),
    StaffFilter("age_band", "usia", AGE_BANDS),
    StaffFilter("education", "pendidikan", EDUCATION),
)
_VALUE_KEYS = {
    "gender": {"L": "ui.value.male", "P": "ui.value.female"},
    "age_band": {
        "<30": "ui.value.age_under_30",
        "30-39": "ui.value.age_30_39",
        "40-49": "ui.value.age_40_49",
        "50+": "ui.value.age_50_plus",
    },
}


def value_label(filter_field: str, value: str, lang: str) -> str:
    """How a filter value is shown: L -> Laki-laki, <30 -> < 30 tahun, III -> Golongan III."""
    key = _VALUE_KEYS.get(filter_field, {}).get(value)
    if key:
        return t(key, lang)
    if filter_field == "golongan_group" and value != "PPPK":
        return t("ui.value.golongan", lang, group=value)
    return value


@dataclass(frozen=True)
class Choices:
    """What the widgets offer, from the data: years with their latest month, regions and their units."""

    last_month: dict[int, int]
    units_by_region: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_frames(cls, periods: pl.DataFrame, units: pl.DataFrame) -> Choices:
        last = {int(y): int(m or 12) for y, m in periods.select("year", "last_month").iter_rows()}
        by_region: dict[str, list[str]] = {}
        for region, unit in units.select("region", "unit").iter_rows():
            by_region.setdefault(region, []).append(unit)
        return cls(last, {r: tuple(sorted(u)) for r, u in sorted(by_region.items())})

    @property
    def years(self) -> tuple[int, ...]:
        """Newest first."""
        return tuple(sorted(self.last_month, reverse=True))

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(self.units_by_region)

    def units_of(self, regions: Sequence[str]) -> tuple[str, ...]:
        """Distinct unit names of the chosen regions (of every region when none is chosen)."""
        chosen = regions or self.regions
        return tuple(sorted({u for r in chosen for u in self.units_by_region.get(r, ())}))

    @property
    def default_year(self) -> int:
        return self.years[0]

    def default_month(self, year: int) -> int:
        return self.last_month.get(year, 12)


@dataclass(frozen=True)
class View:
    """What every page gets: the language, the validated filters and what the filters could offer."""

    lang: str
    filters: Filters
    choices: Choices

    @property
    def staff_filters_active(self) -> int:
        return sum(1 for f in STAFF_FILTERS if getattr(self.filters, f.field))


def defaults(choices: Choices) -> dict[str, object]:
    """Session-state values of every filter widget before anyone touches them."""
    year = choices.default_year
    state: dict[str, object] = {
        KEY_LANG: DEFAULT_LANGUAGE,
        KEY_YEAR: year,
        KEY_MONTH: choices.default_month(year),
        KEY_REGIONS: [],
        KEY_UNITS: [],
    }
    state.update({f.key: [] for f in STAFF_FILTERS})
    return state


def _single(values: Sequence[str], pattern: re.Pattern[str]) -> int | None:
    if len(values) != 1 or not pattern.fullmatch(values[0]):
        return None
    return int(values[0])


def _subset(values: Sequence[str], allowed: Sequence[str]) -> tuple[list[str], bool]:
    """The recognised values (first occurrence order) and whether any was not recognised."""
    kept = list(dict.fromkeys(v for v in values if v in allowed))
    return kept, len(kept) != len(set(values))


def parse_url(params: Mapping[str, Sequence[str]], choices: Choices) -> tuple[dict[str, object], list[str]]:
    """Widget state from URL parameters (name -> every value given), and the rejected parameter names.

    Pure and total: any input gives a valid state; unknown parameters are ignored.
    """
    state = defaults(choices)
    rejected: list[str] = []
    if URL_LANG in params:
        values = params[URL_LANG]
        if len(values) == 1 and values[0] in LANGUAGES:
            state[KEY_LANG] = values[0]
        else:
            rejected.append(URL_LANG)
    if URL_YEAR in params:
        year = _single(params[URL_YEAR], _YEAR)
        if year in choices.last_month:
            state[KEY_YEAR] = year
            state[KEY_MONTH] = choices.default_month(year)
        else:
            rejected.append(URL_YEAR)
    if URL_MONTH in params:
        month = _single(params[URL_MONTH], _MONTH)
        if month is not None and 1 <= month <= 12:
            state[KEY_MONTH] = month
        else:
            rejected.append(URL_MONTH)
    regions: list[str] = []
    if URL_REGIONS in params:
        regions, bad = _subset(params[URL_REGIONS], choices.regions)
        state[KEY_REGIONS] = regions
        if bad:
            rejected.append(URL_REGIONS)
    if URL_UNITS in params:
        state[KEY_UNITS], bad = _subset(params[URL_UNITS], choices.units_of(regions))
        if bad:
            rejected.append(URL_UNITS)
    for spec in STAFF_FILTERS:
        if spec.url in params:
            state[spec.key], bad = _subset(params[spec.url], spec.options)
            if bad:
                rejected.append(spec.url)
    return state, rejected


def build_filters(state: Mapping[str, object]) -> Filters:
    """The one Filters object of the widget state (raises ValidationError on an impossible state)."""
    return Filters(
        year=state[KEY_YEAR],
        month=state[KEY_MONTH],
        regions=tuple(state[KEY_REGIONS]),  # type: ignore[arg-type]
        units=tuple(state[KEY_UNITS]),  # type: ignore[arg-type]
        **{f.field: tuple(state[f.key]) for f in STAFF_FILTERS},  # type: ignore[arg-type]
    )


def to_url(lang: str, filters: Filters) -> dict[str, list[str]]:
    """The canonical URL parameters of a view (see the table at the top)."""
    params: dict[str, list[str]] = {}
    if lang != DEFAULT_LANGUAGE:
        params[URL_LANG] = [lang]
    params[URL_YEAR] = [str(filters.year)]
    params[URL_MONTH] = [str(filters.end_month)]
    if filters.regions:
        params[URL_REGIONS] = list(filters.regions)
    if filters.units:
        params[URL_UNITS] = list(filters.units)
    for spec in STAFF_FILTERS:
        values = getattr(filters, spec.field)
        if values:
            params[spec.url] = list(values)
    return params


# ---- Streamlit -------------------------------------------------------------------------------------

_EMBED_PARAMS = {"embed", "embed_options"}


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params if k.lower() not in _EMBED_PARAMS}


def _load_url_once(choices: Choices) -> None:
    """First run of a browser session: the URL sets the widgets (with a notice for what was refused)."""
    if st.session_state.get(_LOADED):
        return
    state, rejected = parse_url(_url_params(), choices)
    for key, value in state.items():
        st.session_state[key] = value
    st.session_state[_LOADED] = True
    if rejected:
        st.toast(
            t("ui.filter.url_notice", str(state[KEY_LANG]), params=", ".join(rejected)),
            icon=":material/link_off:",
        )


# Widgets whose option labels depend on the language. Streamlit keeps a selection as its label, so
# after a language switch each one is given its value again, and the browser shows the new label.
_RELABEL: set[str] = {KEY_YEAR, KEY_MONTH, KEY_REGIONS, KEY_UNITS, *(f.key for f in STAFF_FILTERS)}


def relabel_on_language_change(key: str) -> None:
    """Register a widget key whose option labels are translated (call before drawing the widget)."""
    _RELABEL.add(key)


def _on_language_change() -> None:
    for key in _RELABEL:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _on_year_change(choices: Choices) -> None:
    """A new year starts at its latest month with data."""
    st.session_state[KEY_MONTH] = choices.default_month(st.session_state[KEY_YEAR])


def reset_filters(choices: Choices) -> None:
    for key, value in defaults(choices).items():
        if key != KEY_LANG:
            st.session_state[key] = value


def current_choices() -> Choices:
    return Choices.from_frames(data.periods(), data.units())


def language_from_url() -> str:
    """The language asked for before the filters exist (for the database messages)."""
    if KEY_LANG in st.session_state and st.session_state[KEY_LANG] in LANGUAGES:
        return str(st.session_state[KEY_LANG])
    value = st.query_params.get(URL_LANG)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def sidebar(choices: Choices, page_params: tuple[str, ...] = ()) -> View:
    """Draw the filters in the sidebar, keep the URL in step, and return the page's View.

    `page_params` are the address parameters the current page owns (they stay in the address)."""
    _load_url_once(choices)
    with st.sidebar:
        lang = st.radio(
            t("ui.filter.language"),
            LANGUAGES,
            key=KEY_LANG,
            on_change=_on_language_change,
            horizontal=True,
            format_func=LANGUAGE_NAMES.__getitem__,
        )
        st.subheader(t("ui.filter.heading", lang))
        year_col, month_col = st.columns(2)
        year_col.selectbox(
            t("ui.filter.year", lang), choices.years, key=KEY_YEAR, on_change=_on_year_change, args=(choices,)
        )
        month_col.selectbox(
            t("ui.filter.month", lang),
            range(1, 13),
            key=KEY_MONTH,
            format_func=lambda m: month_name(m, lang),
            help=t("ui.filter.month_help", lang),
        )
        regions = st.multiselect(
            t("ui.filter.regions", lang),
            choices.regions,
            key=KEY_REGIONS,
            placeholder=t("ui.filter.all_regions", lang),
        )
        unit_options = choices.units_of(regions)
        st.multiselect(
            t("ui.filter.units", lang),
            unit_options,
            key=KEY_UNITS,
            placeholder=t("ui.filter.all_units", lang),
            help=t("ui.filter.units_help", lang),
        )
        active = sum(1 for f in STAFF_FILTERS if st.session_state.get(f.key))
        label = (
            t("ui.filter.staff_section_active", lang, count=active)
            if active
            else t("ui.filter.staff_section", lang)
        )
        # Keyed, so that the count in the label does not make it a new (re-folded) expander.
        with st.expander(label, expanded=bool(active), key="staff_filters"):
            for spec in STAFF_FILTERS:
                st.multiselect(
                    DIMENSIONS[spec.field].label(lang),
                    spec.options,
                    key=spec.key,
                    format_func=lambda v, f=spec.field: value_label(f, v, lang),
                    placeholder=t("ui.filter.all", lang),
                )
            st.caption(t("ui.filter.budget_note", lang))
        st.button(
            t("ui.filter.reset", lang),
            on_click=reset_filters,
            args=(choices,),
            icon=":material/restart_alt:",
            width="stretch",
        )
        st.caption(t("ui.filter.share_hint", lang))
    state = {key: st.session_state[key] for key in defaults(choices)}
    state[KEY_UNITS] = [u for u in state[KEY_UNITS] if u in unit_options]  # type: ignore[union-attr]
    try:
        filters = build_filters(state)
    except ValidationError:  # cannot happen through the widgets; never show a traceback for it
        filters = build_filters(defaults(choices))
    _write_url(lang, filters, page_params)
    view = View(lang, filters, choices)
    st.session_state[_VIEW] = view
    return view


def _write_url(lang: str, filters: Filters, page_params: tuple[str, ...]) -> None:
    """Put the filters into the address; the current page's own parameters stay, others go."""
    current = _url_params()
    wanted = {**to_url(lang, filters), **{k: v for k, v in current.items() if k in page_params}}
    if current != wanted:
        st.query_params.from_dict(wanted)


def current_view() -> View:
    """The View the sidebar built in this run (pages call this)."""
    leave_legacy_pages_mode(language_from_url())
    return st.session_state[_VIEW]
