// Filters the timeline: by operation, province, kind, tag and text.
// Progressive enhancement: without this script the page lists every entry
// of its page and links to the per-operation, province, kind and tag pages.
// The filter state lives in the URL (?operation=2025&province=kratie) so a
// filtered view can be shared.
//
// A timeline of one page is filtered in place. When the timeline has
// several pages, the form names a search index of every entry
// (data-index): it is fetched on the first use of a filter, and the
// matching entries of every page are listed as links instead.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var status = document.getElementById("filter-status");
  var noResults = document.getElementById("no-results");
  var results = document.getElementById("search-results");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".entry-card"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".operation-group"));
  var fields = ["operation", "province", "kind", "tag", "q"];
  var pagedNote = status.textContent;
  var indexURL = form.dataset.index || "";
  var root = form.dataset.root || "";
  var loading = null; // the promise of the index, once asked for
  var maxResults = 1000;

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

  // matchesEntry tells whether an entry, given by its fields, passes the
  // filters; text is what the text search reads.
  function matchesEntry(e, s) {
    if (s.operation && e.operation !== s.operation) return false;
    if (s.province && words(e.provinces).indexOf(s.province) < 0) return false;
    if (s.kind && e.kind !== s.kind) return false;
    if (s.tag && words(e.tags).indexOf(s.tag) < 0) return false;
    if (s.q) {
      var text = e.text.toLowerCase();
      var terms = words(s.q.toLowerCase());
      for (var i = 0; i < terms.length; i++) {
        if (text.indexOf(terms[i]) < 0) return false;
      }
    }
    return true;
  }

  function cardEntry(card) {
    return {operation: card.dataset.operation, provinces: card.dataset.provinces, kind: card.dataset.kind,
      tags: card.dataset.tags, text: card.textContent};
  }

  function active(s) {
    return fields.some(function (f) { return s[f]; });
  }

  function loadIndex() {
    if (!loading) {
      loading = fetch(indexURL).then(function (r) {
        if (!r.ok) throw new Error("search index: " + r.status);
        return r.json();
      }).then(function (idx) {
        var at = {};
        idx.fields.forEach(function (f, i) { at[f] = i; });
        return idx.entries.map(function (row) {
          return {url: row[at.url], title: row[at.title], when: row[at.when], operation: row[at.operation],
            provinces: row[at.provinces], kind: row[at.kind], tags: row[at.tags],
            text: [row[at.title], row[at.when], row[at.kind], row[at.text]].join(" ")};
        });
      });
    }
    return loading;
  }

  // showPage shows the page's own entries, filtered by s.
  function showPage(s) {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matchesEntry(cardEntry(card), s);
      card.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      var any = g.querySelector(".entry-card:not([hidden])");
      var empty = !g.querySelector(".entry-card");
      g.hidden = !any && !(empty && !active(s));
    });
    if (results) results.hidden = true;
    noResults.hidden = shown > 0;
    status.textContent = active(s)
      ? "Showing " + shown + " of " + cards.length + " entries." + (pagedNote ? " " + pagedNote : "")
      : pagedNote;
  }

  // showIndex lists the entries of every page that pass s.
  function showIndex(entries, s) {
    var list = results.querySelector("ol");
    var found = entries.filter(function (e) { return matchesEntry(e, s); });
    var frag = document.createDocumentFragment();
    found.slice(0, maxResults).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.url;
      a.textContent = e.title;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + e.when + " · " + e.operation + (e.kind ? " · " + e.kind : "");
      li.appendChild(a);
      li.appendChild(meta);
      frag.appendChild(li);
    });
    list.textContent = "";
    list.appendChild(frag);
    groups.forEach(function (g) { g.hidden = true; });
    results.hidden = found.length === 0;
    noResults.hidden = found.length > 0;
    status.textContent = "Showing " + found.length + " of " + entries.length + " entries, from every page of the timeline." +
      (found.length > maxResults ? " The first " + maxResults + " are listed; narrow the search to see the rest." : "");
  }

  function apply(updateURL) {
    var s = state();
    if (indexURL && active(s)) {
      loadIndex().then(function (entries) {
        showIndex(entries, state());
      }, function () {
        indexURL = "";
        pagedNote = "The search index could not be loaded: filters apply to this page of the timeline only.";
        showPage(state());
      });
    } else {
      showPage(s);
    }
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
