//! Tracker pages (SPEC §5, §7): `/trackers/` and `/trackers/<id>/` in every language.
//!
//! Takes the loaded [`Tracker`]s and returns [`Page`]s: the list of trackers
//! with counts per status, and one page per tracker with the recommendations
//! × countries matrix (a real table, each cell the latest status as a filled
//! badge with symbol and word, and its change since the previous review),
//! the same as one list per country for narrow screens, counts per status
//! per country, each country's progress per review, every recommendation
//! under its own anchor with its Markdown text, addressee, per-country notes
//! and sources and the briefs about it, the briefs citing the tracker, and
//! links to its data downloads ([`super::tracker_data`]).
//! Text that fell back to the default language carries its own `lang`.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::view::{self, BriefCard, LocalText, TrackerLink};
pub(crate) use super::view::{Badge, ChangeBadge, CountryStatus, RecommendationLink};
use super::{Env, Page};
use crate::content::doc::RecommendationRef;
use crate::content::tracker::{
    Assessment, Change, Markdown, Progress, Recommendation, Review, Source, Status, Tracker,
};
use crate::diag::Diagnostics;
use crate::i18n::Text;
use crate::markdown;

/// How many cells have one status.
#[derive(Serialize)]
pub(crate) struct StatusCount {
    /// The status.
    pub status: Badge,
    /// The count, as a number.
    pub count: usize,
}

/// A tracker in a list (`/trackers/`, the home page).
#[derive(Serialize)]
pub(crate) struct TrackerCard {
    /// Tracker id.
    pub id: String,
    /// Title in the page language.
    pub title: LocalText,
    /// Link to the tracker page.
    pub href: String,
    /// Who issued the recommendations.
    pub source: Option<LocalText>,
    /// Localized date of the last review.
    pub updated: Option<String>,
    /// ISO date of the last review.
    pub updated_iso: Option<String>,
    /// "8 rekomandime".
    pub count: String,
    /// Recommendation × country cells per status, every status listed.
    pub statuses: Vec<StatusCount>,
}

/// Rendered Markdown, with its language when it is not the page's.
#[derive(Serialize)]
struct Html {
    html: String,
    lang: Option<String>,
}

#[derive(Serialize)]
struct CountryHead {
    code: String,
    name: LocalText,
}

/// What one cell of the matrix says: a country's latest status, its change
/// since the review before and its status in that review. The few kinds a
/// tracker has are listed once, as [`KindView`]s in `tracker.kinds`, and
/// each recommendation names its cells' kinds by index: a tracker of
/// thousands of recommendations is not thousands of small objects per
/// country while its page renders.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct CellKind {
    status: Status,
    change: Option<Change>,
    previous: Option<Status>,
}

/// A kind of cell as shown: its badges in the page language.
#[derive(Serialize)]
pub(crate) struct KindView {
    /// The latest status.
    status: Badge,
    /// The change since the review before the latest, when there is one.
    change: Option<ChangeBadge>,
    /// The status in the review before the latest, when there is one.
    previous: Option<Badge>,
}

#[derive(Serialize)]
struct SummaryRow {
    status: Badge,
    counts: Vec<usize>,
}

/// One country's progress across reviews.
#[derive(Serialize)]
struct ProgressRow {
    code: String,
    name: LocalText,
    /// One per review, oldest first: "3 nga 8 (38%)".
    shares: Vec<String>,
}

/// A source as shown: a title (or the address's domain) and its link.
#[derive(Serialize)]
struct SourceLink {
    text: LocalText,
    href: Option<String>,
}

/// What a country's latest assessment of one recommendation adds to its
/// status: a note and sources.
#[derive(Serialize)]
struct Detail {
    note: Option<LocalText>,
    sources: Vec<SourceLink>,
}

/// A brief discussing a recommendation.
#[derive(Serialize)]
struct BriefLink {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct RecommendationView<'a> {
    id: &'a str,
    title: LocalText,
    text: Option<&'a Html>,
    addressed_to: Option<LocalText>,
    /// Per site country (in `tracker.countries` order): the index of the
    /// cell's kind in `tracker.kinds`.
    cells: Vec<usize>,
    /// Per site country: the note and sources of its latest assessment,
    /// `null` when it has neither.
    details: Vec<Option<Detail>>,
    briefs: Vec<BriefLink>,
}

#[derive(Serialize)]
struct Download {
    label: &'static str,
    href: String,
}

#[derive(Serialize)]
struct ReviewHead {
    id: String,
    /// The label as written, else the year.
    label: String,
    /// A column heading: the label as written, else "Review 2023".
    heading: String,
}

#[derive(Serialize)]
struct TrackerView {
    id: String,
    title: LocalText,
    description: Option<Html>,
    source: Option<LocalText>,
    updated: Option<String>,
    updated_iso: Option<String>,
    count: String,
    reviews: Vec<ReviewHead>,
    /// "Statuses of the 2024 review; changes since 2023", when there are several reviews.
    review_note: Option<String>,
    countries: Vec<CountryHead>,
    statuses: Vec<Badge>,
    changes: Vec<ChangeBadge>,
    summary: Vec<SummaryRow>,
    progress: Vec<ProgressRow>,
    // `recommendations` ([`RecommendationView`]) and `kinds` (the kinds of
    // cell they have, [`KindView`]) are made when the page is rendered.
    briefs: Vec<BriefCard>,
    downloads: Vec<Download>,
}

/// The badge of `status` in `lang`.
pub(crate) fn badge(env: &Env, lang: &str, status: Status) -> Badge {
    Badge { code: status.code(), label: env.locale(lang).t(&format!("status_{}", status.code())) }
}

/// How a review is named to readers: its label, else its year (or id).
pub(crate) fn review_label(env: &Env, review: &Review, lang: &str) -> String {
    match (&review.label, review.date) {
        (Some(l), _) => l.get(lang, env.default_lang()).text.to_string(),
        (None, Some(d)) => d.year().to_string(),
        (None, None) => review.id.clone(),
    }
}

/// A review as a column heading names it: its label as written, which is
/// not wrapped in the word "review" again; else "Review 2023".
fn review_head(env: &Env, review: &Review, lang: &str) -> ReviewHead {
    let label = review_label(env, review, lang);
    let heading = match review.label {
        Some(_) => label.clone(),
        None => format!("{} {label}", env.locale(lang).t("review")),
    };
    ReviewHead { id: review.id.clone(), label, heading }
}

/// The badge of a change since review `previous` in `lang`.
pub(crate) fn change_badge(env: &Env, lang: &str, change: Change, previous: &Review) -> ChangeBadge {
    let symbol = match change {
        Change::Improved => "↑",
        Change::Worsened => "↓",
        Change::Unchanged => "=",
        Change::New => "+",
    };
    let label = env
        .locale(lang)
        .t(&format!("change_{}", change.code()))
        .replace("{review}", &review_label(env, previous, lang));
    ChangeBadge { code: change.code(), symbol, label }
}

/// The change badge of a cell: since the review before the latest.
pub(crate) fn cell_change(env: &Env, t: &Tracker, a: &Assessment, lang: &str) -> Option<ChangeBadge> {
    let previous = t.reviews.len().checked_sub(2).and_then(|i| t.reviews.get(i))?;
    a.change().map(|c| change_badge(env, lang, c, previous))
}

pub(crate) use super::paths::tracker_path;

/// The link from a brief to the tracker `id`, titled in `lang`.
pub(super) fn link(env: &Env, id: &str, lang: &str) -> Option<TrackerLink> {
    let t = env.site.trackers.iter().find(|t| t.id == id)?;
    Some(TrackerLink {
        id: id.to_string(),
        title: LocalText::new(&t.title, lang, env.default_lang()),
        href: env.urls.path(lang, &tracker_path(id)),
    })
}

/// The recommendations `refs` names, in `lang`, in the order written (those
/// that do not resolve are reported while loading and left out here).
pub(crate) fn recommendation_links(env: &Env, refs: &[RecommendationRef], lang: &str) -> Vec<RecommendationLink> {
    let def = env.default_lang();
    refs.iter()
        .filter_map(|x| {
            let t = env.site.trackers.iter().find(|t| t.id == x.tracker)?;
            let r = t.recommendations.iter().find(|r| r.id == x.id)?;
            Some(RecommendationLink {
                title: LocalText::new(&r.title, lang, def),
                tracker: LocalText::new(&t.title, lang, def),
                href: env.urls.path(lang, &format!("{}#{}", tracker_path(&t.id), r.id)),
                countries: env
                    .site
                    .config
                    .countries
                    .iter()
                    .filter_map(|c| {
                        let a = r.assessment(&c.code)?;
                        (a.status() != Status::NotApplicable).then(|| CountryStatus {
                            name: LocalText::new(&c.name, lang, def),
                            status: badge(env, lang, a.status()),
                            change: cell_change(env, t, a, lang),
                        })
                    })
                    .collect(),
            })
        })
        .collect()
}

/// Every tracker as a list entry in `lang`, sorted by title in that language's order.
pub(super) fn cards(env: &Env, lang: &str) -> Vec<TrackerCard> {
    let loc = env.locale(lang);
    let def = env.default_lang();
    let mut cards: Vec<TrackerCard> = env
        .site
        .trackers
        .iter()
        .map(|t| TrackerCard {
            id: t.id.clone(),
            title: LocalText::new(&t.title, lang, def),
            href: env.urls.path(lang, &tracker_path(&t.id)),
            source: t.source.as_ref().map(|s| LocalText::new(s, lang, def)),
            updated: t.updated.map(|d| loc.date(d)),
            updated_iso: t.updated.map(|d| d.to_string()),
            count: loc.plural("recommendations_count", t.recommendations.len()),
            statuses: t
                .counts(None)
                .into_iter()
                .map(|(s, count)| StatusCount { status: badge(env, lang, s), count })
                .collect(),
        })
        .collect();
    cards.sort_by(|a, b| loc.collate(&a.title.text, &b.title.text).then_with(|| a.id.cmp(&b.id)));
    cards
}

/// `/trackers/` and `/trackers/<id>/` in every language. Broken `@/` links in
/// tracker Markdown are pushed to `diags`.
pub(super) fn pages(env: &Env, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out = Vec::new();
    for lang in env.languages() {
        let loc = env.locale(lang);
        let mut ctx = Context::new();
        ctx.insert("trackers", &cards(env, lang));
        out.push(Page::new(
            "trackers".into(),
            lang,
            "trackers/".into(),
            "trackers.html",
            loc.t("trackers_title"),
            loc.t("trackers_description"),
            ctx,
        ));
        for (i, t) in env.site.trackers.iter().enumerate() {
            out.push(tracker_page(env, i, t, lang, diags));
        }
    }
    out
}

fn tracker_page(env: &Env, index: usize, t: &Tracker, lang: &str, diags: &mut Diagnostics) -> Page {
    let loc = env.locale(lang);
    let def = env.default_lang();
    let countries = &env.site.config.countries;
    let mut first_paragraph = String::new();
    let description = t.description.as_ref().map(|d| {
        let (html, r) = render_markdown(env, t, d, lang, diags);
        first_paragraph = r;
        html
    });
    let previous = t.reviews.len().checked_sub(2).and_then(|i| t.reviews.get(i));
    let review_note = match (previous, t.reviews.last()) {
        (Some(p), Some(l)) => Some(
            loc.t("review_note")
                .replace("{latest}", &review_label(env, l, lang))
                .replace("{previous}", &review_label(env, p, lang)),
        ),
        _ => None,
    };
    let statuses: Vec<Badge> = Status::ALL.into_iter().map(|s| badge(env, lang, s)).collect();
    let changes: Vec<ChangeBadge> =
        previous.map(|p| Change::ALL.into_iter().map(|c| change_badge(env, lang, c, p)).collect()).unwrap_or_default();
    let v = TrackerView {
        id: t.id.clone(),
        title: LocalText::new(&t.title, lang, def),
        description,
        source: t.source.as_ref().map(|s| LocalText::new(s, lang, def)),
        updated: t.updated.map(|d| loc.date(d)),
        updated_iso: t.updated.map(|d| d.to_string()),
        count: loc.plural("recommendations_count", t.recommendations.len()),
        reviews: t.reviews.iter().map(|r| review_head(env, r, lang)).collect(),
        review_note,
        countries: countries
            .iter()
            .map(|c| CountryHead { code: c.code.0.clone(), name: LocalText::new(&c.name, lang, def) })
            .collect(),
        statuses,
        changes,
        summary: summary(env, t, lang),
        progress: countries
            .iter()
            .map(|c| ProgressRow {
                code: c.code.0.clone(),
                name: LocalText::new(&c.name, lang, def),
                shares: (0..t.reviews.len()).map(|i| share(env, lang, t.progress(i, &c.code))).collect(),
            })
            .collect(),
        // Listed when the page is rendered (below).
        briefs: Vec::new(),
        downloads: ["json", "csv"]
            .into_iter()
            .zip(["JSON", "CSV"])
            .map(|(ext, label)| Download { label, href: env.urls.file(&super::paths::data_path(&t.id, ext)) })
            .collect(),
    };
    // The texts are rendered now, for their diagnostics; the rest of each
    // recommendation when the page is.
    let texts: Vec<Option<Html>> =
        t.recommendations.iter().map(|r| r.text.as_ref().map(|m| render_markdown(env, t, m, lang, diags).0)).collect();
    let title = v.title.text.clone();
    let description = if first_paragraph.trim().is_empty() {
        loc.t("trackers_description")
    } else {
        view::shorten(first_paragraph.trim(), 300)
    };
    let ids: Vec<usize> = super::lists::brief_ids(env, lang)
        .into_iter()
        .filter(|&i| env.site.docs[i].tracker.as_ref().is_some_and(|(id, _)| *id == t.id))
        .collect();
    let (index, page_lang) = (index, lang.to_string());
    let ctx = super::lists::with_cards("tracker", v, ids, move |env, v| {
        let Some(t) = env.site.trackers.get(index) else {
            return Err(tera::Error::message(format!("tracker {index} is not in the site")));
        };
        let lang = page_lang.as_str();
        let about = briefs_about(env, t, lang);
        let mut kinds = Kinds::default();
        let list: Vec<RecommendationView> = t
            .recommendations
            .iter()
            .zip(&texts)
            .map(|(r, text)| recommendation(env, t, r, text.as_ref(), &about, &mut kinds, lang))
            .collect();
        v.insert("recommendations".into(), tera::Value::try_from_serializable(&list)?);
        v.insert("kinds".into(), tera::Value::try_from_serializable(&kinds.views(env, t, lang))?);
        Ok(())
    });
    Page::new(format!("tracker:{}", t.id), lang, tracker_path(&t.id), "tracker.html", title, description, ctx)
}

/// The kinds of cell met so far, each listed once, in the order met.
#[derive(Default)]
pub(crate) struct Kinds {
    list: Vec<CellKind>,
    index: BTreeMap<CellKind, usize>,
}

impl Kinds {
    /// The index of `a`'s kind (no data when there is no assessment),
    /// listing it when it is new.
    pub(crate) fn of(&mut self, t: &Tracker, a: Option<&Assessment>) -> usize {
        let before = t.reviews.len().checked_sub(2);
        let kind = CellKind {
            status: a.map_or(Status::NoData, Assessment::status),
            change: a.and_then(Assessment::change).filter(|_| before.is_some()),
            previous: before.map(|i| a.map_or(Status::NoData, |a| a.status_in(i))),
        };
        *self.index.entry(kind).or_insert_with(|| {
            self.list.push(kind);
            self.list.len() - 1
        })
    }

    /// The kinds met, as shown in `lang`.
    pub(crate) fn views(&self, env: &Env, t: &Tracker, lang: &str) -> Vec<KindView> {
        let previous = t.reviews.len().checked_sub(2).and_then(|i| t.reviews.get(i));
        self.list
            .iter()
            .map(|k| KindView {
                status: badge(env, lang, k.status),
                change: k.change.zip(previous).map(|(c, p)| change_badge(env, lang, c, p)),
                previous: k.previous.map(|s| badge(env, lang, s)),
            })
            .collect()
    }
}

/// A progress share in words: "3 of 8 (38%)", or "no assessment".
fn share(env: &Env, lang: &str, p: Progress) -> String {
    let loc = env.locale(lang);
    match p.percent() {
        Some(pc) => loc
            .t("progress_share")
            .replace("{done}", &p.done.to_string())
            .replace("{assessed}", &p.assessed.to_string())
            .replace("{percent}", &pc.to_string()),
        None => loc.t("progress_none"),
    }
}

/// Counts per tallied status (rows) per site country (columns), in the latest review.
fn summary(env: &Env, t: &Tracker, lang: &str) -> Vec<SummaryRow> {
    let per_country: Vec<BTreeMap<Status, usize>> =
        env.site.config.countries.iter().map(|c| t.counts(Some(&c.code))).collect();
    Status::TALLIED
        .into_iter()
        .map(|s| SummaryRow {
            status: badge(env, lang, s),
            counts: per_country.iter().map(|m| m.get(&s).copied().unwrap_or(0)).collect(),
        })
        .collect()
}

fn recommendation<'a>(
    env: &Env,
    t: &Tracker,
    r: &'a Recommendation,
    text: Option<&'a Html>,
    about: &BTreeMap<&str, Vec<usize>>,
    kinds: &mut Kinds,
    lang: &str,
) -> RecommendationView<'a> {
    let def = env.default_lang();
    // One assessment per site country, in the site's order.
    let assessments = env.site.config.countries.iter().map(|c| r.assessment(&c.code));
    RecommendationView {
        id: &r.id,
        title: LocalText::new(&r.title, lang, def),
        text,
        addressed_to: r.addressed_to.as_ref().map(|a| LocalText::new(a, lang, def)),
        cells: assessments.clone().map(|a| kinds.of(t, a)).collect(),
        details: assessments
            .map(|a| {
                let latest = a?.latest();
                (latest.note.is_some() || !latest.sources.is_empty()).then(|| Detail {
                    note: latest.note.as_ref().map(|n| LocalText::new(n, lang, def)),
                    sources: latest.sources.iter().map(|s| source_link(s, lang, def)).collect(),
                })
            })
            .collect(),
        briefs: about
            .get(r.id.as_str())
            .into_iter()
            .flatten()
            .filter_map(|&i| env.site.docs.get(i))
            .map(|d| BriefLink { title: d.title.clone(), href: env.urls.path(lang, &super::paths::doc_path(d)) })
            .collect(),
    }
}

/// The briefs in `lang` whose `recommendations:` name a recommendation of
/// `t`, by recommendation id, newest first: one pass over the briefs for the
/// whole tracker, not one per recommendation.
fn briefs_about<'a>(env: &'a Env, t: &Tracker, lang: &str) -> BTreeMap<&'a str, Vec<usize>> {
    let mut about: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in super::lists::brief_ids(env, lang) {
        let Some(d) = env.site.docs.get(i) else { continue };
        for x in d.recommendations.iter().filter(|x| x.tracker == t.id) {
            let ids = about.entry(x.id.as_str()).or_default();
            // A brief naming a recommendation twice is listed once.
            if ids.last() != Some(&i) {
                ids.push(i);
            }
        }
    }
    about
}

/// A source as shown: its title, else the domain of its address, linked when it has one.
fn source_link(s: &Source, lang: &str, def: &str) -> SourceLink {
    let text = match (&s.title, &s.url) {
        (Some(t), _) => LocalText::new(t, lang, def),
        (None, Some(u)) => LocalText { text: domain(u).to_string(), lang: None },
        (None, None) => LocalText { text: String::new(), lang: None },
    };
    SourceLink { text, href: s.url.clone() }
}

/// The host of a web address, without `www.`: `https://www.gov.me/x` -> `gov.me`.
pub(super) fn domain(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.strip_prefix("www.").unwrap_or(host)
}

/// Renders a Markdown field in `lang` with the brief pipeline; returns the
/// HTML (marked with its language when it fell back) and its first paragraph.
fn render_markdown(env: &Env, t: &Tracker, m: &Markdown, lang: &str, diags: &mut Diagnostics) -> (Html, String) {
    let def = env.default_lang();
    let text: &Text = &m.text;
    let l = text.get(lang, def);
    let back = env.locale(lang).t("footnote_back");
    let cx = markdown::Context {
        lang,
        default_lang: def,
        links: &env.links,
        footnote_back: &back,
        unsafe_html: env.site.config.unsafe_html,
        code: None,
    };
    let start = m.start(l.lang);
    let mut found = Diagnostics::new();
    let r = markdown::render(l.text, start.line, &t.file, &cx, &mut found);
    for c in &r.fragment_checks {
        let (folder, stem, in_lang) = &c.target;
        let has = env.docs().any(|(d, dr)| {
            d.section.dir() == folder && d.stem == *stem && d.lang == *in_lang && dr.ids.contains(&c.fragment)
        });
        if !has {
            found.push(c.diagnostic.clone());
        }
    }
    // Report each text's problems once: when rendered in its own language
    // (a plain string, the same in every language, in the default one).
    let own = match text {
        Text::Plain(_) => lang == def,
        Text::Map(..) => l.lang == lang,
    };
    // Columns counted within the text become file columns.
    for d in found.sorted().into_iter().filter(|_| own) {
        let mut d = d.clone();
        d.span.col += start.indent;
        diags.push(d);
    }
    let html = Html { html: r.html, lang: (l.lang != lang).then(|| l.lang.to_string()) };
    (html, r.first_paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_address_is_shown_as_its_domain() {
        assert_eq!(domain("https://www.gov.me/en/x?y=1"), "gov.me");
        assert_eq!(domain("http://user@konsultimet.rks-gov.net#a"), "konsultimet.rks-gov.net");
        let s = Source { title: None, url: Some("https://www.srbija.gov.rs/".into()) };
        assert_eq!(source_link(&s, "en", "sq").text.text, "srbija.gov.rs");
        let t = Source { title: Some(Text::Plain("Gazeta".into())), url: Some("https://x.example/".into()) };
        let l = source_link(&t, "en", "sq");
        assert_eq!((l.text.text.as_str(), l.href.as_deref()), ("Gazeta", Some("https://x.example/")));
    }

    #[test]
    fn progress_rounds_half_up_and_needs_an_assessment() {
        assert_eq!(Progress { done: 3, assessed: 8 }.percent(), Some(38));
        assert_eq!(Progress { done: 1, assessed: 2 }.percent(), Some(50));
        assert_eq!(Progress { done: 0, assessed: 0 }.percent(), None);
    }
}
