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
    assert_eq!(
        a1["countries"]["xk"]["sources"],
        serde_json::json!([
            {"title": null, "url": "https://example.org/a"},
            {"title": {"en": "Gazeta Zyrtare nr. 12", "sq": "Gazeta Zyrtare nr. 12"}, "url": null}
        ])
    );
    // A file without `reviews:` has one review, named after the year of `updated`.
    assert_eq!(json["reviews"], serde_json::json!([{"id": "2023", "label": null, "date": "2023-09-30"}]));
    assert_eq!(a1["countries"]["xk"]["reviews"][0]["status"], "partially-implemented");
    assert_eq!(a1["countries"]["xk"]["change"], serde_json::Value::Null);
    assert_eq!(a1["countries"]["xk"]["note"]["en"], "Partly, with \"quotes\", and commas.");
    // A missing translation holds the default language's text.
    assert_eq!(json["recommendations"][1]["title"]["en"], "E dyta");
}

#[test]
fn csv_export_has_one_row_per_recommendation_and_country() {
    let (_tmp, out) = build("tracker", &[]);
    let rows = parse_csv(&read(&out, "data/trackers/alpha.csv"));
    let header = rows.first().unwrap_or_else(|| panic!("empty CSV"));
    assert_eq!(header[..7], ["tracker", "recommendation", "country", "review", "review_date", "status", "change"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let mut got = BTreeMap::new();
    for r in &rows[1..] {
        assert_eq!(r.len(), header.len(), "{r:?}");
        assert_eq!((r[0].as_str(), r[3].as_str(), r[4].as_str()), ("alpha", "2023", "2023-09-30"));
        got.insert((r[1].clone(), r[2].clone()), r[5].clone());
    }
    assert_eq!(rows.len() - 1, ALPHA.len());
    assert_eq!(got, expected());
    let xk = rows.iter().find(|r| r[1] == "a-1" && r[2] == "xk").unwrap_or_else(|| panic!("no a-1/xk row"));
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
    assert!(page.contains("<caption>Implementation status by country</caption>"), "{page}");
    // The matrix scrolls inside a labelled region a keyboard can reach.
    assert!(
        page.contains("<div class=\"table-scroll matrix-scroll\" role=\"region\" aria-label=\"Status table by country\" tabindex=\"0\">"),
        "{page}"
    );
    assert!(page.contains("<th scope=\"col\" data-country=\"xk\">Kosovo</th>"), "{page}");
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

/// `(review, status, change)` of one cell of `rounds.json`.
fn cell_reviews(json: &serde_json::Value, rec: usize, country: &str) -> Vec<(String, String, String)> {
    json["recommendations"][rec]["countries"][country]["reviews"]
        .as_array()
        .unwrap_or_else(|| panic!("no reviews for {rec}/{country}"))
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("").to_string();
            (s("review"), s("status"), s("change"))
        })
        .collect()
}

#[test]
fn json_export_holds_every_review_with_its_change() {
    let (_tmp, out) = build("tracker", &[]);
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "data/trackers/rounds.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        json["reviews"],
        serde_json::json!([
            {"id": "2023", "label": null, "date": "2023"},
            {"id": "2024", "label": {"en": "October 2024", "sq": "Tetor 2024"}, "date": "2024-10-15"}
        ])
    );
    let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(cell_reviews(&json, 0, "al"), [t("2023", "in-progress", ""), t("2024", "implemented", "improved")]);
    assert_eq!(
        cell_reviews(&json, 0, "xk"),
        [t("2023", "implemented", ""), t("2024", "partially-implemented", "worsened")]
    );
    assert_eq!(cell_reviews(&json, 0, "rs"), [t("2023", "no-data", ""), t("2024", "not-implemented", "new")]);
    assert_eq!(cell_reviews(&json, 1, "xk")[1], t("2024", "implemented", "unchanged"));
    // The short form gives the latest review.
    assert_eq!(cell_reviews(&json, 1, "rs"), [t("2023", "no-data", ""), t("2024", "implemented", "new")]);
    assert_eq!(cell_reviews(&json, 1, "al")[1], t("2024", "not-applicable", ""));
    let xk = &json["recommendations"][0]["countries"]["xk"];
    assert_eq!((xk["status"].as_str(), xk["change"].as_str()), (Some("partially-implemented"), Some("worsened")));
    assert_eq!(xk["sources"][0]["url"], "https://example.org/g");
    assert_eq!(xk["sources"][0]["title"]["en"], "Gazeta Zyrtare 5/2024");
    assert!(json["statuses"].as_array().is_some_and(|a| a.contains(&serde_json::json!("not-applicable"))));
}

#[test]
fn csv_export_is_long_format_one_row_per_review() {
    let (_tmp, out) = build("tracker", &[]);
    let rows = parse_csv(&read(&out, "data/trackers/rounds.csv"));
    let header = rows.first().unwrap_or_else(|| panic!("empty CSV"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    // 2 recommendations × 3 site countries × 2 reviews.
    assert_eq!(rows.len() - 1, 12);
    let row = |rec: &str, c: &str, rv: &str| {
        rows.iter()
            .find(|r| r[col("recommendation")] == rec && r[col("country")] == c && r[col("review")] == rv)
            .unwrap_or_else(|| panic!("no row {rec}/{c}/{rv}"))
    };
    let xk = row("r-1", "xk", "2024");
    assert_eq!(xk[col("tracker")], "rounds");
    assert_eq!(xk[col("review_date")], "2024-10-15");
    assert_eq!(xk[col("status")], "partially-implemented");
    assert_eq!(xk[col("change")], "worsened");
    assert_eq!(xk[col("note_en")], "Less");
    assert_eq!(xk[col("sources")], "Gazeta Zyrtare 5/2024 <https://example.org/g> | https://www.example.com/x/y");
    assert_eq!(row("r-1", "xk", "2023")[col("change")], "");
    assert_eq!(row("r-1", "al", "2024")[col("change")], "improved");
    assert_eq!(row("r-2", "al", "2023")[col("status")], "not-applicable");
}

#[test]
fn tracker_page_shows_latest_status_with_change_in_words() {
    let (_tmp, out) = build("tracker", &[]);
    let en = main_of(&read(&out, "en/trackers/rounds/index.html"));
    assert!(en.contains("Latest review: October 2024. Changes are compared with the review before: 2023."), "{en}");
    // The change is a symbol for the eye and words for everyone, never colour alone.
    assert!(
        en.contains("<td class=\"cell st-implemented\" data-country=\"al\" data-status=\"implemented\"><span class=\"status status-implemented\">Implemented</span> <span class=\"change change-improved\" title=\"Improved since 2023\"><span aria-hidden=\"true\">↑</span><span class=\"visually-hidden\">Improved since 2023</span></span></td>"),
        "{en}"
    );
    assert!(en.contains("<span class=\"visually-hidden\">Worsened since 2023</span>"), "{en}");
    assert!(en.contains("<span class=\"visually-hidden\">Assessed for the first time (not in 2023)</span>"), "{en}");
    assert!(en.contains("<span class=\"visually-hidden\">Unchanged since 2023</span>"), "{en}");
    assert!(en.contains("<span class=\"status status-not-applicable\">Not applicable</span>"), "{en}");
    // Sources: the title, or the domain of a bare address; never the address as text.
    assert!(en.contains("<a href=\"https://example.org/g\">Gazeta Zyrtare 5/2024</a>"), "{en}");
    assert!(en.contains("<a href=\"https://www.example.com/x/y\">example.com</a>"), "{en}");
    // Internal ids stay anchors and are not shown.
    assert!(en.contains("id=\"r-1\"") && !en.contains(">r-1<"), "{en}");
    let sq = main_of(&read(&out, "trackers/rounds/index.html"));
    assert!(sq.contains(">U përmirësua që nga 2023<"), "{sq}");
    assert!(sq.contains("<span class=\"status status-implemented\">I zbatuar</span>"), "{sq}");
}

#[test]
fn not_applicable_is_left_out_of_tallies_and_shares() {
    let (_tmp, out) = build("tracker", &[]);
    let en = main_of(&read(&out, "en/trackers/rounds/index.html"));
    let summary = en.split("id=\"summary_caption\"").nth(1).unwrap_or_default();
    let summary = summary.split("</table>").next().unwrap_or_default();
    assert!(!summary.contains("not-applicable"), "no tally row for not-applicable: {summary}");
    // Albania: r-1 implemented, r-2 not applicable -> 1 implemented, nothing else.
    assert!(summary.contains("Implemented</span></th><td>1</td><td>1</td><td>1</td>"), "{summary}");
    let progress = en.split("id=\"progress_caption\"").nth(1).unwrap_or_default();
    let progress = progress.split("</table>").next().unwrap_or_default();
    assert!(progress.contains("<th scope=\"col\">Review 2023</th><th scope=\"col\">October 2024</th>"), "{progress}");
    // Albania 2023: r-1 in progress (r-2 not applicable): 0 of 1; 2024: 1 of 1.
    assert!(
        progress.contains("<th scope=\"row\">Albania</th><td>0 of 1 (0%)</td><td>1 of 1 (100%)</td>"),
        "{progress}"
    );
    // Serbia 2023: nothing assessed.
    assert!(progress.contains("<th scope=\"row\">Serbia</th><td>Not assessed</td><td>1 of 2 (50%)</td>"), "{progress}");
    let list = main_of(&read(&out, "en/trackers/index.html"));
    assert!(!list.contains("not-applicable"), "{list}");
}

#[test]
fn briefs_and_recommendations_link_both_ways_per_language() {
    let (_tmp, out) = build("tracker", &[]);
    let brief = main_of(&read(&out, "en/briefs/one/index.html"));
    assert!(brief.contains("<a href=\"/sub/en/trackers/rounds/#r-1\">R one</a>"), "{brief}");
    assert!(
        brief.contains("Kosovo: <span class=\"status status-partially-implemented\">Partially implemented</span>"),
        "{brief}"
    );
    let sq_brief = main_of(&read(&out, "briefs/one/index.html"));
    assert!(sq_brief.contains("<a href=\"/sub/trackers/alpha/#a-2\">E dyta</a>"), "{sq_brief}");
    // The recommendation lists the briefs about it, in the page's language.
    let en = main_of(&read(&out, "en/trackers/rounds/index.html"));
    assert!(
        en.contains(
            "Briefs about this recommendation:</p>\n<ul class=\"rec-briefs\"><li><a href=\"/sub/en/briefs/one/\">"
        ),
        "{en}"
    );
    let sq = main_of(&read(&out, "trackers/rounds/index.html"));
    assert!(sq.contains("<a href=\"/sub/briefs/one/\">Një analizë</a>"), "{sq}");
    // `a-1` alone in a brief with `tracker: alpha`.
    let alpha = main_of(&read(&out, "trackers/alpha/index.html"));
    assert!(alpha.contains("<a href=\"/sub/briefs/two/\">Analiza e dytë</a>"), "{alpha}");
    let alpha_en = main_of(&read(&out, "en/trackers/alpha/index.html"));
    assert!(!alpha_en.contains("briefs/two/\">"), "{alpha_en}");
}

#[test]
fn country_page_lists_statuses_with_their_change() {
    let (_tmp, out) = build("tracker", &[]);
    let page = main_of(&read(&out, "en/radar/xk/index.html"));
    assert!(page.contains("Implementation of recommendations in this country"), "{page}");
    assert!(page.contains("<a href=\"/sub/en/trackers/rounds/#r-1\">R one</a> <span class=\"status status-partially-implemented\">Partially implemented</span> <span class=\"change change-worsened\""), "{page}");
}

#[test]
fn review_errors_are_reported_at_the_value() {
    insta::assert_snapshot!("tracker_reviews", diagnostics_of("invalid/tracker-reviews", "check"));
}

#[test]
fn brief_recommendations_are_checked_with_hints() {
    insta::assert_snapshot!("brief_recommendations", diagnostics_of("invalid/brief-recommendations", "check"));
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
    let head = rows.first().cloned().unwrap_or_default();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {head:?}"));
    let xk = rows
        .iter()
        .find(|r| r[col("recommendation")] == "a-1" && r[col("country")] == "xk")
        .unwrap_or_else(|| panic!("{rows:?}"));
    let cells: Vec<&str> = ["title_sq", "title_en", "note_sq", "note_en"].iter().map(|c| xk[col(c)].as_str()).collect();
    assert_eq!(cells, ["'=HYPERLINK(\"https://x\",\"x\")", "'+1+1", "'@SUM(A1)", "'-2+3"], "{xk:?}");
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "data/trackers/alpha.json")).unwrap_or_else(|e| panic!("{e}"));
    let r1 = &json["recommendations"][0];
    assert_eq!(r1["title"]["sq"], "=HYPERLINK(\"https://x\",\"x\")");
    assert!(json.to_string().contains("\"-2+3\""), "the JSON keeps the note exact: {json}");
}

/// A class on a tracker table is not one the stylesheet lays out as a flex
/// row for something else (the home page's progress bars use `.progress`),
/// which would squeeze the caption beside the table and hide its rows.
#[test]
fn tracker_tables_do_not_share_a_flex_class() {
    let (_tmp, out) = build("tracker", &[]);
    let page = main_of(&read(&out, "trackers/alpha/index.html"));
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/assets/style.css"),
    )
    .expect("theme stylesheet");
    let classes: Vec<&str> = page
        .split("<table class=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .flat_map(|list| list.split_whitespace())
        .collect();
    assert!(classes.contains(&"matrix"), "{page}");
    for class in classes {
        for rule in css.lines().filter(|l| l.trim_start().starts_with(&format!(".{class} {{"))) {
            assert!(!rule.contains("display: flex"), "table class `{class}` is a flex row: {rule}");
        }
    }
}

/// Every `(recommendation, country, review)` of a built tracker's JSON, with
/// its status, note and sources.
fn every_review(out: &std::path::Path, id: &str) -> BTreeMap<(String, String, String), serde_json::Value> {
    let json: serde_json::Value =
        serde_json::from_str(&read(out, &format!("data/trackers/{id}.json"))).unwrap_or_else(|e| panic!("{e}"));
    let mut got = BTreeMap::new();
    for r in json["recommendations"].as_array().unwrap_or_else(|| panic!("no recommendations")) {
        let rec = r["id"].as_str().unwrap_or_default().to_string();
        for (c, a) in r["countries"].as_object().unwrap_or_else(|| panic!("no countries")) {
            for e in a["reviews"].as_array().unwrap_or_else(|| panic!("no reviews")) {
                let review = e["review"].as_str().unwrap_or_default().to_string();
                let kept = serde_json::json!({"status": e["status"], "note": e["note"], "sources": e["sources"]});
                got.insert((rec.clone(), c.clone(), review), kept);
            }
        }
    }
    got
}

/// Builds the site at `root` into its public/ folder and returns that folder.
fn build_root(tmp: &std::path::Path, root: &std::path::Path) -> std::path::PathBuf {
    let r = raport(tmp, &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    root.join("public")
}

#[test]
fn adding_a_review_with_the_command_keeps_every_earlier_status() {
    // #25: a second review moved every short-form status to the new review.
    let (tmp, root) = site("tracker");
    let before = build_root(tmp.path(), &root);
    let (alpha, rounds) = (every_review(&before, "alpha"), every_review(&before, "rounds"));
    let file = root.join("content/trackers/alpha.yaml");
    std::fs::write(
        &file,
        std::fs::read_to_string(&file).unwrap_or_default().replace("countries:\n", "countries: # by country\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let dir = root.to_str().unwrap_or("");
    for (tracker, date) in [("alpha", "2024-10-20"), ("rounds", "2025")] {
        let r = raport(tmp.path(), &["tracker", "add-review", tracker, date, "--root", dir]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("added review `"), "{}", r.stdout);
    }
    let check = raport(tmp.path(), &["check", "--root", dir]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let after = build_root(tmp.path(), &root);
    for (id, old, new_review) in [("alpha", alpha, "2024"), ("rounds", rounds, "2025")] {
        let new = every_review(&after, id);
        for (key, value) in &old {
            assert_eq!(new.get(key), Some(value), "{id}: {key:?} changed");
        }
        // The new review holds no status yet, except where the recommendation
        // does not apply to the country in any review.
        let old_reviews: std::collections::BTreeSet<&String> = old.keys().map(|(_, _, r)| r).collect();
        let added: Vec<_> = new.iter().filter(|((_, _, r), _)| r == new_review).collect();
        assert_eq!(added.len(), old.len() / old_reviews.len(), "{id}: one new entry per cell");
        for ((rec, c, _), v) in added {
            let mut earlier = old.iter().filter(|((r, c2, _), _)| r == rec && c2 == c).map(|(_, v)| &v["status"]);
            let expect = if earlier.all(|s| s == "not-applicable") { "not-applicable" } else { "no-data" };
            assert_eq!(v["status"], expect, "{id}: {rec}/{c}/{new_review}");
        }
    }
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(text.contains("countries: # by country\n      al: {2023: implemented}"), "comments are kept: {text}");
    assert!(text.contains("reviews:\n  - 2023-09-30\n  - 2024-10-20\n"), "{text}");
    // A date that does not come after the latest review is refused, and the file is left alone.
    let r = raport(tmp.path(), &["tracker", "add-review", "alpha", "2024-01-01", "--root", dir]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("give a later date than 2024-10-20"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), text);
}

#[test]
fn adding_a_review_by_hand_to_short_form_cells_is_an_error_not_a_lost_year() {
    // #25: `check` said ok while the 2023 statuses vanished.
    let (tmp, root) = site("tracker");
    let file = root.join("content/trackers/alpha.yaml");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    std::fs::write(
        &file,
        text.replace("updated: 2023-09-30\n", "updated: 2023-09-30\nreviews: [2023-09-30, 2024-10-20]\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["check", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stdout.contains("ok"), "{}", r.stdout);
    assert!(
        r.stderr.contains("content/trackers/alpha.yaml:16:11: error: `al` gives a status without saying for which review, in a tracker of 2 reviews"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("e.g. `al: {2023: implemented}`"), "{}", r.stderr);
    assert_eq!(r.stderr.matches("gives a status without saying").count(), 4, "{}", r.stderr);
}

#[test]
fn a_review_label_is_used_as_written_in_either_language() {
    // #25: "Review Annual review 2024", "Rishikimi Rishikimi vjetor 2024".
    let (tmp, root) = site("tracker");
    let file = root.join("content/trackers/rounds.yaml");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let text = text.replace(
        "label: {sq: \"Tetor 2024\", en: \"October 2024\"}",
        "label: {sq: \"Rishikimi vjetor 2024\", en: \"Annual review 2024\"}",
    );
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    let out = build_root(tmp.path(), &root);
    for (page, review, label) in [
        ("en/trackers/rounds/index.html", "Review", "Annual review 2024"),
        ("trackers/rounds/index.html", "Rishikimi", "Rishikimi vjetor 2024"),
    ] {
        let html = main_of(&read(&out, page));
        assert!(
            html.contains(&format!("<th scope=\"col\">{review} 2023</th><th scope=\"col\">{label}</th>")),
            "{html}"
        );
        assert!(html.contains(label), "{html}");
        assert!(!html.contains(&format!("{review} {label}")), "{page}: the label is wrapped again: {html}");
        assert!(!html.to_lowercase().contains(&format!("{} review", label.to_lowercase())), "{page}: {html}");
        assert!(!html.contains(&format!("rishikimit {label}")), "{page}: {html}");
    }
}
