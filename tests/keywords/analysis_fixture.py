"""The small analysis fixture shared by the report and output tests (not a test module)."""

from dataclasses import dataclass, field

import pandas as pd
from support import FIXTURES

from generator.keywords import schema
from generator.keywords.analysis import canonical_table

FIXTURE_CSV = FIXTURES / "analysis" / "keywords.csv"


@dataclass
class FakeSource:
    path: str
    format: str
    encoding: str = "utf-8"
    delimiter: str = ","
    rows_read: int = 0
    rows_kept: int = 0
    rows_rejected: int = 0
    warnings: list = field(default_factory=list)


@dataclass
class FakeLoad:
    table: pd.DataFrame
    rejected: pd.DataFrame
    sources: list


def fixture_table() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURE_CSV, dtype={schema.TOOL_INTENT: "str", schema.PARENT: "str"})
    frame[schema.SOURCE] = "fixtures/" + frame[schema.SOURCE_FORMAT] + ".csv"
    return canonical_table(frame)


def fixture_load() -> FakeLoad:
    table = fixture_table()
    rejected = pd.DataFrame({
        schema.REJECT_SOURCE: ["fixtures/gkp.csv", "fixtures/gkp.csv", "fixtures/gsc.csv"],
        schema.REJECT_LINE: [30, 31, 9],
        schema.REJECT_KEYWORD: ["", "Sales Training", "???"],
        schema.REJECT_REASON: ["blank", "duplicate of 'sales training' merged", "no word characters"],
    })
    counts = table[schema.SOURCE_FORMAT].value_counts()
    sources = [
        FakeSource("fixtures/ahrefs.csv", "ahrefs", rows_read=int(counts["ahrefs"]), rows_kept=int(counts["ahrefs"])),
        FakeSource("fixtures/gkp.csv", "gkp", "utf-16-le", "\t", int(counts["gkp"]) + 2, int(counts["gkp"]), 2,
                   ["fixtures/gkp.csv: every volume is a bucket"]),
        FakeSource("fixtures/gsc.csv", "gsc", rows_read=int(counts["gsc"]) + 1, rows_kept=int(counts["gsc"]),
                   rows_rejected=1),
    ]
    return FakeLoad(table, rejected, sources)
