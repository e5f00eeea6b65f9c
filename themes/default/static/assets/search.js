// raport search: loads this language's search index (built with the site)
// and looks up every word of the query. Text and query are folded alike
// ("siguria ne" finds "siguria në", "ceshtje" finds "çështje") and reduced
// to their stems by the same light stemmer as the index ("Kosovë" finds
// "Kosovës", "organised" finds "organized"); a stem also matches as a prefix,
// so a word being typed finds its completions. Results name their kind and
// mark the words that matched; a query without results suggests close terms.
// No dependencies and no inline script; without it the form still submits
// and the page says that search needs JavaScript.
(function () {
  "use strict";

  // Letters folded to ASCII exactly as raport's Rust `slug::fold` does; a test
  // in src/render/search.rs replays this table: change both together.
  const FOLD = "a:àáâãäåāăąа|b:б|v:в|g:г|gj:ѓ|dz:ѕџ|kj:ќ|lj:љ|nj:њ|f:ф|m:м|p:п|ae:æ|c:çćčĉċћцч|d:ďðд|dj:đђ|e:èéêëēĕėęěе|g:ĝğġģ|h:ĥħх|i:ìíîïĩīĭįıİи|j:ĵј|k:ķк|l:ĺļľŀłл|n:ñńņňн|o:òóôõöøōŏőо|oe:œ|r:ŕŗřр|s:śŝşšșсш|ss:ß|t:ţťŧțт|th:þ|u:ùúûüũūŭůűųу|w:ŵ|y:ýÿŷ|z:źżžжз";
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

  // The stemming rules of src/render/search/stem.rs, word for word (a test
  // there compares the two, and runs this stemmer under Node).
  const STEM_RULES = "sq=ave:,eve:,ise:i,ine:i,ite:i,ive:i,es:,en:,et:,it:,in:;~aeiouy|en=isations:ization,isation:ization,ising:izing,ised:ized,ises:izes,ise:ize,ysing:yzing,ysed:yzed,yses:yzes,yse:yze,ours:ors,our:or,tres:ters,tre:ter;sses:ss,ies:y,ing:,ed:,ss:ss,us:us,is:is,s:;e:|sr=ama:,ima:,ovi:,evi:,om:,em:,og:,oj:,ih:;~aeiou|sr-Latn=ama:,ima:,ovi:,evi:,om:,em:,og:,oj:,ih:;~aeiou|bs=ama:,ima:,ovi:,evi:,om:,em:,og:,oj:,ih:;~aeiou|cnr=ama:,ima:,ovi:,evi:,om:,em:,og:,oj:,ih:;~aeiou|mk=ite:,ata:,ot:,ov:;~aeiou";
  const MIN_STEM = 3;
  const RULES = new Map();
  for (const lang of STEM_RULES.split("|")) {
    const [code, steps] = lang.split("=");
    RULES.set(code, steps.split(";").map((step) => step.startsWith("~")
      ? { strip: Array.from(step.slice(1)) }
      : { suffixes: step.split(",").map((e) => e.split(":")) }));
  }

  // The stem of a folded term, as `stem` in src/render/search/stem.rs.
  function stem(term, lang) {
    const steps = RULES.get(lang);
    if (!steps || /\p{N}/u.test(term)) return term;
    let chars = Array.from(term);
    for (const step of steps) {
      if (step.strip) {
        while (chars.length > MIN_STEM && step.strip.includes(chars[chars.length - 1])) chars.pop();
        continue;
      }
      for (const [suffix, replacement] of step.suffixes) {
        const n = Array.from(suffix).length;
        if (chars.length >= n + MIN_STEM && chars.slice(chars.length - n).join("") === suffix) {
          chars = chars.slice(0, chars.length - n).concat(Array.from(replacement));
          break;
        }
      }
    }
    return chars.join("");
  }

  if (globalThis.RAPORT_SEARCH_TEST) {
    globalThis.raportSearch = { fold, tokenize, stem };
    return;
  }

  const form = document.getElementById("search-form");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  if (!form || !status || !list || !window.fetch) return;
  const input = form.elements.namedItem("q");
  const lang = document.documentElement.lang || "en";
  function data(name) {
    try {
      return JSON.parse(form.dataset[name] || "{}");
    } catch (e) {
      return {};
    }
  }
  const forms = data("results");
  const kinds = data("kinds");
  const plural = new Intl.PluralRules(lang);
  let index = null;
  let keys = [];
  const titleTerms = new Map();

  function count(n) {
    const pattern = forms[plural.select(n)] || forms.other || "{n}";
    return pattern.replace("{n}", n.toLocaleString(lang));
  }

  // The stems of a text, as the index holds them.
  function stems(text) {
    return tokenize(text, index.max).map((t) => stem(t, index.lang));
  }

  // Documents holding every query word, best first: an exact stem beats a
  // prefix, and a word in the title adds more. Ties keep index order.
  function search(words) {
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
      if (!titleTerms.has(doc)) titleTerms.set(doc, stems(index.docs[doc][0]));
      const title = titleTerms.get(doc);
      const bonus = words.filter((w) => title.some((t) => t.startsWith(w))).length * 2;
      results.push([doc, s + bonus]);
    }
    results.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return results.map((r) => index.docs[r[0]]);
  }

  function distance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 0; i < a.length; i++) {
      const cur = [i + 1];
      for (let j = 0; j < b.length; j++) {
        cur.push(Math.min(prev[j] + (a[i] === b[j] ? 0 : 1), prev[j + 1] + 1, cur[j] + 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  // Terms of the index close to a word that found nothing, closest first.
  function suggest(words) {
    const out = [];
    for (const w of words) {
      if (keys.some((t) => t.startsWith(w))) continue;
      const limit = Math.max(1, Math.floor(w.length / 3));
      const close = [];
      for (const t of keys) {
        if (Math.abs(t.length - w.length) > limit) continue;
        const d = distance(w, t);
        if (d <= limit) close.push([d, index.terms[t].length, t]);
      }
      close.sort((a, b) => a[0] - b[0] || b[1] - a[1] || (a[2] < b[2] ? -1 : 1));
      for (const c of close.slice(0, 3)) if (!out.includes(c[2])) out.push(c[2]);
    }
    return out;
  }

  // `text` as nodes, the words whose stem a query word begins in <mark>.
  function marked(text, words) {
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const m of text.matchAll(/[\p{Alphabetic}\p{N}\p{M}]+/gu)) {
      const hit = tokenize(m[0], index.max).some((t) => {
        const s = stem(t, index.lang);
        return words.some((w) => s.startsWith(w));
      });
      if (!hit) continue;
      if (m.index > at) frag.append(text.slice(at, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      frag.append(mark);
      at = m.index + m[0].length;
    }
    if (at < text.length) frag.append(text.slice(at));
    return frag;
  }

  // At most `size` characters of `text`, around the first word a query word
  // begins (the index keeps the whole of short texts).
  function excerpt(text, words, size) {
    if (text.length <= size) return text;
    let at = 0;
    for (const m of text.matchAll(/[\p{Alphabetic}\p{N}\p{M}]+/gu)) {
      const hit = tokenize(m[0], index.max).some((t) => words.some((w) => stem(t, index.lang).startsWith(w)));
      if (hit) {
        at = m.index;
        break;
      }
    }
    let start = Math.max(0, at - Math.floor(size / 3));
    if (start > 0) {
      const space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > at) end = space;
    }
    return (start > 0 ? "…" : "") + text.slice(start, end).replace(/[\s,.;:…]+$/u, "") + (end < text.length ? "…" : "");
  }

  function show(query) {
    list.replaceChildren();
    const words = Array.from(new Set(stems(query)));
    if (!words.length) {
      status.textContent = "";
      return;
    }
    const found = search(words);
    status.textContent = found.length ? count(found.length) : form.dataset.none || count(0);
    if (!found.length) {
      const close = suggest(words);
      if (close.length) {
        status.append(" " + (form.dataset.suggest || "") + " ");
        close.forEach((term, i) => {
          const a = document.createElement("a");
          const url = new URL(window.location.href);
          url.searchParams.set("q", term);
          a.href = url.href;
          a.textContent = term;
          a.addEventListener("click", (e) => {
            e.preventDefault();
            input.value = term;
            run();
          });
          if (i) status.append(", ");
          status.append(a);
        });
      }
    }
    for (const [title, url, date, snippet, kind] of found) {
      const li = document.createElement("li");
      li.className = "search-result";
      const h = document.createElement("h2");
      const a = document.createElement("a");
      a.href = url;
      a.append(marked(title, words));
      h.append(a);
      li.append(h);
      const meta = [kinds[kind] || "", date].filter((x) => x);
      if (meta.length) {
        const p = document.createElement("p");
        p.className = "meta";
        if (kind) {
          const k = document.createElement("span");
          k.className = "search-kind search-kind-" + kind;
          k.textContent = kinds[kind] || kind;
          p.append(k);
          if (date) p.append(" · ");
        }
        if (date) p.append(date);
        li.append(p);
      }
      if (snippet) {
        const p = document.createElement("p");
        p.append(marked(excerpt(snippet, words, 200), words));
        li.append(p);
      }
      list.append(li);
    }
  }

  // The language switcher leads to the same search in the other language.
  function keepQuery(q) {
    for (const a of document.querySelectorAll(".lang-switch a[hreflang]")) {
      const url = new URL(a.href, window.location.href);
      if (q) url.searchParams.set("q", q);
      else url.searchParams.delete("q");
      a.href = url.href;
    }
  }

  function run() {
    const q = input.value.trim();
    const url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    keepQuery(q);
    if (index) show(q);
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
  if (initial) {
    input.value = initial;
    keepQuery(initial.trim());
  }
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
