"""Bytes to raw tables: encodings, delimiters, preambles, line numbers, junk."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES

from generator.errors import InputError, PlaybookError
from generator.keywords import ingest
from generator.keywords.load import read_raw

EXPORTS = FIXTURES / "exports"


def test_fixture_bytes_have_the_quirks_they_are_named_after():
    assert (EXPORTS / "gkp_utf16le_bom_tab_preamble2.csv").read_bytes()[:2] == b"\xff\xfe"
    assert (EXPORTS / "utf16be_bom.csv").read_bytes()[:2] == b"\xfe\xff"
    assert (EXPORTS / "gkp_utf8_comma.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    assert b"\r\n" in (EXPORTS / "semrush_kmt_7col_crlf.csv").read_bytes()
    assert not (EXPORTS / "semrush_kmt_7col_crlf.csv").read_bytes().endswith(b"\n")
    with pytest.raises(UnicodeDecodeError):
        (EXPORTS / "cp1252_accents.csv").read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"\xef\xbb\xbfkeyword\ncaf\xc3\xa9\n", "keyword\ncafé\n", "utf-8-sig"),
        (b"\xff\xfe" + "keyword\ncafé\n".encode("utf-16-le"), "keyword\ncafé\n", "utf-16-le"),
        (b"\xfe\xff" + "keyword\ncafé\n".encode("utf-16-be"), "keyword\ncafé\n", "utf-16-be"),
        ("keyword\ncafé\n".encode("utf-16-le"), "keyword\ncafé\n", "utf-16-le"),
        ("keyword\ncafé\n".encode("utf-16-be"), "keyword\ncafé\n", "utf-16-be"),
        ("keyword\ncafé\n".encode(), "keyword\ncafé\n", "utf-8"),
        ("keyword\ncafé\n".encode("cp1252"), "keyword\ncafé\n", "cp1252"),
        (b"keyword\rsales\r", "keyword\nsales\n", "utf-8"),
    ],
)
def test_decode_bytes(data, text, encoding):
    assert ingest.decode_bytes(data, Path("x.csv")) == (text, encoding)


@pytest.mark.parametrize("data", [b"", b"\n\n  \r\n", b"\xff\xfe", b"\xef\xbb\xbf"])
def test_empty_input(data):
    with pytest.raises(InputError, match=r"^x.csv: the file is empty; export the keywords again$"):
        ingest.decode_bytes(data, Path("x.csv"))


@pytest.mark.parametrize("data", [b"keyword\x00\x01\x02\x03junk", bytes(range(256)), b"\x81\x8d\x8f\x90\x9d" * 4,
                                  b"keyword\nsales\x07bell\n"])
def test_binary_junk_is_refused(data):
    with pytest.raises(InputError, match=r"^x.csv: not a text keyword export \(binary or undecodable bytes\)"):
        ingest.decode_bytes(data, Path("x.csv"))


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [("Keyword\tVolume\tKD", "\t"), ("Keyword;Search Volume;CPC", ";"), ("Keyword,Volume", ","),
     ('"Keyword","Volume, monthly"', ","), ("Keyword", "\t")],
)
def test_delimiter_sniffing(line, delimiter):
    assert ingest.best_delimiter(line, lambda cells: "Keyword" in cells) == delimiter


def test_header_after_preamble_and_meta_block():
    text = "# ----\nList Name,x\nKeyword count,2\n# ----\n\nTitle line\nKeyword,Volume\na,1\n"
    found = ingest.find_header(ingest.head_lines(text), lambda cells: "Keyword" in cells)
    assert found == (6, ",")


def test_header_is_searched_in_the_first_40_lines_only():
    text = "title\n" * 40 + "Keyword,Volume\na,1\n"
    assert ingest.find_header(ingest.head_lines(text), lambda cells: "Keyword" in cells) is None


def test_physical_line_numbers_with_quoted_newlines_and_blank_lines():
    text = 'pre\nKeyword,Volume\n"a\nb",1\n\nc,2\n"d",3'
    table = ingest.parse_delimited(text, 1, ",", "utf-8", Path("x.csv"))
    assert table.rows[0].tolist() == ["a\nb", "c", "d"]
    assert table.lines.tolist() == [3, 6, 7]


def test_physical_line_numbers_fast_path_with_crlf():
    text = "Keyword\tVolume\r\na\t1\r\n\r\nb\t2\r\n"
    table = ingest.parse_delimited(text, 0, "\t", "utf-16-le", Path("x.csv"))
    assert table.rows[0].tolist() == ["a", "b"]
    assert table.rows[1].tolist() == ["1", "2"]
    assert table.lines.tolist() == [2, 4]


def test_ragged_rows_are_padded_or_cut():
    text = "Keyword,Volume\na\nb,2,extra,cells\n"
    table = ingest.parse_delimited(text, 0, ",", "utf-8", Path("x.csv"))
    assert table.rows.values.tolist() == [["a", ""], ["b", "2"]]
    assert table.lines.tolist() == [2, 3]


def test_header_only_file():
    with pytest.raises(InputError, match=r"^x.csv: no data rows below the header \(line 2\)"):
        ingest.parse_delimited("title\nKeyword,Volume\n\n", 1, ",", "utf-8", Path("x.csv"))


def test_plain_list_skips_blank_lines_but_keeps_their_numbers():
    table = ingest.parse_plain("a\n\n  b  \r\nc", "utf-8", Path("x.txt"))
    assert table.rows[0].tolist() == ["a", "b", "c"]
    assert table.lines.tolist() == [1, 3, 4]


def test_xlsx_header_row_and_row_numbers():
    table = read_raw(EXPORTS / "generic.xlsx", "auto", None)
    assert table.header == ["Keyword", "Volume", "KD"]
    assert table.preamble == ["Sales hiring research (synthetic)\t\t"]
    assert table.lines.tolist() == [3, 5, 6]


def test_a_broken_xlsx_is_an_input_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"broken.xlsx: not a readable Excel workbook"):
        read_raw(path, "auto", None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".txt", ".tsv", ".xlsx"]))
def test_any_bytes_raise_only_playbook_errors(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        read_raw(path, "auto", None)
    except PlaybookError:
        pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list('Keyword,;\t"\n\r ab1é#-')), max_size=200))
def test_any_delimited_text_reads_or_raises_a_playbook_error(tmp_path, text):
    path = tmp_path / "input.csv"
    path.write_bytes(text.encode("utf-8"))
    try:
        table = read_raw(path, "auto", None)
    except PlaybookError:
        return
    assert len(table.rows) == len(table.lines)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\r\n\x0b\x1c")), max_size=60))
def test_line_masks_match_python_line_splitting(text):
    lines = text.split("\n")
    if text.endswith("\n") or not text:
        lines.pop()
    blank, empty = ingest.line_masks(text.encode())
    assert blank.tolist() == [not line.strip() for line in lines]
    assert empty.tolist() == [line in ("", "\r") for line in lines]
