//! `newsgraph eval registry`: cross-document entity identity (B-cubed) on MEANTIME and ECB+,
//! on fixed tune/check halves, beside spaCy sm + exact name in the same run.
use newsgraph_eval::registry::{self, Config, Half, PeerScore};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// MEANTIME cross-document folder.
    #[arg(long, default_value = "../shared/data/entities/meantime-crossdoc")]
    meantime: PathBuf,
    /// ECB+ folder (with `ECB+/` and `ECBplus_coreference_sentences.csv`).
    #[arg(long, default_value = "../shared/data/stories/ecbplus-dev")]
    ecbplus: PathBuf,
    /// Which halves, each in its own store: tune (MEANTIME even documents, ECB+ odd
    /// topics), check (the others), all. Quote the check half.
    #[arg(long, default_value = "tune,check")]
    halves: String,
    /// Write texts, gold and system mentions as JSON Lines (input of
    /// bench/registry/spacy_registry.py).
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Python with spaCy en_core_web_sm for the peer row; `none` skips it.
    #[arg(long, default_value = ".venv/bin/python")]
    peer_python: String,
    /// Keep the stores built for scoring under this folder (one per set and half).
    #[arg(long)]
    keep_store: Option<PathBuf>,
    /// MEANTIME documents: `all` 60, or the `dev` fifth the shipped NER model was not
    /// trained on.
    #[arg(long, default_value = "all", value_parser = ["all", "dev"])]
    split: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(serde::Deserialize)]
struct PeerRow {
    corpus: String,
    half: String,
    #[serde(flatten)]
    score: PeerScore,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let present = |p: &PathBuf| if p.exists() { Some(p.clone()) } else { None };
    let halves = a
        .halves
        .split(',')
        .map(|h| {
            Half::parse(h.trim())
                .ok_or_else(|| anyhow::anyhow!("--halves: unknown half {h:?} (tune, check, all)"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    // The peer reads the dump: a temporary one unless --dump keeps it.
    let tmp_dump = (a.dump.is_none() && a.peer_python != "none").then(|| {
        std::env::temp_dir().join(format!("newsgraph-registry-{}.jsonl", std::process::id()))
    });
    let dump = a.dump.clone().or(tmp_dump.clone());
    let cfg = Config {
        meantime: present(&a.meantime),
        ecbplus: present(&a.ecbplus),
        dump: dump.clone(),
        keep_store: a.keep_store,
        split: Some(if a.split == "dev" {
            newsgraph_nlp::corpus::Split::Dev
        } else {
            newsgraph_nlp::corpus::Split::All
        }),
        halves,
    };
    anyhow::ensure!(
        cfg.meantime.is_some() || cfg.ecbplus.is_some(),
        "neither --meantime ({}) nor --ecbplus ({}) exists",
        a.meantime.display(),
        a.ecbplus.display()
    );
    let scored = registry::run(&cfg);
    let peer = match (&scored, &dump) {
        (Ok(_), Some(path)) if a.peer_python != "none" => {
            let input = std::fs::read(path)?;
            super::run_peer(
                &a.peer_python,
                "bench/registry/spacy_registry.py",
                &["--json"],
                input,
            )
        }
        _ => Ok(None),
    };
    if let Some(t) = &tmp_dump {
        let _ = std::fs::remove_file(t);
    }
    let mut scores = scored?;
    for line in peer?
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let row: PeerRow = serde_json::from_str(line)
            .map_err(|e| anyhow::anyhow!("spaCy peer output {line:?}: {e}"))?;
        if let Some(s) = scores
            .iter_mut()
            .find(|s| s.corpus == row.corpus && s.half == row.half)
        {
            s.spacy = Some(row.score);
        }
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", registry::report(&scores));
    }
    Ok(ExitCode::SUCCESS)
}
