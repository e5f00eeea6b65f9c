//! `site.yaml` -> [`Config`], validated field by field (SPEC §2).
//!
//! Unknown keys are errors that name the key, with a "did you mean" hint.

use std::collections::BTreeMap;

use crate::content::country::{Country, CountryCode};
use crate::diag::{Diagnostics, SourceFile, Span};
use crate::i18n::{Languages, Text};
use crate::yaml::{self, Fields};

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title per language.
    pub title: Text,
    /// Site description per language.
    pub description: Option<Text>,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// The site languages, default first.
    pub languages: Languages,
    /// Theme name (a folder under `themes/`, or the built-in `default`).
    pub theme: String,
    /// The countries the site covers, in configured order.
    pub countries: Vec<Country>,
    /// Custom domain for GitHub Pages.
    pub cname: Option<String>,
    /// Briefs per list page.
    pub briefs_per_page: usize,
    /// Minify HTML output.
    pub minify: bool,
    /// A notice shown on every page (e.g. that the data is illustrative), per language.
    pub notice: Option<Text>,
    /// Topics declared with their label in each language (`topics:`), by id.
    pub topics: Vec<Topic>,
    /// Brand colour, logo, menu and extra stylesheets.
    pub brand: crate::brand::Brand,
    /// site.yaml itself, for errors found once the content is loaded.
    pub file: SourceFile,
    /// Keep raw HTML in Markdown as written instead of sanitising it
    /// (`unsafe_html: true`, for trusted content only).
    pub unsafe_html: bool,
}

/// A topic declared in `site.yaml`, so that its pages in every language are
/// translations of each other.
#[derive(Debug, Clone)]
pub struct Topic {
    /// The id under `topics:`, the same in every language.
    pub id: String,
    /// The topic's name per language, as briefs write it.
    pub label: Text,
    /// One or two sentences shown on the topic page, per language.
    pub description: Option<Text>,
}

const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "languages",
    "theme",
    "countries",
    "cname",
    "country_names",
    "briefs_per_page",
    "minify",
    "notice",
    "topics",
    "brand",
    "menu",
    "stylesheets",
    "unsafe_html",
];

const TOPIC_KEYS: &[&str] = &["label", "description"];

impl Config {
    /// Parses and validates `site.yaml` text; `None` when it has errors.
    pub fn parse(file: &SourceFile, diags: &mut Diagnostics) -> Option<Config> {
        let before = diags.error_count();
        let root = yaml::parse(file, &file.text, 1, diags)?;
        let f = Fields::new(&root, KEYS, "site.yaml", file, diags)?;

        let languages = match f.get("languages") {
            None => Languages::new(vec!["sq".into(), "en".into()]),
            Some(n) => {
                let list = n.str_list(file, "languages", diags)?;
                let mut codes: Vec<String> = Vec::new();
                for (code, span) in list {
                    let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
                    if !valid {
                        diags.push(
                            file.error(span, "bad-language", format!("`{code}` is not a language code"))
                                .with_hint("use two-letter ISO 639-1 codes such as sq, en, sr, mk"),
                        );
                    } else if codes.contains(&code) {
                        diags.push(
                            file.error(span, "duplicate-language", format!("language `{code}` is listed twice"))
                                .with_hint("remove the second one"),
                        );
                    } else {
                        codes.push(code);
                    }
                }
                if codes.is_empty() {
                    diags.push(file.error(n.span, "bad-language", "`languages` must list at least one language"));
                    return None;
                }
                Languages::new(codes)
            }
        };

        let title = f
            .required("title", "site.yaml", file, diags)
            .and_then(|n| Text::parse(n, "title", &languages, file, diags));
        let description = f.get("description").and_then(|n| Text::parse(n, "description", &languages, file, diags));

        let base_url = match f.get("base_url") {
            None => "/".to_string(),
            Some(n) => n.str(file, "base_url", diags).and_then(|s| normalize_base_url(&s, n.span, file, diags))?,
        };

        let theme = match f.get("theme") {
            None => "default".to_string(),
            Some(n) => {
                let s = n.str(file, "theme", diags)?;
                if s.is_empty() || s.contains(['/', '\\']) || s.starts_with('.') {
                    diags.push(
                        file.error(n.span, "bad-theme", format!("`{s}` is not a theme name"))
                            .with_hint("name a folder under themes/, e.g. `default`"),
                    );
                    return None;
                }
                s
            }
        };

        let mut overrides: BTreeMap<CountryCode, Text> = BTreeMap::new();
        if let Some(n) = f.get("country_names") {
            for (code, kn, v) in n.entries(file, "country_names", diags).unwrap_or_default() {
                if let Some(cc) = CountryCode::parse(&code, kn.span, file, diags)
                    && let Some(t) = Text::parse(v, "country name", &languages, file, diags)
                {
                    overrides.insert(cc, t);
                }
            }
        }

        let codes: Vec<CountryCode> = match f.get("countries") {
            None => CountryCode::built_in(),
            Some(n) => {
                let mut v = Vec::new();
                for (code, span) in n.str_list(file, "countries", diags).unwrap_or_default() {
                    if let Some(cc) = CountryCode::parse(&code, span, file, diags) {
                        if v.contains(&cc) {
                            diags.push(
                                file.error(span, "duplicate-country", format!("country `{code}` is listed twice"))
                                    .with_hint("remove the second one"),
                            );
                        } else {
                            v.push(cc);
                        }
                    }
                }
                v
            }
        };
        let countries = codes
            .into_iter()
            .map(|code| {
                let name = overrides.remove(&code);
                Country::new(code, name, &languages)
            })
            .collect();

        let cname = match f.get("cname") {
            None => None,
            Some(n) => {
                let s = n.str(file, "cname", diags)?;
                let s = s.trim().to_string();
                if s.contains("://") || s.contains('/') || !s.contains('.') {
                    diags.push(
                        file.error(n.span, "bad-cname", format!("`{s}` is not a domain name"))
                            .with_hint("write the bare domain, e.g. radar.example.org"),
                    );
                    return None;
                }
                Some(s)
            }
        };

        let briefs_per_page = match f.get("briefs_per_page") {
            None => 20,
            Some(n) => match n.integer(file, "briefs_per_page", diags)? {
                0 => {
                    diags.push(
                        file.error(n.span, "bad-value", "`briefs_per_page` must be at least 1")
                            .with_hint("e.g. `briefs_per_page: 20`"),
                    );
                    return None;
                }
                v => usize::try_from(v).unwrap_or(usize::MAX),
            },
        };
        let minify = match f.get("minify") {
            None => true,
            Some(n) => n.bool(file, "minify", diags)?,
        };
        let unsafe_html = match f.get("unsafe_html") {
            None => false,
            Some(n) => n.bool(file, "unsafe_html", diags)?,
        };

        let notice = f.get("notice").and_then(|n| Text::parse(n, "notice", &languages, file, diags));
        let topics = f.get("topics").map(|n| parse_topics(n, &languages, file, diags)).unwrap_or_default();
        let brand =
            crate::brand::Brand::parse(f.get("brand"), f.get("menu"), f.get("stylesheets"), &languages, file, diags);

        if diags.error_count() > before {
            return None;
        }
        Some(Config {
            title: title?,
            description,
            base_url,
            languages,
            theme,
            countries,
            cname,
            briefs_per_page,
            minify,
            notice,
            topics,
            brand,
            file: file.clone(),
            unsafe_html,
        })
    }

    /// The path part of the base URL (`/wb-ocr/`), prefixed to every internal link.
    pub fn base_path(&self) -> &str {
        match self.base_url.find("://") {
            Some(i) => self.base_url[i + 3..].find('/').map_or("/", |j| &self.base_url[i + 3 + j..]),
            None => &self.base_url,
        }
    }

    /// Replaces the base URL (from `--base-url` or `serve`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let file = SourceFile::new("--base-url", url);
        let mut d = Diagnostics::new();
        match normalize_base_url(url, Span::file_start(), &file, &mut d) {
            Some(u) => {
                self.base_url = u;
                Ok(())
            }
            None => Err(d.sorted().first().map(|d| d.message.clone()).unwrap_or_default()),
        }
    }
}

/// Checks a base URL given on the command line and normalizes it (a trailing
/// `/`); the error is the message `site.yaml` would get.
pub fn parse_base_url(url: &str) -> Result<String, String> {
    let file = SourceFile::new("--base-url", url);
    let mut d = Diagnostics::new();
    normalize_base_url(url, Span::file_start(), &file, &mut d)
        .ok_or_else(|| d.sorted().first().map(|d| d.message.clone()).unwrap_or_default())
}

/// Reads `topics:`: `id: {sq: ..., en: ...}` (the label alone), or
/// `id: {label: {...}, description: {...}}`.
fn parse_topics(node: &yaml::Node, languages: &Languages, file: &SourceFile, diags: &mut Diagnostics) -> Vec<Topic> {
    let mut out: Vec<Topic> = Vec::new();
    for (id, kn, v) in node.entries(file, "topics", diags).unwrap_or_default() {
        let slug = crate::slug::slugify(&id);
        if slug != id {
            diags.push(
                file.error(kn.span, "bad-topic-id", format!("topic id `{id}` has characters an id should not"))
                    .with_hint(format!("use lowercase ASCII letters, digits and hyphens: `{slug}`")),
            );
            continue;
        }
        let is_full = matches!(&v.kind, yaml::Kind::Map(entries)
            if entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|k| TOPIC_KEYS.contains(&k))));
        let (label, description) = if is_full {
            let Some(f) = Fields::new(v, TOPIC_KEYS, "a topic", file, diags) else { continue };
            let label = f
                .required("label", "a topic", file, diags)
                .and_then(|n| Text::parse(n, "label", languages, file, diags));
            let description = f.get("description").and_then(|n| Text::parse(n, "description", languages, file, diags));
            (label, description)
        } else {
            (Text::parse(v, "topic label", languages, file, diags), None)
        };
        if let Some(label) = label {
            out.push(Topic { id, label, description });
        }
    }
    out
}

fn normalize_base_url(s: &str, span: Span, file: &SourceFile, diags: &mut Diagnostics) -> Option<String> {
    let s = s.trim();
    let ok = s.starts_with("https://") || s.starts_with("http://") || s.starts_with('/');
    if !ok || s.contains(char::is_whitespace) || s.contains(['?', '#']) {
        diags.push(
            file.error(span, "bad-base-url", format!("`{s}` is not a base URL"))
                .with_hint("write the full address the site is published at, e.g. https://example.github.io/wb-ocr/"),
        );
        return None;
    }
    let mut u = s.to_string();
    if !u.ends_with('/') {
        u.push('/');
    }
    Some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> (Option<Config>, String) {
        let f = SourceFile::new("site.yaml", src);
        let mut d = Diagnostics::new();
        let c = Config::parse(&f, &mut d);
        (c, d.render_human())
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let (c, out) = parse("title: Radar\nbase_url: https://example.github.io/wb-ocr\n");
        let c = c.unwrap_or_else(|| panic!("{out}"));
        assert_eq!(c.base_url, "https://example.github.io/wb-ocr/");
        assert_eq!(c.base_path(), "/wb-ocr/");
        assert_eq!(c.languages.default_lang(), "sq");
        assert_eq!(c.countries.len(), 6);
        assert_eq!(c.briefs_per_page, 20);
    }

    #[test]
    fn unknown_key_is_named_with_a_suggestion() {
        let (c, out) = parse("title: Radar\nbase_urll: https://x.org/\n");
        assert!(c.is_none());
        assert!(out.contains("site.yaml:2:1: error: unknown key `base_urll` in site.yaml"), "{out}");
        assert!(out.contains("did you mean `base_url`?"), "{out}");
    }

    #[test]
    fn brand_colour_and_menu_entries_are_checked_where_written() {
        let (c, out) = parse("title: R\nbrand:\n  colour: \"dark blue\"\nmenu:\n  - link: https://example.org/\n");
        assert!(c.is_none());
        assert!(out.contains("site.yaml:3:11: error: `dark blue` is not a colour"), "{out}");
        assert!(out.contains("site.yaml:5:11: error: the menu entry `https://example.org/` has no `label`"), "{out}");
    }

    #[test]
    fn a_brand_colour_too_light_for_links_is_a_warning_naming_the_colour_used() {
        let (c, out) = parse("title: R\nbrand: {color: \"#fc0\"}\n");
        let c = c.unwrap_or_else(|| panic!("{out}"));
        assert!(out.contains("site.yaml:2:16: warning: brand colour `#fc0` has a contrast of 1.5:1"), "{out}");
        assert!(c.brand.colour.is_some());
        let (_, out) = parse(
            "title: R\nbrand: {colour: \"#0b5cad\"}\nmenu: [radar, {link: metodologjia, label: {sq: Metoda, en: Method}}]\n",
        );
        assert!(!out.contains("warning"), "{out}");
    }
}
