//! Word clusters learned from unlabelled text, read by the tagger and the parser as
//! features: a word the treebanks never (or rarely) saw still gets the evidence of the
//! words it shares contexts with (`Kazakhstan` with the other countries, `reshuffle`
//! with the other nouns). `newsgraph train clusters` learns them into
//! `crates/nlp/data/word_clusters.tsv`; `train syntax` copies the table into the model, so
//! a model always carries the clusters its weights were trained with.
//!
//! The method (distributional clustering, a stand-in for Brown clusters at a fraction of
//! their cost): each frequent cased form is a vector of its left and right neighbours
//! (the `contexts` most frequent forms, the rest folded into one value, sentence edges
//! another), weighted by positive PMI and normalised; spherical k-means then cuts the
//! forms into `coarse` and, separately, `fine` clusters. Neighbour contexts are what
//! part of speech is made of, so the clusters are mostly syntactic. Deterministic: no
//! randomness, the seeds are forms spread over the frequency ranks.

use std::collections::HashMap;

/// A form's clusters: coarse and fine ids.
pub type ClusterIds = [u16; 2];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    /// Cased form (digits folded, see `words::normalise_cased`) → ids.
    pub(crate) ids: HashMap<String, ClusterIds>,
}

#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Forms seen fewer times get no cluster.
    pub min_count: u32,
    /// Neighbour forms kept apart as contexts.
    pub contexts: usize,
    pub coarse: usize,
    pub fine: usize,
    pub iterations: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            min_count: 3,
            contexts: 1000,
            coarse: 64,
            fine: 512,
            iterations: 12,
        }
    }
}

/// Dense centroids stored dimension-major (`c[d * k + j]`), so scoring a sparse vector
/// walks each of its dimensions' `k` weights in a row.
fn kmeans(vecs: &[Vec<(u32, f32)>], dims: usize, k: usize, iterations: usize) -> Vec<u16> {
    let v = vecs.len();
    let k = k.clamp(1, v.max(1)).min(u16::MAX as usize);
    let mut assign = vec![0u16; v];
    if v == 0 {
        return assign;
    }
    let mut c = vec![0f32; dims * k];
    // Seeds: forms spread over the frequency ranks (`vecs` is in frequency order).
    for j in 0..k {
        for &(d, x) in &vecs[j * v / k] {
            c[d as usize * k + j] = x;
        }
    }
    let mut scores = vec![0f32; k];
    for it in 0..iterations {
        let mut moved = 0usize;
        for (w, vec) in vecs.iter().enumerate() {
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &(d, x) in vec {
                let row = &c[d as usize * k..d as usize * k + k];
                for (s, cw) in scores.iter_mut().zip(row) {
                    *s += x * cw;
                }
            }
            let best = scores
                .iter()
                .enumerate()
                .fold(
                    (0, f32::MIN),
                    |b, (j, s)| if *s > b.1 { (j, *s) } else { b },
                )
                .0 as u16;
            moved += (best != assign[w] || it == 0) as usize;
            assign[w] = best;
        }
        // New centroids: the normalised sums of their members; an empty one keeps its
        // old direction.
        let mut sum = vec![0f32; dims * k];
        let mut members = vec![0usize; k];
        for (w, vec) in vecs.iter().enumerate() {
            let j = assign[w] as usize;
            members[j] += 1;
            for &(d, x) in vec {
                sum[d as usize * k + j] += x;
            }
        }
        for j in 0..k {
            if members[j] == 0 {
                continue;
            }
            let norm = (0..dims)
                .map(|d| sum[d * k + j] * sum[d * k + j])
                .sum::<f32>()
                .sqrt()
                .max(f32::MIN_POSITIVE);
            for d in 0..dims {
                c[d * k + j] = sum[d * k + j] / norm;
            }
        }
        if moved == 0 {
            break;
        }
    }
    assign
}

impl Clusters {
    /// Learns clusters from sentences of forms (already keyed: see
    /// `words::normalise_cased`).
    pub fn learn<S: AsRef<str>>(sentences: &[Vec<S>], cfg: &ClusterConfig) -> Self {
        let mut count: HashMap<&str, u32> = HashMap::new();
        for s in sentences {
            for w in s {
                *count.entry(w.as_ref()).or_default() += 1;
            }
        }
        let mut by_freq: Vec<(&str, u32)> = count.into_iter().collect();
        by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let rank: HashMap<&str, usize> = by_freq
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (*w, i))
            .collect();
        let vocab = by_freq
            .iter()
            .take_while(|(_, n)| *n >= cfg.min_count)
            .count();
        let nctx = cfg.contexts;
        // Context values: 0..nctx the frequent forms, nctx the others, nctx+1 an edge;
        // left contexts first, right ones after.
        let side = nctx + 2;
        let ctx = |w: Option<&S>| match w {
            None => nctx + 1,
            Some(w) => rank
                .get(w.as_ref())
                .copied()
                .filter(|r| *r < nctx)
                .unwrap_or(nctx),
        };
        let mut pairs: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab];
        let mut ctx_total = vec![0f64; 2 * side];
        let mut total = 0f64;
        for s in sentences {
            for (i, w) in s.iter().enumerate() {
                let left = ctx(i.checked_sub(1).and_then(|j| s.get(j)));
                let right = side + ctx(s.get(i + 1));
                ctx_total[left] += 1.0;
                ctx_total[right] += 1.0;
                total += 1.0;
                if let Some(&r) = rank.get(w.as_ref()).filter(|r| **r < vocab) {
                    *pairs[r].entry(left as u32).or_default() += 1.0;
                    *pairs[r].entry(right as u32).or_default() += 1.0;
                }
            }
        }
        let vecs: Vec<Vec<(u32, f32)>> = pairs
            .iter()
            .enumerate()
            .map(|(r, p)| {
                let nw = by_freq[r].1 as f64;
                let mut v: Vec<(u32, f32)> = p
                    .iter()
                    .filter_map(|(&d, &n)| {
                        let pmi = (n as f64 * total / (nw * ctx_total[d as usize])).ln();
                        (pmi > 0.0).then_some((d, pmi as f32))
                    })
                    .collect();
                v.sort_by_key(|x| x.0);
                let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|x| x.1 /= norm);
                }
                v
            })
            .collect();
        let coarse = kmeans(&vecs, 2 * side, cfg.coarse, cfg.iterations);
        let fine = kmeans(&vecs, 2 * side, cfg.fine, cfg.iterations);
        let ids = (0..vocab)
            .map(|r| (by_freq[r].0.to_string(), [coarse[r], fine[r]]))
            .collect();
        Clusters { ids }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<ClusterIds> {
        self.ids.get(key).copied()
    }

    /// `form\tcoarse\tfine` lines, sorted by form (forms with a tab or newline, which no
    /// token has, are left out).
    pub fn write(&self, out: &mut String) {
        let mut v: Vec<(&String, &ClusterIds)> = self.ids.iter().collect();
        v.sort();
        for (f, [c, fi]) in v {
            if !f.contains(['\n', '\t']) && !f.starts_with('#') {
                out.push_str(&format!("{f}\t{c}\t{fi}\n"));
            }
        }
    }

    /// Reads what [`Clusters::write`] wrote (lines starting with `#` are comments);
    /// `Err` names the first malformed line.
    pub fn read(text: &str) -> Result<Self, String> {
        let mut ids = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut it = line.split('\t');
            let parsed = (|| {
                let f = it.next()?;
                let c = it.next()?.parse().ok()?;
                let fi = it.next()?.parse().ok()?;
                it.next().is_none().then(|| (f.to_string(), [c, fi]))
            })();
            let (f, v) = parsed.ok_or_else(|| format!("line {}: {line:?}", i + 1))?;
            ids.insert(f, v);
        }
        Ok(Clusters { ids })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forms used in the same frames end up together, apart from forms of other frames.
    #[test]
    fn forms_sharing_contexts_share_a_cluster() {
        // Determiners, nouns and verbs in three frequency bands (the seeds are spread over
        // the frequency ranks): `the N V`, `a N V`, and `the N` twice per noun.
        let mut sents: Vec<Vec<String>> = Vec::new();
        let nouns = ["cat", "dog", "bird", "fish"];
        let verbs = ["runs", "sleeps", "eats", "sings"];
        let s = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        for n in nouns {
            for v in verbs {
                sents.push(s(&["the", n, v]));
                sents.push(s(&["a", n, v]));
            }
            sents.push(s(&["the", n]));
            sents.push(s(&["the", n]));
        }
        let cfg = ClusterConfig {
            min_count: 2,
            contexts: 20,
            coarse: 3,
            fine: 3,
            iterations: 10,
        };
        let cl = Clusters::learn(&sents, &cfg);
        let c = |w: &str| cl.get(w).expect("clustered")[0];
        assert!(nouns.iter().all(|n| c(n) == c("cat")));
        assert!(verbs.iter().all(|v| c(v) == c("runs")));
        assert_ne!(c("cat"), c("runs"));
        assert_eq!(c("the"), c("a"));
        assert_ne!(c("the"), c("cat"));
        let mut s = String::from("# provenance\n");
        cl.write(&mut s);
        assert_eq!(Clusters::read(&s).as_ref(), Ok(&cl));
        assert!(Clusters::read("cat\t1\n").is_err());
    }
}
