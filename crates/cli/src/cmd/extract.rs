//! `newsgraph extract`: read inputs, run the pipeline, print one record per article.

use anyhow::Context;
use newsgraph_model::{Article, BlockKind};
use newsgraph_pipeline::{Depth, Pipeline};
use newsgraph_read::{Extractor, Format, ReadOptions};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One JSON record per line.
    Jsonl,
    /// A pretty-printed JSON array.
    Json,
    /// Title and clean text, articles separated by a blank line.
    Text,
    /// A few readable lines per article: metadata, entities, quotes, claims, times,
    /// figures and events (for a person at a terminal; not a stable format).
    Summary,
    /// One CSV row per article (RFC 4180, header first): metadata, the entity names,
    /// the number of items in each analysis layer, and the clean text.
    Csv,
}

/// The CSV columns, in order.
const CSV_HEADER: &[&str] = &[
    "id",
    "url",
    "source",
    "language",
    "published",
    "authors",
    "title",
    "entities",
    "quotes",
    "claims",
    "times",
    "figures",
    "events",
    "text",
];

/// One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// An article as one CSV row (without the line ending).
fn csv_row(a: &Article) -> String {
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    let fields: [String; 14] = [
        a.id.clone(),
        a.url.clone().unwrap_or_default(),
        a.source.clone().unwrap_or_default(),
        a.language.clone().unwrap_or_default(),
        a.published.clone().unwrap_or_default(),
        a.authors.join("; "),
        a.title.clone().unwrap_or_default(),
        names.join("; "),
        a.quotes.len().to_string(),
        a.claims.len().to_string(),
        a.times.len().to_string(),
        a.figures.len().to_string(),
        a.events.len().to_string(),
        a.text.clone(),
    ];
    fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories (read recursively), `http(s)://` URLs, or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Publication date (ISO 8601) for articles whose input gives none; relative dates
    /// are resolved against it.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutputFormat,
    /// Only clean (text, blocks, furniture, metadata); skip the analysis layers.
    #[arg(long)]
    pub clean_only: bool,
    /// Input format instead of sniffing: text, html, feed, warc, jsonl.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<Format>,
    /// Main-text extractor for HTML: auto (learned, then readability and rs-trafilatura
    /// where the one before looks short; alias fast), learned, both, trafilatura,
    /// readability, page-text.
    #[arg(long, default_value = "auto")]
    pub extractor: Extractor,
    /// Add the syntax layer to each record: `tokens` with UPOS, lemma, dependency head
    /// and relation (see schema/).
    #[arg(long, conflicts_with = "clean_only")]
    pub with_tokens: bool,
    #[command(flatten)]
    pub walk: WalkArgs,
}

/// Which files of a directory are read (files named on the command line always are).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct WalkArgs {
    /// Read only the files under a directory whose name (or path under it) matches this
    /// glob (`*.html`, `2024/*`); repeatable. Turns off the default skips.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip the files under a directory that match this glob; repeatable. By default
    /// READMEs, licences, build files, code, media and archives are skipped.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

impl WalkArgs {
    /// The reader's walk options; a malformed glob is an error naming it.
    pub fn options(&self) -> anyhow::Result<newsgraph_read::WalkOptions> {
        newsgraph_read::WalkOptions::new(&self.include, &self.exclude).map_err(anyhow::Error::msg)
    }
}

/// Writes articles in the chosen format.
struct Printer<W: Write> {
    out: W,
    format: OutputFormat,
    count: usize,
}

impl<W: Write> Printer<W> {
    fn print(&mut self, a: &Article) -> anyhow::Result<()> {
        match self.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, a)?;
                self.out.write_all(b"\n")?;
            }
            OutputFormat::Json => {
                self.out
                    .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut self.out, a)?;
            }
            OutputFormat::Text => {
                if self.count > 0 {
                    self.out.write_all(b"\n\n")?;
                }
                if let Some(t) = &a.title {
                    writeln!(self.out, "{t}\n")?;
                }
                let ix = newsgraph_model::CharIndex::new(&a.text);
                let body: Vec<&str> = a
                    .blocks
                    .iter()
                    .filter(|b| b.kind != BlockKind::Title)
                    .map(|b| &a.text[ix.bytes(b.span)])
                    .collect();
                writeln!(self.out, "{}", body.join("\n"))?;
            }
            OutputFormat::Summary => {
                if self.count > 0 {
                    self.out.write_all(b"\n")?;
                }
                self.out.write_all(crate::summary::summary(a).as_bytes())?;
            }
            OutputFormat::Csv => {
                if self.count == 0 {
                    self.out.write_all(CSV_HEADER.join(",").as_bytes())?;
                    self.out.write_all(b"\r\n")?;
                }
                self.out.write_all(csv_row(a).as_bytes())?;
                self.out.write_all(b"\r\n")?;
            }
        }
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        if self.format == OutputFormat::Json {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(())
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(p) = &args.published {
        super::check_published(p)?;
    }
    let opts = ReadOptions {
        published: args.published.clone(),
        format: args.input_format,
        extractor: args.extractor,
        ..Default::default()
    };
    let depth = if args.clean_only {
        Depth::Clean
    } else {
        Depth::Full
    };
    let pipeline = if args.clean_only {
        None
    } else {
        let p = Pipeline::new().context("setting up the pipeline")?;
        Some(if args.with_tokens {
            p.with_syntax().context("setting up the syntax layer")?
        } else {
            p
        })
    };
    let inputs = newsgraph_read::expand_with(&args.inputs, &args.walk.options()?);
    let progress = if inputs.len() > 1 && (std::io::stderr().is_terminal() || inputs.len() >= 100) {
        let pb = indicatif::ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} inputs {elapsed} ({eta} left)",
        ) {
            pb.set_style(style);
        }
        Some(pb)
    } else {
        None
    };
    let report = |msg: String| match &progress {
        Some(pb) => pb.suspend(|| note!("{msg}")),
        None => note!("{msg}"),
    };
    let stdout = std::io::stdout();
    let mut printer = Printer {
        out: std::io::BufWriter::new(stdout.lock()),
        format: args.format,
        count: 0,
    };
    let mut failures = 0usize;
    let mut write_error: Option<anyhow::Error> = None;
    for input in inputs {
        let input = match input {
            Ok(i) => i,
            Err(e) if e.is_warning() => {
                report(format!("warning: {e}"));
                continue;
            }
            Err(e) => {
                failures += 1;
                report(e.to_string());
                continue;
            }
        };
        let mut emit = |r: Result<Article, newsgraph_read::ReadError>| match r {
            Ok(mut a) => {
                match &pipeline {
                    Some(p) => p.run(&mut a, depth),
                    // Cleaning only: the metadata still gets its language.
                    None => newsgraph_nlp::language::fill_missing(&mut a),
                }
                if let Some(t) = &a.truncated {
                    let name = a.origin.as_deref().unwrap_or(&a.id);
                    report(format!("warning: {name}: {t}"));
                }
                if write_error.is_none() {
                    if let Err(e) = printer.print(&a) {
                        write_error = Some(e);
                    }
                }
            }
            Err(e) if e.is_warning() => report(format!("warning: {e}")),
            Err(e) => {
                failures += 1;
                report(e.to_string());
            }
        };
        if let Err(e) = newsgraph_read::read(&input, &opts, &mut emit) {
            failures += 1;
            report(e.to_string());
        }
        if let Some(pb) = &progress {
            pb.inc(1);
        }
        if write_error.is_some() {
            break;
        }
    }
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    // A closed pipe (`| head`) is not a failure of ours: stop quietly.
    let written = match write_error {
        Some(e) => Err(e),
        None => printer.finish(),
    };
    match written {
        Err(e) if crate::output::is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e.context("writing the output")),
        Ok(()) => {}
    }
    if printer.count == 0 {
        note!("no article could be read ({failures} error(s))");
        return Ok(ExitCode::FAILURE);
    }
    if failures > 0 {
        note!(
            "{} article(s) written; {failures} input(s) or record(s) could not be read (exit code {})",
            printer.count,
            crate::exit::PARTIAL
        );
        return Ok(ExitCode::from(crate::exit::PARTIAL));
    }
    Ok(ExitCode::SUCCESS)
}
