//! The country radar: `content/radar/` -> [`Radar`] (SPEC §6).
//!
//! Takes `dimensions.yaml` (the scale and the bilingual dimension labels),
//! one `<cc>.yaml` per country (assessments by year: scores per dimension,
//! findings in Markdown) and optional `<cc>.<lang>.md` narratives. Returns
//! the validated data; every problem is a diagnostic at the offending value:
//! a score outside the scale, an unknown dimension, a duplicate year, a file
//! named after an unknown country. A dimension without a score in a year is
//! kept as missing (absent from `scores`), never as zero.

use std::collections::BTreeMap;
use std::path::Path;

use crate::Error;
use crate::config::Config;
use crate::content::country::CountryCode;
use crate::content::list_files;
use crate::content::source::read_source;
use crate::content::tracker::TextStart;
use crate::diag::{Diagnostics, SourceFile, did_you_mean, display_path, file_error, file_warning};
use crate::i18n::{Date, Languages, Text};

pub(crate) mod parse;

pub(crate) use parse::{parse_country, parse_dimensions, parse_narrative};

/// Everything under `content/radar/`, validated.
#[derive(Debug, Clone, Default)]
pub struct Radar {
    /// The scale every score lies on.
    pub scale: Scale,
    /// The dimensions, in the order of `dimensions.yaml` (the chart's axes,
    /// clockwise from the top). Empty when there is no `dimensions.yaml`.
    pub dimensions: Vec<Dimension>,
    /// Per country code: assessments and narratives. Only countries with a
    /// data file or a narrative appear.
    pub countries: BTreeMap<String, CountryRadar>,
    /// What the scale's ends mean, from `dimensions.yaml`.
    pub meaning: ScaleMeaning,
}

/// What the scale means to a reader: the words for its low and high ends,
/// whether a higher score is better, and the page that explains the
/// method. Every part is optional.
#[derive(Debug, Clone, Default)]
pub struct ScaleMeaning {
    /// The low end (`scale.low`), per language.
    pub low: Option<Text>,
    /// The high end (`scale.high`), per language.
    pub high: Option<Text>,
    /// `scale.higher_is_better`.
    pub higher_is_better: Option<bool>,
    /// `methodology`: the file stem of a page under `content/pages/`, and where it is written.
    pub methodology: Option<(String, crate::diag::Span)>,
    /// `dimensions.yaml`, for errors found once the pages are known.
    pub file: Option<SourceFile>,
}

/// The range scores are given in, `min < max`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The lowest possible score (the chart's centre).
    pub min: f64,
    /// The highest possible score (the chart's outer ring).
    pub max: f64,
}

impl Default for Scale {
    fn default() -> Scale {
        Scale { min: 0.0, max: 5.0 }
    }
}

/// One assessment dimension (an axis of the chart).
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// Stable identifier used as the key in `scores` and in the data files.
    pub id: String,
    /// The label, per language.
    pub label: Text,
}

/// One country's radar data.
#[derive(Debug, Clone)]
pub struct CountryRadar {
    /// The country.
    pub code: CountryCode,
    /// Assessments, newest year first.
    pub assessments: Vec<Assessment>,
    /// The data file, for diagnostics found while rendering findings.
    pub file: Option<SourceFile>,
    /// Narratives by language.
    pub narratives: BTreeMap<String, Narrative>,
}

impl CountryRadar {
    /// The newest assessment and the one before it, if any.
    pub(crate) fn latest_two(&self) -> (Option<&Assessment>, Option<&Assessment>) {
        let mut it = self.assessments.iter();
        (it.next(), it.next())
    }
}

/// One year's assessment of a country.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The year assessed.
    pub year: u16,
    /// Scores by dimension id; a dimension without a score is absent.
    pub scores: BTreeMap<String, f64>,
    /// Findings (Markdown), per language.
    pub findings: Option<Text>,
    /// Where the findings text of each language starts in the file (key `""`
    /// for a plain string), for errors found while rendering it.
    pub(crate) findings_starts: BTreeMap<String, TextStart>,
}

impl Assessment {
    /// Where the findings in `lang` start in the file.
    pub(crate) fn findings_start(&self, lang: &str) -> TextStart {
        self.findings_starts
            .get(lang)
            .or_else(|| self.findings_starts.get(""))
            .copied()
            .unwrap_or(TextStart { line: 1, indent: 0 })
    }
}

/// A country's narrative in one language (`content/radar/<cc>.<lang>.md`).
#[derive(Debug, Clone)]
pub struct Narrative {
    /// The source file.
    pub file: SourceFile,
    /// Optional heading from the front matter.
    pub title: Option<String>,
    /// Optional date of the last revision.
    pub updated: Option<Date>,
    /// Byte offset of the Markdown body.
    pub body_offset: usize,
    /// File line on which the body starts.
    pub body_line: usize,
}

impl Narrative {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.file.text.get(self.body_offset..).unwrap_or("")
    }
}

/// What `dimensions.yaml` gave, as far as it was valid. `complete` is false
/// when it had errors, so that country files are not blamed for them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dimensions {
    /// The scale, when valid.
    pub scale: Option<Scale>,
    /// The valid dimensions.
    pub dimensions: Vec<Dimension>,
    /// What the scale means.
    pub meaning: ScaleMeaning,
    /// True when the file had no errors.
    pub complete: bool,
}

/// Loads `content/radar/`. `Ok(None)` when the folder does not exist or is empty.
pub fn load(root: &Path, config: &Config, diags: &mut Diagnostics) -> Result<Option<Radar>, Error> {
    let dir = root.join("content").join("radar");
    let files = list_files(root, &dir)?;
    if files.is_empty() {
        return Ok(None);
    }
    let langs = &config.languages;
    let dims_rel = Path::new("content/radar/dimensions.yaml");
    let dims = if root.join(dims_rel).is_file() {
        match read_source(root, dims_rel)? {
            Ok(f) => parse_dimensions(&f, langs, diags),
            Err(d) => {
                diags.push(d);
                Dimensions::default()
            }
        }
    } else {
        Dimensions::default()
    };
    let has_dims_file = root.join(dims_rel).is_file();

    let mut radar = Radar {
        scale: dims.scale.unwrap_or_default(),
        dimensions: dims.dimensions.clone(),
        countries: BTreeMap::new(),
        meaning: dims.meaning.clone(),
    };
    for rel in files {
        if rel == dims_rel {
            continue;
        }
        let Some(kind) = classify(&rel, langs, diags) else {
            continue;
        };
        let code = match &kind {
            FileKind::Data(c) | FileKind::Narrative(c, _) => c.clone(),
        };
        let Some(cc) = site_country(&code, &rel, config, diags) else {
            continue;
        };
        let file = match read_source(root, &rel)? {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let entry = radar.countries.entry(code.clone()).or_insert_with(|| CountryRadar {
            code: cc,
            assessments: Vec::new(),
            file: None,
            narratives: BTreeMap::new(),
        });
        match kind {
            FileKind::Data(_) => {
                if !has_dims_file {
                    diags.push(
                        file_error(&rel, "missing-dimensions", "there is no content/radar/dimensions.yaml to give these scores their dimensions and scale")
                            .with_hint("create content/radar/dimensions.yaml with `scale: {min: 0, max: 5}` and the `dimensions` list"),
                    );
                    continue;
                }
                if let Some(a) = parse_country(&file, &dims, langs, diags) {
                    entry.assessments = a;
                }
                entry.file = Some(file);
            }
            FileKind::Narrative(_, lang) => {
                if let Some(n) = parse_narrative(file, diags) {
                    entry.narratives.insert(lang, n);
                }
            }
        }
    }
    warn_missing_narratives(&radar, langs, diags);
    Ok(Some(radar))
}

/// A narrative that exists in some languages but not all: the page shows the
/// default language's (or the first) text instead, marked with its `lang`.
fn warn_missing_narratives(radar: &Radar, langs: &Languages, diags: &mut Diagnostics) {
    for (code, c) in &radar.countries {
        let shown = c.narratives.get_key_value(langs.default_lang()).or_else(|| c.narratives.iter().next());
        let Some((have, n)) = shown else { continue };
        for l in langs.all().iter().filter(|l| !c.narratives.contains_key(*l)) {
            diags.push(
                file_warning(
                    &n.file.path,
                    "missing-translation",
                    format!("the `{code}` narrative has no `{l}` version; the `{have}` text is shown"),
                )
                .with_hint(format!("add content/radar/{code}.{l}.md")),
            );
        }
    }
}

/// What a file under `content/radar/` is.
enum FileKind {
    /// `<cc>.yaml`.
    Data(String),
    /// `<cc>.<lang>.md`.
    Narrative(String, String),
}

/// Tells data files from narratives by name; anything else is reported.
fn classify(rel: &Path, langs: &Languages, diags: &mut Diagnostics) -> Option<FileKind> {
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let nested = rel.parent().is_some_and(|p| p != Path::new("content/radar"));
    if nested {
        diags.push(
            file_warning(
                rel,
                "unexpected-file",
                format!("`{}` is in a subfolder of content/radar/; it is ignored", display_path(rel)),
            )
            .with_hint("radar files sit directly in content/radar/: <cc>.yaml and <cc>.<lang>.md"),
        );
        return None;
    }
    if let Some(stem) = name.strip_suffix(".yaml") {
        return Some(FileKind::Data(stem.to_string()));
    }
    if let Some(stem) = name.strip_suffix(".yml") {
        diags.push(
            file_error(rel, "bad-file-name", format!("`{name}` is not read: radar files end in `.yaml`"))
                .with_hint(format!("rename it to {stem}.yaml")),
        );
        return None;
    }
    if let Some(base) = name.strip_suffix(".md") {
        let Some((code, lang)) = base.rsplit_once('.') else {
            diags.push(
                file_error(rel, "bad-file-name", format!("`{name}` does not say its language"))
                    .with_hint(format!("name a narrative <cc>.<lang>.md, e.g. {base}.{}.md", langs.default_lang())),
            );
            return None;
        };
        if !langs.contains(lang) {
            diags.push(
                file_error(rel, "unknown-language", format!("`{lang}` in `{name}` is not a language of this site"))
                    .with_hint(format!("site languages: {}", langs.all().join(", "))),
            );
            return None;
        }
        return Some(FileKind::Narrative(code.to_string(), lang.to_string()));
    }
    diags.push(file_warning(rel, "unexpected-file", format!("`{name}` is not a radar file; it is ignored")).with_hint(
        "content/radar/ holds dimensions.yaml, <cc>.yaml and <cc>.<lang>.md; put images and PDFs under content/static/",
    ));
    None
}

/// The site country a radar file is named after, or an error on the file.
fn site_country(code: &str, rel: &Path, config: &Config, diags: &mut Diagnostics) -> Option<CountryCode> {
    if let Some(c) = config.countries.iter().find(|c| c.code.as_str() == code) {
        return Some(c.code.clone());
    }
    let mut codes: Vec<&str> = config.countries.iter().map(|c| c.code.as_str()).collect();
    codes.sort_unstable();
    let mut hint = format!("name the file after a site country: {}", codes.join(", "));
    if (code == "kv" || code == "ks") && codes.contains(&"xk") {
        hint = format!("Kosovo is `xk`; {hint}");
    } else if let Some(h) =
        crate::content::country::name_hint(code, &crate::content::country::site_names(&config.countries))
    {
        hint = h;
    } else if let Some(m) = did_you_mean(code, codes.iter().copied()) {
        hint = format!("did you mean `{m}`? {hint}");
    }
    let message = if CountryCode::built_in().iter().any(|c| c.as_str() == code) {
        format!("this file is named after `{code}`, which is not one of this site's countries")
    } else {
        format!("this file is named after an unknown country code `{code}`")
    };
    diags.push(file_error(rel, "unknown-country", message).with_hint(hint));
    None
}
