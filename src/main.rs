//! The `raport` binary: parse arguments, run a command, map the result to an
//! exit status: 0 success, 1 content errors, 2 usage errors, 3 I/O errors or
//! an internal failure (a bug), 130 interrupted (docs/errors.md).

mod cli;
mod cmd;

use clap::Parser;

/// mimalloc: a build allocates and frees millions of small strings on every
/// thread, in less time than with the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit status of a usage error, clap's included.
const USAGE: i32 = 2;
/// The exit status of an I/O error or an internal failure.
const FAILURE: i32 = 3;

fn main() {
    raport::no_huge_pages();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not errors.
            std::process::exit(if e.use_stderr() { USAGE } else { 0 });
        }
    };
    // A panic is a bug in raport, never the content's fault: the default
    // hook prints it, and the status says "internal failure".
    let result = std::panic::catch_unwind(|| cmd::run(cli.command)).unwrap_or_else(|_| std::process::exit(FAILURE));
    std::process::exit(match result {
        Ok(()) => 0,
        Err(e) => {
            match &e {
                raport::Error::Content(d) => eprint!("{}", d.render_human_styled(raport::diag::stderr_color())),
                _ => eprint!("{e}"),
            }
            if !matches!(e, raport::Error::Content(_)) {
                eprintln!();
            }
            e.exit_code()
        }
    });
}
