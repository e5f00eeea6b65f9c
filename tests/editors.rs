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

#[test]
fn declared_topics_pair_their_pages_across_languages() {
    let (_tmp, out) = build("search", &[]);
    let sq = read(&out, "topics/siguria/index.html");
    // The switcher leads to the English topic page, not to the English home.
    assert!(sq.contains("<a href=\"/sub/en/topics/security/\" hreflang=\"en\" lang=\"en\">English</a>"), "{sq}");
    assert!(sq.contains("<p class=\"intro\">Siguria rajonale.</p>"), "{sq}");
    assert!(sq.contains("<meta name=\"description\" content=\"Siguria rajonale.\">"), "{sq}");
    let en = read(&out, "en/topics/security/index.html");
    assert!(en.contains("<a href=\"/sub/topics/siguria/\" hreflang=\"sq\" lang=\"sq\">Shqip</a>"), "{en}");
    // A free-form topic keeps working, without a translation.
    let free = read(&out, "topics/policimi/index.html");
    assert!(free.contains("<h1>Policimi</h1>"), "{free}");
    assert!(free.contains("href=\"/sub/en/\" hreflang=\"en\""), "{free}");
    // The brief links its topic under the declared label.
    assert!(read(&out, "en/briefs/kosova/index.html").contains("href=\"/sub/en/topics/security/\""));
}

#[test]
fn a_brief_naming_a_declared_topic_in_another_language_gets_the_label_of_its_own() {
    let (tmp, root) = site("search");
    let en = root.join("content/briefs/kosova.en.md");
    let text = std::fs::read_to_string(&en).unwrap_or_default().replace("topics: [Security]", "topics: [Siguria]");
    std::fs::write(&en, text).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = root.join("public");
    assert!(read(&out, "en/topics/security/index.html").contains("<h1>Security</h1>"));
    assert!(!out.join("en/topics/siguria").exists());
}

#[test]
fn the_home_page_takes_a_title_and_a_description() {
    let (_tmp, out) = build("search", &[]);
    let sq = read(&out, "index.html");
    assert!(sq.contains("<h1>Mirë se vini</h1>"), "{sq}");
    assert!(sq.contains("<title>Mirë se vini · Radari</title>"), "{sq}");
    assert!(sq.contains("<meta name=\"description\" content=\"Radari i sigurisë.\">"), "{sq}");
    // Without front matter, the site title.
    assert!(read(&out, "en/index.html").contains("<h1>The Radar</h1>"));
}

#[test]
fn an_unknown_key_on_the_home_page_lists_the_known_keys() {
    let (tmp, root) = site("search");
    std::fs::write(root.join("content/_index.en.md"), "---\ntitel: Welcome\n---\nHi.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["check", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("content/_index.en.md:2:1: error: unknown key `titel` in home page front matter"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("= hint: known keys: title, description"), "{}", r.stderr);
}

#[test]
fn the_site_notice_is_on_every_page() {
    let (_tmp, out) = build("search", &[]);
    for (page, text, label) in [
        ("index.html", "Të dhëna ilustrative.", "Njoftim"),
        ("briefs/kosova/index.html", "Të dhëna ilustrative.", "Njoftim"),
        ("en/radar/al/index.html", "Illustrative data.", "Notice"),
        ("en/search/index.html", "Illustrative data.", "Notice"),
    ] {
        let html = read(&out, page);
        assert!(
            html.contains(&format!(
                "<aside class=\"site-notice\" aria-label=\"{label}\">\n<p class=\"wrap\">{text}</p>"
            )),
            "{page}: {html}"
        );
    }
}

/// Issue 16: text and file names written decomposed (e + U+0308, as some
/// editors and macOS write them) give the same slugs, sorting and search
/// terms as composed text, and composed output.
#[test]
fn decomposed_unicode_is_composed_before_slugs_sorting_and_search() {
    let (tmp, root) = site("search");
    let e = "e\u{308}";
    let body = format!(
        "---\ntitle: \"P{e}rgjegjshme\"\ndate: 2023-11-01\ntopics: [\"C\u{327}{e}shtje\"]\n---\n\nKosov{e} dhe sigurin{e}.\n"
    );
    std::fs::write(root.join(format!("content/briefs/p{e}rgjegje-si.sq.md")), body).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = root.join("public");
    // The slug from the decomposed file name, not `pe-rgjegje-si`.
    let page = read(&out, "briefs/pergjegje-si/index.html");
    assert!(page.contains("<h1>Përgjegjshme</h1>"), "{page}");
    assert!(!page.contains('\u{308}'), "decomposed text in the output");
    assert!(out.join("topics/ceshtje/index.html").is_file());
    // Sorting: "Çështje" after "C…", before "D…" and "S…" in the topic list.
    let topics = read(&out, "topics/index.html");
    let at = |s: &str| topics.find(s).unwrap_or(usize::MAX);
    assert!(at("Çështje") < at("Policimi") && at("Policimi") < at("Siguria"), "{topics}");
    // Search terms are the composed words' stems.
    let index = read(&out, "search-index.json");
    assert!(index.contains("\"Përgjegjshme\"") && index.contains("\"kosov\":"), "{index}");
    assert!(!index.contains('\u{308}'));
}
