//! When, how many, what happened: temporal expressions normalised TIMEX3-style against
//! the publication date, figures with units and sources, and events with actors,
//! targets, places and times.
//!
//! Start reading at [`times`], [`figures`] and [`events`]; `ARCH.md` is the codemap.

pub mod calendar;
mod events;
mod figures;
mod lexicon;
pub mod numbers;
pub mod times;
pub mod tokens;

pub use events::{events, reanchor_quotes};
pub use figures::figures;
pub use times::{times, times_with_reference};

/// Mutated strings for the no-panic tests: round `r` takes `seeds[r % seeds.len()]`
/// and makes `r % max_edits` random edits (deleting a char, or inserting one of
/// `alphabet`), from a fixed xorshift state.
#[cfg(test)]
pub(crate) fn noise(
    seeds: &[&str],
    alphabet: &str,
    rounds: usize,
    max_edits: usize,
    state: u64,
) -> impl Iterator<Item = String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let seeds: Vec<Vec<char>> = seeds.iter().map(|s| s.chars().collect()).collect();
    let mut x = state;
    (0..rounds).map(move |round| {
        let mut s = seeds[round % seeds.len()].clone();
        for _ in 0..(round % max_edits) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let pos = (x as usize) % (s.len() + 1);
            let c = alphabet[(x >> 32) as usize % alphabet.len()];
            if x & 1 == 0 && pos < s.len() {
                s.remove(pos);
            } else {
                s.insert(pos, c);
            }
        }
        s.into_iter().collect()
    })
}
