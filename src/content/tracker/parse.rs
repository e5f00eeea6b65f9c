//! Reading one tracker file (SPEC §5): YAML text -> [`Tracker`], with every
//! problem reported at the offending value: unknown keys, statuses and
//! countries, duplicate or malformed ids, bad dates, missing fields.

use std::collections::BTreeMap;

use super::{Assessment, Markdown, Recommendation, Status, TextStart, Tracker, is_valid_id};
use crate::content::country::{self, Country, CountryCode};
use crate::diag::{Diagnostics, SourceFile, Span, did_you_mean};
use crate::i18n::{Date, Languages, Text};
use crate::yaml::{self, Fields, Kind, Node};

impl Status {
    /// Reads a status value, or reports an error at it listing the five.
    fn parse(node: &Node, file: &SourceFile, diags: &mut Diagnostics) -> Option<Status> {
        let code = node.str(file, "status", diags)?;
        if let Some(s) = Status::from_code(code.trim()) {
            return Some(s);
        }
        let list = Status::ALL.map(Status::code).join(", ");
        let folded = code.trim().to_lowercase().replace(['_', ' '], "-");
        let hint = match did_you_mean(&folded, Status::ALL.map(Status::code)) {
            Some(m) => format!("did you mean `{m}`? the statuses are: {list}"),
            None => format!("the statuses are: {list}"),
        };
        diags.push(file.error(node.span, "unknown-status", format!("unknown status `{code}`")).with_hint(hint));
        None
    }
}

impl Markdown {
    /// Reads a bilingual Markdown field and where each language's text starts.
    fn parse(
        node: &Node,
        what: &str,
        langs: &Languages,
        file: &SourceFile,
        diags: &mut Diagnostics,
    ) -> Option<Markdown> {
        let text = Text::parse(node, what, langs, file, diags)?;
        let mut starts = BTreeMap::new();
        if let Kind::Map(entries) = &node.kind {
            for (k, v) in entries {
                if let Some(l) = k.as_scalar() {
                    starts.insert(l.to_string(), text_start(v, file));
                }
            }
        }
        Some(Markdown { text, starts, start: text_start(node, file) })
    }
}

/// Where a scalar's text starts: at the value for a plain or block scalar
/// (`|`, `>`: the parser places those at their first line of text), after
/// the quote for a quoted one.
fn text_start(node: &Node, file: &SourceFile) -> TextStart {
    // Lines come from the file's line index: a tracker has thousands of
    // text fields, and scanning from the top for each was quadratic (#13).
    let line_text = |n: usize| file.line(n).unwrap_or("");
    let at = file.char_at(node.span.line, node.span.col);
    let plain = TextStart { line: node.span.line, indent: node.span.col.saturating_sub(1) };
    match (&node.kind, at) {
        (Kind::Scalar { plain: false, .. }, Some('|' | '>')) => {
            let next = line_text(node.span.line + 1);
            TextStart { line: node.span.line + 1, indent: next.chars().take_while(|c| *c == ' ').count() }
        }
        (Kind::Scalar { plain: false, .. }, _) if !follows_block_header(file, node.span.line) => {
            TextStart { line: node.span.line, indent: node.span.col }
        }
        _ => plain,
    }
}

/// True when the line before `line` ends with a block scalar header (`|`, `>-`, `|2`).
fn follows_block_header(file: &SourceFile, line: usize) -> bool {
    let Some(prev) = line.checked_sub(1).and_then(|i| file.line(i)) else {
        return false;
    };
    let tail = prev.trim_end().trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    tail.ends_with('|') || tail.ends_with('>')
}

/// A valid id close to `id`, for hints.
pub(super) fn suggest_id(id: &str) -> String {
    let s = crate::slug::slugify(id);
    if s.is_empty() { "sec-1".to_string() } else { s }
}

const TRACKER_KEYS: &[&str] = &["title", "description", "source", "updated", "recommendations"];
const RECOMMENDATION_KEYS: &[&str] = &["id", "title", "text", "addressed_to", "countries"];
const ASSESSMENT_KEYS: &[&str] = &["status", "note", "sources"];

/// Ids the tracker page uses itself; a recommendation may not take them.
const RESERVED_IDS: &[&str] = &["main"];

/// Parses one tracker file. `None` when it has errors (all in `diags`).
pub fn parse_tracker(
    id: &str,
    file: SourceFile,
    langs: &Languages,
    countries: &[Country],
    diags: &mut Diagnostics,
) -> Option<Tracker> {
    let before = diags.error_count();
    let root = yaml::parse(&file, &file.text, 1, diags)?;
    let f = Fields::new(&root, TRACKER_KEYS, "a tracker", &file, diags)?;
    let title =
        f.required("title", "the tracker", &file, diags).and_then(|n| Text::parse(n, "title", langs, &file, diags));
    let description = f.get("description").and_then(|n| Markdown::parse(n, "description", langs, &file, diags));
    let source = f.get("source").and_then(|n| Text::parse(n, "source", langs, &file, diags));
    let updated = f.get("updated").and_then(|n| Date::from_node(n, "updated", &file, diags));
    let mut recommendations = Vec::new();
    if let Some(list) =
        f.required("recommendations", "the tracker", &file, diags).and_then(|n| n.list(&file, "recommendations", diags))
    {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for node in list {
            if let Some(r) = parse_recommendation(node, langs, countries, &file, &mut seen, diags) {
                recommendations.push(r);
            }
        }
    }
    if diags.error_count() > before {
        return None;
    }
    Some(Tracker { id: id.to_string(), title: title?, description, source, updated, recommendations, file })
}

/// Parses one item of `recommendations`; `seen` maps ids to their lines.
fn parse_recommendation(
    node: &Node,
    langs: &Languages,
    countries: &[Country],
    file: &SourceFile,
    seen: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> Option<Recommendation> {
    let f = Fields::new(node, RECOMMENDATION_KEYS, "a recommendation", file, diags)?;
    let id = f.required("id", "this recommendation", file, diags).and_then(|n| {
        let id = n.str(file, "id", diags)?;
        check_recommendation_id(&id, n.span, file, seen, diags).then_some(id)
    });
    let title = f
        .required("title", "this recommendation", file, diags)
        .and_then(|n| Text::parse(n, "title", langs, file, diags));
    let text = f.get("text").and_then(|n| Markdown::parse(n, "text", langs, file, diags));
    let addressed_to = f.get("addressed_to").and_then(|n| Text::parse(n, "addressed_to", langs, file, diags));
    let mut given: BTreeMap<CountryCode, Assessment> = BTreeMap::new();
    if let Some(n) = f.get("countries") {
        for (code, kn, v) in n.entries(file, "countries", diags).unwrap_or_default() {
            let Some(c) = country::resolve(countries, &code, kn.span, file, diags) else {
                continue;
            };
            if let Some(a) = parse_assessment(v, &c.code, langs, file, diags) {
                given.insert(c.code.clone(), a);
            }
        }
    }
    let countries = countries
        .iter()
        .map(|c| {
            given.remove(&c.code).unwrap_or_else(|| Assessment {
                country: c.code.clone(),
                status: Status::NoData,
                note: None,
                sources: Vec::new(),
            })
        })
        .collect();
    Some(Recommendation { id: id?, title: title?, text, addressed_to, countries })
}

/// Checks a recommendation id's characters and uniqueness; records it in `seen`.
fn check_recommendation_id(
    id: &str,
    span: Span,
    file: &SourceFile,
    seen: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> bool {
    if !is_valid_id(id) {
        diags.push(
            file.error(
                span,
                "bad-id",
                format!("recommendation id `{id}` may only have lowercase letters, digits and hyphens"),
            )
            .with_hint(format!("the id becomes the recommendation's anchor in URLs; write e.g. `{}`", suggest_id(id))),
        );
        return false;
    }
    if RESERVED_IDS.contains(&id) {
        diags.push(
            file.error(span, "bad-id", format!("recommendation id `{id}` is an anchor the page uses itself"))
                .with_hint(format!("choose another id, e.g. `{id}-1`")),
        );
        return false;
    }
    if let Some(line) = seen.get(id) {
        diags.push(
            file.error(span, "duplicate-id", format!("duplicate recommendation id `{id}`"))
                .with_hint(format!("`{id}` is first used on line {line}; every recommendation needs its own id")),
        );
        return false;
    }
    seen.insert(id.to_string(), span.line);
    true
}

/// One country's entry: a status alone (`al: implemented`) or
/// `{status, note, sources}`.
fn parse_assessment(
    node: &Node,
    country: &CountryCode,
    langs: &Languages,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Assessment> {
    let (status, note, sources) = match &node.kind {
        Kind::Map(_) => {
            let f = Fields::new(node, ASSESSMENT_KEYS, "a country's status", file, diags)?;
            let status =
                f.required("status", "this country's entry", file, diags).and_then(|n| Status::parse(n, file, diags));
            let note = f.get("note").and_then(|n| Text::parse(n, "note", langs, file, diags));
            let sources = f
                .get("sources")
                .and_then(|n| n.str_list(file, "sources", diags))
                .unwrap_or_default()
                .into_iter()
                .map(|(s, _)| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            (status?, note, sources)
        }
        Kind::Seq(_) => {
            diags.push(
                file.error(node.span, "wrong-type", "a country's status must be a status or a mapping, found a list")
                    .with_hint("write `al: implemented`, or `al: {status: implemented, note: \"...\", sources: [\"https://...\"]}`"),
            );
            return None;
        }
        Kind::Scalar { .. } => (Status::parse(node, file, diags)?, None, Vec::new()),
    };
    Some(Assessment { country: country.clone(), status, note, sources })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Languages, Vec<Country>) {
        let langs = Languages::new(vec!["sq".into(), "en".into()]);
        let countries = CountryCode::built_in().into_iter().map(|c| Country::new(c, None, &langs)).collect();
        (langs, countries)
    }

    fn parse(src: &str) -> (Option<Tracker>, String) {
        let (langs, countries) = setup();
        let f = SourceFile::new("content/trackers/t.yaml", src);
        let mut d = Diagnostics::new();
        let t = parse_tracker("t", f, &langs, &countries, &mut d);
        (t, d.render_human())
    }

    const VALID: &str = "title: {sq: Gjurmuesi, en: Tracker}\nupdated: 2023-09-30\nrecommendations:\n  - id: sec-1\n    title: {sq: Një, en: One}\n    countries:\n      al: implemented\n      rs: {status: in-progress, note: {sq: Po, en: Yes}, sources: [\"https://example.org\"]}\n";

    #[test]
    fn shorthand_and_long_form_parse_and_absent_countries_are_no_data() {
        let (t, out) = parse(VALID);
        let t = t.unwrap_or_else(|| panic!("{out}"));
        let r = t.recommendations.first().unwrap_or_else(|| panic!("no recommendation"));
        assert_eq!(r.countries.len(), 6);
        assert_eq!(r.status(&CountryCode("al".into())), Status::Implemented);
        assert_eq!(r.status(&CountryCode("rs".into())), Status::InProgress);
        assert_eq!(r.status(&CountryCode("xk".into())), Status::NoData);
        assert_eq!(r.assessment(&CountryCode("rs".into())).map(|a| a.sources.len()), Some(1));
        assert_eq!(t.counts(None).get(&Status::NoData), Some(&4));
    }

    #[test]
    fn unknown_status_reports_line_and_col_with_suggestion() {
        let (t, out) = parse(&VALID.replace("al: implemented", "al: implemnted"));
        assert!(t.is_none());
        assert!(out.contains("t.yaml:7:11: error: unknown status `implemnted`"), "{out}");
        assert!(out.contains("did you mean `implemented`?"), "{out}");
    }

    #[test]
    fn unknown_country_and_duplicate_id_are_all_reported() {
        let src = format!("{VALID}  - id: sec-1\n    title: Two\n    countries: {{kv: no-data}}\n");
        let (t, out) = parse(&src);
        assert!(t.is_none());
        assert!(out.contains("t.yaml:9:9: error: duplicate recommendation id `sec-1`"), "{out}");
        assert!(out.contains("first used on line 4"), "{out}");
        assert!(out.contains("t.yaml:11:17: error: unknown country code `kv`"), "{out}");
    }

    #[test]
    fn bad_ids_are_rejected() {
        assert!(is_valid_id("sec-1"));
        assert!(!is_valid_id("Sec 1"));
        assert!(!is_valid_id(""));
        let (t, out) = parse(&VALID.replace("id: sec-1", "id: Sec_1"));
        assert!(t.is_none());
        assert!(out.contains("t.yaml:4:9: error: recommendation id `Sec_1`"), "{out}");
    }

    #[test]
    fn block_scalar_markdown_starts_on_the_next_line() {
        let (t, out) = parse("title: T\ndescription: |\n  Hello\nrecommendations: []\n");
        let t = t.unwrap_or_else(|| panic!("{out}"));
        assert_eq!(t.description.map(|d| d.start("sq")), Some(TextStart { line: 3, indent: 2 }));
    }
}
