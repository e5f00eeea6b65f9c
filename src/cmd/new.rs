//! `raport new brief <stem>`.

use raport::i18n::Date;

use crate::cli::{NewArgs, NewKind};

/// Creates the new content and says what to do next.
pub(super) fn run(a: NewArgs) -> Result<(), raport::Error> {
    match a.what {
        NewKind::Brief(b) => {
            let files = raport::scaffold::new_brief(&b.root, &b.stem, Date::today())?;
            for f in &files {
                println!("created {}", b.root.join(f).display());
            }
            println!("Replace the TODOs, preview with `raport serve --drafts`, and remove `draft: true` to publish.");
            Ok(())
        }
    }
}
