"""The calculator commands (sla, comp, scorecard) against the shared vectors, their --json keys and errors."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

VECTORS = json.loads(Path(__file__).with_name("vectors.json").read_text(encoding="utf-8"))
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def cases(kind):
    return [pytest.param(v["input"], v["expect"], id=v["id"]) for v in VECTORS[kind]]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def run_json(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def fail(*args):
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    return result.stderr.strip()


@pytest.mark.parametrize(("given", "expect"), cases("sla"))
def test_sla_json_vectors(given, expect):
    args = ["sla", "--quota", given["quota"], "--deal-size", given["deal_size"], "--close-rate", given["close_rate"]]
    if "marketing_share" in given:
        args += ["--marketing-share", given["marketing_share"]]
    if "self_sourced" in given:
        args += ["--self-sourced", given["self_sourced"]]
    data = run_json(*args)
    assert data["leads_per_month"] == expect["leads_per_month"]
    assert data["customers_needed"] == expect["customers_needed"]


def test_sla_text_output():
    result = run("sla", "--quota", 40000, "--deal-size", 800, "--close-rate", 0.05, "--marketing-share", 0.8)
    assert result.exit_code == 0
    assert result.output == "Customers needed: 40\nLeads per month: 800\n"


@pytest.mark.parametrize(("given", "expect"), cases("lead_value"))
def test_sla_lead_value_json_vectors(given, expect):
    segments = [f"--segment={s['name']}:{s['rate']}:{s['leads']}" for s in given["segments"]]
    data = run_json("sla", "--price", given["price"], "--goal", given["goal"], *segments)
    assert {s["name"]: s["value_per_lead"] for s in data["states"]} == expect["value_per_lead"]
    assert data["delivered"] == expect["delivered"]
    assert data["met"] is expect["met"]


def test_sla_lead_value_text_output():
    result = run("sla", "--price", 10000, "--goal", 1200000, "--segment", "demo:0.12:500", "--segment", "download:0.04:1200")
    assert result.output == (
        "demo: 500 leads × 1,200 = 600,000\n"
        "download: 1,200 leads × 400 = 480,000\n"
        "Delivered: 1,080,000 of 1,200,000: NOT met (short by 120,000)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quota", 1, "--deal-size", 800, "--close-rate", 5],
         "Error: close rate must be a fraction in (0, 1], e.g. 0.05 for 5%: got 5"),
        (["--quota", 1, "--deal-size", 0, "--close-rate", 0.05], "Error: deal size must be greater than 0: got 0"),
        (["--quota", 1], "Error: give --quota, --deal-size and --close-rate (or --segment, --price and --goal)"),
        (["--segment", "demo:0.12:10"], "Error: lead-value mode (--segment) also needs --price and --goal"),
        (["--price", 1, "--goal", 1, "--segment", "demo"],
         "Error: segment 'demo' must look like NAME:RATE:LEADS, e.g. demo:0.12:600"),
        (["--price", 1, "--goal", 1, "--segment", "demo:high:10"], "Error: 'high' in 'demo:high:10' is not a number"),
    ],
)
def test_sla_errors(args, message):
    assert fail("sla", *args) == message


@pytest.mark.parametrize(("given", "expect"), cases("plan1"))
def test_comp_plan1_json_vectors(given, expect):
    deals = []
    for deal in given["deals"]:
        spec = f"{deal['mrr']}" + (f":{deal['churn_month']}" if deal["churn_month"] else "")
        deals += ["--deal", spec]
    data = run_json("comp", "plan1", *deals)
    assert (data["commissions"], data["clawbacks"], data["net"]) == (
        expect["commissions"],
        expect["clawbacks"],
        expect["net"],
    )


def test_comp_plan1_text_output():
    result = run("comp", "plan1", "--deal", 500, "--deal", "300:3", "--deal", 200)
    assert result.output == "Commissions: 2,000\nClawbacks: -600\nNet: 1,400\n"


@pytest.mark.parametrize(("given", "expect"), cases("plan2"))
def test_comp_plan2_json_vectors(given, expect):
    if "quartile" in given:
        data = run_json("comp", "plan2", "--mrr", given["mrr"], "--quartile", given["quartile"])
    else:
        data = run_json("comp", "plan2", "--mrr", given["mrr"], "--rank", given["rank"], "--reps", given["reps"])
    assert (data["quartile"], data["rate"], data["commission"]) == (
        expect["quartile"],
        expect["rate"],
        expect["commission"],
    )


@pytest.mark.parametrize(("given", "expect"), cases("plan3"))
def test_comp_plan3_json_vectors(given, expect):
    args = ["comp", "plan3", "--mrr", given["mrr"]]
    if "payments_made" in given:
        args += ["--payments-made", given["payments_made"]]
    if "prepaid_months" in given:
        args += ["--prepaid-months", given["prepaid_months"]]
    data = run_json(*args)
    assert [t["amount"] for t in data["schedule"]] == expect["amounts"]
    assert (data["total"], data["earned"], data["at_once"]) == (expect["total"], expect["earned"], expect["at_once"])


def test_comp_plan3_text_output():
    result = run("comp", "plan3", "--mrr", 1000, "--prepaid-months", 12)
    assert result.output == (
        "Payment 1: 1,000 (paid at payment 1, earned)\n"
        "Payment 6: 500 (paid at payment 1, earned)\n"
        "Payment 12: 500 (paid at payment 1, earned)\n"
        "Paid at once: 2,000\n"
        "Earned: 2,000 of 2,000\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan1", "--deal", "300:0"], "Error: churn month of deal 1 must be a whole number of at least 1: got 0"),
        (["plan1", "--deal", "abc"], "Error: 'abc' in 'abc' is not a number"),
        (["plan2", "--mrr", 1500], "Error: give --quartile, or --rank and --reps"),
        (["plan2", "--mrr", 1500, "--quartile", 5], "Error: quartile must be one of [1, 2, 3, 4]: got 5"),
        (["plan2", "--mrr", 1500, "--rank", 9, "--reps", 8],
         "Error: rank must be between 1 and the number of reps (8): got 9"),
        (["plan3", "--mrr", -1], "Error: MRR must be 0 or more: got -1"),
    ],
)
def test_comp_errors(args, message):
    assert fail("comp", *args) == message


@pytest.mark.parametrize("name", ["scorecard-example.csv", "scorecard-example.yml"])
def test_scorecard_example_files(name):
    result = run("scorecard", FIXTURES / name)
    assert result.exit_code == 0, result.output
    assert result.output == "1. Candidate B: 7.75\n2. Candidate A: 7.55\n3. Candidate C: 7.30\n"


@pytest.mark.parametrize(("given", "expect"), cases("scorecard"))
def test_scorecard_json_vectors(given, expect, tmp_path):
    traits = list(given["weights"])
    lines = [",".join(["candidate", *traits]), ",".join(["weight", *(str(given["weights"][t]) for t in traits)])]
    for cand in given["candidates"]:
        lines.append(",".join([cand["name"], *(str(cand["scores"][t]) for t in traits)]))
    card = tmp_path / "card.csv"
    card.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = run_json("scorecard", card)
    assert {row["name"]: row["score"] for row in data} == expect["scores"]
    assert [row["rank"] for row in data] == list(range(1, len(data) + 1))


def test_scorecard_errors(tmp_path):
    card = tmp_path / "card.csv"
    card.write_text("candidate,coachability\nweight,1\nAnn,11\n", encoding="utf-8")
    assert fail("scorecard", card) == "Error: candidate 'Ann' has score 11 for 'coachability': use a whole number from 1 to 10"
    missing = tmp_path / "missing.yml"
    assert fail("scorecard", missing) == f"Error: {missing}: scorecard file not found; pass a .csv or .yml file"
    bad = tmp_path / "bad.yml"
    bad.write_text("- just a list\n", encoding="utf-8")
    assert fail("scorecard", bad) == (
        f"Error: {bad}: expected a mapping with 'weights' (trait: weight) and 'candidates'"
    )


def test_calc_help_documents_formats():
    assert "NAME:RATE:LEADS" in run("sla", "--help").output
    assert "weight,30,20,20,15,15" in run("scorecard", "--help").output
    assert {"plan1", "plan2", "plan3"} <= set(run("comp", "--help").output.split())
