//! Command glue: turn parsed arguments into library calls. No logic here.

mod build;
mod check;

use crate::cli::Command;

/// Runs one command.
pub fn run(command: Command) -> Result<(), raport::Error> {
    match command {
        Command::Build(a) => build::run(a),
        Command::Check(a) => check::run(a),
    }
}
