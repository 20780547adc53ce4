//! `newsgraph eval <layer>`: one module per layer.
use std::process::ExitCode;

mod duplicates;
mod entities;
mod extraction;
mod figures;
mod quotes;
mod registry;
pub(crate) mod stories;
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
    /// Story clustering (B-cubed, shuffled orders) on ECB+ and GVA, beside TF-IDF + agglomerative.
    Stories(stories::Args),
    /// Near-duplicates on a syndication set built from ECB+, beside datasketch MinHashLSH.
    Duplicates(duplicates::Args),
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
        EvalCommand::Stories(a) => stories::run(a),
        EvalCommand::Duplicates(a) => duplicates::run(a),
    }
}

/// Runs a peer script (`bench/...`, relative to the repository root) with `python`, feeding it `input` on stdin;
/// its stdout. `None` when `python` is `none` or missing (the peer is skipped, said on
/// stderr).
pub(crate) fn run_peer(
    python: &str,
    script: &str,
    args: &[&str],
    input: Vec<u8>,
) -> anyhow::Result<Option<String>> {
    use anyhow::Context;
    use std::io::Write;
    if python == "none" {
        return Ok(None);
    }
    if !std::path::Path::new(python).exists() {
        eprintln!(
            "newsgraph: no peer ({python} not found; run bench/setup-venv or pass --peer-python)"
        );
        return Ok(None);
    }
    let script = std::path::Path::new(script);
    anyhow::ensure!(
        script.exists(),
        "{} not found (run from the repository root)",
        script.display()
    );
    let mut child = std::process::Command::new(python)
        .arg(script)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("starting the peer with {python}"))?;
    let mut stdin = child.stdin.take().context("peer stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().context("running the peer")?;
    let _ = writer.join();
    anyhow::ensure!(
        out.status.success(),
        "the peer {} failed ({})",
        script.display(),
        out.status
    );
    Ok(Some(String::from_utf8_lossy(&out.stdout).into_owned()))
}
