/*
 * The browser's copy of budgetschuiver/budgets/rules.py, for instant feedback while a
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
      var shown = formatNumber(value / rule.unit_cost, spec.lang);
      var planned = formatNumber(line.plan / rule.unit_cost, spec.lang);
      if (shown !== planned) {
        return fill(rule.level_text, { value: shown, plan: planned });
      }
      if (rule.level_text_at_plan) {
        return fill(rule.level_text_at_plan, { value: shown });
      }
      return spec.messages["consequence.same"];
    }
    if (value === line.plan) { return spec.messages["consequence.same"]; }
    var count = roundHalfAway(Math.abs(value - line.plan) / rule.unit_cost);
    var more = value > line.plan;
    if (count === 0) {
      return fill(spec.messages[more ? "consequence.part_more" : "consequence.part_fewer"],
        { unit: rule.one });
    }
    return fill(spec.messages[more ? "consequence.more" : "consequence.fewer"], {
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

  // Typed amounts: the same rule as budget.parse_amount / read_amount.
  var SPACES = /[\s\u00a0\u202f\u2009]+/g;
  var HAS_SPACE = /[\s\u00a0\u202f\u2009]/;
  var CURRENCY = /^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$/gi;
  var NO_CENTS = /[.,]-{1,2}$/;
  var MULTIPLIERS = [
    [/\s*(?:mld|miljard|billion|bn)$/i, 1e9],
    [/\s*(?:mln|miljoen|million|m)$/i, 1e6],
    [/\s*(?:k|duizend|thousand)$/i, 1e3]
  ];
  var GROUPED = /^[0-9]{1,3}(?:[.,][0-9]{3})*$/;
  var DIGITS = /^[0-9]+$/;
  var MAX_TYPED_CHARS = 40;

  function number(whole, fraction, multiplier, sign) {
    if (!DIGITS.test(whole) || (fraction && !DIGITS.test(fraction))) { return null; }
    var value = sign * parseFloat(whole + "." + (fraction || "0")) * multiplier;
    return Math.abs(value) <= 1e15 ? value : null;
  }

  function parseAmount(text) {
    if (typeof text !== "string" || text.length > MAX_TYPED_CHARS) { return null; }
    var rest = text.split("\u2212").join("-").trim();
    var sign = 1;
    if (rest.charAt(0) === "-") { sign = -1; rest = rest.slice(1).trim(); }
    rest = rest.replace(CURRENCY, "").trim().replace(NO_CENTS, "").trim();
    if (rest.charAt(0) === "-" && sign === 1) { sign = -1; rest = rest.slice(1).trim(); }
    var multiplier = 1;
    for (var i = 0; i < MULTIPLIERS.length; i++) {
      if (MULTIPLIERS[i][0].test(rest)) {
        multiplier = MULTIPLIERS[i][1];
        rest = rest.replace(MULTIPLIERS[i][0], "");
        break;
      }
    }
    var groupedBySpace = HAS_SPACE.test(rest);
    rest = rest.trim().replace(SPACES, " ");
    if (groupedBySpace) {
      if (!/^[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?$/.test(rest)) { return null; }
      rest = rest.split(" ").join("");
      var cut = rest.indexOf(rest.indexOf(",") >= 0 ? "," : ".");
      var head0 = cut < 0 ? rest : rest.slice(0, cut);
      var tail0 = cut < 0 ? "" : rest.slice(cut + 1);
      return DIGITS.test(head0) ? number(head0, tail0, multiplier, sign) : null;
    }
    if (!/^[0-9][0-9.,]*$/.test(rest) || ".,".indexOf(rest.charAt(rest.length - 1)) >= 0) {
      return null;
    }
    var last = Math.max(rest.lastIndexOf("."), rest.lastIndexOf(","));
    if (last < 0) { return number(rest, "", multiplier, sign); }
    var decimalSep = rest.charAt(last);
    var other = decimalSep === "." ? "," : ".";
    var head = rest.slice(0, last);
    var tail = rest.slice(last + 1);
    var decimal;
    if (rest.indexOf(other) >= 0) {
      decimal = true;
    } else if (rest.split(decimalSep).length - 1 > 1) {
      decimal = false;
    } else {
      decimal = multiplier !== 1 || tail.length !== 3;
    }
    if (!decimal) {
      return GROUPED.test(rest)
        ? number(rest.split(decimalSep).join(""), "", multiplier, sign)
        : null;
    }
    if (head.indexOf(decimalSep) >= 0 || !(DIGITS.test(head) || GROUPED.test(head))) {
      return null;
    }
    return number(head.split(other).join(""), tail, multiplier, sign);
  }

  function readAmount(line, text) {
    var value = parseAmount(text);
    if (value === null) { return { value: null, code: "unreadable" }; }
    if (value < line.min) { return { value: line.min, code: "at_min" }; }
    if (value > top(line)) { return { value: top(line), code: "at_max" }; }
    var snapped = snap(line, value);
    return { value: snapped, code: snapped === value ? "ok" : "rounded" };
  }

  function amountMessage(spec, line, reading, current) {
    if (reading.code === "ok") { return ""; }
    return fill(spec.messages["amount." + reading.code], {
      amount: formatEuro(reading.value === null ? current : reading.value, spec.lang),
      step: formatEuro(line.step, spec.lang),
      example: formatNumber(line.plan, spec.lang)
    });
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
    parseAmount: parseAmount,
    readAmount: readAmount,
    amountMessage: amountMessage,
    encodeShare: encodeShare,
    planAllocation: planAllocation
  };
})(typeof window !== "undefined" ? window : globalThis);
