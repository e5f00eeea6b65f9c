//! raport: a static site generator for bilingual regional policy reports.
//!
//! The pipeline, one stage per module, each taking the previous one's value:
//! 1. load      `content::load_site`: site.yaml and content/ -> [`content::Site`]
//! 2. transform `markdown::render`: Markdown bodies -> HTML, TOC, summaries
//!    (called by `render::plan_site`, once per body, in parallel)
//! 3. render    `render::plan_site`: Site -> a `render::Plan` of every page and file
//! 4. write     `output::write_plan`: render, minify and write each page into a
//!    staging folder, in parallel, then swap it into public/
//!
//! No module imports a later stage or `serve`; docs/architecture.md says
//! which module owns what. `check` renders every page in memory and writes
//! nothing; `serve` plans with a [`cache::Cache`] (which loading sees only
//! as a [`content::DocMemo`]) and renders a page when the browser asks for
//! it. Every content problem is a [`diag::Diagnostic`]; a stage reports all
//! it finds, and the pipeline stops between stages if any was an error.

pub mod brand;
pub mod cache;
pub mod config;
pub mod content;
pub mod diag;
pub mod i18n;
pub mod markdown;
pub mod minify;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod yaml;

use std::path::{Path, PathBuf};

use diag::Diagnostics;

/// The file every build writes into its output folder, so that a later build
/// knows the folder is raport's to replace (`output`), and that a static file
/// may not take (`content::statics`).
pub const OUTPUT_MARKER: &str = ".raport-output";

/// Why a command failed; maps to the exit status.
#[derive(Debug)]
pub enum Error {
    /// Content errors (exit 1); warnings may be mixed in.
    Content(Diagnostics),
    /// A file could not be read or written (exit 3).
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The command line or the environment is wrong (exit 2).
    Usage(String),
    /// raport failed at something that cannot fail on any input: a value
    /// that would not serialize, a page that is not in the plan (exit 1).
    Internal(String),
}

impl Error {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Usage(_) => 2,
            Error::Io { .. } | Error::Internal(_) => 3,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Content(d) => write!(f, "{}", d.render_human()),
            Error::Io { path, source } => write!(f, "error: {}: {source}", path.display()),
            Error::Usage(m) => write!(f, "error: {m}"),
            Error::Internal(m) => write!(f, "internal error: {m} (a bug in raport; please report it)"),
        }
    }
}

impl From<Box<diag::Diagnostic>> for Error {
    fn from(d: Box<diag::Diagnostic>) -> Error {
        let mut all = Diagnostics::new();
        all.push(*d);
        Error::Content(all)
    }
}

/// Serializes `value` to JSON (pretty when `pretty`); a failure is an
/// [`Error::Internal`] naming `what`, never empty output.
pub fn to_json(what: &str, value: &impl serde::Serialize, pretty: bool) -> Result<String, Error> {
    let r = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    r.map_err(|e| Error::Internal(format!("could not serialize {what}: {e}")))
}

/// Wraps an I/O result with the path it concerns.
pub fn io<T>(path: &Path, r: std::io::Result<T>) -> Result<T, Error> {
    r.map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

/// Everything a build needs to know beyond the site folder.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds site.yaml).
    pub root: PathBuf,
    /// Where the site is written; default `<root>/public`.
    pub output: PathBuf,
    /// Overrides site.yaml's base_url.
    pub base_url: Option<String>,
    /// Include briefs and pages marked `draft: true`.
    pub drafts: bool,
    /// Inject the live-reload client (serve mode).
    pub live_reload: bool,
    /// Minify HTML when site.yaml asks for it (`false`: never).
    pub minify: bool,
    /// Replace `output` even when it is a non-empty folder raport did not
    /// create (never when it holds the sources).
    pub force_output: bool,
}

impl BuildOptions {
    /// Options for building `root` into `root/public`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        let root = root.into();
        BuildOptions {
            output: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            live_reload: false,
            minify: true,
            force_output: false,
        }
    }
}

/// What a successful build or check produced.
#[derive(Debug)]
pub struct Report {
    /// Warnings (no errors).
    pub diagnostics: Diagnostics,
    /// Number of files in the site.
    pub files: usize,
    /// Number of HTML pages.
    pub pages: usize,
}

/// Writes a file of the site's cache folder whole or not at all (another
/// build may be reading it): a temporary file renamed into place, removed
/// if anything fails. A cache only saves time, so a failure is not reported.
pub(crate) fn store_cached(path: &Path, bytes: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Turns transparent huge pages off for this process. The allocator asks the
/// kernel for them, and each is zeroed whole, 2 MiB at a time, on first
/// touch: a build's short-lived memory then costs more resident memory and
/// more time clearing pages than it uses (docs/performance.md). Called first
/// thing by the `raport` binary; a kernel without the setting changes nothing.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes no pointers; it sets one flag of
    // this process, and a kernel that does not know it returns an error.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Prints how long a stage took to stderr when `RAPORT_TIMINGS` is set
/// (docs/performance.md); restarts the clock.
pub fn lap(stage: &str, clock: &mut std::time::Instant) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("RAPORT_TIMINGS").is_some()) {
        // Resident and peak memory, where the system tells (Linux).
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map_or(0, |v| v.trim().trim_end_matches("kB").trim().parse::<u64>().unwrap_or(0) / 1024)
        };
        eprintln!(
            "timing: {stage:<12} {:>7.1} ms  rss {:>5} MiB  peak {:>5} MiB",
            clock.elapsed().as_secs_f64() * 1000.0,
            field("VmRSS:"),
            field("VmHWM:")
        );
    }
    *clock = std::time::Instant::now();
}

/// Loads and validates the site and plans every page and file (stages 1-3).
pub fn plan(opts: &BuildOptions) -> Result<(render::Plan, Diagnostics), Error> {
    plan_cached(opts, None)
}

/// [`plan`], reusing what `cache` holds from a previous run (serve).
pub fn plan_cached(opts: &BuildOptions, cache: Option<&cache::Cache>) -> Result<(render::Plan, Diagnostics), Error> {
    plan_with(opts, cache, false)
}

/// [`plan_cached`]; `keep_listings`: write the code listings highlighted to
/// the site's cache folder for the next build (only `build` writes there;
/// `check` and the others only read it).
fn plan_with(
    opts: &BuildOptions,
    cache: Option<&cache::Cache>,
    keep_listings: bool,
) -> Result<(render::Plan, Diagnostics), Error> {
    if let Some(c) = cache {
        c.begin();
    }
    let mut clock = std::time::Instant::now();
    let mut diags = Diagnostics::new();
    let Some(mut config) = content::load_config(&opts.root, &mut diags)? else {
        return Err(Error::Content(diags));
    };
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|m| Error::Usage(format!("--base-url: {m}")))?;
    }
    let memo = cache.map(|c| c as &dyn content::DocMemo);
    let Some(site) = content::load_site(&opts.root, config, opts.drafts, memo, &mut diags)? else {
        return Err(Error::Content(diags));
    };
    lap("load", &mut clock);
    let Some(plan) = render::plan_site(site, opts, cache, keep_listings, &mut diags)? else {
        return Err(Error::Content(diags));
    };
    Ok((plan, diags))
}

/// Loads, validates and renders the whole site in memory, unminified.
pub fn compile(opts: &BuildOptions) -> Result<(render::SiteFiles, Diagnostics), Error> {
    let (plan, mut diags) = plan(opts)?;
    let Some(files) = plan.render_all(&mut diags)? else {
        return Err(Error::Content(diags));
    };
    Ok((files, diags))
}

/// Builds the site into `opts.output`, replacing it whole only on success.
/// An output folder that holds the sources, or that raport did not create,
/// is refused before anything is read ([`output::Target::check`]).
pub fn build(opts: &BuildOptions) -> Result<Report, Error> {
    let target = output::Target::check(&opts.root, &opts.output, opts.force_output)?;
    let (plan, mut diagnostics) = plan_with(opts, None, true)?;
    let mut clock = std::time::Instant::now();
    let minify = opts.minify && plan.env.site.config.minify;
    match output::write_plan(&plan, &target, minify) {
        Ok(count) => {
            lap("write", &mut clock);
            Ok(Report { diagnostics, files: count, pages: plan.html_count() })
        }
        Err(Error::Content(errors)) => {
            diagnostics.extend(errors);
            Err(Error::Content(diagnostics))
        }
        Err(e) => Err(e),
    }
}

/// Validates everything and writes nothing.
pub fn check(opts: &BuildOptions) -> Result<Report, Error> {
    let (plan, mut diagnostics) = plan(opts)?;
    let pages = plan.html_count();
    let Some(files) = plan.check_all(&mut diagnostics)? else {
        return Err(Error::Content(diagnostics));
    };
    Ok(Report { diagnostics, files, pages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_does_not_serialize_is_an_internal_error_not_empty_output() {
        // JSON object keys must be strings.
        let map: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
        for pretty in [false, true] {
            match to_json("the test map", &map, pretty) {
                Err(e @ Error::Internal(_)) => {
                    assert!(e.to_string().starts_with("internal error: could not serialize the test map: "), "{e}");
                    assert_eq!(e.exit_code(), 3);
                }
                other => panic!("expected an internal error, got {other:?}"),
            }
        }
        assert_eq!(to_json("a list", &[1, 2], false).ok().as_deref(), Some("[1,2]"));
    }
}
