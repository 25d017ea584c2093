"""The monthly review (Tinjauan Bulanan): its tables, sentences and charts, for the page and the pack.

Everything here is built from one src.metrics.review.Review, so the screen, the PDF and the XLSX
show the same figures. The pure builders (tables, sections, sentences, figures) come first; the
Streamlit blocks of pages/tinjauan.py follow. The charts are the Partisipasi and Anggaran pages' own
figure builders. There are no user roles yet, so lists hold counts, never names of staff.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.attention import MIN_STAFF_TO_RANK
from src.metrics.registry import METRIC_BY_ID, Format
from src.metrics.review import MIN_RESPONSES, TREND_METRIC, Review
from src.ui import budget as budget_ui
from src.ui import participation
from src.ui.filters import KEY_MONTH, KEY_REGIONS, KEY_YEAR, View
from src.ui.format import format_delta, format_metric, format_percent, format_value, month_name
from src.ui.overview import _in_sentence as in_sentence
from src.warehouse import review_notes

TEXT, YES_NO = "text", "yesno"


def month_label(year: int, month: int, lang: str) -> str:
    """Oktober 2026."""
    return t("ui.review.month_label", lang, month=month_name(month, lang), year=year)


def region_label(region: str, lang: str) -> str:
    return region or t("ui.review.all_regions", lang)


def previous_month_label(review: Review, lang: str) -> str | None:
    return month_label(review.year, review.month - 1, lang) if review.month > 1 else None


# ---- headline figures ------------------------------------------------------------------------------


def change_text(metric: str, delta: float | None, relative: float | None, lang: str) -> str:
    """+3,1 poin for a rate; +Rp4 jt (+50,0 %) for an amount; "–" without a comparison."""
    spec = METRIC_BY_ID[metric]
    text = format_delta(spec, delta, lang)
    if spec.format is Format.PERCENT or relative is None or delta is None:
        return text
    sign = "+" if relative > 0 else "-" if relative < 0 else ""
    return f"{text} ({sign}{format_percent(abs(relative), lang)})"


def target_text(metric: str, target: float | None, lang: str) -> str:
    spec = METRIC_BY_ID[metric]
    value = format_metric(spec, target, lang, trim=True)
    if target is None:
        return value
    if metric == "jp_per_asn":
        return t("ui.review.pace", lang, value=value)
    if metric == "absorption_rate":
        return t("ui.review.plan", lang, value=value)
    return value


def figures_table(review: Review, lang: str) -> pl.DataFrame:
    """Indicator, value, target, change since last month, change against last year, status: text."""
    month = month_label(review.year, review.month, lang)
    previous = previous_month_label(review, lang) or "–"
    last_year = month_label(review.year - 1, review.month, lang)
    rows = review.figures.iter_rows(named=True)
    columns: dict[str, list[str]] = {
        t("ui.review.col_metric", lang): [],
        t("ui.review.col_value", lang, month=month): [],
        t("ui.review.col_target", lang, month=month_name(review.month, lang)): [],
        t("ui.review.col_vs_month", lang, month=previous): [],
        t("ui.review.col_vs_year", lang, month=last_year): [],
        t("ui.review.col_status", lang): [],
    }
    cells = list(columns.values())
    for row in rows:
        spec = METRIC_BY_ID[row["metric"]]
        cells[0].append(spec.label(lang))
        cells[1].append(format_metric(spec, row["value"], lang))
        cells[2].append(target_text(spec.id, row["target"], lang))
        cells[3].append(change_text(spec.id, row["delta_month"], row["relative_month"], lang))
        cells[4].append(change_text(spec.id, row["delta_year"], row["relative_year"], lang))
        cells[5].append(t(f"ui.status.{row['status']}", lang) if row["status"] else "–")
    return pl.DataFrame(columns)


# ---- the lists to act on ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    field: str
    label_key: str
    kind: str  # a Format value, TEXT or YES_NO
    on_screen: bool = True  # False: only in the XLSX (long texts)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    caption: str
    empty: str
    frame: pl.DataFrame
    columns: tuple[Column, ...]


_F = Format
UNIT_COLUMNS = (
    Column("unit", "col_unit", TEXT), Column("region", "col_region", TEXT),
    Column("asn_count", "col_staff", _F.COUNT), Column("jp20_on_track_rate", "col_on_track", _F.PERCENT),
    Column("no_development_count", "col_no_development", _F.COUNT),
    Column("jp_per_asn", "col_jp_per_asn", _F.JP),
)  # fmt: skip
LINE_COLUMNS = (
    Column("unit", "col_unit", TEXT), Column("region", "col_region", TEXT), Column("code", "col_code", TEXT),
    Column("name", "col_sub", TEXT), Column("budget_pagu", "col_pagu", _F.RUPIAH),
    Column("budget_realisasi", "col_spent", _F.RUPIAH),
    Column("absorption_rate", "col_absorption", _F.PERCENT),
    Column("plan_rate", "col_plan", _F.PERCENT), Column("amount_behind", "col_behind", _F.RUPIAH),
)  # fmt: skip
GAP_COLUMNS = (
    Column("kompetensi", "col_competency", TEXT), Column("jenis_kompetensi", "col_kind", TEXT),
    Column("gap_mean", "col_gap", _F.SCORE), Column("staff_below_standard", "col_below", _F.COUNT),
    Column("topics", "col_topics", TEXT), Column("month_courses", "col_month_courses", _F.COUNT),
    Column("month_jp", "col_month_jp", _F.JP), Column("addressed", "col_addressed", YES_NO),
    Column("month_course_names", "col_course_names", TEXT, on_screen=False),
)  # fmt: skip
COURSE_COLUMNS = (
    Column("course", "col_course", TEXT), Column("provider", "col_provider", TEXT),
    Column("participants", "col_participants", _F.COUNT),
    Column("completion_rate", "col_completion", _F.PERCENT),
    Column("satisfaction_mean", "col_satisfaction", _F.SCORE),
    Column("satisfaction_n", "col_ratings", _F.COUNT),
    Column("gain_mean", "col_gain", _F.SCORE),
)  # fmt: skip


def sections(review: Review, lang: str) -> list[Section]:
    """The four lists to act on, each with its heading, caption and columns."""
    month = month_label(review.year, review.month, lang)
    plan = format_percent(review.plan[review.month - 1], lang, trim=True)

    def section(key: str, frame: pl.DataFrame, columns: tuple[Column, ...], **caption: object) -> Section:
        if review.region:  # one region: its name in every row says nothing
            columns = tuple(c for c in columns if c.field != "region")
        return Section(
            key,
            t(f"ui.review.{key}_heading", lang),
            t(f"ui.review.{key}_caption", lang, **caption),
            t(f"ui.review.{key}_none", lang),
            frame.select(c.field for c in columns),
            columns,
        )

    return [
        section("units", review.units_behind, UNIT_COLUMNS, min=MIN_STAFF_TO_RANK),
        section("lines", review.budget_lines, LINE_COLUMNS, month=month, plan=plan),
        section("gaps", review.gaps, GAP_COLUMNS, min=MIN_STAFF_TO_RANK, month=month),
        section("courses", review.courses, COURSE_COLUMNS, min=MIN_RESPONSES, month=month),
    ]


def cell_text(kind: str, value: object, lang: str) -> str:
    if value is None:
        return "–"
    if kind == TEXT:
        return str(value)
    if kind == YES_NO:
        return t("ui.review.yes" if value else "ui.review.no", lang)
    # "Rp306 jt", "87,5 %" never break inside a narrow table cell
    return format_value(Format(kind), value, lang).replace(" ", "\u00a0")  # type: ignore[arg-type]


def display_frame(section: Section, lang: str) -> pl.DataFrame:
    """The section's on-screen columns as formatted text under their labels."""
    shown = [c for c in section.columns if c.on_screen]
    return pl.DataFrame(
        {
            t(f"ui.review.{c.label_key}", lang): [cell_text(c.kind, v, lang) for v in section.frame[c.field]]
            for c in shown
        },
        schema={t(f"ui.review.{c.label_key}", lang): pl.String for c in shown},
    )


# ---- what changed, in words ------------------------------------------------------------------------


def _row(review: Review, metric: str) -> dict[str, object]:
    return review.figures.filter(pl.col("metric") == metric).row(0, named=True)


def _moved(metric: str, delta: float | None, lang: str) -> str:
    spec = METRIC_BY_ID[metric]
    text = format_delta(spec, delta, lang)
    if text[:1] not in "+-":
        return t("ui.review.same", lang)
    return t("ui.review.up" if delta > 0 else "ui.review.down", lang, change=text[1:])  # type: ignore[operator]


def _pace_sentences(review: Review, lang: str) -> list[str]:
    row = _row(review, TREND_METRIC)
    spec = METRIC_BY_ID[TREND_METRIC]
    month = month_label(review.year, review.month, lang)
    where = t("ui.review.sum_where", lang, region=review.region) if review.region else ""
    pace = format_metric(METRIC_BY_ID["jp_per_asn"], 20.0 * review.month / 12, lang, trim=True)
    sentences = [
        t(
            "ui.review.sum_pace", lang, month=month, value=format_metric(spec, row["value"], lang),  # type: ignore[arg-type]
            asn=format_value(Format.COUNT, review.staff, lang), where=where, pace=pace,
        )
    ]  # fmt: skip
    last_year = month_label(review.year - 1, review.month, lang)
    previous = previous_month_label(review, lang)
    if row["delta_month"] is not None and row["delta_year"] is not None and previous:
        sentences.append(t(
            "ui.review.sum_pace_changes", lang, previous=previous, last_year=last_year,
            change_month=_moved(TREND_METRIC, row["delta_month"], lang),  # type: ignore[arg-type]
            change_year=_moved(TREND_METRIC, row["delta_year"], lang),  # type: ignore[arg-type]
        ))  # fmt: skip
    elif row["delta_year"] is not None:
        sentences.append(t(
            "ui.review.sum_pace_change_year", lang, last_year=last_year,
            change_year=_moved(TREND_METRIC, row["delta_year"], lang),  # type: ignore[arg-type]
        ))  # fmt: skip
    return sentences


def _biggest_move(review: Review, lang: str) -> str | None:
    """The other headline figure that moved most since last month, relative to where it stood."""
    candidates = [
        r
        for r in review.figures.iter_rows(named=True)
        if r["metric"] not in {TREND_METRIC, "asn_count", "jp_total", "budget_realisasi"}
        and r["delta_month"]
        and r["previous_month"]
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda r: abs(r["delta_month"] / r["previous_month"]))
    spec = METRIC_BY_ID[best["metric"]]
    label = in_sentence(spec.label(lang))
    return t(
        "ui.summary.move_up" if best["delta_month"] > 0 else "ui.summary.move_down", lang,
        month=month_name(review.month - 1, lang), metric=label,
        change=format_delta(spec, abs(best["delta_month"]), lang).lstrip("+"),
        value=format_metric(spec, best["value"], lang),
    )  # fmt: skip


def _budget_sentence(review: Review, lang: str) -> str | None:
    now = review.budget_months.filter((pl.col("year") == review.year) & (pl.col("month") == review.month))
    plan = review.plan[review.month - 1]
    if now.is_empty() or not now["pagu"][0] or plan is None:
        return None
    pagu, spent = float(now["pagu"][0]), float(now["realisasi_cumulative"][0])
    values = {
        "value": format_percent(spent / pagu, lang), "month": month_label(review.year, review.month, lang),
        "plan": format_percent(plan, lang, trim=True),
    }  # fmt: skip
    short = pagu * plan - spent
    if short > 0:
        amount = format_value(Format.RUPIAH, short, lang)
        return t("ui.review.sum_budget_behind", lang, amount=amount, **values)
    return t("ui.review.sum_budget_ahead", lang, **values)


def summary_sentences(review: Review, lang: str) -> list[str]:
    """Plain sentences of what changed and what stands out, all built from the review's figures."""
    sentences = _pace_sentences(review, lang)
    for extra in (_biggest_move(review, lang), _budget_sentence(review, lang)):
        if extra:
            sentences.append(extra)
    if not review.units_behind.is_empty():
        unit = review.units_behind.row(0, named=True)
        name = unit["unit"] if review.region else f"{unit['unit']} ({unit['region']})"
        sentences.append(t(
            "ui.review.sum_units", lang, unit=name,
            value=format_metric(METRIC_BY_ID[TREND_METRIC], unit[TREND_METRIC], lang),
            none=format_value(Format.COUNT, unit["no_development_count"], lang),
            staff=format_value(Format.COUNT, unit["asn_count"], lang),
        ))  # fmt: skip
    if not review.gaps.is_empty():
        gap = review.gaps.row(0, named=True)
        values = {"competency": gap["kompetensi"], "gap": format_value(Format.SCORE, gap["gap_mean"], lang)}
        if gap["addressed"]:
            jp = format_value(Format.JP, gap["month_jp"], lang)
            sentences.append(
                t("ui.review.sum_gap_addressed", lang, courses=gap["month_courses"], jp=jp, **values)
            )
        else:
            sentences.append(t("ui.review.sum_gap_open", lang, **values))
    if not review.courses.is_empty():
        course = review.courses.row(0, named=True)
        sentences.append(t(
            "ui.review.sum_course", lang, course=course["course"],
            value=format_value(Format.SCORE, course["satisfaction_mean"], lang),
            count=format_value(Format.COUNT, course["satisfaction_n"], lang),
        ))  # fmt: skip
    return sentences


# ---- charts (the Partisipasi and Anggaran pages' own builders) -------------------------------------


def charts(review: Review, lang: str) -> list[go.Figure]:
    """The 20-JP pace month by month against last year, and absorption against the plan."""
    trend = participation.trend_figure(review.trend, review.trend_last_year, TREND_METRIC, review.year, lang)
    absorption = budget_ui.month_figure(review.budget_months, review.year, review.month, review.plan, lang)
    return [trend, absorption]


# ---- Streamlit blocks of pages/tinjauan.py ---------------------------------------------------------

PERIOD_KEY, REGION_KEY, AUTHOR_KEY, TEXT_KEY = (
    "review_period",
    "review_region",
    "review_author",
    "review_text",
)
_AUTHOR = "_review_author"  # outlives the widget when the reader visits other pages


def period_options(view: View) -> list[str]:
    """ "YYYY-MM" of every month up to each year's last month with data, newest first (plus the
    sidebar's current month, if it lies beyond the data)."""
    options = [f"{y}-{m:02d}" for y in view.choices.years for m in range(view.choices.last_month[y], 0, -1)]
    current = f"{view.filters.year}-{view.filters.end_month:02d}"
    return sorted({*options, current}, reverse=True)


def _period_changed() -> None:
    year, month = st.session_state[PERIOD_KEY].split("-")
    st.session_state[KEY_YEAR], st.session_state[KEY_MONTH] = int(year), int(month)


def _region_changed() -> None:
    region = st.session_state[REGION_KEY]
    st.session_state[KEY_REGIONS] = [region] if region else []


def pickers(view: View) -> tuple[int, int, str]:
    """Month and region of the review. They mirror the sidebar's year, month and region (one source
    of truth, kept in the address), so changing either moves both."""
    lang, f = view.lang, view.filters
    region = f.regions[0] if len(f.regions) == 1 else ""
    st.session_state[PERIOD_KEY] = f"{f.year}-{f.end_month:02d}"
    st.session_state[REGION_KEY] = region
    row = st.container(horizontal=True, gap="small")
    with row:
        st.selectbox(
            t("ui.review.pick_month", lang),
            period_options(view),
            key=PERIOD_KEY,
            on_change=_period_changed,
            format_func=lambda p: month_label(int(p[:4]), int(p[5:]), lang),
            width=240,
        )
        st.selectbox(
            t("ui.review.pick_region", lang),
            ["", *view.choices.regions],
            key=REGION_KEY,
            on_change=_region_changed,
            format_func=lambda r: region_label(r, lang),
            width=240,
        )
    if len(f.regions) > 1:
        st.info(t("ui.review.several_regions", lang), icon=":material/info:")
    elif f.units or view.staff_filters_active:
        st.caption(t("ui.review.filters_ignored", lang))
    return f.year, f.end_month, region


def scope_caption(review: Review, lang: str) -> str:
    period = month_label(review.year, review.month, lang)
    return t("ui.review.scope", lang, period=period, region=region_label(review.region, lang))


def data_warnings(review: Review, lang: str) -> list[str]:
    """Sources whose data stops before the month under review."""
    warnings = []
    for source in ("participation", "budget"):
        through = review.data_through.get(source)
        kind = t(f"ui.review.kind_{source}", lang)
        if through is None:
            warnings.append(t("ui.review.data_none", lang, kind=kind, year=review.year))
        elif through < review.month:
            warnings.append(t(
                "ui.review.data_short", lang, kind=kind, year=review.year, through=month_name(through, lang),
                month=month_label(review.year, review.month, lang),
            ))  # fmt: skip
    return warnings


def when_text(moment: dt.datetime, lang: str) -> str:
    """3 November 2026 09.15 (id) / 3 November 2026 09:15 (en)."""
    clock = moment.strftime("%H.%M" if lang == "id" else "%H:%M")
    return f"{moment.day} {month_name(moment.month, lang)} {moment.year} {clock}"


def previous_note_block(db_path: Path, review: Review, lang: str) -> None:
    """Last month's agreement, shown beside the figures."""
    note = review_notes.previous_note(db_path, review.year, review.month, review.region)
    year, month = review_notes.previous_period(review.year, review.month)
    period = month_label(year, month, lang)
    with st.container(border=True):
        st.markdown(f"**{t('ui.review.previous_heading', lang, period=period)}**")
        if note is None:
            st.caption(
                t("ui.review.previous_none", lang, period=period, region=region_label(review.region, lang))
            )
            return
        st.text(note.text)
        st.caption(t("ui.review.previous_by", lang, author=note.author, when=when_text(note.saved_at, lang)))


_FLASH, _NOTE_FOR = "_review_flash", "_review_note_for"


def _save_note(db_path: Path, year: int, month: int, region: str) -> None:
    """The form's submit callback (runs before the rerun, with the form's values in session state)."""
    text, author = st.session_state.get(TEXT_KEY, ""), st.session_state.get(AUTHOR_KEY, "")
    st.session_state[_AUTHOR] = author
    try:
        review_notes.save_note(db_path, year, month, region, text, author)
    except ValueError:
        blank = not text.strip() or not author.strip()
        st.session_state[_FLASH] = "need_both" if blank else "too_long"
    else:
        st.session_state[_FLASH] = "saved"


def notes_block(db_path: Path, review: Review, lang: str) -> None:
    """This month's note: the latest version, earlier ones, and a form to save a new version (the
    text starts as the latest one, so a correction is an edit)."""
    period = month_label(review.year, review.month, lang)
    st.subheader(t("ui.review.notes_heading", lang, period=period))
    st.caption(t("ui.review.notes_help", lang, period=period, region=region_label(review.region, lang)))
    saved = review_notes.history(db_path, review.year, review.month, review.region)
    flash = st.session_state.pop(_FLASH, None)
    if flash == "saved":
        st.toast(t("ui.review.saved", lang), icon=":material/check_circle:")
    elif flash:
        st.warning(t(f"ui.review.{flash}", lang), icon=":material/edit_note:")
    if saved:
        with st.container(border=True, key="review_latest_note"):
            st.text(saved[0].text)
            st.caption(
                t("ui.review.saved_by", lang, author=saved[0].author, when=when_text(saved[0].saved_at, lang))
            )
        if len(saved) > 1:
            with st.expander(t("ui.review.history", lang, count=len(saved) - 1)):
                for note in saved[1:]:
                    st.caption(f"{note.author}, {when_text(note.saved_at, lang)}")
                    st.text(note.text)
    else:
        st.caption(t("ui.review.none_yet", lang))
    scope = (review.year, review.month, review.region)
    if st.session_state.get(_NOTE_FOR) != scope or TEXT_KEY not in st.session_state:
        st.session_state[_NOTE_FOR] = scope
        st.session_state[TEXT_KEY] = saved[0].text if saved else ""
    if AUTHOR_KEY not in st.session_state:
        st.session_state[AUTHOR_KEY] = st.session_state.get(_AUTHOR, "")
    with st.form("review_note_form", border=True):
        st.text_area(t("ui.review.text", lang), key=TEXT_KEY, height=140, max_chars=review_notes.MAX_TEXT)
        st.text_input(
            t("ui.review.author", lang), key=AUTHOR_KEY, help=t("ui.review.author_help", lang),
            max_chars=review_notes.MAX_AUTHOR,
        )  # fmt: skip
        st.form_submit_button(
            t("ui.review.save", lang), icon=":material/save:", on_click=_save_note, args=(db_path, *scope)
        )


def file_stem(review: Review) -> str:
    """tinjauan-serang-2026-10 (every region: tinjauan-semua-2026-10)."""
    region = re.sub(r"[^a-z0-9]+", "-", review.region.lower()).strip("-") or "semua"
    return f"tinjauan-{region}-{review.year}-{review.month:02d}"


def pack_buttons(review: Review, lang: str, build: Callable[[str], bytes], pdf_possible: bool) -> None:
    """PDF and XLSX of the review; each is made only when its button is pressed (`build(kind)`).
    Without a Chromium to print with, the PDF button is off and says why."""
    st.subheader(t("ui.review.pack_heading", lang))
    st.caption(t("ui.review.pack_help", lang))
    if not pdf_possible:
        st.caption(t("ui.review.pdf_unavailable", lang))
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        t("ui.review.pdf", lang), lambda: build("pdf"), file_name=f"{file_stem(review)}.pdf",
        mime="application/pdf", key="review_pdf", icon=":material/picture_as_pdf:", on_click="ignore",
        disabled=not pdf_possible,
    )  # fmt: skip
    row.download_button(
        t("ui.review.xlsx", lang), lambda: build("xlsx"), file_name=f"{file_stem(review)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="review_xlsx",
        icon=":material/table_view:", on_click="ignore",
    )  # fmt: skip
