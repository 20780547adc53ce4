//! The times/figures/events share of the full pipeline's time, and the times layer's
//! own throughput, on a corpus of plain-text articles (BBC: first line the title,
//! then paragraphs). Single thread.

use newsgraph_model::{Article, BlockKind, Meta};
use std::path::Path;
use std::time::{Duration, Instant};

/// Per-stage wall times over the corpus, in the pipeline's stage order.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StageTimes {
    pub docs: usize,
    pub chars: usize,
    /// (stage name, seconds), one per entry of `newsgraph_pipeline::STAGES`.
    pub stages: Vec<(&'static str, f64)>,
    /// `Pipeline::run` on the same articles, end to end (for cross-checking the sum).
    pub pipeline_run: f64,
    /// `times_with_reference` alone on the raw texts.
    pub times_only: f64,
}

impl StageTimes {
    pub fn total(&self) -> f64 {
        self.stages.iter().map(|(_, t)| t).sum()
    }
    /// Time of the facts stages (times, reanchor, figures, events).
    pub fn facts(&self) -> f64 {
        self.stages
            .iter()
            .filter(|(n, _)| matches!(*n, "times" | "reanchor" | "figures" | "events"))
            .map(|(_, t)| t)
            .sum()
    }
}

/// Reads up to `limit` `.txt` articles under `dir` (sorted), as (path, text).
pub fn read_corpus(dir: &Path, limit: usize) -> std::io::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let files =
        newsgraph_nlp::corpus::files_under(dir, ".txt", newsgraph_nlp::corpus::Depth::Recursive)
            .map_err(std::io::Error::other)?;
    for p in files {
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("README.TXT"))
        {
            continue;
        }
        let bytes = std::fs::read(&p)?;
        out.push((
            p.display().to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

fn article(text: &str) -> Article {
    let mut lines = text.lines();
    let title = lines
        .by_ref()
        .find(|l| !l.trim().is_empty())
        .map(|s| s.trim().to_string());
    let body: Vec<(BlockKind, String)> = text
        .split("\n\n")
        .skip(1)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| (BlockKind::Paragraph, p.to_string()))
        .collect();
    let meta = Meta {
        published: Some("2005-01-01".into()),
        ..Default::default()
    };
    Article::from_blocks(meta, title, &body)
}

fn timed<F: FnOnce()>(acc: &mut f64, f: F) {
    let t = Instant::now();
    f();
    *acc += t.elapsed().as_secs_f64();
}

/// Runs every stage of the pipeline, in the pipeline's order, timing each.
pub fn bench_stages(
    texts: &[(String, String)],
) -> Result<StageTimes, newsgraph_pipeline::PipelineError> {
    let pipeline = newsgraph_pipeline::Pipeline::new()?;
    let mut st = StageTimes {
        docs: texts.len(),
        stages: newsgraph_pipeline::STAGES
            .iter()
            .map(|s| (s.name, 0.0))
            .collect(),
        ..Default::default()
    };
    for (_, text) in texts {
        let base = article(text);
        st.chars += base.text.chars().count();
        let mut a = base.clone();
        for (stage, (_, t)) in newsgraph_pipeline::STAGES.iter().zip(&mut st.stages) {
            timed(t, || stage.run(&pipeline, &mut a));
        }
        // `times_only` runs on the raw text before `Pipeline::run`, so the facts
        // tokenizer's per-thread cache no longer holds this article's tokens and the
        // end-to-end run tokenizes like the staged one (no cache hit to flatter it).
        let dct = newsgraph_facts::calendar::parse_iso_date("2005-01-01");
        let mut n = 0;
        timed(&mut st.times_only, || {
            n = newsgraph_facts::times_with_reference(text, dct).len()
        });
        std::hint::black_box(n);
        let mut b = base.clone();
        timed(&mut st.pipeline_run, || {
            pipeline.run(&mut b, newsgraph_pipeline::Depth::Full)
        });
    }
    Ok(st)
}

/// A human-readable report.
pub fn report(st: &StageTimes) -> String {
    let pct = |x: f64| {
        if st.total() > 0.0 {
            100.0 * x / st.total()
        } else {
            0.0
        }
    };
    let ms = |x: f64| Duration::from_secs_f64(x).as_secs_f64() * 1000.0;
    let mut s = format!(
        "corpus: {} docs, {} chars, single thread\n",
        st.docs, st.chars
    );
    for &(name, v) in &st.stages {
        s.push_str(&format!(
            "  {name:<9} {:>9.1} ms  {:>5.1}%\n",
            ms(v),
            pct(v)
        ));
    }
    s.push_str(&format!(
        "  {:<9} {:>9.1} ms  (Pipeline::run end to end: {:.1} ms)\n",
        "sum",
        ms(st.total()),
        ms(st.pipeline_run)
    ));
    s.push_str(&format!(
        "facts (times, reanchor, figures, events): {:.1}% of the pipeline\n",
        pct(st.facts())
    ));
    let secs = st.times_only.max(1e-9);
    s.push_str(&format!(
        "times layer alone: {:.0} docs/s, {:.2} M chars/s\n",
        st.docs as f64 / secs,
        st.chars as f64 / secs / 1e6
    ));
    s
}
