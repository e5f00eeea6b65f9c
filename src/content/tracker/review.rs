//! A tracker's `reviews:` list (SPEC §5): the review rounds, each a year or
//! a day with an optional id and label, checked for duplicates and order.

use std::collections::BTreeMap;

use super::{Review, ReviewDate, is_valid_id};
use crate::diag::{Diagnostics, SourceFile, did_you_mean};
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

/// Reads `reviews:`: a list of years or days (`[2023, 2024-10-15]`) or of
/// `{id, date, label}`. Problems go to `diags`; the reviews that are fine
/// are returned, so that the cells can still be checked against them.
pub(super) fn parse_reviews(
    node: &Node,
    langs: &Languages,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Vec<Review>> {
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
    for item in items {
        let Some((review, id_span)) = parse_review(item, langs, file, diags) else {
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
            diags.push(
                file.error(
                    item.span,
                    "review-order",
                    format!("review `{}` ({date}) is not later than the one before it ({prev})", review.id),
                )
                .with_hint(format!("list reviews oldest first; the review on line {line} is dated {prev}")),
            );
        }
        if let Some(d) = review.date {
            last = Some((d, item.span.line));
        }
        out.push(review);
    }
    Some(out)
}

/// One review and where its id was written (the date, when the id is derived from it).
fn parse_review(
    node: &Node,
    langs: &Languages,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<(Review, crate::diag::Span)> {
    if let Kind::Scalar { .. } = &node.kind {
        let date = review_date(node, file, diags)?;
        return Some((Review { id: date.year().to_string(), label: None, date: Some(date) }, node.span));
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
    Some((Review { id, label, date: Some(date?) }, span))
}

/// A review's date: a year (`2023`) or a day (`2023-09-30`).
fn review_date(node: &Node, file: &SourceFile, diags: &mut Diagnostics) -> Option<ReviewDate> {
    let s = node.str(file, "date", diags)?;
    let s = s.trim();
    if s.len() == 4
        && let Ok(y) = s.parse::<u16>()
        && y >= 1000
    {
        return Some(ReviewDate::Year(y));
    }
    match Date::parse(s) {
        Ok(d) => Some(ReviewDate::Day(d)),
        Err(m) => {
            let hint = match did_you_mean(s, ["status", "note", "sources"]) {
                Some(k) => format!("did you mean `{k}`? a review's date is a year or YYYY-MM-DD"),
                None => "write a year (2023) or a day as YYYY-MM-DD (2023-09-30)".to_string(),
            };
            diags.push(file.error(node.span, "bad-date", m).with_hint(hint));
            None
        }
    }
}
