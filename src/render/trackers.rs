//! Tracker pages (SPEC §5, §7): `/trackers/` and `/trackers/<id>/` in every language.
//!
//! Takes the loaded [`Tracker`]s and returns [`Page`]s: the list of trackers
//! with counts per status, and one page per tracker with the recommendations
//! × countries matrix (a real table, status as symbol and word), counts per
//! status per country, every recommendation under its own anchor with its
//! Markdown text, addressee and per-country notes and sources, the briefs
//! citing it, and links to its data downloads ([`super::tracker_data`]).
//! Text that fell back to the default language carries its own `lang`.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::view::{self, BriefCard, LocalText, TrackerLink};
use super::{Env, Page};
use crate::content::tracker::{Markdown, Recommendation, Status, Tracker};
use crate::diag::Diagnostics;
use crate::i18n::Text;
use crate::markdown;

/// A status as shown: its code (for the CSS class and symbol) and its word.
#[derive(Serialize, Clone)]
pub struct Badge {
    /// Status code (`partially-implemented`).
    pub code: &'static str,
    /// Localized label ("Zbatuar pjesërisht").
    pub label: String,
}

/// How many cells have one status.
#[derive(Serialize)]
pub struct StatusCount {
    /// The status.
    pub status: Badge,
    /// The count, as a number.
    pub count: usize,
}

/// A tracker in a list (`/trackers/`, the home page).
#[derive(Serialize)]
pub struct TrackerCard {
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

#[derive(Serialize)]
struct MatrixRow {
    id: String,
    title: LocalText,
    cells: Vec<Badge>,
}

#[derive(Serialize)]
struct SummaryRow {
    status: Badge,
    counts: Vec<usize>,
}

#[derive(Serialize)]
struct SourceLink {
    text: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct CountryEntry {
    name: LocalText,
    status: Badge,
    note: Option<LocalText>,
    sources: Vec<SourceLink>,
}

#[derive(Serialize)]
struct RecommendationView {
    id: String,
    title: LocalText,
    text: Option<Html>,
    addressed_to: Option<LocalText>,
    countries: Vec<CountryEntry>,
}

#[derive(Serialize)]
struct Download {
    label: &'static str,
    href: String,
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
    countries: Vec<CountryHead>,
    matrix: Vec<MatrixRow>,
    summary: Vec<SummaryRow>,
    recommendations: Vec<RecommendationView>,
    briefs: Vec<BriefCard>,
    downloads: Vec<Download>,
}

/// The badge of `status` in `lang`.
pub fn badge(env: &Env, lang: &str, status: Status) -> Badge {
    Badge { code: status.code(), label: env.locale(lang).t(&format!("status_{}", status.code())) }
}

/// The path of a tracker page under its language root.
pub fn tracker_path(id: &str) -> String {
    format!("trackers/{id}/")
}

/// The link from a brief to the tracker `id`, titled in `lang`.
pub fn link(env: &Env, id: &str, lang: &str) -> Option<TrackerLink> {
    let t = env.site.trackers.iter().find(|t| t.id == id)?;
    Some(TrackerLink {
        id: id.to_string(),
        title: LocalText::new(&t.title, lang, env.default_lang()),
        href: env.urls.path(lang, &tracker_path(id)),
    })
}

/// Every tracker as a list entry in `lang`, sorted by title in that language's order.
pub fn cards(env: &Env, lang: &str) -> Vec<TrackerCard> {
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
pub fn pages(env: &Env, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out = Vec::new();
    for lang in env.site.config.languages.all() {
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
        for t in &env.site.trackers {
            out.push(tracker_page(env, t, lang, diags));
        }
    }
    out
}

fn tracker_page(env: &Env, t: &Tracker, lang: &str, diags: &mut Diagnostics) -> Page {
    let loc = env.locale(lang);
    let def = env.default_lang();
    let countries = &env.site.config.countries;
    let mut first_paragraph = String::new();
    let description = t.description.as_ref().map(|d| {
        let (html, r) = render_markdown(env, t, d, lang, diags);
        first_paragraph = r;
        html
    });
    let v = TrackerView {
        id: t.id.clone(),
        title: LocalText::new(&t.title, lang, def),
        description,
        source: t.source.as_ref().map(|s| LocalText::new(s, lang, def)),
        updated: t.updated.map(|d| loc.date(d)),
        updated_iso: t.updated.map(|d| d.to_string()),
        count: loc.plural("recommendations_count", t.recommendations.len()),
        countries: countries
            .iter()
            .map(|c| CountryHead { code: c.code.0.clone(), name: LocalText::new(&c.name, lang, def) })
            .collect(),
        matrix: t
            .recommendations
            .iter()
            .map(|r| MatrixRow {
                id: r.id.clone(),
                title: LocalText::new(&r.title, lang, def),
                cells: countries.iter().map(|c| badge(env, lang, r.status(&c.code))).collect(),
            })
            .collect(),
        summary: summary(env, t, lang),
        recommendations: t.recommendations.iter().map(|r| recommendation(env, t, r, lang, diags)).collect(),
        // Listed when the page is rendered (below).
        briefs: Vec::new(),
        downloads: ["json", "csv"]
            .into_iter()
            .zip(["JSON", "CSV"])
            .map(|(ext, label)| Download { label, href: env.urls.file(&super::tracker_data::data_path(&t.id, ext)) })
            .collect(),
    };
    let title = v.title.text.clone();
    let description = if first_paragraph.trim().is_empty() {
        loc.t("trackers_description")
    } else {
        view::shorten(first_paragraph.trim(), 300)
    };
    let ids: Vec<usize> = super::pages::brief_ids(env, lang)
        .into_iter()
        .filter(|&i| env.site.docs[i].tracker.as_ref().is_some_and(|(id, _)| *id == t.id))
        .collect();
    let ctx = super::pages::with_cards("tracker", &v, ids);
    Page::new(format!("tracker:{}", t.id), lang, tracker_path(&t.id), "tracker.html", title, description, ctx)
}

/// Counts per status (rows) per site country (columns).
fn summary(env: &Env, t: &Tracker, lang: &str) -> Vec<SummaryRow> {
    let per_country: Vec<BTreeMap<Status, usize>> =
        env.site.config.countries.iter().map(|c| t.counts(Some(&c.code))).collect();
    Status::ALL
        .into_iter()
        .map(|s| SummaryRow {
            status: badge(env, lang, s),
            counts: per_country.iter().map(|m| m.get(&s).copied().unwrap_or(0)).collect(),
        })
        .collect()
}

fn recommendation(
    env: &Env,
    t: &Tracker,
    r: &Recommendation,
    lang: &str,
    diags: &mut Diagnostics,
) -> RecommendationView {
    let def = env.default_lang();
    RecommendationView {
        id: r.id.clone(),
        title: LocalText::new(&r.title, lang, def),
        text: r.text.as_ref().map(|m| render_markdown(env, t, m, lang, diags).0),
        addressed_to: r.addressed_to.as_ref().map(|a| LocalText::new(a, lang, def)),
        countries: env
            .site
            .config
            .countries
            .iter()
            .filter_map(|c| {
                let a = r.assessment(&c.code)?;
                Some(CountryEntry {
                    name: LocalText::new(&c.name, lang, def),
                    status: badge(env, lang, a.status),
                    note: a.note.as_ref().map(|n| LocalText::new(n, lang, def)),
                    sources: a.sources.iter().map(|s| source_link(s)).collect(),
                })
            })
            .collect(),
    }
}

/// A source as a link when it is a web address, else as text.
fn source_link(s: &str) -> SourceLink {
    let is_url = (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace);
    SourceLink { text: s.to_string(), href: is_url.then(|| s.to_string()) }
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
        Text::Map(_) => l.lang == lang,
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
