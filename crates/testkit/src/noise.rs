//! Seeded pseudo-random input for the no-panic tests: the same seed gives the same
//! inputs on every machine, so a failure reproduces.

/// A seeded generator (fastrand's wyrand), with the two draws the tests use.
pub struct Rng(fastrand::Rng);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(fastrand::Rng::with_seed(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.u64(..)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.0.usize(..n)
        }
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Mutated strings: round `r` takes `seeds[r % seeds.len()]` and makes `r % max_edits`
/// random edits (deleting a char, or inserting one of `alphabet`).
pub fn mutations(
    seeds: &[&str],
    alphabet: &str,
    rounds: usize,
    max_edits: usize,
    seed: u64,
) -> impl Iterator<Item = String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let seeds: Vec<Vec<char>> = seeds.iter().map(|s| s.chars().collect()).collect();
    let mut rng = Rng::new(seed);
    (0..rounds).map(move |round| {
        let mut s = seeds[round % seeds.len()].clone();
        for _ in 0..(round % max_edits.max(1)) {
            let pos = rng.below(s.len() + 1);
            if rng.below(2) == 0 && pos < s.len() {
                s.remove(pos);
            } else {
                s.insert(pos, *rng.pick(&alphabet));
            }
        }
        s.into_iter().collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_noise_and_draws_in_range() {
        let a: Vec<String> = mutations(&["abc", "déf"], "xyz", 50, 7, 9).collect();
        let b: Vec<String> = mutations(&["abc", "déf"], "xyz", 50, 7, 9).collect();
        assert_eq!(a, b);
        assert!(a.iter().any(|s| s != "abc" && s != "déf"));
        let mut r = Rng::new(1);
        assert!((0..1000).all(|_| r.below(3) < 3));
        assert_eq!(r.below(0), 0);
    }
}
