//! `newsgraph`: the thin binary. Parses the command line and hands each subcommand
//! to its module in `cmd/`; all behaviour lives in the library crates.

#[macro_use]
mod output;
mod cmd;
mod exit;
mod summary;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "News intelligence engine: articles in, structured records out",
    after_help = exit::HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read inputs (files, directories, URLs, `-` for stdin) and print one record per article.
    Extract(cmd::extract::Args),
    /// Score a layer against gold data.
    #[command(subcommand)]
    Eval(cmd::eval::EvalCommand),
    /// Train a statistical model from open data.
    #[command(subcommand)]
    Train(cmd::train::TrainCommand),
    /// Analyse inputs and add them to the store.
    Ingest(cmd::ingest::Args),
    /// Serve the HTTP API and the web UI over the store.
    Serve(cmd::serve::Args),
    /// Registry entities: show a record, merge two, split one article's entity off.
    Entity(cmd::entity::Args),
    /// Stream every stored record (with its story) as JSON Lines or CSV.
    Export(cmd::export::Args),
    /// Link articles stored without a story and merge stories that belong together.
    Relink(cmd::relink::Args),
    /// Pull inputs published by `ingest --queue`, analyse them, store them.
    Worker(cmd::worker::Args),
    /// Inspect the queue.
    #[command(subcommand)]
    Queue(cmd::queue::QueueCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Eval(c) => cmd::eval::run(c),
        Command::Train(c) => cmd::train::run(c),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Entity(a) => cmd::entity::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Relink(a) => cmd::relink::run(a),
        Command::Worker(a) => cmd::worker::run(a),
        Command::Queue(c) => cmd::queue::run(c),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`| head`): not a failure.
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            note!("error: {}", output::error_text(&e));
            ExitCode::FAILURE
        }
    }
}
