// Filters the timeline in place: by operation, province, kind, tag and
// text. Progressive enhancement: without this script the page lists every
// entry and links to the per-operation, province, kind and tag pages. The
// filter state lives in the URL (?operation=2025&province=kratie) so a
// filtered view can be shared.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var status = document.getElementById("filter-status");
  var noResults = document.getElementById("no-results");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".entry-card"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".operation-group"));
  var fields = ["operation", "province", "kind", "tag", "q"];
  var pagedNote = status.textContent;

  function words(s) {
    return (s || "").split(/\s+/).filter(Boolean);
  }

  function state() {
    var s = {};
    fields.forEach(function (f) {
      s[f] = (form.elements[f].value || "").trim();
    });
    return s;
  }

  function matches(card, s) {
    if (s.operation && card.dataset.operation !== s.operation) return false;
    if (s.province && words(card.dataset.provinces).indexOf(s.province) < 0) return false;
    if (s.kind && card.dataset.kind !== s.kind) return false;
    if (s.tag && words(card.dataset.tags).indexOf(s.tag) < 0) return false;
    if (s.q) {
      var text = card.textContent.toLowerCase();
      var terms = words(s.q.toLowerCase());
      for (var i = 0; i < terms.length; i++) {
        if (text.indexOf(terms[i]) < 0) return false;
      }
    }
    return true;
  }

  function apply(updateURL) {
    var s = state();
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(card, s);
      card.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      var any = g.querySelector(".entry-card:not([hidden])");
      var empty = !g.querySelector(".entry-card");
      g.hidden = !any && !(empty && !s.operation && !s.province && !s.kind && !s.tag && !s.q);
    });
    noResults.hidden = shown > 0;
    var active = fields.some(function (f) { return s[f]; });
    status.textContent = active
      ? "Showing " + shown + " of " + cards.length + " entries." + (pagedNote ? " " + pagedNote : "")
      : pagedNote;
    if (updateURL) {
      var params = new URLSearchParams();
      fields.forEach(function (f) {
        if (s[f]) params.set(f, s[f]);
      });
      var qs = params.toString();
      history.replaceState(null, "", qs ? "?" + qs : location.pathname);
    }
  }

  function load() {
    var params = new URLSearchParams(location.search);
    fields.forEach(function (f) {
      var v = params.get(f) || "";
      var el = form.elements[f];
      if (el instanceof RadioNodeList) {
        var known = Array.prototype.some.call(el, function (r) { return r.value === v; });
        el.value = known ? v : "";
        return;
      }
      if (el.tagName === "SELECT" && v && !el.querySelector('option[value="' + CSS.escape(v) + '"]')) {
        v = "";
      }
      el.value = v;
    });
    apply(false);
  }

  // The form sits in a disclosure: open on wide screens and whenever the
  // address carries filters, closed on phones so that the overview and the
  // first entries come first.
  var box = document.getElementById("filter-box");
  if (box) {
    box.hidden = false;
    var filtered = fields.some(function (f) { return new URLSearchParams(location.search).get(f); });
    if (filtered || window.matchMedia("(min-width: 48rem)").matches) box.open = true;
  }
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
  form.addEventListener("reset", function () {
    setTimeout(function () { apply(true); }, 0);
  });
  window.addEventListener("popstate", load);
  load();
})();
