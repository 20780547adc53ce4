//! Cleaning: one document (text dump or HTML page) to one [`Article`] with its main
//! text, blocks, furniture and metadata.

pub(crate) mod furniture;
pub mod html;
pub(crate) mod normalise;
mod textdump;

pub use html::clean_html;
pub use textdump::clean_text;

/// A paragraph that appears up to this many times in a body is kept once, by both
/// cleaners; one repeated more often is the text itself (a page that is one paragraph
/// over and over) and stays whole.
const MAX_COPIES: usize = 10;

/// Whether two texts are the same words, case and layout aside (a body line that only
/// repeats the title). Word by word, so a line that differs early costs nothing (a big
/// page has hundreds of thousands of lines to check against its title).
fn same_text(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.is_ascii() && q.is_ascii() => {
                if !p.eq_ignore_ascii_case(q) {
                    return false;
                }
            }
            (Some(p), Some(q)) => {
                if p.to_lowercase() != q.to_lowercase() {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_text_ignores_case_and_layout_only() {
        use super::same_text;
        assert!(same_text("The  Long\nReport", " the long report "));
        assert!(same_text("ΟΔΟΣ Café", "οδος CAFÉ"));
        assert!(!same_text("The long report", "The long report, part 2"));
        assert!(!same_text("The long report", "The long"));
        assert!(!same_text("a b", "a c"));
        assert!(same_text("", "  "));
    }
}
