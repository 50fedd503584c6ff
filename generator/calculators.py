"""The playbook's calculators: SLA lead goal, lead value, the three comp plans, the hiring scorecard.

Pure functions over plain numbers, lists and dicts; every result is a JSON-ready dict or list.
Formulas follow ``playbook-facts.md`` ("Calculators"); ``content/javascripts/calculators.js``
implements the same formulas and rounding for the site.

Rounding: money, customers and scores are rounded half away from zero to 2 decimals after
removing float noise (the value is first rounded to 9 decimals); leads are whole leads, rounded
up. Bad input raises :class:`generator.errors.InputError` with one line naming the value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real
from pathlib import Path

from generator.errors import InputError

PLAN2_RATES = {1: 4, 2: 3, 3: 2, 4: 1}
PLAN3_TRANCHES = ((1, 0.50), (6, 0.25), (12, 0.25))
SCORE_MIN, SCORE_MAX = 1, 10


# --- helpers -----------------------------------------------------------------------------------


def round2(value: float) -> float:
    """Round half away from zero to 2 decimals, after dropping float noise past 9 decimals."""
    exact = Decimal(f"{value:.9f}").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(exact) + 0.0  # + 0.0 turns -0.0 into 0.0


def whole_up(value: float) -> int:
    """Round up to a whole number, after dropping float noise past 9 decimals."""
    return math.ceil(float(f"{value:.9f}"))


def _show(value) -> str:
    """A value as the user typed it: 5.0 shows as 5."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise InputError(f"{what} must be a number: got {_show(value)}")
    return float(value)


def _positive(value, what: str) -> float:
    number = _number(value, what)
    if number <= 0:
        raise InputError(f"{what} must be greater than 0: got {_show(value)}")
    return number


def _non_negative(value, what: str) -> float:
    number = _number(value, what)
    if number < 0:
        raise InputError(f"{what} must be 0 or more: got {_show(value)}")
    return number


def _rate(value, what: str, allow_zero: bool = False) -> float:
    number = _number(value, what)
    low_ok = number >= 0 if allow_zero else number > 0
    if not (low_ok and number <= 1):
        interval = "[0, 1]" if allow_zero else "(0, 1]"
        raise InputError(f"{what} must be a fraction in {interval}, e.g. 0.05 for 5%: got {_show(value)}")
    return number


def _whole(value, what: str, minimum: int = 0) -> int:
    number = _number(value, what)
    if number != int(number) or number < minimum:
        raise InputError(f"{what} must be a whole number of at least {minimum}: got {_show(value)}")
    return int(number)


# --- SLA -------------------------------------------------------------------------------------


def sla_lead_goal(quota, deal_size, close_rate, marketing_share=1.0, self_sourced=0) -> dict:
    """Leads marketing owes per month: ``Q × m / P / r − S`` (never below 0)."""
    q = _non_negative(quota, "quota")
    p = _positive(deal_size, "deal size")
    r = _rate(close_rate, "close rate")
    m = _rate(marketing_share, "marketing share", allow_zero=True)
    s = _non_negative(self_sourced, "self-sourced leads")
    customers = q * m / p
    return {
        "quota": q,
        "deal_size": p,
        "close_rate": r,
        "marketing_share": m,
        "self_sourced": s,
        "customers_needed": round2(customers),
        "leads_per_month": max(0, whole_up(customers / r - s)),
    }


def lead_value(price, segments: Sequence[Mapping], goal) -> dict:
    """Value per lead by buyer state (rate × price), the value delivered, and whether it meets goal."""
    p = _positive(price, "price")
    g = _non_negative(goal, "goal")
    if not segments:
        raise InputError("lead value needs at least one segment (name, rate, leads)")
    states = [_lead_state(p, segment) for segment in segments]
    delivered = round2(sum(state["value"] for state in states))
    return {
        "price": p,
        "goal": g,
        "states": states,
        "delivered": delivered,
        "met": delivered >= g,
        "shortfall": round2(max(0.0, g - delivered)),
    }


def _lead_state(price: float, segment: Mapping) -> dict:
    name = str(segment.get("name", "")).strip()
    if not name:
        raise InputError(f"each lead-value segment needs a name: got {dict(segment)!r}")
    rate = _rate(segment.get("rate"), f"rate of segment {name!r}", allow_zero=True)
    leads = _whole(segment.get("leads", 0), f"leads of segment {name!r}")
    per_lead = rate * price
    return {
        "name": name,
        "rate": rate,
        "leads": leads,
        "value_per_lead": round2(per_lead),
        "value": round2(per_lead * leads),
    }


def do_not_be_on_it(hours_since_conversion, calls, days_in_cycle=0) -> dict:
    """The "Do Not Be on It" floor: uncalled after 24 h, or 14+ days old with fewer than 5 calls."""
    hours = _non_negative(hours_since_conversion, "hours since conversion")
    n_calls = _whole(calls, "calls")
    days = _non_negative(days_in_cycle, "days in cycle")
    reasons = []
    if n_calls == 0 and hours > 24:
        reasons.append("not called within 24 hours")
    if days >= 14 and n_calls < 5:
        reasons.append("14+ days in the cycle with fewer than 5 calls")
    return {"flagged": bool(reasons), "reasons": reasons}


# --- compensation ----------------------------------------------------------------------------


def comp_plan1(deals: Sequence[Mapping], multiple=2, clawback_months=4) -> dict:
    """Plan 1 (hunting): ``multiple × MRR`` at close, clawed back if churn month ≤ clawback window."""
    k = _positive(multiple, "multiple")
    window = _whole(clawback_months, "clawback months")
    rows = [_plan1_deal(k, window, i, deal) for i, deal in enumerate(deals, start=1)]
    commissions = round2(sum(row["commission"] for row in rows))
    clawbacks = round2(sum(row["clawback"] for row in rows))
    return {
        "multiple": k,
        "clawback_months": window,
        "deals": rows,
        "commissions": commissions,
        "clawbacks": clawbacks,
        "net": round2(commissions + clawbacks),
    }


def _plan1_deal(multiple: float, window: int, index: int, deal: Mapping) -> dict:
    mrr = _non_negative(deal.get("mrr"), f"MRR of deal {index}")
    churn = deal.get("churn_month")
    if churn is not None:
        churn = _whole(churn, f"churn month of deal {index}", minimum=1)
    commission = round2(multiple * mrr)
    clawed = churn is not None and churn <= window
    return {
        "mrr": mrr,
        "churn_month": churn,
        "commission": commission,
        "clawback": -commission if clawed else 0.0,
    }


def quartile_for_rank(rank, n_reps) -> int:
    """Churn quartile (1 = lowest churn) of the rep ranked ``rank`` of ``n_reps``: ceil(4·rank/n)."""
    n = _whole(n_reps, "number of reps", minimum=1)
    position = _whole(rank, "rank", minimum=1)
    if position > n:
        raise InputError(f"rank must be between 1 and the number of reps ({n}): got {_show(rank)}")
    return math.ceil(4 * position / n)


def comp_plan2(mrr, quartile, rates: Mapping[int, float] | None = None) -> dict:
    """Plan 2 (customer success): the rep's churn quartile sets the multiple (4/3/2/1 × MRR)."""
    table = dict(PLAN2_RATES if rates is None else rates)
    value = _non_negative(mrr, "MRR")
    q = _whole(quartile, "quartile", minimum=1)
    if q not in table:
        raise InputError(f"quartile must be one of {sorted(table)}: got {_show(quartile)}")
    rate = _non_negative(table[q], f"rate of quartile {q}")
    return {"mrr": value, "quartile": q, "rate": rate, "commission": round2(rate * value)}


def comp_plan3(mrr, payments_made=None, prepaid_months=0, multiple=2) -> dict:
    """Plan 3 (commitment): ``multiple × MRR`` paid 50/25/25 at payments 1/6/12.

    A prepayment covering a tranche's month pays that tranche at once (payment 1);
    ``payments_made`` (default: all) limits ``earned`` to tranches already reached.
    """
    value = _non_negative(mrr, "MRR")
    k = _positive(multiple, "multiple")
    prepaid = _whole(prepaid_months, "prepaid months")
    reached = None if payments_made is None else _whole(payments_made, "payments made")
    total = round2(k * value)
    schedule = [_plan3_tranche(total, month, share, prepaid, reached) for month, share in PLAN3_TRANCHES]
    return {
        "mrr": value,
        "total": total,
        "prepaid_months": prepaid,
        "payments_made": reached,
        "schedule": schedule,
        "earned": round2(sum(t["amount"] for t in schedule if t["earned"])),
        "at_once": round2(sum(t["amount"] for t in schedule if t["due_at_payment"] == 1)),
    }


def _plan3_tranche(total: float, month: int, share: float, prepaid: int, reached) -> dict:
    covered = max(prepaid, reached if reached is not None else 12)
    return {
        "payment": month,
        "share": share,
        "amount": round2(total * share),
        "due_at_payment": 1 if month <= prepaid else month,
        "earned": month <= covered,
    }


# --- hiring scorecard ------------------------------------------------------------------------


def scorecard(weights: Mapping[str, float], candidates: Sequence[Mapping]) -> list[dict]:
    """Weighted score Σw·s/Σw per candidate (scores 1-10), ranked best first, ties by name."""
    w = _weights(weights)
    if not candidates:
        raise InputError("the scorecard has no candidates: add at least one")
    rows = [_candidate_score(w, candidate) for candidate in candidates]
    rows.sort(key=lambda row: (-row["score"], row["name"]))
    return [{"rank": i, **row} for i, row in enumerate(rows, start=1)]


def _weights(weights: Mapping[str, float]) -> dict[str, float]:
    if not weights:
        raise InputError("the scorecard has no weights: give one weight per trait")
    clean = {str(trait): _non_negative(w, f"weight of {trait!r}") for trait, w in weights.items()}
    if sum(clean.values()) <= 0:
        raise InputError("the scorecard weights add up to 0: give at least one trait a weight above 0")
    return clean


def _candidate_score(weights: dict[str, float], candidate: Mapping) -> dict:
    name = str(candidate.get("name", "")).strip()
    if not name:
        raise InputError(f"a scorecard candidate has no name: {dict(candidate)!r}")
    scores = candidate.get("scores") or {}
    missing = sorted(set(weights) - set(scores))
    if missing:
        raise InputError(f"candidate {name!r} has no score for {', '.join(missing)}: score every trait 1-10")
    clean = {trait: _score(name, trait, scores[trait]) for trait in weights}
    total = sum(weights[t] * clean[t] for t in weights) / sum(weights.values())
    return {"name": name, "score": round2(total), "scores": clean}


def _score(name: str, trait: str, value) -> int:
    bad = isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value)
    bad = bad or value != int(value)
    if bad or not SCORE_MIN <= value <= SCORE_MAX:
        raise InputError(
            f"candidate {name!r} has score {_show(value)} for {trait!r}: use a whole number from 1 to 10"
        )
    return int(value)


def load_scorecard(path) -> tuple[dict[str, float], list[dict]]:
    """Read weights and candidates from a CSV or YAML file (see ``playbook scorecard --help``)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: scorecard file not found; pass a .csv or .yml file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _scorecard_csv(path)
    if suffix in (".yml", ".yaml"):
        return _scorecard_yaml(path)
    raise InputError(f"{path}: unknown scorecard format {suffix or '(none)'!r}; use .csv, .yml or .yaml")


def _scorecard_csv(path: Path) -> tuple[dict[str, float], list[dict]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise InputError(f"{path}: expected a header row, a 'weight' row and candidate rows")
    traits = [cell.strip() for cell in rows[0][1:]]
    weights, candidates = None, []
    for line, row in enumerate(rows[1:], start=2):
        cells = [_csv_number(path, line, cell) for cell in row[1 : len(traits) + 1]]
        if len(cells) != len(traits):
            raise InputError(f"{path}:{line}: expected {len(traits)} values after the name, got {len(cells)}")
        if row[0].strip().lower() == "weight":
            weights = dict(zip(traits, cells, strict=True))
        else:
            candidates.append({"name": row[0].strip(), "scores": dict(zip(traits, cells, strict=True))})
    if weights is None:
        raise InputError(f"{path}: no 'weight' row; add a row whose first cell is weight")
    return weights, candidates


def _csv_number(path: Path, line: int, cell: str) -> float:
    try:
        return float(cell)
    except ValueError:
        raise InputError(f"{path}:{line}: {cell.strip()!r} is not a number") from None


def _scorecard_yaml(path: Path) -> tuple[dict[str, float], list[dict]]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: invalid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise InputError(f"{path}: expected a mapping with 'weights' (trait: weight) and 'candidates'")
    candidates = data.get("candidates") or []
    if not isinstance(candidates, list) or not all(isinstance(c, dict) for c in candidates):
        raise InputError(f"{path}: 'candidates' must be a list of {{name, scores}} mappings")
    return data["weights"], candidates


# --- command-line specs ----------------------------------------------------------------------


def parse_segment(spec: str) -> dict:
    """``NAME:RATE:LEADS`` (e.g. ``demo:0.12:600``) → a lead-value segment."""
    parts = spec.rsplit(":", 2)
    if len(parts) != 3 or not parts[0].strip():
        raise InputError(f"segment {spec!r} must look like NAME:RATE:LEADS, e.g. demo:0.12:600")
    name, rate, leads = parts
    return {"name": name.strip(), "rate": _spec_number(spec, rate), "leads": _spec_number(spec, leads)}


def parse_deal(spec: str) -> dict:
    """``MRR[:CHURN_MONTH]`` (e.g. ``300:3``) → a plan-1 deal."""
    mrr, _, churn = spec.partition(":")
    return {"mrr": _spec_number(spec, mrr), "churn_month": _spec_number(spec, churn) if churn else None}


def _spec_number(spec: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{text.strip()!r} in {spec!r} is not a number") from None
