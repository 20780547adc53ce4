use serde::{Deserialize, Serialize};

/// A `[start, end)` range of Unicode code points in an article's `text`.
///
/// Serialised as a two-element array `[start, end]`, the form the contract uses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the two spans share at least one code point.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<[usize; 2]> for Span {
    fn from(a: [usize; 2]) -> Self {
        Span {
            start: a[0],
            end: a[1],
        }
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}

/// The run of `sorted` (ordered by span start) whose spans start inside `range`
/// (`range.start..=range.end`), found by binary search: every item that lies within
/// `range` is in it, so a `contains` filter on top gives those without scanning the
/// whole list (long articles have tens of thousands of mentions and times).
pub fn starting_in<T>(sorted: &[T], span_of: impl Fn(&T) -> Span, range: Span) -> &[T] {
    let lo = sorted.partition_point(|x| span_of(x).start < range.start);
    let hi = sorted.partition_point(|x| span_of(x).start <= range.end);
    &sorted[lo..hi.max(lo)]
}

/// The first span of `sorted` (ordered and non-overlapping, as sentences are) that
/// contains `inner`, by binary search.
pub fn containing(sorted: &[Span], inner: &Span) -> Option<Span> {
    let mut k = sorted.partition_point(|s| s.start <= inner.start);
    // Walk back over the spans that contain it (only several when `inner` is empty
    // and sits on a boundary): the first one wins, as a scan would find it.
    let mut found = None;
    while k > 0 && sorted[k - 1].contains(inner) {
        found = Some(sorted[k - 1]);
        k -= 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_pair() {
        let s = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(0, 5);
        assert!(a.overlaps(&Span::new(4, 8)));
        assert!(!a.overlaps(&Span::new(5, 8)));
        assert!(a.contains(&Span::new(1, 5)));
        assert!(!a.contains(&Span::new(1, 6)));
    }

    #[test]
    fn sorted_lookups_match_a_scan() {
        let sentences = [Span::new(0, 10), Span::new(10, 25), Span::new(26, 40)];
        for inner in [
            Span::new(3, 7),
            Span::new(12, 25),
            Span::new(10, 10),
            Span::new(24, 27),
        ] {
            let scan = sentences.iter().find(|s| s.contains(&inner)).copied();
            assert_eq!(containing(&sentences, &inner), scan, "{inner:?}");
        }
        let items: Vec<Span> = (0..50).map(|i| Span::new(i * 3, i * 3 + 4)).collect();
        for range in [Span::new(0, 0), Span::new(5, 30), Span::new(140, 200)] {
            let scan: Vec<Span> = items
                .iter()
                .filter(|s| range.contains(s))
                .copied()
                .collect();
            let fast: Vec<Span> = starting_in(&items, |s| *s, range)
                .iter()
                .filter(|s| range.contains(s))
                .copied()
                .collect();
            assert_eq!(fast, scan, "{range:?}");
        }
    }
}
