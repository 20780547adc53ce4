//! A multi-class averaged perceptron over hashed features: a dense table of
//! `2^rows_log2` rows × `classes` weights, a feature's hash picks its row.
//!
//! Training keeps the running weights and the sum needed for averaging (the
//! "w − u/c" trick, so an update costs O(classes) and no per-weight timestamps).
//! The shipped form is [`Weights`]: averaged, quantised to one byte per weight on a log
//! scale (sign + 127 magnitudes from the table's largest weight down to 1/10,000 of it,
//! ~4% relative error at most; linear `i8` lost the many small weights), decoded through
//! a 256-entry table when loaded. The file is then deflated (see `model.rs`).

/// The weights of one classifier, ready to score.
#[derive(Debug, Clone)]
pub struct Weights {
    rows_log2: u32,
    classes: usize,
    /// The largest magnitude (code 127).
    scale: f32,
    w: Vec<i8>,
    /// Value of each code (indexed by `code as u8`).
    decode: Box<[f32; 256]>,
}

/// Magnitude ratio between neighbouring codes: 126 steps span 10^4.
fn step() -> f32 {
    10f32.powf(4.0 / 126.0)
}

fn decode_table(scale: f32) -> Box<[f32; 256]> {
    let mut t = Box::new([0f32; 256]);
    let r = step();
    for k in 1..=127i32 {
        let v = scale * r.powi(k - 127);
        t[k as u8 as usize] = v;
        t[(-k) as i8 as u8 as usize] = -v;
    }
    t
}

fn encode(w: f32, scale: f32) -> i8 {
    let m = w.abs() / scale;
    if m == 0.0 || !m.is_finite() {
        return 0;
    }
    // k = 127 + log_r(m), rounded in the log domain; below code 1's half-step → 0.
    let k = 127.0 + m.ln() / step().ln();
    let k = k.round();
    if k < 1.0 {
        if k < 0.5 - 1.0 {
            return 0;
        }
        return w.signum() as i8;
    }
    let k = k.min(127.0) as i8;
    if w < 0.0 {
        -k
    } else {
        k
    }
}

#[inline]
fn row_of(h: u64, rows_log2: u32) -> usize {
    (h >> (64 - rows_log2)) as usize
}

impl Weights {
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the weights of every feature to `scores` (length `classes`).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &h in feats {
            let r = row_of(h, self.rows_log2) * self.classes;
            for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.classes]) {
                *s += self.decode[*w as u8 as usize];
            }
        }
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.rows_log2.to_le_bytes());
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend(self.w.iter().map(|w| *w as u8));
    }

    pub(crate) fn read(r: &mut super::model::Reader<'_>) -> Result<Self, super::model::ModelError> {
        let rows_log2 = r.u32()?;
        let classes = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        if !(8..=24).contains(&rows_log2)
            || classes == 0
            || classes > 64
            || !scale.is_finite()
            || scale <= 0.0
        {
            return Err(r.bad("weight table header"));
        }
        let n = (1usize << rows_log2) * classes;
        let w = r.bytes(n)?.iter().map(|b| *b as i8).collect();
        Ok(Weights {
            rows_log2,
            classes,
            scale,
            w,
            decode: decode_table(scale),
        })
    }
}

/// A perceptron being trained.
pub struct Trainer {
    rows_log2: u32,
    classes: usize,
    w: Vec<f32>,
    /// Sum of `c × update` per weight, for averaging.
    u: Vec<f64>,
    /// Number of instances seen (the averaging clock).
    c: f64,
}

impl Trainer {
    pub fn new(rows_log2: u32, classes: usize) -> Self {
        assert!(classes <= 64, "at most 64 classes");
        let n = (1usize << rows_log2) * classes;
        Trainer {
            rows_log2,
            classes,
            w: vec![0.0; n],
            u: vec![0.0; n],
            c: 1.0,
        }
    }

    /// Current (not averaged) scores, for decoding during training.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &h in feats {
            let r = row_of(h, self.rows_log2) * self.classes;
            for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.classes]) {
                *s += *w;
            }
        }
    }

    /// Moves the weights of `feats` towards `truth` and away from `guess`.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &h in feats {
            let r = row_of(h, self.rows_log2) * self.classes;
            self.w[r + truth] += 1.0;
            self.u[r + truth] += self.c;
            self.w[r + guess] -= 1.0;
            self.u[r + guess] -= self.c;
        }
    }

    /// Advances the averaging clock by one instance.
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights, quantised.
    pub fn finish(&self) -> Weights {
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| (*w as f64 - u / self.c) as f32)
            .collect();
        let scale = avg
            .iter()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE);
        let w = avg.iter().map(|w| encode(*w, scale)).collect();
        Weights {
            rows_log2: self.rows_log2,
            classes: self.classes,
            scale,
            w,
            decode: decode_table(scale),
        }
    }
}

/// Index of the best score among the allowed classes (`allowed[c]`), or the best of all.
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (c, s) in scores.iter().enumerate() {
        if allowed(c) && best.is_none_or(|(_, b)| *s > b) {
            best = Some((c, *s));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_codes_keep_small_weights_within_a_few_percent() {
        let scale = 40.0;
        let t = decode_table(scale);
        for w in [40.0f32, -40.0, 3.0, -0.5, 0.05, 0.01, -0.0041] {
            let back = t[encode(w, scale) as u8 as usize];
            assert!((back - w).abs() <= 0.04 * w.abs(), "{w} -> {back}");
        }
        assert_eq!(encode(0.0, scale), 0);
        assert_eq!(t[encode(1e-9, scale) as u8 as usize], 0.0);
    }
}
