/*
 * The browser's copy of budgetschuiver/budget.py, for instant feedback while a
 * resident drags a slider. The server stays the authority and recomputes on submit.
 * tests/vectors/budget_rules.json is checked against both, so they cannot drift.
 * It reads the rule spec built by budget.client_spec(); it has no Dash dependency.
 */
(function (root) {
  "use strict";

  function roundHalfAway(x) {
    var r = Math.floor(Math.abs(x) + 0.5);
    return x < 0 ? -r : r;
  }

  function formatNumber(value, lang) {
    var n = roundHalfAway(value);
    var digits = String(Math.abs(n));
    var sep = lang === "nl" ? "." : ",";
    var out = "";
    while (digits.length > 3) {
      out = sep + digits.slice(-3) + out;
      digits = digits.slice(0, -3);
    }
    return (n < 0 ? "-" : "") + digits + out;
  }

  function formatEuro(value, lang) {
    var number = formatNumber(Math.abs(value), lang);
    var sign = roundHalfAway(value) < 0 ? "-" : "";
    return lang === "nl" ? sign + "€ " + number : sign + "€" + number;
  }

  function fill(text, params) {
    var out = text;
    Object.keys(params).forEach(function (name) {
      out = out.split("{" + name + "}").join(String(params[name]));
    });
    return out;
  }

  function balance(spec, allocation) {
    var result = spec.total;
    spec.lines.forEach(function (line) {
      var value = allocation[line.id];
      result += line.kind === "revenue" ? value : -value;
    });
    return result;
  }

  function planAllocation(spec) {
    var plan = {};
    spec.lines.forEach(function (line) { plan[line.id] = line.plan; });
    return plan;
  }

  function ruleSatisfied(spec, bal) {
    if (spec.rule === "balanced") { return Math.abs(bal) <= spec.tolerance; }
    if (spec.rule === "no_deficit") { return bal >= 0; }
    return true;
  }

  function state(code, amount, ok, tone) {
    return { code: code, amount: amount, ok: ok, tone: tone };
  }

  function balanceState(spec, bal) {
    if (spec.rule === "free") {
      var gap = bal - balance(spec, planAllocation(spec));
      if (gap === 0) { return state("free_exact", 0, true, "ok"); }
      return gap > 0
        ? state("free_surplus", gap, true, "ok")
        : state("free_deficit", -gap, true, "warning");
    }
    if (bal === 0) { return state("exact", 0, true, "ok"); }
    if (Math.abs(bal) <= spec.tolerance) {
      return state(bal > 0 ? "within_surplus" : "within_deficit", Math.abs(bal), true, "ok");
    }
    if (bal > 0 && spec.rule === "no_deficit") {
      return state("surplus_allowed", bal, true, "ok");
    }
    var near = Math.abs(bal) <= spec.total * spec.near_share;
    if (bal > 0) { return state(near ? "near_surplus" : "surplus", bal, false, "warning"); }
    return state(near ? "near_deficit" : "deficit", -bal, false, "danger");
  }

  function balanceMessage(spec, st) {
    return fill(spec.messages["balance." + st.code], {
      amount: formatEuro(st.amount, spec.lang)
    });
  }

  function consequence(spec, line, value) {
    var rule = line.consequence;
    if (!rule) { return ""; }
    if (rule.level_text) {
      return fill(rule.level_text, {
        value: formatNumber(value / rule.unit_cost, spec.lang),
        plan: formatNumber(line.plan / rule.unit_cost, spec.lang)
      });
    }
    var count = roundHalfAway(Math.abs(value - line.plan) / rule.unit_cost);
    if (count === 0) { return spec.messages["consequence.same"]; }
    var key = value > line.plan ? "consequence.more" : "consequence.fewer";
    return fill(spec.messages[key], {
      count: formatNumber(count, spec.lang),
      unit: count === 1 ? rule.one : rule.many
    });
  }

  function thresholdText(line, value) {
    var text = "";
    line.thresholds.forEach(function (level) {
      if (value >= level.at_least) { text = level.text; }
    });
    return text;
  }

  function personalImpact(spec, allocation, woz) {
    var tax = spec.tax;
    if (!tax) { return 0; }
    var w = Number(woz);
    w = isFinite(w) ? Math.max(0, w) : 0;
    var impact = 0;
    spec.lines.forEach(function (line) {
      var delta = allocation[line.id] - line.plan;
      if (line.personal === "woz") {
        impact += delta * w / tax.woz_total;
      } else if (line.personal === "household") {
        impact += delta / tax.households;
      }
    });
    if (spec.rule === "free") {
      var gap = balance(spec, allocation) - balance(spec, planAllocation(spec));
      impact -= gap * w / tax.woz_total;
    }
    return impact;
  }

  function taxMessage(spec, impact) {
    var rounded = roundHalfAway(impact);
    if (rounded === 0) { return spec.messages["tax.same"]; }
    var key = rounded > 0 ? "tax.more" : "tax.less";
    return fill(spec.messages[key], { amount: formatEuro(Math.abs(rounded), spec.lang) });
  }

  function top(line) {
    return line.max;
  }

  function snap(line, value) {
    var v = Number(value);
    if (value === null || value === "" || !isFinite(v)) { return null; }
    var k = roundHalfAway((v - line.min) / line.step);
    return Math.min(Math.max(line.min + k * line.step, line.min), top(line));
  }

  function encodeShare(spec, allocation) {
    var parts = [];
    spec.lines.forEach(function (line) {
      var value = allocation[line.id];
      if (value !== line.plan) {
        parts.push(line.id + ":" + Math.floor((value - line.min) / line.step).toString(36));
      }
    });
    return parts.join(",");
  }

  root.BudgetRules = {
    roundHalfAway: roundHalfAway,
    formatNumber: formatNumber,
    formatEuro: formatEuro,
    fill: fill,
    balance: balance,
    ruleSatisfied: ruleSatisfied,
    balanceState: balanceState,
    balanceMessage: balanceMessage,
    consequence: consequence,
    thresholdText: thresholdText,
    personalImpact: personalImpact,
    taxMessage: taxMessage,
    snap: snap,
    encodeShare: encodeShare,
    planAllocation: planAllocation
  };
})(typeof window !== "undefined" ? window : globalThis);
