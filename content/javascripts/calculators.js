/* The playbook's in-page calculators: plain JavaScript, no dependencies, works offline.
 *
 * Every <form class="pb-calc" data-calc="KIND"> on the page is initialised once and recomputed on
 * each input. KIND is one of: sla, lead-value, plan1, plan2, plan3, scorecard. Results go into
 * <output data-result="NAME"> elements (text formatted, raw number in data-value); a problem goes
 * into the form's [data-role="error"] element. Formulas and rounding match generator/calculators.py:
 * money, customers and scores are rounded half away from zero to 2 decimals (after dropping float
 * noise past 9 decimals); leads are whole leads, rounded up.
 *
 * With Material's instant navigation the page body is swapped without a reload, so initialisation
 * runs on every document$ emission when document$ exists, else once on DOMContentLoaded.
 */
(function () {
  "use strict";

  var PLAN2_RATES = { 1: 4, 2: 3, 3: 2, 4: 1 };
  var PLAN3_TRANCHES = [[1, 0.5], [6, 0.25], [12, 0.25]];

  function InputError(message) {
    this.message = message;
  }

  // --- rounding and formatting -------------------------------------------------------------

  function round2(x) {
    var clean = Number(x.toFixed(9));
    var sign = clean < 0 ? -1 : 1;
    var scaled = Number((Math.abs(clean) * 100).toFixed(6));
    return (sign * Math.round(scaled)) / 100 + 0;
  }

  function wholeUp(x) {
    return Math.ceil(Number(x.toFixed(9)));
  }

  function fmt(x) {
    var whole = Number.isInteger(x);
    return x.toLocaleString("en-US", {
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    });
  }

  function show(x) {
    return String(x);
  }

  // --- validation (same rules and messages as the Python library) ---------------------------

  function number(value, what) {
    if (typeof value !== "number" || !isFinite(value)) {
      throw new InputError(what + " must be a number");
    }
    return value;
  }

  function positive(value, what) {
    if (number(value, what) <= 0) throw new InputError(what + " must be greater than 0: got " + show(value));
    return value;
  }

  function nonNegative(value, what) {
    if (number(value, what) < 0) throw new InputError(what + " must be 0 or more: got " + show(value));
    return value;
  }

  function rate(value, what, allowZero) {
    number(value, what);
    var lowOk = allowZero ? value >= 0 : value > 0;
    if (!(lowOk && value <= 1)) {
      var interval = allowZero ? "[0, 1]" : "(0, 1]";
      throw new InputError(what + " must be a fraction in " + interval + ", e.g. 0.05 for 5%: got " + show(value));
    }
    return value;
  }

  function whole(value, what, minimum) {
    minimum = minimum || 0;
    number(value, what);
    if (!Number.isInteger(value) || value < minimum) {
      throw new InputError(what + " must be a whole number of at least " + minimum + ": got " + show(value));
    }
    return value;
  }

  // --- formulas ----------------------------------------------------------------------------

  function slaLeadGoal(q, p, r, m, s) {
    nonNegative(q, "quota");
    positive(p, "deal size");
    rate(r, "close rate", false);
    rate(m, "marketing share", true);
    nonNegative(s, "self-sourced leads");
    var customers = (q * m) / p;
    return {
      customers_needed: round2(customers),
      leads_per_month: Math.max(0, wholeUp(customers / r - s)),
    };
  }

  function leadValue(price, segments, goal) {
    positive(price, "price");
    nonNegative(goal, "goal");
    if (!segments.length) throw new InputError("lead value needs at least one segment (name, rate, leads)");
    var states = segments.map(function (seg) {
      if (!seg.name) throw new InputError("each lead-value segment needs a name");
      rate(seg.rate, "rate of segment '" + seg.name + "'", true);
      whole(seg.leads, "leads of segment '" + seg.name + "'", 0);
      var perLead = seg.rate * price;
      return { name: seg.name, value_per_lead: round2(perLead), value: round2(perLead * seg.leads) };
    });
    var delivered = round2(states.reduce(function (sum, s) { return sum + s.value; }, 0));
    return {
      states: states,
      delivered: delivered,
      met: delivered >= goal,
      shortfall: round2(Math.max(0, goal - delivered)),
    };
  }

  function compPlan1(deals, multiple, window) {
    positive(multiple, "multiple");
    whole(window, "clawback months", 0);
    var commissions = 0;
    var clawbacks = 0;
    deals.forEach(function (deal, i) {
      nonNegative(deal.mrr, "MRR of deal " + (i + 1));
      if (deal.churn_month !== null) whole(deal.churn_month, "churn month of deal " + (i + 1), 1);
      var commission = round2(multiple * deal.mrr);
      commissions += commission;
      if (deal.churn_month !== null && deal.churn_month <= window) clawbacks -= commission;
    });
    commissions = round2(commissions);
    clawbacks = round2(clawbacks);
    return { commissions: commissions, clawbacks: clawbacks, net: round2(commissions + clawbacks) };
  }

  function quartileForRank(rank, reps) {
    whole(reps, "number of reps", 1);
    whole(rank, "rank", 1);
    if (rank > reps) {
      throw new InputError("rank must be between 1 and the number of reps (" + reps + "): got " + show(rank));
    }
    return Math.ceil((4 * rank) / reps);
  }

  function compPlan2(mrr, quartile) {
    nonNegative(mrr, "MRR");
    var r = PLAN2_RATES[quartile];
    return { quartile: quartile, rate: r, commission: round2(r * mrr) };
  }

  function compPlan3(mrr, paymentsMade, prepaid, multiple) {
    nonNegative(mrr, "MRR");
    positive(multiple, "multiple");
    whole(prepaid, "prepaid months", 0);
    whole(paymentsMade, "payments made", 0);
    var total = round2(multiple * mrr);
    var covered = Math.max(prepaid, paymentsMade);
    var schedule = PLAN3_TRANCHES.map(function (t) {
      return {
        payment: t[0],
        amount: round2(total * t[1]),
        due_at_payment: t[0] <= prepaid ? 1 : t[0],
        earned: t[0] <= covered,
      };
    });
    var sum = function (pick) {
      return round2(schedule.filter(pick).reduce(function (s, t) { return s + t.amount; }, 0));
    };
    return {
      total: total,
      schedule: schedule,
      earned: sum(function (t) { return t.earned; }),
      at_once: sum(function (t) { return t.due_at_payment === 1; }),
    };
  }

  function scorecard(weights, candidates) {
    var traits = Object.keys(weights);
    var totalWeight = 0;
    traits.forEach(function (t) {
      nonNegative(weights[t], "weight of '" + t + "'");
      totalWeight += weights[t];
    });
    if (totalWeight <= 0) {
      throw new InputError("the scorecard weights add up to 0: give at least one trait a weight above 0");
    }
    if (!candidates.length) throw new InputError("the scorecard has no candidates: add at least one");
    var rows = candidates.map(function (c) {
      if (!c.name) throw new InputError("a scorecard candidate has no name");
      var sum = 0;
      traits.forEach(function (t) {
        var s = c.scores[t];
        if (typeof s !== "number" || !Number.isInteger(s) || s < 1 || s > 10) {
          throw new InputError("candidate '" + c.name + "' has score " + (isNaN(s) ? "(empty)" : show(s)) +
            " for '" + t + "': use a whole number from 1 to 10");
        }
        sum += weights[t] * s;
      });
      return { name: c.name, score: round2(sum / totalWeight), index: c.index };
    });
    rows.sort(function (a, b) {
      if (a.score !== b.score) return b.score - a.score;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
    rows.forEach(function (row, i) { row.rank = i + 1; });
    return rows;
  }

  // --- reading forms and writing results ----------------------------------------------------

  function num(root, name) {
    var el = root.querySelector('[name="' + name + '"]');
    var text = el ? el.value.trim() : "";
    return text === "" ? NaN : Number(text);
  }

  function text(root, name) {
    var el = root.querySelector('[name="' + name + '"]');
    return el ? el.value.trim() : "";
  }

  function put(root, name, value, label) {
    var el = root.querySelector('[data-result="' + name + '"]');
    if (!el) return;
    el.dataset.value = String(value);
    el.textContent = label !== undefined ? label : fmt(value);
  }

  function clearResults(form) {
    form.querySelectorAll("[data-result]").forEach(function (el) {
      el.textContent = "–";
      delete el.dataset.value;
    });
  }

  function requireNumber(value, what) {
    if (isNaN(value)) throw new InputError(what + " is empty: enter a number");
    return value;
  }

  var KINDS = {
    sla: function (form) {
      var result = slaLeadGoal(
        requireNumber(num(form, "quota"), "quota"),
        requireNumber(num(form, "deal_size"), "deal size"),
        requireNumber(num(form, "close_rate"), "close rate"),
        isNaN(num(form, "marketing_share")) ? 1 : num(form, "marketing_share"),
        isNaN(num(form, "self_sourced")) ? 0 : num(form, "self_sourced")
      );
      put(form, "customers_needed", result.customers_needed);
      put(form, "leads_per_month", result.leads_per_month);
    },

    "lead-value": function (form) {
      var rows = Array.prototype.slice.call(form.querySelectorAll("[data-segment]"));
      var used = rows.filter(function (row) { return text(row, "segment_name") !== ""; });
      var segments = used.map(function (row) {
        var name = text(row, "segment_name");
        return {
          name: name,
          rate: requireNumber(num(row, "segment_rate"), "rate of segment '" + name + "'"),
          leads: isNaN(num(row, "segment_leads")) ? 0 : num(row, "segment_leads"),
        };
      });
      var result = leadValue(
        requireNumber(num(form, "price"), "price"),
        segments,
        requireNumber(num(form, "goal"), "goal")
      );
      used.forEach(function (row, i) {
        put(row, "value_per_lead", result.states[i].value_per_lead);
        put(row, "value", result.states[i].value);
      });
      put(form, "delivered", result.delivered);
      put(form, "shortfall", result.shortfall);
      var met = form.querySelector('[data-result="met"]');
      met.dataset.value = String(result.met);
      met.textContent = result.met ? "SLA met" : "SLA not met";
    },

    plan1: function (form) {
      var deals = [];
      form.querySelectorAll("[data-deal]").forEach(function (row) {
        var mrr = num(row, "mrr");
        if (isNaN(mrr)) return;
        var churn = num(row, "churn_month");
        deals.push({ mrr: mrr, churn_month: isNaN(churn) ? null : churn });
      });
      var result = compPlan1(
        deals,
        requireNumber(num(form, "multiple"), "multiple"),
        requireNumber(num(form, "clawback_months"), "clawback months")
      );
      put(form, "commissions", result.commissions);
      put(form, "clawbacks", result.clawbacks);
      put(form, "net", result.net);
    },

    plan2: function (form) {
      var quartile = quartileForRank(
        requireNumber(num(form, "rank"), "rank"),
        requireNumber(num(form, "reps"), "number of reps")
      );
      var result = compPlan2(requireNumber(num(form, "mrr"), "MRR"), quartile);
      put(form, "quartile", result.quartile);
      put(form, "rate", result.rate);
      put(form, "commission", result.commission);
    },

    plan3: function (form) {
      var result = compPlan3(
        requireNumber(num(form, "mrr"), "MRR"),
        isNaN(num(form, "payments_made")) ? 12 : num(form, "payments_made"),
        isNaN(num(form, "prepaid_months")) ? 0 : num(form, "prepaid_months"),
        requireNumber(num(form, "multiple"), "multiple")
      );
      result.schedule.forEach(function (t) {
        put(form, "amount-" + t.payment, t.amount);
        put(form, "due-" + t.payment, t.due_at_payment, "payment " + t.due_at_payment);
        put(form, "earned-" + t.payment, t.earned, t.earned ? "earned" : "not earned");
      });
      put(form, "total", result.total);
      put(form, "at_once", result.at_once);
      put(form, "earned", result.earned);
    },

    scorecard: function (form) {
      var weights = {};
      form.querySelectorAll('[name="weight"]').forEach(function (el) {
        var trait = el.dataset.trait;
        weights[trait] = requireNumber(el.value.trim() === "" ? NaN : Number(el.value), "weight of '" + trait + "'");
      });
      var candidates = [];
      form.querySelectorAll('[name="candidate"]').forEach(function (el) {
        var index = el.dataset.candidate;
        var name = el.value.trim();
        if (!name) return;
        var scores = {};
        form.querySelectorAll('[name="score"][data-candidate="' + index + '"]').forEach(function (s) {
          scores[s.dataset.trait] = s.value.trim() === "" ? NaN : Number(s.value);
        });
        candidates.push({ name: name, scores: scores, index: index });
      });
      var ranking = scorecard(weights, candidates);
      var list = form.querySelector('[data-result="ranking"]');
      list.textContent = "";
      ranking.forEach(function (row) {
        put(form, "score-" + row.index, row.score);
        put(form, "rank-" + row.index, row.rank);
        var item = document.createElement("li");
        item.dataset.name = row.name;
        item.dataset.score = String(row.score);
        item.textContent = row.name + ": " + fmt(row.score);
        list.appendChild(item);
      });
    },
  };

  function compute(form) {
    var error = form.querySelector('[data-role="error"]');
    try {
      clearResults(form);
      KINDS[form.dataset.calc](form);
      if (error) { error.textContent = ""; error.hidden = true; }
      form.dataset.state = "ok";
    } catch (exc) {
      if (!(exc instanceof InputError)) throw exc;
      clearResults(form);
      if (error) { error.textContent = exc.message; error.hidden = false; }
      form.dataset.state = "error";
    }
  }

  function init(form) {
    if (form.dataset.pbReady || !KINDS[form.dataset.calc]) return;
    form.dataset.pbReady = "1";
    form.addEventListener("input", function () { compute(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); compute(form); });
    compute(form);
  }

  var STYLE = [
    ".pb-calc{border:1px solid var(--md-default-fg-color--lightest,#ccc);border-radius:.2rem;padding:.6rem .8rem;margin:1em 0}",
    ".pb-calc fieldset{border:0;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.4rem .8rem}",
    ".pb-calc legend{font-weight:700;margin-bottom:.4rem}",
    ".pb-calc label{display:flex;flex-direction:column;font-size:.75rem}",
    ".pb-calc input{font:inherit;padding:.2rem .3rem;border:1px solid var(--md-default-fg-color--lighter,#999);border-radius:.1rem;background:var(--md-default-bg-color,#fff);color:var(--md-default-fg-color,#000);min-width:0}",
    ".pb-calc table input{width:100%}",
    ".pb-calc output{font-weight:700}",
    ".pb-calc [data-role=error]{color:var(--md-accent-fg-color,#c00);font-weight:700}",
  ].join("\n");

  function addStyle() {
    if (document.getElementById("pb-calc-style")) return;
    var style = document.createElement("style");
    style.id = "pb-calc-style";
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

  function initAll() {
    var forms = document.querySelectorAll("form.pb-calc");
    if (forms.length) addStyle();
    forms.forEach(init);
  }

  window.playbookCalculators = {
    slaLeadGoal: slaLeadGoal,
    leadValue: leadValue,
    compPlan1: compPlan1,
    quartileForRank: quartileForRank,
    compPlan2: compPlan2,
    compPlan3: compPlan3,
    scorecard: scorecard,
    round2: round2,
    initAll: initAll,
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
