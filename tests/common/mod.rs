//! Test harness: copy a fixture site to a temp dir, run raport on it, and
//! compare output with golden files or snapshots.
#![allow(dead_code)]

pub(crate) mod html;

use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/fixtures/<name>`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The project root (which is also the demo site).
pub(crate) fn demo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree (skipping `expected/`, `golden/` and `public/`).
pub(crate) fn copy_tree(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src).into_iter().filter_entry(|e| {
        let n = e.file_name().to_string_lossy();
        e.depth() == 0 || !matches!(n.as_ref(), "expected" | "golden" | "public" | "target" | ".git" | "node_modules")
    }) {
        let entry = entry.unwrap_or_else(|e| panic!("walk {}: {e}", src.display()));
        let rel = entry.path().strip_prefix(src).unwrap_or_else(|e| panic!("{e}"));
        let to = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap_or_else(|e| panic!("mkdir {}: {e}", to.display()));
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &to).unwrap_or_else(|e| panic!("copy {}: {e}", to.display()));
        }
    }
}

/// A copy of the demo site (`site.yaml` and `content/`) in a temporary
/// folder: the folder and the copy's root.
pub(crate) fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = tmp.path().join("site");
    std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(demo_root().join("site.yaml"), root.join("site.yaml")).unwrap_or_else(|e| panic!("{e}"));
    copy_tree(&demo_root().join("content"), &root.join("content"));
    (tmp, root)
}

/// A fixture copied into a fresh temp dir; returns the dir and the site root in it.
pub(crate) fn site(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = tmp.path().join("site");
    copy_tree(&fixture(name), &root);
    (tmp, root)
}

/// Output of one run of the raport binary.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the raport binary with `args` in `cwd`.
pub(crate) fn raport(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_raport"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap_or_else(|e| panic!("run raport: {e}"));
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Builds a fixture and panics with the diagnostics if the build fails.
pub(crate) fn build(name: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = site(name);
    let mut args = vec!["build", "--root", root.to_str().unwrap_or("")];
    args.extend_from_slice(extra);
    let r = raport(tmp.path(), &args);
    assert_eq!(r.code, 0, "build of {name} failed:\n{}", r.stderr);
    let out = root.join("public");
    (tmp, out)
}

/// Every file under `root`: relative path and bytes, sorted, for comparing builds.
pub(crate) fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap_or(e.path()).to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect();
    v.sort();
    v
}

/// Reads a built file as text.
pub(crate) fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The `<main>` element of a page, the part content golden tests compare.
pub(crate) fn main_of(html: &str) -> String {
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").map_or(html.len(), |i| i + "</main>".len());
    html[start..end].to_string()
}

/// Compares the `<main>` of `pages` in `out` with `tests/fixtures/<name>/expected/`.
/// With `RAPORT_BLESS=1`, writes the expected files instead.
pub(crate) fn assert_golden(name: &str, out: &Path, pages: &[&str]) {
    let expected_dir = fixture(name).join("expected");
    for p in pages {
        let got = main_of(&read(out, p));
        let want_path = expected_dir.join(p);
        if std::env::var_os("RAPORT_BLESS").is_some() {
            std::fs::create_dir_all(want_path.parent().unwrap_or(&expected_dir)).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(&want_path, &got).unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let want = std::fs::read_to_string(&want_path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with RAPORT_BLESS=1 to create it)", want_path.display()));
        assert_eq!(got, want, "golden mismatch for {p} (re-bless with RAPORT_BLESS=1 if intended)");
    }
}

/// Runs `raport check` (or any command) on an invalid fixture and returns
/// the exit code and stderr, for snapshots.
pub(crate) fn diagnostics_of(name: &str, command: &str) -> String {
    let root = fixture(name);
    let r = raport(&root, &[command, "--root", "."]);
    format!("exit: {}\n{}", r.code, r.stderr)
}
