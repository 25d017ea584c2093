"""Hostile files: every refusal of the reading layer names its reason (Indonesian and English) and
leaves a database holding data exactly as it was; the size limits and where they come from; and the
fast CSV and XLSX paths answering exactly as the reference (the csv module, cell by cell)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import struct
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from src import config
from src.warehouse import reading
from src.warehouse.importer import import_files
from src.warehouse.reading import ReadError, check_upload, read_file
from tests.warehouse.conftest import (
    NIP_1,
    NIP_2,
    NIP_3,
    dump,
    good_file,
    load,
    rows,
    table,
    write,
    write_xlsx,
)

MB = 1024 * 1024


@pytest.fixture
def stocked(con, tmp_path):
    """A database holding staff, development records and budget lines: a refusal must leave it alone."""
    folder = tmp_path / "stock"
    folder.mkdir()
    load(con, *(good_file(folder, d, name=f"stock_{d}") for d in ("pegawai", "pengembangan", "anggaran")))
    return con


@pytest.fixture(autouse=True)
def _default_limits(monkeypatch):
    for name in ("DASBOR_MAX_UPLOAD_MB", "DASBOR_XLSX_MAX_UNCOMPRESSED_MB", "DASBOR_XLSX_MAX_RATIO"):
        monkeypatch.delenv(name, raising=False)


def refused(con, path: Path, reason: str, reason_en: str) -> str:
    """Import `path` into `con`: refused, one problem on this file naming the reason in both languages,
    every table (import log included) exactly as before. Returns the Indonesian text."""
    before = dump(con)
    result = import_files(con, [path])
    assert not result.ok
    text, text_en = "\n".join(result.problems.render("id")), "\n".join(result.problems.render("en"))
    assert result.problems.total == 1, text
    assert text.startswith(path.name), text
    assert reason in text, text
    assert reason_en in text_en, text_en
    assert dump(con) == before, "a refused import changed the database"
    return text


def _fail(*_args, **_kwargs):
    raise AssertionError("must not be reached")


# In place of python_calamine where a file must be refused before any parsing: if it were reached,
# the reader would turn the failure into "xlsx_unreadable", and the expected message would be missing.
NO_CALAMINE = SimpleNamespace(CalamineWorkbook=SimpleNamespace(from_path=_fail))


# ---- the limits ------------------------------------------------------------------------------------


def test_limits_default(monkeypatch):
    assert config.max_upload_mb() == 200
    assert config.max_upload_bytes() == 200 * 1024 * 1024  # as Streamlit's uploader counts a MB
    assert config.xlsx_max_uncompressed_mb() == 1000
    assert config.xlsx_max_ratio() == 100


def test_limits_from_the_environment(monkeypatch):
    monkeypatch.setenv("DASBOR_MAX_UPLOAD_MB", "5")
    monkeypatch.setenv("DASBOR_XLSX_MAX_UNCOMPRESSED_MB", "40")
    monkeypatch.setenv("DASBOR_XLSX_MAX_RATIO", "30")
    assert (config.max_upload_mb(), config.max_upload_bytes()) == (5, 5 * 1024 * 1024)
    assert (config.xlsx_max_uncompressed_mb(), config.xlsx_max_ratio()) == (40, 30)


def test_limits_have_a_floor(monkeypatch):
    """Zero or negative settings would refuse every file: they are raised to the smallest useful value."""
    monkeypatch.setenv("DASBOR_MAX_UPLOAD_MB", "0")
    monkeypatch.setenv("DASBOR_XLSX_MAX_UNCOMPRESSED_MB", "-3")
    monkeypatch.setenv("DASBOR_XLSX_MAX_RATIO", "1")
    assert (config.max_upload_mb(), config.xlsx_max_uncompressed_mb(), config.xlsx_max_ratio()) == (1, 1, 2)


@pytest.mark.parametrize(
    ("name", "size", "key"),
    [
        ("pegawai.csv", 1, None),
        ("Pegawai.XLSX", 2 * MB, None),
        ("data.tsv", 2 * MB, None),  # exactly the limit (2 MB) is still accepted
        ("data.txt", 2 * MB + 1, "import.error.file_too_large"),
        ("laporan.pdf", 10, "import.error.file_type"),
        ("tanpa_akhiran", 10, "import.error.file_type"),
        ("kosong.csv", 0, "import.error.file_empty"),
    ],
)
def test_check_upload(monkeypatch, name, size, key):
    monkeypatch.setenv("DASBOR_MAX_UPLOAD_MB", "2")
    error = check_upload(name, size)
    assert (error.key if error else None) == key
    if key == "import.error.file_too_large":
        assert error.values == {"limit": 2}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(stocked, tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("DASBOR_MAX_UPLOAD_MB", "1")
    path = tmp_path / f"besar{suffix}"
    path.write_bytes(b"x" * (MB + 1))
    refused(stocked, path, "berkas terlalu besar: batasnya 1 MB", "the file is too large: the limit is 1 MB")
    monkeypatch.setattr(Path, "open", _fail)  # the reader never opens it
    monkeypatch.setattr(Path, "read_bytes", _fail)
    with pytest.raises(ReadError) as error:
        read_file(path)
    assert error.value.key == "import.error.file_too_large"


# ---- not the format the name says ------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + bytes(40)
OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Workbook" * 64


@pytest.mark.parametrize(
    ("name", "content", "reason", "reason_en"),
    [
        ("acak.csv", random.Random(1).randbytes(20_000), "isinya data biner", "binary data"),
        ("foto.csv", PNG, "berisi PNG, bukan CSV atau XLSX", "holds PNG, not CSV or XLSX"),
        ("foto.xlsx", PNG, "berisi PNG, bukan CSV atau XLSX", "holds PNG, not CSV or XLSX"),
        ("surat.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "berisi PDF", "holds PDF"),
        ("foto.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "berisi JPEG", "holds JPEG"),
        ("lama.xlsx", OLD_XLS, "berkas Excel lama (.xls)", "an old Excel file (.xls)"),
        ("lama.csv", OLD_XLS, "dilindungi kata sandi", "password-protected workbook"),
        ("acak.xlsx", random.Random(2).randbytes(20_000), "berkas XLSX rusak atau bukan XLSX", "not XLSX"),
        (
            "ekspor.xlsx",
            b"<html><body><table><tr><td>NIP_BARU</td></tr></table></body></html>",
            "halaman HTML/XML",
            "an HTML/XML page",
        ),
        (
            "ekspor.csv",
            b"\xef\xbb\xbf  <?xml version='1.0'?><Workbook/>",
            "halaman HTML/XML",
            "HTML/XML page",
        ),
    ],
)
def test_other_formats_are_named(stocked, tmp_path, name, content, reason, reason_en):
    path = tmp_path / name
    path.write_bytes(content)
    refused(stocked, path, reason, reason_en)


def test_a_csv_named_xlsx_says_it_holds_text(stocked, tmp_path):
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(good_file(tmp_path, "pegawai").read_bytes())
    refused(stocked, path, "isinya teks biasa (mungkin CSV)", "it holds plain text (perhaps CSV)")


def test_a_workbook_named_csv_is_read_as_a_workbook(tmp_path):
    """The content decides: a zip with a workbook in it is XLSX whatever its name."""
    from src.warehouse.db import connect

    workbook = good_file(tmp_path, "pegawai", ".xlsx")
    renamed = tmp_path / "pegawai_dari_excel.csv"
    renamed.write_bytes(workbook.read_bytes())
    databases = []
    for path in (workbook, renamed):
        con = connect(":memory:")
        assert load(con, path).rows == {"pegawai": 3}
        databases.append(dump(con, exclude=["import_log"]))
        con.close()
    assert databases[0] == databases[1]


def test_empty_xlsx_file(stocked, tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    refused(stocked, path, "berkas kosong", "the file is empty")


# ---- text that is not CSV as the contract has it --------------------------------------------------


def _csv_text(data: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(data[0]))
    writer.writerows([["" if v is None else v for v in row.values()] for row in data])
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text(stocked, tmp_path, encoding):
    """Excel's "Unicode Text"; with a BOM (utf-16) or without (le, be)."""
    path = tmp_path / "pegawai.txt"
    path.write_bytes(_csv_text(rows("pegawai")).encode(encoding))
    refused(stocked, path, "tersimpan sebagai teks UTF-16", "saved as UTF-16 text")


def test_mixed_encodings_name_the_first_line_that_is_not_utf8(stocked, tmp_path):
    data = rows("pegawai")
    data[0]["NAMA"] = "André Siregar"  # UTF-8 (line 2)
    text = _csv_text(data).encode("utf-8")
    # line 4 was pasted from a Windows-1252 file: ’ is a single byte there
    text = text.replace(b"Dinas Pendidikan", "Dinas Pendidikan ’Baru’".encode("cp1252"))
    path = tmp_path / "pegawai.csv"
    path.write_bytes(text)
    refused(
        stocked,
        path,
        "pegawai.csv, baris 4: berkas mencampur dua pengodean teks (UTF-8 dan Windows-1252)",
        "mixes two text encodings",
    )


def test_mixed_encodings_far_into_a_large_file(stocked, tmp_path):
    """The encoding is checked in 1 MB steps: the line is still the right one past the first step."""
    data = rows("pegawai")
    data[0]["NAMA"] = "André Siregar"
    lines = _csv_text(data * 4000).encode("utf-8").split(b"\r\n")  # 12,000 records, about 2 MB
    lines[9002] = lines[9002].replace(b"Analis SDM", "Analis SDM – Muda".encode("cp1252"))
    path = tmp_path / "pegawai.csv"
    path.write_bytes(b"\r\n".join(lines))
    assert path.read_bytes().find(b"\x96") > reading._STEP
    refused(
        stocked, path, "pegawai.csv, baris 9003: berkas mencampur dua pengodean", "mixes two text encodings"
    )


def test_bytes_no_encoding_knows(stocked, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(_csv_text(rows("pegawai")).encode("ascii").replace(b"Analis", b"Anal\x81s"))
    refused(stocked, path, "pengodean teks tidak dikenali", "unknown text encoding")


def test_a_nul_byte_in_the_text(stocked, tmp_path):
    """Past the first bytes (which decide "binary"), a NUL is named with its line."""
    data = rows("pegawai") * 60  # 180 rows, about 30 KB
    text = _csv_text(data).encode("utf-8")
    lines = text.split(b"\r\n")
    lines[150] = lines[150].replace(b"Pengadministrasi", b"Pengadmini\x00strasi")
    path = tmp_path / "pegawai.csv"
    path.write_bytes(b"\r\n".join(lines))
    assert path.read_bytes().find(b"\x00") > 8192  # beyond the bytes that decide "binary"
    refused(stocked, path, "pegawai.csv, baris 151: berkas berisi byte NUL", "holds a NUL byte")


def test_a_nul_byte_at_the_start_is_binary(stocked, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(b"NIP_BARU\x00,NAMA\r\n1,2\r\n")
    refused(stocked, path, "isinya data biner", "binary data")


def test_a_cell_longer_than_any_export_has(stocked, tmp_path):
    data = rows("pegawai")
    data[1]["JABATAN"] = "Analis " * 20_000  # 140,000 characters, on line 3
    path = write(tmp_path / "pegawai.csv", data)
    refused(
        stocked,
        path,
        "pegawai.csv, baris 3: sel lebih dari 131072 karakter",
        "a cell is longer than 131072 characters",
    )


def test_an_endless_line(stocked, tmp_path):
    """10 MB without a line break or a delimiter: more than the fast reader takes in one block."""
    path = tmp_path / "pegawai.csv"
    path.write_bytes(b"NIP_BARU,NAMA\r\n" + b"x" * (10 * MB) + b"\r\n")
    refused(stocked, path, "baris 2: sel lebih dari 131072 karakter", "longer than 131072 characters")


def test_an_unterminated_quote_swallows_the_rest(stocked, tmp_path):
    """A quote never closed makes one huge cell of the rest of the file (the csv module's reading)."""
    data = rows("pegawai") * 400
    text = _csv_text(data).replace("Analis SDM", '"Analis SDM', 1)
    path = tmp_path / "pegawai.csv"
    path.write_text(text, encoding="utf-8")
    refused(stocked, path, "pegawai.csv, baris 3: sel lebih dari 131072 karakter", "is never closed")


# ---- XLSX: damaged, disguised, and zip bombs -------------------------------------------------------


def _directory_entry(data: bytes | bytearray, name: str) -> int:
    """Where the zip directory's entry for part `name` starts."""
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name.encode():
            return at
    raise AssertionError(f"no directory entry for {name}")


def _zip(path: Path, parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return path


def _workbook_parts(tmp_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(good_file(tmp_path, "pegawai", ".xlsx")) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_truncated_xlsx_says_so(stocked, tmp_path):
    path = good_file(tmp_path, "pegawai", ".xlsx")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    refused(stocked, path, "berkas XLSX rusak: berkasnya terpotong", "it is cut short")


def test_a_zip_that_is_not_a_workbook(stocked, tmp_path):
    path = _zip(
        tmp_path / "dokumen.xlsx", {"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<x/>"}
    )
    refused(stocked, path, "berkas ZIP ini bukan buku kerja Excel", "not an Excel workbook")


def test_an_opendocument_sheet(stocked, tmp_path):
    parts = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"}
    path = _zip(tmp_path / "pegawai.xlsx", parts, zipfile.ZIP_STORED)
    refused(stocked, path, "berisi ODS (LibreOffice)", "holds ODS (LibreOffice)")


def test_a_part_packed_in_a_way_excel_never_uses(stocked, tmp_path):
    path = _zip(tmp_path / "pegawai.xlsx", _workbook_parts(tmp_path), zipfile.ZIP_BZIP2)
    refused(stocked, path, "berkas XLSX rusak atau bukan XLSX", "damaged or is not XLSX")


def test_a_damaged_part_fails_its_checksum(stocked, tmp_path):
    path = good_file(tmp_path, "pegawai", ".xlsx")
    data = bytearray(path.read_bytes())
    data[_directory_entry(data, "xl/worksheets/sheet1.xml") + 16] ^= 0xFF  # its recorded CRC
    path.write_bytes(bytes(data))
    refused(stocked, path, "berkas XLSX rusak", "the XLSX file is damaged")


def _zeros_zip(path: Path, size: int) -> Path:
    """A workbook-looking zip whose sheet is `size` zero bytes (packed about 1,000 to 1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(size // MB):
                sheet.write(bytes(MB))
    return path


def test_zip_bomb_by_ratio(stocked, tmp_path, monkeypatch):
    """200 MB of zeros in a 200 KB file: refused from the directory, before anything is unpacked."""
    path = _zeros_zip(tmp_path / "bom.xlsx", 200 * MB)
    assert path.stat().st_size < 1 * MB
    monkeypatch.setattr(reading, "_check_unpacked", _fail)
    monkeypatch.setattr(reading, "python_calamine", NO_CALAMINE)
    refused(
        stocked,
        path,
        "berkas XLSX ditolak demi keamanan: isinya mengembang lebih dari 100 kali lipat",
        'a "zip bomb"',
    )


def test_zip_bomb_by_size(stocked, tmp_path, monkeypatch):
    """Far beyond the unpacked-size limit (here lowered to 1 MB): refused before anything is unpacked."""
    monkeypatch.setenv("DASBOR_XLSX_MAX_UNCOMPRESSED_MB", "1")
    path = _zeros_zip(tmp_path / "bom.xlsx", 200 * MB)
    monkeypatch.setattr(reading, "_check_unpacked", _fail)
    refused(
        stocked,
        path,
        "isi berkas XLSX terlalu besar setelah dibuka: batasnya 1 MB",
        "too large once unpacked: the limit is 1 MB",
    )


def test_a_ratio_under_the_limit_passes_the_check(tmp_path, monkeypatch):
    """The same kind of part, allowed by a higher ratio limit, goes on to be unpacked and checked."""
    monkeypatch.setenv("DASBOR_XLSX_MAX_RATIO", "5000")
    path = _zeros_zip(tmp_path / "nol.xlsx", 4 * MB)
    unpacked = []
    check = reading._check_unpacked
    monkeypatch.setattr(
        reading, "_check_unpacked", lambda handle, part: unpacked.append(part.filename) or check(handle, part)
    )
    with pytest.raises(ReadError) as error:  # zeros are no worksheet: calamine cannot read them
        read_file(path)
    assert error.value.key == "import.error.xlsx_unreadable"
    assert unpacked == ["[Content_Types].xml", "xl/worksheets/sheet1.xml"]  # checked, found honest


class _CountingZlib:
    """reading.zlib with decompressobj counting every byte it hands out."""

    def __init__(self) -> None:
        self.unpacked = 0
        self.MAX_WBITS, self.crc32 = zlib.MAX_WBITS, zlib.crc32

    def decompressobj(self, wbits: int):
        counter, inner = self, zlib.decompressobj(wbits)

        class Counted:
            def decompress(self, data: bytes, max_length: int = 0) -> bytes:
                out = inner.decompress(data, max_length)
                counter.unpacked += len(out)
                return out

            @property
            def unconsumed_tail(self) -> bytes:
                return inner.unconsumed_tail

            @property
            def eof(self) -> bool:
                return inner.eof

        return Counted()


def _forge_size(path: Path, name: str, size: int) -> None:
    """Make the zip directory (and the part's local header) declare `size` bytes for part `name`,
    with the CRC of its first `size` bytes: Python's zipfile then reads exactly those, and agrees."""
    with zipfile.ZipFile(path) as archive:
        part = archive.getinfo(name)
        with archive.open(part) as body:
            crc = zlib.crc32(body.read(size))
    data = bytearray(path.read_bytes())
    struct.pack_into("<L", data, part.header_offset + 14, crc)
    struct.pack_into("<L", data, part.header_offset + 22, size)
    entry = _directory_entry(data, name)
    struct.pack_into("<L", data, entry + 16, crc)
    struct.pack_into("<L", data, entry + 24, size)
    path.write_bytes(bytes(data))


def test_a_forged_directory_is_caught_while_unpacking(stocked, tmp_path, monkeypatch):
    """The directory says 4 KB; the part unpacks to 200 MB. Unpacking stops one step past 4 KB."""
    name = "xl/worksheets/sheet1.xml"
    path = _zeros_zip(tmp_path / "palsu.xlsx", 200 * MB)
    _forge_size(path, name, 4096)
    with zipfile.ZipFile(path) as archive:  # the forgery fools Python's own zipfile
        assert archive.read(name) == bytes(4096)
    counting = _CountingZlib()
    monkeypatch.setattr(reading, "zlib", counting)
    monkeypatch.setattr(reading, "python_calamine", NO_CALAMINE)
    refused(
        stocked,
        path,
        "isi sebuah bagiannya tidak sesuai dengan ukuran atau kode cek yang tercatat",
        "does not match its recorded size or checksum",
    )
    assert 4096 < counting.unpacked <= 4096 + reading._STEP


def test_parts_sharing_their_packed_bytes(stocked, tmp_path):
    """The "overlapping" zip bomb: many directory entries pointing at the same packed part."""
    text = "".join(f"<row r='{i}'><c><v>{i * 7919 % 10007}</v></c></row>" for i in range(60_000)).encode()
    path = _zip(tmp_path / "tumpang.xlsx", {"xl/sheet.xml": text})
    data = path.read_bytes()
    end = data.rfind(b"PK\x05\x06")
    start = struct.unpack_from("<L", data, end + 16)[0]
    entry = data[start:end]
    copies = [entry.replace(b"xl/sheet.xml", f"xl/shee{i}.xml".encode()) for i in range(10)]
    directory = entry + b"".join(copies)
    record = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 11, 11, len(directory), start, 0)
    path.write_bytes(data[:start] + directory + record)
    with zipfile.ZipFile(path) as archive:
        assert sum(p.compress_size for p in archive.infolist()) > path.stat().st_size
    refused(stocked, path, "isinya mengembang lebih dari 100 kali lipat", "zip bomb")


def test_too_many_parts(stocked, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ZIP_PARTS", 5)
    path = _zip(tmp_path / "banyak.xlsx", {f"xl/part{i}.xml": b"<x/>" for i in range(6)})
    refused(stocked, path, "terdiri dari lebih dari 5 bagian", "it has more than 5 parts")


def test_encrypted_parts(stocked, tmp_path):
    path = _zip(tmp_path / "kunci.xlsx", _workbook_parts(tmp_path))
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) >= 0:
        data[at + 8] |= 0x1  # "encrypted" in every directory entry
    path.write_bytes(bytes(data))
    refused(stocked, path, "berkas XLSX rusak atau bukan XLSX", "damaged or is not XLSX")


def test_mutated_zip_directories_never_raise(con, tmp_path):
    """Random damage in the zip directory and local headers of a good workbook: a Problem, never an
    exception; a harmless change still loads."""
    rng = random.Random(44)
    good = good_file(tmp_path, "pegawai", ".xlsx").read_bytes()
    directory = good.find(b"PK\x01\x02")
    headers = [i for i in range(len(good)) if good.startswith(b"PK\x03\x04", i)]
    for index in range(120):
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            base = rng.choice([directory, len(good) - 22, *headers])
            at = min(base + rng.randrange(46), len(data) - 1)
            data[at] = rng.randrange(256)
        path = tmp_path / f"rusak{index}.xlsx"
        path.write_bytes(bytes(data))
        result = import_files(con, [path])
        if result.ok:  # the damage hit something no reader looks at
            assert result.rows == {"pegawai": 3}
        else:
            assert "\n".join(result.problems.render("id")).startswith(path.name)


# ---- the fast paths answer as the reference --------------------------------------------------------


def _outcome(action):
    try:
        raw = action()
    except ReadError as error:
        return ("refused", error.key, error.values)
    return ("read", raw.headers, raw.cells.rows())


def _reference(data: bytes):
    """What the csv module makes of the same text (None where the text is refused before parsing)."""
    try:
        text = reading.decode_text(data)
    except ReadError:
        return None
    header = text.splitlines()[0] if text.splitlines() else ""
    if b"\x00" in data or not header.strip():
        return None
    return _outcome(lambda: reading._read_csv_python(text, reading.sniff_delimiter(header)))


def test_fast_csv_reader_answers_as_the_csv_module(tmp_path, monkeypatch):
    """Random small files, well formed or damaged (stray quotes, blank and whitespace lines, ragged
    rows, cells with line breaks and delimiters, three line endings, three encodings): the reader's
    answer, rows or refusal, is the csv module's. The fast path must answer most of them itself."""
    answered = []
    fast = reading._parse_arrow
    monkeypatch.setattr(
        reading, "_parse_arrow", lambda *a: answered.append(table := fast(*a)) or table
    )  # records whether Arrow answered
    rng = random.Random(2026)
    pieces = ["a", "1", ",", ";", "\t", '"', "\n", "\r\n", "\r", " ", "é", "’", "\x0b", "\x1c", "\xa0", ""]
    compared = 0
    for _ in range(1500):
        width = rng.randint(1, 5)
        buffer = io.StringIO()
        writer = csv.writer(
            buffer,
            delimiter=rng.choice(",;\t"),
            lineterminator=rng.choice(["\n", "\r\n", "\r"]),
            quoting=rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
        )
        writer.writerow([f"H{j}" for j in range(width)])
        for _ in range(rng.randint(0, 8)):
            fields = width if rng.random() < 0.9 else rng.randint(0, width + 2)
            writer.writerow(
                ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(fields)]
            )
        text = buffer.getvalue()
        if rng.random() < 0.2:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(['"', "\n", "\n\n", "  \n", '"x"', "\r"]) + text[at:]
        if rng.random() < 0.3:
            text += rng.choice(["\n", "\n\n", "  \r\n", "\t\n", "\n \n"])
        encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252"])
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8")
        expected = _reference(data)
        if expected is None:
            continue
        path = tmp_path / "acak.csv"
        path.write_bytes(data)
        assert _outcome(lambda path=path: reading._read_csv(path)) == expected, repr(data)
        compared += 1
    assert compared > 1200
    assert sum(t is not None for t in answered) > 0.5 * len(answered)


@pytest.mark.parametrize("pieces", ['ab ,;\n"', 'ab ,;\r\n"'], ids=["lf-in-values", "crlf-in-values"])
def test_fast_csv_reader_across_block_boundaries(tmp_path, monkeypatch, pieces):
    """Files many times Arrow's block size (lowered to a few KB), with quoted values holding line
    breaks, delimiters and quotes: where a block ends inside such a value, Arrow must either read the
    file exactly or hand it to the csv module (pyarrow 26 can drop the \\n of a \\r\\n there)."""
    rng = random.Random(len(pieces))
    for trial in range(40):
        monkeypatch.setattr(reading, "ARROW_BLOCK", rng.choice([1000, 4096, 16384]))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=rng.choice(["\n", "\r\n"]), quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(["A", "B", "C", "D"])
        for number in range(rng.randint(200, 800)):
            value = (
                "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) if rng.random() < 0.3 else "x"
            )
            writer.writerow([number, value, "y", value])
        text = buffer.getvalue()
        path = tmp_path / f"blok{trial}.csv"
        path.write_text(text, encoding="utf-8")
        expected = _outcome(lambda text=text: reading._read_csv_python(text, ","))
        assert _outcome(lambda path=path: reading._read_csv(path)) == expected, f"trial {trial}"


def test_line_numbers_count_records_not_lines(staff, tmp_path):
    """A cell holding a line break is one row in a spreadsheet: the next row is still line 3."""
    data = rows("pengembangan")
    data[0]["NAMA_KEGIATAN"] = "Pelatihan Keuangan\nAngkatan II\nTahun 2024"
    data[1]["TANGGAL_MULAI"] = "kemarin"
    path = write(tmp_path / "dev.csv", data)
    text = "\n".join(import_files(staff, [path]).problems.render())
    assert "dev.csv, baris 3, kolom TANGGAL_MULAI: tanggal tidak valid" in text


def test_blank_lines_inside_still_count(con, tmp_path):
    """A blank line between records is skipped but counted, as a spreadsheet shows it."""
    path = write(tmp_path / "pegawai.csv", rows("pegawai"))
    lines = path.read_bytes().split(b"\r\n")
    lines.insert(2, b"")  # now line 3 is blank and the second person is on line 4
    lines[3] = lines[3].replace(b"CPNS", b"Honorer")
    path.write_bytes(b"\r\n".join(lines))
    text = "\n".join(import_files(con, [path]).problems.render())
    assert "pegawai.csv, baris 4, kolom JENIS_PEGAWAI" in text


def test_a_large_file_with_quoted_line_breaks_reads_fast_and_exactly(tmp_path, monkeypatch):
    data = rows("pegawai") * 2000
    data[10] = dict(data[10], JABATAN='Kepala "Seksi", Umum\r\ndan Evaluasi')
    path = write(tmp_path / "pegawai.csv", data)
    answered = []
    fast = reading._parse_arrow
    monkeypatch.setattr(reading, "_parse_arrow", lambda *a: answered.append(table := fast(*a)) or table)
    raw = read_file(path)
    assert answered[0] is not None  # Arrow answered (allowing line breaks in values)
    text = reading.decode_text(path.read_bytes())
    expected = reading._read_csv_python(text, ",")
    assert raw.headers == expected.headers and raw.cells.equals(expected.cells)
    assert raw.cells.height == 6000 and raw.cells["_line"][-1] == 6001
    assert raw.cells["c8"][10] == 'Kepala "Seksi", Umum\r\ndan Evaluasi'


def test_xlsx_number_and_date_cells_as_one_by_one(monkeypatch):
    """Columns are converted whole; each cell must come out as _xlsx_cell writes it."""
    rng = random.Random(5)
    floats = [
        0.0,
        -0.0,
        1.0,
        40.0,
        2.5,
        4.7,
        0.1 + 0.2,
        1250000.5,
        1e-5,
        0.0001,
        1e15,
        1e15 - 1,
        1e16,
        123.456e20,
    ]
    floats += [rng.uniform(-1e7, 1e7) for _ in range(300)] + [
        round(rng.uniform(0, 100), 2) for _ in range(300)
    ]
    floats += [struct.unpack("<d", rng.randbytes(8))[0] for _ in range(300)]
    floats = [f for f in floats if not math.isnan(f)] + [math.inf]
    dates = [
        dt.date(2024, 3, 4),
        dt.date(1900, 1, 1),
        dt.datetime(2024, 3, 8, 13, 45),
        dt.datetime(1999, 12, 31),
    ]
    others = [True, False, 7, None, dt.time(8, 30), dt.timedelta(hours=2), "teks", "", " "]
    for values in (floats, dates, others, floats + dates + others, [dt.date(999, 1, 1), dt.date(2024, 1, 1)]):
        mixed = values[:]
        rng.shuffle(mixed)
        column = tuple(mixed)
        assert reading._xlsx_column(column).to_list() == [
            v if isinstance(v, str) else reading._xlsx_cell(v) for v in column
        ]


def test_xlsx_read_in_chunks_keeps_lines(tmp_path, monkeypatch):
    data = rows("pengembangan") * 3  # 9 rows, lines 2..10
    path = write(tmp_path / "dev.xlsx", data)
    whole = read_file(path)
    monkeypatch.setattr(reading, "XLSX_CHUNK_ROWS", 2)
    chunked = read_file(path)
    assert chunked.headers == whole.headers and chunked.cells.equals(whole.cells)
    assert chunked.cells["_line"].to_list() == list(range(2, 11))


def test_xlsx_starting_in_the_second_column(tmp_path):
    """Columns before the first used one count, as the spreadsheet shows them (header at B1)."""
    header = ["NIP_BARU", "NAMA"]
    path = write_xlsx(
        tmp_path / "geser.xlsx", [[None, *header], [None, NIP_1, "A"], [None, None, None], [None, NIP_2, "B"]]
    )
    raw = read_file(path)
    assert raw.headers == ["", "NIP_BARU", "NAMA"]
    assert raw.cells["_line"].to_list() == [2, 4]  # the empty row 3 is skipped, and counted
    assert raw.cells["c1"].to_list() == [NIP_1, NIP_2]
    assert raw.cells["c0"].to_list() == [None, None]


def test_good_files_still_load_after_all_this(con, tmp_path):
    load(con, good_file(tmp_path, "pegawai", ".xlsx"))
    load(con, good_file(tmp_path, "pegawai"))
    assert [r["nip"] for r in table(con, "pegawai", "nip")] == [NIP_1, NIP_2, NIP_3]
