//! The command line (SPEC §8): one `Args` struct per command; doc comments are the help.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// raport builds bilingual policy-report sites from Markdown briefs and YAML data.
#[derive(Debug, Parser)]
#[command(name = "raport", version = env!("RAPORT_VERSION"), about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the site into public/ (or --output). The previous site is replaced
    /// only when the whole build succeeds.
    Build(BuildArgs),
    /// Check every file (settings, briefs, trackers, radar data, links,
    /// translations) and write nothing. Exit 0 if there are no errors.
    Check(CheckArgs),
    /// Preview the site at http://127.0.0.1:1111/ while you edit: every saved
    /// change rebuilds it and reloads the browser; errors show on the page.
    Serve(ServeArgs),
    /// Start new content from a template, e.g. `raport new brief my-brief`.
    New(NewArgs),
    /// Edit a tracker file, e.g. `raport tracker add-review berlin-2022 2024-10-20`.
    Tracker(TrackerArgs),
    /// Create a new site in a new or empty folder, ready to build and to
    /// publish on GitHub Pages.
    Init(InitArgs),
    /// Print a completion script for a shell, e.g.
    /// `raport completions bash > ~/.local/share/bash-completion/completions/raport`.
    Completions(CompletionsArgs),
    /// Write the manual pages (roff) into a folder, as packed with each release.
    #[command(hide = true)]
    Man(ManArgs),
}

/// Options of `raport build`.
#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
    /// The site folder, the one with site.yaml in it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site. Default: public/ in the site folder. The
    /// folder is replaced whole, so it must not hold the sources, and must be
    /// new, empty or made by raport.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace --output even when it is a non-empty folder raport did not
    /// create: everything in it is deleted.
    #[arg(long)]
    pub force_output: bool,
    /// The address the site is published at, overriding base_url in site.yaml
    /// (e.g. https://example.github.io/wb-ocr/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include briefs and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// How `raport check` prints what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// For people: file:line:col, the line, a caret and a hint.
    Human,
    /// GitHub Actions annotations, shown on the pull request's lines.
    Github,
    /// JSON, for editors' tools.
    Json,
}

/// Options of `raport check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// The site folder, the one with site.yaml in it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also check briefs and pages marked `draft: true` as if published.
    #[arg(long)]
    pub drafts: bool,
}

/// Options of `raport serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// The site folder, the one with site.yaml in it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on (on 127.0.0.1 only). Without it, 1111 or the
    /// next free port; 0 lets the system choose.
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Include briefs and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Options of `raport new`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewArgs {
    /// What to create.
    #[command(subcommand)]
    pub what: NewKind,
}

/// What `raport new` creates.
#[derive(Debug, Subcommand)]
pub(crate) enum NewKind {
    /// Create content/briefs/<STEM>.<lang>.md in every site language, dated
    /// today and marked as a draft. Existing files are never overwritten.
    Brief(NewBriefArgs),
}

/// Options of `raport new brief`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewBriefArgs {
    /// The file name without language and extension, which also becomes the
    /// URL: lowercase letters, digits and hyphens (e.g. siguria-ne-ballkan).
    pub stem: String,
    /// The site folder, the one with site.yaml in it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// Options of `raport tracker`.
#[derive(Debug, clap::Args)]
pub(crate) struct TrackerArgs {
    /// What to do to the tracker.
    #[command(subcommand)]
    pub what: TrackerKind,
}

/// What `raport tracker` does.
#[derive(Debug, Subcommand)]
pub(crate) enum TrackerKind {
    /// Add a review round to content/trackers/<TRACKER>.yaml, after the
    /// latest. Every earlier status stays where it is: a status written in
    /// the short form (`al: implemented`) is moved under the review it was
    /// written for (`al: {2023: implemented}`). Comments and layout are kept.
    AddReview(AddReviewArgs),
}

/// Options of `raport tracker add-review`.
#[derive(Debug, clap::Args)]
pub(crate) struct AddReviewArgs {
    /// The tracker's id: its file name without `.yaml`.
    pub tracker: String,
    /// When the review took place: a year (2024) or a day (2024-10-20),
    /// later than the tracker's latest review.
    pub date: String,
    /// The id cells name the review by. Default: the date's year; give one
    /// when the tracker has a review of that year already.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The site folder, the one with site.yaml in it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// Options of `raport init`.
#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// The folder to create the site in; it must be new or empty.
    pub dir: PathBuf,
    /// The site's name, in every language (default: a sample bilingual title).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The site languages, default first, comma-separated (default: sq,en).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub languages: Option<Vec<String>>,
    /// The countries the site covers, comma-separated (default: al,ba,xk,me,mk,rs).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub countries: Option<Vec<String>>,
    /// The address the site will be published at (default: `/`, which previews
    /// anywhere; the GitHub Pages workflow passes the real address).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The GitHub repository the site lives in, `owner/name`: where the web
    /// editor at /admin/ saves (default: the one the GitHub Pages address names).
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: Option<String>,
}

/// Options of `raport completions`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Options of `raport man`.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// The folder to write raport.1 and raport-<command>.1 into.
    pub dir: PathBuf,
}

/// The shells `raport completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell.
    Powershell,
}
