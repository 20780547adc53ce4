//! Scoring of the figures layer: article-level casualty counts on CIS530P (gun
//! violence news; gold `n_killed` / `n_injured` per article) and VALUE spans
//! (money, percent, quantity) on MEANTIME.
//!
//! An article's predicted count is the largest exact figure of that kind (several
//! figures of one kind usually restate one toll), 0 without one.

use crate::half::Half;
use crate::times::{load_meantime, prf, score_doc, GoldTimex, Prf, TimesEvalError};
use newsgraph_model::{Article, Figure, FigureKind};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum FiguresEvalError {
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("parsing {path}: {source}")]
    Json {
        path: String,
        source: serde_json::Error,
    },
    #[error("{0}")]
    Times(#[from] TimesEvalError),
    #[error("{0}: X and y differ in length")]
    Mismatch(String),
}

#[derive(Debug, serde::Deserialize)]
struct XRec {
    text: String,
    #[serde(default)]
    publish_date: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
struct YRec {
    n_killed: i64,
    n_injured: i64,
}

/// Runs the layers the figures need (times, figures) on a bare text.
pub fn run_figures(text: &str, published: Option<String>) -> Vec<Figure> {
    let mut a = Article {
        text: text.to_string(),
        published,
        ..Default::default()
    };
    newsgraph_facts::times(&mut a);
    newsgraph_facts::figures(&mut a);
    a.figures
}

/// Article-level count of one kind: the largest figure of that kind.
pub fn article_count(figs: &[Figure], kind: FigureKind) -> i64 {
    figs.iter()
        .filter(|f| f.kind == kind && f.value < 1e6)
        .map(|f| f.value.round() as i64)
        .max()
        .unwrap_or(0)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CountScores {
    pub docs: usize,
    pub killed_accuracy: f64,
    pub injured_accuracy: f64,
    /// Share of articles where the gold count is 0 (the all-zero baseline's accuracy).
    pub killed_zero_baseline: f64,
    pub injured_zero_baseline: f64,
    pub seconds: f64,
}

/// One article where a count is wrong.
#[derive(Debug, Clone)]
pub struct CountMiss {
    pub index: usize,
    pub kind: &'static str,
    pub gold: i64,
    pub sys: i64,
    pub figures: Vec<String>,
}

fn read_json<T: serde::de::DeserializeOwned>(p: &Path) -> Result<T, FiguresEvalError> {
    let s = std::fs::read_to_string(p).map_err(|source| FiguresEvalError::Io {
        path: p.display().to_string(),
        source,
    })?;
    serde_json::from_str(&s).map_err(|source| FiguresEvalError::Json {
        path: p.display().to_string(),
        source,
    })
}

/// Scores CIS530P (`DIR/X_val.json` + `DIR/y_val.json`, or `DIR/dev/...`) on the
/// records of `half` (a record's id is its index in the file).
pub fn eval_cis530p(
    dir: &Path,
    half: Half,
    misses: &mut Vec<CountMiss>,
) -> Result<CountScores, FiguresEvalError> {
    let dir = if dir.join("dev").is_dir() {
        dir.join("dev")
    } else {
        dir.to_path_buf()
    };
    let xs: Vec<XRec> = read_json(&dir.join("X_val.json"))?;
    let ys: Vec<YRec> = read_json(&dir.join("y_val.json"))?;
    if xs.len() != ys.len() {
        return Err(FiguresEvalError::Mismatch(dir.display().to_string()));
    }
    let t0 = std::time::Instant::now();
    let (mut k_ok, mut i_ok, mut k0, mut i0, mut docs) = (0, 0, 0, 0, 0usize);
    for (n, (x, y)) in xs.iter().zip(&ys).enumerate() {
        if !half.keeps_id(&n.to_string()) {
            continue;
        }
        docs += 1;
        let figs = run_figures(&x.text, x.publish_date.clone());
        let k = article_count(&figs, FigureKind::Killed);
        let i = article_count(&figs, FigureKind::Injured);
        let desc = || {
            figs.iter()
                .filter(|f| matches!(f.kind, FigureKind::Killed | FigureKind::Injured))
                .map(|f| format!("{}={}:{}", f.kind, f.value, f.text))
                .collect::<Vec<_>>()
        };
        if k == y.n_killed {
            k_ok += 1;
        } else {
            misses.push(CountMiss {
                index: n,
                kind: "killed",
                gold: y.n_killed,
                sys: k,
                figures: desc(),
            });
        }
        if i == y.n_injured {
            i_ok += 1;
        } else {
            misses.push(CountMiss {
                index: n,
                kind: "injured",
                gold: y.n_injured,
                sys: i,
                figures: desc(),
            });
        }
        k0 += usize::from(y.n_killed == 0);
        i0 += usize::from(y.n_injured == 0);
    }
    let n = docs.max(1) as f64;
    Ok(CountScores {
        docs,
        killed_accuracy: k_ok as f64 / n,
        injured_accuracy: i_ok as f64 / n,
        killed_zero_baseline: k0 as f64 / n,
        injured_zero_baseline: i0 as f64 / n,
        seconds: t0.elapsed().as_secs_f64(),
    })
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ValueScores {
    pub docs: usize,
    pub gold: usize,
    pub sys: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    /// Relaxed matches whose type (MONEY, PERCENT, QUANTITY) agrees.
    pub typed: Prf,
}

fn value_type(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Money => "MONEY",
        FigureKind::Percent => "PERCENT",
        _ => "QUANTITY",
    }
}

/// Scores figures against MEANTIME VALUE markables (spans; types through `value`), on
/// the documents of `half`.
pub fn eval_meantime_values(dir: &Path, half: Half) -> Result<ValueScores, FiguresEvalError> {
    let mut docs = load_meantime(dir)?;
    docs.retain(|d| half.keeps_id(&d.id));
    let (mut gold, mut sys, mut strict, mut relaxed, mut typed) = (0, 0, 0, 0, 0);
    for d in &docs {
        let figs = run_figures(&d.text, d.dct.clone());
        let s: Vec<GoldTimex> = figs
            .iter()
            .map(|f| GoldTimex {
                span: [f.span.start, f.span.end],
                kind: value_type(f.kind).into(),
                value: value_type(f.kind).into(),
            })
            .collect();
        let g: Vec<GoldTimex> = d
            .values
            .iter()
            .map(|v| GoldTimex {
                span: v.span,
                kind: v.kind.clone(),
                value: v.kind.clone(),
            })
            .collect();
        let c = score_doc(d, &g, &s, &mut Vec::new());
        gold += c.gold;
        sys += c.sys;
        strict += c.strict;
        relaxed += c.relaxed;
        typed += c.value;
    }
    Ok(ValueScores {
        docs: docs.len(),
        gold,
        sys,
        strict: prf(strict, sys, gold),
        relaxed: prf(relaxed, sys, gold),
        typed: prf(typed, sys, gold),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_count_takes_the_largest_figure() {
        let figs = run_figures(
            "Two people were killed. The two men killed were brothers. Three others were injured.",
            None,
        );
        assert_eq!(article_count(&figs, FigureKind::Killed), 2);
        assert_eq!(article_count(&figs, FigureKind::Injured), 3);
        assert_eq!(article_count(&figs, FigureKind::Arrested), 0);
    }
}
