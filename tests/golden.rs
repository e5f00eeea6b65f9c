//! Golden files of the `<main>` of every kind of page, in every language.
//!
//! The `pages` fixture has one of everything: a brief with its translation,
//! a page, a topic, a tracker with two reviews, radar data for two
//! countries, the search page and the 404 page. It is built once; the
//! `<main>` of one page of each kind per language is compared byte for byte
//! with `tests/fixtures/pages/golden/<kind>.<lang>.html`.
//!
//! Re-bless after an intended change of markup with
//! `RAPORT_BLESS=1 cargo test --test golden`, then review `git diff`.

mod common;

use std::path::Path;

use common::*;

/// The fixture whose pages are compared.
const CASE: &str = "pages";

/// Page kind, language and output path of every compared page. The 404 page
/// holds every language on one page (GitHub Pages serves a single
/// `404.html`), so its golden is `404.all.html`.
const PAGES: &[(&str, &str, &str)] = &[
    ("home", "sq", "index.html"),
    ("home", "en", "en/index.html"),
    ("brief-list", "sq", "briefs/index.html"),
    ("brief-list", "en", "en/briefs/index.html"),
    ("brief", "sq", "briefs/kosova/index.html"),
    ("brief", "en", "en/briefs/kosova/index.html"),
    ("page", "sq", "rreth/index.html"),
    ("page", "en", "en/rreth/index.html"),
    ("topic-list", "sq", "topics/index.html"),
    ("topic-list", "en", "en/topics/index.html"),
    ("topic", "sq", "topics/siguria/index.html"),
    ("topic", "en", "en/topics/security/index.html"),
    ("tracker-list", "sq", "trackers/index.html"),
    ("tracker-list", "en", "en/trackers/index.html"),
    ("tracker", "sq", "trackers/berlin/index.html"),
    ("tracker", "en", "en/trackers/berlin/index.html"),
    ("radar", "sq", "radar/index.html"),
    ("radar", "en", "en/radar/index.html"),
    ("country", "sq", "radar/xk/index.html"),
    ("country", "en", "en/radar/xk/index.html"),
    ("search", "sq", "search/index.html"),
    ("search", "en", "en/search/index.html"),
    ("404", "all", "404.html"),
];

/// Where the first difference between `want` and `got` is, line by line.
fn first_difference(want: &str, got: &str) -> String {
    let mut w = want.lines();
    let mut g = got.lines();
    let mut n = 1;
    loop {
        match (w.next(), g.next()) {
            (Some(a), Some(b)) if a == b => n += 1,
            (None, None) => return "the files differ only in their line endings".to_string(),
            (a, b) => {
                let show = |l: Option<&str>| l.map_or("(end of file)".to_string(), |l| format!("{l:?}"));
                return format!("line {n}:\n    golden: {}\n    built:  {}", show(a), show(b));
            }
        }
    }
}

/// The golden file names `PAGES` asks for.
fn golden_names() -> Vec<String> {
    PAGES.iter().map(|(kind, lang, _)| format!("{kind}.{lang}.html")).collect()
}

/// Files in `dir` that no entry of `PAGES` compares.
fn stale_goldens(dir: &Path) -> Vec<String> {
    let names = golden_names();
    let mut stale: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !names.contains(n))
                .collect()
        })
        .unwrap_or_default();
    stale.sort();
    stale
}

#[test]
fn main_of_every_kind_of_page_matches_golden() {
    let (_tmp, out) = build(CASE, &[]);
    let dir = fixture(CASE).join("golden");
    let bless = std::env::var_os("RAPORT_BLESS").is_some();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
        for name in stale_goldens(&dir) {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
    }
    let mut failures = Vec::new();
    for (kind, lang, path) in PAGES {
        let page = read(&out, path);
        assert_eq!(page.matches("<main").count(), 1, "{kind} ({lang}, {path}): not one <main> in\n{page}");
        let got = main_of(&page);
        let golden = dir.join(format!("{kind}.{lang}.html"));
        if bless {
            std::fs::write(&golden, format!("{got}\n")).unwrap();
            continue;
        }
        let want = match std::fs::read_to_string(&golden) {
            Ok(text) => text,
            Err(e) => {
                failures.push(format!("{kind} ({lang}, {path}): {}: {e}", golden.display()));
                continue;
            }
        };
        if want != format!("{got}\n") {
            failures
                .push(format!("{kind} ({lang}, {path}) differs from its golden, {}", first_difference(&want, &got)));
        }
    }
    for name in stale_goldens(&dir) {
        failures.push(format!("{}: no page is compared with this golden file", dir.join(name).display()));
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden pages differ:\n\n{}\n\nIf the change is intended, re-bless with \
         `RAPORT_BLESS=1 cargo test --test golden` and review `git diff tests/fixtures/{CASE}/golden`.",
        failures.len(),
        PAGES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn first_difference_names_the_line() {
    assert_eq!(first_difference("a\nb\nc\n", "a\nx\nc\n"), "line 2:\n    golden: \"b\"\n    built:  \"x\"");
    assert_eq!(first_difference("a\n", "a\nb"), "line 2:\n    golden: (end of file)\n    built:  \"b\"");
}
