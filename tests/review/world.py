"""The tiny world of the review tests, written as export files and loaded through the real importer
(tests/metrics_views/builder.py), with every figure worked out by hand in the tests.

Serang: Dinas A staff S0–S9, Dinas B staff T0–T9 (20). Semarang: Dinas C staff M0–M9 (10).
Review month: March 2026 (20-JP pace 20 × 3 / 12 = 5 JP; February's 20 × 2 / 12 = 3.33 JP; plan
share 0.10 in March, 0.05 in February).

Development (STATUS Selesai unless said; kepuasan / pretest / posttest where given):
    2025: S3 5 JP 01-02; S0 10 JP 01-03; S4 30 JP 01-11 (after March)
    2026: T1 "Orientasi" (SDM) 2 JP 20-01
          S0 "Orientasi" (SDM) 6 JP 10-02, kepuasan 4.5
          S1 "Orientasi" (SDM) 4 JP 15-02, kepuasan 4.0
          T0 "Kelas Komunikasi" (Komunikasi) 20 JP 05-03, kepuasan 4.0, 40 -> 70
          S2 "Kelas Komunikasi" (Komunikasi) 8 JP 10-03, kepuasan 3.0, 50 -> 60
          T2 "Kelas Komunikasi" (Komunikasi) 4 JP 12-03, Tidak Lulus, kepuasan 1.0
          S3, S4, S5 "Seminar Anggaran" (Keuangan) 2 JP each 20-03, kepuasan 2.0, 2.5, 3.5
          M0, M1, M2 (Semarang) "Kelas Komunikasi" (Komunikasi) 10 JP each 25-03, kepuasan 1.0
Budget (Rupiah; realisasi per month January, February, March):
    2025 Serang/Dinas A 5.03.02.2.03 pagu 80 jt: 2 jt, 2 jt, 2 jt
    2026 Serang/Dinas A 5.03.02.2.03 pagu 100 jt: 1 jt, 2 jt, 3 jt
    2026 Serang/Dinas B 5.04.02.2.01 pagu 50 jt: 5 jt, 0, 1 jt
    2026 Serang/Dinas B 5.03.02.2.03 pagu 20 jt: 0, 0, 0
    2026 Semarang/Dinas C 5.03.02.2.03 pagu 10 jt: 0, 0, 0
Assessments (2025-06-01), Serang staff:
    Komunikasi standard 3: S0–S9 at 2, T0–T9 at 3          (gap 0.5 over 20 pairs, 10 below)
    Integritas standard 3: S0–S3 at 2.5, the others at 3   (gap 4 × 0.5 / 20 = 0.1, 4 below)
    Perekat Bangsa standard 2: everyone at 2               (gap 0)
    Kerja Sama standard 3: S0–S4 at 1                      (gap 2 over only 5 pairs)
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from src.warehouse.db import connect
from tests.metrics_views.builder import BENTUK, Exports, K, cell

JT = 1_000_000


def rated_course(
    e: Exports,
    code: str,
    end: str,
    jp: float,
    name: str,
    topic: str,
    *,
    status: str = "Selesai",
    kepuasan: float | None = None,
    pre: float | None = None,
    post: float | None = None,
) -> None:
    """A development record with a course name and evaluation scores (Exports.course has neither)."""
    e.rows["pengembangan"].append([cell(v) for v in (
        e.nip(code), name, K, BENTUK[K], "Teknis", topic, "BPSDM Provinsi", end, end, jp, None, None,
        status, pre, post, kepuasan,
    )])  # fmt: skip


def build(e: Exports) -> duckdb.DuckDBPyConnection:
    """The world in an in-memory warehouse."""
    fill(e)
    return e.load()


def build_file(e: Exports, path: Path) -> Path:
    """The world in a database file at `path` (for the command line and the app)."""
    fill(e)
    con = connect(path)
    try:
        e.import_into(con)
    finally:
        con.close()
    return path


def fill(e: Exports) -> None:
    for i in range(10):
        e.staff(f"S{i}", unit="Dinas A")
    for i in range(10):
        e.staff(f"T{i}", unit="Dinas B")
    for i in range(10):
        e.staff(f"M{i}", region="Semarang", unit="Dinas C")
    e.course("S3", "2025-02-01", 5).course("S0", "2025-03-01", 10).course("S4", "2025-11-01", 30)
    rated_course(e, "T1", "2026-01-20", 2, "Orientasi", "SDM")
    rated_course(e, "S0", "2026-02-10", 6, "Orientasi", "SDM", kepuasan=4.5)
    rated_course(e, "S1", "2026-02-15", 4, "Orientasi", "SDM", kepuasan=4.0)
    rated_course(e, "T0", "2026-03-05", 20, "Kelas Komunikasi", "Komunikasi", kepuasan=4.0, pre=40, post=70)
    rated_course(e, "S2", "2026-03-10", 8, "Kelas Komunikasi", "Komunikasi", kepuasan=3.0, pre=50, post=60)
    rated_course(
        e, "T2", "2026-03-12", 4, "Kelas Komunikasi", "Komunikasi", status="Tidak Lulus", kepuasan=1.0
    )
    for code, score in (("S3", 2.0), ("S4", 2.5), ("S5", 3.5)):
        rated_course(e, code, "2026-03-20", 2, "Seminar Anggaran", "Keuangan", kepuasan=score)
    for code in ("M0", "M1", "M2"):
        rated_course(e, code, "2026-03-25", 10, "Kelas Komunikasi", "Komunikasi", kepuasan=1.0)
    for month, spent in zip((1, 2, 3), (2, 2, 2), strict=True):
        e.budget(2025, month, 80 * JT, spent * JT, unit="Dinas A")
    for month, a, b in zip((1, 2, 3), (1, 2, 3), (5, 0, 1), strict=True):
        e.budget(2026, month, 100 * JT, a * JT, unit="Dinas A")
        e.budget(2026, month, 50 * JT, b * JT, unit="Dinas B", kode="5.04.02.2.01")
        e.budget(2026, month, 20 * JT, 0, unit="Dinas B")
        e.budget(2026, month, 10 * JT, 0, region="Semarang", unit="Dinas C")
    for i in range(10):
        e.assess(f"S{i}", "2025-06-01", "Komunikasi", 3, 2).assess(f"T{i}", "2025-06-01", "Komunikasi", 3, 3)
    for code in [f"S{i}" for i in range(10)] + [f"T{i}" for i in range(10)]:
        e.assess(code, "2025-06-01", "Integritas", 3, 2.5 if code in {"S0", "S1", "S2", "S3"} else 3)
        e.assess(code, "2025-06-01", "Perekat Bangsa", 2, 2)
    for i in range(5):
        e.assess(f"S{i}", "2025-06-01", "Kerja Sama", 3, 1)
