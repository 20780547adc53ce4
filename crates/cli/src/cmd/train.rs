use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum TrainCommand {
    /// Train the named-entity tagger.
    Ner {},
}

pub fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Ner {} => anyhow::bail!("`newsgraph train ner` is not implemented yet"),
    }
}
