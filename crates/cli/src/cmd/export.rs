//! `newsgraph export`: every stored record, streamed as JSON Lines (the full record with
//! `story` and `duplicate_of`) or CSV (one row per article). Constant memory; a closed
//! pipe (`| head`) ends the export quietly.

use super::store::StoreArgs;
use anyhow::Context;
use newsgraph_model::Article;
use newsgraph_store::ExportFilter;
use std::io::Write;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
    /// Only the articles of this story.
    #[arg(long, value_name = "ID")]
    pub story: Option<String>,
    /// Only articles published on or after this ISO date (YYYY, YYYY-MM, YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

const CSV_HEADER: [&str; 15] = [
    "id",
    "url",
    "source",
    "published",
    "title",
    "story",
    "duplicate_of",
    "similarity",
    "entities",
    "quotes",
    "claims",
    "times",
    "figures",
    "events",
    "furniture",
];

fn csv_row(a: &Article) -> [String; 15] {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        a.id.clone(),
        o(&a.url),
        o(&a.source),
        o(&a.published),
        o(&a.title),
        o(&a.story),
        a.duplicate_of
            .as_ref()
            .map(|d| d.id.clone())
            .unwrap_or_default(),
        a.duplicate_of
            .as_ref()
            .map(|d| format!("{:.3}", d.similarity))
            .unwrap_or_default(),
        a.entities.len().to_string(),
        a.quotes.len().to_string(),
        a.claims.len().to_string(),
        a.times.len().to_string(),
        a.figures.len().to_string(),
        a.events.len().to_string(),
        a.furniture.len().to_string(),
    ]
}

fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(s) = &args.since {
        super::check_iso_prefix("--since", s)?;
    }
    let opened = args.store.open_for_reading(2, false)?;
    let store = opened.store();
    let filter = ExportFilter {
        story: args.story.clone(),
        since: args.since.clone(),
    };
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failure: Option<std::io::Error> = None;
    match args.format {
        ExportFormat::Jsonl => {
            let mut out = out;
            store.export(&filter, &mut |a| {
                let r = serde_json::to_writer(&mut out, &a)
                    .map_err(std::io::Error::from)
                    .and_then(|_| out.write_all(b"\n"));
                match r {
                    Ok(()) => true,
                    Err(e) => {
                        failure = Some(e);
                        false
                    }
                }
            })?;
            if failure.is_none() {
                if let Err(e) = out.flush() {
                    failure = Some(e);
                }
            }
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let header = w.write_record(CSV_HEADER).map_err(csv_io);
            if let Err(e) = header {
                failure = Some(e);
            } else {
                store.export(&filter, &mut |a| match w.write_record(csv_row(&a)) {
                    Ok(()) => true,
                    Err(e) => {
                        failure = Some(csv_io(e));
                        false
                    }
                })?;
                if failure.is_none() {
                    if let Err(e) = w.flush() {
                        failure = Some(e);
                    }
                }
            }
        }
    }
    match failure {
        None => Ok(ExitCode::SUCCESS),
        // The reader went away (`| head`): not an error of the export.
        Some(e) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        Some(e) => Err(e).context("writing the export to stdout"),
    }
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}
