//! `raport tracker add-review <tracker> <date>`.

use crate::cli::{TrackerArgs, TrackerKind};

/// Edits the tracker file and says what changed.
pub(super) fn run(a: TrackerArgs) -> Result<(), raport::Error> {
    match a.what {
        TrackerKind::AddReview(r) => {
            let added = raport::content::tracker::add_review(&r.root, &r.tracker, &r.date, r.id.as_deref())?;
            let file = r.root.join(&added.file);
            println!("added review `{}` to {}", added.id, file.display());
            if added.migrated > 0 {
                let cells = if added.migrated == 1 { "cell" } else { "cells" };
                println!(
                    "{} {cells} written in the short form now give their status under review `{}`",
                    added.migrated, added.previous
                );
            }
            println!(
                "Give each country its status under `{}:` (e.g. `al: {{{}: ..., {}: implemented}}`), then run `raport check`.",
                added.id, added.previous, added.id
            );
            Ok(())
        }
    }
}
