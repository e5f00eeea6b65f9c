//! Recommendation trackers (SPEC §5, §7): tracker pages, the matrix, data
//! downloads parsed back and compared with the YAML, fallback marking, brief
//! links, and error snapshots for bad tracker files.

mod common;

use std::collections::BTreeMap;

use common::*;

/// Every (recommendation, country) status of `tests/fixtures/tracker/content/trackers/alpha.yaml`,
/// as written there; site countries the file leaves out are `no-data`.
const ALPHA: &[(&str, &str, &str)] = &[
    ("a-1", "al", "implemented"),
    ("a-1", "xk", "partially-implemented"),
    ("a-1", "rs", "no-data"),
    ("a-2", "al", "in-progress"),
    ("a-2", "xk", "no-data"),
    ("a-2", "rs", "not-implemented"),
];

fn expected() -> BTreeMap<(String, String), String> {
    ALPHA.iter().map(|(r, c, s)| ((r.to_string(), c.to_string()), s.to_string())).collect()
}

/// Splits CSV text into records (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "CSV does not end with a line break");
    rows
}

#[test]
fn json_export_has_every_site_country_with_status_codes() {
    let (_tmp, out) = build("tracker", &[]);
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "data/trackers/alpha.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["id"], "alpha");
    assert_eq!(json["updated"], "2023-09-30");
    assert_eq!(json["countries"], serde_json::json!(["al", "xk", "rs"]));
    let mut got = BTreeMap::new();
    for r in json["recommendations"].as_array().unwrap_or_else(|| panic!("no recommendations")) {
        let id = r["id"].as_str().unwrap_or_default().to_string();
        let countries = r["countries"].as_object().unwrap_or_else(|| panic!("no countries"));
        assert_eq!(countries.len(), 3, "{id}: every site country, no other");
        for (c, a) in countries {
            got.insert((id.clone(), c.clone()), a["status"].as_str().unwrap_or_default().to_string());
        }
    }
    assert_eq!(got, expected());
    let a1 = &json["recommendations"][0];
    assert_eq!(a1["countries"]["xk"]["sources"], serde_json::json!(["https://example.org/a", "Gazeta Zyrtare nr. 12"]));
    assert_eq!(a1["countries"]["xk"]["note"]["en"], "Partly, with \"quotes\", and commas.");
    // A missing translation holds the default language's text.
    assert_eq!(json["recommendations"][1]["title"]["en"], "E dyta");
}

#[test]
fn csv_export_has_one_row_per_recommendation_and_country() {
    let (_tmp, out) = build("tracker", &[]);
    let rows = parse_csv(&read(&out, "data/trackers/alpha.csv"));
    let header = rows.first().unwrap_or_else(|| panic!("empty CSV"));
    assert_eq!(header[..3], ["recommendation", "country", "status"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let mut got = BTreeMap::new();
    for r in &rows[1..] {
        assert_eq!(r.len(), header.len(), "{r:?}");
        got.insert((r[0].clone(), r[1].clone()), r[2].clone());
    }
    assert_eq!(rows.len() - 1, ALPHA.len());
    assert_eq!(got, expected());
    let xk = rows.iter().find(|r| r[0] == "a-1" && r[1] == "xk").unwrap_or_else(|| panic!("no a-1/xk row"));
    assert_eq!(xk[col("note_en")], "Partly, with \"quotes\", and commas.");
    assert_eq!(xk[col("sources")], "https://example.org/a | Gazeta Zyrtare nr. 12");
    assert_eq!(xk[col("title_sq")], "E para");
}

#[test]
fn data_files_are_language_neutral_and_deterministic() {
    let (_t1, a) = build("tracker", &[]);
    let (_t2, b) = build("tracker", &[]);
    for f in ["data/trackers/alpha.json", "data/trackers/alpha.csv", "data/trackers/beta.csv"] {
        assert_eq!(read(&a, f), read(&b, f), "{f} differs between builds");
    }
    assert!(!a.join("en/data").exists(), "data downloads are written once per site");
}

#[test]
fn tracker_page_matrix_matches_golden() {
    let (_tmp, out) = build("tracker", &[]);
    assert_golden(
        "tracker",
        &out,
        &["trackers/alpha/index.html", "en/trackers/alpha/index.html", "en/trackers/index.html"],
    );
}

#[test]
fn matrix_is_a_table_with_caption_scopes_and_worded_badges() {
    let (_tmp, out) = build("tracker", &[]);
    let page = main_of(&read(&out, "en/trackers/alpha/index.html"));
    assert!(page.contains("<caption id=\"matrix_caption\">Implementation status by country</caption>"), "{page}");
    assert!(page.contains("<th scope=\"col\">Kosovo</th>"), "{page}");
    assert!(page.contains("<th scope=\"row\"><a href=\"#a-1\">The first</a></th>"), "{page}");
    assert!(
        page.contains("<span class=\"status status-partially-implemented\">Partially implemented</span>"),
        "{page}"
    );
    assert!(page.contains("id=\"a-1\""), "{page}");
    assert!(page.contains("<p>The <strong>full</strong> text.</p>"), "{page}");
    assert!(page.contains("href=\"/sub/data/trackers/alpha.csv\""), "{page}");
    assert!(page.contains("href=\"/sub/en/briefs/one/\""), "the introduction's @/ link resolves: {page}");
}

#[test]
fn fallback_text_is_marked_with_its_own_lang() {
    let (_tmp, out) = build("tracker", &[]);
    let page = main_of(&read(&out, "en/trackers/alpha/index.html"));
    assert!(page.contains("<a href=\"#a-2\"><span lang=\"sq\">E dyta</span></a>"), "{page}");
    assert!(page.contains("<div class=\"prose\" lang=\"sq\"><p>Vetëm shqip.</p>"), "{page}");
    let sq = main_of(&read(&out, "trackers/alpha/index.html"));
    assert!(!sq.contains("lang=\""), "nothing falls back in the default language: {sq}");
}

#[test]
fn briefs_link_their_tracker_and_the_tracker_lists_its_briefs_per_language() {
    let (_tmp, out) = build("tracker", &[]);
    let brief = read(&out, "en/briefs/one/index.html");
    assert!(brief.contains("<a href=\"/sub/en/trackers/alpha/\">Alpha recommendations</a>"), "{brief}");
    let sq = main_of(&read(&out, "trackers/alpha/index.html"));
    assert!(sq.contains("/sub/briefs/one/") && sq.contains("/sub/briefs/two/"), "{sq}");
    let en = main_of(&read(&out, "en/trackers/alpha/index.html"));
    assert!(en.contains("/sub/en/briefs/one/") && !en.contains("briefs/two/"), "{en}");
}

#[test]
fn tracker_list_and_home_show_every_tracker_with_counts() {
    let (_tmp, out) = build("tracker", &[]);
    let list = main_of(&read(&out, "trackers/index.html"));
    assert!(list.contains("2 rekomandime") && list.contains("1 rekomandim<"), "{list}");
    assert!(
        list.contains("<span class=\"status status-no-data\">Pa të dhëna</span> <span class=\"count\">2</span>"),
        "{list}"
    );
    let home = main_of(&read(&out, "en/index.html"));
    assert!(home.contains("<a href=\"/sub/en/trackers/alpha/\">Alpha recommendations</a>"), "{home}");
}

#[test]
fn check_warns_about_missing_translations_in_trackers() {
    let r = raport(&fixture("tracker"), &["check", "--root", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("content/trackers/alpha.yaml:21:12: warning: `title` has no `en` text"), "{}", r.stderr);
}

#[test]
fn unknown_status_is_reported_at_the_value() {
    insta::assert_snapshot!("tracker_status", diagnostics_of("invalid/tracker-status", "check"));
}

#[test]
fn unknown_and_non_site_countries_are_reported() {
    insta::assert_snapshot!("tracker_country", diagnostics_of("invalid/tracker-country", "check"));
}

#[test]
fn duplicate_and_malformed_ids_are_reported() {
    insta::assert_snapshot!("tracker_duplicate", diagnostics_of("invalid/tracker-duplicate", "check"));
}

#[test]
fn bad_updated_dates_are_reported() {
    insta::assert_snapshot!("tracker_date", diagnostics_of("invalid/tracker-date", "check"));
}

#[test]
fn unknown_keys_are_reported_at_every_level() {
    insta::assert_snapshot!("tracker_key", diagnostics_of("invalid/tracker-key", "check"));
}

#[test]
fn a_brief_citing_a_missing_tracker_is_an_error() {
    insta::assert_snapshot!("tracker_citation", diagnostics_of("invalid/tracker-citation", "check"));
}

#[test]
fn broken_links_in_tracker_markdown_point_into_the_yaml() {
    insta::assert_snapshot!("tracker_link", diagnostics_of("invalid/tracker-link", "check"));
}

#[test]
fn csv_cells_a_spreadsheet_would_evaluate_start_with_an_apostrophe_and_json_stays_exact() {
    // #13: titles, notes and sources beginning with = + - @ open as formulas.
    let (tmp, root) = site("tracker");
    let path = root.join("content/trackers/alpha.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let text = text
        .replacen(
            "title: {sq: \"E para\", en: \"The first\"}",
            "title: {sq: \"=HYPERLINK(\\\"https://x\\\",\\\"x\\\")\", en: \"+1+1\"}",
            1,
        )
        .replacen(
            "note: {sq: \"Pjesërisht, me \\\"thonjëza\\\".\", en: \"Partly, with \\\"quotes\\\", and commas.\"}",
            "note: {sq: \"@SUM(A1)\", en: \"-2+3\"}",
            1,
        );
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = root.join("public");
    let rows = parse_csv(&read(&out, "data/trackers/alpha.csv"));
    let xk = rows.iter().find(|r| r[0] == "a-1" && r[1] == "xk").unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(&xk[3..7], ["'=HYPERLINK(\"https://x\",\"x\")", "'+1+1", "'@SUM(A1)", "'-2+3"], "{xk:?}");
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "data/trackers/alpha.json")).unwrap_or_else(|e| panic!("{e}"));
    let r1 = &json["recommendations"][0];
    assert_eq!(r1["title"]["sq"], "=HYPERLINK(\"https://x\",\"x\")");
    assert_eq!(r1["countries"]["xk"]["note"]["en"], "-2+3");
}
