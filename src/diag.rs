//! Diagnostics: every content problem a stage finds, as data.
//!
//! A stage pushes a [`Diagnostic`] into `&mut Diagnostics` and carries on, so
//! one run reports every problem at once (SPEC §8). Between stages the
//! pipeline stops if any error was pushed. Rendering happens once, at the
//! edge, in one of three formats: human (rustc-like), GitHub workflow
//! commands, or JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// The site builds, but something is probably not what the editor meant.
    Warning,
}

/// A position in a source file: 1-based line, 1-based column in characters,
/// and the length of the offending text in characters (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Span {
    /// 1-based line number in the file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// Length of the underlined text, in characters.
    pub len: usize,
}

impl Span {
    /// A span at `line:col` covering `len` characters.
    pub fn new(line: usize, col: usize, len: usize) -> Span {
        Span { line: line.max(1), col: col.max(1), len: len.max(1) }
    }

    /// The start of a file, for problems that concern the whole file.
    pub(crate) fn file_start() -> Span {
        Span::new(1, 1, 1)
    }

    /// The span at the given byte offset of `text`, counting lines from
    /// `first_line` (the file line on which `text` starts).
    pub(crate) fn at_offset(text: &str, offset: usize, len_bytes: usize, first_line: usize) -> Span {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = first_line + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        let end = floor_char_boundary(text, (offset + len_bytes).min(text.len()));
        let rest = &text[offset..end];
        let len = rest.split('\n').next().unwrap_or("").chars().count();
        Span::new(line, col, len)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where the lines and characters of a text are, so that a byte offset
/// becomes a line and column (and back) in logarithmic time instead of a
/// scan from the start: a file with many fields or many links costs time in
/// proportion to its length, not to its length times their number.
#[derive(Debug, Default)]
pub struct LineIndex {
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// Byte offset of every [`CHAR_STEP`]th character.
    marks: Vec<usize>,
}

const CHAR_STEP: usize = 64;

impl LineIndex {
    /// Indexes `text`; every other method must be given the same text.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut marks = Vec::with_capacity(text.len() / CHAR_STEP + 1);
        for (ci, (bi, c)) in text.char_indices().enumerate() {
            if ci.is_multiple_of(CHAR_STEP) {
                marks.push(bi);
            }
            if c == '\n' {
                starts.push(bi + 1);
            }
        }
        LineIndex { starts, marks }
    }

    /// How many characters come before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = self.marks.partition_point(|&m| m <= offset).saturating_sub(1);
        let from = self.marks.get(k).copied().unwrap_or(0);
        k * CHAR_STEP + text.get(from..offset).map_or(0, |s| s.chars().count())
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        (line, self.chars_before(text, offset) - self.chars_before(text, start) + 1)
    }

    /// The span at byte `offset`, `len_bytes` long, counting lines from
    /// `first_line` (the file line on which `text` starts); as [`Span::at_offset`].
    pub fn span(&self, text: &str, offset: usize, len_bytes: usize, first_line: usize) -> Span {
        let (line, col) = self.position(text, offset);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let end = floor_char_boundary(text, offset.saturating_add(len_bytes).min(text.len()));
        let rest = text.get(offset..end).unwrap_or("");
        let len = rest.split('\n').next().unwrap_or("").chars().count();
        Span::new(line + first_line - 1, col, len)
    }

    /// Line `n` (1-based) of `text`, without its line end.
    pub fn line<'t>(&self, text: &'t str, n: usize) -> Option<&'t str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(text.len(), |e| e.saturating_sub(1));
        text.get(start..end).map(|l| l.strip_suffix('\r').unwrap_or(l))
    }

    /// The byte offset of 1-based `line` and `col`, if the text is that long.
    pub(crate) fn offset(&self, text: &str, line: usize, col: usize) -> Option<usize> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let index = self.chars_before(text, start) + col.checked_sub(1)?;
        let from = *self.marks.get(index / CHAR_STEP)?;
        let rest = text.get(from..)?;
        let n = index % CHAR_STEP;
        match rest.char_indices().nth(n) {
            Some((i, _)) => Some(from + i),
            None => (rest.chars().count() == n).then_some(text.len()),
        }
    }

    /// The character at 1-based `line` and `col`, if the line is that long.
    pub(crate) fn char_at(&self, text: &str, line: usize, col: usize) -> Option<char> {
        let c = text.get(self.offset(text, line, col)?..)?.chars().next()?;
        (c != '\n').then_some(c)
    }
}

/// How many `missing-translation` warnings `raport build` prints in full.
pub const TRANSLATIONS_SHOWN: usize = 5;

/// One problem found in the content, the configuration or the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// A stable, kebab-case identifier (`unknown-country`), documented for editors.
    pub code: &'static str,
    /// Path of the file, relative to the site root.
    pub path: PathBuf,
    /// Where in the file.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, where that helps.
    pub hint: Option<String>,
    /// The offending source line, as written; of a long line, only the
    /// part around the span.
    pub source_line: Option<String>,
    /// How many characters of the line were left out before `source_line`.
    pub source_skip: usize,
}

impl Diagnostic {
    /// Adds a hint shown under the source line.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

/// A file as the diagnostics see it: its path relative to the site root and
/// its text, for quoting the offending line.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, as shown to editors.
    pub path: PathBuf,
    /// The whole file text; shared, so that copies (serve keeps parsed
    /// documents between rebuilds) do not copy it.
    pub text: std::sync::Arc<str>,
    /// Where the text's lines start, made when first needed.
    lines: std::sync::Arc<std::sync::OnceLock<LineIndex>>,
}

impl SourceFile {
    /// A source file with the given root-relative path and text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile { path: path.into(), text: text.into().into(), lines: Default::default() }
    }

    /// The index of the text's lines.
    pub fn index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Line `n` (1-based), without its line end.
    pub fn line(&self, n: usize) -> Option<&str> {
        self.index().line(&self.text, n)
    }

    /// The character at 1-based `line` and `col`.
    pub(crate) fn char_at(&self, line: usize, col: usize) -> Option<char> {
        self.index().char_at(&self.text, line, col)
    }

    /// An error at `span` of this file.
    pub fn error(&self, span: Span, code: &'static str, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Error, span, code, message)
    }

    /// A warning at `span` of this file.
    pub fn warning(&self, span: Span, code: &'static str, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Warning, span, code, message)
    }

    fn diagnostic(&self, severity: Severity, span: Span, code: &'static str, message: impl Into<String>) -> Diagnostic {
        let (source_line, source_skip) = match self.line(span.line) {
            Some(l) if l.len() <= 3 * SNIPPET_AROUND => (Some(l.to_string()), 0),
            Some(_) => {
                // A long line: the characters around the column, found
                // through the index so that many messages about one line
                // cost no more than one.
                let skip = span.col.saturating_sub(1 + SNIPPET_AROUND);
                let from = self.index().offset(&self.text, span.line, skip + 1).unwrap_or(0);
                let shown: String = self
                    .text
                    .get(from..)
                    .unwrap_or("")
                    .chars()
                    .take(2 * SNIPPET_AROUND)
                    .take_while(|c| *c != '\n' && *c != '\r')
                    .collect();
                (Some(shown), skip)
            }
            None => (None, 0),
        };
        Diagnostic {
            severity,
            code,
            path: self.path.clone(),
            span,
            message: message.into(),
            hint: None,
            source_line,
            source_skip,
        }
    }
}

/// Characters of a long line shown before and after the column; shorter
/// lines are shown whole.
const SNIPPET_AROUND: usize = 100;

/// An error about a file that has no usable text (unreadable, not UTF-8).
pub fn file_error(path: &Path, code: &'static str, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        code,
        path: path.to_path_buf(),
        span: Span::file_start(),
        message: message.into(),
        hint: None,
        source_line: None,
        source_skip: 0,
    }
}

/// A warning about a whole file.
pub fn file_warning(path: &Path, code: &'static str, message: impl Into<String>) -> Diagnostic {
    Diagnostic { severity: Severity::Warning, ..file_error(path, code, message) }
}

/// Every diagnostic of a run, in the order found; sorted when rendered.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Records one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Moves every diagnostic of `other` into this collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// True when at least one error (not just warnings) was recorded.
    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by path, line, column, then message, without
    /// repeats: the order in which they are shown.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| (&a.path, a.span, a.severity, &a.message).cmp(&(&b.path, b.span, b.severity, &b.message)));
        v.dedup_by(|a, b| a == b);
        v
    }

    /// Renders every diagnostic for a terminal, followed by a one-line tally.
    pub fn render_human(&self) -> String {
        self.render_human_styled(false)
    }

    /// [`Diagnostics::render_human`], with `error` and `warning` in colour
    /// when `color` is set (see [`stderr_color`]).
    pub fn render_human_styled(&self, color: bool) -> String {
        let mut out = String::new();
        let shown = self.sorted();
        for d in &shown {
            render_one(&mut out, d, color);
        }
        if !shown.is_empty() {
            let _ = writeln!(out, "{}", self.summary());
        }
        out
    }

    /// The errors alone, rendered as [`Diagnostics::render_human`] does, with
    /// the summary line: what the web editor shows when a save breaks the site.
    pub fn render_errors(&self) -> String {
        let mut out = String::new();
        for d in self.sorted().iter().filter(|d| d.severity == Severity::Error) {
            render_one(&mut out, d, false);
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    /// [`Diagnostics::render_human_styled`] for `raport build`: of the
    /// `missing-translation` warnings, which a site in the making has by the
    /// hundred, only the first [`TRANSLATIONS_SHOWN`] in full, then one line
    /// that counts the rest and points to `raport check`, which lists them all.
    pub fn render_human_brief(&self, color: bool) -> String {
        let mut out = String::new();
        let shown = self.sorted();
        let mut translations = 0;
        for d in &shown {
            if d.code == "missing-translation" && d.severity == Severity::Warning {
                translations += 1;
                if translations > TRANSLATIONS_SHOWN {
                    continue;
                }
            }
            render_one(&mut out, d, color);
        }
        if translations > TRANSLATIONS_SHOWN {
            let more = translations - TRANSLATIONS_SHOWN;
            let word = if color { "\x1b[1;33mwarning\x1b[0m" } else { "warning" };
            let _ = writeln!(
                out,
                "{word}: {more} more text{} without a translation (missing-translation); `raport check` lists each",
                if more == 1 { "" } else { "s" }
            );
        }
        if !shown.is_empty() {
            let _ = writeln!(out, "{}", self.summary());
        }
        out
    }

    /// "1 error, 2 warnings": what is printed, counted (a problem found
    /// twice is printed once), each word in the singular or the plural.
    pub fn summary(&self) -> String {
        let shown = self.sorted();
        let e = shown.iter().filter(|d| d.severity == Severity::Error).count();
        let w = shown.len() - e;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!("{}, {}", plural(e, "error"), plural(w, "warning"))
    }

    /// Renders every diagnostic as a GitHub Actions workflow command
    /// (`::error file=..,line=..,endLine=..,col=..,endColumn=..,title=<code>::<message>`),
    /// with `prefix` joined in front of each path (the site root relative to
    /// the repository root, see [`repo_prefix`]). `endColumn` is the column
    /// just after the underlined text; the hint follows the message on a new line.
    pub fn render_github(&self, prefix: &Path) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let path = display_path(&prefix.join(&d.path));
            let mut message = d.message.clone();
            if let Some(h) = &d.hint {
                message.push_str("\nhint: ");
                message.push_str(h);
            }
            let _ = writeln!(
                out,
                "::{kind} file={},line={},endLine={},col={},endColumn={},title={}::{}",
                escape_property(&path),
                d.span.line,
                d.span.line,
                d.span.col,
                d.span.col + d.span.len,
                escape_property(d.code),
                escape_data(&message)
            );
        }
        out
    }

    /// Renders every diagnostic as a JSON document; a failure to serialize
    /// is an internal error.
    pub fn render_json(&self) -> Result<String, crate::Error> {
        #[derive(Serialize)]
        struct Item<'a> {
            path: String,
            line: usize,
            column: usize,
            end_column: usize,
            severity: Severity,
            code: &'a str,
            message: &'a str,
            hint: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            errors: usize,
            warnings: usize,
            diagnostics: Vec<Item<'a>>,
        }
        let shown = self.sorted();
        let errors = shown.iter().filter(|d| d.severity == Severity::Error).count();
        let doc = Doc {
            errors,
            warnings: shown.len() - errors,
            diagnostics: shown
                .into_iter()
                .map(|d| Item {
                    path: display_path(&d.path),
                    line: d.span.line,
                    column: d.span.col,
                    end_column: d.span.col + d.span.len,
                    severity: d.severity,
                    code: d.code,
                    message: &d.message,
                    hint: d.hint.as_deref(),
                })
                .collect(),
        };
        let mut s = crate::to_json("the diagnostics", &doc, true)?;
        s.push('\n');
        Ok(s)
    }
}

/// The site folder `root` relative to the git repository that holds it
/// (the nearest folder upwards with a `.git`), so that annotations name files
/// as GitHub does. Empty when `root` is the repository root or in none.
pub fn repo_prefix(root: &Path) -> PathBuf {
    let Ok(abs) = root.canonicalize() else { return PathBuf::new() };
    let repo = abs.ancestors().find(|dir| dir.join(".git").exists());
    repo.and_then(|r| abs.strip_prefix(r).ok()).map(Path::to_path_buf).unwrap_or_default()
}

/// A path with forward slashes, as editors see it in the repository.
pub(crate) fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Whether diagnostics printed to stderr get colours: never with `NO_COLOR`
/// set (no-color.org), always with `CLICOLOR_FORCE` set, else only when
/// stderr is a terminal.
pub fn stderr_color() -> bool {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
    force || std::io::IsTerminal::is_terminal(&std::io::stderr())
}

fn render_one(out: &mut String, d: &Diagnostic, color: bool) {
    let kind = match (d.severity, color) {
        (Severity::Error, false) => "error",
        (Severity::Warning, false) => "warning",
        // Bold red and bold yellow, then back to normal.
        (Severity::Error, true) => "\x1b[1;31merror\x1b[0m",
        (Severity::Warning, true) => "\x1b[1;33mwarning\x1b[0m",
    };
    let _ = writeln!(out, "{}:{}:{}: {kind}: {}", display_path(&d.path), d.span.line, d.span.col, d.message);
    let gutter = d.span.line.to_string().len();
    if let Some(line) = &d.source_line {
        // A tab is shown as one visible character, so that the caret below still lines up.
        let mut shown: String = line.replace('\t', "→");
        let mut pad = d.span.col.saturating_sub(1);
        if d.source_skip > 0 {
            shown.insert_str(0, "...");
            pad = pad + 3 - d.source_skip;
        }
        let _ = writeln!(out, "{:>gutter$} | {}", d.span.line, shown);
        let avail = shown.chars().count().saturating_sub(pad).max(1);
        let _ = writeln!(out, "{:>gutter$} | {}{}", "", " ".repeat(pad), "^".repeat(d.span.len.min(avail)));
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "{:>gutter$} = hint: {}", "", h);
    }
}

/// Escapes the message part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Words longer than this get no "did you mean" (names are short).
const SUGGEST_MAX_LEN: usize = 64;

/// How many known names a "did you mean" compares at most, so that many
/// typos against many names cost a bounded time each.
const SUGGEST_MAX_CANDIDATES: usize = 2_000;

/// The known name closest to `word`, if it is close enough to be a likely
/// typo. Bounded: long words and names are skipped, and only the first
/// [`SUGGEST_MAX_CANDIDATES`] names of a similar length are compared.
pub(crate) fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_len = word.chars().count();
    if word_len > SUGGEST_MAX_LEN {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    let mut compared = 0;
    for k in known {
        if k.len() > 4 * SUGGEST_MAX_LEN {
            continue;
        }
        let k_len = k.chars().count();
        let limit = (k_len.max(word_len) / 3).max(1);
        if k_len.abs_diff(word_len) > limit {
            continue;
        }
        compared += 1;
        if compared > SUGGEST_MAX_CANDIDATES {
            break;
        }
        let d = strsim::levenshtein(word, k);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_at_offset_counts_lines_and_chars() {
        let text = "a: 1\nçë: [x, kv]\n";
        let off = text.find("kv").unwrap_or(0);
        assert_eq!(Span::at_offset(text, off, 2, 3), Span::new(4, 9, 2));
    }

    #[test]
    fn build_output_counts_missing_translations_beyond_the_first_few() {
        let f = SourceFile::new("content/trackers/t.yaml", "title: {sq: a}\n");
        let mut d = Diagnostics::new();
        for i in 0..12 {
            d.push(f.warning(Span::new(1, 8 + i, 1), "missing-translation", format!("text {i} has no `sr` text")));
        }
        d.push(f.warning(Span::new(1, 1, 1), "unknown-key", "another warning"));
        let brief = d.render_human_brief(false);
        assert_eq!(brief.matches("has no `sr` text").count(), TRANSLATIONS_SHOWN, "{brief}");
        assert!(brief.contains("another warning"), "{brief}");
        assert!(
            brief.contains(
                "warning: 7 more texts without a translation (missing-translation); `raport check` lists each"
            )
        );
        assert!(brief.ends_with("0 errors, 13 warnings\n"), "{brief}");
        assert_eq!(d.render_human().matches("has no `sr` text").count(), 12, "check lists every one");
    }

    #[test]
    fn human_rendering_quotes_line_and_caret() {
        let f = SourceFile::new("content/briefs/a.en.md", "---\ncountries: [al, kv]\n---\n");
        let mut d = Diagnostics::new();
        d.push(
            f.error(Span::new(2, 17, 2), "unknown-country", "unknown country code `kv`")
                .with_hint("known codes: al, ba"),
        );
        let s = d.render_human();
        assert!(s.starts_with("content/briefs/a.en.md:2:17: error: unknown country code `kv`\n"));
        assert!(s.contains("2 | countries: [al, kv]\n  |                 ^^\n"));
        assert!(s.contains("= hint: known codes: al, ba"));
    }

    #[test]
    fn github_annotation_names_code_span_and_hint() {
        let f = SourceFile::new("content/a,b:c.sq.md", "---\ncountries: [al, kv]\n---\n");
        let mut d = Diagnostics::new();
        d.push(f.error(Span::new(2, 17, 2), "unknown-country", "100% wrong: `kv`, really").with_hint("use xk"));
        let s = d.render_github(Path::new("site"));
        assert_eq!(
            s,
            "::error file=site/content/a%2Cb%3Ac.sq.md,line=2,endLine=2,col=17,endColumn=19,title=unknown-country::100%25 wrong: `kv`, really%0Ahint: use xk\n"
        );
    }

    #[test]
    fn repo_prefix_is_the_site_folder_inside_the_repository() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let site = tmp.path().join("sites/demo");
        std::fs::create_dir_all(&site).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(tmp.path().join(".git")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(repo_prefix(&site), PathBuf::from("sites/demo"));
        assert_eq!(repo_prefix(tmp.path()), PathBuf::new());
    }

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        assert_eq!(did_you_mean("tittle", ["title", "date"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "date"]), None);
        assert_eq!(did_you_mean("kitten", ["sitting"]), None);
        assert_eq!(strsim::levenshtein("kitten", "sitting"), 3);
        assert_eq!(did_you_mean("ab", ["abc"]), Some("abc"));
    }

    #[test]
    fn line_index_agrees_with_a_scan() {
        let text = format!("a: 1\nçë: [x, kv]\r\n\n{}ë-z\n", "é".repeat(130));
        let ix = LineIndex::new(&text);
        for (off, _) in text.char_indices() {
            let s = Span::at_offset(&text, off, 2, 3);
            assert_eq!(ix.span(&text, off, 2, 3), s, "at {off}");
            let (line, col) = ix.position(&text, off);
            assert_eq!(ix.offset(&text, line, col), Some(off), "at {off}");
        }
        assert_eq!(ix.line(&text, 2), Some("çë: [x, kv]"));
        assert_eq!(ix.line(&text, 3), Some(""));
        assert_eq!(ix.line(&text, 6), None);
        assert_eq!(ix.char_at(&text, 4, 131), Some('ë'));
        assert_eq!(ix.char_at(&text, 1, 5), None);
    }

    #[test]
    fn a_long_line_is_quoted_around_the_column() {
        let line = format!("{}BAD{}", "x".repeat(5_000), "y".repeat(5_000));
        let f = SourceFile::new("a.md", format!("ok\n{line}\n"));
        let mut d = Diagnostics::new();
        d.push(f.error(Span::new(2, 5_001, 3), "broken-link", "bad"));
        let s = d.render_human();
        assert!(s.starts_with("a.md:2:5001: error: bad\n"), "{s}");
        let shown = format!("...{}BAD{}", "x".repeat(100), "y".repeat(97));
        assert!(s.contains(&format!("2 | {shown}\n  | {}^^^\n", " ".repeat(103))), "{s}");
    }
}
