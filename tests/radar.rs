//! The country radar end to end (SPEC §6, §7): country pages and the
//! overview in both languages, the chart, the score table, missing scores,
//! data downloads, and every radar input error with its position.

mod common;

use std::collections::BTreeMap;

use common::*;

#[test]
fn country_page_and_overview_match_golden() {
    let (_tmp, out) = build("radar", &[]);
    assert_golden("radar", &out, &["radar/al/index.html", "en/radar/index.html"]);
}

#[test]
fn every_site_country_has_a_page_in_every_language() {
    let (_tmp, out) = build("radar", &[]);
    for prefix in ["", "en/"] {
        for cc in ["al", "xk", "rs"] {
            assert!(out.join(format!("{prefix}radar/{cc}/index.html")).is_file(), "{prefix}radar/{cc}/");
        }
    }
    assert!(!out.join("radar/ba").exists(), "only site countries");
    assert!(read(&out, "radar/rs/index.html").contains("Ende nuk ka vlerësim për këtë vend."));
    assert!(read(&out, "en/radar/rs/index.html").contains("No assessment for this country yet."));
}

#[test]
fn country_names_follow_the_page_language_and_site_overrides() {
    let (_tmp, out) = build("radar", &[]);
    assert!(read(&out, "radar/al/index.html").contains("<h1>Shqipëria</h1>"));
    assert!(read(&out, "en/radar/al/index.html").contains("<h1>Albania</h1>"));
    assert!(read(&out, "radar/xk/index.html").contains("<h1>Republika e Kosovës</h1>"));
    assert!(read(&out, "en/radar/xk/index.html").contains("<h1>Republic of Kosovo</h1>"));
}

#[test]
fn scores_use_decimal_comma_in_albanian_and_point_in_english() {
    let (_tmp, out) = build("radar", &[]);
    let sq = read(&out, "radar/al/index.html");
    let en = read(&out, "en/radar/al/index.html");
    assert!(sq.contains("<tr><th scope=\"row\">Korniza ligjore</th><td class=\"num\">3,5</td><td class=\"num\">3</td><td class=\"num\">+0,5</td></tr>"), "{sq}");
    assert!(en.contains("<tr><th scope=\"row\">Legal framework</th><td class=\"num\">3.5</td><td class=\"num\">3</td><td class=\"num\">+0.5</td></tr>"), "{en}");
    assert!(
        sq.contains("<td class=\"num\">1,75</td><td class=\"num\">2</td><td class=\"num\">\u{2212}0,25</td>"),
        "{sq}"
    );
    assert!(en.contains("<td class=\"num\">\u{2212}0.25</td>"), "{en}");
    assert!(sq.contains("<caption id=\"scores-caption\">") && sq.contains("<th scope=\"col\">2022</th>"));
    // The table scrolls inside its own labelled region, reachable by keyboard (#18).
    assert!(
        sq.contains("<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"scores-caption\" tabindex=\"0\">"),
        "{sq}"
    );
}

#[test]
fn a_missing_score_is_shown_as_missing_never_as_zero() {
    let (_tmp, out) = build("radar", &[]);
    let sq = read(&out, "radar/al/index.html");
    assert!(sq.contains("<tr><th scope=\"row\">Shoqëria civile</th><td class=\"num missing\">mungon</td><td class=\"num\">1</td><td class=\"num missing\">pa krahasim</td></tr>"), "{sq}");
    // The chart leaves a gap and marks the axis instead of drawing a point at the centre.
    assert!(sq.contains("<path class=\"latest gaps\""), "{sq}");
    assert_eq!(sq.matches("<path class=\"missing\"").count(), 1);
    assert!(!sq.contains("cx=\"320.0\" cy=\"230.0\""), "no latest point at the centre");
    assert!(sq.contains("Shoqëria civile: mungon (2022: 1)"), "described in words: {sq}");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "data/radar.json")).unwrap_or_default();
    assert_eq!(json["countries"][0]["assessments"][1]["scores"]["civil-society"], serde_json::Value::Null);
    assert!(read(&out, "data/radar.csv").contains("\nal,Shqipëria,Albania,2023,3.5,1.75,2.5,\n"));
}

#[test]
fn one_year_only_has_no_previous_year_or_change() {
    let (_tmp, out) = build("radar", &[]);
    let xk = read(&out, "en/radar/xk/index.html");
    assert!(xk.contains("<thead><tr><th scope=\"col\">Dimension</th><th scope=\"col\">2023</th></tr></thead>"), "{xk}");
    assert!(xk.contains("Republic of Kosovo: radar chart, 2023</title>"), "{xk}");
    assert!(!xk.contains("class=\"previous"), "{xk}");
}

#[test]
fn chart_is_accessible_inline_svg_in_the_page_language() {
    let (_tmp, out) = build("radar", &[]);
    let en = read(&out, "en/radar/al/index.html");
    assert!(en.contains("<svg class=\"radar-chart\" viewBox=\"0 0 640 460\" role=\"img\" aria-labelledby=\"radar-al-title\" aria-describedby=\"radar-al-desc\"><title id=\"radar-al-title\">Albania: radar chart, 2023 compared with 2022</title><desc id=\"radar-al-desc\">Scale: 0–5. Legal framework: 3.5 (2022: 3);"), "{en}");
    assert!(en.contains("<tspan x=\"320.0\">Legal framework</tspan>"));
    let sq = read(&out, "radar/al/index.html");
    assert!(sq.contains("<tspan x=\"320.0\">Korniza ligjore</tspan>"));
    // The country comes first, in the nominative (#16).
    assert!(sq.contains("Shqipëria: grafiku radar, 2023 krahasuar me 2022</title>"), "{sq}");
    // Years told apart by line style and marker shape, not colour alone.
    assert!(en.contains("<polygon class=\"previous\"") && en.contains("previous-point") && en.contains("latest-point"));
    assert!(en.contains("<span class=\"swatch previous\" aria-hidden=\"true\"></span>2022 (previous assessment)"));
    // The chart needs no JavaScript: the one script only shows the embed code's copy button.
    assert_eq!(
        en.matches("<script").count(),
        en.matches("<script src=\"/sub/assets/share.js\" defer>").count(),
        "{en}"
    );
}

/// Tags, attributes and text of an HTML fragment, in order, as an HTML
/// tokenizer reads them (names folded to lower case, as HTML parsers do).
fn structure(html: &str) -> Vec<(String, BTreeMap<String, String>)> {
    common::html::nodes(html)
        .into_iter()
        .map(|n| match n {
            common::html::Node::Start(t) => (t.name, t.attrs),
            common::html::Node::End(name) => (format!("/{name}"), BTreeMap::new()),
            common::html::Node::Text(text) => (format!("#text {text}"), BTreeMap::new()),
        })
        .collect()
}

#[test]
fn chart_survives_minification_intact() {
    let (_tmp, out) = build("radar", &[]);
    let page = read(&out, "radar/al/index.html");
    let start = page.find("<svg").unwrap_or(0);
    let end = page.find("</svg>").map_or(page.len(), |i| i + "</svg>".len());
    let svg = &page[start..end];
    let doc = format!(
        "<!DOCTYPE html><html lang=\"sq\"><head><title>t</title></head><body><figure>{svg}</figure></body></html>"
    );
    let min = String::from_utf8(raport::minify::minify(doc.as_bytes())).unwrap_or_default();
    let s = min.find("<svg").unwrap_or(0);
    let e = min.find("</svg>").map_or(min.len(), |i| i + "</svg>".len());
    assert!(structure(svg).len() > 50, "the chart has its grid, shapes and labels");
    assert_eq!(structure(&min[s..e]), structure(svg));
    assert!(min.contains("viewBox="), "viewBox keeps its case: {min}");
}

#[test]
fn exports_hold_every_country_year_and_dimension() {
    let (_tmp, out) = build("radar", &[]);
    let json: serde_json::Value = serde_json::from_str(&read(&out, "data/radar.json")).unwrap_or_default();
    assert_eq!(json["scale"], serde_json::json!({"min": 0, "max": 5}));
    let dims: Vec<&str> =
        json["dimensions"].as_array().into_iter().flatten().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(dims, ["legal-framework", "capacity", "prosecution", "civil-society"]);
    let codes: Vec<&str> =
        json["countries"].as_array().into_iter().flatten().filter_map(|c| c["code"].as_str()).collect();
    assert_eq!(codes, ["al", "xk", "rs"]);
    let al = &json["countries"][0]["assessments"];
    assert_eq!(al[0]["year"], 2022);
    assert_eq!(
        al[0]["scores"],
        serde_json::json!({"legal-framework": 3, "capacity": 2, "prosecution": 2.5, "civil-society": 1})
    );
    assert_eq!(al[1]["scores"]["capacity"], serde_json::json!(1.75));
    assert_eq!(al[1]["findings"]["en"], "Findings with **emphasis**.\n");
    assert_eq!(json["countries"][2]["assessments"], serde_json::json!([]));

    let csv = read(&out, "data/radar.csv");
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows.first().map(Vec::as_slice),
        Some(
            &["country", "name_sq", "name_en", "year", "legal-framework", "capacity", "prosecution", "civil-society"][..]
        )
    );
    let back: Vec<(String, String, Vec<Option<f64>>)> = rows
        .iter()
        .skip(1)
        .map(|r| (r[0].to_string(), r[3].to_string(), r[4..].iter().map(|v| v.parse().ok()).collect()))
        .collect();
    assert_eq!(
        back,
        [
            ("al".into(), "2022".into(), vec![Some(3.0), Some(2.0), Some(2.5), Some(1.0)]),
            ("al".into(), "2023".into(), vec![Some(3.5), Some(1.75), Some(2.5), None]),
            ("xk".into(), "2023".into(), vec![Some(4.0), Some(3.0), Some(2.0), Some(5.0)]),
        ]
    );
    assert!(read(&out, "radar/index.html").contains("href=\"/sub/data/radar.csv\""));
}

#[test]
fn overview_shows_countries_side_by_side_and_links_each_page() {
    let (_tmp, out) = build("radar", &[]);
    let o = read(&out, "radar/index.html");
    for cc in ["al", "xk", "rs"] {
        assert!(o.contains(&format!("<h2><a href=\"/sub/radar/{cc}/\">")), "{cc}: {o}");
    }
    assert_eq!(o.matches("<svg class=\"radar-chart small\"").count(), 2);
    assert!(o.contains("<caption id=\"radar-compare-caption\">"));
    assert!(o.contains("<th scope=\"row\"><a href=\"/sub/radar/al/\">Shqipëria</a></th><td class=\"num\">2023</td><td class=\"num\">3,5</td>"), "{o}");
    assert!(read(&out, "index.html").contains("href=\"/sub/radar/\""), "reachable from the home page");
}

#[test]
fn country_page_lists_findings_narrative_briefs_and_tracker_status() {
    let (_tmp, out) = build("radar", &[]);
    let sq = read(&out, "radar/al/index.html");
    assert!(
        sq.contains("<p>Gjetje me <strong>theksim</strong> dhe një <a href=\"/sub/briefs/alfa/\">lidhje</a>.</p>"),
        "{sq}"
    );
    assert!(sq.contains("Narrativa e <strong>Shqipërisë</strong>."));
    let beta = sq.find("Analiza Beta").unwrap_or(usize::MAX);
    let alfa = sq.find("Analiza Alfa").unwrap_or(0);
    assert!(beta < alfa, "briefs newest first");
    assert!(sq.contains("<a href=\"/sub/trackers/berlin/#sec-2\">Bashkëpunimi policor</a> <span class=\"status status-partially-implemented\">I zbatuar pjesërisht</span>"), "{sq}");
    let xk = read(&out, "radar/xk/index.html");
    assert!(
        xk.contains("<span class=\"status status-no-data\">Pa të dhëna</span>"),
        "absent country counts as no-data"
    );

    let en = read(&out, "en/radar/al/index.html");
    assert!(en.contains("<h2 id=\"radar-narrative\"><span lang=\"sq\">Shqipëria në vështrim</span></h2>"), "{en}");
    assert!(en.contains("<div class=\"prose\" lang=\"sq\"><p>Narrativa e"), "fallback marked with its language");
    assert!(en.contains("Brief Beta") && !en.contains("Analiza Alfa"), "briefs in the page language only");
}

#[test]
fn a_site_without_radar_data_still_has_country_pages_and_no_downloads() {
    let (_tmp, out) = build("basic", &[]);
    assert!(read(&out, "radar/al/index.html").contains("Ende nuk ka vlerësim për këtë vend."));
    assert!(out.join("en/radar/index.html").is_file());
    assert!(!out.join("data/radar.json").exists());
}

#[test]
fn score_outside_the_scale_is_an_error_at_the_value() {
    insta::assert_snapshot!("radar_out_of_scale", diagnostics_of("invalid/radar-out-of-scale", "check"));
}

#[test]
fn unknown_dimension_suggests_the_closest() {
    insta::assert_snapshot!("radar_unknown_dimension", diagnostics_of("invalid/radar-unknown-dimension", "check"));
}

#[test]
fn duplicate_year_points_at_the_second() {
    insta::assert_snapshot!("radar_duplicate_year", diagnostics_of("invalid/radar-duplicate-year", "check"));
}

#[test]
fn file_named_after_an_unknown_country_is_an_error_on_the_file() {
    insta::assert_snapshot!("radar_unknown_country", diagnostics_of("invalid/radar-unknown-country", "check"));
}

#[test]
fn unknown_keys_in_radar_files_are_named() {
    insta::assert_snapshot!("radar_unknown_key", diagnostics_of("invalid/radar-unknown-key", "check"));
}

#[test]
fn non_numeric_scores_get_a_decimal_point_hint() {
    insta::assert_snapshot!("radar_not_a_number", diagnostics_of("invalid/radar-not-a-number", "check"));
}

#[test]
fn bad_scale_and_duplicate_dimensions_are_reported_together() {
    insta::assert_snapshot!("radar_dimensions", diagnostics_of("invalid/radar-dimensions", "check"));
}

#[test]
fn scores_without_dimensions_file_are_an_error() {
    insta::assert_snapshot!("radar_no_dimensions", diagnostics_of("invalid/radar-no-dimensions", "build"));
}

#[test]
fn broken_links_in_findings_and_narratives_point_into_the_file() {
    insta::assert_snapshot!("radar_broken_link", diagnostics_of("invalid/radar-broken-link", "check"));
}

#[test]
fn site_yaml_names_the_radar_section_in_every_language() {
    // #25: the radar section's title could only be changed in a theme.
    let (tmp, root) = site("radar");
    let config = root.join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    let radar = "radar:\n  title: {sq: \"Radari i krimit\", en: \"Crime radar\"}\n  description: {sq: \"Vlerësimet.\", en: \"The scores.\"}\n";
    std::fs::write(&config, format!("{text}{radar}")).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = root.join("public");
    for (page, title, intro) in
        [("radar/index.html", "Radari i krimit", "Vlerësimet."), ("en/radar/index.html", "Crime radar", "The scores.")]
    {
        let html = read(&out, page);
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{page}: {html}");
        assert!(html.contains(&format!("<p class=\"intro\">{intro}</p>")), "{page}: {html}");
        assert!(html.contains(&format!("<title>{title}")), "{page}: {html}");
        assert!(!html.contains("Organized Crime Radar"), "{page}: {html}");
    }
    assert!(read(&out, "en/radar/al/index.html").contains(">Crime radar</a></p>"), "the crumbs follow");
    // A misspelt key is an error at the key.
    std::fs::write(&config, format!("{text}radar:\n  titel: Radari\n")).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["check", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("unknown key `titel`"), "{}", r.stderr);
}
