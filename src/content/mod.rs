//! Stage 1, load: the site folder -> [`Site`] (SPEC §1-§6).
//!
//! Reads `site.yaml` and everything under `content/`, validates it, and
//! cross-checks references (tracker ids, duplicate slugs, translations).
//! Files are parsed in parallel; diagnostics are merged in file order.

pub mod country;
pub mod doc;
pub mod radar;
pub mod source;
pub(crate) mod statics;
pub mod tracker;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;
use crate::config::Config;
use crate::diag::{Diagnostics, SourceFile, Span, file_error};
use crate::yaml::Decode;
use doc::{Doc, Section};
use source::{SplitError, read_source, split_front_matter};

/// Everything the site is made of, validated.
#[derive(Debug)]
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// site.yaml.
    pub config: Config,
    /// Briefs and pages in every language, drafts removed unless asked for,
    /// sorted by section, stem and language.
    pub docs: Vec<Doc>,
    /// Home page intros by language (`content/_index.<lang>.md`).
    pub home: BTreeMap<String, HomeIntro>,
    /// Files under `content/static/`, relative to it, `/`-separated, sorted
    /// (see [`statics`]).
    pub static_files: Vec<String>,
    /// Recommendation trackers (`content/trackers/<id>.yaml`), sorted by id.
    pub trackers: Vec<tracker::Tracker>,
    /// The country radar (`content/radar/`), when the site has one.
    pub radar: Option<radar::Radar>,
}

/// The optional intro of a home page.
#[derive(Debug, Clone)]
pub struct HomeIntro {
    /// The source file.
    pub file: SourceFile,
    /// The home page heading and `<title>` (front matter `title`); the site title when absent.
    pub title: Option<String>,
    /// The home page's meta description (front matter `description`); the site's when absent.
    pub description: Option<String>,
    /// Byte offset of the Markdown body.
    pub body_offset: usize,
    /// File line on which the body starts.
    pub body_line: usize,
}

impl HomeIntro {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.file.text.get(self.body_offset..).unwrap_or("")
    }
}

/// A usage error unless `root` holds a `site.yaml`.
pub(crate) fn require_site_yaml(root: &Path) -> Result<(), Error> {
    if root.join("site.yaml").is_file() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "no site.yaml in {}: run raport in a site folder, pass --root, or create a site with `raport init <dir>`",
        root.display()
    )))
}

/// Reads `site.yaml` from the site root.
pub(crate) fn load_config(root: &Path, diags: &mut Diagnostics) -> Result<Option<Config>, Error> {
    let rel = Path::new("site.yaml");
    require_site_yaml(root)?;
    Ok(match read_source(root, rel)? {
        Ok(file) => Config::parse(&file, diags),
        Err(d) => {
            diags.push(d);
            None
        }
    })
}

/// A parsed document (`None` when its front matter was wrong) and what parsing said.
pub(crate) type Parsed = (Option<Doc>, Diagnostics);

/// Remembers parsed documents between runs (`serve` does); loading asks it
/// and does not know who answers.
pub(crate) trait DocMemo: Sync {
    /// The document at `rel` (with file metadata `meta`) and its key, parsed
    /// with `parse` unless the same file was parsed before.
    fn doc(
        &self,
        rel: &Path,
        meta: &std::fs::Metadata,
        parse: &(dyn Fn() -> Result<Parsed, Error> + Sync),
    ) -> Result<(u64, Parsed), Error>;
}

/// Loads and validates the whole site. `None` when any error was found;
/// every problem is in `diags`.
/// With a `cache` (a [`DocMemo`]; serve has one), unchanged files are not parsed again.
pub(crate) fn load_site(
    root: &Path,
    config: Config,
    drafts: bool,
    cache: Option<&dyn DocMemo>,
    diags: &mut Diagnostics,
) -> Result<Option<Site>, Error> {
    let content = root.join("content");
    let static_dir = content.join("static");
    let before = diags.error_count();

    let (trackers, tracker_ids) = tracker::load_trackers(root, &config, diags)?;
    let mut jobs = Vec::new();
    for section in [Section::Briefs, Section::Pages] {
        for rel in list_files(root, &content.join(section.dir()))? {
            jobs.push((section, rel));
        }
    }
    let parsed: Vec<Result<(Option<Doc>, Diagnostics), Error>> = jobs
        .par_iter()
        .map(|(section, rel)| {
            let mut d = Diagnostics::new();
            let name = file_name(rel);
            if !name.ends_with(".md") {
                d.push(
                    file_error(rel, "unexpected-file", format!("`{name}` is not a Markdown file; it is ignored"))
                        .with_hint("put images and PDFs under content/static/"),
                );
                d = demote(d);
                return Ok((None, d));
            }
            let Some((stem, lang)) = doc::split_name(&name) else {
                d.push(file_error(rel, "bad-file-name", format!("`{name}` does not say its language")).with_hint(
                    format!(
                        "name it <stem>.<lang>.md, e.g. {}.{}.md",
                        name.trim_end_matches(".md"),
                        config.languages.default_lang()
                    ),
                ));
                return Ok((None, d));
            };
            if !config.languages.contains(lang) {
                d.push(
                    file_error(rel, "unknown-language", format!("`{lang}` in `{name}` is not a language of this site"))
                        .with_hint(format!("site languages: {}", config.languages.all().join(", "))),
                );
                return Ok((None, d));
            }
            let parse = || -> Result<Parsed, Error> {
                let mut d = Diagnostics::new();
                let doc = match read_source(root, rel)? {
                    Ok(file) => doc::parse_doc(*section, stem, lang, file, &config.countries, &static_dir, &mut d),
                    Err(e) => {
                        d.push(e);
                        None
                    }
                };
                Ok((doc, d))
            };
            // serve: a file whose size and modification time are unchanged is not read again.
            let stamp = cache.and_then(|c| Some((c, std::fs::metadata(root.join(rel)).ok()?)));
            match stamp {
                Some((c, meta)) => {
                    let (key, (mut doc, d)) = c.doc(rel, &meta, &parse)?;
                    if let Some(doc) = &mut doc {
                        doc.stamp = key;
                    }
                    Ok((doc, d))
                }
                None => parse(),
            }
        })
        .collect();
    let mut docs = Vec::new();
    // Every file named as a document of a site language, loaded or not: a
    // file that failed to load (or a draft left out) is not a missing translation.
    let mut present: BTreeSet<(Section, String, String)> = BTreeSet::new();
    for (section, rel) in &jobs {
        let name = file_name(rel);
        if let Some((stem, lang)) = doc::split_name(&name)
            && config.languages.contains(lang)
        {
            present.insert((*section, stem.to_string(), lang.to_string()));
        }
    }
    for r in parsed {
        let (doc, d) = r?;
        diags.extend(d);
        if let Some(doc) = &doc {
            tracker::check_citation(doc, &tracker_ids, diags);
            tracker::check_recommendations(doc, &tracker_ids, &trackers, diags);
        }
        if let Some(doc) = doc
            && (drafts || !doc.draft)
        {
            docs.push(doc);
        }
    }
    docs.sort_by(|a, b| (a.section, &a.stem, &a.lang).cmp(&(b.section, &b.stem, &b.lang)));

    let home = load_home(root, &config, diags)?;
    let static_files = statics::list(root, diags)?;

    check_slugs(&docs, &config, diags);
    check_translations(&docs, &present, &config, diags);
    let radar = radar::load(root, &config, diags)?;

    if diags.error_count() > before {
        return Ok(None);
    }
    Ok(Some(Site { root: root.to_path_buf(), config, docs, home, static_files, trackers, radar }))
}

/// The name of a file, in NFC: macOS writes names decomposed (`e` + U+0308).
fn file_name(rel: &Path) -> String {
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate::slug::nfc(&name).into_owned()
}

/// Diagnostics turned into warnings (for files that are skipped, not wrong).
fn demote(d: Diagnostics) -> Diagnostics {
    let mut out = Diagnostics::new();
    for mut x in d.sorted().into_iter().cloned() {
        x.severity = crate::diag::Severity::Warning;
        out.push(x);
    }
    out
}

/// Files under `dir` (recursively), as paths relative to `rel_to`, sorted,
/// hidden files skipped. A missing folder is empty.
pub fn list_files(rel_to: &Path, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| Error::Io {
            path: e.path().map_or_else(|| dir.to_path_buf(), Path::to_path_buf),
            source: e.into_io_error().unwrap_or_else(|| std::io::Error::other("file system loop")),
        })?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(rel_to).unwrap_or(entry.path());
            out.push(rel.to_path_buf());
        }
    }
    Ok(out)
}

crate::decode_map! {
    /// The front matter of `content/_index.<lang>.md` (SPEC §4).
    pub(crate) struct HomeFrontMatter {
        what: "home page front matter", missing: "home page front matter", required: [];
        /// The home page heading and `<title>`; else the site title.
        title: Option<String>,
        /// The meta description; else the site's.
        description: Option<String>,
    }
}

fn load_home(root: &Path, config: &Config, diags: &mut Diagnostics) -> Result<BTreeMap<String, HomeIntro>, Error> {
    let mut home = BTreeMap::new();
    for lang in config.languages.all() {
        let rel = PathBuf::from(format!("content/_index.{lang}.md"));
        if !root.join(&rel).is_file() {
            continue;
        }
        let file = match read_source(root, &rel)? {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let mut title = None;
        let mut description = None;
        let (body_offset, body_line) = match split_front_matter(&file.text) {
            Ok(s) => {
                if let Some(root) = crate::yaml::parse(&file, s.yaml, s.yaml_line, diags)
                    && let Some(f) = HomeFrontMatter::decode(&root, "", &file, diags)
                {
                    (title, description) = (f.title, f.description);
                }
                (s.body_offset, s.body_line)
            }
            Err(SplitError::Missing) => (0, 1),
            Err(SplitError::Unclosed) => {
                diags.push(
                    file.error(
                        Span::new(1, 1, 3),
                        "unclosed-front-matter",
                        "the front matter opened here is never closed",
                    )
                    .with_hint("add a line with only `---`, or remove the first line"),
                );
                continue;
            }
        };
        home.insert(lang.clone(), HomeIntro { file, title, description, body_offset, body_line });
    }
    Ok(home)
}

/// URL paths that belong to raport itself; a page slug may not take them.
pub(crate) const RESERVED: &[&str] = &[
    "briefs",
    "topics",
    "trackers",
    "radar",
    "data",
    "search",
    "assets",
    "page",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
];

fn check_slugs(docs: &[Doc], config: &Config, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<(Section, &str, &str), &Doc> = BTreeMap::new();
    for d in docs {
        if d.section == Section::Pages && (RESERVED.contains(&d.slug.as_str()) || config.languages.contains(&d.slug)) {
            diags.push(
                d.file
                    .error(
                        Span::file_start(),
                        "reserved-slug",
                        format!("page slug `{}` is a path raport uses itself", d.slug),
                    )
                    .with_hint("set another `slug:` in the front matter, or rename the file"),
            );
        }
        if let Some(prev) = seen.insert((d.section, &d.slug, &d.lang), d) {
            diags.push(
                d.file
                    .error(
                        Span::file_start(),
                        "duplicate-slug",
                        format!(
                            "`{}` and `{}` both want the URL slug `{}`",
                            crate::diag::display_path(&prev.file.path),
                            crate::diag::display_path(&d.file.path),
                            d.slug
                        ),
                    )
                    .with_hint("give one of them another `slug:`"),
            );
        }
    }
}

fn check_translations(
    docs: &[Doc],
    present: &BTreeSet<(Section, String, String)>,
    config: &Config,
    diags: &mut Diagnostics,
) {
    let mut by_stem: BTreeMap<(Section, &str), BTreeSet<&str>> = BTreeMap::new();
    for d in docs {
        by_stem.entry((d.section, &d.stem)).or_default().insert(&d.lang);
    }
    for d in docs {
        let Some(langs) = by_stem.get(&(d.section, d.stem.as_str())) else { continue };
        if langs.iter().next() != Some(&d.lang.as_str()) {
            continue;
        }
        for l in config.languages.all() {
            if !langs.contains(l.as_str()) && !present.contains(&(d.section, d.stem.clone(), l.clone())) {
                diags.push(
                    d.file
                        .warning(Span::file_start(), "missing-translation", format!("`{}` has no `{l}` translation", d.stem))
                        .with_hint(format!("add content/{}/{}.{l}.md; until then the `{l}` language switcher leads to the `{l}` home page", d.section.dir(), d.stem)),
                );
            }
        }
    }
}
