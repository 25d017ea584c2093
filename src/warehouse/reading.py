"""Turn an export file (CSV or XLSX) into a table of text cells, without interpreting any value.

Every cell becomes a string (or null when empty) so that one set of parsers in `cleaning` applies to
both formats. XLSX date cells become ISO dates and whole numbers lose their `.0`; a NIP stored as a
number cell is marked so that cleaning can refuse it (Excel keeps only 15 significant digits).

What a file is, is decided by its content, not its name: a workbook (a zip) named `.csv` is read as
XLSX; a text file named `.xlsx` is refused with a message saying it holds text. Every refusal is a
`ReadError` naming a catalogue message (src/i18n/messages.toml, import.error.*), in this order:

1. the name and size (`check_upload`, which the upload page calls before saving a file, and
   `read_file` again): a known suffix, not empty, at most config.max_upload_mb();
2. the first bytes: other formats (PDF, images, old .xls, UTF-16 text, HTML pages, binary data);
3. XLSX: the zip directory (parts, declared sizes, packing ratio, config.xlsx_max_uncompressed_mb()
   and config.xlsx_max_ratio()), then every part is unpacked in 1 MB steps and stopped as soon as
   it grows past its declared size (a forged directory), all before calamine parses anything;
4. CSV: NUL bytes, the encoding (UTF-8 with or without BOM, else Windows-1252; a file mixing the
   two is refused), then the records (a cell longer than MAX_CELL_CHARS, a row whose number of
   fields differs from the header's).

Memory (bounded by the limits above): a CSV's bytes are held once (its encoding is checked in
steps), Arrow's cells move to Polars one column at a time and are stripped one column at a time;
measured peak about 5-7 times the file's size (a 197 MB file of 1,000,000 rows: under 1 GB; the
csv module took 3.6 GB). An XLSX is checked part by part without unpacking it into memory; calamine
then holds the first sheet's cells (about 2.7 times the unpacked sheet at peak), which become Python
values XLSX_CHUNK_ROWS rows at a time, so only one chunk of Python objects is ever alive.

CSV speed: the records are parsed by Arrow's CSV reader (serially, every column as text), which
follows the csv module's quoting rules; a file it cannot read exactly as the csv module would (a
ragged row, a whitespace-only line, a record longer than a block, a quoted value holding \\r) is
read again by the csv module, whose answer (and message) is the reference. About 10 times faster
than the csv module alone on large files. Line numbers count records, as a spreadsheet shows rows:
the header is line 1, a cell holding a line break does not add one.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import python_calamine

from src import config
from src.i18n import MessageError

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = (",", ";", "\t")
# A numeric XLSX cell is written with this prefix so that the NIP parser can tell it was a number.
NUMERIC_CELL_MARK = "\x00num:"
# The longest cell accepted, in characters: the csv module's field limit, which the reader has
# always had (Excel itself stops at 32,767). Longer means a quote that is never closed, or not a CSV.
MAX_CELL_CHARS = 131_072
# XLSX rows turned into Python values at a time (bounds the Python objects alive at once).
XLSX_CHUNK_ROWS = 65_536
# Parts of an XLSX smaller than this (unpacked) are not held to the packing-ratio limit.
RATIO_FLOOR_BYTES = 1024 * 1024
# The most parts, and the largest zip directory, an XLSX may have (Excel writes a dozen or so).
MAX_ZIP_PARTS = 10_000
MAX_ZIP_DIRECTORY_BYTES = 4 * 1024 * 1024
_STEP = 1024 * 1024  # unpack and read in steps of this many bytes
# Arrow reads a CSV in blocks of this size (measured fastest); a longer record goes to the csv module.
ARROW_BLOCK = 2 * 1024 * 1024

_UTF8_BOM = b"\xef\xbb\xbf"
# The characters str.splitlines() breaks at: the header line is what comes before the first.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# What str.strip() removes (Python's whitespace): a row whose cells are all this is not data.
_PY_SPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
# Whitespace-only lines at the very end of a CSV (often there): dropped before the fast parse.
_TRAILING_BLANK_LINES = re.compile(rb"(?:\r\n|\r|\n)[ \t\r\n\x0b\x0c]*\Z")
# A UTF-8 encoded non-ASCII character: in a file that is not valid UTF-8, it means mixed encodings.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Other formats, recognised by their first bytes (the name is what people call the format).
_SIGNATURES = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "GZIP"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"{\\rtf", "RTF"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, .doc, and password-protected workbooks
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_MARKUP = (b"<!doctype html", b"<html", b"<table", b"<?xml", b"<head", b"<body")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class ReadError(MessageError):
    """A whole file cannot be read. `key` names a catalogue message, `values` fill it."""


@dataclass(frozen=True)
class RawTable:
    headers: list[str]
    cells: pl.DataFrame  # one Utf8 column per header (named c0, c1, …) plus "_line", the file's line


def check_upload(name: str, size: int) -> ReadError | None:
    """What can be said of a file from its name and size alone, before its bytes are saved.

    For the upload page: returns the refusal (render it with `t(error.key, lang, **error.values)`)
    or None. `read_file` applies the same checks again, then looks at the content.
    """
    if Path(name).suffix.lower() not in CSV_SUFFIXES | XLSX_SUFFIXES:
        return ReadError("import.error.file_type")
    if size <= 0:
        return ReadError("import.error.file_empty")
    if size > config.max_upload_bytes():
        return ReadError("import.error.file_too_large", limit=config.max_upload_mb())
    return None


def read_file(path: Path) -> RawTable:
    if not path.exists():
        raise ReadError("import.error.file_missing")
    size = path.stat().st_size
    if size == 0:
        raise ReadError("import.error.file_empty")
    if refusal := check_upload(path.name, size):
        raise refusal
    with path.open("rb") as handle:
        head = handle.read(8192)
    kind = _kind(head)
    if kind == "zip":
        return _read_xlsx(path)
    if kind == "ole2":
        raise ReadError("import.error.xls_old")
    if kind == "html":
        raise ReadError("import.error.file_html")
    if kind in {name for _, name in _SIGNATURES}:
        raise ReadError("import.error.file_format", kind=kind)
    if path.suffix.lower() in XLSX_SUFFIXES:
        raise ReadError("import.error.xlsx_is_text" if kind == "text" else "import.error.xlsx_unreadable")
    if kind == "utf16":
        raise ReadError("import.error.file_utf16")
    if kind == "binary":
        raise ReadError("import.error.file_binary")
    return _read_csv(path)


def _kind(head: bytes) -> str:
    """zip, ole2, html, utf16, binary, text, or the name of another format, from the first bytes."""
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE2):
        return "ole2"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    if b"\x00" in head:
        # UTF-16 without a BOM: ASCII text with a NUL beside every character (before or after).
        pairs = len(head) // 2
        if pairs and max(head[0::2].count(0), head[1::2].count(0)) > 0.4 * pairs:
            return "utf16"
        return "binary"
    if head.removeprefix(_UTF8_BOM).lstrip().lower().startswith(_MARKUP):
        return "html"
    return "text"


# ---- CSV -----------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, the two encodings Indonesian exports use."""
    return _utf8(data).decode("utf-8-sig")


def _utf8(data: bytes) -> bytes:
    """The file as UTF-8: itself when it is, else its Windows-1252 text re-encoded. A file that is
    partly UTF-8 and partly not (two files pasted together) is refused, naming the first line that is
    not. Checked in steps, so that no second copy of a large file is made to find that out."""
    if data.isascii():
        return data
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for at in range(0, len(data), _STEP):
            decoder.decode(data[at : at + _STEP])
        decoder.decode(b"", final=True)
        return data
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):  # some of it is UTF-8, and some is not
            position = at + error.start
            raise ReadError(
                "import.error.file_encoding_mixed", line=data.count(b"\n", 0, position) + 1
            ) from None
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError:  # five byte values are undefined in cp1252
        raise ReadError("import.error.file_encoding") from None


def _header_line(utf8: bytes, start: int) -> str:
    """What str.splitlines() would give as the first line of the text."""
    head = utf8[start : start + 65_536].decode("utf-8", errors="ignore")  # at most a cut character lost
    first_break = _LINE_BREAK.search(head)
    if first_break is None and len(utf8) - start > len(head):
        head = utf8[start:].decode("utf-8")
        first_break = _LINE_BREAK.search(head)
    return head[: first_break.start()] if first_break else head


def sniff_delimiter(header_line: str) -> str:
    """The delimiter is whichever of `,` `;` and tab splits the header into the most fields."""
    counts = {d: len(next(csv.reader([header_line], delimiter=d))) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))


def _read_csv(path: Path) -> RawTable:
    data = path.read_bytes()
    if (nul := data.find(b"\x00")) >= 0:  # past the first bytes (those are checked as binary)
        raise ReadError("import.error.file_nul", line=data.count(b"\n", 0, nul) + 1)
    utf8 = _utf8(data)
    del data
    start = len(_UTF8_BOM) if utf8.startswith(_UTF8_BOM) else 0
    header_line = _header_line(utf8, start)
    if not header_line.strip():
        raise ReadError("import.error.file_empty")
    delimiter = sniff_delimiter(header_line)
    # Whitespace to Python but not to Polars (information separators): rows of it need the exact test.
    odd_space = any(character in utf8 for character in (b"\x1c", b"\x1d", b"\x1e", b"\x1f"))
    table = _parse_arrow(utf8, start, delimiter, header_line.count(delimiter) + 1)
    if table is None:
        text = utf8.decode("utf-8-sig")
        del utf8
        return _read_csv_python(text, delimiter)
    del utf8
    columns = {}
    for index in range(table.num_columns):  # one column at a time: never two copies of every cell
        columns[f"c{index}"] = pl.from_arrow(table.column(0))
        table = table.remove_column(0)
    frame = pl.DataFrame(columns)
    del columns
    _check_cell_length(frame)
    headers = list(frame.row(0))
    body = frame.slice(1).with_columns(_line=pl.int_range(2, frame.height + 1, dtype=pl.Int64))
    return _finish(headers, body.select("_line", *frame.columns), odd_space)


def _parse_arrow(utf8: bytes, start: int, delimiter: str, width_bound: int) -> pa.Table | None:
    """Every record of utf8[start:] as text cells (the header is row 0), or None where the csv
    module must decide (Arrow refuses the file: a ragged row, a whitespace-only line, a record
    longer than a block, …).

    Arrow's reader is told first that no value holds a line break (several times faster): it then
    cuts its blocks at line breaks, and read serially it checks every block's records end where the
    block does ("parser got out of sync with chunker" when a quoted value held the cut), so it
    reads such a file correctly or fails; after a failure it reads again allowing line breaks.
    """
    end = len(utf8)
    match = _TRAILING_BLANK_LINES.search(utf8, max(end - 4096, start))
    if match:  # keep the last record's line break, drop the blank lines after it
        end = match.start() + (2 if utf8.startswith(b"\r\n", match.start()) else 1)
    buffer = pa.py_buffer(memoryview(utf8)[start:end])
    read_options = pacsv.ReadOptions(
        autogenerate_column_names=True, use_threads=False, block_size=ARROW_BLOCK
    )
    convert_options = pacsv.ConvertOptions(
        column_types=dict.fromkeys((f"f{i}" for i in range(width_bound)), pa.string()),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
        null_values=[],
        check_utf8=False,  # decoded (and re-encoded) above
    )
    for newlines_in_values in (False, True):
        parse_options = pacsv.ParseOptions(
            delimiter=delimiter,
            quote_char='"',
            double_quote=True,
            escape_char=False,
            newlines_in_values=newlines_in_values,
            ignore_empty_lines=False,
        )
        try:
            table = pacsv.read_csv(
                buffer,
                read_options=read_options,
                parse_options=parse_options,
                convert_options=convert_options,
            )
        except (pa.ArrowException, ValueError):
            continue
        # Allowing line breaks, Arrow can lose the \n of a \r\n inside a quoted value where a block
        # ends between the two (measured with pyarrow 26): values holding \r go to the csv module.
        if newlines_in_values and any(pc.any(pc.match_substring(c, "\r")).as_py() for c in table.columns):
            return None
        if not all(pa.types.is_string(column.type) for column in table.columns):
            return None  # a column beyond width_bound was given a type: not a case to be fast in
        return table
    return None


def _check_cell_length(frame: pl.DataFrame) -> None:
    longest = frame.select(pl.max_horizontal(pl.col(c).str.len_bytes().max() for c in frame.columns)).item()
    if longest is None or longest <= MAX_CELL_CHARS:  # bytes >= characters
        return
    too_long = pl.any_horizontal(pl.col(c).str.len_chars() > MAX_CELL_CHARS for c in frame.columns)
    rows = frame.with_row_index("_row").filter(too_long)
    if rows.height:
        raise ReadError("import.error.cell_too_long", line=rows["_row"][0] + 1, limit=MAX_CELL_CHARS)


def _read_csv_python(text: str, delimiter: str) -> RawTable:
    """The reference reader (the csv module): slower, exact, and the one that explains bad rows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as error:  # the record being read, counted as a spreadsheet counts rows
        if "field larger than field limit" in str(error):
            raise ReadError("import.error.cell_too_long", line=len(rows) + 1, limit=MAX_CELL_CHARS) from None
        raise ReadError("import.error.csv_broken", line=len(rows) + 1) from None
    headers = rows[0]
    width = len(headers)
    lines, body = [], []
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines (often at the end) are not data
        if len(row) != width:
            raise ReadError("import.error.ragged", line=index, found=len(row), expected=width)
        lines.append(index)
        body.append(row)
    columns = list(zip(*body, strict=True)) if body else [() for _ in headers]
    frame = pl.DataFrame(
        {"_line": lines, **{f"c{i}": list(values) for i, values in enumerate(columns)}},
        schema={"_line": pl.Int64, **{f"c{i}": pl.String for i in range(width)}},
    )
    return _finish(headers, frame)


def _finish(headers: list[str], frame: pl.DataFrame, odd_space: bool = False) -> RawTable:
    """Drop the rows with nothing but whitespace, make empty cells NULL, strip the rest.

    `odd_space`: the cells may hold \\x1c-\\x1f, whitespace to Python (whose str.strip() decides
    what a blank row is) but not to Polars: blank rows are then found by Python's whitespace first.
    """
    if not [h for h in headers if h.strip()]:
        raise ReadError("import.error.file_empty")
    columns = [c for c in frame.columns if c != "_line"]
    if odd_space and columns:
        frame = _drop_blank_rows(frame, columns)
    # Surrounding spaces never carry meaning in these exports. One column at a time (memory).
    for name in columns:
        frame = frame.with_columns(pl.col(name).str.strip_chars().replace("", None))
    if columns:
        blank = pl.all_horizontal(pl.col(c).is_null() for c in columns)
        if frame.select(blank.any()).item():
            frame = frame.filter(~blank)
    return RawTable(headers=headers, cells=frame)


def _drop_blank_rows(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    blank = pl.all_horizontal(pl.col(c).fill_null("").str.strip_chars(_PY_SPACE) == "" for c in columns)
    return frame.filter(~blank) if frame.select(blank.any()).item() else frame


# ---- XLSX ----------------------------------------------------------------------------------------


def _read_xlsx(path: Path) -> RawTable:
    _check_zip(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises several error types for damaged files
        raise ReadError("import.error.xlsx_unreadable") from None
    try:
        return _xlsx_table(workbook)
    finally:
        workbook.close()


def _xlsx_table(workbook: python_calamine.CalamineWorkbook) -> RawTable:
    try:
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.iter_rows()
        first = next(rows, None)
    except Exception:
        raise ReadError("import.error.xlsx_unreadable") from None
    if first is None or sheet.end is None:
        raise ReadError("import.error.file_empty")
    # iter_rows leaves out empty columns before the first used one; a spreadsheet (and line/column
    # positions) counts them, so they are put back.
    lead = [""] * max(sheet.end[1] + 1 - len(first), 0)
    headers = [_xlsx_cell(v).removeprefix(NUMERIC_CELL_MARK) for v in lead + first]
    while headers and not headers[-1].strip():
        headers.pop()
    width = len(headers)
    schema = {"_line": pl.Int64, **{f"c{i}": pl.String for i in range(width)}}
    parts = [pl.DataFrame(schema=schema)]
    line = 2
    while True:
        try:
            chunk = list(itertools.islice(rows, XLSX_CHUNK_ROWS))
        except Exception:
            raise ReadError("import.error.xlsx_unreadable") from None
        if not chunk:
            break
        if lead:
            chunk = [lead + row for row in chunk]
        if all(len(row) == len(chunk[0]) for row in chunk):
            columns = list(zip(*chunk, strict=True))[:width]
        else:
            columns = list(itertools.zip_longest(*chunk, fillvalue=""))[:width]
        columns += [("",) * len(chunk)] * (width - len(columns))
        data = {f"c{i}": _xlsx_column(values) for i, values in enumerate(columns)}
        part = pl.DataFrame({"_line": range(line, line + len(chunk)), **data}, schema=schema)
        parts.append(_drop_blank_rows(part, list(data)) if data else part)
        line += len(chunk)
    return _finish(headers, pl.concat(parts, rechunk=True))


def _xlsx_column(values: tuple) -> pl.Series:
    """The cells of one column as _xlsx_cell writes them; number and date cells are converted as
    whole columns (Polars writes a float as Python's repr does from 1e-4 up to 1e15, where it is
    used; other values go through _xlsx_cell)."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return pl.Series(values, dtype=pl.String)
    out = pl.Series([v if type(v) is str else None for v in values], dtype=pl.String)
    for kind, convert in ((float, _number_texts), (dt.date, _date_texts), (dt.datetime, _date_texts)):
        if kind in kinds:
            texts = convert([v if type(v) is kind else None for v in values])
            out = out.zip_with(out.is_not_null(), texts)
    if others := kinds - {str, float, dt.date, dt.datetime}:
        texts = pl.Series([_xlsx_cell(v) if type(v) in others else None for v in values], dtype=pl.String)
        out = out.zip_with(out.is_not_null(), texts)
    return out


def _number_texts(values: list[float | None]) -> pl.Series:
    numbers = pl.Series("x", values, dtype=pl.Float64)
    x, size = pl.col("x"), pl.col("x").abs()
    texts = (
        numbers.to_frame()
        .select(
            pl.when((x.floor() == x) & (size < 1e15))
            .then(x.cast(pl.Int64).cast(pl.String))
            .when((size >= 1e-4) & (size < 1e15))
            .then(x.cast(pl.String))
        )
        .to_series()
    )
    rest = (texts.is_null() & numbers.is_not_null()).arg_true()
    if len(rest):  # tiny, huge, or not finite: Python's own repr
        texts = texts.scatter(rest, [_xlsx_cell(values[i]).removeprefix(NUMERIC_CELL_MARK) for i in rest])
    return NUMERIC_CELL_MARK + texts


def _date_texts(values: list[dt.date | None]) -> pl.Series:
    dates = pl.Series(values)
    if dates.dtype == pl.Datetime:
        dates = dates.dt.date()
    known = dates.drop_nulls()
    if dates.dtype != pl.Date or (
        len(known) and not 1000 <= known.dt.year().min() <= known.dt.year().max() <= 9999
    ):
        return pl.Series([None if v is None else _xlsx_cell(v) for v in values], dtype=pl.String)
    return dates.dt.to_string("%Y-%m-%d")


def _xlsx_cell(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return NUMERIC_CELL_MARK + text
    if isinstance(value, int):
        return NUMERIC_CELL_MARK + str(value)
    return "" if value is None else str(value)


def _check_zip(path: Path) -> None:
    """Refuse a workbook that would cost too much to open, before calamine parses any of it."""
    try:
        with path.open("rb") as handle:
            _check_zip_directory(handle, path.stat().st_size)
            with zipfile.ZipFile(handle) as archive:
                parts = archive.infolist()
                _check_declared(archive, parts, path.stat().st_size)
                for part in parts:
                    _check_unpacked(handle, part)
    except ReadError:
        raise
    except Exception:  # zipfile, struct and zlib raise many types for damaged archives
        raise ReadError("import.error.xlsx_unreadable") from None


def _check_zip_directory(handle: io.BufferedReader, size: int) -> None:
    """The end record: there (else the file was cut short), and a directory of sane size."""
    handle.seek(max(size - 65_557, 0))  # the end record (22 bytes) and a comment of up to 64 KB
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise ReadError("import.error.xlsx_truncated")
    _, _, _, _, parts, directory_bytes, _, _ = struct.unpack("<4s4H2LH", tail[at : at + 22])
    if parts == 0xFFFF or directory_bytes == 0xFFFFFFFF:  # Zip64: the real figures are elsewhere
        locator = tail[at - 20 : at] if at >= 20 else b""
        if not locator.startswith(b"PK\x06\x07"):
            raise ReadError("import.error.xlsx_unreadable")
        (offset,) = struct.unpack("<Q", locator[8:16])
        handle.seek(offset)
        record = handle.read(56)
        if not record.startswith(b"PK\x06\x06"):
            raise ReadError("import.error.xlsx_unreadable")
        parts, directory_bytes = struct.unpack("<QQ", record[32:48])
    if parts > MAX_ZIP_PARTS or directory_bytes > MAX_ZIP_DIRECTORY_BYTES:
        raise ReadError("import.error.xlsx_too_many_parts", limit=MAX_ZIP_PARTS)
    handle.seek(0)


def _check_declared(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo], size: int) -> None:
    """What the zip directory says: a workbook, plain compression, and sizes within the limits."""
    names = {part.filename for part in parts}
    if not any(name.startswith("xl/") for name in names):
        mimetype = next((p for p in parts if p.filename == "mimetype" and p.file_size < 256), None)
        if mimetype and archive.read(mimetype).startswith(_ODS_MIMETYPE):  # an OpenDocument sheet
            raise ReadError("import.error.file_format", kind="ODS (LibreOffice)")
        raise ReadError("import.error.xlsx_not_workbook")
    if any(
        p.flag_bits & 0x1 or p.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for p in parts
    ):
        raise ReadError("import.error.xlsx_unreadable")  # encrypted parts, or a packing Excel never uses
    if sum(p.compress_size for p in parts) > size:  # parts that share their packed bytes
        raise ReadError("import.error.xlsx_bomb", limit=config.xlsx_max_ratio())
    limit_mb = config.xlsx_max_uncompressed_mb()
    if sum(p.file_size for p in parts) > limit_mb * 1024 * 1024:
        raise ReadError("import.error.xlsx_too_large", limit=limit_mb)
    ratio = config.xlsx_max_ratio()
    if any(p.file_size > RATIO_FLOOR_BYTES and p.file_size > ratio * max(p.compress_size, 1) for p in parts):
        raise ReadError("import.error.xlsx_bomb", limit=ratio)


def _check_unpacked(handle: io.BufferedReader, part: zipfile.ZipInfo) -> None:
    """Unpack one part in steps, stopping as soon as it grows past its declared size: a directory
    that lies about sizes is caught before any parser trusts it. The CRC must match too."""
    handle.seek(part.header_offset)
    header = handle.read(30)
    if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
        raise ReadError("import.error.xlsx_unreadable")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(part.header_offset + 30 + name_length + extra_length)
    inflate = zlib.decompressobj(-zlib.MAX_WBITS) if part.compress_type == zipfile.ZIP_DEFLATED else None
    packed_left, unpacked, crc = part.compress_size, 0, 0
    while packed_left > 0 and not (inflate and inflate.eof):
        packed = handle.read(min(_STEP, packed_left))
        if not packed:
            raise ReadError("import.error.xlsx_truncated")
        packed_left -= len(packed)
        while True:
            if inflate is None:
                data, packed = packed, b""
            else:  # never more than one step beyond the declared size is unpacked
                data = inflate.decompress(packed, _STEP)
                packed = inflate.unconsumed_tail
            unpacked += len(data)
            if unpacked > part.file_size:
                raise ReadError("import.error.xlsx_size_mismatch")
            crc = zlib.crc32(data, crc)
            if inflate is None or inflate.eof or (not packed and len(data) < _STEP):
                break
    if inflate is not None and not inflate.eof:
        raise ReadError("import.error.xlsx_unreadable")
    if unpacked != part.file_size or crc != part.CRC:
        raise ReadError("import.error.xlsx_size_mismatch")
