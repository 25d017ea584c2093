"""`python -m src.cli report --db PATH --year Y --month M [--region R] --out FILE.pdf|FILE.xlsx`:
the monthly-review pack for scheduled runs (docs/monthly-review.md has a cron recipe).

Exit status: 0 written; 2 wrong arguments (month, region, year without data, file type);
3 database missing or busy; 4 the PDF could not be made (Chromium missing or failing).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import duckdb

from src.i18n import t

log = logging.getLogger("src.reports")
SUFFIXES = (".pdf", ".xlsx")


def add_report_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=int, required=True)
    sub.add_argument("--month", type=int, required=True)
    sub.add_argument("--region", default="", help="one region (default: every region)")
    sub.add_argument("--out", type=Path, required=True, help="FILE.pdf or FILE.xlsx")
    sub.set_defaults(run=cmd_report)


def _quiet_streamlit() -> None:
    """The pack reuses the page's builders, whose modules import Streamlit; outside a running app
    Streamlit warns about its missing runtime on import. Those lines mean nothing here."""
    from streamlit.logger import set_log_level

    set_log_level("error")


def cmd_report(args: argparse.Namespace) -> int:
    lang = args.lang
    suffix = args.out.suffix.lower()
    if suffix not in SUFFIXES:
        print(t("ui.review.cli.bad_out", lang, suffix=suffix or "–"), file=sys.stderr)
        return 2
    if not 1 <= args.month <= 12:
        print(t("ui.review.cli.bad_month", lang), file=sys.stderr)
        return 2
    if not args.db.exists():
        print(t("cli.db_missing", lang, path=args.db), file=sys.stderr)
        return 3
    _quiet_streamlit()
    from src.metrics import options
    from src.metrics.review import monthly_review, review_filters
    from src.ui.review import month_label, region_label
    from src.warehouse.db import connect

    try:
        con = connect(args.db, read_only=True)
    except duckdb.IOException as error:
        log.debug("cannot open %s: %s", args.db, error)
        print(t("cli.db_busy", lang, path=args.db), file=sys.stderr)
        return 3
    with con:
        years = options.periods(con)["year"].to_list()
        regions = options.units(con)["region"].unique().sort().to_list()
        if args.year not in years:
            print(t("ui.review.cli.no_data", lang, year=args.year, years=", ".join(map(str, years)) or "–"),
                  file=sys.stderr)  # fmt: skip
            return 2
        if args.region and args.region not in regions:
            print(
                t("ui.review.cli.bad_region", lang, region=args.region, regions=", ".join(regions)),
                file=sys.stderr,
            )
            return 2
        review = monthly_review(con, review_filters(args.year, args.month, args.region))
    from src.reports.build import pack_file
    from src.reports.pdf import PdfError, chromium_path

    try:
        content = pack_file(suffix[1:], review, lang, args.db)
    except PdfError as error:
        log.debug("chromium: %s", error)
        print(t("ui.review.cli.pdf_failed", lang, path=chromium_path()), file=sys.stderr)
        return 4
    args.out.parent.mkdir(parents=True, exist_ok=True)
    partial = args.out.with_name(f".{args.out.name}.partial")
    partial.write_bytes(content)
    partial.replace(args.out)  # a scheduled run never leaves half a file under the real name
    period = month_label(review.year, review.month, lang)
    print(
        t(
            "ui.review.cli.written",
            lang,
            period=period,
            region=region_label(review.region, lang),
            path=args.out,
        )
    )
    return 0
