//! `site.yaml` -> [`Config`]: its shape declared in `SiteYaml`, then each value checked (SPEC §2).
//!
//! Unknown keys are errors that name the key, with a "did you mean" hint.

use std::collections::BTreeMap;

use crate::content::country::{Country, CountryCode};
use crate::diag::{Diagnostics, SourceFile, Span};
use crate::i18n::{Languages, Text};
use crate::yaml::{self, Decode, Entries, Node, Spanned};

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
    /// Where site.yaml names the theme; `None` for the default.
    pub theme_span: Option<Span>,
    /// Keep raw HTML in Markdown as written instead of sanitising it
    /// (`unsafe_html: true`, for trusted content only).
    pub unsafe_html: bool,
    /// Where the web editor saves: a GitHub repository and branch, from
    /// `editor:` or the GitHub Pages address `base_url` names.
    pub editor_repo: Option<(String, String)>,
    /// `editor.cms: sveltia`: the published editor is Sveltia CMS.
    pub editor_sveltia: bool,
    /// `editor.auth_url`: Decap's OAuth provider.
    pub editor_auth_url: Option<String>,
    /// The radar section's title per language (`radar: {title}`), over the
    /// theme's `radar_title`.
    pub radar_title: Option<Text>,
    /// The sentence under the radar section's title (`radar: {description}`),
    /// over the theme's `radar_description`.
    pub radar_description: Option<Text>,
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

crate::decode_map! {
    /// `site.yaml` as written (SPEC §2): its keys and the shape of each
    /// value. [`Config::parse`] checks what the values mean.
    pub(crate) struct SiteYaml<'n> {
        what: "site.yaml", missing: "site.yaml", required: [title];
        /// The site's name: one text, or one per language.
        title: Option<&'n Node> as Shape::Text,
        /// One or two sentences about the site, per language.
        description: Option<&'n Node> as Shape::Text,
        /// The address the site is published at (default `/`).
        base_url: Option<Spanned<String>>,
        /// Language codes, the default first (default `[sq, en]`).
        languages: Option<Spanned<Vec<Spanned<String>>>>,
        /// Per language, the languages whose text is shown when its own is
        /// missing, nearest first, before the default (built in: Serbian in
        /// the other script; for `cnr` and `bs`, each other and Serbian).
        fallback: Option<Entries<Vec<Spanned<String>>>> as Shape::keyed(Keys::Language, Shape::list(Shape::Choice(Choice::Language))),
        /// A folder under `themes/` (default `default`).
        theme: Option<Spanned<String>>,
        /// Country codes, in the order pages list them (default: all six).
        countries: Option<Vec<Spanned<String>>>,
        /// Custom domain for GitHub Pages.
        cname: Option<Spanned<String>>,
        /// Country names other than the built-in ones: code -> name per language.
        country_names: Option<Entries<&'n Node>> as Shape::keyed(Keys::Country, Shape::Text),
        /// Briefs per list page (default 20).
        briefs_per_page: Option<Spanned<u64>>,
        /// Minify HTML output (default true).
        minify: Option<bool>,
        /// A notice on every page, per language.
        notice: Option<&'n Node> as Shape::Text,
        /// Topics: id -> label per language, or id -> `{label, description}`.
        topics: Option<Entries<&'n Node>>,
        /// Brand colour and logo.
        brand: Option<crate::brand::BrandYaml>,
        /// The main navigation's entries: a section, a page, or `{link, label}`.
        menu: Option<Vec<&'n Node>> as Shape::list(<crate::brand::MenuEntryYaml as Describe>::shape()),
        /// Stylesheets under `content/static/`, loaded after the theme's.
        stylesheets: Vec<Spanned<String>>,
        /// Keep raw HTML in Markdown as written (default false).
        unsafe_html: Option<bool>,
        /// Where the web editor at `/admin/` saves (default: the repository `base_url` names).
        editor: Option<EditorYaml>,
        /// The radar section's title and introduction.
        radar: Option<RadarSectionYaml<'n>>,
    }
}

crate::decode_map! {
    /// `editor:` in site.yaml.
    pub(crate) struct EditorYaml {
        what: "editor", missing: "editor", required: [];
        /// The GitHub repository, `owner/name`.
        repo: Option<Spanned<String>>,
        /// The branch the site is published from (default `main`).
        branch: Option<Spanned<String>>,
        /// The editor: `decap` (default, shipped with raport) or `sveltia` (loaded from its pinned release).
        cms: Option<Spanned<String>> as Shape::Choice(Choice::Fixed(&["decap", "sveltia"])),
        /// The address of the OAuth provider Decap signs in to GitHub through.
        auth_url: Option<Spanned<String>>,
    }
}

crate::decode_map! {
    /// `radar:` in `site.yaml`: how the radar section is named.
    struct RadarSectionYaml<'n> {
        what: "radar", missing: "radar", required: [];
        /// The section's title per language (default: the theme's `radar_title`).
        title: Option<&'n Node> as Shape::Text,
        /// The sentence under the title per language (default: the theme's `radar_description`).
        description: Option<&'n Node> as Shape::Text,
    }
}

crate::decode_map! {
    /// A topic written out in full under `topics:`.
    struct TopicYaml<'n> {
        what: "a topic", missing: "a topic", required: [label];
        /// The topic's name per language.
        label: Option<&'n Node> as Shape::Text,
        /// One or two sentences shown on the topic page, per language.
        description: Option<&'n Node> as Shape::Text,
    }
}

impl Config {
    /// Parses and validates `site.yaml` text; `None` when it has errors,
    /// all of which are in `diags`.
    pub fn parse(file: &SourceFile, diags: &mut Diagnostics) -> Option<Config> {
        let before = diags.error_count();
        let root = yaml::parse(file, &file.text, 1, diags)?;
        let raw = SiteYaml::decode(&root, "site.yaml", file, diags)?;

        let languages = match raw.languages {
            None => Some(Languages::new(vec!["sq".into(), "en".into()])),
            Some(list) => check_languages(list, file, diags),
        };
        let languages = languages.map(|mut langs| {
            if let Some(order) = raw.fallback {
                check_fallback(order, &mut langs, file, diags);
            }
            langs
        });
        // Texts are checked against the languages: without any, they cannot be.
        let text = |n: Option<&Node>, what: &str, diags: &mut Diagnostics| {
            Text::parse(n?, what, languages.as_ref()?, file, diags)
        };
        let title = text(raw.title, "title", diags);
        let description = text(raw.description, "description", diags);
        let notice = text(raw.notice, "notice", diags);
        let radar_title = text(raw.radar.as_ref().and_then(|r| r.title), "title", diags);
        let radar_description = text(raw.radar.as_ref().and_then(|r| r.description), "description", diags);

        let base_url = match raw.base_url {
            None => Some("/".to_string()),
            Some(u) => normalize_base_url(&u.value, u.span, file, diags),
        };

        let theme = raw.theme.as_ref().map(|t| t.value.as_str()).unwrap_or("default").to_string();
        if let Some(t) = &raw.theme
            && (t.value.is_empty() || t.value.contains(['/', '\\']) || t.value.starts_with('.'))
        {
            diags.push(
                file.error(t.span, "bad-theme", format!("`{}` is not a theme name", t.value))
                    .with_hint("name a folder under themes/, e.g. `default`"),
            );
        }

        let mut overrides: BTreeMap<CountryCode, Text> = BTreeMap::new();
        for (code, v) in raw.country_names.map(|e| e.0).unwrap_or_default() {
            if let Some(cc) = CountryCode::parse(&code.value, code.span, file, diags)
                && let Some(t) = text(Some(v), "country name", diags)
            {
                overrides.insert(cc, t);
            }
        }
        let codes = match raw.countries {
            None => CountryCode::built_in(),
            Some(list) => check_countries(list, file, diags),
        };

        let cname = raw.cname.and_then(|c| {
            let s = c.value.trim().to_string();
            if s.contains("://") || s.contains('/') || !s.contains('.') {
                diags.push(
                    file.error(c.span, "bad-cname", format!("`{s}` is not a domain name"))
                        .with_hint("write the bare domain, e.g. radar.example.org"),
                );
                return None;
            }
            Some(s)
        });

        let briefs_per_page = match raw.briefs_per_page {
            None => 20,
            Some(Spanned { value: 0, span }) => {
                diags.push(
                    file.error(span, "bad-value", "`briefs_per_page` must be at least 1")
                        .with_hint("e.g. `briefs_per_page: 20`"),
                );
                20
            }
            Some(n) => usize::try_from(n.value).unwrap_or(usize::MAX),
        };

        let (editor_sveltia, editor_auth_url) = editor_options(raw.editor.as_ref(), file, diags);
        let editor_repo = editor_repo(raw.editor, base_url.as_deref(), file, diags);
        let languages = languages?;
        let topics = raw.topics.map(|t| parse_topics(t, &languages, file, diags)).unwrap_or_default();
        let brand = crate::brand::Brand::parse(raw.brand, raw.menu, raw.stylesheets, &languages, file, diags);
        let countries = codes
            .into_iter()
            .map(|code| {
                let name = overrides.remove(&code);
                Country::new(code, name, &languages)
            })
            .collect();

        if diags.error_count() > before {
            return None;
        }
        Some(Config {
            title: title?,
            description,
            base_url: base_url?,
            languages,
            theme,
            theme_span: raw.theme.map(|t| t.span),
            countries,
            cname,
            briefs_per_page,
            minify: raw.minify.unwrap_or(true),
            notice,
            topics,
            brand,
            file: file.clone(),
            unsafe_html: raw.unsafe_html.unwrap_or(false),
            editor_repo,
            editor_sveltia,
            editor_auth_url,
            radar_title,
            radar_description,
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
    pub(crate) fn set_base_url(&mut self, url: &str) -> Result<(), String> {
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
pub(crate) fn parse_base_url(url: &str) -> Result<String, String> {
    let file = SourceFile::new("--base-url", url);
    let mut d = Diagnostics::new();
    normalize_base_url(url, Span::file_start(), &file, &mut d)
        .ok_or_else(|| d.sorted().first().map(|d| d.message.clone()).unwrap_or_default())
}

/// `languages:`: distinct language codes, at least one; `None` when none is valid.
/// `editor.cms` (true for Sveltia) and `editor.auth_url`, checked.
fn editor_options(editor: Option<&EditorYaml>, file: &SourceFile, diags: &mut Diagnostics) -> (bool, Option<String>) {
    let Some(e) = editor else { return (false, None) };
    let sveltia = match &e.cms {
        Some(c) if c.value.trim() == "sveltia" => true,
        Some(c) if c.value.trim() != "decap" => {
            diags.push(
                file.error(c.span, "bad-value", format!("`{}` is not an editor raport knows", c.value))
                    .with_hint("write `cms: decap` (the default) or `cms: sveltia`"),
            );
            false
        }
        _ => false,
    };
    let auth = e.auth_url.as_ref().and_then(|u| {
        let v = u.value.trim();
        if v.starts_with("https://") && !v.contains(char::is_whitespace) {
            return Some(v.trim_end_matches('/').to_string());
        }
        diags.push(
            file.error(u.span, "bad-value", format!("`{v}` is not an https:// address"))
                .with_hint("the address of your OAuth provider, e.g. `auth_url: https://auth.example.org`"),
        );
        None
    });
    (sveltia, auth)
}

/// The repository a GitHub Pages address is published from:
/// `https://owner.github.io/name/` is `owner/name`, `https://owner.github.io/`
/// is `owner/owner.github.io`.
pub(crate) fn repo_from_base_url(base_url: &str) -> Option<String> {
    let rest = base_url.strip_prefix("https://").or_else(|| base_url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let owner = host.strip_suffix(".github.io")?;
    if owner.is_empty() || owner.contains('.') {
        return None;
    }
    match path.split('/').find(|p| !p.is_empty()) {
        Some(name) => Some(format!("{owner}/{name}")),
        None => Some(format!("{owner}/{host}")),
    }
}

/// The web editor's repository and branch: `editor:` as written (checked),
/// else the repository a GitHub Pages `base_url` is published from.
fn editor_repo(
    editor: Option<EditorYaml>,
    base_url: Option<&str>,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<(String, String)> {
    let branch = editor.as_ref().and_then(|e| e.branch.as_ref());
    let branch = match branch {
        Some(b) if b.value.trim().is_empty() || b.value.contains(char::is_whitespace) => {
            diags.push(
                file.error(b.span, "bad-value", format!("`{}` is not a branch name", b.value))
                    .with_hint("e.g. `branch: main`"),
            );
            "main".to_string()
        }
        Some(b) => b.value.trim().to_string(),
        None => "main".to_string(),
    };
    if let Some(r) = editor.and_then(|e| e.repo) {
        let v = r.value.trim();
        let ok = v.split('/').count() == 2
            && v.split('/').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
        if !ok {
            diags.push(
                file.error(r.span, "bad-repo", format!("`{v}` is not a GitHub repository"))
                    .with_hint("write the owner and the name, e.g. `repo: my-org/wb-ocr`"),
            );
            return None;
        }
        return Some((v.to_string(), branch));
    }
    repo_from_base_url(base_url?).map(|r| (r, branch))
}

fn check_languages(
    list: Spanned<Vec<Spanned<String>>>,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Languages> {
    let mut codes: Vec<String> = Vec::new();
    for Spanned { value: code, span } in list.value {
        if !crate::i18n::is_language_tag(&code) {
            let hint = match code.to_ascii_lowercase().as_str() {
                "sr-latn" | "sr_latn" | "sr-latin" => "Serbian in Latin script is `sr-Latn` (BCP 47: the script in title case)".to_string(),
                "me" | "mne" => "Montenegrin is `cnr`".to_string(),
                _ => "use a BCP 47 code: a two- or three-letter language (sq, en, sr, mk, bs, cnr), optionally with a script (sr-Latn)".to_string(),
            };
            diags.push(file.error(span, "bad-language", format!("`{code}` is not a language code")).with_hint(hint));
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
        diags.push(file.error(list.span, "bad-language", "`languages` must list at least one language"));
        return None;
    }
    Some(Languages::new(codes))
}

/// `fallback:`: for a site language, other site languages, each once.
fn check_fallback(
    order: Entries<Vec<Spanned<String>>>,
    langs: &mut Languages,
    file: &SourceFile,
    diags: &mut Diagnostics,
) {
    let site = langs.all().join(", ");
    let unknown = |code: &str, span: Span, diags: &mut Diagnostics| {
        diags.push(
            file.error(span, "unknown-language", format!("`{code}` is not a language of this site"))
                .with_hint(format!("site languages: {site}")),
        );
    };
    for (lang, list) in order.0 {
        if !langs.contains(&lang.value) {
            unknown(&lang.value, lang.span, diags);
            continue;
        }
        let mut chain: Vec<String> = Vec::new();
        for Spanned { value: code, span } in list {
            if !langs.contains(&code) {
                unknown(&code, span, diags);
            } else if code == lang.value || chain.contains(&code) {
                let message = if code == lang.value {
                    format!("`{code}` cannot fall back to itself")
                } else {
                    format!("`{code}` is listed twice in `{}`'s fallback", lang.value)
                };
                diags.push(
                    file.error(span, "bad-fallback", message)
                        .with_hint("name each other language once; the default comes last without being named"),
                );
            } else {
                chain.push(code);
            }
        }
        langs.set_fallback(&lang.value, chain);
    }
}

/// `countries:`: known, distinct country codes.
fn check_countries(list: Vec<Spanned<String>>, file: &SourceFile, diags: &mut Diagnostics) -> Vec<CountryCode> {
    let mut out = Vec::new();
    for Spanned { value: code, span } in list {
        if let Some(cc) = CountryCode::parse(&code, span, file, diags) {
            if out.contains(&cc) {
                diags.push(
                    file.error(span, "duplicate-country", format!("country `{code}` is listed twice"))
                        .with_hint("remove the second one"),
                );
            } else {
                out.push(cc);
            }
        }
    }
    out
}

/// Reads `topics:`: `id: {sq: ..., en: ...}` (the label alone), or
/// `id: {label: {...}, description: {...}}`.
fn parse_topics(
    topics: Entries<&Node>,
    languages: &Languages,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<Topic> {
    let mut out: Vec<Topic> = Vec::new();
    for (id, v) in topics.0 {
        let slug = crate::slug::slugify(&id.value);
        if slug != id.value {
            diags.push(
                file.error(id.span, "bad-topic-id", format!("topic id `{}` has characters an id should not", id.value))
                    .with_hint(format!("use lowercase ASCII letters, digits and hyphens: `{slug}`")),
            );
            continue;
        }
        let is_full = matches!(&v.kind, yaml::Kind::Map(entries)
            if entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|k| TopicYaml::KEYS.contains(&k))));
        let (label, description) = if is_full {
            let Some(t) = TopicYaml::decode(v, "topic", file, diags) else { continue };
            let label = t.label.and_then(|n| Text::parse(n, "label", languages, file, diags));
            let description = t.description.and_then(|n| Text::parse(n, "description", languages, file, diags));
            (label, description)
        } else {
            (Text::parse(v, "topic label", languages, file, diags), None)
        };
        if let Some(label) = label {
            out.push(Topic { id: id.value, label, description });
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
    fn the_fallback_order_is_the_sites_to_set() {
        let site = "languages: [sq, en, sr, sr-Latn, mk]\n";
        let title = "title: {sq: Radari, en: Radar, sr: Радар}\n";
        // Built in: Serbian Latin shows the Cyrillic text; Macedonian the default.
        let (c, out) = parse(&format!("{site}{title}"));
        let c = c.unwrap_or_else(|| panic!("{out}"));
        assert_eq!(c.title.get("sr-Latn", "sq").lang, "sr");
        assert_eq!(c.title.get("mk", "sq").lang, "sq");
        assert!(out.contains("`title` has no `mk` text; the `sq` text is shown"), "{out}");
        // Set: Macedonian readers get Serbian, then English; Serbian Latin goes to English.
        let (c, out) = parse(&format!("{site}fallback: {{mk: [sr, en], sr-Latn: [en]}}\n{title}"));
        let c = c.unwrap_or_else(|| panic!("{out}"));
        let mk = c.title.get("mk", "sq");
        assert_eq!((mk.text, mk.lang, mk.fallback), ("Радар", "sr", true));
        assert_eq!(c.title.get("sr-Latn", "sq").lang, "en");
        assert!(out.contains("`title` has no `mk` text; the `sr` text is shown"), "{out}");
        assert_eq!(c.languages.fallback_of("mk"), ["sr", "en"]);
        // An empty list: straight to the default.
        let (c, _) = parse(&format!("{site}fallback: {{sr-Latn: []}}\n{title}"));
        assert_eq!(c.map(|c| c.title.get("sr-Latn", "sq").lang.to_string()).as_deref(), Some("sq"));
    }

    #[test]
    fn a_fallback_names_site_languages_once() {
        let (c, out) = parse("title: R\nlanguages: [sq, en, sr]\nfallback: {sr: [de, sr, en, en], hr: [sr]}\n");
        assert!(c.is_none());
        for expected in [
            "site.yaml:3:17: error: `de` is not a language of this site",
            "site.yaml:3:21: error: `sr` cannot fall back to itself",
            "site.yaml:3:29: error: `en` is listed twice in `sr`'s fallback",
            "site.yaml:3:34: error: `hr` is not a language of this site",
        ] {
            assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
        }
    }

    #[test]
    fn every_error_in_site_yaml_is_reported_at_once() {
        let (c, out) = parse(concat!(
            "title: [R]\n",
            "base_url: example.org\n",
            "languages: [sq, EN, sq]\n",
            "theme: ../x\n",
            "countries: [al, kv, al]\n",
            "cname: https://radar.example.org\n",
            "briefs_per_page: 0\n",
            "minify: maybe\n",
            "unsafe_html: 1\n",
            "topics: {Bad Id: {sq: a}}\n",
            "base_urll: https://x.org/\n",
        ));
        assert!(c.is_none());
        for expected in [
            "site.yaml:1:8: error: `title` must be text, found a list",
            "site.yaml:2:11: error: `example.org` is not a base URL",
            "site.yaml:3:17: error: `EN` is not a language code",
            "site.yaml:3:21: error: language `sq` is listed twice",
            "site.yaml:4:8: error: `../x` is not a theme name",
            "site.yaml:5:17: error: unknown country code `kv`",
            "site.yaml:5:21: error: country `al` is listed twice",
            "site.yaml:6:8: error: `https://radar.example.org` is not a domain name",
            "site.yaml:7:18: error: `briefs_per_page` must be at least 1",
            "site.yaml:8:9: error: `minify` must be `true` or `false`",
            "site.yaml:9:14: error: `unsafe_html` must be `true` or `false`",
            "site.yaml:10:10: error: topic id `Bad Id` has characters an id should not",
            "site.yaml:11:1: error: unknown key `base_urll` in site.yaml",
            "did you mean `base_url`?",
        ] {
            assert!(out.contains(expected), "{expected}\n{out}");
        }
        assert!(out.contains("13 errors"), "{out}");
    }

    #[test]
    fn the_theme_keeps_where_it_is_named() {
        let (c, out) = parse("title: R\ntheme: mine\n");
        let c = c.unwrap_or_else(|| panic!("{out}"));
        assert_eq!((c.theme.as_str(), c.theme_span), ("mine", Some(Span::new(2, 8, 4))));
        let (c, _) = parse("title: R\n");
        assert_eq!(c.map(|c| c.theme_span), Some(None));
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
