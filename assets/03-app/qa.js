/*
 * Live question hour (budgetschuiver/qa/pages.py): conditional polling of the
 * session's API (ETag / If-None-Match) and drawing its questions. The draft
 * question is outside what is drawn here, so an update never touches it. The
 * server checks every question and vote again.
 */
(function () {
  "use strict";

  var inFlight = false;

  function h(type, props, children) {
    var all = Object.assign({}, props || {});
    if (children !== undefined) { all.children = children; }
    return { type: type, namespace: "dash_html_components", props: all };
  }

  function number(value, texts) {
    return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, texts.thousands);
  }

  function count(texts, key, value) {
    var template = texts[key + (value === 1 ? "_one" : "_other")];
    return template.replace("{count}", number(value, texts));
  }

  // every second: one conditional GET; 304 (or an error) changes nothing
  function poll(_tick, sessionId, etag, lang) {
    var noUpdate = window.dash_clientside.no_update;
    if (inFlight || !sessionId) { return [noUpdate, noUpdate]; }
    inFlight = true;
    var headers = { "Accept": "application/json" };
    if (etag) { headers["If-None-Match"] = etag; }
    var url = "/api/v1/qa/" + encodeURIComponent(sessionId) +
      "?lang=" + encodeURIComponent(lang || "nl");
    return fetch(url, { headers: headers, credentials: "same-origin", cache: "no-cache" })
      .then(function (response) {
        if (response.status !== 200) { return [noUpdate, noUpdate]; }
        var fresh = response.headers.get("ETag") || "";
        return response.json().then(function (data) { return [data, fresh]; });
      })
      .catch(function () { return [noUpdate, noUpdate]; })
      .finally(function () { inFlight = false; });
  }

  function who(question, texts) {
    return question.display_name || texts.anonymous;
  }

  function card(question, mine, texts, open) {
    var pressed = mine.indexOf(question.id) >= 0;
    var parts = [
      h("P", { className: "qa-text mb-1" }, question.text),
      h("P", { className: "form-text mb-1" }, who(question, texts))
    ];
    var votes = h("Span", { className: "vote-count" }, count(texts, "votes", question.votes));
    if (open && (question.state === "waiting" || question.state === "answering")) {
      parts.push(h("Div", { className: "qa-vote-line" }, [
        h("Button", {
          id: { type: "qa-vote", question: question.id },
          type: "button",
          n_clicks: 0,
          className: "vote-question btn btn-sm " +
            (pressed ? "btn-primary" : "btn-outline-primary"),
          "aria-pressed": pressed ? "true" : "false"
        }, pressed ? texts.voted : texts.vote),
        " ",
        votes
      ]));
    } else {
      parts.push(h("P", { className: "mb-1" }, votes));
    }
    // every published question may be reported (the panel is outside the list)
    parts.push(h("Button", {
      id: { type: "qa-report", question: question.id },
      type: "button",
      n_clicks: 0,
      className: "btn btn-link btn-sm report-item"
    }, texts.report));
    if (question.state === "answered") {
      parts.push(h("P", { className: "qa-answer" },
        question.answered_live || !question.answer ? texts.answered_live : question.answer));
    }
    return h("Li", {
      className: "qa-question list-group-item",
      "data-question": question.id,
      key: question.id
    }, parts);
  }

  function section(title, questions, mine, texts, open) {
    if (!questions.length) { return null; }
    return h("Section", { className: "mb-4" }, [
      h("H2", {}, title),
      h("Ul", { className: "list-group" }, questions.map(function (q) {
        return card(q, mine, texts, open);
      }))
    ]);
  }

  function transparency(data, texts) {
    var hidden = data.hidden_by_reason || {};
    var total = 0;
    var reasons = Object.keys(hidden).sort().map(function (code) {
      total += hidden[code];
      return (texts.reasons[code] || code) + " (" + number(hidden[code], texts) + ")";
    });
    var out = [];
    if (total) {
      out.push(count(texts, "hidden", total) + ", " +
        texts.hidden_reasons.replace("{reasons}", reasons.join(", ")) + ".");
    }
    if (data.merged) { out.push(count(texts, "merged", data.merged)); }
    return out.join(" ");
  }

  // data or my votes -> the lists, the question answered now, the phase
  function render(data, mine, texts, lastNews) {
    if (!data || !texts) { return window.dash_clientside.no_update; }
    mine = Array.isArray(mine) ? mine : [];
    var open = data.status !== "ended";
    var by = { answering: [], waiting: [], follow_up: [], answered: [] };
    (data.questions || []).forEach(function (q) { (by[q.state] || []).push(q); });
    var lists = [
      section(texts.waiting_title, by.waiting, mine, texts, open),
      section(texts.follow_up_title, by.follow_up, mine, texts, open),
      section(texts.answered_title, by.answered, mine, texts, open)
    ].filter(Boolean);
    if (!lists.length && !by.answering.length) {
      lists = [h("P", {}, texts.none_yet)];
    }
    var now = data.now_answering ?
      h("Ul", { className: "list-group" }, [card(data.now_answering, mine, texts, open)]) :
      h("P", {}, texts.nothing_now);
    var phase = texts["status_" + data.status] || "";
    var news = data.now_answering ?
      texts.now_answering + ": " + data.now_answering.text : "";
    return [lists, now, transparency(data, texts), phase,
      news === lastNews ? window.dash_clientside.no_update : news,
      !open];
  }

  // every second before the start -> "2 d 3 u 4 min"; hidden from the start on
  function countdown(_tick, texts) {
    if (!texts) { return ["", true]; }
    var left = Math.max(0, texts.starts_ms - Date.now());
    if (!left) { return ["", true]; }
    var minutes = Math.ceil(left / 60000);
    var words = texts.left
      .replace("{days}", Math.floor(minutes / 1440))
      .replace("{hours}", Math.floor((minutes % 1440) / 60))
      .replace("{minutes}", minutes % 60);
    return [words, false];
  }

  // the report panel opened -> its reason select gets focus
  function focusReport(hidden) {
    if (!hidden) {
      window.setTimeout(function () {
        var select = document.getElementById("qa-report-reason");
        if (select) { select.focus(); }
      }, 0);
    }
    return window.dash_clientside.no_update;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    qa: { poll: poll, render: render, countdown: countdown, focusReport: focusReport }
  });
}());
