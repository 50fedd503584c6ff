"""CLI commands: the playbook's calculators (``sla``, ``comp plan1|plan2|plan3``, ``scorecard``)."""

from __future__ import annotations

import json

import click


def _json_option(fn):
    return click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")(fn)


def _fmt(value: float) -> str:
    """1,000 for whole numbers, 1,234.50 otherwise."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _emit(result, as_json: bool, lines) -> None:
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(lines(result)))


@click.command()
@click.option("--quota", type=float, help="New-revenue target Q for the period (e.g. new MRR per month).")
@click.option("--deal-size", type=float, help="Average new revenue per customer P.")
@click.option("--close-rate", type=float, help="Lead-to-customer rate r, a fraction in (0, 1].")
@click.option("--marketing-share", type=float, default=1.0, show_default=True, help="Share m of Q marketing owes.")
@click.option("--self-sourced", type=float, default=0, show_default=True, help="Leads S sales sources itself.")
@click.option("--price", type=float, help="Lead-value mode: the segment's average price.")
@click.option("--goal", type=float, help="Lead-value mode: the value marketing owes.")
@click.option("--segment", "segments", multiple=True, metavar="NAME:RATE:LEADS",
              help="Lead-value mode: a buyer state, its conversion rate and its leads (repeatable).")
@_json_option
def sla(quota, deal_size, close_rate, marketing_share, self_sourced, price, goal, segments, as_json):
    """Leads marketing owes sales per month (SLA V1), or the value of its leads (SLA V2).

    \b
    Lead count:  leads = Q × m / P / r − S, rounded up to whole leads.
      playbook sla --quota 40000 --deal-size 800 --close-rate 0.05
    Lead value:  value per lead = rate × price; delivered = Σ leads × value; met if ≥ goal.
      playbook sla --price 10000 --goal 1200000 --segment demo:0.12:600 --segment download:0.04:1200
    """
    from generator import calculators as calc
    from generator.errors import InputError

    if segments:
        if price is None or goal is None:
            raise InputError("lead-value mode (--segment) also needs --price and --goal")
        parsed = [calc.parse_segment(spec) for spec in segments]
        _emit(calc.lead_value(price, parsed, goal), as_json, _lead_value_lines)
        return
    if quota is None or deal_size is None or close_rate is None:
        raise InputError("give --quota, --deal-size and --close-rate (or --segment, --price and --goal)")
    result = calc.sla_lead_goal(quota, deal_size, close_rate, marketing_share, self_sourced)
    _emit(result, as_json, _lead_goal_lines)


def _lead_goal_lines(result):
    yield f"Customers needed: {_fmt(result['customers_needed'])}"
    yield f"Leads per month: {_fmt(result['leads_per_month'])}"


def _lead_value_lines(result):
    for state in result["states"]:
        yield (
            f"{state['name']}: {_fmt(state['leads'])} leads × {_fmt(state['value_per_lead'])} "
            f"= {_fmt(state['value'])}"
        )
    verdict = "met" if result["met"] else f"NOT met (short by {_fmt(result['shortfall'])})"
    yield f"Delivered: {_fmt(result['delivered'])} of {_fmt(result['goal'])}: {verdict}"


@click.group()
def comp():
    """Commission payouts under HubSpot's three compensation plans (Book ch. 8)."""


@comp.command()
@click.option("--deal", "deals", multiple=True, required=True, metavar="MRR[:CHURN_MONTH]",
              help="A closed deal's new MRR, and the month its customer churned if it did (repeatable).")
@click.option("--multiple", type=float, default=2, show_default=True, help="Commission per 1 of MRR.")
@click.option("--clawback-months", type=int, default=4, show_default=True,
              help="Churn in this month or earlier claws the commission back.")
@_json_option
def plan1(deals, multiple, clawback_months, as_json):
    """Plan 1, hunting: multiple × MRR at close, clawed back on early churn.

    \b
      playbook comp plan1 --deal 500 --deal 300:3 --deal 200
    """
    from generator import calculators as calc

    result = calc.comp_plan1([calc.parse_deal(spec) for spec in deals], multiple, clawback_months)
    _emit(result, as_json, _plan1_lines)


def _plan1_lines(result):
    yield f"Commissions: {_fmt(result['commissions'])}"
    yield f"Clawbacks: {_fmt(result['clawbacks'])}"
    yield f"Net: {_fmt(result['net'])}"


@comp.command()
@click.option("--mrr", type=float, required=True, help="The rep's new MRR this period.")
@click.option("--quartile", type=int, help="The rep's churn quartile, 1 = lowest churn.")
@click.option("--rank", type=int, help="Instead of --quartile: churn rank (1 = lowest churn)...")
@click.option("--reps", type=int, help="...among this many reps.")
@_json_option
def plan2(mrr, quartile, rank, reps, as_json):
    """Plan 2, customer success: 4/3/2/1 × MRR by churn quartile.

    \b
      playbook comp plan2 --mrr 1500 --rank 3 --reps 8
    """
    from generator import calculators as calc
    from generator.errors import InputError

    if quartile is None:
        if rank is None or reps is None:
            raise InputError("give --quartile, or --rank and --reps")
        quartile = calc.quartile_for_rank(rank, reps)
    _emit(calc.comp_plan2(mrr, quartile), as_json, _plan2_lines)


def _plan2_lines(result):
    yield f"Quartile: {result['quartile']} (rate {_fmt(result['rate'])})"
    yield f"Commission: {_fmt(result['commission'])}"


@comp.command()
@click.option("--mrr", type=float, required=True, help="The new customer's MRR.")
@click.option("--multiple", type=float, default=2, show_default=True, help="Commission per 1 of MRR.")
@click.option("--payments-made", type=int, help="Monthly payments the customer made (default: all 12).")
@click.option("--prepaid-months", type=int, default=0, show_default=True, help="Months paid up front.")
@_json_option
def plan3(mrr, multiple, payments_made, prepaid_months, as_json):
    """Plan 3, customer commitment: multiple × MRR paid 50/25/25 at payments 1, 6 and 12.

    A prepayment covering a tranche's month pays that tranche at once.

    \b
      playbook comp plan3 --mrr 1000 --payments-made 4
    """
    from generator import calculators as calc

    result = calc.comp_plan3(mrr, payments_made, prepaid_months, multiple)
    _emit(result, as_json, _plan3_lines)


def _plan3_lines(result):
    for tranche in result["schedule"]:
        state = "earned" if tranche["earned"] else "not earned"
        yield (
            f"Payment {tranche['payment']}: {_fmt(tranche['amount'])} "
            f"(paid at payment {tranche['due_at_payment']}, {state})"
        )
    yield f"Paid at once: {_fmt(result['at_once'])}"
    yield f"Earned: {_fmt(result['earned'])} of {_fmt(result['total'])}"


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@_json_option
def scorecard(file, as_json):
    """Rank candidates by weighted interview score: Σ weight × score / Σ weight.

    FILE is CSV or YAML. Scores are whole numbers 1-10; weights are 0 or more.

    \b
    CSV: a header (first cell any label, then one column per trait), one row
    whose first cell is "weight", then one row per candidate:
      candidate,coachability,curiosity,prior success,intelligence,work ethic
      weight,30,20,20,15,15
      Candidate A,8,7,9,6,7
    YAML:
      weights: {coachability: 30, curiosity: 20, ...}
      candidates:
        - {name: Candidate A, scores: {coachability: 8, curiosity: 7, ...}}
    """
    from generator import calculators as calc

    ranking = calc.scorecard(*calc.load_scorecard(file))
    _emit(ranking, as_json, _scorecard_lines)


def _scorecard_lines(ranking):
    for row in ranking:
        yield f"{row['rank']}. {row['name']}: {_fmt(row['score'])}"


COMMANDS = [sla, comp, scorecard]
