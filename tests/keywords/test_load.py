"""load_exports: every fixture layout, the merge rule and the row accounting."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES

from generator.errors import InputError, PlaybookError
from generator.keywords import schema as S
from generator.keywords.load import discover_inputs, load_exports

EXPORTS = FIXTURES / "exports"


def load_one(name, **kwargs):
    result = load_exports([EXPORTS / name], **kwargs)
    return result, result.sources[0], result.table.set_index(S.KEYWORD)


def nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


def assert_accounting(result):
    for source in result.sources:
        assert source.rows_read == source.rows_kept + source.rows_rejected
        assert (result.rejected[S.REJECT_SOURCE] == source.path).sum() >= 0
    assert sum(s.rows_kept for s in result.sources) == len(result.table)
    assert result.rows_read == result.rows_kept + result.rows_rejected
    assert len(result.rejected) == result.rows_rejected
    assert list(result.table.columns) == S.CANONICAL_COLUMNS
    assert list(result.rejected.columns) == S.REJECTED_COLUMNS
    assert result.table[S.KEYWORD].is_unique


@pytest.mark.parametrize(
    ("name", "fmt", "encoding", "delimiter", "read", "kept"),
    [
        ("gkp_utf16le_bom_tab_preamble2.csv", "gkp", "utf-16-le", "\t", 6, 4),
        ("gkp_no_preamble_buckets.csv", "gkp", "utf-16-le", "\t", 6, 5),
        ("gkp_utf8_comma.csv", "gkp", "utf-8-sig", ",", 3, 3),
        ("gsc_queries_multiline.csv", "gsc", "utf-8", ",", 5, 5),
        ("gsc_compare_position0.csv", "gsc", "utf-8", ",", 3, 3),
        ("ahrefs_blank_kd.csv", "ahrefs", "utf-8", ",", 4, 4),
        ("semrush_kmt_7col_crlf.csv", "semrush", "utf-8", ",", 4, 4),
        ("semrush_kmt_9col.csv", "semrush", "utf-8", ",", 2, 2),
        ("semrush_api_semicolon.csv", "semrush", "utf-8", ";", 4, 4),
        ("semrush_ksb.csv", "semrush", "utf-8", ",", 3, 3),
        ("moz_meta_block.csv", "moz", "utf-8", ",", 3, 3),
        ("moz_volume_range.csv", "moz", "utf-8", ",", 2, 2),
        ("generic_search_term.tsv", "generic", "utf-8", "\t", 3, 3),
        ("generic.xlsx", "generic", "xlsx", None, 3, 2),
        ("plain_list.txt", "plain", "utf-8", None, 6, 3),
        ("cp1252_accents.csv", "generic", "cp1252", ",", 3, 3),
        ("utf16be_bom.csv", "generic", "utf-16-be", "\t", 2, 2),
        ("utf16le_no_bom.csv", "generic", "utf-16-le", "\t", 1, 1),
        ("arabic_spanish.txt", "plain", "utf-8", None, 4, 4),
        ("generic_rejects.csv", "generic", "utf-8", ",", 6, 2),
    ],
)
def test_every_fixture_loads(name, fmt, encoding, delimiter, read, kept):
    result, source, _ = load_one(name)
    assert (source.format, source.encoding, source.delimiter) == (fmt, encoding, delimiter)
    assert (source.rows_read, source.rows_kept) == (read, kept)
    assert_accounting(result)


def test_gkp_preamble_monthly_trend_concepts_and_missing_values():
    result, source, t = load_one("gkp_utf16le_bom_tab_preamble2.csv")
    row = t.loc["sales training program"]
    assert row[S.KEYWORD_RAW] == "sales training program"
    assert row[S.VOLUME] == 260  # max of the two spellings
    assert row[S.TREND] == "140;160;210"  # Nov 2025, Dec 2025, Jan 2026: oldest first
    assert row[S.CPC] == pytest.approx(2.5)  # bid midpoint of the first row
    assert row[S.COMPETITION] == pytest.approx(0.45)
    assert row[S.PARENT] == "sales rep"  # "Concept: Brand" holds one value only: ignored
    assert row[S.SOURCE_LINE] == 4
    assert t.loc["how to hire sales reps", S.PARENT] == "sales rep"  # first of "sales rep, account executive"
    blank = t.loc["sales compensation plan template"]
    assert nan(blank[S.VOLUME]) and nan(blank[S.COMPETITION]) and nan(blank[S.CPC]) and nan(blank[S.TREND])
    assert not blank[S.VOLUME_IS_BUCKET]
    assert t.loc["gpct qualification", S.COMPETITION] == 1.0  # "High" without an indexed value
    assert result.rejected[S.REJECT_REASON].tolist() == ["duplicate of 'sales training program' merged", "blank"]
    assert result.rejected[S.REJECT_LINE].tolist() == [8, 9]
    assert source.warnings == []


def test_gkp_buckets_are_flagged_with_bounds_and_geometric_mean():
    result, source, t = load_one("gkp_no_preamble_buckets.csv")
    row = t.loc["sales playbook"]
    assert (row[S.VOLUME_LOW], row[S.VOLUME_HIGH]) == (1000, 10000)
    assert row[S.VOLUME] == pytest.approx(3162.28, abs=0.01)
    assert row[S.VOLUME_IS_BUCKET]
    assert t.loc["inbound marketing", S.VOLUME_LOW] == 10000
    assert nan(t.loc["sales coaching questions", S.VOLUME])
    assert source.warnings == [f"{EXPORTS / 'gkp_no_preamble_buckets.csv'}: every volume is a bucket or range; "
                               "volumes are approximate (geometric mean of the bounds)"]
    assert result.rejected[S.REJECT_REASON].tolist() == ["duplicate of 'sales contest ideas' merged"]


def test_gkp_ranges_and_comma_decimal_bids():
    _, _, t = load_one("gkp_utf8_comma.csv")
    row = t.loc["sales hiring process"]
    assert (row[S.VOLUME_LOW], row[S.VOLUME_HIGH], row[S.VOLUME_IS_BUCKET]) == (1000, 10000, True)
    assert row[S.CPC] == pytest.approx(0.775)
    assert t.loc["sales hiring checklist", S.CPC] == pytest.approx(0.8)
    assert t.loc["sales hiring checklist", S.COMPETITION] == pytest.approx(0.66)


def test_gsc_percent_ctr_positions_above_100_and_multiline_query():
    _, _, t = load_one("gsc_queries_multiline.csv")
    assert t.loc["sales playbook", S.CTR] == pytest.approx(0.1333)
    assert t.loc["what is gpct", S.POSITION] == 187.5
    multi = t.loc["sales hiring profile sales hiring scorecard"]
    assert multi[S.KEYWORD_RAW] == "sales hiring profile,\nsales hiring scorecard"
    assert multi[S.SOURCE_LINE] == 3
    assert t.loc["what is gpct", S.SOURCE_LINE] == 6  # after the two-line cell and a blank line
    assert nan(t.loc["sales playbook", S.VOLUME])


def test_gsc_compare_uses_the_current_period_and_position_zero_is_missing():
    _, _, t = load_one("gsc_compare_position0.csv")
    row = t.loc["sales coaching"]
    assert (row[S.CLICKS], row[S.IMPRESSIONS], row[S.CTR], row[S.POSITION]) == (10, 200, 0.05, 6.5)
    assert (row[S.CLICKS_PREV], row[S.IMPRESSIONS_PREV], row[S.POSITION_PREV]) == (4, 100, 9)
    assert nan(t.loc["sales coaching model", S.POSITION])
    assert t.loc["sales coaching model", S.POSITION_PREV] == 12.5
    assert nan(t.loc["buyer matrix", S.POSITION_PREV])


def test_ahrefs_blank_difficulty_is_missing_never_zero():
    _, _, t = load_one("ahrefs_blank_kd.csv")
    assert nan(t.loc["sales training for new hires", S.DIFFICULTY])
    assert nan(t.loc["sales training for new hires", S.CPC])
    assert t.loc["free sales training", S.DIFFICULTY] == 0
    assert t.loc["sales training", S.TOOL_INTENT] == "informational;commercial"
    assert t.loc["free sales training", S.TOOL_INTENT] == "transactional"
    assert t.loc["sales training for new hires", S.PARENT] == "sales training"
    assert t.loc["sales training", S.SERP_FEATURES] == "sitelinks;people also ask"
    assert t.loc["sales training", S.TRAFFIC_POTENTIAL] == 5200


def test_semrush_variants():
    _, _, kmt = load_one("semrush_kmt_7col_crlf.csv")
    assert kmt.loc["sales compensation plan", S.TOOL_INTENT] == "informational;commercial"
    assert kmt.loc["sales compensation plan", S.COMPETITION] == 0.44
    assert nan(kmt.loc["sales compensation plan examples", S.DIFFICULTY])
    assert kmt.loc["sales commission structure", S.CPC] == 0.0
    _, _, nine = load_one("semrush_kmt_9col.csv")
    assert nine.loc["sales process steps", S.TREND] == "0.81;0.81;1.00;0.67"
    _, _, api = load_one("semrush_api_semicolon.csv")
    assert api[S.TOOL_INTENT].tolist() == ["informational", "informational;commercial", "navigational",
                                           "transactional"]
    assert api.loc["sales coaching tips", S.DIFFICULTY] == 37
    _, _, ksb = load_one("semrush_ksb.csv")
    assert set(ksb[S.PARENT]) == {"sales process"}


def test_moz_ranges():
    _, _, t = load_one("moz_meta_block.csv")
    row = t.loc["sales contest rules"]
    assert (row[S.VOLUME_LOW], row[S.VOLUME_HIGH]) == (501, 850)
    assert row[S.VOLUME] == pytest.approx(math.sqrt(501 * 850))
    assert row[S.SOURCE_LINE] == 9
    _, _, ranged = load_one("moz_volume_range.csv")
    assert ranged.loc["thought leadership", S.VOLUME_HIGH] == 300000
    assert nan(ranged.loc["journalist thought leadership", S.DIFFICULTY])


def test_generic_aliases_and_missing_markers():
    _, _, t = load_one("generic_search_term.tsv")
    assert t.loc["long tail keywords", S.VOLUME] == 2400
    assert t.loc["long tail keywords", S.DIFFICULTY] == 34
    assert t.loc["long tail keywords", S.CPC] == 1.2
    assert nan(t.loc["what is the long tail", S.VOLUME])
    assert nan(t.loc["what is the long tail", S.DIFFICULTY])


def test_non_latin_lists_stay_readable():
    _, _, t = load_one("arabic_spanish.txt")
    assert list(t.index) == ["كيف توظيف مندوب مبيعات", "cómo contratar vendedores", "تدريب المبيعات للمبتدئين",
                             "plan de compensación de ventas"]
    _, _, cp = load_one("cp1252_accents.csv")
    assert "formación de ventas" in cp.index


def test_reject_reasons_and_lines():
    result, _, _ = load_one("generic_rejects.csv")
    rejected = result.rejected
    assert rejected[S.REJECT_REASON].tolist() == ["blank", "no word characters", "longer than 200 characters",
                                                  "duplicate of 'sales sla' merged"]
    assert rejected[S.REJECT_LINE].tolist() == [3, 4, 5, 6]
    assert rejected[S.REJECT_KEYWORD].tolist()[:2] == ["", "!!!"]
    assert result.table.set_index(S.KEYWORD).loc["sales sla", S.VOLUME] == 300  # max volume wins


def test_max_keyword_length_is_configurable():
    result, source, _ = load_one("generic_rejects.csv", max_keyword_length=5)
    assert "longer than 5 characters" in set(result.rejected[S.REJECT_REASON])
    assert source.rows_read == source.rows_kept + source.rows_rejected


def test_merge_across_files_unions_sources_and_keeps_first_metrics(tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("keyword,volume,kd,clicks\nSales SLA,100,,5\nbuyer matrix,10,20,\n", encoding="utf-8")
    second = tmp_path / "b.tsv"
    second.write_text("Query\tClicks\tImpressions\tCTR\tPosition\nsales sla\t9\t50\t18%\t4\n", encoding="utf-8")
    third = tmp_path / "c.txt"
    third.write_text("sales sla\nbuyer matrix template\n", encoding="utf-8")
    result = load_exports([first, second, third])
    t = result.table.set_index(S.KEYWORD)
    row = t.loc["sales sla"]
    assert row[S.SOURCE] == f"{first};{second};{third}"
    assert row[S.SOURCE_FORMAT] == "generic;gsc;plain"
    assert row[S.CLICKS] == 9 and row[S.IMPRESSIONS] == 50 and row[S.POSITION] == 4
    assert row[S.KEYWORD_RAW] == "Sales SLA" and row[S.SOURCE_LINE] == 2 and row[S.VOLUME] == 100
    assert list(t.index) == ["sales sla", "buyer matrix", "buyer matrix template"]  # first appearance
    assert [(s.rows_read, s.rows_kept, s.rows_rejected) for s in result.sources] == [(2, 2, 0), (1, 0, 1),
                                                                                     (2, 1, 1)]
    assert_accounting(result)


def test_tool_intents_are_unioned(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text('Keyword,Intent,Volume,Keyword Difficulty,CPC (USD)\nsales sla,Informational,10,5,1\n')
    b = tmp_path / "b.csv"
    b.write_text('Keyword,Intent,Volume,Keyword Difficulty,CPC (USD)\nSales SLA,"Commercial, Informational",20,,\n')
    t = load_exports([a, b]).table
    assert t[S.TOOL_INTENT].tolist() == ["informational;commercial"]
    assert t[S.VOLUME].tolist() == [20] and t[S.DIFFICULTY].tolist() == [5]


def test_keyword_column_and_forced_format(tmp_path):
    with pytest.raises(InputError, match="no keyword column"):
        load_exports([EXPORTS / "no_keyword_column.csv"])
    result = load_exports([EXPORTS / "no_keyword_column.csv"], keyword_column="Foo")
    assert result.table[S.KEYWORD].tolist() == ["sales training"]
    forced = load_exports([EXPORTS / "plain_list.txt"], fmt="plain")
    assert forced.sources[0].format == "plain"
    path = tmp_path / "list.csv"
    path.write_text("sales sla\nbuyer matrix\n")
    assert load_exports([path], fmt="plain").table[S.KEYWORD].tolist() == ["sales sla", "buyer matrix"]


def test_unknown_format():
    with pytest.raises(InputError, match=r"^unknown --format 'excel'; choose one of: auto, gkp, gsc, ahrefs, "
                                         r"semrush, moz, generic, plain$"):
        load_exports([EXPORTS / "plain_list.txt"], fmt="excel")


def test_gsc_row_cap_warning(tmp_path):
    path = tmp_path / "Queries.csv"
    path.write_text("Top queries,Clicks,Impressions,CTR,Position\n"
                    + "".join(f"query {i},1,10,10%,5\n" for i in range(1000)))
    source = load_exports([path]).sources[0]
    assert source.warnings == [f"{path}: exactly 1,000 rows, the Search Console export limit; "
                               "the list is probably truncated (export via the API for more)"]


def test_mostly_missing_difficulty_warning(tmp_path):
    path = tmp_path / "kd.csv"
    path.write_text("keyword,kd\na,\nb,\nc,5\n")
    assert load_exports([path]).sources[0].warnings == [
        f"{path}: difficulty missing in 2 of 3 rows; it is imputed for scoring, never read as 0"]


def test_progress_callback():
    seen = []
    load_exports([EXPORTS / "plain_list.txt", EXPORTS / "arabic_spanish.txt"],
                 on_progress=lambda path, done, total: seen.append((path.name, done, total)))
    assert seen == [("plain_list.txt", 1, 2), ("arabic_spanish.txt", 2, 2)]


def test_discover_inputs(tmp_path):
    for name in ["b.csv", "a.txt", "c.xlsx", "d.tsv", "notes.md", ".hidden.csv"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "analysis").mkdir()
    (tmp_path / "analysis" / "opportunities.csv").write_text("x")
    assert [p.name for p in discover_inputs(tmp_path)] == ["a.txt", "b.csv", "c.xlsx", "d.tsv"]
    assert discover_inputs(tmp_path / "missing") == []


def test_shipped_sample_data_loads():
    from support import REPO

    result = load_exports(discover_inputs(REPO / "keywords"))
    assert {s.format for s in result.sources} >= {"gkp", "gsc"}
    gkp = next(s for s in result.sources if s.format == "gkp")
    assert gkp.encoding == "utf-16-le" and gkp.delimiter == "\t"
    assert len(result.table) >= 400
    assert (result.table[S.KEYWORD].str.split().str.len() >= 3).mean() > 0.6
    assert_accounting(result)


rows = st.lists(
    st.tuples(st.sampled_from(["sales sla", "Sales SLA!", "", "  ", "!!!", "buyer matrix", "gpct", "x" * 30,
                               "c++ jobs", "¿cómo?", "how to hire sales reps"]),
              st.sampled_from(["", "10", "1,000", " --", "∞", "50"])),
    min_size=1, max_size=25,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(rows, min_size=1, max_size=3))
def test_row_accounting_invariant(tmp_path, files):
    paths = []
    for index, file_rows in enumerate(files):
        path = tmp_path / f"f{index}.csv"
        body = "".join(f'"{k}",{v}\n' for k, v in file_rows)
        path.write_text("keyword,volume\n" + body, encoding="utf-8")
        paths.append(path)
    result = load_exports(paths, max_keyword_length=20)
    assert_accounting(result)
    assert result.rows_read == sum(len(f) for f in files)  # every line is a row, even a blank keyword


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_any_bytes_load_or_raise_a_playbook_error(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        result = load_exports([path])
    except PlaybookError:
        return
    assert_accounting(result)
    assert isinstance(result.table, pd.DataFrame)
