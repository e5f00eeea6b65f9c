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
pub enum Severity {
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
    pub fn file_start() -> Span {
        Span::new(1, 1, 1)
    }

    /// The span at the given byte offset of `text`, counting lines from
    /// `first_line` (the file line on which `text` starts).
    pub fn at_offset(text: &str, offset: usize, len_bytes: usize, first_line: usize) -> Span {
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

/// One problem found in the content, the configuration or the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
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
    /// The offending source line, as written.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// Adds a hint shown under the source line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
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
}

impl SourceFile {
    /// A source file with the given root-relative path and text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile { path: path.into(), text: text.into().into() }
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
        let source_line =
            self.text.split('\n').nth(span.line.saturating_sub(1)).map(|l| l.trim_end_matches('\r').to_string());
        Diagnostic { severity, code, path: self.path.clone(), span, message: message.into(), hint: None, source_line }
    }
}

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
    pub fn has_errors(&self) -> bool {
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
        // Count what is shown: a problem found twice is printed once.
        let e = shown.iter().filter(|d| d.severity == Severity::Error).count();
        let w = shown.len() - e;
        if e + w > 0 {
            let _ = writeln!(
                out,
                "{} error{}, {} warning{}",
                e,
                if e == 1 { "" } else { "s" },
                w,
                if w == 1 { "" } else { "s" }
            );
        }
        out
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
pub fn display_path(p: &Path) -> String {
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
        let shown: String = line.replace('\t', "→");
        let _ = writeln!(out, "{:>gutter$} | {}", d.span.line, shown);
        let pad = d.span.col.saturating_sub(1);
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

/// The known name closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let d = strsim::levenshtein(word, k);
        let limit = (k.chars().count().max(word.chars().count()) / 3).max(1);
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
    }
}
