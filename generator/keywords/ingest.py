"""Bytes to a raw table: encoding, delimiter, preamble and header detection.

A keyword export arrives as bytes of unknown encoding and layout. This module
decodes it (BOM UTF-8/UTF-16LE/UTF-16BE, UTF-16 without BOM, UTF-8, then a
cp1252 fallback), refuses binary junk, finds the header within the first 40
lines (skipping title lines, Keyword Planner's preamble and Moz's ``# ---``
meta block), sniffs the delimiter (tab, semicolon, comma) and parses the rows
with pandas' C engine. Every data row keeps its 1-based physical line number;
a quoted multi-line cell is one row, numbered by the line it starts on. Lines
holding nothing but whitespace are not rows. ``.xlsx`` is read with openpyxl
and ``.txt`` without a header is a plain list, one keyword per line.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from generator.errors import InputError

HEADER_SEARCH_LINES = 40
DELIMITERS = ("\t", ";", ",")
PLAIN_COLUMN = "keyword"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_LINE_END = re.compile(r"\r\n|\n|\r")
_ASCII_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_ASCII_SPACE_BYTES = np.frombuffer(_ASCII_SPACE.encode(), dtype=np.uint8)


@dataclass
class RawTable:
    """Cells as text (``rows`` has one column per ``header`` cell, by position)."""

    header: list[str]
    rows: pd.DataFrame
    lines: np.ndarray
    encoding: str
    delimiter: str | None
    preamble: list[str] = field(default_factory=list)


# --- bytes -> text --------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """Read a file, turning OS problems into one-line input errors."""
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise InputError(
            f"{path}: is a directory; pass export files (.csv, .tsv, .txt, .xlsx) "
            "or no PATH to read keywords/"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check its permissions") from exc


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)``; InputError for empty or binary input."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{path}: the file is empty; export the keywords again")
    text, encoding = _decode(data, path)
    if _CONTROL.search(text[:1_000_000]) or "\x00" in text:
        raise _binary(path)
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: the file is empty; export the keywords again")
    return text, encoding


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, path), encoding
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise _binary(path)
        return _strict(data, encoding, path), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise _binary(path) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 from where the NUL bytes sit (ASCII-heavy text only)."""
    sample = data[:4000]
    if len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * len(sample) / 2 and even == 0:
        return "utf-16-le"
    if even > 0.3 * len(sample) / 2 and odd == 0:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _binary(path) from exc


def _binary(path: Path) -> InputError:
    return InputError(
        f"{path}: not a text keyword export (binary or undecodable bytes); "
        "export it as CSV, TSV, TXT or XLSX"
    )


# --- header and delimiter ---------------------------------------------------------


def head_lines(text: str, limit: int = HEADER_SEARCH_LINES) -> list[tuple[int, str]]:
    """The first ``limit`` physical lines as ``(start offset, text)``."""
    out, start = [], 0
    for match in _LINE_END.finditer(text):
        out.append((start, text[start:match.start()]))
        start = match.end()
        if len(out) == limit:
            return out
    if start < len(text):
        out.append((start, text[start:]))
    return out


def split_cells(line: str, delimiter: str) -> list[str]:
    """Split one line into stripped cells, honouring quotes."""
    row = next(csv.reader([line], delimiter=delimiter), [])
    return [cell.strip().lstrip("\ufeff") for cell in row]


def find_header(
    lines: list[tuple[int, str]], is_header: Callable[[list[str]], bool]
) -> tuple[int, str] | None:
    """Index of the header line and its delimiter, skipping meta blocks."""
    in_meta = False
    for index, (_, line) in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("# -") or stripped.startswith("#-"):
            in_meta = not in_meta
            continue
        if in_meta or not stripped:
            continue
        delimiter = best_delimiter(line, is_header)
        if delimiter is not None:
            return index, delimiter
    return None


def best_delimiter(line: str, is_header: Callable[[list[str]], bool] | None = None) -> str | None:
    """The delimiter that splits ``line`` into a header (most cells wins)."""
    best, best_cells = None, 0
    for delimiter in DELIMITERS:
        cells = split_cells(line, delimiter)
        if (is_header is None or is_header(cells)) and len(cells) > best_cells:
            best, best_cells = delimiter, len(cells)
    return best


def first_content_line(lines: list[tuple[int, str]]) -> str:
    """The first non-blank line outside a meta block (for error messages)."""
    in_meta = False
    for _, line in lines:
        stripped = line.strip()
        if stripped.startswith("# -") or stripped.startswith("#-"):
            in_meta = not in_meta
        elif stripped and not in_meta:
            return line
    return ""


# --- rows -------------------------------------------------------------------------


def parse_delimited(text: str, header_index: int, delimiter: str, encoding: str,
                    path: Path) -> RawTable:
    """Parse the rows below the header line ``header_index`` (0-based)."""
    lines = head_lines(text, header_index + 1)
    offset, header_line = lines[header_index]
    header = split_cells(header_line, delimiter)
    body = text[offset:]
    first_break = _LINE_END.search(body)
    rows_text = body[first_break.end():] if first_break else ""
    rows, numbers = _parse_rows(rows_text, delimiter, len(header))
    numbers = numbers + header_index + 1
    if rows.empty:
        raise InputError(
            f"{path}: no data rows below the header (line {header_index + 1}); "
            "export again with the keywords included"
        )
    preamble = [line for _, line in lines[:header_index]]
    return RawTable(header, rows, numbers, encoding, delimiter, preamble)


def _parse_rows(text: str, delimiter: str, ncols: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows and their line numbers (1-based, relative to ``text``).

    Fast path: one row per non-empty physical line (checked by counting);
    otherwise (quoted line breaks, ragged rows) the csv module numbers records.
    """
    if not text.strip():
        return pd.DataFrame(columns=range(ncols), dtype="str"), np.zeros(0, dtype=np.int64)
    data = text.encode("utf-8", "surrogatepass")
    blank, empty = line_masks(data)
    numbers = np.arange(1, len(blank) + 1, dtype=np.int64)
    frame = _read_arrow(data, delimiter, ncols)
    if frame is not None and len(frame) == int((~empty).sum()):
        keep = ~blank[~empty]
        return frame[keep].reset_index(drop=True), numbers[~empty][keep]
    frame = _read_pandas(text, delimiter, ncols)
    if frame is not None and len(frame) == len(blank):
        return frame[~blank].reset_index(drop=True), numbers[~blank]
    return _read_slow(text, delimiter, ncols)


def line_masks(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Per physical line (split on LF): (blank = ASCII whitespace only, empty = "" or CR)."""
    raw = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(raw == 10)
    ends = breaks if data.endswith(b"\n") else np.append(breaks, len(raw))
    starts = np.concatenate(([0], breaks + 1))[: len(ends)]
    length = ends - starts
    first = raw[np.minimum(starts, max(len(raw) - 1, 0))] if len(raw) else np.zeros(0, np.uint8)
    empty = (length == 0) | ((length == 1) & (first == 13))
    blank = empty.copy()
    maybe = np.flatnonzero(~empty & np.isin(first, _ASCII_SPACE_BYTES))
    for line in maybe.tolist():  # lines starting with a space: rare, checked one by one
        blank[line] = not data[starts[line]:ends[line]].strip(_ASCII_SPACE.encode())
    return blank, empty


def _read_arrow(data: bytes, delimiter: str, ncols: int) -> pd.DataFrame | None:
    """pyarrow's multi-threaded reader (skips empty lines); None when it objects."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    names = [str(i) for i in range(ncols)]
    try:
        table = pcsv.read_csv(
            io.BytesIO(data),
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, UnicodeError, ValueError):
        return None
    return pd.DataFrame({i: pd.array(table.column(i), dtype="str") for i in range(ncols)})


def _read_pandas(text: str, delimiter: str, ncols: int) -> pd.DataFrame | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pd.read_csv(
                io.StringIO(text), sep=delimiter, header=None, names=list(range(ncols)),
                dtype="str", keep_default_na=False, na_filter=False, skip_blank_lines=False,
                index_col=False, engine="c", on_bad_lines="error",
            )
    except (pd.errors.ParserError, ValueError, csv.Error):
        return None
    return frame.fillna("")


def _read_slow(text: str, delimiter: str, ncols: int) -> tuple[pd.DataFrame, np.ndarray]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records, numbers, previous = [], [], 0
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if len(record) <= 1 and not "".join(record).strip(_ASCII_SPACE):
                continue
            records.append((record + [""] * ncols)[:ncols])
            numbers.append(start)
    except csv.Error:
        pass
    frame = pd.DataFrame(records, columns=range(ncols), dtype="str")
    return frame, np.asarray(numbers, dtype=np.int64)


def parse_plain(text: str, encoding: str, path: Path) -> RawTable:
    """One keyword per line; blank lines are skipped, not counted."""
    physical = _LINE_END.split(text)
    numbers = [i for i, line in enumerate(physical, start=1) if line.strip()]
    cells = [physical[i - 1].strip() for i in numbers]
    if not cells:
        raise InputError(f"{path}: the file is empty; export the keywords again")
    rows = pd.DataFrame({0: pd.Series(cells, dtype="str")})
    return RawTable([PLAIN_COLUMN], rows, np.asarray(numbers, dtype=np.int64), encoding, None)


# --- xlsx -------------------------------------------------------------------------


def read_xlsx_cells(path: Path) -> list[list[str]]:
    """All rows of the first worksheet as text cells."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError(
            f"{path}: not a readable Excel workbook ({type(exc).__name__}); "
            "save it again as .xlsx or export CSV"
        ) from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def table_from_cells(cells: list[list[str]], header_index: int, encoding: str) -> RawTable:
    """A RawTable from already-split rows (XLSX); line = worksheet row number."""
    header = cells[header_index]
    ncols = len(header)
    records, numbers = [], []
    for number, row in enumerate(cells[header_index + 1:], start=header_index + 2):
        if any(cell.strip() for cell in row):
            records.append((row + [""] * ncols)[:ncols])
            numbers.append(number)
    frame = pd.DataFrame(records, columns=range(ncols), dtype="str")
    preamble = ["\t".join(row) for row in cells[:header_index]]
    return RawTable(header, frame, np.asarray(numbers, dtype=np.int64), encoding, None, preamble)
