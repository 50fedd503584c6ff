"""Expert matching: expertise overlap, capacity, availability, deterministic ties; journalist balance."""

from __future__ import annotations

import datetime as dt

from generator.briefs.committee import Member, Person
from generator.briefs.matching import match_expert, matching_tags, pick_journalist, stems


def member(mid, expertise, capacity=3, unavailable=()):
    return Member(mid, mid.title(), "Expert", tuple(expertise), f"{mid}@example.com", capacity, tuple(unavailable))


MEMBERS = [
    member("ann", ["compensation", "sales contests"]),
    member("bob", ["hiring", "coachability"]),
    member("cat", ["qualification", "gpct", "sales process"]),
    member("dan", ["compensation", "commission"], capacity=1),
]


def test_tags_match_by_stem_and_prefix():
    pool = stems(["qualifying sales leads", "how to run sales contests"])
    assert matching_tags(["qualification", "sales contests", "hiring", "sales"], pool) == (
        "qualification", "sales contests", "sales")
    assert matching_tags(["coaching"], stems(["coachability interview questions"])) == ("coaching",)
    assert matching_tags(["long tail"], stems(["long keywords"])) == ()


def test_most_matching_tags_wins():
    match = match_expert(MEMBERS, stems(["sales commission plan", "compensation"]), {}, None)
    assert match.member.id == "dan"
    assert match.tags == ("compensation", "commission")
    assert match.reason == "expertise: compensation, commission; load 0/1 this month"


def test_full_members_are_skipped_then_the_next_best_takes_it():
    match = match_expert(MEMBERS, stems(["sales commission plan", "compensation"]), {"dan": 1}, None)
    assert match.member.id == "ann"
    assert match.reason == "expertise: compensation; load 0/3 this month"


def test_equal_overlap_goes_to_the_less_loaded_then_by_id():
    twins = [member("zed", ["hiring"]), member("amy", ["hiring"])]
    pool = stems(["hiring sales reps"])
    assert match_expert(twins, pool, {}, None).member.id == "amy"
    assert match_expert(twins, pool, {"amy": 1}, None).member.id == "zed"


def test_unavailable_on_the_interview_date_is_skipped():
    day = dt.date(2026, 12, 12)
    busy = [member("bob", ["hiring"], unavailable=[day]), member("eve", ["hiring"], capacity=1)]
    assert match_expert(busy, stems(["hiring"]), {}, day).member.id == "eve"
    match = match_expert(busy, stems(["hiring"]), {"eve": 1}, day)
    assert match.member is None
    assert match.reason == "every matching expert is unavailable or at capacity: bob (unavailable 2026-12-12), eve (1/1 briefs)"


def test_no_overlap_leaves_it_unassigned():
    match = match_expert(MEMBERS, stems(["cold email subject lines"]), {}, None)
    assert match.member is None
    assert match.reason == "no committee member's expertise matches this cluster"


def test_journalist_least_loaded_then_file_order():
    people = [Person("sam", "Sam", "Journalist"), Person("pat", "Pat", "Writer")]
    assert pick_journalist(people, {}) == "sam"
    assert pick_journalist(people, {"sam": 2, "pat": 1}) == "pat"
    assert pick_journalist([], {}) is None
