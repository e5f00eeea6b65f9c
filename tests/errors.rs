//! Error reporting: every bad input gives `path:line:col: message`, the line,
//! a caret and a hint; all errors at once; exit 1. Snapshots of the output.

mod common;

use common::*;

#[test]
fn front_matter_errors_are_all_reported_with_positions() {
    let out = diagnostics_of("invalid/front-matter", "check");
    insta::assert_snapshot!("front_matter", out);
}

#[test]
fn site_yaml_errors_name_the_key() {
    let out = diagnostics_of("invalid/site-yaml", "build");
    insta::assert_snapshot!("site_yaml", out);
}

#[test]
fn build_and_check_report_the_same_errors() {
    let check = diagnostics_of("invalid/front-matter", "check");
    let build = diagnostics_of("invalid/front-matter", "build");
    assert_eq!(check, build);
}
