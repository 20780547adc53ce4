//! `newsgraph eval <layer>`: one module per layer.
use std::process::ExitCode;

mod entities;
mod extraction;
mod figures;
mod quotes;
mod registry;
mod syntax;
mod times;

#[derive(clap::Subcommand)]
pub enum EvalCommand {
    /// Main-text extraction: word F1 on WCXB.
    Extraction(extraction::Args),
    /// Named entities on GUM and MEANTIME.
    Entities(entities::Args),
    /// Quotes and speakers on PolNeAR.
    Quotes(quotes::Args),
    /// POS tags, lemmas and dependency trees from raw text on UD English (EWT dev, GUM
    /// check split), beside spaCy sm when its venv is found.
    Syntax(syntax::Args),
    /// Cross-document entity identity (the registry): B-cubed on MEANTIME and ECB+.
    Registry(registry::Args),
    /// Temporal expressions on TimeML (TBAQ) and MEANTIME.
    Times(times::Args),
    /// Casualty counts on CIS530P and MEANTIME values.
    Figures(figures::Args),
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Extraction(a) => extraction::run(a),
        EvalCommand::Entities(a) => entities::run(a),
        EvalCommand::Quotes(a) => quotes::run(a),
        EvalCommand::Registry(a) => registry::run(a),
        EvalCommand::Times(a) => times::run(a),
        EvalCommand::Syntax(a) => syntax::run(a),
        EvalCommand::Figures(a) => figures::run(a),
    }
}
