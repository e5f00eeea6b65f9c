// raport search: loads this language's search index (built with the site)
// and matches every word of the query as a prefix of a folded term, so
// "siguria ne" finds "siguria në" and "ceshtje" finds "çështje". There is no
// Albanian stemmer: prefixes stand in for one ("sigur" finds "sigurisë").
// No dependencies and no inline script; without it the form still submits
// and the page says that search needs JavaScript.
(function () {
  "use strict";

  // Letters folded to ASCII exactly as raport's Rust `slug::fold` does; a test
  // in src/render/search.rs replays this table: change both together.
  const FOLD = "a:àáâãäåāăą|ae:æ|c:çćčĉċ|d:ďđð|e:èéêëēĕėęě|g:ĝğġģ|h:ĥħ|i:ìíîïĩīĭįıİ|j:ĵ|k:ķ|l:ĺļľŀł|n:ñńņň|o:òóôõöøōŏő|oe:œ|r:ŕŗř|s:śŝşšș|ss:ß|t:ţťŧț|th:þ|u:ùúûüũūŭůűų|w:ŵ|y:ýÿŷ|z:źżž";
  const MAP = new Map();
  for (const group of FOLD.split("|")) {
    const [to, from] = group.split(":");
    for (const c of from) MAP.set(c, to);
  }
  for (const [c, to] of Array.from(MAP)) {
    const up = c.toUpperCase();
    if (Array.from(up).length === 1 && !MAP.has(up)) MAP.set(up, to);
  }

  function fold(s) {
    let out = "";
    for (const c of s) out += MAP.get(c) ?? c.toLowerCase();
    return out;
  }

  // As `tokenize` in src/render/search.rs: letters and digits, marks dropped,
  // at least two characters, cut to the index's maximum term length.
  function tokenize(s, max) {
    const out = [];
    const text = fold(s).replace(/[\u0300-\u036f]/g, "");
    for (const m of text.matchAll(/[\p{Alphabetic}\p{N}]+/gu)) {
      const chars = Array.from(m[0]);
      if (chars.length >= 2) out.push(chars.slice(0, max).join(""));
    }
    return out;
  }

  const form = document.getElementById("search-form");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  if (!form || !status || !list || !window.fetch) return;
  const input = form.elements.namedItem("q");
  const lang = document.documentElement.lang || "en";
  let forms = {};
  try {
    forms = JSON.parse(form.dataset.results || "{}");
  } catch (e) {
    forms = {};
  }
  const plural = new Intl.PluralRules(lang);
  let index = null;
  let keys = [];
  const titleTerms = new Map();

  function count(n) {
    const pattern = forms[plural.select(n)] || forms.other || "{n}";
    return pattern.replace("{n}", n.toLocaleString(lang));
  }

  // Documents holding every query word, best first: an exact term beats a
  // prefix, and a word in the title adds more. Ties keep index order.
  function search(query) {
    const words = Array.from(new Set(tokenize(query, index.max)));
    if (!words.length) return null;
    let scores = null;
    for (const w of words) {
      const hits = new Map();
      for (const term of keys) {
        if (!term.startsWith(w)) continue;
        const weight = term === w ? 3 : 1;
        let doc = 0;
        for (const gap of index.terms[term]) {
          doc += gap;
          if ((hits.get(doc) || 0) < weight) hits.set(doc, weight);
        }
      }
      if (scores === null) {
        scores = hits;
      } else {
        const next = new Map();
        for (const [doc, s] of scores) if (hits.has(doc)) next.set(doc, s + hits.get(doc));
        scores = next;
      }
      if (!scores.size) break;
    }
    const results = [];
    for (const [doc, s] of scores) {
      if (!titleTerms.has(doc)) titleTerms.set(doc, tokenize(index.docs[doc][0], index.max));
      const title = titleTerms.get(doc);
      const bonus = words.filter((w) => title.some((t) => t.startsWith(w))).length * 2;
      results.push([doc, s + bonus]);
    }
    results.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return results.map((r) => index.docs[r[0]]);
  }

  function show(query) {
    const found = search(query);
    list.replaceChildren();
    if (found === null) {
      status.textContent = "";
      return;
    }
    status.textContent = found.length ? count(found.length) : form.dataset.none || count(0);
    for (const [title, url, date, snippet] of found) {
      const li = document.createElement("li");
      li.className = "search-result";
      const h = document.createElement("h2");
      const a = document.createElement("a");
      a.href = url;
      a.textContent = title;
      h.append(a);
      li.append(h);
      if (date) {
        const p = document.createElement("p");
        p.className = "meta";
        p.textContent = date;
        li.append(p);
      }
      if (snippet) {
        const p = document.createElement("p");
        p.textContent = snippet;
        li.append(p);
      }
      list.append(li);
    }
  }

  function run() {
    if (!index) return;
    const q = input.value.trim();
    const url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    show(q);
  }

  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 200);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    window.clearTimeout(timer);
    run();
  });

  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) input.value = initial;
  fetch(form.dataset.index)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((data) => {
      index = data;
      keys = Object.keys(data.terms);
      if (input.value.trim()) run();
    })
    .catch(() => {
      status.textContent = form.dataset.error || "";
    });
})();
