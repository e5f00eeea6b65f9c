//! Recommendation trackers: `content/trackers/<id>.yaml` -> [`Tracker`] (SPEC §5).
//!
//! Takes the YAML files under `content/trackers/` (the id is the file name),
//! the site languages and countries; returns every tracker with each
//! recommendation's status in every site country (a country the file does
//! not mention is `no-data`). This module holds the types, finds the files
//! and checks briefs' `tracker:` references; `parse` reads one file, with a
//! diagnostic at each offending value.

mod parse;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;
use crate::config::Config;
use crate::content::country::CountryCode;
use crate::content::doc::Doc;
use crate::content::list_files;
use crate::content::source::read_source;
use crate::diag::{Diagnostics, SourceFile, did_you_mean, file_error, file_warning};
use crate::i18n::{Date, Text};
pub use parse::parse_tracker;
use parse::suggest_id;

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
    pub const ALL: [Status; 5] =
        [Status::NotImplemented, Status::InProgress, Status::PartiallyImplemented, Status::Implemented, Status::NoData];

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
    /// Where the text of `lang` starts in the file.
    pub fn start(&self, lang: &str) -> TextStart {
        self.starts.get(lang).copied().unwrap_or(self.start)
    }
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
        self.assessment(country).map_or(Status::NoData, |a| a.status)
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
            for a in r.countries.iter().filter(|a| country.is_none_or(|c| &a.country == c)) {
                *counts.entry(a.status).or_default() += 1;
            }
        }
        counts
    }
}

/// True for an id of lowercase ASCII letters, digits and hyphens.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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
    // Per file: its id (when the name is one), the tracker, what parsing said.
    type Parsed = (Option<String>, Option<Tracker>, Diagnostics);
    let parsed: Vec<Result<Parsed, Error>> = files
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
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let nested = root.join(rel).parent() != Some(dir);
    if let Some(stem) = name.strip_suffix(".yml") {
        diags.push(
            file_error(rel, "bad-file-name", format!("`{name}` is not read: tracker files end in `.yaml`"))
                .with_hint(format!("rename it to content/trackers/{stem}.yaml")),
        );
        return None;
    }
    let Some(stem) = name.strip_suffix(".yaml").filter(|_| !nested) else {
        diags.push(
            file_warning(
                rel,
                "unexpected-file",
                format!("`{}` is not a tracker; it is ignored", crate::diag::display_path(rel)),
            )
            .with_hint("trackers are content/trackers/<id>.yaml; put images and PDFs under content/static/"),
        );
        return None;
    };
    if !is_valid_id(stem) {
        let fixed = PathBuf::from(format!("content/trackers/{}.yaml", suggest_id(stem)));
        diags.push(
            file_error(
                rel,
                "bad-id",
                format!("tracker id `{stem}` (the file name) may only have lowercase letters, digits and hyphens"),
            )
            .with_hint(format!(
                "the id becomes the tracker's URL; rename the file to {}",
                crate::diag::display_path(&fixed)
            )),
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
    let d = doc.file.error(*span, "unknown-tracker", format!("tracker `{id}` does not exist"));
    let hint = match did_you_mean(id, ids.iter().map(String::as_str)) {
        Some(m) => format!("did you mean `{m}`?"),
        None if ids.is_empty() => {
            format!("there are no trackers yet; create content/trackers/{id}.yaml")
        }
        None => format!("known trackers: {}", ids.join(", ")),
    };
    diags.push(d.with_hint(hint));
}
