"""The review pack as a PDF: an HTML page laid out and printed by Chromium (through Playwright).

A4 portrait; a title page with region, month, date made and the scope; then the headline figures,
last month's agreement, what changed, the charts (the screen's own Plotly figures, drawn by the
plotly.js that ships with the installed plotly package, so nothing is fetched), the lists to act on
and this month's note. Page numbers come from Chromium's footer template.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from functools import cache
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from src.i18n import t
from src.reports.pack import Pack
from src.ui import review as ui

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
# Chart width on A4 portrait: 210 mm − 2 × 15 mm margins = 180 mm ≈ 680 CSS pixels.
CHART_WIDTH = 680
PDF_FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
TIMEOUT_MS = 60_000


class PdfError(RuntimeError):
    """Chromium could not be started or did not finish the page."""


def chromium_path() -> str:
    """DASBOR_CHROMIUM, else CHROMIUM (as the tests use), else Debian's /usr/bin/chromium."""
    return os.environ.get("DASBOR_CHROMIUM") or os.environ.get("CHROMIUM") or "/usr/bin/chromium"


def chromium_available() -> bool:
    path = chromium_path()
    return Path(path).is_file() or shutil.which(path) is not None


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _table(
    frame: pl.DataFrame, numeric: set[str], status: str | None = None, classes: dict[str, str] | None = None
) -> Markup:
    """An HTML table of text cells (escaped); columns in `numeric` right-aligned; the `status`
    column's cells get the CSS class `classes` gives their text (status-ok, …)."""
    classes = classes or {}

    def cls(column: str) -> str:
        return ' class="num"' if column in numeric else ""

    head = "".join(f"<th{cls(c)}>{html.escape(c)}</th>" for c in frame.columns)
    rows = []
    for record in frame.iter_rows(named=True):
        cells = []
        for column, value in record.items():
            extra = f' class="{classes[value]}"' if column == status and value in classes else cls(column)
            cells.append(f"<td{extra}>{html.escape(str(value))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return Markup(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _figures_json(figures: list[go.Figure]) -> Markup:
    payload = []
    for fig in figures:
        fig = go.Figure(fig)
        fig.update_layout(
            width=CHART_WIDTH, font={"family": PDF_FONT}, hoverlabel={"font": {"family": PDF_FONT}}
        )
        fig.update_xaxes(tickfont={"family": PDF_FONT}, title_font={"family": PDF_FONT})
        # Tick labels measured in the print font, so the margin makes room for them.
        fig.update_yaxes(tickfont={"family": PDF_FONT}, title_font={"family": PDF_FONT}, automargin=True)
        payload.append(json.loads(fig.to_json()))
    # Inside <script>, "</" would end the element early.
    return Markup(json.dumps(payload, ensure_ascii=False).replace("</", "<\\/"))


def render_html(pack: Pack) -> str:
    """The pack's HTML page (without plotly.js: pdf_bytes adds it and draws the charts)."""
    lang = pack.lang
    classes = {t(f"ui.status.{s}", lang): f"status-{s}" for s in ("ok", "watch", "behind")}
    figures = pack.figures_table()
    numeric = set(figures.columns[1:5])
    sections = []
    for section in pack.sections():
        frame = ui.display_frame(section, lang)
        shown = [c for c in section.columns if c.on_screen]
        right = {t(f"ui.review.{c.label_key}", lang) for c in shown if c.kind not in (ui.TEXT, ui.YES_NO)}
        sections.append(
            {
                "heading": section.heading,
                "caption": section.caption,
                "empty": section.empty,
                "table": _table(frame, right) if frame.height else None,
            }
        )
    note, previous = pack.note, pack.previous_note
    charts = pack.charts()
    return (
        _environment()
        .get_template("review.html.j2")
        .render(
            lang=lang,
            pack=pack,
            app_title=t("ui.app.title", lang),
            made_line=t("ui.review.pack_made", lang, when=pack.made),
            scope_heading=t("ui.review.scope_heading", lang),
            figures_heading=t("ui.review.figures_heading", lang),
            figures_table=_table(figures, numeric, figures.columns[-1], classes),
            figures_note=t("ui.review.figures_note", lang),
            previous_heading=t("ui.review.previous_heading", lang, period=pack.previous_period),
            previous_by=t(
                "ui.review.previous_by",
                lang,
                author=previous.author,
                when=ui.when_text(previous.saved_at, lang),
            )
            if previous
            else "",
            previous_none=t("ui.review.previous_none", lang, period=pack.previous_period, region=pack.region),
            summary_heading=t("ui.review.summary_heading", lang),
            charts_heading=t("ui.review.charts_heading", lang),
            charts=charts,
            figures_json=_figures_json(charts),
            act_heading=t("ui.review.act_heading", lang),
            sections=sections,
            notes_heading=t("ui.review.pack_this_month", lang, period=pack.month),
            note_by=t("ui.review.saved_by", lang, author=note.author, when=ui.when_text(note.saved_at, lang))
            if note
            else "",
            note_none=t("ui.review.none_yet", lang),
        )
    )


_DRAW_CHARTS = """async () => {
  const figures = JSON.parse(document.getElementById('figures').textContent);
  for (const [i, fig] of figures.entries()) {
    await Plotly.newPlot('chart-' + i, fig.data, fig.layout, {staticPlot: true, displayModeBar: false});
  }
  return figures.length;
}"""


def _footer(pack: Pack) -> str:
    label = html.escape(f"{pack.title} · {pack.region} · {pack.month}")
    page, of = (
        html.escape(t("ui.review.pack_page", pack.lang)),
        html.escape(t("ui.review.pack_of", pack.lang)),
    )
    return (
        '<div style="font-family: Liberation Sans, DejaVu Sans, sans-serif; font-size: 7.5pt; color: #555;'
        ' width: 100%; margin: 0 15mm; display: flex; justify-content: space-between;">'
        f'<span>{label}</span><span>{page} <span class="pageNumber"></span> {of} '
        '<span class="totalPages"></span></span></div>'
    )


def pdf_bytes(pack: Pack) -> bytes:
    """Print the pack with Chromium; raises PdfError when Chromium cannot be started."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
    from plotly.offline import get_plotlyjs

    page_html = render_html(pack)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                page.set_content(page_html, wait_until="load")
                page.add_script_tag(content=get_plotlyjs())
                page.evaluate(_DRAW_CHARTS)
                return page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<div></div>",
                    footer_template=_footer(pack),
                    margin={"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                )
            finally:
                browser.close()
    except PlaywrightError as error:
        raise PdfError(str(error).splitlines()[0]) from error
