"""The account store, the audit log and `python -m src.cli user …` (issue 5's foundation)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from src.config import ROOT
from src.warehouse import accounts, audit
from src.warehouse.accounts import AccountError
from src.warehouse.meta import meta_path

PASSWORD = "kata-sandi-rahasia-1"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "asn.duckdb"  # the accounts live beside it; the database itself need not exist


def test_an_account_signs_in_with_its_password_only(db: Path) -> None:
    accounts.add_account(db, "budi", "bkpsdm", PASSWORD, region="Serang")
    signed_in = accounts.verify(db, "budi", PASSWORD)
    assert signed_in is not None and (signed_in.role, signed_in.region) == ("bkpsdm", "Serang")
    assert accounts.verify(db, "budi", PASSWORD + "x") is None
    assert accounts.verify(db, "siapa", PASSWORD) is None
    assert not (db.parent / db.name).exists()  # accounts never touch the imported data


def test_passwords_are_stored_as_argon2id_hashes_only(db: Path) -> None:
    accounts.add_account(db, "admin", "admin", PASSWORD)
    stored = meta_path(db).read_bytes()
    assert PASSWORD.encode() not in stored
    assert b"$argon2id$" in stored


@pytest.mark.parametrize(
    ("name", "role", "region", "password", "key"),
    [
        ("x", "admin", None, PASSWORD, "accounts.error.name"),
        ("budi; DROP TABLE", "admin", None, PASSWORD, "accounts.error.name"),
        ("budi", "kepala", None, PASSWORD, "accounts.error.role"),
        ("budi", "bkpsdm", None, PASSWORD, "accounts.error.region_needed"),
        ("budi", "pimpinan", "Serang", PASSWORD, "accounts.error.region_not_for_role"),
        ("budi", "analis", None, "pendek", "accounts.error.password_short"),
    ],
)
def test_refused_accounts(db: Path, name, role, region, password, key) -> None:
    with pytest.raises(AccountError) as refused:
        accounts.add_account(db, name, role, password, region)
    assert refused.value.key == key
    assert accounts.list_accounts(db) == []


def test_list_remove_and_change_password(db: Path) -> None:
    accounts.add_account(db, "siti", "pimpinan", PASSWORD)
    accounts.add_account(db, "agus", "analis", PASSWORD)
    with pytest.raises(AccountError, match=r"accounts\.error\.exists"):
        accounts.add_account(db, "agus", "admin", PASSWORD)
    assert [(a.name, a.role) for a in accounts.list_accounts(db)] == [
        ("agus", "analis"),
        ("siti", "pimpinan"),
    ]
    accounts.set_password(db, "siti", "kata-sandi-baru-22")
    assert accounts.verify(db, "siti", PASSWORD) is None
    assert accounts.verify(db, "siti", "kata-sandi-baru-22") is not None
    accounts.remove_account(db, "agus")
    assert [a.name for a in accounts.list_accounts(db)] == ["siti"]
    for change in (
        lambda: accounts.remove_account(db, "agus"),
        lambda: accounts.set_password(db, "x1y", PASSWORD),
    ):
        with pytest.raises(AccountError, match=r"accounts\.error\.unknown"):
            change()


def cli(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "src.cli", "user", *args, "--db", str(db)],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
    )


def test_the_user_command_reads_the_password_from_standard_input_and_audits(db: Path) -> None:
    assert "user add admin --role admin" in cli(db, "list").stdout  # how to make the first admin
    added = cli(db, "add", "rina", "--role", "bkpsdm", "--region", "Siulak", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "rina (bkpsdm, Siulak)" in added.stdout
    assert accounts.verify(db, "rina", PASSWORD) is not None
    assert "rina  bkpsdm (Siulak)" in cli(db, "list").stdout
    refused = cli(db, "add", "dodi", "--role", "bkpsdm", stdin=PASSWORD + "\n")
    assert refused.returncode == 1 and "perlu --region" in refused.stderr
    assert cli(db, "set-password", "rina", stdin="kata-sandi-lain-33\n").returncode == 0
    assert cli(db, "remove", "rina").returncode == 0
    events = audit.events(db)
    assert [e.action for e in events] == ["account.remove", "account.set_password", "account.add"]
    assert events[-1].details == {"name": "rina", "role": "bkpsdm", "region": "Siulak"}
    assert all(e.who.startswith("cli") for e in events)
    assert PASSWORD not in meta_path(db).read_text(errors="ignore")
