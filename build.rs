//! Build script: records the git commit raport is built from, for
//! `raport --version`. Without git, or outside a git checkout, the version is
//! the crate version alone; the build never fails for want of git.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let commit = git(&["rev-parse", "--short", "HEAD"]);
    let version = match &commit {
        Some(c) => format!("{} ({c})", env!("CARGO_PKG_VERSION")),
        None => env!("CARGO_PKG_VERSION").to_string(),
    };
    println!("cargo:rustc-env=RAPORT_VERSION={version}");
    // HEAD changes when another branch or commit is checked out. A commit on
    // the current branch changes only the branch's ref, which is not watched:
    // rerunning this script rebuilds the whole crate (minutes in release), so
    // the commit shown is the one at the script's last run. Fresh builds (the
    // release workflow, `cargo install`) are exact.
    if let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]).filter(|p| Path::new(p).exists()) {
        println!("cargo:rerun-if-changed={head}");
    }
}

/// The trimmed output of a successful git command, or None.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !s.is_empty()).then_some(s)
}
