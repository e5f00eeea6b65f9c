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
    if commit.is_some() {
        // HEAD, and the branch file it names, change with every commit.
        let mut watch = vec![git(&["rev-parse", "--git-path", "HEAD"])];
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watch.push(git(&["rev-parse", "--git-path", &branch]));
        }
        for path in watch.into_iter().flatten() {
            // A missing file (a packed ref) would make cargo rerun this script on every build.
            if Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
}

/// The trimmed output of a successful git command, or None.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !s.is_empty()).then_some(s)
}
