//! Adding a review to a tracker file (SPEC §5, `raport tracker add-review`):
//! the file's text -> the same text with one more review, every earlier
//! status kept where it was.
//!
//! The edit is made on the text, not by writing the YAML anew, so that
//! comments, quotes and layout stay as the editor wrote them. Two things
//! change: the review is appended to `reviews:` (which is written, from
//! `updated:`, when the file has none), and each short-form cell
//! (`al: implemented`, `al: {status: ...}`) is moved under the review it was
//! written for (`al: {2023: implemented}`), since in a tracker of several
//! reviews a short form says no review. `not-applicable` short forms stay:
//! they hold for every review. The result is parsed again and compared with
//! the file before, review by review; any difference is refused.

use std::path::{Path, PathBuf};

use super::{Review, ReviewDate, Status, Tracker, is_valid_id, parse_tracker};
use crate::diag::{Diagnostics, SourceFile};
use crate::i18n::Date;
use crate::yaml::{self, Kind, Node};
use crate::{Error, io};

/// What [`add_review`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedReview {
    /// The tracker file, relative to the site folder.
    pub file: PathBuf,
    /// The new review's id, the key its cells use.
    pub id: String,
    /// How many short-form cells were moved under the review before.
    pub migrated: usize,
    /// The review the short forms were moved under.
    pub previous: String,
}

/// Adds a review dated `date` (a year or `YYYY-MM-DD`, later than every
/// review of the tracker) to `content/trackers/<tracker>.yaml` of the site
/// at `root`, with the id `id` (default: the date's year), and writes the file.
pub fn add_review(root: &Path, tracker: &str, date: &str, id: Option<&str>) -> Result<AddedReview, Error> {
    let rel = PathBuf::from(format!("content/trackers/{tracker}.yaml"));
    if !is_valid_id(tracker) || !root.join(&rel).is_file() {
        return Err(Error::Usage(format!(
            "there is no tracker `{tracker}`: {} does not exist; trackers are content/trackers/<id>.yaml, give the id",
            crate::diag::display_path(&rel)
        )));
    }
    let date = parse_date(date).map_err(Error::Usage)?;
    let mut diags = Diagnostics::new();
    let Some(config) = crate::content::load_config(root, &mut diags)? else {
        return Err(Error::Content(diags));
    };
    let file = match crate::content::source::read_source(root, &rel)? {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return Err(Error::Content(diags));
        }
    };
    let parse =
        |f: SourceFile, diags: &mut Diagnostics| parse_tracker(tracker, f, &config.languages, &config.countries, diags);
    let Some(before) = parse(file.clone(), &mut diags) else {
        return Err(Error::Content(diags));
    };
    let new = new_review(&before, date, id).map_err(Error::Usage)?;
    let edited = add_review_text(&file, &before, &new).map_err(Error::Usage)?;
    // The edit is checked by reading the file back: every earlier review
    // must hold exactly what it held.
    let mut after_diags = Diagnostics::new();
    let after = parse(SourceFile::new(rel.clone(), edited.text.clone()), &mut after_diags);
    match after {
        Some(after) if keeps_earlier_reviews(&before, &after) => {}
        _ => {
            return Err(Error::Internal(format!(
                "adding review `{}` to {} would change earlier statuses; the file is left as it was (add the review by hand, as docs/trackers.md shows)",
                new.id,
                crate::diag::display_path(&rel)
            )));
        }
    }
    let full = root.join(&rel);
    io(&full, std::fs::write(&full, &edited.text))?;
    Ok(AddedReview { file: rel, id: new.id, migrated: edited.migrated, previous: edited.previous })
}

/// A review date as given on the command line: a year or `YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<ReviewDate, String> {
    let s = s.trim();
    ReviewDate::parse(s).map_err(|m| match Date::guess(s) {
        Some(d) => format!("{m}; did you mean `{d}`?"),
        None => format!("{m}; give a year (2024) or a day as YYYY-MM-DD (2024-10-20)"),
    })
}

/// The review to add, checked against the tracker's: a free, valid id and a
/// date after the latest review's.
fn new_review(t: &Tracker, date: ReviewDate, id: Option<&str>) -> Result<Review, String> {
    let id = id.map_or_else(|| date.year().to_string(), |i| i.trim().to_string());
    if !is_valid_id(&id) || ["status", "note", "sources"].contains(&id.as_str()) {
        return Err(format!(
            "`{id}` cannot name a review: use lowercase letters, digits and hyphens, and not `status`, `note` or `sources`"
        ));
    }
    match t.reviews.last().map(|r| r.date) {
        Some(None) => {
            return Err(
                "the tracker's statuses have no date: set `updated: YYYY-MM-DD` (when they were assessed) in the file first"
                    .to_string(),
            );
        }
        Some(Some(last)) if date.key() <= last.key() => {
            return Err(format!(
                "a new review comes after the latest, which is dated {last}; give a later date than {last}"
            ));
        }
        _ => {}
    }
    if t.reviews.iter().any(|r| r.id == id) {
        return Err(format!(
            "the tracker has a review `{id}` already; give the new one its own id, e.g. `--id {id}-autumn`"
        ));
    }
    Ok(Review { id, label: None, date: Some(date) })
}

/// True when every review of `before` is in `after`, in the same place,
/// and every cell holds the same entry in it.
fn keeps_earlier_reviews(before: &Tracker, after: &Tracker) -> bool {
    let n = before.reviews.len();
    before.reviews.get(..n) == after.reviews.get(..n)
        && before.recommendations.len() == after.recommendations.len()
        && before.recommendations.iter().zip(&after.recommendations).all(|(b, a)| {
            b.id == a.id
                && b.countries.len() == a.countries.len()
                && b.countries.iter().zip(&a.countries).all(|(bc, ac)| ac.reviews.get(..n) == Some(&bc.reviews[..]))
        })
}

/// A tracker's text with a review added.
#[derive(Debug)]
struct Edited {
    text: String,
    migrated: usize,
    previous: String,
}

/// One change to the text: at byte `at`, remove `remove` bytes, insert `insert`.
struct Splice {
    at: usize,
    remove: usize,
    insert: String,
}

/// The text of `file` (the tracker `t`) with review `new` appended and its
/// short-form cells moved under the latest review before it. An error says
/// what in the file's layout could not be edited.
fn add_review_text(file: &SourceFile, t: &Tracker, new: &Review) -> Result<Edited, String> {
    let mut diags = Diagnostics::new();
    let root = yaml::parse(file, &file.text, 1, &mut diags).ok_or("the file is not valid YAML")?;
    let Kind::Map(top) = &root.kind else {
        return Err("the file is not a mapping of keys".to_string());
    };
    let get = |key: &str| top.iter().find(|(k, _)| k.as_scalar() == Some(key));
    let nl = if file.text.contains("\r\n") { "\r\n" } else { "\n" };
    let previous = t.reviews.last().map(|r| r.id.clone()).ok_or("the tracker has no review")?;
    let mut splices = Vec::new();
    splices.push(reviews_splice(file, get("reviews").map(|(_, v)| v), get("recommendations"), t, new, nl)?);
    let mut migrated = 0;
    if let Some((_, Node { kind: Kind::Seq(recs), .. })) = get("recommendations") {
        for rec in recs {
            let Kind::Map(fields) = &rec.kind else { continue };
            let Some((_, countries)) = fields.iter().find(|(k, _)| k.as_scalar() == Some("countries")) else {
                continue;
            };
            let Kind::Map(cells) = &countries.kind else { continue };
            for (key, value) in cells {
                if let Some(s) = cell_splice(file, key, value, &previous, nl)? {
                    splices.push(s);
                    migrated += 1;
                }
            }
        }
    }
    splices.sort_by_key(|s| std::cmp::Reverse(s.at));
    let mut text = file.text.to_string();
    for s in splices {
        text.replace_range(s.at..s.at + s.remove, &s.insert);
    }
    Ok(Edited { text, migrated, previous })
}

/// How the new review is written as a list item: its date alone when the
/// id is the date's year, else `{id, date}`.
fn review_item(new: &Review) -> String {
    let date = new.date.map(|d| d.to_string()).unwrap_or_default();
    match new.date.is_some_and(|d| d.year().to_string() == new.id) {
        true => date,
        false => format!("{{id: {}, date: {date}}}", new.id),
    }
}

/// The change that appends `new` to `reviews:` (or writes `reviews:`, with
/// the file's one review dated by `updated:`, before `recommendations:`).
fn reviews_splice(
    file: &SourceFile,
    reviews: Option<&Node>,
    recommendations: Option<&(Node, Node)>,
    t: &Tracker,
    new: &Review,
    nl: &str,
) -> Result<Splice, String> {
    let item = review_item(new);
    let offset = |n: &Node| file.index().offset(&file.text, n.span.line, n.span.col).ok_or("a position past the end");
    let Some(reviews) = reviews else {
        let (key, _) = recommendations.ok_or("the file has no `recommendations`")?;
        let old = t.reviews.first().and_then(|r| r.date).ok_or("the tracker's review has no date")?;
        let old = match t.reviews.first().is_some_and(|r| r.id == old.year().to_string()) {
            true => old.to_string(),
            false => format!("{{id: {}, date: {old}}}", t.reviews.first().map_or("", |r| r.id.as_str())),
        };
        return Ok(Splice { at: offset(key)?, remove: 0, insert: format!("reviews:{nl}  - {old}{nl}  - {item}{nl}") });
    };
    let Kind::Seq(items) = &reviews.kind else {
        return Err("`reviews` is not a list".to_string());
    };
    let last = items.last().ok_or("`reviews` is empty")?;
    if file.char_at(reviews.span.line, reviews.span.col) == Some('[') {
        let close = closing(&file.text, offset(reviews)?).ok_or("`reviews: [` is not closed")?;
        return Ok(Splice { at: close, remove: 0, insert: format!(", {item}") });
    }
    // A block list: a line like the last item's, after its last line.
    let line = file.line(last.span.line).ok_or("a line past the end")?;
    let before: String = line.chars().take(last.span.col.saturating_sub(1)).collect();
    let dash = before.rfind('-').ok_or("a review item without `-`")?;
    let indent = &before[..dash];
    let block_map = matches!(last.kind, Kind::Map(_)) && file.char_at(last.span.line, last.span.col) != Some('{');
    let written = match block_map && new.date.is_some_and(|d| d.year().to_string() == new.id) {
        true => format!("date: {item}"),
        false => item,
    };
    let end = block_end(file, last.span.line, dash + 1);
    let at = file.index().offset(&file.text, end + 1, 1).unwrap_or(file.text.len());
    let lead = if at == file.text.len() && !file.text.ends_with('\n') { nl } else { "" };
    Ok(Splice { at, remove: 0, insert: format!("{lead}{indent}- {written}{nl}") })
}

/// The last line of the block that starts on line `start`: the lines after it
/// that are indented by more than `indent` columns (blank lines and comments
/// at the block's end are left out).
fn block_end(file: &SourceFile, start: usize, indent: usize) -> usize {
    let mut end = start;
    let mut n = start + 1;
    while let Some(l) = file.line(n) {
        let body = l.trim_start_matches(' ');
        if !body.is_empty() {
            if l.len() - body.len() < indent {
                break;
            }
            if !body.starts_with('#') {
                end = n;
            }
        }
        n += 1;
    }
    end
}

/// The change that moves the short-form cell `key: value` under review
/// `review`; `None` for a cell in the long form or `not-applicable`.
fn cell_splice(file: &SourceFile, key: &Node, value: &Node, review: &str, nl: &str) -> Result<Option<Splice>, String> {
    let status = match &value.kind {
        Kind::Scalar { text, .. } => text.trim().to_string(),
        Kind::Map(entries) => {
            let entry = |k: &str| entries.iter().find(|(n, _)| n.as_scalar() == Some(k));
            if !["status", "note", "sources"].iter().any(|k| entry(k).is_some()) {
                return Ok(None);
            }
            entry("status").and_then(|(_, v)| v.as_scalar()).unwrap_or("").trim().to_string()
        }
        Kind::Seq(_) => return Ok(None),
    };
    if Status::from_code(&status) == Some(Status::NotApplicable) {
        return Ok(None);
    }
    let at = file.index().offset(&file.text, value.span.line, value.span.col).ok_or("a position past the end")?;
    match (&value.kind, file.char_at(value.span.line, value.span.col)) {
        (Kind::Scalar { .. }, Some(c)) if !matches!(c, '|' | '>' | '*' | '&' | '!') => {
            let len = file
                .text
                .get(at..)
                .map_or(0, |rest| rest.char_indices().nth(value.span.len).map_or(rest.len(), |(i, _)| i));
            let old = file.text.get(at..at + len).unwrap_or("");
            Ok(Some(Splice { at, remove: len, insert: format!("{{{review}: {old}}}") }))
        }
        (Kind::Map(_), Some('{')) => {
            let close = closing(&file.text, at).ok_or("a `{` that is not closed")?;
            let old = file.text.get(at..close + 1).unwrap_or("");
            Ok(Some(Splice { at, remove: close + 1 - at, insert: format!("{{{review}: {old}}}") }))
        }
        (Kind::Map(_), _) if value.span.line > key.span.line => {
            // A block mapping: a line with the review's id above it, and
            // every line of it indented two more columns.
            let indent = value.span.col.saturating_sub(1);
            let end = block_end(file, value.span.line, indent);
            let start = file.index().offset(&file.text, value.span.line, 1).ok_or("a line past the end")?;
            let stop = file.index().offset(&file.text, end + 1, 1).unwrap_or(file.text.len());
            let block = file.text.get(start..stop).unwrap_or("");
            let mut moved = format!("{}{review}:{nl}", " ".repeat(indent));
            for l in block.split_inclusive('\n') {
                if !l.trim().is_empty() {
                    moved.push_str("  ");
                }
                moved.push_str(l);
            }
            Ok(Some(Splice { at: start, remove: stop - start, insert: moved }))
        }
        _ => Err(format!(
            "the cell on line {} is written in a way that cannot be moved under a review; write it as `{{{review}: ...}}` by hand",
            value.span.line
        )),
    }
}

/// The byte offset of the bracket that closes the `[` or `{` at `open`,
/// skipping quoted text and comments.
fn closing(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = text.get(open..)?.char_indices().peekable();
    let mut prev = ' ';
    while let Some((i, c)) = chars.next() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            '"' => {
                while let Some((_, q)) = chars.next() {
                    match q {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                while let Some((_, q)) = chars.next() {
                    if q == '\'' {
                        if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                }
            }
            '#' if prev.is_whitespace() => {
                for (_, q) in chars.by_ref() {
                    if q == '\n' {
                        break;
                    }
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::country::{Country, CountryCode};
    use crate::i18n::Languages;

    fn tracker(text: &str) -> Tracker {
        let langs = Languages::new(vec!["sq".into(), "en".into()]);
        let countries: Vec<Country> =
            CountryCode::built_in().into_iter().map(|c| Country::new(c, None, &langs)).collect();
        let mut d = Diagnostics::new();
        parse_tracker("t", SourceFile::new("content/trackers/t.yaml", text), &langs, &countries, &mut d)
            .unwrap_or_else(|| panic!("{}\n{text}", d.render_human()))
    }

    fn add(text: &str, date: &str, id: Option<&str>) -> (String, Tracker, Tracker) {
        let before = tracker(text);
        let date = parse_date(date).unwrap_or_else(|e| panic!("{e}"));
        let new = new_review(&before, date, id).unwrap_or_else(|e| panic!("{e}"));
        let file = SourceFile::new("content/trackers/t.yaml", text);
        let edited = add_review_text(&file, &before, &new).unwrap_or_else(|e| panic!("{e}"));
        let after = tracker(&edited.text);
        (edited.text, before, after)
    }

    const ONE: &str = "title: T\nupdated: 2023-10-16 # the first round\nrecommendations:\n  - id: a\n    title: A\n    countries:\n      al: implemented # checked\n      ba: \"in-progress\"\n      xk: {status: partially-implemented, note: {sq: \"Po, {pjesërisht}\", en: Partly}}\n      me:\n        status: not-implemented\n        note: |\n          Two\n\n          lines\n        sources: [\"https://example.org/#x\"]\n      # mk is not assessed\n      rs: not-applicable\n  - id: b\n    title: B\n    countries: {al: in-progress, ba: implemented}\n";

    #[test]
    fn adding_a_review_keeps_every_earlier_status_and_the_comments() {
        let (text, before, after) = add(ONE, "2024-10-20", None);
        assert!(keeps_earlier_reviews(&before, &after), "{text}");
        assert_eq!(after.reviews.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["2023", "2024"]);
        assert!(text.contains("reviews:\n  - 2023-10-16\n  - 2024-10-20\nrecommendations:"), "{text}");
        assert!(text.contains("al: {2023: implemented} # checked"), "{text}");
        assert!(text.contains("ba: {2023: \"in-progress\"}"), "{text}");
        assert!(text.contains("      me:\n        2023:\n          status: not-implemented\n"), "{text}");
        assert!(text.contains("# mk is not assessed") && text.contains("# the first round"), "{text}");
        assert!(text.contains("rs: not-applicable") && text.contains("countries: {al: {2023: in-progress}"), "{text}");
        // The new review has no statuses yet, but not-applicable holds for every review.
        let a = after.recommendations.first().unwrap_or_else(|| panic!("no recommendation"));
        let status = |c: &str| a.assessment(&CountryCode(c.into())).map(|x| x.status());
        assert_eq!(status("al"), Some(Status::NoData));
        assert_eq!(status("rs"), Some(Status::NotApplicable));
    }

    #[test]
    fn a_review_is_appended_to_a_block_or_flow_list_in_the_file_s_own_form() {
        let block = ONE.replace(
            "updated: 2023-10-16 # the first round\n",
            "reviews:\n  - date: 2023-10-16\n    label: {sq: Vjeshtë, en: Autumn}\n# next\n",
        );
        let (text, before, after) = add(&block, "2024", None);
        assert!(text.contains("    label: {sq: Vjeshtë, en: Autumn}\n  - date: 2024\n# next\n"), "{text}");
        assert!(keeps_earlier_reviews(&before, &after));
        let flow = ONE.replace("updated: 2023-10-16 # the first round\n", "reviews: [2023-10-16] # rounds\n");
        let (text, before, after) = add(&flow, "2023-12-01", Some("2023-b"));
        assert!(text.contains("reviews: [2023-10-16, {id: 2023-b, date: 2023-12-01}] # rounds\n"), "{text}");
        assert!(keeps_earlier_reviews(&before, &after));
        // A third review moves nothing: the cells are in the long form now.
        let (again, before, after) = add(&text, "2025", None);
        assert!(keeps_earlier_reviews(&before, &after));
        assert_eq!(again.replace(", 2025]", "]"), text);
    }

    #[test]
    fn a_new_review_must_come_last_and_have_a_free_id() {
        let t = tracker(ONE);
        let date = |s: &str| parse_date(s).unwrap_or_else(|e| panic!("{e}"));
        assert!(new_review(&t, date("2023-01-01"), None).is_err_and(|e| e.contains("later date than 2023-10-16")));
        assert!(new_review(&t, date("2023-12-01"), None).is_err_and(|e| e.contains("--id 2023-autumn")));
        assert!(parse_date("20/10/2024").is_err_and(|e| e.contains("did you mean `2024-10-20`?")));
    }
}
