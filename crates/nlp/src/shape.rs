//! Word shape: the classes of a word's characters with runs collapsed
//! (`McCain` → `XxXx`, `U.S.` → `X.X.`, `1,060` → `d,d`).
//!
//! The NER tagger and the syntax tagger both use the shape as a feature; each hashes it with
//! its own mixing and length limit because their trained weight tables were built that way.

/// The class of one character: `X` upper, `x` lower, `d` numeric, `a` other letters
/// (scripts without case), anything else itself.
fn class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// The shape classes of `w`, one per run of equal classes.
pub(crate) fn classes(w: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = None;
    w.chars().map(class).filter(move |&k| {
        let new = last != Some(k);
        last = Some(k);
        new
    })
}

#[cfg(test)]
mod tests {
    use super::classes;

    fn shape(w: &str) -> String {
        classes(w).collect()
    }

    #[test]
    fn runs_collapse_per_class() {
        assert_eq!(shape("McCain"), "XxXx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,060"), "d,d");
        assert_eq!(shape("東京"), "a");
        assert_eq!(shape(""), "");
    }
}
