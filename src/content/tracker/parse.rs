//! Reading one tracker file (SPEC §5): YAML text -> [`Tracker`], with every
//! problem reported at the offending value: unknown keys, statuses and
//! countries, duplicate or malformed ids, bad dates, missing fields.

use std::collections::BTreeMap;

use super::{
    Assessment, Entry, Markdown, Recommendation, Review, ReviewDate, Source, Status, TextStart, Tracker, is_valid_id,
    suggest_id,
};
use crate::content::country::{self, Country, CountryCode};
use crate::diag::{Diagnostics, SourceFile, Span, did_you_mean};
use crate::i18n::{Date, Languages, Text};
use crate::yaml::{self, Decode, Entries, Kind, Node, Spanned};

/// A status code, or an error at the value listing the five.
impl<'n> Decode<'n> for Status {
    fn decode(node: &'n Node, _: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Status> {
        let code = node.str(file, "status", diags)?;
        if let Some(s) = Status::from_code(code.trim()) {
            return Some(s);
        }
        let list = Status::ALL.map(Status::code).join(", ");
        let folded = code.trim().to_lowercase().replace(['_', ' '], "-");
        let by_label = Status::from_label(&code).map(Status::code);
        let hint = match by_label.or_else(|| did_you_mean(&folded, Status::ALL.map(Status::code))) {
            Some(m) if by_label.is_some() => {
                format!("`{}` reads as the status `{m}`; write its code, `{m}`. The statuses are: {list}", code.trim())
            }
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
pub(crate) fn text_start(node: &Node, file: &SourceFile) -> TextStart {
    // Lines come from the file's line index: a tracker has thousands of
    // text fields, and scanning from the top for each would be quadratic.
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

crate::decode_map! {
    /// A tracker file as written (SPEC §5): its keys and the shape of each
    /// value. [`parse_tracker`] checks what they mean.
    pub(crate) struct TrackerYaml<'n> {
        what: "a tracker", missing: "the tracker", required: [title, recommendations];
        /// The tracker's name per language.
        title: Option<&'n Node> as Shape::Text,
        /// Markdown per language, shown above the matrix.
        description: Option<&'n Node> as Shape::Markdown,
        /// Where the recommendations come from, per language.
        source: Option<&'n Node> as Shape::Text,
        /// Date of the last review, `YYYY-MM-DD`.
        updated: Option<Date>,
        /// The reviews, oldest first (`review.rs`).
        reviews: Option<&'n Node> as Shape::list(<super::review::ReviewYaml as Describe>::shape()),
        /// The recommendations, in the order the page shows them.
        recommendations: Option<Vec<RecommendationYaml<'n>>>,
    }
}

crate::decode_map! {
    /// One item of `recommendations`.
    struct RecommendationYaml<'n> {
        what: "a recommendation", missing: "this recommendation", required: [id, title];
        /// The anchor in URLs: lowercase letters, digits and hyphens.
        id: Option<Spanned<String>>,
        /// Its short name per language.
        title: Option<&'n Node> as Shape::Text,
        /// Markdown per language.
        text: Option<&'n Node> as Shape::Markdown,
        /// Who should act, per language.
        addressed_to: Option<&'n Node> as Shape::Text,
        /// Country code -> its status, or its status per review.
        countries: Option<Entries<&'n Node>>
            as Shape::keyed(Keys::Country, Shape::keyed(Keys::Review, <EntryYaml as Describe>::shape())),
    }
}

crate::decode_map! {
    /// A country's entry written as a mapping.
    struct EntryYaml<'n> {
        what: "a country's status", missing: "this country's entry", required: [status];
        /// One of the five statuses.
        status: Option<Status>,
        /// Why, per language.
        note: Option<&'n Node> as Shape::Text,
        /// Web addresses, citations, or `{title, url}`.
        sources: Option<Vec<&'n Node>> as Shape::list(<SourceYaml as Describe>::shape()),
    }
}

crate::decode_map! {
    /// A source written as a mapping.
    struct SourceYaml<'n> {
        what: "a source", missing: "a source", required: [];
        /// The citation, per language.
        title: Option<&'n Node> as Shape::Text,
        /// A web address.
        url: Option<Spanned<String>>,
    }
}

/// Ids the tracker page uses itself; a recommendation may not take them.
const RESERVED_IDS: &[&str] = &["main"];

/// Parses one tracker file. `None` when it has errors (all in `diags`).
pub(crate) fn parse_tracker(
    id: &str,
    file: SourceFile,
    langs: &Languages,
    countries: &[Country],
    diags: &mut Diagnostics,
) -> Option<Tracker> {
    let before = diags.error_count();
    let root = yaml::parse(&file, &file.text, 1, diags)?;
    let raw = TrackerYaml::decode(&root, "tracker", &file, diags)?;
    let title = raw.title.and_then(|n| Text::parse(n, "title", langs, &file, diags));
    let description = raw.description.and_then(|n| Markdown::parse(n, "description", langs, &file, diags));
    let source = raw.source.and_then(|n| Text::parse(n, "source", langs, &file, diags));
    let updated = raw.updated;
    let list = match raw.reviews {
        Some(n) => Some(super::review::parse_reviews(n, langs, &file, diags)?),
        None => None,
    };
    let cx = Cells {
        reviews: list.as_ref().map_or(&[], |l| &l.reviews),
        declared: list.is_some(),
        written: list.as_ref().map_or(1, |l| l.written),
        lost: list.as_ref().map_or(&[], |l| &l.lost),
        lost_unknown: list.as_ref().is_some_and(|l| l.lost_unknown),
        langs,
        countries,
        file: &file,
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let recommendations =
        raw.recommendations.unwrap_or_default().into_iter().filter_map(|r| recommendation(r, &cx, &mut seen, diags));
    let recommendations: Vec<Recommendation> = recommendations.collect();
    if diags.error_count() > before {
        return None;
    }
    let reviews = list.map(|l| l.reviews).unwrap_or_else(|| {
        vec![Review {
            id: updated.map_or_else(|| "1".to_string(), |d| d.year.to_string()),
            label: None,
            date: updated.map(ReviewDate::Day),
        }]
    });
    Some(Tracker { id: id.to_string(), title: title?, description, source, updated, reviews, recommendations, file })
}

/// What reading a recommendation's cells needs from the tracker.
struct Cells<'a> {
    /// The declared reviews (empty without `reviews:`).
    reviews: &'a [Review],
    /// True when the file declares `reviews:`.
    declared: bool,
    /// How many reviews `reviews:` lists, also those with errors (1 without it).
    written: usize,
    /// The ids of reviews with errors (reported there): a cell naming one
    /// is not reported again.
    lost: &'a [String],
    /// True when a review with errors has no id that can be told: then no
    /// cell naming an unknown review is reported, unless it looks like a
    /// misspelt `status`, `note` or `sources`.
    lost_unknown: bool,
    langs: &'a Languages,
    countries: &'a [Country],
    file: &'a SourceFile,
}

impl Cells<'_> {
    /// How many reviews each cell holds.
    fn len(&self) -> usize {
        self.reviews.len().max(1)
    }
}

/// Checks one item of `recommendations`; `seen` maps ids to their lines.
fn recommendation(
    r: RecommendationYaml<'_>,
    cx: &Cells,
    seen: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> Option<Recommendation> {
    let (langs, file) = (cx.langs, cx.file);
    let id = r.id.filter(|id| check_recommendation_id(&id.value, id.span, file, seen, diags)).map(|id| id.value);
    let title = r.title.and_then(|n| Text::parse(n, "title", langs, file, diags));
    let text = r.text.and_then(|n| Markdown::parse(n, "text", langs, file, diags));
    let addressed_to = r.addressed_to.and_then(|n| Text::parse(n, "addressed_to", langs, file, diags));
    let mut given: BTreeMap<CountryCode, Vec<Entry>> = BTreeMap::new();
    for (code, v) in r.countries.map(|c| c.0).unwrap_or_default() {
        if let Some(c) = country::resolve(cx.countries, &code.value, code.span, file, diags)
            && let Some(a) = parse_cell(&code.value, v, cx, diags)
        {
            given.insert(c.code.clone(), a);
        }
    }
    let countries = cx
        .countries
        .iter()
        .map(|c| Assessment {
            country: c.code.clone(),
            reviews: given.remove(&c.code).unwrap_or_else(|| vec![Entry::no_data(); cx.len()]),
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

/// One country's cell (`code: node`): its entry in every review, oldest
/// first. The long form maps review ids to entries (`al: {2023: in-progress,
/// 2024: implemented}`). The short forms (`al: implemented`, `al: {status:
/// ...}`) are the one review of a tracker with one review; in a tracker of
/// several they would not say which review they hold, and are an error,
/// except `not-applicable`, which holds for every review. A cell whose every
/// given status is `not-applicable` is `not-applicable` in the reviews it
/// does not give, too: it is a property of the recommendation in a country.
fn parse_cell(code: &str, node: &Node, cx: &Cells, diags: &mut Diagnostics) -> Option<Vec<Entry>> {
    let file = cx.file;
    let mut out = vec![Entry::no_data(); cx.len()];
    let by_review = match &node.kind {
        Kind::Map(entries) => !entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|k| EntryYaml::KEYS.contains(&k))),
        _ => false,
    };
    if !by_review {
        let e = parse_entry(node, cx.langs, file, diags)?;
        if e.status == Status::NotApplicable {
            return Some(vec![e; cx.len()]);
        }
        if cx.written > 1 {
            diags.push(short_form_error(code, node, &e, cx));
            return None;
        }
        if let Some(last) = out.last_mut() {
            *last = e;
        }
        return Some(out);
    }
    let before = diags.error_count();
    let mut given = vec![false; out.len()];
    for (key, kn, v) in node.entries(file, "a country's statuses", diags).unwrap_or_default() {
        let Some(i) = review_index(&key, kn.span, cx, diags) else {
            continue;
        };
        if let (Some(e), Some(slot)) = (parse_entry(v, cx.langs, file, diags), out.get_mut(i)) {
            *slot = e;
            if let Some(g) = given.get_mut(i) {
                *g = true;
            }
        }
    }
    let mut written = out.iter().zip(&given).filter(|(_, g)| **g).map(|(e, _)| e);
    if let Some(na) = written.next().filter(|e| e.status == Status::NotApplicable).cloned()
        && written.all(|e| e.status == Status::NotApplicable)
    {
        for (slot, _) in out.iter_mut().zip(&given).filter(|(_, g)| !**g) {
            *slot = na.clone();
        }
    }
    (diags.error_count() == before).then_some(out)
}

/// The error for a short-form cell in a tracker of several reviews, with the
/// long form as hint: the status under the review before the latest, which
/// is the one it was written for when a review has just been added.
fn short_form_error(code: &str, node: &Node, e: &Entry, cx: &Cells) -> crate::diag::Diagnostic {
    // While a review has an error, which one the status was for cannot be told.
    let ids: Vec<&str> = match cx.reviews.len() == cx.written {
        true => cx.reviews.iter().map(|r| r.id.as_str()).collect(),
        false => Vec::new(),
    };
    let example = ids.len().checked_sub(2).and_then(|i| ids.get(i)).or(ids.first()).copied().unwrap_or("<review id>");
    let status = e.status.code();
    let long = match &node.kind {
        Kind::Map(_) => format!("`{code}: {{{example}: {{status: {status}, ...}}}}`"),
        _ => format!("`{code}: {{{example}: {status}}}`"),
    };
    let reviews = match ids.is_empty() {
        true => String::new(),
        false => format!(" (the reviews are: {})", ids.join(", ")),
    };
    cx.file
        .error(
            node.span,
            "short-form-cell",
            format!("`{code}` gives a status without saying for which review, in a tracker of {} reviews", cx.written),
        )
        .with_hint(format!(
            "write the status under the review it was assessed in{reviews}, e.g. {long}; `raport tracker add-review` writes this form when it adds a review"
        ))
}

/// The position of review `key` among the declared reviews, or an error at `span`.
fn review_index(key: &str, span: Span, cx: &Cells, diags: &mut Diagnostics) -> Option<usize> {
    let file = cx.file;
    if !cx.declared {
        let hint = match did_you_mean(key, EntryYaml::KEYS.iter().copied()) {
            Some(m) => format!("did you mean `{m}`? a country's entry takes `status`, `note` and `sources`"),
            None => format!(
                "to record statuses per review, declare the reviews at the top of the file: `reviews: [{key}]`; else write `status: ...`"
            ),
        };
        diags.push(
            file.error(
                span,
                "undeclared-review",
                format!("a status for review `{key}`, but the tracker declares no `reviews`"),
            )
            .with_hint(hint),
        );
        return None;
    }
    if let Some(i) = cx.reviews.iter().position(|r| r.id == key) {
        return Some(i);
    }
    // The review may be one whose date or id has an error, reported there.
    let entry_key = did_you_mean(key, EntryYaml::KEYS.iter().copied()).is_some();
    if cx.lost.iter().any(|l| l == key) || (cx.lost_unknown && !entry_key) {
        return None;
    }
    let ids: Vec<&str> = cx.reviews.iter().map(|r| r.id.as_str()).collect();
    let hint =
        match did_you_mean(key, ids.iter().copied()).or_else(|| did_you_mean(key, EntryYaml::KEYS.iter().copied())) {
            Some(m) => format!(
                "did you mean `{m}`? the reviews are: {}; a new review is declared under `reviews:` first",
                ids.join(", ")
            ),
            None => format!("the reviews are: {}; a new review is declared under `reviews:` first", ids.join(", ")),
        };
    diags.push(file.error(span, "unknown-review", format!("unknown review `{key}`")).with_hint(hint));
    None
}

/// One entry: a status alone (`implemented`) or `{status, note, sources}`.
fn parse_entry(node: &Node, langs: &Languages, file: &SourceFile, diags: &mut Diagnostics) -> Option<Entry> {
    match &node.kind {
        Kind::Map(_) => {
            let e = EntryYaml::decode(node, "", file, diags)?;
            let note = e.note.and_then(|n| Text::parse(n, "note", langs, file, diags));
            let sources = e.sources.unwrap_or_default();
            let sources = sources.into_iter().filter_map(|s| parse_source(s, langs, file, diags)).collect();
            Some(Entry { status: e.status?, note, sources })
        }
        Kind::Seq(_) => {
            diags.push(
                file.error(node.span, "wrong-type", "a country's status must be a status or a mapping, found a list")
                    .with_hint("write `al: implemented`, or `al: {status: implemented, note: \"...\", sources: [\"https://...\"]}`"),
            );
            None
        }
        Kind::Scalar { .. } => {
            Some(Entry { status: Status::decode(node, "status", file, diags)?, note: None, sources: Vec::new() })
        }
    }
}

/// One item of `sources`: a web address or a citation as text, or `{title, url}`.
fn parse_source(node: &Node, langs: &Languages, file: &SourceFile, diags: &mut Diagnostics) -> Option<Source> {
    if let Kind::Map(_) = &node.kind {
        let src = SourceYaml::decode(node, "", file, diags)?;
        let title = src.title.and_then(|n| Text::parse(n, "title", langs, file, diags));
        let url = src.url.map(|u| Spanned { value: u.value.trim().to_string(), span: u.span });
        if let Some(u) = &url
            && !is_web_address(&u.value)
        {
            diags.push(
                file.error(u.span, "bad-url", format!("`{}` is not a web address", u.value))
                    .with_hint("write the full address, starting with https://, or put a citation under `title:`"),
            );
            return None;
        }
        if title.is_none() && url.is_none() {
            diags.push(
                file.error(node.span, "missing-key", "a source needs a `title`, a `url` or both")
                    .with_hint("write `{title: \"Official Gazette 12/2023\", url: \"https://...\"}`"),
            );
            return None;
        }
        return Some(Source { title, url: url.map(|u| u.value) });
    }
    let s = node.str(file, "sources", diags)?;
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    Some(if is_web_address(s) {
        Source { title: None, url: Some(s.to_string()) }
    } else {
        Source { title: Some(Text::Plain(s.to_string())), url: None }
    })
}

/// True for an `http(s)://` address without spaces.
pub(super) fn is_web_address(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && s.len() > 8 && !s.contains(char::is_whitespace)
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
        assert_eq!(r.assessment(&CountryCode("rs".into())).map(|a| a.latest().sources.len()), Some(1));
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

    const ROUNDS: &str = "title: T\nreviews: [2023, {id: late, date: 2024-10-15, label: {sq: Vjeshtë, en: Autumn}}]\nrecommendations:\n  - id: a\n    title: A\n    countries:\n      al: {2023: in-progress, late: {status: implemented, sources: [{title: G, url: \"https://g.example/x\"}, \"Fletorja 3\"]}}\n      xk: not-applicable\n      rs: {2023: implemented, late: in-progress}\n";

    #[test]
    fn reviews_hold_one_entry_per_review_and_not_applicable_holds_for_all() {
        let (t, out) = parse(ROUNDS);
        let t = t.unwrap_or_else(|| panic!("{out}"));
        assert_eq!(t.reviews.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["2023", "late"]);
        assert_eq!(t.reviews.first().and_then(|r| r.date), Some(ReviewDate::Year(2023)));
        let r = t.recommendations.first().unwrap_or_else(|| panic!("no recommendation"));
        let al = r.assessment(&CountryCode("al".into())).unwrap_or_else(|| panic!("no al"));
        assert_eq!((al.status_in(0), al.status()), (Status::InProgress, Status::Implemented));
        assert_eq!(al.change(), Some(super::super::Change::Improved));
        assert_eq!(
            al.latest().sources,
            [
                Source { title: Some(Text::Plain("G".into())), url: Some("https://g.example/x".into()) },
                Source { title: Some(Text::Plain("Fletorja 3".into())), url: None },
            ]
        );
        let xk = r.assessment(&CountryCode("xk".into())).unwrap_or_else(|| panic!("no xk"));
        // not-applicable written once holds for every review.
        assert_eq!((xk.status_in(0), xk.status(), xk.change()), (Status::NotApplicable, Status::NotApplicable, None));
        let rs = r.assessment(&CountryCode("rs".into())).unwrap_or_else(|| panic!("no rs"));
        assert_eq!(rs.change(), Some(super::super::Change::Worsened));
        // A country not listed has no data in every review.
        let me = r.assessment(&CountryCode("me".into())).unwrap_or_else(|| panic!("no me"));
        assert_eq!(me.reviews.len(), 2);
        // not-applicable is no tally; progress counts implemented and partially implemented of those assessed.
        assert!(!t.counts(None).contains_key(&Status::NotApplicable));
        assert_eq!(t.counts(None).values().sum::<usize>(), 5);
        assert_eq!(t.progress(1, &CountryCode("al".into())), super::super::Progress { done: 1, assessed: 1 });
        assert_eq!(t.progress(1, &CountryCode("xk".into())).percent(), None);
    }

    #[test]
    fn an_old_file_has_one_review_named_after_its_update() {
        let (t, out) = parse(VALID);
        let t = t.unwrap_or_else(|| panic!("{out}"));
        assert_eq!(t.reviews.len(), 1);
        assert_eq!(t.reviews.first().map(|r| r.id.as_str()), Some("2023"));
        let r = t.recommendations.first().unwrap_or_else(|| panic!("no recommendation"));
        assert!(r.countries.iter().all(|a| a.reviews.len() == 1 && a.change().is_none()));
    }

    #[test]
    fn review_errors_point_at_the_value() {
        let (t, out) = parse(&ROUNDS.replace("late: in-progress", "lat: in-progress"));
        assert!(t.is_none());
        assert!(out.contains("t.yaml:9:31: error: unknown review `lat`"), "{out}");
        assert!(out.contains("did you mean `late`?"), "{out}");
        let (_, out) = parse(&ROUNDS.replace("[2023, {id: late", "[2023, {id: \"2023\""));
        assert!(out.contains("t.yaml:2:22: error: duplicate review `2023`"), "{out}");
        let (_, out) = parse(&VALID.replace("al: implemented", "al: {2023: implemented}"));
        assert!(
            out.contains("t.yaml:7:12: error: a status for review `2023`, but the tracker declares no `reviews`"),
            "{out}"
        );
    }

    #[test]
    fn a_short_form_in_a_tracker_of_two_reviews_is_an_error_with_the_long_form() {
        // An editor adds a second review to a one-review tracker by hand.
        let src = VALID.replace("updated: 2023-09-30\n", "reviews: [2023-09-30, 2024-10-20]\n");
        let (t, out) = parse(&src);
        assert!(t.is_none(), "the 2023 statuses would move to 2024: {out}");
        assert!(
            out.contains(
                "t.yaml:7:11: error: `al` gives a status without saying for which review, in a tracker of 2 reviews"
            ),
            "{out}"
        );
        assert!(out.contains("e.g. `al: {2023: implemented}`"), "{out}");
        assert!(
            out.contains("t.yaml:8:11: error: `rs` gives a status")
                && out.contains("`rs: {2023: {status: in-progress, ...}}`"),
            "{out}"
        );
        // One review declared: the short form is its status.
        let (t, out) = parse(&VALID.replace("updated: 2023-09-30\n", "reviews: [2023-09-30]\n"));
        assert!(
            t.is_some_and(|t| t.recommendations[0].status(&CountryCode("al".into())) == Status::Implemented),
            "{out}"
        );
    }

    #[test]
    fn not_applicable_written_for_one_review_holds_for_those_not_given() {
        let src = "title: T\nreviews: [2023, 2024, 2025]\nrecommendations:\n  - id: a\n    title: A\n    countries:\n      al: {2023: not-applicable}\n      rs: {2023: not-applicable, 2024: implemented}\n";
        let (t, out) = parse(src);
        let t = t.unwrap_or_else(|| panic!("{out}"));
        let r = t.recommendations.first().unwrap_or_else(|| panic!("no recommendation"));
        let statuses = |c: &str| {
            r.assessment(&CountryCode(c.into())).map(|a| a.reviews.iter().map(|e| e.status).collect::<Vec<_>>())
        };
        assert_eq!(statuses("al"), Some(vec![Status::NotApplicable; 3]));
        assert_eq!(statuses("rs"), Some(vec![Status::NotApplicable, Status::Implemented, Status::NoData]));
    }

    #[test]
    fn a_bad_or_late_review_date_is_one_error_at_the_date() {
        let src = "title: T\nreviews:\n  - 14/10/2023\n  - 2024\nrecommendations:\n  - id: a\n    title: A\n    countries:\n      al: {2023: in-progress, 2024: implemented}\n      rs: {2023: implemented, stauts: implemented}\n";
        let (t, out) = parse(src);
        assert!(t.is_none());
        assert!(out.contains("t.yaml:3:5: error: `14/10/2023` is not a date"), "{out}");
        assert!(out.contains("did you mean `2023-10-14`?"), "{out}");
        assert!(!out.contains("unknown review `2023`"), "{out}");
        // Another mistake in the same cell is still reported.
        assert!(out.contains("unknown review `stauts`"), "{out}");
        assert_eq!(out.matches("error:").count(), 2, "{out}");
        let late = "title: T\nreviews:\n  - date: 2024-10-15\n  - {id: late, date: 2024-01-11}\nrecommendations:\n  - id: a\n    title: A\n    countries:\n      al: {2024: in-progress, late: implemented}\n";
        let (_, out) = parse(late);
        assert!(out.contains("t.yaml:4:22: error: review `late` (2024-01-11) is not later than"), "{out}");
        assert!(out.contains("did you mean `2024-11-01`?"), "{out}");
        assert_eq!(out.matches("error:").count(), 1, "{out}");
    }

    #[test]
    fn status_labels_in_either_language_suggest_the_code() {
        for (label, code) in [
            ("i zbatuar", "implemented"),
            ("Zbatuar pjesërisht", "partially-implemented"),
            ("I zbatuar pjesërisht", "partially-implemented"),
            ("partially implemented", "partially-implemented"),
            ("Nuk zbatohet", "not-applicable"),
            ("I pazbatuar", "not-implemented"),
            ("Pa të dhëna", "no-data"),
        ] {
            assert_eq!(Status::from_label(label).map(Status::code), Some(code), "{label}");
            let (_, out) = parse(&VALID.replace("al: implemented", &format!("al: {label}")));
            assert!(out.contains(&format!("reads as the status `{code}`")), "{out}");
        }
        assert_eq!(Status::from_label("maybe"), None);
    }

    #[test]
    fn changes_compare_the_scale_and_new_follows_no_status() {
        use super::super::Change;
        assert_eq!(Change::between(Status::InProgress, Status::Implemented), Some(Change::Improved));
        assert_eq!(Change::between(Status::Implemented, Status::NotImplemented), Some(Change::Worsened));
        assert_eq!(Change::between(Status::InProgress, Status::InProgress), Some(Change::Unchanged));
        assert_eq!(Change::between(Status::NoData, Status::InProgress), Some(Change::New));
        assert_eq!(Change::between(Status::NotApplicable, Status::Implemented), Some(Change::New));
        assert_eq!(Change::between(Status::Implemented, Status::NoData), None);
        assert_eq!(Change::between(Status::Implemented, Status::NotApplicable), None);
    }
}
