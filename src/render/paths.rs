//! Where things live in the output: the path of each kind of page and data
//! file under its language root. A leaf module: page builders, views, feeds
//! and data exports all link with it without importing one another.

use crate::content::doc::{Doc, Section};

/// The path of a document under its language root.
pub(crate) fn doc_path(d: &Doc) -> String {
    match d.section {
        Section::Briefs => format!("briefs/{}/", d.slug),
        Section::Pages => format!("{}/", d.slug),
    }
}

/// Identity of a document across languages: translations share it (`briefs:alpha`).
pub(crate) fn doc_key(d: &Doc) -> String {
    format!("{}:{}", d.section.dir(), d.stem)
}

/// The path of a tracker page under its language root.
pub(crate) fn tracker_path(id: &str) -> String {
    format!("trackers/{id}/")
}

/// The site-relative path of a tracker's data file (`ext`: `json` or `csv`).
pub(crate) fn data_path(id: &str, ext: &str) -> String {
    format!("data/trackers/{id}.{ext}")
}
