//! Bounded work on hostile or careless input (#13): YAML alias bombs are
//! refused at the alias, and inputs that once took quadratic or worse time
//! (identical headings, many links, large trackers, wide mappings) finish
//! within a generous bound, so that super-linear code cannot come back.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// One run of `raport check`, with its wall time and peak memory.
struct Measured {
    code: i32,
    stderr: String,
    wall: Duration,
    rss_mib: u64,
}

/// Runs `raport check --root <root>` and measures it (peak RSS from `wait4`).
fn check_measured(root: &Path) -> Measured {
    let t = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_raport"))
        .args(["check", "--root", root.to_str().unwrap_or("")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn raport: {e}"));
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 on our own child's pid
    // writes only into the two locals it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    Measured { code, stderr, wall: t.elapsed(), rss_mib: usage.ru_maxrss as u64 / 1024 }
}

/// Nine levels of nine aliases each: 9^9 values if expanded.
fn billion_laughs(indent: &str) -> String {
    let mut s = format!(
        "{indent}lol0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    );
    for i in 1..10 {
        let p = i - 1;
        let items = vec![format!("*l{p}"); 9].join(", ");
        s.push_str(&format!("{indent}lol{i}: &l{i} [{items}]\n"));
    }
    s
}

/// Line and column (1-based, characters) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
    (line, col)
}

/// Checks the `radar` fixture after `edit` changed one of its files, and
/// asserts that the alias bomb is refused at the alias that passes the
/// limit, quickly and in little memory.
fn assert_bomb_refused(rel: &str, edit: impl FnOnce(&str) -> String) {
    let (_tmp, root) = site("radar");
    let path = root.join(rel);
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    let text = edit(&before);
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    let m = check_measured(&root);
    assert_eq!(m.code, 1, "{}", m.stderr);
    // `lol5` is where the copies pass 100,000 values: at its first alias.
    let (line, col) = position(&text, "*l4");
    let want = format!("{rel}:{line}:{col}: error: YAML aliases here would copy more than 100,000 values");
    assert!(m.stderr.contains(&want), "want `{want}` in:\n{}", m.stderr);
    assert!(m.wall < Duration::from_secs(5), "check took {:?}", m.wall);
    assert!(m.rss_mib < 300, "check used {} MiB", m.rss_mib);
}

#[test]
fn alias_bomb_in_site_yaml_is_refused_at_the_alias() {
    assert_bomb_refused("site.yaml", |t| format!("{t}{}", billion_laughs("")));
}

#[test]
fn alias_bomb_in_front_matter_is_refused_at_the_alias() {
    assert_bomb_refused("content/briefs/alfa.sq.md", |t| {
        t.replacen("countries: [al]\n", &format!("countries: [al]\n{}", billion_laughs("")), 1)
    });
}

#[test]
fn alias_bomb_in_a_tracker_is_refused_at_the_alias() {
    assert_bomb_refused("content/trackers/berlin.yaml", |t| format!("{t}{}", billion_laughs("")));
}

#[test]
fn alias_bomb_in_a_radar_file_is_refused_at_the_alias() {
    assert_bomb_refused("content/radar/al.yaml", |t| format!("{t}{}", billion_laughs("")));
}
