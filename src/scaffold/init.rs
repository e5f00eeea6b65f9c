//! `raport init` (SPEC §8): a new site from the templates in `src/scaffold/site/`,
//! fitted to the options given (title, languages, countries, address).
//!
//! The templates are written for Albanian and English. Lines `sq: …` directly
//! followed by `en: …` at the same indentation are localized fields: they
//! become one line per site language (Albanian text for `sq`, English for
//! every other language). `name.sq.md` and `name.en.md` become one file per
//! site language the same way. `@C1@` and `@C2@` are the first two site
//! countries; a line naming `@C2@` is dropped when the site has only one.

use std::path::{Path, PathBuf};

use super::write_new;
use crate::content::country::CountryCode;
use crate::diag::{Diagnostics, SourceFile};
use crate::{Error, io};

/// The files of a new site: path in the site, contents.
const SITE: &[(&str, &str)] = &[
    ("site.yaml", include_str!("site/site.yaml")),
    ("README.md", include_str!("site/README.md")),
    (".gitignore", include_str!("site/gitignore")),
    (".github/workflows/pages.yml", include_str!("site/workflows/pages.yml")),
    (".github/workflows/check.yml", include_str!("site/workflows/check.yml")),
    ("content/_index.sq.md", include_str!("site/content/_index.sq.md")),
    ("content/_index.en.md", include_str!("site/content/_index.en.md")),
    ("content/briefs/analiza-e-pare.sq.md", include_str!("site/content/briefs/analiza-e-pare.sq.md")),
    ("content/briefs/analiza-e-pare.en.md", include_str!("site/content/briefs/analiza-e-pare.en.md")),
    ("content/pages/rreth-nesh.sq.md", include_str!("site/content/pages/rreth-nesh.sq.md")),
    ("content/pages/rreth-nesh.en.md", include_str!("site/content/pages/rreth-nesh.en.md")),
    ("content/trackers/rekomandimet.yaml", include_str!("site/content/trackers/rekomandimet.yaml")),
    ("content/radar/dimensions.yaml", include_str!("site/content/radar/dimensions.yaml")),
    ("content/radar/@C1@.yaml", include_str!("site/content/radar/country.yaml")),
];

/// The sample title, replaced by `--title`.
const SAMPLE_TITLE: &str = "title:\n  sq: \"Radari i sigurisë\"\n  en: \"Security Radar\"\n";
/// The sample title in the README.
const SAMPLE_TITLE_EN: &str = "Security Radar";

/// What a new site starts with; `None` takes the sample's value.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The site's name, the same in every language.
    pub title: Option<String>,
    /// Language codes, default first.
    pub languages: Option<Vec<String>>,
    /// Country codes, among the built-in ones.
    pub countries: Option<Vec<String>>,
    /// The address the site will be published at.
    pub base_url: Option<String>,
    /// The GitHub repository, `owner/name`, the web editor saves to.
    pub repo: Option<String>,
}

/// The options checked, with the sample's values filled in.
struct Resolved {
    title: Option<String>,
    languages: Vec<String>,
    countries: Vec<String>,
    base_url: String,
    repo: Option<String>,
}

/// The repository raport comes from (Cargo.toml `repository`).
pub fn repository() -> &'static str {
    env!("CARGO_PKG_REPOSITORY").trim_end_matches('/').trim_end_matches(".git")
}

/// The GitHub Action a new site's workflows use: this repository, pinned to
/// the version of the raport that writes them (`owner/raport@v0.1.0`).
pub fn action() -> String {
    let repo = repository();
    let path = repo.strip_prefix("https://github.com/").unwrap_or(repo);
    format!("{path}@v{}", env!("CARGO_PKG_VERSION"))
}

/// Creates a new site in `dir`, which must be missing or empty. Returns the
/// files written, relative to `dir`. Bad options are usage errors, found
/// before anything is written.
pub fn init_site(dir: &Path, opts: &InitOptions) -> Result<Vec<PathBuf>, Error> {
    let r = resolve(opts).map_err(Error::Usage)?;
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Error::Usage(format!("{} exists and is not a folder", dir.display())));
        }
        if io(dir, std::fs::read_dir(dir))?.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty; raport init only creates a site in a new or empty folder",
                dir.display()
            )));
        }
    }
    let files = render_site(&r);
    check_settings(&files)?;
    let mut written = Vec::new();
    for (rel, text) in files {
        write_new(&dir.join(&rel), &text)?;
        written.push(rel);
    }
    Ok(written)
}

/// Checks the options and fills in the sample's values; the error says which
/// option is wrong and what it takes.
fn resolve(opts: &InitOptions) -> Result<Resolved, String> {
    let title = match &opts.title {
        None => None,
        Some(t) => {
            let t = t.trim();
            if t.is_empty() || t.chars().any(char::is_control) {
                return Err("--title: give the site's name on one line, e.g. --title \"Security Radar\"".into());
            }
            Some(t.to_string())
        }
    };
    let languages = match &opts.languages {
        None => vec!["sq".to_string(), "en".to_string()],
        Some(list) => {
            let list = codes(list);
            for code in &list {
                if !crate::i18n::is_language_tag(code) {
                    return Err(format!(
                        "--languages: `{code}` is not a language code; use BCP 47 codes, default first, e.g. --languages sq,en,sr,sr-Latn"
                    ));
                }
            }
            check_list("--languages", "language", &list)?;
            list
        }
    };
    let countries = match &opts.countries {
        None => CountryCode::built_in().into_iter().map(|c| c.0).collect(),
        Some(list) => {
            let list = codes(list);
            let mut known: Vec<String> = CountryCode::built_in().into_iter().map(|c| c.0).collect();
            known.sort();
            for code in &list {
                if !known.contains(code) {
                    let kosovo = if matches!(code.as_str(), "kv" | "ks") { "Kosovo is `xk`; " } else { "" };
                    return Err(format!(
                        "--countries: unknown country code `{code}`; {kosovo}known codes: {}",
                        known.join(", ")
                    ));
                }
            }
            check_list("--countries", "country", &list)?;
            list
        }
    };
    let base_url = match &opts.base_url {
        None => "/".to_string(),
        Some(u) => crate::config::parse_base_url(u).map_err(|m| {
            format!("--base-url: {m}; write the full address, e.g. https://example.github.io/radar/, or `/`")
        })?,
    };
    let repo = match opts.repo.as_deref().map(str::trim) {
        None => None,
        Some(r)
            if r.split('/').count() == 2
                && r.split('/')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))) =>
        {
            Some(r.to_string())
        }
        Some(r) => {
            return Err(format!("--repo: `{r}` is not a GitHub repository; write owner/name, e.g. my-org/wb-ocr"));
        }
    };
    Ok(Resolved { title, languages, countries, base_url, repo })
}

/// site.yaml's `editor:` lines: the repository given, or a commented example.
fn editor_lines(repo: Option<&str>) -> String {
    match repo {
        Some(r) => format!("editor:\n  repo: {r}                 # where the web editor at /admin/ saves"),
        None => "# editor:\n#   repo: my-org/my-site   # where the web editor at /admin/ saves (default: the\n#                          # repository the GitHub Pages address names)".to_string(),
    }
}

/// A comma-separated option's items, trimmed, empty ones left out.
fn codes(list: &[String]) -> Vec<String> {
    list.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
}

/// A list option must name something, and each thing once.
fn check_list(option: &str, what: &str, list: &[String]) -> Result<(), String> {
    if list.is_empty() {
        return Err(format!("{option}: name at least one {what}"));
    }
    for (i, code) in list.iter().enumerate() {
        if list.get(..i).is_some_and(|before| before.contains(code)) {
            return Err(format!("{option}: {what} `{code}` is listed twice"));
        }
    }
    Ok(())
}

/// The files of the new site, fitted to the options: relative path, text.
fn render_site(r: &Resolved) -> Vec<(PathBuf, String)> {
    let c1 = r.countries.first().map_or("al", String::as_str);
    let c2 = r.countries.get(1).map(String::as_str);
    let brief_countries = r.countries.iter().take(2).cloned().collect::<Vec<_>>().join(", ");
    let yaml_title = r.title.as_ref().map(|t| format!("title: {}\n", yaml_string(t)));
    let readme_title = r.title.as_deref().unwrap_or(SAMPLE_TITLE_EN);
    let subst = |template: &str| {
        let text = template
            .replace("@BASE_URL@", &r.base_url)
            .replace("@EDITOR@", &editor_lines(r.repo.as_deref()))
            .replace("@LANGUAGES@", &r.languages.join(", "))
            .replace("@COUNTRIES@", &r.countries.join(", "))
            .replace("@BRIEF_COUNTRIES@", &brief_countries)
            .replace("@ACTION@", &action())
            .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
            .replace("@REPOSITORY@", repository())
            .replace("@TITLE@", readme_title);
        localize(&drop_or_fill(&text, c1, c2), &r.languages)
    };
    let mut files = Vec::new();
    for (rel, template) in SITE {
        let rel = rel.replace("@C1@", c1);
        if rel == "site.yaml"
            && let Some(t) = &yaml_title
        {
            files.push((PathBuf::from(rel), subst(&template.replace(SAMPLE_TITLE, t))));
        } else if let Some(stem) = rel.strip_suffix(".sq.md") {
            // The Albanian text goes to `sq`, the English one to every other language.
            let en = SITE.iter().find(|(p, _)| p.strip_suffix(".en.md") == Some(stem)).map_or(*template, |(_, t)| *t);
            for lang in &r.languages {
                let text = subst(if lang == "sq" { template } else { en });
                files.push((PathBuf::from(format!("{stem}.{lang}.md")), text));
            }
        } else if !rel.ends_with(".en.md") {
            files.push((PathBuf::from(rel), subst(template)));
        }
    }
    files
}

/// Puts the first two countries in; drops the lines of the second when the
/// site has only one.
fn drop_or_fill(text: &str, c1: &str, c2: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match c2 {
            None if line.contains("@C2@") => {}
            _ => out.push_str(&line.replace("@C1@", c1).replace("@C2@", c2.unwrap_or(""))),
        }
    }
    out
}

/// Turns each `sq:` line directly followed by an `en:` line at the same
/// indentation into one line per language.
fn localize(text: &str, languages: &[String]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let pair = field(line, "sq").zip(lines.get(i + 1).and_then(|next| field(next, "en")));
        match pair {
            Some(((indent, sq), (indent_en, en))) if indent == indent_en => {
                for lang in languages {
                    let value = if lang == "sq" { sq } else { en };
                    out.push_str(&format!("{indent}{lang}: {value}\n"));
                }
                i += 2;
            }
            _ => {
                out.push_str(line);
                i += 1;
            }
        }
    }
    out
}

/// `(indentation, value)` of a line `<spaces><key>: <value>`.
fn field<'a>(line: &'a str, key: &str) -> Option<(&'a str, &'a str)> {
    let body = line.trim_start_matches(' ');
    let indent = line.get(..line.len() - body.len())?;
    let value = body.strip_prefix(key)?.strip_prefix(": ")?;
    Some((indent, value.trim_end()))
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Parses the new `site.yaml` as a build would, so that options the checks
/// above let through cannot produce a site that does not load.
fn check_settings(files: &[(PathBuf, String)]) -> Result<(), Error> {
    let text = files.iter().find(|(p, _)| p == Path::new("site.yaml")).map_or("", |(_, t)| t.as_str());
    let file = SourceFile::new("site.yaml", text);
    let mut diags = Diagnostics::new();
    match crate::config::Config::parse(&file, &mut diags) {
        Some(_) if !diags.has_errors() => Ok(()),
        _ => Err(Error::Usage(format!("the options give settings that do not load:\n{}", diags.render_human()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(languages: &[&str], countries: &[&str]) -> InitOptions {
        InitOptions {
            languages: Some(languages.iter().map(|s| s.to_string()).collect()),
            countries: Some(countries.iter().map(|s| s.to_string()).collect()),
            ..InitOptions::default()
        }
    }

    #[test]
    fn localized_fields_get_one_line_per_language() {
        let t = "title:\n  sq: \"A\"\n  en: \"B\"\nx: 1\n";
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(localize(t, &langs(&["en"])), "title:\n  en: \"B\"\nx: 1\n");
        assert_eq!(localize(t, &langs(&["sr", "sq"])), "title:\n  sr: \"B\"\n  sq: \"A\"\nx: 1\n");
        // Different indentation: not a pair.
        let odd = "a:\n  sq: 1\nen: 2\n";
        assert_eq!(localize(odd, &langs(&["en"])), odd);
    }

    #[test]
    fn workflows_use_this_repositorys_action_at_this_version() {
        let a = action();
        assert!(!a.contains("://") && a.matches('/').count() == 1, "{a}");
        assert!(a.ends_with(&format!("@v{}", env!("CARGO_PKG_VERSION"))), "{a}");
        let files = render_site(&resolve(&InitOptions::default()).unwrap_or_else(|e| panic!("{e}")));
        for (p, t) in &files {
            let placeholder =
                t.match_indices('@').any(|(i, _)| t[i + 1..].starts_with(|c: char| c.is_ascii_uppercase()));
            assert!(!placeholder, "{}: {t}", p.display());
            if p.starts_with(".github") {
                assert!(t.contains(&format!("- uses: {a}\n")), "{}: {t}", p.display());
            }
        }
    }

    #[test]
    fn sample_title_is_in_the_template() {
        assert!(SITE.iter().any(|(p, t)| *p == "site.yaml" && t.contains(SAMPLE_TITLE)));
        let r = resolve(&InitOptions { title: Some("Ra \"dar\"".into()), ..InitOptions::default() });
        let files = render_site(&r.unwrap_or_else(|e| panic!("{e}")));
        let yaml = files.iter().find(|(p, _)| p == Path::new("site.yaml")).map(|(_, t)| t.clone());
        assert!(yaml.unwrap_or_default().starts_with(
            "# Site settings. Every key is described in docs/editors.md of raport.\ntitle: \"Ra \\\"dar\\\"\"\n"
        ));
    }

    #[test]
    fn one_country_and_one_language() {
        let files = render_site(&resolve(&opts(&["en"], &["rs"])).unwrap_or_else(|e| panic!("{e}")));
        let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
        assert!(names.contains(&"content/radar/rs.yaml".to_string()), "{names:?}");
        assert!(names.contains(&"content/_index.en.md".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.ends_with(".sq.md")), "{names:?}");
        let tracker = files.iter().find(|(p, _)| p.ends_with("rekomandimet.yaml")).map(|(_, t)| t.clone());
        let tracker = tracker.unwrap_or_default();
        assert!(
            tracker.contains("      rs: {2023: implemented, 2024: implemented}\n") && !tracker.contains("sq:"),
            "{tracker}"
        );
    }

    #[test]
    fn bad_options_say_which_and_why() {
        let e = |o: InitOptions| resolve(&o).err().unwrap_or_default();
        assert!(e(opts(&["EN"], &["al"])).starts_with("--languages: `EN` is not a language code"));
        assert!(e(opts(&["sq", "sq"], &["al"])).contains("listed twice"));
        assert!(e(opts(&["sq"], &["kv"])).contains("Kosovo is `xk`"));
        assert!(e(opts(&["sq"], &[])).contains("name at least one country"));
        let url = InitOptions { base_url: Some("example.org".into()), ..InitOptions::default() };
        assert!(e(url).starts_with("--base-url: `example.org` is not a base URL"));
        let title = InitOptions { title: Some("a\nb".into()), ..InitOptions::default() };
        assert!(e(title).starts_with("--title:"));
    }
}
