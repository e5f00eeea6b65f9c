//! The site's look in every page's chrome: the main menu per language, the
//! logo, the brand colours and the site's own stylesheets (SPEC §2: `brand`,
//! `menu`, `stylesheets` in site.yaml; `menu: false` in a page).
//!
//! Takes the [`Env`] once the content is loaded, so that menu entries naming
//! a page and files under `content/static/` can be checked; what does not
//! resolve is an error at its line and column in site.yaml.

use super::Env;
pub(crate) use super::view::Look;
use super::view::NavItem;
use crate::brand::{self, SECTIONS};
use crate::content::doc::{Doc, Section};
use crate::diag::{Diagnostics, did_you_mean};

/// A site stylesheet loaded after the theme's without being named in site.yaml.
pub(crate) const CUSTOM_CSS: &str = "custom.css";

/// The most entries `menu:` in site.yaml may have: every page's header
/// holds the whole menu, so a long one costs every page, and more than
/// this no longer fits a header.
pub(crate) const MAX_MENU: usize = 20;

/// The most pages the default menu shows (beside the sections).
pub(crate) const DEFAULT_MENU_PAGES: usize = 8;

/// The theme's stylesheet, to which the brand colours are appended.
pub(crate) const STYLESHEET: &str = "assets/style.css";

/// Resolves the menu, logo and stylesheets of site.yaml against the site.
pub fn look(env: &Env, diags: &mut Diagnostics) -> Look {
    let cfg = &env.site.config;
    let file = &cfg.file;
    let b = &cfg.brand;
    let has_static = |p: &str| env.site.static_files.iter().any(|f| f == p);
    let mut look = Look::default();
    if let Some((logo, span)) = &b.logo {
        let ext = logo.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !matches!(ext.as_str(), "svg" | "png" | "webp" | "jpg" | "jpeg") {
            diags.push(
                file.error(*span, "bad-logo", format!("the logo `{logo}` is not an SVG, PNG, WebP or JPEG file"))
                    .with_hint("an SVG scales best, e.g. `logo: images/logo.svg`"),
            );
        } else if !has_static(logo) {
            let hint = match did_you_mean(logo, env.site.static_files.iter().map(String::as_str)) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("put the file at content/static/{logo}"),
            };
            diags.push(
                file.error(*span, "missing-file", format!("the logo `{logo}` is not under content/static/"))
                    .with_hint(hint),
            );
        } else {
            look.logo = Some(env.urls.file(logo));
        }
    }
    for (css, span) in &b.stylesheets {
        if has_static(css) {
            look.stylesheets.push(env.urls.file(css));
        } else {
            diags.push(
                file.error(*span, "missing-file", format!("the stylesheet `{css}` is not under content/static/"))
                    .with_hint(format!("put the file at content/static/{css}")),
            );
        }
    }
    if has_static(CUSTOM_CSS) && !b.stylesheets.iter().any(|(c, _)| c == CUSTOM_CSS) {
        look.stylesheets.push(env.urls.file(CUSTOM_CSS));
    }
    if let Some((rgb, _)) = b.colour {
        look.css = brand::css(rgb, &brand::derive(rgb));
    }
    if let Some(extra) = b.menu.as_ref().and_then(|m| m.get(MAX_MENU)) {
        let n = b.menu.as_ref().map_or(0, Vec::len);
        diags.push(
            file.error(
                extra.span,
                "menu-too-long",
                format!("the menu has {n} entries; a page header holds at most {MAX_MENU}"),
            )
            .with_hint("keep the sections and the main pages in `menu:`, and link the others from a page"),
        );
    }
    let mut left_out = Vec::new();
    for lang in env.languages() {
        let items = match &b.menu {
            Some(entries) => {
                // Errors are reported once, for the default language.
                let mut sink = Diagnostics::new();
                let d = if lang == env.default_lang() { &mut *diags } else { &mut sink };
                entries.iter().take(MAX_MENU).filter_map(|e| entry(env, e, lang, d)).collect()
            }
            None => default_menu(env, lang, &mut left_out),
        };
        look.nav.insert(lang.clone(), items);
    }
    left_out.sort();
    left_out.dedup();
    if let Some(first) = left_out.first() {
        diags.push(
            crate::diag::file_warning(
                &cfg.file.path,
                "menu-pages-left-out",
                format!(
                    "the default menu shows {DEFAULT_MENU_PAGES} pages; {} more are left out of it (`{first}`{})",
                    left_out.len(),
                    if left_out.len() > 1 { ", ..." } else { "" }
                ),
            )
            .with_hint(
                "list the menu's entries in `menu:` in site.yaml, or set `menu: false` in the pages that need no entry",
            ),
        );
    }
    look
}

/// The label of a built-in section in `lang`.
fn section(env: &Env, name: &str, lang: &str) -> Option<NavItem> {
    let loc = env.locale(lang);
    let (key, path) = match name {
        "home" => ("nav_home", ""),
        "briefs" => ("nav_briefs", "briefs/"),
        "trackers" => ("nav_trackers", "trackers/"),
        "radar" => ("nav_radar", "radar/"),
        "topics" => ("nav_topics", "topics/"),
        "search" => ("nav_search", "search/"),
        _ => return None,
    };
    Some(NavItem { label: loc.t(key), href: env.urls.path(lang, path), external: false, lang: None })
}

/// The plain page with file stem `stem` in `lang`, else in the default language.
fn page<'a>(env: &'a Env, stem: &str, lang: &str) -> Option<&'a Doc> {
    let pages = || env.site.docs.iter().filter(|d| d.section == Section::Pages && d.stem == stem);
    pages().find(|d| d.lang == lang).or_else(|| pages().find(|d| d.lang == env.default_lang()))
}

fn entry(env: &Env, e: &brand::MenuEntry, lang: &str, diags: &mut Diagnostics) -> Option<NavItem> {
    let def = env.default_lang();
    let label = e.label.as_ref().map(|t| t.get(lang, def));
    let mut item = if brand::is_external(&e.link) {
        NavItem { label: String::new(), href: e.link.clone(), external: true, lang: None }
    } else if let Some(s) = section(env, &e.link, lang) {
        s
    } else if let Some(d) = page(env, &e.link, lang) {
        let other = (d.lang != lang).then(|| d.lang.clone());
        NavItem {
            label: d.title.clone(),
            href: env.urls.path(&d.lang, &super::paths::doc_path(d)),
            external: false,
            lang: other,
        }
    } else {
        let stems = env.site.docs.iter().filter(|d| d.section == Section::Pages).map(|d| d.stem.as_str());
        let known: Vec<&str> = SECTIONS.iter().copied().chain(stems).collect();
        let hint = match did_you_mean(&e.link, known.iter().copied()) {
            Some(m) => format!("did you mean `{m}`?"),
            None => {
                format!("name a section ({}), a page under content/pages/, or an https:// address", SECTIONS.join(", "))
            }
        };
        diags.push(
            env.site
                .config
                .file
                .error(
                    e.span,
                    "unknown-menu-entry",
                    format!("the menu entry `{}` is neither a section nor a page", e.link),
                )
                .with_hint(hint),
        );
        return None;
    };
    if let Some(l) = label {
        item.label = l.text.to_string();
        item.lang = (l.lang != lang).then(|| l.lang.to_string());
    }
    Some(item)
}

/// Briefs, trackers, radar, topics, the plain pages (by their title in the
/// default language, unless `menu: false`; the first
/// [`DEFAULT_MENU_PAGES`], the stems of the others pushed to `left_out`),
/// search.
fn default_menu(env: &Env, lang: &str, left_out: &mut Vec<String>) -> Vec<NavItem> {
    let def = env.default_lang();
    let mut nav: Vec<NavItem> =
        ["briefs", "trackers", "radar", "topics"].iter().filter_map(|s| section(env, s, lang)).collect();
    let mut pages: Vec<&Doc> =
        env.site.docs.iter().filter(|d| d.section == Section::Pages && d.lang == lang && d.in_menu).collect();
    // The same order in every language: by the title in the default
    // language (the page's own where it has no default-language version).
    let default_titles: std::collections::HashMap<&str, &str> = env
        .site
        .docs
        .iter()
        .filter(|o| o.section == Section::Pages && o.lang == def)
        .map(|o| (o.stem.as_str(), o.title.as_str()))
        .collect();
    let key = |d: &Doc| -> String { default_titles.get(d.stem.as_str()).map_or(d.title.as_str(), |t| t).to_string() };
    let def_loc = env.locale(def);
    let mut keyed: Vec<(String, &Doc)> = pages.drain(..).map(|d| (key(d), d)).collect();
    keyed.sort_by(|(ka, a), (kb, b)| def_loc.collate(ka, kb).then_with(|| a.stem.cmp(&b.stem)));
    if keyed.len() > DEFAULT_MENU_PAGES {
        left_out.extend(keyed.drain(DEFAULT_MENU_PAGES..).map(|(_, d)| d.stem.clone()));
    }
    nav.extend(keyed.into_iter().map(|(_, d)| NavItem {
        label: d.title.clone(),
        href: env.urls.path(lang, &super::paths::doc_path(d)),
        external: false,
        lang: None,
    }));
    nav.extend(section(env, "search", lang));
    nav
}
