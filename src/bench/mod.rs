//! Benchmark support (issue #8): a seeded corpus generator that writes a whole
//! raport site (`corpus`, `data`) and the same briefs as a Hugo site (`hugo`),
//! and the floor pass (`floor`) that builds are compared with. The driver that
//! times builds is `examples/bench.rs`; see docs/performance.md.

pub mod corpus;
pub mod data;
pub mod floor;
pub mod hugo;
pub mod prose;

/// Peak resident memory of this process so far (`VmHWM`), in KiB; 0 where
/// `/proc` is not available.
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
