"""The calculator library against the shared vectors (playbook-facts.md worked examples) and bad input."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import calculators as calc
from generator.errors import InputError

VECTORS = json.loads(Path(__file__).with_name("vectors.json").read_text(encoding="utf-8"))


def cases(kind):
    return [pytest.param(v["input"], v["expect"], id=v["id"]) for v in VECTORS[kind]]


@pytest.mark.parametrize(("given", "expect"), cases("sla"))
def test_sla_lead_goal_vectors(given, expect):
    result = calc.sla_lead_goal(**given)
    assert result["customers_needed"] == expect["customers_needed"]
    assert result["leads_per_month"] == expect["leads_per_month"]
    assert isinstance(result["leads_per_month"], int)


def test_sla_subtracts_self_sourced_leads_and_never_goes_below_zero():
    assert calc.sla_lead_goal(40000, 800, 0.05, self_sourced=150)["leads_per_month"] == 850
    assert calc.sla_lead_goal(40000, 800, 0.05, self_sourced=5000)["leads_per_month"] == 0


def test_sla_rounds_partial_leads_up():
    # 10,000 / 3,000 = 3.33 customers; / 0.1 = 33.3 leads -> 34 whole leads
    result = calc.sla_lead_goal(10000, 3000, 0.1)
    assert result["customers_needed"] == 3.33
    assert result["leads_per_month"] == 34


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"close_rate": 0}, "close rate must be a fraction in (0, 1], e.g. 0.05 for 5%: got 0"),
        ({"close_rate": 1.5}, "close rate must be a fraction in (0, 1], e.g. 0.05 for 5%: got 1.5"),
        ({"deal_size": 0}, "deal size must be greater than 0: got 0"),
        ({"quota": -1}, "quota must be 0 or more: got -1"),
        ({"marketing_share": 2}, "marketing share must be a fraction in [0, 1], e.g. 0.05 for 5%: got 2"),
        ({"quota": "lots"}, "quota must be a number: got 'lots'"),
    ],
)
def test_sla_rejects_bad_input(kwargs, message):
    args = {"quota": 40000, "deal_size": 800, "close_rate": 0.05, **kwargs}
    with pytest.raises(InputError) as exc:
        calc.sla_lead_goal(**args)
    assert str(exc.value) == message


@pytest.mark.parametrize(("given", "expect"), cases("lead_value"))
def test_lead_value_vectors(given, expect):
    result = calc.lead_value(given["price"], given["segments"], given["goal"])
    assert {s["name"]: s["value_per_lead"] for s in result["states"]} == expect["value_per_lead"]
    if "values" in expect:
        assert {s["name"]: s["value"] for s in result["states"]} == expect["values"]
    assert result["delivered"] == expect["delivered"]
    assert result["met"] is expect["met"]
    assert result["shortfall"] == max(0, given["goal"] - expect["delivered"])


def test_lead_value_rejects_bad_segments():
    with pytest.raises(InputError, match="^lead value needs at least one segment"):
        calc.lead_value(10000, [], 1)
    with pytest.raises(InputError) as exc:
        calc.lead_value(10000, [{"name": "demo", "rate": 12, "leads": 10}], 1)
    assert str(exc.value) == "rate of segment 'demo' must be a fraction in [0, 1], e.g. 0.05 for 5%: got 12"
    with pytest.raises(InputError) as exc:
        calc.lead_value(10000, [{"name": "demo", "rate": 0.1, "leads": 2.5}], 1)
    assert str(exc.value) == "leads of segment 'demo' must be a whole number of at least 0: got 2.5"


@pytest.mark.parametrize(("given", "expect"), cases("do_not_be_on_it"))
def test_do_not_be_on_it_vectors(given, expect):
    assert calc.do_not_be_on_it(**given)["flagged"] is expect["flagged"]


def test_do_not_be_on_it_gives_reasons():
    result = calc.do_not_be_on_it(30, 0, 15)
    assert result["reasons"] == [
        "not called within 24 hours",
        "14+ days in the cycle with fewer than 5 calls",
    ]


@pytest.mark.parametrize(("given", "expect"), cases("plan1"))
def test_comp_plan1_vectors(given, expect):
    result = calc.comp_plan1(given["deals"])
    assert (result["commissions"], result["clawbacks"], result["net"]) == (
        expect["commissions"],
        expect["clawbacks"],
        expect["net"],
    )


def test_comp_plan1_clawback_window_is_inclusive_and_configurable():
    deal = [{"mrr": 300, "churn_month": 4}]
    assert calc.comp_plan1(deal)["net"] == 0
    assert calc.comp_plan1(deal, clawback_months=3)["net"] == 600
    assert calc.comp_plan1(deal, multiple=3)["deals"][0]["clawback"] == -900


def test_comp_plan1_rejects_bad_churn_month():
    with pytest.raises(InputError) as exc:
        calc.comp_plan1([{"mrr": 300, "churn_month": 0}])
    assert str(exc.value) == "churn month of deal 1 must be a whole number of at least 1: got 0"


@pytest.mark.parametrize(("given", "expect"), cases("plan2"))
def test_comp_plan2_vectors(given, expect):
    quartile = given.get("quartile") or calc.quartile_for_rank(given["rank"], given["reps"])
    result = calc.comp_plan2(given["mrr"], quartile)
    assert (result["quartile"], result["rate"], result["commission"]) == (
        expect["quartile"],
        expect["rate"],
        expect["commission"],
    )


def test_quartile_for_rank_splits_eight_reps_in_pairs():
    assert [calc.quartile_for_rank(rank, 8) for rank in range(1, 9)] == [1, 1, 2, 2, 3, 3, 4, 4]
    with pytest.raises(InputError) as exc:
        calc.quartile_for_rank(9, 8)
    assert str(exc.value) == "rank must be between 1 and the number of reps (8): got 9"


def test_comp_plan2_rejects_unknown_quartile():
    with pytest.raises(InputError) as exc:
        calc.comp_plan2(1500, 5)
    assert str(exc.value) == "quartile must be one of [1, 2, 3, 4]: got 5"


@pytest.mark.parametrize(("given", "expect"), cases("plan3"))
def test_comp_plan3_vectors(given, expect):
    result = calc.comp_plan3(**given)
    assert result["total"] == expect["total"]
    assert [t["amount"] for t in result["schedule"]] == expect["amounts"]
    assert result["earned"] == expect["earned"]
    assert result["at_once"] == expect["at_once"]


def test_comp_plan3_schedule_months():
    result = calc.comp_plan3(1000, prepaid_months=6)
    assert [(t["payment"], t["due_at_payment"]) for t in result["schedule"]] == [(1, 1), (6, 1), (12, 12)]


@pytest.mark.parametrize(("given", "expect"), cases("scorecard"))
def test_scorecard_vectors(given, expect):
    ranking = calc.scorecard(given["weights"], given["candidates"])
    assert {row["name"]: row["score"] for row in ranking} == expect["scores"]


def test_scorecard_ranks_best_first_with_ties_by_name():
    weights = {"coachability": 2, "curiosity": 1}
    candidates = [
        {"name": "Zoe", "scores": {"coachability": 6, "curiosity": 9}},
        {"name": "Ann", "scores": {"coachability": 7, "curiosity": 7}},
        {"name": "Bob", "scores": {"coachability": 9, "curiosity": 3}},
    ]
    ranking = calc.scorecard(weights, candidates)
    assert [(r["rank"], r["name"], r["score"]) for r in ranking] == [(1, "Ann", 7.0), (2, "Bob", 7.0), (3, "Zoe", 7.0)]


@pytest.mark.parametrize(
    ("weights", "scores", "message"),
    [
        ({"a": 1}, {"a": 11}, "candidate 'X' has score 11 for 'a': use a whole number from 1 to 10"),
        ({"a": 1}, {"a": 7.5}, "candidate 'X' has score 7.5 for 'a': use a whole number from 1 to 10"),
        ({"a": 1, "b": 1}, {"a": 7}, "candidate 'X' has no score for b: score every trait 1-10"),
        ({"a": 0}, {"a": 7}, "the scorecard weights add up to 0: give at least one trait a weight above 0"),
        ({"a": -1}, {"a": 7}, "weight of 'a' must be 0 or more: got -1"),
    ],
)
def test_scorecard_rejects_bad_input(weights, scores, message):
    with pytest.raises(InputError) as exc:
        calc.scorecard(weights, [{"name": "X", "scores": scores}])
    assert str(exc.value) == message


def test_load_scorecard_csv_and_yaml_agree(tmp_path):
    csv_file = tmp_path / "card.csv"
    csv_file.write_text("candidate,coachability,curiosity\nweight,2,1\nAnn,7,7\nBob,9,3\n", encoding="utf-8")
    yml_file = tmp_path / "card.yml"
    yml_file.write_text(
        "weights: {coachability: 2, curiosity: 1}\n"
        "candidates:\n"
        "  - {name: Ann, scores: {coachability: 7, curiosity: 7}}\n"
        "  - {name: Bob, scores: {coachability: 9, curiosity: 3}}\n",
        encoding="utf-8",
    )
    assert calc.scorecard(*calc.load_scorecard(csv_file)) == calc.scorecard(*calc.load_scorecard(yml_file))


def test_load_scorecard_errors_name_the_file(tmp_path):
    no_weight = tmp_path / "card.csv"
    no_weight.write_text("candidate,coachability\nAnn,7\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        calc.load_scorecard(no_weight)
    assert str(exc.value) == f"{no_weight}: no 'weight' row; add a row whose first cell is weight"
    bad_cell = tmp_path / "bad.csv"
    bad_cell.write_text("candidate,coachability\nweight,1\nAnn,seven\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        calc.load_scorecard(bad_cell)
    assert str(exc.value) == f"{bad_cell}:3: 'seven' is not a number"
    other = tmp_path / "card.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        calc.load_scorecard(other)
    assert str(exc.value) == f"{other}: unknown scorecard format '.txt'; use .csv, .yml or .yaml"


def test_round2_is_half_away_from_zero_without_float_noise():
    assert calc.round2(1.005) == 1.01
    assert calc.round2(-1.005) == -1.01
    assert calc.round2(0.1 + 0.2) == 0.3
    assert calc.whole_up(50 / 0.05) == 1000


TRAITS = ["coachability", "curiosity", "prior success", "intelligence", "work ethic"]


@given(
    weights=st.lists(st.integers(0, 100), min_size=5, max_size=5).filter(lambda w: sum(w) > 0),
    scores=st.lists(st.integers(1, 10), min_size=5, max_size=5),
)
def test_scorecard_score_stays_on_the_1_to_10_scale(weights, scores):
    row = calc.scorecard(dict(zip(TRAITS, weights, strict=True)), [{"name": "X", "scores": dict(zip(TRAITS, scores, strict=True))}])[0]
    assert min(scores) <= row["score"] <= max(scores)


@given(
    quota=st.integers(0, 10**7),
    deal=st.integers(1, 10**5),
    rate=st.integers(1, 1000).map(lambda n: n / 1000),
)
def test_sla_leads_cover_the_customers_needed(quota, deal, rate):
    result = calc.sla_lead_goal(quota, deal, rate)
    assert result["leads_per_month"] * rate >= quota / deal - 1e-6
    assert (result["leads_per_month"] - 1) * rate < quota / deal + 1e-6


@given(mrr=st.integers(0, 10**6), payments=st.integers(0, 24), prepaid=st.integers(0, 24))
def test_plan3_never_pays_more_than_the_total(mrr, payments, prepaid):
    result = calc.comp_plan3(mrr, payments, prepaid)
    assert 0 <= result["at_once"] <= result["total"]
    assert 0 <= result["earned"] <= result["total"]
    assert sum(t["amount"] for t in result["schedule"]) == pytest.approx(result["total"])
