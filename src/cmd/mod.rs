//! Command glue: turn parsed arguments into library calls. No logic here.

mod build;
mod check;
mod completions;
mod init;
mod new;
mod serve;
mod tracker;

use crate::cli::Command;

/// Runs one command.
pub(crate) fn run(command: Command) -> Result<(), raport::Error> {
    match command {
        Command::Build(a) => build::run(a),
        Command::Check(a) => check::run(a),
        Command::Serve(a) => serve::run(a),
        Command::New(a) => new::run(a),
        Command::Tracker(a) => tracker::run(a),
        Command::Init(a) => init::run(a),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => completions::man(a),
    }
}
