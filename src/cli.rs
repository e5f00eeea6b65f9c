//! The command line (SPEC §8): one `Args` struct per command; doc comments are the help.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// raport builds bilingual policy-report sites from Markdown briefs and YAML data.
#[derive(Debug, Parser)]
#[command(name = "raport", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output). The previous site is replaced
    /// only when the whole build succeeds.
    Build(BuildArgs),
    /// Check every file (settings, briefs, trackers, radar data, links,
    /// translations) and write nothing. Exit 0 if there are no errors.
    Check(CheckArgs),
}

/// Options of `raport build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site folder, the one with site.yaml in it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site. Default: public/ in the site folder.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
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
pub enum Format {
    /// For people: file:line:col, the line, a caret and a hint.
    Human,
    /// GitHub Actions annotations, shown on the pull request's lines.
    Github,
    /// JSON, for editors' tools.
    Json,
}

/// Options of `raport check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
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
