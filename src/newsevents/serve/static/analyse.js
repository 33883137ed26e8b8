// "Analyse text": posts the pasted article to /api/extract and shows each event with its highlighted sentence.
(function () {
  "use strict";
  var QUADS = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"};
  var form = document.getElementById("analyse-form");
  var out = document.getElementById("analyse-results");
  var status = document.getElementById("analyse-status");
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function names(actors) {
    return actors.length ? actors.map(function (a) { return a.name + " (" + a.code + ")"; }).join(" & ") : "—";
  }
  function sentence(rec) {
    var s = rec.evidence.sentence || "", p = el("p", "sentence"), pos = 0;
    (rec.highlights || []).slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (h) {
      if (h.start < pos) { return; }
      if (h.start > pos) { p.appendChild(document.createTextNode(s.slice(pos, h.start))); }
      var kinds = h.kinds || [h.kind];
      var m = el("mark", "hl hl-" + kinds.join(" hl-"), s.slice(h.start, h.end));
      m.title = h.label; m.dataset.kind = kinds.join(" ");
      p.appendChild(m);
      pos = h.end;
    });
    if (pos < s.length) { p.appendChild(document.createTextNode(s.slice(pos))); }
    return p;
  }
  function card(rec, i) {
    var c = el("article", "card mention analysed-event");
    var q = rec.cameo.quad_class;
    var h = el("h3");
    h.appendChild(el("span", "quad-dot q" + q));
    h.appendChild(document.createTextNode((i + 1) + ". " + (rec.plover.event || "STATEMENT") + ": " +
      names(rec.source) + " → " + names(rec.target)));
    c.appendChild(h);
    c.appendChild(sentence(rec));
    var bits = [QUADS[q] || "", "CAMEO " + rec.cameo.code, "date " + (rec.date.value || "unknown") + " (" + rec.date.status + ")"];
    if (rec.location) { bits.push("in " + (rec.location.canonical || rec.location.name) + (rec.location.country ? " " + rec.location.country : "")); }
    Object.keys(rec.magnitude || {}).forEach(function (k) {
      var v = rec.magnitude[k]; if (v) { bits.push(k + " " + v.value + " (" + v.qualifier + ")"); }
    });
    if (rec.attribution) { bits.push("according to " + rec.attribution.text); }
    if (rec.negated) { bits.push("NEGATED"); }
    c.appendChild(el("p", "muted small", bits.join(" · ")));
    return c;
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = document.getElementById("analyse-text").value;
    var date = document.getElementById("analyse-date").value || null;
    status.textContent = "Analysing…";
    out.textContent = "";
    fetch("/api/extract", {method: "POST", credentials: "same-origin", headers: {"Content-Type": "application/json"},
                           body: JSON.stringify({text: text, date: date})})
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
      .then(function (res) {
        if (!res.ok) {
          status.textContent = "";
          out.appendChild(el("p", "notice error", "Error: " + ((res.body.error && res.body.error.message) || "request failed")));
          return;
        }
        status.textContent = res.body.count + " event" + (res.body.count === 1 ? "" : "s") + " found.";
        if (!res.body.count) { out.appendChild(el("p", "notice", "No events found in this text.")); }
        res.body.events.forEach(function (rec, i) { out.appendChild(card(rec, i)); });
      })
      .catch(function () { status.textContent = ""; out.appendChild(el("p", "notice error", "Error: the server did not answer.")); });
  });
})();
