//! The output folder is raport's alone (issue 13): `build` refuses one that
//! holds the sources or that it did not create, builds into one folder take
//! turns, and an interrupted build leaves nothing behind.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The names starting with `.` beside `dir`'s entries: staging, old and lock files.
fn hidden_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // `.raport-cache` is the drawn images' cache (docs/editors.md), kept on purpose.
        .filter(|n| n.contains(".raport-") && n != ".raport-cache")
        .collect();
    v.sort();
    v
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap_or_else(|| panic!("non-UTF-8 temp path"))
}

#[test]
fn an_output_that_is_or_holds_or_lies_in_the_sources_is_refused() {
    let (tmp, root) = site("basic");
    std::fs::create_dir_all(root.join("themes/mine")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(tmp.path().join("other-project.txt"), "keep").unwrap_or_else(|e| panic!("{e}"));
    let before = tree(tmp.path());
    for (out, cwd, why) in [
        (".", &root, "it is the site folder"),
        ("content", &root, "it is content/"),
        ("content/static/out", &root, "it lies inside content/"),
        ("themes/mine", &root, "it lies inside themes/"),
        ("..", &root, "it holds the site folder"),
        ("site", &tmp.path().to_path_buf(), "it is the site folder"),
        ("/", &root, "cannot write the site to /"),
    ] {
        let r = raport(cwd, &["build", "--root", arg(&root), "--output", out]);
        assert_eq!(r.code, 2, "--output {out}: {}", r.stderr);
        assert!(r.stderr.contains(why), "--output {out}: {}", r.stderr);
        // Forcing does not allow the sources either.
        let r = raport(cwd, &["build", "--root", arg(&root), "--output", out, "--force-output"]);
        assert_eq!(r.code, 2, "--output {out} --force-output: {}", r.stderr);
        assert_eq!(tree(tmp.path()), before, "--output {out} touched the sources");
        assert!(hidden_in(tmp.path()).is_empty() && hidden_in(&root).is_empty(), "--output {out} left files");
    }
}

#[test]
fn a_symlink_to_the_sources_is_seen_through() {
    let (tmp, root) = site("basic");
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(root.join("content"), &link).unwrap_or_else(|e| panic!("{e}"));
    let before = tree(&root);
    let r = raport(tmp.path(), &["build", "--root", arg(&root), "--output", "link"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("it is content/"), "{}", r.stderr);
    assert_eq!(tree(&root), before);
}

#[test]
fn the_current_folder_is_refused_without_a_staging_folder() {
    let (tmp, root) = site("basic");
    let here = tmp.path().join("here");
    std::fs::create_dir(&here).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(&here, &["build", "--root", arg(&root), "--output", "."]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("the current folder"), "{}", r.stderr);
    assert!(hidden_in(tmp.path()).is_empty(), "{:?}", hidden_in(tmp.path()));
    assert!(here.is_dir());
}

#[test]
fn a_non_empty_folder_raport_did_not_create_is_refused_unless_forced() {
    let (tmp, root) = site("basic");
    let out = tmp.path().join("mine");
    std::fs::create_dir(&out).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out.join("notes.txt"), "precious").unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", arg(&root), "--output", "mine"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("raport did not create it") && r.stderr.contains("--force-output"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap_or_default(), "precious");

    let r = raport(tmp.path(), &["build", "--root", arg(&root), "--output", "mine", "--force-output"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!out.join("notes.txt").exists());
    assert!(out.join("index.html").is_file() && out.join(".raport-output").is_file());
    // Made by raport now: the next build needs no flag.
    let r = raport(tmp.path(), &["build", "--root", arg(&root), "--output", "mine"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // An empty folder, and a file in place of the folder.
    std::fs::create_dir(tmp.path().join("empty")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raport(tmp.path(), &["build", "--root", arg(&root), "--output", "empty"]).code, 0);
    std::fs::write(tmp.path().join("file"), "x").unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", arg(&root), "--output", "file", "--force-output"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("it is not a folder"), "{}", r.stderr);
}

#[test]
fn concurrent_builds_into_one_folder_each_leave_a_complete_site() {
    let (tmp, root) = site("basic");
    let reference = tmp.path().join("reference");
    assert_eq!(raport(tmp.path(), &["build", "--root", arg(&root), "--output", arg(&reference)]).code, 0);
    let want = tree(&reference);
    let out = tmp.path().join("out");
    for round in 0..6 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_raport"))
                .args(["build", "--root", arg(&root), "--output", arg(&out)])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("spawn: {e}"))
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let o = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            assert!(o.status.success(), "round {round}: {}", String::from_utf8_lossy(&o.stderr));
            // A build that exits 0 has swapped in a whole site.
            assert_eq!(tree(&out).len(), want.len(), "round {round}");
        }
        assert_eq!(tree(&out), want, "round {round}");
        assert!(hidden_in(tmp.path()).is_empty(), "round {round}: {:?}", hidden_in(tmp.path()));
    }
}

#[test]
fn leftovers_of_a_killed_build_are_removed_by_the_next() {
    let (tmp, root) = site("basic");
    for name in [".public.raport-new-4242-00ff", ".public.raport-old-4242-00ff", ".public.raport-new"] {
        std::fs::create_dir_all(root.join(name).join("en")).unwrap_or_else(|e| panic!("{e}"));
    }
    let r = raport(tmp.path(), &["build", "--root", arg(&root)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(hidden_in(&root).is_empty(), "{:?}", hidden_in(&root));
    assert!(root.join("public/index.html").is_file());
}

#[test]
fn init_gitignore_covers_what_a_build_leaves() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raport(tmp.path(), &["init", "s"]).code, 0);
    let ignore = std::fs::read_to_string(tmp.path().join("s/.gitignore")).unwrap_or_default();
    for pattern in ["/public/", "/.public.raport-*"] {
        assert!(ignore.lines().any(|l| l == pattern), "{pattern} missing:\n{ignore}");
    }
}

/// Sends `signal` to a child process.
fn kill(pid: u32, signal: i32) {
    let pid = i32::try_from(pid).unwrap_or_else(|e| panic!("{e}"));
    // SAFETY: kill(2) on a child this test spawned and has not reaped.
    let rc = unsafe { libc::kill(pid, signal) };
    assert_eq!(rc, 0, "kill {pid}");
}

/// The staging folder of a build into `parent/public`, once it exists.
fn staging_in(parent: &Path) -> Option<PathBuf> {
    std::fs::read_dir(parent)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(".public.raport-new-"))
        .map(|e| e.path())
}

#[test]
fn an_interrupted_build_removes_its_staging_folder_and_keeps_the_site() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = tmp.path().join("site");
    // Large enough that writing takes a while in a debug build.
    raport_bench::corpus::write_site(&root, &raport_bench::corpus::CorpusOptions { briefs: 150, seed: 5 })
        .unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", arg(&root)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = tree(&root.join("public"));
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_raport"))
            .args(["build", "--root", arg(&root)])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        let deadline = Instant::now() + Duration::from_secs(60);
        while staging_in(&root).is_none() {
            assert!(Instant::now() < deadline, "no staging folder appeared");
            assert!(child.try_wait().ok().flatten().is_none(), "the build ended before it could be interrupted");
            std::thread::sleep(Duration::from_millis(1));
        }
        kill(child.id(), signal);
        let o = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(130), "signal {signal}: {stderr}");
        assert!(stderr.contains("interrupted"), "{stderr}");
        assert!(hidden_in(&root).is_empty(), "signal {signal}: {:?}", hidden_in(&root));
        assert_eq!(tree(&root.join("public")), before, "signal {signal}: the previous site stays");
    }
}
