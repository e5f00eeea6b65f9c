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
    /// Keep raw HTML in Markdown as written instead of sanitising it
    /// (`unsafe_html: true`, for trusted content only).
    pub unsafe_html: bool,
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
    "unsafe_html",
];

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
}
