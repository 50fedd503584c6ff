"""Intent modifiers and their merge with tool intents."""

import pytest

from generator.keywords import intent


@pytest.mark.parametrize("keyword, expected", [
    ("how to hire sales reps", "question;howto;transactional"),  # "hire" is transactional (doc 5.4)
    ("how do i coach reps", "question;howto"),
    ("what is gpct?", "question"),
    ("is sales training worth it", "question"),
    ("hubspot vs salesforce", "comparison"),
    ("salesforce alternatives", "comparison"),
    ("difference between bant and gpct", "comparison"),
    ("best crm", "commercial"),
    ("top 10 sales books", "commercial"),
    ("crm reviews", "commercial"),
    ("crm pricing", "transactional"),
    ("sales compensation plan template", "transactional"),
    ("buy leads", "transactional"),
    ("sales coaching near me", "transactional;local"),
    ("crm for small business", "audience"),
    ("sales training for saas", "audience"),
    ("inbound marketing for real estate", "audience"),
    ("insurance for startups", "audience"),
    ("sales contest ideas 2026", "year"),
    ("sales playbook", ""),
    ("shows for dogs", ""),  # bare "for <noun>" is not an audience
    ("howtobasic", ""),
    ("", ""),
])
def test_detect_modifiers(keyword, expected):
    assert intent.detect_modifiers([keyword]).tolist() == [expected]


def test_detect_keeps_row_order_and_length():
    result = intent.detect_modifiers(["best crm", "crm", "what is crm"])
    assert result.tolist() == ["commercial", "", "question"]


def test_merge_is_a_sorted_lower_case_union():
    merged = intent.merge_intents(
        ["Informational;Commercial", None, "transactional", ""],
        ["question;howto", "", "transactional", "year"],
    )
    assert merged.tolist() == ["commercial;howto;informational;question", "", "transactional", "year"]


def test_has_label_matches_whole_labels():
    labels = intent.has_label(["question;howto", "howto", "", None], "question")
    assert labels.tolist() == [True, False, False, False]
