"""The data quality panel (src/ui/quality.py): its builders as pure functions on small hand-made
frames, and the panel on the Definisi & Data page through AppTest against the sample database."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from src.i18n import t
from src.metrics import quality as metrics
from src.metrics.quality import CHECKED_DATASETS, flagged_development, quality_checks, quality_coverage
from src.ui import quality

PAGE = "pages/definisi.py"

# Year 2025, two regions: Serang has everything and a few problems, Siulak has no kinerja and no
# kebutuhan at all; budget and needs have no unknown-staff count, only development has the two
# value checks.
CHECKS = pl.DataFrame(
    [
        ("anggaran", "Serang", 12, None, None, None, 0),
        ("anggaran", "Siulak", 12, None, None, None, 0),
        ("karier", "Serang", 3, 0, None, None, 0),
        ("karier", "Siulak", 1, 0, None, None, 0),
        ("kebutuhan", "Serang", 4, None, None, None, 0),
        ("kebutuhan", "Siulak", 0, None, None, None, 0),
        ("kinerja", "Serang", 1200, 2, None, None, 0),
        ("kinerja", "Siulak", 0, 0, None, None, 0),
        ("kompetensi", "Serang", 300, 0, None, None, 0),
        ("kompetensi", "Siulak", 40, 0, None, None, 0),
        ("pengembangan", "Serang", 5000, 0, 3, 1, 4),
        ("pengembangan", "Siulak", 700, 0, 0, 0, 0),
    ],
    schema=["dataset", "wilayah", "records", "unknown_staff", "too_many_jp", "cost_outlier", "flagged"],
    orient="row",
)


def test_problem_lines_name_each_problem_in_plain_words():
    lines = quality.problem_lines(CHECKS, 2025, "id", refused_unknown_staff=1234)
    assert lines == [
        t("ui.quality.refused", "id", count="1.234"),
        t("ui.quality.missing_kinerja", "id", dataset="kinerja", year=2025, regions="Siulak"),
        t("ui.quality.missing", "id", dataset="kebutuhan", year=2025, regions="Siulak"),
        t("ui.quality.unknown_staff", "id", region="Serang", count="2", dataset="kinerja", year=2025),
        t("ui.quality.too_many_jp", "id", region="Serang", count="3", year=2025, max_jp=16),
        t("ui.quality.cost_outlier", "id", region="Serang", count="1", year=2025, factor=3),
    ]
    assert lines[4].startswith("Serang: 3 kegiatan pengembangan tahun 2025 mencatat lebih dari 16 JP")
    assert "3×" in lines[5]


def test_problem_lines_in_english_and_when_all_is_well():
    lines = quality.problem_lines(CHECKS, 2025, "en")
    assert lines[1] == "There is no training needs data for 2025 for Siulak yet."
    assert len(lines) == 5  # no refused line without a count from the import history
    clean = CHECKS.filter(pl.col("wilayah") == "Serang").with_columns(
        unknown_staff=pl.col("unknown_staff") * 0, too_many_jp=pl.col("too_many_jp") * 0,
        cost_outlier=pl.col("cost_outlier") * 0,
    )  # fmt: skip
    assert quality.problem_lines(clean, 2025, "id", refused_unknown_staff=0) == []
    assert quality.problem_lines(CHECKS.head(0), 2025, "id") == []


def test_a_dataset_missing_in_several_regions_is_one_line():
    two = pl.concat(
        [CHECKS, CHECKS.filter(pl.col("wilayah") == "Siulak").with_columns(wilayah=pl.lit("Banten"))]
    )
    lines = quality.problem_lines(two, 2025, "id")
    assert t("ui.quality.missing", "id", dataset="kebutuhan", year=2025, regions="Siulak dan Banten") in lines


def test_checks_table_shows_a_dash_where_a_check_does_not_apply():
    table = quality.checks_table(CHECKS, 2025, "id")
    assert table.columns == [
        "Jenis data", "Wilayah", "Catatan 2025", "NIP tak dikenal", "Lebih dari 16 JP/hari", "Biaya tidak wajar",
    ]  # fmt: skip
    assert table.row(0) == ("anggaran", "Serang", "12", "–", "–", "–")
    assert table.row(6) == ("kinerja", "Serang", "1.200", "2", "–", "–")
    assert table.row(10) == ("pengembangan", "Serang", "5.000", "0", "3", "1")
    assert quality.checks_table(CHECKS, 2025, "en").row(10)[0] == "development"


def test_coverage_table_shares_with_their_counts():
    coverage = pl.DataFrame(
        {"wilayah": ["Serang"], "staff": [1200], "assessed": [300], "rated": [0], "rated_previous": [1044],
         "assessed_share": [0.25], "rated_share": [0.0], "rated_previous_share": [0.87]}
    )  # fmt: skip
    table = quality.coverage_table(coverage, 2026, "id")
    assert table.columns == ["Wilayah", "ASN", "Pernah diases", "Kinerja 2026", "Kinerja 2025"]
    # 300/1200 = 25 %; 1044/1200 = 87 %
    assert table.row(0) == ("Serang", "1.200", "25,0 % (300)", "0,0 % (0)", "87,0 % (1.044)")
    assert quality.coverage_table(coverage.head(0), 2026, "en").height == 0


FLAGGED = pl.DataFrame(
    {
        "wilayah": ["Serang", "Siulak"],
        "unit_kerja": ["BKPSDM", None],
        "nama_kegiatan": ["Seminar A", "Bimtek B"],
        "bentuk": ["Seminar", "Bimtek"],
        "penyelenggara": ["BKPSDM", "=HYPERLINK(1)"],
        "tanggal_mulai": [dt.date(2026, 3, 2), dt.date(2026, 4, 6)],
        "tanggal_selesai": [dt.date(2026, 3, 2), dt.date(2026, 4, 7)],
        "days": [1, 2],
        "jp": [40.0, 40.0],
        "jp_per_day": [40.0, 20.0],
        "biaya": [None, 48_500_000.0],
        "usual_cost": [820_000.0, 5_100_000.0],
        "too_many_jp": [True, True],
        "cost_outlier": [False, True],
    }
)


def test_flagged_table_says_why_in_words():
    table = quality.flagged_table(FLAGGED, "id")
    assert table["Alasan"].to_list() == [
        "lebih dari 16 JP per hari",
        "lebih dari 16 JP per hari; biaya lebih dari 3× biasa",
    ]
    assert table["OPD"].to_list() == ["BKPSDM", "(tidak ada di data pegawai)"]
    assert table["Mulai"].to_list() == ["02-03-2026", "06-04-2026"]
    assert table["JP per hari"].to_list() == ["40,0 JP", "20,0 JP"]
    assert table["Biaya"].to_list() == ["–", "Rp48,5 jt"]
    assert quality.flagged_table(FLAGGED, "en")["Why"][1] == "more than 16 JP a day; cost above 3× the usual"


def test_flagged_export_keeps_numbers_and_dates():
    export = quality.flagged_export(FLAGGED, "en")
    assert export["Cost"].to_list() == [None, 48_500_000.0]
    assert export["Start"].dtype == pl.Date and export["Days"].to_list() == [1, 2]
    assert export["Provider"][1] == "=HYPERLINK(1)"  # neutralised by src/ui/export.py when written
    assert "Why" in export.columns and not {"nip", "nama", "NIP"} & set(export.columns)


@pytest.mark.parametrize("dataset", CHECKED_DATASETS)
def test_every_dataset_has_a_name_in_both_languages(dataset):
    assert quality.dataset_label(dataset, "id") and quality.dataset_label(dataset, "en")


# ---- the page --------------------------------------------------------------------------------------


def _frame_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_sample_has_records_worth_a_look(figures):
    """The sample's deliberate entry slips (src/warehouse/demo.py) reach the checks in every region."""
    checks = quality_checks(figures.con, figures.default).filter(pl.col("dataset") == "pengembangan")
    assert checks.height == len(figures.regions)
    assert (checks["too_many_jp"] >= 1).all() and (checks["cost_outlier"] >= 1).all()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_definitions_page_shows_the_panel(run_app, figures, lang):
    at = run_app(query={"lang": lang}, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert t("ui.quality.heading", lang) in [s.value for s in at.subheader]
    filters = figures.default
    checks = quality_checks(figures.con, filters)
    lines = quality.problem_lines(checks, filters.year, lang)
    assert lines  # the sample's slips
    assert "\n".join(f"- {line}" for line in lines) in [m.value for m in at.markdown]
    flagged = flagged_development(figures.con, filters)
    shown = _frame_with(at, t("ui.quality.col_reason", lang))
    assert (
        len(shown) == flagged.height == min(int(checks["flagged"].fill_null(0).sum()), metrics.SAMPLE_LIMIT)
    )
    assert list(shown[t("ui.quality.col_course", lang)]) == flagged["nama_kegiatan"].to_list()
    coverage = _frame_with(at, t("ui.quality.col_assessed", lang))
    assert list(coverage[t("ui.quality.col_region", lang)]) == figures.regions
    expected = quality.coverage_table(quality_coverage(figures.con, filters), filters.year, lang)
    assert (
        list(coverage[t("ui.quality.col_assessed", lang)])
        == expected[t("ui.quality.col_assessed", lang)].to_list()
    )
    assert [b.label for b in at.get("download_button")][-2:] == ["CSV", "XLSX"]


def test_the_panel_follows_the_region_filter(run_app, figures):
    region = figures.regions[-1]
    at = run_app(query={"wilayah": region}, page=PAGE)
    assert not at.exception
    table = _frame_with(at, "NIP tak dikenal")
    assert set(table["Wilayah"]) == {region} and len(table) == len(CHECKED_DATASETS)
    flagged = _frame_with(at, "Alasan")
    assert set(flagged["Wilayah"]) == {region}
