//! Recommendation trackers: `content/trackers/<id>.yaml` -> [`Tracker`] (SPEC §5).
//!
//! Takes the YAML files under `content/trackers/` (the id is the file name),
//! the site languages and countries; returns every tracker with each
//! recommendation's status in every site country (a country the file does
//! not mention is `no-data`). This module holds the types, finds the files
//! and checks briefs' `tracker:` references; `parse` reads one file, with a
//! diagnostic at each offending value; `edit` adds a review to a file.

mod edit;
pub(crate) mod parse;
mod review;

pub use edit::{AddedReview, add_review};

pub(crate) use parse::text_start;
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
pub(crate) use parse::parse_tracker;

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
    /// The recommendation is not addressed to the country: left out of every tally and share.
    NotApplicable,
    /// Not assessed (also: the country is not mentioned).
    NoData,
}

impl Status {
    /// Every status, in the order the site shows them.
    pub(crate) const ALL: [Status; 6] = [
        Status::NotImplemented,
        Status::InProgress,
        Status::PartiallyImplemented,
        Status::Implemented,
        Status::NotApplicable,
        Status::NoData,
    ];

    /// The statuses that are counted in tallies (every one but `not-applicable`).
    pub(crate) const TALLIED: [Status; 5] =
        [Status::NotImplemented, Status::InProgress, Status::PartiallyImplemented, Status::Implemented, Status::NoData];

    /// The code editors write and data downloads use (`partially-implemented`).
    pub fn code(self) -> &'static str {
        match self {
            Status::NotImplemented => "not-implemented",
            Status::InProgress => "in-progress",
            Status::PartiallyImplemented => "partially-implemented",
            Status::Implemented => "implemented",
            Status::NotApplicable => "not-applicable",
            Status::NoData => "no-data",
        }
    }

    /// The status with this code, if any.
    pub(crate) fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// How far along the status is (0 = not implemented, 3 = implemented);
    /// `None` for `not-applicable` and `no-data`, which have no place on that scale.
    pub(crate) fn rank(self) -> Option<u8> {
        match self {
            Status::NotImplemented => Some(0),
            Status::InProgress => Some(1),
            Status::PartiallyImplemented => Some(2),
            Status::Implemented => Some(3),
            Status::NotApplicable | Status::NoData => None,
        }
    }

    /// True for `implemented` and `partially-implemented`: the statuses a
    /// country's progress share counts.
    pub(crate) fn is_done(self) -> bool {
        matches!(self, Status::Implemented | Status::PartiallyImplemented)
    }

    /// The status whose label (in Albanian or English, as the default theme
    /// words it or in a common variant) `text` is, for hints: an editor who
    /// writes "Zbatuar pjesërisht" or "partially implemented" meant a code.
    pub(crate) fn from_label(text: &str) -> Option<Status> {
        let folded = crate::slug::fold(text.trim());
        let words: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        // Albanian adjectives take a leading article ("i zbatuar", "e zbatuar").
        let words = match words.split_first() {
            Some((&("i" | "e" | "te"), rest)) if !rest.is_empty() => rest.to_vec(),
            _ => words,
        };
        let key = words.join(" ");
        STATUS_LABELS.iter().find(|(_, labels)| labels.contains(&key.as_str())).map(|(s, _)| *s)
    }
}

/// Labels of each status, folded (lowercase ASCII, no leading article), in
/// Albanian and English: what editors write when they do not know the code.
const STATUS_LABELS: &[(Status, &[&str])] = &[
    (
        Status::NotImplemented,
        &["pazbatuar", "nuk eshte zbatuar", "nuk zbatohet ende", "jo zbatuar", "not implemented", "unimplemented"],
    ),
    (Status::InProgress, &["ne proces", "ne zbatim", "ne progres", "in progress", "ongoing", "under way", "underway"]),
    (
        Status::PartiallyImplemented,
        &[
            "zbatuar pjeserisht",
            "pjeserisht zbatuar",
            "pjeserisht",
            "partially implemented",
            "partly implemented",
            "partial",
        ],
    ),
    (Status::Implemented, &["zbatuar", "zbatuar plotesisht", "implemented", "fully implemented", "done"]),
    (Status::NotApplicable, &["nuk zbatohet", "nuk aplikohet", "not applicable", "n a", "na"]),
    (Status::NoData, &["pa te dhena", "no data", "unknown", "nuk ka te dhena"]),
];

/// How a status moved between two reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// Further along than in the previous review.
    Improved,
    /// Less far along than in the previous review.
    Worsened,
    /// The same status as in the previous review.
    Unchanged,
    /// Assessed now, not in the previous review (it had `no-data` or `not-applicable`).
    New,
}

impl Change {
    /// Every change, in the order the site shows them.
    pub(crate) const ALL: [Change; 4] = [Change::Improved, Change::Worsened, Change::Unchanged, Change::New];

    /// The code data downloads use and the theme's strings are keyed by (`change_improved`).
    pub fn code(self) -> &'static str {
        match self {
            Change::Improved => "improved",
            Change::Worsened => "worsened",
            Change::Unchanged => "unchanged",
            Change::New => "new",
        }
    }

    /// The change from `previous` to `latest`; `None` when the latest review
    /// has no status on the scale (`no-data`, `not-applicable`).
    pub fn between(previous: Status, latest: Status) -> Option<Change> {
        let now = latest.rank()?;
        Some(match previous.rank() {
            None => Change::New,
            Some(before) if now > before => Change::Improved,
            Some(before) if now < before => Change::Worsened,
            Some(_) => Change::Unchanged,
        })
    }
}

/// When a review took place: a year, or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReviewDate {
    /// A year (`date: 2023`).
    Year(u16),
    /// A day (`date: 2023-09-30`).
    Day(Date),
}

impl ReviewDate {
    /// The year.
    pub fn year(self) -> u16 {
        match self {
            ReviewDate::Year(y) => y,
            ReviewDate::Day(d) => d.year,
        }
    }

    /// A sort key: a year counts as its first day, so `2023` < `2023-09-30`.
    pub(super) fn key(self) -> (u16, u8, u8) {
        match self {
            ReviewDate::Year(y) => (y, 0, 0),
            ReviewDate::Day(d) => (d.year, d.month, d.day),
        }
    }
}

impl std::fmt::Display for ReviewDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReviewDate::Year(y) => write!(f, "{y}"),
            ReviewDate::Day(d) => write!(f, "{d}"),
        }
    }
}

/// One review round of a tracker: the statuses as they stood at one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Unique in its tracker; `[a-z0-9-]`; the key cells use (`2024`).
    pub id: String,
    /// A name for readers; without one, the site shows the year.
    pub label: Option<Text>,
    /// When it took place (`None` only for the one review of a file without
    /// `reviews:` and without `updated:`).
    pub date: Option<ReviewDate>,
}

/// A source of evidence for a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// What to show: a title, or a citation written without an address.
    pub title: Option<Text>,
    /// The web address, when there is one.
    pub url: Option<String>,
}

/// One recommendation's status in one country in one review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The status (`no-data` when the file gives none for this review).
    pub status: Status,
    /// An explanation of the status.
    pub note: Option<Text>,
    /// Where the evidence is.
    pub sources: Vec<Source>,
}

impl Entry {
    /// No status given.
    pub(crate) fn no_data() -> Entry {
        Entry { status: Status::NoData, note: None, sources: Vec::new() }
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

/// One recommendation's status in one country, in every review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The country.
    pub country: CountryCode,
    /// One entry per review of the tracker, oldest first (never empty).
    pub reviews: Vec<Entry>,
}

impl Assessment {
    /// The entry of the latest review.
    pub fn latest(&self) -> &Entry {
        static NO_DATA: Entry = Entry { status: Status::NoData, note: None, sources: Vec::new() };
        self.reviews.last().unwrap_or(&NO_DATA)
    }

    /// The status in the latest review.
    pub fn status(&self) -> Status {
        self.latest().status
    }

    /// The status in review number `i` (`no-data` past the end).
    pub(crate) fn status_in(&self, i: usize) -> Status {
        self.reviews.get(i).map_or(Status::NoData, |e| e.status)
    }

    /// The change from the review before the latest to the latest; `None`
    /// with a single review or when the latest has no status on the scale.
    pub fn change(&self) -> Option<Change> {
        let n = self.reviews.len();
        self.change_at(n.checked_sub(1)?)
    }

    /// The change from review `i - 1` to review `i`; `None` for the first.
    pub(crate) fn change_at(&self, i: usize) -> Option<Change> {
        let before = self.reviews.get(i.checked_sub(1)?)?;
        Change::between(before.status, self.reviews.get(i)?.status)
    }
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
    /// The latest status in `country` (`no-data` for a country the site does not cover).
    pub fn status(&self, country: &CountryCode) -> Status {
        self.assessment(country).map_or(Status::NoData, Assessment::status)
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
    /// The review rounds, oldest first (never empty: a file without
    /// `reviews:` has one).
    pub reviews: Vec<Review>,
    /// The recommendations, in file order.
    pub recommendations: Vec<Recommendation>,
}

impl Tracker {
    /// How many recommendations have each status in the latest review, in
    /// one country or (with `None`) over every recommendation and site
    /// country. Every tallied status is a key; `not-applicable` is left out.
    pub fn counts(&self, country: Option<&CountryCode>) -> BTreeMap<Status, usize> {
        self.counts_in(self.reviews.len().saturating_sub(1), country)
    }

    /// [`Tracker::counts`] for review number `review`.
    pub(crate) fn counts_in(&self, review: usize, country: Option<&CountryCode>) -> BTreeMap<Status, usize> {
        let mut counts: BTreeMap<Status, usize> = Status::TALLIED.into_iter().map(|s| (s, 0)).collect();
        for r in &self.recommendations {
            for a in r.countries.iter().filter(|a| country.is_none_or(|c| &a.country == c)) {
                let s = a.status_in(review);
                if s != Status::NotApplicable {
                    *counts.entry(s).or_default() += 1;
                }
            }
        }
        counts
    }

    /// A country's progress in review number `review`: how many
    /// recommendations are implemented or partially implemented, out of how
    /// many were assessed (`no-data` and `not-applicable` are left out).
    pub fn progress(&self, review: usize, country: &CountryCode) -> Progress {
        let mut p = Progress { done: 0, assessed: 0 };
        for a in self.recommendations.iter().filter_map(|r| r.assessment(country)) {
            let s = a.status_in(review);
            if s.rank().is_some() {
                p.assessed += 1;
                p.done += usize::from(s.is_done());
            }
        }
        p
    }
}

/// Implemented or partially implemented recommendations out of those assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Implemented or partially implemented.
    pub done: usize,
    /// With a status on the scale (not `no-data`, not `not-applicable`).
    pub assessed: usize,
}

impl Progress {
    /// The share done, in whole percent (rounded half up); `None` when nothing was assessed.
    pub(crate) fn percent(self) -> Option<usize> {
        (self.assessed > 0).then(|| (self.done * 200 + self.assessed) / (2 * self.assessed))
    }
}

/// True for an id of lowercase ASCII letters, digits and hyphens.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Every tracker of the site, sorted by id, and the ids of every tracker
/// file (also those with errors, so that a brief citing a broken tracker is
/// not reported twice).
pub(crate) fn load_trackers(
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
pub(crate) fn check_citation(doc: &Doc, ids: &[String], diags: &mut Diagnostics) {
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

/// Checks every recommendation a brief's `recommendations:` names: the
/// tracker must exist (one of `ids`) and, when it loaded (one of `trackers`),
/// hold the recommendation. Errors point at the value, with a did-you-mean hint.
pub(crate) fn check_recommendations(doc: &Doc, ids: &[String], trackers: &[Tracker], diags: &mut Diagnostics) {
    for r in &doc.recommendations {
        if r.tracker.is_empty() {
            let mut d =
                doc.file.error(r.span, "unknown-recommendation", format!("recommendation `{}` names no tracker", r.id));
            d = match ids.first() {
                Some(t) => d.with_hint(format!(
                    "write `<tracker>/<recommendation>`, e.g. `{t}/{}`, or set `tracker: {t}`",
                    r.id
                )),
                None => d.with_hint("there are no trackers yet; create content/trackers/<id>.yaml"),
            };
            diags.push(d);
            continue;
        }
        if !ids.contains(&r.tracker) {
            let hint = match did_you_mean(&r.tracker, ids.iter().map(String::as_str)) {
                Some(m) => format!("did you mean `{m}/{}`?", r.id),
                None if ids.is_empty() => "there are no trackers yet".to_string(),
                None => format!("known trackers: {}", ids.join(", ")),
            };
            diags.push(
                doc.file
                    .error(r.span, "unknown-tracker", format!("tracker `{}` does not exist", r.tracker))
                    .with_hint(hint),
            );
            continue;
        }
        // A tracker with errors of its own is reported there.
        let Some(t) = trackers.iter().find(|t| t.id == r.tracker) else {
            continue;
        };
        if t.recommendations.iter().any(|x| x.id == r.id) {
            continue;
        }
        let known: Vec<&str> = t.recommendations.iter().map(|x| x.id.as_str()).collect();
        let hint = match did_you_mean(&r.id, known.iter().copied()) {
            Some(m) => format!("did you mean `{}/{m}`?", r.tracker),
            None if known.is_empty() => format!("tracker `{}` has no recommendations yet", r.tracker),
            None => format!("the recommendations of `{}` are: {}", r.tracker, known.join(", ")),
        };
        diags.push(
            doc.file
                .error(
                    r.span,
                    "unknown-recommendation",
                    format!("tracker `{}` has no recommendation `{}`", r.tracker, r.id),
                )
                .with_hint(hint),
        );
    }
}

/// A valid id close to `id`, for hints.
fn suggest_id(id: &str) -> String {
    let s = crate::slug::slugify(id);
    if s.is_empty() { "sec-1".to_string() } else { s }
}
