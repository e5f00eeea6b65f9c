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

#[test]
fn broken_links_and_anchors_name_the_target_and_its_ids() {
    let out = diagnostics_of("invalid/links", "check");
    insta::assert_snapshot!("links", out);
}

#[test]
fn impossible_and_malformed_dates_point_at_the_value() {
    let out = diagnostics_of("invalid/dates", "check");
    insta::assert_snapshot!("dates", out);
}

#[test]
fn yaml_syntax_errors_and_bad_encoding_in_data_files_are_reported() {
    let out = diagnostics_of("invalid/data-yaml", "check");
    insta::assert_snapshot!("data_yaml", out);
}

#[test]
fn template_syntax_error_names_the_template_file_and_line() {
    let out = diagnostics_of("invalid/template", "build");
    insta::assert_snapshot!("template", out);
}

#[test]
fn unknown_filter_is_reported_at_its_use_when_the_theme_loads() {
    let out = diagnostics_of("invalid/template-render", "build");
    insta::assert_snapshot!("template_render", out);
}

/// `check` renders pages without keeping them, and still reports every
/// error a build's pages would hit.
#[test]
fn check_reports_the_template_render_errors_a_build_hits() {
    // The build's output is the snapshot of the test above (building the
    // fixture here too would make one build wait for the other).
    let check = diagnostics_of("invalid/template-render", "check");
    assert!(check.contains("template error"), "{check}");
    insta::assert_snapshot!("template_render", check);
}

#[test]
fn every_template_with_a_syntax_error_is_reported_at_once() {
    let out = diagnostics_of("invalid/template-many", "check");
    insta::assert_snapshot!("template_many", out);
}

#[test]
fn template_render_error_points_at_the_unknown_field() {
    let out = diagnostics_of("invalid/template-field", "build");
    insta::assert_snapshot!("template_field", out);
}

#[test]
fn unknown_theme_points_at_the_theme_line() {
    let out = diagnostics_of("invalid/unknown-theme", "check");
    insta::assert_snapshot!("unknown_theme", out);
}

/// Issue 16: what editors type: a tab in YAML indentation, dates written
/// day first, internal links written as site addresses.
#[test]
fn tabs_dates_and_addresses_as_editors_type_them() {
    let out = diagnostics_of("invalid/editor-typing", "check");
    insta::assert_snapshot!("editor_typing", out);
}

/// Issue 16: a link written as a site address is checked like an `@/` link.
#[test]
fn internal_links_written_as_addresses_are_checked() {
    let out = diagnostics_of("invalid/address-links", "check");
    insta::assert_snapshot!("address_links", out);
}

#[test]
fn brand_menu_stylesheet_and_methodology_that_do_not_resolve_point_at_their_lines() {
    let out = diagnostics_of("invalid/look", "check");
    insta::assert_snapshot!("look", out);
}
