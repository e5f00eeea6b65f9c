//! Search without a server (SPEC §7): a per-language index written at build
//! time (`/search-index.json`, `/en/search-index.json`) and the `/search/`
//! page, whose script (`assets/search.js`) loads the index and queries it.
//!
//! Takes the [`Env`] and every [`Page`] the generators made; returns the
//! search pages and the index files. What is indexed: every brief and plain
//! page (title, summary, topics, authors, countries, headings, and the most
//! frequent words of the body); every recommendation of every tracker (its
//! title, text, addressee, and the notes of every country), each under its
//! anchor on the tracker page; every country's radar findings (one document
//! per year) and narrative, under their anchors on the country page
//! ([`data`]); and every other page listed in the sitemap by its title and
//! description. The home page, paginated lists and drafts are left out.
//! Each document has a kind (`brief`, `tracker`, `country`, `page`,
//! `topic`), which results show in the reader's language.
//!
//! Text and query are lowercased and folded with [`crate::slug::fold`]
//! (`ë`→`e`, `ç`→`c`), so `siguria ne` finds "siguria në" and `ceshtje`
//! finds "çështje", then reduced to their stems ([`stem`]), so `Kosovë`
//! finds "Kosovës" and `organised` finds "organized"; a query stem also
//! matches as a prefix (`sigur` finds "sigurisë"). `search.js` carries the
//! same folding table and stemming rules; tests keep them equal.
//!
//! Index format (compact JSON, one file per language):
//! `{"v":2,"lang":"sq","max":24,"docs":[[title,url,date,snippet,kind],...],"terms":{"stem":[postings]}}`
//! where postings are ascending document numbers, delta-encoded (the first
//! is absolute, each next one the gap from the previous). Documents are in
//! result order: briefs newest first, then pages, then recommendations,
//! findings and narratives, then the rest by path.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::lists::briefs_of;
use super::paths::{doc_key, doc_path};
use super::{Body, Derived, Env, OutFile, Page};
use crate::Error;
use crate::content::doc::{Doc, Section};
use crate::markdown::Rendered;

mod data;
pub mod stem;

pub use stem::stem;

/// Index format version, bumped when the JSON shape changes.
pub(crate) const INDEX_VERSION: u32 = 2;
/// At most this many distinct terms per document.
pub(crate) const MAX_TERMS: usize = 200;
/// Terms are cut to this many characters (queries too, in `search.js`).
pub(crate) const MAX_TERM_LEN: usize = 24;
/// Snippets shown in results are cut to this many characters.
pub(crate) const SNIPPET_CHARS: usize = 160;

/// The path of a language's index, under its language root.
pub(crate) const INDEX_FILE: &str = "search-index.json";

/// The `/search/` page of every language.
pub fn pages(env: &Env) -> Result<Vec<Page>, Error> {
    env.languages()
        .iter()
        .map(|lang| {
            let loc = env.locale(lang);
            let mut ctx = Context::new();
            ctx.insert("index_url", &env.urls.path(lang, INDEX_FILE));
            let forms =
                crate::to_json("the plural forms of `search_results`", &loc.plural_forms("search_results"), false)?;
            ctx.insert("results_forms", &forms);
            let kinds: BTreeMap<&str, String> =
                KINDS.iter().map(|k| (*k, loc.t(&format!("search_kind_{k}")))).collect();
            ctx.insert("kinds", &serde_json::to_string(&kinds).unwrap_or_default());
            ctx.insert("briefs_url", &env.urls.path(lang, "briefs/"));
            ctx.insert("topics_url", &env.urls.path(lang, "topics/"));
            let mut p = Page::new(
                "search".into(),
                lang,
                "search/".into(),
                "search.html",
                loc.t("search_title"),
                loc.t("search_label"),
                ctx,
            );
            p.in_sitemap = false;
            Ok(p)
        })
        .collect()
}

/// The kinds of document results are labelled with (UI strings `search_kind_<kind>`).
pub const KINDS: [&str; 5] = ["brief", "tracker", "country", "page", "topic"];

/// One document of the index, before the terms are inverted.
struct Entry {
    title: String,
    url: String,
    date: String,
    snippet: String,
    kind: &'static str,
    terms: Vec<String>,
}

/// What a document's terms are drawn from: short fields first, then the body.
struct Source<'a> {
    title: String,
    url: String,
    date: String,
    snippet: String,
    /// One of [`KINDS`].
    kind: &'static str,
    fields: Vec<String>,
    /// The body's terms, most frequent first ([`body_terms`]).
    body: std::borrow::Cow<'a, str>,
    /// The language the text is in, for stemming.
    lang: &'a str,
}

#[derive(Serialize)]
struct Index<'a> {
    v: u32,
    lang: &'a str,
    max: usize,
    docs: Vec<(&'a str, &'a str, &'a str, &'a str, &'a str)>,
    terms: BTreeMap<String, Vec<u32>>,
}

/// The search index file of every language, built when written ([`index`]).
pub(crate) fn index_files(env: &Env) -> Vec<OutFile> {
    let langs = &env.site.config.languages;
    langs
        .all()
        .iter()
        .map(|lang| OutFile {
            path: format!("{}{INDEX_FILE}", langs.prefix(lang)),
            body: Body::Derived(Derived::SearchIndex(lang.clone())),
        })
        .collect()
}

/// The search index of `lang`.
pub fn index(env: &Env, pages: &[Page], lang: &str) -> Result<Vec<u8>, Error> {
    // In chunks, each inverted as soon as it is made, so that the terms of
    // every document are never held at once.
    let mut sources = sources(env, pages, lang);
    let mut entries: Vec<Entry> = Vec::with_capacity(sources.len());
    let mut inverted = Inverted::default();
    while !sources.is_empty() {
        let rest = sources.split_off(sources.len().min(CHUNK));
        let chunk: Vec<Entry> = std::mem::replace(&mut sources, rest).into_par_iter().map(entry).collect();
        for mut e in chunk {
            inverted.add(std::mem::take(&mut e.terms));
            entries.push(e);
        }
    }
    encode(lang, &entries, inverted)
}

/// How many documents are tokenized before their terms are inverted.
const CHUNK: usize = 256;

fn entry(s: Source<'_>) -> Entry {
    let fields: Vec<&str> = s.fields.iter().map(String::as_str).collect();
    Entry {
        terms: select_terms(&fields, &s.body, s.lang, MAX_TERMS),
        title: s.title,
        url: s.url,
        date: s.date,
        snippet: s.snippet,
        kind: s.kind,
    }
}

/// The documents of `lang`, in result order.
fn sources<'a>(env: &'a Env, pages: &'a [Page], lang: &'a str) -> Vec<Source<'a>> {
    let loc = env.locale(lang);
    let mut out: Vec<Source<'a>> = Vec::new();
    let mut plain: Vec<(&Doc, &Rendered)> =
        env.docs().filter(|(d, _)| d.section == Section::Pages && d.lang == lang).collect();
    plain.sort_by(|(a, _), (b, _)| loc.collate(&a.title, &b.title).then_with(|| a.stem.cmp(&b.stem)));
    for (d, r) in briefs_of(env, lang).into_iter().chain(plain).filter(|(d, _)| !d.draft) {
        out.push(doc_source(env, d, r));
    }
    out.extend(data::recommendations(env, lang));
    out.extend(data::radar(env, lang));
    let docs: BTreeSet<String> = env.site.docs.iter().map(doc_key).collect();
    let mut rest: Vec<&Page> = pages
        .iter()
        .filter(|p| {
            p.lang == lang && p.in_sitemap && p.key != "home" && !p.path.contains("/page/") && !docs.contains(&p.key)
        })
        .collect();
    rest.sort_by(|a, b| a.path.cmp(&b.path));
    for p in rest {
        out.push(Source {
            title: p.title.clone(),
            url: env.urls.path(lang, &p.path),
            date: String::new(),
            snippet: super::view::shorten(&p.description, SNIPPET_CHARS),
            kind: page_kind(&p.key),
            fields: vec![p.title.clone(), p.description.clone()],
            body: "".into(),
            lang: &p.lang,
        });
    }
    out
}

/// The kind of a generated page, from its key (`tracker:<id>`, `radar:<cc>`, `topic:<slug>`).
fn page_kind(key: &str) -> &'static str {
    let head = key.split(':').next().unwrap_or_default();
    match head {
        "tracker" | "trackers" => "tracker",
        "radar" => "country",
        "topic" | "topic-id" | "topics" => "topic",
        "briefs" | "brief-list" => "brief",
        _ => "page",
    }
}

fn doc_source<'a>(env: &Env, d: &'a Doc, r: &'a Rendered) -> Source<'a> {
    let loc = env.locale(&d.lang);
    let summary = super::view::summary(d, r);
    let mut fields = vec![d.title.clone(), summary.clone()];
    fields.extend(d.topics.iter().cloned());
    fields.extend(d.authors.iter().cloned());
    for c in &d.countries {
        if let Some(link) = super::view::country_link(env, &c.0, &d.lang) {
            fields.push(link.name.text);
        }
    }
    fields.extend(r.toc.iter().map(|e| e.title.clone()));
    Source {
        title: d.title.clone(),
        url: env.urls.path(&d.lang, &doc_path(d)),
        date: d.date.map(|x| loc.date(x)).unwrap_or_default(),
        snippet: super::view::shorten(&summary, SNIPPET_CHARS),
        kind: match d.section {
            Section::Briefs => "brief",
            Section::Pages => "page",
        },
        fields,
        body: r.terms.as_str().into(),
        lang: &d.lang,
    }
}

/// Term -> the numbers of the documents that have it, ascending.
#[derive(Default)]
struct Inverted {
    // Hashed while adding (most terms are seen many times), sorted once.
    terms: std::collections::HashMap<String, Vec<u32>, Fnv>,
    docs: u32,
}

impl Inverted {
    /// Adds the next document's terms.
    fn add(&mut self, terms: Vec<String>) {
        for t in terms {
            self.terms.entry(t).or_default().push(self.docs);
        }
        self.docs += 1;
    }
}

/// Serializes the index of `lang`: terms inverted to delta-encoded postings.
fn encode(lang: &str, entries: &[Entry], inverted: Inverted) -> Result<Vec<u8>, Error> {
    let mut terms: BTreeMap<String, Vec<u32>> = inverted.terms.into_iter().collect();
    // Gaps are smaller numbers than document numbers: shorter JSON.
    for list in terms.values_mut() {
        let mut prev = 0;
        for n in list.iter_mut() {
            let abs = *n;
            *n = abs - prev;
            prev = abs;
        }
    }
    let index = Index {
        v: INDEX_VERSION,
        lang,
        max: MAX_TERM_LEN,
        docs: entries
            .iter()
            .map(|e| (e.title.as_str(), e.url.as_str(), e.date.as_str(), e.snippet.as_str(), e.kind))
            .collect(),
        terms,
    };
    crate::to_json(&format!("the `{lang}` search index"), &index, false).map(String::into_bytes)
}

/// The search terms of a text: folded, split on anything that is not a
/// letter or digit, combining marks dropped, at least two characters, cut
/// to [`MAX_TERM_LEN`]. `search.js` tokenizes queries the same way.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each term of `text`, folded and cut as [`tokenize`] does:
/// the same as splitting `fold(text)`. The index reads every word of every
/// document, so a word already folded (lowercase ASCII letters and digits,
/// most words of a Latin-script body) is passed as a slice of `text`, and
/// only the others are folded into one reused buffer.
fn each_term(text: &str, mut f: impl FnMut(&str)) {
    // A term of `n` characters (`ascii`: its length in bytes), cut to MAX_TERM_LEN.
    let mut emit = |t: &str, ascii: bool| {
        let n = if ascii { t.len() } else { t.chars().count() };
        if n < 2 {
            return;
        }
        if n > MAX_TERM_LEN {
            let end = t.char_indices().nth(MAX_TERM_LEN).map_or(t.len(), |(i, _)| i);
            f(&t[..end]);
        } else {
            f(t);
        }
    };
    let bytes = text.as_bytes();
    // The word being read is `text[start..i]` while it needs no folding,
    // else it is in `cur` (`ascii`: whether `cur` is ASCII).
    let mut start: Option<usize> = None;
    let mut cur = String::new();
    let mut ascii = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if b.is_ascii_lowercase() || b.is_ascii_digit() {
                if start.is_none() && cur.is_empty() {
                    start = Some(i);
                } else if start.is_none() {
                    cur.push(char::from(b));
                }
            } else if b.is_ascii_uppercase() {
                if let Some(s) = start.take() {
                    cur.push_str(&text[s..i]);
                }
                cur.push(char::from(b.to_ascii_lowercase()));
            } else if let Some(s) = start.take() {
                emit(&text[s..i], true);
            } else if !cur.is_empty() {
                emit(&cur, ascii);
                cur.clear();
                ascii = true;
            }
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        if let Some(s) = start.take() {
            cur.push_str(&text[s..i]);
        }
        i += c.len_utf8();
        let before = cur.len();
        if crate::slug::fold_char(c, &mut cur) {
            ascii &= cur.get(before..).is_some_and(str::is_ascii);
            continue;
        }
        for l in c.to_lowercase() {
            if ('\u{300}'..='\u{36f}').contains(&l) {
                continue;
            }
            if l.is_alphanumeric() {
                cur.push(l);
                ascii &= l.is_ascii();
            } else if !cur.is_empty() {
                emit(&cur, ascii);
                cur.clear();
                ascii = true;
            }
        }
    }
    if let Some(s) = start {
        emit(&text[s..], true);
    } else if !cur.is_empty() {
        emit(&cur, ascii);
    }
}

/// Terms are short and not attacker-chosen, so a simple fast hash beats the
/// default SipHash on the millions of words a large site has.
type Fnv = rustc_hash::FxBuildHasher;

/// The `cap` most frequent distinct stems of a body in `lang` (ties: first
/// seen first), space-separated. Made when the body is transformed, so that
/// only these, not the whole text, are kept until the index is written.
pub(crate) fn body_terms(body: &str, lang: &str, cap: usize) -> String {
    // term -> (count, first position); positions are unique, so the ranking
    // below is a total order and the map's iteration order does not matter.
    // Words are counted first and each distinct word stemmed once: a body
    // repeats its words, and stemming was most of the work.
    // About one distinct word in eight of a body's characters: sized once,
    // not grown word by word.
    let mut words: std::collections::HashMap<String, (usize, usize), Fnv> =
        std::collections::HashMap::with_capacity_and_hasher(body.len() / 8, Fnv::default());
    let mut pos = 0;
    each_term(body, |t| {
        match words.get_mut(t) {
            Some(e) => e.0 += 1,
            None => {
                words.insert(t.to_string(), (1, pos));
            }
        }
        pos += 1;
    });
    let rules = stem::rules_of(lang);
    let mut counts: std::collections::HashMap<String, (usize, usize), Fnv> =
        std::collections::HashMap::with_capacity_and_hasher(words.len(), Fnv::default());
    for (mut w, (n, first)) in words {
        stem::apply(rules, &mut w);
        let e = counts.entry(w).or_insert((0, first));
        e.0 += n;
        e.1 = e.1.min(first);
    }
    let mut ranked: Vec<(String, (usize, usize))> = counts.into_iter().collect();
    let order = |(_, (ca, pa)): &(String, (usize, usize)), (_, (cb, pb)): &(String, (usize, usize))| {
        cb.cmp(ca).then(pa.cmp(pb))
    };
    // Only the first `cap` are kept: chosen in linear time, then sorted.
    if cap > 0 && ranked.len() > cap {
        ranked.select_nth_unstable_by(cap - 1, order);
        ranked.truncate(cap);
    }
    ranked.sort_unstable_by(order);
    let mut out = String::new();
    for (t, _) in ranked.into_iter().take(cap) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t);
    }
    out
}

/// The distinct stems of a document in `lang`, at most `cap`: every stem of
/// `fields` (title, summary, headings...) first, then the body's stems not
/// among them, most frequent first. `ranked` is [`body_terms`] with the same
/// `cap`: with k field terms, at most k of its terms are skipped, so the
/// `cap - k` taken are the same as from a ranking of every body term.
pub(crate) fn select_terms(fields: &[&str], ranked: &str, lang: &str, cap: usize) -> Vec<String> {
    let mut seen: std::collections::HashSet<String, Fnv> = std::collections::HashSet::default();
    let mut out: Vec<String> = Vec::new();
    for t in fields.iter().flat_map(|f| tokenize(f)).map(|t| stem(&t, lang)) {
        if out.len() >= cap {
            return out;
        }
        if seen.insert(t.clone()) {
            out.push(t);
        }
    }
    let room = cap.saturating_sub(out.len());
    out.extend(ranked.split(' ').filter(|t| !t.is_empty() && !seen.contains(*t)).take(room).map(str::to_string));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slug::fold;

    #[test]
    fn tokenize_folds_albanian_letters_and_drops_short_words() {
        assert_eq!(
            tokenize("Çështje të sigurisë në Ballkan, 2023!"),
            ["ceshtje", "te", "sigurise", "ne", "ballkan", "2023"]
        );
        assert_eq!(tokenize("Mali i Zi"), ["mali", "zi"]);
    }

    #[test]
    fn tokenize_handles_decomposed_diacritics() {
        assert_eq!(tokenize("c\u{327}e\u{308}shtje"), ["ceshtje"]);
    }

    proptest::proptest! {
        /// The one-pass tokenizer gives what splitting `fold(text)` gives.
        #[test]
        fn one_pass_tokenizing_equals_fold_then_split(text in "[a-zA-Z0-9 ,.çÇëËéßæŒİ\u{300}\u{327}\u{308}ΣσДж中-]{0,60}") {
            let mut reference = Vec::new();
            let mut cur = String::new();
            for c in fold(&text).chars().chain(std::iter::once(' ')) {
                if ('\u{300}'..='\u{36f}').contains(&c) {
                    continue;
                }
                if c.is_alphanumeric() {
                    cur.push(c);
                } else if !cur.is_empty() {
                    if cur.chars().count() >= 2 {
                        reference.push(cur.chars().take(MAX_TERM_LEN).collect::<String>());
                    }
                    cur.clear();
                }
            }
            proptest::prop_assert_eq!(tokenize(&text), reference);
        }
    }

    #[test]
    fn long_terms_are_cut() {
        let t = tokenize("antikorrupsionitndërkombëtarshmëriveve");
        assert_eq!(t.len(), 1);
        assert_eq!(t.first().map(|s| s.chars().count()), Some(MAX_TERM_LEN));
    }

    #[test]
    fn fields_come_first_then_frequent_body_terms() {
        let body = body_terms("krimi krimi krimin policia policisë gjykata siguria", "sq", 5);
        let t = select_terms(&["Siguria në Ballkan"], &body, "sq", 5);
        assert_eq!(t, ["sigur", "ne", "ballkan", "krim", "polic"]);
    }

    /// Every body term counted and ranked, field terms skipped: what
    /// [`select_terms`] over [`body_terms`] must equal.
    fn reference(fields: &[&str], body: &str, cap: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in fields.iter().flat_map(|f| tokenize(f)) {
            if out.len() >= cap {
                return out;
            }
            if !out.contains(&t) {
                out.push(t);
            }
        }
        let words = tokenize(body);
        let mut ranked: Vec<(usize, usize, String)> = Vec::new();
        for (pos, w) in words.iter().enumerate() {
            if out.contains(w) || ranked.iter().any(|(_, _, t)| t == w) {
                continue;
            }
            ranked.push((words.iter().filter(|x| *x == w).count(), pos, w.clone()));
        }
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let room = cap.saturating_sub(out.len());
        out.extend(ranked.into_iter().take(room).map(|(_, _, t)| t));
        out
    }

    proptest::proptest! {
        #[test]
        fn ranked_body_terms_select_like_the_whole_body(
            fields in proptest::collection::vec("(aa|bb|cc|dd|ee|ff) (aa|bb|gg)", 0..4),
            body in proptest::collection::vec("aa|bb|cc|dd|ee|ff|gg|hh|ii|jj", 0..60),
            cap in 1usize..8,
        ) {
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            let body = body.join(" ");
            proptest::prop_assert_eq!(select_terms(&fields, &body_terms(&body, "xx", cap), "xx", cap), reference(&fields, &body, cap));
        }
    }

    #[test]
    fn postings_are_delta_encoded() {
        let e = |terms: &[&str]| Entry {
            title: "T".into(),
            url: "/t/".into(),
            date: String::new(),
            snippet: String::new(),
            kind: "brief",
            terms: terms.iter().map(|s| s.to_string()).collect(),
        };
        let entries = [e(&["a1", "b1"]), e(&["b1"]), e(&["a1"]), e(&["a1"])];
        let mut inverted = Inverted::default();
        for x in &entries {
            inverted.add(x.terms.clone());
        }
        let json =
            String::from_utf8(encode("sq", &entries, inverted).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default();
        assert!(json.contains("\"terms\":{\"a1\":[0,2,1],\"b1\":[0,1]}"), "{json}");
    }

    /// `search.js` must fold exactly like [`fold`]: its table is parsed here
    /// and replayed, as the browser does, over Latin and nearby blocks.
    #[test]
    fn search_js_folds_like_rust() {
        let js = include_str!("../../themes/default/static/assets/search.js");
        let table = js.split("FOLD = \"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default();
        assert!(!table.is_empty(), "search.js has no FOLD table");
        // As search.js builds it: the listed letters, then their capitals.
        let mut map: BTreeMap<char, String> = BTreeMap::new();
        for group in table.split('|') {
            let Some((to, from)) = group.split_once(':') else { panic!("bad group {group}") };
            map.extend(from.chars().map(|c| (c, to.to_string())));
        }
        for (c, to) in map.clone() {
            let mut up = c.to_uppercase();
            if let (Some(u), None) = (up.next(), up.next()) {
                map.entry(u).or_insert(to);
            }
        }
        for code in 0x20..0x3000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let js_fold = map.get(&c).cloned().unwrap_or_else(|| c.to_lowercase().collect());
            assert_eq!(js_fold, fold(&c.to_string()), "search.js folds {c:?} (U+{code:04X}) differently");
        }
    }
}
