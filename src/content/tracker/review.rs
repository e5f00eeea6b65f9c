//! A tracker's `reviews:` list (SPEC §5): the review rounds, each a year or
//! a day with an optional id and label, checked for duplicates and order.

use std::collections::BTreeMap;

use super::{Review, ReviewDate, is_valid_id};
use crate::diag::{Diagnostics, SourceFile, Span, did_you_mean};
use crate::i18n::{Date, Languages, Text};
use crate::yaml::{Decode, Kind, Node, Spanned};

crate::decode_map! {
    /// A review written as a mapping.
    pub(super) struct ReviewYaml<'n> {
        what: "a review", missing: "this review", required: [date];
        /// The id cells name the review by (default: the date's year).
        id: Option<Spanned<String>>,
        /// A year (`2023`) or a day (`2023-09-30`).
        date: Option<&'n Node> as Shape::YearOrDate,
        /// The review's name per language.
        label: Option<&'n Node> as Shape::Text,
    }
}

/// Keys of a country's entry, which a review id may not take (a cell maps
/// review ids and entry keys in the same place).
const RESERVED: &[&str] = &["status", "note", "sources"];

/// The reviews of `reviews:` that parsed, and what a cell needs to know about
/// those that did not.
pub(super) struct ReviewList {
    /// The reviews without errors, oldest first.
    pub reviews: Vec<Review>,
    /// How many reviews the list holds, also those with errors.
    pub written: usize,
    /// The ids of reviews with errors, as far as they can be told (an id
    /// written, or the year of a date written wrongly: `14/10/2023` is `2023`).
    pub lost: Vec<String>,
    /// True when a review with errors has no id that can be told.
    pub lost_unknown: bool,
}

/// Reads `reviews:`: a list of years or days (`[2023, 2024-10-15]`) or of
/// `{id, date, label}`. Problems go to `diags`; the reviews that are fine
/// are returned, so that the cells can still be checked against them, with
/// how many reviews the list holds (also those with errors).
pub(super) fn parse_reviews(
    node: &Node,
    langs: &Languages,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<ReviewList> {
    let items = node.list(file, "reviews", diags)?;
    if items.is_empty() {
        diags.push(
            file.error(node.span, "missing-key", "`reviews` lists no review")
                .with_hint("write `reviews: [2023, 2024]`, or remove the line for a tracker with one review"),
        );
        return None;
    }
    let mut out: Vec<Review> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut last: Option<(ReviewDate, usize)> = None;
    let mut list = ReviewList { reviews: Vec::new(), written: items.len(), lost: Vec::new(), lost_unknown: false };
    for item in items {
        let Some((review, id_span, date_span)) = parse_review(item, langs, file, diags) else {
            match lost_id(item) {
                Some(id) => list.lost.push(id),
                None => list.lost_unknown = true,
            }
            continue;
        };
        if let Some(line) = seen.get(&review.id) {
            diags.push(
                file.error(id_span, "duplicate-review", format!("duplicate review `{}`", review.id)).with_hint(format!(
                    "`{}` is first declared on line {line}; give two reviews of the same year their own `id`, e.g. `{}-spring`",
                    review.id, review.id
                )),
            );
            continue;
        }
        seen.insert(review.id.clone(), id_span.line);
        if let (Some(date), Some((prev, line))) = (review.date, last)
            && date.key() <= prev.key()
        {
            let hint = match swapped(date).filter(|d| d.key() > prev.key()) {
                Some(d) => format!(
                    "did you mean `{d}`? Reviews are listed oldest first; the review on line {line} is dated {prev}"
                ),
                None => format!(
                    "list reviews oldest first: the review on line {line} is dated {prev}; move this one above it, or give a date after {prev}"
                ),
            };
            diags.push(
                file.error(
                    date_span,
                    "review-order",
                    format!("review `{}` ({date}) is not later than the one before it ({prev})", review.id),
                )
                .with_hint(hint),
            );
        }
        if let Some(d) = review.date {
            last = Some((d, item.span.line));
        }
        out.push(review);
    }
    list.reviews = out;
    Some(list)
}

/// The id a review with errors would have had: its `id`, or the year of its
/// date as most likely meant.
fn lost_id(item: &Node) -> Option<String> {
    let date = match &item.kind {
        Kind::Map(entries) => {
            let get =
                |key: &str| entries.iter().find(|(k, _)| k.as_scalar() == Some(key)).and_then(|(_, v)| v.as_scalar());
            if let Some(id) = get("id") {
                return Some(id.trim().to_string());
            }
            get("date")?
        }
        _ => item.as_scalar()?,
    };
    let date = date.trim();
    let year = Date::guess(date)
        .map(|d| d.year)
        .or_else(|| date.split(|c: char| !c.is_ascii_digit()).find(|p| p.len() == 4).and_then(|p| p.parse().ok()))?;
    Some(year.to_string())
}

/// The day with month and day swapped (`2024-01-10` -> `2024-10-01`), when
/// that is a date: the usual slip behind a review out of order.
fn swapped(date: ReviewDate) -> Option<ReviewDate> {
    let ReviewDate::Day(d) = date else { return None };
    (d.month != d.day)
        .then(|| Date::parse(&format!("{:04}-{:02}-{:02}", d.year, d.day, d.month)).ok())
        .flatten()
        .map(ReviewDate::Day)
}

/// One review, where its id was written (the date, when the id is derived
/// from it) and where its date was written.
fn parse_review(
    node: &Node,
    langs: &Languages,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<(Review, Span, Span)> {
    if let Kind::Scalar { .. } = &node.kind {
        let date = review_date(node, file, diags)?;
        return Some((Review { id: date.year().to_string(), label: None, date: Some(date) }, node.span, node.span));
    }
    let r = ReviewYaml::decode(node, "review", file, diags)?;
    let date = r.date.and_then(|n| review_date(n, file, diags));
    let label = r.label.and_then(|n| Text::parse(n, "label", langs, file, diags));
    let (id, span) = match r.id {
        Some(id) => (id.value.trim().to_string(), id.span),
        // An id that is not text is reported already: no id from the date.
        None if node.has("id") => return None,
        None => (date?.year().to_string(), r.date?.span),
    };
    if !is_valid_id(&id) || RESERVED.contains(&id.as_str()) {
        let why = if RESERVED.contains(&id.as_str()) {
            format!("review id `{id}` is a key of a country's entry")
        } else {
            format!("review id `{id}` may only have lowercase letters, digits and hyphens")
        };
        diags.push(
            file.error(span, "bad-id", why)
                .with_hint(format!("cells name reviews by id; write e.g. `{}`", super::suggest_id(&id))),
        );
        return None;
    }
    let date_span = r.date.map_or(node.span, |n| n.span);
    Some((Review { id, label, date: Some(date?) }, span, date_span))
}

impl ReviewDate {
    /// Parses a year (`2023`) or a day (`2023-09-30`); the error says why not.
    pub(super) fn parse(s: &str) -> Result<ReviewDate, String> {
        if s.len() == 4
            && let Ok(y) = s.parse::<u16>()
            && y >= 1000
        {
            return Ok(ReviewDate::Year(y));
        }
        Date::parse(s).map(ReviewDate::Day)
    }
}

/// A review's date: a year (`2023`) or a day (`2023-09-30`).
fn review_date(node: &Node, file: &SourceFile, diags: &mut Diagnostics) -> Option<ReviewDate> {
    let s = node.str(file, "date", diags)?;
    let s = s.trim();
    match ReviewDate::parse(s) {
        Ok(d) => Some(d),
        Err(m) => {
            let hint = match (Date::guess(s), did_you_mean(s, ["status", "note", "sources"])) {
                (Some(d), _) => format!("did you mean `{d}`? A review's date is a year (2023) or YYYY-MM-DD"),
                (None, Some(k)) => format!("did you mean `{k}`? a review's date is a year or YYYY-MM-DD"),
                (None, None) => "write a year (2023) or a day as YYYY-MM-DD (2023-09-30)".to_string(),
            };
            diags.push(file.error(node.span, "bad-date", m).with_hint(hint));
            None
        }
    }
}
