//! `raport serve`.

use raport::serve::{ServeOptions, serve};

use crate::cli::ServeArgs;

/// Serves the site with live reload until stopped.
pub(super) fn run(a: ServeArgs) -> Result<(), raport::Error> {
    serve(&ServeOptions { root: a.root, port: a.port, drafts: a.drafts })
}
