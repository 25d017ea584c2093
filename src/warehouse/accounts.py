"""The built-in account store: name, role, region (for BKPSDM) and an Argon2id password hash, kept in
the meta store beside the data (src/warehouse/meta.py), so imports and rollbacks never touch accounts.

Roles (issue 5): `pimpinan` (regional head: aggregates of every region), `bkpsdm` (aggregates of
every region; individual records and imports of its own region), `analis` (aggregates; individual
rows only pseudonymised), `admin` (everything, accounts and the audit log). Passwords are never
stored, logged or taken from a command line argument.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from src.i18n import MessageError
from src.warehouse.meta import meta_path, open_meta

SCHEMA = """
CREATE TABLE IF NOT EXISTS sign_in_failures (
    at       TEXT NOT NULL,
    name     TEXT NOT NULL,
    address  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    name           TEXT PRIMARY KEY,
    role           TEXT NOT NULL,
    region         TEXT,
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
"""

ROLES = ("pimpinan", "bkpsdm", "analis", "admin")
# Throttling: this many failed sign-ins for one account, or from one address, within the window
# lock further attempts of that account / address until the window has passed.
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
_NAME = re.compile(r"^[A-Za-z0-9._@-]{3,64}$")
_HASHER = PasswordHasher()  # Argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    """Verified when the account does not exist, so a wrong name takes as long as a wrong password."""
    return _HASHER.hash("not a password of anyone")


class AccountError(MessageError, ValueError):
    """A refused account change. `key` names a catalogue message, `values` fill it."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    region: str | None
    created_at: str
    updated_at: str


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _check(name: str, role: str, region: str | None) -> None:
    if not _NAME.match(name):
        raise AccountError("accounts.error.name")
    if role not in ROLES:
        raise AccountError("accounts.error.role", choices=", ".join(ROLES))
    if role == "bkpsdm" and not region:
        raise AccountError("accounts.error.region_needed")
    if role != "bkpsdm" and region:
        raise AccountError("accounts.error.region_not_for_role", role=role)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("accounts.error.password_short", minimum=MIN_PASSWORD_LENGTH)


def add_account(db: Path | str, name: str, role: str, password: str, region: str | None = None) -> Account:
    _check(name, role, region)
    _check_password(password)
    now = _now()
    with open_meta(db, SCHEMA) as con:
        if con.execute("SELECT 1 FROM accounts WHERE name = ?", (name,)).fetchone():
            raise AccountError("accounts.error.exists", name=name)
        con.execute(
            "INSERT INTO accounts (name, role, region, password_hash, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (name, role, region, _HASHER.hash(password), now, now),
        )
    return Account(name, role, region, now, now)


def list_accounts(db: Path | str) -> list[Account]:
    with open_meta(db, SCHEMA) as con:
        rows = con.execute(
            "SELECT name, role, region, created_at, updated_at FROM accounts ORDER BY name"
        ).fetchall()
    return [Account(*row) for row in rows]


def remove_account(db: Path | str, name: str) -> None:
    with open_meta(db, SCHEMA) as con:
        if not con.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount:
            raise AccountError("accounts.error.unknown", name=name)


def set_password(db: Path | str, name: str, password: str) -> None:
    _check_password(password)
    with open_meta(db, SCHEMA) as con:
        changed = con.execute(
            "UPDATE accounts SET password_hash = ?, updated_at = ? WHERE name = ?",
            (_HASHER.hash(password), _now(), name),
        ).rowcount
        if not changed:
            raise AccountError("accounts.error.unknown", name=name)


def verify(db: Path | str, name: str, password: str) -> Account | None:
    """The account if `password` is its password, else None (unknown names cost the same time)."""
    with open_meta(db, SCHEMA) as con:
        row = con.execute(
            "SELECT name, role, region, created_at, updated_at, password_hash FROM accounts WHERE name = ?",
            (name,),
        ).fetchone()
    try:
        _HASHER.verify(row["password_hash"] if row else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _HASHER.check_needs_rehash(row["password_hash"]):  # parameters were raised since it was set
        set_password(db, name, password)
    return Account(*tuple(row)[:5])


def has_accounts(db: Path | str) -> bool:
    """Whether any account exists (without creating the meta store when there is none)."""
    if not meta_path(db).exists():
        return False
    with open_meta(db, SCHEMA) as con:
        return con.execute("SELECT count(*) FROM accounts").fetchone()[0] > 0


def locked_until(
    db: Path | str, name: str, address: str, now: dt.datetime | None = None
) -> dt.datetime | None:
    """When sign-in attempts for `name` or from `address` may start again, if they are locked now."""
    now = now or dt.datetime.now()
    since = (now - FAILURE_WINDOW).isoformat(timespec="seconds")
    with open_meta(db, SCHEMA) as con:
        latest = []
        for column, value in (("name", name), ("address", address)):  # column: one of these two names
            rows = con.execute(
                f"SELECT at FROM sign_in_failures WHERE {column} = ? AND at >= ? ORDER BY at DESC",
                (value, since),
            ).fetchall()
            if len(rows) >= MAX_FAILURES:
                latest.append(dt.datetime.fromisoformat(rows[MAX_FAILURES - 1]["at"]) + FAILURE_WINDOW)
    return max(latest) if latest else None


def record_failure(db: Path | str, name: str, address: str, now: dt.datetime | None = None) -> None:
    at = (now or dt.datetime.now()).isoformat(timespec="seconds")
    with open_meta(db, SCHEMA) as con:
        con.execute("INSERT INTO sign_in_failures (at, name, address) VALUES (?, ?, ?)", (at, name, address))
