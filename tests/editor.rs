//! The web editor's configuration (`/admin/config.yml`), read back with
//! raport's own YAML parser: every collection is made from the site and the
//! declarations raport reads its files with (docs/editors.md, "Editing in
//! the browser").

mod common;

use std::path::Path;

use common::*;
use raport::yaml::{Kind, Node};
use serde_json::{Value, json};

/// A YAML node as JSON, for navigating.
fn to_json(n: &Node) -> Value {
    match &n.kind {
        Kind::Scalar { text, plain } => {
            if *plain {
                match text.as_str() {
                    "true" => return Value::Bool(true),
                    "false" => return Value::Bool(false),
                    _ => {}
                }
                if let Ok(v) = text.parse::<f64>() {
                    return json!(v);
                }
            }
            Value::String(text.clone())
        }
        Kind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Kind::Map(pairs) => {
            Value::Object(pairs.iter().map(|(k, v)| (k.as_scalar().unwrap_or("").to_string(), to_json(v))).collect())
        }
    }
}

/// The built site's editor configuration.
fn config(out: &Path) -> Value {
    let text = read(out, "admin/config.yml");
    let file = raport::diag::SourceFile::new("admin/config.yml", &text);
    let mut diags = raport::diag::Diagnostics::new();
    let node = raport::yaml::parse(&file, &text, 1, &mut diags).unwrap_or_else(|| panic!("{}", diags.render_human()));
    to_json(&node)
}

fn collection<'a>(cfg: &'a Value, name: &str) -> &'a Value {
    cfg["collections"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {fields}"))
}

fn names(fields: &Value) -> Vec<String> {
    fields.as_array().into_iter().flatten().filter_map(|f| f["name"].as_str().map(str::to_string)).collect()
}

fn values(options: &Value) -> Vec<String> {
    options.as_array().into_iter().flatten().filter_map(|o| o["value"].as_str().map(str::to_string)).collect()
}

#[test]
fn the_demos_editor_knows_its_languages_countries_topics_trackers_and_radar() {
    let (_tmp, out) = build_demo();
    let cfg = config(&out);
    assert_eq!(cfg["backend"]["name"], "github");
    assert_eq!(cfg["backend"]["repo"], "example/wb-ocr", "the repository the Pages address names");
    assert_eq!(cfg["publish_mode"], "editorial_workflow");
    assert_eq!(cfg["i18n"]["structure"], "multiple_files");
    assert_eq!(cfg["i18n"]["locales"], json!(["sq", "en", "sr"]));
    assert_eq!(cfg["i18n"]["default_locale"], "sq");
    assert!(cfg.get("local_backend").is_none(), "the published editor saves to GitHub only");

    // Briefs: one field per front-matter key, in the order raport documents them, and the body.
    let briefs = collection(&cfg, "briefs");
    assert_eq!(briefs["folder"], "content/briefs");
    assert_eq!(briefs["i18n"], true);
    let fm = [
        "title",
        "date",
        "updated",
        "summary",
        "authors",
        "countries",
        "topics",
        "tracker",
        "recommendations",
        "slug",
        "draft",
        "attachments",
        "menu",
        "type",
        "image",
        "body",
    ];
    assert_eq!(names(&briefs["fields"]), fm);
    let f = &briefs["fields"];
    assert_eq!(field(f, "date")["widget"], "datetime");
    assert_eq!(field(f, "date")["format"], "YYYY-MM-DD");
    assert_eq!(field(f, "date")["required"], true, "a brief needs a date");
    assert_eq!(field(f, "countries")["widget"], "select");
    assert_eq!(field(f, "countries")["multiple"], true);
    assert_eq!(values(&field(f, "countries")["options"]), ["al", "ba", "xk", "me", "mk", "rs"]);
    assert!(values(&field(f, "topics")["options"]).contains(&"berlin-process".to_string()));
    assert_eq!(values(&field(f, "tracker")["options"]), ["berlin-2022-security"]);
    assert!(values(&field(f, "recommendations")["options"]).contains(&"berlin-2022-security/sec-1".to_string()));
    assert_eq!(field(f, "title")["i18n"], true);
    assert_eq!(field(f, "date")["i18n"], "duplicate");
    assert_eq!(names(&collection(&cfg, "pages")["fields"]), fm);

    // Trackers: the tracker's keys; each recommendation's cells by country, then by review.
    let tracker = &collection(&cfg, "trackers")["files"][0];
    assert_eq!(tracker["file"], "content/trackers/berlin-2022-security.yaml");
    let tf = &tracker["fields"];
    assert_eq!(names(tf), ["title", "description", "source", "updated", "reviews", "recommendations"]);
    assert_eq!(names(&field(tf, "title")["fields"]), ["sq", "en", "sr"], "a text per language");
    assert_eq!(names(&field(tf, "reviews")["fields"]), ["id", "date", "label"]);
    let rec = &field(tf, "recommendations")["fields"];
    assert_eq!(names(rec), ["id", "title", "text", "addressed_to", "countries"]);
    let countries = &field(rec, "countries")["fields"];
    assert_eq!(names(countries), ["al", "ba", "xk", "me", "mk", "rs"]);
    let reviews = &field(countries, "al")["fields"];
    assert_eq!(names(reviews), ["2023", "2024"], "the tracker's reviews, oldest first");
    let cell = &field(reviews, "2024")["fields"];
    assert_eq!(names(cell), ["status", "note", "sources"]);
    let statuses = values(&field(cell, "status")["options"]);
    assert_eq!(
        statuses,
        ["not-implemented", "in-progress", "partially-implemented", "implemented", "not-applicable", "no-data"]
    );
    assert_eq!(names(&field(cell, "sources")["fields"]), ["title", "url"]);

    // Radar: one entry per country, a number per dimension within the scale.
    let radar = collection(&cfg, "radar");
    let files = radar["files"].as_array().cloned().unwrap_or_default();
    assert_eq!(files.len(), 6);
    let af = &field(&files[0]["fields"], "assessments")["fields"];
    assert_eq!(names(af), ["year", "scores", "findings"]);
    let scores = &field(af, "scores")["fields"];
    assert_eq!(names(scores)[0], "legal-framework");
    let score = field(scores, "legal-framework");
    assert_eq!(
        (score["widget"].as_str(), score["min"].as_f64(), score["max"].as_f64()),
        (Some("number"), Some(0.0), Some(5.0))
    );
    assert_eq!(names(&field(af, "findings")["fields"]), ["sq", "en", "sr"]);
    assert_eq!(collection(&cfg, "narratives")["folder"], "content/radar");

    // site.yaml: every key but topics, brand, menu and notice among them.
    let site = &collection(&cfg, "settings")["files"][0];
    assert_eq!(site["file"], "site.yaml");
    let sf = names(&site["fields"]);
    for key in ["title", "base_url", "languages", "notice", "brand", "menu", "editor"] {
        assert!(sf.contains(&key.to_string()), "site.yaml's `{key}`: {sf:?}");
    }
    assert!(!sf.contains(&"topics".to_string()));
    assert_eq!(names(&field(&site["fields"], "menu")["fields"]), ["link", "label"]);

    let page = read(&out, "admin/index.html");
    assert!(page.contains("<script src=\"/wb-ocr/admin/decap-cms.js?v=3.16.3\"></script>"), "{page}");
    assert!(out.join("admin/decap-cms.js").metadata().is_ok_and(|m| m.len() > 1_000_000));
}

/// The demo, built.
fn build_demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let out = tmp.path().join("public");
    let r = raport(&demo_root(), &["build", "--output", out.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (tmp, out)
}

#[test]
fn editor_in_site_yaml_names_the_repository_and_chooses_sveltia_with_its_pinned_script() {
    let (tmp, root) = site("basic");
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
    let with_editor = format!("{yaml}\neditor:\n  repo: my-org/wb-ocr\n  branch: live\n  cms: sveltia\n");
    std::fs::write(root.join("site.yaml"), with_editor).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = root.join("public");
    let cfg = config(&out);
    assert_eq!(
        (cfg["backend"]["repo"].as_str(), cfg["backend"]["branch"].as_str()),
        (Some("my-org/wb-ocr"), Some("live"))
    );
    let page = read(&out, "admin/index.html");
    assert!(
        page.contains("src=\"https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js\" integrity=\"sha384-"),
        "{page}"
    );

    let bad = format!("{yaml}\neditor:\n  repo: wb-ocr\n  cms: wordpress\n");
    std::fs::write(root.join("site.yaml"), bad).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["check", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("`wb-ocr` is not a GitHub repository"), "{}", r.stderr);
    assert!(r.stderr.contains("`wordpress` is not an editor raport knows"), "{}", r.stderr);
}

#[test]
fn init_repo_writes_where_the_editor_saves() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["init", "s", "--repo", "my-org/radar"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let yaml = std::fs::read_to_string(tmp.path().join("s/site.yaml")).unwrap_or_default();
    assert!(yaml.contains("editor:\n  repo: my-org/radar"), "{yaml}");
    let r = raport(&tmp.path().join("s"), &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(config(&tmp.path().join("s/public"))["backend"]["repo"], "my-org/radar");
    assert_eq!(raport(tmp.path(), &["init", "t", "--repo", "not a repo"]).code, 2);
}
