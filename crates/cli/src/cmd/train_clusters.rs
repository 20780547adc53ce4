//! `newsgraph train clusters`: word clusters from unlabelled text (EWT train, GUM's train
//! split, the WCXB page texts, the Broad Twitter Corpus), for `train syntax --clusters`.
use anyhow::Context;
use newsgraph_nlp::syntax::{clusters, unlabelled};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Treebank texts: `.conllu` files, or GUM folders (their train split only).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "../shared/data/syntax/ud-english-ewt/en_ewt-ud-train.conllu,../shared/data/entities/gum-train"
    )]
    conllu: Vec<PathBuf>,
    /// Folders of page JSON files (`ground_truth.main_content`).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "../shared/data/extraction/wcxb-dev-articles/ground-truth"
    )]
    pages: Vec<PathBuf>,
    /// Token-per-line CoNLL files.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "../shared/data/entities/btc/a.conll,../shared/data/entities/btc/b.conll,../shared/data/entities/btc/e.conll,../shared/data/entities/btc/f.conll,../shared/data/entities/btc/g.conll,../shared/data/entities/btc/h.conll"
    )]
    conll: Vec<PathBuf>,
    #[arg(long, default_value_t = 64)]
    coarse: usize,
    #[arg(long, default_value_t = 512)]
    fine: usize,
    /// Forms seen fewer times get no cluster.
    #[arg(long, default_value_t = 3)]
    min_count: u32,
    /// Where to write the `form<TAB>coarse<TAB>fine` table.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        (1..=u16::MAX as usize).contains(&a.coarse) && (1..=u16::MAX as usize).contains(&a.fine),
        "--coarse and --fine must be within 1..=65535"
    );
    let t0 = std::time::Instant::now();
    let mut sents = Vec::new();
    let mut sources = Vec::new();
    for p in &a.conllu {
        unlabelled::from_conllu(p, &mut sents)
            .with_context(|| format!("reading {}", p.display()))?;
        sources.push(p.display().to_string());
    }
    for p in &a.pages {
        let n = unlabelled::from_pages(p, &mut sents)
            .with_context(|| format!("reading {}", p.display()))?;
        sources.push(format!("{} ({n} pages)", p.display()));
    }
    for p in &a.conll {
        unlabelled::from_conll(p, &mut sents)
            .with_context(|| format!("reading {}", p.display()))?;
        sources.push(p.display().to_string());
    }
    let words: usize = sents.iter().map(|s| s.len()).sum();
    let cfg = clusters::ClusterConfig {
        coarse: a.coarse,
        fine: a.fine,
        min_count: a.min_count,
        ..Default::default()
    };
    let cl = clusters::Clusters::learn(&sents, &cfg);
    let mut s = format!(
        "# word clusters (newsgraph train clusters: {} coarse, {} fine, min count {}) of {} forms\n# from {} sentences, {words} words: {}\n",
        a.coarse,
        a.fine,
        a.min_count,
        cl.len(),
        sents.len(),
        sources.join(", ")
    );
    cl.write(&mut s);
    std::fs::write(&a.out, s).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "{} sentences, {words} words: {} forms clustered, wrote {} in {:.1}s",
        sents.len(),
        cl.len(),
        a.out.display(),
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
