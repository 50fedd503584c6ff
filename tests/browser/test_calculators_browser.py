"""Each in-page calculator computes the shared vectors (tests/calculators/vectors.json) in headless Chromium."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

VECTORS = json.loads(
    (Path(__file__).resolve().parent.parent / "calculators" / "vectors.json").read_text(encoding="utf-8")
)
TRAIT_COUNT = 5


def cases(kind):
    return [pytest.param(v["input"], v["expect"], id=v["id"]) for v in VECTORS[kind]]


NETWORK_ERROR = "console: Failed to load resource"


def script_errors(page):
    """Console and page errors other than resources that failed to load (checked separately)."""
    return [e for e in page.console_errors if not e.startswith(NETWORK_ERROR)]


@pytest.fixture(scope="module")
def shared_calc_page(page_opener, site_url):
    """The calculators page, loaded once: each test sets every input it relies on."""
    with page_opener() as pg:
        pg.goto(site_url + "calculators/")
        pg.wait_for_selector('form.pb-calc[data-calc="scorecard"][data-pb-ready="1"]')
        yield pg


@pytest.fixture
def calc_page(shared_calc_page):
    yield shared_calc_page
    assert script_errors(shared_calc_page) == []


def form(page, kind):
    return page.locator(f'form.pb-calc[data-calc="{kind}"]')


def fill(scope, name, value):
    scope.locator(f'[name="{name}"]').fill("" if value is None else str(value))


def value(scope, result):
    raw = scope.locator(f'[data-result="{result}"]').get_attribute("data-value")
    assert raw is not None, f"no value in [data-result={result}]"
    return json.loads(raw)


@pytest.mark.parametrize(("given", "expect"), cases("sla"))
def test_sla_calculator(calc_page, given, expect):
    f = form(calc_page, "sla")
    for name in ("quota", "deal_size", "close_rate"):
        fill(f, name, given[name])
    fill(f, "marketing_share", given.get("marketing_share", 1))
    fill(f, "self_sourced", given.get("self_sourced", 0))
    assert value(f, "customers_needed") == expect["customers_needed"]
    assert value(f, "leads_per_month") == expect["leads_per_month"]
    assert f.locator('[data-result="leads_per_month"]').inner_text() == f"{expect['leads_per_month']:,}"


@pytest.mark.parametrize(("given", "expect"), cases("lead_value"))
def test_lead_value_calculator(calc_page, given, expect):
    f = form(calc_page, "lead-value")
    fill(f, "price", given["price"])
    fill(f, "goal", given["goal"])
    rows = f.locator("[data-segment]")
    for i in range(rows.count()):
        seg = given["segments"][i] if i < len(given["segments"]) else {"name": None, "rate": None, "leads": None}
        fill(rows.nth(i), "segment_name", seg["name"])
        fill(rows.nth(i), "segment_rate", seg["rate"])
        fill(rows.nth(i), "segment_leads", seg["leads"])
    for i, seg in enumerate(given["segments"]):
        assert value(rows.nth(i), "value_per_lead") == expect["value_per_lead"][seg["name"]]
    assert value(f, "delivered") == expect["delivered"]
    assert value(f, "met") is expect["met"]


@pytest.mark.parametrize(("given", "expect"), cases("plan1"))
def test_plan1_calculator(calc_page, given, expect):
    f = form(calc_page, "plan1")
    fill(f, "multiple", 2)
    fill(f, "clawback_months", 4)
    rows = f.locator("[data-deal]")
    for i in range(rows.count()):
        deal = given["deals"][i] if i < len(given["deals"]) else {"mrr": None, "churn_month": None}
        fill(rows.nth(i), "mrr", deal["mrr"])
        fill(rows.nth(i), "churn_month", deal["churn_month"])
    assert value(f, "commissions") == expect["commissions"]
    assert value(f, "clawbacks") == expect["clawbacks"]
    assert value(f, "net") == expect["net"]


@pytest.mark.parametrize(("given", "expect"), cases("plan2"))
def test_plan2_calculator(calc_page, given, expect):
    f = form(calc_page, "plan2")
    fill(f, "mrr", given["mrr"])
    # Quartile-only vectors use 8 reps, where ranks 2q-1 and 2q fall in quartile q.
    fill(f, "reps", given.get("reps", 8))
    fill(f, "rank", given.get("rank") or 2 * given["quartile"] - 1)
    assert value(f, "quartile") == expect["quartile"]
    assert value(f, "rate") == expect["rate"]
    assert value(f, "commission") == expect["commission"]


@pytest.mark.parametrize(("given", "expect"), cases("plan3"))
def test_plan3_calculator(calc_page, given, expect):
    f = form(calc_page, "plan3")
    fill(f, "mrr", given["mrr"])
    fill(f, "multiple", 2)
    fill(f, "payments_made", given.get("payments_made", 12))
    fill(f, "prepaid_months", given.get("prepaid_months", 0))
    assert [value(f, f"amount-{n}") for n in (1, 6, 12)] == expect["amounts"]
    assert value(f, "total") == expect["total"]
    assert value(f, "earned") == expect["earned"]
    assert value(f, "at_once") == expect["at_once"]


@pytest.mark.parametrize(("given", "expect"), cases("scorecard"))
def test_scorecard_calculator(calc_page, given, expect):
    f = form(calc_page, "scorecard")
    assert f.locator('[name="weight"]').count() == TRAIT_COUNT
    for trait, weight in given["weights"].items():
        f.locator(f'[name="weight"][data-trait="{trait}"]').fill(str(weight))
    names = f.locator('[name="candidate"]')
    for i in range(names.count()):
        names.nth(i).fill("")
    for i, cand in enumerate(given["candidates"]):
        for trait, score in cand["scores"].items():
            f.locator(f'[name="score"][data-trait="{trait}"][data-candidate="{i}"]').fill(str(score))
        names.nth(i).fill(cand["name"])
    for i, cand in enumerate(given["candidates"]):
        assert value(f, f"score-{i}") == expect["scores"][cand["name"]]
    items = f.locator('[data-result="ranking"] li')
    assert items.count() == len(given["candidates"])


def test_default_inputs_show_the_worked_examples(page, site_url):
    page.goto(site_url + "calculators/")
    page.wait_for_selector('form.pb-calc[data-calc="scorecard"][data-state="ok"]')
    calc_page = page
    assert value(form(calc_page, "sla"), "leads_per_month") == 1000
    assert value(form(calc_page, "lead-value"), "delivered") == 1200000
    assert value(form(calc_page, "plan1"), "net") == 1400
    assert value(form(calc_page, "plan2"), "commission") == 4500
    assert value(form(calc_page, "plan3"), "at_once") == 1000
    ranking = form(calc_page, "scorecard").locator('[data-result="ranking"] li')
    assert ranking.all_inner_texts() == ["Candidate B: 7.75", "Candidate A: 7.55", "Candidate C: 7.30"]
    assert script_errors(page) == []


def test_bad_input_shows_one_error_and_clears_results(calc_page):
    f = form(calc_page, "sla")
    fill(f, "close_rate", 1.5)
    error = f.locator('[data-role="error"]')
    assert error.inner_text() == "close rate must be a fraction in (0, 1], e.g. 0.05 for 5%: got 1.5"
    assert f.locator('[data-result="leads_per_month"]').inner_text() == "–"
    fill(f, "close_rate", 0.05)
    assert error.is_hidden()
    assert value(f, "leads_per_month") == 1000


@pytest.mark.parametrize(
    ("path", "kinds"),
    [
        ("demand-generation/sla/", ["sla", "lead-value"]),
        ("management/compensation/", ["plan1", "plan2", "plan3"]),
        ("hiring/scorecard/", ["scorecard"]),
    ],
)
def test_topic_pages_initialise_their_calculators(page, site_url, path, kinds):
    page.goto(site_url + path)
    for kind in kinds:
        page.wait_for_selector(f'form.pb-calc[data-calc="{kind}"][data-state="ok"]')
    assert page.locator("form.pb-calc").count() == len(kinds)
    assert script_errors(page) == []


def test_calculators_work_after_instant_navigation(page, site_url):
    page.goto(site_url)
    page.wait_for_load_state("load")
    page.locator('a[href$="calculators/"]').first.click()
    page.wait_for_url("**/calculators/")
    page.wait_for_selector('form.pb-calc[data-calc="sla"][data-state="ok"]')
    f = form(page, "sla")
    fill(f, "marketing_share", 0.8)
    assert value(f, "leads_per_month") == 800
    assert script_errors(page) == []


def test_calculator_page_has_no_console_errors_and_loads_nothing_from_outside(page, site_url):
    page.goto(site_url + "calculators/")
    page.wait_for_selector('form.pb-calc[data-calc="scorecard"][data-state="ok"]')
    page.wait_for_load_state("networkidle")
    assert page.failed_requests == []
    assert page.console_errors == []


def _random_cases(seed=20150101, n=150):
    """Seeded random inputs (with awkward decimals) for the JS/Python cross-check."""
    import random

    rng = random.Random(seed)
    money = lambda: round(rng.uniform(0, 100000), rng.choice([0, 2, 3]))  # noqa: E731
    cases = []
    for _ in range(n):
        cases.append(
            {
                "sla": [money(), round(rng.uniform(1, 5000), 2), round(rng.uniform(0.001, 1), 4),
                        round(rng.uniform(0, 1), 3), rng.randint(0, 300)],
                "plan3": [money(), rng.randint(0, 12), rng.randint(0, 12), rng.choice([1, 1.5, 2, 2.5])],
                "weights": {t: rng.randint(0, 40) + 1 for t in "abcde"},
                "scores": {t: rng.randint(1, 10) for t in "abcde"},
                "round": rng.uniform(-1000, 1000) / rng.choice([1, 3, 7, 100]),
            }
        )
    return cases


def test_javascript_matches_python_on_random_inputs(calc_page):
    from generator import calculators as calc

    cases = _random_cases()
    js = calc_page.evaluate(
        """cases => cases.map(c => {
            const P = window.playbookCalculators;
            return {
              sla: P.slaLeadGoal(...c.sla),
              plan3: P.compPlan3(c.plan3[0], c.plan3[1], c.plan3[2], c.plan3[3]),
              score: P.scorecard(c.weights, [{name: "X", scores: c.scores, index: 0}])[0].score,
              round: P.round2(c.round),
            };
        })""",
        cases,
    )
    for case, got in zip(cases, js, strict=True):
        sla = calc.sla_lead_goal(*case["sla"])
        assert got["sla"] == {k: sla[k] for k in ("customers_needed", "leads_per_month")}, case
        plan3 = calc.comp_plan3(case["plan3"][0], case["plan3"][1], case["plan3"][2], case["plan3"][3])
        assert [got["plan3"][k] for k in ("total", "earned", "at_once")] == [
            plan3[k] for k in ("total", "earned", "at_once")
        ], case
        assert got["score"] == calc.scorecard(case["weights"], [{"name": "X", "scores": case["scores"]}])[0]["score"]
        assert got["round"] == calc.round2(case["round"]), case
