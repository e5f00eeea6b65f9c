//! Build script: records the git commit raport is built from, for
//! `raport --version`. Without git, or outside a git checkout, the version is
//! the crate version alone; the build never fails for want of git.
//!
//! On Linux with the GNU toolchain the `raport` binary is linked as a
//! position-dependent executable (`-no-pie`): its 10 MB of static tables
//! holding addresses (CLDR data, syntaxes) are then not rewritten at every
//! start, which took 4 ms and kept 11 MiB resident (docs/performance.md).

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
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
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
