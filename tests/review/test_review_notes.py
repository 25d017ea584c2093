"""Review notes in the meta store (src/warehouse/review_notes.py): saved with author and time,
history kept, the latest shown, last month's found again, and never beside the imported data."""

from __future__ import annotations

import datetime as dt

import pytest

from src.warehouse import review_notes
from src.warehouse.meta import meta_path


def test_save_and_read_back(tmp_path):
    db = tmp_path / "asn.duckdb"
    assert review_notes.latest_note(db, 2026, 10, "Serang") is None
    assert not meta_path(db).exists()  # reading creates nothing
    first = review_notes.save_note(
        db, 2026, 10, "Serang", " Percepat e-learning di Kecamatan Kasemen. ", "  Rina   S. ",
        saved_at=dt.datetime(2026, 11, 3, 9, 15, 42, 123456),
    )  # fmt: skip
    # text trimmed, author's spaces collapsed, time to the second
    assert (first.text, first.author, first.saved_at) == (
        "Percepat e-learning di Kecamatan Kasemen.", "Rina S.", dt.datetime(2026, 11, 3, 9, 15, 42),
    )  # fmt: skip
    assert meta_path(db) == tmp_path / "asn.meta.sqlite"
    second = review_notes.save_note(
        db,
        2026,
        10,
        "Serang",
        "Revisi: juga Kecamatan Curug.",
        "Budi",
        saved_at=dt.datetime(2026, 11, 3, 10, 0),
    )
    assert review_notes.latest_note(db, 2026, 10, "Serang") == second
    assert review_notes.history(db, 2026, 10, "Serang") == [second, first]
    # another region, or every region (""), is another note
    assert review_notes.latest_note(db, 2026, 10, "") is None
    assert review_notes.latest_note(db, 2026, 10, "Semarang") is None


def test_previous_month_note(tmp_path):
    db = tmp_path / "asn.duckdb"
    october = review_notes.save_note(db, 2026, 10, "", "Sepakat: OPD tertinggal dihubungi.", "Rina")
    december = review_notes.save_note(db, 2025, 12, "", "Tutup tahun.", "Rina")
    assert review_notes.previous_note(db, 2026, 11, "") == october
    assert review_notes.previous_note(db, 2026, 1, "") == december  # January looks back to December
    assert review_notes.previous_note(db, 2026, 11, "Serang") is None
    assert review_notes.previous_period(2026, 1) == (2025, 12)


@pytest.mark.parametrize(("text", "author"), [("", "Rina"), ("   ", "Rina"), ("Isi", ""), ("Isi", "  ")])
def test_blank_text_or_author_is_refused(tmp_path, text, author):
    with pytest.raises(ValueError):
        review_notes.save_note(tmp_path / "asn.duckdb", 2026, 10, "", text, author)
    assert review_notes.history(tmp_path / "asn.duckdb", 2026, 10, "") == []


def test_notes_survive_a_new_database_file(tmp_path):
    """The notes live beside the database, not in it: replacing the data file keeps them."""
    db = tmp_path / "asn.duckdb"
    db.write_bytes(b"old data")
    note = review_notes.save_note(db, 2026, 3, "Serang", "Catatan", "Rina")
    db.unlink()
    db.write_bytes(b"new data")
    assert review_notes.latest_note(db, 2026, 3, "Serang") == note
