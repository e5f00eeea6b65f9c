// Tracker page filters. Without this script every recommendation and country
// is shown and the filter form stays hidden; with it, readers can narrow the
// matrix, the by-country lists and the recommendation details to one country
// and one status. A recommendation linked by its anchor opens its details,
// and printing opens them all.
(function () {
  "use strict";
  var form = document.querySelector(".tracker-filters");
  var root = document.querySelector(".tracker");
  if (!root) return;

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    var d = el && el.querySelector(".rec-details");
    if (d) d.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  // A printed tracker holds every recommendation's text, notes and sources.
  window.addEventListener("beforeprint", function () {
    root.querySelectorAll(".rec-details").forEach(function (d) {
      d.open = true;
    });
  });

  if (!form) return;
  var country = form.querySelector("#filter-country");
  var status = form.querySelector("#filter-status");
  var result = form.querySelector(".filter-result");
  var total = Number(form.getAttribute("data-total")) || 0;

  function show(el, on) {
    el.hidden = !on;
  }

  function matches(el, c, s) {
    return (!c || el.getAttribute("data-country") === c) && (!s || el.getAttribute("data-status") === s);
  }

  function apply() {
    var c = country.value;
    var s = status.value;
    root.querySelectorAll(".status-matrix [data-country]").forEach(function (el) {
      show(el, !c || el.getAttribute("data-country") === c);
    });
    var shown = 0;
    root.querySelectorAll(".status-matrix tbody tr").forEach(function (tr) {
      var hit = Array.prototype.some.call(tr.querySelectorAll("td[data-status]"), function (td) {
        return matches(td, c, s);
      });
      show(tr, hit);
      if (hit) shown += 1;
    });
    root.querySelectorAll(".country-list").forEach(function (d) {
      var on = !c || d.getAttribute("data-country") === c;
      show(d, on);
      if (c && on) d.open = true;
      d.querySelectorAll("li[data-status]").forEach(function (li) {
        show(li, !s || li.getAttribute("data-status") === s);
      });
    });
    root.querySelectorAll(".recommendation").forEach(function (sec) {
      var entries = sec.querySelectorAll(".country-status [data-country]");
      var hit = false;
      entries.forEach(function (e) {
        var on = matches(e, c, s);
        show(e, on);
        hit = hit || on;
      });
      show(sec, hit);
    });
    result.textContent = c || s
      ? form.getAttribute("data-shown").replace("{shown}", shown).replace("{total}", total)
      : "";
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  country.addEventListener("change", apply);
  status.addEventListener("change", apply);
})();
