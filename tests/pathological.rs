//! Bounded work on hostile or careless input (#13): YAML alias bombs are
//! refused at the alias, and inputs that once took quadratic or worse time
//! (identical headings, many links, large trackers, wide mappings) finish
//! within a generous bound, so that super-linear code cannot come back.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// One run of `raport check`, with its time and peak memory. The bounds
/// are on CPU time, which load from other processes inflates less than wall
/// time.
struct Measured {
    code: i32,
    stderr: String,
    wall: Duration,
    cpu: Duration,
    rss_mib: u64,
}

/// Runs `raport check --root <root>` and measures it (peak RSS from `wait4`).
#[expect(clippy::zombie_processes, reason = "the child is reaped by wait4, which also gives its peak memory")]
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
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    Measured { code, stderr, wall: t.elapsed(), cpu, rss_mib: usage.ru_maxrss as u64 / 1024 }
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
    assert!(m.cpu < Duration::from_secs(5), "check took {:?} of CPU", m.cpu);
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

/// Checks the `radar` fixture with `files` (path, text) added, and asserts
/// that it ends with `code` within 5 s of CPU and 300 MiB; returns the measurement.
fn check_with(files: &[(&str, String)], code: i32) -> Measured {
    check_within(files, code, Duration::from_secs(5), 300)
}

/// [`check_with`] with bounds of its own: `cpu` of CPU time and `mib` MiB.
fn check_within(files: &[(&str, String)], code: i32, cpu: Duration, mib: u64) -> Measured {
    let (_tmp, root) = site("radar");
    for (rel, text) in files {
        std::fs::write(root.join(rel), text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }
    let m = check_measured(&root);
    let head: String = m.stderr.chars().take(2_000).collect();
    assert_eq!(m.code, code, "{head}");
    eprintln!("{}: {:?} CPU, {:?} wall, {} MiB", files.first().map_or("", |f| f.0), m.cpu, m.wall, m.rss_mib);
    assert!(m.cpu < cpu, "check took {:?} of CPU", m.cpu);
    assert!(m.rss_mib < mib, "check used {} MiB", m.rss_mib);
    m
}

const BRIEF_HEAD: &str = "---\ntitle: \"Many\"\ndate: 2023-05-01\n---\n\n";

#[test]
fn ten_thousand_identical_headings_take_linear_time() {
    let body = "## Same\n\nText.\n\n".repeat(10_000);
    check_with(&[("content/briefs/many.sq.md", format!("{BRIEF_HEAD}{body}"))], 0);
}

#[test]
fn twenty_thousand_internal_links_take_linear_time() {
    let body = "See [a](@/briefs/alfa.md) and [b](@/briefs/beta.md).\n".repeat(10_000);
    check_with(&[("content/briefs/many.sq.md", format!("{BRIEF_HEAD}{body}"))], 0);
}

#[test]
fn twenty_thousand_broken_links_on_one_line_take_linear_time() {
    let mut body = String::new();
    for i in 0..20_000 {
        body.push_str(&format!("[x](@/briefs/alfa.md#missing-{i}) "));
    }
    let m = check_with(&[("content/briefs/many.sq.md", format!("{BRIEF_HEAD}{body}\n"))], 1);
    assert!(m.stderr.contains("20000 errors"), "{}", m.stderr.lines().last().unwrap_or(""));
}

#[test]
fn a_hundred_thousand_nested_elements_are_refused_in_linear_time() {
    // The HTML tree builder behind the sanitizer would take minutes.
    let m =
        check_with(&[("content/briefs/many.sq.md", format!("{BRIEF_HEAD}{}<b>x</b>\n", "<div>".repeat(100_000)))], 1);
    assert!(m.stderr.contains("nest more than 512 levels deep"), "{}", m.stderr);
    let m =
        check_with(&[("content/briefs/many.sq.md", format!("{BRIEF_HEAD}{}x <b>y</b>\n", ">".repeat(1_000_000)))], 1);
    assert!(m.stderr.contains("nest more than 512 levels deep"), "{}", m.stderr);
}

#[test]
fn a_hundred_thousand_topics_in_one_brief_are_refused_at_the_twenty_first() {
    let topics: Vec<String> = (0..100_000).map(|i| format!("t{i}")).collect();
    let head =
        BRIEF_HEAD.replace("date: 2023-05-01\n", &format!("date: 2023-05-01\ntopics: [{}]\n", topics.join(", ")));
    let m = check_with(&[("content/briefs/many.sq.md", format!("{head}Text.\n"))], 1);
    assert!(m.stderr.contains("many.sq.md:4:"), "{}", m.stderr);
    assert!(m.stderr.contains("100000 topics; a brief may have at most 20"), "{}", m.stderr);
}

#[test]
fn a_tracker_of_five_thousand_recommendations_takes_linear_time() {
    let mut t = String::from("title: {sq: \"Shumë\", en: \"Many\"}\nrecommendations:\n");
    for i in 0..5_000 {
        t.push_str(&format!(
            "  - id: r-{i}\n    title: {{sq: \"Titulli {i}\", en: \"Title {i}\"}}\n    text:\n      sq: |\n        Teksti me [lidhje](@/briefs/alfa.md).\n      en: \"Text with a [link](@/briefs/alfa.md).\"\n    countries:\n      al: {{status: implemented, note: \"Po {i}\"}}\n"
        ));
    }
    check_with(&[("content/trackers/many.yaml", t)], 0);
}

#[test]
fn forty_thousand_keys_in_one_mapping_take_linear_time() {
    let mut fm = String::from("---\ntitle: \"Many\"\ndate: 2023-05-01\n");
    for i in 0..40_000 {
        fm.push_str(&format!("key{i}: {i}\n"));
    }
    fm.push_str("---\n\nText.\n");
    let m = check_with(&[("content/briefs/many.sq.md", fm)], 1);
    assert!(m.stderr.contains("unknown key `key39999`"), "{}", m.stderr.lines().last().unwrap_or(""));
}

#[test]
fn forty_thousand_scores_in_a_radar_file_take_linear_time() {
    let mut r = String::from("assessments:\n  - year: 2023\n    scores:\n");
    for i in 0..40_000 {
        r.push_str(&format!("      dim-{i}: 1\n"));
    }
    check_with(&[("content/radar/al.yaml", r)], 1);
}

/// Scores are looked up among the dimensions; a duplicate dimension makes
/// the run stop before the charts, whose size grows with the dimensions on
/// every country page (linear, but not what this test measures).
#[test]
fn twenty_thousand_dimensions_and_scores_take_linear_time() {
    let mut dims = String::from("scale: {min: 0, max: 5}\ndimensions:\n");
    let mut scores = String::from("assessments:\n  - year: 2023\n    scores:\n");
    for i in 0..20_000 {
        dims.push_str(&format!("  - id: d-{i}\n    label: {{sq: \"D {i}\", en: \"D {i}\"}}\n"));
        scores.push_str(&format!("      d-{i}: 1\n"));
    }
    dims.push_str("  - id: d-0\n    label: Again\n");
    let xk = "assessments:\n  - year: 2023\n    scores: {d-0: 2}\n".to_string();
    check_with(
        &[("content/radar/dimensions.yaml", dims), ("content/radar/al.yaml", scores), ("content/radar/xk.yaml", xk)],
        1,
    );
}

/// A tracker of 1 MB of short recommendations (about 31,000): its
/// page lists each under every site country three times (matrix, lists by
/// country, details). `check` renders pages without holding them, makes a
/// page's per-recommendation data only while the page renders, and names
/// each cell's kind by index rather than as an object of its own. The
/// bounds are for a debug build; a release build's figures are in
/// docs/performance.md.
#[test]
fn a_megabyte_tracker_of_forty_thousand_tiny_recommendations_is_checked_in_bounded_memory() {
    let mut t = String::from("title: {sq: \"Shumë\", en: \"Many\"}\nrecommendations:\n");
    let mut i = 0;
    while t.len() < 999_950 {
        let countries = if i % 4 == 0 { ", countries: {al: implemented}" } else { "" };
        t.push_str(&format!("- {{id: r{i}, title: T{countries}}}\n"));
        i += 1;
    }
    assert!(i > 30_000, "{i} recommendations");
    check_within(&[("content/trackers/many.yaml", t)], 0, Duration::from_secs(60), 300);
}
