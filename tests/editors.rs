//! What editors and readers run into (issue 16): translations of files that
//! failed to load, the menu order, home page front matter, the site notice,
//! decomposed Unicode, tabs in YAML, dates and links as editors write them.

mod common;

use common::*;

/// The labels of the main navigation of a built page, in order.
fn nav(html: &str) -> Vec<String> {
    let nav = html.split("class=\"main-nav").nth(1).and_then(|s| s.split("</nav>").next()).unwrap_or_default();
    nav.split("<a href=")
        .skip(1)
        .filter_map(|a| a.split('>').nth(1).and_then(|s| s.split('<').next()))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_file_that_failed_to_load_is_not_a_missing_translation() {
    let (tmp, root) = site("search");
    std::fs::write(root.join("content/briefs/kosova.sq.md"), "---\ntitle: [unclosed\ndate: 2023-10-14\n---\nx\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["check", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("kosova.sq.md"), "{}", r.stderr);
    assert!(!r.stderr.contains("has no `sq` translation"), "{}", r.stderr);
}

#[test]
fn the_menu_has_the_same_order_in_every_language() {
    let (_tmp, out) = build("search", &[]);
    let sq = nav(&read(&out, "index.html"));
    let en = nav(&read(&out, "en/index.html"));
    let pos = |v: &[String], a: &str| v.iter().position(|x| x == a).unwrap_or(usize::MAX);
    // "Metodologjia" < "Rreth nesh" in Albanian: "Methodology" before "About us" in English too.
    assert!(pos(&sq, "Metodologjia") < pos(&sq, "Rreth nesh"), "{sq:?}");
    assert!(pos(&en, "Methodology") < pos(&en, "About us"), "{en:?}");
}
