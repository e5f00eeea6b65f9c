//! Views: the data templates see, made for them (never internal types).
//!
//! Everything a reader sees in a language is decided here, in Rust: dates
//! with month names, decimal commas, plural forms, sort order, fallbacks
//! marked with their own `lang`. Templates only place it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Env;
use crate::content::doc::Doc;
use crate::i18n::Text;
use crate::markdown::{Rendered, TocEntry};

/// Site-wide values for one language.
#[derive(Serialize)]
pub(crate) struct SiteView {
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// The language the title is really in (differs when it fell back).
    pub title_lang: String,
    /// Root-relative path of the site root (`/wb-ocr/`).
    pub base_path: String,
    /// Home of this language.
    pub home: String,
    /// Main navigation.
    pub nav: Vec<NavItem>,
    /// Path of the stylesheet, with a content hash for caching.
    pub stylesheet: String,
    /// The site's own stylesheets, loaded after the theme's.
    pub stylesheets: Vec<String>,
    /// CSS custom properties derived from the brand colour (empty without one).
    pub brand_css: String,
    /// Path of the logo, when site.yaml sets one.
    pub logo: Option<String>,
    /// Path of the search page's script (empty when the theme has none).
    pub assets: String,
    /// Path of this language's Atom feed.
    pub feed: String,
    /// Absolute URL of this language's Atom feed.
    pub feed_abs: String,
    /// True in `raport serve`: the page loads the live-reload client.
    pub live_reload: bool,
    /// The default language.
    pub default_lang: String,
    /// The site notice (`notice:` in site.yaml), shown on every page.
    pub notice: Option<LocalText>,
}

/// One item of the main navigation.
#[derive(Serialize, Debug, Clone)]
pub struct NavItem {
    /// Link text.
    pub label: String,
    /// Root-relative path, or an address outside the site.
    pub href: String,
    /// True for an address outside the site.
    pub external: bool,
    /// The label's language, when it is not the page's.
    pub lang: Option<String>,
}

/// A `<link rel="alternate" hreflang>` entry.
#[derive(Serialize)]
pub(crate) struct Alternate {
    /// Language code.
    pub lang: String,
    /// Absolute URL.
    pub href: String,
}

/// One entry of the language switcher.
#[derive(Serialize)]
pub(crate) struct Switch {
    /// Language code.
    pub lang: String,
    /// The language's own name.
    pub name: String,
    /// The translation, or that language's home.
    pub href: String,
    /// This is the page's own language.
    pub current: bool,
    /// No translation exists: `href` is that language's home.
    pub missing: bool,
    /// Visible note for a missing translation, in the target language.
    pub note: String,
}

/// A text in the page language, or fallen back and marked with its own `lang`.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct LocalText {
    /// The text.
    pub text: String,
    /// Set only when the text is not in the page language.
    pub lang: Option<String>,
}

impl LocalText {
    /// `text` in `lang`, falling back to the default language.
    pub(crate) fn new(t: &Text, lang: &str, default: &str) -> LocalText {
        let l = t.get(lang, default);
        LocalText { text: l.text.to_string(), lang: (l.lang != lang).then(|| l.lang.to_string()) }
    }
}

/// A country chip linking to its radar page.
#[derive(Serialize)]
pub(crate) struct CountryLink {
    /// Country code.
    pub code: String,
    /// Name in the page language.
    pub name: LocalText,
    /// The radar page.
    pub href: String,
}

/// A topic link.
#[derive(Serialize)]
pub(crate) struct TopicLink {
    /// The topic as written.
    pub name: String,
    /// The topic page.
    pub href: String,
}

/// A brief in a list.
#[derive(Serialize)]
pub(crate) struct BriefCard {
    /// Title.
    pub title: String,
    /// Link.
    pub href: String,
    /// Localized date.
    pub date: String,
    /// ISO date for `<time datetime>`.
    pub date_iso: String,
    /// Summary.
    pub summary: String,
    /// Authors, joined.
    pub authors: String,
}

/// An attachment link.
#[derive(Serialize)]
pub(crate) struct AttachmentView {
    /// File name.
    pub name: String,
    /// Link.
    pub href: String,
    /// Human-readable size ("1,2 MB").
    pub size: String,
    /// Upper-case extension ("PDF").
    pub kind: String,
}

/// A whole brief or page.
#[derive(Serialize)]
pub(crate) struct DocView {
    /// Title.
    pub title: String,
    /// Localized publication date.
    pub date: Option<String>,
    /// ISO publication date.
    pub date_iso: Option<String>,
    /// Localized update date.
    pub updated: Option<String>,
    /// ISO update date.
    pub updated_iso: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Countries.
    pub countries: Vec<CountryLink>,
    /// Topics.
    pub topics: Vec<TopicLink>,
    /// Table of contents (shown when it has at least two entries).
    pub toc: Vec<TocEntry>,
    /// The body HTML.
    pub content: String,
    /// Attached files.
    pub attachments: Vec<AttachmentView>,
    /// The linked tracker: id and path (title added by the tracker renderer).
    pub tracker: Option<TrackerLink>,
    /// The recommendations the document discusses, with their latest statuses.
    pub recommendations: Vec<RecommendationLink>,
    /// Summary.
    pub summary: String,
}

/// A link from a brief to a recommendation tracker.
#[derive(Serialize)]
pub(crate) struct TrackerLink {
    /// Tracker id.
    pub id: String,
    /// Tracker title in the page language.
    pub title: LocalText,
    /// Link to the tracker page.
    pub href: String,
}

/// Site-wide values for `lang`.
pub(crate) fn site_view(env: &Env, lang: &str, look: &Look) -> SiteView {
    let cfg = &env.site.config;
    let def = cfg.languages.default_lang();
    let title = cfg.title.get(lang, def);
    SiteView {
        title: title.text.to_string(),
        title_lang: title.lang.to_string(),
        description: cfg.description.as_ref().map(|d| d.get(lang, def).text.to_string()).unwrap_or_default(),
        base_path: env.urls.file(""),
        home: env.urls.path(lang, ""),
        nav: look.nav.get(lang).cloned().unwrap_or_default(),
        stylesheet: env.urls.file("assets/style.css"),
        stylesheets: look.stylesheets.clone(),
        brand_css: look.css.clone(),
        logo: look.logo.clone(),
        assets: env.urls.file("assets/"),
        feed: env.urls.path(lang, "atom.xml"),
        feed_abs: env.urls.abs(lang, "atom.xml"),
        live_reload: env.opts.live_reload,
        default_lang: def.to_string(),
        notice: cfg.notice.as_ref().map(|n| LocalText::new(n, lang, def)),
    }
}

/// The summary of a document: front matter, else its first paragraph, shortened.
pub(crate) fn summary(d: &Doc, r: &Rendered) -> String {
    let s = d.summary.clone().unwrap_or_else(|| r.first_paragraph.clone());
    shorten(&s, 300)
}

/// Cuts `s` at a word boundary to at most `max` characters, adding "…".
pub(crate) fn shorten(s: &str, max: usize) -> String {
    // A string has at least as many bytes as characters.
    if s.len() <= max || s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// A brief as a list entry.
pub(crate) fn brief_card(env: &Env, d: &Doc, r: &Rendered) -> BriefCard {
    let loc = env.locale(&d.lang);
    BriefCard {
        title: d.title.clone(),
        href: env.urls.path(&d.lang, &super::paths::doc_path(d)),
        date: d.date.map(|x| loc.date(x)).unwrap_or_default(),
        date_iso: d.date.map(|x| x.to_string()).unwrap_or_default(),
        summary: summary(d, r),
        authors: d.authors.join(", "),
    }
}

/// A country link for `lang`.
pub(crate) fn country_link(env: &Env, code: &str, lang: &str) -> Option<CountryLink> {
    let c = env.site.config.countries.iter().find(|c| c.code.0 == code)?;
    Some(CountryLink {
        code: code.to_string(),
        name: LocalText::new(&c.name, lang, env.default_lang()),
        href: env.urls.path(lang, &format!("radar/{code}/")),
    })
}

/// A size in bytes, for people: "850 kB", "1,2 MB".
pub(crate) fn human_size(env: &Env, lang: &str, bytes: u64) -> String {
    let loc = env.locale(lang);
    if bytes < 1000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{} kB", (bytes as f64 / 1000.0).round())
    } else {
        format!("{} MB", loc.number((bytes as f64 / 100_000.0).round() / 10.0))
    }
}

/// A status as shown: its code (for the CSS class and symbol) and its word.
#[derive(Serialize, Clone)]
pub(crate) struct Badge {
    /// Status code (`partially-implemented`).
    pub code: &'static str,
    /// Localized label ("I zbatuar pjesërisht").
    pub label: String,
}

/// A change since the previous review, as shown: its code (for the CSS
/// class), a symbol and the words ("Improved since 2023").
#[derive(Serialize, Clone)]
pub(crate) struct ChangeBadge {
    /// Change code (`improved`).
    pub code: &'static str,
    /// A symbol (↑ ↓ = +), hidden from screen readers, which read `label`.
    pub symbol: &'static str,
    /// Localized words, naming the previous review.
    pub label: String,
}

/// A recommendation a brief discusses, with its latest status.
#[derive(Serialize)]
pub(crate) struct RecommendationLink {
    /// The recommendation's title.
    pub title: LocalText,
    /// Its tracker's title.
    pub tracker: LocalText,
    /// Link to the recommendation on the tracker page.
    pub href: String,
    /// Its latest status in each site country.
    pub countries: Vec<CountryStatus>,
}

/// A country's latest status of one recommendation.
#[derive(Serialize)]
pub(crate) struct CountryStatus {
    /// Country name.
    pub name: LocalText,
    /// The latest status.
    pub status: Badge,
    /// The change since the previous review.
    pub change: Option<ChangeBadge>,
}

/// What every page's header and `<head>` take from site.yaml.
#[derive(Debug, Clone, Default)]
pub struct Look {
    /// The main menu by language.
    pub nav: BTreeMap<String, Vec<NavItem>>,
    /// The logo's path, when there is one.
    pub logo: Option<String>,
    /// The site's stylesheets, after the theme's.
    pub stylesheets: Vec<String>,
    /// CSS custom properties from the brand colour (empty without one).
    pub css: String,
}
