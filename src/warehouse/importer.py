"""Import export files into the warehouse: all files of one call checked together, then loaded
all-or-nothing in one transaction, replacing the (region, year) slices the contract names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from src.i18n import t
from src.warehouse import contract
from src.warehouse.cleaning import CleanTable, clean_table, detect_dataset, report_duplicate_keys
from src.warehouse.db import refresh_rollups
from src.warehouse.problems import Problem, ProblemList, mask_nip
from src.warehouse.reading import ReadError, read_file
from src.warehouse.regions import MappingError, RegionMapper

log = logging.getLogger(__name__)

# Datasets whose rows belong to a person: they get the person's region from the staff snapshot,
# and the year (of this date column) that decides which slice an import replaces.
PERSON_DATASETS = {
    "pengembangan": "tanggal_selesai",
    "kompetensi": "tanggal_asesmen",
    "kinerja": None,  # has its own TAHUN
    "karier": "tanggal",
}
# Load order: staff first, so that everything else can refer to it.
LOAD_ORDER = ("pegawai", "pengembangan", "kompetensi", "kinerja", "karier", "anggaran", "kebutuhan")


@dataclass
class ImportResult:
    problems: ProblemList
    notes: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    slices: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self, lang: str = "id") -> str:
        if not self.ok:
            return t("import.refused", lang, count=self.problems.total)
        parts = ", ".join(t("import.rows_of", lang, dataset=d, rows=f"{n:,}".replace(",", "."))
                          for d, n in self.rows.items())  # fmt: skip
        return t("import.done", lang, summary=parts)


@dataclass
class _FileInfo:
    name: str
    sha256: str
    size: int
    dataset: str | None = None
    rows: int = 0


def file_info(path: Path) -> _FileInfo:
    """Name, SHA-256 and size of the file at `path` (what the import log and the history keep)."""
    try:  # hashed in steps: a file over the size limit is refused by read_file, never held in memory
        with path.open("rb") as handle:
            digest, size = hashlib.file_digest(handle, "sha256"), path.stat().st_size
    except OSError:  # missing, a folder, no permission: reading it reports the problem
        digest, size = hashlib.sha256(b""), 0
    return _FileInfo(path.name, digest.hexdigest(), size)


def _read_and_clean(
    path: Path,
    dataset_name: str | None,
    regions: RegionMapper,
    problems: ProblemList,
    notes: list[Problem],
) -> CleanTable | None:
    label = path.name
    try:
        raw = read_file(path)
    except ReadError as error:
        problems.add(Problem(label, error.key, line=error.values.pop("line", None), values=error.values))
        return None
    except OSError as error:
        problems.add(Problem(label, "import.error.file_unreadable", values={"reason": error.strerror}))
        return None
    if dataset_name:
        dataset = contract.DATASETS[dataset_name]
        present = {contract.header_key(h) for h in raw.headers}
        missing = [c.name for c in dataset.required_columns if not ({c.name, *c.aliases} & present)]
        if missing:
            values = {"dataset": dataset.name, "missing": ", ".join(missing)}
            problems.add(Problem(label, "import.error.wrong_dataset", values=values))
            return None
    else:
        found, closest, missing = detect_dataset(raw.headers)
        if found is None:
            values = {"dataset": closest.name, "missing": ", ".join(missing)}
            problems.add(Problem(label, "import.error.unknown_dataset", values=values))
            return None
        dataset = found
    if raw.cells.is_empty():
        problems.add(Problem(label, "import.error.no_rows"))
        return None
    table = clean_table(raw, dataset, label, regions, problems)
    if table.ignored_columns:
        notes.append(Problem(label, "import.ignored_columns",
                             values={"columns": ", ".join(table.ignored_columns)}))  # fmt: skip
    for column, values in table.new_values.items():
        shown = ", ".join(values[:10]) + (" …" if len(values) > 10 else "")
        notes.append(Problem(label, "import.new_values", values={"column": column, "values": shown}))
    return table


def _combine(tables: list[CleanTable], problems: ProblemList) -> dict[str, pl.DataFrame]:
    """One frame per dataset over all its files; repeated keys across files are errors too."""
    combined: dict[str, pl.DataFrame] = {}
    for name in LOAD_ORDER:
        parts = [tb.frame.with_columns(_file=pl.lit(tb.file)) for tb in tables if tb.dataset.name == name]
        if not parts:
            continue
        frame = pl.concat(parts, how="vertical_relaxed")
        dataset = contract.DATASETS[name]
        if dataset.unique_key:
            report_duplicate_keys(frame, dataset, problems)
        combined[name] = frame
    return combined


def _effective_staff(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The staff snapshot as it will be after this import: (nip, wilayah)."""
    stored = con.sql("SELECT nip, wilayah FROM pegawai").pl()
    if "pegawai" not in frames:
        return stored
    new = frames["pegawai"].select("nip", "wilayah").drop_nulls()
    replaced = new["wilayah"].unique().to_list()
    return pl.concat([stored.filter(~pl.col("wilayah").is_in(replaced)), new])


def _check_staff_regions(
    con: duckdb.DuckDBPyConnection, pegawai: pl.DataFrame, problems: ProblemList
) -> None:
    """An NIP may be in one region only: not in a stored region this import leaves in place."""
    stored = con.sql("SELECT nip, wilayah AS wilayah_lain FROM pegawai").pl()
    kept = stored.filter(~pl.col("wilayah_lain").is_in(pegawai["wilayah"].unique().to_list()))
    clashes = pegawai.join(kept, on="nip", maintain_order="left")
    problems.add_many(
        [Problem(row["_file"], "import.error.nip_other_region", row["_line"], "NIP_BARU",
                 mask_nip(row["nip"]), {"region": row["wilayah_lain"]})
         for row in clashes.head(20).iter_rows(named=True)],
        clashes.height,
    )  # fmt: skip


def _attach_person_region(
    frame: pl.DataFrame, name: str, staff: pl.DataFrame, problems: ProblemList
) -> pl.DataFrame:
    """Give each person-level row its region and slice year; unknown NIPs are errors."""
    joined = frame.join(staff, on="nip", how="left", maintain_order="left")  # examples in file order
    unknown = joined.filter(pl.col("nip").is_not_null() & pl.col("wilayah").is_null())
    problems.add_many(
        [Problem(row["_file"], "import.error.unknown_staff", row["_line"], "NIP_BARU", mask_nip(row["nip"]))
         for row in unknown.head(20).iter_rows(named=True)],
        unknown.height,
    )  # fmt: skip
    year_column = PERSON_DATASETS[name]
    if year_column:
        joined = joined.with_columns(tahun=pl.col(year_column).dt.year().cast(pl.Int32))
    return joined


def _prepare(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Derived columns the schema stores beside the contract's."""
    if "pegawai" in frames:
        frames["pegawai"] = frames["pegawai"].with_columns(
            golongan_kelompok=pl.when(pl.col("jenis_pegawai").str.starts_with("PPPK"))
            .then(pl.lit("PPPK"))
            .otherwise(pl.col("golongan").str.split("/").list.first())
        )
    return frames


def _slices(name: str, frame: pl.DataFrame) -> list[tuple[str, int | None]]:
    if name == "pegawai":
        return [(w, None) for w in sorted(frame["wilayah"].unique().to_list())]
    pairs = frame.select("wilayah", "tahun").unique().sort("wilayah", "tahun")
    return [(w, y) for w, y in pairs.iter_rows()]


def _load(
    con: duckdb.DuckDBPyConnection,
    frames: dict[str, pl.DataFrame],
    infos: list[_FileInfo],
    slices: dict[str, list[tuple[str, int | None]]],
) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        for name, frame in frames.items():
            # Arrow in Polars' own string layout (views): handed over as is, not copied into
            # large strings first as a registered Polars frame is (about 10 % less work in the load).
            staging = frame.drop("_line", "_file").to_arrow(compat_level=pl.CompatLevel.newest())
            con.register("staging", staging)
            try:
                if name == "pegawai":
                    con.execute("DELETE FROM pegawai WHERE wilayah IN (SELECT DISTINCT wilayah FROM staging)")
                else:
                    con.execute(
                        f"DELETE FROM {name} WHERE (wilayah, tahun) IN "  # name is from LOAD_ORDER
                        "(SELECT DISTINCT wilayah, tahun FROM staging)"
                    )
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM staging")
            finally:
                con.unregister("staging")
        refresh_rollups(con)
        con.execute(
            "INSERT INTO import_log (waktu, datasets, files, slices) VALUES (?, ?, ?, ?)",
            [
                dt.datetime.now(),
                json.dumps({n: f.height for n, f in frames.items()}),
                json.dumps([info.__dict__ for info in infos]),
                json.dumps(slices),
            ],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


@dataclass
class ImportPlan:
    """Everything an import would write, checked but not yet loaded (the preview shows it)."""

    result: ImportResult
    files: list[_FileInfo] = field(default_factory=list)
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    new_regions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def file_records(self) -> list[dict[str, object]]:
        """name, sha256, size, dataset, rows of each file (what the history keeps)."""
        return [dict(info.__dict__) for info in self.files]


def plan_import(
    con: duckdb.DuckDBPyConnection,
    paths: list[Path],
    dataset: str | None = None,
    regions: RegionMapper | None = None,
) -> ImportPlan:
    """Read and check every file against the data in `con` (which may be read-only); write nothing."""
    paths = [Path(p) for p in paths]
    problems = ProblemList()
    notes: list[Problem] = []
    if dataset and dataset not in contract.DATASETS:
        values = {"dataset": dataset, "choices": ", ".join(contract.DATASETS)}
        problems.add(Problem("--dataset", "import.error.unknown_dataset_name", values=values))
        return ImportPlan(ImportResult(problems))
    try:
        regions = regions or RegionMapper()
    except MappingError as error:
        problems.add(Problem(error.path.name, "import.error.region_mapping", line=error.line))
        return ImportPlan(ImportResult(problems))
    infos = [file_info(p) for p in paths]
    seen: dict[str, str] = {}  # content hash -> the first file with that content
    tables = []
    for path, info in zip(paths, infos, strict=True):
        # The same file twice would load its rows twice (where no key catches it): refuse the repeat.
        if info.size and info.sha256 in seen:
            problems.add(Problem(info.name, "import.error.same_file", values={"other": seen[info.sha256]}))
            continue
        if info.size:
            seen[info.sha256] = info.name
        table = _read_and_clean(path, dataset, regions, problems, notes)
        if table is not None:
            info.dataset, info.rows = table.dataset.name, table.frame.height
            tables.append(table)
    frames = _combine(tables, problems)
    if "pegawai" in frames:
        _check_staff_regions(con, frames["pegawai"], problems)
    staff = _effective_staff(con, frames)
    for name in PERSON_DATASETS:
        if name in frames:
            frames[name] = _attach_person_region(frames[name], name, staff, problems)
    plan = ImportPlan(ImportResult(problems, notes), infos)
    if problems or not frames:  # refused, or no files: nothing to load
        return plan
    plan.frames = _prepare(frames)
    plan.result.rows = {name: frame.height for name, frame in plan.frames.items()}
    plan.result.slices = {name: _slices(name, frame) for name, frame in plan.frames.items()}
    stored_regions = {r for (r,) in con.execute("SELECT wilayah FROM dim_wilayah").fetchall()}
    plan.new_regions = sorted({w for s in plan.result.slices.values() for w, _ in s} - stored_regions)
    return plan


def slice_changes(con: duckdb.DuckDBPyConnection, plan: ImportPlan) -> pl.DataFrame:
    """dataset, wilayah, tahun (null for the staff snapshot), rows_stored, rows_new: what a load replaces."""
    rows = []
    for name, frame in plan.frames.items():
        keys = ["wilayah"] if name == "pegawai" else ["wilayah", "tahun"]
        new = frame.group_by(keys).len("rows_new")
        # name is from LOAD_ORDER, never from input
        stored = con.sql(f"SELECT {', '.join(keys)}, count(*) AS rows_stored FROM {name} GROUP BY ALL").pl()
        joined = new.join(stored, on=keys, how="left").with_columns(
            pl.col("rows_stored").fill_null(0), dataset=pl.lit(name)
        )
        if name == "pegawai":
            joined = joined.with_columns(tahun=pl.lit(None, pl.Int32))
        rows.append(joined.select("dataset", "wilayah", pl.col("tahun").cast(pl.Int32), "rows_stored",
                                  pl.col("rows_new").cast(pl.Int64)))  # fmt: skip
    schema = {"dataset": pl.String, "wilayah": pl.String, "tahun": pl.Int32,
              "rows_stored": pl.Int64, "rows_new": pl.Int64}  # fmt: skip
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.concat(rows, how="vertical_relaxed").cast(schema).sort("dataset", "wilayah", "tahun")


def load_plan(con: duckdb.DuckDBPyConnection, plan: ImportPlan) -> ImportResult:
    """Load a checked plan into `con` (writable) in one transaction; returns the plan's result."""
    result = plan.result
    if not result.ok or not plan.frames:
        return result
    try:
        _load(con, plan.frames, plan.files, result.slices)
    except duckdb.Error as error:
        # The checks should leave nothing for the database to refuse; if it still does, this is a
        # Problem, not a traceback. Its text may quote values (NIPs), so only its type is logged.
        log.error("import rolled back: the database refused the load (%s)", type(error).__name__)
        result.problems.add(Problem("", "import.error.load_failed"))
        result.rows, result.slices = {}, {}
        return result
    if plan.new_regions:
        result.notes.append(Problem("", "import.new_region", values={"regions": ", ".join(plan.new_regions)}))
    log.info("import committed: %s", result.rows)
    return result


def import_files(
    con: duckdb.DuckDBPyConnection,
    paths: list[Path],
    dataset: str | None = None,
    regions: RegionMapper | None = None,
) -> ImportResult:
    """Check every file, then load them together or not at all. Never raises for bad data."""
    plan = plan_import(con, paths, dataset, regions)
    if not plan.ok:
        log.info("import refused: %d problems in %d files", plan.result.problems.total, len(paths))
    return load_plan(con, plan)
