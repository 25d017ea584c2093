"""Check and convert one file's text cells into typed, canonical columns (vectorised with Polars).

`clean_table` returns the dataset's columns under their database names, plus `_line` (the file's
line, for messages). Every broken rule becomes a Problem with file, line and column; values are
echoed only for non-personal columns, and NIPs only masked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from src.warehouse import contract
from src.warehouse.contract import Column, Dataset, Kind
from src.warehouse.problems import Problem, ProblemList, mask_nip
from src.warehouse.reading import NUMERIC_CELL_MARK, RawTable
from src.warehouse.regions import RegionMapper

# Problems of one kind in one column that are spelled out; the rest are only counted.
EXAMPLES_PER_RULE = 20

PLAIN_NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
INDONESIAN_NUMBER = r"^-?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$"
DIGITS_ONLY = r"^-?[0-9]+$"
# ASCII digits only: Polars' `\d` also matches other scripts' digits, which nothing downstream parses.
DATE_FORMATS = (
    (r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", "%Y-%m-%d"),
    (r"^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$", "%d-%m-%Y"),
    (r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$", "%d/%m/%Y"),
)


@dataclass
class CleanTable:
    dataset: Dataset
    file: str
    frame: pl.DataFrame
    ignored_columns: list[str] = field(default_factory=list)
    new_values: dict[str, list[str]] = field(default_factory=dict)  # open-list values not known


def detect_dataset(headers: list[str]) -> tuple[Dataset | None, Dataset, list[str]]:
    """The dataset whose required columns are all present (the one with the most, if several).

    Returns (match or None, closest dataset, its missing required columns).
    """
    present = {contract.header_key(h) for h in headers}

    def missing(dataset: Dataset) -> list[str]:
        return [c.name for c in dataset.required_columns if not ({c.name, *c.aliases} & present)]

    ranked = sorted(
        contract.DATASETS.values(),
        key=lambda d: (len(missing(d)), -len(d.required_columns)),
    )
    best = ranked[0]
    return (best if not missing(best) else None), best, missing(best)


def resolve_columns(
    dataset: Dataset, headers: list[str], file: str, problems: ProblemList
) -> tuple[dict[str, str], list[str]]:
    """Map each contract column to a raw column (c0, c1, …). Returns (mapping, ignored headers)."""
    by_key: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        by_key.setdefault(contract.header_key(header), []).append(index)
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for column in dataset.columns:
        for name in (column.name, *column.aliases):  # the canonical name wins over an alias
            indexes = by_key.get(name, [])
            if len(indexes) > 1:
                problems.add(Problem(file, "import.error.duplicate_column", column=headers[indexes[0]],
                                     values={"column": headers[indexes[0]]}))  # fmt: skip
            if indexes:
                mapping[column.name] = f"c{indexes[0]}"
                used.update(indexes)
                break
    ignored = [h for i, h in enumerate(headers) if i not in used and h.strip()]
    return mapping, ignored


def _report(
    frame: pl.DataFrame,
    mask: pl.Expr,
    file: str,
    header: str,
    key: str,
    problems: ProblemList,
    shown: pl.Expr | None,
    **values: object,
) -> None:
    """Turn the rows where `mask` holds into problems (a few spelled out, all counted)."""
    hits = frame.filter(mask.fill_null(False))
    if hits.is_empty():
        return
    sample = hits.head(EXAMPLES_PER_RULE).select(
        "_line", (shown if shown is not None else pl.lit(None, pl.String)).alias("found")
    )
    problems.add_many(
        [Problem(file, key, line, header, found, values) for line, found in sample.iter_rows()],
        hits.height,
    )


def _strip_numeric_mark(expr: pl.Expr) -> pl.Expr:
    return expr.str.strip_prefix(NUMERIC_CELL_MARK)


def _distinct(frame: pl.DataFrame, raw: str, *steps: dict[str, pl.Expr]) -> pl.DataFrame:
    """Each distinct cell of column `raw` (as `cell`, null included) with the columns of `steps`
    (each step may use the ones before). Every rule here depends on the cell alone, and most
    columns repeat a few values (a status, a date, an amount), so the string work shrinks from a
    million cells to a few hundred."""
    distinct = frame.select(pl.col(raw).unique().alias("cell"))
    for step in steps:
        distinct = distinct.with_columns(**step)
    return distinct


def _spread(frame: pl.DataFrame, raw: str, distinct: pl.DataFrame) -> pl.DataFrame:
    """`_line`, the cell (as `cell`) and the columns of `distinct`, row by row in file order."""
    return frame.select("_line", pl.col(raw).alias("cell")).join(
        distinct, on="cell", how="left", nulls_equal=True, maintain_order="left"
    )


def _per_value(frame: pl.DataFrame, raw: str, *steps: dict[str, pl.Expr]) -> pl.DataFrame:
    """`_spread` of `_distinct`: the columns of `steps`, worked out once per distinct cell."""
    return _spread(frame, raw, _distinct(frame, raw, *steps))


def _all(distinct: pl.DataFrame, condition: pl.Expr) -> bool:
    """Whether `condition` holds for every distinct cell (a null counts as not holding)."""
    return bool(distinct.select(condition.fill_null(False).all()).item())


def _parse_number(frame: pl.DataFrame, raw: str, header: str, file: str, problems: ProblemList) -> pl.Series:
    """Plain (`1250000.5`) or Indonesian (`1.250.000,50`) numbers, optional `Rp`; one style a column.

    Returns the value as canonical plain text (`1250000.50`), so that DuckDB can store money as an
    exact DECIMAL; XLSX number cells are plain by nature and do not vote on the column's style.
    """
    cell, text = pl.col("cell"), pl.col("text")
    distinct = _distinct(
        frame,
        raw,
        {
            "text": _strip_numeric_mark(cell).str.replace(r"^(?i)rp\.?", "").str.replace_all(r"\s", ""),
            "xlsx": cell.str.starts_with(NUMERIC_CELL_MARK).fill_null(False),
        },
        {
            "plain": text.str.contains(PLAIN_NUMBER),
            "indo": text.str.contains(INDONESIAN_NUMBER),
            "digits": text.str.contains(DIGITS_ONLY),
            "as_plain": text.str.replace_all(r"\.", "").str.replace(",", "."),
        },
    )
    # Already canonical (plain numbers as the file gives them, none of them also an Indonesian
    # reading): nothing to vote on, report or rewrite, the column is its own value.
    plain = ~pl.col("xlsx") & pl.col("plain") & (pl.col("digits") | ~pl.col("indo")) & (text == cell)
    if _all(distinct, cell.is_null() | plain):
        return frame[raw]
    work = _spread(frame, raw, distinct).rename({"cell": "raw"})
    voting = work.filter(pl.col("text").is_not_null() & ~pl.col("xlsx"))
    plain_only = voting.filter(pl.col("plain") & ~pl.col("indo"))
    indo_only = voting.filter(pl.col("indo") & ~pl.col("plain"))
    ambiguous = voting.filter(pl.col("plain") & pl.col("indo") & ~pl.col("digits"))
    style = "plain"
    if plain_only.height and indo_only.height:
        p, i = plain_only.row(0, named=True), indo_only.row(0, named=True)
        examples = {"plain_line": p["_line"], "plain": p["text"], "indo_line": i["_line"], "indo": i["text"]}
        problems.add(Problem(file, "import.error.number_mixed_style", column=header, values=examples))
    elif indo_only.height:
        style = "indonesian"
    elif not plain_only.height and ambiguous.height:
        a = ambiguous.row(0, named=True)
        readings = {"value": a["text"], "plain": a["text"].rstrip("0").rstrip("."),
                    "indo": a["text"].replace(".", "")}  # fmt: skip
        problems.add(Problem(file, "import.error.number_ambiguous", a["_line"], header, values=readings))
    canonical = (
        pl.when(pl.col("xlsx") | pl.lit(style == "plain"))
        .then(pl.when(pl.col("plain")).then(pl.col("text")))
        .otherwise(pl.when(pl.col("indo")).then(pl.col("as_plain")))
    )
    work = work.with_columns(canonical.alias("value"))
    # Cells that are a number in neither style; a style clash is the one problem reported above.
    not_a_number = pl.col("value").is_null() & ~(pl.col("plain") | pl.col("indo"))
    _report(work, pl.col("text").is_not_null() & not_a_number, file, header, "import.error.number",
            problems, _strip_numeric_mark(pl.col("raw")))  # fmt: skip
    return work["value"]


def _parse_date(
    frame: pl.DataFrame, raw: str, header: str, file: str, problems: ProblemList, personal: bool
) -> pl.Series:
    text = pl.col("raw")
    parsed = pl.coalesce(
        pl.when(text.str.contains(pattern)).then(text.str.strptime(pl.Date, fmt, strict=False))
        for pattern, fmt in DATE_FORMATS
    )
    # a number cell in XLSX is not a date cell
    work = _per_value(frame, raw, {"raw": _strip_numeric_mark(pl.col("cell"))}, {"value": parsed})
    shown = None if personal else pl.col("raw")
    _report(work, pl.col("raw").is_not_null() & pl.col("value").is_null(), file, header,
            "import.error.date", problems, shown)  # fmt: skip
    return work["value"]


def _parse_nip(frame: pl.DataFrame, raw: str, header: str, file: str, problems: ProblemList) -> pl.Series:
    # Already canonical (18 digits, no leading zero, no spaces, not an XLSX number cell): nothing
    # to report or rewrite. One pass over the cells, cheaper than their many distinct values.
    if frame.select(pl.col(raw).str.contains(r"^[1-9][0-9]{17}$").fill_null(True).all()).item():
        return frame[raw]
    cell = pl.col("cell")
    work = _per_value(
        frame,
        raw,
        {
            "xlsx": cell.str.starts_with(NUMERIC_CELL_MARK).fill_null(False),
            "value": _strip_numeric_mark(cell).str.replace_all(r"\s", "").str.strip_chars_start("0"),
        },
        {"nip18": pl.col("value").str.contains(r"^[0-9]{18}$")},
    )
    masked = pl.col("value").map_elements(mask_nip, return_dtype=pl.String)
    _report(work, pl.col("xlsx"), file, header, "import.error.nip_number_cell", problems, None)
    _report(work, ~pl.col("xlsx") & ~pl.col("nip18"), file, header, "import.error.nip", problems, masked)
    return work.select(pl.when(~pl.col("xlsx") & pl.col("nip18")).then(pl.col("value"))).to_series()


def _parse_choice(
    frame: pl.DataFrame, raw: str, column: Column, file: str, problems: ProblemList
) -> tuple[pl.Series, list[str]]:
    """Closed lists refuse unknown values; open lists keep them as given and report them."""
    key = pl.col("raw").str.to_lowercase().str.replace_all(r"[\s\-_./]+", "")
    known = key.replace_strict(column.choices, default=None, return_dtype=pl.String)
    distinct = _distinct(frame, raw, {"raw": _strip_numeric_mark(pl.col("cell"))}, {"known": known})
    if _all(distinct, pl.col("known").eq_missing(pl.col("cell"))):  # all known, as the list spells them
        return frame[raw], []
    work = _spread(frame, raw, distinct)
    unknown = pl.col("raw").is_not_null() & pl.col("known").is_null()
    if column.kind is Kind.CHOICE:
        choices = ", ".join(dict.fromkeys(column.choices.values()))
        _report(work, unknown, file, column.name, "import.error.choice", problems, pl.col("raw"),
                choices=choices)  # fmt: skip
        return work["known"], []
    new_values = work.filter(unknown)["raw"].unique().sort().to_list()
    return work.select(pl.coalesce("known", "raw")).to_series(), new_values


def _check_range(
    frame: pl.DataFrame, values: pl.Series, column: Column, file: str, problems: ProblemList
) -> None:
    work = frame.select("_line").with_columns(text=values, value=values.cast(pl.Float64, strict=False))
    shown = pl.col("text")  # the number as written (canonical), not its float rendering
    if column.kind is Kind.INTEGER:
        _report(work, pl.col("value") != pl.col("value").round(0), file, column.name,
                "import.error.integer", problems, shown)  # fmt: skip
    if column.minimum is not None:
        _report(work, pl.col("value") < column.minimum, file, column.name,
                "import.error.below_minimum", problems, shown, minimum=column.minimum)  # fmt: skip
    if column.maximum is not None:
        _report(work, pl.col("value") > column.maximum, file, column.name,
                "import.error.above_maximum", problems, shown, maximum=column.maximum)  # fmt: skip


def _parse_column(
    frame: pl.DataFrame, raw: str | None, column: Column, file: str, problems: ProblemList,
    new_values: dict[str, list[str]],
) -> pl.Series:  # fmt: skip
    if raw is None:  # an optional column the file does not have
        dtype = pl.Date if column.kind is Kind.DATE else pl.String
        return pl.Series(column.db_name, [None] * frame.height, dtype=dtype)
    if column.required:
        _report(frame, pl.col(raw).is_null(), file, column.name, "import.error.required", problems, None)
    match column.kind:
        case Kind.NIP:
            series = _parse_nip(frame, raw, column.name, file, problems)
        case Kind.DATE:
            series = _parse_date(frame, raw, column.name, file, problems, column.personal)
        case Kind.NUMBER | Kind.INTEGER:
            series = _parse_number(frame, raw, column.name, file, problems)
            _check_range(frame, series, column, file, problems)
            if column.kind is Kind.INTEGER:
                series = series.cast(pl.Float64, strict=False).cast(pl.Int64, strict=False)
        case Kind.CHOICE | Kind.OPEN_CHOICE:
            series, unknown = _parse_choice(frame, raw, column, file, problems)
            if unknown:
                new_values[column.name] = unknown
        case _:
            series = frame[raw].str.strip_prefix(NUMERIC_CELL_MARK)
    return series.alias(column.db_name)


def clean_table(
    raw: RawTable, dataset: Dataset, file: str, regions: RegionMapper, problems: ProblemList
) -> CleanTable:
    mapping, ignored = resolve_columns(dataset, raw.headers, file, problems)
    new_values: dict[str, list[str]] = {}
    frame = raw.cells
    columns = [
        _parse_column(frame, mapping.get(c.name), c, file, problems, new_values) for c in dataset.columns
    ]
    clean = pl.DataFrame([frame["_line"], *columns])
    if "wilayah" in clean.columns:
        clean = clean.with_columns(regions.map_series(clean["wilayah"]))
    _check_rows(clean, dataset, file, problems)
    return CleanTable(dataset, file, clean, ignored, new_values)


def _check_rows(frame: pl.DataFrame, dataset: Dataset, file: str, problems: ProblemList) -> None:
    """Rules that involve more than one column of a row, or more than one row."""
    if dataset is contract.PEGAWAI:
        pns = pl.col("jenis_pegawai").is_in(["PNS", "CPNS"])
        pppk = pl.col("jenis_pegawai").str.starts_with("PPPK")
        _report(frame, pns & ~pl.col("golongan").is_in(contract.PNS_GOLONGAN), file, "GOLONGAN",
                "import.error.golongan_pns", problems, pl.col("golongan"))  # fmt: skip
        _report(frame, pppk & ~pl.col("golongan").is_in(contract.PPPK_GOLONGAN), file, "GOLONGAN",
                "import.error.golongan_pppk", problems, pl.col("golongan"))  # fmt: skip
    if dataset is contract.PENGEMBANGAN:
        end = pl.col("tanggal_selesai")
        _report(frame, end < pl.col("tanggal_mulai"), file, "TANGGAL_SELESAI",
                "import.error.end_before_start", problems, end.cast(pl.String))  # fmt: skip
    if dataset is contract.KOMPETENSI_DATASET:
        managerial = list(contract.MANAGERIAL_COMPETENCIES)
        _report(frame, (pl.col("jenis_kompetensi") == "Manajerial") & ~pl.col("kompetensi").is_in(managerial),
                file, "KOMPETENSI", "import.error.competency_name", problems, pl.col("kompetensi"),
                kind="Manajerial", choices=", ".join(managerial))  # fmt: skip
        _report(frame, (pl.col("jenis_kompetensi") == "Sosial Kultural")
                & (pl.col("kompetensi") != contract.SOCIO_CULTURAL_COMPETENCY),
                file, "KOMPETENSI", "import.error.competency_name", problems, pl.col("kompetensi"),
                kind="Sosial Kultural", choices=contract.SOCIO_CULTURAL_COMPETENCY)  # fmt: skip


def report_duplicate_keys(frame: pl.DataFrame, dataset: Dataset, problems: ProblemList) -> None:
    """A key seen on an earlier row (of the same file or of an earlier file) is an error.

    `frame` holds every file of the dataset in this import, with `_file` and `_line`.
    """
    key = [dataset.column(name).db_name for name in dataset.unique_key]
    numbered = frame.drop_nulls(key).with_row_index("_order")
    first = numbered.group_by(key).agg(
        pl.col("_order").min(), pl.col("_file").sort_by("_order").first().alias("_first_file"),
        pl.col("_line").sort_by("_order").first().alias("_first_line"),
    )  # fmt: skip
    repeats = numbered.join(first, on=key, suffix="_first", maintain_order="left").filter(
        pl.col("_order") != pl.col("_order_first")
    )
    if repeats.is_empty():
        return

    def shown(row: dict[str, object]) -> str:  # the NIP is personal data: only its last digits
        return ", ".join(f"{header}={mask_nip(row[k]) if k == 'nip' else row[k]}"
                         for header, k in zip(dataset.unique_key, key, strict=True))  # fmt: skip

    examples = [
        Problem(
            row["_file"],
            "import.error.duplicate_key",
            row["_line"],
            dataset.unique_key[0],
            values={"key": shown(row), "other": f"{row['_first_file']}:{row['_first_line']}"},
        )
        for row in repeats.head(EXAMPLES_PER_RULE).iter_rows(named=True)
    ]
    problems.add_many(examples, repeats.height)
