"""Expert matching: weighted expertise overlap, capacity, availability, deterministic ties; journalist balance."""

from __future__ import annotations

import datetime as dt

from generator.briefs.committee import Member, Person
from generator.briefs.matching import (
    match_expert,
    matching_tags,
    pick_journalist,
    tag_weight,
    topic,
)


def member(mid, expertise, capacity=3, unavailable=()):
    return Member(mid, mid.title(), "Expert", tuple(expertise), f"{mid}@example.com", capacity, tuple(unavailable))


MEMBERS = [
    member("ann", ["compensation", "sales contests"]),
    member("bob", ["hiring", "coachability"]),
    member("cat", ["qualification", "gpct", "sales process"]),
    member("dan", ["compensation", "commission"], capacity=1),
]
COMP = topic(["sales commission plan"], ["sales compensation examples", "commission rates", "commission caps"])


def test_tags_match_by_stem_prefix_and_word_order():
    found = topic(["qualifying sales leads"], ["how to run sales contests", "sales hiring process"])
    assert tag_weight("qualification", found) == 3
    assert tag_weight("sales contests", found) == 1
    assert tag_weight("sales process", found) == 0  # words present, but not side by side
    assert tag_weight("hiring", found) == 1
    assert tag_weight("coaching", topic(["coachability interview questions"], [])) == 3
    assert tag_weight("long tail", topic(["long keywords"], ["tail"])) == 0


def test_heaviest_member_wins():
    assert matching_tags(["compensation", "commission", "hiring"], COMP) == (("commission", 5), ("compensation", 1))
    match = match_expert(MEMBERS, COMP, {}, None)
    assert match.member.id == "dan"
    assert match.tags == ("commission", "compensation")
    assert match.reason == "expertise: commission, compensation; load 0/1 this month"


def test_full_members_are_skipped_then_the_next_best_takes_it():
    match = match_expert(MEMBERS, COMP, {"dan": 1}, None)
    assert match.member.id == "ann"
    assert match.reason == "expertise: compensation; load 0/3 this month"


def test_equal_weight_goes_to_the_less_loaded_then_by_id():
    twins = [member("zed", ["hiring"]), member("amy", ["hiring"])]
    found = topic(["hiring sales reps"], [])
    assert match_expert(twins, found, {}, None).member.id == "amy"
    assert match_expert(twins, found, {"amy": 1}, None).member.id == "zed"


def test_unavailable_on_the_interview_date_is_skipped():
    day = dt.date(2026, 12, 12)
    busy = [member("bob", ["hiring"], unavailable=[day]), member("eve", ["hiring"], capacity=1)]
    found = topic(["hiring"], [])
    assert match_expert(busy, found, {}, day).member.id == "eve"
    match = match_expert(busy, found, {"eve": 1}, day)
    assert match.member is None
    assert match.reason == "every matching expert is unavailable or at capacity: bob (unavailable 2026-12-12), eve (1/1 briefs)"


def test_no_overlap_leaves_it_unassigned():
    match = match_expert(MEMBERS, topic(["cold email subject lines"], []), {}, None)
    assert match.member is None
    assert match.reason == "no committee member's expertise matches this cluster"


def test_journalist_least_loaded_then_file_order():
    people = [Person("sam", "Sam", "Journalist"), Person("pat", "Pat", "Writer")]
    assert pick_journalist(people, {}) == "sam"
    assert pick_journalist(people, {"sam": 2, "pat": 1}) == "pat"
    assert pick_journalist([], {}) is None
