//! Briefs and pages: `content/{briefs,pages}/<stem>.<lang>.md` -> [`Doc`] (SPEC §4).
//!
//! Front matter is declared in `FrontMatter`, then each value is checked;
//! references to trackers are checked later, once every tracker is loaded
//! (see `content::tracker::check_citation`).

use std::path::Path;

use crate::content::country::{self, Country, CountryCode};
use crate::content::source::{SplitError, split_front_matter};
use crate::diag::{Diagnostics, SourceFile, Span};
use crate::i18n::Date;
use crate::slug::slugify;
use crate::yaml::{self, Spanned};

/// Which folder a document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `content/briefs/`: dated policy briefs.
    Briefs,
    /// `content/pages/`: plain pages (about, methodology).
    Pages,
}

impl Section {
    /// The folder name, as used in `@/briefs/...` links.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Briefs => "briefs",
            Section::Pages => "pages",
        }
    }
}

/// A recommendation named in front matter: `<tracker>/<id>`, or `<id>` alone
/// in a document whose `tracker:` names the tracker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationRef {
    /// The tracker id (empty when neither the value nor `tracker:` gives one).
    pub tracker: String,
    /// The recommendation id.
    pub id: String,
    /// Where the value was written.
    pub span: Span,
}

/// A file attached to a brief (the PDF edition, a data annex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Path under `content/static/`, with forward slashes.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
}

/// A brief or page in one language.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Briefs or pages.
    pub section: Section,
    /// File name without language and extension; shared by translations.
    pub stem: String,
    /// The language of this file.
    pub lang: String,
    /// The source, for diagnostics found while rendering.
    pub file: SourceFile,
    /// Title.
    pub title: String,
    /// Publication date (required for briefs).
    pub date: Option<Date>,
    /// Date of the last revision.
    pub updated: Option<Date>,
    /// Summary from front matter; else the first paragraph is used.
    pub summary: Option<String>,
    /// Authors, as written.
    pub authors: Vec<String>,
    /// Countries the document is about.
    pub countries: Vec<CountryCode>,
    /// Topic names, as written in this language.
    pub topics: Vec<String>,
    /// A tracker id and where it was written.
    pub tracker: Option<(String, Span)>,
    /// Recommendations the document discusses, as written (checked once
    /// every tracker is loaded, see `tracker::check_recommendations`).
    pub recommendations: Vec<RecommendationRef>,
    /// URL slug.
    pub slug: String,
    /// Excluded from the site unless building with drafts.
    pub draft: bool,
    /// A page listed in the default menu (`menu: false` leaves it out).
    pub in_menu: bool,
    /// Attached files.
    pub attachments: Vec<Attachment>,
    /// `type: report`: cited and described to search engines as a report,
    /// not an article.
    pub report: bool,
    /// The image shown when the page is shared (`image:`), a path under
    /// `content/static/`; else a card is drawn.
    pub image: Option<String>,
    /// Byte offset of the Markdown body in `file.text`.
    pub body_offset: usize,
    /// File line on which the body starts.
    pub body_line: usize,
    /// With the serve cache, a hash of the file's path, size and
    /// modification time, which stands for its text (`crate::cache`); else 0.
    pub stamp: u64,
}

impl Doc {
    /// Frees the source text once the body is transformed; `body()` is empty
    /// after this. Diagnostics found later concern other files.
    pub(crate) fn drop_source(&mut self) {
        self.file.text = "".into();
        self.body_offset = 0;
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.file.text.get(self.body_offset..).unwrap_or("")
    }
}

crate::decode_map! {
    /// The front matter of a brief or page as written (SPEC §4): its keys
    /// and the shape of each value. [`parse_doc`] checks what they mean.
    pub(crate) struct FrontMatter {
        what: "front matter", missing: "the front matter", required: [title];
        /// The title.
        title: Option<String>,
        /// Publication date, `YYYY-MM-DD` (required for briefs).
        date: Option<Date>,
        /// Date of the last revision.
        updated: Option<Date>,
        /// Summary; else the first paragraph is used.
        summary: Option<String>,
        /// Authors' names.
        authors: Vec<String>,
        /// Country codes of the site.
        countries: Vec<Spanned<String>> as Shape::list(Shape::Choice(Choice::Country)),
        /// Topic names in this language.
        topics: Vec<Spanned<String>> as Shape::list(Shape::Choice(Choice::Topic)),
        /// A tracker's id.
        tracker: Option<Spanned<String>> as Shape::Choice(Choice::Tracker),
        /// `<tracker>/<id>`, or `<id>` of the document's `tracker`.
        recommendations: Vec<Spanned<String>> as Shape::list(Shape::Choice(Choice::Recommendation)),
        /// URL slug (default: the file name's stem).
        slug: Option<Spanned<String>>,
        /// Left out of the site unless building with drafts.
        draft: Option<bool>,
        /// Paths under `content/static/`.
        attachments: Vec<Spanned<String>>,
        /// `false` leaves a page out of the default menu.
        menu: Option<bool>,
        /// `brief` (default) or `report`.
        r#type: Option<Spanned<String>> as Shape::Choice(Choice::Fixed(&["brief", "report"])),
        /// The image shown when the page is shared, under `content/static/`.
        image: Option<Spanned<String>>,
    }
}

/// The most topics one brief or page may name: each is a page in every
/// language, so one file could otherwise make the site thousands of pages.
pub(crate) const MAX_TOPICS: usize = 20;

/// Splits a `<stem>.<lang>.md` file name. Returns `None` for other names.
pub(crate) fn split_name(name: &str) -> Option<(&str, &str)> {
    let base = name.strip_suffix(".md")?;
    let (stem, lang) = base.rsplit_once('.')?;
    if stem.is_empty() || lang.is_empty() {
        return None;
    }
    Some((stem, lang))
}

/// Parses one brief or page. `static_dir` is `content/static`, for checking attachments.
pub(crate) fn parse_doc(
    section: Section,
    stem: &str,
    lang: &str,
    file: SourceFile,
    countries: &[Country],
    static_dir: &Path,
    diags: &mut Diagnostics,
) -> Option<Doc> {
    let what = match section {
        Section::Briefs => "brief front matter",
        Section::Pages => "page front matter",
    };
    let split = match split_front_matter(&file.text) {
        Ok(s) => s,
        Err(SplitError::Missing) => {
            diags
                .push(file.error(Span::file_start(), "missing-front-matter", "this file has no front matter").with_hint(
                "start the file with a `---` line, then `title: ...` and `date: YYYY-MM-DD`, then another `---` line",
            ));
            return None;
        }
        Err(SplitError::Unclosed) => {
            diags.push(
                file.error(Span::new(1, 1, 3), "unclosed-front-matter", "the front matter opened here is never closed")
                    .with_hint("add a line with only `---` after the last front-matter key"),
            );
            return None;
        }
    };
    let before = diags.error_count();
    let root = yaml::parse(&file, split.yaml, split.yaml_line, diags)?;
    // The web editor writes a file for every language of a new brief, the
    // untranslated ones with only the shared keys (`date`, `countries`):
    // no title and no text is a translation not written yet, not an error.
    if !root.has("title") && split.body.trim().is_empty() {
        diags.push(
            file.warning(
                Span::file_start(),
                "missing-translation",
                format!("`{stem}` has no `{lang}` translation yet: this file has no title and no text"),
            )
            .with_hint("write the title and the text (in the editor: this language's side), or delete the file"),
        );
        return None;
    }
    let fm = FrontMatter::decode_as(&root, what, "the front matter", &file, diags)?;

    if fm.date.is_none() && section == Section::Briefs && !root.has("date") {
        diags.push(
            file.error(fm.span, "missing-key", "a brief needs a `date`")
                .with_hint("add `date: YYYY-MM-DD`, the publication date"),
        );
    }
    let mut codes = Vec::new();
    for code in &fm.countries {
        if let Some(c) = country::resolve(countries, &code.value, code.span, &file, diags)
            && !codes.contains(&c.code)
        {
            codes.push(c.code.clone());
        }
    }
    if let Some(extra) = fm.topics.get(MAX_TOPICS) {
        diags.push(
            file.error(
                extra.span,
                "too-many-topics",
                format!("{} topics; a brief may have at most {MAX_TOPICS}", fm.topics.len()),
            )
            .with_hint("every topic is a page in every language: keep the few a reader would look for"),
        );
    }
    let topics = fm
        .topics
        .iter()
        .take(MAX_TOPICS)
        .map(|s| s.value.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let tracker = fm.tracker.map(|t| (t.value, t.span));
    let recommendations = fm
        .recommendations
        .into_iter()
        .map(|Spanned { value: raw, span }| {
            let raw = raw.trim();
            let (t, id) = match raw.split_once('/') {
                Some((t, id)) => (t.trim().to_string(), id.trim().trim_start_matches('#').to_string()),
                None => (tracker.as_ref().map(|(t, _)| t.clone()).unwrap_or_default(), raw.to_string()),
            };
            RecommendationRef { tracker: t, id, span }
        })
        .collect();
    let slug = match fm.slug {
        // A name in another script is transliterated (`безбедност` gives
        // `bezbednost`); one that folds to nothing must not vanish as `page`.
        None if !crate::slug::has_ascii_form(stem) => {
            diags.push(
                file.error(Span::file_start(), "bad-file-name", format!("the file name `{stem}` gives no web address"))
                    .with_hint("name the file with letters raport can write in ASCII (Latin or Cyrillic), or set `slug: my-brief` in the front matter"),
            );
            slugify(stem)
        }
        None => slugify(stem),
        Some(Spanned { value: s, span }) => {
            let clean = slugify(&s);
            if clean != s {
                diags.push(
                    file.error(span, "bad-slug", format!("slug `{s}` has characters a URL segment should not"))
                        .with_hint(format!("use lowercase ASCII letters, digits and hyphens: `{clean}`")),
                );
            }
            clean
        }
    };
    let attachments =
        fm.attachments.iter().filter_map(|a| check_attachment(&a.value, a.span, static_dir, &file, diags)).collect();
    let report = fm.r#type.is_some_and(|t| doc_type(&t, &file, diags));
    let image = fm.image.and_then(|i| check_image(&i.value, i.span, static_dir, &file, diags));
    if diags.error_count() > before {
        return None;
    }
    Some(Doc {
        section,
        stem: crate::slug::nfc(stem).into_owned(),
        lang: lang.to_string(),
        title: fm.title?,
        date: fm.date,
        updated: fm.updated,
        summary: fm.summary,
        authors: fm.authors,
        countries: codes,
        topics,
        tracker,
        recommendations,
        slug,
        draft: fm.draft.unwrap_or(false),
        in_menu: fm.menu.unwrap_or(true),
        attachments,
        report,
        image,
        body_offset: split.body_offset,
        body_line: split.body_line,
        stamp: 0,
        file,
    })
}

/// `type:`: `brief` (the default) or `report`; true for a report.
fn doc_type(t: &Spanned<String>, file: &SourceFile, diags: &mut Diagnostics) -> bool {
    match t.value.as_str() {
        "brief" => false,
        "report" => true,
        other => {
            diags.push(
                file.error(t.span, "bad-type", format!("unknown type `{other}`"))
                    .with_hint("write `type: report` for a report, or leave `type:` out for a brief"),
            );
            false
        }
    }
}

/// A path under `content/static/` as written in front matter: a leading
/// `content/static/`, `static/` or `/` is accepted. `None` for a path that
/// leaves the folder or is empty.
fn static_path(raw: &str) -> Option<String> {
    let p = raw.trim().replace('\\', "/");
    let p = p.trim_start_matches('/');
    let p = p.strip_prefix("content/static/").or_else(|| p.strip_prefix("static/")).unwrap_or(p);
    if p.is_empty() || p.split('/').any(|seg| seg == ".." || seg.is_empty()) {
        return None;
    }
    Some(p.to_string())
}

/// Image formats that sharing sites show.
const IMAGE_TYPES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp"];

/// Resolves the path of `image:` and checks the file exists and is an image
/// sharing sites show.
fn check_image(raw: &str, span: Span, static_dir: &Path, file: &SourceFile, diags: &mut Diagnostics) -> Option<String> {
    let Some(p) = static_path(raw) else {
        diags.push(
            file.error(span, "bad-image", format!("`{raw}` is not a path under content/static/"))
                .with_hint("write the path relative to content/static/, e.g. img/card.png"),
        );
        return None;
    };
    let ext = p.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if !IMAGE_TYPES.contains(&ext.as_str()) {
        diags.push(
            file.error(span, "bad-image", format!("`{raw}` is not a PNG, JPEG, GIF or WebP image"))
                .with_hint("sharing sites show PNG, JPEG, GIF and WebP images; 1200×630 pixels fit best"),
        );
        return None;
    }
    if !static_dir.join(&p).is_file() {
        diags.push(
            file.error(span, "missing-image", format!("image `{raw}` does not exist"))
                .with_hint(format!("put the file at content/static/{p}, or fix the path")),
        );
        return None;
    }
    Some(p)
}

/// Resolves an attachment path (relative to `content/static/`; a leading
/// `content/static/`, `static/` or `/` is accepted) and checks the file exists.
fn check_attachment(
    raw: &str,
    span: Span,
    static_dir: &Path,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Attachment> {
    let Some(p) = static_path(raw) else {
        diags.push(
            file.error(span, "bad-attachment", format!("`{raw}` is not a path under content/static/"))
                .with_hint("write the path relative to content/static/, e.g. pdf/brief-2023.pdf"),
        );
        return None;
    };
    // A link is not copied (content::statics): it must not pass here either.
    let mut at = static_dir.to_path_buf();
    let link = p.split('/').any(|seg| {
        at.push(seg);
        std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink())
    });
    if link || std::fs::symlink_metadata(static_dir).is_ok_and(|m| m.file_type().is_symlink()) {
        diags.push(
            file.error(span, "static-symlink", format!("attachment `{raw}` is a symbolic link"))
                .with_hint(format!("put the file itself at content/static/{p}; links are not copied")),
        );
        return None;
    }
    match std::fs::metadata(static_dir.join(&p)) {
        Ok(m) if m.is_file() => Some(Attachment { path: p, size: m.len() }),
        _ => {
            diags.push(
                file.error(span, "missing-attachment", format!("attachment `{raw}` does not exist"))
                    .with_hint(format!("put the file at content/static/{p}, or fix the path")),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Languages;

    fn countries() -> Vec<Country> {
        let langs = Languages::new(vec!["sq".into(), "en".into()]);
        CountryCode::built_in().into_iter().map(|c| Country::new(c, None, &langs)).collect()
    }

    fn parse(src: &str) -> (Option<Doc>, String) {
        let f = SourceFile::new("content/briefs/a.en.md", src);
        let mut d = Diagnostics::new();
        let doc = parse_doc(Section::Briefs, "a", "en", f, &countries(), Path::new("/nonexistent"), &mut d);
        (doc, d.render_human())
    }

    #[test]
    fn a_file_with_no_title_and_no_text_is_a_translation_not_written_yet() {
        let (doc, out) = parse("---\ndate: 2026-11-30\ncountries: [al]\n---\n\n");
        assert!(doc.is_none());
        assert!(out.contains("warning: `a` has no `en` translation yet"), "{out}");
        assert!(out.contains("0 errors"), "{out}");
        let (doc, out) = parse("---\ndate: 2026-11-30\n---\nSome text.\n");
        assert!(doc.is_none() && out.contains("error") && out.contains("title"), "text without a title: {out}");
    }

    #[test]
    fn all_front_matter_errors_are_reported_together() {
        let (doc, out) = parse("---\ntittle: X\ndate: 2023-02-30\ncountries: [al, kv]\n---\nbody\n");
        assert!(doc.is_none());
        assert!(out.contains("a.en.md:2:1: error: unknown key `tittle`"), "{out}");
        assert!(out.contains("did you mean `title`?"), "{out}");
        assert!(out.contains("a.en.md:3:7: error: `2023-02-30` does not exist"), "{out}");
        assert!(out.contains("a.en.md:4:17: error: unknown country code `kv`"), "{out}");
        assert!(out.contains("no `title`"), "{out}");
    }

    #[test]
    fn slug_defaults_to_folded_stem() {
        let f = SourceFile::new("x", "---\ntitle: T\ndate: 2023-10-14\n---\nb");
        let mut d = Diagnostics::new();
        let doc = parse_doc(Section::Briefs, "Siguria-në-Ballkan", "sq", f, &countries(), Path::new("/x"), &mut d);
        assert_eq!(doc.map(|d| d.slug), Some("siguria-ne-ballkan".to_string()));
    }

    #[test]
    fn file_names_split_into_stem_and_language() {
        assert_eq!(split_name("radar.en.md"), Some(("radar", "en")));
        assert_eq!(split_name("radar.md"), None);
    }
}
