"""pages/tinjauan.py through AppTest on the hand-computed world (tests/review/world.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from src.config import ROOT
from src.warehouse import review_notes

APP = ROOT / "app.py"
PAGE = "pages/tinjauan.py"


@pytest.fixture
def open_review(review_db, monkeypatch):
    monkeypatch.setenv("DASBOR_DB", str(review_db))

    def run(query: dict[str, str]) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params.update(query)
        at.run()
        at.switch_page(PAGE).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def table_rows(at: AppTest) -> dict[str, list[str]]:
    frame = at.table[0].value
    return {row[0]: list(row[1:]) for row in frame.itertuples(index=False)}


def test_the_review_of_march_in_serang(open_review):
    at = open_review({"wilayah": "Serang", "tahun": "2026", "bulan": "3"})
    assert at.title[0].value == "Tinjauan Bulanan"
    assert at.selectbox(key="review_period").value == "2026-03"
    assert at.selectbox(key="review_region").value == "Serang"
    rows = table_rows(at)
    # hand-computed in test_review_metrics.py: 8 of 20 took part (+25 points on February, +30 on 2025)
    assert rows["Tingkat partisipasi"] == ["40,0 %", "100 %", "+25,0 poin", "+30,0 poin", "Tertinggal"]
    assert rows["Realisasi"][2:4] == ["+Rp4 jt (+50,0 %)", "+Rp6 jt (+100,0 %)"]
    assert rows["JP per ASN"][1] == "laju 5 JP"
    summary = " ".join(m.value for m in at.markdown)
    assert "Sampai akhir Maret 2026, 15,0 % dari 20 ASN di Serang sesuai laju menuju 20 JP" in summary
    assert "OPD paling tertinggal: Dinas B" in summary
    frames = [table.value for table in at.table[1:]]
    assert list(frames[0]["OPD"]) == ["Dinas B", "Dinas A"]  # one region: no region column
    assert "Wilayah" not in frames[0].columns
    assert list(frames[1]["Kurang dari rencana"]) == ["Rp4\u00a0jt", "Rp2\u00a0jt"]  # no break inside
    assert len(at.get("plotly_chart")) == 2


def test_the_month_picker_moves_the_sidebar_and_the_address(open_review):
    at = open_review({"wilayah": "Serang", "tahun": "2026", "bulan": "3"})
    at.selectbox(key="review_period").set_value("2026-02").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="f_month").value == 2
    assert at.query_params["bulan"] == "2"
    # February: 3 of 20 took part; against January (T1: 1 of 20) +10 points
    assert table_rows(at)["Tingkat partisipasi"][:3] == ["15,0 %", "100 %", "+10,0 poin"]
    at.selectbox(key="review_region").set_value("").run()
    assert at.sidebar.multiselect(key="f_regions").value == []
    assert "wilayah" not in at.query_params


def test_save_a_note_and_see_it_next_month(open_review, review_db):
    at = open_review({"wilayah": "Serang", "tahun": "2026", "bulan": "1"})
    at.text_area(key="review_text").input("Sepakat: Dinas B menjadwalkan e-learning.")
    at.text_input(key="review_author").input("Rina")
    at.button(key="FormSubmitter:review_note_form-Simpan catatan").click().run()
    assert not at.exception
    note = review_notes.latest_note(review_db, 2026, 1, "Serang")
    assert (note.text, note.author) == ("Sepakat: Dinas B menjadwalkan e-learning.", "Rina")
    assert "Sepakat: Dinas B menjadwalkan e-learning." in [t.value for t in at.text]
    # next month shows it beside the figures, and the author's name is remembered
    at.selectbox(key="review_period").set_value("2026-02").run()
    assert any("Bulan lalu kita sepakat (Januari 2026)" in m.value for m in at.markdown)
    assert "Sepakat: Dinas B menjadwalkan e-learning." in [t.value for t in at.text]
    assert at.text_input(key="review_author").value == "Rina"
    assert at.text_area(key="review_text").value == ""  # February has no note yet


def test_a_note_needs_an_author(open_review, review_db):
    at = open_review({"wilayah": "Serang", "tahun": "2025", "bulan": "6"})
    at.text_area(key="review_text").input("Tanpa nama")
    at.button(key="FormSubmitter:review_note_form-Simpan catatan").click().run()
    assert [w.value for w in at.warning][-1] == "Isi catatan dan nama penulis terlebih dahulu."
    assert review_notes.latest_note(review_db, 2025, 6, "Serang") is None


def test_english_and_every_region(open_review):
    at = open_review({"lang": "en", "tahun": "2026", "bulan": "3"})
    assert at.title[0].value == "Monthly review"
    assert at.selectbox(key="review_region").value == ""
    # every region: 11 of 30 took part
    assert table_rows(at)["Participation rate"][0] == "36.7 %"
    assert list(at.table[1].value.columns)[:2] == ["OPD", "Region"]
