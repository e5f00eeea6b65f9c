//! The reader's site (issue 18): the scale's meaning beside every chart,
//! twelve long dimension names, the home page's data, and a site's brand,
//! logo, menu, stylesheet and partial UI strings without a theme of its own.

mod common;

use common::*;

#[test]
fn the_scale_says_what_its_ends_mean_and_links_the_method() {
    let (_tmp, out) = build("look", &[]);
    for page in ["radar/al/index.html", "radar/index.html", "index.html"] {
        let sq = read(&out, page);
        assert!(
            sq.contains("0 = asnjë përgjigje institucionale; 5 = përgjigje e plotë dhe e qëndrueshme."),
            "{page}: {sq}"
        );
        assert!(sq.contains("Pikët më të larta janë më të mira."), "{page}");
        assert!(sq.contains("<a href=\"/sub/metodologjia/\">Si jepen pikët</a>"), "{page}");
    }
    let en = read(&out, "en/radar/al/index.html");
    assert!(en.contains("0 = no institutional response; 5 = a full and lasting response."), "{en}");
    assert!(
        en.contains("A higher score is better.")
            && en.contains("<a href=\"/sub/en/metodologjia/\">How the scores are given</a>")
    );
}

#[test]
fn twelve_long_dimension_names_wrap_and_number_their_axes() {
    let (_tmp, out) = build("look", &[]);
    let sq = read(&out, "radar/al/index.html");
    // Every label line fits beside the chart: at most 20 characters.
    let lines: Vec<&str> = sq
        .split("<tspan")
        .skip(1)
        .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once("</tspan>")).map(|(l, _)| l))
        .collect();
    assert!(lines.len() > 12, "labels are wrapped: {lines:?}");
    assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
    assert!(lines.contains(&"Kundërzbulimikrimin-"), "a word longer than a line is cut with a hyphen: {lines:?}");
    // Numbered axes for phones, named in the key beside the chart.
    assert!(sq.contains("dominant-baseline=\"central\">12</text>"), "{sq}");
    assert!(sq.contains("<li>Transparenca e të dhënave publike</li></ol>"), "{sq}");
    // A missing score is explained in words under the small multiple.
    let overview = read(&out, "radar/index.html");
    assert!(
        overview.contains("Pa pikë për 11 Kundërzbulimikriminalistikëkompjuterike: boshllëk në formë, i shënuar me ×."),
        "{overview}"
    );
    assert!(overview.contains("2024 krahasuar me 2023"), "{overview}");
    assert!(read(&out, "en/radar/index.html").contains("2024 compared with 2023"));
}

#[test]
fn the_home_page_shows_every_country_chart_and_each_tracker_by_country() {
    let (_tmp, out) = build("radar", &[]);
    let sq = read(&out, "index.html");
    assert!(sq.contains("aria-labelledby=\"home-radar-al-title\""), "the latest chart of each country: {sq}");
    assert!(sq.contains("<h3><a href=\"/sub/radar/al/\">Shqipëria</a></h3>"), "{sq}");
    assert!(sq.contains("<a href=\"/sub/trackers/berlin/\">Rekomandimet e Berlinit</a>"), "{sq}");
    // The bar's parts carry symbol (by class) and count, their width is a class
    // (no style attribute, for a strict CSP), and the bar is a sentence for screen readers.
    assert!(sq.contains("<span class=\"seg seg-implemented w-50\">1</span>"), "{sq}");
    assert!(sq.contains("<span class=\"seg seg-partially-implemented w-50\">1</span>"), "{sq}");
    assert!(
        sq.contains("<span class=\"visually-hidden\">Shqipëria: 1 i zbatuar, 1 i zbatuar pjesërisht</span>"),
        "{sq}"
    );
}

#[test]
fn brand_logo_menu_and_stylesheet_come_from_site_yaml() {
    let (_tmp, out) = build("look", &[]);
    let en = read(&out, "en/index.html");
    // Links use a darker shade of a brand colour too light to read on white.
    // The brand colours end the theme's stylesheet (no style element, for a strict CSP).
    let css = read(&out, "assets/style.css");
    let brand = css.rfind(":root{--brand:#ffcc00;--accent:#866b00;--accent-fg:#ffffff;--focus:#866b00}");
    assert!(brand.is_some_and(|at| at > css.len() / 2), "{css}");
    assert!(!en.contains("<style"), "{en}");
    assert!(en.contains("<img class=\"logo\" src=\"/sub/images/logo.svg\" alt=\"\" height=\"40\">"), "{en}");
    let theme = en.find("/sub/assets/style.css").unwrap_or(usize::MAX);
    let own = en.find("<link rel=\"stylesheet\" href=\"/sub/custom.css\">").unwrap_or(0);
    assert!(theme < own, "the site's stylesheet comes after the theme's: {en}");
    let nav = en.split("<nav class=\"main-nav\"").nth(1).and_then(|n| n.split("</nav>").next()).unwrap_or("");
    let labels: Vec<&str> =
        nav.split("</a>").filter_map(|a| a.rsplit_once('>').map(|(_, l)| l)).filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(labels, ["Radar", "How we score", "Reports", "The organisation", "Search"], "{nav}");
    assert!(nav.contains("<a href=\"https://example.org/\" class=\"external\">The organisation</a>"), "{nav}");
    assert!(read(&out, "en/radar/index.html").contains("<a href=\"/sub/en/radar/\" aria-current=\"page\">Radar</a>"));
}

#[test]
fn a_partial_theme_strings_file_overrides_key_by_key() {
    let (_tmp, out) = build("look", &[]);
    let en = read(&out, "en/index.html");
    assert!(en.contains("Published by the Observatory."), "the theme's string: {en}");
    assert!(en.contains(">Skip to content</a>"), "the default theme's string for the rest: {en}");
    let (_t, root) = site("look");
    let r = raport(&root, &["check", "--root", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("missing-ui-string") && !r.stderr.contains("is missing for"), "{}", r.stderr);
}

#[test]
fn a_string_only_one_language_has_is_borrowed_with_a_warning() {
    let (_t, root) = site("look");
    std::fs::write(root.join("themes/default/i18n/en.yaml"), "footer_note: Ours.\nread_more: Read more\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let r = raport(&root, &["check", "--root", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "themes/default/i18n/sq.yaml:1:1: warning: UI string `read_more` is missing for `sq`; the `en` text is used"
        ),
        "{}",
        r.stderr
    );
}

/// The `look` fixture with no `menu:` in site.yaml: the default menu.
fn site_without_menu() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = site("look");
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
    let without_menu = format!("{}minify: false\n", yaml.split("menu:").next().unwrap_or_default());
    std::fs::write(root.join("site.yaml"), without_menu).unwrap_or_else(|e| panic!("{e}"));
    (t, root)
}

#[test]
fn a_page_can_stay_out_of_the_default_menu() {
    let (_t, root) = site_without_menu();
    let r = raport(&root, &["build", "--root", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sq = read(&root.join("public"), "index.html");
    let nav = sq.split("<nav class=\"main-nav\"").nth(1).and_then(|n| n.split("</nav>").next()).unwrap_or("");
    assert!(nav.contains(">Metodologjia</a>"), "{nav}");
    assert!(!nav.contains("Privatësia"), "`menu: false` keeps a page out: {nav}");
}

#[test]
fn the_default_menu_shows_eight_pages_and_says_which_are_left_out() {
    let (_t, root) = site_without_menu();
    for i in 0..40 {
        let page = format!("---\ntitle: \"Faqja {i:02}\"\n---\nTeksti.\n");
        std::fs::write(root.join(format!("content/pages/faqja-{i:02}.sq.md")), page).unwrap_or_else(|e| panic!("{e}"));
    }
    let r = raport(&root, &["build", "--root", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "site.yaml:1:1: warning: the default menu shows 8 pages; 33 more are left out of it (`faqja-08`, ...)"
        ),
        "{}",
        r.stderr
    );
    let sq = read(&root.join("public"), "index.html");
    let nav = sq.split("<nav class=\"main-nav\"").nth(1).and_then(|n| n.split("</nav>").next()).unwrap_or("");
    assert!(nav.contains(">Faqja 00</a>"), "{nav}");
    assert!(!nav.contains(">Faqja 39</a>"), "{nav}");
    assert!(nav.matches("<li>").count() <= 4 + 8 + 1, "sections, eight pages, search: {nav}");
}

#[test]
fn a_menu_longer_than_a_header_holds_is_an_error_at_the_entry_too_many() {
    let (_t, root) = site("look");
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
    let mut menu = String::from("menu:\n");
    for i in 0..30 {
        menu.push_str(&format!("  - {{link: \"https://example.org/{i}\", label: \"Lidhja {i}\"}}\n"));
    }
    let without_menu = yaml.split("menu:").next().unwrap_or_default().to_string();
    std::fs::write(root.join("site.yaml"), format!("{without_menu}{menu}")).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(&root, &["check", "--root", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = without_menu.lines().count() + 1 + 21;
    assert!(
        r.stderr.contains(&format!("site.yaml:{line}:"))
            && r.stderr.contains("the menu has 30 entries; a page header holds at most 20"),
        "{}",
        r.stderr
    );
}
