"""What goes into the review pack, in the reader's language: one Pack built from a Review and the
notes, which the PDF (src/reports/pdf.py) and the XLSX (src/reports/xlsx.py) both lay out.

The tables, sentences and charts are those of the page (src/ui/review.py), so the pack and the
screen agree figure for figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from src.i18n import t
from src.metrics.review import Review
from src.ui import review as ui
from src.ui.format import month_name
from src.warehouse import review_notes
from src.warehouse.review_notes import Note


@dataclass(frozen=True)
class Pack:
    review: Review
    lang: str
    made_at: dt.datetime
    source: str  # the database the figures come from (its file name)
    note: Note | None  # this month's note as last saved
    previous_note: Note | None  # last month's ("last month we agreed …")

    @property
    def title(self) -> str:
        return t("ui.review.pack_title", self.lang)

    @property
    def month(self) -> str:
        return ui.month_label(self.review.year, self.review.month, self.lang)

    @property
    def region(self) -> str:
        return ui.region_label(self.review.region, self.lang)

    @property
    def made(self) -> str:
        return ui.when_text(self.made_at, self.lang)

    @property
    def previous_period(self) -> str:
        year, month = review_notes.previous_period(self.review.year, self.review.month)
        return ui.month_label(year, month, self.lang)

    def figures_table(self) -> pl.DataFrame:
        return ui.figures_table(self.review, self.lang)

    def summary(self) -> list[str]:
        return ui.summary_sentences(self.review, self.lang)

    def sections(self) -> list[ui.Section]:
        return ui.sections(self.review, self.lang)

    def charts(self) -> list[go.Figure]:
        return ui.charts(self.review, self.lang)

    def scope_lines(self) -> list[str]:
        """The scope and filters the pack was made under, one line each."""
        r, lang = self.review, self.lang
        last_year = ui.month_label(r.year - 1, r.month, lang)
        previous = ui.previous_month_label(r, lang)
        compare = (
            t("ui.review.scope_compare", lang, previous=previous, last_year=last_year)
            if previous
            else t("ui.review.scope_compare_january", lang, last_year=last_year)
        )

        def through(source: str) -> str:
            month = r.data_through.get(source)
            return month_name(month, lang) if month else "–"

        return [
            t("ui.review.scope_period", lang, period=self.month),
            t("ui.review.scope_region", lang, region=self.region),
            t("ui.review.scope_staff", lang),
            compare,
            t(
                "ui.review.scope_data",
                lang,
                year=r.year,
                development=through("participation"),
                budget=through("budget"),
            ),
            t("ui.review.scope_rules", lang),
            t("ui.review.scope_source", lang, source=self.source),
            t("ui.review.scope_made", lang, when=self.made),
        ]


def make_pack(
    review: Review, lang: str, db_path: str, source: str | None = None, made_at: dt.datetime | None = None
) -> Pack:
    """The pack of `review`, with the notes saved beside the database at `db_path` (read now)."""
    region = review.region
    return Pack(
        review=review,
        lang=lang,
        made_at=(made_at or dt.datetime.now()).replace(microsecond=0),
        source=source or str(db_path).rsplit("/", 1)[-1],
        note=review_notes.latest_note(db_path, review.year, review.month, region),
        previous_note=review_notes.previous_note(db_path, review.year, review.month, region),
    )
