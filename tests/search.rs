//! Search (issue 16): what is on the site is found, under its anchor and
//! kind, whatever the inflection of the word looked for.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use raport::render::search::{KINDS, stem, tokenize};

/// One document of an index: title, url, date, snippet, kind.
type Doc = Vec<String>;

struct Index {
    lang: String,
    docs: Vec<Doc>,
    terms: BTreeMap<String, Vec<usize>>,
}

fn index_of(out: &Path, rel: &str) -> Index {
    let v: serde_json::Value = serde_json::from_str(&read(out, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let docs: Vec<Doc> = v["docs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d.as_array().into_iter().flatten().map(|s| s.as_str().unwrap_or_default().to_string()).collect())
        .collect();
    let mut terms = BTreeMap::new();
    for (t, p) in v["terms"].as_object().into_iter().flatten() {
        let mut n = 0;
        let list = p
            .as_array()
            .into_iter()
            .flatten()
            .map(|g| {
                n += g.as_u64().unwrap_or_default() as usize;
                n
            })
            .collect();
        terms.insert(t.clone(), list);
    }
    Index { lang: v["lang"].as_str().unwrap_or_default().to_string(), docs, terms }
}

impl Index {
    /// The documents holding every word of `query`, as search.js finds them:
    /// words folded and stemmed, a stem matching the index's stems as a prefix.
    fn query(&self, query: &str) -> Vec<&Doc> {
        let mut found: Option<Vec<usize>> = None;
        for w in tokenize(query).iter().map(|t| stem(t, &self.lang)) {
            let mut hits: Vec<usize> =
                self.terms.iter().filter(|(t, _)| t.starts_with(&w)).flat_map(|(_, p)| p.iter().copied()).collect();
            hits.sort_unstable();
            hits.dedup();
            found = Some(match found {
                None => hits,
                Some(f) => f.into_iter().filter(|d| hits.contains(d)).collect(),
            });
        }
        found.unwrap_or_default().into_iter().filter_map(|i| self.docs.get(i)).collect()
    }

    /// The URLs found by `query`.
    fn urls(&self, query: &str) -> Vec<String> {
        self.query(query).into_iter().filter_map(|d| d.get(1).cloned()).collect()
    }
}

const BASE: &str = "/sub/";

#[test]
fn tracker_notes_and_radar_findings_are_found_under_their_anchors() {
    let (_tmp, out) = build("search", &[]);
    let sq = index_of(&out, "search-index.json");
    let rec = "/sub/trackers/berlin/#sec-1";
    // Words only in the notes of a recommendation, inflected otherwise.
    assert!(sq.urls("sanksione").contains(&rec.to_string()), "{:?}", sq.urls("sanksione"));
    assert!(sq.urls("sanksionet").contains(&rec.to_string()));
    assert!(sq.urls("Interpol").contains(&rec.to_string()));
    assert!(sq.urls("interpolit").contains(&rec.to_string()));
    // Radar findings and narratives.
    assert_eq!(sq.urls("SPAK"), ["/sub/radar/al/#findings-2023"]);
    assert!(sq.urls("kibernetik").contains(&"/sub/radar/xk/#radar-narrative".to_string()));
    let en = index_of(&out, "en/search-index.json");
    assert!(en.urls("sanctions").contains(&"/sub/en/trackers/berlin/#sec-1".to_string()));
    assert_eq!(en.urls("SPAK"), ["/sub/en/radar/al/#findings-2023"]);
    // Every anchor a result links to is on its page.
    for idx in [&sq, &en] {
        for d in &idx.docs {
            let url = d.get(1).cloned().unwrap_or_default();
            let Some((page, anchor)) = url.split_once('#') else { continue };
            let html = read(&out, &format!("{}index.html", page.trim_start_matches(BASE)));
            assert!(html.contains(&format!("id=\"{anchor}\"")), "{url}: no id {anchor} on the page");
        }
    }
}

#[test]
fn inflected_forms_find_each_other() {
    let (_tmp, out) = build("search", &[]);
    let sq = index_of(&out, "search-index.json");
    let brief = "/sub/briefs/kosova/".to_string();
    // The brief says "Kosovës" and "Kosova"; the narrative says "Kosovë".
    for q in ["Kosovë", "kosove", "Kosova", "Kosovës", "KOSOVËN"] {
        let urls = sq.urls(q);
        assert!(urls.contains(&brief), "{q}: {urls:?}");
        assert!(urls.contains(&"/sub/radar/xk/#radar-narrative".to_string()), "{q}: {urls:?}");
    }
    assert!(sq.urls("policisë").contains(&brief));
    let en = index_of(&out, "en/search-index.json");
    // The brief writes "organised" and "Recommendations".
    for q in ["organized", "organised", "organizing", "recommendation"] {
        assert!(en.urls(q).contains(&"/sub/en/briefs/kosova/".to_string()), "{q}: {:?}", en.urls(q));
    }
}

#[test]
fn results_have_a_kind_labelled_in_the_readers_language() {
    let (_tmp, out) = build("search", &[]);
    let sq = index_of(&out, "search-index.json");
    let kind = |url: &str| sq.docs.iter().find(|d| d.get(1).is_some_and(|u| u == url)).and_then(|d| d.get(4)).cloned();
    assert_eq!(kind("/sub/briefs/kosova/").as_deref(), Some("brief"));
    assert_eq!(kind("/sub/rreth/").as_deref(), Some("page"));
    assert_eq!(kind("/sub/trackers/berlin/#sec-1").as_deref(), Some("tracker"));
    assert_eq!(kind("/sub/trackers/berlin/").as_deref(), Some("tracker"));
    assert_eq!(kind("/sub/radar/al/").as_deref(), Some("country"));
    assert_eq!(kind("/sub/topics/siguria/").as_deref(), Some("topic"));
    assert!(sq.docs.iter().all(|d| d.get(4).is_some_and(|k| KINDS.contains(&k.as_str()))));
    let page = read(&out, "search/index.html");
    assert!(page.contains("&quot;brief&quot;:&quot;Analizë&quot;"), "{page}");
    assert!(page.contains("&quot;country&quot;:&quot;Vend&quot;"), "{page}");
    assert!(read(&out, "en/search/index.html").contains("&quot;brief&quot;:&quot;Brief&quot;"));
}
