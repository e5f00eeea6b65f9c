//! Recommendation trackers: `content/trackers/<id>.yaml` -> [`Tracker`] (SPEC §5).
//!
//! Takes the YAML files under `content/trackers/` (the id is the file name),
//! the site languages and countries; returns every tracker with each
//! recommendation's status in every site country (a country the file does
//! not mention is `no-data`). Every problem is a diagnostic at the offending
//! value: unknown keys, statuses and countries, duplicate or malformed ids,
//! bad dates. Also checks that a brief's `tracker:` names an existing tracker.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;
use crate::config::Config;
use crate::content::country::{self, Country, CountryCode};
use crate::content::doc::Doc;
use crate::content::list_files;
use crate::content::source::read_source;
use crate::diag::{Diagnostics, SourceFile, Span, did_you_mean, file_error, file_warning};
use crate::i18n::{Date, Languages, Text};
use crate::yaml::{self, Fields, Kind, Node};

/// How far a recommendation has been implemented in one country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Nothing has been done.
    NotImplemented,
    /// Work has started.
    InProgress,
    /// Some of it has been done.
    PartiallyImplemented,
    /// Done.
    Implemented,
    /// Not assessed (also: the country is not mentioned).
    NoData,
}

impl Status {
    /// Every status, in the order the site shows them.
    pub const ALL: [Status; 5] = [
        Status::NotImplemented,
        Status::InProgress,
        Status::PartiallyImplemented,
        Status::Implemented,
        Status::NoData,
    ];

    /// The code editors write and data downloads use (`partially-implemented`).
    pub fn code(self) -> &'static str {
        match self {
            Status::NotImplemented => "not-implemented",
            Status::InProgress => "in-progress",
            Status::PartiallyImplemented => "partially-implemented",
            Status::Implemented => "implemented",
            Status::NoData => "no-data",
        }
    }

    /// The status with this code, if any.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

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
        diags.push(
            file.error(
                node.span,
                "unknown-status",
                format!("unknown status `{code}`"),
            )
            .with_hint(hint),
        );
        None
    }
}

/// A bilingual Markdown field, with where each language's text starts in the
/// file (for errors found while rendering it, such as a broken `@/` link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown {
    /// The Markdown source, per language.
    pub text: Text,
    starts: BTreeMap<String, TextStart>,
    start: TextStart,
}

/// Where a scalar's text starts in its file: the line of its first character,
/// and how many columns lie left of the text on each of its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextStart {
    /// The file line of the text's first line.
    pub line: usize,
    /// Columns to add to a column counted within the text.
    pub indent: usize,
}

impl Markdown {
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
        Some(Markdown {
            text,
            starts,
            start: text_start(node, file),
        })
    }

    /// Where the text of `lang` starts in the file.
    pub fn start(&self, lang: &str) -> TextStart {
        self.starts.get(lang).copied().unwrap_or(self.start)
    }
}

/// Where a scalar's text starts: at the value for a plain or block scalar
/// (`|`, `>`: the parser places those at their first line of text), after
/// the quote for a quoted one.
fn text_start(node: &Node, file: &SourceFile) -> TextStart {
    let line_text = |n: usize| file.text.lines().nth(n.saturating_sub(1)).unwrap_or("");
    let here = line_text(node.span.line);
    let at = here.chars().nth(node.span.col.saturating_sub(1));
    let plain = TextStart {
        line: node.span.line,
        indent: node.span.col.saturating_sub(1),
    };
    match (&node.kind, at) {
        (Kind::Scalar { plain: false, .. }, Some('|' | '>')) => {
            let next = line_text(node.span.line + 1);
            TextStart {
                line: node.span.line + 1,
                indent: next.chars().take_while(|c| *c == ' ').count(),
            }
        }
        (Kind::Scalar { plain: false, .. }, _) if !follows_block_header(file, node.span.line) => {
            TextStart {
                line: node.span.line,
                indent: node.span.col,
            }
        }
        _ => plain,
    }
}

/// True when the line before `line` ends with a block scalar header (`|`, `>-`, `|2`).
fn follows_block_header(file: &SourceFile, line: usize) -> bool {
    let Some(prev) = line.checked_sub(2).and_then(|i| file.text.lines().nth(i)) else {
        return false;
    };
    let tail = prev
        .trim_end()
        .trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    tail.ends_with('|') || tail.ends_with('>')
}

/// One recommendation's status in one country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The country.
    pub country: CountryCode,
    /// Its status (`no-data` when the file does not mention the country).
    pub status: Status,
    /// An explanation of the status.
    pub note: Option<Text>,
    /// Where the evidence is: URLs or citations, as written.
    pub sources: Vec<String>,
}

/// One recommendation of a tracker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    /// Unique in its tracker; `[a-z0-9-]`; the anchor on the tracker page.
    pub id: String,
    /// Short title.
    pub title: Text,
    /// The full text (Markdown).
    pub text: Option<Markdown>,
    /// Who is asked to act.
    pub addressed_to: Option<Text>,
    /// One assessment per site country, in the site's country order.
    pub countries: Vec<Assessment>,
}

impl Recommendation {
    /// The status in `country` (`no-data` for a country the site does not cover).
    pub fn status(&self, country: &CountryCode) -> Status {
        self.assessment(country)
            .map_or(Status::NoData, |a| a.status)
    }

    /// The assessment for `country`, if it is a site country.
    pub fn assessment(&self, country: &CountryCode) -> Option<&Assessment> {
        self.countries.iter().find(|a| &a.country == country)
    }
}

/// A recommendation tracker: which recommendation is implemented where.
#[derive(Debug, Clone)]
pub struct Tracker {
    /// The id, from the file name; the URL is `/trackers/<id>/`.
    pub id: String,
    /// The source file, for diagnostics found while rendering.
    pub file: SourceFile,
    /// Title.
    pub title: Text,
    /// Introduction (Markdown).
    pub description: Option<Markdown>,
    /// Who issued the recommendations.
    pub source: Option<Text>,
    /// When the statuses were last reviewed.
    pub updated: Option<Date>,
    /// The recommendations, in file order.
    pub recommendations: Vec<Recommendation>,
}

impl Tracker {
    /// How many recommendations have each status, in one country or (with
    /// `None`) over every recommendation and site country. Every status is a key.
    pub fn counts(&self, country: Option<&CountryCode>) -> BTreeMap<Status, usize> {
        let mut counts: BTreeMap<Status, usize> = Status::ALL.into_iter().map(|s| (s, 0)).collect();
        for r in &self.recommendations {
            for a in r
                .countries
                .iter()
                .filter(|a| country.is_none_or(|c| &a.country == c))
            {
                *counts.entry(a.status).or_default() += 1;
            }
        }
        counts
    }
}

/// True for an id of lowercase ASCII letters, digits and hyphens.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A valid id close to `id`, for hints.
fn suggest_id(id: &str) -> String {
    let s = crate::slug::slugify(id);
    if s.is_empty() { "sec-1".to_string() } else { s }
}

const TRACKER_KEYS: &[&str] = &[
    "title",
    "description",
    "source",
    "updated",
    "recommendations",
];
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
    let title = f
        .required("title", "the tracker", &file, diags)
        .and_then(|n| Text::parse(n, "title", langs, &file, diags));
    let description = f
        .get("description")
        .and_then(|n| Markdown::parse(n, "description", langs, &file, diags));
    let source = f
        .get("source")
        .and_then(|n| Text::parse(n, "source", langs, &file, diags));
    let updated = f
        .get("updated")
        .and_then(|n| Date::from_node(n, "updated", &file, diags));
    let mut recommendations = Vec::new();
    if let Some(list) = f
        .required("recommendations", "the tracker", &file, diags)
        .and_then(|n| n.list(&file, "recommendations", diags))
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
    Some(Tracker {
        id: id.to_string(),
        title: title?,
        description,
        source,
        updated,
        recommendations,
        file,
    })
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
    let id = f
        .required("id", "this recommendation", file, diags)
        .and_then(|n| {
            let id = n.str(file, "id", diags)?;
            check_recommendation_id(&id, n.span, file, seen, diags).then_some(id)
        });
    let title = f
        .required("title", "this recommendation", file, diags)
        .and_then(|n| Text::parse(n, "title", langs, file, diags));
    let text = f
        .get("text")
        .and_then(|n| Markdown::parse(n, "text", langs, file, diags));
    let addressed_to = f
        .get("addressed_to")
        .and_then(|n| Text::parse(n, "addressed_to", langs, file, diags));
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
    Some(Recommendation {
        id: id?,
        title: title?,
        text,
        addressed_to,
        countries,
    })
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
                format!(
                    "recommendation id `{id}` may only have lowercase letters, digits and hyphens"
                ),
            )
            .with_hint(format!(
                "the id becomes the recommendation's anchor in URLs; write e.g. `{}`",
                suggest_id(id)
            )),
        );
        return false;
    }
    if RESERVED_IDS.contains(&id) {
        diags.push(
            file.error(
                span,
                "bad-id",
                format!("recommendation id `{id}` is an anchor the page uses itself"),
            )
            .with_hint(format!("choose another id, e.g. `{id}-1`")),
        );
        return false;
    }
    if let Some(line) = seen.get(id) {
        diags.push(
            file.error(
                span,
                "duplicate-id",
                format!("duplicate recommendation id `{id}`"),
            )
            .with_hint(format!(
                "`{id}` is first used on line {line}; every recommendation needs its own id"
            )),
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
            let status = f
                .required("status", "this country's entry", file, diags)
                .and_then(|n| Status::parse(n, file, diags));
            let note = f
                .get("note")
                .and_then(|n| Text::parse(n, "note", langs, file, diags));
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
    Some(Assessment {
        country: country.clone(),
        status,
        note,
        sources,
    })
}

/// Every tracker of the site, sorted by id, and the ids of every tracker
/// file (also those with errors, so that a brief citing a broken tracker is
/// not reported twice).
pub fn load_trackers(
    root: &Path,
    config: &Config,
    diags: &mut Diagnostics,
) -> Result<(Vec<Tracker>, Vec<String>), Error> {
    let dir = root.join("content").join("trackers");
    let files = list_files(root, &dir)?;
    let parsed: Vec<Result<(Option<String>, Option<Tracker>, Diagnostics), Error>> = files
        .par_iter()
        .map(|rel| {
            let mut d = Diagnostics::new();
            let Some(id) = tracker_id(rel, &dir, root, &mut d) else {
                return Ok((None, None, d));
            };
            let tracker = match read_source(root, rel)? {
                Ok(file) => parse_tracker(&id, file, &config.languages, &config.countries, &mut d),
                Err(e) => {
                    d.push(e);
                    None
                }
            };
            Ok((Some(id), tracker, d))
        })
        .collect();
    let mut trackers = Vec::new();
    let mut ids = Vec::new();
    for r in parsed {
        let (id, tracker, d) = r?;
        diags.extend(d);
        ids.extend(id);
        trackers.extend(tracker);
    }
    trackers.sort_by(|a, b| a.id.cmp(&b.id));
    ids.sort();
    Ok((trackers, ids))
}

/// The tracker id of a file under `content/trackers/`, or a diagnostic saying
/// why it is not a tracker (an error for a misnamed tracker, a warning for an
/// unrelated file, which is skipped).
fn tracker_id(rel: &Path, dir: &Path, root: &Path, diags: &mut Diagnostics) -> Option<String> {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nested = root.join(rel).parent() != Some(dir);
    if let Some(stem) = name.strip_suffix(".yml") {
        diags.push(
            file_error(
                rel,
                "bad-file-name",
                format!("`{name}` is not read: tracker files end in `.yaml`"),
            )
            .with_hint(format!("rename it to content/trackers/{stem}.yaml")),
        );
        return None;
    }
    let Some(stem) = name.strip_suffix(".yaml").filter(|_| !nested) else {
        diags.push(
            file_warning(rel, "unexpected-file", format!("`{}` is not a tracker; it is ignored", crate::diag::display_path(rel)))
                .with_hint("trackers are content/trackers/<id>.yaml; put images and PDFs under content/static/"),
        );
        return None;
    };
    if !is_valid_id(stem) {
        let fixed = PathBuf::from(format!("content/trackers/{}.yaml", suggest_id(stem)));
        diags.push(
            file_error(rel, "bad-id", format!("tracker id `{stem}` (the file name) may only have lowercase letters, digits and hyphens"))
                .with_hint(format!("the id becomes the tracker's URL; rename the file to {}", crate::diag::display_path(&fixed))),
        );
        return None;
    }
    Some(stem.to_string())
}

/// Checks that a brief's `tracker:` names one of `ids`; reports an error at the value otherwise.
pub fn check_citation(doc: &Doc, ids: &[String], diags: &mut Diagnostics) {
    let Some((id, span)) = &doc.tracker else {
        return;
    };
    if ids.iter().any(|i| i == id) {
        return;
    }
    let d = doc.file.error(
        *span,
        "unknown-tracker",
        format!("tracker `{id}` does not exist"),
    );
    let hint = match did_you_mean(id, ids.iter().map(String::as_str)) {
        Some(m) => format!("did you mean `{m}`?"),
        None if ids.is_empty() => {
            format!("there are no trackers yet; create content/trackers/{id}.yaml")
        }
        None => format!("known trackers: {}", ids.join(", ")),
    };
    diags.push(d.with_hint(hint));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Languages, Vec<Country>) {
        let langs = Languages::new(vec!["sq".into(), "en".into()]);
        let countries = CountryCode::built_in()
            .into_iter()
            .map(|c| Country::new(c, None, &langs))
            .collect();
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
        let r = t
            .recommendations
            .first()
            .unwrap_or_else(|| panic!("no recommendation"));
        assert_eq!(r.countries.len(), 6);
        assert_eq!(r.status(&CountryCode("al".into())), Status::Implemented);
        assert_eq!(r.status(&CountryCode("rs".into())), Status::InProgress);
        assert_eq!(r.status(&CountryCode("xk".into())), Status::NoData);
        assert_eq!(
            r.assessment(&CountryCode("rs".into()))
                .map(|a| a.sources.len()),
            Some(1)
        );
        assert_eq!(t.counts(None).get(&Status::NoData), Some(&4));
    }

    #[test]
    fn unknown_status_reports_line_and_col_with_suggestion() {
        let (t, out) = parse(&VALID.replace("al: implemented", "al: implemnted"));
        assert!(t.is_none());
        assert!(
            out.contains("t.yaml:7:11: error: unknown status `implemnted`"),
            "{out}"
        );
        assert!(out.contains("did you mean `implemented`?"), "{out}");
    }

    #[test]
    fn unknown_country_and_duplicate_id_are_all_reported() {
        let src = format!("{VALID}  - id: sec-1\n    title: Two\n    countries: {{kv: no-data}}\n");
        let (t, out) = parse(&src);
        assert!(t.is_none());
        assert!(
            out.contains("t.yaml:9:9: error: duplicate recommendation id `sec-1`"),
            "{out}"
        );
        assert!(out.contains("first used on line 4"), "{out}");
        assert!(
            out.contains("t.yaml:11:17: error: unknown country code `kv`"),
            "{out}"
        );
    }

    #[test]
    fn bad_ids_are_rejected() {
        assert!(is_valid_id("sec-1"));
        assert!(!is_valid_id("Sec 1"));
        assert!(!is_valid_id(""));
        let (t, out) = parse(&VALID.replace("id: sec-1", "id: Sec_1"));
        assert!(t.is_none());
        assert!(
            out.contains("t.yaml:4:9: error: recommendation id `Sec_1`"),
            "{out}"
        );
    }

    #[test]
    fn block_scalar_markdown_starts_on_the_next_line() {
        let (t, out) = parse("title: T\ndescription: |\n  Hello\nrecommendations: []\n");
        let t = t.unwrap_or_else(|| panic!("{out}"));
        assert_eq!(
            t.description.map(|d| d.start("sq")),
            Some(TextStart { line: 3, indent: 2 })
        );
    }
}
