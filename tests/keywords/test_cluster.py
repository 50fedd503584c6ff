"""Clusters: tool grouping, lexical method, pillar rule, ids, cluster table."""

import numpy as np

from generator.keywords import cluster, schema
from generator.keywords.analysis import analyze, canonical_table

LEXICAL = [
    {"keyword": "sales compensation plan", "volume": 900},
    {"keyword": "sales compensation plan template", "volume": 300},
    {"keyword": "how to build a sales compensation plan", "volume": 50},
    {"keyword": "sales training", "volume": 2000},
    {"keyword": "sales training programs", "volume": 400},
    {"keyword": "best sales training for managers", "volume": 90},
    {"keyword": "gpct", "volume": 100},
    {"keyword": "what is gpct", "volume": 300},
    {"keyword": "zebra crossing", "volume": 5},
]


def clusters_of(records):
    result = analyze(canonical_table(records))
    return result, result.opportunities.set_index(schema.KEYWORD)


def test_lexical_clusters_pillars_and_ids():
    result, rows = clusters_of(LEXICAL)
    assert rows[schema.CLUSTER].to_dict() == {
        "sales compensation plan": "sales-compensation-plan",
        "sales compensation plan template": "sales-compensation-plan",
        "how to build a sales compensation plan": "sales-compensation-plan",
        "sales training": "sales-training",
        "sales training programs": "sales-training",
        "best sales training for managers": "sales-training",
        "gpct": "gpct",
        "what is gpct": "gpct",
        "zebra crossing": "misc",
    } | {k: rows.loc[k, schema.CLUSTER] for k in rows.index if k not in {r["keyword"] for r in LEXICAL}}
    pillars = rows[rows[schema.IS_PILLAR]].index.tolist()
    assert sorted(pillars) == ["gpct", "sales compensation plan", "sales training", "zebra crossing"]
    assert rows.loc["gpct", schema.CLUSTER_LABEL] == "Gpct"
    assert rows.loc["zebra crossing", schema.CLUSTER_LABEL] == "Misc"


def test_pillar_is_fewest_words_then_volume_then_keyword():
    _, rows = clusters_of([
        {"keyword": "crm software", "volume": 100},
        {"keyword": "crm tools", "volume": 100},
        {"keyword": "crm software for startups", "volume": 5000},
    ])
    assert rows[rows[schema.IS_PILLAR]].index.tolist() == ["crm software"]


def test_tool_grouping_wins_and_names_the_method():
    result, rows = clusters_of([
        {"keyword": "sales kickoff ideas", "volume": 10, "parent": "Sales Kickoff", "source_format": "ahrefs"},
        {"keyword": "sales kickoff themes", "volume": 40, "parent": "sales kickoff", "source_format": "ahrefs"},
        {"keyword": "sales kickoff", "volume": 900, "source_format": "gkp"},
        {"keyword": "sales kickoff agenda", "volume": 20, "parent": "Meetings", "source_format": "gkp"},
        {"keyword": "meeting agenda", "volume": 5, "parent": "meetings", "source_format": "gkp;gsc"},
    ])
    assert rows.loc["sales kickoff", schema.CLUSTER] == "sales-kickoff"  # joins the group it names
    assert rows.loc["sales kickoff themes", schema.CLUSTER] == "sales-kickoff"
    assert rows.loc["sales kickoff agenda", schema.CLUSTER] == "meeting-agenda"
    assert rows.loc["sales kickoff agenda", schema.CLUSTER_LABEL] == "Meetings"
    table = result.clusters.set_index(schema.CL_ID)
    assert table.loc["sales-kickoff", schema.CL_METHOD] == "parent"
    assert table.loc["meeting-agenda", schema.CL_METHOD] == "concept"
    assert table.loc["sales-kickoff", schema.CL_PILLAR] == "sales kickoff"


def test_every_keyword_has_exactly_one_cluster_and_order_does_not_matter():
    result, rows = clusters_of(LEXICAL)
    assert rows[schema.CLUSTER].notna().all()
    assert result.clusters[schema.CL_KEYWORDS].sum() == len(LEXICAL)
    again, rows2 = clusters_of(list(reversed(LEXICAL)))
    assert rows[schema.CLUSTER].sort_index().equals(rows2[schema.CLUSTER].sort_index())
    assert result.clusters.equals(again.clusters)


def test_cluster_table_columns_and_content():
    result, _ = clusters_of(LEXICAL + [{"keyword": "sales training ideas", "volume": 10, "difficulty": 30},
                                       {"keyword": "what is sales training", "volume": 10, "difficulty": 50}])
    table = result.clusters
    assert list(table.columns) == schema.CLUSTER_COLUMNS
    assert table[schema.CL_BEST_SCORE].is_monotonic_decreasing
    row = table.set_index(schema.CL_ID).loc["sales-training"]
    assert row[schema.CL_KEYWORDS] == 5
    assert row[schema.CL_VOLUME] == 2000 + 400 + 90 + 10 + 10
    assert row[schema.CL_DIFFICULTY] == 40.0
    assert row[schema.CL_QUESTIONS] == "what is sales training"
    assert "sales training" not in row[schema.CL_SUBTOPICS].split("|")
    assert len(row[schema.CL_SUBTOPICS].split("|")) == 4
    assert row[schema.CL_INTENT_MIX].startswith("audience:1;commercial:1;question:1")


def test_slugs_are_ascii_and_unique():
    assert cluster.slugify("Café crème brûlée") == "cafe-creme-brulee"
    arabic = cluster.slugify("تدريب المبيعات")
    assert arabic.startswith("k-") and arabic.isascii()
    assert cluster.slugify("c++ training") == "c-training"
    assert cluster._unique_ids(["a", "a", "b", "a"], np.array([3, 0, 1, 2])) == ["a-2", "a-3", "b", "a"]


def test_non_latin_keywords_cluster_lexically():
    _, rows = clusters_of([
        {"keyword": "تدريب المبيعات", "volume": 100},
        {"keyword": "تدريب المبيعات للمبتدئين", "volume": 10},
    ])
    assert rows[schema.CLUSTER].nunique() == 1
    assert rows[schema.CLUSTER].iloc[0].isascii()


def test_lexical_labels_do_not_depend_on_row_order():
    records = [
        {"keyword": "sales trainings", "volume": 10},
        {"keyword": "sales training", "volume": 50},
        {"keyword": "trained sales reps", "volume": 5},
    ]
    first, _ = clusters_of(records)
    second, _ = clusters_of(list(reversed(records)))
    assert first.clusters.equals(second.clusters)
    assert first.clusters[schema.CL_LABEL].tolist() == ["Sales Training"]  # spelled as in the pillar
