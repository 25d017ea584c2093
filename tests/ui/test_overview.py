"""The overview's summary sentences and attention tables, as pure functions of the facts."""

from __future__ import annotations

import polars as pl

from src.metrics.attention import Change, Facts
from src.metrics.filters import Filters
from src.ui.filters import Choices, View
from src.ui.overview import budget_table, summary_sentences, units_table

VIEW = View("id", Filters(year=2026, month=10), Choices({2026: 10}))
NOW = {"asn_count": 20700.0, "participation_rate": 0.629, "jp20_on_track_rate": 0.409}
FACTS = Facts(
    leader="Semarang",
    laggard="Siulak",
    ranking_metric="jp20_on_track_rate",
    leader_value=0.436,
    laggard_value=0.267,
    biggest_move=Change("absorption_rate", 0.695, 0.577),
    furthest_behind=Change("jp20_on_track_rate", 0.409, 1.0),
)


def test_summary_reads_the_figures_aloud_in_indonesian():
    assert summary_sentences(FACTS, NOW, VIEW) == [
        "Januari–Oktober 2026: dari 20.700 ASN, 62,9 % sudah mengikuti pengembangan kompetensi dan "
        "40,9 % sesuai laju menuju 20 JP.",
        "Semarang paling maju (43,6 % sesuai laju 20 JP); Siulak paling tertinggal (26,7 %).",
        "Sejak akhir September, serapan anggaran naik 11,8 poin menjadi 69,5 %.",
        "Paling jauh dari target: Sesuai laju 20 JP, 40,9 % dari target 100 %.",
    ]


def test_summary_in_english_and_without_a_second_region_or_an_earlier_month():
    facts = Facts(None, None, "jp20_on_track_rate", None, None, None, None)
    english = View("en", Filters(year=2026, month=1), Choices({2026: 1}))
    assert summary_sentences(facts, NOW, english) == [
        "January 2026: of 20,700 ASN, 62.9 % have taken part in competency development and 40.9 % are "
        "on track for 20 JP."
    ]


def test_a_fall_is_said_as_a_fall():
    facts = Facts(None, None, "jp20_on_track_rate", None, None, Change("jp_per_asn", 10.0, 12.5), None)
    assert (
        summary_sentences(facts, NOW, VIEW)[1]
        == "Sejak akhir September, JP per ASN turun 2,5 JP menjadi 10,0 JP."
    )


def test_attention_tables_are_formatted():
    units = pl.DataFrame(
        {"unit": ["Dinas Sosial"], "region": ["Siulak"], "asn_count": [42.0], "jp20_on_track_rate": [0.119],
         "participation_rate": [0.3], "no_development_count": [29.0], "jp_per_asn": [4.0]}
    )  # fmt: skip
    assert units_table(units, "id").row(0) == ("Dinas Sosial", "Siulak", "42", "11,9 %", "29")
    lines = pl.DataFrame(
        {"unit": ["Dinas Perhubungan"], "region": ["Semarang"], "budget_pagu": [450_175_000.0],
         "budget_realisasi": [226_855_000.0], "absorption_rate": [0.504], "plan_rate": [0.76],
         "amount_behind": [115_278_000.0]}
    )  # fmt: skip
    assert budget_table(lines, "id").row(0) == (
        "Dinas Perhubungan",
        "Semarang",
        "50,4 %",
        "76,0 %",
        "Rp115 jt",
    )
