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

const TRACKER_KEYS: &[&str] = &["title", "description", "source", "updated", "reviews", "recommendations"];
const RECOMMENDATION_KEYS: &[&str] = &["id", "title", "text", "addressed_to", "countries"];
const ASSESSMENT_KEYS: &[&str] = &["status", "note", "sources"];
const SOURCE_KEYS: &[&str] = &["title", "url"];

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
    let declared = match f.get("reviews") {
        Some(n) => Some(super::review::parse_reviews(n, langs, &file, diags)?),
        None => None,
    };
    let cx = Cells {
        reviews: declared.as_deref().unwrap_or(&[]),
        declared: declared.is_some(),
        langs,
        countries,
        file: &file,
    };
    let mut recommendations = Vec::new();
    if let Some(list) =
        f.required("recommendations", "the tracker", &file, diags).and_then(|n| n.list(&file, "recommendations", diags))
    {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for node in list {
            if let Some(r) = parse_recommendation(node, &cx, &mut seen, diags) {
                recommendations.push(r);
            }
        }
    }
    if diags.error_count() > before {
        return None;
    }
    let reviews = declared.unwrap_or_else(|| {
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

/// Parses one item of `recommendations`; `seen` maps ids to their lines.
fn parse_recommendation(
    node: &Node,
    cx: &Cells,
    seen: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> Option<Recommendation> {
    let (langs, file) = (cx.langs, cx.file);
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
    let mut given: BTreeMap<CountryCode, Vec<Entry>> = BTreeMap::new();
    if let Some(n) = f.get("countries") {
        for (code, kn, v) in n.entries(file, "countries", diags).unwrap_or_default() {
            let Some(c) = country::resolve(cx.countries, &code, kn.span, file, diags) else {
                continue;
            };
            if let Some(a) = parse_cell(v, cx, diags) {
                given.insert(c.code.clone(), a);
            }
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

/// One country's cell: its entry in every review, oldest first. The short
/// forms (`al: implemented`, `al: {status: ...}`) give the latest review;
/// the long form maps review ids to entries (`al: {2023: in-progress, 2024: implemented}`).
fn parse_cell(node: &Node, cx: &Cells, diags: &mut Diagnostics) -> Option<Vec<Entry>> {
    let file = cx.file;
    let mut out = vec![Entry::no_data(); cx.len()];
    let by_review = match &node.kind {
        Kind::Map(entries) => !entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|k| ASSESSMENT_KEYS.contains(&k))),
        _ => false,
    };
    if !by_review {
        let e = parse_entry(node, cx.langs, file, diags)?;
        if let Some(last) = out.last_mut() {
            *last = e;
        }
        return Some(out);
    }
    let before = diags.error_count();
    for (key, kn, v) in node.entries(file, "a country's statuses", diags).unwrap_or_default() {
        let Some(i) = review_index(&key, kn.span, cx, diags) else {
            continue;
        };
        if let (Some(e), Some(slot)) = (parse_entry(v, cx.langs, file, diags), out.get_mut(i)) {
            *slot = e;
        }
    }
    (diags.error_count() == before).then_some(out)
}

/// The position of review `key` among the declared reviews, or an error at `span`.
fn review_index(key: &str, span: Span, cx: &Cells, diags: &mut Diagnostics) -> Option<usize> {
    let file = cx.file;
    if !cx.declared {
        let hint = match did_you_mean(key, ASSESSMENT_KEYS.iter().copied()) {
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
    let ids: Vec<&str> = cx.reviews.iter().map(|r| r.id.as_str()).collect();
    let hint =
        match did_you_mean(key, ids.iter().copied()).or_else(|| did_you_mean(key, ASSESSMENT_KEYS.iter().copied())) {
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
            let f = Fields::new(node, ASSESSMENT_KEYS, "a country's status", file, diags)?;
            let status =
                f.required("status", "this country's entry", file, diags).and_then(|n| Status::parse(n, file, diags));
            let note = f.get("note").and_then(|n| Text::parse(n, "note", langs, file, diags));
            let sources = match f.get("sources") {
                Some(n) => n
                    .list(file, "sources", diags)?
                    .into_iter()
                    .filter_map(|s| parse_source(s, langs, file, diags))
                    .collect(),
                None => Vec::new(),
            };
            Some(Entry { status: status?, note, sources })
        }
        Kind::Seq(_) => {
            diags.push(
                file.error(node.span, "wrong-type", "a country's status must be a status or a mapping, found a list")
                    .with_hint("write `al: implemented`, or `al: {status: implemented, note: \"...\", sources: [\"https://...\"]}`"),
            );
            None
        }
        Kind::Scalar { .. } => {
            Some(Entry { status: Status::parse(node, file, diags)?, note: None, sources: Vec::new() })
        }
    }
}

/// One item of `sources`: a web address or a citation as text, or `{title, url}`.
fn parse_source(node: &Node, langs: &Languages, file: &SourceFile, diags: &mut Diagnostics) -> Option<Source> {
    if let Kind::Map(_) = &node.kind {
        let f = Fields::new(node, SOURCE_KEYS, "a source", file, diags)?;
        let title = f.get("title").and_then(|n| Text::parse(n, "title", langs, file, diags));
        let url = f.get("url").and_then(|n| n.str(file, "url", diags)).map(|u| u.trim().to_string());
        if let Some(u) = &url
            && !is_web_address(u)
        {
            diags.push(
                file.error(
                    f.get("url").map_or(node.span, |n| n.span),
                    "bad-url",
                    format!("`{u}` is not a web address"),
                )
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
        return Some(Source { title, url });
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
    fn reviews_hold_one_entry_per_review_and_short_forms_give_the_latest() {
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
        assert_eq!((xk.status_in(0), xk.status(), xk.change()), (Status::NoData, Status::NotApplicable, None));
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
