//! Speedups must not change output (issue #8): the generated benchmark corpus
//! builds cleanly, and its output is byte-identical whatever the thread count.

mod common;

use std::path::Path;

use common::tree;

use raport_bench::corpus::{CorpusOptions, write_site};

fn build_with_threads(root: &Path, out: &Path, threads: usize) -> raport::Report {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap_or_else(|e| panic!("{e}"));
    let mut opts = raport::BuildOptions::new(root);
    opts.output = out.to_path_buf();
    pool.install(|| raport::build(&opts)).unwrap_or_else(|e| panic!("build with {threads} threads failed:\n{e}"))
}

#[test]
fn generated_corpus_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = tmp.path().join("site");
    write_site(&root, &CorpusOptions { briefs: 40, seed: 3 }).unwrap_or_else(|e| panic!("{e}"));
    let report = build_with_threads(&root, &tmp.path().join("out"), 2);
    assert!(report.diagnostics.is_empty(), "{}", report.diagnostics.render_human());
    // 40 briefs in two languages, their lists, topics, pages, trackers, radar.
    assert!(report.pages > 100, "{} pages", report.pages);
}

#[test]
fn output_is_byte_identical_with_one_or_many_threads() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = tmp.path().join("site");
    write_site(&root, &CorpusOptions { briefs: 60, seed: 11 }).unwrap_or_else(|e| panic!("{e}"));
    let (one, many) = (tmp.path().join("one"), tmp.path().join("many"));
    build_with_threads(&root, &one, 1);
    // The first build highlighted the code listings; the second takes them
    // from the cache: the same bytes either way.
    assert!(root.join(".raport-cache/code.json").is_file(), "the listings are cached");
    build_with_threads(&root, &many, 4);
    let (a, b) = (tree(&one), tree(&many));
    assert!(a.len() > 100, "{} files", a.len());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.0, y.0);
        assert!(x.1 == y.1, "{} differs between 1 and 4 threads", x.0);
    }
}

#[test]
fn check_writes_no_cache_and_a_build_keeps_the_listings() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = tmp.path().join("site");
    write_site(&root, &CorpusOptions { briefs: 20, seed: 3 }).unwrap_or_else(|e| panic!("{e}"));
    let listings = root.join(".raport-cache/code.json");
    raport::check(&raport::BuildOptions::new(&root)).unwrap_or_else(|e| panic!("{e}"));
    assert!(!root.join(".raport-cache").exists(), "check writes nothing");
    build_with_threads(&root, &tmp.path().join("out"), 2);
    let text = std::fs::read_to_string(&listings).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("hl-"), "the build keeps its highlighted listings: {text}");
}

/// build.rs links the binary as a position-dependent executable on
/// Linux/GNU (docs/performance.md): ELF type 2 (EXEC), not 3 (DYN).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_binary_is_linked_without_pie() {
    let bytes = std::fs::read(env!("CARGO_BIN_EXE_raport")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bytes.get(..4), Some(&b"\x7fELF"[..]));
    let e_type = u16::from_le_bytes([bytes[16], bytes[17]]);
    assert_eq!(e_type, 2, "ELF type {e_type}: the binary is a PIE");
}
