"""Command line: `python -m src.cli {import,rollback,history,user,demo,kpi,report} …` (see the README)."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb
from pydantic import ValidationError

from src.config import DEFAULT_DB
from src.i18n import LANGUAGES, t
from src.metrics.compute import kpis
from src.metrics.filters import Filters
from src.metrics.registry import METRICS, Format
from src.reports.cli import add_report_arguments
from src.warehouse.accounts import ROLES, AccountError
from src.warehouse.db import connect

log = logging.getLogger("src.cli")


def _open(db: Path, lang: str, read_only: bool = False) -> duckdb.DuckDBPyConnection | None:
    """Open the database, or print why not (most often: another process is writing to it)."""
    if read_only and not db.exists():
        print(t("cli.db_missing", lang, path=db), file=sys.stderr)
        return None
    try:
        return connect(db, read_only=read_only)
    except duckdb.IOException as error:
        log.debug("cannot open %s: %s", db, error)
        print(t("cli.db_busy", lang, path=db), file=sys.stderr)
        return None


def cmd_import(args: argparse.Namespace) -> int:
    from src.warehouse import versions

    try:
        done = versions.import_versioned(
            args.db, [Path(f) for f in args.files], versions.default_who(), args.dataset, args.wait
        )
    except versions.Busy:
        print(t("cli.writer_busy", args.lang, path=args.db), file=sys.stderr)
        return 3
    except duckdb.IOException as error:  # the current version cannot be opened (not a database, …)
        log.debug("cannot open %s: %s", args.db, error)
        print(t("cli.db_busy", args.lang, path=args.db), file=sys.stderr)
        return 3
    result = done.result
    for note in [*done.skipped, *result.notes]:
        print(note.render(args.lang), file=sys.stderr)
    if not result.ok:
        for line in result.problems.render(args.lang):
            print(line, file=sys.stderr)
        print(result.summary(args.lang), file=sys.stderr)
        return 1
    if done.outcome == "unchanged":
        print(t("import.unchanged", args.lang, version=done.version))
        return 0
    print(result.summary(args.lang))
    print(t("import.version_published", args.lang, version=done.version))
    return 0 if done.outcome == "committed" else 1


def cmd_rollback(args: argparse.Namespace) -> int:
    from src.warehouse import versions

    try:
        before, after = versions.rollback(args.db, versions.default_who(), args.wait, args.to)
    except versions.Busy:
        print(t("cli.writer_busy", args.lang, path=args.db), file=sys.stderr)
        return 3
    except versions.NothingToRollBack:
        print(t("cli.rollback_nothing", args.lang), file=sys.stderr)
        return 1
    print(t("cli.rollback_done", args.lang, before=before, after=after))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from src.warehouse import history, versions

    for version in versions.list_versions(args.db):
        current = t("cli.versions_current", args.lang) if version.current else ""
        size = f"{version.size / 1e6:.1f} MB"
        when = f"{version.created:%Y-%m-%d %H:%M}"
        print(t("cli.versions_line", args.lang, number=version.number, when=when, size=size, current=current))
    listed = history.entries(args.db, args.limit)
    if not listed:
        print(t("cli.history_empty", args.lang))
    for entry in listed:
        files = ", ".join(f"{f['name']} ({str(f['sha256'])[:12]})" for f in entry.files)
        details = f": {files}" if files else ""
        if entry.problem_total:
            details += t("cli.history_problems", args.lang, count=entry.problem_total)
        print(t("cli.history_line", args.lang, id=entry.id, when=f"{entry.started_at:%Y-%m-%d %H:%M}",
                who=entry.who, action=t(f"history.action.{entry.action}", args.lang),
                outcome=t(f"history.outcome.{entry.outcome}", args.lang), before=entry.version_before or "–",
                after=entry.version_after or "–", details=details))  # fmt: skip
        for line in entry.rendered_problems(args.lang) if args.problems else []:
            print(f"    {line}")
    return 0


def _read_password(name: str, lang: str) -> str:
    """From the terminal (asked twice, not echoed), or the first line of standard input."""
    if sys.stdin.isatty():
        first = getpass.getpass(t("accounts.password_prompt", lang, name=name))
        if getpass.getpass(t("accounts.password_again", lang)) != first:
            raise AccountError("accounts.error.password_mismatch")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_user(args: argparse.Namespace) -> int:
    from src.warehouse import accounts, audit, versions

    who = versions.default_who()
    try:
        if args.action == "add":
            password = _read_password(args.name, args.lang)
            account = accounts.add_account(args.db, args.name, args.role, password, args.region)
            audit.record(
                args.db, who, "account.add", name=account.name, role=account.role, region=account.region
            )
            region = f", {account.region}" if account.region else ""
            print(t("accounts.added", args.lang, name=account.name, role=account.role, region=region))
        elif args.action == "remove":
            accounts.remove_account(args.db, args.name)
            audit.record(args.db, who, "account.remove", name=args.name)
            print(t("accounts.removed", args.lang, name=args.name))
        elif args.action == "set-password":
            accounts.set_password(args.db, args.name, _read_password(args.name, args.lang))
            audit.record(args.db, who, "account.set_password", name=args.name)
            print(t("accounts.password_set", args.lang, name=args.name))
        else:
            listed = accounts.list_accounts(args.db)
            if not listed:
                print(t("accounts.none", args.lang, path=args.db))
            for account in listed:
                region = f" ({account.region})" if account.region else ""
                print(t("accounts.line", args.lang, name=account.name, role=account.role, region=region,
                        created=account.created_at.replace("T", " ")))  # fmt: skip
    except AccountError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 1
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from src.warehouse.demo import build_demo

    started = time.perf_counter()
    result = build_demo(args.db, scale=args.scale, seed=args.seed, keep_files=args.keep_files)
    if not result.ok:  # the generator and the importer disagree: a bug, say so plainly
        for line in result.problems.render(args.lang):
            print(line, file=sys.stderr)
        return 1
    print(result.summary(args.lang))
    print(t("cli.demo_done", args.lang, path=args.db, seconds=f"{time.perf_counter() - started:.1f}"))
    return 0


def _kpi_values(row: dict[str, object]) -> dict[str, object]:
    """Every metric id with its unrounded value (counts as integers), null where undefined."""
    values: dict[str, object] = {}
    for spec in METRICS:
        value = row[spec.id]
        if value is not None and spec.format is Format.COUNT:
            value = int(value)
        values[spec.id] = value
    return values


def _group_keys(frame_rows: list[dict[str, object]]) -> list[str]:
    """Group names; a unit name found in several regions is told apart as "Unit (Wilayah)"."""
    names = [str(r["group"]) for r in frame_rows]
    repeated = {n for n in names if names.count(n) > 1}
    return [
        f"{r['group']} ({r['group_region']})" if str(r["group"]) in repeated else str(r["group"])
        for r in frame_rows
    ]


def cmd_kpi(args: argparse.Namespace) -> int:
    try:
        filters = Filters(year=args.year, month=args.month, regions=args.region or (), units=args.unit or ())
    except ValidationError as error:
        reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        print(t("cli.bad_filters", args.lang, reason=reasons), file=sys.stderr)
        return 2
    con = _open(args.db, args.lang, read_only=True)
    if con is None:
        return 3
    with con:
        total = kpis(con, filters).row(0, named=True)
        output: dict[str, object] = {
            "year": filters.year,
            "month": filters.end_month,
            "filters": {
                "regions": list(filters.regions),
                "units": list(filters.units),
                "period_start": filters.period_start.isoformat(),
                "period_end": filters.period_end.isoformat(),
            },
            "kpi": _kpi_values(total),
        }
        if args.by:
            rows = kpis(con, filters, by=args.by).rows(named=True)
            output["groups"] = {
                key: {"kpi": _kpi_values(row)} for key, row in zip(_group_keys(rows), rows, strict=True)
            }
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    print()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m src.cli", description="Dasbor Kompetensi ASN")
    parser.add_argument("--lang", choices=LANGUAGES, default="id", help="language of messages (id, en)")
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
        sub.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
        return sub

    sub = add("import", "import export files (all or nothing) as a new version of the data")
    sub.add_argument("files", nargs="+", help="CSV or XLSX export files")
    sub.add_argument("--dataset", help="name the dataset instead of recognising it from the header")
    sub.add_argument("--wait", type=float, default=0, help="seconds to wait for another import to finish")
    sub.set_defaults(run=cmd_import)

    sub = add("rollback", "make the previous version of the data current again")
    sub.add_argument(
        "--to", type=int, help="a kept version's number (see `history`) instead of the previous one"
    )
    sub.add_argument("--wait", type=float, default=0, help="seconds to wait for another import to finish")
    sub.set_defaults(run=cmd_rollback)

    sub = add("history", "list the kept versions and the import history")
    sub.add_argument("--limit", type=int, default=20)
    sub.add_argument("--problems", action="store_true", help="also list the problems of refused imports")
    sub.set_defaults(run=cmd_history)

    user = commands.add_parser("user", help="manage the dashboard's accounts (password from standard input)")
    actions = user.add_subparsers(dest="action", required=True)

    def add_user_action(name: str, help_text: str, named: bool = True) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        if named:
            sub.add_argument("name", help="the account's name")
        sub.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
        sub.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
        sub.set_defaults(run=cmd_user)
        return sub

    sub = add_user_action("add", "create an account")
    sub.add_argument("--role", required=True, choices=ROLES)
    sub.add_argument("--region", help="the region of a bkpsdm account")
    add_user_action("list", "list the accounts", named=False)
    add_user_action("remove", "remove an account")
    add_user_action("set-password", "change an account's password")

    sub = add("demo", "write realistic sample exports and import them")
    sub.add_argument("--scale", type=int, help="about this many staff over as many regions as needed")
    sub.add_argument("--seed", type=int, default=2026)
    sub.add_argument("--keep-files", type=Path, help="keep the generated export files in this folder")
    sub.set_defaults(run=cmd_demo)

    sub = add("kpi", "print every metric as JSON")
    sub.add_argument("--year", type=int, required=True)
    sub.add_argument("--month", type=int)
    sub.add_argument("--region", action="append", help="repeatable")
    sub.add_argument("--unit", action="append", help="repeatable")
    sub.add_argument("--by", choices=("region", "unit"))
    sub.add_argument("--pretty", action="store_true", help="indent the JSON")
    sub.set_defaults(run=cmd_kpi)

    sub = add("report", "the monthly review pack as PDF or XLSX (src/reports)")
    add_report_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
